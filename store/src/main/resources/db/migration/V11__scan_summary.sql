-- What the consumer page says about a code's lookups, kept per code by the scan log's batch writer
-- (store.scans.ScanLog, its only writer) so that a lookup reads one row instead of counting `scan`.
-- The key is the code as counted: an item by GTIN and serial whatever lot its link named (lot = ''),
-- a lot by GTIN and lot (serial = ''), a product by its GTIN (both '').
-- after_dispensing counts the lookups stored after the item's dispensed_at as it stood when they were
-- written; regions holds the distinct known regions (at most 1,000; past that only the count grows).
CREATE TABLE scan_summary (
    gtin             char(14) NOT NULL,
    lot              text NOT NULL,
    serial           text NOT NULL,
    lookups          bigint NOT NULL,
    first_at         timestamptz NOT NULL,
    last_at          timestamptz NOT NULL,
    regions          text[] NOT NULL DEFAULT '{}',
    after_dispensing bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (gtin, serial, lot)
);

-- Lookups stored before this summary existed.
INSERT INTO scan_summary (gtin, lot, serial, lookups, first_at, last_at, regions, after_dispensing)
SELECT s.gtin, CASE WHEN s.serial = '' THEN s.lot ELSE '' END, s.serial, count(*), min(s.scanned_at), max(s.scanned_at),
       coalesce(array_agg(DISTINCT s.region) FILTER (WHERE s.region <> 'unknown'), '{}'),
       count(*) FILTER (WHERE s.scanned_at > i.dispensed_at)
FROM scan s LEFT JOIN item i ON s.serial <> '' AND i.gtin = s.gtin AND i.serial = s.serial
GROUP BY 1, 2, 3;
