// Package collect reads what a team's observability stack holds around an
// incident, from every configured backend (metrics, logs, traces, flag
// changes), and hands it to the analysis. It is the one place that decides
// how wide the window is, which services are read and how much is kept, so
// the agent's tools stay thin and every reasoner sees the same bounded
// evidence with the queries behind it.
package collect

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/analyze"
	"github.com/warroom/warroom/internal/telemetry/flags"
	"github.com/warroom/warroom/internal/telemetry/logs"
	"github.com/warroom/warroom/internal/telemetry/metrics"
	"github.com/warroom/warroom/internal/telemetry/traces"
)

// TraceSource is Tempo or Jaeger.
type TraceSource interface {
	ServiceFailures(ctx context.Context, service string, start, end time.Time) (traces.Failures, error)
}

// Sources are the configured backends; any may be nil.
type Sources struct {
	Metrics *metrics.Client
	Logs    *logs.Client
	Traces  TraceSource
	Flags   *flags.Client
}

// Backend names, as results report them.
const (
	BackendMetrics = "metrics"
	BackendLogs    = "logs"
	BackendTraces  = "traces"
	BackendFlags   = "flags"
)

// Configured names the backends there are, in a fixed order.
func (s Sources) Configured() []string {
	var out []string
	if s.Metrics != nil {
		out = append(out, BackendMetrics)
	}
	if s.Logs != nil {
		out = append(out, BackendLogs)
	}
	if s.Traces != nil {
		out = append(out, BackendTraces)
	}
	if s.Flags != nil {
		out = append(out, BackendFlags)
	}
	return out
}

// Any reports whether any backend is configured.
func (s Sources) Any() bool { return len(s.Configured()) > 0 }

// Defaults bound a collection: the window around the alert, how many
// services are read, and the metric step.
const (
	DefaultBefore    = 2 * time.Hour
	DefaultAfter     = 15 * time.Minute
	DefaultStep      = time.Minute
	MaxServices      = 12
	maxQueriesKept   = 40
	parallelRequests = 4
)

// Request says whose telemetry to read and when.
type Request struct {
	// Service is the incident's service; Related are the other services
	// worth reading (the team's services), in order of interest.
	Service string
	Related []string
	AlertAt time.Time
	Before  time.Duration // window before AlertAt (DefaultBefore)
	After   time.Duration // window after AlertAt (DefaultAfter)
	Step    time.Duration // metric resolution (DefaultStep)
	Deploys []analyze.Deploy
}

// Query is one request made to a backend, for the timeline.
type Query struct {
	Backend string `json:"backend"`
	Service string `json:"service,omitempty"`
	Query   string `json:"query"`
}

// Result is what was read and what it shows.
type Result struct {
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Looked   []string  `json:"looked_at"`
	NotSet   []string  `json:"not_configured,omitempty"`
	Services []string  `json:"services"`
	Queries  []Query   `json:"queries"`
	// QueriesOmitted counts queries made but not listed, to stay bounded.
	QueriesOmitted int              `json:"queries_omitted,omitempty"`
	Truncated      []string         `json:"truncated,omitempty"` // backends whose answers were cut at their caps
	Errors         []string         `json:"errors,omitempty"`
	Findings       analyze.Findings `json:"findings"`
	Evidence       []string         `json:"evidence"` // Findings as sentences
	// Charts are the points of the most telling changed series, thinned,
	// so a page can draw them without asking the backend again.
	Charts []Chart `json:"charts,omitempty"`
}

// Chart is one metric series as recorded for drawing.
type Chart struct {
	Service string            `json:"service"`
	Name    string            `json:"name"`
	Labels  map[string]string `json:"labels,omitempty"`
	Points  []ChartPoint      `json:"points"`
}

// ChartPoint is one point of a Chart.
type ChartPoint struct {
	TS    time.Time `json:"ts"`
	Value float64   `json:"value"`
}

// Chart limits: the series of the best-ranked changes, each thinned to at
// most maxChartPoints points (enough for a chart a few hundred pixels wide,
// small enough to keep in the timeline's record).
const (
	maxCharts      = 3
	maxChartPoints = 120
)

// charts keeps the samples of the top-ranked changes' series.
func charts(changes []analyze.Change, samples []telemetry.Sample) []Chart {
	var out []Chart
	for _, ch := range changes {
		if len(out) == maxCharts {
			break
		}
		c := Chart{Service: ch.Service, Name: ch.Name, Labels: ch.Labels}
		for _, s := range samples {
			if s.Service == ch.Service && s.Name == ch.Name && maps.Equal(s.Labels, ch.Labels) {
				c.Points = append(c.Points, ChartPoint{TS: s.TS.UTC(), Value: s.Value})
			}
		}
		if len(c.Points) < 2 {
			continue
		}
		slices.SortFunc(c.Points, func(a, b ChartPoint) int { return a.TS.Compare(b.TS) })
		c.Points = thin(c.Points, maxChartPoints)
		out = append(out, c)
	}
	return out
}

// thin keeps at most n points, evenly spaced by index and always the last,
// taking from each stretch the point farthest from its neighbours' mean so a
// spike is not thinned away.
func thin(pts []ChartPoint, n int) []ChartPoint {
	if len(pts) <= n {
		return pts
	}
	out := make([]ChartPoint, 0, n)
	per := float64(len(pts)) / float64(n)
	for i := range n {
		lo, hi := int(float64(i)*per), int(float64(i+1)*per)
		hi = min(max(hi, lo+1), len(pts))
		var mean float64
		for _, p := range pts[lo:hi] {
			mean += p.Value
		}
		mean /= float64(hi - lo)
		best := lo
		for j := lo; j < hi; j++ {
			if math.Abs(pts[j].Value-mean) > math.Abs(pts[best].Value-mean) {
				best = j
			}
		}
		out = append(out, pts[best])
	}
	out[len(out)-1] = pts[len(pts)-1]
	return out
}

// Collect reads every configured backend for the request's services and
// analyses what it found. A backend that fails is reported in Errors and
// the others still count; with no backend configured it says so and reads
// nothing.
func (s Sources) Collect(ctx context.Context, req Request) Result {
	if req.Before <= 0 {
		req.Before = DefaultBefore
	}
	if req.After <= 0 {
		req.After = DefaultAfter
	}
	if req.Step <= 0 {
		req.Step = DefaultStep
	}
	res := Result{Start: req.AlertAt.Add(-req.Before).UTC(), End: req.AlertAt.Add(req.After).UTC(), Looked: s.Configured()}
	for _, b := range []string{BackendMetrics, BackendLogs, BackendTraces, BackendFlags} {
		if !slices.Contains(res.Looked, b) {
			res.NotSet = append(res.NotSet, b)
		}
	}
	if !s.Any() {
		res.Evidence = []string{"No metrics, logs, traces or flag service is configured: the telemetry was not examined."}
		return res
	}
	res.Services = services(req)

	c := &collection{res: &res}
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelRequests)
	run := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			f()
		}()
	}
	for _, svc := range res.Services {
		if s.Metrics != nil {
			run(func() { c.metrics(ctx, s.Metrics, svc, res.Start, res.End, req.Step) })
		}
		if s.Logs != nil {
			run(func() { c.logs(ctx, s.Logs, svc, res.Start, res.End) })
		}
		if s.Traces != nil {
			run(func() { c.traces(ctx, s.Traces, svc, res.Start, res.End) })
		}
	}
	if s.Flags != nil {
		run(func() { c.flags(ctx, s.Flags, res.Start, res.End) })
	}
	wg.Wait()

	c.sortData()
	res.Findings = analyze.Investigate(analyze.Input{Data: c.data, Flags: c.flagChanges, Deploys: req.Deploys,
		AlertAt: req.AlertAt, Window: analyze.Window{Start: res.Start, End: res.End}})
	res.Evidence = res.Findings.Lines()
	res.Charts = charts(res.Findings.Changes, c.data.Metrics)
	if len(res.Queries) > maxQueriesKept {
		res.QueriesOmitted = len(res.Queries) - maxQueriesKept
		res.Queries = res.Queries[:maxQueriesKept]
	}
	return res
}

// services are the incident's service first, then the related ones, at
// most MaxServices and each once.
func services(req Request) []string {
	var out []string
	for _, s := range append([]string{req.Service}, req.Related...) {
		if s != "" && !slices.Contains(out, s) && len(out) < MaxServices {
			out = append(out, s)
		}
	}
	return out
}

// collection gathers the backends' answers from concurrent requests.
type collection struct {
	mu          sync.Mutex
	res         *Result
	data        telemetry.Data
	flagChanges []telemetry.FlagChange
}

func (c *collection) record(backend, service string, queries []string, truncated bool, err error) {
	for _, q := range queries {
		c.res.Queries = append(c.res.Queries, Query{Backend: backend, Service: service, Query: q})
	}
	if truncated && !slices.Contains(c.res.Truncated, backend) {
		c.res.Truncated = append(c.res.Truncated, backend)
	}
	if err != nil {
		who := backend
		if service != "" {
			who += " of " + service
		}
		c.res.Errors = append(c.res.Errors, fmt.Sprintf("%s: %v", who, err))
	}
}

func (c *collection) metrics(ctx context.Context, m *metrics.Client, svc string, start, end time.Time, step time.Duration) {
	got, err := m.ServiceSamples(ctx, svc, start, end, step)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.record(BackendMetrics, svc, got.Queries, got.Truncated, err)
	c.data.Metrics = append(c.data.Metrics, got.Samples...)
}

func (c *collection) logs(ctx context.Context, l *logs.Client, svc string, start, end time.Time) {
	got, err := l.ServiceErrors(ctx, svc, start, end)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.record(BackendLogs, svc, got.Queries, got.Truncated, err)
	c.data.Logs = append(c.data.Logs, got.Records...)
}

func (c *collection) traces(ctx context.Context, t TraceSource, svc string, start, end time.Time) {
	got, err := t.ServiceFailures(ctx, svc, start, end)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.record(BackendTraces, svc, got.Queries, got.Truncated, err)
	c.data.Traces = append(c.data.Traces, got.Spans...)
}

func (c *collection) flags(ctx context.Context, f *flags.Client, start, end time.Time) {
	got, err := f.Changes(ctx, start, end)
	c.mu.Lock()
	defer c.mu.Unlock()
	var q []string
	if got.Query != "" {
		q = []string{got.Query}
	}
	c.record(BackendFlags, "", q, got.Incomplete, err)
	c.flagChanges = append(c.flagChanges, got.Changes...)
}

// sortData puts the answers in a stable order whatever order the
// concurrent requests finished in, and drops spans two services' traces
// both held (a trace crossing services is fetched once per service), so
// the analysis is deterministic.
func (c *collection) sortData() {
	d := &c.data
	sort.SliceStable(d.Metrics, func(i, j int) bool {
		a, b := d.Metrics[i], d.Metrics[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.TS.Before(b.TS)
	})
	sort.SliceStable(d.Logs, func(i, j int) bool {
		if !d.Logs[i].TS.Equal(d.Logs[j].TS) {
			return d.Logs[i].TS.Before(d.Logs[j].TS)
		}
		return d.Logs[i].Service < d.Logs[j].Service
	})
	seen := map[[2]string]bool{}
	spans := d.Traces[:0]
	for _, sp := range d.Traces {
		k := [2]string{sp.TraceID, sp.SpanID}
		if !seen[k] {
			seen[k] = true
			spans = append(spans, sp)
		}
	}
	d.Traces = spans
	sort.SliceStable(d.Traces, func(i, j int) bool {
		if !d.Traces[i].Start.Equal(d.Traces[j].Start) {
			return d.Traces[i].Start.Before(d.Traces[j].Start)
		}
		return d.Traces[i].SpanID < d.Traces[j].SpanID
	})
	sort.SliceStable(c.flagChanges, func(i, j int) bool { return c.flagChanges[i].TS.Before(c.flagChanges[j].TS) })
	sort.SliceStable(c.res.Queries, func(i, j int) bool {
		a, b := c.res.Queries[i], c.res.Queries[j]
		if a.Backend != b.Backend {
			return a.Backend < b.Backend
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		return false
	})
	sort.Strings(c.res.Errors)
}

// FromConfig builds the clients the telemetry section names.
func FromConfig(t config.Telemetry) (Sources, error) {
	var s Sources
	var err error
	if b := t.Prometheus; b != nil {
		if s.Metrics, err = metrics.New(metrics.Config{URL: b.URL, BearerToken: b.BearerToken, Username: b.Username, Password: b.Password,
			Headers: withTenant(b), ServiceLabel: b.ServiceLabel, Timeout: b.Timeout}); err != nil {
			return s, fmt.Errorf("telemetry.prometheus: %w", err)
		}
	}
	if b := t.Loki; b != nil {
		if s.Logs, err = logs.New(logs.Config{URL: b.URL, BearerToken: b.BearerToken, Username: b.Username, Password: b.Password,
			TenantID: b.Tenant, Headers: b.Headers, ServiceLabel: b.ServiceLabel, LevelLabel: b.LevelLabel, Timeout: b.Timeout}); err != nil {
			return s, fmt.Errorf("telemetry.loki: %w", err)
		}
	}
	if b := t.Tempo; b != nil {
		c, err := traces.New(traceConfig(b))
		if err != nil {
			return s, fmt.Errorf("telemetry.tempo: %w", err)
		}
		s.Traces = c
	}
	if b := t.Jaeger; b != nil {
		c, err := traces.NewJaeger(traceConfig(b))
		if err != nil {
			return s, fmt.Errorf("telemetry.jaeger: %w", err)
		}
		s.Traces = c
	}
	if u := t.Unleash; u != nil {
		if s.Flags, err = flags.New(flags.Config{URL: u.URL, Token: u.Token, Project: u.Project, Environment: u.Environment}); err != nil {
			return s, fmt.Errorf("telemetry.unleash: %w", err)
		}
	}
	return s, nil
}

func traceConfig(b *config.TelemetryBackend) traces.Config {
	return traces.Config{URL: b.URL, BearerToken: b.BearerToken, Username: b.Username, Password: b.Password,
		TenantID: b.Tenant, Headers: b.Headers, Timeout: b.Timeout}
}

// withTenant adds Mimir's and Thanos' tenant header to a Prometheus
// backend's headers.
func withTenant(b *config.TelemetryBackend) map[string]string {
	if b.Tenant == "" {
		return b.Headers
	}
	h := map[string]string{"X-Scope-OrgID": b.Tenant}
	for k, v := range b.Headers {
		h[k] = v
	}
	return h
}
