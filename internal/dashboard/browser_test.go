package dashboard_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/browsertest"
	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/identity"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/roster"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/vault"
)

// browserEnv is the dashboard behind the demo sign-in, with a running
// engine whose executor finishes an action when the test lets it.
type browserEnv struct {
	*env
	srv *httptest.Server
}

func newBrowserEnv(t *testing.T, d store.Dialect, exec *fakeExecutor) *browserEnv {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, d)
	executors := map[string]action.Executor{}
	for _, k := range action.Kinds() {
		executors[k] = exec
	}
	eng, err := engine.New(st, engine.Options{Executors: executors,
		Logger: quiet, PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Start(ctx); err != nil {
		t.Fatal(err)
	}
	hub := live.New(st, live.Options{Logger: quiet})
	if err := hub.Start(ctx); err != nil {
		t.Fatal(err)
	}
	demo, err := identity.NewDemoLogin(testTeam)
	if err != nil {
		t.Fatal(err)
	}
	team := testTeam
	dash, err := dashboard.New(dashboard.Options{Store: st, Decider: eng, Live: hub, Access: policy{}, Team: team, Logger: quiet,
		Viewer: func(r *http.Request) (string, bool) { v, ok := demo.Viewer(r); return v.Engineer, ok },
		Authz: fakeAuthz{tuples: []authz.Tuple{
			{User: "user:alice", Relation: "member", Object: "team:payments"},
			{User: "user:bob", Relation: "member", Object: "team:payments"},
			{User: "team:payments#member", Relation: "executor", Object: authz.TargetID("github", "acme/checkout")},
			{User: "user:alice", Relation: "approver", Object: authz.TargetID("github", "acme/app-config")},
			{User: "user:bob", Relation: "approver", Object: authz.TargetID("github", "acme/app-config")},
		}},
		KnownIssues: []incident.KnownIssue{
			{ID: "KI-7", Title: "Checkout 5xx after a config push", Domains: []string{"payments"},
				Symptoms: "5xx on /checkout within minutes of an app-config change", Runbook: "revert the config PR, then purge the CDN"},
			{ID: "KI-12", Title: "Connection pool exhaustion", Domains: []string{"database"},
				Symptoms: "p99 latency climbs, then timeouts", Runbook: "raise the pool, restart the worst pods"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for pattern, h := range dash.Routes() {
		mux.Handle(pattern, h)
	}
	mux.Handle("GET /login", demo.PageHandler())
	mux.Handle("POST /login", demo.SignInHandler())
	mux.Handle("POST /logout", demo.LogoutHandler())
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		hub.Close() // ends the streams, so the server can close
		srv.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = eng.Stop(sctx)
	})
	return &browserEnv{env: &env{t: t, st: st, eng: eng, hub: hub, srv: srv, exec: exec}, srv: srv}
}

func signIn(t *testing.T, ctx context.Context, base, engineer string) {
	t.Helper()
	browsertest.Do(t, ctx, "sign in as "+engineer,
		chromedp.Navigate(base+"/login"),
		chromedp.Click(chromedp.CSS(`button[value="`+engineer+`"]`)),
		chromedp.WaitVisible(chromedp.ID("incident-rows")),
		liveOn())
	if who := browsertest.Eval[string](t, ctx, `document.getElementById('signed-in-as').dataset.engineer`); who != engineer {
		t.Fatalf("signed in as %q, want %q", who, engineer)
	}
}

// liveOn waits until the page's event stream is connected.
func liveOn() chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](`document.querySelector('#live-status.on') !== null`)
}

// TestBrowser drives a real chromium: the on-call engineer signs in, sees an
// incident arrive live, watches the agent's activity and an approval request
// appear, approves it and watches the action complete; another engineer sees
// the same request with no approve button. With WARROOM_SCREENSHOTS=1 it
// saves the main pages under docs/screenshots/.
func TestBrowser(t *testing.T) {
	browsertest.Chromium(t)
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ex := &fakeExecutor{release: make(chan struct{})}
		e := newBrowserEnv(t, d, ex)
		b := browsertest.Browser(t)
		onCallTab, otherTab := browsertest.Tab(t, b), browsertest.Tab(t, b)
		base := e.srv.URL
		ctx := context.Background()

		// Whoever the roster puts on call now owns the new incident and is
		// asked to approve; the other rotation member is "someone else".
		onCall := roster.Owner(testTeam, "checkout", time.Now())
		other := map[string]string{"alice": "bob", "bob": "alice"}[onCall]
		signIn(t, onCallTab, base, onCall)
		browsertest.Eval[bool](t, onCallTab, `(window.notReloaded = true)`)
		inc, err := e.eng.OpenIncident(ctx, "Checkout 5xx after config push", "checkout", onCall, incident.SevP1, incident.System)
		if err != nil {
			t.Fatal(err)
		}
		browsertest.Do(t, onCallTab, "the new incident arrives in the list without a reload",
			chromedp.WaitVisible(chromedp.CSS(`#inc-`+inc.ID)))
		if !browsertest.Eval[bool](t, onCallTab, `window.notReloaded === true`) {
			t.Fatal("the list page reloaded to show the incident")
		}
		browsertest.Do(t, onCallTab, "open the incident",
			chromedp.Click(chromedp.CSS(`#inc-`+inc.ID+` a`)),
			chromedp.WaitVisible(chromedp.ID("timeline")),
			liveOn())

		// The agent works; its reasoning and tool call (args apart from injected) appear live.
		agentWorks(t, e.env, inc)
		browsertest.Do(t, onCallTab, "the tool call appears with args and injected apart",
			chromedp.WaitVisible(chromedp.CSS(`li[data-type="agent.tool_call"] .block.injected`)))
		args := browsertest.Eval[string](t, onCallTab, `document.querySelector('li[data-type="agent.tool_call"] .block.args pre').textContent`)
		injected := browsertest.Eval[string](t, onCallTab, `document.querySelector('li[data-type="agent.tool_call"] .block.injected pre').textContent`)
		if !strings.Contains(args, "5xx") || strings.Contains(args, "incident_id") || !strings.Contains(injected, inc.ID) {
			t.Fatalf("args %q / injected %q", args, injected)
		}

		a, ap := e.propose(inc.ID, onCall)
		card := `#approval-` + ap.ID
		browsertest.Do(t, onCallTab, "the approval request appears with Approve for the on-call engineer",
			chromedp.WaitVisible(chromedp.CSS(card+` button[value="approved"]`)))

		// Someone else sees the request, but no button: it waits for the on-call engineer.
		signIn(t, otherTab, base, other)
		browsertest.Do(t, otherTab, "someone else opens the incident",
			chromedp.Navigate(base+"/incidents/"+inc.ID),
			chromedp.WaitVisible(chromedp.CSS(card)),
			liveOn())
		if n := browsertest.Eval[int](t, otherTab, `document.querySelectorAll('button[value="approved"], button[value="declined"]').length`); n != 0 {
			t.Fatalf("%s sees %d decision buttons", other, n)
		}
		if text := browsertest.Eval[string](t, otherTab, `document.querySelector('`+card+`').innerText`); !strings.Contains(text, "waiting for @"+onCall) {
			t.Fatalf("%s's card says %q", other, text)
		}

		saveScreenshots(t, d, onCallTab, base, inc.ID, "detail-pending")

		// The on-call engineer approves; the action runs as them and completes while they watch.
		browsertest.Do(t, onCallTab, "approve",
			chromedp.Click(chromedp.CSS(card+` button[value="approved"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#action-`+a.ID+`[data-status="executing"]`)),
			liveOn())
		close(ex.release)
		browsertest.Do(t, onCallTab, "the action completes live",
			chromedp.WaitVisible(chromedp.CSS(`#action-`+a.ID+`[data-status="succeeded"]`)),
			chromedp.WaitVisible(chromedp.CSS(`li[data-type="action.succeeded"]`)))
		if text := browsertest.Eval[string](t, onCallTab, `document.querySelector('#action-`+a.ID+`').innerText`); !strings.Contains(text, "@"+onCall) {
			t.Fatalf("the action row does not show it ran as %s: %q", onCall, text)
		}
		// The other page followed too, and never offered a button.
		browsertest.Do(t, otherTab, "someone else sees the outcome live",
			chromedp.WaitVisible(chromedp.CSS(`#action-`+a.ID+`[data-status="succeeded"]`)))
		if ran := ex.ranAs(); len(ran) != 1 || ran[0] != onCall {
			t.Fatalf("the action ran as %v", ran)
		}

		// A note from the page, then the rest of the screenshots.
		browsertest.Do(t, onCallTab, "add a note",
			chromedp.SendKeys(chromedp.ID("note-text"), "RCA: config push disabled the payment provider's retry; reverted."),
			chromedp.Click(chromedp.CSS(`form.note button`)),
			chromedp.WaitVisible(chromedp.CSS(`li[data-type="incident.note"]`)))
		if err := e.st.PutGrant(ctx, vault.Grant{Engineer: onCall, Provider: "github", KeyID: "k1", Nonce: []byte("n"),
			Ciphertext: []byte("sealed"), Scopes: []string{"repo", "read:org"}}); err != nil {
			t.Fatal(err)
		}
		if err := e.st.PutGrant(ctx, vault.Grant{Engineer: onCall, Provider: "slack", KeyID: "k1", Nonce: []byte("n"),
			Ciphertext: []byte("sealed"), Scopes: []string{"channels:manage", "chat:write"}}); err != nil {
			t.Fatal(err)
		}
		// Older incidents, for a fuller list.
		for _, o := range []struct {
			title string
			sev   incident.Severity
			to    incident.Status
		}{{"Search latency p99 above 2s", incident.SevP2, incident.StatusMitigating}, {"Nightly export job failed", incident.SevP3, incident.StatusResolved}} {
			old, err := e.eng.OpenIncident(ctx, o.title, "checkout", other, o.sev, incident.System)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.eng.SetStatus(ctx, old.ID, o.to, incident.Actor{ID: other, Type: incident.ActorHuman}); err != nil {
				t.Fatal(err)
			}
		}
		browsertest.Do(t, onCallTab, "audit page", chromedp.Navigate(base+"/audit"), chromedp.WaitVisible(chromedp.ID("chain-status")))
		if s := browsertest.Eval[string](t, onCallTab, `document.getElementById('chain-status').innerText`); !strings.Contains(s, "Chain intact") {
			t.Fatalf("audit status %q", s)
		}
		saveScreenshots(t, d, onCallTab, base, inc.ID, "rest")

		if d != store.SQLite {
			return // what follows is layout, the same on both stores
		}
		// Every page passes axe-core's WCAG A and AA rules (no serious or
		// critical violation), the sign-in page too; and on a phone (390 px)
		// no page scrolls sideways.
		pages := []struct{ name, path, wait string }{
			{"incident-list", "/", "#incident-rows"}, {"", "/incidents/" + inc.ID, "#summary"},
			{"incident-audit", "/incidents/" + inc.ID + "/audit", "#chain-status"}, {"", "/incidents/" + inc.ID + "/postmortem", ".postmortem"},
			{"audit", "/audit", "#chain-status"}, {"consent", "/consent", "#grants"}, {"team", "/team", "#rotations"},
			{"", "/incidents/no-such-incident", ".error-page"},
		}
		for _, p := range pages {
			browsertest.Do(t, onCallTab, "open "+p.path, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
			browsertest.Axe(t, onCallTab, p.path)
		}
		visitor := browsertest.Tab(t, b)
		browsertest.Do(t, visitor, "open the sign-in page", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("button")))
		browsertest.Axe(t, visitor, "/login")
		browsertest.Do(t, onCallTab, "phone-sized viewport", chromedp.EmulateViewport(390, 844))
		for _, p := range pages {
			browsertest.Do(t, onCallTab, "open "+p.path+" on a phone", chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
			browsertest.NoSideScroll(t, onCallTab, p.path+" at 390 px")
			if p.name != "" {
				saveBriefingShot(t, d, onCallTab, base+p.path, p.wait, p.name+"-phone")
			}
		}
	})
}

// agentWorks records what the agent harness records for one round: its
// reasoning, then a tool call whose args came from the model and whose
// incident id was injected by WarRoom.
func agentWorks(t *testing.T, e *env, inc incident.Incident) {
	t.Helper()
	ctx := context.Background()
	agent := incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}
	args := json.RawMessage(`{"query":"5xx rate by deploy","window":"30m"}`)
	evs := []struct {
		typ  incident.EventType
		data any
	}{
		{incident.EventTriaged, map[string]any{"severity": "P1", "confidence": 0.92, "why": "checkout 5xx above 8% for 5 minutes on a tier-1 service"}},
		{incident.EventReasoning, map[string]any{"round": 1, "reasoning": "The 5xx spike began two minutes after an app-config push. Check recent deploys and the error breakdown.",
			"calls": []map[string]any{{"id": "c1", "name": "recent_deploys", "args": args}}}},
		{incident.EventToolCall, map[string]any{"round": 1, "call_id": "c1", "tool": "recent_deploys", "class": "open", "args": args,
			"injected": map[string]string{"incident_id": inc.ID, "service": "checkout", "repo": "acme/checkout"},
			"result":   map[string]any{"deploys": []string{"app-config#418 (12 min ago)", "checkout#2203 (3 h ago)"}}}},
	}
	for _, x := range evs {
		ev, err := incident.NewEvent(inc.ID, x.typ, agent, time.Now(), x.data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AppendEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.st.AppendAudit(ctx, audit.Entry{At: time.Now(), Actor: agent, IncidentID: inc.ID, Action: "agent.tool:recent_deploys",
		TargetSystem: "github", TargetResource: "acme/checkout", Outcome: audit.OutcomeSuccess, Detail: "2 deploys"}); err != nil {
		t.Fatal(err)
	}
}

// saveScreenshots writes PNGs of the main pages when WARROOM_SCREENSHOTS=1
// (once, from the SQLite run).
func saveScreenshots(t *testing.T, d store.Dialect, ctx context.Context, base, incidentID, phase string) {
	t.Helper()
	if os.Getenv("WARROOM_SCREENSHOTS") != "1" || d != store.SQLite {
		return
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := map[string][]struct{ name, path, wait string }{
		"detail-pending": {{"incident-detail", "/incidents/" + incidentID, "#timeline"}},
		"rest": {
			{"incident-list", "/", "#incident-rows"},
			{"audit", "/audit", "#chain-status"},
			{"consent", "/consent", "#grants"},
			{"team", "/team", "#rotations"},
		},
	}
	for _, s := range shots[phase] {
		browsertest.Do(t, ctx, "screenshot "+s.name, chromedp.Navigate(base+s.path), chromedp.WaitVisible(chromedp.CSS(s.wait)))
		time.Sleep(300 * time.Millisecond) // let the live panel settle
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
