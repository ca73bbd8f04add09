package triage

// culprit_commit.go reads one commit for FindCulprit: its terms, what kind
// of change it is (code, docs/tests/CI, dependencies, metrics only) and
// what makes it risky (changed configuration values, removed lines, words
// that announce a behaviour change).

import (
	"fmt"
	"iter"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

var (
	reRiskWords   = rx(`\b(?:cut|cuts|reduce[sd]?|lower(?:s|ed)?|raise[sd]?|increase[sd]?|decrease[sd]?|remove[sd]?|disable[sd]?|enable[sd]?|switch(?:es|ed)?|replace[sd]?|change[sd]?|move[sd]?|migrate[sd]?|drop(?:s|ped)?|async(?:hronous)?|rewrite|rewrote|skip(?:s|ped)?|cap(?:s|ped)?|shorten(?:s|ed)?|retry|retries|timeout|timeouts|fail fast|instead of|no longer|stop(?:s|ped)?|load(?:s|ed)?|buffer(?:ed)?|cache[sd]?|batch(?:ed)?|concurren\w+|parallel\w*)\b`)
	reHarmlessMsg = rx(`^(?:docs?|test|tests|ci|style|lint|typo|chore\(docs\)|build\(ci\))(?:\([^)]*\))?!?:|\b(?:typo|readme|spelling|comment(?:s)? only)\b`)
	reDepsMsg     = rx(`\b(?:bump(?:s|ed)?|update(?:s|d)? dependency|upgrade(?:s|d)? dependency|deps)\b`)
	reMetricsLine = rx(`(?i)\b(?:prometheus|histogram|counter|gauge|metric|metrics|promauto|statsd|otel|span|log\.|slog\.|logger|logging|telemetry)\b|\.observe\(|\b\w*(?:latency|duration|timer)\w*\.(?:observe|record|update)\(`)
	// reTimingLine takes a start time to measure a duration with: it
	// changes nothing but what is observed.
	reTimingLine = rx(`(?i)^\s*(?:(?:const|let|var|final|long|double|auto)\s+)?\w+\s*:?=\s*(?:time\.now\(\)|time\.time\(\)|time\.perf_counter\(\)|time\.monotonic\(\)|date\.now\(\)|performance\.now\(\)|instant\.now\(\)|system\.nanotime\(\)|system\.currenttimemillis\(\)|process\.hrtime(?:\.bigint)?\(\))\s*;?\s*$`)
	// key: value / key = value / "key": value / key := value
	reConfigLine = regexp.MustCompile(`^\s*:?["']?([A-Za-z_][A-Za-z0-9_.\-]{1,60}?)["']?\s*[:=]\s*([^=].*?)\s*,?\s*$`)
	// Keys that usually hold tunables; a changed value of any other key
	// counts only when the value is a literal (number, string, boolean).
	reTunableKey = rx(`timeout|retr|attempt|limit|max|min|pool|size|buffer|ttl|concurren|replica|topic|queue|url|host|endpoint|domain|address|from|threshold|interval|delay|backoff|rate|batch|worker|thread|enable|disable|flag|mode|region|version`)
	reLiteral    = regexp.MustCompile(`^(?:["'].*["']|-?\d[\d_.]*\s*(?:[a-zA-Z]{0,3})|true|false|yes|no|on|off|null|nil|none)$`)
)

var (
	docExts   = set(`.md .rst .adoc .txt .mdx`)
	depFiles  = set(`go.mod go.sum package.json package-lock.json yarn.lock pnpm-lock.yaml requirements.txt requirements-dev.txt pyproject.toml poetry.lock pipfile pipfile.lock gemfile gemfile.lock cargo.toml cargo.lock build.gradle build.gradle.kts pom.xml composer.json composer.lock`)
	assetExts = set(`.po .pot .mo .css .scss .less .svg .png .jpg .jpeg .gif .ico .webp .woff .woff2 .ttf .otf`)
	lintFiles = set(`.flake8 .eslintrc .eslintrc.json .eslintrc.js .golangci.yml .golangci.yaml ruff.toml .prettierrc .editorconfig .pre-commit-config.yaml setup.cfg tox.ini .gitignore .dockerignore codeowners`)
)

type fileKind int

const (
	fileCode fileKind = iota
	fileDoc
	fileTest
	fileCI
	fileDeps
	fileAsset // translations, styles, images, fonts: what users see, not how the service behaves
)

func classifyFile(p string) fileKind {
	lp := strings.ToLower(p)
	base := lp
	if i := strings.LastIndex(lp, "/"); i >= 0 {
		base = lp[i+1:]
	}
	ext := ""
	if i := strings.LastIndex(base, "."); i >= 0 {
		ext = base[i:]
	}
	switch {
	case strings.HasPrefix(lp, ".github/") || strings.HasPrefix(lp, ".gitlab") || strings.HasPrefix(lp, ".circleci/") ||
		strings.HasPrefix(lp, ".buildkite/") || strings.HasPrefix(lp, "ci/") || base == "jenkinsfile" || base == ".travis.yml" ||
		lintFiles[base]:
		return fileCI
	case docExts[ext] && !depFiles[base] || strings.HasPrefix(lp, "docs/") || strings.Contains(lp, "/docs/") ||
		strings.HasPrefix(base, "readme") || strings.HasPrefix(base, "changelog") || strings.HasPrefix(base, "license"):
		return fileDoc
	case strings.Contains(base, "_test.") || strings.HasPrefix(base, "test_") || strings.Contains(base, ".test.") ||
		strings.Contains(base, ".spec.") || testName(p) ||
		strings.HasPrefix(lp, "test/") || strings.HasPrefix(lp, "tests/") || strings.Contains(lp, "/test/") ||
		strings.Contains(lp, "/tests/") || strings.Contains(lp, "__snapshots__") || strings.Contains(lp, "testdata/") ||
		strings.Contains(lp, "fixtures/") || strings.HasPrefix(lp, "spec/") || strings.Contains(lp, "__tests__/") ||
		strings.Contains(lp, "__mocks__/") || strings.HasPrefix(base, "fixtures."):
		return fileTest
	case depFiles[base]:
		return fileDeps
	case assetExts[ext] || strings.Contains(lp, "locales/") || strings.Contains(lp, "i18n/") || strings.Contains(lp, "translations/") ||
		strings.Contains(lp, "l10n/"):
		return fileAsset
	}
	return fileCode
}

// reTestName is a file name that says it holds tests: "test", "tests",
// "foo_test", "foo-tests", or "FooTest" in camel case; "latest" and
// "contest" are not.
var reTestName = regexp.MustCompile(`(?:^|[_-])[Tt]ests?$|^TESTS?$|[a-z0-9]Tests?$`)

func testName(p string) bool {
	base := path.Base(p)
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	return reTestName.MatchString(base)
}

// commitDoc is one live commit as FindCulprit scores it.
type commitDoc struct {
	c          *Commit
	terms      weightedTerms
	raw        string // lower-cased message, paths and changed lines
	liveAt     time.Time
	kind       float64
	kindReason string
	configs    []configChange
	removed    int
	riskWords  []string
	mechs      []mechanism // what its behaviour-changing lines involve
}

// analysedCommits remembers the analysis of recently read commits. It is a
// pure function of a commit's content, and every incident in a repository
// reads the same recent commits again: reading a commit's diff is most of
// the culprit step's cost. An entry is used only when the commit's message
// and files are the same as when it was analysed, so a reused SHA (a test
// fixture, a force-push in a fake) is read afresh.
var analysedCommits = struct {
	sync.Mutex
	m map[string]memoCommit
}{m: map[string]memoCommit{}}

// memoCommits bounds analysedCommits; when full it is emptied, which costs
// one cold read of each commit and needs no bookkeeping on the hot path.
const memoCommits = 4096

type memoCommit struct {
	message string
	files   []File
	doc     commitDoc // without c and liveAt
}

// analyseCommit reads c, live in production since live. The returned doc
// shares its read-only parts with other callers.
func analyseCommit(c *Commit, live time.Time) *commitDoc {
	analysedCommits.Lock()
	e, ok := analysedCommits.m[c.SHA]
	analysedCommits.Unlock()
	if ok && c.SHA != "" && e.message == c.Message && slices.Equal(e.files, c.Files) {
		d := e.doc
		d.c, d.liveAt = c, live
		return &d
	}
	d := readCommit(c, live)
	if c.SHA != "" {
		analysedCommits.Lock()
		if len(analysedCommits.m) >= memoCommits {
			clear(analysedCommits.m)
		}
		memo := *d
		memo.c, memo.liveAt = nil, time.Time{}
		analysedCommits.m[c.SHA] = memoCommit{message: c.Message, files: slices.Clone(c.Files), doc: memo}
		analysedCommits.Unlock()
	}
	return d
}

// readCommit analyses c from scratch.
func readCommit(c *Commit, live time.Time) *commitDoc {
	d := &commitDoc{c: c, terms: weightedTerms{}, liveAt: live, kind: 1}
	subj, body, _ := strings.Cut(c.Message, "\n")
	var raw strings.Builder
	raw.WriteString(strings.ToLower(c.Message))
	kinds := map[fileKind]int{}
	onlyMetrics, onlyComments := len(c.Files) > 0, len(c.Files) > 0
	for _, f := range c.Files {
		k := classifyFile(f.Path)
		kinds[k]++
		metrics, comments := d.readFile(f, k, &raw)
		onlyMetrics = onlyMetrics && metrics
		onlyComments = onlyComments && comments
	}
	// The subject counts more than the body; add it last so it wins.
	d.terms.add(body, cwBody)
	d.terms.add(subj, cwSubject)
	d.kind, d.kindReason = changeKind(len(c.Files), kinds, strings.ToLower(subj), onlyMetrics && d.removed == 0)
	if onlyComments && d.kind > kindCommentsOnly {
		d.kind, d.kindReason = kindCommentsOnly, fmt.Sprintf("only changes comments (x%.2f)", kindCommentsOnly)
	}
	if d.kind == 1 && reRefactorMsg.MatchString(strings.ToLower(subj)) && (movesCodeOnly(c) || reRenameMsg.MatchString(strings.ToLower(subj)) && renamesOnly(c)) {
		d.kind, d.kindReason = 0.3, "a refactor: every removed token reappears in the added lines (x0.3)"
	}
	d.riskWords = riskWords(c.Message)
	d.mechs = diffMechanisms(c)
	d.raw = raw.String()
	return d
}

// readFile adds one changed file of kind k to d: its path and changed
// lines as terms and raw text (lines of tests and docs weigh less), and,
// for code and dependency files, its removed lines and configuration
// changes. It reports whether every changed line only adds metrics or
// logging (or is blank or structural), and whether every one is a comment.
func (d *commitDoc) readFile(f File, k fileKind, raw *strings.Builder) (onlyMetrics, onlyComments bool) {
	onlyMetrics, onlyComments = true, true
	d.terms.add(f.Path, cwPath)
	raw.WriteString("\n" + strings.ToLower(f.Path))
	lw := cwLine
	if k == fileTest || k == fileDoc {
		lw = cwTest
	}
	var minus, plus []string
	for removed, l := range changedLines(f.Patch) {
		if removed {
			minus = append(minus, l)
		} else {
			plus = append(plus, l)
		}
		d.terms.add(l, lw)
		raw.WriteString("\n" + strings.ToLower(l))
		if strings.TrimSpace(l) != "" && !observesOnly(l) && !isStructural(l) {
			onlyMetrics = false
		}
		if !isStructural(l) && !isCommentLine(l) {
			onlyComments = false
		}
	}
	if k == fileCode || k == fileDeps {
		d.removed += countNonBlank(minus)
		d.configs = append(d.configs, configChanges(minus, plus)...)
	}
	return onlyMetrics, onlyComments
}

// kindCommentsOnly is the kind factor of a commit that changes only
// comments: like docs, it changes no behaviour.
const kindCommentsOnly = 0.15

// reCommentLine is a whole line of comment in the common languages and
// configuration formats ("// ...", "# ...", "/* ...", " * ...", "-- ...",
// "<!-- ..."). Preprocessor lines, Rust attributes and a shebang are code;
// "*p = x" is a dereference, not a comment's continuation.
var reCommentLine = regexp.MustCompile(`^\s*(?://|#(?:[^!\[a-z]|$)|/\*|\*(?:\s|/|$)|--(?:\s|$)|<!--)`)

func isCommentLine(l string) bool { return reCommentLine.MatchString(l) }

// reordered reports whether the lines a diff removes and adds back
// unchanged (counted in paired) come back in another order.
func reordered(lines []string, paired map[string]int) bool {
	var gone, back []string
	seen := map[byte]map[string]int{'-': {}, '+': {}}
	for _, line := range lines {
		l := line[1:]
		if seen[line[0]][l] >= paired[l] {
			continue
		}
		seen[line[0]][l]++
		if line[0] == '-' {
			gone = append(gone, l)
		} else {
			back = append(back, l)
		}
	}
	return !slices.Equal(gone, back)
}

// changeKind is the kind factor of a commit changing nFiles files (kinds
// counts them by kind) with lower-cased subject lsubj: a change that cannot
// alter production behaviour, or barely can, should not outrank one that
// does. addsOnlyMetrics: every changed line adds metrics or logging and
// nothing is removed.
func changeKind(nFiles int, kinds map[fileKind]int, lsubj string, addsOnlyMetrics bool) (kind float64, reason string) {
	code, deps := kinds[fileCode], kinds[fileDeps]
	switch {
	case nFiles > 0 && code == 0 && deps == 0, nFiles == 0 && reHarmlessMsg.MatchString(lsubj):
		return 0.15, "only touches docs, tests, CI or translations and assets (x0.15)"
	case deps > 0 && (code == 0 || reDepsMsg.MatchString(lsubj)):
		return 0.5, "a dependency update (x0.5)"
	case addsOnlyMetrics:
		// Recording what happens changes none of it; only a fault inside
		// the new logging code itself could convict such a commit.
		return 0.2, "only adds metrics or logging (x0.2)"
	}
	return 1, ""
}

// changedLines yields a unified diff's removed (true) and added (false)
// lines in order, without their marker; file headers and context lines are
// skipped, and so is a line removed and added back unchanged (a hunk that
// re-adds the line it wraps), which changes nothing.
func changedLines(patch string) iter.Seq2[bool, string] {
	return func(yield func(bool, string) bool) {
		var lines []string
		removed, added := map[string]int{}, map[string]int{}
		for line := range strings.SplitSeq(patch, "\n") {
			if strings.HasPrefix(line, "+++") || strings.HasPrefix(line, "---") || line == "" || (line[0] != '-' && line[0] != '+') {
				continue
			}
			lines = append(lines, line)
			if line[0] == '-' {
				removed[line[1:]]++
			} else {
				added[line[1:]]++
			}
		}
		// Each removal paired with an addition of the same line is skipped
		// on both sides, unless the paired lines come back in another order:
		// doing the same steps in another order is a change.
		unchanged := map[string]int{}
		for l, n := range removed {
			unchanged[l] = min(n, added[l])
		}
		if reordered(lines, unchanged) {
			clear(unchanged)
		}
		skipped := map[byte]map[string]int{'-': {}, '+': {}}
		for _, line := range lines {
			l := line[1:]
			if skipped[line[0]][l] < unchanged[l] {
				skipped[line[0]][l]++
				continue
			}
			if !yield(line[0] == '-', l) {
				return
			}
		}
	}
}

// reRefactorMsg is a subject announcing a change of structure, not of
// behaviour.
var reRefactorMsg = rx(`\b(?:refactor\w*|extract\w*|renam\w+|move[sd]?|tidy|clean ?up|reorgani[sz]\w*|split|inline[sd]?|simplif\w*|deduplicat\w*)\b`)

// reRenameMsg is a subject that says the commit renames something.
var reRenameMsg = rx(`\brenam\w+`)

// renamesOnly reports whether the commit's code changes only swap names:
// the tokens its removed lines lose and those its added lines gain are
// identifiers, at most two distinct of each (a function and its caller's
// variable, say). Values, operators and calls are unchanged.
func renamesOnly(c *Commit) bool {
	removed, added := map[string]int{}, map[string]int{}
	for _, f := range c.Files {
		if k := classifyFile(f.Path); k != fileCode && k != fileDeps {
			continue
		}
		for isRemoved, l := range changedLines(f.Patch) {
			for _, t := range reCodeToken.FindAllString(l, -1) {
				if isRemoved {
					removed[t]++
				} else {
					added[t]++
				}
			}
		}
	}
	if len(removed) == 0 {
		return false
	}
	gone, new := map[string]bool{}, map[string]bool{}
	for t, n := range removed {
		if n > added[t] {
			gone[t] = true
		}
	}
	for t, n := range added {
		if n > removed[t] {
			new[t] = true
		}
	}
	for _, set := range []map[string]bool{gone, new} {
		if len(set) == 0 || len(set) > 2 {
			return false
		}
		for t := range set {
			if !reIdentToken.MatchString(t) {
				return false
			}
		}
	}
	return true
}

var reIdentToken = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reCodeToken is a token of code: an identifier, a number, a quoted string
// or a run of operators (so ">=" and ">" differ).
var reCodeToken = rx(`[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\sA-Za-z0-9_"']+`)

// movesCodeOnly reports whether, across the commit's code and dependency
// files, it removes something and every token of its removed lines
// reappears (as often) among its added lines: code moved into a helper,
// renamed around, re-wrapped. Any changed value, operator, condition or
// call removed breaks it. Comments are tokens too, so it errs towards
// "changes behaviour".
func movesCodeOnly(c *Commit) bool {
	added := map[string]int{}
	var removed []string
	for _, f := range c.Files {
		if k := classifyFile(f.Path); k != fileCode && k != fileDeps {
			continue
		}
		for isRemoved, l := range changedLines(f.Patch) {
			if isRemoved {
				removed = append(removed, reCodeToken.FindAllString(l, -1)...)
				continue
			}
			for _, t := range reCodeToken.FindAllString(l, -1) {
				added[t]++
			}
		}
	}
	if len(removed) == 0 {
		return false
	}
	for _, t := range removed {
		if added[t] == 0 {
			return false
		}
		added[t]--
	}
	return true
}

// riskWords lists, once each in order of appearance, the words of msg that
// announce a behaviour change.
func riskWords(msg string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range reRiskWords.FindAllString(strings.ToLower(msg), -1) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// isStructural reports lines with no content of their own (braces, blank).
func isStructural(l string) bool {
	return strings.Trim(l, " \t{}()[],;") == ""
}

func countNonBlank(lines []string) int {
	n := 0
	for _, l := range lines {
		if !isStructural(l) {
			n++
		}
	}
	return n
}

// configChanges pairs removed and added "key: value" lines with the same key
// and a different value.
// configChange is one configuration value a diff changes.
type configChange struct{ key, old, new string }

func (c configChange) String() string { return fmt.Sprintf("%s: %s -> %s", c.key, c.old, c.new) }

func configChanges(minus, plus []string) []configChange {
	old := map[string]string{}
	var order []string
	for _, l := range minus {
		if m := reConfigLine.FindStringSubmatch(l); m != nil {
			k := strings.ToLower(m[1])
			if _, ok := old[k]; !ok {
				order = append(order, k)
			}
			old[k] = m[2]
		}
	}
	newV := map[string]string{}
	for _, l := range plus {
		if m := reConfigLine.FindStringSubmatch(l); m != nil {
			newV[strings.ToLower(m[1])] = m[2]
		}
	}
	var out []configChange
	for _, k := range order {
		nv, ok := newV[k]
		if !ok || nv == old[k] {
			continue
		}
		if !reTunableKey.MatchString(k) && !(reLiteral.MatchString(trimValue(old[k])) && reLiteral.MatchString(trimValue(nv))) {
			continue
		}
		out = append(out, configChange{k, trimValue(old[k]), trimValue(nv)})
	}
	return out
}

func trimValue(v string) string {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), ","))
	if len(v) > 60 {
		v = v[:57] + "..."
	}
	return v
}

// observesOnly reports whether a changed line only records what happens
// (a metric, a log line, a span, a start time to measure with).
func observesOnly(l string) bool {
	return reMetricsLine.MatchString(l) || reTimingLine.MatchString(l)
}
