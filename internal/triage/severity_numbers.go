package triage

// severity_numbers.go reads impact stated only as numbers: a success,
// delivery or match ratio against its usual level, a throughput that fell
// from one value to another, a count against its alert threshold, "n of m"
// or "x % of ..." failing. Alerts often carry no impact words at all, and
// the source's label is then the only other thing to go on; numbers are
// better evidence than the label.

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A success-type ratio below its usual level is read as the share that
// fails, 1 - observed/usual, against the error-ratio thresholds of
// severity.go, so "success 60 %" and "errors 40 %" mean the same.
const (
	// CountOutageFactor: a count (queue, backlog, waiting items) this many
	// times its alert threshold or usual level means the flow has stopped,
	// not slowed.
	CountOutageFactor = 10.0
	// ManyPeople: this many people named as affected is a fault at scale
	// whatever share of the whole they are.
	ManyPeople = 1000.0
)

var (
	num = `(\d[\d,]*(?:\.\d+)?)`
	// "of" in the languages reports come in, and the words that put a
	// count among a total ("31 failed bookings among 9600").
	ofWords = `(?:of|out of|de|von|sur|su|van|em|di|z|ze|av|af|din|uit|bei|among|entre|tra|fra)`
	units   = `(?:ms|us|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|kb|mb|gb|tb|kib|mib|gib|x)`
	// A success-type metric and its value: "delivery success 22%",
	// "success_ratio 0.38", "match rate 6.2 %", "scans accepted 44 %",
	// "availability 0.23", "checkout_success_ratio{env="prod"} = 0.41" (a
	// Prometheus label set between name and value). Word forms that say the
	// good outcome happened.
	reGoodRatio = rx(`(?:\b|_)(success(?:ful)?|crash[- ]free(?: sessions| users)?|good(?: requests?| events?| responses?)?|deliver(?:y|ed|ies)|availab(?:ility|le)|uptime|accept(?:ed|ance)|complet(?:ed|ion)|pass(?:ed)?|match(?:ed|es)?|hit|conversion|valid|ok)(?:[ _-](?:rate|ratio|share|pct|percent(?:age)?|level))?(?:\{[^{}]{0,200}\})?(?:\s+(?:is|was|at|of|now|only|down to|fell to|dropped to|=|:))*\s*` + num + `\s*(%?)`)
	// What the value is compared with: "(normally 99.6%)", "(baseline above
	// 80 %)", "vs 96 % last week", "(SLO 0.995)".
	reBaseline = rx(`^(?:\s+(?:over|in|during|for) the (?:last|past) (?:\d+ )?\w+)?[^.;]{0,12}?\b(?:normally|usual(?:ly)?|typically|baseline|expected|target|slo|objective|vs\.?|versus|compared (?:to|with)|was|from)\b(?:\s+(?:is|of|at|above|over|around|about|under|below|=|:|~))*\s*~?` + num + `\s*(%?)`)
	// Metrics whose value going up is bad: a fall in them is recovery.
	reBadMetric = rx(`\b(?:errors?|fail\w*|latency|p9\d|queue|backlog|lag|delay\w*|timeouts?|reject\w*|5xx|4xx|cpu|memory|disk|cost|spend|usage|retries|crash\w*|restarts?|waiting|unassigned|pending|dead[- ]?letter\w*|dlq)\b`)
	// "fell from ~7,400 to ~2,100", "dropped from 99.2% to 34%".
	reFellFromTo = rx(`\b(?:fell|dropped|drops|decreased|declined|went down|collapsed|plunged|sank|is down) from\s*~?` + num + `\s*%?\s*(?:\S+\s+){0,2}?to\s*~?` + num)
	// A count and its threshold: "4,812 ... (threshold 40)", "at 74
	// (normally under 5)".
	reCountThreshold = rx(num + `(\s*%|\s*` + units + `\b)?([^.;()\d]{0,80}?)\(\s*(?:alert )?(?:threshold|limit|normally|usually|baseline|max(?:imum)?)(?:\s+(?:is|of|at|under|below|around|about|=|:|>|<))*\s*~?` + num + `(\s*%|\s*` + units + `\b)?`)
	// "420/min -> 0/min", "1,200 rps → 3 rps": a rate before and after.
	reArrowFromTo = rx(num + `\s*%?\s*(?:/\s*\w+|rps|qps|tps|per \w+)?\s*(?:->|→|=>)\s*~?` + num)
	// "98% of downloads still finish": what reaches users despite failing
	// requests (retries, fallbacks).
	reStillServed = rx(`\b` + num + `\s*%\s+of\s+[^.;%]{0,40}?\b(?:still\s+)?(?:succeed\w*|complete\w*|work\w*|get through|go through|finish\w*|load\w*)\b`)
	// "61 passed, 0 failed", "3 failed, 200 succeeded".
	rePassedFailed = rx(`\b` + num + `\s+(?:passed|succeeded|ok|completed|healthy|delivered)\W+(?:and\s+)?` + num + `\s+(?:failed|errored|broken|rejected)\b|\b` + num + `\s+(?:failed|errored|broken|rejected)\W+(?:and\s+)?` + num + `\s+(?:passed|succeeded|ok|completed|healthy|delivered)\b`)
	// "3 of 2,410 submissions failed", "9 out of 10 sensors unreachable".
	reNofMFail = rx(`\b` + num + `\s+` + ofWords + `\s+` + num + `\b(?:[^.;]|\.\d){0,60}?\b(?:fail\w*|fall\w+|falh\w+|echou\w+|fehl\w*|misluk\w*|faal\w*|fallit\w+|error\w*|reject\w*|time[sd]? out|timing out|bounc\w*|lost|missing|unreachable|down|offline|declined|refused|cannot|can't|unable)`)
	// "0 of 14 controllers online", "3 out of 40 kiosks healthy": a count of
	// units still in service, the rest are not.
	reNofMGood = rx(`\b` + num + `\s+` + ofWords + `\s+` + num + `\b[^.;]{0,40}?\b(?:online|up|healthy|working|reachable|responding|running|connected|in service|available|delivered|reported|entregar\w*|entregaron|geliefert|lieferten|livre\w*|transmis|transmitted)\b`)
	// "p99 210 ms (SLO 500 ms)", "latency 4.2 s against a 1.5 s target": a
	// latency and the objective it is held to.
	reLatencyObjective = rx(`\b(?:p9\d(?:\.\d)?|latency|response times?)\b[^.;\d]{0,20}?` + num + `\s*(ms|s|secs?|seconds?)\b[^.;\d]{0,16}?\b(?:slo|target|objective|threshold|budget)\b\s*(?:of|is|=|:|<|under|below)?\s*` + num + `\s*(ms|s|secs?|seconds?)\b`)
	// "0 of 96 signed", "0 von 12 abgeschlossen": none of a count did what
	// it should (a failure word after it is reNofMFail's: none failed).
	reNoneOfM  = rx(`\b0\s+` + ofWords + `\s+` + num + `\b([^.;]{0,80})`)
	reBadAfter = rx(`\b(?:fail\w*|fall\w+|falh\w+|echou\w+|fehl\w*|misluk\w*|faal\w*|error\w*|reject\w*|degraded|down|offline|broken|lost|missing|unhealthy|affected|impacted|late|delayed|time[sd]? out|timing out|declined|refused|bounc\w*|unreachable|alerts?|incidents?|complaints?)\b`)
	// "2317 orders ... of 2340", "412 of 3,980 requests": a count and its
	// total with up to a few words between, in any of the languages; what
	// the count is comes from a failure word in its clause, before or
	// after it.
	reNofMAny = rx(`\b` + num + `(?:\s+(?:[^\d.;:\n]{1,30}?\s)?\(?` + ofWords + `\s+|\s*/\s*)` + num + `\b`)
	reFailCtx = rx(`\b(?:zu viel|de mas|de trop|a mais|in piu|te veel|cancel+ed|empty|missing|erreurs?|fehler\w*|errore|errori|erro|erros|fout\w*|lacks?|lacking|don't get|do not get|doesn't get|fail\w*|errors?|erroring|errored|reject\w*|refus\w*|declin\w*|time[sd]? out|timing out|bounc\w*|lost|unreachable|cannot|can't|unable|wrong|incorrect\w*|twice|in duplicate|duplicat\w*|overcharg\w*|undercharg\w*|underpaid|overpaid|fall\w+|falh\w+|echou\w+|fehl\w*|misluk\w*|faal\w*|fallit\w+|abgelehnt|abgewiesen|zuruckgewiesen|rechazad\w+|recusad\w+|rejeitad\w+|rejete\w*|rifiutat\w+|geweigerd|afgewezen|odrzucon\w*|reddedil\w*|en double|doppelt|zweimal|al doble|em dobro|dos veces|deux fois|duas vezes|due volte|falsch\w*|erron\w+|errad[oa]s?|sbagliat\w+|a menos|de menos|zu wenig|en moins|abaixo do devido)\b`)
	// "−97 % ggü. Vorwoche", "-80% vs last week": a fall against the same
	// period before. Stock and inventory levels fall as they are used.
	reMinusVsBefore = rx(`(?:^|[\s(:,])(?:[−–-]\s?|down\s+|minus\s+)(\d{1,3}(?:\.\d+)?)\s?%\s*(?:vs\.?|ggu\.?|gegenuber|compared (?:to|with)|versus|par rapport|frente a|em relacao|rispetto|t\.o\.v\.|jamfort|w porownaniu|than)`)
	reStockLevel    = rx(`\b(?:stock|inventory|level|balance|reserve|supply|supplies|tonnes|lager\w*|bestand\w*)\b`)
	// "11.240 clientes tienen dos cargos": a count of people a fault
	// reaches, however the total is unknown.
	// "1.870 pedidos ... se han cobrado por 100 veces": a count of orders
	// or payments charged, each a customer.
	reCountCharged = rx(`\b(\d{1,3}(?:[.,]\d{3})+|\d{4,})\s+(?:orders|pedidos|commandes|bestellungen|encomendas|ordini|bookings|reservations|reservas|payments|pagos|paiements|zahlungen|pagamentos|transactions|invoices|facturas|factures|rechnungen|faturas|transfers|payouts|refunds|transferencias|transferencias|virements|uberweisungen|auszahlungen|remboursements|reembolsos)\b[^;\n]{0,80}?\b(?:charged|billed|overcharged|debited|converted|paid out|credited|refunded|cobrad\w*|factur\w*|berechnet|abgebucht|debitad\w*|preleve\w*|debite\w*|addebitat\w*|convertid\w*|umgerechnet|ausgezahlt|gutgeschrieben|convert[ie]\w*|credit[ae]d\w*)\b[^;\n]{0,40}?\b(?:instead of|rather than|en lugar de|en vez de|statt|anstatt|au lieu de|em vez de|ao inves de|invece di|twice|double|[2-9]x|times)\b|\b(\d{1,3}(?:[.,]\d{3})+|\d{4,})\s+(?:orders|pedidos|commandes|bestellungen|encomendas|ordini|bookings|reservations|reservas|payments|pagos|paiements|zahlungen|pagamentos|transactions|invoices|facturas|factures|rechnungen|faturas)\b[^;\n]{0,80}?\b(?:charged|billed|overcharged|debited|cobrad\w*|factur\w*|berechnet|abgebucht|debitad\w*|preleve\w*|debite\w*|addebitat\w*)`)
	rePeopleCount  = rx(`\b(\d{1,3}(?:[.,]\d{3})+|\d{4,})\s+(?:customers|users|clients|clientes|\w*kunden|utilisateurs|usuarios|utenti|klanten|members|subscribers|passengers|patients|guests|accounts|players|riders|students)\b`)
	// "(1 de 38 áreas)", "1 din 64 de agenții": one of many places or
	// tenants, whatever the language.
	reOneOfN = rx(`\b(?:1|one|une?|uno|una|um|uma|eine?[nmrs]?|een|jeden|jedna|jedno|en|ett|o)\s+` + ofWords + `\s+(?:our |the |their |nos |nuestr[oa]s |unser\w* |de |het |die |der |den |les |los |las |dos |das |des |dei |delle |degli )?(\d+)\b`)
	// Places and tenants a fault can be confined to.
	rePlaceNoun = rx(`\b(?:sites?|stores?|shops?|cafes?|caf\S*s|clubs?|regions?|locations?|branches|branch|tenants?|agenc(?:y|ies)|depots?|areas?|stations?|kiosks?|venues?|cities|city|countries|country|warehouses?|plants?|mills?|schools?|clinics?|hospitals?|restaurants?|hotels?|offices?|zones?|markets?|franchises?|outlets?)\b`)
	// A usual range: "7-day normal for this hour: 12–20".
	reNormalRange = rx(`\b(?:normal|usual|typical|expected|baseline)\b[^.;\d]{0,30}?` + num + `\s*(?:–|-|to)\s*` + num)
	reValueCount  = rx(`(?:^|\n|\.\s)\s*(?:value|current|observed|valor|valeur|wert|waarde|valore)\s*[:=]\s*~?` + num + `\b(?:\s*[^%\d]|$)`)
	// "44% of check-ins fail", "18% of calls end in errors".
	rePctOfFail = rx(`\b` + num + `\s*%\s+of\s+[^.;%]{0,50}?\b(?:fail\w*|error\w*|end in (?:5xx|errors?)|time[sd]? out|timing out|reject\w*|bounc\w*|declined|refused|(?:don't|do not|doesn't|does not|never|can't|cannot) (?:get|receive|see|load|open))`)
	// "about 1 in 200 shoppers": a share written as one in N.
	reOneInN = rx(`\b(\d+) (?:in|out of every) (\d{2,})\b`)
)

// reRatioName is a metric named as a share.
var reRatioName = rx(`rate|ratio|share|pct|percent|level`)

// successWords need no baseline: their normal level is (nearly) all.
var successWords = set(`success successful delivery delivered deliveries availability available uptime accepted acceptance good
	completed completion pass passed valid ok`)

func parseNum(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

// asFraction reads v as a fraction: with a % sign or above 1 it is a
// percentage.
func asFraction(v float64, pct bool) (float64, bool) {
	if pct || v > 1 {
		v /= 100
	}
	return v, v >= 0 && v <= 1
}

// readNumbers adds what the text's numbers say and returns the highest
// failing share (percent) they state, -1 when none.
func (h impactHits) readNumbers(lower string) float64 {
	worst := -1.0
	note := func(share float64) {
		if share > worst {
			worst = share
		}
	}
	for _, m := range reGoodRatio.FindAllStringSubmatchIndex(lower, -1) {
		metric := lower[m[2]:m[3]]
		v, ok := parseNum(lower[m[4]:m[5]])
		if !ok {
			continue
		}
		pct := m[7] > m[6]
		// "replicas_available 2": a count, not a share; a share is a
		// percentage, a fraction of one, or a rate or ratio by its name.
		if !pct && v > 1 && !reRatioName.MatchString(lower[m[0]:m[4]]) {
			continue
		}
		observed, ok := asFraction(v, pct)
		if !ok || reThresholdBefore.MatchString(tail(lower[:m[4]], 48)) {
			continue
		}
		base, hasBase := 0.0, false
		if b := reBaseline.FindStringSubmatch(lower[m[1]:]); b != nil {
			if bv, ok := parseNum(b[1]); ok {
				base, hasBase = asFraction(bv, b[2] == "%")
			}
		}
		if !hasBase {
			if !successWords[metric] && !strings.HasPrefix(metric, "crash") {
				continue // a match or hit rate means nothing without its usual level
			}
			base = 1
		}
		if base <= 0 {
			continue
		}
		share := (1 - observed/base) * 100
		usual := "where nearly all should succeed"
		if hasBase {
			usual = fmt.Sprintf("against a usual %.4g%%", base*100)
		}
		h.judgeShare(share, fmt.Sprintf("%s at %.4g%% %s", metric, observed*100, usual))
		note(share)
	}
	for _, m := range append(reFellFromTo.FindAllStringSubmatchIndex(lower, -1), reArrowFromTo.FindAllStringSubmatchIndex(lower, -1)...) {
		from, ok1 := parseNum(lower[m[2]:m[3]])
		to, ok2 := parseNum(lower[m[4]:m[5]])
		if !ok1 || !ok2 || from <= 0 || to > from {
			continue
		}
		subject := lower[max(0, m[0]-40):m[0]]
		if i := strings.LastIndexAny(subject, ".;"); i >= 0 {
			subject = subject[i+1:]
		}
		if reBadMetric.MatchString(subject) {
			continue
		}
		drop := (1 - to/from) * 100
		switch {
		case drop >= TrafficDropOutage:
			h.addMeasured(kindOutage, fmt.Sprintf("fell from %s to %s (%.0f%% lost)", lower[m[2]:m[3]], lower[m[4]:m[5]], drop))
		case drop >= 2*OutageErrorRatio:
			h.addMeasured(kindDegraded, fmt.Sprintf("fell from %s to %s (%.0f%% lost)", lower[m[2]:m[3]], lower[m[4]:m[5]], drop))
		}
	}
	for _, loc := range reCountThreshold.FindAllStringSubmatchIndex(lower, -1) {
		m := submatches(lower, loc)
		if loc[2] > 0 && lower[loc[2]-1] == ':' {
			continue // "since 07:40": a clock time, not a count
		}
		if m[2] != "" || m[5] != "" {
			continue // units or percentages: latency and usage have their own rules
		}
		obs, ok1 := parseNum(m[1])
		lim, ok2 := parseNum(m[4])
		if !ok1 || !ok2 || lim <= 0 || obs <= lim {
			continue
		}
		// Fractions of one are ratios (error ratios have their own rule),
		// not counts of waiting work.
		if obs <= 1 && lim < 1 {
			continue
		}
		f := obs / lim
		if f >= CountOutageFactor {
			h.addMeasured(kindOutage, fmt.Sprintf("%s against a threshold or usual level of %s (%.0fx): the flow has stopped, not slowed", m[1], m[4], f))
		} else {
			h.addMeasured(kindDegraded, fmt.Sprintf("%s against a threshold or usual level of %s (%.1fx)", m[1], m[4], f))
		}
	}
	for _, m := range reNofMFail.FindAllStringSubmatch(lower, -1) {
		n, ok1 := parseNum(m[1])
		total, ok2 := parseNum(m[2])
		if ok1 && ok2 && total > 0 && n <= total {
			share := n / total * 100
			h.judgeShare(share, fmt.Sprintf("%s of %s fail", m[1], m[2]))
			note(share)
		}
	}
	seen := map[string]bool{}
	for _, m := range reNofMFail.FindAllStringSubmatch(lower, -1) {
		seen[m[1]+"/"+m[2]] = true
	}
	for _, m := range reNofMAny.FindAllStringSubmatchIndex(lower, -1) {
		ns, ts := lower[m[2]:m[3]], lower[m[4]:m[5]]
		if seen[ns+"/"+ts] || (m[2] > 0 && strings.ContainsRune(":/", rune(lower[m[2]-1]))) || (m[5] < len(lower) && lower[m[5]] == '/') {
			continue // read above, a clock time or a date
		}
		n, total, ok := parseCountPair(ns, ts)
		if !ok || total <= 0 || n > total || n == 0 {
			continue
		}
		before := clauseStart(lower[max(0, m[0]-80):m[0]])
		after := lower[m[1]:min(len(lower), m[1]+60)]
		if i := reSentenceEnd.FindStringIndex(after); i != nil {
			after = after[:i[0]]
		}
		if !reFailCtx.MatchString(before) && !reFailCtx.MatchString(after) && !reErrorEvents.MatchString(lower[m[3]:m[4]]) {
			continue
		}
		seen[ns+"/"+ts] = true
		// "3 APAC cafés (of 41) can't reserve": a share of places or
		// tenants is how far the fault reaches, not a share of requests.
		if between := lower[m[3]:m[4]]; rePlaceNoun.MatchString(between) || rePlaceNoun.MatchString(firstWords(after, 2)) {
			if n/total <= 0.2 {
				h.addMeasured(kindSome, fmt.Sprintf("%s of %s places affected", ns, ts))
				continue
			}
		}
		share := n / total * 100
		h.judgeShare(share, fmt.Sprintf("%s of %s fail", ns, ts))
		note(share)
	}
	for _, m := range reMinusVsBefore.FindAllStringSubmatchIndex(lower, -1) {
		subject := clauseStart(lower[max(0, m[0]-80):m[0]])
		if reBadMetric.MatchString(subject) || reStockLevel.MatchString(subject) {
			continue
		}
		if v, ok := parseNum(lower[m[2]:m[3]]); ok && v >= TrafficDropOutage && v <= 100 {
			h.addMeasured(kindOutage, fmt.Sprintf("down %s%% against the same period before: the flow has stopped", lower[m[2]:m[3]]))
		}
	}
	for _, m := range reCountCharged.FindAllStringSubmatch(lower, -1) {
		count := cmp.Or(m[1], m[2])
		if n, ok := parseNum(strings.ReplaceAll(count, ".", "")); ok && n >= ManyPeople {
			h.addMeasured(kindAll, fmt.Sprintf("%s orders or payments charged", count))
		}
	}
	for _, m := range rePeopleCount.FindAllStringSubmatch(lower, -1) {
		if n, ok := parseNum(strings.ReplaceAll(m[1], ".", "")); ok && n >= ManyPeople {
			h.addMeasured(kindAll, fmt.Sprintf("%s people affected", m[1]))
		}
	}
	for _, m := range reOneInN.FindAllStringSubmatchIndex(lower, -1) {
		after := lower[m[1]:min(len(lower), m[1]+80)]
		if !reFailCtx.MatchString(after) && !reFailCtx.MatchString(clauseStart(lower[max(0, m[0]-80):m[0]])) {
			continue
		}
		n, ok1 := parseNum(lower[m[2]:m[3]])
		total, ok2 := parseNum(lower[m[4]:m[5]])
		if ok1 && ok2 && total > 0 && n < total {
			share := n / total * 100
			h.judgeShare(share, fmt.Sprintf("%s in %s", lower[m[2]:m[3]], lower[m[4]:m[5]]))
			note(share)
		}
	}
	for _, m := range reOneOfN.FindAllStringSubmatch(lower, -1) {
		if n, ok := parseNum(m[1]); ok && n >= 3 {
			h.addMeasured(kindSome, fmt.Sprintf("one of %s affected", m[1]))
		}
	}
	for _, m := range reNormalRange.FindAllStringSubmatch(lower, -1) {
		lo, ok1 := parseNum(m[1])
		hi, ok2 := parseNum(m[2])
		if !ok1 || !ok2 || lo > hi {
			continue
		}
		for _, v := range reValueCount.FindAllStringSubmatch(lower, -1) {
			if x, ok := parseNum(v[1]); ok && x >= lo && x <= hi {
				h.addMeasured(kindCalm, fmt.Sprintf("%s is within its usual range %s-%s", v[1], m[1], m[2]))
			}
		}
	}
	for _, m := range reNofMGood.FindAllStringSubmatch(lower, -1) {
		n, ok1 := parseNum(m[1])
		total, ok2 := parseNum(m[2])
		if ok1 && ok2 && total > 0 && n <= total {
			share := (total - n) / total * 100
			h.judgeShare(share, fmt.Sprintf("only %s of %s in service", m[1], m[2]))
			note(share)
		}
	}
	for _, m := range rePassedFailed.FindAllStringSubmatch(lower, -1) {
		ok, bad := m[1], m[2]
		if m[1] == "" {
			ok, bad = m[4], m[3]
		}
		n, ok1 := parseNum(ok)
		f, ok2 := parseNum(bad)
		if ok1 && ok2 && n+f > 0 {
			share := f / (n + f) * 100
			h.judgeShare(share, fmt.Sprintf("%s passed, %s failed", ok, bad))
			note(share)
		}
	}
	for _, l := range latenciesAgainstObjective(lower) {
		if l.within {
			h.addMeasured(kindCalm, "latency "+l.what+" within its objective")
		} else {
			h.addMeasured(kindDegraded, "latency "+l.what+" past its objective")
		}
	}
	h.readFlowAgainstUsual(lower)
	for _, m := range reNoneOfM.FindAllStringSubmatch(lower, -1) {
		if total, ok := parseNum(m[1]); ok && total >= 2 && !reBadAfter.MatchString(m[2]) {
			h.judgeShare(100, fmt.Sprintf("0 of %s went through", m[1]))
			note(100)
		}
	}
	for _, m := range rePctOfFail.FindAllStringSubmatch(lower, -1) {
		if v, ok := parseNum(m[1]); ok && v <= 100 {
			h.judgeShare(v, fmt.Sprintf("%s%% fail", m[1]))
			note(v)
		}
	}
	return worst
}

// latencyReading is a latency the text holds against its objective.
type latencyReading struct {
	within bool
	at     [2]int // where the text states it
	what   string // "3.8 s against 800 ms"
}

// latenciesAgainstObjective reads every "p99 210 ms (SLO 500 ms)" of lower.
func latenciesAgainstObjective(lower string) []latencyReading {
	var out []latencyReading
	for _, m := range reLatencyObjective.FindAllStringSubmatchIndex(lower, -1) {
		g := func(i int) string { return lower[m[2*i]:m[2*i+1]] }
		v, ok1 := parseNum(g(1))
		bound, ok2 := parseNum(g(3))
		if !ok1 || !ok2 || bound <= 0 {
			continue
		}
		out = append(out, latencyReading{
			within: v*durationMS(g(2)) <= bound*durationMS(g(4)),
			at:     [2]int{m[0], m[1]},
			what:   fmt.Sprintf("%s %s against %s %s", g(1), g(2), g(3), g(4)),
		})
	}
	return out
}

// durationMS is the milliseconds in one of a latency's units.
func durationMS(unit string) float64 {
	if unit == "ms" {
		return 1
	}
	return 1000
}

// judgeShare turns a failing share (percent) into a hit with the
// error-ratio thresholds.
// nearlyAll is the measured failing share (percent) that reaches
// everyone, whatever words say only some are affected.
const nearlyAll = 90.0

func (h impactHits) judgeShare(share float64, what string) {
	switch {
	case share >= OutageErrorRatio:
		h.addMeasured(kindOutage, fmt.Sprintf("%s: %.3g%% failing (>= %.0f%%)", what, share, OutageErrorRatio))
		if share >= nearlyAll {
			h.addMeasured(kindAll, fmt.Sprintf("%s: nearly everything fails", what))
		}
	case share >= DegradedErrorRatio:
		h.addMeasured(kindDegraded, fmt.Sprintf("%s: %.3g%% failing", what, share))
	default:
		h.addMeasured(kindCalm, fmt.Sprintf("%s: only %.2g%% failing", what, max(share, 0)))
	}
}

// servedShare is the highest share (percent) of work the text says still
// reaches users despite failures, -1 when it says none.
func servedShare(lower string) float64 {
	best := -1.0
	for _, m := range reStillServed.FindAllStringSubmatch(lower, -1) {
		if v, ok := parseNum(m[1]); ok && v <= 100 && v > best {
			best = v
		}
	}
	return best
}

// tail is the last n bytes of s (whole runes), so patterns anchored at the
// end of a prefix look at a bounded window instead of the whole text.
// reDotThousands is a count grouped by dots, as German, Dutch and others
// write "3.512".
var reDotThousands = regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$`)

// parseCountPair reads a count and its total; a total grouped by dots
// that would be smaller than a whole count is read as thousands.
func parseCountPair(ns, ts string) (n, total float64, ok bool) {
	n, ok1 := parseNum(ns)
	total, ok2 := parseNum(ts)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	if reDotThousands.MatchString(ts) && total < n {
		total, _ = parseNum(strings.ReplaceAll(ts, ".", ""))
	}
	if reDotThousands.MatchString(ns) && reDotThousands.MatchString(ts) {
		n, _ = parseNum(strings.ReplaceAll(ns, ".", ""))
		total, _ = parseNum(strings.ReplaceAll(ts, ".", ""))
	}
	return n, total, true
}

// submatches is FindStringSubmatch's result from FindStringSubmatchIndex's.
func submatches(s string, loc []int) []string {
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

// clauseStart is the part of before after its last sentence or line break.
// reErrorEvents: "58 events ... out of 9,700 page views", as an error
// tracker counts them.
var reErrorEvents = rx(`\b(?:events|errors|exceptions|failures|crashes)\b`)

// reSentenceEnd ends a clause; a decimal point does not.
var reSentenceEnd = rx(`\.(?:\s|$)|[;\n]`)

// usualCue introduces the level something usually has, in the
// supported languages.
const usualCue = `normal (?:for (?:this|the) \w+ )?(?:is|level)|last week|yesterday|a week ago|same (?:window|hour|time|period|day|slot|weekday)|last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|vorige week|vorwoche|letzte woche|semana pasada|semaine derniere|semana passada|settimana scorsa|gemiddeld\w*|durchschnitt\w*|promedio|moyenne|media|averag\w*|normally|usually|typically|baseline|otherwise|against|vs\.?|versus|compared (?:to|with)|contre|frente a|gegenuber|sonst|normalmente|habitualmente|d'habitude|di solito|gewoonlijk|normaal`

// A flow measured at zero beside the level it usually has ("0 orders in
// 40 minutes against about 260 on a normal evening", "has been 0 for 25m;
// the same hour last week averaged 0.6/min"): nothing gets through.
var (
	reZeroFlow   = rx(`(?:^|[\s\[(=:])0(?:\.0+)?(?:[\s),\]/]|$)`)
	reUsualLevel = rx(`\b(?:` + usualCue + `)\b[^.;\d]{0,40}?(\d+(?:[.,]\d+)?)`)
	// A count with its usual level in brackets.
	// "96 (expected > 4000)": inside brackets an expected level is a usual one.
	reCountBesideUsual = rx(`(?:^|[\s=:])(\d+(?:\.\d+)?)\s*\(\s*(?:` + usualCue + `|expected|erwartet|esperad[oa]s?|attendue?s?|previst[oa]s?|verwacht)[^)\d]{0,40}?(\d+(?:\.\d+)?)`)
	// A rate read in a unit of time ("0.4/min", "12 rps").
	reFlowRate = rx(`(?:^|[\s=:(\[])(\d+(?:\.\d+)?)\s*(?:/\s*(?:min|m|s|sec|h|hr|hour)\b|per (?:min(?:ute)?|sec(?:ond)?|hour)\b|rpm\b|rps\b|qps\b|tps\b)`)
	// A zero count of what goes wrong, or of what is left, is no flow.
	reNotAFlow = rx(`\b(?:affected|impacted|complaints?|tickets?|incidents?|alerts?|free|left|remaining|lost|missing)\b`)
)

// lostShare is the share (percent) of its usual level a reading has lost;
// ok is false unless the reading is below a positive usual level.
func lostShare(v, usual float64) (share float64, ok bool) {
	if usual <= 0 || v >= usual {
		return 0, false
	}
	return (1 - v/usual) * 100, true
}

// readFlowAgainstUsual adds what a flow read against its usual level says:
// at zero, in brackets beside it, as an alarm's datapoint or as a rate.
// The first reading found decides.
func (h impactHits) readFlowAgainstUsual(lower string) {
	for _, m := range reZeroFlow.FindAllStringIndex(lower, -1) {
		before := strings.TrimRight(clauseStart(lower[max(0, m[0]-60):m[0]+1]), "[(=: \t")
		after := firstWords(lower[m[1]-1:], 3)
		if reBadMetric.MatchString(before) || reBadMetric.MatchString(after) || reNotAFlow.MatchString(after) ||
			reThresholdBefore.MatchString(before) {
			continue
		}
		u := reUsualLevel.FindStringSubmatch(lower[m[1]-1 : min(len(lower), m[1]+240)])
		if u == nil {
			continue
		}
		if v, ok := parseNum(u[1]); ok && v > 0 {
			h.addMeasured(kindOutage, fmt.Sprintf("a flow reads 0 where it is usually %s: nothing gets through", u[1]))
			return
		}
	}
	// A count beside its usual level: "is 3 (average same time last
	// week: 97)".
	for _, m := range reCountBesideUsual.FindAllStringSubmatchIndex(lower, -1) {
		if reBadMetric.MatchString(clauseStart(lower[max(0, m[0]-60):m[0]])) {
			continue
		}
		v, ok1 := parseNum(lower[m[2]:m[3]])
		usual, ok2 := parseNum(lower[m[4]:m[5]])
		if lost, ok := lostShare(v, usual); ok1 && ok2 && ok && lost >= TrafficDropOutage {
			h.addMeasured(kindOutage, fmt.Sprintf("%s against a usual %s (%.0f%% lost)", lower[m[2]:m[3]], lower[m[4]:m[5]], lost))
			return
		}
	}
	// An alarm's latest datapoint far below the level the text calls
	// normal: "datapoints [118.0 (...), ...] ... normal for this slot is
	// about 4,700".
	if d := reDatapoints.FindStringSubmatchIndex(lower); d != nil {
		if u := reUsualLevel.FindStringSubmatch(lower[d[1]:min(len(lower), d[1]+400)]); u != nil {
			v, ok1 := parseNum(lower[d[2]:d[3]])
			usual, ok2 := parseNum(u[1])
			if lost, ok := lostShare(v, usual); ok1 && ok2 && ok && lost >= TrafficDropOutage && !reBadMetric.MatchString(lower[max(0, d[0]-80):min(len(lower), d[1]+300)]) {
				h.addMeasured(kindOutage, fmt.Sprintf("the alarm's datapoint %s against a usual %s (%.0f%% lost)", lower[d[2]:d[3]], u[1], lost))
				return
			}
		}
	}
	// A rate far below its usual level: "0.4/min, same window last week
	// 38/min".
	for _, m := range reFlowRate.FindAllStringSubmatchIndex(lower, -1) {
		if reBadMetric.MatchString(clauseStart(lower[max(0, m[0]-60):m[0]])) {
			continue
		}
		u := reUsualLevel.FindStringSubmatch(lower[m[1]:min(len(lower), m[1]+80)])
		v, ok1 := parseNum(lower[m[2]:m[3]])
		if u == nil || !ok1 {
			continue
		}
		usual, ok2 := parseNum(u[1])
		drop, ok := lostShare(v, usual)
		if !ok2 || !ok {
			continue
		}
		switch {
		case drop >= TrafficDropOutage:
			h.addMeasured(kindOutage, fmt.Sprintf("a flow at %s against a usual %s (%.0f%% lost)", lower[m[2]:m[3]], u[1], drop))
			return
		case drop >= 2*OutageErrorRatio:
			h.addMeasured(kindDegraded, fmt.Sprintf("a flow at %s against a usual %s (%.0f%% lost)", lower[m[2]:m[3]], u[1], drop))
			return
		}
	}
}

func clauseStart(before string) string {
	if i := strings.LastIndexAny(before, ".;\n"); i >= 0 {
		return before[i+1:]
	}
	return before
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return s[i:]
}
