// Package triage holds pure decision logic used before an incident is opened.
//
// chatter.go decides whether a human's chat message reports an incident or is
// ordinary channel chatter. It is deliberately a small, explainable scoring
// model rather than a learned one: every signal that fires contributes a
// fixed weight and a sentence an on-call engineer can read.
package triage

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// IncidentThreshold is the score at or above which a message is treated as an
// incident report. A message is an incident when BOTH hold:
//
//  1. at least one impact signal fired (something is down, failing, slow,
//     stuck, missing, users cannot do something, ...) — urgency or scale
//     words alone ("<!here> urgent: please review my PR") never open an
//     incident; and
//  2. the total score (positive signals minus negative signals) is >= 3.0.
//
// The weights are chosen so that one strong impact phrase on its own is
// enough ("billing is down", "members locked out": 3.0), a moderate one
// needs one corroborating signal ("latency is up" + a known service, a start
// time, "@here", or "is anyone else seeing ..."), and a single clear negative
// (postmortem reminder, "all is fine", lunch, thanks for last night's fix,
// planned maintenance) outweighs a lone impact word. Saying a problem is not
// urgent does not make it chatter: a real problem reported calmly is an
// incident, at low severity (see catLowUrgency).
const IncidentThreshold = 3.0

// Decision is the outcome of ClassifyMessage.
type Decision struct {
	// Incident reports whether the message reads as a report of an ongoing
	// problem that should open (or join) an incident.
	Incident bool
	// Score is the sum of the weights of the signals that fired.
	Score float64
	// Reasons explains the score, one line per signal, strongest first
	// within positive and negative groups. Never empty.
	Reasons []string
	// Service is the known service the message mentions ("" when none).
	Service string
}

type category int

const (
	catImpact category = iota
	catScale
	catUrgency
	catHelp
	catReport // "is anyone else seeing ...": only counts together with impact
	catCalm
	catLowUrgency
	catFYI
	catMeeting
	catPostmortem
	catResolved
	catSocial
	catThanks
	catMaintenance
	catDrill
	catWorkChatter
	catNonProd
	catAnnounce
	catBotPost
)

// caps bound how much one category can add or remove, so a message that
// repeats the same kind of word many times does not dominate.
var caps = map[category]float64{
	catImpact:      6,
	catScale:       3,
	catUrgency:     3,
	catHelp:        0.5,
	catReport:      1,
	catCalm:        6,
	catLowUrgency:  1,
	catFYI:         1,
	catMeeting:     3,
	catPostmortem:  4,
	catResolved:    4,
	catSocial:      4,
	catThanks:      3,
	catMaintenance: 4,
	catDrill:       3,
	catWorkChatter: 2,
	catNonProd:     2,
	catAnnounce:    2,
	catBotPost:     3,
}

type signal struct {
	cat    category
	weight float64 // positive or negative
	re     *regexp.Regexp
	// reason is a format string taking the matched text.
	reason string
	// negatable: ignore the match when one of the three preceding words is a
	// negator ("no errors", "not seeing any timeouts", "isn't down").
	negatable bool
	// skipBefore / skipAfter: ignore the match when the word before / the
	// text after matches ("scale down", "latency is down to 80ms").
	skipBefore *regexp.Regexp
	skipAfter  *regexp.Regexp
	// onlyWithImpact / onlyWithoutImpact: the signal only counts when the
	// message does / does not also carry an impact signal.
	onlyWithImpact    bool
	onlyWithoutImpact bool
}

func rx(s string) *regexp.Regexp { return regexp.MustCompile(s) }

const (
	// pastEvents are what a past-tense mention of "last week's ..." must
	// name to be about a past incident ("last week's routes" is not).
	pastEvents = `(?:outage|incident|issue|problem|downtime|failure|drill|release|deploy|maintenance|migration|postmortem)s?`
	// things users or systems do, for "can't X" / "unable to X"
	userActions = `(?:log ?into|sign ?into|log ?in|login|sign ?in|sign ?up|register|check ?out|pay|place (?:an |their |any )?orders?|order|buy|purchase|book|access|connect|reach|load|open|upload|download|send|receive|reset (?:their |my |the )?passwords?|authenticate|deploy|use)`
	// who is affected
	populations = `(?:users?|customers?|merchants?|clients?|tenants?|accounts?|shoppers?|buyers?|sellers?|partners?|drivers?|riders?|patients?|members?|subscribers?|people|stores?|shops?|orders?|payments?|transactions?|requests?|regions?|sites?|devices?|e-?mails?|mail|messages|notifications|webhooks|jobs|events|calls|logins|checkouts|uploads|deliveries|searches|pages)`
	quantifier  = `(?:a lot of|a ton of|lots of|loads of|tons of|many|several|multiple|numerous|most|all|all of (?:our|the)|every|some|a few|a bunch of|a handful of|hundreds of|thousands of|dozens of|two|three|four|five|six|seven|eight|nine|ten|\d[\d,.]*k?%?(?: of)?(?: our| the)?)`
)

// reNamedThing is a quoted name in title case followed by what it names:
// "the 'Outage Alerts' newsletter", "our \"Crash Course\" video". The name is
// a product's, not a report of an outage or a crash.
// reNamedLaunch is a quoted title-case name announced: "our new 'Crash
// Course' for beginners launches next week".
var reNamedLaunch = regexp.MustCompile(`['"]([A-Z][\w&-]*(?:\s+[A-Z&][\w&-]*){0,5})['"]([^.!?]{0,60}?\b(?:launch\w*|goes live|went live|is live|premier\w*|debut\w*|went out|released?|announc\w*|sold out))\b`)

// reIntroduced is a name introduced as new ("Say hello to 'Crash & Burn',
// our new masterclass"): a launch, whatever its words.
var reIntroduced = regexp.MustCompile(`(?i)(\b(?:say hello to|introducing|meet|presenting|welcome)\s+)['"‘“][^'"’”]{1,40}['"’”]`)

var reNamedThing = regexp.MustCompile(`['"]([A-Z][\w&-]*(?:\s+[A-Z&][\w&-]*){0,5})['"](\s+(?:\w+\s+)?(?:newsletters?|videos?|courses?|podcasts?|campaigns?|features?|series|workshops?|webinars?|events?|songs?|albums?|games?|shows?|menus?|dish(?:es)?|drinks?|products?|plans?|packages?|promos?|sales?|bundles?|class(?:es)?|tours?|badges?|collections?|playlists?|e-?mails?|banners?|templates?|guides?|modules?|lessons?|books?|episodes?|articles?|posts?|blogs?|pages?|sections?|widgets?|categor(?:y|ies)))\b`)

var signals = []signal{
	// ---- impact: something is broken for someone --------------------------
	{cat: catImpact, weight: 3, re: rx(`\b(?:partial |major |full |total )?outages?\b|\bdowntime\b`), reason: "reports an outage: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:is|are|'s|'re|everything|prod|production|it's|we're) on fire\b|\bburning down\b`), reason: "says something is on fire: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:cert(?:ificate)?s?|tls|ssl) (?:has |have |just )?expired\b|\bexpired (?:cert(?:ificate)?|tls|ssl)\b|\bhandshake (?:errors?|failures?|failed|failing)\b`),
		reason: "says a certificate expired: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:double|duplicate[ds]?|twice) (?:charges?|charged|billed|refunds?|payments?)\b|\bcharged (?:twice|two times|double)\b|\b(?:charging|billing|debiting) (?:\w+ ){0,2}?(?:twice|two times|double)\b`),
		reason: "says customers are charged incorrectly: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bdown\b`), reason: "says something is down: '%s'", negatable: true,
		skipBefore: rx(`\b(?:shut|shutting|scale|scaling|scaled|wind|winding|tear|tearing|step|stepping|narrow|narrowing|narrowed|cut|cutting|calm|calming|write|writing|wrote|jot|jotted|slow|slowing|settle|settling|sit|sat|sitting|count|counting|trickle|trickling|thumbs|upside|boil|boiled|boils|boiling|hunker|bring it|turned|turn|track|tracked|tracking|hands|hand|go|goes|went|come|came|comes|coming|way|top|drill|drop|up and|who's|who is|who else is|anyone|anybody|you|you're|i'm|i am|i was|are you|is anyone)\s*$|-$|\b(?:errors?|latency|costs?|spend|usage|load|cpu|memory|traffic|numbers|prices?) (?:are |is |has |have )?$`),
		skipAfter:  rx(`^\s*(?:to\b|by\b|from\b|\d|-\d|%|arrow|low\b|the (?:road|line|hall|street|list)\b|with (?:the |a )?(?:flu|cold|covid|that|it|this|the plan)\b)`)},
	{cat: catImpact, weight: 3, re: rx(`\b(?:went|goes|going|gone) down\b`), reason: "says something went down: '%s'", negatable: true,
		skipAfter: rx(`^\s*(?:to|by|from|\d)`)},
	{cat: catImpact, weight: 3, re: rx(`\b5xx'?s?\b|\b50[0-9]'?s\b|\b(?:http|status|error|errors|returning|returns|returned|throwing|throws|threw|getting|got|seeing|serving|with an?|code)\s+50[0-9]\b|\b50[0-9]\s+(?:errors?|responses?|status|from|on|when|for)\b|\binternal server errors?\b|\bbad gateway\b|\bservice unavailable\b|\bgateway time-?outs?\b`),
		reason: "mentions server errors: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:can't|cannot|can not|can no longer|couldn't|could not|unable to|not able to|no longer able to|isn't able to|aren't able to)\s+(?:\w+\s+)?` + userActions + `\b`),
		reason: "mentions user impact: '%s'"},
	{cat: catImpact, weight: 3, re: rx(`\b(?:no ?one|nobody|no users?|no customers?) (?:can|is able to|are able to|could)\s+(?:\w+\s+)?` + userActions + `\b`),
		reason: "mentions user impact: '%s'"},
	{cat: catImpact, weight: 3, re: rx(`\blocked out\b|\block-?outs?\b`), reason: "mentions user impact: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bdata (?:loss|corruption)\b|\b(?:lost|losing|lose|corrupted|corrupting|deleted|wiped) (?:\w+ )?(?:data|records|rows|entries|orders|payments|events|messages|files)\b|\bcorrupted\b`),
		reason: "mentions possible data loss: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:crash(?:es|ed|ing)?|crash ?loop(?:ing|backoff)?|oom ?kill(?:ed|s)?|oom|out of memory|panic(?:s|king|ked)?)\b`),
		reason: "mentions crashes: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:unavailable|unreachable|inaccessible|offline|unresponsive|not responding|not reachable|dead)\b`),
		reason: "says something is unavailable: '%s'", negatable: true,
		skipAfter: rx(`^[\s-]*(?:letter|simple|easy|code|link|mode|quiet|serious|tired|calm|silent|on)\b`)},
	{cat: catImpact, weight: 3, re: rx(`\b(?:died|dying|gave up|gave out|conked out|packed up|is broken|are broken)\b|\bdead again\b`), reason: "says something died: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bbroken\b|\bbroke\b`), reason: "says something is broken: '%s'", negatable: true,
		skipAfter: rx(`^\s*(?:the build|build|ci|my|our local|down)\b`)},
	{cat: catImpact, weight: 3, re: rx(`\b(?:declar\w*|open\w*|rais\w*|start\w*|call\w*) (?:an? |the )?(?:incident|sev ?-?[0-3]|p[0-2])\b|\bwe(?:'re| are)? (?:in|having|seeing) an? (?:incident|outage)\b|\bthis is an? (?:incident|outage|sev ?-?[0-2])\b|\bsev ?-?[0-2]\b`),
		reason: "declares an incident: '%s'", negatable: true},

	{cat: catImpact, weight: 3, re: rx(`\bstopped \w+ing\b|\b(?:not|\w+n't|never|no longer|stopped) (?:been |being |getting |get |got )?(?:shown up|turned up|came through|credited|refunded|topped up|top up|unlocked|unlock|printed|print|scanned|scan|arriving|arrive|arrived|delivered|delivering|being delivered|sent|sending|received|receiving|coming through|going out|processed|processing|syncing|synced|working|work|loading|load|rendering|updat\w*|responding|showing up|show up|showing|appearing|appear|reflected|firing|running|starting|starts|start|completing|completed|saving|saved|coming in|going through|come in|go through)\b`),
		reason: "says something stopped working: '%s'"},
	{cat: catImpact, weight: 2.5, re: rx(`\b(?:error rates?|failure rates?|errors? (?:are |is )?(?:spiking|spike|up|climbing|through the roof|elevated)|elevated (?:errors?|5xx|latency|failure)|spike (?:in|of) (?:errors?|5xx|failures?|timeouts?|latency))\b`),
		reason: "mentions elevated errors: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:dropped|fell|falling|dropping|went|going|gone) (?:down )?to (?:zero|0|nothing)\b|\bflat-?lin(?:ed|ing)\b|\bnose-?dived?\b|\btanked\b`),
		reason: "says a key metric collapsed: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bdegrad(?:ed|ation|ing)\b`), reason: "says service is degraded: '%s'", negatable: true},
	{cat: catImpact, weight: 2.5, re: rx(`\b(?:dropp?(?:ed|ing)|losing) (?:\w+ )?(?:events|messages|entries|orders|requests|records|jobs|payments|webhooks|connections|emails|calls)\b`),
		reason: "says work is being dropped: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:stale|outdated|out of date|out-of-date)\b|\bstill (?:\w+ ){1,2}(?:old|previous|outdated)\b|\bwrong (?:prices?|totals?|amounts?|balances?|data|results|currency|stock|inventory)\b|\bincorrect (?:prices?|totals?|amounts?|balances?|data|results)\b|\b(?:double|duplicate[ds]?) (?:orders?|emails?|notifications?)\b|\b(?:is|are|look|looks|looking|showing|shows) (?:all |completely |totally )?(?:wrong|incorrect)\b|\b(?:with|has|have|had|shows?|showing|lists?|listing|displays?|displaying|prints?|printing|sends?|sending|sent|uses?|using|charg(?:es|ing|ed)) (?:the |a |an )?(?:wrong|incorrect) \w+|\b(?:applied|charged|billed|sent|deducted|counted|credited|debited|booked) (?:twice|double|two times|multiple times)\b|\bsomeone else's (?:name|address|data|details|order|account)\b|\b(?:don't|doesn't|do not|does not|no longer) (?:match|add up|reconcile)\b|\bmismatch(?:es|ed)?\b`),
		reason: "says users see wrong or stale data: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:shows?|showing|lists?|listing|displays?|displaying|prints?|printing|printed|has|have|says?) (?:\w+ ){0,2}?(?:yesterday|last \w+|\w+day)'?s (?:\w+ )?(?:listings?|entries|posts?|articles?|bookings?|events?|prices?|data|values?|numbers?|results?|schedules?|times?|menus?|figures?|rates?|totals?|scores?|dates?|routes?|tonnage|stock|levels?)\b|\bnegative (?:durations?|amounts?|prices?|balances?|stock|quantities|totals?)\b|\bduplicate bookings\b|\bmissing (?:orders|data)\b|\bstill showing old data\b|\bcharged twice\b`),
		reason: "says users see old values or double charges: '%s'", negatable: true},
	{cat: catImpact, weight: 2.5, re: rx(`\b(?:bounc(?:e|es|ed|ing))\b|\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b`),
		reason: "mentions bounced mail: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\b(?:fail(?:s|ed|ing|ures?)?)\b`), reason: "mentions failures: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:nothing but|only) (?:\w+ )?errors\b`), reason: "says everything fails: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bkeeps? (?:on )?(?:timing out|failing|crashing|erroring|dropping|disconnecting|freezing|hanging|rejecting|bouncing|buffering|reloading|logging (?:me |us |people |users )?out)\b`), reason: "says it keeps failing: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\berrors?\b|\bexceptions?\b|\bstack ?traces?\b`), reason: "mentions errors: '%s'", negatable: true,
		skipAfter: rx(`^\s*(?:handling|messages? (?:copy|text|wording)|budget|codes? (?:doc|docs|list|page)|pages?\b)`)},
	{cat: catImpact, weight: 1.5, re: rx(`\b(?:latency|p9[59]|p99\.9)\b`), reason: "mentions latency: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\b(?:time-?outs?|timing out|timed out|times out|time out)\b`), reason: "mentions timeouts: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:\d+ )?(?:hours?|minutes?|mins?|days?) late\b|\b(?:arriving|landing|coming in|going out|running) late\b|\b(?:has|have|is|are) been missing\b|\b(?:shows?|showing|reads?|reading|reports?|reporting) (?:a |an )?(?:0|zero)\b`), reason: "says things arrive late, go missing or read zero: '%s'", negatable: true},
	{cat: catImpact, weight: 2.5, re: rx(`\b(?:high|higher|increased|elevated|terrible|huge|bad) (?:p9[59] )?latency\b|\blatency (?:is |has )?(?:up|high|spiking|spiked|jumped|increased|through the roof|climbing|bad|terrible|issues?)\b`),
		reason: "mentions high latency: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:get|gets|getting|got|being|keep getting|are|is) (?:randomly |constantly |repeatedly )?(?:logged|kicked|signed|thrown) out\b|\b(?:logs|kicks|signs|throws) (?:me|us|users|people|everyone|them|customers) out\b|\b(?:blank|white|empty) (?:page|screen)s?\b|\bspin(?:s|ning|ner)? forever\b|\bjust spins?\b|\bspin(?:s|ning)? on\b|\b(?:does|do) nothing\b|\b(?:doesn't|does not|don't|do not) do anything\b|\bnothing happens\b|\binfinite (?:spinner|loading|redirect|loop)\b`),
		reason: "says users hit a broken experience: '%s'", negatable: true},
	{cat: catImpact, weight: 2.5, re: rx(`\b(?:keeps? restarting|restarting every|restart loop|flapping|memory leak|leaking memory|running out of (?:disk|space|memory|connections|file descriptors)|out of (?:disk|space)|no space left|disk (?:is )?full|(?:connection )?pool (?:is )?exhausted)\b`),
		reason: "mentions resource exhaustion or restarts: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:slow(?:ness|er)?|sluggish|crawling|laggy|lags?|lagging|takes? forever|taking forever|takes? ages|taking ages|(?:much |way )?longer than (?:usual|normal)|normally takes|usually takes)\b`),
		reason: "mentions slowness: '%s'", negatable: true,
		skipAfter: rx(`^\s*(?:query log|queries? (?:list|report|dashboard)|down|clap|cooker|week|day|morning|afternoon|friday)\b`)},
	{cat: catImpact, weight: 2, re: rx(`\b(?:stuck|hanging|hangs|hung|frozen|freezing|freezes|freeze|backlog|backed up|backing up|piling up|queue (?:is )?growing|not draining)\b`),
		reason: "says work is stuck: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\b(?:4xx|40[13]s|40[13] (?:errors?|responses?))\b|\bunauthori[sz]ed errors?\b`),
		reason: "mentions auth errors: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:didn't|did not|never|hasn't|has not|haven't|have not) (?:\w+ )?(?:run|ran|fire|fired|trigger(?:ed)?|start(?:ed)?|finish(?:ed)?|complete[ds]?)\b`),
		reason: "says a job or step did not run: '%s'"},
	{cat: catImpact, weight: 3, re: rx(`\b(?:orders?|bookings?|reservations?|appointments?|charges?|payments?|invoices?|entries|records|tickets|notifications?|e-?mails|messages)\b[^.;,]{0,30}?\b(?:duplicated|doubled|in duplicate|show(?:ing)? up twice|appear(?:ing)? twice)\b`),
		reason: "says records are duplicated: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:are|is|were|was|being|been|get|gets|got|getting) (?:all |now )?(?:duplicated|doubled)\b|\b(?:has|have|with|getting|got|seeing|see|shows?|showing) (?:\w+ )?duplicates\b|\bin duplicate\b|\b(?:every|each|all)\b[^.;?]{0,40}?\b(?:twice|two times)\b|\b(?:go|goes|went|going|gone|sent|sends?|sending|arrived?|arrives|arriving|came|comes?|coming|printed|charged|billed|posted|published) (?:\w+ ){0,3}?(?:out )?(?:twice|two times|in duplicate)\b`),
		reason: "says things come out twice: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:stuck|hanging|hung|frozen|spinning|not loading) (?:(?:in|on|at) [^.;]{1,30}? )?(?:for|since) (?:like |about |around |almost |over |the (?:last|past) )?(?:(?:\d+|over|more than|an?|half an?) ?(?:\w+ )?(?:min\w*|hours?|h)|this morning|yesterday|last night)\b|\b(?:stuck|frozen|hanging|hung|down|broken|crashed|dead|offline) again\b|\b(?:is|are|was|were|got|seems?|looks?) (?:completely |totally |just )?frozen\b`),
		reason: "says work has been stuck for a while: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:won't|wont|will not|refuses? to|refusing to)\s+(?:\w+\s+)?(?:load|open|upload|download|save|send|sync|print|start|connect|log ?in|sign ?in|pay|submit|work|scan|charge|boot|play|update|go through)\b`),
		reason: "says something will not work: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:took|tak(?:e|es|ing)) (?:like |about |around |over |almost |nearly )?(?:\d+ ?(?:s|secs?|seconds|mins?|minutes)|(?:a|an|one) (?:full |whole |entire )?(?:minute|min|hour))\b`),
		reason: "mentions slowness: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:reject\w*|refus\w*|declin\w*|drop(?:s|ped|ping)?|fail(?:s|ed|ing)?(?: on)?) (?:every|all|each)(?: single)? \w+|\b(?:completely|totally|entirely) (?:empty|blank)\b|\b(?:reject|refus|declin|den(?:y|ies|ied)|block)\w* (?:\w+ ){0,4}?(?:valid|paid(?:-for)?|legit(?:imate)?|genuine)\b|\b(?:looks?|seems?|is|are) (?:a bit |kinda |totally |way |all )?(?:off|wonky|messed up|screwed up)\b(?:\s*[.!?]|\s*$)`),
		reason: "says everything is refused or empty: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\b(?:missing|disappeared|vanished|gone missing)\b`), reason: "says something is missing: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bmissing (?:\w+ )?(?:data|results|readings|records|entries|orders|payments|invoices|files|reports|messages|emails)\b|\b(?:data|results|readings|records|entries|orders|payments|invoices|files|reports|pdfs|documents|attachments|images|photos|waivers|forms|tickets|labels|receipts) (?:are |is |have gone |went )?(?:missing|gone)\b`), reason: "says data is missing: '%s'", negatable: true},
	// Someone else sees it too: the report is not one person's wifi.
	{cat: catScale, weight: 1, re: rx(`\b(?:a couple|a few|several|some|two|three|many|other) (?:of )?(?:\w+ ){0,6}?(?:are |were )?(?:saying|reporting|seeing|having|getting|report|see|have|say) (?:the same(?: thing| issue| problem)?|it too|this too)\b|\bsame here\b|\b(?:colleagues?|others?|coworkers?) (?:too|as well)\b|\bothers report the same\b`), reason: "others report the same: '%s'", onlyWithImpact: true},
	{cat: catScale, weight: 1.5, re: rx(`\bhalf of the users\b|\b(?:half|most|many) (?:of )?(?:the |our )?(?:users|customers|clinics|sites|stores|machines|devices)\b`), reason: "indicates scale: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:is|are|came out|comes out|come out|coming out) (?:completely |totally )?(?:empty|blank)\b|\b(?:0|zero) bytes\b|\bempty (?:file|export|report|list|response|csv|feed)s?\b|\bblank pages?\b|\bzero amounts?\b|\bwith an? (?:empty|blank) (?:body|subject|page|content|text|attachment|message|total)\b|\b(?:blank|empty) (?:\w+ )?(?:receipts?|tickets?|labels?|pdfs?|invoices?|reports?|printouts?|results?|responses?|e-?mails?)\b|\b(?:returns?|returning|gives?|giving|shows?|showing|finds?|finding) ['"‘“]?(?:zero|no|0) (?:results?|matches|hits|rows|records)\b`), reason: "says output is empty: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\b(?:looks?|are|is|seems?) (?:a bit |slightly |way )?off by\b|\boff by (?:a few|one|\d+)\b`), reason: "says figures are off: '%s'", negatable: true},
	{cat: catImpact, weight: 3, re: rx(`\bis it normal (?:that|for)\b[^?]{0,80}?\btakes?\b|\btakes too long\b`), reason: "asks about slowness: '%s'"},
	{cat: catImpact, weight: 2, re: rx(`\b(?:rejected|rejecting|refused|refusing|denied|not accepted|blocked|throttled|rate[- ]limited|429s?)\b`),
		reason: "says requests are rejected: '%s'", negatable: true},
	{cat: catImpact, weight: 2, re: rx(`\b(?:alerts? (?:is |are )?(?:firing|going off)|getting paged|got paged|pager (?:is )?going off)\b`),
		reason: "says alerts are firing: '%s'", negatable: true},

	// ---- scale: how many are affected, since when -------------------------
	{cat: catScale, weight: 1.5, re: rx(`\b` + quantifier + ` (?:[a-z]+ )?` + populations + `\b`), reason: "indicates scale: '%s'", negatable: true},
	{cat: catScale, weight: 1.5, re: rx(`\b(?:everyone|everybody|all of us|no ?one|nobody|for all)\b`), reason: "indicates scale: '%s'",
		skipBefore: rx(`\b(?:hi|hey|hello|morning|thanks|thank you|cheers|reminder|remind)\W*$`),
		skipAfter:  rx(`^\s*(?:for (?:lunch|coffee|drinks)|!|,? (?:thanks|welcome|please (?:join|add|remember)))`)},
	{cat: catScale, weight: 1.5, re: rx(`\b(?:users?|customers?|merchants?|clients?|shoppers?|buyers?|sellers?|partners?|people|support) (?:are |is |have been |has been |keep |keeps )?(?:complaining|reporting|report|reports|reported|say|says|saying|confused|angry|frustrated|writing in|calling|escalating|seeing|getting|hitting|affected|impacted|unable|asking|emailing|ringing)\b`),
		reason: "reports affected users: '%s'", negatable: true},
	{cat: catScale, weight: 1.5, re: rx(`\b\d+\+? (?:support |zendesk |new )?(?:tickets|complaints|reports|cases|escalations)\b|\b(?:tickets|complaints) (?:are )?(?:piling up|coming in|flooding|pouring)\b|\bfirst (?:complaint|report|ticket|alert)\b|\bcomplaints?\b`),
		reason: "mentions support tickets or complaints: '%s'"},
	{cat: catScale, weight: 1, re: rx(`\bsince (?:~|about |around |approx\.? |roughly )?\d{1,2}(?::\d{2})?\s?(?:am|pm|utc|gmt|cet|cest|est|edt|pst|pdt|z)?\b|\bsince (?:this morning|last night|the (?:deploy|release|rollout|migration|upgrade)|\d+ ?(?:min|mins|minutes|h|hrs|hours))\b|\b(?:for|in) the (?:last|past) \d+ ?(?:min|mins|minutes|h|hrs|hours)\b|\b(?:started|began|starting) (?:at|around|about) ~?\d|\b(?:about |around |~)?\d+ ?(?:min|mins|minutes|hours?|hrs?) ago\b`),
		reason: "gives a start time: '%s'"},
	{cat: catScale, weight: 0.5, re: rx(`\b(?:in |on )?prod(?:uction)?\b`), reason: "refers to production: '%s'"},

	// ---- urgency ----------------------------------------------------------
	{cat: catUrgency, weight: 1, re: rx(`\b(?:urgent(?:ly)?|asap|emergency|critical|immediately|p0|p1)\b|!!+`), reason: "urgent wording: '%s'", negatable: true},

	// ---- asks for help ----------------------------------------------------
	{cat: catHelp, weight: 0.5, re: rx(`\b(?:can|could) (?:someone|somebody|anyone|anybody)\b|\bplease (?:help|take a look|look|investigate|check)\b|\bwho(?:'s| is) on[- ]?call\b|\bneed (?:help|eyes|someone)\b|\bhelp\b`),
		reason: "asks for help: '%s'", onlyWithImpact: true},

	// ---- "is anyone else seeing X?" (only counted when X carries impact) --
	{cat: catReport, weight: 1, re: rx(`\b(?:(?:is |does |are )?any(?:one|body) else (?:seeing|getting|having|experiencing|noticing|hitting|see|get|have)|others (?:seeing|having|see|have) (?:this|it|the same)|is it just me|just me or|seeing (?:this|the same) too|\bknown (?:thing|issue|problem|bug)\s*\?)`),
		reason: "asks whether others see it, a common way to report an outage: '%s'", onlyWithImpact: true},

	// ---- negative: explicitly calm ----------------------------------------
	// Calm denies that anything is wrong; low urgency only says a problem
	// can wait, and a problem that can wait is still an incident (at P3).
	{cat: catCalm, weight: -4, re: rx(`\bnothing(?: is|'s|s)? (?:broken|wrong|down)\b|\bnot (?:an? (?:incident|emergency|outage|problem|issue))\b|\bno action (?:needed|required)\b|\bnothing to worry\b|\b(?:all|everything) (?:is |'s )?(?:fine|ok|okay|good|healthy|normal)\b`),
		reason: "says nothing is wrong: '%s'",
		// "all good on my side except the PDFs come out blank".
		skipAfter: rx(`^[^.]{0,30}?\b(?:except|but|apart from|besides|other than)\b`)},
	{cat: catLowUrgency, weight: 0, re: rx(`\bnot (?:urgent|critical|a big deal|blocking)\b|\bno (?:rush|urgency|hurry)\b|\bnon-?urgent\b|\blow[- ]priority\b|\bno need\b|\bdon't page\b|\bno page\b|\bno (?:customer |user )?impact\b|\bwhen(?:ever)? you (?:get|have) (?:a|the) (?:chance|minute|sec|moment)\b|\bcan wait\b`),
		reason: "says it can wait: '%s'"},
	{cat: catFYI, weight: -1, re: rx(`\bfyi\b|\bfor your information\b|\bpsa\b|\bjust so (?:you|everyone) know(?:s)?\b`), reason: "framed as an FYI: '%s'", onlyWithoutImpact: true},

	// A device or screen that will not take what it should, prints or
	// shows nothing, or lets nobody through.
	{cat: catImpact, weight: 3, re: rx(`\b(?:won't|wont|will not|doesn't|does not|don't|do not|isn't|aren't)\s+(?:take|taking|accept|accepting|read|reading|scan|scanning|recogni[sz]e|let|open|opening|print|lift|raise|save|load|finish|complete|renew|sync)\b|\b(?:prints?|printing|printed|comes? out|coming out|shows?|showing|loads?|loading) (?:\w+ )?(?:blank|empty)\b|\b(?:letting|let|lets) (?:nobody|no one|noone) (?:in|through|on)\b|\b(?:nobody|no one|none of (?:us|them|the \w+))\b[^.;,]{0,40}?\bcan\b|\bnot (?:a )?single (?:\w+ )?(?:order|payment|booking|sale|entry|exit|check-?in|login|transaction|one)s?\b|\bzero (?:orders|payments|bookings|sales)\b`),
		reason: "says something will not work as it should: '%s'"},
	// An HTTP error a page or call gives, a check that rejects every Nth
	// thing, another person's data shown.
	{cat: catImpact, weight: 3, re: rx(`\b(?:page|site|app|api|endpoint|request|call|checkout|form|link|button)\b[^.;!?]{0,25}?\b(?:404|500|502|503|504)s?\b|\b(?:throws?|throwing|returns?|returning|gives?|giving|getting|got|spitting out) (?:an? |a bunch of |lots of )?(?:404|500|502|503|504)s?\b|\b(?:reject|rejects|rejecting|refuses?|refusing|declines?|declining)\b[^.;!?]{0,30}?\bevery (?:\d+(?:st|nd|rd|th)|other|second|third|single)\b|\b(?:someone|somebody) else'?s (?:name|address|order|account|data|details|photo|invoice)\b|\bthe wrong (?:name|address|customer|person|account|order|price)\b`),
		reason: "says something fails for the people using it: '%s'"},
	// People working around the system by hand.
	{cat: catImpact, weight: 2, re: rx(`\b(?:by hand|hand-(?:timing|writing|counting|keying)|on paper|pen and paper|paper tickets?|manual workaround)\b|\bgot no (?:\w+ )?(?:recipes|data|orders?|updates|prices|files|results|signal|power|stock|tickets|emails?|messages|notifications|jobs|routes|programs?|deliver(?:y|ies)|box(?:es)?|refunds?|confirmations?|texts?|payments?)\b`),
		reason: "says people work around it or got nothing: '%s'"},
	// What the product shows or sends is another thing than it should be.
	{cat: catImpact, weight: 3, re: rx(`\b(?:shows?|showing|displays?|displaying|says|saying|prints?|printing|lists?|listing|sends?|sending|sent|charges?|charging|charged|speaks?|speaking|plays?|playing|uses?|using|books?|booking|booked)\b[^.;!?]{0,50}?\binstead of\b`),
		reason: "says something shows or does the wrong thing: '%s'"},
	{cat: catImpact, weight: 3, re: rx(`\b(?:got|get|gets|getting|received|receive|receiving|sent|sends|sending|charged|billed)\b[^.;!?]{0,50}?\b(?:twice|three times|four times|several times|multiple times|\d+ times)\b`),
		reason: "says something arrives more than once: '%s'"},
	// What the product sends or shows arrives without a part it should carry.
	{cat: catImpact, weight: 3, re: rx(`\b(?:go|goes|went|going|are sent|were sent|is sent|was sent|get sent|gets sent|come|comes|came|coming|arrive|arrives|arrived|print|prints|printed|show up|shows up|showed up) (?:out )?without (?:the|a|an|any|their|its) \w+`),
		reason: "says what is sent lacks a part: '%s'"},

	// What a person had is gone from their account, or one thing is sold
	// or listed twice.
	{cat: catImpact, weight: 3, re: rx(`\b(?:vanished|disappeared|gone missing|went missing|wiped|removed|deleted) from (?:my|her|his|their|our|your|the|a|an) (?:\w+ )?(?:accounts?|carts?|baskets?|profiles?|dashboards?|lists?|calendars?|inbox|wallets?|orders?|history)\b|\b(?:bought|booked|sold|assigned|reserved|allocated) (?:\w+ ){0,2}?the same (?:seats?|rooms?|tickets?|slots?|tables?|spots?|beds?|cars?|units?)\b|\b(?:lists?|listed|listing|shows?|showed|showing|appears?|appeared|displays?|displayed|printed) (?:\w+ ){0,3}?(?:twice|two times|in duplicate)\b|\b(?:added|applied|included|taxed|counted|deducted) (?:\w+ )?(?:twice|two times|double)\b`),
		reason: "says something is gone or doubled: '%s'", negatable: true},
	// A form or flow that sends people back to its start, attempts
	// repeated, a spinner in place of a result, half an output, a reading
	// off what another instrument says.
	{cat: catImpact, weight: 3, re: rx(`\b(?:jumps?|jumping|goes|going|sends? (?:you|them|me|us|people)|kicks? (?:you|them|me|us|people)|loops?|looping) back to (?:step (?:1|one)|the (?:start|beginning|first (?:step|page|screen))|the login)\b|\b(?:tried|tries|trying|attempted) (?:it |again )?(?:\d+|two|three|four|five|six|several|multiple|many) times\b|\b(?:just|only|nothing but) (?:a|the) (?:spinner|loading (?:wheel|icon|screen))\b|\b(?:prints?|printing|printed|shows?|showing|loads?|loading|renders?|rendering|displays?|displaying) (?:only )?(?:half|part)\b|\bprices? (?:as|of|at|is|are|shows?|=|:)\s?(?:€|\$|£)?\s?0(?:[.,]00?)?(?:\s?(?:€|\$|£|eur|usd|gbp))?(?:[^\d.,]|$)|\breads? (?:about |around |roughly )?\d+(?:[.,]\d+)? ?(?:°\s?[cf]?|degrees?|%|bar|psi|kg|mm|cm)? (?:below|above|under|over|lower than|higher than) (?:the |its |what )?\w+`),
		reason: "says something fails for the people using it: '%s'", negatable: true},
	// A display that has not moved, records arriving without a part, an
	// alarm or pager that did not go off.
	{cat: catImpact, weight: 3, re: rx(`\b(?:hasn't|has not|haven't|have not|hasnt|havent) (?:moved|changed|budged|refreshed|updated|ticked)\b|\b(?:arrive|arrives|arriving|come|comes|coming|show up|shows up|land|lands)\b[^.;!?]{0,30}?\bwith (?:no|an empty|a blank|a missing) \w+|\b(?:didn't|did not|never|don't|do not|doesn't|does not) (?:go off|ring|beep|sound|buzz|vibrate)\b`),
		reason: "says something fails for the people using it: '%s'", negatable: true},
	// Every item shown with the same placeholder value, screens gone dark.
	{cat: catImpact, weight: 3, re: rx(`\b(?:shows?|showing|lists?|listing|displays?|displaying|puts?) (?:every|all|each) (?:\w+ ){1,2}?(?:at|as|on) (?:00:00|midnight|0|zero|1970|the same (?:\w+ )?(?:time|date|price|value|name))\b|\b(?:screens?|displays?|monitors?|tvs?|panels?|kiosks?)\b[^.;!?]{0,40}?\b(?:have been|has been|are|is|went|gone|stay|stayed) (?:all )?(?:black|blank|dark)\b`),
		reason: "says something fails for the people using it: '%s'", negatable: true},
	// An error message quoted as the product shows it.
	{cat: catImpact, weight: 3, re: rx(`\b(?:says?|saying|said|shows?|showing|gives?|giving|returns?|returning|throws?|throwing|gets?|getting|got|seeing|message|error|reads?|displays?|displaying|steeds|telkens|zegt|toont|geeft|sagt|zeigt|dice|muestra|dit|affiche|diz|mostra|da|dà)\s+['"‘“][^'"’”]{0,40}?\b(?:not found|failed|failure|errore?|erreur|fehler|invalid|denied|unavailable|timed out|refused|not allowed|expired)\b[^'"’”]{0,40}?['"’”]`),
		reason: "quotes an error the product shows: '%s'"},
	// What the product shows contradicts what is there.
	{cat: catImpact, weight: 3, re: rx(`\b(?:shows?|showing|says|saying|lists?|listing|marks?|marking|marked|displays?|displaying)\b[^.;!?]{0,50}?\b(?:full|sold out|booked|shipped|delivered|paid|completed?|available|in stock|out of stock|closed|empty)\b[^.;!?]{0,15}?\b(?:but|while|yet|although|though|when)\b[^.;!?]{0,40}?\b(?:actually|really|half|only|nobody|no one|still|empty|not)\b|\b(?:on|at|with|shows?|showing|has|have) (?:0|zero|no) (?:points|credits|balance|stock|items|results|bookings|orders|tickets|seats|wins)\b[^.;!?]{0,40}?\b(?:after|although|though|but|despite|even though|when)\b`),
		reason: "says the product shows something that is not so: '%s'"},

	// ---- negative: meetings, reminders, postmortems -----------------------
	{cat: catMeeting, weight: -2, re: rx(`\b(?:reminders?|remind(?:ing)? (?:you|everyone|all)|stand-?ups?|meetings?|agenda|calendar invite|invite|sync-?up|1:1|all-?hands|town ?hall|workshop|demo day|sprint (?:planning|review)|planning session|handover|hand-?off|on-?call (?:schedule|rotation|swap)|rota|office hours)\b`),
		reason: "about a meeting or reminder: '%s'",
		// "reminder texts", "the invite went out with ...": what a product
		// sends, not a meeting.
		skipAfter: rx(`^\s*(?:points?|places?|spots?|locations?|texts?|e-?mails?|sms|messages?|notifications?|push(?:es)?|jobs?|service|calls?|letters?|links?|went out|goes out|was sent|were sent|(?:is|are) (?:sent|going out))\b`)},
	{cat: catPostmortem, weight: -3, re: rx(`\b(?:post-?mortems?|post-?incident review|incident review|retros?|retrospectives?|rca|root cause analysis|action items?|lessons learned|blameless)\b`),
		reason: "refers to a past incident's postmortem/retro: '%s'"},

	// ---- negative: past tense / resolved ----------------------------------
	{cat: catResolved, weight: -2, re: rx(`\b(?:resolved|fixed|mitigated|recovered|back to normal|back online|all clear|all green|working again|stable (?:again|now)|is stable|rolled back successfully|issue is closed|closed the incident|looks? healthy|healthy again|looks? good now|(?:been|is|was) fine (?:since|ever since|again)|(?:has|have) been (?:fine|stable|ok|okay|normal) (?:since|ever since))\b`),
		reason: "says the problem is resolved: '%s'", negatable: true},
	{cat: catResolved, weight: -2, re: rx(`\b(?:last (?:week|month|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|the other day|previous|earlier this (?:week|month))'s (?:\w+ ){0,3}?` + pastEvents + `\b|\b(?:was|were) down (?:yesterday|last|earlier|for \d)|\bhad an? (?:outage|incident)\b|\b(?:last|previous) (?:week|month)'s (?:\w+ )?` + pastEvents + `\b|\bthe (?:outage|incident) (?:last|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))|\b(?:outage|incident|downtime|failure)s? (?:on|last|yesterday)\b[^.;]{0,60}?\b(?:has been|was|were|is) (?:resolved|fixed|closed|mitigated)\b`),
		reason: "talks about a past incident: '%s'"},

	// ---- negative: social -------------------------------------------------
	{cat: catSocial, weight: -3, re: rx(`\b(?:lunch|breakfast|dinner|coffee|tea|pizza|donuts?|doughnuts?|cake|snacks|birthday|happy hour|drinks|beers?|(?:birthday|office|holiday|team|farewell|leaving) party|(?:have a |nice |good |great )weekend|vacation|ooo|out of office|offsite|off-?site|team (?:event|outing|dinner)|ping ?pong|foosball|board games?|game night|anniversary|welcome (?:to the team|aboard)|congrat\w*|happy (?:friday|monday|new year|holidays)|kitchen|desk booking)\b`),
		reason: "social or office chatter: '%s'",
		// "since lunch", "before the party": a time, not the topic.
		skipBefore: rx(`\b(?:since|after|before|until|till|by|around)\s*$`),
		// "birthday discount", "holiday greeting cards": what a product sends.
		skipAfter: rx(`^\s*(?:[\w-]+\s+)?(?:discounts?|vouchers?|offers?|coupons?|e-?mails?|promos?|campaigns?|cards?|greetings?|messages?|banners?|texts?|sms|rewards?|points|specials?|menus?|pages?|orders?|deals?|bookings?|boxes|subscriptions?|portal|shop|store|app|site|website|platform|catalog(?:ue)?|stock|deliveries|checkout)\b`)},
	// Office equipment is chatter when nothing is said to be broken; a
	// printer or network that stopped working is still a (minor) incident.
	{cat: catSocial, weight: -3, re: rx(`\b(?:wifi|printer|parking)\b`), reason: "social or office chatter: '%s'", onlyWithoutImpact: true},
	{cat: catThanks, weight: -2.5, re: rx(`^(?:(?:hi|hey|hello)\W+\w*\W*)?(?:thanks|thank you|thx|ty|cheers)\b`),
		reason: "reads as a thank-you: '%s'", onlyWithoutImpact: true},
	{cat: catThanks, weight: -2.5, re: rx(`\bthank(?:s| you) (?:to )?(?:everyone|all|team|y'all|folks|for)\b|\bkudos\b|\bshout-?outs?\b|\bgreat (?:job|work|catch)\b|\bwell done\b|\bnice (?:work|job|one)\b|\bprops to\b|\bmuch appreciated\b`),
		reason: "reads as a thank-you: '%s'"},

	// ---- negative: planned work, drills, code review, non-prod ------------
	{cat: catMaintenance, weight: -3, re: rx(`\b(?:planned|scheduled) (?:maintenance|downtime|outage|migration|upgrade|failover)\b|\bmaintenance window\b|\bwill be (?:down|unavailable|offline|read-only|degraded)\b|\bexpect (?:a )?(?:brief |short )?(?:downtime|outage|blip)\b|\bexpect (?:about |around |roughly |up to |some |a few )?(?:\d+ )?(?:minutes?|hours?|mins?) (?:of )?(?:downtime|disruption|interruption|unavailability)\b|\bwe(?:'ll| will| are going to|'re going to) (?:restart|reboot|upgrade|patch|migrate|take down|switch over|fail ?over)\b`),
		reason: "announces planned maintenance: '%s'"},
	{cat: catDrill, weight: -2, re: rx(`\b(?:game ?day|fire drill|drill|chaos (?:test|experiment|engineering)|load test(?:ing)?|tabletop|simulat(?:e|ing|ion)|what happens if|hypothetically)\b`),
		reason: "about a drill or hypothetical: '%s'"},
	{cat: catWorkChatter, weight: -1.5, re: rx(`\b(?:pr|pull request|code review|please review|review my|lgtm|rfc|design doc|docs? (?:update|page)|readme|ticket for|jira ticket|refactor\w*|tech debt)\b`),
		reason: "about code review or docs, not production: '%s'"},
	{cat: catNonProd, weight: -1.5, re: rx(`\b(?:staging|dev (?:env|environment|cluster|box)|sandbox|locally|local (?:env|environment|setup|machine)|my laptop|on my machine|test (?:env|environment)|qa (?:env|environment)|preview env)\b`),
		reason: "mentions a non-production environment: '%s'"},
	{cat: catNonProd, weight: -1.5, re: rx(`\b(?:my branch|feature branch|unit tests?|integration tests?|test suite|flaky tests?|ci(?:/cd)? (?:pipeline|job|run|build|is|failing|failed|red|green)|pipeline|builds?|jenkins|github actions|linter|lint)\b`),
		reason: "about CI, tests or a branch, not production: '%s'"},

	// ---- negative, only without impact ------------------------------------
	{cat: catAnnounce, weight: -1.5, re: rx(`\b(?:deployed|deploying|deploy of|rolled out|rolling out|released|releasing|release v?\d[\w.]*|shipped|shipping|merged|is live|went live|now live|new version|changelog|release notes)\b`),
		reason: "reads like a deploy/release announcement: '%s'", onlyWithoutImpact: true},
	{cat: catBotPost, weight: -2, re: rx(`^\[?(?:automated|auto|bot|digest|report|daily|weekly|nightly)\b|\b(?:weekly|daily|monthly|nightly) (?:report|digest|summary|update)\b|\bbuild #?\d+ (?:passed|succeeded|is green|completed)\b|\b(?:backup|job|cron) (?:completed|finished|succeeded)\b`),
		reason: "looks like an automated status post: '%s'"},
}

var (
	reWord      = rx(`[a-z0-9']+`)
	greetingSet = map[string]bool{}
	negatorSet  = set(`no not zero 0 without never nothing none isn't aren't wasn't weren't don't doesn't didn't
		hasn't haven't won't nor`)
	hedgeSet = set(`sure only just yet certain clear quite much`)
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func init() {
	for _, w := range strings.Fields(`hi hello hey heya hiya yo howdy morning good afternoon evening gm o gn night
		team all everyone everybody folks guys y'all yall people there friends again
		thanks thank you thx ty cheers welcome happy friday monday bye see ya later all's
		how are is it going doing what's up sup ok okay k cool great nice awesome perfect sounds lol haha yep yes np
		much appreciated`) {
		greetingSet[w] = true
	}
}

type hit struct {
	sig   *signal
	text  string
	start int
	end   int
}

// ClassifyMessage decides whether a chat message written by a person reports
// an incident. services are the names of known services; the first one the
// message mentions (case-insensitively, on word boundaries; "billing" also
// matches a service named "billing-api") is returned in Decision.Service.
// Reports in Spanish, German, French and Portuguese are read through their
// English glosses (lang.go).
// The function is pure and deterministic.
// reBareNegation is a negation typed without its apostrophe ("doesnt",
// "havent"), as chat often is.
var reBareNegation = regexp.MustCompile(`(?i)\b(does|do|did|is|are|was|were|has|have|had|could|would|should|ca|wo)nt\b`)

func ClassifyMessage(text string, services []string) Decision {
	m := stripMarkup(text)
	m.text = reBareNegation.ReplaceAllString(m.text, "${1}n't")
	lower := withGlosses(reNamedLaunch.ReplaceAllString(reNamedThing.ReplaceAllString(reIntroduced.ReplaceAllString(m.text, "${1}a named product"), "a named$2"), "a named$2"))

	var d Decision
	var pos, neg []scored

	if strings.TrimSpace(reWord.FindString(lower)) == "" {
		d.Reasons = []string{"message has no words once Slack markup is removed"}
		return d
	}

	hits := findHits(lower)
	byCat := map[category][]hit{}
	for _, h := range hits {
		byCat[h.sig.cat] = append(byCat[h.sig.cat], h)
	}
	hasImpact := len(byCat[catImpact]) > 0

	// Impact: the strongest phrase counts fully, every further distinct
	// impact phrase corroborates with +1.
	if imp := byCat[catImpact]; len(imp) > 0 {
		sort.SliceStable(imp, func(i, j int) bool { return imp[i].sig.weight > imp[j].sig.weight })
		total := 0.0
		for i, h := range imp {
			w := 1.0
			if i == 0 {
				w = h.sig.weight
			}
			if total+w > caps[catImpact] {
				w = caps[catImpact] - total
			}
			if w <= 0 {
				break
			}
			total += w
			pos = append(pos, scored{w, fmt.Sprintf(h.sig.reason, h.text)})
		}
	}

	// Urgency from markup.
	urgency := 0.0
	if m.broadcast != "" {
		urgency += 1.5
		pos = append(pos, scored{1.5, fmt.Sprintf("notifies the whole channel (@%s)", m.broadcast)})
	} else if m.subteam != "" {
		urgency += 1
		pos = append(pos, scored{1, fmt.Sprintf("pings a user group (@%s)", m.subteam)})
	}

	for _, c := range []category{catScale, catUrgency, catHelp, catReport, catCalm, catLowUrgency, catFYI, catMeeting,
		catPostmortem, catResolved, catSocial, catThanks, catMaintenance, catDrill, catWorkChatter, catNonProd,
		catAnnounce, catBotPost} {
		hs := byCat[c]
		if len(hs) == 0 {
			continue
		}
		limit := caps[c]
		used := 0.0
		if c == catUrgency {
			used = urgency
		}
		for _, h := range hs {
			if (h.sig.onlyWithImpact && !hasImpact) || (h.sig.onlyWithoutImpact && hasImpact) {
				continue
			}
			w := h.sig.weight
			a := abs(w)
			if used+a > limit {
				a = limit - used
			}
			if a <= 0 && w != 0 {
				break
			}
			used += a
			if w <= 0 {
				neg = append(neg, scored{-a, fmt.Sprintf(h.sig.reason, h.text)})
			} else {
				pos = append(pos, scored{a, fmt.Sprintf(h.sig.reason, h.text)})
			}
		}
	}

	if svc, reason := findService(lower, services); svc != "" {
		d.Service = svc
		pos = append(pos, scored{1, reason})
	}

	if !hasImpact {
		if greetingOnly(lower) {
			neg = append(neg, scored{-3, "only a greeting or thanks"})
		} else if strings.Contains(lower, "?") {
			neg = append(neg, scored{-1, "asks a question without describing any impact"})
		}
	}

	for _, s := range pos {
		d.Score += s.w
	}
	for _, s := range neg {
		d.Score += s.w
	}
	d.Score = round1(d.Score)
	d.Incident = hasImpact && d.Score >= IncidentThreshold

	sort.SliceStable(pos, func(i, j int) bool { return pos[i].w > pos[j].w })
	sort.SliceStable(neg, func(i, j int) bool { return neg[i].w < neg[j].w })
	for _, s := range pos {
		d.Reasons = append(d.Reasons, fmt.Sprintf("%s (+%.1f)", s.reason, s.w))
	}
	for _, s := range neg {
		if s.w == 0 {
			d.Reasons = append(d.Reasons, s.reason+" (lowers urgency, not the score)")
			continue
		}
		d.Reasons = append(d.Reasons, fmt.Sprintf("%s (%.1f)", s.reason, s.w))
	}
	if !hasImpact {
		d.Reasons = append(d.Reasons, "does not describe anything failing, slow, missing or unavailable")
	}
	switch {
	case d.Incident:
		d.Reasons = append(d.Reasons, fmt.Sprintf("score %.1f >= %.1f: treated as an incident report", d.Score, IncidentThreshold))
	case hasImpact:
		d.Reasons = append(d.Reasons, fmt.Sprintf("score %.1f < %.1f: treated as chatter", d.Score, IncidentThreshold))
	default:
		d.Reasons = append(d.Reasons, fmt.Sprintf("score %.1f: treated as chatter", d.Score))
	}
	return d
}

type scored struct {
	w      float64
	reason string
}

// findHits returns, per signal, the first match that is not negated or
// excluded by context. Matches of one category never overlap: a later
// signal whose match overlaps an earlier hit of the same category is
// dropped ("error rate" is counted once, not also as "error").
func findHits(lower string) []hit {
	var out []hit
	taken := map[category][][2]int{}
	for _, i := range signalsByStrength {
		s := &signals[i]
		for _, loc := range s.re.FindAllStringIndex(lower, -1) {
			start, end := loc[0], loc[1]
			before := lower[:start]
			if s.negatable && negated(before) {
				continue
			}
			if s.skipBefore != nil && s.skipBefore.MatchString(before) {
				continue
			}
			if s.skipAfter != nil && s.skipAfter.MatchString(lower[end:]) {
				continue
			}
			if overlaps(taken[s.cat], start, end) {
				continue
			}
			taken[s.cat] = append(taken[s.cat], [2]int{start, end})
			out = append(out, hit{sig: s, text: strings.Trim(lower[start:end], " []()\"'"), start: start, end: end})
			break
		}
	}
	return out
}

// signalsByStrength are the indexes of signals, strongest first: where two
// signals of one category match the same words ("frozen" and "is frozen"),
// the stronger reading takes them.
var signalsByStrength = func() []int {
	idx := make([]int, len(signals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return math.Abs(signals[idx[a]].weight) > math.Abs(signals[idx[b]].weight)
	})
	return idx
}()

func overlaps(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if start < sp[1] && sp[0] < end {
			return true
		}
	}
	return false
}

// negated reports whether one of the three words before a match (within the
// same clause) is a negator. "not sure", "not only", "not just" are hedges,
// not negations.
func negated(before string) bool {
	if i := strings.LastIndexAny(before, ".;!?,\n"); i >= 0 {
		before = before[i+1:]
	}
	words := reWord.FindAllString(before, -1)
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	for i, w := range words {
		if !negatorSet[w] {
			continue
		}
		if i+1 < len(words) && hedgeSet[words[i+1]] {
			continue
		}
		return true
	}
	return false
}

func greetingOnly(lower string) bool {
	words := reWord.FindAllString(lower, -1)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !greetingSet[w] {
			return false
		}
	}
	return true
}

// genericSuffixes are trailing name parts that people usually leave out when
// they talk about a service ("billing is down" for billing-api).
var genericSuffixes = map[string]bool{
	"api": true, "service": true, "svc": true, "server": true, "worker": true,
	"app": true, "backend": true, "frontend": true, "web": true, "ui": true,
}

// findService returns the known service the message mentions. A full name
// anywhere wins over a shortened alias; among equals the earliest mention
// wins, then the longest name.
func findService(lower string, services []string) (string, string) {
	type cand struct {
		svc, said string
		pos, n    int
		alias     bool
	}
	var best *cand
	better := func(c cand) bool {
		if best == nil {
			return true
		}
		if c.alias != best.alias {
			return !c.alias
		}
		if c.pos != best.pos {
			return c.pos < best.pos
		}
		return c.n > best.n
	}
	for _, svc := range services {
		name := strings.ToLower(strings.TrimSpace(svc))
		if name == "" {
			continue
		}
		forms := []struct {
			s     string
			alias bool
		}{{name, false}}
		spaced := strings.NewReplacer("-", " ", "_", " ", ".", " ").Replace(name)
		if spaced != name {
			forms = append(forms, struct {
				s     string
				alias bool
			}{spaced, false})
		}
		parts := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' })
		if len(parts) > 1 && genericSuffixes[parts[len(parts)-1]] {
			base := strings.Join(parts[:len(parts)-1], "-")
			if len(base) >= 4 {
				forms = append(forms, struct {
					s     string
					alias bool
				}{base, true})
				if !strings.HasSuffix(base, "s") {
					forms = append(forms, struct {
						s     string
						alias bool
					}{base + "s", true})
				}
			}
		}
		for _, f := range forms {
			if p := indexWord(lower, f.s); p >= 0 {
				c := cand{svc: svc, said: f.s, pos: p, n: len(f.s), alias: f.alias}
				if better(c) {
					best = &c
				}
			}
		}
	}
	if best == nil {
		return "", ""
	}
	if best.said == strings.ToLower(best.svc) {
		return best.svc, fmt.Sprintf("mentions known service '%s'", best.svc)
	}
	return best.svc, fmt.Sprintf("mentions '%s', taken to mean known service '%s'", best.said, best.svc)
}

// indexWord finds needle in s where it is not part of a longer name: the
// characters around it are not letters, digits, '_' or '-' (a trailing '-'
// or '.' that ends a sentence is fine).
func indexWord(s, needle string) int {
	from := 0
	for {
		i := strings.Index(s[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(needle)
		if (i == 0 || !nameChar(s[i-1])) && (j == len(s) || !nameChar(s[j]) || (s[j] == '-' && (j+1 == len(s) || !nameChar(s[j+1])))) {
			return i
		}
		from = i + 1
	}
}

func nameChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b >= 0x80
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}
