// Package fault is what the sandbox fakes share: counting the requests they
// served, for tests that assert how often a provider was called, and
// failing the next few of them, for tests of how a provider copes.
package fault

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Counter counts requests by key ("METHOD /path", or an API method name).
// Embed it in a fake: Calls and TotalCalls become the fake's. Safe for
// concurrent use; the zero value is ready.
type Counter struct {
	mu    sync.Mutex
	by    map[string]int
	total int
}

// Count records one request under key.
func (c *Counter) Count(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.by == nil {
		c.by = map[string]int{}
	}
	c.by[key]++
	c.total++
}

// Calls is how many requests were recorded under key, whatever their outcome.
func (c *Counter) Calls(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.by[key]
}

// CallsWithPrefix is how many requests were recorded under keys starting
// with prefix (say every call below one path).
func (c *Counter) CallsWithPrefix(prefix string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k, v := range c.by {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// TotalCalls is how many requests were recorded.
func (c *Counter) TotalCalls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// ResetCalls zeroes the counts.
func (c *Counter) ResetCalls() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.by, c.total = nil, 0
}

// Counting wraps next so each request is counted as "METHOD /path" before
// it is served, whatever its outcome.
func (c *Counter) Counting(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.Count(r.Method + " " + r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

// Reply is how a failed request is answered; what a fake leaves zero, it
// fills in as the service it imitates would.
type Reply struct {
	Status int
	// RetryAfter, when positive, is sent as a Retry-After header (see
	// SetRetryAfter).
	RetryAfter time.Duration
}

// Trigger fails the next requests a fake asks it about: the fake arms it
// from a test and calls Take where the service would refuse a request (for
// example after authentication). Safe for concurrent use; the zero value
// fails nothing.
type Trigger struct {
	mu    sync.Mutex
	left  int
	reply Reply
}

// Arm makes the next n calls of Take fail with r, replacing what was armed
// before; n <= 0 disarms.
func (t *Trigger) Arm(n int, r Reply) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.left, t.reply = max(n, 0), r
}

// Take reports whether this request is to fail, and how, using up one of
// the armed failures.
func (t *Trigger) Take() (Reply, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.left == 0 {
		return Reply{}, false
	}
	t.left--
	return t.reply, true
}

// SetRetryAfter sets the Retry-After header to d in whole seconds, rounded
// up (HTTP has no fractions), when d is positive.
func SetRetryAfter(h http.Header, d time.Duration) {
	if d > 0 {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	}
}
