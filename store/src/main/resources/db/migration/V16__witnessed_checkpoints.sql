-- Witnesses (C2SP tlog-witness): a checkpoint is published (served as the latest, anchored on the ledger,
-- used for proofs) only once a quorum of witnesses has cosigned it. Until then it is held: signed and
-- stored, so the log and its chain are complete, but shown to no one. Existing checkpoints were published
-- without witnesses and stay so.
ALTER TABLE checkpoint ADD COLUMN held boolean NOT NULL DEFAULT false;
-- The witnesses' cosignature lines (signed-note lines, each ending in a newline), appended to the note
-- wherever the checkpoint is shown; the note itself stays as the log signed it, so the prev_hash chain holds.
ALTER TABLE checkpoint ADD COLUMN cosignatures text;
COMMENT ON COLUMN checkpoint.held IS 'true while the checkpoint lacks its quorum of witness cosignatures';
