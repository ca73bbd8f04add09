package agent

import "github.com/warroom/warroom/internal/action"

// ActionTools are the protected tools, one per catalogue kind the reasoner
// may propose: coordination and remediation. Every one mutates something
// outside WarRoom, so every one waits for a human's approval and runs as that
// human; its target comes from the team file and the incident, never from
// the reasoner.
func ActionTools() []Tool {
	var tools []Tool
	for _, s := range action.Catalogue() {
		if !s.Tool {
			continue
		}
		target := s.Target
		tools = append(tools, Tool{Name: s.Kind, Description: s.Description, Schema: s.Schema, Class: s.Class,
			Risk: s.Risk, StepUp: s.StepUp, Target: func(inj Injected) string { return target.For(inj.IncidentID, inj.Repo) }})
	}
	return tools
}

// obj is the closed object schema every tool's arguments take.
var obj = action.ObjectSchema
