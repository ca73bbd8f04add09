package fault

import (
	"sync"
	"testing"
)

func TestCounter(t *testing.T) {
	var c Counter
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Count("POST /v2/enqueue")
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
