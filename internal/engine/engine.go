// Package engine runs an incident's work as a chain of persisted steps on
// River. A step that needs a human leaves a row (an approval) and no job:
// nothing waits in memory, so a restart loses nothing. A human decision
// enqueues the next step in the same transaction that records it.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// Errors returned by the engine's commands.
var (
	ErrUnknownKind = errors.New("no executor for action kind")
)

// CredentialFunc fetches a short-lived provider token for engineer. An error
// wrapping ErrTokenExpired means the engineer must re-authorize.
type CredentialFunc func(ctx context.Context, engineer, provider string, scopes []string) (action.Secret, error)

// StepUpAnswerer settles step-up challenges.
type StepUpAnswerer interface {
	// Poll asks the provider once whether the engineer answered an
	// out-of-band challenge; the returned challenge replaces the stored one.
	Poll(ctx context.Context, ch gate.Challenge) (gate.Outcome, gate.Challenge, error)
	// Verify checks a code engineer typed for an in-band challenge.
	Verify(ctx context.Context, engineer string, ch gate.Challenge, code string) error
}

// Steps is a subsystem's contribution to the engine: its River workers,
// built with the engine they run in (to open incidents, propose actions and
// enqueue further steps from inside a step).
type Steps interface {
	Register(e *Engine, w *river.Workers) error
}

// StepsFunc adapts a function to Steps.
type StepsFunc func(e *Engine, w *river.Workers) error

// Register calls f.
func (f StepsFunc) Register(e *Engine, w *river.Workers) error { return f(e, w) }

// Options configures the engine; zero values get defaults.
type Options struct {
	Executors map[string]action.Executor
	// Waits sets how long approvals and re-authorizations may wait.
	Waits WaitPolicy
	// Gates run, in order, before the credential is fetched: a denial fails
	// the action and nothing after the denying gate runs.
	Gates gate.Chain
	// Credentials fetches the approver's provider token just in time, inside
	// the execution step after approval; required by credentialed executors.
	Credentials CredentialFunc
	// StepUp answers the challenges a step-up gate issues: polled (CIBA)
	// or verified from a code the engineer types (TOTP).
	StepUp StepUpAnswerer
	// Kinds are further action kinds that may be proposed although no
	// executor is configured for them (a provider not set up yet): approving
	// one fails it with a clear "no executor" result instead of hiding it.
	Kinds        []string
	Logger       *slog.Logger
	Registerer   prometheus.Registerer
	Workers      int           // concurrent steps per process
	StepTimeout  time.Duration // a step running longer is cancelled
	RescueAfter  time.Duration // a step left running by a dead process is retried after this
	PollInterval time.Duration // how often idle workers look for work (SQLite has no NOTIFY)
	MaxAttempts  int           // attempts before an action is marked failed
	RetryPolicy  river.ClientRetryPolicy
	Clock        func() time.Time
	// FollowUps are the proposals a succeeded action leads to (a review
	// request after a revert PR opens, the merge after the review), made in
	// the transaction that records the success, so none is lost or doubled.
	FollowUps func(inc incident.Incident, a incident.Action, res action.Result) []Proposal
	// ApprovalSteps are steps to run when an approval is requested (posting
	// it to Slack with buttons), enqueued in the transaction that writes it.
	ApprovalSteps func(ap incident.Approval, a incident.Action) []river.JobArgs
	// IncidentSteps are steps to run for every new incident (writing its
	// authorization tuples), enqueued in the transaction that creates it.
	IncidentSteps func(inc incident.Incident) []river.JobArgs
	// GrownSteps are steps to run when new alerts or reports join an
	// incident that already exists (the agent's re-assessment), enqueued in
	// the transaction that links them.
	GrownSteps func(incidentID string) []river.JobArgs
	// ChangedSteps are steps to run when what an incident's summary shows
	// changed: its status, an action's outcome, or the end of an agent pass
	// (severity, cause and known issue are recorded during the pass).
	ChangedSteps func(incidentID string) []river.JobArgs
	// Steps are other subsystems' durable steps (alert grouping, the
	// agent's rounds, polling). Each registers its workers with the engine
	// they will run in, so no subsystem needs the engine before it exists.
	Steps []Steps
	// Periodic are steps River runs on a schedule, on one replica at a time.
	Periodic []*river.PeriodicJob
	// Queues adds queues beside the default one (name -> workers per process).
	Queues map[string]int
}

func (o *Options) defaults() {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Workers <= 0 {
		o.Workers = 10
	}
	if o.StepTimeout <= 0 {
		o.StepTimeout = time.Minute
	}
	if o.RescueAfter <= o.StepTimeout {
		o.RescueAfter = o.StepTimeout + 30*time.Second
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
}

// Engine owns the step queue and the executors.
type Engine struct {
	store     *store.Store
	queue     store.JobQueue
	executors map[string]action.Executor
	opts      Options
	log       *slog.Logger
	metrics   *metrics
}

// New builds an engine over st. Call Start to run steps in this process;
// without Start the engine only records decisions and enqueues steps.
func New(st *store.Store, opts Options) (*Engine, error) {
	opts.defaults()
	e := &Engine{store: st, executors: opts.Executors, opts: opts, log: opts.Logger, metrics: newMetrics(opts.Registerer)}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &executeWorker{e: e}); err != nil {
		return nil, fmt.Errorf("register step worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &waitsWorker{e: e}); err != nil {
		return nil, fmt.Errorf("register wait checker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &stepUpWorker{e: e}); err != nil {
		return nil, fmt.Errorf("register step-up poller: %w", err)
	}
	if opts.Waits.ApprovalTimeout > 0 || opts.Waits.ReauthTimeout > 0 || opts.StepUp != nil {
		opts.Periodic = append(opts.Periodic, river.NewPeriodicJob(river.PeriodicInterval(opts.Waits.checkEvery()),
			func() (river.JobArgs, *river.InsertOpts) { return waitsArgs{}, &river.InsertOpts{MaxAttempts: 1} }, nil))
	}
	for _, steps := range opts.Steps {
		if err := steps.Register(e, workers); err != nil {
			return nil, fmt.Errorf("register steps: %w", err)
		}
	}
	q, err := newQueue(st, workers, opts, opts.Logger)
	if err != nil {
		return nil, err
	}
	e.queue = q
	return e, nil
}

// Start runs queued steps in this process until Stop.
func (e *Engine) Start(ctx context.Context) error { return e.queue.Start(ctx) }

// Stop waits for running steps to finish; when ctx ends first, it cancels
// them, leaving their actions in executing so the next process reconciles.
func (e *Engine) Stop(ctx context.Context) error {
	if err := e.queue.Stop(ctx); err != nil {
		if ctx.Err() != nil {
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return errors.Join(err, e.queue.StopAndCancel(cctx))
		}
		return err
	}
	return nil
}

func (e *Engine) now() time.Time { return e.opts.Clock().UTC().Truncate(time.Microsecond) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// record appends a timeline event and an audit entry in tx.
func record(ctx context.Context, tx *store.Tx, ev incident.Event, ae audit.Entry) error {
	if _, err := tx.AppendEvent(ctx, ev); err != nil {
		return err
	}
	ae.At, ae.Actor, ae.IncidentID = ev.At, ev.Actor, ev.IncidentID
	if _, err := tx.AppendAudit(ctx, ae); err != nil {
		return err
	}
	return nil
}

// OpenIncident registers an incident. Its owner is fixed from here on.
func (e *Engine) OpenIncident(ctx context.Context, title, service, owner string, sev incident.Severity, by incident.Actor) (incident.Incident, error) {
	var inc incident.Incident
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		inc, err = e.OpenIncidentTx(ctx, tx, title, service, owner, sev, by)
		return err
	})
	return inc, err
}

// OpenIncidentTx registers an incident inside the caller's transaction, with
// its creation event and audit entry.
func (e *Engine) OpenIncidentTx(ctx context.Context, tx *store.Tx, title, service, owner string, sev incident.Severity, by incident.Actor) (incident.Incident, error) {
	at := e.now()
	inc, err := incident.New(newID(), title, service, owner, sev, at)
	if err != nil {
		return inc, fmt.Errorf("open incident: %w", err)
	}
	ev, err := incident.NewEvent(inc.ID, incident.EventCreated, by, at, map[string]any{
		"title": inc.Title, "service": inc.Service, "severity": inc.Severity, "owner": inc.Owner,
	})
	if err != nil {
		return inc, fmt.Errorf("open incident: %w", err)
	}
	if err := tx.CreateIncident(ctx, inc); err != nil {
		return inc, fmt.Errorf("open incident: %w", err)
	}
	if err := record(ctx, tx, ev, audit.Entry{Action: "incident.open", TargetSystem: "warroom",
		TargetResource: "incident:" + inc.ID, Outcome: audit.OutcomeSuccess, Detail: "owner " + inc.Owner}); err != nil {
		return inc, fmt.Errorf("open incident: %w", err)
	}
	if e.opts.IncidentSteps != nil {
		for _, args := range e.opts.IncidentSteps(inc) {
			if err := e.queue.InsertTx(ctx, tx, args, nil); err != nil {
				return inc, fmt.Errorf("open incident: enqueue %s: %w", args.Kind(), err)
			}
		}
	}
	return inc, nil
}

// IncidentGrewTx enqueues the GrownSteps of an incident that new alerts or
// reports joined, in the caller's transaction.
func (e *Engine) IncidentGrewTx(ctx context.Context, tx *store.Tx, incidentID string) error {
	return e.enqueueSteps(ctx, tx, "grew", incidentID, e.opts.GrownSteps)
}

// enqueueSteps enqueues steps(incidentID), if any, in tx.
func (e *Engine) enqueueSteps(ctx context.Context, tx *store.Tx, what, incidentID string, steps func(string) []river.JobArgs) error {
	if steps == nil {
		return nil
	}
	for _, args := range steps(incidentID) {
		if err := e.queue.InsertTx(ctx, tx, args, nil); err != nil {
			return fmt.Errorf("incident %s %s: enqueue %s: %w", incidentID, what, args.Kind(), err)
		}
	}
	return nil
}

// IncidentChangedTx enqueues the ChangedSteps of an incident whose summary
// changed, in the caller's transaction.
func (e *Engine) IncidentChangedTx(ctx context.Context, tx *store.Tx, incidentID string) error {
	return e.enqueueSteps(ctx, tx, "changed", incidentID, e.opts.ChangedSteps)
}

// EnqueueTx persists a step in the caller's transaction: it runs only if
// the transaction commits.
func (e *Engine) EnqueueTx(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if err := e.queue.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// Record appends a timeline event and its audit entry in the caller's
// transaction: the one way any subsystem writes to both.
func Record(ctx context.Context, tx *store.Tx, ev incident.Event, ae audit.Entry) error {
	return record(ctx, tx, ev, ae)
}

// Now is the engine's clock, at the precision the stores keep.
func (e *Engine) Now() time.Time { return e.now() }

// Proposal is an action the agent (or a human) wants to take.
type Proposal struct {
	IncidentID string
	Kind       string
	Risk       incident.Risk
	Class      incident.Class
	Target     string
	Params     json.RawMessage
	Reason     string
	Approver   string   // engineer asked to approve a protected action
	Delegates  []string // engineers the policy lets approve in the approver's place
	By         incident.Actor
}

// Propose records an action. An open action is enqueued at once; a
// protected one suspends: an approval row is written and nothing runs until
// a human decides.
func (e *Engine) Propose(ctx context.Context, p Proposal) (incident.Action, *incident.Approval, error) {
	var a incident.Action
	var ap *incident.Approval
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		a, ap, err = e.ProposeTx(ctx, tx, p)
		return err
	})
	return a, ap, err
}

// ProposeTx is Propose inside the caller's transaction.
func (e *Engine) ProposeTx(ctx context.Context, tx *store.Tx, p Proposal) (incident.Action, *incident.Approval, error) {
	if _, ok := e.executors[p.Kind]; !ok && !slices.Contains(e.opts.Kinds, p.Kind) {
		return incident.Action{}, nil, fmt.Errorf("propose %q: %w", p.Kind, ErrUnknownKind)
	}
	if p.Class == incident.ClassProtected && p.Approver == "" {
		return incident.Action{}, nil, fmt.Errorf("propose %q: a protected action needs an approver: %w", p.Kind, incident.ErrInvalid)
	}
	at := e.now()
	id := newID()
	a := incident.Action{
		ID: id, IncidentID: p.IncidentID, Kind: p.Kind, Risk: p.Risk, Class: p.Class, Status: incident.ActionProposed,
		Target: p.Target, Params: p.Params, Reason: p.Reason,
		// Fixed now, before any attempt, so every retry carries the same key.
		IdempotencyKey: "warroom-" + id, CreatedAt: at, UpdatedAt: at,
	}
	var ap *incident.Approval
	err := func() error {
		inc, err := tx.GetIncident(ctx, p.IncidentID)
		if err != nil {
			return err
		}
		if inc.Status.Terminal() {
			return fmt.Errorf("incident is %s: %w", inc.Status, incident.ErrIllegalTransition)
		}
		if err := tx.CreateAction(ctx, a); err != nil {
			return err
		}
		ev, err := incident.NewEvent(a.IncidentID, incident.EventActionProposed, p.By, at, map[string]any{
			"action_id": a.ID, "kind": a.Kind, "risk": a.Risk, "class": a.Class, "target": a.Target, "reason": a.Reason,
		})
		if err != nil {
			return err
		}
		if err := record(ctx, tx, ev, audit.Entry{Action: "action.propose:" + a.Kind, TargetSystem: targetSystem(a.Target),
			TargetResource: a.Target, Outcome: audit.OutcomePending, Detail: a.Reason}); err != nil {
			return err
		}
		if a.Class == incident.ClassOpen {
			return e.queue.InsertTx(ctx, tx, executeArgs{ActionID: a.ID}, e.insertOpts())
		}
		return e.suspend(ctx, tx, &a, p.Approver, p.Delegates, incident.WaitApproval, nil, at, &ap)
	}()
	if err != nil {
		return a, nil, fmt.Errorf("propose %s: %w", p.Kind, err)
	}
	return a, ap, nil
}

// suspend writes the wait: the approval row is the whole of the suspension.
func (e *Engine) suspend(ctx context.Context, tx *store.Tx, a *incident.Action, target string, delegates []string,
	kind incident.WaitKind, challenge *stepUpRecord, at time.Time, out **incident.Approval) error {
	from := a.Status
	next, evType := incident.ActionAwaitingApproval, incident.EventApprovalRequested
	switch kind {
	case incident.WaitReauth:
		next, evType = incident.ActionAwaitingReauth, incident.EventReauthRequested
	case incident.WaitStepUp:
		next, evType = incident.ActionAwaitingStepUp, incident.EventStepUpRequested
	}
	a.Status = next
	updated, err := tx.UpdateAction(ctx, *a, from)
	if err != nil {
		return err
	}
	*a = updated
	ap := incident.Approval{ID: newID(), ActionID: a.ID, IncidentID: a.IncidentID, Kind: kind, Target: target,
		Delegates: delegates, CreatedAt: at}
	data := map[string]any{"approval_id": ap.ID, "action_id": a.ID, "kind": a.Kind, "waiting_for": target, "risk": a.Risk}
	if challenge != nil {
		b, err := json.Marshal(challenge)
		if err != nil {
			return err
		}
		ap.Challenge = b
		// The method and message only: the state may hold a provider handle.
		data["method"], data["message"] = challenge.Method, challenge.Message
	}
	if err := tx.CreateApproval(ctx, ap); err != nil {
		return err
	}
	ev, err := incident.NewEvent(a.IncidentID, evType, incident.System, at, data)
	if err != nil {
		return err
	}
	if _, err := tx.AppendEvent(ctx, ev); err != nil {
		return err
	}
	if kind == incident.WaitApproval && e.opts.ApprovalSteps != nil {
		for _, args := range e.opts.ApprovalSteps(ap, *a) {
			if err := e.queue.InsertTx(ctx, tx, args, nil); err != nil {
				return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
			}
		}
	}
	e.metrics.suspensions.WithLabelValues(string(kind)).Inc()
	*out = &ap
	return nil
}

// Decide records engineer's decision on an approval. Only the targeted
// engineer or an allowed delegate may decide, and only once; an approval
// enqueues the execution step in the same transaction, with the decider as
// the identity the action will run as.
//
// scopes are the API scopes the decider's token carried; the scope gate
// checks them when the action runs.
func (e *Engine) Decide(ctx context.Context, approvalID, engineer string, d incident.Decision, scopes ...string) (incident.Approval, error) {
	var out incident.Approval
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		ap, err := tx.GetApproval(ctx, approvalID)
		if err != nil {
			return err
		}
		if ap.Kind == incident.WaitStepUp && d == incident.DecisionApproved {
			// Clicking is what step-up exists to distrust: only the challenge's own answer passes it.
			return fmt.Errorf("a step-up is passed with its code or on the engineer's device, not by approving: %w", incident.ErrInvalid)
		}
		at := e.now()
		if ap, err = ap.Decide(engineer, d, at); err != nil {
			return err
		}
		ap.DecidedScopes = scopes
		if err := tx.RecordDecision(ctx, ap); err != nil {
			return err
		}
		a, err := tx.GetAction(ctx, ap.ActionID)
		if err != nil {
			return err
		}
		from := a.Status
		switch {
		case ap.Kind == incident.WaitReauth && d == incident.DecisionApproved:
			a.Status = incident.ActionExecuting // re-authorized: retry the same attempt
		case ap.Kind == incident.WaitReauth, ap.Kind == incident.WaitStepUp:
			a.Status = incident.ActionFailed
		case d == incident.DecisionApproved:
			a.Status, a.ApprovedBy = incident.ActionApproved, engineer
		default:
			a.Status = incident.ActionDeclined
		}
		if _, err := tx.UpdateAction(ctx, a, from); err != nil {
			return err
		}
		human := incident.Actor{ID: engineer, Type: incident.ActorHuman}
		ev, err := incident.NewEvent(ap.IncidentID, incident.EventApprovalDecided, human, at, map[string]any{
			"approval_id": ap.ID, "action_id": a.ID, "kind": a.Kind, "wait": ap.Kind, "decision": d,
		})
		if err != nil {
			return err
		}
		outcome := audit.OutcomeSuccess
		if d == incident.DecisionDeclined {
			outcome = audit.OutcomeDenied
		}
		if err := record(ctx, tx, ev, audit.Entry{Action: string(ap.Kind) + ".decide:" + a.Kind,
			TargetSystem: targetSystem(a.Target), TargetResource: a.Target, Outcome: outcome, Detail: string(d)}); err != nil {
			return err
		}
		out = ap
		if d == incident.DecisionApproved {
			return e.queue.InsertTx(ctx, tx, executeArgs{ActionID: a.ID, Round: a.Attempts}, e.insertOpts())
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("decide approval %s: %w", approvalID, err)
	}
	e.metrics.decisions.WithLabelValues(string(d)).Inc()
	return out, nil
}

func (e *Engine) insertOpts() *river.InsertOpts {
	// Unique by args: a decision replayed or enqueued twice yields one step.
	return &river.InsertOpts{MaxAttempts: e.opts.MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// targetSystem is the prefix of a "system:resource" target.
func targetSystem(target string) string {
	for i := 0; i < len(target); i++ {
		if target[i] == ':' {
			return target[:i]
		}
	}
	return ""
}

// SetStatus moves an incident along its lifecycle on behalf of by. Closing
// it (resolved or invalidated) revokes what WarRoom can: every wait still
// open on it is cancelled, so no approval or re-authorization can make an
// action run on a closed incident; each cancellation is recorded.
func (e *Engine) SetStatus(ctx context.Context, incidentID string, to incident.Status, by incident.Actor) (incident.Incident, error) {
	var out incident.Incident
	err := e.store.InTx(ctx, func(tx *store.Tx) error {
		inc, err := tx.SetIncidentStatus(ctx, incidentID, to)
		if err != nil {
			return err
		}
		out = inc
		at := e.now()
		ev, err := incident.NewEvent(inc.ID, incident.EventStatusChanged, by, at, map[string]any{"status": to})
		if err != nil {
			return err
		}
		if err := record(ctx, tx, ev, audit.Entry{Action: "incident.status:" + string(to), TargetSystem: "warroom",
			TargetResource: "incident:" + inc.ID, Outcome: audit.OutcomeSuccess}); err != nil {
			return err
		}
		if err := e.IncidentChangedTx(ctx, tx, inc.ID); err != nil {
			return err
		}
		if !to.Terminal() {
			return nil
		}
		pending, err := tx.PendingApprovalsOf(ctx, inc.ID)
		if err != nil {
			return err
		}
		for _, ap := range pending {
			// The wait is cancelled by WarRoom, for the reason of whoever closed
			// the incident: the entry names them.
			if err := e.cancelWait(ctx, tx, ap, fmt.Sprintf("incident %s by @%s", to, by.ID), at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("set status of incident %s: %w", incidentID, err)
	}
	return out, nil
}

// cancelWait declines an open wait on WarRoom's behalf and ends its action.
func (e *Engine) cancelWait(ctx context.Context, tx *store.Tx, ap incident.Approval, why string, at time.Time) error {
	ap.Decision, ap.DecidedBy, ap.DecidedAt = incident.DecisionDeclined, incident.System.ID, at
	if err := tx.RecordDecision(ctx, ap); err != nil {
		return err
	}
	a, err := tx.GetAction(ctx, ap.ActionID)
	if err != nil {
		return err
	}
	from := a.Status
	if a.Status == incident.ActionAwaitingApproval {
		a.Status = incident.ActionDeclined
	} else {
		a.Status = incident.ActionFailed
	}
	a.Result = []byte(fmt.Sprintf(`{"summary":"cancelled: %s"}`, why))
	if _, err := tx.UpdateAction(ctx, a, from); err != nil {
		return err
	}
	ev, err := incident.NewEvent(ap.IncidentID, incident.EventApprovalDecided, incident.System, at, map[string]any{
		"approval_id": ap.ID, "action_id": a.ID, "kind": a.Kind, "wait": ap.Kind, "decision": "cancelled", "reason": why,
	})
	if err != nil {
		return err
	}
	return record(ctx, tx, ev, audit.Entry{Action: "wait.cancel:" + a.Kind, TargetSystem: targetSystem(a.Target),
		TargetResource: a.Target, Outcome: audit.OutcomeDenied, Detail: why})
}
