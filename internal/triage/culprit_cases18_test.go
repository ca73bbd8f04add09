package triage

// culprit_cases18_test.go is an eighteenth held-out batch (10 cases),
// written by a helper that did not read the rules, after the seventeenth's
// fixes, with fault signatures that describe a consequence and a measured
// clue rather than a mechanism. First run: 4/10, three innocent commits
// blamed (a header added to the server whose client cut its reads at 1 MiB,
// the same TLS change on another service of the monorepo, a longer edge
// cache while another team purged the whole CDN zone) and three
// abstentions. The classes: a commit that only touches another service's
// directory or files is not live on the involved ones, though a deploy of
// a later commit ships it; a purge of a whole cache is a cause outside the
// repository; a reply cut short ("unexpected end of JSON input", "exactly
// 1,048,576 bytes") is a limit at work, not a format. After: 6/10 with one
// innocent blamed (kept as a limitation: the client-side read limit loses
// to the server-side header commit on words) and three abstentions. It has
// tuned rules since, so it is no longer held out.

// Written without reading the culprit rules on 2026-12-05. Industries: dental labs, funeral homes, planetariums, locksmiths, tea plantations, ice rinks, bridal boutiques, zoos, comic publishers, pet boarding kennels.

// culprit_cases18_test.go is an eighteenth held-out batch (10 cases)
// written by a helper that did not read the rules. Its emphasis is
// indirect signatures: the evidence describes a consequence and a measured
// clue (bodies of exactly 1,048,576 bytes, only surnames with an
// apostrophe, only IPv6 clients, only jobs dated the 31st, only Android 8.1
// handhelds, p99 doubling at every full hour) rather than naming the
// mechanism. Four causes lie outside any repository: a supplier's CSV
// column order, a payment SDK's remote config, a CDN purge by another team
// and a provider's automatic database minor-version upgrade.

import (
	"testing"
	"time"
)

// culpritCasesEighteenthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesEighteenthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "dental labs: the portal's scan-archive client now reads at most 1 MiB of each reply, so only labs with big case lists get a cut-off JSON body; a header added to the loud scan-archive, an nginx body-size raise on the upload gateway and a go-json bump are innocent", heldOut: true,
			service: "lab-portal",
			sig: Signal{Title: "Lab portal case list won't load for the largest dental labs",
				Text: "Technicians at our biggest partner labs see 'Could not load cases' on the lab portal dashboard since the morning shift; smaller labs open their dashboards normally"},
			alert: 8.0,
			commits: []Commit{
				{SHA: "5c1e9a2", Parents: []string{"b7d04f3"}, Author: "priya", Date: hrs(6.1), Message: "scan-archive: expose X-Total-Count on GET /v1/cases",
					Files: []File{{Path: "services/scan-archive/handlers/cases.go", Patch: patch(
						"\tw.Header().Set(\"Content-Type\", \"application/json\")",
						"\tw.Header().Set(\"Content-Type\", \"application/json\")\n\tw.Header().Set(\"X-Total-Count\", strconv.Itoa(total))")}}},
				{SHA: "b7d04f3", Parents: []string{"2e9a6c1"}, Author: "henrik", Date: hrs(-3.0), Message: "scanarchive client: read response bodies defensively",
					Files: []File{{Path: "services/lab-portal/internal/scanarchive/client.go", Patch: patch(
						"\tbody, err := io.ReadAll(resp.Body)",
						"\tbody, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))")}}},
				{SHA: "2e9a6c1", Parents: []string{"9f3b8d0"}, Author: "priya", Date: hrs(-3.5), Message: "upload-gateway: raise client_max_body_size for full-arch STL scans",
					Files: []File{{Path: "deploy/upload-gateway/nginx.conf", Patch: patch(
						"        client_max_body_size 1m;",
						"        client_max_body_size 64m;")}}},
				{SHA: "9f3b8d0", Parents: []string{"4a07e6c"}, Author: "henrik", Date: hrs(-27), Message: "deps: bump github.com/goccy/go-json to v0.10.3",
					Files: []File{{Path: "services/lab-portal/go.mod", Patch: patch(
						"\tgithub.com/goccy/go-json v0.10.2",
						"\tgithub.com/goccy/go-json v0.10.3")}}},
			},
			deploys: []Deploy{
				{SHA: "9f3b8d0", At: hrs(-26), Environment: "production", Service: "lab-portal"},
				{SHA: "2e9a6c1", At: hrs(-3.2), Environment: "production", Service: "upload-gateway"},
				{SHA: "b7d04f3", At: hrs(-2.5), Environment: "production", Service: "lab-portal"},
				{SHA: "5c1e9a2", At: hrs(6.4), Environment: "production", Service: "scan-archive"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 25*time.Minute, firstFailing: "lab-portal", callPath: []string{"browser", "lab-portal", "scan-archive", "postgres"},
				affected:  []string{"lab-portal"},
				signature: "unexpected end of JSON input decoding GET scan-archive /v1/cases (client); every failing body is exactly 1,048,576 bytes",
				logs: []string{
					"ERROR scanarchive: decode cases lab=118: unexpected end of JSON input (read 1048576 bytes, Content-Length 3912441)",
					"INFO scan-archive access log: GET /v1/cases?lab=118 200 bytes_sent=3912441 in 212 ms",
					"INFO the 37 failing labs each have more than ~2,300 open cases; labs with shorter case lists load normally on the same build",
					"INFO upload-gateway only receives STL uploads from intraoral scanners; dashboard traffic does not pass through it",
				},
				surges: []MetricShift{{Service: "lab-portal", Name: "http_5xx_responses_total", Direction: "up", Ratio: 12, At: hrs(7.45)}}},
			want:       "b7d04f3",
			limitation: "the server-side header commit names the failing endpoint and shares a format cue the truncation can come from, and it outscores the client-side read limit on words; the finder does not weigh that the failing side is the client and the server sent the whole body",
		},
		{
			name: "funeral homes: the duplicate-notice check now splices the surname into its SQL, so only surnames with an apostrophe fail to publish; a rename of the publish view deployed just before, a logging line and hyphenated-name tests are innocent", heldOut: true,
			service: "obituary-service",
			sig: Signal{Title: "Some obituaries refuse to publish",
				Text: "Funeral directors get 'Publishing failed, please try again' for a handful of notices since this morning; most notices publish fine and retrying the failed ones never helps"},
			alert: 11.0,
			commits: []Commit{
				{SHA: "c41d7e8", Parents: []string{"8ab3f60"}, Author: "imogen", Date: hrs(9.0), Message: "publish: rename publish_obituary view to publish_notice",
					Files: []File{
						{Path: "obituary_service/views/publish.py", Patch: patch("def publish_obituary(request):", "def publish_notice(request):")},
						{Path: "obituary_service/urls.py", Patch: patch(
							"    path(\"api/obituaries/publish\", views.publish_obituary),",
							"    path(\"api/obituaries/publish\", views.publish_notice),")},
					}},
				{SHA: "8ab3f60", Parents: []string{"e5902bd"}, Author: "seamus", Date: hrs(7.0), Message: "publish: log funeral director id with each notice",
					Files: []File{{Path: "obituary_service/views/publish.py", Patch: patch("",
						"    logger.info(\"publishing notice\", extra={\"director_id\": request.user.director_id})")}}},
				{SHA: "e5902bd", Parents: []string{"71fe2ac"}, Author: "imogen", Date: hrs(0.5), Message: "dedupe: inline the surname lookup, skip the ORM round-trip",
					Files: []File{{Path: "obituary_service/dedupe.py", Patch: patch(
						"    cur.execute(\n        \"SELECT id FROM notices WHERE surname = %s AND date_of_death = %s\",\n        (notice.surname, notice.date_of_death),\n    )",
						"    cur.execute(\n        f\"SELECT id FROM notices WHERE surname = '{notice.surname}' \"\n        f\"AND date_of_death = '{notice.date_of_death.isoformat()}'\"\n    )")}}},
				{SHA: "71fe2ac", Parents: []string{"0d3b5f9"}, Author: "seamus", Date: hrs(-5), Message: "tests: fixtures for hyphenated surnames",
					Files: []File{{Path: "tests/test_dedupe.py", Patch: patch("", "    (\"Smith-Jones\", \"1942-07-03\"),\n    (\"Ní Bhriain-Walsh\", \"1950-11-21\"),")}}},
			},
			deploys: []Deploy{
				{SHA: "e5902bd", At: hrs(1.0), Environment: "production", Service: "obituary-service"},
				{SHA: "8ab3f60", At: hrs(7.3), Environment: "production", Service: "obituary-service"},
				{SHA: "c41d7e8", At: hrs(9.2), Environment: "production", Service: "obituary-service"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 40*time.Minute, firstFailing: "obituary-service", callPath: []string{"director-portal", "obituary-service", "postgres"},
				signature: "500 Internal Server Error on POST /api/obituaries/publish (server), only for notices whose surname contains an apostrophe",
				logs: []string{
					"ERROR publish failed for notice 88121 (surname O'Sullivan): psycopg2.errors.SyntaxError: syntax error at or near \"Sullivan\"",
					"INFO failed notices today: O'Sullivan, D'Arcy, N'Diaye; 214 other notices published, including hyphenated (Smith-Jones) and accented (Müller) surnames",
					"INFO the first apostrophe surname of the day was submitted at 09:40; none were submitted between 01:00 and 09:40",
					"WARN director retried publish 6 times for notice 88121",
				}},
			want: "e5902bd",
		},
		{
			name: "planetariums: a 'tidy duplicate listen directives' commit drops the [::]:443 listener on the booking edge, IPv6-only mobile visitors are refused while IPv4 works; a staff-console listen change, an nginx image bump and a seat-tier feature are innocent", heldOut: true,
			service: "booking-edge",
			sig: Signal{Title: "Online show bookings down ~35% since early morning",
				Text: "Planetarium ticket sales from phones dropped sharply overnight; visitors report the booking site 'never loads' on 4G while it works on the museum Wi-Fi"},
			alert: 10.5,
			commits: []Commit{
				{SHA: "d8e27c5", Parents: []string{"3a6f91b"}, Author: "lucia", Date: hrs(8.8), Message: "show-booking: full-dome seat tiers on /api/shows/{id}/seats",
					Files: []File{{Path: "services/show-booking-api/src/seats.ts", Patch: patch(
						"const tiers = ['standard'];",
						"const tiers = ['standard', 'recliner', 'dome-centre'];")}}},
				{SHA: "3a6f91b", Parents: []string{"f07c4d2"}, Author: "oskar", Date: hrs(1.6), Message: "staff-console: listen only on the VPN address",
					Files: []File{{Path: "deploy/staff-console/nginx.conf", Patch: patch(
						"    listen 443 ssl;\n    listen [::]:443 ssl;",
						"    listen 10.20.0.5:443 ssl;")}}},
				{SHA: "f07c4d2", Parents: []string{"6b92e0d"}, Author: "oskar", Date: hrs(1.4), Message: "booking-edge: tidy duplicate listen directives",
					Files: []File{{Path: "deploy/booking-edge/nginx.conf", Patch: patch(
						"    listen 443 ssl http2;\n    listen [::]:443 ssl http2;",
						"    listen 443 ssl http2;")}}},
				{SHA: "6b92e0d", Parents: []string{"1c84a3f"}, Author: "lucia", Date: hrs(-30), Message: "booking-edge: bump nginx image to 1.25.4",
					Files: []File{{Path: "deploy/booking-edge/Dockerfile", Patch: patch("FROM nginx:1.25.3-alpine", "FROM nginx:1.25.4-alpine")}}},
			},
			deploys: []Deploy{
				{SHA: "6b92e0d", At: hrs(-29), Environment: "production", Service: "booking-edge"},
				{SHA: "3a6f91b", At: hrs(1.8), Environment: "production", Service: "staff-console"},
				{SHA: "f07c4d2", At: hrs(2.0), Environment: "production", Service: "booking-edge"},
				{SHA: "d8e27c5", At: hrs(9.0), Environment: "production", Service: "show-booking-api"},
			},
			ev: caseEvidence{onsetAfter: 2*time.Hour + 1*time.Minute, firstFailing: "booking-edge", callPath: []string{"visitor-browser", "booking-edge", "show-booking-api"},
				signature: "TCP connect refused on [2001:db8:7a::10]:443 (client); IPv4 connections to 198.51.100.43:443 succeed",
				logs: []string{
					"WARN synthetic probe ipv6-fra: connect to booking.starhall.example [2001:db8:7a::10]:443 refused; probe ipv4-fra to 198.51.100.43:443 OK",
					"INFO edge access log: 0 requests from IPv6 client addresses since 02:01 (was ~41% of requests)",
					"INFO bookings from IPv6-only mobile carriers down 96%; dual-stack browsers take ~250 ms longer to connect, then succeed",
					"INFO staff-console is reached over the office VPN only and serves no visitor traffic",
				},
				surges: []MetricShift{{Service: "booking-edge", Name: "http_requests_per_second", Direction: "down", Ratio: 0.6, At: hrs(2.02)}}},
			want: "f07c4d2",
		},
		{
			name: "locksmiths: due dates now come from setMonth(+1) instead of date-fns, so only jobs dated the 31st roll into the month after next and the ledger rejects them three days after the deploy; a ledger SDK bump, an export rename and a payment-terms doc are innocent", heldOut: true,
			service: "invoicing",
			sig: Signal{Title: "Call-out invoices rejected by the accounting ledger",
				Text: "Two dozen locksmith call-out invoices from this morning bounced back from the accounting integration; customers have not been billed and the dispatch desk can't close the jobs"},
			alert: 416.0,
			commits: []Commit{
				{SHA: "a3c58e1", Parents: []string{"5d0b7f4"}, Author: "farah", Date: hrs(401), Message: "invoicing: rename exportInvoice to pushInvoiceToLedger",
					Files: []File{{Path: "services/invoicing/src/ledger/export.ts", Patch: patch(
						"export async function exportInvoice(inv: Invoice): Promise<void> {",
						"export async function pushInvoiceToLedger(inv: Invoice): Promise<void> {")}}},
				{SHA: "5d0b7f4", Parents: []string{"e98a2d6"}, Author: "bram", Date: hrs(357), Message: "deps: bump @ledgerly/sdk to 4.3.0",
					Files: []File{{Path: "services/invoicing/package.json", Patch: patch(
						"    \"@ledgerly/sdk\": \"4.2.0\",",
						"    \"@ledgerly/sdk\": \"4.3.0\",")}}},
				{SHA: "e98a2d6", Parents: []string{"0c7a4b9"}, Author: "farah", Date: hrs(345), Message: "invoices: drop date-fns from the terms module (bundle size)",
					Files: []File{{Path: "services/invoicing/src/invoices/terms.ts", Patch: patch(
						"import { addMonths } from 'date-fns';\n  const due = addMonths(issued, 1);",
						"  const due = new Date(issued);\n  due.setMonth(due.getMonth() + 1);")}}},
				{SHA: "0c7a4b9", Parents: []string{"7be1d20"}, Author: "bram", Date: hrs(300), Message: "docs: payment terms for emergency call-outs",
					Files: []File{{Path: "docs/payment-terms.md", Patch: patch("", "Invoices are due one calendar month after the job date.")}}},
			},
			deploys: []Deploy{
				{SHA: "e98a2d6", At: hrs(346), Environment: "production", Service: "invoicing"},
				{SHA: "5d0b7f4", At: hrs(358), Environment: "production", Service: "invoicing"},
				{SHA: "a3c58e1", At: hrs(401.5), Environment: "production", Service: "invoicing"},
			},
			ev: caseEvidence{onsetAfter: 415*time.Hour + 20*time.Minute, firstFailing: "invoicing", callPath: []string{"job-app", "invoicing", "ledgerly-api"},
				signature: "422 Unprocessable Entity from ledgerly-api on POST /v3/invoices (client): due_date may be at most 30 days after issue_date",
				logs: []string{
					"WARN ledger export rejected INV-20310331-0007: issue_date=2031-03-31 due_date=2031-05-01",
					"INFO all 23 rejections today are for jobs dated 2031-03-31; invoices for jobs dated 2031-03-28 to 2031-03-30 exported normally on the same build",
					"INFO spot check: a job dated 2031-03-30 got due_date 2031-04-30; a job dated 2031-03-31 got due_date 2031-05-01",
				},
				surges: []MetricShift{{Service: "invoicing", Name: "ledger_export_failures_total", Direction: "up", Ratio: 23, At: hrs(415.4)}}},
			want: "e98a2d6",
		},
		{
			name: "tea plantations: the leaf-intake Envoy listener now demands TLS 1.3 and only the estate's Android 8.1 handhelds can't sync at the 06:00 weighing; the same change on the off-path payroll gateway, an okhttp bump never released and a tare-weight field deployed an hour before are innocent", heldOut: true,
			service: "leaf-intake-api",
			sig: Signal{Title: "Field handhelds can't upload plucking weights",
				Text: "Estate supervisors report the plucker handhelds show 'Sync failed' since the first weighing; weights are piling up on the devices while the office dashboard works"},
			alert: 31.0,
			commits: []Commit{
				{SHA: "b26e0f9", Parents: []string{"47ad3c8"}, Author: "anjali", Date: hrs(28.5), Message: "weighings: accept tare_kg on POST /v2/weighings",
					Files: []File{{Path: "services/leaf-intake-api/app/weighings.py", Patch: patch(
						"    net_kg = body[\"gross_kg\"]",
						"    net_kg = body[\"gross_kg\"] - body.get(\"tare_kg\", 0)")}}},
				{SHA: "47ad3c8", Parents: []string{"c9f1e57"}, Author: "kamal", Date: hrs(19.5), Message: "ingress: apply the security baseline to the leaf-intake listener",
					Files: []File{{Path: "deploy/envoy/leaf-intake.yaml", Patch: patch(
						"          tls_params:\n            tls_minimum_protocol_version: TLSv1_2",
						"          tls_params:\n            tls_minimum_protocol_version: TLSv1_3")}}},
				{SHA: "c9f1e57", Parents: []string{"e0b4a6d"}, Author: "kamal", Date: hrs(18.0), Message: "payroll-gateway: TLS 1.3 only, per the auditor's finding",
					Files: []File{{Path: "deploy/envoy/payroll-gateway.yaml", Patch: patch(
						"          tls_params:\n            tls_minimum_protocol_version: TLSv1_2",
						"          tls_params:\n            tls_minimum_protocol_version: TLSv1_3")}}},
				{SHA: "e0b4a6d", Parents: []string{"83d2c6a"}, Author: "anjali", Date: hrs(17.0), Message: "handheld app: bump okhttp to 4.12.0",
					Files: []File{{Path: "apps/handheld/build.gradle", Patch: patch(
						"    implementation \"com.squareup.okhttp3:okhttp:4.11.0\"",
						"    implementation \"com.squareup.okhttp3:okhttp:4.12.0\"")}}},
			},
			deploys: []Deploy{
				{SHA: "c9f1e57", At: hrs(18.3), Environment: "production", Service: "payroll-gateway"},
				{SHA: "47ad3c8", At: hrs(20.0), Environment: "production", Service: "leaf-intake-api"},
				{SHA: "b26e0f9", At: hrs(29.0), Environment: "production", Service: "leaf-intake-api"},
			},
			ev: caseEvidence{onsetAfter: 30*time.Hour + 5*time.Minute, firstFailing: "leaf-intake-api", callPath: []string{"handheld", "leaf-intake-api", "postgres"},
				signature: "TLS handshake failure on POST /v2/weighings (server), only from Android 8.1 handhelds; Android 12+ phones and the web dashboard connect",
				logs: []string{
					"WARN envoy leaf-intake listener: TLS error: 268435708:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL from 203.0.113.0/24 (estate APN)",
					"WARN handheld: javax.net.ssl.SSLHandshakeException: Connection closed by peer (Zebra TC51, Android 8.1, app 3.4.2 with okhttp 4.11.0)",
					"INFO 412 of 412 failing devices are Zebra TC51 on Android 8.1; supervisors' Android 13 phones sync normally",
					"INFO the handhelds do not sync between 19:00 and 06:00; payroll-gateway serves only the HR system, no handheld traffic",
				},
				surges: []MetricShift{{Service: "leaf-intake-api", Name: "weighings_accepted_per_minute", Direction: "down", Ratio: 0.02, At: hrs(30.1)}}},
			want: "47ad3c8",
		},
		{
			name: "ice rinks: the availability cache refresh cron moves from 04:30 daily to every full hour, emptying the cache so booking p99 doubles for four minutes at each :00; an hourly schedule on the off-path resurfacing reminder, a caffeine bump and a freestyle session type are innocent", heldOut: true,
			service: "session-booking",
			sig: Signal{Title: "Skate session booking stalls at the top of every hour",
				Text: "Public-skate and stick-and-puck bookings hang for a few minutes right after each full hour; the front desk sees spinners at 13:00, 14:00 and 15:00 and it clears by :05"},
			alert: 15.2,
			commits: []Commit{
				{SHA: "7f3d2b8", Parents: []string{"19c6e4a"}, Author: "mikko", Date: hrs(14.0), Message: "sessions: add freestyle ice to GET /sessions",
					Files: []File{{Path: "services/session-booking/src/main/java/rink/sessions/SessionType.java", Patch: patch(
						"    PUBLIC_SKATE, STICK_AND_PUCK",
						"    PUBLIC_SKATE, STICK_AND_PUCK, FREESTYLE")}}},
				{SHA: "19c6e4a", Parents: []string{"a8e45d1"}, Author: "dana", Date: hrs(11.8), Message: "config: keep availability fresher for walk-ins",
					Files: []File{{Path: "services/session-booking/src/main/resources/application.yml", Patch: patch(
						"availability:\n  refresh-cron: \"0 30 4 * * *\"",
						"availability:\n  refresh-cron: \"0 0 * * * *\"")}}},
				{SHA: "a8e45d1", Parents: []string{"d5b0c93"}, Author: "mikko", Date: hrs(11.5), Message: "resurfacing-reminder: run hourly instead of every 30 minutes",
					Files: []File{{Path: "deploy/k8s/resurfacing-reminder-cronjob.yaml", Patch: patch(
						"  schedule: \"*/30 * * * *\"",
						"  schedule: \"0 * * * *\"")}}},
				{SHA: "d5b0c93", Parents: []string{"62fa0e7"}, Author: "dana", Date: hrs(10.0), Message: "deps: bump caffeine to 3.1.8",
					Files: []File{{Path: "services/session-booking/build.gradle", Patch: patch(
						"    implementation 'com.github.ben-manes.caffeine:caffeine:3.1.6'",
						"    implementation 'com.github.ben-manes.caffeine:caffeine:3.1.8'")}}},
			},
			deploys: []Deploy{
				{SHA: "d5b0c93", At: hrs(10.3), Environment: "production", Service: "session-booking"},
				{SHA: "a8e45d1", At: hrs(11.6), Environment: "production", Service: "resurfacing-reminder"},
				{SHA: "19c6e4a", At: hrs(12.4), Environment: "production", Service: "session-booking"},
				{SHA: "7f3d2b8", At: hrs(14.2), Environment: "production", Service: "session-booking"},
			},
			ev: caseEvidence{onsetAfter: 13 * time.Hour, firstFailing: "session-booking", callPath: []string{"web", "session-booking", "rink-db"},
				signature: "p99 of GET /sessions/availability 2.1x baseline from :00 to :04 of every hour since 13:00 (server), normal in between",
				logs: []string{
					"INFO AvailabilityCache size 18412 -> 0 at 13:00:00, 14:00:00 and 15:00:00, refilled by about :04",
					"WARN rink-db: 340 identical availability queries/s from session-booking at hh:00-hh:04 (baseline 12/s)",
					"INFO 11:00 and 12:00 were normal; resurfacing-reminder also fires at :00 but only calls sms-gateway",
				},
				surges: []MetricShift{
					{Service: "session-booking", Name: "http_request_duration_p99", Direction: "up", Ratio: 2.1, At: hrs(13.0)},
					{Service: "rink-db", Name: "queries_per_second", Direction: "up", Ratio: 28, At: hrs(13.0)},
				}},
			want: "19c6e4a",
		},

		// --- no commit to blame ---
		{
			name: "bridal boutiques: a gown designer's new PIM puts size before price in the weekly CSV and positional import turns UK sizes into prices; a French-price parsing change to the same column two hours before, an import log line and a storefront price label are innocent", heldOut: true,
			service: "catalog-import",
			sig: Signal{Title: "Gown prices wrong across the storefront",
				Text: "Hundreds of designer gowns show prices like €8 or €16 and sizes like 1890 since this morning's supplier import; brides are putting €12 gowns in their fitting baskets"},
			alert: 7.0,
			commits: []Commit{
				{SHA: "4e1a9c7", Parents: []string{"ab52d18"}, Author: "celine", Date: hrs(6.5), Message: "storefront: show price next to size on the gown page",
					Files: []File{{Path: "services/storefront/templates/gown.html", Patch: patch("",
						"<span class=\"size-price\">{{ gown.price_eur | eur }} · size {{ gown.size }}</span>")}}},
				{SHA: "ab52d18", Parents: []string{"b83f05d"}, Author: "tobias", Date: hrs(4.0), Message: "catalog-import: log row count per supplier file",
					Files: []File{{Path: "services/catalog-import/importer.py", Patch: patch("",
						"    log.info(\"imported %d rows from %s\", count, path.name)")}}},
				{SHA: "b83f05d", Parents: []string{"2d7f6e0"}, Author: "celine", Date: hrs(2.0), Message: "catalog-import: parse French-formatted prices (1 890,00)",
					Files: []File{{Path: "services/catalog-import/parse.py", Patch: patch(
						"    price = Decimal(row[2])",
						"    price = Decimal(row[2].replace(\"\\u202f\", \"\").replace(\" \", \"\").replace(\",\", \".\"))")}}},
				{SHA: "2d7f6e0", Parents: []string{"5f9c1b4"}, Author: "tobias", Date: hrs(-20), Message: "docs: Atelier Lumière feed spec",
					Files: []File{{Path: "docs/suppliers/atelier-lumiere.md", Patch: patch("", "Columns: sku, name, price_eur, size, colour")}}},
			},
			deploys: []Deploy{
				{SHA: "b83f05d", At: hrs(2.5), Environment: "production", Service: "catalog-import"},
				{SHA: "ab52d18", At: hrs(4.3), Environment: "production", Service: "catalog-import"},
				{SHA: "4e1a9c7", At: hrs(6.7), Environment: "production", Service: "storefront"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 5*time.Minute, firstFailing: "catalog-import", callPath: []string{"supplier-sftp", "catalog-import", "catalog-db", "storefront"},
				signature: "1,240 of 1,262 rows in atelier-lumiere_2031-03-14.csv imported with price_eur between 6 and 26 (server); each imported price equals that row's size value",
				logs: []string{
					"WARN atelier-lumiere_2031-03-14.csv header: sku,name,size,price_eur,colour (last week's file: sku,name,price_eur,size,colour)",
					"WARN 1240 gowns now priced below EUR 30 (lowest last week EUR 690)",
					"INFO the other 11 supplier files imported at 06:00 on the same build have correct prices; re-running last week's Atelier Lumière file on the current build imports correctly",
					"INFO Atelier Lumière emailed at 05:40: 'our new PIM exports size before price from this week'",
				}},
			want: "",
		},
		{
			name: "zoos: the payment SDK vendor's remote config switches on a new wallet sheet for all merchants and iPhone checkouts close at the payment step on old and new app versions alike; a family-pass tier deployed minutes before, an SDK bump only on TestFlight and a confirm log line are innocent", heldOut: true,
			service: "ticket-checkout",
			sig: Signal{Title: "iPhone app ticket purchases fail at the payment step",
				Text: "Visitors on the iPhone app can't pay for day tickets or annual passes: the payment sheet flashes and closes. Android and the website check out normally."},
			alert: 10.6,
			commits: []Commit{
				{SHA: "0f5e8d3", Parents: []string{"6a2c9b4"}, Author: "leona", Date: hrs(9.7), Message: "checkout: add the annual family pass tier",
					Files: []File{{Path: "services/ticket-checkout/pricing/tiers.go", Patch: patch(
						"\t{Code: \"annual-adult\", PriceCents: 8900},",
						"\t{Code: \"annual-adult\", PriceCents: 8900},\n\t{Code: \"annual-family\", PriceCents: 21900},")}}},
				{SHA: "6a2c9b4", Parents: []string{"c17b4f2"}, Author: "matteo", Date: hrs(8.0), Message: "ios: bump PayKit SDK to 7.4.0",
					Files: []File{{Path: "apps/ios/Podfile", Patch: patch("  pod 'PayKit', '7.3.1'", "  pod 'PayKit', '7.4.0'")}}},
				{SHA: "c17b4f2", Parents: []string{"e2d9a60"}, Author: "leona", Date: hrs(6.0), Message: "checkout: log the PaymentIntent id on confirm",
					Files: []File{{Path: "services/ticket-checkout/payments/confirm.go", Patch: patch("",
						"\tlog.Info(\"confirm\", \"intent\", pi.ID, \"tier\", order.Tier)")}}},
				{SHA: "e2d9a60", Parents: []string{"9d1f0c3"}, Author: "matteo", Date: hrs(-40), Message: "docs: PayKit integration notes",
					Files: []File{{Path: "docs/payments/paykit.md", Patch: patch("", "The app presents PayKit's sheet from the checkout screen.")}}},
			},
			deploys: []Deploy{
				{SHA: "c17b4f2", At: hrs(6.2), Environment: "production", Service: "ticket-checkout"},
				{SHA: "6a2c9b4", At: hrs(8.4), Environment: "testflight", Service: "zoo-app-ios"},
				{SHA: "0f5e8d3", At: hrs(9.8), Environment: "production", Service: "ticket-checkout"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 2*time.Minute, firstFailing: "zoo-app-ios", callPath: []string{"zoo-app-ios", "paykit-sdk"},
				affected:  []string{"zoo-app-ios", "ticket-checkout"},
				signature: "PayKitError.sheetPresentationFailed on iOS app 5.8.0 and 5.9.1 alike (client); the failing purchases never reach ticket-checkout",
				logs: []string{
					"ERROR PayKit: presenting WalletSheetV2 failed: presenter is not in the window hierarchy",
					"INFO PayKit remote config fetched 10:01:58 UTC: config_version 412 (was 409), wallet_sheet_v2=true",
					"INFO PayKit status page 10:35 UTC: 'A remote configuration change enabled Wallet Sheet v2 for all merchants at 10:00 UTC; we are rolling it back'",
					"INFO App Store builds 5.8.0 and 5.9.1 both ship PayKit 7.3.1 (5.9.1 live for three weeks); ticket-checkout error rate unchanged",
				},
				surges: []MetricShift{{Service: "ticket-checkout", Name: "payment_intents_confirmed_total", Direction: "down", Ratio: 0.35, At: hrs(10.05)}}},
			want: "",
		},
		{
			name: "comic publishers: the social team purges the whole CDN zone two minutes before the issue #50 release and the cold origin drowns; a longer s-maxage deployed half an hour earlier, a reader-handler rename and a Rails patch bump are innocent", heldOut: true,
			service: "reader-web",
			sig: Signal{Title: "Comic reader site down at the issue #50 release",
				Text: "Readers get 503s and endless loading on issue pages right before the 19:00 release of issue #50; reader-web origin servers are pinned at 100% CPU"},
			alert: 19.1,
			commits: []Commit{
				{SHA: "8d4f1a6", Parents: []string{"3b7e2c0"}, Author: "kenji", Date: hrs(18.2), Message: "reader: cache issue pages longer at the edge",
					Files: []File{{Path: "services/reader-web/app/controllers/issues_controller.rb", Patch: patch(
						"    response.headers[\"Cache-Control\"] = \"public, s-maxage=300\"",
						"    response.headers[\"Cache-Control\"] = \"public, s-maxage=600\"")}}},
				{SHA: "3b7e2c0", Parents: []string{"c58b3e1"}, Author: "rosa", Date: hrs(16.0), Message: "issues: rename IssuesController#show to #read",
					Files: []File{{Path: "services/reader-web/config/routes.rb", Patch: patch(
						"  get \"/issues/:slug\", to: \"issues#show\"",
						"  get \"/issues/:slug\", to: \"issues#read\"")}}},
				{SHA: "c58b3e1", Parents: []string{"f6a0d19"}, Author: "kenji", Date: hrs(15.0), Message: "deps: bump rails to 7.1.3.4",
					Files: []File{{Path: "services/reader-web/Gemfile", Patch: patch("gem \"rails\", \"7.1.3.3\"", "gem \"rails\", \"7.1.3.4\"")}}},
				{SHA: "f6a0d19", Parents: []string{"0b6e2d7"}, Author: "rosa", Date: hrs(12.0), Message: "docs: release-night runbook",
					Files: []File{{Path: "docs/runbooks/release-night.md", Patch: patch("", "Warm the CDN with the new issue's pages before 19:00.")}}},
			},
			deploys: []Deploy{
				{SHA: "3b7e2c0", At: hrs(16.3), Environment: "production", Service: "reader-web"},
				{SHA: "8d4f1a6", At: hrs(18.5), Environment: "production", Service: "reader-web"},
			},
			ev: caseEvidence{onsetAfter: 18*time.Hour + 58*time.Minute, firstFailing: "reader-web", callPath: []string{"browser", "cdn", "reader-web", "postgres"},
				signature: "origin 503 Service Unavailable on GET /issues/* (server); CDN cache hit ratio 96% -> 4% at 18:57",
				logs: []string{
					"INFO CDN audit log 18:57:12 UTC: 'Purge Everything' on zone inkwell.example by API token social-team-scheduler (social media team)",
					"INFO #social 18:56: 'purging the site so the issue #50 cover art shows up on shares'",
					"WARN reader-web: request queue full, shedding GET /issues/starfall-50",
					"INFO between 18:30 and 18:57 the new build served with s-maxage=600 and the CDN hit ratio held at 96%",
				},
				surges: []MetricShift{
					{Service: "reader-web", Name: "http_requests_per_second", Direction: "up", Ratio: 24, At: hrs(18.96)},
					{Service: "cdn", Name: "cache_hit_ratio", Direction: "down", Ratio: 0.04, At: hrs(18.95)},
				}},
			want: "",
		},
		{
			name: "pet boarding kennels: the database provider's automatic minor-version upgrade at 03:00 flips the availability query to a full scan; a pet-size filter added to that very query five hours earlier, a connector bump and a logging line are innocent", heldOut: true,
			service: "kennel-booking",
			sig: Signal{Title: "Kennel availability search times out",
				Text: "Owners searching for boarding dates get spinners and timeouts since early morning; availability p95 went from 40 ms to 2.8 s"},
			alert: 7.5,
			commits: []Commit{
				{SHA: "5e8b0c2", Parents: []string{"2c9e7b5"}, Author: "hugo", Date: hrs(5.5), Message: "availability: log owner id on failed searches",
					Files: []File{{Path: "services/kennel-booking/src/main/java/kennel/availability/AvailabilityController.java", Patch: patch("",
						"        log.warn(\"availability search failed owner={} kennel={}\", ownerId, kennelId, e);")}}},
				{SHA: "2c9e7b5", Parents: []string{"d07a3e9"}, Author: "selin", Date: hrs(-2.3), Message: "availability: filter runs by pet size",
					Files: []File{{Path: "services/kennel-booking/src/main/resources/sql/availability.sql", Patch: patch(
						"WHERE s.kennel_id = :kennelId AND s.check_in < :to AND s.check_out > :from",
						"WHERE s.kennel_id = :kennelId AND s.check_in < :to AND s.check_out > :from\n  AND r.max_pet_size >= :petSize")}}},
				{SHA: "d07a3e9", Parents: []string{"a41f6d8"}, Author: "hugo", Date: hrs(-10), Message: "docs: database maintenance window",
					Files: []File{{Path: "docs/ops/database.md", Patch: patch("", "Provider maintenance window: 03:00-04:00 UTC.")}}},
				{SHA: "a41f6d8", Parents: []string{"7c3a9e1"}, Author: "selin", Date: hrs(-50), Message: "deps: bump mysql-connector-j to 8.4.0",
					Files: []File{{Path: "services/kennel-booking/pom.xml", Patch: patch(
						"      <version>8.3.0</version>",
						"      <version>8.4.0</version>")}}},
			},
			deploys: []Deploy{
				{SHA: "a41f6d8", At: hrs(-49), Environment: "production", Service: "kennel-booking"},
				{SHA: "2c9e7b5", At: hrs(-2.0), Environment: "production", Service: "kennel-booking"},
				{SHA: "5e8b0c2", At: hrs(6.0), Environment: "production", Service: "kennel-booking"},
			},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 6*time.Minute, firstFailing: "kennel-booking", callPath: []string{"web", "kennel-booking", "mysql"},
				signature: "availability query p95 40 ms -> 2.8 s from 03:06 (server); EXPLAIN now shows a full scan of stays (type=ALL) instead of idx_stays_kennel_dates",
				logs: []string{
					"INFO provider event 03:00-03:05 UTC: 'Automatic minor version upgrade 8.0.36 -> 8.0.40 completed, instance restarted' (auto_minor_version_upgrade is on in the provider console, not in git)",
					"INFO SELECT VERSION() returns 8.0.40 (8.0.36 at 02:59)",
					"INFO the query with the pet-size filter ran at p95 38 ms from 22:00 to 03:00; the query text without the filter also full-scans stays on 8.0.40",
					"WARN HikariPool-1 - Connection is not available, request timed out after 30000ms",
				},
				surges: []MetricShift{
					{Service: "kennel-booking", Name: "http_request_duration_p95", Direction: "up", Ratio: 70, At: hrs(3.1)},
					{Service: "mysql", Name: "rows_examined_per_second", Direction: "up", Ratio: 400, At: hrs(3.1)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesEighteenthBatch(t *testing.T) {
	runHeldOutBatch(t, "eighteenth", culpritCasesEighteenthBatch())
}
