package triage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestDebugKISingle(t *testing.T) {
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
		line := filepath.Base(file)[:2] + ":"
		for _, ki := range s.KnownIssues {
			m := scoreKnownIssues(sig, svc, []KnownIssue{ki})
			line += " " + ki.ID + "=" + ftoa(m[0].Score)
		}
		t.Log(line)
	}
}

func ftoa(f float64) string { b, _ := json.Marshal(f); return string(b) }
