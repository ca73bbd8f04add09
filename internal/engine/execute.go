package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// executeArgs is the persisted step "execute this action". Round separates
// the first execution from one resumed after re-authorization.
type executeArgs struct {
	ActionID string `json:"action_id"`
	Round    int    `json:"round"`
}

func (executeArgs) Kind() string { return "execute_action" }

type executeWorker struct {
	river.WorkerDefaults[executeArgs]
	e *Engine
}

// Work runs one execution step. The action row, not the job, is the source of
// truth: a step that finds its action already finished does nothing, and a
// step that finds it "executing" knows an earlier attempt may have reached
// the provider, so it reconciles before calling again.
func (w *executeWorker) Work(ctx context.Context, job *river.Job[executeArgs]) error {
	e := w.e
	start := time.Now()
	var a incident.Action
	var recovering bool
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if a, err = tx.GetAction(ctx, job.Args.ActionID); err != nil {
			return err
		}
		switch a.Status {
		case incident.ActionApproved, incident.ActionProposed:
		case incident.ActionExecuting:
			recovering = true
		default:
			// Finished, declined, or waiting for a human: nothing to do.
			return nil
		}
		from := a.Status
		a.Status = incident.ActionExecuting
		a.Attempts++
		// The attempt is recorded before the provider is called.
		if a, err = tx.UpdateAction(ctx, a, from); err != nil {
			return err
		}
		ev, err := incident.NewEvent(a.IncidentID, incident.EventActionExecuting, actorFor(a), e.now(), map[string]any{
			"action_id": a.ID, "kind": a.Kind, "attempt": a.Attempts, "run_as": a.ApprovedBy, "recovering": recovering,
		})
		if err != nil {
			return err
		}
		_, err = tx.AppendEvent(ctx, ev)
		return err
	})
	if err != nil {
		return fmt.Errorf("start step for action %s: %w", job.Args.ActionID, err)
	}
	if a.Status != incident.ActionExecuting {
		e.metrics.steps.WithLabelValues(a.Kind, "skipped").Inc()
		return nil
	}

	ex := e.executors[a.Kind]
	if ex == nil {
		return e.finish(ctx, a, nil, action.Result{}, fmt.Errorf("%s: %w", a.Kind, ErrUnknownKind), false, start)
	}
	req := action.Request{Action: a, IdempotencyKey: a.IdempotencyKey, RunAs: a.ApprovedBy}
	// The gates, in their fixed order, before any credential is touched.
	greq := gate.Request{Action: a, Engineer: a.ApprovedBy}
	if len(e.opts.Gates) > 0 && a.Class == incident.ClassProtected {
		ap, err := e.store.DecidedApproval(ctx, a.ID)
		if err != nil {
			return e.retryOrFail(ctx, job, a, nil, err, start)
		}
		greq.Scopes = ap.DecidedScopes
		su, err := e.store.LastStepUp(ctx, a.ID, a.ApprovedBy)
		switch {
		case err == nil:
			greq.SteppedUpAt, greq.SteppedUpVia = su.DecidedAt, challengeOf(su).Method
		case !errors.Is(err, store.ErrNotFound):
			return e.retryOrFail(ctx, job, a, nil, err, start)
		}
	}
	gates, err := e.opts.Gates.Run(ctx, greq)
	var pending *gate.PendingError
	if errors.As(err, &pending) {
		if err := e.awaitStepUp(ctx, a, gates, pending.Challenge); err != nil {
			return e.retryOrFail(ctx, job, a, gates, err, start)
		}
		return nil
	}
	if errors.Is(err, gate.ErrDenied) {
		return e.finish(ctx, a, gates, action.Result{}, err, false, start)
	}
	if err != nil {
		return e.retryOrFail(ctx, job, a, gates, err, start)
	}
	if ce, ok := ex.(action.CredentialedExecutor); ok {
		// Just in time: after approval, inside this attempt, for this call only.
		provider, scopes := ce.Credential(a)
		if e.opts.Credentials == nil || a.ApprovedBy == "" {
			return e.finish(ctx, a, gates, action.Result{}, fmt.Errorf("%s acts as a person at %s, but no approver identity or credential broker is available: %w",
				a.Kind, provider, action.ErrPermanent), false, start)
		}
		tok, err := e.opts.Credentials(ctx, a.ApprovedBy, provider, scopes)
		if err != nil {
			return e.retryOrFail(ctx, job, a, gates, fmt.Errorf("credential for %s at %s: %w", a.ApprovedBy, provider, err), start)
		}
		req.Token = tok
	}
	if recovering {
		res, done, err := ex.Reconcile(ctx, req)
		if err != nil {
			return e.retryOrFail(ctx, job, a, gates, fmt.Errorf("reconcile %s: %w", a.Kind, err), start)
		}
		if done {
			return e.finish(ctx, a, gates, res, nil, true, start)
		}
	}
	res, err := ex.Execute(ctx, req)
	if err != nil {
		return e.retryOrFail(ctx, job, a, gates, fmt.Errorf("execute %s: %w", a.Kind, err), start)
	}
	return e.finish(ctx, a, gates, res, nil, false, start)
}

// retryOrFail decides what an executor error means: a suspension for
// re-authorization, a final failure, or a retry by River (which reconciles first).
func (e *Engine) retryOrFail(ctx context.Context, job *river.Job[executeArgs], a incident.Action, gates []audit.GateResult, err error, start time.Time) error {
	switch {
	case errors.Is(err, action.ErrTokenExpired) && a.ApprovedBy != "":
		var ap *incident.Approval
		serr := e.store.InTx(ctx, func(tx *store.Tx) error {
			return e.suspend(ctx, tx, &a, a.ApprovedBy, nil, incident.WaitReauth, nil, e.now(), &ap)
		})
		if serr != nil {
			return fmt.Errorf("suspend for re-authorization: %w", serr)
		}
		e.metrics.steps.WithLabelValues(a.Kind, "awaiting_reauth").Inc()
		return nil
	case errors.Is(err, action.ErrPermanent), job.Attempt >= job.MaxAttempts:
		return e.finish(ctx, a, gates, action.Result{}, err, false, start)
	default:
		e.metrics.steps.WithLabelValues(a.Kind, "retry").Inc()
		e.log.WarnContext(ctx, "action step failed; will retry", "action_id", a.ID, "kind", a.Kind,
			"attempt", job.Attempt, "error", err.Error())
		return err
	}
}

// finish records the outcome, its event and its audit entry in one transaction.
func (e *Engine) finish(ctx context.Context, a incident.Action, gates []audit.GateResult, res action.Result, runErr error, reconciled bool, start time.Time) error {
	from := a.Status
	outcome, evType, label := audit.OutcomeSuccess, incident.EventActionSucceeded, "succeeded"
	detail := res.Summary
	if runErr != nil {
		outcome, evType, label = audit.OutcomeFailure, incident.EventActionFailed, "failed"
		if errors.Is(runErr, gate.ErrDenied) {
			outcome, label = audit.OutcomeDenied, "denied"
		}
		detail = runErr.Error()
		a.Status = incident.ActionFailed
		res = action.Result{Summary: detail}
	} else {
		a.Status = incident.ActionSucceeded
		if reconciled {
			evType, label = incident.EventActionReconciled, "reconciled"
		}
	}
	resJSON, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("finish action %s: %w", a.ID, err)
	}
	a.Result = resJSON
	err = e.store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UpdateAction(ctx, a, from); err != nil {
			return err
		}
		data := map[string]any{"action_id": a.ID, "kind": a.Kind, "attempt": a.Attempts, "run_as": a.ApprovedBy, "result": res}
		if len(gates) > 0 {
			data["gates"] = gates
		}
		ev, err := incident.NewEvent(a.IncidentID, evType, actorFor(a), e.now(), data)
		if err != nil {
			return err
		}
		if err := record(ctx, tx, ev, audit.Entry{Action: "action.execute:" + a.Kind, TargetSystem: targetSystem(a.Target),
			TargetResource: a.Target, Gates: gates, Outcome: outcome, Detail: detail}); err != nil {
			return err
		}
		if err := e.IncidentChangedTx(ctx, tx, a.IncidentID); err != nil {
			return err
		}
		if runErr != nil || e.opts.FollowUps == nil {
			return nil
		}
		return e.followUps(ctx, tx, a, res)
	})
	if err != nil {
		return fmt.Errorf("finish action %s: %w", a.ID, err)
	}
	e.metrics.steps.WithLabelValues(a.Kind, label).Inc()
	e.metrics.stepSeconds.WithLabelValues(a.Kind).Observe(time.Since(start).Seconds())
	return nil
}

// actorFor is who an execution is attributed to: the approving human for a
// protected action, the agent for an open one.
func actorFor(a incident.Action) incident.Actor {
	if a.ApprovedBy != "" {
		return incident.Actor{ID: a.ApprovedBy, Type: incident.ActorHuman}
	}
	return incident.Agent
}

// followUps proposes what a success leads to, unless the incident has closed.
func (e *Engine) followUps(ctx context.Context, tx *store.Tx, a incident.Action, res action.Result) error {
	inc, err := tx.GetIncident(ctx, a.IncidentID)
	if err != nil || inc.Status.Terminal() {
		return err
	}
	for _, p := range e.opts.FollowUps(inc, a, res) {
		p.IncidentID = a.IncidentID
		if _, _, err := e.ProposeTx(ctx, tx, p); err != nil {
			return fmt.Errorf("follow-up %s of %s: %w", p.Kind, a.Kind, err)
		}
	}
	return nil
}
