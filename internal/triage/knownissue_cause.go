package triage

// knownissue_cause.go marks down a known issue whose cause the evidence
// shows working. A known issue usually names its cause in its title ("...
// stuck when the SMS provider throttles", "... stale when the cache purge
// fails"); when the telemetry or the report says that very thing is fine
// ("provider status: 200 OK", "cdn-purge: status=success", "the weather
// service answers normally"), the incident shares the issue's effects but
// not its cause: it is another problem, however many words they share.

import (
	"fmt"
	"regexp"
	"strings"
)

// kiCauseHealthy scales an issue whose cause the evidence shows working:
// as decisive as an issue that rules out what the signal reports
// (kiRuledOut), since the shared effects are all that is left.
const kiCauseHealthy = kiRuledOut

var (
	// reCauseClause is the part of a title after the word that introduces
	// its cause.
	reCauseClause = rx(`\b(?:when|whenever|after|because|due to|if|once|while)\b(.+)$`)
	// reHealthy is a clause that says something works.
	reHealthy = rx(`\b(?:200(?: ok)?|ok|success(?:ful(?:ly)?)?|succeeded|healthy|connected|reachable|online|normal(?:ly)?|fine|as usual|unaffected|nominal|up and running|(?:answers?|respond(?:s|ing)?|works?|working) (?:normally|fine|as expected)|within (?:the )?(?:quota|limits?|slo|budget|thresholds?)|\d+(?:\.\d+)?\s*% of (?:the |its )?(?:\w+ )?(?:quota|limit|capacity|allowance|budget)|headroom|spare capacity|(?:well )?(?:below|under) (?:the |its )?(?:limit|quota|threshold)|no \d{3}s?(?: responses| errors)?|no [\w -]{1,40}? (?:applied|happened|ran|occurred|performed|used|involved|detected|seen|observed|found)|no (?:\w+ )?(?:throttl\w*|errors?|failures?|timeouts?|rate[- ]limit\w*|drops?|issues?|problems?|lag|rejections?)|not (?:\w+ )?(?:throttl\w*|failing|timing out|rate[- ]limited|degraded|down))\b`)
	// A comma splits clauses only before a space: "1,210 msgs/min" is one.
	// reFailing is a word that reports a failure; reNegated a negated
	// phrase ("no errors", "not throttled"), removed before looking for one.
	reFailing     = rx(`\b(?:lost|loses?|fail\w*|errors?|down|unreachable|unavailable|timed? ?out|timeouts?|exceed\w*|expired|refused|denied|rejected|exhausted|crash\w*|killed|oom|5\d\d|429|degraded|stale|missing|stuck|broken)\b`)
	reNegated     = rx(`\b(?:no|not|zero|without|0)\s+(?:\w+\s+)?\w+`)
	reClauseSplit = regexp.MustCompile(`[.;\n]+|,\s+`)
)

// genericCauseTerms name where something runs, not what fails: a cause
// is contradicted by a healthy statement about its distinctive part.
var genericCauseTerms = set(`service services api apis system systems server servers app application data request requests
	page pages user users job jobs call calls status ~fail ~slow ~timeout ~missing ~stale ~backlog ~reject ~wrong ~unreachable`)

// healthyTerms are the terms and concepts of the clauses of texts that say
// something works.
func healthyTerms(texts ...string) map[string]string {
	out := map[string]string{}
	for _, text := range texts {
		for _, clause := range reClauseSplit.Split(text, -1) {
			lc := strings.ToLower(clause)
			// "quorum lost (2/5 nodes reachable)" reports a failure; "no
			// errors" does not.
			if !reHealthy.MatchString(lc) || reFailing.MatchString(reNegated.ReplaceAllString(lc, " ")) {
				continue
			}
			for _, t := range meaningTerms(clause) {
				if _, ok := out[t]; !ok {
					out[t] = strings.TrimSpace(clause)
				}
			}
		}
	}
	return out
}

// causeShownHealthy returns the statement of the evidence that shows the
// cause an issue's title names working, or "" when none does.
func causeShownHealthy(title string, healthy map[string]string, serviceTerms map[string]bool) string {
	m := reCauseClause.FindStringSubmatch(title)
	if m == nil || len(healthy) == 0 {
		return ""
	}
	cause := meaningTerms(m[1])
	// A cause that names a mechanism (a certificate, a rate limit) is
	// contradicted only by a statement about that mechanism: "the API's
	// quota has headroom" says nothing of its certificate.
	var mechs []string
	for _, t := range cause {
		if mechanismConcepts[t] {
			mechs = append(mechs, t)
		}
	}
	if len(mechs) > 0 {
		cause = mechs
	}
	for _, t := range cause {
		if genericCauseTerms[t] || serviceTerms[t] {
			continue
		}
		if clause, ok := healthy[t]; ok {
			return fmt.Sprintf("the issue's cause (%s) is shown working: %q", strings.TrimSpace(m[1]), clause)
		}
	}
	return ""
}

// An issue whose title names no cause ("Booking reminder emails bounce")
// is still contradicted when the evidence shows its failure not happening:
// "bounces 0 in the last 24 h", "no bounces", "scan result VALID".
var (
	// reFailureWord is a term of a title that names how something fails.
	reFailureWord = rx(`^(?:reject\w*|bounc\w*|fail\w*|error\w*|timeout\w*|drop\w*|crash\w*|expir\w*|lost|stuck|declin\w*|refus\w*|duplicat\w*|deni\w*)$`)
	// reAbsentFailure finds a failure said not to happen: "<x> 0",
	// "<x> = 0", "no <x>", "zero <x>", "0 <x>".
	reAbsentFailure = rx(`\b([a-z]+)\s*(?:=|:)?\s*0\b(?:[^.%\d]|$)|\b(?:no|zero|0)\s+([a-z]+)\b`)
	// reValidResult says checks pass: nothing was rejected or failed.
	reValidResult = rx(`\b(?:valid|accepted|passed|succeeded|success(?:ful)?)\b`)
)

// failureShownAbsent returns the evidence statement that shows the
// failure an issue's cause-less title names not happening, or "".
func failureShownAbsent(title string, evidence []string) string {
	if reCauseClause.MatchString(title) {
		return ""
	}
	var fails []string
	for _, t := range terms(title) {
		if reFailureWord.MatchString(t) {
			fails = append(fails, t)
		}
	}
	if len(fails) == 0 {
		return ""
	}
	for _, line := range evidence {
		low := strings.ToLower(line)
		absent := map[string]bool{}
		for _, m := range reAbsentFailure.FindAllStringSubmatch(low, -1) {
			for _, w := range m[1:] {
				for _, t := range terms(w) {
					absent[t] = true
				}
			}
		}
		valid := reValidResult.MatchString(low) && !reFailing.MatchString(reNegated.ReplaceAllString(low, " "))
		for _, f := range fails {
			if absent[f] || valid && (strings.HasPrefix(f, "reject") || strings.HasPrefix(f, "fail") || strings.HasPrefix(f, "declin") || strings.HasPrefix(f, "refus")) {
				return fmt.Sprintf("the issue's failure (%s) is shown not happening: %q", f, strings.TrimSpace(line))
			}
		}
	}
	return ""
}
