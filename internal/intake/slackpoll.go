package intake

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
)

// SlackPoll reads channels with conversations.history for workspaces that
// cannot deliver Events API requests. It runs as a periodic durable step
// (on one replica at a time); its per-channel cursor lives in the store, and
// reports are deduplicated by channel and ts, so running it beside the
// Events API never stores a message twice.
type SlackPoll struct {
	Store    *store.Store
	Poller   *slackinbound.Poller
	Interval time.Duration
	Logger   *slog.Logger
}

type slackPollArgs struct{}

func (slackPollArgs) Kind() string { return "poll_slack" }

type slackPollWorker struct {
	river.WorkerDefaults[slackPollArgs]
	p   *SlackPoll
	eng *engine.Engine
}

func (w *slackPollWorker) Work(ctx context.Context, _ *river.Job[slackPollArgs]) error {
	return w.p.PollOnce(ctx, w.eng)
}

// Register adds the poll step to the workers of the engine that runs it.
func (p *SlackPoll) Register(eng *engine.Engine, w *river.Workers) error {
	return river.AddWorkerSafely(w, &slackPollWorker{p: p, eng: eng})
}

// Periodic schedules the poll.
func (p *SlackPoll) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(p.Interval),
		func() (river.JobArgs, *river.InsertOpts) {
			return slackPollArgs{}, &river.InsertOpts{Queue: Queue, MaxAttempts: 1}
		}, &river.PeriodicJobOpts{RunOnStart: true})}
}

// PollOnce polls every channel once, storing new messages and enqueuing
// their grouping on eng. A channel that fails keeps its cursor and does not
// stop the others.
func (p *SlackPoll) PollOnce(ctx context.Context, eng *engine.Engine) error {
	var errs []error
	for _, ch := range p.Poller.Channels {
		if err := p.pollChannel(ctx, eng, ch); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (p *SlackPoll) pollChannel(ctx context.Context, eng *engine.Engine, channel string) error {
	st := p.Store
	cursor, err := st.SlackCursor(ctx, channel)
	if err != nil {
		return err
	}
	now := eng.Now()
	if cursor == "" {
		// First sight of the channel: start from now rather than ingesting
		// its whole history as if it were new.
		return st.SetSlackCursor(ctx, channel, fmt.Sprintf("%d.000000", now.Unix()))
	}
	msgs, newest, err := p.Poller.Poll(ctx, channel, cursor)
	if err != nil {
		return fmt.Errorf("poll slack channel %s: %w", channel, err)
	}
	for _, m := range msgs {
		if human, _ := m.FromHuman(); !human {
			continue
		}
		if m.Channel == "" {
			m.Channel = channel
		}
		rep := store.Report{ID: uuid.Must(uuid.NewV7()).String(), Source: "slack", Channel: m.Channel, TS: m.TS,
			User: m.User, Text: m.Text, ReceivedAt: now}
		if err := CheckReport(rep); err != nil {
			// Retrying would refuse it forever and hold back every later
			// message: skip it, and say so.
			p.logger().WarnContext(ctx, "slack poll: message skipped", "channel", channel, "ts", m.TS, "error", err.Error())
			if err := st.SetSlackCursor(ctx, channel, m.TS); err != nil {
				return err
			}
			continue
		}
		if _, err := acceptReport(ctx, st, eng, rep, ""); err != nil {
			// Stop here: the cursor stays before this message, so it is retried next time.
			return fmt.Errorf("store polled message %s/%s: %w", channel, m.TS, err)
		}
		if err := st.SetSlackCursor(ctx, channel, m.TS); err != nil {
			return err
		}
	}
	if newest != cursor {
		return st.SetSlackCursor(ctx, channel, newest)
	}
	return nil
}

func (p *SlackPoll) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.Default()
	}
	return p.Logger
}
