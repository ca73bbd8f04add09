package triage

// heldout14_test.go is a fourteenth known-issue sample (15 cases) written by
// a helper that did not read the matcher. First run: correct 5/15,
// precision 0.33 (1/3 claims), recall 0.10. The two wrong claims were
// issues whose titles name no cause but whose failure the evidence shows
// not happening ("bounces 0 in the last 24 h", "scan result VALID"); after
// that check: 7/15, precision 1.00, recall 0.20. The misses are
// paraphrases ("same message twice", "a flat line") and reports in other
// languages: the matcher claims nothing rather than guess. It has tuned
// rules since, so it is no longer held out.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

// kiHeldout14 are held-out known-issue cases written without reading the
// matcher's rules.
var kiHeldout14 = []kiCase{
	// --- the same problem in other words ---
	{
		name: "dog grooming: duplicate reminder texts described as 'same message twice'", heldOut: true,
		issues: []KnownIssue{
			{ID: "GRM-101", Title: "Appointment reminders sent twice", Symptoms: "customers receive duplicate SMS reminders for grooming appointments after the reminder worker restarts; two identical messages per booking"},
			{ID: "GRM-102", Title: "Groomer calendar sync stalls", Symptoms: "groomer tablets stop receiving new appointments from the booking service; schedule on the tablet is out of date"},
			{ID: "GRM-103", Title: "Card terminal declines tips", Symptoms: "card readers at the grooming desk decline payments when a tip is added; terminal rejects amount above the invoice subtotal"},
		},
		service: config.Service{Name: "pawtrim-notifier", Domains: []string{"notifications", "sms"}},
		sig: Signal{Title: "Pet owners getting the same text two times", Service: "pawtrim-notifier",
			Text: "A handful of owners called the salon: each got a pair of identical 'Biscuit's haircut is tomorrow at 10' texts last night, right after the notifier pods were recycled."},
		evidence: []string{"log: WARN outbox: message 7f3a already marked pending, re-enqueueing after lease expiry"},
		want:     "GRM-101",
	},
	{
		name: "aquaponics: frozen oxygen probe described as a flat line", heldOut: true,
		issues: []KnownIssue{
			{ID: "AQ-7", Title: "Dissolved oxygen readings frozen", Symptoms: "DO probe values flatline at the last reading; dashboards show a constant oxygen level while the sensor gateway reports stale timestamps"},
			{ID: "AQ-8", Title: "Pump controller reboot loop", Symptoms: "pump controller restarts every few minutes after a firmware update; water circulation interrupted between fish tank and grow beds"},
			{ID: "AQ-9", Title: "Feeder schedule drift", Symptoms: "automatic fish feeders dispense at the wrong hour after a daylight saving change"},
		},
		service: config.Service{Name: "tank-telemetry", Domains: []string{"sensors", "water-quality"}},
		sig: Signal{Title: "Tank 4 O2 graph perfectly straight since 03:00", Service: "tank-telemetry",
			Text: "The O2 chart for tank 4 hasn't wiggled once in six hours, sitting at exactly 7.42 mg/L; the gateway's last-seen time for that probe is also six hours old."},
		want: "AQ-7",
	},
	{
		name: "ferris wheels: wind hold not clearing, described by an operator", heldOut: true,
		issues: []KnownIssue{
			{ID: "FW-21", Title: "Gondola occupancy double-counts riders", Symptoms: "occupancy counter reports twice the riders per gondola when the boarding sensor bounces"},
			{ID: "FW-22", Title: "Ticket scanners drop off Wi-Fi on the platform", Symptoms: "handheld ticket scanners lose connection when moving between access points at the boarding platform; scans queue locally and fail to upload"},
			{ID: "FW-23", Title: "Wind lockout not lifting", Symptoms: "ride stays in wind-hold after the anemometer reports calm conditions; operators cannot restart rotation from the console"},
		},
		service: config.Service{Name: "wheel-control-gw", Domains: []string{"ride-control", "safety"}},
		sig: Signal{Title: "Wheel still refuses to turn though the breeze died down", Service: "wheel-control-gw",
			Text: "Gusts have been around 12 km/h for an hour according to the mast, but the panel in the booth keeps blocking the start button with a weather message."},
		want: "FW-23",
	},
	{
		name: "knitting yarn shops: pattern download links expiring, described by a shop owner", heldOut: true,
		issues: []KnownIssue{
			{ID: "YRN-3", Title: "Sold-out dye lots shown in stock", Symptoms: "online store shows yarn dye lots as available after they sold in the physical shop; orders oversold"},
			{ID: "YRN-4", Title: "Pattern PDF downloads expire immediately", Symptoms: "customers who buy knitting patterns get 'link expired' when opening the download link in the purchase email"},
			{ID: "YRN-5", Title: "Loyalty stamps not credited", Symptoms: "loyalty card stamps missing after in-store purchases; POS does not post to the loyalty service"},
		},
		service: config.Service{Name: "purlwise-store", Domains: []string{"ecommerce", "digital-goods"}},
		sig: Signal{Title: "Buyers can't open the chart files they just paid for", Service: "purlwise-store",
			Text: "Straight after checkout, pressing 'get your file' in the receipt takes people to a page saying the URL is no longer valid. Three refunds requested this morning."},
		evidence: []string{"log: WARN signed url rejected: validUntil 2031-03-14T09:12:04Z is before issuedAt 2031-03-14T09:12:05Z"},
		want:     "YRN-4",
	},

	// --- reports in other languages ---
	{
		name: "sauna bookings: overlapping private sauna reservations reported in Spanish", heldOut: true,
		issues: []KnownIssue{
			{ID: "SAU-11", Title: "Booking confirmation emails not sent", Symptoms: "guests book a sauna slot but never get the confirmation email; outgoing mail queue backs up"},
			{ID: "SAU-12", Title: "Double-booked private sauna slots", Symptoms: "two parties booked into the same private sauna slot; overlapping reservations accepted"},
			{ID: "SAU-13", Title: "Door PIN codes not activated", Symptoms: "guest door codes for the sauna cabin don't work at the start of the booking; lock gateway never received the PIN"},
		},
		service: config.Service{Name: "loyly-bookings", Domains: []string{"reservations"}},
		sig: Signal{Title: "Dos grupos con reserva para la misma sauna privada", Service: "loyly-bookings",
			Text: "Esta tarde se presentaron dos familias con reserva para la sauna privada de las 18:00. El sistema aceptó las dos reservas aunque se solapan en el mismo horario."},
		want: "SAU-12",
	},
	{
		name: "quarries: weighbridge tickets without truck plates reported in German", heldOut: true,
		issues: []KnownIssue{
			{ID: "QRY-30", Title: "Weighbridge tickets missing truck registration", Symptoms: "weighbridge prints tickets without the truck registration; ANPR camera feed not reaching the scale software"},
			{ID: "QRY-31", Title: "Blast warnings delivered late", Symptoms: "neighbours and staff receive blast warning SMS late; SMS gateway queue delayed"},
			{ID: "QRY-32", Title: "Crusher vibration alarm flood", Symptoms: "hundreds of vibration alarms from the primary crusher within minutes; sensor threshold misconfigured"},
		},
		service: config.Service{Name: "scalehouse", Domains: []string{"weighbridge", "logistics"}},
		sig: Signal{Title: "Wiegescheine ohne LKW-Kennzeichen", Service: "scalehouse",
			Text: "Seit heute früh druckt die Fahrzeugwaage am Nordtor Wiegescheine ohne Kennzeichen. Die Kennzeichenkamera liefert offenbar keine Daten mehr an die Waagensoftware."},
		want: "QRY-30",
	},
	{
		name: "puppet theatres: captions lagging the show reported in French", heldOut: true,
		issues: []KnownIssue{
			{ID: "PUP-5", Title: "Seat map shows sold seats as free", Symptoms: "online seat map offers seats already sold at the box office; seat sync job lagging"},
			{ID: "PUP-6", Title: "Captions out of sync in accessible performances", Symptoms: "caption display for deaf and hard-of-hearing audience runs behind the show; cue controller clock drift"},
			{ID: "PUP-7", Title: "Box office card reader timeouts", Symptoms: "card payments at the box office time out; payment terminal cannot reach the acquirer"},
		},
		service: config.Service{Name: "cuebox", Domains: []string{"stage", "accessibility"}},
		sig: Signal{Title: "Sous-titres en retard pendant la représentation", Service: "cuebox",
			Text: "Pendant la séance de 15h, l'écran de sous-titrage pour les spectateurs sourds et malentendants affichait le texte avec une vingtaine de secondes de retard sur les marionnettes."},
		want: "PUP-6",
	},
	{
		name: "beekeeping co-ops: hive scales reading zero reported in Portuguese", heldOut: true,
		issues: []KnownIssue{
			{ID: "BEE-14", Title: "Hive scale weights drop to zero", Symptoms: "hive weight sensors intermittently report 0 kg; LoRa gateway packet loss"},
			{ID: "BEE-15", Title: "Extractor room booking conflicts", Symptoms: "members booking the shared honey extractor room get overlapping slots"},
			{ID: "BEE-16", Title: "Member invoices wrong after VAT change", Symptoms: "invoice totals for jar purchases use the old VAT rate"},
		},
		service: config.Service{Name: "hivewatch", Domains: []string{"sensors", "apiary"}},
		sig: Signal{Title: "Balanças das colmeias marcando zero", Service: "hivewatch",
			Text: "Desde ontem as balanças das colmeias do apiário norte mostram 0 kg de vez em quando, e o gateway LoRa está perdendo muitos pacotes."},
		want: "BEE-14",
	},

	// --- many shared words, but the evidence shows another cause ---
	{
		name: "stained glass studios: checkout timeout looks like the payment issue but rows are locked", heldOut: true,
		issues: []KnownIssue{
			{ID: "SG-40", Title: "Kiln controller loses connection", Symptoms: "kiln firing dashboard shows controller offline; firing schedule upload fails; Wi-Fi bridge drops in the kiln room"},
			{ID: "SG-41", Title: "Class booking payments time out", Symptoms: "students booking glass-cutting classes see a payment timeout at checkout; payment provider latency high"},
			{ID: "SG-43", Title: "Seat lock contention when a class opens", Symptoms: "when a popular class opens, class_seats rows stay locked; lock wait timeout exceeded; checkout hangs until the transaction is killed"},
		},
		service: config.Service{Name: "leadline-classes", Domains: []string{"bookings", "payments"}},
		sig: Signal{Title: "Class booking checkout timing out", Service: "leadline-classes",
			Text: "Students say checkout spins and then times out when booking the Saturday leaded-glass class that opened at noon."},
		evidence: []string{
			"signature: lock wait timeout exceeded on SELECT ... FROM class_seats FOR UPDATE (client), after 5000 ms",
			"log: ERROR reserve seat: Lock wait timeout exceeded; try restarting transaction",
			"trace: payment-provider POST /v1/intents p95 190 ms (baseline 180 ms)",
		},
		want: "SG-43",
	},
	{
		name: "glassblowing: over-temperature alarm is real, not the false-positive issue", heldOut: true,
		issues: []KnownIssue{
			{ID: "GB-2", Title: "Furnace over-temperature false alarms", Symptoms: "furnace over-temperature alarm fires while the furnace is at normal working temperature; loose thermocouple wiring gives spikes"},
			{ID: "GB-3", Title: "Glory hole gas valve telemetry missing", Symptoms: "gas valve position missing from the studio dashboard; modbus poller times out"},
			{ID: "GB-4", Title: "Bench rental bookings not syncing", Symptoms: "hot shop bench rentals booked online don't appear on the studio calendar"},
		},
		service: config.Service{Name: "hotshop-monitor", Domains: []string{"furnace", "safety"}},
		sig: Signal{Title: "Furnace over-temperature alarm firing", Service: "hotshop-monitor",
			Text: "Over-temperature alarm on furnace 2 again. Probably the flaky thermocouple alarm we've seen before?"},
		evidence: []string{
			"metric: furnace-2 thermocouple A 1232 C, thermocouple B 1229 C (setpoint 1140 C), rising steadily for 40 min",
			"log: WARN gas valve position 100% for 38 min, commanded 55%",
			"log: ERROR burner controller: modulation command not acknowledged",
		},
		want: "",
	},
	{
		name: "skate parks: season passes 'rejected' at the gate, but scans are valid and the turnstile motor faults", heldOut: true,
		issues: []KnownIssue{
			{ID: "SK-8", Title: "Season passes rejected at entry gate", Symptoms: "season pass holders rejected at the entry gate; gate pass cache not refreshed; scans return 'pass expired'"},
			{ID: "SK-9", Title: "Turnstile arm motor fault", Symptoms: "turnstile arm does not rotate after a valid scan; motor driver overcurrent; arm stays locked"},
			{ID: "SK-10", Title: "Helmet rental inventory mismatch", Symptoms: "rental desk shows helmets available that are out on loan"},
		},
		service: config.Service{Name: "gatekeeper", Domains: []string{"access-control"}},
		sig: Signal{Title: "Season pass holders rejected at entry gate", Service: "gatekeeper",
			Text: "Skaters with valid season passes are being turned away at the main gate, queue out to the car park."},
		evidence: []string{
			"metric: gate-api scan result VALID for 98% of scans in the last 30 min",
			"log: ERROR turnstile-driver: motor overcurrent 6.2 A, arm locked",
			"log: WARN gate-controller: rotate command not completed within 3000 ms",
		},
		want: "SK-9",
	},
	{
		name: "choir rehearsal booking: reminder emails missing, but none were sent, not bounced", heldOut: true,
		issues: []KnownIssue{
			{ID: "CH-1", Title: "Room calendar one hour off", Symptoms: "rehearsal room bookings shown one hour off after the timezone migration; calendar export uses UTC"},
			{ID: "CH-2", Title: "Booking reminder emails bounce", Symptoms: "reminder emails to choir directors bounce; SPF record missing for the sending domain; mail relay logs hard bounces"},
			{ID: "CH-3", Title: "Sheet music uploads fail", Symptoms: "directors cannot attach PDF scores to a rehearsal; upload returns 413"},
		},
		service: config.Service{Name: "chorale-rooms", Domains: []string{"bookings", "email"}},
		sig: Signal{Title: "Rehearsal booking reminder emails not arriving", Service: "chorale-rooms",
			Text: "Choir directors didn't get the reminder emails for tonight's rehearsal room bookings."},
		evidence: []string{
			"metric: mail-relay bounces 0 in the last 24 h",
			"log: WARN reminder-scheduler: job skipped, leader lock held by terminated pod reminder-7f9c",
			"metric: reminder emails enqueued 0 since 02:00 (baseline ~140/day)",
		},
		want: "",
	},

	// --- nothing fits ---
	{
		name: "ferris wheels: ticket shop shows prices in the wrong currency", heldOut: true,
		issues: []KnownIssue{
			{ID: "FW-31", Title: "Ticket scanners drop off Wi-Fi", Symptoms: "handheld ticket scanners lose connection at the boarding platform; scans fail to upload"},
			{ID: "FW-32", Title: "Wind lockout not lifting", Symptoms: "ride stays in wind-hold after the anemometer reports calm"},
			{ID: "FW-33", Title: "Night illumination schedule ignored", Symptoms: "LED rim lights stay off after sunset; lighting controller misses the schedule"},
		},
		service: config.Service{Name: "skywheel-tickets", Domains: []string{"ecommerce", "ticketing"}},
		sig: Signal{Title: "Online ticket prices displayed in dollars instead of euros", Service: "skywheel-tickets",
			Text: "Since this morning the ticket shop shows '$14' for an adult ride while the charge is 14 EUR; visitors are confused and some abandon the purchase."},
		want: "",
	},
	{
		name: "aquaponics: wholesale order export missing columns", heldOut: true,
		issues: []KnownIssue{
			{ID: "AQ-17", Title: "pH probe drift", Symptoms: "pH readings drift upward over days; calibration overdue"},
			{ID: "AQ-18", Title: "Grow light timer skips cycles", Symptoms: "LED grow lights stay off for a whole photoperiod; timer relay not switching"},
			{ID: "AQ-19", Title: "Water level float switch stuck", Symptoms: "sump level alarm never fires; float switch stuck high"},
		},
		service: config.Service{Name: "greenloop-sales", Domains: []string{"orders", "wholesale"}},
		sig: Signal{Title: "Restaurant order export CSV has no delivery date column", Service: "greenloop-sales",
			Text: "The nightly export of lettuce and herb orders for restaurants arrived without the delivery_date and quantity_kg columns, so the packing team can't plan tomorrow's harvest."},
		want: "",
	},
	{
		name: "dog grooming: groomer commission missing from payroll export", heldOut: true,
		issues: []KnownIssue{
			{ID: "GRM-201", Title: "Card terminal declines tips", Symptoms: "card readers decline payments when a tip is added; terminal rejects amount above the invoice subtotal"},
			{ID: "GRM-202", Title: "Appointment reminders sent twice", Symptoms: "customers receive duplicate SMS reminders after the reminder worker restarts"},
			{ID: "GRM-203", Title: "Before/after photos not uploading", Symptoms: "groomer app photo uploads stuck at 99%; object storage returns 403"},
		},
		service: config.Service{Name: "pawtrim-payroll", Domains: []string{"payroll", "finance"}},
		sig: Signal{Title: "Commission shows 0.00 on every groomer's payslip", Service: "pawtrim-payroll",
			Text: "The monthly payroll export lists 0.00 commission for all groomers, although service totals and tips in the POS reports look right."},
		want: "",
	},
}

func TestKnownIssueHeldout14(t *testing.T) {
	runKISample(t, "known-issue held-out 14", kiHeldout14)
}
