package briefing

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/warroom/warroom/internal/incident"
)

// Kind sorts events for the timeline's filters.
type Kind string

// Timeline filter kinds.
const (
	KindHuman  Kind = "human"  // something a person did or said
	KindAgent  Kind = "agent"  // the agent's reasoning, tool calls and verdicts
	KindAction Kind = "action" // an action proposed, run, succeeded or failed
	KindGate   Kind = "gate"   // an approval, re-authorization or step-up asked or decided
	KindSignal Kind = "signal" // alerts and reports arriving
)

// KindOf is the filter an event belongs to.
func KindOf(ev incident.Event) Kind {
	switch ev.Type {
	case incident.EventApprovalRequested, incident.EventApprovalDecided, incident.EventApprovalEscalated,
		incident.EventReauthRequested, incident.EventStepUpRequested:
		return KindGate
	case incident.EventActionProposed, incident.EventActionExecuting, incident.EventActionSucceeded,
		incident.EventActionFailed, incident.EventActionReconciled:
		return KindAction
	case incident.EventAlert, incident.EventAlertResolved, incident.EventReport:
		return KindSignal
	}
	if ev.Actor.Type == incident.ActorHuman {
		return KindHuman
	}
	if ev.Actor.Type == incident.ActorAgent {
		return KindAgent
	}
	return KindSignal
}

// eventData is the union of the fields the sentences read.
type eventData struct {
	Kind       string                   `json:"kind"`
	Target     string                   `json:"target"`
	WaitingFor string                   `json:"waiting_for"`
	MayAlso    []string                 `json:"may_also_decide"`
	Decision   string                   `json:"decision"`
	Wait       string                   `json:"wait"`
	RunAs      string                   `json:"run_as"`
	Attempt    int                      `json:"attempt"`
	Recovering bool                     `json:"recovering"`
	Status     string                   `json:"status"`
	Severity   string                   `json:"severity"`
	Previous   string                   `json:"previous"`
	Confidence float64                  `json:"confidence"`
	Tool       string                   `json:"tool"`
	IsError    bool                     `json:"is_error"`
	Round      int                      `json:"round"`
	Calls      []struct{ Name string }  `json:"calls"`
	Count      int                      `json:"count"`
	Alerts     []struct{ Title string } `json:"alerts"`
	User       string                   `json:"user"`
	Channel    string                   `json:"channel"`
	Text       string                   `json:"text"`
	Result     json.RawMessage          `json:"result"`
}

// Sentence is the event as a person would write it in a timeline.
func Sentence(ev incident.Event) string {
	var d eventData
	_ = json.Unmarshal(ev.Data, &d)
	who := name(ev.Actor)
	switch ev.Type {
	case incident.EventCreated:
		return fmt.Sprintf("%s opened the incident", capitalize(who))
	case incident.EventAlert:
		return fmt.Sprintf("%s from %s%s", plural(max(d.Count, len(d.Alerts)), "alert fired", "alerts fired"), ev.Actor.ID, firstTitle(d))
	case incident.EventAlertResolved:
		return fmt.Sprintf("%s at %s%s", plural(max(d.Count, len(d.Alerts)), "alert resolved", "alerts resolved"), ev.Actor.ID, firstTitle(d))
	case incident.EventReport:
		where := ""
		if d.Channel != "" {
			where = " in " + d.Channel
		}
		return fmt.Sprintf("@%s reported%s: “%s”", d.User, where, clip(d.Text, 140))
	case incident.EventStatusChanged:
		return fmt.Sprintf("%s marked the incident %s", capitalize(who), d.Status)
	case incident.EventSeverityChanged:
		return fmt.Sprintf("%s set severity %s", capitalize(who), d.Severity)
	case incident.EventNote:
		return fmt.Sprintf("%s added a note", capitalize(who))
	case incident.EventResolutionProposed:
		return "Every alert has resolved: WarRoom proposes resolving the incident"
	case incident.EventTriaged:
		change := d.Severity
		if d.Previous != "" && d.Previous != d.Severity {
			change = d.Previous + " → " + d.Severity
		}
		return fmt.Sprintf("The agent rated it %s (confidence %.2f)", change, d.Confidence)
	case incident.EventReasoning:
		if len(d.Calls) == 0 {
			return fmt.Sprintf("The agent reasoned (round %d)", d.Round)
		}
		names := make([]string, len(d.Calls))
		for i, c := range d.Calls {
			names[i] = c.Name
		}
		return fmt.Sprintf("The agent decided to call %s (round %d)", strings.Join(names, ", "), d.Round)
	case incident.EventToolCall:
		if d.IsError {
			return fmt.Sprintf("The agent's call to %s failed", d.Tool)
		}
		return fmt.Sprintf("The agent called %s", d.Tool)
	case incident.EventSummary:
		return "The agent summed up what it found"
	case incident.EventActionProposed:
		if d.Target == "" {
			return fmt.Sprintf("%s proposed %s", capitalize(who), d.Kind)
		}
		return fmt.Sprintf("%s proposed %s on %s", capitalize(who), d.Kind, d.Target)
	case incident.EventApprovalRequested:
		return fmt.Sprintf("Waiting for @%s to approve %s", d.WaitingFor, d.Kind)
	case incident.EventApprovalDecided:
		verb := d.Decision
		switch {
		case d.Wait == string(incident.WaitReauth) && d.Decision == string(incident.DecisionApproved):
			verb = "re-authorized"
		case d.Wait == string(incident.WaitReauth):
			verb = "gave up re-authorizing"
		case d.Wait == string(incident.WaitStepUp) && d.Decision == string(incident.DecisionApproved):
			verb = "passed step-up for"
		case d.Wait == string(incident.WaitStepUp):
			verb = "failed step-up for"
		}
		return fmt.Sprintf("%s %s %s", capitalize(who), verb, d.Kind)
	case incident.EventApprovalEscalated:
		return fmt.Sprintf("@%s did not answer: escalated to %s", d.WaitingFor, mentions(d.MayAlso))
	case incident.EventReauthRequested:
		return fmt.Sprintf("@%s must re-authorize before %s can run", d.WaitingFor, d.Kind)
	case incident.EventStepUpRequested:
		return fmt.Sprintf("@%s must confirm it is them (step-up) before %s runs", d.WaitingFor, d.Kind)
	case incident.EventActionExecuting:
		s := fmt.Sprintf("%s started%s", d.Kind, runsAs(d.RunAs))
		if d.Attempt > 1 {
			s += fmt.Sprintf(" (attempt %d)", d.Attempt)
		}
		return s
	case incident.EventActionSucceeded, incident.EventActionReconciled, incident.EventActionFailed:
		var res struct {
			Summary string `json:"summary"`
		}
		_ = json.Unmarshal(d.Result, &res)
		verb := "succeeded"
		switch ev.Type {
		case incident.EventActionFailed:
			verb = "failed"
		case incident.EventActionReconciled:
			verb = "had already taken effect"
		}
		s := fmt.Sprintf("%s %s%s", d.Kind, verb, runsAs(d.RunAs))
		if res.Summary != "" {
			s += ": " + clip(res.Summary, 200)
		}
		return s
	}
	return fmt.Sprintf("%s: %s", capitalize(who), ev.Type)
}

func name(a incident.Actor) string {
	switch a.Type {
	case incident.ActorHuman:
		return "@" + a.ID
	case incident.ActorAgent:
		return "the agent"
	}
	if a.ID == "" || a.ID == incident.System.ID {
		return "WarRoom"
	}
	return a.ID
}

func runsAs(engineer string) string {
	if engineer == "" {
		return ""
	}
	return " as @" + engineer
}

func mentions(ids []string) string {
	if len(ids) == 0 {
		return "nobody else"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "@" + id
	}
	return strings.Join(out, ", ")
}

func firstTitle(d eventData) string {
	if len(d.Alerts) == 0 || d.Alerts[0].Title == "" {
		return ""
	}
	return ": " + clip(d.Alerts[0].Title, 120)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || s[0] == '@' {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// clip cuts s at max runes, on a word boundary when one is near.
func clip(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
