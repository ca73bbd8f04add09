-- +goose Up
CREATE TABLE incidents (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    service    TEXT NOT NULL DEFAULT '',
    severity   TEXT NOT NULL DEFAULT '' CHECK (severity IN ('', 'P1', 'P2', 'P3')),
    status     TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'resolved', 'invalidated')),
    owner      TEXT NOT NULL CHECK (owner <> ''),
    last_seq   BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX incidents_status_idx ON incidents (status, created_at);

-- +goose StatementBegin
CREATE FUNCTION warroom_owner_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.owner <> OLD.owner THEN
        RAISE EXCEPTION 'incident owner is fixed at registration' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER incidents_owner_fixed BEFORE UPDATE OF owner ON incidents
    FOR EACH ROW EXECUTE FUNCTION warroom_owner_fixed();

CREATE TABLE events (
    id          BIGSERIAL PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    seq         BIGINT NOT NULL,
    type        TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_type  TEXT NOT NULL CHECK (actor_type IN ('agent', 'human', 'system')),
    at          TIMESTAMPTZ NOT NULL,
    data        JSONB NOT NULL DEFAULT '{}',
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
    params          JSONB NOT NULL DEFAULT '{}',
    reason          TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL UNIQUE,
    approved_by     TEXT NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    result          JSONB NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX actions_incident_idx ON actions (incident_id, created_at);

CREATE TABLE approvals (
    id          TEXT PRIMARY KEY,
    action_id   TEXT NOT NULL REFERENCES actions (id),
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    kind        TEXT NOT NULL CHECK (kind IN ('approval', 'reauth')),
    target      TEXT NOT NULL,
    delegates   JSONB NOT NULL DEFAULT '[]',
    decided_by  TEXT NOT NULL DEFAULT '',
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'declined')),
    created_at  TIMESTAMPTZ NOT NULL,
    decided_at  TIMESTAMPTZ
);
CREATE INDEX approvals_pending_idx ON approvals (target, decision);
CREATE INDEX approvals_action_idx ON approvals (action_id);

-- Audit columns are TEXT, not JSONB, so the bytes that were hashed are the bytes kept.
CREATE TABLE audit_log (
    seq             BIGINT PRIMARY KEY,
    at              TIMESTAMPTZ NOT NULL,
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

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The database itself refuses to rewrite history (invariant 6).
-- +goose StatementBegin
CREATE FUNCTION warroom_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION warroom_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION warroom_audit_append_only();

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP FUNCTION IF EXISTS warroom_audit_append_only CASCADE;
DROP TABLE approvals;
DROP TABLE actions;
DROP TABLE events;
DROP TABLE incidents;
DROP FUNCTION IF EXISTS warroom_owner_fixed CASCADE;
