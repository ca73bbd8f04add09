package triage

// heldout33_test.go is a thirty-third known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// thirty-first's fixes. First run: correct 6/16, precision 0.43 (3/7
// claims, four wrong), recall 0.33. The classes: an age measured fresh
// ("station_last_report_age_seconds = 38") did not contradict a stalled
// feed; a counter of discarded items at zero ("discard" was no failure
// word); a zero counter of events named by their plural ("..._reconnects_
// total = 0"); a reporter's stated belief ("pretty sure it's ... again");
// connections against their limit as two series; a cause named as "at the
// N limit"; Bluetooth and Wi-Fi are network links. After: 10/16, precision
// 1.00, recall 0.33. It has tuned rules since, so it is no longer held
// out.

// Written without reading the triage rules on 2026-12-05. Industries: satellite ground stations, rail freight yards, school bus operators, ramen shops, milk delivery rounds, olive oil mills, allotment associations, mountain rescue teams, community radio stations, paragliding schools, motorcycle speedway, court reporting, digital billboard advertising, seaweed harvesters, hydrographic survey vessels, contract bridge clubs.

// heldout33_test.go is a thirty-third known-issue sample (16 cases): nine
// where one issue fits (alerts carrying the fault signature, reports in the
// reporter's own words, Italian, Dutch and Polish reports, and two
// near-identical issues told apart by a software version) and seven where
// none does (ages and usage inside their bounds, a failure counter at zero,
// a different status code, a different component, only some units down, and
// the symptom explained by a deploy, a provider outage or a change by hand;
// two reporters name the known issue themselves).

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout33 = []kiCase{
	// --- alerts carrying the fault signature ---
	// stale orbital elements after the catalogue login expired; the alert
	// shares almost no words with the issue title
	{
		name:    "ground station passes without lock from stale elements alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GS-1", Title: "Pass predictions computed from stale TLEs when the catalogue fetch fails", Symptoms: "When the nightly orbital-element download from the catalogue service fails (for example on expired credentials), the scheduler keeps using elements several days old; antennas slew to where the spacecraft was predicted to be and passes end with no carrier lock", Runbook: "Renew the catalogue account, force an element refresh, re-plan the next 24h of passes."},
			{ID: "KI-GS-2", Title: "Antenna drive overheats and parks the dish on summer afternoons", Symptoms: "Azimuth motor drive reports over-temperature and stows the antenna; passes after 14:00 local are missed"},
			{ID: "KI-GS-3", Title: "Downlinked products truncated at 2 GiB on the archive share", Symptoms: "Imagery files larger than 2 GiB are cut short when copied to the SMB archive"},
		},
		service: config.Service{Name: "pass-scheduler", Domains: []string{"ground station", "antenna", "scheduling"}},
		sig:     Signal{Title: "[FIRING:3] PassNoLock station=svalbard-2 sat=EO-7", Text: "Three consecutive passes ended without carrier lock. Antenna tracking reported nominal throughout.", Service: "pass-scheduler"},
		evidence: []string{
			"metric: orbital_elements_age_hours{norad=\"51234\"} = 96",
			"log: ERROR elements-sync: catalogue login rejected: 401 Unauthorized (account password expired 2026-12-01)",
			"metric: pass_lock_acquired{station=\"svalbard-2\",sat=\"EO-7\"} = 0",
			"metric: antenna_drive_temperature_celsius{station=\"svalbard-2\"} = 4",
		},
		want: "KI-GS-1",
	},
	// long trains held at the exit signal; only the 64-wagon train is
	// refused with 413, the 38-wagon one clears
	{
		name:    "freight yard long trains held at exit alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RFY-1", Title: "Long trains' consignment notes refused by the customs gateway for size", Symptoms: "Trains of more than 60 wagons are held at the exit signal because their electronic consignment message exceeds the gateway's payload limit and is refused with HTTP 413; shorter trains clear normally"},
			{ID: "KI-RFY-2", Title: "Hump retarder speeds logged in mph after the PLC swap", Symptoms: "Retarder exit speeds recorded 1.6 times too low on the new PLC; coupling speed reports look falsely safe"},
			{ID: "KI-RFY-3", Title: "Wagon inspection photos not attached to defect reports", Symptoms: "Defect cards created from the handheld have no photos; the upload finishes after the card is saved"},
		},
		service: config.Service{Name: "yard-departures", Domains: []string{"rail freight", "customs", "edi"}},
		sig:     Signal{Title: "YardExitHoldTimeHigh yard=north dir=south", Text: "Average hold at the south exit signal 94 min over the last 3h (normal < 15).", Service: "yard-departures"},
		evidence: []string{
			"metric: exit_hold_minutes{train=\"48211\",wagons=\"64\"} = 131",
			"metric: exit_hold_minutes{train=\"48219\",wagons=\"38\"} = 6",
			"log: WARN edi-out: consignment for train 48211 refused by gateway: HTTP 413 Request Entity Too Large (body 1.3 MB)",
			"metric: customs_gateway_up = 1",
		},
		want: "KI-RFY-1",
	},
	// readers out of space, pupils who rode show as absent
	{
		name:    "school bus boarding records missing alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SBUS-1", Title: "Tap-ons lost when the onboard reader's memory card fills up", Symptoms: "Once the SD card in a bus card reader is full, taps are no longer stored; schools see pupils who rode the bus marked as absent from transport"},
			{ID: "KI-SBUS-2", Title: "Route changes not pushed to driver tablets overnight", Symptoms: "Drivers follow yesterday's route after a stop has been added or moved"},
			{ID: "KI-SBUS-3", Title: "Late-bus text to parents sent twice", Symptoms: "Parents receive the same delay SMS two times a few seconds apart"},
		},
		service: config.Service{Name: "ridership", Domains: []string{"school transport", "card readers", "attendance"}},
		sig:     Signal{Title: "[FIRING] RidershipReconcileMismatch depot=north", Text: "47 pupils on GPS-confirmed buses have no boarding record this morning.", Service: "ridership"},
		evidence: []string{
			"metric: reader_storage_used_ratio{bus=\"17\"} = 1",
			"metric: reader_storage_used_ratio{bus=\"22\"} = 1",
			"log: reader-17: append /mnt/sd/taps/20261205.log failed: ENOSPC",
			"metric: route_push_failures_total = 0",
		},
		want: "KI-SBUS-1",
	},
	// two near-identical issues; the playout version and the overrun decide
	{
		name:    "community radio dead air after handover version detail",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CRS-1", Title: "Dead air after live-to-automation handover on playout 5.1", Symptoms: "On playout 5.1.x the automation cannot reopen the sound card after the live desk releases it; the log shows 'audio device busy' and the station stays silent until the playout PC is restarted"},
			{ID: "KI-CRS-2", Title: "Dead air after live-to-automation handover on playout 5.3", Symptoms: "On playout 5.3.x the playlist position is lost when a live show overruns the hour; automation sits waiting for a cue that never arrives and the silence detector trips"},
			{ID: "KI-CRS-3", Title: "RDS text stuck on the previous song", Symptoms: "Car radios keep showing the last track title long after it ended"},
		},
		service: config.Service{Name: "playout", Domains: []string{"radio", "broadcast", "automation"}},
		sig:     Signal{Title: "SilenceDetected FM 97.3 duration 4m12s", Text: "Silence detector tripped on the FM air chain after the evening show.", Service: "playout"},
		evidence: []string{
			"metric: silence_detector_active_seconds{chain=\"fm\"} = 252",
			"log: playout 5.3.2: handover LIVE->AUTO at 19:02:41 (show overran by 161s); next item: none; waiting for cue",
			"metric: playout_build_info{version=\"5.3.2\"} = 1",
		},
		want: "KI-CRS-2",
	},

	// --- reports in the reporter's own words ---
	{
		name:    "ramen delivery bowl sent without changes",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RAMEN-1", Title: "Delivery-app orders reach the kitchen display without modifiers", Symptoms: "Orders coming in through delivery platforms show on the kitchen screen without the customer's modifiers (no egg, extra spicy, broth swaps); in-store orders show them correctly"},
			{ID: "KI-RAMEN-2", Title: "Broth batch timers reset when the kitchen tablet sleeps", Symptoms: "Stock pot countdowns start over after the tablet screen locks"},
			{ID: "KI-RAMEN-3", Title: "Loyalty stamps not added for split bills", Symptoms: "Customers who split the bill get no stamp on their card"},
		},
		service: config.Service{Name: "kitchen-display", Domains: []string{"restaurant", "orders", "delivery"}},
		sig:     Signal{Title: "another wrong bowl went out", Text: "Third one back this week. Guy on Deliveroo asked for no chashu, the vegan miso base and no egg. The ticket on the pass just said 'Shoyu x1' with nothing under it, so that's what went in the bag. Walk-in tickets all have the little extra lines like normal.", Service: "kitchen-display"},
		want:    "KI-RAMEN-1",
	},
	{
		name:    "milk round delivered during holiday stop",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MILK-1", Title: "Holiday pauses from the app not carried to the printed round sheet", Symptoms: "Customers who pause deliveries for a holiday still get milk left on the doorstep; the pause shows in their account but the driver's round sheet still lists them"},
			{ID: "KI-MILK-2", Title: "Glass bottle deposit refunded twice", Symptoms: "Returned bottles credited on two consecutive weekly bills"},
			{ID: "KI-MILK-3", Title: "Weekly bill card payments declined for Amex", Symptoms: "American Express cards fail at checkout with a generic error"},
		},
		service: config.Service{Name: "rounds", Domains: []string{"milk delivery", "subscriptions"}},
		sig:     Signal{Title: "six pints of sour milk on my step", Text: "Came back from a fortnight in Tenerife to six pints gone off on the doorstep. I put the stop on through the app before we flew and it's still sitting there in my account with the right dates. Not impressed, and I'm not paying for those.", Service: "rounds"},
		want:    "KI-MILK-1",
	},

	// --- other languages ---
	// Italian: reminder one hour early (UTC vs CET in winter)
	{
		name:    "olive mill reminder an hour early italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-OLIO-1", Title: "Milling slot reminder SMS shows the time in UTC", Symptoms: "Growers' reminder texts give their pressing slot in UTC, so in winter they read one hour earlier than the booking and growers arrive before the mill opens"},
			{ID: "KI-OLIO-2", Title: "Oil yield report uses gross olive weight", Symptoms: "Yield percentage on the grower's report is computed on the weight including leaves and crates"},
			{ID: "KI-OLIO-3", Title: "Weighbridge ticket prints the previous grower's name", Symptoms: "The ticket handed over at intake carries the name of the grower weighed before"},
		},
		service: config.Service{Name: "mill-booking", Domains: []string{"olive mill", "bookings", "sms"}},
		sig:     Signal{Title: "Il promemoria aveva l'orario sbagliato", Text: "Buongiorno, il messaggio di promemoria diceva di portare le olive alle 7:00, ma sul sito la mia prenotazione è per le 8:00. Siamo arrivati col trattore un'ora prima e il frantoio era ancora chiuso. È successo lo stesso anche a mio cugino la settimana scorsa.", Service: "mill-booking"},
		want:    "KI-OLIO-1",
	},
	// Dutch: yearly rent debited from old and new account
	{
		name:    "allotment rent debited from two accounts dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VOLK-1", Title: "Annual plot rent collected twice after a member changes bank account", Symptoms: "Members who update their bank account during the year are debited the yearly rent under both the old and the new direct-debit mandate"},
			{ID: "KI-VOLK-2", Title: "Waiting list position jumps after a plot is split", Symptoms: "Applicants move down the list when a large plot is divided into two"},
			{ID: "KI-VOLK-3", Title: "Shared tap water readings entered twice", Symptoms: "Water costs for the shared tap are charged double to the plots on that path"},
		},
		service: config.Service{Name: "members", Domains: []string{"allotments", "billing", "direct debit"}},
		sig:     Signal{Title: "Huur voor mijn tuin twee keer afgeschreven", Text: "Goedemiddag, in juli heb ik via de ledenpagina mijn nieuwe rekeningnummer doorgegeven. Nu is de jaarhuur voor mijn tuin (vak 14) van €85 twee keer afgeschreven: één keer van mijn oude rekening bij de ING en één keer van de nieuwe bij de Rabobank. Kunt u één bedrag terugstorten?", Service: "members"},
		want:    "KI-VOLK-1",
	},
	// Polish: callout heard 20 minutes late, phone in battery saver
	{
		name:    "mountain rescue callout late on battery saver polish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MRT-1", Title: "Callout alerts arrive silently or late on phones in battery saver mode", Symptoms: "Volunteers whose Android phones have battery optimisation on get callout notifications without sound or many minutes late because the app is stopped in the background"},
			{ID: "KI-MRT-2", Title: "Casualty map swaps latitude and longitude for grid reference input", Symptoms: "Locations entered as a grid reference are plotted in the wrong hemisphere"},
			{ID: "KI-MRT-3", Title: "Availability board keeps members available after they sign off", Symptoms: "Members who set themselves unavailable still show green to the coordinator"},
		},
		service: config.Service{Name: "callout", Domains: []string{"mountain rescue", "paging", "mobile"}},
		sig:     Signal{Title: "Wezwanie do akcji dotarło z dużym opóźnieniem", Text: "Wczoraj przy akcji pod Kasprowym o wezwaniu dowiedziałem się dopiero po dwudziestu minutach. Telefon miałem w trybie oszczędzania baterii, bo cały dzień byłem w terenie. Powiadomienie przyszło bez żadnego dźwięku. Kolega ma ten sam model, tylko bez oszczędzania, i usłyszał od razu.", Service: "callout"},
		want:    "KI-MRT-1",
	},

	// --- none fits ---
	// station feed fresh; the briefing source was switched by hand
	{
		name:    "paragliding briefing wind wrong but feed fresh",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PARA-1", Title: "Launch briefing shows stale wind when the weather station feed stalls", Symptoms: "If the hilltop station stops reporting, the briefing screen keeps showing its last reading with no warning; wind figures more than an hour old are displayed as current"},
			{ID: "KI-PARA-2", Title: "Tandem booking confirmations list the wrong meeting point", Symptoms: "Customers are sent to the landing field instead of the cable car station"},
			{ID: "KI-PARA-3", Title: "Student logbook loses flights synced from the vario app", Symptoms: "Flights imported from the variometer app disappear after the next sync"},
		},
		service: config.Service{Name: "briefing", Domains: []string{"paragliding", "weather"}},
		sig:     Signal{Title: "Briefing wind way off at launch", Text: "Screen said 8 kt from the west this morning, instructors on the ridge measured 22 kt gusting 28. We stood the students down, but that could have gone badly.", Service: "briefing"},
		evidence: []string{
			"metric: briefing_wind_source_age_seconds = 41",
			"metric: station_last_report_age_seconds{station=\"ridge-top\"} = 38",
			"log: briefing: wind source station=valley-airfield updated 09:14:03",
			"log: config-audit: briefing wind source changed from ridge-top to valley-airfield by user t.baur at 2026-12-04 17:22 (\"ridge station maintenance\")",
		},
		want: "",
	},
	// decoder well inside its uptime bound; a results-page deploy broke the times
	{
		name:    "speedway results without lap times after web deploy",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SPD-1", Title: "Lap times missing once the timing decoder has run for more than 6 hours", Symptoms: "The loop decoder's clock drifts after about 6 hours of uptime; transponder passings are discarded as out of window and heats show no lap times"},
			{ID: "KI-SPD-2", Title: "Starting gate tape sensor reports false starts in the rain", Symptoms: "Wet tape sensor flags riders as breaking the tape"},
			{ID: "KI-SPD-3", Title: "Season ticket QR codes rejected at turnstiles after renewal", Symptoms: "Renewed season tickets show 'invalid' at the gate"},
		},
		service: config.Service{Name: "race-results", Domains: []string{"speedway", "timing", "results"}},
		sig:     Signal{Title: "Live results page shows heats with no times", Text: "Fans complaining that heats 4 to 7 on the live results page list the riders but no times. The commentary box has all the times on the timing screen.", Service: "race-results"},
		evidence: []string{
			"metric: decoder_uptime_hours = 1.8",
			"metric: decoder_passings_discarded_total = 0",
			"log: deploy: results-web v3.9.0 rolled out 19:41 (new heat card component)",
			"log: results-web: TypeError: Cannot read properties of undefined (reading 'lapTimes') at HeatCard.render",
			"trace: GET /live/heats span timing-api.passings status=ok 14ms; span results-web.HeatCard.render status=error",
		},
		want: "",
	},
	// reporter names the Bluetooth issue; writer is on USB, local viewers
	// fine, the cloud relay provider was degraded
	{
		name:    "court realtime remote feed lost blamed on bluetooth",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CRT-1", Title: "Realtime feed freezes when the writer's Bluetooth link reconnects", Symptoms: "When the steno writer's Bluetooth connection drops and reconnects, the CAT software stops forwarding strokes; every realtime viewer, in the room and remote, sees the transcript freeze until the reporter restarts the session"},
			{ID: "KI-CRT-2", Title: "Rough draft exports lose speaker labels", Symptoms: "Q and A designations missing from the rough draft PDF"},
			{ID: "KI-CRT-3", Title: "Exhibit index page numbers off by one in condensed transcripts", Symptoms: "Exhibit references point one page too early in the 4-up format"},
		},
		service: config.Service{Name: "realtime", Domains: []string{"court reporting", "transcription", "streaming"}},
		sig:     Signal{Title: "Realtime dropped in 4B - the Bluetooth reconnect freeze again?", Text: "Attorneys on the remote link in courtroom 4B lost the realtime transcript for about 25 minutes this morning. Pretty sure it's the realtime feed freezing on a Bluetooth reconnect again, same as last month.", Service: "realtime"},
		evidence: []string{
			"metric: writer_bluetooth_reconnects_total{room=\"4B\"} = 0",
			"log: cat-client 4B: writer attached via USB (bluetooth off), strokes forwarded normally",
			"metric: realtime_local_viewers_receiving{room=\"4B\"} = 3",
			"log: relay-client: upstream relay.cloudcaption.example returned 503 Service Unavailable; provider status page: 'Degraded performance - EU region' 09:12-09:37",
		},
		want: "",
	},
	// only three of 212 screens dark, certificate months from expiry, cabinet
	// lost mains power
	{
		name:    "billboards dark at one junction not certificate",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BB-1", Title: "All screens go black when the content CDN certificate expires", Symptoms: "Every player in the network stops showing creatives at once because it rejects the expired CDN certificate; players log 'x509: certificate has expired'"},
			{ID: "KI-BB-2", Title: "Proof-of-play reports miss plays around the clock change", Symptoms: "Play logs for the DST night are short by an hour"},
			{ID: "KI-BB-3", Title: "Brightness schedule stuck at night level", Symptoms: "Screens stay dimmed after sunrise and are hard to read in daylight"},
		},
		service: config.Service{Name: "screen-network", Domains: []string{"billboards", "digital signage", "cdn"}},
		sig:     Signal{Title: "Screens black on the ring road", Text: "Drive-by check: the three boards at the Westgate junction are dark. The client's campaign went live today.", Service: "screen-network"},
		evidence: []string{
			"metric: player_tls_handshake_errors_total = 0",
			"log: cert-check: cdn.boardnet.example notAfter=2027-03-14 (99 days left)",
			"metric: players_online = 209 of 212",
			"log: power-monitor: cabinet WG-3 supply 0 V since 05:10; utility fault ticket 77120 opened",
		},
		want: "",
	},
	// 422 on a renamed species code, no 429 throttling, not month end
	{
		name:    "seaweed declarations rejected by code list not throttling",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SEA-1", Title: "Landing declarations throttled by the marine authority API at month end", Symptoms: "In the last two days of the month the authority's API rate-limits submissions with HTTP 429; declarations pile up in the outbox and miss the filing deadline"},
			{ID: "KI-SEA-2", Title: "Tide window planner shows times for the wrong harbour", Symptoms: "Low-water cutting windows are taken from the neighbouring port's table"},
			{ID: "KI-SEA-3", Title: "Drying shed humidity alarm repeats every minute", Symptoms: "The same humidity alert is re-sent each minute until acknowledged"},
		},
		service: config.Service{Name: "declarations", Domains: []string{"seaweed harvesting", "regulatory", "api"}},
		sig:     Signal{Title: "Harvest declarations failing to send", Text: "Outbox has 38 declarations from this week's cuts (since Tuesday 2 Dec) stuck on 'submission failed'.", Service: "declarations"},
		evidence: []string{
			"metric: declaration_submit_failures_total{status=\"422\"} = 38",
			"metric: declaration_submit_failures_total{status=\"429\"} = 0",
			"log: ERROR submit: 422 Unprocessable Entity: species code 'ASCN' not in code list 2026.4",
			"log: INFO reference-data: authority published species code list 2026.4 on 2026-12-01 (Ascophyllum code changed ASCN -> ASC)",
		},
		want: "",
	},
	// reporter names the disk-queue issue; the logger wrote every ping, the
	// sonar head lost bottom in aerated water
	{
		name:    "survey gaps blamed on disk queue but sonar aeration",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HYD-1", Title: "Multibeam pings dropped when the acquisition PC's disk queue saturates", Symptoms: "Gaps appear in bathymetry lines where the acquisition PC cannot write pings fast enough; the logger reports dropped pings and a disk queue length above 30"},
			{ID: "KI-HYD-2", Title: "Sound velocity profile not applied after cast import", Symptoms: "Outer beams curl up or down after a new SVP cast is loaded"},
			{ID: "KI-HYD-3", Title: "Vessel motion offsets reset after software restart", Symptoms: "Lever arms revert to zero and soundings shift by the antenna offset"},
		},
		service: config.Service{Name: "survey-acquisition", Domains: []string{"hydrography", "multibeam", "survey"}},
		sig:     Signal{Title: "Holes in last night's lines off the breakwater", Text: "Gaps in lines 14 to 19 from last night's run. Looks like the disk-queue ping-drop problem again, can someone look at the acquisition PC before tonight?", Service: "survey-acquisition"},
		evidence: []string{
			"metric: acq_dropped_pings_total = 0",
			"metric: acq_disk_queue_length p99 = 2",
			"metric: acq_pings_written_ratio = 1.0",
			"log: sonar-head: bottom detection failed on 18% of pings, quality flag 0 - aeration under transducer (heading 270, swell 2.1 m)",
		},
		want: "",
	},
	// Portuguese report; lobby far below its connection limit, memberships
	// lapsed because the renewal batch did not run
	{
		name:    "bridge club players turned away portuguese not lobby limit",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BRG-1", Title: "Online lobby refuses new players at the 500-connection limit", Symptoms: "On busy evenings players get 'lobby full' and cannot sit down at tables once the websocket server holds 500 concurrent connections"},
			{ID: "KI-BRG-2", Title: "Board results from table tablets post to the wrong section", Symptoms: "Scores entered at section B tables appear under section A"},
			{ID: "KI-BRG-3", Title: "Masterpoint certificates emailed with an empty attachment", Symptoms: "Members receive the certificate email with a 0-byte PDF"},
		},
		service: config.Service{Name: "online-lobby", Domains: []string{"bridge club", "tournaments", "websocket"}},
		sig:     Signal{Title: "Não conseguimos entrar no torneio de pares de terça", Text: "Boa noite, uns sessenta sócios não conseguiram entrar no torneio de pares online de hoje, o lobby simplesmente recusava a entrada. Quem entrou disse que a sala estava meio vazia.", Service: "online-lobby"},
		evidence: []string{
			"metric: lobby_ws_connections = 143",
			"metric: lobby_ws_connection_limit = 500",
			"log: lobby: join refused reason=membership_expired count=58",
			"log: billing: 2027 renewal batch did not run on 2026-12-01 (scheduler disabled during migration); 412 memberships lapsed",
		},
		want: "",
	},
}

func TestKnownIssueHeldout33(t *testing.T) { runKISample(t, "known-issue held-out 33", kiHeldout33) }
