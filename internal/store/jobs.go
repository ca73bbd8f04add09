package store

import (
	"context"
	"database/sql"
	"fmt"

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

// NewJobQueue builds a River client over the store's database. On SQLite,
// which has no LISTEN/NOTIFY, the client polls (cfg.PollOnly is set).
func (s *Store) NewJobQueue(cfg *river.Config) (JobQueue, error) {
	if s.pgPool != nil {
		c, err := river.NewClient[pgx.Tx](riverpgxv5.New(s.pgPool), cfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		return riverQueue[pgx.Tx]{c}, nil
	}
	cfg.PollOnly = true
	c, err := river.NewClient[*sql.Tx](riversqlite.New(s.sqlDB), cfg)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	return riverQueue[*sql.Tx]{c}, nil
}

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
