package triage

// culprit_evidence.go is what telemetry tells FindCulpritWithEvidence about a
// failure: when it began, which service failed first and on which call
// path, with what fault signature, and which metrics moved.

import (
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry/analyze"
)

// MetricShift is one metric series that departed from its baseline.
type MetricShift struct {
	Service   string
	Name      string
	Direction string  // "up" or "down"
	Ratio     float64 // level over baseline (0 when the baseline is 0)
	At        time.Time
}

// Evidence is what the telemetry shows about a failure. The zero value
// means no telemetry was read.
type Evidence struct {
	Onset        time.Time // earliest sign of trouble (zero: unknown)
	OnsetSource  string    // metrics, logs, traces or alert
	FirstFailing string    // the service that failed first
	CallPath     []string  // services from the request's root to the fault
	Affected     []string  // services degraded from the onset on
	Signature    string    // the fault signature of the failing traces
	Logs         []string  // new or grown WARN-or-worse log templates
	Shifts       []MetricShift
}

// EvidenceFromFindings reads the findings of a telemetry investigation.
// An onset that only stands in for the alert's time is kept (it bounds
// nothing the signal does not) but says so through its source.
func EvidenceFromFindings(f analyze.Findings) Evidence {
	var ev Evidence
	if f.Onset != nil {
		ev.Onset, ev.OnsetSource = f.Onset.At, f.Onset.Source
	}
	if f.FirstFailing != nil {
		ev.FirstFailing = f.FirstFailing.Service
	}
	seen := map[string]bool{}
	for _, p := range f.CallPath {
		svc, _, _ := strings.Cut(p, ": ")
		if svc != "" && !seen[svc] {
			seen[svc] = true
			ev.CallPath = append(ev.CallPath, svc)
		}
	}
	for _, i := range f.BlastRadius {
		ev.Affected = append(ev.Affected, i.Service)
	}
	ev.Signature = f.Signature
	for _, p := range f.Patterns {
		if (p.New || p.Growth >= 2) && isWarnOrWorse(p.Levels) {
			ev.Logs = append(ev.Logs, p.Template)
		}
	}
	for _, fl := range f.Faults {
		if fl.StatusMessage != "" {
			ev.Logs = append(ev.Logs, fl.StatusMessage)
		}
	}
	for _, m := range f.Scale {
		ev.Logs = append(ev.Logs, m.Sentence())
	}
	for _, c := range f.Changes {
		if !c.Recovered {
			ev.Shifts = append(ev.Shifts, MetricShift{Service: c.Service, Name: c.Name, Direction: c.Direction, Ratio: c.Ratio, At: c.At})
		}
	}
	sort.SliceStable(ev.Shifts, func(i, j int) bool { return ev.Shifts[i].At.Before(ev.Shifts[j].At) })
	return ev
}

func isWarnOrWorse(levels []string) bool {
	for _, l := range levels {
		switch strings.ToUpper(l) {
		case "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL":
			return true
		}
	}
	return false
}

// text is everything the telemetry says about the fault, as one string.
func (ev Evidence) text() string {
	return strings.Join(append([]string{ev.Signature}, ev.Logs...), "\n")
}

// empty reports evidence from no telemetry at all.
func (ev Evidence) empty() bool {
	return ev.Onset.IsZero() && ev.FirstFailing == "" && len(ev.CallPath) == 0 && len(ev.Affected) == 0 &&
		ev.Signature == "" && len(ev.Logs) == 0 && len(ev.Shifts) == 0
}
