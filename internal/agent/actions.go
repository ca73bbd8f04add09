package agent

import (
	"encoding/json"

	"github.com/warroom/warroom/internal/incident"
)

// ActionTools are the protected tools: coordination and remediation. Every
// one mutates something outside WarRoom, so every one waits for a human's
// approval and runs as that human. Who is paged, mailed or invited, and
// which repository is changed, come from the team file and the incident's
// service, never from the reasoner, so no schema has such a field.
func ActionTools() []Tool {
	incidentScoped := func(system string) func(Injected) string {
		return func(inj Injected) string { return system + ":incident-" + inj.IncidentID }
	}
	repoScoped := func(inj Injected) string { return "github:" + inj.Repo }
	tools := []Tool{
		{Name: "war_room_channel", Risk: incident.RiskLow, Target: incidentScoped("slack"),
			Description: "Open the incident's war-room channel, invite the responders and post the summary.",
			Schema:      obj(`"topic":{"type":"string","maxLength":250}`, `"topic"`)},
		{Name: "meeting_bridge", Risk: incident.RiskLow, Target: incidentScoped("meeting"),
			Description: "Open a video bridge (Zoom or Google Meet) for the responders.",
			Schema:      obj(`"provider":{"type":"string","enum":["zoom","meet"]}`, `"provider"`)},
		{Name: "calendar_invite", Risk: incident.RiskLow, Target: incidentScoped("calendar"),
			Description: "Invite the responders to a follow-up (review, handover) on the calendar.",
			Schema: obj(`"title":{"type":"string","maxLength":200},"starts_in_minutes":{"type":"integer","minimum":0,"maximum":10080},`+
				`"duration_minutes":{"type":"integer","minimum":5,"maximum":480}`, `"title","starts_in_minutes","duration_minutes"`)},
		{Name: "stakeholder_email", Risk: incident.RiskMedium, Target: incidentScoped("email"),
			Description: "Email the service's stakeholders (from the team file) a status report.",
			Schema:      obj(`"subject":{"type":"string","maxLength":200},"body":{"type":"string","maxLength":20000}`, `"subject","body"`)},
		{Name: "page_responders", Risk: incident.RiskMedium, Target: incidentScoped("pagerduty"),
			Description: "Page the ranked responders for this incident.",
			Schema:      obj(`"message":{"type":"string","maxLength":1024},"urgency":{"type":"string","enum":["high","low"]}`, `"message","urgency"`)},
		{Name: "status_update", Risk: incident.RiskLow, Target: incidentScoped("slack"),
			Description: "Post a status update to the incident's channel.",
			Schema:      obj(`"message":{"type":"string","maxLength":4000}`, `"message"`)},
		{Name: "revert_pr", Risk: incident.RiskHigh, Target: repoScoped,
			Description: "Open a pull request reverting commits of the service's repository (oldest first).",
			Schema: obj(`"shas":{"type":"array","minItems":1,"maxItems":10,"items":{"type":"string","pattern":"^[0-9a-f]{40}$"}},`+
				`"reason":{"type":"string","maxLength":2000}`, `"shas","reason"`)},
		{Name: "config_change_pr", Risk: incident.RiskHigh, Target: repoScoped,
			Description: "Open a pull request changing one configuration file of the service's repository.",
			Schema: obj(`"path":{"type":"string","maxLength":500},"change":{"type":"string","maxLength":2000},`+
				`"reason":{"type":"string","maxLength":2000}`, `"change","reason"`)},
		{Name: "merge_pr", Risk: incident.RiskCritical, StepUp: true, Target: repoScoped,
			Description: "Merge an approved remediation pull request of the service's repository.",
			Schema:      obj(`"pull_number":{"type":"integer","minimum":1},"reason":{"type":"string","maxLength":2000}`, `"pull_number","reason"`)},
	}
	for i := range tools {
		tools[i].Class = incident.ClassProtected
	}
	return tools
}

// obj builds a closed object schema from property definitions.
func obj(props, required string) json.RawMessage {
	return json.RawMessage(`{"type":"object","additionalProperties":false,"properties":{` + props + `},"required":[` + required + `]}`)
}

// ActionKinds lists the protected tools' names: the action kinds the engine
// accepts as proposals.
func ActionKinds() []string {
	var out []string
	for _, t := range ActionTools() {
		out = append(out, t.Name)
	}
	return out
}
