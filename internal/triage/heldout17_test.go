// heldout17_test.go is a seventeenth known-issue sample (16 cases) written
// by a helper that did not read the matcher. First run: correct 5/16,
// precision 0.50 (3/6 claims), recall 0.27. The wrong claims were issues
// whose failure the evidence showed not happening although their title
// names a cause ("signature mismatch after key rotation" against
// "signature verified ok" and a rejection counter at 0), whose stated bound
// the evidence measured well inside ("cache older than 24 h" against a
// cache age of minutes), and whose failing thing the report said works
// ("uploads themselves work"). After those: 8/16, precision 1.00 (3/3),
// recall 0.27: the misses are paraphrases and other languages, where the
// matcher claims nothing. It has tuned rules since, so it is no longer
// held out.

// Held-out known-issue cases written without reading the rules; industries: EV charging, cinemas, libraries, parking meters, music festivals, saunas, vet clinics, golf clubs, school lunches, bike hire, tattoo studios, agriturismi, climbing gyms, driving schools, vending machines, music schools; 2026-12-05.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout17 = []kiCase{
	// ---- paraphrases (English) ----
	{
		name:    "ev charging lingering card hold, customer wording",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "EVC-101", Title: "OCPP websocket drops after backend pod rotation", Symptoms: "chargers go offline in bulk after a deploy; websocket connections not re-established; sessions cannot start until the charger reboots"},
			{ID: "EVC-102", Title: "Payment pre-authorisation hold not released", Symptoms: "customers see a pending 50 EUR hold on their card days after charging; issuer shows duplicate or lingering authorisations"},
			{ID: "EVC-103", Title: "Meter values arrive out of order", Symptoms: "kWh totals on receipts lower than delivered energy; meter readings decreasing within a session"},
		},
		service: config.Service{Name: "charge-sessions", Domains: []string{"ev-charging"}},
		sig:     Signal{Title: "Drivers say their bank still has money blocked", Text: "Several drivers emailed: their banking app still shows a 'pending' 50 euro amount from a charge they finished last week, on top of the real charge. Nobody was actually billed twice.", Service: "charge-sessions"},
		want:    "EVC-102",
	},
	{
		name:    "cinema same seat sold twice",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "CIN-7", Title: "Seat lock TTL too short under load", Symptoms: "seat hold expires while the customer is still on the payment page; the same seat is sold to two customers"},
			{ID: "CIN-8", Title: "Trailer CDN token expiry", Symptoms: "trailer videos return 403 after one hour on the film page"},
			{ID: "CIN-9", Title: "Loyalty points double credited on refund", Symptoms: "points balance increases instead of decreasing after a ticket refund"},
			{ID: "CIN-10", Title: "Showtime import skips daylight-saving hour", Symptoms: "screenings between 02:00 and 03:00 missing on the DST change day; gaps in the schedule"},
		},
		service: config.Service{Name: "ticketing", Domains: []string{"cinema"}},
		sig:     Signal{Title: "Double booking at Screen 4", Text: "two families showed up for the 19:30 in Screen 4 with tickets for the exact same seats, both paid. one of them said checkout took ages and they nearly gave up. busy Saturday evening.", Service: "ticketing"},
		want:    "CIN-7",
	},
	{
		name:    "sauna door codes from yesterday",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "SAU-11", Title: "Calendar sync double-books after webhook retry", Symptoms: "same cabin slot booked twice; duplicate calendar events after provider retries"},
			{ID: "SAU-12", Title: "Reminder emails sent in wrong language", Symptoms: "customers receive reminder emails in Finnish regardless of their locale"},
			{ID: "SAU-13", Title: "Door code generation uses previous day's seed", Symptoms: "door code in the booking confirmation does not open the cabin; codes are the ones valid for the previous day"},
		},
		service: config.Service{Name: "cabin-access", Domains: []string{"sauna"}},
		sig:     Signal{Title: "guests locked out of cabins", Text: "guests standing outside in the cold, keypad says nope to the code from their confirmation 🥶 front desk tried the printout from yesterday and one of those codes worked lol", Service: "cabin-access"},
		want:    "SAU-13",
	},
	{
		name:    "vet appointments an hour off",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "VET-4", Title: "Vaccination reminder job skips pets with multiple owners", Symptoms: "owners of co-owned pets receive no vaccination reminder"},
			{ID: "VET-5", Title: "Radiograph viewer fails on large DICOM files", Symptoms: "x-ray images over 20 MB do not open; viewer stays blank"},
			{ID: "VET-6", Title: "Online booking shows appointment slots in UTC", Symptoms: "appointment times on the website are one hour off from the clinic diary; clients arrive early or late"},
		},
		service: config.Service{Name: "vet-booking", Domains: []string{"veterinary"}},
		sig:     Signal{Title: "Clients turning up at the wrong time", Text: "Reception says three clients this morning came in sixty minutes before their slot. Their confirmation page showed a different time from what we have in the diary.", Service: "vet-booking"},
		want:    "VET-6",
	},
	{
		name:    "golf freed tee slot still full",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "GLF-2", Title: "Handicap sync job times out against federation API", Symptoms: "player handicaps not updated; federation sync errors in the job log"},
			{ID: "GLF-3", Title: "Tee sheet cache served stale after cancellation", Symptoms: "cancelled tee times still shown as taken; members cannot book slots that were freed"},
			{ID: "GLF-4", Title: "Weather closure banner not cleared", Symptoms: "course still shown as closed after it reopened"},
		},
		service: config.Service{Name: "tee-sheet", Domains: []string{"golf"}},
		sig:     Signal{Title: "pro shop phone ringing off the hook", Text: "Members keep calling: someone dropped out of the 9:20 an hour ago but the app still says the slot is full, so nobody can grab it.", Service: "tee-sheet"},
		want:    "GLF-3",
	},
	{
		name:    "school lunch allergen label vanished",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "LUN-1", Title: "Allergen flags dropped on menu import", Symptoms: "menu items lose their allergen warnings after the weekly menu import"},
			{ID: "LUN-2", Title: "Parent wallet top-up webhook delayed", Symptoms: "top-ups take hours to appear in the balance; parents top up twice"},
			{ID: "LUN-3", Title: "Order cutoff uses server time instead of school timezone", Symptoms: "ordering closes early for schools in another timezone"},
		},
		service:  config.Service{Name: "lunch-menu", Domains: []string{"school-meals"}},
		sig:      Signal{Title: "nut label missing on satay", Text: "A parent noticed the peanut satay on this week's menu no longer says 'contains nuts'. The kitchen says the recipe has not changed.", Service: "lunch-menu"},
		evidence: []string{"log: INFO menu-import completed: 412 items written, 0 allergen tags mapped"},
		want:     "LUN-1",
	},

	// ---- paraphrases (other languages) ----
	{
		name:    "library ebook licence rate limit (German)",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "LIB-21", Title: "Hold queue not advancing after return", Symptoms: "returned item not offered to the next reservation; reservation queue stuck"},
			{ID: "LIB-22", Title: "Overdue fine calculated with wrong timezone", Symptoms: "late fines charged one day early"},
			{ID: "LIB-23", Title: "E-book DRM licence server rate limit", Symptoms: "e-book downloads fail with 429; app shows 'licence unavailable' at peak times"},
		},
		service:  config.Service{Name: "ebook-lending", Domains: []string{"library"}},
		sig:      Signal{Title: "E-Books lassen sich nicht laden", Text: "Leser beschweren sich, dass sich E-Books nicht herunterladen lassen. Die App meldet 'Lizenz nicht verfügbar', vor allem abends, wenn viel los ist.", Service: "ebook-lending"},
		evidence: []string{"log: WARN drm-client: upstream responded 429 Too Many Requests (retry-after 30)"},
		want:     "LIB-23",
	},
	{
		name:    "parking fines for paid cars on rainy days (Spanish)",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "PRK-3", Title: "Zone tariff cache not refreshed after tariff change", Symptoms: "old hourly rate charged after the city updates prices; tariff in the app differs from the street signs"},
			{ID: "PRK-4", Title: "Plate recognition misreads in wet weather", Symptoms: "enforcement fines issued to vehicles that had paid; ANPR confidence drops when it rains"},
			{ID: "PRK-5", Title: "SMS session extension reminder not delivered", Symptoms: "users do not receive the extension reminder SMS; sessions expire unnoticed"},
		},
		service: config.Service{Name: "enforcement", Domains: []string{"parking"}},
		sig:     Signal{Title: "Reclamaciones por sanciones", Text: "Nos llegan reclamaciones de conductores que pagaron el estacionamiento y aun así recibieron una sanción. Curiosamente todas son del martes y del jueves, cuando no paró de llover en toda la ciudad.", Service: "enforcement"},
		want:    "PRK-4",
	},
	{
		name:    "festival scanners reject fresh tickets (French)",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "FST-1", Title: "Offline scanner whitelist not synced", Symptoms: "handheld scanners reject tickets bought in the last hour; scanners running on a cached ticket list"},
			{ID: "FST-2", Title: "Wristband NFC chip batch defect", Symptoms: "one wristband batch unreadable; scanner shows 'no tag'"},
			{ID: "FST-3", Title: "Gate API rate limiting at opening", Symptoms: "scans slow at gate opening; 429 responses from gate-api"},
		},
		service: config.Service{Name: "gate-scan", Domains: []string{"festival"}},
		sig:     Signal{Title: "Billets refusés à l'entrée B", Text: "À l'entrée B, les billets achetés sur place il y a vingt minutes sont refusés par les lecteurs, alors que ceux achetés la semaine dernière passent sans souci.", Service: "gate-scan"},
		want:    "FST-1",
	},

	// ---- word overlap, no matching mechanism ----
	{
		name:    "bike hire account lockout is not dock lock",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "BIK-1", Title: "Dock lock firmware fails to release after OTA update", Symptoms: "bikes stay locked at the dock after a successful rental; unlock timeout"},
			{ID: "BIK-2", Title: "GPS drift marks bikes as outside the zone", Symptoms: "out-of-zone parking fee charged although the bike was parked inside the zone"},
			{ID: "BIK-3", Title: "Pricing plan cache after promo end", Symptoms: "promo price still applied after the promotion ended"},
		},
		service: config.Service{Name: "rider-accounts", Domains: []string{"bike-hire"}},
		sig:     Signal{Title: "Riders can't unlock their accounts", Text: "Riders get 'account locked' after 5 failed logins, and the password reset link says it has expired the moment they open it, so they can't unlock their account.", Service: "rider-accounts"},
		want:    "",
	},
	{
		name:    "tattoo portfolio shows wrong artist",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "TAT-1", Title: "Deposit refund stuck in payment provider queue", Symptoms: "cancelled appointments; deposit refund not received after 10 days"},
			{ID: "TAT-2", Title: "Portfolio image upload resize worker OOM", Symptoms: "artist portfolio uploads fail for images over 20 MB; upload spinner then error"},
			{ID: "TAT-3", Title: "SMS reminders duplicated across timezones", Symptoms: "clients receive the same appointment reminder twice"},
		},
		service: config.Service{Name: "studio-site", Domains: []string{"tattoo"}},
		sig:     Signal{Title: "Portfolio images belong to another artist", Text: "Maria's artist page is showing Tom's flash designs in her portfolio images. Uploads themselves work, this is just the wrong artist's pictures on the page.", Service: "studio-site"},
		want:    "",
	},
	{
		name:    "agriturismo wrong VAT rate is not rounding (Italian)",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "AGR-1", Title: "Channel manager sync overbooking", Symptoms: "same room sold on two booking portals; overbooking"},
			{ID: "AGR-2", Title: "Breakfast add-on price rounding", Symptoms: "breakfast billed one cent too much; rounding differences on invoices"},
			{ID: "AGR-3", Title: "Cooking class capacity not decremented", Symptoms: "cooking class oversold; more participants than places"},
		},
		service: config.Service{Name: "guest-billing", Domains: []string{"agriturismo"}},
		sig:     Signal{Title: "IVA sbagliata in fattura", Text: "Gli ospiti ricevono la fattura del soggiorno con l'IVA al 22 % invece del 10 %. Gli importi sono sbagliati di parecchi euro, non di centesimi.", Service: "guest-billing"},
		want:    "",
	},

	// ---- issue words match, evidence shows its cause healthy ----
	{
		name:    "climbing gym card rejects but reader cache fresh",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "CLB-1", Title: "Check-in fails when RFID reader cache expired", Symptoms: "members' cards rejected at the turnstile with 'membership not found'; reader cache older than 24 h"},
			{ID: "CLB-2", Title: "Auto-belay inspection reminders not sent", Symptoms: "staff do not get the monthly auto-belay inspection reminder"},
			{ID: "CLB-3", Title: "Day-pass waiver PDF generation timeout", Symptoms: "waiver signing hangs; new visitors cannot check in"},
		},
		service: config.Service{Name: "turnstile", Domains: []string{"climbing-gym"}},
		sig:     Signal{Title: "Turnstile rejecting member cards", Text: "Members' cards rejected at the turnstile with 'membership not found'.", Service: "turnstile"},
		evidence: []string{
			"metric: rfid_reader_cache_age_seconds max=312 (all 4 readers)",
			"log: ERROR membership-api GET /members/by-card 503 upstream connect error: postgres primary unreachable",
			"trace: Unavailable on membership-api.Lookup elapsed 5 ms",
		},
		want: "",
	},
	{
		name:    "driving lesson payments pending but webhook signatures fine",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "DRV-1", Title: "Exam slot release job runs twice", Symptoms: "exam slots disappear shortly after release; duplicate release entries"},
			{ID: "DRV-2", Title: "Instructor calendar OAuth token expired", Symptoms: "lessons not synced to instructors' calendars; invalid_grant errors"},
			{ID: "DRV-3", Title: "Payment webhook signature mismatch after key rotation", Symptoms: "lesson payments stuck in 'pending'; webhook rejected with 401 signature invalid"},
		},
		service: config.Service{Name: "lesson-payments", Domains: []string{"driving-school"}},
		sig:     Signal{Title: "Lesson payments stuck in pending", Text: "Since this morning lesson payments stay in 'pending'.", Service: "lesson-payments"},
		evidence: []string{
			"log: INFO payments-webhook: signature verified ok (1,204 in last hour)",
			"metric: webhook_rejected_401_total increase(1h) = 0",
			"log: WARN ledger-writer: deadlock detected, retrying transaction (x380)",
		},
		want: "",
	},

	// ---- straightforward ----
	{
		name:    "vending contactless on firmware 4.2",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "VND-1", Title: "Cashless reader firmware 4.2 rejects contactless cards", Symptoms: "contactless card payments declined on machines running reader firmware 4.2; coins still work"},
			{ID: "VND-2", Title: "Telemetry modem APN change", Symptoms: "machines stop reporting stock levels; gaps in telemetry"},
			{ID: "VND-3", Title: "Price table push fails on older controllers", Symptoms: "new prices not applied on controllers older than model C"},
		},
		service: config.Service{Name: "machine-payments", Domains: []string{"vending"}},
		sig:     Signal{Title: "Contactless declined on firmware 4.2 machines", Text: "Contactless card payments are declined on the machines running reader firmware 4.2; coins still work.", Service: "machine-payments"},
		want:    "VND-1",
	},
	{
		name:    "music school recital stream stops at one hour",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "MUS-1", Title: "Room booking conflict when a lesson is rescheduled", Symptoms: "two lessons assigned to the same room after rescheduling"},
			{ID: "MUS-2", Title: "Practice room door PIN not emailed", Symptoms: "students do not receive the practice room PIN email"},
			{ID: "MUS-3", Title: "Recital livestream encoder drops at 60 minutes", Symptoms: "livestream stops after exactly one hour; encoder has to be restarted"},
		},
		service: config.Service{Name: "recital-stream", Domains: []string{"music-school"}},
		sig:     Signal{Title: "Recital livestream stopped at 60 minutes", Text: "The recital livestream stopped after exactly one hour again and the encoder had to be restarted.", Service: "recital-stream"},
		want:    "MUS-3",
	},
}

func TestKnownIssueHeldout17(t *testing.T) {
	runKISample(t, "known-issue held-out 17", kiHeldout17)
}
