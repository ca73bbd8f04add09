// heldout19_test.go is a nineteenth known-issue sample (12 cases), written
// after the seventeenth's fixes by a helper that did not read the matcher.
// First run: correct 6/12, precision 0.67 (2/3 claims), recall 0.29. The
// wrong claim was a rate-limit issue whose status code the evidence counted
// at zero ("..._429_total = 0"); an issue's status codes are now part of
// the failure a zero counter rules out. After: 7/12, precision 1.00,
// recall 0.29; the misses are paraphrases (two in other languages). It has
// tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: container ports, dentistry chains, ice rinks, opera houses, seed banks, sign-language interpreting, funeral homes, esports leagues, greenhouses, beauty salons, fountain pens, model railways.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout19 = []kiCase{
	// paraphrase
	{
		name:    "port gate db pool paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PORT-1", Title: "Gate OCR misreads container numbers in rain", Symptoms: "Gate OCR confidence drops, container IDs mismatched, trucks sent to manual lane when camera lenses are wet"},
			{ID: "KI-PORT-2", Title: "Terminal DB connection pool exhaustion", Symptoms: "Gate transactions time out waiting for a database connection; pool at maximum; errors 'cannot acquire connection'"},
			{ID: "KI-PORT-3", Title: "Customs EDI partner certificate expiry", Symptoms: "Customs release messages rejected with TLS handshake failure after the partner certificate expires"},
		},
		service:  config.Service{Name: "gate-pass", Domains: []string{"port", "gate", "terminal"}},
		sig:      Signal{Title: "Trucks piling up at gate 4", Text: "Gate app hangs about 30 s then errors out. Logs say all 50 slots to Postgres are busy and nothing is free to hand out.", Service: "gate-pass"},
		evidence: []string{"metric: db_pool_in_use = 50", "metric: db_pool_max = 50", "log: WARN waited 30000 ms for free slot"},
		want:     "KI-PORT-2",
	},
	// paraphrase, Spanish
	{
		name:    "dental large xray spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DENT-1", Title: "X-ray uploads fail when DICOM files exceed 50 MB limit", Symptoms: "Large panoramic scans rejected with 413 Payload Too Large; small scans upload fine"},
			{ID: "KI-DENT-2", Title: "Appointment reminders duplicated after SMS provider retry", Symptoms: "Patients receive the same reminder SMS two or three times"},
			{ID: "KI-DENT-3", Title: "Clock skew on clinic workstations breaks login tokens", Symptoms: "Staff logged out immediately; token 'not yet valid' errors"},
		},
		service: config.Service{Name: "imaging-upload", Domains: []string{"dental", "imaging"}},
		sig:     Signal{Title: "Las radiografías panorámicas no se suben", Text: "En la clínica de Valencia las panorámicas grandes (unos 80 MB) dan error 'entidad demasiado grande'; las periapicales pequeñas se suben sin problema.", Service: "imaging-upload"},
		want:    "KI-DENT-1",
	},
	// paraphrase
	{
		name:    "ice rink webhook hmac paraphrase",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RINK-1", Title: "Turnstile rejects tickets after DST change", Symptoms: "After the clock change valid tickets are flagged as expired at turnstiles because the validity window is computed in UTC"},
			{ID: "KI-RINK-2", Title: "Payment webhook signature mismatch", Symptoms: "Payments succeed at the provider but orders stay pending; webhook rejected with invalid signature"},
			{ID: "KI-RINK-3", Title: "Skate rental inventory double-booked", Symptoms: "Same skate size reserved by two customers; rental counter oversells"},
		},
		service: config.Service{Name: "rink-ticketing", Domains: []string{"ice rink", "tickets"}},
		sig:     Signal{Title: "Customers charged, orders never confirmed", Text: "Card is debited but the order sits at 'awaiting confirmation' forever. Our endpoint bounces the provider's callbacks because the HMAC doesn't check out.", Service: "rink-ticketing"},
		want:    "KI-RINK-2",
	},
	// paraphrase
	{
		name:    "opera abandoned cart holds",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-OPERA-1", Title: "Seat map cache not invalidated after price change", Symptoms: "Old prices displayed on the seat map after box office updates pricing; checkout charges the new price"},
			{ID: "KI-OPERA-2", Title: "Seat hold lock leak", Symptoms: "Seats remain held indefinitely after abandoned checkouts; the house appears sold out while seats are free"},
			{ID: "KI-OPERA-3", Title: "Surtitle feed latency", Symptoms: "Surtitles lag behind the singers by several seconds in the app"},
		},
		service: config.Service{Name: "seat-map", Domains: []string{"opera", "tickets"}},
		sig:     Signal{Title: "Tonight's Tosca shows sold out but the hall is half empty", Text: "Box office says about 200 seats are actually unsold, but online nobody can pick them; they look reserved by baskets people walked away from hours ago.", Service: "seat-map"},
		want:    "KI-OPERA-2",
	},
	// paraphrase
	{
		name:    "seed vault telemetry gaps roaming",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SEED-1", Title: "Freezer sensor gateway drops readings on Wi-Fi roaming", Symptoms: "Gaps in temperature telemetry for vault freezers; sensor shows offline then returns"},
			{ID: "KI-SEED-2", Title: "Catalogue search index out of date", Symptoms: "New accessions not found in search for hours"},
			{ID: "KI-SEED-3", Title: "Germination test scheduler skips weekends", Symptoms: "Tests scheduled on Saturday never run"},
		},
		service: config.Service{Name: "cold-store-monitor", Domains: []string{"seed bank", "vault"}},
		sig:     Signal{Title: "Vault 3 temperature graph has holes", Text: "Temps for the freezers in vault 3 blank out for 5-10 min at a time and then come back. It lines up with the wireless handover between access points in the corridor.", Service: "cold-store-monitor"},
		want:    "KI-SEED-1",
	},
	// paraphrase, French
	{
		name:    "interpreting calendar offset french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SIGN-1", Title: "TURN server certificate expired breaks video on corporate networks", Symptoms: "Calls from behind corporate firewalls fail to connect video; direct connections fine"},
			{ID: "KI-SIGN-2", Title: "Interpreter availability calendar shows wrong timezone", Symptoms: "Interpreters appear available one hour off from their real schedule"},
			{ID: "KI-SIGN-3", Title: "Low-bandwidth mode drops frame rate below readability", Symptoms: "Signing becomes jerky and unreadable on mobile connections when adaptive bitrate lowers fps to 5"},
		},
		service: config.Service{Name: "interpreter-booking", Domains: []string{"sign language", "interpreting"}},
		sig:     Signal{Title: "Les interprètes apparaissent disponibles à la mauvaise heure", Text: "Les clients réservent à 14h mais l'interprète est planifié à 15h ; tout le planning est décalé d'une heure depuis le changement d'heure.", Service: "interpreter-booking"},
		want:    "KI-SIGN-2",
	},
	// no fit, words overlap
	{
		name:    "funeral livestream no audio no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FUN-1", Title: "Livestream encoder overheats in chapel B", Symptoms: "Stream stutters and stops after about 40 minutes in chapel B; encoder temperature alarm"},
			{ID: "KI-FUN-2", Title: "Guestbook spam filter blocks legitimate condolences", Symptoms: "Condolence messages containing links are silently dropped"},
			{ID: "KI-FUN-3", Title: "Livestream link emails land in spam", Symptoms: "Families never received the stream link email; it is found in the junk folder"},
		},
		service:  config.Service{Name: "memorial-streaming", Domains: []string{"funeral", "livestream"}},
		sig:      Signal{Title: "Memorial livestream has no audio", Text: "Video of the service in chapel A is fine from the start, but mourners watching online hear nothing. The mixer input was switched to the wrong channel in this morning's AV change.", Service: "memorial-streaming"},
		evidence: []string{"metric: encoder_temp_c = 48", "metric: stream_audio_level_db = -inf"},
		want:     "",
	},
	// no fit, words overlap
	{
		name:    "esports lobby capacity no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ESP-1", Title: "Anti-cheat update false positive bans", Symptoms: "Players kicked mid-match with anti-cheat violation after a client update"},
			{ID: "KI-ESP-2", Title: "Match server tick rate degrades above 80% CPU", Symptoms: "Rubber-banding and lag in matches when server CPU is high"},
			{ID: "KI-ESP-3", Title: "Leaderboard not updating after match", Symptoms: "Results take hours to appear on the leaderboard because the queue consumer crashed"},
		},
		service:  config.Service{Name: "match-server", Domains: []string{"esports", "league"}},
		sig:      Signal{Title: "Players kicked from matches", Text: "Players who drop mid-match cannot get back in: reconnect fails with 'server full'. Lobby capacity was cut to 8 in yesterday's config change.", Service: "match-server"},
		evidence: []string{"log: WARN lobby capacity 8 reached, rejecting join", "metric: match_server_cpu_pct = 35", "metric: anticheat_kicks_total = 0"},
		want:     "",
	},
	// no fit, words overlap
	{
		name:    "greenhouse shade screen no match",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GH-1", Title: "Vent actuator firmware stuck after power blip", Symptoms: "Roof vents stay closed after a brief power outage until the controller is rebooted"},
			{ID: "KI-GH-2", Title: "Humidity sensor drift", Symptoms: "Humidity reads 100% constantly on sensors older than 2 years; misting stops"},
			{ID: "KI-GH-3", Title: "Heating schedule ignores DST", Symptoms: "Boilers start an hour late after the clock change"},
		},
		service: config.Service{Name: "climate-control", Domains: []string{"greenhouse", "climate"}},
		sig:     Signal{Title: "Greenhouse 2 far too hot", Text: "Roof vents are wide open and responding fine; the shade screen motor is jammed so full sun is pouring in. Power has been stable all week.", Service: "climate-control"},
		want:    "",
	},
	// evidence shows the cause not happening
	{
		name:    "salon reminders not rate limited",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SAL-1", Title: "SMS gateway rate limit drops reminders", Symptoms: "Appointment reminders not delivered on busy mornings; gateway returns 429 Too Many Requests"},
			{ID: "KI-SAL-2", Title: "Stylist calendar sync fails on token expiry", Symptoms: "Stylists' personal calendars stop receiving new bookings; sync error 'invalid_grant'"},
			{ID: "KI-SAL-3", Title: "Gift card balance rounding", Symptoms: "Gift card balances off by a cent after partial redemption"},
		},
		service:  config.Service{Name: "salon-booking", Domains: []string{"beauty salon", "appointments"}},
		sig:      Signal{Title: "Clients got no reminder SMS this morning", Text: "Several clients missed appointments and say no reminder arrived.", Service: "salon-booking"},
		evidence: []string{"metric: sms_gateway_429_total = 0", "log: INFO sms gateway accepted 0 messages in 06:00-09:00 window", "log: WARN reminder job skipped: template 'morning_v2' not found"},
		want:     "",
	},
	// evidence shows the failure not happening
	{
		name:    "pen checkout provider healthy",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PEN-1", Title: "Payment provider timeout during peak", Symptoms: "Checkout fails with gateway timeout when provider latency exceeds 10 s"},
			{ID: "KI-PEN-2", Title: "VAT miscalculated for EU orders", Symptoms: "EU customers charged the UK VAT rate"},
			{ID: "KI-PEN-3", Title: "Ink shipping restriction blocks checkout", Symptoms: "Orders containing bottled ink to certain countries cannot complete; 'hazardous goods' error"},
		},
		service:  config.Service{Name: "pen-checkout", Domains: []string{"fountain pens", "checkout"}},
		sig:      Signal{Title: "Checkout failing for some customers", Text: "Customers report the pay button spins for a while and then shows an error.", Service: "pen-checkout"},
		evidence: []string{"trace: payment.Authorize elapsed 320 ms status OK", "metric: payment_provider_p99_ms = 410", "log: ERROR checkout: address-validation returned 500"},
		want:     "",
	},
	// straightforward
	{
		name:    "model railway smtp auth",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-RAIL-1", Title: "Supplier stock feed import stalls", Symptoms: "Stock levels stop updating; supplier feed import job stuck"},
			{ID: "KI-RAIL-2", Title: "Order confirmation emails fail after SMTP relay credential rotation", Symptoms: "No order confirmation emails after credential rotation; SMTP 535 authentication failed"},
			{ID: "KI-RAIL-3", Title: "Product images missing from CDN", Symptoms: "Broken image icons on product pages"},
		},
		service:  config.Service{Name: "rail-orders", Domains: []string{"model railway", "orders"}},
		sig:      Signal{Title: "Order confirmation emails not sent", Text: "Since this morning's credential rotation no order confirmation emails go out; the SMTP relay says 535 authentication failed.", Service: "rail-orders"},
		evidence: []string{"log: ERROR smtp: 535 5.7.8 authentication failed"},
		want:     "KI-RAIL-2",
	},
}

func TestKnownIssueHeldout19(t *testing.T) {
	runKISample(t, "known-issue held-out 19", kiHeldout19)
}
