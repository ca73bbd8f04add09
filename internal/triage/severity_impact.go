package triage

// severity_impact.go reads what kind of impact a signal's words describe
// (outage, data loss, security, degraded, internal, a capacity risk, a
// reporter who says it can wait, nothing it can read) and what measured
// error ratios and traffic drops say, for ClassifySeverity. Numbers stated
// without impact words are read in severity_numbers.go; reports in other
// languages through lang.go's glosses.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
	kindCalm     // "errors are normal", a measured low error ratio
	kindRisk     // capacity running out: a risk, nothing failing yet
	kindLowUrg   // the reporter says it can wait
	kindAll      // all or every user, request or site is affected
	kindWrong    // people are shown or charged wrong values
	kindCosmetic // looks wrong, works: layout, typos, icons
	kindSome     // only some users, sites or devices are affected
)

type impactRule struct {
	kind   impactKind
	re     *regexp.Regexp
	reason string // format with the matched text
	// weak: vague words ("errors", "checkout failing") that a measured
	// error ratio outranks: below DegradedErrorRatio they are background
	// noise, below OutageErrorRatio a failure is partial.
	weak bool
}

const (
	sevActions = `(?:log ?in|sign ?in|sign ?up|check ?out|pay|place orders?|order|buy|purchase|access|connect|load|open|receive|reset|authenticate|book|send|download|upload|use)`
	sevObjects = `(?:payments?|checkouts?|orders?|logins?|sign-?ins?|sign-?ups?|requests|calls|transactions|deliveries|e-?mails|messages|notifications|webhooks|uploads|pages|api calls|authori[sz]ations?)`
)

var impactRules = []impactRule{
	// ---- outage: users cannot use the thing ---------------------------
	{kindOutage, rx(`\b(?:outage|unavailable|unreachable|offline|not reachable|cannot be reached|is down|are down|went down|(?:completely|totally|entirely|fully) down|hard down|down for (?:all|every)\w*)\b`), "describes an outage: '%s'", false},
	{kindOutage, rx(`\b(?:can(?:no|')t|unable to|not able to|failing to|fail(?:s|ed)? to)\s+(?:\w+\s+){0,2}?` + sevActions + `\b`), "users cannot complete an action: '%s'", false},
	{kindOutage, rx(`\b(?:nobody|no one|noone|no customers?|no users?) (?:can|could|is able to|are able to) (?:\w+ ){0,2}?` + sevActions + `\b`), "nobody can complete an action: '%s'", false},
	{kindOutage, rx(`\b(?:customers|users|clients|people|passengers|patients|members|guests|visitors|drivers|riders|pilots|staff|agents|buyers|players|students|parents)\s+(?:can(?:no|')t|cannot|can not|are unable to|can no longer|could not|couldn't)\s+\w+`), "people cannot do what they came for: '%s'", false},
	{kindOutage, rx(`\bfail(?:s|ing|ed)? (?:on|for|at|in|across|from) (?:all|every)\b|\b(?:is |are |went |turned )?all red\b|\bnothing works\b|\bcompletely broken\b|\bcan(?:no|')t \w+ (?:any|anything)\b`), "everything fails: '%s'", false},
	{kindOutage, rx(`\b(?:host|service|server|site|node|instance|endpoint|website|api) (?:is )?down\b|(?:\b|_)(?:per[ _](?:min(?:ute)?|sec(?:ond)?|hour)|/min|/s|throughput|rate|rps|qps)\s*(?:==?|:|is|at|has been|was|fell to|dropped to)\s*0\b[^.;]{0,80}?\b(?:baseline|usual|normally|typical)`), "the service is down or its flow stopped: '%s'", false},
	{kindOutage, rx(`\blocked out\b`), "people are locked out: '%s'", false},
	{kindOutage, rx(`\b(?:completely|fully|totally|entirely) (?:stopped|halted|blocked|frozen)\b`), "the flow has stopped: '%s'", false},
	{kindOutage, rx(`\b(?:every|all|each)\s+(?:\w+\s+){0,6}?(?:is |are |was |were |gets? |keeps? )?(?:rejected|failing|fails|failed|declined|refused|timing out|down|offline|broken|unreachable)\b|\b(?:none|no one|nobody|nothing) (?:\w+ ){0,3}?(?:works|loads|gets through|goes through|succeeds|arrives)\b`), "everything fails: '%s'", false},
	{kindOutage, rx(`\bstopped \w+ing\b|\b(?:stop|not|aren't|isn't|no longer) (?:being )?(?:arriving|working|loading|responding|processing|processed|delivered|running|triggering|firing|syncing|sent|sending|executing|completing|printing)\b`), "something stopped working: '%s'", false},
	{kindOutage, rx(`\b` + sevObjects + `\s+(?:are |is |keep |all )?(?:failing|rejected|bouncing|bounced|declined|timing out)\b`), "requests are failing: '%s'", true},
	{kindOutage, rx(`\b(?:certificate (?:has |have )?expired|expired (?:tls |ssl )?certificates?|x509: certificate|(?:tls|ssl) handshake (?:failures?|failed|errors?)|certificate (?:is )?(?:invalid|not yet valid))\b`), "TLS certificate problem, clients cannot connect: '%s'", false},
	{kindOutage, rx(`\b(?:crash ?loop\w*|all (?:pods|instances|replicas) (?:down|unhealthy|crashing))\b`), "the service is not running: '%s'", false},
	// ---- data loss ----------------------------------------------------
	{kindDataLoss, rx(`\b(?:data loss|lost (?:data|writes|entries|records|events|messages|orders|transactions|payments)|(?:data|records?|rows|entries|database|tables?|backups?|files|orders|payments|accounts|ledger|index(?:es)?) (?:\w+ )?(?:(?:is|are|was|were|got|been) )?corrupt(?:ed|ion)|corrupt(?:ed|ion) (?:of )?(?:the )?(?:data|records?|rows|entries|database|tables?|backups?|files|orders|payments|accounts|ledger)|silently (?:dropp?\w*|discard\w*|lost))\b`), "data loss: '%s'", false},
	{kindDataLoss, rx(`\b(?:entries|records|rows|events|messages|transactions|orders|payments|writes|documents|invoices|items|files|results|readings|samples)\b[^.;]{0,40}?\b(?:missing|dropped|lost|not recorded|never (?:written|recorded|booked|stored)|not (?:written|persisted|stored|saved))\b`), "records are missing: '%s'", false},
	{kindDataLoss, rx(`\b\d[\d,]*\s+(?:\w+\s+){0,3}?(?:missing|lost|never arrived)\b|\blost records\b`), "a count of records is missing: '%s'", false},
	{kindDataLoss, rx(`\b(?:deleted|wiped|purged|erased|truncated|overwrote|overwritten|destroyed|removed|replaced)\s+(?:\d[\d,]*\s+|all\s+|every\s+|the\s+)?(?:\w+\s+){0,3}?(?:records|rows|entries|files|documents|proposals|accounts|orders|bookings|reservations|results|samples|profiles|images|photos|tables?|data|databases?|backups?|histor(?:y|ies)|notes|messages|comments|attachments|uploads|recordings|videos|emails|logs|reports|submissions|forms|charts)\b|\b(?:back-?ups?|snapshots?|restore points?)\b[^.;]{0,40}?\b(?:(?:are|is|were|was) not available|unavailable|do not exist|don't exist|missing|gone|failed|corrupt\w*)\b|\b(?:no|without an?) (?:restorable |usable |recent |working )?(?:backups?|snapshots?|copy|copies)\b|\b(?:cannot|can't|could not|unable to) (?:be )?(?:restored?|recover(?:ed)?)\b|\b(?:unrecoverable|irrecoverabl\w+|permanently (?:lost|deleted|gone))\b|\b(?:snapshot|backup)s? (?:fails?|failed) (?:its |the )?(?:checksum|verification|restore)\b`), "records were destroyed: '%s'", false},
	// ---- security -----------------------------------------------------
	{kindSecurity, rx(`\b(?:pushed|committed|uploaded|published|posted) (?:to|in|into) (?:a |the )?public (?:[\w-]+ )?(?:repo(?:sitor(?:y|ies))?|buckets?|gists?|pastes?|forums?)\b|\bcloned (?:\d+ times )?by (?:unknown|external|foreign)\b`), "data published where anyone can read it: '%s'", false},
	{kindSecurity, rx(`\b(?:open to the (?:internet|public|world)|open access polic(?:y|ies)|publicly open|public[- ]read(?: acl| access)?|(?:readable|accessible|downloadable) (?:by anyone|without (?:any )?(?:authentication|login|a password)))\b`), "data open to anyone: '%s'", false},
	// One customer shown another's records is a breach, however it came about.
	{kindSecurity, rx(`\b(?:shown|shows|show|see|sees|seeing|saw|displayed|displays|visible|served|receiv(?:e|es|ed|ing)|got|gets)\b[^.;]{0,30}?\b(?:another|other|a different|someone else'?s?|the wrong) (?:customer|user|client|patient|member|account holder|subscriber|guest|passenger)(?:'s|s'|s)? (?:[\w-]+ ){0,2}?(?:data|details|invoices?|bills?|records?|accounts?|statements?|names?|addresses|orders?|profiles?|documents?|messages?|files?|results?|balances?)\b`), "shown to other customers: '%s'", false},
	{kindSecurity, rx(`\b(?:security (?:breach|incident)|data breach|unauthori[sz]ed (?:access|log ?ins?|sign-?ins?|logons?|use|users?|parties|transfers?|changes?|api calls?|(?:ssh |shell |admin |remote )?sessions?|ssh|shell)|publicly (?:readable|accessible|visible|exposed|listable)|world[- ]readable|(?:exported|downloaded|copied|transferred|uploaded|sent)\b[^.;]{0,40}?\bto (?:an? )?(?:external|unknown|foreign|third[- ]party) (?:ips?|addresses|hosts?|servers?|accounts?|buckets?)|(?:downloads?|downloaded|scraped|exported) from (?:\d+ )?(?:external|unknown|foreign) (?:ips?|addresses|hosts)|external scrapers?|public(?:ly)? (?:readable )?(?:bucket|s3 bucket|share|index)|(?:an? )?(?:ips?|address(?:es)?|hosts?|networks?) outside (?:our|the company'?s?|the corporate|aws|the vpc|the organi[sz]ation)|(?:anomalous|unusual) (?:data )?egress|anonymous (?:reads?|access|downloads?|gets?|listing)|data leak|leaked (?:credentials|secrets|keys|tokens|data)|exposed (?:credentials|secrets|keys|tokens|pii|customer data)|credentials? (?:leak|exposure)|compromised|intrusion|exfiltrat\w+|credential[- ]stuffing|attackers?|botnets?|brute[- ]forced?|account takeover|privilege escalation|ransomware|malware)\b`), "security breach: '%s'", false},
	{kindSecurity, rx(`\b(?:passwords?|api[ _-]?keys?|secret keys?|access keys?|private keys?|secrets?|tokens?|credentials)\b[^.;]{0,60}?\b(?:committed|pushed|posted|pasted|published|exposed|leaked|visible|uploaded) (?:\w+ ){0,3}?(?:public|publicly|open|world-readable|anyone)\b|\b(?:buckets?|shares?|folders?|drives?|datasets?|databases?|repos?|repositor(?:y|ies)|indexe?s?|containers?|blobs?|backups?)\b[^.;]{0,40}?\b(?:made|set|left|turned|switched|opened) (?:to )?public(?:ly)?\b|\b(?:accessed|viewed|downloaded|exported|listed|read) by (?:an? )?(?:unknown|unauthori[sz]ed|external|foreign|third|anonymous) (?:\w+ )?(?:accounts?|parties|users?|actors?|ips?|addresses)|\bfrom (?:an? )?unknown (?:ips?|asns?|networks?|addresses|locations|devices|accounts)\b|\bstolen (?:tokens?|credentials|passwords?|keys?|sessions?|cookies)\b|\b(?:tokens?|credentials|passwords?|keys?) (?:was |were )?stolen\b|\b(?:secret|private|api|access|signing) keys?\b[^.;]{0,60}?\bpublic(?:ly)?\b|\bunauthenticated (?:clients?|users?|requests?|access|callers?|visitors?)\b|\bwithout (?:any )?(?:auth(?:entication|orization)?|a session|a login|logging in|credentials)\b[^.;]{0,20}|\b(?:accounts?|wallets?|profiles?) (?:were |was |are |got )?(?:taken over|hijacked|drained|emptied|compromised)\b|\baccount takeovers?\b|\b(?:found|posted|published|dumped|listed|offered|sold|for sale) (?:\w+ )?(?:online|on (?:a |the )?(?:paste\w*|forums?|dark ?web|telegram|hacker forums?))\b|\b(?:database|customer|user|member|patient|account)s? (?:extract|dump|export)s? (?:\w+ ){0,2}?(?:found|posted|published|leaked|for sale)\b|\bpassword hashes\b`), "secrets or data exposed to outsiders: '%s'", false},
	// ---- degraded: works, but slower, staler or partly ----------------
	// ---- wrong values: the thing works, but says or charges the wrong thing
	{kindWrong, rx(`\b(?:shipped|sent|went out|delivered|packed)\b[^.;]{0,30}?\b(?:(?:one|a|\d) sizes? too (?:big|small|large)|the wrong (?:size|item|product|colou?r|address))\b`), "people see or are charged wrong values: '%s'", false},
	{kindOutage, rx(`\b(?:orders?|bookings?|reservations?|deliveries|shipments?|appointments?|classes|sessions)\b[^.;]{0,30}?\b(?:have been|has been|were|are being|got|get) (?:all )?cancel+ed\b|\bnot (?:a )?single (?:\w+ )?(?:order|payment|booking|sale|entry|exit|check-?in|login|transaction)s?\b|\bzero (?:\w+ )?(?:orders|payments|bookings|sales|entries|exits|check-?ins|logins|transactions)\b`), "the flow has stopped: '%s'", false},
	{kindWrong, rx(`\b(?:wrong|incorrect|inaccurate|bogus|garbled)\s+(?:\w+\s+){0,2}?(?:amounts?|totals?|prices?|values?|balances?|figures?|numbers?|data|results?|readings?|rates?|charges?|fees?|dates?|quantities|sums?|scores?|grades?|temperatures?)\b|\b(?:overstated|understated|inflated (?:amounts?|prices?|totals?|invoices?|bills?|charges?|fees?)|(?:appl(?:y|ies|ied)|adds?|added|adding|converted|converts?|counted|counts?|deducted|deducts?|taxed|discounted|credited|debited|multiplied|rounded) (?:the )?[^.;]{0,40}?\btwice|charged an? extra)\b|\bcharged (?:the |an? )?(?:adult|full|standard|regular|peak|old|previous|higher|business|premium|retail|list|undiscounted|non-member) (?:price|rate|fare|tariff|fee)s? (?:for|on)\b|\b(?:miscalculat\w+|mis-?priced|overcharg\w+|undercharg\w+|double[- ](?:charg|bill)\w+|(?:charged|billed|debited|invoiced|deducted|taken|applied) (?:twice|double|two times|multiple times))\b|\b(?:charg|bill|debit|invoic)\w*\b[^.;]{0,30}?\b(?:[2-9]x|twice|double|triple)\b|\bwith the (?:old|previous|outdated|last year's) (?:vat|tax|rate|price|prices|amount|fee|fees|currency|tariff)\b|\b(?:prices?|amounts?|totals?|values?|dates?|times?|currency|units?)\b[^.;]{0,30}?\binstead of\b|\bnegative (?:durations?|amounts?|prices?|balances?|stock|quantities|totals?)\b|\bcharged twice\b|\b(?:charged|billed|debited|invoiced|priced|paid out|refunded|credited)\b(?:[^.;]|\.\d){0,30}?\binstead of\b|\bpriced too (?:low|high)\b|\b(?:charged|billed|debited|invoiced)\b[^.;]{0,40}?\b(?:\d+|ten|a hundred|hundred|several|multiple) times\b|\b(?:leave|leaves|left|leaving) out\b[^.;]{0,30}?\b(?:fees?|surcharges?|charges?|tax|vat|discounts?|deposits?)\b|\bwith (?:someone|somebody|another (?:customer|user|person|patient|member))(?: else)?'s (?:name|address|data|details|information|order|account)\b|\b(?:amounts?|totals?|prices?|values?|balances?|sums?)\s+(?:of\s+)?(?:zero|0(?:[.,]00)?)\b|\bzero (?:amounts?|totals?|values?|balances?|prices?)\b|\b(?:at|for|of|to|costs?|priced at) (?:€|\$|£|eur|usd|gbp|chf) ?0(?:[.,]00?)?(?:[^\d.,]|$)|\b(?:at|for|of|to|costs?|priced at) 0(?:[.,]00)? ?(?:€|\$|£|eur|usd|gbp|chf)\b`), "people see or are charged wrong values: '%s'", false},
	{kindDegraded, rx(`\b(?:latency|sluggish|crawling|takes? (?:about |around |~)?\d+(?:[-.,]\d+)? ?(?:s|sec|seconds?|min|mins|minutes?)\b|takes? forever|slow(?:er|ness|ly)?|p9\d(?:\.\d)?|response times?)\b`), "degraded performance: '%s'", false},
	// Timeouts are failed requests: a measured share of failures outranks
	// the word.
	{kindDegraded, rx(`\b(?:timeouts?|timing out|time(?:s|d)? out)\b`), "degraded performance: '%s'", true},
	{kindDegraded, rx(`\b(?:stale|out of date|outdated|not (?:showing up|updated|updating|reflected|refreshed)|still (?:\w+ ){1,2}(?:old|previous)|old (?:value|values|data|version|one))\b`), "stale data: '%s'", false},
	{kindDegraded, rx(`\b(?:arriv\w*|come|comes|coming|goes out|go out|sent) (?:\w+ ){0,3}?\d+ ?(?:minutes?|mins?|hours?|h) late\b`), "delayed: '%s'", false},
	{kindDegraded, rx(`\b(?:delayed|delays?|lag(?:ging)?|backlog|queue (?:depth|is growing|backing up)|throttl\w+|rate limit\w*)\b`), "delayed or throttled: '%s'", false},
	// Retries that succeed are how a small failure is absorbed.
	{kindDegraded, rx(`\b(?:retries|retrying|retried|second attempt|on retry)\b`), "retried: '%s'", true},
	{kindDegraded, rx(`\b(?:degraded|elevated|intermittent(?:ly)?|partial(?:ly)?|some (?:users|customers|requests)|flaky|errors?|failures?|rejected|rejects|declined|refused|5xx|50[0234]s?)\b`), "errors or partial failure: '%s'", true},
	{kindDegraded, rx(`\bapdex\b`), "user satisfaction (apdex) below its target: '%s'", false},
	{kindSome, rx(`\b(?:some|a few|several|certain|a handful of(?: \w+)?|a small number of|a minority of|one|two|three|individual|(?:around |about |~)?\d{1,2}) (?:\w+ )?(?:users|customers|clients|shoppers|buyers|members|guests|visitors|players|students|parents|passengers|patients|riders|merchants|sites|stores|centres|centers|regions|tenants|people|partners|terminals|kiosks|branches|clinics|stations|agencies|venues|schools|hospitals|practices|offices|invoices|orders|bookings|payments|planners|drivers)\b|\bsome users\b|(?:^|[\s(~])(?:about |around |~)?(?:[0-4](?:\.\d+)?|5)\s*% of (?:the |our |all )?(?:[\w-]+ )?(?:traffic|requests|users|customers|accounts|visitors|sessions|orders|bookings|clients|members|tenants|devices)\b|\b(?:the rest works|everything else (?:works|is fine)|everywhere else is fine)\b|\bonly (?:the |one |a single )?(?:\w+ ){0,3}?(?:is|are) affected\b|\bthe rest\b[^.;]{0,30}?\b(?:normally|unaffected|as usual|work(?:s|ing)? fine)\b|\bthe other (?:\d+ )?(?:[\w-]+ ){0,2}?[\w'-]+s\b[^.;]{0,30}?\b(?:normally|fine|ok|unaffected|working|pass|passing|succeed\w*|healthy)`), "only part of the users: '%s'", false},
	// Weak: a measured crash-free or error share says how many it hurts.
	{kindDegraded, rx(`\b(?:oom ?kill\w*|out of memory|restarts?|restarting|crash(?:es|ed|ing)?)\b`), "the process is crashing or restarting: '%s'", true},
	// ---- internal / batch ----------------------------------------------
	{kindInternal, rx(`\bused (?:only )?by (?:the )?(?:\w+ ){0,2}?(?:staff|team|employees|crew|back office|office|ops|operators)\b|\b(?:internal(?:ly)?|batch(?: job)?|cron(?: ?job)?|nightly|exporter|export job|etl|backfill|analytics|dashboards?|data warehouse|scheduled job|(?:export|import|sync|etl|cron|nightly|reporting) (?:jobs?|runs?|tasks?)|staging|non-?prod\w*|succeeds? (?:on|after) (?:a )?retry)\b`), "internal or batch work: '%s'", false},
	// ---- who is affected ----------------------------------------------
	{kindCustomer, rx(`\b(?:users?|customers?|merchants?|shoppers?|buyers?|clients?|tenants?|partners?|subscribers?|members?|public|end-users?)\b`), "affects people outside the team: '%s'", false},
	// ---- calm -----------------------------------------------------------
	{kindRisk, rx(`\b(?:capacity|saturat\w*|headroom|projected|forecast\w*|will (?:fill|run out|be exhausted|exhaust|saturate)|predicted|expected to (?:fill|run out|reach|exhaust)|(?:full|exhausted|saturated) in ~?\d+\s*(?:hours?|days?|weeks?)|at current growth|running (?:low|out)|approaching (?:the )?(?:limit|quota|capacity)|(?:disk|memory|cpu|storage|quota) (?:usage |use |utili[sz]ation )?(?:at |is |of )?\d+\s*%)`), "a capacity risk: '%s'", false},
	// Something that will lapse later (a certificate, a licence, a token) is
	// a risk to act on, not a failure yet.
	{kindRisk, rx(`\b(?:expir(?:es|ing) in \d+\s*(?:minutes?|hours?|days?|weeks?|months?)|will expire|(?:is )?due to expire|expir(?:es|ing) (?:soon|on|tomorrow|next))\b`), "something will lapse, not yet failing: '%s'", false},
	{kindCalm, rx(`\b(?:(?:site|service|shop|store|app|api|website|portal) (?:is|stays|remains) up|100(?:\.0+)?\s*% (?:uptime|availability))\b`), "says it is up: '%s'", false},
	{kindCalm, rx(`\b(?:nothing (?:is )?(?:failing|broken|down|affected)(?: yet)?|no errors (?:yet|so far|for now)|(?:works?|working|functions?|functioning|runs?|running) (?:normally|fine|as (?:usual|expected))|works normally)\b`), "says the rest works normally: '%s'", false},
	{kindCosmetic, rx(`\b(?:(?:ui|visual|display|layout|rendering) glitch\w*|shifted (?:by )?\d+ ?px|off by \d+ ?px|\d+ ?px (?:to the |too far )?(?:left|right|up|down|off))\b`), "a cosmetic problem: '%s'", false},
	{kindCosmetic, rx(`\b(?:images?|pictures?|photos?|headshots?|portraits?|logos?|thumbnails?|banners?|avatars?)\b[^.;]{0,50}?\b(?:cropped|stretched|squashed|squished|blurr(?:y|ed)|pixelated|distorted|swapped|mixed up)\b`), "a cosmetic problem: '%s'", false},
	{kindCosmetic, rx(`\b(?:mistranslat\w*|badly translated|wrong(?:ly)? translat\w*|translation (?:error|mistake|typo)s?)\b`), "a cosmetic problem: '%s'", false},
	{kindCosmetic, rx(`\b(?:cosmetic|pixels?|typos?|misspell\w*|misaligned|overlaps?|overlapping|alignment|spacing|padding|font|colou?rs?|icons?|copyright|footer|placeholder text|truncated label|tooltip)\b`), "a cosmetic problem: '%s'", false},
	{kindLowUrg, rx(`\b(?:not urgent|no rush|no hurry|non-?urgent|low[- ]priority|can wait|not a big deal|when(?:ever)? you (?:get|have) (?:a|the) (?:chance|minute|moment))\b`), "the reporter says it can wait: '%s'", false},
	{kindAll, rx(`\b(?:all|every|each|none|nobody|no one|at all|anywhere)\b|\b100\s*%`), "says all or none: '%s'", false},
	{kindNoImpact, rx(`\b(?:customers?|users?|clients?|members?|guests?|players?|patients?|passengers?|shoppers?|the public)(?:'s?)? (?:[\w-]+ ){0,3}?(?:is|are|remains?|stays?) (?:completely |fully |still )?(?:unaffected|not affected|on schedule|on time|running normally)\b|\b(?:no|not a single|nenhum|ningun|aucun|kein(?:e|en)?|nessun) (?:customers?|users?|clients?|clientes?|kunden?|utilisateurs?|usuarios?|utilizadores?|utenti|utente) (?:(?:was|were|is|are|n'est|n'a ete|ist|sind|wurde|foi|fue|e) )?(?:affected|impacted|afetados?|afectados?|affectes?|impactes?|betroffen|colpit[oi])\b|\binternal (?:\w+ )?only\b|\b(?:no (?:customer|user|client)[- ](?:impact|facing)|not customer[- ]facing|no customer-facing|no (?:user|customer) impact|no impact (?:on|to) (?:users|customers)|no [\w-]+-facing impact|no external impact|internal (?:batch )?only|only used by (?:the |our )?(?:\w+ )?(?:team|staff|employees|operators|ops|admins)|used only by (?:the |our )?(?:\w+ )?(?:editors|engineers|analysts|accountants|managers|agents|support staff|developers)|(?:do|does) not depend on (?:it|this|them)|used only by (?:the |our )?(?:\w+ )?(?:team|staff|employees))\b|\b(?:public|customers?|users?|clients?|patients?|members?|visitors?|website|site|storefront|app|archive|portal|production|prod)(?:,? (?:and )?[\w-]+){0,6}? (?:is |are |stays? |remains? )?(?:unaffected|not affected|working normally)\b|\bonly (?:the |our )?(?:[\w-]+ )?(?:staff|team|employees|operators|admins) (?:use|uses|see|sees|need|needs) it\b`), "says there is no customer impact: '%s'", false},
}

var (
	// "5xx ratio 14%", "error rate is 12%", "errors for 8% of requests".
	reErrorRatio = rx(`\b(?:5xx|5\d\d|errors?|error rate|error ratio|failures?|failure rate|failed|\w*fehler\w*|errores|erreurs?|erros|errori|fouten|fallos|echecs|falhas)\b[^.;%]{0,60}?(\d{1,3}(?:\.\d+)?)\s*%`)
	// reErrorRatioAfter is a failing share stated before what fails: "18%
	// of scans returning 504", "N (5xx percent)" as CloudWatch writes it.
	reErrorRatioAfter = rx(`(\d{1,3}(?:\.\d+)?)\s*(?:%\s+(?:of|des|de|del|de las|de los|der|aller|dos|das|delle|dei|degli|della|van)\s+(?:[\w'/.-]+\s+){0,8}?(?:fail\w*|echou\w*|fall\w+|fehl\w*|falh\w+|misluk\w*|faal\w*|falen|(?:return(?:ing|s|ed)?|restituisc\w*|devuelve\w*|retorna\w*|renvoie\w*|retourne\w*|liefer\w*|geeft|geven)\s+(?:an?\s+)?(?:http\s+)?(?:5\d\d|errors?)|erroring|errored|rejected|timing out|timed out|times? out)|\((?:5xx|errors?|failures?)\s*(?:percent|%|pct|rate)\)|%\s+(?:(?:of |de )?(?:http |status )?(?:5\d\d|5xx)\b|(?:de |of )?(?:errors?|erros?|errores|erreurs?|errori|fouten|fehler)\b))`)
	// "request rate fell 70%", "traffic dropped by 80%".
	reTrafficDrop = rx(`\b(?:traffic|requests?|request rate|throughput|rps|volume|logins|orders|checkouts|conversions?)\b[^.;%]{0,40}?\b(?:fell|dropped|drops|decreased|declined|down)\s+(?:by\s+)?(\d{1,3}(?:\.\d+)?)\s*%`)
	// A number qualified as the alert's threshold or objective, not a measurement.
	reThresholdBefore = rx(`(?:threshold|slo|slos|target|objective|budget|limit|above|below|over|under|umbral|schwelle|schwellwert|seuil|soglia|limiar|drempel|esik|troskel|prog|>|<)\s*(?:of|is|=|:|de|von|di|van)?\s*$`)
	// "is normal", "unchanged", ... right after an error word.
	reNormalAfter = rx(`^\s*(?:is |at |of |=|:)?\s*0(?:\.0+)?(?:[\s,;)]|$)|^[^.;]{0,30}?\b(?:normal|unchanged|unaffected|flat|fine|healthy|as usual|not elevated|nominal|ok|within (?:the )?(?:slo|target|budget|objective|limits?))\b`)
	// A negation within the three words before a match.
	reNegBefore = rx(`(?:\b(?:no|not|zero|without|never|isn't|aren't|wasn't|nothing)|(?:^|[^\d.,])0)\s+(?:\w+\s+){0,3}$`)
)

type impactHit struct {
	reason string
	// weak: vague words a measured ratio outranks (see impactRule).
	weak bool
	// measured: read from a number (a failing share, a success ratio, a
	// traffic drop), not from words.
	measured bool
}

// impactHits holds, per kind of impact, the distinct reasons found.
type impactHits map[impactKind][]impactHit

func (h impactHits) add(k impactKind, reason string, weak bool) {
	h.put(k, impactHit{reason: reason, weak: weak})
}

// addMeasured adds what a number says.
func (h impactHits) addMeasured(k impactKind, reason string) {
	h.put(k, impactHit{reason: reason, measured: true})
}

func (h impactHits) put(k impactKind, hit impactHit) {
	for _, x := range h[k] {
		if x.reason == hit.reason {
			return
		}
	}
	h[k] = append(h[k], hit)
}

func (h impactHits) has(k impactKind) bool { return len(h[k]) > 0 }

// measured reports whether a hit of kind k came from a number rather than
// from words.
func (h impactHits) measured(k impactKind) bool {
	return slices.ContainsFunc(h[k], func(x impactHit) bool { return x.measured })
}

// reasons lists the hits' reasons, gravest kind first.
func (h impactHits) reasons() []string {
	var out []string
	for _, k := range []impactKind{kindSecurity, kindDataLoss, kindOutage, kindWrong, kindDegraded, kindSome, kindInternal, kindCustomer, kindNoImpact, kindCalm, kindRisk, kindLowUrg, kindCosmetic} {
		for _, x := range h[k] {
			out = append(out, x.reason)
		}
	}
	return out
}

// reCamel finds alert names written in camel case ("DiskWillFillIn6Days",
// "CheckoutErrorsHigh"); reHump is where one of their words begins.
var (
	reCamel = regexp.MustCompile(`\b[A-Z][a-z]+(?:[A-Z0-9][a-z0-9]*){2,}\b`)
	reHump  = regexp.MustCompile(`([a-z0-9])([A-Z])|([a-z])([0-9])`)
)

// spellCamel spells the camel-case names of a title as words, so the rules
// read "disk will fill in 6 days" where the alert says DiskWillFillIn6Days.
func spellCamel(title string) string {
	var out []string
	for _, name := range reCamel.FindAllString(title, -1) {
		// Twice: matches do not overlap, so "n3D" needs a second pass.
		out = append(out, reHump.ReplaceAllString(reHump.ReplaceAllString(name, "$1$3 $2$4"), "$1$3 $2$4"))
	}
	return strings.Join(out, " ")
}

// rePercentWord is a percentage written as a word; reDecimalComma a
// decimal comma before a percent sign.
var (
	rePercentWord  = rx(`(\d)\s*(?:pourcent|pour cent|por ciento|prozent|por cento|per cento|procent)\b`)
	reDecimalComma = rx(`\b(\d{1,3}),(\d+)\s*%`)
	// "%4,2" (Turkish writes the sign first), "2.4‰" (per mille), "2 317"
	// and "2 317" (thousands grouped by spaces): numbers as the ratio and
	// count rules read them.
	rePercentFirst = rx(`(^|[\s(=:])%\s?(\d+(?:[.,]\d+)?)\b`)
	rePerMille     = rx(`\b(\d+(?:[.,]\d+)?)\s*‰`)
	reSpaceGroups  = regexp.MustCompile(`\b(\d{1,3})(?:[\x{00a0}\x{202f} ]\d{3})+\b`)
)

// reCodeWithUnit is a number in the range of server errors followed by a
// unit: joined to it, the status-code rules do not read it.
var reCodeWithUnit = rx(`\b(5\d\d)\s+(t|kg|g|tonnes?|tons?|km|l|ml|units?|items?|pieces?|pcs|eur|usd|gbp|people|users|customers|orders|guests|mb|gb|ms|m³|m2)\b`)

// reQuotedName is a name in quotes or guillemets, every word capitalised;
// reProductNoun is what makes such a name a product's or a feature's
// ("the perfume « Blackout Intense »", "our 'Flight Outage Alerts'
// feature"), whose words are not statements about the service.
var (
	reQuotedName  = regexp.MustCompile(`(?:['"‘“«]\s?)((?:\p{Lu}[\p{L}\d&-]*)(?:\s+\p{Lu}[\p{L}\d&-]*){0,4})(?:\s?['"’”»])`)
	reProductNoun = regexp.MustCompile(`(?i)(?:feature|features|product|produit|producto|produkt|prodotto|produto|plan|bundle|package|subscription|abonnement|suscripci[oó]n|assinatura|perfume|parfum|fragrance|collection|campaign|promo|promotion|offer|menu|our|notre|nuestro|unser\w*|tier|edition)`)
)

// blankProductNames replaces product and feature names by a neutral word.
func blankProductNames(text string) string {
	var b strings.Builder
	last := 0
	for _, loc := range reQuotedName.FindAllStringSubmatchIndex(text, -1) {
		before := text[max(0, loc[0]-30):loc[0]]
		after := text[loc[1]:min(len(text), loc[1]+25)]
		if !reProductNoun.MatchString(lastWords(before, 3)) && !reProductNoun.MatchString(firstWords(after, 2)) {
			continue
		}
		b.WriteString(text[last:loc[2]])
		b.WriteString("product")
		last = loc[3]
	}
	b.WriteString(text[last:])
	return b.String()
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(len(f), n)], " ")
}

// normalizeNumerals rewrites the ways numbers are written in other
// locales into the form the ratio and count rules read.
func normalizeNumerals(lower string) string {
	lower = rePercentFirst.ReplaceAllString(lower, "$1$2%")
	lower = rePerMille.ReplaceAllStringFunc(lower, func(m string) string {
		v, ok := parseNum(strings.ReplaceAll(strings.TrimSpace(strings.TrimSuffix(m, "‰")), ",", "."))
		if !ok {
			return m
		}
		return strconv.FormatFloat(v/10, 'f', -1, 64) + "%"
	})
	var b strings.Builder
	last := 0
	for _, loc := range reSpaceGroups.FindAllStringIndex(lower, -1) {
		// "http/1.1 503", "v2 100": the first group belongs to another number.
		if loc[0] > 0 && strings.ContainsRune(".,/:-", rune(lower[loc[0]-1])) {
			continue
		}
		b.WriteString(lower[last:loc[0]])
		b.WriteString(strings.Map(func(r rune) rune {
			if r == ' ' || r == '\u00a0' || r == '\u202f' {
				return -1
			}
			return r
		}, lower[loc[0]:loc[1]]))
		last = loc[1]
	}
	b.WriteString(lower[last:])
	return b.String()
}

// reTheRest is "all but the ones named": "all other bookings look right"
// says the rest is fine, not that all are affected.
// reProbeOnly says users are not affected by what a synthetic probe saw.
var reProbeOnly = rx(`\bpassed (?:on|after) (?:the |an? )?(?:automatic |second |next )?(?:retry|re-?run|attempt)\b|\b(?:real|actual|live) (?:\w+ )?(?:sales|orders|traffic|bookings|payments|checkouts|users|purchases)\b[^.;]{0,30}?\b(?:match(?:es)?|normal|as usual|unaffected|on track|in line)\b`)

var reBurnSpeed = rx(`\b(?:slow|fast)[- ]burn`)

var reOfflineFeature = rx(`\boffline (downloads?|mode|maps?|sync|playback|listening|viewing|content|access|support|first|capable|copies|reading)\b`)

var reTheRest = rx(`\b(?:all (?:the )?others?|every other|everyone else|everybody else)\b`)

// severityText is the signal's title, text and labels, folded to lower case
// without accents and followed by English glosses of other languages, as
// the impact rules read them.
func severityText(sig Signal) string {
	text := strings.Join([]string{sig.Title, spellCamel(sig.Title), sig.Text, sig.labelText()}, " . ")
	text = blankProductNames(text)
	lower := reTheRest.ReplaceAllString(withGlosses(text), "the rest")
	// "offline downloads", "offline mode": a feature's name, not an outage.
	lower = reOfflineFeature.ReplaceAllString(lower, "local $1")
	// "7 pourcent", "0,3 %": a percentage as the ratio rules read it.
	lower = rePercentWord.ReplaceAllString(lower, "$1%")
	lower = normalizeNumerals(lower)
	// "below the 500 t reorder line": a quantity, not a status code.
	lower = reCodeWithUnit.ReplaceAllString(lower, "$1$2")
	lower = reDecimalComma.ReplaceAllString(lower, "$1.$2%")
	// A slow or fast SLO burn names how the budget burns, not slowness.
	lower = reBurnSpeed.ReplaceAllString(lower, "burn")
	// "internal server error" is a user-facing error, not internal work.
	return strings.ReplaceAll(lower, "internal server error", "server error")
}

// readImpact finds the impact lower describes, words first, then the
// measurements. maxRatio is the highest measured error ratio in percent,
// -1 when none is stated.
func readImpact(lower string) (hits impactHits, maxRatio float64) {
	hits = impactHits{}
	// A latency measured within its objective ("p99 210 ms (SLO 500 ms)")
	// is no slowness: its words are not read as such.
	hits.matchWords(withoutLatencyWithinObjective(lower))
	maxRatio = maxErrorRatio(lower)
	hits.addMeasurements(lower, maxRatio)
	// A measured share under the outage line says how many fail: vague
	// failure words ("checkout failing") then describe a partial failure.
	if maxRatio >= 0 && maxRatio < OutageErrorRatio && !hits.has(kindAll) {
		var keep []impactHit
		for _, x := range hits[kindOutage] {
			if x.weak {
				hits.add(kindDegraded, x.reason, false)
				continue
			}
			keep = append(keep, x)
		}
		hits[kindOutage] = keep
	}
	maxRatio = max(maxRatio, hits.readNumbers(lower))
	// Failing requests that retries or a fallback absorb: when nearly all
	// the work still reaches users, it is slower, not down.
	if served := servedShare(lower); served >= 100-OutageErrorRatio && hits.has(kindOutage) {
		for _, x := range hits[kindOutage] {
			hits.add(kindDegraded, x.reason, false)
		}
		hits.add(kindDegraded, fmt.Sprintf("yet %.4g%% still reaches users: degraded, not down", served), false)
		delete(hits, kindOutage)
	}
	// A failure only a probe saw (it passed on retry, real traffic is
	// normal), or a risk beside a plain "works normally": vague failure
	// words then name the probe's blip or the risk, not users' trouble.
	probeOnly := reProbeOnly.FindString(lower)
	if probeOnly != "" {
		hits.add(kindCalm, fmt.Sprintf("only a probe saw it: '%s'", probeOnly), false)
	}
	if (probeOnly != "" || hits.has(kindRisk) && hits.has(kindCalm)) && !hits.has(kindOutage) && !slices.ContainsFunc(hits[kindDegraded], func(x impactHit) bool { return !x.weak }) {
		delete(hits, kindDegraded)
	}
	// Measured low errors cancel vague error words but not a measured or
	// explicit outage.
	if maxRatio >= 0 && maxRatio < DegradedErrorRatio {
		var keep []impactHit
		for _, x := range hits[kindDegraded] {
			if !x.weak {
				keep = append(keep, x)
			}
		}
		hits[kindDegraded] = keep
	}
	return hits, maxRatio
}

// withoutLatencyWithinObjective blanks the latencies lower measures within
// their objective, unless another is measured past it.
func withoutLatencyWithinObjective(lower string) string {
	readings := latenciesAgainstObjective(lower)
	if len(readings) == 0 {
		return lower
	}
	b := []byte(lower)
	for _, l := range readings {
		if !l.within {
			return lower
		}
		for i := l.at[0]; i < l.at[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// matchWords applies the impact rules, one hit per rule. A match negated
// just before it ("not down") does not count; an outage or degradation
// word followed by "is normal" counts as calm instead.
func (h impactHits) matchWords(lower string) {
	for i, r := range impactRules {
		re := impactGates[i].forText(lower)
		if re == nil {
			continue
		}
		for _, loc := range re.FindAllStringIndex(lower, -1) {
			m := strings.TrimSpace(lower[loc[0]:loc[1]])
			before, after := lower[:loc[0]], lower[loc[1]:]
			if r.kind != kindNoImpact && reNegBefore.MatchString(tail(clause(before), 64)) {
				continue
			}
			if (r.kind == kindDegraded || r.kind == kindOutage) && reNormalAfter.MatchString(after) {
				h.add(kindCalm, fmt.Sprintf("says '%s' is normal", m), false)
				continue
			}
			h.add(r.kind, fmt.Sprintf(r.reason, m), r.weak)
			break // one hit per rule is enough
		}
	}
}

// maxErrorRatio is the highest error ratio (percent) the text states as a
// measurement, not as the alert's threshold; -1 when there is none.
var reBudgetShare = rx(`\bbudget\b|\d\s*%\s*(?:of (?:the |its )?(?:\w+ )?budget )?(?:remaining|left|consumed|spent|used|burn(?:ed|t))\b`)

func maxErrorRatio(lower string) float64 {
	maxRatio := -1.0
	for _, m := range reErrorRatio.FindAllStringSubmatchIndex(lower, -1) {
		numStart := m[2]
		if before := tail(lower[:numStart], 48); reThresholdBefore.MatchString(before) && !reFiredAbove.MatchString(before) {
			continue
		}
		// "error budget 34% remaining" measures what is left to spend.
		if reBudgetShare.MatchString(lower[max(0, m[0]-30):min(len(lower), m[1]+20)]) {
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
	for _, m := range reErrorRatioAfter.FindAllStringSubmatch(lower, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v <= 100 && v > maxRatio {
			maxRatio = v
		}
	}
	// A query's ratio of failing to all requests with its value: sum(rate(
	// ...{code=~"5.."}[5m])) / sum(rate(...[5m])) = 0.2.
	for _, m := range reQueryErrorRatio.FindAllStringSubmatch(lower, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v <= 1 && v*100 > maxRatio {
			maxRatio = v * 100
		}
	}
	// An alert's value line under an error-type condition: "Condition:
	// Error percentage ... Value: 27 %" (the condition names what the
	// value measures, the value line gives no word of its own).
	if reErrorMetric.MatchString(lower) && !reGoodMetric.MatchString(lower) {
		for _, m := range reValueLine.FindAllStringSubmatch(lower, -1) {
			v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
			if err != nil || m[2] == "" && reValueUnit.MatchString(m[3]) {
				continue // "value: 6.24 s" is a latency, not a share
			}
			// Without a sign, a value of at most one is a fraction unless
			// the condition says it is a percentage.
			if m[2] == "" && v <= 1 && !rePercentCondition.MatchString(lower) {
				v *= 100
			}
			if v <= 100 && v > maxRatio {
				maxRatio = v
			}
		}
	}
	// "3 out of the last 3 datapoints [58.2 (...), 61.0] were greater than
	// the threshold" under an alarm on an error rate: the datapoints are
	// the rate.
	if reErrorMetric.MatchString(lower) {
		for _, m := range reDatapoints.FindAllStringSubmatch(lower, -1) {
			if v, err := strconv.ParseFloat(m[1], 64); err == nil && v <= 100 && v > maxRatio {
				maxRatio = v
			}
		}
	}
	// An SLO's burn rate is the failing share over the share its objective
	// allows: burn 6 against 99.5 % is 3 % failing.
	if b := burnRate(lower); b > maxRatio {
		maxRatio = b
	}
	// A ratio written as a fraction ("error_ratio 0.0007").
	for _, m := range reErrorFraction.FindAllStringSubmatchIndex(lower, -1) {
		if reThresholdBefore.MatchString(tail(lower[:m[2]], 48)) {
			continue
		}
		if v, err := strconv.ParseFloat(lower[m[2]:m[3]], 64); err == nil && v <= 1 && v*100 > maxRatio {
			maxRatio = v * 100
		}
	}
	return maxRatio
}

// reErrorMetric names an error-type ratio; reGoodMetric a success-type
// one; reValueLine is the measured value an alert prints on its own line.
var (
	reErrorMetric = rx(`\b(?:errors?|failures?|fail|5xx|rejection|reject|decline)[ _-]?(?:rate|ratio|percentage|percent|pct|share)\b|\berror %|\b(?:percentage|percent|procent|prozent|ratio) (?:of )?(?:mislukte|failed|failing|fehlgeschlagene\w*|fallid\w+|echouee?s|falhad\w+)\b|\bresult\s*=\s*\\?"(?:error|failed|failure)`)
	reGoodMetric  = rx(`\b(?:success|availability|uptime|delivery|acceptance)[ _-]?(?:rate|ratio|percentage|percent|pct|share)?\b`)
	reValueLine   = rx(`(?:^|\n|\.\s)\s*(?:-\s*)?(?:value|valor|valeur|wert|messwert|waarde|metriekwaarde|valore|current(?: value)?|actual|observed|aktuell|atual|deger|varde|metric value)\s*[:=]\s*~?(\d{1,3}(?:[.,]\d+)?)\s*(%?)(?:\s*$|\s+([a-zµ]+)|\s*\n)`)
	reValueUnit   = rx(`^(?:ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?|x|kb|mb|gb|tb|rps|qps|req|b|bytes)$`)
	reDatapoints  = rx(`\bdatapoints?\s*\[(\d+(?:\.\d+)?)`)
	// A condition on a percentage, whose value lines carry no sign.
	rePercentCondition = rx(`\b(?:percentage|percent|procent|prozent|pourcentage|porcentaje|porcentagem|percentuale)\b`)
	// An SLO burn rate, and the objective it burns against.
	reBurnRate  = rx(`\bburn[_ ]?rate\b`)
	reBurnValue = rx(`\bburn[_ ]?rate\b[^\n.;\d]{0,20}?(?:(?:of|is|=|:|at)\s*)?(\d+(?:\.\d+)?)\s*x?\b|(?:^|\n)\s*(?:value|current value|observed)\s*[:=]\s*(\d+(?:\.\d+)?)\s*x?(?:\s|$)`)
	reSLOGoal   = rx(`\b(?:slo|objective|goal|target)\b[^\n.;%]{0,30}?(9\d(?:\.\d+)?)\s*%|(9\d(?:\.\d+)?)\s*%\s*(?:slo|objective|availability (?:slo|objective|target))`)
)

// burnRate reads an SLO burn rate and its objective as the failing share
// (percent) they imply, -1 when the text states no burn rate.
func burnRate(lower string) float64 {
	if !reBurnRate.MatchString(lower) {
		return -1
	}
	g := reSLOGoal.FindStringSubmatch(lower)
	if g == nil {
		return -1
	}
	goal, err := strconv.ParseFloat(g[1]+g[2], 64)
	if err != nil || goal >= 100 {
		return -1
	}
	best := -1.0
	for _, m := range reBurnValue.FindAllStringSubmatch(lower, -1) {
		if b, err := strconv.ParseFloat(m[1]+m[2], 64); err == nil {
			best = max(best, min(100, b*(100-goal)))
		}
	}
	return best
}

// reFiredAbove is a bare comparison ("error percentage > N% for 10
// minutes"): an alert that fired on it measured at least N.
var reFiredAbove = rx(`(?:^|[^\w])(?:>=?|exceeds?|exceeded)\s*$`)

// reQueryErrorRatio is a query dividing the requests with a 5xx status
// by all of them, and the value it returned.
var reQueryErrorRatio = rx(`\b(?:code|status|status_code|response_code|outcome|result|status_class)\s*=~?\s*\\?["'](?:5(?:\.\.|xx|\d\d)|errors?|fail(?:ed|ure)?)\\?["'][^/]{0,80}/.{0,200}?\)\s*=\s*(0?\.\d+|1(?:\.0+)?)\b`)

// reErrorFraction is an error or failure ratio written as a fraction of
// one, not a percentage.
var reErrorFraction = rx(`\b(?:error|failure|5xx|fail)[ _-]?(?:rate|ratio)\s*(?:is|was|at|of|now|=|:)?\s*(0?\.\d+|0|1(?:\.0+)?)\b(?:\s*[^%\s\d]|\s*$)`)

// addMeasurements adds what measured error ratios and traffic drops say:
// they outrank words.
func (h impactHits) addMeasurements(lower string, maxRatio float64) {
	switch {
	case maxRatio >= OutageErrorRatio:
		h.addMeasured(kindOutage, fmt.Sprintf("%.4g%% of requests are failing (>= %.0f%%)", maxRatio, OutageErrorRatio))
	case maxRatio >= DegradedErrorRatio:
		h.addMeasured(kindDegraded, fmt.Sprintf("%.4g%% of requests are failing (%.0f-%.0f%%)", maxRatio, DegradedErrorRatio, OutageErrorRatio))
	case maxRatio >= 0:
		h.addMeasured(kindCalm, fmt.Sprintf("error ratio is only %.4g%% (< %.0f%%)", maxRatio, DegradedErrorRatio))
	}
	for _, m := range reTrafficDrop.FindAllStringSubmatch(lower, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v >= TrafficDropOutage {
			h.addMeasured(kindOutage, fmt.Sprintf("traffic fell %.4g%%: clients are not getting through", v))
			break
		}
	}
}

// clause is the text after the last sentence or clause break.
func clause(before string) string {
	if i := strings.LastIndexAny(before, ".;!?,:\n()"); i >= 0 {
		return before[i+1:]
	}
	return before
}
