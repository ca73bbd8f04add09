// heldout21_test.go is a twenty-first known-issue sample (15 cases),
// written by a helper that did not read the matcher, after the matcher had
// learned more everyday and foreign words (it measures that change on
// cases it was not tuned on). First run: correct 4/15, precision 0.00 (0/1
// claims), recall 0.00. The wrong claim was an issue whose own failure a
// counter in the evidence read at zero ("..._rejected_invalid_number_total
// = 0"), a check that covered only status codes and failure words of the
// title; a counter whose every word the issue names, one a failure, now
// rules it out. After: 5/15, precision 1.00 (no claims), recall 0.00. The
// misses are the honest limit of word matching: five paraphrases sharing
// almost no words with their issue ("keeps crying wolf", "two vans turned
// up to one lockout"), four reports in other languages whose nouns no
// general vocabulary holds, and one whose telemetry ranks the right issue
// first (replica lag) at 1.79, below the threshold. The matcher claims
// nothing rather than guess; an LLM reasoner reads these.
// Written without reading the triage rules on 2026-12-05. Industries: hostels, dry cleaners, self-storage, slimming clubs, locksmiths, kayak hire, genealogy records, opticians, florists, tyre fitters, coworking spaces, print shops, cobblers, bridal shops, antique dealers.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout21 = []kiCase{
	// paraphrase (front desk: "shows up two times", "pressed go again")
	{
		name:    "hostel deposit hold twice paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HOST-1", Title: "Channel manager sync delay causes overbooking", Symptoms: "Beds sold on OTAs after they were already booked directly; availability sync lags by up to 20 minutes"},
			{ID: "KI-HOST-2", Title: "Deposit pre-authorisation captured twice on payment retry", Symptoms: "Guests are charged the security deposit twice when the card terminal times out and staff retry the payment"},
			{ID: "KI-HOST-3", Title: "Keycard encoder loses room mapping after firmware update", Symptoms: "Newly encoded keycards open no doors until the encoder is re-paired with the lock server"},
		},
		service: config.Service{Name: "frontdesk-pos", Domains: []string{"hostel", "reception"}},
		sig:     Signal{Title: "Backpacker upset about her bank app", Text: "Girl from dorm 6 showed me her banking app: the 20 euro hold we take at check-in is on there two times. When she arrived the little machine froze and just spun forever, so I hit go again and it went through.", Service: "frontdesk-pos"},
		want:    "KI-HOST-2",
	},
	// paraphrase ("still says what it said yesterday")
	{
		name:    "dry cleaner status page yesterday paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DRY-1", Title: "Order status page served from stale CDN cache", Symptoms: "Customers see an outdated order status online for hours after the garment is marked ready; cache TTL too long"},
			{ID: "KI-DRY-2", Title: "Tag printer prints blank tags when ribbon sensor misfires", Symptoms: "Garment tags come out blank and items cannot be scanned into the system"},
			{ID: "KI-DRY-3", Title: "Loyalty points not credited for split payments", Symptoms: "Orders paid partly in cash and partly by card earn no loyalty points"},
		},
		service: config.Service{Name: "customer-portal", Domains: []string{"dry cleaning", "orders"}},
		sig:     Signal{Title: "Customers keep ringing to ask where their suits are", Text: "Mrs Patel has phoned three times. The website tells her the jacket is 'being pressed', which is exactly what it told her yesterday morning. We scanned it done at 4pm yesterday and the till screen agrees, it's been hanging on the rail since. She refreshes on her phone and gets the same old answer.", Service: "customer-portal"},
		want:    "KI-DRY-1",
	},
	// paraphrase ("settled his arrears", "red light at the barrier", "catches up overnight")
	{
		name:    "self storage barrier pin after paying paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-STOR-1", Title: "Gate keypad codes not re-enabled after tenant payment", Symptoms: "Tenants who pay an overdue balance stay locked out at the gate because the access controller only syncs with billing nightly"},
			{ID: "KI-STOR-2", Title: "Unit door alarms false-trigger in freezing weather", Symptoms: "Door sensors raise open/tamper alarms overnight when the temperature drops below zero"},
			{ID: "KI-STOR-3", Title: "Online move-in assigns units that are already occupied", Symptoms: "Web reservations are given a unit that is already rented because occupancy data is missing from the site feed"},
		},
		service: config.Service{Name: "site-access", Domains: []string{"self storage", "access control"}},
		sig:     Signal{Title: "Bloke stuck outside with a van full of furniture", Text: "He cleared what he owed by card at 9 this morning, receipt on his phone and everything, but his number still gets the red light at the front barrier. The office says the system 'catches up overnight' and he should come back tomorrow.", Service: "site-access"},
		want:    "KI-STOR-1",
	},
	// paraphrase (coach: "kilos", "pounds", "crying wolf")
	{
		name:    "slimming club scale kilos pounds paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SLIM-1", Title: "Bluetooth scale pairing lost after phone OS update", Symptoms: "Smart-scale weigh-ins stop syncing to the member app after the phone updates; the scale must be re-paired"},
			{ID: "KI-SLIM-2", Title: "Weigh-in alerts compare kg targets against lb readings", Symptoms: "Weight-change alerts and milestone badges fire wrongly because targets configured in kg are compared with scale readings reported in lb"},
			{ID: "KI-SLIM-3", Title: "Coach dashboard times out at Monday peak", Symptoms: "Coach dashboard fails to load between 18:00 and 19:00 on Mondays with gateway timeouts"},
		},
		service: config.Service{Name: "weigh-in", Domains: []string{"slimming club", "members"}},
		sig:     Signal{Title: "Sandra's scale keeps crying wolf", Text: "Every morning the app tells her she's ballooned overnight and flags her to me. I ring her and she's 82 on her bathroom scale like always. Her chart shows 180-something, which is just her 82 kilos in pounds. Same story for everyone who got the new American-style scales last month.", Service: "weigh-in"},
		want:    "KI-SLIM-2",
	},
	// paraphrase ("two vans turned up to one lockout")
	{
		name:    "locksmith two vans one lockout paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LOCK-1", Title: "Emergency job dispatched twice after dispatcher app reconnects", Symptoms: "Duplicate jobs are created when the dispatcher app loses connection and resubmits; two technicians are sent to the same address"},
			{ID: "KI-LOCK-2", Title: "Key-cutting machine profile library out of date", Symptoms: "Machine cannot find the blank profile for new key models; cutting jobs rejected"},
			{ID: "KI-LOCK-3", Title: "Technician arrival SMS shows wrong time", Symptoms: "Customers receive arrival times one hour off after the clock change"},
		},
		service: config.Service{Name: "dispatch", Domains: []string{"locksmith", "call-outs"}},
		sig:     Signal{Title: "Two vans turned up to one lockout", Text: "Lady locked out on Elm Street had Dave and Priya knocking within five minutes of each other, both with her on their tablets. The office wifi dropped right while Sam was booking her in. Now we're paying two call-out fees for one door.", Service: "dispatch"},
		want:    "KI-LOCK-1",
	},
	// other language: Spanish
	{
		name:    "kayak wind cancellation refund spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-KAYAK-1", Title: "Weather cancellation refunds not issued", Symptoms: "Bookings cancelled by staff for high wind are marked refunded but the payment provider refund call fails silently; customers never get their money back"},
			{ID: "KI-KAYAK-2", Title: "Waiver signatures lost on mobile", Symptoms: "Customers sign the liability waiver on a phone but the signature is not saved; staff re-collect it at the dock"},
			{ID: "KI-KAYAK-3", Title: "Tandem kayaks double-booked", Symptoms: "The same tandem kayak is assigned to two groups in overlapping slots"},
		},
		service: config.Service{Name: "kayak-bookings", Domains: []string{"kayak hire", "bookings"}},
		sig:     Signal{Title: "Clientes sin devolución tras suspender por viento", Text: "El sábado suspendimos todas las salidas de la tarde por el levante. En el panel aparecen como 'reembolsadas', pero varios clientes nos escriben que el dinero nunca les volvió a la tarjeta y su banco no ve ningún abono.", Service: "kayak-bookings"},
		want:    "KI-KAYAK-1",
	},
	// other language: German
	{
		name:    "genealogy surname search umlaut german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GEN-1", Title: "Scanned register images fail to render at high zoom", Symptoms: "Register page viewer shows grey tiles above 400% zoom; image server returns 404"},
			{ID: "KI-GEN-2", Title: "Family tree GEDCOM export times out for large trees", Symptoms: "Exports of trees with more than 10,000 people fail with 504 after 60 seconds"},
			{ID: "KI-GEN-3", Title: "Surname search ignores diacritics", Symptoms: "Searches for surnames containing umlauts, accents or ß return no results, while the same name typed without them is found"},
		},
		service: config.Service{Name: "records-search", Domains: []string{"genealogy", "family history"}},
		sig:     Signal{Title: "Namenssuche findet Müller nicht", Text: "Sucht man in den Kirchenbuch-Indizes nach 'Müller', kommt 'keine Treffer'. Gibt man 'Mueller' oder 'Muller' ein, erscheinen die Einträge sofort. Betrifft offenbar alle Namen mit ä, ö, ü oder ß, seit heute früh beschweren sich die Mitglieder im Forum.", Service: "records-search"},
		want:    "KI-GEN-3",
	},
	// other language: French
	{
		name:    "optician lens axis truncated french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-OPT-1", Title: "Lens order sent to lab with axis field truncated", Symptoms: "Astigmatism axis values above 99 are cut to two digits in the lab order, so glasses are made with the wrong axis"},
			{ID: "KI-OPT-2", Title: "Eye test room double-booked", Symptoms: "Two patients booked into the refraction room at the same time via the online calendar"},
			{ID: "KI-OPT-3", Title: "Insurer quote requests rejected after API upgrade", Symptoms: "Third-party payment quotes fail with 'invalid schema' since the insurer upgraded its API"},
		},
		service: config.Service{Name: "lab-orders", Domains: []string{"optician", "lenses"}},
		sig:     Signal{Title: "Verres à refaire : l'axe est faux", Text: "Troisième paire revenue du labo cette semaine avec un mauvais axe. Sur l'ordonnance c'est 135°, sur le bon de commande reçu par le labo c'est 13°. Ça n'arrive qu'avec les axes à trois chiffres, les autres sont bons.", Service: "lab-orders"},
		want:    "KI-OPT-1",
	},
	// other language: Portuguese (Brazil)
	{
		name:    "florist card message lost after edit portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FLOR-1", Title: "Same-day delivery cutoff computed in UTC", Symptoms: "The same-day delivery option disappears three hours early because the cutoff uses server UTC instead of local time"},
			{ID: "KI-FLOR-2", Title: "Gift card message lost when order is edited", Symptoms: "The card message is blank on the printed delivery note after the customer edits the order"},
			{ID: "KI-FLOR-3", Title: "Product photos fail to load on mobile Safari", Symptoms: "Bouquet images show as broken on iPhones because WebP fallback is missing"},
		},
		service: config.Service{Name: "flower-orders", Domains: []string{"florist", "delivery"}},
		sig:     Signal{Title: "Buquês saindo com o cartãozinho em branco", Text: "Hoje três entregas saíram com o cartãozinho sem nada escrito. Nos três casos o cliente tinha voltado no pedido pra trocar o endereço ou o horário, e depois disso o recado sumiu da nota de entrega. Pedido que ninguém mexeu sai com o recado normal.", Service: "flower-orders"},
		want:    "KI-FLOR-2",
	},
	// vague report, telemetry pins the mechanism
	{
		name:    "tyre fitter bookings replica lag evidence",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TYRE-1", Title: "Supplier stock API rate-limited at peak", Symptoms: "Tyre availability shows 'unknown' and bookings fail when the supplier API returns 429 Too Many Requests"},
			{ID: "KI-TYRE-2", Title: "Read replica lag makes freed slots appear booked", Symptoms: "After cancellations the web calendar keeps showing fitting slots as taken because availability is read from a lagging database replica"},
			{ID: "KI-TYRE-3", Title: "Payment gateway certificate pinning breaks after rotation", Symptoms: "Card payments fail with certificate verify errors after the gateway rotates its certificate"},
		},
		service: config.Service{Name: "fitting-bookings", Domains: []string{"tyres", "bookings"}},
		sig:     Signal{Title: "Online bookings odd today", Text: "A few customers on the phone saying the website won't let them book a fitting for tomorrow. Not sure what's going on, the site is up.", Service: "fitting-bookings"},
		evidence: []string{
			"metric: bookings_db_replica_lag_seconds = 2730",
			"log: WARN availability 2026-12-06 bays 1-4: replica-2 reports 11 booked, primary reports 4",
			"metric: supplier_stock_api_http_429_total = 0",
			"metric: payment_tls_verify_errors_total = 0",
		},
		want: "KI-TYRE-2",
	},
	// look-alike: badge words, but the lock relay failed and the sync changed nothing
	{
		name:    "coworking badge door relay no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-COWORK-1", Title: "Member badges rejected at front door after nightly directory sync", Symptoms: "Badges rejected at the front door each morning because the nightly directory sync removes and re-adds members; badge reader logs 'unknown credential'"},
			{ID: "KI-COWORK-2", Title: "Wi-Fi captive portal login loop", Symptoms: "Members are redirected back to the portal login page endlessly; RADIUS accounting start not acknowledged"},
			{ID: "KI-COWORK-3", Title: "Meeting rooms double-booked through calendar integration", Symptoms: "A room booked in Google Calendar and in the app at the same time shows as free in both"},
		},
		service: config.Service{Name: "door-access", Domains: []string{"coworking", "access control"}},
		sig:     Signal{Title: "Members' badges rejected at the front door this morning", Text: "Several members couldn't get in at 8am, front door badge reader beeping and the door staying shut. Facilities found the lock relay burnt out after last night's storm: the reader takes the badge but the lock never releases. Same badges work fine at the side door.", Service: "door-access"},
		evidence: []string{
			"log: INFO front-door reader: credential 4471 accepted, relay open sent, no door-open feedback",
			"log: INFO nightly directory sync completed, 0 members removed, 0 added",
			"metric: badge_unknown_credential_total = 0",
		},
		want: "",
	},
	// look-alike: large upload failures, but the disk is full, not a 413 limit
	{
		name:    "print shop big pdf upload disk full no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PRINT-1", Title: "Large PDF uploads rejected with 413", Symptoms: "Customers uploading print files over 100 MB get 413 Payload Too Large and the upload spinner stops"},
			{ID: "KI-PRINT-2", Title: "Colour profile stripped on upload", Symptoms: "Printed brochures come out dull because the upload pipeline converts CMYK PDFs to sRGB"},
			{ID: "KI-PRINT-3", Title: "Quote calculator uses old paper prices after price list import", Symptoms: "Online quotes use last season's paper prices until the cache is cleared"},
		},
		service: config.Service{Name: "file-upload", Domains: []string{"print shop", "uploads"}},
		sig:     Signal{Title: "Customers can't upload large print files", Text: "A couple of agencies say their big PDFs won't upload, the spinner just stops halfway through. Small files seem to go through.", Service: "file-upload"},
		evidence: []string{
			"log: ERROR write /srv/uploads/tmp/part-88213: no space left on device",
			"metric: uploads_tmp_disk_free_bytes = 0",
			"metric: http_413_total = 0",
			"metric: upload_max_body_bytes = 2147483648",
		},
		want: "",
	},
	// look-alike: missing "ready" texts, but the gateway rejected nothing; the bench tablet never marked jobs done
	{
		name:    "cobbler ready text tablet offline no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-COBB-1", Title: "Ready-for-collection SMS not sent for +44 numbers", Symptoms: "Customers whose numbers are stored in +44 format never get the 'ready for collection' text; SMS gateway rejects them as invalid numbers"},
			{ID: "KI-COBB-2", Title: "Repair ticket printer drops the last line", Symptoms: "Printed repair tickets are missing the price line at the bottom"},
			{ID: "KI-COBB-3", Title: "Pick-up locker controller offline after firmware update", Symptoms: "After-hours lockers don't open with a valid PIN; controller shows offline"},
		},
		service: config.Service{Name: "repair-notify", Domains: []string{"shoe repair", "notifications"}},
		sig:     Signal{Title: "Customers not getting 'ready for collection' texts", Text: "Three customers came in today asking why they never got the text saying their boots were ready for collection.", Service: "repair-notify"},
		evidence: []string{
			"metric: sms_gateway_rejected_invalid_number_total = 0",
			"log: INFO ready notification skipped for 14 orders: status still 'in repair'",
			"log: WARN bench tablet BT-2 offline since 09:12, no status updates received",
		},
		want: "",
	},
	// nothing fits: new problem (one bride's measurements saved into another's file)
	{
		name:    "bridal measurements overwritten new problem",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BRIDE-1", Title: "Fitting reminders sent a day late", Symptoms: "Fitting reminder emails arrive after the appointment because the reminder job runs on UTC"},
			{ID: "KI-BRIDE-2", Title: "Dress order status not updated from supplier feed", Symptoms: "Orders stay 'awaiting supplier' after the manufacturer ships because the feed import fails on new style codes"},
			{ID: "KI-BRIDE-3", Title: "Deposit invoices exclude VAT", Symptoms: "Deposit invoice totals are shown without VAT and do not match the card charge"},
		},
		service: config.Service{Name: "bridal-crm", Domains: []string{"bridal", "fittings"}},
		sig:     Signal{Title: "Bride's alteration measurements are someone else's", Text: "Our seamstress opened Hannah Clarke's file for her second fitting and the bust, waist and hem length are from Jodie Clarke, another bride booked the same week. Looks like saving one bride's file wrote over the other's. We only noticed because the hem was 8 cm out.", Service: "bridal-crm"},
		want:    "",
	},
	// nothing fits: new problem (currency symbol changed without conversion)
	{
		name:    "antique dealer currency symbol no conversion new problem",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ANTQ-1", Title: "Marketplace sync keeps sold items listed", Symptoms: "Pieces sold in the shop stay listed on the marketplace for up to an hour and customers buy items already gone"},
			{ID: "KI-ANTQ-2", Title: "Provenance scans appear sideways", Symptoms: "Uploaded provenance certificates display rotated because EXIF orientation is dropped"},
			{ID: "KI-ANTQ-3", Title: "Carrier quote API fails for items over 30 kg", Symptoms: "Checkout shows 'no shipping available' for heavy furniture because the carrier API rejects weights over 30 kg"},
		},
		service: config.Service{Name: "shop-front", Domains: []string{"antiques", "web shop"}},
		sig:     Signal{Title: "US visitors see our sterling prices with a dollar sign", Text: "A collector in Boston says the Georgian bureau showed $1,850, which is our pound price with a dollar sign stuck on, no conversion at all. Started when we switched on the currency picker yesterday. Checkout charged him in pounds so nobody lost money, but the enquiries are piling up.", Service: "shop-front"},
		want:    "",
	},
}

func TestKnownIssueHeldout21(t *testing.T) {
	runKISample(t, "known-issue held-out 21", kiHeldout21)
}
