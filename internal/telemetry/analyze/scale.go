package analyze

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/warroom/warroom/internal/telemetry"
)

// ScaleMismatch is a warning that logs a measured value beside the bound it
// was held against, where the value lies far beyond the bound on every
// line. A bound that is merely too tight leaves values close to it; values
// tens or thousands of times past it say the two are on different scales
// (metres against kilometres, cents against euros, milliseconds against
// seconds): a unit or format fault, not a capacity one.
type ScaleMismatch struct {
	Service string `json:"service"`
	Message string `json:"message"`
	// Value and Bound are the attribute names; Ratio is how far past the
	// bound the value lies, as the smallest and largest factor seen.
	Value    string  `json:"value"`
	Bound    string  `json:"bound"`
	MinRatio float64 `json:"min_ratio"`
	MaxRatio float64 `json:"max_ratio"`
	Lines    int     `json:"lines"`
}

// Sentence says what the mismatch is, for a timeline and a reasoner.
func (m ScaleMismatch) Sentence() string {
	return fmt.Sprintf("%s logs %q with %s %s–%s× past its bound %s on %s: a unit or scale mismatch between the value and the bound",
		m.Service, clip(m.Message, 60), m.Value, short(m.MinRatio), short(m.MaxRatio), m.Bound, plural(m.Lines, "line", "lines"))
}

// Thresholds: the smallest factor past the bound that no ordinary tight
// bound produces, and how many lines must show it.
const (
	scaleFactor = 20
	scaleLines  = 3
)

// boundWords mark an attribute as a bound: the upper ones are exceeded by
// larger values, the lower ones by smaller.
var (
	upperBoundWords = []string{"max", "maximum", "limit", "cap", "ceiling", "threshold", "upper"}
	lowerBoundWords = []string{"min", "minimum", "floor", "lower"}
)

// ScaleMismatches finds, among the WARN-or-worse lines from onset on (all
// lines with a zero onset), each message whose lines carry a numeric bound
// attribute and another numeric attribute that lies at least scaleFactor
// times past it on every one of at least scaleLines lines. Results are
// ordered by line count, then service and message.
func ScaleMismatches(records []telemetry.LogRecord, onset time.Time) []ScaleMismatch {
	type key struct{ service, msg string }
	groups := map[key][]telemetry.LogRecord{}
	for _, r := range records {
		if levelRank(normLevel(r.Level)) < levelRank(telemetry.LevelWarn) || !onset.IsZero() && r.TS.Before(onset) || len(r.Attrs) < 2 {
			continue
		}
		k := key{r.Service, r.Msg}
		groups[k] = append(groups[k], r)
	}
	var out []ScaleMismatch
	for k, recs := range groups {
		if m, ok := scaleMismatch(recs); ok {
			m.Service, m.Message = k.service, k.msg
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Lines != out[j].Lines {
			return out[i].Lines > out[j].Lines
		}
		if out[i].Service != out[j].Service {
			return out[i].Service < out[j].Service
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// scaleMismatch checks one message's lines; the first qualifying pair in
// name order wins.
func scaleMismatch(recs []telemetry.LogRecord) (ScaleMismatch, bool) {
	var names []string
	for _, r := range recs {
		for k := range r.Attrs {
			if !slices.Contains(names, k) {
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	for _, bound := range names {
		dir := boundDirection(bound)
		if dir == 0 {
			continue
		}
		for _, value := range names {
			if value == bound || boundDirection(value) != 0 {
				continue
			}
			m := ScaleMismatch{Value: value, Bound: bound, MinRatio: math.Inf(1)}
			ok := true
			for _, r := range recs {
				v, okV := number(r.Attrs[value])
				b, okB := number(r.Attrs[bound])
				if !okV || !okB {
					continue
				}
				ratio := 0.0
				switch {
				case b <= 0 || v <= 0:
				case dir > 0:
					ratio = v / b
				default:
					ratio = b / v
				}
				if ratio < scaleFactor {
					ok = false
					break
				}
				m.Lines += r.Times()
				m.MinRatio, m.MaxRatio = min(m.MinRatio, ratio), max(m.MaxRatio, ratio)
			}
			if ok && m.Lines >= scaleLines {
				m.MinRatio, m.MaxRatio = round3(m.MinRatio), round3(m.MaxRatio)
				return m, true
			}
		}
	}
	return ScaleMismatch{}, false
}

// boundDirection is +1 for an upper bound, -1 for a lower one, 0 when the
// name is not a bound; the name's words are split at _ . - and humps.
func boundDirection(name string) int {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var split []string
	for _, w := range words {
		start := 0
		for i, r := range w {
			if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rune(w[i-1])) {
				split = append(split, strings.ToLower(w[start:i]))
				start = i
			}
		}
		split = append(split, strings.ToLower(w[start:]))
	}
	for _, w := range split {
		switch {
		case slices.Contains(upperBoundWords, w):
			return 1
		case slices.Contains(lowerBoundWords, w):
			return -1
		}
	}
	return 0
}

// number reads a numeric attribute (attrNumber), refusing NaN and the
// infinities, which no bound can be compared with.
func number(v any) (float64, bool) {
	x, ok := attrNumber(v)
	return x, ok && !math.IsNaN(x) && !math.IsInf(x, 0)
}
