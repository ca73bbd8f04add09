package triage

// culprit_cases23_test.go is a twenty-third held-out batch (10 cases): six
// where one commit is to blame (an Ecto pool shrunk ahead of a replica
// rollout that never happened, a migration dropping an index that only
// looked redundant, epoch timestamps switched from seconds to milliseconds,
// an availability cache TTL raised from 30 s to 6 h, a container memory
// limit cut below what large PDF renders need, a card-authorisation timeout
// cut below the provider's peak latency) and four where no commit is (an
// abandoned replication slot filling the database disk, a hospital network
// team's egress firewall change, a shared cloud API quota exhausted by
// another team's backfill, an EBS impairment in one availability zone).
//
// First run (after the twenty-first and twenty-second batches' fixes):
// 9/10, none blamed, one abstention (zone controllers "falling back to
// their last setpoint" read as an upstream provider's outage). The class:
// only falling back to a secondary host, provider or region says an
// upstream failed. After: 10/10. It has tuned rules since, so it is no
// longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: brickworks, coin mints, avalanche forecasting services, sleep clinics, crane rental, hydrogen refuelling stations, insect protein farms, human milk banks, composting facilities, cartography publishers.

import (
	"testing"
	"time"
)

// culpritCasesTwentyThirdBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentyThirdBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "brickworks: the kiln scheduler's Ecto pool_size drops from 20 to 4 for a 5-replica rollout that is still a draft, harmless overnight and exhausted when every zone controller syncs at the 06:00 shift start; the same kind of change on clay-lab, an ecto_sql bump shipped with it, a controller refactor and a dashboard deploy after onset are innocent", heldOut: true,
			service: "kiln-scheduler",
			sig:     Signal{Title: "[FIRING:1] KilnSchedulerHighErrorRate kiln-scheduler (production)", Text: "5xx ratio 0.38 on PUT /api/zones/:id/setpoint for 10m; zone controllers in tunnel kilns 2 and 3 falling back to their last setpoint, firing curve 40 °C under target"},
			alert:   6.4,
			commits: []Commit{
				{SHA: "e3c71a9", Parents: []string{"b58d0e2"}, Author: "marek", Date: hrs(6.3), Message: "kiln-dashboard: flash the zone tile red when a setpoint is rejected",
					Files: []File{{Path: "services/kiln-dashboard/assets/js/zone_tile.ts", Patch: patch("  tile.classList.toggle('stale', z.stale);", "  tile.classList.toggle('stale', z.stale);\n  tile.classList.toggle('rejected', z.lastSetpointStatus >= 500);")}}},
				{SHA: "b58d0e2", Parents: []string{"7af2c64"}, Author: "liesel", Date: hrs(3.5), Message: "firing: extract ZoneSetpoint.apply/2 from ZoneController.update/2",
					Files: []File{{Path: "services/kiln-scheduler/lib/kiln_scheduler_web/controllers/zone_controller.ex", Patch: patch(
						"  def update(conn, %{\"id\" => id, \"setpoint\" => sp}) do\n    zone = Repo.get!(Zone, id)\n    {:ok, zone} = zone |> Zone.setpoint_changeset(sp) |> Repo.update()",
						"  def update(conn, %{\"id\" => id, \"setpoint\" => sp}) do\n    {:ok, zone} = ZoneSetpoint.apply(id, sp)")}}},
				{SHA: "7af2c64", Parents: []string{"c9e4b17"}, Author: "liesel", Date: hrs(-6), Message: "clay-lab: pool_size 10 -> 6, it idles all day",
					Files: []File{{Path: "services/clay-lab/config/runtime.exs", Patch: patch("    pool_size: 10,", "    pool_size: 6,")}}},
				{SHA: "c9e4b17", Parents: []string{"41d8f30"}, Author: "marek", Date: hrs(-8), Message: "repo: pool_size 4 per pod, sized for the 5-replica rollout",
					Files: []File{{Path: "services/kiln-scheduler/config/runtime.exs", Patch: patch("    pool_size: 20,", "    pool_size: 4,")}}},
				{SHA: "41d8f30", Parents: []string{"90b2e5c"}, Author: "marek", Date: hrs(-9), Message: "deps: bump ecto_sql to 3.11.3 and postgrex to 0.18.0",
					Files: []File{{Path: "services/kiln-scheduler/mix.lock", Patch: patch(
						"  \"ecto_sql\": {:hex, :ecto_sql, \"3.11.1\"},\n  \"postgrex\": {:hex, :postgrex, \"0.17.5\"},",
						"  \"ecto_sql\": {:hex, :ecto_sql, \"3.11.3\"},\n  \"postgrex\": {:hex, :postgrex, \"0.18.0\"},")}}},
			},
			deploys: []Deploy{
				{SHA: "c9e4b17", At: hrs(-7.6), Environment: "production", Service: "kiln-scheduler"},
				{SHA: "7af2c64", At: hrs(-5.8), Environment: "production", Service: "clay-lab"},
				{SHA: "b58d0e2", At: hrs(3.8), Environment: "production", Service: "kiln-scheduler"},
				{SHA: "e3c71a9", At: hrs(6.35), Environment: "production", Service: "kiln-dashboard"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 2*time.Minute, firstFailing: "kiln-scheduler", callPath: []string{"zone-controller", "kiln-scheduler", "postgres"},
				affected:  []string{"kiln-scheduler", "kiln-dashboard"},
				signature: "DBConnection.ConnectionError: connection not available and request was dropped from queue after 2000ms on PUT /api/zones/:id/setpoint (server)",
				logs: []string{
					"ERROR ** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 2000ms. This means requests are coming in and your connection pool cannot serve them fast enough.",
					"INFO KilnScheduler.Repo started with pool_size=4 on each of 2 replicas (the 5-replica rollout is still a draft PR); postgres shows 8 kiln-scheduler connections, all active, max_connections 300",
					"INFO Schichtbeginn 06:00: 14 Zonenregler und 38 Trockenwagen-Terminals synchronisieren gleichzeitig; nachts sind nur 3 Regler aktiv, Fehlerrate 0",
					"WARN kiln-scheduler: Repo checkout queue_time p99 1.96 s, query_time p99 9 ms",
				},
				surges: []MetricShift{
					{Service: "kiln-scheduler", Name: "http_5xx_responses_total", Direction: "up", Ratio: 40, At: hrs(6.05)},
					{Service: "kiln-scheduler", Name: "ecto_repo_queue_time_seconds", Direction: "up", Ratio: 150, At: hrs(6.03)},
				}},
			want: "c9e4b17",
		},
		{
			name: "coin mints: a migration drops idx_strikes_blank_lot as 'covered' by a composite whose leading column is press_id, and the 22:00 lot reconciliation falls into a seq scan over 400M rows; an index added on another service's table, a clearer reconciliation error, a pgx bump and a runbook written after onset are innocent", heldOut: true,
			service: "strike-ledger",
			sig:     Signal{Title: "[P2] strike-ledger: end-of-shift reconciliation failed", Text: "0 of 26 blank lots reconciled for shift B; transfer of struck commemorative 5-euro coins to the vault is blocked until lots balance"},
			alert:   22.5,
			commits: []Commit{
				{SHA: "d07a3e5", Parents: []string{"a4f61c8"}, Author: "zofia", Date: hrs(22.2), Message: "docs: runbook for re-running a lot reconciliation",
					Files: []File{{Path: "docs/runbooks/lot-reconciliation.md", Patch: patch("", "## Re-running a lot reconciliation\nUse `ledgerctl reconcile --lot <id> --shift B` once the press log is closed.")}}},
				{SHA: "a4f61c8", Parents: []string{"5be92d7"}, Author: "tadeusz", Date: hrs(15), Message: "reconcile: clearer error when a lot does not balance",
					Files: []File{{Path: "services/strike-ledger/internal/reconcile/lot.go", Patch: patch(
						"\t\treturn fmt.Errorf(\"lot %s unbalanced\", lot.ID)",
						"\t\treturn fmt.Errorf(\"lot %s unbalanced: %d blanks issued, %d struck, %d rejected\", lot.ID, lot.Issued, lot.Struck, lot.Rejected)")}}},
				{SHA: "5be92d7", Parents: []string{"8c3d1f4"}, Author: "zofia", Date: hrs(10.5), Message: "migrations: drop single-column indexes covered by composites",
					Files: []File{{Path: "services/strike-ledger/migrations/0047_drop_redundant_indexes.sql", Patch: patch("",
						"-- covered by idx_strikes_press_lot (press_id, blank_lot_id)\nDROP INDEX CONCURRENTLY IF EXISTS idx_strikes_blank_lot;\n-- covered by idx_dies_press_installed (press_id, installed_at)\nDROP INDEX CONCURRENTLY IF EXISTS idx_dies_press;")}}},
				{SHA: "8c3d1f4", Parents: []string{"2e7b0a9"}, Author: "tadeusz", Date: hrs(9), Message: "audit-export: index audit_events(created_at) for the monthly export",
					Files: []File{{Path: "services/audit-export/migrations/0012_audit_created_at.sql", Patch: patch("", "CREATE INDEX CONCURRENTLY idx_audit_events_created_at ON audit_events (created_at);")}}},
				{SHA: "2e7b0a9", Parents: []string{"f61c0d3"}, Author: "zofia", Date: hrs(8), Message: "deps: bump jackc/pgx to v5.6.0",
					Files: []File{{Path: "services/strike-ledger/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.5", "\tgithub.com/jackc/pgx/v5 v5.6.0")}}},
			},
			deploys: []Deploy{
				{SHA: "8c3d1f4", At: hrs(9.4), Environment: "production", Service: "audit-export"},
				{SHA: "5be92d7", At: hrs(11.1), Environment: "production", Service: "strike-ledger"},
				{SHA: "a4f61c8", At: hrs(15.3), Environment: "production", Service: "strike-ledger"},
			},
			ev: caseEvidence{onsetAfter: 22*time.Hour + 3*time.Minute, firstFailing: "strike-ledger", callPath: []string{"shift-close", "strike-ledger", "postgres"},
				signature: "ERROR: canceling statement due to statement timeout (SQLSTATE 57014) in reconcile.LoadLotStrikes (server), after 30001 ms",
				logs: []string{
					"ERROR reconcile: lot BL-31-0877: load strikes: ERROR: canceling statement due to statement timeout (SQLSTATE 57014)",
					"INFO auto_explain: Parallel Seq Scan on strikes (rows=412930118) Filter: (blank_lot_id = $1) Rows Removed by Filter: 412911004, duration 29870 ms",
					"INFO yesterday's 22:00 close used Index Scan using idx_strikes_blank_lot, 35-60 ms per lot; the index is gone since migration 0047 ran at 11:08; no lot reconciliation runs during the day",
					"WARN zmiana B: uzgodnienie partii krążków nieukończone, 0 z 26 partii; transfer do skarbca wstrzymany",
					"INFO audit-export runs on its own database cluster",
				},
				surges: []MetricShift{
					{Service: "postgres", Name: "cpu_utilization", Direction: "up", Ratio: 6, At: hrs(22.05)},
					{Service: "strike-ledger", Name: "reconcile_failures_total", Direction: "up", Ratio: 26, At: hrs(22.1)},
				}},
			want: "5be92d7",
		},
		{
			name: "avalanche forecasting: issued_at/valid_until switch from epoch seconds to Date.now() milliseconds and the regional hub rejects the once-a-day 17:00 bulletin; a wind unit change in station-ingest, a rename of the publish function, a date-fns bump and a map banner deployed after onset are innocent", heldOut: true,
			service: "bulletin-publisher",
			sig:     Signal{Title: "[Alerting] Bulletin publish failures", Text: "bulletin_publish_failures_total > 0 for 15m; tomorrow's avalanche bulletin is missing on the regional hub for all 6 regions, yesterday's danger ratings still shown"},
			alert:   17.4,
			commits: []Commit{
				{SHA: "f92c4d0", Parents: []string{"3d6a8b1"}, Author: "chiara", Date: hrs(17.2), Message: "snowpack-map: amber banner when no current bulletin",
					Files: []File{{Path: "services/snowpack-map/src/Banner.tsx", Patch: patch("  if (!bulletin) return null;", "  if (!bulletin || isExpired(bulletin)) return <Banner tone=\"amber\">{t('bulletin.missing')}</Banner>;")}}},
				{SHA: "3d6a8b1", Parents: []string{"6e0f2a7"}, Author: "loic", Date: hrs(13.5), Message: "bulletin: rename publishBulletin to publishDailyBulletin",
					Files: []File{{Path: "services/bulletin-publisher/src/publish.ts", Patch: patch("export async function publishBulletin(b: Bulletin): Promise<void> {", "export async function publishDailyBulletin(b: Bulletin): Promise<void> {")}}},
				{SHA: "6e0f2a7", Parents: []string{"a71c593"}, Author: "chiara", Date: hrs(11), Message: "station-ingest: store wind speed in m/s, not km/h",
					Files: []File{{Path: "services/station-ingest/src/normalize.ts", Patch: patch("  windSpeed: Number(row.wind_kmh),", "  windSpeed: Number(row.wind_kmh) / 3.6,")}}},
				{SHA: "a71c593", Parents: []string{"0c8e7d2"}, Author: "loic", Date: hrs(9.5), Message: "bulletin: take timestamps straight from Date.now(), drop the manual /1000",
					Files: []File{{Path: "services/bulletin-publisher/src/payload.ts", Patch: patch(
						"    issued_at: Math.floor(Date.now() / 1000),\n    valid_until: Math.floor(b.validUntil.getTime() / 1000),",
						"    issued_at: Date.now(),\n    valid_until: b.validUntil.getTime(),")}}},
				{SHA: "0c8e7d2", Parents: []string{"5a9e3b6"}, Author: "loic", Date: hrs(9), Message: "deps: bump date-fns to 3.6.0",
					Files: []File{{Path: "services/bulletin-publisher/package.json", Patch: patch("    \"date-fns\": \"3.3.1\",", "    \"date-fns\": \"3.6.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "a71c593", At: hrs(10.2), Environment: "production", Service: "bulletin-publisher"},
				{SHA: "6e0f2a7", At: hrs(11.3), Environment: "production", Service: "station-ingest"},
				{SHA: "3d6a8b1", At: hrs(13.8), Environment: "production", Service: "bulletin-publisher"},
				{SHA: "f92c4d0", At: hrs(17.25), Environment: "production", Service: "snowpack-map"},
			},
			ev: caseEvidence{onsetAfter: 17 * time.Hour, firstFailing: "bulletin-publisher", callPath: []string{"forecaster-ui", "bulletin-publisher", "regional-hub"},
				affected:  []string{"bulletin-publisher", "snowpack-map"},
				signature: "422 Unprocessable Entity: valid_until 1931360400000 is not a unix timestamp in seconds on POST hub.avalanche.example/v2/bulletins (client), after 64 ms",
				logs: []string{
					"ERROR hub-client: POST /v2/bulletins -> 422 {\"field\":\"valid_until\",\"error\":\"1931360400000 is not a unix timestamp in seconds (year 63172)\"}",
					"WARN bollettino valanghe di domani non pubblicato per 6 regioni (Ortles, Adamello, Dolomiti Nord, ...); online resta quello di ieri",
					"INFO the bulletin is published once a day at 17:00; yesterday's went out with issued_at 1931187600 (10 digits); no publish attempt between the 10:12 deploy and 17:00",
					"INFO le hub régional accepte les bulletins des autres services (Savoie, Valais) publiés à 17:00",
				},
				surges: []MetricShift{{Service: "bulletin-publisher", Name: "bulletin_publish_failures_total", Direction: "up", Ratio: 6, At: hrs(17)}}},
			want: "a71c593",
		},
		{
			name: "sleep clinics: night-slot availability is cached for 6 hours instead of 30 seconds, and once the lunchtime referral batch fills beds patients keep picking beds already taken and get 409; a booking service-object refactor deployed an hour before onset, the EHR adapter's retry, a redis bump and an API doc on 409s are innocent", heldOut: true,
			service: "bed-booking",
			sig:     Signal{Title: "Patients can't book overnight sleep studies", Text: "Patient portal answers 'Ce créneau n'est plus disponible' on most polysomnography bookings since lunchtime; call centre queue at 47"},
			alert:   14.2,
			commits: []Commit{
				{SHA: "9b1e4c7", Parents: []string{"c6a05d3"}, Author: "margaux", Date: hrs(13.8), Message: "docs: document 409 responses for the patient app",
					Files: []File{{Path: "docs/api/night_bookings.md", Patch: patch("", "### 409 Conflict\nThe bed was booked by someone else in the meantime; refresh availability and retry.")}}},
				{SHA: "c6a05d3", Parents: []string{"e8f3b29"}, Author: "yann", Date: hrs(11.4), Message: "bookings: move create logic into CreateNightBooking service object",
					Files: []File{{Path: "services/bed-booking/app/controllers/night_bookings_controller.rb", Patch: patch(
						"    booking = NightBooking.new(booking_params)\n    if booking.save",
						"    booking = CreateNightBooking.call(booking_params)\n    if booking.persisted?")}}},
				{SHA: "e8f3b29", Parents: []string{"1f7d6a2"}, Author: "margaux", Date: hrs(10), Message: "ehr-adapter: retry FHIR Slot search once on 503",
					Files: []File{{Path: "services/ehr-adapter/lib/fhir/slot_client.rb", Patch: patch("      response = http.get(path)", "      response = with_retry(max: 1, on: [503]) { http.get(path) }")}}},
				{SHA: "1f7d6a2", Parents: []string{"4ac2e80"}, Author: "yann", Date: hrs(8.6), Message: "availability: cache night slots for 6 h, the EHR slot search is slow",
					Files: []File{{Path: "services/bed-booking/app/services/night_availability.rb", Patch: patch(
						"    Rails.cache.fetch([\"night-slots\", clinic.id, date], expires_in: 30.seconds) do",
						"    Rails.cache.fetch([\"night-slots\", clinic.id, date], expires_in: 6.hours) do")}}},
				{SHA: "4ac2e80", Parents: []string{"d35b9f1"}, Author: "yann", Date: hrs(8), Message: "deps: bump redis-rb to 5.2.0",
					Files: []File{{Path: "services/bed-booking/Gemfile.lock", Patch: patch("    redis (5.0.8)", "    redis (5.2.0)")}}},
			},
			deploys: []Deploy{
				{SHA: "1f7d6a2", At: hrs(9), Environment: "production", Service: "bed-booking"},
				{SHA: "e8f3b29", At: hrs(10.3), Environment: "production", Service: "ehr-adapter"},
				{SHA: "c6a05d3", At: hrs(11.7), Environment: "production", Service: "bed-booking"},
			},
			ev: caseEvidence{onsetAfter: 12*time.Hour + 40*time.Minute, firstFailing: "bed-booking", callPath: []string{"patient-portal", "bed-booking", "redis", "ehr-adapter"},
				affected:  []string{"bed-booking", "patient-portal"},
				signature: "409 Conflict bed already booked on POST /api/night_bookings (server), after 41 ms",
				logs: []string{
					"WARN CreateNightBooking: bed 3 at Lyon-Croix-Rousse for 2031-03-20 already taken by NB-88213; the patient was offered it from a night-slots cache entry written 09:04",
					"ERREUR portail patient : « Ce créneau n'est plus disponible » affiché 318 fois depuis 12h40",
					"INFO night_slots cache hit ratio 99.6% (41% last week); oldest entry served 5 h 36 min old; EHR slot searches down from 1,900/h to 60/h",
					"INFO the referral batch from the sleep physicians (11:30-12:30) booked 140 of next week's 210 free beds",
				},
				surges: []MetricShift{{Service: "bed-booking", Name: "http_409_responses_total", Direction: "up", Ratio: 30, At: hrs(12.7)}}},
			want: "1f7d6a2",
		},
		{
			name: "crane rental: lift-planner's memory limit is 'right-sized' from 1536Mi to 640Mi, the JVM heap shrinks to 480 MiB and the first 14-chart heavy-lift plan of the day runs out of heap; the same kind of cut on quote-service, a renderer rename, an openpdf patch bump and a golden-file test are innocent", heldOut: true,
			service: "lift-planner",
			sig:     Signal{Title: "Lift plan PDF export failing", Text: "Hijsplan voor Eemshaven (LTM 1500, 14 lastdiagrammen) kan niet als PDF worden geëxporteerd: export hangt en geeft dan 502. Kleine plannen werken wel. Kraan moet morgen 06:00 op locatie staan."},
			alert:   15.6,
			commits: []Commit{
				{SHA: "2c9f8e1", Parents: []string{"7d4b0a6"}, Author: "sanne", Date: hrs(15.1), Message: "test: golden PDFs for 14-chart lift plans",
					Files: []File{{Path: "services/lift-planner/src/test/java/nl/hijs/planner/pdf/LiftPlanPdfRendererTest.java", Patch: patch("", "    @Test void rendersFourteenLoadCharts() { assertGolden(render(fixture(\"ltm1500-14charts.json\")), \"ltm1500-14charts.pdf\"); }")}}},
				{SHA: "7d4b0a6", Parents: []string{"f5e1c39"}, Author: "ruud", Date: hrs(12), Message: "pdf: rename renderPlan to renderLiftPlan",
					Files: []File{{Path: "services/lift-planner/src/main/java/nl/hijs/planner/pdf/LiftPlanPdfRenderer.java", Patch: patch("    public byte[] renderPlan(LiftPlan plan) throws IOException {", "    public byte[] renderLiftPlan(LiftPlan plan) throws IOException {")}}},
				{SHA: "f5e1c39", Parents: []string{"b0a87d4"}, Author: "sanne", Date: hrs(7), Message: "helm: quote-service memory limit 1Gi -> 768Mi",
					Files: []File{{Path: "deploy/helm/quote-service/values.yaml", Patch: patch("      memory: 1Gi", "      memory: 768Mi")}}},
				{SHA: "b0a87d4", Parents: []string{"38e6c52"}, Author: "ruud", Date: hrs(6.5), Message: "helm: right-size lift-planner to observed usage (p95 working set 410Mi)",
					Files: []File{{Path: "deploy/helm/lift-planner/values.yaml", Patch: patch(
						"    limits:\n      memory: 1536Mi\n    requests:\n      memory: 1024Mi",
						"    limits:\n      memory: 640Mi\n    requests:\n      memory: 512Mi")}}},
				{SHA: "38e6c52", Parents: []string{"c4d1a07"}, Author: "ruud", Date: hrs(5), Message: "deps: bump openpdf to 1.3.43",
					Files: []File{{Path: "services/lift-planner/build.gradle", Patch: patch("    implementation 'com.github.librepdf:openpdf:1.3.41'", "    implementation 'com.github.librepdf:openpdf:1.3.43'")}}},
			},
			deploys: []Deploy{
				{SHA: "b0a87d4", At: hrs(6.8), Environment: "production", Service: "lift-planner"},
				{SHA: "f5e1c39", At: hrs(7.2), Environment: "production", Service: "quote-service"},
				{SHA: "7d4b0a6", At: hrs(12.3), Environment: "production", Service: "lift-planner"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 48*time.Minute, firstFailing: "lift-planner", callPath: []string{"planner-web", "lift-planner"},
				affected:  []string{"lift-planner", "planner-web"},
				signature: "java.lang.OutOfMemoryError: Java heap space in LiftPlanPdfRenderer.renderLiftPlan on POST /v1/lift-plans/{id}/pdf (server), after 8400 ms",
				logs: []string{
					"ERROR lift-planner: java.lang.OutOfMemoryError: Java heap space at java.awt.image.DataBufferInt.<init> <- LiftPlanPdfRenderer.drawLoadChart",
					"INFO JVM flags -XX:MaxRAMPercentage=75: max heap 480 MiB under the 640Mi limit (1,152 MiB before 06:48)",
					"INFO plans with 1-4 load charts render fine on the new limit; the first plan with more than 8 charts since 06:48 arrived at 14:48; last month's profiles show 700-950 MiB peak heap for such plans, with openpdf 1.3.41 and 1.3.43 alike",
					"WARN planner-web: export hijsplan HP-2031-0412 (LTM 1500, 14 lastdiagrammen) mislukt na 3 pogingen",
				},
				surges: []MetricShift{{Service: "lift-planner", Name: "jvm_gc_pause_seconds_total", Direction: "up", Ratio: 25, At: hrs(14.8)}}},
			want: "b0a87d4",
		},
		{
			name: "hydrogen refuelling stations: the fleet-card authorisation timeout goes from 20 s to 2 s in the afternoon, and at the 05:30 bus-depot peak the provider's usual 2-6 s latency trips it; the same timeout cut on compressor telemetry, a handler rename deployed overnight, a reqwest bump and a station display text after onset are innocent", heldOut: true,
			service: "dispense-auth",
			sig:     Signal{Title: "[FIRING:2] DispenseAuthRefusals (severity=critical, site=hamburg)", Text: "Fuel-cell buses at the Bahrenfeld and Harburg depots turned away at the dispenser with 'Autorisierung fehlgeschlagen'; morning timetable at risk"},
			alert:   5.9,
			commits: []Commit{
				{SHA: "8f2e6b4", Parents: []string{"5c3d9a1"}, Author: "henrike", Date: hrs(6.1), Message: "station-display: show the refusal reason in German and English",
					Files: []File{{Path: "services/station-display/src/strings.rs", Patch: patch("    Refused => \"Autorisierung fehlgeschlagen\",", "    Refused => \"Autorisierung fehlgeschlagen / Authorisation failed\",")}}},
				{SHA: "5c3d9a1", Parents: []string{"e41a7c0"}, Author: "okan", Date: hrs(2.5), Message: "telemetry: 2 s timeout on compressor telemetry uploads",
					Files: []File{{Path: "services/compressor-telemetry/src/upload.rs", Patch: patch("        .timeout(Duration::from_secs(30))", "        .timeout(Duration::from_secs(2))")}}},
				{SHA: "e41a7c0", Parents: []string{"a9b06f3"}, Author: "henrike", Date: hrs(-2.5), Message: "auth: rename authorize_fill to authorise_dispense",
					Files: []File{{Path: "services/dispense-auth/src/handlers.rs", Patch: patch("pub async fn authorize_fill(", "pub async fn authorise_dispense(")}}},
				{SHA: "a9b06f3", Parents: []string{"17c5d82"}, Author: "okan", Date: hrs(-10.5), Message: "fleetcard: fail fast with a 2 s timeout so the dispenser screen doesn't hang",
					Files: []File{{Path: "services/dispense-auth/src/fleetcard.rs", Patch: patch("        .timeout(Duration::from_secs(20))", "        .timeout(Duration::from_secs(2))")}}},
				{SHA: "17c5d82", Parents: []string{"60e4f9b"}, Author: "okan", Date: hrs(-11), Message: "deps: bump reqwest to 0.12.5",
					Files: []File{{Path: "services/dispense-auth/Cargo.toml", Patch: patch("reqwest = { version = \"0.12.4\", features = [\"json\", \"rustls-tls\"] }", "reqwest = { version = \"0.12.5\", features = [\"json\", \"rustls-tls\"] }")}}},
			},
			deploys: []Deploy{
				{SHA: "a9b06f3", At: hrs(-10), Environment: "production", Service: "dispense-auth"},
				{SHA: "e41a7c0", At: hrs(-2.2), Environment: "production", Service: "dispense-auth"},
				{SHA: "5c3d9a1", At: hrs(3), Environment: "production", Service: "compressor-telemetry"},
				{SHA: "8f2e6b4", At: hrs(6.2), Environment: "production", Service: "station-display"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 35*time.Minute, firstFailing: "dispense-auth", callPath: []string{"dispenser-plc", "dispense-auth", "fleetcard-gw"},
				affected:  []string{"dispense-auth", "station-display"},
				signature: "operation timed out on POST fleetcard-gw/v3/authorisations (client), after 2000 ms",
				logs: []string{
					"WARN dispense-auth: Autorisierung für Karte ****4471 nach 2,0 s abgebrochen (Zeitüberschreitung); Zapfsäule 3 Bahrenfeld gesperrt",
					"INFO fleetcard-gw latency 05:30-06:30: p50 1.7 s, p99 5.4 s, the same as the last four weekday mornings when 60 buses fuel after the night shift; overnight p99 0.6 s and no timeouts",
					"INFO fleetcard provider status page: all systems operational; authorisations that arrive after 2 s are approved and then voided as abandoned",
					"INFO compressor-telemetry uploads go to the plant historian, not to the card gateway",
				},
				surges: []MetricShift{{Service: "dispense-auth", Name: "fleetcard_auth_timeouts_total", Direction: "up", Ratio: 90, At: hrs(5.58)}}},
			want: "a9b06f3",
		},

		// --- no commit to blame ---
		{
			name: "insect protein farms: an inactive replication slot left behind when the old BI connector was deleted retains WAL for five days until the database disk fills; a harvest handler rename deployed minutes before, a nullable-column migration, a log retention change on the climate gateways and a psycopg bump are innocent", heldOut: true,
			service: "harvest-api",
			sig:     Signal{Title: "Larvae harvest recording down", Text: "Operators at the Murcia and Lleida farms can't record mealworm harvests or frass weights; harvest-api returns 500 since about 03:10, night shift writing on paper"},
			alert:   3.8,
			commits: []Commit{
				{SHA: "6d2f0b9", Parents: []string{"c1b8e47"}, Author: "nuria", Date: hrs(3), Message: "harvest: rename record_harvest to log_harvest",
					Files: []File{{Path: "services/harvest-api/harvest/views.py", Patch: patch("def record_harvest(request, tray_id):", "def log_harvest(request, tray_id):")}}},
				{SHA: "c1b8e47", Parents: []string{"93a5e1d"}, Author: "pau", Date: hrs(1.5), Message: "migrations: add harvests.frass_kg (nullable)",
					Files: []File{{Path: "services/harvest-api/harvest/migrations/0032_harvest_frass_kg.py", Patch: patch("",
						"        migrations.AddField(\n            model_name=\"harvest\",\n            name=\"frass_kg\",\n            field=models.DecimalField(max_digits=8, decimal_places=2, null=True),\n        ),")}}},
				{SHA: "93a5e1d", Parents: []string{"f08c2a6"}, Author: "nuria", Date: hrs(-5), Message: "climate-gw: keep 30 days of rotated logs instead of 7",
					Files: []File{{Path: "deploy/climate-gateway/logrotate.conf", Patch: patch("    rotate 7", "    rotate 30")}}},
				{SHA: "f08c2a6", Parents: []string{"2b7d4e1"}, Author: "pau", Date: hrs(-7), Message: "deps: bump psycopg to 3.1.19",
					Files: []File{{Path: "services/harvest-api/requirements.txt", Patch: patch("psycopg[binary]==3.1.18", "psycopg[binary]==3.1.19")}}},
			},
			deploys: []Deploy{
				{SHA: "f08c2a6", At: hrs(-6.6), Environment: "production", Service: "harvest-api"},
				{SHA: "93a5e1d", At: hrs(-4.8), Environment: "production", Service: "climate-gateway"},
				{SHA: "c1b8e47", At: hrs(1.8), Environment: "production", Service: "harvest-api"},
				{SHA: "6d2f0b9", At: hrs(3.05), Environment: "production", Service: "harvest-api"},
			},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 10*time.Minute, firstFailing: "postgres", callPath: []string{"tablet-app", "harvest-api", "postgres"},
				affected:  []string{"harvest-api", "postgres"},
				signature: "psycopg.errors.DiskFull: could not extend file \"base/16384/24719\": No space left on device on POST /api/trays/{id}/harvest (server), after 12 ms",
				logs: []string{
					"PANIC postgres db-01: could not write to file \"pg_wal/xlogtemp.4112\": No space left on device",
					"WARN node-exporter db-01: /var/lib/postgresql 100% of 500 GiB, growing about 3.5 GiB/h since 9 March",
					"INFO pg_replication_slots: slot bi_cdc_legacy active=false, restart_lsn from 9 March, retaining 431 GB of WAL; its Debezium connector was deleted in the BI warehouse move on 9 March and the slot was never dropped",
					"ERROR granja Murcia: no se pueden registrar cosechas de tenebrio desde las 03:10; el turno de noche anota en papel",
					"INFO migration 0032 ran in 38 ms at 01:49 (catalog-only change); the climate gateways keep their logs on their own hosts",
				},
				surges: []MetricShift{{Service: "harvest-api", Name: "http_5xx_responses_total", Direction: "up", Ratio: 60, At: hrs(3.17)}}},
			want: "",
		},
		{
			name: "human milk banks: the hospital network team's egress hardening on the lab-device VLAN allows only 80/443 and the freezer gateway's MQTT on 8883 is dropped; a donor-portal security-group change, a gateway handler rename deployed minutes before, an MQTT library bump and a stricter release check after onset are innocent", heldOut: true,
			service: "freezer-gateway",
			sig:     Signal{Title: "No freezer temperatures from the milk bank", Text: "Cold-chain dashboard shows 'no data' for all 9 donor-milk freezers (-20 °C) at the Santa Clara milk bank since 02:14; pasteurised batches can't be released without a continuous temperature record"},
			alert:   7.1,
			commits: []Commit{
				{SHA: "3f8b6d1", Parents: []string{"0d9c5e3"}, Author: "beatriz", Date: hrs(4), Message: "release-console: block batch release when the freezer log has a gap over 15 min",
					Files: []File{{Path: "services/release-console/lib/release_console/checks.ex", Patch: patch("  @max_gap_minutes 60", "  @max_gap_minutes 15")}}},
				{SHA: "0d9c5e3", Parents: []string{"b62f1d8"}, Author: "tiago", Date: hrs(1.9), Message: "gateway: rename handle_reading/2 to ingest_reading/2",
					Files: []File{{Path: "services/freezer-gateway/lib/freezer_gateway/reader.ex", Patch: patch("  def handle_reading(sensor_id, payload) do", "  def ingest_reading(sensor_id, payload) do")}}},
				{SHA: "b62f1d8", Parents: []string{"7c3e0a5"}, Author: "beatriz", Date: hrs(1.4), Message: "terraform: donor-portal egress only to its database on 5432",
					Files: []File{{Path: "infra/terraform/donor_portal_sg.tf", Patch: patch(
						"  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }",
						"  egress {\n    from_port       = 5432\n    to_port         = 5432\n    protocol        = \"tcp\"\n    security_groups = [aws_security_group.donor_db.id]\n  }")}}},
				{SHA: "7c3e0a5", Parents: []string{"e59a2c4"}, Author: "tiago", Date: hrs(-6), Message: "deps: bump tortoise311 to 0.12.1",
					Files: []File{{Path: "services/freezer-gateway/mix.exs", Patch: patch("      {:tortoise311, \"~> 0.11.4\"},", "      {:tortoise311, \"~> 0.12.1\"},")}}},
			},
			deploys: []Deploy{
				{SHA: "7c3e0a5", At: hrs(-5), Environment: "production", Service: "freezer-gateway"},
				{SHA: "b62f1d8", At: hrs(1.6), Environment: "production", Service: "donor-portal"},
				{SHA: "0d9c5e3", At: hrs(2), Environment: "production", Service: "freezer-gateway"},
				{SHA: "3f8b6d1", At: hrs(4.2), Environment: "production", Service: "release-console"},
			},
			ev: caseEvidence{onsetAfter: 2*time.Hour + 14*time.Minute, firstFailing: "freezer-gateway", callPath: []string{"freezer-probes", "freezer-gateway", "hospital-firewall", "coldchain-broker"},
				affected:  []string{"freezer-gateway", "coldchain-api", "release-console"},
				signature: "MQTT connect to iot.coldchain.example:8883 timed out (client), after 10000 ms",
				logs: []string{
					"WARN freezer-gateway: connect iot.coldchain.example:8883 :timeout (attempt 212), buffering readings on local disk for 9 freezers",
					"INFO fw-core-2: DENY tcp 10.40.8.21:51544 -> 52.18.7.90:8883 rule VLAN40-egress-default-deny 02:14:07",
					"INFO change CHG0049121 by the hospital network team: 'egress hardening VLAN 40 (lab and medical devices), allow only TCP 80/443 outbound', implemented 02:00-02:30",
					"INFO the gateway's new build (deployed 02:00) published readings normally until 02:14; from VLAN 41 the broker answers on 8883 in 18 ms; the donor portal runs in AWS and never talks to the broker",
					"AVISO banco de leite humano: sem registo contínuo de temperatura dos congeladores desde as 02:14; 23 lotes pasteurizados retidos",
				},
				surges: []MetricShift{{Service: "coldchain-api", Name: "freezer_readings_ingested_total", Direction: "down", Ratio: 0, At: hrs(2.23)}}},
			want: "",
		},
		{
			name: "composting facilities: a marketing backfill of 46k archive photos in the same cloud project uses up the shared 50k/day Vision API quota, so weighbridge plate recognition gets 429s; a rear-camera retry deployed after onset, a barrier timeout change, a ticket function rename and a google-cloud-vision bump are innocent", heldOut: true,
			service: "weighbridge-anpr",
			sig:     Signal{Title: "Weighbridge plate recognition failing at all composting sites", Text: "Trucks with green waste queued back to the roundabout at Ede and Barneveld; weighbridge-anpr can't read plates, operators have been typing them by hand since about 10:40"},
			alert:   11.3,
			commits: []Commit{
				{SHA: "ad4c7e9", Parents: []string{"58b0f13"}, Author: "joost", Date: hrs(11), Message: "anpr: retry unreadable plates with the rear camera",
					Files: []File{{Path: "services/weighbridge-anpr/anpr/recognise.py", Patch: patch("    return result", "    if result.confidence < 0.6 and rear is not None:\n        result = vision.read_plate(rear)\n    return result")}}},
				{SHA: "58b0f13", Parents: []string{"e2c9a74"}, Author: "ilse", Date: hrs(8), Message: "gate: barrier timeout 30 s at the weighbridge exit",
					Files: []File{{Path: "services/gate-controller/src/barrier.ts", Patch: patch("const BARRIER_TIMEOUT_MS = 10_000;", "const BARRIER_TIMEOUT_MS = 30_000;")}}},
				{SHA: "e2c9a74", Parents: []string{"91f5d08"}, Author: "joost", Date: hrs(6), Message: "tickets: rename create_ticket to issue_weigh_ticket",
					Files: []File{{Path: "services/weighbridge-anpr/anpr/tickets.py", Patch: patch("def create_ticket(plate, gross_kg, tare_kg):", "def issue_weigh_ticket(plate, gross_kg, tare_kg):")}}},
				{SHA: "91f5d08", Parents: []string{"4c0e7b2"}, Author: "ilse", Date: hrs(5), Message: "deps: bump google-cloud-vision to 3.7.4",
					Files: []File{{Path: "services/weighbridge-anpr/requirements.txt", Patch: patch("google-cloud-vision==3.7.2", "google-cloud-vision==3.7.4")}}},
			},
			deploys: []Deploy{
				{SHA: "e2c9a74", At: hrs(6.4), Environment: "production", Service: "weighbridge-anpr"},
				{SHA: "58b0f13", At: hrs(8.3), Environment: "production", Service: "gate-controller"},
				{SHA: "ad4c7e9", At: hrs(11.1), Environment: "production", Service: "weighbridge-anpr"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 41*time.Minute, firstFailing: "weighbridge-anpr", callPath: []string{"weighbridge-camera", "weighbridge-anpr", "vision-api"},
				affected:  []string{"weighbridge-anpr", "gate-controller"},
				signature: "429 RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Requests' and limit 'Requests per day' of service 'vision.googleapis.com' on batch_annotate_images (client), after 95 ms",
				logs: []string{
					"ERROR anpr: google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric 'Requests' and limit 'Requests per day' of service 'vision.googleapis.com' for consumer 'project_number:488120375514'",
					"INFO GCP quotas, project groencirkel-prod: 50,000 of 50,000 requests/day used at 10:41; 46,870 of them from marketing-photo-tagger@, a one-off backfill of the photo archive started at 07:55",
					"INFO weighbridge-anpr sends about 410 requests/h, the same as last Friday; the daily quota resets at midnight Pacific time",
					"WARN weegbrug Ede: kenteken niet herkend, handmatige invoer (wachtrij 23 vrachtwagens)",
				},
				surges: []MetricShift{{Service: "weighbridge-anpr", Name: "anpr_failures_total", Direction: "up", Ratio: 200, At: hrs(10.7)}}},
			want: "",
		},
		{
			name: "cartography publishers: an EBS impairment in eu-west-1a makes mbtiles reads take seconds on the tile-render pods in that zone only; a contour style deployed 12 minutes before, a CDN TTL cut, a renderer rename and a GDAL image bump are innocent", heldOut: true,
			service: "tile-render",
			sig:     Signal{Title: "Monitor triggered: tile-render p99 latency above 5s", Text: "Atlas editors and the print pipeline see grey squares; about a third of tile requests time out since ~14:10"},
			alert:   14.7,
			commits: []Commit{
				{SHA: "0f6a3d8", Parents: []string{"c83e5b1"}, Author: "friederike", Date: hrs(13.9), Message: "style: new contour colours for the hiking maps",
					Files: []File{{Path: "services/tile-render/styles/hiking/contours.json", Patch: patch("      \"line-color\": \"#b38b5d\",", "      \"line-color\": \"#a0522d\",")}}},
				{SHA: "c83e5b1", Parents: []string{"7b2d4f9"}, Author: "anders", Date: hrs(10.5), Message: "render: rename renderTile to renderRasterTile",
					Files: []File{{Path: "services/tile-render/internal/render/tile.go", Patch: patch("func (r *Renderer) renderTile(ctx context.Context, z, x, y int) ([]byte, error) {", "func (r *Renderer) renderRasterTile(ctx context.Context, z, x, y int) ([]byte, error) {")}}},
				{SHA: "7b2d4f9", Parents: []string{"e5a0c17"}, Author: "friederike", Date: hrs(9), Message: "cdn: cache tiles for 10 min instead of 1 h",
					Files: []File{{Path: "infra/cdn/tiles.tf", Patch: patch("  default_ttl = 3600", "  default_ttl = 600")}}},
				{SHA: "e5a0c17", Parents: []string{"93f1b6a"}, Author: "anders", Date: hrs(8), Message: "docker: GDAL 3.8.5 -> 3.9.1",
					Files: []File{{Path: "services/tile-render/Dockerfile", Patch: patch("FROM ghcr.io/osgeo/gdal:ubuntu-small-3.8.5", "FROM ghcr.io/osgeo/gdal:ubuntu-small-3.9.1")}}},
			},
			deploys: []Deploy{
				{SHA: "7b2d4f9", At: hrs(9.2), Environment: "production", Service: "cdn"},
				{SHA: "c83e5b1", At: hrs(10.8), Environment: "production", Service: "tile-render"},
				{SHA: "0f6a3d8", At: hrs(14), Environment: "production", Service: "tile-render"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 12*time.Minute, firstFailing: "tile-render", callPath: []string{"atlas-editor", "cdn", "tile-render"},
				affected:  []string{"tile-render", "print-export"},
				signature: "context deadline exceeded reading europe-z14.mbtiles on GET /tiles/{z}/{x}/{y}.png (server), after 15000 ms",
				logs: []string{
					"WARN tile-render-6d9f-xk2 (eu-west-1a): pread europe-z14.mbtiles took 11.4 s, iowait 91%, EBS VolumeQueueLength 64",
					"INFO AWS Health: [Operational issue] Amazon EBS (Ireland): increased I/O latency for some volumes in eu-west-1a (euw1-az1) since 14:09 UTC; recovery in progress",
					"INFO every slow request comes from the 4 pods in eu-west-1a; the 8 pods in eu-west-1b and 1c run the same image (14:00 deploy with the contour style) and serve p99 210 ms",
					"INFO origin request rate up 7% since the 09:12 CDN TTL change; tile-render CPU 28%",
					"WARN Druckvorstufe: Export Wanderkarte Allgäu 1:25.000 abgebrochen, 312 Kacheln fehlen",
				},
				surges: []MetricShift{{Service: "tile-render", Name: "http_request_duration_seconds_p99", Direction: "up", Ratio: 60, At: hrs(14.2)}}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyThirdBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-third", culpritCasesTwentyThirdBatch())
}
