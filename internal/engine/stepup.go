package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// stepUpRecord is what a step-up wait keeps: the challenge, and the gate
// verdicts that led to it, so a denial's audit entry shows the whole chain.
type stepUpRecord struct {
	gate.Challenge
	Gates []audit.GateResult `json:"gates,omitempty"`
}

func challengeOf(ap incident.Approval) stepUpRecord {
	var rec stepUpRecord
	_ = json.Unmarshal(ap.Challenge, &rec) // an unreadable record is an empty one: nothing to poll
	return rec
}

// stepUpArgs is the persisted step "ask the provider whether the engineer
// answered". One job per wait: it snoozes between polls, so no goroutine
// waits and a restart picks the poll up where it was.
type stepUpArgs struct {
	ApprovalID string `json:"approval_id"`
}

func (stepUpArgs) Kind() string { return "poll_stepup" }

type stepUpWorker struct {
	river.WorkerDefaults[stepUpArgs]
	e *Engine
}

// minPoll keeps a provider that sends no interval from being polled in a loop.
const minPoll = time.Second

// awaitStepUp suspends an approved action until its approver answers the
// challenge a gate issued. Nothing waits in memory: an out-of-band challenge
// is polled by scheduled steps, an in-band one is answered through the API.
func (e *Engine) awaitStepUp(ctx context.Context, a incident.Action, gates []audit.GateResult, ch gate.Challenge) error {
	rec := &stepUpRecord{Challenge: ch, Gates: gates}
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		var ap *incident.Approval
		if err := e.suspend(ctx, tx, &a, a.ApprovedBy, nil, incident.WaitStepUp, rec, e.now(), &ap); err != nil {
			return err
		}
		if _, err := tx.AppendAudit(ctx, audit.Entry{At: e.now(), Actor: incident.System, IncidentID: a.IncidentID,
			Action: "action.stepup:" + a.Kind, TargetSystem: targetSystem(a.Target), TargetResource: a.Target,
			Gates: gates, Outcome: audit.OutcomePending, Detail: fmt.Sprintf("@%s asked to step up via %s", a.ApprovedBy, ch.Method)}); err != nil {
			return err
		}
		if ch.PollAt.IsZero() {
			return nil
		}
		return e.queue.InsertTx(ctx, tx, stepUpArgs{ApprovalID: ap.ID},
			&river.InsertOpts{MaxAttempts: e.opts.MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}})
	})
	if err != nil {
		return fmt.Errorf("suspend action %s for step-up: %w", a.ID, err)
	}
	e.metrics.steps.WithLabelValues(a.Kind, "awaiting_stepup").Inc()
	return nil
}

// snoozeUntil puts the poll back to sleep until at (never less than minPoll).
func (e *Engine) snoozeUntil(at time.Time) error {
	return river.JobSnooze(max(at.Sub(e.now()), minPoll))
}

// Work polls once and either schedules the next poll or settles the wait.
func (w *stepUpWorker) Work(ctx context.Context, job *river.Job[stepUpArgs]) error {
	e := w.e
	ap, err := e.store.GetApproval(ctx, job.Args.ApprovalID)
	if err != nil {
		return fmt.Errorf("step-up poll: %w", err)
	}
	if ap.Decision != incident.DecisionNone {
		return nil // answered, cancelled or settled by an earlier poll
	}
	rec := challengeOf(ap)
	if e.opts.StepUp == nil {
		return e.settleStepUp(ctx, ap, rec, false, "no step-up provider is configured to answer the challenge")
	}
	if e.now().Before(rec.PollAt) {
		return e.snoozeUntil(rec.PollAt)
	}
	outcome, next, err := e.opts.StepUp.Poll(ctx, rec.Challenge)
	if err != nil {
		if job.Attempt >= job.MaxAttempts {
			return e.settleStepUp(ctx, ap, rec, false, "step-up provider kept failing: "+err.Error())
		}
		return fmt.Errorf("step-up poll of %s: %w", ap.ID, err)
	}
	switch outcome {
	case gate.OutcomeApproved:
		return e.settleStepUp(ctx, ap, rec, true, fmt.Sprintf("@%s approved on their device", ap.Target))
	case gate.OutcomeDenied:
		return e.settleStepUp(ctx, ap, rec, false, fmt.Sprintf("@%s rejected the step-up on their device", ap.Target))
	case gate.OutcomeExpired:
		return e.settleStepUp(ctx, ap, rec, false, fmt.Sprintf("@%s did not answer the step-up before it expired", ap.Target))
	}
	rec.Challenge = next
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	err = e.store.UpdateChallenge(ctx, ap.ID, b)
	if errors.Is(err, store.ErrConflict) {
		return nil // decided meanwhile (the incident closed)
	}
	if err != nil {
		return err
	}
	return e.snoozeUntil(next.PollAt)
}

// AnswerStepUp checks the code engineer typed for an in-band step-up and,
// when it is right, lets the action run. A wrong code changes nothing but
// the authenticator's failure count: the engineer may try again until the
// rate limit stops them.
func (e *Engine) AnswerStepUp(ctx context.Context, approvalID, engineer, code string) (incident.Approval, error) {
	ap, err := e.store.GetApproval(ctx, approvalID)
	if err != nil {
		return ap, fmt.Errorf("answer step-up %s: %w", approvalID, err)
	}
	switch {
	case ap.Kind != incident.WaitStepUp:
		return ap, fmt.Errorf("answer step-up %s: it is a %s wait: %w", approvalID, ap.Kind, incident.ErrInvalid)
	case ap.Decision != incident.DecisionNone:
		return ap, fmt.Errorf("answer step-up %s: %w", approvalID, incident.ErrAlreadyDecided)
	case engineer != ap.Target:
		// Step-up proves the approver is present: nobody can do it for them.
		return ap, fmt.Errorf("answer step-up %s: it waits for @%s, not @%s: %w", approvalID, ap.Target, engineer, incident.ErrNotApprover)
	}
	rec := challengeOf(ap)
	if rec.Method != "totp" {
		return ap, fmt.Errorf("answer step-up %s: a %s step-up is answered on the engineer's device: %w", approvalID, rec.Method, incident.ErrInvalid)
	}
	if e.opts.StepUp == nil {
		return ap, fmt.Errorf("answer step-up %s: no step-up provider is configured", approvalID)
	}
	if err := e.opts.StepUp.Verify(ctx, engineer, rec.Challenge, code); err != nil {
		e.metrics.decisions.WithLabelValues("stepup_refused").Inc()
		return ap, fmt.Errorf("answer step-up %s: %w", approvalID, err)
	}
	if err := e.settleStepUp(ctx, ap, rec, true, fmt.Sprintf("@%s entered a valid authenticator code", engineer)); err != nil {
		return ap, err
	}
	return e.store.GetApproval(ctx, approvalID)
}

// settleStepUp decides a step-up wait: passed, the action goes back to
// approved and a new execution step runs the gates again; failed, the
// action fails as denied by the step-up gate.
func (e *Engine) settleStepUp(ctx context.Context, ap incident.Approval, rec stepUpRecord, passed bool, detail string) error {
	at := e.now()
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		by := ap.Target
		ap.Decision, ap.DecidedBy, ap.DecidedAt = incident.DecisionApproved, by, at
		if !passed {
			ap.Decision = incident.DecisionDeclined
		}
		if err := tx.RecordDecision(ctx, ap); err != nil {
			return err
		}
		a, err := tx.GetAction(ctx, ap.ActionID)
		if err != nil {
			return err
		}
		from := a.Status
		// The pending step_up verdict that started the wait gives way to its answer.
		gates := slices.DeleteFunc(slices.Clone(rec.Gates), func(g audit.GateResult) bool { return g.Gate == "step_up" })
		gates = append(gates, audit.GateResult{Gate: "step_up", Passed: passed, Detail: detail})
		actor := incident.Actor{ID: by, Type: incident.ActorHuman}
		if passed {
			a.Status = incident.ActionApproved
		} else {
			a.Status = incident.ActionFailed
			res, _ := json.Marshal(action.Result{Summary: "denied by gate step_up: " + detail})
			a.Result = res
		}
		if _, err := tx.UpdateAction(ctx, a, from); err != nil {
			return err
		}
		ev, err := incident.NewEvent(ap.IncidentID, incident.EventApprovalDecided, actor, at, map[string]any{
			"approval_id": ap.ID, "action_id": a.ID, "kind": a.Kind, "wait": ap.Kind, "decision": ap.Decision,
			"method": rec.Method, "detail": detail,
		})
		if err != nil {
			return err
		}
		outcome := audit.OutcomeSuccess
		if !passed {
			outcome = audit.OutcomeDenied
		}
		if err := record(ctx, tx, ev, audit.Entry{Action: "stepup.decide:" + a.Kind, TargetSystem: targetSystem(a.Target),
			TargetResource: a.Target, Gates: gates, Outcome: outcome, Detail: detail}); err != nil {
			return err
		}
		if !passed {
			fail, err := incident.NewEvent(a.IncidentID, incident.EventActionFailed, actor, at, map[string]any{
				"action_id": a.ID, "kind": a.Kind, "attempt": a.Attempts, "run_as": a.ApprovedBy,
				"result": action.Result{Summary: "denied by gate step_up: " + detail}, "gates": gates,
			})
			if err != nil {
				return err
			}
			_, err = tx.AppendEvent(ctx, fail)
			return err
		}
		return e.queue.InsertTx(ctx, tx, executeArgs{ActionID: a.ID, Round: a.Attempts}, e.insertOpts())
	})
	if errors.Is(err, incident.ErrAlreadyDecided) {
		return nil // another poll or the API settled it first
	}
	if err != nil {
		return fmt.Errorf("settle step-up %s: %w", ap.ID, err)
	}
	label := "stepup_passed"
	if !passed {
		label = "stepup_denied"
	}
	e.metrics.decisions.WithLabelValues(label).Inc()
	return nil
}

// expireStepUps fails step-up waits whose challenge lapsed unanswered (a
// TOTP prompt nobody answered; CIBA expiry is found by its poll).
func (e *Engine) expireStepUps(ctx context.Context, now time.Time) error {
	pending, err := e.store.PendingApprovals(ctx, "")
	if err != nil {
		return err
	}
	for _, ap := range pending {
		if ap.Kind != incident.WaitStepUp {
			continue
		}
		rec := challengeOf(ap)
		if rec.ExpiresAt.IsZero() || now.Before(rec.ExpiresAt) {
			continue
		}
		if err := e.settleStepUp(ctx, ap, rec, false, fmt.Sprintf("@%s did not answer the step-up before it expired", ap.Target)); err != nil {
			return err
		}
	}
	return nil
}
