package triage

// knownissue.go ranks a team's known issues against a signal. It is the
// built-in scorer used when ranking candidates (the database's full-text
// search finds candidates; this decides which of them fit and why).
//
// A known issue fits when it describes the same symptoms: the score is the
// weighted overlap of stemmed terms (rarer terms across the issue list
// count more, title words more than runbook words, the service's own name
// hardly at all, since every issue of the service mentions it), scaled by
// how much of the issue's title and symptoms the signal covers, plus shared
// verbatim identifiers (metric names, routes, hostnames) and domain overlap.
// A match must share words with the issue's title, which names the problem.
// An issue that rules out what the signal reports ("billing-api
// unaffected", "workers themselves are healthy", "failed_sends = 0") is
// marked down.

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/warroom/warroom/internal/config"
)

// KnownIssue is a problem the team has seen before, with its fix.
type KnownIssue struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Symptoms string   `json:"symptoms"`
	Runbook  string   `json:"runbook"`
	Domains  []string `json:"domains"`
}

// KnownIssueMatch is a known issue that fits a signal.
type KnownIssueMatch struct {
	KnownIssue
	Score   float64
	Reasons []string
}

// KnownIssueThreshold is the score a known issue needs to be reported as a
// match: a handful of distinctive symptom terms or concepts shared with the
// signal, most of the issue's title covered, no contradicting mechanism or
// cause; domain overlap alone can never reach it. Checked on every
// known-issue table of the package (88 cases, most of them samples written
// by someone who had not read the matcher) and the shared samples: at 3.0
// nothing is claimed wrongly; 2.5 would add three right matches there but
// claims a known issue on two shared samples whose alert fits none, and
// 2.0 claims three wrong ones in the tables as well.
const KnownIssueThreshold = 3.0

// kiRuledOut scales an issue whose own text rules out what the signal
// reports: it describes a different problem, however many words it shares.
const kiRuledOut = 0.1

// Term weights by where a term appears.
const (
	kiSigTitle    = 1.5
	kiSigText     = 1.0
	kiSigLabels   = 0.7
	kiSigService  = 0.3 // the service's own name identifies, it does not describe
	kiSigEvidence = 0.7 // telemetry: what the fault looks like, not what the reporter saw
	kiIssueTitle  = 1.5
	kiIssueSymp   = 1.0
	kiIssueRun    = 0.4
)

var (
	// "<subject> [is] unaffected|healthy|...": what an issue is not. A
	// reflexive ("the workers themselves") stays in the subject, whose
	// terms drop it as a stop word.
	reExclusion = regexp.MustCompile(`(?i)((?:[a-z][\w./-]*\s+){0,2}[a-z][\w./-]*)\s*\)?\s+(?:is\s+|are\s+|stays?\s+|remains?\s+|looks?\s+)?(?:unaffected|not affected|healthy|fine|unchanged|normal|correct|on time)\b`)
	// "<a>, <b> and <c> are healthy": a list of things a signal says are
	// fine, within one sentence.
	reCalmList = regexp.MustCompile(`(?i)((?:[a-z][\w/-]*,?\s+){1,5}[a-z][\w/-]*)\s+(?:is|are|stays?|remains?|looks?)\s+(?:unaffected|healthy|fine|unchanged|normal|correct)\b`)
	// "<metric> = 0": a condition the issue requires.
	reZeroCondition = regexp.MustCompile(`(?i)\b([a-z][a-z0-9_.]*[a-z0-9])\s*(?:==?|\bis\b)\s*0(?:[^.\d]|\.\D|\.?$)`)
)

// RankKnownIssues returns the known issues that fit sig on svc, best first,
// only those scoring at least KnownIssueThreshold.
func RankKnownIssues(sig Signal, svc config.Service, issues []KnownIssue) []KnownIssueMatch {
	return RankKnownIssuesWithEvidence(sig, svc, issues, KnownIssueEvidence{})
}

// RankKnownIssuesWithEvidence is RankKnownIssues with what telemetry shows
// about the fault as further evidence of its mechanism.
func RankKnownIssuesWithEvidence(sig Signal, svc config.Service, issues []KnownIssue, ev KnownIssueEvidence) []KnownIssueMatch {
	var out []KnownIssueMatch
	for _, m := range scoreKnownIssues(sig, svc, issues, ev) {
		if m.Score >= KnownIssueThreshold {
			m.Reasons = append(m.Reasons, fmt.Sprintf("score %.2f >= %.1f", m.Score, KnownIssueThreshold))
			out = append(out, m)
		}
	}
	return out
}

// scoreKnownIssues scores every issue, best first.
func scoreKnownIssues(sig Signal, svc config.Service, issues []KnownIssue, ev KnownIssueEvidence) []KnownIssueMatch {
	if len(issues) == 0 {
		return nil
	}
	// "The collar bug again?": a reporter's guess names a known issue, it
	// is no evidence of one.
	sig.Title, sig.Text = withoutGuesses(sig.Title), withoutGuesses(sig.Text)
	serviceName := svc.Name
	if serviceName == "" {
		serviceName = sig.Service
	}
	st := weightedTerms{}
	evidence := strings.Join(ev.Lines, "\n")
	st.addMeaning(evidence, kiSigEvidence)
	st.addMeaning(sig.labelText(), kiSigLabels)
	st.addMeaning(sig.Text, kiSigText)
	st.addMeaning(sig.Title, kiSigTitle)
	serviceTerms := termSet(serviceName)
	for t := range serviceTerms {
		if _, ok := st[t]; ok {
			st[t] = kiSigService
		}
	}
	// What the signal says is fine is no shared symptom ("seat map and
	// search are healthy" does not point at a seat-map issue).
	sigCalm := calmSubjects(sig.Title + "\n" + sig.Text)
	titleTerms := termSet(sig.Title)
	for t := range sigCalm {
		if !titleTerms[t] {
			delete(st, t)
		}
	}
	sigHave := map[string]bool{}
	for t := range st {
		sigHave[t] = true
	}
	sigRaw := strings.ToLower(sig.Title + "\n" + sig.Text + "\n" + sig.labelText() + "\n" + evidence)
	surf := surfaces(sig.Title, sig.Text, sig.labelText(), evidence)
	sigIDs := identifiers(sig.Title + "\n" + sig.Text + "\n" + sig.labelText() + "\n" + evidence)
	sigMech := mechanisms(sigHave)
	healthy := healthyTerms(sig.Text, evidence)
	// Zero series beside non-zero ones of the same failure counter say
	// where it fails, not that it is absent; read once for every issue.
	counted := withoutZeroSiblings(ev.Lines)

	// Document frequency of terms across the issues.
	docs := make([]weightedTerms, len(issues))
	df := map[string]int{}
	for i, ki := range issues {
		d := weightedTerms{}
		d.addMeaning(ki.Runbook, kiIssueRun)
		d.addMeaning(ki.Symptoms, kiIssueSymp)
		d.addMeaning(ki.Title, kiIssueTitle)
		docs[i] = d
		for t := range d {
			df[t]++
		}
	}
	n := len(issues)
	// A report in another language shares cognates with an issue written
	// in English ("recalibraram" and "recalibrated", "appliquees" and
	// "applied") that no word list holds.
	if looksForeign(FoldText(sig.Title + " " + sig.Text)) {
		for t, w := range cognates(st, docs) {
			st[t], sigHave[t] = w, true
		}
		sigMech = mechanisms(sigHave)
	}

	var out []KnownIssueMatch
	for i, ki := range issues {
		d := docs[i]
		type shared struct {
			term string
			w    float64
		}
		var sh []shared
		text, covHave, covAll := 0.0, 0.0, 0.0
		literal := literalConcepts(d, st)
		for t, wk := range d {
			if literal[t] {
				continue // the words themselves are shared: the concept adds nothing
			}
			w := idf(df[t], n) * termWeight(t)
			if wk >= kiIssueSymp && !serviceTerms[t] {
				covAll += w
			}
			ws, ok := st[t]
			if !ok {
				continue
			}
			c := ws * wk * w
			text += c
			sh = append(sh, shared{t, c})
			if wk >= kiIssueSymp && !serviceTerms[t] {
				covHave += w
			}
		}
		coverage := 0.0
		if covAll > 0 {
			coverage = covHave / covAll
		}
		kiRaw := strings.ToLower(ki.Title + "\n" + ki.Symptoms + "\n" + ki.Runbook)
		var ids []string
		for _, id := range sigIDs {
			if isServiceIdent(id, serviceName) {
				continue
			}
			if containsIdent(kiRaw, id) {
				ids = append(ids, id)
			}
		}
		for _, id := range identifiers(ki.Title + "\n" + ki.Symptoms) {
			if !isServiceIdent(id, serviceName) && !containsStr(ids, id) && containsIdent(sigRaw, id) {
				ids = append(ids, id)
			}
		}
		idScore := 1.0 * float64(len(ids))

		dom := 0.0
		var domReasons []string
		for _, dmn := range ki.Domains {
			switch {
			case containsFold(svc.Domains, dmn):
				dom += 0.5
				domReasons = append(domReasons, dmn+" (a domain of "+serviceName+")")
			case mentions(sigHave, dmn) == 1:
				dom += 0.5
				domReasons = append(domReasons, dmn+" (mentioned)")
			}
		}
		dom = min(dom, 1.5)

		titleHits, titleCov := titleCoverage(ki.Title, sigHave, serviceTerms, func(t string) float64 { return idf(df[t], n) * termWeight(t) })
		titleFactor := titleFactorOf(titleHits, titleCov)

		score := (text+idScore)*(0.5+coverage)*titleFactor + dom
		var reasons []string
		sort.Slice(sh, func(a, b int) bool {
			if sh[a].w != sh[b].w {
				return sh[a].w > sh[b].w
			}
			return sh[a].term < sh[b].term
		})
		if len(sh) > 0 {
			var ws []string
			for j, s := range sh {
				if j == 8 {
					ws = append(ws, "...")
					break
				}
				ws = append(ws, word(surf, s.term))
			}
			reasons = append(reasons, fmt.Sprintf("shares %d symptom terms with the signal: %s", len(sh), strings.Join(ws, ", ")))
		}
		if len(ids) > 0 {
			reasons = append(reasons, "names the same identifiers: "+strings.Join(ids, ", "))
		}
		reasons = append(reasons, fmt.Sprintf("covers %.0f%% of the issue's symptoms; %d word(s) of its title (%.0f%% of its weight)", coverage*100, titleHits, titleCov*100))
		if len(domReasons) > 0 {
			reasons = append(reasons, "domain overlap: "+strings.Join(domReasons, ", "))
		}
		if what := ruledOut(ki.Title+"\n"+ki.Symptoms, sigHave, sigCalm); what != "" {
			score *= kiRuledOut
			reasons = append(reasons, fmt.Sprintf("the issue rules out what the signal reports (%q): a different problem (score x%.1f)", what, kiRuledOut))
		}
		kiText := ki.Title + "\n" + ki.Symptoms
		why := firstFinding(
			func() string { return causeShownHealthy(ki.Title, healthy, serviceTerms) },
			func() string { return triggerShownUnchanged(ki.Title, ev.Lines, serviceTerms) },
			func() string { return failureShownAbsent(ki.Title, ki.Symptoms, counted) },
			func() string { return boundNotReached(kiText, ev.Lines) },
			func() string { return failureCounterAtZero(kiText, counted) },
			func() string { return failingSubjectWorks(kiText, healthy) },
			func() string { return otherCrashKind(kiText, ev.Lines) },
			func() string { return crashElsewhere(kiText, ev.Lines) },
			func() string { return otherVersion(kiText, ev.Lines) },
			func() string { return amountOtherWay(kiText, sig.Title+"\n"+sig.Text) },
			func() string { return onSetpoint(kiText, ev.Lines) },
			func() string { return readingConfirmed(kiText, sig.Title+"\n"+sig.Text, ev.Lines) },
			func() string { return outsideWindow(kiText, sig.Title+"\n"+sig.Text) },
		)
		if why != "" {
			score *= kiCauseHealthy
			reasons = append(reasons, fmt.Sprintf("%s: another problem with the same effects (score x%.1f)", why, kiCauseHealthy))
		}
		if f, why := mechanismFit(ki, sigMech, len(ev.Lines) > 0); f != 1 || why != "" {
			score *= f
			reasons = append(reasons, why)
		}
		score = round2(score)
		out = append(out, KnownIssueMatch{KnownIssue: ki, Score: score, Reasons: reasons})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].ID < out[b].ID
	})
	return out
}

// ruledOut returns the statement in an issue's text that rules out what
// the signal reports: "<subject> unaffected/healthy/unchanged/..." or
// "<metric> = 0" where the signal mentions every word of the subject and
// does not itself say that subject is fine. "" when there is none.
func ruledOut(text string, sigHave, sigCalm map[string]bool) string {
	check := func(subject, statement string) bool {
		ts := terms(subject)
		if len(ts) == 0 {
			return false
		}
		for _, t := range ts {
			if !sigHave[t] || sigCalm[t] {
				return false
			}
		}
		return true
	}
	for _, m := range reExclusion.FindAllStringSubmatch(text, -1) {
		if check(m[1], m[0]) {
			return strings.TrimSpace(m[0])
		}
	}
	for _, m := range reZeroCondition.FindAllStringSubmatch(text, -1) {
		if check(m[1], m[0]) {
			return strings.TrimSpace(strings.TrimRight(m[0], " ;,."))
		}
	}
	return ""
}

// calmSubjects are the terms of things the text itself says are fine
// ("the queue depth is normal", "newsletters look fine").
func calmSubjects(text string) map[string]bool {
	m := map[string]bool{}
	for _, re := range []*regexp.Regexp{reExclusion, reCalmList} {
		for _, x := range re.FindAllStringSubmatch(text, -1) {
			for _, t := range terms(x[1]) {
				m[t] = true
			}
		}
	}
	return m
}

// isServiceIdent reports whether id is only the service's name (or a
// hostname/path made of it), which every issue of the service may mention.
func isServiceIdent(id, service string) bool {
	if service == "" {
		return false
	}
	return strings.Trim(strings.ReplaceAll(id, strings.ToLower(service), ""), "./_-@") == ""
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
