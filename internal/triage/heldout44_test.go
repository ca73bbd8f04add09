package triage

// heldout44_test.go is a forty-fourth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, as the alerts
// and chat of consumer-facing app, finance, travel and telecom teams: rides
// not matched, tracks that never start, charges taken twice, invoices shown
// to the wrong customer, boarding passes not issued, payouts at a tenth of
// the rate, with source labels that often overstate or understate.
//
// First run (after the forty-second sample's fixes): severity 23/30,
// chatter 22/30. The classes: money moved wrongly for many transactions
// ("2,870 transfers were converted at ... instead of ..."); one customer
// shown another's records, and that said in the other languages; a count
// against the level "expected" in brackets; error ratios after compound
// and non-English error nouns ("Zustellfehler 0,3 %"); "no customer
// affected" in five languages; "offline" naming a feature ("offline
// downloads"). In chat: German "kommen keine ... an", an empty body, and
// others reporting the same as a second witness. After: severity 29/30
// (a pool-usage forecast beside "p95" still reads as degraded), chatter
// 26/30 (two Dutch, one Polish and one gaming-slang report left: Dutch and
// Polish are outside the five languages the issue names).

// Written without reading the triage rules on 2026-12-06. Industries: ride-hailing, music streaming, credit unions, mobile network operators, concert ticketing, food delivery apps, pension funds, online grocery delivery, airlines, remittance services, hotel chains, e-learning platforms, broadband providers, video game publishers.

import "testing"

var severityHeldout44 = []sevCase{
	// P1
	{"rides match rate 31 percent all cities", Signal{Title: "[Triggered] Ride request match rate below 50%", Text: "ride.match.success_rate = 0.31 over the last 10m (7d avg 0.94). Riders in all cities get 'No drivers nearby' although 18,400 drivers are online; the driver app receives no offers. Started 16:52, four minutes after dispatch-matcher v2026.12.06.3 was deployed. @pagerduty-rides", Severity: "warning", Service: "dispatch-matcher"}, 1, P1, "most ride requests fail everywhere on tier 1; warning label understates"},
	{"playback start success 0.12", Signal{Title: "Opsgenie: [P3] playback-start error budget burn", Text: "playback_start_success = 0.12 (baseline 0.995) across web, iOS and Android for 15 min. Listeners press play and the track never starts ('Something went wrong, try again'). Burn rate 176x. Search and lyrics are unaffected.", Severity: "P3", Service: "playback-api"}, 1, P1, "almost nobody can play music on tier 1; P3 label understates"},
	{"cooperativa cargos duplicados 41200 socios", Signal{Title: "INC0093310 | Cargos de tarjeta de débito duplicados a socios", Text: "El fichero de liquidación de tarjetas del 05/12 se procesó dos veces en el cierre nocturno. 41.200 socios tienen cada compra del viernes cargada dos veces; unos 3.100 han quedado en descubierto y esta mañana se les han rechazado pagos. El teléfono de atención tiene 250 llamadas en espera.", Severity: "4 - Baja"}, 1, P1, "money charged twice to tens of thousands on tier 1; low label understates"},
	{"kundenportal fremde rechnungen", Signal{Title: "AW: Kundenportal zeigt fremde Rechnungen an", Text: "Hallo,\nseit dem Cache-Update um 11:20 bekommen Kundinnen und Kunden im Self-Care-Portal teilweise die Rechnung eines anderen Kunden angezeigt – inklusive Name, Anschrift und Einzelverbindungsnachweis. Laut CDN-Logs betrifft das mindestens 2.300 Sitzungen. Erste Screenshots kursieren auf X.\nViele Grüße\nSOC", Severity: "mittel"}, 1, P1, "customer personal data and call records shown to others on tier 1"},
	{"on-sale checkout 88 percent 5xx", Signal{Title: "[PagerDuty] #48211 TRIGGERED: checkout-api 5xx > 20% during on-sale", Text: "Service: checkout-api\nUrgency: high\nDetails: 5xx ratio 0.88 over 5m. 212,000 fans are in the queue for the stadium tour on-sale; the queue releases them to checkout and 9 out of 10 payment attempts end with 'We couldn't complete your order'. Held seats go back to the pool after 10 minutes.", Severity: "high", Service: "checkout-api"}, 1, P1, "most fans cannot buy during the on-sale; label is right"},
	{"orders not forwarded to restaurants", Signal{Title: "ALARM: \"orders-forwarded-to-restaurants-low\" in EU (Ireland)", Text: "You are receiving this email because your Amazon CloudWatch Alarm \"orders-forwarded-to-restaurants-low\" in the EU (Ireland) region has entered the ALARM state, because \"Threshold Crossed: 1 datapoint [38.0 (06/12/26 19:10:00)] was less than the threshold (800.0).\" Metric: OrdersForwarded (Sum, 5 min); Friday-evening normal is about 3,100 across all 9 markets. Customers' cards are charged and the app says 'order placed', but restaurant tablets never receive the order."}, 1, P1, "orders paid but not delivered almost everywhere on tier 1; no label"},
	{"cotisations supprimees sauvegarde illisible", Signal{Title: "Incident : cotisations de novembre supprimées après la migration", Text: "Le script de migration du week-end a supprimé les lignes de cotisations de novembre de 52 000 affiliés dans la base de production. La sauvegarde de samedi est illisible (checksum KO) et celle de vendredi ne contient pas encore novembre. Les relevés en ligne des affiliés affichent un trou d'un mois et les calculs de droits sont faux.", Severity: "mineure"}, 1, P1, "data lost without a usable backup on tier 1"},
	{"mercearia nenhuma encomenda concluida", Signal{Title: "Zabbix: Problem: checkout-mercearia - encomendas concluídas = 0", Text: "Problem started at 18:05 on 2026.12.06\nHost: checkout-prod-01\nSeverity: Warning\nOperational data: encomendas/hora = 0 (média às sextas: 2.100)\nNenhum cliente consegue finalizar a encomenda: o passo do pagamento dá 'erro ao validar o cartão' com todos os métodos de pagamento. Os cestos ficam guardados mas nada é pago.", Severity: "Warning"}, 1, P1, "no order can be completed on tier 1; warning label understates"},
	{"boarding passes 96 of 4000", Signal{Title: "** PROBLEM Service Alert: dcs-checkin/BoardingPassIssue is WARNING **", Text: "Notification Type: PROBLEM\nService: BoardingPassIssue\nHost: dcs-checkin\nState: WARNING\nInfo: WARNING - boarding passes issued last 15m: 96 (expected > 4000)\n\nWeb, app and kiosk check-in at every station return 'Unable to issue boarding pass'. Airport agents are checking passengers in by hand; 37 departures already delayed.", Severity: "WARNING"}, 1, P1, "check-in fails on every channel and station on tier 1"},
	{"mxn payouts a tenth of the rate", Signal{Title: "#payments-ops: MXN payouts at wrong rate", Text: "@here since 02:00 UTC the FX feed for USD→MXN has been arriving with the decimal shifted: 2,870 transfers were converted at 1.74 instead of 17.4, so recipients in Mexico were paid a tenth of what the senders paid for. Payouts are final once the partner bank credits them. Can someone with prod access pause the corridor?", Severity: "low"}, 1, P1, "money paid out wrongly at scale on tier 1; low label understates"},

	// P2
	{"drivers lisbon cannot go online", Signal{Title: "[FIRING:1] DriverOnlineFailures city=lisbon", Text: "summary: Drivers in Lisbon cannot go online\ndescription: Since 07:40 the go-online call fails for drivers in Lisbon (1 of 41 cities) with 'Document check unavailable'; ride requests in Lisbon are matched slowly against the drivers who were already online. All other cities are normal.\nseverity: critical", Severity: "critical"}, 1, P2, "one city of 41; critical label overstates"},
	{"offline downloads p99 14s", Signal{Title: "[P1] Offline download latency SLO breach", Text: "p99 latency of /v1/downloads/track = 14.2s (SLO 3s) for 50 min since the CDN vendor change. Error rate 0.02%; every download completes, users just watch the progress bar crawl.", Severity: "P1", Service: "downloads-api"}, 1, P2, "slow beyond SLO but working; P1 label overstates"},
	{"balances six hours stale", Signal{Title: "[Triggered] core-banking CDC lag > 6h", Text: "cdc.replication.lag_seconds = 21950 on mobile-read-replica. Members see balances and transactions as of about 6 hours ago in the mobile app; card payments, transfers and ATM withdrawals are authorised against the live core and work normally. Several members asked on social media why their salary isn't showing.", Severity: "SEV-1", Service: "mobile-banking"}, 1, P2, "stale data, payments work"},
	{"one enterprise apn of 1240", Signal{Title: "INC0102277 | Enterprise customer private APN down", Text: "Business customer 'Hafenlogistik Nord GmbH' (1 of 1,240 enterprise accounts on the private APN platform) has had no data sessions on its private APN since 04:15: all 3,400 of its SIMs fail to attach with cause 33. Consumer and other enterprise APNs are unaffected. The account manager asks for hourly updates.", Severity: "1 - Critical"}, 1, P2, "one tenant of many; the all-SIMs figure is within that tenant"},
	{"ticket transfers 3.1 percent", Signal{Title: "Sentry: [ticket-wallet] TransferConflictError: ticket version mismatch", Text: "412 events in the last hour out of 13,280 ticket transfer attempts (3.1%). Affected fans get 'Transfer failed' and the ticket stays with the sender; retrying gives the same error for those tickets. Purchases and entry scanning are unaffected.", Severity: "fatal", Service: "ticket-wallet"}, 1, P2, "a few percent failing without working retry"},
	{"partner insights portal down", Signal{Title: "UptimeRobot: Monitor is DOWN: partner-insights", Text: "partner-insights (the restaurant partners' sales analytics portal) has returned 503 for 55 minutes; nobody can log in. Order taking, menus and payouts are separate services and working.", Severity: "low", Service: "partner-insights"}, 2, P2, "full outage of a tier-2 service; low label understates"},
	{"newsletter export public url", Signal{Title: "Fwd: newsletter subscriber export publicly reachable", Text: "Hi all,\na researcher told us that the CSV export from our pensions newsletter tool (name, email, date of birth and employer of 16,500 subscribers) has been at a public URL on the marketing bucket since October. Access logs show 9 downloads from unknown IPs. The member portal and contribution systems are not involved.\nRegards, Marketing Ops", Severity: "info"}, 3, P2, "personal data exposed from a tier-3 tool"},
	{"loja escura braga 1 de 25", Signal{Title: "Opsgenie: [P1] picking-handhelds loja Braga offline", Text: "Os terminais de picking da loja escura de Braga (1 de 25) não sincronizam desde as 10:20; os 180 pedidos de Braga para as janelas da tarde vão sair atrasados. As outras 24 lojas preparam pedidos normalmente e o site aceita encomendas.", Severity: "P1"}, 1, P2, "one site of 25; P1 label overstates"},
	{"notes inspection chambres perdues", Signal{Title: "INC0077419 | Perte des notes d'inspection des chambres après restauration", Text: "La restauration de la base de l'application d'inspection du ménage (mardi 22:00) est revenue à la sauvegarde de samedi. Les notes d'inspection de 3 jours pour 14 hôtels sont perdues, sans autre copie. Les réservations et l'enregistrement des clients ne sont pas concernés.", Severity: "4 - Basse"}, 2, P2, "data loss on a tier-2 service"},
	{"lecture video apac one region", Signal{Title: "[Alerting] video-segment-5xx ap-southeast", Text: "Grafana alert 'video-segment-5xx' firing for region=ap-southeast (1 of 5 regions): 38% of lecture video segments return 504 from the edge since 02:10 UTC; learners in Singapore, Sydney and Jakarta see endless buffering. EU, US-East, US-West and LATAM edges are at 0.1%.", Severity: "critical"}, 0, P2, "one region of five; tier unknown"},

	// P3
	{"rider api cert 21 days", Signal{Title: "[Triggered] SSL certificate for rider-api-edge expires in 21 days", Text: "tls.days_left = 21 on rider-api-edge (threshold 30). The auto-renewal job last succeeded on 2026-09-07; renewal of this certificate is queued for next week's change window. All traffic is served normally.", Severity: "critical", Service: "rider-api"}, 1, P3, "risk, nothing failing; critical label overstates"},
	{"portadas estiradas android tv", Signal{Title: "Jira MUS-8812: portadas de álbumes estiradas en la app de Android TV", Text: "En Android TV las portadas de los álbumes se ven estiradas en horizontal desde la versión 9.14. La reproducción, la búsqueda y las listas funcionan bien; es solo visual.", Severity: "Mayor"}, 1, P3, "cosmetic only"},
	{"staff leave intranet down", Signal{Title: "PagerDuty: [P1] leave-request intranet app DOWN", Text: "Health check for staff-leave.intranet fails (connection refused) since 08:30. Only branch and head-office staff use it to request holidays; members' banking channels are unaffected. HR says requests can be emailed today.", Severity: "P1", Service: "staff-leave"}, 3, P3, "internal-only tool; P1 label overstates"},
	{"smsc erster versuch 0,3 prozent", Signal{Title: "Grafana: SMSC Zustellfehler beim ersten Versuch 0,3 %", Text: "In den letzten 60 Minuten wurden 4.120 von 1,37 Mio. SMS beim ersten Zustellversuch abgewiesen (0,3 %, Ursache: Zielnetz überlastet). Die Wiederholung nach 30 s hat alle zugestellt; keine SMS verloren, keine Kundenbeschwerden.", Severity: "hoch"}, 1, P3, "under 1% failing and retries deliver all"},
	{"fan blog down no data", Signal{Title: "** PROBLEM Service Alert: fanblog-web/HTTP is CRITICAL **", Text: "Notification Type: PROBLEM\nService: HTTP\nHost: fanblog-web\nState: CRITICAL\nInfo: HTTP CRITICAL - Unable to open TCP socket\n\nThe editorial blog with tour news is down. It holds only published articles, which are kept in git; ticket sales, the queue and entry scanning run elsewhere and are fine.", Severity: "CRITICAL"}, 3, P3, "tier-3 outage with no data loss"},
	{"orders db pool forecast", Signal{Title: "[Warning] orders-db connection pool forecast", Text: "Prometheus predict_linear: orders-db connection pool usage is 72% now and projected to reach 90% during Friday's 19:00 peak if growth continues. No connection errors, p95 query time 18 ms, all orders processed.", Severity: "high"}, 0, P3, "forecast, nothing failing"},
	{"releve annuel logo pixelise", Signal{Title: "Ticket #55102 : logo pixelisé sur le relevé annuel PDF", Text: "Sur le relevé annuel 2026 généré en PDF, le logo de la caisse apparaît pixelisé et légèrement décalé vers la droite. Les montants, les droits acquis et les coordonnées sont corrects ; les relevés partent normalement.", Severity: "critique"}, 1, P3, "cosmetic only; critique label overstates"},
	{"dashboard revenue ferma a giovedi", Signal{Title: "Dashboard revenue management non aggiornata da giovedì", Text: "La dashboard interna del revenue management (occupazione e ADR per hotel) mostra ancora i dati di giovedì: l'ETL notturno si è fermato. La usa solo il team revenue per il report settimanale; prenotazioni, prezzi sul sito e check-in non dipendono da questa dashboard. Può aspettare lunedì.", Severity: "alta"}, 3, P3, "internal-only stale report; can wait"},
	{"resolver 03 fora do pool", Signal{Title: "Zabbix: Problem: dns-resolver-03 indisponível", Text: "Problem started at 03:12 on 2026.12.06\nHost: dns-resolver-03\nSeverity: High\nO resolver 03 (1 de 3 no anycast) falhou o health check e foi retirado automaticamente do pool. Os outros dois respondem com p95 de 4 ms e 35% de carga; nenhum cliente afetado, nenhum erro de resolução.", Severity: "High"}, 1, P3, "redundancy reduced, nothing failing for customers"},
	{"ranking flagi zamienione", Signal{Title: "Jira GAME-4471: Złe flagi krajów w rankingu sezonu", Text: "W rankingu sezonu 4 gracze z Austrii i Australii mają zamienione flagi. Punkty, pozycje i nagrody są liczone poprawnie; to tylko ikona.", Severity: "Blocker"}, 2, P3, "cosmetic only; Blocker label overstates"},
}

var chatterHeldout44 = []chatCase{
	// incidents
	{"is the driver app down for anyone else? can't go online in Porto for like 10 min now", true},
	{"no rush, but uploading a playlist cover just spins forever for me", true},
	{"¿A alguien más le aparece el mismo cargo dos veces en la app de la cooperativa? A mí la compra del súper de ayer me sale duplicada", true},
	{"Bei mir kommen seit heute Morgen keine SMS-Codes fürs Login an 🙄 bei zwei Kollegen auch nicht", true},
	{"Les billets du concert de samedi ont disparu du portefeuille de l'appli, plusieurs fans nous écrivent sur Insta", true},
	{"os entregadores estão recebendo o mesmo pedido duas vezes no app, já aconteceu umas 3 vezes hoje", true},
	{"lol the pension calculator just told me I can retire at 142 😂 pretty sure the new age table is off", true},
	{"kiosks at T2 printing blank boarding passes, agents hand-writing seat numbers", true},
	{"So I don't want to be that person and it might just be my wifi, but since lunch the lecture player has been freezing every 10 seconds or so, and a couple of students on the course forum are saying the same thing, could someone have a look when you get a sec?", true},
	{"substitution emails going out with an empty body. again.", true},
	{"Le prenotazioni dell'hotel di Milano non arrivano più al gestionale della reception da stamattina", true},
	{"Glasvezelklanten in Utrecht hebben sinds 8 uur geen internet, de storingslijn loopt vol", true},
	{"remittance receipts show the wrong recipient name 👀 screenshot in thread", true},
	{"EU-west game servers rubber-banding like crazy since the patch, ping 400+", true},
	{"Płatności BLIK w aplikacji zakupowej wiszą na 'przetwarzanie' od 20 minut", true},

	// chatter
	{"Reminder: driver app 7.3 goes out Tuesday 10:00, staged rollout 5% → 100% over three days", false},
	{"Thanks to everyone who jumped on Friday's playback outage 🙏 the RCA is linked in the channel topic", false},
	{"¿Cómo exporto los movimientos de un socio a CSV desde el backoffice?", false},
	{"Schöne Feiertage euch allen! 🎄 Wer bringt nächste Woche Plätzchen mit?", false},
	{"Point billetterie : la mise en vente de ce matin s'est très bien passée, aucun incident, 48 000 billets vendus 🎉", false},
	{"Alguém sabe como adicionar um novo raio de entrega no painel? Queria testar com Campo de Ourique", false},
	{"Pension portal maintenance window Sunday 01:00–05:00, the banner for members is already up", false},
	{"Post-incident review for last month's check-in outage is Thursday 14:00, please add your notes to the timeline doc beforehand", false},
	{"all green after the failover drill, all 3 regions healthy ✅", false},
	{"quick q: which Jira component do we use for course-content bugs vs platform bugs?", false},
	{"Chi viene alla cena di Natale del team revenue venerdì? Serve conferma entro domani 🍝", false},
	{"Volgende week verhuizen we de DNS-resolvers naar de nieuwe racks, verwachte downtime nul. Draaiboek staat op Confluence", false},
	{"the season 4 loading screen art is gorgeous, kudos to the art team", false},
	{"FYI: the Philippines corridor pauses Saturday 18:00–20:00 for the partner bank's planned upgrade, customers were emailed yesterday", false},
	{"金曜日からオンコール交代です。一週間よろしくお願いします 🙇", false},
}

func TestSeverityWorldHeldout44(t *testing.T) {
	runSevSample(t, "severity held-out 44", severityHeldout44)
}

func TestChatterWorldHeldout44(t *testing.T) {
	runChatSample(t, "chatter held-out 44", chatterHeldout44)
}
