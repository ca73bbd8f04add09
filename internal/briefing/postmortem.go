package briefing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
)

// Postmortem is a draft built from the record. Only what the record shows is
// filled in; what a team learns is left for people to write.
type Postmortem struct {
	Brief    Brief
	Zone     *time.Location // the owner's time zone (UTC when unknown)
	Resolved time.Time      // when it was resolved or invalidated (zero while open)
	Timeline []Moment
	Actions  []ActionRecord
	Built    time.Time
}

// Moment is one timeline line.
type Moment struct {
	At   time.Time
	Kind Kind
	Text string
}

// ActionRecord is what became of one proposed action.
type ActionRecord struct {
	Action     incident.Action
	ProposedBy string
	DecidedBy  string // who approved or declined it ("" if nobody did)
	Decision   string
	Summary    string
	Gates      []audit.GateResult
}

// Duration is how long the incident lasted (until now while open).
func (p Postmortem) Duration() time.Duration {
	end := p.Resolved
	if end.IsZero() {
		end = p.Built
	}
	return end.Sub(p.Brief.Since).Round(time.Second)
}

// BuildPostmortem drafts a postmortem from the brief and the same record.
// The agent's own reasoning rounds and tool calls are left out of the
// timeline (the incident page keeps them); every action is listed with who
// decided it and as whom it ran.
func BuildPostmortem(b Brief, events []incident.Event, actions []incident.Action, zone *time.Location, now time.Time) Postmortem {
	if zone == nil {
		zone = time.UTC
	}
	p := Postmortem{Brief: b, Zone: zone, Built: now}
	recs := make(map[string]*ActionRecord, len(actions))
	for _, a := range actions {
		p.Actions = append(p.Actions, ActionRecord{Action: a})
	}
	for i := range p.Actions {
		recs[p.Actions[i].Action.ID] = &p.Actions[i]
	}
	for _, ev := range events {
		var d struct {
			ActionID string             `json:"action_id"`
			Decision string             `json:"decision"`
			Wait     string             `json:"wait"`
			Status   string             `json:"status"`
			Gates    []audit.GateResult `json:"gates"`
			Result   json.RawMessage    `json:"result"`
		}
		_ = json.Unmarshal(ev.Data, &d)
		rec := recs[d.ActionID]
		switch ev.Type {
		case incident.EventActionProposed:
			if rec != nil {
				rec.ProposedBy = name(ev.Actor)
			}
		case incident.EventApprovalDecided:
			if rec != nil && (d.Wait == "" || d.Wait == string(incident.WaitApproval)) {
				rec.DecidedBy, rec.Decision = ev.Actor.ID, d.Decision
			}
		case incident.EventActionSucceeded, incident.EventActionFailed, incident.EventActionReconciled:
			if rec != nil {
				var res struct {
					Summary string `json:"summary"`
				}
				_ = json.Unmarshal(d.Result, &res)
				rec.Summary, rec.Gates = res.Summary, d.Gates
			}
		case incident.EventStatusChanged:
			if incident.Status(d.Status).Terminal() {
				p.Resolved = ev.At
			}
		}
		if ev.Type == incident.EventReasoning || ev.Type == incident.EventToolCall {
			continue
		}
		p.Timeline = append(p.Timeline, Moment{At: ev.At, Kind: KindOf(ev), Text: Sentence(ev)})
	}
	return p
}

// Markdown is the draft as a Markdown document.
func (p Postmortem) Markdown() ([]byte, error) {
	var buf bytes.Buffer
	if err := markdown.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("postmortem markdown: %w", err)
	}
	return buf.Bytes(), nil
}

// mdEscape keeps record text from being read as Markdown structure.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`)
	return r.Replace(strings.Join(strings.Fields(s), " "))
}

var markdown = template.Must(template.New("postmortem").Funcs(template.FuncMap{
	"md":    mdEscape,
	"utc":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") + " UTC" },
	"local": func(t time.Time, z *time.Location) string { return t.In(z).Format("15:04:05 MST") },
	"pct":   func(f float64) string { return fmt.Sprintf("%.0f %%", f*100) },
}).Parse(`# Postmortem: {{md .Brief.Incident.Title}}

*Draft built from WarRoom's record on {{utc .Built}}. Sections marked "to be written" are for the team.*

## Summary

- **Service:** {{if .Brief.Incident.Service}}{{md .Brief.Incident.Service}}{{else}}not known{{end}}
- **Severity:** {{if .Brief.Severity}}{{.Brief.Severity}}{{if .Brief.Confidence}} (confidence {{pct .Brief.Confidence}}){{end}}{{else}}not triaged{{end}}
- **Status:** {{.Brief.Incident.Status}}
- **Owner:** @{{md .Brief.Incident.Owner}}{{with .Brief.Responders}}; responders {{range $i, $r := .}}{{if $i}}, {{end}}@{{md $r}}{{end}}{{end}}
- **Started:** {{utc .Brief.Since}} ({{local .Brief.Since .Zone}}, the owner's time)
{{- if not .Resolved.IsZero}}
- **Resolved:** {{utc .Resolved}} ({{local .Resolved .Zone}}), after {{.Duration}}
{{- end}}
{{with .Brief.Narrative}}
{{md .}}
{{end}}
## Impact
{{range .Brief.Reasons}}
- {{md .}}
{{- else}}
- No impact was recorded.
{{- end}}

## Cause and evidence
{{with .Brief.Cause}}
{{md .Sentence}}
{{if .Commit}}{{range .Evidence}}
- {{md .}}
{{- end}}
{{end}}{{end}}
{{- with .Brief.KnownIssue}}
Matches known issue {{md .ID}} ({{md .Title}}). Runbook: {{md .Runbook}}
{{end}}
## Timeline

| UTC | owner's time | what happened |
|---|---|---|
{{- range .Timeline}}
| {{utc .At}} | {{local .At $.Zone}} | {{md .Text}} |
{{- end}}

## Actions

| action | target | proposed by | decided by | ran as | outcome | gates |
|---|---|---|---|---|---|---|
{{- range .Actions}}
| {{md .Action.Kind}} | {{md .Action.Target}} | {{md .ProposedBy}} | {{if .DecidedBy}}@{{md .DecidedBy}} ({{.Decision}}){{else}}—{{end}} | {{if .Action.ApprovedBy}}@{{md .Action.ApprovedBy}}{{else}}—{{end}} | {{.Action.Status}}{{with .Summary}}: {{md .}}{{end}} | {{range $i, $g := .Gates}}{{if $i}}, {{end}}{{$g.Gate}} {{if $g.Passed}}passed{{else}}denied{{end}}{{end}} |
{{- else}}
| none | | | | | | |
{{- end}}

## What went well

*To be written.*

## What to change

*To be written.*

## Follow-ups

*To be written: each with an owner and a date.*
`))
