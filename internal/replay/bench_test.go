package replay

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/scenario"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/webhook"
)

// BenchmarkAlertToTriagedIncident measures, per alert, the time from the
// intake accepting it (the point where a webhook is answered) to the agent's
// summary: grouping, a new incident, the built-in analysis (known-issue
// search, recent commits through go-github against the sandbox, culprit,
// responders), the triage record and every proposal. Reported as p50/p99.
func BenchmarkAlertToTriagedIncident(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) { benchTriage(b, d, time.Millisecond, benchScenario) })
	}
}

// benchScenario has no telemetry; benchTelemetryScenario has metrics, logs
// and traces (served by the sandbox stack and read through the real
// clients), both with Alertmanager triggers.
const (
	benchScenario          = "01-checkout-psp-retry-storm.json"
	benchTelemetryScenario = "09-airline-checkin-flight-row-lock.json"
)

// BenchmarkAlertToTriagedIncidentWithTelemetry is the same with telemetry
// in the loop: the built-in reasoner's first round also runs
// investigate_telemetry (every service's metrics, error logs and failing
// traces through the Prometheus, Loki and Tempo clients, and the analysis).
func BenchmarkAlertToTriagedIncidentWithTelemetry(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			benchTriage(b, d, config.Default().Poll(), benchTelemetryScenario)
		})
	}
}

func benchTriage(b *testing.B, d store.Dialect, poll time.Duration, file string) {
	if _, err := os.Stat(sharedDir); err != nil {
		b.Skip("shared scenarios not present")
	}
	s, err := scenario.Load(sharedDir + "/" + file)
	if err != nil {
		b.Fatal(err)
	}
	{
		{
			ctx := context.Background()
			sb, err := Open(ctx, s, nil, Options{DSN: storetest.DSN(b, d), PollInterval: poll})
			if err != nil {
				b.Fatal(err)
			}
			defer sb.Close()
			template, err := webhook.ParseAlertmanager(s.Trigger.Payload)
			if err != nil {
				b.Fatal(err)
			}
			var lat []time.Duration
			i := 0
			for b.Loop() {
				b.StopTimer()
				// Close the previous incident so this alert opens a new one.
				open, _ := sb.Store.ListIncidents(ctx, store.IncidentFilter{Status: incident.StatusOpen})
				for _, inc := range open {
					if _, err := sb.Store.SetIncidentStatus(ctx, inc.ID, incident.StatusResolved); err != nil {
						b.Fatal(err)
					}
				}
				alerts := slices.Clone(template)
				for j := range alerts {
					alerts[j].Fingerprint = fmt.Sprintf("%s-%d", alerts[j].Fingerprint, i)
				}
				i++
				b.StartTimer()
				start := time.Now()
				if err := sb.Intake.Accept(ctx, intake.Delivery{Source: "alertmanager", Alerts: alerts}); err != nil {
					b.Fatal(err)
				}
				waitSummary(b, sb.Store)
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
		}
	}
}

// waitSummary waits until the newest open incident has its agent summary.
// It polls only the newest event id (one cheap query a millisecond) and
// reads the incident's events when that moves: a probe that lists
// incidents and events every millisecond took a good share of the two
// cores it was measuring.
func waitSummary(b *testing.B, st *store.Store) {
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	seen := int64(-1)
	for time.Now().Before(deadline) {
		newest, err := st.NewestEventID(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if newest == seen {
			time.Sleep(time.Millisecond)
			continue
		}
		seen = newest
		incs, err := st.ListIncidents(ctx, store.IncidentFilter{Status: incident.StatusOpen, Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(incs) == 1 {
			evs, err := st.ListEvents(ctx, incs[0].ID, 0, 0)
			if err != nil {
				b.Fatal(err)
			}
			if len(evs) > 0 && evs[len(evs)-1].Type == incident.EventSummary {
				return
			}
		}
	}
	b.Fatal("no triaged incident within 30s")
}

// BenchmarkAlertToTriagedIncidentDefaultPoll is the same at the product's
// default poll intervals (25ms on SQLite; 50ms on PostgreSQL, which is also
// woken by LISTEN/NOTIFY, rate-limited by River, so a step may still wait
// for the next poll).
func BenchmarkAlertToTriagedIncidentDefaultPoll(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) { benchTriage(b, d, config.Default().Poll(), benchScenario) })
	}
}
