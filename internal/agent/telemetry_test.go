package agent_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	ghp "github.com/warroom/warroom/internal/provider/github"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
	"github.com/warroom/warroom/internal/sandbox/loki"
	"github.com/warroom/warroom/internal/sandbox/prometheus"
	"github.com/warroom/warroom/internal/sandbox/tempo"
	"github.com/warroom/warroom/internal/sandbox/unleash"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/telemetry"
)

// A ferry operator's booking: booking-api (the alerting service) calls
// seat-inventory, whose database pool runs dry at onset; payments-gw is
// healthy but had a flag flipped and a deploy shortly before, as
// distractors.
func ferryTelemetry(onset time.Time) (telemetry.Data, []telemetry.FlagChange) {
	var d telemetry.Data
	for m := -120; m <= 15; m++ {
		at := onset.Add(time.Duration(m) * time.Minute)
		bad := m >= 0
		errRatio, waitMS, payOK := 0.002+0.0005*float64(m%3), 4.0+float64(m%2), 0.998
		if bad {
			errRatio, waitMS = 0.31, 4900
		}
		d.Metrics = append(d.Metrics,
			telemetry.Sample{TS: at, Service: "booking-api", Name: "http.error_ratio", Value: errRatio, Labels: map[string]string{"route": "/bookings"}},
			telemetry.Sample{TS: at, Service: "seat-inventory", Name: "db.pool.wait_ms_p95", Value: waitMS},
			telemetry.Sample{TS: at, Service: "payments-gw", Name: "charge.success_ratio", Value: payOK})
		if bad {
			d.Logs = append(d.Logs,
				telemetry.LogRecord{TS: at.Add(2 * time.Second), Service: "seat-inventory", Level: "ERROR", Count: 40,
					Msg: fmt.Sprintf("reserve sailing %d: pool exhausted after waiting 5000 ms for a connection", 900+m)},
				telemetry.LogRecord{TS: at.Add(3 * time.Second), Service: "booking-api", Level: "ERROR", Count: 120,
					Msg: "create booking: seat-inventory Reserve: rpc error: code = DeadlineExceeded desc = context deadline exceeded"})
		} else if m%20 == 0 {
			d.Logs = append(d.Logs, telemetry.LogRecord{TS: at, Service: "booking-api", Level: "WARN", Msg: fmt.Sprintf("slow client %d ms", 300+m)})
		}
	}
	for i := range 3 {
		id := fmt.Sprintf("%032x", 0xfe0+i)
		at := onset.Add(time.Duration(i+1) * time.Minute)
		d.Traces = append(d.Traces,
			telemetry.Span{TraceID: id, SpanID: fmt.Sprintf("%016x", 1+10*i), Service: "booking-api", Name: "POST /bookings",
				Start: at, DurationMS: 2010, Status: "ERROR", StatusMessage: "DeadlineExceeded"},
			telemetry.Span{TraceID: id, SpanID: fmt.Sprintf("%016x", 2+10*i), ParentID: fmt.Sprintf("%016x", 1+10*i), Service: "booking-api",
				Name: "seat-inventory.Reserve (client)", Start: at.Add(5 * time.Millisecond), DurationMS: 2001, Status: "ERROR",
				StatusMessage: "DeadlineExceeded", Attrs: map[string]any{"deadline_ms": 2000}},
			telemetry.Span{TraceID: id, SpanID: fmt.Sprintf("%016x", 3+10*i), ParentID: fmt.Sprintf("%016x", 2+10*i), Service: "seat-inventory",
				Name: "db.pool.acquire", Start: at.Add(7 * time.Millisecond), DurationMS: 1990, Status: "ERROR", StatusMessage: "pool exhausted"})
	}
	flags := []telemetry.FlagChange{{TS: onset.Add(-25 * time.Minute), Flag: "payments.new_3ds_flow", Service: "payments-gw", Change: "off->on", Actor: "ines"}}
	return d, flags
}

const telemetrySecret = "tok-telemetry-N0tReal-7f3a"

// requireBearer answers 401 unless the request carries the test token, so
// the tools are shown to authenticate, and their results to omit it.
func requireBearer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+telemetrySecret {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func TestTelemetryTools(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		onset := time.Date(2026, 8, 14, 6, 40, 0, 0, time.UTC)
		data, flagChanges := ferryTelemetry(onset)
		now := func() time.Time { return onset.Add(15 * time.Minute) }

		prom, err := prometheus.New(data, prometheus.WithClock(now))
		must(t, err)
		t.Cleanup(func() { _ = prom.Close() })
		lk, err := loki.New(data, loki.WithClock(now))
		must(t, err)
		tp, err := tempo.New(data)
		must(t, err)
		un, err := unleash.New(flagChanges, "unleash-admin")
		must(t, err)
		serve := func(h http.Handler) string { s := httptest.NewServer(h); t.Cleanup(s.Close); return s.URL }
		tel, err := agent.TelemetryFrom(config.Telemetry{
			Prometheus: &config.TelemetryBackend{URL: serve(requireBearer(prom)), BearerToken: telemetrySecret},
			Loki:       &config.TelemetryBackend{URL: serve(requireBearer(lk)), BearerToken: telemetrySecret},
			Tempo:      &config.TelemetryBackend{URL: serve(requireBearer(tp)), BearerToken: telemetrySecret},
			Unleash:    &config.FlagService{URL: serve(un), Token: "unleash-admin"},
		})
		must(t, err)

		// One repository for all three services; its deploys name the service they shipped.
		repo := sandbox.Repo{Owner: "ferry", Name: "platform", DefaultBranch: "main",
			Deploys: []sandbox.Deploy{{SHA: strings.Repeat("c", 40), At: onset.Add(-12 * time.Minute), Environment: "production", Service: "payments-gw"}},
			Commits: []sandbox.Commit{{SHA: strings.Repeat("c", 40), Author: "dev", Date: onset.Add(-30 * time.Minute), Message: "payments: 3ds copy",
				Files: []sandbox.File{{Path: "payments/copy.go", Status: "modified"}}}}}
		ghs := httptest.NewServer(sandbox.NewServer([]sandbox.Repo{repo}).Handler())
		t.Cleanup(ghs.Close)
		gh, err := ghp.New("t", ghs.URL+"/", ghs.Client())
		must(t, err)
		team := config.Team{Services: []config.Service{{Name: "booking-api", Repo: "ferry/platform"}, {Name: "seat-inventory", Repo: "ferry/platform"},
			{Name: "payments-gw", Repo: "ferry/platform"}}}

		inc, err := incident.New("inc-ferry", "bookings failing", "booking-api", "alice", incident.SevUnknown, onset.Add(time.Minute))
		must(t, err)
		must(t, st.CreateIncident(ctx, inc))
		err = st.UpsertAlerts(ctx, []incident.Alert{{Source: "alertmanager", Fingerprint: "f1", Status: incident.AlertFiring,
			Service: "booking-api", Title: "BookingErrors", StartsAt: onset.Add(time.Minute)}}, onset.Add(time.Minute))
		must(t, err)

		deps := agent.AssessDeps{Deps: agent.Deps{Store: st, GitHub: gh}, Team: team, Now: now, Telemetry: tel}
		reg, err := agent.StandardTools(deps)
		must(t, err)
		inj := agent.Injected{IncidentID: inc.ID, Service: "booking-api", Repo: "ferry/platform"}
		call := func(name, args string) json.RawMessage {
			t.Helper()
			must(t, reg.Validate(name, json.RawMessage(args)))
			tool, _ := reg.Get(name)
			out, err := tool.Run(ctx, agent.Invocation{Args: json.RawMessage(args), Injected: inj})
			must(t, err)
			if strings.Contains(string(out), telemetrySecret) || strings.Contains(string(out), "unleash-admin") {
				t.Fatalf("%s: a backend credential is in the result handed to the reasoner", name)
			}
			if len(out) > 24<<10 {
				t.Errorf("%s: result is %d bytes: not bounded for a reasoner", name, len(out))
			}
			return out
		}

		var inv agent.Investigation
		must(t, json.Unmarshal(call("investigate_telemetry", `{}`), &inv))
		if strings.Join(inv.Looked, ",") != "metrics,logs,traces,flags" || len(inv.Errors) != 0 {
			t.Fatalf("looked at %v, errors %v", inv.Looked, inv.Errors)
		}
		if inv.Findings.FirstFailing == nil || inv.Findings.FirstFailing.Service != "seat-inventory" {
			t.Errorf("first failing = %+v, want seat-inventory (booking-api only times out waiting on it)", inv.Findings.FirstFailing)
		}
		if o := inv.Findings.Onset; o == nil || o.At.Before(onset.Add(-5*time.Minute)) || o.At.After(onset.Add(2*time.Minute)) {
			t.Errorf("onset = %+v, want near %s", o, onset)
		}
		if len(inv.Deploys) != 1 || inv.Deploys[0].Service != "payments-gw" {
			t.Errorf("deploys considered = %+v", inv.Deploys)
		}
		if len(inv.Queries) == 0 || len(inv.Evidence) == 0 {
			t.Errorf("no queries or evidence: %+v", inv.Result)
		}

		var mq agent.MetricsQuery
		must(t, json.Unmarshal(call("query_metrics", `{"query":"max by (service) (db_pool_wait_ms_p95)","minutes_before":90}`), &mq))
		if len(mq.Series) != 1 || len(mq.Series[0].Sample) > 30 || mq.Series[0].Change == nil || mq.Series[0].Change.Direction != "up" {
			t.Errorf("query_metrics = %+v", mq)
		}

		var sm agent.MetricsView
		must(t, json.Unmarshal(call("service_metrics", `{"service":"seat-inventory"}`), &sm))
		if len(sm.Metrics) != 1 || len(sm.Changes) != 1 || sm.Changes[0].Direction != "up" || sm.Changes[0].At.After(onset) {
			t.Errorf("service_metrics = %+v", sm)
		}

		var lv agent.LogView
		must(t, json.Unmarshal(call("service_logs", `{"service":"seat-inventory"}`), &lv))
		if len(lv.Patterns) == 0 || lv.Patterns[0].After <= lv.Patterns[0].Before || !strings.Contains(lv.Patterns[0].Template, "pool exhausted") {
			t.Errorf("service_logs patterns = %+v", lv.Patterns)
		}

		var tv agent.TraceView
		must(t, json.Unmarshal(call("service_traces", `{"service":"booking-api"}`), &tv))
		if tv.Report.FirstService != "seat-inventory" || tv.Report.Failing != 3 {
			t.Errorf("service_traces = %+v", tv.Report)
		}

		var fv agent.FlagView
		must(t, json.Unmarshal(call("flag_changes", `{}`), &fv))
		if len(fv.Changes) != 1 || fv.Changes[0].Flag != "payments.new_3ds_flow" {
			t.Errorf("flag_changes = %+v", fv)
		}

		// A report that names no service: telemetry's first failing service
		// becomes the incident's, for its tier and stakeholders.
		rinc, err := incident.New("inc-ferry-report", "boarding app broken", "", "alice", incident.SevUnknown, onset.Add(2*time.Minute))
		must(t, err)
		must(t, st.CreateIncident(ctx, rinc))
		_, err = st.InsertReport(ctx, store.Report{Source: "slack", Channel: "C1", TS: "1.1", User: "U1", ReceivedAt: onset.Add(2 * time.Minute),
			Text: "passengers cannot pick seats in the app since a few minutes"})
		must(t, err)
		reps, err := st.ListReports(ctx, 10)
		must(t, err)
		reps[0].Decision, reps[0].IncidentID = "incident", rinc.ID
		must(t, st.SaveReportDecision(ctx, reps[0]))
		assessTool, _ := reg.Get("assess_incident")
		out, err := assessTool.Run(ctx, agent.Invocation{Args: json.RawMessage(`{}`), Injected: agent.Injected{IncidentID: rinc.ID}})
		must(t, err)
		var ra agent.Assessment
		must(t, json.Unmarshal(out, &ra))
		if ra.Service.Name != "seat-inventory" || !strings.Contains(strings.Join(ra.Notes, "; "), "seat-inventory failing first") {
			t.Errorf("a report naming no service: service %q, notes %q; want seat-inventory from telemetry", ra.Service.Name, ra.Notes)
		}

		// The service argument is a name, whatever query language it lands in.
		for _, bad := range []string{`{"service":"x\"} or {"}`, `{"service":""}`, `{}`, `{"service":"a","token":"x"}`} {
			if err := reg.Validate("service_logs", json.RawMessage(bad)); err == nil {
				t.Errorf("service_logs accepted %s", bad)
			}
		}
	})
}

// Without any backend the tools are absent and the built-in reasoner says
// it did not look.
func TestNoTelemetryConfigured(t *testing.T) {
	reg, err := agent.StandardTools(agent.AssessDeps{Now: time.Now})
	must(t, err)
	for _, name := range []string{"investigate_telemetry", "service_metrics", "query_metrics", "service_logs", "service_traces", "flag_changes"} {
		if _, ok := reg.Get(name); ok {
			t.Errorf("%s offered with no backend configured", name)
		}
	}
	a, _ := json.Marshal(agent.Assessment{Notes: []string{"no metrics, logs, traces or flag service configured: telemetry not examined"}})
	resp, err := agent.Builtin{}.Next(context.Background(), agent.Request{Tools: reg.Defs(), History: []agent.Exchange{
		{Results: []agent.ToolResult{{Name: "assess_incident", Content: a}}}, {}}})
	must(t, err)
	if !strings.Contains(resp.Summary, "Telemetry was not examined: no metrics, logs, traces or flag service configured.") {
		t.Errorf("summary does not say telemetry was not examined: %q", resp.Summary)
	}
}
