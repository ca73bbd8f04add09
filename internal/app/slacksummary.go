package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/store"
)

// liveSummaryArgs is the durable step that brings an incident's summary in
// its war-room channel up to date. One is enqueued with every change the
// summary shows (status, an action's outcome, the end of an agent pass), in
// the change's own transaction; each reads the record as it is when it
// runs, so a burst of changes ends with the latest brief, and running the
// step again only edits the same message again.
type liveSummaryArgs struct {
	IncidentID string `json:"incident_id"`
}

func (liveSummaryArgs) Kind() string { return "slack_live_summary" }

type liveSummaryWorker struct {
	river.WorkerDefaults[liveSummaryArgs]
	slack     *slack.Provider
	store     *store.Store
	dashboard string // the dashboard's base URL, "" for no link
}

func (w *liveSummaryWorker) Work(ctx context.Context, job *river.Job[liveSummaryArgs]) error {
	id := job.Args.IncidentID
	inc, err := w.store.GetIncident(ctx, id)
	if err != nil {
		return fmt.Errorf("live summary: %w", err)
	}
	evs, err := w.store.ListEvents(ctx, id, 0, 0)
	if err != nil {
		return fmt.Errorf("live summary: %w", err)
	}
	acts, err := w.store.ListActions(ctx, id)
	if err != nil {
		return fmt.Errorf("live summary: %w", err)
	}
	pending, err := w.store.PendingApprovalsOf(ctx, id)
	if err != nil {
		return fmt.Errorf("live summary: %w", err)
	}
	link := ""
	if w.dashboard != "" {
		link = strings.TrimSuffix(w.dashboard, "/") + "/incidents/" + url.PathEscape(id)
	}
	_, err = w.slack.PostLiveSummary(ctx, briefing.Build(inc, evs, acts, pending, ""), link)
	return err
}
