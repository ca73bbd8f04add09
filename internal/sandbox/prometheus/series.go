package prometheus

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/prometheus/prometheus/model/labels"

	"github.com/warroom/warroom/internal/telemetry"
)

// series is one series with its samples in time order, as both the query
// storage and the OpenMetrics export see it, so that the two agree on
// names and labels.
type series struct {
	lset    labels.Labels
	samples []point
}

// point is one float sample: T in milliseconds, as Prometheus counts.
type point struct {
	T int64
	F float64
}

// buildSeries groups samples into series sorted by label set. A series'
// labels are the sample's labels (names mapped as telemetry.MetricName maps
// metric names, empty values dropped as Prometheus drops them), then
// __name__ and the service label. Two samples of one series at the same
// millisecond with different values are refused, as a TSDB refuses a
// duplicate sample; identical repeats are kept once.
func buildSeries(samples []telemetry.Sample) ([]series, error) {
	byKey := map[string]*series{}
	for i, s := range samples {
		lset, err := seriesLabels(s)
		if err != nil {
			return nil, fmt.Errorf("sample %d (%s at %s): %w", i, s.Name, s.TS.Format("2006-01-02T15:04:05Z07:00"), err)
		}
		key := lset.String()
		sr, ok := byKey[key]
		if !ok {
			sr = &series{lset: lset}
			byKey[key] = sr
		}
		sr.samples = append(sr.samples, point{T: s.TS.UnixMilli(), F: s.Value})
	}
	out := make([]series, 0, len(byKey))
	for _, sr := range byKey {
		slices.SortStableFunc(sr.samples, func(a, b point) int { return cmp.Compare(a.T, b.T) })
		kept := sr.samples[:0]
		for _, p := range sr.samples {
			if n := len(kept); n > 0 && kept[n-1].T == p.T {
				if !sameValue(kept[n-1].F, p.F) {
					return nil, fmt.Errorf("series %s: two values at %d ms (%g and %g)", sr.lset, p.T, kept[n-1].F, p.F)
				}
				continue
			}
			kept = append(kept, p)
		}
		sr.samples = kept
		out = append(out, *sr)
	}
	slices.SortFunc(out, func(a, b series) int { return labels.Compare(a.lset, b.lset) })
	return out, nil
}

// sameValue is equality that counts two NaNs as the same value.
func sameValue(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

func seriesLabels(s telemetry.Sample) (labels.Labels, error) {
	name := telemetry.MetricName(s.Name)
	if name == "" {
		return labels.EmptyLabels(), fmt.Errorf("no metric name")
	}
	b := labels.NewScratchBuilder(len(s.Labels) + 2)
	seen := map[string]string{}
	for k, v := range s.Labels {
		ln := LabelName(k)
		if ln == "" || strings.HasPrefix(ln, "__") {
			return labels.EmptyLabels(), fmt.Errorf("label %q: names starting with __ are reserved and empty names are invalid", k)
		}
		if ln == telemetry.DefaultMetricServiceLabel && s.Service != "" {
			// The sample's service names the series; a label of the same
			// name would make two series look like one.
			return labels.EmptyLabels(), fmt.Errorf("label %q clashes with the service label", k)
		}
		if other, dup := seen[ln]; dup {
			return labels.EmptyLabels(), fmt.Errorf("labels %q and %q both map to %q", other, k, ln)
		}
		seen[ln] = k
		if v != "" {
			b.Add(ln, v)
		}
	}
	b.Add(labels.MetricName, name)
	if s.Service != "" {
		b.Add(telemetry.DefaultMetricServiceLabel, s.Service)
	}
	b.Sort()
	return b.Labels(), nil
}

// LabelName is the Prometheus label name of a telemetry label: characters a
// classic label name may not hold become underscores, as
// telemetry.MetricName does for metric names (a label name may not hold a
// colon either), so the sandbox and a backfilled Prometheus 2.x agree.
func LabelName(name string) string {
	var b strings.Builder
	for i, r := range name {
		ok := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
