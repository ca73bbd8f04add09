// Package metrics reads series from Prometheus, or anything that speaks its
// HTTP API (Thanos, Mimir, VictoriaMetrics, the sandbox), through the
// official client_golang API client. Every call is bounded: in time (a
// per-request timeout), in bytes (response bodies are cut off at
// Config.MaxBytes), in series and in points; and every result carries the
// exact query that produced it, so a timeline can show what was asked.
package metrics

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi"
)

// Defaults of Config's bounds.
const (
	DefaultTimeout    = httpapi.DefaultTimeout
	DefaultMaxSeries  = 200
	DefaultMaxPoints  = 1000
	DefaultMaxMetrics = 50
	DefaultMaxBytes   = httpapi.DefaultMaxBytes
)

// ErrTooLarge is returned when a response body exceeds Config.MaxBytes.
var ErrTooLarge = httpapi.ErrTooLarge

// Config says where Prometheus is and how to talk to it. Credentials are
// passed in by the caller (this package reads no environment) and are sent
// only as headers, never logged or put in errors.
type Config struct {
	// URL is the API root, e.g. https://prometheus.example:9090 (the
	// client appends /api/v1/...).
	URL string
	// BearerToken, or Username and Password for basic auth (optional).
	BearerToken        string
	Username, Password string
	// Headers are sent with every request, e.g. a tenant header
	// (X-Scope-OrgID for Mimir).
	Headers map[string]string
	// ServiceLabel is the label that names a series' service
	// ("" = telemetry.DefaultMetricServiceLabel).
	ServiceLabel string
	// Timeout bounds each request (0 = DefaultTimeout).
	Timeout time.Duration
	// MaxSeries caps the series a call returns, MaxPoints the points per
	// series (Range widens the step to stay under it), MaxMetrics the
	// metric names ServiceSamples reads, MaxBytes each response body
	// (0 = the defaults).
	MaxSeries, MaxPoints, MaxMetrics int
	MaxBytes                         int64
	// Transport sends the requests (nil = http.DefaultTransport).
	Transport http.RoundTripper
}

// Client queries one Prometheus.
type Client struct {
	api   v1.API
	cfg   Config
	label string
}

var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// New checks cfg and returns a client; it makes no request.
func New(cfg Config) (*Client, error) {
	if _, err := httpapi.BaseURL(cfg.URL); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	cfg.ServiceLabel = cmp.Or(cfg.ServiceLabel, telemetry.DefaultMetricServiceLabel)
	if !labelName.MatchString(cfg.ServiceLabel) {
		return nil, fmt.Errorf("metrics: service label %q is not a Prometheus label name", cfg.ServiceLabel)
	}
	cfg.MaxSeries = httpapi.OrDefault(cfg.MaxSeries, DefaultMaxSeries)
	if cfg.MaxPoints < 2 {
		cfg.MaxPoints = DefaultMaxPoints
	}
	cfg.MaxMetrics = httpapi.OrDefault(cfg.MaxMetrics, DefaultMaxMetrics)
	// The API client reads bodies whole, so the bound sits below it, in
	// the transport.
	tr := &httpapi.Transport{
		Base:     cfg.Transport,
		Auth:     httpapi.Auth{Headers: cfg.Headers, BearerToken: cfg.BearerToken, Username: cfg.Username, Password: cfg.Password},
		MaxBytes: cfg.MaxBytes,
	}
	c, err := api.NewClient(api.Config{Address: strings.TrimRight(cfg.URL, "/"), Client: &http.Client{Timeout: httpapi.OrDefault(cfg.Timeout, DefaultTimeout), Transport: tr}})
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	return &Client{api: v1.NewAPI(c), cfg: cfg, label: cfg.ServiceLabel}, nil
}

// Point is one value of a series.
type Point struct {
	TS    time.Time `json:"ts"`
	Value float64   `json:"value"`
}

// Series is one series a range query returned.
type Series struct {
	// Query is the PromQL that produced the series, Step the resolution
	// it was evaluated at (wider than asked when MaxPoints required it).
	Query  string            `json:"query"`
	Step   time.Duration     `json:"step"`
	Labels map[string]string `json:"labels"`
	Points []Point           `json:"points"`
	// PointsTotal is how many points the server returned for the series
	// and SeriesTotal how many series for the query; either above what is
	// here means the result was cut to the caps.
	PointsTotal int      `json:"points_total"`
	SeriesTotal int      `json:"series_total"`
	Warnings    []string `json:"warnings,omitempty"`
}

// Truncated reports whether points of the series were dropped.
func (s Series) Truncated() bool { return s.PointsTotal > len(s.Points) }

// Range evaluates query over [start, end] every step. Series are ordered
// by their labels and capped at MaxSeries; when (end-start)/step would
// exceed MaxPoints points the step is widened, and any points beyond the
// cap that the server still sends are dropped from the start, keeping the
// most recent. Native histogram samples are not read.
func (c *Client) Range(ctx context.Context, query string, start, end time.Time, step time.Duration) ([]Series, error) {
	if err := httpapi.CheckRange(start, end); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	step = c.fitStep(start, end, step)
	val, warnings, _, err := c.api.QueryRange(ctx, query, v1.Range{Start: start, End: end, Step: step})
	if err != nil {
		return nil, fmt.Errorf("metrics: query_range %q: %w", query, err)
	}
	m, ok := val.(model.Matrix)
	if !ok {
		return nil, fmt.Errorf("metrics: query_range %q: result type %s, want matrix", query, val.Type())
	}
	sort.Slice(m, func(i, j int) bool { return m[i].Metric.String() < m[j].Metric.String() })
	total := len(m)
	if len(m) > c.cfg.MaxSeries {
		m = m[:c.cfg.MaxSeries]
	}
	out := make([]Series, 0, len(m))
	for _, ss := range m {
		s := Series{Query: query, Step: step, Labels: labels(ss.Metric), PointsTotal: len(ss.Values), SeriesTotal: total, Warnings: warnings}
		vals := ss.Values
		if len(vals) > c.cfg.MaxPoints {
			vals = vals[len(vals)-c.cfg.MaxPoints:]
		}
		for _, p := range vals {
			v := float64(p.Value)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue // staleness markers and divisions by zero carry no value
			}
			s.Points = append(s.Points, Point{TS: p.Timestamp.Time().UTC(), Value: v})
		}
		out = append(out, s)
	}
	return out, nil
}

// fitStep widens step so that the range holds at most MaxPoints points,
// and makes it at least a second.
func (c *Client) fitStep(start, end time.Time, step time.Duration) time.Duration {
	step = max(step, time.Second)
	span := end.Sub(start)
	if int64(span/step)+1 > int64(c.cfg.MaxPoints) {
		step = ceilDiv(span, time.Duration(c.cfg.MaxPoints-1))
		if r := step % time.Second; r != 0 {
			step += time.Second - r
		}
	}
	return step
}

func ceilDiv(a, b time.Duration) time.Duration { return (a + b - 1) / b }

func labels(m model.Metric) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[string(k)] = string(v)
	}
	return out
}

// Selector is the series selector for a service's series, e.g.
// {service="svc"}.
func (c *Client) Selector(service string) string {
	return fmt.Sprintf("{%s=%s}", c.label, quote(service))
}

// quote makes a PromQL string literal; PromQL reads Go's escapes.
func quote(s string) string {
	return fmt.Sprintf("%q", s)
}

// Names are the metric names found for a service.
type Names struct {
	// Query is the series matcher sent to /api/v1/series.
	Query string   `json:"query"`
	Names []string `json:"names"`
	// Truncated: the server had more series than MaxSeries×MaxMetrics,
	// so some names may be missing.
	Truncated bool     `json:"truncated,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
}

// ServiceSeries lists the names of the service's metrics in [start, end]
// through /api/v1/series with the matcher {<service label>="service"},
// sorted, at most MaxMetrics.
func (c *Client) ServiceSeries(ctx context.Context, service string, start, end time.Time) (Names, error) {
	sel := c.Selector(service)
	limit := uint64(c.cfg.MaxSeries * c.cfg.MaxMetrics)
	sets, warnings, _, err := c.api.Series(ctx, []string{sel}, start, end, v1.WithLimit(limit))
	if err != nil {
		return Names{}, fmt.Errorf("metrics: series %s: %w", sel, err)
	}
	seen := map[string]bool{}
	for _, ls := range sets {
		if n := string(ls[model.MetricNameLabel]); n != "" {
			seen[n] = true
		}
	}
	out := Names{Query: sel, Truncated: uint64(len(sets)) >= limit, Warnings: warnings}
	for n := range seen {
		out.Names = append(out.Names, n)
	}
	sort.Strings(out.Names)
	if len(out.Names) > c.cfg.MaxMetrics {
		out.Names, out.Truncated = out.Names[:c.cfg.MaxMetrics], true
	}
	return out, nil
}

// Samples are a service's series as telemetry samples.
type Samples struct {
	// Queries are every query made, in order: the series matcher, then
	// one range query per metric name.
	Queries []string           `json:"queries"`
	Samples []telemetry.Sample `json:"samples"`
	// Truncated: names, series or points were dropped to stay within the
	// caps.
	Truncated bool     `json:"truncated,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
}

// ServiceSamples reads every series of a service over [start, end] at
// step, as samples the analysis reads. Which query reads a metric follows
// the Prometheus naming conventions: a name ending in _total, _count or
// _sum is a counter and is read as rate(...) over max(4·step, 1m), named
// "rate(<name>)"; a name ending in _bucket is a classic histogram and is
// read as the service's 99th percentile, histogram_quantile(0.99, sum by
// (le) (rate(...))), named "p99(<name without _bucket>)"; _created series
// (counter creation times) are skipped; any other name is a gauge read as
// it is. The service label stays the series' Service and leaves Labels, as
// does __name__. In all, at most MaxSeries series are returned. A step
// finer than the scrape interval repeats samples (Prometheus looks back
// for the latest), so pass at least the scrape interval.
func (c *Client) ServiceSamples(ctx context.Context, service string, start, end time.Time, step time.Duration) (Samples, error) {
	names, err := c.ServiceSeries(ctx, service, start, end)
	if err != nil {
		return Samples{}, err
	}
	out := Samples{Queries: []string{names.Query}, Truncated: names.Truncated, Warnings: names.Warnings}
	budget := c.cfg.MaxSeries
	window := model.Duration(max(4*c.fitStep(start, end, step), time.Minute).Truncate(time.Second))
	for _, name := range names.Names {
		if budget == 0 {
			out.Truncated = true
			break
		}
		query, display := c.serviceQuery(service, name, window)
		if query == "" {
			continue
		}
		series, err := c.Range(ctx, query, start, end, step)
		if err != nil {
			return out, err
		}
		out.Queries = append(out.Queries, query)
		if len(series) > budget {
			series, out.Truncated = series[:budget], true
		}
		budget -= len(series)
		for _, s := range series {
			if s.Truncated() || s.SeriesTotal > len(series) {
				out.Truncated = true
			}
			for _, w := range s.Warnings {
				if !slices.Contains(out.Warnings, w) {
					out.Warnings = append(out.Warnings, w)
				}
			}
			ls := map[string]string{}
			for k, v := range s.Labels {
				if k != c.label && k != model.MetricNameLabel {
					ls[k] = v
				}
			}
			if len(ls) == 0 {
				ls = nil
			}
			for _, p := range s.Points {
				out.Samples = append(out.Samples, telemetry.Sample{TS: p.TS, Service: service, Name: display, Value: p.Value, Labels: ls})
			}
		}
	}
	return out, nil
}

// serviceQuery is the PromQL that reads metric name for service, and the
// name its samples get; "" to skip the name.
func (c *Client) serviceQuery(service, name string, window model.Duration) (string, string) {
	sel := func(n string) string {
		return fmt.Sprintf("{__name__=%s,%s=%s}", quote(n), c.label, quote(service))
	}
	switch {
	case strings.HasSuffix(name, "_created"):
		return "", ""
	case strings.HasSuffix(name, "_bucket"):
		base := strings.TrimSuffix(name, "_bucket")
		return fmt.Sprintf("histogram_quantile(0.99, sum by (le) (rate(%s[%s])))", sel(name), window), "p99(" + base + ")"
	case strings.HasSuffix(name, "_total") || strings.HasSuffix(name, "_count") || strings.HasSuffix(name, "_sum"):
		return fmt.Sprintf("rate(%s[%s])", sel(name), window), "rate(" + name + ")"
	}
	return sel(name), name
}
