package identity

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// keysMaxAge is how long a fetched key set is trusted before the next
// validation refreshes it, so a key the provider withdrew stops verifying.
// If that refresh fails the old keys stay in use.
const keysMaxAge = time.Hour

// keyCache holds the provider's RS256 signing keys by kid. A token with an
// unknown kid triggers one refetch, at most once per minRefetch, so forged
// kids cannot make us hammer the provider.
type keyCache struct {
	url        string
	client     *http.Client
	minRefetch time.Duration
	maxAge     time.Duration
	now        func() time.Time

	fetchMu sync.Mutex // one fetch at a time; held across the HTTP call

	mu        sync.RWMutex // guards the fields below
	keys      map[string]*rsa.PublicKey
	fetchedAt time.Time // last successful fetch
	attempted time.Time // last fetch attempt, successful or not
}

func (c *keyCache) lookup(kid string) (k *rsa.PublicKey, fresh bool, attempted time.Time) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	fresh = !c.fetchedAt.IsZero() && c.now().Sub(c.fetchedAt) < c.maxAge
	return c.keys[kid], fresh, c.attempted
}

// key returns the public key for kid, fetching the key set when it has
// never been fetched, is older than maxAge, or lacks kid — subject to the
// minRefetch rate limit.
func (c *keyCache) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	if k, fresh, _ := c.lookup(kid); k != nil && fresh {
		return k, nil
	}
	c.fetchMu.Lock()
	defer c.fetchMu.Unlock()
	// Another request may have fetched while we waited.
	k, fresh, attempted := c.lookup(kid)
	if k != nil && fresh {
		return k, nil
	}
	if !attempted.IsZero() && c.now().Sub(attempted) < c.minRefetch {
		if k != nil {
			return k, nil // stale but still the best we have
		}
		return nil, fmt.Errorf("%w: kid not in key set (refetch rate-limited)", ErrUnknownKey)
	}
	fetchErr := c.refresh(ctx)
	if k, _, _ = c.lookup(kid); k != nil {
		return k, nil
	}
	if fetchErr != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnknownKey, fetchErr)
	}
	return nil, fmt.Errorf("%w: kid not in key set", ErrUnknownKey)
}

// refresh fetches the key set; on failure the cached keys are kept.
func (c *keyCache) refresh(ctx context.Context) error {
	c.mu.Lock()
	c.attempted = c.now()
	c.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	keys, err := fetchKeys(ctx, c.client, c.url)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.keys = keys
	c.fetchedAt = c.now()
	c.mu.Unlock()
	return nil
}

// fetchKeys reads a JWKS and keeps the RSA public keys usable for RS256
// signatures. Keys it cannot parse (other types, bad x5c) are skipped
// rather than failing the whole set.
func fetchKeys(ctx context.Context, client *http.Client, url string) (map[string]*rsa.PublicKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("key set: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("key set: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("key set %s: HTTP %d", url, resp.StatusCode)
	}
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxDocumentBytes)).Decode(&set); err != nil {
		return nil, fmt.Errorf("key set %s: %w", url, err)
	}
	keys := map[string]*rsa.PublicKey{}
	for _, rawKey := range set.Keys {
		var k jose.JSONWebKey
		if err := k.UnmarshalJSON(rawKey); err != nil {
			continue
		}
		pub, ok := k.Key.(*rsa.PublicKey)
		if !ok || k.KeyID == "" || (k.Use != "" && k.Use != "sig") || (k.Algorithm != "" && k.Algorithm != string(jose.RS256)) {
			continue
		}
		if _, dup := keys[k.KeyID]; dup {
			continue // first one wins; a JWKS should not repeat a kid
		}
		keys[k.KeyID] = pub
	}
	return keys, nil
}
