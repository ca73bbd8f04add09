package store

import (
	"context"
	"fmt"
)

// MessageSent reports whether a message with this idempotency key was sent.
func (q q) MessageSent(ctx context.Context, key string) (bool, error) {
	var n int
	if err := q.db.queryRow(ctx, `SELECT COUNT(*) FROM sent_messages WHERE key = $1`, key).Scan(&n); err != nil {
		return false, fmt.Errorf("sent message %s: %w", key, err)
	}
	return n > 0, nil
}

// MarkMessageSent records a sent message; marking twice is harmless.
func (q q) MarkMessageSent(ctx context.Context, key string) error {
	if _, err := q.db.exec(ctx, `INSERT INTO sent_messages (key, sent_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, now()); err != nil {
		return fmt.Errorf("mark message %s sent: %w", key, err)
	}
	return nil
}
