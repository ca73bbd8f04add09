package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
)

// remediationFollowUps is the review-then-merge workflow the catalogue's
// FollowUp entries name: once a remediation PR is open, a requested code
// owner on the roster is asked to approve it under their own identity; once
// one has, the incident's owner is asked to merge it. Each step waits for
// its human; risk and class come from the catalogue.
func remediationFollowUps(team config.Team) func(inc incident.Incident, a incident.Action, res action.Result) []engine.Proposal {
	byLogin := map[string]string{}
	for _, e := range team.Engineers {
		if e.GitHub != "" {
			byLogin[e.GitHub] = e.ID
		}
	}
	agent := incident.Agent
	propose := func(kind string, a incident.Action, params []byte, approver, reason string) engine.Proposal {
		s, _ := action.Lookup(kind)
		return engine.Proposal{Kind: kind, Risk: s.Risk, Class: s.Class, Target: a.Target, Params: params,
			Approver: approver, By: agent, Reason: reason}
	}
	return func(inc incident.Incident, a incident.Action, res action.Result) []engine.Proposal {
		s, _ := action.Lookup(a.Kind)
		switch s.FollowUp {
		case action.ApprovePR:
			var pr struct {
				PullNumber int      `json:"pull_number"`
				Requested  []string `json:"reviewers_requested"`
			}
			if json.Unmarshal(res.Detail, &pr) != nil || pr.PullNumber == 0 {
				return nil
			}
			var out []engine.Proposal
			for _, owner := range pr.Requested {
				// CODEOWNERS names people as @login; teams (@org/team) are not engineers.
				who, ok := byLogin[strings.TrimPrefix(owner, "@")]
				if !ok || who == a.ApprovedBy {
					continue
				}
				params, _ := json.Marshal(map[string]any{"pull_number": pr.PullNumber,
					"body": fmt.Sprintf("Reviewed in WarRoom for incident %s.", a.IncidentID)})
				out = append(out, propose(action.ApprovePR, a, params, who,
					fmt.Sprintf("@%s owns the code that PR #%d changes; their review is needed before it can merge", who, pr.PullNumber)))
				break // one review is enough to merge
			}
			return out
		case action.MergePR:
			var rv struct {
				PullNumber int `json:"pull_number"`
			}
			if json.Unmarshal(res.Detail, &rv) != nil || rv.PullNumber == 0 {
				return nil
			}
			params, _ := json.Marshal(map[string]any{"pull_number": rv.PullNumber, "reason": "reviewed and approved by @" + a.ApprovedBy})
			return []engine.Proposal{propose(action.MergePR, a, params, inc.Owner,
				fmt.Sprintf("PR #%d is reviewed; merging it completes the remediation", rv.PullNumber))}
		}
		return nil
	}
}
