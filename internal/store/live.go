package store

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// EventRef names one stored event by its global id and incident: what the
// live hub needs to wake the right streams.
type EventRef struct {
	ID         int64
	IncidentID string
}

// NewestEventID is the global id of the newest event (0 when none).
func (q q) NewestEventID(ctx context.Context) (int64, error) {
	var last int64
	if err := q.db.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM events`).Scan(&last); err != nil {
		return 0, fmt.Errorf("store: newest event: %w", err)
	}
	return last, nil
}

// EventsAfter lists up to limit events with a global id above after, oldest
// first.
func (q q) EventsAfter(ctx context.Context, after int64, limit int) ([]EventRef, error) {
	out, err := queryAll(ctx, q.db, func(r row) (EventRef, error) {
		var e EventRef
		return e, r.Scan(&e.ID, &e.IncidentID)
	}, `SELECT id, incident_id FROM events WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: events after %d: %w", after, err)
	}
	return out, nil
}

var channelName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Listen opens a connection of its own (outside the pool, so it is never
// handed to anyone else) that LISTENs on channel: PostgreSQL only.
func (s *Store) Listen(ctx context.Context, channel string) (*pgx.Conn, error) {
	if s.pgPool == nil {
		return nil, fmt.Errorf("store: LISTEN needs PostgreSQL")
	}
	if !channelName.MatchString(channel) {
		return nil, fmt.Errorf("store: %q is not a plain channel name", channel)
	}
	conn, err := pgx.ConnectConfig(ctx, s.pgPool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("store: connect for LISTEN: %w", err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		_ = conn.Close(context.Background())
		return nil, fmt.Errorf("store: LISTEN %s: %w", channel, err)
	}
	return conn, nil
}

// Follow receives notifications on channel until ctx ends, calling on with
// each payload. It starts on conn (a connection from Listen) or, when conn
// is nil, connects first. Whenever it has to connect (the first time
// without conn, and after the connection is lost) it retries with backoff
// (100 ms doubling to 5 s) and then calls resumed, since notifications may
// have been missed meanwhile. The connection is closed when it returns.
func (s *Store) Follow(ctx context.Context, conn *pgx.Conn, channel string, on func(payload string), resumed func(), log *slog.Logger) {
	backoff := 100 * time.Millisecond
	for {
		if conn == nil {
			var err error
			if conn, err = s.Listen(ctx, channel); err != nil {
				if ctx.Err() != nil {
					return
				}
				log.Warn("LISTEN failed; retrying", "channel", channel, "in", backoff.String(), "error", err.Error())
				select {
				case <-ctx.Done():
					return
				case <-time.After(backoff):
				}
				backoff = min(2*backoff, 5*time.Second)
				continue
			}
			backoff = 100 * time.Millisecond
			resumed()
		}
		for {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				break
			}
			on(n.Payload)
		}
		_ = conn.Close(context.Background())
		conn = nil
		if ctx.Err() != nil {
			return
		}
		log.Warn("LISTEN connection lost; reconnecting", "channel", channel)
	}
}
