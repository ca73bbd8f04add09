package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

const approvalCols = `id, action_id, incident_id, kind, target, delegates, decided_by, decision, created_at, decided_at, decided_scopes, challenge`

func scanApproval(r row) (incident.Approval, error) {
	var a incident.Approval
	var kind, decision string
	var delegates []byte
	var decidedAt *time.Time
	var scopes, challenge string
	if err := r.Scan(&a.ID, &a.ActionID, &a.IncidentID, &kind, &a.Target, &delegates, &a.DecidedBy, &decision,
		&a.CreatedAt, &decidedAt, &scopes, &challenge); err != nil {
		return a, err
	}
	if challenge != "" {
		a.Challenge = []byte(challenge)
	}
	a.DecidedScopes = strings.Fields(scopes)
	a.Kind, a.Decision, a.CreatedAt = incident.WaitKind(kind), incident.Decision(decision), a.CreatedAt.UTC()
	if decidedAt != nil {
		a.DecidedAt = decidedAt.UTC()
	}
	if err := json.Unmarshal(delegates, &a.Delegates); err != nil {
		return a, fmt.Errorf("approval %s delegates: %w", a.ID, err)
	}
	return a, nil
}

// CreateApproval stores an undecided request: the suspension itself.
func (q q) CreateApproval(ctx context.Context, a incident.Approval) error {
	if a.ID == "" || a.ActionID == "" || a.Target == "" {
		return fmt.Errorf("create approval: id, action and target are required: %w", incident.ErrInvalid)
	}
	if a.Delegates == nil {
		a.Delegates = []string{}
	}
	delegates, err := json.Marshal(a.Delegates)
	if err != nil {
		return fmt.Errorf("create approval %s: %w", a.ID, err)
	}
	_, err = q.db.exec(ctx, `INSERT INTO approvals (id, action_id, incident_id, kind, target, delegates, created_at, challenge)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		a.ID, a.ActionID, a.IncidentID, string(a.Kind), a.Target, string(delegates), a.CreatedAt.UTC(), string(a.Challenge))
	if err != nil {
		return fmt.Errorf("create approval %s: %w", a.ID, err)
	}
	return nil
}

// GetApproval loads one approval request.
func (q q) GetApproval(ctx context.Context, id string) (incident.Approval, error) {
	a, err := scanApproval(q.db.queryRow(ctx, `SELECT `+approvalCols+` FROM approvals WHERE id = $1`, id))
	if err != nil {
		return a, fmt.Errorf("get approval %s: %w", id, err)
	}
	return a, nil
}

// PendingApprovals lists undecided requests, all of them or one engineer's.
// Each filter has its own statement, so each uses its own index.
func (q q) PendingApprovals(ctx context.Context, target string) ([]incident.Approval, error) {
	var out []incident.Approval
	var err error
	if target == "" {
		out, err = queryAll(ctx, q.db, scanApproval, `SELECT `+approvalCols+` FROM approvals
			WHERE decision = '' ORDER BY created_at, id`)
	} else {
		out, err = queryAll(ctx, q.db, scanApproval, `SELECT `+approvalCols+` FROM approvals
			WHERE target = $1 AND decision = '' ORDER BY created_at, id`, target)
	}
	if err != nil {
		return nil, fmt.Errorf("list pending approvals: %w", err)
	}
	return out, nil
}

// PendingApprovalsFor lists the undecided requests engineer may decide,
// oldest first: those waiting for them, and escalated ones that name them
// as a delegate (delegates are a JSON list, so those are read from the
// escalated waits only, which are few).
func (q q) PendingApprovalsFor(ctx context.Context, engineer string) ([]incident.Approval, error) {
	mine, err := q.PendingApprovals(ctx, engineer)
	if err != nil {
		return nil, err
	}
	escalated, err := queryAll(ctx, q.db, scanApproval, `SELECT `+approvalCols+` FROM approvals
		WHERE decision = '' AND escalated_at IS NOT NULL ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list escalated approvals: %w", err)
	}
	out := mine
	for _, a := range escalated {
		if a.Target != engineer && a.MayDecide(engineer) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b incident.Approval) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// PendingApprovalsOf lists one incident's undecided requests, oldest first.
func (q q) PendingApprovalsOf(ctx context.Context, incidentID string) ([]incident.Approval, error) {
	out, err := queryAll(ctx, q.db, scanApproval, `SELECT `+approvalCols+` FROM approvals
		WHERE incident_id = $1 AND decision = '' ORDER BY created_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("list pending approvals of incident %s: %w", incidentID, err)
	}
	return out, nil
}

// RecordDecision saves a decided approval once: a second decision, even a
// concurrent one, finds the row already decided and gets ErrAlreadyDecided.
func (q q) RecordDecision(ctx context.Context, a incident.Approval) error {
	if !a.Decision.Valid() || a.DecidedBy == "" {
		return fmt.Errorf("record decision on %s: %w", a.ID, incident.ErrInvalid)
	}
	n, err := q.db.exec(ctx, `UPDATE approvals SET decision = $1, decided_by = $2, decided_at = $3, decided_scopes = $5
		WHERE id = $4 AND decision = ''`, string(a.Decision), a.DecidedBy, a.DecidedAt.UTC(), a.ID, strings.Join(a.DecidedScopes, " "))
	if err != nil {
		return fmt.Errorf("record decision on %s: %w", a.ID, err)
	}
	if n == 0 {
		return fmt.Errorf("record decision on %s: %w", a.ID, incident.ErrAlreadyDecided)
	}
	return nil
}

// OverdueApprovals lists undecided waits of one kind created before cutoff
// and not yet escalated.
func (q q) OverdueApprovals(ctx context.Context, kind incident.WaitKind, cutoff time.Time) ([]incident.Approval, error) {
	out, err := queryAll(ctx, q.db, scanApproval, `SELECT `+approvalCols+` FROM approvals
		WHERE decision = '' AND kind = $1 AND created_at < $2 AND escalated_at IS NULL ORDER BY created_at, id`,
		string(kind), cutoff.UTC())
	if err != nil {
		return nil, fmt.Errorf("overdue approvals: %w", err)
	}
	return out, nil
}

// EscalateApproval widens who may decide an undecided wait, once.
func (q q) EscalateApproval(ctx context.Context, id string, delegates []string, at time.Time) error {
	if delegates == nil {
		delegates = []string{}
	}
	b, err := json.Marshal(delegates)
	if err != nil {
		return err
	}
	n, err := q.db.exec(ctx, `UPDATE approvals SET delegates = $2, escalated_at = $3 WHERE id = $1 AND decision = '' AND escalated_at IS NULL`,
		id, string(b), at.UTC())
	if err != nil {
		return fmt.Errorf("escalate approval %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("escalate approval %s: %w", id, ErrConflict)
	}
	return nil
}

// DecidedApproval is the approval (kind approval) that approved an action,
// with the scopes its decider's token carried.
func (q q) DecidedApproval(ctx context.Context, actionID string) (incident.Approval, error) {
	a, err := scanApproval(q.db.queryRow(ctx, `SELECT `+approvalCols+` FROM approvals
		WHERE action_id = $1 AND kind = 'approval' AND decision = 'approved' ORDER BY decided_at DESC LIMIT 1`, actionID))
	if err != nil {
		return a, fmt.Errorf("approval of action %s: %w", actionID, err)
	}
	return a, nil
}

// UpdateChallenge saves a step-up wait's challenge as it moves on (a CIBA
// poll that raised the interval); ErrConflict once the wait is decided.
func (q q) UpdateChallenge(ctx context.Context, id string, challenge []byte) error {
	n, err := q.db.exec(ctx, `UPDATE approvals SET challenge = $2 WHERE id = $1 AND decision = ''`, id, string(challenge))
	if err != nil {
		return fmt.Errorf("update challenge of %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("update challenge of %s: %w", id, ErrConflict)
	}
	return nil
}

// LastStepUp is the newest step-up wait engineer passed for an action;
// ErrNotFound when there is none.
func (q q) LastStepUp(ctx context.Context, actionID, engineer string) (incident.Approval, error) {
	a, err := scanApproval(q.db.queryRow(ctx, `SELECT `+approvalCols+` FROM approvals
		WHERE action_id = $1 AND kind = 'stepup' AND decision = 'approved' AND decided_by = $2
		ORDER BY decided_at DESC LIMIT 1`, actionID, engineer))
	if err != nil {
		return a, fmt.Errorf("step-up of %s for action %s: %w", engineer, actionID, err)
	}
	return a, nil
}
