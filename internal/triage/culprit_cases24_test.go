package triage

// culprit_cases24_test.go is a twenty-fourth held-out batch (10 cases),
// written by a helper that did not read the rules. Five cases have one
// guilty commit (a lock around a remote call in Scala, a TimeSpan unit
// change in C#, a migration dropping an index a weekly sale needs, a Helm
// change multiplying replicas by pool size past max_connections, a PHP null
// guard removed), three of them with onset hours after the deploy. Five
// have an operational cause (a weather provider's API outage, a secret
// rotated in Vault but not yet synced to the pods, a disk filled by an
// orphaned replication slot, a DNS record edited by hand, a failed RAID
// battery), each with a decoy whose mechanism looks like the symptom.
//
// First run (after the same fixes): 6/10 with four innocent commits blamed:
// a token cache while a Vault rotation had not reached the pods, a switch
// to a DNS name two days before someone edited the record in the console,
// a number format change on the checkout file whose null guard another
// commit removed, and a stale-reading threshold over a TTL read in the
// wrong unit. The classes: a statement that production worked at a clock
// time after changes went live clears those changes, unless what they
// change can lie dormant until load, a peer's latency, the clock or data
// reaches it; a credential rotated and revoked that the service still
// holds; a record changed "(console)"; a comparison with null, "??" or
// "?." is a guard. After: 9/10, the TTL case kept as a limitation (one
// innocent commit still blamed). It has tuned rules since, so it is no
// longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: coin mints, canal lock operators, cattle auction marts, crane hire, glassblowing studios, avalanche forecasting services, drone light shows, insect protein farms, shipbreaking yards, soil testing labs.

import (
	"testing"
	"time"
)

// culpritCasesTwentyFourthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentyFourthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "coin mints: certificate-number allocation now runs under a JVM lock that also waits on the engraving call, so when the proof-set presale opens seven hours later orders queue behind one another; a longer ask timeout shipped after onset, the loud engraving-service deploy, a pekko-http bump and presale copy are innocent", heldOut: true,
			service: "coin-shop-orders",
			sig: Signal{Title: "[Triggered] coin-shop-orders p99 latency above 10s on POST /v1/orders",
				Text:     "Datadog monitor 48211: p99 18.7s over the last 15m (threshold 10s), env:prod. The 2031 Silver Proof Set presale opened at 09:00; collectors stuck on the checkout spinner, 7.9 orders/s against a forecast of 240/s.",
				Source:   "datadog",
				Severity: "critical"},
			alert: 9.4,
			commits: []Commit{
				{SHA: "22c9b2d", Parents: []string{"63e2790"}, Author: "oyelaran", Date: hrs(9.1), Message: "orders: raise ask timeout on POST /v1/orders to 30 s",
					Files: []File{{Path: "services/coin-shop-orders/src/main/scala/mint/orders/OrderRoutes.scala", Patch: patch(
						"  implicit val askTimeout: Timeout = 10.seconds",
						"  implicit val askTimeout: Timeout = 30.seconds")}}},
				{SHA: "63e2790", Parents: []string{"1602e12"}, Author: "bettina", Date: hrs(8.2), Message: "engraving: accept edge lettering up to 64 characters",
					Files: []File{{Path: "services/engraving-service/internal/lettering/validate.go", Patch: patch(
						"const maxLetteringRunes = 40",
						"const maxLetteringRunes = 64")}}},
				{SHA: "1602e12", Parents: []string{"07b92cc"}, Author: "oyelaran", Date: hrs(1.5), Message: "serials: allocate certificate numbers under a lock (audit found gaps)",
					Files: []File{{Path: "services/coin-shop-orders/src/main/scala/mint/orders/SerialAllocator.scala", Patch: patch(
						"  def allocate(orderId: OrderId): Future[Serial] =\n    for {\n      n <- serials.nextval()\n      _ <- engraving.reserve(n, orderId)\n    } yield Serial(n)",
						"  // one allocation at a time: the audit found gaps when two orders raced\n  def allocate(orderId: OrderId): Future[Serial] = Future.successful(this.synchronized {\n    val n = Await.result(serials.nextval(), 5.seconds)\n    Await.result(engraving.reserve(n, orderId), 5.seconds)\n    Serial(n)\n  })")}}},
				{SHA: "07b92cc", Parents: []string{"ca93fcf"}, Author: "bettina", Date: hrs(0.6), Message: "deps: bump pekko-http to 1.0.1",
					Files: []File{{Path: "services/coin-shop-orders/build.sbt", Patch: patch(
						"  \"org.apache.pekko\" %% \"pekko-http\" % \"1.0.0\",",
						"  \"org.apache.pekko\" %% \"pekko-http\" % \"1.0.1\",")}}},
				{SHA: "ca93fcf", Parents: []string{"6f72c92"}, Author: "oyelaran", Date: hrs(-20), Message: "orders: presale order confirmation copy for the 2031 proof sets",
					Files: []File{{Path: "services/coin-shop-orders/src/main/resources/templates/presale-confirmation.mustache", Patch: patch("",
						"<p>Your {{set_name}} is reserved. Certificate numbers are assigned when your set ships.</p>")}}},
			},
			deploys: []Deploy{
				{SHA: "07b92cc", At: hrs(0.8), Environment: "production", Service: "coin-shop-orders"},
				{SHA: "1602e12", At: hrs(1.8), Environment: "production", Service: "coin-shop-orders"},
				{SHA: "63e2790", At: hrs(8.4), Environment: "production", Service: "engraving-service"},
				{SHA: "22c9b2d", At: hrs(9.25), Environment: "production", Service: "coin-shop-orders"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 1*time.Minute, firstFailing: "coin-shop-orders", callPath: []string{"storefront", "coin-shop-orders", "engraving-service"},
				affected:  []string{"coin-shop-orders", "storefront", "engraving-service"},
				signature: "POST /v1/orders p99 18.7 s (server); completed orders flat at 7.9/s while 2,900 requests wait, engraving-service answers in 118 ms",
				logs: []string{
					"WARN jstack coin-shop-orders-5: 184 of 200 threads BLOCKED (on object monitor) waiting to lock <0x00000007c1a2e8f0> (a mint.orders.SerialAllocator$), held by pekko-dispatcher-41 in EngravingClient.reserve",
					"INFO engraving-service POST /reserve p50 118 ms, same as yesterday; its 4,100 new 'client disconnected' lines are coin-shop-orders giving up",
					"INFO before 09:00 the shop took 0.3 orders/s and POST /v1/orders took 140 ms on the 01:48 build",
					"ERROR storefront: upstream coin-shop-orders timed out after 10000 ms (checkout)",
				},
				surges: []MetricShift{
					{Service: "coin-shop-orders", Name: "http_request_duration_p99", Direction: "up", Ratio: 130, At: hrs(9.02)},
					{Service: "engraving-service", Name: "log_error_lines_total", Direction: "up", Ratio: 40, At: hrs(9.05)},
				}},
			want: "1602e12",
		},
		{
			name: "canal lock operators: the chamber-level cache TTL is now read with TimeSpan.FromSeconds while the setting is 30000 milliseconds, so levels are cached for 8 h 20 min and the lock console freezes; the sensor-gateway 'stale' threshold change, an MQTTnet bump, a rename of the level handler and a config doc are innocent", heldOut: true,
			service: "lock-levels-api",
			sig: Signal{Title: "[FIRING:3] LockLevelStale (lock-ops, Oranjesluizen)",
				Text:   "Sluiswachters melden dat de waterstand van de kolken op het bedieningsscherm sinds kwart over zes niet meer verandert. Schutting bij sluis 7 handmatig gestopt: 38 cm verschil met de peilschaal. Grafana: level_age_seconds > 900 voor 3 kolken.",
				Source: "grafana"},
			alert: 7.2,
			commits: []Commit{
				{SHA: "783f001", Parents: []string{"f199cc0"}, Author: "joost", Date: hrs(5.9), Message: "levels: build the cache TTL with TimeSpan.FromSeconds like the other options",
					Files: []File{{Path: "services/lock-levels-api/Services/LevelCache.cs", Patch: patch(
						"        _ttl = TimeSpan.FromMilliseconds(options.Value.LevelCacheTtl);",
						"        _ttl = TimeSpan.FromSeconds(options.Value.LevelCacheTtl);")}}},
				{SHA: "f199cc0", Parents: []string{"5238324"}, Author: "anke", Date: hrs(5.2), Message: "sensor-gateway: mark level readings stale after 120 s",
					Files: []File{{Path: "services/sensor-gateway/src/readings.ts", Patch: patch(
						"const STALE_AFTER_MS = 300_000;",
						"const STALE_AFTER_MS = 120_000;")}}},
				{SHA: "5238324", Parents: []string{"10e98d3"}, Author: "joost", Date: hrs(4.8), Message: "deps: bump MQTTnet to 4.3.6",
					Files: []File{{Path: "services/lock-levels-api/LockLevels.Api.csproj", Patch: patch(
						"    <PackageReference Include=\"MQTTnet\" Version=\"4.3.3\" />",
						"    <PackageReference Include=\"MQTTnet\" Version=\"4.3.6\" />")}}},
				{SHA: "10e98d3", Parents: []string{"e592cae"}, Author: "anke", Date: hrs(3.0), Message: "levels: rename GetChamberLevel to GetChamberLevelAsync",
					Files: []File{{Path: "services/lock-levels-api/Controllers/LevelsController.cs", Patch: patch(
						"    public async Task<ActionResult<ChamberLevel>> GetChamberLevel(string chamberId)",
						"    public async Task<ActionResult<ChamberLevel>> GetChamberLevelAsync(string chamberId)")}}},
				{SHA: "e592cae", Parents: []string{"dc14a4d"}, Author: "joost", Date: hrs(2.0), Message: "docs: describe LevelCacheTtl",
					Files: []File{{Path: "docs/configuration.md", Patch: patch("",
						"- `LevelCacheTtl`: how long a chamber level is served from memory, in milliseconds (production: 30000).")}}},
			},
			deploys: []Deploy{
				{SHA: "10e98d3", At: hrs(3.2), Environment: "production", Service: "lock-levels-api"},
				{SHA: "5238324", At: hrs(5.0), Environment: "production", Service: "lock-levels-api"},
				{SHA: "f199cc0", At: hrs(5.4), Environment: "production", Service: "sensor-gateway"},
				{SHA: "783f001", At: hrs(6.1), Environment: "production", Service: "lock-levels-api"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 8*time.Minute, firstFailing: "lock-levels-api", callPath: []string{"lock-console", "lock-levels-api", "sensor-gateway"},
				signature: "GET /api/chambers/{id}/level returns the same level_cm with measured_at 06:06:41 for every chamber since 06:07 (server); sensor-gateway publishes a fresh reading every 5 s",
				logs: []string{
					"WARN lock-console: chamber K7-noord level 212 cm unchanged for 58 min while the gate motors ran",
					"INFO LevelCache: K7-noord cached at 06:06:41, expires 14:26:41 (ttl 08:20:00)",
					"INFO appsettings.Production.json LevelCacheTtl=30000, unchanged since 2030",
					"INFO sensor-gateway topic locks/+/level: no gaps, newest reading 2 s old; readings flagged stale: 0",
				},
				surges: []MetricShift{{Service: "lock-levels-api", Name: "level_cache_misses_total", Direction: "down", Ratio: 0.01, At: hrs(6.12)}}},
			want:       "783f001",
			limitation: "the levels stay cached for 8 h 20 min, exactly the 30000 of the setting read as seconds: the finder does not compute what a unit change makes of a configured value, and the stale-threshold decoy shares more words with the fault",
		},
		{
			name: "cattle auction marts: a migration drops an index that looked unused because the statistics had been reset after a failover, and at the 08:00 sale seven hours later the ring board does a sequential scan of two million lots; a nullable column migration, a rename of the ring-board handler, a pg bump and the loud bid-stream deploy are innocent", heldOut: true,
			service: "auction-ring",
			sig: Signal{Title: "Pizarra del remate no carga — Feria de Rosario",
				Text: "Los martilleros no ven los lotes en la pizarra del ring desde que arrancó el remate de las 8:00 y los compradores en línea reciben 'tiempo de espera agotado'. Remate de 4.300 cabezas demorado, consignatarios reclamando."},
			alert: 8.3,
			commits: []Commit{
				{SHA: "dad26ba", Parents: []string{"357ba59"}, Author: "facundo", Date: hrs(7.5), Message: "bid-stream: websocket heartbeat every 15 s",
					Files: []File{{Path: "services/bid-stream/src/main/kotlin/ar/remate/bids/Heartbeat.kt", Patch: patch(
						"    private val interval = Duration.ofSeconds(30)",
						"    private val interval = Duration.ofSeconds(15)")}}},
				{SHA: "357ba59", Parents: []string{"ac396ed"}, Author: "milagros", Date: hrs(3.0), Message: "ring: rename getRingBoard to loadRingBoard",
					Files: []File{{Path: "services/auction-ring/src/routes/ringBoard.ts", Patch: patch(
						"router.get('/sales/:id/ring-board', getRingBoard);",
						"router.get('/sales/:id/ring-board', loadRingBoard);")}}},
				{SHA: "ac396ed", Parents: []string{"efc29a3"}, Author: "facundo", Date: hrs(0.8), Message: "db: drop indexes with zero scans in pg_stat_user_indexes",
					Files: []File{{Path: "services/auction-ring/migrations/20310314_0040_drop_unused_indexes.sql", Patch: patch("",
						"-- idx_scan = 0 on 2031-03-13\nDROP INDEX CONCURRENTLY IF EXISTS idx_lots_sale_ring_order;\nDROP INDEX CONCURRENTLY IF EXISTS idx_bids_legacy_paddle;")}}},
				{SHA: "efc29a3", Parents: []string{"d579f77"}, Author: "milagros", Date: hrs(0.5), Message: "db: add lots.eid_tag for electronic ear tags",
					Files: []File{{Path: "services/auction-ring/migrations/20310314_0039_add_eid_tag.sql", Patch: patch("",
						"ALTER TABLE lots ADD COLUMN eid_tag text;")}}},
				{SHA: "d579f77", Parents: []string{"c9aef21"}, Author: "facundo", Date: hrs(-30), Message: "deps: bump pg to 8.11.5",
					Files: []File{{Path: "services/auction-ring/package.json", Patch: patch(
						"    \"pg\": \"8.11.3\",",
						"    \"pg\": \"8.11.5\",")}}},
			},
			deploys: []Deploy{
				{SHA: "d579f77", At: hrs(-29), Environment: "production", Service: "auction-ring"},
				{SHA: "ac396ed", At: hrs(1.1), Environment: "production", Service: "auction-ring"},
				{SHA: "357ba59", At: hrs(3.2), Environment: "production", Service: "auction-ring"},
				{SHA: "dad26ba", At: hrs(7.7), Environment: "production", Service: "bid-stream"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 2*time.Minute, firstFailing: "auction-ring", callPath: []string{"ring-display", "auction-ring", "postgres"},
				affected:  []string{"auction-ring", "bid-stream"},
				signature: "GET /sales/:id/ring-board p95 40 ms -> 9.6 s from 08:02 (server), then statement timeout after 10 s on the lots query",
				logs: []string{
					"ERROR auction-ring: canceling statement due to statement timeout (SELECT ... FROM lots WHERE sale_id = $1 ORDER BY ring_order)",
					"INFO EXPLAIN: Seq Scan on lots (rows=2318440) Filter: (sale_id = 9182); no index on lots(sale_id, ring_order)",
					"INFO pg_stat_user_indexes was reset by the replica promotion on 2031-03-11; the last sale before that was on 2031-03-10",
					"WARN bid-stream: 1,840 websocket clients closed, ring-board snapshot not received within 5 s",
					"INFO no sale ran between 01:06 and 08:00; overnight the ring board served 3 requests",
				},
				surges: []MetricShift{
					{Service: "auction-ring", Name: "http_request_duration_p95", Direction: "up", Ratio: 240, At: hrs(8.03)},
					{Service: "postgres", Name: "seq_tup_read_per_second", Direction: "up", Ratio: 900, At: hrs(8.03)},
					{Service: "bid-stream", Name: "websocket_disconnects_total", Direction: "up", Ratio: 60, At: hrs(8.05)},
				}},
			want: "ac396ed",
		},
		{
			name: "crane hire: a Sunday Helm change raises maxReplicas 6 -> 16 and the pool 20 -> 40, and when the Monday peak scales to 11 pods Postgres runs out of connections; a HikariCP bump, a refactor of the quote controller, a scaling runbook and the loud telematics-ingest deploy are innocent", heldOut: true,
			service: "crane-quotes",
			sig: Signal{Title: "P2 crane-quotes: 5xx > 20% na POST /api/quotes",
				Text:     "Klienci nie mogą wygenerować wyceny wynajmu żurawia od ok. 7:35, handlowcy dostają 'Nie udało się utworzyć oferty'. HPA podniósł liczbę podów do 11. fleet-planner też zgłasza błędy połączenia z bazą.",
				Source:   "opsgenie",
				Severity: "P2"},
			alert: 7.8,
			commits: []Commit{
				{SHA: "9e5e241", Parents: []string{"e9168a9"}, Author: "grzegorz", Date: hrs(6.5), Message: "telematics-ingest: parse boom angle from CAN frame 0x18FF21",
					Files: []File{{Path: "services/telematics-ingest/internal/can/boom.go", Patch: patch("",
						"\tcase 0x18FF21:\n\t\tangle := float64(binary.LittleEndian.Uint16(f.Data[0:2])) * 0.01\n\t\treturn BoomAngle{Deg: angle}, nil")}}},
				{SHA: "e9168a9", Parents: []string{"9c7ee40"}, Author: "zofia", Date: hrs(2.0), Message: "quotes: move QuoteController.create logic into QuoteService",
					Files: []File{{Path: "services/crane-quotes/src/main/kotlin/pl/dzwig/quotes/QuoteController.kt", Patch: patch(
						"    fun create(@RequestBody req: QuoteRequest): QuoteDto {\n        val rate = rates.forCrane(req.craneClass, req.days)\n        return repo.save(Quote.from(req, rate)).toDto()",
						"    fun create(@RequestBody req: QuoteRequest): QuoteDto {\n        return quoteService.create(req)")}}},
				{SHA: "9c7ee40", Parents: []string{"117534c"}, Author: "grzegorz", Date: hrs(-6), Message: "helm(crane-quotes): scale out for the Monday peak",
					Files: []File{{Path: "deploy/helm/crane-quotes/values.yaml", Patch: patch(
						"  maxReplicas: 6\n  poolSize: 20",
						"  maxReplicas: 16\n  poolSize: 40")}}},
				{SHA: "117534c", Parents: []string{"6e605ca"}, Author: "zofia", Date: hrs(-7), Message: "deps: bump HikariCP to 5.1.0",
					Files: []File{{Path: "services/crane-quotes/build.gradle.kts", Patch: patch(
						"    implementation(\"com.zaxxer:HikariCP:5.0.1\")",
						"    implementation(\"com.zaxxer:HikariCP:5.1.0\")")}}},
				{SHA: "6e605ca", Parents: []string{"e13c498"}, Author: "grzegorz", Date: hrs(-30), Message: "docs: crane-quotes scaling runbook",
					Files: []File{{Path: "docs/runbooks/crane-quotes.md", Patch: patch("",
						"Postgres max_connections is 300, shared by crane-quotes and fleet-planner. Scale with the HPA, not by hand.")}}},
			},
			deploys: []Deploy{
				{SHA: "117534c", At: hrs(-6.8), Environment: "production", Service: "crane-quotes"},
				{SHA: "9c7ee40", At: hrs(-5.7), Environment: "production", Service: "crane-quotes"},
				{SHA: "e9168a9", At: hrs(2.3), Environment: "production", Service: "crane-quotes"},
				{SHA: "9e5e241", At: hrs(6.7), Environment: "production", Service: "telematics-ingest"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 35*time.Minute, firstFailing: "crane-quotes", callPath: []string{"sales-portal", "crane-quotes", "postgres"},
				affected:  []string{"crane-quotes", "fleet-planner"},
				signature: "500 on POST /api/quotes (server): FATAL: sorry, too many clients already, on pods started while the HPA scaled 3 -> 11",
				logs: []string{
					"ERROR HikariPool-1 - Exception during pool initialization: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already",
					"INFO postgres: max_connections=300, 297 in use (crane-quotes 11 pods x up to 40, fleet-planner 24)",
					"INFO over the weekend the HPA held 3 replicas (120 connections); the Monday peak scaled crane-quotes from 07:21",
					"WARN fleet-planner: could not obtain a connection to postgres, retrying in 2 s",
					"WARN telematics-ingest: unknown SPN 5173 in frame 0x18FF21, skipping",
				},
				surges: []MetricShift{
					{Service: "crane-quotes", Name: "http_5xx_responses_total", Direction: "up", Ratio: 35, At: hrs(7.58)},
					{Service: "postgres", Name: "pg_stat_activity_count", Direction: "up", Ratio: 2.5, At: hrs(7.5)},
				}},
			want: "9c7ee40",
		},
		{
			name: "glassblowing studios: a 'simplified' member discount lookup drops the null check, so every guest without a membership gets a 500 at checkout; the Italian number format on the same file, the new error wording the guests quote, a stripe-php bump and a log context shipped after onset are innocent", heldOut: true,
			service: "studio-booking",
			sig: Signal{Title: "Prenotazioni corsi di soffiatura bloccate",
				Text:   "Dalle 10:15 chi prenota il corso di soffiatura del vetro riceve 'Qualcosa è andato storto con la prenotazione, riprova' al momento del pagamento. Riescono a prenotare solo i soci della fornace. Sentry: 312 eventi in mezz'ora.",
				Source: "slack"},
			alert: 11.2,
			commits: []Commit{
				{SHA: "0a7b63e", Parents: []string{"61b488c"}, Author: "ludovica", Date: hrs(10.9), Message: "checkout: add booking id to the error log context",
					Files: []File{{Path: "app/Http/Controllers/CheckoutController.php", Patch: patch(
						"            Log::error('checkout failed', ['exception' => $e]);",
						"            Log::error('checkout failed', ['exception' => $e, 'booking' => $booking->id]);")}}},
				{SHA: "61b488c", Parents: []string{"aa00832"}, Author: "matteo", Date: hrs(10.0), Message: "pricing: simplify the member discount lookup",
					Files: []File{{Path: "app/Booking/PriceCalculator.php", Patch: patch(
						"        $member = $this->members->findByEmail($booking->email);\n        $rate = $member !== null ? $member->discount_rate : 0.0;",
						"        $rate = $this->members->findByEmail($booking->email)->discount_rate;")}}},
				{SHA: "aa00832", Parents: []string{"6015dd7"}, Author: "ludovica", Date: hrs(8.0), Message: "pricing: show totals with Italian separators",
					Files: []File{{Path: "app/Booking/PriceCalculator.php", Patch: patch(
						"        return number_format($total, 2);",
						"        return number_format($total, 2, ',', '.');")}}},
				{SHA: "6015dd7", Parents: []string{"391287e"}, Author: "matteo", Date: hrs(6.0), Message: "checkout: friendlier message when a booking fails",
					Files: []File{{Path: "resources/lang/it/checkout.php", Patch: patch(
						"    'failed' => 'Errore durante il pagamento.',",
						"    'failed' => 'Qualcosa è andato storto con la prenotazione, riprova.',")}}},
				{SHA: "391287e", Parents: []string{"637278a"}, Author: "ludovica", Date: hrs(-20), Message: "deps: bump stripe/stripe-php to v13.18.0",
					Files: []File{{Path: "composer.json", Patch: patch(
						"        \"stripe/stripe-php\": \"^13.15\",",
						"        \"stripe/stripe-php\": \"^13.18\",")}}},
			},
			deploys: []Deploy{
				{SHA: "391287e", At: hrs(-19.5), Environment: "production", Service: "studio-booking"},
				{SHA: "aa00832", At: hrs(8.2), Environment: "production", Service: "studio-booking"},
				{SHA: "61b488c", At: hrs(10.2), Environment: "production", Service: "studio-booking"},
				{SHA: "0a7b63e", At: hrs(11.05), Environment: "production", Service: "studio-booking"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 15*time.Minute, firstFailing: "studio-booking", callPath: []string{"web", "studio-booking", "mysql"},
				signature: "500 on POST /checkout (server): ErrorException Attempt to read property \"discount_rate\" on null in app/Booking/PriceCalculator.php:47, only for guests without a membership",
				logs: []string{
					"ERROR production.ERROR: Attempt to read property \"discount_rate\" on null {\"exception\":\"[object] (ErrorException(code: 0): Attempt to read property \\\"discount_rate\\\" on null at /var/www/app/Booking/PriceCalculator.php:47)\"}",
					"INFO since 10:12: 41 member checkouts succeeded, 0 of 312 guest checkouts succeeded",
					"INFO from 08:12 to 10:12 guest checkouts on the build with the new number format succeeded and totals rendered as 185,00",
				},
				surges: []MetricShift{{Service: "studio-booking", Name: "http_5xx_responses_total", Direction: "up", Ratio: 50, At: hrs(10.25)}}},
			want: "61b488c",
		},

		// --- no commit to blame ---
		{
			name: "avalanche forecasting services: the weather service's station-data API is down and answers 503 in 45 ms, so the morning bulletin cannot be built; a read timeout cut from 30 s to 10 s half an hour before, a refactor of the regional bulletin builder, an httpx bump and a publishing doc are innocent", heldOut: true,
			service: "bulletin-builder",
			sig: Signal{Title: "PROBLEM: Lawinenbulletin-Build fehlgeschlagen auf bulletin-builder-prod",
				Text:     "Trigger: bulletin_build_failures > 0 (Severity: High). Der Lagebericht für 08:00 kann nicht erstellt werden: Stationsdaten (Schneehöhe, Neuschnee, Wind) seit 05:40 nicht abrufbar. Prognostiker bitten um Rückmeldung bis 07:00.",
				Source:   "zabbix",
				Severity: "High"},
			alert: 6.1,
			commits: []Commit{
				{SHA: "4d35b5c", Parents: []string{"49cd443"}, Author: "seraina", Date: hrs(5.0), Message: "meteo-client: lower read timeout from 30 s to 10 s",
					Files: []File{{Path: "services/bulletin-builder/bulletin/meteo_client.py", Patch: patch(
						"    resp = await client.get(url, params=params, timeout=30.0)",
						"    resp = await client.get(url, params=params, timeout=10.0)")}}},
				{SHA: "49cd443", Parents: []string{"7c6ad1a"}, Author: "gian", Date: hrs(4.0), Message: "bulletin: split build_regional_bulletin into smaller steps",
					Files: []File{{Path: "services/bulletin-builder/bulletin/regional.py", Patch: patch(
						"async def build_regional_bulletin(region):\n    data = await meteo.measurements(region.stations)\n    return render(assess(data), region)",
						"async def build_regional_bulletin(region):\n    data = await fetch_station_data(region)\n    danger = assess_danger(data)\n    return render_bulletin(danger, region)")}}},
				{SHA: "7c6ad1a", Parents: []string{"2ac72b6"}, Author: "seraina", Date: hrs(2.5), Message: "deps: bump httpx to 0.27.2",
					Files: []File{{Path: "services/bulletin-builder/requirements.txt", Patch: patch("httpx==0.27.0", "httpx==0.27.2")}}},
				{SHA: "2ac72b6", Parents: []string{"0ea8113"}, Author: "gian", Date: hrs(-10), Message: "docs: bulletin publishing times",
					Files: []File{{Path: "docs/publishing.md", Patch: patch("",
						"The morning bulletin is built from 05:45 and published at 08:00; station data comes from the weather service's open-data API.")}}},
			},
			deploys: []Deploy{
				{SHA: "7c6ad1a", At: hrs(2.7), Environment: "production", Service: "bulletin-builder"},
				{SHA: "49cd443", At: hrs(4.2), Environment: "production", Service: "bulletin-builder"},
				{SHA: "4d35b5c", At: hrs(5.2), Environment: "production", Service: "bulletin-builder"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 40*time.Minute, firstFailing: "meteo-api", callPath: []string{"bulletin-scheduler", "bulletin-builder", "meteo-api"},
				signature: "503 Service Unavailable from meteo-api GET /v2/stations/measurements (client), after 45 ms",
				logs: []string{
					"ERROR meteo_client: HTTPStatusError: Server error '503 Service Unavailable' for url 'https://opendata.meteo.example/v2/stations/measurements?network=IMIS' (elapsed 0.045 s)",
					"INFO Statusseite opendata.meteo.example 05:52: 'Störung der Messdaten-API: Datenbankcluster nicht verfügbar, wir arbeiten an der Behebung'",
					"INFO hydro-dashboard, which shares no code with bulletin-builder, gets the same 503 from the API since 05:39",
					"INFO bulletin-builder fetched all station data in 1.8 s at 05:15 and 05:30 on the 05:12 build",
				},
				surges: []MetricShift{{Service: "bulletin-builder", Name: "meteo_requests_failed_total", Direction: "up", Ratio: 100, At: hrs(5.67)}}},
			want: "",
		},
		{
			name: "drone light shows: security rotated the fleet API client secret in Vault but the ExternalSecret syncs daily, so the pods still send the revoked secret and every token request is refused; a token cache added that afternoon, the loud telemetry-ws deploy twenty minutes before, a rename of the upload handler and a rotation doc are innocent", heldOut: true,
			service: "show-control",
			sig: Signal{Title: "show-control: flight plan upload to drone fleet failing (Harbour Lights 20:30)",
				Text:     "Pre-show upload of the 420-drone choreography fails on every attempt, fleet manager says 'unauthorized'. Crew is on the pier, doors open at 20:00, we need the plan on the drones by 19:30 for the battery check.",
				Source:   "pagerduty",
				Severity: "critical"},
			alert: 18.0,
			commits: []Commit{
				{SHA: "788cda5", Parents: []string{"f9dd3bc"}, Author: "ines", Date: hrs(17.0), Message: "telemetry-ws: batch position frames 10 per message",
					Files: []File{{Path: "services/telemetry-ws/internal/stream/batch.go", Patch: patch(
						"const framesPerMessage = 1",
						"const framesPerMessage = 10")}}},
				{SHA: "f9dd3bc", Parents: []string{"5ec10a2"}, Author: "callum", Date: hrs(15.0), Message: "fleet-auth: cache the fleet session token for 50 minutes",
					Files: []File{{Path: "services/show-control/src/fleet/auth.ts", Patch: patch(
						"export async function fleetToken(): Promise<string> {\n  return (await requestToken(clientId, clientSecret)).access_token;",
						"export async function fleetToken(): Promise<string> {\n  if (cached && cached.expiresAt > Date.now()) return cached.token;\n  const t = await requestToken(clientId, clientSecret);\n  cached = { token: t.access_token, expiresAt: Date.now() + 50 * 60_000 };\n  return cached.token;")}}},
				{SHA: "5ec10a2", Parents: []string{"ac6b688"}, Author: "ines", Date: hrs(9.0), Message: "show: rename uploadChoreography to pushFlightPlan",
					Files: []File{{Path: "services/show-control/src/show/upload.ts", Patch: patch(
						"export async function uploadChoreography(show: Show, fleet: FleetId) {",
						"export async function pushFlightPlan(show: Show, fleet: FleetId) {")}}},
				{SHA: "ac6b688", Parents: []string{"26ef877"}, Author: "callum", Date: hrs(-30), Message: "docs: fleet API secret rotation",
					Files: []File{{Path: "docs/security/fleet-secret-rotation.md", Patch: patch("",
						"After rotating secret/show/fleet-api in Vault, force-sync the ExternalSecret or restart show-control; the vendor revokes the old secret within minutes.")}}},
			},
			deploys: []Deploy{
				{SHA: "5ec10a2", At: hrs(9.3), Environment: "production", Service: "show-control"},
				{SHA: "f9dd3bc", At: hrs(15.2), Environment: "production", Service: "show-control"},
				{SHA: "788cda5", At: hrs(17.3), Environment: "production", Service: "telemetry-ws"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 41*time.Minute, firstFailing: "show-control", callPath: []string{"show-console", "show-control", "fleet-cloud"},
				affected:  []string{"show-control", "telemetry-ws"},
				signature: "401 invalid_client from fleet-cloud POST /oauth/token (client), after 90 ms, on every upload since 17:41",
				logs: []string{
					"ERROR fleet-auth: token request rejected: 401 {\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}",
					"INFO Vault audit 17:38: secret/show/fleet-api rotated by sec-ops-bot (quarterly rotation SEC-2291); fleet-cloud revoked the previous secret and its sessions at 17:40",
					"INFO ExternalSecret fleet-api-credentials: refreshInterval 24h, last synced 09:02; the pods still mount the previous client secret",
					"INFO uploads on the 15:12 build succeeded at 15:30, 16:10 and 17:05",
					"WARN telemetry-ws: no show loaded for fleet HARBOUR-420, dropping position frames",
				}},
			want: "",
		},
		{
			name: "insect protein farms: an orphaned replication slot of a standby deleted by hand a week ago has kept 468 GB of WAL until the historian's data disk fills; a debug log line shipped the day before, a loud climate-ctl deploy, a psycopg bump and a refactor of the write path are innocent", heldOut: true,
			service: "climate-historian",
			sig: Signal{Title: "** PROBLEM Service Alert: historian-db/Disk /var/lib/postgresql is CRITICAL **",
				Text:     "DISK CRITICAL - free space: /var/lib/postgresql 0 MB (0% inode=97%). Les courbes de température et d'humidité des salles d'élevage de ténébrions ne sont plus enregistrées depuis 03h12 ; la régulation tourne sans historique et l'audit HACCP est incomplet.",
				Source:   "nagios",
				Severity: "CRITICAL"},
			alert: 3.4,
			commits: []Commit{
				{SHA: "e5aa302", Parents: []string{"22d47c8"}, Author: "maelle", Date: hrs(2.6), Message: "climate-ctl: new set-point curve for larvae room L4",
					Files: []File{{Path: "services/climate-ctl/ctl/setpoints.py", Patch: patch(
						"L4_CURVE = [(0, 27.0), (14, 26.5), (28, 25.0)]",
						"L4_CURVE = [(0, 27.5), (10, 27.0), (21, 26.0), (28, 25.0)]")}}},
				{SHA: "22d47c8", Parents: []string{"3bc434e"}, Author: "theo", Date: hrs(-6), Message: "deps: bump psycopg to 3.1.19",
					Files: []File{{Path: "services/climate-historian/requirements.txt", Patch: patch("psycopg[binary]==3.1.18", "psycopg[binary]==3.1.19")}}},
				{SHA: "3bc434e", Parents: []string{"7e67b39"}, Author: "maelle", Date: hrs(-20.5), Message: "historian: log each sensor batch at debug level",
					Files: []File{{Path: "services/climate-historian/historian/ingest.py", Patch: patch("",
						"        log.debug(\"batch stored\", extra={\"room\": room, \"rows\": len(batch)})")}}},
				{SHA: "7e67b39", Parents: []string{"a952eb1"}, Author: "theo", Date: hrs(-44), Message: "historian: split write_readings into write_batch and flush",
					Files: []File{{Path: "services/climate-historian/historian/ingest.py", Patch: patch(
						"def write_readings(conn, readings):\n    with conn.cursor() as cur:\n        cur.executemany(INSERT_READING, readings)\n    conn.commit()",
						"def write_batch(cur, readings):\n    cur.executemany(INSERT_READING, readings)\n\ndef flush(conn, readings):\n    with conn.cursor() as cur:\n        write_batch(cur, readings)\n    conn.commit()")}}},
			},
			deploys: []Deploy{
				{SHA: "7e67b39", At: hrs(-43.5), Environment: "production", Service: "climate-historian"},
				{SHA: "3bc434e", At: hrs(-20), Environment: "production", Service: "climate-historian"},
				{SHA: "22d47c8", At: hrs(-5.7), Environment: "production", Service: "climate-historian"},
				{SHA: "e5aa302", At: hrs(2.8), Environment: "production", Service: "climate-ctl"},
			},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 12*time.Minute, firstFailing: "historian-db", callPath: []string{"climate-sensors", "climate-historian", "historian-db"},
				affected:  []string{"climate-historian", "climate-ctl"},
				signature: "PANIC: could not write to file \"pg_wal/xlogtemp.212\": No space left on device (server); every historian INSERT fails since 03:12",
				logs: []string{
					"FATAL historian-db: could not write to file \"pg_wal/xlogtemp.212\": No space left on device",
					"INFO pg_replication_slots: analytics_standby active=f since 2031-03-06, retaining 468 GB of WAL; the analytics standby VM was deleted from the hypervisor console on 2031-03-06 without dropping its slot",
					"INFO du /var/lib/postgresql: pg_wal 468 GB, base 61 GB; application logs go to /var/log on a separate volume (12% used) and climate-historian runs at log level INFO",
					"WARN climate-ctl: historian write failed, set-point change for L4 not recorded",
				},
				surges: []MetricShift{
					{Service: "climate-historian", Name: "db_write_errors_total", Direction: "up", Ratio: 500, At: hrs(3.2)},
				}},
			want: "",
		},
		{
			name: "shipbreaking yards: a network engineer edits the customs gateway's A record by hand to a decommissioned load balancer's address, and manifests time out on connect; the switch from a hard-coded IP to that DNS name two days earlier, a manifest field shipped after onset, an okhttp bump and a handler rename are innocent", heldOut: true,
			service: "hazmat-inventory",
			sig: Signal{Title: "ALARM: \"hazmat-inventory-customs-submit-errors\" in EU (Ireland)",
				Text:     "Threshold Crossed: 1 datapoint [47.0] was greater than the threshold (5.0). Os manifestos de materiais perigosos do navio MV Santa Luzia não estão a ser enviados à alfândega desde as 10h05; o corte no cais 3 está parado à espera da autorização.",
				Source:   "cloudwatch",
				Severity: "ALARM"},
			alert: 10.9,
			commits: []Commit{
				{SHA: "176bbec", Parents: []string{"4f74e12"}, Author: "rui", Date: hrs(10.6), Message: "manifest: add asbestos mass to the customs manifest",
					Files: []File{{Path: "services/hazmat-inventory/src/main/java/yard/hazmat/customs/ManifestMapper.java", Patch: patch("",
						"        m.setAsbestosKg(inv.totalMass(Material.ASBESTOS).toKilograms());")}}},
				{SHA: "4f74e12", Parents: []string{"a3fb910"}, Author: "dalia", Date: hrs(6.0), Message: "deps: bump okhttp to 4.12.0",
					Files: []File{{Path: "services/hazmat-inventory/pom.xml", Patch: patch(
						"      <version>4.11.0</version>",
						"      <version>4.12.0</version>")}}},
				{SHA: "a3fb910", Parents: []string{"50ea976"}, Author: "rui", Date: hrs(-20), Message: "inventory: rename postManifest to submitManifest",
					Files: []File{{Path: "services/hazmat-inventory/src/main/java/yard/hazmat/customs/ManifestController.java", Patch: patch(
						"    public ResponseEntity<Receipt> postManifest(@RequestBody ManifestRequest req) {",
						"    public ResponseEntity<Receipt> submitManifest(@RequestBody ManifestRequest req) {")}}},
				{SHA: "50ea976", Parents: []string{"09cb78e"}, Author: "dalia", Date: hrs(-41), Message: "customs: call customs-gw by DNS name instead of the hard-coded IP",
					Files: []File{{Path: "services/hazmat-inventory/src/main/resources/application.yml", Patch: patch(
						"    base-url: https://10.40.12.7",
						"    base-url: https://customs-gw.yard.internal")}}},
			},
			deploys: []Deploy{
				{SHA: "50ea976", At: hrs(-40), Environment: "production", Service: "hazmat-inventory"},
				{SHA: "a3fb910", At: hrs(-19.5), Environment: "production", Service: "hazmat-inventory"},
				{SHA: "4f74e12", At: hrs(6.3), Environment: "production", Service: "hazmat-inventory"},
				{SHA: "176bbec", At: hrs(10.75), Environment: "production", Service: "hazmat-inventory"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 5*time.Minute, firstFailing: "hazmat-inventory", callPath: []string{"yard-app", "hazmat-inventory", "customs-gw"},
				signature: "POST /manifests to customs-gw: connect timed out to 10.40.8.19:443 after 10 s (client); customs-gw.yard.internal resolves to 10.40.8.19 since 10:04 (was 10.40.12.7)",
				logs: []string{
					"ERROR java.net.SocketTimeoutException: Connect timed out (customs-gw.yard.internal/10.40.8.19:443)",
					"INFO CloudTrail 10:03:51 route53:ChangeResourceRecordSets UPSERT A customs-gw.yard.internal -> 10.40.8.19 by r.tavares (console), comment 'NLB migration CHG-5521'",
					"INFO 10.40.8.19 was the customs gateway's old load balancer, decommissioned on 2031-03-01",
					"INFO between the 2031-03-12 deploy that switched to the DNS name and 10:04 today, customs-gw at 10.40.12.7 accepted 611 manifests",
				},
				surges: []MetricShift{{Service: "hazmat-inventory", Name: "customs_submit_errors_total", Direction: "up", Ratio: 47, At: hrs(10.09)}}},
			want: "",
		},
		{
			name: "soil testing labs: the battery on the LIMS database server's RAID controller fails and the controller falls back to write-through, so every commit waits on the disks; an fsync of the audit log added three days earlier, the loud report-mailer deploy, a pgx bump and a rename of the import handler are innocent", heldOut: true,
			service: "lims-results",
			sig: Signal{Title: "LIMS extremt långsamt – ICP-resultat fastnar",
				Text:   "Sedan strax efter elva tar det över en minut att spara en körning från ICP-OES. Jordproverna för vårgödslingen (2 800 st) står i kö och lantbrukarna väntar på sina analysrapporter. Även filservern känns seg.",
				Source: "slack"},
			alert: 11.9,
			commits: []Commit{
				{SHA: "9d0bfe9", Parents: []string{"03aeaa5"}, Author: "elin", Date: hrs(10.8), Message: "report-mailer: attach the PDF report to farmer emails",
					Files: []File{{Path: "services/report-mailer/mailer/compose.py", Patch: patch(
						"    msg.set_content(render_summary(report))",
						"    msg.set_content(render_summary(report))\n    msg.add_attachment(report.pdf_bytes(), maintype=\"application\", subtype=\"pdf\", filename=f\"{report.sample_id}.pdf\")")}}},
				{SHA: "03aeaa5", Parents: []string{"140d046"}, Author: "oskar", Date: hrs(7.0), Message: "deps: bump pgx to v5.6.0",
					Files: []File{{Path: "services/lims-results/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.5", "\tgithub.com/jackc/pgx/v5 v5.6.0")}}},
				{SHA: "140d046", Parents: []string{"a15f3cd"}, Author: "elin", Date: hrs(-20), Message: "results: rename ImportRun to IngestInstrumentRun",
					Files: []File{{Path: "services/lims-results/internal/results/import.go", Patch: patch(
						"func (s *Service) ImportRun(ctx context.Context, run InstrumentRun) error {",
						"func (s *Service) IngestInstrumentRun(ctx context.Context, run InstrumentRun) error {")}}},
				{SHA: "a15f3cd", Parents: []string{"35ad5cc"}, Author: "oskar", Date: hrs(-71), Message: "audit: fsync the result audit log after each write",
					Files: []File{{Path: "services/lims-results/internal/audit/log.go", Patch: patch(
						"\t_, err := a.f.Write(line)\n\treturn err",
						"\tif _, err := a.f.Write(line); err != nil {\n\t\treturn err\n\t}\n\treturn a.f.Sync()")}}},
			},
			deploys: []Deploy{
				{SHA: "a15f3cd", At: hrs(-70), Environment: "production", Service: "lims-results"},
				{SHA: "140d046", At: hrs(-19.5), Environment: "production", Service: "lims-results"},
				{SHA: "03aeaa5", At: hrs(7.3), Environment: "production", Service: "lims-results"},
				{SHA: "9d0bfe9", At: hrs(11.0), Environment: "production", Service: "report-mailer"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 20*time.Minute, firstFailing: "lims-db", callPath: []string{"instrument-agent", "lims-results", "lims-db"},
				affected:  []string{"lims-results", "report-mailer"},
				signature: "commit latency on lims-db 2 ms -> 180 ms; import of a 96-sample ICP run 1.4 s -> 74 s (server)",
				logs: []string{
					"WARN MegaRAID lab-db01: BBU failed (battery needs replacement), write policy changed WriteBack -> WriteThrough on VD0 at 11:19",
					"INFO iostat lab-db01 sdb: w_await 0.4 ms -> 41 ms; the staff file share on the same array slowed at the same minute",
					"INFO imports took 1.2 to 1.6 s on the audit-fsync build from 2031-03-11 until 11:19 today",
					"WARN report-mailer: queue depth 2,300, waiting on lims-results",
					"INFO iDRAC: 'The battery on Integrated RAID Controller 1 has failed'; vendor hardware case opened",
				},
				surges: []MetricShift{
					{Service: "lims-results", Name: "import_duration_seconds_p95", Direction: "up", Ratio: 50, At: hrs(11.33)},
					{Service: "lims-db", Name: "disk_write_await_ms", Direction: "up", Ratio: 100, At: hrs(11.32)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyFourthBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-fourth", culpritCasesTwentyFourthBatch())
}
