-- A device's stream restarted by an operator (issue 18): who, when, why, and what the old stream was,
-- so its records stay explained. The reset forgets the device_stream row (the next envelope starts a
-- new stream, as a new device's first one does); the old stream's envelopes stay stored, anchored and
-- provable. Written by store.envelopes.StreamResets only.
CREATE TABLE device_stream_reset (
    id                 bigserial PRIMARY KEY,
    device_id          text NOT NULL REFERENCES device (id),
    reset_at           timestamptz NOT NULL DEFAULT now(),
    reset_by           text NOT NULL CHECK (length(reset_by) BETWEEN 1 AND 200),
    reason             text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    -- the stream before the reset; null when the device had stored nothing
    previous_first_seq bigint,
    previous_max_seq   bigint,
    previous_stored    bigint
);
CREATE INDEX device_stream_reset_device_idx ON device_stream_reset (device_id, id);

-- Seq gaps that raised an alert: one row per alerted run, so a run (or any part of it left open after
-- late envelopes arrived) is alerted once, even with several ingest replicas watching. Written by
-- store.envelopes.GapAlerts only.
CREATE TABLE seq_gap_alert (
    device_id text NOT NULL REFERENCES device (id),
    from_seq  bigint NOT NULL,
    to_seq    bigint NOT NULL CHECK (to_seq >= from_seq),
    alert_id  bigint NOT NULL REFERENCES alert (id),
    raised_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, from_seq, to_seq)
);
-- Readiness sums what was alerted recently.
CREATE INDEX seq_gap_alert_raised_idx ON seq_gap_alert (raised_at);
