// Package fault is what the sandbox fakes share: counting the requests they
// served, for tests that assert how often a provider was called.
package fault

import (
	"net/http"
	"sync"
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
