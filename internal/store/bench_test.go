package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// Each append is one committed transaction, as the engine does it: the
// figure is durable appends per second, not batched inserts.

func BenchmarkAppendEvent(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			ctx := context.Background()
			inc, _ := incident.New("inc-bench", "bench", "svc", "alice", incident.SevP2, time.Now())
			if err := st.CreateIncident(ctx, inc); err != nil {
				b.Fatal(err)
			}
			ev, _ := incident.NewEvent(inc.ID, incident.EventToolCall, incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent},
				time.Now(), map[string]any{"tool": "list_commits", "args": map[string]string{"service": "checkout-api"}})
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.AppendEvent(ctx, ev); return err }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAppendEventParallel appends to many incidents at once, which is
// where PostgreSQL's row-level locking pays off and SQLite's single writer shows.
func BenchmarkAppendEventParallel(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			ctx := context.Background()
			const incidents = 16
			for i := range incidents {
				inc, _ := incident.New(fmt.Sprintf("inc-%d", i), "bench", "svc", "alice", incident.SevP2, time.Now())
				if err := st.CreateIncident(ctx, inc); err != nil {
					b.Fatal(err)
				}
			}
			b.SetParallelism(4)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					ev, _ := incident.NewEvent(fmt.Sprintf("inc-%d", i%incidents), incident.EventNote, incident.System, time.Now(), nil)
					i++
					if _, err := st.AppendEvent(ctx, ev); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkAppendAudit(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			ctx := context.Background()
			e := audit.Entry{Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman}, Action: "action.execute:revert_pr",
				IncidentID: "inc-1", TargetSystem: "github", TargetResource: "github:acme/checkout",
				Gates:   []audit.GateResult{{Gate: "scope", Passed: true}, {Gate: "fga", Passed: true}, {Gate: "step_up", Passed: true}},
				Outcome: audit.OutcomeSuccess, Detail: "opened PR #42"}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := st.AppendAudit(ctx, e); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if _, err := st.VerifyAudit(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
}

func BenchmarkVerifyAudit(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			ctx := context.Background()
			const n = 10000
			err := st.InTx(ctx, func(tx *store.Tx) error {
				for range n {
					if _, err := tx.AppendAudit(ctx, audit.Entry{Actor: incident.System, Action: "bench", Outcome: audit.OutcomeSuccess}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if got, err := st.VerifyAudit(ctx); err != nil || got != n {
					b.Fatal(got, err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}
