package live_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newIncident(t testing.TB, st *store.Store, title string) incident.Incident {
	t.Helper()
	inc, err := incident.New(fmt.Sprintf("inc-%d", time.Now().UnixNano()), title, "checkout", "alice", incident.SevP2, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateIncident(context.Background(), inc); err != nil {
		t.Fatal(err)
	}
	return inc
}

func appendNote(t testing.TB, st *store.Store, incidentID, text string) incident.Event {
	t.Helper()
	ev, err := incident.NewEvent(incidentID, incident.EventNote, incident.Actor{ID: "bob", Type: incident.ActorHuman}, time.Now(), map[string]string{"text": text})
	if err != nil {
		t.Fatal(err)
	}
	ev, err = st.AppendEvent(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func woken(t *testing.T, ch <-chan struct{}, within time.Duration) bool {
	t.Helper()
	select {
	case _, ok := <-ch:
		return ok
	case <-time.After(within):
		return false
	}
}

// TestNotifyInProcess: Notify wakes the incident's and All's subscribers
// only, wake-ups coalesce, a cancelled subscription is forgotten, and Close
// ends every stream.
func TestNotifyInProcess(t *testing.T) {
	h := live.New(nil, live.Options{Logger: quiet})
	a, cancelA := h.Subscribe("a")
	b, cancelB := h.Subscribe("b")
	all, cancelAll := h.Subscribe(live.All)
	defer cancelA()
	defer cancelAll()
	if h.Watchers() != 3 {
		t.Fatalf("watchers %d, want 3", h.Watchers())
	}
	h.Notify("a")
	h.Notify("a") // coalesced into the pending one
	for _, c := range []struct {
		name string
		ch   <-chan struct{}
		want bool
	}{{"a", a, true}, {"a again (coalesced)", a, false}, {"b", b, false}, {"all", all, true}} {
		if got := woken(t, c.ch, 50*time.Millisecond); got != c.want {
			t.Errorf("%s woken %v, want %v", c.name, got, c.want)
		}
	}
	cancelB()
	cancelB() // twice is harmless
	if h.Watchers() != 2 {
		t.Fatalf("watchers after cancel %d, want 2", h.Watchers())
	}
	h.Close()
	if _, ok := <-a; ok {
		t.Fatal("a subscription's channel stayed open after Close")
	}
	late, _ := h.Subscribe("c")
	if _, ok := <-late; ok {
		t.Fatal("subscribing to a closed hub gave an open channel")
	}
}

// TestStoreHints: on both engines, an event appended by anyone wakes the
// incident's watchers and the incident list's, without any Notify call
// (PostgreSQL: the trigger's NOTIFY; SQLite: this process's commit, or the
// poll for other processes'), and Events returns it. With a minute-long
// poll, only the commit can have woken them; an event appended in a
// transaction wakes them when it commits.
func TestStoreHints(t *testing.T) {
	for _, poll := range []time.Duration{10 * time.Millisecond, time.Minute} {
		t.Run("poll "+poll.String(), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, d store.Dialect) {
				ctx := context.Background()
				st := storetest.Open(t, d)
				inc := newIncident(t, st, "db latency")
				other := newIncident(t, st, "queue backlog")
				h := live.New(st, live.Options{Logger: quiet, PollInterval: poll})
				if err := h.Start(ctx); err != nil {
					t.Fatal(err)
				}
				defer h.Close()
				wake, cancel := h.Subscribe(inc.ID)
				defer cancel()
				all, cancelAll := h.Subscribe(live.All)
				defer cancelAll()
				drain(wake)
				drain(all)

				ev := appendNote(t, st, inc.ID, "first")
				if !woken(t, wake, 5*time.Second) || !woken(t, all, time.Second) {
					t.Fatal("an appended event woke nobody")
				}
				got, err := h.Events(ctx, inc.ID, 0, 10)
				if err != nil || len(got) != 1 || got[0].Seq != ev.Seq {
					t.Fatalf("events %+v %v", got, err)
				}
				appendNote(t, st, other.ID, "elsewhere")
				if !woken(t, all, 5*time.Second) {
					t.Fatal("another incident's event did not wake the list")
				}
				if woken(t, wake, 100*time.Millisecond) {
					t.Fatal("another incident's event woke this incident's watcher")
				}

				txEv, err := incident.NewEvent(inc.ID, incident.EventNote, incident.Actor{ID: "alice", Type: incident.ActorHuman}, time.Now(), map[string]string{"text": "in a transaction"})
				if err != nil {
					t.Fatal(err)
				}
				if err := st.InTx(ctx, func(tx *store.Tx) error {
					_, err := tx.AppendEvent(ctx, txEv)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if !woken(t, wake, 5*time.Second) {
					t.Fatal("an event committed in a transaction woke nobody")
				}
			})
		})
	}
}

func drain(ch <-chan struct{}) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// TestEventsCache: many readers at different cursors get exactly the events
// after their cursor, in order, with no gap, while events keep arriving and
// the cache (kept small here) trims itself; a reader far behind the cache
// still gets everything.
func TestEventsCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		inc := newIncident(t, st, "cache")
		h := live.New(st, live.Options{Logger: quiet, CacheSize: 8})
		wake, cancel := h.Subscribe(inc.ID)
		defer cancel()
		_ = wake
		const total = 40
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for r := range 8 {
			wg.Add(1)
			go func(start int64) {
				defer wg.Done()
				cur := start
				deadline := time.Now().Add(20 * time.Second)
				for cur < total && time.Now().Before(deadline) {
					evs, err := h.Events(ctx, inc.ID, cur, 3)
					if err != nil {
						errs <- err
						return
					}
					for _, ev := range evs {
						if ev.Seq != cur+1 {
							errs <- fmt.Errorf("reader from %d: got seq %d after %d", start, ev.Seq, cur)
							return
						}
						cur = ev.Seq
					}
					if len(evs) == 0 {
						time.Sleep(time.Millisecond)
					}
				}
				if cur != total {
					errs <- fmt.Errorf("reader from %d stopped at %d", start, cur)
				}
			}(int64(r))
		}
		for i := range total {
			appendNote(t, st, inc.ID, fmt.Sprint(i))
			h.Notify(inc.ID)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		// Far behind the (trimmed) cache: served from the store.
		evs, err := h.Events(ctx, inc.ID, 0, 100)
		if err != nil || len(evs) != total || evs[0].Seq != 1 || evs[total-1].Seq != total {
			t.Fatalf("reader from 0 got %d events, err %v", len(evs), err)
		}
	})
}

// TestEventsCacheExtendPastTrim: a reader just inside the cache whose
// extending fetch brings more than the cache holds must still get the event
// right after its cursor, not the first one the trim leaves behind.
func TestEventsCacheExtendPastTrim(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		inc := newIncident(t, st, "extend")
		h := live.New(st, live.Options{Logger: quiet, CacheSize: 8})
		_, cancel := h.Subscribe(inc.ID)
		defer cancel()
		for i := range 8 {
			appendNote(t, st, inc.ID, fmt.Sprint(i))
		}
		h.Notify(inc.ID)
		if evs, err := h.Events(ctx, inc.ID, 0, 8); err != nil || len(evs) != 8 {
			t.Fatalf("fill: got %d events, err %v", len(evs), err)
		}
		for i := range 9 {
			appendNote(t, st, inc.ID, fmt.Sprint(8+i))
		}
		h.Notify(inc.ID)
		evs, err := h.Events(ctx, inc.ID, 7, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 || evs[0].Seq != 8 {
			var seqs []int64
			for _, ev := range evs {
				seqs = append(seqs, ev.Seq)
			}
			t.Fatalf("reader from 7 got %v, want it to start at 8", seqs)
		}
	})
}

// TestListenNotifyAcrossHubs: two replicas (two pools, two hubs) on one
// PostgreSQL database; an event committed through one wakes the other's
// watchers, and after the listening connection is killed the hub reconnects
// and hears later events.
func TestListenNotifyAcrossHubs(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.Postgres)
	stA := storetest.OpenDSN(t, dsn)
	stB := storetest.OpenDSN(t, dsn)
	inc := newIncident(t, stA, "replicas")
	hubB := live.New(stB, live.Options{Logger: quiet})
	if err := hubB.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer hubB.Close()
	wake, cancel := hubB.Subscribe(inc.ID)
	defer cancel()
	drain(wake)

	for round, kill := range []bool{false, true} {
		if kill {
			n, err := stA.PgPool().Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE datname = current_database() AND query = 'LISTEN `+live.Channel+`'`)
			if err != nil || n.RowsAffected() != 1 {
				t.Fatalf("terminate the listener: %v (%d rows)", err, n.RowsAffected())
			}
			// The reconnection wakes everyone; then the hub listens again.
			if !woken(t, wake, 10*time.Second) {
				t.Fatal("no wake-up after the listener reconnected")
			}
		}
		start := time.Now()
		ev := appendNote(t, stA, inc.ID, fmt.Sprint("round ", round))
		if !woken(t, wake, 10*time.Second) {
			t.Fatalf("round %d: replica B was not woken by replica A's event", round)
		}
		t.Logf("round %d: woken %s after the append began", round, time.Since(start))
		evs, err := hubB.Events(ctx, inc.ID, ev.Seq-1, 10)
		if err != nil || len(evs) != 1 || evs[0].Seq != ev.Seq {
			t.Fatalf("round %d: replica B read %+v %v", round, evs, err)
		}
	}
}
