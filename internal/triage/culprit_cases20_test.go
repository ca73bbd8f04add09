package triage

// culprit_cases20_test.go is a twentieth held-out batch (10 cases),
// written by a helper that did not read the rules, after the nineteenth's
// fixes. First run: 4/10, one innocent commit blamed (a new mail template
// while the provider had suspended the account for its bounce rate) and
// five abstentions (float rounding of carats, prepared statements behind a
// transaction pooler, a CronJob overlapping itself, an upstream keepalive
// outliving the server's, strict deserialisation dropping an alarm field).
// The class: a provider suspending the account or its sending is a cause
// outside the repository. After: 4/10, none blamed, the five abstentions
// left. It has tuned rules since, so it is no longer held out.

// Written without reading the culprit rules on 2026-12-05. Industries: diamond grading labs, tow truck operators, food banks, hot springs resorts, reptile breeders, land surveyors, dredging contractors, fossil-dig tours, bail bonds agencies, water-well drillers.

import (
	"testing"
	"time"
)

// culpritCasesTwentiethBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentiethBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "diamond grading labs: carat rounding moved from Decimal ROUND_HALF_UP to float round(), so 0.995 ct stones print as 0.99 ct; the same rounding change in billing, a reportlab bump and a later log line are innocent", heldOut: true,
			service: "grading-report",
			sig:     Signal{Title: "Grading certificates show wrong carat weight", Text: "Clients flag certificates where stones weighed at 0.995 ct are printed as 0.99 ct; the laser inscription says 1.00 ct"},
			alert:   11,
			commits: []Commit{
				{SHA: "4c1e9a7", Parents: []string{"b82d0f3"}, Author: "anouk", Date: hrs(9.8), Message: "report: log certificate number on render",
					Files: []File{{Path: "services/grading-report/grading_report/render.py", Patch: patch("", "    log.info(\"rendered report\", extra={\"cert\": cert.number})")}}},
				{SHA: "b82d0f3", Parents: []string{"e5a7c21"}, Author: "ravi", Date: hrs(6), Message: "billing: round invoice totals with round()",
					Files: []File{{Path: "services/billing/billing/invoice.py", Patch: patch("    total = total.quantize(Decimal(\"0.01\"), rounding=ROUND_HALF_UP)", "    total = round(total, 2)")}}},
				{SHA: "e5a7c21", Parents: []string{"07f3d6b"}, Author: "anouk", Date: hrs(3), Message: "weights: simplify carat conversion",
					Files: []File{{Path: "services/grading-report/grading_report/weights.py", Patch: patch(
						"    carats = Decimal(str(grams)) / Decimal(\"0.2\")\n    return carats.quantize(Decimal(\"0.01\"), rounding=ROUND_HALF_UP)",
						"    return round(grams / 0.2, 2)")}}},
				{SHA: "07f3d6b", Parents: []string{"f90a3b2"}, Author: "ravi", Date: hrs(1), Message: "deps: bump reportlab to 4.2.2",
					Files: []File{{Path: "services/grading-report/requirements.txt", Patch: patch("reportlab==4.2.0", "reportlab==4.2.2")}}},
			},
			deploys: []Deploy{
				{SHA: "e5a7c21", At: hrs(3.4), Environment: "production", Service: "grading-report"},
				{SHA: "b82d0f3", At: hrs(6.3), Environment: "production", Service: "billing"},
				{SHA: "4c1e9a7", At: hrs(10.2), Environment: "production", Service: "grading-report"},
			},
			ev: caseEvidence{onsetAfter: 8 * time.Hour, firstFailing: "grading-report", callPath: []string{"scale-station", "grading-report", "cert-printer"},
				signature: "carat weight 0.99 ct printed for scale reading 0.19900 g (expected 1.00 ct) on render_report (server)",
				logs: []string{
					"WARN cert-audit: certificate DG-318842 weight 0.99 ct, scale log 0.19900 g = 0.995 ct, inscription 1.00 ct",
					"INFO cert-audit: stones whose weight does not end in 5 at the third decimal match the scale log",
					"INFO billing: invoice totals reconcile with the ledger; invoices are not on the certificate path",
				},
				surges: []MetricShift{{Service: "grading-report", Name: "cert_audit_mismatch_total", Direction: "up", Ratio: 40, At: hrs(8)}}},
			want: "e5a7c21",
		},
		{
			name: "tow truck operators: a 'leftover' prepareThreshold=0 is dropped from the JDBC URL behind PgBouncer transaction pooling, and once the morning rush shares server connections statements vanish; a pgjdbc bump, the assign endpoint's ETA field and the loud driver-notify deploy are innocent", heldOut: true,
			service: "dispatch-api",
			sig:     Signal{Title: "Tow dispatch cannot assign trucks", Text: "dispatch-api returns 500 on job assignment since the morning rush; roadside callers waiting over 40 minutes"},
			alert:   8.4,
			commits: []Commit{
				{SHA: "9d3b6e0", Parents: []string{"a61f2c8"}, Author: "keira", Date: hrs(8), Message: "notify: shorter push text for drivers",
					Files: []File{{Path: "services/driver-notify/src/main/kotlin/tow/notify/PushText.kt", Patch: patch("    \"New tow job near ${job.area}, tap to accept\"", "    \"Tow job: ${job.area}\"")}}},
				{SHA: "a61f2c8", Parents: []string{"3e8c5d1"}, Author: "dmitri", Date: hrs(5), Message: "jobs: return ETA minutes from POST /v1/jobs/assign",
					Files: []File{{Path: "services/dispatch-api/src/main/kotlin/tow/dispatch/AssignController.kt", Patch: patch("        return AssignResponse(job.id, truck.id)", "        return AssignResponse(job.id, truck.id, etaMinutes = eta.toMinutes())")}}},
				{SHA: "3e8c5d1", Parents: []string{"c04a7f9"}, Author: "keira", Date: hrs(1.5), Message: "config: drop leftover JDBC URL params",
					Files: []File{{Path: "services/dispatch-api/src/main/resources/application.yml", Patch: patch("    url: jdbc:postgresql://pgbouncer:6432/dispatch?prepareThreshold=0", "    url: jdbc:postgresql://pgbouncer:6432/dispatch")}}},
				{SHA: "c04a7f9", Parents: []string{"5b2e8d0"}, Author: "dmitri", Date: hrs(1), Message: "deps: bump org.postgresql:postgresql to 42.7.4",
					Files: []File{{Path: "services/dispatch-api/build.gradle.kts", Patch: patch("    implementation(\"org.postgresql:postgresql:42.7.3\")", "    implementation(\"org.postgresql:postgresql:42.7.4\")")}}},
			},
			deploys: []Deploy{
				{SHA: "3e8c5d1", At: hrs(2), Environment: "production", Service: "dispatch-api"},
				{SHA: "a61f2c8", At: hrs(5.3), Environment: "production", Service: "dispatch-api"},
				{SHA: "9d3b6e0", At: hrs(8.1), Environment: "production", Service: "driver-notify"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 30*time.Minute, firstFailing: "dispatch-api", callPath: []string{"call-center", "dispatch-api", "pgbouncer", "postgres"},
				affected:  []string{"dispatch-api", "driver-notify"},
				signature: "500 on POST /v1/jobs/assign: PSQLException: ERROR: prepared statement \"S_4\" does not exist (server), after 6 ms",
				logs: []string{
					"ERROR org.postgresql.util.PSQLException: ERROR: prepared statement \"S_4\" does not exist",
					"INFO pgbouncer: pool_mode=transaction, 20 server connections now shared by 186 clients",
					"INFO overnight every client held its own server connection (under 20 clients); no statement errors after the 02:00 deploy until 07:30",
					"WARN driver-notify: no assignment events received for 12 minutes",
				},
				surges: []MetricShift{{Service: "dispatch-api", Name: "http_5xx_responses_total", Direction: "up", Ratio: 25, At: hrs(7.5)}, {Service: "pgbouncer", Name: "cl_active", Direction: "up", Ratio: 9, At: hrs(7.4)}}},
			want: "3e8c5d1",
		},
		{
			name: "food banks: the allocator CronJob goes from hourly to every 15 minutes with the default concurrencyPolicy, and Friday's long run overlaps the next one, promising pallets twice; the newsletter schedule change, a log line and a SQLAlchemy bump are innocent", heldOut: true,
			service: "allocation-job",
			sig:     Signal{Title: "Donated pallets promised to two agencies", Text: "Partner pantries arrived for the same pallets of Friday produce; the allocation sheet lists 37 pallets twice"},
			alert:   30,
			commits: []Commit{
				{SHA: "f17c0b4", Parents: []string{"2b9e4d6"}, Author: "lupe", Date: hrs(27), Message: "newsletter: send the weekly digest at 07:00",
					Files: []File{{Path: "deploy/cron/newsletter.yaml", Patch: patch("  schedule: \"0 9 * * 1\"", "  schedule: \"0 7 * * 1\"")}}},
				{SHA: "2b9e4d6", Parents: []string{"6a0d8e3"}, Author: "gideon", Date: hrs(20), Message: "allocator: log agency id on each allocation",
					Files: []File{{Path: "services/allocation-job/allocator/run.py", Patch: patch("", "        log.info(\"allocated\", pallet=p.id, agency=a.id)")}}},
				{SHA: "6a0d8e3", Parents: []string{"d3f5a19"}, Author: "lupe", Date: hrs(4), Message: "allocator: run every 15 minutes so fresh donations show sooner",
					Files: []File{{Path: "deploy/cron/allocator.yaml", Patch: patch("  schedule: \"0 * * * *\"", "  schedule: \"*/15 * * * *\"")}}},
				{SHA: "d3f5a19", Parents: []string{"8e0c4f2"}, Author: "gideon", Date: hrs(2), Message: "deps: bump sqlalchemy to 2.0.31",
					Files: []File{{Path: "services/allocation-job/requirements.txt", Patch: patch("SQLAlchemy==2.0.30", "SQLAlchemy==2.0.31")}}},
			},
			deploys: []Deploy{
				{SHA: "6a0d8e3", At: hrs(4.5), Environment: "production", Service: "allocation-job"},
				{SHA: "2b9e4d6", At: hrs(20.5), Environment: "production", Service: "allocation-job"},
				{SHA: "f17c0b4", At: hrs(27.2), Environment: "production", Service: "newsletter"},
			},
			ev: caseEvidence{onsetAfter: 28 * time.Hour, firstFailing: "allocation-job", callPath: []string{"donation-intake", "allocation-job", "postgres", "agency-portal"},
				signature: "pallet allocated twice by overlapping runs allocator-28830945 and allocator-28830960 (batch)",
				logs: []string{
					"WARN allocator-28830945 still running after 15m (4,106 intake lines from the Friday produce drop); allocator-28830960 started",
					"ERROR reconcile: 37 pallets assigned to two agencies (PAL-20417, PAL-20418, ...)",
					"INFO earlier runs finished in 4 to 6 minutes; no two allocator pods were ever active together before Friday",
				}},
			want: "6a0d8e3",
		},
		{
			name: "hot springs resorts: edge nginx starts keeping upstream connections alive past Node's 5 s keepAliveTimeout, so bookings on reused idle connections get 502; a rename of the booking handler deployed just before onset and a Node image bump are innocent", heldOut: true,
			service: "soak-booking",
			sig:     Signal{Title: "Intermittent 502s booking thermal pools", Text: "About 3% of soaking-pool bookings fail with 502 Bad Gateway since mid-morning; a retry usually works"},
			alert:   11,
			commits: []Commit{
				{SHA: "8e4a2d7", Parents: []string{"c5b19f0"}, Author: "hana", Date: hrs(9.5), Message: "soak: rename bookSlot handler to reserveSlot",
					Files: []File{{Path: "services/soak-booking/src/routes/soak.js", Patch: patch("router.post('/api/soak-slots', bookSlot);", "router.post('/api/soak-slots', reserveSlot);")}}},
				{SHA: "c5b19f0", Parents: []string{"1f6d3a8"}, Author: "tomas", Date: hrs(7), Message: "docker: node 20.11 -> 20.12",
					Files: []File{{Path: "services/soak-booking/Dockerfile", Patch: patch("FROM node:20.11-alpine", "FROM node:20.12-alpine")}}},
				{SHA: "1f6d3a8", Parents: []string{"72ad0e5"}, Author: "hana", Date: hrs(2), Message: "nginx: reuse upstream connections to soak-booking",
					Files: []File{{Path: "deploy/edge-nginx/conf.d/soak.conf", Patch: patch(
						"upstream soak_booking {\n    server soak-booking:3000;\n}",
						"upstream soak_booking {\n    server soak-booking:3000;\n    keepalive 32;\n}\nproxy_http_version 1.1;\nproxy_set_header Connection \"\";")}}},
				{SHA: "72ad0e5", Parents: []string{"0e7b9c4"}, Author: "tomas", Date: hrs(1), Message: "soak: warn when pool temperature is out of range",
					Files: []File{{Path: "services/soak-booking/src/pools.js", Patch: patch("  logger.info({ pool, tempC }, 'pool temp');", "  logger.warn({ pool, tempC }, 'pool temp out of range');")}}},
			},
			deploys: []Deploy{
				{SHA: "1f6d3a8", At: hrs(2.3), Environment: "production", Service: "edge-nginx"},
				{SHA: "8e4a2d7", At: hrs(9.8), Environment: "production", Service: "soak-booking"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 10*time.Minute, firstFailing: "edge-nginx", callPath: []string{"web", "edge-nginx", "soak-booking"},
				signature: "502 Bad Gateway on POST /api/soak-slots (edge): upstream prematurely closed connection while reading response header",
				logs: []string{
					"ERROR nginx: upstream prematurely closed connection while reading response header from upstream, upstream: \"http://10.4.2.17:3000/api/soak-slots\"",
					"INFO soak-booking: server.keepAliveTimeout=5000 ms (Node default); nginx upstream keepalive_timeout 60s",
					"INFO every 502 went out on an upstream connection that had been idle 4.9 to 5.1 s; the resort opens bookings at 10:00 and traffic was near zero before",
				},
				surges: []MetricShift{{Service: "edge-nginx", Name: "http_502_responses_total", Direction: "up", Ratio: 30, At: hrs(10.2)}}},
			want: "1f6d3a8",
		},
		{
			name: "reptile breeders: serde deny_unknown_fields on the incubator reading drops every reading that carries the alarm-only humidity_alarm field, so no keeper is paged; the same attribute on the admin import, a tokio bump and the pager's retry change are innocent", heldOut: true,
			service: "incubator-ingest",
			sig:     Signal{Title: "Incubator humidity alarms never reached keepers", Text: "Two python clutches lost overnight; incubators 7 and 12 raised humidity alarms on their panels but no page was sent"},
			alert:   22,
			commits: []Commit{
				{SHA: "e09b4c2", Parents: []string{"5d7f1a3"}, Author: "sione", Date: hrs(20), Message: "alert-router: retry pages three times",
					Files: []File{{Path: "services/alert-router/src/send.rs", Patch: patch("    let attempts = 1;", "    let attempts = 3;")}}},
				{SHA: "5d7f1a3", Parents: []string{"a4c8e6f"}, Author: "marit", Date: hrs(12), Message: "admin: reject unknown keys in rack config imports",
					Files: []File{{Path: "services/admin-console/src/config.rs", Patch: patch("#[derive(Deserialize)]\npub struct RackConfig {", "#[derive(Deserialize)]\n#[serde(deny_unknown_fields)]\npub struct RackConfig {")}}},
				{SHA: "a4c8e6f", Parents: []string{"bb31e07"}, Author: "sione", Date: hrs(3), Message: "ingest: strict reading schema",
					Files: []File{{Path: "services/incubator-ingest/src/reading.rs", Patch: patch("#[derive(Deserialize)]\npub struct Reading {", "#[derive(Deserialize)]\n#[serde(deny_unknown_fields)]\npub struct Reading {")}}},
				{SHA: "bb31e07", Parents: []string{"3c9d2a6"}, Author: "marit", Date: hrs(2.5), Message: "deps: bump tokio to 1.38",
					Files: []File{{Path: "services/incubator-ingest/Cargo.toml", Patch: patch("tokio = { version = \"1.37\", features = [\"full\"] }", "tokio = { version = \"1.38\", features = [\"full\"] }")}}},
			},
			deploys: []Deploy{
				{SHA: "a4c8e6f", At: hrs(3.3), Environment: "production", Service: "incubator-ingest"},
				{SHA: "5d7f1a3", At: hrs(12.4), Environment: "production", Service: "admin-console"},
				{SHA: "e09b4c2", At: hrs(20.3), Environment: "production", Service: "alert-router"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 12*time.Minute, firstFailing: "incubator-ingest", callPath: []string{"incubator-gateway", "incubator-ingest", "alert-router", "keeper-pager"},
				signature: "reading rejected: unknown field `humidity_alarm`, expected one of `incubator_id`, `temp_c`, `rh_pct`, `ts` on POST /readings (server)",
				logs: []string{
					"WARN incubator-ingest: dropping reading from INC-07: unknown field `humidity_alarm` at line 1 column 88",
					"INFO incubator firmware adds `humidity_alarm` to a reading only while an alarm is active",
					"INFO routine readings without alarms accepted all night; alert-router received nothing to page",
				},
				surges: []MetricShift{{Service: "incubator-ingest", Name: "readings_rejected_total", Direction: "up", Ratio: 80, At: hrs(17.2)}}},
			want: "a4c8e6f",
		},

		// --- no commit to blame ---
		{
			name: "land surveyors: a severe geomagnetic storm scrambles the ionosphere and rovers drop to RTK float; a rename of the fix handler deployed minutes before, an NTRIP client bump and a log level change are innocent", heldOut: true,
			service: "rtk-relay",
			sig:     Signal{Title: "Survey crews stuck in RTK float", Text: "Field crews in three counties can't get a fixed RTK solution; stakeout paused on two subdivisions"},
			alert:   15,
			commits: []Commit{
				{SHA: "3a9f7e2", Parents: []string{"d6e0b81"}, Author: "ines", Date: hrs(14.2), Message: "rtk: rename handleFix to onFixUpdate",
					Files: []File{{Path: "services/rtk-relay/internal/rtk/fix.go", Patch: patch("func (r *Relay) handleFix(s Solution) {", "func (r *Relay) onFixUpdate(s Solution) {")}}},
				{SHA: "d6e0b81", Parents: []string{"90c4a5d"}, Author: "obi", Date: hrs(12), Message: "deps: bump go-gnss/ntrip to v0.9.3",
					Files: []File{{Path: "services/rtk-relay/go.mod", Patch: patch("\tgithub.com/go-gnss/ntrip v0.9.2", "\tgithub.com/go-gnss/ntrip v0.9.3")}}},
				{SHA: "90c4a5d", Parents: []string{"7f1e3b8"}, Author: "ines", Date: hrs(8), Message: "rtk: log correction age at debug",
					Files: []File{{Path: "services/rtk-relay/internal/rtk/stream.go", Patch: patch("\tlog.Info(\"correction\", \"age\", age)", "\tlog.Debug(\"correction\", \"age\", age)")}}},
			},
			deploys: []Deploy{
				{SHA: "d6e0b81", At: hrs(12.3), Environment: "production", Service: "rtk-relay"},
				{SHA: "3a9f7e2", At: hrs(14.4), Environment: "production", Service: "rtk-relay"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 36*time.Minute, firstFailing: "rover-app", callPath: []string{"cors-caster", "rtk-relay", "rover-app"},
				signature: "RTK fix lost, float solution on 31 of 34 rovers, correction age 1 s (client)",
				logs: []string{
					"WARN rover R-114: ambiguity resolution failed, ratio 1.4 < 3.0, corrections age 1 s, 22 satellites",
					"INFO NOAA SWPC: G4 (severe) geomagnetic storm in progress since 14:30 UTC, Kp 8",
					"INFO correction stream from the state CORS network continuous at 1 Hz, no gaps; rovers held fixed with the new relay build from 14:24 to 14:35",
				}},
			want: "",
		},
		{
			name: "dredging contractors: a VM resumed from suspend with its clock half an hour behind and no reachable NTP, so every JWT looks issued in the future; a 401 log line deployed just before, a PyJWT bump and a field on the failing endpoint are innocent", heldOut: true,
			service: "vessel-tracker",
			sig:     Signal{Title: "Dredger bridge tablets logged out of the vessel tracker", Text: "Tablets on the dredger Hollandia Bay get 401 on every call; production log entries are not being saved"},
			alert:   6.5,
			commits: []Commit{
				{SHA: "c7e2f10", Parents: []string{"48b1d9e"}, Author: "femke", Date: hrs(5.8), Message: "auth: log token subject on 401",
					Files: []File{{Path: "services/vessel-tracker/tracker/auth.py", Patch: patch("", "        log.warning(\"token rejected\", extra={\"sub\": claims.get(\"sub\")})")}}},
				{SHA: "48b1d9e", Parents: []string{"f2a06c4"}, Author: "jonas", Date: hrs(4), Message: "logs: return dredged volume from POST /v1/logs",
					Files: []File{{Path: "services/vessel-tracker/tracker/logs.py", Patch: patch("    return {\"id\": entry.id}", "    return {\"id\": entry.id, \"volume_m3\": entry.volume_m3}")}}},
				{SHA: "f2a06c4", Parents: []string{"19d8e5a"}, Author: "femke", Date: hrs(3), Message: "deps: bump pyjwt to 2.8.0",
					Files: []File{{Path: "services/vessel-tracker/requirements.txt", Patch: patch("PyJWT==2.7.0", "PyJWT==2.8.0")}}},
			},
			deploys: []Deploy{
				{SHA: "f2a06c4", At: hrs(3.3), Environment: "production", Service: "vessel-tracker"},
				{SHA: "c7e2f10", At: hrs(6), Environment: "production", Service: "vessel-tracker"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 5*time.Minute, firstFailing: "vessel-tracker", callPath: []string{"bridge-tablet", "vessel-tracker", "postgres"},
				signature: "401 ImmatureSignatureError: The token is not yet valid (iat) on POST /v1/logs (server), after 1 ms",
				logs: []string{
					"WARN vessel-tracker-2: token rejected, iat 1,862 s ahead of server clock",
					"INFO hypervisor hv-12: vm vessel-tracker-2 resumed from suspend at 06:04, guest clock 31 min behind",
					"WARN chronyd: no selectable sources; ntp.port.example unreachable (UDP 123 blocked at the port authority firewall since 21:00)",
					"INFO vessel-tracker-1 on hv-07 runs the same build and accepts the same tokens",
				}},
			want: "",
		},
		{
			name: "fossil-dig tours: the mail provider suspends the account for a bounce rate caused by an imported list, so confirmations stop; a new confirmation template deployed minutes before, a SendGrid SDK bump and a waiver rename are innocent", heldOut: true,
			service: "tour-booking",
			sig:     Signal{Title: "Fossil dig bookings: no confirmation emails", Text: "Guests booking quarry dig days receive no confirmation or waiver link; the support inbox is flooded"},
			alert:   10,
			commits: []Commit{
				{SHA: "a93d5e8", Parents: []string{"1c6f0b7"}, Author: "priya", Date: hrs(9), Message: "email: new confirmation template with waiver link",
					Files: []File{{Path: "services/tour-booking/templates/confirmation.html", Patch: patch("<p>See you at the quarry!</p>", "<p>See you at the quarry! <a href=\"{{ waiver_url }}\">Sign your waiver</a></p>")}}},
				{SHA: "1c6f0b7", Parents: []string{"e4b72a9"}, Author: "colm", Date: hrs(7), Message: "deps: bump @sendgrid/mail to 8.1.3",
					Files: []File{{Path: "services/tour-booking/package.json", Patch: patch("    \"@sendgrid/mail\": \"8.1.1\",", "    \"@sendgrid/mail\": \"8.1.3\",")}}},
				{SHA: "e4b72a9", Parents: []string{"6d0f8c1"}, Author: "priya", Date: hrs(4), Message: "waivers: rename sendWaiver to queueWaiverEmail",
					Files: []File{{Path: "services/tour-booking/src/waivers.ts", Patch: patch("export async function sendWaiver(b: Booking) {", "export async function queueWaiverEmail(b: Booking) {")}}},
			},
			deploys: []Deploy{{SHA: "a93d5e8", At: hrs(9.2), Environment: "production", Service: "tour-booking"}},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 23*time.Minute, firstFailing: "tour-booking", callPath: []string{"web", "tour-booking", "mail-provider"},
				signature: "403 Forbidden from mail provider: account suspended on send_confirmation (client), after 120 ms",
				logs: []string{
					"ERROR mailer: 403 {\"errors\":[{\"message\":\"Your account has been suspended due to a high bounce rate\"}]}",
					"INFO provider dashboard: bounce rate 11.2% over 24 h, from a school-trip contact list marketing imported on Monday",
					"INFO confirmations with the new template were accepted (202) from 09:12 until 09:23",
				}},
			want: "",
		},
		{
			name: "bail bonds agencies: the A2P 10DLC messaging campaign expires when its renewal card is declined and carriers block court-date texts; a message-SID log line deployed just before, a twilio bump and a scheduler rename are innocent", heldOut: true,
			service: "court-reminders",
			sig:     Signal{Title: "Defendants not receiving court date reminders", Text: "SMS reminders for tomorrow's arraignments show undelivered; two failures to appear already flagged"},
			alert:   18,
			commits: []Commit{
				{SHA: "7be3c90", Parents: []string{"0d4e8a6"}, Author: "reggie", Date: hrs(16.5), Message: "reminders: log message SID at info",
					Files: []File{{Path: "services/court-reminders/app/sms.rb", Patch: patch("", "    Rails.logger.info(\"sms queued sid=#{msg.sid}\")")}}},
				{SHA: "0d4e8a6", Parents: []string{"5f9a1c3"}, Author: "alma", Date: hrs(12), Message: "deps: bump twilio-ruby to 7.2.1",
					Files: []File{{Path: "services/court-reminders/Gemfile.lock", Patch: patch("    twilio-ruby (7.1.0)", "    twilio-ruby (7.2.1)")}}},
				{SHA: "5f9a1c3", Parents: []string{"2a7c6e4"}, Author: "reggie", Date: hrs(9), Message: "scheduler: rename send_due to dispatch_due_reminders",
					Files: []File{{Path: "services/court-reminders/app/scheduler.rb", Patch: patch("  def send_due", "  def dispatch_due_reminders")}}},
			},
			deploys: []Deploy{
				{SHA: "0d4e8a6", At: hrs(12.2), Environment: "production", Service: "court-reminders"},
				{SHA: "7be3c90", At: hrs(16.7), Environment: "production", Service: "court-reminders"},
			},
			ev: caseEvidence{onsetAfter: 16*time.Hour + 52*time.Minute, firstFailing: "court-reminders", callPath: []string{"scheduler", "court-reminders", "twilio", "carriers"},
				signature: "SMS undelivered: carrier error 30034 message from an unregistered number on send_reminder (client)",
				logs: []string{
					"ERROR twilio status callback: undelivered, ErrorCode 30034 (A2P 10DLC: message from an unregistered number)",
					"INFO Twilio console: campaign CMP-7Q2K9 status EXPIRED at 16:50, annual renewal fee declined (card expired)",
					"INFO reminders sent 16:42 to 16:50 with the new build were delivered",
				}},
			want: "",
		},
		{
			name: "water-well drillers: the cloud reclaims spot capacity and rig-telemetry pods cannot be rescheduled; a CPU request raised on the report builder's on-demand pool just before, a paho-mqtt bump and a handler rename are innocent", heldOut: true,
			service: "rig-telemetry",
			sig:     Signal{Title: "Drilling rig telemetry frozen", Text: "Mud pressure and torque dashboards for 9 rigs stopped updating; rig-telemetry pods are Pending"},
			alert:   4,
			commits: []Commit{
				{SHA: "2d8c5f1", Parents: []string{"b4f09e2"}, Author: "wade", Date: hrs(3.2), Message: "helm: report-builder requests 500m CPU",
					Files: []File{{Path: "deploy/helm/report-builder/values.yaml", Patch: patch("    cpu: 250m", "    cpu: 500m")}}},
				{SHA: "b4f09e2", Parents: []string{"6c1a7d3"}, Author: "zainab", Date: hrs(2), Message: "telemetry: rename handleFrame to ingestFrame",
					Files: []File{{Path: "services/rig-telemetry/internal/ingest/frame.go", Patch: patch("func handleFrame(f Frame) error {", "func ingestFrame(f Frame) error {")}}},
				{SHA: "6c1a7d3", Parents: []string{"e8b3f05"}, Author: "wade", Date: hrs(1), Message: "deps: bump paho-mqtt to 1.5.0",
					Files: []File{{Path: "services/rig-telemetry/go.mod", Patch: patch("\tgithub.com/eclipse/paho.mqtt.golang v1.4.3", "\tgithub.com/eclipse/paho.mqtt.golang v1.5.0")}}},
			},
			deploys: []Deploy{
				{SHA: "b4f09e2", At: hrs(2.3), Environment: "production", Service: "rig-telemetry"},
				{SHA: "2d8c5f1", At: hrs(3.4), Environment: "production", Service: "report-builder"},
			},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 34*time.Minute, firstFailing: "rig-telemetry", callPath: []string{"rig-gateway", "mqtt-broker", "rig-telemetry", "dashboard"},
				signature: "0/6 nodes are available: 6 Insufficient cpu; pod rig-telemetry-7d9f Pending (scheduler)",
				logs: []string{
					"WARN aws: EC2 Spot Instance interruption notice for 4 instances in us-east-2b (node group spot-c5)",
					"WARN cluster-autoscaler: failed to scale up spot-c5: InsufficientInstanceCapacity",
					"INFO report-builder runs on node group ondemand-m5 and scheduled normally",
					"INFO rig-telemetry ran 3 replicas on the new build from 02:20 until the spot nodes were reclaimed at 03:34",
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentiethBatch(t *testing.T) {
	runHeldOutBatch(t, "twentieth", culpritCasesTwentiethBatch())
}
