package traces

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi"
)

// Jaeger queries a Jaeger query service's HTTP API (GET /api/traces, the
// API Jaeger's UI uses), for teams that trace into Jaeger rather than
// Tempo. It shares Config with the Tempo client; TenantID is sent as
// X-Scope-OrgID, so a multi-tenant Jaeger with another tenant header
// takes it in Headers instead.
type Jaeger struct{ conn }

// NewJaeger checks cfg and returns a Jaeger client; it makes no request.
func NewJaeger(cfg Config) (*Jaeger, error) {
	c, err := newConn(cfg)
	if err != nil {
		return nil, err
	}
	return &Jaeger{c}, nil
}

// JaegerQuery is what FindTraces asks for.
type JaegerQuery struct {
	Service    string
	Operation  string // "" = any
	Start, End time.Time
	// Tags must all match, e.g. {"error": "true"}.
	Tags        map[string]string
	MinDuration time.Duration // 0 = any
	Limit       int           // 0 = Config.SearchLimit
}

// JaegerResult is the traces one search found, whole: Jaeger answers a
// search with complete traces.
type JaegerResult struct {
	// Query is the request's query string, decoded for reading.
	Query    string           `json:"query"`
	TraceIDs []string         `json:"trace_ids"`
	Spans    []telemetry.Span `json:"spans"`
	// Truncated: Jaeger returned as many traces as the limit.
	Truncated bool `json:"truncated,omitempty"`
}

// FindTraces searches for traces of a service.
func (j *Jaeger) FindTraces(ctx context.Context, q JaegerQuery) (JaegerResult, error) {
	if q.Service == "" {
		return JaegerResult{}, errors.New("traces: jaeger search needs a service")
	}
	if err := httpapi.CheckRange(q.Start, q.End); err != nil {
		return JaegerResult{}, fmt.Errorf("traces: %w", err)
	}
	if q.Limit <= 0 {
		q.Limit = j.cfg.SearchLimit
	}
	var tags, minDuration string
	if len(q.Tags) > 0 {
		b, err := json.Marshal(q.Tags)
		if err != nil {
			return JaegerResult{}, fmt.Errorf("traces: jaeger tags: %w", err)
		}
		tags = string(b)
	}
	if q.MinDuration > 0 {
		minDuration = q.MinDuration.String()
	}
	v := httpapi.Query("service", q.Service, "start", strconv.FormatInt(q.Start.UnixMicro(), 10), "end", strconv.FormatInt(q.End.UnixMicro(), 10),
		"limit", strconv.Itoa(q.Limit))
	for name, value := range map[string]string{"operation": q.Operation, "tags": tags, "minDuration": minDuration} {
		if value != "" { // optional
			v.Set(name, value)
		}
	}
	readable, _ := url.QueryUnescape(v.Encode())
	res := JaegerResult{Query: readable}
	var body jaegerResponse
	if _, err := j.http.GetJSON(ctx, "/api/traces", v, &body); err != nil {
		return res, fmt.Errorf("traces: jaeger search %s: %w", readable, err)
	}
	for _, t := range body.Data {
		res.TraceIDs = append(res.TraceIDs, normID(t.TraceID, 16))
		res.Spans = append(res.Spans, t.spans()...)
	}
	res.Truncated = len(body.Data) >= q.Limit
	return res, nil
}

// Trace fetches one trace by id; ErrTraceNotFound when Jaeger does not
// hold it.
func (j *Jaeger) Trace(ctx context.Context, id string) ([]telemetry.Span, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if !isHex(id) || len(id) > 32 {
		return nil, fmt.Errorf("traces: trace id %q: want up to 32 hex digits", id)
	}
	var body jaegerResponse
	status, err := j.http.GetJSON(ctx, "/api/traces/"+id, nil, &body)
	switch {
	case status == http.StatusNotFound:
		return nil, fmt.Errorf("traces: jaeger trace %s: %w (%v)", id, ErrTraceNotFound, err)
	case err != nil:
		return nil, fmt.Errorf("traces: jaeger trace %s: %w", id, err)
	case len(body.Data) == 0:
		return nil, fmt.Errorf("traces: jaeger trace %s: %w", id, ErrTraceNotFound)
	}
	var out []telemetry.Span
	for _, t := range body.Data {
		out = append(out, t.spans()...)
	}
	return out, nil
}

// ServiceFailures finds the service's failing traces (tag error=true) and
// slow ones (duration of at least Config.Slow) in [start, end], at most
// MaxTraces traces and MaxSpans spans, error traces first.
func (j *Jaeger) ServiceFailures(ctx context.Context, service string, start, end time.Time) (Failures, error) {
	var out Failures
	seen := map[string]bool{}
	for _, q := range []JaegerQuery{
		{Service: service, Start: start, End: end, Tags: map[string]string{"error": "true"}},
		{Service: service, Start: start, End: end, MinDuration: j.cfg.Slow},
	} {
		res, err := j.FindTraces(ctx, q)
		if err != nil {
			return out, err
		}
		out.Queries = append(out.Queries, "GET /api/traces?"+res.Query)
		out.Truncated = out.Truncated || res.Truncated
		byTrace := map[string][]telemetry.Span{}
		for _, s := range res.Spans {
			byTrace[s.TraceID] = append(byTrace[s.TraceID], s)
		}
		for _, id := range res.TraceIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			if len(out.TraceIDs) >= j.cfg.MaxTraces {
				out.Truncated = true
				break
			}
			spans := byTrace[id]
			if room := j.cfg.MaxSpans - len(out.Spans); len(spans) > room {
				spans, out.Truncated = spans[:room], true
			}
			out.TraceIDs = append(out.TraceIDs, id)
			out.Spans = append(out.Spans, spans...)
		}
	}
	return out, nil
}

type jaegerResponse struct {
	Data []jaegerTrace `json:"data"`
}

type jaegerTrace struct {
	TraceID   string       `json:"traceID"`
	Spans     []jaegerSpan `json:"spans"`
	Processes map[string]struct {
		ServiceName string      `json:"serviceName"`
		Tags        []jaegerTag `json:"tags"`
	} `json:"processes"`
}

type jaegerSpan struct {
	TraceID       string `json:"traceID"`
	SpanID        string `json:"spanID"`
	OperationName string `json:"operationName"`
	References    []struct {
		RefType string `json:"refType"`
		TraceID string `json:"traceID"`
		SpanID  string `json:"spanID"`
	} `json:"references"`
	StartTime int64       `json:"startTime"` // µs since the epoch
	Duration  int64       `json:"duration"`  // µs
	Tags      []jaegerTag `json:"tags"`
	ProcessID string      `json:"processID"`
}

type jaegerTag struct {
	Key   string `json:"key"`
	Type  string `json:"type"`
	Value any    `json:"value"`
}

// value is the tag's value as telemetry attributes hold it: numbers from
// the decoder's json.Number become int64 or float64.
func (t jaegerTag) value() any {
	if n, ok := t.Value.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return f
		}
		return n.String()
	}
	return t.Value
}

// spans maps a Jaeger trace: the parent is the CHILD_OF reference (else
// the first reference); the span is in error when its error tag is true
// or otel.status_code is ERROR, with otel.status_description (else
// error.message) as the message.
func (t jaegerTrace) spans() []telemetry.Span {
	out := make([]telemetry.Span, 0, len(t.Spans))
	for _, s := range t.Spans {
		sp := telemetry.Span{
			TraceID: normID(s.TraceID, 16), SpanID: normID(s.SpanID, 8), Name: s.OperationName,
			Start: time.UnixMicro(s.StartTime).UTC(), DurationMS: float64(s.Duration) / 1e3, Status: telemetry.StatusOK,
		}
		if sp.TraceID == "" {
			sp.TraceID = normID(t.TraceID, 16)
		}
		for _, r := range s.References {
			if r.RefType == "CHILD_OF" || sp.ParentID == "" {
				sp.ParentID = normID(r.SpanID, 8)
			}
		}
		p := t.Processes[s.ProcessID]
		sp.Service = p.ServiceName
		attrs := map[string]any{}
		var errTag bool
		for _, tag := range s.Tags {
			v := tag.value()
			switch tag.Key {
			case "error":
				errTag = v == true || v == "true"
				continue
			case "otel.status_code":
				errTag = errTag || v == "ERROR"
				continue
			case "otel.status_description":
				sp.StatusMessage, _ = v.(string)
				continue
			}
			if len(attrs) < maxAttrs {
				attrs[tag.Key] = v
			}
		}
		for _, tag := range p.Tags {
			if _, dup := attrs[tag.Key]; !dup && len(attrs) < maxAttrs {
				attrs[tag.Key] = tag.value()
			}
		}
		if errTag {
			sp.Status = telemetry.StatusError
			if sp.StatusMessage == "" {
				sp.StatusMessage, _ = attrs["error.message"].(string)
			}
		}
		if len(attrs) > 0 {
			sp.Attrs = attrs
		}
		out = append(out, sp)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}
