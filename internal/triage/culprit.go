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
//
// This file holds the types, the weights and the verdict; the steps live in
// culprit_live.go (what was live), culprit_commit.go (reading one commit)
// and culprit_score.go (the score and its reasons).

import (
	"cmp"
	"fmt"
	"math"
	"slices"
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
	// Repo is the repository (owner/name) the commit belongs to: the
	// service's own, or another's read because telemetry puts that service
	// on the failing path; "" when the caller reads one repository.
	Repo    string    `json:"repo,omitempty"`
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
	// Service is the one service this deploy shipped, in a repository that
	// holds several; "" means every service of the repository.
	Service string `json:"service,omitempty"`
}

// CodeOwners names the owners of a path of a repository (Commit.Repo).
type CodeOwners func(repo, path string) []string

// Candidate is one live commit and its score.
type Candidate struct {
	SHA     string
	Score   float64
	Reasons []string
}

// Culprit is FindCulprit's verdict.
type Culprit struct {
	SHA     string   // "" when no commit is to blame
	Repo    string   // the culprit's repository (Commit.Repo)
	Author  string   // the culprit's author (GitHub login)
	Owners  []string // code owners of the files it changed
	Subject string   // first line of its message
	// Confidence is how often a blame of this strength named the right
	// commit on batches the rules had never seen (see calibrate.go), 0..1.
	Confidence float64
	Strength   float64 // the rules' raw rating of the blame, 0..1
	Evidence   []string
	Candidates []Candidate // best first, at most MaxCandidates
	// OperationalCause names the likely cause outside the repository (an
	// expired certificate, an upstream outage, a traffic surge) when the
	// evidence shows one, with what shows it; "" otherwise.
	OperationalCause string `json:",omitempty"`
}

// Thresholds and weights of the culprit score.
const (
	CulpritThreshold      = 2.0
	CulpritMinRelatedness = 1.5
	MaxCandidates         = 5
	// backedMinRelatedness replaces CulpritMinRelatedness for a change whose
	// mechanism the telemetry shows at work.
	backedMinRelatedness = 1.0
	// recencyScale is how fast the recency factor decays with the time
	// between going live and the start of the problem.
	recencyScale = 6 * time.Hour
	// latentScale replaces it when telemetry shows the change's mechanism
	// at work: the onset can lag such a change by many hours.
	latentScale = 24 * time.Hour
	// maxLatent is the longest a change can have run before the onset and
	// still be blamed when telemetry shows a sudden fault: after days
	// without it, the trigger is something that changed at the onset.
	maxLatent = 72 * time.Hour
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
	// swTelemetryLogs weighs new error log lines: evidence, but often a
	// victim's words rather than the fault's.
	swTelemetryLogs = 0.7
)

// FindCulprit picks the commit most likely to have caused sig. commits are
// newest first (as a repository lists them); deploys may be in any order;
// codeOwners maps a path to its owners (nil when unknown). It is
// FindCulpritWithEvidence without telemetry.
func FindCulprit(sig Signal, commits []Commit, deploys []Deploy, codeOwners CodeOwners) Culprit {
	return FindCulpritWithEvidence(sig, commits, deploys, codeOwners, Evidence{})
}

// FindCulpritWithEvidence picks the commit most likely to have caused sig,
// with what the telemetry shows (ev; the zero value when none was read).
//
// The steps: find the onset (the telemetry's earliest sign when it precedes
// the alert) and the services involved (the signal's, the first failing,
// those on the failing call path); find what was live on them before the
// onset; read each live commit and score it against the signal and the
// fault's mechanism; then blame the best one, or abstain and say why,
// naming a cause outside the repository when the evidence shows one.
func FindCulpritWithEvidence(sig Signal, commits []Commit, deploys []Deploy, codeOwners CodeOwners, ev Evidence) Culprit {
	var res Culprit
	start := sig.StartsAt
	if !ev.Onset.IsZero() && ev.OnsetSource != "alert" && (start.IsZero() || ev.Onset.Before(start)) {
		lead := ""
		if !start.IsZero() {
			lead = ", " + humanDuration(start.Sub(ev.Onset)) + " before the alert"
		}
		res.Evidence = append(res.Evidence, fmt.Sprintf("telemetry puts the onset at %s (from %s)%s: only changes live before it can have caused it",
			ev.Onset.UTC().Format(time.RFC3339), ev.OnsetSource, lead))
		start = ev.Onset
	}
	involved := involvedServices(sig.Service, ev)
	live := whenLive(commits, deploys, start, involved)
	res.Evidence = append(res.Evidence, live.evidence...)

	if n := otherServicesOnly(commits, deploys, involved, live.at); n > 0 {
		res.Evidence = append(res.Evidence, fmt.Sprintf("%d commit(s) change only other services of the repository (%s) and nothing running on %s",
			n, otherServices(deploys, involved), strings.Join(sortedSet(involved), ", ")))
	}
	faultText := strings.Join([]string{sig.Title, sig.Text, sig.labelText(), ev.text()}, "\n")
	res.Evidence = append(res.Evidence, vainRollbacks(faultText, deploys, live.start, cmp.Or(ev.FirstFailing, sig.Service), live.at)...)
	res.Evidence = append(res.Evidence, workedAfter(faultText, live.start, commits, live.at)...)
	docs, notLive := liveCommits(commits, live.at)
	if notLive > 0 {
		res.Evidence = append(res.Evidence, fmt.Sprintf("%d commit(s) were not running in production on the services involved when the problem started (%s) and cannot have caused it",
			notLive, live.start.UTC().Format(time.RFC3339)))
	}
	op, hasOp := findOperationalCause(faultText, ev)
	if len(docs) == 0 {
		res.Evidence = append(res.Evidence, "no commit of the repository was live in production before the problem started")
		nameOperationalCause(&res, op, hasOp)
		return res
	}

	// The telemetry's own account of the fault (trace signature, new error
	// logs) names its mechanism more reliably than an alert's prose; the
	// signal's words stand in when telemetry says nothing.
	prof, backed := faultProfile(ev, faultText)
	fault := profileMechs(prof)
	ranked := scoreCommits(readSignal(sig, ev), docs, live.start, prof, backed)
	res.Candidates = topCandidates(ranked)

	best := ranked[0]
	if backed {
		// Telemetry shows how the service fails: only a change that alters
		// that mechanism can be blamed, however close in time or words the
		// others are.
		i := slices.IndexFunc(ranked, func(s scoredCommit) bool { return len(s.sharedMech) > 0 && s.gap <= maxLatent })
		if i < 0 && slices.ContainsFunc(ranked, func(s scoredCommit) bool { return len(s.sharedMech) > 0 }) {
			res.Evidence = append(res.Evidence, fmt.Sprintf("the only changes that alter what the telemetry shows failing went live more than %s before the onset: the service ran them without this fault, so what changed at the onset is elsewhere (another repository, the input, the load)",
				humanDuration(maxLatent)))
		}
		if i < 0 {
			res.Evidence = append(res.Evidence, fmt.Sprintf("no live commit changes what the telemetry shows failing (%s): none is blamed", joinMech(fault)))
			nameOperationalCause(&res, op, hasOp)
			return res
		}
		if i > 0 {
			res.Evidence = append(res.Evidence, fmt.Sprintf("%d better-scored commit(s) change nothing that can produce what the telemetry shows (%s)", i, joinMech(fault)))
			ranked = ranked[i:]
			best = ranked[0]
		}
	}
	switch {
	case best.score < CulpritThreshold || best.rel < minRelatedness(best, backed):
		res.Evidence = append(res.Evidence, abstention(best, minRelatedness(best, backed))...)
		nameOperationalCause(&res, op, hasOp)
		return res
	case hasOp && !sharesAny(best.sharedMech, op.mechs) && !(op.trigger && backed && best.mech >= triggerOverride && slices.ContainsFunc(best.sharedMech, notLoadSymptom)):
		res.Evidence = append(res.Evidence, fmt.Sprintf("the evidence points to %s (%s), and the best candidate, %s %q, changes nothing that can produce it: no commit is blamed",
			op.name, op.evidence, short(best.doc.c.SHA), subject(best.doc.c.Message)))
		nameOperationalCause(&res, op, hasOp)
		return res
	}
	blame(&res, ranked, codeOwners)
	return res
}

// minRelatedness is the relatedness a culprit needs: less when telemetry
// shows the very mechanism its diff changes at work, which is evidence of
// its own beyond shared words.
func minRelatedness(s scoredCommit, backed bool) float64 {
	if backed && len(s.sharedMech) > 0 {
		return backedMinRelatedness
	}
	return CulpritMinRelatedness
}

// triggerOverride is the mechanism factor (1 + 0.6 x the weight of the
// shared mechanism) a change needs to stay a suspect beside a traffic
// surge: the telemetry's own signature or error logs show its mechanism,
// not a mechanism it merely leads to.
const triggerOverride = 1.4

// notLoadSymptom: timeouts, retries, pools and limits are how any
// service fails under more load than usual; the other mechanisms are not.
func notLoadSymptom(m mechanism) bool {
	return m != mechTimeout && m != mechRetry && m != mechCapacity && m != mechLimit
}

func sharesAny(a, b []mechanism) bool {
	for _, m := range a {
		if slices.Contains(b, m) {
			return true
		}
	}
	return false
}

// nameOperationalCause records a cause outside the repository, when the
// evidence shows one, as the verdict's data and in its evidence.
func nameOperationalCause(res *Culprit, op operationalCause, ok bool) {
	if !ok {
		return
	}
	res.OperationalCause = op.name + ": " + op.evidence
	res.Evidence = append(res.Evidence, "likely operational cause: "+res.OperationalCause)
}

// topCandidates lists the best MaxCandidates scored commits, so a reader
// sees what else was considered whether or not one is blamed.
func topCandidates(ranked []scoredCommit) []Candidate {
	var out []Candidate
	for i, s := range ranked {
		if i == MaxCandidates {
			break
		}
		out = append(out, Candidate{SHA: s.doc.c.SHA, Score: round2(s.score), Reasons: s.reasons})
	}
	return out
}

// abstention explains why no commit is blamed: a risky, recent change that
// shares nothing with the symptoms is not evidence, so the cause is
// probably elsewhere.
func abstention(best scoredCommit, minRel float64) []string {
	why := fmt.Sprintf("no live commit is clearly related to the signal: the best, %s %q, scores %.2f (relatedness %.2f); a culprit needs %.1f (relatedness %.1f)",
		short(best.doc.c.SHA), subject(best.doc.c.Message), best.score, best.rel, CulpritThreshold, minRel)
	return []string{why,
		"the cause is probably outside this repository's recent changes (infrastructure, an expired credential or certificate, an upstream provider, load)"}
}

// blame names ranked[0] as the culprit in res: who wrote it, who owns the
// code it changed, how sure we are, and the runner-up for comparison.
func blame(res *Culprit, ranked []scoredCommit, codeOwners CodeOwners) {
	best := ranked[0]
	second := 0.0
	if len(ranked) > 1 {
		second = ranked[1].score
	}
	res.SHA = best.doc.c.SHA
	res.Repo = best.doc.c.Repo
	res.Author = best.doc.c.Author
	res.Subject = subject(best.doc.c.Message)
	if codeOwners != nil {
		res.Owners = ownersOf(best.doc.c, codeOwners)
	}
	res.Strength = culpritStrength(best.score, second)
	res.Confidence = culpritCalibration.apply(res.Strength)
	res.Evidence = append(res.Evidence, best.reasons...)
	if len(ranked) > 1 {
		res.Evidence = append(res.Evidence, fmt.Sprintf("next best: %s %q with score %.2f",
			short(ranked[1].doc.c.SHA), subject(ranked[1].doc.c.Message), ranked[1].score))
	}
}

// ownersOf lists the code owners of the files c changed, each once, in the
// order the files name them.
func ownersOf(c *Commit, codeOwners CodeOwners) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range c.Files {
		for _, o := range codeOwners(c.Repo, f.Path) {
			if !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	return out
}

// culpritStrength grows with the score and with the margin over the
// runner-up: a clear winner is surer than one of two close candidates.
func culpritStrength(best, second float64) float64 {
	margin := 1.0
	if best > 0 {
		margin = (best - second) / best
	}
	strength := math.Min(best/(3*CulpritThreshold), 1)
	return round2(clamp(0.25+0.35*strength+0.35*margin, 0.1, 0.95))
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

func firstN[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
