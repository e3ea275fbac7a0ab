-- Every public lookup of a code (resolver and consumer page): when, and a coarse region taken from a
-- CDN header when one is present. No IP addresses and nothing else about the person who scanned.
-- Lot and serial are empty strings (not null) for product and lot lookups, so one index serves all.
CREATE TABLE scan (
    id         bigserial PRIMARY KEY,
    scanned_at timestamptz NOT NULL DEFAULT now(),
    gtin       char(14) NOT NULL,
    lot        text NOT NULL DEFAULT '',
    serial     text NOT NULL DEFAULT '',
    region     text NOT NULL DEFAULT 'unknown' CHECK (region ~ '^[A-Za-z0-9-]{1,16}$')
);
CREATE INDEX scan_code_idx ON scan (gtin, serial, lot, scanned_at);
CREATE INDEX scan_time_idx ON scan (scanned_at);
