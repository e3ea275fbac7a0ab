-- EPCIS capture through the HTTP API (GS1 REST bindings): each POST /epcis/capture is a job whose
-- state the sender can poll. A job is all or nothing: success with its chunk, or failure with errors.
CREATE TABLE epcis_capture_job (
    id           text PRIMARY KEY,
    org_id       text NOT NULL REFERENCES organisation (id),
    subject      text NOT NULL,
    event_count  integer NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    running      boolean NOT NULL DEFAULT true,
    success      boolean NOT NULL DEFAULT true,
    errors       jsonb NOT NULL DEFAULT '[]',
    chunk_id     bigint REFERENCES chunk (id)
);
CREATE INDEX epcis_capture_job_org_idx ON epcis_capture_job (org_id, created_at);

-- The next seq of each server-attested pseudo-device (kind 'api'). Capture transactions take a
-- block of numbers from this row, which also serialises captures of one organisation, so seqs
-- are committed in the order they were handed out.
CREATE TABLE api_device_seq (
    device_id text PRIMARY KEY REFERENCES device (id),
    next_seq  bigint NOT NULL CHECK (next_seq >= 0)
);

-- Queries are scoped to an organisation and page by (time, id).
CREATE INDEX epcis_event_org_time_idx ON epcis_event (org_id, event_time, id);
CREATE INDEX epcis_event_record_time_idx ON epcis_event (record_time, id);
