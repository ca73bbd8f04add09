package triage

// culprit_live.go decides which commits were running in production when a
// problem began: only those can have caused it.

import (
	"strings"
	"time"
)

// IsProduction reports whether a deploy environment name means production.
func IsProduction(env string) bool {
	e := strings.ToLower(strings.TrimSpace(env))
	return e == "production" || e == "prod" || e == "live" || strings.HasPrefix(e, "prod-") || strings.HasPrefix(e, "production-")
}

// liveness says when each commit went live and against which start.
type liveness struct {
	at       map[string]time.Time // SHA -> earliest production deploy at or before the start
	start    time.Time            // the signal's start; when unknown, the latest go-live
	evidence []string             // caveats a reader must know (no deploys recorded)
}

// whenLive finds when each commit reached production before start (zero:
// any time). Without any production deploy we cannot tell what was live,
// so it falls back to commit time and says so. An unknown start becomes
// the latest go-live, so recency is still measured against something.
func whenLive(commits []Commit, deploys []Deploy, start time.Time) liveness {
	l := liveness{start: start}
	var prodDeploys int
	l.at, prodDeploys = deployedAt(commits, deploys, start)
	if prodDeploys == 0 {
		for _, c := range commits {
			if start.IsZero() || !c.Date.After(start) {
				l.at[c.SHA] = c.Date
			}
		}
		l.evidence = append(l.evidence, "no production deploys are recorded: commits are assumed live from their commit time")
	}
	if l.start.IsZero() {
		for _, t := range l.at {
			if t.After(l.start) {
				l.start = t
			}
		}
	}
	return l
}

// deployedAt maps each commit shipped by a production deploy at or before
// start to its earliest such deploy. Deploying a commit ships its
// ancestors too, so the walk follows parents. It also counts the
// production deploys at any time, to tell "none recorded" from "none yet".
func deployedAt(commits []Commit, deploys []Deploy, start time.Time) (liveAt map[string]time.Time, prodDeploys int) {
	byHash := make(map[string]*Commit, len(commits))
	for i := range commits {
		byHash[commits[i].SHA] = &commits[i]
	}
	liveAt = map[string]time.Time{}
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
	return liveAt, prodDeploys
}

// liveCommits reads every commit that was live (in repository order) and
// counts the others, which cannot have caused the problem.
func liveCommits(commits []Commit, liveAt map[string]time.Time) (docs []*commitDoc, notLive int) {
	for i := range commits {
		c := &commits[i]
		t, ok := liveAt[c.SHA]
		if !ok {
			notLive++
			continue
		}
		docs = append(docs, analyseCommit(c, t))
	}
	return docs, notLive
}
