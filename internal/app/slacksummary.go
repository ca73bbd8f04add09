package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/provider/facts"
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
	_, err = w.slack.PostLiveSummary(ctx, slackSummary(briefing.Build(inc, evs, acts, pending, ""), link))
	return err
}

// slackSummary is the brief as the Slack provider shows it.
func slackSummary(b briefing.Brief, link string) facts.Summary {
	sev := b.Severity
	if sev == "" {
		sev = "Untriaged"
	}
	service := b.Incident.Service
	if service == "" {
		service = "unknown service"
	}
	s := facts.Summary{IncidentID: b.Incident.ID, Headline: fmt.Sprintf("%s · %s: %s", sev, service, b.Incident.Title),
		Status: string(b.Incident.Status), Since: b.Since, Alerts: b.Alerts, Firing: b.Firing, Impact: b.TopReasons(3),
		Cause: b.Cause.Sentence(), Evidence: b.Cause.Evidence[:min(3, len(b.Cause.Evidence))], URL: link,
		People: []string{b.Incident.Owner}}
	if k := b.KnownIssue; k != nil {
		s.KnownIssue, s.Runbook = k.ID+" "+k.Title, k.Runbook
	}
	for _, r := range b.Responders {
		if r != b.Incident.Owner {
			s.People = append(s.People, r)
		}
	}
	for _, w := range append(append([]briefing.Wait(nil), b.Waiting...), b.Others...) {
		s.Waiting = append(s.Waiting, fmt.Sprintf("%s for @%s", w.Action.Kind, w.Approval.Target))
	}
	return s
}
