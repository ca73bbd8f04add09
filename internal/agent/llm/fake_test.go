package llm

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/warroom/warroom/internal/agent"
)

// reply is one canned HTTP answer of a fake provider.
type reply struct {
	status int
	header map[string]string
	body   string
}

// seenRequest is one request a fake provider received.
type seenRequest struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// JSON decodes the request body into a generic map.
func (r seenRequest) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("request body is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

// fakeAPI is an in-process provider: it answers POST path with the queued
// replies in order (the last one repeats) and keeps every request.
type fakeAPI struct {
	path    string
	replies []reply

	mu   sync.Mutex
	reqs []seenRequest
	srv  *httptest.Server
}

func newFake(t *testing.T, path string, replies ...reply) *fakeAPI {
	t.Helper()
	f := &fakeAPI{path: path, replies: replies}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, seenRequest{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	f.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != f.path {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":{"type":"not_found_error","message":"no route `+r.Method+` `+r.URL.Path+`"}}`)
		return
	}
	rep := f.replies[min(n, len(f.replies)-1)]
	w.Header().Set("Content-Type", "application/json")
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, rep.body)
}

func (f *fakeAPI) requests() []seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seenRequest(nil), f.reqs...)
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// Test fixtures shared by both providers.

const testAPIKey = "sk-test-provider-key-7f3a9c"

var testTools = []agent.ToolDef{
	{
		Name:        "search_logs",
		Description: "Search service logs.",
		InputSchema: json.RawMessage(`{"type":"object","properties":{"service":{"type":"string"},"query":{"type":"string"}},"required":["service"],"additionalProperties":false}`),
	},
	{
		Name:        "recent_deploys",
		Description: "List recent deploys of a service.",
		InputSchema: json.RawMessage(`{"type":"object","properties":{"service":{"type":"string"}},"required":["service"]}`),
	},
}

var testIncident = json.RawMessage(`{"title":"checkout 5xx spike","service":"checkout","alerts":[{"source":"alertmanager","text":"HighErrorRate"}]}`)

func baseRequest(history ...agent.Exchange) agent.Request {
	return agent.Request{
		System:   "You are WarRoom, an incident-response agent.",
		Incident: testIncident,
		Tools:    testTools,
		History:  history,
	}
}

// oneCall is a finished exchange with one call and its result.
var oneCall = agent.Exchange{
	Reasoning: "Check the logs first.",
	Calls:     []agent.ToolCall{{ID: "toolu_01", Name: "search_logs", Args: json.RawMessage(`{"service":"checkout","query":"5xx"}`)}},
	Results:   []agent.ToolResult{{CallID: "toolu_01", Name: "search_logs", Content: json.RawMessage(`{"lines":["db timeout"]}`)}},
}

// twoCalls is a finished exchange with two parallel calls, results given
// in the opposite order and one of them failed.
var twoCalls = agent.Exchange{
	Calls: []agent.ToolCall{
		{ID: "toolu_02", Name: "search_logs", Args: json.RawMessage(`{"service":"db"}`)},
		{ID: "toolu_03", Name: "recent_deploys", Args: json.RawMessage(`{"service":"checkout"}`)},
	},
	Results: []agent.ToolResult{
		{CallID: "toolu_03", Name: "recent_deploys", Content: json.RawMessage(`{"error":"upstream unavailable"}`), IsError: true},
		{CallID: "toolu_02", Name: "search_logs", Content: json.RawMessage(`{"lines":[]}`)},
	},
}

// path walks a decoded JSON value: string keys index objects, ints index
// arrays.
func path(t *testing.T, v any, keys ...any) any {
	t.Helper()
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object: %v", k, v)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at [%d]: not an array of that length: %v", k, v)
			}
			v = a[k]
		}
	}
	return v
}

func str(t *testing.T, v any, keys ...any) string {
	t.Helper()
	s, _ := path(t, v, keys...).(string)
	return s
}

func arr(t *testing.T, v any, keys ...any) []any {
	t.Helper()
	a, ok := path(t, v, keys...).([]any)
	if !ok {
		t.Fatalf("%v: not an array", keys)
	}
	return a
}

func jsonEqual(t *testing.T, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	ws, _ := json.Marshal(w)
	if string(g) != string(ws) {
		t.Errorf("got %s, want %s", g, ws)
	}
}

func rawEqual(t *testing.T, got json.RawMessage, want string) {
	t.Helper()
	var g any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("not JSON: %s", got)
	}
	jsonEqual(t, g, want)
}

func mustNotContain(t *testing.T, what, s, secret string) {
	t.Helper()
	if secret != "" && strings.Contains(s, secret) {
		t.Errorf("%s contains the secret %q: %s", what, secret, s)
	}
}
