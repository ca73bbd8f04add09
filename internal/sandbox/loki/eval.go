package loki

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/prometheus/model/labels"
)

// entry is one stored record: its stream, its rendered line and how many
// times it was logged.
type entry struct {
	ts     int64 // Unix nanoseconds
	stream labels.Labels
	line   string
	count  int
}

// Labels Loki sets when a pipeline stage fails on a line.
const (
	errorLabel        = "__error__"
	errorDetailsLabel = "__error_details__"
)

// selects reports whether the stream matches every matcher.
func (q *logQuery) selects(stream labels.Labels) bool {
	for _, m := range q.matchers {
		if !m.Matches(stream.Get(m.Name)) {
			return false
		}
	}
	return true
}

// process runs the pipeline on one line of a selected stream and returns
// the line's labels after it, or false when a filter drops the line.
func (q *logQuery) process(e entry) (map[string]string, bool) {
	lbs := e.stream.Map()
	for _, st := range q.stages {
		switch s := st.(type) {
		case lineFilter:
			if !s.keeps(e.line) {
				return nil, false
			}
		case parserStage:
			parse, errName := parseLogfmt, "LogfmtParserErr"
			if s.format == "json" {
				parse, errName = parseJSON, "JSONParserErr"
			}
			fields, err := parse(e.line)
			if err != nil {
				lbs[errorLabel], lbs[errorDetailsLabel] = errName, err.Error()
				continue
			}
			for k, v := range fields {
				name := sanitizeLabelName(k)
				if name == "" {
					continue
				}
				// An extracted key never overwrites a stream label.
				if e.stream.Has(name) {
					name += "_extracted"
				}
				lbs[name] = v
			}
		case labelFilter:
			if !s.pred.eval(lbs) {
				return nil, false
			}
		}
	}
	return lbs, true
}

func (f lineFilter) keeps(line string) bool {
	switch f.op {
	case "|=":
		return strings.Contains(line, f.text)
	case "!=":
		return !strings.Contains(line, f.text)
	case "|~":
		return f.re.MatchString(line)
	default: // !~
		return !f.re.MatchString(line)
	}
}

// eval tests the labels. A number or duration comparison against a value
// that is not one keeps the line and marks it with __error__, as Loki does.
// The and/or evaluation may stop early, as Loki's does.
func (p labelPred) eval(lbs map[string]string) bool {
	switch {
	case p.and != nil:
		return p.and[0].eval(lbs) && p.and[1].eval(lbs)
	case p.or != nil:
		return p.or[0].eval(lbs) || p.or[1].eval(lbs)
	}
	if !p.numeric {
		v := lbs[p.name]
		switch p.op {
		case "=", "==":
			return v == p.str
		case "!=":
			return v != p.str
		case "=~":
			return p.re.MatchString(v)
		default: // !~
			return !p.re.MatchString(v)
		}
	}
	// As Loki's numeric filters: a line already in error passes to the
	// string filters that can drop it, and a missing label drops the line.
	if _, failed := lbs[errorLabel]; failed {
		return true
	}
	v, ok := lbs[p.name]
	if !ok {
		return false
	}
	var x float64
	if p.durationCmp {
		d, err := parseLogQLDuration(v)
		if err != nil {
			lbs[errorLabel], lbs[errorDetailsLabel] = "LabelFilterErr", fmt.Sprintf("%s: cannot parse %q as a duration", p.name, v)
			return true
		}
		x = d.Seconds()
	} else {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			lbs[errorLabel], lbs[errorDetailsLabel] = "LabelFilterErr", fmt.Sprintf("%s: cannot parse %q as a number", p.name, v)
			return true
		}
		x = f
	}
	switch p.op {
	case ">":
		return x > p.num
	case ">=":
		return x >= p.num
	case "<":
		return x < p.num
	case "<=":
		return x <= p.num
	case "!=":
		return x != p.num
	default: // = and ==
		return x == p.num
	}
}

// streamLine is one line a log query returns.
type streamLine struct {
	ts   int64
	lbs  labels.Labels
	line string
}

// selectLines runs a log query over [start, end) and keeps the limit
// lines nearest the end the direction starts from.
func selectLines(entries []entry, q *logQuery, start, end int64, limit int, forward bool) []streamLine {
	lo, hi := window(entries, start, end)
	var out []streamLine
	visit := func(e entry) bool {
		if !q.selects(e.stream) {
			return true
		}
		lbs, ok := q.process(e)
		if !ok {
			return true
		}
		out = append(out, streamLine{ts: e.ts, lbs: labels.FromMap(lbs), line: e.line})
		return len(out) < limit
	}
	if forward {
		for i := lo; i < hi && visit(entries[i]); i++ {
		}
	} else {
		for i := hi - 1; i >= lo && visit(entries[i]); i-- {
		}
	}
	return out
}

// window is the index range of entries with start <= ts < end.
func window(entries []entry, start, end int64) (int, int) {
	lo := sort.Search(len(entries), func(i int) bool { return entries[i].ts >= start })
	hi := sort.Search(len(entries), func(i int) bool { return entries[i].ts >= end })
	return lo, max(lo, hi)
}

// --- metric queries ---

// sample is one value of one series at one instant.
type sample struct {
	lbs labels.Labels
	v   float64
}

// pipelineError is a metric query over lines a stage failed on, which
// Loki refuses rather than count them under an error label.
type pipelineError struct {
	name   string
	series labels.Labels
}

func (e *pipelineError) Error() string {
	return fmt.Sprintf("pipeline error: '%s' for series: '%s'.\n"+
		"Use a label filter to intentionally skip this error. (e.g | __error__!=\"%s\").\n"+
		"To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"+
		"The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n",
		e.name, e.series, e.name)
}

// counted is a line a range aggregation counts: its labels, how many lines
// it stands for and their bytes.
type counted struct {
	ts    int64
	lbs   labels.Labels
	key   string
	count float64
	bytes float64
}

// evaluator evaluates a metric query at instants between from and to,
// running each range aggregation's pipeline once over all the lines any
// instant needs.
type evaluator struct {
	entries []entry
	from    int64
	lines   map[*rangeAgg][]counted
}

func newEvaluator(entries []entry, from int64) *evaluator {
	return &evaluator{entries: entries, from: from, lines: map[*rangeAgg][]counted{}}
}

// prepare runs the pipelines of every range aggregation in e over
// (from-range, to].
func (ev *evaluator) prepare(e metricExpr, to int64) error {
	switch x := e.(type) {
	case *rangeAgg:
		lo, hi := window(ev.entries, ev.from-x.rng.Nanoseconds()+1, to+1)
		var out []counted
		for _, en := range ev.entries[lo:hi] {
			if !x.q.selects(en.stream) {
				continue
			}
			m, ok := x.q.process(en)
			if !ok {
				continue
			}
			lbs := labels.FromMap(m)
			if name, bad := m[errorLabel]; bad {
				return &pipelineError{name: name, series: lbs}
			}
			n := float64(en.count)
			out = append(out, counted{ts: en.ts, lbs: lbs, key: lbs.String(), count: n, bytes: n * float64(len(en.line))})
		}
		ev.lines[x] = out
	case *vectorAgg:
		return ev.prepare(x.inner, to)
	case *binaryExpr:
		if err := ev.prepare(x.lhs, to); err != nil {
			return err
		}
		return ev.prepare(x.rhs, to)
	}
	return nil
}

// value is what an expression yields at an instant: a vector, or a
// scalar for a number.
type value struct {
	vec      []sample
	scalar   float64
	isScalar bool
}

func (ev *evaluator) eval(e metricExpr, t int64) value {
	switch x := e.(type) {
	case numberLit:
		return value{scalar: x.v, isScalar: true}
	case *rangeAgg:
		return value{vec: ev.rangeAt(x, t)}
	case *vectorAgg:
		return value{vec: aggregate(x, ev.eval(x.inner, t))}
	case *binaryExpr:
		return binary(x.op, ev.eval(x.lhs, t), ev.eval(x.rhs, t))
	}
	panic(fmt.Sprintf("loki: unknown expression %T", e))
}

// rangeAt aggregates the lines in (t-range, t] per label set.
func (ev *evaluator) rangeAt(x *rangeAgg, t int64) []sample {
	lines := ev.lines[x]
	lo := sort.Search(len(lines), func(i int) bool { return lines[i].ts > t-x.rng.Nanoseconds() })
	hi := sort.Search(len(lines), func(i int) bool { return lines[i].ts > t })
	acc := map[string]*sample{}
	for _, l := range lines[lo:max(lo, hi)] {
		s, ok := acc[l.key]
		if !ok {
			s = &sample{lbs: l.lbs}
			acc[l.key] = s
		}
		if x.fn == "bytes_over_time" || x.fn == "bytes_rate" {
			s.v += l.bytes
		} else {
			s.v += l.count
		}
	}
	out := make([]sample, 0, len(acc))
	for _, s := range acc {
		if x.fn == "rate" || x.fn == "bytes_rate" {
			s.v /= x.rng.Seconds()
		}
		out = append(out, *s)
	}
	sortSamples(out)
	return out
}

func sortSamples(v []sample) {
	slices.SortFunc(v, func(a, b sample) int { return labels.Compare(a.lbs, b.lbs) })
}

// groupLabels is the labels a sample keeps in its aggregation group.
func groupLabels(agg *vectorAgg, lbs labels.Labels) labels.Labels {
	if !agg.grouped {
		return labels.EmptyLabels()
	}
	b := labels.NewBuilder(lbs)
	if agg.without {
		b.Del(agg.grouping...)
	} else {
		b.Keep(agg.grouping...)
	}
	return b.Labels()
}

func aggregate(agg *vectorAgg, in value) []sample {
	if in.isScalar {
		in = value{vec: []sample{{lbs: labels.EmptyLabels(), v: in.scalar}}}
	}
	groups := map[string][]sample{}
	keys := map[string]labels.Labels{}
	for _, s := range in.vec {
		g := groupLabels(agg, s.lbs)
		k := g.String()
		groups[k] = append(groups[k], s)
		keys[k] = g
	}
	var out []sample
	for k, members := range groups {
		switch agg.op {
		case "topk", "bottomk":
			slices.SortStableFunc(members, func(a, b sample) int {
				if agg.op == "topk" {
					return cmp.Compare(b.v, a.v)
				}
				return cmp.Compare(a.v, b.v)
			})
			out = append(out, members[:min(agg.param, len(members))]...)
			continue
		}
		v := members[0].v
		for _, s := range members[1:] {
			switch agg.op {
			case "sum", "avg":
				v += s.v
			case "min":
				v = math.Min(v, s.v)
			case "max":
				v = math.Max(v, s.v)
			}
		}
		switch agg.op {
		case "avg":
			v /= float64(len(members))
		case "count":
			v = float64(len(members))
		}
		out = append(out, sample{lbs: keys[k], v: v})
	}
	sortSamples(out)
	return out
}

// binary applies an arithmetic operator; two vectors are matched on
// identical label sets.
func binary(op string, l, r value) value {
	apply := func(a, b float64) float64 {
		switch op {
		case "+":
			return a + b
		case "-":
			return a - b
		case "*":
			return a * b
		default:
			return a / b
		}
	}
	switch {
	case l.isScalar && r.isScalar:
		return value{scalar: apply(l.scalar, r.scalar), isScalar: true}
	case r.isScalar:
		out := make([]sample, len(l.vec))
		for i, s := range l.vec {
			out[i] = sample{lbs: s.lbs, v: apply(s.v, r.scalar)}
		}
		return value{vec: out}
	case l.isScalar:
		out := make([]sample, len(r.vec))
		for i, s := range r.vec {
			out[i] = sample{lbs: s.lbs, v: apply(l.scalar, s.v)}
		}
		return value{vec: out}
	}
	right := map[string]float64{}
	for _, s := range r.vec {
		right[s.lbs.String()] = s.v
	}
	var out []sample
	for _, s := range l.vec {
		if rv, ok := right[s.lbs.String()]; ok {
			out = append(out, sample{lbs: s.lbs, v: apply(s.v, rv)})
		}
	}
	return value{vec: out}
}

// rangeSeries evaluates e at every step from start to end and gathers the
// points of each series; a scalar becomes one series without labels.
func rangeSeries(ev *evaluator, e metricExpr, start, end int64, step time.Duration) []series {
	bySeries := map[string]*series{}
	for t := start; t <= end; t += step.Nanoseconds() {
		v := ev.eval(e, t)
		if v.isScalar {
			v.vec = []sample{{lbs: labels.EmptyLabels(), v: v.scalar}}
		}
		for _, s := range v.vec {
			k := s.lbs.String()
			sr, ok := bySeries[k]
			if !ok {
				sr = &series{lbs: s.lbs}
				bySeries[k] = sr
			}
			sr.points = append(sr.points, point{t: t, v: s.v})
		}
	}
	out := make([]series, 0, len(bySeries))
	for _, k := range slices.Sorted(maps.Keys(bySeries)) {
		out = append(out, *bySeries[k])
	}
	return out
}

type series struct {
	lbs    labels.Labels
	points []point
}

type point struct {
	t int64 // Unix nanoseconds
	v float64
}
