package vault

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// Grant is one engineer's stored, encrypted provider refresh token.
// Ciphertext is AES-256-GCM under key KeyID with additional data
// engineer+"\x00"+provider, so it cannot be moved to another grant.
type Grant struct {
	Engineer   string
	Provider   string
	KeyID      string
	Nonce      []byte
	Ciphertext []byte
	Scopes     []string // scopes granted by the provider, when known
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// GrantStore persists grants (SQL stores implement it elsewhere).
//
// GetGrant returns an error wrapping [ErrNotConnected] when there is no grant.
// PutGrant inserts or replaces the grant for (Engineer, Provider).
// DeleteGrant of a missing grant is not an error.
// ListGrants returns every grant (order unspecified).
type GrantStore interface {
	PutGrant(ctx context.Context, g Grant) error
	GetGrant(ctx context.Context, engineer, provider string) (Grant, error)
	DeleteGrant(ctx context.Context, engineer, provider string) error
	ListGrants(ctx context.Context) ([]Grant, error)
}

// MemoryGrants is an in-memory [GrantStore] for tests and the sandbox.
// The zero value is ready to use; it copies grants in and out.
type MemoryGrants struct {
	mu     sync.Mutex
	grants map[grantKey]Grant
}

type grantKey struct{ engineer, provider string }

var _ GrantStore = (*MemoryGrants)(nil)

// NewMemoryGrants returns an empty in-memory store.
func NewMemoryGrants() *MemoryGrants { return &MemoryGrants{} }

func copyGrant(g Grant) Grant {
	g.Nonce = append([]byte(nil), g.Nonce...)
	g.Ciphertext = append([]byte(nil), g.Ciphertext...)
	g.Scopes = cloneStrings(g.Scopes)
	return g
}

// PutGrant stores a copy of g.
func (m *MemoryGrants) PutGrant(_ context.Context, g Grant) error {
	if g.Engineer == "" || g.Provider == "" {
		return fmt.Errorf("%w: grant needs engineer and provider", ErrProvider)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.grants == nil {
		m.grants = make(map[grantKey]Grant)
	}
	m.grants[grantKey{g.Engineer, g.Provider}] = copyGrant(g)
	return nil
}

// GetGrant returns a copy of the grant or an error wrapping ErrNotConnected.
func (m *MemoryGrants) GetGrant(_ context.Context, engineer, provider string) (Grant, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	g, ok := m.grants[grantKey{engineer, provider}]
	if !ok {
		return Grant{}, fmt.Errorf("%w: no grant for engineer %q provider %q", ErrNotConnected, engineer, provider)
	}
	return copyGrant(g), nil
}

// DeleteGrant removes the grant, if any.
func (m *MemoryGrants) DeleteGrant(_ context.Context, engineer, provider string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.grants, grantKey{engineer, provider})
	return nil
}

// ListGrants returns copies of all grants sorted by engineer, provider.
func (m *MemoryGrants) ListGrants(_ context.Context) ([]Grant, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Grant, 0, len(m.grants))
	for _, g := range m.grants {
		out = append(out, copyGrant(g))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Engineer != out[j].Engineer {
			return out[i].Engineer < out[j].Engineer
		}
		return out[i].Provider < out[j].Provider
	})
	return out, nil
}
