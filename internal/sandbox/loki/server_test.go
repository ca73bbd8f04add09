package loki

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var t0 = time.Date(2031, 5, 6, 22, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

// observatory is a telescope scheduler and its dome controller over ten
// minutes: routine INFO lines, a burst of slew timeouts (one record
// standing for 40 lines) and a dome WARN with a numeric status.
func observatory() telemetry.Data {
	return telemetry.Data{Logs: []telemetry.LogRecord{
		{TS: at(0), Service: "scheduler", Level: "INFO", Msg: "queued target", Attrs: map[string]any{"target": "M31", "priority": 2.0}},
		{TS: at(1), Service: "scheduler", Level: "INFO", Msg: "queued target", Attrs: map[string]any{"target": "M42", "priority": 5.0}},
		{TS: at(3), Service: "dome-controller", Level: "WARN", Msg: "shutter slow", Attrs: map[string]any{"status": 503.0, "latency": "1.5s"}},
		{TS: at(4), Service: "scheduler", Level: "ERROR", Msg: "slew timed out", Count: 40, TraceID: "ab12", Attrs: map[string]any{"axis.name": "azimuth", "status": 504.0}},
		{TS: at(5), Service: "scheduler", Level: "ERROR", Msg: "slew timed out", Count: 10, Attrs: map[string]any{"axis.name": "altitude", "status": 504.0}},
		{TS: at(6), Service: "dome-controller", Level: "INFO", Msg: "shutter open", Attrs: map[string]any{"status": 200.0, "latency": "80ms"}},
	}}
}

func start(t *testing.T, d telemetry.Data, opts ...Option) *httptest.Server {
	t.Helper()
	s, err := New(d, opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

// reply is an answer's status and body.
type reply struct {
	code int
	body []byte
}

func call(t *testing.T, srv *httptest.Server, path string, q url.Values) reply {
	t.Helper()
	code, _, body := apitest.Get(t, srv.URL+path+"?"+q.Encode(), nil)
	return reply{code, body}
}

type streamsReply struct {
	Status string `json:"status"`
	Data   struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Stream map[string]string `json:"stream"`
			Values [][2]string       `json:"values"`
		} `json:"result"`
		Stats map[string]any `json:"stats"`
	} `json:"data"`
}

func rangeParams(query string, from, to time.Time) url.Values {
	return url.Values{"query": {query}, "start": {strconv.FormatInt(from.UnixNano(), 10)}, "end": {strconv.FormatInt(to.UnixNano(), 10)}}
}

// lines flattens a streams answer to "service level | line" in answer order.
func lines(t *testing.T, rep reply) []string {
	t.Helper()
	code, body := rep.code, rep.body
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var r streamsReply
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if r.Status != "success" || r.Data.ResultType != "streams" || r.Data.Stats == nil {
		t.Fatalf("envelope %s", body)
	}
	var out []string
	for _, s := range r.Data.Result {
		for _, v := range s.Values {
			if _, err := strconv.ParseInt(v[0], 10, 64); err != nil {
				t.Errorf("timestamp %q is not Unix nanoseconds", v[0])
			}
			extra := ""
			for _, k := range []string{"target", "status", "axis_name", "status_extracted", "__error__"} {
				if val, ok := s.Stream[k]; ok {
					extra += " " + k + "=" + val
				}
			}
			out = append(out, s.Stream["service_name"]+" "+s.Stream["level"]+extra+" | "+v[1])
		}
	}
	return out
}

func TestLogQueries(t *testing.T) {
	srv := start(t, observatory())
	for _, tc := range []struct {
		name, query string
		extra       url.Values
		want        []string
	}{
		{"selector, newest first", `{service_name="dome-controller"}`, nil, []string{
			`dome-controller INFO | msg="shutter open" latency=80ms status=200`,
			`dome-controller WARN | msg="shutter slow" latency=1.5s status=503`,
		}},
		{"forward", `{service_name="dome-controller"}`, url.Values{"direction": {"forward"}}, []string{
			`dome-controller WARN | msg="shutter slow" latency=1.5s status=503`,
			`dome-controller INFO | msg="shutter open" latency=80ms status=200`,
		}},
		{"limit keeps the newest", `{service_name="scheduler"}`, url.Values{"limit": {"1"}}, []string{
			`scheduler ERROR | msg="slew timed out" axis.name=altitude status=504`,
		}},
		{"level label as stored and line filter", `{level="ERROR"} |= "ab12"`, nil, []string{
			`scheduler ERROR | msg="slew timed out" trace_id=ab12 axis.name=azimuth status=504`,
		}},
		{"regex selector and negative regex filter", `{service_name=~"sched.*"} !~ "slew|M42"`, nil, []string{
			`scheduler INFO | msg="queued target" priority=2 target=M31`,
		}},
		{"logfmt then label filter", `{service_name="scheduler"} | logfmt | target="M42"`, nil, []string{
			`scheduler INFO target=M42 | msg="queued target" priority=5 target=M42`,
		}},
		{"numeric filter with or", `{service_name=~".+"} | logfmt | status >= 504 or priority > 4`, url.Values{"direction": {"forward"}}, []string{
			`scheduler INFO target=M42 | msg="queued target" priority=5 target=M42`,
			`scheduler ERROR status=504 axis_name=azimuth | msg="slew timed out" trace_id=ab12 axis.name=azimuth status=504`,
			`scheduler ERROR status=504 axis_name=altitude | msg="slew timed out" axis.name=altitude status=504`,
		}},
		{"duration filter", `{service_name="dome-controller"} | logfmt | latency > 1s`, nil, []string{
			`dome-controller WARN status=503 | msg="shutter slow" latency=1.5s status=503`,
		}},
		{"json on logfmt lines marks an error", `{service_name="dome-controller"} |= "open" | json`, nil, []string{
			`dome-controller INFO __error__=JSONParserErr | msg="shutter open" latency=80ms status=200`,
		}},
		{"window is start inclusive, end exclusive", `{service_name="scheduler"}`, rangeParams("", at(1), at(4)), []string{
			`scheduler INFO | msg="queued target" priority=5 target=M42`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := rangeParams(tc.query, at(0), at(10))
			for k, v := range tc.extra {
				if k == "query" && v[0] == "" {
					continue
				}
				q[k] = v
			}
			got := lines(t, call(t, srv, "/loki/api/v1/query_range", q))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestClockDefaultsTheWindow(t *testing.T) {
	// Without start or end, the window is the hour before "now".
	srv := start(t, observatory(), WithClock(func() time.Time { return at(30) }))
	got := lines(t, call(t, srv, "/loki/api/v1/query_range", url.Values{"query": {`{level="WARN"}`}}))
	if len(got) != 1 {
		t.Errorf("got %q, want the one WARN line", got)
	}
	later := start(t, observatory(), WithClock(func() time.Time { return at(180) }))
	if got := lines(t, call(t, later, "/loki/api/v1/query_range", url.Values{"query": {`{level="WARN"}`}})); len(got) != 0 {
		t.Errorf("got %q two hours later, want nothing", got)
	}
}

type metricReply struct {
	Status string `json:"status"`
	Data   struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Metric map[string]string `json:"metric"`
			Value  []any             `json:"value"`
			Values [][]any           `json:"values"`
		} `json:"result"`
	} `json:"data"`
}

func decodeMetric(t *testing.T, rep reply) metricReply {
	t.Helper()
	code, body := rep.code, rep.body
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var r metricReply
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func pointValue(t *testing.T, p []any) float64 {
	t.Helper()
	if len(p) != 2 {
		t.Fatalf("point %v", p)
	}
	if _, ok := p[0].(float64); !ok {
		t.Errorf("timestamp %v is not a number of seconds", p[0])
	}
	f, err := strconv.ParseFloat(p[1].(string), 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestInstantMetricQueries(t *testing.T) {
	srv := start(t, observatory())
	// Evaluated at minute 10; a 15m range holds every line.
	for _, tc := range []struct {
		name, query, label string
		want               map[string]float64
	}{
		{"count weighs records by count", `count_over_time({service_name="scheduler"}[15m])`, "level", map[string]float64{"INFO": 2, "ERROR": 50}},
		{"sum by level", `sum by (level) (count_over_time({service_name=~".+"}[15m]))`, "level", map[string]float64{"INFO": 3, "WARN": 1, "ERROR": 50}},
		{"sum without level", `sum without (level) (count_over_time({service_name=~".+"}[15m]))`, "service_name", map[string]float64{"scheduler": 52, "dome-controller": 2}},
		{"rate", `sum(rate({level="ERROR"}[15m]))`, "", map[string]float64{"": 50.0 / 900}},
		{"range is left-open", `sum(count_over_time({level="ERROR"}[6m]))`, "", map[string]float64{"": 10}},
		{"bytes over time", `sum(bytes_over_time({service_name="dome-controller"} |= "open" [15m]))`, "", map[string]float64{"": float64(len(`msg="shutter open" latency=80ms status=200`))}},
		{"topk", `topk(1, sum by (service_name) (count_over_time({service_name=~".+"}[15m])))`, "service_name", map[string]float64{"scheduler": 52}},
		{"bottomk", `bottomk(1, sum by (service_name) (count_over_time({service_name=~".+"}[15m])))`, "service_name", map[string]float64{"dome-controller": 2}},
		{"error ratio", `sum(count_over_time({level="ERROR"}[15m])) / sum(count_over_time({service_name=~".+"}[15m])) * 100`, "", map[string]float64{"": 5000.0 / 54}},
		{"parsed label grouping", `sum by (axis_name) (count_over_time({service_name="scheduler"} | logfmt | status >= 500 [15m]))`, "axis_name", map[string]float64{"azimuth": 40, "altitude": 10}},
		{"range right after the selector", `sum(count_over_time({service_name="scheduler"}[15m] |= "slew"))`, "", map[string]float64{"": 50}},
		{"count and max", `count(count_over_time({service_name=~".+"}[15m])) + max(count_over_time({service_name=~".+"}[15m]))`, "", map[string]float64{"": 4 + 50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"query": {tc.query}, "time": {strconv.FormatInt(at(10).UnixNano(), 10)}}
			r := decodeMetric(t, call(t, srv, "/loki/api/v1/query", q))
			if r.Status != "success" || r.Data.ResultType != "vector" {
				t.Fatalf("%+v", r)
			}
			got := map[string]float64{}
			for _, s := range r.Data.Result {
				got[s.Metric[tc.label]] = pointValue(t, s.Value)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, w := range tc.want {
				if math.Abs(got[k]-w) > 1e-9 {
					t.Errorf("%q = %v, want %v", k, got[k], w)
				}
			}
		})
	}
}

func TestRangeMetricQuery(t *testing.T) {
	srv := start(t, observatory())
	q := rangeParams(`sum by (level) (count_over_time({service_name="scheduler"}[1m]))`, at(0), at(6))
	q.Set("step", "60")
	r := decodeMetric(t, call(t, srv, "/loki/api/v1/query_range", q))
	if r.Data.ResultType != "matrix" || len(r.Data.Result) != 2 {
		t.Fatalf("%+v", r)
	}
	got := map[string]string{}
	for _, s := range r.Data.Result {
		var pts []string
		for _, p := range s.Values {
			pts = append(pts, fmt.Sprintf("%v=%v", p[0].(float64)-float64(t0.Unix()), pointValue(t, p)))
		}
		got[s.Metric["level"]] = strings.Join(pts, " ")
	}
	// Steps without lines have no point, as in Loki.
	want := map[string]string{"INFO": "0=1 60=1", "ERROR": "240=40 300=10"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s, want %s", k, got[k], w)
		}
	}

	// The step also reads as a duration, and defaults from the window.
	q.Set("step", "2m")
	r = decodeMetric(t, call(t, srv, "/loki/api/v1/query_range", q))
	if n := len(r.Data.Result[0].Values) + len(r.Data.Result[1].Values); n != 2 {
		t.Errorf("2m step: %d points, want 2 (minutes 0 and 4)", n)
	}
}

func TestRefusals(t *testing.T) {
	srv := start(t, observatory())
	window := func(q string) url.Values { return rangeParams(q, at(0), at(10)) }
	for _, tc := range []struct {
		name, path string
		q          url.Values
		want       string
	}{
		{"syntax", "/loki/api/v1/query_range", window(`{service_name="scheduler"`), "parse error at line 1, col 26: syntax error: unexpected $end"},
		{"bare word", "/loki/api/v1/query_range", window(`scheduler`), "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"},
		{"empty-compatible selector", "/loki/api/v1/query_range", window(`{service_name=~".*"}`), "queries require at least one regexp or equality matcher"},
		{"line_format", "/loki/api/v1/query_range", window(`{level="INFO"} | line_format "{{.msg}}"`), "col 18: syntax error: unexpected line_format (not supported by the sandbox)"},
		{"unwrap function", "/loki/api/v1/query", url.Values{"query": {`sum_over_time({level="INFO"} | logfmt | unwrap priority [5m])`}}, "col 1: syntax error: unexpected sum_over_time (not supported by the sandbox)"},
		{"or between line filters", "/loki/api/v1/query_range", window(`{level="INFO"} |= "a" or "b"`), "unexpected or (not supported by the sandbox)"},
		{"missing range", "/loki/api/v1/query", url.Values{"query": {`rate({level="INFO"})`}}, "syntax error: unexpected ), expecting ["},
		{"bad regexp", "/loki/api/v1/query_range", window(`{level="INFO"} |~ "("`), "invalid regexp"},
		{"pipeline error in a metric query", "/loki/api/v1/query", url.Values{"query": {`count_over_time({level="INFO"} | json [10m])`}, "time": {strconv.FormatInt(at(10).UnixNano(), 10)}}, "pipeline error: 'JSONParserErr'"},
		{"log query at an instant", "/loki/api/v1/query", url.Values{"query": {`{level="INFO"}`}}, "log queries are not supported as an instant query type"},
		{"limit too big", "/loki/api/v1/query_range", func() url.Values { q := window(`{level="INFO"}`); q.Set("limit", "6000"); return q }(), "max entries limit per query exceeded"},
		{"bad direction", "/loki/api/v1/query_range", func() url.Values { q := window(`{level="INFO"}`); q.Set("direction", "sideways"); return q }(), "invalid direction"},
		{"end before start", "/loki/api/v1/query_range", rangeParams(`{level="INFO"}`, at(10), at(0)), "end timestamp must not be before"},
		{"bad time", "/loki/api/v1/query_range", url.Values{"query": {`{level="INFO"}`}, "start": {"yesterday"}}, "invalid start parameter"},
		{"too many points", "/loki/api/v1/query_range", func() url.Values {
			q := rangeParams(`count_over_time({level="INFO"}[1m])`, at(0), at(60*24))
			q.Set("step", "1")
			return q
		}(), "exceeded maximum resolution of 11,000 points"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := call(t, srv, tc.path, tc.q)
			code, body := rep.code, rep.body
			if code != http.StatusBadRequest || !strings.Contains(string(body), tc.want) {
				t.Errorf("= %d %q, want 400 containing %q", code, body, tc.want)
			}
		})
	}
	// A pipeline error skipped with a label filter is no error.
	rep := call(t, srv, "/loki/api/v1/query", url.Values{"query": {`sum(count_over_time({level="INFO"} | json | __error__="" [10m]))`}, "time": {strconv.FormatInt(at(10).UnixNano(), 10)}})
	if rep.code != 200 {
		t.Errorf("skipped errors: %d %s", rep.code, rep.body)
	}
}

func TestLabelsAndSeries(t *testing.T) {
	srv := start(t, observatory())
	w := url.Values{"start": {strconv.FormatInt(at(0).Unix(), 10)}, "end": {at(10).Format(time.RFC3339)}}
	list := func(path string, extra url.Values) []string {
		q := url.Values{}
		for k, v := range w {
			q[k] = v
		}
		for k, v := range extra {
			q[k] = v
		}
		rep := call(t, srv, path, q)
		code, body := rep.code, rep.body
		var r struct {
			Status string   `json:"status"`
			Data   []string `json:"data"`
		}
		if code != 200 || json.Unmarshal(body, &r) != nil || r.Status != "success" {
			t.Fatalf("%s: %d %s", path, code, body)
		}
		return r.Data
	}
	if got := list("/loki/api/v1/labels", nil); !slices.Equal(got, []string{"level", "service_name"}) {
		t.Errorf("labels = %v", got)
	}
	if got := list("/loki/api/v1/label/level/values", nil); !slices.Equal(got, []string{"ERROR", "INFO", "WARN"}) {
		t.Errorf("level values = %v", got)
	}
	if got := list("/loki/api/v1/label/level/values", url.Values{"query": {`{service_name="dome-controller"}`}}); !slices.Equal(got, []string{"INFO", "WARN"}) {
		t.Errorf("dome level values = %v", got)
	}
	if got := list("/loki/api/v1/label/service_name/values", url.Values{"start": {strconv.FormatInt(at(3).UnixNano(), 10)}, "end": {strconv.FormatInt(at(4).UnixNano(), 10)}}); !slices.Equal(got, []string{"dome-controller"}) {
		t.Errorf("service values in minute 3 = %v", got)
	}

	q := url.Values{"match[]": {`{level="ERROR"}`, `{service_name="dome-controller",level="WARN"}`}}
	for k, v := range w {
		q[k] = v
	}
	rep := call(t, srv, "/loki/api/v1/series", q)
	code, body := rep.code, rep.body
	var r struct {
		Data []map[string]string `json:"data"`
	}
	if code != 200 || json.Unmarshal(body, &r) != nil {
		t.Fatalf("%d %s", code, body)
	}
	var got []string
	for _, s := range r.Data {
		got = append(got, s["service_name"]+"/"+s["level"])
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"dome-controller/WARN", "scheduler/ERROR"}) {
		t.Errorf("series = %v", got)
	}
}

func TestParseTime(t *testing.T) {
	def := time.Unix(7, 0)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"", def},
		{"1954447200", time.Unix(1954447200, 0)},
		{"1954447200.25", time.Unix(1954447200, 250_000_000)},
		{"1954447200123456789", time.Unix(0, 1954447200123456789)},
		{"2031-12-08T22:00:00Z", time.Date(2031, 12, 8, 22, 0, 0, 0, time.UTC)},
	} {
		got, err := parseTime(tc.in, def)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseTime("noon", def); err == nil {
		t.Error("parseTime(noon) succeeded")
	}
}

func TestRenderLineRoundTrips(t *testing.T) {
	r := telemetry.LogRecord{Msg: `quote " and = sign`, TraceID: "f00d", Attrs: map[string]any{
		"empty": "", "n": 12.5, "ok": true, "nested": map[string]any{"a": 1.0}, "spaced key": "x y",
	}}
	fields, err := parseLogfmt(renderLine(r))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"msg": r.Msg, "trace_id": "f00d", "empty": "", "n": "12.5", "ok": "true", "nested": `{"a":1}`, "spaced_key": "x y"}
	for k, v := range want {
		if fields[k] != v {
			t.Errorf("%s = %q, want %q (line %s)", k, fields[k], v, renderLine(r))
		}
	}
}

func TestNewRefusesStreamlessRecords(t *testing.T) {
	if _, err := New(telemetry.Data{Logs: []telemetry.LogRecord{{TS: t0, Msg: "x"}}}); err == nil {
		t.Error("a record with neither service nor level was stored")
	}
	if _, err := New(telemetry.Data{Logs: []telemetry.LogRecord{{Service: "s", Msg: "x"}}}); err == nil {
		t.Error("a record without a time was stored")
	}
}

// TestSharedScenarios checks, for every shared scenario with logs, that a
// log query returns every record once and that count_over_time per
// service adds up to the lines the records stand for.
func TestSharedScenarios(t *testing.T) {
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scenarios {
		logs := sc.Telemetry.Logs
		if len(logs) == 0 {
			continue
		}
		n++
		t.Run(filepath.Base(sc.Path), func(t *testing.T) {
			srv := start(t, sc.Telemetry)
			byTime := func(a, b telemetry.LogRecord) int { return a.TS.Compare(b.TS) }
			first, last := slices.MinFunc(logs, byTime).TS, slices.MaxFunc(logs, byTime).TS
			want := map[string]int{}
			for _, r := range logs {
				want[r.Service] += r.Times()
			}
			q := rangeParams(`{service_name=~".+"}`, first, last.Add(time.Nanosecond))
			q.Set("limit", "5000")
			if got := lines(t, call(t, srv, "/loki/api/v1/query_range", q)); len(got) != len(logs) {
				t.Errorf("%d lines, want %d", len(got), len(logs))
			}
			rng := last.Sub(first) + time.Minute
			mq := url.Values{
				"query": {fmt.Sprintf(`sum by (service_name) (count_over_time({service_name=~".+"}[%ds]))`, int(rng.Seconds()))},
				"time":  {strconv.FormatInt(last.UnixNano(), 10)},
			}
			r := decodeMetric(t, call(t, srv, "/loki/api/v1/query", mq))
			got := map[string]int{}
			for _, s := range r.Data.Result {
				got[s.Metric["service_name"]] = int(pointValue(t, s.Value))
			}
			for svc, w := range want {
				if got[svc] != w {
					t.Errorf("%s: %d lines counted, want %d", svc, got[svc], w)
				}
			}
		})
	}
	if n == 0 {
		t.Skip("no shared scenario with logs beside the repository")
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`{a="b"}`, `{a=~"b.+"} |= "x" | logfmt | n > 5 and m="y" or d <= 3s`,
		`sum by (a) (rate({a="b"} | json [5m])) / 2`, `topk(3, count_over_time({a="b"}[1h]))`,
		`{a="b"} | line_format "x"`, `{`, `sum(`, "`", `{a="\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := parseQuery(s)
		if err == nil && (q.log == nil) == (q.metric == nil) {
			t.Errorf("%q parsed to %+v", s, q)
		}
	})
}
