package analyze

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// Pattern is a group of log lines that differ only in their variable parts.
type Pattern struct {
	// Template is the line with variable tokens masked: <ts>, <uuid>,
	// <email>, <ip>, <dur>, <hex>, <num>, <str> for a quoted string, and <*>
	// for any other token that varies.
	Template string   `json:"template"`
	Example  string   `json:"example"`
	Services []string `json:"services"`
	Levels   []string `json:"levels"`
	// Before and After count lines (weighted by LogRecord.Count) before
	// and from the onset on.
	Before    int       `json:"before"`
	After     int       `json:"after"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// FirstService logged the pattern's first line.
	FirstService string `json:"first_service,omitempty"`
	// New: the pattern has lines from the onset on and none before it.
	New bool `json:"new"`
	// Growth is the pattern's rate per minute after the onset over its
	// rate before (0 when it had no lines before).
	Growth float64 `json:"growth,omitempty"`

	afterBy map[string]int // lines from the onset on, by service
}

// MaxLevel is the most severe level among the pattern's lines.
func (p Pattern) MaxLevel() string {
	if len(p.Levels) == 0 {
		return ""
	}
	return p.Levels[len(p.Levels)-1]
}

const (
	maxPatterns   = 1000 // clusters; further unmatched lines go to one catch-all
	similarity    = 0.75 // share of equal tokens for two lines to share a template
	exampleRunes  = 200
	wildcard      = "<*>"
	catchAll      = "<*> (lines beyond the pattern limit)"
	minMergeWords = 4 // shorter lines only group when their masks are equal
)

// LogPatterns groups records into templates, Drain-style: variable tokens
// are masked, lines with the same number of tokens and the same first
// token join the most similar template when at least 75% of their tokens
// are equal, and the tokens that differ become <*>. Counts are weighted by
// LogRecord.Count and split at onset; with a zero onset there is no
// baseline, every line counts as After and nothing is New. Patterns that
// are new since the onset come first, then by severity, growth and volume.
func LogPatterns(records []telemetry.LogRecord, onset time.Time) []Pattern {
	recs := make([]telemetry.LogRecord, len(records))
	copy(recs, records)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].TS.Before(recs[j].TS) })

	type cluster struct {
		tokens   []string
		p        Pattern
		services map[string]bool
		levels   map[string]bool
		exampleA bool // the example was logged from the onset on
	}
	var clusters []*cluster
	buckets := map[string][]*cluster{}
	var other *cluster
	var first, last time.Time
	for _, r := range recs {
		if first.IsZero() || r.TS.Before(first) {
			first = r.TS
		}
		if r.TS.After(last) {
			last = r.TS
		}
		tokens := strings.Fields(Mask(r.Msg))
		if len(tokens) == 0 {
			tokens = []string{"<empty>"}
		}
		key := bucketKey(tokens)
		var c *cluster
		best := -1.0
		for _, cand := range buckets[key] {
			if s := similar(cand.tokens, tokens); s > best {
				best, c = s, cand
			}
		}
		switch {
		case c != nil && best >= 1:
		case c != nil && len(tokens) >= minMergeWords && best >= similarity:
			merge(c.tokens, tokens)
		case len(clusters) < maxPatterns:
			c = &cluster{tokens: tokens, services: map[string]bool{}, levels: map[string]bool{}}
			clusters = append(clusters, c)
			buckets[key] = append(buckets[key], c)
		default:
			if other == nil {
				other = &cluster{tokens: []string{catchAll}, services: map[string]bool{}, levels: map[string]bool{}}
				clusters = append(clusters, other)
			}
			c = other
		}
		n := r.Times()
		after := onset.IsZero() || !r.TS.Before(onset)
		if after {
			c.p.After += n
		} else {
			c.p.Before += n
		}
		if c.p.FirstSeen.IsZero() || r.TS.Before(c.p.FirstSeen) {
			c.p.FirstSeen, c.p.FirstService = r.TS, r.Service
		}
		if after {
			if c.p.afterBy == nil {
				c.p.afterBy = map[string]int{}
			}
			c.p.afterBy[r.Service] += n
		}
		if r.TS.After(c.p.LastSeen) {
			c.p.LastSeen = r.TS
		}
		if c.p.Example == "" || (after && !c.exampleA) {
			c.p.Example, c.exampleA = clip(r.Msg, exampleRunes), after
		}
		if r.Service != "" {
			c.services[r.Service] = true
		}
		c.levels[normLevel(r.Level)] = true
	}

	out := make([]Pattern, 0, len(clusters))
	minutesBefore := onset.Sub(first).Minutes() + 1
	minutesAfter := last.Sub(onset).Minutes() + 1
	for _, c := range clusters {
		p := c.p
		p.Template = clip(strings.Join(c.tokens, " "), exampleRunes)
		p.Services = sortedKeys(c.services)
		p.Levels = sortedLevels(c.levels)
		if !onset.IsZero() {
			p.New = p.Before == 0 && p.After > 0
			if p.Before > 0 && minutesBefore > 0 && minutesAfter > 0 {
				p.Growth = round3((float64(p.After) / minutesAfter) / (float64(p.Before) / minutesBefore))
			}
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.New != b.New {
			return a.New
		}
		if la, lb := levelRank(a.MaxLevel()), levelRank(b.MaxLevel()); la != lb {
			return la > lb
		}
		if a.Growth != b.Growth {
			return a.Growth > b.Growth
		}
		if a.After != b.After {
			return a.After > b.After
		}
		return a.Template < b.Template
	})
	return out
}

// bucketKey narrows the templates a line is compared with, as Drain's
// tree does: same length, same first token unless that token is variable.
func bucketKey(tokens []string) string {
	first := tokens[0]
	if isPlaceholder(first) {
		first = wildcard
	}
	return first + "\x00" + strconv.Itoa(len(tokens))
}

// similar is the share of positions where the template and the line hold
// the same token; wildcards do not count as equal, so a template that has
// absorbed many variants does not swallow everything of its length.
func similar(tmpl, tokens []string) float64 {
	if len(tmpl) != len(tokens) {
		return 0
	}
	eq := 0
	for i := range tmpl {
		if tmpl[i] == tokens[i] && tmpl[i] != wildcard {
			eq++
		}
	}
	if eq == len(tmpl) {
		return 1
	}
	return float64(eq) / float64(len(tmpl))
}

func merge(tmpl, tokens []string) {
	for i := range tmpl {
		if tmpl[i] != tokens[i] {
			tmpl[i] = wildcard
		}
	}
}

var (
	reTS     = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`)
	reQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|(?:^|[\s=:(\[,])'[^'\n]*'`)
	reEmail  = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	reUUID   = regexp.MustCompile(`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`)
	reIPv4   = regexp.MustCompile(`\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b`)
	reIPv6   = regexp.MustCompile(`\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b|::1\b`)
	reDur    = regexp.MustCompile(`\b(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+\b`)
	reHex    = regexp.MustCompile(`\b(?:0x[0-9a-fA-F]+|[0-9a-fA-F]{8,})\b`)
	reNum    = regexp.MustCompile(`\b\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b`)
)

// Mask replaces the variable parts of a log line with placeholders, so
// lines that differ only in ids, numbers, addresses, times or quoted values
// read the same. Any token that still holds a digit afterwards is masked
// piecewise (between / = : , separators), as Drain treats digit-bearing
// tokens as variables.
func Mask(line string) string {
	s := reTS.ReplaceAllString(line, "<ts>")
	s = reQuoted.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '"' {
			return `"<str>"`
		}
		i := strings.IndexByte(m, '\'')
		return m[:i] + "'<str>'"
	})
	s = reEmail.ReplaceAllString(s, "<email>")
	s = reUUID.ReplaceAllString(s, "<uuid>")
	s = reIPv4.ReplaceAllString(s, "<ip>")
	s = reIPv6.ReplaceAllString(s, "<ip>")
	s = reDur.ReplaceAllString(s, "<dur>")
	s = reHex.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "0x") {
			return "<hex>"
		}
		digits, letters := false, false
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits = true
			} else {
				letters = true
			}
		}
		switch {
		case !digits: // a word made of the letters a-f
			return m
		case !letters:
			return "<num>"
		}
		return "<hex>"
	})
	s = reNum.ReplaceAllString(s, "<num>")
	fields := strings.Fields(s)
	for i, f := range fields {
		if strings.ContainsAny(f, "0123456789") {
			fields[i] = maskPieces(f)
		}
	}
	return strings.Join(fields, " ")
}

// maskPieces masks the digit-bearing pieces of a token between separators,
// so a path or key=value keeps its shape.
func maskPieces(tok string) string {
	var b strings.Builder
	start := 0
	flush := func(end int) {
		piece := tok[start:end]
		if strings.ContainsAny(piece, "0123456789") {
			b.WriteString(wildcard)
		} else {
			b.WriteString(piece)
		}
	}
	for i := 0; i < len(tok); i++ {
		if strings.IndexByte("/=:,;()[]{}", tok[i]) >= 0 {
			flush(i)
			b.WriteByte(tok[i])
			start = i + 1
		}
	}
	flush(len(tok))
	return b.String()
}

func isPlaceholder(t string) bool {
	return strings.Contains(t, "<") && strings.Contains(t, ">") || strings.ContainsAny(t, "0123456789")
}

var levelOrder = []string{telemetry.LevelDebug, telemetry.LevelInfo, telemetry.LevelWarn, telemetry.LevelError, telemetry.LevelFatal}

// normLevel maps common spellings onto the five levels; an unknown level
// is kept upper-cased.
func normLevel(l string) string {
	u := strings.ToUpper(strings.TrimSpace(l))
	switch u {
	case "", "INFORMATION", "NOTICE":
		return telemetry.LevelInfo
	case "TRACE":
		return telemetry.LevelDebug
	case "WARNING":
		return telemetry.LevelWarn
	case "ERR":
		return telemetry.LevelError
	case "CRITICAL", "CRIT", "PANIC", "EMERG", "EMERGENCY", "ALERT":
		return telemetry.LevelFatal
	}
	return u
}

// levelRank orders levels; an unknown level ranks with INFO.
func levelRank(l string) int {
	for i, x := range levelOrder {
		if x == l {
			return i
		}
	}
	return 1
}

func sortedLevels(m map[string]bool) []string {
	out := sortedKeys(m)
	sort.SliceStable(out, func(i, j int) bool { return levelRank(out[i]) < levelRank(out[j]) })
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// clip shortens s to n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
