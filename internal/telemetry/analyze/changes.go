package analyze

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// Change-point constants. They describe what "sustained" and "departed"
// mean for any series, whatever it measures; nothing here knows a metric
// by name.
const (
	minBaseline  = 5   // points a baseline needs before a departure can be judged
	maxBaseline  = 120 // trailing points the baseline keeps, so a long series stays cheap
	sustain      = 3   // consecutive departed points that make a change
	madSigmas    = 4.0 // how many robust standard deviations a point must move
	relThreshold = 0.2 // and by at least this fraction of the baseline level
	sigmaCap     = 1000.0
)

// Window bounds the samples Changes reads; a zero Start or End leaves that
// side open.
type Window struct {
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}

// Contains reports whether t is inside the window (ends included).
func (w Window) Contains(t time.Time) bool {
	return (w.Start.IsZero() || !t.Before(w.Start)) && (w.End.IsZero() || !t.After(w.End))
}

// Directions of a change. They say which way the value moved, not whether
// that is good: a metric's name does not tell reliably which way is bad.
const (
	Up   = "up"
	Down = "down"
)

// Change is the first sustained departure of one series from its baseline.
type Change struct {
	Service string            `json:"service"`
	Name    string            `json:"name"`
	Labels  map[string]string `json:"labels,omitempty"`
	// Baseline is the median of the points before At, Spread their robust
	// standard deviation (1.4826·MAD), over BaselinePoints points.
	Baseline       float64 `json:"baseline"`
	Spread         float64 `json:"spread"`
	BaselinePoints int     `json:"baseline_points"`
	// At is the first point of the first run of sustained departed points.
	At        time.Time `json:"at"`
	Direction string    `json:"direction"`
	// Level is the median of the departed points from At on; Delta is
	// Level-Baseline and Ratio Level/Baseline (0 when the baseline is 0).
	Level float64 `json:"level"`
	Delta float64 `json:"delta"`
	Ratio float64 `json:"ratio,omitempty"`
	// Sigmas is |Delta|/Spread, capped (a flat baseline has no spread).
	Sigmas float64 `json:"sigmas"`
	// Peak is the departed point farthest from the baseline.
	Peak   float64   `json:"peak"`
	PeakAt time.Time `json:"peak_at"`
	// Persistence is the share of points from At on that stay departed in
	// the same direction.
	Persistence float64 `json:"persistence"`
	// Recovered says the series ended back inside its baseline band for at
	// least the sustain length, from RecoveredAt on.
	Recovered   bool      `json:"recovered"`
	RecoveredAt time.Time `json:"recovered_at,omitzero"`
	// Score ranks changes: larger, cleaner and more persistent departures
	// first. It has no unit.
	Score float64 `json:"score"`
}

// Series is the change's series as a short name: service/name{labels}.
func (c Change) Series() string {
	return seriesName(c.Service, c.Name, c.Labels)
}

// OngoingAt reports whether the series was still departed at t.
func (c Change) OngoingAt(t time.Time) bool {
	return !c.At.After(t) && (!c.Recovered || c.RecoveredAt.After(t))
}

type point struct {
	ts time.Time
	v  float64
}

type seriesKey struct{ service, name, labels string }

// Changes finds, for every series in the window, its first sustained
// departure from its own preceding baseline: at least three consecutive
// points beyond both 4 robust standard deviations and 20% of the baseline
// median, all on the same side. The baseline is the median and MAD of up
// to 120 points before the candidate point, so a change is measured against
// what came just before it, and an earlier change is found first. Series
// without a change are left out; the rest are ranked by Score.
func Changes(samples []telemetry.Sample, w Window) []Change {
	groups := map[seriesKey][]point{}
	labels := map[seriesKey]map[string]string{}
	for _, s := range samples {
		if !w.Contains(s.TS) || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			continue
		}
		k := seriesKey{s.Service, s.Name, labelString(s.Labels)}
		groups[k] = append(groups[k], point{s.TS, s.Value})
		if _, ok := labels[k]; !ok {
			labels[k] = s.Labels
		}
	}
	var out []Change
	for k, pts := range groups {
		pts = sortDedupe(pts)
		c, ok := changePoint(pts)
		if !ok {
			continue
		}
		c.Service, c.Name = k.service, k.name
		if l := labels[k]; len(l) > 0 {
			c.Labels = maps.Clone(l)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].Series() < out[j].Series()
	})
	return out
}

// sortDedupe orders points by time and keeps the last value of a repeated
// timestamp, so a series read twice does not count twice.
func sortDedupe(pts []point) []point {
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].ts.Before(pts[j].ts) })
	out := pts[:0]
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1].ts.Equal(p.ts) {
			out[n-1] = p
			continue
		}
		out = append(out, p)
	}
	return out
}

// band is a baseline: its median and robust spread.
type band struct{ med, sigma float64 }

// side is +1 above the band, -1 below it, 0 inside it.
func (b band) side(v float64) int {
	d := v - b.med
	tol := max(madSigmas*b.sigma, relThreshold*math.Abs(b.med), 1e-9*max(1, math.Abs(b.med)))
	switch {
	case d > tol:
		return 1
	case d < -tol:
		return -1
	}
	return 0
}

func changePoint(pts []point) (Change, bool) {
	n := len(pts)
	for i := minBaseline; i+sustain <= n; i++ {
		base := values(pts[max(0, i-maxBaseline):i])
		b := robust(base)
		dir := b.side(pts[i].v)
		if dir == 0 {
			continue
		}
		sustained := true
		for j := i + 1; j < i+sustain; j++ {
			if b.side(pts[j].v) != dir {
				sustained = false
				break
			}
		}
		if !sustained {
			continue
		}
		return describe(pts, i, dir, b, len(base)), true
	}
	return Change{}, false
}

func describe(pts []point, at, dir int, b band, nBase int) Change {
	c := Change{
		Baseline: b.med, Spread: b.sigma, BaselinePoints: nBase,
		At: pts[at].ts, Direction: Up,
	}
	if dir < 0 {
		c.Direction = Down
	}
	var departed []float64
	peak := pts[at]
	for _, p := range pts[at:] {
		if b.side(p.v) != dir {
			continue
		}
		departed = append(departed, p.v)
		if math.Abs(p.v-b.med) > math.Abs(peak.v-b.med) {
			peak = p
		}
	}
	after := len(pts) - at
	c.Persistence = float64(len(departed)) / float64(after)
	c.Level = median(departed)
	c.Delta = c.Level - b.med
	if b.med != 0 {
		c.Ratio = finite(c.Level / b.med)
	}
	c.Sigmas = sigmaCap
	if b.sigma > 0 {
		c.Sigmas = min(math.Abs(c.Delta)/b.sigma, sigmaCap)
	}
	c.Peak, c.PeakAt = peak.v, peak.ts

	// Recovered: the series ends with at least a sustain's worth of points
	// back inside the band.
	tail := 0
	for k := len(pts) - 1; k > at && b.side(pts[k].v) == 0; k-- {
		tail++
	}
	if tail >= sustain {
		c.Recovered = true
		c.RecoveredAt = pts[len(pts)-tail].ts
	}

	// Score: how far (in spreads, on a log scale) times how large relative
	// to the series' own scale, times how steadily. The scale constant
	// keeps a move off a zero baseline finite and comparable.
	maxAbs := 0.0
	for _, p := range pts {
		maxAbs = max(maxAbs, math.Abs(p.v))
	}
	scale := max(b.sigma, 0.05*maxAbs, 1e-12)
	rel := math.Abs(math.Log2((math.Abs(c.Level) + scale) / (math.Abs(b.med) + scale)))
	c.Score = round3(math.Log1p(c.Sigmas) * (1 + min(rel, 10)) * c.Persistence)
	return c
}

func values(pts []point) []float64 {
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = p.v
	}
	return out
}

// robust returns the median and 1.4826·MAD of xs. A MAD of zero (more than
// half the points equal) falls back to the mean absolute deviation, so a
// mostly flat baseline with some jitter still has a spread.
func robust(xs []float64) band {
	med := median(xs)
	dev := make([]float64, len(xs))
	sum := 0.0
	for i, x := range xs {
		dev[i] = math.Abs(x - med)
		sum += dev[i]
	}
	mad := median(dev)
	if mad > 0 {
		return band{med, 1.4826 * mad}
	}
	return band{med, 1.2533 * sum / float64(len(xs))}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

func labelString(l map[string]string) string {
	if len(l) == 0 {
		return ""
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteString(`="`)
		b.WriteString(l[k])
		b.WriteByte('"')
	}
	return b.String()
}

func seriesName(service, name string, l map[string]string) string {
	s := name
	if ls := labelString(l); ls != "" {
		s += "{" + ls + "}"
	}
	if service != "" {
		s = service + "/" + s
	}
	return s
}

// finite turns an overflow into 0, so a finding always marshals.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// round3 keeps three significant decimals so findings print and compare
// stably.
func round3(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}
