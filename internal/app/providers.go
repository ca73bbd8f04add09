package app

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/email"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/gcal"
	"github.com/warroom/warroom/internal/provider/github"
	"github.com/warroom/warroom/internal/provider/pagerduty"
	"github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/provider/zoom"
	"github.com/warroom/warroom/internal/store"
)

// people maps roster handles to the identities providers know.
func people(team config.Team) func(handle string) (facts.Person, bool) {
	byID := map[string]facts.Person{}
	for _, e := range team.Engineers {
		byID[e.ID] = facts.Person{Handle: e.ID, Name: e.Name, Email: e.Email, Slack: e.Slack, GitHub: e.GitHub}
	}
	return func(handle string) (facts.Person, bool) { p, ok := byID[handle]; return p, ok }
}

// briefSource resolves an incident's facts for the executors: the stored
// incident, the agent's latest summary, the owner first and then the
// service's rotation as responders, and the service's stakeholders and
// repository from the team file.
func briefSource(st *store.Store, team config.Team, dashboardURL string) facts.Source {
	person := people(team)
	return func(ctx context.Context, incidentID string) (facts.Incident, error) {
		inc, err := st.GetIncident(ctx, incidentID)
		if err != nil {
			return facts.Incident{}, fmt.Errorf("brief of %s: %w", incidentID, err)
		}
		out := facts.Incident{ID: inc.ID, Title: inc.Title, Service: inc.Service, Severity: string(inc.Severity), Status: string(inc.Status)}
		if dashboardURL != "" {
			out.URL = strings.TrimRight(dashboardURL, "/") + "/incidents/" + inc.ID
		}
		out.Owner, _ = person(inc.Owner)
		if out.Owner.Handle == "" {
			out.Owner = facts.Person{Handle: inc.Owner}
		}
		out.Responders = append(out.Responders, out.Owner)
		for _, s := range team.Services {
			if s.Name != inc.Service {
				continue
			}
			out.Repo, out.Stakeholders = s.Repo, s.Stakeholders
			for _, r := range team.Rotations {
				if r.Name != s.Rotation {
					continue
				}
				for _, m := range r.Members {
					if p, ok := person(m); ok && m != inc.Owner {
						out.Responders = append(out.Responders, p)
					}
				}
			}
		}
		evs, err := st.ListEvents(ctx, incidentID, 0, 0)
		if err != nil {
			return facts.Incident{}, fmt.Errorf("brief of %s: %w", incidentID, err)
		}
		for _, ev := range evs {
			if ev.Type == incident.EventSummary {
				var s struct{ Summary string }
				if json.Unmarshal(ev.Data, &s) == nil && s.Summary != "" {
					out.Summary = s.Summary
				}
			}
		}
		return out, nil
	}
}

// sentRecord is the store as the email executor's record of sent messages.
type sentRecord struct{ st *store.Store }

func (s sentRecord) Sent(ctx context.Context, key string) (bool, error) {
	return s.st.MessageSent(ctx, key)
}
func (s sentRecord) MarkSent(ctx context.Context, key string) error {
	return s.st.MarkMessageSent(ctx, key)
}

// executors builds an executor for every provider the providers section
// configures. Kinds left without one can still be proposed, and fail
// clearly when approved.
func executors(cfg config.Config, st *store.Store) (map[string]action.Executor, *slack.Provider, error) {
	p := cfg.Providers
	src := briefSource(st, cfg.Team, p.DashboardURL)
	out := map[string]action.Executor{}
	if p.GitHub != nil {
		ex, err := github.Executors(src, github.ActionOptions{BaseURL: p.GitHub.APIURL, MergeMethod: p.GitHub.MergeMethod})
		if err != nil {
			return nil, nil, fmt.Errorf("providers.github: %w", err)
		}
		maps.Copy(out, ex)
	}
	var sp *slack.Provider
	if p.Slack != nil {
		var err error
		sp, err = slack.New(slack.Options{BaseURL: p.Slack.APIURL, Brief: src, BotToken: action.Secret(cfg.Slack.BotToken),
			FallbackChannel: p.Slack.FallbackChannel})
		if err != nil {
			return nil, nil, fmt.Errorf("providers.slack: %w", err)
		}
		maps.Copy(out, sp.Executors())
	}
	var zoomEx, meetEx action.CredentialedExecutor
	if p.Zoom != nil {
		zoomEx = zoom.New(src, zoom.Options{BaseURL: p.Zoom.APIURL})
	}
	if p.Google != nil {
		meetEx = gcal.NewMeet(src, gcal.Options{Endpoint: p.Google.CalendarURL})
		out["calendar_invite"] = gcal.NewInvite(src, gcal.Options{Endpoint: p.Google.CalendarURL})
	}
	if zoomEx != nil || meetEx != nil {
		out["meeting_bridge"] = zoom.NewBridge(zoomEx, meetEx)
	}
	if s := p.SMTP; s != nil {
		ex, err := email.New(src, email.Options{Addr: s.Addr, Username: s.Username, Password: s.Password, From: s.From,
			FromName: s.FromName, RequireTLS: s.RequireTLS, People: people(cfg.Team), Sent: sentRecord{st}})
		if err != nil {
			return nil, nil, fmt.Errorf("providers.smtp: %w", err)
		}
		out["stakeholder_email"] = ex
	}
	if pd := p.PagerDuty; pd != nil {
		keys := pd.RoutingKeys
		out["page_responders"] = pagerduty.New(src, pagerduty.Options{Endpoint: pd.EventsURL, People: people(cfg.Team),
			RoutingKey: func(service string) string { return keys[service] }})
	}
	return out, sp, nil
}
