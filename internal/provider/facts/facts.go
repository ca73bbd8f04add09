// Package facts is what a coordination executor needs to know about an
// incident and the people in it, resolved from the store and the team file
// by the caller. It has no I/O: providers take a Source and stay ignorant
// of where the facts come from.
package facts

import (
	"context"
	"time"
)

// Person is an engineer as the providers know them.
type Person struct {
	Handle string // the roster id, e.g. "alice"
	Name   string
	Email  string
	Slack  string // Slack user id, e.g. "U01ALICE"
	GitHub string // GitHub login
}

// Incident is the part of an incident a provider may show or act on.
type Incident struct {
	ID       string
	Title    string
	Service  string
	Severity string // "P1", "P2", "P3" or ""
	Status   string
	Summary  string // the agent's latest summary, plain text
	Owner    Person
	// Responders are the ranked responders, owner first.
	Responders []Person
	// Stakeholders are the service's stakeholder email addresses.
	Stakeholders []string
	// Repo is the service's repository, "owner/name", when it has one.
	Repo string
	// URL is the incident's page on the dashboard, when known.
	URL string
}

// Summary is an incident's summary as it stands now, to be shown where the
// responders talk: the dashboard's brief, resolved by the caller.
type Summary struct {
	IncidentID string
	Headline   string // "P1 · checkout-api: Checkout errors above 5%"
	Status     string
	Since      time.Time
	Alerts     int
	Firing     bool
	Impact     []string // the most telling reasons first
	Cause      string   // the suspected cause, or why none is named
	Evidence   []string // what ties the cause to the failure
	KnownIssue string   // "KI-7 PSP timeouts", "" when none matches
	Runbook    string
	People     []string // roster handles, owner first
	Waiting    []string // what waits for whom: "revert_pr for @alice"
	URL        string   // the incident's page, when known
}

// Source resolves an incident id to its brief.
type Source func(ctx context.Context, incidentID string) (Incident, error)

// Truncate shortens s to at most n characters (runes), marking the cut
// with an ellipsis: provider fields have length limits, people read them.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(n-1, 0)]) + "…"
}
