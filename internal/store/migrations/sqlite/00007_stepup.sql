-- +goose Up
-- A third kind of wait: step-up authentication before a risky action runs.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt.
CREATE TABLE approvals_new (
    id             TEXT PRIMARY KEY,
    action_id      TEXT NOT NULL REFERENCES actions (id),
    incident_id    TEXT NOT NULL REFERENCES incidents (id),
    kind           TEXT NOT NULL CHECK (kind IN ('approval', 'reauth', 'stepup')),
    target         TEXT NOT NULL,
    delegates      TEXT NOT NULL DEFAULT '[]',
    decided_by     TEXT NOT NULL DEFAULT '',
    decision       TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'declined')),
    created_at     TIMESTAMP NOT NULL,
    decided_at     TIMESTAMP,
    escalated_at   TIMESTAMP,
    decided_scopes TEXT NOT NULL DEFAULT '',
    -- The step-up challenge (method, message, provider state); may hold a
    -- CIBA auth_req_id, so the API never returns it.
    challenge      TEXT NOT NULL DEFAULT ''
);
INSERT INTO approvals_new (id, action_id, incident_id, kind, target, delegates, decided_by, decision, created_at,
    decided_at, escalated_at, decided_scopes)
SELECT id, action_id, incident_id, kind, target, delegates, decided_by, decision, created_at,
    decided_at, escalated_at, decided_scopes FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_new RENAME TO approvals;
CREATE INDEX approvals_pending_idx ON approvals (target, decision);
CREATE INDEX approvals_action_idx ON approvals (action_id);

-- Built-in TOTP: secrets sealed with the vault keyring, the last used time
-- step (replay), and wrong codes in the current window (rate limit).
CREATE TABLE totp_secrets (
    engineer     TEXT PRIMARY KEY,
    key_id       TEXT NOT NULL,
    nonce        BLOB NOT NULL,
    ciphertext   BLOB NOT NULL,
    confirmed    INTEGER NOT NULL DEFAULT 0,
    enrolled_at  TIMESTAMP NOT NULL,
    last_step    INTEGER NOT NULL DEFAULT -1,
    failures     INTEGER NOT NULL DEFAULT 0,
    failed_since TIMESTAMP
);

-- +goose Down
DROP TABLE totp_secrets;
DELETE FROM approvals WHERE kind = 'stepup';
CREATE TABLE approvals_old (
    id             TEXT PRIMARY KEY,
    action_id      TEXT NOT NULL REFERENCES actions (id),
    incident_id    TEXT NOT NULL REFERENCES incidents (id),
    kind           TEXT NOT NULL CHECK (kind IN ('approval', 'reauth')),
    target         TEXT NOT NULL,
    delegates      TEXT NOT NULL DEFAULT '[]',
    decided_by     TEXT NOT NULL DEFAULT '',
    decision       TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'declined')),
    created_at     TIMESTAMP NOT NULL,
    decided_at     TIMESTAMP,
    escalated_at   TIMESTAMP,
    decided_scopes TEXT NOT NULL DEFAULT ''
);
INSERT INTO approvals_old SELECT id, action_id, incident_id, kind, target, delegates, decided_by, decision, created_at,
    decided_at, escalated_at, decided_scopes FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_old RENAME TO approvals;
CREATE INDEX approvals_pending_idx ON approvals (target, decision);
CREATE INDEX approvals_action_idx ON approvals (action_id);
