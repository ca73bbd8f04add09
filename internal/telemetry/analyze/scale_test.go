package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

func TestScaleMismatches(t *testing.T) {
	at := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	rec := func(min int, svc, level, msg string, attrs map[string]any) telemetry.LogRecord {
		return telemetry.LogRecord{TS: at.Add(time.Duration(min) * time.Minute), Service: svc, Level: level, Msg: msg, Attrs: attrs}
	}
	// A payment gateway compares cents with a limit in euros; a cold store's
	// sensor reports tenths of a degree against a floor in degrees.
	cents := []telemetry.LogRecord{
		rec(1, "payments", "WARN", "charge declined: over limit", map[string]any{"amount": 129900.0, "max_amount_eur": 1500.0}),
		rec(2, "payments", "WARN", "charge declined: over limit", map[string]any{"amount": "4599", "max_amount_eur": "200"}),
		rec(3, "payments", "WARN", "charge declined: over limit", map[string]any{"amount": 25000.0, "max_amount_eur": 1000.0}),
	}
	tests := []struct {
		name    string
		records []telemetry.LogRecord
		onset   time.Time
		want    string // "" for none, else "service value bound"
	}{
		{"values far past an upper bound on every line", cents, time.Time{}, "payments amount max_amount_eur"},
		{"a lower bound, camelCase name", []telemetry.LogRecord{
			rec(1, "coldchain", "ERROR", "reading below floor", map[string]any{"reading": 0.04, "minTemp": 2.0}),
			rec(2, "coldchain", "ERROR", "reading below floor", map[string]any{"reading": 0.03, "minTemp": 2.0}),
			rec(3, "coldchain", "ERROR", "reading below floor", map[string]any{"reading": 0.05, "minTemp": 2.0}),
		}, time.Time{}, "coldchain reading minTemp"},
		{"a tight bound: values near it", []telemetry.LogRecord{
			rec(1, "queue", "WARN", "rejecting job", map[string]any{"depth": 5400.0, "max_depth": 5000.0}),
			rec(2, "queue", "WARN", "rejecting job", map[string]any{"depth": 5900.0, "max_depth": 5000.0}),
			rec(3, "queue", "WARN", "rejecting job", map[string]any{"depth": 7000.0, "max_depth": 5000.0}),
		}, time.Time{}, ""},
		{"one line near the bound clears the pair", append(cents[:2:2],
			rec(4, "payments", "WARN", "charge declined: over limit", map[string]any{"amount": 1600.0, "max_amount_eur": 1500.0})), time.Time{}, ""},
		{"fewer lines than needed", cents[:2], time.Time{}, ""},
		{"lines before onset do not count", cents, at.Add(150 * time.Second), ""},
		{"info lines do not count", []telemetry.LogRecord{
			rec(1, "payments", "INFO", "charge", map[string]any{"amount": 129900.0, "max_amount_eur": 1500.0}),
			rec(2, "payments", "INFO", "charge", map[string]any{"amount": 129900.0, "max_amount_eur": 1500.0}),
			rec(3, "payments", "INFO", "charge", map[string]any{"amount": 129900.0, "max_amount_eur": 1500.0}),
		}, time.Time{}, ""},
		{"no bound among the attributes", []telemetry.LogRecord{
			rec(1, "api", "ERROR", "slow", map[string]any{"elapsed_ms": 9000.0, "budget": 3.0}),
			rec(2, "api", "ERROR", "slow", map[string]any{"elapsed_ms": 9000.0, "budget": 3.0}),
			rec(3, "api", "ERROR", "slow", map[string]any{"elapsed_ms": 9000.0, "budget": 3.0}),
		}, time.Time{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ScaleMismatches(tc.records, tc.onset)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("got %+v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %+v, want one", got)
			}
			if s := got[0].Service + " " + got[0].Value + " " + got[0].Bound; s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
			if !strings.Contains(got[0].Sentence(), "unit or scale mismatch") {
				t.Errorf("sentence %q", got[0].Sentence())
			}
		})
	}
}
