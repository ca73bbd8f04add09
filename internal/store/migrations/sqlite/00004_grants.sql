-- +goose Up
-- Engineers' provider grants for the built-in vault: refresh tokens sealed
-- with AES-256-GCM (key id kept for rotation), never stored in clear.
CREATE TABLE grants (
    engineer   TEXT NOT NULL,
    provider   TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    scopes     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (engineer, provider)
);

-- +goose Down
DROP TABLE grants;
