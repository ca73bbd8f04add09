package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

func TestTOTPSecrets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		if _, err := st.GetTOTPSecret(ctx, "alice"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing secret: %v", err)
		}
		at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		s := store.TOTPSecret{Engineer: "alice", KeyID: "k1", Nonce: []byte{1}, Ciphertext: []byte{2, 3}, EnrolledAt: at}
		if err := st.PutTOTPSecret(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := st.GetTOTPSecret(ctx, "alice")
		if err != nil || got.Confirmed || !bytes.Equal(got.Ciphertext, s.Ciphertext) || !got.EnrolledAt.Equal(at) {
			t.Fatalf("round trip %+v %v", got, err)
		}
		// Replay: a step is used once, and never an earlier one after it.
		for _, tc := range []struct {
			step  int64
			fresh bool
		}{{100, true}, {100, false}, {99, false}, {101, true}} {
			if fresh, err := st.MarkTOTPStepUsed(ctx, "alice", tc.step); err != nil || fresh != tc.fresh {
				t.Fatalf("step %d: fresh %v, %v", tc.step, fresh, err)
			}
		}
		// Confirming the same secret keeps the used step; a new secret resets it.
		s.Confirmed = true
		if err := st.PutTOTPSecret(ctx, s); err != nil {
			t.Fatal(err)
		}
		if fresh, _ := st.MarkTOTPStepUsed(ctx, "alice", 101); fresh {
			t.Fatal("confirming reset the used step")
		}
		s.Ciphertext = []byte{4}
		if err := st.PutTOTPSecret(ctx, s); err != nil {
			t.Fatal(err)
		}
		if fresh, _ := st.MarkTOTPStepUsed(ctx, "alice", 50); !fresh {
			t.Fatal("a new secret kept the old used step")
		}
		// Failures count within a window and start over after it.
		w := 15 * time.Minute
		for i, off := range []time.Duration{0, time.Minute, 2 * time.Minute} {
			if n, err := st.RecordTOTPFailure(ctx, "alice", at.Add(off), w); err != nil || n != i+1 {
				t.Fatalf("failure %d: %d %v", i, n, err)
			}
		}
		if n, _ := st.TOTPFailures(ctx, "alice", at.Add(3*time.Minute-w)); n != 3 {
			t.Fatalf("failures in window = %d", n)
		}
		if n, _ := st.TOTPFailures(ctx, "alice", at.Add(time.Second)); n != 0 {
			t.Fatalf("failures of a window that began earlier = %d", n)
		}
		if n, _ := st.RecordTOTPFailure(ctx, "alice", at.Add(20*time.Minute), w); n != 1 {
			t.Fatalf("failure after the window: %d", n)
		}
		if err := st.ClearTOTPFailures(ctx, "alice"); err != nil {
			t.Fatal(err)
		}
		if n, _ := st.TOTPFailures(ctx, "alice", at); n != 0 {
			t.Fatalf("after clear: %d", n)
		}
	})
}

// A step-up wait keeps its challenge; it can be updated only while undecided,
// and the newest passed step-up of an engineer is found per action.
func TestStepUpWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		inc, err := incident.New("inc-1", "checkout errors", "checkout", "alice", incident.SevP1, at)
		if err != nil {
			t.Fatal(err)
		}
		a := incident.Action{ID: "act-1", IncidentID: inc.ID, Kind: "merge_pr", Risk: incident.RiskCritical, Class: incident.ClassProtected,
			Status: incident.ActionProposed, Target: "github:acme/app", IdempotencyKey: "k", CreatedAt: at, UpdatedAt: at}
		ap := incident.Approval{ID: "su-1", ActionID: a.ID, IncidentID: inc.ID, Kind: incident.WaitStepUp, Target: "alice",
			Challenge: []byte(`{"method":"ciba"}`), CreatedAt: at}
		err = st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateIncident(ctx, inc); err != nil {
				return err
			}
			if err := tx.CreateAction(ctx, a); err != nil {
				return err
			}
			return tx.CreateApproval(ctx, ap)
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.LastStepUp(ctx, a.ID, "alice"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("undecided step-up found: %v", err)
		}
		if err := st.UpdateChallenge(ctx, ap.ID, []byte(`{"method":"ciba","poll_at":"x"}`)); err != nil {
			t.Fatal(err)
		}
		ap.Decision, ap.DecidedBy, ap.DecidedAt = incident.DecisionApproved, "alice", at.Add(time.Minute)
		if err := st.RecordDecision(ctx, ap); err != nil {
			t.Fatal(err)
		}
		if err := st.UpdateChallenge(ctx, ap.ID, []byte(`{}`)); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("update after decision: %v", err)
		}
		got, err := st.LastStepUp(ctx, a.ID, "alice")
		if err != nil || string(got.Challenge) != `{"method":"ciba","poll_at":"x"}` || !got.DecidedAt.Equal(ap.DecidedAt) {
			t.Fatalf("last step-up %+v %v", got, err)
		}
		if _, err := st.LastStepUp(ctx, a.ID, "bob"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("someone else's step-up: %v", err)
		}
	})
}

func TestSentMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		if sent, err := st.MessageSent(ctx, "warroom-1"); err != nil || sent {
			t.Fatalf("before: %v %v", sent, err)
		}
		for i := 0; i < 2; i++ {
			if err := st.MarkMessageSent(ctx, "warroom-1"); err != nil {
				t.Fatal(err)
			}
		}
		if sent, err := st.MessageSent(ctx, "warroom-1"); err != nil || !sent {
			t.Fatalf("after: %v %v", sent, err)
		}
	})
}
