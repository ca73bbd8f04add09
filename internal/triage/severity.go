package triage

// severity.go classifies a signal as P1, P2 or P3 following the severity
// guide: P1 = customer-facing outage, data loss or security breach in a
// tier-1 service; P2 = degraded but working, or a tier-2 outage; P3 =
// minor, internal or no user impact.
//
// The classifier first decides what KIND of impact the words describe
// (outage, data loss, security, degraded, internal, or nothing it can read)
// and then combines it with the service's tier. The source's own severity
// label is used when the words say nothing, and otherwise only moves the
// confidence: a "critical" alert about p99 latency is still degraded service.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/warroom/warroom/internal/config"
)

// Severity levels.
const (
	P1 = "P1"
	P2 = "P2"
	P3 = "P3"
)

// Severity is ClassifySeverity's verdict.
type Severity struct {
	Level      string  // P1, P2 or P3
	Confidence float64 // 0..1
	Reasons    []string
}

// Error-ratio thresholds: at or above OutageErrorRatio percent of requests
// failing, users are effectively locked out of the feature; at or above
// DegradedErrorRatio they notice; below it the errors are background noise.
const (
	OutageErrorRatio   = 5.0
	DegradedErrorRatio = 1.0
	// TrafficDropOutage is the fall in traffic (percent) read as an outage:
	// clients that cannot reach the service stop showing up in its metrics.
	TrafficDropOutage = 50.0
)

type impactKind int

const (
	kindOutage impactKind = iota
	kindDataLoss
	kindSecurity
	kindDegraded
	kindInternal
	kindCustomer // who is affected: raises confidence, not the level
	kindNoImpact // "no customer impact"
	kindCalm     // "error rate is normal"
)

type impactRule struct {
	kind   impactKind
	re     *regexp.Regexp
	reason string // format with the matched text
	// weak: vague words ("errors") that a measured low error ratio overrides.
	weak bool
}

const (
	sevActions = `(?:log ?in|sign ?in|sign ?up|check ?out|pay|place orders?|order|buy|purchase|access|connect|load|open|receive|reset|authenticate|book|send|download|upload|use)`
	sevObjects = `(?:payments?|checkouts?|orders?|logins?|sign-?ins?|sign-?ups?|requests|calls|transactions|deliveries|e-?mails|messages|notifications|webhooks|uploads|pages|api calls|authori[sz]ations?)`
)

var impactRules = []impactRule{
	// ---- outage: users cannot use the thing ---------------------------
	{kindOutage, rx(`\b(?:outage|unavailable|unreachable|offline|not reachable|cannot be reached|is down|are down|went down|completely down|hard down|down for (?:all|every)\w*)\b`), "describes an outage: '%s'", false},
	{kindOutage, rx(`\b(?:can(?:no|')t|unable to|not able to|failing to|fail(?:s|ed)? to)\s+(?:\w+\s+){0,2}?` + sevActions + `\b`), "users cannot complete an action: '%s'", false},
	{kindOutage, rx(`\blocked out\b`), "users are locked out: '%s'", false},
	{kindOutage, rx(`\b(?:stopped|stop|not|aren't|isn't) (?:arriving|working|loading|responding|processing|being delivered|delivered)\b`), "something stopped working: '%s'", false},
	{kindOutage, rx(`\b` + sevObjects + `\s+(?:are |is |keep |all )?(?:failing|rejected|bouncing|bounced|declined|timing out)\b`), "requests are failing: '%s'", false},
	{kindOutage, rx(`\b(?:certificate (?:has |have )?expired|expired (?:tls |ssl )?certificates?|x509: certificate|(?:tls|ssl) handshake (?:failures?|failed|errors?)|certificate (?:is )?(?:invalid|not yet valid))\b`), "TLS certificate problem, clients cannot connect: '%s'", false},
	{kindOutage, rx(`\b(?:crash ?loop\w*|all (?:pods|instances|replicas) (?:down|unhealthy|crashing))\b`), "the service is not running: '%s'", false},
	// ---- data loss ----------------------------------------------------
	{kindDataLoss, rx(`\b(?:data loss|lost (?:data|writes|entries|records|events|messages|orders|transactions|payments)|corrupt(?:ed|ion)|silently (?:dropp?\w*|discard\w*|lost))\b`), "data loss: '%s'", false},
	{kindDataLoss, rx(`\b(?:entries|records|rows|events|messages|transactions|orders|payments|writes|documents)\b[^.;]{0,40}?\b(?:missing|dropped|lost|not recorded|never (?:written|recorded|booked|stored)|not (?:written|persisted|stored))\b`), "records are missing: '%s'", false},
	{kindDataLoss, rx(`\b(?:missing (?:from|in) the \w+|no matching (?:\w+ )?(?:entry|entries|record|records)|will not (?:resend|retry|be resent|redeliver)|reconciliation (?:gap|breach|mismatch|difference))\b`), "data is missing and will not come back on its own: '%s'", false},
	// ---- security -----------------------------------------------------
	{kindSecurity, rx(`\b(?:security (?:breach|incident)|data breach|unauthori[sz]ed access|data leak|leaked (?:credentials|secrets|keys|tokens|data)|exposed (?:credentials|secrets|keys|tokens|pii|customer data)|credentials? (?:leak|exposure)|compromised|intrusion|exfiltrat\w+|account takeover|privilege escalation|ransomware|malware)\b`), "security breach: '%s'", false},
	// ---- degraded: works, but slower, staler or partly ----------------
	{kindDegraded, rx(`\b(?:latency|slow(?:er|ness|ly)?|p9\d(?:\.\d)?|response times?|timeouts?|timing out|time(?:s|d)? out)\b`), "degraded performance: '%s'", false},
	{kindDegraded, rx(`\b(?:stale|out of date|outdated|not (?:showing up|updated|updating|reflected|refreshed)|still show(?:s|ing)? the old|old (?:value|values|data|version|one))\b`), "stale data: '%s'", false},
	{kindDegraded, rx(`\b(?:delayed|delays?|lag(?:ging)?|backlog|queue (?:depth|is growing|backing up)|throttl\w+|rate limit\w*|retries|retrying)\b`), "delayed or throttled: '%s'", false},
	{kindDegraded, rx(`\b(?:degraded|elevated|intermittent(?:ly)?|partial(?:ly)?|some (?:users|customers|requests)|flaky|errors?|failures?|5xx|50[0234]s?)\b`), "errors or partial failure: '%s'", true},
	{kindDegraded, rx(`\b(?:oom ?kill\w*|out of memory|restarts?|restarting|crash(?:es|ed|ing)?)\b`), "the process is crashing or restarting: '%s'", false},
	// ---- internal / batch ----------------------------------------------
	{kindInternal, rx(`\b(?:internal(?:ly)?|batch(?: job)?|cron(?: ?job)?|nightly|exporter|export job|etl|backfill|analytics|reporting|dashboards?|data warehouse|scheduled job|staging|non-?prod\w*|retry succeeds|succeeds? on retry)\b`), "internal or batch work: '%s'", false},
	// ---- who is affected ----------------------------------------------
	{kindCustomer, rx(`\b(?:users?|customers?|merchants?|shoppers?|buyers?|clients?|tenants?|partners?|subscribers?|members?|public|end-users?)\b`), "affects people outside the team: '%s'", false},
	// ---- calm -----------------------------------------------------------
	{kindNoImpact, rx(`\b(?:no (?:customer|user|client)[- ](?:impact|facing)|not customer[- ]facing|no customer-facing|no (?:user|customer) impact|no impact (?:on|to) (?:users|customers))\b`), "says there is no customer impact: '%s'", false},
}

var (
	// "5xx ratio 23.4%", "error rate is 12%", "errors for 8% of requests".
	reErrorRatio = rx(`\b(?:5xx|5\d\d|errors?|error rate|error ratio|failures?|failure rate|failed)\b[^.;%]{0,60}?(\d{1,3}(?:\.\d+)?)\s*%`)
	// "request rate fell 96%", "traffic dropped by 80%".
	reTrafficDrop = rx(`\b(?:traffic|requests?|request rate|throughput|rps|volume|logins|orders|checkouts|conversions?)\b[^.;%]{0,40}?\b(?:fell|dropped|drops|decreased|declined|down)\s+(?:by\s+)?(\d{1,3}(?:\.\d+)?)\s*%`)
	// A number qualified as the alert's threshold or objective, not a measurement.
	reThresholdBefore = rx(`(?:threshold|slo|slos|target|objective|budget|limit|above|below|over|under|>|<)\s*(?:of|is|=|:)?\s*$`)
	// "is normal", "unchanged", ... right after an error word.
	reNormalAfter = rx(`^[^.;]{0,30}?\b(?:normal|unchanged|unaffected|flat|fine|healthy|as usual|not elevated|nominal|ok)\b`)
	// A negation within the three words before a match.
	reNegBefore = rx(`\b(?:no|not|zero|without|never|isn't|aren't|wasn't|nothing)\s+(?:\w+\s+){0,2}$`)
)

// sourceLevel maps the source's label to 1 (page now), 2 (look soon), 3
// (informational) or 0 (unknown).
func sourceLevel(label string) int {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "critical", "crit", "emergency", "emerg", "fatal", "page", "p0", "p1", "sev0", "sev1", "sev-1", "sev 1",
		"severity1", "1", "0", "disaster", "high", "urgent", "major":
		return 1
	case "warning", "warn", "p2", "sev2", "sev-2", "sev 2", "severity2", "2", "error", "medium", "average", "moderate":
		return 2
	case "info", "information", "informational", "notice", "p3", "p4", "p5", "sev3", "sev4", "sev-3", "sev 3",
		"severity3", "3", "4", "5", "low", "minor", "debug", "ok", "none":
		return 3
	}
	return 0
}

type impactHit struct {
	reason string
	weak   bool
}

// ClassifySeverity decides P1/P2/P3 for a signal on a service (the zero
// Service when the service is unknown). Reasons are written for the
// engineer who gets paged.
func ClassifySeverity(sig Signal, svc config.Service) Severity {
	text := strings.Join([]string{sig.Title, sig.Text, sig.labelText()}, " . ")
	lower := strings.ToLower(text)
	// "internal server error" is a user-facing error, not internal work.
	lower = strings.ReplaceAll(lower, "internal server error", "server error")

	hits := map[impactKind][]impactHit{}
	add := func(k impactKind, reason string, weak bool) {
		for _, h := range hits[k] {
			if h.reason == reason {
				return
			}
		}
		hits[k] = append(hits[k], impactHit{reason, weak})
	}
	for _, r := range impactRules {
		for _, loc := range r.re.FindAllStringIndex(lower, -1) {
			m := strings.TrimSpace(lower[loc[0]:loc[1]])
			before, after := lower[:loc[0]], lower[loc[1]:]
			if r.kind != kindNoImpact && reNegBefore.MatchString(clause(before)) {
				continue
			}
			if (r.kind == kindDegraded || r.kind == kindOutage) && reNormalAfter.MatchString(after) {
				add(kindCalm, fmt.Sprintf("says '%s' is normal", m), false)
				continue
			}
			add(r.kind, fmt.Sprintf(r.reason, m), r.weak)
			break // one hit per rule is enough
		}
	}

	// Measured error ratios and traffic drops outrank words.
	maxRatio := -1.0
	for _, m := range reErrorRatio.FindAllStringSubmatchIndex(lower, -1) {
		numStart := m[2]
		if reThresholdBefore.MatchString(lower[:numStart]) {
			continue
		}
		v, err := strconv.ParseFloat(lower[m[2]:m[3]], 64)
		if err != nil || v > 100 {
			continue
		}
		if v > maxRatio {
			maxRatio = v
		}
	}
	switch {
	case maxRatio >= OutageErrorRatio:
		add(kindOutage, fmt.Sprintf("%.4g%% of requests are failing (>= %.0f%%)", maxRatio, OutageErrorRatio), false)
	case maxRatio >= DegradedErrorRatio:
		add(kindDegraded, fmt.Sprintf("%.4g%% of requests are failing (%.0f-%.0f%%)", maxRatio, DegradedErrorRatio, OutageErrorRatio), false)
	case maxRatio >= 0:
		add(kindCalm, fmt.Sprintf("error ratio is only %.4g%% (< %.0f%%)", maxRatio, DegradedErrorRatio), false)
	}
	for _, m := range reTrafficDrop.FindAllStringSubmatch(lower, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v >= TrafficDropOutage {
			add(kindOutage, fmt.Sprintf("traffic fell %.4g%%: clients are not getting through", v), false)
			break
		}
	}

	outage, dataLoss, security := len(hits[kindOutage]) > 0, len(hits[kindDataLoss]) > 0, len(hits[kindSecurity]) > 0
	degraded, internal, customer := len(hits[kindDegraded]) > 0, len(hits[kindInternal]) > 0, len(hits[kindCustomer]) > 0
	noImpact := len(hits[kindNoImpact]) > 0
	// Measured low errors cancel vague error words but not a measured or
	// explicit outage.
	if maxRatio >= 0 && maxRatio < DegradedErrorRatio {
		var keep []impactHit
		for _, h := range hits[kindDegraded] {
			if !h.weak {
				keep = append(keep, h)
			}
		}
		hits[kindDegraded] = keep
		degraded = len(keep) > 0
	}

	tier := svc.Tier
	label := sourceLevel(sig.Severity)
	var s Severity
	reason := func(format string, a ...any) { s.Reasons = append(s.Reasons, fmt.Sprintf(format, a...)) }
	svcName := svc.Name
	if svcName == "" {
		svcName = sig.Service
	}
	if svcName == "" {
		svcName = "the service"
	}
	tierText := "tier unknown"
	if tier > 0 {
		tierText = fmt.Sprintf("tier %d", tier)
	}

	major := outage || dataLoss || security
	// An explicit "no customer impact", or internal/batch work named without
	// any customer words on a service that is not tier 1, makes an outage of
	// the thing an internal one, unless data was lost or security breached.
	internalOnly := (noImpact || (internal && !customer && tier != 1)) && !dataLoss && !security
	if internalOnly && outage {
		major = false
		degraded = true
	}

	confidence := 0.6
	switch {
	case major:
		switch {
		case tier == 1:
			s.Level = P1
		case tier == 2:
			s.Level = P2
		case tier >= 3:
			s.Level = P3
			if dataLoss || security {
				s.Level = P2
			}
		case label == 1:
			s.Level = P1
			confidence -= 0.1
		default:
			s.Level = P2
			confidence -= 0.15
		}
		what := "customer-facing outage"
		switch {
		case security:
			what = "security breach"
		case dataLoss:
			what = "data loss"
		}
		switch s.Level {
		case P1:
			reason("%s: %s of %s (%s)", P1, what, svcName, tierText)
		case P2:
			reason("%s: %s of %s, but %s", P2, what, svcName, tierText)
		default:
			reason("%s: %s of %s, a %s service", P3, what, svcName, tierText)
		}
	case degraded:
		switch {
		case tier == 1:
			s.Level = P2
		case tier == 2 && (customer || label == 1):
			s.Level = P2
		case tier == 0 && label != 3 && !internalOnly:
			s.Level = P2
			confidence -= 0.1
		default:
			s.Level = P3
		}
		if s.Level == P2 {
			reason("%s: %s is degraded but working (%s)", P2, svcName, tierText)
		} else {
			reason("%s: %s is degraded, %s, limited user impact", P3, svcName, tierText)
		}
	default:
		// The words describe no impact we recognise: trust the source's label,
		// bounded by the tier.
		confidence = 0.45
		switch {
		case label == 1 && tier <= 1 && !internalOnly:
			s.Level = P1
		case label == 1 || (label == 2 && tier == 1) || (label == 0 && tier == 1):
			s.Level = P2
		default:
			s.Level = P3
		}
		if internalOnly && s.Level == P1 {
			s.Level = P2
		}
		reason("%s: no impact words recognised; from the source's label %q and %s", s.Level, sig.Severity, tierText)
	}
	if internalOnly && s.Level != P3 {
		s.Level = P3
		reason("%s: internal or batch work with no customer impact", P3)
	}

	for _, k := range []impactKind{kindSecurity, kindDataLoss, kindOutage, kindDegraded, kindInternal, kindCustomer, kindNoImpact, kindCalm} {
		for _, h := range hits[k] {
			reason("%s", h.reason)
		}
	}

	// Confidence: corroboration raises it, disagreement lowers it.
	want := map[string]int{P1: 1, P2: 2, P3: 3}[s.Level]
	switch {
	case label == 0:
	case label == want:
		confidence += 0.15
		reason("the source labels it %q, which agrees", sig.Severity)
	case abs(float64(label-want)) == 1:
		confidence -= 0.05
		reason("the source labels it %q", sig.Severity)
	default:
		confidence -= 0.15
		reason("the source labels it %q, which disagrees", sig.Severity)
	}
	if tier > 0 {
		confidence += 0.1
	} else {
		reason("the service's tier is unknown")
	}
	n := len(hits[kindOutage]) + len(hits[kindDataLoss]) + len(hits[kindSecurity]) + len(hits[kindDegraded])
	if n >= 2 {
		confidence += 0.1
	}
	if maxRatio >= 0 {
		confidence += 0.05
	}
	s.Confidence = round2(clamp(confidence, 0.2, 0.95))
	return s
}

// clause is the text after the last sentence or clause break.
func clause(before string) string {
	if i := strings.LastIndexAny(before, ".;!?,:\n()"); i >= 0 {
		return before[i+1:]
	}
	return before
}
