-- A lot may be named nowhere but inside its items' Digital Links (/01/{gtin}/10/{lot}/21/{serial},
-- commissioned without an ILMD lot number). Tracing forward from such a lot reads the identifiers
-- starting with /01/{gtin}/10/{lot}/21/: a byte-order range, which only an index in the "C"
-- collation serves whatever the database's own collation is (the plain index on epc keeps the
-- equality look-ups, which use the default collation).
CREATE INDEX event_epc_epc_bytes_idx ON event_epc (epc COLLATE "C");
