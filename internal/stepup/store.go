package stepup

import (
	"context"
	"sync"
	"time"
)

// MemoryStore is an in-memory SecretStore for tests and the embedded demo.
type MemoryStore struct {
	mu      sync.Mutex
	secrets map[string]Sealed
	used    map[string]int64 // last used step per engineer
	fails   map[string]failures
}

type failures struct {
	n     int
	since time.Time
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{secrets: map[string]Sealed{}, used: map[string]int64{}, fails: map[string]failures{}}
}

func (m *MemoryStore) init() {
	if m.secrets == nil {
		m.secrets = map[string]Sealed{}
		m.used = map[string]int64{}
	}
	if m.fails == nil {
		m.fails = map[string]failures{}
	}
}

// PutSecret stores s for engineer, replacing any previous one.
func (m *MemoryStore) PutSecret(_ context.Context, engineer string, s Sealed) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.secrets[engineer] = copySealed(s)
	return nil
}

// GetSecret returns engineer's sealed secret or ErrNotEnrolled.
func (m *MemoryStore) GetSecret(_ context.Context, engineer string) (Sealed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	s, ok := m.secrets[engineer]
	if !ok {
		return Sealed{}, ErrNotEnrolled
	}
	return copySealed(s), nil
}

// MarkUsed records step as used; fresh is false if step or a later step was
// already used by engineer.
func (m *MemoryStore) MarkUsed(_ context.Context, engineer string, step int64) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	k := engineer
	if last, ok := m.used[k]; ok && step <= last {
		return false, nil
	}
	m.used[k] = step
	return true, nil
}

func copySealed(s Sealed) Sealed {
	s.Nonce = append([]byte(nil), s.Nonce...)
	s.Ciphertext = append([]byte(nil), s.Ciphertext...)
	return s
}

// RecordFailure counts a wrong code.
func (m *MemoryStore) RecordFailure(_ context.Context, engineer string, at time.Time, window time.Duration) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	f := m.fails[engineer]
	if f.n == 0 || f.since.Before(at.Add(-window)) {
		f = failures{since: at}
	}
	f.n++
	m.fails[engineer] = f
	return f.n, nil
}

// Failures returns the wrong codes of the window begun at or after since.
func (m *MemoryStore) Failures(_ context.Context, engineer string, since time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if f := m.fails[engineer]; f.n > 0 && !f.since.Before(since) {
		return f.n, nil
	}
	return 0, nil
}

// ClearFailures forgets wrong codes.
func (m *MemoryStore) ClearFailures(_ context.Context, engineer string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	delete(m.fails, engineer)
	return nil
}
