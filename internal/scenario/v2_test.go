package scenario

import (
	"path/filepath"
	"testing"
)

// Format version 2 blocks (telemetry, flags, per-service deploys) load
// from the shared samples that carry them.
func TestLoadFormatVersion2(t *testing.T) {
	all, err := LoadDir(filepath.Join("..", "..", "..", "shared", "scenarios"))
	if err != nil {
		t.Skipf("shared scenarios not available: %v", err)
	}
	var withTelemetry, withFlags, withServiceDeploy int
	for _, s := range all {
		if !s.Telemetry.Empty() {
			withTelemetry++
			for _, sp := range s.Telemetry.Traces {
				if sp.TraceID == "" || sp.SpanID == "" || sp.Start.IsZero() {
					t.Errorf("%s: span without ids or start: %+v", s.Name, sp)
				}
			}
			for _, m := range s.Telemetry.Metrics {
				if m.TS.IsZero() || m.Name == "" {
					t.Errorf("%s: sample without time or name: %+v", s.Name, m)
				}
			}
		}
		if len(s.Flags) > 0 {
			withFlags++
		}
		for _, r := range s.Repos {
			for _, d := range r.Deploys {
				if d.Service != "" {
					withServiceDeploy++
				}
			}
		}
	}
	if withTelemetry == 0 || withFlags == 0 || withServiceDeploy == 0 {
		t.Errorf("telemetry in %d scenarios, flags in %d, per-service deploys %d: want each > 0", withTelemetry, withFlags, withServiceDeploy)
	}
}
