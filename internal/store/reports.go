package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Report is a human's message that may report an incident.
type Report struct {
	ID         string
	Source     string // "slack"
	Channel    string
	TS         string // the message's timestamp id within the channel
	EventID    string // Slack's event_id when it came through the Events API
	User       string
	Text       string
	Raw        json.RawMessage
	ReceivedAt time.Time
	Decision   string // "", "incident" or "chatter"
	Score      float64
	Reasons    []string
	Service    string
	IncidentID string
}

// InsertReport stores a report once: a message already stored (same channel
// and ts, or same event id: a Slack retry, or the poller finding what the
// Events API delivered) is not stored again, and inserted is false.
func (q q) InsertReport(ctx context.Context, r Report) (inserted bool, err error) {
	var eventID any
	if r.EventID != "" {
		eventID = r.EventID
	}
	raw := string(r.Raw)
	if raw == "" {
		raw = "{}"
	}
	n, err := q.db.exec(ctx, `INSERT INTO reports (id, source, channel, ts, event_id, user_id, text, raw, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
		r.ID, r.Source, r.Channel, r.TS, eventID, r.User, r.Text, raw, r.ReceivedAt.UTC())
	if err != nil {
		return false, fmt.Errorf("store report %s/%s: %w", r.Channel, r.TS, err)
	}
	return n == 1, nil
}

const reportCols = `id, source, channel, ts, COALESCE(event_id, ''), user_id, text, raw, received_at, decision, score,
	reasons, service, COALESCE(incident_id, '')`

func scanReport(r row) (Report, error) {
	var rep Report
	var raw, reasons []byte
	if err := r.Scan(&rep.ID, &rep.Source, &rep.Channel, &rep.TS, &rep.EventID, &rep.User, &rep.Text, &raw, &rep.ReceivedAt,
		&rep.Decision, &rep.Score, &reasons, &rep.Service, &rep.IncidentID); err != nil {
		return rep, err
	}
	rep.Raw, rep.ReceivedAt = raw, rep.ReceivedAt.UTC()
	if err := json.Unmarshal(reasons, &rep.Reasons); err != nil {
		return rep, fmt.Errorf("report %s reasons: %w", rep.ID, err)
	}
	return rep, nil
}

// ClaimDirtyReports returns up to limit undecided reports, oldest first, locked for this transaction.
func (q q) ClaimDirtyReports(ctx context.Context, limit int) ([]Report, error) {
	out, err := queryAll(ctx, q.db, scanReport, `SELECT `+reportCols+` FROM reports WHERE dirty = 1
		ORDER BY received_at, id LIMIT $1`+q.skipLocked(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim reports: %w", err)
	}
	return out, nil
}

// ListReports returns reports newest first.
func (q q) ListReports(ctx context.Context, limit int) ([]Report, error) {
	out, err := queryAll(ctx, q.db, scanReport, `SELECT `+reportCols+` FROM reports ORDER BY received_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return out, nil
}

// SaveReportDecision records the incident-or-chatter decision and its reasons.
func (q q) SaveReportDecision(ctx context.Context, r Report) error {
	if r.Decision != "incident" && r.Decision != "chatter" {
		return fmt.Errorf("report decision %q is neither incident nor chatter", r.Decision)
	}
	if r.Reasons == nil {
		r.Reasons = []string{}
	}
	reasons, err := json.Marshal(r.Reasons)
	if err != nil {
		return fmt.Errorf("save report decision: %w", err)
	}
	var inc any
	if r.IncidentID != "" {
		inc = r.IncidentID
	}
	if _, err := q.db.exec(ctx, `UPDATE reports SET dirty = 0, decision = $2, score = $3, reasons = $4, service = $5,
		incident_id = $6 WHERE id = $1`, r.ID, r.Decision, r.Score, string(reasons), r.Service, inc); err != nil {
		return fmt.Errorf("save decision on report %s: %w", r.ID, err)
	}
	return nil
}

// SlackCursor is the newest message ts already polled in a channel ("" if none).
func (q q) SlackCursor(ctx context.Context, channel string) (string, error) {
	var ts string
	err := q.db.queryRow(ctx, `SELECT last_ts FROM slack_cursors WHERE channel = $1`, channel).Scan(&ts)
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read slack cursor of %s: %w", channel, err)
	}
	return ts, nil
}

// SetSlackCursor moves a channel's cursor.
func (q q) SetSlackCursor(ctx context.Context, channel, ts string) error {
	if _, err := q.db.exec(ctx, `INSERT INTO slack_cursors (channel, last_ts, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (channel) DO UPDATE SET last_ts = excluded.last_ts, updated_at = excluded.updated_at`,
		channel, ts, now()); err != nil {
		return fmt.Errorf("move slack cursor of %s: %w", channel, err)
	}
	return nil
}

// ReportsOfIncident lists the reports that opened or joined an incident.
func (q q) ReportsOfIncident(ctx context.Context, incidentID string) ([]Report, error) {
	out, err := queryAll(ctx, q.db, scanReport, `SELECT `+reportCols+` FROM reports WHERE incident_id = $1
		ORDER BY received_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("reports of incident %s: %w", incidentID, err)
	}
	return out, nil
}
