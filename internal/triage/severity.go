package triage

// severity.go classifies a signal as P1, P2 or P3 following the severity
// guide: P1 = customer-facing outage, data loss or security breach in a
// tier 1 service; P2 = degraded but working, or an outage in tier 2; P3 =
// minor, internal or no user impact.
//
// The classifier first decides what KIND of impact the words describe
// (outage, data loss, security, degraded, internal, or nothing it can read)
// and then combines it with the service's tier. Numbers count as evidence
// as much as words (a success ratio against its usual level, a count
// against its threshold). The source's own severity label is a weak prior:
// it decides only when neither words nor numbers say anything, and
// otherwise only moves the confidence, both ways: a "critical" alert about
// p99 latency is still degraded service, a "critical" capacity forecast
// with nothing failing is P3, a "warning" on a total outage is P1.
//
// Reading the impact from the text is in severity_impact.go; this file turns
// it into a level, a confidence and reasons.

import (
	"fmt"
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
	Level string // P1, P2 or P3
	// Confidence is how often a verdict of this strength was right on
	// samples the rules had never seen (see calibrate.go), 0..1.
	Confidence float64
	Strength   float64 // the rules' raw rating of the evidence, 0..1
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

// ClassifySeverity decides P1/P2/P3 for a signal on a service (the zero
// Service when the service is unknown). Reasons are written for the
// engineer who gets paged.
//
// The steps: read the impact the text describes, combine it with the
// service's tier into a level (the source's label decides only when the
// words say nothing), then set the confidence from how well the source's
// label, the tier and the evidence corroborate it.
func ClassifySeverity(sig Signal, svc config.Service) Severity {
	hits, maxRatio := readImpact(severityText(sig))
	imp := summarise(hits, svc.Tier)
	in := newLevelInput(sig, svc)

	j := judgement{confidence: 0.6}
	switch {
	case imp.major:
		j.majorLevel(imp, in)
	case imp.degraded:
		j.degradedLevel(imp, in)
	case imp.calm || imp.risk || imp.lowUrgency || imp.cosmetic:
		j.minorLevel(imp, in)
	default:
		j.labelLevel(imp, in)
	}
	if imp.internalOnly && j.level != P3 {
		j.level = P3
		j.reason("%s: internal or batch work with no customer impact", P3)
	}
	for _, r := range hits.reasons() {
		j.reason("%s", r)
	}
	j.corroborate(hits, maxRatio, in)
	raw := round2(clamp(j.confidence, 0.2, 0.95))
	return Severity{Level: j.level, Confidence: severityCalibration.apply(raw), Strength: raw, Reasons: j.reasons}
}

// impact is what the text says happened, reduced to the facts the level
// depends on.
type impact struct {
	outage, dataLoss, security, degraded, internal, customer, noImpact bool
	// wrong: people are shown or charged wrong values; for everyone it is
	// as grave as an outage, for some a degradation.
	wrong bool
	// calm: measured or stated normal; risk: capacity running out;
	// lowUrgency: the reporter says it can wait; all: every user, request
	// or site.
	calm, risk, lowUrgency, all bool
	// cosmetic: it looks wrong but works.
	cosmetic bool
	// some: only part of the users, sites or devices are affected.
	some bool
	// measuredOutage: a measured share of failures says it is an outage.
	measuredOutage bool
	// major: an outage, data loss or security breach that counts as one.
	major bool
	// internalOnly: internal or batch work, or explicitly no customer
	// impact, with no data lost and no security breached.
	internalOnly bool
}

// summarise reads the hits as an impact on a service of the given tier.
// An explicit "no customer impact", or internal/batch work named without
// any customer words on a service that is not tier 1, makes an outage of
// the thing an internal one, unless data was lost or security breached.
func summarise(hits impactHits, tier int) impact {
	imp := impact{
		outage: hits.has(kindOutage), dataLoss: hits.has(kindDataLoss), security: hits.has(kindSecurity),
		degraded: hits.has(kindDegraded), internal: hits.has(kindInternal), customer: hits.has(kindCustomer),
		noImpact: hits.has(kindNoImpact), calm: hits.has(kindCalm), risk: hits.has(kindRisk),
		lowUrgency: hits.has(kindLowUrg), all: hits.has(kindAll), wrong: hits.has(kindWrong), cosmetic: hits.has(kindCosmetic), some: hits.has(kindSome), measuredOutage: hits.measured(kindOutage),
	}
	imp.major = imp.outage || imp.dataLoss || imp.security || imp.wrong && imp.all
	imp.degraded = imp.degraded || imp.wrong
	// An outage for some users, or one the reporter says can wait, is a
	// partial one; lost data and breaches stay grave whoever sees them.
	if imp.major && !imp.dataLoss && !imp.security && !imp.all && (imp.some || imp.lowUrgency) {
		imp.major, imp.degraded = false, true
	}
	// A wrong value in a footer or an icon is cosmetic, however many see it.
	if imp.cosmetic && !imp.outage && !imp.dataLoss && !imp.security {
		imp.major, imp.degraded = false, false
	}
	imp.internalOnly = (imp.noImpact || (imp.internal && !imp.customer && tier != 1)) && !imp.dataLoss && !imp.security
	if imp.internalOnly && imp.outage {
		imp.major = false
		imp.degraded = true
	}
	return imp
}

// levelInput is what the level is judged against besides the impact.
type levelInput struct {
	tier     int
	label    int    // sourceLevel of the source's label
	rawLabel string // the source's label as given, to quote
	svcName  string // for the reasons
	tierText string // for the reasons
}

func newLevelInput(sig Signal, svc config.Service) levelInput {
	in := levelInput{tier: svc.Tier, label: sourceLevel(sig.Severity), rawLabel: sig.Severity, svcName: svc.Name, tierText: "tier unknown"}
	if in.svcName == "" {
		in.svcName = sig.Service
	}
	if in.svcName == "" {
		in.svcName = "the service"
	}
	if in.tier > 0 {
		in.tierText = fmt.Sprintf("tier %d", in.tier)
	}
	return in
}

// judgement accumulates the level, confidence and reasons as
// ClassifySeverity's steps run.
type judgement struct {
	level      string
	confidence float64
	reasons    []string
}

func (j *judgement) reason(format string, a ...any) {
	j.reasons = append(j.reasons, fmt.Sprintf(format, a...))
}

// majorLevel levels an outage, data loss or security breach by tier: P1 on
// tier 1, P2 on tier 2, P3 further down unless data or security is at
// stake. With the tier unknown a critical label is believed, less surely.
func (j *judgement) majorLevel(imp impact, in levelInput) {
	switch {
	case in.tier == 1:
		j.level = P1
	case in.tier == 2:
		j.level = P2
	case in.tier >= 3:
		j.level = P3
		if imp.dataLoss || imp.security {
			j.level = P2
		}
	case in.label == 1, imp.security, imp.dataLoss, imp.measuredOutage:
		// With the tier unknown, what can be measured or cannot be undone
		// is taken at its worst, less surely.
		j.level = P1
		j.confidence -= 0.1
	case imp.all && !imp.internalOnly:
		j.level = P1
		j.confidence -= 0.1
		j.reason("%s: all or nearly all customers are affected", P1)
	default:
		j.level = P2
		j.confidence -= 0.15
	}
	what := "customer-facing outage"
	switch {
	case imp.security:
		what = "security breach"
	case imp.dataLoss:
		what = "data loss"
	case !imp.outage && imp.wrong:
		what = "wrong values shown or charged to everyone"
	}
	switch j.level {
	case P1:
		j.reason("%s: %s of %s (%s)", P1, what, in.svcName, in.tierText)
	case P2:
		j.reason("%s: %s of %s, but %s", P2, what, in.svcName, in.tierText)
	default:
		j.reason("%s: %s of %s, a %s service", P3, what, in.svcName, in.tierText)
	}
}

// degradedLevel levels a service that works, but slower, staler or
// partly: P2 where users notice (tier 1, or tier 2 with customers named or
// a critical label), P3 otherwise.
func (j *judgement) degradedLevel(imp impact, in levelInput) {
	switch {
	case in.tier == 1:
		j.level = P2
	case in.tier == 2 && (imp.customer || in.label == 1):
		j.level = P2
	case in.tier == 0 && in.label != 3 && !imp.internalOnly:
		j.level = P2
		j.confidence -= 0.1
	default:
		j.level = P3
	}
	if imp.lowUrgency && j.level == P2 {
		j.level = P3
		j.reason("%s: degraded, and the reporter says it can wait", P3)
		return
	}
	if j.level == P2 {
		j.reason("%s: %s is degraded but working (%s)", P2, in.svcName, in.tierText)
	} else {
		j.reason("%s: %s is degraded, %s, limited user impact", P3, in.svcName, in.tierText)
	}
}

// minorLevel levels evidence that nothing is failing for users: a measured
// low error ratio, stated normal behaviour, a capacity forecast, or a
// reporter who says it can wait. It is P3 whatever the source's label says;
// a label that disagrees lowers the confidence in corroborate.
func (j *judgement) minorLevel(imp impact, in levelInput) {
	j.level = P3
	switch {
	case imp.risk:
		j.reason("%s: a capacity risk on %s, nothing failing for users yet", P3, in.svcName)
	case imp.lowUrgency:
		j.reason("%s: a problem on %s the reporter says can wait, no outage described", P3, in.svcName)
	case imp.cosmetic:
		j.reason("%s: a cosmetic problem on %s, it works", P3, in.svcName)
	default:
		j.reason("%s: the evidence shows %s working normally for users", P3, in.svcName)
	}
}

// labelLevel is the fallback when the words describe no impact we
// recognise: trust the source's label, bounded by the tier.
func (j *judgement) labelLevel(imp impact, in levelInput) {
	j.confidence = 0.45
	switch {
	case in.label == 1 && in.tier <= 1 && !imp.internalOnly:
		j.level = P1
	case in.label == 1 || (in.label == 2 && in.tier == 1) || (in.label == 0 && in.tier == 1):
		j.level = P2
	default:
		j.level = P3
	}
	if imp.internalOnly && j.level == P1 {
		j.level = P2
	}
	j.reason("%s: no impact words recognised; from the source's label %q and %s", j.level, in.rawLabel, in.tierText)
}

// corroborate moves the confidence: a source label that agrees, a known
// tier, several impact findings and a measured error ratio raise it; a
// label that disagrees lowers it.
func (j *judgement) corroborate(hits impactHits, maxRatio float64, in levelInput) {
	want := map[string]int{P1: 1, P2: 2, P3: 3}[j.level]
	switch {
	case in.label == 0:
	case in.label == want:
		j.confidence += 0.15
		j.reason("the source labels it %q, which agrees", in.rawLabel)
	case abs(float64(in.label-want)) == 1:
		j.confidence -= 0.05
		j.reason("the source labels it %q", in.rawLabel)
	default:
		j.confidence -= 0.15
		j.reason("the source labels it %q, which disagrees", in.rawLabel)
	}
	if in.tier > 0 {
		j.confidence += 0.1
	} else {
		j.reason("the service's tier is unknown")
	}
	n := len(hits[kindOutage]) + len(hits[kindDataLoss]) + len(hits[kindSecurity]) + len(hits[kindWrong]) + len(hits[kindDegraded])
	if n >= 2 {
		j.confidence += 0.1
	}
	if maxRatio >= 0 {
		j.confidence += 0.05
	}
}
