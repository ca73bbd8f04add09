package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/warroom/warroom/internal/incident"
)

// StoredAlert is an alert episode as kept, with its place in an incident.
type StoredAlert struct {
	ID            string
	IncidentID    string
	ReceivedAt    time.Time
	ReceivedCount int
	incident.Alert
}

func mapJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // a map of strings always marshals
	return string(b)
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

const upsertAlert = `INSERT INTO alerts (id, source, fingerprint, starts_at, status, service, title, description,
	severity, labels, annotations, ends_at, url, raw, received_at, last_seen, group_key)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
	ON CONFLICT (source, fingerprint, starts_at) DO UPDATE SET
		dirty = CASE WHEN alerts.status <> excluded.status THEN 1 ELSE alerts.dirty END,
		status = excluded.status, ends_at = excluded.ends_at, last_seen = excluded.last_seen,
		received_count = alerts.received_count + 1, annotations = excluded.annotations, raw = excluded.raw`

// UpsertAlerts stores alerts received at at. A re-delivered episode updates
// its row (and is re-grouped only if its status changed); a new episode is
// inserted for grouping. On PostgreSQL the same round trip announces them
// to every replica's grouping loop when the transaction commits
// (GroupingChannel).
func (q q) UpsertAlerts(ctx context.Context, alerts []incident.Alert, at time.Time) error {
	stmts := make([]stmt, 0, len(alerts)+1)
	for _, a := range alerts {
		if err := a.Validate(); err != nil {
			return fmt.Errorf("store alert: %w", err)
		}
		raw := string(a.Raw)
		if raw == "" {
			raw = "{}"
		}
		stmts = append(stmts, stmt{upsertAlert, []any{uuid.Must(uuid.NewV7()).String(), a.Source, a.Fingerprint,
			a.StartsAt.UTC().Truncate(time.Microsecond), string(a.Status), a.Service, a.Title, a.Description, a.Severity,
			mapJSON(a.Labels), mapJSON(a.Annotations), nullTime(a.EndsAt), a.URL, raw, at.UTC(), a.Group}})
	}
	if q.dialect == Postgres && len(alerts) > 0 {
		stmts = append(stmts, stmt{notifyGrouping, []any{GroupingChannel}})
	}
	if _, err := q.db.execBatch(ctx, stmts); err != nil {
		return fmt.Errorf("store alerts: %w", err)
	}
	return nil
}

const alertCols = `id, COALESCE(incident_id, ''), received_at, received_count, source, fingerprint, starts_at, status,
	service, title, description, severity, labels, annotations, ends_at, url, raw, group_key`

func scanAlert(r row) (StoredAlert, error) {
	var a StoredAlert
	var status string
	var labels, annotations, raw []byte
	var endsAt *time.Time
	if err := r.Scan(&a.ID, &a.IncidentID, &a.ReceivedAt, &a.ReceivedCount, &a.Source, &a.Fingerprint, &a.StartsAt,
		&status, &a.Service, &a.Title, &a.Description, &a.Severity, &labels, &annotations, &endsAt, &a.URL, &raw, &a.Group); err != nil {
		return a, err
	}
	a.Status, a.Raw = incident.AlertStatus(status), raw
	a.ReceivedAt, a.StartsAt = a.ReceivedAt.UTC(), a.StartsAt.UTC()
	if endsAt != nil {
		a.EndsAt = endsAt.UTC()
	}
	if err := json.Unmarshal(labels, &a.Labels); err != nil {
		return a, fmt.Errorf("alert %s labels: %w", a.ID, err)
	}
	if err := json.Unmarshal(annotations, &a.Annotations); err != nil {
		return a, fmt.Errorf("alert %s annotations: %w", a.ID, err)
	}
	return a, nil
}

// ClaimDirtyAlerts returns up to limit alerts awaiting grouping, oldest
// first, locked for this transaction (PostgreSQL skips rows another worker holds).
func (q q) ClaimDirtyAlerts(ctx context.Context, limit int) ([]StoredAlert, error) {
	out, err := queryAll(ctx, q.db, scanAlert, `SELECT `+alertCols+` FROM alerts WHERE dirty = 1
		ORDER BY received_at, id LIMIT $1`+q.skipLocked(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim alerts: %w", err)
	}
	return out, nil
}

// AlertsOfIncident lists an incident's alerts.
func (q q) AlertsOfIncident(ctx context.Context, incidentID string) ([]StoredAlert, error) {
	out, err := queryAll(ctx, q.db, scanAlert, `SELECT `+alertCols+` FROM alerts WHERE incident_id = $1 ORDER BY starts_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("alerts of incident %s: %w", incidentID, err)
	}
	return out, nil
}

// AlertLink places one alert in an incident ("" for none).
type AlertLink struct {
	AlertID    string
	IncidentID string
}

// MarkAlertsGrouped links alerts to their incidents and clears dirty, in one
// round trip on PostgreSQL.
func (q q) MarkAlertsGrouped(ctx context.Context, links []AlertLink) error {
	stmts := make([]stmt, 0, len(links))
	for _, l := range links {
		var inc any
		if l.IncidentID != "" {
			inc = l.IncidentID
		}
		stmts = append(stmts, stmt{`UPDATE alerts SET dirty = 0, incident_id = COALESCE($2, incident_id) WHERE id = $1`,
			[]any{l.AlertID, inc}})
	}
	if _, err := q.db.execBatch(ctx, stmts); err != nil {
		return fmt.Errorf("mark %d alerts grouped: %w", len(links), err)
	}
	return nil
}

// ResolveOpenEpisodes resolves every firing, grouped episode of
// (source, fingerprint), for sources whose resolve notice carries the time
// of resolution rather than the episode's start (and whose re-notifications
// open new episodes). It returns the incidents those episodes belong to.
func (q q) ResolveOpenEpisodes(ctx context.Context, source, fingerprint string, endsAt time.Time) ([]string, error) {
	incidents, err := queryAll(ctx, q.db, scanString, `SELECT DISTINCT incident_id FROM alerts WHERE source = $1
		AND fingerprint = $2 AND status = 'firing' AND incident_id IS NOT NULL ORDER BY incident_id`, source, fingerprint)
	if err != nil {
		return nil, fmt.Errorf("find episodes of %s/%s: %w", source, fingerprint, err)
	}
	if len(incidents) == 0 {
		return nil, nil
	}
	if _, err := q.db.exec(ctx, `UPDATE alerts SET status = 'resolved', ends_at = $3 WHERE source = $1 AND fingerprint = $2
		AND status = 'firing' AND incident_id IS NOT NULL`, source, fingerprint, nullTime(endsAt)); err != nil {
		return nil, fmt.Errorf("resolve episodes of %s/%s: %w", source, fingerprint, err)
	}
	return incidents, nil
}

// FiringAlertCount is how many of an incident's alerts still fire.
func (q q) FiringAlertCount(ctx context.Context, incidentID string) (int, error) {
	var n int
	if err := q.db.queryRow(ctx, `SELECT COUNT(*) FROM alerts WHERE incident_id = $1 AND status = 'firing'`,
		incidentID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count firing alerts of %s: %w", incidentID, err)
	}
	return n, nil
}

// LockGroup serialises grouping for one key until the transaction ends.
func (t *Tx) LockGroup(ctx context.Context, key string) error {
	if err := t.lockKey(ctx, "group:"+key); err != nil {
		return fmt.Errorf("lock group %s: %w", key, err)
	}
	return nil
}

// OpenIncidentForGroup finds the open incident of a group that received an
// alert at or after since, or "" if there is none.
func (q q) OpenIncidentForGroup(ctx context.Context, key string, since time.Time) (string, error) {
	var id string
	err := q.db.queryRow(ctx, `SELECT id FROM incidents WHERE group_key = $1 AND status IN ('open', 'mitigating')
		AND last_alert_at >= $2 ORDER BY last_alert_at DESC LIMIT 1`, key, since.UTC()).Scan(&id)
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find incident of group %s: %w", key, err)
	}
	return id, nil
}

// OpenIncidentOfAlertGroup finds the open incident that holds an alert of
// the source's notification group, seen since since; "" when none does.
func (q q) OpenIncidentOfAlertGroup(ctx context.Context, source, group string, since time.Time) (string, error) {
	var id string
	err := q.db.queryRow(ctx, `SELECT a.incident_id FROM alerts a JOIN incidents i ON i.id = a.incident_id
		WHERE a.source = $1 AND a.group_key = $2 AND a.group_key <> '' AND a.last_seen >= $3
		AND i.status IN ('open', 'mitigating') ORDER BY a.last_seen DESC LIMIT 1`, source, group, since.UTC()).Scan(&id)
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find incident of %s group %s: %w", source, group, err)
	}
	return id, nil
}

// SetIncidentGroup records an incident's group key and the time of its newest alert.
func (q q) SetIncidentGroup(ctx context.Context, id, key string, lastAlert time.Time) error {
	if _, err := q.db.exec(ctx, `UPDATE incidents SET group_key = $2, last_alert_at = $3 WHERE id = $1`,
		id, key, lastAlert.UTC()); err != nil {
		return fmt.Errorf("set group of incident %s: %w", id, err)
	}
	return nil
}

// TouchIncidentAlert records that an open incident received an alert at
// at, unless it already had a later one: an incident fed through a
// notification group stays open to its own group key's alerts too.
func (q q) TouchIncidentAlert(ctx context.Context, id string, at time.Time) error {
	if _, err := q.db.exec(ctx, `UPDATE incidents SET last_alert_at = $2 WHERE id = $1 AND (last_alert_at IS NULL OR last_alert_at < $2)`,
		id, at.UTC()); err != nil {
		return fmt.Errorf("touch incident %s: %w", id, err)
	}
	return nil
}

// GroupingChannel is the PostgreSQL channel on which commits that stored
// alerts tell every replica's grouping loop.
const GroupingChannel = "warroom_grouping"

const notifyGrouping = `SELECT pg_notify($1, '')`

// AlertCounts reports stored episodes and deliveries: the load tool's
// "nothing lost" check.
func (q q) AlertCounts(ctx context.Context) (episodes, deliveries int64, err error) {
	err = q.db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(received_count), 0) FROM alerts`).Scan(&episodes, &deliveries)
	if err != nil {
		return 0, 0, fmt.Errorf("count alerts: %w", err)
	}
	return episodes, deliveries, nil
}

// AcceptSignature records a signature inside its replay window; it returns
// false when the same signature was already accepted (a replay).
func (q q) AcceptSignature(ctx context.Context, source, signature string, at time.Time) (bool, error) {
	n, err := q.db.exec(ctx, `INSERT INTO seen_signatures (source, signature, seen_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, source, signature, at.UTC())
	if err != nil {
		return false, fmt.Errorf("record signature: %w", err)
	}
	return n == 1, nil
}

// ForgetSignatures drops signatures older than before: outside the replay
// window a signed timestamp is refused anyway.
func (q q) ForgetSignatures(ctx context.Context, before time.Time) error {
	if _, err := q.db.exec(ctx, `DELETE FROM seen_signatures WHERE seen_at < $1`, before.UTC()); err != nil {
		return fmt.Errorf("forget signatures: %w", err)
	}
	return nil
}

// GroupingBacklog counts alerts and reports waiting for grouping, as
// committed (rows a running step holds still count until it commits).
func (q q) GroupingBacklog(ctx context.Context) (int64, error) {
	var n int64
	err := q.db.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM alerts WHERE dirty = 1) + (SELECT COUNT(*) FROM reports WHERE dirty = 1)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count grouping backlog: %w", err)
	}
	return n, nil
}
