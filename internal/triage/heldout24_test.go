// heldout24_test.go is a twenty-fourth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, as a normal
// week's alert stream and on-call channel would look (Alertmanager with
// annotations, Grafana, Datadog, PagerDuty, Opsgenie, Sentry, CloudWatch
// and GuardDuty, Pingdom, Statuspage), after the twenty-second sample's
// fixes. First run: severity 22/30, chatter 21/30. The classes: "4 % of
// requests" read inside "23.4 % of requests" (a bug of the previous round's
// small-share rule); records exported "to an external IP", "from an
// unknown ASN", "world-readable" buckets with downloads from external IPs;
// "all other cities track normally"; a French disk forecast with "rien
// n'échoue"; a share stated before "requests to /fixtures return 504"; a
// Dutch site of 22 with "alle andere vestigingen ... normaal"; in chat
// "just spin", "haven't shown up", "sends ... twice to every", "doesnt"
// without an apostrophe, "stuck in 'processing' for like 2h", "didn't get
// credited", Dutch "leeg", Portuguese "mostrando produção zero", Italian
// "calcola male". After those: severity 29/30 (left: 0.14 % of receipts not
// sent, read from a count in brackets, still an outage), chatter 30/30. It
// has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: dog walking, print-on-demand, municipal permits, language schools, bike repair, catering, transit card vending, sports clubs, pharmacy loyalty, cold storage, solar installers, moving companies, photo labs, trampoline parks, daycare.
package triage

import "testing"

var severityHeldout24 = []sevCase{
	// P1
	{"dog walk booking 23 percent 5xx", Signal{Title: "[FIRING:1] WalkBookingErrorRateHigh walkies-booking-api (prod)", Text: "summary: walkies-booking-api 5xx ratio above threshold\ndescription: 23.4% of requests to /v2/walks/book returned 5xx over the last 10m (job=walkies-booking-api, namespace=prod, threshold 2%).", Severity: "warning", Service: "walkies-booking-api"}, 1, P1, "over 5% failing on tier 1; warning label understates"},
	{"print-on-demand shipping charged twice to all", Signal{Title: "Sentry: [printly-checkout] AssertionError: order_total != sum(line_items)", Text: "Since release 2026.12.04-2 every order total adds the shipping fee twice. All 1,146 orders placed since 09:10 were charged the wrong amount; first seen 09:11, 1.1k events, 1.1k users.", Severity: "error"}, 1, P1, "wrong amounts charged to everyone on tier 1"},
	{"bauantrag einreichung 0 erfolgreich", Signal{Title: "Opsgenie: Antragsportal – Einreichung Bauanträge schlägt fehl", Text: "Seit 08:40 schlägt jede Einreichung eines Bauantrags mit HTTP 502 fehl. 0 erfolgreiche Einreichungen in 35 Minuten (sonst ca. 40 pro Stunde). Bürgerinnen und Bürger können keine Anträge stellen.", Severity: "P4"}, 1, P1, "customer flow fully stopped on tier 1; P4 label is wrong"},
	{"academia inscripciones borradas", Signal{Title: "Inscripciones de alumnos borradas en producción", Text: "Un script de limpieza ejecutado a las 02:00 borró las inscripciones de 1.830 alumnos a los cursos de enero. El último backup válido es de hace 9 días; no se pueden recuperar las inscripciones posteriores.", Severity: "medium"}, 1, P1, "data loss on tier 1"},
	{"transit card top-up pingdom down", Signal{Title: "PingdomAlert DOWN: CityCard Top-up API (topup.citycard.example) is down", Text: "Reason: HTTP Error 503 Service Unavailable. Checked from 6 probe locations, all failing. Down since 07:52 UTC (18 min). Ticket machines cannot top up transit cards.", Severity: ""}, 0, P1, "unknown tier judged tier 1; top-up fully down"},
	{"pharmacy loyalty member export", Signal{Title: "CloudWatch Alarm: GuardDuty finding UnauthorizedAccess:IAMUser/AnomalousBehavior on loyalty-api", Text: "Credentials of service user loyalty-api-svc were used from an unknown ASN at 03:14 UTC. 48,210 loyalty member records (name, email, date of birth, points balance) were exported via /admin/export to an external IP.", Severity: "medium"}, 1, P1, "security breach with customer data on tier 1"},
	{"koelcel reserveringen 31 procent", Signal{Title: "Datadog monitor: [Triggered] slot-booking-api foutpercentage 31%", Text: "Foutpercentage van de reserverings-API voor palletplaatsen in de koelcellen: 31% over de laatste 15 minuten (normaal 0,2%). Klanten kunnen geen koelruimte boeken.", Severity: "warning"}, 1, P1, "31% failing on tier 1"},
	{"photo lab upload success 12", Signal{Title: "Grafana alert: Print order upload success rate 12%", Text: "[Alerting] photolab-upload success_rate = 0.12 (normally 0.995) for 15m. Customers' photo uploads for print orders are failing.", Severity: "low"}, 1, P1, "most uploads fail on tier 1"},
	{"trampoline billetterie paiement", Signal{Title: "PagerDuty: Billetterie trampoline – paiements refusés", Text: "Depuis 14h05, 100 % des paiements par carte sur la billetterie en ligne échouent (code 402 renvoyé par le PSP). Aucun billet vendu depuis 40 minutes.", Severity: "info"}, 1, P1, "payment flow fully stopped on tier 1"},
	{"moving quote 10x for everyone", Signal{Title: "Opsgenie: Quote calculator prices wrong after currency table update", Text: "Since the currency table update at 10:30 the online quote calculator shows every move at 10x the price for all visitors, e.g. a 2-room move quoted at EUR 14,500 instead of EUR 1,450. Bookings are confirmed at the wrong price.", Severity: "P5"}, 1, P1, "wrong values shown and charged to everyone on tier 1"},

	// P2
	{"catering orders p95 no errors", Signal{Title: "[FIRING:1] CateringOrdersLatencySLO catering-orders (prod)", Text: "summary: catering-orders p95 latency above SLO\ndescription: p95 latency is 3.8s (SLO 800ms) for 25m. Error rate 0.00%, all orders complete.", Severity: "critical"}, 1, P2, "slow beyond SLO without failures"},
	{"riparazioni bici 3 percento", Signal{Title: "Prenotazioni riparazioni: 3,1% di errori", Text: "Datadog: il 3,1% delle richieste di prenotazione delle riparazioni bici restituisce HTTP 500 negli ultimi 20 minuti; il resto va a buon fine.", Severity: "critical"}, 1, P2, "1-5% failing is degraded"},
	{"sports club fixtures tier 2 down", Signal{Title: "PingdomAlert DOWN: ClubHub fixture calendar (fixtures.clubhub.example) is down", Text: "Reason: Timeout (> 30s). All probe locations failing, down for 30 minutes.", Severity: "critical"}, 2, P2, "outage of a tier-2 service"},
	{"painel solar desatualizado", Signal{Title: "Painel de produção dos clientes desatualizado", Text: "O job de ingestão dos inversores está atrasado 7 horas; os clientes veem no app dados de produção das 07:00. Nenhuma requisição falha, os dados só estão velhos.", Severity: "critical"}, 1, P2, "stale data is degraded"},
	{"dog walk gps one city", Signal{Title: "Datadog monitor: walk-tracking unavailable in Lyon", Text: "Live GPS tracking of walks fails in Lyon only (about 2% of active walks). All other cities track normally.", Severity: "critical"}, 1, P2, "one small region affected"},
	{"print gift wrap charged twice some", Signal{Title: "Sentry: [printly-checkout] gift wrap fee added twice", Text: "Orders with the gift wrap option (about 3% of orders) are charged the gift wrap fee twice. All other orders are charged correctly.", Severity: "critical"}, 1, P2, "wrong values for some customers"},
	{"permit scans bucket public tier 3", Signal{Title: "CloudWatch Alarm: S3 bucket permits-archive-scans is public", Text: "Bucket permits-archive-scans was world-readable since Monday. It holds scans of 640 applicants' ID cards; access logs show downloads from external IPs.", Severity: "low"}, 3, P2, "breach on tier 3 is P2"},
	{"kuehlhaus temperaturverlauf verloren", Signal{Title: "Temperaturverlauf Kühlhäuser 2 und 5 verloren", Text: "Festplatte des Messwert-Servers defekt: der Temperaturverlauf der Kühlhäuser 2 und 5 für den 3. und 4. Dezember ist verloren, es gibt kein Backup.", Severity: "info"}, 2, P2, "data loss on a tier-2 service"},
	{"language school classroom joins 1.8", Signal{Title: "Opsgenie: Virtual classroom join failures 1.8%", Text: "1.8% of join attempts to live lessons fail with ICE timeout over the last 30m; 98.2% join fine.", Severity: "P1"}, 1, P2, "1-5% failing; P1 label overstates"},
	{"trampoline vestiging utrecht kiosk", Signal{Title: "Incheckkiosken vestiging Utrecht werken niet", Text: "De incheckkiosken in vestiging Utrecht (1 van 22 vestigingen) werken niet sinds 10:15. Alle andere vestigingen checken normaal in.", Severity: "critical"}, 1, P2, "one site affected"},

	// P3
	{"catering kitchen menu pdf internal", Signal{Title: "CloudWatch Alarm: kitchen-prep-sheet-generator Errors > 0", Text: "The prep sheet PDF generator for kitchen staff failed its last 4 runs. Only the kitchen team uses it; customer ordering and delivery are unaffected.", Severity: "critical"}, 1, P3, "internal only, no customer impact"},
	{"atelier velo disque prevision", Signal{Title: "Grafana : prévision disque base ateliers-vélo", Text: "Prévision : le disque de la base ateliers-vélo sera plein dans environ 12 jours au rythme actuel (58 % utilisé aujourd'hui). Rien n'échoue pour l'instant.", Severity: "high"}, 1, P3, "forecast only, nothing failing"},
	{"sports club fixtures 0.4 percent", Signal{Title: "[FIRING:1] FixturesGatewayTimeouts clubhub-api (prod)", Text: "summary: clubhub-api /fixtures 504s\ndescription: 0.4% of requests to /fixtures return 504 over the last 15m; 99.6% succeed.", Severity: "high"}, 1, P3, "under 1% failing"},
	{"photo contest gallery tier 3 down", Signal{Title: "PingdomAlert DOWN: Photo contest gallery (contest.photolab.example) is down", Text: "Reason: HTTP Error 500. Down for 2 hours, all probe locations failing. No data affected.", Severity: "critical"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"solar angebot logo verpixelt", Signal{Title: "Angebots-PDF: Logo verpixelt", Text: "Im Angebots-PDF für Solaranlagen ist das Firmenlogo leicht verpixelt. Preise, Beträge und Unterschriftsfeld sind korrekt, die PDFs werden normal erzeugt.", Severity: "high"}, 1, P3, "cosmetic only"},
	{"traslochi report interno puo aspettare", Signal{Title: "Report interno assegnazione furgoni con colonne invertite", Text: "Il report interno di assegnazione dei furgoni mostra le colonne in ordine sbagliato. Lo usa solo il team operativo, i clienti non sono coinvolti; può aspettare lunedì.", Severity: "urgent"}, 1, P3, "internal, reporter says it can wait"},
	{"citycard receipt email 0.14", Signal{Title: "Sentry: [citycard-receipts] TypeError: Cannot read properties of undefined (reading 'zone')", Text: "14 events in the last hour out of 9,800 top-ups (0.14%): the receipt email is not sent. The top-ups themselves succeed.", Severity: "error"}, 1, P3, "under 1% affected"},
	{"fidelidade dashboard interno lento", Signal{Title: "Dashboard interno de campanhas lento", Text: "O dashboard interno de campanhas de fidelidade está lento (p95 12 s). Só a equipe de marketing usa; o app e o cartão fidelidade dos clientes não são afetados.", Severity: "critical"}, 1, P3, "internal only, no customer impact"},
	{"dog walk tls expiry 21 days", Signal{Title: "[FIRING:1] TLSCertExpiringSoon api.walkies.example", Text: "summary: TLS certificate expires in 21 days\ndescription: The certificate for api.walkies.example expires on 2026-12-26. Renewal has not run yet; nothing is failing.", Severity: "critical"}, 1, P3, "forecast, nothing failing yet"},
	{"daycare newsletter archive statuspage", Signal{Title: "Statuspage: Newsletter archive – Major Outage", Text: "Component 'Newsletter archive' changed from Operational to Major Outage. The archive of past parent newsletters does not load. No data lost.", Severity: "critical"}, 3, P3, "tier-3 outage without breach or data loss"},
}

var chatterHeldout24 = []chatCase{
	// incidents
	{"anyone else seeing the dog walk app just spin on 'finding a walker'? 3 clients called already", true},
	{"hm, print orders from the Shopify connector haven't shown up in the queue since ~11, is that expected?", true},
	{"not urgent but the permit portal sends the confirmation email twice to every applicant", true},
	{"oh wonderful, catering invoices are showing last month's prices again. just wonderful 🙃", true},
	{"card machine at Central stn eats the cash and doesnt top up the card, 2nd complaint today", true},
	{"photo lab: film scans from the Noritsu line stuck in 'processing' for like 2h", true},
	{"the trampoline waiver form takes forever to load on phones, 20s+ for me", true},
	{"Oye, ¿a alguien más le falla el login de la plataforma de la academia? A mí me da error 500", true},
	{"Die Mitgliedsbeiträge vom Sportverein wurden heute doppelt abgebucht, mehrere Mitglieder haben angerufen", true},
	{"Les notifications de rendez-vous de l'atelier vélo n'arrivent plus depuis ce matin, c'est normal ?", true},
	{"De temperatuurgrafieken van koelcel 4 zijn al een uur leeg, iemand een idee?", true},
	{"Gente, o app de monitoramento solar tá mostrando produção zero pra todo mundo desde cedo", true},
	{"Non è urgente, ma il preventivo traslochi sul sito calcola male i metri cubi", true},
	{"loyalty points didn't get credited for yesterday's pharmacy purchases, the customer desk has a queue about it", true},
	{"el datáfono del catering en el evento de Sevilla no conecta, ¿lo podéis mirar?", true},

	// chatter
	{"Reminder: planned maintenance on the permit portal database Sunday 06:00–08:00, the portal will show a maintenance page", false},
	{"Postmortem for last Tuesday's transit card top-up outage is up in Confluence, comments welcome by Friday", false},
	{"All clear ✅ photo lab upload queue is back to normal, closing the incident", false},
	{"Thanks @marta for jumping on the catering checkout thing last night, you're a star 🙌", false},
	{"Who can give me access to the Grafana folder for the dog walking team?", false},
	{"We're launching 'Total Meltdown', our new volcano-themed trampoline night, this Saturday! 🌋", false},
	{"Retro for the moving-company booking incident: Thursday 15:00, room Atlas", false},
	{"What's a bike mechanic's favourite dance? The spokey-pokey 🚲", false},
	{"¿Alguien sabe cómo pido acceso de lectura a los logs de la academia de idiomas en Datadog?", false},
	{"Kurze Info: Die geplante Wartung der Kühlhaus-Sensoren ist am Mittwoch 22–23 Uhr, in der Zeit kommen keine Messwerte.", false},
	{"Merci à toute l'équipe pour la gestion de l'incident des paiements trampoline de lundi, bien joué 👏", false},
	{"Wie gaat er vrijdag mee naar de kerstborrel van de verhuisafdeling? 🎄", false},
	{"Lançamento hoje: nosso novo plano 'Apagão Zero' para clientes de energia solar ☀️", false},
	{"Fun fact: our dog walkers logged 1.2 million steps this week 🐕", false},
	{"Is the on-call rotation for the sports club app still owned by team Falcon or did that move?", false},
}

func TestSeverityWorldHeldout24(t *testing.T) {
	runSevSample(t, "severity held-out 24", severityHeldout24)
}

func TestChatterWorldHeldout24(t *testing.T) {
	runChatSample(t, "chatter held-out 24", chatterHeldout24)
}
