-- SD-JWT disclosures move from envelope_disclosure (V29: one row each, with a digest, two unique
-- indexes and a foreign key check per row) onto their envelope: the array as received, in order.
-- The digests were never read (they are recomputed from the disclosure text wherever they are
-- checked), and a captured event carries 3-4 disclosures, so the rows and their index upkeep cost
-- capture about a fifth of its rate (docs/benchmarks.md). NULL: a plain JWS, or an SD-JWT sent
-- without disclosures. The log still commits to envelope.jws alone; a disclosure can be withheld
-- or erased by rewriting this array without touching what the log covers.
ALTER TABLE envelope ADD COLUMN disclosures text[] CHECK (cardinality(disclosures) > 0);

UPDATE envelope e SET disclosures = d.list
FROM (SELECT envelope_id, array_agg(disclosure ORDER BY position) AS list FROM envelope_disclosure GROUP BY envelope_id) d
WHERE e.id = d.envelope_id;

DROP TABLE envelope_disclosure;
