package intake_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// TestCommitIsolatesAFailingDelivery: when one delivery makes the batch's
// transaction fail, the others are still stored and acknowledged; only the
// bad one fails, and nothing of it (not even its signature) is kept.
func TestCommitIsolatesAFailingDelivery(t *testing.T) {
	cases := []struct {
		name string
		bad  []int // indexes of deliveries whose alert the store refuses
		n    int
	}{
		{"one bad in the middle", []int{3}, 7},
		{"first and last bad", []int{0, 6}, 7},
		{"all bad", []int{0, 1}, 2},
		{"none bad", nil, 5},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		for ci, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				h := newHarness(t, d)
				ctx := context.Background()
				isBad := map[int]bool{}
				for _, i := range c.bad {
					isBad[i] = true
				}
				ds := make([]intake.Delivery, c.n)
				for i := range ds {
					a := alert("checkout-api", "HighErrorRate", fmt.Sprintf("fp-%d-%d", ci, i), incident.AlertFiring, t0)
					if isBad[i] {
						// Accept would refuse this; CommitBatch lets it reach the transaction.
						a.Annotations = map[string]string{"summary": "bad\x00nul"}
					}
					ds[i] = intake.Delivery{Source: "grafana", Alerts: []incident.Alert{a}, Signature: fmt.Sprintf("sig-%d-%d", ci, i)}
				}
				errs := h.in.CommitBatch(ds...)
				for i, err := range errs {
					switch {
					case isBad[i] && !errors.Is(err, incident.ErrInvalid):
						t.Errorf("delivery %d (bad): err = %v, want ErrInvalid", i, err)
					case !isBad[i] && err != nil:
						t.Errorf("delivery %d (good): err = %v, want stored", i, err)
					}
				}
				episodes, _, err := h.st.AlertCounts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if want := int64(c.n - len(c.bad)); episodes != want {
					t.Errorf("stored %d episodes, want %d", episodes, want)
				}
				// A failed delivery's signature was rolled back: the sender's
				// retry (of a fixed payload) is not taken for a replay.
				for i, dl := range ds {
					var fresh bool
					if err := h.st.InTx(ctx, func(tx *store.Tx) error {
						var err error
						fresh, err = tx.AcceptSignature(ctx, dl.Source, dl.Signature+"", h.clk.now())
						return err
					}); err != nil {
						t.Fatal(err)
					}
					if fresh != isBad[i] {
						t.Errorf("delivery %d: signature remembered = %v, want %v", i, !fresh, !isBad[i])
					}
				}
			})
		}
	})
}

// TestReplayRememberedForTwiceTheSkew: with a 30-minute window a signature
// accepted at t0 is still refused 11 and 61 minutes later, after prunes ran.
func TestReplayRememberedForTwiceTheSkew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarnessWith(t, d, intake.Options{ReplayTTL: intake.ReplayTTLFor(30 * time.Minute)})
		ctx := context.Background()
		del := intake.Delivery{Source: "grafana", Signature: "sig-first",
			Alerts: []incident.Alert{alert("checkout-api", "HighErrorRate", "fp-1", incident.AlertFiring, t0)}}
		if err := h.in.Accept(ctx, del); err != nil {
			t.Fatal(err)
		}
		for i, after := range []time.Duration{11 * time.Minute, 50 * time.Minute} {
			h.clk.advance(after)
			// Another commit, so the once-a-minute prune runs first.
			other := intake.Delivery{Source: "grafana", Signature: fmt.Sprintf("sig-other-%d", i),
				Alerts: []incident.Alert{alert("ledger", "Lag", fmt.Sprintf("fp-o%d", i), incident.AlertFiring, t0)}}
			if err := h.in.Accept(ctx, other); err != nil {
				t.Fatal(err)
			}
			if err := h.in.Accept(ctx, del); !errors.Is(err, intake.ErrReplayed) {
				t.Fatalf("replay %s after: err = %v, want ErrReplayed", h.clk.now().Sub(t0), err)
			}
		}
		// Past 2×30m+1m it is forgotten (a timestamp that old is stale anyway).
		h.clk.advance(2 * time.Minute)
		if err := h.in.Accept(ctx, intake.Delivery{Source: "grafana", Signature: "sig-late",
			Alerts: []incident.Alert{alert("ledger", "Lag", "fp-late", incident.AlertFiring, t0)}}); err != nil {
			t.Fatal(err)
		}
		if err := h.in.Accept(ctx, del); err != nil {
			t.Fatalf("after the TTL: err = %v, want accepted", err)
		}
	})
}

// TestSlackPollSkipsUnstorableMessages: a polled message with a NUL does
// not wedge the poller: it is skipped and later messages are stored.
func TestSlackPollSkipsUnstorableMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		ctx := context.Background()
		fake := &fakeHistory{}
		srv := httptest.NewServer(fake)
		t.Cleanup(srv.Close)
		poll := &intake.SlackPoll{Store: h.st, Interval: time.Minute, Poller: &slackinbound.Poller{
			Client: slackinbound.NewClient("xoxb-test", slack.OptionAPIURL(srv.URL+"/")), Channels: []string{"C0OPS"}}}
		if err := poll.PollOnce(ctx, h.eng); err != nil { // sets the starting cursor
			t.Fatal(err)
		}
		start := h.clk.now().Unix()
		ts := func(off int) string { return fmt.Sprintf("%d.000100", start+int64(off)) }
		fake.post(ts(1), "U1", "checkout-api is down", "")
		fake.post(ts(2), "U2", "bad \x00 text", "")
		fake.post(ts(3), "U3", "ledger is down too", "")
		for range 2 {
			if err := poll.PollOnce(ctx, h.eng); err != nil {
				t.Fatalf("poll: %v", err)
			}
		}
		reports, err := h.st.ListReports(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(reports) != 2 {
			t.Fatalf("stored %d reports, want 2 (the NUL one skipped)", len(reports))
		}
		if c, _ := h.st.SlackCursor(ctx, "C0OPS"); c != ts(3) {
			t.Fatalf("cursor = %s, want %s", c, ts(3))
		}
		// The Events API path refuses the same text before any transaction.
		_, err = h.in.AcceptReport(ctx, store.Report{ID: "r-bad", Source: "slack", Channel: "C0OPS", TS: ts(9),
			User: "U2", Text: "bad \x00 text", ReceivedAt: h.clk.now()}, "")
		if !errors.Is(err, incident.ErrInvalid) {
			t.Fatalf("AcceptReport with a NUL: err = %v, want ErrInvalid", err)
		}
	})
}
