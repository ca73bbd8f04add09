package triage

// culprit_cases19_test.go is a nineteenth held-out batch (10 cases),
// written by a helper that did not read the rules, after the eighteenth's
// fixes. First run: 5/10, two innocent commits blamed (a stale-ping filter
// while an OS update had reset location permissions, a page-size change
// while the partner switched to cursor pagination without notice) and
// three abstentions. The classes: a provider changing its API under all
// its clients without notice, and a client platform that updated itself
// on the devices that fail, are causes outside the repository. After:
// 7/10, none blamed (a readiness probe, a log line serialising a large
// object, a redirect policy still abstain). It has tuned rules since, so
// it is no longer held out.

// Written without reading the culprit rules on 2026-12-05. Industries: cheese makers, climbing gyms, opera houses, mushroom farms, language schools, driving schools, florists, chimney sweeps, bookbinders, kayak rentals.

// culprit_cases19_test.go is a nineteenth held-out batch (10 cases): five
// where one commit is to blame (a default locale changed under a number
// parser, a capture no longer awaited, a readiness probe on an always-200
// path, a whole object serialized in a log line on the hot path, a client
// that stops following redirects) and five where no commit is (a card
// network's scheduled maintenance, a mobile OS update resetting a
// permission, a domain-validation record expiring at the certificate
// provider, a customer's malformed 2 GB import, an upstream API switching
// its pagination without notice).

import (
	"testing"
	"time"
)

// culpritCasesNineteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesNineteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "cheese makers: the intake app's default locale goes from de-DE to ROOT and tanker volumes like \"1.234\" parse as 1.234 l at the first morning round; a tanker-id log line deployed minutes before, a handler rename and a CSV library bump are innocent", heldOut: true,
			service: "milk-intake",
			sig:     Signal{Title: "Milk collections rejected as implausibly small", Text: "milk-intake rejects this morning's tanker uploads: farms show 1-12 litres delivered instead of ~1,200; cheese vat planning for the day is empty"},
			alert:   30,
			commits: []Commit{
				{SHA: "7d2a91e", Parents: []string{"6c1b80d"}, Author: "vreni", Date: hrs(28.9), Message: "intake: log tanker id with each collection",
					Files: []File{{Path: "src/main/java/coop/alpkaese/intake/CollectionController.java", Patch: patch("\t\tlog.info(\"collection stored farm={}\", c.farmId());", "\t\tlog.info(\"collection stored farm={} tanker={}\", c.farmId(), c.tankerId());")}}},
				{SHA: "6c1b80d", Parents: []string{"5b09f7c"}, Author: "vreni", Date: hrs(20), Message: "collections: rename record() to recordCollection()",
					Files: []File{{Path: "src/main/java/coop/alpkaese/intake/CollectionController.java", Patch: patch("    public ResponseEntity<Void> record(@RequestBody TankerUpload u) {", "    public ResponseEntity<Void> recordCollection(@RequestBody TankerUpload u) {")}}},
				{SHA: "5b09f7c", Parents: []string{"4a08e6b"}, Author: "jonas", Date: hrs(16), Message: "app: default to Locale.ROOT so log and metric output is locale-neutral",
					Files: []File{{Path: "src/main/java/coop/alpkaese/intake/IntakeApplication.java", Patch: patch("        Locale.setDefault(Locale.GERMANY);", "        Locale.setDefault(Locale.ROOT);")}}},
				{SHA: "4a08e6b", Parents: []string{"39f7d5a"}, Author: "jonas", Date: hrs(15), Message: "deps: bump jackson-dataformat-csv to 2.17.1",
					Files: []File{{Path: "build.gradle.kts", Patch: patch("    implementation(\"com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.16.1\")", "    implementation(\"com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.17.1\")")}}},
			},
			deploys: []Deploy{
				{SHA: "5b09f7c", At: hrs(16.5), Environment: "production", Service: "milk-intake"},
				{SHA: "7d2a91e", At: hrs(29.1), Environment: "production", Service: "milk-intake"},
			},
			ev: caseEvidence{onsetAfter: 29*time.Hour + 24*time.Minute, firstFailing: "milk-intake", callPath: []string{"tanker-terminal", "milk-intake", "postgres"},
				signature: "volume \"1.234\" parsed as 1.234 l, below plausibility floor 50 l on POST /v1/collections (server), after 4 ms",
				logs: []string{
					"WARN TankerCsvParser: volume_l \"1.234\" parsed as 1.234 by NumberFormat.getInstance() (default locale: root), tanker T-07 farm 0192",
					"INFO tanker CSVs unchanged: volumes still written with German grouping, e.g. 1.234 and 12.870; no uploads arrived between 16:30 and the 05:24 round",
					"ERROR payout preview: farm 0192 delivered 1.234 l today (7-day average 1,180 l)",
				},
				surges: []MetricShift{{Service: "milk-intake", Name: "plausibility_rejections_total", Direction: "up", Ratio: 120, At: hrs(29.4)}}},
			want: "5b09f7c",
		},
		{
			name: "climbing gyms: checkout now captures cart lines in an async forEach, the order is marked paid before any capture and the throttled container never finishes them; the loud ledger-sync's retry change, a gift-card email no longer awaited off the path and a stripe bump are innocent", heldOut: true,
			service: "checkout-api",
			sig:     Signal{Title: "Day passes issued without payment", Text: "Nightly reconcile: 318 day passes and rentals marked paid today have uncaptured card authorisations; ledger-sync export failures flooding the finance channel"},
			alert:   22.3,
			commits: []Commit{
				{SHA: "b7e3c52", Parents: []string{"a6d2b41"}, Author: "mira", Date: hrs(21.5), Message: "ledger-sync: retry failed exports 5 times instead of 3",
					Files: []File{{Path: "services/ledger-sync/src/export.ts", Patch: patch("const MAX_ATTEMPTS = 3;", "const MAX_ATTEMPTS = 5;")}}},
				{SHA: "a6d2b41", Parents: []string{"9c1f030"}, Author: "theo", Date: hrs(14), Message: "checkout: capture cart lines in parallel",
					Files: []File{{Path: "services/checkout-api/src/checkout.ts", Patch: patch(
						"  for (const line of cart.lines) {\n    await payments.capture(line.paymentIntentId, line.amount);\n  }\n  await orders.markPaid(order.id);",
						"  cart.lines.forEach(async (line) => {\n    await payments.capture(line.paymentIntentId, line.amount);\n  });\n  await orders.markPaid(order.id);")}}},
				{SHA: "9c1f030", Parents: []string{"8b0e91f"}, Author: "mira", Date: hrs(13), Message: "gift-cards: don't block the purchase response on the gift email",
					Files: []File{{Path: "services/gift-cards/src/purchase.ts", Patch: patch("  await mailer.sendGiftCard(card);", "  void mailer.sendGiftCard(card);")}}},
				{SHA: "8b0e91f", Parents: []string{"7a0d80e"}, Author: "theo", Date: hrs(12), Message: "deps: bump stripe to 14.25.0",
					Files: []File{{Path: "services/checkout-api/package.json", Patch: patch("    \"stripe\": \"14.21.0\",", "    \"stripe\": \"14.25.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "9c1f030", At: hrs(13.3), Environment: "production", Service: "gift-cards"},
				{SHA: "a6d2b41", At: hrs(14.4), Environment: "production", Service: "checkout-api"},
				{SHA: "b7e3c52", At: hrs(21.7), Environment: "production", Service: "ledger-sync"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 31*time.Minute, firstFailing: "checkout-api", callPath: []string{"gym-app", "checkout-api", "stripe"}, affected: []string{"checkout-api", "ledger-sync"},
				signature: "PaymentIntent still requires_capture after order marked paid on POST /v1/checkout (server)",
				logs: []string{
					"WARN reconcile: 318 orders marked paid since 14:31 whose PaymentIntents are still requires_capture; first ORD-55120",
					"INFO checkout-api (Cloud Run, CPU throttled after response): payments.capture started after the response was sent, no completion logged",
					"ERROR ledger-sync: export of ORD-55120 failed: payment status requires_capture, expected succeeded (attempt 5/5)",
					"INFO gift-card purchases since 13:20: 41, all captured; gift-cards is not called by checkout",
				},
				surges: []MetricShift{{Service: "ledger-sync", Name: "export_failures_total", Direction: "up", Ratio: 80, At: hrs(21.8)}}},
			want: "a6d2b41",
		},
		{
			name: "opera houses: readiness moved to /version, which always answers 200, so pods added by the 19:00 on-sale scale-up take traffic before the seat cache is warm; a seat-colour deploy seconds before, a field added to the failing endpoint and a go-redis bump are innocent", heldOut: true,
			service: "seat-map",
			sig:     Signal{Title: "Premiere on-sale: seat map fails for a share of buyers", Text: "About a third of seat-map requests return 503 in the first minutes of the gala premiere on-sale; buyers see an empty auditorium"},
			alert:   19.2,
			commits: []Commit{
				{SHA: "e1f4a77", Parents: []string{"d0e3966"}, Author: "carla", Date: hrs(18.8), Message: "box-office-web: gold outline for premium boxes",
					Files: []File{{Path: "services/box-office-web/src/seatColors.ts", Patch: patch("  premiumBox: { stroke: '#444' },", "  premiumBox: { stroke: '#c9a227' },")}}},
				{SHA: "d0e3966", Parents: []string{"c9d2855"}, Author: "piet", Date: hrs(11), Message: "seats: add wheelchair_space to GET /v1/performances/{id}/seats",
					Files: []File{{Path: "services/seat-map/internal/api/seats.go", Patch: patch("\tPrice int `json:\"price\"`", "\tPrice int `json:\"price\"`\n\tWheelchairSpace bool `json:\"wheelchair_space\"`")}}},
				{SHA: "c9d2855", Parents: []string{"b8c1744"}, Author: "piet", Date: hrs(9), Message: "helm: readiness on /version so pods stop flapping during Redis blips",
					Files: []File{{Path: "deploy/helm/seat-map/templates/deployment.yaml", Patch: patch(
						"          readinessProbe:\n            httpGet:\n              path: /readyz",
						"          readinessProbe:\n            httpGet:\n              path: /version")}}},
				{SHA: "b8c1744", Parents: []string{"a7b0633"}, Author: "carla", Date: hrs(8), Message: "deps: bump go-redis to v9.5.1",
					Files: []File{{Path: "services/seat-map/go.mod", Patch: patch("\tgithub.com/redis/go-redis/v9 v9.4.0", "\tgithub.com/redis/go-redis/v9 v9.5.1")}}},
			},
			deploys: []Deploy{
				{SHA: "c9d2855", At: hrs(9.3), Environment: "production", Service: "seat-map"},
				{SHA: "d0e3966", At: hrs(11.4), Environment: "production", Service: "seat-map"},
				{SHA: "e1f4a77", At: hrs(19.0), Environment: "production", Service: "box-office-web"},
			},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 1*time.Minute, firstFailing: "seat-map", callPath: []string{"box-office-web", "seat-map", "redis"},
				signature: "503 seat cache warming on GET /v1/performances/{id}/seats (server), after 1 ms",
				logs: []string{
					"INFO HPA seat-map: scaled 4 -> 10 replicas (cpu 84%) at 19:00",
					"WARN seat-map-6f8c9-qk2lp: Ready 2 s after start (readinessProbe GET /version 200) with seat cache 0/41 performances loaded",
					"ERROR seat-map-6f8c9-qk2lp: 503 seat cache warming on GET /v1/performances/880/seats",
					"INFO /readyz on the new pods answered 503 for their first 38-45 s; every 503 comes from a pod younger than 45 s, the four old pods serve 200",
				},
				surges: []MetricShift{{Service: "seat-map", Name: "http_5xx_responses_total", Direction: "up", Ratio: 30, At: hrs(19.02)}}},
			want: "c9d2855",
		},
		{
			name: "mushroom farms: each setpoint log line now stringifies the whole room state with its 24 h history, harmless at 60 s ticks overnight and CPU-bound once misting ticks every second; a rename of the profiled function an hour before, a dashboard deploy and an mqtt bump are innocent", heldOut: true,
			service: "climate-ctl",
			sig:     Signal{Title: "Grow rooms drifting out of humidity band", Text: "Rooms 1-12 at 78% RH against a 92% target during pinning; humidifier gateway reports missing setpoints"},
			alert:   6.5,
			commits: []Commit{
				{SHA: "f3a8d20", Parents: []string{"e2b7c1f"}, Author: "ines", Date: hrs(5.4), Message: "grow-dashboard: CO2 in ppm with one decimal",
					Files: []File{{Path: "services/grow-dashboard/src/format.ts", Patch: patch("  return `${Math.round(ppm)} ppm`;", "  return `${ppm.toFixed(1)} ppm`;")}}},
				{SHA: "e2b7c1f", Parents: []string{"d1a6b0e"}, Author: "kwame", Date: hrs(4.5), Message: "controller: rename tick() to applySetpoints()",
					Files: []File{{Path: "services/climate-ctl/src/controller/loop.ts", Patch: patch("export async function tick(room: RoomState) {", "export async function applySetpoints(room: RoomState) {")}}},
				{SHA: "d1a6b0e", Parents: []string{"c0950fd"}, Author: "ines", Date: hrs(-8), Message: "controller: log the room state on every setpoint apply (debugging pinning stalls)",
					Files: []File{{Path: "services/climate-ctl/src/controller/loop.ts", Patch: patch(
						"  logger.info({ roomId: room.id, rh: target.rh }, 'setpoints applied');",
						"  logger.info({ room: JSON.stringify(room), rh: target.rh }, 'setpoints applied');")}}},
				{SHA: "c0950fd", Parents: []string{"b984ffc"}, Author: "kwame", Date: hrs(-9), Message: "deps: bump mqtt to 5.5.0",
					Files: []File{{Path: "services/climate-ctl/package.json", Patch: patch("    \"mqtt\": \"5.3.5\",", "    \"mqtt\": \"5.5.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "d1a6b0e", At: hrs(-7.5), Environment: "production", Service: "climate-ctl"},
				{SHA: "e2b7c1f", At: hrs(4.8), Environment: "production", Service: "climate-ctl"},
				{SHA: "f3a8d20", At: hrs(5.6), Environment: "production", Service: "grow-dashboard"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 3*time.Minute, firstFailing: "climate-ctl", callPath: []string{"climate-ctl", "mqtt-broker", "humidifier-gw"}, affected: []string{"climate-ctl", "humidifier-gw"},
				signature: "control tick overran 1000 ms budget in applySetpoints (server), after 2700 ms",
				logs: []string{
					"INFO schedule: pinning-phase misting started 06:00, tick interval 60 s -> 1 s for rooms 1-12",
					"WARN climate-ctl: event loop lag 2.4 s; 'setpoints applied' lines average 11.8 MB (room.history holds 86,400 readings)",
					"INFO cpu profile climate-ctl: 74% in JSON.stringify <- applySetpoints (src/controller/loop.ts:88); overnight 60 s ticks took 190 ms each",
					"ERROR humidifier-gw: no setpoint for room 7 for 30 s, holding last value",
				},
				surges: []MetricShift{
					{Service: "climate-ctl", Name: "log_bytes_per_second", Direction: "up", Ratio: 60, At: hrs(6.0)},
					{Service: "climate-ctl", Name: "cpu_usage_cores", Direction: "up", Ratio: 7, At: hrs(6.0)},
				}},
			want: "d1a6b0e",
		},
		{
			name: "language schools: the results-sync HTTP client stops following redirects and the exam board's 302 to a signed results URL fails the 02:00 sync; the same change in enrolment-webhooks (off the path) deployed later, a log line and an x/net bump are innocent", heldOut: true,
			service: "results-sync",
			sig:     Signal{Title: "Exam results missing for all candidates", Text: "The nightly results sync imported 0 of ~1,400 exam results; students' certificates can't be issued"},
			alert:   26.5,
			commits: []Commit{
				{SHA: "a2c5e83", Parents: []string{"9f1b472"}, Author: "sofia", Date: hrs(23), Message: "enrolment-webhooks: stop following redirects from customer webhook URLs (SSRF)",
					Files: []File{{Path: "services/enrolment-webhooks/internal/notify/client.go", Patch: patch(
						"\tclient := &http.Client{Timeout: 10 * time.Second}",
						"\tclient := &http.Client{Timeout: 10 * time.Second,\n\t\tCheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}")}}},
				{SHA: "9f1b472", Parents: []string{"8e0a361"}, Author: "hamid", Date: hrs(16), Message: "results-sync: log candidate number on fetch errors",
					Files: []File{{Path: "services/results-sync/internal/examboard/fetch.go", Patch: patch("\t\tlog.Printf(\"fetch failed: %v\", err)", "\t\tlog.Printf(\"fetch failed candidate=%s: %v\", c.Number, err)")}}},
				{SHA: "8e0a361", Parents: []string{"7d09250"}, Author: "sofia", Date: hrs(11), Message: "httpx: one hardened client for all outbound calls",
					Files: []File{{Path: "services/results-sync/internal/httpx/client.go", Patch: patch(
						"\treturn &http.Client{Timeout: 20 * time.Second}",
						"\treturn &http.Client{Timeout: 20 * time.Second,\n\t\tCheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}")}}},
				{SHA: "7d09250", Parents: []string{"6cf814e"}, Author: "hamid", Date: hrs(10), Message: "deps: bump golang.org/x/net to v0.24.0",
					Files: []File{{Path: "services/results-sync/go.mod", Patch: patch("\tgolang.org/x/net v0.22.0", "\tgolang.org/x/net v0.24.0")}}},
			},
			deploys: []Deploy{
				{SHA: "8e0a361", At: hrs(11.5), Environment: "production", Service: "results-sync"},
				{SHA: "9f1b472", At: hrs(16.5), Environment: "production", Service: "results-sync"},
				{SHA: "a2c5e83", At: hrs(23.4), Environment: "production", Service: "enrolment-webhooks"},
			},
			ev: caseEvidence{onsetAfter: 26 * time.Hour, firstFailing: "results-sync", callPath: []string{"results-sync", "examboard-api"},
				signature: "unexpected 302 Found on GET api.examboard.example/v2/candidates/{id}/results (client), after 90 ms",
				logs: []string{
					"ERROR examboard: fetch failed candidate=88123: unexpected status 302 Found (Location: https://results.examboard.example/signed/88123?exp=1741917600)",
					"INFO the exam board has answered results requests with a 302 to a signed download URL since 2030; last night's 02:00 sync followed them and imported 1,412 results",
					"INFO enrolment-webhooks makes no calls to the exam board",
				},
				surges: []MetricShift{{Service: "results-sync", Name: "results_import_failures_total", Direction: "up", Ratio: 1400, At: hrs(26)}}},
			want: "8e0a361",
		},

		// --- no commit to blame ---
		{
			name: "driving schools: the NordCard debit network's announced 01:00-03:30 maintenance refuses lesson payments with code 91; a rename of the pay handler deployed 30 minutes before, a voucher field on the failing endpoint and an adyen bump are innocent", heldOut: true,
			service: "lesson-payments",
			sig:     Signal{Title: "Learners can't pay for driving lessons", Text: "lesson-payments decline rate at 31% since 01:00; learners booking tomorrow's lessons get 'payment refused'"},
			alert:   25.3,
			commits: []Commit{
				{SHA: "3a7e5f1", Parents: []string{"2f6d4e0"}, Author: "aoife", Date: hrs(24.2), Message: "payments: rename charge_lesson to pay_for_lesson",
					Files: []File{{Path: "lesson_payments/pay.py", Patch: patch("def charge_lesson(booking, card):", "def pay_for_lesson(booking, card):")}}},
				{SHA: "2f6d4e0", Parents: []string{"1e5c3df"}, Author: "ravi", Date: hrs(20), Message: "pay: accept voucher_code on POST /v1/lessons/{id}/pay",
					Files: []File{{Path: "lesson_payments/api.py", Patch: patch("    card_token: str", "    card_token: str\n    voucher_code: str | None = None")}}},
				{SHA: "1e5c3df", Parents: []string{"0d4b2ce"}, Author: "aoife", Date: hrs(19), Message: "deps: bump Adyen to 11.2.0",
					Files: []File{{Path: "requirements.txt", Patch: patch("Adyen==11.0.0", "Adyen==11.2.0")}}},
			},
			deploys: []Deploy{
				{SHA: "2f6d4e0", At: hrs(20.5), Environment: "production", Service: "lesson-payments"},
				{SHA: "3a7e5f1", At: hrs(24.5), Environment: "production", Service: "lesson-payments"},
			},
			ev: caseEvidence{onsetAfter: 25 * time.Hour, firstFailing: "lesson-payments", callPath: []string{"learner-app", "lesson-payments", "acquirer-gw", "nordcard-network"},
				signature: "refusal 91 issuer or switch inoperative on POST /v1/lessons/{id}/pay (client), after 210 ms",
				logs: []string{
					"ERROR acquirer-gw: refusal 91 issuer_or_switch_inoperative for NordCard debit (BIN 529918), booking 44120",
					"INFO acquirer bulletin of 1 March: NordCard scheduled network maintenance 15 March 01:00-03:30 UTC, debit authorisations unavailable",
					"INFO Visa and Mastercard authorisations after 01:00 succeed at the usual 98.7%; NordCard payments between 00:30 and 01:00 on the new build succeeded",
				},
				surges: []MetricShift{{Service: "lesson-payments", Name: "payment_declines_total", Direction: "up", Ratio: 12, At: hrs(25)}}},
			want: "",
		},
		{
			name: "florists: iOS 19.2, auto-installed overnight, resets 'Always' location to 'While Using' and delivery drivers stop sending pings once the app is backgrounded; a stale-ping filter in tracking, a precise-location app change and a dispatch log line are innocent", heldOut: true,
			service: "driver-tracking",
			sig:     Signal{Title: "Half the delivery drivers show offline", Text: "Dispatch map shows 58 of 131 florist delivery drivers without a position since the morning shift; Mother's Day bouquets can't be reassigned"},
			alert:   8.6,
			commits: []Commit{
				{SHA: "5c8a0b3", Parents: []string{"4b7f9a2"}, Author: "lena", Date: hrs(7.5), Message: "dispatch: log route id when a driver goes stale",
					Files: []File{{Path: "services/dispatch/src/stale.rs", Patch: patch("    warn!(driver = %d.id, \"driver stale\");", "    warn!(driver = %d.id, route = %d.route_id, \"driver stale\");")}}},
				{SHA: "4b7f9a2", Parents: []string{"3a6e891"}, Author: "mateo", Date: hrs(3), Message: "tracking: drop location pings older than 5 minutes",
					Files: []File{{Path: "services/driver-tracking/ingest/ping.go", Patch: patch("", "\tif time.Since(p.At) > 5*time.Minute {\n\t\treturn errStalePing\n\t}")}}},
				{SHA: "3a6e891", Parents: []string{"2958d7f"}, Author: "lena", Date: hrs(-20), Message: "driver-app: best accuracy for doorstep photos",
					Files: []File{{Path: "apps/driver/ios/LocationManager.swift", Patch: patch("        manager.desiredAccuracy = kCLLocationAccuracyHundredMeters", "        manager.desiredAccuracy = kCLLocationAccuracyBest")}}},
			},
			deploys: []Deploy{
				{SHA: "3a6e891", At: hrs(-18), Environment: "production", Service: "driver-app"},
				{SHA: "4b7f9a2", At: hrs(3.4), Environment: "production", Service: "driver-tracking"},
				{SHA: "5c8a0b3", At: hrs(7.8), Environment: "production", Service: "dispatch"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 5*time.Minute, firstFailing: "driver-app", callPath: []string{"driver-app", "driver-tracking", "dispatch"}, affected: []string{"driver-app", "driver-tracking", "dispatch"},
				signature: "no background location pings from driver devices on POST /v1/pings (client)",
				logs: []string{
					"WARN driver-tracking: no pings from 58 of 131 drivers since shift start 08:00; all 58 devices report iOS 19.2",
					"INFO iOS 19.2 (released 18:00 yesterday, installed automatically overnight): location access set to 'Always' is reset to 'While Using' until the user confirms again",
					"INFO affected drivers run app 6.3.0 and 6.4.0 alike; Android and iOS 19.1 drivers ping every 15 s; stale_pings_dropped_total is 0",
				},
				surges: []MetricShift{{Service: "dispatch", Name: "drivers_stale", Direction: "up", Ratio: 40, At: hrs(8.1)}}},
			want: "",
		},
		{
			name: "chimney sweeps: the CDN-managed certificate could not renew because the _dnsauth TXT validation token had expired, and it lapsed at 09:00; a TLS-1.2 ingress change, a Terraform DNS CNAME and a booking log line deployed just before are innocent", heldOut: true,
			service: "sweep-booking",
			sig:     Signal{Title: "Booking site shows a certificate warning", Text: "Customers booking chimney sweeps on book.sweepwise.example get 'Your connection is not private'; online bookings at zero since 09:00"},
			alert:   9.3,
			commits: []Commit{
				{SHA: "d8b2c64", Parents: []string{"c7a1b53"}, Author: "gwen", Date: hrs(8.6), Message: "booking: log postcode district with each booking",
					Files: []File{{Path: "app/Http/Controllers/BookingController.php", Patch: patch("        Log::info('booking created', ['id' => $b->id]);", "        Log::info('booking created', ['id' => $b->id, 'district' => $b->postcodeDistrict()]);")}}},
				{SHA: "c7a1b53", Parents: []string{"b6f0a42"}, Author: "idris", Date: hrs(6), Message: "ingress: require TLS 1.2 or newer",
					Files: []File{{Path: "deploy/k8s/ingress.yaml", Patch: patch("    nginx.ingress.kubernetes.io/ssl-protocols: \"TLSv1 TLSv1.1 TLSv1.2 TLSv1.3\"", "    nginx.ingress.kubernetes.io/ssl-protocols: \"TLSv1.2 TLSv1.3\"")}}},
				{SHA: "b6f0a42", Parents: []string{"a5e9f31"}, Author: "gwen", Date: hrs(3), Message: "terraform: CNAME for status.sweepwise.example",
					Files: []File{{Path: "infra/dns.tf", Patch: patch("", "resource \"cloudflare_record\" \"status\" {\n  name  = \"status\"\n  type  = \"CNAME\"\n  value = \"sweepwise.statuspage.example\"\n}")}}},
			},
			deploys: []Deploy{
				{SHA: "b6f0a42", At: hrs(3.2), Environment: "production", Service: "infra-dns"},
				{SHA: "c7a1b53", At: hrs(6.3), Environment: "production", Service: "sweep-booking"},
				{SHA: "d8b2c64", At: hrs(8.8), Environment: "production", Service: "sweep-booking"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "cdn-edge", callPath: []string{"browser", "cdn-edge", "sweep-booking"}, affected: []string{"cdn-edge", "sweep-booking"},
				signature: "x509: certificate has expired on GET book.sweepwise.example/ (client), after 0 ms",
				logs: []string{
					"ERROR browser: NET::ERR_CERT_DATE_INVALID for book.sweepwise.example (certificate notAfter 09:00 UTC today)",
					"WARN CDN managed certificate book.sweepwise.example: auto-renewal failed 14 times since 28 Feb: domain validation pending, _dnsauth.book TXT token expired",
					"INFO the _dnsauth TXT record is not managed in Terraform; the 03:12 apply changed only the status CNAME; the CDN's 'revalidate domain' emails went to a departed admin's mailbox",
					"INFO the origin serves 200 to CDN health checks and via its origin hostname, including over TLS 1.2 after the 06:18 deploy",
				}},
			want: "",
		},
		{
			name: "bookbinders: a publisher uploads a truncated 2.1 GB ONIX backlist and the import worker retries it near its memory limit while every other catalogue queues behind it; an ONIX parser change, a job-start log line and a portal progress bar deployed just before are innocent", heldOut: true,
			service: "catalog-import",
			sig:     Signal{Title: "Catalogue imports stuck for all publishers", Text: "No publisher catalogue imported since 14:05; 214 imports queued and the binding schedule can't pick up new titles"},
			alert:   15,
			commits: []Commit{
				{SHA: "6e3d9f8", Parents: []string{"5d2c8e7"}, Author: "oona", Date: hrs(13.5), Message: "portal: show import progress percentage",
					Files: []File{{Path: "services/publisher-portal/src/ImportStatus.vue", Patch: patch("    <span>{{ job.status }}</span>", "    <span>{{ job.status }} ({{ job.progressPct }}%)</span>")}}},
				{SHA: "5d2c8e7", Parents: []string{"4c1b7d6"}, Author: "felix", Date: hrs(12), Message: "import: log customer and file size at job start",
					Files: []File{{Path: "services/catalog-import/importer/jobs.py", Patch: patch("    log.info(\"import job %s started\", job.id)", "    log.info(\"import job %s started: customer %s, file %s, %s\", job.id, job.customer, job.filename, human_size(job.size))")}}},
				{SHA: "4c1b7d6", Parents: []string{"3b0a6c5"}, Author: "oona", Date: hrs(9), Message: "onix: read <Collection> for series titles",
					Files: []File{{Path: "services/catalog-import/importer/onix.py", Patch: patch("    series = product.findtext(\"Series/TitleOfSeries\")", "    series = product.findtext(\"Collection/TitleDetail/TitleElement/TitleText\") or product.findtext(\"Series/TitleOfSeries\")")}}},
				{SHA: "3b0a6c5", Parents: []string{"2a9f5b4"}, Author: "felix", Date: hrs(8), Message: "deps: bump lxml to 5.2.1",
					Files: []File{{Path: "services/catalog-import/requirements.txt", Patch: patch("lxml==5.1.0", "lxml==5.2.1")}}},
			},
			deploys: []Deploy{
				{SHA: "4c1b7d6", At: hrs(9.2), Environment: "production", Service: "catalog-import"},
				{SHA: "5d2c8e7", At: hrs(12.3), Environment: "production", Service: "catalog-import"},
				{SHA: "6e3d9f8", At: hrs(13.8), Environment: "production", Service: "publisher-portal"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 5*time.Minute, firstFailing: "catalog-import", callPath: []string{"publisher-portal", "catalog-import", "postgres"},
				signature: "XMLSyntaxError: file ends inside <Product> in import_catalog (server), job 77812",
				logs: []string{
					"INFO import job 77812 started: customer Harbour Lane Press, file onix_full_backlist.xml, 2.1 GB (their weekly delta is usually 6 MB)",
					"ERROR job 77812: XMLSyntaxError: Premature end of data in tag Product line 18442019; the uploaded file stops mid-record (customer's upload was cut off, checksum mismatch)",
					"WARN catalog-import worker RSS 7.6 GiB of 8 GiB; job 77812 retried 5 times, 214 imports queued behind it",
					"INFO 338 imports with the new <Collection> parsing completed between 09:15 and 14:05",
				},
				surges: []MetricShift{{Service: "catalog-import", Name: "import_queue_depth", Direction: "up", Ratio: 40, At: hrs(14.1)}}},
			want: "",
		},
		{
			name: "kayak rentals: PaddleHub switches its reservations API to cursor pagination without notice, page=2 now repeats page 1 and later bookings never sync, so kayaks get double-booked; a per_page change to the same client, a resty bump and the loud rental-desk's badge deploy are innocent", heldOut: true,
			service: "booking-sync",
			sig:     Signal{Title: "Kayaks double-booked at the river base", Text: "Walk-in customers handed kayaks that PaddleHub customers had already booked; rental-desk raising double-booking alerts every few minutes"},
			alert:   11.8,
			commits: []Commit{
				{SHA: "9a4c2b1", Parents: []string{"8f3b1a0"}, Author: "bodil", Date: hrs(10.6), Message: "rental-desk: red badge for double bookings",
					Files: []File{{Path: "services/rental-desk/src/components/KayakCard.tsx", Patch: patch("  const badge = conflict ? 'warning' : null;", "  const badge = conflict ? 'danger' : null;")}}},
				{SHA: "8f3b1a0", Parents: []string{"7e2a09f"}, Author: "nils", Date: hrs(8), Message: "paddlehub: request 100 reservations per page instead of 50",
					Files: []File{{Path: "services/booking-sync/paddlehub/client.go", Patch: patch("\tq.Set(\"per_page\", \"50\")", "\tq.Set(\"per_page\", \"100\")")}}},
				{SHA: "7e2a09f", Parents: []string{"6d1f98e"}, Author: "bodil", Date: hrs(6), Message: "deps: bump go-resty to v2.13.1",
					Files: []File{{Path: "services/booking-sync/go.mod", Patch: patch("\tgithub.com/go-resty/resty/v2 v2.12.0", "\tgithub.com/go-resty/resty/v2 v2.13.1")}}},
			},
			deploys: []Deploy{
				{SHA: "8f3b1a0", At: hrs(8.3), Environment: "production", Service: "booking-sync"},
				{SHA: "9a4c2b1", At: hrs(10.8), Environment: "production", Service: "rental-desk"},
			},
			ev: caseEvidence{onsetAfter: 11 * time.Hour, firstFailing: "booking-sync", callPath: []string{"booking-sync", "paddlehub-api"}, affected: []string{"booking-sync", "rental-desk"},
				signature: "page 2 repeats page 1 on GET api.paddlehub.example/v1/reservations (client), after 140 ms",
				logs: []string{
					"WARN paddlehub: page=2 returned the same 100 reservation ids as page=1; responses now carry an undocumented next_cursor field",
					"ERROR rental-desk: kayak K-14 double-booked 10:00-12:00 (walk-in W-2207 and PaddleHub PH-55821)",
					"INFO PaddleHub partner support: cursor pagination rolled out to all partners at 11:00 UTC, the page parameter is now ignored; no changelog entry or notice",
					"INFO syncs between 08:20 and 11:00 with per_page=100 fetched all 5 pages (412 reservations)",
				},
				surges: []MetricShift{{Service: "rental-desk", Name: "double_booking_alerts_total", Direction: "up", Ratio: 25, At: hrs(11.1)}}},
			want: "",
		},
	}
}

func TestCulpritCasesNineteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "nineteenth", culpritCasesNineteenthBatch())
}
