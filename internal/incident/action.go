package incident

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Risk is how much damage a wrong action could do. High and critical actions
// require step-up authentication once the gates land.
type Risk string

const (
	RiskLow      Risk = "low"
	RiskMedium   Risk = "medium"
	RiskHigh     Risk = "high"
	RiskCritical Risk = "critical"
)

// Valid reports whether r is a known risk level.
func (r Risk) Valid() bool {
	return r == RiskLow || r == RiskMedium || r == RiskHigh || r == RiskCritical
}

// Class says whether an action may run at once (open: read-only) or must wait
// for a human (protected: mutating).
type Class string

const (
	ClassOpen      Class = "open"
	ClassProtected Class = "protected"
)

// Valid reports whether c is open or protected.
func (c Class) Valid() bool { return c == ClassOpen || c == ClassProtected }

// ActionStatus is an action's lifecycle state.
type ActionStatus string

const (
	ActionProposed         ActionStatus = "proposed"
	ActionAwaitingApproval ActionStatus = "awaiting_approval"
	ActionApproved         ActionStatus = "approved"
	ActionDeclined         ActionStatus = "declined"
	ActionExecuting        ActionStatus = "executing"
	ActionAwaitingReauth   ActionStatus = "awaiting_reauth"
	ActionAwaitingStepUp   ActionStatus = "awaiting_stepup"
	ActionSucceeded        ActionStatus = "succeeded"
	ActionFailed           ActionStatus = "failed"
)

// Valid reports whether s is a known action status.
func (s ActionStatus) Valid() bool {
	switch s {
	case ActionProposed, ActionAwaitingApproval, ActionApproved, ActionDeclined, ActionExecuting,
		ActionAwaitingReauth, ActionAwaitingStepUp, ActionSucceeded, ActionFailed:
		return true
	}
	return false
}

// Terminal reports whether the action can no longer change.
func (s ActionStatus) Terminal() bool {
	return s == ActionDeclined || s == ActionSucceeded || s == ActionFailed
}

// actionTransitions is keyed by class because an open action skips approval
// and a protected one may never reach executing without it.
var actionTransitions = map[Class]map[ActionStatus][]ActionStatus{
	ClassOpen: {
		ActionProposed:  {ActionExecuting},
		ActionExecuting: {ActionSucceeded, ActionFailed, ActionAwaitingReauth},
		// A re-authorized open action goes back to executing.
		ActionAwaitingReauth: {ActionExecuting, ActionFailed},
	},
	ClassProtected: {
		ActionProposed:         {ActionAwaitingApproval},
		ActionAwaitingApproval: {ActionApproved, ActionDeclined},
		ActionApproved:         {ActionExecuting},
		ActionExecuting:        {ActionSucceeded, ActionFailed, ActionAwaitingReauth, ActionAwaitingStepUp},
		ActionAwaitingReauth:   {ActionExecuting, ActionFailed},
		// Stepped up: back to approved, so the next step runs the gates
		// again without reconciling (nothing reached the provider).
		ActionAwaitingStepUp: {ActionApproved, ActionFailed},
	},
}

// Action is one thing the agent proposes to do: coordination or remediation.
// IdempotencyKey is fixed when the action is created so that every attempt at
// its external effect carries the same key.
type Action struct {
	ID             string
	IncidentID     string
	Kind           string
	Risk           Risk
	Class          Class
	Status         ActionStatus
	Target         string // the exact resource, e.g. "github:acme/checkout" or "slack:#inc-42"
	Params         json.RawMessage
	Reason         string
	IdempotencyKey string
	ApprovedBy     string // the engineer whose identity the action runs as
	Attempts       int
	Result         json.RawMessage
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Validate checks the fields every stored action must have.
func (a Action) Validate() error {
	switch {
	case a.ID == "" || a.IncidentID == "":
		return fmt.Errorf("action id and incident id are required: %w", ErrInvalid)
	case strings.TrimSpace(a.Kind) == "":
		return fmt.Errorf("action kind is empty: %w", ErrInvalid)
	case !a.Risk.Valid():
		return fmt.Errorf("action risk %q: %w", a.Risk, ErrInvalid)
	case !a.Class.Valid():
		return fmt.Errorf("action class %q: %w", a.Class, ErrInvalid)
	case !a.Status.Valid():
		return fmt.Errorf("action status %q: %w", a.Status, ErrInvalid)
	case a.IdempotencyKey == "":
		return fmt.Errorf("action idempotency key is empty: %w", ErrInvalid)
	case a.Params != nil && !json.Valid(a.Params):
		return fmt.Errorf("action params are not JSON: %w", ErrInvalid)
	}
	return nil
}

// Transition validates moving the action to status to.
func (a Action) Transition(to ActionStatus) (ActionStatus, error) {
	for _, allowed := range actionTransitions[a.Class][a.Status] {
		if allowed == to {
			return to, nil
		}
	}
	return a.Status, fmt.Errorf("%s action %s: %s -> %s: %w", a.Class, a.ID, a.Status, to, ErrIllegalTransition)
}
