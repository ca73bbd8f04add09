// Package ratelimit holds what the provider clients share for waiting out a
// provider's rate limits.
package ratelimit

import (
	"context"
	"time"
)

// Sleep waits d, or until ctx ends (then it returns ctx's error): a
// Retry-After must never outlive the step that is waiting on it.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
