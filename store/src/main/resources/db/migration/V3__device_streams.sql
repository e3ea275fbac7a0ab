-- Per-device sequence state: the replay window and loss we cannot prevent (a broker that dropped
-- messages) show up as gaps between first_seq and max_seq that stored_count does not cover.
CREATE TABLE device_stream (
    device_id    text PRIMARY KEY REFERENCES device (id),
    first_seq    bigint NOT NULL,
    max_seq      bigint NOT NULL,
    stored_count bigint NOT NULL,
    last_seen    timestamptz NOT NULL DEFAULT now()
);

-- Revocations are polled by ingest replicas; these indexes keep that poll cheap.
CREATE INDEX device_key_revoked_idx ON device_key (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX device_revoked_idx ON device (revoked_at) WHERE revoked_at IS NOT NULL;
