package engine_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

type fgaTuples map[string]bool

func (f fgaTuples) Check(_ context.Context, user, relation, object string) (bool, error) {
	return f[user+" "+relation+" "+object], nil
}

// A denial at the relation gate means the token endpoint and the provider
// are never called, and the audit entry says which gate denied and why.
func TestGateDenialCallsNothingAfterIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
		chain := gate.Chain{gate.Relation{Authz: fgaTuples{"user:alice executor target:github:acme/app-config": true}, Relation: "executor",
			User: func(e string) string { return "user:" + e }, Object: func(a incident.Action) string { return "target:" + a.Target }}}
		eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"revert_pr": &bearerExecutor{httpExecutor: httpExecutor{f.srv.URL}}},
			Credentials: te.fetch, Gates: chain, PollInterval: 20 * time.Millisecond, RetryPolicy: quickRetry{},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		start(t, eng)
		inc := openIncident(t, eng)
		propose := func(target string) incident.Action {
			a, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh,
				Class: incident.ClassProtected, Target: target, Approver: "alice", By: agent})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
				t.Fatal(err)
			}
			return a
		}
		// alice may not execute on the network policy, whatever her GitHub account could do.
		denied := propose("github:acme/network-policy")
		waitAction(t, st, denied.ID, incident.ActionFailed, 20*time.Second)
		if n := te.count(); n != 0 {
			t.Fatalf("token endpoint called %d times after a denial", n)
		}
		if posts, _ := f.counts(); posts != 0 {
			t.Fatalf("provider called %d times after a denial", posts)
		}
		// On the app config she may: the chain passes, then one token, one call.
		allowed := propose("github:acme/app-config")
		waitAction(t, st, allowed.ID, incident.ActionSucceeded, 20*time.Second)
		if te.count() != 1 {
			t.Fatalf("token endpoint calls = %d, want 1", te.count())
		}
		var entries []audit.Entry
		_ = st.ScanAudit(ctx, store.AuditFilter{}, func(e audit.Entry) error {
			if e.Action == "action.execute:revert_pr" {
				entries = append(entries, e)
			}
			return nil
		})
		if len(entries) != 2 || entries[0].Outcome != audit.OutcomeDenied || entries[0].Gates[0].Passed ||
			entries[1].Outcome != audit.OutcomeSuccess || !entries[1].Gates[0].Passed {
			t.Fatalf("audit entries %+v", entries)
		}
	})
}

// The scope gate judges the scopes the approver's token carried when deciding.
func TestScopeGateUsesTheDecisionsScopes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
		relation := &countingChecker{}
		chain := gate.Chain{gate.Scope{Default: "actions:execute"}, gate.Relation{Authz: relation, Relation: "executor",
			User: func(e string) string { return "user:" + e }, Object: func(a incident.Action) string { return "target:" + a.Target }}}
		eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"revert_pr": &bearerExecutor{httpExecutor: httpExecutor{f.srv.URL}}},
			Credentials: te.fetch, Gates: chain, PollInterval: 20 * time.Millisecond, RetryPolicy: quickRetry{},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		start(t, eng)
		inc := openIncident(t, eng)
		run := func(scopes ...string) incident.Action {
			a, ap := proposeRevert(t, eng, inc.ID)
			if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved, scopes...); err != nil {
				t.Fatal(err)
			}
			return a
		}
		denied := run("approve:actions")
		waitAction(t, st, denied.ID, incident.ActionFailed, 20*time.Second)
		if relation.calls() != 0 || te.count() != 0 {
			t.Fatalf("after a scope denial: relation checks %d, token calls %d; want 0 and 0", relation.calls(), te.count())
		}
		allowed := run("approve:actions", "actions:execute")
		waitAction(t, st, allowed.ID, incident.ActionSucceeded, 20*time.Second)
		if relation.calls() != 1 || te.count() != 1 {
			t.Fatalf("relation checks %d, token calls %d; want 1 and 1", relation.calls(), te.count())
		}
	})
}

type countingChecker struct{ n atomic.Int64 }

func (c *countingChecker) Check(context.Context, string, string, string) (bool, error) {
	c.n.Add(1)
	return true, nil
}

func (c *countingChecker) calls() int64 { return c.n.Load() }
