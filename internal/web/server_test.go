package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/store"
)

// fakeStore is a Readiness whose answers the test sets.
type fakeStore struct {
	pingErr     error
	status      store.MigrationStatus
	statusErr   error
	pings       int
	statusCalls int
	noDeadline  bool // set if any call came without a deadline
}

func (f *fakeStore) Ping(ctx context.Context) error {
	f.pings++
	if _, ok := ctx.Deadline(); !ok {
		f.noDeadline = true
	}
	return f.pingErr
}

func (f *fakeStore) MigrationStatus(ctx context.Context) (store.MigrationStatus, error) {
	f.statusCalls++
	if _, ok := ctx.Deadline(); !ok {
		f.noDeadline = true
	}
	return f.status, f.statusErr
}

var current = store.MigrationStatus{Version: 7, Latest: 7, RiverReady: true}

// newHandler builds a server the way the app does, with its own registry.
func newHandler(t *testing.T, st Readiness, started *atomic.Bool) http.Handler {
	t.Helper()
	reg := prometheus.NewRegistry()
	s := &Server{
		Store:    st,
		Gatherer: reg,
		Logger:   slog.New(slog.DiscardHandler),
		Started:  started,
		Version:  "v1.2.3-test",
	}
	return s.Handler(reg)
}

func startedFlag(v bool) *atomic.Bool {
	b := new(atomic.Bool)
	b.Store(v)
	return b
}

func do(t *testing.T, h http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

// checkJSON asserts the response is JSON with the safety header.
func checkJSON(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
	}
}

// decodeError asserts the body is exactly one ErrorBody with code and message.
func decodeError(t *testing.T, rec *httptest.ResponseRecorder) ErrorBody {
	t.Helper()
	checkJSON(t, rec)
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	var body ErrorBody
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("body %q is not an ErrorBody: %v", rec.Body.String(), err)
	}
	if body.Error.Code == "" || body.Error.Message == "" {
		t.Errorf("error body %q lacks code or message", rec.Body.String())
	}
	if dec.More() {
		t.Errorf("body %q has trailing data", rec.Body.String())
	}
	// The wire shape is a contract: {"error":{"code":"...","message":"..."}},
	// checked without going through ErrorBody's own tags.
	var raw map[string]map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	if len(raw) != 1 || len(raw["error"]) != 2 || raw["error"]["code"] != body.Error.Code || raw["error"]["message"] != body.Error.Message {
		t.Errorf(`body %q is not {"error":{"code":...,"message":...}}`, rec.Body.String())
	}
	return body
}

func TestHealthz(t *testing.T) {
	// /healthz answers even while starting and with the store down.
	for _, started := range []bool{false, true} {
		st := &fakeStore{pingErr: errors.New("down")}
		rec := do(t, newHandler(t, st, startedFlag(started)), http.MethodGet, "/healthz")
		if rec.Code != http.StatusOK {
			t.Fatalf("started=%t: status = %d, want 200; body %s", started, rec.Code, rec.Body)
		}
		checkJSON(t, rec)
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("body %q: %v", rec.Body.String(), err)
		}
		if body["status"] != "ok" {
			t.Errorf("status = %q, want ok", body["status"])
		}
		if body["version"] != "v1.2.3-test" {
			t.Errorf("version = %q, want v1.2.3-test", body["version"])
		}
		if st.pings != 0 || st.statusCalls != 0 {
			t.Errorf("/healthz touched the store (%d pings, %d status calls)", st.pings, st.statusCalls)
		}
	}
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name            string
		started         *atomic.Bool
		store           *fakeStore
		wantStatus      int
		wantCode        string // error code, for non-200
		wantPings       int
		wantStatusCalls int
	}{
		{
			name:       "starting",
			started:    startedFlag(false),
			store:      &fakeStore{status: current},
			wantStatus: http.StatusServiceUnavailable,
			wantCode:   "starting",
		},
		{
			name:       "store unreachable",
			started:    startedFlag(true),
			store:      &fakeStore{pingErr: errors.New("connection refused"), status: current},
			wantStatus: http.StatusServiceUnavailable,
			wantCode:   "store_unreachable",
			wantPings:  1,
		},
		{
			name:            "migrations pending",
			started:         startedFlag(true),
			store:           &fakeStore{status: store.MigrationStatus{Version: 5, Latest: 7, RiverReady: true}},
			wantStatus:      http.StatusServiceUnavailable,
			wantCode:        "migrations_pending",
			wantPings:       1,
			wantStatusCalls: 1,
		},
		{
			name:            "river schema pending",
			started:         startedFlag(true),
			store:           &fakeStore{status: store.MigrationStatus{Version: 7, Latest: 7, RiverReady: false}},
			wantStatus:      http.StatusServiceUnavailable,
			wantCode:        "migrations_pending",
			wantPings:       1,
			wantStatusCalls: 1,
		},
		{
			name:            "migrations unknown",
			started:         startedFlag(true),
			store:           &fakeStore{statusErr: errors.New("no goose table"), status: current},
			wantStatus:      http.StatusServiceUnavailable,
			wantCode:        "migrations_unknown",
			wantPings:       1,
			wantStatusCalls: 1,
		},
		{
			name:            "ready",
			started:         startedFlag(true),
			store:           &fakeStore{status: current},
			wantStatus:      http.StatusOK,
			wantPings:       1,
			wantStatusCalls: 1,
		},
		{
			name:            "ready with no started flag",
			started:         nil,
			store:           &fakeStore{status: current},
			wantStatus:      http.StatusOK,
			wantPings:       1,
			wantStatusCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, newHandler(t, tt.store, tt.started), http.MethodGet, "/readyz")
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantCode != "" {
				body := decodeError(t, rec)
				if body.Error.Code != tt.wantCode {
					t.Errorf("code = %q, want %q", body.Error.Code, tt.wantCode)
				}
				for _, secret := range []string{"connection refused", "no goose table"} {
					if strings.Contains(body.Error.Message, secret) {
						t.Errorf("message %q leaks the store error", body.Error.Message)
					}
				}
			} else {
				checkJSON(t, rec)
				var body struct {
					Status        string `json:"status"`
					SchemaVersion int64  `json:"schema_version"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					t.Fatalf("body %q: %v", rec.Body.String(), err)
				}
				if body.Status != "ready" || body.SchemaVersion != current.Version {
					t.Errorf("body = %+v, want status ready, schema_version %d", body, current.Version)
				}
			}
			if tt.store.pings != tt.wantPings || tt.store.statusCalls != tt.wantStatusCalls {
				t.Errorf("store calls: %d pings, %d status; want %d, %d",
					tt.store.pings, tt.store.statusCalls, tt.wantPings, tt.wantStatusCalls)
			}
			if tt.store.noDeadline {
				t.Error("store was called without a deadline")
			}
		})
	}
}

func TestReadyzFollowsStarted(t *testing.T) {
	started := startedFlag(false)
	h := newHandler(t, &fakeStore{status: current}, started)
	if rec := do(t, h, http.MethodGet, "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("before start: status = %d, want 503", rec.Code)
	}
	started.Store(true)
	if rec := do(t, h, http.MethodGet, "/readyz"); rec.Code != http.StatusOK {
		t.Fatalf("after start: status = %d, want 200; body %s", rec.Code, rec.Body)
	}
}

func TestRoutingErrors(t *testing.T) {
	tests := []struct {
		method, path string
		wantStatus   int
		wantCode     string
		wantAllow    string // substring of Allow; "" means no Allow header
	}{
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed, "method_not_allowed", "GET, HEAD"},
		{http.MethodDelete, "/readyz", http.StatusMethodNotAllowed, "method_not_allowed", "GET"},
		{http.MethodPut, "/metrics", http.StatusMethodNotAllowed, "method_not_allowed", "GET"},
		{http.MethodGet, "/nope", http.StatusNotFound, "not_found", ""},
		{http.MethodPost, "/nope", http.StatusNotFound, "not_found", ""},
		{http.MethodGet, "/", http.StatusNotFound, "not_found", ""},
		{http.MethodGet, "/healthz/extra", http.StatusNotFound, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := do(t, newHandler(t, &fakeStore{status: current}, startedFlag(true)), tt.method, tt.path)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			body := decodeError(t, rec)
			if body.Error.Code != tt.wantCode {
				t.Errorf("code = %q, want %q", body.Error.Code, tt.wantCode)
			}
			if !strings.Contains(body.Error.Message, tt.path) {
				t.Errorf("message %q does not name the path %s", body.Error.Message, tt.path)
			}
			allow := rec.Header().Get("Allow")
			if tt.wantAllow == "" {
				if allow != "" {
					t.Errorf("Allow = %q, want none", allow)
				}
			} else {
				if !strings.Contains(allow, tt.wantAllow) {
					t.Errorf("Allow = %q, want it to contain %s", allow, tt.wantAllow)
				}
				if strings.Contains(allow, tt.method) {
					t.Errorf("Allow = %q lists the rejected method %s", allow, tt.method)
				}
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	h := newHandler(t, &fakeStore{status: current}, startedFlag(true))

	first := do(t, h, http.MethodGet, "/metrics")
	if first.Code != http.StatusOK {
		t.Fatalf("first /metrics: status = %d, want 200", first.Code)
	}
	if strings.Contains(first.Body.String(), "warroom_http_requests_total{") {
		t.Errorf("request counter has samples before any request finished:\n%s", first.Body)
	}

	do(t, h, http.MethodGet, "/healthz")
	do(t, h, http.MethodGet, "/healthz")
	do(t, h, http.MethodGet, "/nope")
	do(t, h, http.MethodPost, "/healthz")

	rec := do(t, h, http.MethodGet, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want Prometheus text format", ct)
	}
	out, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		"warroom_http_requests_total",
		`warroom_http_requests_total{code="200",route="GET /healthz"} 2`,
		`warroom_http_requests_total{code="200",route="GET /metrics"} 1`,
		`warroom_http_requests_total{code="404",route="unmatched"} 1`,
		`warroom_http_requests_total{code="405",route="unmatched"} 1`,
		`warroom_http_request_seconds_count{route="GET /healthz"} 2`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, out)
		}
	}
	// Raw paths must not become labels.
	if strings.Contains(string(out), `route="/nope"`) {
		t.Error("/metrics has a raw-path route label")
	}
}
