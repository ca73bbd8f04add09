package triage

// culprit_cases29_test.go is a twenty-ninth held-out batch (12 cases):
// seven where one commit is to blame (a coverage cache keyed without the
// plan, a deadline's end of day taken in UTC, batch totals shrunk to int32,
// a DOI regex made greedy, a rate lookup that lost its ORDER BY, a batch
// size raised past Postgres's bind-parameter limit, an nginx location that
// stops inheriting proxy headers) and five where no commit is (a GPS time
// server serving GPS time, a partner's truncated file, a lapsed domain, a
// partner API's changed response, a DBA's VACUUM FULL at lunchtime).
//
// First run (after the twenty-seventh batch's fixes): 5/12, six wrong
// blames (four other commits where one was to blame, two innocents where
// none was: a GPS time server and a DBA's VACUUM FULL) and one abstention.
// Nothing was changed for it; the six are kept as limitations.

// Written without reading the triage rules on 2026-12-06. Industries: pharmacy benefit managers, university admissions offices, student loan servicers, academic journal publishers, natural gas distribution utilities, freight railcar leasing, visa application centres, maritime rescue coordination centres, mortgage servicers, crematoria, hotel chains, school meal programmes.

import (
	"testing"
	"time"
)

// culpritCasesTwentyNinthBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentyNinthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "pharmacy benefit managers: the formulary service keys its coverage cache by NDC alone, dropping the plan, so a drug first looked up for the state Medicaid plan (which excludes it) is then rejected as not covered for commercial members; an eligibility retry change released later on the alerting claims service, a reject-code runbook, a scaffeine bump and step-therapy tests are innocent", heldOut: true,
			service: "claims-adjudication",
			sig:     Signal{Title: "INC0481223 | P3 | Retail pharmacy claims rejected: product not covered", Text: "Raised by Pharmacy Help Desk. 1,212 reject-70 responses between 12:15 and 13:30 UTC (normally 40-60 an hour). Pharmacists say members on commercial plans are rejected for drugs their formulary lists (insulin glargine, atorvastatin). Impact per caller: Medium"},
			alert:   13.6,
			commits: []Commit{
				{SHA: "b61399e", Parents: []string{"e6d63b2"}, Author: "renata", Date: hrs(13.1), Message: "claims: retry eligibility lookups twice on 503",
					Files: []File{{Path: "services/claims-adjudication/src/main/java/com/pbm/claims/EligibilityClient.java", Patch: patch(
						"    private static final int MAX_RETRIES = 0;",
						"    private static final int MAX_RETRIES = 2; // 503 from eligibility-service, 150 ms backoff")}}},
				{SHA: "e6d63b2", Parents: []string{"c87e19f"}, Author: "obi", Date: hrs(12.6), Message: "docs: troubleshooting reject code 70 (product/service not covered)",
					Files: []File{{Path: "docs/runbooks/ncpdp-reject-70.md", Patch: patch("", "## Reject 70 on a covered drug\n1. Check the member's plan and formulary year in the claim log.\n2. Compare with `GET /formulary/v1/coverage?plan=...&ndc=...`.")}}},
				{SHA: "c87e19f", Parents: []string{"0a455b1"}, Author: "obi", Date: hrs(11.9), Message: "formulary: key the coverage cache by NDC, most plans share the national formulary (hit rate 31% -> 94% in staging)",
					Files: []File{{Path: "services/formulary-service/src/main/scala/com/pbm/formulary/CoverageCache.scala", Patch: patch(
						"  private val cache: Cache[(PlanId, Ndc), Coverage] =\n    Scaffeine().expireAfterWrite(30.minutes).maximumSize(2000000).build()\n  def coverage(plan: PlanId, ndc: Ndc): Coverage =\n    cache.get((plan, ndc), _ => repo.lookup(plan, ndc))",
						"  private val cache: Cache[Ndc, Coverage] =\n    Scaffeine().expireAfterWrite(30.minutes).maximumSize(200000).build()\n  def coverage(plan: PlanId, ndc: Ndc): Coverage =\n    cache.get(ndc, _ => repo.lookup(plan, ndc))")}}},
				{SHA: "0a455b1", Parents: []string{"b4b8bc3"}, Author: "renata", Date: hrs(10.5), Message: "deps: bump scaffeine to 5.3.0",
					Files: []File{{Path: "services/formulary-service/build.sbt", Patch: patch("  \"com.github.blemale\" %% \"scaffeine\" % \"5.2.1\",", "  \"com.github.blemale\" %% \"scaffeine\" % \"5.3.0\",")}}},
				{SHA: "b4b8bc3", Parents: []string{"193f574"}, Author: "obi", Date: hrs(-6), Message: "formulary: tests for step therapy edits",
					Files: []File{{Path: "services/formulary-service/src/test/scala/com/pbm/formulary/StepTherapySpec.scala", Patch: patch("", "  \"step therapy\" should \"require metformin before a GLP-1 on ACME-PPO\" in {\n    coverage(acmePpo, semaglutide).stepTherapy shouldBe Some(metformin)\n  }")}}},
			},
			deploys: []Deploy{
				{SHA: "0a455b1", At: hrs(10.8), Environment: "production", Service: "formulary-service"},
				{SHA: "c87e19f", At: hrs(12.2), Environment: "production", Service: "formulary-service"},
				{SHA: "b61399e", At: hrs(13.3), Environment: "production", Service: "claims-adjudication"},
			},
			ev: caseEvidence{onsetAfter: 12*time.Hour + 15*time.Minute, firstFailing: "formulary-service", callPath: []string{"pharmacy-switch", "claims-adjudication", "formulary-service", "formulary-db"},
				affected:  []string{"claims-adjudication", "prior-auth-portal"},
				signature: "NCPDP reject 70 (Product/Service Not Covered) for plan ACME-PPO-2031 NDC 50090441700: coverage response carries formularyId OHMCD-FFS-2031 tier EXCLUDED (server)",
				logs: []string{
					"WARN claims-adjudication: claim 3318820194 plan=ACME-PPO-2031 ndc=50090441700 rejected 70; coverage formularyId=OHMCD-FFS-2031, expected ACME-2031-NAT",
					"INFO formulary-service: coverage cache hit rate 94% since 12:12 (31% before); formulary-db lookups down from 2,900/s to 170/s",
					"INFO rejects cluster on NDCs whose first lookup after 12:12 came from the Ohio Medicaid fee-for-service plan, which excludes many brands; the same NDCs pay normally when first seen under a commercial plan",
					"INFO claims-adjudication: eligibility retries fired 0 times since the 13:18 release; eligibility-service has returned no 503 today",
					"Farmacia 0412 (San Antonio): rechazan la insulina de un afiliado como 'no cubierta', su plan sí la cubre; el paciente se fue sin el medicamento",
					"WARN prior-auth-portal: PA requests for drugs already on the member's formulary up 9x since 12:30",
				},
				surges: []MetricShift{
					{Service: "claims-adjudication", Name: "ncpdp_reject_70_total", Direction: "up", Ratio: 25, At: hrs(12.25)},
					{Service: "formulary-db", Name: "queries_per_second", Direction: "down", Ratio: 0.06, At: hrs(12.2)},
				}},
			want: "c87e19f",
		},
		{
			name: "university admissions offices: the portal computes the application deadline's end of day in UTC instead of the campus zone, so on deadline day submissions close at 16:59:59 Pacific instead of 23:59; the deadline-day banner released half an hour before, a luxon bump, a deadline-extension doc and a recommender reminder change are innocent", heldOut: true,
			limitation: "an end of day computed in UTC instead of the campus zone is not tied to a deadline that closed hours early",
			service:    "application-portal",
			sig:        Signal{Title: "#admissions-ops: students can't submit applications", Text: "Hi all, Dean's office here. We're getting tons of emails and calls, students say the portal tells them the deadline has passed but it's only 5pm!! The website says 11:59 pm Pacific. This is the biggest day of our year, please fix ASAP"},
			alert:      24.4,
			commits: []Commit{
				{SHA: "f58e591", Parents: []string{"43faf4b"}, Author: "kenji", Date: hrs(23.2), Message: "portal: deadline-day banner on the applicant dashboard",
					Files: []File{{Path: "services/application-portal/src/components/DeadlineBanner.tsx", Patch: patch("", "export const DeadlineBanner = ({ cycle }: Props) =>\n  isDeadlineDay(cycle) ? <Banner tone=\"warning\">Applications close {cycle.deadlineLabel}</Banner> : null;")}}},
				{SHA: "43faf4b", Parents: []string{"faafbf7"}, Author: "priya", Date: hrs(15), Message: "deps: bump luxon to 3.4.4",
					Files: []File{{Path: "services/application-portal/package.json", Patch: patch("    \"luxon\": \"3.4.3\",", "    \"luxon\": \"3.4.4\",")}}},
				{SHA: "faafbf7", Parents: []string{"c8a9b66"}, Author: "kenji", Date: hrs(5.5), Message: "deadlines: compute cycle deadlines in UTC like the rest of the API",
					Files: []File{{Path: "services/application-portal/src/deadlines/closesAt.ts", Patch: patch(
						"export function closesAt(cycle: Cycle, campus: Campus): DateTime {\n  return DateTime.fromISO(cycle.deadline, { zone: campus.timeZone }).endOf('day');",
						"export function closesAt(cycle: Cycle): DateTime {\n  return DateTime.fromISO(cycle.deadline, { zone: 'utc' }).endOf('day');")}}},
				{SHA: "c8a9b66", Parents: []string{"44d9b6a"}, Author: "priya", Date: hrs(2), Message: "docs: how to extend a deadline for one program",
					Files: []File{{Path: "docs/admissions/deadline-extensions.md", Patch: patch("", "Set `deadline_override` on the program's cycle row; the portal reads it on the next request.")}}},
				{SHA: "44d9b6a", Parents: []string{"1a6f193"}, Author: "marta", Date: hrs(-3), Message: "recommenders: send the reminder email at 8am campus time",
					Files: []File{{Path: "services/recommender-mailer/src/schedule.ts", Patch: patch("const REMINDER_CRON = '0 9 * * *';", "const REMINDER_CRON = '0 8 * * *';")}}},
			},
			deploys: []Deploy{
				{SHA: "44d9b6a", At: hrs(-2.7), Environment: "production", Service: "recommender-mailer"},
				{SHA: "faafbf7", At: hrs(6), Environment: "production", Service: "application-portal"},
				{SHA: "43faf4b", At: hrs(15.3), Environment: "production", Service: "application-portal"},
				{SHA: "f58e591", At: hrs(23.4), Environment: "production", Service: "application-portal"},
			},
			ev: caseEvidence{onsetAfter: 24 * time.Hour, firstFailing: "application-portal", callPath: []string{"applicant-browser", "application-portal", "admissions-db"},
				affected:  []string{"application-portal"},
				signature: "409 DEADLINE_PASSED on POST /api/applications/{id}/submit: cycle GRAD-FALL-2031 closesAt 2031-03-14T23:59:59.999Z, campus zone America/Los_Angeles (server)",
				logs: []string{
					"WARN submit rejected: application A-2031-118842 now=2031-03-15T00:00:07Z closesAt=2031-03-14T23:59:59.999Z (16:59:59 PDT)",
					"INFO submissions ran at 140/min at 16:55 PDT and climbing; last year 38% of applications arrived after 5 pm on deadline day",
					"INFO DeadlineBanner renders cycle.deadlineLabel, the fixed text 'March 14, 11:59 p.m. Pacific'; it does not call closesAt",
					"INFO recommender-mailer sent 2,104 reminders at 08:00 PDT without errors",
					"Correo de un aspirante: no pude enviar mi solicitud a las 5:10 p. m., la página dice que la fecha límite ya pasó, ¿todavía puedo aplicar?",
				},
				surges: []MetricShift{
					{Service: "application-portal", Name: "submit_409_total", Direction: "up", Ratio: 400, At: hrs(24)},
					{Service: "application-portal", Name: "applications_submitted_total", Direction: "down", Ratio: 0.01, At: hrs(24)},
				}},
			want: "faafbf7",
		},
		{
			name: "student loan servicers: the ACH file builder shrinks its batch control fields to int32 cents, so the first batch over $21,474,836.47 (a university's spring-quarter disbursement) wraps negative and the bank rejects the file; an SFTP retry policy released on the alerting disbursements service shortly before, an sftp library bump, golden-file tests on small refund batches and a reject-codes doc are innocent", heldOut: true,
			limitation: "a field narrowed to 32 bits is not read as an overflow that wraps a large total negative",
			service:    "disbursements",
			sig:        Signal{Title: "Fwd: ODFI file reject - DISB20310314A.ach", Text: "From: Treasury Operations\nThe bank rejected this morning's school disbursement file at 10:03 (reason: batch control total invalid, batch 3). 11 batches, 48.2M USD not settled; schools expect spring-quarter funds Monday. Resubmission window closes 14:00 ET."},
			alert:      10.6,
			commits: []Commit{
				{SHA: "21fbf9a", Parents: []string{"e1e24db"}, Author: "dalia", Date: hrs(9.2), Message: "disbursements: retry SFTP upload to the ODFI three times with backoff",
					Files: []File{{Path: "services/disbursements/internal/upload/sftp.go", Patch: patch(
						"\tif err := c.put(ctx, file); err != nil {\n\t\treturn fmt.Errorf(\"upload %s: %w\", file.Name, err)\n\t}",
						"\tif err := retry.Do(ctx, 3, 10*time.Second, func() error { return c.put(ctx, file) }); err != nil {\n\t\treturn fmt.Errorf(\"upload %s: %w\", file.Name, err)\n\t}")}}},
				{SHA: "e1e24db", Parents: []string{"b2796b6"}, Author: "tomasz", Date: hrs(3), Message: "docs: ODFI file reject and return codes",
					Files: []File{{Path: "docs/ach/reject-codes.md", Patch: patch("", "| Batch control total invalid | Sum of entry amounts does not match field 6/7 of the batch control record | rebuild the file |")}}},
				{SHA: "b2796b6", Parents: []string{"dd018e8"}, Author: "dalia", Date: hrs(-5.5), Message: "nacha: golden-file tests for refund batches",
					Files: []File{{Path: "services/ach-file-builder/internal/nacha/batch_test.go", Patch: patch("", "func TestRefundBatchGolden(t *testing.T) {\n\tb := buildBatch(t, \"testdata/refunds_small.json\") // 42 entries, $61,230.17\n\tgolden(t, \"testdata/refunds_small.ach\", b.Bytes())\n}")}}},
				{SHA: "dd018e8", Parents: []string{"6299a79"}, Author: "tomasz", Date: hrs(-6.5), Message: "nacha: smaller record structs (int32 fields), 38% less heap on the 2M-entry refund file",
					Files: []File{{Path: "services/ach-file-builder/internal/nacha/batch.go", Patch: patch(
						"type BatchControl struct {\n\tEntryCount  int\n\tTotalCredit int64 // cents\n}\n\tbc.TotalCredit += e.AmountCents",
						"type BatchControl struct {\n\tEntryCount  int32\n\tTotalCredit int32 // cents; the NACHA amount field is 10 digits\n}\n\tbc.TotalCredit += int32(e.AmountCents)")}}},
				{SHA: "6299a79", Parents: []string{"f94bbdd"}, Author: "dalia", Date: hrs(-9), Message: "deps: bump github.com/pkg/sftp to v1.13.7",
					Files: []File{{Path: "services/ach-file-builder/go.mod", Patch: patch("\tgithub.com/pkg/sftp v1.13.6", "\tgithub.com/pkg/sftp v1.13.7")}}},
			},
			deploys: []Deploy{
				{SHA: "6299a79", At: hrs(-8.6), Environment: "production", Service: "ach-file-builder"},
				{SHA: "dd018e8", At: hrs(-6), Environment: "production", Service: "ach-file-builder"},
				{SHA: "21fbf9a", At: hrs(9.4), Environment: "production", Service: "disbursements"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 3*time.Minute, firstFailing: "ach-file-builder", callPath: []string{"disbursements", "ach-file-builder", "odfi-sftp"},
				affected:  []string{"disbursements", "school-portal"},
				signature: "ODFI reject: batch 0000003 total credit -1,933,406,208 does not match sum of entries 2,361,561,088 in DISB20310314A.ach (client)",
				logs: []string{
					"INFO ach-file-builder: batch 3 (Ivy State University, 9,412 entries, $23,615,610.88) control record written with total credit '-01933406208'",
					"INFO batches 1, 2 and 4-11 of the same file (each under $21.4M) balance; the nightly refund files at 18:10 and 02:10 (largest batch $1.9M) were accepted",
					"INFO disbursements: SFTP upload succeeded on the first attempt at 10:01; the retry path was not used",
					"ERROR disbursements: ODFI acknowledgement for DISB20310314A.ach: REJECTED, 0 of 11 batches settled",
					"Universidad del Este (Puerto Rico): no hemos recibido los fondos de préstamos del trimestre, 1.240 estudiantes esperan su reembolso",
				},
				surges: []MetricShift{{Service: "disbursements", Name: "ach_files_rejected_total", Direction: "up", Ratio: 0, At: hrs(10.05)}}},
			want: "dd018e8",
		},
		{
			name: "academic journal publishers: the reference extractor's DOI regex becomes a greedy \\S+, so DOIs swallow the closing parenthesis and full stop after them and Crossref cannot match the citations of today's articles; the deposit client's new asynchronous endpoint deployed minutes before the publication batch, an lxml bump, a style guide and an unmatched-citation counter are innocent", heldOut: true,
			limitation: "a regular expression made greedy is not read as a parsing change",
			service:    "crossref-deposit",
			sig:        Signal{Title: "[Alerting] Crossref citation match rate", Text: "citation_match_ratio = 0.38 (threshold < 0.75) for journal group 'Life Sciences'; 412 articles deposited since 09:00 UTC"},
			alert:      9.6,
			commits: []Commit{
				{SHA: "b10f982", Parents: []string{"5de7e7e"}, Author: "hannah", Date: hrs(8.5), Message: "deposit: poll the submission status asynchronously instead of blocking 60 s",
					Files: []File{{Path: "services/crossref-deposit/crossref_deposit/client.py", Patch: patch(
						"    result = session.post(DEPOSIT_URL, files=files, timeout=60)\n    return parse_result(result.text)",
						"    submission = session.post(DEPOSIT_URL, files=files, timeout=10)\n    return await poll_submission(session, submission.headers[\"X-Batch-Id\"], interval=30)")}}},
				{SHA: "5de7e7e", Parents: []string{"51f37da"}, Author: "ravi", Date: hrs(7), Message: "deps: bump lxml to 5.2.2",
					Files: []File{{Path: "services/crossref-deposit/requirements.txt", Patch: patch("lxml==5.2.1", "lxml==5.2.2")}}},
				{SHA: "51f37da", Parents: []string{"c70ce98"}, Author: "ravi", Date: hrs(4.8), Message: "refs: simplify the DOI pattern (the lookahead version cut DOIs like 10.1002/(SICI)1097-4636)",
					Files: []File{{Path: "services/reference-extractor/refextract/patterns.py", Patch: patch(
						`DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+?)(?=[.,;:)\]]*(?:\s|$))")`,
						`DOI_RE = re.compile(r"\b(10\.\d{4,9}/\S+)")`)}}},
				{SHA: "c70ce98", Parents: []string{"9d45842"}, Author: "hannah", Date: hrs(1), Message: "docs: reference style guide for authors",
					Files: []File{{Path: "docs/authors/references.md", Patch: patch("", "End each reference with its DOI, e.g. `... Nature 601, 12-18 (2030). https://doi.org/10.1038/s41586-030-0412-7`.")}}},
				{SHA: "9d45842", Parents: []string{"2ede1f3"}, Author: "ravi", Date: hrs(-14), Message: "deposit: count unmatched citations per article",
					Files: []File{{Path: "services/crossref-deposit/crossref_deposit/metrics.py", Patch: patch("", "UNMATCHED = Counter(\"crossref_unmatched_citations_total\", \"citations Crossref could not match\", [\"journal\"])")}}},
			},
			deploys: []Deploy{
				{SHA: "9d45842", At: hrs(-13.5), Environment: "production", Service: "crossref-deposit"},
				{SHA: "51f37da", At: hrs(5.1), Environment: "production", Service: "reference-extractor"},
				{SHA: "5de7e7e", At: hrs(7.3), Environment: "production", Service: "crossref-deposit"},
				{SHA: "b10f982", At: hrs(8.7), Environment: "production", Service: "crossref-deposit"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "reference-extractor", callPath: []string{"publication-scheduler", "crossref-deposit", "reference-extractor"},
				affected:  []string{"crossref-deposit", "article-html"},
				signature: "Crossref submission 1502839475: 1,116 of 1,802 citations status=error 'DOI not found', e.g. 10.1093/nar/gkad1043). (server)",
				logs: []string{
					"WARN crossref-deposit: article 10.5531/ls.2031.0412 ref23 doi '10.1016/j.cell.2030.11.004).' not found",
					"INFO reference-extractor: 61% of DOIs extracted since 05:06 end in '.', ')', ']' or ';' (0.4% before)",
					"INFO re-deposit at 09:40 of Thursday's issue (references extracted Wednesday) through the new asynchronous client: 1,702 of 1,846 citations matched",
					"Redaktion Zellbiologie: In den heute erschienenen Artikeln führen die DOI-Links im Literaturverzeichnis auf 'DOI Not Found'",
					"WARN article-html: doi.org answered 404 for 4,210 reference links rendered today",
				},
				surges: []MetricShift{{Service: "crossref-deposit", Name: "crossref_unmatched_citations_total", Direction: "up", Ratio: 7, At: hrs(9.05)}}},
			want: "51f37da",
		},
		{
			name: "natural gas distribution utilities: the bill calculator's unit-rate lookup is simplified to find_by with a valid_from range and no ORDER BY, so it takes the oldest matching rate (2019) and the evening bill run comes out at about 40% of normal; a Sidekiq queue split deployed twenty minutes before the run, a pg gem bump, an index on unit_rates and a runbook are innocent", heldOut: true,
			service: "gas-billing",
			sig:     Signal{Title: "Ticket FAC-2291 - Contrôle de vraisemblance : factures bloquées", Text: "Le lot de facturation de 19h00 a bloqué 41 870 factures sur 212 400 (règle : montant < 50 % de la période précédente). Exemple : compte 7718-220-04, 38,10 € au lieu d'environ 91 €. Envoi prévu demain 06:00."},
			alert:   19.6,
			commits: []Commit{
				{SHA: "8ed6f15", Parents: []string{"9e3b77c"}, Author: "wout", Date: hrs(18.4), Message: "bill run: spread bill jobs over 8 Sidekiq queues",
					Files: []File{{Path: "services/gas-billing/app/jobs/bill_run_job.rb", Patch: patch(
						"      accounts.find_each { |a| BillJob.perform_async(a.id) }",
						"      accounts.find_each { |a| BillJob.set(queue: \"bill_run_#{a.id % 8}\").perform_async(a.id) }")}}},
				{SHA: "9e3b77c", Parents: []string{"a0866f1"}, Author: "chloe", Date: hrs(9.1), Message: "billing: simplify unit rate lookup with find_by",
					Files: []File{{Path: "services/gas-billing/app/services/bill_calculator.rb", Patch: patch(
						"    rate = UnitRate.where(tariff_code: contract.tariff_code)\n                   .where(\"valid_from <= ?\", period.end_on)\n                   .order(valid_from: :desc).first",
						"    rate = UnitRate.find_by(tariff_code: contract.tariff_code, valid_from: ..period.end_on)")}}},
				{SHA: "a0866f1", Parents: []string{"8880721"}, Author: "wout", Date: hrs(7), Message: "deps: bump pg to 1.5.6",
					Files: []File{{Path: "services/gas-billing/Gemfile.lock", Patch: patch("    pg (1.5.4)", "    pg (1.5.6)")}}},
				{SHA: "8880721", Parents: []string{"e480073"}, Author: "chloe", Date: hrs(-20), Message: "db: index unit_rates on tariff_code and valid_from",
					Files: []File{{Path: "services/gas-billing/db/migrate/20310313040000_add_index_unit_rates_on_tariff_code_and_valid_from.rb", Patch: patch("", "  disable_ddl_transaction!\n  def change\n    add_index :unit_rates, [:tariff_code, :valid_from], algorithm: :concurrently\n  end")}}},
				{SHA: "e480073", Parents: []string{"2ff74b6"}, Author: "wout", Date: hrs(-26), Message: "docs: runbook for estimated meter reads",
					Files: []File{{Path: "docs/runbooks/estimated-reads.md", Patch: patch("", "If a smart meter sent no read for the period, the bill uses the profile estimate (SLP) and is flagged E.")}}},
			},
			deploys: []Deploy{
				{SHA: "8880721", At: hrs(-19.6), Environment: "production", Service: "gas-billing"},
				{SHA: "a0866f1", At: hrs(7.3), Environment: "production", Service: "gas-billing"},
				{SHA: "9e3b77c", At: hrs(9.5), Environment: "production", Service: "gas-billing"},
				{SHA: "8ed6f15", At: hrs(18.8), Environment: "production", Service: "gas-billing"},
			},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 10*time.Minute, firstFailing: "gas-billing", callPath: []string{"bill-run-scheduler", "gas-billing", "postgres-billing"},
				affected:  []string{"gas-billing", "bill-print"},
				signature: "variance hold: 41,870 of 212,400 bills below 50% of the previous period; unit rate 2.61 c€/kWh (DOM-STD valid_from 2019-04-01) applied to periods ending 2031-03-13 (batch)",
				logs: []string{
					"WARN variance-check: compte 7718-220-04 facture 38,10 € (période précédente 91,44 €, consommation +4 %)",
					"INFO bill lines since 09:30 carry unit_rate_id 3 (DOM-STD, valid_from 2019-04-01, 2.61 c€/kWh); the current DOM-STD row is valid_from 2030-10-01, 6.84 c€/kWh",
					"INFO hourly reprint job: the 08:00 and 09:00 reprints used 6.84 c€/kWh, every DOM-STD reprint from 10:00 on used 2.61",
					"INFO fixed-price products launched in 2029-2030 have one rate row each and priced normally; every held bill is on DOM-STD, the only tariff with rows back to 2019",
					"INFO Sidekiq: bill jobs on bill_run_0..7 since 18:48, no job errors, throughput 3.1x",
					"Klantendienst: twee klanten bellen over een herdrukte gasfactuur die de helft lager is dan vorige maand",
				},
				surges: []MetricShift{{Service: "gas-billing", Name: "variance_holds_total", Direction: "up", Ratio: 700, At: hrs(19.2)}}},
			want: "9e3b77c",
		},
		{
			name: "freight railcar leasing: the mileage pipeline's Postgres batch size goes from 2,000 to 10,000 rows of 9 fields, past the protocol's 65,535 bind parameters, and every insert fails once the 06:00 full-roster CLM dumps fill a batch; raising processor concurrency fifteen minutes before, a postgrex bump, tests and a docs page are innocent", heldOut: true,
			limitation: "a batch raised past the database's bound-parameter limit loses to a concurrency change on shared words",
			service:    "mileage-ingest",
			sig:        Signal{Title: "Triggered: [mileage-ingest] failed messages > 100/min", Text: "mileage_ingest.broadway.failed_messages is 18,400/min (threshold 100) on env:prod. Car hire billing for today runs at 23:00 UTC on whatever mileage has landed."},
			alert:      6.4,
			commits: []Commit{
				{SHA: "d126c8f", Parents: []string{"37d4aa5"}, Author: "bruna", Date: hrs(6.2), Message: "docs: CLM event field reference",
					Files: []File{{Path: "docs/clm-events.md", Patch: patch("", "| sighting_code | A = arrival, D = departure, P = placement, R = release |")}}},
				{SHA: "37d4aa5", Parents: []string{"480e4ba"}, Author: "lars", Date: hrs(5.6), Message: "ingest: 4 Broadway processors to parse CLM messages in parallel",
					Files: []File{{Path: "services/mileage-ingest/lib/mileage_ingest/pipeline.ex", Patch: patch("      processors: [default: [concurrency: 1]],", "      processors: [default: [concurrency: 4]],")}}},
				{SHA: "480e4ba", Parents: []string{"e90fc8b"}, Author: "bruna", Date: hrs(-2), Message: "test: CLM parser handles empty sighting codes",
					Files: []File{{Path: "services/mileage-ingest/test/mileage_ingest/clm_parser_test.exs", Patch: patch("", "  test \"empty sighting code is nil\" do\n    assert {:ok, %{sighting_code: nil}} = ClmParser.parse(@line_without_code)\n  end")}}},
				{SHA: "e90fc8b", Parents: []string{"5edac36"}, Author: "lars", Date: hrs(-4), Message: "ingest: 10k-row insert batches to keep up with the CLM backlog",
					Files: []File{{Path: "services/mileage-ingest/lib/mileage_ingest/pipeline.ex", Patch: patch(
						"      batchers: [\n        postgres: [concurrency: 2, batch_size: 2_000, batch_timeout: 5_000]",
						"      batchers: [\n        postgres: [concurrency: 2, batch_size: 10_000, batch_timeout: 5_000]")}}},
				{SHA: "5edac36", Parents: []string{"e0593a6"}, Author: "bruna", Date: hrs(-9), Message: "deps: bump postgrex to 0.18.0",
					Files: []File{{Path: "services/mileage-ingest/mix.lock", Patch: patch("  \"postgrex\": {:hex, :postgrex, \"0.17.5\",", "  \"postgrex\": {:hex, :postgrex, \"0.18.0\",")}}},
			},
			deploys: []Deploy{
				{SHA: "5edac36", At: hrs(-8.6), Environment: "production", Service: "mileage-ingest"},
				{SHA: "e90fc8b", At: hrs(-3.6), Environment: "production", Service: "mileage-ingest"},
				{SHA: "37d4aa5", At: hrs(5.8), Environment: "production", Service: "mileage-ingest"},
			},
			ev: caseEvidence{onsetAfter: 6*time.Hour + 3*time.Minute, firstFailing: "mileage-ingest", callPath: []string{"railroad-clm-feed", "mileage-ingest", "postgres-fleet"},
				affected:  []string{"mileage-ingest", "car-hire-billing"},
				signature: "** (ArgumentError) postgresql protocol can not handle 90000 parameters, the maximum is 65535 in MileageIngest.Writer.insert_batch/1 (client)",
				logs: []string{
					"ERROR Broadway mileage_pipeline batcher postgres: batch of 10000 messages failed: ** (ArgumentError) postgresql protocol can not handle 90000 parameters, the maximum is 65535",
					"INFO postgrex 0.18.0 inserted 2,000-row batches from 15:24 to 20:24 yesterday; after 20:24 batches closed on the 5 s timeout at 600-3,100 rows until the 06:00 full-roster dumps filled them",
					"INFO processor stage (concurrency 4 since 05:48) parsed 212,000 CLM messages without error; every failure is in the postgres batcher's insert_all",
					"WARN car-hire-billing: no mileage rows for 41,200 leased cars for 2031-03-14",
					"Patio Monterrey: el portal de arrendamiento no muestra el kilometraje de los carros tanque desde las 6:00",
				},
				surges: []MetricShift{
					{Service: "mileage-ingest", Name: "broadway_failed_messages_total", Direction: "up", Ratio: 900, At: hrs(6.05)},
					{Service: "postgres-fleet", Name: "mileage_rows_inserted_per_minute", Direction: "down", Ratio: 0.02, At: hrs(6.05)},
				}},
			want: "e90fc8b",
		},
		{
			name: "visa application centres: adding one proxy_set_header to the appointments location at the edge nginx stops it inheriting the server-level Host and X-Forwarded-Proto headers, so Django's CSRF origin check rejects every POST; an open-appointment limit released later on the alerting service, a Django bump, a CSRF docs page and a replica change are innocent", heldOut: true,
			service: "appointment-booking",
			sig:     Signal{Title: "P1 - Booking confirmations failing (all centres)", Text: "Opsgenie alert, tag: TOTAL OUTAGE. Applicants can open the calendar and pick a slot but 'Confirm' returns an error. 0 confirmed bookings since 10:40 UTC (usual ~900/hour). Casablanca, São Paulo and Manila centres reporting."},
			alert:   11.4,
			commits: []Commit{
				{SHA: "e017b2c", Parents: []string{"3f70041"}, Author: "youssef", Date: hrs(10.9), Message: "booking: at most 2 open appointments per passport number",
					Files: []File{{Path: "services/appointment-booking/booking/views.py", Patch: patch("", "        if Appointment.objects.open_for_passport(form.cleaned_data[\"passport_no\"]).count() >= 2:\n            return JsonResponse({\"error\": \"too_many_open_appointments\"}, status=409)")}}},
				{SHA: "3f70041", Parents: []string{"8fab2e0"}, Author: "camila", Date: hrs(10.2), Message: "edge: pass X-Request-ID to the appointments API for tracing",
					Files: []File{{Path: "deploy/edge-proxy/conf.d/book.visacentre.conf", Patch: patch(
						"    location /api/appointments/ {\n        proxy_pass http://appointments;",
						"    location /api/appointments/ {\n        proxy_set_header X-Request-ID $request_id;\n        proxy_pass http://appointments;")}}},
				{SHA: "8fab2e0", Parents: []string{"e5cb3c8"}, Author: "youssef", Date: hrs(6), Message: "docs: add the new consular domain to CSRF_TRUSTED_ORIGINS before the DNS switch",
					Files: []File{{Path: "docs/operations/csrf.md", Patch: patch("", "Before moving a centre to a new domain, add `https://<domain>` to CSRF_TRUSTED_ORIGINS and redeploy appointment-booking.")}}},
				{SHA: "e5cb3c8", Parents: []string{"16b5747"}, Author: "camila", Date: hrs(-18), Message: "deps: bump Django to 4.2.16",
					Files: []File{{Path: "services/appointment-booking/requirements.txt", Patch: patch("Django==4.2.15", "Django==4.2.16")}}},
				{SHA: "16b5747", Parents: []string{"7b79a6a"}, Author: "youssef", Date: hrs(-25), Message: "k8s: appointment-booking to 6 replicas for the summer visa season",
					Files: []File{{Path: "deploy/k8s/appointment-booking/deployment.yaml", Patch: patch("  replicas: 4", "  replicas: 6")}}},
			},
			deploys: []Deploy{
				{SHA: "16b5747", At: hrs(-24.6), Environment: "production", Service: "appointment-booking"},
				{SHA: "e5cb3c8", At: hrs(-17.5), Environment: "production", Service: "appointment-booking"},
				{SHA: "3f70041", At: hrs(10.66), Environment: "production", Service: "edge-proxy"},
				{SHA: "e017b2c", At: hrs(11.1), Environment: "production", Service: "appointment-booking"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 40*time.Minute, firstFailing: "edge-proxy", callPath: []string{"applicant-browser", "edge-proxy", "appointment-booking"},
				affected:  []string{"appointment-booking", "edge-proxy"},
				signature: "403 Forbidden (Origin checking failed - https://book.visacentre.example does not match any trusted origins.): /api/appointments/confirm (server)",
				logs: []string{
					"WARN django.security.csrf: Forbidden (Origin checking failed - https://book.visacentre.example does not match any trusted origins.): /api/appointments/confirm",
					"INFO appointment-booking request headers since 10:40: Host 'appointments', no X-Forwarded-Proto and no X-Forwarded-For (the per-IP throttle sees every applicant as the edge, 10.8.0.12); before: Host 'book.visacentre.example', X-Forwarded-Proto 'https'",
					"INFO GET /api/appointments/slots answers 200 at the usual rate; every POST, PUT and DELETE under /api/appointments/ gets 403",
					"INFO the per-passport limit has run 0 times since its 11:06 release: the requests stop in CsrfViewMiddleware before the view",
					"Centre de Casablanca : les demandeurs choisissent un créneau mais « Confirmer » renvoie une erreur, la file d'attente grandit au guichet",
					"Centro São Paulo: nenhum agendamento confirmado desde as 7h40, o botão confirmar dá erro",
				},
				surges: []MetricShift{
					{Service: "appointment-booking", Name: "http_403_total", Direction: "up", Ratio: 500, At: hrs(10.67)},
					{Service: "appointment-booking", Name: "bookings_confirmed_total", Direction: "down", Ratio: 0, At: hrs(10.67)},
				}},
			want: "3f70041",
		},

		// --- no commit to blame ---
		{
			name: "maritime rescue coordination centres: a GPS time server restarted after an antenna swap serves GPS time (UTC+18 s) before it has the leap-second offset, two auth hosts step their clocks forward and their tokens are 'used before issued' at vessel-tracking; a token lifetime cut, an AIS decoder release minutes before, a jwt bump and an audience check are innocent", heldOut: true,
			limitation: "a time server serving GPS time without the leap-second offset is not read as clock skew outside the repository",
			service:    "vessel-tracking",
			sig:        Signal{Title: "PROBLEM: vessel-tracking HTTP 401 rate > 20% on trk-1, trk-2", Text: "Severity: High. Original problem ID: 88123402. 401 rate 63%. JRCC duty officer: positions missing on the SAR plot for two open cases (overdue fishing vessel, person overboard off Bodø)."},
			alert:      9.3,
			commits: []Commit{
				{SHA: "33fb00a", Parents: []string{"78ad270"}, Author: "sigrid", Date: hrs(8.6), Message: "ais-decoder: decode type 27 long-range broadcast messages",
					Files: []File{{Path: "services/ais-decoder/src/decoder.cpp", Patch: patch(
						"    default:\n      return DecodeError::kUnsupportedType;",
						"    case 27:\n      return decode_long_range(payload, out);\n    default:\n      return DecodeError::kUnsupportedType;")}}},
				{SHA: "78ad270", Parents: []string{"0e81007"}, Author: "eirik", Date: hrs(5), Message: "auth: access tokens live 10 minutes instead of 30",
					Files: []File{{Path: "services/auth-service/internal/token/issuer.go", Patch: patch("\taccessTTL = 30 * time.Minute", "\taccessTTL = 10 * time.Minute")}}},
				{SHA: "0e81007", Parents: []string{"089ff6f"}, Author: "sigrid", Date: hrs(2), Message: "docs: clock sync requirements for SAR console and auth hosts",
					Files: []File{{Path: "docs/ops/time-sync.md", Patch: patch("", "All hosts sync to ntp-gps-1 and ntp-gps-2 with chrony; tokens are checked with 5 s leeway, so clocks must agree within 5 s.")}}},
				{SHA: "089ff6f", Parents: []string{"585bdee"}, Author: "eirik", Date: hrs(-20), Message: "deps: bump github.com/golang-jwt/jwt/v5 to v5.2.1",
					Files: []File{{Path: "services/vessel-tracking/go.mod", Patch: patch("\tgithub.com/golang-jwt/jwt/v5 v5.2.0", "\tgithub.com/golang-jwt/jwt/v5 v5.2.1")}}},
				{SHA: "585bdee", Parents: []string{"8d0f805"}, Author: "sigrid", Date: hrs(-27), Message: "tracking: require aud sar-console on access tokens",
					Files: []File{{Path: "services/vessel-tracking/internal/auth/verify.go", Patch: patch(
						"\tparser := jwt.NewParser(jwt.WithIssuedAt(), jwt.WithLeeway(5*time.Second))",
						"\tparser := jwt.NewParser(jwt.WithIssuedAt(), jwt.WithLeeway(5*time.Second), jwt.WithAudience(\"sar-console\"))")}}},
			},
			deploys: []Deploy{
				{SHA: "585bdee", At: hrs(-26.5), Environment: "production", Service: "vessel-tracking"},
				{SHA: "089ff6f", At: hrs(-19.6), Environment: "production", Service: "vessel-tracking"},
				{SHA: "78ad270", At: hrs(5.3), Environment: "production", Service: "auth-service"},
				{SHA: "33fb00a", At: hrs(8.8), Environment: "production", Service: "ais-decoder"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 4*time.Minute, firstFailing: "ntp-gps-1", callPath: []string{"sar-console", "vessel-tracking", "auth-service", "ntp-gps-1"},
				affected:  []string{"vessel-tracking", "sar-console"},
				signature: "401 token has invalid claims: token used before issued (iat 18 s ahead of verifier clock) on GET /v1/vessels/near (server)",
				logs: []string{
					"WARN ntp-gps-1: GNSS receiver cold start at 09:02 UTC after antenna cable replacement; UTC offset not yet decoded from the navigation message, serving GPS time",
					"WARN chronyd on auth-1 and auth-2: System clock was stepped by 18.000231 seconds (source ntp-gps-1)",
					"INFO auth-3 syncs to ntp-gps-2 and its tokens verify; 10-minute tokens from all three auth hosts verified normally from 05:18 to 09:04",
					"INFO ais-decoder: 212 type 27 messages decoded since 08:48, positions queue normally; the 401s are on console requests, not on the AIS feed",
					"Hovedredningssentralen: operatørene får ikke opp fartøysposisjoner i SAR-bildet, innloggingen avvises",
				},
				surges: []MetricShift{{Service: "vessel-tracking", Name: "http_401_total", Direction: "up", Ratio: 60, At: hrs(9.07)}}},
			want: "",
		},
		{
			name: "mortgage servicers: the tax-service vendor's delivery node fills its disk and delivers a tax bill file cut off at exactly 1 GiB with no trailer, so the escrow tax disbursement job aborts on a day 31 counties have installments due; switching the reader to streaming, a memory-limit cut, a commons-csv bump and a calendar doc are innocent", heldOut: true,
			service: "escrow-disbursement",
			sig:     Signal{Title: "ALARM: \"escrow-tax-disbursement-job-failed\" in US East (N. Virginia)", Text: "Threshold Crossed: 1 datapoint [1.0 (14/03/31 05:06:00)] was greater than or equal to the threshold (1.0). Note from runbook: 31 counties have installment due dates today; ~86,000 escrowed tax payments pending."},
			alert:   5.4,
			commits: []Commit{
				{SHA: "205842f", Parents: []string{"016b5e7"}, Author: "gwen", Date: hrs(3.5), Message: "k8s: escrow tax job memory limit 6Gi -> 3Gi now that the file is streamed",
					Files: []File{{Path: "deploy/k8s/escrow-disbursement/cronjob-tax.yaml", Patch: patch("                memory: 6Gi", "                memory: 3Gi")}}},
				{SHA: "016b5e7", Parents: []string{"13f889a"}, Author: "arjun", Date: hrs(1.5), Message: "escrow: stream the tax bill file instead of reading it into memory",
					Files: []File{{Path: "services/escrow-disbursement/src/main/java/com/servicer/escrow/TaxFeedReader.java", Patch: patch(
						"        List<String> lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);\n        return parse(lines.stream());",
						"        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {\n            return parse(in.lines());\n        }")}}},
				{SHA: "13f889a", Parents: []string{"80e60a9"}, Author: "gwen", Date: hrs(-20), Message: "deps: bump commons-csv to 1.11.0",
					Files: []File{{Path: "services/escrow-disbursement/pom.xml", Patch: patch("      <version>1.10.0</version>", "      <version>1.11.0</version>")}}},
				{SHA: "80e60a9", Parents: []string{"2c9e576"}, Author: "arjun", Date: hrs(-26), Message: "docs: escrow tax disbursement calendar and county due dates",
					Files: []File{{Path: "docs/escrow/tax-calendar.md", Patch: patch("", "| March 14 | 31 counties (second installment) | file must load by 06:00 ET for same-day wires |")}}},
			},
			deploys: []Deploy{
				{SHA: "13f889a", At: hrs(-19.5), Environment: "production", Service: "escrow-disbursement"},
				{SHA: "016b5e7", At: hrs(1.8), Environment: "production", Service: "escrow-disbursement"},
				{SHA: "205842f", At: hrs(3.7), Environment: "production", Service: "escrow-disbursement"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 3*time.Minute, firstFailing: "tax-feed-sftp", callPath: []string{"tax-feed-sftp", "escrow-disbursement", "county-payments-gateway"},
				affected:  []string{"escrow-disbursement", "county-payments-gateway"},
				signature: "TaxFeedFormatException: trailer record missing; record 612,907 ends mid-field at byte 1,073,741,824 of TAXBILL_20310314.dat (batch)",
				logs: []string{
					"WARN tax-feed-sftp: TAXBILL_20310314.dat is 1,073,741,824 bytes (arrived 04:12); TAXBILL_20310314.sha256 lists 2,298,117,402 bytes and the checksum does not match",
					"INFO vendor status page 04:55 UTC: 'Our 03:50 delivery node ran out of disk; files for 14 clients were truncated. Full re-delivery scheduled for 13:00 UTC.'",
					"INFO escrow-disbursement: the streaming build re-run at 05:30 on yesterday's TAXBILL_20310313.dat read 1,198,204 records and a matching trailer",
					"INFO job pod peak memory 1.1 GiB of 3 GiB, exit code 1 from TaxFeedFormatException, not OOMKilled",
					"Aviso del condado: no se han recibido los pagos de impuestos de propiedad de cuentas de depósito en garantía con vencimiento hoy",
				},
				surges: []MetricShift{{Service: "escrow-disbursement", Name: "tax_payments_sent", Direction: "down", Ratio: 0, At: hrs(5.05)}}},
			want: "",
		},
		{
			name: "crematoria: the booking domain lapses because the registrar's auto-renew card had expired, public DNS stops resolving it and funeral directors' systems cannot book or send paperwork, while internal clients on the private zone keep working; a DNS TTL change applied the evening before, a chapel slot change released that morning, a ktor bump and tests are innocent", heldOut: true,
			service: "booking-api",
			sig:     Signal{Title: "Can't book cremations online since this morning", Text: "Hello, our funeral home system says 'server not found' when we try to book a slot at Oakfield Crematorium or upload the cremation forms. Three other directors in our association say the same. We have 9 families waiting for dates and the phone line has been engaged all morning."},
			alert:   8.3,
			commits: []Commit{
				{SHA: "60bdb67", Parents: []string{"caf5edd"}, Author: "rhys", Date: hrs(7.5), Message: "booking: 45-minute chapel slots for direct cremations",
					Files: []File{{Path: "services/booking-api/src/main/kotlin/uk/oakfield/booking/SlotRules.kt", Patch: patch(
						"    ServiceType.DIRECT -> Duration.ofMinutes(30)",
						"    ServiceType.DIRECT -> Duration.ofMinutes(45)")}}},
				{SHA: "caf5edd", Parents: []string{"3f8fa86"}, Author: "nadia", Date: hrs(-5), Message: "dns: TTL 3600 -> 300 on api.cremabook.co.uk ahead of the load balancer move",
					Files: []File{{Path: "infra/dns/cremabook.tf", Patch: patch("  ttl     = 3600", "  ttl     = 300")}}},
				{SHA: "3f8fa86", Parents: []string{"547662b"}, Author: "rhys", Date: hrs(-10), Message: "deps: bump ktor to 2.3.12",
					Files: []File{{Path: "services/booking-api/build.gradle.kts", Patch: patch("val ktorVersion = \"2.3.11\"", "val ktorVersion = \"2.3.12\"")}}},
				{SHA: "547662b", Parents: []string{"f8c9373"}, Author: "nadia", Date: hrs(-22), Message: "booking: tests for bank holiday slot rules",
					Files: []File{{Path: "services/booking-api/src/test/kotlin/uk/oakfield/booking/SlotRulesTest.kt", Patch: patch("", "    @Test fun `no slots on Easter Monday`() = assertTrue(slots(LocalDate.of(2031, 4, 14)).isEmpty())")}}},
			},
			deploys: []Deploy{
				{SHA: "3f8fa86", At: hrs(-9.6), Environment: "production", Service: "booking-api"},
				{SHA: "caf5edd", At: hrs(-4.8), Environment: "production", Service: "dns"},
				{SHA: "60bdb67", At: hrs(7.7), Environment: "production", Service: "booking-api"},
			},
			ev: caseEvidence{onsetAfter: 6 * time.Minute, firstFailing: "public-dns", callPath: []string{"funeral-director-software", "public-dns", "booking-api"},
				affected:  []string{"booking-api", "forms-upload", "email-relay"},
				signature: "getaddrinfo ENOTFOUND api.cremabook.co.uk (client)",
				logs: []string{
					"INFO whois cremabook.co.uk: Expiry date 13-Mar-2031; Registration status: Suspended, renewal required; no name servers listed",
					"INFO registrar email of 27 Feb (to a former employee's mailbox): automatic renewal failed, the card ending 4471 has expired",
					"INFO dig api.cremabook.co.uk @1.1.1.1: NXDOMAIN; asked directly, the Route 53 zone's name servers still answer with the A record, TTL 300",
					"INFO booking-api: external requests 0 since 00:06, 0 errors; the crematorium office and the internal synthetic check resolve through the private zone and book normally",
					"WARN email-relay: confirmations to families bounce from recipients' servers: sender domain cremabook.co.uk not found",
					"Trefnydd angladdau, Abertawe: methu archebu amser amlosgi ers y bore 'ma, mae'r system yn dweud 'gweinydd heb ei ganfod'",
				},
				surges: []MetricShift{{Service: "booking-api", Name: "external_requests_per_minute", Direction: "down", Ratio: 0, At: hrs(0.1)}}},
			want: "",
		},
		{
			name: "hotel chains: the OTA partner switches total_price in its v3 reservations API from a number to a money object for accounts in its early-adopter group, the sync's JSON decoding fails, bookings stop reaching the PMS and rooms are sold twice; halving the poll interval 40 minutes before, a Lisbon room-type mapping, an x/net bump and a docs page are innocent", heldOut: true,
			service: "reservation-sync",
			sig:     Signal{Title: "json: cannot unmarshal object into Go struct field ReservationPage.reservations.total_price of type float64", Text: "Sentry issue RESSYNC-4F1 - 3,214 events - first seen 10:00 UTC - environment prod. Front desks in Lisbon and Rome report guests holding OTA confirmations that are not in the PMS."},
			alert:   10.5,
			commits: []Commit{
				{SHA: "273c3b3", Parents: []string{"0cdfdf0"}, Author: "ines", Date: hrs(9.1), Message: "reservation-sync: poll the OTA every 60 s instead of 120 s",
					Files: []File{{Path: "services/reservation-sync/internal/ota/poller.go", Patch: patch("\tpollInterval = 120 * time.Second", "\tpollInterval = 60 * time.Second")}}},
				{SHA: "0cdfdf0", Parents: []string{"443667d"}, Author: "matteo", Date: hrs(6), Message: "reservations: map room types for the Lisbon property",
					Files: []File{{Path: "services/reservation-sync/config/room_types.yaml", Patch: patch("", "LIS01:\n  DBL-CITY: DBL\n  TWN-RIVER: TWN-RV\n  STE-TEJO: SUITE")}}},
				{SHA: "443667d", Parents: []string{"dc87fbc"}, Author: "ines", Date: hrs(-12), Message: "deps: bump golang.org/x/net to v0.27.0",
					Files: []File{{Path: "services/reservation-sync/go.mod", Patch: patch("\tgolang.org/x/net v0.26.0", "\tgolang.org/x/net v0.27.0")}}},
				{SHA: "dc87fbc", Parents: []string{"0cec67c"}, Author: "matteo", Date: hrs(-28), Message: "docs: troubleshooting missing OTA reservations",
					Files: []File{{Path: "docs/runbooks/ota-missing-reservations.md", Patch: patch("", "If a guest's OTA booking is missing, check reservation-sync's last successful poll for the property and the partner status page.")}}},
			},
			deploys: []Deploy{
				{SHA: "443667d", At: hrs(-11.6), Environment: "production", Service: "reservation-sync"},
				{SHA: "0cdfdf0", At: hrs(6.2), Environment: "production", Service: "reservation-sync"},
				{SHA: "273c3b3", At: hrs(9.33), Environment: "production", Service: "reservation-sync"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 1*time.Minute, firstFailing: "ota-partner-api", callPath: []string{"reservation-sync", "ota-partner-api"},
				affected:  []string{"reservation-sync", "pms"},
				signature: "json: cannot unmarshal object into Go struct field ReservationPage.reservations.total_price of type float64 on GET /v3/properties/{id}/reservations (client)",
				logs: []string{
					"ERROR reservation-sync: decode page 1 for property ROM02: json: cannot unmarshal object into Go struct field ReservationPage.reservations.total_price of type float64",
					"INFO raw response at 10:01: \"total_price\":{\"amount\":\"412.00\",\"currency\":\"EUR\"}; the 09:59 response had \"total_price\":412.00",
					"INFO partner changelog 2031-03-14: 'v3: monetary fields are now Money objects'; partner support: our account was in the early-adopter group switched at 10:00 UTC",
					"INFO polls every 60 s from 09:20 to 10:00 returned 200 and decoded; no 429 from the partner",
					"Receção Lisboa: as reservas da OTA de hoje não aparecem no PMS, dois hóspedes sem quarto atribuído",
					"Hotel Roma Termini: overbooking, 3 camere vendute due volte stamattina",
				},
				surges: []MetricShift{{Service: "reservation-sync", Name: "decode_errors_total", Direction: "up", Ratio: 0, At: hrs(10.02)}}},
			want: "",
		},
		{
			name: "school meal programmes: a DBA runs VACUUM FULL on the meal transactions table on the primary at lunchtime and its ACCESS EXCLUSIVE lock blocks every register's insert; last night's index migration (built concurrently in 41 s), an eligibility cache released 26 minutes before, a memory limit change and a HikariCP bump are innocent", heldOut: true,
			limitation: "a DBA's VACUUM FULL holding an exclusive lock is not read as a cause outside the repository",
			service:    "pos-api",
			sig:        Signal{Title: "[Triggered] pos-api: p99 latency > 5 s (school-meals-prod)", Text: "Incident #40417, urgency High. Kitchen managers calling the help desk: registers spinning at lunch, lines out the door at several elementary schools."},
			alert:      16.55,
			commits: []Commit{
				{SHA: "5b7faf4", Parents: []string{"576a4f9"}, Author: "dmitri", Date: hrs(15.5), Message: "pos: cache student eligibility for 5 minutes",
					Files: []File{{Path: "services/pos-api/src/main/kotlin/org/district/pos/EligibilityService.kt", Patch: patch(
						"    fun eligibility(studentId: String): Eligibility = repo.findEligibility(studentId)",
						"    private val cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(50_000).build<String, Eligibility>()\n    fun eligibility(studentId: String): Eligibility = cache.get(studentId) { repo.findEligibility(it) }")}}},
				{SHA: "576a4f9", Parents: []string{"65e296a"}, Author: "keiko", Date: hrs(13), Message: "k8s: pos-api memory limit 1Gi -> 768Mi",
					Files: []File{{Path: "deploy/k8s/pos-api/deployment.yaml", Patch: patch("              memory: 1Gi", "              memory: 768Mi")}}},
				{SHA: "65e296a", Parents: []string{"d2f9beb"}, Author: "dmitri", Date: hrs(-6), Message: "db: index meal transactions by student and time for the parent portal",
					Files: []File{{Path: "services/pos-api/src/main/resources/db/migration/V2031_03_13_01__meal_tx_student_served_idx.sql", Patch: patch("", "CREATE INDEX CONCURRENTLY IF NOT EXISTS meal_tx_student_served_idx\n    ON meal_transactions (student_id, served_at DESC);")}}},
				{SHA: "d2f9beb", Parents: []string{"10044f8"}, Author: "keiko", Date: hrs(-30), Message: "deps: bump HikariCP to 5.1.0",
					Files: []File{{Path: "services/pos-api/build.gradle.kts", Patch: patch("    implementation(\"com.zaxxer:HikariCP:5.0.1\")", "    implementation(\"com.zaxxer:HikariCP:5.1.0\")")}}},
			},
			deploys: []Deploy{
				{SHA: "d2f9beb", At: hrs(-29.5), Environment: "production", Service: "pos-api"},
				{SHA: "65e296a", At: hrs(2.23), Environment: "production", Service: "pos-api"},
				{SHA: "576a4f9", At: hrs(13.2), Environment: "production", Service: "pos-api"},
				{SHA: "5b7faf4", At: hrs(15.87), Environment: "production", Service: "pos-api"},
			},
			ev: caseEvidence{onsetAfter: 16*time.Hour + 18*time.Minute, firstFailing: "postgres-meals", callPath: []string{"pos-terminal", "pos-api", "postgres-meals"},
				affected:  []string{"pos-api", "pos-terminal", "parent-portal"},
				signature: "ERROR: canceling statement due to lock timeout on INSERT INTO meal_transactions (server), after 5000 ms",
				logs: []string{
					"WARN postgres-meals: pid 48811 (psql, user dba_okafor) holds AccessExclusiveLock on meal_transactions since 11:18:07 running 'VACUUM (FULL, VERBOSE) meal_transactions;'; no change ticket references it",
					"INFO flyway: V2031_03_13_01 ran at 21:14 yesterday, CREATE INDEX CONCURRENTLY finished in 41 s; breakfast service 07:00-08:30 took 38,000 transactions at p95 60 ms",
					"INFO eligibility lookups served 88% from cache since 10:52 and read only the students and eligibility tables",
					"INFO pos-api pods: no restarts, memory 410 MiB of 768 MiB",
					"Cafetería Escuela Primaria Lincoln: las cajas se quedan pensando y los niños pasan sin que se registre su almuerzo",
					"WARN pos-terminal: offline mode, 1,940 transactions queued locally at 54 schools",
				},
				surges: []MetricShift{
					{Service: "postgres-meals", Name: "lock_waits", Direction: "up", Ratio: 300, At: hrs(16.3)},
					{Service: "pos-api", Name: "http_request_p99_seconds", Direction: "up", Ratio: 80, At: hrs(16.3)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyNinthBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-ninth", culpritCasesTwentyNinthBatch())
}
