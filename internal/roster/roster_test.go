package roster

import (
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

var team = config.Team{
	Engineers: []config.Engineer{{ID: "alice"}, {ID: "bob"}, {ID: "carol"}, {ID: "dan"}},
	Rotations: []config.Rotation{
		{Name: "primary", Members: []string{"alice", "bob", "carol"}, Start: ts("2026-11-16T09:00:00Z"), ShiftHours: 24},
		{Name: "db", Members: []string{"dan"}, Start: ts("2026-01-01T00:00:00Z"), ShiftHours: 168},
	},
	Overrides: []config.Override{
		{Rotation: "primary", Engineer: "dan", From: ts("2026-11-18T12:00:00Z"), To: ts("2026-11-18T18:00:00Z")},
		{Rotation: "primary", Engineer: "carol", From: ts("2026-11-18T15:00:00Z"), To: ts("2026-11-18T16:00:00Z")},
	},
	Services: []config.Service{{Name: "ledger", Rotation: "db"}, {Name: "checkout"}},
}

func TestOnCall(t *testing.T) {
	tests := []struct {
		name string
		at   string
		want string
	}{
		{"first shift starts at start", "2026-11-16T09:00:00Z", "alice"},
		{"last instant of first shift", "2026-11-17T08:59:59Z", "alice"},
		{"second shift", "2026-11-17T09:00:00Z", "bob"},
		{"third shift", "2026-11-18T10:00:00Z", "carol"},
		{"wraps around", "2026-11-19T09:00:00Z", "alice"},
		{"before start counts backwards", "2026-11-16T08:59:59Z", "carol"},
		{"exactly one shift before start", "2026-11-15T09:00:00Z", "carol"},
		{"two shifts before start", "2026-11-14T09:00:00Z", "bob"},
		{"override", "2026-11-18T13:00:00Z", "dan"},
		{"nested override: latest-starting wins", "2026-11-18T15:30:00Z", "carol"},
		{"override end is exclusive", "2026-11-18T18:00:00Z", "carol"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := OnCall(team, "primary", ts(tc.at))
			if err != nil || got != tc.want {
				t.Fatalf("OnCall(%s) = %q, %v; want %q", tc.at, got, err, tc.want)
			}
		})
	}
	if _, err := OnCall(team, "nope", time.Now()); err == nil {
		t.Fatal("unknown rotation accepted")
	}
}

func TestOwner(t *testing.T) {
	at := ts("2026-11-17T10:00:00Z")
	tests := []struct {
		service string
		team    config.Team
		want    string
	}{
		{"ledger", team, "dan"},      // the service's own rotation
		{"checkout", team, "bob"},    // no rotation: the first one
		{"unknown-svc", team, "bob"}, // not in the file: the first one
		{"checkout", config.Team{}, Unassigned},
	}
	for _, tc := range tests {
		if got := Owner(tc.team, tc.service, at); got != tc.want {
			t.Errorf("Owner(%s) = %q, want %q", tc.service, got, tc.want)
		}
	}
}
