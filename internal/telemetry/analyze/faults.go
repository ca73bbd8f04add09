package analyze

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// Kinds of fault, as a trace shows them.
const (
	// KindError: an error span with no failing child and no sign of a
	// deadline: it failed on its own.
	KindError = "error"
	// KindTimeout: a span that ran to its deadline (a numeric attribute
	// whose key holds "deadline" or "timeout") or says it timed out, with
	// no child below it that accounts for the time.
	KindTimeout = "timeout"
	// KindCanceled: an error span that says it was cancelled, with no
	// child below it that accounts for the time: its caller gave up on it
	// while it was still working, so where it spent its time matters.
	KindCanceled = "canceled"
	// KindSlow: a span that did not fail but took most of the time of a
	// caller that timed out waiting on it.
	KindSlow = "slow"
)

const (
	maxFaultGroups = 20
	maxPath        = 8
	dominantShare  = 0.5 // a child "accounts for" its parent's time from this share on
)

// Fault is where one failing trace's failure starts: the span found by
// following failing children, and under a timeout the child that took the
// time, down to the span nothing below explains.
type Fault struct {
	TraceID       string    `json:"trace_id"`
	Service       string    `json:"service"`
	Span          string    `json:"span"`
	Kind          string    `json:"kind"`
	StatusMessage string    `json:"status_message,omitempty"`
	Start         time.Time `json:"start"`
	ElapsedMS     float64   `json:"elapsed_ms"`
	// DeadlineMS is the span's own deadline when its elapsed time matches
	// it; CallerDeadlineMS the caller's, for a span its caller gave up on.
	DeadlineMS       float64 `json:"deadline_ms,omitempty"`
	CallerDeadlineMS float64 `json:"caller_deadline_ms,omitempty"`
	// TypicalMS is the median duration of spans with the same service and
	// name in traces that did not fail, when there are any.
	TypicalMS float64 `json:"typical_ms,omitempty"`
	// Path runs from the trace's root to the fault, as "service: span".
	Path      []string `json:"path"`
	Signature string   `json:"signature"`
	// Traces counts the failing traces whose fault has this service, span,
	// kind and status message; the other fields are from the earliest.
	Traces int `json:"traces"`
}

// ServiceFailures is what the failing traces show of one service.
type ServiceFailures struct {
	Service      string    `json:"service"`
	ErrorSpans   int       `json:"error_spans"`
	FirstErrorAt time.Time `json:"first_error_at,omitzero"`
	FirstError   string    `json:"first_error,omitempty"`
	// Origin counts the failing traces whose fault is in this service.
	Origin int `json:"origin"`
}

// TraceReport is what TraceFaults finds.
type TraceReport struct {
	Traces  int `json:"traces"`
	Failing int `json:"failing"`
	// FirstService is the service at the causal origin of the most failing
	// traces (the earliest fault breaks a tie), "" without failing traces.
	FirstService string            `json:"first_service,omitempty"`
	Services     []ServiceFailures `json:"services,omitempty"`
	// Faults groups the traces' faults, most traces first.
	Faults []Fault `json:"faults,omitempty"`
}

type trace struct {
	spans    []*telemetry.Span
	byID     map[string]*telemetry.Span
	children map[string][]*telemetry.Span
}

// TraceFaults reads spans as an SRE reads failing traces. A trace fails
// when a span is in error or ran to its deadline. From every such span
// whose parent is fine it follows the failure down: into the failing child
// that failed first, and when the span timed out or was cancelled with no
// failing child, into the child that took at least half its time. Where
// nothing below explains the failure is the trace's fault, and the service
// there failed first in causal order, however loudly its callers fail.
func TraceFaults(spans []telemetry.Span) TraceReport {
	traces := map[string]*trace{}
	var order []string
	typical := map[string][]float64{}
	for i := range spans {
		s := &spans[i]
		t := traces[s.TraceID]
		if t == nil {
			t = &trace{byID: map[string]*telemetry.Span{}, children: map[string][]*telemetry.Span{}}
			traces[s.TraceID] = t
			order = append(order, s.TraceID)
		}
		t.spans = append(t.spans, s)
		t.byID[s.SpanID] = s
	}
	for _, t := range traces {
		if slices.ContainsFunc(t.spans, func(s *telemetry.Span) bool { return problem(*s) }) {
			continue
		}
		for _, s := range t.spans {
			k := s.Service + "\x00" + s.Name
			typical[k] = append(typical[k], s.DurationMS)
		}
	}
	for _, t := range traces {
		for _, s := range t.spans {
			if s.ParentID != "" && s.ParentID != s.SpanID {
				t.children[s.ParentID] = append(t.children[s.ParentID], s)
			}
		}
		for _, kids := range t.children {
			sort.SliceStable(kids, func(i, j int) bool { return kids[i].Start.Before(kids[j].Start) })
		}
	}

	rep := TraceReport{Traces: len(traces)}
	svc := map[string]*ServiceFailures{}
	get := func(name string) *ServiceFailures {
		if svc[name] == nil {
			svc[name] = &ServiceFailures{Service: name}
		}
		return svc[name]
	}
	groups := map[string]*Fault{}
	for _, id := range order {
		t := traces[id]
		var faults []Fault
		for _, s := range t.spans {
			if !problem(*s) {
				continue
			}
			if p := t.byID[s.ParentID]; p != nil && problem(*p) {
				continue
			}
			faults = append(faults, t.fault(s, typical))
		}
		if len(faults) == 0 {
			continue
		}
		rep.Failing++
		for _, s := range t.spans {
			if s.Status != telemetry.StatusError {
				continue
			}
			sf := get(s.Service)
			sf.ErrorSpans++
			if sf.FirstErrorAt.IsZero() || s.Start.Before(sf.FirstErrorAt) {
				sf.FirstErrorAt = s.Start
				sf.FirstError = s.Name
				if s.StatusMessage != "" {
					sf.FirstError += ": " + clip(s.StatusMessage, 80)
				}
			}
		}
		voted := map[string]bool{}
		seen := map[string]bool{}
		for _, f := range faults {
			if !voted[f.Service] {
				voted[f.Service] = true
				get(f.Service).Origin++
			}
			k := f.Service + "\x00" + f.Span + "\x00" + f.Kind + "\x00" + f.StatusMessage
			if seen[k] {
				continue
			}
			seen[k] = true
			g := groups[k]
			switch {
			case g == nil:
				f.Traces = 1
				groups[k] = &f
			default:
				n := g.Traces + 1
				if f.Start.Before(g.Start) {
					*g = f
				}
				g.Traces = n
			}
		}
	}

	for _, sf := range svc {
		rep.Services = append(rep.Services, *sf)
	}
	sort.Slice(rep.Services, func(i, j int) bool {
		a, b := rep.Services[i], rep.Services[j]
		if a.Origin != b.Origin {
			return a.Origin > b.Origin
		}
		if ea, eb := earlier(a.FirstErrorAt, b.FirstErrorAt), earlier(b.FirstErrorAt, a.FirstErrorAt); ea != eb {
			return ea
		}
		return a.Service < b.Service
	})
	for _, g := range groups {
		rep.Faults = append(rep.Faults, *g)
	}
	sort.Slice(rep.Faults, func(i, j int) bool {
		a, b := rep.Faults[i], rep.Faults[j]
		if a.Traces != b.Traces {
			return a.Traces > b.Traces
		}
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.Signature < b.Signature
	})
	if len(rep.Faults) > maxFaultGroups {
		rep.Faults = rep.Faults[:maxFaultGroups]
	}
	rep.FirstService = firstService(rep.Services, rep.Faults)
	return rep
}

// firstService is the service at the origin of most failing traces; a tie
// goes to the service whose fault started first.
func firstService(svcs []ServiceFailures, faults []Fault) string {
	best, bestN := "", 0
	var bestAt time.Time
	for _, s := range svcs {
		if s.Origin == 0 {
			continue
		}
		var at time.Time
		for _, f := range faults {
			if f.Service == s.Service && (at.IsZero() || f.Start.Before(at)) {
				at = f.Start
			}
		}
		if s.Origin > bestN || s.Origin == bestN && earlier(at, bestAt) {
			best, bestN, bestAt = s.Service, s.Origin, at
		}
	}
	return best
}

// earlier: x is set and before y, or y is not set.
func earlier(x, y time.Time) bool {
	return !x.IsZero() && (y.IsZero() || x.Before(y))
}

// problem: the span failed or ran to its deadline.
func problem(s telemetry.Span) bool {
	return s.Status == telemetry.StatusError || deadlineOf(s) > 0
}

func (t *trace) fault(top *telemetry.Span, typical map[string][]float64) Fault {
	cur := top
	var caller *telemetry.Span
	waited := false          // reached cur by following time, not errors
	for range len(t.spans) { // bounded: a cycle of bad parent ids cannot loop forever
		var failed *telemetry.Span
		for _, k := range t.children[cur.SpanID] {
			if k.Status == telemetry.StatusError && (failed == nil || k.End().Before(failed.End())) {
				failed = k
			}
		}
		if failed != nil {
			caller, cur, waited = cur, failed, false
			continue
		}
		if waited || timedOut(*cur) || canceled(*cur) {
			if k := dominant(cur, t.children[cur.SpanID]); k != nil {
				caller, cur, waited = cur, k, true
				continue
			}
		}
		break
	}

	f := Fault{
		TraceID: cur.TraceID, Service: cur.Service, Span: cur.Name, StatusMessage: clip(cur.StatusMessage, 120),
		Start: cur.Start, ElapsedMS: round3(cur.DurationMS), DeadlineMS: round3(deadlineOf(*cur)),
		Path: t.path(cur),
	}
	switch {
	case cur.Status != telemetry.StatusError:
		f.Kind = KindSlow
	case timedOut(*cur):
		f.Kind = KindTimeout
	case canceled(*cur):
		f.Kind = KindCanceled
	default:
		f.Kind = KindError
	}
	if caller != nil {
		f.CallerDeadlineMS = round3(deadlineOf(*caller))
	}
	if d := typical[cur.Service+"\x00"+cur.Name]; len(d) > 0 {
		f.TypicalMS = round3(median(d))
	}
	f.Signature = signature(f, caller)
	return f
}

// dominant is the child that took the most time, if it took at least half
// of the parent's.
func dominant(parent *telemetry.Span, kids []*telemetry.Span) *telemetry.Span {
	var best *telemetry.Span
	for _, k := range kids {
		if best == nil || k.DurationMS > best.DurationMS {
			best = k
		}
	}
	if best == nil || best.DurationMS < dominantShare*parent.DurationMS {
		return nil
	}
	return best
}

func (t *trace) path(s *telemetry.Span) []string {
	var rev []string
	seen := map[string]bool{}
	for cur := s; cur != nil && !seen[cur.SpanID]; cur = t.byID[cur.ParentID] {
		seen[cur.SpanID] = true
		rev = append(rev, cur.Service+": "+cur.Name)
		if cur.ParentID == "" {
			break
		}
	}
	path := make([]string, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		path = append(path, rev[i])
	}
	if len(path) > maxPath {
		keep := maxPath / 2
		path = append(append(path[:keep:keep], "…"), path[len(path)-(maxPath-keep-1):]...)
	}
	return path
}

func signature(f Fault, caller *telemetry.Span) string {
	msg := f.StatusMessage
	if msg == "" {
		msg = telemetry.StatusError
	}
	var b strings.Builder
	switch f.Kind {
	case KindSlow:
		fmt.Fprintf(&b, "slow %s: %s ms", f.Span, num(f.ElapsedMS))
		if caller != nil {
			fmt.Fprintf(&b, " of the caller's %s ms", num(caller.DurationMS))
		}
	default:
		fmt.Fprintf(&b, "%s on %s", msg, f.Span)
		if f.DeadlineMS > 0 {
			fmt.Fprintf(&b, ", elapsed ≈ deadline %s ms", num(f.DeadlineMS))
		} else {
			fmt.Fprintf(&b, ", after %s ms", num(f.ElapsedMS))
		}
	}
	if f.CallerDeadlineMS > 0 && f.DeadlineMS == 0 {
		fmt.Fprintf(&b, " (caller's deadline %s ms)", num(f.CallerDeadlineMS))
	}
	if f.TypicalMS > 0 && f.ElapsedMS >= 2*f.TypicalMS {
		fmt.Fprintf(&b, ", typically %s ms", num(f.TypicalMS))
	}
	return b.String()
}

// num prints a number of milliseconds without noise: whole from 100 on,
// else three significant digits.
func num(x float64) string {
	if math.Abs(x) >= 100 {
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// timedOut: the span ran to its deadline, or its status says it timed out.
func timedOut(s telemetry.Span) bool {
	if s.Status == telemetry.StatusError && deadlineOf(s) > 0 {
		return true
	}
	m := strings.ToLower(s.StatusMessage)
	return s.Status == telemetry.StatusError && (strings.Contains(m, "deadline") || strings.Contains(m, "timeout") || strings.Contains(m, "timed out"))
}

func canceled(s telemetry.Span) bool {
	m := strings.ToLower(s.StatusMessage)
	return s.Status == telemetry.StatusError && (strings.Contains(m, "cancel"))
}

// deadlineOf returns the span's deadline in milliseconds when one of its
// attributes states it and the span's elapsed time matches it (from 95%
// to 125% of it, plus 5 ms of slack), else 0. An attribute states a
// deadline when its key holds "deadline" or "timeout" and its value is a
// number or a duration; a unit suffix on the key (_ms, _s, _us, _ns) is
// read, and a bare number may be milliseconds or seconds, whichever the
// elapsed time matches.
func deadlineOf(s telemetry.Span) float64 {
	keys := make([]string, 0, len(s.Attrs))
	for k := range s.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lk := strings.ToLower(k)
		if !strings.Contains(lk, "deadline") && !strings.Contains(lk, "timeout") {
			continue
		}
		for _, ms := range candidatesMS(lk, s.Attrs[k]) {
			if ms > 0 && s.DurationMS >= 0.95*ms && s.DurationMS <= 1.25*ms+5 {
				return ms
			}
		}
	}
	return 0
}

// attrNumber reads a numeric span or log attribute: a number of any Go
// numeric type, a json.Number or a numeric string.
func attrNumber(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case float32:
		return float64(t), true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case int32:
		return float64(t), true
	case uint64:
		return float64(t), true
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return f, err == nil
	}
	return 0, false
}

func candidatesMS(key string, v any) []float64 {
	if t, ok := v.(string); ok {
		if d, err := time.ParseDuration(strings.TrimSpace(t)); err == nil {
			return []float64{float64(d) / float64(time.Millisecond)}
		}
	}
	x, ok := attrNumber(v)
	if !ok {
		return nil
	}
	switch {
	case strings.HasSuffix(key, "ms") || strings.HasSuffix(key, "millis") || strings.HasSuffix(key, "milliseconds"):
		return []float64{x}
	case strings.HasSuffix(key, "_us") || strings.HasSuffix(key, "micros") || strings.HasSuffix(key, "microseconds"):
		return []float64{x / 1e3}
	case strings.HasSuffix(key, "_ns") || strings.HasSuffix(key, "nanos") || strings.HasSuffix(key, "nanoseconds"):
		return []float64{x / 1e6}
	case strings.HasSuffix(key, "_s") || strings.HasSuffix(key, "_sec") || strings.HasSuffix(key, "secs") || strings.HasSuffix(key, "seconds"):
		return []float64{x * 1e3}
	}
	return []float64{x, x * 1e3}
}
