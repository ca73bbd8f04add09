package triage

// culprit_cases10_test.go is a tenth held-out batch (10 cases) written by
// a helper that did not read the rules. First run: 4/10, three innocent
// commits blamed and three abstentions: a web change read as a query
// change because "format" contains "orm"; a DNS failure spelled
// UnknownHostException and "Name or service not known" not read as one; an
// upstream answering 503 not read as an upstream outage, beside which a
// retry change of ours was blamed. After word-start anchors for short
// diff cues, more spellings of name-resolution failures, "<api> returned
// 503" as an upstream outage and only address or timeout changes allowed
// beside one: 7/10, none blamed (the three abstentions remain: a string
// ETA across repositories, a Terraform ingress narrowed to a /24, a per
// mille conversion). It has tuned rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

// culpritCasesTenthBatch are held-out culprit cases written without reading
// the rule: six with a culprit among decoys, four where no commit is to
// blame although a recent change is tempting.
func culpritCasesTenthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "organ donation logistics: the courier gateway renders ETA as a string; the caller's own span change is innocent", heldOut: true,
			service: "transport-dispatch",
			sig: Signal{Title: "Organ transport ETAs missing on the coordinator board",
				Text: "transport-dispatch cannot show arrival estimates for coolers in transit; ETA column empty for every courier"},
			alert: 5,
			commits: []Commit{
				{SHA: "d7e41a0", Parents: []string{"c93b2f4"}, Author: "ines-q", Date: hrs(4.4), Message: "tracing: add cooler id and hospital code to dispatch spans",
					Files: []File{{Path: "internal/dispatch/handler.go", Patch: patch(
						"\tctx, span := tracer.Start(ctx, \"dispatch.assign\")",
						"\tctx, span := tracer.Start(ctx, \"dispatch.assign\")\n\tspan.SetAttributes(attribute.String(\"cooler.id\", req.CoolerID), attribute.String(\"hospital.code\", req.Hospital))")}}},
				{Repo: "organflow/courier-gateway", SHA: "5f0a9be", Parents: []string{"81cc2d7"}, Author: "bartek-w", Date: hrs(4), Message: "eta: render as human-readable duration for the driver app",
					Files: []File{{Path: "internal/eta/response.go", Patch: patch(
						"\tETA int `json:\"eta_seconds\"`\n\treturn ETAResponse{ETA: int(d.Seconds())}",
						"\tETA string `json:\"eta_seconds\"`\n\treturn ETAResponse{ETA: d.Round(time.Minute).String()}")}}},
				{SHA: "c93b2f4", Parents: []string{"a0d11e9"}, Author: "ines-q", Date: hrs(3), Message: "test: cover ETA rounding near midnight",
					Files: []File{{Path: "internal/eta/eta_test.go", Patch: patch(
						"",
						"func TestETAMidnight(t *testing.T) {\n\tgot := roundETA(23*time.Hour + 59*time.Minute)\n\tif got != 86340 {\n\t\tt.Fatalf(\"got %d\", got)\n\t}\n}")}}},
				{Repo: "organflow/courier-gateway", SHA: "81cc2d7", Parents: []string{"37e0b55"}, Author: "bartek-w", Date: hrs(2), Message: "docs: describe the ETA endpoint",
					Files: []File{{Path: "docs/api/eta.md", Patch: patch("", "`GET /v2/couriers/{id}/eta` returns the estimated time to the receiving hospital.")}}},
			},
			deploys: []Deploy{
				{SHA: "5f0a9be", At: hrs(4.3), Environment: "production"},
				{SHA: "d7e41a0", At: hrs(4.6), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 20*time.Minute, firstFailing: "transport-dispatch",
				callPath:  []string{"transport-dispatch", "courier-gateway"},
				signature: "json: cannot unmarshal string into Go struct field ETAResponse.eta_seconds of type int on GET /v2/couriers/{id}/eta (client), after 38 ms",
				logs:      []string{"ERROR eta decode failed for courier <id>: json: cannot unmarshal string into Go struct field ETAResponse.eta_seconds of type int"}},
			want: "5f0a9be",
		},
		{
			name: "greenhouse robotics: Terraform narrows the MQTT broker ingress to a /24; a handler rename ships alongside", heldOut: true,
			service: "fleet-bridge",
			sig: Signal{Title: "Greenhouse robots dropping off the fleet map",
				Text: "fleet-bridge lost its broker connection; harvest and pruning robots in bays 2-6 show as offline"},
			alert: 5.5,
			commits: []Commit{
				{SHA: "e2b6c18", Parents: []string{"9ad04f3"}, Author: "kofi-a", Date: hrs(4.8), Message: "refactor: rename telemetry handler variables",
					Files: []File{{Path: "fleet-bridge/internal/telemetry/handler.go", Patch: patch(
						"func handle(m mqtt.Message) {\n\tp := m.Payload()\n\treturn decode(p)",
						"func handle(msg mqtt.Message) {\n\tpayload := msg.Payload()\n\treturn decode(payload)")}}},
				{SHA: "9ad04f3", Parents: []string{"4c7e812"}, Author: "sanne-v", Date: hrs(4.5), Message: "infra: restrict mqtt broker ingress to the robot VLAN",
					Files: []File{{Path: "infra/terraform/mqtt/security.tf", Patch: patch(
						"    from_port   = 8883\n    to_port     = 8883\n    cidr_blocks = [\"10.20.0.0/16\"]",
						"    from_port   = 8883\n    to_port     = 8883\n    cidr_blocks = [\"10.20.0.0/24\"]")}}},
				{SHA: "4c7e812", Parents: []string{"0be9d35"}, Author: "kofi-a", Date: hrs(3), Message: "ci: cache Go modules between jobs",
					Files: []File{{Path: ".github/workflows/build.yml", Patch: patch(
						"      - uses: actions/setup-go@v5",
						"      - uses: actions/setup-go@v5\n        with:\n          cache: true")}}},
			},
			deploys: []Deploy{{SHA: "e2b6c18", At: hrs(5.1), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 9*time.Minute, firstFailing: "fleet-bridge",
				callPath:  []string{"fleet-bridge", "mqtt-broker"},
				signature: "dial tcp 10.20.14.7:8883: i/o timeout on CONNECT greenhouse/+/telemetry (client), after 10000 ms",
				logs: []string{
					"ERROR mqtt connect to broker.greenhouse.internal:8883 failed: dial tcp 10.20.14.7:8883: i/o timeout",
					"WARN telemetry buffer at <n>% for robot <id>",
				}},
			want: "9ad04f3",
		},
		{
			name: "marathon timing: a config tidy-up cut the DB pool to 8; it only shows at race start eight hours later", heldOut: true,
			service: "results-api",
			sig: Signal{Title: "Live results stalling on race morning",
				Text: "results-api pages time out for spectators and the split board stops updating minutes after the elite start"},
			alert: 9.5,
			commits: []Commit{
				{SHA: "f4a2c90", Parents: []string{"b81e7d3"}, Author: "joana-r", Date: hrs(8.5), Message: "i18n: Portuguese category names",
					Files: []File{{Path: "results-api/src/main/resources/messages_pt.properties", Patch: patch("", "category.m45=Masculino 45-49\ncategory.f45=Feminino 45-49")}}},
				{SHA: "b81e7d3", Parents: []string{"63cd0a1"}, Author: "lars-h", Date: hrs(1), Message: "config: tidy production settings",
					Files: []File{{Path: "results-api/src/main/resources/application-production.yml", Patch: patch(
						"  datasource:\n    hikari:\n      maximum-pool-size: 40\n      connection-timeout: 3000\n  jackson:\n    serialization.indent_output: true",
						"  datasource:\n    hikari:\n      maximum-pool-size: 8\n      connection-timeout: 3000\n  jackson:\n    serialization.indent_output: false")}}},
				{SHA: "63cd0a1", Parents: []string{"2e90fb4"}, Author: "joana-r", Date: hrs(0.5), Message: "web: show pace per km on the runner page",
					Files: []File{{Path: "web/src/runner/PacePanel.tsx", Patch: patch(
						"  return <Split time={split.time} />;",
						"  const pace = formatPace(split.time / split.distanceKm);\n  return <Split time={split.time} pace={pace} />;")}}},
				{SHA: "2e90fb4", Parents: []string{"d05a6c2"}, Author: "lars-h", Date: hrs(-2), Message: "test: stabilise flaky split fixture",
					Files: []File{{Path: "results-api/src/test/kotlin/SplitRepositoryTest.kt", Patch: patch(
						"        Thread.sleep(50)",
						"        awaitility.await().until { repo.count() == 3 }")}}},
			},
			deploys: []Deploy{
				{SHA: "b81e7d3", At: hrs(1.2), Environment: "production"},
				{SHA: "f4a2c90", At: hrs(8.8), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 20*time.Minute, firstFailing: "results-api",
				callPath:  []string{"results-api", "results-db"},
				signature: "SQLTransientConnectionException: results-pool - Connection is not available on SELECT split_times (client), after 3000 ms",
				logs:      []string{"WARN HikariPool results-pool - Connection is not available, request timed out after 3000ms (total=8, active=8, idle=0, waiting=<n>)"}},
			want: "b81e7d3",
		},
		{
			name: "whale watching: the payment timeout became 0.8 s in a settings rename; a presenter change ships with it", heldOut: true,
			service: "trip-booking",
			sig: Signal{Title: "Whale trip checkouts failing",
				Text: "trip-booking shows 'payment could not be completed' for most checkouts; the card is not charged"},
			alert: 5.5,
			commits: []Commit{
				{SHA: "a61f3d2", Parents: []string{"7c2e9b8"}, Author: "mateo-g", Date: hrs(5), Message: "trips: show sea state on the trip card",
					Files: []File{{Path: "trip_booking/trips/presenters.py", Patch: patch(
						"        return {\"departure\": trip.departure, \"vessel\": trip.vessel.name}",
						"        return {\"departure\": trip.departure, \"vessel\": trip.vessel.name, \"sea_state\": trip.forecast.beaufort}")}}},
				{SHA: "7c2e9b8", Parents: []string{"3f8d0e6"}, Author: "hana-k", Date: hrs(4.8), Message: "payments: align client timeout settings with the other clients",
					Files: []File{
						{Path: "trip_booking/settings/production.py", Patch: patch("PAYMENTS_TIMEOUT = 8  # seconds", "PAYMENTS_TIMEOUT_MS = 800")},
						{Path: "trip_booking/payments/client.py", Patch: patch(
							"        resp = self.session.post(url, json=body, timeout=settings.PAYMENTS_TIMEOUT)",
							"        resp = self.session.post(url, json=body, timeout=settings.PAYMENTS_TIMEOUT_MS / 1000)")},
					}},
				{SHA: "3f8d0e6", Parents: []string{"e05b7a4"}, Author: "mateo-g", Date: hrs(3), Message: "db: index trips by departure date",
					Files: []File{{Path: "trip_booking/migrations/0042_trips_departure_idx.sql", Patch: patch("", "CREATE INDEX CONCURRENTLY IF NOT EXISTS trips_departure_idx ON trips (departure_date);")}}},
			},
			deploys: []Deploy{
				{SHA: "3f8d0e6", At: hrs(3.2), Environment: "production"},
				{SHA: "a61f3d2", At: hrs(5.1), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 12*time.Minute, firstFailing: "trip-booking",
				callPath:  []string{"trip-booking", "orcapay-gateway"},
				signature: "ReadTimeout: HTTPSConnectionPool(host='api.orcapay.example', port=443): Read timed out. (read timeout=0.8) on POST /v1/charges (client), after 800 ms",
				logs:      []string{"ERROR checkout <id> failed: payment provider read timed out (read timeout=0.8)"}},
			want: "7c2e9b8",
		},
		{
			name: "subtitle studios: a cue-order check removed from ingest lets inverted cues reach the renderer", heldOut: true,
			service: "caption-ingest",
			sig: Signal{Title: "Burn-in renders failing for new subtitle uploads",
				Text: "Renders of freshly uploaded subtitle files crash in burn-in-renderer; older jobs re-run fine"},
			alert: 4.5,
			commits: []Commit{
				{SHA: "0c4d8f1", Parents: []string{"92ab6e3"}, Author: "priya-n", Date: hrs(3), Message: "ingest: drop redundant cue checks, the parser already normalises",
					Files: []File{{Path: "caption-ingest/src/srt/validate.ts", Patch: patch(
						"  for (const cue of cues) {\n    if (cue.end <= cue.start) {\n      throw new InvalidCueError(cue.index, \"end before start\");\n    }\n  }\n  return cues;",
						"  return cues;")}}},
				{SHA: "92ab6e3", Parents: []string{"5be17c0"}, Author: "olek-s", Date: hrs(2.5), Message: "chore: bump eslint to 9",
					Files: []File{{Path: "caption-ingest/package.json", Patch: patch("    \"eslint\": \"^8.57.0\",", "    \"eslint\": \"^9.4.0\",")}}},
				{SHA: "5be17c0", Parents: []string{"18f3a29"}, Author: "priya-n", Date: hrs(1), Message: "docs: SDH tag style guide",
					Files: []File{{Path: "caption-ingest/docs/sdh-style.md", Patch: patch("", "Use square brackets for sound effects: [door slams].")}}},
			},
			deploys: []Deploy{{SHA: "0c4d8f1", At: hrs(3.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 4 * time.Hour, firstFailing: "burn-in-renderer",
				callPath:  []string{"caption-ingest", "burn-in-renderer"},
				signature: "ValueError: negative cue duration -1.240s on POST /renders (server), after 9 ms",
				logs: []string{
					"ERROR render job <id> failed: ValueError: negative cue duration <n>s (cue <n>)",
					"WARN caption-ingest accepted file <id> with <n> cues out of order",
				}},
			want: "0c4d8f1",
		},
		{
			name: "perfume labs: concentrations now computed per mille while the checker still expects percent", heldOut: true,
			service: "formula-service",
			sig: Signal{Title: "Perfume batches rejected by the IFRA check",
				Text: "formula-service rejects nearly every new batch as over the allergen limits, including formulas unchanged for years"},
			alert: 7.5,
			commits: []Commit{
				{SHA: "8e3b1c7", Parents: []string{"4d92fa0"}, Author: "amelie-d", Date: hrs(7), Message: "formulas: add notes column",
					Files: []File{{Path: "db/migrations/V58__formula_notes.sql", Patch: patch("", "ALTER TABLE formulas ADD COLUMN notes TEXT;")}}},
				{SHA: "4d92fa0", Parents: []string{"c17e6b5"}, Author: "yusuf-t", Date: hrs(6.5), Message: "formula: express concentrations per mille for the IFRA 51 sheet",
					Files: []File{{Path: "src/main/kotlin/lab/formula/Concentration.kt", Patch: patch(
						"    fun of(ingredientGrams: Double, batchGrams: Double): Double =\n        ingredientGrams / batchGrams * 100.0",
						"    fun of(ingredientGrams: Double, batchGrams: Double): Double =\n        ingredientGrams / batchGrams * 1000.0")}}},
				{SHA: "c17e6b5", Parents: []string{"6a05d2e"}, Author: "amelie-d", Date: hrs(6), Message: "refactor: extract BatchValidator from BatchService",
					Files: []File{
						{Path: "src/main/kotlin/lab/batch/BatchService.kt", Patch: patch(
							"        require(limits.allows(batch)) { \"over IFRA limit\" }",
							"        validator.validate(batch)")},
						{Path: "src/main/kotlin/lab/batch/BatchValidator.kt", Patch: patch(
							"",
							"class BatchValidator(private val limits: IfraLimits) {\n    fun validate(batch: Batch) = require(limits.allows(batch)) { \"over IFRA limit\" }\n}")},
					}},
			},
			deploys: []Deploy{{SHA: "8e3b1c7", At: hrs(7.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 20*time.Minute, firstFailing: "formula-service",
				signature: "422 Unprocessable Entity on POST /v1/batches/validate (server), after 14 ms",
				logs:      []string{"WARN batch <id> rejected: <ingredient> at <n>% exceeds IFRA limit <n>%"}},
			want: "4d92fa0",
		},

		// --- no commit to blame ---
		{
			name: "hot-air balloons: the weather provider's certificate expired at 06:00; a shared-transport change is innocent", heldOut: true,
			service: "flight-ops-api",
			sig: Signal{Title: "Balloon launch board has no weather",
				Text: "flight-ops-api cannot fetch METAR observations; the go/no-go panel is blank for all launch sites"},
			alert: 6.2,
			commits: []Commit{
				{SHA: "b5d07e2", Parents: []string{"19ca4f8"}, Author: "deniz-o", Date: hrs(5), Message: "weather: reuse one HTTP transport across METAR polls",
					Files: []File{{Path: "internal/weather/metar.go", Patch: patch(
						"\tclient := &http.Client{Timeout: 10 * time.Second}",
						"\tclient := &http.Client{Timeout: 10 * time.Second, Transport: sharedTransport}")}}},
				{SHA: "19ca4f8", Parents: []string{"70e3ab1"}, Author: "maud-l", Date: hrs(3), Message: "config: add Uchisar launch site",
					Files: []File{{Path: "config/sites.yaml", Patch: patch("", "- id: uchisar\n  icao: LTAZ\n  max_surface_wind_kt: 8")}}},
			},
			deploys: []Deploy{{SHA: "b5d07e2", At: hrs(5.1), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 6 * time.Hour, firstFailing: "flight-ops-api",
				callPath:  []string{"flight-ops-api", "skyfeed-weather"},
				signature: "x509: certificate has expired or is not yet valid on GET /api/data/metar (client), after 41 ms",
				logs:      []string{"ERROR metar poll failed: Get \"https://wx.skyfeed.example/api/data/metar\": x509: certificate has expired or is not yet valid: current time 2031-03-14T06:00:09Z is after 2031-03-14T06:00:00Z"}},
			want:    "",
			wantOps: "certificate",
		},
		{
			name: "canal boats: the waterways authority API is down for everyone; a retry change deployed hours earlier is innocent", heldOut: true,
			service: "lock-booking",
			sig: Signal{Title: "Lock slot reservations failing",
				Text: "lock-booking cannot reserve lock passages for hire boats; skippers see 'authority unavailable'"},
			alert: 6.7,
			commits: []Commit{
				{SHA: "3ae9f51", Parents: []string{"d6b2c04"}, Author: "rhys-p", Date: hrs(2), Message: "authority client: retry 503s with jittered backoff, at most 3 attempts",
					Files: []File{{Path: "app/clients/authority_client.rb", Patch: patch(
						"      conn.request :retry, max: 0",
						"      conn.request :retry, max: 3, interval: 0.5, backoff_factor: 2, interval_randomness: 0.5, retry_statuses: [503]")}}},
				{SHA: "d6b2c04", Parents: []string{"8f41e7a"}, Author: "gwen-m", Date: hrs(1), Message: "booking: show the lock keeper's phone number",
					Files: []File{{Path: "app/views/bookings/show.html.erb", Patch: patch("", "<p>Lock keeper: <%= @lock.keeper_phone %></p>")}}},
			},
			deploys: []Deploy{{SHA: "3ae9f51", At: hrs(2.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 30*time.Minute, firstFailing: "waterways-authority-api",
				callPath:  []string{"lock-booking", "waterways-authority-api"},
				affected:  []string{"lock-booking", "towpath-notices"},
				signature: "503 Service Unavailable on POST /v1/lock-slots (client), after 18 ms",
				logs: []string{
					"WARN authority API returned 503 (attempt <n>/3)",
					"ERROR lock slot reservation failed for boat <id>: authority unavailable",
				}},
			want: "",
		},
		{
			name: "clock repair: the tickets database disk filled after WAL archiving failed; a nullable-column migration is innocent", heldOut: true,
			service: "repair-tickets",
			sig: Signal{Title: "New repair tickets cannot be created",
				Text: "repair-tickets returns errors when the bench staff log an incoming watch or clock"},
			alert: 8,
			commits: []Commit{
				{SHA: "6f1d2b9", Parents: []string{"e48a0c3"}, Author: "oskar-b", Date: hrs(7.5), Message: "tickets: add movement serial number",
					Files: []File{{Path: "migrations/20310314_add_movement_serial.sql", Patch: patch("", "ALTER TABLE repair_tickets ADD COLUMN movement_serial varchar(32);")}}},
				{SHA: "e48a0c3", Parents: []string{"0a7c5d1"}, Author: "lena-f", Date: hrs(4), Message: "tickets: validate estimate currency",
					Files: []File{{Path: "internal/tickets/estimate.go", Patch: patch(
						"\treturn nil",
						"\tif _, ok := currencies[e.Currency]; !ok {\n\t\treturn fmt.Errorf(\"unknown currency %q\", e.Currency)\n\t}\n\treturn nil")}}},
			},
			deploys: []Deploy{
				{SHA: "e48a0c3", At: hrs(4.2), Environment: "production"},
				{SHA: "6f1d2b9", At: hrs(7.6), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 50*time.Minute, firstFailing: "tickets-db",
				callPath:  []string{"repair-tickets", "tickets-db"},
				signature: "pq: could not extend file \"base/16384/24601\": No space left on device on INSERT repair_tickets (server), after 4 ms",
				logs: []string{
					"ERROR could not write to file \"pg_wal/xlogtemp.<n>\": No space left on device",
					"WARN archive command failed with exit code 1 for WAL segment <id>",
				}},
			want:    "",
			wantOps: "disk",
		},
		{
			name: "tram depots: the signalling gateway's DNS record was deleted outside git; a connection-reuse change is innocent", heldOut: true,
			service: "depot-planner",
			sig: Signal{Title: "Depot stabling planner cannot read track occupancy",
				Text: "depot-planner fails every occupancy request to the signalling gateway; tonight's stabling plan is empty"},
			alert: 5.2,
			commits: []Commit{
				{SHA: "a94e0d7", Parents: []string{"5c3f1b2"}, Author: "tomasz-k", Date: hrs(3), Message: "signalling client: reuse pooled connections for 30 s",
					Files: []File{{Path: "src/main/java/depot/signalling/SignallingClient.java", Patch: patch(
						"        .setConnectionTimeToLive(0, TimeUnit.SECONDS)",
						"        .setConnectionTimeToLive(30, TimeUnit.SECONDS)")}}},
				{SHA: "5c3f1b2", Parents: []string{"b02d8e6"}, Author: "ruth-a", Date: hrs(2.5), Message: "docs: Kirkgate track diagram",
					Files: []File{{Path: "docs/depots/kirkgate.md", Patch: patch("", "Roads 1-6 are covered; road 7 is the wash road.")}}},
				{SHA: "b02d8e6", Parents: []string{"73a9c41"}, Author: "tomasz-k", Date: hrs(1), Message: "planner: night stabling window 01:00-04:30",
					Files: []File{{Path: "config/planner.yaml", Patch: patch("stabling_window: \"00:30-04:30\"", "stabling_window: \"01:00-04:30\"")}}},
			},
			deploys: []Deploy{{SHA: "a94e0d7", At: hrs(3.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 5 * time.Hour, firstFailing: "depot-planner",
				callPath:  []string{"depot-planner", "signalling-gateway"},
				affected:  []string{"depot-planner", "wash-plant-scheduler"},
				signature: "java.net.UnknownHostException: signalling-gw.depot.tramnet.internal on GET /v3/occupancy (client), after 3 ms",
				logs:      []string{"ERROR occupancy fetch failed: signalling-gw.depot.tramnet.internal: Name or service not known"}},
			want: "",
		},
	}
}

func TestCulpritCasesTenthBatch(t *testing.T) {
	runHeldOutBatch(t, "tenth", culpritCasesTenthBatch())
}
