// Package gate runs the ordered checks an approved action must pass before
// WarRoom fetches the approver's credential and calls the provider:
// API scope, then the authorization relation on the exact resource, then
// step-up authentication. The order is fixed here, in one place; a denial
// stops the chain, so later gates (and the token exchange and the provider
// after them) never run. Every verdict is recorded for the audit entry.
package gate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
)

// Request is what the gates judge: an approved action and who it runs as.
type Request struct {
	Action   incident.Action
	Engineer string
	// Scopes are the API scopes the approver's token carried when deciding.
	Scopes []string
}

// Verdict is one gate's answer.
type Verdict struct {
	Passed bool
	Detail string
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
// verdicts so far, for the audit entry, and ErrDenied (wrapped) on a denial.
func (c Chain) Run(ctx context.Context, req Request) ([]audit.GateResult, error) {
	results := make([]audit.GateResult, 0, len(c))
	for _, g := range c {
		v, err := g.Check(ctx, req)
		if err != nil {
			results = append(results, audit.GateResult{Gate: g.Name(), Passed: false, Detail: "error: " + err.Error()})
			return results, fmt.Errorf("gate %s: %w", g.Name(), err)
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
	user, object := r.User(req.Engineer), r.Object(req.Action)
	ok, err := r.Authz.Check(ctx, user, r.Relation, object)
	if err != nil {
		return Verdict{}, err
	}
	if !ok {
		return Verdict{Detail: fmt.Sprintf("%s is not %s of %s", user, r.Relation, object)}, nil
	}
	return Verdict{Passed: true, Detail: fmt.Sprintf("%s is %s of %s", user, r.Relation, object)}, nil
}
