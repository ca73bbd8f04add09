package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

const incidentCols = `id, title, service, severity, status, owner, created_at, updated_at`

func scanIncident(r row) (incident.Incident, error) {
	var i incident.Incident
	var sev, status string
	err := r.Scan(&i.ID, &i.Title, &i.Service, &sev, &status, &i.Owner, &i.CreatedAt, &i.UpdatedAt)
	i.Severity, i.Status = incident.Severity(sev), incident.Status(status)
	i.CreatedAt, i.UpdatedAt = i.CreatedAt.UTC(), i.UpdatedAt.UTC()
	return i, err
}

// CreateIncident stores a new incident; its owner can never change afterwards.
func (q q) CreateIncident(ctx context.Context, i incident.Incident) error {
	if err := i.Validate(); err != nil {
		return fmt.Errorf("create incident: %w", err)
	}
	_, err := q.db.exec(ctx, `INSERT INTO incidents (`+incidentCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		i.ID, i.Title, i.Service, string(i.Severity), string(i.Status), i.Owner, i.CreatedAt.UTC(), i.UpdatedAt.UTC())
	if err != nil {
		return fmt.Errorf("create incident %s: %w", i.ID, err)
	}
	return nil
}

// GetIncident loads one incident.
func (q q) GetIncident(ctx context.Context, id string) (incident.Incident, error) {
	i, err := scanIncident(q.db.queryRow(ctx, `SELECT `+incidentCols+` FROM incidents WHERE id = $1`, id))
	if err != nil {
		return i, fmt.Errorf("get incident %s: %w", id, err)
	}
	return i, nil
}

// IncidentFilter narrows ListIncidents; zero values match everything.
type IncidentFilter struct {
	Status   incident.Status
	Severity incident.Severity
	Limit    int
	// After continues a listing past the incident it names (keyset
	// pagination); the zero value starts at the newest.
	After IncidentCursor
}

// IncidentCursor is a position in the newest-first order of incidents: the
// creation time and id of the last incident read.
type IncidentCursor struct {
	CreatedAt time.Time
	ID        string
}

// CursorOf is the position just after inc.
func CursorOf(inc incident.Incident) IncidentCursor {
	return IncidentCursor{CreatedAt: inc.CreatedAt, ID: inc.ID}
}

// IsZero reports whether c is the start of the listing.
func (c IncidentCursor) IsZero() bool { return c.ID == "" }

// String encodes c as an opaque token for a URL.
func (c IncidentCursor) String() string {
	if c.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(c.CreatedAt.UnixNano(), 10) + "." + c.ID))
}

// ParseIncidentCursor decodes a token from IncidentCursor.String ("" is the
// start); anything else is incident.ErrInvalid.
func ParseIncidentCursor(s string) (IncidentCursor, error) {
	if s == "" {
		return IncidentCursor{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	nanos, id, ok := strings.Cut(string(raw), ".")
	n, perr := strconv.ParseInt(nanos, 10, 64)
	if err != nil || !ok || perr != nil || id == "" {
		return IncidentCursor{}, fmt.Errorf("cursor %q is not one this server gave: %w", s, incident.ErrInvalid)
	}
	return IncidentCursor{CreatedAt: time.Unix(0, n).UTC(), ID: id}, nil
}

// ListIncidents returns incidents newest first, from an index whatever the
// filter: each filter set adds its own condition rather than one statement
// that matches "any" with a placeholder no index can serve.
func (q q) ListIncidents(ctx context.Context, f IncidentFilter) ([]incident.Incident, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	var c conds
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.Severity != "" {
		c.add("severity = " + c.arg(string(f.Severity)))
	}
	if !f.After.IsZero() {
		at, id := c.arg(f.After.CreatedAt.UTC()), c.arg(f.After.ID)
		c.add("(created_at < " + at + " OR (created_at = " + at + " AND id < " + id + "))")
	}
	out, err := queryAll(ctx, q.db, scanIncident, `SELECT `+incidentCols+` FROM incidents`+c.where()+
		` ORDER BY created_at DESC, id DESC LIMIT `+c.arg(f.Limit), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	return out, nil
}

// IncidentPages reads the incidents f selects a page at a time: each call
// returns up to n of them after the last it returned. It is how a lister
// that keeps only some of what it reads (access.VisiblePage) walks on.
func (q q) IncidentPages(ctx context.Context, f IncidentFilter) func(n int) ([]incident.Incident, error) {
	return func(n int) ([]incident.Incident, error) {
		f.Limit = n
		got, err := q.ListIncidents(ctx, f)
		if len(got) > 0 {
			f.After = CursorOf(got[len(got)-1])
		}
		return got, err
	}
}

// SetIncidentStatus moves an incident to status to if the domain allows it
// and nobody moved it concurrently.
func (q q) SetIncidentStatus(ctx context.Context, id string, to incident.Status) (incident.Incident, error) {
	cur, err := q.GetIncident(ctx, id)
	if err != nil {
		return cur, err
	}
	if _, err := cur.Status.Next(to); err != nil {
		return cur, fmt.Errorf("set status of incident %s: %w", id, err)
	}
	at := now()
	n, err := q.db.exec(ctx, `UPDATE incidents SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
		string(to), at, id, string(cur.Status))
	if err != nil {
		return cur, fmt.Errorf("set status of incident %s: %w", id, err)
	}
	if n == 0 {
		return cur, fmt.Errorf("set status of incident %s: changed concurrently: %w", id, ErrConflict)
	}
	cur.Status, cur.UpdatedAt = to, at
	return cur, nil
}

// SetIncidentSeverity records a (re)classification.
func (q q) SetIncidentSeverity(ctx context.Context, id string, sev incident.Severity) error {
	if !sev.Valid() {
		return fmt.Errorf("set severity %q: %w", sev, incident.ErrInvalid)
	}
	n, err := q.db.exec(ctx, `UPDATE incidents SET severity = $1, updated_at = $2 WHERE id = $3`, string(sev), now(), id)
	if err != nil {
		return fmt.Errorf("set severity of incident %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("set severity of incident %s: %w", id, ErrNotFound)
	}
	return nil
}

// AppendEvent adds ev to its incident's timeline with the next sequence
// number. The counter lives on the incident row, so concurrent appends to one
// incident serialise on that row and the timeline has no gaps.
func (q q) AppendEvent(ctx context.Context, ev incident.Event) (incident.Event, error) {
	if ev.At.IsZero() {
		ev.At = now()
	}
	ev.At = ev.At.UTC().Truncate(time.Microsecond)
	if err := q.db.queryRow(ctx, `UPDATE incidents SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq`,
		ev.IncidentID).Scan(&ev.Seq); err != nil {
		return ev, fmt.Errorf("append event to incident %s: %w", ev.IncidentID, err)
	}
	data := string(ev.Data)
	if data == "" {
		data = "{}"
	}
	if err := q.db.queryRow(ctx, `INSERT INTO events (incident_id, seq, type, actor_id, actor_type, at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		ev.IncidentID, ev.Seq, string(ev.Type), ev.Actor.ID, string(ev.Actor.Type), ev.At, data).Scan(&ev.ID); err != nil {
		return ev, fmt.Errorf("append event to incident %s: %w", ev.IncidentID, err)
	}
	if q.appended != nil {
		q.appended()
	}
	return ev, nil
}

// ListEvents returns an incident's timeline after sequence afterSeq, in order.
func (q q) ListEvents(ctx context.Context, incidentID string, afterSeq int64, limit int) ([]incident.Event, error) {
	if limit <= 0 || limit > 10000 {
		limit = 1000
	}
	out, err := queryAll(ctx, q.db, scanEvent, `SELECT id, incident_id, seq, type, actor_id, actor_type, at, data FROM events
		WHERE incident_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, incidentID, afterSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("list events of incident %s: %w", incidentID, err)
	}
	return out, nil
}

func scanEvent(r row) (incident.Event, error) {
	var ev incident.Event
	var typ, actorType string
	var data []byte
	err := r.Scan(&ev.ID, &ev.IncidentID, &ev.Seq, &typ, &ev.Actor.ID, &actorType, &ev.At, &data)
	ev.Type, ev.Actor.Type, ev.At, ev.Data = incident.EventType(typ), incident.ActorType(actorType), ev.At.UTC(), data
	return ev, err
}
