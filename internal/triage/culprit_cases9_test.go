package triage

// culprit_cases9_test.go is a ninth held-out batch (8 cases), written by a
// helper that did not read the rules, after the eighth batch's fixes: an
// upstream producer's culprit, a loud service's innocent deploy, an
// innocent dependency bump, a six-hour lag, three operational causes.
// First run: 8/8, no innocent commit blamed.

import (
	"testing"
	"time"
)

// culpritCasesNinthBatch holds held-out culprit cases written without
// reading the culprit rule.
func culpritCasesNinthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "horse racing: the results producer switched dividends to fractional strings; settlement's own deploy only adds a metric", heldOut: true,
			service: "settlement",
			sig:     Signal{Title: "Winning bets not settled at Harrowmere", Text: "settlement fails to pay out winning bets since the 2:10 race; results messages rejected"},
			alert:   6.8,
			commits: []Commit{
				{SHA: "s9c41e", Parents: []string{"s8a02d"}, Author: "odile", Date: hrs(6), Message: "settlement: payout latency histogram",
					Files: []File{{Path: "settlement/metrics.py", Patch: patch("",
						"PAYOUT_SECONDS = Histogram(\"settlement_payout_seconds\", \"time to settle a bet\")\n    with PAYOUT_SECONDS.time():")}}},
				{Repo: "turfline/race-results", SHA: "r7b3e9", Parents: []string{"r6d5c2"}, Author: "hamish", Date: hrs(5), Message: "results: publish dividends as the stewards display them",
					Files: []File{{Path: "race_results/publish.py", Patch: patch(
						"        \"dividend\": float(d.decimal_odds),",
						"        \"dividend\": d.fractional_odds,  # e.g. \"7/2\"")}}},
				{SHA: "s8a02d", Parents: []string{"s7ff10"}, Author: "odile", Date: hrs(4), Message: "docs: how to replay a race's results",
					Files: []File{{Path: "settlement/docs/replay.md", Patch: patch("", "Run `settle replay --race <id>` to re-consume results.declared.")}}},
			},
			deploys: []Deploy{
				{SHA: "r7b3e9", At: hrs(5.5), Environment: "production"},
				{SHA: "s9c41e", At: hrs(6.4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 36*time.Minute, firstFailing: "settlement",
				callPath:  []string{"race-results", "settlement"},
				signature: "ValueError: could not convert string to float: '7/2' on consume results.declared (server), after 3 ms",
				logs: []string{
					"settlement ERROR: cannot settle race <id>: invalid dividend <value>",
					"settlement WARN: results.declared message sent to dead-letter queue",
				}},
			want: "r7b3e9",
		},
		{
			name: "funicular monorepo: the fare engine's pool was cut to 4; the gates' own newer deploy only changes an LED colour", heldOut: true,
			service: "ticket-gates",
			sig:     Signal{Title: "Ticket gates refusing passes at the valley station", Text: "ticket-gates time out validating passes during the morning rush; riders queueing at Lower Brinwell"},
			alert:   9.4,
			commits: []Commit{
				{SHA: "g5e1a7", Parents: []string{"f4c9d2"}, Author: "petra", Date: hrs(8.7), Message: "gates: amber LED for season passes near expiry",
					Files: []File{{Path: "ticket-gates/display/led.go", Patch: patch(
						"\tcolourSeasonExpiring = colourGreen",
						"\tcolourSeasonExpiring = colourAmber")}}},
				{SHA: "f4c9d2", Parents: []string{"g3b870"}, Author: "ruben", Date: hrs(6.5), Message: "fare-engine: right-size db pool to match pgbouncer",
					Files: []File{{Path: "fare-engine/config/db.yaml", Patch: patch(
						"max_conns: 40\nacquire_timeout: 5s",
						"max_conns: 4\nacquire_timeout: 5s")}}},
				{SHA: "g3b870", Parents: []string{"g2a411"}, Author: "petra", Date: hrs(5), Message: "gates: tests for expired pass handling",
					Files: []File{{Path: "ticket-gates/validate/expired_test.go", Patch: patch("",
						"func TestExpiredPassDenied(t *testing.T) {\n\tif validate(expiredPass).Allowed {\n\t\tt.Fatal(\"expired pass allowed\")\n\t}\n}")}}},
			},
			deploys: []Deploy{
				{SHA: "f4c9d2", At: hrs(7), Environment: "production", Service: "fare-engine"},
				{SHA: "g5e1a7", At: hrs(9), Environment: "production", Service: "ticket-gates"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 10*time.Minute, firstFailing: "fare-engine",
				callPath:  []string{"ticket-gates", "fare-engine"},
				signature: "timeout acquiring connection from pool on SELECT fares (client), after 5000 ms",
				logs: []string{
					"fare-engine ERROR: pgxpool: acquire timed out after 5s (4/4 in use)",
					"ticket-gates WARN: fare lookup timed out, denying entry at gate <id>",
				}},
			want: "f4c9d2",
		},
		{
			name: "sperm bank: a migration dropped the donor search index; the jackson bump shipped with it is innocent", heldOut: true,
			service: "donor-catalog",
			sig:     Signal{Title: "Donor search timing out for clinics", Text: "donor-catalog search by blood group and eye colour times out; clinic staff cannot shortlist donors"},
			alert:   4.6,
			commits: []Commit{
				{SHA: "d3f7b0", Parents: []string{"d2c115"}, Author: "dependabot[bot]", Date: hrs(3.5), Message: "build(deps): bump jackson-databind from 2.17.1 to 2.17.2",
					Files: []File{{Path: "pom.xml", Patch: patch(
						"      <version>2.17.1</version>",
						"      <version>2.17.2</version>")}}},
				{SHA: "d2c115", Parents: []string{"d1a9e4"}, Author: "ingrid", Date: hrs(3), Message: "db: drop redundant donor index",
					Files: []File{{Path: "src/main/resources/db/migration/V42__drop_redundant_index.sql", Status: "added", Patch: patch("",
						"DROP INDEX IF EXISTS donors_blood_group_eye_colour_idx;")}}},
				{SHA: "d1a9e4", Parents: []string{"d0e002"}, Author: "ingrid", Date: hrs(1), Message: "docs: search API examples",
					Files: []File{{Path: "docs/search-api.md", Patch: patch("", "GET /v1/donors?bloodGroup=O-&eyeColour=green")}}},
			},
			deploys: []Deploy{
				{SHA: "d1a9e4", At: hrs(1.2), Environment: "production"},
				{SHA: "d3f7b0", At: hrs(4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 5*time.Minute, firstFailing: "donor-catalog",
				callPath:  []string{"clinic-portal", "donor-catalog"},
				signature: "canceling statement due to statement timeout on SELECT donors (client), after 3000 ms",
				logs: []string{
					"donor-catalog WARN: slow query (>1000 ms): SELECT ... FROM donors WHERE blood_group = ? AND eye_colour = ?",
					"donor-catalog ERROR: search failed: statement timeout",
				}},
			want: "d2c115",
		},
		{
			name: "salt mine: token refresh stretched to 12h against an 8h token; readings fail 8 hours after the deploy", heldOut: true,
			service: "gas-monitor",
			sig:     Signal{Title: "Methane readings missing from the surface safety dashboard", Text: "gas-monitor stopped forwarding readings from level -300; telemetry-store rejects its batches"},
			alert:   9.8,
			commits: []Commit{
				{SHA: "m5d210", Parents: []string{"m3a88f"}, Author: "luis", Date: hrs(8), Message: "docs: CO alarm thresholds per gallery",
					Files: []File{{Path: "gas-monitor/docs/thresholds.md", Patch: patch("", "| -300 | CO | 25 ppm |")}}},
				{SHA: "m3a88f", Parents: []string{"m2c019"}, Author: "carmen", Date: hrs(1), Message: "gas-monitor: reduce token refresh chatter",
					Files: []File{{Path: "gas-monitor/internal/auth/refresh.go", Patch: patch(
						"const tokenRefreshEvery = 1 * time.Hour",
						"const tokenRefreshEvery = 12 * time.Hour")}}},
				{SHA: "m2c019", Parents: []string{"m1b7aa"}, Author: "luis", Date: hrs(0.5), Message: "ci: cache Go modules between runs",
					Files: []File{{Path: ".github/workflows/build.yml", Patch: patch("", "      - uses: actions/cache@v4\n        with:\n          path: ~/go/pkg/mod")}}},
			},
			deploys: []Deploy{{SHA: "m3a88f", At: hrs(1.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 32*time.Minute, firstFailing: "gas-monitor",
				callPath:  []string{"gas-monitor", "telemetry-store"},
				signature: "401 Unauthorized: token expired on POST /v1/readings (client), after 11 ms",
				logs: []string{
					"gas-monitor ERROR: telemetry-store rejected batch: 401 token expired",
					"gas-monitor WARN: buffering readings locally (<n> pending)",
				}},
			want: "m3a88f",
		},
		{
			name: "chess tournament: rating lookup timeout cut to 200 ms; a later tiebreak display change is innocent", heldOut: true,
			service: "pairing-api",
			sig:     Signal{Title: "Round 1 pairings fail to generate", Text: "pairing-api errors when arbiters generate round 1 at the Valmora Open; rating lookups time out"},
			alert:   4.7,
			commits: []Commit{
				{SHA: "c4e6f1", Parents: []string{"c3b2d8"}, Author: "anya", Date: hrs(3.6), Message: "standings: show Buchholz cut-1 tiebreak",
					Files: []File{{Path: "src/standings/Tiebreaks.tsx", Patch: patch(
						"      <td>{row.buchholz}</td>",
						"      <td>{row.buchholz}</td>\n      <td>{row.buchholzCut1}</td>")}}},
				{SHA: "c3b2d8", Parents: []string{"c2a0c7"}, Author: "anya", Date: hrs(3.2), Message: "chore: update eslint config",
					Files: []File{{Path: ".eslintrc.json", Patch: patch("  \"extends\": [\"eslint:recommended\"]", "  \"extends\": [\"eslint:recommended\", \"plugin:@typescript-eslint/recommended\"]")}}},
				{SHA: "c2a0c7", Parents: []string{"c1f93b"}, Author: "miroslav", Date: hrs(2), Message: "ratings: fail fast on slow rating lookups",
					Files: []File{{Path: "src/ratings/client.ts", Patch: patch(
						"const RATING_LOOKUP_TIMEOUT_MS = 2000;",
						"const RATING_LOOKUP_TIMEOUT_MS = 200;")}}},
			},
			deploys: []Deploy{
				{SHA: "c2a0c7", At: hrs(2.5), Environment: "production"},
				{SHA: "c4e6f1", At: hrs(4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 30*time.Minute, firstFailing: "pairing-api",
				callPath:  []string{"arbiter-console", "pairing-api", "rating-service"},
				signature: "TimeoutError: rating lookup exceeded deadline on GET /ratings/{fideId} (client), after 200 ms",
				logs: []string{
					"pairing-api ERROR: cannot pair round <n>: rating lookup timed out for <count> players",
				}},
			want: "c2a0c7",
		},
		{
			name: "lighthouse monitoring: the ingest TLS certificate expired at 06:00; a handshake-logging deploy is innocent", heldOut: true,
			service: "beacon-ingest",
			sig:     Signal{Title: "No heartbeats from offshore lighthouses", Text: "beacon-ingest stopped receiving status reports from 14 lighthouses; stations report TLS handshake failures"},
			alert:   6.3,
			commits: []Commit{
				{SHA: "b8e0c3", Parents: []string{"b7d4a1"}, Author: "yann", Date: hrs(5), Message: "ingest: log TLS handshake failures with station id",
					Files: []File{{Path: "internal/listener/tls.go", Patch: patch(
						"\t\tlog.Printf(\"tls handshake: %v\", err)",
						"\t\tlog.Printf(\"tls handshake: station=%s: %v\", stationID(conn), err)")}}},
				{SHA: "b7d4a1", Parents: []string{"b6f2e9"}, Author: "maelle", Date: hrs(2), Message: "readme: station onboarding steps",
					Files: []File{{Path: "README.md", Patch: patch("", "4. Add the station's serial to stations.yaml")}}},
			},
			deploys: []Deploy{{SHA: "b8e0c3", At: hrs(5.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 6 * time.Hour, firstFailing: "beacon-ingest",
				callPath:  []string{"station-agent", "beacon-ingest"},
				signature: "x509: certificate has expired or is not yet valid on POST /v2/heartbeat (server), after 38 ms",
				logs: []string{
					"beacon-ingest ERROR: http: TLS handshake error from <ip>: remote error: tls: bad certificate",
					"station-agent ERROR: x509: certificate has expired: current time 2031-03-14T06:00:12Z is after 2031-03-14T06:00:00Z",
				}},
			want: "", wantOps: "certificate",
		},
		{
			name: "sailing school: the wind forecast provider is down; a gust display change deployed just before is innocent", heldOut: true,
			service: "lesson-planner",
			sig:     Signal{Title: "Tomorrow's dinghy lessons not scheduled", Text: "lesson-planner cannot fetch wind forecasts for the bay; no sessions planned for tomorrow"},
			alert:   11.2,
			commits: []Commit{
				{SHA: "w6a1f4", Parents: []string{"w5c330"}, Author: "keira", Date: hrs(10), Message: "planner: show gust speed on lesson cards",
					Files: []File{{Path: "web/src/components/LessonCard.tsx", Patch: patch(
						"  <span>{forecast.windKn} kn</span>",
						"  <span>{forecast.windKn} kn (gusts {forecast.gustKn})</span>")}}},
				{SHA: "w5c330", Parents: []string{"w4e812"}, Author: "tomas", Date: hrs(7), Message: "test: fixtures for offshore wind warnings",
					Files: []File{{Path: "planner/tests/fixtures/offshore_warning.json", Status: "added", Patch: patch("", "{\"spot\": \"east-bay\", \"windKn\": 28, \"warning\": true}")}}},
			},
			deploys: []Deploy{{SHA: "w6a1f4", At: hrs(10.3), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 40*time.Minute, firstFailing: "windcast-api",
				callPath:  []string{"lesson-planner", "windcast-api"},
				signature: "503 Service Unavailable on GET /v3/forecast (client), after 1200 ms",
				logs: []string{
					"lesson-planner ERROR: forecast provider windcast returned 503 for spot <id>",
					"lesson-planner WARN: no forecast for <date>, skipping lesson planning",
				}},
			want: "",
		},
		{
			name: "typesetting: the render scratch volume filled up with one atlas job's images; a layout-default deploy is innocent", heldOut: true,
			service: "render-farm",
			sig:     Signal{Title: "Book PDFs failing to render", Text: "render-farm jobs fail for every title since 14:20; writes to the scratch volume fail"},
			alert:   14.6,
			commits: []Commit{
				{SHA: "t9b4c2", Parents: []string{"t8a6e0"}, Author: "agathe", Date: hrs(13), Message: "layout: widow and orphan control defaults to 2 lines",
					Files: []File{{Path: "render/config/layout.yaml", Patch: patch(
						"widow_lines: 1\norphan_lines: 1",
						"widow_lines: 2\norphan_lines: 2")}}},
				{SHA: "t8a6e0", Parents: []string{"t7f115"}, Author: "jonas", Date: hrs(9), Message: "render: rename JobState.DONE to JobState.SUCCEEDED",
					Files: []File{{Path: "render/jobs.py", Patch: patch(
						"    DONE = \"done\"",
						"    SUCCEEDED = \"done\"")}}},
			},
			deploys: []Deploy{{SHA: "t9b4c2", At: hrs(13.6), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 20*time.Minute, firstFailing: "render-farm",
				callPath:  []string{"production-desk", "render-farm"},
				signature: "OSError: [Errno 28] No space left on device on write /scratch/jobs (server), after 7 ms",
				logs: []string{
					"render-farm ERROR: write /scratch/jobs/<id>/page-<n>.pdf: no space left on device",
					"render-farm WARN: scratch volume 100% used; largest job atlas-of-the-hebrides uses 212 GB of images",
				},
				surges: []MetricShift{{Service: "render-farm", Name: "scratch_disk_used_bytes", Direction: "up", Ratio: 1.9, At: hrs(14.2)}}},
			want: "",
		},
	}
}

func TestCulpritCasesNinthBatch(t *testing.T) {
	runHeldOutBatch(t, "ninth", culpritCasesNinthBatch())
}
