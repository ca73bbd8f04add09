// heldout20_test.go is a twentieth sample of severity (30) and chatter (30)
// cases, written by a helper that did not read the rules (Prometheus
// Alertmanager, Grafana, Datadog, PagerDuty, Zabbix, Opsgenie, Sentry,
// CloudWatch, Pingdom, StatusCake, Better Stack, Checkmk, Elastic Security,
// AWS GuardDuty and GitGuardian wording), after the eighteenth sample's
// fixes. First run: severity 23/30, chatter 22/30. The classes: a success
// ratio with a Prometheus label set between name and value; a bucket "made
// public" and files downloaded "by anonymous IPs"; a premium applied twice,
// "overstated" invoices, the adult price charged for a child's package; a
// typo in German read as errors ("Tippfehler") and "rein kosmetisch"; in
// chat "is frozen" (a weaker "frozen" took the words first: overlapping
// readings of one kind now go to the stronger), "every reading twice",
// "has duplicates", "en double", blank receipts, "returns zero results",
// Italian "bloccate ... da un'ora", Dutch "niet leverbaar". After those:
// severity 28/30, chatter 29/30 (left: timeouts of 0.4 % and late pushes of
// 0.2 % still read as degraded, and a price absurd only to someone who
// knows the watch). It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: ferries, pawn shops, tattoo studios, wine auctions, blood-pressure telemonitoring, ski rental, land registry, recycling centres, laundromats, driving schools, translation agencies, zoo feeding logs, bowling alleys, organic box schemes, climbing gyms.
package triage

import "testing"

var severityHeldout20 = []sevCase{
	// P1
	{"ferry checkout success 0.37", Signal{Title: "[FIRING:1] FerryCheckoutSuccessRatioLow (ferry-booking prod)", Text: "checkout_success_ratio{service=\"ferry-booking\",env=\"prod\"} = 0.37 for 10m (usual 0.99). Runbook: ferry-booking/checkout.", Severity: "warning", Service: "ferry-booking"}, 1, P1, "63% of checkouts failing on tier 1; warning label understates"},
	{"pawn KYC bucket public", Signal{Title: "GuardDuty finding: Policy:S3/BucketAnonymousAccessGranted on pawnvault-kyc-scans", Text: "Bucket pawnvault-kyc-scans was made public by a Terraform change at 11:02. Access logs show 12,400 customer ID scans listed and 3,100 downloaded by anonymous IPs in the last 2h.", Severity: "LOW"}, 0, P1, "customer ID documents exposed on unknown-tier service (judged tier 1)"},
	{"wine auction premium twice", Signal{Title: "Datadog: invoice_total / hammer_price ratio anomaly", Text: "Since the 09:10 release every invoice applies the 18% buyer's premium twice; all 312 invoices issued today are overstated and the buyers' cards were charged the inflated amount.", Severity: "info", Service: "auction-invoicing"}, 1, P1, "wrong amounts charged to every buyer on tier 1"},
	{"BP readings discarded", Signal{Title: "Grafana Alert: bp_readings_stored_total stagniert", Text: "Seit dem Schema-Update um 02:10 hat der Import-Worker alle eingehenden Blutdruckmessungen verworfen, statt sie zu speichern. Rund 18.400 Messungen von 2.900 Patientinnen und Patienten sind weg; die Geräte löschen die Werte nach der Übertragung, eine Wiederherstellung ist nicht möglich.", Severity: "warning", Service: "bp-telemonitoring"}, 1, P1, "unrecoverable patient data loss on tier 1"},
	{"ski rental site down", Signal{Title: "Pingdom : location-ski.fr est DOWN", Text: "Le site de location de skis ne répond plus depuis 08h40 : toutes les sondes (Paris, Genève, Milan) tombent en timeout et on est à zéro réservation depuis, alors qu'on en fait d'habitude une soixantaine par heure à cette période.", Severity: ""}, 0, P1, "whole rental site down, unknown tier judged tier 1, no label"},
	{"land registry API key leaked", Signal{Title: "GitGuardian: clave API de producción del Registro expuesta", Text: "La clave API de producción del servicio de notas simples lleva 5 horas en un repositorio público de GitHub. En los logs hay 2.300 descargas de notas simples con nombres y DNI de titulares desde IPs que no son nuestras.", Severity: "medium", Service: "notas-simples-api"}, 1, P1, "leaked credential used to exfiltrate owner data"},
	{"laundromat 212 of 220 starts", Signal{Title: "Opsgenie alert: WashStartPaymentFailures", Text: "212 of 220 machine-start payments in the last 30 min failed across all 40 laundromats (gateway timeout). Customers cannot start a washer or dryer.", Severity: "P3", Service: "washpay"}, 1, P1, "96% of payments failing on tier 1; Opsgenie P3 label is wrong"},
	{"tattoo accounts taken over", Signal{Title: "Elastic Security: Multiple successful logins from single ASN followed by email change", Text: "340 customer accounts on the studio booking platform were logged into with stuffed credentials from AS20473 and had email and refund card changed; 27 deposit refunds have already been paid to the attacker's cards.", Severity: "critical", Service: "inkbook-accounts"}, 1, P1, "account takeover with money lost on tier 1"},
	{"driving exam booking 11.8 pct", Signal{Title: "Zabbix problem: rijexamen-boeking HTTP 5xx ratio > 5%", Text: "Probleemwaarde: 11,8% (drempel 5%). Sinds 10:15 krijgt ongeveer één op de acht leerlingen een 502 bij het inplannen van het praktijkexamen.", Severity: "Average", Service: "rijexamen-boeking"}, 1, P1, "about 12% of requests failing, above 5%, on tier 1"},
	{"box scheme auth 118 per min", Signal{Title: "[Triggered] boxscheme-checkout payment_authorizations anomaly", Text: "payment_authorizations.failed 118/min (baseline 2/min), payment_authorizations.succeeded 4/min (baseline 96/min) for the last 20 min.", Severity: "warning", Service: "boxscheme-checkout"}, 1, P1, "about 97% of payment authorisations failing on tier 1"},

	// P2
	{"ferry timetable p99 4.8s", Signal{Title: "[Alerting] ferry-timetable-api latency SLO burn", Text: "histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{app=\"ferry-timetable-api\"}[5m])) = 4.8s, SLO 1.5s, for 25m. http_requests_error_ratio = 0.000; every request completes, just slowly.", Severity: "critical", Service: "ferry-timetable-api"}, 1, P2, "slow beyond SLO without failures"},
	{"recycling fill levels stale", Signal{Title: "Checkmk: CRIT - recycling-app fill-level feed age 6h 12m", Text: "The public recycling centre app still shows container fill levels and queue times from the 06:00 refresh; the feed has not updated since. The app loads fine and nothing is erroring, the data is just stale.", Severity: "CRIT", Service: "recycling-app"}, 1, P2, "stale customer-facing data, nothing failing"},
	{"translation uploads 46 of 2000", Signal{Title: "[Triggered] translation-portal document upload errors 2.3%", Text: "46 of 2,000 document uploads failed in the last hour (2.3%, baseline 0.2%) with HTTP 413 from the new proxy; the remaining uploads go through.", Severity: "critical", Service: "translation-portal"}, 1, P2, "2.3% failing, within 1-5%"},
	{"bowling Ghent venue only", Signal{Title: "Opsgenie: Lane booking offline - Ghent venue", Text: "Online and kiosk lane booking for the Ghent venue return errors since 18:05; the other 23 venues are booking normally. Ghent staff are taking bookings at the desk.", Severity: "P1", Service: "lane-booking"}, 1, P2, "one site of 24 affected"},
	{"pawn loan reminder SMS down", Signal{Title: "PagerDuty: loan-reminder-sms is DOWN", Text: "The loan renewal reminder SMS service has failed 100% of sends since 07:00 (SMS provider returns 401). Loans can still be renewed in shop and online.", Severity: "critical", Service: "loan-reminder-sms"}, 2, P2, "full outage of a tier-2 service"},
	{"wine lots in AUD mispriced", Signal{Title: "Subastas: precios de salida erróneos en lotes en AUD", Text: "Los lotes de vinos australianos tasados en dólares australianos muestran el precio de salida con el tipo de cambio de hace tres semanas: unos 40 de los 1.800 lotes de la subasta de esta noche salen un 8 % más baratos. El resto de lotes está bien.", Severity: "info"}, 1, P2, "wrong prices for a small subset of lots"},
	{"ski FAMILY code adult price", Signal{Title: "Ski rental: kids' packages charged at adult price with FAMILY code", Text: "Orders using promo code FAMILY are charged the adult price for the kids' ski package: 23 of about 1,000 orders today. All other orders are priced correctly.", Severity: "low", Service: "ski-rental-shop"}, 1, P2, "wrong amounts for some customers (~2%)"},
	{"laundromat card fails 3.1 pct", Signal{Title: "Datadog : taux d'échec des paiements CB en laverie à 3,1 %", Text: "Depuis la mise à jour du firmware des terminaux, 3,1 % des paiements par carte échouent (habituellement 0,3 %). Les clients concernés réessaient ou passent par l'appli, la grande majorité des lavages démarre normalement.", Severity: "major", Service: "washpay-terminals"}, 1, P2, "3.1% failing is degraded"},
	{"tattoo Porto studio only", Signal{Title: "Better Stack: agendamento-porto com falhas", Text: "Apenas o estúdio do Porto (1 de 17) está afetado: o agendamento online devolve erro 500 para as marcações dessa loja desde as 14h. Os outros 16 estúdios funcionam normalmente.", Severity: "crítica", Service: "inkbook-scheduling"}, 1, P2, "one small site affected"},
	{"driving lessons 1.8 pct 500", Signal{Title: "Checkmk: CRIT - autoscuola-prenotazioni HTTP 5xx 1,8%", Text: "Servizio prenotazione guide: l'1,8% delle richieste restituisce 500 negli ultimi 30 minuti (di solito 0,1%). Quasi tutti gli allievi riescono comunque a prenotare.", Severity: "CRIT", Service: "autoscuola-prenotazioni"}, 1, P2, "1.8% failing is degraded"},

	// P3
	{"zoo feeding log export", Signal{Title: "CloudWatch ALARM: zoo-feeding-log-export FailedInvocations >= 1", Text: "The nightly export of the keepers' feeding log to the vet team's spreadsheet failed (Lambda timeout). Internal only: ticketing, the visitor app and the feeding-show schedule are unaffected. Tonight's run will pick it up.", Severity: "critical", Service: "feeding-log-export"}, 2, P3, "internal batch, no customer impact"},
	{"ferry footer weather badge", Signal{Title: "Sentry: TypeError: Cannot read properties of undefined (reading 'temp') in WeatherBadge", Text: "Seen 14,200 times in 1h on ferry-booking. The footer weather badge shows 'undefined°C'; search, seat selection and payment complete normally (checkout_success_ratio 0.997, same as last week).", Severity: "fatal", Service: "ferry-booking"}, 1, P3, "cosmetic glitch despite fatal label and event volume"},
	{"land registry disk forecast", Signal{Title: "[FIRING:1] PostgresDiskWillFillIn14Days (landreg-db-1)", Text: "predict_linear(node_filesystem_avail_bytes{mountpoint=\"/var/lib/postgresql\"}[6h], 14*86400) < 0. Currently 71% used, full in about 9 days at current growth. No errors, query latency normal.", Severity: "critical", Service: "landreg-db"}, 1, P3, "forecast only, nothing failing"},
	{"bowling leaderboard tier 3 down", Signal{Title: "StatusCake: bowling-league-leaderboard is DOWN", Text: "bowling-league-leaderboard returned HTTP 503 from all 5 test locations for 40 minutes.", Severity: "critical", Service: "bowling-league-leaderboard"}, 3, P3, "outage of a tier-3 service, no breach or loss"},
	{"box scheme autocomplete 0.4 pct", Signal{Title: "[Warn] address-autocomplete timeout rate 0.4%", Text: "0.4% of postcode autocomplete requests time out (p99 1.1s). Customers can type the address by hand and checkout conversion is unchanged.", Severity: "high", Service: "address-autocomplete"}, 1, P3, "under 1% of a helper feature failing"},
	{"pawn appraiser report missing", Signal{Title: "Zabbix: fallo en el informe de inventario para tasadores", Text: "El informe interno de inventario que usan los tasadores no se generó anoche. Ningún cliente lo ve y las tiendas funcionan con normalidad; lo relanzamos el lunes, puede esperar.", Severity: "Disaster"}, 2, P3, "internal report, reporter says it can wait"},
	{"recycling calendar typo", Signal{Title: "Kritisch: Tippfehler im Abfuhrkalender", Text: "Im Abfuhrkalender der Wertstoffhöfe steht seit dem Release \"Glascontainter\" statt \"Glascontainer\". Rein kosmetisch, Termine und Buchungen stimmen.", Severity: "critical", Service: "recycling-app"}, 1, P3, "cosmetic typo with a loud label"},
	{"wine auction TLS expiry", Signal{Title: "Better Stack: SSL certificate for bid.vinauction.example expires in 21 days", Text: "Certificate expires on 2026-12-26. Nothing is failing yet; renewal is already scheduled for next week.", Severity: "critical", Service: "bid-site"}, 1, P3, "forecast with nothing failing"},
	{"laundromat late push 0.2 pct", Signal{Title: "Opsgenie: notifiche 'lavaggio terminato' in ritardo", Text: "Lo 0,2% delle notifiche push 'lavaggio terminato' arriva con più di 5 minuti di ritardo; tutte le altre arrivano in tempo e i pagamenti funzionano.", Severity: "P1", Service: "washpay-notify"}, 1, P3, "0.2% affected, under 1%"},
	{"translators time tracking slow", Signal{Title: "Urenregistratie vertalers traag", Text: "De interne urenregistratie laadt traag (8 s per pagina). Alleen het planningsteam gebruikt hem, klanten merken er niets van; dit kan tot maandag wachten.", Severity: "low", Service: "urenregistratie"}, 3, P3, "internal-only tool, can wait"},
}

var chatterHeldout20 = []chatCase{
	// incidents
	{"is it just me or is the ferry booking page taking forever to load return sailings?", true},
	{"lol the pawn shop valuation tool just quoted a Rolex Submariner at €3 again 🙃", true},
	{"not urgent but the tattoo studio deposit confirmation emails haven't been arriving since Tuesday", true},
	{"wine auction live bidding feed is frozen on lot 214, bidders are refreshing like mad", true},
	{"anyone else seeing every BP reading twice in the telemonitoring dashboard? each patient has duplicates since noon", true},
	{"ski rental kiosk in Val Thorens keeps spitting out blank receipts 🤷", true},
	{"great, land registry search now returns zero results for every parcel. love that for us", true},
	{"recycling pickup reminders went out with the wrong day for district 4, people are already calling", true},
	{"ngl the climbing gym check-in scanner is super laggy rn, like 20s per member", true},
	{"¿Soy el único al que la app de la lavandería no le deja pagar con tarjeta? Se queda cargando y no pasa nada", true},
	{"Die Fahrschul-App zeigt seit heute früh keine freien Fahrstunden mehr an, obwohl die Fahrlehrer alle verfügbar sind", true},
	{"Les devis de l'agence de traduction partent en double chez les clients depuis ce matin, c'est normal ?", true},
	{"O registo de alimentação do zoo não sincroniza, os tratadores estão a apontar tudo em papel desde as 9h", true},
	{"Le prenotazioni delle piste del bowling sono bloccate su 'in attesa' da un'ora, qualcuno ci dà un'occhiata?", true},
	{"De groentepakketten van deze week staan allemaal op 'niet leverbaar' in de webshop, terwijl het magazijn vol ligt", true},

	// chatter
	{"Who's bringing the cake for Marta's farewell on Friday? 🎂", false},
	{"Reminder: planned maintenance on the ferry booking database Sunday 02:00–04:00 CET, no action needed", false},
	{"Postmortem for last week's pawn shop payments outage is up in Confluence, comments welcome", false},
	{"Thanks everyone for jumping on the wine auction incident yesterday, great teamwork 🙏", false},
	{"All clear — telemonitoring uploads are flowing normally again, closing INC-4471", false},
	{"Our new tattoo promo 'Total Blackout Sleeve Week' goes live Monday!", false},
	{"How do I get read access to the land registry Grafana folder?", false},
	{"Why did the laundromat server never crash? It always had a good spin cycle 🌀", false},
	{"The ski rental 'Avalanche of Deals' sale launches Saturday ❄️", false},
	{"Recordatorio: la retro del incidente de la lavandería es mañana a las 11 en la sala grande", false},
	{"Weiß jemand, wer diese Woche Rufbereitschaft für die Fahrschul-Plattform hat?", false},
	{"Bravo à l'équipe 'Panne Sèche' qui a gagné le tournoi de bowling hier soir 🎳", false},
	{"Alguém sabe se a reunião de planeamento de sexta foi adiada?", false},
	{"Manutenzione programmata del portale delle aste di vino giovedì dalle 22 alle 23", false},
	{"Dank jullie wel voor de snelle fix van gisteren, de recyclingapp draait weer prima", false},
}

func TestSeverityWorldHeldout20(t *testing.T) {
	runSevSample(t, "severity held-out 20", severityHeldout20)
}

func TestChatterWorldHeldout20(t *testing.T) {
	runChatSample(t, "chatter held-out 20", chatterHeldout20)
}
