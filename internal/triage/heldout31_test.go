// heldout31_test.go is a thirty-first known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// twenty-ninth's fixes. First run: correct 7/16, precision 0.50 (2/4
// claims, two wrong), recall 0.22. The classes: a resource's use and its
// size given as two series ("leases_used = 31", "pool_size = 120") showed
// no headroom; a zero counter of events ("programme_copy_events_total =
// 0") did not say its cause was absent; and a zero series beside a
// non-zero one of the same failure counter ("crc_fail_total{fw=...}")
// ruled an issue out that the other series shows. After: 9/16, precision
// 1.00, recall 0.22; the misses are reports in their own words and in
// Italian, Dutch and Polish. It has tuned rules since, so it is no longer
// held out.

package triage

// Written without reading the triage rules on 2026-12-05. Industries: tram networks, wind turbine servicing, elevator maintenance, vending machine operators, narrowboat hire, firewood delivery, archery ranges, public saunas, whale-watching tours, harbour pilotage, stained-glass studios, laser tag arenas, truffle marketplaces, toll bridges, weather-station networks, brass bands.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout31 = []kiCase{
	// --- alerts from monitoring: the signature is in metric names, labels and logs ---
	// alert title shares no words with the issue title; the stale header and the
	// never-released publisher lock are the issue's signature
	{
		name:    "tram realtime header age alert after redis failover",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TRAM-1", Title: "Ticket validators reject day passes bought after 23:00", Symptoms: "Day passes sold late in the evening are read as valid for the previous service day; validators beep red the next morning"},
			{ID: "KI-TRAM-2", Title: "Stop displays fall back to timetable after publisher failover", Symptoms: "After the primary GTFS-realtime publisher fails over, the standby cannot take the Redis publisher lock because the old lock has no TTL; the feed header timestamp stops advancing and stop displays show scheduled times only", Runbook: "DEL gtfsrt:publisher:lock, then restart tram-rt on the standby.", Domains: []string{"realtime", "passenger information"}},
			{ID: "KI-TRAM-3", Title: "Depot yard map loses trams parked on siding 7", Symptoms: "Trams stabled on siding 7 disappear from the yard view because the balise there reports a track id the map does not know"},
		},
		service: config.Service{Name: "tram-rt", Domains: []string{"tram", "realtime", "passenger information"}},
		sig:     Signal{Title: "[FIRING:1] GtfsRtHeaderAgeHigh (tram-rt prod)", Text: "gtfsrt_feed_header_age_seconds > 600 for 15m on tram-rt-2.", Service: "tram-rt"},
		evidence: []string{
			"metric: gtfsrt_feed_header_age_seconds = 1840",
			"log: WARN tram-rt-2: SET gtfsrt:publisher:lock NX failed, held by tram-rt-1 ttl=-1",
			"log: INFO sentinel: +switch-master rt-redis 10.8.1.11 6379 10.8.1.12 6379",
			"metric: gtfsrt_entities_published_total{instance=\"tram-rt-2\"} = 0",
		},
		want: "KI-TRAM-2",
	},
	// alert: OPC UA client certificate expired, historian ingest zero
	{
		name:    "wind farm historian ingest zero opcua cert alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WIND-1", Title: "Ten-minute SCADA averages missing after OPC UA client certificate expiry", Symptoms: "Turbine 10-minute data stops reaching the historian; the OPC UA client cannot activate its session with BadCertificateTimeInvalid once its application certificate has expired", Runbook: "Reissue the historian-client certificate and trust it on the park server."},
			{ID: "KI-WIND-2", Title: "Work order app drops torque readings entered offline", Symptoms: "Bolt torque values typed in the nacelle without signal are missing from the completed work order"},
			{ID: "KI-WIND-3", Title: "Blade inspection drone photos tagged to the neighbouring turbine", Symptoms: "Photos from the drone survey are filed under the next turbine id in the string"},
		},
		service: config.Service{Name: "scada-historian", Domains: []string{"wind farm", "scada", "opc ua"}},
		sig:     Signal{Title: "HistorianIngestStalled site=brae-moor", Text: "historian_points_ingested_total flat for 40m at Brae Moor (31 turbines).", Service: "scada-historian"},
		evidence: []string{
			"log: ERROR opcua-client: ActivateSession failed StatusCode=BadCertificateTimeInvalid (0x80140000) endpoint=opc.tcp://braemoor-park:4840",
			"metric: x509_cert_not_after_seconds{cn=\"historian-client\"} = 1764918000",
			"metric: historian_points_ingested_total{site=\"brae-moor\"} rate5m = 0",
			"metric: opcua_session_active{site=\"brae-moor\"} = 0",
		},
		want: "KI-WIND-1",
	},
	// alert: duplicate sequence numbers after modem reconnect; title words differ
	{
		name:    "lift monitoring duplicate seq replay alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LIFT-1", Title: "Engineer timesheets count travel twice on multi-site days", Symptoms: "Travel time between two buildings is booked on both jobs"},
			{ID: "KI-LIFT-2", Title: "Annual thorough-examination reports exported without signature", Symptoms: "The PDF sent to building owners has an empty signature block"},
			{ID: "KI-LIFT-3", Title: "Remote gateways replay old door faults after the modem comes back", Symptoms: "When a lift's cellular modem reconnects, the gateway resends its whole buffered event log; the same door events arrive again with identical sequence numbers and callouts are raised for faults long cleared", Domains: []string{"remote monitoring", "iot"}},
		},
		service: config.Service{Name: "lift-monitor", Domains: []string{"elevators", "remote monitoring", "iot"}},
		sig:     Signal{Title: "[FIRING] LiftEventSeqDuplicatesHigh gw-4471", Text: "ingest rejected 3120 events as already-seen in 10m; 14 callouts auto-created.", Service: "lift-monitor"},
		evidence: []string{
			"metric: lift_events_duplicate_seq_total{gateway=\"gw-4471\"} = 3120",
			"log: gw-4471 modem: PDP context re-established after 00:42:10 offline",
			"log: WARN event-ingest: seq=88121 DOOR_REOPEN already seen (first 2026-12-03T07:14Z), source=gw-4471 buffer replay",
			"metric: callouts_created_total{origin=\"auto\",fault=\"door\"} = 14",
		},
		want: "KI-LIFT-3",
	},
	// alert: checksum failures only on one firmware; byte-swapped CRC
	{
		name:    "vending dex crc mismatch on fw 7.2 alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VEND-1", Title: "Audit uploads from controller firmware 7.2 fail their checksum", Symptoms: "DEX/UCS audit files sent by machines on controller firmware 7.2 fail the CRC check and are discarded; restock planning runs on stale sales, so routes skip machines that are empty"},
			{ID: "KI-VEND-2", Title: "Cashless reader declines contactless after the APN change", Symptoms: "Card taps fail with 'host unreachable' on machines whose SIM was moved to the new APN"},
			{ID: "KI-VEND-3", Title: "Planogram push puts crisps in the drinks spiral", Symptoms: "Price and product mapping shifted by one column after a planogram update"},
		},
		service: config.Service{Name: "vend-telemetry", Domains: []string{"vending", "telemetry", "route planning"}},
		sig:     Signal{Title: "VendDexUploadRejected rate > 20/h", Text: "dex-parser rejecting uploads; 38 machines with no sales data for 3+ days.", Service: "vend-telemetry"},
		evidence: []string{
			"metric: dex_upload_crc_fail_total{fw=\"7.2.0\"} = 644",
			"metric: dex_upload_crc_fail_total{fw=\"7.1.3\"} = 0",
			"log: WARN dex-parser: G85 CRC mismatch computed=4A1F file=1F4A machine=VM-20931",
			"log: INFO route-planner: 38 machines planned from sales older than 72h",
		},
		want: "KI-VEND-1",
	},

	// --- support and ops reports in their own words ---
	{
		name:    "narrowboat booked while out of the water",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-NB-1", Title: "Boats in planned dry-dock maintenance still bookable online", Symptoms: "Boats blocked out in the maintenance planner for hull blacking or engine overhaul still show as available on the booking site; customers book weeks when the boat is out of service"},
			{ID: "KI-NB-2", Title: "Damage deposit refund not issued after handback check", Symptoms: "Deposits stay held when the handback inspection is signed off on the tablet"},
			{ID: "KI-NB-3", Title: "Lock key hire fee added twice", Symptoms: "Extras line shows the windlass and key fee two times"},
		},
		service: config.Service{Name: "boat-bookings", Domains: []string{"canal holidays", "bookings"}},
		sig:     Signal{Title: "family at Braunston with nowhere to sleep", Text: "Family of five just turned up for their week on Kingfisher and she's sat on blocks in the yard having her bottom painted. They paid on the website back in October. Yard say she's been down for this fortnight since the summer. Second time this month.", Service: "boat-bookings"},
		want:    "KI-NB-1",
	},
	{
		name:    "firewood driver sent to the payer's flat",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FW-1", Title: "Kiln moisture readings not saved against the batch", Symptoms: "Moisture meter values entered at unloading are missing from the batch record"},
			{ID: "KI-FW-2", Title: "Driver app routes to the billing address instead of the delivery address", Symptoms: "When an order's delivery address differs from the billing address, the run sheet and navigation use the billing address"},
			{ID: "KI-FW-3", Title: "Winter subscription orders created twice in December", Symptoms: "Monthly log subscriptions generate two orders on 1 December"},
		},
		service: config.Service{Name: "delivery-runs", Domains: []string{"firewood", "deliveries", "mobile"}},
		sig:     Signal{Title: "Dave drove 40 mins the wrong way", Text: "Dave's just rung in fuming. Drove out to a flat in town with a cage of seasoned ash and the lady there says she bought the logs as a present for her dad at Hollow Farm. The notes on the job say Hollow Farm, his phone took him to her flat. Happened to Kev last week too with a gift order.", Service: "delivery-runs"},
		want:    "KI-FW-2",
	},

	// --- other languages ---
	// Italian
	{
		name:    "archery renewal paid but still expired italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ARC-1", Title: "Paid renewals leave the membership expired", Symptoms: "The annual renewal card payment succeeds but the payment provider's webhook is dropped, so the member stays 'expired' and the range door kiosk refuses entry"},
			{ID: "KI-ARC-2", Title: "Target face stock not reduced after shop sales", Symptoms: "Shop shows target faces in stock that were sold"},
			{ID: "KI-ARC-3", Title: "Coaching reminders sent an hour late", Symptoms: "Session reminder emails arrive after the session has started"},
		},
		service: config.Service{Name: "range-members", Domains: []string{"archery", "membership", "payments"}},
		sig:     Signal{Title: "Ho pagato il rinnovo ma non posso entrare", Text: "Buongiorno, ieri sera ho rinnovato l'iscrizione annuale al campo dall'app e la banca mi ha già addebitato 120 €. Stamattina il totem all'ingresso non mi apre la porta e nell'app risulto ancora scaduto. Potete sistemare prima della gara di domenica?", Service: "range-members"},
		want:    "KI-ARC-1",
	},
	// Dutch
	{
		name:    "sauna wristbands stop opening lockers after midnight dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SAU-1", Title: "Online booking oversells the evening infusion sessions", Symptoms: "More guests booked into the 20:00 infusion than the cabin holds"},
			{ID: "KI-SAU-2", Title: "Locker wristbands stop working after the nightly key rotation", Symptoms: "Wristbands issued before midnight no longer open their locker after the 00:00 key rotation; late-session guests are locked out of their belongings"},
			{ID: "KI-SAU-3", Title: "Gift vouchers can be redeemed twice", Symptoms: "The same voucher code is accepted at two tills"},
		},
		service: config.Service{Name: "locker-control", Domains: []string{"sauna", "access control"}},
		sig:     Signal{Title: "Gasten konden kluisje niet open krijgen", Text: "Gisteravond rond half een konden zeker acht gasten van de nachtsauna hun kluisje niet meer openen met hun polsbandje. Ze hadden het bandje rond tien uur bij de kassa gekregen. Gasten die na twaalven binnenkwamen hadden nergens last van. We hebben alles met de moedersleutel moeten openmaken.", Service: "locker-control"},
		want:    "KI-SAU-2",
	},
	// Polish
	{
		name:    "whale trip cancelled for weather no refund polish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WHALE-1", Title: "Weather cancellations do not trigger the automatic refund", Symptoms: "When the skipper cancels a sailing for sea state, passengers get the cancellation email but the refund job never runs and no money is returned"},
			{ID: "KI-WHALE-2", Title: "Sightings log photo uploads fail on the boat", Symptoms: "Guides cannot attach photos to the sightings log from the vessel"},
			{ID: "KI-WHALE-3", Title: "Seasickness waiver tick box not stored", Symptoms: "Check-in shows the waiver unsigned for passengers who ticked it online"},
		},
		service: config.Service{Name: "tour-bookings", Domains: []string{"whale watching", "bookings", "refunds"}},
		sig:     Signal{Title: "Rejs odwołany, a pieniędzy brak", Text: "Dzień dobry, nasz sobotni rejs o 9:00 został odwołany przez wysokie fale – dostaliśmy o tym maila. Minął już tydzień, a pieniądze za cztery bilety (280 €) nadal nie wróciły na kartę. Nikt nie odpisuje na czacie.", Service: "tour-bookings"},
		want:    "KI-WHALE-1",
	},

	// --- look-alikes: the words fit, the evidence does not ---
	// failure counter at zero; notifications skipped for another reason;
	// reporter names the known issue
	{
		name:    "pilot dispatch texts missing but no length rejections",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PIL-1", Title: "Pilot dispatch SMS rejected when berth notes make it too long", Symptoms: "Dispatch texts longer than 160 characters are rejected by the SMS gateway with 'message too long'; the pilot never receives the job"},
			{ID: "KI-PIL-2", Title: "Vessel ETA jumps when AIS positions arrive out of order", Symptoms: "Boarding times move back and forth by an hour for inbound ships"},
			{ID: "KI-PIL-3", Title: "Pilot ladder inspection form loses photos", Symptoms: "Photos of defective ladders missing from the submitted report"},
		},
		service: config.Service{Name: "pilot-dispatch", Domains: []string{"harbour pilotage", "sms", "dispatch"}},
		sig:     Signal{Title: "Night pilots not getting dispatch texts", Text: "Two pilots on the night shift say they got no text for their 02:00 and 03:30 jobs; the boat crew had to phone them. Is this the long-message rejection problem with the berth notes again?", Service: "pilot-dispatch"},
		evidence: []string{
			"metric: sms_gateway_rejected_total{reason=\"message_too_long\"} = 0",
			"metric: sms_gateway_delivered_total{shift=\"day\"} = 57",
			"metric: sms_gateway_submitted_total{shift=\"night\"} = 0",
			"log: WARN notify: 12 jobs skipped, roster shift N has no on-call phone numbers after roster import 2026-12-04",
		},
		want: "",
	},
	// dependency healthy; the real fault is a stale FX table
	{
		name:    "stained glass quotes prices unavailable but supplier api up",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SG-1", Title: "Commission quote tool fails when the glass supplier price API is down", Symptoms: "The quote form shows 'prices unavailable' because the supplier price API returns 503 or times out"},
			{ID: "KI-SG-2", Title: "Kiln firing log loses the schedule after power cut", Symptoms: "Firing curve restarts from zero after the controller reboots"},
			{ID: "KI-SG-3", Title: "Gallery images uploaded sideways", Symptoms: "Portrait photos of windows appear rotated on the website"},
		},
		service: config.Service{Name: "quote-tool", Domains: []string{"stained glass", "quotes", "pricing"}},
		sig:     Signal{Title: "Quote form says prices unavailable", Text: "Customers filling in the commission quote form for church windows get 'prices unavailable' at the last step since this morning.", Service: "quote-tool"},
		evidence: []string{
			"metric: supplier_price_api_up = 1",
			"metric: supplier_price_api_latency_p95_ms = 140",
			"log: INFO quote-svc: supplier price lookup ok sku=CATHEDRAL-AMBER-3MM status=200",
			"log: ERROR quote-svc: currency conversion failed: no GBP->EUR rate for 2026-12-05 (fx_rates last refreshed 2026-11-28)",
		},
		want: "",
	},
	// usage far from the cap; vests rejected for a firmware protocol mismatch;
	// reporter names the known issue
	{
		name:    "laser tag vests stuck connecting but dhcp pool mostly free",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LT-1", Title: "Vests cannot join the game network when the DHCP pool is exhausted", Symptoms: "During big parties the vest DHCP pool of 120 leases fills up; new vests stay on 'connecting' and cannot be paired to a team"},
			{ID: "KI-LT-2", Title: "Scoreboard shows last game's totals", Symptoms: "The lobby screen keeps showing the previous game's scores after a new game starts"},
			{ID: "KI-LT-3", Title: "Party booking deposit not refunded on cancellation", Symptoms: "Cancelled birthday parties keep the deposit"},
		},
		service: config.Service{Name: "arena-net", Domains: []string{"laser tag", "network", "vests"}},
		sig:     Signal{Title: "Vests stuck on connecting for the 7pm party", Text: "Eighteen vests just sit on 'connecting' for the birthday group, the rest are fine. Sounds like the DHCP pool running out again?", Service: "arena-net"},
		evidence: []string{
			"metric: dhcp_pool_leases_used{pool=\"vests\"} = 31",
			"metric: dhcp_pool_size{pool=\"vests\"} = 120",
			"log: WARN vest-gw: vest V-044 join refused: firmware 2.9.1 protocol v2, server requires v3",
			"log: INFO fleet: 18 vests rolled back to firmware 2.9.1 by manual recovery (user sam.k) 2026-12-04",
		},
		want: "",
	},
	// age far inside the bound and its withdrawal counter at zero; a manual
	// moderation bulk action hid the lots
	{
		name:    "truffle lots vanished but well within freshness window",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TRF-1", Title: "Lots withdrawn when the harvest certificate is older than 72 hours", Symptoms: "Lots whose harvest certificate is more than 72 hours old are automatically withdrawn from the marketplace as not fresh; sellers see 'freshness expired'"},
			{ID: "KI-TRF-2", Title: "Buyer bids lost when the auction closes during a reconnect", Symptoms: "Bids placed in the last seconds are not recorded for buyers on mobile"},
			{ID: "KI-TRF-3", Title: "Weight in grams rounded on invoices", Symptoms: "Invoices show 50 g instead of 47 g"},
		},
		service: config.Service{Name: "truffle-market", Domains: []string{"truffles", "marketplace", "auctions"}},
		sig:     Signal{Title: "Sellers' lots gone from the marketplace", Text: "About forty white truffle lots listed yesterday afternoon have disappeared from the marketplace this morning. Sellers are asking if their truffles were marked as not fresh.", Service: "truffle-market"},
		evidence: []string{
			"metric: lot_harvest_certificate_age_hours{quantile=\"0.95\"} = 19",
			"metric: lots_withdrawn_total{reason=\"freshness_expired\"} = 0",
			"metric: lots_withdrawn_total{reason=\"moderation\"} = 42",
			"log: INFO moderation: bulk hide of 42 lots by admin.giulia (filter category~'tuber' applied to live listings)",
		},
		want: "",
	},
	// same exception type, different component in the stack; the top-up job is healthy
	{
		name:    "toll bridge penalty notices npe in anpr matcher not top-up",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TOLL-1", Title: "Auto top-up crashes for accounts without a saved card", Symptoms: "The auto-reload job throws NullPointerException in AutoReloadScheduler.selectCard for accounts with no card on file; balances go negative and drivers receive penalty notices"},
			{ID: "KI-TOLL-2", Title: "Exemption for local residents lapses on renewal", Symptoms: "Resident discount drops off when the annual permit is renewed online"},
			{ID: "KI-TOLL-3", Title: "Barrier lane 3 camera fogs at dawn", Symptoms: "Plate reads fail on lane 3 in cold mornings"},
		},
		service: config.Service{Name: "toll-accounts", Domains: []string{"toll bridge", "accounts", "anpr"}},
		sig:     Signal{Title: "Account holders getting penalty notices", Text: "Call centre has had 60 calls today from drivers with auto top-up and money in the account who still got penalty notices for yesterday's crossings.", Service: "toll-accounts"},
		evidence: []string{
			"log: ERROR java.lang.NullPointerException: Cannot invoke \"Plate.normalized()\" because \"read.plate\" is null",
			"log: \tat com.tollbridge.anpr.TripMatcher.match(TripMatcher.java:212)",
			"log: \tat com.tollbridge.anpr.CrossingIngest.process(CrossingIngest.java:88)",
			"metric: autoreload_job_failures_total = 0",
			"metric: autoreload_topups_succeeded_total = 1920",
			"metric: account_balance_negative_count = 3",
		},
		want: "",
	},
	// the issue says every station goes silent; here one of 144 is down on a flat battery
	{
		name:    "weather network one station silent not all",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WX-1", Title: "Whole station network goes silent after a failed join key rotation", Symptoms: "Every station stops reporting at the same time; the LoRaWAN network server logs MIC check failures for all devices after the AppKey rotation job half-completes"},
			{ID: "KI-WX-2", Title: "Rain gauge totals doubled at midnight rollover", Symptoms: "Daily rainfall for the previous day is added again to the new day"},
			{ID: "KI-WX-3", Title: "Public map tiles stale after CDN purge fails", Symptoms: "Temperature map shows readings from hours ago"},
		},
		service: config.Service{Name: "station-ingest", Domains: []string{"weather stations", "lorawan", "telemetry"}},
		sig:     Signal{Title: "Stations not reporting on the map", Text: "Farmer on the Upper Glen rang, their station has had no readings since early this morning. Are the stations down?", Service: "station-ingest"},
		evidence: []string{
			"metric: stations_reporting = 143",
			"metric: stations_total = 144",
			"metric: lorawan_ns_mic_failures_total = 0",
			"log: INFO field: station WS-077 (Upper Glen) battery 2.9V, last uplink 04:12, solar panel snow-covered",
		},
		want: "",
	},
	// same symptom, but a deploy renamed a field; no programme was copied
	{
		name:    "brass band parts blank after deploy not programme copy",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BB-1", Title: "Part assignments blank after copying last season's concert programme", Symptoms: "When the librarian copies a programme from the previous season, the part assignments (solo cornet, 2nd horn and so on) are blank for every player"},
			{ID: "KI-BB-2", Title: "Subs reminder emails sent to lapsed members", Symptoms: "Players who left the band still get monthly subscription reminders"},
			{ID: "KI-BB-3", Title: "Sheet music PDFs will not open on older iPads", Symptoms: "Scanned parts show a grey page on iPadOS 15"},
		},
		service: config.Service{Name: "band-portal", Domains: []string{"brass band", "concerts", "music library"}},
		sig:     Signal{Title: "Nobody's parts showing for Sunday's concert", Text: "Every player's part column is blank on the portal for the Christmas concert. Librarian says she built the programme by hand this year, nothing was copied over.", Service: "band-portal"},
		evidence: []string{
			"log: INFO deploy: band-portal v4.12.0 rolled out 2026-12-04 18:02",
			"log: ERROR parts-view: template: concert.html:41: can't evaluate field PartName in type PartRow (renamed part_label in v4.12.0)",
			"metric: programme_copy_events_total{window=\"7d\"} = 0",
		},
		want: "",
	},
}

func TestKnownIssueHeldout31(t *testing.T) {
	runKISample(t, "known-issue held-out 31", kiHeldout31)
}
