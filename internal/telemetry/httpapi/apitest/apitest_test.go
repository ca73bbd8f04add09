package apitest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	url := Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Kiln", r.Header.Get("X-Kiln"))
		w.WriteHeader(http.StatusAccepted)
		_, _ = io.WriteString(w, "kiln 4 at 1180C")
	}))
	status, h, body := Get(t, url+"/firing", http.Header{"X-Kiln": {"4"}})
	if status != http.StatusAccepted || h.Get("X-Kiln") != "4" || string(body) != "kiln 4 at 1180C" {
		t.Errorf("Get = %d, %v, %q", status, h, body)
	}
}

func TestSilent(t *testing.T) {
	url := Silent(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("answered %s", resp.Status)
	}
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(t0) > 5*time.Second {
		t.Errorf("error %v after %s, want the deadline", err, time.Since(t0))
	}
}

// A request still held when the test ends must not keep the server from
// closing.
func TestSilentReleasesAtCleanup(t *testing.T) {
	done := make(chan error, 1)
	t.Run("held", func(t *testing.T) {
		url := Silent(t)
		go func() {
			resp, err := http.Get(url)
			if err == nil {
				resp.Body.Close()
			}
			done <- err
		}()
		time.Sleep(50 * time.Millisecond) // let the request reach the handler
	})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the held request was not released when the test ended")
	}
}
