// Package tempo serves telemetry spans over Tempo's HTTP API, with a
// TraceQL subset parsed and evaluated by this package (Tempo's code is not
// used).
//
// Served (GET): /api/search?q=<TraceQL>&start=&end=&limit=&spss= (Unix
// seconds; newest traces first; a trace is in the window when its span
// times overlap it), /api/traces/<id> (OTLP JSON, {"batches":[...]}),
// /api/v2/traces/<id> ({"trace":{"resourceSpans":[...]}}),
// /api/search/tags, /api/v2/search/tags, /api/search/tag/<tag>/values,
// /api/v2/search/tag/<scoped tag>/values, /api/echo and
// /api/status/buildinfo. A bad query or parameter is HTTP 400 with a
// plain-text body, an unknown trace 404, as Tempo answers. The legacy
// tag search (tags=, minDuration=) is refused: send TraceQL.
//
// Ids: scenario trace and span ids are hex; shorter ones are left-padded
// with zeros to 16 and 8 bytes. Search answers write ids as hex (trace ids
// without leading zeros, as Tempo does); the trace-by-id answers write
// traceId, spanId and parentSpanId in base64, as Tempo's protobuf JSON
// does (Grafana decodes them so), and 64-bit numbers as strings.
//
// Each span's resource is service.name = its service; span attributes
// keep their JSON types (whole numbers become intValue). Status OK is
// STATUS_CODE_OK and ERROR is STATUS_CODE_ERROR with the message; spans
// have no kind (SPAN_KIND_UNSPECIFIED, omitted).
package tempo

import (
	"cmp"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// Tempo's search defaults.
const (
	defaultLimit = 20
	defaultSpss  = 3 // spans per span set
)

// Server is Tempo's query API over a fixed set of spans. It is safe for
// concurrent use.
type Server struct {
	traces []*trace // newest first
	byID   map[string]*trace
	mux    *http.ServeMux
}

// trace is the spans of one trace id.
type trace struct {
	id    [16]byte
	spans []span // by start time
	info  traceInfo
	start time.Time
	end   time.Time
}

type span struct {
	telemetry.Span
	id, parent []byte // 8 bytes; parent nil for a root
}

// New groups data.Traces (metrics and logs are not Tempo's) by trace id.
// It fails on ids that are not hex or too long, and on spans without a
// start time.
func New(data telemetry.Data) (*Server, error) {
	s := &Server{byID: map[string]*trace{}, mux: http.NewServeMux()}
	for i, sp := range data.Traces {
		tid, err := decodeID(sp.TraceID, 16)
		if err != nil {
			return nil, fmt.Errorf("tempo sandbox: span %d trace id: %w", i, err)
		}
		sid, err := decodeID(sp.SpanID, 8)
		if err != nil {
			return nil, fmt.Errorf("tempo sandbox: span %d span id: %w", i, err)
		}
		var parent []byte
		if sp.ParentID != "" {
			if parent, err = decodeID(sp.ParentID, 8); err != nil {
				return nil, fmt.Errorf("tempo sandbox: span %d parent id: %w", i, err)
			}
		}
		if sp.Start.IsZero() {
			return nil, fmt.Errorf("tempo sandbox: span %d (%s) has no start", i, sp.Name)
		}
		key := hex.EncodeToString(tid)
		tr, ok := s.byID[key]
		if !ok {
			tr = &trace{id: [16]byte(tid)}
			s.byID[key] = tr
			s.traces = append(s.traces, tr)
		}
		tr.spans = append(tr.spans, span{Span: sp, id: sid, parent: parent})
	}
	for _, tr := range s.traces {
		slices.SortStableFunc(tr.spans, func(a, b span) int { return a.Start.Compare(b.Start) })
		tr.start, tr.end = tr.spans[0].Start, tr.spans[0].End()
		root := tr.spans[0]
		foundRoot := false
		for _, sp := range tr.spans {
			tr.end = maxTime(tr.end, sp.End())
			if sp.parent == nil && !foundRoot {
				root, foundRoot = sp, true
			}
		}
		tr.info = traceInfo{rootName: root.Name, rootService: root.Service, durationNanos: float64(tr.end.Sub(tr.start).Nanoseconds())}
	}
	slices.SortStableFunc(s.traces, func(a, b *trace) int { return b.start.Compare(a.start) })

	s.mux.HandleFunc("GET /api/search", s.search)
	s.mux.HandleFunc("GET /api/traces/{id}", s.traceV1)
	s.mux.HandleFunc("GET /api/v2/traces/{id}", s.traceV2)
	s.mux.HandleFunc("GET /api/search/tags", s.tagsV1)
	s.mux.HandleFunc("GET /api/v2/search/tags", s.tagsV2)
	s.mux.HandleFunc("GET /api/search/tag/{tag}/values", s.tagValuesV1)
	s.mux.HandleFunc("GET /api/v2/search/tag/{tag}/values", s.tagValuesV2)
	s.mux.HandleFunc("GET /api/echo", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "echo") })
	s.mux.HandleFunc("GET /api/status/buildinfo", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]string{"version": "warroom-sandbox", "revision": "", "branch": "", "buildUser": "", "buildDate": "", "goVersion": runtime.Version()})
	})
	return s, nil
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// decodeID reads a hex id of at most size bytes, left-padded with zeros.
func decodeID(h string, size int) ([]byte, error) {
	if h == "" {
		return nil, errors.New("empty id")
	}
	if len(h) > 2*size {
		return nil, fmt.Errorf("%q is longer than %d bytes", h, size)
	}
	b, err := hex.DecodeString(strings.Repeat("0", 2*size-len(h)) + h)
	if err != nil {
		return nil, fmt.Errorf("%q is not hex: %w", h, err)
	}
	return b, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("marshal response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

func badRequest(w http.ResponseWriter, msg string) {
	http.Error(w, msg, http.StatusBadRequest)
}

// --- trace by id ---

func (s *Server) lookup(w http.ResponseWriter, r *http.Request) *trace {
	id, err := decodeID(r.PathValue("id"), 16)
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid TraceID: %v", err))
		return nil
	}
	tr, ok := s.byID[hex.EncodeToString(id)]
	if !ok {
		http.Error(w, "trace not found", http.StatusNotFound)
		return nil
	}
	return tr
}

func (s *Server) traceV1(w http.ResponseWriter, r *http.Request) {
	if tr := s.lookup(w, r); tr != nil {
		writeJSON(w, map[string]any{"batches": resourceSpans(tr)})
	}
}

func (s *Server) traceV2(w http.ResponseWriter, r *http.Request) {
	if tr := s.lookup(w, r); tr != nil {
		writeJSON(w, map[string]any{"trace": map[string]any{"resourceSpans": resourceSpans(tr)}})
	}
}

// OTLP JSON shapes.
type (
	keyValue struct {
		Key   string   `json:"key"`
		Value anyValue `json:"value"`
	}
	anyValue struct {
		StringValue *string  `json:"stringValue,omitempty"`
		IntValue    *string  `json:"intValue,omitempty"` // int64 as a string, as protobuf JSON writes it
		DoubleValue *float64 `json:"doubleValue,omitempty"`
		BoolValue   *bool    `json:"boolValue,omitempty"`
	}
	otlpResourceSpans struct {
		Resource   otlpResource     `json:"resource"`
		ScopeSpans []otlpScopeSpans `json:"scopeSpans"`
	}
	otlpResource struct {
		Attributes []keyValue `json:"attributes"`
	}
	otlpScopeSpans struct {
		Spans []otlpSpan `json:"spans"`
	}
	otlpSpan struct {
		TraceID           string     `json:"traceId"`
		SpanID            string     `json:"spanId"`
		ParentSpanID      string     `json:"parentSpanId,omitempty"`
		Name              string     `json:"name"`
		StartTimeUnixNano string     `json:"startTimeUnixNano"`
		EndTimeUnixNano   string     `json:"endTimeUnixNano"`
		Attributes        []keyValue `json:"attributes,omitempty"`
		Status            otlpStatus `json:"status"`
	}
	otlpStatus struct {
		Code    string `json:"code,omitempty"`
		Message string `json:"message,omitempty"`
	}
)

func stringValue(s string) anyValue { return anyValue{StringValue: &s} }

// attrValue keeps an attribute's JSON type: a whole number is an int.
func attrValue(v any) anyValue {
	switch x := v.(type) {
	case string:
		return stringValue(x)
	case bool:
		return anyValue{BoolValue: &x}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			s := strconv.FormatInt(int64(x), 10)
			return anyValue{IntValue: &s}
		}
		return anyValue{DoubleValue: &x}
	}
	return stringValue(attrText(v))
}

// attrText is a structured attribute as compact JSON.
func attrText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func attributes(m map[string]any) []keyValue {
	var out []keyValue
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, keyValue{Key: k, Value: attrValue(m[k])})
	}
	return out
}

// resourceSpans is the trace as OTLP, one resource per service in the
// order the services first start a span.
func resourceSpans(tr *trace) []otlpResourceSpans {
	var out []otlpResourceSpans
	index := map[string]int{}
	b64 := base64.StdEncoding.EncodeToString
	for _, sp := range tr.spans {
		i, ok := index[sp.Service]
		if !ok {
			i = len(out)
			index[sp.Service] = i
			out = append(out, otlpResourceSpans{
				Resource:   otlpResource{Attributes: []keyValue{{Key: "service.name", Value: stringValue(sp.Service)}}},
				ScopeSpans: []otlpScopeSpans{{}},
			})
		}
		o := otlpSpan{
			TraceID:           b64(tr.id[:]),
			SpanID:            b64(sp.id),
			Name:              sp.Name,
			StartTimeUnixNano: strconv.FormatInt(sp.Start.UnixNano(), 10),
			EndTimeUnixNano:   strconv.FormatInt(sp.End().UnixNano(), 10),
			Attributes:        attributes(sp.Attrs),
		}
		if sp.parent != nil {
			o.ParentSpanID = b64(sp.parent)
		}
		switch sp.Status {
		case telemetry.StatusError:
			o.Status = otlpStatus{Code: "STATUS_CODE_ERROR", Message: sp.StatusMessage}
		case telemetry.StatusOK:
			o.Status = otlpStatus{Code: "STATUS_CODE_OK", Message: sp.StatusMessage}
		}
		out[i].ScopeSpans[0].Spans = append(out[i].ScopeSpans[0].Spans, o)
	}
	return out
}

// --- search ---

type searchSpan struct {
	SpanID            string     `json:"spanID"`
	Name              string     `json:"name"`
	StartTimeUnixNano string     `json:"startTimeUnixNano"`
	DurationNanos     string     `json:"durationNanos"`
	Attributes        []keyValue `json:"attributes,omitempty"`
}

type spanSet struct {
	Spans   []searchSpan `json:"spans"`
	Matched int          `json:"matched"`
}

type traceSummary struct {
	TraceID           string    `json:"traceID"`
	RootServiceName   string    `json:"rootServiceName"`
	RootTraceName     string    `json:"rootTraceName"`
	StartTimeUnixNano string    `json:"startTimeUnixNano"`
	DurationMs        int64     `json:"durationMs"`
	SpanSet           *spanSet  `json:"spanSet,omitempty"` // the first of SpanSets, kept by Tempo for older clients
	SpanSets          []spanSet `json:"spanSets"`
}

type searchMetrics struct {
	InspectedTraces int    `json:"inspectedTraces"`
	InspectedBytes  string `json:"inspectedBytes"`
	CompletedJobs   int    `json:"completedJobs"`
	TotalJobs       int    `json:"totalJobs"`
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		badRequest(w, err.Error())
		return
	}
	for _, legacy := range []string{"tags", "minDuration", "maxDuration"} {
		if r.Form.Get(legacy) != "" {
			badRequest(w, fmt.Sprintf("the %s parameter is not supported by the sandbox: search with TraceQL (q=)", legacy))
			return
		}
	}
	q, err := parseTraceQL(cmp.Or(r.Form.Get("q"), "{}"))
	if err != nil {
		badRequest(w, "invalid TraceQL query: "+err.Error())
		return
	}
	limit, err := positiveInt(r.Form.Get("limit"), defaultLimit)
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid limit: %v", err))
		return
	}
	spss, err := positiveInt(r.Form.Get("spss"), defaultSpss)
	if err != nil {
		badRequest(w, fmt.Sprintf("invalid spss: %v", err))
		return
	}
	start, end, err := searchWindow(r.Form.Get("start"), r.Form.Get("end"))
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	out := []traceSummary{}
	for _, tr := range s.traces {
		if len(out) == limit {
			break
		}
		if !start.IsZero() && (tr.end.Before(start) || tr.start.After(end)) {
			continue
		}
		matched, ok := q.evalTrace(tr)
		if !ok {
			continue
		}
		set := spanSet{Matched: len(matched)}
		for _, sp := range matched[:min(spss, len(matched))] {
			set.Spans = append(set.Spans, searchSpan{
				SpanID:            hex.EncodeToString(sp.id),
				Name:              sp.Name,
				StartTimeUnixNano: strconv.FormatInt(sp.Start.UnixNano(), 10),
				DurationNanos:     strconv.FormatInt(int64(sp.DurationMS*float64(time.Millisecond)), 10),
				Attributes:        q.referencedAttributes(sp.Span, tr.info),
			})
		}
		out = append(out, traceSummary{
			TraceID:           strings.TrimLeft(hex.EncodeToString(tr.id[:]), "0"),
			RootServiceName:   tr.info.rootService,
			RootTraceName:     tr.info.rootName,
			StartTimeUnixNano: strconv.FormatInt(tr.start.UnixNano(), 10),
			DurationMs:        tr.end.Sub(tr.start).Milliseconds(),
			SpanSet:           &set,
			SpanSets:          []spanSet{set},
		})
	}
	writeJSON(w, map[string]any{"traces": out, "metrics": searchMetrics{InspectedTraces: len(s.traces), InspectedBytes: "0", CompletedJobs: 1, TotalJobs: 1}})
}

// evalTrace returns the spans the query matches in the trace, in start
// order, and whether the trace matches at all.
func (q *query) evalTrace(tr *trace) ([]span, bool) {
	setMatches := make([][]span, len(q.sets))
	for i, c := range q.sets {
		for _, sp := range tr.spans {
			if c == nil || c.matches(sp.Span, tr.info) {
				setMatches[i] = append(setMatches[i], sp)
			}
		}
	}
	ok := len(setMatches[0]) > 0
	for i, op := range q.ops {
		next := len(setMatches[i+1]) > 0
		if op == "&&" {
			ok = ok && next
		} else {
			ok = ok || next
		}
	}
	if !ok {
		return nil, false
	}
	var out []span
	seen := map[string]bool{}
	for _, set := range setMatches {
		for _, sp := range set {
			if k := string(sp.id); !seen[k] {
				seen[k] = true
				out = append(out, sp)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b span) int { return a.Start.Compare(b.Start) })
	return out, true
}

// referencedAttributes are the attributes the query reads, as a search
// answer lists them for each span (status as "status", like Tempo).
func (q *query) referencedAttributes(sp telemetry.Span, tr traceInfo) []keyValue {
	var out []keyValue
	seen := map[string]bool{}
	for _, f := range q.refs {
		if f.scope == "trace" || (f.scope == "intrinsic" && f.name != "status" && f.name != "statusMessage") {
			continue // duration and name are fields of the span already
		}
		key := f.name
		if seen[key] {
			continue
		}
		seen[key] = true
		v, ok := fieldValue(*f, sp, tr)
		if !ok {
			continue
		}
		switch v.kind {
		case "string", "status":
			out = append(out, keyValue{Key: key, Value: stringValue(v.str)})
		case "number":
			out = append(out, keyValue{Key: key, Value: attrValue(v.num)})
		case "bool":
			out = append(out, keyValue{Key: key, Value: attrValue(v.b)})
		}
	}
	return out
}

func positiveInt(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive integer", v)
	}
	return n, nil
}

// searchWindow reads start and end as Tempo does: Unix seconds, both or
// neither, end after start. Zero times mean no window.
func searchWindow(startS, endS string) (time.Time, time.Time, error) {
	if startS == "" && endS == "" {
		return time.Time{}, time.Time{}, nil
	}
	start, err := strconv.ParseInt(startS, 10, 64)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("invalid start: %q is not Unix seconds", startS)
	}
	end, err := strconv.ParseInt(endS, 10, 64)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("invalid end: %q is not Unix seconds", endS)
	}
	if end <= start {
		return time.Time{}, time.Time{}, errors.New("http parameter start must be before end")
	}
	return time.Unix(start, 0), time.Unix(end, 0), nil
}

// --- tags ---

// spanTags and resourceTags are the attribute names the data holds.
func (s *Server) spanTags() []string {
	names := map[string]bool{}
	for _, tr := range s.traces {
		for _, sp := range tr.spans {
			for k := range sp.Attrs {
				names[k] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(names))
}

var intrinsicTags = []string{"duration", "kind", "name", "rootName", "rootServiceName", "status", "statusMessage", "traceDuration"}

func (s *Server) tagsV1(w http.ResponseWriter, _ *http.Request) {
	names := append(s.spanTags(), "service.name")
	slices.Sort(names)
	writeJSON(w, map[string]any{"tagNames": slices.Compact(names)})
}

type tagScope struct {
	Name string   `json:"name"`
	Tags []string `json:"tags"`
}

func (s *Server) tagsV2(w http.ResponseWriter, r *http.Request) {
	all := []tagScope{
		{Name: "span", Tags: s.spanTags()},
		{Name: "resource", Tags: []string{"service.name"}},
		{Name: "intrinsic", Tags: intrinsicTags},
	}
	scope := r.FormValue("scope")
	out := []tagScope{}
	for _, sc := range all {
		if scope == "" || scope == "all" || scope == sc.Name {
			out = append(out, sc)
		}
	}
	writeJSON(w, map[string]any{"scopes": out})
}

// typedValue is a tag value as the v2 API lists it.
type typedValue struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// tagValues collects the distinct values of a field across all spans.
func (s *Server) tagValues(f fieldRef) []typedValue {
	seen := map[typedValue]bool{}
	for _, tr := range s.traces {
		for _, sp := range tr.spans {
			v, ok := fieldValue(f, sp.Span, tr.info)
			if !ok {
				continue
			}
			var tv typedValue
			switch v.kind {
			case "string":
				tv = typedValue{"string", v.str}
			case "status":
				tv = typedValue{"keyword", v.str}
			case "kind":
				tv = typedValue{"keyword", v.str}
			case "bool":
				tv = typedValue{"bool", strconv.FormatBool(v.b)}
			case "number":
				if v.num == math.Trunc(v.num) {
					tv = typedValue{"int", strconv.FormatFloat(v.num, 'f', -1, 64)}
				} else {
					tv = typedValue{"float", strconv.FormatFloat(v.num, 'f', -1, 64)}
				}
			case "duration":
				tv = typedValue{"duration", time.Duration(v.num).String()}
			}
			seen[tv] = true
		}
	}
	out := slices.Collect(maps.Keys(seen))
	slices.SortFunc(out, func(a, b typedValue) int { return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Value, b.Value)) })
	return out
}

// tagValuesV1 takes an unscoped attribute name (span first, then resource).
func (s *Server) tagValuesV1(w http.ResponseWriter, r *http.Request) {
	vals := []string{}
	for _, tv := range s.tagValues(fieldRef{name: r.PathValue("tag")}) {
		vals = append(vals, tv.Value)
	}
	slices.Sort(vals)
	writeJSON(w, map[string]any{"tagValues": slices.Compact(vals)})
}

// tagValuesV2 takes a TraceQL field: span.x, resource.x, .x or an intrinsic.
func (s *Server) tagValuesV2(w http.ResponseWriter, r *http.Request) {
	p := &tqParser{src: r.PathValue("tag")}
	f, err := p.field()
	if err != nil || p.pos != len(p.src) {
		badRequest(w, fmt.Sprintf("invalid tag %q: expected span., resource., . or an intrinsic", p.src))
		return
	}
	writeJSON(w, map[string]any{"tagValues": s.tagValues(f)})
}
