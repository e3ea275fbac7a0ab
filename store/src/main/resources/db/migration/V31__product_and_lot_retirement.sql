-- A product or lot is retired, not deleted: its items, events, certificates and proofs stay as they
-- were and keep resolving; a retired product takes no new lots and a retired lot (or any lot of a
-- retired product) no new items. Null while in use. Changes already drop kept journeys by the
-- registry triggers of V22.
ALTER TABLE product ADD COLUMN retired_at timestamptz;
ALTER TABLE lot ADD COLUMN retired_at timestamptz;

-- The console lists an organisation's products in GTIN order (GET /v1/products).
CREATE INDEX product_org_idx ON product (org_id, gtin);

-- The console lists an organisation's certificates, newest first (GET /v1/certificates).
CREATE INDEX produce_certificate_org_idx ON produce_certificate (org_id, created_at DESC, id DESC);
