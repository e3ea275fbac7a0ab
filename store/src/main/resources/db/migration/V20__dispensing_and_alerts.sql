-- The NHSA one-sale rule: a pack (its China drug traceability code or Digital Link) is sold to a patient
-- once. One row per pack ever sold, written by store.dispensing.Dispensings only; the primary key is the
-- rule, so two pharmacies selling the same code at the same moment cannot both succeed.
-- sold_at is the time the seller states (its till's clock), recorded_at the server's; org_id the selling
-- organisation (any company may sell any pack), location the GLN of the pharmacy or hospital.
CREATE TABLE dispensing (
    gtin        char(14) NOT NULL,
    serial      text NOT NULL,
    sold_at     timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    org_id      text NOT NULL REFERENCES organisation (id),
    location    char(13) NOT NULL CHECK (location ~ '^[0-9]{13}$'),
    PRIMARY KEY (gtin, serial),
    FOREIGN KEY (gtin, serial) REFERENCES item (gtin, serial)
);
CREATE INDEX dispensing_org_idx ON dispensing (org_id, recorded_at);

-- What regulators are told about: a second sale of a dispensed pack today; seq gaps, clone warnings and
-- other kinds later. subject names what it is about (a pack by its Digital Link path, /01/{gtin}/10/{lot}/21/{serial});
-- org_id the organisation whose product or device it concerns (a company sees the alerts of its own);
-- details the kind's own facts. Written by store.alerts.Alerts only.
CREATE TABLE alert (
    id       bigserial PRIMARY KEY,
    kind     text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,63}$'),
    subject  text NOT NULL,
    org_id   text REFERENCES organisation (id),
    details  jsonb NOT NULL DEFAULT '{}'::jsonb,
    raised_at timestamptz NOT NULL DEFAULT now()
);
-- Pages newest first, all of them (regulators) or one organisation's (companies, or a regulator's filter).
CREATE INDEX alert_org_idx ON alert (org_id, id);
CREATE INDEX alert_kind_idx ON alert (kind, id);
