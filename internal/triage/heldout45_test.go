package triage

// heldout45_test.go is a forty-fifth known-issue sample (16 cases), written
// by a helper that did not read the matcher: nine cases where exactly one
// known issue fits (by the telemetry's fault signature under an alert worded
// differently, in a lay reporter's words, or in Spanish, Portuguese or
// French against English issue text) and seven where none fits although
// words are shared (another mechanism on the same component, evidence that
// the issue's mechanism is healthy, a schedule, firmware or region the issue
// is bound to that does not hold, the opposite symptom, a reporter naming
// the wrong known issue).
//
// First run (after the forty-third sample's fixes): correct 5/16,
// precision 0.33 (2/6 claims, four wrong), recall 0.22. Nothing was
// changed for it: the four wrong claims are kept as limitations (each is
// evidence against the issue's trigger or bounds in words the rule-outs
// do not read), and the misses are issues told in lay words or other
// languages sharing too few terms with the issue text.

// Written without reading the triage rules on 2026-12-06. Industries: plasma collection centres, bike-share docks, speed camera processing, lifeboat stations, irrigation districts, parking enforcement, cocoa cooperatives, sugarcane mills, ski resort snowmaking, orthodontic aligner labs, fish auction halls, public library e-lending, offender electronic monitoring, remittance kiosks, textbook rental, dry docks.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout45 = []kiCase{
	// --- alerts whose telemetry carries the fault signature ---
	{
		name:    "plasma centre inventory short after apheresis firmware adds xml elements",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PLS-1", Title: "Apheresis procedure records dropped after device firmware adds new XML elements", Symptoms: "Plasmapheresis devices upgraded to firmware 4.x write elements that the import schema does not allow; the device-interface service discards the whole procedure record, so the collected unit never reaches the donor record or plasma inventory and the donor's collected volume is missing from the frequency check", Domains: []string{"device interface", "inventory"}},
			{ID: "KI-PLS-2", Title: "Donor self-check kiosk questionnaire expires after 15 minutes", Symptoms: "Donors who take longer than 15 minutes on the health questionnaire are sent back to the start"},
			{ID: "KI-PLS-3", Title: "Hematocrit from the point-of-care analyzer truncated to whole numbers", Symptoms: "A reading of 38.9% is stored as 38, deferring borderline donors"},
		},
		service: config.Service{Name: "donor-center", Domains: []string{"plasma collection", "donors", "inventory"}},
		sig:     Signal{Title: "INC0481127 | Plasma inventory reconciliation mismatch - Dayton North centre", Text: "End-of-day reconciliation failed. Freezer FZ-2 holds 214 bottles, system shows 151. The 63 without a record were all collected on chairs 9-16 today. Centre manager cannot release the pallet to the fractionation shipment. Impact: 3 - Moderate, Urgency: 2 - Medium. Assignment group: Donor Systems L2.", Service: "donor-center"},
		evidence: []string{
			"log: device-interface ERROR validation failed device=PLX-chair12 file=PRC_20261206_1432.xml: cvc-complex-type.2.4.a: invalid content starting with element 'NomogramProfile'; record discarded",
			"metric: device_import_rejected_total{centre=\"dayton-north\",fw=\"4.1.0\"} = 63",
			"metric: device_import_rejected_total{centre=\"dayton-north\",fw=\"3.9.2\"} = 0",
			"log: change CHG-20931 2026-12-05 18:30: device firmware 4.1.0 installed on chairs 9-16 at Dayton North",
		},
		want: "KI-PLS-1",
	},
	{
		name:    "bike-share release failures at riverside stations on 2g fallback",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BS-1", Title: "Dock unlock commands time out at stations whose modem has fallen back to 2G", Symptoms: "When a station controller loses its LTE-M link and the modem falls back to GSM, the round trip for an unlock command exceeds the dock's 5-second timeout; riders are told the bike cannot be released although it shows as available"},
			{ID: "KI-BS-2", Title: "E-bike charge shown as 0% after a dock firmware reboot", Symptoms: "For an hour after a dock reboots, docked e-bikes report an empty battery in the app"},
			{ID: "KI-BS-3", Title: "Ride fee charged twice when a trip ends in a virtual overflow zone", Symptoms: "Trips ended next to a full station are billed once at lock and again at the overflow check-in"},
		},
		service: config.Service{Name: "dock-control", Domains: []string{"bike share", "stations", "iot"}},
		sig:     Signal{Title: "[Warn] rentals.start.failure_rate above 12% on station_group:riverside", Text: "Rental start failure rate 17.4% over last 30m (baseline 1.1%). Top error code: E_DOCK_NO_ACK. 9 stations in group. Monitor #44120318 @slack-mobility-oncall", Service: "dock-control"},
		evidence: []string{
			"log: station RS-204 modem: LTE-M attach rejected (EMM cause 15, no suitable cells in tracking area), registered on GSM 900",
			"metric: unlock_cmd_rtt_seconds_p95{station_group=\"riverside\"} = 7.9",
			"log: dock-ctl RS-204/D07 unlock cmd 5b1f no ack after 5000ms, dock state LOCKED",
			"log: carrier notice: planned LTE-M maintenance on cells 4411-4419 (Riverside), 06:00-12:00",
			"metric: unlock_cmd_rtt_seconds_p95{station_group=\"old-town\"} = 1.2",
		},
		want: "KI-BS-1",
	},
	{
		name:    "speed camera notice backlog from evidence volume inode exhaustion",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SC-1", Title: "Evidence store runs out of inodes while disk space is still free", Symptoms: "Every offence package is written as many small files (frames, hashes, metadata); once the evidence volume's inode table is full, camera uploads fail with 'No space left on device' although df shows plenty of free capacity, and notice generation stops"},
			{ID: "KI-SC-2", Title: "Plate recognition reads the EU band as a leading 'D'", Symptoms: "Foreign plates with the blue EU strip are read with an extra character and sent to the wrong keeper lookup"},
			{ID: "KI-SC-3", Title: "Calibration certificate expiry not flagged for mobile van cameras", Symptoms: "Van-mounted cameras keep producing offences after their annual calibration lapses"},
		},
		service: config.Service{Name: "offence-processing", Domains: []string{"speed cameras", "evidence", "notices"}},
		sig:     Signal{Title: "** PROBLEM Service Alert: ticketing-proc-02/Pending offence packages is CRITICAL **", Text: "Notification Type: PROBLEM\nService: Pending offence packages\nHost: ticketing-proc-02\nState: CRITICAL\nInfo: CRITICAL - 5812 packages pending (warn 500, crit 2000), oldest 04:51:12, last successful ingest 06:02:40", Service: "offence-processing"},
		evidence: []string{
			"log: ingest-svc ERROR write /evidence/2026/12/06/CAM-A38-112/pkg_77d1/frame_0004.jpg: no space left on device",
			"metric: node_filesystem_avail_bytes{mountpoint=\"/evidence\"} / node_filesystem_size_bytes{mountpoint=\"/evidence\"} = 0.46",
			"metric: node_filesystem_files_free{mountpoint=\"/evidence\"} = 0",
			"metric: camera_upload_failures_total{site=~\"A38.*\"} = 3310",
		},
		want: "KI-SC-1",
	},

	// --- reports in the reporter's own words ---
	{
		name:    "lifeboat helm's phone silent until picked up samsung crew only",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LB-1", Title: "Crew call-out push notifications held back on Android phones in Doze mode", Symptoms: "The paging app sends call-out messages at normal FCM priority; Android defers them while an unplugged device is idle in Doze, so the alert only sounds when the phone is next woken, often many minutes later. iOS devices are unaffected"},
			{ID: "KI-LB-2", Title: "Launch log export omits crew who responded but did not sail", Symptoms: "Shore crew and reserve crew are missing from the monthly service return"},
			{ID: "KI-LB-3", Title: "Pager app shows the previous shout's position after a reinstall", Symptoms: "The map in the call-out screen points at the last incident until the app is restarted twice"},
		},
		service: config.Service{Name: "crew-paging", Domains: []string{"lifeboats", "paging", "mobile"}},
		sig:     Signal{Title: "didn't get the shout Saturday night", Text: "Hi, Mick Trewin, helm at the station. Saturday night's shout to the yacht on the rocks, mine never went off. Phone was on the bedside table like always (I charge it in the van in the mornings). I only knew because Jan hammered on my door, hers went straight away, she's got the iPhone. When I picked mine up it started going off right there in my hand, 25 minutes late. Same thing for Pete and young Callum, both got Samsungs like me. We launched three short. Can somebody look at it before the next one please.", Service: "crew-paging"},
		want:    "KI-LB-1",
	},
	{
		name:    "irrigation farmer's evening request delivered a day late",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-IRR-1", Title: "Web portal water orders submitted after 4 pm are scheduled a day late", Symptoms: "The portal takes the order day from the submission timestamp in UTC; an order submitted after 16:00 local time (midnight UTC in winter) is treated as placed the next day, so the two-day notice rule moves the delivery one day later than requested on the ditch rider's schedule. Orders phoned in to the office are not affected"},
			{ID: "KI-IRR-2", Title: "Meter reads from flow meters on lateral 9 doubled in the monthly water bill", Symptoms: "Acre-feet used are billed twice for accounts on lateral 9"},
			{ID: "KI-IRR-3", Title: "Canal level SCADA screen stops refreshing after midnight", Symptoms: "The control room display freezes until the browser is reloaded"},
		},
		service: config.Service{Name: "water-orders", Domains: []string{"irrigation", "water orders", "scheduling"}},
		sig:     Signal{Title: "Phone message - late water, headgate 14-B", Text: "Message taken by front desk, Sunday.\nCaller: Ray Duarte, ranch on Road 22, headgate 14-B.\n\"I put in for water on the computer Tuesday night after supper, asked for Thursday six in the morning, twenty-four hours on the lettuce. Water guy shows up Friday morning and says his sheet says Friday. Same thing happened to me two weeks back. My brother-in-law calls his in to Linda and he's never had a problem. That field was already dry and I lost a day on sixty acres of lettuce, I want to know who's paying for it.\"\nPlease call back.", Service: "water-orders"},
		want:    "KI-IRR-1",
	},
	{
		name:    "bakery owner's app-paying customers ticketed by one attendant",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PE-1", Title: "Enforcement handhelds that miss the overnight sync cannot see virtual permits and app sessions bought since the previous day", Symptoms: "A handheld that fails its 05:00 sync keeps the previous day's list of virtual permits and pay-by-app sessions; the warden using it issues penalty charge notices to vehicles whose drivers paid by app that morning, while pay-and-display tickets are checked on the windscreen and are unaffected"},
			{ID: "KI-PE-2", Title: "Pay-and-display machines decline contactless payments under £1", Symptoms: "Short stays paid by card are refused at the machine"},
			{ID: "KI-PE-3", Title: "Appeals portal shows photos of the wrong vehicle", Symptoms: "Drivers appealing a PCN see evidence photos from another case"},
		},
		service: config.Service{Name: "civil-enforcement", Domains: []string{"parking", "enforcement", "permits"}},
		sig:     Signal{Title: "Customers getting tickets though they paid - Bridge Street", Text: "Dear Sir or Madam,\nI run the bakery at 14 Bridge Street. This past week four of my regulars have come in waving a ticket they found on the windscreen, and every one of them had paid on their phone that morning and showed me it on the screen, the two hours for £2.40. All four were put on by the same attendant, the tall gentleman who does Bridge Street and the car park behind the church. People who put coins in the machine and left the slip on the dashboard have been fine. It's driving trade away and I would like it sorted and the tickets cancelled.\nYours faithfully,\nGwen Pryce", Service: "civil-enforcement"},
		want:    "KI-PE-1",
	},

	// --- other languages, issue text in English ---
	// Spanish
	{
		name:    "cocoa collection centre receipts inflated after power cut spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAC-1", Title: "Weighbridge indicator reverts to pounds after a power loss", Symptoms: "After a power cut the scale indicator at a collection centre restarts with its factory default unit (lb); the intake app stores the number as kilograms, so deliveries are recorded about 2.2 times heavier and growers' advances are overpaid"},
			{ID: "KI-CAC-2", Title: "Fermentation box temperature logger gaps during solar charging", Symptoms: "Loggers stop recording between 11:00 and 14:00 while the panel charges the battery"},
			{ID: "KI-CAC-3", Title: "Fairtrade premium allocated to inactive members", Symptoms: "Members who left the cooperative still receive a share of the annual premium"},
		},
		service: config.Service{Name: "bean-intake", Domains: []string{"cocoa", "cooperative", "intake"}},
		sig:     Signal{Title: "Pesos raros en el centro de acopio de Quevedo", Text: "Buenas tardes, ingeniero. Hoy en el acopio de Quevedo los recibos salen con pesos que no cuadran: don Aurelio trajo sus 6 sacos de cacao en baba, que siempre son unos 270 kilos, y el recibo dice 595. Lo mismo con todos los socios que han entregado desde la mañana. Anoche se fue la luz en todo el cantón y la báscula estuvo apagada hasta las 9:40. La tesorera ya pagó anticipos con esos pesos a cuatro socios. ¿Qué hacemos?", Service: "bean-intake"},
		want:    "KI-CAC-1",
	},
	// Portuguese
	{
		name:    "sugarcane growers paid default sugar content for night loads portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CANA-1", Title: "Cane loads paid at the default ATR when the lab result arrives after the load is closed", Symptoms: "If the NIR lab result for a load's core sample is posted after the weighbridge has closed the load, settlement uses the default of 121 kg ATR per tonne instead of the measured value; growers delivering high-sugar cane are underpaid"},
			{ID: "KI-CANA-2", Title: "Harvester engine hours show zero after a GPS antenna swap", Symptoms: "Fleet telemetry resets the hour meter of harvesters whose antenna was replaced"},
			{ID: "KI-CANA-3", Title: "Truck queue display at the mill gate freezes at shift change", Symptoms: "The yard screen stops updating at 07:00 and 19:00 until restarted"},
		},
		service: config.Service{Name: "cane-settlement", Domains: []string{"sugarcane", "grower payments", "lab"}},
		sig:     Signal{Title: "Demonstrativo de pagamento – cargas da noite de 04/12 todas com ATR igual", Text: "Prezados,\nvários fornecedores da nossa associação receberam o demonstrativo das entregas da noite de 04/12 com todas as cargas no mesmo valor, 121,00 kg de ATR por tonelada, quando o laboratório de sacarose da usina, pelos laudos que nos mandaram, deu entre 136 e 142 nessas mesmas cargas. Soubemos que o espectrômetro do laboratório ficou em manutenção das 22h até perto das 4h e que as amostras daquela noite só foram analisadas de madrugada. Para alguns produtores a diferença passa de R$ 9 mil. Pedimos a revisão dos demonstrativos.\nAtt.,\nMarta Figueiredo – Associação dos Fornecedores de Cana", Service: "cane-settlement"},
		want:    "KI-CANA-1",
	},
	// French
	{
		name:    "snow guns in standby all night with rimed weather mast french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-NEIGE-1", Title: "Snow guns held in standby when the weather mast's hygrometer ices up", Symptoms: "An iced humidity sensor reports an out-of-range value; the controller then substitutes a conservative default wet-bulb temperature of -1.5 °C, above the -2.5 °C start threshold, and keeps the fan guns of that zone in standby even on nights cold enough to make snow"},
			{ID: "KI-NEIGE-2", Title: "Pump station trips when more than 40 lances start together", Symptoms: "The high-pressure pumps trip on overcurrent when a whole slope is started at once"},
			{ID: "KI-NEIGE-3", Title: "Grooming schedule app loses night assignments", Symptoms: "Piste machine drivers see an empty rota after 22:00"},
		},
		service: config.Service{Name: "snowmaking-control", Domains: []string{"ski resort", "snowmaking", "scada"}},
		sig:     Signal{Title: "Enneigeurs secteur Chamois en attente toute la nuit", Text: "Salut, cette nuit aucun enneigeur n'a démarré sur le secteur Chamois alors qu'il faisait -9 °C au départ de la télécabine. Sur la supervision ils sont tous restés en « attente conditions ». Ce matin le nivoculteur est monté au mât météo du haut, il était tout blanc de givre. Sur le secteur Marmottes (autre mât) tout a tourné normalement. On perd une nuit de production à dix jours de l'ouverture.", Service: "snowmaking-control"},
		evidence: []string{
			"metric: weather_mast_rh_percent{mast=\"chamois-haut\"} = 127.0 (out of range since 21:56)",
			"metric: weather_mast_air_temp_celsius{mast=\"chamois-haut\"} = -8.9",
			"metric: snowmaking_wetbulb_used_celsius{zone=\"chamois\"} = -1.5",
			"metric: snowmaking_wetbulb_used_celsius{zone=\"marmottes\"} = -10.2",
		},
		want: "KI-NEIGE-1",
	},

	// --- no known issue fits although words are shared ---
	// another mechanism on the same component: print queue stalled by empty resin, not by licensing
	{
		name:    "aligner print queue stalled by empty resin cartridges not license server",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ALN-1", Title: "Resin printers sit idle when the slicer cannot reach the license server", Symptoms: "Build jobs wait in the print queue in state SLICING because the slicer cannot check out a floating license; printers stay idle and the day's aligner batch misses the courier cut-off"},
			{ID: "KI-ALN-2", Title: "Trimming files rejected by the laser trimmer for arches with extra teeth", Symptoms: "Cut-line files for patients with supernumerary teeth fail validation"},
			{ID: "KI-ALN-3", Title: "Case labels print the old clinic name after a practice merger", Symptoms: "Shipping labels for merged practices show the former clinic"},
		},
		service: config.Service{Name: "print-farm", Domains: []string{"dental aligners", "3d printing", "production"}},
		sig:     Signal{Title: "[FIRING:1] PrintQueueStalled lab=brno pool=form-resin", Text: "print_queue_jobs_waiting = 146 for 40m; printers printing 2/12. Courier cut-off 16:00. Dashboard: Production / Print farm", Service: "print-farm"},
		evidence: []string{
			"metric: slicer_license_checkout_failures_total{lab=\"brno\"} = 0",
			"log: license-srv: 12/20 floating seats in use, last checkout 13:02:11 OK",
			"metric: print_jobs{lab=\"brno\",state=\"SLICING\"} = 0",
			"metric: print_jobs{lab=\"brno\",state=\"READY\"} = 146",
			"log: printer P-07 state=PAUSED reason=RESIN_CARTRIDGE_EMPTY material=dental-LT-clear (10 of 12 printers in the same state)",
			"log: inventory: dental-LT-clear on hand 0 cartridges; PO-33120 delivery moved to 2026-12-08",
		},
		want: "",
	},
	// the issue's mechanism is healthy: clocks are within milliseconds; the rejections are credit limits not restored (Dutch)
	{
		name:       "fish auction bids refused but clocks in sync dutch",
		limitation: "the telemetry shows the issue's mechanism healthy (clock offsets of a few milliseconds) in words the rule-outs do not read",
		heldOut:    true,
		issues: []KnownIssue{
			{ID: "KI-AFS-1", Title: "Bids rejected as late when auction clock displays drift from the bidding server", Symptoms: "If a clock display or remote bidding terminal loses NTP sync its countdown runs ahead of or behind the server; buyers press at what they see as a valid price but the server has already moved on, and the bid is refused as late"},
			{ID: "KI-AFS-2", Title: "Lot photos missing in the remote bidding app for crates weighed on scale 3", Symptoms: "Remote buyers see a grey placeholder instead of the catch photo"},
			{ID: "KI-AFS-3", Title: "Buyer invoices omit the auction levy for shellfish lots", Symptoms: "Mussel and oyster lots are invoiced without the levy"},
		},
		service: config.Service{Name: "clock-auction", Domains: []string{"fish auction", "bidding", "clock"}},
		sig:     Signal{Title: "Kopers klagen: op tijd gedrukt maar bod geweigerd", Text: "Vanochtend op de klok in zaal 2 hebben minstens zes kopers geklaagd dat ze op tijd drukten en toch 'bod geweigerd' kregen, vooral bij de tong en de tarbot. Loopt de klok weer niet gelijk? Van Urk en De Vries hebben al gebeld en dreigen morgen alleen op afstand te kopen.", Service: "clock-auction"},
		evidence: []string{
			"metric: clock_offset_ms{display=\"zaal2-klok\"} = 2.1",
			"metric: clock_offset_ms{terminal=~\"remote-.*\"} max = 3.4",
			"metric: bid_rejections_total{reason=\"LATE\",hall=\"2\"} = 1",
			"metric: bid_rejections_total{reason=\"CREDIT_LIMIT_EXCEEDED\",hall=\"2\"} = 58",
			"log: bid-svc REJECT buyer=NL-4471 lot=2-0317 reason=CREDIT_LIMIT_EXCEEDED remaining=0.00",
			"log: scheduler: job credit-limit-reset 05:00 FAILED: previous settlement batch still running",
		},
		want: "",
	},
	// schedule-bound issue (02:00-03:30 reindex window); emails now fail at midday on a DMARC rejection after a DNS change
	{
		name:       "library hold-ready emails missing at midday not during reindex",
		limitation: "the issue is bound to a nightly window and the fault began at midday, said as a reindex that finished",
		heldOut:    true,
		issues: []KnownIssue{
			{ID: "KI-LIB-1", Title: "Hold-ready emails not sent for holds filled during the nightly catalogue reindex", Symptoms: "Between 02:00 and about 03:30, while the discovery index is rebuilt, the notification worker cannot look up titles and skips holds that become available; those patrons are never emailed and the hold expires after 72 hours"},
			{ID: "KI-LIB-2", Title: "Audiobook loans return early on devices set to another time zone", Symptoms: "Loans end hours before the due time for patrons travelling abroad"},
			{ID: "KI-LIB-3", Title: "Card PIN reset when a patron changes home branch", Symptoms: "Patrons who move branch cannot sign in to the app"},
		},
		service: config.Service{Name: "elending-notify", Domains: []string{"library", "ebooks", "notifications"}},
		sig:     Signal{Title: "Ticket #58213: Patrons not receiving 'your hold is ready' emails", Text: "Since lunchtime Central branch has taken eleven calls from patrons whose ebook holds show as Ready in the app but who never got the email. The holds came in at 12:40, 13:05, 13:22 and later. Most callers have Gmail addresses. Could this be the known hold email problem?", Service: "elending-notify"},
		evidence: []string{
			"log: reindex: nightly catalogue reindex started 02:00:04, finished 03:11:52, status=OK",
			"log: notify-worker: hold H-9921187 available 12:41:03, email queued msg=ab12f0",
			"log: mailer: 550-5.7.26 Unauthenticated email from northfieldlibraries.org is not accepted due to domain's DMARC policy (gmail-smtp-in.l.google.com)",
			"log: dns: 2026-12-06 11:58 TXT record for northfieldlibraries.org changed, SPF no longer includes mailer range 198.51.100.0/26",
			"metric: mail_delivery_failures_total{recipient_domain=\"gmail.com\"} = 214",
		},
		want: "",
	},
	// firmware/battery-bound issue; alarming tags run newer firmware with healthy batteries and share a faulty strap lot (German)
	{
		name:    "ankle tag tamper alarm surge on new firmware and full batteries german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-EM-1", Title: "False strap-tamper alarms from ankle tags on firmware 2.3 when the battery falls below 15%", Symptoms: "Tags running firmware 2.3.x misread the strap continuity circuit at low battery voltage and raise strap-tamper events; case workers and police are sent out although the strap is intact"},
			{ID: "KI-EM-2", Title: "Home units report curfew absence during the carrier's nightly maintenance", Symptoms: "Home monitoring units lose their mobile connection between 01:00 and 01:20 and report the subject absent"},
			{ID: "KI-EM-3", Title: "Exclusion zone edits take 30 minutes to reach the tags", Symptoms: "Newly added exclusion zones do not raise alarms until the next tag check-in"},
		},
		service: config.Service{Name: "tag-monitoring", Domains: []string{"electronic monitoring", "tags", "alarms"}},
		sig:     Signal{Title: "[PagerDuty] #P7R2K1 Häufung Manipulationsalarme Fußfessel – Region Nordhessen", Text: "Seit 06:00 Uhr 34 Alarme 'Bandmanipulation' (üblich 2–3 pro Tag). Schichtleitung Überwachungsstelle: Polizei bei drei Probanden vor Ort, Band jeweils unversehrt, Probanden zu Hause. Bitte dringend prüfen, die Streifen können so nicht weiter ausrücken.", Service: "tag-monitoring"},
		evidence: []string{
			"metric: strap_tamper_events_total{region=\"nordhessen\",fw=\"2.5.1\"} = 34",
			"metric: strap_tamper_events_total{region=\"nordhessen\",fw=\"2.3.4\"} = 0",
			"metric: tag_battery_percent{alarm=\"strap_tamper\"} min = 58, median = 81",
			"log: fitting records: 31 of 34 alarming tags fitted 2026-12-01..05 with strap lot SL-2291",
			"log: vendor quality notice QN-118: strap lot SL-2291 continuity wire crimp out of specification",
		},
		want: "",
	},
	// region- and name-bound issue (Philippines, accented names); this is a Guatemalan agent float shortage
	{
		name:       "remittance pickup codes refused in guatemala agent float not accented names",
		limitation: "the issue is bound to one country and to accented names; the fault is in another country with every name matched",
		heldOut:    true,
		issues: []KnownIssue{
			{ID: "KI-REM-1", Title: "Cash pickup codes rejected at Philippine partner agents when the receiver's name has an ñ or accent", Symptoms: "The Philippine payout partner's API converts names to plain ASCII before matching; pickups whose beneficiary name contains ñ or accented letters fail the name match and the agent sees 'code invalid'"},
			{ID: "KI-REM-2", Title: "Kiosk receipts print the exchange rate with two decimals only", Symptoms: "Senders see a rounded rate that does not match the amount received"},
			{ID: "KI-REM-3", Title: "Sender selfie check loops on kiosks after the camera driver update", Symptoms: "The ID verification step restarts until the kiosk is rebooted"},
		},
		service: config.Service{Name: "payout-gateway", Domains: []string{"remittances", "payouts", "agents"}},
		sig:     Signal{Title: "[P2] Payout failures elevated: corridor US→GT", Text: "payout_failure_rate 23% (baseline 0.8%) for 45 min, 412 transfers affected. Agent feedback via support: 'código no válido' at counters in Quetzaltenango and Huehuetenango. Opsgenie alert id 7d1e-payout-gt, source: Prometheus", Service: "payout-gateway"},
		evidence: []string{
			"log: payout-gw corridor=US-GT partner=red-agentes-gt resp=E107 AGENT_FLOAT_INSUFFICIENT agent=QZ-0231",
			"metric: payout_failures_total{corridor=\"US-GT\",code=\"E107\"} = 396",
			"metric: payout_failures_total{corridor=\"US-PH\"} = 3",
			"log: payout-gw name_match=PASS for 412 of 412 failed US-GT payouts",
			"log: partner status red-agentes-gt: cash top-up to western highland agents delayed by armoured transport, December bonus (aguinaldo) volume",
		},
		want: "",
	},
	// opposite symptom: the issue is duplicate reminders; now no reminders were sent at all
	{
		name:    "textbook rental no due-date reminders this term opposite of duplicates",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TB-1", Title: "Students receive duplicate due-date reminder emails when the mailer times out", Symptoms: "The reminder job retries a batch after a 30-second SMTP timeout although the first attempt was delivered, so students get two or three identical 'return your textbooks' reminders"},
			{ID: "KI-TB-2", Title: "Return desk scanners skip ISBN-10 stickers", Symptoms: "Older books with ISBN-10 labels have to be keyed in by hand"},
			{ID: "KI-TB-3", Title: "Damage charges posted to the wrong term", Symptoms: "Fees for damaged books appear on the following term's statement"},
		},
		service: config.Service{Name: "rental-notify", Domains: []string{"textbook rental", "reminders", "email"}},
		sig:     Signal{Title: "No return reminders this term - late fees on student accounts", Text: "The student union forwarded 37 complaints: nobody got the 'books due back' email before the 12/01 due date this term, and late fees of $5/day are now showing on their accounts. Last term people were getting the reminder twice, so something in that email job is clearly still broken. Please waive the fees for the affected students.", Service: "rental-notify"},
		evidence: []string{
			"metric: reminder_emails_sent_total{job=\"due-date-reminder\",term=\"fall-2026\"} = 0",
			"log: due-date-reminder: rendering template 'due_reminder_v3' failed: undefined variable 'return_location' (template edited 2026-11-20); batch skipped",
			"metric: smtp_timeouts_total{job=\"due-date-reminder\"} = 0",
		},
		want: "",
	},
	// reporter names the wrong known issue: the subscription is live; the pump's tags were re-created after a motor swap
	{
		name:       "dry dock pump run-hours frozen after motor swap not the backup subscription bug",
		limitation: "the reporter names the known issue, and the evidence that rules it out (subscription live, other pumps updating) is in words the checks do not read",
		heldOut:    true,
		issues: []KnownIssue{
			{ID: "KI-DD-1", Title: "Dewatering pump run-hours stop updating in the CMMS after the SCADA server's nightly backup", Symptoms: "The nightly backup restarts the OPC UA server; the CMMS connector does not re-create its subscription, so pump run-hour counters freeze for every pump and preventive maintenance work orders are not raised until the connector is restarted"},
			{ID: "KI-DD-2", Title: "Dock water level reads low during flooding when foam covers the radar gauge", Symptoms: "The level shown in the control room lags the real level while the dock floods"},
			{ID: "KI-DD-3", Title: "Keel block layout drawings export at the wrong scale", Symptoms: "PDF exports of the block plan are printed at 1:200 instead of 1:100"},
		},
		service: config.Service{Name: "dock-cmms-sync", Domains: []string{"dry dock", "maintenance", "scada"}},
		sig:     Signal{Title: "#dock-ops: Dock 2 pump P3 hours stuck", Text: "@oncall Dock 2 main dewatering pump P3 run-hours stuck at 11,482 in Maximo since Tuesday. Same as the KI-DD-1 backup thing again? Can someone bounce the connector, PM is due on that pump before we dry the frigate next week.", Service: "dock-cmms-sync"},
		evidence: []string{
			"log: cmms-connector: OPC UA subscription sub-7 active, 1,204 monitored items, last data change 2s ago",
			"metric: cmms_connector_value_updates_per_second = 3.9",
			"log: cmms-connector WARN monitored item ns=2;s=DD2.P3.RunHours status BadNodeIdUnknown",
			"log: SCADA change 2026-12-01 WO-55102: pump DD2-P3 motor replaced, tags re-created as DD2.P3B.* (run-hours restarted at 0)",
			"metric: scada_tag_value{tag=\"DD2.P3B.RunHours\"} = 37.2",
			"metric: scada_tag_value{tag=\"DD2.P1.RunHours\"} = 9120.6 (updating in CMMS)",
		},
		want: "",
	},
}

func TestKnownIssueHeldout45(t *testing.T) { runKISample(t, "known-issue held-out 45", kiHeldout45) }
