package gcal

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	calendar "google.golang.org/api/calendar/v3"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// Meet opens a Google Meet bridge for meeting_bridge actions whose provider
// is "meet": an event starting now on the approver's calendar, the
// responders invited, and its Meet link reported. Wire it into the
// meeting_bridge executor (zoom.NewBridge) as the "meet" provider.
type Meet struct{ core }

var _ action.CredentialedExecutor = (*Meet)(nil)

// NewMeet returns the Meet bridge executor; src resolves the incident's facts.
func NewMeet(src facts.Source, opts Options) *Meet { return &Meet{newCore(src, opts)} }

// Execute inserts the bridge event, or finds the one an earlier attempt inserted.
func (m *Meet) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	inc, svc, err := m.prepare(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	now := m.opts.Now().UTC().Truncate(time.Minute)
	title := inc.Title
	if inc.Severity != "" {
		title = "[" + inc.Severity + "] " + title
	}
	desc := fmt.Sprintf("Incident bridge for WarRoom incident %s: %s", inc.ID, inc.Title)
	if inc.URL != "" {
		desc += "\n" + inc.URL
	}
	ev := newEvent(req, inc, facts.Truncate("Incident bridge: "+title, 1000), desc, now, now.Add(m.opts.BridgeDuration))
	got, reconciled, err := m.upsert(ctx, svc, ev)
	if err != nil {
		return action.Result{}, err
	}
	return m.finish(ctx, svc, inc, got, reconciled)
}

// Reconcile reads the action's event; done when it exists with its Meet link.
func (m *Meet) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	inc, svc, err := m.prepare(ctx, req)
	if err != nil {
		return action.Result{}, false, err
	}
	ev, ok, err := m.find(ctx, svc, EventID(req.IdempotencyKey))
	if err != nil || !ok {
		return action.Result{}, false, err
	}
	res, err := m.finish(ctx, svc, inc, ev, true)
	if err != nil {
		return action.Result{}, false, err
	}
	return res, true, nil
}

func (m *Meet) prepare(ctx context.Context, req action.Request) (facts.Incident, *calendar.Service, error) {
	var p struct {
		Provider string `json:"provider"`
	}
	if len(req.Action.Params) > 0 {
		if err := json.Unmarshal(req.Action.Params, &p); err != nil {
			return facts.Incident{}, nil, fmt.Errorf("meeting_bridge params: %v: %w", err, action.ErrPermanent)
		}
	}
	if p.Provider != "" && p.Provider != "meet" {
		return facts.Incident{}, nil, fmt.Errorf("meet executor asked for provider %q: %w", p.Provider, action.ErrPermanent)
	}
	inc, err := m.incidentFor(ctx, req, "meeting")
	if err != nil {
		return facts.Incident{}, nil, err
	}
	svc, err := m.service(ctx, req.Token)
	return inc, svc, err
}

// finish waits (bounded) for the conference: a bridge without its link is
// not done, so a still-pending conference is a retryable error and a
// failed one a permanent error.
func (m *Meet) finish(ctx context.Context, svc *calendar.Service, inc facts.Incident, ev *calendar.Event, reconciled bool) (action.Result, error) {
	ev, err := m.awaitConference(ctx, svc, ev)
	if err != nil {
		return action.Result{}, err
	}
	link := meetLink(ev)
	switch st := conferenceStatus(ev); {
	case st == "pending":
		return action.Result{}, fmt.Errorf("meet conference of event %s still pending after %d checks", ev.Id, m.opts.PendingPolls)
	case link == "":
		return action.Result{}, fmt.Errorf("google created event %s without a Meet conference (status %q): %w", ev.Id, st, action.ErrPermanent)
	}
	verb := "Opened"
	if reconciled {
		verb = "Found"
	}
	return action.Result{
		Summary: fmt.Sprintf("%s Google Meet for incident %s: %s", verb, inc.ID, link),
		Detail:  eventDetail(ev, map[string]any{"provider": "meet", "reconciled": reconciled}),
	}, nil
}
