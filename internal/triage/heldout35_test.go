package triage

// heldout35_test.go is a thirty-fifth known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// thirty-third's fixes. First run: correct 6/16, precision 0.43 (3/7
// claims, four wrong), recall 0.33. The classes: a configuration "loaded"
// with its checksum ok is a healthy statement; an issue bound to a
// version ("after firmware 2.1") is ruled out when the evidence reports
// the units at hand on other versions; a zero counter of duplicates rules
// out an issue that fails by charging twice (its failure read through its
// concept). After: 9/16, precision 0.75 (one wrong claim left, kept as a
// limitation), recall 0.33. It has tuned rules since, so it is no longer
// held out.

// Written without reading the triage rules on 2026-12-05. Industries: desalination plants, cricket grounds, flight schools, guide-dog training schools, jigsaw puzzle makers, rodeo arenas, mosaic studios, submarine tours, silk farms, rice mills, water polo leagues, tapestry weavers, camel treks, horse-drawn carriage tours, bagpipe makers, lighthouse tours.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout35 = []kiCase{
	// --- alerts whose telemetry carries the fault signature ---
	{
		name:    "desalination high-pressure pump vfd undervoltage trip alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DES-1", Title: "Permeate conductivity value frozen after SCADA historian restart", Symptoms: "The permeate conductivity trend flat-lines at its last value once the historian service restarts; the analyser itself keeps measuring"},
			{ID: "KI-DES-2", Title: "High-pressure pump drives trip on DC bus undervoltage during grid sags", Symptoms: "Short dips on the 11 kV feed make the reverse-osmosis high-pressure pump VFDs trip with an undervoltage fault; the train stops producing water until an operator resets the drive", Runbook: "Reset drive from HMI, confirm ride-through parameter P2.14 is enabled.", Domains: []string{"power", "pumps"}},
			{ID: "KI-DES-3", Title: "Antiscalant tank level reads zero after PLC firmware update", Symptoms: "Dosing tank level shows 0% and raises a low-level interlock although the tank is full"},
		},
		service: config.Service{Name: "ro-train-control", Domains: []string{"desalination", "scada", "pumps"}},
		sig:     Signal{Title: "[FIRING:2] ROTrainTripped site=north-shore train=3,4", Text: "ro_train_running == 0 for 5m on trains 3 and 4. Production down 18,000 m3/day.", Service: "ro-train-control"},
		evidence: []string{
			"metric: vfd_fault_active{drive=\"HPP-3\",code=\"F0006\",desc=\"DC bus undervoltage\"} = 1",
			"metric: vfd_fault_active{drive=\"HPP-4\",code=\"F0006\",desc=\"DC bus undervoltage\"} = 1",
			"metric: feeder_voltage_min_kv{feeder=\"11kV-B\"} = 8.9",
			"log: 04:17:02.114 HPP-3 TRIP F0006 Udc=412V < 445V, ride-through not active",
			"metric: antiscalant_tank_level_percent = 78",
		},
		want: "KI-DES-2",
	},
	{
		name:    "cricket scoreboard websocket idle drop alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CRK-1", Title: "Scoreboard feed websocket dropped by load balancer idle timeout", Symptoms: "Big-screen and app scoreboards freeze between overs; the load balancer closes the feed websocket after 60 seconds without traffic because the server sends no pings, and clients reconnect in bursts"},
			{ID: "KI-CRK-2", Title: "Members' guest pass QR codes rejected at the pavilion gate", Symptoms: "Guest passes issued the day before a rain-rescheduled match are not accepted by the gate scanners"},
			{ID: "KI-CRK-3", Title: "Bar till stock sync duplicates keg changes", Symptoms: "Each keg change is counted twice, so stock of draught beer goes negative by the tea interval"},
		},
		service: config.Service{Name: "score-feed", Domains: []string{"cricket", "scoreboard", "websocket"}},
		sig:     Signal{Title: "ScoreFeedReconnectStorm (score-feed prod)", Text: "score_feed_client_reconnects_total rate 940/min, screens at the Nursery End showing stale total.", Service: "score-feed"},
		evidence: []string{
			"metric: score_feed_ws_close_total{code=\"1006\",idle_seconds=\"60\"} = 3812",
			"log: elb: connection closed: idle timeout 60s exceeded target=score-feed-2:8443",
			"metric: score_feed_ws_ping_sent_total = 0",
			"trace: GET /feed/live upgrade=websocket duration=60.0s status=closed_by_peer",
		},
		want: "KI-CRK-1",
	},
	{
		name:    "flight school calendar sync invalid_grant alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FLY-1", Title: "Hobbs meter times imported twice from the tablet log", Symptoms: "Students are billed double flight time when the aircraft tablet uploads its log after reconnecting"},
			{ID: "KI-FLY-2", Title: "Aircraft bookings stop syncing to instructors' Google calendars after OAuth token revocation", Symptoms: "New and changed aircraft bookings no longer appear in instructors' calendars; the sync worker's refresh token was revoked and every call fails with invalid_grant"},
			{ID: "KI-FLY-3", Title: "Weather minimums check uses stale METAR", Symptoms: "Dispatch approves solo flights on a METAR that is more than an hour old"},
		},
		service: config.Service{Name: "booking-sync", Domains: []string{"flight training", "scheduling", "calendar"}},
		sig:     Signal{Title: "FIRING calendar_sync_failures_total > 0 for 30m", Text: "", Service: "booking-sync"},
		evidence: []string{
			"metric: calendar_sync_failures_total{provider=\"google\",reason=\"invalid_grant\"} = 264",
			"log: ERROR gcal-sync: oauth2: cannot fetch token: 400 Bad Request Response: {\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}",
			"metric: calendar_sync_last_success_timestamp_seconds = 1764878400",
		},
		want: "KI-FLY-2",
	},

	// --- reports in the reporter's own words ---
	{
		name:    "guide dog puppy raiser receipt claim vanished",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GD-1", Title: "Expense claims with attachments over 10 MB are silently dropped", Symptoms: "Puppy-raiser expense claims whose receipt image exceeds the 10 MB upload limit show as submitted in the raiser app but never reach finance; the app hides the 413 error"},
			{ID: "KI-GD-2", Title: "Training log entries lost when two trainers edit the same dog", Symptoms: "Concurrent edits to a dog's training log overwrite each other"},
			{ID: "KI-GD-3", Title: "Vet appointment reminders sent to previous raiser", Symptoms: "After a dog moves to a new raiser, reminders still go to the old household"},
		},
		service: config.Service{Name: "raiser-app", Domains: []string{"guide dogs", "expenses", "mobile"}},
		sig:     Signal{Title: "My claim for Bramble's vet bill never arrived?", Text: "Hi, I put in a claim for Bramble's ear infection visit three weeks ago. Took a picture of the receipt with my new phone (the camera on it is amazing) and the app said sent, green tick and everything. Finance say they've got nothing from me. Funny thing is the food claim I did last month from a scanned PDF went through fine.", Service: "raiser-app"},
		want:    "KI-GD-1",
	},
	{
		name:    "jigsaw custom photo puzzle blocky print",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-JIG-1", Title: "Custom photo puzzles printed from the low-resolution preview", Symptoms: "Personalised puzzles come out blurry or pixelated because the print job takes the 800px preview thumbnail instead of the customer's original upload"},
			{ID: "KI-JIG-2", Title: "Piece-count option resets to 500 on the basket page", Symptoms: "Customers choosing 1000 pieces receive a 500-piece puzzle"},
			{ID: "KI-JIG-3", Title: "Gift message missing from packing slip", Symptoms: "Gift notes entered at checkout are not printed"},
		},
		service: config.Service{Name: "custom-puzzles", Domains: []string{"puzzles", "print", "images"}},
		sig:     Signal{Title: "Wedding puzzle looks like a zoomed-in screenshot", Text: "We ordered the 1000-piece puzzle of our wedding photo for my parents' anniversary. The photo I uploaded came straight off our photographer's camera, it's huge and pin sharp, but the puzzle is all little squares, you can't even make out my dad's face. The picture on your website when I ordered looked fine though, just small.", Service: "custom-puzzles"},
		want:    "KI-JIG-1",
	},
	{
		name:    "rodeo barrel timer did not start after rain ops chat",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ROD-1", Title: "Electronic timer misses the run start when the start-line photo-eye is wet", Symptoms: "Runs are recorded with no time because the start photo-eye does not register the break when its lens is wet or fogged"},
			{ID: "KI-ROD-2", Title: "Judges' scores overwritten when two tablets submit at once", Symptoms: "Bronc scores from one judge replace the other's when both submit within a second"},
			{ID: "KI-ROD-3", Title: "Entry fees refunded twice on scratched entries", Symptoms: "Contestants who scratch receive two refunds"},
		},
		service: config.Service{Name: "arena-timing", Domains: []string{"rodeo", "timing", "sensors"}},
		sig:     Signal{Title: "clock problems in barrels tonight", Text: "heads up for tomorrow — after that shower around 8 the clock just sat at 0.000 for three of the barrel girls, they crossed the line and nothing happened. Had to use Jim's stopwatch. Wiped the little glass on the post by the alley with my shirt and it was fine again for the rest of the go.", Service: "arena-timing"},
		want:    "KI-ROD-1",
	},

	// --- other languages, issue text in English ---
	// Italian
	{
		name:    "mosaic workshop confirmation wrong time italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MOS-1", Title: "Workshop confirmation emails show start times in UTC", Symptoms: "Class booking confirmations give a start time one or two hours earlier than the timetable because the email template formats the time in UTC instead of the studio's local time"},
			{ID: "KI-MOS-2", Title: "Tesserae kit stock not reserved for online bookings", Symptoms: "Students arrive to find no material kit set aside"},
			{ID: "KI-MOS-3", Title: "Gift vouchers rejected at checkout after expiry extension", Symptoms: "Vouchers whose validity was extended still fail as expired"},
		},
		service: config.Service{Name: "class-booking", Domains: []string{"workshops", "email", "bookings"}},
		sig:     Signal{Title: "Orario sbagliato nella conferma del corso", Text: "Buongiorno, ho prenotato il laboratorio di mosaico bizantino di sabato. Sul vostro sito il corso inizia alle 10:00, ma nell'email di conferma c'è scritto 09:00. Anche mia sorella, che ha prenotato lo stesso corso, ha ricevuto 09:00. A che ora dobbiamo presentarci?", Service: "class-booking"},
		want:    "KI-MOS-1",
	},
	// Portuguese
	{
		name:    "submarine tour same window seat sold twice portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SUB-1", Title: "Same porthole seat sold to two parties during concurrent checkout", Symptoms: "Two bookings completed at nearly the same time both receive the same seat number; the seat hold is not locked while payment is in progress"},
			{ID: "KI-SUB-2", Title: "Dive cancelled SMS not sent for weather cancellations", Symptoms: "Passengers turn up at the pier for dives cancelled due to sea state"},
			{ID: "KI-SUB-3", Title: "Photo package download link broken", Symptoms: "Underwater photo purchases return 404 on download"},
		},
		service: config.Service{Name: "dive-booking", Domains: []string{"tours", "seating", "bookings"}},
		sig:     Signal{Title: "Lugar 7B vendido a duas famílias", Text: "Boa tarde. Ontem no embarque do submarino das 15h chegámos ao nosso lugar junto à vigia, o 7B, e estava lá outra família com um bilhete pago para o mesmo lugar. Comprámos os bilhetes praticamente ao mesmo tempo que eles, segundo nos disseram. Os miúdos ficaram sem janela. Gostaria de uma explicação.", Service: "dive-booking"},
		want:    "KI-SUB-1",
	},
	// Japanese
	{
		name:    "silk farm rearing room heat alert not delivered japanese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SILK-1", Title: "Mulberry leaf order quantities doubled after unit change", Symptoms: "Leaf orders placed in kilograms are sent to the grower as tonnes"},
			{ID: "KI-SILK-2", Title: "Rearing room over-temperature alerts dropped while the gateway runs on LTE backup", Symptoms: "When the sensor gateway loses Wi-Fi and falls back to its LTE link, temperature readings still arrive on the dashboard but alert notifications are never sent"},
			{ID: "KI-SILK-3", Title: "Cocoon grading camera misclassifies double cocoons", Symptoms: "Double cocoons graded as first quality"},
		},
		service: config.Service{Name: "rearing-monitor", Domains: []string{"sericulture", "sensors", "alerts"}},
		sig:     Signal{Title: "蚕室の高温アラートが届かなかった", Text: "昨日の午後、3号蚕室の温度が31度まで上がっていたのに、アラートのメールもSMSも一件も来ませんでした。ダッシュボードでは温度はちゃんと見えていました。その時間、事務所のWi-Fiが落ちていて、ゲートウェイはLTEの予備回線に切り替わっていたようです。蚕が弱ってしまいました。", Service: "rearing-monitor"},
		want:    "KI-SILK-2",
	},

	// --- none fits ---
	// look-alike: moisture readings high, but calibration intact and the grain really is wet
	{
		name:    "rice mill moisture high but calibration intact",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RICE-1", Title: "Inline moisture meter reads high after losing calibration on power cycle", Symptoms: "After a power interruption the moisture meter reverts to factory calibration and reports paddy moisture 3-4 points too high, diverting good grain to the dryer"},
			{ID: "KI-RICE-2", Title: "Husker roll gap setpoint not applied from recipe", Symptoms: "Roll gap stays at the previous variety's value after a recipe change"},
			{ID: "KI-RICE-3", Title: "Weighbridge tickets missing truck plate", Symptoms: "Intake tickets print without the vehicle registration"},
		},
		service: config.Service{Name: "intake-control", Domains: []string{"rice milling", "moisture", "intake"}},
		sig:     Signal{Title: "MoistureHigh intake line 2", Text: "paddy_moisture_percent > 16 for 40m on line 2, all loads diverted to dryer.", Service: "intake-control"},
		evidence: []string{
			"log: INFO moisture-meter-2: calibration table 'jasmine-2026' loaded, checksum ok, last power cycle 2026-11-19",
			"metric: paddy_moisture_percent{line=\"2\"} = 19.2",
			"metric: lab_oven_moisture_percent{sample=\"L2-1204-07\"} = 19.0",
			"log: intake: loads 4411-4436 from grower co-op Ban Na, harvested 2026-12-04 after overnight rain",
		},
		want: "",
	},
	// same symptom (stale scores), but the CDN is not caching; the scorer tablet stopped pushing
	{
		name:    "water polo live scores stale but cdn not caching",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WP-1", Title: "Live scores stale because the CDN caches match JSON for ten minutes", Symptoms: "Spectators' app shows scores several minutes behind; the match JSON is served from the CDN edge with a long max-age after a config change"},
			{ID: "KI-WP-2", Title: "Exclusion foul timer not shown in app", Symptoms: "20-second exclusion countdown missing from the live view"},
			{ID: "KI-WP-3", Title: "Team sheets rejected for players with hyphenated names", Symptoms: "Validation fails on registration for double-barrelled surnames"},
		},
		service: config.Service{Name: "live-scores", Domains: []string{"water polo", "live scores", "cdn"}},
		sig:     Signal{Title: "App scores way behind at the Aquatic Centre", Text: "Parents at pool 2 say the app still shows 4-3 in the second quarter while the board says 7-5 in the third.", Service: "live-scores"},
		evidence: []string{
			"log: cdn: GET /matches/8812/live.json cache=MISS age=0 cache-control=\"max-age=5\"",
			"metric: cdn_edge_object_age_seconds{path=\"/matches/8812/live.json\"} = 3",
			"metric: scorer_last_push_age_seconds{match=\"8812\",device=\"tablet-04\"} = 780",
			"log: WARN scorer-gateway: device tablet-04 heartbeat lost, last battery report 1%",
		},
		want: "",
	},
	// reporter names the known issue by ID; the file is small and intact, the wrong pattern was chosen
	{
		name:    "tapestry loom wrong motif reporter blames known corruption",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TAP-1", Title: "Jacquard pattern upload corrupts cartoons longer than 4096 picks", Symptoms: "Patterns over 4096 picks are truncated or scrambled when sent to the loom controller, so the loom weaves garbled motifs past the limit"},
			{ID: "KI-TAP-2", Title: "Yarn inventory not reduced when a weave is completed", Symptoms: "Stock of dyed wool stays unchanged after jobs finish"},
		},
		service: config.Service{Name: "loom-link", Domains: []string{"weaving", "loom", "patterns"}},
		sig:     Signal{Title: "KI-TAP-1 again? loom 3 weaving the wrong border", Text: "Pretty sure this is KI-TAP-1, the pattern corruption thing. Loom 3 is weaving the old acorn border on the Hartley commission instead of the oak leaf one we signed off. Can someone look at the upload?", Service: "loom-link"},
		evidence: []string{
			"log: loom-link: upload job 5521 pattern=hartley_border_v2.jc5 picks=1184 sha256 verified on controller",
			"log: audit: operator m.reyes selected pattern hartley_border_v2.jc5 (latest approved: hartley_border_v3.jc5)",
			"metric: loom_pattern_upload_errors_total{loom=\"3\"} = 0",
		},
		want: "",
	},
	// reporter names the known issue by title; collar battery and firmware are fine, the satellite link is down
	{
		name:    "camel trek collar tracking lost reporter blames battery drain",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAM-1", Title: "GPS collar battery drains overnight after firmware 2.1", Symptoms: "Collars updated to firmware 2.1 go flat within a night because the GPS never sleeps between fixes; caravan positions stop arriving before dawn"},
			{ID: "KI-CAM-2", Title: "Trek manifest prints guests twice", Symptoms: "Guests who edit their booking appear twice on the printed manifest"},
			{ID: "KI-CAM-3", Title: "Water stop reminders sent in the wrong timezone", Symptoms: "Guides receive water stop reminders an hour late"},
		},
		service: config.Service{Name: "caravan-tracker", Domains: []string{"camel treks", "gps", "satellite"}},
		sig:     Signal{Title: "Lost the caravan on the map - collar battery drain bug?", Text: "Looks like the GPS collar battery drain thing is back, no positions from Farid's caravan since about 2am near the Erg Chebbi dunes. Can you check the collars?", Service: "caravan-tracker"},
		evidence: []string{
			"metric: collar_battery_percent{collar=\"C-17\"} = 84",
			"metric: collar_firmware_info{collar=\"C-17\",version=\"2.0.7\"} = 1",
			"log: collar C-17: GPS fix ok sats=9 queued for uplink (queue=41)",
			"log: ERROR sbd-modem C-17: MO session status 32 no network service, retry in 600s",
			"metric: iridium_sbd_send_failures_total{region=\"erg-chebbi\"} = 312",
		},
		want: "",
	},
	// look-alike: "charged twice" is a deposit then the scheduled balance, not a double charge
	{
		name:    "carriage tour charged twice is deposit plus balance",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAR-1", Title: "Deposit charged twice when the customer presses back during payment", Symptoms: "Pressing the browser back button on the payment step resubmits the deposit, so the card is charged the same deposit twice"},
			{ID: "KI-CAR-2", Title: "Horse rest-day rota ignored by booking calendar", Symptoms: "Tours bookable on days the assigned horse is resting"},
			{ID: "KI-CAR-3", Title: "Route map fails to load on older iPhones", Symptoms: "Blank map on iOS 15"},
		},
		service: config.Service{Name: "carriage-bookings", Domains: []string{"tours", "payments", "bookings"}},
		sig:     Signal{Title: "Customer says she was charged twice for the carriage ride", Text: "Mrs Okafor called, two payments from us on her card for Sunday's Old Town carriage tour, wants one refunded.", Service: "carriage-bookings"},
		evidence: []string{
			"log: payments: booking CT-20931 charge_id=ch_81a type=deposit amount=20.00 GBP created=2026-11-21",
			"log: payments: booking CT-20931 charge_id=ch_c3f type=balance amount=65.00 GBP scheduled=48h_before_tour created=2026-12-05",
			"metric: payment_duplicate_idempotency_key_total = 0",
		},
		want: "",
	},
	// evidence shows the known customs-API failure is not happening; checkout errors are 3-D Secure timeouts
	{
		name:    "bagpipe shop checkout errors not customs api",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BAG-1", Title: "Checkout fails for Canadian orders when the customs-form API rejects HS codes", Symptoms: "Orders shipping to Canada fail at checkout with a customs declaration error because the carrier's customs API rejects the HS code used for instrument parts"},
			{ID: "KI-BAG-2", Title: "Reed hardness filter returns no results", Symptoms: "Filtering practice chanter reeds by hardness shows an empty list"},
			{ID: "KI-BAG-3", Title: "Made-to-order lead time shown as zero days", Symptoms: "Blackwood sets display as in stock"},
		},
		service: config.Service{Name: "pipes-webshop", Domains: []string{"webshop", "checkout", "shipping"}},
		sig:     Signal{Title: "[FIRING] CheckoutErrorRateHigh pipes-webshop", Text: "checkout error ratio 0.22 over 15m (threshold 0.05).", Service: "pipes-webshop"},
		evidence: []string{
			"metric: customs_api_errors_total{carrier=\"canadapost\"} = 0",
			"metric: checkout_errors_total{step=\"payment\",reason=\"3ds_challenge_timeout\"} = 87",
			"metric: checkout_errors_total{step=\"shipping\"} = 0",
			"trace: POST /checkout/pay span=acs.challenge issuer=bank-of-glasgow status=timeout duration=30.0s",
			"log: orders failing by destination: GB=61 US=22 DE=4 CA=0",
		},
		want: "",
	},
	// same symptom (tours shown sold out), but the capacity counter is right; a sea-state closure hid the tours
	{
		name:    "lighthouse tours sold out is weather closure",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LH-1", Title: "Tour capacity not released on cancellation, slots show sold out", Symptoms: "Cancelled bookings do not decrement the capacity counter, so tours appear sold out while seats are free"},
			{ID: "KI-LH-2", Title: "Audio guide app crashes on the spiral stair", Symptoms: "App crashes when Bluetooth beacons hand over between floors"},
			{ID: "KI-LH-3", Title: "Family tickets priced as four adults", Symptoms: "Family ticket discount not applied at checkout"},
		},
		service: config.Service{Name: "tour-booking", Domains: []string{"lighthouse tours", "capacity", "bookings"}},
		sig:     Signal{Title: "All boat tours to the lighthouse say sold out", Text: "Every slot for today and tomorrow on the island tour shows SOLD OUT on the website but the office says we've barely sold anything.", Service: "tour-booking"},
		evidence: []string{
			"metric: tour_capacity_remaining{tour=\"island-boat\",date=\"2026-12-05\"} = 38",
			"metric: tour_capacity_drift_total = 0",
			"log: INFO harbour-feed: sea-state closure flag set (Beaufort 8) for 2026-12-05..2026-12-06, marking boat departures unavailable",
			"log: web: departure unavailable rendered with label 'SOLD OUT' (no closure template)",
		},
		want:       "",
		limitation: "a zero drift counter and the remaining capacity contradict the issue, and a closure flag explains the label, but drift is no failure word and the capacity is not read against the sold-out claim",
	},
}

func TestKnownIssueHeldout35(t *testing.T) { runKISample(t, "known-issue held-out 35", kiHeldout35) }
