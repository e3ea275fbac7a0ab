-- Who sees what (issue 15): an owner organisation shares its events about one product (gtin), or one
-- lot of it, with a partner organisation, which then reads them through its EPCIS queries and traces:
-- the public fields plus the disclosures of the members named in fields (NULL: every member). Revoked,
-- not deleted; a share past expires_at, or revoked, shows nothing from the next query on.
CREATE TABLE epcis_share (
    id          bigserial PRIMARY KEY,
    owner_org   text NOT NULL REFERENCES organisation (id),
    grantee_org text NOT NULL REFERENCES organisation (id) CHECK (grantee_org <> owner_org),
    gtin        char(14) NOT NULL REFERENCES product (gtin),
    lot         text,
    -- the lot's event_epc key (core.identifiers.EpcKey of its Digital Link), computed when shared
    lot_key     text CHECK ((lot IS NULL) = (lot_key IS NULL)),
    -- top-level event members whose disclosures the partner sees; NULL: all of them
    fields      text[],
    expires_at  timestamptz,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    FOREIGN KEY (gtin, lot) REFERENCES lot (gtin, lot)
);
-- a partner's query reads the shares it holds; an owner lists those it gave
CREATE INDEX epcis_share_grantee_idx ON epcis_share (grantee_org) WHERE revoked_at IS NULL;
CREATE INDEX epcis_share_owner_idx ON epcis_share (owner_org);
-- a product-wide share finds the events naming any of the product's codes (/01/{gtin}/10/..., /21/...)
-- by a byte-order range of keys, which only an index in the "C" collation serves (as V9's on epc)
CREATE INDEX event_epc_key_bytes_idx ON event_epc (epc_key COLLATE "C");
