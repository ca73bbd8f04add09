package triage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func TestDebugAllAlerts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	for _, file := range files {
		raw, _ := os.ReadFile(file)
		var s scenario
		json.Unmarshal(raw, &s)
		if s.Trigger.Kind != "alertmanager" && s.Trigger.Kind != "grafana" {
			continue
		}
		team := s.team()
		var services []string
		for _, svc := range team.Services {
			services = append(services, svc.Name)
		}
		sig, _, _ := buildSignal(t, &s, services)
		var p struct {
			Alerts []struct {
				Annotations map[string]string `json:"annotations"`
			} `json:"alerts"`
		}
		json.Unmarshal(s.Trigger.Payload, &p)
		var texts []string
		for _, a := range p.Alerts[1:] {
			texts = append(texts, a.Annotations["summary"]+". "+a.Annotations["description"])
		}
		sig.Text += "\n" + strings.Join(texts, "\n")
		var svc config.Service
		for _, x := range team.Services {
			if x.Name == sig.Service {
				svc = x
			}
		}
		r := runTriage(&s, team, svc, sig)
		ki := ""
		if len(r.known) > 0 {
			ki = r.known[0].ID
		}
		var top []string
		for _, x := range r.responders[:3] {
			top = append(top, x.Engineer)
		}
		t.Logf("%s: sev=%s ki=%s culprit=%s top=%v | expect %s %s %s %v", filepath.Base(file), r.sev.Level, ki, short(r.culprit.SHA), top,
			s.Expect.Severity, s.Expect.KnownIssue, s.Expect.Culprit, s.Expect.RespondersInclude)
	}
}
