package triage

// heldout12_test.go is a twelfth known-issue sample (15 cases) written by a
// helper that did not read the matcher. First run: correct 8/15,
// precision 0.60 (3/5 claims), recall 0.30. The wrong claims' causes were
// shown absent in words the healthy-cause check did not know ("8% of
// hourly allowance used, no 429 responses", "no frame-rate conversion
// applied"). After those: 9/15, precision 1.00, recall 0.40; the misses
// are paraphrases and reports in other languages. It has tuned rules
// since, so it is no longer held out.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

// kiHeldout12 are held-out known-issue cases written without reading the
// matcher: paraphrases, reports in other languages, look-alikes whose
// evidence points to another cause, and reports nothing in the list fits.
var kiHeldout12 = []kiCase{
	// --- the same problem in other words ---
	{
		name: "submarine tours: paid but no confirmation, told without the issue's words", heldOut: true,
		issues: []KnownIssue{
			{ID: "SUB-101", Title: "Dive booking confirmations lost when the payment webhook queue backs up",
				Symptoms: "Guests are charged but never receive the dive confirmation email; booking stays pending; payment-events consumer lag grows"},
			{ID: "SUB-102", Title: "Sonar telemetry dashboard blank after the ingest certificate rotates",
				Symptoms: "Pilot console shows no depth or sonar readings; ingest gateway logs TLS handshake failures"},
			{ID: "SUB-103", Title: "Window berths double-sold when concurrent seat holds race",
				Symptoms: "Two guests assigned the same porthole seat; seat-hold lock contention in logs"},
		},
		service: config.Service{Name: "descent-reservations", Domains: []string{"reservations", "payments"}},
		sig: Signal{Title: "Travellers debited yet no ticket arrives", Service: "descent-reservations",
			Text: "Several customers say their card was taken for the 10:00 descent off Lanzarote, but nothing landed in their inbox and the trip still reads 'awaiting' in their account."},
		evidence: []string{
			"kafka consumer group mailer-payments lag 48211 messages and rising",
			"WARN payment webhook handler: enqueue took 9.8 s",
		},
		want: "SUB-101",
	},
	{
		name: "hot-air balloons: launch board shows yesterday's breeze, reworded", heldOut: true,
		issues: []KnownIssue{
			{ID: "BAL-201", Title: "Passenger manifests refused when the basket scale firmware reports pounds",
				Symptoms: "Manifest check flags passengers as overweight; total basket load roughly doubled after a scale firmware update"},
			{ID: "BAL-202", Title: "Go/no-go weather feed stale because the METAR poller stops after provider rate limits",
				Symptoms: "Launch board shows old wind and visibility values; weather poller logs HTTP 429 from the aviation weather provider and stops polling"},
			{ID: "BAL-203", Title: "Pilot roster app signs everyone out when the session store evicts keys",
				Symptoms: "Pilots logged out repeatedly; redis evicted_keys climbing"},
		},
		service: config.Service{Name: "launch-control", Domains: []string{"flight-ops", "weather"}},
		sig: Signal{Title: "Dawn crews see outdated gust figures on the decision screen", Service: "launch-control",
			Text: "Field chiefs at Göreme say the cleared-to-inflate panel has not refreshed surface gusts since last evening, so nobody can sign off the sunrise flights."},
		evidence: []string{
			"weather-poller: upstream answered Too Many Requests, backing off indefinitely",
			"last successful observation fetch 11h 42m ago",
		},
		want: "BAL-202",
	},
	{
		name: "clock repair: owners receive the collection text several times", heldOut: true,
		issues: []KnownIssue{
			{ID: "CLK-301", Title: "Repair tickets stuck awaiting parts because the supplier catalogue sync fails on the new SKU format",
				Symptoms: "Tickets never leave 'awaiting parts'; catalogue sync logs SKU parse errors"},
			{ID: "CLK-302", Title: "Pickup SMS sent twice because the notifier retries on gateway timeout after delivery",
				Symptoms: "Customers receive duplicate 'ready for pickup' messages; notifier logs gateway timeouts followed by retries"},
			{ID: "CLK-303", Title: "Workbench label printer outputs blank tags when the template font is missing",
				Symptoms: "Blank repair tags; printer spooler reports missing font"},
		},
		service: config.Service{Name: "workshop-notify", Domains: []string{"notifications", "customers"}},
		sig: Signal{Title: "Customers complaining of repeated 'your timepiece is done' messages", Service: "workshop-notify",
			Text: "Front desk says owners of the longcase and mantel clocks finished today got the come-and-collect text two or three times each."},
		evidence: []string{
			"WARN sms provider did not answer within 5000 ms, attempt 2 of 3",
		},
		want: "CLK-302",
	},
	{
		name: "tram depots: fitters' handhelds lose assigned jobs after reconnecting", heldOut: true,
		issues: []KnownIssue{
			{ID: "TRM-401", Title: "Overnight stabling plan not generated when the track occupancy feed arrives late",
				Symptoms: "No stabling plan at 01:00; planner waiting on occupancy snapshot"},
			{ID: "TRM-402", Title: "Maintenance work orders vanish from fitters' tablets after an offline sync conflict",
				Symptoms: "Work orders disappear from tablets once they go back online; sync service logs conflict resolution dropping local records"},
			{ID: "TRM-403", Title: "Pantograph inspection alerts flood the control room when the camera threshold resets to default",
				Symptoms: "Hundreds of pantograph wear alerts within minutes after a camera reboot"},
		},
		service: config.Service{Name: "depot-maintenance", Domains: []string{"maintenance", "mobile"}},
		sig: Signal{Title: "Brake overhaul jobs gone from mechanics' devices", Service: "depot-maintenance",
			Text: "Night-shift mechanics at Kirkgate shed say the tasks they were given disappeared from their handhelds as soon as they walked back into wifi range."},
		evidence: []string{
			"WARN merge: server revision newer, discarding 14 client-side edits for device FT-22",
		},
		want: "TRM-402",
	},

	// --- reports in other languages ---
	{
		name: "whale watching: boarding QR codes rejected, reported in Spanish", heldOut: true,
		issues: []KnownIssue{
			{ID: "WHL-501", Title: "Sightings map not updating because the spotter radio gateway drops AIS messages",
				Symptoms: "Whale sightings map frozen; radio gateway logs malformed AIS sentences"},
			{ID: "WHL-502", Title: "Refunds refused for weather-cancelled trips when the cancellation flag is missing",
				Symptoms: "Refund requests rejected with 'trip operated'; cancelled trips lack weather flag"},
			{ID: "WHL-503", Title: "Boarding QR codes fail to scan after the ticket signing key rotation",
				Symptoms: "Gate scanners reject every boarding pass; signature verification fails with unknown key id"},
		},
		service: config.Service{Name: "pier-boarding", Domains: []string{"ticketing", "boarding"}},
		sig: Signal{Title: "Los códigos QR de embarque no se pueden leer", Service: "pier-boarding",
			Text: "En el muelle de Puerto Pirámides los lectores rechazan todas las entradas desde primera hora; la firma del billete sale como inválida desde que se cambió la clave."},
		evidence: []string{
			"ERROR gate-scanner: signature verification failed: unknown kid \"2031-03\"",
		},
		want: "WHL-503",
	},
	{
		name: "perfume labs: allergen limit table will not load, reported in German", heldOut: true,
		issues: []KnownIssue{
			{ID: "PRF-601", Title: "Formula batches blocked when the allergen limits table fails to load",
				Symptoms: "No batch can be released; compliance check errors 'allergen limits unavailable'"},
			{ID: "PRF-602", Title: "Scale readings lost when the lab balance serial bridge disconnects",
				Symptoms: "Weighing steps show no value; serial bridge reconnect loop"},
			{ID: "PRF-603", Title: "Sample shipment labels missing hazard pictograms after a template update",
				Symptoms: "Courier rejects parcels; labels lack GHS pictograms"},
		},
		service: config.Service{Name: "compounding-release", Domains: []string{"compliance", "production"}},
		sig: Signal{Title: "Rezepturchargen werden gesperrt", Service: "compounding-release",
			Text: "Seit heute Morgen lässt sich keine neue Duftcharge freigeben; das System meldet, die Grenzwerttabelle für Allergene könne nicht geladen werden."},
		evidence: []string{
			"ERROR compliance: failed to load allergen_limits: relation refresh timed out",
		},
		want: "PRF-601",
	},
	{
		name: "organ donation logistics: courier positions gone dark, reported in French", heldOut: true,
		issues: []KnownIssue{
			{ID: "ORG-701", Title: "Courier tracking goes dark when the GPS provider access token expires",
				Symptoms: "Coordinators lose live positions of transport coolers; GPS provider answers 401 invalid token"},
			{ID: "ORG-702", Title: "Cross-match results delayed because the lab HL7 interface queue stalls",
				Symptoms: "Crossmatch results hours late; HL7 queue depth growing"},
			{ID: "ORG-703", Title: "Transplant centre pager escalations not sent when the on-call roster is empty",
				Symptoms: "No page for incoming offer; roster lookup returns no one"},
		},
		service: config.Service{Name: "cooler-tracking", Domains: []string{"transport", "tracking"}},
		sig: Signal{Title: "Suivi des coursiers invisible", Service: "cooler-tracking",
			Text: "Les coordinateurs ne voient plus la position des glacières en transit depuis 14h ; le fournisseur GPS renvoie une erreur d'authentification, jeton expiré."},
		evidence: []string{
			"WARN gps-provider responded 401 Unauthorized: token expired",
		},
		want: "ORG-701",
	},
	{
		name: "marathon timing: runners in the wrong age group, reported in Portuguese", heldOut: true,
		issues: []KnownIssue{
			{ID: "MAR-801", Title: "Split times missing at a checkpoint when the chip reader mat loses power",
				Symptoms: "No reads at one kilometre marker; mat controller offline"},
			{ID: "MAR-802", Title: "Live results place runners in the wrong category because the age-group import swaps day and month",
				Symptoms: "Veteran runners listed as juniors; birth dates parsed as MM/DD instead of DD/MM during registration import"},
			{ID: "MAR-803", Title: "Finish photos not attached to results when the image bucket quota is hit",
				Symptoms: "Results pages without finish-line photos; object store 'quota exceeded'"},
		},
		service: config.Service{Name: "live-results", Domains: []string{"results", "registration"}},
		sig: Signal{Title: "Corredores aparecendo na faixa etária errada", Service: "live-results",
			Text: "Na classificação ao vivo, atletas de 45 anos estão listados como juvenis; parece que a data de nascimento foi lida com dia e mês trocados na importação."},
		want: "MAR-802",
	},

	// --- shared words, but the evidence points elsewhere ---
	{
		name: "greenhouse robotics: robots halt mid-row, but map cache is fresh and lidar is fogged", heldOut: true,
		issues: []KnownIssue{
			{ID: "GRH-901", Title: "Harvest robots halt mid-row when the row-map service serves stale maps after a cache TTL misconfiguration",
				Symptoms: "Harvest robots stop in the middle of rows and wait; navigation logs 'row map outdated'; map cache serving entries older than a day"},
			{ID: "GRH-902", Title: "Irrigation arms stall because the PLC gateway connection pool is exhausted",
				Symptoms: "Irrigation arms stop; gateway logs 'no free connections'; valves stay closed"},
		},
		service: config.Service{Name: "harvest-fleet", Domains: []string{"robots", "navigation"}},
		sig: Signal{Title: "Harvest robots halting mid-row", Service: "harvest-fleet",
			Text: "Picking robots in bay 3 stop in the middle of the tomato rows and wait; navigation reports it cannot continue."},
		evidence: []string{
			"row-map cache healthy: newest entry 3 min old, oldest 11 min, TTL 15 min",
			"ERROR robot-nav: persistent obstacle at 0.2 m, lidar return intensity low (lens condensation suspected)",
			"bay 3 relative humidity 98% since misting cycle at 05:40",
		},
		want: "",
	},
	{
		name: "subtitle studios: export out of sync, but a fixed offset from a re-edit, not frame rate", heldOut: true,
		issues: []KnownIssue{
			{ID: "STL-1001", Title: "Subtitle exports drift out of sync because the frame-rate conversion assumes 25 fps",
				Symptoms: "Subtitles in exported files drift progressively behind dialogue; drift grows over runtime; source timed at 23.976 fps"},
			{ID: "STL-1002", Title: "Translator workspace fails to load when the glossary service times out",
				Symptoms: "Spinner forever on the editor; glossary requests time out"},
			{ID: "STL-1004", Title: "Cues shifted by a fixed offset when the picture is re-edited and the conform step is skipped",
				Symptoms: "Every cue early or late by the same amount from the first line; new cut delivered after timing; no conform job ran"},
		},
		service: config.Service{Name: "caption-export", Domains: []string{"export", "timing"}},
		sig: Signal{Title: "Subtitles out of sync in exported episode", Service: "caption-export",
			Text: "Broadcaster reports the subtitles on episode 4 of the export are out of sync with the dialogue; they want a fixed file by tonight."},
		evidence: []string{
			"export job 7731: source 25 fps, target 25 fps, no frame-rate conversion applied",
			"measured offset 2.00 s at first cue, 2.00 s at last cue (constant)",
			"edit list v3 received 09:12 after subtitle lock: 2 s slate inserted at head; conform job not scheduled",
		},
		want: "STL-1004",
	},
	{
		name: "carillon bells: peals missing, but the clock is synced and the peal file vanished", heldOut: true,
		issues: []KnownIssue{
			{ID: "CAR-1101", Title: "Scheduled peals do not play because NTP sync fails and the controller clock drifts",
				Symptoms: "Hourly chimes late or missing; controller clock minutes off; NTP server unreachable"},
			{ID: "CAR-1102", Title: "Bell strikers skip notes when the clapper driver board overheats",
				Symptoms: "Melodies with gaps; driver board temperature above 80 C; thermal cut-outs"},
		},
		service: config.Service{Name: "tower-scheduler", Domains: []string{"scheduling", "bells"}},
		sig: Signal{Title: "Hourly chimes missing at the cathedral tower", Service: "tower-scheduler",
			Text: "The noon and 1 pm peals did not ring; the schedule in the console looks right and nobody changed it."},
		evidence: []string{
			"chronyd: synchronised to ntp2.diocese.net, offset +3 ms, stratum 2",
			"ERROR scheduler: peal file /srv/peals/noon_angelus.mid not found",
			"storage migration of /srv/peals to new volume completed 11:48, 0 of 37 files copied",
		},
		want: "",
	},
	{
		name: "canal boats: lock bookings fail, rate limit has headroom and the client certificate expired", heldOut: true,
		issues: []KnownIssue{
			{ID: "CNL-1201", Title: "Lock booking requests rejected because the waterways authority API rate limit is reached",
				Symptoms: "Skippers cannot reserve lock passages; booking service receives 429 Too Many Requests from the authority API"},
			{ID: "CNL-1202", Title: "Lock bookings fail after the authority mutual-TLS client certificate expires",
				Symptoms: "Reservations fail; TLS handshake to the authority API fails with certificate expired"},
			{ID: "CNL-1203", Title: "Mooring fees double-charged when payment retry fires after a success",
				Symptoms: "Two mooring charges per night; retry after a late success response"},
		},
		service: config.Service{Name: "lock-passage", Domains: []string{"bookings", "waterways"}},
		sig: Signal{Title: "Skippers unable to reserve lock passages", Service: "lock-passage",
			Text: "Since this morning hire-boat customers get 'booking failed' when reserving lock slots at Hatton flight; the authority API rejects our requests."},
		evidence: []string{
			"authority-api quota: 8% of hourly allowance used, no 429 responses in 24h",
			"ERROR booking: remote error: tls: bad certificate (client certificate notAfter 2031-03-14 00:00 UTC)",
		},
		want: "CNL-1202",
	},

	// --- nothing fits ---
	{
		name: "tram depots: staff badges refused at the shed doors; no issue covers access control", heldOut: true,
		issues: []KnownIssue{
			{ID: "TRM-401", Title: "Overnight stabling plan not generated when the track occupancy feed arrives late",
				Symptoms: "No stabling plan at 01:00; planner waiting on occupancy snapshot"},
			{ID: "TRM-402", Title: "Maintenance work orders vanish from fitters' tablets after an offline sync conflict",
				Symptoms: "Work orders disappear from tablets once they go back online; sync conflicts"},
			{ID: "TRM-403", Title: "Pantograph inspection alerts flood the control room when the camera threshold resets to default",
				Symptoms: "Hundreds of pantograph wear alerts after a camera reboot"},
		},
		service: config.Service{Name: "depot-access", Domains: []string{"security", "facilities"}},
		sig: Signal{Title: "Depot door badges rejected", Service: "depot-access",
			Text: "Drivers arriving for the early turn at Kirkgate cannot open the shed doors; readers blink red for every badge."},
		evidence: []string{
			"ERROR door-controller: badge directory sync failed: LDAP bind refused",
		},
		want: "",
	},
	{
		name: "perfume labs: sensory panel scores not saving; unrelated to every listed issue", heldOut: true,
		issues: []KnownIssue{
			{ID: "PRF-601", Title: "Formula batches blocked when the allergen limits table fails to load",
				Symptoms: "No batch can be released; compliance check errors 'allergen limits unavailable'"},
			{ID: "PRF-602", Title: "Scale readings lost when the lab balance serial bridge disconnects",
				Symptoms: "Weighing steps show no value; serial bridge reconnect loop"},
			{ID: "PRF-603", Title: "Sample shipment labels missing hazard pictograms after a template update",
				Symptoms: "Labels lack GHS pictograms"},
		},
		service: config.Service{Name: "panel-survey", Domains: []string{"sensory", "research"}},
		sig: Signal{Title: "Fragrance panel answers not being saved", Service: "panel-survey",
			Text: "Panelists scoring this afternoon's vetiver accord see the form spin and then 'could not save'; their ratings are lost."},
		evidence: []string{
			"ERROR survey-api: insert into panel_scores failed: duplicate key value violates unique constraint \"panel_scores_session_idx\"",
		},
		want: "",
	},
	{
		name: "whale watching: onboard shop card terminal declines everything; no issue fits", heldOut: true,
		issues: []KnownIssue{
			{ID: "WHL-501", Title: "Sightings map not updating because the spotter radio gateway drops AIS messages",
				Symptoms: "Whale sightings map frozen; radio gateway logs malformed AIS sentences"},
			{ID: "WHL-502", Title: "Refunds refused for weather-cancelled trips when the cancellation flag is missing",
				Symptoms: "Refund requests rejected with 'trip operated'; cancelled trips lack weather flag"},
			{ID: "WHL-503", Title: "Boarding QR codes fail to scan after the ticket signing key rotation",
				Symptoms: "Gate scanners reject every boarding pass; signature verification fails"},
		},
		service: config.Service{Name: "onboard-shop", Domains: []string{"retail", "payments"}},
		sig: Signal{Title: "Gift shop card reader declining all cards", Service: "onboard-shop",
			Text: "Crew on the Orca Spirit say the merchandise counter terminal declines every card since leaving harbour; cash only for now."},
		evidence: []string{
			"WARN pos-terminal: offline mode, acquirer host unreachable over satellite link",
		},
		want: "",
	},
}

func TestKnownIssueHeldout12(t *testing.T) {
	runKISample(t, "known-issue held-out 12", kiHeldout12)
}
