package engine

import (
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/store"
)

// newQueue builds the River client that runs the engine's steps, over the
// store's database (store.JobQueue).
func newQueue(st *store.Store, workers *river.Workers, o Options, log *slog.Logger) (store.JobQueue, error) {
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}}
	for name, n := range o.Queues {
		queues[name] = river.QueueConfig{MaxWorkers: n}
	}
	return st.NewJobQueue(&river.Config{
		Queues:               queues,
		Workers:              workers,
		JobTimeout:           o.StepTimeout,
		RescueStuckJobsAfter: o.RescueAfter,
		FetchPollInterval:    o.PollInterval,
		FetchCooldown:        min(o.PollInterval, 10*time.Millisecond), // a chain of steps waits at most this between hops
		Logger:               log.With("component", "river"),
		RetryPolicy:          o.RetryPolicy,
		PeriodicJobs:         o.Periodic,
	})
}
