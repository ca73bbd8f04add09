// heldout28_test.go is a twenty-eighth sample of severity (30) and
// chatter (30) cases, written by a helper that did not read the rules,
// after the twenty-sixth's fixes. First run: severity 18/30, chatter
// 21/30. The classes: a fall against the same period before written with a
// minus sign ("−97 % ggü. Vorwoche"), stock levels excepted; "of" in
// Polish, Czech, Swedish, Danish and Romanian and counts "among" a total;
// "n/m" with dots grouping thousands ("37/1.204"); "one of 38" places or
// tenants in any language; "0 errores"; a disk reaching 100 % in N days in
// the Romance languages; a number of the server-error range followed by a
// unit ("500 t") is a quantity; a negation three words before ("no tug
// order was delayed"); losses, internal tools, urgency and customers in
// Swedish, Danish, Czech and Romanian; "no deja", "não deixa" (does not
// let); Polish and Nordic "does not work"; customers complaining in the
// other languages; a price of 0,00 €; the rest working in Polish and the
// Nordic languages. After: severity 29/30 (left: a site of 38 rejecting
// every card, read from the label), chatter 26/30 (left: sarcasm, a wrong
// date on a voucher, a wrong shipping rate asked as a question, mail
// landing in spam). It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: hot-sauce makers, truck stops, dance schools, hammams, ship chandlers, tugboat operators, farriers, orchid nurseries, darts leagues, sawmills, maple syrup producers, organ builders, winter road gritting, hop growers, bell foundries.
package triage

import "testing"

var severityHeldout28 = []sevCase{
	// P1
	{"hot sauce box checkout 412 of 1530", Signal{Title: "[FIRING:1] CheckoutFailuresHigh scoville-box-checkout (prod)", Text: "summary: scoville-box-checkout is failing checkout attempts\ndescription: 412 of 1,530 checkout attempts failed in the last 15m (payment_intent create -> HTTP 502 from upstream). job=scoville-box-checkout, namespace=prod", Severity: "warning", Service: "scoville-box-checkout"}, 1, P1, "27% of checkouts failing on tier 1; warning label understates"},
	{"autohof reservierungen minus 97 prozent", Signal{Title: "[Alerting] Stellplatz-Reservierungen eingebrochen", Text: "Grafana-Alarmregel 'lkw-stellplatz-reservierungen'\nWert: 14 abgeschlossene Reservierungen in der letzten Stunde, −97 % ggü. Vorwoche (gleiche Stunde: 468).\nDer synthetische Check 'reservierung-abschliessen' schlägt seit 09:20 für alle Autohöfe fehl (HTTP 500 beim Bezahlschritt).", Severity: "info"}, 1, P1, "booking flow broken for all sites; info label understates"},
	{"academia baile reservas 18,6", Signal{Title: "[Triggered] reservas-clases: tasa de error 18,6 %", Text: "Monitor de Datadog: la tasa de error de POST /api/reservas es del 18,6 % en los últimos 10 min (umbral 5 %). 1.342 intentos fallidos; los alumnos no consiguen apuntarse a las clases de salsa y bachata de esta semana.", Severity: "P3", Service: "reservas-clases"}, 1, P1, "over 5% failing on tier 1; P3 label is wrong"},
	{"hammam cartes cadeaux debitees deux fois", Signal{Title: "Sentry : [hammam-cadeaux] DuplicateCaptureError in capture_payment", Text: "Depuis la mise en production de mardi, chaque achat de carte cadeau est débité deux fois : 2 318 clients concernés sur 2 340 commandes (seules les 22 commandes PayPal y échappent). Le service client reçoit les premières réclamations.", Severity: "warning"}, 1, P1, "money charged wrongly to nearly all buyers"},
	{"shipchandler pedidos apagados", Signal{Title: "Pedidos de abastecimento apagados após migração", Text: "A migração do portal de pedidos de abastecimento de navios, ontem à noite, apagou 14.207 pedidos (histórico e pedidos em aberto dos armadores). O backup mais recente está corrompido e o anterior tem 11 dias. Os clientes estão a ligar porque não veem as suas encomendas.", Severity: "baixa"}, 1, P1, "data loss on tier 1; low label is wrong"},
	{"tug request dynatrace failure rate 48", Signal{Title: "Dynatrace problem P-2612-0517: Failure rate increase on TugRequestService", Text: "Problem status: OPEN\nImpact level: Services\nAffected entities: TugRequestService, web application 'tug-order-portal'\nFailure rate: 48.3 % (baseline 0.2 %)\nAffected requests: 2.1k/min\nRoot cause: HTTP 503 from dependency berth-schedule-db", Severity: "ERROR", Service: "tug-order-portal"}, 1, P1, "nearly half of tier-1 requests failing"},
	{"farrier client profiles enumerated", Signal{Title: "Splunk Alert: Unauthenticated sequential ID access on hoofcare-api", Text: "Between 01:12 and 03:40 UTC three external IP addresses walked /v1/clients/{id} without a session token and got HTTP 200 for 9,874 client profiles (name, phone, home address, stable location). The auth middleware has been skipped on this route since v4.12.", Severity: "low"}, 1, P1, "breach exposing customer data on tier 1"},
	{"storczyki sklep 0 z 312", Signal{Title: "Sklep internetowy – brak opłaconych zamówień", Text: "Od 11:20 w sklepie internetowym naszej szkółki storczyków 0 z 312 zamówień zostało opłaconych; bramka płatności zwraca błąd 500 przy każdej próbie. Klienci piszą na czacie, że nie mogą zapłacić.", Severity: "niski"}, 0, P1, "unknown tier: the public webshop, payment fully broken"},
	{"darts submit leg score 5/5 locations", Signal{Title: "Checkly: Check 'submit-leg-score' has failed", Text: "API check 'submit-leg-score' (league-scoring-api) failed in 5/5 locations: eu-west-1, eu-central-1, us-east-1, ap-southeast-2, sa-east-1.\nResponse: 500 Internal Server Error\nFailing for 25 minutes. Captains cannot enter scores for any match tonight.", Severity: "degraded"}, 1, P1, "tier-1 flow broken for everyone"},
	{"segheria preventivi 214 permille", Signal{Title: "Problem: Tasso di errore portale ordini legname > 50‰", Text: "Problem started at 10:42:18 on 2026.12.05\nProblem name: Tasso di errore portale ordini legname > 50‰\nHost: segheria-portal-01\nSeverity: Warning\nOperational data: 214‰ (richieste di preventivo e ordini respinti con 503)\nLe falegnamerie clienti non riescono a inviare ordini.", Severity: "Warning"}, 1, P1, "21.4% failing on tier 1, stated in per-mille"},

	// P2
	{"maple checkout burn rate 14.4x", Signal{Title: "[FIRING:1] ErrorBudgetBurn maple-shop-checkout (prod)", Text: "summary: maple-shop-checkout is burning its error budget fast\ndescription: burn rate 14.4x over 1h and 13.9x over 5m against the 99.9 % availability SLO (30d window). slo=checkout-availability", Severity: "critical", Service: "maple-shop-checkout"}, 1, P2, "14.4 x 0.1% budget = about 1.4% failing, degraded"},
	{"hamam buchung apdex 0,48", Signal{Title: "New Relic: Apdex-Verletzung hammam-booking-web", Text: "Apdex 0,48 (Ziel 0,90) seit 25 Minuten für die Online-Buchung von Massagen und Dampfbad. Fehlerrate 0,00 %, alle Buchungen werden abgeschlossen, die Seiten laden nur sehr langsam (Median 7,9 s).", Severity: "Critical"}, 1, P2, "slow beyond target without failures"},
	{"area servicio zaragoza tarjetas flota", Signal{Title: "Opsgenie: Rechazo de tarjetas de flota – área de servicio Zaragoza", Text: "Los surtidores del área de servicio de Zaragoza (1 de 38 áreas) rechazan todas las tarjetas de flota desde las 06:10 por un fallo del concentrador local. El resto de áreas cobran con normalidad.", Severity: "P1"}, 1, P2, "one site of 38 affected; P1 label overstates"},
	{"orgues planning entretien tier 2 down", Signal{Title: "[Uptime Kuma] [🔴 Down] planning-entretien-orgues", Text: "[planning-entretien-orgues] [🔴 Down] timeout of 48000ms exceeded\nHors ligne depuis 07:55 (1 h 10). Les paroisses ne peuvent ni consulter ni réserver les créneaux d'accord et d'entretien de leurs orgues.", Severity: ""}, 2, P2, "outage of a tier-2 service"},
	{"mapa limpa-neves fila 3h", Signal{Title: "Mapa público dos espalhadores de sal com posições atrasadas", Text: "A fila gps-events tem a mensagem mais antiga com 3 h 12 min (normal < 30 s). O mapa público das rotas de espalhamento de sal mostra os camiões onde estavam às 04:00. Nenhum pedido falha, os dados estão apenas atrasados.", Severity: "crítico"}, 1, P2, "stale data, nothing failing"},
	{"darts averages wrong 41 of 2960", Signal{Title: "Sentry: [league-tables] ValueError in recompute_averages", Text: "After last night's reseed the three-dart average shown for 41 of 2,960 registered players (1.4 %) is wrong: they transferred mid-season and their legs from before the transfer are counted twice. All other averages and the league tables are correct.", Severity: "fatal"}, 1, P2, "wrong values for a minority"},
	{"sagverk torkloggar forlorade", Signal{Title: "Torkloggar för kammare 3 och 4 förlorade", Text: "RAID-kontrollern på loggservern havererade i natt. Torkkurvorna (temperatur och fuktkvot) för torkkammare 3 och 4 från 1–4 december är borta och det finns ingen backup. Kunderna märker inget direkt, men loggarna behövs för certifieringen av virket.", Severity: "info"}, 2, P2, "data loss on a tier-2 service"},
	{"hop archive bucket egress tier 3", Signal{Title: "Elastic Security: Rule 'Unusual data egress from storage bucket' – high", Text: "Bucket: hop-archive-legacy (old harvest photo archive)\n2.1 GB read with an access key that had been pushed to a public repository. The bucket also held brewery_contacts_2019.csv with 310 brewery customers (names, emails, phone numbers). Transfers went to an external IP in a hosting ASN.", Severity: "high"}, 3, P2, "breach on a tier-3 service"},
	{"dansschool inloggen 37/1.204", Signal{Title: "Better Stack: Inlogfouten leerlingen-app dansschool", Text: "Inloggen in de leerlingen-app mislukt bij 37/1.204 pogingen in het afgelopen uur (foutcode AUTH_TIMEOUT). De rest logt gewoon in en kan lessen boeken.", Severity: "critical"}, 1, P2, "about 3% failing"},
	{"remorchere sso o agentie", Signal{Title: "PagerDuty: Autentificare SSO eșuată pentru o agenție – portal remorchere", Text: "Agenția maritimă Danubia Shipping (1 din 64 de agenții client) nu se poate autentifica în portalul de comenzi pentru remorchere de la 08:30, după ce și-a schimbat certificatul IdP. Celelalte agenții comandă normal.", Severity: "critical"}, 1, P2, "one tenant of 64 affected"},

	// P3
	{"hot sauce api 3.1 permille", Signal{Title: "[Alerting] scoville-box-api 5xx per mille", Text: "Grafana alert 'api-5xx-permille'\nscoville-box-api 5xx = 3.1‰ of requests over the last 30m (threshold 2‰). Mostly GET /recipes/{slug}; checkout and subscriptions are unaffected.", Severity: "critical"}, 1, P3, "0.31% failing"},
	{"autohof duschbuchung 23 von 18400", Signal{Title: "Icinga: duschbuchung-fehler on autohof-app-02 is WARNING", Text: "***** Service Monitoring on icinga-master *****\n==> duschbuchung-fehler on autohof-app-02 is WARNING! <==\nInfo: Heute 23 fehlgeschlagene Duschbuchungen bei 18 400 Buchungen insgesamt (üblich sind 10 bis 15 Fehler pro Tag). Die Fahrer buchen beim zweiten Versuch erfolgreich.", Severity: "High"}, 1, P3, "about 0.1% failing"},
	{"erabliere tableau capteurs interne", Signal{Title: "CloudWatch : ALARM « sap-vacuum-dashboard-5xx » dans EU (Paris)", Text: "Le tableau de bord des capteurs de vide des tubulures de l'érablière renvoie des erreurs 502 depuis 6 h. Seuls les techniciens de terrain l'utilisent ; la boutique en ligne, les commandes et les livraisons de sirop ne sont pas touchées.", Severity: "critical"}, 3, P3, "internal tool, no customer impact"},
	{"orquideas prevision disco", Signal{Title: "Previsión de disco: base de datos de la tienda de orquídeas", Text: "Al ritmo actual el volumen de la base de datos de la tienda online llegará al 100 % en unos 9 días (hoy 71 %). p95 180 ms (SLO 400 ms), 0 errores. Nada falla todavía.", Severity: "alta"}, 1, P3, "forecast, nothing failing"},
	{"darts checkout suggestion font", Signal{Title: "Checkout suggestions render in fallback font on the live scoreboard", Text: "Since app 5.8.0 on Android the checkout suggestion line on the live scoreboard (e.g. T20 T20 Bull for 170) renders in the fallback serif font. Scores, averages and standings are correct; nothing fails.", Severity: "P1"}, 1, P3, "cosmetic; 'checkout' is a darts term"},
	{"danca galeria fotos tier 3", Signal{Title: "Statuspage: Galeria de fotos – Major Outage", Text: "Componente 'Galeria de fotos dos espetáculos' passou de Operational para Major Outage. A galeria com as fotos do espetáculo de fim de ano da escola de dança está fora do ar há 2 h. Nenhum dado perdido, as fotos continuam no armazenamento.", Severity: "critical"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"kovar interni prehled razeni", Signal{Title: "Interní přehled podkování – špatné řazení", Text: "Interní přehled naplánovaných podkování pro kováře řadí termíny podle jména koně místo podle data. Zákazníci to nevidí, objednávky fungují normálně. Není to urgentní, klidně až po víkendu.", Severity: "urgent"}, 3, P3, "internal, reporter says it can wait"},
	{"tug webhook 2 of 3418 retried", Signal{Title: "Honeycomb trigger: webhook delivery failures to pilot station", Text: "Trigger 'pilot-webhook failures > 0' fired: 2 of 3,418 webhook deliveries to the pilot station failed in the last hour, and both succeeded on the first retry. No customer saw an error and no tug order was delayed.", Severity: "critical"}, 1, P3, "tiny share, retried, no customer impact"},
	{"humle hostestimater intern", Signal{Title: "Synkronisering af høstestimater fejler", Text: "Det interne regneark med høstestimater for humlemarkerne er ikke blevet synkroniseret siden i går kl. 16. Kun vores agronomer bruger det; bryggerikunderne og kontraktportalen mærker intet.", Severity: "høj"}, 3, P3, "internal only, no customer impact"},
	{"salt stock down 41 percent", Signal{Title: "Grafana: Salt stock depot North down 41 % vs last week", Text: "[Alerting] salt_stock_tonnes{depot=\"north\"} = 1,180 t, down 41 % vs last week after three nights of gritting. Forecast: below the 500 t reorder line in about 6 days at the current rate. Replenishment is ordered; all 26 gritters are running their routes normally.", Severity: "critical"}, 1, P3, "a supply risk, nothing failing; 'down' is stock level"},
}

var chatterHeldout28 = []chatCase{
	// incidents
	{"is the tug portal down for anyone else? agents say they get a blank page right after login", true},
	{"grit map hasnt updated since like 5am, ppl on twitter asking if the trucks are even out lol", true},
	{"love how the darts app now thinks every player threw a 180. great for morale, terrible for the league table 🙃", true},
	{"not urgent but the hammam gift voucher PDF prints yesterday's date as the expiry, a couple of customers noticed", true},
	{"fuel card terminals at the A7 truck stop keep timing out, drivers are queueing at the pumps", true},
	{"did something change with maple shop shipping? canadian orders are getting charged the US rate", true},
	{"fyi orchid order confirmations land in spam for every gmail address since tuesday", true},
	{"¿Soy yo o la app de la academia de baile no deja reservar la clase de las 19h? me sale un error rarísimo", true},
	{"Kurze Info: das Kundenportal vom Sägewerk zeigt für Eiche seit heute früh 0,00 €/m³ an", true},
	{"Les bons de livraison du shipchandler sortent vides à l'impression depuis la mise à jour, quelqu'un regarde ?", true},
	{"galera, o agendamento do ferrador tá travando no passo do pagamento, cliente reclamando no zap", true},
	{"Ragazzi, il sito del luppolo non carica più le schede delle varietà, dà 404 su tutte", true},
	{"Is de boekingsmodule van de hamam bij jullie ook zo traag? Bij mij duurt elke stap 15 seconden", true},
	{"Aplikacja ligi darta nie zapisuje wyników od wczoraj wieczorem, kapitanowie dzwonią", true},
	{"Beställningarna från orgelportalen kommer inte fram till verkstaden sedan i morse", true},

	// chatter
	{"Heads-up: tug portal maintenance window Sunday 01:00–03:00 UTC, ordering will be read-only. Agents were emailed last week.", false},
	{"Postmortem for Tuesday's hot sauce checkout outage is up (the retry storm that failed ~400 orders). Review Thursday 15:00, bring coffee", false},
	{"critical update: Marta's sourdough has reached production. all hands to the kitchen 🍞", false},
	{"🚀 Launching 'Project Meltdown' today: our new extra-hot habanero line. Shop page goes live at noon!", false},
	{"can someone give me read access to the gritting fleet Grafana? need it for the winter report", false},
	{"how do I mute a Datadog monitor just for the weekend without deleting it?", false},
	{"we're down to two people on the night shift this week, anyone up for swapping Thursday?", false},
	{"for next season we expect about 2x the darts teams; should we move the scoring DB to the next instance size before September?", false},
	{"Gracias a todos por lo de anoche con las tarjetas de flota, ya está todo estable y el informe está en Confluence", false},
	{"Wer kommt Freitag mit auf den Weihnachtsmarkt? Treffpunkt 18 Uhr am Sägewerkstor 🎄", false},
	{"Rétro de l'incident de la semaine dernière sur le planning des orgues jeudi à 10h, j'ai mis les notes dans le doc partagé", false},
	{"Domenica dalle 6 alle 8 aggiorniamo il database del portale segheria, il sito resterà in manutenzione. Clienti già avvisati.", false},
	{"Gefeliciteerd Sanne met je eerste maand on-call zonder page! 🎉 taart staat in de keuken", false},
	{"Hvordan eksporterer man et Grafana-dashboard som JSON? Vil gerne genbruge det til humleprojektet", false},
	{"Am lansat azi noua funcție „Alertă de furtună” în portalul remorcherelor: clienții primesc SMS când vântul depășește 40 de noduri.", false},
}

func TestSeverityWorldHeldout28(t *testing.T) {
	runSevSample(t, "severity held-out 28", severityHeldout28)
}

func TestChatterWorldHeldout28(t *testing.T) {
	runChatSample(t, "chatter held-out 28", chatterHeldout28)
}
