package triage

// culprit_cases26_test.go is a twenty-sixth held-out batch (10 cases),
// written by a helper that did not read the rules. Five faults come from a
// commit (a SQL pool cap that only bites at the morning intake, a byte cut
// that splits a UTF-8 character, a counter column shrunk to smallint, probe
// readings that switched to kelvin, one cache TTL for METARs and TAFs) and
// five from outside any repository (a partner's incomplete certificate
// chain, a KMS key disabled by a hygiene job, a hand-edited CUPS config that
// fills the inode table, a scraper surge, a payment processor lowering the
// account's rate limit). Every case carries three or four tempting decoys;
// three of the no-commit cases have a commit whose mechanism resembles the
// symptom.
//
// First run (after the twenty-fifth batch's fixes): 6/10, two innocent
// commits blamed (a Terraform key-rotation switch while a hygiene job had
// disabled the key; a retry wrapper while the payment processor had
// lowered the account's rate limit) and two abstentions (text cut at 140
// bytes instead of characters; a probe value read from an API version
// that reports kelvin). The classes: a key disabled, and a rate limit
// lowered, by someone outside the repository; cutting text by bytes,
// moving to another API version and unit-named fields as format changes,
// and kelvin, Celsius and Fahrenheit as a fault's units. After: 10/10,
// none blamed. It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: industrial linen laundries, wildfire detection camera networks, sheet music publishers, cord blood banks, helicopter tour operators, passport photo booths, geothermal power plants, tortilla factories, seed potato growers, neon sign workshops.

import (
	"testing"
	"time"
)

// culpritCasesTwentySixthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentySixthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "industrial linen laundries: Max Pool Size cut from 100 to 8 at the DBA's request, harmless overnight, and the 05:00 hospital intake waits 15 s for a pooled connection; a SqlClient bump, a validator refactor of the scan handler, the loud delivery-dispatch deploy and a later log line are innocent", heldOut: true,
			service: "soil-sort",
			sig: Signal{Title: "RFID tunnel scans backing up at Plant 2 sorting",
				Text: "Soiled-linen carts from the hospitals are queuing at the RFID tunnels since the 05:00 intake; handhelds show 'Scan not saved' and sorters are writing counts on paper"},
			alert: 5.6,
			commits: []Commit{
				{SHA: "a7f3c19", Parents: []string{"52be0d8"}, Author: "marlies", Date: hrs(6.4), Message: "scan: log cart id and tag count for each saved batch",
					Files: []File{{Path: "services/soil-sort/src/SoilSort.Api/Controllers/ScanController.cs", Patch: patch("",
						"        _log.LogInformation(\"saved batch cart={Cart} tags={Count}\", batch.CartId, batch.Tags.Count);")}}},
				{SHA: "52be0d8", Parents: []string{"e90d41a"}, Author: "kwame", Date: hrs(3.0), Message: "delivery-dispatch: split hospital pickups across two vans",
					Files: []File{{Path: "services/delivery-dispatch/src/Dispatch/PickupPlanner.cs", Patch: patch(
						"    private const int MaxStopsPerVan = 14;",
						"    private const int MaxStopsPerVan = 7;")}}},
				{SHA: "e90d41a", Parents: []string{"f18d2a6"}, Author: "kwame", Date: hrs(0.8), Message: "config: hold fewer SQL connections per pod (DBA request, sql-plant2 near 900 sessions)",
					Files: []File{{Path: "services/soil-sort/src/SoilSort.Api/appsettings.Production.json", Patch: patch(
						"    \"SoilSort\": \"Server=sql-plant2.lw.internal;Database=SoilSort;Max Pool Size=100;Connect Timeout=15;Encrypt=True\"",
						"    \"SoilSort\": \"Server=sql-plant2.lw.internal;Database=SoilSort;Max Pool Size=8;Connect Timeout=15;Encrypt=True\"")}}},
				{SHA: "f18d2a6", Parents: []string{"3c6b27f"}, Author: "marlies", Date: hrs(-4), Message: "scan: extract TagBatchValidator from ScanController.SaveBatch",
					Files: []File{{Path: "services/soil-sort/src/SoilSort.Api/Controllers/ScanController.cs", Patch: patch(
						"        if (batch.Tags.Count == 0 || batch.CartId is null) return BadRequest();",
						"        var problem = _validator.Validate(batch);\n        if (problem is not null) return BadRequest(problem);")}}},
				{SHA: "3c6b27f", Parents: []string{"9b04e6d"}, Author: "kwame", Date: hrs(-20), Message: "deps: bump Microsoft.Data.SqlClient to 5.2.1",
					Files: []File{{Path: "services/soil-sort/src/SoilSort.Api/SoilSort.Api.csproj", Patch: patch(
						"    <PackageReference Include=\"Microsoft.Data.SqlClient\" Version=\"5.1.5\" />",
						"    <PackageReference Include=\"Microsoft.Data.SqlClient\" Version=\"5.2.1\" />")}}},
			},
			deploys: []Deploy{
				{SHA: "3c6b27f", At: hrs(-19), Environment: "production", Service: "soil-sort"},
				{SHA: "f18d2a6", At: hrs(-3.6), Environment: "production", Service: "soil-sort"},
				{SHA: "e90d41a", At: hrs(1.0), Environment: "production", Service: "soil-sort"},
				{SHA: "52be0d8", At: hrs(3.2), Environment: "production", Service: "delivery-dispatch"},
				{SHA: "a7f3c19", At: hrs(6.5), Environment: "production", Service: "soil-sort"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 5*time.Minute, firstFailing: "soil-sort", callPath: []string{"rfid-tunnel", "soil-sort", "sql-plant2"},
				affected:  []string{"soil-sort", "delivery-dispatch"},
				signature: "InvalidOperationException: Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool on POST /api/scans/batch (server), after 15,000 ms",
				logs: []string{
					"ERROR soil-sort: System.InvalidOperationException: Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool. This may have occurred because all pooled connections were in use and max pool size was reached.",
					"INFO from 00:00 to 05:00 no pod had more than 6 scan batches in flight; from 05:02 four RFID tunnels and three hospital trucks unloading together put 55 to 70 batches in flight per pod",
					"INFO sql-plant2: CPU 21%, no blocking chains, each soil-sort pod holds exactly 8 sessions, every one busy 40 to 120 ms per batch",
					"WARN Halle 2 Sortierung: Wagen HK-3381 (Klinikum Nord) nicht gespeichert, Zählung auf Papier",
					"WARN delivery-dispatch: 212 pickups re-planned after the van split",
				},
				surges: []MetricShift{
					{Service: "soil-sort", Name: "http_5xx_responses_total", Direction: "up", Ratio: 45, At: hrs(5.08)},
					{Service: "delivery-dispatch", Name: "log_warnings_total", Direction: "up", Ratio: 12, At: hrs(3.2)},
				}},
			want: "e90d41a",
		},
		{
			name: "wildfire detection camera networks: the alert text is cut at 140 bytes with binary_part instead of String.slice, splitting an ñ, so Jason refuses the body for three towers; the first detection from one of them comes seven hours after the deploy; a dedupe rule deployed an hour before onset, a handler rename, a jason bump and a naming doc are innocent", heldOut: true,
			service: "smoke-alerts",
			sig: Signal{Title: "Smoke detections missing on the dispatch console",
				Text: "El CECOP no recibe alertas automáticas de algunas torres desde la tarde; el vigilante vio humo en Cerro Peñón por cámara y no había ningún aviso en la consola"},
			alert: 15.6,
			commits: []Commit{
				{SHA: "d41e8b5", Parents: []string{"c3f8a17"}, Author: "nuria", Date: hrs(14.0), Message: "alerts: drop duplicate smoke alerts from one tower within 10 minutes",
					Files: []File{{Path: "services/smoke-alerts/lib/smoke_alerts/dedupe.ex", Patch: patch(
						"  def duplicate?(_alert), do: false",
						"  def duplicate?(%{tower_id: t, at: at}), do: Cache.seen_within?({:smoke, t}, at, :timer.minutes(10))")}}},
				{SHA: "c3f8a17", Parents: []string{"b7e29d4"}, Author: "aitor", Date: hrs(12.5), Message: "notify: rename push_to_dispatch/1 to deliver/1",
					Files: []File{{Path: "services/smoke-alerts/lib/smoke_alerts/notify/dispatch.ex", Patch: patch(
						"  def push_to_dispatch(%Alert{} = alert) do",
						"  def deliver(%Alert{} = alert) do")}}},
				{SHA: "b7e29d4", Parents: []string{"5a0d9c2"}, Author: "nuria", Date: hrs(8.2), Message: "notify: cap alert text at 140 bytes, the satellite pager gateway counts bytes not characters",
					Files: []File{{Path: "services/smoke-alerts/lib/smoke_alerts/notify/body.ex", Patch: patch(
						"    text |> String.slice(0, 140)",
						"    binary_part(text, 0, min(byte_size(text), 140))")}}},
				{SHA: "5a0d9c2", Parents: []string{"8a0c6f2"}, Author: "aitor", Date: hrs(-5), Message: "docs: tower display names keep accents and ñ",
					Files: []File{{Path: "docs/towers/naming.md", Patch: patch("", "Display names keep their Spanish spelling: Cerro Peñón, Montaña de Señora, Peñarroya Alta.")}}},
				{SHA: "8a0c6f2", Parents: []string{"06e3b1f"}, Author: "nuria", Date: hrs(-30), Message: "deps: bump jason to 1.4.4",
					Files: []File{{Path: "services/smoke-alerts/mix.exs", Patch: patch(
						"      {:jason, \"~> 1.4.1\"},",
						"      {:jason, \"~> 1.4.4\"},")}}},
			},
			deploys: []Deploy{
				{SHA: "8a0c6f2", At: hrs(-29), Environment: "production", Service: "smoke-alerts"},
				{SHA: "b7e29d4", At: hrs(8.5), Environment: "production", Service: "smoke-alerts"},
				{SHA: "c3f8a17", At: hrs(12.7), Environment: "production", Service: "smoke-alerts"},
				{SHA: "d41e8b5", At: hrs(14.2), Environment: "production", Service: "smoke-alerts"},
			},
			ev: caseEvidence{onsetAfter: 15*time.Hour + 12*time.Minute, firstFailing: "smoke-alerts", callPath: []string{"tower-camera", "smoke-detector", "smoke-alerts", "dispatch-gateway"},
				signature: "Jason.EncodeError: invalid byte 0xC3 encoding the incident body for POST dispatch-gateway /v1/incidents (client), after 0 ms",
				logs: []string{
					"ERROR [smoke_alerts] ** (Jason.EncodeError) invalid byte 0xC3 in <<72, 85, 77, 79, 32, 56, 55, 37, ..., 67, 101, 114, 114, 111, 32, 80, 101, 195>>",
					"INFO 3 of 41 towers affected (Cerro Peñón, Peñarroya Alta, Montaña de Señora); in every failing text byte 140 is the first byte of a two-byte ñ",
					"INFO detections from the other 38 towers were delivered after 08:30, Peñalara among them (its text is 121 bytes)",
					"INFO no detection came from an affected tower between 08:30 and 15:12",
					"WARN CECOP Madrid: columna de humo en Cerro Peñón confirmada por el vigilante a las 15:31, sin alerta automática",
					"INFO dedupe dropped 2 alerts since 14:12, both repeats of a Peñalara detection already delivered",
				},
				surges: []MetricShift{{Service: "smoke-alerts", Name: "dispatch_push_errors_total", Direction: "up", Ratio: 20, At: hrs(15.2)}}},
			want: "b7e29d4",
		},
		{
			name: "sheet music publishers: a migration shrinks the licence counters to smallint, fine for every stored row, and the first festival order above 32,767 copies fails eleven hours later; a friendlier checkout error deployed just before, a handler split, the loud LilyPond upgrade and a pg bump are innocent", heldOut: true,
			service: "print-licensing",
			sig: Signal{Title: "Print licence orders failing at checkout",
				Text: "Some print-licence orders fail at checkout with 'Could not issue licence' since early afternoon; a festival committee has tried four times and is threatening to cancel"},
			alert: 14.1,
			commits: []Commit{
				{SHA: "b05d7c3", Parents: []string{"e7c1a09"}, Author: "giulia", Date: hrs(12.8), Message: "checkout: show 'Could not issue licence' instead of a raw error",
					Files: []File{{Path: "services/storefront/src/checkout/licence-step.tsx", Patch: patch(
						"      setError(String(err));",
						"      setError(t('checkout.licenceFailed')); // \"Could not issue licence\"")}}},
				{SHA: "e7c1a09", Parents: []string{"91fa4e0"}, Author: "ben", Date: hrs(10.6), Message: "engraving-render: move to LilyPond 2.24",
					Files: []File{{Path: "services/engraving-render/Dockerfile", Patch: patch(
						"FROM registry.internal/lilypond:2.22-slim",
						"FROM registry.internal/lilypond:2.24-slim")}}},
				{SHA: "91fa4e0", Parents: []string{"6e2a9f4"}, Author: "giulia", Date: hrs(9.0), Message: "licences: split IssueLicenceHandler into validate and persist",
					Files: []File{{Path: "services/print-licensing/src/licences/issue-licence.handler.ts", Patch: patch(
						"    await this.repo.insert({ ...cmd, issuedAt: new Date() });",
						"    const row = this.validate(cmd);\n    await this.persist(row);")}}},
				{SHA: "6e2a9f4", Parents: []string{"2d8e6b1"}, Author: "ben", Date: hrs(2.0), Message: "db: shrink print_licences counters to smallint (table is 1.8 GB)",
					Files: []File{{Path: "services/print-licensing/db/migrations/V2031_03_14_0200__shrink_licence_counters.sql", Patch: patch("",
						"ALTER TABLE print_licences\n  ALTER COLUMN copies TYPE smallint,\n  ALTER COLUMN performances TYPE smallint;")}}},
				{SHA: "2d8e6b1", Parents: []string{"4c7f0a3"}, Author: "giulia", Date: hrs(-40), Message: "deps: bump pg to 8.11.5",
					Files: []File{{Path: "services/print-licensing/package.json", Patch: patch(
						"    \"pg\": \"8.11.3\",",
						"    \"pg\": \"8.11.5\",")}}},
			},
			deploys: []Deploy{
				{SHA: "2d8e6b1", At: hrs(-39), Environment: "production", Service: "print-licensing"},
				{SHA: "6e2a9f4", At: hrs(2.3), Environment: "production", Service: "print-licensing"},
				{SHA: "91fa4e0", At: hrs(9.3), Environment: "production", Service: "print-licensing"},
				{SHA: "e7c1a09", At: hrs(11.0), Environment: "production", Service: "engraving-render"},
				{SHA: "b05d7c3", At: hrs(13.0), Environment: "production", Service: "storefront"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 24*time.Minute, firstFailing: "print-licensing", callPath: []string{"storefront", "print-licensing", "postgres"},
				signature: "500 on POST /v1/licences: error: smallint out of range (server), after 7 ms",
				logs: []string{
					"ERROR print-licensing: QueryFailedError: smallint out of range (INSERT INTO print_licences, order FO-77120, copies=40000)",
					"INFO all 6 failing orders ask for more than 32,767 copies (Gloria massed-choir festival 40,000; Sängerbund Nordrhein 36,500); 1,214 smaller orders were issued today",
					"INFO the largest licence issued between 02:18 and 13:24 was 4,800 copies",
					"WARN engraving-render: font fallback for Emmentaler-20 on 312 scores",
				},
				surges: []MetricShift{{Service: "print-licensing", Name: "licence_issue_failures_total", Direction: "up", Ratio: 6, At: hrs(13.4)}}},
			want: "6e2a9f4",
		},
		{
			name: "cord blood banks: the probe client moves to the gateway's v2 API whose temperature is in kelvin, so 77 K dewars read above the -150 °C alarm threshold and all 48 alarm; a low-level threshold change in the same deploy, the loud fill-scheduler, a later pager text change and a ktor bump are innocent", heldOut: true,
			service: "vault-monitor",
			sig: Signal{Title: "[FIRING:48] DewarTemperatureHigh (vault B)",
				Text: "Toutes les cuves d'azote du coffre B sont en alarme « température haute » depuis 10h05 ; l'astreinte a reçu 48 pages et la vérification manuelle montre des cuves à -196 °C"},
			alert: 10.2,
			commits: []Commit{
				{SHA: "e2b96d7", Parents: []string{"1a9e5f8"}, Author: "camille", Date: hrs(10.5), Message: "pager: put the dewar serial number in the page text",
					Files: []File{{Path: "services/vault-monitor/src/main/kotlin/bank/vault/Pager.kt", Patch: patch(
						"        \"TEMP_HIGH ${d.id}: ${r.tempC}\"",
						"        \"TEMP_HIGH ${d.id} (SN ${d.serial}): ${r.tempC}\"")}}},
				{SHA: "1a9e5f8", Parents: []string{"c8d15e3"}, Author: "yusuf", Date: hrs(9.7), Message: "fill-scheduler: request an LN2 top-up when a dewar alarms",
					Files: []File{{Path: "services/fill-scheduler/src/main/kotlin/bank/fill/Planner.kt", Patch: patch("",
						"    alarms.onTempHigh { d -> requestTopUp(d.id, urgent = true) }")}}},
				{SHA: "c8d15e3", Parents: []string{"4f7a0b2"}, Author: "camille", Date: hrs(9.5), Message: "probes: read dewar probes through the gateway's v2 API (v1 sunsets in June)",
					Files: []File{{Path: "services/vault-monitor/src/main/kotlin/bank/vault/ProbeClient.kt", Patch: patch(
						"        val r = http.get(\"$gw/v1/probes/$id\").body<ProbeV1>()\n        return Reading(id, tempC = r.tempC, levelCm = r.levelCm)",
						"        val r = http.get(\"$gw/v2/probes/$id\").body<ProbeV2>()\n        return Reading(id, tempC = r.temperature, levelCm = r.levelCm)")}}},
				{SHA: "4f7a0b2", Parents: []string{"7d03c4a"}, Author: "yusuf", Date: hrs(8.0), Message: "alarms: warn earlier on low LN2 level",
					Files: []File{{Path: "services/vault-monitor/src/main/kotlin/bank/vault/AlarmRules.kt", Patch: patch(
						"    val levelLowCm = 12.0",
						"    val levelLowCm = 15.0")}}},
				{SHA: "7d03c4a", Parents: []string{"0b5e9d2"}, Author: "camille", Date: hrs(-26), Message: "deps: bump ktor-client-cio to 2.3.12",
					Files: []File{{Path: "services/vault-monitor/build.gradle.kts", Patch: patch(
						"    implementation(\"io.ktor:ktor-client-cio:2.3.11\")",
						"    implementation(\"io.ktor:ktor-client-cio:2.3.12\")")}}},
			},
			deploys: []Deploy{
				{SHA: "7d03c4a", At: hrs(-25), Environment: "production", Service: "vault-monitor"},
				{SHA: "1a9e5f8", At: hrs(9.9), Environment: "production", Service: "fill-scheduler"},
				{SHA: "c8d15e3", At: hrs(10.0), Environment: "production", Service: "vault-monitor"},
				{SHA: "e2b96d7", At: hrs(10.7), Environment: "production", Service: "vault-monitor"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 5*time.Minute, firstFailing: "vault-monitor", callPath: []string{"probe-gateway", "vault-monitor", "pager"},
				affected:  []string{"vault-monitor", "fill-scheduler"},
				signature: "TEMP_HIGH on 48 of 48 vault-B dewars: probe reading 77.2 against threshold -150.0 (server)",
				logs: []string{
					"WARN vault-monitor: dewar CB-B-017 temperature 77.21 above -150.0, raising TEMP_HIGH",
					"INFO probe-gateway API reference: v2 `temperature` is reported in kelvin; v1 `temp_c` was in degrees Celsius",
					"INFO contrôle manuel 10h20 : cuve CB-B-017 à -195,9 °C, niveau d'azote 31 cm, couvercle fermé",
					"WARN fill-scheduler: 48 urgent LN2 top-ups requested within 4 minutes",
					"INFO no LEVEL_LOW alarm raised; all levels between 28 and 34 cm",
				},
				surges: []MetricShift{
					{Service: "vault-monitor", Name: "alarms_raised_total", Direction: "up", Ratio: 48, At: hrs(10.08)},
					{Service: "fill-scheduler", Name: "topup_requests_total", Direction: "up", Ratio: 48, At: hrs(10.1)},
				}},
			want: "c8d15e3",
		},
		{
			name: "helicopter tour operators: one six-hour cache TTL for METARs and TAFs keeps the clear morning METAR, and when the ceiling drops at 13Z dispatch still releases tours five hours after the deploy; a handler rename, a passenger mass change in the same service, METAR test fixtures and an sttp bump are innocent", heldOut: true,
			service: "flight-dispatch",
			sig: Signal{Title: "Despacho liberou voos com meteorologia desatualizada",
				Text: "Dois voos panorâmicos foram liberados pelo painel de despacho com teto de 3.000 pés enquanto o METAR das 13Z dava 700 pés; os pilotos abortaram a decolagem"},
			alert: 13.5,
			commits: []Commit{
				{SHA: "0c4e7a1", Parents: []string{"a4e81c0"}, Author: "thiago", Date: hrs(12.4), Message: "dispatch: rename releaseFlight to approveDeparture",
					Files: []File{{Path: "services/flight-dispatch/src/main/scala/tours/dispatch/DispatchRoutes.scala", Patch: patch(
						"      path(\"flights\" / Segment / \"release\") { id => post { releaseFlight(id) } }",
						"      path(\"flights\" / Segment / \"release\") { id => post { approveDeparture(id) } }")}}},
				{SHA: "a4e81c0", Parents: []string{"5b9d3e7"}, Author: "larissa", Date: hrs(10.0), Message: "weight-balance: standard passenger mass 84 kg (ANAC update)",
					Files: []File{{Path: "services/flight-dispatch/src/main/scala/tours/dispatch/WeightBalance.scala", Patch: patch(
						"  val StandardPaxKg = 77.0",
						"  val StandardPaxKg = 84.0")}}},
				{SHA: "5b9d3e7", Parents: []string{"6d2f0a9"}, Author: "thiago", Date: hrs(7.5), Message: "weather: one cache TTL for METARs and TAFs",
					Files: []File{{Path: "services/flight-dispatch/src/main/scala/tours/dispatch/weather/WeatherCache.scala", Patch: patch(
						"  private val MetarTtl = 5.minutes\n  private val TafTtl   = 6.hours\n  private val metars = Scaffeine().expireAfterWrite(MetarTtl).build[String, Metar]()",
						"  private val CacheTtl = 6.hours // METAR and TAF\n  private val metars = Scaffeine().expireAfterWrite(CacheTtl).build[String, Metar]()")}}},
				{SHA: "6d2f0a9", Parents: []string{"9f2d6b8"}, Author: "larissa", Date: hrs(5.0), Message: "tests: METAR fixtures for BKN/OVC ceilings below 1,000 ft",
					Files: []File{{Path: "services/flight-dispatch/src/test/scala/tours/dispatch/weather/MetarParserSpec.scala", Patch: patch("",
						"    \"SBRJ 141300Z 16008KT 6000 BKN007 22/20 Q1012\" -> Ceiling(700),")}}},
				{SHA: "9f2d6b8", Parents: []string{"e1c7b04"}, Author: "thiago", Date: hrs(-22), Message: "deps: bump sttp client3 to 3.9.7",
					Files: []File{{Path: "services/flight-dispatch/build.sbt", Patch: patch(
						"  \"com.softwaremill.sttp.client3\" %% \"core\" % \"3.9.5\",",
						"  \"com.softwaremill.sttp.client3\" %% \"core\" % \"3.9.7\",")}}},
			},
			deploys: []Deploy{
				{SHA: "9f2d6b8", At: hrs(-21), Environment: "production", Service: "flight-dispatch"},
				{SHA: "5b9d3e7", At: hrs(7.8), Environment: "production", Service: "flight-dispatch"},
				{SHA: "a4e81c0", At: hrs(10.3), Environment: "production", Service: "flight-dispatch"},
				{SHA: "0c4e7a1", At: hrs(12.6), Environment: "production", Service: "flight-dispatch"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 6*time.Minute, firstFailing: "flight-dispatch", callPath: []string{"dispatch-panel", "flight-dispatch", "redemet-api"},
				signature: "release GO on POST /v1/flights/{id}/release using METAR SBRJ 140900Z (ceiling 3,000 ft) while METAR SBRJ 141300Z reports BKN007 (server)",
				logs: []string{
					"WARN flight-dispatch: METAR SBRJ served from cache, observation 09:00Z, age 4 h 06 min",
					"INFO REDEMET returned SBRJ 141300Z to a manual request at 13:02; flight-dispatch made no REDEMET request for SBRJ after 08:04",
					"INFO until 07:48 flight-dispatch requested each station's METAR about every 5 minutes",
					"WARN piloto do PR-HTR abortou a decolagem no heliponto da Lagoa: teto abaixo do mínimo (700 pés)",
					"INFO weight-balance: computed masses up 7 kg per passenger since 10:18; no release was refused or granted differently for mass",
				},
				surges: []MetricShift{{Service: "flight-dispatch", Name: "weather_upstream_requests_per_minute", Direction: "down", Ratio: 0.03, At: hrs(7.82)}}},
			want: "5b9d3e7",
		},

		// --- no commit to blame ---
		{
			name: "passport photo booths: the government photo partner renews its TLS certificate and stops sending the intermediate, so Java cannot build the path; a truststore clean-up two days earlier, a handler rename deployed minutes before, an httpclient5 bump and a later kiosk text change are innocent", heldOut: true,
			service: "fotocode-api",
			sig: Signal{Title: "Fotocodes worden niet aangemaakt",
				Text: "Since about 07:15 every photo booth shows 'Er ging iets mis' after the photo and prints no fotocode; ~300 booths nationwide, town hall desks are sending customers away"},
			alert: 7.6,
			commits: []Commit{
				{SHA: "3b90d7a", Parents: []string{"6a1e0b3"}, Author: "sanne", Date: hrs(8.3), Message: "kiosk-ui: clearer text when the fotocode cannot be created",
					Files: []File{{Path: "services/kiosk-ui/src/i18n/nl.json", Patch: patch(
						"  \"upload.failed\": \"Er ging iets mis\",",
						"  \"upload.failed\": \"Fotocode kon niet worden aangemaakt, probeer het later opnieuw\",")}}},
				{SHA: "6a1e0b3", Parents: []string{"e84f2c5"}, Author: "ruben", Date: hrs(6.8), Message: "upload: rename sendToPartner to submitBiometricPhoto",
					Files: []File{{Path: "services/fotocode-api/src/main/java/nl/pasfoto/upload/PartnerClient.java", Patch: patch(
						"    public FotocodeResponse sendToPartner(BiometricPhoto photo) {",
						"    public FotocodeResponse submitBiometricPhoto(BiometricPhoto photo) {")}}},
				{SHA: "e84f2c5", Parents: []string{"d2c7f91"}, Author: "sanne", Date: hrs(-20), Message: "deps: bump httpclient5 to 5.3.1",
					Files: []File{{Path: "services/fotocode-api/pom.xml", Patch: patch(
						"      <version>5.3</version>",
						"      <version>5.3.1</version>")}}},
				{SHA: "d2c7f91", Parents: []string{"7a5c3e8"}, Author: "ruben", Date: hrs(-50), Message: "truststore: drop expired DST Root CA X3 and GlobalSign Root R2",
					Files: []File{{Path: "deploy/helm/fotocode-api/values.yaml", Patch: patch(
						"  extraCACerts:\n    - dst-root-ca-x3.pem\n    - globalsign-root-r2.pem\n    - isrg-root-x1.pem",
						"  extraCACerts:\n    - isrg-root-x1.pem")}}},
			},
			deploys: []Deploy{
				{SHA: "d2c7f91", At: hrs(-49), Environment: "production", Service: "fotocode-api"},
				{SHA: "e84f2c5", At: hrs(-19), Environment: "production", Service: "fotocode-api"},
				{SHA: "6a1e0b3", At: hrs(7.0), Environment: "production", Service: "fotocode-api"},
				{SHA: "3b90d7a", At: hrs(8.5), Environment: "production", Service: "kiosk-ui"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 12*time.Minute, firstFailing: "fotocode-api", callPath: []string{"photo-booth", "fotocode-api", "fotopartner-intake"},
				signature: "SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target on POST intake.fotopartner.example /v2/fotos (client), after 41 ms",
				logs: []string{
					"ERROR fotocode-api: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
					"INFO openssl s_client -showcerts intake.fotopartner.example:443: the server now sends 1 certificate (leaf, notBefore 2031-03-14 07:10 UTC, issuer 'Sectigo Public Server Authentication CA DV R36'); until 07:10 it sent leaf + intermediate",
					"INFO browsers open the partner URL normally (they fetch the missing intermediate through AIA); the JVM does not",
					"INFO partner-statuspagina 07:45: 'Vanochtend is het TLS-certificaat van de koppelvlakserver vernieuwd'",
					"INFO neither DST Root CA X3 nor GlobalSign Root R2 appears in the old or the new chain; uploads succeeded from the truststore deploy 49 h ago until 07:12",
				},
				surges: []MetricShift{{Service: "fotocode-api", Name: "fotocodes_issued_per_minute", Direction: "down", Ratio: 0.01, At: hrs(7.2)}}},
			want: "",
		},
		{
			name: "geothermal power plants: a security hygiene job disables the KMS key the grid-operator exports are encrypted with, so PutObject fails from the noon run; a Terraform commit turning on rotation for that very key, a job rename, a boto3 bump and a later log line are innocent", heldOut: true,
			service: "historian-export",
			sig: Signal{Title: "historian-export: esportazione oraria verso Terna fallita",
				Text: "Da mezzogiorno le esportazioni orarie dei dati di centrale verso il gestore di rete falliscono; Terna segnala dati mancanti per le ore 12 e 13 della centrale Larderello 3"},
			alert: 13.1,
			commits: []Commit{
				{SHA: "b9e0c46", Parents: []string{"8c3d5e0"}, Author: "edoardo", Date: hrs(12.4), Message: "export: log S3 key and byte count for each upload",
					Files: []File{{Path: "services/historian-export/historian_export/upload.py", Patch: patch("",
						"    log.info(\"uploaded\", extra={\"key\": key, \"bytes\": len(body)})")}}},
				{SHA: "8c3d5e0", Parents: []string{"f6b2a84"}, Author: "chiara", Date: hrs(11.0), Message: "export: rename push_hourly to export_hour",
					Files: []File{{Path: "services/historian-export/historian_export/jobs.py", Patch: patch(
						"def push_hourly(plant: str, hour: datetime) -> None:",
						"def export_hour(plant: str, hour: datetime) -> None:")}}},
				{SHA: "f6b2a84", Parents: []string{"27a9f1c"}, Author: "edoardo", Date: hrs(9.0), Message: "terraform: turn on yearly rotation for the historian export key",
					Files: []File{{Path: "infra/terraform/historian/kms.tf", Patch: patch(
						"  enable_key_rotation     = false",
						"  enable_key_rotation     = true")}}},
				{SHA: "27a9f1c", Parents: []string{"1d8f6b3"}, Author: "chiara", Date: hrs(-8), Message: "deps: bump boto3 to 1.34.90",
					Files: []File{{Path: "services/historian-export/requirements.txt", Patch: patch("boto3==1.34.84", "boto3==1.34.90")}}},
			},
			deploys: []Deploy{
				{SHA: "27a9f1c", At: hrs(-7.5), Environment: "production", Service: "historian-export"},
				{SHA: "f6b2a84", At: hrs(9.3), Environment: "production", Service: "historian-infra"},
				{SHA: "8c3d5e0", At: hrs(11.2), Environment: "production", Service: "historian-export"},
				{SHA: "b9e0c46", At: hrs(12.6), Environment: "production", Service: "historian-export"},
			},
			ev: caseEvidence{onsetAfter: 12 * time.Hour, firstFailing: "historian-export", callPath: []string{"scada-historian", "historian-export", "s3"},
				signature: "KMS.DisabledException from S3 PutObject on s3://terna-exchange-larderello (client): arn:aws:kms:eu-south-1:210987654321:key/5e1c0d7a is disabled",
				logs: []string{
					"ERROR historian-export: upload larderello-3/2031-03-14T12.parquet failed: An error occurred (KMS.DisabledException) when calling the PutObject operation",
					"INFO CloudTrail 11:52:40 UTC: kms:DisableKey on key 5e1c0d7a by role sec-hygiene-automation, ticket SEC-4471 ('disable customer keys with no direct use in 90 days')",
					"INFO kms describe-key 5e1c0d7a: KeyState Disabled, KeyRotationEnabled true; rotation was switched on at 09:18 and the 10:00 and 11:00 exports uploaded",
					"WARN Terna: dati mancanti per le ore 12 e 13 della centrale Larderello 3, sollecito inviato",
					"INFO no terraform apply ran after 09:18",
				},
				surges: []MetricShift{{Service: "historian-export", Name: "export_failures_total", Direction: "up", Ratio: 4, At: hrs(12.0)}}},
			want: "",
		},
		{
			name: "tortilla factories: a CUPS config hand-edited during the printer vendor's visit keeps every job file and the line-3 print server runs out of inodes with most blocks free; a Terraform change keeping the S3 label archive longer, a handler rename, an x/sys bump and a labels doc are innocent", heldOut: true,
			service: "label-print",
			sig: Signal{Title: "Línea 3 detenida: no se imprimen etiquetas de lote",
				Text: "La línea de empaque 3 se detuvo a las 04:40; la cola de la impresora rechaza los trabajos y se acumulan paquetes de tortillas sin lote ni caducidad. Las líneas 1 y 2 imprimen por el otro servidor."},
			alert: 5.0,
			commits: []Commit{
				{SHA: "e03b8f7", Parents: []string{"5f0e82b"}, Author: "ximena", Date: hrs(3.5), Message: "docs: etiquetas de lote de la línea 3 (caducidad DD/MM/AAAA)",
					Files: []File{{Path: "docs/lineas/linea3-etiquetas.md", Patch: patch("", "La etiqueta de lote lleva la caducidad en formato DD/MM/AAAA.")}}},
				{SHA: "5f0e82b", Parents: []string{"c1d7a93"}, Author: "rodrigo", Date: hrs(2.0), Message: "label-print: rename PrintLot handler to SubmitLotLabel",
					Files: []File{{Path: "services/label-print/internal/printer/handler.go", Patch: patch(
						"func (h *Handler) PrintLot(w http.ResponseWriter, r *http.Request) {",
						"func (h *Handler) SubmitLotLabel(w http.ResponseWriter, r *http.Request) {")}}},
				{SHA: "c1d7a93", Parents: []string{"9a4c6d2"}, Author: "ximena", Date: hrs(-30), Message: "terraform: keep the rendered label archive 30 days for the COFEPRIS audit",
					Files: []File{{Path: "infra/terraform/labels/s3.tf", Patch: patch(
						"    expiration {\n      days = 7\n    }",
						"    expiration {\n      days = 30\n    }")}}},
				{SHA: "9a4c6d2", Parents: []string{"4b2e0f7"}, Author: "rodrigo", Date: hrs(-60), Message: "deps: bump golang.org/x/sys to v0.21.0",
					Files: []File{{Path: "services/label-print/go.mod", Patch: patch("\tgolang.org/x/sys v0.20.0", "\tgolang.org/x/sys v0.21.0")}}},
			},
			deploys: []Deploy{
				{SHA: "9a4c6d2", At: hrs(-59), Environment: "production", Service: "label-print"},
				{SHA: "c1d7a93", At: hrs(-29), Environment: "production", Service: "infra-labels"},
				{SHA: "5f0e82b", At: hrs(2.2), Environment: "production", Service: "label-print"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 38*time.Minute, firstFailing: "label-print", callPath: []string{"mes", "label-print", "cups-l3", "zebra-l3"},
				signature: "open /var/spool/cups/d48213-001: no space left on device on POST /v1/lots/labels (server), with 58% of /var blocks free",
				logs: []string{
					"ERROR cupsd[812]: Unable to create spool file /var/spool/cups/d48213-001 - No space left on device",
					"INFO print-l3: df -h /var 42% used; df -i /var IUsed 1310720 IFree 0 IUse% 100%",
					"INFO /var/spool/cups holds 1,309,006 c*/d* job files back to 11 Feb; /etc/cups/cupsd.conf has PreserveJobFiles Yes and MaxJobs 0, edited by hand on print-l3 during the printer vendor's visit on 11 Feb and kept in no repository",
					"WARN supervisor turno nocturno: línea 3 detenida a las 04:40, 1.900 paquetes sin etiqueta de lote",
					"INFO print-l12 runs the same label-print build (5f0e82b) and prints normally for lines 1 and 2",
					"INFO the S3 label archive is uploaded by the MES from its own servers; print-l3 writes nothing to S3",
				},
				surges: []MetricShift{{Service: "label-print", Name: "label_jobs_failed_total", Direction: "up", Ratio: 90, At: hrs(4.63)}}},
			want: "",
		},
		{
			name: "seed potato growers: a headless-Chrome scraper on residential proxies walks every catalogue page and fills the php-fpm pool; a fuzzy-search query change two days earlier, a controller rename deployed minutes before, a Symfony bump and the loud orders-service batching are innocent", heldOut: true,
			service: "catalogue-api",
			sig: Signal{Title: "Katalog sadzeniaków nie odpowiada",
				Text: "Rolnicy zgłaszają, że od ok. 14:00 katalog odmian ładuje się ponad 30 s albo kończy się błędem 504; trwa sezon zamówień wiosennych"},
			alert: 14.3,
			commits: []Commit{
				{SHA: "4e7b0c8", Parents: []string{"71d8b4f"}, Author: "bartosz", Date: hrs(13.5), Message: "catalogue: rename OdmianyController::lista to ::index",
					Files: []File{{Path: "services/catalogue-api/src/Controller/OdmianyController.php", Patch: patch(
						"    public function lista(Request $request): JsonResponse",
						"    public function index(Request $request): JsonResponse")}}},
				{SHA: "71d8b4f", Parents: []string{"c90e3a5"}, Author: "agnieszka", Date: hrs(12.0), Message: "orders-service: batch order confirmation emails every 5 minutes",
					Files: []File{{Path: "services/orders-service/src/Mail/ConfirmationBatcher.php", Patch: patch(
						"    private const BATCH_SECONDS = 0;",
						"    private const BATCH_SECONDS = 300;")}}},
				{SHA: "c90e3a5", Parents: []string{"a2f91d6"}, Author: "bartosz", Date: hrs(9.0), Message: "deps: bump symfony/http-kernel to 6.4.8",
					Files: []File{{Path: "services/catalogue-api/composer.lock", Patch: patch(
						"            \"version\": \"v6.4.7\",",
						"            \"version\": \"v6.4.8\",")}}},
				{SHA: "a2f91d6", Parents: []string{"8e5d2c1"}, Author: "agnieszka", Date: hrs(-44), Message: "search: fuzzy-match variety names (Irga, Vineta, Bellarosa typos)",
					Files: []File{{Path: "services/catalogue-api/src/Repository/OdmianaRepository.php", Patch: patch(
						"            ->where('o.nazwa ILIKE :q')",
						"            ->where('similarity(o.nazwa, :q) > 0.3')\n            ->orderBy('similarity(o.nazwa, :q)', 'DESC')")}}},
			},
			deploys: []Deploy{
				{SHA: "a2f91d6", At: hrs(-43), Environment: "production", Service: "catalogue-api"},
				{SHA: "c90e3a5", At: hrs(9.4), Environment: "production", Service: "catalogue-api"},
				{SHA: "71d8b4f", At: hrs(12.3), Environment: "production", Service: "orders-service"},
				{SHA: "4e7b0c8", At: hrs(13.7), Environment: "production", Service: "catalogue-api"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 55*time.Minute, firstFailing: "catalogue-api", callPath: []string{"cdn", "catalogue-api", "postgres"},
				affected:  []string{"catalogue-api", "orders-service"},
				signature: "504 Gateway Timeout on GET /api/odmiany (edge), php-fpm pool at pm.max_children 64; catalogue requests 38x baseline",
				logs: []string{
					"WARN php-fpm: [pool www] server reached pm.max_children setting (64), consider raising it",
					"INFO access log since 13:55: 1,140 req/s (baseline 30) from 2,870 IPs in residential-proxy ASNs, UA HeadlessChrome/124.0, walking /api/odmiany?page=1..4200&sort=cena&region=* in order, no search term",
					"INFO fuzzy search (?q=) requests: 6/s at p95 19 ms, as on Saturday and Sunday; logged-in farmer sessions 34/s, as last Monday",
					"WARN zgłoszenie rolnika z Podlasia: 'strona z odmianami nie działa od godziny, a termin zamówień mija w piątek'",
					"WARN orders-service: 0 orders received since 14:05; confirmation batcher idle",
				},
				surges: []MetricShift{{Service: "catalogue-api", Name: "http_requests_per_second", Direction: "up", Ratio: 38, At: hrs(13.92)}}},
			want: "",
		},
		{
			name: "neon sign workshops: the payment processor lowers the account's live rate limit to 5 req/s during a card-testing review, and the Friday peak gets 429s; a retry wrapper without backoff (it never retries 429), a handler rename deployed minutes before, an SDK bump and the loud glow-preview renderer are innocent", heldOut: true,
			service: "checkout",
			sig: Signal{Title: "Kassan: betalningar misslyckas för egna neonskyltar",
				Text: "Kunder som designat egna neonskyltar får 'Betalningen kunde inte genomföras' i kassan sedan ca 17:30; ungefär var tredje betalning går igenom"},
			alert: 17.9,
			commits: []Commit{
				{SHA: "d57c2a9", Parents: []string{"f4a8c13"}, Author: "elin", Date: hrs(17.0), Message: "checkout: rename handlePay to submitPayment",
					Files: []File{{Path: "services/checkout/src/routes/pay.ts", Patch: patch(
						"export async function handlePay(req: Request, res: Response) {",
						"export async function submitPayment(req: Request, res: Response) {")}}},
				{SHA: "f4a8c13", Parents: []string{"8b3e1f0"}, Author: "oskar", Date: hrs(16.0), Message: "preview-render: server-side glow preview for custom neon text",
					Files: []File{{Path: "services/preview-render/src/glow.ts", Patch: patch(
						"  return clientSideHint(spec);",
						"  return await renderGlowPng(spec, { blurPx: 18 });")}}},
				{SHA: "8b3e1f0", Parents: []string{"0e9f4b6"}, Author: "elin", Date: hrs(15.0), Message: "payments: retry createPaymentIntent up to 3 times on network errors and 5xx",
					Files: []File{{Path: "services/checkout/src/payments/payvia.ts", Patch: patch(
						"  const intent = await payvia.paymentIntents.create(params);",
						"  const intent = await withRetry(() => payvia.paymentIntents.create(params), {\n    attempts: 3,\n    retryOn: (e) => e.type === 'PayviaConnectionError' || (e.statusCode ?? 0) >= 500,\n  });")}}},
				{SHA: "0e9f4b6", Parents: []string{"2f7b9a5"}, Author: "oskar", Date: hrs(-70), Message: "deps: bump payvia-node to 12.4.0",
					Files: []File{{Path: "services/checkout/package.json", Patch: patch(
						"    \"payvia-node\": \"12.2.1\",",
						"    \"payvia-node\": \"12.4.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "0e9f4b6", At: hrs(-69), Environment: "production", Service: "checkout"},
				{SHA: "8b3e1f0", At: hrs(15.3), Environment: "production", Service: "checkout"},
				{SHA: "f4a8c13", At: hrs(16.3), Environment: "production", Service: "preview-render"},
				{SHA: "d57c2a9", At: hrs(17.2), Environment: "production", Service: "checkout"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 31*time.Minute, firstFailing: "checkout", callPath: []string{"web", "checkout", "payvia-api"},
				affected:  []string{"checkout", "preview-render"},
				signature: "429 Too Many Requests from payvia-api on POST /v1/payment_intents (client): rate_limit_error",
				logs: []string{
					"ERROR checkout: PayviaRateLimitError: Too many requests hit the API too quickly (request req_8Xk2Lq0f)",
					"INFO Payvia dashboard notice 17:24: 'Your live-mode rate limit has been temporarily lowered to 5 requests per second while we review card-testing activity on your account'",
					"INFO checkout sends 12 to 15 req/s to Payvia at the Friday 17:30 peak, as on the last four Fridays (previous limit 100 req/s)",
					"INFO withRetry: 0 retries since 15:18; 429 is not in retryOn",
					"WARN #kundtjänst: 'kunder ringer om att betalningen inte går igenom, några har försökt fem gånger'",
					"WARN preview-render: glow preview p95 2.4 s, render queue 18",
				},
				surges: []MetricShift{{Service: "checkout", Name: "payment_failures_total", Direction: "up", Ratio: 20, At: hrs(17.52)}}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentySixthBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-sixth", culpritCasesTwentySixthBatch())
}
