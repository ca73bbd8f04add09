package collect

import (
	"testing"
	"time"
)

func TestThin(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	series := func(n int, spikeAt int) []ChartPoint {
		pts := make([]ChartPoint, n)
		for i := range pts {
			pts[i] = ChartPoint{TS: t0.Add(time.Duration(i) * time.Second), Value: 1}
			if i == spikeAt {
				pts[i].Value = 100
			}
		}
		return pts
	}
	for _, tc := range []struct {
		name      string
		pts       []ChartPoint
		n         int
		wantLen   int
		wantSpike bool
	}{
		{"short series kept whole", series(50, 10), 120, 50, true},
		{"long series thinned, spike kept", series(1000, 517), 120, 120, true},
		{"spike at the very end kept", series(1000, 999), 120, 120, true},
		{"no spike", series(1000, -1), 120, 120, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := thin(tc.pts, tc.n)
			if len(got) != tc.wantLen {
				t.Fatalf("len %d, want %d", len(got), tc.wantLen)
			}
			spike := false
			for i, p := range got {
				spike = spike || p.Value == 100
				if i > 0 && !p.TS.After(got[i-1].TS) {
					t.Fatalf("points out of order at %d", i)
				}
			}
			if spike != tc.wantSpike {
				t.Errorf("spike kept = %v, want %v", spike, tc.wantSpike)
			}
			if got[len(got)-1] != tc.pts[len(tc.pts)-1] {
				t.Error("the last point was not kept")
			}
		})
	}
}
