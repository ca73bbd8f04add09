package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/triage"
)

// Assessment is the deterministic analysis of an incident: what the built-in
// reasoner acts on, and what an LLM reasoner may weigh.
type Assessment struct {
	Severity    triage.Severity          `json:"severity"`
	KnownIssues []triage.KnownIssueMatch `json:"known_issues"` // above the threshold, best first
	Culprit     triage.Culprit           `json:"culprit"`
	Responders  []triage.Responder       `json:"responders"` // ranked; the owner first
	Plan        []triage.PlannedAction   `json:"plan"`
	Service     config.Service           `json:"service"`
	Notes       []string                 `json:"notes,omitempty"` // what could not be looked at, and why
	// Telemetry is what the metrics, logs, traces and flag changes around
	// the first alert show (nil when no backend is configured).
	Telemetry *Investigation `json:"telemetry,omitempty"`
}

// AssessDeps adds the roster and a clock to Deps.
type AssessDeps struct {
	Deps
	Team   config.Team
	Now    func() time.Time
	Window time.Duration // how far back to look for changes (default 24h)
	// Telemetry is where metrics, logs, traces and flag changes are read
	// (each backend optional).
	Telemetry TelemetryConfig
}

// now is the deps' clock at the precision the stores keep.
func (d AssessDeps) now() time.Time { return d.Now().UTC().Truncate(time.Microsecond) }

func (d AssessDeps) service(name string) config.Service {
	for _, s := range d.Team.Services {
		if s.Name == name {
			return s
		}
	}
	return config.Service{Name: name}
}

func (d AssessDeps) serviceNames() []string {
	out := make([]string, 0, len(d.Team.Services))
	for _, s := range d.Team.Services {
		out = append(out, s.Name)
	}
	return out
}

// signal is what triage knows about the incident's trigger: its earliest
// firing alert, else its first report, else its title. It is what known
// issues, the culprit and responders are matched on.
func (d AssessDeps) signal(inc incident.Incident, alerts []store.StoredAlert, reports []store.Report) triage.Signal {
	var first *store.StoredAlert
	for i := range alerts {
		if first == nil || alerts[i].StartsAt.Before(first.StartsAt) {
			first = &alerts[i]
		}
	}
	var sig triage.Signal
	switch {
	case first != nil:
		sig = triage.SignalFromAlert(first.Alert)
	case len(reports) > 0:
		r := reports[0]
		sig, _ = triage.SignalFromReport(r.Text, d.serviceNames(), r.ReceivedAt, r.Source)
	default:
		return triage.Signal{Title: inc.Title, Service: inc.Service, StartsAt: inc.CreatedAt, Labels: map[string]string{}}
	}
	if sig.Service == "" {
		sig.Service = inc.Service
	}
	return sig
}

// severity judges the incident by its worst current sign: its alerts still
// firing (all of them when none is) grouped by the rule that raised them
// (alertname, else title) and its reports, each judged alone; the most
// severe verdict wins. One rule's alerts (the regions or hosts of a
// multi-dimensional alert) are read together, so what one says about the
// whole (sessions still complete through a fallback) tempers the others;
// different rules and reports stand on their own, so an outage that joins
// an incident raised by a mild alert makes it an outage.
func (d AssessDeps) severity(sig triage.Signal, alerts []store.StoredAlert, reports []store.Report) triage.Severity {
	firing := slices.ContainsFunc(alerts, func(a store.StoredAlert) bool { return a.Status == incident.AlertFiring })
	type group struct {
		sig  triage.Signal
		seen map[string]bool
	}
	var groups []*group
	byRule := map[string]*group{}
	for _, a := range alerts {
		if firing && a.Status != incident.AlertFiring {
			continue
		}
		rule := a.Labels["alertname"]
		if rule == "" {
			rule = a.Title
		}
		g, ok := byRule[rule]
		if !ok {
			if len(groups) >= maxSignals {
				continue
			}
			g = &group{sig: triage.SignalFromAlert(a.Alert), seen: map[string]bool{}}
			byRule[rule], groups = g, append(groups, g)
		}
		// A storm repeats the same alert; each distinct text is read once.
		text := a.Title + "\n" + a.Description
		if !g.seen[text] {
			if len(g.seen) > 0 {
				g.sig.Text += "\n" + text
			}
			g.seen[text] = true
		}
	}
	for i, r := range reports {
		if i >= maxSignals {
			break
		}
		rs, _ := triage.SignalFromReport(r.Text, d.serviceNames(), r.ReceivedAt, r.Source)
		groups = append(groups, &group{sig: rs})
	}
	best := triage.ClassifySeverity(sig, d.service(sig.Service))
	for _, g := range groups {
		if g.sig.Service == "" {
			g.sig.Service = sig.Service
		}
		if g.sig.Title == sig.Title && g.sig.Text == sig.Text && g.sig.Severity == sig.Severity && g.sig.Service == sig.Service {
			continue // the trigger alone: judged above
		}
		if sev := triage.ClassifySeverity(g.sig, d.service(g.sig.Service)); worse(sev, best) {
			best = sev
		}
	}
	return best
}

// maxSignals bounds the alert rules and the reports judged per assessment.
const maxSignals = 20

// worse reports whether a is a more severe verdict than b: a higher level,
// or the same level with more confidence.
func worse(a, b triage.Severity) bool {
	if a.Level != b.Level {
		return a.Level < b.Level // "P1" < "P2" < "P3"
	}
	return a.Confidence > b.Confidence
}

// Assess runs the built-in analysis over one incident.
func Assess(ctx context.Context, d AssessDeps, inj Injected) (Assessment, error) {
	inc, err := d.Store.GetIncident(ctx, inj.IncidentID)
	if err != nil {
		return Assessment{}, err
	}
	alerts, err := d.Store.AlertsOfIncident(ctx, inc.ID)
	if err != nil {
		return Assessment{}, err
	}
	reports, err := d.Store.ReportsOfIncident(ctx, inc.ID)
	if err != nil {
		return Assessment{}, err
	}
	sig := d.signal(inc, alerts, reports)
	a := Assessment{Service: d.service(sig.Service)}
	a.Severity = d.severity(sig, alerts, reports)

	// Recent changes are read while the telemetry is: both wait on other
	// systems, and neither needs the other until the culprit is judged.
	window := d.Window
	if window <= 0 {
		window = 24 * time.Hour
	}
	type changesResult struct {
		ch  Changes
		err error
	}
	var changes chan changesResult
	if inj.Repo != "" && d.GitHub != nil {
		changes = make(chan changesResult, 1)
		go func() {
			ch, err := RecentChanges(ctx, d.Deps, inj, window)
			changes <- changesResult{ch, err}
		}()
	}
	if d.Telemetry.Sources.Any() {
		inv, err := InvestigateTelemetry(ctx, d, inj)
		if err != nil {
			a.Notes = append(a.Notes, "telemetry not examined: "+err.Error())
		} else {
			a.Telemetry = &inv
		}
	} else {
		a.Notes = append(a.Notes, "no metrics, logs, traces or flag service configured: telemetry not examined")
	}
	// A report that names no service: the service telemetry shows failing
	// first is the incident's, for its tier, stakeholders and owners.
	if sig.Service == "" && a.Telemetry != nil && a.Telemetry.Findings.FirstFailing != nil {
		if name := a.Telemetry.Findings.FirstFailing.Service; slices.Contains(d.serviceNames(), name) {
			sig.Service = name
			a.Service = d.service(name)
			a.Severity = d.severity(sig, alerts, reports)
			a.Notes = append(a.Notes, fmt.Sprintf("the signal names no service; telemetry shows %s failing first, so it is taken as the incident's service", name))
		}
	}

	// Known issues: the database's full-text search finds candidates, the
	// triage scorer explains and thresholds them.
	text, err := IncidentText(ctx, d.Store, inc.ID)
	if err != nil {
		return a, err
	}
	// Telemetry tells the mechanism when the alert or report states only the
	// effect; it and a foreign-language report's English words also search
	// for candidates the incident's own words miss.
	var kiEvidence triage.KnownIssueEvidence
	if a.Telemetry != nil {
		kiEvidence = triage.KnownIssueEvidenceFrom(a.Telemetry.Findings)
	}
	hits, err := d.Store.SearchKnownIssues(ctx, text, 10)
	if err != nil {
		return a, err
	}
	if more := triage.KnownIssueSearchText(sig, kiEvidence); more != "" {
		extra, err := d.Store.SearchKnownIssues(ctx, more, 10)
		if err != nil {
			return a, err
		}
		hits = append(hits, extra...)
	}
	candidates := make([]triage.KnownIssue, 0, len(hits))
	seenIssue := map[string]bool{}
	for _, h := range hits {
		if seenIssue[h.ID] {
			continue
		}
		seenIssue[h.ID] = true
		candidates = append(candidates, triage.KnownIssue{ID: h.ID, Title: h.Title, Symptoms: h.Symptoms, Runbook: h.Runbook, Domains: h.Domains})
	}
	a.KnownIssues = triage.RankKnownIssuesWithEvidence(sig, a.Service, candidates, kiEvidence)
	var best *triage.KnownIssueMatch
	leads := []triage.Lead{}
	culpritSig := sig
	if len(a.KnownIssues) > 0 {
		best = &a.KnownIssues[0]
		leads = append(leads, triage.KnownIssueLead(*best))
		culpritSig = sig.WithKnownIssue(*best)
	}

	// Recent changes: the culprit, if a deployed change explains the signal.
	// The telemetry's onset, first failing service, call path and fault
	// signature decide which changes could have caused it, and which other
	// services' repositories to read as well.
	var ev triage.Evidence
	if a.Telemetry != nil {
		ev = triage.EvidenceFromFindings(a.Telemetry.Findings)
	}
	var read []Changes
	if changes == nil {
		a.Notes = append(a.Notes, fmt.Sprintf("no repository configured for %s: its recent changes not examined", sig.Service))
	} else if r := <-changes; r.err != nil {
		a.Notes = append(a.Notes, "recent changes not examined: "+r.err.Error())
	} else {
		read = append(read, r.ch)
	}
	more, notes := d.relatedChanges(ctx, inj, triage.RelatedServices(sig.Service, ev), window)
	read, a.Notes = append(read, more...), append(a.Notes, notes...)
	if len(read) > 0 {
		commits, deploys := triageChanges(read)
		owners := map[[2]string][]string{}
		for _, ch := range read {
			for _, c := range ch.Commits {
				for _, f := range c.Files {
					owners[[2]string{ch.Repo, f.Path}] = f.Owners
				}
			}
		}
		a.Culprit = triage.FindCulpritWithEvidence(culpritSig, commits, deploys,
			func(repo, path string) []string { return owners[[2]string{repo, path}] }, ev)
		leads = append(leads, triage.CulpritLeads(a.Culprit)...)
	}
	a.Responders = triage.RankResponders(d.Team, a.Service, sig, inc.Owner, d.Now(), leads...)
	a.Plan = triage.PlanActions(a.Severity, sig, a.Service, a.Culprit, best)
	return a, nil
}

// triageChanges merges the changes read from one or more repositories:
// commits newest first, each tagged with its repository.
func triageChanges(read []Changes) ([]triage.Commit, []triage.Deploy) {
	var commits []triage.Commit
	var deploys []triage.Deploy
	for _, ch := range read {
		for _, c := range ch.Commits {
			tc := triage.Commit{Repo: ch.Repo, SHA: c.SHA, Parents: c.Parents, Author: c.Author, Date: c.Date, Message: c.Message}
			for _, f := range c.Files {
				tc.Files = append(tc.Files, triage.File{Path: f.Path, Status: f.Status, Patch: f.Patch})
			}
			commits = append(commits, tc)
		}
		for _, dep := range ch.Deploys {
			deploys = append(deploys, triage.Deploy{SHA: dep.SHA, At: dep.At, Environment: dep.Environment, Service: dep.Service})
		}
	}
	if len(read) > 1 {
		slices.SortStableFunc(commits, func(a, b triage.Commit) int { return b.Date.Compare(a.Date) })
	}
	return commits, deploys
}

// maxRelatedRepos bounds the other repositories read per assessment.
const maxRelatedRepos = 3

// relatedChanges reads the recent changes of the repositories of services
// (other than the incident's own repository) that the telemetry puts on
// the failing path, side by side. What could not be read is a note, not an
// error: the service's own changes are still judged.
func (d AssessDeps) relatedChanges(ctx context.Context, inj Injected, services []string, window time.Duration) ([]Changes, []string) {
	if d.GitHub == nil {
		return nil, nil
	}
	type job struct {
		service, repo string
		ch            Changes
		err           error
	}
	var jobs []*job
	for _, name := range services {
		repo := d.service(name).Repo
		if repo == "" || repo == inj.Repo || slices.ContainsFunc(jobs, func(j *job) bool { return j.repo == repo }) {
			continue
		}
		if len(jobs) == maxRelatedRepos {
			break
		}
		jobs = append(jobs, &job{service: name, repo: repo})
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other := inj
			other.Service, other.Repo = j.service, j.repo
			j.ch, j.err = RecentChanges(ctx, d.Deps, other, window)
		}()
	}
	wg.Wait()
	var out []Changes
	var notes []string
	for _, j := range jobs {
		if j.err != nil {
			notes = append(notes, fmt.Sprintf("changes of %s (%s, on the failing path) not examined: %v", j.repo, j.service, j.err))
			continue
		}
		out = append(out, j.ch)
		notes = append(notes, fmt.Sprintf("also read the recent changes of %s: telemetry puts %s on the failing path", j.repo, j.service))
	}
	return out, notes
}

// Triage is what record_triage records: the reasoner's verdict.
type Triage struct {
	Severity   string   `json:"severity"`
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons"`
	KnownIssue string   `json:"known_issue,omitempty"`
	Culprit    string   `json:"culprit,omitempty"`
}

// triageRecord is the incident.triaged event: the verdict and the severity
// it replaces ("" at the first triage).
type triageRecord struct {
	Triage
	Previous string `json:"previous,omitempty"`
}

// change says what the verdict did to the severity: "P2", "P3 -> P1",
// "P2 (unchanged)".
func (r triageRecord) change() string {
	switch r.Previous {
	case "":
		return r.Severity
	case r.Severity:
		return r.Severity + " (unchanged)"
	}
	return r.Previous + " -> " + r.Severity
}

// TriageTools are assess_incident (open, read-only) and record_triage (open:
// it changes only WarRoom's own record of the incident, with an audit entry).
func TriageTools(d AssessDeps) []Tool {
	return []Tool{
		{Name: "assess_incident", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Built-in analysis: severity with reasons, matching known issues, the likely culprit commit with evidence, ranked responders and a proposed plan.",
			Schema:      obj(``, ``),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				a, err := Assess(ctx, d, inv.Injected)
				if err != nil {
					return nil, err
				}
				return json.Marshal(a)
			}},
		{Name: "record_triage", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Record the incident's severity (P1/P2/P3) with confidence and reasons, and the known issue and culprit commit if any.",
			Schema: obj(`"severity":{"type":"string","enum":["P1","P2","P3"]},"confidence":{"type":"number","minimum":0,"maximum":1},`+
				`"reasons":{"type":"array","items":{"type":"string","maxLength":500},"maxItems":20},`+
				`"known_issue":{"type":"string","maxLength":100},"culprit":{"type":"string","pattern":"^([0-9a-f]{40})?$"}`,
				`"severity","confidence","reasons"`),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				var t Triage
				if err := json.Unmarshal(inv.Args, &t); err != nil {
					return nil, err
				}
				var rec triageRecord
				err := d.Store.InTx(ctx, func(tx *store.Tx) error {
					inc, err := tx.GetIncident(ctx, inv.Injected.IncidentID)
					if err != nil {
						return err
					}
					rec = triageRecord{Triage: t, Previous: string(inc.Severity)}
					if err := tx.SetIncidentSeverity(ctx, inc.ID, incident.Severity(t.Severity)); err != nil {
						return err
					}
					ev, err := incident.NewEvent(inc.ID, incident.EventTriaged, agentActor, d.now(), rec)
					if err != nil {
						return err
					}
					return engine.Record(ctx, tx, ev, audit.Entry{Action: "incident.triage", TargetSystem: "warroom",
						TargetResource: "incident:" + inc.ID, Outcome: audit.OutcomeSuccess,
						Detail: rec.change() + fmt.Sprintf(" (confidence %.2f)", t.Confidence)})
				})
				if err != nil {
					return nil, err
				}
				return json.Marshal(map[string]string{"recorded": t.Severity, "previous": rec.Previous, "change": rec.change()})
			}},
	}
}

// StandardTools is the registry every reasoner gets: the investigation and
// triage tools over deps, and the protected action tools.
func StandardTools(deps AssessDeps) (*Registry, error) {
	reg := NewRegistry()
	for _, set := range [][]Tool{InvestigationTools(deps), TelemetryTools(deps), TriageTools(deps), ActionTools(deps.commitRepo)} {
		for _, t := range set {
			if err := reg.Register(t); err != nil {
				return nil, err
			}
		}
	}
	return reg, nil
}

// commitRepo finds the repository that holds every one of shas: the
// service's own first, then the other repositories of the team file in
// its order. Only configured repositories are looked in, so a revert can
// never target a repository the team does not own.
func (d AssessDeps) commitRepo(ctx context.Context, inj Injected, shas []string) (string, error) {
	repos := []string{}
	if inj.Repo != "" {
		repos = append(repos, inj.Repo)
	}
	for _, s := range d.Team.Services {
		if s.Repo != "" && !slices.Contains(repos, s.Repo) {
			repos = append(repos, s.Repo)
		}
	}
	if d.GitHub == nil || len(shas) == 0 || len(repos) == 0 {
		if inj.Repo == "" {
			return "", fmt.Errorf("no repository is configured for service %q", inj.Service)
		}
		return inj.Repo, nil
	}
next:
	for _, repo := range repos {
		for _, sha := range shas {
			if _, err := d.GitHub.Commit(ctx, repo, sha); err != nil {
				if isNotFound(err) {
					continue next
				}
				return "", fmt.Errorf("look for commit %s in %s: %w", short(sha), repo, err)
			}
		}
		return repo, nil
	}
	return "", fmt.Errorf("no repository of the team file holds all of %s", strings.Join(shas, ", "))
}
