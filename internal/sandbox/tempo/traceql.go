package tempo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/warroom/warroom/internal/telemetry"
)

// The TraceQL this package understands, parsed by hand (Tempo's parser is
// not a dependency we may take):
//
//	query   = spanset { ("&&" | "||") spanset }
//	spanset = "{" [expr] "}"
//	expr    = and { "||" and }
//	and     = cmp { "&&" cmp }
//	cmp     = "(" expr ")" | field op value
//	field   = intrinsic | "." attr | "span." attr | "resource." attr
//	op      = "=" | "!=" | "=~" | "!~" | ">" | ">=" | "<" | "<="
//	value   = string | number | duration | true | false | error | ok | unset
//
// Intrinsics: name, status, statusMessage, duration, kind (and their
// span: forms), rootName, rootServiceName, traceDuration (and trace:rootName,
// trace:rootService, trace:duration). Structural operators (>>, >, ~, <<),
// pipelines (| count(), | select) and metrics functions are refused.

// queryError is a query Tempo would refuse, with its position.
type queryError struct {
	col int
	msg string
}

func (e *queryError) Error() string {
	return fmt.Sprintf("parse error at line 1, col %d: %s", e.col, e.msg)
}

// query is spansets joined by && or || (left to right).
type query struct {
	sets []*cond     // each spanset's condition; nil matches every span
	ops  []string    // ops[i] joins sets[i] and sets[i+1]
	refs []*fieldRef // every field the conditions read, for the search answer
}

// cond is a comparison or an and/or of two conditions.
type cond struct {
	and, or *[2]*cond
	field   fieldRef
	op      string
	val     literal
	re      *regexp.Regexp
}

// fieldRef names what a comparison reads.
type fieldRef struct {
	scope string // "", "span", "resource", "intrinsic", "trace"
	name  string // attribute or intrinsic name
}

// literal is a value in a query.
type literal struct {
	kind string // string, number, duration, bool, status, kind
	str  string
	num  float64 // numbers; durations in nanoseconds
	b    bool
}

var spanIntrinsics = map[string]string{
	"name": "name", "status": "status", "statusMessage": "statusMessage", "duration": "duration", "kind": "kind",
	"span:name": "name", "span:status": "status", "span:statusMessage": "statusMessage", "span:duration": "duration", "span:kind": "kind",
}

var traceIntrinsics = map[string]string{
	"rootName": "rootName", "rootServiceName": "rootServiceName", "traceDuration": "traceDuration",
	"trace:rootName": "rootName", "trace:rootService": "rootServiceName", "trace:duration": "traceDuration",
}

var statusLiterals = map[string]bool{"error": true, "ok": true, "unset": true}

var kindLiterals = map[string]bool{"unspecified": true, "internal": true, "server": true, "client": true, "producer": true, "consumer": true}

type tqParser struct {
	src string
	pos int
}

func parseTraceQL(src string) (*query, error) {
	p := &tqParser{src: src}
	q := &query{}
	for {
		p.space()
		if !p.eat("{") {
			return nil, p.errorf("syntax error: unexpected %s, expecting {", p.describe())
		}
		p.space()
		var c *cond
		if !p.peekIs("}") {
			var err error
			if c, err = p.expr(q); err != nil {
				return nil, err
			}
		}
		p.space()
		if !p.eat("}") {
			return nil, p.errorf("syntax error: unexpected %s, expecting }", p.describe())
		}
		q.sets = append(q.sets, c)
		p.space()
		switch {
		case p.pos == len(p.src):
			return q, nil
		case p.eat("&&"):
			q.ops = append(q.ops, "&&")
		case p.eat("||"):
			q.ops = append(q.ops, "||")
		default:
			return nil, p.unsupportedHere()
		}
	}
}

func (p *tqParser) space() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.pos])) {
		p.pos++
	}
}

func (p *tqParser) peekIs(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

func (p *tqParser) eat(s string) bool {
	if p.peekIs(s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *tqParser) col() int { return utf8.RuneCountInString(p.src[:p.pos]) + 1 }

func (p *tqParser) errorf(format string, args ...any) error {
	return &queryError{p.col(), fmt.Sprintf(format, args...)}
}

// describe names what comes next, as a grammar error does.
func (p *tqParser) describe() string {
	if p.pos >= len(p.src) {
		return "$end"
	}
	end := p.pos + 1
	for end < len(p.src) && isWordByte(p.src[end]) && isWordByte(p.src[p.pos]) {
		end++
	}
	return p.src[p.pos:end]
}

// unsupportedHere refuses valid TraceQL the sandbox lacks (structural
// operators, pipelines) as well as garbage, naming what it found.
func (p *tqParser) unsupportedHere() error {
	for _, op := range []string{">>", "<<", "!>>", "!<<", "!~", ">", "<", "~", "|"} {
		if p.peekIs(op) {
			return p.errorf("syntax error: unexpected %s (not supported by the sandbox)", op)
		}
	}
	return p.errorf("syntax error: unexpected %s", p.describe())
}

func isWordByte(b byte) bool {
	return b == '_' || b == '.' || b == ':' || b == '-' || b == '/' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

func (p *tqParser) expr(q *query) (*cond, error) {
	left, err := p.conj(q)
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		if !p.eat("||") {
			return left, nil
		}
		right, err := p.conj(q)
		if err != nil {
			return nil, err
		}
		left = &cond{or: &[2]*cond{left, right}}
	}
}

func (p *tqParser) conj(q *query) (*cond, error) {
	left, err := p.comparison(q)
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		if !p.eat("&&") {
			return left, nil
		}
		right, err := p.comparison(q)
		if err != nil {
			return nil, err
		}
		left = &cond{and: &[2]*cond{left, right}}
	}
}

var comparisonOps = []string{"!=", "=~", "!~", ">=", "<=", "=", ">", "<"}

func (p *tqParser) comparison(q *query) (*cond, error) {
	p.space()
	if p.eat("(") {
		c, err := p.expr(q)
		if err != nil {
			return nil, err
		}
		p.space()
		if !p.eat(")") {
			return nil, p.errorf("syntax error: unexpected %s, expecting )", p.describe())
		}
		return c, nil
	}
	field, err := p.field()
	if err != nil {
		return nil, err
	}
	p.space()
	c := &cond{field: field}
	for _, op := range comparisonOps {
		if p.eat(op) {
			c.op = op
			break
		}
	}
	if c.op == "" {
		// A bare field ({ .attr }) tests existence in Tempo; not here.
		return nil, p.errorf("syntax error: unexpected %s, expecting comparison operator", p.describe())
	}
	p.space()
	valCol := p.col()
	if c.val, err = p.literal(); err != nil {
		return nil, err
	}
	if c.op == "=~" || c.op == "!~" {
		if c.val.kind != "string" {
			return nil, &queryError{valCol, "syntax error: regular expressions need a string"}
		}
		if c.re, err = regexp.Compile("^(?:" + c.val.str + ")$"); err != nil {
			return nil, &queryError{valCol, fmt.Sprintf("invalid regular expression %q: %v", c.val.str, err)}
		}
	}
	if err := checkTypes(c, valCol); err != nil {
		return nil, err
	}
	q.refs = append(q.refs, &c.field)
	return c, nil
}

// checkTypes refuses comparisons an intrinsic cannot take.
func checkTypes(c *cond, col int) error {
	if c.field.scope != "intrinsic" && c.field.scope != "trace" {
		return nil
	}
	want := map[string]string{
		"name": "string", "statusMessage": "string", "rootName": "string", "rootServiceName": "string",
		"duration": "duration", "traceDuration": "duration", "status": "status", "kind": "kind",
	}[c.field.name]
	if c.val.kind != want {
		return &queryError{col, fmt.Sprintf("invalid comparison: %s cannot be compared with a %s", c.field.name, c.val.kind)}
	}
	if (want == "status" || want == "kind") && c.op != "=" && c.op != "!=" {
		return &queryError{col, fmt.Sprintf("invalid comparison: %s only takes = and !=", c.field.name)}
	}
	return nil
}

func (p *tqParser) word() string {
	start := p.pos
	for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

func (p *tqParser) field() (fieldRef, error) {
	col := p.col()
	switch {
	case p.eat("span."):
		if name := p.word(); name != "" {
			return fieldRef{"span", name}, nil
		}
	case p.eat("resource."):
		if name := p.word(); name != "" {
			return fieldRef{"resource", name}, nil
		}
	case p.eat("."):
		if name := p.word(); name != "" {
			return fieldRef{"", name}, nil
		}
	default:
		w := p.word()
		if n, ok := spanIntrinsics[w]; ok {
			return fieldRef{"intrinsic", n}, nil
		}
		if n, ok := traceIntrinsics[w]; ok {
			return fieldRef{"trace", n}, nil
		}
		if w != "" {
			return fieldRef{}, &queryError{col, fmt.Sprintf("syntax error: unexpected IDENTIFIER %s (not an intrinsic the sandbox knows; attributes start with . or span. or resource.)", w)}
		}
	}
	return fieldRef{}, p.errorf("syntax error: unexpected %s, expecting attribute or intrinsic", p.describe())
}

func (p *tqParser) literal() (literal, error) {
	if p.pos < len(p.src) && (p.src[p.pos] == '"' || p.src[p.pos] == '`') {
		q := p.src[p.pos]
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != q {
			if q == '"' && p.src[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(p.src) {
			return literal{}, p.errorf("syntax error: unterminated string")
		}
		s, err := strconv.Unquote(p.src[p.pos : end+1])
		if err != nil {
			return literal{}, p.errorf("syntax error: invalid string")
		}
		p.pos = end + 1
		return literal{kind: "string", str: s}, nil
	}
	start := p.pos
	w := p.word() // a word may start with "-": a negative number

	switch {
	case w == "true" || w == "false":
		return literal{kind: "bool", b: w == "true"}, nil
	case statusLiterals[w]:
		return literal{kind: "status", str: w}, nil
	case kindLiterals[w]:
		return literal{kind: "kind", str: w}, nil
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil {
		return literal{kind: "number", num: f}, nil
	}
	if d, err := time.ParseDuration(w); err == nil {
		return literal{kind: "duration", num: float64(d.Nanoseconds())}, nil
	}
	p.pos = start
	return literal{}, p.errorf("syntax error: unexpected %s, expecting a value", p.describe())
}

// --- evaluation ---

// traceInfo is what trace-level intrinsics read.
type traceInfo struct {
	rootName, rootService string
	durationNanos         float64
}

// matches tests one span of a trace.
func (c *cond) matches(s telemetry.Span, tr traceInfo) bool {
	switch {
	case c.and != nil:
		return c.and[0].matches(s, tr) && c.and[1].matches(s, tr)
	case c.or != nil:
		return c.or[0].matches(s, tr) || c.or[1].matches(s, tr)
	}
	v, ok := fieldValue(c.field, s, tr)
	if !ok {
		return false // TraceQL: a missing attribute matches no comparison, not even !=
	}
	return compare(v, c.op, c.val, c.re)
}

// fieldValue reads a field as a literal of its own type.
func fieldValue(f fieldRef, s telemetry.Span, tr traceInfo) (literal, bool) {
	switch f.scope {
	case "intrinsic":
		switch f.name {
		case "name":
			return literal{kind: "string", str: s.Name}, true
		case "statusMessage":
			return literal{kind: "string", str: s.StatusMessage}, true
		case "duration":
			return literal{kind: "duration", num: s.DurationMS * float64(time.Millisecond)}, true
		case "status":
			return literal{kind: "status", str: statusName(s.Status)}, true
		case "kind":
			return literal{kind: "kind", str: "unspecified"}, true
		}
	case "trace":
		switch f.name {
		case "rootName":
			return literal{kind: "string", str: tr.rootName}, true
		case "rootServiceName":
			return literal{kind: "string", str: tr.rootService}, true
		case "traceDuration":
			return literal{kind: "duration", num: tr.durationNanos}, true
		}
	case "resource":
		return resourceAttr(f.name, s)
	case "span":
		return spanAttr(f.name, s)
	default: // unscoped: the span's attribute, else the resource's
		if v, ok := spanAttr(f.name, s); ok {
			return v, true
		}
		return resourceAttr(f.name, s)
	}
	return literal{}, false
}

func resourceAttr(name string, s telemetry.Span) (literal, bool) {
	if name == "service.name" && s.Service != "" {
		return literal{kind: "string", str: s.Service}, true
	}
	return literal{}, false
}

func spanAttr(name string, s telemetry.Span) (literal, bool) {
	v, ok := s.Attrs[name]
	if !ok {
		return literal{}, false
	}
	switch x := v.(type) {
	case string:
		return literal{kind: "string", str: x}, true
	case float64:
		return literal{kind: "number", num: x}, true
	case bool:
		return literal{kind: "bool", b: x}, true
	}
	return literal{kind: "string", str: attrText(v)}, true
}

// statusName is a span status as TraceQL spells it.
func statusName(s string) string {
	switch s {
	case telemetry.StatusError:
		return "error"
	case telemetry.StatusOK:
		return "ok"
	}
	return "unset"
}

func compare(v literal, op string, want literal, re *regexp.Regexp) bool {
	if v.kind != want.kind {
		return false
	}
	switch v.kind {
	case "string":
		switch op {
		case "=":
			return v.str == want.str
		case "!=":
			return v.str != want.str
		case "=~":
			return re.MatchString(v.str)
		case "!~":
			return !re.MatchString(v.str)
		}
		return orderedCompare(strings.Compare(v.str, want.str), op)
	case "number", "duration":
		switch {
		case v.num < want.num:
			return orderedCompare(-1, op)
		case v.num > want.num:
			return orderedCompare(1, op)
		}
		return orderedCompare(0, op)
	case "bool":
		return (op == "=") == (v.b == want.b) && (op == "=" || op == "!=")
	default: // status, kind
		return (op == "=") == (v.str == want.str)
	}
}

func orderedCompare(c int, op string) bool {
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	}
	return false
}
