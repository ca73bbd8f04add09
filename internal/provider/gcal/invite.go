package gcal

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	calendar "google.golang.org/api/calendar/v3"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// Invite schedules a follow-up (review, handover) for calendar_invite
// actions: an event on the approver's calendar with the responders invited
// and a Meet link.
type Invite struct{ core }

var _ action.CredentialedExecutor = (*Invite)(nil)

// NewInvite returns the calendar_invite executor; src resolves the incident's facts.
func NewInvite(src facts.Source, opts Options) *Invite { return &Invite{newCore(src, opts)} }

// InviteParams are calendar_invite's params (see agent.ActionTools).
type InviteParams struct {
	Title           string `json:"title"`
	StartsInMinutes int    `json:"starts_in_minutes"`
	DurationMinutes int    `json:"duration_minutes"`
}

func (p InviteParams) validate() error {
	switch {
	case strings.TrimSpace(p.Title) == "" || len([]rune(p.Title)) > 200:
		return fmt.Errorf("title must have 1 to 200 characters")
	case p.StartsInMinutes < 0 || p.StartsInMinutes > 10080:
		return fmt.Errorf("starts_in_minutes %d outside 0..10080", p.StartsInMinutes)
	case p.DurationMinutes < 5 || p.DurationMinutes > 480:
		return fmt.Errorf("duration_minutes %d outside 5..480", p.DurationMinutes)
	}
	return nil
}

// Execute inserts the invite, or finds the one an earlier attempt inserted.
func (v *Invite) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	p, inc, svc, err := v.prepare(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	start := v.opts.Now().UTC().Truncate(time.Minute).Add(time.Duration(p.StartsInMinutes) * time.Minute)
	desc := fmt.Sprintf("Follow-up for WarRoom incident %s: %s", inc.ID, inc.Title)
	if inc.URL != "" {
		desc += "\n" + inc.URL
	}
	ev := newEvent(req, inc, strings.TrimSpace(p.Title), desc, start, start.Add(time.Duration(p.DurationMinutes)*time.Minute))
	got, reconciled, err := v.upsert(ctx, svc, ev)
	if err != nil {
		return action.Result{}, err
	}
	return v.finish(ctx, svc, got, reconciled)
}

// Reconcile reads the action's event; done when it exists.
func (v *Invite) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	_, _, svc, err := v.prepare(ctx, req)
	if err != nil {
		return action.Result{}, false, err
	}
	ev, ok, err := v.find(ctx, svc, EventID(req.IdempotencyKey))
	if err != nil || !ok {
		return action.Result{}, false, err
	}
	res, err := v.finish(ctx, svc, ev, true)
	if err != nil {
		return action.Result{}, false, err
	}
	return res, true, nil
}

func (v *Invite) prepare(ctx context.Context, req action.Request) (InviteParams, facts.Incident, *calendar.Service, error) {
	var p InviteParams
	if err := json.Unmarshal(req.Action.Params, &p); err != nil {
		return p, facts.Incident{}, nil, fmt.Errorf("calendar_invite params: %v: %w", err, action.ErrPermanent)
	}
	if err := p.validate(); err != nil {
		return p, facts.Incident{}, nil, fmt.Errorf("calendar_invite params: %v: %w", err, action.ErrPermanent)
	}
	inc, err := v.incidentFor(ctx, req, "calendar")
	if err != nil {
		return p, facts.Incident{}, nil, err
	}
	if len(attendees(inc)) == 0 {
		return p, facts.Incident{}, nil, fmt.Errorf("calendar_invite: no responder of incident %s has an email: %w", inc.ID, action.ErrPermanent)
	}
	svc, err := v.service(ctx, req.Token)
	return p, inc, svc, err
}

// finish waits (bounded) for the Meet link; the invite itself is the effect,
// so a conference still pending or failed is reported, not an error.
func (v *Invite) finish(ctx context.Context, svc *calendar.Service, ev *calendar.Event, reconciled bool) (action.Result, error) {
	ev, err := v.awaitConference(ctx, svc, ev)
	if err != nil {
		return action.Result{}, err
	}
	verb := "Invited"
	if reconciled {
		verb = "Found invite for"
	}
	when := ""
	if ev.Start != nil {
		when = " at " + ev.Start.DateTime
	}
	s := fmt.Sprintf("%s %d responders to %q%s", verb, len(ev.Attendees), ev.Summary, when)
	if link := meetLink(ev); link != "" {
		s += "; Meet: " + link
	} else {
		s += fmt.Sprintf("; Meet link %s", orDefault(conferenceStatus(ev), "not created"))
	}
	return action.Result{Summary: s, Detail: eventDetail(ev, map[string]any{"reconciled": reconciled})}, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
