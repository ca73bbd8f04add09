package triage

// culprit_live.go decides which commits were running in production when a
// problem began: only those can have caused it.

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
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
//
// involved are the services whose deploys count (nil: all): a deploy that
// names another service of a monorepo does not put a commit live on these.
func whenLive(commits []Commit, deploys []Deploy, start time.Time, involved map[string]bool) liveness {
	l := liveness{start: start}
	var prodDeploys, elsewhere int
	l.at, prodDeploys, elsewhere = deployedAt(commits, deploys, start, involved)
	if elsewhere > 0 && elsewhere == prodDeploys {
		// No deploy names a service involved: the names may differ from
		// the deploys' (an alias, a renamed service), so every deploy counts.
		l.at, _, _ = deployedAt(commits, deploys, start, nil)
		l.evidence = append(l.evidence, fmt.Sprintf("no production deploy names %s: every deploy of the repository is taken to ship it",
			strings.Join(sortedSet(involved), ", ")))
		elsewhere = 0
	}
	if elsewhere > 0 {
		l.evidence = append(l.evidence, fmt.Sprintf("%d production deploy(s) shipped other services (%s) and do not put commits live on %s",
			elsewhere, otherServices(deploys, involved), strings.Join(sortedSet(involved), ", ")))
	}
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
func deployedAt(commits []Commit, deploys []Deploy, start time.Time, involved map[string]bool) (liveAt map[string]time.Time, prodDeploys, elsewhere int) {
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
		if !involves(d, involved) {
			elsewhere++
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
	return liveAt, prodDeploys, elsewhere
}

// involvedServices are the services a change must be live on to have
// caused the failure: the signal's, the first failing one and those on the
// failing call path (a caller can send what breaks its callee). nil when
// none is known, so that every deploy counts.
func involvedServices(service string, ev Evidence) map[string]bool {
	out := map[string]bool{}
	for _, s := range append([]string{service, ev.FirstFailing}, ev.CallPath...) {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			out[s] = true
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// RelatedServices are the services other than service whose changes can
// explain what the telemetry shows (ev): the one that failed first and
// those on the failing call path, in that order, each once. A producer
// upstream of a consumer that cannot read its messages, or a dependency
// that fails first, may live in another repository; its changes are
// weighed like the service's own, by whether they can produce the fault.
func RelatedServices(service string, ev Evidence) []string {
	own := strings.ToLower(strings.TrimSpace(service))
	var out []string
	for _, s := range append([]string{ev.FirstFailing}, ev.CallPath...) {
		s = strings.TrimSpace(s)
		if s != "" && strings.ToLower(s) != own && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// involves reports whether deploy d shipped one of the involved services:
// a deploy that names no service ships all of its repository's.
func involves(d Deploy, involved map[string]bool) bool {
	return involved == nil || d.Service == "" || involved[strings.ToLower(strings.TrimSpace(d.Service))]
}

// otherServices names, sorted and once each, the services of deploys that
// are not involved.
func otherServices(deploys []Deploy, involved map[string]bool) string {
	seen := map[string]bool{}
	for _, d := range deploys {
		if IsProduction(d.Environment) && !involves(d, involved) {
			seen[d.Service] = true
		}
	}
	return strings.Join(sortedSet(seen), ", ")
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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

// otherServicesOnly drops from liveAt the commits that only touch the
// directories or files of other services of a monorepo
// ("deploy/helm/payroll-gateway/values.yaml" when payroll-gateway is not
// involved): deploying an involved service at a later commit ships them,
// but they change nothing it runs. It returns how many were dropped.
func otherServicesOnly(commits []Commit, deploys []Deploy, involved map[string]bool, liveAt map[string]time.Time) int {
	others := map[string]bool{}
	named := false // a deploy names an involved service: the names can be trusted
	for _, d := range deploys {
		switch {
		case d.Service == "":
		case involves(d, involved):
			named = true
		default:
			others[strings.ToLower(strings.TrimSpace(d.Service))] = true
		}
	}
	if len(others) == 0 || !named {
		return 0
	}
	dropped := 0
	for _, c := range commits {
		if _, ok := liveAt[c.SHA]; !ok || len(c.Files) == 0 {
			continue
		}
		if !slices.ContainsFunc(c.Files, func(f File) bool { return !namesOnly(f.Path, others, involved) }) {
			delete(liveAt, c.SHA)
			dropped++
		}
	}
	return dropped
}

// namesOnly reports whether p lies under (or is named for) one of others
// and names none of involved.
func namesOnly(p string, others, involved map[string]bool) bool {
	other := false
	for _, seg := range strings.Split(strings.ToLower(p), "/") {
		if i := strings.LastIndex(seg, "."); i > 0 {
			seg = seg[:i]
		}
		if involved[seg] {
			return false
		}
		if others[seg] {
			other = true
		}
	}
	return other
}

// reVainRollback is a service rolled back without the fault changing
// ("address-resolver rolled back to the previous build at 10:02; error
// rate unchanged", "rollback d'address-resolver ..., aucun effet"): the
// build it ran before the rollback did not cause the fault.
var reVainRollback = rx(`\b([a-z0-9][a-z0-9_.-]*[a-z0-9])(?:'s)? (?:was |were |has been |got )?rolled back\b[^\n]{0,80}?\b(?:unchanged|no (?:effect|change|improvement|difference)|did(?:n't| not) (?:help|change|fix)|still (?:fail\w*|erroring|broken|the same)|same (?:errors?|failures?))\b|\brollback (?:of |d'|de |von |van |do |della )?([a-z0-9][a-z0-9_.-]*[a-z0-9])\b[^\n]{0,60}?\b(?:unchanged|no (?:effect|change|improvement|difference)|did(?:n't| not) (?:help|change|fix)|aucun effet|sans effet|sin efecto|ohne (?:wirkung|effekt)|sem efeito|nessun effetto|geen effect)\b|\b(?:rolled back|reverted|went back) to (?:the )?(?:previous|last|prior|old) (?:build|version|release)\b[^\n]{0,80}?\b(?:same (?:errors?|failures?)|unchanged|no effect|still fail\w*)\b|\bretour [àa] la version pr[ée]c[ée]dente\b[^\n]{0,80}?\bm[êe]mes? erreurs?|\bvuelta a la versi[óo]n anterior\b[^\n]{0,80}?\bmismos? errore?s?|\bvolta (?:para|à) (?:a )?vers[ãa]o anterior\b[^\n]{0,80}?\bmesmos? erros?|\bzur[üu]ck auf die vorherige version\b[^\n]{0,80}?\b(?:gleichen?|selben?) fehler`)

// vainRollbacks drops from liveAt the commit each service that was rolled
// back in vain last deployed before the onset, and returns the evidence.
// A rollback that names no service is of the failing one (failing).
func vainRollbacks(text string, deploys []Deploy, start time.Time, failing string, liveAt map[string]time.Time) []string {
	var out []string
	for _, m := range reVainRollback.FindAllStringSubmatch(strings.ToLower(text), -1) {
		svc := cmp.Or(m[1], m[2], strings.ToLower(failing))
		var last *Deploy
		for i := range deploys {
			d := &deploys[i]
			if strings.EqualFold(strings.TrimSpace(d.Service), svc) && d.At.Before(start) && (last == nil || d.At.After(last.At)) {
				last = d
			}
		}
		if last == nil {
			continue
		}
		if _, ok := liveAt[last.SHA]; ok {
			delete(liveAt, last.SHA)
			out = append(out, fmt.Sprintf("%s was rolled back from %s without the fault changing (%q): that build did not cause it",
				svc, short(last.SHA), strings.TrimSpace(m[0])))
		}
	}
	return out
}

// A statement that production worked at a clock time after changes went
// live ("uploads on the 15:12 build succeeded at 15:30, 16:10 and 17:05",
// "from 08:12 to 10:12 guest checkouts ... succeeded") clears those
// changes: they ran without the fault. Changes that went live after the
// last time it names stay suspects.
var (
	reWorkedSentence = rx(`(?:[^.\n]|\.\S)*\b(?:succeeded|worked|accepted|processed|delivered|rendered|ran fine|returned 200|went through|completed normally)\b(?:[^.\n]|\.\S)*`)
	reBuildWord      = rx(`\b(?:build|deploy\w*|release|version|image|code)\b`)
	reCIWord         = rx(`\b(?:ci|pipeline|tests?|staging|canary)\b`)
	reClockTime      = rx(`\b([01]?\d|2[0-3]):([0-5]\d)\b`)
	reNamesBuild     = rx(`^(?::\d\d)?\s*(?:utc\s*)?(?:deploy\w*|build|release|rollout|image|version)\b`)
)

// dormantMechs are what a change can alter and still run without fault
// until load, a peer's latency, the clock or accumulated data reaches it:
// having worked for a while clears such a change of nothing.
var dormantMechs = []mechanism{mechTimeout, mechRetry, mechCapacity, mechLimit, mechMemory, mechQuery, mechSchedule, mechCache, mechPaging}

// workedAfter drops from liveAt the commits live at least a minute before
// the latest clock time at which a statement says production worked, if
// that time is before the onset, unless what they change can lie dormant
// (dormantMechs), and returns the evidence.
func workedAfter(text string, onset time.Time, commits []Commit, liveAt map[string]time.Time) []string {
	if onset.IsZero() {
		return nil
	}
	var last time.Time
	var said string
	for _, s := range reWorkedSentence.FindAllString(strings.ToLower(text), -1) {
		if !reBuildWord.MatchString(s) || reCIWord.MatchString(s) {
			continue
		}
		for _, loc := range reClockTime.FindAllStringSubmatchIndex(s, -1) {
			// "the 15:12 build", "since the 02:12 deploy" name a build,
			// not a time it worked.
			if reNamesBuild.MatchString(s[loc[1]:]) {
				continue
			}
			y, mo, d := onset.Date()
			t := time.Date(y, mo, d, 0, clockMinutes(s[loc[2]:loc[3]], s[loc[4]:loc[5]]), 0, 0, onset.Location())
			if t.After(onset) {
				t = t.AddDate(0, 0, -1) // a clock time later than the onset is the day before
			}
			if t.After(last) && onset.Sub(t) < 24*time.Hour {
				last, said = t, strings.TrimSpace(s)
			}
		}
	}
	if last.IsZero() {
		return nil
	}
	n := 0
	for i := range commits {
		c := &commits[i]
		at, ok := liveAt[c.SHA]
		// The remembered analysis: the culprit step reads these commits next.
		if !ok || !at.Before(last.Add(-time.Minute)) || slices.ContainsFunc(analyseCommit(c, at).mechs, func(m mechanism) bool { return slices.Contains(dormantMechs, m) }) {
			continue
		}
		delete(liveAt, c.SHA)
		n++
	}
	if n == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%d commit(s) were live when production last worked, at %s (%q), and ran without the fault", n, last.UTC().Format("15:04"), said)}
}
