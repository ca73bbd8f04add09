package triage

// culprit_cases13_test.go is a thirteenth held-out batch (10 cases)
// written by a helper that did not read the rules, after the twelfth
// batch's fixes: a time zone dropped from a CronJob, a client timeout under
// an upstream's daytime latency, a cache key losing its tenant, a memory
// limit cut, a page count rounded down, an index dropped in another
// service's repository, and four operational causes (a cloud queue's
// disruption, a malformed partner feed, a DNS record changed outside git,
// scraper bots). First run: 5/10, five innocent commits blamed. The
// classes: a rename of the failing function read as a validation change
// ("check" inside "checkout") and not as a refactor; schedules and time
// zones, and pagination and rounding, were no mechanism, so a decoy won on
// words; instrumentation in Elixir (":telemetry.execute") and Scala
// (".observe(") read as behaviour; a provider's own disruption notice (a
// cloud health event, a status page) and a feed "published with incorrect
// format" that the same build "re-parsed fine" from cache were not read as
// causes outside the repository. After those: 10/10, none blamed. It has
// tuned rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

// culpritCasesThirteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesThirteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "coffee roasters: a CronJob loses its timeZone, the nightly roast-plan recompute now runs at 03:00 UTC (evening peak) and locks orders; a checkout rename and a poetry.lock bump deployed just before are innocent", heldOut: true,
			service: "roastery-shop",
			sig:     Signal{Title: "Coffee shop checkout failing this evening", Text: "roastery-shop checkout hangs then errors for most orders since about 20:00; subscription renewals also stuck"},
			alert:   16.4,
			commits: []Commit{
				{SHA: "a90c3e2", Parents: []string{"c71f0a9"}, Author: "thuy", Date: hrs(15.2), Message: "deps: bump stripe to 9.4.0",
					Files: []File{{Path: "poetry.lock", Patch: patch("name = \"stripe\"\nversion = \"9.3.0\"", "name = \"stripe\"\nversion = \"9.4.0\"")}}},
				{SHA: "c71f0a9", Parents: []string{"b3e8d41"}, Author: "lorcan", Date: hrs(14), Message: "checkout: rename place_order to submit_order",
					Files: []File{{Path: "shop/checkout/orders.py", Patch: patch("def place_order(cart, customer):", "def submit_order(cart, customer):")}}},
				{SHA: "b3e8d41", Parents: []string{"9f2d6c0"}, Author: "henrike", Date: hrs(2), Message: "cron: drop explicit timeZone from roast-plan (cluster clocks are UTC now)",
					Files: []File{{Path: "deploy/k8s/cronjobs/roast-plan.yaml", Patch: patch("  schedule: \"0 3 * * *\"\n  timeZone: \"America/Los_Angeles\"", "  schedule: \"0 3 * * *\"")}}},
			},
			deploys: []Deploy{
				{SHA: "a90c3e2", At: hrs(15.5), Environment: "production"},
				{SHA: "c71f0a9", At: hrs(14.3), Environment: "production"},
				{SHA: "b3e8d41", At: hrs(2.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 16 * time.Hour, firstFailing: "roastery-shop", callPath: []string{"web", "roastery-shop", "mysql-orders"},
				affected:  []string{"roastery-shop", "subscription-renewals"},
				signature: "OperationalError (1205, 'Lock wait timeout exceeded; try restarting transaction') on INSERT INTO orders (client), after 50000 ms",
				logs: []string{
					"INFO roast-plan-28711950: nightly recompute started at 03:00 UTC (20:00 America/Los_Angeles), UPDATE orders SET roast_batch_id ... 412000 rows",
					"ERROR submit_order failed for cart 88123: Lock wait timeout exceeded; try restarting transaction",
				},
				surges: []MetricShift{{Service: "mysql-orders", Name: "innodb_row_lock_waits", Direction: "up", Ratio: 60, At: hrs(16)}}},
			want: "b3e8d41",
		},
		{
			name: "yacht charter: insurer read timeout cut from 15 s to 1.5 s overnight, fails once the insurer's daytime latency (2-3 s) returns; a logging line in the same client deployed later and a web filter are innocent", heldOut: true,
			service: "charter-booking",
			sig:     Signal{Title: "Yacht charter checkout can't get insurance quotes", Text: "charter-booking fails at the insurance step for nearly every booking since this morning; customers can't complete charters"},
			alert:   9.4,
			commits: []Commit{
				{SHA: "f4a2c90", Parents: []string{"e19b7d3"}, Author: "saoirse", Date: hrs(8), Message: "InsuranceClient: log quote reference",
					Files: []File{{Path: "src/main/java/com/bluewake/charter/insurance/InsuranceClient.java", Patch: patch("", "        log.info(\"insurance quote {} for yacht {}\", quote.reference(), yacht.id());")}}},
				{SHA: "e19b7d3", Parents: []string{"d03c6a1"}, Author: "matthias", Date: hrs(5), Message: "InsuranceClient: tighten read timeout so checkout doesn't hang",
					Files: []File{{Path: "src/main/java/com/bluewake/charter/insurance/InsuranceClient.java", Patch: patch("            .readTimeout(Duration.ofSeconds(15))", "            .readTimeout(Duration.ofMillis(1500))")}}},
				{SHA: "d03c6a1", Parents: []string{"c8e1f47"}, Author: "saoirse", Date: hrs(4), Message: "web: add catamaran filter to fleet search",
					Files: []File{{Path: "web/src/fleet/FleetFilters.tsx", Patch: patch("const hullTypes = [\"monohull\"];", "const hullTypes = [\"monohull\", \"catamaran\"];")}}},
			},
			deploys: []Deploy{
				{SHA: "f4a2c90", At: hrs(8.3), Environment: "production"},
				{SHA: "e19b7d3", At: hrs(5.2), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "charter-booking", callPath: []string{"web", "charter-booking", "marine-insurer-api"},
				signature: "SocketTimeoutException: Read timed out on POST api.seacover.example/v2/quotes (client), after 1500 ms",
				logs: []string{
					"ERROR insurance quote failed for booking BW-55120: java.net.SocketTimeoutException: Read timed out after 1500 ms",
					"INFO marine-insurer-api latency p50 2.6 s, p99 5.8 s (within its usual daytime range; overnight p50 0.9 s)",
				},
				surges: []MetricShift{{Service: "charter-booking", Name: "insurance_quote_errors_total", Direction: "up", Ratio: 45, At: hrs(9)}}},
			want: "e19b7d3",
		},
		{
			name: "student housing: the room-listing cache key drops the university id, students see another university's rooms; a rename of the failing function and an ioredis lockfile bump in the same deploy are innocent", heldOut: true,
			service: "room-portal",
			sig:     Signal{Title: "Students seeing rooms from another university", Text: "Kings College students are shown Harbour University halls and prices in room-portal; some applied for rooms they can't book"},
			alert:   22.1,
			commits: []Commit{
				{SHA: "7c2e9b4", Parents: []string{"5d48a7e"}, Author: "adebayo", Date: hrs(21), Message: "rooms: rename getRooms to listAvailableRooms",
					Files: []File{{Path: "src/rooms/service.ts", Patch: patch("export async function getRooms(universityId: string, term: string) {", "export async function listAvailableRooms(universityId: string, term: string) {")}}},
				{SHA: "5d48a7e", Parents: []string{"6a91d05"}, Author: "kirsi", Date: hrs(20), Message: "deps: bump ioredis 5.3.2 -> 5.4.1",
					Files: []File{{Path: "package-lock.json", Patch: patch("    \"node_modules/ioredis\": {\n      \"version\": \"5.3.2\",", "    \"node_modules/ioredis\": {\n      \"version\": \"5.4.1\",")}}},
				{SHA: "6a91d05", Parents: []string{"4c37e12"}, Author: "adebayo", Date: hrs(19), Message: "cache: shorten room listing keys",
					Files: []File{{Path: "src/rooms/cache.ts", Patch: patch("  const key = `rooms:${universityId}:${term}`;", "  const key = `rooms:${term}`;")}}},
			},
			deploys: []Deploy{{SHA: "7c2e9b4", At: hrs(21.4), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 21*time.Hour + 30*time.Minute, firstFailing: "room-portal", callPath: []string{"web", "room-portal", "redis"},
				affected:  []string{"room-portal"},
				signature: "tenant mismatch: rooms for university harbour-uni served to request for kings-college on GET /v1/rooms (server), after 4 ms",
				logs: []string{
					"WARN cache hit rooms:2025-autumn served to university=kings-college, payload university=harbour-uni",
					"WARN room application rejected: hall H-204 does not belong to kings-college",
				}},
			want: "6a91d05",
		},
		{
			name: "skydiving: memory limit cut from 1536Mi to 384Mi on a weekday, roster pods OOMKilled at Saturday's first loads; a logging line and a poetry.lock bump deployed 40 minutes before are innocent", heldOut: true,
			service: "jump-roster",
			sig:     Signal{Title: "Drop zone manifest board down, loads can't be built", Text: "jump-roster keeps restarting; manifest staff are writing Saturday's loads on paper and aircraft are waiting"},
			alert:   27.3,
			commits: []Commit{
				{SHA: "9e4d7b2", Parents: []string{"8b1f3a6"}, Author: "rosalind", Date: hrs(26), Message: "roster: log aircraft tail number on load build",
					Files: []File{{Path: "jump_roster/loads.py", Patch: patch("    log.info(\"built load %s\", load.id)", "    log.info(\"built load %s on %s\", load.id, load.aircraft.tail)")}}},
				{SHA: "8b1f3a6", Parents: []string{"7a0c2e5"}, Author: "rosalind", Date: hrs(24), Message: "deps: refresh poetry.lock",
					Files: []File{{Path: "poetry.lock", Patch: patch("name = \"pydantic\"\nversion = \"2.7.1\"", "name = \"pydantic\"\nversion = \"2.7.4\"")}}},
				{SHA: "7a0c2e5", Parents: []string{"6f9b1d4"}, Author: "ewan", Date: hrs(6), Message: "k8s: right-size jump-roster from last week's averages",
					Files: []File{{Path: "deploy/k8s/jump-roster/deployment.yaml", Patch: patch(
						"          requests:\n            memory: \"512Mi\"\n          limits:\n            memory: \"1536Mi\"",
						"          requests:\n            memory: \"256Mi\"\n          limits:\n            memory: \"384Mi\"")}}},
			},
			deploys: []Deploy{
				{SHA: "9e4d7b2", At: hrs(26.3), Environment: "production"},
				{SHA: "7a0c2e5", At: hrs(6.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 27 * time.Hour, firstFailing: "jump-roster", callPath: []string{"manifest-board", "jump-roster", "postgres"},
				signature: "OOMKilled: container jump-roster exceeded memory limit 384Mi (exit code 137) on POST /v1/loads/build (server)",
				logs: []string{
					"WARN kubelet: container jump-roster in pod jump-roster-7d9c-xk2lp OOMKilled, limit 384Mi, restarting",
					"INFO building loads for 14 aircraft lifts, 212 jumpers on the waitlist",
				},
				surges: []MetricShift{
					{Service: "jump-roster", Name: "container_memory_working_set_bytes", Direction: "up", Ratio: 3.1, At: hrs(27)},
					{Service: "jump-roster", Name: "kube_pod_container_status_restarts_total", Direction: "up", Ratio: 40, At: hrs(27)},
				}},
			want: "7a0c2e5",
		},
		{
			name: "vineyard tours: page count switched from ceil to intdiv, the last partial page of bookings is dropped from the 06:00 shuttle manifest; a PDF column deployed later and a dompdf lockfile bump are innocent", heldOut: true,
			service: "shuttle-manifest",
			sig:     Signal{Title: "Tour guests missing from shuttle manifests", Text: "Drivers' manifests for today's vineyard tours are missing dozens of booked guests; guests left waiting at hotel pickups"},
			alert:   20.5,
			commits: []Commit{
				{SHA: "3f7a2d8", Parents: []string{"2e6c1b9"}, Author: "giulietta", Date: hrs(11), Message: "manifest: add dietary notes column to PDF",
					Files: []File{{Path: "src/Manifest/PdfRenderer.php", Patch: patch("        $row = [$b->guestName, $b->pickupPoint, $b->partySize];", "        $row = [$b->guestName, $b->pickupPoint, $b->partySize, $b->dietaryNotes ?? ''];")}}},
				{SHA: "2e6c1b9", Parents: []string{"1d5b0a7"}, Author: "hamish", Date: hrs(9), Message: "bookings: use intdiv for page count (avoid float math)",
					Files: []File{{Path: "src/Bookings/BookingRepository.php", Patch: patch("        $pages = (int) ceil($total / self::PAGE_SIZE);", "        $pages = intdiv($total, self::PAGE_SIZE);")}}},
				{SHA: "1d5b0a7", Parents: []string{"0c4a9f6"}, Author: "giulietta", Date: hrs(8), Message: "composer: bump dompdf/dompdf to 2.0.8",
					Files: []File{{Path: "composer.lock", Patch: patch("            \"name\": \"dompdf/dompdf\",\n            \"version\": \"v2.0.7\",", "            \"name\": \"dompdf/dompdf\",\n            \"version\": \"v2.0.8\",")}}},
			},
			deploys: []Deploy{
				{SHA: "3f7a2d8", At: hrs(11.3), Environment: "production"},
				{SHA: "2e6c1b9", At: hrs(9.4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 18 * time.Hour, firstFailing: "shuttle-manifest", callPath: []string{"manifest-cron", "shuttle-manifest", "mysql-bookings"},
				signature: "manifest guest count 150 below confirmed bookings 187 on build_daily_manifest (server), after 2300 ms",
				logs: []string{
					"INFO manifest 2025-09-13 built: 150 guests from 3 pages of 50 (confirmed bookings: 187)",
					"WARN pickup check-in: booking VT-88213 (party of 2) not found on any shuttle manifest",
				}},
			want: "2e6c1b9",
		},

		// --- the cause is in another repository on the call path ---
		{
			name: "horse auctions: lot-registry dropped an index 'unused' for 28 days (sales are monthly), the sale opening seq-scans; the loud bid-app deployed an increment ladder and a client header 20 minutes before and is innocent", heldOut: true,
			service: "bid-app",
			sig:     Signal{Title: "Online horse auction bidding stalled at sale open", Text: "bid-app can't load lots for the September yearling sale; bidders see spinners and the auctioneer paused the online stream"},
			alert:   30.3,
			commits: []Commit{
				{Repo: "hoofmark/bid-app", SHA: "ba7e310", Parents: []string{"ba6d2f1"}, Author: "cordelia", Date: hrs(29.5), Message: "bids: show increment ladder next to current bid",
					Files: []File{{Path: "src/components/BidPanel.tsx", Patch: patch("      <CurrentBid amount={lot.currentBid} />", "      <CurrentBid amount={lot.currentBid} />\n      <IncrementLadder steps={lot.increments} />")}}},
				{Repo: "hoofmark/bid-app", SHA: "ba6d2f1", Parents: []string{"ba5c0e4"}, Author: "cordelia", Date: hrs(27), Message: "client: send X-Sale-Id on lot-registry calls",
					Files: []File{{Path: "src/clients/lotRegistry.ts", Patch: patch("  headers: { Accept: \"application/json\" },", "  headers: { Accept: \"application/json\", \"X-Sale-Id\": String(saleId) },")}}},
				{Repo: "hoofmark/lot-registry", SHA: "d4c9a81", Parents: []string{"d4b1e27"}, Author: "fergal", Date: hrs(3), Message: "migrations: drop unused lots(sale_id, status) index",
					Files: []File{{Path: "db/migrations/V88__drop_lots_sale_status_idx.sql", Patch: patch("", "-- unused per pg_stat_user_indexes (0 scans in 28 days)\nDROP INDEX IF EXISTS idx_lots_sale_id_status;")}}},
				{Repo: "hoofmark/lot-registry", SHA: "d4b1e27", Parents: []string{"d4a0f36"}, Author: "fergal", Date: hrs(2), Message: "docs: lot status lifecycle",
					Files: []File{{Path: "docs/lot-status.md", Patch: patch("", "DRAFT -> CATALOGUED -> OPEN -> SOLD | PASSED_IN")}}},
			},
			deploys: []Deploy{
				{SHA: "ba7e310", At: hrs(29.7), Environment: "production"},
				{SHA: "d4c9a81", At: hrs(3.4), Environment: "production", Service: "lot-registry"},
			},
			ev: caseEvidence{onsetAfter: 30 * time.Hour, firstFailing: "lot-registry", callPath: []string{"bid-app", "lot-registry", "postgres"},
				signature: "canceling statement due to statement timeout on SELECT lots WHERE sale_id, status (client), after 3000 ms",
				logs: []string{
					"WARN lot-registry slow query 2.9 s: Seq Scan on lots (rows=1840000) Filter: sale_id = 412 AND status = 'OPEN'",
					"ERROR bid-app: GET lot-registry /v1/sales/412/lots timed out after 3000 ms",
				},
				surges: []MetricShift{{Service: "lot-registry", Name: "pg_stat_seq_scan_rows", Direction: "up", Ratio: 900, At: hrs(30)}}},
			want: "d4c9a81",
		},

		// --- no commit to blame ---
		{
			name: "cruise lines: SQS in eu-west-1 is degraded (AWS Health event, two other services failing too); a booking message field deployed 20 minutes before is innocent", heldOut: true,
			service: "excursion-booking",
			sig:     Signal{Title: "Shore excursion bookings failing onboard", Text: "excursion-booking errors when passengers book tomorrow's shore excursions from cabin TVs and the app"},
			alert:   9.1,
			commits: []Commit{
				{SHA: "e5b91c4", Parents: []string{"e48f0d2"}, Author: "marguerite", Date: hrs(8), Message: "ExcursionPublisher: include cabin deck in booking message",
					Files: []File{{Path: "src/Excursions/ExcursionPublisher.cs", Patch: patch("            new BookingMessage(b.Id, b.ExcursionId, b.PassengerId)", "            new BookingMessage(b.Id, b.ExcursionId, b.PassengerId, b.CabinDeck)")}}},
				{SHA: "e48f0d2", Parents: []string{"e37a3c1"}, Author: "olumide", Date: hrs(7), Message: "ci: cache NuGet packages",
					Files: []File{{Path: ".github/workflows/build.yml", Patch: patch("", "      - uses: actions/cache@v4\n        with:\n          path: ~/.nuget/packages\n          key: nuget-${{ hashFiles('**/packages.lock.json') }}")}}},
				{SHA: "e37a3c1", Parents: []string{"e26b2b0"}, Author: "olumide", Date: hrs(5), Message: "infra: tag excursion queue with cost centre",
					Files: []File{{Path: "infra/queues.tf", Patch: patch("  tags = { team = \"shore-ops\" }", "  tags = { team = \"shore-ops\", cost_centre = \"CC-4410\" }")}}},
			},
			deploys: []Deploy{{SHA: "e5b91c4", At: hrs(8.4), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 45*time.Minute, firstFailing: "excursion-booking", callPath: []string{"cabin-app", "excursion-booking", "sqs-eu-west-1"},
				affected:  []string{"excursion-booking", "shore-ops-sync", "crew-roster"},
				signature: "AmazonSQSException: InternalError (500) on SendMessage excursion-bookings.fifo (client), after 20000 ms",
				logs: []string{
					"ERROR publish booking XB-30911: SQS SendMessage failed: InternalError: We encountered an internal error. Please try again.",
					"WARN AWS Health [eu-west-1]: Increased API error rates and latencies for Amazon SQS (operational issue, investigating)",
					"ERROR crew-roster: SQS ReceiveMessage InternalError (no deploys in 3 days)",
				},
				surges: []MetricShift{{Service: "excursion-booking", Name: "sqs_send_errors_total", Direction: "up", Ratio: 40, At: hrs(8.75)}}},
			want: "",
		},
		{
			name: "lottery kiosks: the state operator's 21:00 draw file sends numbers as a semicolon string, the operator's status page confirms a bad file; a parser telemetry line and a jason lockfile bump are innocent", heldOut: true,
			service: "draw-results",
			sig:     Signal{Title: "Lottery kiosks can't show tonight's results", Text: "Ticket checkers at kiosks say 'results unavailable' for tonight's Powerplay draw; retailers can't pay out"},
			alert:   21.5,
			commits: []Commit{
				{SHA: "c5e2a90", Parents: []string{"c4d1f83"}, Author: "bartholomew", Date: hrs(20), Message: "results: emit telemetry when a draw is parsed",
					Files: []File{{Path: "lib/draw_results/parser.ex", Patch: patch("", "    :telemetry.execute([:draw_results, :parsed], %{count: 1}, %{game: game})")}}},
				{SHA: "c4d1f83", Parents: []string{"c3c0e76"}, Author: "ngozi", Date: hrs(18), Message: "kiosk: larger font for winning numbers",
					Files: []File{{Path: "assets/css/checker.css", Patch: patch(".winning-numbers { font-size: 1.4rem; }", ".winning-numbers { font-size: 2rem; }")}}},
				{SHA: "c3c0e76", Parents: []string{"c2b9d65"}, Author: "bartholomew", Date: hrs(15), Message: "deps: bump jason 1.4.1 -> 1.4.4",
					Files: []File{{Path: "mix.lock", Patch: patch("  \"jason\": {:hex, :jason, \"1.4.1\",", "  \"jason\": {:hex, :jason, \"1.4.4\",")}}},
			},
			deploys: []Deploy{
				{SHA: "c5e2a90", At: hrs(20.5), Environment: "production"},
				{SHA: "c3c0e76", At: hrs(15.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 21*time.Hour + 5*time.Minute, firstFailing: "draw-results", callPath: []string{"kiosk-checker", "draw-results", "statelottery-feed"},
				signature: "ArgumentError: expected numbers as a list of 5 integers, got \"12;19;27;33;41\" on GET feed.statelottery.example/v1/draws/latest (client), after 120 ms",
				logs: []string{
					"ERROR draw feed game=powerplay draw=2025-09-13T21:00: field numbers is a string \"12;19;27;33;41\", expected list",
					"INFO draw feed game=powerplay draw=2025-09-10T21:00 re-parsed fine from cache with the same build",
					"WARN feed.statelottery.example status: 'Powerplay 21:00 draw file published with incorrect field format; corrected file to follow'",
				}},
			want: "",
		},
		{
			name: "piano shops: the web agency repointed crm.pianohaus.example to the new website host in the DNS console (outside git), the CRM API now answers 404 HTML; a User-Agent header deployed 40 minutes before is innocent", heldOut: true,
			service: "tuning-booking",
			sig:     Signal{Title: "Piano tuning bookings failing to find customers", Text: "tuning-booking can't look up existing customers; staff can't schedule tunings and rental billing is erroring as well"},
			alert:   13.3,
			commits: []Commit{
				{SHA: "f3b8e01", Parents: []string{"f2a7d94"}, Author: "ingrid", Date: hrs(12), Message: "crm: identify ourselves with a User-Agent header",
					Files: []File{{Path: "internal/crm/client.go", Patch: patch("\treq.Header.Set(\"Accept\", \"application/json\")", "\treq.Header.Set(\"Accept\", \"application/json\")\n\treq.Header.Set(\"User-Agent\", \"tuning-booking/1.0\")")}}},
				{SHA: "f2a7d94", Parents: []string{"f1f6c83"}, Author: "dmitri", Date: hrs(10), Message: "slots: allow Saturday tuning appointments",
					Files: []File{{Path: "internal/slots/hours.go", Patch: patch("\tOpenDays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},", "\tOpenDays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday},")}}},
				{SHA: "f1f6c83", Parents: []string{"f0e5b72"}, Author: "ingrid", Date: hrs(7), Message: "deps: bump golang.org/x/net to v0.26.0",
					Files: []File{{Path: "go.sum", Patch: patch("golang.org/x/net v0.25.0 h1:d/OCCoBEUq33pjydKrGQhw7IlUPI2Oylr+8qLx49kac=", "golang.org/x/net v0.26.0 h1:soB7SVo0PWrY4vPW/+ay0jKDNScG2X9wFeYlXIvJsOQ=")}}},
			},
			deploys: []Deploy{
				{SHA: "f3b8e01", At: hrs(12.3), Environment: "production"},
				{SHA: "f1f6c83", At: hrs(7.4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 13 * time.Hour, firstFailing: "tuning-booking", callPath: []string{"shop-staff-ui", "tuning-booking", "crm"},
				affected:  []string{"tuning-booking", "rental-billing"},
				signature: "404 Not Found (content-type text/html) on GET crm.pianohaus.example/api/customers/{id} (client), after 80 ms",
				logs: []string{
					"ERROR crm lookup customer 4471: unexpected content-type text/html, status 404 ('Page not found - Pianohaus')",
					"INFO resolver: crm.pianohaus.example now resolves to 75.2.60.5 (was 10.40.2.15), TTL 3600",
					"INFO DNS provider audit: A record crm.pianohaus.example changed via dashboard by agency-web@brightpixel.example at 12:00",
					"ERROR rental-billing: crm customer fetch returned HTML 404 (rental-billing last deployed 9 days ago)",
				}},
			want: "",
		},
		{
			name: "surf schools: scraper bots from one residential-proxy network hit availability 24x; a board-size field and latency metrics in the same routes file deployed 30 minutes before are innocent", heldOut: true,
			service: "lesson-booking",
			sig:     Signal{Title: "Surf lesson availability timing out", Text: "lesson-booking availability page times out for most visitors this afternoon; bookings for the weekend dropped to near zero"},
			alert:   5.1,
			commits: []Commit{
				{SHA: "b8c2d17", Parents: []string{"b7b1c06"}, Author: "kalani", Date: hrs(4), Message: "availability: include board size in slot response",
					Files: []File{{Path: "src/main/scala/surf/availability/SlotRoutes.scala", Patch: patch("  case class SlotView(id: Long, startsAt: Instant, spotsLeft: Int)", "  case class SlotView(id: Long, startsAt: Instant, spotsLeft: Int, boardSize: String)")}}},
				{SHA: "b7b1c06", Parents: []string{"b6a0bf5"}, Author: "kalani", Date: hrs(3), Message: "availability: record slot query latency",
					Files: []File{{Path: "src/main/scala/surf/availability/SlotRoutes.scala", Patch: patch("", "      slotQueryLatency.observe(elapsed.toMillis.toDouble)")}}},
				{SHA: "b6a0bf5", Parents: []string{"b59fae4"}, Author: "pascale", Date: hrs(1), Message: "docs: beginner lesson FAQ",
					Files: []File{{Path: "docs/faq.md", Patch: patch("", "## Do I need to bring a wetsuit?\nNo, wetsuits are included.")}}},
			},
			deploys: []Deploy{{SHA: "b8c2d17", At: hrs(4.3), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 48*time.Minute, firstFailing: "lesson-booking", callPath: []string{"nginx", "lesson-booking", "postgres"},
				signature: "upstream timed out (110: Connection timed out) on GET /v1/availability (server), after 5000 ms",
				logs: []string{
					"WARN 91% of /v1/availability requests from ASN 212238 (residential proxy pool), user-agent python-requests/2.31, no session cookie",
					"WARN 38000 distinct client IPs per minute on /v1/availability, 0.02% continue to checkout",
					"WARN db pool saturated: 40/40 connections busy serving availability queries",
				},
				surges: []MetricShift{
					{Service: "lesson-booking", Name: "http_requests_per_second", Direction: "up", Ratio: 24, At: hrs(4.8)},
					{Service: "edge-waf", Name: "bot_score_low_requests", Direction: "up", Ratio: 60, At: hrs(4.8)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesThirteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "thirteenth", culpritCasesThirteenthBatch())
}
