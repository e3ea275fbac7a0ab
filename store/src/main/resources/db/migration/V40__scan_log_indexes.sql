-- The scan log (V8) is written on every public lookup and read by nothing here: a code's count,
-- first and last lookup and regions are in scan_summary (V11), which the lookups read. Its btree on
-- (gtin, serial, lot, scanned_at) took three quarters of the scan writer's insert (about 15 of 20 ms
-- for 1,000 scans into 1.5 million rows: each key lands on a random page), a cost paid per lookup.
-- What remains is an index by time, as a BRIN: rows arrive in time order, so it stays a few pages
-- and costs next to nothing per row, and it still serves questions over a time range (scans of a
-- code in a week, by a filter within it, or a retention job deleting by month).
DROP INDEX scan_code_idx;
DROP INDEX scan_time_idx;
CREATE INDEX scan_time_brin ON scan USING brin (scanned_at);
