-- Console accounts (docs/api.md, "Console accounts"): people who sign in to the web console, each with
-- one role. A company account belongs to one organisation and sees only its goods; regulators and admins
-- belong to none. Usernames are stored lower-case, so "Alice" and "alice" are one account.
CREATE TABLE console_account (
    username        text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('company', 'regulator', 'admin')),
    organisation_id text REFERENCES organisation (id),
    -- Argon2id in the PHC string format (core.auth.PasswordHashing); never the password
    password_hash   text NOT NULL,
    -- wrong passwords since the last sign-in or lock-out; reaching the sign-in's limit locks the account
    failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until    timestamptz,
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_sign_in    timestamptz,
    CHECK ((role = 'company') = (organisation_id IS NOT NULL))
);
CREATE INDEX console_account_organisation_idx ON console_account (organisation_id);

-- Signed-in console sessions. The cookie carries a random value; only its SHA-256 is kept, so a copy of
-- this table does not let anyone sign in. Deleting an account ends its sessions.
CREATE TABLE console_session (
    id_hash    bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    username   text NOT NULL REFERENCES console_account (username) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
-- the periodic clean-up deletes by expiry; disabling an account deletes by username
CREATE INDEX console_session_expires_idx ON console_session (expires_at);
CREATE INDEX console_session_username_idx ON console_session (username);
