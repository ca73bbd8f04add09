package fault

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCounter(t *testing.T) {
	var c Counter
	h := c.Counting(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/v2/enqueue", nil))
		}()
	}
	wg.Wait()
	c.Count("chat.postMessage")
	defer func() {
		c.ResetCalls()
		if c.TotalCalls() != 0 || c.Calls("chat.postMessage") != 0 {
			t.Error("reset left counts")
		}
	}()
	if c.Calls("POST /v2/enqueue") != 50 || c.Calls("chat.postMessage") != 1 || c.TotalCalls() != 51 || c.Calls("GET /") != 0 {
		t.Fatalf("calls %d, %d, total %d", c.Calls("POST /v2/enqueue"), c.Calls("chat.postMessage"), c.TotalCalls())
	}
}

func TestCallsWithPrefix(t *testing.T) {
	var c Counter
	for _, k := range []string{"/v1/hives/7/frames", "/v1/hives/7/frames/2", "/v1/hives/7", "/v1/hives/70/frames", "/v1/apiaries"} {
		c.Count(k)
	}
	c.Count("/v1/hives/7/frames")
	tests := []struct {
		prefix string
		want   int
	}{
		{"/v1/hives/7/frames", 3},
		{"/v1/hives/7/", 3},
		{"/v1/hives/7", 5}, // a prefix, not a path: /v1/hives/70 counts
		{"/v1/", 6},
		{"", 6},
		{"/v2/", 0},
	}
	for _, tt := range tests {
		if got := c.CallsWithPrefix(tt.prefix); got != tt.want {
			t.Errorf("CallsWithPrefix(%q) = %d, want %d", tt.prefix, got, tt.want)
		}
	}
}

func TestTrigger(t *testing.T) {
	var tr Trigger
	if _, ok := tr.Take(); ok {
		t.Fatal("the zero Trigger failed a request")
	}
	want := Reply{Status: http.StatusServiceUnavailable, RetryAfter: 2 * time.Second}
	tr.Arm(3, want)
	var failed atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, ok := tr.Take(); ok {
				if r != want {
					t.Errorf("reply %+v, want %+v", r, want)
				}
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	if failed.Load() != 3 {
		t.Fatalf("%d of 20 requests failed, want 3", failed.Load())
	}
	tr.Arm(5, Reply{Status: http.StatusTooManyRequests})
	tr.Arm(1, want) // replaces, does not add
	if r, ok := tr.Take(); !ok || r != want {
		t.Fatalf("re-armed: %+v %v", r, ok)
	}
	if _, ok := tr.Take(); ok {
		t.Fatal("re-arming added to the failures left")
	}
	tr.Arm(2, want)
	tr.Arm(-1, want)
	if _, ok := tr.Take(); ok {
		t.Fatal("n <= 0 did not disarm")
	}
}

func TestSetRetryAfter(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, ""},
		{-time.Second, ""},
		{time.Millisecond, "1"},
		{1500 * time.Millisecond, "2"},
		{30 * time.Second, "30"},
		{2 * time.Minute, "120"},
	}
	for _, tt := range tests {
		h := http.Header{}
		SetRetryAfter(h, tt.d)
		if got := h.Get("Retry-After"); got != tt.want {
			t.Errorf("%v: Retry-After %q, want %q", tt.d, got, tt.want)
		}
	}
}
