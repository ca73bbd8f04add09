package engine_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

func TestWaitsTimeOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f := storetest.Open(t, d), newFakeProvider(t)
		var now atomic.Int64
		now.Store(time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC).UnixNano())
		clock := func() time.Time { return time.Unix(0, now.Load()) }
		expired := func(context.Context, string, string, []string) (action.Secret, error) {
			return "", fmt.Errorf("grant revoked: %w", action.ErrTokenExpired)
		}
		eng, err := engine.New(st, engine.Options{
			Executors:   map[string]action.Executor{"revert_pr": &bearerExecutor{httpExecutor: httpExecutor{f.srv.URL}}},
			Credentials: expired, Clock: clock, PollInterval: 20 * time.Millisecond, RetryPolicy: quickRetry{},
			Waits:  engine.WaitPolicy{ApprovalTimeout: 10 * time.Minute, EscalateTo: []string{"bob"}, ReauthTimeout: 30 * time.Minute},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		})
		if err != nil {
			t.Fatal(err)
		}
		start(t, eng)
		inc := openIncident(t, eng)

		// An approval alice leaves for 11 minutes is escalated to bob, once.
		_, ap := proposeRevert(t, eng, inc.ID)
		if _, err := eng.Decide(ctx, ap.ID, "bob", incident.DecisionApproved); err == nil {
			t.Fatal("bob decided before the escalation")
		}
		now.Add(int64(9 * time.Minute))
		must(t, eng.CheckWaits(ctx))
		if got, _ := st.GetApproval(ctx, ap.ID); len(got.Delegates) != 0 {
			t.Fatal("escalated before the timeout")
		}
		now.Add(int64(2 * time.Minute))
		must(t, eng.CheckWaits(ctx))
		must(t, eng.CheckWaits(ctx))
		if n := count(eventTypes(t, st, inc.ID), incident.EventApprovalEscalated); n != 1 {
			t.Fatalf("escalation events = %d, want 1", n)
		}

		// Bob approves; the grant turns out revoked, so bob must re-authorize;
		// he does not within 30 minutes, and the action fails saying so.
		if _, err := eng.Decide(ctx, ap.ID, "bob", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		a := waitAction(t, st, ap.ActionID, incident.ActionAwaitingReauth, 20*time.Second)
		if a.ApprovedBy != "bob" {
			t.Fatalf("runs as %s, want bob", a.ApprovedBy)
		}
		now.Add(int64(31 * time.Minute))
		must(t, eng.CheckWaits(ctx))
		got, _ := st.GetAction(ctx, ap.ActionID)
		if got.Status != incident.ActionFailed || !strings.Contains(string(got.Result), "did not re-authorize") {
			t.Fatalf("after the re-auth timeout: %s %s", got.Status, got.Result)
		}
		if pending, _ := st.PendingApprovals(ctx, ""); len(pending) != 0 {
			t.Fatalf("waits left: %+v", pending)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
