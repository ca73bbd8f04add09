package triage

// culprit_cases28_test.go is a twenty-eighth held-out batch (12 cases):
// seven where one commit is to blame (a rounding mode made UNNECESSARY
// before a nightly accrual, amounts formatted in the sender's locale and
// sent to a partner API, a lock order reversed against the cash-out path,
// an inclusive slice bound that overlaps capture batches, a connection
// pool cut before a daily slot release, a settings migration that renames
// the env variable behind a publish flag, a JSON naming strategy switched
// under a client that reads camelCase) and five where no commit is (a
// scalper botnet at an on-sale, a gateway host's clock drifting past the
// signature window, an internal DNS record changed by hand, a partner's
// file layout changed without notice, a database failover to another
// zone).
//
// First run (after the twenty-seventh batch's fixes): 5/12, three innocent
// commits blamed (beside a bot surge, a partner's new file layout and a
// database failover) and four abstentions where a commit was to blame
// (rounding mode, inclusive bound, env prefix, JSON naming). Nothing was
// changed for it; the three innocents are kept as limitations.

// Written without reading the triage rules on 2026-12-06. Industries: credit unions, remittance companies, sportsbooks, crowdfunding platforms, consular appointment booking, river flood warning services, plasma donation centres, concert ticketing, irrigation districts, metro operators, mortgage servicers, pension funds.

import (
	"testing"
	"time"
)

// culpritCasesTwentyEighthBatch are held-out culprit cases written
// without reading the culprit rule.
func culpritCasesTwentyEighthBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "credit unions: an audit-driven change makes the daily dividend accrual call setScale(2, RoundingMode.UNNECESSARY), which throws on the first account whose daily dividend has more than two decimals, so the 05:00 nightly batch aborts having posted nothing; a later rename of the accrual function (the name in the stack trace), an Exposed bump, a runbook and an e-statement change about the accrual rate are innocent", heldOut: true,
			service: "dividend-accrual",
			sig: Signal{Title: "INC0098231 | P2 | Control-M job DIVACCR01 ended NOTOK", Source: "servicenow",
				Text: "Short description: Share dividend accrual batch failed on core-batch-02 (rc=12).\nImpact: accruals for business date 2031-03-13 not posted; 0 of 84,327 share accounts processed.\nAssignment group: Core Banking Batch\nCaller: Control-M integration"},
			alert: 5.4,
			commits: []Commit{
				{SHA: "f633dbd", Parents: []string{"3cb59e6"}, Author: "lorraine", Date: hrs(-1.2), Message: "statements: show the dividend accrual rate with two decimals",
					Files: []File{{Path: "services/member-statements/templates/share_accounts.php", Patch: patch("        <td><?= $acct->accrualRate ?>%</td>", "        <td><?= number_format($acct->accrualRate, 2) ?>%</td>")}}},
				{SHA: "3cb59e6", Parents: []string{"bdfa08e"}, Author: "tobias", Date: hrs(-3), Message: "accrual: rename accrueDaily to accrueForBusinessDate",
					Files: []File{{Path: "services/dividend-accrual/src/main/kotlin/org/cu/accrual/DividendAccrual.kt", Patch: patch(
						"    fun accrueDaily(account: ShareAccount, date: LocalDate): BigDecimal {",
						"    fun accrueForBusinessDate(account: ShareAccount, businessDate: LocalDate): BigDecimal {")}}},
				{SHA: "bdfa08e", Parents: []string{"ebc23e9"}, Author: "lorraine", Date: hrs(-6), Message: "deps: bump exposed to 0.52.0",
					Files: []File{{Path: "services/dividend-accrual/build.gradle.kts", Patch: patch("    implementation(\"org.jetbrains.exposed:exposed-core:0.50.1\")", "    implementation(\"org.jetbrains.exposed:exposed-core:0.52.0\")")}}},
				{SHA: "ebc23e9", Parents: []string{"1fdfe67"}, Author: "tobias", Date: hrs(-14), Message: "accrual: no silent rounding on posted dividends (internal audit finding IA-17)",
					Files: []File{{Path: "services/dividend-accrual/src/main/kotlin/org/cu/accrual/DividendAccrual.kt", Patch: patch(
						"        return daily.setScale(2, RoundingMode.HALF_EVEN)",
						"        // posted amounts must already be whole cents; fail instead of rounding silently (IA-17)\n        return daily.setScale(2, RoundingMode.UNNECESSARY)")}}},
				{SHA: "1fdfe67", Parents: []string{"c1c146e"}, Author: "lorraine", Date: hrs(-22), Message: "docs: dividend accrual runbook",
					Files: []File{{Path: "docs/runbooks/dividend-accrual.md", Patch: patch("", "## DIVACCR01 failed\nAccruals are idempotent per business date: fix the cause, then rerun the job from Control-M before 11:00 UTC.")}}},
			},
			deploys: []Deploy{
				{SHA: "ebc23e9", At: hrs(-13.5), Environment: "production", Service: "dividend-accrual"},
				{SHA: "3cb59e6", At: hrs(-2.5), Environment: "production", Service: "dividend-accrual"},
				{SHA: "f633dbd", At: hrs(-1), Environment: "production", Service: "member-statements"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 1*time.Minute, firstFailing: "dividend-accrual", callPath: []string{"control-m", "dividend-accrual", "core-ledger"},
				affected:  []string{"dividend-accrual", "core-ledger", "member-statements"},
				signature: "java.lang.ArithmeticException: Rounding necessary at org.cu.accrual.DividendAccrual.accrueForBusinessDate(DividendAccrual.kt:58) (batch)",
				logs: []string{
					"ERROR dividend-accrual: account S-0041877-01 (balance 2,318.47, rate 3.65%, daily 0.2318470000): java.lang.ArithmeticException: Rounding necessary; job aborted, 0 postings written",
					"INFO Thursday's 05:00 run (business date 03-12), on the build before Thursday 10:30, posted 84,301 accounts",
					"INFO DividendAccrualTest uses a balance of 1,000.00 at 3.65%, which accrues exactly 0.10 a day",
					"WARN core-ledger: no DIV-ACCR postings for business date 2031-03-13",
					"AVISO operaciones (Slack): DIVACCR01 abortó en la primera cuenta, cero asientos en el mayor; el reintento de las 05:20 falló igual",
				},
				surges: []MetricShift{{Service: "dividend-accrual", Name: "accrual_accounts_posted", Direction: "down", Ratio: 0, At: hrs(5.02)}}},
			want: "ebc23e9",
		},
		{
			name: "remittance companies: formatAmount switches from toFixed(2) to toLocaleString in the sender's locale for receipts, but the payout request to the Colombian partner uses the same helper, so amounts go out as '850,00' or '1,250.00' and the partner rejects them; failures start at night and grow with European morning volume; a later export of the request builder, an SDK bump, a field reference doc and an app string about 'invalid amount' are innocent", heldOut: true,
			service: "payout-gateway",
			sig: Signal{Title: "[Triggered] Payout rejection rate > 5% on payout-gateway (partner:andino)", Source: "datadog",
				Text: "payout.rejected.rate = 38.2% over the last 10m (threshold 5%). Top reject code: MONTO_INVALIDO. Corridors: PT-CO, DE-CO, ES-CO, BR-CO, US-CO. @pagerduty-payments"},
			alert: 7.4,
			commits: []Commit{
				{SHA: "ba8ace3", Parents: []string{"7876f5d"}, Author: "renata", Date: hrs(6.5), Message: "app: clearer 'invalid amount' message on the send screen",
					Files: []File{{Path: "apps/android/app/src/main/res/values-pt-rBR/strings.xml", Patch: patch("    <string name=\"error_invalid_amount\">Valor inválido</string>", "    <string name=\"error_invalid_amount\">Digite um valor entre R$ 10 e R$ 10.000</string>")}}},
				{SHA: "7876f5d", Parents: []string{"a6c7717"}, Author: "jonas", Date: hrs(4.5), Message: "payouts: export buildPayoutRequest for the reconciliation job",
					Files: []File{{Path: "services/payout-gateway/src/payouts/request.ts", Patch: patch("function buildPayoutRequest(t: Transfer): PartnerPayout {", "export function buildPayoutRequest(t: Transfer): PartnerPayout {")}}},
				{SHA: "a6c7717", Parents: []string{"5b4d8be"}, Author: "renata", Date: hrs(3), Message: "deps: bump @andino/payout-sdk to 3.2.1",
					Files: []File{{Path: "services/payout-gateway/package.json", Patch: patch("    \"@andino/payout-sdk\": \"3.1.4\",", "    \"@andino/payout-sdk\": \"3.2.1\",")}}},
				{SHA: "5b4d8be", Parents: []string{"1eeb8a5"}, Author: "jonas", Date: hrs(1.8), Message: "receipts: amounts in the sender's locale",
					Files: []File{{Path: "services/payout-gateway/src/format/money.ts", Patch: patch(
						"export const formatAmount = (m: Money): string => m.value.toFixed(2);",
						"export const formatAmount = (m: Money, locale: string = m.senderLocale ?? 'en-US'): string =>\n  m.value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });")}}},
				{SHA: "1eeb8a5", Parents: []string{"5d1f43d"}, Author: "renata", Date: hrs(-15), Message: "docs: Andino payout API field reference",
					Files: []File{{Path: "docs/partners/andino.md", Patch: patch("", "`amount`: string, dot as decimal separator, no thousands separator, e.g. \"1250.00\".")}}},
			},
			deploys: []Deploy{
				{SHA: "5b4d8be", At: hrs(2.1), Environment: "production", Service: "payout-gateway"},
				{SHA: "7876f5d", At: hrs(4.8), Environment: "production", Service: "payout-gateway"},
			},
			ev: caseEvidence{onsetAfter: 2*time.Hour + 14*time.Minute, firstFailing: "payout-gateway", callPath: []string{"transfer-api", "payout-gateway", "andino-payout-api"},
				affected:  []string{"payout-gateway", "transfer-api"},
				signature: "422 from andino payout API: MONTO_INVALIDO el monto '1.250,00' no es un decimal válido on POST /v3/payouts (client), after 61 ms",
				logs: []string{
					"WARN payout-gateway: payout T-7741902 rejected: {\"code\":\"MONTO_INVALIDO\",\"detalle\":\"el monto '850,00' no es un decimal válido\"} sender_locale=pt-PT",
					"INFO rejections by sender locale since 02:14: pt-BR, pt-PT, de-DE and es-ES 100%; en-US and en-GB only for amounts of 1,000 or more (\"1,250.00\")",
					"INFO 02:06-07:00: 212 payouts sent (night in the Americas), 61 rejected; European volume starts at 07:00",
					"INFO formatAmount is called by the receipt renderer and by request.ts for the partner's amount field",
					"ERRO balcão Lisboa: clientes queixam-se de que a transferência para Bogotá foi recusada e o dinheiro voltou à conta",
				},
				surges: []MetricShift{
					{Service: "payout-gateway", Name: "payout_rejections_total", Direction: "up", Ratio: 40, At: hrs(7.1)},
					{Service: "transfer-api", Name: "transfer_refunds_total", Direction: "up", Ratio: 25, At: hrs(7.2)},
				}},
			want: "5b4d8be",
		},
		{
			name: "sportsbooks: settlement now locks the wallet row before the bet row to check self-exclusion, the reverse of the cash-out path, and when half-time markets settle while customers cash out during a Champions League match Postgres kills one side of each pair with deadlock detected; a later rename of the settle function (the name in the error), a pgx bump, an odds-engine 'lock markets' change and a sequence-diagram doc are innocent", heldOut: true,
			service: "bet-settlement",
			sig: Signal{Title: "[FIRING:2] SettlementLagHigh bet-settlement (prod, severity=page)", Source: "alertmanager",
				Text: "Labels:\n - alertname = SettlementLagHigh\n - market_group = football\n - severity = page\nAnnotations:\n - summary = Settlement lag above 5 minutes\n - description = settlement_queue_lag_seconds = 611 (threshold 300); 41,200 bets pending"},
			alert: 21.05,
			commits: []Commit{
				{SHA: "7d3e9d4", Parents: []string{"eba5842"}, Author: "mirela", Date: hrs(18.5), Message: "settle: rename SettleBet to SettleWager (naming guide)",
					Files: []File{{Path: "services/bet-settlement/internal/settle/settle.go", Patch: patch(
						"func (s *Settler) SettleBet(ctx context.Context, msg ResultMsg) error {",
						"func (s *Settler) SettleWager(ctx context.Context, msg ResultMsg) error {")}}},
				{SHA: "eba5842", Parents: []string{"cf2d629"}, Author: "declan", Date: hrs(16), Message: "trading: lock markets during VAR review",
					Files: []File{{Path: "services/odds-engine/src/main/kotlin/bet/odds/Suspension.kt", Patch: patch(
						"    val suspendOn = setOf(EventType.GOAL, EventType.RED_CARD, EventType.PENALTY)",
						"    val suspendOn = setOf(EventType.GOAL, EventType.RED_CARD, EventType.PENALTY, EventType.VAR_REVIEW)")}}},
				{SHA: "cf2d629", Parents: []string{"42a5afd"}, Author: "mirela", Date: hrs(13), Message: "deps: bump github.com/jackc/pgx/v5 to v5.6.0",
					Files: []File{{Path: "services/bet-settlement/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.5", "\tgithub.com/jackc/pgx/v5 v5.6.0")}}},
				{SHA: "42a5afd", Parents: []string{"16159bf"}, Author: "declan", Date: hrs(11), Message: "settle: check self-exclusion on the wallet before settling",
					Files: []File{{Path: "services/bet-settlement/internal/settle/settle.go", Patch: patch(
						"\tbet, err := tx.LockBet(ctx, msg.BetID) // SELECT ... FROM bets WHERE id = $1 FOR UPDATE\n\tif err != nil {\n\t\treturn err\n\t}\n\twallet, err := tx.LockWallet(ctx, bet.AccountID) // SELECT ... FROM wallets WHERE account_id = $1 FOR UPDATE",
						"\twallet, err := tx.LockWallet(ctx, msg.AccountID) // SELECT ... FROM wallets WHERE account_id = $1 FOR UPDATE\n\tif err != nil {\n\t\treturn err\n\t}\n\tif wallet.SelfExcluded {\n\t\treturn s.voidForExclusion(ctx, tx, msg.BetID)\n\t}\n\tbet, err := tx.LockBet(ctx, msg.BetID) // SELECT ... FROM bets WHERE id = $1 FOR UPDATE")}}},
				{SHA: "16159bf", Parents: []string{"f2bdb61"}, Author: "mirela", Date: hrs(-8), Message: "docs: settlement and cash-out sequence diagram",
					Files: []File{{Path: "docs/settlement.md", Patch: patch("", "Cash-out: lock bet, lock wallet, credit wallet, mark bet CASHED_OUT.\nSettlement: lock bet, lock wallet, credit winnings, mark bet SETTLED.")}}},
			},
			deploys: []Deploy{
				{SHA: "42a5afd", At: hrs(11.3), Environment: "production", Service: "bet-settlement"},
				{SHA: "eba5842", At: hrs(16.3), Environment: "production", Service: "odds-engine"},
				{SHA: "7d3e9d4", At: hrs(18.8), Environment: "production", Service: "bet-settlement"},
			},
			ev: caseEvidence{onsetAfter: 20*time.Hour + 47*time.Minute, firstFailing: "bet-settlement", callPath: []string{"results-feed", "bet-settlement", "postgres-wallet"},
				affected:  []string{"bet-settlement", "cashout", "wallet-api"},
				signature: "ERROR: deadlock detected (SQLSTATE 40P01) on SELECT ... FROM bets WHERE id = $1 FOR UPDATE in settle.SettleWager (server), after 1003 ms",
				logs: []string{
					"ERROR postgres: deadlock detected. Process 51877 waits for ShareLock on transaction 88120331; blocked by process 51902. Process 51902 waits for ShareLock on transaction 88120318; blocked by process 51877. Process 51877: SELECT ... FROM bets WHERE id = $1 FOR UPDATE. Process 51902: SELECT ... FROM wallets WHERE account_id = $1 FOR UPDATE",
					"INFO every deadlocked pair is bet-settlement (holding the wallets row) and cashout (holding the bets row) for the same account",
					"INFO pg_stat_database deadlocks: 0 in the 30 days before Friday; 4 during the afternoon's lower-league settlements after 11:18, retried successfully",
					"WARN cashout: cash-out refused, deadlock detected (x2,311 since 20:47)",
					"WARNUNG Kundenservice: Auszahlungen für Halbzeitwetten hängen seit 21:47, Kunden sehen 'Wette wird abgerechnet'",
				},
				surges: []MetricShift{
					{Service: "postgres-wallet", Name: "pg_deadlocks_total", Direction: "up", Ratio: 900, At: hrs(20.8)},
					{Service: "bet-settlement", Name: "settlement_queue_lag_seconds", Direction: "up", Ratio: 60, At: hrs(20.85)},
				}},
			want: "42a5afd",
		},
		{
			name: "crowdfunding platforms: the pledge capture batcher is changed to an inclusive upper bound to fix a 'skipped last pledge' report, so every batch takes 251 pledges and the boundary pledge of each batch is captured again by the next one; the first large campaign to close after the deploy charges 19 backers twice; a later rename of the submit function, a serde_json bump, a checklist and a 'duplicate' receipt watermark are innocent", heldOut: true,
			service: "pledge-capture",
			sig: Signal{Title: "Re: Écart de rapprochement campagne C-77120 (Atelier Lune)", Source: "email",
				Text: "Bonjour, le rapprochement de 19h montre 1 915,00 € encaissés en trop sur la campagne Atelier Lune, et le support a 14 tickets de contributeurs débités deux fois. On bloque le virement au porteur de projet ? — Camille, finance"},
			alert: 18.3,
			commits: []Commit{
				{SHA: "6db36a0", Parents: []string{"94ca4a0"}, Author: "oceane", Date: hrs(9), Message: "receipts: DUPLICATE watermark on re-sent receipt emails",
					Files: []File{{Path: "services/receipts/templates/receipt.html.twig", Patch: patch("<h1>Reçu n° {{ receipt.number }}</h1>", "<h1>Reçu n° {{ receipt.number }}{% if receipt.resent %} <span class=\"wm\">DUPLICATA</span>{% endif %}</h1>")}}},
				{SHA: "94ca4a0", Parents: []string{"91d6ca0"}, Author: "yanis", Date: hrs(6), Message: "capture: rename send_batch to submit_batch",
					Files: []File{{Path: "services/pledge-capture/src/batch.rs", Patch: patch(
						"pub async fn send_batch(psp: &PspClient, batch_id: &str, batch: &[Pledge]) -> Result<CaptureReport> {",
						"pub async fn submit_batch(psp: &PspClient, batch_id: &str, batch: &[Pledge]) -> Result<CaptureReport> {")}}},
				{SHA: "91d6ca0", Parents: []string{"c053772"}, Author: "oceane", Date: hrs(5.5), Message: "deps: bump serde_json to 1.0.128",
					Files: []File{{Path: "services/pledge-capture/Cargo.toml", Patch: patch("serde_json = \"1.0.120\"", "serde_json = \"1.0.128\"")}}},
				{SHA: "c053772", Parents: []string{"9364b9d"}, Author: "yanis", Date: hrs(-21), Message: "capture: inclusive upper bound so a campaign's last pledge is not skipped",
					Files: []File{{Path: "services/pledge-capture/src/batch.rs", Patch: patch(
						"        let end = (start + BATCH_SIZE).min(pledges.len());\n        let batch = &pledges[start..end];",
						"        let end = (start + BATCH_SIZE).min(pledges.len() - 1);\n        let batch = &pledges[start..=end];")}}},
				{SHA: "9364b9d", Parents: []string{"c99d3c2"}, Author: "oceane", Date: hrs(-26), Message: "docs: campaign close checklist",
					Files: []File{{Path: "docs/campaign-close.md", Patch: patch("", "After close, check the reconciliation at 19:00: captured total must equal pledged total minus failed cards.")}}},
			},
			deploys: []Deploy{
				{SHA: "c053772", At: hrs(-20.5), Environment: "production", Service: "pledge-capture"},
				{SHA: "94ca4a0", At: hrs(6.4), Environment: "production", Service: "pledge-capture"},
				{SHA: "6db36a0", At: hrs(9.3), Environment: "production", Service: "receipts"},
			},
			ev: caseEvidence{onsetAfter: 17*time.Hour + 3*time.Minute, firstFailing: "pledge-capture", callPath: []string{"campaign-scheduler", "pledge-capture", "psp-gateway"},
				affected:  []string{"pledge-capture", "reconciliation", "support-desk"},
				signature: "pledge P-4818231 captured twice: batch cap-C77120-07 position 250 and batch cap-C77120-08 position 0 (batch)",
				logs: []string{
					"WARN reconciliation: campaign C-77120 captured 412,961.00 EUR vs 411,046.00 EUR pledged; 19 pledges captured twice",
					"INFO the doubled pledges are at positions 250, 500, 750 ... 4750 of the campaign's 4,812; every capture batch held 251 pledges",
					"INFO the 12 campaigns that closed Tuesday and Wednesday reconcile exactly; Thursday's only close (38 backers) fitted in one batch",
					"INFO the 'last pledge skipped' report of 10 March was a pledge the backer cancelled two minutes before the close",
					"ALERTE support : 19 contributeurs débités deux fois pour Atelier Lune, remboursements demandés",
				},
				surges: []MetricShift{{Service: "support-desk", Name: "tickets_double_charge", Direction: "up", Ratio: 14, At: hrs(17.8)}}},
			want: "c053772",
		},
		{
			name: "consular appointment booking: a Helm change cuts the pgx pool from 50 to 8 connections per pod after a DBA complaint, which is enough overnight but at the 08:00 UTC daily slot release every pod waits on its eight connections while the database sits idle; a later move of ReserveSlot into its own file, an x/crypto bump, a runbook and a Portuguese email subject are innocent", heldOut: true,
			service: "appointment-api",
			sig: Signal{Title: "[Alerting] Reserve slot latency", Source: "grafana",
				Text: "Grafana alert 'Reserve slot latency' is firing: p99 = 5.01 s (threshold 3 s) on POST /v1/appointments, 5xx 61%. Dashboard: Consular booking / Overview"},
			alert: 8.2,
			commits: []Commit{
				{SHA: "b731a94", Parents: []string{"3448096"}, Author: "beatriz", Date: hrs(6.5), Message: "notify: Portuguese subject for 'slot released' emails",
					Files: []File{{Path: "services/notify/templates/slot_released.pt.yaml", Patch: patch("subject: \"Slot disponível\"", "subject: \"Há vagas para marcação\"")}}},
				{SHA: "3448096", Parents: []string{"5b0d866"}, Author: "kurt", Date: hrs(3), Message: "booking: move ReserveSlot into reserve.go",
					Files: []File{
						{Path: "services/appointment-api/internal/booking/service.go", Patch: patch("func (s *Service) ReserveSlot(ctx context.Context, req ReserveRequest) (Appointment, error) {\n\tconn, err := s.pool.Acquire(ctx)", "")},
						{Path: "services/appointment-api/internal/booking/reserve.go", Patch: patch("", "func (s *Service) ReserveSlot(ctx context.Context, req ReserveRequest) (Appointment, error) {\n\tconn, err := s.pool.Acquire(ctx)")},
					}},
				{SHA: "5b0d866", Parents: []string{"d858d46"}, Author: "beatriz", Date: hrs(2.5), Message: "deps: bump golang.org/x/crypto to v0.25.0",
					Files: []File{{Path: "services/appointment-api/go.mod", Patch: patch("\tgolang.org/x/crypto v0.24.0", "\tgolang.org/x/crypto v0.25.0")}}},
				{SHA: "d858d46", Parents: []string{"03bd904"}, Author: "kurt", Date: hrs(-4.5), Message: "helm: cap DB connections per pod (DBA ticket DBA-2291, max_connections hit during the nightly export)",
					Files: []File{{Path: "deploy/helm/appointment-api/values.yaml", Patch: patch("    DATABASE_URL_PARAMS: \"pool_max_conns=50&pool_min_conns=5\"", "    DATABASE_URL_PARAMS: \"pool_max_conns=8&pool_min_conns=2\"")}}},
				{SHA: "03bd904", Parents: []string{"bad5651"}, Author: "beatriz", Date: hrs(-28), Message: "docs: slot release runbook",
					Files: []File{{Path: "docs/runbooks/slot-release.md", Patch: patch("", "At 08:00 UTC the release job opens 14 days of slots for all consulates; expect about 30x normal traffic for 20 minutes.")}}},
			},
			deploys: []Deploy{
				{SHA: "d858d46", At: hrs(-4), Environment: "production", Service: "appointment-api"},
				{SHA: "3448096", At: hrs(3.4), Environment: "production", Service: "appointment-api"},
				{SHA: "b731a94", At: hrs(6.7), Environment: "production", Service: "notify"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 1*time.Minute, firstFailing: "appointment-api", callPath: []string{"booking-web", "appointment-api", "postgres-consular"},
				affected:  []string{"appointment-api", "booking-web"},
				signature: "pgxpool: failed to acquire connection: context deadline exceeded in booking.ReserveSlot (client), after 5000 ms",
				logs: []string{
					"WARN appointment-api: pool stats total_conns=8 idle_conns=0 empty_acquire_count=+38,410 acquire_duration_p99=4.9s (pod appointment-api-7f9c-xk2p)",
					"INFO postgres-consular at 08:05: 96 client connections from appointment-api (12 pods), CPU 17%, no lock waits, max_connections 400",
					"INFO Thursday's 08:00 release: p99 410 ms, 182 connections at peak",
					"AVISO Consulado em Luanda: os requerentes não conseguem marcar desde as 09:00, a página devolve erro 504",
					"WARNUNG Generalkonsulat Frankfurt: Termine für nationale Visa nicht buchbar, Antragsteller rufen an",
				},
				surges: []MetricShift{
					{Service: "appointment-api", Name: "http_504_total", Direction: "up", Ratio: 80, At: hrs(8.02)},
					{Service: "appointment-api", Name: "pgxpool_empty_acquire_total", Direction: "up", Ratio: 900, At: hrs(8.02)},
				}},
			want: "d858d46",
		},
		{
			name: "river flood warning services: a move to pydantic-settings v2 adds env_prefix WARNING_DISPATCHER_, so the deployment's PUBLISH_WARNINGS=true is no longer read and publish_warnings falls back to its default False (dry run); nothing is issued for a day, then the first severe warning of the night is only logged; a later split of publish(), an httpx bump, a README on dry-run mode and a map colour change for warning thresholds are innocent", heldOut: true,
			service: "warning-dispatcher",
			sig: Signal{Title: "#hochwasser-lage: no SMS or app push for Kirchweiler warning", Source: "slack",
				Text: "Duty forecaster (05:22): Warnung FW-0314-0087 'Extremes Hochwasser, Kirchweiler/Lauter' issued 04:36 MEZ, console says 'veröffentlicht', but the Leitstelle says residents got no SMS and the app shows nothing. Pegel Kirchweiler 3.92 m, +18 cm/h."},
			alert: 4.4,
			commits: []Commit{
				{SHA: "cba28af", Parents: []string{"b63b5fe"}, Author: "svenja", Date: hrs(1), Message: "map: warning threshold colours for gauges",
					Files: []File{{Path: "services/public-map/src/gauges/colors.ts", Patch: patch("  warning: '#f5a623',", "  warning: '#e8590c',")}}},
				{SHA: "b63b5fe", Parents: []string{"bc2145a"}, Author: "matthias", Date: hrs(-2), Message: "dispatcher: split publish() into build_message() and send()",
					Files: []File{{Path: "services/warning-dispatcher/warning_dispatcher/publish.py", Patch: patch(
						"def publish(warning: Warning, settings: Settings) -> None:\n    msg = render(warning)",
						"def publish(warning: Warning, settings: Settings) -> None:\n    msg = build_message(warning)\n\n\ndef build_message(warning: Warning) -> Message:\n    return render(warning)")}}},
				{SHA: "bc2145a", Parents: []string{"a62164b"}, Author: "svenja", Date: hrs(-4), Message: "deps: bump httpx to 0.27.2",
					Files: []File{{Path: "services/warning-dispatcher/pyproject.toml", Patch: patch("httpx = \"0.27.0\"", "httpx = \"0.27.2\"")}}},
				{SHA: "a62164b", Parents: []string{"8c7b02a"}, Author: "matthias", Date: hrs(-18.5), Message: "settings: move to pydantic-settings v2",
					Files: []File{{Path: "services/warning-dispatcher/warning_dispatcher/settings.py", Patch: patch(
						"from pydantic import BaseSettings, Field\nclass Settings(BaseSettings):\n    publish_warnings: bool = Field(False, env=\"PUBLISH_WARNINGS\")\n    sms_gateway_url: str = Field(\"http://sms-gateway.warn.svc:8080\", env=\"SMS_GATEWAY_URL\")",
						"from pydantic_settings import BaseSettings, SettingsConfigDict\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix=\"WARNING_DISPATCHER_\")\n    publish_warnings: bool = False\n    sms_gateway_url: str = \"http://sms-gateway.warn.svc:8080\"")}}},
				{SHA: "8c7b02a", Parents: []string{"2123220"}, Author: "svenja", Date: hrs(-30), Message: "docs: dry-run mode for exercises",
					Files: []File{{Path: "services/warning-dispatcher/README.md", Patch: patch("", "With PUBLISH_WARNINGS unset the dispatcher only logs what it would send (dry run). The quarterly exercise uses this.")}}},
			},
			deploys: []Deploy{
				{SHA: "a62164b", At: hrs(-18), Environment: "production", Service: "warning-dispatcher"},
				{SHA: "b63b5fe", At: hrs(-1.6), Environment: "production", Service: "warning-dispatcher"},
				{SHA: "cba28af", At: hrs(1.2), Environment: "production", Service: "public-map"},
			},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 36*time.Minute, firstFailing: "warning-dispatcher", callPath: []string{"forecaster-console", "warning-dispatcher", "sms-gateway"},
				affected:  []string{"warning-dispatcher", "sms-gateway", "public-app"},
				signature: "dry run: would publish FW-0314-0087 (severity=extreme) to 18,204 subscribers in warning_dispatcher.publish (batch)",
				logs: []string{
					"INFO warning-dispatcher startup Thu 06:01: settings loaded publish_warnings=False sms_gateway_url=http://sms-gateway.warn.svc:8080",
					"INFO pod environment: PUBLISH_WARNINGS=true, SMS_GATEWAY_URL=http://sms-gateway.warn.svc:8080 (Helm chart unchanged since 2029)",
					"INFO last warning actually sent: FW-0311-0031 on Tuesday 14:10; no warning was issued between Thursday 06:00 and Friday 03:36",
					"WARN sms-gateway: 0 messages from warning-dispatcher since Thursday 06:00",
					"WARNUNG Leitstelle Kreis: keine Warn-SMS bei Anwohnern in Kirchweiler eingegangen, Pegel 3,92 m steigend, Evakuierung Unterdorf läuft",
				},
				surges: []MetricShift{{Service: "sms-gateway", Name: "sms_submitted_total", Direction: "down", Ratio: 0, At: hrs(3.6)}}},
			want: "a62164b",
		},
		{
			name: "plasma donation centres: donor-api switches Jackson to SNAKE_CASE per an API guideline, the check-in kiosk still reads lastDonationAt, gets undefined, computes NaN hours since the last donation and marks every returning donor not eligible once centres open; a later kiosk rename of the eligibility function, a Spanish 'not eligible' text, a jackson-databind bump and a consumers doc are innocent", heldOut: true,
			service: "donor-api",
			sig: Signal{Title: "Ticket #48213: Kiosks say every returning donor is not eligible", Source: "zendesk",
				Text: "From: Center manager, Toledo OH. Since we opened at 7am every returning donor gets 'Not eligible - minimum interval not met', even people whose last visit was a week ago. 23 donors sent to manual screening, line out the door."},
			alert: 11.6,
			commits: []Commit{
				{SHA: "62c88b1", Parents: []string{"bd5f4dd"}, Author: "keanu", Date: hrs(9.5), Message: "kiosk: clearer Spanish text for the 'not eligible' screen",
					Files: []File{{Path: "services/checkin-kiosk/src/i18n/es.json", Patch: patch("  \"notEligible\": \"No elegible hoy\",", "  \"notEligible\": \"Hoy no puede donar\",")}}},
				{SHA: "bd5f4dd", Parents: []string{"7d55ca4"}, Author: "priya", Date: hrs(8.5), Message: "kiosk: rename checkEligibility to evaluateEligibility",
					Files: []File{{Path: "services/checkin-kiosk/src/eligibility.ts", Patch: patch(
						"export function checkEligibility(donor: Donor, now: Date): Eligibility {",
						"export function evaluateEligibility(donor: Donor, now: Date): Eligibility {")}}},
				{SHA: "7d55ca4", Parents: []string{"5a6fac7"}, Author: "keanu", Date: hrs(-1), Message: "api: snake_case JSON per API guideline v2",
					Files: []File{{Path: "services/donor-api/src/main/kotlin/org/plasma/donor/JsonConfig.kt", Patch: patch(
						"        .propertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)",
						"        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)")}}},
				{SHA: "5a6fac7", Parents: []string{"4b138ef"}, Author: "priya", Date: hrs(-5), Message: "deps: bump jackson-databind to 2.17.2",
					Files: []File{{Path: "services/donor-api/build.gradle.kts", Patch: patch("    implementation(\"com.fasterxml.jackson.core:jackson-databind:2.17.1\")", "    implementation(\"com.fasterxml.jackson.core:jackson-databind:2.17.2\")")}}},
				{SHA: "4b138ef", Parents: []string{"b2dc192"}, Author: "keanu", Date: hrs(-26), Message: "docs: donor API consumers",
					Files: []File{{Path: "docs/donor-api/consumers.md", Patch: patch("", "- checkin-kiosk: GET /donors/{id} (interval check, deferrals)\n- staff-portal: generated client\n- mobile-app: GET /donors/me")}}},
			},
			deploys: []Deploy{
				{SHA: "7d55ca4", At: hrs(3), Environment: "production", Service: "donor-api"},
				{SHA: "62c88b1", At: hrs(10), Environment: "production", Service: "checkin-kiosk"},
			},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 2*time.Minute, firstFailing: "checkin-kiosk", callPath: []string{"checkin-kiosk", "donor-api", "donor-db"},
				affected:  []string{"checkin-kiosk", "donor-api"},
				signature: "eligibility: interval check failed for donor D-88213: lastDonationAt undefined (NaN hours since last donation) in evaluateEligibility (client)",
				logs: []string{
					"WARN checkin-kiosk: GET /donors/D-88213 returned {\"donor_id\":\"D-88213\",\"last_donation_at\":\"2031-03-11T15:02:00Z\",\"deferrals\":[]}; no lastDonationAt field",
					"INFO kiosks still on the previous kiosk build (rollout paused at 40% of centres) reject returning donors the same way",
					"INFO no check-ins between the 03:00 donor-api deploy and the first centre opening at 11:00 UTC",
					"INFO staff-portal (generated client, regenerated with snake_case) shows the right last donation dates",
					"AVISO Centro de plasma Hialeah: todos los donantes recurrentes salen como 'no elegible', los estamos mandando a evaluación manual",
				},
				surges: []MetricShift{{Service: "checkin-kiosk", Name: "kiosk_not_eligible_total", Direction: "up", Ratio: 30, At: hrs(11.05)}}},
			want: "7d55ca4",
		},

		// --- no commit to blame ---
		{
			name: "concert ticketing: a scalper botnet on residential proxies hits the waiting room at the 10:00 on-sale with eight times the planned request rate and the edge proxy's connection limit overflows; a Lua-script change to token admission deployed 42 minutes before, a seat-hold rename, an ioredis bump and a runbook are innocent, and blocking the bots on the same build ends it", heldOut: true,
			limitation: "a bot surge told as a scalper botnet on residential proxies at an on-sale is not read as load from outside",
			service:    "queue-gateway",
			sig: Signal{Title: "[PagerDuty] #INC-7731 Waiting room 5xx > 20% (queue-gateway)", Source: "pagerduty",
				Text: "Triggered 10:04 UTC by Datadog: queue-gateway 5xx ratio 47% (threshold 20%) during the stadium tour on-sale. 412k in queue. Social: fans stuck on 'Sorry, something went wrong'."},
			alert: 10.07,
			commits: []Commit{
				{SHA: "8a17f64", Parents: []string{"31c3d4d"}, Author: "ffion", Date: hrs(9.1), Message: "queue: issue admission tokens with one Lua script instead of MULTI/EXEC",
					Files: []File{{Path: "services/queue-gateway/src/admission.ts", Patch: patch(
						"  const tx = redis.multi();\n  tx.incr(`queue:${eventId}:admitted`);\n  tx.set(`token:${token}`, userId, 'EX', TOKEN_TTL);\n  await tx.exec();",
						"  await redis.evalsha(ADMIT_SHA, 2, `queue:${eventId}:admitted`, `token:${token}`, userId, TOKEN_TTL);")}}},
				{SHA: "31c3d4d", Parents: []string{"a525a3e"}, Author: "gareth", Date: hrs(8), Message: "checkout: rename ReserveSeats to HoldSeats",
					Files: []File{{Path: "services/checkout/Controllers/SeatsController.cs", Patch: patch(
						"    public async Task<IActionResult> ReserveSeats(string eventId, [FromBody] SeatRequest req)",
						"    public async Task<IActionResult> HoldSeats(string eventId, [FromBody] SeatRequest req)")}}},
				{SHA: "a525a3e", Parents: []string{"cab1cd3"}, Author: "ffion", Date: hrs(7), Message: "deps: bump ioredis to 5.4.1",
					Files: []File{{Path: "services/queue-gateway/package.json", Patch: patch("    \"ioredis\": \"5.3.2\",", "    \"ioredis\": \"5.4.1\",")}}},
				{SHA: "cab1cd3", Parents: []string{"3fff861"}, Author: "gareth", Date: hrs(-3), Message: "docs: on-sale day runbook",
					Files: []File{{Path: "docs/runbooks/onsale.md", Patch: patch("", "Expect 8-10x normal traffic in the first 15 minutes; the waiting room admits 2,000 fans/min per event.")}}},
				{SHA: "3fff861", Parents: []string{"ee7437d"}, Author: "ffion", Date: hrs(-20), Message: "terraform: cost-centre tags on the WAF log bucket",
					Files: []File{{Path: "infra/cdn/logs.tf", Patch: patch("  tags = { team = \"edge\" }", "  tags = { team = \"edge\", cost_centre = \"CC-4410\" }")}}},
			},
			deploys: []Deploy{
				{SHA: "31c3d4d", At: hrs(8.4), Environment: "production", Service: "checkout"},
				{SHA: "8a17f64", At: hrs(9.3), Environment: "production", Service: "queue-gateway"},
			},
			ev: caseEvidence{onsetAfter: 10 * time.Hour, firstFailing: "queue-gateway", callPath: []string{"cdn-edge", "queue-gateway", "redis-queue"},
				affected:  []string{"queue-gateway", "checkout"},
				signature: "503 upstream connect error or disconnect/reset before headers. reset reason: overflow on GET /queue/status (server), after 3 ms",
				logs: []string{
					"INFO bot management 10:00-10:30: 1.38M req/min to /queue/status, 81% with bot score below 10, one JA3 fingerprint, 212k residential proxy IPs in 9,400 ASNs; the on-sale plan was 160k req/min",
					"INFO human-scored traffic peaked at 118k req/min, inside the plan",
					"WARN envoy: cluster queue-gateway max_connections 4096 reached, upstream_cx_overflow +1.1M",
					"INFO redis-queue EVALSHA p99 0.4 ms; admissions ran at the configured 2,000/min for the whole on-sale",
					"INFO 10:31 bot-score block rule enabled at the edge, no rollback: 5xx fell from 47% to 0.3% within two minutes on the same queue-gateway build",
					"ERRORE biglietteria Milano: i fan restano bloccati su 'Si è verificato un errore' nella sala d'attesa",
				},
				surges: []MetricShift{
					{Service: "cdn-edge", Name: "requests_total", Direction: "up", Ratio: 9, At: hrs(10)},
					{Service: "queue-gateway", Name: "http_503_total", Direction: "up", Ratio: 200, At: hrs(10.01)},
				}},
			want: "",
		},
		{
			name: "irrigation districts: a pump-station gateway has not synced NTP for nine days since its LTE router was swapped, its clock runs 33 s a day fast, and this morning it crosses the ±300 s signed-request window so its gate readings are refused; a constant-time signature compare deployed earlier on the same ingest service, a FastAPI bump, a comment on the timestamp window and a gate-control rename are innocent", heldOut: true,
			service: "canal-telemetry",
			sig: Signal{Title: "PROBLEM: Gate telemetry stale > 15 min (laterals 12-19)", Source: "zabbix", Severity: "high",
				Text: "Trigger: Gate position data older than 15m\nHost: canal-telemetry\nSeverity: High\nItems: 9 gates on laterals 12-19 (gateway rtu-gw-04)\nOriginal problem ID: 88213401"},
			alert: 8.4,
			commits: []Commit{
				{SHA: "3912bbf", Parents: []string{"8333053"}, Author: "ainhoa", Date: hrs(7.2), Message: "gate-control: rename set_gate_position to command_gate",
					Files: []File{{Path: "services/gate-control/gate_control/commands.py", Patch: patch("def set_gate_position(gate_id: str, opening_cm: int) -> Command:", "def command_gate(gate_id: str, opening_cm: int) -> Command:")}}},
				{SHA: "8333053", Parents: []string{"90c4993"}, Author: "rafael", Date: hrs(6), Message: "auth: compare request signatures with hmac.compare_digest",
					Files: []File{{Path: "services/canal-telemetry/canal_telemetry/auth.py", Patch: patch(
						"    if expected != request.headers[\"X-Signature\"]:\n        raise HTTPException(status_code=401, detail=\"bad signature\")",
						"    if not hmac.compare_digest(expected, request.headers.get(\"X-Signature\", \"\")):\n        raise HTTPException(status_code=401, detail=\"bad signature\")")}}},
				{SHA: "90c4993", Parents: []string{"c470c4f"}, Author: "ainhoa", Date: hrs(5), Message: "deps: bump fastapi to 0.111.1",
					Files: []File{{Path: "services/canal-telemetry/requirements.txt", Patch: patch("fastapi==0.110.3", "fastapi==0.111.1")}}},
				{SHA: "c470c4f", Parents: []string{"019f8c8"}, Author: "rafael", Date: hrs(-9), Message: "auth: document the timestamp window",
					Files: []File{{Path: "services/canal-telemetry/canal_telemetry/auth.py", Patch: patch("", "# Requests whose X-Timestamp is more than MAX_SKEW (300 s) from server time get 401 'timestamp out of window'.")}}},
				{SHA: "019f8c8", Parents: []string{"fb45f6b"}, Author: "ainhoa", Date: hrs(-27), Message: "docs: gateway provisioning checklist",
					Files: []File{{Path: "docs/gateways.md", Patch: patch("", "1. LTE APN and static IP\n2. chrony pointed at ntp.canal.internal, UDP 123 open\n3. gateway certificate and HMAC key")}}},
			},
			deploys: []Deploy{
				{SHA: "8333053", At: hrs(6.5), Environment: "production", Service: "canal-telemetry"},
				{SHA: "3912bbf", At: hrs(7.4), Environment: "production", Service: "gate-control"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 54*time.Minute, firstFailing: "rtu-gw-04", callPath: []string{"rtu-gw-04", "canal-telemetry", "gate-control"},
				affected:  []string{"canal-telemetry", "gate-control", "water-orders"},
				signature: "401 timestamp out of window: X-Timestamp 07:59:06Z is 302 s ahead of server time on POST /v1/readings (server), after 2 ms",
				logs: []string{
					"WARN canal-telemetry: 401 timestamp out of window from rtu-gw-04 (skew +302 s)",
					"INFO rtu-gw-04 chronyc tracking: Leap status Not synchronised, last sync 9 days ago, clock gaining about 33 s a day; UDP 123 blocked since the pump-station LTE router was replaced on 5 March",
					"INFO the other 11 gateways sign with under 1 s of skew and were accepted throughout; 1.9M signed requests accepted on the compare_digest build between 06:30 and 07:54",
					"INFO every 401 since 07:54 comes from rtu-gw-04 with reason 'timestamp out of window'; none say 'bad signature'",
					"WARN gate-control: gate L14-G3 telemetry 30 min old, stale-telemetry interlock refuses commands",
					"AVISO comunidad de regantes: las compuertas del lateral 14 no abrieron para el turno de riego de las 09:00, el sector 3 sin agua",
				},
				surges: []MetricShift{{Service: "canal-telemetry", Name: "http_401_total", Direction: "up", Ratio: 400, At: hrs(7.9)}}},
			want: "",
		},
		{
			name: "metro operators: a network engineer points the internal A record for the card service at the new HAProxy VIP by hand, three days before the scheduled cutover, and fare gates get connection refused and fall back to offline mode, refusing QR tickets in the morning rush; the VIP's config commit, an 800 ms read-timeout cut and a rename deployed that morning on the validation service, and a Spring Boot bump are innocent", heldOut: true,
			service: "fare-validation",
			sig: Signal{Title: "[Opsgenie] P1 Validateurs : taux de refus QR > 30 % (lignes 1, 2, 4)", Source: "opsgenie",
				Text: "Alert from Prometheus: qr_refusal_ratio = 0.93 (seuil 0.30) on fare-validation. Tags: metro, fare, rush. Responders: fare-oncall"},
			alert: 10.9,
			commits: []Commit{
				{SHA: "43a13fe", Parents: []string{"5522325"}, Author: "genevieve", Date: hrs(9.5), Message: "validation: rename validateQr to verifyQrTicket",
					Files: []File{{Path: "services/fare-validation/src/main/java/ca/metro/fare/QrValidationService.java", Patch: patch(
						"    public ValidationResult validateQr(GateContext gate, QrPayload qr) {",
						"    public ValidationResult verifyQrTicket(GateContext gate, QrPayload qr) {")}}},
				{SHA: "5522325", Parents: []string{"4fa9514"}, Author: "olivier", Date: hrs(7.8), Message: "validation: 800 ms read timeout to the card service so gates stay responsive",
					Files: []File{{Path: "services/fare-validation/src/main/resources/application.yml", Patch: patch("      read-timeout: 3000ms", "      read-timeout: 800ms")}}},
				{SHA: "4fa9514", Parents: []string{"2f5c63c"}, Author: "genevieve", Date: hrs(6), Message: "deps: bump spring-boot to 3.3.4",
					Files: []File{{Path: "services/fare-validation/pom.xml", Patch: patch("        <version>3.3.2</version>", "        <version>3.3.4</version>")}}},
				{SHA: "2f5c63c", Parents: []string{"5914a38"}, Author: "olivier", Date: hrs(-20), Message: "haproxy: frontend for the new fare VIP (cutover Sunday, CHG0041877)",
					Files: []File{{Path: "deploy/haproxy/fare.cfg", Patch: patch("", "frontend fare_cards_new\n    bind 10.20.4.17:443 ssl crt /etc/haproxy/certs/fare.pem\n    default_backend cards_new\nbackend cards_new\n    # servers are added at cutover (CHG0041877)")}}},
				{SHA: "5914a38", Parents: []string{"f1dd582"}, Author: "genevieve", Date: hrs(-30), Message: "docs: validator offline mode",
					Files: []File{{Path: "docs/validators.md", Patch: patch("", "When the card service is unreachable, gates accept only cards with a cached pass; QR tickets are refused.")}}},
			},
			deploys: []Deploy{
				{SHA: "2f5c63c", At: hrs(-19), Environment: "production", Service: "haproxy-fare"},
				{SHA: "5522325", At: hrs(8.5), Environment: "production", Service: "fare-validation"},
				{SHA: "43a13fe", At: hrs(9.8), Environment: "production", Service: "fare-validation"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 38*time.Minute, firstFailing: "dns-internal", callPath: []string{"fare-gate", "fare-validation", "dns-internal", "card-service"},
				affected:  []string{"fare-validation", "fare-gate", "mobile-ticketing"},
				signature: "java.net.ConnectException: Connection refused to cards.fare.interne/10.20.4.17:8443 in verifyQrTicket (client), after 2 ms",
				logs: []string{
					"WARN fare-validation: card-service unreachable (Connection refused, 10.20.4.17:8443), gate falls back to offline mode, QR ticket refused",
					"INFO Infoblox audit: A record cards.fare.interne changed 10.20.1.40 -> 10.20.4.17 at 10:38:12 UTC by user jtremblay (GUI), TTL 60; CHG0041877 is scheduled for Sunday 02:00",
					"INFO card-service on 10.20.1.40 healthy, 0 requests since 10:39; curl https://10.20.1.40:8443/health from a validator node: 200 in 4 ms",
					"INFO 10.20.4.17 is the new HAProxy VIP: listens on 443 only, backend empty until cutover",
					"INFO validations from 09:30 (service start) to 10:38 UTC on the 800 ms build: p99 62 ms, 0 timeouts",
					"AVERTISSEMENT agent de station Berri : les valideurs refusent les titres QR depuis 06 h 40, files d'attente aux tourniquets",
				},
				surges: []MetricShift{
					{Service: "fare-validation", Name: "qr_refusals_total", Direction: "up", Ratio: 40, At: hrs(10.65)},
					{Service: "card-service", Name: "requests_total", Direction: "down", Ratio: 0, At: hrs(10.65)},
				}},
			want: "",
		},
		{
			name: "mortgage servicers: the tax-service vendor starts sending its daily tax bill file in a new 212-byte layout without telling anyone who still reads the mailbox, and the escrow importer rejects every record on length; a decimal.Parse change deployed the evening before yesterday's import, which read that file fine, a rename deployed that night (the function Sentry names), an Npgsql bump and a county report change are innocent", heldOut: true,
			limitation: "a partner's file arriving in an unannounced layout is not read as bad input from outside",
			service:    "escrow-import",
			sig: Signal{Title: "FormatException: Record 1 has length 212, expected 200 (layout TXS-1.4)", Source: "sentry",
				Text: "ESCROW-IMPORT-3F1 · first seen 05:00:41 UTC · 41,207 events · release escrow-import@9811f93 · culprit Escrow.Import.TaxFileImporter.ImportAsync · assigned #escrow-ops"},
			alert: 5.2,
			commits: []Commit{
				{SHA: "1785973", Parents: []string{"9811f93"}, Author: "deandra", Date: hrs(3.5), Message: "reports: escrow disbursement summary by county",
					Files: []File{{Path: "services/escrow-reports/sql/views/disbursement_summary.sql", Patch: patch("GROUP BY d.state, d.due_date;", "GROUP BY d.state, d.county_fips, d.due_date;")}}},
				{SHA: "9811f93", Parents: []string{"d932754"}, Author: "hollis", Date: hrs(2), Message: "import: rename TaxFileImporter.Run to ImportAsync",
					Files: []File{{Path: "services/escrow-import/src/Escrow.Import/TaxFileImporter.cs", Patch: patch(
						"    public async Task Run(string path, CancellationToken ct)",
						"    public async Task ImportAsync(string path, CancellationToken ct)")}}},
				{SHA: "d932754", Parents: []string{"27c26a7"}, Author: "deandra", Date: hrs(-26), Message: "import: parse tax amounts with decimal.Parse instead of double",
					Files: []File{{Path: "services/escrow-import/src/Escrow.Import/TaxRecordParser.cs", Patch: patch(
						"        var amount = (decimal)(double.Parse(line.Substring(148, 12)) / 100.0);",
						"        var amount = decimal.Parse(line.Substring(148, 12), NumberStyles.None, CultureInfo.InvariantCulture) / 100m;")}}},
				{SHA: "27c26a7", Parents: []string{"d1c0d0d"}, Author: "hollis", Date: hrs(-28), Message: "deps: bump Npgsql to 8.0.4",
					Files: []File{{Path: "services/escrow-import/src/Escrow.Import/Escrow.Import.csproj", Patch: patch("    <PackageReference Include=\"Npgsql\" Version=\"8.0.3\" />", "    <PackageReference Include=\"Npgsql\" Version=\"8.0.4\" />")}}},
				{SHA: "d1c0d0d", Parents: []string{"128b3fc"}, Author: "deandra", Date: hrs(-29), Message: "docs: TaxSource file layout TXS-1.4",
					Files: []File{{Path: "docs/partners/taxsource-layout.md", Patch: patch("", "Fixed-width, 200-byte records. 1-20 loan number, 21-45 parcel number, 149-160 amount in cents (implied decimal).")}}},
			},
			deploys: []Deploy{
				{SHA: "d932754", At: hrs(-25), Environment: "production", Service: "escrow-import"},
				{SHA: "9811f93", At: hrs(2.5), Environment: "production", Service: "escrow-import"},
				{SHA: "1785973", At: hrs(3.7), Environment: "production", Service: "escrow-reports"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 41*time.Second, firstFailing: "taxsource-sftp", callPath: []string{"taxsource-sftp", "escrow-import", "escrow-ledger", "disbursement-engine"},
				affected:  []string{"escrow-import", "disbursement-engine"},
				signature: "FormatException: record length 212, expected 200 (layout TXS-1.4) in TaxFileImporter.ImportAsync (batch)",
				logs: []string{
					"ERROR escrow-import: TXS_20310314.dat rejected, 41,207 of 41,207 records are 212 bytes; header reads 'TXS 2.0'",
					"INFO TaxSource client notice, sent 13 March to a former employee's mailbox: layout 2.0 inserts a 12-byte installment_id after the parcel number from the 14 March file on",
					"INFO yesterday's TXS_20310313.dat (200-byte records, header 'TXS 1.4') imported 39,880 records at 05:00 on the decimal.Parse build; amounts matched the county bills to the cent",
					"INFO TaxSource support (05:40): they can regenerate today's file in layout 1.4 by 07:00",
					"WARN disbursement-engine: 0 tax items for today's run; 3,118 county payments due today are on hold",
					"Equipe de operações (Campinas): arquivo da TaxSource chegou com registros de 212 posições, o layout mudou sem aviso; desembolsos de impostos do escrow parados",
				},
				surges: []MetricShift{{Service: "escrow-import", Name: "record_rejections_total", Direction: "up", Ratio: 1000, At: hrs(5.01)}}},
			want: "",
		},
		{
			name: "pension funds: the Aurora writer's host degrades and RDS fails over to the other zone, pooled connections are cut and the ones that reconnect to the old writer, now a reader, get read-only transaction errors, in an unchanged member portal as well; a switch to insert_all batches deployed 50 minutes before, a refactor of the upload service deployed minutes before, an index migration and a pg gem bump are innocent", heldOut: true,
			limitation: "a managed database failing over to another zone is not read as a cause outside the repository",
			service:    "contributions-api",
			sig: Signal{Title: "ALARM: \"contributions-api-5xx-rate\" in EU (Frankfurt)", Source: "cloudwatch",
				Text: "You are receiving this email because your Amazon CloudWatch Alarm \"contributions-api-5xx-rate\" in the EU (Frankfurt) region has entered the ALARM state, because \"Threshold Crossed: 1 datapoint [38.4 (14/03/31 09:15:00)] was greater than the threshold (5.0).\" at \"Friday 14 March, 2031 09:16:12 UTC\"."},
			alert: 9.27,
			commits: []Commit{
				{SHA: "573765b", Parents: []string{"4af90c5"}, Author: "femke", Date: hrs(8.8), Message: "contributions: extract LineValidator from PremiumUpload",
					Files: []File{{Path: "services/contributions-api/app/services/premium_upload.rb", Patch: patch(
						"      invalid = lines.reject { |l| l.bsn.present? && l.period.present? && l.amount_cents.positive? }",
						"      invalid = lines.reject { |l| LineValidator.valid?(l) }")}}},
				{SHA: "4af90c5", Parents: []string{"9ca953c"}, Author: "joris", Date: hrs(8.1), Message: "contributions: insert_all in batches of 500 instead of one INSERT per line",
					Files: []File{{Path: "services/contributions-api/app/services/premium_upload.rb", Patch: patch(
						"      lines.each { |l| Contribution.create!(l.to_attributes) }",
						"      lines.each_slice(500) { |batch| Contribution.insert_all!(batch.map(&:to_attributes)) }")}}},
				{SHA: "9ca953c", Parents: []string{"00c8499"}, Author: "femke", Date: hrs(7), Message: "db: index contributions (employer_id, period)",
					Files: []File{{Path: "db/migrations/V2031_03_14_1__contributions_employer_period_idx.sql", Patch: patch("", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_contributions_employer_period ON contributions (employer_id, period);")}}},
				{SHA: "00c8499", Parents: []string{"054506b"}, Author: "joris", Date: hrs(-6), Message: "deps: bump pg gem to 1.5.7",
					Files: []File{{Path: "services/contributions-api/Gemfile.lock", Patch: patch("    pg (1.5.6)", "    pg (1.5.7)")}}},
				{SHA: "054506b", Parents: []string{"5e6de5a"}, Author: "femke", Date: hrs(-25), Message: "docs: contributions-api on-call notes",
					Files: []File{{Path: "docs/oncall/contributions-api.md", Patch: patch("", "Uploads of 40k lines take about 6 minutes. For 5xx bursts, check RDS events and the upload queue first.")}}},
			},
			deploys: []Deploy{
				{SHA: "9ca953c", At: hrs(7.5), Environment: "production", Service: "pension-db-migrations"},
				{SHA: "4af90c5", At: hrs(8.4), Environment: "production", Service: "contributions-api"},
				{SHA: "573765b", At: hrs(9.0), Environment: "production", Service: "contributions-api"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 12*time.Minute, firstFailing: "aurora-pensions", callPath: []string{"employer-portal", "contributions-api", "aurora-pensions"},
				affected:  []string{"contributions-api", "employer-portal", "member-portal"},
				signature: "PG::ReadOnlySqlTransaction: ERROR: cannot execute INSERT in a read-only transaction in PremiumUpload#call (server), after 3 ms",
				logs: []string{
					"INFO RDS event 09:12:04 UTC pensions-aurora: Started cross AZ failover to DB instance pensions-aurora-instance-2; 09:12:41 Completed failover; instance-1 in eu-central-1a had degraded underlying hardware",
					"ERROR contributions-api: PG::ConnectionBad: server closed the connection unexpectedly (x1,204 between 09:12:04 and 09:12:40)",
					"ERROR contributions-api: PG::ReadOnlySqlTransaction on INSERT INTO contributions from connections opened to the old writer address, which came back as a reader",
					"INFO member-portal (Java, last deploy 3 March) logs 'cannot execute UPDATE in a read-only transaction' on address changes from 09:13",
					"INFO uploads on the insert_all build from 08:24 to 09:12: 212 uploads, p95 1.8 s, 0 errors; the index migration finished at 07:34",
					"STORING werkgeversportaal: aanleveringen van premies mislukken sinds 10:12, melding 'Er ging iets mis'",
				},
				surges: []MetricShift{
					{Service: "contributions-api", Name: "http_5xx_total", Direction: "up", Ratio: 60, At: hrs(9.2)},
					{Service: "member-portal", Name: "http_5xx_total", Direction: "up", Ratio: 20, At: hrs(9.22)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyEighthBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-eighth", culpritCasesTwentyEighthBatch())
}
