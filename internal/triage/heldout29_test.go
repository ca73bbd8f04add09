// heldout29_test.go is a twenty-ninth known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// twenty-seventh's fixes; three reports name the issue they suspect ("Is
// it the big-file problem again?"). First run: correct 6/16, precision
// 0.43 (3/7 claims, four wrong), recall 0.33. The classes: a reporter's
// guess was read as evidence (its words and its mechanism); a usage ratio
// inside max(...) was not read; a zero count of the event an issue's cause
// needs ("overlapping checkouts = 0", "reservation_conflicts_total = 0")
// did not rule out a concurrency cause; a stack trace that does not pass
// through the Type.method the issue names did not rule it out. After:
// 9/16, precision 0.75 (one wrong claim left, kept as a limitation), recall
// 0.33; the misses are reports in their own words. It has tuned rules
// since, so it is no longer held out.

// heldout29_test.go is a twenty-ninth known-issue sample (16 cases), written
// by a helper that did not read the matcher: alerts whose metrics and logs
// carry the fault signature, reports in the reporters' own words, three other
// languages, and look-alikes whose evidence rules the issue out.

// Written without reading the triage rules on 2026-12-05. Industries: wool mills, saltworks, drive-in cinemas, lavender farms, tree surgeons, bouncy castle hire, hot tub hire, ice-fishing outfitters, monumental masons, bingo halls, trophy engravers, mini-golf courses, quilting shops, bungee jumping, septic tank emptying, reindeer herding.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout29 = []kiCase{
	// --- alerts from monitoring ---
	// alert: order consumer evicted on big dye-lot batches, group rebalancing
	{
		name:    "wool mill floor orders consumer rebalance alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WM-1", Title: "Fleece intake weights rounded to whole kilos on import", Symptoms: "Grower lots imported from the shearing-shed CSV lose their decimals; grower payments are off by up to 0.9 kg per bale"},
			{ID: "KI-WM-2", Title: "Mill floor order feed stalls in a consumer rebalance loop", Symptoms: "Spinning and dyeing orders stop reaching the floor terminals; on large dye-lot batches the order consumer exceeds max.poll.interval.ms, is evicted from its group, and the group rebalances again and again while lag grows", Domains: []string{"kafka", "orders"}},
			{ID: "KI-WM-3", Title: "Dye recipe sheets print without the mordant step", Symptoms: "Printed recipe cards for natural dyes skip the alum pre-mordant line"},
		},
		service: config.Service{Name: "floor-orders", Domains: []string{"wool mill", "production", "kafka"}},
		sig:     Signal{Title: "[FIRING:1] KafkaConsumerGroupLagHigh group=floor-orders (mill-prod)", Text: "Consumer lag above 10000 for 15m on topic production.orders.", Service: "floor-orders"},
		evidence: []string{
			"metric: kafka_consumergroup_lag{group=\"floor-orders\",topic=\"production.orders\"} = 48211",
			"metric: kafka_consumergroup_rebalances_total{group=\"floor-orders\"} = 37",
			"log: WARN [Consumer clientId=floor-orders-1, groupId=floor-orders] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms (300000)",
			"log: INFO order-worker: dye-lot DL-7712 has 1840 order lines, processing as one batch",
		},
		want: "KI-WM-2",
	},
	// alert: blackbox probe fails; evidence shows the certificate expired
	{
		name:    "saltworks weighbridge probe failing cert expired",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SALT-1", Title: "Pond salinity readings spike during heavy rain", Symptoms: "Brine density probes in the evaporation ponds jump after rainfall and raise false harvest-ready alerts"},
			{ID: "KI-SALT-2", Title: "Weighbridge gateway certificate expires and lorry tickets stop uploading", Symptoms: "Weigh tickets for bulk salt lorries no longer reach dispatch; the weighbridge gateway's TLS certificate is past its expiry date and every upload fails the handshake", Runbook: "Renew the certificate on weighbridge-gw via ACME, then restart ticket-uploader."},
			{ID: "KI-SALT-3", Title: "Bagging line labels show the wrong grain size", Symptoms: "Coarse sea salt sacks labelled as fine flakes after a recipe switch"},
		},
		service: config.Service{Name: "weighbridge", Domains: []string{"saltworks", "logistics", "weighbridge"}},
		sig:     Signal{Title: "BlackboxProbeFailed weighbridge-gw.saltpans.internal:443", Text: "probe_success == 0 for 5m. Dispatch says no tickets have come through since the early shift.", Service: "weighbridge"},
		evidence: []string{
			"metric: probe_ssl_earliest_cert_expiry{instance=\"weighbridge-gw:443\"} - time() = -25320",
			"log: ticket-uploader: POST https://weighbridge-gw/api/tickets: x509: certificate has expired or is not yet valid: current time 2026-12-05T07:02:11Z is after 2026-12-05T00:00:00Z",
			"metric: weighbridge_tickets_pending = 63",
		},
		want: "KI-SALT-2",
	},
	// alert: scan latency; pool fully checked out, acquire span times out
	{
		name:    "drive-in gate scan latency redis pool exhausted alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DI-1", Title: "FM soundtrack transmitter drifts off frequency in frost", Symptoms: "Cars lose the film audio; the transmitter reports frequency error above tolerance when it drops below 0°C"},
			{ID: "KI-DI-2", Title: "Gate QR validation stalls when the Redis connection pool is exhausted", Symptoms: "Cars back up at the entry lanes; scanners sit on 'validating' for seconds because all 50 pooled Redis connections in the validator are checked out and each scan waits for one to be returned"},
			{ID: "KI-DI-3", Title: "Concession pre-orders delivered to the wrong bay", Symptoms: "Snack runners are sent to the bay number from the previous screening"},
		},
		service: config.Service{Name: "gate-validator", Domains: []string{"drive-in cinema", "ticketing", "redis"}},
		sig:     Signal{Title: "GateScanLatencyHigh: p95 5.1s lanes 2,3 (drive-in north)", Text: "Scan latency SLO burning fast; attendant reports the queue is back to the main road.", Service: "gate-validator"},
		evidence: []string{
			"metric: redis_pool_connections_in_use{service=\"gate-validator\"} = 50",
			"metric: redis_pool_connections_max{service=\"gate-validator\"} = 50",
			"log: WARN redis: pool timeout waiting for an idle connection after 5s (in_use=50 idle=0)",
			"trace: POST /scan 5.2s; span redis.pool.acquire 5.0s status=DEADLINE_EXCEEDED; span redis.GET ticket 1ms status=OK",
		},
		want: "KI-DI-2",
	},

	// --- reports in their own words ---
	{
		name:    "lavender farm customer delivery cost for six bunches",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LAV-1", Title: "Shop charges postage per item instead of by parcel weight", Symptoms: "Shipping is calculated as one courier fee for each unit in the basket, so orders of several light products are charged many times the real courier rate"},
			{ID: "KI-LAV-2", Title: "Essential oil batch certificates missing from product pages", Symptoms: "GC-MS certificate links return 404 for batches distilled this season"},
			{ID: "KI-LAV-3", Title: "Field walk calendar shows closed days as open", Symptoms: "Visitors can book guided walks on Mondays when the farm is shut"},
		},
		service: config.Service{Name: "farm-shop", Domains: []string{"lavender farm", "ecommerce", "shipping"}},
		sig:     Signal{Title: "Why was delivery so expensive?", Text: "Hello, I ordered six of your dried bunches for wedding favours. They weigh next to nothing, but getting them sent cost £23.70! In the summer I bought just the one and it was £3.95. Surely they'd all fit in a single box? Could someone have a look please. Thanks, Ruth", Service: "farm-shop"},
		want:    "KI-LAV-1",
	},
	{
		name:    "tree surgeon crew sent to the accountant's office",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TS-1", Title: "Crew navigation uses the customer's billing address instead of the work site", Symptoms: "For jobs where the invoice address differs from the site address, the crew app routes the team to the invoice address"},
			{ID: "KI-TS-2", Title: "Chipper hours not logged while the tablet is offline", Symptoms: "Machine hours entered without signal are dropped at the next sync"},
			{ID: "KI-TS-3", Title: "Tree preservation order lookup times out for rural postcodes", Symptoms: "Council TPO check times out, so protected trees are not flagged before quoting"},
		},
		service: config.Service{Name: "crew-app", Domains: []string{"arboriculture", "field service", "navigation"}},
		sig:     Signal{Title: "crew 3 went to the wrong place again", Text: "Crew 3 rocked up at an accountants on the ring road this morning to fell a leylandii. The tree is at the customer's holiday cottage out past Hartley - the office is just where his paperwork goes. Whole morning gone, and crew 1 had the same with the school job last month.", Service: "crew-app"},
		want:    "KI-TS-1",
	},
	{
		name:    "bouncy castle cancelled but fifty pounds still pending",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BC-1", Title: "Card holds not released after cancellation inside the free window", Symptoms: "Customers who cancel more than 7 days before the hire still see the deposit authorisation on their card; the void is never sent to the payment provider"},
			{ID: "KI-BC-2", Title: "Delivery slot picker accepts addresses outside the service area", Symptoms: "Bookings taken for postcodes the vans do not cover"},
			{ID: "KI-BC-3", Title: "Wind warning emails sent for the wrong date", Symptoms: "Customers told their outdoor hire is at risk the day after the event"},
		},
		service: config.Service{Name: "hire-bookings", Domains: []string{"party hire", "payments"}},
		sig:     Signal{Title: "Still waiting for my money", Text: "We called off the castle for our daughter's party last Monday, nearly two weeks before the date. Your email said there would be nothing to pay, but £50 is still sitting there as pending on my Monzo a week later. Can somebody sort this out?", Service: "hire-bookings"},
		want:    "KI-BC-1",
	},

	// --- other languages ---
	// Italian
	{
		name:    "hot tub cold on arrival italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HT-1", Title: "Heater start schedule ignored after controller firmware 2.1", Symptoms: "Tubs do not start heating at the time the guest chose in the app; since firmware 2.1 the controller falls back to its default 22:00 start, so the water is cold when guests arrive"},
			{ID: "KI-HT-2", Title: "Chemical dosing reminders sent to customers instead of drivers", Symptoms: "Guests receive chlorine top-up instructions meant for the delivery crew"},
			{ID: "KI-HT-3", Title: "Damage deposit refunded twice after inspection", Symptoms: "Deposit returned once by the inspector app and again by the nightly batch"},
		},
		service: config.Service{Name: "tub-control", Domains: []string{"hot tub hire", "iot", "heating"}},
		sig:     Signal{Title: "Vasca gelida quando siamo arrivati", Text: "Buonasera, siamo arrivati venerdì alle 18 e la vasca idromassaggio era gelida, il display segnava 12 gradi. Nell'app avevo programmato l'accensione per le 14 proprio per trovarla pronta. Ha cominciato a scaldarsi solo dopo le dieci di sera. Era il compleanno di mia moglie, davvero deludente.", Service: "tub-control"},
		evidence: []string{
			"log: tub-ctl T-118 fw=2.1.0: schedule payload field 'start_local' not recognised, using default start 22:00",
		},
		want: "KI-HT-1",
	},
	// Dutch
	{
		name:    "ice fishing thickness figure stale dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-IF-1", Title: "Published ice thickness goes stale when the sensor upload job stops", Symptoms: "The ice thickness on the booking page stops changing; the hourly upload from the camp sensors has stopped, so the site keeps showing an old reading while the real ice thins"},
			{ID: "KI-IF-2", Title: "Fishing shelter double-booked by two guides", Symptoms: "Two parties assigned the same heated hut for the same day"},
			{ID: "KI-IF-3", Title: "Live bait stock not synced to the shop", Symptoms: "Minnows shown in stock online after the tank is empty"},
		},
		service: config.Service{Name: "ice-conditions", Domains: []string{"ice fishing", "sensors", "bookings"}},
		sig:     Signal{Title: "IJsdikte op de website klopt niet", Text: "Hoi, op de site staat de ijsdikte bij het noordkamp al sinds zaterdag op 32 cm, maar vanochtend hebben we zelf geboord en kwamen op 18 cm uit. Klanten boeken op basis van dat getal en willen met de sneeuwscooter het ijs op. Kan iemand ernaar kijken?", Service: "ice-conditions"},
		evidence: []string{
			"metric: ice_sensor_upload_last_success_age_seconds{camp=\"north\"} = 331200",
		},
		want: "KI-IF-1",
	},
	// Portuguese
	{
		name:    "headstone proof link shows another family portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MM-1", Title: "Inscription proof approval links open another family's proof", Symptoms: "The approval link in the proof email is built from the sequential order number with no token, so customers can land on a different order's headstone proof"},
			{ID: "KI-MM-2", Title: "Granite colour swatches render too dark on product pages", Symptoms: "Grey granites look black on the website"},
			{ID: "KI-MM-3", Title: "Cemetery permit reminder emails not sent", Symptoms: "Families are not reminded to return the burial authority permit"},
		},
		service: config.Service{Name: "proofs", Domains: []string{"memorials", "stonemasonry", "email"}},
		sig:     Signal{Title: "O link abre o nome de outra pessoa", Text: "Bom dia. Recebi o e-mail para aprovar o texto da lápide do meu pai, mas quando abro o link aparece o nome 'Maria Fernanda Costa, 1941–2026', que não conheço. O número no endereço é 10482 e o nosso pedido é o 10481. Isto preocupa-me: outras famílias também podem ver o nosso?", Service: "proofs"},
		want:    "KI-MM-1",
	},

	// --- look-alikes: shared words, evidence rules the issue out ---
	// DHCP scope far from full, no lease failures; one AP upgraded and only it drops clients
	{
		name:    "bingo handsets dropping but dhcp scope has room",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BNG-1", Title: "Handsets drop out of the game when the hall Wi-Fi DHCP pool runs out", Symptoms: "Electronic bingo handsets lose their session mid-game on busy nights; the handset DHCP scope has no free leases, so handsets that roam cannot get an address"},
			{ID: "KI-BNG-2", Title: "Jackpot display lags the caller by one number", Symptoms: "Big screen shows the previous call while the caller announces the next"},
			{ID: "KI-BNG-3", Title: "Member card reader rejects older magstripe cards", Symptoms: "Cards issued before 2019 are declined at the door"},
		},
		service: config.Service{Name: "handset-gw", Domains: []string{"bingo", "wifi", "handsets"}},
		sig:     Signal{Title: "[FIRING] BingoHandsetsOffline > 30 hall=bootle", Text: "Handsets dropping out mid-game, players complaining they missed a full house.", Service: "handset-gw"},
		evidence: []string{
			"metric: dhcp_scope_utilization_ratio{scope=\"handsets-10.20.0.0/22\"} = 0.38",
			"metric: dhcpd_no_free_leases_total{scope=\"handsets-10.20.0.0/22\"} = 0",
			"log: wlan-controller: AP bootle-ceiling-2 upgraded 6.5.28 -> 6.6.55 at 18:55 by auto-update",
			"metric: wifi_client_disconnects_total{ap=\"bootle-ceiling-2\"} = 418",
			"metric: wifi_client_disconnects_total{ap=\"bootle-ceiling-1\"} = 4",
		},
		want: "",
	},
	// files far below the 64 MB buffer; abort code is low air-assist pressure
	{
		name:    "trophy laser jobs aborting but files small",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TRO-1", Title: "Laser engraver rejects jobs whose artwork exceeds the controller's 64 MB buffer", Symptoms: "Artwork files over the 64 MB controller memory are refused; jobs fail with 'buffer overflow' and the plaque is left blank"},
			{ID: "KI-TRO-2", Title: "Engraving preview drops accents from names", Symptoms: "Proof images show 'Zoe' for 'Zoë'"},
			{ID: "KI-TRO-3", Title: "Club bulk order CSV import skips the last row", Symptoms: "One medal short on every team order"},
		},
		service: config.Service{Name: "engrave-queue", Domains: []string{"trophies", "engraving", "laser"}},
		sig:     Signal{Title: "Engraving jobs failing on laser 2", Text: "Every job sent to laser 2 since about 1pm aborts a few seconds in and leaves the plaque blank. Laser 1 is fine. Is it the big-file problem again?", Service: "engrave-queue"},
		evidence: []string{
			"metric: engrave_job_file_bytes{laser=\"2\",quantile=\"1.0\"} = 3145728",
			"metric: laser_controller_buffer_bytes{laser=\"2\"} = 67108864",
			"log: laser2: job 88231 aborted code=E-217 air assist pressure low (0.8 bar < 2.0 bar)",
			"metric: air_assist_pressure_bar{laser=\"2\"} = 0.8",
		},
		want:       "",
		limitation: "the evidence measures the largest file far under the issue's buffer size and shows another abort code, but the matcher reads neither a size bound worded 'over the 64 MB' nor a fault code that differs from the one the issue quotes",
	},
	// issue says every kiosk; only one fails, spooler up, that printer is out of paper
	{
		name:    "mini golf one kiosk not printing spooler up",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MG-1", Title: "All kiosks stop printing tee tickets when the central print spooler crashes", Symptoms: "Every ticket kiosk on site fails to print at once; the CUPS spooler on the print server has died and jobs from all kiosks pile up"},
			{ID: "KI-MG-2", Title: "Leaderboard screen shows yesterday's scores", Symptoms: "Daily high-score board not reset at opening"},
			{ID: "KI-MG-3", Title: "Party packages bookable on closed days", Symptoms: "Birthday bookings accepted for Tuesdays in winter"},
		},
		service: config.Service{Name: "kiosk-print", Domains: []string{"mini golf", "kiosks", "printing"}},
		sig:     Signal{Title: "Kiosk not printing tickets", Text: "Front desk says customers pay at the kiosk but no ticket comes out, so they're writing tickets by hand. Print spooler again?", Service: "kiosk-print"},
		evidence: []string{
			"metric: kiosk_print_failures_total{kiosk=\"k3\"} = 57",
			"metric: kiosk_print_failures_total{kiosk=\"k1\"} = 0",
			"metric: kiosk_print_failures_total{kiosk=\"k2\"} = 0",
			"metric: kiosk_print_failures_total{kiosk=\"k4\"} = 0",
			"metric: cups_up{host=\"print-01\"} = 1",
			"log: kiosk k3: printer status 0x0C paper end; cover open",
		},
		want: "",
	},
	// negative stock from a manual adjustment, no concurrent orders
	{
		name:    "quilting bolt negative after manual recount",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-QLT-1", Title: "Fabric stock goes negative when two orders cut from the same bolt at the same moment", Symptoms: "Concurrent online and in-store orders on one bolt both pass the availability check; the bolt's remaining metres drop below zero and one customer's cut cannot be filled"},
			{ID: "KI-QLT-2", Title: "Pattern PDF download links expire too soon", Symptoms: "Customers get 'link expired' a few minutes after buying a digital pattern"},
			{ID: "KI-QLT-3", Title: "Class waitlist members not notified of freed places", Symptoms: "Cancelled workshop seats stay empty"},
		},
		service: config.Service{Name: "fabric-stock", Domains: []string{"quilting", "inventory", "ecommerce"}},
		sig:     Signal{Title: "Bolt showing negative stock - Millefiore Blue", Text: "Website says -10.8 m on the Millefiore Blue bolt and it's blocked for orders. We definitely have a good length on the shelf.", Service: "fabric-stock"},
		evidence: []string{
			"log: stock-audit: bolt 4471 on_hand 1.2 m -> -10.8 m via manual adjustment -12.0 m by user=janet reason=recount",
			"metric: stock_reservation_conflicts_total{bolt=\"4471\"} = 0",
			"trace: orders touching bolt 4471 in last 24h = 1 (web 2026-12-04T15:10Z, 0.8 m); overlapping checkouts = 0",
		},
		want: "",
	},
	// calibration fresh and accurate; the weight limit was lowered by a config push
	{
		name:    "bungee weigh-in rejections after config push",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BJ-1", Title: "Weigh-in kiosk rejects jumpers when scale calibration is overdue", Symptoms: "Jumpers are wrongly turned away as over the weight limit; the platform scale's calibration is older than 30 days and its readings drift several kilos high"},
			{ID: "KI-BJ-2", Title: "Jump video download links not emailed", Symptoms: "Customers who paid for the video never receive the link"},
			{ID: "KI-BJ-3", Title: "Waiver signatures lost when the tablet restarts", Symptoms: "Signed waivers missing for jumpers checked in before a reboot"},
		},
		service: config.Service{Name: "weigh-in", Domains: []string{"bungee", "safety", "kiosks"}},
		sig:     Signal{Title: "Loads of jumpers turned away at weigh-in today", Text: "We've sent 14 people home today as over the limit, some clearly not heavy. One lad was 105 on the old bathroom scale and the kiosk said no. Is the scale reading high?", Service: "weigh-in"},
		evidence: []string{
			"metric: scale_calibration_age_days{kiosk=\"bridge\"} = 6",
			"metric: scale_check_weight_error_kg{kiosk=\"bridge\",ref=\"100kg\"} = 0.1",
			"log: config: weigh-in max_jumper_weight_kg changed 120 -> 102 by push cfg-2231 at 08:58",
		},
		want: "",
	},
	// SIM usage well below allowance; the tracking provider's API is down
	{
		name:    "septic tankers off the map provider outage",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SEP-1", Title: "Tankers vanish from the dispatch map once the tracker SIM data allowance is used up", Symptoms: "Late in the month the tankers' trackers stop reporting positions after their 1 GB SIM allowance is exhausted; customers stop getting 'on the way' ETA texts"},
			{ID: "KI-SEP-2", Title: "Waste transfer notes generated with the wrong EWC code", Symptoms: "Cesspit waste recorded under the septic sludge code"},
			{ID: "KI-SEP-3", Title: "Repeat emptying reminders sent for cancelled contracts", Symptoms: "Former customers still get six-monthly reminder letters"},
		},
		service: config.Service{Name: "fleet-tracking", Domains: []string{"septic services", "telematics", "sms"}},
		sig:     Signal{Title: "Tankers missing from the map, no ETA texts going out", Text: "Dispatch can't see any of the six tankers since about 8 and customers are ringing to ask where the driver is. Data allowance run out again?", Service: "fleet-tracking"},
		evidence: []string{
			"metric: max(tracker_sim_data_used_ratio) = 0.31",
			"log: telematics-poller: GET https://api.trackfleet.example/v2/positions -> 503 Service Unavailable (retry 5/5)",
			"log: statuspage trackfleet: Major outage - position API unavailable for all customers since 07:42 UTC",
			"metric: tracker_last_position_age_seconds{tanker=\"T3\"} = 4510",
		},
		want: "",
	},
	// the 500 comes from a different frame; no altitude-less fixes at all
	{
		name:    "reindeer herd map 500 from pasture label not altitude",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RH-1", Title: "Herd map returns 500 when a collar fix has no altitude", Symptoms: "The herd map page fails for everyone with HTTP 500; a NullPointerException in AltitudeProfile.render is thrown when a GPS collar reports a fix without altitude"},
			{ID: "KI-RH-2", Title: "Calving records duplicated after offline sync", Symptoms: "Calves entered in the field appear twice once the tablet reconnects"},
			{ID: "KI-RH-3", Title: "Slaughter quota report misses animals moved between districts", Symptoms: "Animals transferred mid-season are not counted in either district"},
		},
		service: config.Service{Name: "herd-map", Domains: []string{"reindeer husbandry", "gps", "mapping"}},
		sig:     Signal{Title: "Herd map down - HTTP 500 for everyone", Text: "Herders in every district get 'Internal Server Error' on the map since this morning. The collar altitude bug again?", Service: "herd-map"},
		evidence: []string{
			"log: ERROR java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"label\" is null",
			"log:     at no.herdmap.render.PastureLabel.layout(PastureLabel.java:88)",
			"log:     at no.herdmap.render.MapPage.render(MapPage.java:141)",
			"metric: collar_fixes_without_altitude_total{window=\"24h\"} = 0",
			"log: INFO pasture-import: 2026-12-05 06:10 imported 3 pastures with empty name from county GIS export",
		},
		want: "",
	},
}

func TestKnownIssueHeldout29(t *testing.T) {
	runKISample(t, "known-issue held-out 29", kiHeldout29)
}
