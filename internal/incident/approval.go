package incident

import (
	"fmt"
	"slices"
	"time"
)

// Decision is a human's answer to an approval request.
type Decision string

const (
	DecisionNone     Decision = ""
	DecisionApproved Decision = "approved"
	DecisionDeclined Decision = "declined"
)

// Valid reports whether d is approved or declined (none is not a decision).
func (d Decision) Valid() bool { return d == DecisionApproved || d == DecisionDeclined }

// WaitKind distinguishes the first wait (approval) from the nested one
// (re-authorization after the approver's provider grant expired).
type WaitKind string

const (
	WaitApproval WaitKind = "approval"
	WaitReauth   WaitKind = "reauth"
	// WaitStepUp: a risky approved action waits for its approver to prove
	// presence (CIBA on their phone, or a TOTP code).
	WaitStepUp WaitKind = "stepup"
)

// Approval is a request for one engineer to decide one action. It is a row,
// not a goroutine: while undecided the action is suspended in the store.
type Approval struct {
	ID         string
	ActionID   string
	IncidentID string
	Kind       WaitKind
	Target     string   // the engineer asked to decide
	Delegates  []string // engineers the policy allows to decide in the target's place
	DecidedBy  string
	Decision   Decision
	// DecidedScopes are the API scopes the decider's token carried.
	DecidedScopes []string
	// Challenge is a step-up wait's challenge (JSON). It may hold a
	// provider handle, so it is never shown.
	Challenge []byte
	CreatedAt time.Time
	DecidedAt time.Time
}

// MayDecide reports whether engineer may decide this request.
func (a Approval) MayDecide(engineer string) bool {
	return engineer != "" && (engineer == a.Target || slices.Contains(a.Delegates, engineer))
}

// Decide records engineer's decision. It refuses a second decision and anyone
// who is neither the target nor an allowed delegate (invariant 2).
func (a Approval) Decide(engineer string, d Decision, at time.Time) (Approval, error) {
	if a.Decision != DecisionNone {
		return a, fmt.Errorf("approval %s decided by %s: %w", a.ID, a.DecidedBy, ErrAlreadyDecided)
	}
	if !d.Valid() {
		return a, fmt.Errorf("decision %q: %w", d, ErrInvalid)
	}
	if !a.MayDecide(engineer) {
		return a, fmt.Errorf("approval %s waits for @%s, not @%s: %w", a.ID, a.Target, engineer, ErrNotApprover)
	}
	a.Decision, a.DecidedBy, a.DecidedAt = d, engineer, at.UTC()
	return a, nil
}
