-- China's commitment-compliance certificate (承诺达标合格证) for farm produce: one per production
-- batch (lot), issued by the farm or cooperative. The certificate's content is also signed and
-- logged: it is the extension member of an attested EPCIS ObjectEvent (event_id), so this row is
-- the index a lookup reads, not the evidence.
CREATE TABLE produce_certificate (
    id          text PRIMARY KEY,
    org_id      text NOT NULL REFERENCES organisation (id),
    gtin        char(14) NOT NULL,
    lot         text NOT NULL,
    issued_on   date NOT NULL,
    event_id    text NOT NULL UNIQUE REFERENCES epcis_event (event_id),
    content     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (gtin, lot) REFERENCES lot (gtin, lot)
);
CREATE INDEX produce_certificate_lot_idx ON produce_certificate (gtin, lot);
CREATE INDEX produce_certificate_created_idx ON produce_certificate (created_at);

-- A purchaser's record of receiving a certificate with the goods (its attested receiving event).
CREATE TABLE produce_certificate_receipt (
    certificate_id text NOT NULL REFERENCES produce_certificate (id),
    org_id         text NOT NULL REFERENCES organisation (id),
    event_id       text NOT NULL UNIQUE REFERENCES epcis_event (event_id),
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (certificate_id, org_id, event_id)
);

-- Which lots a lot was made from: one row per (output lot, input lot) of every stored
-- TransformationEvent that names lots (LGTIN classes or lot Digital Links) on both sides, written
-- with the event's rows. A mixed or repacked lot's certificates are those of its inputs,
-- transitively: a recursive walk over this table from the looked-up lot, in the lookup's first statement.
CREATE TABLE lot_input (
    gtin       char(14) NOT NULL,
    lot        text NOT NULL,
    input_gtin char(14) NOT NULL,
    input_lot  text NOT NULL,
    event_id   bigint NOT NULL REFERENCES epcis_event (id),
    PRIMARY KEY (gtin, lot, input_gtin, input_lot, event_id)
);
