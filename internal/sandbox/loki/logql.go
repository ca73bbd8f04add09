package loki

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
)

// The LogQL this package understands, parsed by hand (Loki's own parser is
// not a dependency we may take):
//
//	query     = logQuery | metric
//	logQuery  = selector { lineFilter | "|" stage }
//	selector  = "{" matcher { "," matcher } "}"      matcher: name (= != =~ !~) string
//	lineFilter= ("|=" | "!=" | "|~" | "!~") string
//	stage     = "json" | "logfmt" | labelPred
//	labelPred = cmp { ("and" | "," | "or") cmp }      cmp: name op (string | number | duration)
//	metric    = term { ("+" | "-" | "*" | "/") term }  (left to right, * and / first)
//	term      = number | "(" metric ")" | rangeAgg | vectorAgg
//	rangeAgg  = ("count_over_time" | "rate" | "bytes_over_time" | "bytes_rate") "(" logQuery "[" duration "]" ")"
//	vectorAgg = ("sum"|"avg"|"min"|"max"|"count"|"topk"|"bottomk") [grouping] "(" [number ","] metric ")" [grouping]
//	grouping  = ("by" | "without") "(" [name { "," name }] ")"

// parseError is a query Loki would refuse, with its position.
type parseError struct {
	col int // 1-based column; 0 when the error is about the whole query
	msg string
}

func (e *parseError) Error() string {
	if e.col == 0 {
		return "parse error : " + e.msg
	}
	return fmt.Sprintf("parse error at line 1, col %d: %s", e.col, e.msg)
}

// token kinds.
const (
	tEOF = iota
	tIdent
	tString
	tNumber
	tDuration
	tOp // punctuation and operators; text holds which
)

type token struct {
	kind int
	text string // the source text (for a string, its unquoted value)
	col  int
}

// describe names a token as Loki's grammar errors do.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "$end"
	case tIdent:
		return "IDENTIFIER"
	case tString:
		return "STRING"
	case tNumber:
		return "NUMBER"
	case tDuration:
		return "RANGE"
	}
	return t.text
}

// operators, longest first so that "|=" wins over "|".
var operators = []string{"|=", "|~", "!=", "!~", "=~", "==", ">=", "<=", "|>", "{", "}", "(", ")", "[", "]", ",", "|", "=", ">", "<", "+", "-", "*", "/", "%", "^"}

func lex(input string) ([]token, error) {
	var out []token
	i := 0
	for i < len(input) {
		r, size := utf8.DecodeRuneInString(input[i:])
		col := utf8.RuneCountInString(input[:i]) + 1
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '#': // a comment runs to the end of the line
			for i < len(input) && input[i] != '\n' {
				i++
			}
		case r == '"' || r == '`':
			end := i + 1
			for end < len(input) && input[end] != byte(r) {
				if r == '"' && input[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(input) {
				return nil, &parseError{col, "syntax error: unterminated string"}
			}
			s, err := strconv.Unquote(input[i : end+1])
			if err != nil {
				return nil, &parseError{col, fmt.Sprintf("syntax error: invalid string %s", input[i:end+1])}
			}
			out = append(out, token{tString, s, col})
			i = end + 1
		case r >= '0' && r <= '9' || (r == '.' && i+1 < len(input) && input[i+1] >= '0' && input[i+1] <= '9'):
			end := i
			for end < len(input) && (isIdentByte(input[end]) || input[end] == '.') {
				end++
			}
			text := input[i:end]
			if _, err := strconv.ParseFloat(text, 64); err == nil {
				out = append(out, token{tNumber, text, col})
			} else if _, err := parseLogQLDuration(text); err == nil {
				out = append(out, token{tDuration, text, col})
			} else {
				return nil, &parseError{col, fmt.Sprintf("syntax error: unexpected %s", text)}
			}
			i = end
		case r == '_' || (r < utf8.RuneSelf && unicode.IsLetter(r)):
			end := i
			for end < len(input) && isIdentByte(input[end]) {
				end++
			}
			out = append(out, token{tIdent, input[i:end], col})
			i = end
		default:
			matched := false
			for _, op := range operators {
				if strings.HasPrefix(input[i:], op) {
					out = append(out, token{tOp, op, col})
					i += len(op)
					matched = true
					break
				}
			}
			if !matched {
				return nil, &parseError{col, fmt.Sprintf("syntax error: unexpected character %q", r)}
			}
		}
	}
	return append(out, token{tEOF, "", utf8.RuneCountInString(input) + 1}), nil
}

func isIdentByte(b byte) bool {
	return b == '_' || b == ':' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// parseLogQLDuration reads a range or a duration value: Prometheus
// durations (5m, 1h30m) and Go ones (250ms, 1.5s).
func parseLogQLDuration(s string) (time.Duration, error) {
	if d, err := model.ParseDuration(s); err == nil {
		return time.Duration(d), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("parse duration %q: %w", s, err)
	}
	return d, nil
}

// --- the syntax tree ---

// logQuery selects streams and filters and parses their lines.
type logQuery struct {
	matchers []*labels.Matcher
	stages   []stage
}

type stage interface{ isStage() }

// lineFilter keeps lines that contain (or match) a string, or that don't.
type lineFilter struct {
	op   string // |= != |~ !~
	text string
	re   *regexp.Regexp
}

// parserStage extracts labels from the line.
type parserStage struct{ format string } // json | logfmt

// labelFilter keeps lines whose labels satisfy a predicate.
type labelFilter struct{ pred labelPred }

func (lineFilter) isStage()  {}
func (parserStage) isStage() {}
func (labelFilter) isStage() {}

// labelPred is a comparison or an and/or of two.
type labelPred struct {
	and, or     *[2]labelPred // set for a conjunction or disjunction
	name, op    string
	str         string // for = != =~ !~ against a string
	re          *regexp.Regexp
	num         float64 // for a number or duration comparison
	numeric     bool
	durationCmp bool
}

type metricExpr interface{ isMetric() }

type rangeAgg struct {
	fn  string // count_over_time, rate, bytes_over_time, bytes_rate
	q   *logQuery
	rng time.Duration
}

type vectorAgg struct {
	op       string
	without  bool
	grouping []string
	grouped  bool // a by or without clause was given
	param    int  // k of topk and bottomk
	inner    metricExpr
}

type binaryExpr struct {
	op       string
	lhs, rhs metricExpr
}

type numberLit struct{ v float64 }

func (*rangeAgg) isMetric()   {}
func (*vectorAgg) isMetric()  {}
func (*binaryExpr) isMetric() {}
func (numberLit) isMetric()   {}

// query is a parsed query: exactly one of log and metric is set.
type query struct {
	log    *logQuery
	metric metricExpr
}

// --- the parser ---

type parser struct {
	toks []token
	pos  int
}

func parseQuery(input string) (*query, error) {
	toks, err := lex(input)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	var q query
	if p.peek().kind == tOp && p.peek().text == "{" {
		q.log, err = p.logQuery()
	} else {
		q.metric, err = p.metric()
	}
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t, "")
	}
	return &q, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) unexpected(t token, expecting string) error {
	msg := "syntax error: unexpected " + t.describe()
	if expecting != "" {
		msg += ", expecting " + expecting
	}
	return &parseError{t.col, msg}
}

func (p *parser) expectOp(op string) (token, error) {
	t := p.next()
	if t.kind != tOp || t.text != op {
		return t, p.unexpected(t, op)
	}
	return t, nil
}

func (p *parser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == op
}

// unsupportedStages are LogQL stages this sandbox refuses by name.
var unsupportedStages = map[string]bool{
	"line_format": true, "label_format": true, "regexp": true, "pattern": true, "unpack": true,
	"unwrap": true, "drop": true, "keep": true, "decolorize": true,
}

func (p *parser) logQuery() (*logQuery, error) {
	if _, err := p.expectOp("{"); err != nil {
		return nil, err
	}
	q := &logQuery{}
	for !p.isOp("}") {
		if len(q.matchers) > 0 {
			if _, err := p.expectOp(","); err != nil {
				return nil, err
			}
		}
		name := p.next()
		if name.kind != tIdent {
			return nil, p.unexpected(name, "IDENTIFIER")
		}
		op := p.next()
		mt, ok := matchTypes[op.text]
		if op.kind != tOp || !ok {
			return nil, p.unexpected(op, "= or != or =~ or !~")
		}
		val := p.next()
		if val.kind != tString {
			return nil, p.unexpected(val, "STRING")
		}
		m, err := labels.NewMatcher(mt, name.text, val.text)
		if err != nil {
			return nil, &parseError{val.col, fmt.Sprintf("syntax error: invalid regexp %q: %v", val.text, err)}
		}
		q.matchers = append(q.matchers, m)
	}
	p.next()
	if !hasNonEmptyMatcher(q.matchers) {
		return nil, &parseError{0, `queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will`}
	}
	return q, p.pipeline(q)
}

// pipeline reads line filters and stages into q until something else.
func (p *parser) pipeline(q *logQuery) error {
	for {
		t := p.peek()
		if t.kind != tOp {
			return nil
		}
		switch t.text {
		case "|=", "!=", "|~", "!~":
			p.next()
			s := p.next()
			if s.kind != tString {
				return p.unexpected(s, "STRING")
			}
			if p.peek().kind == tIdent && p.peek().text == "or" {
				return unsupported(p.peek())
			}
			f := lineFilter{op: t.text, text: s.text}
			if t.text == "|~" || t.text == "!~" {
				re, err := regexp.Compile(s.text)
				if err != nil {
					return &parseError{s.col, fmt.Sprintf("syntax error: invalid regexp %q: %v", s.text, err)}
				}
				f.re = re
			}
			q.stages = append(q.stages, f)
		case "|>":
			return unsupported(t)
		case "|":
			p.next()
			st, err := p.stage()
			if err != nil {
				return err
			}
			q.stages = append(q.stages, st)
		default:
			return nil
		}
	}
}

var matchTypes = map[string]labels.MatchType{"=": labels.MatchEqual, "!=": labels.MatchNotEqual, "=~": labels.MatchRegexp, "!~": labels.MatchNotRegexp}

func hasNonEmptyMatcher(ms []*labels.Matcher) bool {
	for _, m := range ms {
		if (m.Type == labels.MatchEqual || m.Type == labels.MatchRegexp) && !m.Matches("") {
			return true
		}
	}
	return false
}

func (p *parser) stage() (stage, error) {
	t := p.peek()
	if t.kind != tIdent {
		return nil, p.unexpected(t, "IDENTIFIER")
	}
	switch {
	case t.text == "json" || t.text == "logfmt":
		p.next()
		if n := p.peek(); n.kind == tIdent || n.kind == tString {
			return nil, unsupported(n) // parameters of json and logfmt
		}
		return parserStage{format: t.text}, nil
	case unsupportedStages[t.text]:
		return nil, unsupported(t)
	}
	pred, err := p.labelPredicate()
	if err != nil {
		return nil, err
	}
	return labelFilter{pred: pred}, nil
}

// labelPredicate reads comparisons joined by and (or a comma) and or;
// and binds tighter than or.
func (p *parser) labelPredicate() (labelPred, error) {
	left, err := p.labelConjunction()
	if err != nil {
		return labelPred{}, err
	}
	for p.peek().kind == tIdent && p.peek().text == "or" {
		p.next()
		right, err := p.labelConjunction()
		if err != nil {
			return labelPred{}, err
		}
		left = labelPred{or: &[2]labelPred{left, right}}
	}
	return left, nil
}

func (p *parser) labelConjunction() (labelPred, error) {
	left, err := p.labelComparison()
	if err != nil {
		return labelPred{}, err
	}
	for (p.peek().kind == tIdent && p.peek().text == "and") || p.isOp(",") {
		p.next()
		right, err := p.labelComparison()
		if err != nil {
			return labelPred{}, err
		}
		left = labelPred{and: &[2]labelPred{left, right}}
	}
	return left, nil
}

func (p *parser) labelComparison() (labelPred, error) {
	if p.isOp("(") {
		p.next()
		pred, err := p.labelPredicate()
		if err != nil {
			return labelPred{}, err
		}
		_, err = p.expectOp(")")
		return pred, err
	}
	name := p.next()
	if name.kind != tIdent {
		return labelPred{}, p.unexpected(name, "IDENTIFIER")
	}
	op := p.next()
	if op.kind != tOp || !comparisonOps[op.text] {
		return labelPred{}, p.unexpected(op, "comparison operator")
	}
	val := p.next()
	pred := labelPred{name: name.text, op: op.text}
	switch val.kind {
	case tString:
		if op.text != "=" && op.text != "==" && op.text != "!=" && op.text != "=~" && op.text != "!~" {
			return labelPred{}, p.unexpected(val, "NUMBER or RANGE")
		}
		pred.str = val.text
		if op.text == "=~" || op.text == "!~" {
			re, err := regexp.Compile("^(?:" + val.text + ")$")
			if err != nil {
				return labelPred{}, &parseError{val.col, fmt.Sprintf("syntax error: invalid regexp %q: %v", val.text, err)}
			}
			pred.re = re
		}
	case tNumber, tDuration:
		if op.text == "=~" || op.text == "!~" {
			return labelPred{}, p.unexpected(val, "STRING")
		}
		pred.numeric = true
		if val.kind == tNumber {
			pred.num, _ = strconv.ParseFloat(val.text, 64)
		} else {
			d, _ := parseLogQLDuration(val.text)
			pred.num, pred.durationCmp = d.Seconds(), true
		}
	default:
		return labelPred{}, p.unexpected(val, "STRING or NUMBER or RANGE")
	}
	return pred, nil
}

// --- metric queries ---

var rangeFuncs = map[string]bool{"count_over_time": true, "rate": true, "bytes_over_time": true, "bytes_rate": true}

// unsupportedFuncs are Loki's other functions and operators, refused by
// name so the error says the sandbox lacks them rather than that the
// query is wrong.
var unsupportedFuncs = map[string]bool{
	"stddev": true, "stdvar": true, "sort": true, "sort_desc": true, "approx_topk": true,
	"label_replace": true, "vector": true, "absent": true,
	"sum_over_time": true, "avg_over_time": true, "max_over_time": true, "min_over_time": true,
	"first_over_time": true, "last_over_time": true, "stdvar_over_time": true, "stddev_over_time": true,
	"quantile_over_time": true, "absent_over_time": true, "rate_counter": true,
}

var vectorOps = map[string]bool{"sum": true, "avg": true, "min": true, "max": true, "count": true, "topk": true, "bottomk": true}

func (p *parser) metric() (metricExpr, error) {
	left, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") || p.isOp("-") {
		op := p.next().text
		right, err := p.product()
		if err != nil {
			return nil, err
		}
		left = &binaryExpr{op: op, lhs: left, rhs: right}
	}
	return left, nil
}

func (p *parser) product() (metricExpr, error) {
	left, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.isOp("*") || p.isOp("/") {
		op := p.next().text
		right, err := p.term()
		if err != nil {
			return nil, err
		}
		left = &binaryExpr{op: op, lhs: left, rhs: right}
	}
	return left, nil
}

func (p *parser) term() (metricExpr, error) {
	t := p.peek()
	switch {
	case t.kind == tNumber:
		p.next()
		v, _ := strconv.ParseFloat(t.text, 64)
		return numberLit{v}, nil
	case t.kind == tOp && t.text == "(":
		p.next()
		e, err := p.metric()
		if err != nil {
			return nil, err
		}
		_, err = p.expectOp(")")
		return e, err
	case t.kind == tIdent && rangeFuncs[t.text]:
		return p.rangeAggregation()
	case t.kind == tIdent && vectorOps[t.text]:
		return p.vectorAggregation()
	case t.kind == tIdent && (unsupportedFuncs[t.text] || unsupportedStages[t.text]):
		return nil, unsupported(t)
	}
	return nil, p.unexpected(t, "")
}

func (p *parser) rangeAggregation() (metricExpr, error) {
	fn := p.next().text
	if _, err := p.expectOp("("); err != nil {
		return nil, err
	}
	q, err := p.logQuery()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectOp("["); err != nil {
		return nil, err
	}
	d := p.next()
	if d.kind != tDuration {
		return nil, p.unexpected(d, "RANGE")
	}
	rng, _ := parseLogQLDuration(d.text)
	if rng <= 0 {
		return nil, &parseError{d.col, "syntax error: range must be positive"}
	}
	if _, err := p.expectOp("]"); err != nil {
		return nil, err
	}
	// Loki also takes the range right after the selector, before the pipeline.
	if err := p.pipeline(q); err != nil {
		return nil, err
	}
	if _, err := p.expectOp(")"); err != nil {
		return nil, err
	}
	return &rangeAgg{fn: fn, q: q, rng: rng}, nil
}

func (p *parser) vectorAggregation() (metricExpr, error) {
	agg := &vectorAgg{op: p.next().text}
	if err := p.grouping(agg); err != nil {
		return nil, err
	}
	if _, err := p.expectOp("("); err != nil {
		return nil, err
	}
	if agg.op == "topk" || agg.op == "bottomk" {
		k := p.next()
		n, err := strconv.Atoi(k.text)
		if k.kind != tNumber || err != nil || n <= 0 {
			return nil, p.unexpected(k, "positive integer")
		}
		agg.param = n
		if _, err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
	inner, err := p.metric()
	if err != nil {
		return nil, err
	}
	agg.inner = inner
	if _, err := p.expectOp(")"); err != nil {
		return nil, err
	}
	if !agg.grouped {
		if err := p.grouping(agg); err != nil {
			return nil, err
		}
	}
	return agg, nil
}

func (p *parser) grouping(agg *vectorAgg) error {
	t := p.peek()
	if t.kind != tIdent || (t.text != "by" && t.text != "without") {
		return nil
	}
	p.next()
	agg.grouped, agg.without = true, t.text == "without"
	if _, err := p.expectOp("("); err != nil {
		return err
	}
	for !p.isOp(")") {
		if len(agg.grouping) > 0 {
			if _, err := p.expectOp(","); err != nil {
				return err
			}
		}
		n := p.next()
		if n.kind != tIdent {
			return p.unexpected(n, "IDENTIFIER")
		}
		agg.grouping = append(agg.grouping, n.text)
	}
	p.next()
	return nil
}

var comparisonOps = map[string]bool{"=": true, "!=": true, "=~": true, "!~": true, ">": true, ">=": true, "<": true, "<=": true, "==": true}

// unsupported is the error for LogQL that Loki accepts and this sandbox
// does not.
func unsupported(t token) error {
	return &parseError{t.col, fmt.Sprintf("syntax error: unexpected %s (not supported by the sandbox)", t.text)}
}
