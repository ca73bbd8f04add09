// Package prometheus serves telemetry samples over the Prometheus HTTP API
// v1, evaluating PromQL with Prometheus's own engine, so that the official
// client (client_golang/api/prometheus/v1) and any PromQL the agent writes
// behave as against a real Prometheus.
//
// Served: /api/v1/query, /api/v1/query_range, /api/v1/series,
// /api/v1/labels (GET and POST form, as the client sends), and GET
// /api/v1/label/<name>/values, /api/v1/metadata (every metric a gauge with
// no help) and /api/v1/status/buildinfo. The envelope, error types and
// status codes are Prometheus's: 400 bad_data for bad parameters and parse
// errors, 422 execution, 503 timeout. Every other path is 404; the query
// statistics, exemplars, targets, rules and alerts APIs are not served.
//
// A sample becomes a float sample of the series named
// telemetry.MetricName(s.Name) with the sample's labels (names mapped by
// LabelName) plus service=s.Service. Samples are one a minute, so the
// engine's default 5m lookback finds a value at any instant inside the data.
// WriteOpenMetrics writes the same series for backfilling a real Prometheus.
package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/timestamp"
	"github.com/prometheus/prometheus/promql"
	"github.com/prometheus/prometheus/promql/parser"
	"github.com/prometheus/prometheus/storage"
	"github.com/prometheus/prometheus/util/annotations"

	"github.com/warroom/warroom/internal/telemetry"
)

// Limits a default Prometheus runs with.
const (
	queryTimeout   = 2 * time.Minute
	maxSamples     = 50_000_000
	evalInterval   = time.Minute // the global evaluation interval: a subquery's default step
	maxPointsRange = 11000
)

// Server is the Prometheus API over a fixed set of samples. It is safe for
// concurrent use.
type Server struct {
	store  *memStore
	engine *promql.Engine
	parser parser.Parser
	mux    *http.ServeMux
	now    func() time.Time
}

// Option configures a Server.
type Option func(*Server)

// WithClock sets what "now" is for an instant query without a time, so an
// incident replayed later still answers "now" as during the incident.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// New builds the series from data.Metrics (logs and traces are not
// Prometheus's) and starts a query engine over them. It fails on samples
// Prometheus would refuse: no name, a reserved or clashing label name, two
// values of one series at one instant.
func New(data telemetry.Data, opts ...Option) (*Server, error) {
	ss, err := buildSeries(data.Metrics)
	if err != nil {
		return nil, fmt.Errorf("prometheus sandbox: %w", err)
	}
	p := parser.NewParser(parser.Options{})
	s := &Server{
		store: &memStore{series: ss},
		engine: promql.NewEngine(promql.EngineOpts{
			MaxSamples:               maxSamples,
			Timeout:                  queryTimeout,
			NoStepSubqueryIntervalFn: func(int64) int64 { return evalInterval.Milliseconds() },
			EnableAtModifier:         true,
			EnableNegativeOffset:     true,
			Parser:                   p,
		}),
		parser: p,
		mux:    http.NewServeMux(),
		now:    time.Now,
	}
	for _, o := range opts {
		o(s)
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		s.handle(method+" /api/v1/query", s.query)
		s.handle(method+" /api/v1/query_range", s.queryRange)
		s.handle(method+" /api/v1/series", s.series)
		s.handle(method+" /api/v1/labels", s.labelNames)
	}
	s.handle("GET /api/v1/label/{name}/values", s.labelValues)
	s.handle("GET /api/v1/metadata", s.metadata)
	s.handle("GET /api/v1/status/buildinfo", s.buildInfo)
	return s, nil
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Close stops the query engine. Nothing is held on disk.
func (s *Server) Close() error {
	if err := s.engine.Close(); err != nil {
		return fmt.Errorf("close promql engine: %w", err)
	}
	return nil
}

// apiError is an error as the API reports it.
type apiError struct {
	typ  string // bad_data, execution, timeout, canceled, internal
	code int
	err  error
}

func badData(err error) *apiError { return &apiError{"bad_data", http.StatusBadRequest, err} }

func invalidParam(name string, err error) *apiError {
	return badData(fmt.Errorf("invalid parameter %q: %w", name, err))
}

// queryError maps an engine error as Prometheus's returnAPIError does.
func queryError(err error) *apiError {
	var (
		canceled promql.ErrQueryCanceled
		timeout  promql.ErrQueryTimeout
		stor     promql.ErrStorage
	)
	switch {
	case errors.As(err, &canceled), errors.Is(err, context.Canceled):
		return &apiError{"canceled", 499, err} // Prometheus's "client closed connection"
	case errors.As(err, &timeout), errors.Is(err, context.DeadlineExceeded):
		return &apiError{"timeout", http.StatusServiceUnavailable, err}
	case errors.As(err, &stor):
		return &apiError{"internal", http.StatusInternalServerError, err}
	}
	return &apiError{"execution", http.StatusUnprocessableEntity, err}
}

// response is Prometheus's envelope.
type response struct {
	Status    string   `json:"status"`
	Data      any      `json:"data,omitempty"`
	ErrorType string   `json:"errorType,omitempty"`
	Error     string   `json:"error,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
	Infos     []string `json:"infos,omitempty"`
}

// result is what a handler returns: data or an error, and the warnings
// and infos of the query (query is the text the warnings point into).
type result struct {
	data  any
	err   *apiError
	annos annotations.Annotations
	query string
}

func (s *Server) handle(pattern string, h func(*http.Request) result) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeJSON(w, http.StatusBadRequest, response{Status: "error", ErrorType: "bad_data",
				Error: fmt.Sprintf("error parsing form values: %v", err)})
			return
		}
		res := h(r)
		if res.err != nil {
			writeJSON(w, res.err.code, response{Status: "error", ErrorType: res.err.typ, Error: res.err.err.Error()})
			return
		}
		warn, info := res.annos.AsStrings(res.query, 10, 10)
		writeJSON(w, http.StatusOK, response{Status: "success", Data: res.data, Warnings: warn, Infos: info})
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		body, _ = json.Marshal(response{Status: "error", ErrorType: "internal", Error: fmt.Sprintf("marshal response: %v", err)})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// queryData is the data of a query answer.
type queryData struct {
	ResultType parser.ValueType `json:"resultType"`
	Result     any              `json:"result"`
}

func (s *Server) query(r *http.Request) result {
	limit, err := parseLimit(r.FormValue("limit"))
	if err != nil {
		return result{err: invalidParam("limit", err)}
	}
	ts, err := parseTimeParam(r, "time", s.now())
	if err != nil {
		return result{err: invalidParam("time", err)}
	}
	return exec(r, limit, func(ctx context.Context, opts promql.QueryOpts, qs string) (promql.Query, error) {
		return s.engine.NewInstantQuery(ctx, s.store, opts, qs, ts)
	})
}

func (s *Server) queryRange(r *http.Request) result {
	limit, err := parseLimit(r.FormValue("limit"))
	if err != nil {
		return result{err: invalidParam("limit", err)}
	}
	start, err := parseTime(r.FormValue("start"))
	if err != nil {
		return result{err: invalidParam("start", err)}
	}
	end, err := parseTime(r.FormValue("end"))
	if err != nil {
		return result{err: invalidParam("end", err)}
	}
	if end.Before(start) {
		return result{err: invalidParam("end", errors.New("end timestamp must not be before start time"))}
	}
	step, err := parseDuration(r.FormValue("step"))
	if err != nil {
		return result{err: invalidParam("step", err)}
	}
	if step <= 0 {
		return result{err: invalidParam("step", errors.New("zero or negative query resolution step widths are not accepted. Try a positive integer"))}
	}
	if end.Sub(start)/step > maxPointsRange {
		return result{err: badData(errors.New("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"))}
	}
	return exec(r, limit, func(ctx context.Context, opts promql.QueryOpts, qs string) (promql.Query, error) {
		return s.engine.NewRangeQuery(ctx, s.store, opts, qs, start, end, step)
	})
}

// exec builds the request's query with build, under its timeout and
// options, and runs it: what query and query_range share once their own
// parameters are read.
func exec(r *http.Request, limit int, build func(context.Context, promql.QueryOpts, string) (promql.Query, error)) result {
	ctx, cancel, apiErr := withTimeout(r)
	if apiErr != nil {
		return result{err: apiErr}
	}
	defer cancel()
	opts, err := queryOpts(r)
	if err != nil {
		return result{err: badData(err)}
	}
	qs := r.FormValue("query")
	q, err := build(ctx, opts, qs)
	if err != nil {
		return result{err: constructionError(err)}
	}
	defer q.Close()
	return run(ctx, q, qs, limit)
}

// run executes a built query and shapes its value as the API does. The
// value is marshalled by the handler after q.Close, so it is copied out of
// the engine's pooled slices here.
func run(ctx context.Context, q promql.Query, qs string, limit int) result {
	res := q.Exec(ctx)
	if res.Err != nil {
		return result{err: queryError(res.Err), annos: res.Warnings, query: qs}
	}
	annos := res.Warnings
	var out any
	switch v := res.Value.(type) {
	case promql.Vector:
		vec := slices.Clone(v)
		if vec == nil {
			vec = promql.Vector{}
		}
		if limit > 0 && len(vec) > limit {
			vec = vec[:limit]
			annos = annos.Add(errors.New("results truncated due to limit"))
		}
		out = vec
	case promql.Matrix:
		mat := make(promql.Matrix, len(v))
		for i, sr := range v {
			mat[i] = promql.Series{Metric: sr.Metric, Floats: slices.Clone(sr.Floats), Histograms: slices.Clone(sr.Histograms)}
		}
		if limit > 0 && len(mat) > limit {
			mat = mat[:limit]
			annos = annos.Add(errors.New("results truncated due to limit"))
		}
		out = mat
	default:
		out = v
	}
	return result{data: queryData{ResultType: res.Value.Type(), Result: out}, annos: annos, query: qs}
}

// constructionError maps an error building a query as Prometheus does: a
// parse error is bad data about the query parameter.
func constructionError(err error) *apiError {
	var (
		canceled promql.ErrQueryCanceled
		timeout  promql.ErrQueryTimeout
	)
	if errors.As(err, &canceled) || errors.As(err, &timeout) {
		return queryError(err)
	}
	return invalidParam("query", err)
}

func withTimeout(r *http.Request) (context.Context, context.CancelFunc, *apiError) {
	v := r.FormValue("timeout")
	if v == "" {
		ctx, cancel := context.WithCancel(r.Context())
		return ctx, cancel, nil
	}
	d, err := parseDuration(v)
	if err != nil {
		return nil, nil, invalidParam("timeout", err)
	}
	if d <= 0 {
		return nil, nil, invalidParam("timeout", fmt.Errorf("timeout must be positive, got %s", d))
	}
	ctx, cancel := context.WithTimeout(r.Context(), d)
	return ctx, cancel, nil
}

func queryOpts(r *http.Request) (promql.QueryOpts, error) {
	var lookback time.Duration
	if v := r.FormValue("lookback_delta"); v != "" {
		d, err := parseDuration(v)
		if err != nil {
			return nil, fmt.Errorf("error parsing lookback delta duration: %w", err)
		}
		lookback = d
	}
	return promql.NewPrometheusQueryOpts(false, lookback, nil), nil
}

// matchers parses match[] as Prometheus does, refusing a selector that
// would match every series.
func (s *Server) matchers(values []string) ([][]*labels.Matcher, error) {
	sets, err := s.parser.ParseMetricSelectors(values)
	if err != nil {
		return nil, err
	}
	for _, set := range sets {
		if !slices.ContainsFunc(set, func(m *labels.Matcher) bool { return !m.Matches("") }) {
			return nil, errors.New("match[] must contain at least one non-empty matcher")
		}
	}
	return sets, nil
}

// listParams reads the limit and the window that the series and label
// endpoints take.
func listParams(r *http.Request) (limit int, start, end time.Time, apiErr *apiError) {
	limit, err := parseLimit(r.FormValue("limit"))
	if err != nil {
		return 0, start, end, invalidParam("limit", err)
	}
	start, end, apiErr = window(r)
	return limit, start, end, apiErr
}

// window parses the optional start and end of a metadata request.
func window(r *http.Request) (start, end time.Time, err *apiError) {
	start, perr := parseTimeParam(r, "start", minTime)
	if perr != nil {
		return start, end, invalidParam("start", perr)
	}
	end, perr = parseTimeParam(r, "end", maxTime)
	if perr != nil {
		return start, end, invalidParam("end", perr)
	}
	return start, end, nil
}

func (s *Server) series(r *http.Request) result {
	if len(r.Form["match[]"]) == 0 {
		return result{err: badData(errors.New("no match[] parameter provided"))}
	}
	limit, start, end, apiErr := listParams(r)
	if apiErr != nil {
		return result{err: apiErr}
	}
	sets, err := s.matchers(r.Form["match[]"])
	if err != nil {
		return result{err: invalidParam("match[]", err)}
	}
	q, err := s.store.Querier(timestamp.FromTime(start), timestamp.FromTime(end))
	if err != nil {
		return result{err: queryError(err)}
	}
	defer q.Close()
	hints := &storage.SelectHints{Start: timestamp.FromTime(start), End: timestamp.FromTime(end), Func: "series"}
	var set storage.SeriesSet
	if len(sets) == 1 {
		set = q.Select(r.Context(), false, hints, sets[0]...)
	} else {
		var all []storage.SeriesSet
		for _, ms := range sets {
			all = append(all, q.Select(r.Context(), true, hints, ms...))
		}
		set = storage.NewMergeSeriesSet(all, 0, storage.ChainedSeriesMerge)
	}
	metrics := []labels.Labels{}
	var annos annotations.Annotations
	for set.Next() {
		metrics = append(metrics, set.At().Labels())
		if limit > 0 && len(metrics) > limit {
			metrics = metrics[:limit]
			annos = annos.Add(errors.New("results truncated due to limit"))
			break
		}
	}
	if err := set.Err(); err != nil {
		return result{err: queryError(err)}
	}
	return result{data: metrics, annos: annos}
}

// labelQuery runs f once per match[] set (or once with none) and returns
// the sorted union of what it found.
func (s *Server) labelQuery(r *http.Request, f func(storage.Querier, []*labels.Matcher) ([]string, error)) result {
	limit, start, end, apiErr := listParams(r)
	if apiErr != nil {
		return result{err: apiErr}
	}
	sets := [][]*labels.Matcher{nil}
	if len(r.Form["match[]"]) > 0 {
		var err error
		if sets, err = s.matchers(r.Form["match[]"]); err != nil {
			return result{err: badData(err)}
		}
	}
	q, err := s.store.Querier(timestamp.FromTime(start), timestamp.FromTime(end))
	if err != nil {
		return result{err: queryError(err)}
	}
	defer q.Close()
	seen := map[string]struct{}{}
	for _, ms := range sets {
		vals, err := f(q, ms)
		if err != nil {
			return result{err: queryError(err)}
		}
		for _, v := range vals {
			seen[v] = struct{}{}
		}
	}
	out := sortedLimited(seen, nil)
	var annos annotations.Annotations
	if limit > 0 && len(out) > limit {
		out = out[:limit]
		annos = annos.Add(errors.New("results truncated due to limit"))
	}
	return result{data: out, annos: annos}
}

func (s *Server) labelNames(r *http.Request) result {
	return s.labelQuery(r, func(q storage.Querier, ms []*labels.Matcher) ([]string, error) {
		names, _, err := q.LabelNames(r.Context(), nil, ms...)
		return names, err
	})
}

func (s *Server) labelValues(r *http.Request) result {
	name := r.PathValue("name")
	if !model.UTF8Validation.IsValidLabelName(name) {
		return result{err: badData(fmt.Errorf("invalid label name: %q", name))}
	}
	return s.labelQuery(r, func(q storage.Querier, ms []*labels.Matcher) ([]string, error) {
		vals, _, err := q.LabelValues(r.Context(), name, nil, ms...)
		return vals, err
	})
}

// metadataEntry is one metric's metadata as the API lists it.
type metadataEntry struct {
	Type string `json:"type"`
	Help string `json:"help"`
	Unit string `json:"unit"`
}

// metadata lists every metric as a gauge: the samples are values as a
// query returns them, not counters to take the rate of.
func (s *Server) metadata(r *http.Request) result {
	limit := -1
	if v := r.FormValue("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return result{err: badData(errors.New("limit must be a number"))}
		}
		limit = n
	}
	// Every metric has one entry, so limit_per_metric is only checked.
	if v := r.FormValue("limit_per_metric"); v != "" {
		if _, err := strconv.Atoi(v); err != nil {
			return result{err: badData(errors.New("limit_per_metric must be a number"))}
		}
	}
	only := r.FormValue("metric")
	out := map[string][]metadataEntry{}
	for _, sr := range s.store.series {
		name := sr.lset.Get(labels.MetricName)
		if _, ok := out[name]; ok || (only != "" && name != only) {
			continue
		}
		if limit >= 0 && len(out) >= limit {
			break
		}
		out[name] = []metadataEntry{{Type: string(model.MetricTypeGauge)}}
	}
	return result{data: out}
}

// buildInfo reports the version of the Prometheus module whose engine
// answers, so a caller that checks versions sees what it talks to.
func (s *Server) buildInfo(*http.Request) result {
	version := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/prometheus/prometheus" {
				version = m.Version
			}
		}
	}
	return result{data: map[string]string{
		"version":   version,
		"revision":  "",
		"branch":    "warroom-sandbox",
		"buildUser": "",
		"buildDate": "",
		"goVersion": runtime.Version(),
	}}
}

// Bounds of an open time range, as Prometheus defines them.
var (
	minTime = time.Unix(math.MinInt64/1000+62135596801, 0).UTC()
	maxTime = time.Unix(math.MaxInt64/1000-62135596801, 999999999).UTC()
)

func parseTimeParam(r *http.Request, name string, def time.Time) (time.Time, error) {
	v := r.FormValue(name)
	if v == "" {
		return def, nil
	}
	t, err := parseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid time value for '%s': %w", name, err)
	}
	return t, nil
}

// parseTime reads a time as Prometheus does: Unix seconds with an optional
// fraction (kept to the millisecond), or RFC 3339.
func parseTime(s string) (time.Time, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		sec, frac := math.Modf(f)
		frac = math.Round(frac*1000) / 1000
		return time.Unix(int64(sec), int64(frac*float64(time.Second))).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	switch s {
	case minTime.Format(time.RFC3339Nano):
		return minTime, nil
	case maxTime.Format(time.RFC3339Nano):
		return maxTime, nil
	}
	return time.Time{}, fmt.Errorf("cannot parse %q to a valid timestamp", s)
}

// parseDuration reads seconds (with a fraction) or a PromQL duration.
func parseDuration(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		ns := f * float64(time.Second)
		if math.IsNaN(ns) || ns >= float64(math.MaxInt64) || ns < float64(math.MinInt64) {
			return 0, fmt.Errorf("cannot parse %q to a valid duration. It overflows int64", s)
		}
		return time.Duration(ns), nil
	}
	if d, err := model.ParseDuration(s); err == nil {
		return time.Duration(d), nil
	}
	return 0, fmt.Errorf("cannot parse %q to a valid duration", s)
}

func parseLimit(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("parse limit: %w", err)
	}
	if n < 0 {
		return 0, errors.New("limit must be non-negative")
	}
	return n, nil
}
