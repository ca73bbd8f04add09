package triage

// heldout40_test.go is a fortieth sample of severity (30) and chatter (30)
// cases, written by a helper that did not read the rules, as a normal week's
// alerts and chat from businesses the earlier samples did not cover.
//
// First run (after the thirty-eighth sample's fixes): severity 17/30,
// chatter 26/30. The classes: a query's ratio of failing requests by an
// outcome label ("outcome=\"error\""); a count beside its usual level in
// brackets ("is 4 (gemiddelde ... vorige week: 212)") and usual levels
// named in the other languages and as "same slot last Saturday"; a
// measured failing share of 90 % or more reaches everyone, whatever words
// say only some are affected; "zu viel abgebucht", "rekent dubbele" as
// charged twice; data pushed to a public repository and cloned by unknown
// accounts; corruption is data loss only when it is of data; "the site is
// up", "100 % uptime" beside a risk; a tool "used only by our editors";
// pictures distorted or swapped as cosmetic, with the glosses that other
// glosses would consume read first; rejected as a vague failure word; an
// n-of-m clause not cut at a decimal point; the other N of any noun. In
// chat, "returns 'no results'", every item at 00:00, screens gone black.
// After: severity 30/30, chatter 30/30. It has tuned rules since, so it is
// no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: sightseeing bus operators, prosthetic limb workshops, tulip bulb exporters, llama trekking, sake breweries, lobster pounds, hair transplant clinics, parquet flooring fitters, sheet music publishers, marzipan confectioners, bird ringing stations, mahjong parlours, university canteens, fishing tackle shops.

import "testing"

var severityHeldout40 = []sevCase{
	// P1
	{"hop-on bus day pass checkout error ratio 0.173", Signal{Title: "[FIRING:1] TicketCheckoutErrorRatioHigh (hopon-tickets prod)", Text: "Labels:\n - alertname = TicketCheckoutErrorRatioHigh\n - job = hopon-tickets\n - env = prod\n - severity = warning\nAnnotations:\n - summary = Day-pass purchases failing\n - description = sum(rate(checkout_requests_total{job=\"hopon-tickets\",outcome=\"error\"}[5m])) / sum(rate(checkout_requests_total{job=\"hopon-tickets\"}[5m])) = 0.173 for 15m. Riders buying a day pass in the app get 'payment could not be processed'.", Severity: "warning", Service: "hopon-tickets"}, 1, P1, "17% of purchases failing on tier 1; warning label understates"},
	{"hair clinic intake photos public blob", Signal{Title: "Azure Monitor alert 'Anonymous blob access - consult-photos' Fired (Sev3)", Text: "Alert rule: Anonymous blob access - consult-photos\nSeverity: Sev3\nMonitor condition: Fired\nAffected resource: stconsultphotosprod\nDescription: Container 'intake' of the hair-restoration clinic patient portal has public access level 'Blob'. Storage logs show 2,914 anonymous GET requests from 37 external IP addresses since 02:00 for pre-consultation scalp photos whose file names contain the patient's full name and date of birth.", Severity: "Sev3"}, 1, P1, "patient data exposed on tier 1; Sev3 label understates"},
	{"bloembollen webshop bestellingen 4 tegen 212", Signal{Title: "[Triggered] [P4] Bestellingen bloembollen-webshop onder drempel", Text: "Aantal afgeronde bestellingen per 10 min is 4 (gemiddelde zelfde tijdstip vorige week: 212).\nMonitor: sum(last_10m):sum:bulbshop.orders.completed{env:prod}.as_count() < 50\nKlanten krijgen na het betalen 'Er ging iets mis' en de bestelling wordt niet aangemaakt. @pagerduty-bulbshop", Severity: "P4", Service: "bulbshop"}, 1, P1, "orders collapsed to ~2% of baseline on tier 1; P4 label is wrong"},
	{"sake club quartalsbox doppelt abgebucht", Signal{Title: "Stripe-Webhook doppelt verarbeitet – Sake-Club Quartalsbox", Text: "Durch einen Retry-Sturm nach dem Deploy um 07:12 wurde die Quartalsabbuchung des Sake-Clubs zweimal ausgelöst. Betroffen sind 1.870 von 1.902 Mitgliedern, jeweils 89 € zu viel abgebucht. Erste Mitglieder melden sich wegen ihrer Kontoauszüge.", Severity: "info"}, 1, P1, "money charged wrongly to nearly all members"},
	{"llama trek checkly 5 of 5 locations zero bookings", Signal{Title: "Checkly: 'Book a trek – E2E' is failing (5/5 locations)", Text: "Check 'Book a trek – E2E' failed in Frankfurt, London, N. Virginia, São Paulo and Sydney.\nFailing step: page.click('#pay-now') → Timeout 30000ms exceeded.\nBooking backend: 0 trek bookings since 10:05 (usually 20–30 per hour on weekends). The payment provider's status page is green.", Severity: ""}, 1, P1, "nobody can book on tier 1"},
	{"comedores universitarios tarjeta rechazada 100 por ciento", Signal{Title: "Zabbix: PROBLEM: tpv-comedores tasa de rechazo tarjeta universitaria 100%", Text: "Problema iniciado a las 12:05 en tpv-comedores-core. Las cajas de los 9 comedores rechazan todas las tarjetas universitarias ('saldo no disponible'); solo se puede pagar en efectivo. En hora punta el 85% de los menús se paga con tarjeta y ya hay colas hasta la calle.", Severity: "Average"}, 1, P1, "most customers cannot pay on tier 1"},
	{"mahjong login taxa de sucesso 0,41", Signal{Title: "Google Cloud Monitoring: [ALERTA] taxa de sucesso de login – app de reservas mahjong", Text: "Incidente aberto para a política 'login-success-ratio < 0.95'. Valor atual: 0,41 (normal 0,99). Recurso: cloud_run_revision mahjong-members-api. Os sócios das 12 casas de mahjong não conseguem entrar na app para reservar mesa; o erro mostrado é 'sessão inválida'.", Severity: "WARNING", Service: "mahjong-members-api"}, 1, P1, "59% of logins failing on tier 1"},
	{"tackle shop retention job deleted accounts", Signal{Title: "PagerDuty: [#4471] Customer accounts purged by retention job – tackle shop", Text: "The GDPR retention job ran with the wrong cutoff (2026 instead of 2016) and hard-deleted 38,214 customer accounts, including order history, saved addresses and fishing-licence numbers. The latest restorable backup is from 19 days ago; everything after that is gone unless we rebuild it from payment logs.", Severity: "low"}, 1, P1, "customer data lost on tier 1"},
	{"spartiti checkout 34 per cento errori", Signal{Title: "New Relic: Violazione – spartiti-shop Apdex 0,21, tasso di errore 34%", Text: "Condizione 'Error percentage > 5' aperta alle 20:14 per l'entità spartiti-shop (APM). Il 34% delle transazioni WebTransaction/checkout/confirm termina con l'eccezione SQLSTATE 40001. I clienti che acquistano spartiti digitali vedono 'ordine non completato'.", Severity: "warning"}, 1, P1, "a third of purchases failing on tier 1"},
	{"marzipan shop orders flat at zero", Signal{Title: "ALARM: \"marzipan-shop-orders-low\" in EU (Ireland)", Text: "You are receiving this email because your Amazon CloudWatch Alarm \"marzipan-shop-orders-low\" in the EU (Ireland) region has entered the ALARM state, because \"Threshold Crossed: 3 datapoints [0.0 (06/12/26 09:45:00), 0.0 (06/12/26 09:40:00), 1.0 (06/12/26 09:35:00)] were less than the threshold (20.0).\"\nMetric: OrdersPlaced (Sum, 5 minutes). Same slot last Saturday: 118–135 per 5 minutes. Customers of the Christmas marzipan shop report that the basket empties itself at checkout.", Severity: ""}, 1, P1, "ordering stopped on tier 1"},

	// P2
	{"prosthetic component orders burn rate 21.6x", Signal{Title: "Grafana SLO: Fast burn – component-orders availability", Text: "SLO: component-orders availability 99.9% (28d)\nBurn rate (1h): 21.6x (threshold 14.4x)\nCurrent error ratio: 2.16% of order submissions from partner clinics fail with 504 from the pricing service; the other 97.8% go through.\nBudget remaining: 61%", Severity: "critical", Service: "component-orders"}, 1, P2, "about 2% failing; critical label and big burn number overstate"},
	{"stadtrundfahrt entwerter nur lissabon", Signal{Title: "Opsgenie: [P1] Entwerter Flotte Lissabon lehnen QR-Tickets ab", Text: "Seit 08:30 lehnen die Entwerter in den Bussen der Flotte Lissabon (1 von 6 Städten) QR-Tickets aus der App ab. Die Fahrer lassen Gäste nach Sichtkontrolle einsteigen. Barcelona, Berlin, Prag, Rom und Wien validieren normal.", Severity: "P1"}, 1, P2, "one city of six affected; P1 label overstates"},
	{"llama trek reminder sms tier 2 nagios", Signal{Title: "** PROBLEM Service Alert: reminders-01/SMS Gateway is CRITICAL **", Text: "***** Nagios *****\n\nNotification Type: PROBLEM\n\nService: SMS Gateway\nHost: reminders-01\nState: CRITICAL\n\nInfo:\nCRITICAL - Socket timeout after 10 seconds\n\nDate/Time: Sat Dec 6 07:02:11 CET 2026\n\nNo trek reminder texts have been sent since 06:00. Trek bookings and the guides' schedule are unaffected.", Severity: "CRITICAL"}, 2, P2, "full outage of a tier-2 service"},
	{"lobster stock sync queue 5h old", Signal{Title: "[Alerting] StockSyncStale pound-ops", Text: "Grafana alert rule 'stock sync queue age'\nValue: B=18720 (max(oldest_message_age_seconds{queue=\"stock-sync\"}))\nLabels: alertname=StockSyncStale, team=pound-ops, severity=critical\nThe wholesale shop shows live-tank stock from 5h12m ago. Orders are accepted and ship normally; a few restaurant buyers were promised sizes that have since sold out and get a substitution call.", Severity: "critical"}, 1, P2, "stale data, orders still work"},
	{"hair clinic consult booking p95 4.8s", Signal{Title: "[Triggered] consult-booking p95 latency above SLO", Text: "Avg of p95:trace.http.request.duration{service:consult-booking,env:prod} over the last 15m is 4.82s (threshold 0.8s). Error rate 0.02% (normal). Patients booking a consultation wait about 5 seconds per step, but bookings complete.", Severity: "P1", Service: "consult-booking"}, 1, P2, "slow beyond SLO without failures; P1 label overstates"},
	{"baguage export benevoles depot public", Signal{Title: "GitGuardian : export de la base bénévoles dans un dépôt public", Text: "Un export SQL de l'annuaire des bagueurs bénévoles du réseau de stations de baguage (noms, adresses personnelles et téléphones de 640 personnes) a été poussé dans un dépôt GitHub public il y a 4 jours. Le dépôt a été cloné 3 fois par des comptes inconnus.", Severity: "info"}, 3, P2, "exposure of personal data on a tier-3 service"},
	{"sake checkout austrian vat wrong", Signal{Title: "Sentry: TaxRateMismatch in sake-checkout (AT orders)", Text: "Orders shipped to Austria are charged 19% German VAT instead of 20%. 61 orders of about 2,400 today (2.5%) are affected; every other destination is taxed correctly.", Severity: "error", Service: "sake-checkout"}, 1, P2, "wrong values for a minority"},
	{"mahjong one parlour table map", Signal{Title: "PagerDuty: Sev1 - Table map fails to load for tenant 'Casa Dragão Vermelho'", Text: "The reservation platform hosts 48 mahjong parlours. Since 14:20 the table map for tenant casa-dragao-vermelho returns 500 (floor-plan JSON corrupted by a manual edit), so guests of that parlour can't pick a table online. The other 47 parlours are fine.", Severity: "Sev1"}, 1, P2, "one tenant of many; Sev1 label overstates"},
	{"canteen meal plan top-up 3 percent", Signal{Title: "Sentry: TopUpDeclined: issuer timeout (meal-plan-topup)", Text: "312 events in the last hour, 297 users affected. meal-plan-topup handled 10,400 top-ups in the same hour, so about 3% fail; the rest complete. Students see 'try again later' when loading credit onto their card.", Severity: "error"}, 1, P2, "1-5% failing"},
	{"parquet fotos de obra borradas tier 2", Signal{Title: "Incidencia: fotos de obra perdidas en la app de instaladores de parquet", Text: "Una regla de ciclo de vida mal configurada en el bucket job-photos borró de forma definitiva las fotos de obra subidas el 3 y el 4 de diciembre (unas 1.150 fotos de 87 obras). No hay versiones anteriores ni copia. La app de instaladores sigue funcionando.", Severity: "baja"}, 2, P2, "data loss on a tier-2 service"},

	// P3
	{"bollenshop ssl expiry in 12 days", Signal{Title: "UptimeRobot: SSL certificate for bulbs.example.nl expires in 12 days", Text: "Monitor 'Bollenshop HTTPS': the SSL certificate expires on 2026-12-18. The automatic renewal on 2026-12-04 failed (DNS challenge timeout) and retries daily. The site is up, 100% uptime over the last 7 days.", Severity: "urgent"}, 1, P3, "risk only, nothing failing"},
	{"lama bestaetigungsmail bild verzerrt", Signal{Title: "Bestätigungsmail Lama-Trekking: Titelbild verzerrt", Text: "In der Buchungsbestätigung wird das Lama-Titelbild in Outlook gestaucht dargestellt. Datum, Uhrzeit, Treffpunkt und Preis stimmen, die Mails kommen an.", Severity: "hoch"}, 1, P3, "cosmetic only"},
	{"sheet music royalty dashboard internal icinga", Signal{Title: "Icinga2: royalty-dash/http is CRITICAL", Text: "***** Service Monitoring on icinga-master *****\n\nroyalty-dash/http is CRITICAL!\n\nInfo: HTTP CRITICAL: HTTP/1.1 502 Bad Gateway - 312 bytes in 0.004 second response time\n\nThe royalty dashboard is used only by our editors to check composer statements once a month; the score shop and downloads do not depend on it.", Severity: "CRITICAL"}, 1, P3, "internal tool only"},
	{"loja de pesca cesto 0,4 por cento", Signal{Title: "New Relic: erros ao adicionar ao cesto na loja de pesca 0,4%", Text: "Condição 'cart errors > 0.25%' aberta: 0,4% dos POST /basket/items (57 de 14.300 na última hora) devolveram 503. O front-end repete o pedido uma vez automaticamente e a repetição teve sucesso em todos os traces analisados.", Severity: "P2"}, 1, P3, "under 1% with retries working; P2 label overstates"},
	{"baguage formulaire reprise tier 3 statuspage", Signal{Title: "Statuspage : Formulaire de reprise de bague – Panne majeure", Text: "Le composant « Formulaire de reprise de bague » (signalements d'oiseaux bagués envoyés par le public) est passé de Opérationnel à Panne majeure. Le formulaire renvoie une erreur 503 depuis 06:30. Les données déjà saisies sont intactes et rien n'est exposé.", Severity: "majeur"}, 3, P3, "tier-3 outage without data loss or exposure"},
	{"marzapane catalogo foto scambiate", Signal{Title: "Catalogo pasquale marzapane: foto scambiate", Text: "Nella pagina del catalogo di Pasqua le foto dell'agnello e della colomba di marzapane sono scambiate. Nomi, prezzi e ordini sono corretti. Nessuna fretta, si può sistemare lunedì.", Severity: "alta"}, 1, P3, "cosmetic; reporter says it can wait"},
	{"protesis prevision cola impresion 3d", Signal{Title: "Grafana: previsión de la cola de impresión 3D del taller de prótesis", Text: "Con el ritmo actual de encargos, la cola de impresión de encajes protésicos superará la capacidad de las 6 impresoras en unos 10 días. Hoy todos los trabajos salen en plazo y no hay fallos.", Severity: "alta"}, 1, P3, "forecast, nothing failing"},
	{"restaurant universitaire 2 refus sur 4100", Signal{Title: "Datadog : [Triggered] paiements carte refusés au restaurant universitaire", Text: "2 paiements sur 4 100 (0,05 %) refusés aux caisses du restaurant universitaire ce midi ; à chaque fois, le second passage de la carte a fonctionné.", Severity: "critical"}, 1, P3, "well under 1%, retry works; critical label overstates"},
	{"lobster tank webcam pingdom tier 3", Signal{Title: "Pingdom: DOWN alert: lobster-cam (cam.lobsterpound.example) is down", Text: "Reason: Timeout (> 30s). The live tank webcam page for visitors has been down since 11:14. It only streams the tanks; no customer data is involved and nothing is lost.", Severity: ""}, 3, P3, "tier-3 outage without data loss or exposure"},
	{"haarklinik dienstplan app intern langsam", Signal{Title: "Dienstplan-App der Haarklinik langsam", Text: "Die interne Dienstplan-App braucht seit gestern 10–15 Sekunden pro Seite. Nur die Praxisleitungen nutzen sie; Patientenportal und Terminbuchung sind nicht betroffen.", Severity: "kritisch"}, 1, P3, "internal tool only; kritisch label overstates"},
}

var chatterHeldout40 = []chatCase{
	// incidents
	{"hey, the hop-on bus app shows the Lisbon route map but the stops list is empty for me, anyone else?", true},
	{"not urgent at all, but one llama trek customer says her confirmation email never arrived (sat 10:00 trek)", true},
	{"oh fantastic, tackle shop search returns 'no results' for 'fly rod' again. love it 🙃", true},
	{"Die Sake-Verkostung lässt sich im Shop nicht mehr buchen, der Button ist seit dem Update ausgegraut", true},
	{"¿Soy yo o el TPV del comedor de Ciencias cobra el menú a 7,40 en vez de 5,20?", true},
	{"Les étiquettes du poste de baguage de Camargue sortent avec des numéros de bague en double", true},
	{"O ranking das mesas de mahjong parou de atualizar desde ontem à noite", true},
	{"marzipan order #88231 shows paid in stripe but not in the backoffice, 3rd one today", true},
	{"scale at the lobster pound packing station reads 0.0 kg no matter what goes on it", true},
	{"Il PDF della partitura acquistata si scarica vuoto, 0 byte, me lo segnalano due clienti", true},
	{"De bollen-webshop rekent sinds vanmiddag dubbele verzendkosten voor Duitsland", true},
	{"quick q - is the prosthetics fitting calendar supposed to show every appointment at 00:00? cause it does since this morning", true},
	{"the hair clinic before/after gallery just spins forever for patients, tried 3 browsers", true},
	{"parquet crew in Leeds says the job app logged them all out and won't take their PINs", true},
	{"heads up, the canteen menu screens in building C have been black since lunch", true},

	// chatter
	{"Planned: moving the tulip shop DB to the new cluster Tuesday 22:00–23:30, expect a read-only window", false},
	{"Handover: quiet night on the sightseeing fleet, no pages, 2 alerts auto-resolved, nothing open", false},
	{"How does the retry on the lobster-order webhook actually work? exponential backoff or does it just hammer?", false},
	{"the Great Sake Outage of 2024 is still my favourite postmortem to reread lol", false},
	{"Live today: 'Llama Drama' sunset treks are on the booking site 🦙🌅", false},
	{"why did the marzipan pig refuse to deploy on friday? afraid of getting roasted 🐷", false},
	{"Nice work on the canteen card rollout, zero complaints in week one 💪", false},
	{"Am Donnerstag proben wir den Failover im Haarklinik-Portal, bitte nicht erschrecken, wenn Alerts kommen", false},
	{"¿Alguien tiene el enlace a la guía de guardia de los talleres de prótesis?", false},
	{"Reunião de retrospectiva do incidente das mesas de mahjong de setembro: sexta às 15h", false},
	{"Petit rappel : le poste de baguage ferme pour l'hiver à partir du 15, on éteindra les capteurs nous-mêmes", false},
	{"Qualcuno sa se il nuovo catalogo di spartiti esce lunedì o mercoledì?", false},
	{"Wat is eigenlijk het verschil tussen een P2- en een P3-escalatie bij de bollenexport? Staat niet in het runbook", false},
	{"Shoutout to the tackle shop on-call for catching that expiring API key last month before it broke anything", false},
	{"Who wants to pair on the parquet quoting dashboard redesign tomorrow? coffee's on me ☕", false},
}

func TestSeverityWorldHeldout40(t *testing.T) {
	runSevSample(t, "severity held-out 40", severityHeldout40)
}

func TestChatterWorldHeldout40(t *testing.T) {
	runChatSample(t, "chatter held-out 40", chatterHeldout40)
}
