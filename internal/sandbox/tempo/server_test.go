package tempo

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var t0 = time.Date(2031, 8, 9, 6, 0, 0, 0, time.UTC)

const (
	slowTrace = "0af7651916cd43dd8448eb211c80319c"
	fastTrace = "7b3"
)

// greenhouse is an irrigation request that timed out on a valve (slow
// trace, ten minutes in) and a quick sensor read earlier.
func greenhouse() telemetry.Data {
	return telemetry.Data{Traces: []telemetry.Span{
		{TraceID: slowTrace, SpanID: "b7ad6b7169203331", Service: "irrigation-api", Name: "POST /zones/{id}/water", Start: t0.Add(10 * time.Minute), DurationMS: 2400, Status: "ERROR", StatusMessage: "upstream timeout", Attrs: map[string]any{"http.status_code": 504.0, "zone": "north"}},
		{TraceID: slowTrace, SpanID: "00f067aa0ba902b7", ParentID: "b7ad6b7169203331", Service: "valve-controller", Name: "valve.open", Start: t0.Add(10*time.Minute + 100*time.Millisecond), DurationMS: 2250.5, Status: "ERROR", StatusMessage: "actuator did not confirm", Attrs: map[string]any{"valve.retries": 3.0, "pressure.kpa": 180.5, "manual": false}},
		{TraceID: slowTrace, SpanID: "1a2b", ParentID: "b7ad6b7169203331", Service: "irrigation-api", Name: "db.select zones", Start: t0.Add(10*time.Minute + 20*time.Millisecond), DurationMS: 12, Status: "OK"},
		{TraceID: fastTrace, SpanID: "c0ffee", Service: "sensor-gateway", Name: "GET /sensors/humidity", Start: t0.Add(2 * time.Minute), DurationMS: 35, Status: "OK", Attrs: map[string]any{"http.status_code": 200.0, "zone": "south"}},
	}}
}

func start(t *testing.T, d telemetry.Data) *httptest.Server {
	t.Helper()
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string, q url.Values) (int, []byte) {
	t.Helper()
	u := srv.URL + path
	if q != nil {
		u += "?" + q.Encode()
	}
	code, _, body := apitest.Get(t, u, nil)
	return code, body
}

type searchReply struct {
	Traces []struct {
		TraceID           string `json:"traceID"`
		RootServiceName   string `json:"rootServiceName"`
		RootTraceName     string `json:"rootTraceName"`
		StartTimeUnixNano string `json:"startTimeUnixNano"`
		DurationMs        int64  `json:"durationMs"`
		SpanSets          []struct {
			Spans []struct {
				SpanID        string     `json:"spanID"`
				Name          string     `json:"name"`
				DurationNanos string     `json:"durationNanos"`
				Attributes    []keyValue `json:"attributes"`
			} `json:"spans"`
			Matched int `json:"matched"`
		} `json:"spanSets"`
	} `json:"traces"`
}

func search(t *testing.T, srv *httptest.Server, q url.Values) searchReply {
	t.Helper()
	code, body := get(t, srv, "/api/search", q)
	if code != 200 {
		t.Fatalf("%v: %d %s", q, code, body)
	}
	var r searchReply
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSearch(t *testing.T) {
	srv := start(t, greenhouse())
	for _, tc := range []struct {
		name, q string
		want    []string // "traceID:matched span names"
	}{
		{"everything, newest first", `{}`, []string{"af7651916cd43dd8448eb211c80319c:POST /zones/{id}/water,db.select zones,valve.open", "7b3:GET /sensors/humidity"}},
		{"resource service", `{ resource.service.name = "valve-controller" }`, []string{"af7651916cd43dd8448eb211c80319c:valve.open"}},
		{"unscoped attribute falls back to the resource", `{ .service.name = "sensor-gateway" }`, []string{"7b3:GET /sensors/humidity"}},
		{"number comparison", `{ span.http.status_code >= 500 }`, []string{"af7651916cd43dd8448eb211c80319c:POST /zones/{id}/water"}},
		{"status error", `{ status = error }`, []string{"af7651916cd43dd8448eb211c80319c:POST /zones/{id}/water,valve.open"}},
		{"status ok", `{ status = ok && duration < 20ms }`, []string{"af7651916cd43dd8448eb211c80319c:db.select zones"}},
		{"duration", `{ duration > 2s }`, []string{"af7651916cd43dd8448eb211c80319c:POST /zones/{id}/water,valve.open"}},
		{"name regex", `{ name =~ "GET .*" }`, []string{"7b3:GET /sensors/humidity"}},
		{"or inside braces", `{ .zone = "south" || .valve.retries > 2 }`, []string{"af7651916cd43dd8448eb211c80319c:valve.open", "7b3:GET /sensors/humidity"}},
		{"missing attribute never matches, even !=", `{ .zone != "north" }`, []string{"7b3:GET /sensors/humidity"}},
		{"float and bool", `{ .pressure.kpa > 180.1 && .manual = false }`, []string{"af7651916cd43dd8448eb211c80319c:valve.open"}},
		{"type mismatch matches nothing", `{ .zone = 5 }`, nil},
		{"spansets joined by &&", `{ .zone = "north" } && { name = "valve.open" }`, []string{"af7651916cd43dd8448eb211c80319c:POST /zones/{id}/water,valve.open"}},
		{"spansets joined by || ", `{ .zone = "south" } || { statusMessage =~ ".*confirm.*" }`, []string{"af7651916cd43dd8448eb211c80319c:valve.open", "7b3:GET /sensors/humidity"}},
		{"trace intrinsics", `{ rootServiceName = "irrigation-api" && traceDuration > 2s && trace:rootName = "POST /zones/{id}/water" && kind = unspecified && name = "valve.open" }`, []string{"af7651916cd43dd8448eb211c80319c:valve.open"}},
		{"parentheses", `{ (.zone = "north" || .zone = "south") && status = ok }`, []string{"7b3:GET /sensors/humidity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := search(t, srv, url.Values{"q": {tc.q}})
			var got []string
			for _, tr := range r.Traces {
				var names []string
				for _, sp := range tr.SpanSets[0].Spans {
					names = append(names, sp.Name)
				}
				if tr.SpanSets[0].Matched != len(names) {
					t.Errorf("%s: matched %d, %d spans listed", tr.TraceID, tr.SpanSets[0].Matched, len(names))
				}
				got = append(got, tr.TraceID+":"+strings.Join(names, ","))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSearchSummaryAndParameters(t *testing.T) {
	srv := start(t, greenhouse())
	r := search(t, srv, url.Values{"q": {`{ .http.status_code = 504 }`}})
	tr := r.Traces[0]
	if tr.RootServiceName != "irrigation-api" || tr.RootTraceName != "POST /zones/{id}/water" || tr.DurationMs != 2400 ||
		tr.StartTimeUnixNano != fmt.Sprint(t0.Add(10*time.Minute).UnixNano()) {
		t.Errorf("summary %+v", tr)
	}
	sp := tr.SpanSets[0].Spans[0]
	if sp.SpanID != "b7ad6b7169203331" || sp.DurationNanos != "2400000000" {
		t.Errorf("span %+v", sp)
	}
	if len(sp.Attributes) != 1 || sp.Attributes[0].Key != "http.status_code" || sp.Attributes[0].Value.IntValue == nil || *sp.Attributes[0].Value.IntValue != "504" {
		t.Errorf("attributes %s", mustJSON(sp.Attributes))
	}

	if r := search(t, srv, url.Values{"q": {"{}"}, "limit": {"1"}}); len(r.Traces) != 1 || r.Traces[0].TraceID != strings.TrimLeft(slowTrace, "0") {
		t.Errorf("limit 1: %+v", r.Traces)
	}
	if r := search(t, srv, url.Values{"q": {"{}"}, "spss": {"1"}}); len(r.Traces[0].SpanSets[0].Spans) != 1 || r.Traces[0].SpanSets[0].Matched != 3 {
		t.Errorf("spss 1: %+v", r.Traces[0].SpanSets)
	}
	// The window [t0, t0+5m] holds only the sensor read.
	w := url.Values{"q": {"{}"}, "start": {fmt.Sprint(t0.Unix())}, "end": {fmt.Sprint(t0.Add(5 * time.Minute).Unix())}}
	if r := search(t, srv, w); len(r.Traces) != 1 || r.Traces[0].RootServiceName != "sensor-gateway" {
		t.Errorf("window: %+v", r.Traces)
	}
}

func TestSearchRefusals(t *testing.T) {
	srv := start(t, greenhouse())
	for _, tc := range []struct {
		name string
		q    url.Values
		want string
	}{
		{"no braces", url.Values{"q": {`status = error`}}, "invalid TraceQL query: parse error at line 1, col 1: syntax error: unexpected status, expecting {"},
		{"unclosed", url.Values{"q": {`{ status = error`}}, "col 17: syntax error: unexpected $end, expecting }"},
		{"structural", url.Values{"q": {`{ .zone = "north" } >> { status = error }`}}, "col 21: syntax error: unexpected >> (not supported by the sandbox)"},
		{"pipeline", url.Values{"q": {`{ status = error } | count() > 2`}}, "unexpected | (not supported by the sandbox)"},
		{"existence test", url.Values{"q": {`{ .zone }`}}, "expecting comparison operator"},
		{"bad intrinsic value", url.Values{"q": {`{ duration > "slow" }`}}, "duration cannot be compared with a string"},
		{"unknown bare word", url.Values{"q": {`{ zone = "north" }`}}, "unexpected IDENTIFIER zone"},
		{"bad regexp", url.Values{"q": {`{ name =~ "(" }`}}, "invalid regular expression"},
		{"legacy tags", url.Values{"tags": {"zone=north"}}, "not supported by the sandbox"},
		{"start without end", url.Values{"q": {"{}"}, "start": {"100"}}, "invalid end"},
		{"end before start", url.Values{"q": {"{}"}, "start": {"200"}, "end": {"100"}}, "start must be before end"},
		{"bad limit", url.Values{"q": {"{}"}, "limit": {"-3"}}, "invalid limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(t, srv, "/api/search", tc.q)
			if code != 400 || !strings.Contains(string(body), tc.want) {
				t.Errorf("= %d %q, want 400 containing %q", code, body, tc.want)
			}
		})
	}
}

type otlpTrace struct {
	Resource struct {
		Attributes []keyValue `json:"attributes"`
	} `json:"resource"`
	ScopeSpans []struct {
		Spans []otlpSpan `json:"spans"`
	} `json:"scopeSpans"`
}

func TestTraceByID(t *testing.T) {
	srv := start(t, greenhouse())
	code, body := get(t, srv, "/api/traces/"+slowTrace, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var v1 struct {
		Batches []otlpTrace `json:"batches"`
	}
	if err := json.Unmarshal(body, &v1); err != nil {
		t.Fatal(err)
	}
	if len(v1.Batches) != 2 {
		t.Fatalf("%d batches, want one per service: %s", len(v1.Batches), body)
	}
	api, valve := v1.Batches[0], v1.Batches[1]
	if svc := *api.Resource.Attributes[0].Value.StringValue; api.Resource.Attributes[0].Key != "service.name" || svc != "irrigation-api" {
		t.Errorf("first resource %s", mustJSON(api.Resource))
	}
	if n := len(api.ScopeSpans[0].Spans); n != 2 {
		t.Errorf("irrigation-api has %d spans, want 2", n)
	}
	sp := valve.ScopeSpans[0].Spans[0]
	b64 := func(h string) string {
		b, err := decodeID(h, len(h)/2)
		if err != nil {
			t.Fatal(err)
		}
		return base64.StdEncoding.EncodeToString(b)
	}
	start := t0.Add(10*time.Minute + 100*time.Millisecond)
	want := otlpSpan{
		TraceID: b64(slowTrace), SpanID: b64("00f067aa0ba902b7"), ParentSpanID: b64("b7ad6b7169203331"),
		Name: "valve.open", StartTimeUnixNano: fmt.Sprint(start.UnixNano()), EndTimeUnixNano: fmt.Sprint(start.Add(2250500 * time.Microsecond).UnixNano()),
		Status: otlpStatus{Code: "STATUS_CODE_ERROR", Message: "actuator did not confirm"},
	}
	got := sp
	got.Attributes = nil
	if mustJSON(got) != mustJSON(want) {
		t.Errorf("span\n%s\nwant\n%s", mustJSON(got), mustJSON(want))
	}
	if a := mustJSON(sp.Attributes); a != `[{"key":"manual","value":{"boolValue":false}},{"key":"pressure.kpa","value":{"doubleValue":180.5}},{"key":"valve.retries","value":{"intValue":"3"}}]` {
		t.Errorf("attributes %s", a)
	}
	if api.ScopeSpans[0].Spans[0].ParentSpanID != "" {
		t.Errorf("root span has a parent: %+v", api.ScopeSpans[0].Spans[0])
	}
	if ok := api.ScopeSpans[0].Spans[1].Status; ok.Code != "STATUS_CODE_OK" {
		t.Errorf("ok span status %+v", ok)
	}

	// v2 wraps the same resource spans; a short id is zero-padded.
	code, body = get(t, srv, "/api/v2/traces/00000000000000000000000000007b3", nil)
	var v2 struct {
		Trace struct {
			ResourceSpans []otlpTrace `json:"resourceSpans"`
		} `json:"trace"`
	}
	if code != 200 || json.Unmarshal(body, &v2) != nil || len(v2.Trace.ResourceSpans) != 1 ||
		v2.Trace.ResourceSpans[0].ScopeSpans[0].Spans[0].Name != "GET /sensors/humidity" {
		t.Errorf("v2: %d %s", code, body)
	}

	if code, _ := get(t, srv, "/api/traces/0123456789abcdef", nil); code != 404 {
		t.Errorf("unknown trace: %d, want 404", code)
	}
	if code, _ := get(t, srv, "/api/traces/not-hex", nil); code != 400 {
		t.Errorf("bad id: %d, want 400", code)
	}
}

func TestTagsAndMisc(t *testing.T) {
	srv := start(t, greenhouse())
	decode := func(path string, into any) {
		t.Helper()
		code, body := get(t, srv, path, nil)
		if code != 200 || json.Unmarshal(body, into) != nil {
			t.Fatalf("%s: %d %s", path, code, body)
		}
	}
	var v1 struct {
		TagNames []string `json:"tagNames"`
	}
	decode("/api/search/tags", &v1)
	if want := []string{"http.status_code", "manual", "pressure.kpa", "service.name", "valve.retries", "zone"}; !slices.Equal(v1.TagNames, want) {
		t.Errorf("tags = %v", v1.TagNames)
	}
	var v2 struct {
		Scopes []tagScope `json:"scopes"`
	}
	decode("/api/v2/search/tags", &v2)
	if len(v2.Scopes) != 3 || v2.Scopes[1].Name != "resource" || !slices.Contains(v2.Scopes[2].Tags, "duration") {
		t.Errorf("v2 tags = %+v", v2.Scopes)
	}
	var vals struct {
		TagValues []string `json:"tagValues"`
	}
	decode("/api/search/tag/zone/values", &vals)
	if !slices.Equal(vals.TagValues, []string{"north", "south"}) {
		t.Errorf("zone values = %v", vals.TagValues)
	}
	var typed struct {
		TagValues []typedValue `json:"tagValues"`
	}
	decode("/api/v2/search/tag/resource.service.name/values", &typed)
	if mustJSON(typed.TagValues) != `[{"type":"string","value":"irrigation-api"},{"type":"string","value":"sensor-gateway"},{"type":"string","value":"valve-controller"}]` {
		t.Errorf("service values = %s", mustJSON(typed.TagValues))
	}
	decode("/api/v2/search/tag/span.http.status_code/values", &typed)
	if mustJSON(typed.TagValues) != `[{"type":"int","value":"200"},{"type":"int","value":"504"}]` {
		t.Errorf("status code values = %s", mustJSON(typed.TagValues))
	}
	decode("/api/v2/search/tag/status/values", &typed)
	if mustJSON(typed.TagValues) != `[{"type":"keyword","value":"error"},{"type":"keyword","value":"ok"}]` {
		t.Errorf("status values = %s", mustJSON(typed.TagValues))
	}
	if code, body := get(t, srv, "/api/echo", nil); code != 200 || string(body) != "echo" {
		t.Errorf("echo: %d %q", code, body)
	}
	var bi map[string]string
	decode("/api/status/buildinfo", &bi)
	if bi["version"] == "" {
		t.Errorf("buildinfo %v", bi)
	}
}

func TestNewRefuses(t *testing.T) {
	for name, sp := range map[string]telemetry.Span{
		"trace id not hex":  {TraceID: "xyz", SpanID: "01", Start: t0},
		"trace id too long": {TraceID: strings.Repeat("a", 33), SpanID: "01", Start: t0},
		"span id too long":  {TraceID: "01", SpanID: strings.Repeat("b", 17), Start: t0},
		"bad parent":        {TraceID: "01", SpanID: "02", ParentID: "zz", Start: t0},
		"no start":          {TraceID: "01", SpanID: "02"},
	} {
		if _, err := New(telemetry.Data{Traces: []telemetry.Span{sp}}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestSharedScenarios finds every shared scenario's traces by id and by
// search of their root service.
func TestSharedScenarios(t *testing.T) {
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scenarios {
		if len(sc.Telemetry.Traces) == 0 {
			continue
		}
		n++
		t.Run(filepath.Base(sc.Path), func(t *testing.T) {
			srv := start(t, sc.Telemetry)
			spans := map[string]int{}
			for _, sp := range sc.Telemetry.Traces {
				spans[sp.TraceID]++
			}
			for id, want := range spans {
				code, body := get(t, srv, "/api/traces/"+id, nil)
				var v1 struct {
					Batches []otlpTrace `json:"batches"`
				}
				if code != 200 || json.Unmarshal(body, &v1) != nil {
					t.Fatalf("%s: %d %s", id, code, body)
				}
				got := 0
				for _, b := range v1.Batches {
					got += len(b.ScopeSpans[0].Spans)
				}
				if got != want {
					t.Errorf("%s: %d spans, want %d", id, got, want)
				}
			}
			r := search(t, srv, url.Values{"q": {`{ status = error }`}, "limit": {"100"}})
			errors := map[string]bool{}
			for _, sp := range sc.Telemetry.Traces {
				if sp.Status == telemetry.StatusError {
					errors[strings.TrimLeft(sp.TraceID, "0")] = true
				}
			}
			if len(r.Traces) != len(errors) {
				t.Errorf("%d traces with errors found, want %d", len(r.Traces), len(errors))
			}
		})
	}
	if n == 0 {
		t.Skip("no shared scenario with traces beside the repository")
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func FuzzParseTraceQL(f *testing.F) {
	for _, s := range []string{`{}`, `{ .a = "b" && (status = error || duration > 1s) } || { name =~ "x" }`, `{ .a >= -1.5 }`, `{`, `{ "`, `{ span. }`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if q, err := parseTraceQL(s); err == nil && len(q.ops) != len(q.sets)-1 {
			t.Errorf("%q: %d spansets, %d operators", s, len(q.sets), len(q.ops))
		}
	})
}
