package stepup

import (
	"context"
	"sync"
)

// MemoryStore is an in-memory SecretStore for tests and the embedded demo.
type MemoryStore struct {
	mu      sync.Mutex
	secrets map[string]Sealed
	used    map[string]int64 // last used step per engineer
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{secrets: map[string]Sealed{}, used: map[string]int64{}}
}

func (m *MemoryStore) init() {
	if m.secrets == nil {
		m.secrets = map[string]Sealed{}
		m.used = map[string]int64{}
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
