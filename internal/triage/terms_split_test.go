package triage

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// splitWordsByRegexp is the definition splitWords' single pass must agree
// with: camelCase humps split by the two regular expressions, then split
// at everything but ASCII letters and digits.
func splitWordsByRegexp(s string) []string {
	s = reCamelUpper.ReplaceAllString(s, "$1 $2")
	s = reCamelLower.ReplaceAllString(s, "$1 $2")
	var out []string
	for _, w := range reTermSplit.Split(strings.ToLower(s), -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func TestSplitWordsAgreesWithRegexp(t *testing.T) {
	cases := []string{
		"", "a", "A", "HTTPServer", "parseJSONBody", "ABcDEf", "aBCd", "getHTTP2Response",
		"smtp_pool_size=10", "mail.example.com /v1/invoices", "Timeout after 300ms!", "XMLHttpRequest",
		"café Überweisung fehlgeschlagen", "K\u212aelvin", "İstanbul", "--a--B--",
	}
	alphabet := []byte("aAbBzZ09 _-.:/éÜ")
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(24)
		var b strings.Builder
		for range n {
			if r.IntN(8) == 0 {
				b.WriteString("é")
				continue
			}
			b.WriteByte(alphabet[r.IntN(len(alphabet)-3)])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		got := slices.DeleteFunc(splitWords(s), func(w string) bool { return w == "" })
		if want := splitWordsByRegexp(s); !slices.Equal(got, want) {
			t.Errorf("splitWords(%q) = %q, want %q", s, got, want)
		}
	}
}
