package traces

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var (
	start = time.Date(2027, 2, 2, 3, 0, 0, 0, time.UTC)
	end   = start.Add(30 * time.Minute)
)

func b64(h string) string {
	b, err := hex.DecodeString(h)
	if err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func nsAt(ms int) string {
	return strconv.FormatInt(start.Add(time.Duration(ms)*time.Millisecond).UnixNano(), 10)
}

// tempo is a fake Tempo (or Jaeger) answering from handlers by the
// longest matching path prefix.
type tempo struct {
	mu       sync.Mutex
	requests []*http.Request
	routes   map[string]func(w http.ResponseWriter, r *http.Request)
}

func (f *tempo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.mu.Unlock()
	best := ""
	for prefix := range f.routes {
		if strings.HasPrefix(r.URL.Path, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	if best != "" {
		f.routes[best](w, r)
		return
	}
	http.NotFound(w, r) // "404 page not found", as Go's mux and Tempo's router answer a missing route
}

func serve(t *testing.T, f *tempo, cfg Config) *Client {
	t.Helper()
	cfg.URL = apitest.Serve(t, f)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const searchBody = `{"traces":[
 {"traceID":"2f3e0cee77ae5dc9c17ade3689eb2e54","rootServiceName":"hmi","rootTraceName":"GET /tanks","startTimeUnixNano":"%s","durationMs":2010,
  "spanSets":[{"spans":[{"spanID":"563d623c76514f8e","name":"ReadTankLevels","startTimeUnixNano":"%s","durationNanos":"2003000000",
    "attributes":[{"key":"status","value":{"stringValue":"error"}}]}],"matched":1}]},
 {"traceID":"e0cee77ae5dc9c17ade3689eb2e54","rootServiceName":"hmi","rootTraceName":"GET /pumps","startTimeUnixNano":"%s","durationMs":15,
  "spanSet":{"spans":[{"spanID":"a1b2c3d4e5f60718","startTimeUnixNano":"%s","durationNanos":"12000000"}],"matched":3}}],
 "metrics":{"inspectedBytes":"1024","completedJobs":1,"totalJobs":1}}`

func TestSearch(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/search": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, searchBody, nsAt(5000), nsAt(5001), nsAt(1000), nsAt(1002))
		},
	}}
	c := serve(t, f, Config{TenantID: "water", BearerToken: "tok"})
	res, err := c.Search(context.Background(), `{ status = error }`, start, end.Add(500*time.Millisecond), 2)
	if err != nil {
		t.Fatal(err)
	}
	q := f.requests[0].URL.Query()
	if q.Get("q") != `{ status = error }` || q.Get("start") != strconv.FormatInt(start.Unix(), 10) ||
		q.Get("end") != strconv.FormatInt(end.Unix()+1, 10) || q.Get("limit") != "2" {
		t.Errorf("request %s", f.requests[0].URL)
	}
	h := f.requests[0].Header
	if h.Get("X-Scope-OrgID") != "water" || h.Get("Authorization") != "Bearer tok" || h.Get("Accept") != "application/json" {
		t.Errorf("headers %v", h)
	}
	if len(res.Traces) != 2 || !res.Truncated || res.Query != `{ status = error }` {
		t.Fatalf("result %+v", res)
	}
	first := res.Traces[0] // ordered by start: the /pumps trace began first
	if first.TraceID != "000e0cee77ae5dc9c17ade3689eb2e54" || first.Matched != 3 || first.Spans[0].DurationMS != 12 {
		t.Errorf("first %+v: want the padded id, 3 matched, the older spanSet shape read", first)
	}
	second := res.Traces[1]
	if second.RootService != "hmi" || second.DurationMS != 2010 || second.Spans[0].Attrs["status"] != "error" || !second.Spans[0].Start.Equal(start.Add(5001*time.Millisecond)) {
		t.Errorf("second %+v", second)
	}
}

func TestSearchError(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/search": func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "invalid TraceQL query: parse error at line 1, col 3: syntax error: unexpected IDENTIFIER", http.StatusBadRequest)
		},
	}}
	c := serve(t, f, Config{})
	_, err := c.Search(context.Background(), `{ sttus = error }`, start, end, 5)
	var aerr *APIError
	if !errors.As(err, &aerr) || aerr.StatusCode != 400 || !strings.HasPrefix(aerr.Message, "invalid TraceQL query: parse error") {
		t.Fatalf("error %v", err)
	}
	if _, err := c.Search(context.Background(), `{}`, end, start, 5); err == nil {
		t.Error("no error for an empty range")
	}
}

const (
	traceHex  = "4bf92f3577b34da6a3ce929d0e0e4736"
	rootHex   = "00f067aa0ba902b7"
	childHex  = "53995c3f42cd8ad8"
	leafHex   = "0c9a1ac6f9b3b2d4"
	leafStart = 1003
)

// v2Body is /api/v2/traces/<id> as Tempo 2.x sends it: ids in base64,
// status codes as enum names, 64-bit integers as strings.
func v2Body() string {
	return fmt.Sprintf(`{"trace":{"resourceSpans":[
 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"hmi"}},{"key":"service.version","value":{"stringValue":"4.2.1"}}]},
  "scopeSpans":[{"scope":{"name":"hmi"},"spans":[
   {"traceId":%q,"spanId":%q,"name":"GET /tanks","kind":"SPAN_KIND_SERVER","startTimeUnixNano":%q,"endTimeUnixNano":%q,
    "attributes":[{"key":"http.status_code","value":{"intValue":"504"}}],"status":{"code":"STATUS_CODE_ERROR","message":"504 Gateway Timeout"}},
   {"traceId":%q,"spanId":%q,"parentSpanId":%q,"name":"historian.Read (client)","startTimeUnixNano":%q,"endTimeUnixNano":%q,
    "attributes":[{"key":"rpc.deadline_ms","value":{"doubleValue":2000}},{"key":"retry","value":{"boolValue":false}},
                  {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"2"}]}}}],
    "status":{"code":"STATUS_CODE_ERROR","message":"DeadlineExceeded"}}]}]},
 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"historian"}}]},
  "scopeSpans":[{"spans":[
   {"traceId":%q,"spanId":%q,"parentSpanId":%q,"name":"ReadTankLevels","startTimeUnixNano":%q,"endTimeUnixNano":%q,"status":{}}]}]}]}}`,
		b64(traceHex), b64(rootHex), nsAt(1000), nsAt(3010),
		b64(traceHex), b64(childHex), b64(rootHex), nsAt(1001), nsAt(3002),
		b64(traceHex), b64(leafHex), b64(childHex), nsAt(leafStart), nsAt(2990))
}

// v1Body is /api/traces/<id> from an older Tempo: "batches", hex ids,
// numeric status codes, instrumentationLibrarySpans.
func v1Body() string {
	return fmt.Sprintf(`{"batches":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"scada-gw"}}]},
 "instrumentationLibrarySpans":[{"spans":[
  {"traceId":%q,"spanId":%q,"name":"modbus.WriteCoil","startTimeUnixNano":%s,"endTimeUnixNano":%s,"status":{"code":2,"message":"illegal data address"}}]}]}]}`,
		traceHex, rootHex, nsAt(0), nsAt(12))
}

func TestTraceV2(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/v2/traces/" + traceHex: func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, v2Body()) },
	}}
	c := serve(t, f, Config{})
	spans, err := c.Trace(context.Background(), strings.ToUpper(traceHex))
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 3 {
		t.Fatalf("got %d spans", len(spans))
	}
	root, client, leaf := spans[0], spans[1], spans[2]
	if root.TraceID != traceHex || root.SpanID != rootHex || root.ParentID != "" || root.Service != "hmi" ||
		root.Status != "ERROR" || root.StatusMessage != "504 Gateway Timeout" || root.DurationMS != 2010 {
		t.Errorf("root %+v", root)
	}
	if root.Attrs["http.status_code"] != int64(504) || root.Attrs["service.version"] != "4.2.1" {
		t.Errorf("root attrs %v: want the int attribute and the resource's version", root.Attrs)
	}
	if client.ParentID != rootHex || client.Attrs["rpc.deadline_ms"] != 2000.0 || client.Attrs["retry"] != false ||
		fmt.Sprint(client.Attrs["tags"]) != "[a 2]" || client.DurationMS != 2001 {
		t.Errorf("client %+v", client)
	}
	if leaf.Service != "historian" || leaf.ParentID != childHex || leaf.Status != "OK" || !leaf.Start.Equal(start.Add(leafStart*time.Millisecond)) {
		t.Errorf("leaf %+v", leaf)
	}
	if len(f.requests) != 1 {
		t.Errorf("%d requests, want only v2", len(f.requests))
	}
}

func TestTraceFallsBackToV1(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/traces/" + traceHex: func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, v1Body()) },
	}}
	c := serve(t, f, Config{})
	spans, err := c.Trace(context.Background(), traceHex)
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 1 || spans[0].Service != "scada-gw" || spans[0].Status != "ERROR" || spans[0].SpanID != rootHex || spans[0].DurationMS != 12 {
		t.Errorf("spans %+v", spans)
	}
	if len(f.requests) != 2 || !strings.HasPrefix(f.requests[0].URL.Path, "/api/v2/") {
		t.Errorf("requests %d", len(f.requests))
	}
}

func TestTraceErrors(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/v2/traces/": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "trace not found", http.StatusNotFound) },
		"/api/traces/":    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "trace not found", http.StatusNotFound) },
	}}
	c := serve(t, f, Config{})
	if _, err := c.Trace(context.Background(), "deadbeef"); !errors.Is(err, ErrTraceNotFound) {
		t.Errorf("unknown trace: %v", err)
	}
	for _, bad := range []string{"", "not-hex", strings.Repeat("a", 33)} {
		if _, err := c.Trace(context.Background(), bad); err == nil || errors.Is(err, ErrTraceNotFound) {
			t.Errorf("id %q: %v", bad, err)
		}
	}

	broken := serve(t, &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/v2/traces/": func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "querier unavailable", http.StatusServiceUnavailable)
		},
	}}, Config{})
	var aerr *APIError
	if _, err := broken.Trace(context.Background(), traceHex); !errors.As(err, &aerr) || aerr.StatusCode != 503 {
		t.Errorf("503: %v", err)
	}

	big := serve(t, &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/v2/traces/": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, v2Body()) },
	}}, Config{MaxBytes: 512})
	if _, err := big.Trace(context.Background(), traceHex); !errors.Is(err, ErrTooLarge) {
		t.Errorf("large body: %v", err)
	}
}

func TestServiceFailures(t *testing.T) {
	ids := []string{"aaaa0000000000000000000000000001", "aaaa0000000000000000000000000002", "aaaa0000000000000000000000000003"}
	var queries []string
	var mu sync.Mutex
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/search": func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query().Get("q")
			mu.Lock()
			queries = append(queries, q)
			mu.Unlock()
			pick := ids[:2] // errors: 1 and 2
			if strings.Contains(q, "duration") {
				pick = ids[1:] // slow: 2 and 3
			}
			var ts []string
			for i, id := range pick {
				ts = append(ts, fmt.Sprintf(`{"traceID":%q,"rootServiceName":"hmi","startTimeUnixNano":%q,"durationMs":10}`, id, nsAt(i)))
			}
			fmt.Fprintf(w, `{"traces":[%s]}`, strings.Join(ts, ","))
		},
		"/api/v2/traces/" + ids[0]: func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, strings.ReplaceAll(v2Body(), b64(traceHex), b64(ids[0])))
		},
		"/api/v2/traces/" + ids[1]: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "trace not found", http.StatusNotFound) },
		"/api/traces/" + ids[1]:    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "trace not found", http.StatusNotFound) },
	}}
	c := serve(t, f, Config{MaxTraces: 2, Slow: 1500 * time.Millisecond})
	got, err := c.ServiceFailures(context.Background(), `historian`, start, end)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{ resource.service.name = "historian" && status = error }`,
		`{ resource.service.name = "historian" && duration > 1500ms }`,
	}
	if strings.Join(got.Queries, "\n") != strings.Join(want, "\n") || strings.Join(queries, "\n") != strings.Join(want, "\n") {
		t.Errorf("queries %q (sent %q)", got.Queries, queries)
	}
	if !got.Truncated || len(got.TraceIDs) != 1 || got.TraceIDs[0] != ids[0] || len(got.Missing) != 1 || got.Missing[0] != ids[1] {
		t.Errorf("fetched %v missing %v truncated %v: want trace 1 fetched, 2 missing, 3 beyond MaxTraces", got.TraceIDs, got.Missing, got.Truncated)
	}
	if len(got.Spans) != 3 || got.Spans[0].TraceID != ids[0] {
		t.Errorf("spans %+v", got.Spans)
	}

	capped := serve(t, f, Config{MaxSpans: 2})
	got, err = capped.ServiceFailures(context.Background(), `historian`, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Spans) != 2 || !got.Truncated {
		t.Errorf("MaxSpans 2: %d spans truncated=%v", len(got.Spans), got.Truncated)
	}
}

func TestNormID(t *testing.T) {
	tests := []struct {
		in   string
		size int
		want string
	}{
		{traceHex, 16, traceHex},
		{strings.ToUpper(traceHex), 16, traceHex},
		{b64(traceHex), 16, traceHex},
		{strings.TrimRight(b64(traceHex), "="), 16, traceHex},
		{"e0cee77ae5dc9c17ade3689eb2e54", 16, "000e0cee77ae5dc9c17ade3689eb2e54"},
		{rootHex, 8, rootHex},
		{b64(rootHex), 8, rootHex},
		{"", 8, ""},
	}
	for _, tt := range tests {
		if got := normID(tt.in, tt.size); got != tt.want {
			t.Errorf("normID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTraceQLDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "1s", 1500 * time.Millisecond: "1500ms", 90 * time.Second: "90s", 2 * time.Minute: "2m",
		90 * time.Minute: "90m", time.Hour: "1h", 250 * time.Millisecond: "250ms",
	} {
		if got := traceqlDuration(d); got != want {
			t.Errorf("traceqlDuration(%s) = %s, want %s", d, got, want)
		}
	}
}
