// Written without reading the culprit rules on 2026-12-05. Industries: custom cake bakeries, grain elevators, municipal swimming pools, veterinary clinics, bicycle courier dispatch, hearing-aid audiologists, newspaper puzzle syndication, glacier tours, amusement arcades, scuba diving centres.
package triage

// culprit_cases15_test.go is a fifteenth held-out batch (10 cases) written
// by a helper that did not read the rules. First run: 3/10, four innocent
// commits blamed and three abstentions. The classes: a number past what
// its type holds and money in binary floating point were no mechanism
// (numeric types, overflow and precision); a connection charset was no
// format change; an early return above the line that releases a pooled
// connection leaks it; telemetry saying "no read timeouts" was read as
// timeouts; a logging-only commit counted half; a fixtures file under
// __tests__ was read as code; a request-duration metric was read as a
// traffic surge; a node's clock behind true time and a domain lapsed at
// its registrar were no known causes. After: 10/10, none blamed. It has
// tuned rules since, so it is no longer held out. Six commits to blame, by
// mechanisms unlike the fourteenth batch's: a database connection charset
// narrowed from utf8mb4, a running total narrowed from bigint to integer,
// eager loading removed (N+1), money split in float euros, an early return
// that skips rows.Close, a negation lost in a date-library migration. Four
// causes outside any repository: a noisy co-tenant on the cloud host, a
// regional CPU quota, a node clock falling behind, a lapsed domain.

import (
	"testing"
	"time"
)

// culpritCasesFifteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesFifteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "custom cake bakeries: the DB connection charset slips from utf8mb4 to utf8 and the first emoji inscription four hours later fails to insert; a max-length change to the inscription rule and a CSS tweak deployed minutes before onset are innocent", heldOut: true,
			service: "cake-orders",
			sig:     Signal{Title: "Custom cake orders failing at checkout", Text: "cake-orders returns 500 on part of the order submissions since mid-morning; shop staff hear from customers whose birthday cake orders will not go through"},
			alert:   10.75,
			commits: []Commit{
				{SHA: "b1e4c07", Parents: []string{"a3d9f52"}, Author: "leonie", Date: hrs(10.1), Message: "storefront: rounder corners on the cake preview card",
					Files: []File{{Path: "resources/css/preview.css", Patch: patch("  border-radius: 4px;", "  border-radius: 12px;")}}},
				{SHA: "a3d9f52", Parents: []string{"9c07e3b"}, Author: "tobias", Date: hrs(9.0), Message: "orders: allow 60-character inscriptions on tiered cakes",
					Files: []File{{Path: "app/Http/Requests/StoreCakeOrderRequest.php", Patch: patch(
						"            'inscription' => ['nullable', 'string', 'max:40'],",
						"            'inscription' => ['nullable', 'string', $this->isTiered() ? 'max:60' : 'max:40'],")}}},
				{SHA: "9c07e3b", Parents: []string{"8f26d1a"}, Author: "priya", Date: hrs(5.8), Message: "db: share connection options with the reporting replica",
					Files: []File{{Path: "config/database.php", Patch: patch(
						"            'charset' => 'utf8mb4',\n            'collation' => 'utf8mb4_unicode_ci',",
						"            'charset' => env('DB_CHARSET', 'utf8'),\n            'collation' => env('DB_COLLATION', 'utf8_unicode_ci'),")}}},
				{SHA: "8f26d1a", Parents: []string{"7e15c90"}, Author: "tobias", Date: hrs(5.0), Message: "composer: bump monolog/monolog to 3.6.0",
					Files: []File{{Path: "composer.lock", Patch: patch("            \"version\": \"3.5.0\",", "            \"version\": \"3.6.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "9c07e3b", At: hrs(6.3), Environment: "production", Service: "cake-orders"},
				{SHA: "b1e4c07", At: hrs(10.4), Environment: "production", Service: "cake-orders"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 31*time.Minute, firstFailing: "cake-orders", callPath: []string{"storefront", "cake-orders", "mysql"},
				signature: "SQLSTATE[HY000] 1366 Incorrect string value for column 'inscription' on POST /api/orders (server), after 9 ms",
				logs: []string{
					"ERROR SQLSTATE[HY000]: General error: 1366 Incorrect string value: '\\xF0\\x9F\\x8E\\x82 H...' for column 'inscription' at row 1 (SQL: insert into `cake_orders` (`inscription`, `tiers`, ...) values (...))",
					"WARN every failed order carries an emoji in the inscription or the allergy note; orders with plain-text inscriptions, including 41-60 character ones on tiered cakes, are saved",
					"INFO 138 orders saved between 06:20 and 10:30, none containing an emoji; the first emoji order of the day arrived at 10:31",
					"INFO SHOW VARIABLES on a cake-orders connection: character_set_client=utf8mb3, character_set_connection=utf8mb3; column cake_orders.inscription is utf8mb4_unicode_ci",
				},
				surges: []MetricShift{{Service: "cake-orders", Name: "http_5xx_responses_total", Direction: "up", Ratio: 18, At: hrs(10.52)}}},
			want: "9c07e3b",
		},
		{
			name: "grain elevators: a migration narrows the silo running total from bigint to integer and silo 7 passes 2,147 t of wheat the next afternoon; a handler rename deployed an hour before and a scale timeout in the gateway are innocent", heldOut: true,
			service: "intake-ledger",
			sig:     Signal{Title: "Weighbridge tickets for silo 7 fail to save", Text: "intake-ledger errors on every grain intake ticket for silo 7; harvest trucks queue at the elevator, other silos are taking grain"},
			alert:   14.5,
			commits: []Commit{
				{SHA: "f0a2c68", Parents: []string{"d5f8b29"}, Author: "henrik", Date: hrs(13.0), Message: "intake: rename post_ticket to record_intake_ticket",
					Files: []File{
						{Path: "services/intake-ledger/src/routes/intake.rs", Patch: patch("pub async fn post_ticket(\n    State(app): State<AppState>,", "pub async fn record_intake_ticket(\n    State(app): State<AppState>,")},
						{Path: "services/intake-ledger/src/main.rs", Patch: patch("        .route(\"/v1/tickets\", post(intake::post_ticket))", "        .route(\"/v1/tickets\", post(intake::record_intake_ticket))")},
					}},
				{SHA: "d5f8b29", Parents: []string{"c2b94e6"}, Author: "ana", Date: hrs(11.0), Message: "weighbridge-gw: scale read timeout 10s -> 4s",
					Files: []File{{Path: "services/weighbridge-gw/scale/reader.go", Patch: patch("\treadTimeout = 10 * time.Second", "\treadTimeout = 4 * time.Second")}}},
				{SHA: "c2b94e6", Parents: []string{"b08e3f1"}, Author: "mirela", Date: hrs(-20.5), Message: "migrations: shrink silo_running_totals columns to match the reporting schema",
					Files: []File{{Path: "services/intake-ledger/migrations/0057_compact_running_totals.sql", Status: "added", Patch: patch("",
						"ALTER TABLE silo_running_totals\n    ALTER COLUMN net_grams TYPE integer,\n    ALTER COLUMN ticket_count TYPE integer;")}}},
				{SHA: "b08e3f1", Parents: []string{"a91c7d2"}, Author: "henrik", Date: hrs(-23), Message: "ci: run clippy with -D warnings",
					Files: []File{{Path: ".github/workflows/ci.yml", Patch: patch("      - run: cargo clippy", "      - run: cargo clippy -- -D warnings")}}},
			},
			deploys: []Deploy{
				{SHA: "c2b94e6", At: hrs(-19.8), Environment: "production", Service: "intake-ledger"},
				{SHA: "d5f8b29", At: hrs(11.4), Environment: "production", Service: "weighbridge-gw"},
				{SHA: "f0a2c68", At: hrs(13.3), Environment: "production", Service: "intake-ledger"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 12*time.Minute, firstFailing: "intake-ledger", callPath: []string{"weighbridge-gw", "intake-ledger", "postgres"},
				signature: "ERROR: integer out of range (SQLSTATE 22003) on POST /v1/tickets (server), after 6 ms",
				logs: []string{
					"ERROR record ticket WB-31-0722 silo=7: error returned from database: integer out of range (UPDATE silo_running_totals SET net_grams = net_grams + $1, ticket_count = ticket_count + 1 WHERE silo_id = $2)",
					"INFO silo 7 running total 2,147,311,500 g before ticket WB-31-0722 (net 27,860 kg of wheat); silos 1-6 and 8 hold under 1,900 t and still accept tickets",
					"INFO migration 0057 applied 04:12 yesterday; max(net_grams) was then 1,630,400,000",
					"INFO weighbridge-gw: scale reads complete in 1.1-1.8 s, no read timeouts since 11:24",
					"WARN weighbridge-gw: intake-ledger returned 500 for silo 7 tickets, trucks held on the bridge",
				},
				surges: []MetricShift{{Service: "intake-ledger", Name: "http_5xx_responses_total", Direction: "up", Ratio: 40, At: hrs(14.2)}}},
			want: "c2b94e6",
		},
		{
			name: "municipal swimming pools: 'simplify the week query' drops the eager loading, the timetable runs ~1,400 queries a page and the after-work peak saturates the database; a puma bump deployed 30 minutes before, a timetable view tweak and a backup-window change are innocent", heldOut: true,
			service: "lane-booking",
			sig:     Signal{Title: "Pool timetable page timing out", Text: "lane-booking p99 above 9 s on the weekly timetable; swimmers can't book evening lanes, database CPU at 97%"},
			alert:   17.4,
			commits: []Commit{
				{SHA: "4c81f3e", Parents: []string{"3be7a90"}, Author: "dependabot[bot]", Date: hrs(16.2), Message: "Bump puma from 6.4.0 to 6.4.2",
					Files: []File{{Path: "Gemfile.lock", Patch: patch("    puma (6.4.0)", "    puma (6.4.2)")}}},
				{SHA: "3be7a90", Parents: []string{"2ad5c61"}, Author: "femke", Date: hrs(15.0), Message: "timetable: bold lane number in each session cell",
					Files: []File{{Path: "app/views/timetable/_session.html.erb", Patch: patch(
						"  <span class=\"lane\">Lane <%= session.lane_number %></span>",
						"  <strong class=\"lane\">Lane <%= session.lane_number %></strong>")}}},
				{SHA: "2ad5c61", Parents: []string{"19c4b58"}, Author: "oskar", Date: hrs(9.0), Message: "timetable: simplify the week query",
					Files: []File{{Path: "app/controllers/timetable_controller.rb", Patch: patch(
						"    @sessions = Session.for_week(@week)\n                       .includes(:pool, lane_bookings: :member)\n                       .order(:starts_at)",
						"    @sessions = Session.for_week(@week).order(:starts_at)")}}},
				{SHA: "19c4b58", Parents: []string{"08b3a47"}, Author: "femke", Date: hrs(8.0), Message: "terraform: move RDS backup window to 02:00",
					Files: []File{{Path: "infra/rds.tf", Patch: patch("  backup_window      = \"03:00-03:30\"", "  backup_window      = \"02:00-02:30\"")}}},
			},
			deploys: []Deploy{
				{SHA: "2ad5c61", At: hrs(9.4), Environment: "production", Service: "lane-booking"},
				{SHA: "4c81f3e", At: hrs(16.6), Environment: "production", Service: "lane-booking"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 4*time.Minute, firstFailing: "lane-booking", callPath: []string{"web", "lane-booking", "postgres"},
				signature: "p99 latency 9.1 s on GET /timetable (server), after 9100 ms",
				logs: []string{
					"INFO Completed 200 OK in 8412ms (Views: 611.4ms | ActiveRecord: 7702.9ms) GET /timetable?week=2031-W11, 1412 SQL queries",
					"WARN pg_stat_statements: SELECT \"lane_bookings\".* FROM \"lane_bookings\" WHERE \"lane_bookings\".\"session_id\" = $1 called 2.9M times since 09:25 (not seen before); SELECT \"members\".* FROM \"members\" WHERE \"members\".\"id\" = $1 LIMIT $2 called 5.1M times",
					"INFO GET /timetable: 4 queries per request until 09:24, about 1,400 since 09:25",
					"INFO request rate at 17:00 is 3.2x the afternoon's, the same after-work peak as previous Fridays",
				},
				surges: []MetricShift{
					{Service: "lane-booking", Name: "db_queries_per_request", Direction: "up", Ratio: 350, At: hrs(9.42)},
					{Service: "lane-booking", Name: "http_requests_per_second", Direction: "up", Ratio: 3.2, At: hrs(17.0)},
					{Service: "postgres", Name: "cpu_utilization", Direction: "up", Ratio: 4.1, At: hrs(17.05)},
				}},
			want: "2ad5c61",
		},
		{
			name: "veterinary clinics: the insurer's share is now computed in float euros (total * ratio), claims go out as 84.96000000000001 and the insurer rejects them; an axios bump deployed minutes before the clinics open and a rename of the submit function are innocent", heldOut: true,
			service: "vet-billing",
			sig:     Signal{Title: "Pet insurance direct-billing claims rejected", Text: "Most direct-billing claims to PawSure are rejected this morning; owners are asked to pay the full bill at the front desk"},
			alert:   9.0,
			commits: []Commit{
				{SHA: "6e9d2b4", Parents: []string{"5d8c1a3"}, Author: "dependabot[bot]", Date: hrs(8.2), Message: "build(deps): bump axios from 1.6.8 to 1.7.2",
					Files: []File{{Path: "package.json", Patch: patch("    \"axios\": \"^1.6.8\",", "    \"axios\": \"^1.7.2\",")}}},
				{SHA: "5d8c1a3", Parents: []string{"4c7b0f2"}, Author: "grace", Date: hrs(7.4), Message: "claims: use the coverage ratio from the policy API directly",
					Files: []File{{Path: "src/claims/split.ts", Patch: patch(
						"  const insurerCents = Math.round((visit.totalCents * policy.coveragePercent) / 100);\n  return { insurer: insurerCents / 100, owner: (visit.totalCents - insurerCents) / 100 };",
						"  const total = visit.totalCents / 100;\n  const insurer = total * policy.coverageRatio;\n  return { insurer, owner: total - insurer };")}}},
				{SHA: "4c7b0f2", Parents: []string{"3b6a9e1"}, Author: "mateo", Date: hrs(7.0), Message: "claims: rename submitClaim to submitDirectClaim",
					Files: []File{{Path: "src/claims/pawsureClient.ts", Patch: patch(
						"export async function submitClaim(visit: Visit, split: Split): Promise<ClaimResult> {",
						"export async function submitDirectClaim(visit: Visit, split: Split): Promise<ClaimResult> {")}}},
				{SHA: "3b6a9e1", Parents: []string{"2a5f8d0"}, Author: "mateo", Date: hrs(-6), Message: "test: fixtures for exotic-pet visits",
					Files: []File{{Path: "src/claims/__tests__/fixtures.ts", Patch: patch("", "export const tortoiseVisit: Visit = { id: 'V-T1', species: 'tortoise', totalCents: 6490 };")}}},
			},
			deploys: []Deploy{
				{SHA: "5d8c1a3", At: hrs(7.7), Environment: "production", Service: "vet-billing"},
				{SHA: "6e9d2b4", At: hrs(8.45), Environment: "production", Service: "vet-billing"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 32*time.Minute, firstFailing: "vet-billing", callPath: []string{"front-desk", "vet-billing", "pawsure-api"},
				signature: "422 Unprocessable Entity: amount must have at most 2 decimal places on POST api.pawsure.example/v2/claims (client), after 140 ms",
				logs: []string{
					"ERROR PawSure claim rejected visit=V-55120 total=106.20: 422 {\"field\":\"amount\",\"error\":\"must have at most 2 decimal places\",\"value\":84.96000000000001}",
					"ERROR PawSure claim rejected visit=V-55127 total=129.90: 422 {\"field\":\"amount\",\"error\":\"must have at most 2 decimal places\",\"value\":103.92000000000002}",
					"INFO claims whose share comes out clean (e.g. 84.48, 64.88) are still accepted: 29 of 104 since 08:30",
					"INFO the clinics open at 08:30; the first direct-billing claim of the day was sent at 08:31",
				},
				surges: []MetricShift{{Service: "vet-billing", Name: "insurer_claims_rejected_total", Direction: "up", Ratio: 25, At: hrs(8.55)}}},
			want: "5d8c1a3",
		},
		{
			name: "bicycle courier dispatch: a 'fail fast' return before defer rows.Close() leaks a pooled connection on each empty-zone lookup until the evening log-off drains the pool; a pgx bump deployed an hour before and another service's pool-size change are innocent", heldOut: true,
			service: "dispatch",
			sig:     Signal{Title: "Courier jobs not being assigned", Text: "dispatch can't assign new deliveries; 300 jobs waiting while riders sit idle, requests time out waiting for a database connection"},
			alert:   20.2,
			commits: []Commit{
				{SHA: "9a4f7e2", Parents: []string{"8e3d6c1"}, Author: "kwame", Date: hrs(19.4), Message: "helm: rider-tracker database pool max 20 -> 40",
					Files: []File{{Path: "deploy/helm/rider-tracker/values.yaml", Patch: patch("  DB_POOL_MAX_CONNS: \"20\"", "  DB_POOL_MAX_CONNS: \"40\"")}}},
				{SHA: "8e3d6c1", Parents: []string{"7d2c5b0"}, Author: "dependabot[bot]", Date: hrs(18.8), Message: "build(deps): bump github.com/jackc/pgx/v5 from 5.5.4 to 5.5.5",
					Files: []File{{Path: "services/dispatch/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.4", "\tgithub.com/jackc/pgx/v5 v5.5.5")}}},
				{SHA: "7d2c5b0", Parents: []string{"6c1b4af"}, Author: "saoirse", Date: hrs(9.8), Message: "dispatch: fail fast when a zone has no riders online",
					Files: []File{{Path: "services/dispatch/internal/dispatch/nearest.go", Patch: patch(
						"\trows, err := s.db.Query(ctx, nearestRidersSQL, zoneID)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer rows.Close()\n\triders, err := scanRiders(rows)",
						"\trows, err := s.db.Query(ctx, nearestRidersSQL, zoneID)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tif !rows.Next() {\n\t\treturn nil, ErrNoRidersInZone\n\t}\n\tdefer rows.Close()\n\triders, err := scanRidersFromCurrent(rows)")}}},
				{SHA: "6c1b4af", Parents: []string{"5b0a39e"}, Author: "kwame", Date: hrs(9.2), Message: "dispatch: rename AssignJob to AssignDelivery",
					Files: []File{{Path: "services/dispatch/internal/dispatch/assign.go", Patch: patch(
						"func (s *Service) AssignJob(ctx context.Context, job Job) (Assignment, error) {",
						"func (s *Service) AssignDelivery(ctx context.Context, job Job) (Assignment, error) {")}}},
			},
			deploys: []Deploy{
				{SHA: "7d2c5b0", At: hrs(10.3), Environment: "production", Service: "dispatch"},
				{SHA: "8e3d6c1", At: hrs(19.1), Environment: "production", Service: "dispatch"},
				{SHA: "9a4f7e2", At: hrs(19.6), Environment: "production", Service: "rider-tracker"},
			},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 58*time.Minute, firstFailing: "dispatch", callPath: []string{"merchant-api", "dispatch", "postgres"},
				signature: "failed to acquire connection: context deadline exceeded on POST /v1/deliveries/assign (server), after 5000 ms",
				logs: []string{
					"ERROR assign delivery D-77310: find nearest riders: failed to acquire connection: context deadline exceeded (pool: 25 acquired, 0 idle, max 25)",
					"INFO dispatch pgxpool acquired connections: 3 at 10:15, 9 at 14:00, 17 at 18:00, 25 at 19:57; the count steps up each time a zone lookup finds no rider online and never comes back down",
					"INFO postgres: 71 of max_connections 300 in use; rider-tracker holds 22 after its pool change, other clients connect normally",
					"INFO zones with no rider online: 2 at midday, 11 after 19:00 as the day shift logs off",
				},
				surges: []MetricShift{
					{Service: "dispatch", Name: "db_pool_acquired_connections", Direction: "up", Ratio: 8.3, At: hrs(10.3)},
					{Service: "dispatch", Name: "http_request_duration_p99", Direction: "up", Ratio: 30, At: hrs(19.97)},
				}},
			want: "7d2c5b0",
		},
		{
			name: "hearing-aid audiologists: a Joda-to-java.time migration drops the '!' in the reorder due check, the 02:00 batch ships batteries to everyone not yet due and skips those who are; a kotlinx-datetime bump in the same deploy, a job rename and a batch log line are innocent", heldOut: true,
			service: "battery-subscriptions",
			sig:     Signal{Title: "Nightly battery reorder batch six times normal size", Text: "Fulfilment partner held tonight's hearing-aid battery batch for review: 2,904 parcels against a usual ~470, many to patients who got batteries this week"},
			alert:   26.5,
			commits: []Commit{
				{SHA: "e2c9a17", Parents: []string{"d1b8f06"}, Author: "ingrid", Date: hrs(22.6), Message: "fulfilment: log parcel count per nightly batch",
					Files: []File{{Path: "src/main/kotlin/com/clearsound/batteries/ShipmentBatchJob.kt", Patch: patch(
						"        partner.submit(batch)",
						"        log.info(\"submitting {} parcels to fulfilment partner\", batch.size)\n        partner.submit(batch)")}}},
				{SHA: "d1b8f06", Parents: []string{"c0a7e95"}, Author: "ingrid", Date: hrs(22.0), Message: "reorder: rename ReorderJob to NightlyReorderJob",
					Files: []File{{Path: "src/main/kotlin/com/clearsound/batteries/NightlyReorderJob.kt", Status: "renamed", Patch: patch("class ReorderJob(", "class NightlyReorderJob(")}}},
				{SHA: "c0a7e95", Parents: []string{"bf96d84"}, Author: "pedro", Date: hrs(14.8), Message: "reorder: move due-date check from Joda to java.time",
					Files: []File{{Path: "src/main/kotlin/com/clearsound/batteries/ReorderSelector.kt", Patch: patch(
						"import org.joda.time.LocalDate\n            .filter { !it.lastShippedOn.plusDays(it.intervalDays).isAfter(today) }",
						"import java.time.LocalDate\n            .filter { it.lastShippedOn.plusDays(it.intervalDays.toLong()).isAfter(today) }")}}},
				{SHA: "bf96d84", Parents: []string{"ae85c73"}, Author: "pedro", Date: hrs(14.0), Message: "deps: bump kotlinx-datetime to 0.6.0",
					Files: []File{{Path: "build.gradle.kts", Patch: patch(
						"    implementation(\"org.jetbrains.kotlinx:kotlinx-datetime:0.5.0\")",
						"    implementation(\"org.jetbrains.kotlinx:kotlinx-datetime:0.6.0\")")}}},
			},
			deploys: []Deploy{
				{SHA: "c0a7e95", At: hrs(15.5), Environment: "production", Service: "battery-subscriptions"},
				{SHA: "e2c9a17", At: hrs(23.2), Environment: "production", Service: "battery-subscriptions"},
			},
			ev: caseEvidence{onsetAfter: 26*time.Hour + 8*time.Minute, firstFailing: "battery-subscriptions", callPath: []string{"battery-subscriptions", "fulfilment-partner-api"},
				signature: "nightly reorder batch 6.1x its usual size on nightly_reorder (server)",
				logs: []string{
					"INFO NightlyReorderJob: submitting 2904 parcels to fulfilment partner",
					"WARN fulfilment-partner: batch 2031-03-15 holds 2,904 parcels against a 7-night average of 471; held for manual review",
					"WARN all 2,904 selected patients had a battery shipment within their interval (e.g. P-88213 shipped 2031-03-11, interval 28 days)",
					"WARN 476 patients due tonight (last shipment at least one interval ago) were not selected; active subscriptions: 3,380",
					"INFO batch 2031-03-14, run at 02:00 on the previous build, held 468 parcels",
				},
				surges: []MetricShift{{Service: "battery-subscriptions", Name: "reorder_batch_size", Direction: "up", Ratio: 6.1, At: hrs(26.1)}}},
			want: "c0a7e95",
		},

		// --- no commit to blame ---
		{
			name: "newspaper puzzle syndication: a co-tenant on the cloud host steals 40% CPU from two of three feed VMs before the 22:00 print deadline; a clue-spacing change deployed 20 minutes earlier and an lxml bump are innocent", heldOut: true,
			service: "puzzle-feed",
			sig:     Signal{Title: "Crossword feed late for tomorrow's print editions", Text: "puzzle-feed p99 above 6 s; 14 partner newspapers timed out fetching tomorrow's crosswords ahead of the 22:00 print deadline"},
			alert:   21.9,
			commits: []Commit{
				{SHA: "7f3a1c9", Parents: []string{"6e290b8"}, Author: "rosalind", Date: hrs(21.1), Message: "feed: thin space between clue number and clue text",
					Files: []File{{Path: "puzzle_feed/render/clues.py", Patch: patch(
						"    return f\"{num}. {clue.text} ({clue.length})\"",
						"    return f\"{num}.\\u2009{clue.text} ({clue.length})\"")}}},
				{SHA: "6e290b8", Parents: []string{"5d18fa7"}, Author: "dependabot[bot]", Date: hrs(20.5), Message: "Bump lxml from 5.1.0 to 5.2.1",
					Files: []File{{Path: "requirements.txt", Patch: patch("lxml==5.1.0", "lxml==5.2.1")}}},
				{SHA: "5d18fa7", Parents: []string{"4c07e96"}, Author: "bartholomew", Date: hrs(15.0), Message: "docs: partner feed delivery times",
					Files: []File{{Path: "docs/partners.md", Patch: patch("", "Feeds for the next day's print edition must be fetched by 22:00 local time.")}}},
			},
			deploys: []Deploy{
				{SHA: "7f3a1c9", At: hrs(21.35), Environment: "production", Service: "puzzle-feed"},
			},
			ev: caseEvidence{onsetAfter: 21*time.Hour + 42*time.Minute, firstFailing: "puzzle-feed", callPath: []string{"partner-fetchers", "puzzle-feed", "postgres"},
				signature: "p99 latency 6.3 s on GET /v1/feeds/{partner}/{date} (server), after 6300 ms",
				logs: []string{
					"WARN partner fetch timed out: daily-courier GET /v1/feeds/daily-courier/2031-03-15 after 5 s (print deadline 22:00)",
					"INFO node metrics: CPU steal 38-44% on puzzle-feed-2 and puzzle-feed-3 since 21:40 (normally under 1%); both VMs sit on hypervisor host h-5521",
					"INFO cloud provider support case 88142: 'a co-located tenant on host h-5521 is saturating the physical cores; we are live-migrating your instances'",
					"INFO puzzle-feed-1 (host h-7730) runs the same build and serves p99 150 ms; request rate is 1.0x a normal Friday",
					"INFO process CPU user time per request unchanged since the 21:21 deploy",
				},
				surges: []MetricShift{
					{Service: "puzzle-feed", Name: "cpu_steal_percent", Direction: "up", Ratio: 60, At: hrs(21.67)},
					{Service: "puzzle-feed", Name: "http_request_duration_p99", Direction: "up", Ratio: 40, At: hrs(21.7)},
				}},
			want: "",
		},
		{
			name: "glacier tours: the 07:30 weather-release rush needs more nodes but the region's CPU quota is used up by a research node pool made in the console; a crampon-size line deployed 12 minutes earlier and a bucket lifecycle change are innocent", heldOut: true,
			service: "tour-booking",
			sig:     Signal{Title: "Glacier hike bookings failing after the morning weather release", Text: "tour-booking returns 503 and times out since the 07:30 go-decision opened today's slots; booking pods are Pending"},
			alert:   7.75,
			commits: []Commit{
				{SHA: "3a8e5d1", Parents: []string{"29d7c40"}, Author: "sigrun", Date: hrs(7.05), Message: "booking: show crampon size on the confirmation page",
					Files: []File{{Path: "src/pages/confirmation.tsx", Patch: patch(
						"      <p>Meeting point: {tour.meetingPoint}</p>",
						"      <p>Meeting point: {tour.meetingPoint}</p>\n      <p>Crampon size: {booking.cramponSize ?? 'fitted at base camp'}</p>")}}},
				{SHA: "29d7c40", Parents: []string{"18c6b3f"}, Author: "einar", Date: hrs(4.0), Message: "terraform: expire trip photos after 180 days",
					Files: []File{{Path: "infra/storage.tf", Patch: patch("        age = 365", "        age = 180")}}},
				{SHA: "18c6b3f", Parents: []string{"07b5a2e"}, Author: "sigrun", Date: hrs(-30), Message: "availability: cache slot counts for 10 seconds",
					Files: []File{{Path: "src/availability/slots.ts", Patch: patch(
						"  const counts = await db.slotCounts(tourId, date);",
						"  const counts = await slotCache.wrap(`slots:${tourId}:${date}`, 10, () => db.slotCounts(tourId, date));")}}},
			},
			deploys: []Deploy{
				{SHA: "18c6b3f", At: hrs(-29), Environment: "production", Service: "tour-booking"},
				{SHA: "3a8e5d1", At: hrs(7.3), Environment: "production", Service: "tour-booking"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 32*time.Minute, firstFailing: "tour-booking", callPath: []string{"web", "tour-booking", "postgres"},
				signature: "503 Service Unavailable on POST /v1/bookings (server), after 15000 ms",
				logs: []string{
					"WARN cluster-autoscaler: scale-up failed for node pool web-pool: QUOTA_EXCEEDED: Quota 'CPUS' exceeded. Limit: 48.0 in region europe-north1.",
					"INFO 11 tour-booking pods Pending: 0/6 nodes are available: 6 Insufficient cpu",
					"INFO HPA tour-booking wants 18 replicas, 7 running",
					"INFO cloud console: regional CPUS usage 48/48; a 16-vCPU node pool 'melt-model' was created from the console by the research team on Wednesday",
					"INFO request rate 2.9x at the 07:30 weather release, within the 2.6x-3.1x of earlier release mornings, which scaled to 18 replicas without error",
				},
				surges: []MetricShift{
					{Service: "tour-booking", Name: "http_requests_per_second", Direction: "up", Ratio: 2.9, At: hrs(7.5)},
					{Service: "tour-booking", Name: "pods_pending", Direction: "up", Ratio: 11, At: hrs(7.52)},
				}},
			want: "", wantOps: "quota",
		},
		{
			name: "amusement arcades: one AKS node's clock falls 412 s behind after a host maintenance event and wallet pods there reject fresh tokens as not yet valid; a token-lifetime change in the auth service and a JWT library bump are innocent", heldOut: true,
			service: "token-wallet",
			sig:     Signal{Title: "Arcade card top-ups failing at some kiosks", Text: "About a third of top-ups and game starts fail with 401; players' cards are rejected at kiosks and the prize counter"},
			alert:   13.6,
			commits: []Commit{
				{SHA: "c4e1b7a", Parents: []string{"b3d0a69"}, Author: "jun", Date: hrs(12.3), Message: "auth: shorten access token lifetime to 10 minutes",
					Files: []File{{Path: "services/auth/src/main/resources/application.yml", Patch: patch("    access-token-ttl: 15m", "    access-token-ttl: 10m")}}},
				{SHA: "b3d0a69", Parents: []string{"a2cf958"}, Author: "dependabot[bot]", Date: hrs(11.0), Message: "Bump System.IdentityModel.Tokens.Jwt from 7.5.0 to 7.5.1",
					Files: []File{{Path: "services/token-wallet/TokenWallet.csproj", Patch: patch(
						"    <PackageReference Include=\"System.IdentityModel.Tokens.Jwt\" Version=\"7.5.0\" />",
						"    <PackageReference Include=\"System.IdentityModel.Tokens.Jwt\" Version=\"7.5.1\" />")}}},
				{SHA: "a2cf958", Parents: []string{"91be847"}, Author: "marisol", Date: hrs(10.5), Message: "wallet: rename TopUp handler to CreditCard",
					Files: []File{{Path: "services/token-wallet/Controllers/WalletController.cs", Patch: patch(
						"    public async Task<IActionResult> TopUp([FromBody] TopUpRequest req)",
						"    public async Task<IActionResult> CreditCard([FromBody] TopUpRequest req)")}}},
			},
			deploys: []Deploy{
				{SHA: "b3d0a69", At: hrs(11.3), Environment: "production", Service: "token-wallet"},
				{SHA: "c4e1b7a", At: hrs(12.6), Environment: "production", Service: "auth-service"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 5*time.Minute, firstFailing: "token-wallet", callPath: []string{"kiosk", "token-wallet", "auth-service"},
				signature: "401 IDX10222 lifetime validation failed, token not yet valid on POST /api/wallet/topup (server), after 2 ms",
				logs: []string{
					"WARN Bearer was not authenticated. Failure message: IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom (UTC): '3/14/2031 1:07:12 PM', Current time (UTC): '3/14/2031 1:00:20 PM'.",
					"INFO every 401 comes from token-wallet pods on node aks-arcade-18342-vmss000002; pods on the other two nodes accept the same tokens",
					"WARN node aks-arcade-18342-vmss000002: chronyd reports no selectable sources since a host maintenance event at 12:58; clock offset -412 s and growing",
					"INFO auth-service signs tokens with nbf = issue time as before; issuer and signing key unchanged; 10-minute tokens validate on the healthy nodes",
				},
				surges: []MetricShift{{Service: "token-wallet", Name: "http_401_responses_total", Direction: "up", Ratio: 30, At: hrs(13.08)}}},
			want: "",
		},
		{
			name: "scuba diving centres: the separate webhook domain lapsed at the registrar at 09:00 and payment webhooks hit a parking page; a change to webhook signature verification deployed 24 minutes earlier is innocent", heldOut: true,
			service: "dive-bookings",
			sig:     Signal{Title: "Dive trip bookings stuck awaiting payment", Text: "Divers are charged but their boat dive bookings never confirm; no payment webhook has been processed since about 09:00"},
			alert:   10.2,
			commits: []Commit{
				{SHA: "f8d3a26", Parents: []string{"e7c2915"}, Author: "tane", Date: hrs(8.3), Message: "webhooks: verify PayBridge signatures with the v2 scheme",
					Files: []File{{Path: "src/main/java/com/bluefin/dive/payments/PaymentWebhookController.java", Patch: patch(
						"        if (!signatures.verifyV1(payload, request.getHeader(\"PayBridge-Signature\"))) {",
						"        if (!signatures.verifyV2(payload, request.getHeader(\"PayBridge-Signature-V2\"), clock.instant())) {")}}},
				{SHA: "e7c2915", Parents: []string{"d6b1804"}, Author: "maia", Date: hrs(7.5), Message: "trips: show nitrox certification requirement on boat dives",
					Files: []File{{Path: "src/main/resources/templates/trip.html", Patch: patch("", "<p th:if=\"${trip.nitrox}\">Nitrox certification required</p>")}}},
				{SHA: "d6b1804", Parents: []string{"c5a07f3"}, Author: "tane", Date: hrs(6.0), Message: "deps: bump spring-boot to 3.2.5",
					Files: []File{{Path: "pom.xml", Patch: patch("        <version>3.2.4</version>", "        <version>3.2.5</version>")}}},
			},
			deploys: []Deploy{
				{SHA: "f8d3a26", At: hrs(8.6), Environment: "production", Service: "dive-bookings"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "dive-bookings", callPath: []string{"paybridge", "dive-bookings", "postgres"},
				signature: "payment webhook not received for paid booking on confirm_booking (server)",
				logs: []string{
					"WARN 37 bookings paid at PayBridge but still AWAITING_PAYMENT (oldest paid 09:02)",
					"INFO access log: last POST /webhooks/paybridge at 08:58:41 returned 200 (v2 signature verified); no webhook request has reached dive-bookings since",
					"ERROR PayBridge dashboard: webhook delivery to https://hooks.bluefin-hooks.example/webhooks/paybridge failed: 404 Not Found (Server: RegistrarParking/2.1), retrying",
					"INFO registrar: bluefin-hooks.example expired 2031-03-14 09:00 UTC, auto-renew failed (card on file expired), nameservers switched to parking",
					"INFO dig hooks.bluefin-hooks.example: 198.51.100.77 (registrar parking) since 09:00, was 203.0.113.40 (our load balancer)",
				},
				surges: []MetricShift{{Service: "dive-bookings", Name: "webhook_requests_per_minute", Direction: "down", Ratio: 40, At: hrs(9.0)}}},
			want: "",
		},
	}
}

func TestCulpritCasesFifteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "fifteenth", culpritCasesFifteenthBatch())
}
