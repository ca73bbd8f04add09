package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// JobQueue is River over the store's own database, so a job inserted in a
// store transaction runs only if that transaction commits. It hides River's
// transaction type (*sql.Tx on SQLite, pgx.Tx on PostgreSQL) so its users
// are written once.
type JobQueue interface {
	InsertTx(ctx context.Context, tx *Tx, args river.JobArgs, opts *river.InsertOpts) error
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

// NewJobQueue builds a River client over the store's database, whose
// workers are woken when a transaction that enqueued a step commits, so the
// fetch poll (cfg.FetchPollInterval) is only a fallback and an idle server
// can poll every few seconds.
func (s *Store) NewJobQueue(cfg *river.Config) (JobQueue, error) {
	gap := cmp.Or(cfg.FetchCooldown, river.FetchCooldownDefault)
	if s.pgPool != nil {
		c, err := river.NewClient[pgx.Tx](riverpgxv5.New(s.pgPool), cfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		q := &wakingQueue[pgx.Tx]{riverQueue: riverQueue[pgx.Tx]{c}, wakers: map[string]*waker{}, gap: gap}
		q.wake = func(ctx context.Context, queue string) { s.notifyInsert(ctx, cfg.Schema, queue) }
		return q, nil
	}
	cfg.PollOnly = true
	if cfg.Workers != nil {
		if err := river.AddWorkerSafely(cfg.Workers, &wakeWorker{}); err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
	}
	c, err := river.NewClient[*sql.Tx](pollOnlyDriver{riversqlite.New(s.sqlDB)}, cfg)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	q := &wakingQueue[*sql.Tx]{riverQueue: riverQueue[*sql.Tx]{c}, wakers: map[string]*waker{}, gap: gap}
	q.wake = func(ctx context.Context, queue string) {
		// River's poll-only client fetches at once for a job inserted
		// outside a transaction; the no-op job's fetch finds the real step.
		_, _ = c.Insert(ctx, wakeArgs{}, &river.InsertOpts{Queue: queue, MaxAttempts: 1})
	}
	return q, nil
}

// notifyInsert sends River's insert notification for queue on PostgreSQL,
// which every replica's workers for that queue listen to. River sends its
// own from the inserting transaction, but at most once per queue per fetch
// cooldown, so a step committed just after another would wait for the next
// poll; this one is sent after the commit, coalesced by the queue's waker.
// The channel and payload are River's (its notifier's "insert" topic).
func (s *Store) notifyInsert(ctx context.Context, schema, queue string) {
	payload := fmt.Sprintf(`{"queue": %q}`, queue)
	// Best effort: if it fails, the step still runs at the next poll.
	_, _ = s.pgPool.Exec(ctx, `SELECT pg_notify(coalesce(nullif($1, ''), current_schema()) || '.river_insert', $2)`, schema, payload)
}

// pollOnlyDriver is River's SQLite driver declared without a listener.
// The driver emulates LISTEN with a table it polls every 50 ms; WarRoom runs
// one SQLite process, which can wake its own workers instead, and River does
// that (for inserts outside a transaction) only for drivers without one.
type pollOnlyDriver struct{ *riversqlite.Driver }

func (pollOnlyDriver) SupportsListener() bool { return false }

// wakingQueue wakes the workers of a queue when a transaction that
// enqueued a step on it commits: on SQLite, which has no NOTIFY, by an
// in-process wake; on PostgreSQL by a NOTIFY that River's per-queue limit
// cannot swallow. Wakes are coalesced per queue (waker).
type wakingQueue[TTx any] struct {
	riverQueue[TTx]
	wake   func(ctx context.Context, queue string)
	mu     sync.Mutex
	wakers map[string]*waker
	gap    time.Duration // River's fetch cooldown: a wake sooner than that after the last would not fetch sooner
	// started is set once the client's Start has returned. River's Start
	// writes each producer's fetch limiter unguarded while an Insert reads
	// it, and HTTP serves (and commits) before the workers start; a wake
	// before then is not needed anyway: starting producers fetch at once.
	started atomic.Bool
}

func (q *wakingQueue[TTx]) Start(ctx context.Context) error {
	if err := q.riverQueue.Start(ctx); err != nil {
		return err
	}
	q.started.Store(true)
	// A commit between the producers' first fetch and now skipped its wake.
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, w := range q.wakers {
		w.poke()
	}
	return nil
}

func (q *wakingQueue[TTx]) InsertTx(ctx context.Context, tx *Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if err := q.riverQueue.InsertTx(ctx, tx, args, opts); err != nil {
		return err
	}
	queue := queueOf(args, opts)
	tx.onCommit("wake:"+queue, q.waker(queue).poke)
	return nil
}

func (q *wakingQueue[TTx]) waker(queue string) *waker {
	q.mu.Lock()
	defer q.mu.Unlock()
	w, ok := q.wakers[queue]
	if !ok {
		w = &waker{gap: q.gap, wake: func() {
			if !q.started.Load() {
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.wake(ctx, queue)
		}}
		q.wakers[queue] = w
	}
	return w
}

// queueOf is the queue a job goes to: the insert's option, else the
// job's own, else River's default.
func queueOf(args river.JobArgs, opts *river.InsertOpts) string {
	if opts != nil && opts.Queue != "" {
		return opts.Queue
	}
	if a, ok := args.(river.JobArgsWithInsertOpts); ok {
		if q := a.InsertOpts().Queue; q != "" {
			return q
		}
	}
	return river.QueueDefault
}

// waker runs wake after a poke at once, and while pokes keep coming at
// most once per gap, with one more after the last: a busy intake commits
// thousands of times a second, and each wake is a write.
type waker struct {
	wake    func()
	gap     time.Duration
	mu      sync.Mutex
	running bool
	again   bool
}

func (w *waker) poke() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running {
		w.again = true
		return
	}
	w.running = true
	go w.loop()
}

func (w *waker) loop() {
	for {
		w.wake()
		w.mu.Lock()
		if !w.again {
			w.running = false
			w.mu.Unlock()
			return
		}
		w.again = false
		w.mu.Unlock()
		time.Sleep(w.gap)
	}
}

// wakeArgs is the no-op job that wakes a poll-only producer.
type wakeArgs struct{}

func (wakeArgs) Kind() string { return "store_wake" }

type wakeWorker struct {
	river.WorkerDefaults[wakeArgs]
}

func (wakeWorker) Work(context.Context, *river.Job[wakeArgs]) error { return nil }

type riverQueue[TTx any] struct{ client *river.Client[TTx] }

func (q riverQueue[TTx]) InsertTx(ctx context.Context, tx *Tx, args river.JobArgs, opts *river.InsertOpts) error {
	raw, ok := tx.raw.(TTx)
	if !ok {
		return fmt.Errorf("enqueue %s: transaction type %T does not match the queue", args.Kind(), tx.raw)
	}
	_, err := q.client.InsertTx(ctx, raw, args, opts)
	return err
}

func (q riverQueue[TTx]) Start(ctx context.Context) error         { return q.client.Start(ctx) }
func (q riverQueue[TTx]) Stop(ctx context.Context) error          { return q.client.Stop(ctx) }
func (q riverQueue[TTx]) StopAndCancel(ctx context.Context) error { return q.client.StopAndCancel(ctx) }
