// Package scenario reads scenario files: everything needed to replay an
// incident offline (team, known issues, repository history, the trigger,
// the time) and what a good responder would conclude.
package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
	"github.com/warroom/warroom/internal/telemetry"
)

// Scenario is one replayable incident.
type Scenario struct {
	Name        string                 `json:"name"`
	Description string                 `json:"description"`
	Now         time.Time              `json:"now"`
	Trigger     Trigger                `json:"trigger"`
	Team        config.Team            `json:"team"`
	KnownIssues []incident.KnownIssue  `json:"known_issues"`
	Repos       []sandbox.Repo         `json:"repos"`
	Telemetry   telemetry.Data         `json:"telemetry"`
	Flags       []telemetry.FlagChange `json:"flags"`
	Expect      Expect                 `json:"expect"`
	Path        string                 `json:"-"`
}

// Trigger is the alert or message that starts the scenario, exactly as its
// source sends it.
type Trigger struct {
	Kind    string          `json:"kind"` // alertmanager, grafana, datadog, generic, slack
	Payload json.RawMessage `json:"payload"`
}

// Expect is what a good responder concludes. A nil field was not stated;
// KnownIssue and Culprit distinguish "not stated" (nil) from "none" (null).
type Expect struct {
	Incident          *bool           `json:"incident"`
	Severity          string          `json:"severity"`
	Owner             string          `json:"owner"`
	RespondersInclude []string        `json:"responders_include"`
	KnownIssue        json.RawMessage `json:"known_issue"`
	Culprit           json.RawMessage `json:"culprit"`
	ActionsInclude    []string        `json:"actions_include"`
}

// Kinds of triggers WarRoom can replay.
var Kinds = []string{"alertmanager", "grafana", "datadog", "generic", "slack"}

// Load reads and checks one scenario file.
func Load(path string) (Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Scenario{}, err
	}
	var s Scenario
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("scenario %s: %w", path, err)
	}
	s.Path = path
	if err := s.validate(); err != nil {
		return s, fmt.Errorf("scenario %s: %w", path, err)
	}
	return s, nil
}

func (s Scenario) validate() error {
	var errs []error
	if s.Now.IsZero() {
		errs = append(errs, errors.New("now: required"))
	}
	known := false
	for _, k := range Kinds {
		known = known || k == s.Trigger.Kind
	}
	if !known {
		errs = append(errs, fmt.Errorf("trigger.kind: %q is not one of %s", s.Trigger.Kind, strings.Join(Kinds, ", ")))
	}
	if len(s.Trigger.Payload) == 0 {
		errs = append(errs, errors.New("trigger.payload: required"))
	}
	if err := (config.File{Team: s.Team}).Validate(); err != nil {
		errs = append(errs, fmt.Errorf("team: %w", err))
	}
	return errors.Join(errs...)
}

// LoadDir reads every *.json scenario in dir, in name order.
func LoadDir(dir string) ([]Scenario, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Scenario
	for _, p := range paths {
		s, err := Load(p)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no *.json scenarios in %s", dir)
	}
	return out, nil
}

// Optional reads a nullable expectation: stated is false when the key was
// absent; value is "" when it was null.
func Optional(raw json.RawMessage) (value string, stated bool) {
	if raw == nil {
		return "", false
	}
	var v *string
	if err := json.Unmarshal(raw, &v); err != nil || v == nil {
		return "", true
	}
	return *v, true
}
