package triage

// plan.go proposes coordination and remediation actions for an incident.
//
// Coordination follows the severity:
//
//	P1  war_room_channel, meeting_bridge, calendar_invite (the bridge on the
//	    responders' calendars), page_responders, stakeholder_email (when the
//	    service has stakeholders), status_update
//	P2  war_room_channel, page_responders, status_update
//	P3  status_update only: a note for the owner, no one is woken up
//
// Remediation follows the findings, whatever the severity:
//
//	a culprit commit             revert_pr, then merge_pr (the revert still
//	                             goes through review; merging is its own step)
//	a known issue whose runbook  config_change_pr
//	says to change a setting
//	or flag
//
// Every planned action changes something outside WarRoom (a channel, a
// meeting, a calendar, a page, an e-mail, a Slack post, a pull request, a
// merge), so every one is Protected: it waits for a human's approval and
// runs as that human. Read-only investigation (reading commits, deploys,
// dashboards) is not planned here; it runs at once. The risk levels match
// the tool registry: channel, bridge, invite and status update are low
// (easy to undo, only reach the team); paging and stakeholder e-mail are
// medium (they reach people and cannot be taken back); a revert or config
// pull request is high (it changes production code once merged); merging
// is critical (it ships).

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
)

// Action kinds (the catalogue's, under the names the planner reads best).
const (
	ActionWarRoomChannel   = action.WarRoomChannel
	ActionMeetingBridge    = action.MeetingBridge
	ActionCalendarInvite   = action.CalendarInvite
	ActionStakeholderEmail = action.StakeholderEmail
	ActionPageResponders   = action.PageResponders
	ActionRevertPR         = action.RevertPR
	ActionConfigChangePR   = action.ConfigChangePR
	ActionMergePR          = action.MergePR
	ActionStatusUpdate     = action.StatusUpdate
)

// Risk levels.
const (
	RiskLow      = "low"
	RiskMedium   = "medium"
	RiskHigh     = "high"
	RiskCritical = "critical"
)

// PlannedAction is one proposed action.
type PlannedAction struct {
	Kind      string
	Risk      string // low, medium, high, critical
	Protected bool   // waits for a human's approval and runs as that human
	Reason    string
	Target    string // what it acts on: the service, a commit, the stakeholders, a known issue
	// Path and Change are a config_change_pr's file and edit ("key = value").
	Path, Change string
}

// riskOf is the catalogue's risk of kind.
func riskOf(kind string) string {
	s, _ := action.Lookup(kind)
	return string(s.Risk)
}

// reRunbookConfig finds a runbook step that changes a setting or a flag:
// "enable flag billing.fallback", "set WORKERS=4", "lower api.timeout to
// 2s", "raise max_connections", "switch the renderer to ... (MODE=lite)".
var reRunbookConfig = regexp.MustCompile(`(?i)\b(?:enable|disable|turn (?:on|off)|toggle|flip|set|lower|raise|increase|decrease|reduce|switch|change|bump)\b[^.;\n]{0,80}?(?:\bflag\b|\bconfig(?:uration)?\b|\bsetting\b|\bparameter\b|[A-Za-z][A-Za-z0-9]*[._][A-Za-z0-9_.]+|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|=)`)

// PlanActions proposes the actions for an incident, coordination first.
// known is nil when no known issue matched.
func PlanActions(sev Severity, sig Signal, svc config.Service, culprit Culprit, known *KnownIssueMatch) []PlannedAction {
	name := svc.Name
	if name == "" {
		name = sig.Service
	}
	if name == "" {
		name = "the affected service"
	}
	var out []PlannedAction
	add := func(kind, target, format string, a ...any) {
		out = append(out, PlannedAction{Kind: kind, Risk: riskOf(kind), Protected: true,
			Target: target, Reason: fmt.Sprintf(format, a...)})
	}
	switch sev.Level {
	case P1:
		add(ActionWarRoomChannel, name, "P1: open a war-room channel for %s and bring the responders in", name)
		add(ActionMeetingBridge, name, "P1: open a video bridge so responders can coordinate live")
		add(ActionCalendarInvite, name, "P1: put the bridge on the responders' calendars")
		add(ActionPageResponders, name, "P1: page the owner and the top-ranked responders now")
		if len(svc.Stakeholders) > 0 {
			add(ActionStakeholderEmail, strings.Join(svc.Stakeholders, ", "),
				"P1: tell %s's stakeholders about the impact before customers do", name)
		}
		add(ActionStatusUpdate, name, "P1: post the first status update (impact, owner, next update time)")
	case P2:
		add(ActionWarRoomChannel, name, "P2: open a war-room channel for %s", name)
		add(ActionPageResponders, name, "P2: page the owner and the top-ranked responders (degraded service or a tier-2 outage)")
		add(ActionStatusUpdate, name, "P2: post a status update for the team")
	default:
		add(ActionStatusUpdate, name, "P3: post a note for the owner; minor or internal impact, nobody is paged")
	}

	if culprit.SHA != "" {
		why := fmt.Sprintf("commit %s %q (confidence %.0f%%) most likely caused this", short(culprit.SHA), culprit.Subject, culprit.Confidence*100)
		add(ActionRevertPR, culprit.SHA, "%s: open a pull request reverting it", why)
		add(ActionMergePR, culprit.SHA, "merge the revert once reviewed and CI passes, to ship the fix")
	}
	if known != nil {
		// A pull request needs the file and the exact edit: a runbook that
		// only says "raise the pool size" is advice for a human, shown in
		// the known issue's match, not a change WarRoom can make.
		if path, key, value, ok := runbookSetting(known.Runbook); ok {
			if loc := reRunbookConfig.FindStringIndex(known.Runbook); loc != nil {
				add(ActionConfigChangePR, known.ID, "known issue %s's runbook changes a setting: %q", known.ID, stepAround(known.Runbook, loc[0], loc[1]))
				out[len(out)-1].Path, out[len(out)-1].Change = path, key+" = "+value
			}
		}
	}
	return out
}

// reRunbookSetting finds a setting a runbook names precisely: the file, the
// key and the value, in either order: "in config/psp.yaml set psp.timeout to
// 5s", "set MAX_CONN=20 in deploy/app.env".
var (
	reSettingFileFirst = regexp.MustCompile("(?i)\\b(?:in|of)\\s+`?([\\w./-]+\\.(?:ya?ml|json|ini|toml|properties|env|conf|cfg))`?[^.;\\n]{0,40}?\\b(?:set|change|lower|raise)\\s+`?([A-Za-z_][\\w.-]*)`?\\s*(?:=|:|\\bto\\b)\\s*`?([^\\s;,`]+?)`?(?:[.;,]?(?:\\s|$))")
	reSettingKeyFirst  = regexp.MustCompile("(?i)\\b(?:set|change|lower|raise)\\s+`?([A-Za-z_][\\w.-]*)`?\\s*(?:=|:|\\bto\\b)\\s*`?([^\\s;,`]+?)`?\\s+in\\s+`?([\\w./-]+\\.(?:ya?ml|json|ini|toml|properties|env|conf|cfg))`?")
)

// runbookSetting returns the file, key and value of the first precise
// setting in a runbook.
func runbookSetting(runbook string) (path, key, value string, ok bool) {
	if m := reSettingFileFirst.FindStringSubmatch(runbook); m != nil {
		return m[1], m[2], strings.TrimRight(m[3], "."), true
	}
	if m := reSettingKeyFirst.FindStringSubmatch(runbook); m != nil {
		return m[3], m[1], strings.TrimRight(m[2], "."), true
	}
	return "", "", "", false
}

var (
	reStepStart = regexp.MustCompile(`(?:^|[.;]\s+|\n\s*)(?:\d+[).]\s+)?`)
	reStepEnd   = regexp.MustCompile(`(?:[.;](?:\s|$)|\n|\s\d+[).]\s)`)
)

// stepAround returns the runbook step (sentence or numbered item) that
// contains text[start:end].
func stepAround(text string, start, end int) string {
	from := 0
	for _, m := range reStepStart.FindAllStringIndex(text[:start], -1) {
		from = m[1]
	}
	to := len(text)
	if m := reStepEnd.FindStringIndex(text[end:]); m != nil {
		to = end + m[0]
	}
	return strings.TrimSpace(text[from:to])
}

// Kinds lists the kinds of the planned actions, in order.
func Kinds(actions []PlannedAction) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = a.Kind
	}
	return out
}
