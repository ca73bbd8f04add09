package triage

// culprit_score.go scores live commits against a signal:
// relatedness x kind x risk x recency (see culprit.go), and writes the
// reasons a reader needs to check each score.

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// signalEvidence is what a commit can share with a signal.
type signalEvidence struct {
	terms weightedTerms     // the signal's terms, by its most weighty source
	surf  map[string]string // term -> a word as the signal wrote it, to quote back
	ids   []signalIdent     // verbatim identifiers, each once
	// atLimit maps a count the telemetry shows fully used ("3/3 threads
	// busy", "6/6 connections in use") to the line that shows it.
	atLimit map[string]string
}

// reAtLimit is a resource fully used: "3/3 threads busy", "6/6 connections
// in use", "all 4 workers busy".
var reAtLimit = rx(`\b(\d+)\s*/\s*(\d+)\s+(?:[\w-]+\s+){0,2}?(?:busy|in use|used|active|taken|occupied|saturated|checked out)\b|\ball (\d+) (?:[\w-]+ )?(?:workers|threads|connections|slots|consumers|processes)\b[^.;\n]{0,12}?\b(?:busy|in use|taken|occupied)\b`)

// boundAtLimit is the relatedness a commit gains when it set a size or
// limit to the very count the telemetry shows fully used: the fault names
// the changed value.
const boundAtLimit = 2.0

// signalIdent is a verbatim identifier ("smtp_pool_size") and the weight
// of the source it came from.
type signalIdent struct {
	s string
	w float64
}

// readSignal gathers the signal's terms and identifiers. The Context from
// a matched known issue counts, but less than what the signal itself says;
// the service's own name is no evidence, every commit of its repository
// could carry it.
//
// What the telemetry shows failing (the trace's fault signature, new
// error logs) counts like the signal's text: a diff that touches the very
// statement or call that fails is related however the alert is worded.
func readSignal(sig Signal, tel Evidence) signalEvidence {
	ev := signalEvidence{terms: weightedTerms{}}
	ev.terms.add(sig.Context, swContext)
	ev.terms.add(strings.Join(tel.Logs, "\n"), swTelemetryLogs)
	ev.terms.add(tel.Signature, swText)
	ev.terms.add(sig.labelText(), swLabels)
	ev.terms.add(sig.Text, swText)
	ev.terms.add(sig.Title, swTitle)
	ev.surf = surfaces(sig.Title, sig.Text, sig.labelText(), sig.Context, tel.Signature, strings.Join(tel.Logs, "\n"))
	for _, line := range append([]string{tel.Signature}, tel.Logs...) {
		for _, m := range reAtLimit.FindAllStringSubmatch(strings.ToLower(line), -1) {
			n := m[3]
			if m[1] != "" && m[1] == m[2] {
				n = m[1]
			}
			if n != "" && n != "0" {
				if ev.atLimit == nil {
					ev.atLimit = map[string]string{}
				}
				ev.atLimit[n] = strings.TrimSpace(line)
			}
		}
	}
	seenID := map[string]bool{}
	for _, src := range []struct {
		text string
		w    float64
	}{{sig.Title + "\n" + sig.Text + "\n" + sig.labelText() + "\n" + tel.Signature, 1}, {sig.Context, swContext}} {
		for _, id := range identifiers(src.text) {
			if !seenID[id] && !isServiceIdent(id, sig.Service) {
				seenID[id] = true
				ev.ids = append(ev.ids, signalIdent{id, src.w})
			}
		}
	}
	return ev
}

// rarity counts in how many live commits each term and each signal
// identifier occurs, so that what every commit shares weighs little.
type rarity struct {
	df   map[string]int // term -> commits containing it
	idDF map[string]int // identifier -> commits containing it
	n    int            // live commits
}

func countRarity(docs []*commitDoc, ids []signalIdent) rarity {
	r := rarity{df: map[string]int{}, idDF: map[string]int{}, n: len(docs)}
	for _, d := range docs {
		for t := range d.terms {
			r.df[t]++
		}
		for _, id := range ids {
			if containsIdent(d.raw, id.s) {
				r.idDF[id.s]++
			}
		}
	}
	return r
}

// scoredCommit is one live commit's score and the factors behind it.
type scoredCommit struct {
	doc        *commitDoc
	gap        time.Duration // from going live to the start of the problem
	rel        float64       // relatedness
	shares     []termShare   // shared terms, biggest contribution first
	sharedIDs  []string      // signal identifiers the commit contains
	atLimit    string        // the changed size the telemetry shows fully used, and where
	risk       float64
	riskWhy    []string
	recency    float64
	mech       float64     // how well what the diff changes explains the fault
	mechWhy    string      // "" when the fault shows no mechanism
	sharedMech []mechanism // mechanisms the diff and the fault share
	score      float64
	reasons    []string
}

// termShare is one term a commit shares with the signal and what it adds
// to the relatedness.
type termShare struct {
	t string
	c float64
}

// scoreCommits scores every live commit against the signal, best first;
// ties go to the commit that went live last.
//
// fault lists the mechanisms the failure shows; withTelemetry says
// telemetry backs them, so a diff that changes something else is
// discounted.
func scoreCommits(ev signalEvidence, docs []*commitDoc, start time.Time, fault []faultMech, withTelemetry bool) []scoredCommit {
	r := countRarity(docs, ev.ids)
	var all []scoredCommit
	for _, d := range docs {
		s := scoreCommit(d, ev, r, start)
		s.mech, s.sharedMech, s.mechWhy = mechanismMatch(d.mechs, fault, withTelemetry)
		if withTelemetry && len(s.sharedMech) > 0 {
			// Telemetry shows this change's mechanism at work: a latent
			// fault can wait hours for the load that exposes it.
			s.recency = math.Max(s.recency, latentRecency(s.gap))
		}
		s.score = s.rel * d.kind * s.risk * s.recency * s.mech
		s.reasons = s.explain(ev.surf)
		all = append(all, s)
	}
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].score != all[b].score {
			return all[a].score > all[b].score
		}
		return all[a].doc.liveAt.After(all[b].doc.liveAt)
	})
	return all
}

// scoreCommit scores one commit: relatedness x kind x risk x recency.
func scoreCommit(d *commitDoc, ev signalEvidence, r rarity, start time.Time) scoredCommit {
	s := scoredCommit{doc: d}
	s.rel, s.shares, s.sharedIDs = relatedness(d, ev, r)
	if why := sizeAtLimit(d, ev); why != "" {
		s.rel += boundAtLimit
		s.atLimit = why
	}
	s.risk, s.riskWhy = changeRisk(d)
	s.gap = start.Sub(d.liveAt)
	if s.gap < 0 {
		s.gap = 0
	}
	s.recency = recencyFactor(s.gap)
	s.score = s.rel * d.kind * s.risk * s.recency
	s.mech = 1
	return s
}

// relatedness sums what d shares with the signal: each shared term by the
// weights of where it appears on both sides and by how rare it is among
// the live commits, plus each signal identifier d contains verbatim.
func relatedness(d *commitDoc, ev signalEvidence, r rarity) (rel float64, shares []termShare, sharedIDs []string) {
	for t, wc := range d.terms {
		ws, ok := ev.terms[t]
		if !ok {
			continue
		}
		c := ws * wc * idf(r.df[t], r.n) * termWeight(t)
		shares = append(shares, termShare{t, c})
	}
	for _, id := range ev.ids {
		if containsIdent(d.raw, id.s) {
			rel += 1.0 * id.w * idf(r.idDF[id.s], r.n)
			sharedIDs = append(sharedIDs, id.s)
		}
	}
	sort.Slice(shares, func(a, b int) bool {
		if shares[a].c != shares[b].c {
			return shares[a].c > shares[b].c
		}
		return shares[a].t < shares[b].t
	})
	// Summed in that fixed order, so the score does not depend on map order
	// down to its last digit.
	var terms float64
	for _, sh := range shares {
		terms += sh.c
	}
	return terms + rel, shares, sharedIDs
}

// sizeAtLimit says which of d's changed sizes or limits the telemetry shows
// fully used ("concurrency: 25 -> 3" against "3/3 threads busy"), or "".
func sizeAtLimit(d *commitDoc, ev signalEvidence) string {
	if len(ev.atLimit) == 0 {
		return ""
	}
	for _, c := range d.configs {
		if !reSizeKey.MatchString(c.key) {
			continue
		}
		nv := strings.Trim(c.new, `"' `)
		// Only a cut can leave a resource short: raising a limit to the
		// value now in full use means the load outgrew it, not the change.
		if o, err := strconv.ParseFloat(strings.Trim(c.old, `"' `), 64); err == nil {
			if n, err := strconv.ParseFloat(nv, 64); err == nil && n >= o {
				continue
			}
		}
		if line, hit := ev.atLimit[nv]; hit {
			return fmt.Sprintf("sets %s to %s, and the telemetry shows %s fully used: %q", c.key, nv, nv, line)
		}
	}
	return ""
}

// reSizeKey is a setting that sizes or bounds a resource.
var reSizeKey = rx(`pool|conn|concurren|worker|thread|parallel|replica|slot|consumer|process|max|limit|size|capacity`)

// changeRisk is the risk factor, at most 1.6: changed configuration
// values, removed lines and words announcing a behaviour change are how
// commits that break things usually look.
func changeRisk(d *commitDoc) (risk float64, why []string) {
	risk = 1.0
	if len(d.configs) > 0 {
		risk += 0.25
		var cs []string
		for _, c := range firstN(d.configs, 3) {
			cs = append(cs, c.String())
		}
		why = append(why, "changes configuration values: "+strings.Join(cs, "; "))
	}
	if d.removed >= 3 {
		risk += 0.1
		why = append(why, fmt.Sprintf("removes or rewrites %d lines", d.removed))
	}
	if len(d.riskWords) > 0 {
		risk += math.Min(0.1*float64(len(d.riskWords)), 0.25)
		why = append(why, "its message announces a behaviour change ("+strings.Join(firstN(d.riskWords, 4), ", ")+")")
	}
	return math.Min(risk, 1.6), why
}

// latentRecency is the recency of a change whose mechanism the telemetry
// shows: it decays over a day rather than hours.
func latentRecency(gap time.Duration) float64 {
	return 0.35 + 0.65*math.Exp(-float64(gap)/float64(latentScale))
}

// recencyFactor is 1 for a change that went live just before the problem
// and falls towards 0.35 over days: a latent bug can take time to show.
func recencyFactor(gap time.Duration) float64 {
	return 0.35 + 0.65*math.Exp(-float64(gap)/float64(recencyScale))
}

// explain writes the reasons for s's score, quoting shared terms as the
// signal wrote them (surf), and ends with the arithmetic.
func (s scoredCommit) explain(surf map[string]string) []string {
	d := s.doc
	var reasons []string
	where := ""
	if d.c.Repo != "" {
		where = " in " + d.c.Repo
	}
	reasons = append(reasons, fmt.Sprintf("%s %q by %s%s went live in production %s before the problem started",
		short(d.c.SHA), subject(d.c.Message), d.c.Author, where, humanDuration(s.gap)))
	if len(s.shares) > 0 {
		var ts []string
		for i, sh := range s.shares {
			if i == 8 {
				break
			}
			ts = append(ts, word(surf, sh.t))
		}
		reasons = append(reasons, "relates to the signal through: "+strings.Join(ts, ", "))
	} else {
		reasons = append(reasons, "shares nothing with the signal's words")
	}
	if len(s.sharedIDs) > 0 {
		reasons = append(reasons, "contains identifiers named in the signal: "+strings.Join(firstN(s.sharedIDs, 4), ", "))
	}
	if s.atLimit != "" {
		reasons = append(reasons, s.atLimit)
	}
	reasons = append(reasons, s.riskWhy...)
	if d.kindReason != "" {
		reasons = append(reasons, d.kindReason)
	}
	if s.mechWhy != "" {
		reasons = append(reasons, s.mechWhy)
	}
	reasons = append(reasons, fmt.Sprintf("score %.2f = relatedness %.2f x kind %.2f x risk %.2f x recency %.2f x mechanism %.2f",
		s.score, s.rel, d.kind, s.risk, s.recency, s.mech))
	return reasons
}
