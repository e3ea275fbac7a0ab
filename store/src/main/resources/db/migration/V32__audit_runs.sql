-- The outcome of each audit run through the API (GET /v1/audit): the log's health page shows the last
-- one, and a regulator can see when the data was last checked and by whom. Problems are kept up to 20;
-- problem_count says how many there were.
CREATE TABLE audit_run (
    id            bigserial PRIMARY KEY,
    ran_at        timestamptz NOT NULL DEFAULT now(),
    ran_by        text NOT NULL,
    scope         text NOT NULL CHECK (scope IN ('recent', 'full')),
    passed        boolean NOT NULL,
    consistent    boolean NOT NULL,
    chunks        bigint NOT NULL,
    envelopes     bigint NOT NULL,
    checkpoints   integer NOT NULL,
    problem_count integer NOT NULL,
    problems      jsonb NOT NULL,
    duration_ms   bigint NOT NULL
);
CREATE INDEX audit_run_ran_at_idx ON audit_run (ran_at DESC);
