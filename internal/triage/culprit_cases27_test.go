package triage

// culprit_cases27_test.go is a twenty-seventh held-out batch (10 cases):
// five where one commit is to blame (keyset pagination on a non-unique
// timestamp, a schedule converted to UTC without its zone, a cache TTL
// given in milliseconds to a seconds argument, a serializer migration that
// drops an enum converter, an index dropped as unused before a weekly
// batch) and five where no commit is (a BGP route leak at the ISP, a Kafka
// broker's disk failing, a shared subnet's addresses taken by another
// team's cluster, a batch file arriving late from another agency, a
// certificate revoked by its CA).
//
// First run (after the twenty-sixth batch's fixes): 5/10, three innocent
// commits blamed (a timeout cut during an ISP route leak, a producer
// timeout cut while a Kafka broker's disk failed, a doubled replica limit
// while another tenant took the subnet's addresses), one wrong culprit
// (the schedule read in UTC) and one abstention (a dropped index whose
// column name contains "certificat"). The classes: a route leak or packet
// loss, a broker or storage hardware failure, a subnet out of addresses,
// each outside the repository; "certificat" only as a whole word. After:
// 9/10, the schedule case kept as a limitation (one innocent blamed). It
// has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: property tax assessors, district heating networks, home oxygen suppliers, air cargo handlers, unemployment insurance agencies, emergency call centres, wastewater treatment plants, non-emergency patient transport, voter registration offices, vaccine cold-chain distributors.

import (
	"testing"
	"time"
)

// culpritCasesTwentySeventhBatch are held-out culprit cases written
// without reading the culprit rule.
func culpritCasesTwentySeventhBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "property tax assessors: the roll export switches from OFFSET paging to keyset paging on updated_at with a strict >, and once the 07:05 mass reappraisal stamps 41,288 parcels with one timestamp the next page skips all but the first 384 of them; a loud tax-bill deploy, a rename of the export handler, a runbook and a dbal bump are innocent", heldOut: true,
			service: "roll-export",
			sig:     Signal{Title: "Certified tax roll export missing parcels", Text: "Treasurer's office: the 08:00 roll export has 172,000 records instead of ~212,900; tonight's tax bill run would skip about 41k parcels"},
			alert:   10.2,
			commits: []Commit{
				{SHA: "3cc1634", Parents: []string{"95121dd"}, Author: "marisol", Date: hrs(9.5), Message: "tax-bills: bolder due date on the bill PDF",
					Files: []File{{Path: "services/tax-bills/templates/bill.html.twig", Patch: patch("<p class=\"due\">Due {{ bill.due_date|date('m/d/Y') }}</p>", "<p class=\"due\"><strong>Due {{ bill.due_date|date('m/d/Y') }}</strong></p>")}}},
				{SHA: "95121dd", Parents: []string{"339c7dd"}, Author: "dwayne", Date: hrs(6), Message: "roll: rename exportRoll() to exportCertifiedRoll()",
					Files: []File{{Path: "services/roll-export/src/Controller/RollExportController.php", Patch: patch("    public function exportRoll(int $year): StreamedResponse", "    public function exportCertifiedRoll(int $year): StreamedResponse")}}},
				{SHA: "339c7dd", Parents: []string{"cb818d0"}, Author: "marisol", Date: hrs(4), Message: "docs: tax roll export runbook",
					Files: []File{{Path: "docs/runbooks/roll-export.md", Patch: patch("", "## Missing parcels in the roll export\nCompare `SELECT count(*) FROM parcels WHERE roll_year = 2031` with the export's record count.")}}},
				{SHA: "cb818d0", Parents: []string{"eb7dc6d"}, Author: "dwayne", Date: hrs(1.8), Message: "parcels: keyset pagination for the roll export (OFFSET got slow past page 300)",
					Files: []File{{Path: "services/roll-export/src/Repository/ParcelRepository.php", Patch: patch(
						"        $sql = 'SELECT * FROM parcels WHERE roll_year = :year ORDER BY id LIMIT 500 OFFSET :offset';\n            $offset += count($rows);",
						"        $sql = 'SELECT * FROM parcels WHERE roll_year = :year AND updated_at > :after ORDER BY updated_at LIMIT 500';\n            $after = end($rows)['updated_at'];")}}},
				{SHA: "eb7dc6d", Parents: []string{"01383ad"}, Author: "marisol", Date: hrs(1.5), Message: "deps: bump doctrine/dbal to 3.8.6",
					Files: []File{{Path: "services/roll-export/composer.lock", Patch: patch("            \"version\": \"3.8.4\",", "            \"version\": \"3.8.6\",")}}},
			},
			deploys: []Deploy{
				{SHA: "cb818d0", At: hrs(2.2), Environment: "production", Service: "roll-export"},
				{SHA: "95121dd", At: hrs(6.3), Environment: "production", Service: "roll-export"},
				{SHA: "3cc1634", At: hrs(9.7), Environment: "production", Service: "tax-bills"},
			},
			ev: caseEvidence{onsetAfter: 8 * time.Hour, firstFailing: "roll-export", callPath: []string{"treasurer-sftp", "roll-export", "mysql-assessor"},
				affected:  []string{"roll-export", "tax-bills"},
				signature: "roll export 2031 holds 172,000 of 212,904 parcels; page 344 read with updated_at > '2031-03-14 07:05:12' (batch)",
				logs: []string{
					"INFO mass-appraisal: 2031 revaluation applied at 07:05:12 by one UPDATE statement, 41,288 parcels stamped with the same updated_at",
					"WARN roll-export: page 343 ended at updated_at 2031-03-14 07:05:12 (116 older rows, then 384 revalued ones); page 344 returned rows from 07:41 onward",
					"INFO hourly exports at 03:00, 04:00, 05:00, 06:00 and 07:00 on the keyset build were complete, 212,904 parcels each",
					"WARN tesorería: el padrón de las 08:00 trae 172.000 parcelas, ayer 212.904; 40.904 cuentas quedarían sin factura",
					"ERROR tax-bills: 40,904 parcels in the assessor table have no roll record for 2031",
				},
				surges: []MetricShift{{Service: "tax-bills", Name: "bill_render_errors_total", Direction: "up", Ratio: 60, At: hrs(9.8)}}},
			want: "cb818d0",
		},
		{
			name: "district heating networks: the supply scheduler builds the morning boost window with toInstant(ZoneOffset.UTC) instead of the plant's zone, so Saturday's 05:00 boost starts at 06:00 local; the build ran quietly overnight, a kotlinx-datetime bump, a KDoc edit in the same file, an MWh billing change and a loud substation gateway deploy are innocent", heldOut: true,
			service: "supply-scheduler",
			sig:     Signal{Title: "Cold radiators at dawn in the north network", Text: "Customer service: 140 calls since 05:00 about lukewarm radiators and showers; supply temperature in Netz Nord well below the morning curve"},
			alert:   28.7,
			commits: []Commit{
				{SHA: "3b64b8f", Parents: []string{"c3e3d8f"}, Author: "henrik", Date: hrs(27.5), Message: "substation-gw: reconnect Modbus sessions idle for 30 s",
					Files: []File{{Path: "services/substation-gw/internal/modbus/session.go", Patch: patch("\tidleReconnect = 0", "\tidleReconnect = 30 * time.Second")}}},
				{SHA: "c3e3d8f", Parents: []string{"250dd44"}, Author: "ulla", Date: hrs(20), Message: "scheduler: document the boost window",
					Files: []File{{Path: "services/supply-scheduler/src/main/kotlin/dh/scheduler/BoostPlanner.kt", Patch: patch("", "    /** Morning boost: raise supply to the boost setpoint for 90 minutes from BOOST_START. */")}}},
				{SHA: "250dd44", Parents: []string{"76dbd7e"}, Author: "henrik", Date: hrs(15), Message: "scheduler: drop zone lookups, timestamps are UTC end to end",
					Files: []File{{Path: "services/supply-scheduler/src/main/kotlin/dh/scheduler/BoostPlanner.kt", Patch: patch(
						"    private val plantZone = ZoneId.of(\"Europe/Berlin\")\n        val start = day.atTime(BOOST_START).atZone(plantZone).toInstant()",
						"        val start = day.atTime(BOOST_START).toInstant(ZoneOffset.UTC)")}}},
				{SHA: "76dbd7e", Parents: []string{"c5a8ceb"}, Author: "ulla", Date: hrs(14.5), Message: "deps: bump kotlinx-datetime to 0.6.1",
					Files: []File{{Path: "services/supply-scheduler/build.gradle.kts", Patch: patch("    implementation(\"org.jetbrains.kotlinx:kotlinx-datetime:0.5.0\")", "    implementation(\"org.jetbrains.kotlinx:kotlinx-datetime:0.6.1\")")}}},
				{SHA: "c5a8ceb", Parents: []string{"b886d70"}, Author: "ines", Date: hrs(11), Message: "billing: heat consumption in MWh with three decimals",
					Files: []File{{Path: "services/heat-billing/src/main/kotlin/dh/billing/Format.kt", Patch: patch("    fun energy(kwh: Long) = \"%,d kWh\".format(kwh)", "    fun energy(kwh: Long) = \"%.3f MWh\".format(kwh / 1000.0)")}}},
			},
			deploys: []Deploy{
				{SHA: "c5a8ceb", At: hrs(11.3), Environment: "production", Service: "heat-billing"},
				{SHA: "250dd44", At: hrs(15.4), Environment: "production", Service: "supply-scheduler"},
				{SHA: "c3e3d8f", At: hrs(20.2), Environment: "production", Service: "supply-scheduler"},
				{SHA: "3b64b8f", At: hrs(27.8), Environment: "production", Service: "substation-gw"},
			},
			ev: caseEvidence{onsetAfter: 28 * time.Hour, firstFailing: "supply-scheduler", callPath: []string{"supply-scheduler", "plant-controller", "substation-gw"},
				affected:  []string{"plant-controller", "substation-gw"},
				signature: "supply temperature 71 °C at 05:00 CET, boost setpoint 88 °C not applied: boost window 2031-03-15T05:00Z..06:30Z (expected 04:00Z..05:30Z) in planBoost (batch)",
				logs: []string{
					"INFO supply-scheduler: Friday's boost (04:00Z) ran on the previous build; the new build's first morning boost was Saturday",
					"INFO the new build ran 12 h without alarms; only the evening setback moved, from 22:00 to 23:00 local, and nobody noticed",
					"WARN Leitstand: Vorlauftemperatur Netz Nord 71 °C um 05:00, Boost-Sollwert 88 °C erst ab 06:00 aktiv",
					"WARN substation-gw: modbus session to SS-114 idle 30 s, reconnecting (x212)",
					"INFO all 212 substations report flow and temperatures normally; reconnects take 40 ms",
				},
				surges: []MetricShift{
					{Service: "plant-controller", Name: "network_supply_temp_c", Direction: "down", Ratio: 0.8, At: hrs(28)},
					{Service: "substation-gw", Name: "modbus_reconnects_total", Direction: "up", Ratio: 200, At: hrs(27.9)},
				}},
			want:       "250dd44",
			limitation: "the boost starts an hour late because the schedule is read in UTC; the finder does not tie an hour's shift in a schedule to a diff that drops the zone, and a reconnect change deployed twelve minutes before shares more words",
		},
		{
			name: "home oxygen suppliers: the reservoir level cache TTL is renamed to LEVEL_TTL_MS = 300,000 but still passed to Redis SET EX, which takes seconds, so the refill planner uses levels frozen for 83 h and stops ordering refills; a rename in the same file, an ioredis bump, a README and a loud route-planner deploy are innocent", heldOut: true,
			service: "refill-planner",
			sig:     Signal{Title: "Home oxygen patients running low without a scheduled refill", Text: "On-call nurse: three patients on liquid oxygen called with reservoirs under 10%; none has a delivery booked. Refill orders per planner run near zero since yesterday afternoon"},
			alert:   29.5,
			commits: []Commit{
				{SHA: "48e7b55", Parents: []string{"eeaf2a4"}, Author: "tamsin", Date: hrs(28.6), Message: "route-planner: prefer morning slots on rural routes",
					Files: []File{{Path: "services/route-planner/src/slots.ts", Patch: patch("const PREFERRED_WINDOW = { from: 10, to: 16 };", "const PREFERRED_WINDOW = { from: 8, to: 12 };")}}},
				{SHA: "eeaf2a4", Parents: []string{"a9f28e3"}, Author: "osei", Date: hrs(12), Message: "docs: explain the reservoir level cache",
					Files: []File{{Path: "services/refill-planner/README.md", Patch: patch("", "Reservoir levels are cached in Redis for five minutes (`level:<patientId>`) so the planner does not hammer the telemetry API.")}}},
				{SHA: "a9f28e3", Parents: []string{"b7cde7d"}, Author: "tamsin", Date: hrs(5), Message: "levels: rename getReservoirLevel to fetchReservoirLevel",
					Files: []File{{Path: "services/refill-planner/src/levels/levelCache.ts", Patch: patch("export async function getReservoirLevel(patientId: string): Promise<Level> {", "export async function fetchReservoirLevel(patientId: string): Promise<Level> {")}}},
				{SHA: "b7cde7d", Parents: []string{"c196a7f"}, Author: "osei", Date: hrs(1.8), Message: "levels: make the cache TTL unit explicit",
					Files: []File{{Path: "services/refill-planner/src/levels/levelCache.ts", Patch: patch(
						"const LEVEL_TTL = 300; // seconds\n  await redis.set(`level:${patientId}`, JSON.stringify(level), 'EX', LEVEL_TTL);",
						"const LEVEL_TTL_MS = 5 * 60 * 1000;\n  await redis.set(`level:${patientId}`, JSON.stringify(level), 'EX', LEVEL_TTL_MS);")}}},
				{SHA: "c196a7f", Parents: []string{"59ee27d"}, Author: "tamsin", Date: hrs(1.5), Message: "deps: bump ioredis to 5.4.1",
					Files: []File{{Path: "services/refill-planner/package.json", Patch: patch("    \"ioredis\": \"5.3.2\",", "    \"ioredis\": \"5.4.1\",")}}},
			},
			deploys: []Deploy{
				{SHA: "b7cde7d", At: hrs(2.1), Environment: "production", Service: "refill-planner"},
				{SHA: "a9f28e3", At: hrs(5.3), Environment: "production", Service: "refill-planner"},
				{SHA: "48e7b55", At: hrs(28.8), Environment: "production", Service: "route-planner"},
			},
			ev: caseEvidence{onsetAfter: 14 * time.Hour, firstFailing: "refill-planner", callPath: []string{"refill-planner", "redis", "telemetry-api"},
				affected:  []string{"refill-planner", "route-planner"},
				signature: "reservoir level for patient P-30417 served from cache written 27 h ago (key TTL 202,800 s) in planRefills (batch)",
				logs: []string{
					"WARN telemetry-api: P-30417 reservoir at 9% (reading 04:52); refill-planner last used 61% from a cache entry written Friday 02:14",
					"INFO redis: TTL on level:* keys between 201,000 and 299,000 s; before Friday 02:10 every key expired after 300 s",
					"INFO planner runs after the 02:10 deploy finished without errors; refill orders per run fell from ~35 to 2 as real levels drifted below what the cache held",
					"ALERTA linha de apoio: paciente P-30417 com reservatório a 9%, nenhuma entrega agendada",
					"WARN route-planner: 0 refill stops to place on rural routes for Saturday",
				},
				surges: []MetricShift{
					{Service: "refill-planner", Name: "refill_orders_created", Direction: "down", Ratio: 0.06, At: hrs(14)},
					{Service: "telemetry-api", Name: "level_requests_total", Direction: "down", Ratio: 0.01, At: hrs(2.2)},
				}},
			want: "b7cde7d",
		},
		{
			name: "air cargo handlers: the NOTOC serializer moves from Newtonsoft to System.Text.Json, which ignores the Newtonsoft StringEnumConverter on DgClass, so dangerous-goods classes go out as integers and flight ops rejects every NOTOC with DG; a System.Text.Json bump, a controller rename, a DG label typo fix and a later load-plan log line are innocent", heldOut: true,
			service: "notoc-service",
			sig:     Signal{Title: "Freighters held: NOTOC not reaching captains", Text: "Flight ops rejects the dangerous-goods notification to the captain for every freighter with DG on board since about noon; 6 departures held at the ramp"},
			alert:   12.8,
			commits: []Commit{
				{SHA: "3b09c8e", Parents: []string{"2ae5f3b"}, Author: "kwabena", Date: hrs(13.2), Message: "loadplan: log ULD position on lock",
					Files: []File{{Path: "services/loadplan/src/LoadPlan/LockHandler.cs", Patch: patch("", "        _log.LogInformation(\"ULD {Uld} locked at {Position}\", uld.Id, uld.Position);")}}},
				{SHA: "2ae5f3b", Parents: []string{"433f3eb"}, Author: "sanne", Date: hrs(11.5), Message: "notoc: migrate serializer to System.Text.Json",
					Files: []File{{Path: "services/notoc-service/src/Notoc/NotocSerializer.cs", Patch: patch(
						"using Newtonsoft.Json;\n    private static readonly JsonSerializerSettings Settings = new() { ContractResolver = new CamelCasePropertyNamesContractResolver() };\n    public string Serialize(Notoc notoc) => JsonConvert.SerializeObject(notoc, Settings);",
						"using System.Text.Json;\n    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);\n    public string Serialize(Notoc notoc) => JsonSerializer.Serialize(notoc, Options);")}}},
				{SHA: "433f3eb", Parents: []string{"922aa59"}, Author: "kwabena", Date: hrs(10), Message: "notoc: rename NotocController.Send to Submit",
					Files: []File{{Path: "services/notoc-service/src/Notoc/NotocController.cs", Patch: patch("    public async Task<IActionResult> Send(string flightId, [FromBody] NotocRequest req)", "    public async Task<IActionResult> Submit(string flightId, [FromBody] NotocRequest req)")}}},
				{SHA: "922aa59", Parents: []string{"7e1cb25"}, Author: "sanne", Date: hrs(8), Message: "deps: bump System.Text.Json to 8.0.5",
					Files: []File{{Path: "services/notoc-service/NotocService.csproj", Patch: patch("    <PackageReference Include=\"System.Text.Json\" Version=\"8.0.4\" />", "    <PackageReference Include=\"System.Text.Json\" Version=\"8.0.5\" />")}}},
				{SHA: "7e1cb25", Parents: []string{"6fde8e1"}, Author: "kwabena", Date: hrs(6), Message: "dg-labels: fix typo in the Class 8 dangerous goods label",
					Files: []File{{Path: "services/dg-labels/Templates/Class8.cshtml", Patch: patch("<span>CORROSSIVE</span>", "<span>CORROSIVE</span>")}}},
			},
			deploys: []Deploy{
				{SHA: "7e1cb25", At: hrs(6.2), Environment: "production", Service: "dg-labels"},
				{SHA: "922aa59", At: hrs(8.3), Environment: "production", Service: "notoc-service"},
				{SHA: "2ae5f3b", At: hrs(11.8), Environment: "production", Service: "notoc-service"},
				{SHA: "3b09c8e", At: hrs(13.4), Environment: "production", Service: "loadplan"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 52*time.Minute, firstFailing: "notoc-service", callPath: []string{"loadplan", "notoc-service", "flightops-notoc-api"},
				affected:  []string{"notoc-service", "loadplan"},
				signature: "400 from flightops NOTOC API: $.dgItems[0].dgClass: expected string, got integer 2 on POST /notoc/v2/flights/{id} (client), after 48 ms",
				logs: []string{
					"ERROR NotocPublisher: NOTOC for LH8402 rejected: \"dgClass\":2 is not an IATA class code (was \"Class3\" until 11:48)",
					"INFO enum DgClass is annotated [Newtonsoft.Json.JsonConverter(typeof(StringEnumConverter))]; System.Text.Json ignores that attribute and writes the ordinal",
					"INFO NOTOCs with no dangerous goods on board (empty dgItems) are accepted since 11:48",
					"ERREUR escale CDG : NOTOC du vol AF6722 refusée, chargement des ULD bloqué",
					"WAARSCHUWING vrachtafhandeling AMS: KL3401 wacht op NOTOC, vertrek uitgesteld",
				},
				surges: []MetricShift{{Service: "notoc-service", Name: "notoc_rejections_total", Direction: "up", Ratio: 90, At: hrs(11.9)}}},
			want: "2ae5f3b",
		},
		{
			name: "unemployment insurance agencies: a migration drops index_payments_on_certification_id as unused (pghero counted scans only since Monday's stats reset), and the weekly release batch on Friday 01:00 seq-scans 91M payments per chunk; a Rails bump, a harmless column migration, a refactor of the release job and the loud claimant SMS deploy after onset are innocent", heldOut: true,
			service: "benefit-payments",
			sig:     Signal{Title: "Weekly unemployment payments not released", Text: "Release batch stuck at chunk 3 of 425 since 01:00; direct deposits for ~212,000 claimants will miss the 05:30 ACH cut-off"},
			alert:   3.5,
			commits: []Commit{
				{SHA: "fd85e6f", Parents: []string{"a515de1"}, Author: "keisha", Date: hrs(1.4), Message: "notify: SMS claimants when their payment is released",
					Files: []File{{Path: "services/claimant-notify/app/subscribers/payment_released.rb", Patch: patch("", "    SmsGateway.deliver(claimant.phone, I18n.t(\"sms.payment_released\", amount: event.amount))")}}},
				{SHA: "a515de1", Parents: []string{"26fc4ec"}, Author: "bogdan", Date: hrs(-4), Message: "payments: extract ReleaseBatchJob#release_chunk",
					Files: []File{{Path: "services/benefit-payments/app/jobs/release_batch_job.rb", Patch: patch(
						"      chunk.each_slice(500) { |ids| Payment.where(certification_id: ids).update_all(status: \"released\", released_at: Time.current) }",
						"      chunk.each_slice(500) { |ids| release_chunk(ids) }\n    end\n\n    def release_chunk(ids)\n      Payment.where(certification_id: ids).update_all(status: \"released\", released_at: Time.current)")}}},
				{SHA: "26fc4ec", Parents: []string{"c1c85c1"}, Author: "keisha", Date: hrs(-9), Message: "claimants: add preferred_language",
					Files: []File{{Path: "services/benefit-payments/db/migrate/20310313150000_add_preferred_language_to_claimants.rb", Patch: patch("", "    add_column :claimants, :preferred_language, :string, null: true")}}},
				{SHA: "c1c85c1", Parents: []string{"d3755f7"}, Author: "bogdan", Date: hrs(-11.5), Message: "db: drop unused indexes flagged by pghero",
					Files: []File{
						{Path: "services/benefit-payments/db/migrate/20310313121500_drop_unused_payment_indexes.rb", Patch: patch("", "class DropUnusedPaymentIndexes < ActiveRecord::Migration[7.1]\n  def change\n    remove_index :payments, :certification_id, name: \"index_payments_on_certification_id\"\n    remove_index :payments, :legacy_batch_ref, name: \"index_payments_on_legacy_batch_ref\"\n  end\nend")},
						{Path: "services/benefit-payments/db/structure.sql", Patch: patch("CREATE INDEX index_payments_on_certification_id ON public.payments USING btree (certification_id);\nCREATE INDEX index_payments_on_legacy_batch_ref ON public.payments USING btree (legacy_batch_ref);", "")},
					}},
				{SHA: "d3755f7", Parents: []string{"6c524a4"}, Author: "keisha", Date: hrs(-12), Message: "deps: bump rails to 7.1.4",
					Files: []File{{Path: "services/benefit-payments/Gemfile.lock", Patch: patch("    rails (7.1.3.4)", "    rails (7.1.4)")}}},
			},
			deploys: []Deploy{
				{SHA: "c1c85c1", At: hrs(-11), Environment: "production", Service: "benefit-payments"},
				{SHA: "26fc4ec", At: hrs(-8.7), Environment: "production", Service: "benefit-payments"},
				{SHA: "a515de1", At: hrs(-3.7), Environment: "production", Service: "benefit-payments"},
				{SHA: "fd85e6f", At: hrs(1.6), Environment: "production", Service: "claimant-notify"},
			},
			ev: caseEvidence{onsetAfter: 1*time.Hour + 6*time.Minute, firstFailing: "benefit-payments", callPath: []string{"release-scheduler", "benefit-payments", "postgres-benefits"},
				affected:  []string{"benefit-payments", "claimant-notify", "ach-file-gateway"},
				signature: "PG::QueryCanceled: canceling statement due to statement timeout on UPDATE payments SET status = 'released' WHERE certification_id IN (...) (server), after 30000 ms",
				logs: []string{
					"WARN auto_explain: Seq Scan on payments (cost=0.00..4118902.10 rows=91204330) Filter: certification_id = ANY ($1), release_chunk",
					"INFO pghero listed index_payments_on_certification_id as unused: idx_scan = 0 since the stats reset on Monday 03:00; the weekly release batch (Fridays 01:00) is the only query filtering on certification_id",
					"INFO claim and certification traffic after the 13:00 migration stayed at p95 40 ms; nothing read payments by certification_id until 01:00",
					"ERROR: los pagos semanales no se liberaron; 212.340 solicitantes sin depósito",
					"WARN claimant-notify: no payment_released events received since deploy",
				},
				surges: []MetricShift{
					{Service: "postgres-benefits", Name: "seq_tup_read_per_second", Direction: "up", Ratio: 400, At: hrs(1.1)},
					{Service: "benefit-payments", Name: "statement_timeouts_total", Direction: "up", Ratio: 50, At: hrs(1.1)},
				}},
			want: "c1c85c1",
		},

		// --- no commit to blame ---
		{
			name: "emergency call centres: a customer route leak accepted by the PSAP's ISP sends ESInet traffic through Frankfurt with 35% loss, and LoST location lookups time out; a handler rename deployed minutes before, a CAD console deploy, a day-old cut of the LoST timeout to 2 s and a grpc bump are innocent", heldOut: true,
			service: "caller-location",
			sig:     Signal{Title: "911 calls arriving without caller location", Text: "CAD shows 'location pending' on most wireless 911 calls at the county PSAP since about 10:00; call-takers are asking callers for their address"},
			alert:   10.4,
			commits: []Commit{
				{SHA: "ecea0a6", Parents: []string{"d483047"}, Author: "latoya", Date: hrs(9.6), Message: "location: rename LocateCaller to ResolveCallerLocation",
					Files: []File{{Path: "services/caller-location/internal/lost/handler.go", Patch: patch("func (h *Handler) LocateCaller(ctx context.Context, call Call) (Location, error) {", "func (h *Handler) ResolveCallerLocation(ctx context.Context, call Call) (Location, error) {")}}},
				{SHA: "d483047", Parents: []string{"3ef9238"}, Author: "gus", Date: hrs(8), Message: "cad-console: show ESN on the incident card",
					Files: []File{{Path: "services/cad-console/src/IncidentCard.tsx", Patch: patch("      <Field label=\"Sector\" value={call.sector} />", "      <Field label=\"Sector\" value={call.sector} />\n      <Field label=\"ESN\" value={call.esn} />")}}},
				{SHA: "3ef9238", Parents: []string{"02d2b54"}, Author: "latoya", Date: hrs(-22), Message: "lost: 2 s findService timeout so call-takers fall back to ALI sooner",
					Files: []File{{Path: "services/caller-location/internal/lost/client.go", Patch: patch("\tfindServiceTimeout = 5 * time.Second", "\tfindServiceTimeout = 2 * time.Second")}}},
				{SHA: "02d2b54", Parents: []string{"1255ed8"}, Author: "gus", Date: hrs(-23), Message: "deps: bump google.golang.org/grpc to v1.64.1",
					Files: []File{{Path: "services/caller-location/go.mod", Patch: patch("\tgoogle.golang.org/grpc v1.63.2", "\tgoogle.golang.org/grpc v1.64.1")}}},
			},
			deploys: []Deploy{
				{SHA: "3ef9238", At: hrs(-21.5), Environment: "production", Service: "caller-location"},
				{SHA: "ecea0a6", At: hrs(9.8), Environment: "production", Service: "caller-location"},
				{SHA: "d483047", At: hrs(9.9), Environment: "production", Service: "cad-console"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 3*time.Minute, firstFailing: "esinet-lost", callPath: []string{"cad-console", "caller-location", "esinet-lost"},
				affected:  []string{"caller-location", "cad-console"},
				signature: "context deadline exceeded after 2000 ms on LoST findService to lost.esinet.example:443 (client)",
				logs: []string{
					"WARN caller-location: findService timeout for call 20310314-0832, falling back to ALI sector location",
					"INFO ISP NOC ticket 88213: route leak from a customer AS accepted at 10:02 UTC; 198.51.100.0/22 (ESInet) reached via a transit in Frankfurt, RTT 240 ms, 35% loss; prefix filter applied 11:10",
					"INFO LoST p99 was 140 ms on the 2 s timeout from Thursday 02:30 until 10:02; failing lookups show TCP SYN retransmits and no response at all",
					"INFO the backup PSAP on the second carrier runs the same caller-location build and resolves in 90 ms",
					"Llamadas al 911 entrando sin ubicación precisa desde las 10:03, usamos el sector de la antena",
				},
				surges: []MetricShift{{Service: "caller-location", Name: "tcp_retransmits_total", Direction: "up", Ratio: 45, At: hrs(10.05)}}},
			want: "",
		},
		{
			name: "wastewater treatment plants: a Kafka broker's NVMe disk fails, XFS shuts down, three partitions drop to one in-sync replica and acks=all producers get NOT_ENOUGH_REPLICAS; a cut of the producer's delivery.timeout.ms, a rename of the publish function, a confluent-kafka bump and a Terraform lifecycle rule applied after onset are innocent", heldOut: true,
			service: "scada-ingest",
			sig:     Signal{Title: "SCADA historian gap: influent flow and DO readings missing", Text: "Operators at plant East see flatlines for aeration dissolved oxygen and influent flow since 16:12; the monthly discharge permit report needs these readings"},
			alert:   16.9,
			commits: []Commit{
				{SHA: "c2bf4db", Parents: []string{"0d4203c"}, Author: "petra", Date: hrs(17.5), Message: "terraform: 400-day lifecycle on the historian archive bucket",
					Files: []File{{Path: "infra/historian/s3.tf", Patch: patch("", "  lifecycle_rule {\n    id      = \"archive-expiry\"\n    enabled = true\n    expiration {\n      days = 400\n    }\n  }")}}},
				{SHA: "0d4203c", Parents: []string{"e8853a6"}, Author: "joost", Date: hrs(14.5), Message: "producer: drop stale sensor frames after 30 s instead of 2 min",
					Files: []File{{Path: "services/scada-ingest/scada_ingest/producer.py", Patch: patch("    \"delivery.timeout.ms\": 120000,", "    \"delivery.timeout.ms\": 30000,")}}},
				{SHA: "e8853a6", Parents: []string{"b837a5a"}, Author: "petra", Date: hrs(11), Message: "ingest: rename publish_frame to emit_frame",
					Files: []File{{Path: "services/scada-ingest/scada_ingest/producer.py", Patch: patch("    def publish_frame(self, frame: Frame) -> None:", "    def emit_frame(self, frame: Frame) -> None:")}}},
				{SHA: "b837a5a", Parents: []string{"bee7548"}, Author: "joost", Date: hrs(9), Message: "deps: bump confluent-kafka to 2.4.0",
					Files: []File{{Path: "services/scada-ingest/requirements.txt", Patch: patch("confluent-kafka==2.3.0", "confluent-kafka==2.4.0")}}},
			},
			deploys: []Deploy{
				{SHA: "e8853a6", At: hrs(11.3), Environment: "production", Service: "scada-ingest"},
				{SHA: "0d4203c", At: hrs(14.8), Environment: "production", Service: "scada-ingest"},
				{SHA: "c2bf4db", At: hrs(17.6), Environment: "production", Service: "historian-infra"},
			},
			ev: caseEvidence{onsetAfter: 16*time.Hour + 12*time.Minute, firstFailing: "kafka", callPath: []string{"plc-gateway", "scada-ingest", "kafka", "historian"},
				affected:  []string{"scada-ingest", "lims-uploader", "historian"},
				signature: "KafkaError NOT_ENOUGH_REPLICAS on produce to scada.telemetry partitions 2, 5, 9 (client), after 12 ms",
				logs: []string{
					"ERROR kafka-2 kernel: XFS (nvme1n1): metadata I/O error in xfs_buf_ioend, block 0x1c8a40; Filesystem has been shut down due to log error (0x2)",
					"WARN kafka-2: Stopping serving logs in dir /var/lib/kafka/data (KafkaStorageException); partitions 2, 5, 9 ISR shrank to [1], min.insync.replicas=2",
					"INFO lims-uploader (Java, not redeployed since February) fails on the same three partitions with NotEnoughReplicasException",
					"INFO scada-ingest produce latency p99 9 ms from 14:48 until 16:12 with delivery.timeout.ms=30000; the errors are broker responses, not local expiries",
					"STORING zuivering Oost: debiet en zuurstofmetingen niet in historian sinds 16:12",
				},
				surges: []MetricShift{
					{Service: "kafka", Name: "under_replicated_partitions", Direction: "up", Ratio: 0, At: hrs(16.2)},
					{Service: "scada-ingest", Name: "produce_errors_total", Direction: "up", Ratio: 300, At: hrs(16.2)},
				}},
			want: "",
		},
		{
			name: "non-emergency patient transport: the hospital group's analytics team launches an EMR cluster in the shared VPC subnet and takes its free addresses, so new trip-dispatch pods cannot get an IP during the morning ramp; a doubled HPA maxReplicas hours before, an AWS SDK bump, a scaling runbook and a rename deployed after onset are innocent", heldOut: true,
			service: "trip-dispatch",
			sig:     Signal{Title: "Patient transport trips not dispatched", Text: "Morning dialysis and outpatient pickups stay 'unassigned'; trip-dispatch answers slowly or with 503; about 40 patients waiting on wards and at home"},
			alert:   7.5,
			commits: []Commit{
				{SHA: "7be1117", Parents: []string{"803f56d"}, Author: "aylin", Date: hrs(7.4), Message: "dispatch: rename assignVehicle to allocateVehicle",
					Files: []File{{Path: "services/trip-dispatch/src/main/java/org/ptsride/dispatch/VehicleAllocator.java", Patch: patch("    public Assignment assignVehicle(TripRequest trip) {", "    public Assignment allocateVehicle(TripRequest trip) {")}}},
				{SHA: "803f56d", Parents: []string{"a7f91e1"}, Author: "connor", Date: hrs(4), Message: "helm: trip-dispatch HPA maxReplicas 12 -> 24 for the Monday peak",
					Files: []File{{Path: "deploy/helm/trip-dispatch/values.yaml", Patch: patch("  maxReplicas: 12", "  maxReplicas: 24")}}},
				{SHA: "a7f91e1", Parents: []string{"9ff3c88"}, Author: "aylin", Date: hrs(2), Message: "deps: bump AWS SDK for Java to 2.25.60",
					Files: []File{{Path: "services/trip-dispatch/pom.xml", Patch: patch("    <aws.sdk.version>2.25.40</aws.sdk.version>", "    <aws.sdk.version>2.25.60</aws.sdk.version>")}}},
				{SHA: "9ff3c88", Parents: []string{"cda4fb1"}, Author: "connor", Date: hrs(-20), Message: "docs: runbook for scaling trip-dispatch",
					Files: []File{{Path: "docs/runbooks/trip-dispatch-scaling.md", Patch: patch("", "If pods stay Pending or ContainerCreating, check node capacity and free IPs in the private subnets.")}}},
			},
			deploys: []Deploy{
				{SHA: "a7f91e1", At: hrs(2.3), Environment: "production", Service: "trip-dispatch"},
				{SHA: "803f56d", At: hrs(4.2), Environment: "production", Service: "trip-dispatch"},
				{SHA: "7be1117", At: hrs(7.6), Environment: "production", Service: "trip-dispatch"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 5*time.Minute, firstFailing: "trip-dispatch", callPath: []string{"booking-portal", "trip-dispatch", "fleet-telematics"},
				affected:  []string{"trip-dispatch", "booking-portal"},
				signature: "failed to assign an IP address to container: InsufficientFreeAddressesInSubnet subnet-0b7e3c (10.40.12.0/24) for pod trip-dispatch-6c9d4 (scheduler)",
				logs: []string{
					"WARN aws-node ipamd: unable to attach ENI: InsufficientFreeAddressesInSubnet: subnet-0b7e3c has 0 free addresses",
					"INFO VPC IPAM: 198 of 251 addresses in subnet-0b7e3c held by ENIs of EMR cluster j-3KQ7 (hospital analytics account, shared VPC), launched 06:50",
					"INFO HPA trip-dispatch wanted 9 replicas at 07:05, under the old maxReplicas of 12; 6 running, 3 ContainerCreating; replicas stayed at 4 from the 04:12 release until the ramp",
					"WARNUNG Leitstelle Krankentransport: Dialysefahrten werden nicht disponiert, 38 Fahrten offen",
					"WARN booking-portal: trip-dispatch p95 12.4 s, 503 on POST /v1/trips/assign",
				},
				surges: []MetricShift{{Service: "trip-dispatch", Name: "http_503_responses_total", Direction: "up", Ratio: 25, At: hrs(7.1)}}},
			want: "",
		},
		{
			name: "voter registration offices: the vehicle licensing agency's nightly motor-voter extract is late after a mainframe abend, so the 06:00 import finds no file and yesterday's licence-counter registrations are missing on deadline day; moving the import from 06:30 to 06:00, a reader rename, a spring-batch bump and a loud voter-lookup deploy are innocent", heldOut: true,
			service: "motor-voter-import",
			sig:     Signal{Title: "Voters registered at licence counters missing from the roll", Text: "County clerks report that people who registered while renewing licences yesterday show 'not registered' in the voter lookup; today is the registration deadline"},
			alert:   9.2,
			commits: []Commit{
				{SHA: "7de7c0c", Parents: []string{"33d3c0e"}, Author: "yvette", Date: hrs(8.6), Message: "lookup: accessibility notes for polling places",
					Files: []File{{Path: "services/voter-lookup/src/main/java/gov/elections/lookup/PollingPlaceView.java", Patch: patch("    private String address;", "    private String address;\n    private String accessibilityNotes;")}}},
				{SHA: "33d3c0e", Parents: []string{"a66f6de"}, Author: "marcel", Date: hrs(3), Message: "import: run the nightly motor-voter import at 06:00 instead of 06:30",
					Files: []File{{Path: "deploy/k8s/motor-voter-import/cronjob.yaml", Patch: patch("  schedule: \"30 6 * * *\"", "  schedule: \"0 6 * * *\"")}}},
				{SHA: "a66f6de", Parents: []string{"e09497b"}, Author: "yvette", Date: hrs(-30), Message: "import: rename DmvRecordReader to MotorVoterFileReader",
					Files: []File{{Path: "services/motor-voter-import/src/main/java/gov/elections/motorvoter/MotorVoterFileReader.java", Patch: patch("public class DmvRecordReader implements ItemReader<MotorVoterRecord> {", "public class MotorVoterFileReader implements ItemReader<MotorVoterRecord> {")}}},
				{SHA: "e09497b", Parents: []string{"f13240f"}, Author: "marcel", Date: hrs(-32), Message: "deps: bump spring-batch-core to 5.1.2",
					Files: []File{{Path: "services/motor-voter-import/build.gradle", Patch: patch("    implementation 'org.springframework.batch:spring-batch-core:5.1.1'", "    implementation 'org.springframework.batch:spring-batch-core:5.1.2'")}}},
			},
			deploys: []Deploy{
				{SHA: "a66f6de", At: hrs(-29.5), Environment: "production", Service: "motor-voter-import"},
				{SHA: "33d3c0e", At: hrs(3.2), Environment: "production", Service: "motor-voter-import"},
				{SHA: "7de7c0c", At: hrs(8.8), Environment: "production", Service: "voter-lookup"},
			},
			ev: caseEvidence{onsetAfter: 6 * time.Hour, firstFailing: "licensing-sftp", callPath: []string{"licensing-sftp", "motor-voter-import", "voter-roll-db", "voter-lookup"},
				affected:  []string{"motor-voter-import", "voter-lookup"},
				signature: "input file motor_voter_20310313.csv not found in /sftp/licensing/in; job completed with 0 records read (batch)",
				logs: []string{
					"WARN motor-voter-import: no motor_voter_20310313.csv in /sftp/licensing/in at 06:00; step readMotorVoter read 0, wrote 0",
					"INFO licensing agency operations notice: nightly voter extract delayed, job DMVX220 abended S0C7 at 02:40, rerun under way, expected around 09:45",
					"INFO the extract has landed between 03:40 and 04:25 every night for 14 months; Thursday's import with the renamed reader loaded 1,912 records",
					"AVERTISSEMENT greffe du comté : les inscriptions faites hier aux guichets des permis n'apparaissent pas dans la liste électorale",
					"WARN voter-lookup: 'not registered' answers up 6x for licence-counter applicants",
				},
				surges: []MetricShift{{Service: "voter-lookup", Name: "not_registered_responses_total", Direction: "up", Ratio: 6, At: hrs(8.5)}}},
			want: "",
		},
		{
			name: "vaccine cold-chain distributors: the CA revokes the ingest endpoint's certificate in a mass revocation after its own validation bug, and data loggers refuse the handshake; OCSP stapling added hours before, a rustls bump, a handler rename and a Helm no-data alert change deployed after onset are innocent", heldOut: true,
			service: "logger-ingest",
			sig:     Signal{Title: "Vaccine fridge and reefer temperature data not arriving", Text: "Cold-chain dashboard shows no readings from 1,140 data loggers since 07:00 UTC; excursions cannot be ruled out for 3 vaccine shipments on the road"},
			alert:   8,
			commits: []Commit{
				{SHA: "1ad974e", Parents: []string{"bf753e9"}, Author: "giulia", Date: hrs(7.6), Message: "helm: excursion-monitor pages after 15 min without data (was 60)",
					Files: []File{{Path: "deploy/helm/excursion-monitor/values.yaml", Patch: patch("  noDataAfterMinutes: 60", "  noDataAfterMinutes: 15")}}},
				{SHA: "bf753e9", Parents: []string{"f163d83"}, Author: "anders", Date: hrs(6.2), Message: "ingest: rename handle_reading to accept_reading",
					Files: []File{{Path: "services/logger-ingest/src/handlers.rs", Patch: patch("pub async fn handle_reading(State(app): State<App>, Json(r): Json<Reading>) -> StatusCode {", "pub async fn accept_reading(State(app): State<App>, Json(r): Json<Reading>) -> StatusCode {")}}},
				{SHA: "f163d83", Parents: []string{"1caf624"}, Author: "giulia", Date: hrs(5.8), Message: "deps: bump rustls to 0.23.12",
					Files: []File{{Path: "services/logger-ingest/Cargo.toml", Patch: patch("rustls = \"0.23.10\"", "rustls = \"0.23.12\"")}}},
				{SHA: "1caf624", Parents: []string{"f4c1327"}, Author: "anders", Date: hrs(3), Message: "tls: staple OCSP responses, refreshed hourly",
					Files: []File{{Path: "services/logger-ingest/src/tls.rs", Patch: patch(
						"    let key = CertifiedKey::new(certs, signing_key);",
						"    let mut key = CertifiedKey::new(certs, signing_key);\n    key.ocsp = Some(ocsp::fetch_response(&issuer, &leaf).await?);")}}},
			},
			deploys: []Deploy{
				{SHA: "1caf624", At: hrs(3.3), Environment: "production", Service: "logger-ingest"},
				{SHA: "bf753e9", At: hrs(6.5), Environment: "production", Service: "logger-ingest"},
				{SHA: "1ad974e", At: hrs(7.7), Environment: "production", Service: "excursion-monitor"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 1*time.Minute, firstFailing: "data-logger", callPath: []string{"data-logger", "logger-ingest", "excursion-monitor"},
				affected:  []string{"logger-ingest", "excursion-monitor"},
				signature: "TLS handshake failed: peer sent fatal alert CertificateRevoked on ingest.coldchain.example:443 (server), after 0 ms",
				logs: []string{
					"WARN logger-ingest: TLS error from 100.72.14.9: AlertReceived(CertificateRevoked)",
					"INFO CA incident bulletin: certificates validated via HTTP-01 between 20 Feb and 6 Mar were affected by a validation bug and are revoked as of 14 Mar 07:00 UTC; serial 03:9f:51:c2 (ingest.coldchain.example) is on the list",
					"INFO openssl ocsp against the CA responder: Cert Status: revoked, Revocation Time: Mar 14 07:00:00 2031 GMT; loggers on firmware 3.x ignore stapled responses, query the CA directly and fail the same way",
					"INFO handshakes succeeded with stapling from 03:20 and with the rustls 0.23.12 build from 06:31 until 07:00",
					"ALLARME magazzino Bologna: 38 frigoriferi vaccini senza dati di temperatura dalle 08:00",
					"VARNING kylbil 14: temperaturloggern får ingen anslutning till servern",
				},
				surges: []MetricShift{{Service: "logger-ingest", Name: "tls_handshake_failures_total", Direction: "up", Ratio: 1100, At: hrs(7.02)}}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentySeventhBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-seventh", culpritCasesTwentySeventhBatch())
}
