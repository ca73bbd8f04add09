package analyze

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Lines are the findings as short sentences for a timeline, most
// important first.
func (f Findings) Lines() []string {
	var out []string
	if f.Onset == nil {
		return []string{"No telemetry and no alert time: nothing to place an onset on."}
	}
	o := f.Onset
	line := fmt.Sprintf("Onset %s, from %s", clock(o.At), o.Source)
	if o.Service != "" {
		line += " (" + o.Service + ")"
	}
	line += ": " + o.Evidence
	if !f.AlertAt.IsZero() && o.Source != SourceAlert {
		line += "; " + relative(o.At.Sub(f.AlertAt), "the alert")
	}
	out = append(out, line+".")
	if len(o.Others) > 0 {
		parts := make([]string, 0, len(o.Others))
		for _, s := range o.Others {
			parts = append(parts, fmt.Sprintf("%s at %s (%s)", s.Source, clock(s.At), s.Service))
		}
		out = append(out, "Later signs: "+strings.Join(parts, "; ")+".")
	}
	if ff := f.FirstFailing; ff != nil {
		out = append(out, fmt.Sprintf("First failing service: %s, from %s (%s).", ff.Service, ff.Source, ff.Evidence))
	}
	if f.Signature != "" {
		out = append(out, "Fault signature: "+f.Signature+".")
	}
	if len(f.CallPath) > 0 {
		out = append(out, "Call path: "+strings.Join(f.CallPath, " → ")+".")
	}
	if len(f.BlastRadius) > 0 {
		parts := make([]string, 0, len(f.BlastRadius))
		for _, i := range f.BlastRadius {
			var what []string
			if i.ChangedSeries > 0 {
				what = append(what, plural(i.ChangedSeries, "series changed", "series changed"))
			}
			if i.ErrorLines > 0 {
				what = append(what, plural(i.ErrorLines, "warning/error line", "warning/error lines"))
			}
			if i.ErrorSpans > 0 {
				what = append(what, plural(i.ErrorSpans, "error span", "error spans"))
			}
			parts = append(parts, fmt.Sprintf("%s from %s (%s)", i.Service, clock(i.FirstSign), strings.Join(what, ", ")))
		}
		out = append(out, "Blast radius: "+strings.Join(parts, "; ")+".")
	}
	ref := "onset"
	if o.Source == SourceAlert {
		ref = "the alert"
	}
	for _, e := range f.Events {
		out = append(out, e.sentence(o.At, ref))
	}
	for _, p := range f.Patterns {
		if !p.New && p.Growth < 2 {
			continue
		}
		kind := "New"
		if !p.New {
			kind = fmt.Sprintf("Grown (×%s)", short(p.Growth))
		}
		out = append(out, fmt.Sprintf("%s log pattern from %s in %s (%s, %s after onset): %s",
			kind, clock(p.FirstSeen), strings.Join(p.Services, ", "), p.MaxLevel(), plural(p.After, "line", "lines"), clip(p.Template, 100)))
	}
	for _, m := range f.Scale {
		out = append(out, "Values past their bound: "+m.Sentence()+".")
	}
	for _, c := range f.Changes {
		out = append(out, describeChange(c)+".")
	}
	if f.Omitted.any() {
		out = append(out, f.Omitted.sentence())
	}
	return out
}

// Summary is Lines joined by newlines.
func (f Findings) Summary() string {
	return strings.Join(f.Lines(), "\n")
}

// sentence places the event against ref, the onset (or the alert
// standing in for it), named what.
func (e Event) sentence(ref time.Time, what string) string {
	var b strings.Builder
	switch e.Kind {
	case KindDeploy:
		fmt.Fprintf(&b, "Deploy %s", shortSHA(e.Ref))
		if e.Service != "" {
			fmt.Fprintf(&b, " of %s", e.Service)
		}
		if e.Environment != "" {
			fmt.Fprintf(&b, " (%s)", e.Environment)
		}
	default:
		fmt.Fprintf(&b, "Flag %s", e.Ref)
		if e.Change != "" {
			fmt.Fprintf(&b, " %s", e.Change)
		}
		if e.Service != "" {
			fmt.Fprintf(&b, " on %s", e.Service)
		}
		if e.Actor != "" {
			fmt.Fprintf(&b, " by %s", e.Actor)
		}
	}
	fmt.Fprintf(&b, " at %s, %s", stamp(e.At, ref), relative(e.At.Sub(ref), what))
	if e.AfterOnset {
		b.WriteString(" (after it began, so not what started it)")
	}
	switch e.Relation {
	case RelFirstFailing:
		b.WriteString("; its service failed first")
	case RelCallPath:
		b.WriteString("; its service is on the failing call path")
	case RelAffected:
		b.WriteString("; its service degraded but did not fail first")
	case RelUnrelated:
		b.WriteString("; its service shows no sign of trouble")
	case RelUnscoped:
		b.WriteString("; it names no service")
	}
	return b.String() + "."
}

// describeChange is one change as a phrase.
func describeChange(c Change) string {
	var how []string
	if c.Ratio != 0 {
		how = append(how, "×"+short(c.Ratio))
	}
	switch {
	case c.Spread == 0:
		how = append(how, "off a flat baseline")
	case c.Sigmas >= sigmaCap:
		how = append(how, "over "+short(sigmaCap)+"σ")
	default:
		how = append(how, short(c.Sigmas)+"σ")
	}
	s := fmt.Sprintf("%s %s from %s to %s (%s) at %s", c.Series(), c.Direction, short(c.Baseline), short(c.Level),
		strings.Join(how, ", "), clock(c.At))
	if c.Recovered {
		return s + ", recovered at " + clock(c.RecoveredAt)
	}
	return s + ", not recovered"
}

func clock(t time.Time) string {
	return t.UTC().Format("15:04:05Z")
}

// stamp is clock, with the date when t is on another day than ref.
func stamp(t, ref time.Time) string {
	if y, m, d := t.UTC().Date(); ref.IsZero() || ref.UTC().Day() == d && ref.UTC().Month() == m && ref.UTC().Year() == y {
		return clock(t)
	}
	return t.UTC().Format("2006-01-02 15:04Z")
}

// relative says d as "N min before/after what".
func relative(d time.Duration, what string) string {
	switch {
	case abs(d) < 30*time.Second:
		return "at " + what
	case d < 0:
		return fmt.Sprintf("%s before %s", span(-d), what)
	}
	return fmt.Sprintf("%s after %s", span(d), what)
}

func span(d time.Duration) string {
	m := d.Minutes()
	if m >= 120 {
		return strconv.FormatFloat(math.Round(m/6)/10, 'f', -1, 64) + " h"
	}
	return strconv.FormatFloat(math.Round(m), 'f', -1, 64) + " min"
}

// short prints a value with up to four significant digits.
func short(x float64) string {
	return strconv.FormatFloat(x, 'g', 4, 64)
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func (o Omitted) sentence() string {
	var left []string
	for _, x := range []struct {
		n         int
		one, many string
	}{
		{o.Changes, "metric change", "metric changes"},
		{o.Patterns, "log pattern", "log patterns"},
		{o.Faults, "trace fault", "trace faults"},
		{o.Events, "deploy or flag event", "deploy or flag events"},
		{o.Services, "service of the blast radius", "services of the blast radius"},
		{o.Scale, "value past its bound", "values past their bounds"},
	} {
		if x.n > 0 {
			left = append(left, plural(x.n, x.one, x.many))
		}
	}
	s := fmt.Sprintf("Findings trimmed to fit %d bytes", MaxBytes)
	if len(left) > 0 {
		s += ": left out " + strings.Join(left, ", ")
	}
	if o.Clipped > 0 {
		s += "; " + plural(o.Clipped, "text", "texts") + " shortened"
	}
	return s + "."
}
