package triage

// terms.go is the small text analysis shared by known-issue matching,
// culprit finding and responder ranking: words are split at punctuation,
// underscores and camelCase humps, lower-cased, reduced with a light
// stemmer ("retries" and "retry", "expired" and "expires" meet), and
// stop words and bare numbers are dropped. Compound identifiers
// ("smtp_pool_size", "mail.example.com", "/v1/invoices") are also kept whole,
// because a verbatim identifier shared by two texts is strong evidence.

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reCamelLower = regexp.MustCompile(`([a-z])([A-Z])`)
	reCamelUpper = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`)
	reTermSplit  = regexp.MustCompile(`[^a-z0-9]+`)
	// Quantities such as 4.8s, 800ms, 2gi, 10m, 3x are values, not words.
	reQuantity = regexp.MustCompile(`^\d+(?:ms|us|ns|s|m|h|d|w|x|k|kb|mb|gb|tb|ki|mi|gi|ti|b|rps)?$`)
	// A compound identifier: word characters joined by _ . / @ or -, with at
	// least one of _ . / @ inside (plain hyphenated words are ordinary English).
	reIdent = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_.\-/@]*[A-Za-z0-9]`)
)

// stopTerms are stems too common in alerts, commits and runbooks to say
// anything about what is broken.
var stopTerms = set(`a an the and or of to in on for with from by as at is are was were be been being it its this that
	these those there here not no nor but if then than so up out over into onto after before since when while where which
	who whom what why how we our us they them their you your i my me he she his her can could should would will shall may
	might must do does did done has have had having all any some more most less per via about only also still just now
	very much many each every other such same both either neither own too again once ever never always yet already
	please see e.g i.e etc vs one two three four five first second new old get got make made use used using set
	http https www com org net io example localhost html htm utc gmt
	src lib pkg cmd internal main app apps go py ts js kt java rb rs yaml yml json toml md txt cfg ini xml
	func function return nil null none true false err ctx self def var val let const type struct class fun import package
	string int bool float byte todo fixme
	fine look looks take takes someone anyone something lot lots thing things known above below due alike several
	like since until around across within without because however although though
	itself themselves himself herself stay stays remain remains`)

// commonTerms (stems) are words that appear in almost every alert, runbook
// or commit. They still count, at commonWeight, so a match never rests on
// them alone even when the documents compared are too few for document
// frequency to tell.
var commonTerms = set(`error fail failur request respons servic server time start run high rate alert issue problem
	user data log check status call updat add fix return valu count total minut hour day week support team
	production prod environment metric api`)

const commonWeight = 0.4

// termWeight is 1 for ordinary terms and commonWeight for common ones.
func termWeight(t string) float64 {
	if commonTerms[t] {
		return commonWeight
	}
	return 1
}

// stem reduces an English word to a crude common form. It only has to be
// consistent, not linguistically right: both sides of every comparison go
// through it.
func stem(w string) string {
	if len(w) <= 3 || !isAlpha(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = undouble(w[:len(w)-2])
	}
	if strings.HasSuffix(w, "e") && len(w) > 4 {
		w = w[:len(w)-1]
	}
	return w
}

func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func isAlpha(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// terms returns the content terms of s in order (duplicates kept).
func terms(s string) []string {
	var out []string
	for _, p := range termPairs(s) {
		out = append(out, p.term)
	}
	return out
}

// termPair is a term and the word it came from.
type termPair struct{ term, word string }

func termPairs(s string) []termPair {
	if s == "" {
		return nil
	}
	var out []termPair
	for _, w := range splitWords(s) {
		if w == "" || stopTerms[w] {
			continue
		}
		if !hasLetter(w) {
			// Bare numbers are values; HTTP status codes are the exception.
			if len(w) == 3 && w[0] >= '1' && w[0] <= '5' {
				out = append(out, termPair{w, w})
			}
			continue
		}
		if len(w) == 4 && w[3] == 's' && w[0] >= '1' && w[0] <= '5' && !hasLetter(w[:3]) {
			out = append(out, termPair{w[:3], w}) // "429s", "502s"
			continue
		}
		if reQuantity.MatchString(w) || len(w) < 2 {
			continue
		}
		t := stem(w)
		if stopTerms[t] || len(t) < 2 {
			continue
		}
		out = append(out, termPair{t, w})
	}
	return out
}

// splitWords splits s at camelCase humps and at everything but ASCII
// letters and digits, in lower case. ASCII text (most alerts, commits and
// logs) takes a single pass; other text takes the regular expressions,
// whose Unicode lower-casing the single pass does not reproduce. Empty
// words may appear; callers skip them.
func splitWords(s string) []string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = reCamelUpper.ReplaceAllString(s, "$1 $2")
			s = reCamelLower.ReplaceAllString(s, "$1 $2")
			return reTermSplit.Split(strings.ToLower(s), -1)
		}
	}
	isUpper := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }
	isLower := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= 'a' && s[i] <= 'z' }
	var out []string
	var w []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		// A hump: "aB" splits before B, and "ABc" splits before B.
		if isUpper(i) && (isLower(i-1) || isUpper(i-1) && isLower(i+1)) && len(w) > 0 {
			out = append(out, string(w))
			w = w[:0]
		}
		switch {
		case c >= 'A' && c <= 'Z':
			w = append(w, c+'a'-'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			w = append(w, c)
		case len(w) > 0:
			out = append(out, string(w))
			w = w[:0]
		}
	}
	if len(w) > 0 {
		out = append(out, string(w))
	}
	return out
}

// surfaces maps each term of the texts to the first word it came from, so
// reasons can quote words instead of stems.
func surfaces(texts ...string) map[string]string {
	m := map[string]string{}
	for _, s := range texts {
		for _, p := range termPairs(s) {
			if _, ok := m[p.term]; !ok {
				m[p.term] = p.word
			}
		}
	}
	return m
}

// word is the surface form of term t, or t itself.
func word(surf map[string]string, t string) string {
	if w, ok := surf[t]; ok {
		return w
	}
	return t
}

// termSet is the set of terms of all the given texts.
func termSet(texts ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range texts {
		for _, t := range terms(s) {
			m[t] = true
		}
	}
	return m
}

// containsIdent reports whether raw (lower-cased) contains id as a whole
// identifier: not as part of a longer path or name ("/v1/invoices" is not in
// "/v1/invoices/search").
func containsIdent(raw, id string) bool {
	from := 0
	for {
		i := strings.Index(raw[from:], id)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(id)
		okBefore := i == 0 || !identChar(raw[i-1]) ||
			raw[i-1] == '/' && (i == 1 || !identChar(raw[i-2]))
		okAfter := j == len(raw) || !identChar(raw[j]) ||
			(raw[j] == '.' || raw[j] == '/' || raw[j] == '-') && (j+1 == len(raw) || !identChar(raw[j+1]))
		if okBefore && okAfter {
			return true
		}
		from = i + 1
	}
}

func identChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '/' || b == '-' || b == '@'
}

// identifiers returns the compound identifiers in s, lower-cased: at least
// six characters, with a '_', '.', '/' or '@' inside and at least two
// letters. Trailing sentence dots are trimmed.
func identifiers(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range reIdent.FindAllString(s, -1) {
		id = strings.ToLower(strings.Trim(id, "./-@_"))
		if len(id) < 6 || !strings.ContainsAny(id, "_./@") || seen[id] {
			continue
		}
		letters := 0
		for _, r := range id {
			if r >= 'a' && r <= 'z' {
				letters++
			}
		}
		if letters < 2 || strings.HasPrefix(id, "e.g") || strings.HasPrefix(id, "i.e") {
			continue
		}
		// Versions and numbers with units ("1.5s", "v3.14.1") are values.
		if !hasLetter(strings.TrimLeft(strings.TrimPrefix(id, "v"), "0123456789.")) {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// weightedTerms accumulates, per term, the largest weight of any source it
// appeared in.
type weightedTerms map[string]float64

func (w weightedTerms) add(text string, weight float64) {
	for _, t := range terms(text) {
		if weight > w[t] {
			w[t] = weight
		}
	}
}

// idf is a smoothed inverse document frequency in (0, 1]: 1 for a term found
// in one document of n, small for a term found in all of them.
func idf(df, n int) float64 {
	if n <= 1 || df <= 0 {
		return 1
	}
	v := math.Log(float64(n+1)/float64(df)) / math.Log(float64(n+1))
	return math.Max(v, 0.15)
}

// mentions reports how much of a domain or name ("connection-pool") the
// term set covers: 1 when every part appears, a fraction for some parts.
func mentions(have map[string]bool, name string) float64 {
	parts := terms(name)
	if len(parts) == 0 {
		return 0
	}
	n := 0
	for _, p := range parts {
		if have[p] {
			n++
		}
	}
	return float64(n) / float64(len(parts))
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func clamp(f, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, f)) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
