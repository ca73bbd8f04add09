// Package apitest holds what the tests of the telemetry clients and of
// the sandbox backends share: a fake backend on loopback, one that never
// answers for the timeout tests, and a GET that reads an answer whole.
package apitest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Serve starts h on a loopback server that is closed when the test ends
// and returns its URL.
func Serve(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// Silent starts a server that takes requests and never answers them, for
// a client's timeout to cut, and returns its URL. A request it holds ends
// when the client gives up or, at the latest, when the test ends.
func Silent(t testing.TB) string {
	t.Helper()
	release := make(chan struct{})
	url := Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	// Cleanups run last first: the held requests end before the server
	// closes, which waits for them.
	t.Cleanup(func() { close(release) })
	return url
}

// Get sends GET url with header (nil = none) and returns the answer's
// status, header and whole body; the test fails when no answer is read.
func Get(t testing.TB, url string, header http.Header) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp.StatusCode, resp.Header, body
}
