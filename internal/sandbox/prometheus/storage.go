package prometheus

import (
	"context"
	"slices"
	"sort"

	"github.com/prometheus/prometheus/model/histogram"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/storage"
	"github.com/prometheus/prometheus/tsdb/chunkenc"
	"github.com/prometheus/prometheus/tsdb/chunks"
	"github.com/prometheus/prometheus/util/annotations"
)

// memStore is a read-only storage.Queryable over series held in memory.
// The data never changes after New, so a slice sorted by label set is all
// the index needed, and there is no TSDB directory to create or remove.
type memStore struct {
	series []series // sorted by labels.Compare
}

func (m *memStore) Querier(mint, maxt int64) (storage.Querier, error) {
	return &querier{store: m, mint: mint, maxt: maxt}, nil
}

// querier sees the samples in [mint, maxt] and the series that have one.
type querier struct {
	store      *memStore
	mint, maxt int64
}

// inRange is the part of samples within the querier's bounds.
func (q *querier) inRange(samples []point) []point {
	lo := sort.Search(len(samples), func(i int) bool { return samples[i].T >= q.mint })
	hi := sort.Search(len(samples), func(i int) bool { return samples[i].T > q.maxt })
	return samples[lo:hi]
}

// matching calls f for each series in range whose labels match all
// matchers, in label order, until f returns false.
func (q *querier) matching(ctx context.Context, matchers []*labels.Matcher, f func(series, []point) bool) error {
	for i, s := range q.store.series {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		pts := q.inRange(s.samples)
		if len(pts) == 0 || !matchesAll(s.lset, matchers) {
			continue
		}
		if !f(s, pts) {
			break
		}
	}
	return nil
}

func matchesAll(lset labels.Labels, matchers []*labels.Matcher) bool {
	for _, m := range matchers {
		if !m.Matches(lset.Get(m.Name)) {
			return false
		}
	}
	return true
}

// Select returns the matching series, always sorted (they are stored so),
// trimmed to the hinted window when one is given.
func (q *querier) Select(ctx context.Context, _ bool, hints *storage.SelectHints, matchers ...*labels.Matcher) storage.SeriesSet {
	sub := *q
	if hints != nil {
		sub.mint = max(sub.mint, hints.Start)
		sub.maxt = min(sub.maxt, hints.End)
	}
	var out []storage.Series
	err := sub.matching(ctx, matchers, func(s series, pts []point) bool {
		out = append(out, storage.NewListSeries(s.lset, toChunkSamples(pts)))
		return hints == nil || hints.Limit <= 0 || len(out) < hints.Limit
	})
	if err != nil {
		return storage.ErrSeriesSet(err)
	}
	return &seriesSet{series: out, i: -1}
}

func (q *querier) LabelValues(ctx context.Context, name string, hints *storage.LabelHints, matchers ...*labels.Matcher) ([]string, annotations.Annotations, error) {
	seen := map[string]struct{}{}
	err := q.matching(ctx, matchers, func(s series, _ []point) bool {
		if v := s.lset.Get(name); v != "" {
			seen[v] = struct{}{}
		}
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	return sortedLimited(seen, hints), nil, nil
}

func (q *querier) LabelNames(ctx context.Context, hints *storage.LabelHints, matchers ...*labels.Matcher) ([]string, annotations.Annotations, error) {
	seen := map[string]struct{}{}
	err := q.matching(ctx, matchers, func(s series, _ []point) bool {
		s.lset.Range(func(l labels.Label) { seen[l.Name] = struct{}{} })
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	return sortedLimited(seen, hints), nil, nil
}

func (*querier) Close() error { return nil }

func sortedLimited(set map[string]struct{}, hints *storage.LabelHints) []string {
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	slices.Sort(out)
	if hints != nil && hints.Limit > 0 && len(out) > hints.Limit {
		out = out[:hints.Limit]
	}
	return out
}

type seriesSet struct {
	series []storage.Series
	i      int
}

func (s *seriesSet) Next() bool {
	s.i++
	return s.i < len(s.series)
}

func (s *seriesSet) At() storage.Series              { return s.series[s.i] }
func (*seriesSet) Err() error                        { return nil }
func (*seriesSet) Warnings() annotations.Annotations { return nil }

func toChunkSamples(pts []point) []chunks.Sample {
	out := make([]chunks.Sample, len(pts))
	for i, p := range pts {
		out[i] = floatSample{t: p.T, f: p.F}
	}
	return out
}

// floatSample is a point as the storage package's list series iterates it.
type floatSample struct {
	t int64
	f float64
}

func (s floatSample) T() int64                    { return s.t }
func (floatSample) ST() int64                     { return 0 }
func (s floatSample) F() float64                  { return s.f }
func (floatSample) H() *histogram.Histogram       { return nil }
func (floatSample) FH() *histogram.FloatHistogram { return nil }
func (floatSample) Type() chunkenc.ValueType      { return chunkenc.ValFloat }
func (s floatSample) Copy() chunks.Sample         { return s }
