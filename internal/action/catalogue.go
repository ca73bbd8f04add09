package action

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/warroom/warroom/internal/incident"
)

// Action kinds.
const (
	WarRoomChannel   = "war_room_channel"
	MeetingBridge    = "meeting_bridge"
	CalendarInvite   = "calendar_invite"
	StakeholderEmail = "stakeholder_email"
	PageResponders   = "page_responders"
	StatusUpdate     = "status_update"
	RevertPR         = "revert_pr"
	ConfigChangePR   = "config_change_pr"
	MergePR          = "merge_pr"
	ApprovePR        = "approve_pr"
)

// Spec is everything WarRoom knows about one action kind. Adding a kind is
// one entry here plus one provider file that implements Executor for it.
type Spec struct {
	Kind        string
	Class       incident.Class
	Risk        incident.Risk
	StepUp      bool // always needs step-up, whatever the configured risks
	Description string
	// Schema is the closed JSON Schema of the arguments. Who is paged,
	// mailed or invited, and which repository is changed, come from the team
	// file and the incident's service, never from the reasoner, so no
	// schema has such a field.
	Schema json.RawMessage
	// Tool is whether the reasoner may propose it; a follow-up-only kind
	// (a review) is proposed by WarRoom after an earlier action succeeds.
	Tool   bool
	Target Target
	// Remediation is whether it changes the service itself (its code or
	// configuration): such actions are decided one by one, with the change
	// shown. The others coordinate people and may be decided as a bundle.
	Remediation bool
	// Provider is whose token the approver's identity is exchanged for
	// ("" when the executor needs none: a relay or a routing key); Scopes
	// are what that token must carry.
	Provider string
	Scopes   []string
	// FollowUp is the kind WarRoom proposes once this one succeeds.
	FollowUp string
	// Draft fills the arguments the built-in reasoner proposes from its
	// plan; ok is false when the plan lacks what the kind needs (a revert
	// without a culprit). Nil for kinds only WarRoom proposes.
	Draft func(p Plan) (args map[string]any, ok bool)
}

// Plan is what the built-in reasoner knows when it drafts an action.
type Plan struct {
	Severity string // P1, P2, P3
	Service  string
	Reason   string   // why this action is planned
	Reasons  []string // the severity's reasons
	Culprit  string   // the commit to revert, "" when none is blamed
	Path     string   // a configuration change's file
	Change   string   // and what to change in it
}

// Target says how an action's target is derived: always from the incident
// and the team file, never from the reasoner.
type Target struct {
	System string // slack, meeting, calendar, email, pagerduty, github
	Repo   bool   // the service's repository; otherwise the incident itself
	// Commits: the repository is the one, of those the team file names,
	// that holds every commit the arguments name ("shas"), the service's
	// own first. A culprit found upstream on the failing path is reverted
	// where it lives, and the reasoner still names only commits.
	Commits bool
}

// For is the target of an action of this kind on incident in repo.
func (t Target) For(incidentID, repo string) string {
	if t.Repo {
		return t.System + ":" + repo
	}
	return t.System + ":incident-" + incidentID
}

// Providers whose tokens actions use.
const (
	ProviderSlack  = "slack"
	ProviderZoom   = "zoom"
	ProviderGoogle = "google"
	ProviderGitHub = "github"
)

var catalogue = []Spec{
	{Kind: WarRoomChannel, Risk: incident.RiskLow, Tool: true, Target: Target{System: "slack"},
		Description: "Open the incident's war-room channel, invite the responders and post the summary.",
		Schema:      ObjectSchema(`"topic":{"type":"string","maxLength":250}`, `"topic"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"topic": fmt.Sprintf("%s %s: %s", p.Severity, p.Service, p.Reason)}, true
		},
		Provider: ProviderSlack, Scopes: []string{"channels:read", "channels:write", "channels:write.invites", "channels:history", "chat:write"}},
	// The bridge's provider follows its arguments (Zoom, or Meet through
	// Google Calendar): its executor names the token it needs.
	{Kind: MeetingBridge, Risk: incident.RiskLow, Tool: true, Target: Target{System: "meeting"},
		Description: "Open a video bridge (Zoom or Google Meet) for the responders.",
		Schema:      ObjectSchema(`"provider":{"type":"string","enum":["zoom","meet"]}`, `"provider"`),
		Draft:       func(Plan) (map[string]any, bool) { return map[string]any{"provider": "zoom"}, true }},
	{Kind: CalendarInvite, Risk: incident.RiskLow, Tool: true, Target: Target{System: "calendar"},
		Description: "Invite the responders to a follow-up (review, handover) on the calendar.",
		Schema: ObjectSchema(`"title":{"type":"string","maxLength":200},"starts_in_minutes":{"type":"integer","minimum":0,"maximum":10080},`+
			`"duration_minutes":{"type":"integer","minimum":5,"maximum":480}`, `"title","starts_in_minutes","duration_minutes"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"title": fmt.Sprintf("%s incident bridge: %s", p.Severity, p.Service), "starts_in_minutes": 0, "duration_minutes": 60}, true
		},
		Provider: ProviderGoogle, Scopes: []string{"https://www.googleapis.com/auth/calendar.events"}},
	{Kind: StakeholderEmail, Risk: incident.RiskMedium, Tool: true, Target: Target{System: "email"},
		Description: "Email the service's stakeholders (from the team file) a status report.",
		Schema:      ObjectSchema(`"subject":{"type":"string","maxLength":200},"body":{"type":"string","maxLength":20000}`, `"subject","body"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"subject": fmt.Sprintf("[%s] %s incident", p.Severity, p.Service),
				"body": fmt.Sprintf("We are responding to a %s incident affecting %s.\n\n%s\n\nNext update within 30 minutes.",
					p.Severity, p.Service, strings.Join(p.Reasons, "\n"))}, true
		}},
	{Kind: PageResponders, Risk: incident.RiskMedium, Tool: true, Target: Target{System: "pagerduty"},
		Description: "Page the ranked responders for this incident.",
		Schema:      ObjectSchema(`"message":{"type":"string","maxLength":1024},"urgency":{"type":"string","enum":["high","low"]}`, `"message","urgency"`),
		Draft: func(p Plan) (map[string]any, bool) {
			urgency := "low"
			if p.Severity == "P1" || p.Severity == "P2" {
				urgency = "high"
			}
			return map[string]any{"message": fmt.Sprintf("%s on %s: %s", p.Severity, p.Service, p.Reason), "urgency": urgency}, true
		}},
	{Kind: StatusUpdate, Risk: incident.RiskLow, Tool: true, Target: Target{System: "slack"},
		Description: "Post a status update to the incident's channel.",
		Schema:      ObjectSchema(`"message":{"type":"string","maxLength":4000}`, `"message"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"message": fmt.Sprintf("Investigating a %s incident on %s. %s", p.Severity, p.Service, p.Reason)}, true
		},
		Provider: ProviderSlack, Scopes: []string{"channels:read", "channels:write", "channels:history", "chat:write"}},
	{Kind: RevertPR, Risk: incident.RiskHigh, Tool: true, Remediation: true, Target: Target{System: "github", Repo: true, Commits: true},
		Description: "Open a pull request reverting commits (oldest first) in the repository that holds them: the service's, or that of a service on the failing path.",
		Schema: ObjectSchema(`"shas":{"type":"array","minItems":1,"maxItems":10,"items":{"type":"string","pattern":"^[0-9a-f]{40}$"}},`+
			`"reason":{"type":"string","maxLength":2000}`, `"shas","reason"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"shas": []string{p.Culprit}, "reason": p.Reason}, p.Culprit != ""
		},
		Provider: ProviderGitHub, Scopes: []string{"repo"}, FollowUp: ApprovePR},
	{Kind: ConfigChangePR, Risk: incident.RiskHigh, Tool: true, Remediation: true, Target: Target{System: "github", Repo: true},
		Description: "Open a pull request changing one configuration file of the service's repository.",
		Schema: ObjectSchema(`"path":{"type":"string","maxLength":500},"change":{"type":"string","maxLength":2000},`+
			`"reason":{"type":"string","maxLength":2000}`, `"change","reason"`),
		Draft: func(p Plan) (map[string]any, bool) {
			return map[string]any{"path": p.Path, "change": p.Change, "reason": p.Reason}, p.Path != "" && p.Change != ""
		},
		Provider: ProviderGitHub, Scopes: []string{"repo"}, FollowUp: ApprovePR},
	{Kind: MergePR, Risk: incident.RiskCritical, StepUp: true, Tool: true, Remediation: true, Target: Target{System: "github", Repo: true},
		Description: "Merge an approved remediation pull request of the service's repository.",
		Schema:      ObjectSchema(`"pull_number":{"type":"integer","minimum":1},"reason":{"type":"string","maxLength":2000}`, `"pull_number","reason"`),
		Provider:    ProviderGitHub, Scopes: []string{"repo"}},
	// A code owner's review of a remediation PR, under their own identity.
	{Kind: ApprovePR, Risk: incident.RiskMedium, Remediation: true, Target: Target{System: "github", Repo: true},
		Description: "Approve (review) a remediation pull request as a code owner.",
		Schema:      ObjectSchema(`"pull_number":{"type":"integer","minimum":1},"body":{"type":"string","maxLength":2000}`, `"pull_number"`),
		Provider:    ProviderGitHub, Scopes: []string{"repo"}, FollowUp: MergePR},
}

func init() {
	for i := range catalogue {
		// Every action changes something outside WarRoom.
		catalogue[i].Class = incident.ClassProtected
	}
}

// Catalogue returns every kind's spec, in a stable order (copies: callers
// may not change the catalogue).
func Catalogue() []Spec {
	out := make([]Spec, len(catalogue))
	for i, s := range catalogue {
		s.Scopes = slices.Clone(s.Scopes)
		out[i] = s
	}
	return out
}

// Lookup returns the spec of kind.
func Lookup(kind string) (Spec, bool) {
	for _, s := range catalogue {
		if s.Kind == kind {
			s.Scopes = slices.Clone(s.Scopes)
			return s, true
		}
	}
	return Spec{}, false
}

// Bundled reports whether kind may be approved together with the other
// coordination actions of its incident: a known kind that changes nothing
// of the service and needs no step-up.
func Bundled(kind string) bool {
	s, ok := Lookup(kind)
	return ok && !s.Remediation && !s.StepUp
}

// Kinds lists every kind the engine accepts as a proposal.
func Kinds() []string {
	out := make([]string, len(catalogue))
	for i, s := range catalogue {
		out[i] = s.Kind
	}
	return out
}

// ObjectSchema builds a closed JSON Schema object from property definitions
// and the required names (the form of every tool's arguments).
func ObjectSchema(props, required string) json.RawMessage {
	return json.RawMessage(`{"type":"object","additionalProperties":false,"properties":{` + props + `},"required":[` + required + `]}`)
}
