package engine

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/warroom/warroom/internal/store"
)

// queue hides River's transaction type parameter (*sql.Tx on SQLite, pgx.Tx
// on PostgreSQL) so the engine is written once.
type queue interface {
	insertTx(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error
	start(ctx context.Context) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
}

type riverQueue[TTx any] struct{ client *river.Client[TTx] }

func (q riverQueue[TTx]) insertTx(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	raw, ok := tx.Raw().(TTx)
	if !ok {
		return fmt.Errorf("enqueue %s: transaction type %T does not match the queue", args.Kind(), tx.Raw())
	}
	_, err := q.client.InsertTx(ctx, raw, args, opts)
	return err
}

func (q riverQueue[TTx]) start(ctx context.Context) error         { return q.client.Start(ctx) }
func (q riverQueue[TTx]) stop(ctx context.Context) error          { return q.client.Stop(ctx) }
func (q riverQueue[TTx]) stopAndCancel(ctx context.Context) error { return q.client.StopAndCancel(ctx) }

func newQueue(st *store.Store, workers *river.Workers, o Options, log *slog.Logger) (queue, error) {
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}}
	for name, n := range o.Queues {
		queues[name] = river.QueueConfig{MaxWorkers: n}
	}
	cfg := &river.Config{
		Queues:               queues,
		Workers:              workers,
		JobTimeout:           o.StepTimeout,
		RescueStuckJobsAfter: o.RescueAfter,
		FetchPollInterval:    o.PollInterval,
		FetchCooldown:        min(o.PollInterval, 10*time.Millisecond), // a chain of steps waits at most this between hops
		Logger:               log.With("component", "river"),
		RetryPolicy:          o.RetryPolicy,
		PeriodicJobs:         o.Periodic,
	}
	switch st.Dialect() {
	case store.Postgres:
		c, err := river.NewClient[pgx.Tx](riverpgxv5.New(st.PgPool()), cfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		return riverQueue[pgx.Tx]{c}, nil
	default:
		// SQLite has no LISTEN/NOTIFY; River polls at FetchPollInterval.
		cfg.PollOnly = true
		c, err := river.NewClient[*sql.Tx](riversqlite.New(st.SQLDB()), cfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		return riverQueue[*sql.Tx]{c}, nil
	}
}
