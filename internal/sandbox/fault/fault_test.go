package fault

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
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
