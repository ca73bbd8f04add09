package triage

// responders.go ranks the team for an incident. Nobody is excluded; the
// order says whom to pull in first:
//
//	owner (on call when the incident was registered)   always first
//	knows a domain of the service                       +2.0 per domain
//	the signal mentions one of their domains            +1.5 per domain (+0.5 when it is also a service domain),
//	                                                    partial mentions ("pool" of "connection-pool") in proportion
//	a lead calls for one of their domains               +1.0 per domain (a matched known issue's domains)
//	a lead names them                                   +1.5 (wrote the suspect commit, owns its files)
//	on call in any rotation at that time                +1.5
//	in working hours in their own time zone             +0.5 (Mon-Fri 09:00-18:00)
//
// Ties are broken by engineer id, so the order is deterministic.

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/roster"
)

// Responder is one engineer's place in the ranking.
type Responder struct {
	Engineer string
	Score    float64
	Reasons  []string
}

// Lead is a finding from a later triage step that points at expertise or at
// people: the domains of a matched known issue, the author of the suspect
// commit, the code owners of the files it changed.
type Lead struct {
	Reason  string   // what the finding is: "known issue KI-12", "suspect commit 1a2b3c4"
	Domains []string // expertise the finding calls for
	People  []string // engineer ids, GitHub logins (with or without @), Slack ids or e-mail addresses
	Role    string   // what the named people did: "wrote", "own the code changed by"
}

// Responder weights.
const (
	rwOwner          = 10.0
	rwServiceDomain  = 2.0
	rwMentionDomain  = 1.5
	rwMentionService = 0.5 // a service domain the signal also mentions
	rwLeadDomain     = 1.0
	rwLeadPerson     = 1.5
	rwOnCall         = 1.5
	rwWorkingHours   = 0.5
)

// KnownIssueLead is the lead a matched known issue gives: its domains.
func KnownIssueLead(m KnownIssueMatch) Lead {
	return Lead{Reason: "known issue " + m.ID, Domains: m.Domains}
}

// CulpritLeads are the leads a suspect commit gives: its author and the
// code owners of its files. None when there is no culprit.
func CulpritLeads(c Culprit) []Lead {
	if c.SHA == "" {
		return nil
	}
	var out []Lead
	if c.Author != "" {
		out = append(out, Lead{Reason: "suspect commit " + short(c.SHA), People: []string{c.Author}, Role: "wrote"})
	}
	if len(c.Owners) > 0 {
		out = append(out, Lead{Reason: "suspect commit " + short(c.SHA), People: c.Owners, Role: "own the code changed by"})
	}
	return out
}

// RankResponders ranks every engineer of team for an incident about sig on
// svc, whose owner was recorded at registration, at time at. Leads from
// later findings (KnownIssueLead, CulpritLeads) refine the order.
func RankResponders(team config.Team, svc config.Service, sig Signal, owner string, at time.Time, leads ...Lead) []Responder {
	have := termSet(sig.Title, sig.Text, sig.labelText())
	onCall := map[string][]string{}
	for _, r := range team.Rotations {
		if who, err := roster.OnCall(team, r.Name, at); err == nil {
			onCall[who] = append(onCall[who], r.Name)
		}
	}
	svcName := svc.Name
	if svcName == "" {
		svcName = sig.Service
	}

	out := make([]Responder, 0, len(team.Engineers))
	for _, e := range team.Engineers {
		r := Responder{Engineer: e.ID}
		add := func(w float64, format string, a ...any) {
			r.Score += w
			r.Reasons = append(r.Reasons, fmt.Sprintf(format, a...)+fmt.Sprintf(" (+%.2g)", w))
		}
		if owner != "" && e.ID == owner {
			add(rwOwner, "on call for %s when the incident was registered: the owner", svcName)
		}
		for _, d := range e.Domains {
			inService := containsFold(svc.Domains, d)
			m := mentions(have, d)
			switch {
			case inService && m == 1:
				add(rwServiceDomain+rwMentionService, "knows %s, a domain of %s that the signal mentions", d, svcName)
			case inService:
				add(rwServiceDomain, "knows %s, a domain of %s", d, svcName)
			case m == 1:
				add(rwMentionDomain, "knows %s, which the signal mentions", d)
			case m > 0:
				add(rwMentionDomain*m*0.5, "knows %s, which the signal partly mentions", d)
			}
		}
		for _, l := range leads {
			for _, d := range l.Domains {
				if containsFold(e.Domains, d) {
					add(rwLeadDomain, "knows %s, which %s calls for", d, l.Reason)
				}
			}
			for _, p := range l.People {
				if isEngineer(e, p) {
					role := l.Role
					if role == "" {
						role = "named by"
					}
					add(rwLeadPerson, "%s %s", verbFor(role), l.Reason)
					break
				}
			}
		}
		if rots := onCall[e.ID]; len(rots) > 0 {
			add(rwOnCall, "on call now in %s", strings.Join(rots, ", "))
		}
		if local, ok := workingHours(e.Timezone, at); ok {
			add(rwWorkingHours, "in working hours (%s local)", local)
		}
		r.Score = round2(r.Score)
		if len(r.Reasons) == 0 {
			r.Reasons = []string{"no domain, rotation or finding points at them"}
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Engineer == owner) != (out[j].Engineer == owner) {
			return out[i].Engineer == owner
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Engineer < out[j].Engineer
	})
	return out
}

func verbFor(role string) string {
	switch role {
	case "wrote":
		return "wrote"
	case "own the code changed by":
		return "owns the code changed by"
	}
	return role
}

// isEngineer reports whether handle names e: id, GitHub login (with or
// without @), Slack id or e-mail address.
func isEngineer(e config.Engineer, handle string) bool {
	h := strings.TrimPrefix(strings.TrimSpace(handle), "@")
	if h == "" || strings.Contains(h, "/") { // "@org/team" is a team, not a person
		return false
	}
	return strings.EqualFold(h, e.ID) || (e.GitHub != "" && strings.EqualFold(h, e.GitHub)) ||
		(e.Slack != "" && h == e.Slack) || (e.Email != "" && strings.EqualFold(h, e.Email))
}

// workingHours reports whether at falls on a weekday between 09:00 and
// 18:00 in the time zone tz, and the local time.
func workingHours(tz string, at time.Time) (string, bool) {
	if tz == "" || at.IsZero() {
		return "", false
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return "", false
	}
	l := at.In(loc)
	if l.Weekday() == time.Saturday || l.Weekday() == time.Sunday {
		return "", false
	}
	return l.Format("Mon 15:04"), l.Hour() >= 9 && l.Hour() < 18
}
