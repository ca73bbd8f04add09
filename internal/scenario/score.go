package scenario

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Result is what `warroom triage` prints for one scenario.
type Result struct {
	Name       string         `json:"name,omitempty"`
	Incident   bool           `json:"incident"`
	Severity   string         `json:"severity,omitempty"`
	Confidence float64        `json:"confidence,omitempty"`
	Owner      string         `json:"owner,omitempty"`
	Responders []string       `json:"responders,omitempty"`
	KnownIssue *string        `json:"known_issue"`
	Culprit    *string        `json:"culprit"`
	Actions    []ActionResult `json:"actions"`
	Reasons    []string       `json:"reasons"`
	Summary    string         `json:"summary,omitempty"`
}

// ActionResult is one proposed action.
type ActionResult struct {
	Kind      string `json:"kind"`
	Risk      string `json:"risk"`
	Protected bool   `json:"protected"`
}

// TopResponders is how many of the ranked responders an expectation's
// responders_include is checked against.
const TopResponders = 3

// Check is one expectation compared with the result.
type Check struct {
	Field string
	Want  string
	Got   string
	OK    bool
}

// Score is a result checked against its scenario's expectations.
type Score struct {
	Name   string
	Checks []Check
}

// Pass reports whether every stated expectation held.
func (s Score) Pass() bool {
	for _, c := range s.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// Compare checks r against the expectations s states; unstated ones are skipped.
func Compare(s Scenario, r Result) Score {
	sc := Score{Name: s.Name}
	add := func(field, want, got string, ok bool) {
		sc.Checks = append(sc.Checks, Check{field, want, got, ok})
	}
	e := s.Expect
	if e.Incident != nil {
		add("incident", fmt.Sprint(*e.Incident), fmt.Sprint(r.Incident), *e.Incident == r.Incident)
		if !*e.Incident {
			return sc
		}
	}
	if e.Severity != "" {
		add("severity", e.Severity, r.Severity, e.Severity == r.Severity)
	}
	if e.Owner != "" {
		add("owner", e.Owner, r.Owner, e.Owner == r.Owner)
	}
	if len(e.RespondersInclude) > 0 {
		top := r.Responders[:min(len(r.Responders), TopResponders)]
		ok := true
		for _, want := range e.RespondersInclude {
			ok = ok && slices.Contains(top, want)
		}
		add("responders", strings.Join(e.RespondersInclude, ","), strings.Join(top, ","), ok)
	}
	if want, stated := Optional(e.KnownIssue); stated {
		got := deref(r.KnownIssue)
		add("known_issue", orNone(want), orNone(got), want == got)
	}
	if want, stated := Optional(e.Culprit); stated {
		got := deref(r.Culprit)
		add("culprit", orNone(short(want)), orNone(short(got)), want == got)
	}
	if len(e.ActionsInclude) > 0 {
		var kinds []string
		for _, a := range r.Actions {
			kinds = append(kinds, a.Kind)
		}
		ok := true
		var missing []string
		for _, want := range e.ActionsInclude {
			if !slices.Contains(kinds, want) {
				ok = false
				missing = append(missing, want)
			}
		}
		got := "all"
		if !ok {
			got = "missing " + strings.Join(missing, ",")
		}
		add("actions", strings.Join(e.ActionsInclude, ","), got, ok)
	}
	return sc
}

// WriteTable prints one row per scenario and a total line.
func WriteTable(w io.Writer, scores []Score) (passed int) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tRESULT\tCHECKS\tFAILED")
	for _, s := range scores {
		ok, failed := 0, []string{}
		for _, c := range s.Checks {
			if c.OK {
				ok++
			} else {
				failed = append(failed, fmt.Sprintf("%s: want %s, got %s", c.Field, c.Want, c.Got))
			}
		}
		result := "PASS"
		if !s.Pass() {
			result = "FAIL"
		} else {
			passed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\n", s.Name, result, ok, len(s.Checks), strings.Join(failed, "; "))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, len(scores)-passed)
	return passed
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func short(sha string) string {
	if len(sha) > 10 {
		return sha[:10]
	}
	return sha
}
