package triage

// culprit_mechanism.go asks whether a diff can produce the observed fault:
// the fault (signal, telemetry signature, new error logs) and each diff
// are read for the culpritMechanisms they involve (timeouts, pools, limits,
// retries, queries and locks, memory, formats and units, auth and
// signatures, addresses, caches, removed guards). A change whose mechanism
// matches the fault's is a suspect; one that changes something else is
// probably a bystander, however close in time or words. It also names
// causes outside any repository (an expired certificate, an upstream
// outage, a traffic surge, bad input data) when the evidence shows one.

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// mechanism is one way a change can break a service.
type mechanism string

const (
	mechTimeout  mechanism = "timeouts and deadlines"
	mechCapacity mechanism = "pool, worker and connection sizes"
	mechLimit    mechanism = "limits and thresholds"
	mechRetry    mechanism = "retries and backoff"
	mechQuery    mechanism = "queries, transactions and locks"
	mechMemory   mechanism = "memory and buffering"
	mechFormat   mechanism = "data formats, units and parsing"
	mechAuth     mechanism = "authentication, signatures and certificates"
	mechAddress  mechanism = "addresses, hosts and routing"
	mechCache    mechanism = "caching and freshness"
	mechGuard    mechanism = "validation guards"
	mechScale    mechanism = "conversion factors"
	mechSchedule mechanism = "schedules and time zones"
	mechPaging   mechanism = "pagination, rounding and counting"
	mechAck      mechanism = "message acknowledgement and delivery"
	mechNumeric  mechanism = "numeric types, overflow and precision"
)

// culpritMechanisms in a fixed order, so that results never depend on map order.
var culpritMechanisms = []mechanism{mechTimeout, mechCapacity, mechLimit, mechRetry, mechQuery, mechMemory, mechFormat, mechAuth, mechAddress, mechCache, mechGuard, mechScale, mechSchedule, mechPaging, mechAck, mechNumeric}

// faultCues recognise a mechanism in what the failure looks like
// (lower-cased signal text, trace signature, error logs).
var faultCues = map[mechanism]*regexp.Regexp{
	mechTimeout:  rx(`time[sd]?[ -]?out|deadline|timed out|took too long|\b50[34]\b|gateway time`),
	mechCapacity: rx(`pool|saturat|exhaust|connections? (?:acquired|limit)|too many connections|worker|thread|concurren|queue (?:full|depth)|backlog`),
	mechLimit:    rx(`limit|threshold|quota|throttl|\b429\b|too many requests|exceed|capacity|must be (?:an? \w+ )?(?:between|less than|at most|no (?:more|larger|greater) than|under|below|smaller than)\b|\bat most \d|\bmaximum (?:of |is )?\d`),
	mechRetry:    rx(`retr(?:y|ies|ied)|attempts|backoff|storm|circuit|breaker`),
	mechQuery:    rx(`lock|deadlock|sql|query|queries|transaction|index|full scan|n\+1|statement|database|\bdb\b|\bselect |for update|\binsert |\bupdate \w+ set`),
	mechMemory:   rx(`out of memory|\boom|memory|heap|oomkilled|evicted|gc pause`),
	mechFormat:   rx(`kelvin|celsius|fahrenheit|pars(?:e|ing)|format|decode|unmarshal|serializ|invalid (?:date|time|number|json|value|format)|valueerror|type ?error|encoding|unit|meters|kilomet|decimal|isoformat|schema|mismatch|incorrect string value|invalid byte sequence|character set|charset|collation|utf-?8|mojibake`),
	// A value past what its type holds, or money carried in binary
	// floating point ("84.96000000000001").
	mechNumeric: rx(`out of range|overflow|wrap(?:s|ped)? around|precision|\d\.\d*0{6,}[1-9]|\d\.\d*9{6,}\d|too many decimal`),
	mechAuth:    rx(`\b40[13]\b|unauthori[sz]ed|forbidden|signature|hmac|token|credential|x509|certificate|tls|ssl|auth`),
	mechAddress: rx(`\bshards?\b|wrong (?:node|shard|partition)|no such host|nxdomain|dns|unknownhost|unknown host|name or service not known|name resolution|getaddrinfo|connection refused|unreachable|\bhost\b|endpoint|route|redirect|topic|address`),
	// A reader on an older revision than the one saved: "dosed with rev
	// 13, active rev 14", "still on version 5".
	mechCache: rx(`stale|outdated|cache|not updated|old (?:price|data|value)|\b(?:old|previous|earlier|prior) (?:rev(?:ision)?|version|recipe|config(?:uration)?|settings?|rules?|table)\b|\brev(?:ision)? \d+\b[^.;\n]{0,80}?\b(?:active|current|latest|new|attiva|attuale|aktuell\w*|actuelle|atual|vigente)\b[^.;\n]{0,30}?\brev(?:ision)? \d+|\b(?:still|ancora|todavia|noch|encore|ainda) (?:\w+ ){0,3}?(?:rev(?:ision)?|version[ei]?)\s*\d+`),
	mechGuard: rx(`invalid|unexpected|null|nil pointer|none ?type|too (?:large|big|many)|duplicate|corrupt|exceed|\b422\b|unprocessable|does not match (?:the )?(?:pattern|format|regexp?)|failed validation|validation (?:error|failed)`),
	// Only a measured scale mismatch (values orders of magnitude past
	// their bound) implicates a conversion factor; a bound merely hit
	// does not.
	mechScale: rx(`scale mismatch|orders? of magnitude`),
	// A job that ran at another hour than it should, or a schedule named.
	mechSchedule: rx(`\b(?:cron|crontab|cronjob|schedule[ds]?|time ?zone|timezone|daylight saving)\b|\b(?:started|ran|runs|fired|triggered|kicked off) at \d{1,2}(?::\d\d)? ?(?:utc|gmt|am|pm|local)`),
	// Messages a consumer acknowledged but never handled, or handled twice.
	mechAck: rx(`\bredeliver\w*|\b(?:already |were |was )acked\b|\backnowledg\w* (?:before|without)|\b(?:messages?|deliveries|events) (?:were )?(?:lost|dropped)\b|\bat[- ]most[- ]once\b`),
	// Fewer records than there should be: a page, a remainder or a row lost.
	mechPaging: rx(`\bpage \d+ of \d+\b[^.;\n]{0,30}?\b(?:never|not|missing|skipped)\b|\b(?:submitted|sent|processed|exported|delivered|imported|synced|uploaded) \d+ of \d+\b|\b(?:below|fewer than|short of|less than)\b[^.;\n]{0,40}?\b(?:confirmed|expected|total|bookings|records|rows|orders|items|entries)\b|\bonly \d+ of \d+\b|\blast page\b|\btruncated\b|\b(?:records?|rows?|entries|items) (?:dropped|skipped|lost)\b|\bmissing from (?:the )?(?:list|page|report|manifest|export|feed)`),
}

// formatDiffCue is what a change of format or units looks like in a diff;
// converting a value between types or units (strconv, String(), a
// duration's Seconds()) also changes what is written.
const formatDiffCue = `binary_part|byte_?size|string\.slice|substr(?:ing)?\b|tempc\b|temp_c\b|celsius|kelvin|fahrenheit|/v\d+/|format|layout|parse|pars(?:er|ing)|strftime|strptime|isoformat|rfc ?\d+|iso ?8601|time\.parse|time\.format|encode|decode|marshal|serializ|json|unit|meters|\bkm\b|millis|decimal|locale|canonical|schema|date|timestamp|endian|byte ?order|charset|collation|utf-?8|latin-?1|` +
	`strconv|itoa|atoi|tostring|\.string\(\)|\bstr\(|\bint\(|\bfloat\(|parse(?:int|float)|\.to_[sif]\b|\.(?:seconds|milliseconds|microseconds|minutes|hours)\(\)`

// diffCues recognise a mechanism in what a diff changes (lower-cased
// changed lines of code and configuration, and the commit's subject).
var diffCues = map[mechanism]*regexp.Regexp{
	mechTimeout:  rx(`timeout|deadline|_ms\b|_sec(?:onds)?\b`), // a duration alone (a TTL, an interval) is not a timeout
	mechCapacity: rx(`pool|max_?\w*conn|worker|thread|concurren|semaphore|replica|parallel|goroutine`),
	mechLimit:    rx(`limit|threshold|quota|throttl|\bmax_?\w*|\bmin_?\w*|percent|pct\b|radius|\w_size\b|\w_size_\w`),
	mechRetry:    rx(`retr(?:y|ies)|backoff|attempt|breaker|circuit`), // a breaker is how calls are retried or refused
	mechQuery:    rx(`select |insert |update |delete |for update|\bjoin\b|transaction|\bbegin\b|commit\(|rollback|\block\b|mutex|index|query|\.exec\(|\borm\b|preload|eager`),
	// A map or cache keyed by a time or an id that never repeats grows
	// without bound.
	mechMemory:   rx(`\bkey\w*\s*(?:=|:=|:)\s*.*(?:_at\b|timestamp|\btime\b|\bts\b|\bnow\b|uuid|request_?id)|buffer|batch|in memory|dataframe|(?:load|read|fetch|find)_?all|\bwhole\b|\bentire\b|load(?:s|ed)? (?:all|the whole|into)|chunk|heap|memory|cache_size`),
	mechFormat:   rx(formatDiffCue),
	mechAuth:     rx(`\bsign|hmac|secret|\bcert|\btls|\bssl|\bauth[^o]|token|credential|\bkeys?\b|_key\b|key_|apikey`),
	mechAddress:  rx(`host|url|endpoint|domain|address|dns|topic|queue|route|region|from:|shard|partition|consistent.?hash|hash.?ring|crc32|xxh|murmur|fnv`), // where a key is sent is an address too
	mechCache:    rx(`cache|ttl|stale|memo`),
	mechGuard:    rx(`validat|\bcheck(?:s|ed|er|ing)?\b|guard|reject|assert|require|must|regexp?\b|pattern|re\.compile|=\s*/\^`),
	mechSchedule: rx(`\bcron\w*|schedule|time_?zone|timezone|\btz\b|\butc\b|daylight`),
	mechAck:      rx(`\back\b|\backs\b|basic_?ack|\.ack\(|acknowledg|auto_?ack|commit_?offsets?|commitsync|delete_?message|enable\.auto\.commit`),
	mechNumeric:  rx(`\b(?:big|small|tiny|medium)?int(?:eger|2|4|8|16|32|64)?\b|\bfloat\w*|\bdouble\b|\bdecimal\b|\bnumeric\b|bigdecimal|precision|cents?\b|tofixed|parsefloat|\bnumber\(|math\.round|\bround\(`),
	mechPaging:   rx(`\bceil\b|\bfloor\(|intdiv|math\.(?:round|ceil|floor)|\bround\(|\boffset\b|page_?size|per_?page|\$?\bpages\b|paginat|off[- ]by[- ]one`),
}

// reGuardLine is a conditional that can stop bad input: removing one
// removes a guard.
// A comparison with null, a null-coalescing or optional-chaining operator
// guards as much as an if does.
var reGuardLine = rx(`^\s*(?:if|unless|guard|elif|else if|assert|require)\b|\b(?:raise|throw|reject|return err|return false|abort)\b|(?:!==?|===?)\s*(?:null|nil|none|undefined)\b|\bis (?:not )?none\b|\?\?|\?\.|\bisset\(|\bis_null\(`)

// reScaleFactor is a multiplication or division by a conversion factor
// (powers of ten, 60, 3600, 86 400, 1 024): applying or removing one
// changes a value's unit.
var reScaleFactor = rx(`[*/]\s*(?:1(?:0{2,}|e[3-9])|60|3600|86400|1024|1048576)(?:\.0*)?\b`)

// faultMechanisms lists the mechanisms the failure shows, in fixed order.
func faultMechanisms(text string) []mechanism {
	lt := strings.ToLower(text)
	var out []mechanism
	// A body cut short ("unexpected end of JSON input" after exactly
	// 1 MiB) is a size limit at work, not a malformed format.
	if reTruncated.MatchString(lt) {
		out = append(out, mechLimit)
		lt = reTruncated.ReplaceAllString(lt, " ")
		lt = reFormatWord.ReplaceAllString(lt, " ")
	}
	for _, m := range culpritMechanisms {
		if slices.Contains(out, m) {
			continue
		}
		for _, loc := range faultCues[m].FindAllStringIndex(lt, -1) {
			// "no read timeouts since 11:24" says the mechanism is not at work.
			if !reCueNegated.MatchString(tail(lt[:loc[0]], 24)) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// reTruncated is a reply or record cut short; reFormatWord the format
// names that come with it.
var (
	reTruncated  = rx(`unexpected end of (?:json )?(?:input|data|stream)|unexpected eof|\bread \d[\d,]* bytes,? (?:of |content-length:? )\d[\d,]*|\bexactly [\d,]+ (?:bytes|kb|kib|mb|mib)\b|\btruncated (?:body|reply|response|payload|json)`)
	reFormatWord = rx(`\b(?:json|xml|decod\w*|pars\w*)\b`)
)

// reCueNegated ends in a negation of what follows: "no", "zero", "0",
// "without", "never", with at most one word between.
var reCueNegated = rx(`(?:\b(?:no|zero|without|never|not)|(?:^|[^\d.,:])0)\s+(?:[\w-]+\s+)?$`)

// faultMech is a mechanism the failure shows and how specifically.
type faultMech struct {
	m mechanism
	w float64 // 1 for the failing trace's own signature, less for error logs or the alert's words
}

// Weights of the sources of a fault's mechanisms, and the discount of a
// symptom (a timeout, a retry) seen beside a more specific mechanism:
// nearly every fault makes some caller time out.
const (
	fwSignature = 1.0
	fwLogs      = 0.7
	fwSignal    = 0.7
	symptomCut  = 0.5
)

// faultProfile weighs the mechanisms the failure shows: the telemetry's
// trace signature first, then its new error logs; the signal's words only
// when the telemetry names none (backed is then false).
func faultProfile(ev Evidence, signalText string) (prof []faultMech, backed bool) {
	add := func(text string, w float64) {
		ms := faultMechanisms(text)
		specific := slices.ContainsFunc(ms, func(m mechanism) bool { return m != mechTimeout && m != mechRetry })
		for _, m := range ms {
			mw := w
			if specific && (m == mechTimeout || m == mechRetry) {
				mw *= symptomCut
			}
			i := slices.IndexFunc(prof, func(f faultMech) bool { return f.m == m })
			switch {
			case i < 0:
				prof = append(prof, faultMech{m, mw})
			case prof[i].w < mw:
				prof[i].w = mw
			}
		}
	}
	add(ev.Signature, fwSignature)
	add(strings.Join(ev.Logs, "\n"), fwLogs)
	if len(prof) > 0 {
		return prof, true
	}
	add(signalText, fwSignal)
	return prof, false
}

func profileMechs(prof []faultMech) []mechanism {
	var out []mechanism
	for _, f := range prof {
		out = append(out, f.m)
	}
	return out
}

// diffMechanisms lists the culpritMechanisms a commit's behaviour-changing lines
// involve: the changed lines of code and configuration files, and its
// subject. Docs, tests, assets and CI say nothing about behaviour.
func diffMechanisms(c *Commit) []mechanism {
	var b strings.Builder
	removedGuards, addedGuards, behavioural := 0, 0, 0
	factors := 0 // conversion factors added less those removed
	changed, observed := 0, 0
	for _, f := range c.Files {
		if k := classifyFile(f.Path); k != fileCode && k != fileDeps {
			continue
		}
		behavioural++
		// The file's name, not its directories: a service or package
		// directory ("frame-decoder/...") names no mechanism of the change.
		b.WriteString("\n" + strings.ToLower(path.Base(f.Path)))
		for removed, l := range changedLines(f.Patch) {
			if l == "" {
				continue
			}
			if observesOnly(l) || isCommentLine(l) {
				observed++
				continue // recording or explaining what happens changes none of it
			}
			changed++
			guard, n := reGuardLine.MatchString(l), len(reScaleFactor.FindAllString(l, -1))
			if removed {
				if guard {
					removedGuards++
				}
				factors -= n
			} else {
				if guard {
					addedGuards++
				}
				factors += n
			}
			b.WriteString("\n" + strings.ToLower(l))
		}
	}
	leaks := false
	for _, f := range c.Files {
		if classifyFile(f.Path) == fileCode && returnsBeforeRelease(f.Patch) {
			leaks = true
		}
	}
	if behavioural == 0 && len(c.Files) > 0 || changed == 0 && observed > 0 {
		return nil // docs, tests, assets, CI, instrumentation: no behaviour changed
	}
	// The changed lines say what the diff changes; the subject speaks only
	// when they name no mechanism (a subject that mentions a unit does not
	// make a value change a unit change).
	lsubj := strings.ToLower(subject(c.Message))
	match := func(text string) []mechanism {
		var out []mechanism
		for _, m := range culpritMechanisms {
			if m == mechScale {
				// A conversion factor applied or dropped changes a
				// value's unit even when no line names one.
				if factors != 0 {
					out = append(out, m)
				}
				continue
			}
			if m == mechGuard {
				if removedGuards > addedGuards || diffCues[m].MatchString(lsubj) {
					out = append(out, m)
				}
				continue
			}
			if diffCues[m].MatchString(text) {
				out = append(out, m)
			}
		}
		return out
	}
	out := match(b.String())
	if len(out) == 0 {
		out = match(lsubj)
	}
	if leaks && !slices.Contains(out, mechCapacity) {
		out = append(out, mechCapacity)
	}
	return out
}

// reReturnLine leaves a function early; reReleaseLine gives back a pooled
// resource (a connection, rows, a file, a lock).
var (
	reReturnLine  = rx(`^\s*(?:return|raise|throw)\b|\{\s*return\b`)
	reReleaseLine = rx(`\.(?:close|release|dispose|unlock|putconn|return_?conn\w*)\(|\bdefer\b.*\b(?:close|release|unlock)|\bfinally\b`)
)

// returnsBeforeRelease reports whether the patch adds an early return
// above the line that releases a resource, in the new version of the code:
// every path through that return leaks what was acquired.
func returnsBeforeRelease(patch string) bool {
	addedReturn := false
	for line := range strings.SplitSeq(patch, "\n") {
		if line == "" || line[0] == '-' || strings.HasPrefix(line, "+++") {
			continue
		}
		l := strings.ToLower(line[1:])
		if line[0] == '+' && reReturnLine.MatchString(l) {
			addedReturn = true
		}
		if addedReturn && reReleaseLine.MatchString(l) {
			return true
		}
	}
	return false
}

// produces lists, for a mechanism a diff changes, the other mechanisms
// its failure shows up as: a unit or format change trips limits and
// validations downstream; a smaller pool or a held lock makes callers time
// out; more retries hit rate limits; a removed guard lets through input
// that exhausts memory or breaks parsing.
var produces = map[mechanism][]mechanism{
	mechFormat:   {mechLimit, mechGuard},
	mechCapacity: {mechTimeout, mechLimit}, // more concurrency can hit a rate limit
	mechQuery:    {mechTimeout, mechCapacity},
	mechRetry:    {mechLimit, mechCapacity, mechTimeout},
	mechGuard:    {mechMemory, mechFormat, mechLimit},
	mechTimeout:  {mechRetry},
	// A job moved into busy hours contends with the traffic it used to miss.
	mechSchedule: {mechQuery, mechCapacity},
	// A value that no longer fits, or a float amount, is refused by the
	// validation or the parser that receives it (a limit hit says nothing
	// of a type: any value change can cross a bound).
	mechNumeric: {mechGuard, mechFormat},
}

// mechanismMatch compares what a diff changes with what the fault shows.
// factor is 1 + 0.6 x the weight of the best shared mechanism (one the
// diff changes that the fault shows, or that produces what it shows at
// 0.8 of its weight); with telemetry to go on, 0.6 when the diff changes
// other things and 0.8 when it shows no mechanism at all; without
// telemetry a mismatch costs nothing (the signal's words alone are too
// thin to acquit).
func mechanismMatch(diff []mechanism, prof []faultMech, telemetry bool) (factor float64, shared []mechanism, why string) {
	if len(prof) == 0 {
		return 1, nil, ""
	}
	best := 0.0
	for _, m := range diff {
		w := 0.0
		for _, f := range prof {
			switch {
			case f.m == m:
				w = max(w, f.w)
			case slices.Contains(produces[m], f.m):
				w = max(w, 0.8*f.w)
			}
		}
		if w > 0 {
			shared = append(shared, m)
			best = max(best, w)
		}
	}
	fault := profileMechs(prof)
	switch {
	case len(shared) > 0:
		f := round2(1 + 0.6*best)
		return f, shared, fmt.Sprintf("the diff changes %s, which can produce the observed fault (x%.2f)", joinMech(shared), f)
	case !telemetry:
		return 1, nil, ""
	case len(diff) == 0:
		return 0.8, nil, fmt.Sprintf("the diff shows no change of behaviour that can produce the observed %s (x0.8)", joinMech(fault))
	}
	return 0.6, nil, fmt.Sprintf("the diff changes %s, not what the fault shows (%s) (x0.6)", joinMech(diff), joinMech(fault))
}

func joinMech(ms []mechanism) string {
	var s []string
	for _, m := range firstN(ms, 3) {
		s = append(s, string(m))
	}
	return strings.Join(s, ", ")
}

// operationalCause is a cause outside any repository, the mechanism a
// change would need to have caused it instead, and what shows it.
type operationalCause struct {
	name     string
	mechs    []mechanism // what a change would have to alter to cause it instead
	evidence string
	// trigger: read from a metric alone (a traffic surge), it can be what
	// set off a latent fault rather than the fault itself: a change whose
	// own mechanism the telemetry shows failing is still a suspect.
	trigger bool
}

// opCues recognise causes outside the repository in the failure's text.
var opCues = []struct {
	name  string
	mechs []mechanism
	re    *regexp.Regexp
}{
	// The telemetry's own word that the new code ran without the fault
	// until the onset: what changed then is outside the repository.
	{"something outside the code changed at the onset (the new build ran without the fault before it)", nil, rx(`\bwith the (?:new|same|current) (?:build|column|code|version|release|image|field)\b[^.;\n]{0,60}?\b(?:returned 200|ran in|ran fine|accepted|worked|succeeded|fine)\b|\b(?:returned 200|ran in \d[\d.]* ?ms|accepted normally|worked fine|succeeded)\b[^.;\n]{0,60}?\b(?:with the (?:new|same) (?:build|column|code|version|release)|(?:including |also |even )?after the (?:\d{1,2}:\d\d )?(?:deploy|release|rollout))\b`)},
	// The input of the day before, run again on the build now live, goes
	// through: the build handles its input, so the new input differs.
	{"the input changed (the live build handles the earlier input)", nil, rx(`\bre-?(?:import|process|run|play|pars|load|submitt?|send|feed)\w*\b(?:[^.;\n]|\.\S){0,80}?\b(?:on|with|against|through) the (?:current|new|same|deployed|latest|live) (?:build|code|version|release|parser|importer)\b[^.;\n]{0,40}?\b(?:creates?|works?|succeeds?|passe[sd]|parses|loads|imports|accept\w*|fine|all)\b`)},
	// A key disabled, or a provider's limit lowered, by someone outside
	// the repository (a role, a person, the provider's review).
	{"a key disabled outside the repository", nil, rx(`\b(?:kms:)?disablekey\b[^.\n]{0,80}?\bby\b|\bkey\b[^.\n]{0,40}?\b(?:disabled|scheduled for deletion|pending deletion)\b[^.\n]{0,40}?\bby\b`)},
	{"a provider lowered the account's rate limit", nil, rx(`\brate limit (?:has been |was |is )?(?:temporarily )?(?:lowered|reduced|cut|decreased)\b|\b(?:lowered|reduced|cut|decreased) (?:the |your |our )?(?:account'?s? |live-mode )?(?:api )?rate limit\b`)},
	// The network path, a broker's or host's hardware, or a shared
	// subnet's addresses taken by another tenant: states of the
	// infrastructure no diff shows.
	{"a network path degraded outside the repository (route leak, packet loss)", nil, rx(`\broute leak\w*|\bbgp\b[^.\n]{0,60}?\b(?:leak|hijack|withdraw\w*|flap\w*)|\b\d{1,3}\s?% (?:packet )?loss\b|\bpacket loss\b`)},
	{"a broker or storage hardware failure", nil, rx(`\bnot_enough_replicas\b|\bnotenoughreplicas\b|\b(?:nvme|ssd|disk|drive)\w* (?:has )?(?:failed|failure|died)\b|\bxfs\b[^.\n]{0,40}?\bshut ?(?:ting )?down\b|\bmedium errors?\b|\bbattery (?:backup unit |bbu )?(?:failed|failure)\b`)},
	{"the subnet's addresses taken by another tenant", nil, rx(`\binsufficientfreeaddresses\w*|\b(?:0|no) free (?:ip )?addresses\b|\bsubnet\b[^.\n]{0,40}?\b(?:exhausted|full)\b`)},
	// An older build fails the same way: the change since it is not the
	// cause.
	{"something outside the code (an older build fails the same way)", nil, rx(`\b(?:old|older|previous|prior|earlier|last known good) (?:build|version|release|image)\b[^.\n]{0,80}?\b(?:fails?|failing|failed|errors?)\b[^.\n]{0,30}?\bsame (?:way|errors?|failures?)\b|\boude (?:build|versie)\b[^.\n]{0,80}?\b(?:faalt|mislukt)\b[^.\n]{0,30}?\bdezelfde\b|\b(?:alte|vorherige|[äa]ltere) (?:build|version)\b[^.\n]{0,80}?\b(?:gleichen?|selben?) fehler|\bancienne (?:build|version)\b[^.\n]{0,80}?\bm[êe]me erreur|\bversi[óo]n anterior\b[^.\n]{0,80}?\bmismo error|\bvers[ãa]o anterior\b[^.\n]{0,80}?\bmesmo erro`)},
	// A credential rotated and the old one revoked while the service still
	// holds the old one: the rotation, outside the repository, broke it.
	{"a credential rotated outside the repository that the service has not picked up", nil, rx(`\brotated\b[^\n]{0,120}?\brevoked\b|\b(?:still|continue to|keep) (?:mount|use|send|hold|present|read)\w* (?:the )?(?:previous|old|revoked|stale|former) (?:[\w-]+ )?(?:secret|key|password|credential|token|certificate)s?\b`)},
	// A provider retiring the API version the service calls.
	{"a provider retired the API version in use", []mechanism{mechAddress}, rx(`\b410 gone\b|\bapi_version_retired\b|\b(?:api|version|endpoint) (?:v\d+ )?(?:was |has been |is )?(?:retired|sunset|decommissioned)\b|\bv\d+ was retired\b|\bsunset header\b`)},
	// A managed database failing over: the host's state, not a diff's.
	{"a database failover", nil, rx(`\bfailover (?:started|completed|occurred|in progress)\b|\bfailed over to\b|\bmulti-az (?:instance )?failover\b|\bpromoted (?:the )?(?:standby|replica)\b`)},
	// Devices or an upstream changed by their supplier.
	{"a supplier's firmware or device change", []mechanism{mechFormat}, rx(`\b(?:supplier|vendor|manufacturer|partner)[- ]managed (?:rollout|update)\b|\bota\b[^.;\n]{0,40}?\b(?:rollout|update) of firmware\b|\bfirmware \d[\d.]* (?:rollout|to \d)`)},
	// A host's clock off true time: tokens and signatures look issued in
	// the future or expired, whatever their lifetime.
	{"a host clock out of sync", nil, rx(`\bclock (?:skew|drift)\b|\bclock\b[^.;\n]{0,40}?\b(?:behind|ahead|drift\w*|off by)\b|\b(?:ntp|chrony\w*|timesyncd)\b[^.;\n]{0,40}?\b(?:unsynchroni[sz]ed|not synchroni[sz]ed|no (?:selectable )?sources?|lost sync|unreachable|stopped)\b|\bnot yet valid\b[^.;\n]{0,60}?\b(?:token|jwt|nbf|signature)|\b(?:token|jwt|nbf|signature)\b[^.;\n]{0,60}?\bnot yet valid\b|\bissued in the future\b`)},
	// A setting changed by hand in a provider's console: the repository
	// does not hold it, whatever its commits touch.
	{"a change made by hand outside the repository", nil, rx(`\b(?:created|changed|edited|added|modified|deleted|updated|toggled|enabled|disabled|switched)\b[^\n]{0,140}?\b(?:in|via|through|from|using) the (?:[\w'’-]+ ){0,2}?(?:dashboard|console|web ui|admin ui|control panel|portal)\b|\b(?:terraform|config(?:uration)?) drift\b|\bterraform plan\b[^\n]{0,40}?\bdrift\b|\bdrift detected\b|\bnot (?:managed )?in (?:git|terraform|the repo(?:sitory)?|(?:the )?configuration)\b|\bchanged by hand\b|\bmanual (?:change|edit)\b|\bby [\w.@-]+ \((?:console|web console|web ui|portal)\)`)},
	// A provider changing its API's behaviour under its clients, or a
	// client platform updating itself: neither is in the repository.
	{"a provider changed its API without the repository changing", []mechanism{mechAddress}, rx(`\b(?:rolled out|switched|changed|migrated)\b[^.\n]{0,60}?\bto all (?:partners|customers|clients|tenants|integrators|accounts)\b|\b(?:without|with no) (?:prior )?(?:notice|announcement|deprecation)\b|\bno (?:changelog|deprecation) (?:entry|notice)\b|\bundocumented (?:field|change|parameter|behaviou?r)\b`)},
	{"a client platform update", nil, rx(`\b(?:ios|ipados|android|macos|windows|chromeos|chrome|firefox|safari|edge) \d+(?:\.\d+)*\b[^.\n]{0,60}?\b(?:installed automatically|auto-?install\w*|auto-?updat\w*|rolled out to (?:all )?devices|pushed to (?:all )?devices)\b|\ball \d+ (?:devices|phones|tablets|handhelds|clients) (?:report|run|are on)\b`)},
	// A provider that suspended the account or its sending: its policy, not
	// a diff, stopped the traffic.
	{"a provider suspended the account", nil, rx(`\baccount (?:was |has been |is |got )?(?:suspended|disabled|blocked|frozen)\b|\bsuspended (?:the |our |your )?(?:account|sending|api key)\b|\bsending (?:was |has been |is )?(?:paused|suspended|disabled)\b`)},
	// A whole cache emptied by hand or by another team: the origin meets
	// every request cold, whatever the repository's caching says.
	{"a cache purge made outside the repository", nil, rx(`\bpurge (?:everything|all)\b|\bpurged? the (?:whole|entire|full) (?:zone|cache|cdn)\b|\b(?:zone|cache)[- ]wide purge\b|\bfull (?:cache|cdn) purge\b`)},
	// A domain that lapsed at its registrar answers with a parking page.
	{"a domain registration lapsed", []mechanism{mechAddress}, rx(`\bdomain\b[^.;\n]{0,40}?\b(?:expired|lapsed|not renewed)\b|\bregistration (?:expired|lapsed)\b|\bpark(?:ing|ed) page\b|\bparked domain\b|\bregistrar\b[^;\n]{0,60}?\b(?:expired|lapsed|suspended|auto-?renew(?:al)? failed)\b|\b(?:switched|changed|moved|pointed|points) to (?:the )?(?:registrar'?s? )?parking\b|\(registrar parking\)`)},
	{"an expired or invalid certificate", []mechanism{mechAuth}, rx(`certificate (?:has )?expired|expired certificate|x509|certificate verify failed|tls handshake|ssl handshake|cert(?:ificate)? (?:is )?not (?:yet )?valid|\bzertifikat\w*|\bcertificados?\b|\bcertificats?\b`)},
	{"a name-resolution (DNS) failure", []mechanism{mechAddress}, rx(`no such host|nxdomain|servfail|dns (?:resolution|lookup)|could not resolve|name resolution|unknownhost|unknown host|name or service not known|getaddrinfo|eai_again`)},
	// How a service calls its upstream (timeouts, retries, rates) can make
	// the upstream fail too, so such a change stays a suspect.
	// Only a change of where the upstream is reached, or of how long it is
	// waited for, can make it look down; our retries and limits cannot.
	{"an upstream provider or CDN outage", []mechanism{mechAddress, mechTimeout}, rx(`upstream (?:returned|answered|provider|outage|error)|(?:api|service|server|provider|authority|gateway|partner|vendor|acquirer|processor) (?:returned|answered|responds?|responded|answers) (?:with )?(?:an? )?(?:5\d\d|unavailable)|provider (?:returned|answered|outage|is down|incident)|(?:cdn|edge|pop)s? (?:\w+ )?(?:fail|error|degrad|outage)|status page|third[- ]party|falling back to (?:the |a |an |its |our )?(?:secondary|backup|standby|alternate|other|second|fallback) \w+|fallback (?:host|provider|cdn)`)},
	{"a zone or region impairment", []mechanism{mechAddress}, rx(`(?:only|confined to|limited to|just) (?:in |one |a single )?(?:the )?(?:zone|region|availability zone|data ?cent(?:er|re)|edge|pop)|(?:zone|region) (?:impair|outage|degrad)`)},
	// A peer that refuses connections is down or not listening; only a
	// change of where the service connects could cause that instead.
	{"a dependency refusing connections (down or not listening)", []mechanism{mechAddress}, rx(`connection refused|econnrefused|no route to host|host (?:is )?unreachable`)},
	// A full disk or an exhausted volume quota is the host's state; no
	// mechanism a diff shows here writes more to disk, so none is blamed.
	{"a full disk or volume", nil, rx(`no space left on device|enospc|disk (?:is )?full|out of disk space|disk quota exceeded|volume (?:is )?full`)},
	// A cloud provider's or vendor's own notice of a disruption.
	{"a provider's service disruption", []mechanism{mechAddress, mechTimeout}, rx(`\b(?:aws|azure|gcp|google cloud|cloud) (?:service )?health\b|\bhealth dashboard\b|\bstatus ?page\b[^.\n]{0,60}?\b(?:incident|degraded|disruption|outage|investigating|operational issue)|\boperational issue\b|\bservice disruption\b|\bincreased (?:api )?error rates\b`)},
	{"bad input data", []mechanism{mechFormat}, rx(`\b(?:file|feed|data|export|upload|payload)\b[^.;\n]{0,40}?\b(?:published|sent|delivered|arrived|uploaded) with (?:an? )?(?:incorrect|wrong|invalid|bad|broken|malformed)\b|\b(?:incorrect|wrong|invalid) (?:field )?format\b[^.;\n]{0,40}?\b(?:corrected|fixed) (?:file|feed|version)|\b(?:re-?)?parsed fine (?:from|with)\b|\b0 failed\b|malformed (?:input|file|row|record|payload)|(?:export|file|feed|upload) (?:switched|changed) (?:to|its) (?:format|encoding|delimiter)`)},
}

// reOthersPass finds a failure confined to one source of input while the
// others, served by the same code, pass: the input is the difference.
// Where the others are infrastructure (pods, zones) it says nothing of
// input, so those nouns are left out (infraNouns).
var reOthersPass = rx(`\b(?:all |the )?(?:other|remaining) (?:[a-z'-]+ ){0,2}?([a-z-]+s)\b[^.;]{0,60}?\b(?:pass(?:ed|es)?|succeed(?:ed|s)?|(?:are|were|work(?:ed)?|look) (?:fine|ok|normal|unaffected|healthy))\b`)

var infraNouns = set(`services pods nodes hosts servers instances regions zones clusters replicas machines datacenters endpoints shards brokers workers containers`)

// reTrafficMetric names metrics that count demand.
// reTimingMetric: a request's duration or size is not demand, though its
// name says "request".
var (
	reTrafficMetric = rx(`request|rps|qps|traffic|sessions|connections_opened|arrivals|throughput|visitors|users_active|calls_total|_rate$`)
	reTimingMetric  = rx(`duration|latency|seconds|_ms\b|p9\d|p50|bytes|size`)
)

// findOperationalCause reads the failure's text and the metric shifts
// for a cause outside the repository.
func findOperationalCause(text string, ev Evidence) (operationalCause, bool) {
	lt := strings.ToLower(text)
	for _, c := range opCues {
		if m := c.re.FindString(lt); m != "" {
			return operationalCause{name: c.name, mechs: c.mechs, evidence: fmt.Sprintf("the failure says %q", strings.TrimSpace(m))}, true
		}
	}
	if m := reOthersPass.FindStringSubmatch(lt); m != nil && !infraNouns[m[1]] {
		return operationalCause{name: "bad input data", mechs: []mechanism{mechFormat},
			evidence: fmt.Sprintf("the failure is confined to one source of input while the others pass (%q)", strings.TrimSpace(m[0]))}, true
	}
	// A demand metric that at least doubled at the onset: the service
	// failed under load it was not sized for, whatever changed.
	for _, s := range ev.Shifts {
		if s.Direction == "up" && s.Ratio >= 2 && reTrafficMetric.MatchString(strings.ToLower(s.Name)) && !reTimingMetric.MatchString(strings.ToLower(s.Name)) {
			return operationalCause{name: "a traffic surge", mechs: []mechanism{mechCapacity, mechQuery, mechCache, mechRetry},
				evidence: fmt.Sprintf("%s %s rose %.1fx over its baseline at the onset", s.Service, s.Name, s.Ratio), trigger: true}, true
		}
	}
	return operationalCause{}, false
}
