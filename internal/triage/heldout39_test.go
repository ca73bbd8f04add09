package triage

// heldout39_test.go is a thirty-ninth known-issue sample (16 cases),
// written by a helper that did not read the matcher: nine alerts and
// reports that one candidate issue explains (some only through the fault
// signature in their telemetry, some in other words or another language)
// and seven that share words with a candidate but are a different problem
// (another mechanism on the same component, a healthy reading that rules
// the cause out, a firmware version, time window or region the issue is
// bound to that does not hold, a symptom in the opposite direction, a
// reporter naming the wrong known issue).
//
// First run (after the thirty-seventh sample's fixes): correct 9/16,
// precision 0.62 (5/8 claims, three wrong), recall 0.56. The classes: an
// issue bound to a window of the clock against a fault that began far
// outside it; a reading compared with its reference ("_vs_staff_gauge_cm
// = 0.4") far inside the error a drifting sensor makes; a position
// "confirmed LEFT (expected LEFT)" is the expected reading. After: correct
// 12/16, precision 1.00 (5/5), recall 0.56: the four misses are told in
// other languages with too few shared terms. It has tuned rules since, so
// it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: industrial bakeries, glassblowing studios, radiology imaging centres, marinas, intercity coach operators, e-scooter sharing, exam boards, battery swap stations, zip-line parks, cattle feedlots, composting facilities, concrete batching plants, almond hullers, canal lock operators, hospital pneumatic tube systems, agricultural drone spraying.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout39 = []kiCase{
	// --- alerts whose telemetry carries the fault signature ---
	// German Zabbix problem; the refused PLC connection and the full gateway are the issue's mechanism
	{
		name:    "bakery oven belt stopped modbus gateway slots exhausted german zabbix",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BAK-1", Title: "Proofer humidity reads 0% after a replacement probe keeps the default bus address", Symptoms: "When a new humidity probe is fitted with the factory Modbus address it clashes with the temperature probe, the proofer shows 0% RH and steam injection runs flat out"},
			{ID: "KI-BAK-2", Title: "Tunnel oven belt halts when the MES poller exhausts the Modbus/TCP gateway's connection slots", Symptoms: "The oven belt on a bun line stops and dough pieces pile up at the loader; the MES data poller opens a new Modbus/TCP connection on every poll without closing the old one, the gateway's eight slots fill up and the line PLC's own connection to the belt drive is refused", Runbook: "Restart mes-poller, power-cycle the oven gateway, confirm the PLC reconnects and the belt restarts from the HMI.", Domains: []string{"plc", "mes"}},
			{ID: "KI-BAK-3", Title: "Bag labels carry the previous day's best-before date after midnight", Symptoms: "Night shift labels print yesterday's date until the label server is restarted"},
		},
		service: config.Service{Name: "bun-line-2-control", Domains: []string{"bakery", "plc", "mes"}},
		sig:     Signal{Title: "Problem: Linie Brötchen-2: Ausstoß unter 20 % vom Soll", Text: "line2_output_pieces_per_min = 140 (Soll 900) seit 12 Minuten. Schichtleiter: Ofenband steht, Teiglinge stauen sich am Einleger.", Service: "bun-line-2-control"},
		evidence: []string{
			"log: 03:41:17 PLC-BL2 MB_CLIENT 10.20.4.31:502 connect failed: connection refused (STATUS 16#80C4)",
			"metric: modbus_gw_open_connections{gw=\"gw-oven-bl2\"} = 8",
			"metric: modbus_gw_connection_limit{gw=\"gw-oven-bl2\"} = 8",
			"log: mes-poller[2211]: opened socket to 10.20.4.31:502 for poll 5118; 7 earlier sockets still ESTABLISHED",
			"metric: proofer_relative_humidity_percent{line=\"2\"} = 84",
		},
		want: "KI-BAK-2",
	},
	// the alert only says studies are unreconciled; the log shows the stripped leading zeros
	{
		name:    "radiology pacs unreconciled mr studies leading zeros stripped",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RAD-1", Title: "CT modality worklist empty when the RIS HL7 order feed stalls", Symptoms: "Technologists at the CT scanner see no scheduled patients because ORM orders stop flowing from the RIS once the HL7 listener's queue fills"},
			{ID: "KI-RAD-2", Title: "MR studies filed as orphans because the scanner drops leading zeros from the patient ID", Symptoms: "Studies from the MR scanner land in the PACS unreconciled or under a new empty patient, because the modality sends the medical record number without its leading zeros and the PACS cannot match it to the order"},
			{ID: "KI-RAD-3", Title: "Report PDFs disappear from the referrer portal after 30 days", Symptoms: "Referring doctors get 'document not found' for reports older than a month"},
		},
		service: config.Service{Name: "pacs-reconcile", Domains: []string{"radiology", "pacs", "dicom"}},
		sig:     Signal{Title: "[Opsgenie] P2 - PACS reconciliation backlog > 50 studies", Text: "pacs_unreconciled_studies above 50 for 20 minutes. Reading room says MR priors are missing from the worklist for this morning's knee and spine list.", Service: "pacs-reconcile"},
		evidence: []string{
			"log: WARN pacs-recon: study 1.2.840.113619.2.411.88213 PatientID=\"482197\" no MRN match (nearest \"00482197\"), filed under ORPHAN",
			"metric: pacs_unreconciled_studies{modality=\"MR2\"} = 57",
			"metric: pacs_unreconciled_studies{modality=\"CT1\"} = 0",
			"metric: ris_hl7_orm_received_rate_5m = 2.3",
		},
		want: "KI-RAD-2",
	},
	// roaming PLMN with rejected PDP context on the private APN; the other network is fine
	{
		name:    "e-scooter unlock failures modem roamed onto partner network",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SCO-1", Title: "Unlock commands time out for scooters whose modem roams onto a partner network", Symptoms: "Riders get 'unlock failed' because scooters whose IoT modem has attached to a roaming partner network cannot open a data session on the private APN; unlock commands never reach the vehicle while SMS-based position reports keep arriving"},
			{ID: "KI-SCO-2", Title: "Scooters unlock but the motor stays disabled after firmware 5.8", Symptoms: "On firmware 5.8 the unlock succeeds and the lights come on, but the throttle does nothing until the scooter is power-cycled"},
			{ID: "KI-SCO-3", Title: "Ride end refused inside parking zones drawn after 1 October", Symptoms: "Riders cannot end trips in newly added parking zones and keep being charged"},
		},
		service: config.Service{Name: "fleet-iot-bridge", Domains: []string{"micromobility", "iot", "unlock"}},
		sig:     Signal{Title: "[FIRING:1] UnlockSuccessRateLow city=lille", Text: "unlock_success_ratio = 0.71 (SLO 0.97) for 25m. Support: 64 new tickets 'trottinette ne se déverrouille pas' from Lille-Sud and Villeneuve-d'Ascq.", Service: "fleet-iot-bridge"},
		evidence: []string{
			"metric: unlock_command_timeouts_total{city=\"lille\",plmn=\"208-10\"} = 418",
			"metric: unlock_command_timeouts_total{city=\"lille\",plmn=\"208-01\"} = 4",
			"log: iot-bridge: SC-88121 attached PLMN 208-10 roaming=true; PDP context activation rejected apn=fleet.m2m cause=33 (requested service option not subscribed)",
			"metric: sms_position_reports_rate_5m{city=\"lille\"} = 12.4",
		},
		want: "KI-SCO-1",
	},
	// every slot reads -40 °C in a 24 °C cabinet with full packs held back
	{
		name:    "battery swap cabinet empty during peak cold-charge hold at -40",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SWP-1", Title: "Swap cabinet holds back fully charged packs when slot temperature probes are disconnected", Symptoms: "A cabinet shows no batteries available to riders although its packs are full; a disconnected slot temperature probe reads -40 °C and the charger's cold-charge guard never releases the pack"},
			{ID: "KI-SWP-2", Title: "Riders billed for a swap the cabinet aborted", Symptoms: "When the slot door jams mid-swap the rider is charged although no pack was issued"},
			{ID: "KI-SWP-3", Title: "Cabinet map pins shown in the wrong district after the address import", Symptoms: "The app sends riders to the wrong street for newly imported cabinets"},
		},
		service: config.Service{Name: "swap-cabinets", Domains: []string{"battery swapping", "charging", "iot"}},
		sig:     Signal{Title: "[Triggered] Cabinet BS-0231 has 0 packs available during evening peak", Text: "available_packs{cabinet:BS-0231} == 0 for 40m. App logs show 23 riders turned away at the Gongguan station.", Service: "swap-cabinets"},
		evidence: []string{
			"metric: slot_temperature_celsius{cabinet=\"BS-0231\",slot=\"1\"} = -40",
			"metric: slot_temperature_celsius{cabinet=\"BS-0231\",slot=\"6\"} = -40",
			"log: BS-0231 charger: COLD_CHARGE_HOLD slots=1-8 T=-40.0C release=blocked",
			"metric: pack_soc_percent_min{cabinet=\"BS-0231\"} = 97",
			"metric: cabinet_ambient_temperature_celsius{cabinet=\"BS-0231\"} = 24",
			"log: BS-0231 door-controller: self-test ok, 0 jams in 24h",
		},
		want: "KI-SWP-1",
	},

	// --- reports in the reporter's own words ---
	// "comes out of my bank account every year" is the direct debit; the card renewal works
	{
		name:    "marina fob stopped opening pontoon gate after direct debit renewal",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MAR-1", Title: "Pontoon gate fobs expire for berth holders who renew by direct debit", Symptoms: "Annual berth renewals collected by direct debit do not extend the fob expiry date in the gate access system, so these berth holders are locked out of the pontoon gates once the old date passes; renewals paid by card at the office extend the fob correctly"},
			{ID: "KI-MAR-2", Title: "Shore power usage billed twice after pedestal meter replacement", Symptoms: "Berths whose pedestal meter was swapped get two electricity lines on the monthly invoice"},
			{ID: "KI-MAR-3", Title: "Visitor berth booking shows no availability during boat show week", Symptoms: "Online booking says full for all visitor berths although the harbour office has space"},
		},
		service: config.Service{Name: "berth-access", Domains: []string{"marina", "access control", "billing"}},
		sig:     Signal{Title: "Can't get onto D pontoon - fob dead?", Text: "Evening, my fob stopped opening the D pontoon gate yesterday around 6pm, had to wait for someone coming out to let me through to my boat. I'm on D22 and the mooring comes out of my bank account every year in November, the statement shows it was taken on the 1st. The chap on D14 renewed at the office with his card last week and his fob works fine. Put a new battery in mine, no change.", Service: "berth-access"},
		want:    "KI-MAR-1",
	},

	// --- other languages, issue text in English ---
	// Spanish: a short power cut, annealer program "finished" four hours early, pieces cracked
	{
		name:    "glassblowing annealer skipped soak after power blip spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GLS-1", Title: "Annealer shuts down with an over-temperature alarm on an open thermocouple", Symptoms: "A broken type-K thermocouple reads full scale, the annealing kiln stops with an over-temperature alarm and the door interlock stays engaged"},
			{ID: "KI-GLS-2", Title: "Annealing kiln resumes at the cool-down segment after a short power interruption", Symptoms: "When mains power drops for a few seconds, the annealer controller restarts the firing program at the cooling segment and skips the rest of the anneal soak, so the pieces cool too fast and crack or shatter hours later; the program still reports as completed"},
			{ID: "KI-GLS-3", Title: "Glory hole burner flame failure after regulator swap", Symptoms: "The reheating furnace burner trips on flame failure several times a shift since the gas regulator was replaced"},
		},
		service: config.Service{Name: "studio-kilns", Domains: []string{"glassblowing", "kilns", "controllers"}},
		sig:     Signal{Title: "Se nos han rajado todas las piezas del turno de tarde", Text: "Buenos días. Ayer sobre las 19:30 se fue la luz un momento en el taller (parpadearon las lámparas y volvió enseguida). Esta mañana, al abrir el horno de recocido, todos los vasos y dos jarrones grandes estaban agrietados, uno directamente reventado. En la pantalla del controlador pone 'programa finalizado' sin ninguna alarma, pero según el registro terminó casi cuatro horas antes de lo normal. Nadie tocó el programa.", Service: "studio-kilns"},
		want:    "KI-GLS-2",
	},
	// Portuguese: booking moved from 08:00 to 10:30, driver app still checks the 08:00 departure
	{
		name:    "coach ticket rejected after changing departure portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BUS-1", Title: "Driver app rejects QR tickets for bookings moved to another departure", Symptoms: "When a passenger changes the booking to a different departure, the reissued ticket's QR code still carries the original departure ID, so the driver's validation app shows 'not valid for this service' at boarding"},
			{ID: "KI-BUS-2", Title: "Seat map shows the upper deck of double-deckers reversed", Symptoms: "Passengers choosing a front seat upstairs are seated at the back"},
			{ID: "KI-BUS-3", Title: "Refunds for cancelled departures not issued to PayPal payments", Symptoms: "Passengers who paid by PayPal never receive the automatic refund when the operator cancels a departure"},
		},
		service: config.Service{Name: "ticket-validation", Domains: []string{"coach travel", "ticketing", "mobile"}},
		sig:     Signal{Title: "Motorista não aceitou o meu bilhete alterado", Text: "Bom dia. Alterei a minha viagem Porto–Lisboa das 08:00 para as 10:30 no vosso site, paguei a diferença de 3,50 € e recebi o novo bilhete por email. Na hora de embarcar, a aplicação do motorista disse que o bilhete 'não é válido para este serviço' e mostrava a partida das 08:00. Tive de comprar outro bilhete no balcão e quero o reembolso desse valor.", Service: "ticket-validation"},
		want:    "KI-BUS-1",
	},
	// French: tiers-temps (one-third extra time) lost when the candidate joined ten minutes late
	{
		name:    "exam board extra time not applied after late login french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-EXAM-1", Title: "Extra-time accommodation not applied when the candidate joins an online exam after it has started", Symptoms: "Candidates with approved extra time (25% or one-third) who log in late get the standard duration and the exam closes at the same time as for everyone else; the accommodation is only added when the timer is created at session start"},
			{ID: "KI-EXAM-2", Title: "Scanned answer scripts missing pages for double-sided booklets", Symptoms: "Markers see only odd pages for candidates who wrote on both sides"},
			{ID: "KI-EXAM-3", Title: "Results released before the embargo date for resit candidates", Symptoms: "Resit candidates see their grades a day early"},
		},
		service: config.Service{Name: "online-exams", Domains: []string{"exams", "accessibility", "timing"}},
		sig:     Signal{Title: "Tiers-temps non appliqué à l'épreuve d'histoire", Text: "Bonjour, mon fils bénéficie d'un tiers-temps (aménagement validé par le rectorat). Lundi, pour l'épreuve en ligne d'histoire-géographie, il s'est connecté avec une dizaine de minutes de retard à cause d'une coupure wifi. L'épreuve s'est fermée à 11h00 comme pour tous les autres candidats, sans son temps supplémentaire. Aux épreuves précédentes, où il était connecté dès le début, le tiers-temps avait bien été pris en compte.", Service: "online-exams"},
		want:    "KI-EXAM-1",
	},
	// Polish: the guest with Ż/ó/ł in her name is "missing" the waiver, her friend Anna Nowak is not
	{
		name:    "zip-line waiver missing for accented name polish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ZIP-1", Title: "Kiosk-signed waivers not linked to bookings for names with accented letters", Symptoms: "Guests whose names contain non-ASCII letters (é, ñ, ł, ż ...) sign the waiver at the entrance kiosk, but the gate tablet still shows 'waiver missing' because the booking lookup strips accents from the name on one side only"},
			{ID: "KI-ZIP-2", Title: "Harness size not printed on the wristband", Symptoms: "Instructors have to look up each guest's harness size on the tablet"},
			{ID: "KI-ZIP-3", Title: "Weather closure SMS sent twice", Symptoms: "Guests receive two identical closure texts for the same booking"},
		},
		service: config.Service{Name: "guest-checkin", Domains: []string{"adventure park", "waivers", "check-in"}},
		sig:     Signal{Title: "Nie wpuszczono mnie na trasę – brak oświadczenia w systemie", Text: "Dzień dobry, w sobotę podpisałam oświadczenie na kiosku przy wejściu (Żaneta Wróblewska, rezerwacja na 11:00), ale instruktor przy pierwszej platformie powiedział, że w systemie go nie ma. Podpisywałam jeszcze dwa razy, bez zmian. Moja koleżanka Anna Nowak podpisała na tym samym kiosku minutę wcześniej i weszła bez problemu. Straciłyśmy całą rezerwację.", Service: "guest-checkin"},
		want:    "KI-ZIP-1",
	},

	// --- none fits ---
	// version-bound: the node runs 3.3.2 not 3.4 and keeps waking; the hood was bent and the inlet blocked
	{
		name:    "feedlot trough dry while reading full but firmware not 3.4",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FEED-1", Title: "Trough level nodes stuck at 'full' after firmware 3.4", Symptoms: "Water trough sensors updated to LoRa node firmware 3.4 keep reporting 100% while troughs run dry, because the ultrasonic sensor is never woken after its first sleep cycle and the uplinks stop changing"},
			{ID: "KI-FEED-2", Title: "Feed truck ration weights recorded twice when the scale indicator reconnects", Symptoms: "Bunk calls show double the delivered ration after a Bluetooth reconnect"},
			{ID: "KI-FEED-3", Title: "Treatment records synced to the wrong lot after a lot split", Symptoms: "Animals moved in a split keep their old lot's treatment history"},
		},
		service: config.Service{Name: "pen-monitoring", Domains: []string{"feedlot", "water", "lorawan"}},
		sig:     Signal{Title: "Pen 14 trough dry, dashboard showed full all night", Text: "Morning ride found pen 14 (about 180 head) with an empty trough at 06:05. Dashboard had it at 100% the whole night so nothing alerted. Isn't this the sensor firmware thing again?", Service: "pen-monitoring"},
		evidence: []string{
			"metric: lora_node_firmware_info{node=\"TR-14\",version=\"3.3.2\"} = 1",
			"log: TR-14 uplinks every 15 min overnight, fcnt 90112-90143, distance_mm 38-44",
			"log: pen rider 06:20: TR-14 sensor hood bent down by cattle rubbing, sensor face about 4 cm from the rim bar",
			"log: pen rider 06:25: inlet strainer at TR-14 packed with hay, float valve refilled the trough once cleared",
		},
		want: "",
	},
	// Spanish, opposite direction: the known issue runs the blowers at 100% on a frozen reading;
	// here the reading is live, the controller asks for 100% and the blower is stopped by a drive fault
	{
		name:    "compost pile overheating blower stopped not frozen oxygen probe spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-COMP-1", Title: "Aeration blowers stuck at full speed when the pile oxygen probe freezes low", Symptoms: "When an oxygen probe's transmitter hangs its reading freezes around 2% and the controller keeps the pile's aeration blowers at 100%, overcooling the pile below pathogen-reduction temperature and wasting power"},
			{ID: "KI-COMP-2", Title: "Screening drum hour meter resets on PLC restart", Symptoms: "Maintenance intervals for the trommel are lost after a power cut"},
			{ID: "KI-COMP-3", Title: "Weighbridge charges green waste at the food waste rate", Symptoms: "Garden waste loads are invoiced at the higher organics tariff"},
		},
		service: config.Service{Name: "asp-aeration", Domains: []string{"composting", "aeration", "sensors"}},
		sig:     Signal{Title: "Pila 7: 78 °C y olor a podrido, soplante parado", Text: "Desde anoche la pila 7 del túnel B marca 78 °C en la sonda de núcleo y huele a huevo podrido hasta la báscula. El soplante de la pila no suena. ¿Es otra vez lo de la sonda de oxígeno?", Service: "asp-aeration"},
		evidence: []string{
			"metric: pile_o2_percent{pile=\"7\"} = 2.8",
			"metric: pile_o2_probe_last_update_age_seconds{pile=\"7\"} = 41",
			"metric: aeration_setpoint_percent{pile=\"7\"} = 100",
			"metric: blower_speed_percent{pile=\"7\"} = 0",
			"log: ERROR vfd-B7: fault F0021 motor overload (I2t), blower stopped 2026-12-05 23:48, auto-restart disabled",
		},
		want: "",
	},
	// reporter names the known issue by ID; admixture dosed once, no reconnects, the sand is wet
	{
		name:    "concrete high slump load reporter blames double admixture",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CON-1", Title: "Superplasticiser dosed twice when the batch ticket is re-sent after a dispatch link drop", Symptoms: "If the batch controller loses its link to dispatch in the middle of a batch, the ticket is re-sent on reconnect and the admixture is dosed a second time, so the load arrives runny with a slump far above spec"},
			{ID: "KI-CON-2", Title: "Truck tracking marks loads delivered before they leave the plant", Symptoms: "Delivery times on tickets are earlier than the plant exit time"},
			{ID: "KI-CON-3", Title: "Cement silo level reads empty after radar sensor firmware update", Symptoms: "Silo 2 shows 0 t and blocks batching although it is full"},
		},
		service: config.Service{Name: "batch-control", Domains: []string{"concrete", "batching", "dispatch"}},
		sig:     Signal{Title: "KI-CON-1 again?? truck 31 load rejected on site, slump way out", Text: "Site rejected truck 31 (ticket B-77120, C30/37 S3), slump measured 230 mm, foreman called it soup. Pretty sure it's the double admix thing again, can someone check the dispatch link?", Service: "batch-control"},
		evidence: []string{
			"metric: admix_dosed_litres{ticket=\"B-77120\"} = 4.6",
			"metric: admix_target_litres{ticket=\"B-77120\"} = 4.6",
			"metric: dispatch_link_reconnects_total{plant=\"east\",window=\"24h\"} = 0",
			"log: batch B-77120: ticket received once at 06:52:10, no retransmission",
			"log: WARN sand-bin-2 moisture probe value 2.1% unchanged since 2026-12-03 04:10",
			"log: QC: sand stockpile soaked by overnight rain, oven-dry moisture 7.6% on sample S-1205-02",
		},
		want: "",
	},
	// time window: the issue happens during the 01:00-01:30 push; this fires at 14:20, the push finished at 01:07
	{
		name:    "almond sorter rejecting good kernels in the afternoon not recipe push",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ALM-1", Title: "Colour sorters reject good kernels during the nightly recipe push", Symptoms: "Between 01:00 and 01:30, while the recipe server pushes the nightly profile update, the colour sorters run on a blank reject profile and eject good kernels; the reject rate climbs above 30% until the push finishes"},
			{ID: "KI-ALM-2", Title: "Huller fan motor current alarm false after CT replacement", Symptoms: "Fan 2 raises overcurrent alarms at normal load since its current transformer was changed"},
			{ID: "KI-ALM-3", Title: "Grower delivery receipts missing the variety code", Symptoms: "Receipts print without Nonpareil/Monterey codes, so payments are held"},
		},
		service: config.Service{Name: "sorting-line", Domains: []string{"almond processing", "sorters", "recipes"}},
		sig:     Signal{Title: "SorterRejectRateHigh sorter=CS-2 reject_ratio=0.38", Text: "Firing since 14:20 local. Rework bin filling fast, QC says the reject stream is mostly clean Nonpareil.", Service: "sorting-line"},
		evidence: []string{
			"log: recipe-sync: nightly push to CS-1..CS-4 completed 01:07:42, next run 2026-12-07 01:00",
			"metric: sorter_active_profile_info{sorter=\"CS-2\",profile=\"nonpareil-2026.12.06a\",rules=\"212\"} = 1",
			"log: WARN CS-2 rear camera: background reference deviation 17% (dust on viewing window), auto-calibration skipped",
			"metric: sorter_reject_ratio{sorter=\"CS-2\"} = 0.38",
			"metric: sorter_reject_ratio{sorter=\"CS-3\"} = 0.06",
		},
		want: "",
	},
	// German: the level interlock is satisfied and the transmitter agrees with the staff gauge; the gate's hydraulic pump tripped
	{
		name:    "canal lock upper gate will not open levels equal hydraulic trip german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LOCK-1", Title: "Gates held shut at cycle end because a level transmitter drifts", Symptoms: "At the end of a lock cycle the gates do not open because a drifting radar level transmitter reports 20-30 cm between chamber and reach, so the equal-level interlock never clears and boats are held in the chamber"},
			{ID: "KI-LOCK-2", Title: "Approach signals stay red after a power failure", Symptoms: "Boats wait at the lay-by because the traffic lights are not reset after mains returns"},
			{ID: "KI-LOCK-3", Title: "Passage log exports list boats with two registrations twice", Symptoms: "Monthly passage statistics are inflated by dual-registered craft"},
		},
		service: config.Service{Name: "lock-control", Domains: []string{"waterways", "locks", "scada"}},
		sig:     Signal{Title: "Schleuse 12: Obertor öffnet nicht – zwei Boote in der Kammer", Text: "Kammer ist auf Oberwasser gefüllt, das Tor bleibt trotzdem zu. Steuerung zeigt 'Torfahrt gestört'. Die Schiffer warten seit 25 Minuten. Wieder das Pegelproblem?", Service: "lock-control"},
		evidence: []string{
			"metric: lock_level_difference_cm{lock=\"12\",gate=\"upper\"} = 1",
			"metric: level_transmitter_vs_staff_gauge_cm{lock=\"12\",sensor=\"LT-12-K\"} = 0.4",
			"log: interlock 12: equal level OK since 10:41:03",
			"log: ERROR gate-12-upper: hydraulic pump motor overload relay F-OL2 tripped 10:41:09",
			"metric: hydraulic_pressure_bar{gate=\"12-upper\"} = 0",
		},
		want: "",
	},
	// Italian, same component: diverter D3-4 in zone 3 is named, but carriers are lost for weak suction, none misrouted
	{
		name:    "pneumatic tube carriers stuck zone 3 not diverter misroute italian",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PTS-1", Title: "Carriers delivered to the wrong station when diverter D3-4 misreports its position", Symptoms: "Carriers addressed to the laboratory arrive at pharmacy or ICU because the position sensor on diverter D3-4 in zone 3 reports the wrong leg; the system logs the send as delivered"},
			{ID: "KI-PTS-2", Title: "Stations show 'out of carriers' while carriers sit in the buffer", Symptoms: "Wards cannot send because empty carriers are not returned from the central buffer"},
			{ID: "KI-PTS-3", Title: "Secure-send PIN not requested for blood products after software update", Symptoms: "Blood bags can be collected without entering the receiving PIN"},
		},
		service: config.Service{Name: "tube-system", Domains: []string{"hospital logistics", "pneumatic tube", "zone 3"}},
		sig:     Signal{Title: "Capsule bloccate nel tubo tra Pronto Soccorso e laboratorio", Text: "Dalle 09:30 le capsule inviate dal PS al laboratorio analisi non arrivano. Il sistema segnala 'linea bloccata zona 3' e due capsule risultano in transito da oltre 20 minuti. Abbiamo ripreso a portare i campioni a mano. È di nuovo il deviatore D3-4?", Service: "tube-system"},
		evidence: []string{
			"log: PTS zone3 ALARM carrier 0412 lost in transit between D3-4 and station LAB-1; diverter D3-4 position confirmed LEFT (expected LEFT)",
			"metric: pts_blower_vacuum_kpa{zone=\"3\"} = -3.9",
			"metric: pts_blower_vacuum_kpa{zone=\"2\"} = -8.1",
			"log: WARN blower B3: inlet filter differential pressure 2.8 kPa (replace above 1.5)",
			"metric: pts_misroutes_total{zone=\"3\",window=\"24h\"} = 0",
		},
		want: "",
	},
	// French, region-bound: the issue is the Alentejo mountpoint; this flight was in Cognac on a healthy fix and a nozzle was dry
	{
		name:    "drone spraying untreated strips in cognac not alentejo rtk french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DRN-1", Title: "Spray drones drift off swath in the Alentejo contract area when the ALT3 RTK mountpoint restarts", Symptoms: "Drones working Alentejo fields lose RTK fix for several minutes around 05:00 when the regional NTRIP mountpoint ALT3 restarts, fall back to plain GPS and leave untreated strips or overlaps"},
			{ID: "KI-DRN-2", Title: "Flight log upload fails for logs over 200 MB", Symptoms: "Long flights never appear in the compliance portal"},
			{ID: "KI-DRN-3", Title: "Tank refill prompt shown in US gallons", Symptoms: "Pilots in metric regions see refill volumes in gallons"},
		},
		service: config.Service{Name: "spray-ops", Domains: []string{"agricultural drones", "rtk", "spraying"}},
		sig:     Signal{Title: "Bandes non traitées sur la parcelle de vigne « Les Grands Champs »", Text: "Le viticulteur signale, après le passage du drone DJ-07 ce matin (05:10-06:30, secteur Cognac), des rangs non traités en bandes régulières d'environ un mètre, toujours au même endroit sous la rampe. Problème de RTK comme au Portugal ?", Service: "spray-ops"},
		evidence: []string{
			"metric: rtk_fix_ratio{drone=\"DJ-07\",mountpoint=\"CHA2\",flight=\"2214\"} = 0.995",
			"log: DJ-07 flight 2214: cross-track error p95 = 4 cm",
			"log: WARN DJ-07 flight 2214: nozzle 3 flow 0.0 L/min (target 0.45) from 05:26 to 06:30, alert suppressed by quiet mode",
		},
		want: "",
	},
}

func TestKnownIssueHeldout39(t *testing.T) { runKISample(t, "known-issue held-out 39", kiHeldout39) }
