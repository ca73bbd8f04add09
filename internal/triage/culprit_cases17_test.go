package triage

// culprit_cases17_test.go is a seventeenth held-out batch (10 cases),
// written by a helper that did not read the rules, after the sixteenth's
// fixes. First run: 7/10, no innocent commit blamed, three abstentions
// (a shared date formatter, a websocket ping past the proxy's idle
// timeout, a changed shard hash). The class: all three abstained because
// a traffic surge read from a metric excused every commit, while a surge
// is often what sets off a latent fault; a change whose own mechanism the
// telemetry's signature or error logs show failing (a parse error, keys
// sent to the wrong shard) now stays a suspect beside a surge, unless that
// mechanism is one load alone produces (timeouts, retries, pools, limits).
// Shards and hash functions are where a key is sent. After: 9/10, none
// blamed (the websocket ping abstains: its timeout is a load symptom too).
// It has tuned rules since, so it is no longer held out.

// Written without reading the culprit rules on 2026-12-05. Industries: customs brokers, dialysis centres, rowing clubs, hydroelectric dams, cider mills, airport baggage handling, show caves, chocolatiers, arborists, textile dyeworks.

// culprit_cases17_test.go is a seventeenth held-out batch (10 cases):
// five where one commit caused the incident by mechanism (a date formatter
// shared across request threads, two writes split out of their
// transaction, a websocket ping slower than the proxy's read timeout, ids
// decoded into float64, a new shard hash) and five where no commit did (a
// partner replaying webhooks, a spot reclamation wave, a plan flip after
// auto-analyze, an identity-provider secret expiring, a colocation power
// event).

import (
	"testing"
	"time"
)

// culpritCasesSeventeenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesSeventeenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "customs brokers: one static SimpleDateFormat is shared by all filing threads and the morning manifest burst garbles arrival dates; the rename of the /v1/entries handler deployed 20 minutes earlier, a jackson bump and a log-line change are innocent", heldOut: true,
			service: "entry-filing",
			sig: Signal{Title: "Customs entries failing or rejected by the authority; containers held at the terminal",
				Text: "entry-filing 5xx and authority rejections since the morning vessel manifests arrived; 230 import entries stuck and brokers are re-keying by hand"},
			alert: 8.4,
			commits: []Commit{
				{SHA: "a3f19c2", Parents: []string{"7be04d1"}, Author: "ilse", Date: hrs(7.2), Message: "filing: rename EntryController.submit to fileEntry",
					Files: []File{{Path: "src/main/java/com/harbourline/filing/EntryController.java", Patch: patch(
						"    public ResponseEntity<EntryReceipt> submit(@RequestBody EntryRequest req) {",
						"    public ResponseEntity<EntryReceipt> fileEntry(@RequestBody EntryRequest req) {")}}},
				{SHA: "7be04d1", Parents: []string{"5c2e8a0"}, Author: "omari", Date: hrs(1.8), Message: "mapper: reuse one SimpleDateFormat instead of allocating one per entry",
					Files: []File{{Path: "src/main/java/com/harbourline/filing/EntryMapper.java", Patch: patch(
						"    static Date toArrivalDate(String raw) throws ParseException {\n        SimpleDateFormat fmt = new SimpleDateFormat(\"yyyy-MM-dd\");\n        return fmt.parse(raw);",
						"    private static final SimpleDateFormat ARRIVAL_FMT = new SimpleDateFormat(\"yyyy-MM-dd\");\n    static Date toArrivalDate(String raw) throws ParseException {\n        return ARRIVAL_FMT.parse(raw);")}}},
				{SHA: "5c2e8a0", Parents: []string{"4d91b7f"}, Author: "ilse", Date: hrs(1.5), Message: "deps: bump jackson-databind to 2.17.1",
					Files: []File{{Path: "pom.xml", Patch: patch("            <version>2.17.0</version>", "            <version>2.17.1</version>")}}},
				{SHA: "4d91b7f", Parents: []string{"3e80a6c"}, Author: "omari", Date: hrs(-4), Message: "logging: add the broker licence to filing log lines",
					Files: []File{{Path: "src/main/java/com/harbourline/filing/EntryController.java", Patch: patch(
						"        log.info(\"entry filed {}\", receipt.id());",
						"        log.info(\"entry filed {} broker={}\", receipt.id(), req.brokerLicence());")}}},
			},
			deploys: []Deploy{
				{SHA: "4d91b7f", At: hrs(-3.7), Environment: "production", Service: "entry-filing"},
				{SHA: "7be04d1", At: hrs(2.1), Environment: "production", Service: "entry-filing"},
				{SHA: "a3f19c2", At: hrs(7.5), Environment: "production", Service: "entry-filing"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 50*time.Minute, firstFailing: "entry-filing", callPath: []string{"broker-portal", "entry-filing", "customs-gateway"},
				signature: "NumberFormatException: multiple points in EntryMapper.toArrivalDate on POST /v1/entries (server)",
				logs: []string{
					"ERROR POST /v1/entries failed: java.lang.NumberFormatException: multiple points at java.text.DigitList.getDouble(DigitList.java:169) at java.text.SimpleDateFormat.parse(SimpleDateFormat.java:1545) at com.harbourline.filing.EntryMapper.toArrivalDate(EntryMapper.java:31) at com.harbourline.filing.EntryController.fileEntry(EntryController.java:58)",
					"WARN customs-gateway: entry rejected by the authority: arrival_date 2301-03-14 outside the permitted window (manifest MSKU-4471)",
					"INFO the 07:48 vessel manifest burst files entries on 16 worker threads at once; between 02:06 and 07:48 entries arrived one or two at a time and none failed, including after the 07:30 deploy",
					"INFO replaying the failed manifest with filing.workers=1 parses all 230 arrival dates correctly",
				},
				surges: []MetricShift{
					{Service: "entry-filing", Name: "http_requests_per_second", Direction: "up", Ratio: 9, At: hrs(7.8)},
					{Service: "entry-filing", Name: "filing_errors_total", Direction: "up", Ratio: 40, At: hrs(7.85)},
				}},
			want: "7be04d1",
		},
		{
			name: "dialysis centres: the chair reservation is committed apart from the session insert, so lock timeouts at the shift changeover leave chairs reserved with no patient; the loud ward-board's later colour change, a psycopg bump and a test fixture are innocent", heldOut: true,
			service: "chair-scheduler",
			sig: Signal{Title: "Dialysis chairs shown occupied with no patient; afternoon shift can't be seated",
				Text: "ward-board shows 17 of 40 chairs reserved for the 13:00 shift with no patient attached; charge nurses are seating patients by hand"},
			alert: 13.1,
			commits: []Commit{
				{SHA: "e61d0a4", Parents: []string{"b83c5f9"}, Author: "priya", Date: hrs(11.9), Message: "ward-board: amber tile for chairs being cleaned",
					Files: []File{{Path: "services/ward-board/src/ChairTile.tsx", Patch: patch(
						"  const colour = chair.reserved ? 'red' : 'green';",
						"  const colour = chair.cleaning ? 'amber' : chair.reserved ? 'red' : 'green';")}}},
				{SHA: "b83c5f9", Parents: []string{"92a7e3c"}, Author: "gustavo", Date: hrs(4.0), Message: "booking: commit the chair reservation on its own so the session insert doesn't hold the chair lock",
					Files: []File{{Path: "services/chair-scheduler/chair_scheduler/booking.py", Patch: patch(
						"    with db.begin():\n        db.execute(RESERVE_CHAIR, {\"chair\": chair_id, \"slot\": slot})\n        db.execute(INSERT_SESSION, {\"patient\": patient_id, \"chair\": chair_id, \"slot\": slot})",
						"    db.execute(RESERVE_CHAIR, {\"chair\": chair_id, \"slot\": slot})\n    db.commit()\n    db.execute(INSERT_SESSION, {\"patient\": patient_id, \"chair\": chair_id, \"slot\": slot})\n    db.commit()")}}},
				{SHA: "92a7e3c", Parents: []string{"80f4b21"}, Author: "priya", Date: hrs(3.6), Message: "deps: bump psycopg to 3.1.19",
					Files: []File{{Path: "services/chair-scheduler/requirements.txt", Patch: patch("psycopg[binary]==3.1.18", "psycopg[binary]==3.1.19")}}},
				{SHA: "80f4b21", Parents: []string{"7f3e9a2"}, Author: "gustavo", Date: hrs(1), Message: "tests: fixture for home-dialysis patients",
					Files: []File{{Path: "services/chair-scheduler/tests/fixtures/patients.py", Patch: patch("", "HOME_PATIENT = Patient(id=\"P-0091\", modality=\"home_hd\")")}}},
			},
			deploys: []Deploy{
				{SHA: "b83c5f9", At: hrs(4.5), Environment: "production", Service: "chair-scheduler"},
				{SHA: "e61d0a4", At: hrs(12.2), Environment: "production", Service: "ward-board"},
			},
			ev: caseEvidence{onsetAfter: 12*time.Hour + 35*time.Minute, firstFailing: "chair-scheduler", callPath: []string{"nurse-tablet", "chair-scheduler", "postgres"},
				affected:  []string{"chair-scheduler", "ward-board"},
				signature: "session insert failed after chair reservation was committed in book_session (server)",
				logs: []string{
					"ERROR book_session: psycopg.errors.LockNotAvailable: canceling statement due to lock timeout (INSERT INTO dialysis_sessions)",
					"WARN reconcile: 17 chairs reserved for slot 13:00 with no dialysis_sessions row (C-04, C-11, C-12, ...)",
					"INFO session-insert lock timeouts also happened at the 12:30 changeover on 3 of the last 7 days; those bookings rolled back whole and the nurses' retry seated the patient",
					"INFO ward-board renders reservations from chair_reservations exactly as before its 12:12 deploy",
				},
				surges: []MetricShift{
					{Service: "chair-scheduler", Name: "db_lock_timeouts_total", Direction: "up", Ratio: 6, At: hrs(12.55)},
					{Service: "ward-board", Name: "chairs_reserved_without_session", Direction: "up", Ratio: 17, At: hrs(12.6)},
				}},
			want: "b83c5f9",
		},
		{
			name: "rowing clubs: the live-results websocket now pings every 90 s behind a proxy that closes after 60 s without an upstream frame; a proxy_read_timeout cut on the admin site deployed just before the regatta, a ws bump and a docs page are innocent", heldOut: true,
			service: "regatta-live",
			sig: Signal{Title: "Regatta live results keep disconnecting for spectators",
				Text: "Spectators on the live results page see 'Reconnecting...' about once a minute during the head race; finish times show up late or not at all"},
			alert: 10.0,
			commits: []Commit{
				{SHA: "d4e7b20", Parents: []string{"1a9c6f3"}, Author: "fenna", Date: hrs(8.6), Message: "edge: shorter proxy_read_timeout for the club admin site",
					Files: []File{{Path: "deploy/nginx/sites/admin.regatta.example.conf", Patch: patch("        proxy_read_timeout 120s;", "        proxy_read_timeout 30s;")}}},
				{SHA: "1a9c6f3", Parents: []string{"0f5b8e2"}, Author: "bram", Date: hrs(3.0), Message: "live: ping every 90 s to spare spectators' mobile data",
					Files: []File{{Path: "services/regatta-live/src/live/heartbeat.ts", Patch: patch("const PING_INTERVAL_MS = 20_000;", "const PING_INTERVAL_MS = 90_000;")}}},
				{SHA: "0f5b8e2", Parents: []string{"f38a2d1"}, Author: "fenna", Date: hrs(2.7), Message: "deps: bump ws to 8.17.1",
					Files: []File{{Path: "services/regatta-live/package.json", Patch: patch("    \"ws\": \"8.16.0\",", "    \"ws\": \"8.17.1\",")}}},
				{SHA: "f38a2d1", Parents: []string{"e27c1b0"}, Author: "bram", Date: hrs(-20), Message: "docs: finish-line timing mat wiring",
					Files: []File{{Path: "docs/timing-mats.md", Patch: patch("", "Mats at the 2000 m line report to the finish hut over RS-485.")}}},
			},
			deploys: []Deploy{
				{SHA: "1a9c6f3", At: hrs(3.3), Environment: "production", Service: "regatta-live"},
				{SHA: "d4e7b20", At: hrs(8.9), Environment: "production", Service: "edge-proxy"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 30*time.Minute, firstFailing: "edge-proxy", callPath: []string{"spectator-web", "edge-proxy", "regatta-live"},
				signature: "websocket closed 1006 after 60 s without an upstream frame on GET /live/ws (client)",
				logs: []string{
					"ERROR nginx: upstream timed out (110: Connection timed out) while reading upstream, server: live.regatta.example, request: \"GET /live/ws HTTP/1.1\", upstream: \"http://regatta-live:8080/live/ws\"",
					"WARN spectator-web: socket closed code=1006 after 60.0 s, last frame from server 60.0 s ago (server ping interval 90 s)",
					"INFO live.regatta.example server block: proxy_read_timeout 60s, unchanged since 2030-09; admin.regatta.example serves only /admin",
					"INFO sockets subscribed to the busy finish-line feed (a frame every few seconds) stay connected; quiet sockets drop at exactly 60 s",
				},
				surges: []MetricShift{
					{Service: "edge-proxy", Name: "websocket_disconnects_total", Direction: "up", Ratio: 30, At: hrs(9.55)},
					{Service: "regatta-live", Name: "ws_connections_opened_per_second", Direction: "up", Ratio: 25, At: hrs(9.55)},
				}},
			want: "1a9c6f3",
		},
		{
			name: "hydroelectric dams: ingest decodes payloads into map[string]any and 64-bit sensor ids above 2^53 collapse in float64 when Dam 3's sensors come online; a field rename deployed just before, a nats bump and a commissioning runbook are innocent", heldOut: true,
			service: "gate-telemetry",
			sig: Signal{Title: "Spillway gate positions missing for Dam 3",
				Text: "The control room dashboard shows no gate opening for Dam 3's new spillway sensors; the flood-release checklist can't be confirmed and operators are reading positions over the radio"},
			alert: 16.4,
			commits: []Commit{
				{SHA: "6c0e9d5", Parents: []string{"2b8f4a7"}, Author: "katla", Date: hrs(15.0), Message: "spillway: rename GateReading.Opening to OpeningPct",
					Files: []File{
						{Path: "internal/ingest/reading.go", Patch: patch("\tOpening  float64 `json:\"opening\"`", "\tOpeningPct float64 `json:\"opening\"`")},
						{Path: "internal/ingest/decode.go", Patch: patch("\t\tOpening:  raw[\"opening\"].(float64),", "\t\tOpeningPct: raw[\"opening\"].(float64),")},
					}},
				{SHA: "2b8f4a7", Parents: []string{"19d3c6e"}, Author: "ruben", Date: hrs(6.0), Message: "ingest: decode into map[string]any so new firmware fields don't need a release",
					Files: []File{{Path: "internal/ingest/decode.go", Patch: patch(
						"\tvar r GateReading\n\tif err := json.NewDecoder(body).Decode(&r); err != nil {\n\t\treturn GateReading{}, err\n\t}",
						"\tvar raw map[string]any\n\tif err := json.NewDecoder(body).Decode(&raw); err != nil {\n\t\treturn GateReading{}, err\n\t}\n\tr := GateReading{\n\t\tSensorID: uint64(raw[\"sensor_id\"].(float64)),\n\t\tOpening:  raw[\"opening\"].(float64),\n\t}")}}},
				{SHA: "19d3c6e", Parents: []string{"0e7a2b8"}, Author: "katla", Date: hrs(5.5), Message: "deps: bump nats.go to v1.36.0",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/nats-io/nats.go v1.35.0", "\tgithub.com/nats-io/nats.go v1.36.0")}}},
				{SHA: "0e7a2b8", Parents: []string{"d96f1a3"}, Author: "ruben", Date: hrs(-30), Message: "docs: Dam 3 spillway sensor commissioning runbook",
					Files: []File{{Path: "docs/commissioning.md", Patch: patch("", "Dam 3 spillway sensors report EUI-64 ids; register each one before the 16:00 handover.")}}},
			},
			deploys: []Deploy{
				{SHA: "2b8f4a7", At: hrs(6.3), Environment: "production", Service: "gate-telemetry"},
				{SHA: "6c0e9d5", At: hrs(15.3), Environment: "production", Service: "gate-telemetry"},
			},
			ev: caseEvidence{onsetAfter: 16*time.Hour + 2*time.Minute, firstFailing: "gate-telemetry", callPath: []string{"gate-sensor-gateway", "nats", "gate-telemetry", "scada-dashboard"},
				signature: "reading for unknown sensor id dropped in ingest_reading (server)",
				logs: []string{
					"WARN ingest: reading for unknown sensor_id 8121069065172951040, dropping (payload had \"sensor_id\":8121069065172950787)",
					"WARN ingest: 12 Dam 3 spillway sensors resolved to 3 distinct ids in the last 5 min",
					"INFO Dam 3 spillway sensors (EUI-64 ids above 2^53) came online at 16:00 after commissioning",
					"INFO Dam 1 and Dam 2 sensors (five-digit ids) ingested normally, including after the 15:18 deploy",
				},
				surges: []MetricShift{{Service: "gate-telemetry", Name: "readings_dropped_total", Direction: "up", Ratio: 80, At: hrs(16.05)}}},
			want: "2b8f4a7",
		},
		{
			name: "cider mills: shard selection moves from crc32 to xxh3 the evening before, so orders placed earlier are looked up on the wrong shard when pickups open; the kiosk's not-found message deployed at 07:48, a Cache-Control header on GET /orders/{id} and a tokio-postgres bump are innocent", heldOut: true,
			service: "order-store",
			sig: Signal{Title: "Pre-ordered cider not found at pickup",
				Text: "pickup-kiosk at both mills shows 'order not found' for most pre-orders scanned this morning; staff are looking orders up by name on paper lists"},
			alert: 8.5,
			commits: []Commit{
				{SHA: "9d2f6b1", Parents: []string{"8c1e5a0"}, Author: "maren", Date: hrs(7.7), Message: "kiosk: friendlier order-not-found screen with the counter's help line",
					Files: []File{{Path: "services/pickup-kiosk/src/screens/notFound.ts", Patch: patch(
						"  title: \"Order not found\",",
						"  title: \"We couldn't find that order, please ask at the counter\",")}}},
				{SHA: "8c1e5a0", Parents: []string{"7b0d4f9"}, Author: "tobias", Date: hrs(-2.0), Message: "orders: Cache-Control on GET /orders/{id}",
					Files: []File{{Path: "services/order-store/src/http/orders.rs", Patch: patch(
						"    HttpResponse::Ok().json(order)",
						"    HttpResponse::Ok()\n        .insert_header((\"Cache-Control\", \"private, max-age=30\"))\n        .json(order)")}}},
				{SHA: "7b0d4f9", Parents: []string{"6a9c3e8"}, Author: "tobias", Date: hrs(-2.3), Message: "shard: xxh3 instead of crc32 for shard selection (3x faster on the hot path)",
					Files: []File{
						{Path: "services/order-store/src/shard.rs", Patch: patch(
							"    let h = crc32fast::hash(order_id.as_bytes());",
							"    let h = xxhash_rust::xxh3::xxh3_64(order_id.as_bytes()) as u32;")},
						{Path: "services/order-store/Cargo.toml", Patch: patch("", "xxhash-rust = { version = \"0.8\", features = [\"xxh3\"] }")},
					}},
				{SHA: "6a9c3e8", Parents: []string{"5f8b2d7"}, Author: "maren", Date: hrs(-2.6), Message: "deps: bump tokio-postgres to 0.7.11",
					Files: []File{{Path: "services/order-store/Cargo.toml", Patch: patch("tokio-postgres = \"0.7.10\"", "tokio-postgres = \"0.7.11\"")}}},
			},
			deploys: []Deploy{
				{SHA: "7b0d4f9", At: hrs(-2.0), Environment: "production", Service: "order-store"},
				{SHA: "8c1e5a0", At: hrs(-1.6), Environment: "production", Service: "order-store"},
				{SHA: "9d2f6b1", At: hrs(7.8), Environment: "production", Service: "pickup-kiosk"},
			},
			ev: caseEvidence{onsetAfter: 8 * time.Hour, firstFailing: "order-store", callPath: []string{"pickup-kiosk", "order-store", "orders-db"},
				affected:  []string{"order-store", "pickup-kiosk"},
				signature: "404 order not found on GET /orders/{id} (server)",
				logs: []string{
					"WARN order-store: order ORD-7Q2KX not on shard 5; a row with that id exists on shard 2",
					"INFO every order reported missing was placed before 22:00 yesterday; orders placed after 22:00 are found",
					"INFO orders-db: all 8 shards healthy, row counts unchanged overnight",
					"INFO pickups open at 08:00; before that only new web orders hit GET /orders/{id}",
				},
				surges: []MetricShift{
					{Service: "order-store", Name: "http_404_responses_total", Direction: "up", Ratio: 55, At: hrs(8.0)},
					{Service: "pickup-kiosk", Name: "http_requests_per_second", Direction: "up", Ratio: 6, At: hrs(8.0)},
				}},
			want: "7b0d4f9",
		},

		// --- no commit to blame ---
		{
			name: "airport baggage handling: the airline's departure control system replays its queue after a failover and sends each bag source message two or three times; a delivery-id log line deployed 16 minutes earlier, a rename of the BSM handler and an Npgsql bump are innocent", heldOut: true,
			service: "bag-tracker",
			sig: Signal{Title: "Bags diverted to manual encoding; flights leaving without bags",
				Text: "bag-tracker flags duplicate bag source messages for NorthSky flights; the sorter sends those bags to the manual encoding station and 140 bags missed the 06:00 departure bank"},
			alert: 6.3,
			commits: []Commit{
				{SHA: "5e2a7c9", Parents: []string{"4d19b6e"}, Author: "aoife", Date: hrs(5.2), Message: "bsm: log X-Delivery-Id with every webhook",
					Files: []File{{Path: "src/BagTracker/Webhooks/BsmWebhookController.cs", Patch: patch(
						"        _log.LogInformation(\"BSM received for {Tag}\", bsm.TagNumber);",
						"        _log.LogInformation(\"BSM received for {Tag} delivery {DeliveryId}\", bsm.TagNumber, deliveryId);")}}},
				{SHA: "4d19b6e", Parents: []string{"3c08a5d"}, Author: "kwame", Date: hrs(4.8), Message: "bsm: rename HandleBsm to OnBagSourceMessage",
					Files: []File{{Path: "src/BagTracker/Webhooks/BsmWebhookController.cs", Patch: patch(
						"    public async Task<IActionResult> HandleBsm([FromBody] BsmPayload bsm)",
						"    public async Task<IActionResult> OnBagSourceMessage([FromBody] BsmPayload bsm)")}}},
				{SHA: "3c08a5d", Parents: []string{"2b97f4e"}, Author: "aoife", Date: hrs(2), Message: "deps: bump Npgsql to 8.0.3",
					Files: []File{{Path: "src/BagTracker/BagTracker.csproj", Patch: patch(
						"    <PackageReference Include=\"Npgsql\" Version=\"8.0.2\" />",
						"    <PackageReference Include=\"Npgsql\" Version=\"8.0.3\" />")}}},
			},
			deploys: []Deploy{
				{SHA: "3c08a5d", At: hrs(2.2), Environment: "production", Service: "bag-tracker"},
				{SHA: "5e2a7c9", At: hrs(5.4), Environment: "production", Service: "bag-tracker"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 40*time.Minute, firstFailing: "bag-tracker", callPath: []string{"northsky-dcs", "bag-tracker", "sortation-controller"},
				signature: "duplicate BSM for bag tag on POST /webhooks/bsm (server)",
				logs: []string{
					"WARN bag-tracker: duplicate BSM tag=0125481377 delivery=9f1c2e77 received 3 times within 420 ms from northsky-dcs; bag flagged for manual encoding",
					"INFO NorthSky DCS status page: 'message replay after a queue failover at 05:38 UTC; partners may receive duplicate BSM deliveries'",
					"INFO BSMs from the other 11 airlines' systems: duplicate rate 0.0%",
					"INFO before 05:38 NorthSky BSMs arrived once each, including after the 05:24 deploy",
				},
				surges: []MetricShift{
					{Service: "bag-tracker", Name: "webhook_requests_per_second", Direction: "up", Ratio: 2.9, At: hrs(5.65)},
					{Service: "sortation-controller", Name: "bags_to_manual_encoding_total", Direction: "up", Ratio: 35, At: hrs(5.7)},
				}},
			want: "",
		},
		{
			name: "show caves: a spot reclamation wave takes 7 of the booking nodes in one zone; a slot-picker change deployed 14 minutes earlier, a spot-interruption alarm threshold and an aws-sdk bump are innocent", heldOut: true,
			service: "tour-booking",
			sig: Signal{Title: "Cave tour booking failing with 503s",
				Text: "Visitors can't book lantern tours; tour-booking returns 503 'no healthy upstream' for most requests since 11:20"},
			alert: 11.6,
			commits: []Commit{
				{SHA: "b7e3d90", Parents: []string{"a6d2f81"}, Author: "lucia", Date: hrs(10.9), Message: "booking: show lantern tour duration in the slot picker",
					Files: []File{{Path: "services/tour-booking/web/src/components/SlotPicker.vue", Patch: patch(
						"      <span>{{ slot.start }}</span>",
						"      <span>{{ slot.start }} · {{ slot.durationMin }} min</span>")}}},
				{SHA: "a6d2f81", Parents: []string{"9c5b0e4"}, Author: "jonas", Date: hrs(9.0), Message: "alerts: page on spot interruptions only above 10 an hour",
					Files: []File{{Path: "infra/cloudwatch/alarms.tf", Patch: patch("  threshold           = 3", "  threshold           = 10")}}},
				{SHA: "9c5b0e4", Parents: []string{"8b4a9f3"}, Author: "lucia", Date: hrs(8.0), Message: "deps: bump @aws-sdk/client-dynamodb to 3.592.0",
					Files: []File{{Path: "services/tour-booking/package.json", Patch: patch(
						"    \"@aws-sdk/client-dynamodb\": \"3.590.0\",",
						"    \"@aws-sdk/client-dynamodb\": \"3.592.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "a6d2f81", At: hrs(9.2), Environment: "production", Service: "cloudwatch-alarms"},
				{SHA: "b7e3d90", At: hrs(11.1), Environment: "production", Service: "tour-booking"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 20*time.Minute, firstFailing: "tour-booking", callPath: []string{"cave-web", "ingress", "tour-booking", "dynamodb"},
				signature: "503 no healthy upstream on POST /v1/tours/{id}/bookings (server)",
				logs: []string{
					"WARN aws.ec2: EC2 Spot Instance Interruption Warning for 7 instances (m6i.xlarge, eu-west-1a) between 11:17 and 11:19",
					"WARN kubelet: node ip-10-4-18-22 NotReady; 14 pods evicted (tour-booking x4)",
					"INFO karpenter: no spot capacity for m6i/m6a in eu-west-1a, replacement nodes pending for 6 min",
					"INFO tour-booking pods on on-demand nodes served bookings normally; the 11:06 build ran without errors until 11:17",
				},
				surges: []MetricShift{
					{Service: "kubernetes", Name: "spot_interruptions_total", Direction: "up", Ratio: 7, At: hrs(11.3)},
					{Service: "tour-booking", Name: "http_503_responses_total", Direction: "up", Ratio: 60, At: hrs(11.33)},
				}},
			want: "",
		},
		{
			name: "chocolatiers: auto-analyze after the Easter pre-order import flips the shop order query to a sequential scan; a gift_wrapped migration and an optional filter on the same endpoint ran fast for hours, a Laravel bump is innocent", heldOut: true,
			service: "order-portal",
			sig: Signal{Title: "Shop order lists timing out during Easter pre-orders",
				Text: "Chocolate shop staff get 504s opening their order list; order-portal p99 is 30 s on the orders page since just after 11:00"},
			alert: 11.5,
			commits: []Commit{
				{SHA: "f2c9a61", Parents: []string{"e1b8d50"}, Author: "elodie", Date: hrs(10.2), Message: "orders: optional ?wrapped= filter on GET /shops/{shop}/orders",
					Files: []File{{Path: "app/Http/Controllers/ShopOrderController.php", Patch: patch(
						"        $orders = Order::where('shop_id', $shop->id)->where('status', $status)",
						"        $orders = Order::where('shop_id', $shop->id)->where('status', $status)\n            ->when($request->has('wrapped'), fn ($q) => $q->where('gift_wrapped', $request->boolean('wrapped')))")}}},
				{SHA: "e1b8d50", Parents: []string{"d0a7c4f"}, Author: "marco", Date: hrs(8.0), Message: "migration: add gift_wrapped to orders",
					Files: []File{{Path: "database/migrations/2031_03_14_080000_add_gift_wrapped_to_orders.php", Patch: patch("",
						"        Schema::table('orders', function (Blueprint $table) {\n            $table->boolean('gift_wrapped')->default(false);\n        });")}}},
				{SHA: "d0a7c4f", Parents: []string{"c96b3e2"}, Author: "elodie", Date: hrs(7.5), Message: "deps: bump laravel/framework to 11.9.2",
					Files: []File{{Path: "composer.json", Patch: patch("        \"laravel/framework\": \"11.9.1\",", "        \"laravel/framework\": \"11.9.2\",")}}},
			},
			deploys: []Deploy{
				{SHA: "e1b8d50", At: hrs(8.2), Environment: "production", Service: "order-portal"},
				{SHA: "f2c9a61", At: hrs(10.4), Environment: "production", Service: "order-portal"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 4*time.Minute, firstFailing: "order-portal", callPath: []string{"shop-backoffice", "order-portal", "postgres"},
				signature: "p99 latency 30 s on GET /shops/{shop}/orders (server), after 30000 ms",
				logs: []string{
					"LOG: automatic analyze of table \"choco.public.orders\" at 11:02 (1.4M rows changed since last analyze)",
					"WARN slow query 28.4 s orders_by_shop_status: Seq Scan on orders (rows=2.1M); the plan before 11:02 was Index Scan using orders_shop_id_status_idx",
					"INFO pg_stats: status selectivity estimate changed after the overnight Easter pre-order import (1.4M rows with status 'preorder')",
					"INFO the same query, with the new column and the ?wrapped filter, ran in 15 ms average between 10:24 and 11:02",
				},
				surges: []MetricShift{
					{Service: "postgres", Name: "seq_scans_per_second", Direction: "up", Ratio: 40, At: hrs(11.05)},
					{Service: "order-portal", Name: "http_request_duration_p99", Direction: "up", Ratio: 200, At: hrs(11.07)},
				}},
			want: "",
		},
		{
			name: "arborists: the app's client secret at the identity provider expired at 06:00 and every crew sign-in gets invalid_client; an offline_access scope deployed 48 minutes earlier, an msal bump and a job-sheet field are innocent", heldOut: true,
			service: "crew-app",
			sig: Signal{Title: "Tree crews can't sign in to the job app",
				Text: "Arborist crews get 'Sign-in failed' on the depot tablets; morning job sheets and felling permits can't be opened"},
			alert: 6.3,
			commits: []Commit{
				{SHA: "3a7f2d8", Parents: []string{"2e6c1b7"}, Author: "siobhan", Date: hrs(5.0), Message: "auth: request offline_access so crews stay signed in on site",
					Files: []File{{Path: "src/auth/msal.ts", Patch: patch(
						"  scopes: [\"openid\", \"profile\", \"api://crew-api/jobs.read\"],",
						"  scopes: [\"openid\", \"profile\", \"offline_access\", \"api://crew-api/jobs.read\"],")}}},
				{SHA: "2e6c1b7", Parents: []string{"1d5b0a6"}, Author: "deepak", Date: hrs(4.6), Message: "deps: bump @azure/msal-node to 2.9.2",
					Files: []File{{Path: "package.json", Patch: patch("    \"@azure/msal-node\": \"2.9.1\",", "    \"@azure/msal-node\": \"2.9.2\",")}}},
				{SHA: "1d5b0a6", Parents: []string{"0c4a9f5"}, Author: "siobhan", Date: hrs(3.0), Message: "jobs: show permit expiry on the job sheet",
					Files: []File{{Path: "src/views/JobSheet.tsx", Patch: patch("", "      <Field label=\"Permit expires\" value={job.permit.expiresAt} />")}}},
			},
			deploys: []Deploy{
				{SHA: "1d5b0a6", At: hrs(3.2), Environment: "production", Service: "crew-app"},
				{SHA: "3a7f2d8", At: hrs(5.2), Environment: "production", Service: "crew-app"},
			},
			ev: caseEvidence{onsetAfter: 6 * time.Hour, firstFailing: "crew-app", callPath: []string{"crew-tablet", "crew-app", "entra-id"},
				signature: "401 invalid_client AADSTS7000222 on POST login.microsoftonline.com/{tenant}/oauth2/v2.0/token (client)",
				logs: []string{
					"ERROR msal: invalid_client: AADSTS7000222: The provided client secret keys for app 'c3f1a2e4-7d0b-4e2a-9b61-5f0c8e3d1a77' are expired. Visit the Azure portal to create new keys for your app.",
					"INFO Entra ID app registration 'crew-app-prod': client secret 'prod-2029-03' expired 2031-03-14 06:00 UTC; the secret is kept in the portal and the key vault, not in the repository",
					"INFO 38 crews signed in successfully between 05:12 and 06:00 with the new scopes",
				},
				surges: []MetricShift{{Service: "crew-app", Name: "login_failures_total", Direction: "up", Ratio: 90, At: hrs(6.0)}}},
			want: "",
		},
		{
			name: "textile dyeworks: a generator transfer fails in the colocation facility and two racks lose power, the vat gateway and recipe DB reboot mid-cycle; a Modbus write retry deployed 26 minutes earlier, a new indigo recipe and an NTP change are innocent", heldOut: true,
			service: "batch-controller",
			sig: Signal{Title: "Dye batches halted; vat controllers unreachable",
				Text: "batch-controller lost contact with the dye vats in hall 2; 9 batches stopped mid-cycle and the recipe database is in crash recovery"},
			alert: 14.3,
			commits: []Commit{
				{SHA: "8f3d1c6", Parents: []string{"7e2c0b5"}, Author: "henrik", Date: hrs(13.4), Message: "plc: retry Modbus writes three times before failing the step",
					Files: []File{{Path: "src/batch_controller/plc.py", Patch: patch(
						"        self.client.write_register(addr, value)",
						"        for attempt in range(3):\n            try:\n                self.client.write_register(addr, value)\n                break\n            except ModbusIOException:\n                time.sleep(0.5)")}}},
				{SHA: "7e2c0b5", Parents: []string{"6d1bfa4"}, Author: "yara", Date: hrs(12.0), Message: "recipes: indigo curve for the denim lot",
					Files: []File{{Path: "recipes/indigo_denim.yaml", Patch: patch("", "indigo_denim_v2:\n  ramp_c_per_min: 1.5\n  hold_c: 60\n  dips: 6")}}},
				{SHA: "6d1bfa4", Parents: []string{"5c0ae93"}, Author: "henrik", Date: hrs(9.0), Message: "ansible: point dyehouse hosts at the internal NTP servers",
					Files: []File{{Path: "ansible/group_vars/dyehouse.yml", Patch: patch(
						"ntp_servers: [0.pool.ntp.org, 1.pool.ntp.org]",
						"ntp_servers: [ntp1.dyeworks.internal, ntp2.dyeworks.internal]")}}},
			},
			deploys: []Deploy{
				{SHA: "6d1bfa4", At: hrs(9.3), Environment: "production", Service: "dyehouse-hosts"},
				{SHA: "8f3d1c6", At: hrs(13.6), Environment: "production", Service: "batch-controller"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 2*time.Minute, firstFailing: "batch-controller", callPath: []string{"dye-hmi", "batch-controller", "vat-plc-gateway"},
				affected:  []string{"batch-controller", "vat-plc-gateway", "recipe-db"},
				signature: "connection refused on Modbus write to vat-plc-gateway (client)",
				logs: []string{
					"WARN colo NOC (Eastgate DC2): utility feed lost at 14:01; generator transfer failed on PDU-B, rows 4-5 without power for 6 minutes",
					"ERROR batch-controller: ModbusIOException: connection refused by vat-plc-gateway-2 (host rebooting)",
					"INFO ipmi: dye-gw-02 and recipe-db-01 (row 4) powered on at 14:07; postgres replaying WAL in crash recovery",
					"INFO hosts on PDU-A (rows 1-3) unaffected; the 13:36 batch-controller build wrote to the hall 1 vats without errors throughout",
				},
				surges: []MetricShift{{Service: "batch-controller", Name: "modbus_errors_total", Direction: "up", Ratio: 120, At: hrs(14.03)}}},
			want: "",
		},
	}
}

func TestCulpritCasesSeventeenthBatch(t *testing.T) {
	runHeldOutBatch(t, "seventeenth", culpritCasesSeventeenthBatch())
}
