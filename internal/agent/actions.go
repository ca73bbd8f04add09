package agent

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/warroom/warroom/internal/action"
)

// CommitRepo names the repository, of those the team file names, that holds
// every one of shas, looking in inj.Repo first.
type CommitRepo func(ctx context.Context, inj Injected, shas []string) (string, error)

// ActionTools are the protected tools, one per catalogue kind the reasoner
// may propose: coordination and remediation. Every one mutates something
// outside WarRoom, so every one waits for a human's approval and runs as that
// human; its target comes from the team file and the incident, never from
// the reasoner. locate finds the repository of the commits a kind whose
// target follows its commits names (nil: the service's own).
func ActionTools(locate CommitRepo) []Tool {
	var tools []Tool
	for _, s := range action.Catalogue() {
		if !s.Tool {
			continue
		}
		target := s.Target
		t := Tool{Name: s.Kind, Description: s.Description, Schema: s.Schema, Class: s.Class,
			Risk: s.Risk, StepUp: s.StepUp, Target: func(inj Injected) string { return target.For(inj.IncidentID, inj.Repo) }}
		if target.Commits && locate != nil {
			t.Locate = func(ctx context.Context, inv Invocation) (Injected, error) {
				var a struct {
					SHAs []string `json:"shas"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return inv.Injected, err
				}
				repo, err := locate(ctx, inv.Injected, a.SHAs)
				if err != nil {
					return inv.Injected, fmt.Errorf("%s: %w", s.Kind, err)
				}
				inj := inv.Injected
				inj.Repo = repo
				return inj, nil
			}
		}
		tools = append(tools, t)
	}
	return tools
}

// obj is the closed object schema every tool's arguments take.
var obj = action.ObjectSchema
