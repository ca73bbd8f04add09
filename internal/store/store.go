// Package store persists WarRoom's state in SQLite (embedded default) or
// PostgreSQL (scale-out) behind one repository API. Queries are written once
// with $N placeholders, which both engines accept; the few differences live in
// the dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the engine behind a Store.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Sentinel errors; the HTTP layer maps them to status codes in one place.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// Store is the repository over one database. Its methods run outside any
// transaction; InTx gives the same methods inside one.
type Store struct {
	q
	dialect Dialect
	sqlDB   *sql.DB       // SQLite pool, or a database/sql view of the pgx pool (for goose)
	pgPool  *pgxpool.Pool // PostgreSQL only
	events  *listeners    // told when this process has committed timeline events
}

// newStore finishes a Store: its own appends (outside a transaction) tell
// the event listeners at once, a transaction's once it commits.
func newStore(s *Store) *Store {
	s.events = &listeners{fs: map[int]func(){}}
	s.q.appended = s.events.fire
	return s
}

// OnEventsAppended registers f to run after this process commits timeline
// events (f must not block); the returned function unregisters it. It is
// how a single SQLite process learns of new events without polling;
// PostgreSQL replicas learn of each other's through NOTIFY.
func (s *Store) OnEventsAppended(f func()) (stop func()) { return s.events.add(f) }

// listeners is a set of callbacks fired together.
type listeners struct {
	mu   sync.Mutex
	next int
	fs   map[int]func()
}

func (l *listeners) add(f func()) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	id := l.next
	l.next++
	l.fs[id] = f
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.fs, id)
	}
}

func (l *listeners) fire() {
	l.mu.Lock()
	fs := make([]func(), 0, len(l.fs))
	for _, f := range l.fs {
		fs = append(fs, f)
	}
	l.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// Open connects to dsn: "sqlite:PATH" (or a bare path) or "postgres://...".
func Open(ctx context.Context, dsn string) (*Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.Contains(dsn, "://"):
		return nil, fmt.Errorf("open store: unsupported database URL scheme in %q (want sqlite:PATH or postgres://)", redactDSN(dsn))
	default:
		return openSQLite(ctx, dsn)
	}
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite: create directory: %w", err)
		}
	}
	// WAL lets readers proceed during writes; immediate transactions take the
	// write lock up front so two writers never deadlock upgrading a read lock.
	// synchronous(FULL) fsyncs every commit: an acknowledged alert or audit
	// entry survives power loss, not just a process crash (NORMAL is ~4x
	// faster but may lose the newest commits; see docs/PERFORMANCE.md).
	params := url.Values{}
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "foreign_keys(ON)")
	params.Add("_pragma", "synchronous(FULL)")
	params.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// SQLite allows one writer; one connection (as River's driver advises)
	// turns lock contention into queueing instead of SQLITE_BUSY errors.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return newStore(&Store{q: q{db: sqlQuerier{db}, dialect: SQLite}, dialect: SQLite, sqlDB: db}), nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redactDSN(dsn), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redactDSN(dsn), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", redactDSN(dsn), err)
	}
	return newStore(&Store{q: q{db: pgQuerier{pool}, dialect: Postgres}, dialect: Postgres, pgPool: pool, sqlDB: stdlib.OpenDBFromPool(pool)}), nil
}

// redactDSN drops the password so a connection error never logs it.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// Dialect reports the engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// SQLDB is the SQLite pool (nil on PostgreSQL), for tests that must reach
// below the store's API (tampering with the audit log); WarRoom's own
// packages use named methods (NewJobQueue, Listen, ...).
func (s *Store) SQLDB() *sql.DB {
	if s.dialect == SQLite {
		return s.sqlDB
	}
	return nil
}

// PgPool is the pgx pool (nil on SQLite), for tests that must reach below
// the store's API, like SQLDB.
func (s *Store) PgPool() *pgxpool.Pool { return s.pgPool }

// Close releases the pool.
func (s *Store) Close() error {
	if s.pgPool != nil {
		s.sqlDB.Close()
		s.pgPool.Close()
		return nil
	}
	return s.sqlDB.Close()
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if s.pgPool != nil {
		return s.pgPool.Ping(ctx)
	}
	return s.sqlDB.PingContext(ctx)
}

// Tx is a transaction with the repository's methods. Raw exposes the driver's
// transaction (*sql.Tx or pgx.Tx) so River can enqueue in the same commit.
type Tx struct {
	q
	raw any

	afterCommit map[string]func() // run once the transaction has committed, by key
}

// newTx wraps a begun transaction; events it appends tell the store's
// listeners once it commits.
func (s *Store) newTx(tq q, raw any) *Tx {
	tx := &Tx{q: tq, raw: raw}
	tx.q.appended = func() { tx.onCommit("events", s.events.fire) }
	return tx
}

// onCommit runs f after the transaction commits (not if it rolls back);
// one f per key.
func (t *Tx) onCommit(key string, f func()) {
	if t.afterCommit == nil {
		t.afterCommit = map[string]func(){}
	}
	t.afterCommit[key] = f
}

func (t *Tx) committed() {
	for _, f := range t.afterCommit {
		f()
	}
}

// InTx runs fn in one transaction, committing if it returns nil.
//
// On PostgreSQL a transaction that PostgreSQL aborted as a deadlock victim
// or a serialization failure is run again (up to 3 times): the server rolled
// all of it back, so nothing of the first run remains. fn must therefore do
// nothing outside the transaction, which is the rule for every caller.
func (s *Store) InTx(ctx context.Context, fn func(*Tx) error) error {
	if s.pgPool != nil {
		var err error
		for attempt := 0; attempt < 3; attempt++ {
			var tx *Tx
			err = pgx.BeginFunc(ctx, s.pgPool, func(ptx pgx.Tx) error {
				tx = s.newTx(q{db: pgQuerier{ptx}, dialect: Postgres}, ptx)
				return fn(tx)
			})
			if err == nil {
				tx.committed()
			}
			if !retryable(err) {
				return err
			}
		}
		return err
	}
	stx, err := s.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := s.newTx(q{db: sqlQuerier{stx}, dialect: SQLite}, stx)
	if err := fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	tx.committed()
	return nil
}

// --- the querier: one small interface over database/sql and pgx ---

type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

type row interface{ Scan(dest ...any) error }

// stmt is one statement of a batch.
type stmt struct {
	query string
	args  []any
}

type querier interface {
	exec(ctx context.Context, query string, args ...any) (int64, error)
	// execBatch runs statements in order and returns each one's affected row
	// count; on PostgreSQL they travel in one round trip.
	execBatch(ctx context.Context, stmts []stmt) ([]int64, error)
	query(ctx context.Context, query string, args ...any) (rows, error)
	queryRow(ctx context.Context, query string, args ...any) row
}

type sqlConn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type sqlQuerier struct{ c sqlConn }

func (s sqlQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := s.c.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, classify(err)
	}
	return res.RowsAffected()
}

func (s sqlQuerier) execBatch(ctx context.Context, stmts []stmt) ([]int64, error) {
	out := make([]int64, len(stmts))
	for i, st := range stmts {
		n, err := s.exec(ctx, st.query, st.args...)
		if err != nil {
			return out, err
		}
		out[i] = n
	}
	return out, nil
}

func (s sqlQuerier) query(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := s.c.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, classify(err)
	}
	return sqlRows{r}, nil
}

func (s sqlQuerier) queryRow(ctx context.Context, query string, args ...any) row {
	return classifiedRow{s.c.QueryRowContext(ctx, query, args...)}
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

type pgConn interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type pgQuerier struct{ c pgConn }

func (p pgQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := p.c.Exec(ctx, query, args...)
	if err != nil {
		return 0, classify(err)
	}
	return tag.RowsAffected(), nil
}

func (p pgQuerier) execBatch(ctx context.Context, stmts []stmt) ([]int64, error) {
	out := make([]int64, len(stmts))
	if len(stmts) == 0 {
		return out, nil
	}
	b := &pgx.Batch{}
	for _, st := range stmts {
		b.Queue(st.query, st.args...)
	}
	br := p.c.SendBatch(ctx, b)
	for i := range stmts {
		tag, err := br.Exec()
		if err != nil {
			_ = br.Close()
			return out, classify(err)
		}
		out[i] = tag.RowsAffected()
	}
	return out, classify(br.Close())
}

func (p pgQuerier) query(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := p.c.Query(ctx, query, args...)
	if err != nil {
		return nil, classify(err)
	}
	return r, nil
}

func (p pgQuerier) queryRow(ctx context.Context, query string, args ...any) row {
	return classifiedRow{p.c.QueryRow(ctx, query, args...)}
}

type classifiedRow struct{ r row }

func (c classifiedRow) Scan(dest ...any) error { return classify(c.r.Scan(dest...)) }

// classify maps driver errors onto the store's sentinels.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) || errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return fmt.Errorf("%w: %w", ErrConflict, err)
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %w", ErrConflict, err)
		}
	}
	return err
}

// conds builds a WHERE clause of the conditions a filter sets, each with
// numbered placeholders, so each filter is a statement an index can serve
// rather than one that matches "any" through a placeholder.
type conds struct {
	parts []string
	args  []any
}

// arg adds a value and returns its placeholder.
func (c *conds) arg(v any) string {
	c.args = append(c.args, v)
	return fmt.Sprintf("$%d", len(c.args))
}

// add adds a condition (built with arg).
func (c *conds) add(cond string) { c.parts = append(c.parts, cond) }

// where is " WHERE a AND b ...", or "" when nothing is set.
func (c *conds) where() string {
	if len(c.parts) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.parts, " AND ")
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, db querier, scan func(row) (T, error), query string, args ...any) ([]T, error) {
	rs, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []T
	for rs.Next() {
		v, err := scan(rs)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rs.Err()
}

func scanString(r row) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}

// q holds the repository methods; Store and Tx both embed it.
type q struct {
	db      querier
	dialect Dialect
	// appended is called after an event is appended: at once outside a
	// transaction, or arranging to tell listeners at commit inside one.
	appended func()
}

// skipLocked claims rows on PostgreSQL so concurrent workers take different
// ones; SQLite has a single writer, so there is nothing to skip.
func (q q) skipLocked() string {
	if q.dialect == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// lockKey serialises work on one key (an alert group) until the transaction
// ends: an advisory lock on PostgreSQL; SQLite's write lock already does it.
func (q q) lockKey(ctx context.Context, key string) error {
	if q.dialect != Postgres {
		return nil
	}
	_, err := q.db.exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key)
	return err
}

// forUpdate locks the selected rows on PostgreSQL; SQLite's immediate
// transactions already hold the database's single write lock.
func (q q) forUpdate() string {
	if q.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// now is the store's clock at the precision both engines keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// retryable reports a PostgreSQL abort that a rerun of the transaction can
// resolve: deadlock_detected (40P01) or serialization_failure (40001).
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}
