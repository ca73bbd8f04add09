package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var t0 = time.Date(2031, 2, 3, 8, 0, 0, 0, time.UTC)

// skiResort is a ski resort's lifts and ticket gates over 30 minutes: a
// counter of lift rotations growing 60 a minute, a gauge of gate scans per
// second on two gates, and a gate error ratio that jumps at minute 20.
func skiResort() telemetry.Data {
	var d telemetry.Data
	for m := range 30 {
		ts := t0.Add(time.Duration(m) * time.Minute)
		d.Metrics = append(d.Metrics,
			telemetry.Sample{TS: ts, Service: "lift-controller", Name: "lift.rotations-total", Value: float64(60 * m), Labels: map[string]string{"lift": "north-chair"}},
			telemetry.Sample{TS: ts, Service: "ticket-gate", Name: "gate_scans_per_second", Value: 4, Labels: map[string]string{"gate": "a"}},
			telemetry.Sample{TS: ts, Service: "ticket-gate", Name: "gate_scans_per_second", Value: 6, Labels: map[string]string{"gate": "b"}},
		)
		errRatio := 0.01
		if m >= 20 {
			errRatio = 0.4
		}
		d.Metrics = append(d.Metrics, telemetry.Sample{TS: ts, Service: "ticket-gate", Name: "gate_error_ratio", Value: errRatio})
	}
	return d
}

func startServer(t *testing.T, d telemetry.Data) (*httptest.Server, v1.API) {
	t.Helper()
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		srv.Close()
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	client, err := api.NewClient(api.Config{Address: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return srv, v1.NewAPI(client)
}

// byLabel indexes a vector's values by one label's value.
func byLabel(t *testing.T, v model.Value, label string) map[string]float64 {
	t.Helper()
	vec, ok := v.(model.Vector)
	if !ok {
		t.Fatalf("result %T, want a vector", v)
	}
	out := map[string]float64{}
	for _, s := range vec {
		out[string(s.Metric[model.LabelName(label)])] = float64(s.Value)
	}
	return out
}

func TestInstantQueries(t *testing.T) {
	_, client := startServer(t, skiResort())
	ctx := context.Background()
	at := t0.Add(25 * time.Minute)
	for _, tc := range []struct {
		name, query, label string
		want               map[string]float64
	}{
		{"selector", `gate_scans_per_second{gate="b"}`, "gate", map[string]float64{"b": 6}},
		{"mapped name and service label", `lift_rotations_total{service="lift-controller"}`, "lift", map[string]float64{"north-chair": 1500}},
		{"sum by service", `sum by (service) (gate_scans_per_second)`, "service", map[string]float64{"ticket-gate": 10}},
		{"rate of a counter", `rate(lift_rotations_total[5m])`, "lift", map[string]float64{"north-chair": 1}},
		// The range is left-open: (15m, 25m] holds minutes 16 to 25.
		{"avg over time across the jump", `avg_over_time(gate_error_ratio[10m])`, "service", map[string]float64{"ticket-gate": (4*0.01 + 6*0.4) / 10}},
		{"comparison filters", `gate_error_ratio > 0.1`, "service", map[string]float64{"ticket-gate": 0.4}},
		{"nothing matches", `gate_scans_per_second{gate="z"}`, "gate", map[string]float64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, warnings, _, err := client.Query(ctx, tc.query, at)
			if err != nil {
				t.Fatalf("Query(%s): %v", tc.query, err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings %v", warnings)
			}
			got := byLabel(t, v, tc.label)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, w := range tc.want {
				if math.Abs(got[k]-w) > 1e-9 {
					t.Errorf("%s = %v, want %v", k, got[k], w)
				}
			}
		})
	}
}

func TestClockIsTheDefaultTime(t *testing.T) {
	s, err := New(skiResort(), WithClock(func() time.Time { return t0.Add(25 * time.Minute) }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := httptest.NewServer(s)
	defer srv.Close()
	code, e := get(t, srv, "/api/v1/query", url.Values{"query": {`gate_error_ratio`}})
	if code != 200 || !strings.Contains(string(e.Data), `"0.4"`) {
		t.Errorf("query without time: %d %s, want the value at the clock's time", code, e.Data)
	}
}

func TestInstantQueryBeforeDataIsEmpty(t *testing.T) {
	_, client := startServer(t, skiResort())
	// Past the 5m lookback after the last sample nothing is current.
	v, _, _, err := client.Query(context.Background(), `gate_error_ratio`, t0.Add(40*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if vec := v.(model.Vector); len(vec) != 0 {
		t.Errorf("got %v, want nothing after the lookback", vec)
	}
}

func TestRangeQuery(t *testing.T) {
	_, client := startServer(t, skiResort())
	r := v1.Range{Start: t0.Add(15 * time.Minute), End: t0.Add(25 * time.Minute), Step: time.Minute}
	v, _, _, err := client.QueryRange(context.Background(), `max by (service) (gate_error_ratio)`, r)
	if err != nil {
		t.Fatal(err)
	}
	mat, ok := v.(model.Matrix)
	if !ok || len(mat) != 1 {
		t.Fatalf("got %T %v, want one series", v, v)
	}
	if got := string(mat[0].Metric["service"]); got != "ticket-gate" {
		t.Errorf("service = %q", got)
	}
	if len(mat[0].Values) != 11 {
		t.Fatalf("%d points, want 11", len(mat[0].Values))
	}
	for _, p := range mat[0].Values {
		want := 0.01
		if !p.Timestamp.Time().Before(t0.Add(20 * time.Minute)) {
			want = 0.4
		}
		if float64(p.Value) != want {
			t.Errorf("at %s: %v, want %v", p.Timestamp.Time(), p.Value, want)
		}
	}

	v, _, _, err = client.QueryRange(context.Background(), `rate(lift_rotations_total[5m])`, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.(model.Matrix)[0].Values {
		if math.Abs(float64(p.Value)-1) > 1e-9 {
			t.Errorf("rate at %s = %v, want 1/s", p.Timestamp.Time(), p.Value)
		}
	}
}

func TestSeriesAndLabels(t *testing.T) {
	_, client := startServer(t, skiResort())
	ctx := context.Background()
	start, end := t0, t0.Add(time.Hour)

	sets, _, _, err := client.Series(ctx, []string{`gate_scans_per_second`, `{service="lift-controller"}`}, start, end)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sets {
		got = append(got, s.String())
	}
	want := []string{
		`{__name__="gate_scans_per_second", gate="a", service="ticket-gate"}`,
		`{__name__="gate_scans_per_second", gate="b", service="ticket-gate"}`,
		`{__name__="lift_rotations_total", lift="north-chair", service="lift-controller"}`,
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("series = %q, want %q", got, want)
	}

	vals, _, _, err := client.LabelValues(ctx, "service", nil, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(vals, model.LabelValues{"lift-controller", "ticket-gate"}) {
		t.Errorf("service values = %v", vals)
	}
	vals, _, _, err = client.LabelValues(ctx, "__name__", []string{`{service="ticket-gate"}`}, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(vals, model.LabelValues{"gate_error_ratio", "gate_scans_per_second"}) {
		t.Errorf("names = %v", vals)
	}
	// A window without samples holds no series.
	vals, _, _, err = client.LabelValues(ctx, "service", nil, t0.Add(-2*time.Hour), t0.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 0 {
		t.Errorf("values before the data = %v", vals)
	}

	names, _, _, err := client.LabelNames(ctx, nil, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, model.LabelNames{"__name__", "gate", "lift", "service"}) {
		t.Errorf("label names = %v", names)
	}

	md, err := client.Metadata(ctx, "gate_error_ratio", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(md) != 1 || len(md["gate_error_ratio"]) != 1 || md["gate_error_ratio"][0].Type != v1.MetricTypeGauge {
		t.Errorf("metadata = %+v", md)
	}
	all, err := client.Metadata(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("metadata for %d metrics, want 3", len(all))
	}

	bi, err := client.Buildinfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if bi.Version == "" || bi.GoVersion == "" {
		t.Errorf("buildinfo = %+v", bi)
	}
}

func TestClientErrors(t *testing.T) {
	_, client := startServer(t, skiResort())
	ctx := context.Background()
	for _, tc := range []struct {
		name, query string
		want        v1.ErrorType
	}{
		{"parse error", `sum(gate_error_ratio`, v1.ErrBadData},
		{"unknown function", `frobnicate(gate_error_ratio)`, v1.ErrBadData},
		// Two series on each side and no labels to tell them apart.
		{"many-to-many match", `gate_scans_per_second + on() gate_scans_per_second`, v1.ErrExec},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := client.Query(ctx, tc.query, t0.Add(10*time.Minute))
			var apiErr *v1.Error
			if !errors.As(err, &apiErr) || apiErr.Type != tc.want {
				t.Fatalf("err = %v, want a %s API error", err, tc.want)
			}
		})
	}
}

// envelope is the API's answer as JSON, loosely.
type envelope struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
	Warnings  []string        `json:"warnings"`
}

func get(t *testing.T, srv *httptest.Server, path string, q url.Values) (int, envelope) {
	t.Helper()
	code, h, body := apitest.Get(t, srv.URL+path+"?"+q.Encode(), nil)
	if ct := h.Get("Content-Type"); code != http.StatusNotFound && ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var e envelope
	if code != http.StatusNotFound {
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	return code, e
}

func TestWireFormat(t *testing.T) {
	srv, _ := startServer(t, skiResort())
	at := fmt.Sprint(t0.Add(25 * time.Minute).Unix())

	code, e := get(t, srv, "/api/v1/query", url.Values{"query": {`gate_error_ratio`}, "time": {at}})
	if code != 200 || e.Status != "success" {
		t.Fatalf("%d %+v", code, e)
	}
	want := `{"resultType":"vector","result":[{"metric":{"__name__":"gate_error_ratio","service":"ticket-gate"},"value":[` + at + `,"0.4"]}]}`
	if string(e.Data) != want {
		t.Errorf("data = %s\nwant   %s", e.Data, want)
	}

	code, e = get(t, srv, "/api/v1/query", url.Values{"query": {`gate_error_ratio{service="none"}`}, "time": {at}})
	if code != 200 || string(e.Data) != `{"resultType":"vector","result":[]}` {
		t.Errorf("empty result: %d %s", code, e.Data)
	}
	code, e = get(t, srv, "/api/v1/query", url.Values{"query": {`scalar(gate_error_ratio) * 2`}, "time": {at}})
	if code != 200 || string(e.Data) != `{"resultType":"scalar","result":[`+at+`,"0.8"]}` {
		t.Errorf("scalar result: %d %s", code, e.Data)
	}

	code, e = get(t, srv, "/api/v1/query", url.Values{"query": {`gate_scans_per_second`}, "time": {at}, "limit": {"1"}})
	if code != 200 || len(e.Warnings) != 1 || !strings.Contains(e.Warnings[0], "truncated") {
		t.Errorf("limit: %d %+v", code, e)
	}

	for _, tc := range []struct {
		name, path string
		q          url.Values
		code       int
		typ, msg   string
	}{
		{"parse error", "/api/v1/query", url.Values{"query": {"rate(x[5m]"}}, 400, "bad_data", `invalid parameter "query"`},
		{"bad time", "/api/v1/query", url.Values{"query": {"x"}, "time": {"noon"}}, 400, "bad_data", `invalid parameter "time"`},
		{"end before start", "/api/v1/query_range", url.Values{"query": {"x"}, "start": {"200"}, "end": {"100"}, "step": {"15"}}, 400, "bad_data", "end timestamp must not be before start time"},
		{"zero step", "/api/v1/query_range", url.Values{"query": {"x"}, "start": {"100"}, "end": {"200"}, "step": {"0"}}, 400, "bad_data", "zero or negative query resolution step"},
		{"too many points", "/api/v1/query_range", url.Values{"query": {"x"}, "start": {"0"}, "end": {"100000"}, "step": {"1"}}, 400, "bad_data", "exceeded maximum resolution of 11,000 points"},
		{"execution", "/api/v1/query", url.Values{"query": {"gate_scans_per_second + on() gate_scans_per_second"}, "time": {at}}, 422, "execution", "many-to-many"},
		{"series without match", "/api/v1/series", url.Values{}, 400, "bad_data", "no match[] parameter provided"},
		{"series matching everything", "/api/v1/series", url.Values{"match[]": {`{gate=~".*"}`}}, 400, "bad_data", "at least one non-empty matcher"},
		{"bad label name", "/api/v1/label/%ff/values", url.Values{}, 400, "bad_data", "invalid label name"},
		{"bad timeout", "/api/v1/query", url.Values{"query": {"x"}, "timeout": {"-1s"}}, 400, "bad_data", `invalid parameter "timeout"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, e := get(t, srv, tc.path, tc.q)
			if code != tc.code || e.Status != "error" || e.ErrorType != tc.typ || !strings.Contains(e.Error, tc.msg) {
				t.Errorf("= %d %+v, want %d %s containing %q", code, e, tc.code, tc.typ, tc.msg)
			}
		})
	}

	if code, _ := get(t, srv, "/api/v1/targets", url.Values{}); code != http.StatusNotFound {
		t.Errorf("unserved path: %d, want 404", code)
	}
	resp, err := http.Post(srv.URL+"/api/v1/label/service/values", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST label values: %d, want 405", resp.StatusCode)
	}
}

func TestTimeout(t *testing.T) {
	srv, _ := startServer(t, skiResort())
	code, e := get(t, srv, "/api/v1/query", url.Values{"query": {"gate_error_ratio"}, "time": {"1927800000"}, "timeout": {"0.000000001"}})
	if code != http.StatusServiceUnavailable || e.ErrorType != "timeout" {
		t.Errorf("= %d %+v, want 503 timeout", code, e)
	}
}

func TestNewRefuses(t *testing.T) {
	s := func(name string, labels map[string]string) telemetry.Sample {
		return telemetry.Sample{TS: t0, Service: "kiln", Name: name, Value: 1, Labels: labels}
	}
	for _, tc := range []struct {
		name    string
		samples []telemetry.Sample
		want    string
	}{
		{"no name", []telemetry.Sample{s("", nil)}, "no metric name"},
		{"reserved label", []telemetry.Sample{s("temp", map[string]string{"__name__": "x"})}, "reserved"},
		{"service label clash", []telemetry.Sample{s("temp", map[string]string{"service": "other"})}, "clashes"},
		{"labels mapping to one name", []telemetry.Sample{s("temp", map[string]string{"zone.id": "1", "zone_id": "2"})}, "both map"},
		{"two values at one instant", []telemetry.Sample{s("temp", nil), {TS: t0, Service: "kiln", Name: "temp", Value: 2}}, "two values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(telemetry.Data{Metrics: tc.samples})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
	// The same value twice is one sample, not a conflict.
	if _, err := New(telemetry.Data{Metrics: []telemetry.Sample{s("temp", nil), s("temp", nil)}}); err != nil {
		t.Errorf("identical repeat: %v", err)
	}
}

// TestSharedScenarios serves every shared scenario that has metrics and
// reads each series back at its last sample.
func TestSharedScenarios(t *testing.T) {
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scenarios {
		if len(sc.Telemetry.Metrics) == 0 {
			continue
		}
		n++
		t.Run(sc.Path[strings.LastIndex(sc.Path, "/")+1:], func(t *testing.T) {
			_, client := startServer(t, sc.Telemetry)
			last := map[string]telemetry.Sample{}
			for _, s := range sc.Telemetry.Metrics {
				key := selector(s)
				if prev, ok := last[key]; !ok || !s.TS.Before(prev.TS) {
					last[key] = s
				}
			}
			for sel, s := range last {
				v, _, _, err := client.Query(context.Background(), sel, s.TS)
				if err != nil {
					t.Fatalf("%s: %v", sel, err)
				}
				// The selector may also match series with more labels.
				want := model.Metric{"__name__": model.LabelValue(telemetry.MetricName(s.Name)), "service": model.LabelValue(s.Service)}
				for k, v := range s.Labels {
					if v != "" {
						want[model.LabelName(LabelName(k))] = model.LabelValue(v)
					}
				}
				found := false
				for _, got := range v.(model.Vector) {
					if got.Metric.Equal(want) {
						found = true
						if !sameValue(float64(got.Value), s.Value) {
							t.Errorf("%s at %s = %v, want %v", want, s.TS, got.Value, s.Value)
						}
					}
				}
				if !found {
					t.Errorf("%s at %s: not in %v", want, s.TS, v)
				}
			}
		})
	}
	if n == 0 {
		t.Skip("no shared scenario with metrics beside the repository")
	}
}

// selector selects exactly the series of s.
func selector(s telemetry.Sample) string {
	parts := []string{fmt.Sprintf("service=%q", s.Service)}
	for k, v := range s.Labels {
		parts = append(parts, fmt.Sprintf("%s=%q", LabelName(k), v))
	}
	sort.Strings(parts)
	return telemetry.MetricName(s.Name) + "{" + strings.Join(parts, ",") + "}"
}
