package engine_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var agent = incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}

// quickRetry keeps retries in tests short; River's scheduler still decides
// when a retryable step becomes available again.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(10 * time.Millisecond)
}

func newEngine(t *testing.T, st *store.Store, f *fakeProvider) *engine.Engine {
	t.Helper()
	eng, err := engine.New(st, engine.Options{
		Executors:    map[string]action.Executor{"revert_pr": httpExecutor{f.srv.URL}, "war_room_channel": httpExecutor{f.srv.URL}},
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollInterval: 20 * time.Millisecond,
		StepTimeout:  5 * time.Second,
		MaxAttempts:  3,
		RetryPolicy:  quickRetry{},
		Kinds:        []string{"page_responders"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func start(t testing.TB, eng *engine.Engine) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := eng.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = eng.Stop(sctx)
		cancel()
	})
}

func waitAction(t *testing.T, st *store.Store, id string, want incident.ActionStatus, within time.Duration) incident.Action {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		a, err := st.GetAction(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status == want {
			return a
		}
		if time.Now().After(deadline) {
			t.Fatalf("action %s is %s after %s, want %s", id, a.Status, within, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eventTypes(t *testing.T, st *store.Store, incID string) []incident.EventType {
	t.Helper()
	evs, err := st.ListEvents(context.Background(), incID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []incident.EventType
	for _, ev := range evs {
		out = append(out, ev.Type)
	}
	return out
}

func count(types []incident.EventType, want incident.EventType) int {
	n := 0
	for _, t := range types {
		if t == want {
			n++
		}
	}
	return n
}

func openIncident(t *testing.T, eng *engine.Engine) incident.Incident {
	t.Helper()
	inc, err := eng.OpenIncident(context.Background(), "checkout 5xx", "checkout-api", "alice", incident.SevP1, agent)
	if err != nil {
		t.Fatal(err)
	}
	return inc
}

func proposeRevert(t *testing.T, eng *engine.Engine, incID string, delegates ...string) (incident.Action, *incident.Approval) {
	t.Helper()
	a, ap, err := eng.Propose(context.Background(), engine.Proposal{
		IncidentID: incID, Kind: "revert_pr", Risk: incident.RiskHigh, Class: incident.ClassProtected,
		Target: "github:acme/checkout", Reason: "culprit commit", Approver: "alice", Delegates: delegates, By: agent,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, ap
}

func TestOpenActionRunsAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st, f := storetest.Open(t, d), newFakeProvider(t)
		eng := newEngine(t, st, f)
		start(t, eng)
		inc := openIncident(t, eng)
		a, ap, err := eng.Propose(context.Background(), engine.Proposal{IncidentID: inc.ID, Kind: "war_room_channel",
			Risk: incident.RiskLow, Class: incident.ClassOpen, Target: "slack:#inc", By: agent})
		if err != nil || ap != nil {
			t.Fatalf("propose open action: ap=%v err=%v", ap, err)
		}
		done := waitAction(t, st, a.ID, incident.ActionSucceeded, 20*time.Second)
		if posts, effects := f.counts(); posts != 1 || effects != 1 {
			t.Fatalf("provider saw %d posts, %d effects; want 1 and 1", posts, effects)
		}
		if e := f.effect(a.IdempotencyKey); e.RunAs != "" {
			t.Fatalf("open action ran as %q; it must run as the agent, with no human identity", e.RunAs)
		}
		if done.Attempts != 1 {
			t.Fatalf("attempts = %d", done.Attempts)
		}
		want := []incident.EventType{incident.EventCreated, incident.EventActionProposed, incident.EventActionExecuting, incident.EventActionSucceeded}
		if got := eventTypes(t, st, inc.ID); !slices.Equal(got, want) {
			t.Fatalf("timeline = %v, want %v", got, want)
		}
		if n, err := st.VerifyAudit(context.Background()); err != nil || n != 3 {
			t.Fatalf("audit: %d entries, %v; want 3 (open, propose, execute)", n, err)
		}
	})
}

func TestProtectedActionSuspendsUntilTheTargetApproves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f := storetest.Open(t, d), newFakeProvider(t)
		eng := newEngine(t, st, f)
		start(t, eng)
		inc := openIncident(t, eng)
		a, ap := proposeRevert(t, eng, inc.ID)
		if ap == nil || ap.Target != "alice" || a.Status != incident.ActionAwaitingApproval {
			t.Fatalf("proposal: action %s, approval %+v", a.Status, ap)
		}
		// Suspended: nothing reaches the provider however long we wait.
		time.Sleep(300 * time.Millisecond)
		if posts, _ := f.counts(); posts != 0 {
			t.Fatalf("provider called %d times before approval", posts)
		}
		if _, err := eng.Decide(ctx, ap.ID, "mallory", incident.DecisionApproved); !errors.Is(err, incident.ErrNotApprover) {
			t.Fatalf("stranger's approval: err = %v, want ErrNotApprover", err)
		}
		if got, _ := st.GetAction(ctx, a.ID); got.Status != incident.ActionAwaitingApproval {
			t.Fatalf("a refused decision changed the action to %s", got.Status)
		}
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		done := waitAction(t, st, a.ID, incident.ActionSucceeded, 20*time.Second)
		if done.ApprovedBy != "alice" || f.effect(a.IdempotencyKey).RunAs != "alice" {
			t.Fatalf("ran as %q / provider saw %q, want alice", done.ApprovedBy, f.effect(a.IdempotencyKey).RunAs)
		}
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); !errors.Is(err, incident.ErrAlreadyDecided) {
			t.Fatalf("second decision: err = %v, want ErrAlreadyDecided", err)
		}
		time.Sleep(200 * time.Millisecond)
		if posts, effects := f.counts(); posts != 1 || effects != 1 {
			t.Fatalf("provider saw %d posts, %d effects; want 1 and 1", posts, effects)
		}
	})
}

func TestApprovalConfersIdentity(t *testing.T) {
	tests := []struct {
		name      string
		decider   string
		decision  incident.Decision
		want      incident.ActionStatus
		wantRunAs string
		wantPosts int
	}{
		{"target approves", "alice", incident.DecisionApproved, incident.ActionSucceeded, "alice", 1},
		{"delegate approves and the action runs as the delegate", "carol", incident.DecisionApproved, incident.ActionSucceeded, "carol", 1},
		{"target declines", "alice", incident.DecisionDeclined, incident.ActionDeclined, "", 0},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st, f := storetest.Open(t, d), newFakeProvider(t)
		eng := newEngine(t, st, f)
		start(t, eng)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				inc := openIncident(t, eng)
				a, ap := proposeRevert(t, eng, inc.ID, "carol")
				before, _ := f.counts()
				if _, err := eng.Decide(context.Background(), ap.ID, tc.decider, tc.decision); err != nil {
					t.Fatal(err)
				}
				got := waitAction(t, st, a.ID, tc.want, 20*time.Second)
				if got.ApprovedBy != tc.wantRunAs {
					t.Fatalf("approved_by = %q, want %q", got.ApprovedBy, tc.wantRunAs)
				}
				time.Sleep(100 * time.Millisecond)
				if after, _ := f.counts(); after-before != tc.wantPosts {
					t.Fatalf("provider calls = %d, want %d", after-before, tc.wantPosts)
				}
				if tc.wantPosts > 0 && f.effect(a.IdempotencyKey).RunAs != tc.wantRunAs {
					t.Fatalf("provider saw run-as %q", f.effect(a.IdempotencyKey).RunAs)
				}
			})
		}
	})
}

func TestRetriesReconcileBeforeCallingAgain(t *testing.T) {
	tests := []struct {
		name        string
		script      func(n int) step
		want        incident.ActionStatus
		wantPosts   int
		wantEffects int
		wantEvent   incident.EventType
	}{
		{"answer lost after the write landed: reconciled, not re-sent",
			func(n int) step { return applyThen500 }, incident.ActionSucceeded, 1, 1, incident.EventActionReconciled},
		{"provider refuses with 400: failed at once",
			func(n int) step { return badRequest }, incident.ActionFailed, 1, 0, incident.EventActionFailed},
		{"grant expired: waits for re-authorization",
			func(n int) step { return tokenExpired }, incident.ActionAwaitingReauth, 1, 0, incident.EventReauthRequested},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				st, f := storetest.Open(t, d), newFakeProvider(t)
				f.setScript(tc.script)
				eng := newEngine(t, st, f)
				start(t, eng)
				inc := openIncident(t, eng)
				a, ap := proposeRevert(t, eng, inc.ID)
				if _, err := eng.Decide(context.Background(), ap.ID, "alice", incident.DecisionApproved); err != nil {
					t.Fatal(err)
				}
				waitAction(t, st, a.ID, tc.want, 30*time.Second)
				time.Sleep(200 * time.Millisecond)
				if posts, effects := f.counts(); posts != tc.wantPosts || effects != tc.wantEffects {
					t.Fatalf("provider saw %d posts, %d effects; want %d and %d", posts, effects, tc.wantPosts, tc.wantEffects)
				}
				if n := count(eventTypes(t, st, inc.ID), tc.wantEvent); n != 1 {
					t.Fatalf("%s events = %d, want 1", tc.wantEvent, n)
				}
				if _, err := st.VerifyAudit(context.Background()); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}

func TestReauthorizationResumesTheSameAction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f := storetest.Open(t, d), newFakeProvider(t)
		f.setScript(func(n int) step {
			if n == 1 {
				return tokenExpired
			}
			return apply
		})
		eng := newEngine(t, st, f)
		start(t, eng)
		inc := openIncident(t, eng)
		a, ap := proposeRevert(t, eng, inc.ID, "carol")
		if _, err := eng.Decide(ctx, ap.ID, "carol", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a.ID, incident.ActionAwaitingReauth, 20*time.Second)
		pending, err := st.PendingApprovals(ctx, "carol")
		if err != nil || len(pending) != 1 || pending[0].Kind != incident.WaitReauth {
			t.Fatalf("re-auth wait for the approver carol: %+v %v", pending, err)
		}
		// Only the engineer whose grant expired can re-authorize it.
		if _, err := eng.Decide(ctx, pending[0].ID, "alice", incident.DecisionApproved); !errors.Is(err, incident.ErrNotApprover) {
			t.Fatalf("alice re-authorizing carol's grant: err = %v", err)
		}
		if _, err := eng.Decide(ctx, pending[0].ID, "carol", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		done := waitAction(t, st, a.ID, incident.ActionSucceeded, 20*time.Second)
		if done.ApprovedBy != "carol" || f.effect(a.IdempotencyKey).RunAs != "carol" {
			t.Fatalf("after re-auth ran as %q", f.effect(a.IdempotencyKey).RunAs)
		}
		if posts, effects := f.counts(); posts != 2 || effects != 1 {
			t.Fatalf("provider saw %d posts, %d effects; want 2 and 1", posts, effects)
		}
	})
}

func TestKindWithoutExecutorFailsClearlyOnApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f := storetest.Open(t, d), newFakeProvider(t)
		eng := newEngine(t, st, f)
		start(t, eng)
		inc := openIncident(t, eng)
		a, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "page_responders", Risk: incident.RiskMedium,
			Class: incident.ClassProtected, Target: "pagerduty:checkout", Approver: "alice", By: agent})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		got := waitAction(t, st, a.ID, incident.ActionFailed, 20*time.Second)
		if !strings.Contains(string(got.Result), "no executor") {
			t.Fatalf("result %s does not say why", got.Result)
		}
		if posts, _ := f.counts(); posts != 0 {
			t.Fatalf("provider called %d times", posts)
		}
	})
}

func TestProposeRejectsBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f := storetest.Open(t, d), newFakeProvider(t)
		eng := newEngine(t, st, f)
		inc := openIncident(t, eng)
		tests := []struct {
			name string
			p    engine.Proposal
			want error
		}{
			{"unknown kind", engine.Proposal{IncidentID: inc.ID, Kind: "rm_rf", Risk: incident.RiskLow, Class: incident.ClassOpen, By: agent}, engine.ErrUnknownKind},
			{"protected without approver", engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh, Class: incident.ClassProtected, By: agent}, incident.ErrInvalid},
			{"bad risk", engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: "yolo", Class: incident.ClassOpen, By: agent}, incident.ErrInvalid},
			{"unknown incident", engine.Proposal{IncidentID: "nope", Kind: "revert_pr", Risk: incident.RiskLow, Class: incident.ClassOpen, By: agent}, store.ErrNotFound},
		}
		for _, tc := range tests {
			if _, _, err := eng.Propose(ctx, tc.p); !errors.Is(err, tc.want) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		if acts, _ := st.ListActions(ctx, inc.ID); len(acts) != 0 {
			t.Fatalf("rejected proposals stored %d actions", len(acts))
		}
		if _, err := st.SetIncidentStatus(ctx, inc.ID, incident.StatusResolved); err != nil {
			t.Fatal(err)
		}
		if _, _, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskLow,
			Class: incident.ClassOpen, By: agent}); !errors.Is(err, incident.ErrIllegalTransition) {
			t.Fatalf("proposal on a resolved incident: err = %v", err)
		}
	})
}
