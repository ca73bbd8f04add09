package config

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/warroom/warroom/internal/incident"
)

// File is the team and policy YAML file.
type File struct {
	Team    Team    `yaml:"team"`
	Policy  Policy  `yaml:"policy"`
	Sources Sources `yaml:"sources"`
	Slack   Slack   `yaml:"slack"`
	Ingest  Ingest  `yaml:"ingest"`
	GitHub  GitHub  `yaml:"github"`
	// KnownIssues are loaded into the database's full-text index on start.
	KnownIssues []incident.KnownIssue `yaml:"known_issues"`
	Waits       Waits                 `yaml:"waits"`
	Vault       Vault                 `yaml:"vault"`
	Auth        Auth                  `yaml:"auth"`
	Authz       Authz                 `yaml:"authz"`
	StepUp      StepUp                `yaml:"stepup"`
	Providers   Providers             `yaml:"providers"`
	Telemetry   Telemetry             `yaml:"telemetry"`
}

// Waits bounds how long a human may take to decide or re-authorize.
type Waits struct {
	ApprovalTimeout time.Duration `yaml:"approval_timeout"` // 0: for ever
	EscalateTo      []string      `yaml:"escalate_to"`      // may also decide an approval once it times out
	ReauthTimeout   time.Duration `yaml:"reauth_timeout"`   // 0: for ever; then the action fails
}

// GitHub is read access to repositories for investigation (commits, diffs,
// deploys, CODEOWNERS). Use a read-only token (a GitHub App installation or
// a fine-grained read-only token); changes are made under approvers' own
// identities, never with this one.
type GitHub struct {
	APIURL   string `yaml:"api_url"` // default https://api.github.com/
	TokenEnv string `yaml:"token_env"`

	Token string `yaml:"-"`
}

// Team is the roster: who exists, who is on call when, what they know.
type Team struct {
	Engineers []Engineer `yaml:"engineers" json:"engineers"`
	Rotations []Rotation `yaml:"rotations" json:"rotations"`
	Overrides []Override `yaml:"overrides" json:"overrides"`
	Services  []Service  `yaml:"services" json:"services"`
}

// Engineer is one person WarRoom can page, ask and act for.
type Engineer struct {
	ID       string   `yaml:"id" json:"id"`
	Name     string   `yaml:"name" json:"name"`
	Email    string   `yaml:"email" json:"email"`
	GitHub   string   `yaml:"github" json:"github"`
	Slack    string   `yaml:"slack" json:"slack"`
	Timezone string   `yaml:"timezone" json:"timezone"`
	Domains  []string `yaml:"domains" json:"domains"`
	// Subject is the identity provider's subject ("sub" claim) for this
	// engineer, e.g. "auth0|abc123". It links a signed-in user or an API
	// token to the engineer; unique when set.
	Subject string `yaml:"subject" json:"subject"`
}

// Rotation is an on-call schedule of fixed-length shifts.
type Rotation struct {
	Name       string    `yaml:"name" json:"name"`
	Members    []string  `yaml:"members" json:"members"`
	Start      time.Time `yaml:"start" json:"start"`
	ShiftHours int       `yaml:"shift_hours" json:"shift_hours"`
}

// Override puts an engineer on call in a rotation for a window.
type Override struct {
	Rotation string    `yaml:"rotation" json:"rotation"`
	Engineer string    `yaml:"engineer" json:"engineer"`
	From     time.Time `yaml:"from" json:"from"`
	To       time.Time `yaml:"to" json:"to"`
}

// Service is something that can break, with the repository it is built from.
type Service struct {
	Name         string   `yaml:"name" json:"name"`
	Repo         string   `yaml:"repo" json:"repo"`
	Domains      []string `yaml:"domains" json:"domains"`
	Tier         int      `yaml:"tier" json:"tier"`
	Stakeholders []string `yaml:"stakeholders" json:"stakeholders"`
	Rotation     string   `yaml:"rotation" json:"rotation"`
}

// Policy adjusts how the agent's tools are treated.
type Policy struct {
	// Tools raises a tool's class or requires step-up; it can never lower one.
	Tools map[string]ToolPolicy `yaml:"tools"`
	// Delegates lists, per engineer, who may approve in their place.
	Delegates map[string][]string `yaml:"delegates"`
}

// ToolPolicy is one tool's override.
type ToolPolicy struct {
	Class  string `yaml:"class"` // "protected" only: a policy may raise, not lower
	StepUp bool   `yaml:"step_up"`
}

// Load decodes and validates a team/policy file. Unknown keys are errors,
// reported with their line, so a typo never silently disables a policy.
func Load(r io.Reader) (File, error) {
	var f File
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return f, fmt.Errorf("parse: %w", err)
	}
	// A second YAML document would be silently ignored; refuse it instead.
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return f, errors.New("parse: the file must hold exactly one YAML document (found a second after ---)")
	}
	return f, f.Validate()
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	repoPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
)

// Validate checks references and values, naming each bad key by its path.
func (f File) Validate() error {
	var errs []error
	bad := func(path string, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, a...)))
	}
	engineers := map[string]bool{}
	subjects := map[string]bool{}
	for i, e := range f.Team.Engineers {
		p := fmt.Sprintf("team.engineers[%d]", i)
		switch {
		case !idPattern.MatchString(e.ID):
			bad(p+".id", "%q must be lower-case letters, digits, '.', '_' or '-'", e.ID)
		case engineers[e.ID]:
			bad(p+".id", "duplicate engineer %q", e.ID)
		}
		engineers[e.ID] = true
		if e.Subject != "" {
			if subjects[e.Subject] {
				bad(p+".subject", "duplicate subject %q", e.Subject)
			}
			subjects[e.Subject] = true
		}
		if e.Email != "" {
			if _, err := mail.ParseAddress(e.Email); err != nil {
				bad(p+".email", "%q is not an email address", e.Email)
			}
		}
		if e.Timezone != "" {
			if _, err := time.LoadLocation(e.Timezone); err != nil {
				bad(p+".timezone", "unknown time zone %q", e.Timezone)
			}
		}
	}
	rotations := map[string]bool{}
	for i, r := range f.Team.Rotations {
		p := fmt.Sprintf("team.rotations[%d]", i)
		if r.Name == "" {
			bad(p+".name", "is required")
		} else if rotations[r.Name] {
			bad(p+".name", "duplicate rotation %q", r.Name)
		}
		rotations[r.Name] = true
		if len(r.Members) == 0 {
			bad(p+".members", "needs at least one engineer")
		}
		seen := map[string]bool{}
		for j, m := range r.Members {
			switch {
			case !engineers[m]:
				bad(fmt.Sprintf("%s.members[%d]", p, j), "unknown engineer %q", m)
			case seen[m]:
				bad(fmt.Sprintf("%s.members[%d]", p, j), "engineer %q is listed twice", m)
			}
			seen[m] = true
		}
		if r.ShiftHours <= 0 {
			bad(p+".shift_hours", "must be positive, got %d", r.ShiftHours)
		}
		if r.Start.IsZero() {
			bad(p+".start", "is required (RFC 3339 time)")
		}
	}
	for i, o := range f.Team.Overrides {
		p := fmt.Sprintf("team.overrides[%d]", i)
		if !rotations[o.Rotation] {
			bad(p+".rotation", "unknown rotation %q", o.Rotation)
		}
		if !engineers[o.Engineer] {
			bad(p+".engineer", "unknown engineer %q", o.Engineer)
		}
		if !o.To.After(o.From) {
			bad(p+".to", "must be after from")
		}
	}
	services := map[string]bool{}
	for i, s := range f.Team.Services {
		p := fmt.Sprintf("team.services[%d]", i)
		if s.Name == "" {
			bad(p+".name", "is required")
		} else if services[s.Name] {
			bad(p+".name", "duplicate service %q", s.Name)
		}
		services[s.Name] = true
		if s.Repo != "" && !repoPattern.MatchString(s.Repo) {
			bad(p+".repo", "%q is not owner/name", s.Repo)
		}
		if s.Tier < 0 || s.Tier > 3 {
			bad(p+".tier", "must be 1, 2 or 3 (0 = unset), got %d", s.Tier)
		}
		if s.Rotation != "" && !rotations[s.Rotation] {
			bad(p+".rotation", "unknown rotation %q", s.Rotation)
		}
		for j, addr := range s.Stakeholders {
			if _, err := mail.ParseAddress(addr); err != nil {
				bad(fmt.Sprintf("%s.stakeholders[%d]", p, j), "%q is not an email address", addr)
			}
		}
	}
	// Map keys are visited in sorted order so errors come out the same every run.
	for _, name := range slices.Sorted(maps.Keys(f.Policy.Tools)) {
		tp := f.Policy.Tools[name]
		if tp.Class != "" && tp.Class != "protected" {
			bad("policy.tools."+name+".class", "%q: a policy can only raise a tool to protected", tp.Class)
		}
	}
	for _, who := range slices.Sorted(maps.Keys(f.Policy.Delegates)) {
		ds := f.Policy.Delegates[who]
		if !engineers[who] {
			bad("policy.delegates."+who, "unknown engineer %q", who)
		}
		for j, d := range ds {
			switch {
			case !engineers[d]:
				bad(fmt.Sprintf("policy.delegates.%s[%d]", who, j), "unknown engineer %q", d)
			case d == who:
				bad(fmt.Sprintf("policy.delegates.%s[%d]", who, j), "an engineer cannot be their own delegate")
			}
		}
	}
	f.validateIngest(bad)
	f.validateVault(bad)
	f.validateAuth(bad)
	f.validateAuthz(bad, engineers)
	f.validateStepUp(bad)
	f.validateProviders(bad, services)
	f.validateTelemetry(bad)
	seenKI := map[string]bool{}
	for i, k := range f.KnownIssues {
		p := fmt.Sprintf("known_issues[%d]", i)
		switch {
		case strings.TrimSpace(k.ID) == "":
			bad(p+".id", "is required")
		case seenKI[k.ID]:
			bad(p+".id", "duplicate known issue %q", k.ID)
		}
		seenKI[k.ID] = true
		if strings.TrimSpace(k.Title) == "" {
			bad(p+".title", "is required")
		}
	}
	if f.Waits.ApprovalTimeout < 0 {
		bad("waits.approval_timeout", "must not be negative")
	}
	if f.Waits.ReauthTimeout < 0 {
		bad("waits.reauth_timeout", "must not be negative")
	}
	for i, who := range f.Waits.EscalateTo {
		if !engineers[who] {
			bad(fmt.Sprintf("waits.escalate_to[%d]", i), "unknown engineer %q", who)
		}
	}
	if f.GitHub.TokenEnv != "" && !envNamePattern.MatchString(f.GitHub.TokenEnv) {
		bad("github.token_env", "%q is not an environment variable name", f.GitHub.TokenEnv)
	}
	if f.GitHub.APIURL != "" {
		if u, err := url.Parse(f.GitHub.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("github.api_url", "%q is not an http(s) URL", f.GitHub.APIURL)
		}
	}
	return errors.Join(errs...)
}
