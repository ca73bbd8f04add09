package triage

// culprit_scenario_test.go replays the shared samples' culprit question
// with their telemetry, the way the agent asks it: the findings of
// analyze.Investigate become the Evidence of FindCulpritWithEvidence.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/analyze"
)

type telemetryScenario struct {
	scenario
	Description string                 `json:"description"`
	Telemetry   telemetry.Data         `json:"telemetry"`
	Flags       []telemetry.FlagChange `json:"flags"`
}

var reDatadogService = regexp.MustCompile(`service:([A-Za-z0-9_.-]+)`)

// culpritSignal builds the trigger's signal; a Datadog body is read for
// its title, text and service tag, which is all the culprit needs.
func culpritSignal(t *testing.T, s *telemetryScenario, services []string) (Signal, bool) {
	if s.Trigger.Kind != "datadog" {
		sig, inc, _ := buildSignal(t, &s.scenario, services)
		return sig, inc
	}
	var p struct {
		Title string `json:"title"`
		Body  string `json:"body"`
		Date  string `json:"date"`
	}
	if err := json.Unmarshal(s.Trigger.Payload, &p); err != nil {
		t.Fatal(err)
	}
	sig := Signal{Title: p.Title, Text: p.Body, StartsAt: s.Now, Labels: map[string]string{}, Source: "datadog"}
	if m := reDatadogService.FindStringSubmatch(p.Title); m != nil {
		sig.Service = m[1]
	}
	return sig, true
}

func TestCulpritScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no scenarios in %s", scenarioDir)
	}
	right, total := 0, 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var s telemetryScenario
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatalf("decode %s: %v", file, err)
		}
		want, check := optionalString(s.Expect.Culprit)
		if !check {
			continue
		}
		var services []string
		for _, svc := range s.Team.Services {
			services = append(services, svc.Name)
		}
		sig, inc := culpritSignal(t, &s, services)
		if !inc {
			continue
		}
		var deploys []analyze.Deploy
		for _, r := range s.Repos {
			for _, d := range r.Deploys {
				names := []string{d.Service}
				if d.Service == "" {
					names = nil
					for _, svc := range s.Team.Services {
						if svc.Repo == r.Owner+"/"+r.Name {
							names = append(names, svc.Name)
						}
					}
				}
				for _, n := range names {
					deploys = append(deploys, analyze.Deploy{Service: n, SHA: d.SHA, At: d.At, Environment: d.Environment})
				}
			}
		}
		f := analyze.Investigate(analyze.Input{Data: s.Telemetry, Flags: s.Flags, Deploys: deploys, AlertAt: sig.StartsAt})
		ev := EvidenceFromFindings(f)
		// The service's repository and those of the services the telemetry
		// puts on the failing path, as the agent reads them.
		repos := map[string]bool{}
		for _, name := range append([]string{sig.Service}, RelatedServices(sig.Service, ev)...) {
			for _, svc := range s.Team.Services {
				if svc.Name == name {
					repos[svc.Repo] = true
				}
			}
		}
		var commits []Commit
		var repoDeploys []Deploy
		owners := map[string]CodeOwners{}
		for _, r := range s.Repos {
			name := r.Owner + "/" + r.Name
			if !repos[name] {
				continue
			}
			for _, c := range r.Commits {
				c.Repo = name
				commits = append(commits, c)
			}
			repoDeploys = append(repoDeploys, r.Deploys...)
			owners[name] = codeOwnersFunc(r.Codeowners)
		}
		slices.SortStableFunc(commits, func(a, b Commit) int { return b.Date.Compare(a.Date) })
		got := FindCulpritWithEvidence(sig, commits, repoDeploys, func(repo, path string) []string { return owners[repo](repo, path) }, ev)
		total++
		ok := got.SHA == want
		if ok {
			right++
		}
		t.Logf("%s %s: culprit %q want %q; ops %q\n  evidence: %s\n  telemetry: onset %s (%s) first %q path %v sig %q logs %q",
			map[bool]string{true: "RIGHT", false: "WRONG"}[ok], s.Name, short(got.SHA), short(want), got.OperationalCause,
			strings.Join(got.Evidence, "\n    "), ev.Onset.Format(time.RFC3339), ev.OnsetSource, ev.FirstFailing, ev.CallPath, ev.Signature, ev.Logs)
	}
	t.Logf("shared samples: culprit right in %d of %d", right, total)
}
