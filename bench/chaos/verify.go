package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/email"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/gcal"
	wslack "github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/provider/zoom"
	"github.com/warroom/warroom/internal/store"
)

const repo = "acme/checkout"

// verify checks the promise after the run: every approval this run made
// reached succeeded, running as its approver; each succeeded action's effect
// exists exactly once at the sandbox provider, found by the action's own
// idempotency key or result, and no provider holds an effect that no
// action accounts for; and the audit chain verifies.
func (r *runner) verify(ctx context.Context) {
	rep := r.rep
	incs, err := r.allIncidents(ctx)
	if err != nil {
		rep.problem("list incidents: %v", err)
		return
	}
	rep.Incidents = len(incs)
	byID := map[string]incident.Incident{}
	actions := map[string]incident.Action{}
	for _, inc := range incs {
		byID[inc.ID] = inc
		acts, err := r.st.ListActions(ctx, inc.ID)
		if err != nil {
			rep.problem("list actions of %s: %v", inc.ID, err)
			return
		}
		for _, a := range acts {
			actions[a.ID] = a
			if a.Attempts > 1 {
				rep.Resumed++
			}
		}
		evs, err := r.st.ListEvents(ctx, inc.ID, 0, 0)
		if err != nil {
			rep.problem("events of %s: %v", inc.ID, err)
			return
		}
		for _, ev := range evs {
			if ev.Type == incident.EventActionReconciled {
				rep.Reconciled++
			}
		}
	}

	// Nothing approved was lost, nothing ran that was not approved.
	r.mu.Lock()
	decided := r.decided
	r.mu.Unlock()
	approvedActions := map[string]bool{}
	for _, d := range decided {
		a, ok := actions[d.actionID]
		if !ok {
			rep.problem("approval %s: its action %s is gone", d.approvalID, d.actionID)
			continue
		}
		ap, err := r.st.GetApproval(ctx, d.approvalID)
		if err != nil {
			rep.problem("approval %s: %v", d.approvalID, err)
			continue
		}
		if ap.DecidedBy != d.engineer || (ap.Decision == incident.DecisionApproved) != d.approved {
			rep.problem("approval %s (%s): the store has %q by %q; this run decided approved=%v as %s",
				d.approvalID, d.kind, ap.Decision, ap.DecidedBy, d.approved, d.engineer)
		}
		if !d.approved {
			rep.Declined++
			if a.Status != incident.ActionDeclined {
				rep.problem("declined %s %s ended %s", a.Kind, a.ID, a.Status)
			}
			continue
		}
		rep.Approved++
		approvedActions[a.ID] = true
		if a.Status != incident.ActionSucceeded {
			rep.problem("approved %s %s (incident %s) ended %s after %d attempts: %s", a.Kind, a.ID, a.IncidentID, a.Status, a.Attempts, a.Result)
			continue
		}
		if a.ApprovedBy != d.engineer {
			rep.problem("%s %s ran as %q, approved by %s", a.Kind, a.ID, a.ApprovedBy, d.engineer)
		}
		rep.Flows++
	}
	for _, a := range actions {
		if a.Status == incident.ActionSucceeded && !approvedActions[a.ID] {
			rep.problem("%s %s succeeded but this run never approved it", a.Kind, a.ID)
		}
		if !a.Status.Terminal() {
			rep.problem("%s %s is still %s", a.Kind, a.ID, a.Status)
		}
	}

	r.checkEffects(byID, actions, approvedActions)

	n, err := r.st.VerifyAudit(ctx)
	rep.AuditEntries = n
	if err != nil {
		rep.problem("audit chain: %v", err)
	}
}

// checkEffects counts each succeeded action's effect at its provider.
func (r *runner) checkEffects(incs map[string]incident.Incident, actions map[string]incident.Action, approved map[string]bool) {
	rep, sb := r.rep, r.sb
	// Slack: war rooms by name, messages by the idempotency key in their metadata.
	channels := map[string]int{}
	warRooms := 0
	msgsByKey := map[string]int{}
	for _, ch := range sb.Slack.Channels() {
		channels[ch.Name]++
		if strings.HasPrefix(ch.Name, "inc-") {
			warRooms++
		}
		for _, m := range sb.Slack.Messages(ch.ID) {
			var meta struct {
				Payload map[string]any `json:"event_payload"`
			}
			if len(m.Metadata) > 0 && json.Unmarshal(m.Metadata, &meta) == nil {
				if k, _ := meta.Payload["idempotency_key"].(string); k != "" {
					msgsByKey[k]++
				}
			}
		}
	}
	allMeetings := sb.Zoom.Meetings("")
	inserts := map[string]int{}
	for _, in := range sb.Calendar.Inserts() {
		inserts[in.EventID]++
	}
	mails := map[string]int{}
	for _, m := range sb.SMTP.Messages() {
		if m.Header != nil {
			mails[m.Header.Get("Message-ID")]++
		}
	}
	pdAlerts := map[string]int{}
	for _, a := range sb.PagerDuty.Alerts() {
		pdAlerts[a.DedupKey]++
	}
	pulls := map[int]int{}
	prs := sb.GitHub.Pulls(repo)
	for _, pr := range prs {
		pulls[pr.Number]++
	}
	prByNumber := map[int]int{}
	for i, pr := range prs {
		prByNumber[pr.Number] = i
	}
	revertsByPR, reviewsWanted, merges := map[int]int{}, map[int]int{}, 0
	counted := map[string]int{}
	for _, a := range actions {
		if a.Status != incident.ActionSucceeded || !approved[a.ID] {
			continue
		}
		counted[a.Kind]++
		key := a.IdempotencyKey
		once := func(what string, n int) {
			if n != 1 {
				rep.problem("%s %s (incident %s): %d %s at the provider, want exactly 1", a.Kind, a.ID, a.IncidentID, n, what)
			}
		}
		switch a.Kind {
		case "war_room_channel":
			inc := incs[a.IncidentID]
			once("channels named "+wslack.ChannelName(facts.Incident{ID: inc.ID, Title: inc.Title, Service: inc.Service}),
				channels[wslack.ChannelName(facts.Incident{ID: inc.ID, Title: inc.Title, Service: inc.Service})])
			once("summary messages", msgsByKey[key])
		case "status_update":
			once("status messages", msgsByKey[key])
		case "meeting_bridge":
			n := 0
			for _, m := range allMeetings {
				if strings.Contains(m.Agenda, zoom.Marker(key)) {
					n++
				}
			}
			once("meetings", n)
		case "calendar_invite":
			once("calendar inserts", inserts[gcal.EventID(key)])
		case "stakeholder_email":
			// SMTP cannot be asked what it delivered: a kill after the relay's 250
			// and before the sent-record commits resends with the same Message-ID
			// (the email package's documented window). Count it, require one at least.
			n := mails[email.MessageID(key)]
			if n == 0 {
				rep.problem("stakeholder_email %s: no message with Message-ID %s", a.ID, email.MessageID(key))
			}
			rep.EmailResent += max(0, n-1)
		case "page_responders":
			once("PagerDuty alerts for its dedup key", pdAlerts[key])
		case "revert_pr", "config_change_pr":
			var res action.Result
			var detail struct {
				PullNumber int `json:"pull_number"`
			}
			if json.Unmarshal(a.Result, &res) != nil || json.Unmarshal(res.Detail, &detail) != nil || detail.PullNumber == 0 {
				rep.problem("%s %s: no pull number in its result %s", a.Kind, a.ID, a.Result)
				continue
			}
			revertsByPR[detail.PullNumber]++
			once("pull requests numbered "+itoa(detail.PullNumber), pulls[detail.PullNumber])
			if i, ok := prByNumber[detail.PullNumber]; ok && prs[i].Author != "alice-ng" {
				rep.problem("PR #%d opened by %s, want alice-ng (the approver)", detail.PullNumber, prs[i].Author)
			}
		case "approve_pr":
			var p struct {
				PullNumber int `json:"pull_number"`
			}
			_ = json.Unmarshal(a.Params, &p)
			reviewsWanted[p.PullNumber]++
		case "merge_pr":
			var p struct {
				PullNumber int `json:"pull_number"`
			}
			_ = json.Unmarshal(a.Params, &p)
			merges++
			if i, ok := prByNumber[p.PullNumber]; !ok || !prs[i].Merged || prs[i].MergedBy != "alice-ng" {
				rep.problem("merge_pr %s: PR #%d is not merged by alice-ng", a.ID, p.PullNumber)
			}
		default:
			rep.problem("%s %s succeeded, and this run has no check for its effect", a.Kind, a.ID)
		}
	}
	for n, c := range revertsByPR {
		if c != 1 {
			rep.problem("PR #%d is the result of %d actions", n, c)
		}
	}
	totalReviews := 0
	for _, pr := range prs {
		reviews := 0
		for _, rv := range pr.Reviews {
			if rv.User == "bob-k" && rv.State == "APPROVED" {
				reviews++
			}
		}
		totalReviews += reviews
		if reviews != reviewsWanted[pr.Number] {
			rep.problem("PR #%d has %d approving reviews by bob-k, want %d (one per approved approve_pr)", pr.Number, reviews, reviewsWanted[pr.Number])
		}
		if pr.Merged {
			rep.Effects["merged_prs"]++
		}
	}
	mergedPRs := rep.Effects["merged_prs"]
	if mergedPRs != merges {
		rep.problem("%d merged PRs for %d approved merges", mergedPRs, merges)
	}
	// Nothing at a provider that no approved action accounts for.
	totals := map[string][2]int{ // kind -> {at the provider, succeeded actions}
		"war_room_channel":  {warRooms, counted["war_room_channel"]},
		"meeting_bridge":    {len(allMeetings), counted["meeting_bridge"]},
		"calendar_invite":   {len(inserts), counted["calendar_invite"]},
		"stakeholder_email": {len(mails), counted["stakeholder_email"]},
		"page_responders":   {len(pdAlerts), counted["page_responders"]},
		"revert_pr":         {len(prs), counted["revert_pr"] + counted["config_change_pr"]},
	}
	for kind, t := range totals {
		rep.Effects[kind] = t[0]
		if t[0] != t[1] {
			rep.problem("%s: %d effects at the provider for %d succeeded actions", kind, t[0], t[1])
		}
	}
	rep.Effects["status_update"] = counted["status_update"]
	rep.Effects["approve_pr"] = totalReviews
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// allIncidents lists every incident, a page at a time (a listing returns
// at most a page, whatever limit is asked for).
func (r *runner) allIncidents(ctx context.Context) ([]incident.Incident, error) {
	var out []incident.Incident
	f := store.IncidentFilter{Limit: 1000}
	for {
		page, err := r.st.ListIncidents(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < f.Limit {
			return out, nil
		}
		f.After = store.CursorOf(page[len(page)-1])
	}
}
