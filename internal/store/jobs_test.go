package store_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

type pingArgs struct{}

func (pingArgs) Kind() string { return "test_ping" }

type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	done chan struct{}
}

func (w *pingWorker) Work(context.Context, *river.Job[pingArgs]) error {
	w.done <- struct{}{}
	return nil
}

// startQueue starts a queue of pingWorker on st with a minute-long poll,
// so only a wake can run a step in time, and the given fetch cooldown.
func startQueue(t *testing.T, st *store.Store, cooldown time.Duration, start bool) (store.JobQueue, *pingWorker) {
	t.Helper()
	w := &pingWorker{done: make(chan struct{}, 10_000)}
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	q, err := st.NewJobQueue(&river.Config{Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers: workers, FetchPollInterval: time.Minute, FetchCooldown: cooldown,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if start {
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _ = q.Stop(context.Background()) })
	return q, w
}

// A step enqueued in a committed transaction runs at once, not at the next
// poll: PostgreSQL wakes the workers with NOTIFY, SQLite with an in-process
// wake after the commit. The poll here is far longer than the wait allowed.
// A rolled-back transaction's step never runs.
func TestJobQueueWakesOnCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		q, w := startQueue(t, st, 5*time.Millisecond, true)
		// The first fetch after start is immediate; let it pass.
		time.Sleep(200 * time.Millisecond)

		errRollback := context.Canceled
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			if err := q.InsertTx(ctx, tx, pingArgs{}, nil); err != nil {
				return err
			}
			return errRollback
		}); err != errRollback {
			t.Fatalf("rolled-back insert: %v", err)
		}
		// River sends PostgreSQL's insert NOTIFY at most once per queue per
		// fetch cooldown, and the rolled-back insert used this one.
		time.Sleep(50 * time.Millisecond)
		if err := st.InTx(ctx, func(tx *store.Tx) error { return q.InsertTx(ctx, tx, pingArgs{}, nil) }); err != nil {
			t.Fatal(err)
		}
		select {
		case <-w.done:
		case <-time.After(10 * time.Second):
			t.Fatal("the committed step did not run within 10s (the poll is a minute)")
		}
		select {
		case <-w.done:
			t.Fatal("the rolled-back step ran")
		case <-time.After(300 * time.Millisecond):
		}
	})
}

// Commits that enqueue steps while the workers are still starting (HTTP
// serves before they start) neither race with the start nor lose their
// wake: every step runs long before the minute-long poll.
func TestJobQueueCommitsWhileStarting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		q, w := startQueue(t, st, 5*time.Millisecond, false)
		stop := make(chan struct{})
		committed := make(chan int)
		go func() {
			n := 0
			defer func() { committed <- n }()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := st.InTx(ctx, func(tx *store.Tx) error { return q.InsertTx(ctx, tx, pingArgs{}, nil) }); err != nil {
					t.Error(err)
					return
				}
				n++
			}
		}()
		time.Sleep(20 * time.Millisecond)
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
		close(stop)
		n := <-committed
		deadline := time.After(10 * time.Second)
		for ran := 0; ran < n; ran++ {
			select {
			case <-w.done:
			case <-deadline:
				t.Fatalf("%d of %d committed steps ran within 10s (the poll is a minute)", ran, n)
			}
		}
	})
}

// Two steps committed within one fetch cooldown both run before the poll.
// River sends PostgreSQL's insert NOTIFY at most once per queue per
// cooldown, so the second commit's own notification is swallowed; the wake
// sent after each commit is not.
func TestJobQueueWakesEveryCommitInABurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		q, w := startQueue(t, st, 300*time.Millisecond, true)
		time.Sleep(500 * time.Millisecond) // past the first fetch and its cooldown
		for range 2 {
			if err := st.InTx(ctx, func(tx *store.Tx) error { return q.InsertTx(ctx, tx, pingArgs{}, nil) }); err != nil {
				t.Fatal(err)
			}
			time.Sleep(30 * time.Millisecond)
		}
		for i := range 2 {
			select {
			case <-w.done:
			case <-time.After(10 * time.Second):
				t.Fatalf("step %d of 2 did not run within 10s (the poll is a minute)", i+1)
			}
		}
	})
}
