package dashboard_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/warroom/warroom/internal/browsertest"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/roster"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

const revertSHA = "0123456789abcdef0123456789abcdef01234567"

// triagedIncident records what the agent records for a triaged P1: the
// built-in analysis's result, the verdict and its summary.
func triagedIncident(t *testing.T, e *env, owner string) incident.Incident {
	t.Helper()
	ctx := context.Background()
	inc, err := e.eng.OpenIncident(ctx, "Checkout 5xx after config push", "checkout", owner, incident.SevUnknown, incident.System)
	if err != nil {
		t.Fatal(err)
	}
	assessment := map[string]any{
		"severity": map[string]any{"Level": "P1", "Confidence": 0.63, "Reasons": []string{"5xx ratio 7.3% on checkout"}},
		"known_issues": []map[string]any{{"id": "KI-7", "title": "Checkout 5xx after a config push",
			"runbook": "revert the config PR, then purge the CDN", "Score": 4.2}},
		"culprit": map[string]any{"SHA": revertSHA, "Repo": "acme/checkout", "Author": "carol", "Subject": "payments: drop provider retry",
			"Confidence": 0.63, "Evidence": []string{"- retries: 3 / + retries: 0 in payments/client.go"}},
		"responders": []map[string]any{{"Engineer": owner}, {"Engineer": "carol"}},
	}
	result, _ := json.Marshal(assessment)
	agent := incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}
	for _, ev := range []struct {
		typ  incident.EventType
		data any
	}{
		{incident.EventToolCall, map[string]any{"tool": "assess_incident", "args": map[string]any{}, "injected": map[string]any{"incident_id": inc.ID}, "result": json.RawMessage(result)}},
		{incident.EventTriaged, map[string]any{"severity": "P1", "confidence": 0.63, "reasons": []string{"5xx ratio 7.3% on checkout", "tier-1 service"}}},
		{incident.EventSummary, map[string]any{"round": 2, "summary": "Checkout fails since the retry removal; revert proposed."}},
	} {
		evt, err := incident.NewEvent(inc.ID, ev.typ, agent, time.Now(), ev.data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AppendEvent(ctx, evt); err != nil {
			t.Fatal(err)
		}
	}
	return inc
}

// proposeKind proposes one action of kind for approver.
func proposeKind(t *testing.T, e *env, incID, kind, target, approver string, params map[string]any) (incident.Action, incident.Approval) {
	t.Helper()
	b, _ := json.Marshal(params)
	a, ap, err := e.eng.Propose(context.Background(), engine.Proposal{IncidentID: incID, Kind: kind, Risk: incident.RiskMedium,
		Class: incident.ClassProtected, Target: target, Params: b, Reason: "from the plan", Approver: approver,
		By: incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}})
	if err != nil {
		t.Fatal(err)
	}
	return a, *ap
}

// TestBrowserBriefing: on a phone (390 px) the on-call engineer reads the
// summary, approves the war room in one decision (each action runs as them),
// decides the revert alone after seeing its change, and reads the
// postmortem; on a desktop (1440 px) the page fits in three screens.
func TestBrowserBriefing(t *testing.T) {
	browsertest.Chromium(t)
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ex := &fakeExecutor{}
		e := newBrowserEnv(t, d, ex)
		b := browsertest.Browser(t)
		phone, desk := browsertest.Tab(t, b), browsertest.Tab(t, b)
		base := e.srv.URL
		onCall := roster.Owner(testTeam, "checkout", time.Now())
		inc := triagedIncident(t, e.env, onCall)
		var bundle []incident.Action
		for _, k := range []struct{ kind, target string }{
			{"war_room_channel", "slack:incident-" + inc.ID}, {"meeting_bridge", "meeting:" + inc.ID}, {"page_responders", "pagerduty:checkout"},
		} {
			a, _ := proposeKind(t, e.env, inc.ID, k.kind, k.target, onCall, map[string]any{"topic": "checkout"})
			bundle = append(bundle, a)
		}
		revert, revertAp := proposeKind(t, e.env, inc.ID, "revert_pr", "github:acme/checkout", onCall,
			map[string]any{"shas": []string{revertSHA}, "reason": "the retry removal broke checkout"})

		browsertest.Do(t, phone, "phone-sized viewport", chromedp.EmulateViewport(390, 844))
		signIn(t, phone, base, onCall)
		browsertest.Do(t, phone, "open the incident on a phone",
			chromedp.Navigate(base+"/incidents/"+inc.ID), chromedp.WaitVisible(chromedp.ID("summary")), liveOn())
		summary := browsertest.Eval[string](t, phone, `document.getElementById('summary').innerText`)
		for _, want := range []string{"P1", "Suspected commit 0123456", "KI-7", "5xx ratio 7.3% on checkout", "Waiting for you", "revert_pr", "@carol"} {
			if !strings.Contains(summary, want) {
				t.Errorf("summary lacks %q:\n%s", want, summary)
			}
		}
		// The summary follows the record live: a new verdict shows without a reload.
		browsertest.Eval[bool](t, phone, `(window.notReloaded = true)`)
		verdict, err := incident.NewEvent(inc.ID, incident.EventTriaged, incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}, time.Now(),
			map[string]any{"severity": "P2", "previous": "P1", "confidence": 0.5, "reasons": []string{"only EU checkouts fail"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AppendEvent(context.Background(), verdict); err != nil {
			t.Fatal(err)
		}
		e.hub.Notify(inc.ID)
		browsertest.Do(t, phone, "the summary shows the new verdict live",
			chromedp.Poll[chromedp.Void](`document.getElementById('summary').innerText.includes('only EU checkouts fail')`))
		if !browsertest.Eval[bool](t, phone, `window.notReloaded === true`) {
			t.Fatal("the page reloaded to show the new verdict")
		}
		browsertest.NoSideScroll(t, phone, "incident page")
		browsertest.Axe(t, phone, "incident page at 390 px")
		if top := browsertest.Eval[float64](t, phone, `document.getElementById('bundle').getBoundingClientRect().top / window.innerHeight`); top > 2 {
			t.Errorf("the bundle's button is %.1f screens down on a phone", top)
		}
		if change := browsertest.Eval[string](t, phone, `document.querySelector('#approval-`+revertAp.ID+` .change').innerText`); !strings.Contains(change, revertSHA) ||
			!strings.Contains(change, "Reverts 0123456 by @carol") || !strings.Contains(change, "retries: 3 / + retries: 0") {
			t.Errorf("the revert's card does not show the commit it reverts and its diff lines: %q", change)
		}
		saveBriefingShot(t, d, phone, base+"/incidents/"+inc.ID, "#summary", "incident-phone")

		browsertest.Do(t, phone, "approve the war room at once",
			chromedp.Click(chromedp.CSS(`#bundle button.approve`)),
			chromedp.WaitVisible(chromedp.CSS(`#action-`+bundle[2].ID+`[data-status="succeeded"]`)))
		for _, a := range bundle {
			browsertest.Do(t, phone, a.Kind+" ran", chromedp.WaitVisible(chromedp.CSS(`#action-`+a.ID+`[data-status="succeeded"]`)))
		}
		if ran := ex.ranAs(); len(ran) != 3 || ran[0] != onCall || ran[1] != onCall || ran[2] != onCall {
			t.Fatalf("the bundle ran as %v, want %s three times", ran, onCall)
		}
		if st := browsertest.Eval[string](t, phone, `document.getElementById('action-`+revert.ID+`').dataset.status`); st != string(incident.ActionAwaitingApproval) {
			t.Fatalf("the revert is %s after the bundle; it must wait for its own decision", st)
		}
		approvals := 0
		for _, ev := range e.events(inc.ID) {
			if ev.Type == incident.EventApprovalDecided && ev.Actor.ID == onCall {
				approvals++
			}
		}
		if approvals != 3 {
			t.Fatalf("the bundle recorded %d decisions, want one per action (3)", approvals)
		}

		browsertest.Do(t, phone, "decide the revert alone",
			chromedp.Click(chromedp.CSS(`#approval-`+revertAp.ID+` button[value="approved"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#action-`+revert.ID+`[data-status="succeeded"]`)))
		if ran := ex.ranAs(); len(ran) != 4 || ran[3] != onCall {
			t.Fatalf("the revert ran as %v", ran)
		}

		browsertest.Do(t, phone, "the postmortem", chromedp.Navigate(base+"/incidents/"+inc.ID+"/postmortem"), chromedp.WaitVisible(chromedp.CSS(`.pm-actions`)))
		pm := browsertest.Eval[string](t, phone, `document.querySelector('.postmortem').innerText`)
		for _, want := range []string{"revert_pr", "approved by @" + onCall, "ran as @" + onCall, "What went well", "KI-7"} {
			if !strings.Contains(pm, want) {
				t.Errorf("postmortem lacks %q", want)
			}
		}
		browsertest.NoSideScroll(t, phone, "postmortem")
		browsertest.Axe(t, phone, "postmortem at 390 px")
		md := browsertest.Eval[string](t, phone, `fetch("/incidents/`+inc.ID+`/postmortem.md").then(r => r.text())`, chromedp.EvalAwaitPromise)
		if !strings.Contains(md, "## Timeline") || !strings.Contains(md, `| revert\_pr |`) {
			t.Errorf("markdown export:\n%s", md)
		}
		saveBriefingShot(t, d, phone, base+"/incidents/"+inc.ID+"/postmortem", ".pm-actions", "postmortem-phone")

		signIn(t, desk, base, onCall)
		browsertest.Do(t, desk, "open the incident on a desktop", chromedp.Navigate(base+"/incidents/"+inc.ID), chromedp.WaitVisible(chromedp.ID("summary")), liveOn())
		if screens := browsertest.Eval[float64](t, desk, `document.documentElement.scrollHeight / window.innerHeight`); screens > 3 {
			t.Errorf("the incident page is %.1f screens tall on a desktop", screens)
		}
		browsertest.NoSideScroll(t, desk, "incident page (desktop)")
		browsertest.Axe(t, desk, "incident page at 1440 px")
		saveBriefingShot(t, d, desk, base+"/incidents/"+inc.ID, "#summary", "incident-desktop")
		saveBriefingShot(t, d, desk, base+"/incidents/"+inc.ID+"/postmortem", ".pm-actions", "postmortem-desktop")
	})
}

// saveBriefingShot saves a screenshot under docs/screenshots/ with
// WARROOM_SCREENSHOTS=1 (SQLite run only).
func saveBriefingShot(t *testing.T, d store.Dialect, ctx context.Context, url, wait, name string) {
	t.Helper()
	if os.Getenv("WARROOM_SCREENSHOTS") != "1" || d != store.SQLite {
		return
	}
	browsertest.Do(t, ctx, "screenshot "+name, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(wait)))
	time.Sleep(300 * time.Millisecond)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
