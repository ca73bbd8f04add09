package triage

// culprit_cases21_test.go is a twenty-first held-out batch (10 cases),
// written by a helper that did not read the rules. Six cases have one
// commit to blame: an index dropped as "covered" by one that leads with
// another column, a bare number bound as a Duration in milliseconds, an
// lru_cache on a lookup that must be fresh, Sidekiq threads outnumbering
// the ActiveRecord pool, an async mutex held across a slow await, and a
// memory limit cut on a quiet week's recommendation. Four have none: an
// OCR vendor's monthly quota running out, a stale replication slot filling
// the database volume, a registrar nameserver change made outside
// Terraform, and an influencer-driven traffic surge. In most cases the
// onset lags the guilty deploy by hours.
//
// First run: 8/10, one innocent commit blamed (a Terraform TXT record
// while marketing had moved the nameservers in the registrar's web
// console) and one abstention (the lru_cache, whose stale revision the
// Italian logs tell). The classes: a change made in a provider's console
// however its name is possessed ("the registrar's web console"); a reader
// on an older revision than the one saved is a freshness fault. After:
// 10/10, none blamed. It has tuned rules since, so it is no longer held
// out.

// Written without reading the culprit rules on 2026-12-06. Industries: pottery studios, cooperages, tanneries, circus schools, ballet companies, sugar beet factories, scrap metal yards, ostrich farms, hovercraft operators, bonsai nurseries.

import (
	"testing"
	"time"
)

// culpritCasesTwentyFirstBatch are held-out culprit cases written without
// reading the culprit rule.
func culpritCasesTwentyFirstBatch() []culpritCase {
	return []culpritCase{
		// --- a commit is to blame ---
		{
			name: "pottery studios: a 02:00 migration drops the (studio_id, fired_at) index as 'covered' by one that leads with kiln_id, so the firing-history query seq-scans 41M rows and the pool runs dry when studios open at 08:30; a handler rename deployed minutes before onset, a pgx bump shipped with the migration and an index on another service's table are innocent", heldOut: true,
			service: "kiln-planner",
			sig:     Signal{Title: "Ovenplanner: stookhistorie laadt niet", Text: "Sinds de opening om 08:30 krijgen cursisten en docenten een time-out op 'Mijn stookbeurten' en kunnen ze geen oven reserveren; Grafana-alert kiln-planner p95 > 3 s"},
			alert:   8.75,
			commits: []Commit{
				{SHA: "a7d41e9", Parents: []string{"5e0b3c2"}, Author: "maartje", Date: hrs(8.1), Message: "planner: rename ListFirings to FiringHistory",
					Files: []File{{Path: "services/kiln-planner/internal/httpapi/firings.go", Patch: patch("func (h *Handler) ListFirings(w http.ResponseWriter, r *http.Request) {", "func (h *Handler) FiringHistory(w http.ResponseWriter, r *http.Request) {")}}},
				{SHA: "5e0b3c2", Parents: []string{"c3f9a18"}, Author: "joost", Date: hrs(5), Message: "glaze-stock: index glaze_batches on supplier_id",
					Files: []File{{Path: "services/glaze-stock/migrations/0031_glaze_batches_supplier_idx.sql", Patch: patch("", "CREATE INDEX CONCURRENTLY IF NOT EXISTS glaze_batches_supplier_idx ON glaze_batches (supplier_id);")}}},
				{SHA: "c3f9a18", Parents: []string{"91b7d20"}, Author: "joost", Date: hrs(1.4), Message: "db: drop redundant firing_log index (covered by firing_log_kiln_studio_idx)",
					Files: []File{{Path: "services/kiln-planner/migrations/0087_drop_firing_log_studio_fired_idx.sql", Patch: patch("", "-- redundant: firing_log_kiln_studio_idx (kiln_id, studio_id) already covers studio lookups\nDROP INDEX CONCURRENTLY IF EXISTS firing_log_studio_fired_idx;")}}},
				{SHA: "91b7d20", Parents: []string{"e02c6f4"}, Author: "maartje", Date: hrs(1), Message: "deps: bump jackc/pgx to v5.6.0",
					Files: []File{{Path: "services/kiln-planner/go.mod", Patch: patch("\tgithub.com/jackc/pgx/v5 v5.5.5", "\tgithub.com/jackc/pgx/v5 v5.6.0")}}},
			},
			deploys: []Deploy{
				{SHA: "c3f9a18", At: hrs(2), Environment: "production", Service: "kiln-planner"},
				{SHA: "5e0b3c2", At: hrs(5.3), Environment: "production", Service: "glaze-stock"},
				{SHA: "a7d41e9", At: hrs(8.3), Environment: "production", Service: "kiln-planner"},
			},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 32*time.Minute, firstFailing: "kiln-planner", callPath: []string{"studio-web", "kiln-planner", "postgres"},
				signature: "canceling statement due to statement timeout (3 s) on GET /v1/studios/{id}/firings (server), after 3000 ms",
				logs: []string{
					"ERROR kiln-planner: ERROR: canceling statement due to statement timeout (SQLSTATE 57014): SELECT ... FROM firing_log WHERE studio_id = $1 ORDER BY fired_at DESC LIMIT 50",
					"INFO auto_explain: Seq Scan on firing_log (rows 41,882,310) Filter: (studio_id = 212), 2,870 ms; index firing_log_studio_fired_idx not found",
					"INFO pg_stat_statements: the studio history query averaged 4 ms until 02:06 and 2.8 s since; 9 calls overnight, then 1,300 a minute once the studios opened at 08:30",
					"WARN pgxpool: 20 of 20 connections busy, 212 acquires waiting",
					"INFO glaze-stock runs on its own database; kiln-planner never queries glaze_batches",
				},
				surges: []MetricShift{
					{Service: "kiln-planner", Name: "http_server_errors_total", Direction: "up", Ratio: 45, At: hrs(8.53)},
					{Service: "postgres", Name: "cpu_usage_cores", Direction: "up", Ratio: 6, At: hrs(8.52)},
				}},
			want: "c3f9a18",
		},
		{
			name: "cooperages: the brazier gateway timeout becomes a Duration property while the YAML keeps a bare 30 meant as seconds, which Spring Boot binds as 30 ms, so the first toasting profiles of the 06:00 shift time out; a correctly suffixed Duration in cask-labels, a handler rename and a Spring Boot bump deployed the evening before, and a tablet deploy after onset are innocent", heldOut: true,
			service: "toast-control",
			sig:     Signal{Title: "Bousinage impossible : délai dépassé vers les braseros", Text: "Depuis la prise de poste de 6 h, aucun profil de chauffe ne démarre sur les braseros B1 à B6 ; les tablettes d'atelier affichent « délai dépassé ». Opsgenie P2 ouvert par le chef d'atelier."},
			alert:   30.5,
			commits: []Commit{
				{SHA: "b0c2e57", Parents: []string{"7c3e5a9"}, Author: "lucie", Date: hrs(30.2), Message: "tablet: larger start button for gloved hands",
					Files: []File{{Path: "services/atelier-tablet/src/screens/ToastScreen.tsx", Patch: patch("  <Button size=\"md\" onPress={start}>Lancer la chauffe</Button>", "  <Button size=\"xl\" onPress={start}>Lancer la chauffe</Button>")}}},
				{SHA: "7c3e5a9", Parents: []string{"e8a1f4c"}, Author: "hugo", Date: hrs(29), Message: "config: brazier gateway timeout as a Duration",
					Files: []File{
						{Path: "services/toast-control/src/main/java/fr/tonnellerie/toast/BrazierProperties.java", Patch: patch("    private long gatewayTimeoutMs = 30000;", "    private Duration gatewayTimeout = Duration.ofSeconds(30);")},
						{Path: "services/toast-control/src/main/java/fr/tonnellerie/toast/BrazierClient.java", Patch: patch("            .setReadTimeout(Duration.ofMillis(props.getGatewayTimeoutMs()))", "            .setReadTimeout(props.getGatewayTimeout())")},
						{Path: "services/toast-control/src/main/resources/application.yml", Patch: patch("    gateway-timeout-ms: 30000", "    gateway-timeout: 30 # seconds")},
					}},
				{SHA: "e8a1f4c", Parents: []string{"4d9e7b1"}, Author: "hugo", Date: hrs(25), Message: "cask-labels: printer timeout as a Duration",
					Files: []File{{Path: "services/cask-labels/src/main/resources/application.yml", Patch: patch("  printer-timeout-ms: 5000", "  printer-timeout: 5s")}}},
				{SHA: "4d9e7b1", Parents: []string{"2f6a0c8"}, Author: "lucie", Date: hrs(20), Message: "toast: rename startToast to startToastingProfile",
					Files: []File{{Path: "services/toast-control/src/main/java/fr/tonnellerie/toast/ToastController.java", Patch: patch("    public ResponseEntity<ToastRun> startToast(@PathVariable String brazierId, @RequestBody ToastProfile p) {", "    public ResponseEntity<ToastRun> startToastingProfile(@PathVariable String brazierId, @RequestBody ToastProfile p) {")}}},
				{SHA: "2f6a0c8", Parents: []string{"a1d8c36"}, Author: "hugo", Date: hrs(19), Message: "deps: spring-boot 3.2.5 -> 3.2.6",
					Files: []File{{Path: "services/toast-control/build.gradle.kts", Patch: patch("    id(\"org.springframework.boot\") version \"3.2.5\"", "    id(\"org.springframework.boot\") version \"3.2.6\"")}}},
			},
			deploys: []Deploy{
				{SHA: "4d9e7b1", At: hrs(22), Environment: "production", Service: "toast-control"},
				{SHA: "e8a1f4c", At: hrs(25.4), Environment: "production", Service: "cask-labels"},
				{SHA: "7c3e5a9", At: hrs(29.5), Environment: "production", Service: "toast-control"},
				{SHA: "b0c2e57", At: hrs(30.3), Environment: "production", Service: "atelier-tablet"},
			},
			ev: caseEvidence{onsetAfter: 30*time.Hour + 4*time.Minute, firstFailing: "toast-control", callPath: []string{"atelier-tablet", "toast-control", "brasero-gw"},
				affected:  []string{"toast-control", "atelier-tablet"},
				signature: "SocketTimeoutException: Read timed out on POST /brazier/{id}/profile (client), after 30 ms",
				logs: []string{
					"ERROR BrazierClient: I/O error on POST request for \"http://brasero-gw:8080/brazier/B3/profile\": Read timed out (readTimeout=PT0.03S)",
					"INFO brasero-gw : l'automate acquitte un profil en 180 à 420 ms, comme d'habitude ; les 47 profils sont bien arrivés, la connexion était déjà fermée côté client",
					"INFO aucune chauffe lancée entre le déploiement de 05:30 et la prise de poste de 06:00 ; la veille au soir, les chauffes sur la version de 22:00 ont toutes démarré",
					"INFO cask-labels imprime normalement et n'appelle pas brasero-gw",
				},
				surges: []MetricShift{{Service: "toast-control", Name: "toast_runs_failed_total", Direction: "up", Ratio: 50, At: hrs(30.07)}}},
			want: "7c3e5a9",
		},
		{
			name: "tanneries: an lru_cache on load_recipe keeps each dosing worker on the recipe revision it first read, so after the 14:02 article change drums D-4 to D-9 get the old chrome dose; the recipe-editor deploy just before the change, a pump rename that restarted the workers, a pydantic bump and a runbook edit are innocent", heldOut: true,
			service: "drum-dosing",
			sig:     Signal{Title: "Conceria: cromo fuori tolleranza nei bottali D-4…D-9", Text: "Il laboratorio segnala pelli per arredamento con Cr2O3 al 4,9% invece del 3,8% dal cambio turno delle 14; nessun errore in Sentry, i bottali risultano 'dosaggio completato'"},
			alert:   16.2,
			commits: []Commit{
				{SHA: "f3b8e21", Parents: []string{"0a5c9d4"}, Author: "giulia", Date: hrs(13.8), Message: "recipe-editor: show the revision number on Save",
					Files: []File{{Path: "services/recipe-editor/src/components/SaveBar.tsx", Patch: patch("  <Button onClick={save}>Salva</Button>", "  <Button onClick={save}>Salva (rev {recipe.rev + 1})</Button>")}}},
				{SHA: "0a5c9d4", Parents: []string{"6d2e7b0"}, Author: "matteo", Date: hrs(10.5), Message: "docs: chrome dosing runbook for article changes",
					Files: []File{{Path: "docs/runbooks/chrome-dosing.md", Patch: patch("", "## Cambio articolo\nIl chimico salva la nuova ricetta nel recipe-editor; i bottali la usano dal carico successivo.")}}},
				{SHA: "6d2e7b0", Parents: []string{"9e4a1c7"}, Author: "giulia", Date: hrs(10), Message: "dosing: rename dose_drum to apply_dose",
					Files: []File{{Path: "services/drum-dosing/dosing/pump.py", Patch: patch("def dose_drum(drum_id: str, pelt_kg: float) -> DoseResult:", "def apply_dose(drum_id: str, pelt_kg: float) -> DoseResult:")}}},
				{SHA: "9e4a1c7", Parents: []string{"3c7f0b5"}, Author: "matteo", Date: hrs(8.8), Message: "recipes: cache recipe lookups (the recipes table was read on every pump tick)",
					Files: []File{{Path: "services/drum-dosing/dosing/recipes.py", Patch: patch(
						"def load_recipe(drum_id: str) -> Recipe:",
						"from functools import lru_cache\n@lru_cache(maxsize=256)\ndef load_recipe(drum_id: str) -> Recipe:")}}},
				{SHA: "3c7f0b5", Parents: []string{"b1e6d28"}, Author: "giulia", Date: hrs(8.5), Message: "deps: bump pydantic to 2.7.4",
					Files: []File{{Path: "services/drum-dosing/requirements.txt", Patch: patch("pydantic==2.7.1", "pydantic==2.7.4")}}},
			},
			deploys: []Deploy{
				{SHA: "9e4a1c7", At: hrs(9.3), Environment: "production", Service: "drum-dosing"},
				{SHA: "6d2e7b0", At: hrs(10.7), Environment: "production", Service: "drum-dosing"},
				{SHA: "f3b8e21", At: hrs(13.9), Environment: "production", Service: "recipe-editor"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 20*time.Minute, firstFailing: "drum-dosing", callPath: []string{"drum-scheduler", "drum-dosing", "dosing-pumps"},
				affected:  []string{"drum-dosing", "lab-qc"},
				signature: "chrome dose 8.0% of pelt weight applied to drum D-4 while active recipe ART-552 rev 14 specifies 6.5% (batch)",
				logs: []string{
					"WARN dosing-audit: bottale D-4 dosato con la ricetta ART-552 rev 13 (cromo 8,0%), ricetta attiva rev 14 salvata alle 14:02 (cromo 6,5%)",
					"INFO recipe-editor: rev 14 scritta nel DB alle 14:02; SELECT rev FROM recipes WHERE article = 'ART-552' restituisce 14",
					"INFO drum-dosing-worker-2, riavviato alle 15:10 per il drain del nodo, dosa la rev 14; worker-1 e worker-3, attivi dal deploy delle 10:42, dosano ancora la rev 13 e non leggono la tabella recipes dalle 10:51",
					"INFO tra il deploy delle 09:18 e le 14:02 nessuna ricetta era stata modificata",
				},
				surges: []MetricShift{{Service: "drum-dosing", Name: "dosing_audit_mismatch_total", Direction: "up", Ratio: 30, At: hrs(14.35)}}},
			want: "9e4a1c7",
		},
		{
			name: "circus schools: Sidekiq concurrency goes from 5 to 25 while the worker's ActiveRecord pool stays at 5, harmless by day and starved once the 01:00 term-invoice run enqueues 4,380 jobs; the payments-gateway deploy twenty minutes before, the web RAILS_MAX_THREADS bump, a job refactor and a sidekiq bump are innocent", heldOut: true,
			service: "billing-worker",
			sig:     Signal{Title: "[FIRING:1] SidekiqRetrySetGrowing (billing-worker, production)", Text: "Retry set at 3,912 and climbing; term invoices for trapeze, aerial silks and juggling courses not sent. Parents are emailing the front desk."},
			alert:   25.6,
			commits: []Commit{
				{SHA: "d4a9f60", Parents: []string{"8b3e1c2"}, Author: "fern", Date: hrs(24.6), Message: "payments-gateway: 10 minute tolerance on webhook timestamps",
					Files: []File{{Path: "services/payments-gateway/app/controllers/webhooks_controller.rb", Patch: patch("    event = Stripe::Webhook.construct_event(payload, sig, secret, tolerance: 300)", "    event = Stripe::Webhook.construct_event(payload, sig, secret, tolerance: 600)")}}},
				{SHA: "8b3e1c2", Parents: []string{"5f7d0a9"}, Author: "oskar", Date: hrs(16), Message: "web: RAILS_MAX_THREADS 5 -> 8",
					Files: []File{{Path: "deploy/helm/web/values.yaml", Patch: patch("    RAILS_MAX_THREADS: \"5\"", "    RAILS_MAX_THREADS: \"8\"")}}},
				{SHA: "5f7d0a9", Parents: []string{"2c6b4e1"}, Author: "fern", Date: hrs(14), Message: "sidekiq: 25 threads so the nightly invoice run drains faster",
					Files: []File{{Path: "config/sidekiq.yml", Patch: patch(":concurrency: 5", ":concurrency: 25")}}},
				{SHA: "2c6b4e1", Parents: []string{"7a0f3d8"}, Author: "oskar", Date: hrs(13), Message: "invoices: extract line building from TermInvoiceJob#perform",
					Files: []File{{Path: "app/jobs/term_invoice_job.rb", Patch: patch("    lines = enrolment.sessions.map { |s| InvoiceLine.new(s.course, s.fee_cents) }", "    lines = build_lines(enrolment)")}}},
				{SHA: "7a0f3d8", Parents: []string{"e9c1b57"}, Author: "fern", Date: hrs(12), Message: "deps: bump sidekiq to 7.2.4",
					Files: []File{{Path: "Gemfile.lock", Patch: patch("    sidekiq (7.2.2)", "    sidekiq (7.2.4)")}}},
			},
			deploys: []Deploy{
				{SHA: "5f7d0a9", At: hrs(14.5), Environment: "production", Service: "billing-worker"},
				{SHA: "8b3e1c2", At: hrs(16.3), Environment: "production", Service: "web"},
				{SHA: "d4a9f60", At: hrs(24.7), Environment: "production", Service: "payments-gateway"},
			},
			ev: caseEvidence{onsetAfter: 25*time.Hour + 3*time.Minute, firstFailing: "billing-worker", callPath: []string{"invoice-scheduler", "billing-worker", "postgres"},
				affected:  []string{"billing-worker", "payments-gateway"},
				signature: "ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within 5.000 seconds (waited 5.001 seconds); all pooled connections were in use in TermInvoiceJob (batch)",
				logs: []string{
					"ERROR TermInvoiceJob jid=4f1c0a9e2d ActiveRecord::ConnectionTimeoutError: all pooled connections were in use (pool size 5), retry 3 of 25",
					"WARN billing-worker boot: Sidekiq 7.2.4 concurrency 25; ActiveRecord pool 5 from database.yml (RAILS_MAX_THREADS is not set in the billing-worker pod)",
					"INFO since the 14:30 deploy the daytime queue never had more than 4 busy threads; the 01:00 term-invoice run enqueued 4,380 jobs and busy threads went to 25",
					"WARN payments-gateway: charge requests 85% below the last term run; p99 130 ms, no errors",
					"INFO web pods run puma with 8 threads and a pool of 8; no connection timeouts on web",
				},
				surges: []MetricShift{
					{Service: "billing-worker", Name: "sidekiq_retry_set_size", Direction: "up", Ratio: 300, At: hrs(25.05)},
					{Service: "payments-gateway", Name: "charge_requests_total", Direction: "down", Ratio: 0.15, At: hrs(25.05)},
				}},
			want: "5f7d0a9",
		},
		{
			name: "ballet companies: the seat-map mutex is now held across the payment pre-authorisation await, serialising every hold behind a ~330 ms call, which only bites when the Nutcracker presale opens at 10:00; a handler rename and a countdown banner deployed minutes before, a tokio bump and the same lock pattern in the subscriptions service are innocent", heldOut: true,
			service: "seat-hold",
			sig:     Signal{Title: "Vorverkauf Nussknacker: Platzreservierung läuft in Timeouts", Text: "Seit Vorverkaufsstart um 10:00 enden Reservierungen mit 504; 9.400 Personen in der Warteschlange des Webshops. Datadog-Monitor 'seat-hold p99 > 5s' hat ausgelöst."},
			alert:   10.2,
			commits: []Commit{
				{SHA: "6b1f0e3", Parents: []string{"c8d2a47"}, Author: "svenja", Date: hrs(9.8), Message: "kasse-web: Countdown-Banner für den Nussknacker-Vorverkauf",
					Files: []File{{Path: "services/kasse-web/src/components/PresaleBanner.tsx", Patch: patch("", "export const PresaleBanner = () => <Countdown to=\"10:00\" label=\"Vorverkauf startet in\" />;")}}},
				{SHA: "c8d2a47", Parents: []string{"51e9b6d"}, Author: "konrad", Date: hrs(9.5), Message: "holds: rename create_hold to reserve_seats",
					Files: []File{{Path: "services/seat-hold/src/api/holds.rs", Patch: patch(
						"pub async fn create_hold(State(state): State<AppState>, Json(req): Json<HoldRequest>) -> Result<Json<Hold>, ApiError> {",
						"pub async fn reserve_seats(State(state): State<AppState>, Json(req): Json<HoldRequest>) -> Result<Json<Hold>, ApiError> {")}}},
				{SHA: "51e9b6d", Parents: []string{"2a7c3f8"}, Author: "svenja", Date: hrs(6), Message: "abo: keep the subscriber map locked during renewal",
					Files: []File{{Path: "services/subscriptions/src/renewal.rs", Patch: patch(
						"    let sub = { subs.lock().await.get(&id).cloned().ok_or(NotFound)? };\n    billing.renew(&sub).await?;",
						"    let mut subs = subs.lock().await;\n    let sub = subs.get_mut(&id).ok_or(NotFound)?;\n    billing.renew(sub).await?;")}}},
				{SHA: "2a7c3f8", Parents: []string{"e4f8d19"}, Author: "konrad", Date: hrs(2), Message: "holds: keep the seat map locked until payment pre-auth so two buyers can't take the same seat",
					Files: []File{{Path: "services/seat-hold/src/api/holds.rs", Patch: patch(
						"    let hold = {\n        let mut seats = state.seats.lock().await;\n        seats.hold(&req.seats, req.session_id)?\n    };\n    state.payments.preauthorize(&hold).await?;",
						"    let mut seats = state.seats.lock().await;\n    let hold = seats.hold(&req.seats, req.session_id)?;\n    state.payments.preauthorize(&hold).await?;\n    seats.confirm(&hold);")}}},
				{SHA: "e4f8d19", Parents: []string{"7d3a6b2"}, Author: "svenja", Date: hrs(1.5), Message: "deps: bump tokio to 1.39",
					Files: []File{{Path: "services/seat-hold/Cargo.toml", Patch: patch("tokio = { version = \"1.38\", features = [\"full\"] }", "tokio = { version = \"1.39\", features = [\"full\"] }")}}},
			},
			deploys: []Deploy{
				{SHA: "2a7c3f8", At: hrs(2.5), Environment: "production", Service: "seat-hold"},
				{SHA: "51e9b6d", At: hrs(6.2), Environment: "production", Service: "subscriptions"},
				{SHA: "c8d2a47", At: hrs(9.6), Environment: "production", Service: "seat-hold"},
				{SHA: "6b1f0e3", At: hrs(9.9), Environment: "production", Service: "kasse-web"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 1*time.Minute, firstFailing: "seat-hold", callPath: []string{"kasse-web", "seat-hold", "payment-api"},
				affected:  []string{"seat-hold", "kasse-web"},
				signature: "504 Gateway Timeout on POST /v1/holds (server), after 30000 ms",
				logs: []string{
					"WARN seat-hold: Wartezeit auf Mutex<SeatMap> p99 28,4 s; Haltedauer p50 340 ms, gehalten über payments.preauthorize().await",
					"INFO tokio-console: 1.870 Tasks warten auf SeatMap::lock, ein Task hält die Sperre und wartet auf payment-api",
					"INFO payment-api: Vorautorisierung p50 320 ms, p99 610 ms, unverändert, keine Fehler",
					"INFO vor 10:00 weniger als eine Reservierung pro Minute; seit dem Deploy um 02:30 dauerte keine Reservierung länger als 700 ms",
					"INFO subscriptions wird von seat-hold nicht aufgerufen",
				},
				surges: []MetricShift{{Service: "seat-hold", Name: "http_504_responses_total", Direction: "up", Ratio: 50, At: hrs(10.02)}}},
			want: "2a7c3f8",
		},
		{
			name: "sugar beet factories: the weighbridge intake's memory limit is cut from 1Gi to 384Mi on a VPA recommendation taken in the quiet week before the campaign, and pods are OOMKilled once 140 trucks an hour arrive at 05:00; a handler rename and an x/image bump deployed the evening before, an HPA change for the grower portal and the portal's own deploy are innocent", heldOut: true,
			service: "weighbridge-intake",
			sig:     Signal{Title: "Cukrownia: ważenia buraków nie są rejestrowane, kolejka przy wadze", Text: "Od 05:10 system wagowy restartuje się co kilka minut; Zabbix: 'weighbridge-intake restarts > 5 w 15 min'. Kolejka ciężarówek z burakami do bramy ma 2 km."},
			alert:   29.6,
			commits: []Commit{
				{SHA: "9f2d6a4", Parents: []string{"3e7b0c1"}, Author: "kasia", Date: hrs(28.2), Message: "grower-portal: polaryzacja z dwoma miejscami po przecinku",
					Files: []File{{Path: "services/grower-portal/src/format.ts", Patch: patch("  return pol.toFixed(1) + ' %';", "  return pol.toFixed(2) + ' %';")}}},
				{SHA: "3e7b0c1", Parents: []string{"b6c4f18"}, Author: "tomek", Date: hrs(19), Message: "intake: rename handleTicket to registerWeighing",
					Files: []File{{Path: "services/weighbridge-intake/internal/ticket/handler.go", Patch: patch("func (s *Server) handleTicket(w http.ResponseWriter, r *http.Request) {", "func (s *Server) registerWeighing(w http.ResponseWriter, r *http.Request) {")}}},
				{SHA: "b6c4f18", Parents: []string{"0d8e5a3"}, Author: "kasia", Date: hrs(18.5), Message: "deps: bump golang.org/x/image to v0.18.0",
					Files: []File{{Path: "services/weighbridge-intake/go.mod", Patch: patch("\tgolang.org/x/image v0.15.0", "\tgolang.org/x/image v0.18.0")}}},
				{SHA: "0d8e5a3", Parents: []string{"7c1f9e2"}, Author: "tomek", Date: hrs(14), Message: "helm: right-size weighbridge-intake memory per VPA recommendation",
					Files: []File{{Path: "deploy/helm/weighbridge-intake/values.yaml", Patch: patch(
						"  requests:\n    memory: 512Mi\n  limits:\n    memory: 1Gi",
						"  requests:\n    memory: 256Mi\n  limits:\n    memory: 384Mi")}}},
				{SHA: "7c1f9e2", Parents: []string{"4a0b2d5"}, Author: "kasia", Date: hrs(12), Message: "helm: grower-portal HPA maxReplicas 4 -> 8",
					Files: []File{{Path: "deploy/helm/grower-portal/values.yaml", Patch: patch("  maxReplicas: 4", "  maxReplicas: 8")}}},
			},
			deploys: []Deploy{
				{SHA: "7c1f9e2", At: hrs(12.3), Environment: "production", Service: "grower-portal"},
				{SHA: "0d8e5a3", At: hrs(14.5), Environment: "production", Service: "weighbridge-intake"},
				{SHA: "3e7b0c1", At: hrs(19.3), Environment: "production", Service: "weighbridge-intake"},
				{SHA: "9f2d6a4", At: hrs(28.4), Environment: "production", Service: "grower-portal"},
			},
			ev: caseEvidence{onsetAfter: 29*time.Hour + 10*time.Minute, firstFailing: "weighbridge-intake", callPath: []string{"scale-terminal", "weighbridge-intake", "postgres"},
				affected:  []string{"weighbridge-intake", "grower-portal"},
				signature: "container weighbridge-intake OOMKilled (exit code 137) at memory limit 384Mi; POST /v1/weighings 503 (server)",
				logs: []string{
					"WARN kubelet: weighbridge-intake-6b9f4 OOMKilled (limit 384Mi), 14 restartów w ciągu 40 min",
					"INFO RSS w szczycie dostaw 610-720 MiB (zdjęcia ANPR buforowane na czas ważenia); w zeszłorocznej kampanii szczyt 690 MiB przy limicie 1Gi",
					"INFO VPA: rekomendacja 350Mi wyliczona z 8 dni przed kampanią (średnio 4 ciężarówki dziennie); kampania ruszyła o 05:00, 140 ciężarówek na godzinę",
					"INFO od deployu 19:18 do 05:00 tylko 3 ważenia testowe, RSS 210 MiB",
					"ERROR grower-portal: brak nowych ważeń od 05:10 dla 312 plantatorów",
				},
				surges: []MetricShift{{Service: "weighbridge-intake", Name: "kube_pod_container_status_restarts_total", Direction: "up", Ratio: 14, At: hrs(29.17)}}},
			want: "0d8e5a3",
		},

		// --- no commit to blame ---
		{
			name: "scrap metal yards: the ID-scan vendor's 50,000-page monthly quota runs out on the 14th with overage billing disabled, so scale tickets can't close; a 300 dpi change to the same OCR call deployed twenty minutes before, an SDK bump, a rename of the close step and a payout-kiosk deploy after onset are innocent", heldOut: true,
			service: "scale-ticket",
			sig:     Signal{Title: "Scale house can't close tickets: seller ID scan failing at all yards", Text: "All 6 yards stuck at 'Scan seller ID' since ~2pm; state law requires ID on every copper and catalytic converter buy so the yards stopped purchasing. PagerDuty INC-4471, Sev2."},
			alert:   14.4,
			commits: []Commit{
				{SHA: "e5c2a90", Parents: []string{"1b8f7d3"}, Author: "dustin", Date: hrs(14.2), Message: "payout-kiosk: log bill denominations dispensed",
					Files: []File{{Path: "services/payout-kiosk/src/dispense.ts", Patch: patch("  logger.info({ ticket: t.id, cents }, 'dispensed');", "  logger.info({ ticket: t.id, cents, bills }, 'dispensed');")}}},
				{SHA: "1b8f7d3", Parents: []string{"6a4d2e8"}, Author: "marisol", Date: hrs(13.5), Message: "idscan: send seller ID photos at 300 dpi for better license reads",
					Files: []File{{Path: "services/scale-ticket/src/idscan/capture.ts", Patch: patch("const SCAN_DPI = 200;", "const SCAN_DPI = 300;")}}},
				{SHA: "6a4d2e8", Parents: []string{"c3e9b05"}, Author: "dustin", Date: hrs(9), Message: "deps: bump @idscanr/sdk to 3.5.1",
					Files: []File{{Path: "services/scale-ticket/package.json", Patch: patch("    \"@idscanr/sdk\": \"3.4.0\",", "    \"@idscanr/sdk\": \"3.5.1\",")}}},
				{SHA: "c3e9b05", Parents: []string{"8f0a6b1"}, Author: "marisol", Date: hrs(6), Message: "tickets: rename closeTicket to finalizeTicket",
					Files: []File{{Path: "services/scale-ticket/src/tickets/close.ts", Patch: patch("export async function closeTicket(t: Ticket): Promise<ClosedTicket> {", "export async function finalizeTicket(t: Ticket): Promise<ClosedTicket> {")}}},
			},
			deploys: []Deploy{
				{SHA: "6a4d2e8", At: hrs(9.4), Environment: "production", Service: "scale-ticket"},
				{SHA: "1b8f7d3", At: hrs(13.7), Environment: "production", Service: "scale-ticket"},
				{SHA: "e5c2a90", At: hrs(14.3), Environment: "production", Service: "payout-kiosk"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 2*time.Minute, firstFailing: "scale-ticket", callPath: []string{"scale-house-ui", "scale-ticket", "idscanr-api"},
				affected:  []string{"scale-ticket", "payout-kiosk"},
				signature: "429 Too Many Requests: monthly document quota exceeded on POST api.idscanr.example/v3/documents (client), after 80 ms",
				logs: []string{
					"ERROR idscan: 429 {\"code\":\"QUOTA_EXCEEDED\",\"message\":\"Monthly document quota of 50000 reached for account yard-group-77. Resets 2031-04-01T00:00:00Z\"}",
					"INFO IDScanr console: 50,000 of 50,000 pages used for March; plan Business, overage billing disabled by finance in January",
					"INFO idscan calls per closed ticket 1.0 before and after the 13:42 deploy; 3,300-3,700 scans a day since the Elm Street yard opened on 1 March",
					"WARN payout-kiosk: no closed tickets to pay out for 25 minutes",
				},
				surges: []MetricShift{{Service: "scale-ticket", Name: "ticket_close_failures_total", Direction: "up", Ratio: 90, At: hrs(14.05)}}},
			want: "",
		},
		{
			name: "ostrich farms: a replication slot left behind by a decommissioned BI replica retains WAL until the Postgres volume fills and writes fail; an ADD COLUMN migration deployed twenty minutes before, a debug log line, a psycopg bump and the loud feed-orders deploy are innocent", heldOut: true,
			service: "hatchery-records",
			sig:     Signal{Title: "Incubadoras: no se guardan los registros de volteo y temperatura", Text: "La app de la granja devuelve 'Error interno' al registrar huevos de avestruz y volteos; Zabbix: 'Free disk space is less than 5% on pg-hatchery-01:/var/lib/postgresql'"},
			alert:   11,
			commits: []Commit{
				{SHA: "4e9a1d7", Parents: []string{"a2c7f30"}, Author: "rocio", Date: hrs(10.4), Message: "feed-orders: send the weekly alfalfa order on Fridays",
					Files: []File{{Path: "services/feed-orders/app/schedule.py", Patch: patch("ORDER_EMAIL_DAY = \"mon\"", "ORDER_EMAIL_DAY = \"fri\"")}}},
				{SHA: "a2c7f30", Parents: []string{"5b8e6c2"}, Author: "ignacio", Date: hrs(10), Message: "migrations: add shell_thickness_mm to eggs",
					Files: []File{{Path: "services/hatchery-records/migrations/0044_eggs_shell_thickness.sql", Patch: patch("", "ALTER TABLE eggs ADD COLUMN shell_thickness_mm numeric(4,2);")}}},
				{SHA: "5b8e6c2", Parents: []string{"d1f4a09"}, Author: "rocio", Date: hrs(7), Message: "records: log incubator id at debug on each turn",
					Files: []File{{Path: "services/hatchery-records/app/turns.py", Patch: patch("", "    log.debug(\"turn recorded\", extra={\"incubator\": turn.incubator_id})")}}},
				{SHA: "d1f4a09", Parents: []string{"93c0e58"}, Author: "ignacio", Date: hrs(5), Message: "deps: bump psycopg to 3.1.19",
					Files: []File{{Path: "services/hatchery-records/requirements.txt", Patch: patch("psycopg[binary]==3.1.18", "psycopg[binary]==3.1.19")}}},
			},
			deploys: []Deploy{
				{SHA: "5b8e6c2", At: hrs(7.3), Environment: "production", Service: "hatchery-records"},
				{SHA: "a2c7f30", At: hrs(10.3), Environment: "production", Service: "hatchery-records"},
				{SHA: "4e9a1d7", At: hrs(10.55), Environment: "production", Service: "feed-orders"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 40*time.Minute, firstFailing: "postgres", callPath: []string{"farm-app", "hatchery-records", "postgres"},
				affected:  []string{"postgres", "hatchery-records", "feed-orders"},
				signature: "PANIC: could not write to file \"pg_wal/xlogtemp.812\": No space left on device on POST /v1/eggs (server)",
				logs: []string{
					"PANIC: could not write to file \"pg_wal/xlogtemp.812\": No space left on device",
					"INFO pg_replication_slots: slot 'bi_replica' inactivo desde el 9 de marzo (réplica de BI dada de baja sin borrar el slot), retiene 96 GB de WAL en un volumen de 100 GB",
					"INFO el disco creció de forma lineal, unos 19 GB al día, desde el 9 de marzo; la tabla eggs ocupa 2,3 GB",
					"INFO la migración de las 10:18 (ADD COLUMN sin valor por defecto) solo toca el catálogo y terminó en 40 ms",
					"ERROR feed-orders: el informe semanal falló: connection to server at pg-hatchery-01 failed: FATAL: the database system is in recovery mode",
				},
				surges: []MetricShift{{Service: "hatchery-records", Name: "http_5xx_responses_total", Direction: "up", Ratio: 60, At: hrs(10.67)}}},
			want: "",
		},
		{
			name: "hovercraft operators: marketing switches the domain's nameservers at the registrar to a website builder's while launching the new site, outside Terraform, and api.hoverlink.example stops resolving as resolver caches expire; a Terraform TXT record in the old zone, a rename to resolveTicket, a scanner retry change and a DNS runbook edit are innocent", heldOut: true,
			service: "ticketing",
			sig:     Signal{Title: "Statuspage: e-tickets and online booking unavailable", Text: "Gate scanners at Southsea and Ryde report 'host not found' for api.hoverlink.example; passengers boarding on paper manifests. Investigating."},
			alert:   8.3,
			commits: []Commit{
				{SHA: "7f3c2b8", Parents: []string{"0e6d9a4"}, Author: "harriet", Date: hrs(7.2), Message: "gate-scanner: retry ticket lookup twice on network errors",
					Files: []File{{Path: "apps/gate-scanner/src/lookup.ts", Patch: patch("const MAX_LOOKUP_ATTEMPTS = 1;", "const MAX_LOOKUP_ATTEMPTS = 3;")}}},
				{SHA: "0e6d9a4", Parents: []string{"b5a1e7c"}, Author: "kwesi", Date: hrs(5.8), Message: "terraform: TXT record to verify the new marketing site",
					Files: []File{{Path: "infra/dns/hoverlink.tf", Patch: patch("", "resource \"aws_route53_record\" \"site_verify\" {\n  zone_id = aws_route53_zone.main.zone_id\n  name    = \"hoverlink.example\"\n  type    = \"TXT\"\n  ttl     = 300\n  records = [\"sitesprout-verification=9c1e44b2\"]\n}")}}},
				{SHA: "b5a1e7c", Parents: []string{"3d8f0c6"}, Author: "harriet", Date: hrs(4), Message: "ticketing: rename lookupTicket to resolveTicket",
					Files: []File{{Path: "services/ticketing/internal/tickets/lookup.go", Patch: patch("func (s *Service) lookupTicket(ctx context.Context, ref string) (*Ticket, error) {", "func (s *Service) resolveTicket(ctx context.Context, ref string) (*Ticket, error) {")}}},
				{SHA: "3d8f0c6", Parents: []string{"f2a9b17"}, Author: "kwesi", Date: hrs(2), Message: "docs: DNS runbook for hoverlink.example",
					Files: []File{{Path: "docs/runbooks/dns.md", Patch: patch("", "The hoverlink.example zone lives in Route 53 (infra/dns). Change records through Terraform only.")}}},
			},
			deploys: []Deploy{
				{SHA: "b5a1e7c", At: hrs(4.3), Environment: "production", Service: "ticketing"},
				{SHA: "0e6d9a4", At: hrs(6.1), Environment: "production", Service: "infra-dns"},
				{SHA: "7f3c2b8", At: hrs(7.4), Environment: "production", Service: "gate-scanner"},
			},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 50*time.Minute, firstFailing: "gate-scanner", callPath: []string{"gate-scanner", "public-dns", "ticketing"},
				affected:  []string{"gate-scanner", "booking-web", "ticketing"},
				signature: "dial tcp: lookup api.hoverlink.example: no such host on GET /v2/tickets/{ref} (client)",
				logs: []string{
					"ERROR gate-scanner: Get \"https://api.hoverlink.example/v2/tickets/HX-40771\": dial tcp: lookup api.hoverlink.example on 10.0.0.2:53: no such host",
					"INFO registrar audit log: nameservers for hoverlink.example changed from ns-1021.awsdns-63.net (+3) to ns1.sitesprout.example, ns2.sitesprout.example at 07:41 by marketing@hoverlink.example in the registrar's web console",
					"INFO dig +trace: hoverlink.example is now delegated to sitesprout, whose zone holds only @ and www; the Route 53 zone still has api, tickets and the TXT record applied at 06:06",
					"INFO ticketing pods healthy with no errors; inbound requests fall off as resolvers' cached NS records (1 h TTL) expire; scanners still on the previous build fail the same way",
				},
				surges: []MetricShift{{Service: "ticketing", Name: "http_requests_total", Direction: "down", Ratio: 0.1, At: hrs(7.9)}}},
			want: "",
		},
		{
			name: "bonsai nurseries: an influencer's video with a 70% coupon sends 35x the usual traffic, the storefront sits at its HPA and node-group maxima and Envoy sheds load; an installments line on checkout, a species rename, a Next.js bump and the recommendations deploy minutes before are innocent", heldOut: true,
			service: "storefront",
			sig:     Signal{Title: "Loja de bonsais fora do ar: 503 no checkout", Text: "Desde 20:15 cerca de 40% das requisições da loja retornam 503; clientes reclamam no Instagram que o carrinho não fecha. Alerta do Grafana: storefront 5xx > 10%."},
			alert:   20.5,
			commits: []Commit{
				{SHA: "8c5e1f2", Parents: []string{"2d9b7a6"}, Author: "thiago", Date: hrs(20), Message: "recommendations: carrossel 'quem comprou também levou'",
					Files: []File{{Path: "services/recommendations/src/carousel.ts", Patch: patch("", "export const ALSO_BOUGHT_LIMIT = 8;")}}},
				{SHA: "2d9b7a6", Parents: []string{"6f0c4e3"}, Author: "beatriz", Date: hrs(16), Message: "checkout: show installments on the order summary",
					Files: []File{{Path: "services/storefront/app/checkout/Summary.tsx", Patch: patch("      <Total value={order.total} />", "      <Total value={order.total} />\n      <Installments total={order.total} max={6} />")}}},
				{SHA: "6f0c4e3", Parents: []string{"a4e8d21"}, Author: "thiago", Date: hrs(12), Message: "catalog: rename listSpecies to listTreeSpecies",
					Files: []File{{Path: "services/storefront/app/catalog/species.ts", Patch: patch("export async function listSpecies(): Promise<Species[]> {", "export async function listTreeSpecies(): Promise<Species[]> {")}}},
				{SHA: "a4e8d21", Parents: []string{"1c7b5f0"}, Author: "beatriz", Date: hrs(11), Message: "deps: bump next to 14.2.5",
					Files: []File{{Path: "services/storefront/package.json", Patch: patch("    \"next\": \"14.2.3\",", "    \"next\": \"14.2.5\",")}}},
			},
			deploys: []Deploy{
				{SHA: "6f0c4e3", At: hrs(12.4), Environment: "production", Service: "storefront"},
				{SHA: "2d9b7a6", At: hrs(16.4), Environment: "production", Service: "storefront"},
				{SHA: "8c5e1f2", At: hrs(20.1), Environment: "production", Service: "recommendations"},
			},
			ev: caseEvidence{onsetAfter: 20*time.Hour + 15*time.Minute, firstFailing: "storefront", callPath: []string{"browser", "envoy-edge", "storefront"},
				affected:  []string{"envoy-edge", "storefront", "recommendations"},
				signature: "503 upstream overflow (circuit breaker max_pending_requests) on POST /api/checkout (edge), after 2 ms",
				logs: []string{
					"ERROR envoy-edge: upstream connect error or disconnect/reset before headers. reset reason: overflow (cluster storefront, max_pending_requests 1024)",
					"WARN HPA storefront: 12/12 réplicas (maxReplicas), CPU 97%; cluster-autoscaler: node group shop-pool no tamanho máximo (6)",
					"INFO 83% das sessões desde 20:12 vêm de tiktok.com (vídeo do @bonsaidojoao, 2,1 mi de visualizações, cupom BONSAI70 criado pelo marketing no painel de cupons às 19:50)",
					"INFO 4.800 req/s contra 140 req/s de base; custo por requisição igual ao do pico de ontem e requisições por sessão inalteradas",
					"WARN recommendations: timeouts chamando o catálogo; o carrossel falha aberto e o checkout não depende dele",
				},
				surges: []MetricShift{
					{Service: "storefront", Name: "http_requests_total", Direction: "up", Ratio: 35, At: hrs(20.2)},
					{Service: "storefront", Name: "http_5xx_responses_total", Direction: "up", Ratio: 80, At: hrs(20.25)},
				}},
			want: "",
		},
	}
}

func TestCulpritCasesTwentyFirstBatch(t *testing.T) {
	runHeldOutBatch(t, "twenty-first", culpritCasesTwentyFirstBatch())
}
