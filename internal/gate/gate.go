// Package gate runs the ordered checks an approved action must pass before
// WarRoom fetches the approver's credential and calls the provider:
// API scope, then the authorization relation on the exact resource, then
// step-up authentication. The order is fixed here, in one place; a denial
// stops the chain, so later gates (and the token exchange and the provider
// after them) never run. Every verdict is recorded for the audit entry.
package gate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
)

// Request is what the gates judge: an approved action and who it runs as.
type Request struct {
	Action   incident.Action
	Engineer string
	// Scopes are the API scopes the approver's token carried when deciding.
	Scopes []string
	// SteppedUpAt is when Engineer last completed step-up for this action
	// (zero: never), and SteppedUpVia how (ciba, totp).
	SteppedUpAt  time.Time
	SteppedUpVia string
}

// Verdict is one gate's answer. A verdict with a Challenge neither passes nor
// denies: the gate needs the engineer to prove presence first.
type Verdict struct {
	Passed    bool
	Detail    string
	Challenge *Challenge
}

// Challenge is a step-up the engineer must answer before the chain can go
// on. It is persisted with the wait, so it must hold everything needed to
// continue in another process.
type Challenge struct {
	// Method is "ciba" (answered out of band, polled) or "totp" (answered
	// by a code the engineer types).
	Method string `json:"method"`
	// Message is what the engineer is shown (the CIBA binding message).
	Message string `json:"message"`
	// State is the method's own state, e.g. the CIBA request to poll. It may
	// hold a bearer handle: never show it.
	State json.RawMessage `json:"state,omitempty"`
	// PollAt is when to ask the provider again; zero when nothing is polled.
	PollAt time.Time `json:"poll_at,omitzero"`
	// ExpiresAt is when the challenge lapses; zero for never.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// PendingError is returned by Chain.Run when a gate issued a challenge.
type PendingError struct {
	Gate      string
	Challenge Challenge
}

func (e *PendingError) Error() string {
	return fmt.Sprintf("gate %s: waiting for %s step-up", e.Gate, e.Challenge.Method)
}

// Stage is one gate.
type Stage interface {
	Name() string
	Check(ctx context.Context, req Request) (Verdict, error)
}

// ErrDenied is returned (wrapped with the gate and its reason) when a gate
// refuses the action.
var ErrDenied = errors.New("denied by gate")

// Chain is an ordered list of gates.
type Chain []Stage

// Run checks every gate in order until one denies or fails. It returns the
// verdicts so far, for the audit entry, and ErrDenied (wrapped) on a denial
// or a *PendingError when a gate needs the engineer to step up first.
func (c Chain) Run(ctx context.Context, req Request) ([]audit.GateResult, error) {
	results := make([]audit.GateResult, 0, len(c))
	for _, g := range c {
		v, err := g.Check(ctx, req)
		if err != nil {
			results = append(results, audit.GateResult{Gate: g.Name(), Passed: false, Detail: "error: " + err.Error()})
			return results, fmt.Errorf("gate %s: %w", g.Name(), err)
		}
		if v.Challenge != nil {
			results = append(results, audit.GateResult{Gate: g.Name(), Detail: "pending: " + v.Detail})
			return results, &PendingError{Gate: g.Name(), Challenge: *v.Challenge}
		}
		results = append(results, audit.GateResult{Gate: g.Name(), Passed: v.Passed, Detail: v.Detail})
		if !v.Passed {
			return results, fmt.Errorf("gate %s: %s: %w", g.Name(), v.Detail, ErrDenied)
		}
	}
	return results, nil
}

// Scope requires the approver's token to have carried the scope an action's
// kind needs (e.g. remediation needs more than coordination).
type Scope struct {
	// Required maps action kind to the scope it needs; kinds not listed need Default.
	Required map[string]string
	Default  string
}

func (Scope) Name() string { return "scope" }

func (s Scope) Check(_ context.Context, req Request) (Verdict, error) {
	need, ok := s.Required[req.Action.Kind]
	if !ok {
		need = s.Default
	}
	if need == "" {
		return Verdict{Passed: true, Detail: "no scope required"}, nil
	}
	for _, have := range req.Scopes {
		if have == need {
			return Verdict{Passed: true, Detail: need}, nil
		}
	}
	return Verdict{Detail: fmt.Sprintf("the approval was not made with scope %s", need)}, nil
}

// Checker answers relationship questions (OpenFGA, embedded or remote).
type Checker interface {
	Check(ctx context.Context, user, relation, object string) (bool, error)
}

// Relation asks the authorization service whether the engineer holds a
// relation on the exact resource the action targets.
type Relation struct {
	Authz Checker
	// Relation is the relation required, e.g. "executor".
	Relation string
	// ByKind overrides Relation for some action kinds (a review needs
	// "approver" on the target, not "executor").
	ByKind map[string]string
	// Object maps an action to its authorization object, e.g. "target:github_acme_checkout".
	Object func(a incident.Action) string
	// User maps an engineer to its authorization user, e.g. "user:alice".
	User func(engineer string) string
	// Systems limits the gate to actions on these target systems ("github");
	// empty means every action. Coordination (a channel, a page) is not a
	// remediation target and needs no executor relation.
	Systems []string
}

func (Relation) Name() string { return "fga" }

func (r Relation) Check(ctx context.Context, req Request) (Verdict, error) {
	if len(r.Systems) > 0 {
		system, _, _ := strings.Cut(req.Action.Target, ":")
		if !slices.Contains(r.Systems, system) {
			return Verdict{Passed: true, Detail: "target system " + system + " is not governed by relations"}, nil
		}
	}
	user, object, rel := r.User(req.Engineer), r.Object(req.Action), r.Relation
	if k, ok := r.ByKind[req.Action.Kind]; ok {
		rel = k
	}
	ok, err := r.Authz.Check(ctx, user, rel, object)
	if err != nil {
		return Verdict{}, err
	}
	if !ok {
		return Verdict{Detail: fmt.Sprintf("%s is not %s of %s", user, rel, object)}, nil
	}
	return Verdict{Passed: true, Detail: fmt.Sprintf("%s is %s of %s", user, rel, object)}, nil
}

// Outcome is where a challenge stands after one look at the provider.
type Outcome string

const (
	OutcomePending  Outcome = "pending"
	OutcomeApproved Outcome = "approved"
	OutcomeDenied   Outcome = "denied"
	OutcomeExpired  Outcome = "expired"
)

// Method starts a step-up challenge for an engineer.
type Method interface {
	Name() string
	// Begin issues a challenge for req, or denies at once (e.g. the
	// engineer has no means of stepping up).
	Begin(ctx context.Context, req Request) (Verdict, error)
}

// StepUp requires a recent proof of presence from the engineer before a
// risky action runs as them: the approval click alone is not enough for
// high and critical changes.
type StepUp struct {
	Method Method
	// Risks that need step-up (default high and critical).
	Risks []incident.Risk
	// Kinds that need step-up whatever their risk (policy step_up: true).
	Kinds []string
	// MaxAge is how long a completed step-up counts (default 10 minutes).
	MaxAge time.Duration
	Now    func() time.Time
}

func (StepUp) Name() string { return "step_up" }

func (s StepUp) Check(ctx context.Context, req Request) (Verdict, error) {
	risks := s.Risks
	if len(risks) == 0 {
		risks = []incident.Risk{incident.RiskHigh, incident.RiskCritical}
	}
	a := req.Action
	if !slices.Contains(risks, a.Risk) && !slices.Contains(s.Kinds, a.Kind) {
		return Verdict{Passed: true, Detail: fmt.Sprintf("%s risk needs no step-up", a.Risk)}, nil
	}
	if req.Engineer == "" || a.Class != incident.ClassProtected {
		// Nobody approved, so nobody can step up: such an action must not be risky.
		return Verdict{Detail: fmt.Sprintf("%s risk action has no approver to step up", a.Risk)}, nil
	}
	maxAge := s.MaxAge
	if maxAge <= 0 {
		maxAge = 10 * time.Minute
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if !req.SteppedUpAt.IsZero() && now().Sub(req.SteppedUpAt) <= maxAge {
		return Verdict{Passed: true, Detail: fmt.Sprintf("@%s stepped up via %s at %s", req.Engineer, req.SteppedUpVia,
			req.SteppedUpAt.UTC().Format(time.RFC3339))}, nil
	}
	return s.Method.Begin(ctx, req)
}
