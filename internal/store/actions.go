package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/warroom/warroom/internal/incident"
)

const actionCols = `id, incident_id, kind, risk, class, status, target, params, reason, idempotency_key,
	approved_by, attempts, result, created_at, updated_at`

func scanAction(r row) (incident.Action, error) {
	var a incident.Action
	var risk, class, status string
	var params, result []byte
	err := r.Scan(&a.ID, &a.IncidentID, &a.Kind, &risk, &class, &status, &a.Target, &params, &a.Reason,
		&a.IdempotencyKey, &a.ApprovedBy, &a.Attempts, &result, &a.CreatedAt, &a.UpdatedAt)
	a.Risk, a.Class, a.Status = incident.Risk(risk), incident.Class(class), incident.ActionStatus(status)
	a.Params, a.Result = params, result
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, err
}

func jsonText(raw json.RawMessage, empty string) string {
	if len(raw) == 0 {
		return empty
	}
	return string(raw)
}

// CreateAction stores a proposed action with its idempotency key.
func (q q) CreateAction(ctx context.Context, a incident.Action) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("create action: %w", err)
	}
	_, err := q.db.exec(ctx, `INSERT INTO actions (`+actionCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		a.ID, a.IncidentID, a.Kind, string(a.Risk), string(a.Class), string(a.Status), a.Target,
		jsonText(a.Params, "{}"), a.Reason, a.IdempotencyKey, a.ApprovedBy, a.Attempts,
		jsonText(a.Result, "{}"), a.CreatedAt.UTC(), a.UpdatedAt.UTC())
	if err != nil {
		return fmt.Errorf("create action %s: %w", a.ID, err)
	}
	return nil
}

// GetAction loads one action; inside a transaction on PostgreSQL it also
// locks the row so concurrent steps on one action serialise.
func (q q) GetAction(ctx context.Context, id string) (incident.Action, error) {
	a, err := scanAction(q.db.queryRow(ctx, `SELECT `+actionCols+` FROM actions WHERE id = $1`+q.forUpdate(), id))
	if err != nil {
		return a, fmt.Errorf("get action %s: %w", id, err)
	}
	return a, nil
}

// ListActions returns an incident's actions in proposal order.
func (q q) ListActions(ctx context.Context, incidentID string) ([]incident.Action, error) {
	out, err := queryAll(ctx, q.db, scanAction, `SELECT `+actionCols+` FROM actions WHERE incident_id = $1 ORDER BY created_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("list actions of incident %s: %w", incidentID, err)
	}
	return out, nil
}

// UpdateAction saves a's mutable fields, provided the stored status is still
// from (compare-and-set) and the domain allows from -> a.Status.
func (q q) UpdateAction(ctx context.Context, a incident.Action, from incident.ActionStatus) (incident.Action, error) {
	if from != a.Status {
		prev := a
		prev.Status = from
		if _, err := prev.Transition(a.Status); err != nil {
			return a, fmt.Errorf("update action %s: %w", a.ID, err)
		}
	}
	a.UpdatedAt = now()
	n, err := q.db.exec(ctx, `UPDATE actions SET status = $1, approved_by = $2, attempts = $3, result = $4, updated_at = $5
		WHERE id = $6 AND status = $7`,
		string(a.Status), a.ApprovedBy, a.Attempts, jsonText(a.Result, "{}"), a.UpdatedAt, a.ID, string(from))
	if err != nil {
		return a, fmt.Errorf("update action %s: %w", a.ID, err)
	}
	if n == 0 {
		return a, fmt.Errorf("update action %s: status is no longer %s: %w", a.ID, from, ErrConflict)
	}
	return a, nil
}
