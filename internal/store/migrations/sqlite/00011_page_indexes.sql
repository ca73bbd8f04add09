-- +goose Up
-- Pages read what they show, not the history: incidents newest first
-- (all, by status, by severity: keyset pages), an incident's pending
-- approvals, every pending approval in order (the waits' sweeps), the
-- escalated ones (whose delegates may decide them), and one
-- engineer's audit entries newest first (the consent page).
CREATE INDEX incidents_newest_idx ON incidents (created_at, id);
CREATE INDEX incidents_status_newest_idx ON incidents (status, created_at, id);
CREATE INDEX incidents_severity_newest_idx ON incidents (severity, created_at, id);
CREATE INDEX approvals_incident_pending_idx ON approvals (incident_id, created_at, id) WHERE decision = '';
CREATE INDEX approvals_pending_order_idx ON approvals (created_at, id) WHERE decision = '';
CREATE INDEX approvals_escalated_pending_idx ON approvals (created_at, id) WHERE decision = '' AND escalated_at IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);

-- +goose Down
DROP INDEX audit_log_actor_idx;
DROP INDEX approvals_escalated_pending_idx;
DROP INDEX approvals_pending_order_idx;
DROP INDEX approvals_incident_pending_idx;
DROP INDEX incidents_severity_newest_idx;
DROP INDEX incidents_status_newest_idx;
DROP INDEX incidents_newest_idx;
