package triage

// culprit_cases22_test.go is a twenty-second held-out batch (10 cases),
// written by a helper that did not read the rules. Five cases where one
// commit is to blame (a multipart part size that caps uploads below the
// size of the largest runs, a dropped index that only the shift report
// used, an HTTP timeout cut below the registry's normal peak latency,
// retries without backoff that turn a routine node drain into a retry
// storm, an embargo time read in the wrong time zone) and five where no
// commit is (an expired certificate whose renewal had been failing for a
// month, WAL kept by a forgotten replication slot filling the disk, a TV
// campaign's traffic surge, a partner's manifest exported with decimal
// commas, a rotated storage key that long-running workers never re-read).
// Every case carries three or four tempting innocent commits.
//
// First run: 7/10, two innocent commits blamed (a negative-weight check
// while a partner's file had changed format; the resolver's data deploy,
// which a rollback had already cleared, over the retry change) and one
// abstention (the part size, whose fault reads as a bound the service
// must stay within). The classes: the earlier input re-run on the live
// build goes through, so the input changed; a service rolled back without
// the fault changing clears the build it ran; an error stating the bound
// a value must stay within is a limit, and a size constant is one. After:
// 10/10, none blamed. It has tuned rules since, so it is no longer held
// out.

// Written without reading the triage rules on 2026-12-06. Industries: genome sequencing cores, paper mills, vehicle inspection stations, postal sorting centres, newswire agencies, seismograph networks, asphalt plants, census bureaus, fish canneries, film archives.

import (
	"testing"
	"time"
)

// culpritCasesTwentySecondBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentySecondBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "genome sequencing cores: the FASTQ uploader's multipart part size drops from 128 MiB to 8 MiB, which caps an upload at 10,000 parts = 78 GiB, and the first S4 whole-genome run a day later cannot be delivered; the loud variant-caller deploy, a rename of the upload entry point, an AWS SDK bump and a docs page on multipart limits are innocent", heldOut: true,
			service: "run-uploader",
			sig: Signal{Title: "NovaSeq S4 run stuck in 'uploading', FASTQs never reached the bucket",
				Text:   "Run 310313_A01847_0412 came off the NovaSeq at 05:50 and demux finished, but delivery to the cloud bucket failed and the secondary pipeline never started. Three PIs are waiting on their whole genomes. The MiSeq and NextSeq runs this week were delivered fine.",
				Source: "slack"},
			alert: 31.6,
			commits: []Commit{
				{SHA: "e3b71c4", Parents: []string{"5a0c9e2"}, Author: "oyelaran", Date: hrs(30.5), Message: "variant-caller: emit a per-sample QC summary",
					Files: []File{{Path: "services/variant-caller/variant_caller/qc.py", Patch: patch("", "    summary = {\"sample\": s.id, \"mean_cov\": cov.mean(), \"pct_q30\": q30}\n    write_json(out / f\"{s.id}.qc.json\", summary)")}}},
				{SHA: "5a0c9e2", Parents: []string{"c81f4d7"}, Author: "mirela", Date: hrs(14), Message: "uploader: rename uploadRun to deliverRun",
					Files: []File{{Path: "services/run-uploader/src/main/kotlin/core/seq/upload/FastqUploader.kt", Patch: patch(
						"    suspend fun uploadRun(run: RunFolder): DeliveryResult {",
						"    suspend fun deliverRun(run: RunFolder): DeliveryResult {")}}},
				{SHA: "c81f4d7", Parents: []string{"9d26b3a"}, Author: "thabo", Date: hrs(6), Message: "deps: bump aws sdk kotlin to 1.2.28",
					Files: []File{{Path: "services/run-uploader/build.gradle.kts", Patch: patch(
						"    implementation(\"aws.sdk.kotlin:s3:1.2.21\")",
						"    implementation(\"aws.sdk.kotlin:s3:1.2.28\")")}}},
				{SHA: "9d26b3a", Parents: []string{"07be5f1"}, Author: "mirela", Date: hrs(1.5), Message: "uploader: smaller multipart chunks so a failed part resends less",
					Files: []File{{Path: "services/run-uploader/src/main/kotlin/core/seq/upload/MultipartUpload.kt", Patch: patch(
						"private const val PART_SIZE_BYTES = 128L * 1024 * 1024",
						"private const val PART_SIZE_BYTES = 8L * 1024 * 1024")}}},
				{SHA: "07be5f1", Parents: []string{"f4a2d90"}, Author: "thabo", Date: hrs(-20), Message: "docs: FASTQ delivery and multipart upload limits",
					Files: []File{{Path: "docs/delivery.md", Patch: patch("", "FASTQ files are uploaded to the delivery bucket in parts; S3 allows at most 10,000 parts per object.")}}},
			},
			deploys: []Deploy{
				{SHA: "9d26b3a", At: hrs(2.2), Environment: "production", Service: "run-uploader"},
				{SHA: "5a0c9e2", At: hrs(14.3), Environment: "production", Service: "run-uploader"},
				{SHA: "e3b71c4", At: hrs(30.9), Environment: "production", Service: "variant-caller"},
			},
			ev: caseEvidence{onsetAfter: 31*time.Hour + 5*time.Minute, firstFailing: "run-uploader", callPath: []string{"sequencer-share", "demux", "run-uploader", "s3"},
				affected:  []string{"run-uploader", "variant-caller"},
				signature: "400 InvalidArgument from S3 on UploadPart partNumber=10001 (client): Part number must be an integer between 1 and 10000, inclusive",
				logs: []string{
					"ERROR run-uploader: UploadPart failed key=runs/310313_A01847_0412/WGS_07_S7_L001_R1_001.fastq.gz part=10001 size=8388608: InvalidArgument",
					"INFO the failing files are 81.4 to 96.0 GiB; every file under 78.1 GiB of the same run was uploaded",
					"INFO since the 02:12 deploy the uploader delivered 14 MiSeq and NextSeq runs, largest file 21.7 GiB; run 0412 is the first S4 flow cell since then",
					"WARN variant-caller: no FASTQ for run 310313_A01847_0412 after 45 min, sample sheet lists 24 samples",
				},
				surges: []MetricShift{{Service: "run-uploader", Name: "multipart_upload_failures_total", Direction: "up", Ratio: 30, At: hrs(31.08)}}},
			want: "9d26b3a",
		},
		{
			name: "paper mills: a migration drops an index that looked unused on the replica but serves the shift report on the primary, and the 06:00 report full-scans 212 M quality samples seven and a half hours after the deploy; a rename of the report handler, a nullable column on another table, a pgx bump and a DCS gateway fix deployed after onset are innocent", heldOut: true,
			service: "quality-lab",
			sig: Signal{Title: "PM3 Schichtbericht lädt nicht – Qualitätsdaten fehlen",
				Text: "Seit dem Schichtwechsel um 06:00 bricht der Schichtbericht für Papiermaschine 3 mit Zeitüberschreitung ab. Die Schichtleiter können Flächengewicht und Feuchte der Tamboure nicht freigeben, der Versand der Rollen ist gestoppt. PM1 und PM2 haben dasselbe Problem."},
			alert: 6.5,
			commits: []Commit{
				{SHA: "b4e90a1", Parents: []string{"71c3f8d"}, Author: "jurgen", Date: hrs(6.2), Message: "dcs-gateway: reconnect OPC UA session on BadSessionIdInvalid",
					Files: []File{{Path: "services/dcs-gateway/internal/opcua/session.go", Patch: patch(
						"\t\treturn err",
						"\t\tif errors.Is(err, ua.StatusBadSessionIDInvalid) {\n\t\t\treturn s.reconnect(ctx)\n\t\t}\n\t\treturn err")}}},
				{SHA: "71c3f8d", Parents: []string{"2f8a6d0"}, Author: "annika", Date: hrs(1), Message: "report: rename ShiftReportHandler to ShiftSummaryHandler",
					Files: []File{{Path: "services/quality-lab/internal/report/shift.go", Patch: patch(
						"func (h *ShiftReportHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {",
						"func (h *ShiftSummaryHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {")}}},
				{SHA: "2f8a6d0", Parents: []string{"d05b27e"}, Author: "jurgen", Date: hrs(-3), Message: "db: drop unused index on quality_samples (0 scans in pg_stat_user_indexes)",
					Files: []File{{Path: "services/quality-lab/migrations/0147_drop_unused_sample_index.sql", Patch: patch("",
						"-- idx_quality_samples_reel_measured: idx_scan = 0, 38 GB\nDROP INDEX CONCURRENTLY IF EXISTS idx_quality_samples_reel_measured;")}}},
				{SHA: "d05b27e", Parents: []string{"a9c1e44"}, Author: "annika", Date: hrs(-5), Message: "migrations: add moisture_target to grade_specs",
					Files: []File{{Path: "services/quality-lab/migrations/0146_grade_moisture_target.sql", Patch: patch("",
						"ALTER TABLE grade_specs ADD COLUMN moisture_target numeric(4,2);")}}},
				{SHA: "a9c1e44", Parents: []string{"60e2b7c"}, Author: "jurgen", Date: hrs(-6), Message: "deps: bump jackc/pgx to v5.6.0",
					Files: []File{{Path: "services/quality-lab/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.5", "\tgithub.com/jackc/pgx/v5 v5.6.0")}}},
			},
			deploys: []Deploy{
				{SHA: "2f8a6d0", At: hrs(-1.5), Environment: "production", Service: "quality-lab"},
				{SHA: "71c3f8d", At: hrs(1.2), Environment: "production", Service: "quality-lab"},
				{SHA: "b4e90a1", At: hrs(6.3), Environment: "production", Service: "dcs-gateway"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 1*time.Minute, firstFailing: "quality-lab", callPath: []string{"shift-terminal", "quality-lab", "postgres"},
				signature: "pq: canceling statement due to statement timeout on GET /api/shift-report?machine=PM3 (server), after 30000 ms; plan shows Seq Scan on quality_samples",
				logs: []string{
					"ERROR quality-lab: shift report PM3 failed: pq: canceling statement due to statement timeout (SELECT ... FROM quality_samples WHERE reel_id = ANY($1) AND measured_at >= $2)",
					"INFO auto_explain: Seq Scan on quality_samples (cost=0.00..5912430.10 rows=212004311) Filter: (reel_id = ANY (...)), duration 41.7 s",
					"INFO the 22:00 shift report finished at 22:04 with Index Scan using idx_quality_samples_reel_measured; the 06:00 report is the first one since the 22:30 deploy",
					"INFO the index statistics were read on replica db-ro-2, which serves dashboards only; shift reports run on the primary",
					"WARN dcs-gateway: OPC UA session BadSessionIdInvalid, reconnecting (seen every night since Monday)",
				},
				surges: []MetricShift{
					{Service: "postgres", Name: "seq_tup_read_per_second", Direction: "up", Ratio: 900, At: hrs(6.0)},
					{Service: "quality-lab", Name: "http_request_duration_p95", Direction: "up", Ratio: 60, At: hrs(6.02)},
				}},
			want: "2f8a6d0",
		},
		{
			name: "vehicle inspection stations: the registry client's HttpClient.Timeout is cut from 30 s to 3 s, and when the national vehicle registry reaches its usual 4-6 s morning-peak latency every result submission is cancelled; a card-terminal Polly retry deployed after onset, a rename of the submit action, a Serilog bump and a docs page are innocent", heldOut: true,
			service: "inspection-api",
			sig: Signal{Title: "Stacje kontroli pojazdów: nie można zapisać wyniku badania technicznego",
				Text:     "Od ok. 7:10 diagności w ponad 40 stacjach dostają komunikat 'Nie udało się przesłać wyniku do CEP' przy zatwierdzaniu przeglądu. Kolejki aut przed stacjami rosną, ponowienie czasem przechodzi.",
				Severity: "P2", Source: "opsgenie"},
			alert: 7.6,
			commits: []Commit{
				{SHA: "6fd2a08", Parents: []string{"c9e1375"}, Author: "bartek", Date: hrs(7.4), Message: "payments: retry card terminal on timeout (Polly)",
					Files: []File{{Path: "services/payments/src/Terminals/TerminalClientSetup.cs", Patch: patch(
						"    .AddHttpClient<TerminalClient>();",
						"    .AddHttpClient<TerminalClient>()\n    .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, i => TimeSpan.FromMilliseconds(200 * i)));")}}},
				{SHA: "c9e1375", Parents: []string{"3b7d5e9"}, Author: "agnieszka", Date: hrs(5), Message: "inspections: rename SubmitResult to SubmitInspectionResult",
					Files: []File{{Path: "services/inspection-api/src/Controllers/InspectionsController.cs", Patch: patch(
						"    public async Task<IActionResult> SubmitResult(Guid id, [FromBody] InspectionResultDto dto)",
						"    public async Task<IActionResult> SubmitInspectionResult(Guid id, [FromBody] InspectionResultDto dto)")}}},
				{SHA: "3b7d5e9", Parents: []string{"8a44f12"}, Author: "bartek", Date: hrs(4.5), Message: "registry client: fail fast instead of hanging on CEP",
					Files: []File{{Path: "services/inspection-api/src/Registry/RegistryClientSetup.cs", Patch: patch(
						"        client.Timeout = TimeSpan.FromSeconds(30);",
						"        client.Timeout = TimeSpan.FromSeconds(3);")}}},
				{SHA: "8a44f12", Parents: []string{"f0c3a6b"}, Author: "agnieszka", Date: hrs(2), Message: "deps: bump Serilog.AspNetCore to 8.0.2",
					Files: []File{{Path: "services/inspection-api/src/InspectionApi.csproj", Patch: patch(
						"    <PackageReference Include=\"Serilog.AspNetCore\" Version=\"8.0.1\" />",
						"    <PackageReference Include=\"Serilog.AspNetCore\" Version=\"8.0.2\" />")}}},
				{SHA: "f0c3a6b", Parents: []string{"1d9b7e3"}, Author: "bartek", Date: hrs(-30), Message: "docs: CEP integration error codes",
					Files: []File{{Path: "docs/integrations/cep.md", Patch: patch("", "| CEP-4081 | vehicle not found in the registry | ask the driver for the registration certificate |")}}},
			},
			deploys: []Deploy{
				{SHA: "8a44f12", At: hrs(2.3), Environment: "production", Service: "inspection-api"},
				{SHA: "3b7d5e9", At: hrs(4.8), Environment: "production", Service: "inspection-api"},
				{SHA: "c9e1375", At: hrs(5.3), Environment: "production", Service: "inspection-api"},
				{SHA: "6fd2a08", At: hrs(7.45), Environment: "production", Service: "payments"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 6*time.Minute, firstFailing: "inspection-api", callPath: []string{"station-terminal", "inspection-api", "cep-registry"},
				signature: "TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 3 seconds elapsing, on POST cep-registry /api/v2/badania (client), after 3000 ms",
				logs: []string{
					"ERROR RegistryClient: submitting inspection PT/2031/03/114532 to CEP failed: System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 3 seconds elapsing",
					"INFO CEP response time p95 in the 07:00-09:00 peak: 4.6 s today, 4.4 s last Friday; the CEP status page shows no incident",
					"INFO from 05:00 to 07:05 CEP answered under 1.5 s and every submission on the 04:48 build succeeded",
					"WARN payments: card terminal T-118 did not answer in 10 s, retrying",
				},
				surges: []MetricShift{{Service: "inspection-api", Name: "registry_submit_failures_total", Direction: "up", Ratio: 45, At: hrs(7.1)}}},
			want: "3b7d5e9",
		},
		{
			name: "postal sorting centres: the address-resolver client now retries six times with zero delay on any 5xx, so a routine node drain six hours later tips the resolver into a retry storm it never leaves; the resolver's own CEDEX-table deploy minutes before, an axios bump and a rename of the lookup function are innocent", heldOut: true,
			service: "sorting-gateway",
			sig: Signal{Title: "PIC Lyon-Corbas : colis en rejet massif vers le vidéocodage",
				Text: "Depuis 09h40 environ 60 % des colis partent en case de rejet (adresse non résolue). Les équipes de vidéocodage sont débordées et les camions de 11h vont partir à moitié vides. Rollback d'address-resolver fait à 10h02, aucun effet."},
			alert: 10.3,
			commits: []Commit{
				{SHA: "d7a05be", Parents: []string{"4e8c193"}, Author: "margaux", Date: hrs(9.3), Message: "address-resolver: load the March CEDEX table",
					Files: []File{{Path: "services/address-resolver/data/cedex.go", Patch: patch(
						"const cedexTable = \"cedex-2031-02.csv\"",
						"const cedexTable = \"cedex-2031-03.csv\"")}}},
				{SHA: "4e8c193", Parents: []string{"a02f6d8"}, Author: "youssef", Date: hrs(6), Message: "gateway: rename resolveDestination to lookupRoutingCode",
					Files: []File{{Path: "services/sorting-gateway/src/routing/destination.ts", Patch: patch(
						"export async function resolveDestination(parcel: Parcel): Promise<RoutingCode> {",
						"export async function lookupRoutingCode(parcel: Parcel): Promise<RoutingCode> {")}}},
				{SHA: "a02f6d8", Parents: []string{"91bd3c7"}, Author: "margaux", Date: hrs(3), Message: "resolver client: retry harder so parcels don't fall to manual coding",
					Files: []File{{Path: "services/sorting-gateway/src/clients/resolver.ts", Patch: patch(
						"axiosRetry(resolver, { retries: 2, retryDelay: axiosRetry.exponentialDelay });",
						"axiosRetry(resolver, {\n  retries: 6,\n  retryDelay: () => 0,\n  retryCondition: (e) => !e.response || e.response.status >= 500,\n});")}}},
				{SHA: "91bd3c7", Parents: []string{"5cf0e28"}, Author: "youssef", Date: hrs(1), Message: "deps: bump axios to 1.7.2",
					Files: []File{{Path: "services/sorting-gateway/package.json", Patch: patch("    \"axios\": \"1.6.8\",", "    \"axios\": \"1.7.2\",")}}},
			},
			deploys: []Deploy{
				{SHA: "a02f6d8", At: hrs(3.2), Environment: "production", Service: "sorting-gateway"},
				{SHA: "4e8c193", At: hrs(6.3), Environment: "production", Service: "sorting-gateway"},
				{SHA: "d7a05be", At: hrs(9.5), Environment: "production", Service: "address-resolver"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 40*time.Minute, firstFailing: "address-resolver", callPath: []string{"sorter-plc", "sorting-gateway", "address-resolver", "postgis"},
				affected:  []string{"address-resolver", "sorting-gateway"},
				signature: "503 Service Unavailable from address-resolver on POST /v1/resolve (client); each failed lookup is followed by 6 retries within 40 ms",
				logs: []string{
					"WARN address-resolver: shedding load, in-flight 2048 >= limit 2048, returning 503",
					"INFO 09:38 node drain for kernel patching moved address-resolver-3; the two remaining pods answered 503 for about 20 s",
					"INFO address-resolver receives 6.8 requests per scanned parcel; 83% of the gateway's resolver calls have retryCount 1-6 and leave 0-7 ms after the previous failure",
					"INFO address-resolver rolled back to the previous build at 10:02; error rate unchanged",
					"INFO the node drains on Mar 7 and Mar 11 recovered within a minute",
				},
				surges: []MetricShift{
					{Service: "address-resolver", Name: "http_requests_per_second", Direction: "up", Ratio: 6.8, At: hrs(9.65)},
					{Service: "sorting-gateway", Name: "parcels_rejected_total", Direction: "up", Ratio: 40, At: hrs(9.67)},
				}},
			want: "a02f6d8",
		},
		{
			name: "newswire agencies: embargo_at is stored in UTC but a 'consistent timezone' refactor parses it in Europe/Rome, so the first embargoed story eight hours after the deploy goes out exactly 60 minutes early; a Carbon bump, an editor countdown badge, a slug log line in the same service and a photo-desk deploy after onset are innocent", heldOut: true,
			service: "wire-publisher",
			sig: Signal{Title: "Notizia sotto embargo diffusa con un'ora di anticipo",
				Text: "Il comunicato Istat sull'inflazione, embargo ore 11:00, è uscito sul feed clienti alle 10:00. Due testate l'hanno già messo online. Anche gli altri pezzi con embargo di oggi risultano anticipati di 60 minuti esatti."},
			alert: 9.6,
			commits: []Commit{
				{SHA: "0c5e7a2", Parents: []string{"7e2a9c1"}, Author: "ginevra", Date: hrs(8.9), Message: "photo-desk: resize previews to 1600 px",
					Files: []File{{Path: "services/photo-desk/photo_desk/previews.py", Patch: patch("PREVIEW_MAX_PX = 1200", "PREVIEW_MAX_PX = 1600")}}},
				{SHA: "7e2a9c1", Parents: []string{"b61d4f0"}, Author: "lorenzo", Date: hrs(2), Message: "deps: bump nesbot/carbon to 2.72.5",
					Files: []File{{Path: "services/wire-publisher/composer.lock", Patch: patch(
						"            \"name\": \"nesbot/carbon\",\n            \"version\": \"2.72.3\",",
						"            \"name\": \"nesbot/carbon\",\n            \"version\": \"2.72.5\",")}}},
				{SHA: "b61d4f0", Parents: []string{"a4f6c13"}, Author: "ginevra", Date: hrs(1.6), Message: "embargo: show a countdown to the embargo in the editor",
					Files: []File{{Path: "services/newsroom-editor/resources/js/EmbargoBadge.ts", Patch: patch("",
						"  const minutesLeft = Math.max(0, Math.round((embargoAt.getTime() - Date.now()) / 60000));")}}},
				{SHA: "a4f6c13", Parents: []string{"f3d81b6"}, Author: "lorenzo", Date: hrs(0.5), Message: "embargo: use the newsroom timezone consistently",
					Files: []File{{Path: "services/wire-publisher/app/Services/EmbargoService.php", Patch: patch(
						"        $until = Carbon::parse($story->embargo_at, 'UTC');",
						"        $until = Carbon::parse($story->embargo_at, config('newsroom.timezone'));")}}},
				{SHA: "f3d81b6", Parents: []string{"92b0e4d"}, Author: "ginevra", Date: hrs(-4), Message: "embargo: log story slug on release",
					Files: []File{{Path: "services/wire-publisher/app/Services/EmbargoService.php", Patch: patch("",
						"        Log::info('embargo released', ['slug' => $story->slug]);")}}},
			},
			deploys: []Deploy{
				{SHA: "f3d81b6", At: hrs(-3.8), Environment: "production", Service: "wire-publisher"},
				{SHA: "a4f6c13", At: hrs(1.0), Environment: "production", Service: "wire-publisher"},
				{SHA: "b61d4f0", At: hrs(1.8), Environment: "production", Service: "newsroom-editor"},
				{SHA: "7e2a9c1", At: hrs(2.4), Environment: "production", Service: "wire-publisher"},
				{SHA: "0c5e7a2", At: hrs(9.1), Environment: "production", Service: "photo-desk"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "wire-publisher", callPath: []string{"newsroom-editor", "wire-publisher", "client-feed"},
				signature: "story released 3598 s before its embargo: embargo_at 2031-03-14 10:00:00 (UTC column) released 09:00:02 UTC by EmbargoService::releaseDue (batch)",
				logs: []string{
					"WARN wire-audit: ISTAT-INFL-0314 released 09:00:02Z, embargo_at 10:00:00Z (-3598 s)",
					"WARN wire-audit: 4 more embargoed items released 3598-3600 s early (BCE-TASSI-0314, ENI-RISULTATI-0314, ...)",
					"INFO embargo_at is a DATETIME column written in UTC; config newsroom.timezone = Europe/Rome (UTC+1 in March)",
					"INFO no embargoed item fell due between the 01:00 deploy and 09:00 UTC; items without embargo published normally all night",
				}},
			want: "a4f6c13",
		},

		// --- no commit to blame ---
		{
			name: "seismograph networks: the ingest server's certificate expires at 01:00 because certbot renewals had been failing for a month behind a campus firewall change, and stations with current firmware refuse the handshake; a TLS log line deployed after onset, the loud quake-locator deploy just before, a handler rename and a libmseed bump are innocent", heldOut: true,
			service: "seedlink-ingest",
			sig: Signal{Title: "[FIRING:1] StationDataLatencyHigh network=NX",
				Text:     "38 of 61 broadband stations report data latency > 300 s. Event detection is running on the remaining 23 stations only; magnitude estimates for the north of the network are unreliable.",
				Severity: "critical", Source: "alertmanager", Labels: map[string]string{"alertname": "StationDataLatencyHigh", "network": "NX", "team": "seismic-ops"}},
			alert: 1.4,
			commits: []Commit{
				{SHA: "5c92e1f", Parents: []string{"a8d3047"}, Author: "ingrid", Date: hrs(1.3), Message: "tls: log peer certificate subject on handshake failure",
					Files: []File{{Path: "services/seedlink-ingest/internal/tlsconn/conn.go", Patch: patch("",
						"\t\tslog.Warn(\"tls handshake failed\", \"peer\", conn.RemoteAddr(), \"err\", err)")}}},
				{SHA: "a8d3047", Parents: []string{"e16b7d2"}, Author: "matteo", Date: hrs(-5), Message: "quake-locator: switch to the 2031 velocity model",
					Files: []File{{Path: "services/quake-locator/config/locator.yaml", Patch: patch("velocity_model: nx-2019.mod", "velocity_model: nx-2031.mod")}}},
				{SHA: "e16b7d2", Parents: []string{"3f0a5c8"}, Author: "ingrid", Date: hrs(-8), Message: "ingest: rename handlePacket to onMiniSEEDRecord",
					Files: []File{{Path: "services/seedlink-ingest/internal/ingest/packet.go", Patch: patch(
						"func (s *Server) handlePacket(p *seedlink.Packet) error {",
						"func (s *Server) onMiniSEEDRecord(p *seedlink.Packet) error {")}}},
				{SHA: "3f0a5c8", Parents: []string{"b7e91d4"}, Author: "matteo", Date: hrs(-20), Message: "deps: bump libmseed bindings to v3.1.1",
					Files: []File{{Path: "services/seedlink-ingest/go.mod", Patch: patch("\tgithub.com/earthscope/libmseed-go v3.0.18", "\tgithub.com/earthscope/libmseed-go v3.1.1")}}},
			},
			deploys: []Deploy{
				{SHA: "3f0a5c8", At: hrs(-19.5), Environment: "production", Service: "seedlink-ingest"},
				{SHA: "e16b7d2", At: hrs(-7.8), Environment: "production", Service: "seedlink-ingest"},
				{SHA: "a8d3047", At: hrs(0.8), Environment: "production", Service: "quake-locator"},
				{SHA: "5c92e1f", At: hrs(1.35), Environment: "production", Service: "seedlink-ingest"},
			},
			ev: caseEvidence{onsetAfter: 1 * time.Hour, firstFailing: "seedlink-ingest", callPath: []string{"station-digitizer", "seedlink-ingest", "waveform-db", "quake-locator"},
				affected:  []string{"seedlink-ingest", "quake-locator"},
				signature: "TLS handshake on :18500 fails with remote error: tls: expired certificate (server); server certificate notAfter 2031-03-14T01:00:00Z",
				logs: []string{
					"WARN seedlink-ingest: TLS handshake from 10.61.4.22 (station NX.KRV): remote error: tls: expired certificate",
					"INFO openssl s_client -connect ingest.seis.example:18500: notAfter=Mar 14 01:00:00 2031 GMT, verify error:num=10:certificate has expired",
					"WARN certbot renew (cron on ingest-01): Challenge failed for ingest.seis.example: timeout connecting to port 80; failing daily since Feb 12, when campus IT closed inbound port 80",
					"INFO the 23 stations still delivering run digitizer firmware 1.9, which does not check certificate dates",
					"ERROR quake-locator: too few picks (4 < 6) for event candidate at 01:12:41",
				},
				surges: []MetricShift{{Service: "seedlink-ingest", Name: "tls_handshake_failures_total", Direction: "up", Ratio: 120, At: hrs(1.0)}}},
			want: "",
		},
		{
			name: "asphalt plants: a replication slot left by a DBA's one-off pg_basebackup retains nine days of WAL until the database volume is full; a commit that logs every batch, a rename of the save handler, a nullable column migration and a JDBC driver bump are innocent", heldOut: true,
			service: "batch-ticket",
			sig: Signal{Title: "Asfaltverket Kallhäll: vågsedlar skrivs inte ut",
				Text: "Sedan 05:40 får lastarna felet 'Kunde inte spara sats' i terminalen och inga vågsedlar skrivs ut. Lastbilarna står i kö vid utlastningen och beläggningslagen väntar. Verket i Ljungby har samma problem."},
			alert: 6.0,
			commits: []Commit{
				{SHA: "0b7e4d9", Parents: []string{"6d1e8b2"}, Author: "sofia", Date: hrs(4.5), Message: "tickets: log mix design and binder grade for every batch",
					Files: []File{{Path: "services/batch-ticket/src/main/java/se/kallasfalt/ticket/TicketWriter.java", Patch: patch("",
						"        log.info(\"batch {} mix={} binder={} tonnes={}\", batch.getId(), batch.getMixDesign(), batch.getBinderGrade(), batch.getTonnes());")}}},
				{SHA: "6d1e8b2", Parents: []string{"c43a9f1"}, Author: "nils", Date: hrs(2), Message: "tickets: rename saveBatch to persistBatch",
					Files: []File{{Path: "services/batch-ticket/src/main/java/se/kallasfalt/ticket/TicketWriter.java", Patch: patch(
						"    public Ticket saveBatch(Batch batch) {",
						"    public Ticket persistBatch(Batch batch) {")}}},
				{SHA: "c43a9f1", Parents: []string{"e9f2a30"}, Author: "sofia", Date: hrs(-10), Message: "migration: add haul_distance_km to tickets",
					Files: []File{{Path: "services/batch-ticket/src/main/resources/db/migration/V57__ticket_haul_distance.sql", Patch: patch("",
						"ALTER TABLE tickets ADD COLUMN haul_distance_km numeric(6,1);")}}},
				{SHA: "e9f2a30", Parents: []string{"4b8c0d6"}, Author: "nils", Date: hrs(-30), Message: "deps: bump org.postgresql:postgresql to 42.7.4",
					Files: []File{{Path: "services/batch-ticket/pom.xml", Patch: patch(
						"      <version>42.7.3</version>",
						"      <version>42.7.4</version>")}}},
			},
			deploys: []Deploy{
				{SHA: "e9f2a30", At: hrs(-29.5), Environment: "production", Service: "batch-ticket"},
				{SHA: "c43a9f1", At: hrs(-9.8), Environment: "production", Service: "batch-ticket"},
				{SHA: "6d1e8b2", At: hrs(2.3), Environment: "production", Service: "batch-ticket"},
				{SHA: "0b7e4d9", At: hrs(4.7), Environment: "production", Service: "batch-ticket"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 40*time.Minute, firstFailing: "postgres", callPath: []string{"loader-terminal", "batch-ticket", "postgres"},
				affected:  []string{"postgres", "batch-ticket"},
				signature: "PANIC: could not write to file \"pg_wal/xlogtemp.4121\": No space left on device (postgres); batch-ticket INSERT INTO tickets fails with 57P03 the database system is in recovery mode",
				logs: []string{
					"PANIC postgres: could not write to file \"pg_wal/xlogtemp.4121\": No space left on device",
					"INFO df /var/lib/postgresql: size 500G, used 500G; pg_wal is 468 GB",
					"INFO pg_replication_slots: slot dba_klon_0305 (physical) active=false, restart_lsn from Mar 5, retaining 461 GB of WAL; created by a manual pg_basebackup -C -S on Mar 5, in no repository",
					"INFO batch-ticket pods use 3% of their ephemeral storage; application logs go to stdout and Loki, not to the database host",
					"INFO haul_distance_km is nullable with no default; the tickets table is 2.1 GB",
				},
				surges: []MetricShift{{Service: "batch-ticket", Name: "http_5xx_responses_total", Direction: "up", Ratio: 60, At: hrs(5.67)}}},
			want: "",
		},
		{
			name: "census bureaus: a half-time TV spot with a QR code sends 22x the evening traffic to the online census form and the autoscaler hits its ceiling; a refactor of the dwelling handler, a scaling runbook for the campaign, a uvicorn bump and a CDN TTL change applied after onset are innocent", heldOut: true,
			service: "cuestionario-api",
			sig: Signal{Title: "Censo en línea: el cuestionario no carga, errores 503",
				Text: "Desde las 21:35 los hogares que intentan completar el Censo 2031 por internet ven 'Servicio no disponible'. Las redes sociales están llenas de quejas. El anuncio de televisión con el código QR se emitió en el descanso del partido."},
			alert: 21.8,
			commits: []Commit{
				{SHA: "7a3c0f5", Parents: []string{"d28e6b1"}, Author: "valentina", Date: hrs(21.9), Message: "cdn: cache the municipality list for an hour",
					Files: []File{{Path: "deploy/terraform/cdn.tf", Patch: patch(
						"    default_ttl = 300",
						"    default_ttl = 3600")}}},
				{SHA: "d28e6b1", Parents: []string{"49f1e7c"}, Author: "ramiro", Date: hrs(16), Message: "cuestionario: refactorizar la validación del bloque de vivienda",
					Files: []File{{Path: "services/cuestionario-api/app/routes/vivienda.py", Patch: patch(
						"async def guardar_vivienda(payload: Vivienda):\n    validar(payload)",
						"async def guardar_vivienda(payload: Vivienda):\n    validar_bloque_vivienda(payload)")}}},
				{SHA: "49f1e7c", Parents: []string{"b0e5d93"}, Author: "valentina", Date: hrs(12), Message: "docs: runbook de escalado para la campaña de TV",
					Files: []File{{Path: "docs/runbooks/campana-tv.md", Patch: patch("", "Antes del anuncio: subir maxReplicas de cuestionario-api y avisar a guardia.")}}},
				{SHA: "b0e5d93", Parents: []string{"3e1f8a7"}, Author: "ramiro", Date: hrs(9), Message: "deps: bump uvicorn to 0.30.1",
					Files: []File{{Path: "services/cuestionario-api/requirements.txt", Patch: patch("uvicorn==0.29.0", "uvicorn==0.30.1")}}},
			},
			deploys: []Deploy{
				{SHA: "d28e6b1", At: hrs(16.4), Environment: "production", Service: "cuestionario-api"},
				{SHA: "7a3c0f5", At: hrs(22.0), Environment: "production", Service: "cdn"},
			},
			ev: caseEvidence{onsetAfter: 21*time.Hour + 34*time.Minute, firstFailing: "cuestionario-api", callPath: []string{"navegador", "cdn", "envoy", "cuestionario-api", "postgres"},
				signature: "503 upstream connect error or disconnect/reset before headers. reset reason: overflow on GET /cuestionario/inicio (edge); request rate 22x the evening baseline",
				logs: []string{
					"INFO analytics: at 21:32 the TV spot with the QR code aired at half-time (audience 6.1 M); sessions from the campaign URL went from 0 to 48,000 in 4 minutes",
					"WARN HPA cuestionario-api: desired 140 replicas, capped at maxReplicas 60; cluster-autoscaler adding nodes, eta 6 min",
					"WARN envoy: upstream overflow on cluster cuestionario-api, max_pending_requests 1024",
					"INFO the 16:24 build carried the 18:00-21:30 evening load (about 2,100 req/s) at p95 180 ms",
				},
				surges: []MetricShift{{Service: "cuestionario-api", Name: "http_requests_per_second", Direction: "up", Ratio: 22, At: hrs(21.55)}}},
			want: "",
		},
		{
			name: "fish canneries: the fishing cooperative's new export software writes net weights with decimal commas and dot thousands separators, and today's landing manifest cannot be parsed; a negative-weight check on the parser deployed the evening before, a commons-csv bump, the label printer's deploy after onset and the manifest spec doc are innocent", heldOut: true,
			service: "lotes-import",
			sig: Signal{Title: "Conserveira Matosinhos: lotes de sardinha de hoje não entram no sistema",
				Text: "O manifesto de descarga da cooperativa chegou às 04:10 mas nenhum lote foi criado. A linha 2 de enlatamento está parada à espera das etiquetas de rastreabilidade. Ontem correu tudo bem."},
			alert: 5.2,
			commits: []Commit{
				{SHA: "2e9d0b7", Parents: []string{"8c6f2a4"}, Author: "rui", Date: hrs(4.25), Message: "labels: larger QR code on tin labels",
					Files: []File{{Path: "services/label-printer/src/main/java/pt/conserveira/labels/TinLabel.java", Patch: patch(
						"    private static final int QR_MODULE_PX = 3;",
						"    private static final int QR_MODULE_PX = 4;")}}},
				{SHA: "8c6f2a4", Parents: []string{"f5a1c38"}, Author: "beatriz", Date: hrs(-3.6), Message: "import: reject manifests with negative net weight",
					Files: []File{{Path: "services/lotes-import/src/main/java/pt/conserveira/lotes/ManifestParser.java", Patch: patch("",
						"        if (net < 0) {\n            throw new InvalidManifestException(\"negative net weight on line \" + line);\n        }")}}},
				{SHA: "f5a1c38", Parents: []string{"a7b3e06"}, Author: "rui", Date: hrs(-16), Message: "deps: bump commons-csv to 1.11.0",
					Files: []File{{Path: "services/lotes-import/pom.xml", Patch: patch(
						"      <version>1.10.0</version>",
						"      <version>1.11.0</version>")}}},
				{SHA: "a7b3e06", Parents: []string{"0d4c9b1"}, Author: "beatriz", Date: hrs(-40), Message: "docs: cooperative landing manifest format (v2)",
					Files: []File{{Path: "docs/manifesto-descarga.md", Patch: patch("", "Pesos em kg, ponto como separador decimal, sem separador de milhares (ex.: 1250.40).")}}},
			},
			deploys: []Deploy{
				{SHA: "f5a1c38", At: hrs(-15.5), Environment: "production", Service: "lotes-import"},
				{SHA: "8c6f2a4", At: hrs(-3.4), Environment: "production", Service: "lotes-import"},
				{SHA: "2e9d0b7", At: hrs(4.4), Environment: "production", Service: "label-printer"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 11*time.Minute, firstFailing: "lotes-import", callPath: []string{"sftp-cooperativa", "lotes-import", "postgres", "label-printer"},
				affected:  []string{"lotes-import", "label-printer"},
				signature: "NumberFormatException: For input string: \"1.250,40\" parsing peso_liquido_kg, line 2 of manifesto_20310314.csv (batch)",
				logs: []string{
					"ERROR ManifestParser: manifesto_20310314.csv line 2 column peso_liquido_kg: java.lang.NumberFormatException: For input string: \"1.250,40\"",
					"INFO manifesto_20310313.csv has peso_liquido_kg=1250.40; today's file starts with 'Exportado por PescaGest 5.0 (pt-PT)', yesterday's with 'PescaGest 4.8'",
					"INFO re-importing manifesto_20310313.csv on the current build creates all 37 lots; no weight in either file is negative",
					"WARN label-printer: no lots for line L2, waiting",
				},
				surges: []MetricShift{{Service: "lotes-import", Name: "manifest_lines_rejected_total", Direction: "up", Ratio: 50, At: hrs(4.18)}}},
			want: "",
		},
		{
			name: "film archives: security rotates the archive-storage key in Vault and revokes the old one, but the restore workers read the key from their environment at start and keep the revoked one; a Vault-agent template for the catalogue deployed after onset, a rename of the restore handler, an S3 SDK bump and a rotation runbook are innocent", heldOut: true,
			service: "restore-worker",
			sig: Signal{Title: "Filmarchief: terughaalverzoeken uit de archiefopslag blijven mislukken",
				Text: "Sinds ongeveer 13:10 mislukken alle terughaalopdrachten van gedigitaliseerde filmrollen. De omroep wacht op materiaal voor de uitzending van vanavond. Nieuwe scans uploaden lijkt wel gewoon te werken."},
			alert: 14.0,
			commits: []Commit{
				{SHA: "3e7c1a9", Parents: []string{"b92f0d4"}, Author: "daan", Date: hrs(13.5), Message: "catalogue: read storage credentials through the Vault agent template",
					Files: []File{{Path: "deploy/helm/catalogue-api/values.yaml", Patch: patch(
						"podAnnotations: {}",
						"podAnnotations:\n  vault.hashicorp.com/agent-inject: \"true\"\n  vault.hashicorp.com/agent-inject-secret-storage: \"kv/archive-storage/catalogue\"")}}},
				{SHA: "b92f0d4", Parents: []string{"6f4d2e8"}, Author: "femke", Date: hrs(11), Message: "restore: rename handleRestore to restoreReel",
					Files: []File{{Path: "services/restore-worker/internal/restore/job.go", Patch: patch(
						"func (w *Worker) handleRestore(ctx context.Context, j Job) error {",
						"func (w *Worker) restoreReel(ctx context.Context, j Job) error {")}}},
				{SHA: "6f4d2e8", Parents: []string{"d1a85c7"}, Author: "daan", Date: hrs(8), Message: "deps: bump aws-sdk-go-v2/service/s3 to v1.58.0",
					Files: []File{{Path: "services/restore-worker/go.mod", Patch: patch(
						"\tgithub.com/aws/aws-sdk-go-v2/service/s3 v1.55.1",
						"\tgithub.com/aws/aws-sdk-go-v2/service/s3 v1.58.0")}}},
				{SHA: "d1a85c7", Parents: []string{"8e0f3b2"}, Author: "femke", Date: hrs(-48), Message: "docs: key rotation procedure for archive storage",
					Files: []File{{Path: "docs/security/key-rotation.md", Patch: patch("", "Rotate the archive-storage key in Vault, wait for every consumer to pick it up, then revoke the old key.")}}},
			},
			deploys: []Deploy{
				{SHA: "b92f0d4", At: hrs(11.2), Environment: "production", Service: "restore-worker"},
				{SHA: "3e7c1a9", At: hrs(13.6), Environment: "production", Service: "catalogue-api"},
			},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 8*time.Minute, firstFailing: "restore-worker", callPath: []string{"broadcaster-portal", "restore-api", "restore-worker", "archive-storage"},
				signature: "403 InvalidAccessKeyId from archive-storage on GetObject (client): The AWS Access Key Id you provided does not exist in our records, after 38 ms",
				logs: []string{
					"ERROR restore-worker: GetObject reels/FA-1968-0412/scan_4k.mxf: 403 InvalidAccessKeyId (key id ...7Q3F)",
					"INFO Vault audit: kv/archive-storage/restore rotated at 13:05 by security-oncall (quarterly rotation); old key revoked at 13:08",
					"INFO restore-worker reads STORAGE_ACCESS_KEY from its environment at start; all 6 pods started at 11:12",
					"INFO ingest-service gets its key through a Vault agent sidecar and picked up the new key at 13:06; uploads succeed",
					"INFO a restore-worker pod restarted by hand at 14:02 restores reels normally",
				},
				surges: []MetricShift{{Service: "restore-worker", Name: "restore_jobs_failed_total", Direction: "up", Ratio: 70, At: hrs(13.13)}}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentySecondBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-second", culpritCasesTwentySecondBatch())
}
