package config

import (
	"fmt"
	"maps"
	"net"
	"net/url"
	"slices"
)

// Providers configures the executors: where each provider's API is and
// WarRoom's own settings for it. People's tokens are never here: actions run
// with the approver's token from the vault.
type Providers struct {
	// DashboardURL is linked from Slack summaries and pages (optional).
	DashboardURL string          `yaml:"dashboard_url"`
	GitHub       *GitHubActions  `yaml:"github"`
	Slack        *SlackActions   `yaml:"slack"`
	Zoom         *ZoomActions    `yaml:"zoom"`
	Google       *GoogleActions  `yaml:"google"`
	SMTP         *SMTPActions    `yaml:"smtp"`
	PagerDuty    *PagerDutyPages `yaml:"pagerduty"`
}

// GitHubActions enables revert_pr, config_change_pr, merge_pr and approve_pr.
type GitHubActions struct {
	APIURL      string `yaml:"api_url"`      // default https://api.github.com/
	MergeMethod string `yaml:"merge_method"` // merge (default), squash or rebase
}

// SlackActions enables war_room_channel and status_update.
type SlackActions struct {
	APIURL          string `yaml:"api_url"`          // default https://slack.com
	FallbackChannel string `yaml:"fallback_channel"` // a channel id for incidents without a war room
}

// ZoomActions enables Zoom bridges.
type ZoomActions struct {
	APIURL string `yaml:"api_url"` // default https://api.zoom.us/v2
}

// GoogleActions enables Meet bridges and calendar invites.
type GoogleActions struct {
	CalendarURL string `yaml:"calendar_url"` // default https://www.googleapis.com/calendar/v3/
}

// SMTPActions enables stakeholder_email through a relay.
type SMTPActions struct {
	Addr        string `yaml:"addr"` // host:port
	Username    string `yaml:"username"`
	PasswordEnv string `yaml:"password_env"`
	From        string `yaml:"from"`
	FromName    string `yaml:"from_name"`
	RequireTLS  bool   `yaml:"require_tls"`

	Password string `yaml:"-"`
}

// PagerDutyPages enables page_responders through the Events API v2.
type PagerDutyPages struct {
	EventsURL string `yaml:"events_url"` // default https://events.pagerduty.com
	// RoutingKeysEnv maps a service to the variable holding its integration key.
	RoutingKeysEnv map[string]string `yaml:"routing_keys_env"`

	RoutingKeys map[string]string `yaml:"-"`
}

func (f *File) validateProviders(bad func(path, format string, a ...any), services map[string]bool) {
	p := f.Providers
	checkURL := func(path, raw string) {
		if raw == "" {
			return
		}
		if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(path, "%q is not an http(s) URL", raw)
		}
	}
	checkURL("providers.dashboard_url", p.DashboardURL)
	if p.GitHub != nil {
		checkURL("providers.github.api_url", p.GitHub.APIURL)
		if m := p.GitHub.MergeMethod; m != "" && m != "merge" && m != "squash" && m != "rebase" {
			bad("providers.github.merge_method", "%q: want merge, squash or rebase", m)
		}
	}
	if p.Slack != nil {
		checkURL("providers.slack.api_url", p.Slack.APIURL)
	}
	if p.Zoom != nil {
		checkURL("providers.zoom.api_url", p.Zoom.APIURL)
	}
	if p.Google != nil {
		checkURL("providers.google.calendar_url", p.Google.CalendarURL)
	}
	if s := p.SMTP; s != nil {
		if host, _, err := net.SplitHostPort(s.Addr); err != nil || host == "" {
			bad("providers.smtp.addr", "%q: want host:port", s.Addr)
		}
		if s.From == "" {
			bad("providers.smtp.from", "is required")
		}
		if s.Username != "" && !envNamePattern.MatchString(s.PasswordEnv) {
			bad("providers.smtp.password_env", "names the environment variable holding the relay password")
		}
	}
	if pd := p.PagerDuty; pd != nil {
		checkURL("providers.pagerduty.events_url", pd.EventsURL)
		if len(pd.RoutingKeysEnv) == 0 {
			bad("providers.pagerduty.routing_keys_env", "map at least one service to the variable holding its integration key")
		}
		for _, svc := range slices.Sorted(maps.Keys(pd.RoutingKeysEnv)) {
			if !services[svc] {
				bad("providers.pagerduty.routing_keys_env."+svc, "unknown service %q", svc)
			}
			if !envNamePattern.MatchString(pd.RoutingKeysEnv[svc]) {
				bad("providers.pagerduty.routing_keys_env."+svc, "%q is not an environment variable name", pd.RoutingKeysEnv[svc])
			}
		}
	}
}

func (f *File) resolveProviderSecrets(read func(path, env string) string) {
	if s := f.Providers.SMTP; s != nil && s.Username != "" {
		s.Password = read("providers.smtp.password_env", s.PasswordEnv)
	}
	if pd := f.Providers.PagerDuty; pd != nil {
		pd.RoutingKeys = map[string]string{}
		for _, svc := range slices.Sorted(maps.Keys(pd.RoutingKeysEnv)) {
			pd.RoutingKeys[svc] = read(fmt.Sprintf("providers.pagerduty.routing_keys_env.%s", svc), pd.RoutingKeysEnv[svc])
		}
	}
}
