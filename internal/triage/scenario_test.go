package triage

// scenario_test.go replays every scenario in ../../../shared/scenarios
// through the built-in triage: severity, known issue, culprit, responders
// and planned actions, and compares with the scenario's expectations. The
// scenarios are read at test time and never copied into the package.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/roster"
)

const scenarioDir = "../../../shared/scenarios"

type scenario struct {
	Name    string    `json:"name"`
	Now     time.Time `json:"now"`
	Trigger struct {
		Kind    string          `json:"kind"`
		Payload json.RawMessage `json:"payload"`
	} `json:"trigger"`
	Team struct {
		Engineers []config.Engineer `json:"engineers"`
		Rotations []struct {
			Name       string    `json:"name"`
			Members    []string  `json:"members"`
			Start      time.Time `json:"start"`
			ShiftHours int       `json:"shift_hours"`
		} `json:"rotations"`
		Overrides []struct {
			Rotation string    `json:"rotation"`
			Engineer string    `json:"engineer"`
			From     time.Time `json:"from"`
			To       time.Time `json:"to"`
		} `json:"overrides"`
		Services []config.Service `json:"services"`
	} `json:"team"`
	KnownIssues []KnownIssue    `json:"known_issues"`
	Telemetry   json.RawMessage `json:"telemetry"`
	Repos       []struct {
		Owner      string   `json:"owner"`
		Name       string   `json:"name"`
		Codeowners string   `json:"codeowners"`
		Deploys    []Deploy `json:"deploys"`
		Commits    []Commit `json:"commits"`
	} `json:"repos"`
	Expect struct {
		Incident          *bool           `json:"incident"`
		Severity          string          `json:"severity"`
		Owner             string          `json:"owner"`
		RespondersInclude []string        `json:"responders_include"`
		KnownIssue        json.RawMessage `json:"known_issue"`
		Culprit           json.RawMessage `json:"culprit"`
		ActionsInclude    []string        `json:"actions_include"`
	} `json:"expect"`
}

func (s *scenario) team() config.Team {
	t := config.Team{Engineers: s.Team.Engineers, Services: s.Team.Services}
	for _, r := range s.Team.Rotations {
		t.Rotations = append(t.Rotations, config.Rotation{Name: r.Name, Members: r.Members, Start: r.Start, ShiftHours: r.ShiftHours})
	}
	for _, o := range s.Team.Overrides {
		t.Overrides = append(t.Overrides, config.Override{Rotation: o.Rotation, Engineer: o.Engineer, From: o.From, To: o.To})
	}
	return t
}

// optionalString decodes an expect field: absent (not checked), null (none)
// or a string.
func optionalString(raw json.RawMessage) (val string, check bool) {
	if len(raw) == 0 {
		return "", false
	}
	if string(raw) == "null" {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// buildSignal turns a scenario trigger into a Signal the way the ingest
// adapters do. incident is false when a chat message is only chatter.
func buildSignal(t *testing.T, s *scenario, services []string) (sig Signal, incident bool, d Decision) {
	t.Helper()
	switch s.Trigger.Kind {
	case "alertmanager", "grafana":
		var p struct {
			Alerts []struct {
				Labels      map[string]string `json:"labels"`
				Annotations map[string]string `json:"annotations"`
				StartsAt    time.Time         `json:"startsAt"`
			} `json:"alerts"`
			CommonLabels map[string]string `json:"commonLabels"`
		}
		if err := json.Unmarshal(s.Trigger.Payload, &p); err != nil || len(p.Alerts) == 0 {
			t.Fatalf("decode %s payload: %v", s.Trigger.Kind, err)
		}
		a := p.Alerts[0]
		labels := map[string]string{}
		for k, v := range p.CommonLabels {
			labels[k] = v
		}
		for k, v := range a.Labels {
			labels[k] = v
		}
		title := a.Annotations["summary"]
		if title == "" {
			title = labels["alertname"]
		}
		return Signal{Title: title, Text: a.Annotations["description"], Service: labels["service"],
			Severity: labels["severity"], Labels: labels, StartsAt: a.StartsAt, Source: s.Trigger.Kind}, true, d
	case "generic":
		var p struct {
			Title       string    `json:"title"`
			Message     string    `json:"message"`
			Description string    `json:"description"`
			Service     string    `json:"service"`
			Severity    string    `json:"severity"`
			Environment string    `json:"environment"`
			Source      string    `json:"source"`
			StartsAt    time.Time `json:"starts_at"`
			OccurredAt  time.Time `json:"occurred_at"`
		}
		if err := json.Unmarshal(s.Trigger.Payload, &p); err != nil {
			t.Fatalf("decode generic payload: %v", err)
		}
		text := p.Description
		if text == "" {
			text = p.Message
		}
		start := p.StartsAt
		if start.IsZero() {
			start = p.OccurredAt
		}
		labels := map[string]string{}
		if p.Environment != "" {
			labels["environment"] = p.Environment
		}
		if p.Source != "" {
			labels["source"] = p.Source
		}
		return Signal{Title: p.Title, Text: text, Service: p.Service, Severity: p.Severity, Labels: labels,
			StartsAt: start, Source: "generic"}, true, d
	case "slack":
		var p struct {
			Event struct {
				Text string `json:"text"`
			} `json:"event"`
			EventTime int64 `json:"event_time"`
		}
		if err := json.Unmarshal(s.Trigger.Payload, &p); err != nil {
			t.Fatalf("decode slack payload: %v", err)
		}
		sig, d := SignalFromReport(p.Event.Text, services, time.Unix(p.EventTime, 0).UTC(), "slack")
		return sig, d.Incident, d
	}
	t.Fatalf("unknown trigger kind %q", s.Trigger.Kind)
	return Signal{}, false, d
}

// codeOwnersFunc is a minimal CODEOWNERS matcher for the test: the last
// matching pattern wins; "/x/" is anchored, "x/" matches anywhere, "*"
// matches within a path segment.
func codeOwnersFunc(text string) CodeOwners {
	type rule struct {
		re     *regexp.Regexp
		owners []string
	}
	var rules []rule
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		pat := f[0]
		var re string
		switch {
		case pat == "*":
			re = `^.*$`
		default:
			anchored := strings.HasPrefix(pat, "/")
			p := regexp.QuoteMeta(strings.TrimPrefix(pat, "/"))
			p = strings.ReplaceAll(p, `\*\*`, `.*`)
			p = strings.ReplaceAll(p, `\*`, `[^/]*`)
			if strings.HasSuffix(pat, "/") {
				p += ".*"
			} else {
				p += "(?:/.*)?"
			}
			if anchored {
				re = "^" + p + "$"
			} else {
				re = "(?:^|/)" + p + "$"
			}
		}
		rules = append(rules, rule{regexp.MustCompile(re), f[1:]})
	}
	return func(_, path string) []string {
		var owners []string
		for _, r := range rules {
			if r.re.MatchString(path) {
				owners = r.owners
			}
		}
		return owners
	}
}

func TestScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no scenarios in %s", scenarioDir)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var s scenario
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if len(s.Telemetry) > 0 && string(s.Telemetry) != "null" {
				// This replay is the signal-only path (first alert, no
				// telemetry). A sample that carries telemetry is judged with it:
				// end to end by internal/replay, the culprit by
				// TestCulpritScenarios.
				t.Skip("carries telemetry: judged end to end by internal/replay")
			}
			team := s.team()
			var services []string
			for _, svc := range team.Services {
				services = append(services, svc.Name)
			}
			sig, isIncident, decision := buildSignal(t, &s, services)
			if s.Expect.Incident != nil && !*s.Expect.Incident {
				if s.Trigger.Kind == "slack" && isIncident {
					t.Errorf("ClassifyMessage says incident, want chatter: %v", decision.Reasons)
				}
				return
			}
			if !isIncident {
				t.Fatalf("ClassifyMessage says chatter, want an incident: %v", decision.Reasons)
			}
			var svc config.Service
			for _, x := range team.Services {
				if x.Name == sig.Service {
					svc = x
				}
			}
			if svc.Name == "" {
				t.Fatalf("signal service %q is not a team service", sig.Service)
			}
			report := runTriage(&s, team, svc, sig)
			t.Log(report.String())

			if want := s.Expect.Severity; want != "" && report.sev.Level != want {
				t.Errorf("severity = %s, want %s", report.sev.Level, want)
			}
			if want := s.Expect.Owner; want != "" && report.owner != want {
				t.Errorf("owner = %s, want %s", report.owner, want)
			}
			var top []string
			for i, r := range report.responders {
				if i == 3 {
					break
				}
				top = append(top, r.Engineer)
			}
			for _, who := range s.Expect.RespondersInclude {
				if !slices.Contains(top, who) {
					t.Errorf("responder %s not in the top 3 %v", who, top)
				}
			}
			if want, check := optionalString(s.Expect.KnownIssue); check {
				got := ""
				if len(report.known) > 0 {
					got = report.known[0].ID
				}
				if got != want {
					t.Errorf("known issue = %q, want %q", got, want)
				}
			}
			if want, check := optionalString(s.Expect.Culprit); check && report.culprit.SHA != want {
				t.Errorf("culprit = %q, want %q", report.culprit.SHA, want)
			}
			kinds := Kinds(report.plan)
			for _, k := range s.Expect.ActionsInclude {
				if !slices.Contains(kinds, k) {
					t.Errorf("action %s not planned: %v", k, kinds)
				}
			}
		})
	}
}

type triageReport struct {
	sig        Signal
	sev        Severity
	known      []KnownIssueMatch
	culprit    Culprit
	owner      string
	responders []Responder
	plan       []PlannedAction
}

// runTriage runs the built-in triage in the order the engine does: severity
// and known issues from the signal, the culprit with the known issue as
// context, responders with the findings as leads, then the plan.
func runTriage(s *scenario, team config.Team, svc config.Service, sig Signal) triageReport {
	r := triageReport{sig: sig}
	r.sev = ClassifySeverity(sig, svc)
	r.known = RankKnownIssues(sig, svc, s.KnownIssues)
	var known *KnownIssueMatch
	csig := sig
	if len(r.known) > 0 {
		known = &r.known[0]
		csig = sig.WithKnownIssue(*known)
	}
	for _, repo := range s.Repos {
		if repo.Owner+"/"+repo.Name == svc.Repo {
			r.culprit = FindCulprit(csig, repo.Commits, repo.Deploys, codeOwnersFunc(repo.Codeowners))
		}
	}
	var leads []Lead
	if known != nil {
		leads = append(leads, KnownIssueLead(*known))
	}
	leads = append(leads, CulpritLeads(r.culprit)...)
	r.owner = roster.Owner(team, svc.Name, s.Now)
	r.responders = RankResponders(team, svc, sig, r.owner, s.Now, leads...)
	r.plan = PlanActions(r.sev, sig, svc, r.culprit, known)
	return r
}

func (r triageReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "signal: service=%s start=%s title=%q\n", r.sig.Service, r.sig.StartsAt.Format(time.RFC3339), r.sig.Title)
	fmt.Fprintf(&b, "severity %s (%.2f): %s\n", r.sev.Level, r.sev.Confidence, strings.Join(r.sev.Reasons, "; "))
	for _, k := range r.known {
		fmt.Fprintf(&b, "known issue %s %.2f: %s\n", k.ID, k.Score, strings.Join(k.Reasons, "; "))
	}
	fmt.Fprintf(&b, "culprit %q (%.2f): %s\n", short(r.culprit.SHA), r.culprit.Confidence, strings.Join(r.culprit.Evidence, "; "))
	for _, c := range r.culprit.Candidates {
		fmt.Fprintf(&b, "  candidate %s %.2f: %s\n", short(c.SHA), c.Score, strings.Join(c.Reasons, "; "))
	}
	fmt.Fprintf(&b, "owner %s\n", r.owner)
	for _, x := range r.responders {
		fmt.Fprintf(&b, "  responder %s %.2f: %s\n", x.Engineer, x.Score, strings.Join(x.Reasons, "; "))
	}
	for _, a := range r.plan {
		fmt.Fprintf(&b, "  action %s [%s protected=%v] %s -> %s\n", a.Kind, a.Risk, a.Protected, a.Reason, a.Target)
	}
	return b.String()
}
