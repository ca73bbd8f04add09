package triage

// culprit_cases25_test.go is a twenty-fifth held-out batch (10 cases):
// six where one commit is to blame (a connection pool capped under the
// morning dispatch rush, a label date computed in UTC, a client timeout
// stretched until a slow peer ate every request thread, an availability
// cache TTL raised from seconds to minutes, a 1-based page loop that skips
// the last page, a migration dropping the only index usable by the
// search) and four where no commit is (an expired intermediate
// certificate at a data provider, a security-group rule removed by hand
// in the console, a mandatory database patch applied by the cloud
// provider, an influencer's unannounced promo code).
//
// First run (after the twenty-third and twenty-fourth batches' fixes):
// 7/10, two innocent commits blamed (a distroless image switch while the
// provider's intermediate certificate expired and the old build failed
// the same way; a shorter connect timeout while a security-group rule was
// revoked in the console and a rollback changed nothing) and one
// abstention (a page loop whose fault reads "page 6 of 6 never
// requested"). The classes: an older build failing the same way, in the
// supported languages; a rollback that names no service is the failing
// service's; "submitted N of M" and a page never requested as paging.
// After: 10/10, none blamed. It has tuned rules since, so it is no longer
// held out.

// Written without reading the triage rules on 2026-12-06. Industries: poultry hatcheries, compounding pharmacies, ice hockey leagues, wedding venues, hazardous waste disposal, cemetery management, marine salvage, lumber yards, mountain bike parks, nail salons.

import (
	"testing"
	"time"
)

// culpritCasesTwentyFifthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentyFifthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "poultry hatcheries: the Npgsql pool is capped at 10 per pod in a night deploy and the 06:00 chick dispatch rush waits out the pool; a crate-label deploy minutes before onset, a rename of the confirm handler, an Npgsql EF bump and a Modbus 'pool' change on the incubator gateway are innocent", heldOut: true,
			service: "chick-orders",
			sig:     Signal{Title: "[PROBLEM] chick-orders: HTTP 5xx rate > 20% for 5m", Text: "Integrators and farm co-ops can't confirm day-old chick deliveries since the 06:00 dispatch window opened; 14 trucks waiting at the hatchery dock"},
			alert:   9.4,
			commits: []Commit{
				{SHA: "6aee8ba", Parents: []string{"0f9b1b2"}, Author: "thiago", Date: hrs(8.5), Message: "shipping-labels: print vaccine batch on crate labels",
					Files: []File{{Path: "services/shipping-labels/src/Labels/CrateLabel.cs", Patch: patch("        Lines.Add($\"Lote: {crate.LotId}\");", "        Lines.Add($\"Lote: {crate.LotId}\");\n        Lines.Add($\"Vacina: {crate.VaccineBatch}\");")}}},
				{SHA: "0f9b1b2", Parents: []string{"31f7c2c"}, Author: "renata", Date: hrs(6), Message: "incubator-gw: pool Modbus connections to the setters",
					Files: []File{{Path: "services/incubator-gw/src/Modbus/SetterClient.cs", Patch: patch("        _client = new ModbusTcpClient(setter.Address);", "        _client = _connectionPool.Rent(setter.Address);")}}},
				{SHA: "31f7c2c", Parents: []string{"8bc4f72"}, Author: "renata", Date: hrs(4.2), Message: "orders: rename ConfirmOrder to ConfirmChickOrderAsync",
					Files: []File{{Path: "services/chick-orders/src/Controllers/OrdersController.cs", Patch: patch("    public async Task<IActionResult> ConfirmOrder(Guid id, [FromBody] ConfirmRequest req)", "    public async Task<IActionResult> ConfirmChickOrderAsync(Guid id, [FromBody] ConfirmRequest req)")}}},
				{SHA: "8bc4f72", Parents: []string{"ae7b75e"}, Author: "thiago", Date: hrs(3.3), Message: "db: cap pool at 10 connections per pod to stay well under max_connections",
					Files: []File{{Path: "services/chick-orders/src/appsettings.Production.json", Patch: patch(
						"    \"Orders\": \"Host=pg-orders;Database=orders;Username=chick_orders;Max Pool Size=100;Timeout=15\"",
						"    \"Orders\": \"Host=pg-orders;Database=orders;Username=chick_orders;Max Pool Size=10;Timeout=15\"")}}},
				{SHA: "ae7b75e", Parents: []string{"10383c9"}, Author: "thiago", Date: hrs(-1), Message: "deps: bump Npgsql.EntityFrameworkCore.PostgreSQL to 8.0.4",
					Files: []File{{Path: "services/chick-orders/src/ChickOrders.csproj", Patch: patch("    <PackageReference Include=\"Npgsql.EntityFrameworkCore.PostgreSQL\" Version=\"8.0.2\" />", "    <PackageReference Include=\"Npgsql.EntityFrameworkCore.PostgreSQL\" Version=\"8.0.4\" />")}}},
			},
			deploys: []Deploy{
				{SHA: "ae7b75e", At: hrs(0.5), Environment: "production", Service: "chick-orders"},
				{SHA: "8bc4f72", At: hrs(3.8), Environment: "production", Service: "chick-orders"},
				{SHA: "31f7c2c", At: hrs(5.1), Environment: "production", Service: "chick-orders"},
				{SHA: "0f9b1b2", At: hrs(6.2), Environment: "production", Service: "incubator-gw"},
				{SHA: "6aee8ba", At: hrs(8.7), Environment: "production", Service: "shipping-labels"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 3*time.Minute, firstFailing: "chick-orders", callPath: []string{"integrator-portal", "chick-orders", "pg-orders"},
				affected:  []string{"chick-orders", "shipping-labels"},
				signature: "NpgsqlException: The connection pool has been exhausted, either raise 'Max Pool Size' (currently 10) or 'Timeout' (currently 15 seconds) in your connection string on POST /api/orders/{id}/confirm (server), after 15003 ms",
				logs: []string{
					"ERROR chick-orders-5c9d7-x2k4p: Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted, either raise 'Max Pool Size' (currently 10) or 'Timeout' (currently 15 seconds) in your connection string.",
					"INFO pg-orders: 38 de 400 conexões em uso, CPU 22%, nenhuma consulta acima de 200 ms",
					"INFO madrugada (00:48-06:00 BRT) na versão nova: 2 a 5 pedidos/s, no máximo 4 conexões por pod, zero erros; às 06:00 abriu a janela de despacho e o tráfego subiu para 310 pedidos/s",
					"WARN shipping-labels: nenhum pedido confirmado para a expedição das 06:00 (0 etiquetas geradas)",
				},
				surges: []MetricShift{
					{Service: "chick-orders", Name: "http_server_errors_total", Direction: "up", Ratio: 45, At: hrs(9.05)},
					{Service: "chick-orders", Name: "db_pool_wait_seconds_p99", Direction: "up", Ratio: 300, At: hrs(9.05)},
				}},
			want: "8bc4f72",
		},
		{
			name: "compounding pharmacies: the compounded-on date moves from America/Los_Angeles to utcnow(), so from 17:00 PDT (00:00 UTC) every label carries tomorrow's date and BUD; the same UTC change in the audit trail, a handler rename, a dateutil bump and a label font change deployed after onset are innocent", heldOut: true,
			service: "rx-labels",
			sig:     Signal{Title: "Compounded prescription labels failing pharmacist verification", Text: "Every label printed since about 5 pm is rejected at verification: the compounded-on date is tomorrow's. Evening courier run to hospice patients is on hold"},
			alert:   24.9,
			commits: []Commit{
				{SHA: "862f929", Parents: []string{"abd3372"}, Author: "marisol", Date: hrs(24.2), Message: "labels: Liberation Sans for the small print",
					Files: []File{{Path: "services/rx-labels/rx_labels/templates/label.zpl.j2", Patch: patch("^FO20,310^A0N,22,22^FD{{ warnings }}^FS", "^FO20,310^A@N,22,22,E:LIBSANS.TTF^FD{{ warnings }}^FS")}}},
				{SHA: "abd3372", Parents: []string{"ca68a0d"}, Author: "dwight", Date: hrs(20), Message: "audit: store event timestamps in UTC",
					Files: []File{{Path: "services/audit-trail/audit_trail/events.py", Patch: patch("    ts = datetime.now(ZoneInfo(settings.PHARMACY_TZ))", "    ts = datetime.now(timezone.utc)")}}},
				{SHA: "ca68a0d", Parents: []string{"c199bb9"}, Author: "dwight", Date: hrs(15.6), Message: "labels: drop zoneinfo, compute dates in UTC like the rest of the stack",
					Files: []File{{Path: "services/rx-labels/rx_labels/dates.py", Patch: patch(
						"from zoneinfo import ZoneInfo\ndef compounded_on() -> date:\n    return datetime.now(ZoneInfo(\"America/Los_Angeles\")).date()",
						"def compounded_on() -> date:\n    return datetime.utcnow().date()")}}},
				{SHA: "c199bb9", Parents: []string{"3489016"}, Author: "marisol", Date: hrs(12), Message: "labels: rename print_label to render_and_print_label",
					Files: []File{{Path: "services/rx-labels/rx_labels/printing.py", Patch: patch("def print_label(rx, batch):", "def render_and_print_label(rx, batch):")}}},
				{SHA: "3489016", Parents: []string{"60f4815"}, Author: "dwight", Date: hrs(11), Message: "deps: bump python-dateutil to 2.9.0.post0",
					Files: []File{{Path: "services/rx-labels/requirements.txt", Patch: patch("python-dateutil==2.8.2", "python-dateutil==2.9.0.post0")}}},
			},
			deploys: []Deploy{
				{SHA: "c199bb9", At: hrs(12.4), Environment: "production", Service: "rx-labels"},
				{SHA: "ca68a0d", At: hrs(16.1), Environment: "production", Service: "rx-labels"},
				{SHA: "abd3372", At: hrs(20.5), Environment: "production", Service: "audit-trail"},
				{SHA: "862f929", At: hrs(24.4), Environment: "production", Service: "rx-labels"},
			},
			ev: caseEvidence{onsetAfter: 24*time.Hour + 2*time.Minute, firstFailing: "rx-labels", callPath: []string{"pharmacist-console", "rx-verify", "rx-labels"},
				affected:  []string{"rx-labels", "rx-verify", "courier-dispatch"},
				signature: "label compounded-on 2031-03-15 does not match batch record 2031-03-14 (America/Los_Angeles) on POST /v1/labels/print (server)",
				logs: []string{
					"ERROR rx-verify: Rx 4471920 batch CMP-88213 compounded 17:04 PDT 14 Mar: label says compounded 15 Mar, BUD 14 Apr (expected 14 Mar / 13 Apr)",
					"INFO rx-labels pods run with TZ=UTC; 17:00 PDT is 00:00 UTC",
					"INFO 212 labels printed 09:10-16:59 PDT on the new build all match their batch records",
					"WARN courier-dispatch: evening hospice run held, 37 of 37 orders waiting for verified labels",
				},
				surges: []MetricShift{{Service: "rx-verify", Name: "label_batch_mismatch_total", Direction: "up", Ratio: 90, At: hrs(24.03)}}},
			want: "ca68a0d",
		},
		{
			name: "ice hockey leagues: the stats client's call timeout goes from 2 s to 30 s; the new build ran fine all afternoon, then at puck drop the stats provider slowed and every Tomcat thread blocked instead of falling back to cached stats; the loud push-notifier deploy, a controller rename and an okhttp bump are innocent", heldOut: true,
			service: "game-centre",
			sig:     Signal{Title: "Matchcenter unavailable during evening games", Text: "League app and arena scoreboards show 'Matchcenter är inte tillgängligt'; game-centre answers 503/504 on every route since just after the 19:00 puck drop"},
			alert:   18.3,
			commits: []Commit{
				{SHA: "ff43786", Parents: []string{"bcb7970"}, Author: "elin", Date: hrs(17.5), Message: "push: goal notifications include assists",
					Files: []File{{Path: "services/push-notifier/src/main/java/se/liga/push/GoalPush.java", Patch: patch("        String body = goal.scorer().name();", "        String body = goal.scorer().name() + assists(goal);")}}},
				{SHA: "bcb7970", Parents: []string{"3e37889"}, Author: "johan", Date: hrs(13), Message: "stats: give the stats provider more time to answer",
					Files: []File{{Path: "services/game-centre/src/main/java/se/liga/gamecentre/stats/StatsClient.java", Patch: patch(
						"        .connectTimeout(Duration.ofMillis(500))\n        .callTimeout(Duration.ofSeconds(2))",
						"        .connectTimeout(Duration.ofMillis(500))\n        .callTimeout(Duration.ofSeconds(30))")}}},
				{SHA: "3e37889", Parents: []string{"5cb336c"}, Author: "elin", Date: hrs(10), Message: "game-centre: rename getLiveGame to liveGameView",
					Files: []File{{Path: "services/game-centre/src/main/java/se/liga/gamecentre/api/GameCentreController.java", Patch: patch("    public LiveGameDto getLiveGame(@PathVariable long id) {", "    public LiveGameDto liveGameView(@PathVariable long id) {")}}},
				{SHA: "5cb336c", Parents: []string{"2878723"}, Author: "johan", Date: hrs(9), Message: "deps: bump okhttp to 4.12.0",
					Files: []File{{Path: "services/game-centre/pom.xml", Patch: patch("    <okhttp.version>4.11.0</okhttp.version>", "    <okhttp.version>4.12.0</okhttp.version>")}}},
			},
			deploys: []Deploy{
				{SHA: "3e37889", At: hrs(10.4), Environment: "production", Service: "game-centre"},
				{SHA: "bcb7970", At: hrs(13.3), Environment: "production", Service: "game-centre"},
				{SHA: "ff43786", At: hrs(17.7), Environment: "production", Service: "push-notifier"},
			},
			ev: caseEvidence{onsetAfter: 18*time.Hour + 6*time.Minute, firstFailing: "game-centre", callPath: []string{"league-app", "game-centre", "stats-provider"},
				affected:  []string{"game-centre", "push-notifier", "arena-scoreboard"},
				signature: "503 on GET /v1/games/{id}/live: Tomcat thread pool exhausted (200/200 busy) in StatsClient.fetchPlayerStats (server), after 30000 ms",
				logs: []string{
					"WARN game-centre: 200 av 200 Tomcat-trådar upptagna; 196 väntar i StatsClient.fetchPlayerStats (okhttp callTimeout 30 s)",
					"INFO stats-provider statussida: förhöjda svarstider från 19:04 CET, p99 11-14 s",
					"INFO den nya versionen körde normalt 14:20-19:00 med p99 180 ms; inga matcher pågick och stats-provider svarade snabbt",
					"INFO vid leverantörens förra störning (4 mars, p99 12 s) gav 2 s-timeouten cachad statistik och game-centre höll sig uppe",
					"ERROR push-notifier: inga målhändelser från game-centre på 8 minuter",
				},
				surges: []MetricShift{
					{Service: "game-centre", Name: "http_503_responses_total", Direction: "up", Ratio: 60, At: hrs(18.1)},
					{Service: "game-centre", Name: "tomcat_threads_busy", Direction: "up", Ratio: 12, At: hrs(18.08)},
				}},
			want: "bcb7970",
		},
		{
			name: "wedding venues: the venue-calendar cache TTL goes from 30 s to 30 min, so a date held at 12:03 is still served as free at 12:17 and two couples confirm the same Saturday once the open-day newsletter brings traffic; a 'double-booking' banner deployed after onset, the same kind of TTL rise in the photo gallery and an lru-cache bump are innocent", heldOut: true,
			service: "venue-availability",
			sig:     Signal{Title: "Wedding dates double-booked", Text: "Two couples confirmed for the Limonaia at Villa Cerreto on Saturday 14 June 2031; planners report clashing confirmations at 6 venues since lunchtime"},
			alert:   11.6,
			commits: []Commit{
				{SHA: "e54a424", Parents: []string{"90f5130"}, Author: "giulia", Date: hrs(11.35), Message: "planner-ui: warning banner for double-booking clashes",
					Files: []File{{Path: "apps/planner-ui/src/components/ClashBanner.tsx", Patch: patch("", "export const ClashBanner = ({ clashes }: Props) =>\n  clashes.length ? <Banner tone=\"critical\">Possibile doppia prenotazione</Banner> : null;")}}},
				{SHA: "90f5130", Parents: []string{"e73d747"}, Author: "marco", Date: hrs(9), Message: "availability: cache venue calendars for 30 minutes to cut DB load",
					Files: []File{{Path: "services/venue-availability/src/calendarCache.ts", Patch: patch("export const CALENDAR_TTL_MS = 30 * 1000;", "export const CALENDAR_TTL_MS = 30 * 60 * 1000; // calendars rarely change")}}},
				{SHA: "e73d747", Parents: []string{"7daeaed"}, Author: "giulia", Date: hrs(7), Message: "gallery: cache photo manifests for an hour",
					Files: []File{{Path: "services/venue-gallery/src/manifestCache.ts", Patch: patch("const MANIFEST_TTL_MS = 5 * 60 * 1000;", "const MANIFEST_TTL_MS = 60 * 60 * 1000;")}}},
				{SHA: "7daeaed", Parents: []string{"4c51c94"}, Author: "marco", Date: hrs(6), Message: "deps: bump lru-cache to 10.2.0",
					Files: []File{{Path: "services/venue-availability/package.json", Patch: patch("    \"lru-cache\": \"10.1.0\",", "    \"lru-cache\": \"10.2.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "e73d747", At: hrs(7.3), Environment: "production", Service: "venue-gallery"},
				{SHA: "90f5130", At: hrs(9.3), Environment: "production", Service: "venue-availability"},
				{SHA: "e54a424", At: hrs(11.45), Environment: "production", Service: "planner-ui"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 17*time.Minute, firstFailing: "venue-availability", callPath: []string{"couple-portal", "booking-api", "venue-availability", "postgres"},
				affected:  []string{"venue-availability", "booking-api", "planner-ui"},
				signature: "date reported free from cached calendar while held in DB (cache age 1412 s) on GET /v1/venues/{id}/availability (server)",
				logs: []string{
					"ERROR booking-api: conflitto: Limonaia 2031-06-14 confermata due volte (BK-40211 alle 12:03, BK-40218 alle 12:17)",
					"WARN venue-availability-7b6d: calendario della sede 118 servito dalla cache, età 1.412 s; nel DB la prenotazione BK-40211 esiste dalle 12:03",
					"INFO newsletter 'open day' inviata alle 11:30 CET: ricerche sui sabati di giugno 6 volte il normale; all'open day di febbraio, stesso volume con TTL 30 s, nessun conflitto",
					"INFO venue-gallery serve solo foto e planimetrie; booking-api non la chiama",
				},
				surges: []MetricShift{{Service: "venue-availability", Name: "calendar_cache_age_seconds_p99", Direction: "up", Ratio: 55, At: hrs(11.0)}}},
			want: "90f5130",
		},
		{
			name: "hazardous waste disposal: the consignment-note submitter switches to 1-based pages but loops 1..pages, so the nightly batch never sends its last page and 33 notes miss the regulator; a k8s label commit on the submitter's 'manifests', a reqwest bump and an ops-dashboard deploy after onset are innocent", heldOut: true,
			service: "manifest-submitter",
			sig:     Signal{Title: "Hazardous waste consignment notes missing at the regulator", Text: "ZKS-Abfall reconciliation: 33 consignment notes (Begleitscheine) signed by the Duisburg plant yesterday were never received; they must be filed by 12:00 to avoid a fine"},
			alert:   30.2,
			commits: []Commit{
				{SHA: "d51ad7c", Parents: []string{"f9d1865"}, Author: "katrin", Date: hrs(29.5), Message: "ops-dashboard: submissions per plant",
					Files: []File{{Path: "services/ops-dashboard/src/pages/Submissions.tsx", Patch: patch("  <SubmissionTable rows={rows} />", "  <SubmissionTable rows={rows} groupBy=\"plant\" />")}}},
				{SHA: "f9d1865", Parents: []string{"be04647"}, Author: "tobias", Date: hrs(16), Message: "k8s: team label on the manifest-submitter manifests",
					Files: []File{{Path: "deploy/k8s/manifest-submitter/cronjob.yaml", Patch: patch("  labels:\n    app: manifest-submitter", "  labels:\n    app: manifest-submitter\n    team: compliance")}}},
				{SHA: "be04647", Parents: []string{"07f7c2e"}, Author: "tobias", Date: hrs(10), Message: "submit: 1-based pages to match Repo::page()",
					Files: []File{
						{Path: "services/manifest-submitter/src/batch.rs", Patch: patch(
							"    let pages = (count + PAGE_SIZE - 1) / PAGE_SIZE;\n    for page in 0..pages {\n        let notes = repo.page(page, PAGE_SIZE).await?;",
							"    let pages = (count + PAGE_SIZE - 1) / PAGE_SIZE;\n    for page in 1..pages {\n        let notes = repo.page(page, PAGE_SIZE).await?;")},
						{Path: "services/manifest-submitter/src/repo.rs", Patch: patch("        .bind((page * size) as i64)", "        .bind(((page - 1) * size) as i64)")},
					}},
				{SHA: "07f7c2e", Parents: []string{"92ddd68"}, Author: "katrin", Date: hrs(8), Message: "deps: bump reqwest to 0.12.5",
					Files: []File{{Path: "services/manifest-submitter/Cargo.toml", Patch: patch("reqwest = { version = \"0.12.4\", features = [\"json\", \"rustls-tls\"] }", "reqwest = { version = \"0.12.5\", features = [\"json\", \"rustls-tls\"] }")}}},
			},
			deploys: []Deploy{
				{SHA: "be04647", At: hrs(10.6), Environment: "production", Service: "manifest-submitter"},
				{SHA: "f9d1865", At: hrs(16.4), Environment: "production", Service: "manifest-submitter"},
				{SHA: "d51ad7c", At: hrs(29.7), Environment: "production", Service: "ops-dashboard"},
			},
			ev: caseEvidence{onsetAfter: 22 * time.Hour, firstFailing: "manifest-submitter", callPath: []string{"manifest-submitter", "zks-gateway"},
				signature: "nightly batch submitted 250 of 283 signed consignment notes; page 6 of 6 never requested (batch)",
				logs: []string{
					"INFO manifest-submitter: Lauf 2031-03-14 23:00: 283 signierte Begleitscheine, 6 Seiten, übermittelt: 250",
					"WARN ZKS-Abfall Abgleich: 33 Begleitscheine mit Annahmequittung der Entsorgungsanlage, aber ohne Eingang (BGS-DU-0251 bis BGS-DU-0283)",
					"INFO die fehlenden Nummern sind genau die letzten 33 nach ID-Sortierung; zks-gateway hat alle 5 Anfragen mit 200 OK quittiert",
					"INFO Lauf vom Vortag (vorherige Version): 291 von 291 übermittelt",
				},
				surges: []MetricShift{{Service: "zks-reconcile", Name: "notes_missing_at_regulator", Direction: "up", Ratio: 33, At: hrs(22.1)}}},
			want: "be04647",
		},
		{
			name: "cemetery management: a migration drops the lower(surname) index as a 'duplicate' of (cemetery_id, surname), so grave search seq-scans 4.2M interments; slow but harmless at night, it saturates the database when offices and the public start searching at 08:00; an obituaries case-insensitive search deployed minutes before, a handler rename and a doctrine/dbal bump are innocent", heldOut: true,
			service: "grave-locator",
			sig:     Signal{Title: "Grave search timing out", Text: "Municipal grave search (wyszukiwarka grobów) returns 504 for most searches since about 08:00; cemetery front desks can't locate plots for today's 11 burials"},
			alert:   7.3,
			commits: []Commit{
				{SHA: "e05cb1a", Parents: []string{"7555d41"}, Author: "bartek", Date: hrs(6.8), Message: "obituaries: case-insensitive search by surname",
					Files: []File{{Path: "services/obituaries/app/Http/Controllers/SearchController.php", Patch: patch("        $q->where('surname', $request->query('surname'));", "        $q->whereRaw('lower(surname) = lower(?)', [$request->query('surname')]);")}}},
				{SHA: "7555d41", Parents: []string{"6b12a0b"}, Author: "agnieszka", Date: hrs(-5), Message: "migrations: drop duplicate surname index on interments",
					Files: []File{{Path: "services/grave-locator/db/migrations/20310313_1900_drop_duplicate_surname_index.sql", Patch: patch("",
						"-- idx_interments_surname_lower duplicates idx_interments_cemetery_surname\nDROP INDEX CONCURRENTLY IF EXISTS idx_interments_surname_lower;")}}},
				{SHA: "6b12a0b", Parents: []string{"e2ab39d"}, Author: "bartek", Date: hrs(-7), Message: "locator: rename findPlots to searchPlotsBySurname",
					Files: []File{{Path: "services/grave-locator/src/Locator/PlotSearch.php", Patch: patch("    public function findPlots(string $surname): array", "    public function searchPlotsBySurname(string $surname): array")}}},
				{SHA: "e2ab39d", Parents: []string{"da5923a"}, Author: "agnieszka", Date: hrs(-8), Message: "deps: bump doctrine/dbal to 3.8.4",
					Files: []File{{Path: "services/grave-locator/composer.json", Patch: patch("        \"doctrine/dbal\": \"3.8.3\",", "        \"doctrine/dbal\": \"3.8.4\",")}}},
			},
			deploys: []Deploy{
				{SHA: "6b12a0b", At: hrs(-1.6), Environment: "production", Service: "grave-locator"},
				{SHA: "7555d41", At: hrs(0.5), Environment: "production", Service: "grave-locator"},
				{SHA: "e05cb1a", At: hrs(6.9), Environment: "production", Service: "obituaries"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 2*time.Minute, firstFailing: "grave-locator", callPath: []string{"public-web", "grave-locator", "pg-cemeteries"},
				affected:  []string{"grave-locator", "pg-cemeteries"},
				signature: "504 on GET /api/plots/search: canceling statement due to statement timeout (Seq Scan on interments) (server), after 5000 ms",
				logs: []string{
					"ERROR grave-locator: SQLSTATE[57014]: Query canceled: 7 BŁĄD:  anulowanie wyrażenia z powodu przekroczenia czasu (statement_timeout 5s)",
					"INFO EXPLAIN wyszukiwania: Seq Scan on interments (rows=4 218 554) Filter: (lower(surname) = 'nowak'), 1,9 s; wczoraj: Index Scan using idx_interments_surname_lower, 3 ms",
					"INFO w nocy 0-3 wyszukiwania na minutę, każde ok. 2 s, bez błędów; od 08:00 ok. 140 na minutę i pg-cemeteries CPU 100%",
					"INFO obituaries ma własną bazę (pg-obits, 12 000 wierszy) i nie odpytuje pg-cemeteries",
				},
				surges: []MetricShift{
					{Service: "pg-cemeteries", Name: "cpu_utilization", Direction: "up", Ratio: 9, At: hrs(7.0)},
					{Service: "grave-locator", Name: "http_504_responses_total", Direction: "up", Ratio: 70, At: hrs(7.03)},
				}},
			want: "7555d41",
		},

		// --- no commit to blame ---
		{
			name: "marine salvage: the AIS data provider's intermediate CA expires at midnight UTC and every client fails verification; a distroless base-image switch deployed 100 minutes before, an x/crypto bump, a handler rename and a map deploy after onset are innocent", heldOut: true,
			service: "vessel-watch",
			sig:     Signal{Title: "AIS positions stale for salvage tugs and casualty", Text: "Salvage coordination map frozen since midnight UTC; the casualty tanker Nordic Aster under tow and our three tugs show positions 40+ minutes old"},
			alert:   24.7,
			commits: []Commit{
				{SHA: "8ec5de6", Parents: []string{"aed0351"}, Author: "pieter", Date: hrs(24.3), Message: "salvage-map: show tow line length",
					Files: []File{{Path: "services/salvage-map/src/layers/TowLayer.tsx", Patch: patch("  label: `${tow.tug} → ${tow.casualty}`,", "  label: `${tow.tug} → ${tow.casualty} (${tow.lineLengthM} m)`,")}}},
				{SHA: "aed0351", Parents: []string{"5441dec"}, Author: "sanne", Date: hrs(22), Message: "docker: vessel-watch on distroless",
					Files: []File{{Path: "services/vessel-watch/Dockerfile", Patch: patch("FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates", "FROM gcr.io/distroless/static-debian12:nonroot")}}},
				{SHA: "5441dec", Parents: []string{"29c8dfd"}, Author: "pieter", Date: hrs(18), Message: "ais: rename handlePositionReport to onPositionReport",
					Files: []File{{Path: "services/vessel-watch/internal/ais/stream.go", Patch: patch("func (s *Stream) handlePositionReport(m ais.PositionReport) {", "func (s *Stream) onPositionReport(m ais.PositionReport) {")}}},
				{SHA: "29c8dfd", Parents: []string{"caf89b6"}, Author: "sanne", Date: hrs(15), Message: "deps: bump golang.org/x/crypto to v0.25.0",
					Files: []File{{Path: "services/vessel-watch/go.mod", Patch: patch("\tgolang.org/x/crypto v0.23.0", "\tgolang.org/x/crypto v0.25.0")}}},
			},
			deploys: []Deploy{
				{SHA: "5441dec", At: hrs(18.4), Environment: "production", Service: "vessel-watch"},
				{SHA: "aed0351", At: hrs(22.3), Environment: "production", Service: "vessel-watch"},
				{SHA: "8ec5de6", At: hrs(24.5), Environment: "production", Service: "salvage-map"},
			},
			ev: caseEvidence{onsetAfter: 24*time.Hour + 1*time.Minute, firstFailing: "vessel-watch", callPath: []string{"vessel-watch", "ais-provider"},
				affected:  []string{"vessel-watch", "salvage-map"},
				signature: "tls: failed to verify certificate: x509: certificate has expired or is not yet valid on GET stream.aisfeed.example:443 (client), after 40 ms",
				logs: []string{
					"ERROR vessel-watch: verbinding met stream.aisfeed.example mislukt: x509: certificate has expired or is not yet valid: current time 2031-03-15T00:01:12Z is after 2031-03-15T00:00:00Z (tussencertificaat 'AISFeed Issuing CA 2')",
					"INFO openssl s_client vanaf de laptop van de dienstdoende: verify error:num=10:certificate has expired, depth=1 CN=AISFeed Issuing CA 2",
					"INFO de oude build (debian-slim) in de DR-omgeving faalt met dezelfde fout; andere uitgaande TLS-verbindingen van vessel-watch (KNMI, Kustwacht-API) werken",
					"INFO de distroless-build ontving posities normaal van 22:20 tot 00:00 UTC",
					"INFO status.aisfeed.example 00:35 UTC: 'API clients may see certificate errors; we are replacing an expired intermediate certificate'",
				},
				surges: []MetricShift{{Service: "salvage-map", Name: "vessel_position_age_seconds", Direction: "up", Ratio: 40, At: hrs(24.2)}}},
			want: "",
		},
		{
			name: "lumber yards: an engineer tidying 'unused' rules revokes the database's 5432 ingress by hand in the console and the counter app can't connect; a connect_timeout cut to 3 s deployed 20 minutes before, a Terraform security-group rule for yard cameras, a checkout rename and a pg gem bump are innocent", heldOut: true,
			service: "yard-pos",
			sig:     Signal{Title: "Contractor desk can't ring up orders", Text: "Counters at the Laval and Longueuil yards freeze on checkout; contractors' lumber and drywall orders not going through since about 14:00"},
			alert:   18.25,
			commits: []Commit{
				{SHA: "394e7b6", Parents: []string{"9414f7b"}, Author: "jf", Date: hrs(17.5), Message: "db: fail fast, connect_timeout 10 -> 3 s",
					Files: []File{{Path: "services/yard-pos/config/database.yml", Patch: patch("  connect_timeout: 10", "  connect_timeout: 3")}}},
				{SHA: "9414f7b", Parents: []string{"0b625ff"}, Author: "genevieve", Date: hrs(12), Message: "terraform: open RTSP from yard cameras to the NVR",
					Files: []File{{Path: "infra/terraform/sg_yard_cameras.tf", Patch: patch("",
						"resource \"aws_security_group_rule\" \"cameras_rtsp\" {\n  type                     = \"ingress\"\n  from_port                = 554\n  to_port                  = 554\n  protocol                 = \"tcp\"\n  security_group_id        = aws_security_group.nvr.id\n  source_security_group_id = aws_security_group.yard_cameras.id\n}")}}},
				{SHA: "0b625ff", Parents: []string{"9929d35"}, Author: "jf", Date: hrs(9), Message: "checkout: rename finalize_order to complete_counter_sale",
					Files: []File{{Path: "services/yard-pos/app/controllers/checkouts_controller.rb", Patch: patch("  def finalize_order", "  def complete_counter_sale")}}},
				{SHA: "9929d35", Parents: []string{"c360266"}, Author: "genevieve", Date: hrs(8), Message: "deps: bump pg gem to 1.5.6",
					Files: []File{{Path: "services/yard-pos/Gemfile.lock", Patch: patch("    pg (1.5.4)", "    pg (1.5.6)")}}},
			},
			deploys: []Deploy{
				{SHA: "0b625ff", At: hrs(9.4), Environment: "production", Service: "yard-pos"},
				{SHA: "9414f7b", At: hrs(12.5), Environment: "production", Service: "infra"},
				{SHA: "394e7b6", At: hrs(17.7), Environment: "production", Service: "yard-pos"},
			},
			ev: caseEvidence{onsetAfter: 18*time.Hour + 2*time.Minute, firstFailing: "yard-pos", callPath: []string{"counter-terminal", "yard-pos", "rds-inventory"},
				affected:  []string{"yard-pos", "delivery-scheduler"},
				signature: "PG::ConnectionBad: connection to server at \"10.20.4.18\", port 5432 failed: timeout expired on POST /checkouts (server), after 3004 ms",
				logs: []string{
					"ERROR yard-pos: PG::ConnectionBad: connection to server at \"10.20.4.18\", port 5432 failed: timeout expired",
					"INFO CloudTrail : RevokeSecurityGroupIngress sur sg-0c41d7a2 (rds-inventory), tcp/5432 depuis sg-yard-app, par m.tremblay via la console, 18:01:37 UTC",
					"INFO Slack #infra, m.tremblay 13:58 HAE : « je fais le ménage des règles SG qui ne servent plus »",
					"INFO terraform plan (infra) : 1 à ajouter — la règle d'entrée 5432 de sg-0c41d7a2, supprimée hors Terraform",
					"INFO retour à la version précédente (connect_timeout 10 s) à 18:30 UTC : mêmes erreurs, après 10 s; delivery-scheduler, sans déploiement aujourd'hui, n'atteint plus la base non plus",
				},
				surges: []MetricShift{{Service: "yard-pos", Name: "http_5xx_responses_total", Direction: "up", Ratio: 35, At: hrs(18.05)}}},
			want: "",
		},
		{
			name: "mountain bike parks: the cloud provider applies a mandatory off-line patch to the Single-AZ passes database in its maintenance window and chairlift gates reject passes for nine minutes; an online index migration finished minutes before, a connection max-lifetime change and a MySQL driver bump are innocent", heldOut: true,
			service: "lift-access",
			sig:     Signal{Title: "Chairlift gates rejecting season passes", Text: "Tornos del telesilla Tres Cumbres rechazan pases de temporada válidos desde las 09:12; cola de ciclistas en la estación base"},
			alert:   8.35,
			commits: []Commit{
				{SHA: "1dbf26b", Parents: []string{"6f99662"}, Author: "lucia", Date: hrs(7.9), Message: "migrations: index passes.rfid_uid",
					Files: []File{{Path: "services/lift-access/db/migrations/0042_passes_rfid_uid_idx.sql", Patch: patch("", "ALTER TABLE passes ADD INDEX idx_passes_rfid_uid (rfid_uid), ALGORITHM=INPLACE, LOCK=NONE;")}}},
				{SHA: "6f99662", Parents: []string{"92ebd06"}, Author: "iker", Date: hrs(6), Message: "db: recycle connections every 5 minutes",
					Files: []File{{Path: "services/lift-access/internal/store/db.go", Patch: patch("\tdb.SetConnMaxLifetime(0)", "\tdb.SetConnMaxLifetime(5 * time.Minute)")}}},
				{SHA: "92ebd06", Parents: []string{"8bcd215"}, Author: "lucia", Date: hrs(5), Message: "deps: bump go-sql-driver/mysql to v1.8.1",
					Files: []File{{Path: "services/lift-access/go.mod", Patch: patch("\tgithub.com/go-sql-driver/mysql v1.7.1", "\tgithub.com/go-sql-driver/mysql v1.8.1")}}},
			},
			deploys: []Deploy{
				{SHA: "6f99662", At: hrs(6.3), Environment: "production", Service: "lift-access"},
				{SHA: "1dbf26b", At: hrs(8.05), Environment: "production", Service: "lift-access"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 12*time.Minute, firstFailing: "lift-access", callPath: []string{"gate-reader", "lift-access", "passes-db"},
				affected:  []string{"lift-access", "rider-app"},
				signature: "dial tcp 10.8.3.41:3306: connect: connection refused on POST /v1/gates/{gate}/validate (server), after 2 ms",
				logs: []string{
					"ERROR lift-access: validación del pase 7719-AX fallida: dial tcp 10.8.3.41:3306: connect: connection refused",
					"INFO evento RDS passes-db 09:11:48 CET: Applying off-line patches to DB instance (actualización de sistema obligatoria, aplicada automáticamente en la ventana vie 08:00-08:30 UTC); instancia Single-AZ",
					"INFO evento RDS passes-db 09:20:31 CET: Finished applying off-line patches to DB instance; validaciones normales desde 09:21",
					"INFO la migración 0042 terminó a las 09:03:40 CET en 2,1 s sin bloqueos; entre 09:04 y 09:11 los tornos validaron 1.306 pases con la versión nueva",
				},
				surges: []MetricShift{{Service: "lift-access", Name: "gate_rejections_total", Direction: "up", Ratio: 50, At: hrs(8.2)}}},
			want: "",
		},
		{
			name: "nail salons: an influencer posts a 50%-off code without telling anyone and traffic jumps 34x past the HPA ceiling that has not changed in a year; a gateway rate-limit change on gift-card lookups, a loud Spanish SMS template deploy, a booking handler rename and a Django bump are innocent", heldOut: true,
			service: "booking-api",
			sig:     Signal{Title: "Booking errors across all salons", Text: "Clients can't book manicure and gel appointments: about a third of attempts end in 'Something went wrong' since 18:05 ET; salons phoning support"},
			alert:   22.35,
			commits: []Commit{
				{SHA: "2c7130d", Parents: []string{"fbf7ae9"}, Author: "ramon", Date: hrs(21.7), Message: "notifications: Spanish confirmation SMS for Miami salons",
					Files: []File{{Path: "services/notifications/templates/sms/appointment_confirmed.es.txt", Patch: patch("", "Tu cita en {{ salon }} está confirmada para el {{ when }}. Responde C para cancelar.")}}},
				{SHA: "fbf7ae9", Parents: []string{"2175b49"}, Author: "keisha", Date: hrs(21.4), Message: "gateway: tighter rate limit on gift card balance lookups",
					Files: []File{{Path: "deploy/gateway/ratelimits.yaml", Patch: patch("  - path: /api/gift-cards/balance\n    requests_per_minute: 100", "  - path: /api/gift-cards/balance\n    requests_per_minute: 30")}}},
				{SHA: "2175b49", Parents: []string{"043551a"}, Author: "ramon", Date: hrs(17), Message: "booking: rename create_appointment to book_appointment",
					Files: []File{{Path: "services/booking-api/bookings/views.py", Patch: patch("def create_appointment(request):", "def book_appointment(request):")}}},
				{SHA: "043551a", Parents: []string{"41b8f8d"}, Author: "keisha", Date: hrs(15), Message: "deps: bump Django to 5.0.6",
					Files: []File{{Path: "services/booking-api/requirements.txt", Patch: patch("Django==5.0.4", "Django==5.0.6")}}},
			},
			deploys: []Deploy{
				{SHA: "2175b49", At: hrs(17.3), Environment: "production", Service: "booking-api"},
				{SHA: "fbf7ae9", At: hrs(21.6), Environment: "production", Service: "api-gateway"},
				{SHA: "2c7130d", At: hrs(21.8), Environment: "production", Service: "notifications"},
			},
			ev: caseEvidence{onsetAfter: 22*time.Hour + 6*time.Minute, firstFailing: "booking-api", callPath: []string{"salon-web", "api-gateway", "booking-api", "postgres"},
				affected:  []string{"booking-api", "postgres", "api-gateway", "notifications"},
				signature: "503 upstream request timeout on POST /api/appointments (gateway), after 15000 ms",
				logs: []string{
					"WARN HPA booking-api: desired 41 replicas, capped at maxReplicas 12 (cpu 96%)",
					"INFO tráfico: sesiones 34x la línea base desde las 18:02 EDT; el código NAILEDIT50 salió en un video de @lacqueredbyluz (2,1 M seguidores), sin avisar a ingeniería ni a marketing",
					"INFO the same build handled Monday's 3x evening peak with p99 420 ms; maxReplicas 12 unchanged since June 2030",
					"INFO api-gateway 429s only on /api/gift-cards/balance (1.2% of requests); appointment routes have no rate limit",
					"WARN notifications: SMS queue lag 14 min (confirmation volume 30x)",
				},
				surges: []MetricShift{
					{Service: "booking-api", Name: "http_requests_per_second", Direction: "up", Ratio: 34, At: hrs(22.03)},
					{Service: "booking-api", Name: "http_503_responses_total", Direction: "up", Ratio: 60, At: hrs(22.1)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyFifthBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-fifth", culpritCasesTwentyFifthBatch())
}
