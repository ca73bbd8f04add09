package logs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var (
	start = time.Date(2027, 1, 9, 22, 0, 0, 0, time.UTC)
	end   = start.Add(time.Hour)
)

func ns(min int) string {
	return strconv.FormatInt(start.Add(time.Duration(min)*time.Minute).UnixNano(), 10)
}

func serve(t *testing.T, h http.HandlerFunc, cfg Config) *Client {
	t.Helper()
	return connect(t, apitest.Serve(t, h), cfg)
}

func connect(t *testing.T, url string, cfg Config) *Client {
	t.Helper()
	cfg.URL = url
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestQueryRange(t *testing.T) {
	var got *http.Request
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"streams","result":[
			{"stream":{"service_name":"playout","level":"error"},"values":[["%s","encoder stall on stream 3"],["%s","encoder stall on stream 4",{"structuredMetadata":{"trace_id":"4bf92f35"},"parsed":{"stream":"4"}}]]},
			{"stream":{"service_name":"playout","level":"warn"},"values":[["%s","buffer low",{"pod":"playout-1"}]]}],
			"stats":{"summary":{"bytesProcessedPerSecond":1024,"execTime":0.002}}}}`, ns(2), ns(1), ns(3))
	}, Config{BearerToken: "tok", TenantID: "radio"})

	res, err := c.QueryRange(context.Background(), `{service_name="playout"}`, start, end, 3)
	if err != nil {
		t.Fatal(err)
	}
	q := got.URL.Query()
	if got.URL.Path != "/loki/api/v1/query_range" || q.Get("query") != `{service_name="playout"}` || q.Get("limit") != "3" ||
		q.Get("direction") != "backward" || q.Get("start") != strconv.FormatInt(start.UnixNano(), 10) || q.Get("end") != strconv.FormatInt(end.UnixNano(), 10) {
		t.Errorf("request %s", got.URL)
	}
	if got.Header.Get("X-Scope-OrgID") != "radio" || got.Header.Get("Authorization") != "Bearer tok" {
		t.Errorf("headers %v", got.Header)
	}
	if res.Query != `{service_name="playout"}` || res.Lines != 3 || !res.Truncated || len(res.Streams) != 2 {
		t.Fatalf("result %+v", res)
	}
	e := res.Streams[0].Entries[1]
	if e.Line != "encoder stall on stream 4" || !e.TS.Equal(start.Add(time.Minute)) || e.Metadata["trace_id"] != "4bf92f35" || e.Metadata["stream"] != "4" {
		t.Errorf("entry %+v", e)
	}
	if md := res.Streams[1].Entries[0].Metadata; md["pod"] != "playout-1" {
		t.Errorf("flat metadata %v", md)
	}
}

func TestQueryRangeErrors(t *testing.T) {
	tests := []struct {
		name string
		code int
		ct   string
		body string
		msg  string
	}{
		{"bad LogQL", 400, "text/plain; charset=utf-8", "parse error at line 1, col 18: syntax error: unexpected IDENTIFIER, expecting STRING\n",
			"parse error at line 1, col 18: syntax error: unexpected IDENTIFIER, expecting STRING"},
		{"no tenant", 401, "text/plain; charset=utf-8", "no org id\n", "no org id"},
		{"busy", 429, "text/plain; charset=utf-8", "too many outstanding requests", "too many outstanding requests"},
		{"gateway json", 403, "application/json", `{"message":"access denied for tenant radio"}`, "access denied for tenant radio"},
		{"empty", 502, "text/html", "", "(empty body)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ct)
				w.WriteHeader(tt.code)
				fmt.Fprint(w, tt.body)
			}, Config{})
			_, err := c.QueryRange(context.Background(), `{service_name="x"} |= `, start, end, 10)
			var aerr *APIError
			if !errors.As(err, &aerr) {
				t.Fatalf("error %v (%T), want *APIError", err, err)
			}
			if aerr.StatusCode != tt.code || aerr.Message != tt.msg {
				t.Errorf("got %d %q, want %d %q", aerr.StatusCode, aerr.Message, tt.code, tt.msg)
			}
		})
	}
}

func TestQueryRangeRefusesMetricsAndBounds(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1799532000,"4"]]}]}}`)
	}, Config{})
	if _, err := c.QueryRange(context.Background(), `count_over_time({service_name="x"}[1m])`, start, end, 10); err == nil || !strings.Contains(err.Error(), "matrix") {
		t.Errorf("metric query: %v", err)
	}

	big := serve(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"streams","result":[{"stream":{},"values":[["%s","%s"]]}]}}`, ns(1), strings.Repeat("x", 4096))
	}, Config{MaxBytes: 1024})
	if _, err := big.QueryRange(context.Background(), `{a="b"}`, start, end, 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("large body: %v", err)
	}

	slow := connect(t, apitest.Silent(t), Config{Timeout: 50 * time.Millisecond})
	if _, err := slow.QueryRange(context.Background(), `{a="b"}`, start, end, 10); err == nil {
		t.Error("no error from a server that never answers")
	}
	if _, err := slow.QueryRange(context.Background(), `{a="b"}`, end, start, 10); err == nil {
		t.Error("no error for an empty range")
	}
}

// line is one entry of the fake Loki's store.
type line struct {
	labels map[string]string
	min    int
	text   string
}

// fakeLoki answers the two query shapes ServiceErrors sends the way Loki
// would: the stream selector's regex matcher fully anchored, the |~ line
// filter unanchored, limit and direction honoured. It only understands
// those shapes and fails the test on anything else.
type fakeLoki struct {
	t       *testing.T
	lines   []line
	mu      sync.Mutex
	queries []url.Values
}

var (
	reEq   = regexp.MustCompile(`(\w+)=("(?:[^"\\]|\\.)*")`)
	reRe   = regexp.MustCompile(`(\w+)=~("(?:[^"\\]|\\.)*")`)
	reLine = regexp.MustCompile(`\|~ ("(?:[^"\\]|\\.)*")$`)
)

func unquote(t *testing.T, s string) string {
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("unquote %s: %v", s, err)
	}
	return u
}

func (f *fakeLoki) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	query := q.Get("query")
	sel, pipeline, _ := strings.Cut(query, "}")
	eq := map[string]string{}
	for _, m := range reEq.FindAllStringSubmatch(sel, -1) {
		eq[m[1]] = unquote(f.t, m[2])
	}
	res := map[string]*regexp.Regexp{}
	for _, m := range reRe.FindAllStringSubmatch(sel, -1) {
		res[m[1]] = regexp.MustCompile("^(?:" + unquote(f.t, m[2]) + ")$")
	}
	var filter *regexp.Regexp
	if m := reLine.FindStringSubmatch(strings.TrimSpace(pipeline)); m != nil {
		filter = regexp.MustCompile(unquote(f.t, m[1]))
	} else if strings.TrimSpace(pipeline) != "" {
		f.t.Errorf("fake Loki does not understand %q", query)
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	var hits []line
next:
	for _, l := range f.lines {
		for k, v := range eq {
			if l.labels[k] != v {
				continue next
			}
		}
		for k, re := range res {
			if !re.MatchString(l.labels[k]) {
				continue next
			}
		}
		if filter != nil && !filter.MatchString(l.text) {
			continue
		}
		hits = append(hits, l)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].min < hits[j].min })
	if q.Get("direction") == "backward" {
		for i, j := 0, len(hits)-1; i < j; i, j = i+1, j-1 {
			hits[i], hits[j] = hits[j], hits[i]
		}
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	var streams []string
	for _, h := range hits {
		lb := []string{}
		for k, v := range h.labels {
			lb = append(lb, strconv.Quote(k)+":"+strconv.Quote(v))
		}
		streams = append(streams, fmt.Sprintf(`{"stream":{%s},"values":[[%q,%s]]}`, strings.Join(lb, ","), ns(h.min), strconv.Quote(h.text)))
	}
	fmt.Fprintf(w, `{"status":"success","data":{"resultType":"streams","result":[%s]}}`, strings.Join(streams, ","))
}

func TestServiceErrors(t *testing.T) {
	svc := map[string]string{"service_name": "playout"}
	with := func(extra ...string) map[string]string {
		m := map[string]string{"service_name": "playout"}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	f := &fakeLoki{t: t, lines: []line{
		{with("level", "error", "pod", "playout-0"), 5, "encoder stall on stream 3"},
		{with("level", "ERROR"), 6, "encoder stall on stream 4"},
		{with("level", "info"), 7, "track started"},
		{with("level", "info"), 8, "retrying after ERROR in upstream"},
		{svc, 9, `{"level":"warn","msg":"buffer low","stream":3,"trace_id":"4bf92f3577b34da6"}`},
		{svc, 10, `{"level":"info","msg":"all fine"}`},
		{svc, 11, `level=error msg="icecast mount \"live\" lost" mount=/live`},
		{svc, 12, `2027-01-09 22:12:00 FATAL transmitter offline`},
		{with("level", "warn"), 15, `msg="carrier lost on FM 2 (last_seen=22:11)"`},
		{svc, 13, `everything is awesome`},
		{with("service_name", "traffic-desk", "level", "error"), 14, "not ours"},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c, err := New(Config{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ServiceErrors(context.Background(), "playout", start, end)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		min          int
		level, msg   string
		trace, attrs string
	}
	wants := []want{
		{5, "ERROR", "encoder stall on stream 3", "", "pod=playout-0"},
		{6, "ERROR", "encoder stall on stream 4", "", ""},
		{9, "WARN", "buffer low", "4bf92f3577b34da6", "stream=3"},
		{11, "ERROR", `icecast mount "live" lost`, "", "mount=/live"},
		{12, "FATAL", "2027-01-09 22:12:00 FATAL transmitter offline", "", ""},
		{15, "WARN", "carrier lost on FM 2 (last_seen=22:11)", "", ""},
	}
	if len(got.Records) != len(wants) {
		for _, r := range got.Records {
			t.Logf("%+v", r)
		}
		t.Fatalf("got %d records, want %d", len(got.Records), len(wants))
	}
	for i, w := range wants {
		r := got.Records[i]
		var attrs []string
		for k, v := range r.Attrs {
			attrs = append(attrs, fmt.Sprintf("%s=%v", k, v))
		}
		sort.Strings(attrs)
		if !r.TS.Equal(start.Add(time.Duration(w.min)*time.Minute)) || r.Service != "playout" || r.Level != w.level || r.Msg != w.msg ||
			r.TraceID != w.trace || strings.Join(attrs, ",") != w.attrs {
			t.Errorf("record %d = %+v, want %+v", i, r, w)
		}
	}
	if len(got.Queries) != 2 || !strings.Contains(got.Queries[0], `level=~`) || !strings.Contains(got.Queries[1], `|~`) {
		t.Errorf("queries %q", got.Queries)
	}
	if got.Truncated {
		t.Error("truncated below the limit")
	}
}

func TestServiceErrorsLimit(t *testing.T) {
	for _, tt := range []struct {
		lines, limit, records int
		truncated             bool
	}{
		{3, 2, 3, false}, // oldest two and newest two overlap: nothing missing
		{6, 2, 4, true},  // two lines in the middle were never read
		{2, 5, 2, false},
	} {
		f := &fakeLoki{t: t}
		for i := range tt.lines {
			f.lines = append(f.lines, line{map[string]string{"app": "hl7-bridge", "severity": "err"}, i, fmt.Sprintf("nack %d", i)})
		}
		srv := httptest.NewServer(f)
		c, err := New(Config{URL: srv.URL, ServiceLabel: "app", LevelLabel: "severity", Limit: tt.limit})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.ServiceErrors(context.Background(), "hl7-bridge", start, end)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Records) != tt.records || got.Truncated != tt.truncated {
			t.Errorf("%d lines, limit %d: %d records truncated=%v, want %d %v", tt.lines, tt.limit, len(got.Records), got.Truncated, tt.records, tt.truncated)
		}
		for _, r := range got.Records {
			if r.Level != telemetry.LevelError || r.Service != "hl7-bridge" {
				t.Errorf("record %+v", r)
			}
		}
	}
}

func TestLevel(t *testing.T) {
	for in, want := range map[string]string{
		"warn": "WARN", "Warning": "WARN", "ERR": "ERROR", "error": "ERROR", "crit": "FATAL", "panic": "FATAL",
		"emerg": "FATAL", "debug": "DEBUG", "trace": "DEBUG", "": "INFO", "notice": "INFO",
	} {
		if got := Level(in); got != want {
			t.Errorf("Level(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLogfmt(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string
	}{
		{`level=warn msg="a \"b\" c" n=3`, map[string]string{"level": "warn", "msg": `a "b" c`, "n": "3"}},
		{`msg="ends with backslash \\" k=v`, map[string]string{"msg": `ends with backslash \`, "k": "v"}},
		{`plain words here`, nil},
		{`k="unterminated`, nil},
	}
	for _, tt := range tests {
		got := logfmt(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("logfmt(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNewRejects(t *testing.T) {
	for _, cfg := range []Config{{URL: "loki:3100"}, {URL: "http://loki", ServiceLabel: "service.name"}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}
