package triage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestDebugKI(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	for _, file := range files {
		raw, _ := os.ReadFile(file)
		var s scenario
		json.Unmarshal(raw, &s)
		if s.Expect.Incident != nil && !*s.Expect.Incident {
			continue
		}
		team := s.team()
		var services []string
		for _, svc := range team.Services {
			services = append(services, svc.Name)
		}
		sig, _, _ := buildSignal(t, &s, services)
		var svc = team.Services[0]
		for _, x := range team.Services {
			if x.Name == sig.Service {
				svc = x
			}
		}
		t.Logf("== %s", filepath.Base(file))
		for _, m := range scoreKnownIssues(sig, svc, s.KnownIssues) {
			t.Logf("   %-6s %5.2f %v", m.ID, m.Score, m.Reasons)
		}
	}
}
