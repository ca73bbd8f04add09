package triage

// prefilter.go lets the long rule tables skip, with a substring search, the
// expressions that cannot match a text. Most of an incident's text matches
// none of the ~250 impact rules and language glosses, and Go's regexp spends
// most of a classification proving that; strings.Contains proves it far
// faster. The needles are derived from each expression's syntax tree, so
// they never need maintaining beside the rules.

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
)

// needles is a necessary condition for an expression to match: the text
// must contain at least one of them. A nil needles says nothing and lets
// every text through.
type needles []string

// maxNeedles bounds the alternatives kept; past it, checking them all
// would cost about as much as the expression.
const maxNeedles = 48

// usable keeps needles only when every one is at least two bytes long: a
// one-letter needle is in nearly every text and would only cost time.
func usable(n needles) needles {
	if len(n) == 0 || slices.ContainsFunc(n, func(s string) bool { return len(s) < 2 }) {
		return nil
	}
	return n
}

// mayMatch reports whether text contains one of the needles; false proves
// the expression cannot match.
func (n needles) mayMatch(text string) bool {
	if n == nil {
		return true
	}
	for _, s := range n {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// required returns strings one of which every match of re contains, or nil
// when it cannot tell.
func required(re *syntax.Regexp) needles {
	switch re.Op {
	case syntax.OpLiteral:
		return needles{literal(re)}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var all needles
		for _, sub := range re.Sub {
			n := required(sub)
			if n == nil {
				return nil // one branch needs nothing, so the whole needs nothing
			}
			all = append(all, n...)
		}
		if len(all) > maxNeedles {
			return nil
		}
		slices.Sort(all)
		return slices.Compact(all)
	case syntax.OpConcat:
		return bestOfConcat(re.Sub)
	}
	return nil
}

// bestOfConcat picks, among what each part of a concatenation requires and
// the runs of adjacent literals, the most selective condition: the longest
// shortest needle, then the fewest needles.
func bestOfConcat(subs []*syntax.Regexp) needles {
	var best needles
	consider := func(n needles) {
		if n == nil {
			return
		}
		if best == nil || shortest(n) > shortest(best) || (shortest(n) == shortest(best) && len(n) < len(best)) {
			best = n
		}
	}
	var run strings.Builder
	runFold := false
	flush := func() {
		if run.Len() > 0 {
			consider(needles{run.String()})
			run.Reset()
		}
	}
	for _, sub := range subs {
		if sub.Op == syntax.OpLiteral {
			// A case-sensitive literal and a case-insensitive one are
			// looked for differently, so a run does not cross them.
			fold := sub.Flags&syntax.FoldCase != 0
			if run.Len() > 0 && fold != runFold {
				flush()
			}
			runFold = fold
			run.WriteString(literal(sub))
			continue
		}
		flush()
		consider(required(sub))
	}
	flush()
	return best
}

func literal(re *syntax.Regexp) string {
	s := string(re.Rune)
	if re.Flags&syntax.FoldCase != 0 {
		s = strings.ToLower(s)
	}
	return s
}

func shortest(n needles) int {
	m := len(n[0])
	for _, s := range n[1:] {
		m = min(m, len(s))
	}
	return m
}

// gated is an expression with its prefilter. When the expression is one
// wide alternation (alone, or between fixed parts: "\b(?:a|b|c)\b"), each
// alternative has needles of its own, and a text runs only the
// alternatives it can match: dropping an alternative that matches nowhere
// in the text changes no match, so the reduced expression finds exactly
// what the whole one would.
type gated struct {
	re   *regexp.Regexp
	need needles
	// tree and at locate the alternation: tree.Sub[at] when at >= 0, the
	// tree itself when at < 0. alts are its alternatives and altNeed
	// their needles; alts is nil when the expression cannot be split.
	tree    *syntax.Regexp
	at      int
	alts    []*syntax.Regexp
	altNeed []needles

	mu      sync.Mutex
	reduced map[uint64]*regexp.Regexp
}

// newGated derives re's needles, for texts already lower-cased (as
// FoldText leaves them: a case-insensitive literal is looked for in lower
// case), and finds the alternation it can split.
func newGated(re *regexp.Regexp) *gated {
	g := &gated{re: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return g
	}
	g.need = usable(required(tree))
	// Capture groups would be renumbered by dropping alternatives.
	if tree.MaxCap() > 0 {
		return g
	}
	alt, at := tree, -1
	if tree.Op == syntax.OpConcat {
		// The widest alternation among the parts.
		for i, s := range tree.Sub {
			if s.Op == syntax.OpAlternate && (at < 0 || len(s.Sub) > len(tree.Sub[at].Sub)) {
				at = i
			}
		}
		if at < 0 {
			return g
		}
		alt = tree.Sub[at]
	}
	if alt.Op != syntax.OpAlternate || len(alt.Sub) < 4 || len(alt.Sub) > 64 {
		return g
	}
	g.tree, g.at, g.alts = tree, at, alt.Sub
	for _, a := range alt.Sub {
		g.altNeed = append(g.altNeed, usable(required(a)))
	}
	g.reduced = map[uint64]*regexp.Regexp{}
	return g
}

// forText returns the expression to run on text (lower case, as
// newGated expects), or nil when it cannot match.
func (g *gated) forText(text string) *regexp.Regexp {
	if !g.need.mayMatch(text) {
		return nil
	}
	if g.alts == nil {
		return g.re
	}
	var mask uint64
	for i, n := range g.altNeed {
		if n.mayMatch(text) {
			mask |= 1 << i
		}
	}
	switch {
	case mask == 0:
		return nil
	case mask == 1<<len(g.alts)-1:
		return g.re
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if re, ok := g.reduced[mask]; ok {
		return re
	}
	var open []*syntax.Regexp
	for i, a := range g.alts {
		if mask&(1<<i) != 0 {
			open = append(open, a)
		}
	}
	var alt *syntax.Regexp
	if len(open) == 1 {
		alt = open[0]
	} else {
		alt = &syntax.Regexp{Op: syntax.OpAlternate, Sub: open}
	}
	expr := alt
	if g.at >= 0 {
		subs := slices.Clone(g.tree.Sub)
		subs[g.at] = alt
		expr = &syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
	}
	re, err := regexp.Compile(expr.String())
	if err != nil {
		re = g.re // cannot happen for a tree that parsed; the whole is always right
	}
	g.reduced[mask] = re
	return re
}

// impactGates and glossGates gate impactRules and glosses, index by index.
var (
	impactGates = gatesOf(impactRules, func(r impactRule) *regexp.Regexp { return r.re })
	glossGates  = gatesOf(glosses, func(g gloss) *regexp.Regexp { return g.re })
)

func gatesOf[T any](rules []T, re func(T) *regexp.Regexp) []*gated {
	out := make([]*gated, len(rules))
	for i, r := range rules {
		out[i] = newGated(re(r))
	}
	return out
}
