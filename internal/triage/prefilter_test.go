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
		got := needlesOf(regexp.MustCompile(tt.expr))
		if !slices.Equal(got, tt.want) {
			t.Errorf("needlesOf(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

// TestNeedlesNeverHideAMatch: over every case text, a rule the prefilter
// skips really does not match, so the prefilter changes no verdict.
func TestNeedlesNeverHideAMatch(t *testing.T) {
	var texts []string
	for _, table := range severityTables() {
		for _, c := range table {
			texts = append(texts, severityText(c.sig))
		}
	}
	for _, c := range chatterTuning {
		texts = append(texts, severityText(Signal{Text: c.text}))
	}
	gated := 0
	for _, text := range texts {
		for i, r := range impactRules {
			if !impactNeedles[i].mayMatch(text) {
				gated++
				if r.re.MatchString(text) {
					t.Errorf("impact rule %q skipped on a text it matches: %q", r.re, text)
				}
			}
		}
		folded := FoldText(text)
		for i, g := range glosses {
			if !glossNeedles[i].mayMatch(folded) && g.re.MatchString(folded) {
				t.Errorf("gloss %q skipped on a text it matches: %q", g.re, folded)
			}
		}
	}
	if gated == 0 {
		t.Error("the prefilter skipped no rule on any text")
	}
}
