// heldout27_test.go is a twenty-seventh known-issue sample (16 cases),
// written by a helper that did not read the matcher: alerts whose metric
// names and log lines carry the fault, reports in the reporter's own words,
// three other languages, and look-alikes whose evidence rules the issue out.
// First run: correct 9/16, precision 0.67 (4/6 claims, two wrong), recall
// 0.44. The classes of its two wrong claims: a usage ratio of an
// allowance far from used up ("data_used_ratio = 0.08") did not contradict
// an issue caused by hitting a data cap, and a crash of another kind in
// another component (a nil dereference in the print client) did not
// contradict an issue that names its own (an index out of range in
// layout). After: 11/16, precision 1.00, recall 0.44; the five misses are
// reports in their own words and in Italian, Portuguese and Dutch. It has
// tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: velodromes, kombucha brewers, glamping sites, roller derby leagues, watchmakers, sheep shearing contractors, soap makers, fencing clubs, rickshaw tours, alpaca farms, blacksmith forges, firework displays, bookbinders, stamp dealers, milliners, thatchers.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout27 = []kiCase{
	// --- alerts from monitoring ---
	// alert: photo-finish camera clock offset against the decoder master
	{
		name:    "velodrome photo-finish clock offset alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VEL-1", Title: "Season pass barcodes rejected at turnstiles after annual renewal", Symptoms: "Members who renewed online are refused at the track-centre turnstile; renewal writes a new barcode but the turnstile whitelist only refreshes weekly"},
			{ID: "KI-VEL-2", Title: "Photo-finish camera clock drifts from the timing master", Symptoms: "Finish-line frames are matched to the wrong heat or rider; the camera loses NTP sync and its clock wanders hundreds of milliseconds away from the transponder decoder, so results are published in the wrong order", Domains: []string{"timing"}},
			{ID: "KI-VEL-3", Title: "Track surface temperature reads 0 °C after sensor gateway restart", Symptoms: "Heating control sees a cold track and runs the under-track heaters flat out"},
		},
		service: config.Service{Name: "race-timing", Domains: []string{"velodrome", "timing", "results"}},
		sig:     Signal{Title: "[FIRING:1] PhotoFinishClockOffsetHigh (race-timing, device=pf-2)", Text: "abs(timing_clock_offset_ms{device=\"pf-2\"}) > 100 for 15m during Friday track league.", Service: "race-timing"},
		evidence: []string{
			"metric: timing_clock_offset_ms{device=\"pf-2\",reference=\"decoder-master\"} = 438",
			"log: chronyd[331]: Can't synchronise: no selectable sources",
			"log: WARN results: heat 5 finish order from frames (14, 9, 22) disagrees with transponder passings (9, 14, 22)",
			"metric: turnstile_reject_total{reason=\"unknown_barcode\"} = 0",
		},
		want: "KI-VEL-2",
	},
	// alert: webhook retries hold every database connection
	{
		name:    "kombucha keg tracking too many clients alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-KOM-1", Title: "Distributor webhook retry storm exhausts keg-tracking database connections", Symptoms: "When a distributor's endpoint slows down, delivery-confirmation webhook retries pile up and each one holds a database connection; the keg-tracking API starts answering 500 with 'sorry, too many clients already'"},
			{ID: "KI-KOM-2", Title: "Batch ABV computed from Brix instead of specific gravity", Symptoms: "Labels for second-ferment batches print an ABV about one point too high"},
			{ID: "KI-KOM-3", Title: "Web shop lists discontinued flavours as in stock", Symptoms: "Flavours dropped from the range can still be ordered online"},
		},
		service: config.Service{Name: "keg-tracking", Domains: []string{"kombucha", "brewing", "distribution"}},
		sig:     Signal{Title: "KegTrackingAPI5xxRatio > 0.2 (keg-tracking prod)", Text: "5xx ratio 0.46 over 10m on /kegs/*, started 14:05.", Service: "keg-tracking"},
		evidence: []string{
			"metric: pg_stat_activity_count{datname=\"kegtrack\",state=\"active\"} = 100",
			"metric: pg_settings_max_connections = 100",
			"log: ERROR api: pq: sorry, too many clients already (GET /kegs/K-20418)",
			"metric: webhook_outbound_retry_inflight{target=\"northfield-distribution\"} = 947",
			"trace: POST https://hooks.northfield-dist.example/deliveries 28.9s status=DEADLINE_EXCEEDED; db.conn held for whole span",
		},
		want: "KI-KOM-1",
	},
	// alert: partner iCal feed too large to import, nights sold twice
	{
		name:    "glamping channel sync payload too large alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GLMP-1", Title: "Pod door keypad codes not issued for same-day bookings", Symptoms: "Guests who book on the day of arrival get no door code because the code job only runs at 06:00"},
			{ID: "KI-GLMP-2", Title: "Channel manager calendar import fails on large iCal feeds", Symptoms: "Stays booked on partner sites do not block the pod on our calendar, so the same night is sold twice; the iCal import aborts with 413 payload too large once a partner feed grows past 1 MB"},
			{ID: "KI-GLMP-3", Title: "Hot tub add-on charged per guest instead of per stay", Symptoms: "A four-person party is billed four times for the wood-fired tub"},
		},
		service: config.Service{Name: "pod-calendar", Domains: []string{"glamping", "availability", "channels"}},
		sig:     Signal{Title: "ChannelSyncFailing: airbnb feeds (pod-calendar)", Text: "channel_sync_failures_total increasing for 3 pods since 02:00; 2 overlapping stays detected.", Service: "pod-calendar"},
		evidence: []string{
			"metric: channel_sync_failures_total{channel=\"airbnb\",reason=\"payload_too_large\"} = 57",
			"log: ERROR ical-import: feed=airbnb/shepherds-hut-7 bytes=1843211 -> 413 Request Entity Too Large",
			"metric: calendar_overlap_detected_total{pod=\"shepherds-hut-7\"} = 2",
			"metric: channel_sync_last_success_age_seconds{channel=\"airbnb\",pod=\"shepherds-hut-7\"} = 41200",
		},
		want: "KI-GLMP-2",
	},
	// alert: renewal checkout dies in the insurer lookup before payment
	{
		name:    "roller derby renewal checkout insurer timeout alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RD-1", Title: "Membership renewal checkout blocked by insurance-number verification timeouts", Symptoms: "Skaters cannot renew; checkout waits on the governing body's insurance verification API, which times out after 10 seconds, and the card payment step is never reached"},
			{ID: "KI-RD-2", Title: "Bout roster export pairs names with the wrong skater numbers", Symptoms: "Rosters sent to officials list names against the wrong numbers when a number contains letters"},
			{ID: "KI-RD-3", Title: "Arena scoreboard lags the jam clock by two seconds", Symptoms: "Fans see the jam end on the board after the whistle"},
		},
		service: config.Service{Name: "league-membership", Domains: []string{"roller derby", "membership", "payments"}},
		sig:     Signal{Title: "[FIRING] RenewalCheckoutErrorRate (league-membership)", Text: "renewal_checkout_errors / renewal_checkout_attempts = 0.83 over 30m; renewal season opened 09:00.", Service: "league-membership"},
		evidence: []string{
			"trace: POST /renewals 10.04s status=ERROR; span insurer.verify_member_number 10.00s status=DEADLINE_EXCEEDED; span payments.charge not started",
			"metric: insurer_verify_latency_seconds p99 = 10.0",
			"log: WARN renewals: insurer API timeout after 10000ms member=RD-4471, aborting checkout",
			"metric: payments_charge_attempts_total{flow=\"renewal\"} = 0",
		},
		want: "KI-RD-1",
	},

	// --- reports in the reporter's own words ---
	{
		name:    "watchmaker customer told watch still waiting on a bit",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WTC-1", Title: "Repair tracker stuck on 'awaiting parts' after the part is booked in", Symptoms: "The goods-in receipt for an ordered part does not update the repair job, so the customer-facing tracker keeps showing awaiting parts even after the part has arrived and the work is finished"},
			{ID: "KI-WTC-2", Title: "Water-resistance test certificate missing from service invoice", Symptoms: "Pressure test results are not attached to the invoice PDF for dive watches"},
			{ID: "KI-WTC-3", Title: "Gift cards declined at strap shop checkout", Symptoms: "Valid gift card codes refused with 'card not active'"},
		},
		service: config.Service{Name: "repair-tracker", Domains: []string{"watch repair", "customer portal"}},
		sig:     Signal{Title: "Website still says you're waiting for something for my dad's watch", Text: "I left my late father's Omega with you in August for a service. Every time I look online it says you're still waiting on a bit to come in from the supplier. I finally rang and the chap in the workshop said the mainspring turned up weeks ago and it's been sat in a drawer, done, since early November. Why did nobody tell me?", Service: "repair-tracker"},
		want:    "KI-WTC-1",
	},
	{
		name:    "shearing gang boss pay run doubled after no reception",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SHR-1", Title: "Shed tablet uploads a run's tally again when it reconnects", Symptoms: "Sheep counts recorded offline in the woolshed are sent a second time when the tablet regains signal, so shearers are paid double for that run and the farmer is invoiced for it twice"},
			{ID: "KI-SHR-2", Title: "Rain stand-down messages reach gangs after they have left", Symptoms: "Weather cancellation SMS delayed by up to two hours"},
			{ID: "KI-SHR-3", Title: "Farm gate pins open the map at the wrong entrance", Symptoms: "Navigation links take crews to the back boundary of large stations"},
		},
		service: config.Service{Name: "gang-payroll", Domains: []string{"shearing", "payroll", "mobile"}},
		sig:     Signal{Title: "Tama's Tuesday looks a bit rich", Text: "Gang boss here. Pay run for the Hendersons' job has Tama on 640 for Tuesday. Good day but he did 320, I was watching the board. Same with the other four blokes on that stand, all of them doubled, and old Henderson rang me about a bill for 3,100 head when he runs 1,550. Nothing for reception in that shed till you walk up the hill, the tablet only caught a bar at smoko.", Service: "gang-payroll"},
		want:    "KI-SHR-1",
	},

	// --- other languages ---
	// Portuguese
	{
		name:    "soap shop parcel returned floor missing portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SOAP-1", Title: "Subscription renewal charged after cancellation", Symptoms: "Customers who cancel in the 48 hours before renewal are still charged for the next box"},
			{ID: "KI-SOAP-2", Title: "Postcode lookup overwrites address line 2 at checkout", Symptoms: "Parcels come back undeliverable because the postcode autocomplete replaces the second address line, so flat and floor numbers are missing from the shipping label"},
			{ID: "KI-SOAP-3", Title: "Allergen list missing on new product pages", Symptoms: "Essential-oil allergens not shown for soaps added this season"},
		},
		service: config.Service{Name: "soap-shop", Domains: []string{"soap", "webshop", "shipping"}},
		sig:     Signal{Title: "A minha encomenda voltou outra vez", Text: "Olá! É a segunda vez que a minha encomenda de sabonetes é devolvida ao remetente. Moro num prédio, 3.º esquerdo, e no e-mail de confirmação a morada aparece só como 'Rua das Flores 112, 4050-265 Porto', sem o andar nem o lado. Tenho a certeza de que escrevi o andar logo depois de pôr o código postal. Assim o carteiro não consegue entregar.", Service: "soap-shop"},
		want:    "KI-SOAP-2",
	},
	// Italian
	{
		name:    "fencing scores on neighbouring piste after power cut italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FEN-1", Title: "Scoring box pairs with the neighbouring piste's display after a power cut", Symptoms: "Touches scored on one piste appear on the next piste's scoreboard; after a power cycle the scoring apparatus pairs over Bluetooth with the first display it finds"},
			{ID: "KI-FEN-2", Title: "Competition entry fees not refunded on withdrawal", Symptoms: "Fencers who withdraw before the deadline are not refunded automatically"},
			{ID: "KI-FEN-3", Title: "Weapon check log loses entries when the armourer's tablet sleeps", Symptoms: "Blades passed at weapon control missing from the check list"},
		},
		service: config.Service{Name: "piste-scoring", Domains: []string{"fencing", "scoring", "competitions"}},
		sig:     Signal{Title: "Punteggi finiti sulla pedana sbagliata", Text: "Durante la gara regionale di sciabola di domenica è saltata la luce per qualche minuto. Quando è tornata, le stoccate dell'assalto in pedana 3 comparivano sul tabellone della pedana 4 e viceversa. Gli arbitri hanno dovuto sospendere e segnare tutto a mano per un'ora.", Service: "piste-scoring"},
		want:    "KI-FEN-1",
	},
	// Dutch
	{
		name:    "rickshaw tour partner code refused at desk dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RICK-1", Title: "Rider shift swaps leave tours without an assigned rider", Symptoms: "After two riders swap shifts in the app, the tour shows no rider and guests wait at the stand"},
			{ID: "KI-RICK-2", Title: "Partner voucher codes rejected after the partner's format change", Symptoms: "Codes issued by the travel-agency partner in its new 12-character format with a dash are refused at the kiosk as invalid; the validator still expects 10 characters"},
			{ID: "KI-RICK-3", Title: "Rain ponchos charged twice when added at the kiosk", Symptoms: "Poncho add-on appears twice on the receipt"},
		},
		service: config.Service{Name: "tour-kiosk", Domains: []string{"rickshaw tours", "vouchers", "kiosk"}},
		sig:     Signal{Title: "Onze code werd steeds geweigerd", Text: "Hallo, wij hadden via de website van ons reisbureau een riksjatocht door de binnenstad geboekt. De code die we per mail kregen (KX7Q-48RT2MZ) werd bij de balie telkens afgewezen met 'ongeldige code'. Twee andere gezinnen stonden met hetzelfde probleem te wachten. Uiteindelijk hebben we ter plekke opnieuw moeten betalen.", Service: "tour-kiosk"},
		want:    "KI-RICK-2",
	},

	// --- look-alikes: the issue's own cause is not happening ---
	// gateway online and data allowance barely used; only north sensors silent, batteries flat
	{
		name:    "alpaca trough sensors silent but gateway and data fine",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ALP-1", Title: "Trough sensors go silent when the farm gateway's SIM hits its data cap", Symptoms: "All water trough level sensors on the farm stop reporting at the same time; the LoRaWAN gateway stays powered but its 4G backhaul is cut once the monthly data allowance is used up"},
			{ID: "KI-ALP-2", Title: "Fleece weights saved against the wrong animal on shearing day", Symptoms: "Weights recorded on the scale tablet land on the previous alpaca's record"},
			{ID: "KI-ALP-3", Title: "Vet visit reminders sent for sold animals", Symptoms: "Buyers' alpacas still appear in our vaccination reminder list"},
		},
		service: config.Service{Name: "paddock-sensors", Domains: []string{"alpaca farm", "sensors", "lorawan"}},
		sig:     Signal{Title: "Trough sensors not reporting (north paddock)", Text: "Dashboard has no trough readings from the north paddock since last night. Has the gateway run out of data again?", Service: "paddock-sensors"},
		evidence: []string{
			"metric: lorawan_gateway_last_seen_seconds{gw=\"farm-gw-1\"} = 9",
			"metric: cellular_data_used_ratio{gw=\"farm-gw-1\",period=\"2026-12\"} = 0.08",
			"metric: trough_sensors_reporting{paddock=\"south\"} = 11",
			"metric: trough_sensors_reporting{paddock=\"north\"} = 0",
			"log: network-server: trough-n1, trough-n2, trough-n3 last uplinks 2026-12-04T19:02Z/19:05Z/19:07Z with battery_mv 2190/2205/2170, below low-battery threshold 2400",
		},
		want: "",
	},
	// certificate valid, relay published and was acked; push token unregistered
	{
		name:    "forge gas alarm not on phone but relay cert valid",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FORGE-1", Title: "Gas alarm relay stops forwarding when its MQTT client certificate expires", Symptoms: "Propane leak alarms from the forge detectors never reach the owner's phone; the alarm relay's TLS client certificate has expired and the broker refuses its connection"},
			{ID: "KI-FORGE-2", Title: "Course booking page double-sells anvil places", Symptoms: "Beginner forging days take more bookings than there are anvils"},
			{ID: "KI-FORGE-3", Title: "Commission deposit invoices show VAT twice", Symptoms: "Deposit invoices for gates and railings add VAT on top of a VAT-inclusive price"},
		},
		service: config.Service{Name: "forge-alarms", Domains: []string{"blacksmithing", "gas safety", "alerts"}},
		sig:     Signal{Title: "Gas alarm went off but no notification", Text: "The detector by forge 2 went into alarm at 16:20 (a valve left cracked), siren went in the workshop, but nothing came through on my phone. Is it the certificate thing again?", Service: "forge-alarms"},
		evidence: []string{
			"metric: x509_cert_expiry_days{cn=\"alarm-relay.forge.local\"} = 256",
			"log: alarm-relay: TLS handshake ok, connected to mqtts://broker.forge.local:8883",
			"log: alarm-relay: published forge/2/gas state=ALARM qos=1, PUBACK received 16:20:07",
			"log: push-gateway: APNs 410 Unregistered for device token a91f3c (user=owner), token last registered 2026-10-30",
			"metric: push_delivery_failures_total{provider=\"apns\",reason=\"Unregistered\"} = 3",
		},
		want: "",
	},
	// cue count under the limit, different error, same show loads fine on another module
	{
		name:    "firework show upload fails but cue count under limit",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FWK-1", Title: "Show upload to firing module fails above 999 cues", Symptoms: "Show files with more than 999 cues are refused by the firing module with 'cue index overflow' and the module keeps the previous show loaded"},
			{ID: "KI-FWK-2", Title: "Pyromusical timecode drifts a frame every minute", Symptoms: "Shells fire progressively late against the soundtrack on shows longer than ten minutes"},
			{ID: "KI-FWK-3", Title: "Safety distance calculator reads shell calibre in the wrong unit", Symptoms: "Fallout zones drawn far too small for 6-inch shells"},
		},
		service: config.Service{Name: "show-loader", Domains: []string{"fireworks", "firing systems", "shows"}},
		sig:     Signal{Title: "Can't upload the New Year harbour show to the firing modules", Text: "Upload to module FM-3 fails every time and it still has last month's wedding show on it. It's a big show this year, have we hit the cue limit?", Service: "show-loader"},
		evidence: []string{
			"log: show-loader: show=nye-harbour-2026 cues=612 module=FM-3 upload failed: checksum mismatch at block 41/96, retries exhausted",
			"metric: firing_module_link_rssi_dbm{module=\"FM-3\"} = -97",
			"metric: firing_module_link_packet_loss_ratio{module=\"FM-3\"} = 0.31",
			"log: show-loader: show=nye-harbour-2026 cues=612 module=FM-1 upload ok",
		},
		want: "",
	},

	// --- look-alikes: similar symptom, another cause ---
	// provider outage: time spent in a third-party font fetch, layout trivial
	{
		name:    "bookbinder quote pdf timeout from font provider outage",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BIND-1", Title: "Quote PDF generation times out on orders with many embossing lines", Symptoms: "Quote PDFs for bespoke bindings with more than 50 foil-embossing lines time out after 30 seconds because the renderer lays out every line separately"},
			{ID: "KI-BIND-2", Title: "Leather swatch images labelled with the wrong colour name", Symptoms: "Oxblood goatskin shown as 'forest green' in the swatch picker"},
			{ID: "KI-BIND-3", Title: "Restoration tickets lose condition notes when edited on two devices", Symptoms: "Notes typed on the bench tablet vanish after the office edits the ticket"},
		},
		service: config.Service{Name: "quote-service", Domains: []string{"bookbinding", "quotes", "pdf"}},
		sig:     Signal{Title: "Quote PDFs timing out", Text: "Every quote PDF since about 10:00 spins for half a minute and then errors, even a plain thesis binding.", Service: "quote-service"},
		evidence: []string{
			"trace: GET /quotes/Q-88213/pdf 30.1s status=ERROR; span render.embossing_layout 0.04s ok lines=2; span assets.fetch_font 30.0s error=timeout host=use.typekit.net",
			"log: WARN pdf: font download timed out after 30000ms family=\"Garamond Premier\"",
			"log: statuspage: Adobe Fonts - investigating elevated errors serving web fonts (started 09:52 UTC)",
			"metric: quote_pdf_embossing_lines p95 = 4",
		},
		want: "",
	},
	// deploy changed the image path; resize queue empty and jobs succeeding
	{
		name:    "stamp auction lot photos grey after deploy not resize backlog",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-STMP-1", Title: "Lot photos stay grey placeholders while a catalogue import backs up the resize queue", Symptoms: "Newly listed auction lots show grey placeholder images for hours; the image resize queue grows into the tens of thousands during a bulk catalogue import"},
			{ID: "KI-STMP-2", Title: "Certificate of authenticity numbers duplicated across lots", Symptoms: "Two lots show the same expertising certificate number"},
			{ID: "KI-STMP-3", Title: "Absentee bids ignored for re-opened lots", Symptoms: "Lots withdrawn and re-listed lose the commission bids left before withdrawal"},
		},
		service: config.Service{Name: "lot-images", Domains: []string{"philately", "auctions", "images"}},
		sig:     Signal{Title: "New lot photos showing grey boxes", Text: "All the Penny Black lots we listed this morning show grey squares instead of scans on the public catalogue. Is the resizer behind with an import again?", Service: "lot-images"},
		evidence: []string{
			"metric: image_resize_queue_depth = 0",
			"metric: image_resize_jobs_total{status=\"ok\"} = 3120",
			"log: cdn: 404 Not Found GET /img/lots/2026-12/PB-0041_800.webp (origin object exists at /media/lots/2026-12/PB-0041_800.webp)",
			"log: deploy: catalogue-web v4.18.0 rolled out 08:55, change: switch image base path to /media",
		},
		want: "",
	},
	// panic is in the print client (printer gone after server rebuild), not panel layout
	{
		name:    "milliner pattern printing panics in print client not layout",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HAT-1", Title: "Pattern export crashes on crowns with more than eight panels", Symptoms: "Workshop cannot print hat patterns for crowns with nine or more panels; the export worker panics in panel layout (layout.splitPanels: index out of range)"},
			{ID: "KI-HAT-2", Title: "Head size entered in inches converted to centimetres twice", Symptoms: "Orders reach the workroom with head sizes around 145 cm"},
			{ID: "KI-HAT-3", Title: "Fitting appointment slots shown in UTC", Symptoms: "Clients book fittings an hour off in summer"},
		},
		service: config.Service{Name: "pattern-export", Domains: []string{"millinery", "workshop", "printing"}},
		sig:     Signal{Title: "Pattern printouts failing in the workroom", Text: "Since this morning no pattern printouts come out of the workroom printer, the export just errors. Today's orders are ordinary six-panel crowns.", Service: "pattern-export"},
		evidence: []string{
			"log: panic: runtime error: invalid memory address or nil pointer dereference",
			"log: goroutine 41 [running]: hatworks/patterns/print.(*CUPSClient).Submit(0x0) print/cups.go:88 called from hatworks/patterns/export.(*Worker).Send export/worker.go:142",
			"log: WARN print: printer \"workroom-laser\" not found on cups.local after print server rebuild 2026-12-04",
			"metric: pattern_pdf_render_total{status=\"ok\"} = 37",
		},
		want: "",
	},
	// forecast key works (no 401s); a threshold change suppressed the stand-down
	{
		name:    "thatcher stand-down text missing after threshold change",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-THAT-1", Title: "Weather stand-down texts not sent when the forecast API key expires", Symptoms: "Crews are not warned of high-wind days; the forecast provider returns 401 for the expired key and the stand-down job skips silently"},
			{ID: "KI-THAT-2", Title: "Water reed orders sent to the wrong merchant", Symptoms: "Bundles for Norfolk jobs ordered from the Devon yard"},
			{ID: "KI-THAT-3", Title: "Roof survey photos rotated sideways in quotes", Symptoms: "Phone photos appear on their side in the quote PDF"},
		},
		service: config.Service{Name: "crew-scheduler", Domains: []string{"thatching", "weather", "sms"}},
		sig:     Signal{Title: "Nobody got the stand-down text for the gale", Text: "Gusts were well over 50 on Tuesday and the lads were up on the roof at Church Farm. No stand-down text went out. Has the weather key run out again?", Service: "crew-scheduler"},
		evidence: []string{
			"metric: forecast_api_requests_total{status=\"200\"} = 96",
			"metric: forecast_api_requests_total{status=\"401\"} = 0",
			"log: INFO standdown: 2026-12-02 forecast max gust 61 km/h < threshold 65 km/h, no stand-down issued",
			"log: audit: config standdown.gust_threshold_kmh changed 45 -> 65 by scheduler-admin 2026-11-28",
		},
		want: "",
	},
}

func TestKnownIssueHeldout27(t *testing.T) {
	runKISample(t, "known-issue held-out 27", kiHeldout27)
}
