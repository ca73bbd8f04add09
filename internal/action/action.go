// Package action is what an action is: the executor contract every provider
// implements (Executor, Request, Result, the redacted Secret, ErrPermanent,
// ErrTokenExpired) and the catalogue of action kinds (catalogue.go), one
// entry per kind, read by the agent's tools, the planner, the engine and the
// follow-ups. It is a leaf: it imports the incident domain and nothing that
// does I/O, so a provider package depends on it, its SDK and nothing else.
package action

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"

	"github.com/warroom/warroom/internal/incident"
)

// Errors an executor wraps to tell the engine how an attempt ended.
var (
	// ErrPermanent marks a failure that retrying cannot fix.
	ErrPermanent = errors.New("permanent failure")
	// ErrTokenExpired means the approver's provider token was refused: the
	// action waits for them to re-authorize, then retries.
	ErrTokenExpired = errors.New("token_expired")
)

// Request is what an executor receives. RunAs is the engineer whose identity
// the action runs as: the approver for protected actions. Token is that
// engineer's provider token, fetched for this attempt and never kept.
type Request struct {
	Action         incident.Action
	IdempotencyKey string
	RunAs          string
	Token          Secret
}

// Secret holds a credential for one call. It prints and logs as
// "[REDACTED]", so a Request can never leak it through a log line or error.
type Secret string

func (Secret) String() string               { return "[REDACTED]" }
func (Secret) GoString() string             { return "[REDACTED]" }
func (Secret) LogValue() slog.Value         { return slog.StringValue("[REDACTED]") }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"[REDACTED]"`), nil }

// Reveal is the credential itself, for the one HTTP request that uses it.
func (s Secret) Reveal() string { return string(s) }

// Result is what an executor reports back; Detail is stored on the action.
type Result struct {
	Summary string          `json:"summary"`
	Detail  json.RawMessage `json:"detail,omitempty"`
}

// Executor performs one kind of action against an external system.
type Executor interface {
	// Execute performs the effect, passing IdempotencyKey to the provider.
	Execute(ctx context.Context, req Request) (Result, error)
	// Reconcile asks the provider whether an earlier attempt with the same
	// key already took effect. It runs before any retry of an attempt whose
	// outcome was not recorded (a crash or a timeout mid-call).
	Reconcile(ctx context.Context, req Request) (res Result, done bool, err error)
}

// CredentialedExecutor is an executor that acts as a person at a provider:
// it needs that person's provider token with these scopes.
type CredentialedExecutor interface {
	Executor
	Credential(a incident.Action) (provider string, scopes []string)
}
