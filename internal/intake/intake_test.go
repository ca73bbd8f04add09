package intake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

type clock struct{ ns atomic.Int64 }

func newClock() *clock                   { c := &clock{}; c.ns.Store(t0.UnixNano()); return c }
func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

var team = config.Team{
	Engineers: []config.Engineer{{ID: "alice"}, {ID: "bob"}, {ID: "dan"}},
	Rotations: []config.Rotation{
		{Name: "primary", Members: []string{"alice", "bob"}, Start: t0.Add(-time.Hour), ShiftHours: 12},
		{Name: "data", Members: []string{"dan"}, Start: t0.Add(-time.Hour), ShiftHours: 12},
	},
	Services: []config.Service{{Name: "checkout-api", Rotation: "primary"}, {Name: "ledger", Rotation: "data"}},
}

// keywordClassifier stands in for the triage package's classifier: intake
// only needs a decision and its reasons.
func keywordClassifier(text string, services []string) intake.Classification {
	c := intake.Classification{Reasons: []string{}}
	for _, s := range services {
		if strings.Contains(text, s) {
			c.Service = s
		}
	}
	c.Text = strings.ReplaceAll(text, "<!here> ", "")
	if strings.Contains(text, "down") {
		c.Incident, c.Score, c.Reasons = true, 0.9, []string{"mentions an outage: 'down'"}
	} else {
		c.Reasons = []string{"no sign of impact"}
	}
	return c
}

type harness struct {
	st  *store.Store
	eng *engine.Engine
	in  *intake.Intake
	clk *clock
}

func newHarness(t *testing.T, d store.Dialect) *harness {
	t.Helper()
	return newHarnessWith(t, d, intake.Options{})
}

// newHarnessWith is newHarness with opts (team, window, classifier and
// logger are the harness's).
func newHarnessWith(t *testing.T, d store.Dialect, opts intake.Options) *harness {
	t.Helper()
	st := storetest.Open(t, d)
	clk := newClock()
	opts.Team, opts.Window, opts.Classify, opts.MinPassInterval = team, 30*time.Minute, keywordClassifier, 300*time.Millisecond
	eng, in := startIntake(t, st, opts, clk.now)
	return &harness{st: st, eng: eng, in: in, clk: clk}
}

// startIntake runs an intake on st, as the app runs it, with an engine for the grouping steps; both stop at
// the end of the test. clock is the engine's (nil: the real one).
func startIntake(t *testing.T, st *store.Store, opts intake.Options, clock func() time.Time) (*engine.Engine, *intake.Intake) {
	t.Helper()
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	gr := intake.NewGrouper(st, opts)
	eng, err := engine.New(st, engine.Options{Steps: []engine.Steps{gr}, Queues: map[string]int{intake.Queue: 1},
		Clock: clock, PollInterval: 20 * time.Millisecond, Logger: opts.Logger})
	if err != nil {
		t.Fatal(err)
	}
	in := intake.New(st, eng, gr, opts)
	go in.Run()
	ctx, cancel := context.WithCancel(context.Background())
	if err := eng.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = eng.Stop(sctx)
		cancel()
	})
	return eng, in
}

func alert(service, title, fp string, status incident.AlertStatus, starts time.Time) incident.Alert {
	return incident.Alert{Source: "alertmanager", Fingerprint: fp, Status: status, Service: service, Title: title,
		Severity: "critical", Labels: map[string]string{"service": service, "alertname": title}, StartsAt: starts,
		Raw: json.RawMessage(fmt.Sprintf(`{"fingerprint":%q}`, fp))}
}

func (h *harness) accept(t *testing.T, alerts ...incident.Alert) {
	t.Helper()
	if err := h.in.Accept(context.Background(), intake.Delivery{Source: "alertmanager", Alerts: alerts}); err != nil {
		t.Fatal(err)
	}
}

// settle waits until nothing is left to group.
func (h *harness) settle(t *testing.T) {
	t.Helper()
	storetest.WaitForGrouping(t, h.st, 30*time.Second)
}

func (h *harness) incidents(t *testing.T) []incident.Incident {
	t.Helper()
	incs, err := h.st.ListIncidents(context.Background(), store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return incs
}

func (h *harness) events(t *testing.T, incID string, typ incident.EventType) []incident.Event {
	t.Helper()
	evs, err := h.st.ListEvents(context.Background(), incID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []incident.Event
	for _, ev := range evs {
		if ev.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

func byService(incs []incident.Incident) map[string][]incident.Incident {
	out := map[string][]incident.Incident{}
	for _, i := range incs {
		out[i.Service] = append(out[i.Service], i)
	}
	return out
}

func TestDuplicatesAreOneEpisodeAndOneIncident(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		a := alert("checkout-api", "CheckoutHighErrorRate", "fp-1", incident.AlertFiring, t0)
		for range 3 {
			h.accept(t, a)
		}
		h.settle(t)
		episodes, deliveries, err := h.st.AlertCounts(context.Background())
		if err != nil || episodes != 1 || deliveries != 3 {
			t.Fatalf("episodes %d deliveries %d (%v); want 1 and 3", episodes, deliveries, err)
		}
		incs := h.incidents(t)
		if len(incs) != 1 {
			t.Fatalf("incidents = %d, want 1", len(incs))
		}
		if incs[0].Owner != "alice" || incs[0].Service != "checkout-api" || incs[0].Title != "CheckoutHighErrorRate" {
			t.Fatalf("incident %+v; want owner alice (on call in primary at t0)", incs[0])
		}
		if n := len(h.events(t, incs[0].ID, incident.EventAlert)); n != 1 {
			t.Fatalf("alert.received events = %d, want 1", n)
		}
	})
}

func TestGroupingByServiceAndWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		h.accept(t,
			alert("checkout-api", "HighErrorRate", "fp-1", incident.AlertFiring, t0),
			alert("checkout-api", "HighLatency", "fp-2", incident.AlertFiring, t0),
			alert("ledger", "EntriesDropped", "fp-3", incident.AlertFiring, t0))
		h.settle(t)
		h.clk.advance(20 * time.Minute) // inside the 30-minute window
		h.accept(t, alert("checkout-api", "PodRestarts", "fp-4", incident.AlertFiring, t0.Add(20*time.Minute)))
		h.settle(t)
		got := byService(h.incidents(t))
		if len(got["checkout-api"]) != 1 || len(got["ledger"]) != 1 {
			t.Fatalf("incidents by service: %v", got)
		}
		if got["ledger"][0].Owner != "dan" {
			t.Fatalf("ledger owner = %s, want dan (the data rotation)", got["ledger"][0].Owner)
		}
		alerts, _ := h.st.AlertsOfIncident(context.Background(), got["checkout-api"][0].ID)
		if len(alerts) != 3 {
			t.Fatalf("checkout incident holds %d alerts, want 3", len(alerts))
		}

		h.clk.advance(31 * time.Minute) // the group went quiet for longer than the window
		h.accept(t, alert("checkout-api", "HighErrorRate", "fp-1", incident.AlertFiring, t0.Add(51*time.Minute)))
		h.settle(t)
		got = byService(h.incidents(t))
		if len(got["checkout-api"]) != 2 {
			t.Fatalf("checkout incidents after a quiet window = %d, want 2", len(got["checkout-api"]))
		}
		// The owner was fixed at registration: the new incident is bob's
		// (the shift changed at t0+11h? no: same shift), the old one unchanged.
		for _, inc := range got["checkout-api"] {
			if inc.Owner != "alice" {
				t.Fatalf("owner %s, want alice", inc.Owner)
			}
		}
	})
}

// Alerts the source's routing sent in one notification group join one
// incident even when they name different services; alerts of those
// services outside the group still group by service, and another group's
// alerts of another service open their own incident.
func TestAlertmanagerGroupIsOneIncident(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		grouped := func(a incident.Alert, group string) incident.Alert { a.Group = group; return a }
		team := `{}/{team="integrations"}:{team="integrations"}`
		h.accept(t,
			grouped(alert("webhook-dispatcher", "DeliverySuccessLow", "fp-1", incident.AlertFiring, t0), team),
			grouped(alert("automation-runner", "InboundRejected", "fp-2", incident.AlertFiring, t0.Add(time.Minute)), team))
		h.settle(t)
		h.clk.advance(5 * time.Minute)
		// A later notification of the same group, a third service.
		h.accept(t, grouped(alert("webhook-admin", "AdminErrors", "fp-3", incident.AlertFiring, t0.Add(5*time.Minute)), team))
		// Another group, another service: its own incident.
		h.accept(t, grouped(alert("ledger", "EntriesDropped", "fp-4", incident.AlertFiring, t0.Add(5*time.Minute)), `{}/{team="data"}:{team="data"}`))
		h.settle(t)
		incs := h.incidents(t)
		if len(incs) != 2 {
			t.Fatalf("incidents = %d, want 2 (the integrations group and ledger)", len(incs))
		}
		got := byService(incs)
		if len(got["webhook-dispatcher"]) != 1 || len(got["ledger"]) != 1 {
			t.Fatalf("incidents by service: %v; want the group's under its first alert's service", got)
		}
		alerts, _ := h.st.AlertsOfIncident(context.Background(), got["webhook-dispatcher"][0].ID)
		if len(alerts) != 3 {
			t.Fatalf("the group's incident holds %d alerts, want 3", len(alerts))
		}
		for _, a := range alerts {
			if a.Group != team {
				t.Errorf("alert %s group %q, want it kept", a.Fingerprint, a.Group)
			}
		}

		// The group keeps the incident alive: after more than the window
		// of group-only alerts, an alert of the first service without the
		// group still joins it.
		for _, at := range []time.Duration{25 * time.Minute, 50 * time.Minute} {
			h.clk.advance(at - h.clk.now().Sub(t0))
			h.accept(t, grouped(alert("automation-runner", "InboundRejected", "fp-2", incident.AlertFiring, t0.Add(at)), team))
			h.settle(t)
		}
		h.clk.advance(5 * time.Minute)
		h.accept(t, alert("webhook-dispatcher", "QueueBacklog", "fp-5", incident.AlertFiring, t0.Add(55*time.Minute)))
		h.settle(t)
		if got := byService(h.incidents(t)); len(got["webhook-dispatcher"]) != 1 {
			t.Fatalf("after group-only alerts, incidents of webhook-dispatcher = %d, want 1 (the group's)", len(got["webhook-dispatcher"]))
		}
	})
}

func TestAlertStormIsOneIncident(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		const senders, perSender, perDelivery = 8, 25, 5
		var wg sync.WaitGroup
		errs := make(chan error, senders)
		for s := range senders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perSender {
					var batch []incident.Alert
					for j := range perDelivery {
						fp := fmt.Sprintf("fp-%d-%d-%d", s, i, j)
						batch = append(batch, alert("checkout-api", "Pod "+fp+" crashlooping", fp, incident.AlertFiring, t0))
					}
					if err := h.in.Accept(context.Background(), intake.Delivery{Source: "alertmanager", Alerts: batch}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		h.settle(t)
		incs := h.incidents(t)
		if len(incs) != 1 {
			t.Fatalf("a storm of %d alerts made %d incidents, want 1", senders*perSender*perDelivery, len(incs))
		}
		episodes, _, _ := h.st.AlertCounts(context.Background())
		if episodes != senders*perSender*perDelivery {
			t.Fatalf("stored %d alerts, want %d: an acknowledged alert was lost", episodes, senders*perSender*perDelivery)
		}
		evs := h.events(t, incs[0].ID, incident.EventAlert)
		total := 0
		for _, ev := range evs {
			var data struct{ Count int }
			_ = json.Unmarshal(ev.Data, &data)
			total += data.Count
		}
		if total != senders*perSender*perDelivery || len(evs) > 20 {
			t.Fatalf("%d alert.received events covering %d alerts; want few events covering all %d", len(evs), total, senders*perSender*perDelivery)
		}
	})
}

func TestResolutionIsProposedWhenEveryAlertResolved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		a1 := alert("checkout-api", "HighErrorRate", "fp-1", incident.AlertFiring, t0)
		a2 := alert("checkout-api", "HighLatency", "fp-2", incident.AlertFiring, t0)
		h.accept(t, a1, a2)
		h.settle(t)
		inc := h.incidents(t)[0]

		r1 := a1
		r1.Status, r1.EndsAt = incident.AlertResolved, t0.Add(10*time.Minute)
		h.accept(t, r1)
		h.settle(t)
		if n := len(h.events(t, inc.ID, incident.EventAlertResolved)); n != 1 {
			t.Fatalf("alert.resolved events = %d, want 1", n)
		}
		if n := len(h.events(t, inc.ID, incident.EventResolutionProposed)); n != 0 {
			t.Fatal("resolution proposed while an alert still fires")
		}

		// A re-notification opens a second episode of the same alert...
		renotify := a2
		renotify.StartsAt = t0.Add(5 * time.Minute)
		h.accept(t, renotify)
		h.settle(t)
		// ...and a resolve notice keyed by its resolution time, not its start, resolves both.
		r2 := a2
		r2.Status, r2.StartsAt, r2.EndsAt = incident.AlertResolved, t0.Add(12*time.Minute), t0.Add(12*time.Minute)
		h.accept(t, r2)
		h.settle(t)
		if n := len(h.events(t, inc.ID, incident.EventResolutionProposed)); n != 1 {
			t.Fatalf("resolution proposals = %d, want 1", n)
		}
		got, _ := h.st.GetIncident(context.Background(), inc.ID)
		if got.Status != incident.StatusOpen {
			t.Fatalf("incident is %s: resolution must be proposed to a human, not applied", got.Status)
		}
		if _, err := h.st.VerifyAudit(context.Background()); err != nil {
			t.Fatal(err)
		}
		// A resolve for something never seen firing changes nothing.
		h.accept(t, alert("ledger", "Unknown", "fp-never", incident.AlertResolved, t0))
		h.settle(t)
		if n := len(h.incidents(t)); n != 1 {
			t.Fatalf("incidents = %d, want 1", n)
		}
	})
}

func TestReplayedSignatureStoresNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		del := intake.Delivery{Source: "grafana", Signature: "abc123",
			Alerts: []incident.Alert{alert("checkout-api", "HighErrorRate", "fp-1", incident.AlertFiring, t0)}}
		if err := h.in.Accept(context.Background(), del); err != nil {
			t.Fatal(err)
		}
		if err := h.in.Accept(context.Background(), del); !errors.Is(err, intake.ErrReplayed) {
			t.Fatalf("replay: err = %v, want ErrReplayed", err)
		}
		_, deliveries, _ := h.st.AlertCounts(context.Background())
		if deliveries != 1 {
			t.Fatalf("deliveries = %d after a replay, want 1", deliveries)
		}
		// Invalid alerts are refused before anything is queued.
		bad := intake.Delivery{Source: "generic", Alerts: []incident.Alert{{Source: "generic"}}}
		if err := h.in.Accept(context.Background(), bad); !errors.Is(err, incident.ErrInvalid) {
			t.Fatalf("invalid alert: err = %v", err)
		}
	})
}

func TestReportsAreDecidedOnceWithReasons(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		ctx := context.Background()
		reports := []store.Report{
			{ID: "r1", Source: "slack", Channel: "C1", TS: "1.1", EventID: "Ev1", User: "U1", Text: "<!here> checkout-api is down for everyone", ReceivedAt: t0},
			{ID: "r2", Source: "slack", Channel: "C1", TS: "1.2", EventID: "Ev2", User: "U2", Text: "lunch at noon?", ReceivedAt: t0},
		}
		for _, r := range reports {
			if stored, err := h.in.AcceptReport(ctx, r, ""); err != nil || !stored {
				t.Fatalf("report %s: stored %v err %v", r.ID, stored, err)
			}
		}
		// A Slack retry (same event id) and the poller's copy (same channel and ts) are not stored again.
		retry := reports[0]
		retry.ID = "r1-retry"
		if stored, err := h.in.AcceptReport(ctx, retry, ""); err != nil || stored {
			t.Fatalf("retry: stored %v err %v", stored, err)
		}
		polled := reports[0]
		polled.ID, polled.EventID = "r1-polled", ""
		if stored, _ := h.in.AcceptReport(ctx, polled, ""); stored {
			t.Fatal("polled copy stored again")
		}
		h.settle(t)
		got, err := h.st.ListReports(ctx, 10)
		if err != nil || len(got) != 2 {
			t.Fatalf("reports: %d %v", len(got), err)
		}
		decided := map[string]store.Report{}
		for _, r := range got {
			decided[r.ID] = r
		}
		if r := decided["r1"]; r.Decision != "incident" || r.IncidentID == "" || r.Service != "checkout-api" || len(r.Reasons) == 0 {
			t.Fatalf("outage report decided as %+v", r)
		}
		if r := decided["r2"]; r.Decision != "chatter" || r.IncidentID != "" || len(r.Reasons) == 0 {
			t.Fatalf("lunch message decided as %+v", r)
		}
		incs := h.incidents(t)
		if len(incs) != 1 || incs[0].Owner != "alice" || incs[0].Title != "checkout-api is down for everyone" {
			t.Fatalf("incidents %+v", incs)
		}
		evs := h.events(t, incs[0].ID, incident.EventReport)
		if len(evs) != 1 || evs[0].Actor.Type != incident.ActorHuman || !strings.Contains(string(evs[0].Data), "outage") {
			t.Fatalf("report events %+v", evs)
		}
	})
}

// On PostgreSQL a commit tells every replica's grouping loop: alerts another
// replica committed (and, say, died before grouping) are grouped here at
// once, with no step in the queue and no sweep.
func TestAnotherReplicasCommitIsGroupedHere(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.Postgres)
	st, other := storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn)
	_, in := startIntake(t, st, intake.Options{Team: team}, nil)
	t0 := time.Now().UTC().Truncate(time.Second)
	// This replica's own commit, grouped: its first pass is behind it.
	if err := in.Accept(ctx, intake.Delivery{Source: "alertmanager", Alerts: []incident.Alert{
		alert("checkout-api", "Checkout 5xx", "fp-own", incident.AlertFiring, t0)}}); err != nil {
		t.Fatal(err)
	}
	storetest.WaitForGrouping(t, st, 10*time.Second)
	// The other replica commits as an intake does, and does nothing more.
	err := other.InTx(ctx, func(tx *store.Tx) error {
		return tx.UpsertAlerts(ctx, []incident.Alert{alert("search-api", "Search down", "fp-other", incident.AlertFiring, t0)}, t0)
	})
	if err != nil {
		t.Fatal(err)
	}
	storetest.WaitForGrouping(t, st, 5*time.Second)
	incs, err := st.ListIncidents(ctx, store.IncidentFilter{})
	if err != nil || len(incs) != 2 {
		t.Fatalf("incidents %+v, %v: want one per service", incs, err)
	}
}

// A process that crashed between a commit and its grouping pass left the
// alerts waiting: the next start's first pass groups them, with no step in
// the queue to do it.
func TestLocalGrouperGroupsWhatACrashLeft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		t0 := time.Now().UTC().Truncate(time.Second)
		err := st.InTx(ctx, func(tx *store.Tx) error {
			return tx.UpsertAlerts(ctx, []incident.Alert{
				alert("checkout-api", "Checkout 5xx", "fp-1", incident.AlertFiring, t0),
				alert("checkout-api", "Checkout latency", "fp-2", incident.AlertFiring, t0),
			}, t0)
		})
		if err != nil {
			t.Fatal(err)
		}
		startIntake(t, st, intake.Options{Team: team}, nil)
		storetest.WaitForGrouping(t, st, 10*time.Second)
		incs, err := st.ListIncidents(ctx, store.IncidentFilter{})
		if err != nil || len(incs) != 1 || incs[0].Service != "checkout-api" {
			t.Fatalf("incidents %+v, %v: want the two waiting alerts in one", incs, err)
		}
	})
}
