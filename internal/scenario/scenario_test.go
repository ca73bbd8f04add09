package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadSharedScenarios(t *testing.T) {
	dir := "../../../shared/scenarios"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared scenarios not present")
	}
	all, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Expect.Incident == nil {
			t.Fatalf("%s: expect.incident missing", s.Name)
		}
		if *s.Expect.Incident && (len(s.Team.Engineers) == 0 || len(s.Team.Rotations) == 0 || s.Team.Rotations[0].ShiftHours == 0) {
			t.Fatalf("%s: team did not decode: %+v", s.Name, s.Team.Rotations)
		}
	}
}

func TestLoadRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"not json":   `{`,
		"no now":     `{"trigger":{"kind":"generic","payload":{}}}`,
		"bad kind":   `{"now":"2026-11-20T02:00:00Z","trigger":{"kind":"nagios","payload":{}}}`,
		"bad roster": `{"now":"2026-11-20T02:00:00Z","trigger":{"kind":"generic","payload":{}},"team":{"rotations":[{"name":"p","members":["ghost"],"start":"2026-11-20T00:00:00Z","shift_hours":8}]}}`,
		"no payload": `{"now":"2026-11-20T02:00:00Z","trigger":{"kind":"generic"}}`,
	}
	for name, body := range tests {
		p := filepath.Join(dir, "x.json")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

func TestOptional(t *testing.T) {
	tests := []struct {
		raw    json.RawMessage
		value  string
		stated bool
	}{
		{nil, "", false},
		{json.RawMessage(`null`), "", true},
		{json.RawMessage(`"KI-1"`), "KI-1", true},
	}
	for _, tc := range tests {
		if v, s := Optional(tc.raw); v != tc.value || s != tc.stated {
			t.Errorf("Optional(%s) = %q %v", tc.raw, v, s)
		}
	}
}
