package triage

// nofit_test.go guards against fitting the rules to the shared sample
// scenarios: the samples are a sample of the world, and a rule table that
// quotes them passes them without generalising. The test reads every
// scenario file's text (all string values: titles, messages, labels, known
// issues, commits, diffs, telemetry) and fails when the non-test Go files of
// this package carry, in a string literal, a regular expression or a
// comment:
//
//   - a phrase of four or more words from a scenario that has at least two
//     content words (four function words in a row, "one of the", prove
//     nothing); a regular expression counts when it matches four or more
//     words of a scenario and spells out all of them but one (a template
//     such as "missing from the \w+" filled in by the sample);
//   - an identifier from a scenario: a name joined by '-', '_' or '.' that
//     a scenario gives as a whole value (service names, label values, ids),
//     any token of the free text that joins letters and digits with '-',
//     '_' or '.', a camelCase name, or a hex string of seven or more
//     characters (commit shas, fingerprints);
//   - a number from a scenario that is specific enough that sharing it is
//     no coincidence. Integers below 100 are not: the samples' prose holds
//     most of them (73 of the 90 two-digit ones), so any example or weight
//     would collide by chance. Neither are numbers below 10 with at most one
//     decimal (weights, factors), numbers with one significant digit (300,
//     0.02) or two ending in 5 (250, 0.15), time arithmetic (multiples of
//     60, 24 to 168 hours), powers of two, and HTTP status codes. What is
//     left ("23.4", "0.41", "98.5", "437", "4,812") is checked. Regular
//     expression quantifiers and character classes ("{1,3}", "[59]") are
//     syntax, not numbers.

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// guardedDirs are the packages (relative to this one) whose rule tables,
// keyword lists and prompts are checked: triage's rules, the agent's
// prompts and telemetry analysis' patterns.
var guardedDirs = []string{".", "../agent", "../telemetry/analyze"}

var (
	reGuardWord   = regexp.MustCompile(`[a-z0-9][a-z0-9']*`)
	reGuardPhrase = regexp.MustCompile(`[^a-z0-9' \t\-\x00]+`) // phrase breaks: punctuation, regex syntax
	reGuardDec    = regexp.MustCompile(`(\d)[.,](\d)`)
	reGuardIdent  = regexp.MustCompile(`[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+`)
	reGuardCamel  = regexp.MustCompile(`\b[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b`)
	reGuardHex    = regexp.MustCompile(`\b[0-9a-f]{7,}\b`)
	reGuardNumber = regexp.MustCompile(`(?:^|[^\w.])(\d+(?:[.,]\d+)?)(?:[^\w]|$)`)
	reGuardWhole  = regexp.MustCompile(`^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+$`)
	reEscape      = regexp.MustCompile(`\\.`)
	reRegexSyntax = regexp.MustCompile(`\{\d+(?:,\d*)?\}|\[[^\]]*\]`)
)

// functionWords do not make a phrase specific.
var functionWords = set(`a an the and or of to in on for with from by as at is are was were be been being it its this that
	these those there here not no but if then than so up out over into after before since when while where which who what
	how we our us they them their you your i my me he she his her can could should would will may might must do does did
	has have had all any some each every per via about only also still just now very more most less one two three`)

// scenarioCorpus is what the guard compares against.
type scenarioCorpus struct {
	phrases map[string]string // 4-word phrase -> scenario file
	sents   []string          // lower-cased phrase segments, for regular expressions
	bySent  map[string][]int  // word -> the segments holding it, once per occurrence
	idents  map[string]string // lower-cased identifier -> scenario file
	numbers map[string]string // canonical number -> scenario file
}

func loadScenarioCorpus(t *testing.T) scenarioCorpus {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("no shared scenarios in %s", scenarioDir)
	}
	sort.Strings(files)
	c := scenarioCorpus{phrases: map[string]string{}, idents: map[string]string{}, numbers: map[string]string{}}
	seenSeg := map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		name := filepath.Base(f)
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					if k != "expect" { // the answer key names WarRoom's own action kinds
						walk(e)
					}
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			case string:
				c.addText(name, x, seenSeg)
			case float64:
				c.addNumber(name, strconv.FormatFloat(x, 'f', -1, 64))
			}
		}
		walk(v)
	}
	c.finish()
	return c
}

// finish orders the segments and indexes their words.
func (c *scenarioCorpus) finish() {
	sort.Strings(c.sents)
	c.bySent = map[string][]int{}
	for i, seg := range c.sents {
		for _, w := range reGuardWord.FindAllString(seg, -1) {
			c.bySent[w] = append(c.bySent[w], i)
		}
	}
}

// sharedVocabulary are identifiers that are not the samples' own: the
// product's name and names defined by the ecosystems WarRoom reads (build
// manifests, Grafana's webhook fields).
var sharedVocabulary = set(`warroom go.mod go.sum package.json package-lock.json requirements.txt pyproject.toml
	build.gradle build.gradle.kts pom.xml cargo.toml cargo.lock gemfile.lock grafana_folder`)

// reOrdinal is a word with a small number ("tier-1", "sev2", "p99"): a
// level, not a name.
var reOrdinal = regexp.MustCompile(`^[a-z]+[-_]?\d{1,2}$`)

// reQuantityTok is a number with a unit ("4.8s", "250ms"): a value, read
// as a number.
var reQuantityTok = regexp.MustCompile(`^\d+(?:\.\d+)?[a-z]{1,3}$`)

func (c *scenarioCorpus) addIdent(file, id string) {
	id = strings.ToLower(id)
	if !sharedVocabulary[id] && !reOrdinal.MatchString(id) && !reQuantityTok.MatchString(id) && hasLetter(id) {
		c.idents[id] = file
	}
}

func (c *scenarioCorpus) addText(file, s string, seenSeg map[string]bool) {
	if reGuardWhole.MatchString(s) {
		c.addIdent(file, s)
	}
	for _, id := range reGuardIdent.FindAllString(s, -1) {
		if strings.ContainsAny(id, "0123456789") || strings.Contains(id, "_") {
			c.addIdent(file, id)
		}
	}
	for _, id := range reGuardCamel.FindAllString(s, -1) {
		c.addIdent(file, id)
	}
	for _, h := range reGuardHex.FindAllString(strings.ToLower(s), -1) {
		if strings.ContainsAny(h, "0123456789") && strings.ContainsAny(h, "abcdef") {
			c.idents[h] = file
		}
	}
	for _, m := range reGuardNumber.FindAllStringSubmatch(s, -1) {
		c.addNumber(file, m[1])
	}
	for _, seg := range phraseSegments(s) {
		words := reGuardWord.FindAllString(seg, -1)
		if len(words) < 4 {
			continue
		}
		if !seenSeg[seg] {
			seenSeg[seg] = true
			c.sents = append(c.sents, seg)
		}
		for i := 0; i+4 <= len(words); i++ {
			if p := words[i : i+4]; specific(p) {
				c.phrases[strings.Join(p, " ")] = file
			}
		}
	}
}

func (c *scenarioCorpus) addNumber(file, n string) {
	if k, ok := canonicalNumber(n); ok && !conventionalNumber(k) {
		c.numbers[k] = file
	}
}

// phraseSegments lower-cases s and cuts it at punctuation and regular
// expression syntax: words on either side of a break are not one phrase.
func phraseSegments(s string) []string {
	segs := reGuardPhrase.Split(reGuardDec.ReplaceAllString(strings.ToLower(s), "$1\x00$2"), -1)
	for i, seg := range segs {
		segs[i] = strings.ReplaceAll(seg, "\x00", ".")
	}
	return segs
}

// specific: at least two of the words are content words.
func specific(words []string) bool {
	n := 0
	for _, w := range words {
		if !functionWords[w] && hasLetter(w) {
			n++
		}
	}
	return n >= 2
}

// canonicalNumber parses "6.1", "6,1" (decimal comma) or "040" into a
// canonical decimal string.
func canonicalNumber(s string) (string, bool) {
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsInf(f, 0) {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

var httpStatus = set(`100 101 102 103 200 201 202 203 204 205 206 207 208 226 300 301 302 303 304 305 307 308
	400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 421 422 423 424 425 426 428 429 431 451
	500 501 502 503 504 505 506 507 508 510 511`)

// conventionalNumber: see the file comment.
func conventionalNumber(k string) bool {
	if httpStatus[k] {
		return true
	}
	f, _ := strconv.ParseFloat(k, 64)
	if f == math.Trunc(f) && f >= 0 && (f < 100 || timeOrBinary(int64(f))) {
		return true
	}
	if f < 10 && (f == math.Trunc(f) || math.Round(f*10) == f*10) {
		return true
	}
	digits := strings.Trim(strings.ReplaceAll(strings.TrimLeft(k, "-"), ".", ""), "0")
	return len(digits) <= 1 || len(digits) == 2 && digits[1] == '5'
}

// timeOrBinary: whole minutes or seconds (multiples of 60), up to a week
// of hours (24 to 168 by 24), or a power of two (buffer and pool sizes).
func timeOrBinary(n int64) bool {
	return n%60 == 0 || n%24 == 0 && n <= 168 || n > 0 && n&(n-1) == 0
}

// ruleText is one string literal or comment of the guarded code.
type ruleText struct {
	pos     string
	text    string
	literal bool
}

func guardedTexts(t *testing.T) []ruleText {
	t.Helper()
	var out []ruleText
	fset := token.NewFileSet()
	for _, dir := range guardedDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatalf("list %s: %v", dir, err)
		}
		sort.Strings(files)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
			if err != nil {
				t.Fatalf("parse %s: %v", f, err)
			}
			for _, cg := range af.Comments {
				for _, cm := range cg.List {
					out = append(out, ruleText{pos: fset.Position(cm.Pos()).String(), text: cm.Text})
				}
			}
			tags := map[*ast.BasicLit]bool{} // struct tags name fields, they are not rules
			ast.Inspect(af, func(n ast.Node) bool {
				if f, ok := n.(*ast.Field); ok && f.Tag != nil {
					tags[f.Tag] = true
				}
				return true
			})
			ast.Inspect(af, func(n ast.Node) bool {
				if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING && !tags[bl] {
					if s, err := strconv.Unquote(bl.Value); err == nil {
						out = append(out, ruleText{pos: fset.Position(bl.Pos()).String(), text: s, literal: true})
					}
				}
				return true
			})
		}
	}
	return out
}

// findFitting lists, per rule text, what it shares with the scenarios.
func findFitting(c scenarioCorpus, texts []ruleText) []string {
	var out []string
	for _, rt := range texts {
		var found []string
		for _, seg := range phraseSegments(rt.text) {
			words := reGuardWord.FindAllString(seg, -1)
			for i := 0; i+4 <= len(words); i++ {
				p := strings.Join(words[i:i+4], " ")
				if f, ok := c.phrases[p]; ok {
					found = append(found, "phrase '"+p+"' ("+f+")")
				}
			}
		}
		for _, id := range append(reGuardIdent.FindAllString(rt.text, -1), reGuardCamel.FindAllString(rt.text, -1)...) {
			if f, ok := c.idents[strings.ToLower(id)]; ok {
				found = append(found, "identifier '"+id+"' ("+f+")")
			}
		}
		for _, h := range reGuardHex.FindAllString(strings.ToLower(rt.text), -1) {
			if f, ok := c.idents[h]; ok {
				found = append(found, "identifier '"+h+"' ("+f+")")
			}
		}
		numText := rt.text
		if rt.literal {
			numText = reRegexSyntax.ReplaceAllString(numText, " ")
		}
		for _, m := range reGuardNumber.FindAllStringSubmatch(numText, -1) {
			if k, ok := canonicalNumber(m[1]); ok {
				if f, ok := c.numbers[k]; ok {
					found = append(found, "number "+m[1]+" ("+f+")")
				}
			}
		}
		if rt.literal {
			found = append(found, regexPhrases(c, rt.text)...)
		}
		for _, s := range found {
			out = append(out, rt.pos+": "+s)
		}
	}
	return out
}

// regexPhrases: a literal that compiles as a regular expression and
// matches a scenario phrase of four or more words, every one of which (but
// one) the expression spells out, quotes that phrase. Each alternative of
// the expression is judged on its own: a word spelled in one branch does
// not fill in another's template.
func regexPhrases(c scenarioCorpus, src string) []string {
	if !strings.ContainsAny(src, `\(|?`) {
		return nil
	}
	if _, err := regexp.Compile(src); err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, branch := range topLevelBranches(src) {
		re, err := regexp.Compile(branch)
		if err != nil { // cannot happen for a branch of a valid expression; judge the whole
			re, branch = regexp.MustCompile(src), src
		}
		out = append(out, branchPhrases(c, re, branch, seen)...)
	}
	return out
}

// topLevelBranches splits an expression at the '|' outside any group or
// character class; a leading flag group ("(?i)") is kept on every branch.
func topLevelBranches(src string) []string {
	flags := ""
	if m := reLeadingFlags.FindString(src); m != "" {
		flags, src = m, src[len(m):]
	}
	var out []string
	depth, inClass, start := 0, false, 0
	for i := 0; i < len(src); i++ {
		switch ch := src[i]; {
		case ch == '\\':
			i++
		case inClass:
			inClass = ch != ']'
		case ch == '[':
			inClass = true
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case ch == '|' && depth == 0:
			out = append(out, flags+src[start:i])
			start = i + 1
		}
	}
	return append(out, flags+src[start:])
}

var reLeadingFlags = regexp.MustCompile(`^\(\?[a-zA-Z]+\)`)

// branchPhrases is regexPhrases for one alternative.
func branchPhrases(c scenarioCorpus, re *regexp.Regexp, src string, seen map[string]bool) []string {
	spelled := map[string]bool{}
	// An escape (\b, \s, \.) is syntax: "\bword" spells "word".
	for _, w := range reGuardWord.FindAllString(reEscape.ReplaceAllString(strings.ToLower(src), " "), -1) {
		spelled[w] = true
	}
	// A finding has at least three spelled words, and only its last can be
	// cut from a longer word of the segment: a segment holding fewer than
	// two spelled words cannot produce one, and is not searched.
	hits := map[int]int{}
	for w := range spelled {
		for _, i := range c.bySent[w] {
			hits[i]++
		}
	}
	var out []string
	for i, seg := range c.sents {
		if hits[i] < 2 {
			continue
		}
		for _, loc := range re.FindAllStringIndex(seg, -1) {
			if loc[0] > 0 && (seg[loc[0]-1] == '\'' || isWordByte(seg[loc[0]-1])) {
				continue // starts inside a word
			}
			m := seg[loc[0]:loc[1]]
			words := reGuardWord.FindAllString(m, -1)
			if len(words) < 4 || len(words[0]) < 2 || seen[m] {
				continue
			}
			unspelled, content := 0, 0
			for _, w := range words {
				switch {
				case !spelled[w]:
					unspelled++
				case !functionWords[w] && hasLetter(w):
					content++
				}
			}
			if unspelled <= 1 && content >= 1 {
				seen[m] = true
				out = append(out, "regular expression matches the phrase '"+m+"'")
			}
		}
	}
	return out
}

func TestRuleTablesDoNotQuoteScenarios(t *testing.T) {
	c := loadScenarioCorpus(t)
	for _, f := range findFitting(c, guardedTexts(t)) {
		t.Errorf("%s", f)
	}
}

// TestFittingGuardCatches checks the guard on made-up rule texts against a
// made-up corpus, so the guard itself cannot silently pass everything.
func TestFittingGuardCatches(t *testing.T) {
	c := scenarioCorpus{phrases: map[string]string{}, idents: map[string]string{}, numbers: map[string]string{}}
	seen := map[string]bool{}
	c.addText("x.json", "Chairlift grip-monitor reports rope tension 41.7 kN above limit on tower 6", seen)
	c.addText("x.json", "lift-ops-gateway", seen)
	c.addText("x.json", "commit 9f3e2a1c0b", seen)
	c.addText("x.json", "437 gondolas idle for 1440 minutes", seen)
	c.finish()
	tests := []struct {
		text    string
		literal bool
		want    bool
	}{
		{"// reports rope tension 41.7 kN", false, true},            // phrase and number
		{"rope tension above limit", true, false},                   // words, but not in that order in the corpus
		{`\b(?:rope|cable) tension (?:41\.7|\d+) kn\b`, true, true}, // regex spelling a phrase; number too
		{`\breports (?:rope|cable) tension\b`, true, false},         // three words
		{`\breports (?:rope|cable) tension \w+`, true, true},        // the fourth word filled in by the sample
		{`\bkn (?:\w+ ){1,2}on\b|above`, true, false},               // "above" is another branch's word
		{`\bkn (?:\w+ ){1}limit on\b|above`, true, true},
		{`lift-ops-gateway`, true, true},                       // identifier
		{`commit 9f3e2a1c0b`, true, true},                      // sha
		{`tower 6 is one of the`, true, false},                 // conventional number, no phrase
		{`(?:tension|load) above (?:the )?limit`, true, false}, // three words only
		{"// at most 437 per cabin", false, true},              // a specific number
		{"// a day is 1440 minutes", false, false},             // time arithmetic
	}
	for _, tc := range tests {
		got := len(findFitting(c, []ruleText{{pos: "t", text: tc.text, literal: tc.literal}})) > 0
		if got != tc.want {
			t.Errorf("findFitting(%q) found=%v, want %v", tc.text, got, tc.want)
		}
	}
}

func isWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

func TestTopLevelBranches(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`a|b`, []string{`a`, `b`}},
		{`(?:a|b)c|d`, []string{`(?:a|b)c`, `d`}},
		{`[|]x|\|y|z`, []string{`[|]x`, `\|y`, `z`}},
		{`(?i)a|b`, []string{`(?i)a`, `(?i)b`}},
		{`plain`, []string{`plain`}},
	} {
		if got := topLevelBranches(tc.src); !slices.Equal(got, tc.want) {
			t.Errorf("topLevelBranches(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
