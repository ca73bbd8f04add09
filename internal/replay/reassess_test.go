package replay

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/scenario"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/webhook"
)

// An incident opened by a mild alert is assessed again when the outage's
// alert joins it: the severity goes up with the reason recorded, the new
// plan's actions are proposed, and none already proposed is proposed again.
func TestReassessmentWhenAnAlertJoins(t *testing.T) {
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skip("shared scenarios not present")
	}
	s, err := scenario.Load(sharedDir + "/01-checkout-psp-retry-storm.json")
	if err != nil {
		t.Fatal(err)
	}
	outage, err := webhook.ParseAlertmanager(s.Trigger.Payload)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			sb, err := Open(ctx, s, nil, Options{DSN: storetest.DSN(t, d), ReassessEvery: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer sb.Close()

			mild := outage[0]
			mild.Fingerprint, mild.Title = "mild-latency", "Checkout latency a little above objective"
			mild.Description = "p99 latency of checkout-api is 420 ms against an objective of 400 ms; no errors, orders complete normally."
			mild.Severity, mild.Labels = "warning", map[string]string{"service": mild.Service, "severity": "warning"}
			mild.StartsAt = outage[0].StartsAt.Add(-10 * time.Minute)
			if err := sb.Intake.Accept(ctx, intake.Delivery{Source: "alertmanager", Alerts: []incident.Alert{mild}}); err != nil {
				t.Fatal(err)
			}
			inc := waitSummaries(t, sb.Store, 1)
			first := inc.Severity
			if first == incident.SevP1 {
				t.Fatalf("the mild alert alone was triaged P1")
			}
			before := actionKeys(t, sb.Store, inc.ID)

			if err := sb.Intake.Accept(ctx, intake.Delivery{Source: "alertmanager", Alerts: outage}); err != nil {
				t.Fatal(err)
			}
			inc = waitSummaries(t, sb.Store, 2)
			if inc.Severity != incident.SevP1 {
				t.Errorf("after the outage's alert joined, severity %s, want P1", inc.Severity)
			}
			events, err := sb.Store.ListEvents(ctx, inc.ID, 0, 10000)
			if err != nil {
				t.Fatal(err)
			}
			var triaged []map[string]any
			var summaries []string
			for _, ev := range events {
				var m map[string]any
				_ = json.Unmarshal(ev.Data, &m)
				switch ev.Type {
				case incident.EventTriaged:
					triaged = append(triaged, m)
				case incident.EventSummary:
					summaries = append(summaries, m["summary"].(string))
				}
			}
			if len(triaged) != 2 || triaged[1]["previous"] != string(first) || triaged[1]["severity"] != "P1" {
				t.Errorf("triage records %v, want a second one from %s to P1", triaged, first)
			}
			if !strings.HasPrefix(summaries[1], "Re-assessed after new alerts or reports: severity "+string(first)+" -> P1") {
				t.Errorf("second summary %q does not say what changed", summaries[1])
			}
			after := actionKeys(t, sb.Store, inc.ID)
			for _, k := range before {
				if n := count(after, k); n != 1 {
					t.Errorf("action %s proposed %d times", k, n)
				}
			}
			if !slices.Contains(after, "revert_pr") && !slices.Contains(after, "stakeholder_email") {
				t.Errorf("the P1 plan added nothing: before %v, after %v", before, after)
			}
		})
	}
}

// waitSummaries waits until the open incident has n agent summaries.
func waitSummaries(t *testing.T, st *store.Store, n int) incident.Incident {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		incs, err := st.ListIncidents(ctx, store.IncidentFilter{Status: incident.StatusOpen})
		if err != nil {
			t.Fatal(err)
		}
		if len(incs) > 1 {
			t.Fatalf("%d open incidents: the second alert should have joined the first", len(incs))
		}
		if len(incs) == 1 {
			events, err := st.ListEvents(ctx, incs[0].ID, 0, 10000)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, ev := range events {
				if ev.Type == incident.EventSummary {
					got++
				}
			}
			if got >= n {
				inc, err := st.GetIncident(ctx, incs[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				return inc
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %d agent summaries within 30s", n)
	return incident.Incident{}
}

// actionKeys lists an incident's actions as kind, or kind@target when a
// kind has several targets.
func actionKeys(t *testing.T, st *store.Store, incidentID string) []string {
	t.Helper()
	acts, err := st.ListActions(context.Background(), incidentID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range acts {
		out = append(out, a.Kind)
	}
	return out
}

func count(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
