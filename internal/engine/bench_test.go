package engine_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// beganExecutor reports when each call to the provider begins.
type beganExecutor struct{ began chan time.Time }

func (e beganExecutor) Execute(context.Context, action.Request) (action.Result, error) {
	e.began <- time.Now()
	return action.Result{Summary: "reverted"}, nil
}

func (beganExecutor) Reconcile(context.Context, action.Request) (action.Result, bool, error) {
	return action.Result{}, false, nil
}

// BenchmarkApprovalToProviderCall: an engineer approves a suspended revert
// (engine.Decide, as the dashboard and the API call it) and the clock runs
// until the executor's provider call begins, at the default poll interval,
// so only the commit's wake can make it prompt. It reports p50 and p99 in
// milliseconds. The HTTP round trip of the decision and the token exchange
// of a credentialed executor are not in it.
func BenchmarkApprovalToProviderCall(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) { benchApproval(b, d) })
	}
}

func benchApproval(b *testing.B, d store.Dialect) {
	ctx := context.Background()
	st := storetest.Open(b, d)
	ex := beganExecutor{began: make(chan time.Time, 1)}
	eng, err := engine.New(st, engine.Options{
		Executors:    map[string]action.Executor{"revert_pr": ex},
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollInterval: config.Default().Poll(),
	})
	if err != nil {
		b.Fatal(err)
	}
	start(b, eng)
	inc, err := eng.OpenIncident(ctx, "checkout 5xx", "checkout-api", "alice", incident.SevP1, agent)
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		_, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh,
			Class: incident.ClassProtected, Target: "github:acme/checkout", Reason: "culprit commit", Approver: "alice", By: agent})
		if err != nil || ap == nil {
			b.Fatalf("propose: %v (approval %v)", err, ap)
		}
		b.StartTimer()
		t0 := time.Now()
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			b.Fatal(err)
		}
		select {
		case began := <-ex.began:
			lat = append(lat, began.Sub(t0))
		case <-time.After(30 * time.Second):
			b.Fatal("the provider was not called within 30s")
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}
