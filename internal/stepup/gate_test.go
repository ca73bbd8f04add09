package stepup

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
)

func mergeRequest(engineer string) gate.Request {
	return gate.Request{Engineer: engineer, Action: incident.Action{Kind: "merge_pr", Risk: incident.RiskCritical,
		Class: incident.ClassProtected, Target: "github:acme/app-config"}}
}

// CIBA is chosen for an engineer with a subject; the challenge carries the
// request to poll and a binding message naming the action and target, and
// Poll maps every protocol answer to an outcome.
func TestGateCIBA(t *testing.T) {
	tests := []struct {
		name   string
		script []reply
		want   []gate.Outcome
	}{
		{"approved", []reply{rPending, rApproved}, []gate.Outcome{gate.OutcomePending, gate.OutcomeApproved}},
		{"slow down then denied", []reply{rSlowDown, rDenied}, []gate.Outcome{gate.OutcomePending, gate.OutcomeDenied}},
		{"expired", []reply{rExpired}, []gate.Outcome{gate.OutcomeExpired}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, clk := context.Background(), newClock()
			f := newFakeCIBA(t, tc.script...)
			g := &Gate{CIBA: newTestCIBA(t, f, clk), Now: clk.Now,
				Subject: func(e string) string { return map[string]string{"alice": "auth0|alice"}[e] }}
			v, err := g.Begin(ctx, mergeRequest("alice"))
			if err != nil || v.Challenge == nil || v.Challenge.Method != MethodCIBA {
				t.Fatalf("begin: %+v, %v", v, err)
			}
			if bm := f.start["binding_message"]; !strings.Contains(bm, "merge_pr") || !strings.Contains(bm, "acme") {
				t.Fatalf("binding message %q does not name the action", bm)
			}
			if strings.Contains(v.Detail, "arid-1") || strings.Contains(v.Challenge.Message, "arid-1") {
				t.Fatal("the auth_req_id leaks into what is shown")
			}
			ch := *v.Challenge
			for i, want := range tc.want {
				clk.Set(ch.PollAt)
				got, next, err := g.Poll(ctx, ch)
				if err != nil || got != want {
					t.Fatalf("poll %d: %s, %v; want %s", i, got, err, want)
				}
				ch = next
			}
			if f.tokenCalls() != len(tc.want) {
				t.Fatalf("token calls %d, want %d", f.tokenCalls(), len(tc.want))
			}
		})
	}
}

// Without a subject the built-in authenticator is used; an engineer without
// a confirmed one is denied at once rather than left waiting.
func TestGateTOTP(t *testing.T) {
	ctx := context.Background()
	fx := newTOTPFixture(t)
	g := &Gate{TOTP: fx.tp, Now: fx.clk.Now, TOTPTimeout: time.Minute}
	v, err := g.Begin(ctx, mergeRequest("bob"))
	if err != nil || v.Challenge != nil || v.Passed || !strings.Contains(v.Detail, "enrol") {
		t.Fatalf("not enrolled: %+v, %v", v, err)
	}
	secret := fx.enrolled(t, "alice")
	v, err = g.Begin(ctx, mergeRequest("alice"))
	if err != nil || v.Challenge == nil || v.Challenge.Method != MethodTOTP || !v.Challenge.PollAt.IsZero() {
		t.Fatalf("enrolled: %+v, %v", v, err)
	}
	ch := *v.Challenge
	if out, _, err := g.Poll(ctx, ch); out != gate.OutcomePending || err != nil {
		t.Fatalf("polling a totp challenge: %s %v", out, err)
	}
	if err := g.Verify(ctx, "alice", ch, codeAt(t, secret, fx.clk.Now())); err != nil {
		t.Fatal(err)
	}
	fx.clk.Set(fx.clk.Now().Add(2 * time.Minute))
	if err := g.Verify(ctx, "alice", ch, codeAt(t, secret, fx.clk.Now())); !errors.Is(err, ErrChallengeExpired) {
		t.Fatalf("late code: %v", err)
	}
	if v, _ := (&Gate{}).Begin(ctx, mergeRequest("alice")); v.Passed || v.Challenge != nil {
		t.Fatalf("no method configured: %+v", v)
	}
}

// Wrong codes are limited: after MaxFailures in the window even the right
// code is refused until the window has passed; a right code resets the count.
func TestTOTPRateLimit(t *testing.T) {
	ctx := context.Background()
	fx := newTOTPFixture(t)
	secret := fx.enrolled(t, "alice")
	for i := 0; i < 4; i++ {
		if err := fx.tp.Verify(ctx, "alice", "000000"); !errors.Is(err, ErrInvalidCode) {
			t.Fatalf("wrong code %d: %v", i, err)
		}
	}
	// A right code after 4 wrong ones passes and clears the count.
	if err := fx.tp.Verify(ctx, "alice", codeAt(t, secret, fx.clk.Now())); err != nil {
		t.Fatal(err)
	}
	fx.clk.Set(fx.clk.Now().Add(time.Minute))
	for i := 0; i < 5; i++ {
		_ = fx.tp.Verify(ctx, "alice", "000000")
	}
	if err := fx.tp.Verify(ctx, "alice", codeAt(t, secret, fx.clk.Now())); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("right code while locked: %v", err)
	}
	fx.clk.Set(fx.clk.Now().Add(16 * time.Minute))
	if err := fx.tp.Verify(ctx, "alice", codeAt(t, secret, fx.clk.Now())); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}
