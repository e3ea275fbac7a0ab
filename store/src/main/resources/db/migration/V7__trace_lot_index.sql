-- Tracing forward from a lot to its items, and back from an item to its lot, reads the lot number
-- that commissioning events carry in their ILMD (CBV master data lotNumber, in its JSON-LD compact
-- or full form). One expression index keeps that an index scan.
CREATE INDEX epcis_event_ilmd_lot_idx ON epcis_event
    ((coalesce(doc->'ilmd'->>'cbvmda:lotNumber', doc->'ilmd'->>'urn:epcglobal:cbv:mda#lotNumber')))
    WHERE doc ? 'ilmd';
