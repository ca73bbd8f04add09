package briefing_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/incident"
)

var t0 = time.Date(2026, 7, 1, 3, 0, 0, 0, time.UTC)

func ev(t *testing.T, seq int64, typ incident.EventType, actor incident.Actor, at time.Duration, data any) incident.Event {
	t.Helper()
	e, err := incident.NewEvent("inc-1", typ, actor, t0.Add(at), data)
	if err != nil {
		t.Fatal(err)
	}
	e.Seq = seq
	return e
}

var (
	agent  = incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}
	dana   = incident.Actor{ID: "dana", Type: incident.ActorHuman}
	source = incident.Actor{ID: "grafana", Type: incident.ActorSystem}
)

func assessment(culprit map[string]any, known []map[string]any) json.RawMessage {
	b, _ := json.Marshal(map[string]any{
		"severity":     map[string]any{"Level": "P2", "Confidence": 0.5, "Reasons": []string{"from the analysis"}},
		"culprit":      culprit,
		"known_issues": known,
		"responders":   []map[string]any{{"Engineer": "dana"}, {"Engineer": "femi"}, {"Engineer": "dana"}},
		"telemetry": map[string]any{"evidence": []string{"onset 02:58"}, "findings": map[string]any{
			"onset":  map[string]any{"at": t0.Add(-2 * time.Minute)},
			"events": []map[string]any{{"kind": "deploy", "service": "ledger", "ref": "abcdef0123", "at": t0.Add(-5 * time.Minute)}}},
			"charts": []map[string]any{{"service": "ledger", "name": "errors", "points": []map[string]any{{"ts": t0, "value": 1}, {"ts": t0.Add(time.Minute), "value": 9}}}}},
	})
	return b
}

func TestBuild(t *testing.T) {
	inc := incident.Incident{ID: "inc-1", Title: "Ledger writes failing", Service: "ledger", Owner: "dana", Status: incident.StatusOpen, CreatedAt: t0}
	alerts := func(fp string, start time.Time) map[string]any {
		return map[string]any{"count": 1, "alerts": []map[string]any{{"fingerprint": fp, "starts_at": start, "title": "writes failing"}}}
	}
	blamed := map[string]any{"SHA": "89abcdef0123456789abcdef0123456789abcdef", "Author": "femi", "Subject": "batch size 1000",
		"Confidence": 0.53, "Evidence": []string{"+ batch: 1000"}}
	actions := []incident.Action{
		{ID: "a1", Kind: "war_room_channel"}, {ID: "a2", Kind: "meeting_bridge"}, {ID: "a3", Kind: "revert_pr"},
	}
	pending := []incident.Approval{
		{ID: "p1", ActionID: "a1", Kind: incident.WaitApproval, Target: "dana"},
		{ID: "p2", ActionID: "a2", Kind: incident.WaitApproval, Target: "femi", Delegates: []string{"dana"}},
		{ID: "p3", ActionID: "a3", Kind: incident.WaitApproval, Target: "dana"},
		{ID: "p4", ActionID: "a1", Kind: incident.WaitApproval, Target: "femi"},
	}
	for _, tc := range []struct {
		name   string
		events []incident.Event
		viewer string
		check  func(t *testing.T, b briefing.Brief)
	}{
		{"nothing yet", nil, "dana", func(t *testing.T, b briefing.Brief) {
			if b.Severity != "" || b.Cause.Assessed || b.KnownIssue != nil || !b.Since.Equal(t0) || b.Firing {
				t.Errorf("%+v", b)
			}
		}},
		{"alerts: since the earliest start, firing until resolved", []incident.Event{
			ev(t, 1, incident.EventAlert, source, 0, alerts("f1", t0.Add(-3*time.Minute))),
			ev(t, 2, incident.EventAlert, source, time.Minute, alerts("f2", t0.Add(time.Minute))),
			ev(t, 3, incident.EventAlertResolved, source, 2*time.Minute, alerts("f1", t0)),
		}, "", func(t *testing.T, b briefing.Brief) {
			if !b.Since.Equal(t0.Add(-3*time.Minute)) || b.Alerts != 2 || !b.Firing {
				t.Errorf("since %v, %d alerts, firing %v", b.Since, b.Alerts, b.Firing)
			}
		}},
		{"the recorded verdict wins over the analysis's; the cause, known issue, people and telemetry come from the analysis", []incident.Event{
			ev(t, 1, incident.EventToolCall, agent, 0, map[string]any{"tool": "assess_incident", "result": assessment(blamed,
				[]map[string]any{{"id": "KI-3", "title": "Batch too large", "runbook": "lower the batch"}})}),
			ev(t, 2, incident.EventTriaged, agent, time.Minute, map[string]any{"severity": "P1", "confidence": 0.63, "reasons": []string{"all writes fail"}}),
			ev(t, 3, incident.EventSummary, agent, 2*time.Minute, map[string]any{"summary": "revert proposed"}),
		}, "dana", func(t *testing.T, b briefing.Brief) {
			if b.Severity != "P1" || b.Confidence != 0.63 || b.Reasons[0] != "all writes fail" || b.Narrative != "revert proposed" {
				t.Errorf("verdict %s %.2f %v %q", b.Severity, b.Confidence, b.Reasons, b.Narrative)
			}
			if b.Cause.Short() != "89abcde" || b.Cause.Author != "femi" || !b.Cause.Assessed || b.KnownIssue.ID != "KI-3" {
				t.Errorf("cause %+v, known %+v", b.Cause, b.KnownIssue)
			}
			if strings.Join(b.Responders, ",") != "dana,femi" {
				t.Errorf("responders %v", b.Responders)
			}
			tel := b.Telemetry
			if tel == nil || len(tel.Charts) != 1 || len(tel.Markers) != 1 || tel.Markers[0].Label != "ledger abcdef0" || !tel.Onset.Equal(t0.Add(-2*time.Minute)) {
				t.Errorf("telemetry %+v", tel)
			}
		}},
		{"no commit blamed, with an operational cause", []incident.Event{
			ev(t, 1, incident.EventToolCall, agent, 0, map[string]any{"tool": "assess_incident",
				"result": assessment(map[string]any{"OperationalCause": "the certificate expired at 02:59"}, nil)}),
		}, "", func(t *testing.T, b briefing.Brief) {
			if b.Cause.Commit != "" || b.Cause.Operational == "" || b.KnownIssue != nil || b.Severity != "P2" {
				t.Errorf("%+v", b)
			}
		}},
		{"a failed analysis is not read", []incident.Event{
			ev(t, 1, incident.EventToolCall, agent, 0, map[string]any{"tool": "assess_incident", "is_error": true, "result": assessment(blamed, nil)}),
		}, "", func(t *testing.T, b briefing.Brief) {
			if b.Cause.Assessed {
				t.Errorf("%+v", b.Cause)
			}
		}},
		{"what waits for the viewer, as approver or delegate, apart from the rest", nil, "dana", func(t *testing.T, b briefing.Brief) {
			if len(b.Waiting) != 3 || len(b.Others) != 1 || b.Others[0].Approval.ID != "p4" {
				t.Fatalf("waiting %d, others %d", len(b.Waiting), len(b.Others))
			}
			var bundle []string
			for _, w := range b.Waiting {
				if w.Bundled {
					bundle = append(bundle, w.Action.Kind)
				}
			}
			if strings.Join(bundle, ",") != "war_room_channel,meeting_bridge" {
				t.Errorf("bundle %v (the revert is decided alone)", bundle)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, briefing.Build(inc, tc.events, actions, pending, tc.viewer))
		})
	}
}

func TestSentence(t *testing.T) {
	for _, tc := range []struct {
		typ   incident.EventType
		actor incident.Actor
		data  any
		want  string
		kind  briefing.Kind
	}{
		{incident.EventCreated, source, map[string]any{}, "Grafana opened the incident", briefing.KindSignal},
		{incident.EventAlert, source, map[string]any{"count": 3, "alerts": []map[string]any{{"title": "disk full"}}}, "3 alerts fired from grafana: disk full", briefing.KindSignal},
		{incident.EventReport, incident.Actor{ID: "slack:U1", Type: incident.ActorHuman}, map[string]any{"user": "U1", "channel": "#ops", "text": "orders stuck"}, "@U1 reported in #ops: “orders stuck”", briefing.KindSignal},
		{incident.EventTriaged, agent, map[string]any{"severity": "P1", "previous": "P2", "confidence": 0.7}, "The agent rated it P2 → P1 (confidence 0.70)", briefing.KindAgent},
		{incident.EventReasoning, agent, map[string]any{"round": 2, "calls": []map[string]any{{"name": "recent_commits"}}}, "The agent decided to call recent_commits (round 2)", briefing.KindAgent},
		{incident.EventToolCall, agent, map[string]any{"tool": "search_logs", "is_error": true}, "The agent's call to search_logs failed", briefing.KindAgent},
		{incident.EventActionProposed, agent, map[string]any{"kind": "revert_pr", "target": "github:acme/ledger"}, "The agent proposed revert_pr on github:acme/ledger", briefing.KindAction},
		{incident.EventApprovalRequested, incident.System, map[string]any{"kind": "revert_pr", "waiting_for": "dana"}, "Waiting for @dana to approve revert_pr", briefing.KindGate},
		{incident.EventApprovalDecided, dana, map[string]any{"kind": "revert_pr", "decision": "approved", "wait": "approval"}, "@dana approved revert_pr", briefing.KindGate},
		{incident.EventApprovalDecided, dana, map[string]any{"kind": "revert_pr", "decision": "approved", "wait": "reauth"}, "@dana re-authorized revert_pr", briefing.KindGate},
		{incident.EventApprovalEscalated, incident.System, map[string]any{"waiting_for": "dana", "may_also_decide": []string{"femi"}}, "@dana did not answer: escalated to @femi", briefing.KindGate},
		{incident.EventActionExecuting, dana, map[string]any{"kind": "revert_pr", "run_as": "dana", "attempt": 2}, "revert_pr started as @dana (attempt 2)", briefing.KindAction},
		{incident.EventActionSucceeded, dana, map[string]any{"kind": "revert_pr", "run_as": "dana", "result": map[string]any{"summary": "PR #4 opened"}}, "revert_pr succeeded as @dana: PR #4 opened", briefing.KindAction},
		{incident.EventActionFailed, dana, map[string]any{"kind": "merge_pr", "run_as": "dana"}, "merge_pr failed as @dana", briefing.KindAction},
		{incident.EventStatusChanged, dana, map[string]any{"status": "resolved"}, "@dana marked the incident resolved", briefing.KindHuman},
		{incident.EventNote, dana, map[string]any{"text": "x"}, "@dana added a note", briefing.KindHuman},
	} {
		t.Run(string(tc.typ), func(t *testing.T) {
			e := ev(t, 1, tc.typ, tc.actor, 0, tc.data)
			if got := briefing.Sentence(e); got != tc.want {
				t.Errorf("sentence %q, want %q", got, tc.want)
			}
			if got := briefing.KindOf(e); got != tc.kind {
				t.Errorf("kind %s, want %s", got, tc.kind)
			}
		})
	}
}

func TestPostmortem(t *testing.T) {
	inc := incident.Incident{ID: "inc-1", Title: "Ledger | writes # failing", Service: "ledger", Owner: "dana", Status: incident.StatusResolved, CreatedAt: t0}
	actions := []incident.Action{{ID: "a1", Kind: "revert_pr", Target: "github:acme/ledger", Status: incident.ActionSucceeded, ApprovedBy: "dana"},
		{ID: "a2", Kind: "page_responders", Target: "pagerduty:ledger", Status: incident.ActionDeclined}}
	events := []incident.Event{
		ev(t, 1, incident.EventCreated, source, 0, map[string]any{}),
		ev(t, 2, incident.EventToolCall, agent, time.Minute, map[string]any{"tool": "assess_incident"}),
		ev(t, 3, incident.EventActionProposed, agent, 2*time.Minute, map[string]any{"action_id": "a1", "kind": "revert_pr", "target": "github:acme/ledger"}),
		ev(t, 4, incident.EventActionProposed, agent, 2*time.Minute, map[string]any{"action_id": "a2", "kind": "page_responders"}),
		ev(t, 5, incident.EventApprovalDecided, dana, 3*time.Minute, map[string]any{"action_id": "a1", "kind": "revert_pr", "decision": "approved", "wait": "approval"}),
		ev(t, 6, incident.EventApprovalDecided, dana, 3*time.Minute, map[string]any{"action_id": "a2", "kind": "page_responders", "decision": "declined", "wait": "approval"}),
		ev(t, 7, incident.EventActionSucceeded, dana, 4*time.Minute, map[string]any{"action_id": "a1", "kind": "revert_pr", "run_as": "dana",
			"result": map[string]any{"summary": "PR #4 opened"}, "gates": []map[string]any{{"gate": "fga", "passed": true}, {"gate": "scope", "passed": true}}}),
		ev(t, 8, incident.EventStatusChanged, dana, 40*time.Minute, map[string]any{"status": "resolved"}),
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no time zone database")
	}
	b := briefing.Build(inc, events, actions, nil, "")
	pm := briefing.BuildPostmortem(b, events, actions, tokyo, t0.Add(time.Hour))
	if !pm.Resolved.Equal(t0.Add(40*time.Minute)) || pm.Duration() != 40*time.Minute {
		t.Errorf("resolved %v after %v", pm.Resolved, pm.Duration())
	}
	if len(pm.Timeline) != 7 {
		t.Errorf("timeline has %d moments, want 7 (the tool call left out)", len(pm.Timeline))
	}
	rev, page := pm.Actions[0], pm.Actions[1]
	if rev.ProposedBy != "the agent" || rev.DecidedBy != "dana" || rev.Decision != "approved" || rev.Summary != "PR #4 opened" || len(rev.Gates) != 2 {
		t.Errorf("revert %+v", rev)
	}
	if page.Decision != "declined" || page.Action.ApprovedBy != "" {
		t.Errorf("page %+v", page)
	}
	md, err := pm.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	s := string(md)
	for _, want := range []string{
		`# Postmortem: Ledger \| writes \# failing`, "12:00:00 JST", "| revert\\_pr | github:acme/ledger | the agent | @dana (approved) | @dana | succeeded: PR \\#4 opened | fga passed, scope passed |",
		"## What went well", "## Follow-ups", "after 40m0s",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q:\n%s", want, s)
		}
	}
}
