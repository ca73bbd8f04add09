package triage

// knownissue_cause.go marks down a known issue whose cause the evidence
// shows working. A known issue usually names its cause in its title ("...
// stuck when the SMS provider throttles", "... stale when the cache purge
// fails"); when the telemetry or the report says that very thing is fine
// ("provider status: 200 OK", "cdn-purge: status=success", "the weather
// service answers normally"), the incident shares the issue's effects but
// not its cause: it is another problem, however many words they share.

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// kiCauseHealthy scales an issue whose cause the evidence shows working:
// as decisive as an issue that rules out what the signal reports
// (kiRuledOut), since the shared effects are all that is left.
const kiCauseHealthy = kiRuledOut

var (
	// reCauseClause is the part of a title after the word that introduces
	// its cause.
	// "... at the 500-connection limit" names its cause too.
	reCauseClause = rx(`\b(?:when|whenever|after|because|due to|if|once|while)\b(.+)$|\bat\b(.{0,30}\b(?:limit|cap|quota|maximum|threshold)\b.*)$`)
	// reHealthy is a clause that says something works.
	reHealthy = rx(`\b(?:(?:matches|match) (?:the )?(?:\w+ )?(?:ring|source|reference|origin|primary|expected|till|register)|(?:is|are) in sync|respond\w* instantly|200(?: ok)?|ok|loaded|intact|in place|success(?:ful(?:ly)?)?|succeeded|healthy|connected|reachable|online|normal(?:ly)?|fine|as usual|unaffected|nominal|as expected|up and running|(?:answers?|respond(?:s|ing)?|works?|working) (?:normally|fine|as expected)|(?:themselves|itself|still|do|does) work(?:s|ing)?|within (?:the )?(?:quota|limits?|slo|budget|thresholds?)|\d+(?:\.\d+)?\s*% of (?:the |its )?(?:\w+ )?(?:quota|limit|capacity|allowance|budget)|headroom|spare capacity|(?:well )?(?:below|under) (?:the |its )?(?:limit|quota|threshold)|no \d{3}s?(?: responses| errors)?|no [\w -]{1,40}? (?:applied|happened|ran|occurred|performed|used|involved|detected|seen|observed|found)|no (?:\w+ )?(?:throttl\w*|errors?|failures?|timeouts?|rate[- ]limit\w*|drops?|issues?|problems?|lag|rejections?)|not (?:\w+ )?(?:throttl\w*|failing|timing out|rate[- ]limited|degraded|down))\b`)
	// A comma splits clauses only before a space: "1,210 msgs/min" is one; "but", "while" and the like split them too.
	// reFailing is a word that reports a failure; reNegated a negated
	// phrase ("no errors", "not throttled"), removed before looking for one.
	reFailing        = rx(`\b(?:lost|loses?|fail\w*|errors?|down|unreachable|unavailable|timed? ?out|timeouts?|exceed\w*|expired|refused|denied|rejected|exhausted|crash\w*|killed|oom|5\d\d|429|degraded|stale|missing|stuck|broken|hang\w*|hung|frozen|freez\w*)\b`)
	reNegated        = rx(`\b(?:no|not|zero|without|0)\s+(?:\w+\s+)?\w+`)
	reExpectedSame   = regexp.MustCompile(`\b([\w.-]+)\s*\(expected:?\s*([\w.-]+)\)`)
	reTrailingStatus = regexp.MustCompile(`(?i),\s+(ok|healthy|fine|succeeded|success(?:ful)?|passed)\b`)
	reClauseSplit    = regexp.MustCompile(`[.;\n]+|,\s+|\s(?:but|while|whereas|however|although)\s`)
)

// reZeroEvents is a count of something at zero; eventConcepts are the
// concepts whose zero count says a cause did not happen (a zero count of
// free leases would say the opposite, so only events count).
var (
	reZeroEvents  = rx(`\b([a-z][a-z_ ]{2,60}?)(?:\{[^{}\n]*\})?\s*[=:]\s*0\b(?:[^.\d]|$)`)
	eventConcepts = set(`~concurrent ~duplicate ~reject ~timeout`)
	reEventName   = rx(`(?:^|_| )events?(?:_|$| )`)
	// "writer_bluetooth_reconnects_total": a counter of things that
	// happened; a count of free or idle resources is not.
	rePluralCounter = rx(`[a-z]s_total$`)
	reResourceWord  = rx(`free|avail|idle|remaining|spare|left|capacity|balance|stock`)
)

// reUsedGauge and reSizeGauge are a resource's use and its size as two
// series ("dhcp_pool_leases_used = 31", "dhcp_pool_size = 120").
var (
	reUsedGauge  = rx(`(?i)\b([a-z][a-z0-9_]*?)_(?:[a-z]+_)?(?:used|in_use|inuse|busy|active|allocated)\b(?:\{[^{}\n]*\})?\s*=\s*(\d+(?:\.\d+)?)\b`)
	reCountGauge = rx(`(?i)\b([a-z][a-z0-9_]*s)\b(?:\{[^{}\n]*\})?\s*=\s*(\d+(?:\.\d+)?)\b`)
	reSizeGauge  = rx(`(?i)\b([a-z][a-z0-9_]*?)_(?:size|capacity|max|limit|total_slots)\b(?:\{[^{}\n]*\})?\s*=\s*(\d+(?:\.\d+)?)\b`)
)

// reAgeGauge is how old something is ("station_last_report_age_seconds =
// 38"); under freshAge it is fresh, not stalled.
var reAgeGauge = rx(`(?i)\b([a-z][a-z0-9_]*?_age)_(seconds|minutes|hours)\b(?:\{[^{}\n]*\})?\s*=\s*(\d+(?:\.\d+)?)\b`)

const freshAge = 300 // seconds

// freshAges returns clauses for the ages the text measures as fresh.
func freshAges(text string) []string {
	var out []string
	for _, m := range reAgeGauge.FindAllStringSubmatch(text, -1) {
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			continue
		}
		scale, _ := unitSeconds(strings.ToLower(m[2]))
		if v*scale < freshAge {
			out = append(out, strings.ReplaceAll(strings.ToLower(m[1]), "_", " ")+" within the limit, not stale")
		}
	}
	return out
}

// usageWithHeadroom returns clauses for resources whose use, read against
// their size in the same text, is below usedRatioHeadroom.
func usageWithHeadroom(text string) []string {
	sizes := map[string]float64{}
	for _, m := range reSizeGauge.FindAllStringSubmatch(text, -1) {
		if v, err := strconv.ParseFloat(m[2], 64); err == nil && v > 0 {
			sizes[strings.ToLower(m[1])] = v
		}
	}
	var out []string
	// "lobby_ws_connections = 143" beside "lobby_ws_connection_limit = 500".
	for _, m := range reCountGauge.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(m[1])
		size, ok := sizes[strings.TrimSuffix(name, "s")]
		if !ok {
			continue
		}
		if v, err := strconv.ParseFloat(m[2], 64); err == nil && v/size < usedRatioHeadroom {
			out = append(out, strings.ReplaceAll(name, "_", " ")+" within the limit, not exhausted")
		}
	}
	for _, m := range reUsedGauge.FindAllStringSubmatch(text, -1) {
		size, ok := sizes[strings.ToLower(m[1])]
		v, err := strconv.ParseFloat(m[2], 64)
		if ok && err == nil && v/size < usedRatioHeadroom {
			out = append(out, strings.ReplaceAll(strings.ToLower(m[1]), "_", " ")+" within the limit, not exhausted")
		}
	}
	return out
}

// ratiosWithHeadroom returns clauses for the usage ratios below
// usedRatioHeadroom: "data_used_ratio{...} = 0.08" says the allowance is
// not what runs out.
func ratiosWithHeadroom(text string) []string {
	var out []string
	for _, m := range reUsedRatio.FindAllStringSubmatch(text, -1) {
		if v, err := strconv.ParseFloat(m[2], 64); err == nil && v < usedRatioHeadroom {
			out = append(out, strings.ReplaceAll(m[1], "_", " ")+" within the limit of its allowance")
		}
	}
	return out
}

// reUsedRatio is a metric of how much of an allowance, quota or capacity
// is used, as a fraction of one; below usedRatioHeadroom it has room.
var reUsedRatio = rx(`(?i)\b([a-z0-9_]*(?:used|usage|utili[sz]ation|consumed)[a-z0-9_]*(?:ratio|fraction))\b(?:\{[^{}]*\})?\)?\s*=\s*(0?\.\d+|0|1(?:\.0+)?)\b`)

const usedRatioHeadroom = 0.8

// genericCauseTerms name where something runs, not what fails: a cause
// is contradicted by a healthy statement about its distinctive part.
var genericCauseTerms = set(`service services api apis system systems server servers app application data request requests
	page pages user users job jobs call calls status ~fail ~slow ~timeout ~missing ~stale ~backlog ~reject ~wrong ~unreachable`)

// healthyTerms are the terms and concepts of the clauses of texts that say
// something works.
func healthyTerms(texts ...string) map[string]string {
	out := map[string]string{}
	for _, text := range texts {
		// "last sync 21:00, ok": a status after a comma belongs to its clause.
		text = reTrailingStatus.ReplaceAllString(text, " $1")
		// "position confirmed LEFT (expected LEFT)": the reading is the
		// expected one.
		text = reExpectedSame.ReplaceAllStringFunc(text, func(m string) string {
			if g := reExpectedSame.FindStringSubmatch(m); strings.EqualFold(g[1], g[2]) {
				return g[1] + " as expected"
			}
			return m
		})
		// "overlapping checkouts = 0", "reservation_conflicts_total = 0":
		// an event the issue's cause needs counted at zero did not happen.
		for _, m := range reZeroEvents.FindAllStringSubmatch(strings.ToLower(text), -1) {
			// A counter of events ("programme_copy_events_total = 0") says
			// none of them happened, whatever they are.
			events := (reEventName.MatchString(m[1]) || rePluralCounter.MatchString(m[1])) && !reResourceWord.MatchString(m[1])
			for _, t := range meaningTerms(strings.ReplaceAll(m[1], "_", " ")) {
				if eventConcepts[t] || events && !counterTerms[t] && t != "event" && t != "events" {
					if _, ok := out[t]; !ok {
						out[t] = strings.TrimSpace(m[0])
					}
				}
			}
		}
		// "judge_tablet_online{...} = 1": a status gauge that reads up.
		for _, m := range reStatusUp.FindAllStringSubmatch(strings.ToLower(text), -1) {
			for _, t := range meaningTerms(strings.ReplaceAll(m[1], "_", " ")) {
				if _, ok := out[t]; !ok && !counterTerms[t] {
					out[t] = strings.TrimSpace(m[0])
				}
			}
		}
		// Measurements that show room or freshness, restated as clauses.
		if extra := append(append(usageWithHeadroom(text), ratiosWithHeadroom(text)...), freshAges(text)...); len(extra) > 0 {
			text += "\n" + strings.Join(extra, "\n")
		}
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
	m[1] = cmp.Or(m[1], m[2])
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
	reFailureWord = rx(`^(?:twic\w*|doubl\w*|discard\w*|defer\w*|backlog\w*|saturat\w*|exhaust\w*|skip\w*|reject\w*|bounc\w*|fail\w*|error\w*|timeout\w*|drop\w*|crash\w*|expir\w*|lost|stuck|declin\w*|refus\w*|duplicat\w*|deni\w*|mismatch\w*|invalid\w*)$`)
	// reAbsentFailure finds a failure said not to happen: "<x> 0",
	// "<x> = 0", "no <x>", "zero <x>", "0 <x>".
	reAbsentFailure = rx(`\b([a-z]+)\s*(?:=|:)?\s*0\b(?:[^.%\d]|$)|\b(?:no|zero|0)\s+([a-z]+)\b`)
	// reValidResult says checks pass: nothing was rejected or failed.
	reValidResult = rx(`\b(?:valid|verified|accepted|passed|succeeded|success(?:ful)?)\b`)
	// reZeroCounter is a counter or gauge line reading zero: the terms of
	// its name did not happen ("webhook_rejected_total increase(1h) = 0").
	reZeroCounter = rx(`^(?:\w+:\s*)?([a-z][a-z0-9_:.]*_[a-z0-9_:.]+)\b[^=\n]*=\s*0(?:\.0+)?\s*$`)
	// reStatusCode is an HTTP error status an issue fails with.
	reStatusCode = regexp.MustCompile(`\b[45]\d\d\b`)
	// reCheckedFailures are failures a passing check rules out.
	reCheckedFailures = rx(`^(?:reject|fail|declin|refus|mismatch|invalid)`)
)

// failureShownAbsent returns the evidence statement that shows the
// failure an issue's cause-less title names not happening, or "".
func failureShownAbsent(title, symptoms string, evidence []string) string {
	// The status codes the issue fails with are its signature too: a
	// counter of them at zero says it is not happening.
	codes := reStatusCode.FindAllString(title+" "+symptoms, -1)
	// With a cause clause, the failure is what comes before it: "signature
	// mismatch after key rotation" fails as a mismatch.
	if loc := reCauseClause.FindStringIndex(title); loc != nil {
		title = title[:loc[0]]
	}
	var fails []string
	for _, t := range terms(title) {
		if reFailureWord.MatchString(t) {
			fails = append(fails, t)
		}
	}
	if len(fails) == 0 && len(codes) == 0 {
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
		if name, ok := zeroCounter(low); ok {
			for _, t := range meaningTerms(strings.ReplaceAll(name, "_", " ")) {
				absent[t] = true
			}
		}
		valid := reValidResult.MatchString(low) && !reFailing.MatchString(reNegated.ReplaceAllString(low, " "))
		for _, c := range codes {
			if absent[c] {
				return fmt.Sprintf("the issue's failure (%s) is shown not happening: %q", c, strings.TrimSpace(line))
			}
		}
		for _, f := range fails {
			if absent[f] || absent[conceptOfTerm[f]] && conceptOfTerm[f] != "" && conceptOfTerm[f] != "~fail" || valid && reCheckedFailures.MatchString(f) {
				return fmt.Sprintf("the issue's failure (%s) is shown not happening: %q", f, strings.TrimSpace(line))
			}
		}
	}
	return ""
}

// zeroCounter reads a counter or gauge line that reads zero and returns
// what it counts: its name and the values of its labels, which often name
// the failure ("smtp_relay_deferred_total{code="421"} = 0",
// "sms_send_failures_total{reason="insufficient_credit"} = 0").
func zeroCounter(low string) (what string, ok bool) {
	var values []string
	for _, m := range reLabelValue.FindAllStringSubmatch(low, -1) {
		values = append(values, m[1])
	}
	m := reZeroCounter.FindStringSubmatch(strings.TrimSpace(reLabelSet.ReplaceAllString(low, "")))
	if m == nil {
		return "", false
	}
	return strings.Join(append([]string{m[1]}, values...), " "), true
}

var reGenericFailure = rx(`^(?:fail\w*|error\w*)$`)

var reLabelValue = regexp.MustCompile(`\b\w+\s*=~?\s*"([^"]*)"`)

// counterTerms are the words of a metric name that say how it is counted,
// not what it counts.
var counterTerms = set(`total count counter sum bucket second increas rate ratio valu gaug metric per`)

// failureCounterAtZero returns the evidence line whose counter of a
// failure reads zero while the issue's text names that very failure: every
// word (or all but one of four or more) of the counter's name ("sms_gateway_rejected_invalid_number_total",
// "payment_tls_verify_errors_total") is in the issue, as such or as its
// concept, and one of them is a failure. A counter of another failure
// ("checkout_timeout_errors_total" for an issue of 502s) names a word the
// issue lacks and proves nothing about it. "" when there is none.
func failureCounterAtZero(text string, evidence []string) string {
	issue := meaningSet(text)
	for _, line := range evidence {
		name, ok := zeroCounter(strings.ToLower(line))
		if !ok {
			continue
		}
		var subject []string
		failure, lacking := "", 0
		for _, t := range terms(name) {
			if counterTerms[t] {
				continue
			}
			isFailure := reFailureWord.MatchString(t)
			if !issue[t] && !issue[conceptOfTerm[t]] {
				// "failures" or "errors" only says the counter counts a
				// failure, however the issue words it ("refuses"); a
				// named kind ("timeout") the issue lacks is another one.
				if reGenericFailure.MatchString(t) {
					failure = cmp.Or(failure, t)
				} else {
					lacking++
				}
				continue
			}
			if isFailure && failure == "" {
				failure = t
			}
			subject = append(subject, t)
		}
		// Every word of the name in the issue, or all but one of at least
		// four ("invoice_run_contracts_skipped": the run is how it is done).
		if failure != "" && len(subject) >= 2 && (lacking == 0 || lacking == 1 && len(subject) >= 3) {
			return fmt.Sprintf("the issue's failure (%s) is counted at zero: %q", strings.Join(subject, " "), strings.TrimSpace(line))
		}
	}
	return ""
}

// An issue that states a bound ("reader cache older than 24 h", "queue
// above 5,000") is contradicted when the evidence measures that very
// quantity well inside it ("reader_cache_age_seconds max=95").
var (
	// reIssueBound is a quantity and the bound past which the issue occurs.
	reIssueBound = rx(`((?:[a-z][a-z-]*\s+){1,3}?)(?:is\s+|are\s+)?(?:(?:older|more|longer|greater|wider|thicker|heavier|larger|bigger|taller|higher) than|above|over|exceeds?|exceeding|>)\s*(\d[\d,]*(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|%|` + sizeUnits + `)?\b`)
	// reProseMeasure is a quantity named in words and measured in a unit
	// ("wall thickness 9.27 mm").
	reProseMeasure = rx(`\b((?:[a-z][a-z-]*\s+){1,3}?)(?:is\s+|of\s+|at\s+|=\s*|:\s*)?(\d[\d,]*(?:\.\d+)?)\s*(` + sizeUnits + `)\b`)
	// reMeasured is a metric and a value read from it: "name max=95",
	// "name = 12", "name: 0.4".
	reMeasured = rx(`\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b[^=:\n]{0,20}?(?:max|p\d\d|avg|mean|last)?\s*[=:]\s*(\d[\d,]*(?:\.\d+)?)\s*(ms|s|m|h|d|%)?`)
)

// sizeUnits are the units of lengths, masses, sizes and the like, which
// a bound and a measurement must share to be compared.
const sizeUnits = `mm|cm|km|kg|g|t|kb|mb|gb|tb|kib|mib|gib|v|kv|bar|psi|rpm|kw|mw|°\s?c|°\s?f`

// reStatusUp is a status gauge that reads up: online, connected, healthy.
var reStatusUp = rx(`\b([a-z][a-z0-9_]*_(?:online|up|connected|healthy|reachable|available|ready))\b(?:\{[^{}\n]*\})?\s*=\s*1(?:\.0+)?\b`)

// reTempMetric names a temperature series.
var reTempMetric = rx(`temp|celsius|fahrenheit`)

var (
	reAgeWords = rx(`\b(?:is |are )?(minutes|hours|days|weeks) old\b`)
	reLabelSet = regexp.MustCompile(`\{[^{}\n]{0,200}\}`)
)

// unitSeconds converts a duration unit to seconds; ok is false for
// anything that is not a duration.
func unitSeconds(u string) (float64, bool) {
	switch {
	case u == "ms" || strings.HasPrefix(u, "millisecond"):
		return 0.001, true
	case u == "s" || strings.HasPrefix(u, "sec"):
		return 1, true
	case u == "m" || strings.HasPrefix(u, "min"):
		return 60, true
	case u == "h" || strings.HasPrefix(u, "hr") || strings.HasPrefix(u, "hour"):
		return 3600, true
	case u == "d" || strings.HasPrefix(u, "day"):
		return 86400, true
	}
	return 0, false
}

// metricUnit is the unit a metric's name gives its values ("_seconds").
func metricUnit(name string) string {
	for suffix, u := range map[string]string{"_seconds": "s", "_ms": "ms", "_milliseconds": "ms", "_minutes": "m", "_hours": "h", "_days": "d"} {
		if strings.HasSuffix(name, suffix) {
			return u
		}
	}
	return ""
}

// boundNotReached returns the evidence that measures the quantity an
// issue's bound is about well inside that bound (under half of it), or "".
func boundNotReached(issueText string, evidence []string) string {
	// "the applied rate is days old" bounds an age as "older than 1 day".
	issueText = reAgeWords.ReplaceAllString(strings.ToLower(issueText), "older than 1 $1")
	for _, b := range reIssueBound.FindAllStringSubmatch(issueText, -1) {
		subject := terms(b[1])
		limit, ok := parseNum(b[2])
		if len(subject) == 0 || !ok || limit <= 0 {
			continue
		}
		age := strings.Contains(b[0], "older than")
		limitScale, limitTime := unitSeconds(b[3])
		for _, line := range evidence {
			// A label set is the series' identity, not its value.
			line = reLabelSet.ReplaceAllString(line, "")
			notMet := func() string {
				return fmt.Sprintf("the issue's condition (%s) is not met: %q", strings.TrimSpace(b[0]), strings.TrimSpace(line))
			}
			for _, m := range reProseMeasure.FindAllStringSubmatch(strings.ToLower(line), -1) {
				words := termSet(m[1])
				// The head of the bound's subject ("wall thickness", "rolls")
				// must be what the line measures.
				if b[3] == "" || m[3] != b[3] || !words[subject[len(subject)-1]] {
					continue
				}
				if v, ok := parseNum(m[2]); ok && v < limit/2 {
					return notMet()
				}
			}
			for _, m := range reMeasured.FindAllStringSubmatch(strings.ToLower(line), -1) {
				name := termSet(strings.ReplaceAll(m[1], "_", " "))
				covered := 0
				for _, t := range subject {
					if name[t] {
						covered++
					}
				}
				// An age bound is measured by an age metric of the same
				// thing: "rate ... older than" by "fx_rate_age_hours"; a
				// temperature bound by a temperature of one of its terms.
				headAge := age && name["age"] && name[subject[len(subject)-1]]
				heat := strings.HasPrefix(b[3], "°") && covered > 0 && reTempMetric.MatchString(m[1])
				if !heat && !headAge && (covered < len(subject) || covered < 2 && len(subject) > 1) {
					continue
				}
				v, ok := parseNum(m[2])
				if !ok {
					continue
				}
				unit := cmp.Or(m[3], metricUnit(m[1]))
				scale, isTime := unitSeconds(unit)
				switch {
				case heat, !limitTime && !isTime && b[3] == m[3]:
					if v < limit/2 {
						return notMet()
					}
				case limitTime && isTime:
					if v*scale < limit*limitScale/2 {
						return notMet()
					}
				}
			}
		}
	}
	return ""
}

// An issue about a thing that fails or runs late ("uploads fail for
// images over 20 MB", "prices 10-20 s late") is contradicted by a report that says that thing works ("uploads
// themselves work"): the report's trouble lies elsewhere.
var reSubjectFails = rx(`\b([a-z]+)\s+(?:fail|fails|failing|failed|time out|times out|timing out|(?:are|is|get|gets) rejected|crash|crashes|hang|hangs)\b|\b([a-z]+)\s+(?:\d+(?:-\d+)?\s*(?:s|ms|secs?|seconds|mins?|minutes)\s+)?(?:late|behind|lag|lags|lagging|delayed)\b`)

// failingSubjectWorks returns the statement that shows the thing an
// issue says fails working, or "".
func failingSubjectWorks(issueText string, healthy map[string]string) string {
	for _, m := range reSubjectFails.FindAllStringSubmatch(strings.ToLower(issueText), -1) {
		for _, t := range terms(m[1] + " " + m[2]) {
			if genericCauseTerms[t] {
				continue
			}
			if clause, ok := healthy[t]; ok {
				return fmt.Sprintf("what the issue says fails (%s) is shown working: %q", strings.TrimSpace(m[0]), clause)
			}
		}
	}
	return ""
}

// runtimeErrorKinds are the kinds of crash a runtime names, across
// languages: an issue that quotes one is not the crash the evidence shows
// when that is only of another kind.
var runtimeErrorKinds = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"index out of range", rx(`index out of (?:range|bounds)|indexerror|arrayindexoutofbounds|indexoutofrange|slice bounds out of range|out of bounds`)},
	{"null dereference", rx(`nil pointer|null pointer|nullpointerexception|nullreferenceexception|'?nonetype'? object|undefined is not|cannot read propert(?:y|ies) of (?:undefined|null)|segmentation fault|sigsegv`)},
	{"missing key", rx(`\bkeyerror\b|key not found|nosuchelementexception|keynotfoundexception`)},
	{"division by zero", rx(`division by zero|divide by zero|zerodivisionerror|arithmeticexception`)},
	{"stack overflow", rx(`stack overflow|stackoverflowerror|maximum recursion depth|too much recursion`)},
	{"type mismatch", rx(`classcastexception|invalidcastexception|interface conversion|type assertion|is not a function`)},
	{"concurrent modification", rx(`concurrent map (?:writes|read and map write|iteration)|concurrentmodificationexception`)},
	{"out of memory", rx(`out of memory|outofmemoryerror|oomkilled|memoryerror`)},
}

func crashKinds(text string) map[string]bool {
	low := strings.ToLower(text)
	out := map[string]bool{}
	for _, k := range runtimeErrorKinds {
		if k.re.MatchString(low) {
			out[k.kind] = true
		}
	}
	return out
}

// otherCrashKind returns the evidence line that shows a crash of another
// kind than every kind the issue names, or "" (also when the issue names
// none, or the evidence shows one of its kinds too).
func otherCrashKind(issueText string, evidence []string) string {
	want := crashKinds(issueText)
	if len(want) == 0 {
		return ""
	}
	var other string
	for _, line := range evidence {
		for k := range crashKinds(line) {
			if want[k] {
				return ""
			}
			if other == "" {
				other = fmt.Sprintf("the issue's crash is not the one the evidence shows (%s): %q", k, strings.TrimSpace(line))
			}
		}
	}
	return other
}

// reGuess is a question that offers the reporter's guess of a cause ("Is
// it the big-file problem again?", "Data allowance run out again?").
var (
	reSentence = regexp.MustCompile(`[^.!?\n]*[.!?\n]?`)
	reGuess    = rx(`(?i)\b(?:again|like last time|same (?:issue|problem|bug|thing) as|is it (?:the|that)|could it be|maybe|perhaps)\b[^.!\n]*\?\s*$|\b(?:pretty sure|i think|i bet|my guess|must be|probably)\b[^.!?\n]*\b(?:again|same as last|like last time)\b`)
)

// withoutGuesses drops the sentences of s that ask whether a known cause
// is back: they name what the reporter suspects, not what they see.
func withoutGuesses(s string) string {
	if !strings.Contains(s, "?") {
		return s
	}
	return reSentence.ReplaceAllStringFunc(s, func(sent string) string {
		if reGuess.MatchString(sent) {
			return " "
		}
		return sent
	})
}

// reFrame is a stack frame's Type.method; reStackLine a line of a stack
// trace or a crash naming its place.
var (
	reFrame     = regexp.MustCompile(`\b([A-Z][A-Za-z0-9]+)\.([a-z][A-Za-z0-9]*)\b`)
	reStackLine = regexp.MustCompile(`\bat [\w.$<>]+\(|\.(?:java|kt|scala|go|py|rb|ts|js|cs|php|ex|rs):\d+|File "|goroutine \d+`)
)

// crashElsewhere returns the evidence that shows a stack trace that does
// not pass through the place the issue says it crashes (a Type.method it
// names), or "".
func crashElsewhere(issueText string, evidence []string) string {
	want := map[string]bool{}
	for _, m := range reFrame.FindAllStringSubmatch(issueText, -1) {
		want[m[1]] = true
	}
	if len(want) == 0 {
		return ""
	}
	var trace []string
	for _, line := range evidence {
		if !reStackLine.MatchString(line) {
			continue
		}
		trace = append(trace, strings.TrimSpace(line))
		for _, m := range reFrame.FindAllStringSubmatch(line, -1) {
			if want[m[1]] {
				return ""
			}
		}
	}
	if len(trace) == 0 {
		return ""
	}
	return fmt.Sprintf("the issue's crash site is not on the evidence's stack: %q", trace[0])
}

// reSeries is a metric line: its name, label set and value.
var reSeries = rx(`^(?:\w+:\s*)?([a-z_][a-z0-9_:]*)(?:\{[^{}\n]*\})?\s*=\s*(\d+(?:\.\d+)?)\s*$`)

// withoutZeroSiblings drops the series that read zero while another
// series of the same metric does not: "crc_fail_total{fw="7.1"} = 0" beside
// "crc_fail_total{fw="7.2"} = 644" says where the failure is, not that it
// is absent.
func withoutZeroSiblings(evidence []string) []string {
	nonZero := map[string]bool{}
	for _, line := range evidence {
		if m := reSeries.FindStringSubmatch(strings.ToLower(strings.TrimSpace(line))); m != nil {
			if v, err := strconv.ParseFloat(m[2], 64); err == nil && v != 0 {
				nonZero[m[1]] = true
			}
		}
	}
	if len(nonZero) == 0 {
		return evidence
	}
	out := make([]string, 0, len(evidence))
	for _, line := range evidence {
		m := reSeries.FindStringSubmatch(strings.ToLower(strings.TrimSpace(line)))
		// Only when the failure is in the name do the labels split it by
		// a dimension; "requests_total{status="401"} = 0" beside the 200s
		// still says no 401s.
		if m != nil && nonZero[m[1]] && slices.ContainsFunc(terms(strings.ReplaceAll(m[1], "_", " ")), reFailureWord.MatchString) {
			if v, err := strconv.ParseFloat(m[2], 64); err == nil && v == 0 {
				continue
			}
		}
		out = append(out, line)
	}
	return out
}

// reIssueVersion is a version an issue is bound to ("after firmware 2.1",
// "on v4.12"); reEvidenceVersion one the evidence reports for the units
// at hand ("version=\"2.0.7\"", "firmware 2.0.7", "fw=7.1.3").
var (
	reIssueVersion    = rx(`(?i)\b(?:firmware|version|release|fw|build|v)\s*v?(\d+\.\d+(?:\.\d+)*)\b`)
	reEvidenceVersion = rx(`(?i)\b(?:version|firmware|fw|build)\s*[=:]?\s*\\?"?v?(\d+\.\d+(?:\.\d+)*)`)
)

// otherVersion returns the evidence that reports the units at hand on
// versions none of which is the one the issue is bound to, or "".
func otherVersion(issueText string, evidence []string) string {
	var want []string
	for _, m := range reIssueVersion.FindAllStringSubmatch(issueText, -1) {
		want = append(want, m[1])
	}
	if len(want) == 0 {
		return ""
	}
	var seen []string
	line := ""
	for _, l := range evidence {
		for _, m := range reEvidenceVersion.FindAllStringSubmatch(l, -1) {
			for _, w := range want {
				if m[1] == w || strings.HasPrefix(m[1], w+".") {
					return ""
				}
			}
			seen = append(seen, m[1])
			if line == "" {
				line = strings.TrimSpace(l)
			}
		}
	}
	if len(seen) == 0 {
		return ""
	}
	return fmt.Sprintf("the issue is bound to version %s, the evidence shows %s: %q", strings.Join(want, ", "), strings.Join(seen, ", "), line)
}

// firstFinding runs checks in order and returns the first that finds
// something.
func firstFinding(checks ...func() string) string {
	for _, check := range checks {
		if why := check(); why != "" {
			return why
		}
	}
	return ""
}

// An issue triggered by a change ("after a tool library re-import", "once
// the key is rotated") did not happen when the evidence says the thing it
// changes is unchanged ("tool library unchanged since September").
var (
	reChangeWord = rx(`\b(?:re-?[a-z]+|updat\w*|upgrad\w*|swap\w*|replac\w*|rotat\w*|reload\w*|deploy\w*|migrat\w*|reset\w*|restart\w*|chang\w*|import\w*|install\w*|edit\w*|modif\w*)\b`)
	reUnchanged  = rx(`\b(?:unchanged|untouched|unmodified|not (?:been )?(?:changed|modified|touched|updated|replaced|reset|re-?imported|rotated|reloaded|restarted)|no changes?|never (?:changed|modified|updated|replaced|reset|re-?imported))\b`)
)

// triggerShownUnchanged returns the evidence clause that shows the thing
// an issue's triggering change acts on unchanged, naming at least two of
// its distinctive terms, or "".
func triggerShownUnchanged(title string, evidence []string, serviceTerms map[string]bool) string {
	m := reCauseClause.FindStringSubmatch(strings.ToLower(title))
	if m == nil || m[1] == "" || !reChangeWord.MatchString(m[1]) {
		return ""
	}
	var cause []string
	for _, t := range meaningTerms(m[1]) {
		if len(t) >= 3 && !genericCauseTerms[t] && !serviceTerms[t] && !reChangeWord.MatchString(t) {
			cause = append(cause, t)
		}
	}
	for _, line := range evidence {
		for _, clause := range reClauseSplit.Split(line, -1) {
			if !reUnchanged.MatchString(strings.ToLower(clause)) {
				continue
			}
			have := map[string]bool{}
			for _, t := range meaningTerms(clause) {
				have[t] = true
			}
			n := 0
			for _, t := range cause {
				if have[t] {
					n++
				}
			}
			if n >= 2 {
				return fmt.Sprintf("the issue's trigger (%s) did not happen: %q", strings.TrimSpace(m[1]), strings.TrimSpace(clause))
			}
		}
	}
	return ""
}

// An issue that makes amounts too high ("surcharge applied twice",
// "overcharged") is not the one a report describes whose amount came out
// below what it should be, and the other way round.
var (
	reTooMuch   = rx(`\b(?:overcharg\w*|over-?bill\w*|(?:applied|added|charged|billed|counted|deducted) twice|double[- ]charg\w*|inflated|too (?:much|high))\b`)
	reTooLittle = rx(`\b(?:undercharg\w*|under-?bill\w*|not (?:applied|added|charged)|skipped|too (?:little|low))\b`)
	reShouldBe  = rx(`(\d[\d,]*(?:\.\d+)?)[^;\n\d]{0,60}?\bshould (?:be|have been|cost|come to)\b[^\d\n]{0,20}?(\d[\d,]*(?:\.\d+)?)`)
)

// amountOtherWay returns why a report's amount departs from what it
// should be in the direction opposite to the issue's, or "".
func amountOtherWay(issueText, report string) string {
	issue := strings.ToLower(issueText)
	over, under := reTooMuch.MatchString(issue), reTooLittle.MatchString(issue)
	if over == under {
		return ""
	}
	for _, m := range reShouldBe.FindAllStringSubmatch(strings.ToLower(report), -1) {
		got, ok1 := parseNum(m[1])
		want, ok2 := parseNum(m[2])
		if !ok1 || !ok2 || want <= 0 {
			continue
		}
		switch {
		case over && got < want*0.95:
			return fmt.Sprintf("the issue makes amounts too high, the report has %s where it should be %s", m[1], m[2])
		case under && got > want*1.05:
			return fmt.Sprintf("the issue makes amounts too low, the report has %s where it should be %s", m[1], m[2])
		}
	}
	return ""
}

// An issue that drives a controlled quantity off its setpoint ("humidity
// 10-20 points above setpoint") is not at work when the evidence measures
// that quantity on its setpoint ("setter_rh_percent avg=24.6 (setpoint
// 25)").
var (
	reOffSetpoint = rx(`\b(?:above|below|over|under|off|away from|exceeds?|past)\s+(?:the |its )?(?:setpoint|set[ -]point|target)\b`)
	reSetpointOf  = rx(`\b(?:setpoint|set[ -]point|target)\s*[=:]?\s*(\d+(?:\.\d+)?)\b`)
)

// onSetpoint returns the evidence line that measures the issue's
// quantity within a tenth of its setpoint, or "".
func onSetpoint(issueText string, evidence []string) string {
	issue := strings.ToLower(issueText)
	if !reOffSetpoint.MatchString(issue) {
		return ""
	}
	issueTerms := termSet(issue)
	for _, line := range evidence {
		low := strings.ToLower(line)
		sp := reSetpointOf.FindStringSubmatch(low)
		if sp == nil {
			continue
		}
		target, ok := parseNum(sp[1])
		m := firstMeasure(low)
		if !ok || target <= 0 || m == nil {
			continue
		}
		shared := false
		for _, t := range terms(strings.ReplaceAll(m[1], "_", " ")) {
			if len(t) >= 3 && !counterTerms[t] && issueTerms[t] {
				shared = true
			}
		}
		if v, ok := parseNum(m[2]); ok && shared && math.Abs(v-target) <= target/10 {
			return fmt.Sprintf("the quantity the issue drives off its setpoint is on it: %q", strings.TrimSpace(line))
		}
	}
	return ""
}

// An issue that makes a reading wrong ("reports temperatures 2-3 °C below
// the real value", "value frozen") is not at work when an independent
// measurement (a handheld probe, a reference meter, a lab sample) agrees
// with the reading the report quotes: the reading is real.
var (
	reWrongReading = rx(`\b(?:reads?|reading|readings|reported|reports|shows?|showing|displays?)\b[^.;\n]{0,40}?\b(?:low|high|wrong|below the real|above the real|frozen|stuck|off by)\b|\b(?:false|wrong|bogus|phantom|frozen|stuck) (?:readings?|values?|alarms?)\b|\b(?:drifts?|drifting|misreads?|miscalibrated)\b`)
	reIndependent  = rx(`\b(?:handheld|hand-held|manual|reference|independent|spot[_ -]?check|lab|portable|satellite|calibrated)`)
	// A series comparing a reading with a reference ("_vs_staff_gauge_cm").
	reComparison = rx(`_vs_|_versus_|deviation|discrepancy|_diff(?:erence)?_`)
	// The size of the error an issue's wrong reading makes ("20-30 cm").
	reErrorSize = rx(`\b(\d+(?:\.\d+)?)(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*(cm|mm|m|°c|c|%|bar|psi|kg|g|ppm)\b`)
	reDecimal   = regexp.MustCompile(`\b\d+[.,]\d+\b`)
)

// readingConfirmed returns the evidence line whose independent
// measurement agrees, within 3 %, with a reading the report quotes, or "".
func readingConfirmed(issueText, report string, evidence []string) string {
	if !reWrongReading.MatchString(strings.ToLower(issueText)) {
		return ""
	}
	var quoted []float64
	for _, s := range reDecimal.FindAllString(report, -1) {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64); err == nil && v != 0 {
			quoted = append(quoted, v)
		}
	}
	size := reErrorSize.FindStringSubmatch(strings.ToLower(issueText))
	for _, line := range evidence {
		m := firstMeasure(strings.ToLower(line))
		if m == nil {
			continue
		}
		// A reading compared with its reference, off by far less than the
		// error the issue makes: the reading is right.
		if size != nil && reComparison.MatchString(m[1]) && strings.HasSuffix(m[1], "_"+strings.TrimPrefix(size[2], "°")) {
			v, ok1 := parseNum(strings.TrimPrefix(m[2], "-"))
			limit, ok2 := parseNum(size[1])
			if ok1 && ok2 && v < limit/10 {
				return fmt.Sprintf("the reading agrees with its reference within %s %s, far inside the issue's %s %s: %q", m[2], size[2], size[1], size[2], strings.TrimSpace(line))
			}
		}
		if !reIndependent.MatchString(m[1]) {
			continue
		}
		v, ok := parseNum(m[2])
		if !ok || v == 0 {
			continue
		}
		for _, q := range quoted {
			if math.Abs(q-v) <= math.Abs(v)*0.03 {
				return fmt.Sprintf("an independent measurement agrees with the reading the report quotes (%g): %q", q, strings.TrimSpace(line))
			}
		}
	}
	return ""
}

// An issue bound to a window of the clock ("between 01:00 and 01:30,
// while the nightly push runs") is not at work in a fault that began far
// outside it ("firing since 14:20").
var (
	reIssueWindow = rx(`\b(?:between|from) (?:about |around |roughly |approximately )?([01]?\d|2[0-3])[:h]([0-5]\d) (?:and|to|until|-) (?:about |around )?([01]?\d|2[0-3])[:h]([0-5]\d)\b`)
	reSignalSince = rx(`\b(?:since|from|started(?: at)?|starting at|began(?: at)?|seit|desde|depuis|dalle|dalle ore|vanaf|od)\s+(?:the |about |around |ca\.? )?([01]?\d|2[0-3])[:h]([0-5]\d)\b`)
)

// outsideWindow returns why a fault that began outside an issue's clock
// window is another problem, or "".
func outsideWindow(issueText, report string) string {
	w := reIssueWindow.FindStringSubmatch(strings.ToLower(issueText))
	s := reSignalSince.FindStringSubmatch(strings.ToLower(report))
	if w == nil || s == nil {
		return ""
	}
	from, to, at := clockMinutes(w[1], w[2]), clockMinutes(w[3], w[4]), clockMinutes(s[1], s[2])
	if to < from {
		to += 24 * 60 // a window across midnight
		if at < from {
			at += 24 * 60
		}
	}
	// An hour's grace either side: clocks and reports are loose.
	if at >= from-60 && at <= to+60 {
		return ""
	}
	return fmt.Sprintf("the issue happens between %s:%s and %s:%s; this began at %s:%s", w[1], w[2], w[3], w[4], s[1], s[2])
}

// clockMinutes is a time of day, given as the digits of its hour and
// minute (already matched as such), in minutes after midnight.
func clockMinutes(hour, minute string) int {
	h, _ := strconv.Atoi(hour)
	m, _ := strconv.Atoi(minute)
	return h*60 + m
}

// firstMeasure is the first metric and value a lower-cased evidence line
// reads, its label set left out (the series' identity, not its value).
func firstMeasure(low string) []string {
	return reMeasured.FindStringSubmatch(reLabelSet.ReplaceAllString(low, ""))
}
