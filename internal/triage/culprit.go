package triage

// culprit.go looks for the change that most likely caused a signal.
//
// Only a commit that was running in production when the problem began can
// have caused it: a commit is live once it, or a commit built on it, was
// deployed to production at or before the signal's start. Every live
// commit is scored:
//
//	score = relatedness x kind x risk x recency
//
//   - relatedness: terms the signal (title, text, labels; the Context from a
//     matched known issue at a lower weight) shares with the commit's
//     message, file paths and changed lines, each weighted by how rare it is
//     among the candidate commits, plus shared verbatim identifiers
//     ("smtp_pool_size", "/v1/invoices", "mail.example.com");
//   - kind: 0.15 for a change that only touches docs, tests or CI, 0.5 for
//     a dependency bump or a change that only adds metrics, else 1;
//   - risk: up to x1.6 for a change of configuration values (timeouts,
//     retries, pool sizes, limits, topics, addresses), removed lines, and
//     words in the message that announce a behaviour change ("cut",
//     "reduce", "switch", "disable", ...);
//   - recency: 1 when deployed just before the start, falling towards 0.35
//     for changes deployed days earlier (a latent bug can take time).
//
// The best candidate is the culprit only when its score reaches
// CulpritThreshold and its relatedness reaches CulpritMinRelatedness: a
// risky, recent change that has nothing to do with the symptoms is not
// blamed. Problems with no commit behind them (an expired certificate, an
// upstream outage) therefore come back with SHA "" and the evidence says
// why.

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
)

// File is one file changed by a commit.
type File struct {
	Path   string `json:"path"`
	Status string `json:"status"` // added, modified, removed, renamed
	Patch  string `json:"patch"`  // unified diff hunks
}

// Commit is one commit of a service's repository.
type Commit struct {
	SHA     string    `json:"sha"`
	Parents []string  `json:"parents"`
	Author  string    `json:"author"` // GitHub login
	Date    time.Time `json:"date"`
	Message string    `json:"message"`
	Files   []File    `json:"files"`
}

// Deploy is one deployment of a commit to an environment.
type Deploy struct {
	SHA         string    `json:"sha"`
	At          time.Time `json:"at"`
	Environment string    `json:"environment"`
}

// Candidate is one live commit and its score.
type Candidate struct {
	SHA     string
	Score   float64
	Reasons []string
}

// Culprit is FindCulprit's verdict.
type Culprit struct {
	SHA        string   // "" when no commit is to blame
	Author     string   // the culprit's author (GitHub login)
	Owners     []string // code owners of the files it changed
	Subject    string   // first line of its message
	Confidence float64  // 0..1
	Evidence   []string
	Candidates []Candidate // best first, at most MaxCandidates
}

// Thresholds and weights of the culprit score.
const (
	CulpritThreshold      = 2.0
	CulpritMinRelatedness = 1.5
	MaxCandidates         = 5
	// recencyScale is how fast the recency factor decays with the time
	// between going live and the start of the problem.
	recencyScale = 6 * time.Hour
)

// Commit field weights.
const (
	cwSubject = 1.2
	cwBody    = 0.8
	cwPath    = 1.0
	cwLine    = 0.8
	cwTest    = 0.4 // lines of test files
	// Signal source weights.
	swTitle   = 1.5
	swText    = 1.0
	swLabels  = 0.7
	swContext = 0.5
)

var (
	reRiskWords   = rx(`\b(?:cut|cuts|reduce[sd]?|lower(?:s|ed)?|raise[sd]?|increase[sd]?|decrease[sd]?|remove[sd]?|disable[sd]?|enable[sd]?|switch(?:es|ed)?|replace[sd]?|change[sd]?|move[sd]?|migrate[sd]?|drop(?:s|ped)?|async(?:hronous)?|rewrite|rewrote|skip(?:s|ped)?|cap(?:s|ped)?|shorten(?:s|ed)?|retry|retries|timeout|timeouts|fail fast|instead of|no longer|stop(?:s|ped)?|load(?:s|ed)?|buffer(?:ed)?|cache[sd]?|batch(?:ed)?|concurren\w+|parallel\w*)\b`)
	reHarmlessMsg = rx(`^(?:docs?|test|tests|ci|style|lint|typo|chore\(docs\)|build\(ci\))(?:\([^)]*\))?!?:|\b(?:typo|readme|spelling|comment(?:s)? only)\b`)
	reDepsMsg     = rx(`\b(?:bump(?:s|ed)?|update(?:s|d)? dependency|upgrade(?:s|d)? dependency|deps)\b`)
	reMetricsLine = rx(`(?i)\b(?:prometheus|histogram|counter|gauge|metric|metrics|promauto|statsd|otel|span|log\.|slog\.|logger|logging)\b`)
	// key: value / key = value / "key": value / key := value
	reConfigLine = regexp.MustCompile(`^\s*["']?([A-Za-z_][A-Za-z0-9_.\-]{1,60}?)["']?\s*[:=]\s*([^=].*?)\s*,?\s*$`)
	// Keys that usually hold tunables; a changed value of any other key
	// counts only when the value is a literal (number, string, boolean).
	reTunableKey = rx(`timeout|retr|attempt|limit|max|min|pool|size|buffer|ttl|concurren|replica|topic|queue|url|host|endpoint|domain|address|from|threshold|interval|delay|backoff|rate|batch|worker|thread|enable|disable|flag|mode|region|version`)
	reLiteral    = regexp.MustCompile(`^(?:["'].*["']|-?\d[\d_.]*\s*(?:[a-zA-Z]{0,3})|true|false|yes|no|on|off|null|nil|none)$`)
)

var (
	docExts   = set(`.md .rst .adoc .txt .mdx`)
	depFiles  = set(`go.mod go.sum package.json package-lock.json yarn.lock pnpm-lock.yaml requirements.txt requirements-dev.txt pyproject.toml poetry.lock pipfile pipfile.lock gemfile gemfile.lock cargo.toml cargo.lock build.gradle build.gradle.kts pom.xml composer.json composer.lock`)
	lintFiles = set(`.flake8 .eslintrc .eslintrc.json .eslintrc.js .golangci.yml .golangci.yaml ruff.toml .prettierrc .editorconfig .pre-commit-config.yaml setup.cfg tox.ini .gitignore .dockerignore codeowners`)
)

type fileKind int

const (
	fileCode fileKind = iota
	fileDoc
	fileTest
	fileCI
	fileDeps
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
		strings.Contains(base, ".spec.") || strings.HasSuffix(strings.TrimSuffix(base, ext), "test") ||
		strings.HasPrefix(lp, "test/") || strings.HasPrefix(lp, "tests/") || strings.Contains(lp, "/test/") ||
		strings.Contains(lp, "/tests/") || strings.Contains(lp, "__snapshots__") || strings.Contains(lp, "testdata/") ||
		strings.Contains(lp, "fixtures/") || strings.HasPrefix(lp, "spec/"):
		return fileTest
	case depFiles[base]:
		return fileDeps
	}
	return fileCode
}

// IsProduction reports whether a deploy environment name means production.
func IsProduction(env string) bool {
	e := strings.ToLower(strings.TrimSpace(env))
	return e == "production" || e == "prod" || e == "live" || strings.HasPrefix(e, "prod-") || strings.HasPrefix(e, "production-")
}

type commitDoc struct {
	c          *Commit
	terms      weightedTerms
	raw        string // lower-cased message, paths and changed lines
	liveAt     time.Time
	kind       float64
	kindReason string
	configs    []string // "key: old -> new"
	removed    int
	riskWords  []string
}

// FindCulprit picks the commit most likely to have caused sig. commits are
// newest first (as a repository lists them); deploys may be in any order;
// codeOwners maps a path to its owners (nil when unknown).
func FindCulprit(sig Signal, commits []Commit, deploys []Deploy, codeOwners func(path string) []string) Culprit {
	var res Culprit
	start := sig.StartsAt
	byHash := make(map[string]*Commit, len(commits))
	for i := range commits {
		byHash[commits[i].SHA] = &commits[i]
	}

	// When did each commit reach production (before the start)?
	liveAt := map[string]time.Time{}
	prodDeploys := 0
	for _, d := range deploys {
		if !IsProduction(d.Environment) {
			continue
		}
		prodDeploys++
		if !start.IsZero() && d.At.After(start) {
			continue
		}
		stack := []string{d.SHA}
		seen := map[string]bool{}
		for len(stack) > 0 {
			sha := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[sha] {
				continue
			}
			seen[sha] = true
			c, ok := byHash[sha]
			if !ok {
				continue
			}
			if t, ok := liveAt[sha]; !ok || d.At.Before(t) {
				liveAt[sha] = d.At
			}
			stack = append(stack, c.Parents...)
		}
	}
	noDeployInfo := prodDeploys == 0
	if noDeployInfo {
		// Without any production deploy we cannot tell what was live; fall
		// back to commit time and say so.
		for _, c := range commits {
			if start.IsZero() || !c.Date.After(start) {
				liveAt[c.SHA] = c.Date
			}
		}
		res.Evidence = append(res.Evidence, "no production deploys are recorded: commits are assumed live from their commit time")
	}
	if start.IsZero() {
		for _, t := range liveAt {
			if t.After(start) {
				start = t
			}
		}
	}

	var docs []*commitDoc
	notLive := 0
	for i := range commits {
		c := &commits[i]
		t, ok := liveAt[c.SHA]
		if !ok {
			notLive++
			continue
		}
		docs = append(docs, analyseCommit(c, t))
	}
	if notLive > 0 {
		res.Evidence = append(res.Evidence, fmt.Sprintf("%d commit(s) were not running in production when the problem started (%s) and cannot have caused it",
			notLive, start.UTC().Format(time.RFC3339)))
	}
	if len(docs) == 0 {
		res.Evidence = append(res.Evidence, "no commit of the repository was live in production before the problem started")
		return res
	}

	// Signal terms and identifiers.
	st := weightedTerms{}
	st.add(sig.Context, swContext)
	st.add(sig.labelText(), swLabels)
	st.add(sig.Text, swText)
	st.add(sig.Title, swTitle)
	surf := surfaces(sig.Title, sig.Text, sig.labelText(), sig.Context)
	type ident struct {
		s string
		w float64
	}
	var ids []ident
	seenID := map[string]bool{}
	for _, src := range []struct {
		text string
		w    float64
	}{{sig.Title + "\n" + sig.Text + "\n" + sig.labelText(), 1}, {sig.Context, swContext}} {
		for _, id := range identifiers(src.text) {
			if !seenID[id] && !isServiceIdent(id, sig.Service) {
				seenID[id] = true
				ids = append(ids, ident{id, src.w})
			}
		}
	}

	df := map[string]int{}
	idDF := map[string]int{}
	for _, d := range docs {
		for t := range d.terms {
			df[t]++
		}
		for _, id := range ids {
			if containsIdent(d.raw, id.s) {
				idDF[id.s]++
			}
		}
	}
	n := len(docs)

	type scored struct {
		doc     *commitDoc
		rel     float64
		score   float64
		reasons []string
	}
	var all []scored
	for _, d := range docs {
		type share struct {
			t string
			c float64
		}
		var sh []share
		rel := 0.0
		for t, wc := range d.terms {
			ws, ok := st[t]
			if !ok {
				continue
			}
			c := ws * wc * idf(df[t], n) * termWeight(t)
			rel += c
			sh = append(sh, share{t, c})
		}
		var sharedIDs []string
		for _, id := range ids {
			if containsIdent(d.raw, id.s) {
				rel += 1.0 * id.w * idf(idDF[id.s], n)
				sharedIDs = append(sharedIDs, id.s)
			}
		}
		sort.Slice(sh, func(a, b int) bool {
			if sh[a].c != sh[b].c {
				return sh[a].c > sh[b].c
			}
			return sh[a].t < sh[b].t
		})

		risk := 1.0
		var riskWhy []string
		if len(d.configs) > 0 {
			risk += 0.25
			riskWhy = append(riskWhy, "changes configuration values: "+strings.Join(firstN(d.configs, 3), "; "))
		}
		if d.removed >= 3 {
			risk += 0.1
			riskWhy = append(riskWhy, fmt.Sprintf("removes or rewrites %d lines", d.removed))
		}
		if len(d.riskWords) > 0 {
			risk += math.Min(0.1*float64(len(d.riskWords)), 0.25)
			riskWhy = append(riskWhy, "its message announces a behaviour change ("+strings.Join(firstN(d.riskWords, 4), ", ")+")")
		}
		risk = math.Min(risk, 1.6)

		gap := start.Sub(d.liveAt)
		if gap < 0 {
			gap = 0
		}
		recency := 0.35 + 0.65*math.Exp(-float64(gap)/float64(recencyScale))
		score := rel * d.kind * risk * recency

		var reasons []string
		reasons = append(reasons, fmt.Sprintf("%s %q by %s went live in production %s before the problem started",
			short(d.c.SHA), subject(d.c.Message), d.c.Author, humanDuration(gap)))
		if len(sh) > 0 {
			var ts []string
			for i, s := range sh {
				if i == 8 {
					break
				}
				ts = append(ts, word(surf, s.t))
			}
			reasons = append(reasons, "relates to the signal through: "+strings.Join(ts, ", "))
		} else {
			reasons = append(reasons, "shares nothing with the signal's words")
		}
		if len(sharedIDs) > 0 {
			reasons = append(reasons, "contains identifiers named in the signal: "+strings.Join(firstN(sharedIDs, 4), ", "))
		}
		reasons = append(reasons, riskWhy...)
		if d.kindReason != "" {
			reasons = append(reasons, d.kindReason)
		}
		reasons = append(reasons, fmt.Sprintf("score %.2f = relatedness %.2f x kind %.2f x risk %.2f x recency %.2f",
			score, rel, d.kind, risk, recency))
		all = append(all, scored{d, rel, score, reasons})
	}
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].score != all[b].score {
			return all[a].score > all[b].score
		}
		return all[a].doc.liveAt.After(all[b].doc.liveAt)
	})
	for i, s := range all {
		if i == MaxCandidates {
			break
		}
		res.Candidates = append(res.Candidates, Candidate{SHA: s.doc.c.SHA, Score: round2(s.score), Reasons: s.reasons})
	}

	best := all[0]
	second := 0.0
	if len(all) > 1 {
		second = all[1].score
	}
	if best.score < CulpritThreshold || best.rel < CulpritMinRelatedness {
		why := fmt.Sprintf("no live commit is clearly related to the signal: the best, %s %q, scores %.2f (relatedness %.2f); a culprit needs %.1f (relatedness %.1f)",
			short(best.doc.c.SHA), subject(best.doc.c.Message), best.score, best.rel, CulpritThreshold, CulpritMinRelatedness)
		res.Evidence = append(res.Evidence, why,
			"the cause is probably outside this repository's recent changes (infrastructure, an expired credential or certificate, an upstream provider, load)")
		return res
	}
	res.SHA = best.doc.c.SHA
	res.Author = best.doc.c.Author
	res.Subject = subject(best.doc.c.Message)
	if codeOwners != nil {
		seen := map[string]bool{}
		for _, f := range best.doc.c.Files {
			for _, o := range codeOwners(f.Path) {
				if !seen[o] {
					seen[o] = true
					res.Owners = append(res.Owners, o)
				}
			}
		}
	}
	// Confidence grows with the score and with the margin over the runner-up.
	margin := 1.0
	if best.score > 0 {
		margin = (best.score - second) / best.score
	}
	strength := math.Min(best.score/(3*CulpritThreshold), 1)
	res.Confidence = round2(clamp(0.25+0.35*strength+0.35*margin, 0.1, 0.95))
	res.Evidence = append(res.Evidence, best.reasons...)
	if len(all) > 1 {
		res.Evidence = append(res.Evidence, fmt.Sprintf("next best: %s %q with score %.2f",
			short(all[1].doc.c.SHA), subject(all[1].doc.c.Message), all[1].score))
	}
	return res
}

func analyseCommit(c *Commit, live time.Time) *commitDoc {
	d := &commitDoc{c: c, terms: weightedTerms{}, liveAt: live, kind: 1}
	subj, body, _ := strings.Cut(c.Message, "\n")
	var raw strings.Builder
	raw.WriteString(strings.ToLower(c.Message))
	kinds := map[fileKind]int{}
	onlyMetrics := len(c.Files) > 0
	for _, f := range c.Files {
		k := classifyFile(f.Path)
		kinds[k]++
		d.terms.add(f.Path, cwPath)
		raw.WriteString("\n" + strings.ToLower(f.Path))
		lw := cwLine
		if k == fileTest || k == fileDoc {
			lw = cwTest
		}
		var minus, plus []string
		for _, line := range strings.Split(f.Patch, "\n") {
			if strings.HasPrefix(line, "+++") || strings.HasPrefix(line, "---") {
				continue
			}
			switch {
			case strings.HasPrefix(line, "-"):
				minus = append(minus, line[1:])
			case strings.HasPrefix(line, "+"):
				plus = append(plus, line[1:])
			default:
				continue
			}
			l := line[1:]
			d.terms.add(l, lw)
			raw.WriteString("\n" + strings.ToLower(l))
			if strings.TrimSpace(l) != "" && !reMetricsLine.MatchString(l) && !isStructural(l) {
				onlyMetrics = false
			}
		}
		if k == fileCode || k == fileDeps {
			d.removed += countNonBlank(minus)
			d.configs = append(d.configs, configChanges(minus, plus)...)
		}
	}
	// The subject counts more than the body; add it last so it wins.
	d.terms.add(body, cwBody)
	d.terms.add(subj, cwSubject)

	code, deps := kinds[fileCode], kinds[fileDeps]
	lsubj := strings.ToLower(subj)
	switch {
	case len(c.Files) > 0 && code == 0 && deps == 0, len(c.Files) == 0 && reHarmlessMsg.MatchString(lsubj):
		d.kind, d.kindReason = 0.15, "only touches docs, tests or CI (x0.15)"
	case deps > 0 && (code == 0 || reDepsMsg.MatchString(lsubj)):
		d.kind, d.kindReason = 0.5, "a dependency update (x0.5)"
	case onlyMetrics && d.removed == 0:
		d.kind, d.kindReason = 0.5, "only adds metrics or logging (x0.5)"
	}
	seen := map[string]bool{}
	for _, w := range reRiskWords.FindAllString(strings.ToLower(c.Message), -1) {
		if !seen[w] {
			seen[w] = true
			d.riskWords = append(d.riskWords, w)
		}
	}
	d.raw = raw.String()
	return d
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
func configChanges(minus, plus []string) []string {
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
	var out []string
	for _, k := range order {
		nv, ok := newV[k]
		if !ok || nv == old[k] {
			continue
		}
		if !reTunableKey.MatchString(k) && !(reLiteral.MatchString(trimValue(old[k])) && reLiteral.MatchString(trimValue(nv))) {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s -> %s", k, trimValue(old[k]), trimValue(nv)))
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

func subject(msg string) string {
	s, _, _ := strings.Cut(msg, "\n")
	return strings.TrimSpace(s)
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

func humanDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "moments"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
