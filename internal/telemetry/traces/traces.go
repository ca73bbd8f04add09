// Package traces reads traces from Tempo's HTTP API with its own small
// client (net/http and encoding/json, no Tempo code): TraceQL search
// (GET /api/search) and traces by id (GET /api/v2/traces/<id>, falling
// back to /api/traces/<id> on a Tempo that predates v2), decoded from OTLP
// JSON into telemetry spans; and, for teams on Jaeger, its query service's
// /api/traces (see Jaeger). Responses are bounded in bytes, requests in
// time, and results carry the query that produced them.
package traces

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi"
)

// Defaults of Config's bounds.
const (
	DefaultTimeout     = httpapi.DefaultTimeout
	DefaultMaxBytes    = httpapi.DefaultMaxBytes
	DefaultSearchLimit = 20
	DefaultMaxTraces   = 10
	DefaultMaxSpans    = 5000
	DefaultSlow        = time.Second
	maxAttrs           = 32
)

var (
	// ErrTooLarge is returned when a response body exceeds Config.MaxBytes.
	ErrTooLarge = httpapi.ErrTooLarge
	// ErrTraceNotFound is returned by Trace for an id Tempo does not hold.
	ErrTraceNotFound = errors.New("trace not found")
)

// Config says where Tempo is and how to talk to it. Credentials are passed
// in by the caller and sent only as headers, never logged or put in errors.
type Config struct {
	// URL is Tempo's HTTP root, e.g. http://tempo:3200.
	URL string
	// BearerToken, or Username and Password for basic auth (optional).
	BearerToken        string
	Username, Password string
	// TenantID is sent as X-Scope-OrgID when set (multi-tenant Tempo).
	TenantID string
	Headers  map[string]string
	// Timeout bounds each request (0 = DefaultTimeout); MaxBytes each
	// response body (0 = DefaultMaxBytes).
	Timeout  time.Duration
	MaxBytes int64
	// SearchLimit is the traces ServiceFailures asks each search for,
	// MaxTraces how many of them it fetches whole, MaxSpans how many spans
	// it returns in all (0 = the defaults).
	SearchLimit, MaxTraces, MaxSpans int
	// Slow is the span duration from which ServiceFailures counts a span
	// as slow (0 = DefaultSlow).
	Slow time.Duration
	// Transport sends the requests (nil = http.DefaultTransport).
	Transport http.RoundTripper
}

// Client queries one Tempo.
type Client struct{ conn }

// conn is what the Tempo and Jaeger clients share: the checked Config and
// the connection to the backend.
type conn struct {
	cfg  Config
	http *httpapi.Conn
}

// New checks cfg and returns a client; it makes no request.
func New(cfg Config) (*Client, error) {
	c, err := newConn(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{c}, nil
}

func newConn(cfg Config) (conn, error) {
	cfg.SearchLimit = httpapi.OrDefault(cfg.SearchLimit, DefaultSearchLimit)
	cfg.MaxTraces = httpapi.OrDefault(cfg.MaxTraces, DefaultMaxTraces)
	cfg.MaxSpans = httpapi.OrDefault(cfg.MaxSpans, DefaultMaxSpans)
	cfg.Slow = httpapi.OrDefault(cfg.Slow, DefaultSlow)
	c, err := httpapi.New(httpapi.Config{
		URL:       cfg.URL,
		Auth:      httpapi.Auth{Headers: cfg.Headers, TenantID: cfg.TenantID, BearerToken: cfg.BearerToken, Username: cfg.Username, Password: cfg.Password},
		Timeout:   cfg.Timeout,
		MaxBytes:  cfg.MaxBytes,
		Transport: cfg.Transport,
		APIError:  apiError,
		UseNumber: true, // Jaeger tag values: int64 attributes stay exact
	})
	if err != nil {
		return conn{}, fmt.Errorf("traces: %w", err)
	}
	return conn{cfg: cfg, http: c}, nil
}

// APIError is an answer other than success; Tempo sends its errors as
// plain text (e.g. "invalid TraceQL query: parse error at line 1, col 3:
// syntax error: unexpected IDENTIFIER"), Jaeger as JSON
// ({"errors":[{"code":400,"msg":"..."}]}), whose first msg is kept. Its
// Backend is "traces".
type APIError = httpapi.APIError

// MatchedSpan is a span a search matched.
type MatchedSpan struct {
	SpanID     string         `json:"span_id"`
	Name       string         `json:"name,omitempty"`
	Start      time.Time      `json:"start"`
	DurationMS float64        `json:"duration_ms"`
	Attrs      map[string]any `json:"attrs,omitempty"`
}

// TraceSummary is one trace a search found.
type TraceSummary struct {
	TraceID     string        `json:"trace_id"`
	RootService string        `json:"root_service,omitempty"`
	RootName    string        `json:"root_name,omitempty"`
	Start       time.Time     `json:"start"`
	DurationMS  float64       `json:"duration_ms"`
	Spans       []MatchedSpan `json:"spans,omitempty"`
	Matched     int           `json:"matched"`
}

// SearchResult is what one search returned.
type SearchResult struct {
	Query  string         `json:"query"`
	Start  time.Time      `json:"start"`
	End    time.Time      `json:"end"`
	Limit  int            `json:"limit"`
	Traces []TraceSummary `json:"traces"`
	// Truncated: Tempo returned as many traces as the limit.
	Truncated bool `json:"truncated,omitempty"`
}

// Search runs a TraceQL query over [start, end] (Tempo reads whole
// seconds) for at most limit traces, ordered by start time.
func (c *Client) Search(ctx context.Context, traceql string, start, end time.Time, limit int) (SearchResult, error) {
	res := SearchResult{Query: traceql, Start: start, End: end, Limit: limit}
	if err := httpapi.CheckRange(start, end); err != nil {
		return res, fmt.Errorf("traces: %w", err)
	}
	if limit <= 0 {
		limit = c.cfg.SearchLimit
		res.Limit = limit
	}
	// Rounded up: end is inclusive here.
	q := httpapi.Query("q", traceql, "start", strconv.FormatInt(start.Unix(), 10), "end", strconv.FormatInt(end.Add(time.Second-1).Unix(), 10),
		"limit", strconv.Itoa(limit))
	var body struct {
		Traces []struct {
			TraceID           string  `json:"traceID"`
			RootServiceName   string  `json:"rootServiceName"`
			RootTraceName     string  `json:"rootTraceName"`
			StartTimeUnixNano nanos   `json:"startTimeUnixNano"`
			DurationMs        float64 `json:"durationMs"`
			SpanSet           *struct {
				Spans   []searchSpan `json:"spans"`
				Matched int          `json:"matched"`
			} `json:"spanSet"`
			SpanSets []struct {
				Spans   []searchSpan `json:"spans"`
				Matched int          `json:"matched"`
			} `json:"spanSets"`
		} `json:"traces"`
	}
	if _, err := c.http.GetJSON(ctx, "/api/search", q, &body); err != nil {
		return res, fmt.Errorf("traces: search %q: %w", traceql, err)
	}
	for _, t := range body.Traces {
		s := TraceSummary{TraceID: normID(t.TraceID, 16), RootService: t.RootServiceName, RootName: t.RootTraceName,
			Start: t.StartTimeUnixNano.time(), DurationMS: t.DurationMs}
		sets := t.SpanSets
		if len(sets) == 0 && t.SpanSet != nil {
			sets = append(sets, *t.SpanSet)
		}
		for _, set := range sets {
			s.Matched += set.Matched
			for _, sp := range set.Spans {
				s.Spans = append(s.Spans, MatchedSpan{SpanID: normID(sp.SpanID, 8), Name: sp.Name, Start: sp.StartTimeUnixNano.time(),
					DurationMS: float64(sp.DurationNanos) / 1e6, Attrs: attrMap(sp.Attributes, nil)})
			}
		}
		res.Traces = append(res.Traces, s)
	}
	sort.SliceStable(res.Traces, func(i, j int) bool { return res.Traces[i].Start.Before(res.Traces[j].Start) })
	res.Truncated = len(res.Traces) >= limit
	return res, nil
}

type searchSpan struct {
	SpanID            string     `json:"spanID"`
	Name              string     `json:"name"`
	StartTimeUnixNano nanos      `json:"startTimeUnixNano"`
	DurationNanos     nanos      `json:"durationNanos"`
	Attributes        []keyValue `json:"attributes"`
}

// Trace fetches one trace by id (hex, as Tempo and log lines show it) and
// returns its spans ordered by start. It asks /api/v2/traces/<id> and, when
// that route is missing or the trace is not found there, /api/traces/<id>;
// ErrTraceNotFound when neither holds it.
func (c *Client) Trace(ctx context.Context, id string) ([]telemetry.Span, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if _, err := hex.DecodeString(id); err != nil || id == "" || len(id) > 32 {
		return nil, fmt.Errorf("traces: trace id %q: want up to 32 hex digits", id)
	}
	var v2 struct {
		Trace *otlpTrace `json:"trace"`
	}
	status, err := c.http.GetJSON(ctx, "/api/v2/traces/"+id, nil, &v2)
	switch {
	case err == nil && v2.Trace != nil:
		return v2.Trace.spans(), nil
	case err == nil:
		return nil, fmt.Errorf("traces: trace %s: %w", id, ErrTraceNotFound)
	case status != http.StatusNotFound && status != http.StatusMethodNotAllowed && status != http.StatusNotImplemented:
		return nil, fmt.Errorf("traces: trace %s: %w", id, err)
	}
	var v1 otlpTrace
	status, err = c.http.GetJSON(ctx, "/api/traces/"+id, nil, &v1)
	switch {
	case status == http.StatusNotFound:
		return nil, fmt.Errorf("traces: trace %s: %w (%v)", id, ErrTraceNotFound, err)
	case err != nil:
		return nil, fmt.Errorf("traces: trace %s: %w", id, err)
	}
	return v1.spans(), nil
}

// Failures is what ServiceFailures found.
type Failures struct {
	// Queries are the TraceQL searches run.
	Queries []string `json:"queries"`
	// TraceIDs are the traces fetched whole; Missing the ones found by a
	// search that could not be fetched.
	TraceIDs []string         `json:"trace_ids"`
	Missing  []string         `json:"missing,omitempty"`
	Spans    []telemetry.Span `json:"spans"`
	// Truncated: more traces matched than were fetched, or spans were cut
	// at MaxSpans.
	Truncated bool `json:"truncated,omitempty"`
}

// ServiceFailures finds the service's failing and slow traces in [start,
// end] with two searches, { resource.service.name = "svc" && status =
// error } and { resource.service.name = "svc" && duration > Slow }, fetches
// up to MaxTraces of them whole (error traces first, each group earliest
// first) and returns their spans, at most MaxSpans.
func (c *Client) ServiceFailures(ctx context.Context, service string, start, end time.Time) (Failures, error) {
	svc := strconv.Quote(service)
	queries := []string{
		fmt.Sprintf("{ resource.service.name = %s && status = error }", svc),
		fmt.Sprintf("{ resource.service.name = %s && duration > %s }", svc, traceqlDuration(c.cfg.Slow)),
	}
	out := Failures{Queries: queries}
	var ids []string
	seen := map[string]bool{}
	for _, q := range queries {
		res, err := c.Search(ctx, q, start, end, c.cfg.SearchLimit)
		if err != nil {
			return out, err
		}
		out.Truncated = out.Truncated || res.Truncated
		for _, t := range res.Traces {
			if !seen[t.TraceID] {
				seen[t.TraceID] = true
				ids = append(ids, t.TraceID)
			}
		}
	}
	if len(ids) > c.cfg.MaxTraces {
		ids, out.Truncated = ids[:c.cfg.MaxTraces], true
	}
	for _, id := range ids {
		spans, err := c.Trace(ctx, id)
		if errors.Is(err, ErrTraceNotFound) {
			out.Missing = append(out.Missing, id)
			continue
		}
		if err != nil {
			return out, err
		}
		if room := c.cfg.MaxSpans - len(out.Spans); len(spans) > room {
			spans, out.Truncated = spans[:room], true
		}
		out.TraceIDs = append(out.TraceIDs, id)
		out.Spans = append(out.Spans, spans...)
		if len(out.Spans) >= c.cfg.MaxSpans {
			break
		}
	}
	return out, nil
}

// traceqlDuration prints d as a TraceQL duration literal (500ms, 2s, 5m).
func traceqlDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}

// apiError keeps Jaeger's first error msg, else Tempo's plain text.
func apiError(status int, body []byte) error {
	msg := httpapi.Text(body)
	var j struct {
		Errors []struct {
			Msg string `json:"msg"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &j) == nil && len(j.Errors) > 0 && j.Errors[0].Msg != "" {
		msg = j.Errors[0].Msg
	}
	return &APIError{Backend: "traces", StatusCode: status, Message: msg}
}

// nanos is a count of nanoseconds, sent by Tempo as a JSON string (OTLP's
// 64-bit integers) or, by some encoders, as a number.
type nanos int64

func (n *nanos) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return fmt.Errorf("nanoseconds %s: %w", b, err)
		}
		v = int64(f)
	}
	*n = nanos(v)
	return nil
}

func (n nanos) time() time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(n)).UTC()
}

// otlpTrace is OTLP JSON as Tempo sends it: "batches" from /api/traces,
// "resourceSpans" inside v2's "trace"; "scopeSpans", or
// "instrumentationLibrarySpans" from older encoders.
type otlpTrace struct {
	Batches       []resourceSpans `json:"batches"`
	ResourceSpans []resourceSpans `json:"resourceSpans"`
}

type resourceSpans struct {
	Resource struct {
		Attributes []keyValue `json:"attributes"`
	} `json:"resource"`
	ScopeSpans                  []scopeSpans `json:"scopeSpans"`
	InstrumentationLibrarySpans []scopeSpans `json:"instrumentationLibrarySpans"`
}

type scopeSpans struct {
	Spans []otlpSpan `json:"spans"`
}

type otlpSpan struct {
	TraceID           string     `json:"traceId"`
	SpanID            string     `json:"spanId"`
	ParentSpanID      string     `json:"parentSpanId"`
	Name              string     `json:"name"`
	StartTimeUnixNano nanos      `json:"startTimeUnixNano"`
	EndTimeUnixNano   nanos      `json:"endTimeUnixNano"`
	Attributes        []keyValue `json:"attributes"`
	Status            struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
	} `json:"status"`
}

type keyValue struct {
	Key   string   `json:"key"`
	Value anyValue `json:"value"`
}

// anyValue is OTLP's AnyValue; one field is set.
type anyValue struct {
	StringValue *string         `json:"stringValue"`
	IntValue    json.RawMessage `json:"intValue"`
	DoubleValue json.RawMessage `json:"doubleValue"`
	BoolValue   *bool           `json:"boolValue"`
	BytesValue  *string         `json:"bytesValue"`
	ArrayValue  *struct {
		Values []anyValue `json:"values"`
	} `json:"arrayValue"`
	KvlistValue *struct {
		Values []keyValue `json:"values"`
	} `json:"kvlistValue"`
}

func (v anyValue) value() any {
	switch {
	case v.StringValue != nil:
		return *v.StringValue
	case v.IntValue != nil:
		s := strings.Trim(string(v.IntValue), `"`)
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
		return s
	case v.DoubleValue != nil:
		s := strings.Trim(string(v.DoubleValue), `"`)
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return s
	case v.BoolValue != nil:
		return *v.BoolValue
	case v.BytesValue != nil:
		return *v.BytesValue
	case v.ArrayValue != nil:
		out := make([]any, 0, len(v.ArrayValue.Values))
		for _, x := range v.ArrayValue.Values {
			out = append(out, x.value())
		}
		return out
	case v.KvlistValue != nil:
		return attrMap(v.KvlistValue.Values, nil)
	}
	return nil
}

// attrMap turns key-values into a map, adding to into when given, at most
// maxAttrs keys.
func attrMap(kvs []keyValue, into map[string]any) map[string]any {
	if len(kvs) == 0 {
		return into
	}
	if into == nil {
		into = map[string]any{}
	}
	for _, kv := range kvs {
		if _, dup := into[kv.Key]; dup || len(into) >= maxAttrs {
			continue
		}
		into[kv.Key] = kv.Value.value()
	}
	return into
}

func (t otlpTrace) spans() []telemetry.Span {
	var out []telemetry.Span
	for _, rs := range append(t.Batches, t.ResourceSpans...) {
		resource := attrMap(rs.Resource.Attributes, nil)
		service, _ := resource["service.name"].(string)
		for _, ss := range append(rs.ScopeSpans, rs.InstrumentationLibrarySpans...) {
			for _, s := range ss.Spans {
				sp := telemetry.Span{
					TraceID: normID(s.TraceID, 16), SpanID: normID(s.SpanID, 8), Service: service, Name: s.Name,
					Start: s.StartTimeUnixNano.time(), DurationMS: float64(s.EndTimeUnixNano-s.StartTimeUnixNano) / 1e6,
					Status: telemetry.StatusOK, StatusMessage: s.Status.Message,
				}
				if s.ParentSpanID != "" {
					sp.ParentID = normID(s.ParentSpanID, 8)
				}
				if sp.DurationMS < 0 {
					sp.DurationMS = 0
				}
				if isError(s.Status.Code) {
					sp.Status = telemetry.StatusError
				}
				attrs := attrMap(s.Attributes, nil)
				for k, v := range resource {
					if k == "service.name" {
						continue
					}
					if attrs == nil {
						attrs = map[string]any{}
					}
					if _, dup := attrs[k]; !dup && len(attrs) < maxAttrs {
						attrs[k] = v
					}
				}
				sp.Attrs = attrs
				out = append(out, sp)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// isError reads an OTLP status code: "STATUS_CODE_ERROR" or 2.
func isError(code json.RawMessage) bool {
	s := strings.Trim(string(code), `"`)
	return s == "STATUS_CODE_ERROR" || s == "2"
}

// normID returns an id as lower-case hex, zero-padded to size bytes.
// Tempo's JSON carries ids as hex in search results (leading zeros
// dropped, hence the padding) and as base64 (protobuf's JSON mapping) or
// hex in traces. Hex digits no longer than the id's hex form are read as
// hex; anything else as base64, whose padding and alphabet make the two
// hard to confuse.
func normID(s string, size int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if isHex(s) && len(s) <= 2*size {
		return pad(strings.ToLower(s), 2*size)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) > 0 {
			return pad(hex.EncodeToString(b), 2*size)
		}
	}
	return s
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return s != ""
}

func pad(h string, n int) string {
	if len(h) >= n {
		return h
	}
	return strings.Repeat("0", n-len(h)) + h
}
