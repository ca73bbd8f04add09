// Package analyze turns telemetry into findings an SRE would state: when
// the trouble began and from which evidence, which service failed first in
// causal order, with what fault signature, how far it spread, and where
// each deploy and flag change sits relative to that. It is pure: no I/O,
// no clock, no knowledge of any metric, log line or service by name. Every
// finding carries the evidence behind it, and Investigate's result is
// bounded in size so it can go into a prompt or a timeline whole.
package analyze

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// MaxBytes bounds Findings marshalled as JSON.
const MaxBytes = 4096

// Deploy is one deploy of one service.
type Deploy struct {
	Service     string    `json:"service"`
	SHA         string    `json:"sha"`
	At          time.Time `json:"at"`
	Environment string    `json:"environment,omitempty"`
}

// Input is what Investigate reads.
type Input struct {
	Data    telemetry.Data
	Flags   []telemetry.FlagChange
	Deploys []Deploy
	// AlertAt is when the incident was raised. Only metric changes still
	// ongoing then, and signs before it, can mark the onset. Zero means
	// the end of the data.
	AlertAt time.Time
	// Window bounds the metric samples read (zero = all of them).
	Window Window
}

// Sources of an onset.
const (
	SourceMetrics = "metrics"
	SourceLogs    = "logs"
	SourceTraces  = "traces"
	SourceAlert   = "alert" // no sign in the telemetry: the alert's time stands in
)

// Sign is one source's earliest sign of trouble.
type Sign struct {
	Source   string    `json:"source"`
	At       time.Time `json:"at"`
	Service  string    `json:"service,omitempty"`
	Evidence string    `json:"evidence"`
}

// Onset is the earliest sign, and the other sources' earliest signs.
type Onset struct {
	Sign
	Others []Sign `json:"others,omitempty"`
}

// FirstFailing is the service that failed first and what says so.
type FirstFailing struct {
	Service  string `json:"service"`
	Source   string `json:"source"`
	Evidence string `json:"evidence"`
}

// Impact is how one service degraded from the onset on.
type Impact struct {
	Service string `json:"service"`
	// ChangedSeries counts series with a change still ongoing at the alert.
	ChangedSeries int `json:"changed_series,omitempty"`
	// ErrorLines counts WARN and worse lines from the onset on, in
	// patterns that are new or grew at least twofold.
	ErrorLines int `json:"error_lines,omitempty"`
	// ErrorSpans counts error spans in failing traces.
	ErrorSpans int       `json:"error_spans,omitempty"`
	FirstSign  time.Time `json:"first_sign"`
}

// Event kinds.
const (
	KindDeploy = "deploy"
	KindFlag   = "flag"
)

// Relations of an event's service to the failure.
const (
	RelFirstFailing = "first_failing" // the service that failed first
	RelCallPath     = "call_path"     // on the call path from the root to the fault
	RelAffected     = "affected"      // degraded, but neither of the above
	RelUnrelated    = "unrelated"     // no sign of trouble in its telemetry
	RelUnscoped     = "unscoped"      // the change names no service
)

// Event is a deploy or flag change placed against the onset. It is
// evidence, not a verdict: a change after the onset cannot have started
// the trouble, and one on an unrelated service is likely a bystander.
type Event struct {
	Kind        string    `json:"kind"`
	Service     string    `json:"service,omitempty"`
	Ref         string    `json:"ref"` // the deploy's sha or the flag's name
	Change      string    `json:"change,omitempty"`
	Environment string    `json:"environment,omitempty"`
	Actor       string    `json:"actor,omitempty"`
	At          time.Time `json:"at"`
	// MinutesFromOnset is negative before the onset.
	MinutesFromOnset float64 `json:"minutes_from_onset"`
	AfterOnset       bool    `json:"after_onset"`
	Relation         string  `json:"relation"`
}

// Omitted counts what was left out to keep Findings within MaxBytes.
type Omitted struct {
	Changes  int `json:"changes,omitempty"`
	Patterns int `json:"patterns,omitempty"`
	Faults   int `json:"faults,omitempty"`
	Events   int `json:"events,omitempty"`
	Services int `json:"services,omitempty"`
	Scale    int `json:"scale_mismatches,omitempty"`
	Clipped  int `json:"clipped,omitempty"` // strings shortened
}

func (o Omitted) any() bool { return o != Omitted{} }

// Findings is what the telemetry says about an incident.
type Findings struct {
	AlertAt      time.Time     `json:"alert_at,omitzero"`
	Onset        *Onset        `json:"onset,omitempty"`
	FirstFailing *FirstFailing `json:"first_failing,omitempty"`
	Signature    string        `json:"signature,omitempty"`
	CallPath     []string      `json:"call_path,omitempty"`
	BlastRadius  []Impact      `json:"blast_radius,omitempty"`
	Events       []Event       `json:"events,omitempty"`
	Changes      []Change      `json:"changes,omitempty"`
	Patterns     []Pattern     `json:"patterns,omitempty"`
	Faults       []Fault       `json:"faults,omitempty"`
	// Scale lists warnings whose values lie far past the bound they
	// were held against (ScaleMismatches).
	Scale   []ScaleMismatch `json:"scale_mismatches,omitempty"`
	Omitted Omitted         `json:"omitted,omitzero"`
}

// First caps on each list; fit trims further to stay within MaxBytes.
const (
	keepChanges  = 5
	keepPatterns = 5
	keepFaults   = 3
	keepEvents   = 10
	keepScale    = 3
	keepServices = 8
	keepText     = 120
)

// Investigate combines Changes, LogPatterns and TraceFaults into findings.
//
// Onset is the earliest of three signs, each named with its source: the
// earliest metric change still ongoing at the alert; the first line of a
// WARN-or-worse log pattern that was not already there when the data
// begins and that repeats or comes from a service the metrics or traces
// also implicate; the first error span of a failing trace. Without any,
// the alert's time stands in. The first failing service comes from traces
// when they show a fault (causal order beats loudness), else from that log
// pattern, else from the earliest metric change.
func Investigate(in Input) Findings {
	f := Findings{AlertAt: in.AlertAt}
	start, end := extent(in.Data, in.Window)
	ref := in.AlertAt
	if ref.IsZero() {
		ref = end
	}

	changes := Changes(in.Data.Metrics, in.Window)
	var ongoing []Change
	for _, c := range changes {
		if c.OngoingAt(ref) {
			ongoing = append(ongoing, c)
		}
	}
	traces := TraceFaults(in.Data.Traces)

	implicated := map[string]bool{}
	for _, c := range ongoing {
		implicated[c.Service] = true
	}
	for _, s := range traces.Services {
		implicated[s.Service] = true
	}

	var signs []Sign
	if c, ok := earliestChange(ongoing); ok {
		signs = append(signs, Sign{Source: SourceMetrics, At: c.At, Service: c.Service, Evidence: describeChange(c)})
	}
	if s, ok := firstLogSign(in.Data.Logs, start, end, ref, implicated); ok {
		signs = append(signs, s)
	}
	if s, ok := firstSpanSign(traces); ok {
		signs = append(signs, s)
	}
	sort.SliceStable(signs, func(i, j int) bool { return signs[i].At.Before(signs[j].At) })
	switch {
	case len(signs) > 0:
		f.Onset = &Onset{Sign: signs[0], Others: signs[1:]}
	case !ref.IsZero():
		f.Onset = &Onset{Sign: Sign{Source: SourceAlert, At: ref,
			Evidence: "no sustained metric change, new error log pattern or failing span; the alert's time stands in"}}
	}
	var onset time.Time
	if f.Onset != nil {
		onset = f.Onset.At
	}

	patterns := LogPatterns(in.Data.Logs, onset)
	if len(traces.Faults) > 0 {
		top := topFault(traces)
		f.Signature, f.CallPath = top.Signature, top.Path
	}
	f.BlastRadius = blastRadius(ongoing, patterns, traces, onset)
	f.FirstFailing = firstFailing(traces, signs, f.CallPath, f.BlastRadius)
	f.Events = events(in, onset, f.FirstFailing, f.CallPath, f.BlastRadius)

	f.Changes = changes
	f.Patterns = patterns
	f.Faults = traces.Faults
	f.Scale = ScaleMismatches(in.Data.Logs, onset)
	f.trim()
	f.fit(MaxBytes)
	return f
}

// extent is the time span of the evidence: the window where given, else
// the earliest and latest timestamps in the data.
func extent(d telemetry.Data, w Window) (time.Time, time.Time) {
	var lo, hi time.Time
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if lo.IsZero() || t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
	}
	for _, s := range d.Metrics {
		see(s.TS)
	}
	for _, r := range d.Logs {
		see(r.TS)
	}
	for _, s := range d.Traces {
		see(s.Start)
		see(s.End())
	}
	if !w.Start.IsZero() {
		lo = w.Start
	}
	if !w.End.IsZero() {
		hi = w.End
	}
	return lo, hi
}

func earliestChange(cs []Change) (Change, bool) {
	var best Change
	found := false
	for _, c := range cs {
		if !found || c.At.Before(best.At) || c.At.Equal(best.At) && c.Score > best.Score {
			best, found = c, true
		}
	}
	return best, found
}

// firstLogSign is the first line of the earliest WARN-or-worse pattern
// that was absent at the start of the evidence (first seen after its
// first tenth, and at least a minute in) and that either repeats or comes
// from an implicated service: one stray warning is not an onset.
func firstLogSign(logs []telemetry.LogRecord, start, end, ref time.Time, implicated map[string]bool) (Sign, bool) {
	if len(logs) == 0 {
		return Sign{}, false
	}
	settle := max(end.Sub(start)/10, time.Minute)
	var best Pattern
	found := false
	for _, p := range LogPatterns(logs, time.Time{}) {
		if levelRank(p.MaxLevel()) < levelRank(telemetry.LevelWarn) || !p.FirstSeen.After(start.Add(settle)) || p.FirstSeen.After(ref) {
			continue
		}
		if p.After < 2 && !implicated[p.FirstService] {
			continue
		}
		if sparseSinceStart(p, start) {
			continue
		}
		if !found || p.FirstSeen.Before(best.FirstSeen) {
			best, found = p, true
		}
	}
	if !found {
		return Sign{}, false
	}
	return Sign{Source: SourceLogs, At: best.FirstSeen, Service: best.FirstService,
		Evidence: fmt.Sprintf("first %s line of a new pattern (%d lines): %s", best.MaxLevel(), best.After, clip(best.Template, keepText))}, true
}

// sparseSinceStart reports a pattern whose first line came no later after
// the start of the evidence than its lines are usually apart: a line
// logged every twenty minutes that first shows nineteen minutes in was
// most likely there before the window opened, so it is not new.
func sparseSinceStart(p Pattern, start time.Time) bool {
	n := p.Before + p.After
	if n < 2 {
		return false
	}
	spacing := p.LastSeen.Sub(p.FirstSeen) / time.Duration(n-1)
	return p.FirstSeen.Sub(start) <= 2*spacing
}

func firstSpanSign(r TraceReport) (Sign, bool) {
	var best ServiceFailures
	for _, s := range r.Services {
		if earlier(s.FirstErrorAt, best.FirstErrorAt) {
			best = s
		}
	}
	if best.FirstErrorAt.IsZero() {
		// Failing traces with no error span: their faults are slow spans.
		var first Fault
		for _, f := range r.Faults {
			if earlier(f.Start, first.Start) {
				first = f
			}
		}
		if first.Start.IsZero() {
			return Sign{}, false
		}
		return Sign{Source: SourceTraces, At: first.Start, Service: first.Service, Evidence: "first span at a deadline: " + first.Signature}, true
	}
	return Sign{Source: SourceTraces, At: best.FirstErrorAt, Service: best.Service, Evidence: "first error span: " + best.FirstError}, true
}

// firstFailing names the service that failed first. Traces order a
// request's failure causally, so their fault's service wins, unless
// another service off the fault's call path degraded clearly earlier (by
// more than orderSlack): a trace only shows the requests that traversed
// it, and what broke them may sit off their path (a queue, a shared
// dependency, a batch job). Without a trace fault, the earliest log or
// metric sign names it.
func firstFailing(r TraceReport, signs []Sign, path []string, radius []Impact) *FirstFailing {
	var first *Sign
	for i := range signs {
		if signs[i].Service != "" && (first == nil || signs[i].At.Before(first.At)) {
			first = &signs[i]
		}
	}
	if r.FirstService != "" {
		origin := 0
		for _, s := range r.Services {
			if s.Service == r.FirstService {
				origin = s.Origin
			}
		}
		ff := &FirstFailing{Service: r.FirstService, Source: SourceTraces,
			Evidence: fmt.Sprintf("fault at the causal origin of %d of %d failing traces", origin, r.Failing)}
		var seen time.Time
		for _, i := range radius {
			if i.Service == r.FirstService {
				seen = i.FirstSign
			}
		}
		if first == nil || first.Service == r.FirstService || pathServices(path)[first.Service] || seen.IsZero() || seen.Sub(first.At) <= orderSlack {
			return ff
		}
		return &FirstFailing{Service: first.Service, Source: first.Source,
			Evidence: fmt.Sprintf("degraded %s before %s, where the failing traces' fault is, off their call path; %s",
				span(seen.Sub(first.At)), r.FirstService, first.Evidence)}
	}
	for _, src := range []string{SourceLogs, SourceMetrics} {
		for _, s := range signs {
			if s.Source == src && s.Service != "" {
				return &FirstFailing{Service: s.Service, Source: src, Evidence: s.Evidence}
			}
		}
	}
	return nil
}

// orderSlack is how much earlier one service must degrade than another to
// count as first by time: about one scrape interval, below which the
// order of two signs is noise.
const orderSlack = time.Minute

// pathServices are the services named in a call path.
func pathServices(path []string) map[string]bool {
	out := map[string]bool{}
	for _, p := range path {
		if svc, _, ok := strings.Cut(p, ": "); ok {
			out[svc] = true
		}
	}
	return out
}

// topFault is the most common fault of the first failing service.
func topFault(r TraceReport) Fault {
	for _, f := range r.Faults {
		if f.Service == r.FirstService {
			return f
		}
	}
	return r.Faults[0]
}

func blastRadius(ongoing []Change, patterns []Pattern, r TraceReport, onset time.Time) []Impact {
	by := map[string]*Impact{}
	get := func(s string, at time.Time) *Impact {
		i := by[s]
		if i == nil {
			i = &Impact{Service: s, FirstSign: at}
			by[s] = i
		}
		if earlier(at, i.FirstSign) {
			i.FirstSign = at
		}
		return i
	}
	for _, c := range ongoing {
		get(c.Service, c.At).ChangedSeries++
	}
	for _, p := range patterns {
		if levelRank(p.MaxLevel()) < levelRank(telemetry.LevelWarn) || !(p.New || p.Growth >= 2) {
			continue
		}
		for svc, n := range p.afterBy {
			at := p.FirstSeen
			if at.Before(onset) {
				at = onset
			}
			get(svc, at).ErrorLines += n
		}
	}
	for _, s := range r.Services {
		if s.ErrorSpans > 0 {
			get(s.Service, s.FirstErrorAt).ErrorSpans = s.ErrorSpans
		}
	}
	out := make([]Impact, 0, len(by))
	for _, i := range by {
		out = append(out, *i)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].FirstSign.Equal(out[j].FirstSign) {
			return out[i].FirstSign.Before(out[j].FirstSign)
		}
		return out[i].Service < out[j].Service
	})
	return out
}

func events(in Input, onset time.Time, ff *FirstFailing, path []string, radius []Impact) []Event {
	onPath := pathServices(path)
	affected := map[string]bool{}
	for _, i := range radius {
		affected[i.Service] = true
	}
	relation := func(svc string) string {
		switch {
		case svc == "":
			return RelUnscoped
		case ff != nil && svc == ff.Service:
			return RelFirstFailing
		case onPath[svc]:
			return RelCallPath
		case affected[svc]:
			return RelAffected
		}
		return RelUnrelated
	}
	var out []Event
	add := func(e Event) {
		if !onset.IsZero() {
			e.MinutesFromOnset = round3(e.At.Sub(onset).Minutes())
			e.AfterOnset = e.At.After(onset)
		}
		e.Relation = relation(e.Service)
		out = append(out, e)
	}
	for _, d := range in.Deploys {
		add(Event{Kind: KindDeploy, Service: d.Service, Ref: d.SHA, Environment: d.Environment, At: d.At})
	}
	for _, c := range in.Flags {
		add(Event{Kind: KindFlag, Service: c.Service, Ref: c.Flag, Change: c.Change, Actor: c.Actor, At: c.TS})
	}
	// Nearest to the onset first: those are the ones worth a look.
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := abs(out[i].At.Sub(onset)), abs(out[j].At.Sub(onset))
		if di != dj {
			return di < dj
		}
		return out[i].Ref < out[j].Ref
	})
	return out
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// trim applies the first caps and clips long text.
func (f *Findings) trim() {
	f.Omitted.Changes += cut(&f.Changes, keepChanges)
	f.Omitted.Patterns += cut(&f.Patterns, keepPatterns)
	f.Omitted.Faults += cut(&f.Faults, keepFaults)
	f.Omitted.Events += cut(&f.Events, keepEvents)
	f.Omitted.Scale += cut(&f.Scale, keepScale)
	f.Omitted.Services += cut(&f.BlastRadius, keepServices)
	f.clipText(keepText)
}

func (f *Findings) clipText(n int) {
	c := func(s *string) {
		if t := clip(*s, n); t != *s {
			*s = t
			f.Omitted.Clipped++
		}
	}
	for i := range f.Patterns {
		c(&f.Patterns[i].Template)
		c(&f.Patterns[i].Example)
	}
	for i := range f.Scale {
		c(&f.Scale[i].Message)
	}
	for i := range f.Faults {
		c(&f.Faults[i].Signature)
		c(&f.Faults[i].StatusMessage)
	}
	c(&f.Signature)
	if f.Onset != nil {
		c(&f.Onset.Evidence)
		for i := range f.Onset.Others {
			c(&f.Onset.Others[i].Evidence)
		}
	}
	if f.FirstFailing != nil {
		c(&f.FirstFailing.Evidence)
	}
}

func cut[T any](s *[]T, n int) int {
	if len(*s) <= n {
		return 0
	}
	dropped := len(*s) - n
	*s = (*s)[:n]
	return dropped
}

// fit drops the least important entries, one at a time, until the
// findings marshal within limit bytes: first supporting detail (faults,
// patterns, changes beyond the first), then distant events and services,
// then the rest of the detail, then clips text harder.
func (f *Findings) fit(limit int) {
	steps := []func() bool{
		func() bool { return dropLast(&f.Faults, 1, &f.Omitted.Faults) },
		func() bool { return dropLast(&f.Scale, 1, &f.Omitted.Scale) },
		func() bool { return dropLast(&f.Patterns, 2, &f.Omitted.Patterns) },
		func() bool { return dropLast(&f.Changes, 2, &f.Omitted.Changes) },
		func() bool { return dropLast(&f.Events, 4, &f.Omitted.Events) },
		func() bool { return dropLast(&f.BlastRadius, 4, &f.Omitted.Services) },
		func() bool { return dropLast(&f.Faults, 0, &f.Omitted.Faults) },
		func() bool { return dropLast(&f.Scale, 0, &f.Omitted.Scale) },
		func() bool { return dropLast(&f.Patterns, 0, &f.Omitted.Patterns) },
		func() bool { return dropLast(&f.Changes, 0, &f.Omitted.Changes) },
		func() bool { return dropLast(&f.Events, 1, &f.Omitted.Events) },
		func() bool { return dropLast(&f.BlastRadius, 1, &f.Omitted.Services) },
		func() bool { f.clipText(60); return false },
		func() bool { return dropLast(&f.Events, 0, &f.Omitted.Events) },
		func() bool { return dropLast(&f.BlastRadius, 0, &f.Omitted.Services) },
		func() bool {
			if len(f.CallPath) == 0 {
				return false
			}
			f.CallPath = nil
			return true
		},
		func() bool {
			if f.Onset == nil || len(f.Onset.Others) == 0 {
				return false
			}
			f.Onset.Others = f.Onset.Others[:len(f.Onset.Others)-1]
			return true
		},
	}
	for _, step := range steps {
		for f.size() > limit {
			if !step() {
				break
			}
		}
	}
}

// dropLast drops the last entry of s unless only keep are left, and
// counts it.
func dropLast[T any](s *[]T, keep int, count *int) bool {
	n := cut(s, max(keep, len(*s)-1))
	*count += n
	return n > 0
}

func (f *Findings) size() int {
	b, err := json.Marshal(f)
	if err != nil {
		return 0
	}
	return len(b)
}
