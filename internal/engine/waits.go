package engine

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// WaitPolicy bounds how long a human may take. Each wait has its own
// timeout: an approval that times out is escalated once (EscalateTo may
// then decide too, and the timeline says so); a re-authorization cannot be
// delegated, since only the approver can reconnect their own account, so one
// that times out fails its action with that reason.
type WaitPolicy struct {
	ApprovalTimeout time.Duration // 0: wait for ever
	EscalateTo      []string
	ReauthTimeout   time.Duration // 0: wait for ever
	CheckEvery      time.Duration // default 30s
}

func (w WaitPolicy) checkEvery() time.Duration {
	if w.CheckEvery > 0 {
		return w.CheckEvery
	}
	return 30 * time.Second
}

type waitsArgs struct{}

func (waitsArgs) Kind() string { return "check_waits" }

type waitsWorker struct {
	river.WorkerDefaults[waitsArgs]
	e *Engine
}

func (w *waitsWorker) Work(ctx context.Context, _ *river.Job[waitsArgs]) error {
	return w.e.CheckWaits(ctx)
}

// CheckWaits escalates overdue approvals and fails overdue re-authorizations.
func (e *Engine) CheckWaits(ctx context.Context) error {
	now, p := e.now(), e.opts.Waits
	if p.ApprovalTimeout > 0 {
		overdue, err := e.store.OverdueApprovals(ctx, incident.WaitApproval, now.Add(-p.ApprovalTimeout))
		if err != nil {
			return err
		}
		for _, ap := range overdue {
			if err := e.escalate(ctx, ap, now); err != nil {
				return err
			}
		}
	}
	if e.opts.StepUp != nil {
		if err := e.expireStepUps(ctx, now); err != nil {
			return err
		}
	}
	if p.ReauthTimeout > 0 {
		overdue, err := e.store.OverdueApprovals(ctx, incident.WaitReauth, now.Add(-p.ReauthTimeout))
		if err != nil {
			return err
		}
		for _, ap := range overdue {
			if err := e.expireReauth(ctx, ap, now); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *Engine) escalate(ctx context.Context, ap incident.Approval, now time.Time) error {
	delegates := slices.Clone(ap.Delegates)
	for _, who := range e.opts.Waits.EscalateTo {
		if who != ap.Target && !slices.Contains(delegates, who) {
			delegates = append(delegates, who)
		}
	}
	return e.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.EscalateApproval(ctx, ap.ID, delegates, now); err != nil {
			return err
		}
		ev, err := incident.NewEvent(ap.IncidentID, incident.EventApprovalEscalated, incident.System, now, map[string]any{
			"approval_id": ap.ID, "action_id": ap.ActionID, "waiting_for": ap.Target, "may_also_decide": delegates,
			"after": e.opts.Waits.ApprovalTimeout.String(),
		})
		if err != nil {
			return err
		}
		return record(ctx, tx, ev, audit.Entry{Action: "approval.escalate", TargetSystem: "warroom",
			TargetResource: "approval:" + ap.ID, Outcome: audit.OutcomeSuccess,
			Detail: fmt.Sprintf("@%s did not decide within %s", ap.Target, e.opts.Waits.ApprovalTimeout)})
	})
}

func (e *Engine) expireReauth(ctx context.Context, ap incident.Approval, now time.Time) error {
	return e.store.InTx(ctx, func(tx *store.Tx) error {
		return e.cancelWait(ctx, tx, ap, fmt.Sprintf("@%s did not re-authorize within %s", ap.Target, e.opts.Waits.ReauthTimeout), now)
	})
}
