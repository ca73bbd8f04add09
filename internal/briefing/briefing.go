// Package briefing reads an incident's record (its events, actions and
// approvals) into what a person wants to know first: what is broken and
// since when, how bad, why, what is known about it, who is on it and what is
// waiting for whom. The incident page's summary, its timeline sentences and
// the postmortem draft are all built here, so they never disagree. It does
// no I/O: callers load the record.
package briefing

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
)

// Brief is an incident in a few lines.
type Brief struct {
	Incident incident.Incident
	Since    time.Time // the earliest alert's start, or when the incident was opened
	Alerts   int       // alert deliveries grouped into it
	Firing   bool      // some alert has not resolved

	Severity   string // P1/P2/P3, "" until triaged
	Confidence float64
	Reasons    []string // the severity's reasons, most telling first
	Narrative  string   // the agent's own summary of its last pass

	Cause      Cause
	KnownIssue *KnownIssue
	Responders []string // ranked by the assessment; the owner first
	Notes      []string // what the analysis could not look at, and why

	// Telemetry is what the metrics showed around the onset (nil when no
	// telemetry was read).
	Telemetry *Telemetry
	// Moments are every event's time and kind, for the timeline strip.
	Moments []Moment

	// Waiting is what the viewer may decide now; Others is what waits for
	// someone else.
	Waiting []Wait
	Others  []Wait
}

// Cause is the suspected cause with its evidence, or why none is named.
type Cause struct {
	Commit     string // full SHA, "" when no commit is blamed
	Repo       string
	Author     string
	Subject    string
	Confidence float64
	Evidence   []string
	// Operational names a cause outside the code (an expired certificate, an
	// upstream outage), with what shows it.
	Operational string
	// Assessed is whether the culprit analysis ran at all.
	Assessed bool
}

// Telemetry is the telemetry investigation as the page draws it.
type Telemetry struct {
	Onset    time.Time // zero when no onset was found
	Evidence []string
	Charts   []Chart
	Markers  []Marker // deploys and flag changes in the window
}

// Chart is one recorded metric series.
type Chart struct {
	Service, Name string
	Points        []Point
}

// Point is one value of a Chart.
type Point struct {
	TS    time.Time `json:"ts"`
	Value float64   `json:"value"`
}

// Marker is a deploy or a flag change on the charts.
type Marker struct {
	At    time.Time
	Kind  string // deploy or flag
	Label string
}

// Sentence is the cause in one line: the suspected commit, or why no
// commit is blamed, or that the analysis has not run. The page, the
// postmortem and Slack all say it this way.
func (c Cause) Sentence() string {
	switch {
	case c.Commit != "":
		s := "Suspected commit " + c.Short()
		if c.Repo != "" {
			s += " in " + c.Repo
		}
		s += fmt.Sprintf(" by @%s: %s", c.Author, c.Subject)
		if c.Confidence > 0 {
			s += fmt.Sprintf(" (confidence %.0f%%)", c.Confidence*100)
		}
		return s
	case c.Operational != "":
		return "No commit is blamed: " + c.Operational
	case c.Assessed:
		return "No commit is blamed: no recent change is tied to the failure by the evidence."
	}
	return "Not analysed yet."
}

// Short is the commit's abbreviated SHA.
func (c Cause) Short() string {
	if len(c.Commit) > 7 {
		return c.Commit[:7]
	}
	return c.Commit
}

// KnownIssue is the best matching known issue.
type KnownIssue struct {
	ID, Title, Runbook string
}

// Wait is one pending approval with what it would do.
type Wait struct {
	Approval incident.Approval
	Action   incident.Action
	// Bundled is whether it belongs to the coordination bundle, decided at
	// once; remediation is decided one by one.
	Bundled bool
}

// Build reads a brief from the incident's events (in sequence order), its
// actions and its pending approvals, for viewer ("" for nobody in
// particular: everything pending goes to Others).
func Build(inc incident.Incident, events []incident.Event, actions []incident.Action, pending []incident.Approval, viewer string) Brief {
	b := Brief{Incident: inc, Since: inc.CreatedAt, Severity: string(inc.Severity)}
	firing := map[string]bool{}
	for _, ev := range events {
		b.Moments = append(b.Moments, Moment{At: ev.At, Kind: KindOf(ev)})
		switch ev.Type {
		case incident.EventAlert:
			var d alertData
			if json.Unmarshal(ev.Data, &d) == nil {
				b.Alerts += max(d.Count, len(d.Alerts))
				for _, a := range d.Alerts {
					if !a.StartsAt.IsZero() && a.StartsAt.Before(b.Since) {
						b.Since = a.StartsAt
					}
					firing[a.Fingerprint] = true
				}
			}
		case incident.EventAlertResolved:
			var d alertData
			if json.Unmarshal(ev.Data, &d) == nil {
				for _, a := range d.Alerts {
					delete(firing, a.Fingerprint)
				}
			}
		case incident.EventTriaged:
			var t triageData
			if json.Unmarshal(ev.Data, &t) == nil {
				b.Severity, b.Confidence, b.Reasons = t.Severity, t.Confidence, t.Reasons
			}
		case incident.EventToolCall:
			b.readAssessment(ev)
		case incident.EventSummary:
			var d struct {
				Summary string `json:"summary"`
			}
			if json.Unmarshal(ev.Data, &d) == nil && strings.TrimSpace(d.Summary) != "" {
				b.Narrative = d.Summary
			}
		}
	}
	b.Firing = len(firing) > 0
	byID := make(map[string]incident.Action, len(actions))
	for _, a := range actions {
		byID[a.ID] = a
	}
	for _, ap := range pending {
		w := Wait{Approval: ap, Action: byID[ap.ActionID]}
		w.Bundled = Bundled(ap, w.Action)
		if ap.MayDecide(viewer) {
			b.Waiting = append(b.Waiting, w)
		} else {
			b.Others = append(b.Others, w)
		}
	}
	return b
}

// Bundled reports whether a pending approval belongs to the coordination
// bundle, decided at once: an approval (not a re-authorization or a
// step-up) of a kind that changes nothing of the service.
func Bundled(ap incident.Approval, a incident.Action) bool {
	return ap.Kind == incident.WaitApproval && action.Bundled(a.Kind)
}

// TopReasons is at most n of the severity's reasons.
func (b Brief) TopReasons(n int) []string { return b.Reasons[:min(n, len(b.Reasons))] }

type alertData struct {
	Count  int `json:"count"`
	Alerts []struct {
		Fingerprint string    `json:"fingerprint"`
		StartsAt    time.Time `json:"starts_at"`
	} `json:"alerts"`
}

type triageData struct {
	Severity   string   `json:"severity"`
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons"`
}

// assessment is the part of the built-in analysis's result the brief shows
// (the agent package's Assessment, as recorded in the tool call).
type assessment struct {
	Severity struct {
		Level      string
		Confidence float64
		Reasons    []string
	} `json:"severity"`
	KnownIssues []struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Runbook string `json:"runbook"`
	} `json:"known_issues"`
	Culprit struct {
		SHA, Repo, Author, Subject string
		Confidence                 float64
		Evidence                   []string
		OperationalCause           string
	} `json:"culprit"`
	Responders []struct{ Engineer string } `json:"responders"`
	Notes      []string                    `json:"notes"`
	Telemetry  *struct {
		Evidence []string `json:"evidence"`
		Findings struct {
			Onset *struct {
				At time.Time `json:"at"`
			} `json:"onset"`
			Events []struct {
				Kind    string    `json:"kind"`
				Service string    `json:"service"`
				Ref     string    `json:"ref"`
				Change  string    `json:"change"`
				At      time.Time `json:"at"`
			} `json:"events"`
		} `json:"findings"`
		Charts []struct {
			Service string  `json:"service"`
			Name    string  `json:"name"`
			Points  []Point `json:"points"`
		} `json:"charts"`
	} `json:"telemetry"`
}

// readAssessment takes the latest successful assess_incident result.
func (b *Brief) readAssessment(ev incident.Event) {
	var call struct {
		Tool    string          `json:"tool"`
		Result  json.RawMessage `json:"result"`
		IsError bool            `json:"is_error"`
	}
	if json.Unmarshal(ev.Data, &call) != nil || call.Tool != "assess_incident" || call.IsError {
		return
	}
	var a assessment
	if json.Unmarshal(call.Result, &a) != nil {
		return
	}
	c := a.Culprit
	b.Cause = Cause{Commit: c.SHA, Repo: c.Repo, Author: c.Author, Subject: c.Subject, Confidence: c.Confidence,
		Evidence: c.Evidence, Operational: c.OperationalCause, Assessed: true}
	b.KnownIssue = nil
	if len(a.KnownIssues) > 0 {
		k := a.KnownIssues[0]
		b.KnownIssue = &KnownIssue{ID: k.ID, Title: k.Title, Runbook: k.Runbook}
	}
	b.Responders = b.Responders[:0]
	for _, r := range a.Responders {
		if r.Engineer != "" && !slices.Contains(b.Responders, r.Engineer) {
			b.Responders = append(b.Responders, r.Engineer)
		}
	}
	b.Notes = a.Notes
	b.Telemetry = nil
	if t := a.Telemetry; t != nil {
		tel := &Telemetry{Evidence: t.Evidence}
		if t.Findings.Onset != nil {
			tel.Onset = t.Findings.Onset.At
		}
		for _, c := range t.Charts {
			tel.Charts = append(tel.Charts, Chart{Service: c.Service, Name: c.Name, Points: c.Points})
		}
		for _, e := range t.Findings.Events {
			label := e.Ref
			if e.Kind == "deploy" && len(label) > 7 {
				label = label[:7]
			}
			if e.Service != "" {
				label = e.Service + " " + label
			}
			tel.Markers = append(tel.Markers, Marker{At: e.At, Kind: e.Kind, Label: label})
		}
		b.Telemetry = tel
	}
	if b.Severity == "" { // not recorded yet: the analysis's own verdict
		b.Severity, b.Confidence, b.Reasons = a.Severity.Level, a.Severity.Confidence, a.Severity.Reasons
	}
}
