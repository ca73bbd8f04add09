// Package telemetrytest reads the telemetry and flag changes out of scenario
// files for the tests of the sandbox telemetry servers (prometheus, loki,
// tempo, unleash). It decodes only those two blocks, so a server's tests
// depend on nothing but the file's format.
package telemetrytest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/warroom/warroom/internal/telemetry"
)

// SharedDir is where the shared sample scenarios sit, relative to a
// package directory under internal/sandbox.
const SharedDir = "../../../../shared/scenarios"

// Scenario is what a scenario file holds for an observability stack.
type Scenario struct {
	Path      string
	Telemetry telemetry.Data         `json:"telemetry"`
	Flags     []telemetry.FlagChange `json:"flags"`
}

// Load reads the telemetry and flags of every *.json file in dir, sorted
// by file name. A missing dir is no error and yields nothing, so a test can
// skip when the shared scenarios are not checked out beside the repository.
func Load(dir string) ([]Scenario, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list scenarios in %s: %w", dir, err)
	}
	slices.Sort(paths)
	var out []Scenario
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read scenario: %w", err)
		}
		s := Scenario{Path: p}
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("decode scenario %s: %w", p, err)
		}
		out = append(out, s)
	}
	return out, nil
}
