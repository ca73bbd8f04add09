package engine_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
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

// fakeStepUp issues challenges of one method and answers polls from a script.
type fakeStepUp struct {
	method string
	mu     sync.Mutex
	begins int
	polls  int
	// answers are the poll outcomes in order; the last one repeats. Each
	// script starts pending, so the wait lives for at least one snooze and
	// the test can see it.
	answers []gate.Outcome
}

func (f *fakeStepUp) Name() string { return "fake" }

func (f *fakeStepUp) Begin(_ context.Context, req gate.Request) (gate.Verdict, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.begins++
	ch := &gate.Challenge{Method: f.method, Message: "WarRoom " + req.Action.Kind, ExpiresAt: time.Now().Add(time.Hour)}
	if f.method == "ciba" {
		ch.PollAt = time.Now()
		ch.State = []byte(`{"auth_req_id":"secret-handle"}`)
	}
	return gate.Verdict{Detail: "asked", Challenge: ch}, nil
}

func (f *fakeStepUp) Poll(_ context.Context, ch gate.Challenge) (gate.Outcome, gate.Challenge, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.answers[min(f.polls, len(f.answers)-1)]
	f.polls++
	ch.PollAt = time.Now() // the engine still waits at least its minimum
	return out, ch, nil
}

var errWrongCode = errors.New("wrong code")

func (f *fakeStepUp) Verify(_ context.Context, _ string, _ gate.Challenge, code string) error {
	if code != "123456" {
		return errWrongCode
	}
	return nil
}

func (f *fakeStepUp) counts() (begins, polls int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.begins, f.polls
}

func newStepUpEngine(t *testing.T, st *store.Store, f *fakeProvider, te *tokenEndpoint, su *fakeStepUp) *engine.Engine {
	chain := gate.Chain{gate.Scope{}, gate.StepUp{Method: su}}
	eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"revert_pr": &bearerExecutor{httpExecutor: httpExecutor{f.srv.URL}}},
		Credentials: te.fetch, Gates: chain, StepUp: su, PollInterval: 20 * time.Millisecond, RetryPolicy: quickRetry{},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	start(t, eng)
	return eng
}

func stepUpWait(t *testing.T, st *store.Store, actionID string) incident.Approval {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		pending, err := st.PendingApprovals(context.Background(), "alice")
		if err != nil {
			t.Fatal(err)
		}
		for _, ap := range pending {
			if ap.ActionID == actionID && ap.Kind == incident.WaitStepUp {
				return ap
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	a, _ := st.GetAction(context.Background(), actionID)
	t.Fatalf("no step-up wait for action %s (status %s, result %s)", actionID, a.Status, a.Result)
	return incident.Approval{}
}

func auditEntries(t *testing.T, st *store.Store, action string) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	if err := st.ScanAudit(context.Background(), store.AuditFilter{}, func(e audit.Entry) error {
		if e.Action == action {
			out = append(out, e)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// An out-of-band (CIBA) step-up is a durable wait settled by polls. Until
// the approver answers on their device, nothing after the gate runs; a
// rejection or an expiry fails the action with zero token exchanges and
// zero provider calls; an approval lets it run once, as the approver.
func TestStepUpCIBAWait(t *testing.T) {
	tests := []struct {
		name       string
		answers    []gate.Outcome
		want       incident.ActionStatus
		wantCalls  int
		wantDetail string
	}{
		{"approved after a pending poll", []gate.Outcome{gate.OutcomePending, gate.OutcomeApproved}, incident.ActionSucceeded, 1, "approved on their device"},
		{"rejected on the device", []gate.Outcome{gate.OutcomePending, gate.OutcomeDenied}, incident.ActionFailed, 0, "rejected"},
		{"expired unanswered", []gate.Outcome{gate.OutcomePending, gate.OutcomeExpired}, incident.ActionFailed, 0, "expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, d store.Dialect) {
				ctx := context.Background()
				st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
				su := &fakeStepUp{method: "ciba", answers: tc.answers}
				eng := newStepUpEngine(t, st, f, te, su)
				inc := openIncident(t, eng)
				a, ap := proposeRevert(t, eng, inc.ID)
				if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
					t.Fatal(err)
				}
				wait := stepUpWait(t, st, a.ID)
				if n := te.count(); n != 0 {
					t.Fatalf("token endpoint called %d times while step-up is pending", n)
				}
				// Clicking approve cannot stand in for the device.
				if _, err := eng.Decide(ctx, wait.ID, "alice", incident.DecisionApproved); !errors.Is(err, incident.ErrInvalid) {
					t.Fatalf("approving a step-up wait by click: %v, want ErrInvalid", err)
				}
				got := waitAction(t, st, a.ID, tc.want, 30*time.Second)
				if got.ApprovedBy != "alice" {
					t.Fatalf("ran as %q", got.ApprovedBy)
				}
				posts, effects := f.counts()
				if te.count() != tc.wantCalls || posts != tc.wantCalls || effects != tc.wantCalls {
					t.Fatalf("token calls %d, provider posts %d, effects %d; want %d each", te.count(), posts, effects, tc.wantCalls)
				}
				if begins, _ := su.counts(); begins != 1 {
					t.Fatalf("challenges issued %d, want 1 (a passed step-up is not asked again)", begins)
				}
				decided := auditEntries(t, st, "stepup.decide:revert_pr")
				if len(decided) != 1 || !contains(decided[0].Detail, tc.wantDetail) {
					t.Fatalf("step-up audit %+v", decided)
				}
				last := decided[0].Gates[len(decided[0].Gates)-1]
				if last.Gate != "step_up" || last.Passed != (tc.want == incident.ActionSucceeded) || decided[0].Gates[0].Gate != "scope" {
					t.Fatalf("gate results %+v", decided[0].Gates)
				}
				if tc.want == incident.ActionSucceeded {
					exec := auditEntries(t, st, "action.execute:revert_pr")
					if len(exec) != 1 || len(exec[0].Gates) != 2 || !exec[0].Gates[1].Passed {
						t.Fatalf("execution audit %+v", exec)
					}
				}
				for _, e := range eventsOf(t, st, inc.ID) {
					if contains(string(e.Data), "secret-handle") {
						t.Fatalf("event %s shows the CIBA handle", e.Type)
					}
				}
			})
		})
	}
}

// An in-band (TOTP) step-up is answered through the engine by the approver
// alone; a wrong code changes nothing and may be retried.
func TestStepUpCodeIsAnsweredByTheApproverOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
		su := &fakeStepUp{method: "totp"}
		eng := newStepUpEngine(t, st, f, te, su)
		inc := openIncident(t, eng)
		a, ap := proposeRevert(t, eng, inc.ID, "carol")
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		wait := stepUpWait(t, st, a.ID)
		if _, err := eng.AnswerStepUp(ctx, wait.ID, "alice", "000000"); !errors.Is(err, errWrongCode) {
			t.Fatalf("wrong code: %v", err)
		}
		// A delegate of the approval is not the approver's second factor.
		if _, err := eng.AnswerStepUp(ctx, wait.ID, "carol", "123456"); !errors.Is(err, incident.ErrNotApprover) {
			t.Fatalf("delegate answering: %v", err)
		}
		if got, _ := st.GetAction(ctx, a.ID); got.Status != incident.ActionAwaitingStepUp || te.count() != 0 {
			t.Fatalf("after refused answers: status %s, token calls %d", got.Status, te.count())
		}
		if _, err := eng.AnswerStepUp(ctx, wait.ID, "alice", "123456"); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a.ID, incident.ActionSucceeded, 20*time.Second)
		if _, err := eng.AnswerStepUp(ctx, wait.ID, "alice", "123456"); !errors.Is(err, incident.ErrAlreadyDecided) {
			t.Fatalf("second answer: %v", err)
		}
		if posts, _ := f.counts(); posts != 1 || te.count() != 1 {
			t.Fatalf("provider posts %d, token calls %d; want 1 and 1", posts, te.count())
		}
	})
}

// Low-risk actions skip step-up, and closing the incident cancels a
// pending step-up like any other wait.
func TestStepUpOnlyForRiskyActionsAndCancelledOnClose(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
		su := &fakeStepUp{method: "totp"}
		eng := newStepUpEngine(t, st, f, te, su)
		inc := openIncident(t, eng)
		low, lowAp, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskLow,
			Class: incident.ClassProtected, Target: "github:acme/app", Approver: "alice", By: agent})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eng.Decide(ctx, lowAp.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, low.ID, incident.ActionSucceeded, 20*time.Second)
		if begins, _ := su.counts(); begins != 0 {
			t.Fatalf("a low-risk action asked for step-up")
		}
		a, ap := proposeRevert(t, eng, inc.ID)
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		wait := stepUpWait(t, st, a.ID)
		if _, err := eng.SetStatus(ctx, inc.ID, incident.StatusResolved, incident.Actor{ID: "alice", Type: incident.ActorHuman}); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a.ID, incident.ActionFailed, 5*time.Second)
		if _, err := eng.AnswerStepUp(ctx, wait.ID, "alice", "123456"); !errors.Is(err, incident.ErrAlreadyDecided) {
			t.Fatalf("answer after close: %v", err)
		}
		if te.count() != 1 {
			t.Fatalf("token calls %d, want 1 (the low-risk action only)", te.count())
		}
	})
}

func eventsOf(t *testing.T, st *store.Store, incID string) []incident.Event {
	t.Helper()
	evs, err := st.ListEvents(context.Background(), incID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
