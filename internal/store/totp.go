package store

import (
	"context"
	"fmt"
	"time"
)

// TOTPSecret is one engineer's built-in step-up enrolment, sealed.
type TOTPSecret struct {
	Engineer   string
	KeyID      string
	Nonce      []byte
	Ciphertext []byte
	Confirmed  bool
	EnrolledAt time.Time
}

// PutTOTPSecret stores or replaces an enrolment. A new secret starts with no
// used step and no failures.
func (q q) PutTOTPSecret(ctx context.Context, s TOTPSecret) error {
	if s.Engineer == "" || s.KeyID == "" || len(s.Nonce) == 0 || len(s.Ciphertext) == 0 {
		return fmt.Errorf("store totp secret: engineer, key id, nonce and ciphertext are required")
	}
	_, err := q.db.exec(ctx, `INSERT INTO totp_secrets (engineer, key_id, nonce, ciphertext, confirmed, enrolled_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (engineer) DO UPDATE SET key_id = excluded.key_id, nonce = excluded.nonce,
			ciphertext = excluded.ciphertext, confirmed = excluded.confirmed, enrolled_at = excluded.enrolled_at,
			last_step = CASE WHEN totp_secrets.ciphertext = excluded.ciphertext THEN totp_secrets.last_step ELSE -1 END`,
		s.Engineer, s.KeyID, s.Nonce, s.Ciphertext, s.Confirmed, s.EnrolledAt.UTC())
	if err != nil {
		return fmt.Errorf("store totp secret of %s: %w", s.Engineer, err)
	}
	return nil
}

// GetTOTPSecret loads an enrolment; ErrNotFound when there is none.
func (q q) GetTOTPSecret(ctx context.Context, engineer string) (TOTPSecret, error) {
	var s TOTPSecret
	err := q.db.queryRow(ctx, `SELECT engineer, key_id, nonce, ciphertext, confirmed, enrolled_at FROM totp_secrets
		WHERE engineer = $1`, engineer).Scan(&s.Engineer, &s.KeyID, &s.Nonce, &s.Ciphertext, &s.Confirmed, &s.EnrolledAt)
	if err != nil {
		return s, fmt.Errorf("totp secret of %s: %w", engineer, err)
	}
	s.EnrolledAt = s.EnrolledAt.UTC()
	return s, nil
}

// MarkTOTPStepUsed records step as used in one statement, so two requests
// racing with the same code cannot both win: fresh is false when that step
// or a later one was already used.
func (q q) MarkTOTPStepUsed(ctx context.Context, engineer string, step int64) (fresh bool, err error) {
	n, err := q.db.exec(ctx, `UPDATE totp_secrets SET last_step = $2 WHERE engineer = $1 AND last_step < $2`, engineer, step)
	if err != nil {
		return false, fmt.Errorf("mark totp step of %s: %w", engineer, err)
	}
	return n == 1, nil
}

// RecordTOTPFailure counts a wrong code at at and returns the number of
// wrong codes in the window that ends at at (a failure older than window
// starts a new count).
func (q q) RecordTOTPFailure(ctx context.Context, engineer string, at time.Time, window time.Duration) (int, error) {
	var n int
	err := q.db.queryRow(ctx, `UPDATE totp_secrets SET
			failures = CASE WHEN failed_since IS NULL OR failed_since < $3 THEN 1 ELSE failures + 1 END,
			failed_since = CASE WHEN failed_since IS NULL OR failed_since < $3 THEN $2 ELSE failed_since END
		WHERE engineer = $1 RETURNING failures`, engineer, at.UTC(), at.Add(-window).UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("record totp failure of %s: %w", engineer, err)
	}
	return n, nil
}

// TOTPFailures is the number of wrong codes since the window that began at
// or after since.
func (q q) TOTPFailures(ctx context.Context, engineer string, since time.Time) (int, error) {
	var n int
	err := q.db.queryRow(ctx, `SELECT CASE WHEN failed_since IS NOT NULL AND failed_since >= $2 THEN failures ELSE 0 END
		FROM totp_secrets WHERE engineer = $1`, engineer, since.UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("totp failures of %s: %w", engineer, err)
	}
	return n, nil
}

// ClearTOTPFailures forgets wrong codes after a right one.
func (q q) ClearTOTPFailures(ctx context.Context, engineer string) error {
	if _, err := q.db.exec(ctx, `UPDATE totp_secrets SET failures = 0, failed_since = NULL WHERE engineer = $1`, engineer); err != nil {
		return fmt.Errorf("clear totp failures of %s: %w", engineer, err)
	}
	return nil
}
