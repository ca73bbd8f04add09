// Package incident holds WarRoom's domain types and their state machines.
//
// It performs no I/O: every transition is a pure function that either returns
// the next state or an error, so the rules can be table-tested without a
// database and every store and engine shares one definition of "legal".
package incident

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors, wrapped with context by callers and mapped to API errors in one place.
var (
	ErrIllegalTransition = errors.New("illegal transition")
	ErrAlreadyDecided    = errors.New("approval already decided")
	ErrNotApprover       = errors.New("not the targeted approver")
	ErrInvalid           = errors.New("invalid")
	ErrOwnerFixed        = errors.New("owner is fixed at registration")
)

// Severity is the triage class: P1 is the most urgent.
type Severity string

const (
	SevUnknown Severity = ""
	SevP1      Severity = "P1"
	SevP2      Severity = "P2"
	SevP3      Severity = "P3"
)

// Valid reports whether s is a known severity (unknown is valid until triage runs).
func (s Severity) Valid() bool {
	switch s {
	case SevUnknown, SevP1, SevP2, SevP3:
		return true
	}
	return false
}

// Status is an incident's lifecycle state.
type Status string

const (
	StatusOpen        Status = "open"
	StatusMitigating  Status = "mitigating"
	StatusResolved    Status = "resolved"
	StatusInvalidated Status = "invalidated"
)

var incidentTransitions = map[Status][]Status{
	StatusOpen:       {StatusMitigating, StatusResolved, StatusInvalidated},
	StatusMitigating: {StatusResolved, StatusInvalidated},
	// resolved and invalidated are terminal: a recurrence is a new incident linked to the old one.
}

// Terminal reports whether no further transition is possible.
func (s Status) Terminal() bool { return s == StatusResolved || s == StatusInvalidated }

// Next validates the move from s to to.
func (s Status) Next(to Status) (Status, error) {
	for _, allowed := range incidentTransitions[s] {
		if allowed == to {
			return to, nil
		}
	}
	return s, fmt.Errorf("incident %s -> %s: %w", s, to, ErrIllegalTransition)
}

// ActorType says who caused something: the agent, a human, or the system itself.
type ActorType string

const (
	ActorAgent  ActorType = "agent"
	ActorHuman  ActorType = "human"
	ActorSystem ActorType = "system"
)

// Valid reports whether a is one of the three actor types.
func (a ActorType) Valid() bool {
	return a == ActorAgent || a == ActorHuman || a == ActorSystem
}

// Actor identifies who did something.
type Actor struct {
	ID   string    `json:"id"`
	Type ActorType `json:"type"`
}

// Validate requires both an id and a known type: accountability needs both.
func (a Actor) Validate() error {
	if strings.TrimSpace(a.ID) == "" {
		return fmt.Errorf("actor id is empty: %w", ErrInvalid)
	}
	if !a.Type.Valid() {
		return fmt.Errorf("actor type %q: %w", a.Type, ErrInvalid)
	}
	return nil
}

// System is the actor for things WarRoom does on its own behalf (timeouts, recovery).
var System = Actor{ID: "warroom", Type: ActorSystem}

// Agent is the reasoner acting on WarRoom's behalf: tool calls, proposals
// and follow-ups it makes are attributed to it.
var Agent = Actor{ID: "warroom-agent", Type: ActorAgent}

// Incident is one problem being worked. Owner is the on-call engineer at
// registration and never changes afterwards (invariant 6).
type Incident struct {
	ID        string
	Title     string
	Service   string
	Severity  Severity
	Status    Status
	Owner     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// New builds a validated, open incident.
func New(id, title, service, owner string, sev Severity, now time.Time) (Incident, error) {
	inc := Incident{
		ID: id, Title: strings.TrimSpace(title), Service: strings.TrimSpace(service),
		Severity: sev, Status: StatusOpen, Owner: strings.TrimSpace(owner),
		CreatedAt: now.UTC(), UpdatedAt: now.UTC(),
	}
	return inc, inc.Validate()
}

// Validate checks the fields every stored incident must have.
func (i Incident) Validate() error {
	switch {
	case i.ID == "":
		return fmt.Errorf("incident id is empty: %w", ErrInvalid)
	case i.Title == "":
		return fmt.Errorf("incident title is empty: %w", ErrInvalid)
	case i.Owner == "":
		return fmt.Errorf("incident owner is empty: %w", ErrInvalid)
	case !i.Severity.Valid():
		return fmt.Errorf("incident severity %q: %w", i.Severity, ErrInvalid)
	case i.Status != StatusOpen && i.Status != StatusMitigating && !i.Status.Terminal():
		return fmt.Errorf("incident status %q: %w", i.Status, ErrInvalid)
	}
	return nil
}
