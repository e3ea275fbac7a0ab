-- A lot's items are paged by serial (keyset paging) and streamed in that order for labels; this
-- index serves both without sorting, and its (gtin, lot) prefix serves what item_lot_idx did.
CREATE INDEX item_lot_serial_idx ON item (gtin, lot, serial);
DROP INDEX item_lot_idx;
