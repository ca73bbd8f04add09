// Package loki serves telemetry log records over Loki's HTTP query API,
// with a LogQL subset parsed and evaluated by this package (Loki's code is
// not used).
//
// Served (GET and POST form): /loki/api/v1/query_range,
// /loki/api/v1/query, /loki/api/v1/labels, /loki/api/v1/label/<name>/values
// and /loki/api/v1/series; and GET /ready. Answers use Loki's JSON envelope; a
// bad query or parameter is HTTP 400 with a plain-text body, as Loki
// answers ("parse error at line 1, col 5: syntax error: unexpected ...").
//
// Storage: each record is one stream entry with the stream labels
// service_name (telemetry.DefaultLogServiceLabel) = the record's service
// and level = the record's level as stored (ERROR, WARN, ...: not lower
// case). Attributes are not stream labels. The line is logfmt: msg first,
// then trace_id, then the attributes sorted by key (see renderLine), so
// `| logfmt` recovers them (keys sanitized, "http.route" -> http_route).
//
// Count: a record that stands for n identical lines is returned ONCE by
// log queries (n copies would crowd out every other line under the
// limit), while metric queries weight it by n: count_over_time and rate
// count n lines and bytes_over_time n times its bytes, so volumes read as
// the incident's.
//
// LogQL served: stream selectors (=, !=, =~, !~); line filters (|=, !=,
// |~, !~); | json and | logfmt without parameters; label filters after
// them (string =, !=, =~, !~; number and duration >, >=, <, <=, ==, !=;
// joined by and, a comma, or); count_over_time, rate, bytes_over_time and
// bytes_rate over [range]; sum, avg, min, max, count, topk, bottomk with
// by/without; + - * / between those and numbers (vectors matched on equal
// label sets). Refused with a 400 that says "not supported by the
// sandbox": line_format, label_format, pattern, regexp, unwrap and the
// *_over_time functions over unwrapped values, drop, keep, `or` between
// line filters, |>, and the other functions. As in Loki 3, a log query
// sent to the instant endpoint is refused: use query_range.
package loki

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/prometheus/model/labels"

	"github.com/warroom/warroom/internal/telemetry"
)

// Loki's defaults and limits.
const (
	defaultLimit     = 100
	maxLimit         = 5000 // limits_config.max_entries_limit_per_query
	maxPoints        = 11000
	defaultLookback  = time.Hour     // query_range without start or since
	labelsLookback   = 6 * time.Hour // labels, label values and series without start
	levelLabel       = "level"
	defaultDirection = "backward"
)

// Server is the Loki query API over a fixed set of log records. It is
// safe for concurrent use.
type Server struct {
	entries []entry // sorted by time
	now     func() time.Time
	mux     *http.ServeMux
}

// Option configures a Server.
type Option func(*Server)

// WithClock sets what "now" is for parameters that default to it, so an
// incident replayed later still answers "the last hour" of the incident.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// New stores data.Logs (metrics and traces are not Loki's).
func New(data telemetry.Data, opts ...Option) (*Server, error) {
	s := &Server{now: time.Now, mux: http.NewServeMux()}
	for _, o := range opts {
		o(s)
	}
	for i, r := range data.Logs {
		if r.TS.IsZero() {
			return nil, fmt.Errorf("loki sandbox: log record %d has no time", i)
		}
		b := labels.NewScratchBuilder(2)
		if r.Level != "" {
			b.Add(levelLabel, r.Level)
		}
		if r.Service != "" {
			b.Add(telemetry.DefaultLogServiceLabel, r.Service)
		}
		b.Sort()
		if b.Labels().IsEmpty() {
			return nil, fmt.Errorf("loki sandbox: log record %d has neither service nor level, so no stream", i)
		}
		s.entries = append(s.entries, entry{ts: r.TS.UnixNano(), stream: b.Labels(), line: renderLine(r), count: r.Times()})
	}
	slices.SortStableFunc(s.entries, func(a, b entry) int { return cmp.Compare(a.ts, b.ts) })
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		s.mux.HandleFunc(m+" /loki/api/v1/query_range", s.queryRange)
		s.mux.HandleFunc(m+" /loki/api/v1/query", s.instantQuery)
		s.mux.HandleFunc(m+" /loki/api/v1/labels", s.labelNames)
		s.mux.HandleFunc(m+" /loki/api/v1/label/{name}/values", s.labelValues)
		s.mux.HandleFunc(m+" /loki/api/v1/series", s.series)
	}
	s.mux.HandleFunc("GET /ready", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ready") })
	return s, nil
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// badRequest answers as Loki does for a bad query or parameter: 400 with
// the message as plain text.
func badRequest(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintln(w, msg)
}

func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("marshal response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}

// queryResponse is the envelope of a query answer.
type queryResponse struct {
	Status string    `json:"status"`
	Data   queryData `json:"data"`
}

type queryData struct {
	ResultType string          `json:"resultType"`
	Result     any             `json:"result"`
	Stats      json.RawMessage `json:"stats"`
}

type streamJSON struct {
	Stream map[string]string `json:"stream"`
	Values [][2]string       `json:"values"`
}

type vectorJSON struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
}

type matrixJSON struct {
	Metric map[string]string `json:"metric"`
	Values [][2]any          `json:"values"`
}

// promPoint is a point as Loki (like Prometheus) writes it: seconds as a
// number, the value as a string.
func promPoint(tNanos int64, v float64) [2]any {
	return [2]any{float64(tNanos/int64(time.Millisecond)) / 1000, strconv.FormatFloat(v, 'f', -1, 64)}
}

func (s *Server) answer(w http.ResponseWriter, resultType string, result any) {
	writeJSON(w, queryResponse{Status: "success", Data: queryData{ResultType: resultType, Result: result, Stats: json.RawMessage(`{}`)}})
}

// formQuery reads the request's form and its LogQL query, answering 400
// (false) when either is bad.
func formQuery(w http.ResponseWriter, r *http.Request) (*query, bool) {
	if err := r.ParseForm(); err != nil {
		badRequest(w, err.Error())
		return nil, false
	}
	q, err := parseQuery(r.Form.Get("query"))
	if err != nil {
		badRequest(w, err.Error())
		return nil, false
	}
	return q, true
}

func (s *Server) queryRange(w http.ResponseWriter, r *http.Request) {
	q, ok := formQuery(w, r)
	if !ok {
		return
	}
	end, err := parseTime(r.Form.Get("end"), s.now())
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid end parameter: %v", err))
		return
	}
	since := defaultLookback
	if v := r.Form.Get("since"); v != "" {
		if since, err = parseLogQLDuration(v); err != nil {
			badRequest(w, fmt.Sprintf("invalid since parameter: %v", err))
			return
		}
	}
	start, err := parseTime(r.Form.Get("start"), end.Add(-since))
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid start parameter: %v", err))
		return
	}
	if end.Before(start) {
		badRequest(w, "end timestamp must not be before or equal to start time")
		return
	}
	if q.log != nil {
		s.logQuery(w, r, q.log, start, end)
		return
	}
	step := time.Duration(math.Max(math.Floor(end.Sub(start).Seconds()/250), 1)) * time.Second
	if v := r.Form.Get("step"); v != "" {
		if step, err = parseStep(v); err != nil {
			badRequest(w, fmt.Sprintf("invalid step parameter: %v", err))
			return
		}
	}
	if step <= 0 {
		badRequest(w, "zero or negative query resolution step widths are not accepted. Try a positive integer")
		return
	}
	if end.Sub(start)/step > maxPoints {
		badRequest(w, "exceeded maximum resolution of 11,000 points per timeseries. Try increasing the value of the step parameter")
		return
	}
	ev := newEvaluator(s.entries, start.UnixNano())
	if err := ev.prepare(q.metric, end.UnixNano()); err != nil {
		badRequest(w, err.Error())
		return
	}
	out := []matrixJSON{}
	for _, sr := range rangeSeries(ev, q.metric, start.UnixNano(), end.UnixNano(), step) {
		m := matrixJSON{Metric: sr.lbs.Map()}
		for _, p := range sr.points {
			m.Values = append(m.Values, promPoint(p.t, p.v))
		}
		out = append(out, m)
	}
	s.answer(w, "matrix", out)
}

func (s *Server) logQuery(w http.ResponseWriter, r *http.Request, q *logQuery, start, end time.Time) {
	limit := defaultLimit
	if v := r.Form.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			badRequest(w, "limit must be a positive value")
			return
		}
		limit = n
	}
	if limit > maxLimit {
		badRequest(w, fmt.Sprintf("max entries limit per query exceeded, limit > max_entries_limit_per_query (%d > %d)", limit, maxLimit))
		return
	}
	dir := cmp.Or(r.Form.Get("direction"), defaultDirection)
	if dir != "forward" && dir != "backward" {
		badRequest(w, fmt.Sprintf("invalid direction '%s'", dir))
		return
	}
	lines := selectLines(s.entries, q, start.UnixNano(), end.UnixNano(), limit, dir == "forward")
	byStream := map[string]*streamJSON{}
	var order []string
	for _, l := range lines {
		k := l.lbs.String()
		st, ok := byStream[k]
		if !ok {
			st = &streamJSON{Stream: l.lbs.Map()}
			byStream[k] = st
			order = append(order, k)
		}
		st.Values = append(st.Values, [2]string{strconv.FormatInt(l.ts, 10), l.line})
	}
	// Streams come in the order of their first line in the direction asked.
	out := make([]streamJSON, 0, len(order))
	for _, k := range order {
		out = append(out, *byStream[k])
	}
	s.answer(w, "streams", out)
}

func (s *Server) instantQuery(w http.ResponseWriter, r *http.Request) {
	q, ok := formQuery(w, r)
	if !ok {
		return
	}
	if q.log != nil {
		badRequest(w, "log queries are not supported as an instant query type, please change your query to a range query type")
		return
	}
	at, err := parseTime(r.Form.Get("time"), s.now())
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid time parameter: %v", err))
		return
	}
	t := at.UnixNano()
	ev := newEvaluator(s.entries, t)
	if err := ev.prepare(q.metric, t); err != nil {
		badRequest(w, err.Error())
		return
	}
	v := ev.eval(q.metric, t)
	if v.isScalar {
		s.answer(w, "scalar", promPoint(t, v.scalar))
		return
	}
	out := make([]vectorJSON, 0, len(v.vec))
	for _, smp := range v.vec {
		out = append(out, vectorJSON{Metric: smp.lbs.Map(), Value: promPoint(t, smp.v)})
	}
	s.answer(w, "vector", out)
}

// metaWindow is the [start, end) of a labels or series request.
func (s *Server) metaWindow(r *http.Request) (int64, int64, error) {
	end, err := parseTime(r.Form.Get("end"), s.now())
	if err != nil {
		return 0, 0, fmt.Errorf("invalid end parameter: %w", err)
	}
	since := labelsLookback
	if v := r.Form.Get("since"); v != "" {
		if since, err = parseLogQLDuration(v); err != nil {
			return 0, 0, fmt.Errorf("invalid since parameter: %w", err)
		}
	}
	start, err := parseTime(r.Form.Get("start"), end.Add(-since))
	if err != nil {
		return 0, 0, fmt.Errorf("invalid start parameter: %w", err)
	}
	return start.UnixNano(), end.UnixNano(), nil
}

// streams calls f for each distinct stream with a line in the window
// that one of the selectors (none: all) selects.
func (s *Server) streams(r *http.Request, selectors []string, f func(labels.Labels)) error {
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("parse form: %w", err)
	}
	start, end, err := s.metaWindow(r)
	if err != nil {
		return err
	}
	var qs []*logQuery
	for _, sel := range selectors {
		q, err := parseQuery(sel)
		if err != nil {
			return err
		}
		if q.log == nil {
			return errors.New("only stream selectors are supported here")
		}
		qs = append(qs, q.log)
	}
	seen := map[string]bool{}
	lo, hi := window(s.entries, start, end)
	for _, e := range s.entries[lo:hi] {
		k := e.stream.String()
		if seen[k] {
			continue
		}
		if len(qs) > 0 && !slices.ContainsFunc(qs, func(q *logQuery) bool { return q.selects(e.stream) }) {
			continue
		}
		seen[k] = true
		f(e.stream)
	}
	return nil
}

// listResponse is the envelope of labels, label values and series.
type listResponse struct {
	Status string `json:"status"`
	Data   any    `json:"data"`
}

func (s *Server) labelNames(w http.ResponseWriter, r *http.Request) {
	names := map[string]bool{}
	err := s.streams(r, selectorsOf(r), func(l labels.Labels) {
		l.Range(func(lb labels.Label) { names[lb.Name] = true })
	})
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	writeJSON(w, listResponse{Status: "success", Data: sortedKeys(names)})
}

func (s *Server) labelValues(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	values := map[string]bool{}
	err := s.streams(r, selectorsOf(r), func(l labels.Labels) {
		if v := l.Get(name); v != "" {
			values[v] = true
		}
	})
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	writeJSON(w, listResponse{Status: "success", Data: sortedKeys(values)})
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		badRequest(w, err.Error())
		return
	}
	out := []map[string]string{}
	err := s.streams(r, r.Form["match[]"], func(l labels.Labels) { out = append(out, l.Map()) })
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	writeJSON(w, listResponse{Status: "success", Data: out})
}

// selectorsOf is the optional query parameter (a stream selector) that
// narrows labels and label values, as Loki 2.9+ takes it.
func selectorsOf(r *http.Request) []string {
	if q := r.FormValue("query"); q != "" {
		return []string{q}
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// parseTime reads a time as Loki does: Unix seconds with a fraction,
// Unix seconds or nanoseconds as an integer (10 digits or fewer is
// seconds), or RFC 3339.
func parseTime(v string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	if strings.Contains(v, ".") {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			sec, frac := math.Modf(f)
			return time.Unix(int64(sec), int64(math.Round(frac*1000))*int64(time.Millisecond)), nil
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t, terr := time.Parse(time.RFC3339Nano, v)
		if terr != nil {
			return time.Time{}, fmt.Errorf("cannot parse %q to a valid timestamp", v)
		}
		return t, nil
	}
	if len(strings.TrimPrefix(v, "-")) <= 10 {
		return time.Unix(n, 0), nil
	}
	return time.Unix(0, n), nil
}

// parseStep reads a step as seconds (with a fraction) or a duration.
func parseStep(v string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := parseLogQLDuration(v)
	if err != nil {
		return 0, fmt.Errorf("cannot parse %q to a valid duration", v)
	}
	return d, nil
}
