package slack

import (
	"context"
	"time"
)

// SetSleep replaces the rate-limit wait so tests observe it without sleeping.
func SetSleep(p *Provider, f func(ctx context.Context, d time.Duration) error) { p.sleep = f }
