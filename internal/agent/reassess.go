package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
)

// StatusAlreadyProposed is a proposal's result when the same action on the
// same target was proposed on the incident before: nothing new is asked of
// anyone.
const StatusAlreadyProposed = "already_proposed"

// defaultReassessEvery is Harness.ReassessEvery when unset.
const defaultReassessEvery = 30 * time.Second

// reassessArgs is the step that assesses an incident again after alerts or
// reports joined it. It runs once the debounce period in which they joined
// has ended, and at most once per period: a storm is one re-assessment a
// period, and what joined late in a period is still seen.
type reassessArgs struct {
	IncidentID string `json:"incident_id"`

	every time.Duration // not part of the job's identity
}

func (reassessArgs) Kind() string { return "agent_reassess" }

// InsertOpts schedules the step at the end of the current period, unique
// per incident and period.
func (a reassessArgs) InsertOpts() river.InsertOpts {
	every := a.every
	switch {
	case every <= 0:
		every = defaultReassessEvery
	case every < time.Second:
		every = time.Second // River's shortest unique period
	}
	end := time.Now().UTC().Truncate(every).Add(every)
	return river.InsertOpts{MaxAttempts: 10, ScheduledAt: end,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: every}}
}

// Reassess is the step to enqueue when alerts or reports join an existing
// incident (the engine's GrownSteps).
func (h *Harness) Reassess(incidentID string) river.JobArgs {
	return reassessArgs{IncidentID: incidentID, every: h.ReassessEvery}
}

type reassessWorker struct {
	river.WorkerDefaults[reassessArgs]
	h   *Harness
	eng *engine.Engine
}

// waitForPass is how long a re-assessment waits for a pass still running
// (the first assessment, or an earlier re-assessment) before looking again.
const waitForPass = 5 * time.Second

// Work starts a new pass of the agent loop after the last one, unless the
// incident is over or an earlier pass has not finished (then it looks again
// shortly: that pass may already see what joined, and this one will see
// whatever it did).
func (w *reassessWorker) Work(ctx context.Context, job *river.Job[reassessArgs]) error {
	id := job.Args.IncidentID
	inc, err := w.h.Store.GetIncident(ctx, id)
	if err != nil {
		return fmt.Errorf("reassess %s: %w", id, err)
	}
	if inc.Status.Terminal() {
		return nil
	}
	events, err := w.h.Store.ListEvents(ctx, id, 0, 10000)
	if err != nil {
		return fmt.Errorf("reassess %s: %w", id, err)
	}
	last, finished, err := lastPass(events)
	if err != nil {
		return fmt.Errorf("reassess %s: %w", id, err)
	}
	if !finished {
		return river.JobSnooze(waitForPass)
	}
	from := last + 1
	for n := from; ; n++ {
		done, err := w.h.runRound(ctx, w.eng, id, n, from)
		if err != nil || done {
			return err
		}
	}
}

// lastPass reads the timeline's agent loop: the highest round recorded and
// whether the pass it belongs to has its summary. No rounds at all means
// the first pass has not begun.
func lastPass(events []incident.Event) (last int, finished bool, err error) {
	summarised := 0
	for _, ev := range events {
		if ev.Type != incident.EventReasoning && ev.Type != incident.EventSummary {
			continue
		}
		round, err := roundOf(ev)
		if err != nil {
			return 0, false, err
		}
		last = max(last, round)
		if ev.Type == incident.EventSummary {
			summarised = max(summarised, round)
		}
	}
	return last, last > 0 && summarised == last, nil
}

// roundOf reads the round an agent.reasoning or agent.summary event belongs to.
func roundOf(ev incident.Event) (int, error) {
	var d struct {
		Round int `json:"round"`
	}
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return 0, fmt.Errorf("read round of event %d: %w", ev.Seq, err)
	}
	return d.Round, nil
}
