package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
)

// errNoProvider is returned by Bridge when the requested provider is not configured.
var errNoProvider = errors.New("meeting provider not configured")

// Bridge is the meeting_bridge executor: one action kind whose params choose
// the provider ("zoom" or "meet"). It hands each action, and the credential
// it needs, to that provider's executor (this package's Executor, or
// gcal.Meet), so the token fetched is the one the chosen provider takes.
type Bridge struct {
	zoom, meet action.CredentialedExecutor
}

var _ action.CredentialedExecutor = (*Bridge)(nil)

// NewBridge returns the meeting_bridge executor. Either provider may be nil
// when it is not configured; asking for it then fails the action permanently.
func NewBridge(zoom, meet action.CredentialedExecutor) *Bridge {
	return &Bridge{zoom: zoom, meet: meet}
}

// pick chooses the executor named by the action's params.
func (b *Bridge) pick(a incident.Action) (action.CredentialedExecutor, error) {
	var p struct {
		Provider string `json:"provider"`
	}
	if err := json.Unmarshal(a.Params, &p); err != nil {
		return nil, fmt.Errorf("meeting_bridge params: %v: %w", err, action.ErrPermanent)
	}
	var ex action.CredentialedExecutor
	switch p.Provider {
	case "zoom":
		ex = b.zoom
	case "meet":
		ex = b.meet
	default:
		return nil, fmt.Errorf("meeting_bridge provider %q: want zoom or meet: %w", p.Provider, action.ErrPermanent)
	}
	if ex == nil {
		return nil, fmt.Errorf("meeting_bridge provider %q: %w: %w", p.Provider, errNoProvider, action.ErrPermanent)
	}
	return ex, nil
}

// Credential is the chosen provider's. For params that choose no configured
// provider it names the first configured one: the engine fetches that token,
// and Execute then fails the action permanently without using it.
func (b *Bridge) Credential(a incident.Action) (string, []string) {
	if ex, err := b.pick(a); err == nil {
		return ex.Credential(a)
	}
	if b.zoom != nil {
		return b.zoom.Credential(a)
	}
	if b.meet != nil {
		return b.meet.Credential(a)
	}
	return Provider, nil
}

// Execute runs the action on the chosen provider.
func (b *Bridge) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	ex, err := b.pick(req.Action)
	if err != nil {
		return action.Result{}, err
	}
	return ex.Execute(ctx, req)
}

// Reconcile asks the chosen provider about an earlier attempt.
func (b *Bridge) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	ex, err := b.pick(req.Action)
	if err != nil {
		return action.Result{}, false, err
	}
	return ex.Reconcile(ctx, req)
}
