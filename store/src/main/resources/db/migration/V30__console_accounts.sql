CREATE TABLE console_account (
    username        text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('company', 'regulator', 'admin')),
    organisation_id text REFERENCES organisation (id),
    password_hash   text NOT NULL,
    failed_attempts int NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_sign_in    timestamptz,
    CHECK ((role = 'company') = (organisation_id IS NOT NULL))
);

CREATE TABLE console_session (
    id_hash    bytea PRIMARY KEY,
    username   text NOT NULL REFERENCES console_account ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX console_session_expiry ON console_session (expires_at);
CREATE INDEX console_session_account ON console_session (username);
