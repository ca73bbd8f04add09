package triage

// culprit_cases14_test.go is a fourteenth held-out batch (10 cases)
// written by a helper that did not read the rules, after the thirteenth
// batch's fixes, aiming at mechanisms a rules-based tool may not know: a
// lock removed around a shared map, a write no longer awaited, a rate
// limiter keyed on a shared address, an acknowledgement moved before the
// work, a CORS setting dropped, a date format changed in the caller's
// repository; and four causes outside any repository (an API version
// retired by a partner, a database failover, a vendor's intermediate
// certificate, a supplier's firmware). First run: 5/10, three innocent
// commits blamed and two abstentions. The classes: a partner's "410 Gone
// ... v2 was retired", a managed database's failover and a supplier's
// firmware rollout were no known causes; the telemetry saying the new
// build ran without the fault until the onset ("... with the new column",
// "accepted normally, including after the 14:30 deploy") was not read; two
// lines swapped (acknowledge, then work) were taken for lines removed and
// added back unchanged, and acknowledgement was no mechanism. After those:
// 9/10, none blamed (the rate limiter re-keyed 14 hours before the dawn
// rush abstains). It has tuned rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

// culpritCasesFourteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesFourteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "escape rooms: a commit drops the mutex around the holds map and Friday-evening concurrency crashes the booking pods; a later log tweak in the same file, a rename and a chi bump are innocent", heldOut: true,
			service: "room-booking",
			sig:     Signal{Title: "Escape room booking pods crash-looping", Text: "room-booking keeps restarting since the Friday evening rush; players can't hold a room slot and checkout fails"},
			alert:   19.3,
			commits: []Commit{
				{SHA: "e4a9c1f", Parents: []string{"d37b2e0"}, Author: "noor", Date: hrs(18.2), Message: "holds: include room slug in hold errors",
					Files: []File{{Path: "internal/rooms/holds.go", Patch: patch("\t\tlog.Printf(\"hold failed: %v\", err)", "\t\tlog.Printf(\"hold failed room=%s: %v\", slot.RoomSlug, err)")}}},
				{SHA: "d37b2e0", Parents: []string{"c1f0a88"}, Author: "tomasz", Date: hrs(5.5), Message: "holds: drop holdsMu, the map is read-mostly",
					Files: []File{{Path: "internal/rooms/holds.go", Patch: patch(
						"\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\ts.holds[slot.Key()] = h",
						"\ts.holds[slot.Key()] = h")}}},
				{SHA: "c1f0a88", Parents: []string{"b2e6d14"}, Author: "noor", Date: hrs(4), Message: "deps: bump github.com/go-chi/chi/v5 to v5.0.12",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/go-chi/chi/v5 v5.0.11", "\tgithub.com/go-chi/chi/v5 v5.0.12")}}},
				{SHA: "b2e6d14", Parents: []string{"a08d5c3"}, Author: "tomasz", Date: hrs(3), Message: "rooms: rename Hold.Expires to Hold.ExpiresAt",
					Files: []File{{Path: "internal/rooms/holds.go", Patch: patch("\tExpires time.Time", "\tExpiresAt time.Time")}}},
			},
			deploys: []Deploy{
				{SHA: "d37b2e0", At: hrs(6), Environment: "production"},
				{SHA: "e4a9c1f", At: hrs(18.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 18*time.Hour + 55*time.Minute, firstFailing: "room-booking", callPath: []string{"web", "room-booking", "postgres"},
				signature: "fatal error: concurrent map writes in (*HoldStore).Place (server)",
				logs: []string{
					"fatal error: concurrent map writes",
					"goroutine 4817 [running]: github.com/lockbox/room-booking/internal/rooms.(*HoldStore).Place(0xc0001a2300, {0xc00412a0f0, 0x18}) internal/rooms/holds.go:61",
					"WARN kubelet: container room-booking restarted 14 times, back-off restarting failed container",
				},
				surges: []MetricShift{
					{Service: "room-booking", Name: "http_requests_per_second", Direction: "up", Ratio: 2.4, At: hrs(18.8)},
					{Service: "room-booking", Name: "container_restarts_total", Direction: "up", Ratio: 14, At: hrs(19)},
				}},
			want: "d37b2e0",
		},
		{
			name: "oyster farms: the dock intake stops awaiting the ledger write (create_task), pending writes are dropped and harvest tags vanish; a docstring in the store and an aiohttp bump are innocent", heldOut: true,
			service: "harvest-ledger",
			sig:     Signal{Title: "Harvest tags missing from the shellfish ledger", Text: "End-of-day reconcile: 41 of 312 oyster bag tags scanned at the dock are not in harvest-ledger; the health authority traceability export is incomplete"},
			alert:   20.5,
			commits: []Commit{
				{SHA: "3f9d0b2", Parents: []string{"2c8e7a4"}, Author: "maeve", Date: hrs(9.0), Message: "store: docstring for harvest tag format",
					Files: []File{{Path: "harvest_ledger/store.py", Patch: patch("", "    \"\"\"Tags look like BAY-LOT-BAG, e.g. CLW-2406-0117.\"\"\"")}}},
				{SHA: "2c8e7a4", Parents: []string{"1b7c6d3"}, Author: "idris", Date: hrs(8.7), Message: "intake: don't block the dock scanner on ledger writes",
					Files: []File{{Path: "harvest_ledger/intake.py", Patch: patch(
						"    await store.record_tag(tag)\n    return web.json_response({\"ok\": True})",
						"    asyncio.create_task(store.record_tag(tag))\n    return web.json_response({\"ok\": True})")}}},
				{SHA: "1b7c6d3", Parents: []string{"0a6b5c2"}, Author: "maeve", Date: hrs(6), Message: "deps: bump aiohttp to 3.9.5",
					Files: []File{{Path: "requirements.txt", Patch: patch("aiohttp==3.9.3", "aiohttp==3.9.5")}}},
			},
			deploys: []Deploy{
				{SHA: "1b7c6d3", At: hrs(6.3), Environment: "production"},
				{SHA: "3f9d0b2", At: hrs(9.3), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 30*time.Minute, firstFailing: "harvest-ledger", callPath: []string{"dock-scanner", "harvest-ledger", "postgres"},
				signature: "harvest tag scanned but missing from ledger on reconcile_day (server)",
				logs: []string{
					"ERROR asyncio: Task was destroyed but it is pending! task: <Task pending name='Task-88213' coro=<LedgerStore.record_tag() running at /app/harvest_ledger/store.py:47>>",
					"ERROR asyncio: Task exception was never retrieved: asyncpg.exceptions.ConnectionDoesNotExistError in LedgerStore.record_tag",
					"WARN reconcile: 312 tags scanned at dock, 271 in ledger, 41 missing (first missing CLW-2406-0117 at 09:31)",
				}},
			want: "2c8e7a4",
		},
		{
			name: "hot-air balloon rides: the check-in rate limiter is re-keyed on client IP and every passenger at the launch field shares one LTE NAT at dawn; a log line deployed before dawn, a rename and a Node pin are innocent", heldOut: true,
			service: "checkin-api",
			sig:     Signal{Title: "Balloon passengers can't check in at the launch field", Text: "Kiosks and passengers' phones at the Meadow launch field get 'Too many requests' on check-in; pilots can't close manifests for the 06:00 flights"},
			alert:   30.4,
			commits: []Commit{
				{SHA: "9e31d7a", Parents: []string{"8d20c69"}, Author: "sunniva", Date: hrs(28.8), Message: "checkin: log manifest weight at info",
					Files: []File{{Path: "src/routes/checkin.ts", Patch: patch("", "  logger.info({ flightId, manifestKg: manifest.totalKg }, \"manifest updated\");")}}},
				{SHA: "8d20c69", Parents: []string{"7c1fb58"}, Author: "rafael", Date: hrs(15.8), Message: "rateLimit: key on client IP so anonymous scrapers are throttled too",
					Files: []File{{Path: "src/middleware/rateLimit.ts", Patch: patch("  keyGenerator: (req) => req.user?.id ?? req.ip,", "  keyGenerator: (req) => req.ip,")}}},
				{SHA: "7c1fb58", Parents: []string{"6b0ea47"}, Author: "sunniva", Date: hrs(15.5), Message: "rateLimit: rename limiter to checkinLimiter",
					Files: []File{{Path: "src/middleware/rateLimit.ts", Patch: patch("export const limiter = rateLimit({", "export const checkinLimiter = rateLimit({")}}},
				{SHA: "6b0ea47", Parents: []string{"5a9fd36"}, Author: "rafael", Date: hrs(14), Message: "ci: pin node 20.12 in deploy workflow",
					Files: []File{{Path: ".github/workflows/deploy.yml", Patch: patch("          node-version: 20.11", "          node-version: 20.12")}}},
			},
			deploys: []Deploy{
				{SHA: "8d20c69", At: hrs(16.2), Environment: "production"},
				{SHA: "9e31d7a", At: hrs(29.6), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 30 * time.Hour, firstFailing: "checkin-api", callPath: []string{"field-kiosk", "checkin-api", "manifest-service"},
				signature: "429 Too Many Requests on POST /v1/checkins (server), after 2 ms",
				logs: []string{
					"WARN rate limit exceeded key=203.0.113.24 limit=20/min hits=187",
					"INFO 46 distinct passenger accounts seen behind 203.0.113.24 (meadow-field-lte) in the last 10 min",
					"INFO check-ins from other addresses succeeding normally",
				},
				surges: []MetricShift{{Service: "checkin-api", Name: "http_429_responses_total", Direction: "up", Ratio: 60, At: hrs(30)}}},
			want: "8d20c69",
		},
		{
			name: "vinyl pressing: the order consumer acks before creating the press job, so a routine rolling restart silently loses in-flight orders; the Helm memory bump that restarted the pods, a rename and an amqp-client bump are innocent", heldOut: true,
			service: "press-scheduler",
			sig:     Signal{Title: "Confirmed record orders have no press jobs", Text: "23 confirmed pressing orders never got a press job; the plant floor schedule is missing them and customers were told their lacquers are cut"},
			alert:   15,
			commits: []Commit{
				{SHA: "f5e8b13", Parents: []string{"e4d7a02"}, Author: "kalani", Date: hrs(13.6), Message: "helm: raise press-scheduler memory limit to 1Gi",
					Files: []File{{Path: "deploy/helm/press-scheduler/values.yaml", Patch: patch("    memory: 768Mi", "    memory: 1Gi")}}},
				{SHA: "e4d7a02", Parents: []string{"d3c6f91"}, Author: "bruno", Date: hrs(6.6), Message: "consumer: ack early so slow lacquer lookups don't hit the consumer timeout",
					Files: []File{{Path: "src/main/kotlin/com/groovehouse/press/OrderConsumer.kt", Patch: patch(
						"        scheduler.createPressJob(order)\n        channel.basicAck(delivery.envelope.deliveryTag, false)",
						"        channel.basicAck(delivery.envelope.deliveryTag, false)\n        scheduler.createPressJob(order)")}}},
				{SHA: "d3c6f91", Parents: []string{"c2b5e80"}, Author: "kalani", Date: hrs(6.2), Message: "consumer: rename handle() to onDelivery()",
					Files: []File{{Path: "src/main/kotlin/com/groovehouse/press/OrderConsumer.kt", Patch: patch("    fun handle(delivery: Delivery) {", "    fun onDelivery(delivery: Delivery) {")}}},
				{SHA: "c2b5e80", Parents: []string{"b1a4d7f"}, Author: "bruno", Date: hrs(5), Message: "deps: bump com.rabbitmq:amqp-client to 5.21.0",
					Files: []File{{Path: "build.gradle.kts", Patch: patch("    implementation(\"com.rabbitmq:amqp-client:5.20.0\")", "    implementation(\"com.rabbitmq:amqp-client:5.21.0\")")}}},
			},
			deploys: []Deploy{
				{SHA: "e4d7a02", At: hrs(7), Environment: "production"},
				{SHA: "f5e8b13", At: hrs(13.8), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 50*time.Minute, firstFailing: "press-scheduler", callPath: []string{"shop", "rabbitmq", "press-scheduler", "postgres"},
				signature: "press job missing for confirmed order on reconcile_orders (server)",
				logs: []string{
					"INFO press-scheduler: SIGTERM received, closing channel with 23 deliveries in progress",
					"WARN rabbitmq: consumer on orders.confirmed reconnected, 0 messages redelivered (all deliveries already acked)",
					"ERROR reconcile: 23 confirmed orders have no press job (ORD-88412, ORD-88415, ...), all received between 13:47 and 13:49",
				}},
			want: "e4d7a02",
		},
		{
			name: "piano tuning: an Envoy 'tidy CORS' commit drops allow_credentials and browsers block every booking call while the server logs 200s; a Vapor response field and a comment in the same file are innocent", heldOut: true,
			service: "tuning-booking",
			sig:     Signal{Title: "Piano tuning booking site shows 'Something went wrong'", Text: "Customers can't see or book tuner appointments on book.tunerly.example; the API dashboards look green"},
			alert:   10.5,
			commits: []Commit{
				{SHA: "a7c04e9", Parents: []string{"96b3fd8"}, Author: "henrike", Date: hrs(10.0), Message: "envoy: comment the CORS block",
					Files: []File{{Path: "deploy/envoy/envoy.yaml", Patch: patch("", "            # CORS for the booking web app (book.tunerly.example)")}}},
				{SHA: "96b3fd8", Parents: []string{"85a2ec7"}, Author: "osei", Date: hrs(9.9), Message: "envoy: tidy CORS policy",
					Files: []File{{Path: "deploy/envoy/envoy.yaml", Patch: patch(
						"              allow_methods: \"GET, POST, PATCH\"\n              allow_credentials: true\n              max_age: \"86400\"",
						"              allow_methods: \"GET, POST, PATCH\"\n              max_age: \"86400\"")}}},
				{SHA: "85a2ec7", Parents: []string{"7491db6"}, Author: "henrike", Date: hrs(9.5), Message: "appointments: return piano type in appointment list",
					Files: []File{{Path: "Sources/App/Controllers/AppointmentController.swift", Patch: patch(
						"        return AppointmentDTO(id: a.id, startsAt: a.startsAt, tuner: a.tunerName)",
						"        return AppointmentDTO(id: a.id, startsAt: a.startsAt, tuner: a.tunerName, pianoType: a.pianoType)")}}},
			},
			deploys: []Deploy{{SHA: "a7c04e9", At: hrs(10.1), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 8*time.Minute, firstFailing: "booking-web", callPath: []string{"booking-web", "envoy", "tuning-booking"},
				signature: "CORS blocked: Access-Control-Allow-Credentials missing on GET /v1/appointments (client), after 0 ms",
				logs: []string{
					"ERROR browser: Access to fetch at 'https://api.tunerly.example/v1/appointments' from origin 'https://book.tunerly.example' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
					"INFO tuning-booking: GET /v1/appointments 200 in 41 ms",
				},
				surges: []MetricShift{{Service: "booking-web", Name: "frontend_fetch_errors_total", Direction: "up", Ratio: 45, At: hrs(10.15)}}},
			want: "96b3fd8",
		},
		{
			name: "tattoo studios: studio-booking (another repository) starts sending the deposit date as dd/mm/yyyy and deposit-service rejects it; deposit-service's stripe-go bump deployed minutes before onset is innocent", heldOut: true,
			service: "deposit-service",
			sig:     Signal{Title: "Tattoo deposits failing, bookings not confirmed", Text: "deposit-service 4xx rate alert: most deposit holds rejected; clients can't confirm tattoo sessions"},
			alert:   13,
			commits: []Commit{
				{Repo: "inkwell/deposit-service", SHA: "d5c8e21", Parents: []string{"d4b7a10"}, Author: "yusra", Date: hrs(12.4), Message: "payments: bump stripe-go to v78.4.0",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/stripe/stripe-go/v78 v78.1.0", "\tgithub.com/stripe/stripe-go/v78 v78.4.0")}}},
				{Repo: "inkwell/studio-booking", SHA: "a93f7b0", Parents: []string{"a82e6c9"}, Author: "lorcan", Date: hrs(12.2), Message: "deposits: send appointment date in the studio's local format",
					Files: []File{{Path: "src/deposits/client.rs", Patch: patch(
						"        \"appointment_date\": appt.starts_at.to_rfc3339(),",
						"        \"appointment_date\": appt.starts_at.with_timezone(&studio.tz).format(\"%d/%m/%Y\").to_string(),")}}},
				{Repo: "inkwell/deposit-service", SHA: "d4b7a10", Parents: []string{"d3a6f0b"}, Author: "yusra", Date: hrs(9), Message: "refunds: log studio id on refund",
					Files: []File{{Path: "internal/deposits/refund.go", Patch: patch("\tlog.Info(\"refund issued\", \"deposit\", d.ID)", "\tlog.Info(\"refund issued\", \"deposit\", d.ID, \"studio\", d.StudioID)")}}},
				{Repo: "inkwell/studio-booking", SHA: "a82e6c9", Parents: []string{"a71d5b8"}, Author: "lorcan", Date: hrs(8), Message: "ci: cache cargo registry",
					Files: []File{{Path: ".github/workflows/ci.yml", Patch: patch("", "      - uses: Swatinem/rust-cache@v2")}}},
			},
			deploys: []Deploy{
				{SHA: "d4b7a10", At: hrs(9.2), Environment: "production", Service: "deposit-service"},
				{SHA: "a93f7b0", At: hrs(12.6), Environment: "production", Service: "studio-booking"},
				{SHA: "d5c8e21", At: hrs(12.68), Environment: "production", Service: "deposit-service"},
			},
			ev: caseEvidence{onsetAfter: 12*time.Hour + 42*time.Minute, firstFailing: "deposit-service", callPath: []string{"web", "studio-booking", "deposit-service", "stripe"},
				signature: "400 Bad Request: invalid appointment_date on POST /v1/deposits (server), after 3 ms",
				logs: []string{
					"WARN deposit-service: rejecting deposit hold: appointment_date \"21/06/2025\" is not RFC 3339",
					"ERROR studio-booking: deposit hold failed: 400 invalid appointment_date, booking left unconfirmed",
					"INFO deposit-service: stripe PaymentIntent create 200 (requests with RFC 3339 dates from the admin app still succeed)",
				},
				surges: []MetricShift{{Service: "deposit-service", Name: "http_4xx_responses_total", Direction: "up", Ratio: 35, At: hrs(12.7)}}},
			want: "a93f7b0",
		},

		// --- no commit to blame ---
		{
			name: "moving company: the truck-rental partner retired API v2 at its announced sunset (410 Gone); a truck size added to the same client and a Ruby image bump deployed just before are innocent", heldOut: true,
			service: "quote-engine",
			sig:     Signal{Title: "Moving quotes failing: no truck availability", Text: "quote-engine can't fetch rental truck availability; every online moving quote errors since 08:00"},
			alert:   8.3,
			commits: []Commit{
				{SHA: "m7c2e41", Parents: []string{"m6b1d30"}, Author: "greta", Date: hrs(7.6), Message: "truckfleet: add 26ft box truck to size map",
					Files: []File{{Path: "app/clients/truckfleet_client.rb", Patch: patch(
						"  SIZES = { \"10ft\" => \"TF10\", \"16ft\" => \"TF16\", \"20ft\" => \"TF20\" }.freeze",
						"  SIZES = { \"10ft\" => \"TF10\", \"16ft\" => \"TF16\", \"20ft\" => \"TF20\", \"26ft\" => \"TF26\" }.freeze")}}},
				{SHA: "m6b1d30", Parents: []string{"m5a0c2f"}, Author: "dario", Date: hrs(6), Message: "quotes: show stair surcharge line",
					Files: []File{{Path: "app/views/quotes/_summary.html.erb", Patch: patch("", "<% if quote.stairs_surcharge.positive? %><li>Stairs: <%= money(quote.stairs_surcharge) %></li><% end %>")}}},
				{SHA: "m5a0c2f", Parents: []string{"m49fb1e"}, Author: "greta", Date: hrs(4), Message: "docker: bump ruby to 3.3.4-slim",
					Files: []File{{Path: "Dockerfile", Patch: patch("FROM ruby:3.3.3-slim", "FROM ruby:3.3.4-slim")}}},
			},
			deploys: []Deploy{
				{SHA: "m5a0c2f", At: hrs(4.2), Environment: "production"},
				{SHA: "m7c2e41", At: hrs(7.8), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 8 * time.Hour, firstFailing: "quote-engine", callPath: []string{"web", "quote-engine", "truckfleet-api"},
				signature: "410 Gone on GET api.truckfleet.example/v2/availability (client), after 64 ms",
				logs: []string{
					"ERROR TruckfleetClient: 410 Gone GET https://api.truckfleet.example/v2/availability {\"error\":\"api_version_retired\",\"message\":\"v2 was retired on 2025-06-30 08:00 UTC; use /v3\"}",
					"WARN Sunset header present on truckfleet v2 responses since 2025-03-01 (Sunset: Mon, 30 Jun 2025 08:00:00 GMT)",
					"INFO availability calls between 07:48 and 08:00 with the new build returned 200",
				}},
			want: "",
		},
		{
			name: "photo lab: RDS Multi-AZ failover onto a cache-cold standby makes order summaries crawl; a column added to the same summary query deployed 12 minutes earlier is innocent", heldOut: true,
			service: "print-orders",
			sig:     Signal{Title: "Photo print order pages very slow / timing out", Text: "print-orders p99 above 4 s; lab staff and customers see timeouts loading order summaries"},
			alert:   23.3,
			commits: []Commit{
				{SHA: "p3e8d71", Parents: []string{"p2d7c60"}, Author: "ayumi", Date: hrs(22.5), Message: "orders: include paper finish in order summary",
					Files: []File{{Path: "src/main/resources/db/queries/order_summary.sql", Patch: patch(
						"SELECT o.id, o.status, o.print_count, o.size_code",
						"SELECT o.id, o.status, o.print_count, o.size_code, o.paper_finish")}}},
				{SHA: "p2d7c60", Parents: []string{"p1c6b5f"}, Author: "nikolai", Date: hrs(20), Message: "logging: switch to logstash JSON encoder",
					Files: []File{{Path: "src/main/resources/logback-spring.xml", Patch: patch("    <encoder><pattern>%d %level %logger - %msg%n</pattern></encoder>", "    <encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>")}}},
				{SHA: "p1c6b5f", Parents: []string{"p0b5a4e"}, Author: "ayumi", Date: hrs(18), Message: "terraform: tag print-orders RDS with cost center",
					Files: []File{{Path: "infra/rds.tf", Patch: patch("  tags = { service = \"print-orders\" }", "  tags = { service = \"print-orders\", cost_center = \"lab-ops\" }")}}},
			},
			deploys: []Deploy{
				{SHA: "p2d7c60", At: hrs(20.3), Environment: "production"},
				{SHA: "p3e8d71", At: hrs(22.8), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 23 * time.Hour, firstFailing: "print-orders", callPath: []string{"web", "print-orders", "postgres"},
				signature: "p99 latency 4.2 s on GET /v1/orders/{id}/summary (server), after 4200 ms",
				logs: []string{
					"INFO aws.rds: Multi-AZ instance failover started for printlab-prod (reason: underlying host degraded)",
					"WARN HikariPool-1 - Connection org.postgresql.jdbc.PgConnection marked as broken because of SQLSTATE(08006)",
					"INFO aws.rds: Multi-AZ instance failover completed for printlab-prod",
					"WARN slow query 3.1 s order_summary: shared_blks_read=48211 shared_blks_hit=6120",
					"INFO order_summary ran in 18 ms average between 22:48 and 23:00 with the new column",
				},
				surges: []MetricShift{
					{Service: "postgres", Name: "read_iops", Direction: "up", Ratio: 14, At: hrs(23)},
					{Service: "print-orders", Name: "http_request_duration_p99", Direction: "up", Ratio: 9, At: hrs(23)},
				}},
			want: "",
		},
		{
			name: "solar installers: the inverter-cloud vendor rotated its TLS intermediate and now serves the leaf without it; a page-size change to the same client and a Dockerfile label deployed just before are innocent", heldOut: true,
			service: "monitoring-sync",
			sig:     Signal{Title: "Solar site monitoring stopped updating", Text: "monitoring-sync can't pull inverter telemetry from SunVolt Cloud; installer dashboards show every site offline since 09:00"},
			alert:   9.4,
			commits: []Commit{
				{SHA: "5b7e2c0", Parents: []string{"4a6d1bf"}, Author: "chidi", Date: hrs(8.3), Message: "sunvolt: page size 500 for site list",
					Files: []File{{Path: "internal/sunvolt/client.go", Patch: patch("\tq.Set(\"limit\", \"100\")", "\tq.Set(\"limit\", \"500\")")}}},
				{SHA: "4a6d1bf", Parents: []string{"395c0ae"}, Author: "elin", Date: hrs(7.9), Message: "docker: add OCI source label",
					Files: []File{{Path: "Dockerfile", Patch: patch("", "LABEL org.opencontainers.image.source=\"https://github.com/brightroof/monitoring-sync\"")}}},
				{SHA: "395c0ae", Parents: []string{"284b09d"}, Author: "chidi", Date: hrs(5), Message: "alerts: page installers after 2h of zero production",
					Files: []File{{Path: "internal/alerts/rules.go", Patch: patch("\tzeroProductionFor = 4 * time.Hour", "\tzeroProductionFor = 2 * time.Hour")}}},
			},
			deploys: []Deploy{
				{SHA: "395c0ae", At: hrs(5.2), Environment: "production"},
				{SHA: "5b7e2c0", At: hrs(8.6), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "monitoring-sync", callPath: []string{"monitoring-sync", "sunvolt-cloud-api"},
				signature: "x509: certificate signed by unknown authority on GET api.sunvolt.example/v1/sites/{id}/telemetry (client), after 38 ms",
				logs: []string{
					"ERROR sunvolt sync: Get \"https://api.sunvolt.example/v1/sites/4471/telemetry\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
					"INFO openssl s_client api.sunvolt.example: leaf issued by CN=SunVolt Issuing CA G3, server sent 1 certificate (intermediate missing)",
					"INFO SunVolt status page: 'TLS certificate and intermediate rotated at 09:00 UTC'",
					"INFO other TLS upstreams from the same pods healthy: s3.eu-west-1.amazonaws.com, api.weather.example",
				}},
			want: "",
		},
		{
			name: "cold storage: the sensor supplier's OTA firmware 4.1.0 sends millisecond timestamps and ingest rejects them as far-future; a humidity field in the same parser and a replica bump deployed just before are innocent", heldOut: true,
			service: "temp-ingest",
			sig:     Signal{Title: "Freezer rooms B1-B6 show sensors silent", Text: "cold-alarm reports 412 temperature sensors silent for over 10 minutes in the blast freezers; staff are doing manual readings"},
			alert:   15.1,
			commits: []Commit{
				{SHA: "c8f1a57", Parents: []string{"b7e0946"}, Author: "pavla", Date: hrs(14.2), Message: "parse: accept optional humidity field",
					Files: []File{{Path: "src/parse.rs", Patch: patch("", "    #[serde(default)]\n    pub humidity_pct: Option<f32>,")}}},
				{SHA: "b7e0946", Parents: []string{"a6df835"}, Author: "joaquin", Date: hrs(14.0), Message: "helm: temp-ingest replicas 3 -> 4",
					Files: []File{{Path: "deploy/helm/temp-ingest/values.yaml", Patch: patch("replicaCount: 3", "replicaCount: 4")}}},
				{SHA: "a6df835", Parents: []string{"95ce724"}, Author: "pavla", Date: hrs(10), Message: "docs: sensor onboarding checklist",
					Files: []File{{Path: "docs/onboarding.md", Patch: patch("", "1. Register the sensor serial in the room map before mounting.")}}},
			},
			deploys: []Deploy{{SHA: "c8f1a57", At: hrs(14.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 48*time.Minute, firstFailing: "temp-ingest", callPath: []string{"frostsense-gateway", "temp-ingest", "cold-alarm"},
				signature: "reading rejected: timestamp out of range on ingest_reading (server), after 0 ms",
				logs: []string{
					"WARN temp-ingest: rejecting reading from FS-22817 fw=4.1.0: ts=1751290512000 is 55 billion seconds in the future",
					"INFO FrostSense OTA: supplier-managed rollout of firmware 4.1.0 to 1,204 devices started 14:45 UTC",
					"INFO readings from devices on fw=4.0.7 accepted normally, including after the 14:30 deploy",
				},
				surges: []MetricShift{{Service: "temp-ingest", Name: "readings_rejected_total", Direction: "up", Ratio: 300, At: hrs(14.8)}}},
			want: "",
		},
	}
}

func TestCulpritCasesFourteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "fourteenth", culpritCasesFourteenthBatch())
}
