package triage

// heldout43_test.go is a forty-third known-issue sample (16 cases),
// written by a helper that did not read the matcher: nine cases where one
// known issue fits (by its telemetry signature, in a lay reporter's words,
// or in another language) and seven where none does although words are
// shared (another mechanism on the same component, healthy evidence, a
// schedule or version the issue is bound to that does not hold, the
// opposite symptom, a reporter naming the wrong known issue).
//
// First run (after the forty-first sample's fixes): correct 7/16,
// precision 0.50 (4/8 claims, four wrong), recall 0.44. The class: a
// clock window stated "between about 01:00 and 02:30" against a fault
// that "started 14:06". After: correct 8/16, three wrong claims kept as
// limitations (a feed shown current by its load time, a controller whose
// schedule was applied, a booking never modified: evidence that the
// issue's trigger did not happen, in words the checks do not read).

// Written without reading the triage rules on 2026-12-06. Industries: water utility smart metering, district heating networks, air cargo handling, home oxygen suppliers, meals-on-wheels services, emergency call centres, wastewater treatment plants, pallet pooling, vaccination clinics, municipal street lighting, inland waterway barge operators, voter registration offices, refrigerated trucking, jury summons offices, social housing repairs, paratransit dial-a-ride services.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout43 = []kiCase{
	// --- alerts whose telemetry carries the fault signature ---
	{
		name:    "water ami interval reads rejected for clock skew alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-AMI-1", Title: "Leak alarms raised for irrigation meters on watering days", Symptoms: "The 24-hour continuous-flow rule flags landscape irrigation accounts as leaking because it does not exclude their scheduled watering windows"},
			{ID: "KI-AMI-2", Title: "Interval reads discarded when meter clocks drift after a collector loses its time source", Symptoms: "If a collector cannot reach its NTP server, the endpoints it keeps in sync drift; the meter data management system throws away hourly interval data stamped more than 300 seconds off, so whole feeders show gaps in billing reads", Runbook: "Restore collector time sync, then request a 72h interval backfill from the head-end.", Domains: []string{"ami", "mdm"}},
			{ID: "KI-AMI-3", Title: "Register reads billed twice after a meter exchange", Symptoms: "When a meter is swapped mid-cycle, both the removed and the new register reads are billed"},
		},
		service: config.Service{Name: "ami-headend", Domains: []string{"water utility", "metering", "ami"}},
		sig:     Signal{Title: "[FIRING:1] IntervalReadCompletenessLow utility=eastvale-water zone=7", Text: "hourly_interval_read_completeness = 0.62 (< 0.98) for 3h; 4,180 endpoints affected. Runbook: wiki/ami/completeness", Service: "ami-headend"},
		evidence: []string{
			"metric: mdm_interval_reads_rejected_total{reason=\"timestamp_out_of_tolerance\",collector=\"COL-0714\"} = 50160",
			"log: MDM-VEE WARN rejecting interval block endpoint=48812077 ts=2026-12-06T03:00:00Z offset=+618s tolerance=300s",
			"log: COL-0714 chronyd[611]: No selectable sources (10.44.0.12 unreachable)",
			"metric: collector_clock_offset_seconds{collector=\"COL-0714\"} = 611",
			"metric: endpoint_battery_low_total{collector=\"COL-0714\"} = 3",
		},
		want: "KI-AMI-2",
	},
	{
		name:    "district heating m-bus loop stale after one meter's bad telegrams",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DH-1", Title: "One meter sending corrupt telegrams blocks readout of its whole M-Bus segment", Symptoms: "A heat meter that answers with bad-checksum frames makes the gateway retry and then abandon the polling cycle, so none of the other meters on that wired segment are read and their values go stale"},
			{ID: "KI-DH-2", Title: "Substations ignore new weather-compensation curve", Symptoms: "After a heating curve update is pushed, substations keep the old supply setpoint and customers report lukewarm radiators on cold mornings"},
			{ID: "KI-DH-3", Title: "Heat bills estimated for prepayment customers", Symptoms: "Customers on the prepayment tariff receive estimated monthly bills although their meters are read"},
		},
		service: config.Service{Name: "heat-meter-gateway", Domains: []string{"district heating", "metering", "m-bus"}},
		sig:     Signal{Title: "PROBLEM: Heat meter values older than 2h on loop MB-14 (substation Nordhavn-3)", Text: "Zabbix trigger 'nodata(7200)' active on 58 items, severity Average. Host: mbgw-nordhavn-3.", Service: "heat-meter-gateway"},
		evidence: []string{
			"log: mbus-gw[MB-14] WARN addr=37 RSP_UD checksum mismatch (got 0x5e want 0x1a), retry 3/3",
			"log: mbus-gw[MB-14] ERROR poll cycle aborted at addr=37, 0 of 58 devices read",
			"metric: mbus_frame_crc_errors_total{loop=\"MB-14\",primary_address=\"37\"} = 412",
			"metric: substation_supply_temp_celsius{substation=\"nordhavn-3\"} = 78.4",
		},
		want: "KI-DH-1",
	},
	{
		name:    "air cargo waybill messages bounced unknown addressee",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-AC-1", Title: "Waybill messages to a carrier bounce after it moves to a new teletype address", Symptoms: "FWB and FFM messages keep going to the airline's retired teletype address; the network returns them undeliverable, the carrier holds no data for the shipments and offloads them at flight close"},
			{ID: "KI-AC-2", Title: "ULD gross weights from the build-up scale rounded to 10 kg", Symptoms: "Load sheet weights differ from the scale ticket by up to 9 kg per ULD"},
			{ID: "KI-AC-3", Title: "NOTOC omits lithium battery pieces", Symptoms: "The notification to captain leaves out UN3481 pieces when the shipper declares PI 967 section II"},
		},
		service: config.Service{Name: "cargo-messaging", Domains: []string{"air cargo", "messaging", "cargo-imp"}},
		sig:     Signal{Title: "[Triggered] cargo.fwb.ack_missing > 25 on carrier:QF", Text: "No FSU/RCS acknowledgement for 31 FWB messages in the last 60 min. Ramp reports 9 shipments offloaded from QF128 at flight close.", Service: "cargo-messaging"},
		evidence: []string{
			"log: typeb-gw: SVC received for msg 7F21A0: UNKNOWN ADDRESSEE SYDFMQF (reason 03)",
			"metric: typeb_outbound_bounced_total{dest=\"SYDFMQF\"} = 31",
			"log: partner-directory: carrier QF teletype address SYDFMQF last updated 2024-03-11",
			"metric: typeb_outbound_bounced_total{dest=\"LAXFMAA\"} = 0",
		},
		want: "KI-AC-1",
	},

	// --- reports in the reporter's own words ---
	{
		name:    "home oxygen deliveries stopped after flow rate change",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-OX-1", Title: "Standing cylinder delivery order closed when the prescribed flow rate is amended", Symptoms: "Amending a patient's oxygen prescription to a new litres-per-minute value ends the old prescription record together with its recurring delivery schedule; no replacement schedule is generated, so refill deliveries silently stop"},
			{ID: "KI-OX-2", Title: "Concentrators on 3G modems shown offline in remote monitoring", Symptoms: "Since the 3G switch-off, concentrators with the old modem report offline and usage hours are not collected"},
			{ID: "KI-OX-3", Title: "Driver route sheets omit access notes", Symptoms: "Key safe codes and dog warnings are missing from printed delivery routes"},
		},
		service: config.Service{Name: "patient-deliveries", Domains: []string{"home oxygen", "deliveries", "prescriptions"}},
		sig:     Signal{Title: "No oxygen delivery for my mother", Text: "Hello, my mum (Edna Walsh, Pinewood Close) has had her oxygen bottles dropped off every Tuesday for over a year. The last two Tuesdays nobody came and she's down to her last portable one. The only thing that's different is her chest consultant put her up to 3 litres after clinic on the 14th, and your nurse came out to change the setting on her machine. Please can someone ring me today.", Service: "patient-deliveries"},
		want:    "KI-OX-1",
	},
	{
		name:    "meals on wheels diet change made in the afternoon not applied",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MOW-1", Title: "Diet code changes saved after the 10:00 production cut-off miss the next day's tray labels", Symptoms: "The kitchen production list and tray labels are built from a snapshot taken at the 10:00 cut-off; dietary changes saved later are picked up a day late, so the client receives a meal for their previous diet"},
			{ID: "KI-MOW-2", Title: "Volunteer route app orders stops by postcode instead of drive time", Symptoms: "Drivers zig-zag across town because stops are sorted alphabetically by postcode"},
			{ID: "KI-MOW-3", Title: "Clients invoiced for meals on cancelled days", Symptoms: "Meals cancelled during a hospital stay are still billed"},
		},
		service: config.Service{Name: "meal-planning", Domains: []string{"meals on wheels", "kitchen", "diets"}},
		sig:     Signal{Title: "Mr Okoro got the wrong dinner", Text: "Driver here, round 6. Mr Okoro's daughter rang the office yesterday about 2 o'clock to say the hospital has put him on soft food only since his stroke, and she was told it was all sorted. Today his box still said 'Standard - beef casserole' and it was the normal chunky one, he can't manage that. Everyone else on my round was fine.", Service: "meal-planning"},
		want:    "KI-MOW-1",
	},
	{
		name:    "emergency call map pins on the mast for android callers",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ECC-1", Title: "Two-part Advanced Mobile Location SMS discarded by the location gateway", Symptoms: "Recent Android releases send the handset-derived location as a concatenated two-part SMS; the gateway only parses single-part messages, so the CAD map falls back to the cell-sector centroid and its large uncertainty circle"},
			{ID: "KI-ECC-2", Title: "CAD incident numbers restart at UTC midnight", Symptoms: "Incident sequence resets an hour early in summer, creating duplicate numbers"},
			{ID: "KI-ECC-3", Title: "Recordings missing for calls transferred to the ambulance service", Symptoms: "The voice logger stops recording when a call is conferenced to the ambulance control room"},
		},
		service: config.Service{Name: "caller-location", Domains: []string{"emergency calls", "cad", "location"}},
		sig:     Signal{Title: "Map pins way off for mobile callers tonight", Text: "Night shift, console 4. At least five mobile 999 calls since 22:00 where the pin landed on the mast up by the M62 junction with the big circle round it, never the small accurate dot we normally get within 20 seconds. One was an RTC on Moor Lane, three miles from the pin. Every one of them was an Android, a Pixel and the new Samsungs. iPhone callers came up spot on.", Service: "caller-location"},
		want:    "KI-ECC-1",
	},

	// --- other languages, issue text in English ---
	// Spanish
	{
		name:    "wastewater dissolved oxygen probe fouled spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-EDAR-1", Title: "Optical dissolved-oxygen probe reads high when its sensor cap is fouled with biofilm", Symptoms: "A slime layer on the luminescent DO sensor cap holds the reading above the true value; aeration control throttles the blowers down and effluent ammonia climbs while the DO trend looks on target", Domains: []string{"aeration", "instrumentation"}},
			{ID: "KI-EDAR-2", Title: "Blower drives trip on overcurrent when two blowers start together", Symptoms: "Simultaneous blower starts after a power dip trip both VFDs"},
			{ID: "KI-EDAR-3", Title: "Centrifuge polymer dosing doubles after recipe change", Symptoms: "Dewatering polymer consumption doubles when the sludge recipe is switched"},
		},
		service: config.Service{Name: "aeration-control", Domains: []string{"wastewater", "aeration", "scada"}},
		sig:     Signal{Title: "Amonio alto a la salida, reactor biológico 2", Text: "Buenas. Desde anoche el amonio en el efluente ha pasado de 1 a 6,8 mg/L. El oxígeno disuelto del reactor 2 está clavado en 2,0 mg/L, justo la consigna, así que las soplantes están al 35%. Esta mañana Rubén sacó la sonda de oxígeno para revisarla y la tapa tenía una capa marrón y viscosa por encima. Con la sonda portátil medimos 0,4 mg/L en el mismo punto.", Service: "aeration-control"},
		want:    "KI-EDAR-1",
	},
	// German
	{
		name:    "pallet account debited twice after handheld resend german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PAL-1", Title: "Pallet exchange slip booked twice when the driver's handheld resends after regaining signal", Symptoms: "If the handheld loses coverage while submitting the exchange slip, it sends the slip again once reconnected; both copies are posted, so the customer's pallet account is debited twice for one delivery"},
			{ID: "KI-PAL-2", Title: "Repairable pallets not credited after depot sorting", Symptoms: "Pallets graded repairable at the depot are never credited back to the customer's account"},
			{ID: "KI-PAL-3", Title: "Monthly pallet statement shows previous month's closing balance", Symptoms: "The PDF statement repeats last month's balance"},
		},
		service: config.Service{Name: "pallet-ledger", Domains: []string{"pallet pooling", "ledger", "logistics"}},
		sig:     Signal{Title: "Palettenkonto: Anlieferung vom 03.12. zweimal belastet", Text: "Guten Tag, auf unserem Palettenkonto (Kd.-Nr. 40-11873) stehen für die Anlieferung vom 03.12. in Kassel zwei Buchungen über je 33 Europaletten, obwohl nur ein LKW mit 33 Paletten bei uns war. Laut unserem Lagerleiter hatte der Fahrer in der Halle keinen Empfang, der Tauschschein ging erst draußen auf dem Hof raus. Bitte um Korrektur. Mit freundlichen Grüßen, S. Brandt, Logistik", Service: "pallet-ledger"},
		want:    "KI-PAL-1",
	},
	// French
	{
		name:    "vaccination second dose reminder missing after offline outreach french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VAC-1", Title: "Recall SMS never scheduled for doses recorded offline on outreach tablets", Symptoms: "Doses entered on mobile-clinic tablets without network are synced in bulk later; the bulk import bypasses the reminder scheduler, so those patients never receive the second-dose reminder"},
			{ID: "KI-VAC-2", Title: "Vaccine fridge temperature alerts sent twice", Symptoms: "Each out-of-range fridge reading pages the on-call pharmacist twice"},
			{ID: "KI-VAC-3", Title: "Booking page shows no slots for children under five", Symptoms: "Paediatric appointments are hidden from the online booking page"},
		},
		service: config.Service{Name: "immunisation-register", Domains: []string{"vaccination", "reminders", "sms"}},
		sig:     Signal{Title: "Rappels 2e dose non reçus - tournée camping-car", Text: "Bonjour, plusieurs patients vaccinés pendant notre tournée dans les villages de la vallée (semaine du 3 novembre) n'ont jamais reçu le SMS pour leur deuxième dose, et deux sont revenus hors délai. Là-haut il n'y a pas de réseau : on saisit tout sur la tablette et ça se synchronise au retour au centre. Les patients vaccinés au centre le même jour ont bien reçu leur rappel. Cordialement, Inf. Lefèvre", Service: "immunisation-register"},
		want:    "KI-VAC-1",
	},

	// --- none fits ---
	// same symptom (lamps lit by day), but the controller's clock and coordinates are fine; four relays are welded (Portuguese)
	{
		name:    "street lamps lit by day are welded relays not controller clock portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-IP-1", Title: "Segment controller reboot clears its coordinates, lamps switch at the wrong times", Symptoms: "After a reboot the segment controller computes sunrise and sunset for latitude 0, so every lamp it controls burns into mid-morning or comes on in the afternoon until the position is re-entered"},
			{ID: "KI-IP-2", Title: "Dimming profile not applied to LED lanterns after firmware update", Symptoms: "Lanterns stay at 100% all night instead of dimming to 50% after midnight"},
			{ID: "KI-IP-3", Title: "Citizen app fault reports geolocated to the town hall", Symptoms: "Reports submitted without GPS permission get the town hall's coordinates"},
		},
		service: config.Service{Name: "streetlight-cms", Domains: []string{"public lighting", "street lights", "telemanagement"}},
		sig:     Signal{Title: "Candeeiros acesos de dia na Rua da Alegria", Text: "Boa tarde, desde ontem quatro candeeiros na Rua da Alegria (entre o nº 40 e o nº 62) estão acesos o dia inteiro. Os da rua ao lado apagam normalmente de manhã. É dinheiro público deitado fora. Cumprimentos, Joaquim Sousa", Service: "streetlight-cms"},
		evidence: []string{
			"log: CMS: segment controller SC-0312 (Bonfim) position 41.149,-8.598 sunrise 07:47 sunset 17:03 schedule applied, last reboot 2026-11-02",
			"metric: segment_lamps_lit_daytime{segment=\"SC-0312\"} = 4",
			"metric: segment_lamps_total{segment=\"SC-0312\"} = 212",
			"log: node RA-048 WARN commanded OFF 07:47, load current 0.41 A persists (relay contact welded)",
			"metric: lamp_node_faults{segment=\"SC-0312\",fault=\"relay_welded\"} = 4",
		},
		want:       "",
		limitation: "the controller's position and schedule are shown right and the relays welded, but the matcher does not read a position and schedule 'applied' as the reboot's effect absent",
	},
	// the barge is transmitting AIS normally; the map hides it because a planner closed its voyage (Dutch)
	{
		name:    "barge missing from fleet map but ais healthy dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BRG-1", Title: "Barges vanish from the fleet map when the AIS transponder's GPS antenna cable corrodes", Symptoms: "The transponder loses its position fix and stops sending position reports, so the vessel drops off the fleet map until the cable is replaced"},
			{ID: "KI-BRG-2", Title: "Lock passage ETAs ignore waiting times at the Volkerak locks", Symptoms: "ETAs for southbound voyages are several hours optimistic"},
			{ID: "KI-BRG-3", Title: "Fuel report doubles litres for twin-engine vessels", Symptoms: "Both engine counters are summed twice"},
		},
		service: config.Service{Name: "fleet-tracker", Domains: []string{"inland shipping", "ais", "fleet map"}},
		sig:     Signal{Title: "Rheinfels 4 staat niet meer op de vlootkaart", Text: "Goedemorgen, sinds ongeveer 06:00 zien we de Rheinfels 4 niet meer op de kaart. De schipper zegt aan de telefoon dat hij gewoon bij Tiel vaart richting Nijmegen, geladen met 2.400 ton containers. Is het weer die antenne?", Service: "fleet-tracker"},
		evidence: []string{
			"metric: ais_position_reports_per_minute{mmsi=\"244690512\"} = 6",
			"log: ais-ingest: 244690512 RHEINFELS 4 fix=GNSS 51.887N 5.430E sog=10.8kn last_report_age=35s",
			"log: fleet-map: vessel 244690512 hidden: voyage V-88213 status 'afgesloten' (closed by planner j.devries 05:57)",
		},
		want: "",
	},
	// known issue is bound to the nightly export window; this is deadline-day traffic exhausting the pool at 14:06
	{
		name:    "voter registration timeouts on deadline day outside export window",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VR-1", Title: "Online registration times out while the nightly voter-roll export locks the applicant table", Symptoms: "Between about 01:00 and 02:30, while the export to the county clerks runs, submissions hang and fail with a gateway timeout"},
			{ID: "KI-VR-2", Title: "Applicants with hyphenated surnames fail the driver licence identity match", Symptoms: "Registrations are routed to manual review because the DMV match strips hyphens"},
			{ID: "KI-VR-3", Title: "Confirmation letters print polling places from the old precinct boundaries", Symptoms: "Voters in redrawn precincts are sent to their former polling place"},
		},
		service: config.Service{Name: "ovr-portal", Domains: []string{"voter registration", "public sector", "web"}},
		sig:     Signal{Title: "[P1] ovr-portal 504s on registration deadline day", Text: "ovr-portal 5xx ratio 0.31 over 10m, p95 latency 29.8s, started 14:06 local. Comms says the evening news ran 'last day to register' at lunchtime.", Service: "ovr-portal"},
		evidence: []string{
			"log: roll-export: nightly run 2026-12-06 01:00:04-02:21:47 completed, 2,941,208 rows, table lock released",
			"metric: ovr_http_requests_per_second = 1730",
			"metric: ovr_http_requests_per_second_7d_median = 140",
			"metric: pg_pool_connections_in_use{pool=\"ovr\"} = 200 (max 200)",
			"log: ERROR ovr-api: timeout acquiring connection from pool after 30000ms",
		},
		want: "",
	},
	// opposite direction: the load arrived too warm, the issue freezes chilled loads; setpoint intact, no reboot (Spanish)
	{
		name:    "reefer yoghurt load arrived warm not frozen spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RF-1", Title: "Reefer setpoint falls back to the -18 °C frozen default after the telematics unit reboots", Symptoms: "When the trailer telematics box restarts it pushes its default frozen profile to the refrigeration unit, so chilled loads such as produce and dairy arrive frozen"},
			{ID: "KI-RF-2", Title: "Receiver temperature report shows Fahrenheit values labelled Celsius", Symptoms: "Delivery temperature PDFs for US-built units print 36 °C for a 36 °F load"},
			{ID: "KI-RF-3", Title: "Reefer diesel tank level reported as zero after sensor recalibration", Symptoms: "Low-fuel alerts for units with a full tank"},
		},
		service: config.Service{Name: "reefer-telematics", Domains: []string{"refrigerated transport", "telematics", "cold chain"}},
		sig:     Signal{Title: "Carga de yogures rechazada en destino por temperatura", Text: "El cliente de Zaragoza ha rechazado el remolque R-2207: los yogures llegaron a 11 °C y tenían que venir entre 2 y 4 °C. El chófer dice que el equipo de frío pitó de madrugada cerca de Lleida. ¿Otra vez el fallo de la consigna que se resetea?", Service: "reefer-telematics"},
		evidence: []string{
			"metric: reefer_setpoint_celsius{trailer=\"R-2207\"} = 2.0",
			"metric: reefer_return_air_celsius{trailer=\"R-2207\"} = 11.3",
			"log: R-2207 unit alarm 10 HIGH PRESSURE CUTOUT 03:42, compressor stopped, auto-restart locked out",
			"log: telematics R-2207: uptime 19d 04h, no restarts in period",
		},
		want: "",
	},
	// reporter names the known issue; the address feed is current and the summons went by e-mail to a full mailbox
	{
		name:    "juror never got summons reporter blames stale address feed",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-JUR-1", Title: "Summonses mailed to old addresses while the DMV address feed lags", Symptoms: "The weekly address update from the motor vehicle department arrives a week or more late, so summons letters go to jurors' previous addresses and come back undeliverable"},
			{ID: "KI-JUR-2", Title: "Online postponement requests not visible to clerks", Symptoms: "Requests submitted through the juror portal do not appear in the clerk's queue"},
			{ID: "KI-JUR-3", Title: "Juror mileage paid from courthouse to courthouse", Symptoms: "Mileage reimbursement uses the court's address as the origin"},
		},
		service: config.Service{Name: "jury-management", Domains: []string{"courts", "jury summons", "mail"}},
		sig:     Signal{Title: "Juror FTA - probably KI-JUR-1 (stale address)", Text: "Juror 2026-44817 (Dana Whitfield) was marked failure-to-appear for Monday. She called today saying she never got a summons. Guessing it's the DMV address lag again, KI-JUR-1. Can someone confirm so the judge can excuse the FTA?", Service: "jury-management"},
		evidence: []string{
			"log: address-sync: DMV feed dmv_addr_20261204.csv loaded 2026-12-04 06:12, lag 0 days",
			"log: juror 2026-44817 address on file matches DMV record (last change 2025-06-19)",
			"log: summons 2026-44817 delivery channel=email (e-summons opt-in 2025-09-02)",
			"log: ERROR mailer: 552 5.2.2 mailbox full for summons 2026-44817, no retry configured",
		},
		want:       "",
		limitation: "the address feed is shown current only by a load time and a zero lag, which the matcher does not read as the cause not happening; the mailbox-full error is another failure it does not weigh",
	},
	// issue bound to app 5.2; the crew runs 5.1.4 and the gateway now rejects large photos (Polish)
	{
		name:    "repair jobs closed without photos not the rotation bug polish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-REP-1", Title: "Job photos lost when the phone is rotated during upload in operative app 5.2", Symptoms: "On version 5.2.x of the operatives' app, rotating the phone while completion photos are uploading restarts the screen and discards the upload queue, so jobs close without photos"},
			{ID: "KI-REP-2", Title: "Tenant appointment SMS shows times an hour late after the clock change", Symptoms: "Confirmation texts sent in the week after the DST change give the wrong hour"},
			{ID: "KI-REP-3", Title: "Emergency repairs reported via web form not flagged urgent", Symptoms: "Gas smell and flooding reports from the web form land in the routine queue"},
		},
		service: config.Service{Name: "repairs-mobile", Domains: []string{"social housing", "repairs", "mobile app"}},
		sig:     Signal{Title: "Zlecenia zamykane bez zdjęć - ekipa hydrauliczna Nowa Huta", Text: "Od wtorku prawie wszystkie zlecenia hydrauliczne zamknięte przez ekipę z Nowej Huty nie mają zdjęć, chociaż monterzy mówią, że robili zdjęcia i czekali, aż się wyślą. Kontroler jakości nie może odebrać prac. Czy to ten znany błąd z obracaniem telefonu?", Service: "repairs-mobile"},
		evidence: []string{
			"metric: app_active_devices{team=\"nowa-huta-plumbing\",version=\"5.1.4\"} = 11",
			"metric: app_active_devices{team=\"nowa-huta-plumbing\",version=\"5.2.0\"} = 0",
			"log: api-gw: POST /jobs/88120/photos 413 Request Entity Too Large limit=4MB body=6.8MB client=repairs-app/5.1.4",
			"log: change CHG-3310 2026-12-01: api-gw client_max_body_size lowered 20MB -> 4MB",
		},
		want: "",
	},
	// same symptom (rider left waiting), but the booking was never edited; the driver went to the other entrance
	{
		name:    "dial-a-ride rider stranded but trip was on manifest",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DAR-1", Title: "Trips edited within two hours of pickup drop off the driver's manifest", Symptoms: "Editing a booking close to pickup re-creates the trip without a vehicle assignment, so the driver never sees it and the rider is left waiting"},
			{ID: "KI-DAR-2", Title: "Companion fare reimbursements not processed", Symptoms: "Claims for a personal care attendant's fare stay pending"},
			{ID: "KI-DAR-3", Title: "Lift inspection reminders sent for retired vehicles", Symptoms: "Fleet office gets wheelchair lift inspection reminders for buses sold last year"},
		},
		service: config.Service{Name: "dial-a-ride", Domains: []string{"paratransit", "scheduling", "dispatch"}},
		sig:     Signal{Title: "Rider stranded at St. Vincent's, driver never came", Text: "Complaint from Mr. Harold Benn: booked a 9:15 pickup from St. Vincent's after his physio appointment, waited until 10:40 and had to pay for a cab. He says the same happened to a friend last month after she changed her booking.", Service: "dial-a-ride"},
		evidence: []string{
			"log: audit: booking DR-557102 created 2026-12-03 16:20, no modifications",
			"log: manifest: DR-557102 assigned vehicle V-31 (driver K. Osei), on manifest since 2026-12-05 18:00",
			"log: AVL: V-31 entered geofence 'St Vincent main entrance' 09:11, left 09:17; trip status NO_SHOW entered by driver",
			"log: booking DR-557102 pickup note: 'outpatient physio entrance, Elm St side' (address geocoded to main entrance)",
		},
		want:       "",
		limitation: "the booking was never edited and was on the manifest; the matcher does not read 'no modifications' as the issue's triggering edit absent",
	},
}

func TestKnownIssueHeldout43(t *testing.T) { runKISample(t, "known-issue held-out 43", kiHeldout43) }
