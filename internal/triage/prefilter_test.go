package triage

import (
	"regexp"
	"slices"
	"testing"
)

func TestNeedlesOf(t *testing.T) {
	tests := []struct {
		expr string
		want needles
	}{
		{`\bis down\b`, needles{"is down"}},
		{`(?i)\bIs Down\b`, needles{"is down"}},
		{`\b(?:outage|unreachable|offline)\b`, needles{"offline", "outage", "unreachable"}},
		// the longest required run wins over a short one
		{`\bno (?:\w+ )?orders?\b`, needles{"order"}},
		{`\b(?:can(?:no|')t|unable to) pay\b`, needles{" pay"}},
		// an optional part or a bare class requires nothing
		{`\b(?:down)?\d+%`, nil},
		{`\b(?:outage|\d+)\b`, nil},
		{`[a-z]+`, nil},
		// one-letter needles would let everything through anyway
		{`\b(?:a|b)\b`, nil},
	}
	for _, tt := range tests {
		got := newGated(regexp.MustCompile(tt.expr)).need
		if !slices.Equal(got, tt.want) {
			t.Errorf("needles of %q = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

// TestGatesFindWhatTheWholeExpressionFinds: over every case text, the
// expression a gate runs (the whole, a reduced one, or none) finds exactly
// the matches the whole expression finds, so the prefilter changes no
// verdict.
func TestGatesFindWhatTheWholeExpressionFinds(t *testing.T) {
	var texts []string
	for _, table := range severityTables() {
		for _, c := range table {
			texts = append(texts, severityText(c.sig))
		}
	}
	for _, c := range chatterTuning {
		texts = append(texts, severityText(Signal{Text: c.text}))
	}
	if raceEnabled {
		// Every fifth text: the same rules, a fifth of the time.
		var some []string
		for i := 0; i < len(texts); i += 5 {
			some = append(some, texts[i])
		}
		texts = some
	}
	skipped, reduced := 0, 0
	check := func(g *gated, text string) {
		switch re := g.forText(text); {
		case re == nil:
			skipped++
			if g.re.MatchString(text) {
				t.Errorf("%q skipped on a text it matches: %q", g.re, text)
			}
		case re != g.re:
			reduced++
			got, want := re.FindAllStringIndex(text, -1), g.re.FindAllStringIndex(text, -1)
			if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Errorf("%q reduced to %q finds %v, the whole %v, in %q", g.re, re, got, want, text)
			}
		}
	}
	for _, text := range texts {
		for _, g := range impactGates {
			check(g, text)
		}
		folded := FoldText(text)
		for _, g := range glossGates {
			check(g, folded)
		}
	}
	if skipped == 0 || reduced == 0 {
		t.Errorf("the gates skipped %d and reduced %d expressions: the prefilter does nothing", skipped, reduced)
	}
}

func TestGatedReducesToTheAlternativesATextCanMatch(t *testing.T) {
	g := newGated(regexp.MustCompile(`\b(?:outage|offline|unreachable|not responding|timing out)\b`))
	if re := g.forText("the kiosk is offline since noon"); re == nil || re.String() == g.re.String() {
		t.Fatalf("forText = %v, want a reduced expression", re)
	} else if got := re.FindString("the kiosk is offline since noon"); got != "offline" {
		t.Errorf("reduced expression %q finds %q, want %q", re, got, "offline")
	}
	if re := g.forText("all quiet"); re != nil {
		t.Errorf("forText on a text with no needle = %q, want nil", re)
	}
}
