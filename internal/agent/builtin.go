package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/action"

	"github.com/warroom/warroom/internal/triage"
)

// Builtin is the default reasoner: deterministic, offline, rule and score
// based. It asks assess_incident for the analysis, records the triage,
// proposes the planned actions (each waits for a human), and summarises.
// Everything it decides is explained in the timeline by the tools' results
// and its own reasoning text.
type Builtin struct{}

// Next implements Reasoner.
func (Builtin) Next(_ context.Context, req Request) (Response, error) {
	switch len(req.History) {
	case 0:
		return Response{Reasoning: "Assess severity, known issues, recent changes, telemetry and responders before acting.",
			Calls: []ToolCall{{ID: "assess", Name: "assess_incident", Args: json.RawMessage(`{}`)}}}, nil
	case 1:
		a, err := assessmentFrom(req.History[0])
		if err != nil {
			return Response{Summary: "The built-in analysis failed, so nothing was proposed: " + err.Error()}, nil
		}
		r := plan(a, telemetrySentenceOf(a))
		if prior := recordedSeverity(req.Incident); prior != "" {
			r.Reasoning = "Re-assessment after new alerts or reports: " + severityChange(prior, a.Severity.Level) + ". " + r.Reasoning
		}
		return r, nil
	default:
		a, err := assessmentFrom(req.History[0])
		if err != nil {
			return Response{Summary: "Done."}, nil
		}
		last := req.History[len(req.History)-1]
		sum := summarize(a, telemetrySentenceOf(a), last)
		if prior := triagedOver(last); prior != "" {
			sum = "Re-assessed after new alerts or reports: " + severityChange(prior, a.Severity.Level) + ". " + sum
		}
		return Response{Summary: sum}, nil
	}
}

// recordedSeverity is the severity the incident already carries (set by an
// earlier triage), "" before the first.
func recordedSeverity(view json.RawMessage) string {
	var v struct {
		Severity string `json:"severity"`
	}
	_ = json.Unmarshal(view, &v)
	return v.Severity
}

// triagedOver is the severity the exchange's record_triage replaced, ""
// when it was the first triage.
func triagedOver(ex Exchange) string {
	for _, r := range ex.Results {
		if r.Name != "record_triage" || r.IsError {
			continue
		}
		var v struct {
			Previous string `json:"previous"`
		}
		_ = json.Unmarshal(r.Content, &v)
		return v.Previous
	}
	return ""
}

func severityChange(from, to string) string {
	if from == to {
		return "severity stays " + to
	}
	return "severity " + from + " -> " + to
}

func assessmentFrom(ex Exchange) (Assessment, error) {
	for _, r := range ex.Results {
		if r.Name != "assess_incident" {
			continue
		}
		if r.IsError {
			return Assessment{}, fmt.Errorf("%s", r.Content)
		}
		var a Assessment
		if err := json.Unmarshal(r.Content, &a); err != nil {
			return Assessment{}, fmt.Errorf("read assessment: %w", err)
		}
		return a, nil
	}
	return Assessment{}, fmt.Errorf("no assessment in the first round")
}

// telemetrySentenceOf is the assessment's telemetry finding as one
// sentence for the reasoning and the summary, or that it was not read.
func telemetrySentenceOf(a Assessment) string {
	if a.Telemetry == nil {
		for _, n := range a.Notes {
			if why, ok := strings.CutPrefix(n, "telemetry not examined: "); ok {
				return "Telemetry was not examined: " + why + "."
			}
			if why, ok := strings.CutSuffix(n, ": telemetry not examined"); ok {
				return "Telemetry was not examined: " + why + "."
			}
		}
		return "Telemetry was not examined."
	}
	return telemetrySentence(*a.Telemetry)
}

// telemetrySentence says what the findings are, at most a few facts: the
// timeline holds the whole result.
func telemetrySentence(inv Investigation) string {
	f := inv.Findings
	var parts []string
	if f.Onset != nil && !f.Onset.At.IsZero() {
		parts = append(parts, "trouble began "+f.Onset.At.UTC().Format("15:04 MST"))
	}
	if f.FirstFailing != nil && f.FirstFailing.Service != "" {
		parts = append(parts, "first in "+f.FirstFailing.Service)
	}
	if f.Signature != "" {
		parts = append(parts, "fault: "+f.Signature)
	}
	if len(f.BlastRadius) > 1 {
		parts = append(parts, fmt.Sprintf("%d services affected", len(f.BlastRadius)))
	}
	if len(parts) == 0 {
		if len(inv.Errors) > 0 && len(inv.Queries) == 0 {
			return "Telemetry could not be read: " + inv.Errors[0] + "."
		}
		return "Telemetry (" + strings.Join(inv.Looked, ", ") + ") showed no departure around the alert."
	}
	return "Telemetry: " + strings.Join(parts, "; ") + "."
}

// plan turns the assessment into calls: the triage record first, then one
// proposal per planned action that can be proposed now.
func plan(a Assessment, telemetry string) Response {
	t := Triage{Severity: a.Severity.Level, Confidence: a.Severity.Confidence, Reasons: a.Severity.Reasons, Culprit: a.Culprit.SHA}
	if len(a.KnownIssues) > 0 {
		t.KnownIssue = a.KnownIssues[0].ID
	}
	args, _ := json.Marshal(t)
	calls := []ToolCall{{ID: "triage", Name: "record_triage", Args: args}}
	var skipped []string
	for i, p := range a.Plan {
		args, ok := actionArgs(a, p)
		if !ok {
			skipped = append(skipped, p.Kind)
			continue
		}
		calls = append(calls, ToolCall{ID: fmt.Sprintf("action-%d", i+1), Name: p.Kind, Args: args})
	}
	reasoning := fmt.Sprintf("%s (confidence %.2f): %s.", t.Severity, t.Confidence, strings.Join(a.Severity.Reasons, "; "))
	if t.Culprit != "" {
		reasoning += fmt.Sprintf(" Likely culprit %s: %s.", short(t.Culprit), strings.Join(a.Culprit.Evidence, "; "))
	} else if len(a.Culprit.Evidence) > 0 {
		reasoning += " No culprit commit: " + strings.Join(a.Culprit.Evidence, "; ") + "."
	}
	if t.KnownIssue != "" {
		reasoning += fmt.Sprintf(" Matches known issue %s (%s).", t.KnownIssue, a.KnownIssues[0].Title)
	}
	reasoning += " " + telemetry
	if len(skipped) > 0 {
		reasoning += " Not proposed yet: " + strings.Join(skipped, ", ") + " (needs an earlier step to finish)."
	}
	return Response{Reasoning: reasoning, Calls: calls}
}

// actionArgs builds a planned action's arguments. merge_pr waits until a
// revert or config PR exists, so it is not proposed at triage time.
func actionArgs(a Assessment, p triage.PlannedAction) (json.RawMessage, bool) {
	spec, ok := action.Lookup(p.Kind)
	if !ok || spec.Draft == nil {
		return nil, false
	}
	v, ok := spec.Draft(action.Plan{Severity: a.Severity.Level, Service: a.Service.Name, Reason: p.Reason,
		Reasons: a.Severity.Reasons, Culprit: a.Culprit.SHA, Path: p.Path, Change: p.Change})
	if !ok {
		return nil, false
	}
	b, err := json.Marshal(v)
	return b, err == nil
}

func summarize(a Assessment, telemetry string, last Exchange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s incident on %s (confidence %.2f). ", a.Severity.Level, a.Service.Name, a.Severity.Confidence)
	if a.Culprit.SHA != "" {
		fmt.Fprintf(&b, "Likely cause: commit %s (%s). ", short(a.Culprit.SHA), a.Culprit.Subject)
	} else {
		b.WriteString("No recent change explains it. ")
	}
	if len(a.KnownIssues) > 0 {
		fmt.Fprintf(&b, "Known issue %s applies; follow its runbook. ", a.KnownIssues[0].ID)
	}
	b.WriteString(telemetry + " ")
	var proposed, earlier []string
	for _, r := range last.Results {
		if r.IsError || r.Name == "record_triage" {
			continue
		}
		var res struct {
			Status string `json:"status"`
		}
		_ = json.Unmarshal(r.Content, &res)
		if res.Status == StatusAlreadyProposed {
			earlier = append(earlier, r.Name)
		} else {
			proposed = append(proposed, r.Name)
		}
	}
	if len(proposed) > 0 {
		fmt.Fprintf(&b, "Proposed for approval: %s. ", strings.Join(proposed, ", "))
	}
	if len(earlier) > 0 {
		fmt.Fprintf(&b, "Already proposed earlier: %s.", strings.Join(earlier, ", "))
	}
	return strings.TrimSpace(b.String())
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
