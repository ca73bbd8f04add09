package triage

// culprit_cases12_test.go is a twelfth held-out batch (10 cases) written
// by a helper that did not read the rules: units, a tightened validation
// pattern, a removed null check, a flag default, a cut worker count, a
// renamed field in another service's repository, and four operational
// causes. First run: 7/10 with two innocent commits blamed and one
// abstention. The classes: a validation rejection ("422 ... does not match
// pattern") was no known fault, so a receipts change won on words alone
// and the flag flip that rejected every request fell below the bar; a
// commit that only added a comment, named after a job about routes, was
// read as a routing change. After rejected input became the validation
// mechanism (and regular expressions a validation change), comment-only
// changes count like docs, and a size set to the very count the telemetry
// shows fully used ("3/3 threads busy") names the change: 10/10, none
// blamed. It has tuned rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

// culpritCasesTwelfthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwelfthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "ferries: fare total taken from quote API v2 in euros but sent as minor units, foot fares rejected and car fares charged pennies; a logging line in the same builder and a jackson bump are innocent", heldOut: true,
			service: "fare-checkout",
			sig:     Signal{Title: "Ferry bookings failing at payment, some charged pennies", Text: "fare-checkout payment step fails for foot-passenger fares; car-deck bookings that do go through are charged EUR 0.89 instead of EUR 89"},
			alert:   31.5,
			commits: []Commit{
				{SHA: "9b4e2d7", Parents: []string{"7f31c0a"}, Author: "annika", Date: hrs(29), Message: "checkout: log booking reference when creating payment intent",
					Files: []File{{Path: "src/main/kotlin/no/fjordlink/checkout/PaymentIntentBuilder.kt", Patch: patch("", "        log.info(\"creating payment intent for booking {}\", booking.reference)")}}},
				{SHA: "7f31c0a", Parents: []string{"5c0d8e3"}, Author: "teodor", Date: hrs(25.5), Message: "checkout: take fare total from quote API v2 (Money in EUR)",
					Files: []File{{Path: "src/main/kotlin/no/fjordlink/checkout/PaymentIntentBuilder.kt", Patch: patch(
						"            amountMinor = quote.totalMinorUnits,",
						"            amountMinor = quote.total.amount.toLong(),")}}},
				{SHA: "5c0d8e3", Parents: []string{"3a9f611"}, Author: "annika", Date: hrs(24), Message: "deps: bump jackson-module-kotlin to 2.17.1",
					Files: []File{{Path: "build.gradle.kts", Patch: patch(
						"    implementation(\"com.fasterxml.jackson.module:jackson-module-kotlin:2.17.0\")",
						"    implementation(\"com.fasterxml.jackson.module:jackson-module-kotlin:2.17.1\")")}}},
			},
			deploys: []Deploy{
				{SHA: "9b4e2d7", At: hrs(29.5), Environment: "production"},
				{SHA: "7f31c0a", At: hrs(26.4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 30*time.Hour + 5*time.Minute, firstFailing: "fare-checkout", callPath: []string{"booking-web", "fare-checkout", "psp-gateway"},
				signature: "400 amount_too_small: amount must be at least 50 minor units on POST /v1/payment_intents (client), after 140 ms",
				logs: []string{
					"ERROR payment intent rejected: amount_too_small amount=12 currency=EUR for booking FL-88213 (fare EUR 12.00)",
					"WARN settlement check: captured 89 minor units for booking FL-88190, fare total EUR 89.00",
				}},
			want: "7f31c0a",
		},
		{
			name: "pawn shops: ID number regex tightened to nine digits rejects driver's licences at every counter; a doc comment on the same validator and a pino bump are innocent", heldOut: true,
			service: "loan-intake",
			sig:     Signal{Title: "Pawn counters can't open new loans", Text: "Clerks at all 14 stores get 'invalid ID number' when entering a customer's driver's licence; only customers with a passport can pawn items"},
			alert:   33.8,
			commits: []Commit{
				{SHA: "e41a7c9", Parents: []string{"d3f06b8"}, Author: "lorenzo", Date: hrs(31.5), Message: "idDocument: document accepted ID types",
					Files: []File{{Path: "src/validation/idDocument.ts", Patch: patch("", "/** Accepted: state driver's licence, state ID card, US passport. */")}}},
				{SHA: "d3f06b8", Parents: []string{"c2d95b0"}, Author: "wendell", Date: hrs(27), Message: "receipts: print store opening hours on pawn ticket",
					Files: []File{{Path: "src/receipts/ticket.ts", Patch: patch("", "  lines.push(`Open ${store.hours.weekday}, Sat ${store.hours.saturday}`);")}}},
				{SHA: "c2d95b0", Parents: []string{"b7e0f14"}, Author: "dasha", Date: hrs(20), Message: "validation: tighten ID number check to stop junk entries",
					Files: []File{{Path: "src/validation/idDocument.ts", Patch: patch(
						"const ID_NUMBER = /^[A-Z0-9-]{5,20}$/i;",
						"const ID_NUMBER = /^\\d{9}$/;")}}},
				{SHA: "b7e0f14", Parents: []string{"a05c3e2"}, Author: "lorenzo", Date: hrs(18), Message: "deps: bump pino to 8.21.0",
					Files: []File{{Path: "package.json", Patch: patch("    \"pino\": \"^8.19.0\",", "    \"pino\": \"^8.21.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "e41a7c9", At: hrs(32.4), Environment: "production"},
				{SHA: "c2d95b0", At: hrs(20.6), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 33*time.Hour + 4*time.Minute, firstFailing: "loan-intake", callPath: []string{"counter-app", "loan-intake"},
				signature: "422 Unprocessable Entity: id_number does not match pattern on POST /v1/loans/intake (server), after 4 ms",
				logs: []string{
					"WARN intake rejected: id_number \"D4417730\" failed ID_NUMBER (document_type=drivers_license, store=PS-07)",
					"WARN intake rejected: id_number \"S530-4412-8871\" failed ID_NUMBER (document_type=drivers_license, store=PS-02)",
				},
				surges: []MetricShift{{Service: "loan-intake", Name: "intake_validation_failures_total", Direction: "up", Ratio: 60, At: hrs(33.1)}}},
			want: "c2d95b0",
		},
		{
			name: "telemonitoring: 'simplify pulse mapping' drops the null check, BP-200 cuffs' nightly batches (pulse=null) crash the mapper; a debug log in the same mapper and a micrometer bump are innocent", heldOut: true,
			service: "vitals-ingest",
			sig:     Signal{Title: "Nurses missing overnight blood pressure readings", Text: "Telemonitoring dashboard shows no overnight readings for about 1,200 heart-failure patients on BP-200 cuffs; high blood pressure alerts may have been missed"},
			alert:   51.5,
			commits: []Commit{
				{SHA: "4d8c1f2", Parents: []string{"3b7a0e9"}, Author: "yusuf", Date: hrs(44), Message: "VitalsMapper: log device model at debug",
					Files: []File{{Path: "src/main/java/health/telemon/ingest/VitalsMapper.java", Patch: patch("", "        log.debug(\"mapping reading from device model {}\", raw.getDeviceModel());")}}},
				{SHA: "3b7a0e9", Parents: []string{"2f6e9d1"}, Author: "clementine", Date: hrs(40), Message: "VitalsMapper: simplify pulse mapping",
					Files: []File{{Path: "src/main/java/health/telemon/ingest/VitalsMapper.java", Patch: patch(
						"        if (raw.getPulse() != null) {\n            vitals.setPulseBpm(raw.getPulse().intValue());\n        }",
						"        vitals.setPulseBpm(raw.getPulse().intValue());")}}},
				{SHA: "2f6e9d1", Parents: []string{"1a5d8c0"}, Author: "yusuf", Date: hrs(38), Message: "deps: bump micrometer-registry-prometheus to 1.12.5",
					Files: []File{{Path: "pom.xml", Patch: patch("      <version>1.12.4</version>", "      <version>1.12.5</version>")}}},
			},
			deploys: []Deploy{
				{SHA: "4d8c1f2", At: hrs(44.3), Environment: "production"},
				{SHA: "3b7a0e9", At: hrs(40.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 50*time.Hour + 2*time.Minute, firstFailing: "vitals-ingest", callPath: []string{"home-hub", "vitals-ingest", "alerting"},
				signature: "NullPointerException: Cannot invoke \"java.lang.Integer.intValue()\" because the return value of \"RawReading.getPulse()\" is null at VitalsMapper.map on POST /v1/hub-batches (server), after 3 ms",
				logs: []string{
					"ERROR hub batch rejected: NullPointerException in VitalsMapper.map (device_model=BP-200, readings=1240)",
					"WARN batch from BP-200 hub moved to dead-letter queue: reading with pulse=null (irregular heartbeat flag set)",
				}},
			want: "3b7a0e9",
		},
		{
			name: "land registry: require_certified_plan flag default flipped on months early, every whole-title transfer rejected; a handler rename deployed the same morning and test fixtures are innocent", heldOut: true,
			service: "title-applications",
			sig:     Signal{Title: "Conveyancers can't lodge transfer applications", Text: "Every e-lodgement of a whole-title transfer is rejected with 'certified plan required'; property completions due today are blocked"},
			alert:   57,
			commits: []Commit{
				{SHA: "a83f5d1", Parents: []string{"96c2e47"}, Author: "oluwaseun", Date: hrs(55), Message: "applications: rename submit handler",
					Files: []File{
						{Path: "registry/applications/handlers.py", Patch: patch("def submit(request):", "def submit_application(request):")},
						{Path: "registry/applications/urls.py", Patch: patch("    path(\"applications/\", handlers.submit),", "    path(\"applications/\", handlers.submit_application),")},
					}},
				{SHA: "96c2e47", Parents: []string{"85b1d36"}, Author: "margit", Date: hrs(46), Message: "flags: turn on require_certified_plan by default ahead of the June rule change",
					Files: []File{{Path: "config/flags.yaml", Patch: patch("require_certified_plan: false", "require_certified_plan: true")}}},
				{SHA: "85b1d36", Parents: []string{"74a0c25"}, Author: "oluwaseun", Date: hrs(44), Message: "tests: fixtures for leasehold applications",
					Files: []File{{Path: "registry/applications/tests/test_leasehold.py", Patch: patch("", "def test_leasehold_with_lease_plan(client, leasehold_fixture):\n    assert client.post(\"/applications/\", leasehold_fixture).status_code == 201")}}},
			},
			deploys: []Deploy{
				{SHA: "a83f5d1", At: hrs(55.5), Environment: "production"},
				{SHA: "96c2e47", At: hrs(46.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 56*time.Hour + 10*time.Minute, firstFailing: "title-applications", callPath: []string{"conveyancer-portal", "title-applications"},
				signature: "422 CERTIFIED_PLAN_REQUIRED on POST /applications/ (server), after 11 ms",
				logs: []string{
					"WARN application AP-20931 rejected: certified plan required (require_certified_plan=true, type=TRANSFER_WHOLE)",
					"WARN lodgement rejection rate 97% over 15 min (baseline 3%)",
				}},
			want: "96c2e47",
		},
		{
			name: "recycling: Sidekiq concurrency cut from 25 to 3, the early-morning route-planning batch backs up for hours; a comment in the job, a nullable column migration and a rubocop bump are innocent", heldOut: true,
			service: "collection-planner",
			sig:     Signal{Title: "Recycling lorry crews starting shifts without route plans", Text: "Route plans for commercial recycling rounds weren't ready at 05:30; crews at three depots are waiting and the route_planning queue is far behind"},
			alert:   78,
			commits: []Commit{
				{SHA: "f2c8a64", Parents: []string{"e1b7953"}, Author: "hollis", Date: hrs(75), Message: "Gemfile: bump rubocop to 1.64.1",
					Files: []File{{Path: "Gemfile", Patch: patch("  gem \"rubocop\", \"~> 1.63.0\", require: false", "  gem \"rubocop\", \"~> 1.64.1\", require: false")}}},
				{SHA: "e1b7953", Parents: []string{"d0a6842"}, Author: "priya", Date: hrs(73), Message: "RoutePlanJob: explain depot ordering",
					Files: []File{{Path: "app/jobs/route_plan_job.rb", Patch: patch("", "    # Depots are planned west to east so the early rounds leave the yard first.")}}},
				{SHA: "d0a6842", Parents: []string{"c9f5731"}, Author: "hollis", Date: hrs(69), Message: "migrations: add nullable rfid_tag to bins",
					Files: []File{{Path: "db/migrate/20310317090000_add_rfid_tag_to_bins.rb", Patch: patch("", "class AddRfidTagToBins < ActiveRecord::Migration[7.1]\n  def change\n    add_column :bins, :rfid_tag, :string, null: true\n  end\nend")}}},
				{SHA: "c9f5731", Parents: []string{"b8e4620"}, Author: "priya", Date: hrs(66), Message: "sidekiq: lower concurrency to cut Postgres connections",
					Files: []File{{Path: "config/sidekiq.yml", Patch: patch(":concurrency: 25", ":concurrency: 3")}}},
			},
			deploys: []Deploy{
				{SHA: "f2c8a64", At: hrs(75.4), Environment: "production"},
				{SHA: "d0a6842", At: hrs(69.4), Environment: "production"},
				{SHA: "c9f5731", At: hrs(66.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 76*time.Hour + 40*time.Minute, firstFailing: "collection-planner", callPath: []string{"scheduler", "collection-planner", "postgres"},
				signature: "queue latency 2710 s exceeds 600 s on Sidekiq queue route_planning (server)",
				logs: []string{
					"WARN route_planning: 1840 jobs enqueued, 3/3 threads busy, oldest job waiting 2710 s",
					"ERROR round R-114: no route plan available at shift start 05:30",
				},
				surges: []MetricShift{
					{Service: "collection-planner", Name: "sidekiq_busy_threads", Direction: "down", Ratio: 8.3, At: hrs(66.5)},
					{Service: "collection-planner", Name: "sidekiq_queue_latency_seconds", Direction: "up", Ratio: 45, At: hrs(76.6)},
				}},
			want: "c9f5731",
		},
		{
			name: "wine auctions: bid-gateway renames lot.closed JSON fields to camelCase, settlement-worker can't decode them; settlement's own French label deploy and tokio bump are innocent", heldOut: true,
			service: "settlement-worker",
			sig:     Signal{Title: "Wine auction lots not invoiced after evening sale", Text: "Lots hammered in tonight's Burgundy sale have no buyer invoices; settlement-worker errors on every lot-closed event"},
			alert:   91.6,
			commits: []Commit{
				{Repo: "cellarbid/settlement", SHA: "5e7d2a9", Parents: []string{"4c6b198"}, Author: "amelie", Date: hrs(88), Message: "invoices: French label for buyer's premium line",
					Files: []File{{Path: "src/invoice/labels.rs", Patch: patch("", "        (\"fr\", \"buyers_premium\") => \"Frais acheteur\",")}}},
				{Repo: "cellarbid/bid-gateway", SHA: "b3f9e60", Parents: []string{"a2e8d5f"}, Author: "konstantin", Date: hrs(85), Message: "events: camelCase lot.closed payload to match the public API",
					Files: []File{{Path: "internal/events/lot_closed.go", Patch: patch(
						"\tHammerPriceCents int64  `json:\"hammer_price_cents\"`\n\tBuyerID          string `json:\"buyer_id\"`",
						"\tHammerPriceCents int64  `json:\"hammerPriceCents\"`\n\tBuyerID          string `json:\"buyerId\"`")}}},
				{Repo: "cellarbid/settlement", SHA: "4c6b198", Parents: []string{"3b5a087"}, Author: "amelie", Date: hrs(82), Message: "deps: bump tokio to 1.38",
					Files: []File{{Path: "Cargo.toml", Patch: patch("tokio = { version = \"1.37\", features = [\"full\"] }", "tokio = { version = \"1.38\", features = [\"full\"] }")}}},
				{Repo: "cellarbid/bid-gateway", SHA: "a2e8d5f", Parents: []string{"91d7c4e"}, Author: "konstantin", Date: hrs(80), Message: "tests: reserve-not-met case for lot close",
					Files: []File{{Path: "internal/auction/close_test.go", Patch: patch("", "\t\t{name: \"reserve not met\", bids: []int64{9000}, reserve: 12000, wantSold: false},")}}},
			},
			deploys: []Deploy{
				{SHA: "5e7d2a9", At: hrs(88.3), Environment: "production", Service: "settlement-worker"},
				{SHA: "b3f9e60", At: hrs(85.5), Environment: "production", Service: "bid-gateway"},
			},
			ev: caseEvidence{onsetAfter: 91*time.Hour + 2*time.Minute, firstFailing: "settlement-worker", callPath: []string{"bid-gateway", "settlement-worker"},
				signature: "missing field `hammer_price_cents` at line 1 column 187 decoding lot.closed (consumer), after 0 ms",
				logs: []string{
					"ERROR settlement-worker: cannot decode lot.closed from bid-gateway: missing field `hammer_price_cents`",
					"WARN 64 lot.closed events moved to dead-letter topic lot.closed.dlq",
				}},
			want: "b3f9e60",
		},

		// --- no commit to blame ---
		{
			name: "laundromats: the payment provider returns 503 to all EU merchants; a charge-description change deployed 20 minutes earlier is innocent", heldOut: true,
			service: "machine-pay",
			sig:     Signal{Title: "Laundromat app can't start washers", Text: "Customers tapping 'Pay & start' in the app get 'payment failed' at all 22 laundromats; coin-operated machines still work"},
			alert:   101.4,
			commits: []Commit{
				{SHA: "6a1f0c3", Parents: []string{"5d9e7b2"}, Author: "rosalind", Date: hrs(100), Message: "payments: put machine number in charge description",
					Files: []File{{Path: "internal/payments/charge.go", Patch: patch("\t\tDescription: \"Wash & dry\",", "\t\tDescription: fmt.Sprintf(\"Washer %d, %s\", m.Number, store.Name),")}}},
				{SHA: "5d9e7b2", Parents: []string{"4c8d6a1"}, Author: "ezra", Date: hrs(97), Message: "deps: bump github.com/spf13/cobra to v1.8.1",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/spf13/cobra v1.8.0", "\tgithub.com/spf13/cobra v1.8.1")}}},
				{SHA: "4c8d6a1", Parents: []string{"3b7c590"}, Author: "rosalind", Date: hrs(95), Message: "docs: runbook for washers stuck in 'starting'",
					Files: []File{{Path: "docs/runbooks/stuck-washer.md", Patch: patch("", "1. Check the machine's last heartbeat in the admin panel.\n2. Power-cycle the controller box, not the washer.")}}},
			},
			deploys: []Deploy{
				{SHA: "6a1f0c3", At: hrs(100.5), Environment: "production"},
				{SHA: "5d9e7b2", At: hrs(97.3), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 100*time.Hour + 50*time.Minute, firstFailing: "machine-pay", callPath: []string{"laundry-app", "machine-pay", "payvana-api"},
				affected:  []string{"machine-pay", "wallet-topup"},
				signature: "503 Service Unavailable: upstream_unavailable on POST api.payvana.example/v2/charges (client), after 180 ms",
				logs: []string{
					"ERROR charge failed: payvana 503 upstream_unavailable (x-payvana-incident: INC-4471)",
					"ERROR wallet-topup: payvana 503 upstream_unavailable on POST /v2/charges",
					"WARN payvana status page: 'Card authorisations failing for EU merchants' since 04:47 UTC",
				},
				surges: []MetricShift{{Service: "machine-pay", Name: "payvana_charge_errors_total", Direction: "up", Ratio: 95, At: hrs(100.8)}}},
			want: "",
		},
		{
			name: "bowling: the pinsetter gateway's DNS record was repointed in the console by facilities IT; a split-flag change to the frame parser deployed just before and a base-image bump are innocent", heldOut: true,
			service: "lane-scoring",
			sig:     Signal{Title: "Bowling lane screens frozen, scores not updating", Text: "Overhead screens on all 24 lanes stopped updating scores mid-game during the afternoon rush; lane-scoring errors when fetching frames"},
			alert:   112.5,
			commits: []Commit{
				{SHA: "d5c3b81", Parents: []string{"c4b2a70"}, Author: "marguerite", Date: hrs(111), Message: "frames: handle split flag from pinsetter",
					Files: []File{{Path: "lane_scoring/frames.py", Patch: patch("    frame.pins = msg[\"pins\"]", "    frame.pins = msg[\"pins\"]\n    frame.is_split = msg.get(\"split\", False)")}}},
				{SHA: "c4b2a70", Parents: []string{"b3a1960"}, Author: "desmond", Date: hrs(109), Message: "docker: bump base image to python:3.12.4-slim",
					Files: []File{{Path: "Dockerfile", Patch: patch("FROM python:3.12.3-slim", "FROM python:3.12.4-slim")}}},
				{SHA: "b3a1960", Parents: []string{"a2f0851"}, Author: "marguerite", Date: hrs(106), Message: "tests: tenth-frame bonus balls",
					Files: []File{{Path: "tests/test_tenth_frame.py", Patch: patch("", "def test_perfect_game():\n    assert score([10] * 12) == 300")}}},
			},
			deploys: []Deploy{
				{SHA: "d5c3b81", At: hrs(111.6), Environment: "production"},
				{SHA: "c4b2a70", At: hrs(109.4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 111*time.Hour + 55*time.Minute, firstFailing: "lane-scoring", callPath: []string{"lane-display", "lane-scoring", "pinsetter-gw"},
				signature: "dial tcp 10.40.7.19:7400: connect: no route to host on GET pinsetter-gw.lanes.internal:7400/v1/frames (client), after 3001 ms",
				logs: []string{
					"ERROR fetch frames: pinsetter-gw.lanes.internal resolves to 10.40.7.19 (was 10.40.2.11); connect: no route to host",
					"WARN dns-audit: A record pinsetter-gw.lanes.internal changed 10.40.2.11 -> 10.40.7.19 by user facilities-it via console at 15:52 UTC",
				}},
			want: "",
		},
		{
			name: "organic box scheme: the partner farm's weekly harvest file arrived truncated (3 rows instead of ~900); import logging, an email template and a pandas bump are innocent", heldOut: true,
			service: "box-packing",
			sig:     Signal{Title: "Veg box packing plan short on almost everything", Text: "This week's packing plan drops or substitutes carrots, leeks, kale and 200 other items for 4,100 boxes; the packing shed starts at 06:00"},
			alert:   125,
			commits: []Commit{
				{SHA: "8e2d4c7", Parents: []string{"7d1c3b6"}, Author: "tamsin", Date: hrs(122), Message: "imports: log checksum and row count of partner uploads",
					Files: []File{{Path: "boxes/imports/harvest.py", Patch: patch("", "    log.info(\"harvest file %s sha256=%s rows=%d\", path.name, digest, len(rows))")}}},
				{SHA: "7d1c3b6", Parents: []string{"6c0b2a5"}, Author: "ravi", Date: hrs(120), Message: "emails: link recipe card in box contents email",
					Files: []File{{Path: "boxes/templates/contents_email.html", Patch: patch("", "<p><a href=\"{{ recipe_url }}\">This week's recipe card</a></p>")}}},
				{SHA: "6c0b2a5", Parents: []string{"5b9a194"}, Author: "tamsin", Date: hrs(117), Message: "deps: bump pandas to 2.2.2",
					Files: []File{{Path: "requirements.txt", Patch: patch("pandas==2.2.1", "pandas==2.2.2")}}},
			},
			deploys: []Deploy{
				{SHA: "8e2d4c7", At: hrs(122.4), Environment: "production"},
				{SHA: "6c0b2a5", At: hrs(117.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 124*time.Hour + 5*time.Minute, firstFailing: "box-packing", callPath: []string{"partner-sftp", "box-packing"},
				signature: "allocation shortfall: supplier availability 0 for 212 SKUs on build_packing_plan (server)",
				logs: []string{
					"WARN harvest file hollowlane_2031-03-19.csv: 3 data rows, 212 bytes (previous week 911 rows, 46 KB)",
					"WARN partner upload hollow-lane ended mid-row at byte 212 (upload truncated at source)",
					"ERROR packing plan: 4120 boxes short; no availability from supplier hollow-lane for 212 SKUs",
				}},
			want: "",
		},
		{
			name: "tattoo studios: a single availability zone in eu-central-1 loses network, the bookings DB primary sits in it; a notes-length change deployed 20 minutes earlier, an RDS tag and an nginx cache tweak are innocent", heldOut: true,
			service: "studio-bookings",
			sig:     Signal{Title: "Tattoo studio bookings and deposits timing out", Text: "Clients can't book consultations or pay deposits; studio-bookings returns 504 for most requests and artists' calendars won't load"},
			alert:   135.4,
			commits: []Commit{
				{SHA: "f7a3e92", Parents: []string{"e6f2d81"}, Author: "noor", Date: hrs(134), Message: "bookings: allow artist notes up to 2000 characters",
					Files: []File{{Path: "internal/bookings/handler.go", Patch: patch("const maxNotesLen = 500", "const maxNotesLen = 2000")}}},
				{SHA: "e6f2d81", Parents: []string{"d5e1c70"}, Author: "callum", Date: hrs(132), Message: "terraform: cost-centre tag on bookings database",
					Files: []File{{Path: "infra/rds.tf", Patch: patch("  tags = {\n    service = \"studio-bookings\"\n  }", "  tags = {\n    service     = \"studio-bookings\"\n    cost_centre = \"studios-eu\"\n  }")}}},
				{SHA: "d5e1c70", Parents: []string{"c4d0b6f"}, Author: "noor", Date: hrs(130), Message: "nginx: cache artist portfolio thumbnails for a day",
					Files: []File{{Path: "deploy/nginx/portfolio.conf", Patch: patch("    expires 1h;", "    expires 1d;")}}},
			},
			deploys: []Deploy{{SHA: "f7a3e92", At: hrs(134.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 134*time.Hour + 50*time.Minute, firstFailing: "studio-bookings", callPath: []string{"studio-web", "studio-bookings", "postgres"},
				affected:  []string{"studio-bookings", "artist-portfolio", "pos-sync"},
				signature: "i/o timeout dialing studio-bookings-db.eu-central-1.rds.amazonaws.com:5432 (euc1-az2) on SELECT appointments (client), after 5000 ms",
				logs: []string{
					"ERROR pq: dial tcp 10.20.2.44:5432: i/o timeout (db primary in euc1-az2)",
					"WARN AWS Health: increased network connectivity errors for instances in a single Availability Zone (euc1-az2) in EU-CENTRAL-1",
					"ERROR artist-portfolio: EBS read timeouts on pods scheduled in euc1-az2",
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwelfthBatch(t *testing.T) {
	runHeldOutBatch(t, "twelfth", culpritCasesTwelfthBatch())
}
