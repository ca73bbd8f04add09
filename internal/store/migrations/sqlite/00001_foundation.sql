-- +goose Up
CREATE TABLE incidents (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    service    TEXT NOT NULL DEFAULT '',
    severity   TEXT NOT NULL DEFAULT '' CHECK (severity IN ('', 'P1', 'P2', 'P3')),
    status     TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'resolved', 'invalidated')),
    owner      TEXT NOT NULL CHECK (owner <> ''),
    last_seq   INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX incidents_status_idx ON incidents (status, created_at);

-- The owner is fixed at registration (invariant 6): the database refuses a change.
-- +goose StatementBegin
CREATE TRIGGER incidents_owner_fixed BEFORE UPDATE OF owner ON incidents
WHEN NEW.owner <> OLD.owner
BEGIN
    SELECT RAISE(ABORT, 'incident owner is fixed at registration');
END;
-- +goose StatementEnd

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_type  TEXT NOT NULL CHECK (actor_type IN ('agent', 'human', 'system')),
    at          TIMESTAMP NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',
    UNIQUE (incident_id, seq)
);

CREATE TABLE actions (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    kind            TEXT NOT NULL,
    risk            TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high', 'critical')),
    class           TEXT NOT NULL CHECK (class IN ('open', 'protected')),
    status          TEXT NOT NULL,
    target          TEXT NOT NULL DEFAULT '',
    params          TEXT NOT NULL DEFAULT '{}',
    reason          TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL UNIQUE,
    approved_by     TEXT NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    result          TEXT NOT NULL DEFAULT '{}',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX actions_incident_idx ON actions (incident_id, created_at);

CREATE TABLE approvals (
    id          TEXT PRIMARY KEY,
    action_id   TEXT NOT NULL REFERENCES actions (id),
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    kind        TEXT NOT NULL CHECK (kind IN ('approval', 'reauth')),
    target      TEXT NOT NULL,
    delegates   TEXT NOT NULL DEFAULT '[]',
    decided_by  TEXT NOT NULL DEFAULT '',
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'declined')),
    created_at  TIMESTAMP NOT NULL,
    decided_at  TIMESTAMP
);
CREATE INDEX approvals_pending_idx ON approvals (target, decision);
CREATE INDEX approvals_action_idx ON approvals (action_id);

-- Audit columns are TEXT, not JSON, so the bytes that were hashed are the bytes kept.
CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY,
    at              TIMESTAMP NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_type      TEXT NOT NULL,
    action          TEXT NOT NULL,
    incident_id     TEXT NOT NULL DEFAULT '',
    target_system   TEXT NOT NULL DEFAULT '',
    target_resource TEXT NOT NULL DEFAULT '',
    gates           TEXT NOT NULL DEFAULT '[]',
    outcome         TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_log_incident_idx ON audit_log (incident_id, seq);

-- The head anchors the chain so deleting the newest entries is detectable.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE approvals;
DROP TABLE actions;
DROP TABLE events;
DROP TABLE incidents;
