-- +goose Up
-- A third kind of wait: step-up authentication before a risky action runs.
ALTER TABLE approvals DROP CONSTRAINT approvals_kind_check;
ALTER TABLE approvals ADD CONSTRAINT approvals_kind_check CHECK (kind IN ('approval', 'reauth', 'stepup'));
-- The step-up challenge (method, message, provider state); may hold a CIBA
-- auth_req_id, so the API never returns it.
ALTER TABLE approvals ADD COLUMN challenge TEXT NOT NULL DEFAULT '';

-- Built-in TOTP: secrets sealed with the vault keyring, the last used time
-- step (replay), and wrong codes in the current window (rate limit).
CREATE TABLE totp_secrets (
    engineer     TEXT PRIMARY KEY,
    key_id       TEXT NOT NULL,
    nonce        BYTEA NOT NULL,
    ciphertext   BYTEA NOT NULL,
    confirmed    BOOLEAN NOT NULL DEFAULT FALSE,
    enrolled_at  TIMESTAMPTZ NOT NULL,
    last_step    BIGINT NOT NULL DEFAULT -1,
    failures     INTEGER NOT NULL DEFAULT 0,
    failed_since TIMESTAMPTZ
);

-- +goose Down
DROP TABLE totp_secrets;
DELETE FROM approvals WHERE kind = 'stepup';
ALTER TABLE approvals DROP COLUMN challenge;
ALTER TABLE approvals DROP CONSTRAINT approvals_kind_check;
ALTER TABLE approvals ADD CONSTRAINT approvals_kind_check CHECK (kind IN ('approval', 'reauth'));
