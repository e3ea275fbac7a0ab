-- Who may fetch an envelope's proof bundle without a token (docs/proofs.md, "Who may fetch a proof
-- bundle"): reading envelopes of a device whose readings are public; never events, whose payloads
-- name serial numbers and business fields. Readings are public unless the owner says otherwise.
ALTER TABLE device ADD COLUMN readings_public boolean NOT NULL DEFAULT true;
