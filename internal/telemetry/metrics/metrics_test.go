package metrics

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var (
	start = time.Date(2027, 1, 9, 22, 0, 0, 0, time.UTC)
	end   = start.Add(10 * time.Minute)
)

// matrix is a query_range body as Prometheus sends it.
func matrix(series ...string) string {
	return `{"status":"success","data":{"resultType":"matrix","result":[` + strings.Join(series, ",") + `]}}`
}

func stream(metric string, vals ...float64) string {
	var pts []string
	for i, v := range vals {
		pts = append(pts, fmt.Sprintf(`[%d,"%s"]`, start.Add(time.Duration(i)*time.Minute).Unix(), strconv.FormatFloat(v, 'f', -1, 64)))
	}
	return `{"metric":` + metric + `,"values":[` + strings.Join(pts, ",") + `]}`
}

// fake is a Prometheus that answers from a function and records requests.
type fake struct {
	mu       sync.Mutex
	requests []*http.Request
	forms    []map[string][]string
	answer   func(path string, form map[string][]string) (int, string)
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.forms = append(f.forms, r.Form)
	f.mu.Unlock()
	code, body := f.answer(r.URL.Path, r.Form)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprint(w, body)
}

func newClient(t *testing.T, f *fake, cfg Config) *Client {
	t.Helper()
	cfg.URL = apitest.Serve(t, f) + "/prom/"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRange(t *testing.T) {
	f := &fake{answer: func(path string, form map[string][]string) (int, string) {
		if path != "/prom/api/v1/query_range" {
			return 404, "404 page not found"
		}
		body := matrix(
			stream(`{"service":"lift-scanner","gate":"G2"}`, 1, 2, 3),
			stream(`{"service":"lift-scanner","gate":"G1"}`, 4, 5, 6, 7),
			stream(`{"service":"lift-scanner","gate":"G3"}`, 8),
		)
		return 200, strings.Replace(body, `"status":"success"`, `"status":"success","warnings":["PromQL info: metric might not be a counter"]`, 1)
	}}
	c := newClient(t, f, Config{BearerToken: "s3cret", Headers: map[string]string{"X-Scope-OrgID": "resort"}, MaxSeries: 2, MaxPoints: 3})
	got, err := c.Range(context.Background(), `rate(scans_total[5m])`, start, end, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Labels["gate"] != "G1" || got[1].Labels["gate"] != "G2" {
		t.Fatalf("series %+v, want G1 and G2 in label order", got)
	}
	g1 := got[0]
	if g1.Query != `rate(scans_total[5m])` || g1.SeriesTotal != 3 || g1.PointsTotal != 4 || len(g1.Points) != 3 || !g1.Truncated() {
		t.Errorf("G1 %+v: want the query, 3 series in all, 3 of 4 points", g1)
	}
	if g1.Points[0].Value != 5 || !g1.Points[0].TS.Equal(start.Add(time.Minute)) {
		t.Errorf("G1 kept %+v, want the most recent points", g1.Points)
	}
	if len(g1.Warnings) != 1 {
		t.Errorf("warnings %v", g1.Warnings)
	}
	// 10 minutes at 1m is 11 points; MaxPoints 3 widens the step to 5m.
	if g1.Step != 5*time.Minute || f.forms[0]["step"][0] != "300" {
		t.Errorf("step %s (sent %v), want 5m", g1.Step, f.forms[0]["step"])
	}
	r := f.requests[0]
	if r.Header.Get("Authorization") != "Bearer s3cret" || r.Header.Get("X-Scope-OrgID") != "resort" {
		t.Errorf("headers %v", r.Header)
	}
	if f.forms[0]["query"][0] != `rate(scans_total[5m])` {
		t.Errorf("query sent %v", f.forms[0]["query"])
	}
}

func TestRangeDropsNaN(t *testing.T) {
	f := &fake{answer: func(string, map[string][]string) (int, string) {
		return 200, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"pump"},"values":[[1799532000,"1"],[1799532060,"NaN"],[1799532120,"+Inf"],[1799532180,"2"]]}]}}`
	}}
	c := newClient(t, f, Config{Username: "ops", Password: "pw"})
	got, err := c.Range(context.Background(), "pump_flow", start, end, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Points) != 2 {
		t.Fatalf("got %+v, want the two finite points", got)
	}
	if want := "Basic " + base64.StdEncoding.EncodeToString([]byte("ops:pw")); f.requests[0].Header.Get("Authorization") != want {
		t.Errorf("authorization %q", f.requests[0].Header.Get("Authorization"))
	}
}

func TestRangeErrors(t *testing.T) {
	tests := []struct {
		name    string
		code    int
		body    string
		errType v1.ErrorType
		msg     string
	}{
		{"bad PromQL", 400, `{"status":"error","errorType":"bad_data","error":"1:6: parse error: unclosed left parenthesis"}`, v1.ErrBadData, "unclosed left parenthesis"},
		{"execution error", 422, `{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}`, v1.ErrExec, "too many samples"},
		{"timeout", 503, `{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}`, v1.ErrServer, "server error: 503"},
		{"auth proxy", 401, `Unauthorized`, v1.ErrClient, "client error: 401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{answer: func(string, map[string][]string) (int, string) { return tt.code, tt.body }}
			c := newClient(t, f, Config{})
			_, err := c.Range(context.Background(), "sum(rate(x[5m]", start, end, time.Minute)
			var perr *v1.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %v (%T), want a *v1.Error", err, err)
			}
			if perr.Type != tt.errType || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v type %s, want %s containing %q", err, perr.Type, tt.errType, tt.msg)
			}
			if !strings.Contains(err.Error(), "sum(rate(x[5m]") {
				t.Errorf("error %v does not name the query", err)
			}
		})
	}
}

func TestBounds(t *testing.T) {
	t.Run("body too large", func(t *testing.T) {
		f := &fake{answer: func(string, map[string][]string) (int, string) {
			return 200, matrix(stream(`{"service":"x"}`, make([]float64, 500)...))
		}}
		c := newClient(t, f, Config{MaxBytes: 1024})
		_, err := c.Range(context.Background(), "x", start, end, time.Minute)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("error %v, want ErrTooLarge", err)
		}
	})
	t.Run("slow server", func(t *testing.T) {
		c, err := New(Config{URL: apitest.Silent(t), Timeout: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		if _, err := c.Range(context.Background(), "x", start, end, time.Minute); err == nil {
			t.Error("no error from a server that never answers")
		}
		if d := time.Since(t0); d > 5*time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("empty range", func(t *testing.T) {
		c := newClient(t, &fake{}, Config{})
		if _, err := c.Range(context.Background(), "x", end, start, time.Minute); err == nil {
			t.Error("no error for end before start")
		}
	})
}

func TestNewRejects(t *testing.T) {
	for _, cfg := range []Config{
		{URL: ""},
		{URL: "ftp://prom"},
		{URL: "http://"},
		{URL: "http://prom:9090", ServiceLabel: "service.name"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

func TestServiceSamples(t *testing.T) {
	f := &fake{answer: func(path string, form map[string][]string) (int, string) {
		switch path {
		case "/prom/api/v1/series":
			if form["match[]"][0] != `{service="snow-cannon"}` {
				return 400, `{"status":"error","errorType":"bad_data","error":"unexpected matcher"}`
			}
			return 200, `{"status":"success","data":[
				{"__name__":"water_pressure_bar","service":"snow-cannon","nozzle":"n1"},
				{"__name__":"water_pressure_bar","service":"snow-cannon","nozzle":"n2"},
				{"__name__":"starts_total","service":"snow-cannon"},
				{"__name__":"starts_created","service":"snow-cannon"},
				{"__name__":"cycle_seconds_bucket","service":"snow-cannon","le":"0.5"},
				{"__name__":"cycle_seconds_bucket","service":"snow-cannon","le":"+Inf"}]}`
		case "/prom/api/v1/query_range":
			q := form["query"][0]
			switch {
			case strings.HasPrefix(q, "histogram_quantile"):
				return 200, matrix(stream(`{}`, 0.4, 0.45))
			case strings.HasPrefix(q, "rate("):
				return 200, matrix(stream(`{"service":"snow-cannon"}`, 0.1, 0.2))
			default:
				return 200, matrix(
					stream(`{"__name__":"water_pressure_bar","service":"snow-cannon","nozzle":"n1"}`, 7.1, 7.2),
					stream(`{"__name__":"water_pressure_bar","service":"snow-cannon","nozzle":"n2"}`, 6.9, 1.2))
			}
		}
		return 404, "404 page not found"
	}}
	c := newClient(t, f, Config{})
	got, err := c.ServiceSamples(context.Background(), "snow-cannon", start, end, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	wantQueries := []string{
		`{service="snow-cannon"}`,
		`histogram_quantile(0.99, sum by (le) (rate({__name__="cycle_seconds_bucket",service="snow-cannon"}[4m])))`,
		`rate({__name__="starts_total",service="snow-cannon"}[4m])`,
		`{__name__="water_pressure_bar",service="snow-cannon"}`,
	}
	if strings.Join(got.Queries, "\n") != strings.Join(wantQueries, "\n") {
		t.Errorf("queries\n%s\nwant\n%s", strings.Join(got.Queries, "\n"), strings.Join(wantQueries, "\n"))
	}
	names := map[string]int{}
	for _, s := range got.Samples {
		names[s.Name]++
		if s.Service != "snow-cannon" || s.Labels["service"] != "" || s.Labels["__name__"] != "" {
			t.Errorf("sample %+v keeps the service or name label", s)
		}
	}
	if names["p99(cycle_seconds)"] != 2 || names["rate(starts_total)"] != 2 || names["water_pressure_bar"] != 4 || len(names) != 3 {
		t.Errorf("sample names %v", names)
	}
	if got.Truncated {
		t.Error("truncated without a cap reached")
	}

	capped := newClient(t, f, Config{MaxSeries: 3})
	got, err = capped.ServiceSamples(context.Background(), "snow-cannon", start, end, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	series := map[string]bool{}
	for _, s := range got.Samples {
		series[s.Name+s.Labels["nozzle"]] = true
	}
	if !got.Truncated || len(series) != 3 {
		t.Errorf("with MaxSeries 3: %d series, truncated=%v", len(series), got.Truncated)
	}
}

func TestServiceSeriesLabel(t *testing.T) {
	f := &fake{answer: func(path string, form map[string][]string) (int, string) {
		return 200, `{"status":"success","data":[{"__name__":"b_metric","app":"x"},{"__name__":"a_metric","app":"x"}]}`
	}}
	c := newClient(t, f, Config{ServiceLabel: "app"})
	got, err := c.ServiceSeries(context.Background(), `we"ird`, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if got.Query != `{app="we\"ird"}` || strings.Join(got.Names, ",") != "a_metric,b_metric" {
		t.Errorf("got %+v", got)
	}
	if f.forms[0]["limit"] == nil {
		t.Error("no limit sent with the series request")
	}
}
