package triage

// culprit_cases11_test.go is an eleventh held-out batch (10 cases) written
// by a helper that did not read the rules: Helm values, a removed guard, a
// cache TTL, a retry storm from another repository, four operational
// causes. First run: 9/10, no innocent commit blamed (one abstention: the
// retry storm lives in the caller's repository while the loud service is
// the one called).

import (
	"testing"
	"time"
)

// culpritCasesEleventhBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesEleventhBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "dog grooming: a Helm values cost cut shrinks the DB pool to 6; a docs commit and an add-on filter are innocent", heldOut: true,
			service: "booking-api",
			sig:     Signal{Title: "Grooming booking page can't load free slots", Text: "booking-api returns 500 on slot search; customers see 'no appointments available' for every salon"},
			alert:   21,
			commits: []Commit{
				{SHA: "d7e21a0", Parents: []string{"c94b3f2"}, Author: "marisol", Date: hrs(19), Message: "docs: document grooming add-on codes",
					Files: []File{{Path: "docs/addons.md", Patch: patch("", "| NAIL | Nail clipping | 10 min |\n| TEETH | Teeth brushing | 5 min |")}}},
				{SHA: "c94b3f2", Parents: []string{"b10a8de"}, Author: "ketil", Date: hrs(18), Message: "helm: right-size booking-api after cost review",
					Files: []File{{Path: "deploy/helm/booking-api/values.yaml", Patch: patch("    maxOpenConns: 60\n    maxIdleConns: 20", "    maxOpenConns: 6\n    maxIdleConns: 2")}}},
				{SHA: "b10a8de", Parents: []string{"a0f3311"}, Author: "priyanka", Date: hrs(15), Message: "slots: hide dog-only add-ons for cats",
					Files: []File{{Path: "web/src/slots/AddOnList.tsx", Patch: patch("  return addOns;", "  return addOns.filter((a) => a.species.includes(pet.species));")}}},
			},
			deploys: []Deploy{
				{SHA: "d7e21a0", At: hrs(19.5), Environment: "production"},
				{SHA: "b10a8de", At: hrs(15.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 20*time.Hour + 45*time.Minute, firstFailing: "booking-api", callPath: []string{"web", "booking-api", "postgres"},
				signature: "timed out acquiring connection from pool on SELECT free_slots (client), after 2000 ms",
				logs:      []string{"ERROR pgxpool: acquire timeout, 6/6 connections in use", "WARN slot search failed, returning empty availability"}},
			want: "c94b3f2",
		},
		{
			name: "aquaponics: a 'simplify parser' commit drops the pH range guard so a glitching probe's -1.0 drives dosing; tests and a dashboard rename are innocent", heldOut: true,
			service: "dosing-planner",
			sig:     Signal{Title: "Dosing planner ordering huge pH-down doses", Text: "dosing-planner scheduled 40x the normal acid dose for grow bed 3; dosing pumps paused by hand"},
			alert:   34,
			commits: []Commit{
				{SHA: "5e0c7d1", Parents: []string{"4b2a9f6"}, Author: "oyelaran", Date: hrs(30), Message: "tests: fixtures for two-point pH calibration",
					Files: []File{{Path: "services/dosing-planner/tests/test_calibration.py", Patch: patch("", "def test_two_point_calibration():\n    assert calibrate(4.01, 6.86).slope == pytest.approx(0.98, rel=1e-2)")}}},
				{SHA: "4b2a9f6", Parents: []string{"39d8e55"}, Author: "hedda", Date: hrs(28), Message: "readings: simplify reading parser",
					Files: []File{{Path: "services/dosing-planner/dosing/readings.py", Patch: patch(
						"    reading.ph = parse_float(raw.get(\"ph\"))\n    if reading.ph is None or not (0.0 <= reading.ph <= 14.0):\n        raise InvalidReading(f\"ph out of range: {reading.ph}\")",
						"    reading.ph = float(raw[\"ph\"])")}}},
				{SHA: "39d8e55", Parents: []string{"2c7710b"}, Author: "oyelaran", Date: hrs(27), Message: "dashboards: rename grow bed panels",
					Files: []File{{Path: "grafana/dashboards/growbeds.yaml", Patch: patch("    title: Bed 3", "    title: Grow bed 3 (lettuce)")}}},
			},
			deploys: []Deploy{{SHA: "5e0c7d1", At: hrs(30.3), Environment: "production", Service: "dosing-planner"}},
			ev: caseEvidence{onsetAfter: 33*time.Hour + 30*time.Minute, firstFailing: "dosing-planner", callPath: []string{"sensor-ingest", "dosing-planner", "pump-guard"},
				signature: "dose exceeds pump safety cap on plan_dose (server), after 6 ms",
				logs:      []string{"ERROR planner: ph=-1.0 from probe tank-3 produced dose 412 ml", "WARN pump-guard: requested 412 ml pH-down exceeds cap 25 ml, clipping"}},
			want: "4b2a9f6",
		},
		{
			name: "ferris wheels: ride state cache TTL raised from 5 s to 15 min, boards show OPEN during a wind hold; a CI pin and a translation are innocent", heldOut: true,
			service: "ride-status",
			sig:     Signal{Title: "Queue boards show Big Wheel open during wind hold", Text: "Guests queued 20 minutes at the Big Wheel while it was stopped for wind; boards and the park app kept saying OPEN"},
			alert:   14.6,
			commits: []Commit{
				{SHA: "e8812fa", Parents: []string{"d4f0b3c"}, Author: "wren", Date: hrs(12), Message: "ci: pin golangci-lint to v1.59.1",
					Files: []File{{Path: ".github/workflows/lint.yml", Patch: patch("          version: latest", "          version: v1.59.1")}}},
				{SHA: "d4f0b3c", Parents: []string{"c27a9e4"}, Author: "bastien", Date: hrs(10), Message: "status: cache ride state longer to cut controller polling",
					Files: []File{{Path: "internal/status/cache.go", Patch: patch("const rideStateTTL = 5 * time.Second", "const rideStateTTL = 15 * time.Minute")}}},
				{SHA: "c27a9e4", Parents: []string{"b9e0417"}, Author: "lucia", Date: hrs(9), Message: "i18n: Spanish ride names",
					Files: []File{{Path: "locales/es.yaml", Patch: patch("", "big_wheel: \"Noria Grande\"")}}},
			},
			deploys: []Deploy{{SHA: "e8812fa", At: hrs(12.4), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 10*time.Minute, firstFailing: "ride-status", callPath: []string{"queue-board", "ride-status", "ride-controller-gw"},
				signature: "stale state OPEN served while controller reports WIND_HOLD on GET /v1/rides/{id}/state (server), after 1 ms",
				logs:      []string{"WARN board-sync: cached ride state age 812 s, controller state changed 640 s ago", "WARN ride-controller-gw: state change WIND_HOLD not reflected by ride-status"}},
			want: "d4f0b3c",
		},
		{
			name: "beekeeping co-ops: loud honey-inventory just deployed a harmless field, but order-portal's retry change (10 attempts, no backoff) storms it", heldOut: true,
			service: "honey-inventory",
			sig:     Signal{Title: "honey-inventory overloaded, shop orders failing", Text: "honey-inventory returns 503 to most lot availability calls; members can't order jars from the co-op shop"},
			alert:   15.8,
			commits: []Commit{
				{Repo: "combhive/honey-inventory", SHA: "h71c0d2", Parents: []string{"h5a33e1"}, Author: "ines", Date: hrs(15), Message: "lots: include jar size in availability response",
					Files: []File{{Path: "src/main/java/coop/honey/lots/LotView.java", Patch: patch("    return new LotView(lot.id(), lot.kg());", "    return new LotView(lot.id(), lot.kg(), lot.jarSizeGrams());")}}},
				{Repo: "combhive/order-portal", SHA: "p3e9b47", Parents: []string{"p2c11f0"}, Author: "tobiah", Date: hrs(14), Message: "checkout: retry inventory lookups harder so carts don't fail",
					Files: []File{{Path: "src/clients/inventory.ts", Patch: patch("const retry = { attempts: 2, backoffMs: 250, jitter: true };", "const retry = { attempts: 10, backoffMs: 0, jitter: false };")}}},
				{Repo: "combhive/honey-inventory", SHA: "h5a33e1", Parents: []string{"h4d9c70"}, Author: "ines", Date: hrs(8), Message: "build: bump gradle wrapper to 8.7",
					Files: []File{{Path: "gradle/wrapper/gradle-wrapper.properties", Patch: patch("distributionUrl=https\\://services.gradle.org/distributions/gradle-8.6-bin.zip", "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.7-bin.zip")}}},
			},
			deploys: []Deploy{
				{SHA: "h71c0d2", At: hrs(15.2), Environment: "production"},
				{SHA: "p3e9b47", At: hrs(14.8), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 15*time.Hour + 30*time.Minute, firstFailing: "honey-inventory", callPath: []string{"order-portal", "honey-inventory"},
				signature: "503 Service Unavailable on GET /v1/lots/availability (server), after 30 ms",
				logs:      []string{"WARN order-portal: inventory lookup failed, retrying (attempt 7/10)", "ERROR honey-inventory: request queue full, rejecting"},
				surges: []MetricShift{
					{Service: "order-portal", Name: "inventory_client_retries_total", Direction: "up", Ratio: 22, At: hrs(15.5)},
					{Service: "honey-inventory", Name: "http_requests_per_second", Direction: "up", Ratio: 8.3, At: hrs(15.5)},
				}},
			want: "p3e9b47",
		},
		{
			name: "quarries: scale read timeout cut from 8 s to 800 ms, trucks leave without weights; debug logging and a Terraform lifecycle rule are innocent", heldOut: true,
			service: "weighbridge-api",
			sig:     Signal{Title: "Trucks stuck at weighbridge, tickets not printing", Text: "weighbridge-api fails to read the scale; drivers are waved through the north gate without tickets"},
			alert:   41,
			commits: []Commit{
				{SHA: "q8f2c11", Parents: []string{"q7b09d4"}, Author: "dragana", Date: hrs(40), Message: "ScaleClient: log ticket number at debug",
					Files: []File{{Path: "src/Weighbridge/ScaleClient.cs", Patch: patch("", "        _log.LogDebug(\"ticket {Ticket} read started\", ticket.Number);")}}},
				{SHA: "q7b09d4", Parents: []string{"q61e7a5"}, Author: "mthunzi", Date: hrs(38), Message: "ScaleClient: fail fast on slow scale reads",
					Files: []File{{Path: "src/Weighbridge/ScaleClient.cs", Patch: patch("    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(8);", "    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(800);")}}},
				{SHA: "q61e7a5", Parents: []string{"q5c2d88"}, Author: "dragana", Date: hrs(37), Message: "infra: lifecycle rule for ticket archive bucket",
					Files: []File{{Path: "infra/tickets.tf", Patch: patch("", "resource \"aws_s3_bucket_lifecycle_configuration\" \"tickets\" {\n  bucket = aws_s3_bucket.tickets.id\n  rule {\n    id     = \"glacier-after-90d\"\n    status = \"Enabled\"\n  }\n}")}}},
			},
			deploys: []Deploy{{SHA: "q8f2c11", At: hrs(40.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 40*time.Hour + 30*time.Minute, firstFailing: "weighbridge-api", callPath: []string{"gate-kiosk", "weighbridge-api", "scale-controller"},
				signature: "TaskCanceledException: read timed out on ReadStableWeight (client), after 800 ms",
				logs:      []string{"ERROR scale read cancelled after 800 ms, weight not yet stable", "WARN ticket issued without weight, manual entry required"}},
			want: "q7b09d4",
		},
		{
			name: "knitting yarn shops: a migration drops the colorway index, sale searches seq-scan; an undeployed query rewrite, CSS and a Rust thumbnail tweak are innocent", heldOut: true,
			service: "yarn-catalog",
			sig:     Signal{Title: "Yarn shop search hanging during the spring sale", Text: "Searching by colorway spins for seconds then errors; yarn-catalog p99 above 5 s"},
			alert:   53,
			commits: []Commit{
				{SHA: "y9d3e02", Parents: []string{"y8a71bc"}, Author: "solveig", Date: hrs(55), Message: "search: rewrite colorway query with a CTE",
					Files: []File{{Path: "src/search/colorway.sql", Patch: patch("SELECT * FROM skeins WHERE colorway_id = $1 AND weight = $2;", "WITH c AS (SELECT id FROM colorways WHERE slug = $1)\nSELECT s.* FROM skeins s JOIN c ON s.colorway_id = c.id WHERE s.weight = $2;")}}},
				{SHA: "y8a71bc", Parents: []string{"y7c4f90"}, Author: "amara", Date: hrs(52), Message: "web: restyle fibre filter chips",
					Files: []File{{Path: "web/src/components/FilterChips.tsx", Patch: patch("  borderRadius: 4,", "  borderRadius: 999,")}}},
				{SHA: "y7c4f90", Parents: []string{"y6e20d8"}, Author: "solveig", Date: hrs(50), Message: "migrations: drop unused index on skeins",
					Files: []File{{Path: "migrations/0142_drop_skeins_colorway_idx.sql", Patch: patch("", "DROP INDEX CONCURRENTLY IF EXISTS idx_skeins_colorway_weight;")}}},
				{SHA: "y6e20d8", Parents: []string{"y5b1a03"}, Author: "amara", Date: hrs(47), Message: "thumbs: raise webp quality for yarn photos",
					Files: []File{{Path: "thumbs/src/encode.rs", Patch: patch("    let quality = 72.0;", "    let quality = 85.0;")}}},
			},
			deploys: []Deploy{
				{SHA: "y8a71bc", At: hrs(52.5), Environment: "production"},
				{SHA: "y6e20d8", At: hrs(47.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 52*time.Hour + 40*time.Minute, firstFailing: "yarn-catalog", callPath: []string{"web", "yarn-catalog", "postgres"},
				signature: "canceling statement due to statement timeout on SELECT skeins by colorway_id, weight (client), after 5000 ms",
				logs:      []string{"WARN slow query 4.8 s: Seq Scan on skeins (rows=2100000)", "ERROR search colorway failed: statement timeout"}},
			want: "y7c4f90",
		},

		// --- no commit to blame ---
		{
			name: "stained glass studios: the glass supplier's TLS certificate expired; a quote-request field added an hour earlier is innocent", heldOut: true,
			service: "studio-shop",
			sig:     Signal{Title: "Glass sheet quotes failing at checkout", Text: "studio-shop can't get supplier quotes for cathedral glass sheets; custom window orders are stuck"},
			alert:   6.3,
			commits: []Commit{
				{SHA: "s4b1e7a", Parents: []string{"s3a09c2"}, Author: "fenna", Date: hrs(5), Message: "quotes: send pane thickness to supplier API",
					Files: []File{{Path: "internal/supplier/quote.go", Patch: patch("\treq := QuoteRequest{SKU: sku, Qty: qty}", "\treq := QuoteRequest{SKU: sku, Qty: qty, ThicknessMM: pane.ThicknessMM}")}}},
				{SHA: "s3a09c2", Parents: []string{"s2f7d51"}, Author: "gideon", Date: hrs(3), Message: "docs: note supplier sandbox URL",
					Files: []File{{Path: "docs/supplier.md", Patch: patch("", "Sandbox: https://sandbox.glasscut-supplies.example/v2")}}},
			},
			deploys: []Deploy{{SHA: "s4b1e7a", At: hrs(5.3), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 6 * time.Hour, firstFailing: "studio-shop", callPath: []string{"studio-shop", "glasscut-supplies-api"},
				signature: "x509: certificate has expired or is not yet valid on POST api.glasscut-supplies.example/v2/quotes (client), after 41 ms",
				logs:      []string{"ERROR supplier quote: tls: failed to verify certificate: x509: certificate has expired (notAfter 2031-03-14T06:00:00Z)"}},
			want:    "",
			wantOps: "certificate",
		},
		{
			name: "glassblowing: the annealer log volume filled with nightly snapshots; a write-batching change is innocent", heldOut: true,
			service: "kiln-logger",
			sig:     Signal{Title: "Annealer firing curves not being recorded", Text: "kiln-logger stopped saving firing curves for the annealers; the studio can't prove annealing for commissioned pieces"},
			alert:   26.5,
			commits: []Commit{
				{SHA: "k5d7a30", Parents: []string{"k4c6f12"}, Author: "ottilie", Date: hrs(20), Message: "writer: flush curve samples every 5 s instead of every second",
					Files: []File{{Path: "kiln_logger/writer.py", Patch: patch("        self._flush_every_s = 1", "        self._flush_every_s = 5")}}},
				{SHA: "k4c6f12", Parents: []string{"k3b5e01"}, Author: "rasmus", Date: hrs(18), Message: "helm: add prometheus scrape annotations",
					Files: []File{{Path: "deploy/helm/kiln-logger/values.yaml", Patch: patch("podAnnotations: {}", "podAnnotations:\n  prometheus.io/scrape: \"true\"\n  prometheus.io/port: \"9102\"")}}},
			},
			deploys: []Deploy{{SHA: "k5d7a30", At: hrs(20.4), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 26 * time.Hour, firstFailing: "kiln-logger", callPath: []string{"annealer-bridge", "kiln-logger"},
				signature: "ENOSPC: no space left on device on write /var/lib/kiln-logger/curves (server), after 2 ms",
				logs:      []string{"ERROR write curve segment: [Errno 28] No space left on device", "WARN volume /var/lib/kiln-logger 100% used, snapshots/ holds 212 GiB"},
				surges:    []MetricShift{{Service: "kiln-logger", Name: "volume_used_bytes", Direction: "up", Ratio: 1.9, At: hrs(25)}}},
			want: "",
		},
		{
			name: "skate parks: a free bowl-jam announcement brings 16x booking traffic; a waitlist button deployed two hours earlier is innocent", heldOut: true,
			service: "session-booking",
			sig:     Signal{Title: "Skate park session booking returning 503", Text: "Booking Saturday's free bowl jam sessions fails for most skaters since the announcement post went out"},
			alert:   11.3,
			commits: []Commit{
				{SHA: "r2f8e61", Parents: []string{"r1c0a47"}, Author: "jaylen", Date: hrs(9), Message: "booking: add waitlist button for full sessions",
					Files: []File{{Path: "web/src/booking/SessionCard.tsx", Patch: patch("      {full && <span>Full</span>}", "      {full && <WaitlistButton sessionId={s.id} />}")}}},
				{SHA: "r1c0a47", Parents: []string{"r0e9b36"}, Author: "mireille", Date: hrs(8), Message: "chore: update CODEOWNERS for booking",
					Files: []File{{Path: ".github/CODEOWNERS", Patch: patch("/web/src/booking/ @skatepark/web", "/web/src/booking/ @skatepark/web @skatepark/bookings")}}},
			},
			deploys: []Deploy{{SHA: "r2f8e61", At: hrs(9.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 11 * time.Hour, firstFailing: "session-booking", callPath: []string{"web", "session-booking"},
				signature: "503 Service Unavailable: load shed on POST /v1/sessions/book (server), after 3 ms",
				logs:      []string{"WARN admission control: queue depth 4800 > 500, shedding request"},
				surges:    []MetricShift{{Service: "session-booking", Name: "http_requests_per_second", Direction: "up", Ratio: 16, At: hrs(11)}}},
			want: "",
		},
		{
			name: "choir rehearsal booking: the SMS provider account's monthly quota is used up; an SMS SDK bump is innocent", heldOut: true,
			service: "rehearsal-notify",
			sig:     Signal{Title: "Choir members not getting rehearsal SMS reminders", Text: "No SMS reminders went out for tonight's rehearsals; rehearsal-notify errors when calling the SMS provider"},
			alert:   25.5,
			commits: []Commit{
				{SHA: "n6a2b19", Parents: []string{"n5f0e88"}, Author: "aurelio", Date: hrs(22), Message: "deps: bump smsgate-go to v4.3.0",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/smsgate/smsgate-go/v4 v4.2.1", "\tgithub.com/smsgate/smsgate-go/v4 v4.3.0")}}},
				{SHA: "n5f0e88", Parents: []string{"n4d1c67"}, Author: "brigid", Date: hrs(21), Message: "test: reminder template for rooms without a floor",
					Files: []File{{Path: "internal/reminder/template_test.go", Patch: patch("", "func TestTemplateNoFloor(t *testing.T) {\n\tif got := render(Reminder{Room: \"Aula\"}); strings.Contains(got, \"floor\") {\n\t\tt.Fatal(got)\n\t}\n}")}}},
			},
			deploys: []Deploy{{SHA: "n6a2b19", At: hrs(22.3), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 25 * time.Hour, firstFailing: "rehearsal-notify", callPath: []string{"rehearsal-notify", "smsgate-api"},
				signature: "429 Too Many Requests: monthly message quota exhausted on POST /v3/messages (client), after 95 ms",
				logs:      []string{"ERROR sms send failed: QUOTA_EXCEEDED account cantare-prod used 20000/20000 messages this month"}},
			want:    "",
			wantOps: "quota",
		},
	}
}

func TestCulpritCasesEleventhBatch(t *testing.T) {
	runHeldOutBatch(t, "eleventh", culpritCasesEleventhBatch())
}
