package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
	ghp "github.com/warroom/warroom/internal/provider/github"
	"github.com/warroom/warroom/internal/store"
)

// serviceRepo is inj, or inj pointed at another service of the team file
// and its repository when the reasoner names one (reading only).
func (d AssessDeps) serviceRepo(inj Injected, service string) (Injected, error) {
	if service == "" || service == inj.Service {
		return inj, nil
	}
	svc := d.service(service)
	if svc.Repo == "" {
		return inj, fmt.Errorf("%w: no service %q with a repository in the team file", ErrBadArgs, service)
	}
	inj.Service, inj.Repo = svc.Name, svc.Repo
	return inj, nil
}

// Deps are what the investigation tools read from.
type Deps struct {
	Store  *store.Store
	GitHub *ghp.Client // nil when no repository access is configured
}

// maxPatch bounds each file's diff handed to a reasoner.
const maxPatch = 4000

type fileView struct {
	Path   string   `json:"path"`
	Status string   `json:"status"`
	Patch  string   `json:"patch,omitempty"`
	Owners []string `json:"owners,omitempty"`
}

type commitView struct {
	SHA     string     `json:"sha"`
	Parents []string   `json:"parents,omitempty"`
	Author  string     `json:"author"`
	Date    time.Time  `json:"date"`
	Message string     `json:"message"`
	Files   []fileView `json:"files"`
}

type deployView struct {
	SHA         string    `json:"sha"`
	Environment string    `json:"environment"`
	At          time.Time `json:"at"`
	// Service is the one service a monorepo deploy shipped; "" means every
	// service of the repository.
	Service string `json:"service,omitempty"`
}

// Changes is what recent_changes returns.
type Changes struct {
	Repo    string       `json:"repo"`
	Since   time.Time    `json:"since"`
	Until   time.Time    `json:"until"`
	Commits []commitView `json:"commits"` // newest first
	Deploys []deployView `json:"deploys"` // newest first
}

func viewCommit(c ghp.Commit, owners ghp.CodeOwners, withPatch bool) commitView {
	v := commitView{SHA: c.SHA, Parents: c.Parents, Author: c.Author, Date: c.Date.UTC(), Message: c.Message}
	for _, f := range c.Files {
		fv := fileView{Path: f.Path, Status: f.Status, Owners: owners.Owners(f.Path)}
		if withPatch {
			fv.Patch = f.Patch
			if len(fv.Patch) > maxPatch {
				fv.Patch = fv.Patch[:maxPatch] + "\n… (truncated)"
			}
		}
		v.Files = append(v.Files, fv)
	}
	return v
}

// incidentStart is when the incident's trouble began: its earliest alert,
// else when it was opened.
func incidentStart(ctx context.Context, st *store.Store, inc incident.Incident) (time.Time, error) {
	alerts, err := st.AlertsOfIncident(ctx, inc.ID)
	if err != nil {
		return time.Time{}, err
	}
	start := inc.CreatedAt
	for _, a := range alerts {
		if a.StartsAt.Before(start) {
			start = a.StartsAt
		}
	}
	return start, nil
}

// RecentChanges reads the commits, production deploys and code owners of
// the incident's repository in the window before the incident started.
func RecentChanges(ctx context.Context, d Deps, inj Injected, window time.Duration) (Changes, error) {
	if d.GitHub == nil || inj.Repo == "" {
		return Changes{}, fmt.Errorf("no repository is configured for service %q", inj.Service)
	}
	inc, err := d.Store.GetIncident(ctx, inj.IncidentID)
	if err != nil {
		return Changes{}, err
	}
	start, err := incidentStart(ctx, d.Store, inc)
	if err != nil {
		return Changes{}, err
	}
	ch := Changes{Repo: inj.Repo, Since: start.Add(-window).UTC(), Until: start.Add(15 * time.Minute).UTC()}
	owners, err := d.GitHub.CodeOwners(ctx, inj.Repo)
	if err != nil && !isNotFound(err) {
		return ch, fmt.Errorf("read code owners: %w", err)
	}
	commits, err := d.GitHub.RecentCommits(ctx, inj.Repo, ch.Since, ch.Until, 50)
	if err != nil {
		return ch, fmt.Errorf("read recent commits: %w", err)
	}
	for _, c := range commits {
		ch.Commits = append(ch.Commits, viewCommit(c, owners, true))
	}
	deploys, err := d.GitHub.Deploys(ctx, inj.Repo, "", ch.Since.Add(-7*24*time.Hour))
	if err != nil && !isNotFound(err) {
		return ch, fmt.Errorf("read deploys: %w", err)
	}
	for _, dep := range deploys {
		ch.Deploys = append(ch.Deploys, deployView{SHA: dep.SHA, Environment: dep.Environment, At: dep.CreatedAt.UTC(), Service: dep.Service})
	}
	return ch, nil
}

func isNotFound(err error) bool { return errors.Is(err, ghp.ErrNotFound) }

// InvestigationTools are the open, read-only tools over the repositories
// and the known-issue catalogue.
func InvestigationTools(d AssessDeps) []Tool {
	return []Tool{
		{Name: "recent_changes", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Commits (with diffs and code owners) and deploys of the affected service's repository in the hours before the incident started; " +
				"name another service of the team (one telemetry shows on the failing path) to read its repository instead.",
			Schema: obj(`"window_hours":{"type":"integer","minimum":1,"maximum":168},"service":{"type":"string","maxLength":200}`, `"window_hours"`),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				var a struct {
					WindowHours int    `json:"window_hours"`
					Service     string `json:"service"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return nil, err
				}
				inj, err := d.serviceRepo(inv.Injected, a.Service)
				if err != nil {
					return nil, err
				}
				ch, err := RecentChanges(ctx, d.Deps, inj, time.Duration(a.WindowHours)*time.Hour)
				if err != nil {
					return nil, err
				}
				return json.Marshal(ch)
			}},
		{Name: "get_commit", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "One commit with its full diff, of the affected service's repository or of another service's of the team.",
			Schema:      obj(`"sha":{"type":"string","pattern":"^[0-9a-f]{7,40}$"},"service":{"type":"string","maxLength":200}`, `"sha"`),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				var a struct {
					SHA     string `json:"sha"`
					Service string `json:"service"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return nil, err
				}
				inj, err := d.serviceRepo(inv.Injected, a.Service)
				if err != nil {
					return nil, err
				}
				if d.GitHub == nil || inj.Repo == "" {
					return nil, fmt.Errorf("no repository is configured for service %q", inj.Service)
				}
				c, err := d.GitHub.Commit(ctx, inj.Repo, a.SHA)
				if err != nil {
					return nil, err
				}
				owners, err := d.GitHub.CodeOwners(ctx, inj.Repo)
				if err != nil && !isNotFound(err) {
					return nil, err
				}
				return json.Marshal(viewCommit(c, owners, true))
			}},
		{Name: "code_owners", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Who owns a path of the affected service's repository, from its CODEOWNERS file (last matching rule wins).",
			Schema:      obj(`"path":{"type":"string","minLength":1,"maxLength":500}`, `"path"`),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				if d.GitHub == nil || inv.Injected.Repo == "" {
					return nil, fmt.Errorf("no repository is configured for service %q", inv.Injected.Service)
				}
				var a struct {
					Path string `json:"path"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return nil, err
				}
				co, err := d.GitHub.CodeOwners(ctx, inv.Injected.Repo)
				if err != nil {
					return nil, err
				}
				owners := co.Owners(a.Path)
				if owners == nil {
					owners = []string{}
				}
				return json.Marshal(map[string]any{"path": a.Path, "owners": owners, "codeowners_file": co.Path})
			}},
		{Name: "search_known_issues", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Known issues ranked by full-text match against the incident's alerts and reports (or against extra terms).",
			Schema:      obj(`"extra_terms":{"type":"string","maxLength":500}`, ``),
			Run: func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
				var a struct {
					ExtraTerms string `json:"extra_terms"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return nil, err
				}
				text, err := IncidentText(ctx, d.Store, inv.Injected.IncidentID)
				if err != nil {
					return nil, err
				}
				hits, err := d.Store.SearchKnownIssues(ctx, text+" "+a.ExtraTerms, 5)
				if err != nil {
					return nil, err
				}
				if hits == nil {
					hits = []store.KnownIssueHit{}
				}
				return json.Marshal(hits)
			}},
	}
}

// IncidentText is the searchable text of an incident: its title, its alerts'
// titles, descriptions and labels, and its reports.
func IncidentText(ctx context.Context, st *store.Store, incidentID string) (string, error) {
	inc, err := st.GetIncident(ctx, incidentID)
	if err != nil {
		return "", err
	}
	parts := []string{inc.Title, inc.Service}
	alerts, err := st.AlertsOfIncident(ctx, incidentID)
	if err != nil {
		return "", err
	}
	for _, a := range alerts {
		parts = append(parts, a.Title, a.Description)
		// In key order: the text feeds a full-text search and scoring, whose
		// results must not depend on map order.
		for _, k := range slices.Sorted(maps.Keys(a.Labels)) {
			parts = append(parts, k, a.Labels[k])
		}
	}
	reports, err := st.ReportsOfIncident(ctx, incidentID)
	if err != nil {
		return "", err
	}
	for _, r := range reports {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, " "), nil
}
