package analyze

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

var t0 = time.Date(2027, 3, 14, 6, 0, 0, 0, time.UTC)

func minute(i int) time.Time { return t0.Add(time.Duration(i) * time.Minute) }

// series makes one sample a minute from t0.
func series(svc, name string, labels map[string]string, vals ...float64) []telemetry.Sample {
	out := make([]telemetry.Sample, len(vals))
	for i, v := range vals {
		out[i] = telemetry.Sample{TS: minute(i), Service: svc, Name: name, Value: v, Labels: labels}
	}
	return out
}

// noisy is n values around level with ±jitter, from a fixed seed.
func noisy(seed uint64, n int, level, jitter float64) []float64 {
	r := rand.New(rand.NewPCG(seed, seed+1))
	out := make([]float64, n)
	for i := range out {
		out[i] = level + jitter*(2*r.Float64()-1)
	}
	return out
}

func concat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestChanges(t *testing.T) {
	tests := []struct {
		name      string
		samples   []telemetry.Sample
		window    Window
		want      int // changes found
		at        int // minute of the first change
		dir       string
		recovered bool
		ratioMin  float64 // lower bound on the first change's ratio (0 = not checked)
	}{
		{
			name: "lab result turnaround steps up and stays",
			samples: series("results-api", "hl7_turnaround_seconds", map[string]string{"lab": "hematology"},
				concat(noisy(1, 30, 40, 4), noisy(2, 20, 400, 30))...),
			want: 1, at: 30, dir: Up, ratioMin: 8,
		},
		{
			name: "lift gate scans drop and come back",
			samples: series("gate-scanner", "scans_per_min", nil,
				concat(noisy(3, 25, 120, 10), noisy(4, 10, 5, 3), noisy(5, 15, 120, 10))...),
			want: 1, at: 25, dir: Down, recovered: true,
		},
		{
			name:    "noise alone is no change",
			samples: series("pump-station", "flow_lps", nil, noisy(6, 60, 80, 8)...),
			want:    0,
		},
		{
			name:    "a two-minute spike is not sustained",
			samples: series("encoder", "buffer_underruns", nil, concat(noisy(7, 20, 2, 1), []float64{90, 95}, noisy(8, 20, 2, 1))...),
			want:    0,
		},
		{
			name:    "errors off a zero baseline",
			samples: series("results-api", "hl7_nack_per_min", nil, concat(make([]float64, 20), []float64{4, 6, 5, 7, 5})...),
			want:    1, at: 20, dir: Up,
		},
		{
			name:    "a flat baseline with tiny jitter ignores a 5% wobble",
			samples: series("pump-station", "pressure_bar", nil, concat(noisy(9, 20, 4.0, 0.01), noisy(10, 20, 4.2, 0.01))...),
			want:    0,
		},
		{
			name:    "a steep ramp is found once it leaves the band",
			samples: series("historian", "queue_depth", nil, concat(noisy(11, 20, 100, 5), []float64{130, 170, 220, 280, 350, 430})...),
			want:    1, at: 20, dir: Up,
		},
		{
			name: "the window leaves the change out",
			samples: series("results-api", "hl7_turnaround_seconds", nil,
				concat(noisy(12, 30, 40, 4), noisy(13, 20, 400, 30))...),
			window: Window{End: minute(29)},
			want:   0,
		},
		{
			name:    "too short to judge",
			samples: series("encoder", "bitrate_kbps", nil, 128, 128, 128, 12, 12, 12),
			want:    0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Changes(tt.samples, tt.window)
			if len(got) != tt.want {
				t.Fatalf("got %d changes, want %d: %+v", len(got), tt.want, got)
			}
			if tt.want == 0 {
				return
			}
			c := got[0]
			if !c.At.Equal(minute(tt.at)) {
				t.Errorf("at %s, want %s", c.At.Format(time.TimeOnly), minute(tt.at).Format(time.TimeOnly))
			}
			if c.Direction != tt.dir {
				t.Errorf("direction %s, want %s", c.Direction, tt.dir)
			}
			if c.Recovered != tt.recovered {
				t.Errorf("recovered %v, want %v", c.Recovered, tt.recovered)
			}
			if tt.ratioMin > 0 && c.Ratio < tt.ratioMin {
				t.Errorf("ratio %g, want ≥ %g", c.Ratio, tt.ratioMin)
			}
			if c.Score <= 0 || c.Persistence <= 0 || c.Persistence > 1 {
				t.Errorf("score %g persistence %g", c.Score, c.Persistence)
			}
		})
	}
}

func TestChangesRanksAndSeparatesSeries(t *testing.T) {
	var samples []telemetry.Sample
	// Two label sets of one metric: only the second changes, and a lot.
	samples = append(samples, series("pump-station", "valve_open_ratio", map[string]string{"valve": "north"}, noisy(20, 40, 0.5, 0.02)...)...)
	samples = append(samples, series("pump-station", "valve_open_ratio", map[string]string{"valve": "south"},
		concat(noisy(21, 20, 0.5, 0.02), noisy(22, 20, 0.05, 0.01))...)...)
	// A small change elsewhere.
	samples = append(samples, series("historian", "write_latency_ms", nil, concat(noisy(23, 20, 10, 1), noisy(24, 20, 15, 1))...)...)
	// A duplicate timestamp (a series read twice) and a NaN must not matter.
	samples = append(samples, telemetry.Sample{TS: minute(3), Service: "historian", Name: "write_latency_ms", Value: 10})
	samples = append(samples, telemetry.Sample{TS: minute(41), Service: "historian", Name: "write_latency_ms", Value: math.NaN()})

	got := Changes(samples, Window{})
	if len(got) != 2 {
		t.Fatalf("got %d changes, want 2: %+v", len(got), got)
	}
	if got[0].Labels["valve"] != "south" || got[0].Direction != Down {
		t.Errorf("first change %s %s, want the south valve going down", got[0].Series(), got[0].Direction)
	}
	if got[1].Service != "historian" || got[0].Score <= got[1].Score {
		t.Errorf("ranking: %s (%g) then %s (%g)", got[0].Series(), got[0].Score, got[1].Series(), got[1].Score)
	}
	if got[0].Series() != `pump-station/valve_open_ratio{valve="south"}` {
		t.Errorf("series name %q", got[0].Series())
	}
}

func TestChangeOngoingAt(t *testing.T) {
	c := Change{At: minute(10), Recovered: true, RecoveredAt: minute(20)}
	for _, tt := range []struct {
		at   int
		want bool
	}{{5, false}, {10, true}, {19, true}, {20, false}, {30, false}} {
		if got := c.OngoingAt(minute(tt.at)); got != tt.want {
			t.Errorf("OngoingAt(%d) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if !(Change{At: minute(10)}).OngoingAt(minute(60)) {
		t.Error("an unrecovered change is ongoing later")
	}
}
