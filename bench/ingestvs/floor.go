package main

// The floor: the least any durable intake must do, served on the same
// loopback, driven by the same generator. It checks the bearer token,
// decodes the webhook, queues the alerts to one committer that upserts
// everything queued in one transaction (group commit, the same settings as
// WarRoom's store: SQLite WAL with synchronous=FULL, PostgreSQL with its
// defaults), and answers 202 after the commit. No grouping, no audit, no
// job queue: whatever WarRoom does beyond this is the price of what it is
// for. Its rate against Alertmanager's says how far durability alone lets
// any design come on this machine.

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite"
)

type floorAlert struct {
	Status      string            `json:"status"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	StartsAt    string            `json:"startsAt"`
	Fingerprint string            `json:"fingerprint"`
}

type floorReq struct {
	alerts []floorAlert
	err    error
	done   chan struct{}
}

// floorStore upserts a batch of alerts in one durable transaction.
type floorStore interface {
	upsert(ctx context.Context, alerts []floorAlert, at time.Time) error
}

type sqliteFloor struct{ db *sql.DB }

func (s sqliteFloor) upsert(ctx context.Context, alerts []floorAlert, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, floorUpsert("?", "?", "?", "?", "?"))
	if err != nil {
		return err
	}
	for _, a := range alerts {
		labels, _ := json.Marshal(a.Labels)
		if _, err := stmt.ExecContext(ctx, a.Fingerprint, a.Status, string(labels), a.StartsAt, at.UnixNano()); err != nil {
			return err
		}
	}
	return tx.Commit()
}

type pgFloor struct{ pool *pgxpool.Pool }

func (s pgFloor) upsert(ctx context.Context, alerts []floorAlert, at time.Time) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, a := range alerts {
			labels, _ := json.Marshal(a.Labels)
			b.Queue(floorUpsert("$1", "$2", "$3", "$4", "$5"), a.Fingerprint, a.Status, string(labels), a.StartsAt, at.UnixNano())
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

func floorUpsert(p ...string) string {
	return fmt.Sprintf(`INSERT INTO floor_alerts (fingerprint, status, labels, starts_at, received_at) VALUES (%s, %s, %s, %s, %s)
		ON CONFLICT (fingerprint) DO UPDATE SET status = excluded.status, labels = excluded.labels, received_at = excluded.received_at`,
		p[0], p[1], p[2], p[3], p[4])
}

const floorSchema = `CREATE TABLE IF NOT EXISTS floor_alerts (fingerprint TEXT PRIMARY KEY, status TEXT NOT NULL,
	labels TEXT NOT NULL, starts_at TEXT NOT NULL, received_at BIGINT NOT NULL)`

func openFloor(ctx context.Context, dsn string) (floorStore, func(), error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		params := url.Values{}
		for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(FULL)"} {
			params.Add("_pragma", p)
		}
		db, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode())
		if err != nil {
			return nil, nil, err
		}
		db.SetMaxOpenConns(1)
		if _, err := db.ExecContext(ctx, floorSchema); err != nil {
			db.Close()
			return nil, nil, err
		}
		return sqliteFloor{db}, func() { db.Close() }, nil
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	if _, err := pool.Exec(ctx, floorSchema); err != nil {
		pool.Close()
		return nil, nil, err
	}
	return pgFloor{pool}, pool.Close, nil
}

// serveFloor runs the floor server until ctx ends.
func serveFloor(ctx context.Context, dsn, addr string) error {
	st, closeStore, err := openFloor(ctx, dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", dsn, err)
	}
	defer closeStore()
	reqs := make(chan *floorReq, 1024)
	go func() {
		for first := range reqs {
			batch := []*floorReq{first}
		fill:
			for len(batch) < 512 {
				select {
				case r := <-reqs:
					batch = append(batch, r)
				default:
					break fill
				}
			}
			var all []floorAlert
			for _, r := range batch {
				all = append(all, r.alerts...)
			}
			err := st.upsert(context.Background(), all, time.Now())
			for _, r := range batch {
				r.err = err
				close(r.done)
			}
		}
	}()
	want := []byte("Bearer " + token)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("POST /v1/alerts/alertmanager", func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var body struct {
			Alerts []floorAlert `json:"alerts"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil || len(body.Alerts) == 0 {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		for i, a := range body.Alerts {
			if a.Fingerprint == "" {
				keys, _ := json.Marshal(a.Labels) // encoding/json sorts map keys
				body.Alerts[i].Fingerprint = string(keys)
			}
		}
		q := &floorReq{alerts: body.Alerts, done: make(chan struct{})}
		reqs <- q
		<-q.done
		if q.err != nil {
			http.Error(w, q.err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// countFloor is how many alerts the floor server stored.
func countFloor(ctx context.Context, dsn string) (int64, error) {
	st, closeStore, err := openFloor(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer closeStore()
	var n int64
	switch s := st.(type) {
	case sqliteFloor:
		err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM floor_alerts").Scan(&n)
	case pgFloor:
		err = s.pool.QueryRow(ctx, "SELECT count(*) FROM floor_alerts").Scan(&n)
	}
	return n, err
}
