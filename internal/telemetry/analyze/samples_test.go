package analyze

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// sample is the part of a shared scenario file the analysis reads, decoded
// here rather than through internal/scenario so this package depends on
// nothing above it.
type sample struct {
	Now       time.Time              `json:"now"`
	Telemetry telemetry.Data         `json:"telemetry"`
	Flags     []telemetry.FlagChange `json:"flags"`
	Repos     []struct {
		Deploys []Deploy `json:"deploys"`
	} `json:"repos"`
}

// TestSharedSamples runs Investigate on the shared scenarios that carry
// telemetry and checks only that the findings are well formed: the
// scenarios are development data, and their answers are not asserted here
// so nothing in the analysis gets fitted to them.
func TestSharedSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "scenarios")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no shared scenarios in %s", dir)
	}
	ran := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var s sample
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if s.Telemetry.Empty() {
			continue
		}
		ran++
		t.Run(filepath.Base(path), func(t *testing.T) {
			in := Input{Data: s.Telemetry, Flags: s.Flags, AlertAt: s.Now}
			for _, r := range s.Repos {
				in.Deploys = append(in.Deploys, r.Deploys...)
			}
			f := Investigate(in)
			checkWellFormed(t, in, f)
			t.Logf("\n%s", f.Summary())
		})
	}
	if ran == 0 {
		t.Skip("no shared scenario carries telemetry")
	}
}

// checkWellFormed asserts what must hold of any findings: bounded size,
// an onset inside the data's span (or the alert), a first failing service
// that is one of the data's services, events for every deploy and flag
// up to the cap.
func checkWellFormed(t *testing.T, in Input, f Findings) {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if len(b) > MaxBytes {
		t.Errorf("findings are %d bytes, want ≤ %d", len(b), MaxBytes)
	}
	start, end := extent(in.Data, in.Window)
	if f.Onset == nil {
		t.Fatal("no onset")
	}
	if f.Onset.Source != SourceAlert && (f.Onset.At.Before(start) || f.Onset.At.After(end)) {
		t.Errorf("onset %s outside the data's span %s..%s", f.Onset.At, start, end)
	}
	if !in.AlertAt.IsZero() && f.Onset.At.After(in.AlertAt) && f.Onset.Source != SourceTraces {
		t.Errorf("onset %s (%s) after the alert %s", f.Onset.At, f.Onset.Source, in.AlertAt)
	}
	services := map[string]bool{}
	for _, s := range in.Data.Metrics {
		services[s.Service] = true
	}
	for _, r := range in.Data.Logs {
		services[r.Service] = true
	}
	for _, s := range in.Data.Traces {
		services[s.Service] = true
	}
	if f.FirstFailing != nil && !services[f.FirstFailing.Service] {
		t.Errorf("first failing service %q is not in the data", f.FirstFailing.Service)
	}
	for _, i := range f.BlastRadius {
		if !services[i.Service] {
			t.Errorf("blast radius names %q, not in the data", i.Service)
		}
	}
	if got, want := len(f.Events)+f.Omitted.Events, len(in.Deploys)+len(in.Flags); got != want {
		t.Errorf("events %d (+%d omitted), want %d", len(f.Events), f.Omitted.Events, want)
	}
	if len(f.Lines()) == 0 {
		t.Error("no lines")
	}
}
