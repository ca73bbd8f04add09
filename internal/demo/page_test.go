package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/warroom/warroom/internal/browsertest"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// The demo's P1, as the new user of the issue tried it: signed in as alice,
// the sample alert fired, the agent done with its first pass. The page is at
// most three screens tall on a desktop (1440×1000), nothing scrolls sideways
// on a phone (390 px), the war room's approval is on the phone's first two
// screens, and axe-core finds no serious violation. It measures layout, not
// the store, so it runs on SQLite only.
func TestDemoIncidentPage(t *testing.T) {
	browsertest.Chromium(t)
	base, st, _ := startDemo(t, store.SQLite, nil)
	ctx := context.Background()
	var incID string
	deadline := time.Now().Add(60 * time.Second)
	for incID == "" || !agentDone(ctx, st, incID) {
		if time.Now().After(deadline) {
			t.Fatal("the demo incident was not triaged within a minute")
		}
		if incs, err := st.ListIncidents(ctx, store.IncidentFilter{}); err == nil && len(incs) == 1 {
			incID = incs[0].ID
		}
		time.Sleep(100 * time.Millisecond)
	}

	b := browsertest.Browser(t)
	tab := browsertest.Tab(t, b)
	browsertest.Do(t, tab, "sign in as alice",
		chromedp.Navigate(base+"/login"), chromedp.Click(chromedp.CSS(`button[value="alice"]`)), chromedp.WaitVisible(chromedp.ID("incident-rows")))
	open := func(what string) {
		browsertest.Do(t, tab, what, chromedp.Navigate(base+"/incidents/"+incID), chromedp.WaitVisible(chromedp.ID("summary")),
			chromedp.Poll[chromedp.Void](`document.querySelector('#live-status.on') !== null`))
		time.Sleep(300 * time.Millisecond) // the panel's first live refresh
	}
	open("open the P1 on a desktop")
	screens := browsertest.Eval[float64](t, tab, `document.documentElement.scrollHeight / window.innerHeight`)
	t.Logf("desktop: %.2f screens", screens)
	if screens > 3 {
		t.Errorf("the P1's page is %.1f screens tall on a desktop, want at most 3", screens)
	}
	browsertest.NoSideScroll(t, tab, "the P1 on a desktop")
	browsertest.Axe(t, tab, "the P1 on a desktop")
	screenshot(t, tab, "incident-demo-desktop")

	browsertest.Do(t, tab, "phone-sized viewport", chromedp.EmulateViewport(390, 844))
	open("open the P1 on a phone")
	browsertest.NoSideScroll(t, tab, "the P1 on a phone")
	browsertest.Axe(t, tab, "the P1 on a phone")
	if top := browsertest.Eval[float64](t, tab, `(document.querySelector('#bundle, #panel .card') || document.body).getBoundingClientRect().top / window.innerHeight`); top > 2 {
		t.Errorf("the first decision is %.1f screens down on a phone", top)
	}
	screenshot(t, tab, "incident-demo-phone")
}

// agentDone reports that the agent finished a pass on the incident.
func agentDone(ctx context.Context, st *store.Store, incID string) bool {
	evs, err := st.ListEvents(ctx, incID, 0, 0)
	if err != nil {
		return false
	}
	for _, ev := range evs {
		if ev.Type == incident.EventSummary {
			return true
		}
	}
	return false
}

// screenshot saves the page under docs/screenshots/ with WARROOM_SCREENSHOTS=1.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("WARROOM_SCREENSHOTS") != "1" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
