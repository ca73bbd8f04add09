// Written without reading the culprit rules on 2026-12-05. Industries: maple syrup producers, aircraft de-icing, municipal snowplow routing, roadside assistance, curling clubs, salmon hatcheries, whisky distilleries, sawmills, go-kart tracks, tutoring agencies.

package triage

// First run of the sixteenth batch (after the fifteenth's fixes): 7/10, one innocent commit blamed (a Terraform TTL
// change while a page rule made by hand in the CDN's dashboard cached the
// personalised pages) and two abstentions. The classes: a change made by
// hand in a provider's console, shown by its audit log or by Terraform
// drift, was no known cause; circuit breakers were no mechanism (they are
// how calls are retried or refused, so a traffic surge no longer excuses a
// breaker change); a map keyed by a timestamp grows without bound; and a
// file named "latest.ex" was read as a test ("...test" as a suffix). After:
// 10/10, none blamed. It has tuned rules since, so it is no longer held
// out.

// culprit_cases16_test.go is a sixteenth held-out batch (10 cases) written
// by a helper that did not read the rules. Six cases have one commit to
// blame, by mechanisms a rules-based tool may not know: a server idle
// timeout silently falling back to a short read timeout under a load
// balancer with a longer idle timeout, an environment variable renamed in
// code but not in the manifest, a comparator that breaks TimSort's
// contract, a regular expression with nested quantifiers, a circuit
// breaker fed the success rate instead of the failure rate, and a map that
// is never evicted. Four have no commit to blame: a CDN rule created in a
// console, a broker's failing disk, a vendor's daylight-saving rule and an
// ISP's route leak. Each has tempting decoys (the newest deploy, a rename
// of the named handler, dependency bumps, a revert, a runbook, a change to
// a similar setting in another component, a deploy of the loud service).

import (
	"testing"
	"time"
)

// culpritCasesSixteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesSixteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "maple syrup producers: a slowloris hardening drops IdleTimeout, so Go falls back to the 5 s ReadTimeout and the ALB (60 s idle) reuses closed connections, sporadic 502s; a handler rename, a chi bump and an nginx keepalive change on the admin site are innocent", heldOut: true,
			service: "drum-intake",
			sig: Signal{Title: "Sugarhouses see sporadic 'Bad Gateway' when submitting drum lots",
				Text: "About 1 in 120 drum-lot submissions from the producer portal fail with 502; a retry usually works. The grading queue is falling behind before the weekend pickup."},
			alert: 6,
			commits: []Commit{
				{SHA: "a1c3e59", Parents: []string{"f07b2d4"}, Author: "genevieve", Date: hrs(5.4), Message: "deps: bump github.com/go-chi/chi/v5 to v5.1.0",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/go-chi/chi/v5 v5.0.12", "\tgithub.com/go-chi/chi/v5 v5.1.0")},
						{Path: "go.sum", Patch: patch("github.com/go-chi/chi/v5 v5.0.12 h1:9euLV5sTrTNTRUU9POmDUvfxyj6LAABLUcEWO+JJb4s=", "github.com/go-chi/chi/v5 v5.1.0 h1:acVI1TYaD+hhedDJ3r54HyA6sExp3HfXq7QWEEY/xMw=")}}},
				{SHA: "f07b2d4", Parents: []string{"6d82e1b"}, Author: "theo", Date: hrs(4.0), Message: "drums: rename PostDrums handler to SubmitDrumLot (POST /v1/drums)",
					Files: []File{{Path: "internal/httpapi/drums.go", Patch: patch(
						"func (h *Handler) PostDrums(w http.ResponseWriter, r *http.Request) {",
						"func (h *Handler) SubmitDrumLot(w http.ResponseWriter, r *http.Request) {")},
						{Path: "internal/httpapi/routes.go", Patch: patch("\tr.Post(\"/v1/drums\", h.PostDrums)", "\tr.Post(\"/v1/drums\", h.SubmitDrumLot)")}}},
				{SHA: "6d82e1b", Parents: []string{"93be0a4"}, Author: "genevieve", Date: hrs(2.2), Message: "server: tighten read timeout against slow clients, drop the redundant idle setting",
					Files: []File{{Path: "cmd/drum-intake/main.go", Patch: patch(
						"\tsrv := &http.Server{Addr: addr, Handler: r, ReadTimeout: 30 * time.Second, IdleTimeout: 75 * time.Second}",
						"\tsrv := &http.Server{Addr: addr, Handler: r, ReadTimeout: 5 * time.Second}")}}},
				{SHA: "93be0a4", Parents: []string{"58d1f2c"}, Author: "theo", Date: hrs(0.5), Message: "nginx: shorter keepalive on the grading-admin site",
					Files: []File{{Path: "deploy/nginx/grading-admin.conf", Patch: patch("    keepalive_timeout 75s;", "    keepalive_timeout 15s;")}}},
			},
			deploys: []Deploy{
				{SHA: "93be0a4", At: hrs(0.8), Environment: "production", Service: "grading-admin"},
				{SHA: "6d82e1b", At: hrs(2.5), Environment: "production", Service: "drum-intake"},
				{SHA: "f07b2d4", At: hrs(4.3), Environment: "production", Service: "drum-intake"},
				{SHA: "a1c3e59", At: hrs(5.6), Environment: "production", Service: "drum-intake"},
			},
			ev: caseEvidence{onsetAfter: 2*time.Hour + 36*time.Minute, firstFailing: "drum-intake", callPath: []string{"producer-portal", "aws-alb", "drum-intake"},
				affected:  []string{"producer-portal", "drum-intake"},
				signature: "502 Bad Gateway from the load balancer on POST /v1/drums (server), target closed the keep-alive connection, after 1 ms",
				logs: []string{
					"WARN alb access log: POST /v1/drums elb_status_code=502 target_status_code=- target_processing_time=-1 (target reset the connection)",
					"INFO drum-intake has no request log line for any of the 502'd requests; its own p99 is 180 ms with 0 errors",
					"INFO tcpdump on drum-intake: server sends FIN after 5.0 s idle on a keep-alive connection; the ALB sends the next request on it at 5.003 s and gets RST",
					"INFO ALB idle_timeout.timeout_seconds=60, unchanged; every 502 is on a connection that sat idle between 5 and 60 s, none on fresh connections",
				},
				surges: []MetricShift{{Service: "aws-alb", Name: "httpcode_elb_502_count", Direction: "up", Ratio: 40, At: hrs(2.6)}}},
			want: "6d82e1b",
		},
		{
			name: "aircraft de-icing: the inventory URL variable is renamed in settings.py but the Helm values still set the old name, so the first frost of the morning hits localhost; a replica bump in the same values file, a request-log line and a fluid-grade change in the inventory service are innocent", heldOut: true,
			service: "deice-dispatch",
			sig: Signal{Title: "De-icing requests stuck 'awaiting fluid check', departures held at the pads",
				Text: "Ramp crews can't dispatch de-icing trucks: every request fails the glycol stock check. Nine departures are holding at the de-icing pads."},
			alert: 29.4,
			commits: []Commit{
				{SHA: "d75a2b9", Parents: []string{"3c0e8f1"}, Author: "ingrid", Date: hrs(28.2), Message: "dispatch: log stand and aircraft type on each de-icing request",
					Files: []File{{Path: "deice_dispatch/api/requests.py", Patch: patch("", "    log.info(\"deice request\", extra={\"stand\": req.stand, \"ac_type\": req.aircraft_type})")}}},
				{SHA: "3c0e8f1", Parents: []string{"9a7f3d2"}, Author: "mats", Date: hrs(19), Message: "fluid-inventory: add Type IV grade to tank levels",
					Files: []File{{Path: "fluid-inventory/src/main/kotlin/no/apron/fluid/FluidGrade.kt", Patch: patch(
						"enum class FluidGrade { TYPE_I, TYPE_II }",
						"enum class FluidGrade { TYPE_I, TYPE_II, TYPE_IV }")}}},
				{SHA: "9a7f3d2", Parents: []string{"b41e0c7"}, Author: "ingrid", Date: hrs(13.5), Message: "helm: deice-dispatch replicas 2 -> 3 for winter ops",
					Files: []File{{Path: "deploy/helm/deice-dispatch/values.yaml", Patch: patch("replicaCount: 2", "replicaCount: 3")}}},
				{SHA: "b41e0c7", Parents: []string{"0e6a9d4"}, Author: "mats", Date: hrs(13.0), Message: "config: GLYCOL_API_URL -> FLUID_INVENTORY_URL (service was renamed last month)",
					Files: []File{{Path: "deice_dispatch/settings.py", Patch: patch(
						"GLYCOL_API_URL = os.environ.get(\"GLYCOL_API_URL\", \"http://localhost:8080\")",
						"FLUID_INVENTORY_URL = os.environ.get(\"FLUID_INVENTORY_URL\", \"http://localhost:8080\")")},
						{Path: "deice_dispatch/stock.py", Patch: patch(
							"    resp = await client.get(f\"{settings.GLYCOL_API_URL}/v1/stock\", params={\"pad\": pad})",
							"    resp = await client.get(f\"{settings.FLUID_INVENTORY_URL}/v1/stock\", params={\"pad\": pad})")}}},
			},
			deploys: []Deploy{
				{SHA: "9a7f3d2", At: hrs(14.0), Environment: "production", Service: "deice-dispatch"},
				{SHA: "3c0e8f1", At: hrs(20.0), Environment: "production", Service: "fluid-inventory"},
				{SHA: "d75a2b9", At: hrs(28.6), Environment: "production", Service: "deice-dispatch"},
			},
			ev: caseEvidence{onsetAfter: 29*time.Hour + 6*time.Minute, firstFailing: "deice-dispatch", callPath: []string{"ramp-tablet", "deice-dispatch", "fluid-inventory"},
				signature: "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 8080) on GET /v1/stock (client), after 1 ms",
				logs: []string{
					"WARN settings: FLUID_INVENTORY_URL not set, falling back to http://localhost:8080",
					"ERROR deice request DR-4471 pad 2 stand 23L: fluid stock check failed: Cannot connect to host localhost:8080",
					"INFO kubectl describe pod deice-dispatch: env GLYCOL_API_URL=http://fluid-inventory.ops.svc:8080 (no FLUID_INVENTORY_URL)",
					"INFO OAT above +3 C from 14:00 until 05:00; the first de-icing requests since the 14:00 deploy arrived at 05:05 when frost formed",
					"INFO fluid-inventory healthy, serving the apron app; 0 requests from deice-dispatch since 14:02 yesterday",
				},
				surges: []MetricShift{{Service: "deice-dispatch", Name: "stock_check_failures_total", Direction: "up", Ratio: 100, At: hrs(29.1)}}},
			want: "b41e0c7",
		},
		{
			name: "municipal snowplow routing: a school-route tie-break comparator never returns 0 and is not antisymmetric, TimSort throws once a storm brings 400+ segments; a controller rename, a jackson bump and a deploy of the loud telematics service are innocent", heldOut: true,
			service: "plow-router",
			sig: Signal{Title: "Snowplow routes not generated for tonight's storm",
				Text: "plow-router fails to replan when the storm plan loads; 37 trucks have no route and drivers are on paper maps. School routes are not cleared for the morning."},
			alert: 18,
			commits: []Commit{
				{SHA: "f4a1e36", Parents: []string{"8b2d9c7"}, Author: "siobhan", Date: hrs(16), Message: "telematics: GPS batch interval 10s -> 5s during storms",
					Files: []File{{Path: "truck-telematics/internal/gps/batch.go", Patch: patch("\tstormBatchInterval = 10 * time.Second", "\tstormBatchInterval = 5 * time.Second")}}},
				{SHA: "8b2d9c7", Parents: []string{"1e6f4a8"}, Author: "kwame", Date: hrs(15), Message: "plan: rename PlanController.replan to recompute (POST /v1/storms/{id}/plan)",
					Files: []File{{Path: "plow-router/src/main/java/gov/streets/plow/api/PlanController.java", Patch: patch(
						"    public ResponseEntity<PlanDto> replan(@PathVariable String id) {",
						"    public ResponseEntity<PlanDto> recompute(@PathVariable String id) {")}}},
				{SHA: "1e6f4a8", Parents: []string{"c5e9a13"}, Author: "siobhan", Date: hrs(12), Message: "deps: bump jackson-databind to 2.17.0",
					Files: []File{{Path: "plow-router/pom.xml", Patch: patch("      <version>2.16.1</version>", "      <version>2.17.0</version>")}}},
				{SHA: "c5e9a13", Parents: []string{"a27d0b8"}, Author: "kwame", Date: hrs(-30), Message: "routing: school routes first, then by priority",
					Files: []File{{Path: "plow-router/src/main/java/gov/streets/plow/routing/RoutePlanner.java", Patch: patch(
						"        segments.sort(Comparator.comparingInt(Segment::priority).reversed());",
						"        segments.sort((a, b) -> {\n            if (a.isSchoolRoute()) return -1;\n            if (b.isSchoolRoute()) return 1;\n            return a.priority() > b.priority() ? -1 : 1;\n        });")}}},
			},
			deploys: []Deploy{
				{SHA: "c5e9a13", At: hrs(-29), Environment: "production", Service: "plow-router"},
				{SHA: "1e6f4a8", At: hrs(12.5), Environment: "production", Service: "plow-router"},
				{SHA: "8b2d9c7", At: hrs(15.5), Environment: "production", Service: "plow-router"},
				{SHA: "f4a1e36", At: hrs(16.4), Environment: "production", Service: "truck-telematics"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 30*time.Minute, firstFailing: "plow-router", callPath: []string{"storm-desk", "plow-router", "truck-telematics"},
				affected:  []string{"plow-router", "truck-telematics"},
				signature: "java.lang.IllegalArgumentException: Comparison method violates its general contract! at java.util.TimSort.mergeHi in RoutePlanner.prioritize (server)",
				logs: []string{
					"ERROR replan failed for storm event SE-0311 (418 segments): java.lang.IllegalArgumentException: Comparison method violates its general contract!",
					"ERROR \tat java.base/java.util.TimSort.mergeHi(TimSort.java:903) ... at gov.streets.plow.routing.RoutePlanner.prioritize(RoutePlanner.java:88)",
					"INFO replans with 9-26 segments succeeded 41 times since Tuesday; the first failure is the first plan with more than 32 segments",
					"WARN truck-telematics: 37 trucks have no route assignment, falling back to the last known route",
				},
				surges: []MetricShift{{Service: "truck-telematics", Name: "route_missing_warnings_total", Direction: "up", Ratio: 37, At: hrs(17.6)}}},
			want: "c5e9a13",
		},
		{
			name: "roadside assistance: a location-note regex with nested quantifiers backtracks for minutes on a note ending in '!!' and blocks the Node event loop; a handler rename deployed just before, an unrelated revert and a partner-webhook timeout in the PHP gateway are innocent", heldOut: true,
			service: "callout-api",
			sig: Signal{Title: "Breakdown callouts failing: members can't request a tow",
				Text: "callout-api times out for all members; pods at 100% CPU and restarting one after another. Call-centre queue at 40 minutes on a Friday evening."},
			alert: 9.4,
			commits: []Commit{
				{SHA: "4d8e1b6", Parents: []string{"c0f7e52"}, Author: "priya", Date: hrs(8.5), Message: "callouts: rename createCallout handler to openCallout (POST /v1/callouts)",
					Files: []File{{Path: "src/routes/callouts.ts", Patch: patch(
						"router.post(\"/v1/callouts\", createCallout);",
						"router.post(\"/v1/callouts\", openCallout);")}}},
				{SHA: "c0f7e52", Parents: []string{"5a9c3d1"}, Author: "dominik", Date: hrs(7), Message: "tow-gateway: partner webhook timeout 10s -> 20s",
					Files: []File{{Path: "tow-partner-gateway/config/partners.php", Patch: patch("    'webhook_timeout' => 10,", "    'webhook_timeout' => 20,")}}},
				{SHA: "5a9c3d1", Parents: []string{"e2b7f90"}, Author: "priya", Date: hrs(6), Message: "Revert \"eta: round ETA to 5 minutes in member app\"",
					Files: []File{{Path: "src/eta/format.ts", Patch: patch(
						"  return Math.round(minutes / 5) * 5;",
						"  return Math.round(minutes);")}}},
				{SHA: "e2b7f90", Parents: []string{"7b3f0a2"}, Author: "dominik", Date: hrs(3), Message: "callouts: reject location notes with emoji or control characters",
					Files: []File{{Path: "src/validation/callout.ts", Patch: patch(
						"  locationNote: z.string().max(500).optional(),",
						"  locationNote: z.string().max(500).regex(/^([\\w.,'\\-]+\\s?)*$/).optional(),")}}},
			},
			deploys: []Deploy{
				{SHA: "e2b7f90", At: hrs(3.4), Environment: "production", Service: "callout-api"},
				{SHA: "5a9c3d1", At: hrs(6.3), Environment: "production", Service: "callout-api"},
				{SHA: "c0f7e52", At: hrs(7.2), Environment: "production", Service: "tow-partner-gateway"},
				{SHA: "4d8e1b6", At: hrs(8.8), Environment: "production", Service: "callout-api"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 12*time.Minute, firstFailing: "callout-api", callPath: []string{"member-app", "callout-api", "dispatch-queue"},
				signature: "event loop blocked 31 s in RegExp.prototype.exec validating locationNote on POST /v1/callouts (server)",
				logs: []string{
					"WARN event-loop lag 31204 ms (threshold 200 ms) pid=1 pod=callout-api-6d9f",
					"INFO cpu profile: RegExp.prototype.exec at src/validation/callout.ts:14 is 99.2% of self time",
					"ERROR liveness probe failed: GET /healthz timed out after 3s; container restarted",
					"INFO each stall follows POST /v1/callouts with a locationNote of 71 chars ending in '!!' ('Stuck on hard shoulder near junction 14 northbound past the services!!'); the member app retries it 3x, one pod each",
					"INFO 212 callouts validated normally between 03:24 and 09:11",
				},
				surges: []MetricShift{
					{Service: "callout-api", Name: "process_cpu_seconds_total", Direction: "up", Ratio: 9, At: hrs(9.2)},
					{Service: "callout-api", Name: "container_restarts_total", Direction: "up", Ratio: 12, At: hrs(9.3)},
				}},
			want: "e2b7f90",
		},
		{
			name: "curling clubs: a breaker 'simplification' compares the success rate against the failure threshold, so it opens whenever the sheet scheduler is healthy and busy, i.e. when evening league sign-up opens; a cache in the scheduler deployed 25 minutes before, a Polly bump and a breaker runbook are innocent", heldOut: true,
			service: "league-signup",
			sig: Signal{Title: "Curling league sign-ups fail: 'ice schedule unavailable'",
				Text: "Members registering for the winter leagues get 'Ice schedule temporarily unavailable' since registration opened at 19:00; sheet-scheduler dashboards are green."},
			alert: 19.3,
			commits: []Commit{
				{SHA: "6c4f2b8", Parents: []string{"e8d1a70"}, Author: "fiona", Date: hrs(18.8), Message: "docs: runbook for resetting the sheet-scheduler circuit breaker",
					Files: []File{{Path: "docs/runbooks/sheet-breaker.md", Patch: patch("", "## Resetting the breaker\nPOST /admin/breakers/sheet-scheduler/reset, then watch the window stats.")}}},
				{SHA: "e8d1a70", Parents: []string{"2b9e5c4"}, Author: "angus", Date: hrs(18.3), Message: "sheets: cache availability for 10 s",
					Files: []File{{Path: "sheet-scheduler/src/main/scala/club/ice/sheets/AvailabilityService.scala", Patch: patch(
						"  private val availabilityTtl = 0.seconds",
						"  private val availabilityTtl = 10.seconds")}}},
				{SHA: "2b9e5c4", Parents: []string{"7f3a0d6"}, Author: "fiona", Date: hrs(10), Message: "deps: bump Polly to 8.4.0 (retries only)",
					Files: []File{{Path: "src/LeagueSignup/LeagueSignup.csproj", Patch: patch(
						"    <PackageReference Include=\"Polly\" Version=\"8.3.1\" />",
						"    <PackageReference Include=\"Polly\" Version=\"8.4.0\" />")}}},
				{SHA: "7f3a0d6", Parents: []string{"4e1b9c3"}, Author: "angus", Date: hrs(8), Message: "resilience: simplify breaker trip check, use the window's precomputed rate",
					Files: []File{{Path: "src/LeagueSignup/Resilience/SheetBreaker.cs", Patch: patch(
						"        var failureRate = (double)window.Failures / window.Calls;\n        if (window.Calls >= _options.MinimumCalls && failureRate > _options.FailureThreshold)",
						"        if (window.Calls >= _options.MinimumCalls && window.SuccessRate > _options.FailureThreshold)")}}},
			},
			deploys: []Deploy{
				{SHA: "7f3a0d6", At: hrs(9), Environment: "production", Service: "league-signup"},
				{SHA: "2b9e5c4", At: hrs(10.5), Environment: "production", Service: "league-signup"},
				{SHA: "e8d1a70", At: hrs(18.6), Environment: "production", Service: "sheet-scheduler"},
			},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 1*time.Minute, firstFailing: "league-signup", callPath: []string{"club-web", "league-signup", "sheet-scheduler"},
				signature: "BrokenCircuitException: circuit sheet-scheduler is open on GET /api/sheets/availability (client), after 0 ms",
				logs: []string{
					"WARN circuit sheet-scheduler OPENED: window calls=22 failures=0 failure_rate=0.00 success_rate=1.00 threshold=0.50",
					"ERROR sign-up for Thursday Night League failed: LeagueSignup.Resilience.BrokenCircuitException: circuit sheet-scheduler is open",
					"INFO sheet-scheduler: GET /availability 200, p99 35 ms, 0% errors; no calls from league-signup while the circuit is open",
					"INFO league-signup stayed under 20 calls per 30 s window all day until registration opened at 19:00",
				},
				surges: []MetricShift{{Service: "league-signup", Name: "http_requests_per_second", Direction: "up", Ratio: 8, At: hrs(19)}}},
			want: "7f3a0d6",
		},
		{
			name: "salmon hatcheries: the latest-reading map is re-keyed by (tank, sensor, timestamp) and never evicted, the BEAM grows for 11 hours until OOMKilled and oxygen alarms are missed; a jason bump and a migration on the same service and a memory-limit cut on the dashboard are innocent", heldOut: true,
			service: "tank-telemetry",
			sig: Signal{Title: "Hatchery oxygen alarms missed: tank telemetry restarting",
				Text: "tank-telemetry was OOMKilled; dissolved-oxygen readings have a 6-minute gap on every raceway. Staff found raceway R-14 low on oxygen on a walk-round."},
			alert: 13.8,
			commits: []Commit{
				{SHA: "b8e2f61", Parents: []string{"71c5d08"}, Author: "eilidh", Date: hrs(12), Message: "helm: water-quality-dashboard memory limit 1Gi -> 512Mi",
					Files: []File{{Path: "deploy/helm/water-quality-dashboard/values.yaml", Patch: patch("      memory: 1Gi", "      memory: 512Mi")}}},
				{SHA: "71c5d08", Parents: []string{"a3f9e27"}, Author: "ruaridh", Date: hrs(9), Message: "deps: bump jason to 1.4.3",
					Files: []File{{Path: "mix.exs", Patch: patch("      {:jason, \"~> 1.4.1\"},", "      {:jason, \"~> 1.4.3\"},")}}},
				{SHA: "a3f9e27", Parents: []string{"0d4c8b5"}, Author: "eilidh", Date: hrs(4), Message: "migration: add firmware_version to sensors",
					Files: []File{{Path: "priv/repo/migrations/20310314040000_add_firmware_version.sql", Patch: patch("", "ALTER TABLE sensors ADD COLUMN firmware_version text;")}}},
				{SHA: "0d4c8b5", Parents: []string{"c91e3a7"}, Author: "ruaridh", Date: hrs(2), Message: "telemetry: keep reading history for the oxygen trend chart",
					Files: []File{{Path: "lib/tank_telemetry/latest.ex", Patch: patch(
						"    {:noreply, %{state | latest: Map.put(state.latest, reading.tank_id, reading)}}",
						"    key = {reading.tank_id, reading.sensor, reading.taken_at}\n    {:noreply, %{state | latest: Map.put(state.latest, key, reading)}}")}}},
			},
			deploys: []Deploy{
				{SHA: "0d4c8b5", At: hrs(2.5), Environment: "production", Service: "tank-telemetry"},
				{SHA: "a3f9e27", At: hrs(4.5), Environment: "production", Service: "tank-telemetry"},
				{SHA: "71c5d08", At: hrs(9.4), Environment: "production", Service: "tank-telemetry"},
				{SHA: "b8e2f61", At: hrs(12.3), Environment: "production", Service: "water-quality-dashboard"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 36*time.Minute, firstFailing: "tank-telemetry", callPath: []string{"raceway-sensors", "tank-telemetry", "oxygen-alarms"},
				affected:  []string{"tank-telemetry", "oxygen-alarms"},
				signature: "OOMKilled: beam.smp exceeded the 2Gi memory limit in tank-telemetry (server)",
				logs: []string{
					"WARN :erlang.memory processes=1.71 GiB; largest process TankTelemetry.Latest heap 1.6 GiB, message_queue_len 0",
					"INFO map_size(TankTelemetry.Latest state.latest) = 38,412,096 (about 2,400 before 02:30)",
					"ERROR kubelet: container tank-telemetry OOMKilled (exit 137), restart 1",
					"WARN oxygen-alarms: no readings for 6 min during restart; evaluation skipped for all raceways",
				},
				surges: []MetricShift{
					{Service: "tank-telemetry", Name: "container_memory_working_set_bytes", Direction: "up", Ratio: 12, At: hrs(3)},
					{Service: "tank-telemetry", Name: "container_restarts_total", Direction: "up", Ratio: 1, At: hrs(13.6)},
				}},
			want: "0d4c8b5",
		},

		// --- no commit to blame ---
		{
			name: "whisky distilleries: marketing created a 'Cache Everything' page rule in the CDN dashboard for a cask release and baskets are served from the edge cache; a basket gift-tube change deployed minutes before and a Terraform static-asset TTL change are innocent", heldOut: true,
			service: "cask-shop",
			sig: Signal{Title: "Whisky shop customers see someone else's basket",
				Text: "Since the limited cask release opened, the bottle shop shows other customers' names and baskets; checkout shows another customer's delivery address."},
			alert: 10.4,
			commits: []Commit{
				{SHA: "9f1d6a3", Parents: []string{"d3a8f54"}, Author: "morag", Date: hrs(9.6), Message: "basket: add gift tube option to GET /basket",
					Files: []File{{Path: "app/Http/Controllers/BasketController.php", Patch: patch(
						"        return view('basket.show', ['items' => $basket->items()]);",
						"        return view('basket.show', ['items' => $basket->items(), 'giftTube' => $basket->giftTube()]);")}}},
				{SHA: "d3a8f54", Parents: []string{"2e7b0c9"}, Author: "callum", Date: hrs(6), Message: "terraform: edge TTL for /static/* 1h -> 1d",
					Files: []File{{Path: "infra/cdn/cache.tf", Patch: patch(
						"    edge_cache_ttl = 3600",
						"    edge_cache_ttl = 86400")}}},
				{SHA: "2e7b0c9", Parents: []string{"0b6c3e8"}, Author: "morag", Date: hrs(4), Message: "logging: request id on basket logs",
					Files: []File{{Path: "app/Http/Middleware/RequestId.php", Patch: patch("", "        Log::withContext(['request_id' => $request->header('X-Request-Id')]);")}}},
				{SHA: "0b6c3e8", Parents: []string{"6a2f9d1"}, Author: "callum", Date: hrs(3), Message: "composer: bump laravel/framework to 10.48.12",
					Files: []File{{Path: "composer.json", Patch: patch("        \"laravel/framework\": \"10.48.4\",", "        \"laravel/framework\": \"10.48.12\",")}}},
			},
			deploys: []Deploy{
				{SHA: "2e7b0c9", At: hrs(4.3), Environment: "production", Service: "cask-shop"},
				{SHA: "d3a8f54", At: hrs(6.5), Environment: "production", Service: "cdn"},
				{SHA: "9f1d6a3", At: hrs(9.8), Environment: "production", Service: "cask-shop"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 3*time.Minute, firstFailing: "cdn-edge", callPath: []string{"browser", "cdn-edge", "cask-shop"},
				affected:  []string{"cdn-edge", "cask-shop"},
				signature: "cf-cache-status: HIT on GET /basket (edge), personalised page served from the shared cache, after 4 ms",
				logs: []string{
					"INFO CDN audit log: page rule 'shop.glenbrae.example/* Cache Level: Cache Everything, Edge Cache TTL: 2 hours' created by r.mackay (marketing) via the dashboard at 10:02 UTC",
					"WARN terraform plan (infra/cdn): drift, page rule 'shop.glenbrae.example/*' exists in the zone but not in configuration",
					"INFO origin requests for /basket fell 96% at 10:03 while page views rose; origin response headers for /basket unchanged by the 09:48 deploy",
					"INFO the 09:48 build served /basket correctly from origin for 14 minutes before 10:02",
				},
				surges: []MetricShift{
					{Service: "cdn-edge", Name: "cache_hit_ratio", Direction: "up", Ratio: 6, At: hrs(10.05)},
					{Service: "cask-shop", Name: "http_requests_per_second", Direction: "down", Ratio: 25, At: hrs(10.05)},
				}},
			want: "",
		},
		{
			name: "sawmills: a Kafka broker's NVMe disk throws medium errors and its partitions go offline, kiln readings stop; a producer linger change deployed 27 minutes before, a consumer rename and a retention increase are innocent", heldOut: true,
			service: "kiln-control",
			sig: Signal{Title: "Kiln drying schedules stalled: no moisture readings since 07:40",
				Text: "kiln-control has no new readings for 9 of 16 kilns; operators are running the kilns by hand. The sensor bridge reports producer timeouts."},
			alert: 8,
			commits: []Commit{
				{SHA: "c7e3b91", Parents: []string{"5f2a8d0"}, Author: "jarmo", Date: hrs(7), Message: "bridge: linger.ms 5 -> 20 to batch kiln readings",
					Files: []File{{Path: "kiln-sensors-bridge/src/producer.rs", Patch: patch(
						"        .set(\"linger.ms\", \"5\")",
						"        .set(\"linger.ms\", \"20\")")}}},
				{SHA: "5f2a8d0", Parents: []string{"a0d4e6c"}, Author: "selma", Date: hrs(5), Message: "kiln-control: rename DryingScheduleConsumer to ScheduleConsumer",
					Files: []File{{Path: "kiln-control/src/main/kotlin/fi/sawmill/kiln/ScheduleConsumer.kt", Status: "renamed", Patch: patch(
						"class DryingScheduleConsumer(private val repo: ScheduleRepo) {",
						"class ScheduleConsumer(private val repo: ScheduleRepo) {")}}},
				{SHA: "a0d4e6c", Parents: []string{"3e8b1f7"}, Author: "jarmo", Date: hrs(-48), Message: "kafka: keep kiln-readings for 7 days",
					Files: []File{{Path: "deploy/kafka/topics.yaml", Patch: patch("      retention.ms: \"259200000\"", "      retention.ms: \"604800000\"")}}},
			},
			deploys: []Deploy{
				{SHA: "a0d4e6c", At: hrs(-47), Environment: "production", Service: "kafka"},
				{SHA: "5f2a8d0", At: hrs(5.3), Environment: "production", Service: "kiln-control"},
				{SHA: "c7e3b91", At: hrs(7.2), Environment: "production", Service: "kiln-sensors-bridge"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 39*time.Minute, firstFailing: "kafka", callPath: []string{"kiln-sensors-bridge", "kafka", "kiln-control"},
				affected:  []string{"kafka", "kiln-sensors-bridge", "kiln-control"},
				signature: "KafkaError: Local: Message timed out producing to kiln-readings-3 (client), after 30000 ms",
				logs: []string{
					"WARN dmesg kafka-2: blk_update_request: critical medium error, dev nvme1n1, sector 884420112",
					"ERROR kafka-2: Error while writing to checkpoint file /var/lib/kafka/data/kiln-readings-3/leader-epoch-checkpoint: java.io.IOException: Input/output error",
					"ERROR kafka-2: Stopping serving logs in dir /var/lib/kafka/data",
					"INFO kafka-2 data volume 41% used; EC2 status check for kafka-2: instance store hardware degraded; kafka-0 and kafka-1 healthy",
					"INFO produce errors only for partitions led by kafka-2; partitions on kafka-0/1 accept writes with linger.ms=20 since 07:12",
				},
				surges: []MetricShift{
					{Service: "kafka", Name: "offline_partitions_count", Direction: "up", Ratio: 14, At: hrs(7.65)},
					{Service: "kiln-control", Name: "records_consumed_rate", Direction: "down", Ratio: 2.3, At: hrs(7.66)},
				}},
			want: "",
		},
		{
			name: "go-kart tracks: the timing vendor's cloud applied a wrong DST rule at 14:00 UTC and passings jump an hour, every lap is rejected as implausible; a passing-parser refactor that ran cleanly for hours, a gap-format change deployed 20 minutes before and an nginx gzip change are innocent", heldOut: true,
			service: "race-results",
			sig: Signal{Title: "Kart race results frozen; leaderboards show one-hour laps",
				Text: "Track screens and the results app stopped updating; heats since 14:00 have no finishing order and customers can't get lap-time printouts."},
			alert: 14.3,
			commits: []Commit{
				{SHA: "6e0b3f7", Parents: []string{"b52c7a9"}, Author: "lucia", Date: hrs(13.5), Message: "results: show gap to leader with 3 decimals",
					Files: []File{{Path: "internal/results/format.go", Patch: patch(
						"\treturn fmt.Sprintf(\"+%.2f\", gap.Seconds())",
						"\treturn fmt.Sprintf(\"+%.3f\", gap.Seconds())")}}},
				{SHA: "b52c7a9", Parents: []string{"1d9f4e2"}, Author: "bram", Date: hrs(11), Message: "nginx: gzip JSON for the live-timing screens",
					Files: []File{{Path: "deploy/nginx/livetiming.conf", Patch: patch(
						"    gzip_types text/css application/javascript;",
						"    gzip_types text/css application/javascript application/json;")}}},
				{SHA: "1d9f4e2", Parents: []string{"f83c6a0"}, Author: "lucia", Date: hrs(9), Message: "laps: parse passing stamps with time.ParseInLocation instead of splitting by hand",
					Files: []File{{Path: "internal/laps/passing.go", Patch: patch(
						"\tts, err := parseLocalStamp(strings.Split(p.Stamp, \"T\"), track.Loc)",
						"\tts, err := time.ParseInLocation(\"2006-01-02T15:04:05.000\", p.Stamp, track.Loc)")}}},
			},
			deploys: []Deploy{
				{SHA: "1d9f4e2", At: hrs(9.5), Environment: "production", Service: "race-results"},
				{SHA: "b52c7a9", At: hrs(11.2), Environment: "production", Service: "livetiming-proxy"},
				{SHA: "6e0b3f7", At: hrs(13.7), Environment: "production", Service: "race-results"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 1*time.Minute, firstFailing: "race-results", callPath: []string{"laptrack-cloud", "race-results", "leaderboard-screens"},
				signature: "lap rejected: duration 3642.318 s exceeds plausible maximum 600 s on ingest_passing (server)",
				logs: []string{
					"WARN kart 17 heat H-1406 lap 3 rejected: duration 3642.318 s (passing 15:02:41.207, previous 14:01:58.889)",
					"INFO LapTrack Cloud status: 'A DST rule update deployed to our EU region at 14:00 UTC shifted decoder passing timestamps one hour forward for CET tracks. Fix rolling out.'",
					"INFO on-site backup decoder (NTP) shows the same karts lapping in 41-44 s",
					"INFO passings parsed by the 09:30 build were accepted normally until 14:00, including after the 13:42 deploy",
				},
				surges: []MetricShift{{Service: "race-results", Name: "laps_rejected_total", Direction: "up", Ratio: 500, At: hrs(14.02)}}},
			want: "",
		},
		{
			name: "tutoring agencies: a peer of one ISP leaks routes for the edge prefix and that ISP's learners can't reach the lesson rooms at the after-school peak; a join-handler rename deployed 15 minutes before, a debug log line and a TURN lifetime change are innocent", heldOut: true,
			service: "lesson-rooms",
			sig: Signal{Title: "Tutors report students can't join evening lessons",
				Text: "Students on Northwave Broadband can't join online tutoring rooms (spinner, then 'Connection timed out'); tutors on other networks are waiting in empty rooms."},
			alert: 16.4,
			commits: []Commit{
				{SHA: "8a4c1e0", Parents: []string{"3b7d5f2"}, Author: "anneke", Date: hrs(15.6), Message: "rooms: rename join handler to JoinLessonRoute (POST /v1/lessons/{id}/join)",
					Files: []File{{Path: "lesson-rooms/src/main/scala/io/tutorly/rooms/http/JoinRoute.scala", Status: "renamed", Patch: patch(
						"object JoinHandler {",
						"object JoinLessonRoute {")}}},
				{SHA: "3b7d5f2", Parents: []string{"e6f0a93"}, Author: "kojo", Date: hrs(14), Message: "rooms: log ICE connection state at debug",
					Files: []File{{Path: "lesson-rooms/src/main/scala/io/tutorly/rooms/media/IceMonitor.scala", Patch: patch("", "    log.debug(s\"ice state room=${room.id} peer=${peer.id} state=$state\")")}}},
				{SHA: "e6f0a93", Parents: []string{"92d4b1c"}, Author: "anneke", Date: hrs(12), Message: "turn: allocation lifetime 600 -> 300 s",
					Files: []File{{Path: "deploy/coturn/turnserver.conf", Patch: patch("max-allocate-lifetime=600", "max-allocate-lifetime=300")}}},
			},
			deploys: []Deploy{
				{SHA: "e6f0a93", At: hrs(12.4), Environment: "production", Service: "turn-relay"},
				{SHA: "8a4c1e0", At: hrs(15.8), Environment: "production", Service: "lesson-rooms"},
			},
			ev: caseEvidence{onsetAfter: 16*time.Hour + 3*time.Minute, firstFailing: "lesson-rooms", callPath: []string{"learner-app", "isp-northwave", "edge-lb", "lesson-rooms"},
				affected:  []string{"learner-app", "lesson-rooms"},
				signature: "connect timeout to lessons.tutorly.example:443 from AS64511 (client), after 10000 ms",
				logs: []string{
					"WARN BGP monitor: 203.0.113.0/22 (our edge prefix) seen via AS64511 -> AS64999 since 16:02 UTC; expected path via AS64500; AS64999 leaking routes learned from a transit provider",
					"INFO traceroute from a Northwave learner dies at hop 9 inside AS64999",
					"INFO Northwave NOC: 'Some customers cannot reach certain services due to a route leak from a peer; filters being applied'",
					"WARN edge-lb: SYNs from Northwave ranges down 94% at 16:02; other ISPs unchanged",
					"INFO join success 99.8% for learners on other ISPs, including after the 15:48 deploy",
				},
				surges: []MetricShift{{Service: "edge-lb", Name: "new_connections_per_second", Direction: "down", Ratio: 1.6, At: hrs(16.05)}}},
			want: "",
		},
	}
}

func TestCulpritCasesSixteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "sixteenth", culpritCasesSixteenthBatch())
}
