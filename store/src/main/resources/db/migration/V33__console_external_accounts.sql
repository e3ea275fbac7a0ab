-- Console accounts of people who sign in through an external OpenID Connect provider. Such an account
-- is found by the provider's issuer and the person's subject there (never by username, so a provider
-- cannot take over a local account by naming itself after it) and has no usable password: its
-- password_hash is a marker that is no Argon2id PHC string, so a password sign-in for it always fails.
ALTER TABLE console_account
    ADD COLUMN external_issuer  text,
    ADD COLUMN external_subject text,
    ADD CONSTRAINT console_account_external_both CHECK ((external_issuer IS NULL) = (external_subject IS NULL)),
    ADD CONSTRAINT console_account_external_no_password CHECK (external_issuer IS NULL OR password_hash NOT LIKE '$%');
CREATE UNIQUE INDEX console_account_external ON console_account (external_issuer, external_subject);

-- A sign-in sent to the provider and not back yet: found by the SHA-256 of its state (the browser holds
-- the state in a cookie too), taken once, and useless after a few minutes.
CREATE TABLE console_oidc_login (
    state_hash    bytea PRIMARY KEY,
    nonce         text NOT NULL,
    code_verifier text NOT NULL,
    redirect_uri  text NOT NULL,
    next_path     text NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX console_oidc_login_expiry ON console_oidc_login (expires_at);
