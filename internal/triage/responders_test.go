package triage

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
)

func responderTeam() config.Team {
	return config.Team{
		Engineers: []config.Engineer{
			{ID: "ana", GitHub: "ana-gh", Timezone: "Europe/Madrid", Domains: []string{"billing", "api"}},
			{ID: "bo", GitHub: "bo-k", Timezone: "Asia/Tokyo", Domains: []string{"postgres", "database"}},
			{ID: "cy", GitHub: "cyc", Timezone: "America/New_York", Domains: []string{"kafka", "invoice-export"}},
			{ID: "di", GitHub: "didi", Timezone: "Europe/London", Domains: []string{"frontend"}},
			{ID: "ed", GitHub: "eddy", Timezone: "Europe/London", Domains: []string{"frontend"}},
		},
		Rotations: []config.Rotation{
			{Name: "primary", Members: []string{"di", "ana"}, Start: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC), ShiftHours: 168},
			{Name: "secondary", Members: []string{"bo", "cy"}, Start: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC), ShiftHours: 168},
		},
		Services: []config.Service{{Name: "billing-api", Domains: []string{"billing", "api"}, Tier: 1}},
	}
}

func ids(rs []Responder) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Engineer)
	}
	return out
}

func TestRankResponders(t *testing.T) {
	team := responderTeam()
	svc := team.Services[0]
	// Wednesday 2026-01-07 10:00 UTC: primary = di, secondary = bo.
	at := time.Date(2026, 1, 7, 10, 0, 0, 0, time.UTC)

	t.Run("owner first even with a lower score", func(t *testing.T) {
		rs := RankResponders(team, svc, Signal{Title: "billing-api 5xx"}, "di", at)
		if rs[0].Engineer != "di" {
			t.Fatalf("first = %s, want the owner di: %v", rs[0].Engineer, ids(rs))
		}
		if len(rs) != len(team.Engineers) {
			t.Fatalf("%d responders, want every engineer (%d)", len(rs), len(team.Engineers))
		}
		if rs[1].Engineer != "ana" {
			t.Errorf("second = %s, want ana (both service domains): %v", rs[1].Engineer, ids(rs))
		}
	})

	t.Run("signal mentions a domain", func(t *testing.T) {
		sig := Signal{Title: "billing-api slow", Text: "Most time is spent in Postgres queries on the invoices table."}
		rs := RankResponders(team, svc, sig, "di", at)
		if got := ids(rs)[:3]; !slices.Equal(got, []string{"di", "ana", "bo"}) {
			t.Errorf("top 3 = %v, want [di ana bo]", got)
		}
		var bo Responder
		for _, r := range rs {
			if r.Engineer == "bo" {
				bo = r
			}
		}
		if !strings.Contains(strings.Join(bo.Reasons, "|"), "postgres, which the signal mentions") {
			t.Errorf("bo's reasons do not explain the mention: %v", bo.Reasons)
		}
	})

	t.Run("partial domain mention counts less", func(t *testing.T) {
		sig := Signal{Text: "the invoice job is stuck"}
		rs := RankResponders(team, config.Service{Name: "x"}, sig, "", at)
		var cy Responder
		for _, r := range rs {
			if r.Engineer == "cy" {
				cy = r
			}
		}
		if cy.Score <= 0 || cy.Score >= rwMentionDomain+rwOnCall {
			t.Errorf("cy score %v: want a partial mention bonus only", cy.Score)
		}
	})

	t.Run("leads", func(t *testing.T) {
		leads := []Lead{
			{Reason: "known issue KI-1", Domains: []string{"kafka"}},
			{Reason: "suspect commit abc1234", People: []string{"@cyc"}, Role: "wrote"},
			{Reason: "suspect commit abc1234", People: []string{"@acme/billing-team", "bo-k"}, Role: "own the code changed by"},
		}
		rs := RankResponders(team, svc, Signal{Title: "billing-api errors"}, "di", at, leads...)
		got := map[string]Responder{}
		for _, r := range rs {
			got[r.Engineer] = r
		}
		if got["cy"].Score < rwLeadDomain+rwLeadPerson {
			t.Errorf("cy should gain the known issue's domain and authorship: %v", got["cy"].Reasons)
		}
		if !strings.Contains(strings.Join(got["bo"].Reasons, "|"), "owns the code changed by suspect commit abc1234") {
			t.Errorf("bo should be named as code owner: %v", got["bo"].Reasons)
		}
	})

	t.Run("on call and working hours", func(t *testing.T) {
		// di and ed are identical except that di is on call.
		rs := RankResponders(team, config.Service{Name: "web"}, Signal{Title: "frontend broken"}, "", at)
		pos := map[string]int{}
		for i, r := range rs {
			pos[r.Engineer] = i
		}
		if pos["di"] > pos["ed"] {
			t.Errorf("on-call di should rank above ed: %v", ids(rs))
		}
		// At 10:00 UTC it is 19:00 in Tokyo, 05:00 in New York: neither works.
		for _, r := range rs {
			working := strings.Contains(strings.Join(r.Reasons, "|"), "working hours")
			want := r.Engineer == "ana" || r.Engineer == "di" || r.Engineer == "ed"
			if working != want {
				t.Errorf("%s working hours = %v, want %v", r.Engineer, working, want)
			}
		}
	})

	t.Run("deterministic tie-break by id", func(t *testing.T) {
		team := config.Team{Engineers: []config.Engineer{{ID: "zed"}, {ID: "amy"}, {ID: "max"}}}
		rs := RankResponders(team, config.Service{}, Signal{}, "", at)
		if got := ids(rs); !slices.Equal(got, []string{"amy", "max", "zed"}) {
			t.Errorf("order = %v, want ids in order", got)
		}
	})

	t.Run("weekend is not working hours", func(t *testing.T) {
		sat := time.Date(2026, 1, 10, 11, 0, 0, 0, time.UTC)
		for _, r := range RankResponders(team, svc, Signal{}, "", sat) {
			if strings.Contains(strings.Join(r.Reasons, "|"), "working hours") {
				t.Errorf("%s in working hours on a Saturday", r.Engineer)
			}
		}
	})
}

func TestCulpritLeads(t *testing.T) {
	if CulpritLeads(Culprit{}) != nil {
		t.Error("no culprit, no leads")
	}
	ls := CulpritLeads(Culprit{SHA: "0123456789abcdef", Author: "cyc", Owners: []string{"@bo-k"}})
	if len(ls) != 2 || ls[0].People[0] != "cyc" || ls[1].People[0] != "@bo-k" {
		t.Errorf("leads = %+v", ls)
	}
	kl := KnownIssueLead(KnownIssueMatch{KnownIssue: KnownIssue{ID: "KI-9", Domains: []string{"kafka"}}})
	if kl.Reason != "known issue KI-9" || kl.Domains[0] != "kafka" {
		t.Errorf("known issue lead = %+v", kl)
	}
}
