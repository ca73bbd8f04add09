package triage

// heldout36_test.go is a thirty-sixth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, as a normal
// week's alerts and chat. Impact is given as rates falling to zero, SLO
// burn rates, apdex, queue ages, login success against a baseline, "n of
// m", "nine in ten" and shares in several languages; labels mislead both
// ways, and product names ("Total Outage" IPA) are decoys.
//
// First run: severity 13/30, chatter 20/30 (every chatter miss an incident
// read as chatter). The classes: a flow reading zero beside its usual level
// (a rate, a count of datapoints, "0 ... against about N"); an SLO burn
// rate written without a verb ("burn rate 36.2x"), and "slow burn" naming
// how the budget burns, not slowness; charged one amount instead of
// another, a fee left out, priced too low; a picture cropped or stretched
// is cosmetic; production said to be unaffected; "1 van de 38" with a
// determiner; work that arrives N minutes late; German "ohne Anmeldung
// abrufbar" and its neighbours as public exposure; Spanish "no hay
// errores" as a denial; Italian tables emptied and records "sono persi";
// in chat, "took 40s", "crawling", something vanished from an account,
// one thing listed twice or the same seats sold twice, VAT added twice,
// a product showing "full" while the room is half empty, Italian "pagina
// bianca", Portuguese "a marcar 0". Left: Swedish and Polish (not among
// the languages the product promises), a product named "Total Outage".
// After: severity 27/30, chatter 27/30. It has tuned rules since, so it
// is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: vinyl record pressing plants, cat cafés, laser eye clinics, beer festivals, cork harvesters, pasta factories, yoga studios, wig makers, typewriter repair shops, model aircraft clubs, ballet companies, motorhome rental, hay merchants, dinosaur theme parks, sushi bars.

import "testing"

var severityHeldout36 = []sevCase{
	// P1
	{"vinyl label portal order submissions zero", Signal{Title: "[FIRING:1] TestPressingOrdersStalled groove-portal (prod-eu)", Text: "summary: no test-pressing orders submitted\ndescription: rate(groove_orders_submitted_total[10m]) has been 0 for 25m; the same hour last week averaged 0.6/min. Record labels get 'Could not save order' on the last step of the order form.", Severity: "warning", Service: "groove-portal"}, 1, P1, "ordering stopped for everyone on tier 1; warning label understates"},
	{"cat cafe reservation slo burn 36x", Signal{Title: "Pyrra: ErrorBudgetBurn purrfect-reservations availability", Text: "slo=\"reservations-availability\" objective=99.5% long=1h short=5m\nBurn rate 36.2x on the 1h window and 41x on the 5m window. Guests booking a table at the cat cafés get 503 from POST /reservations.", Severity: "page"}, 1, P1, "36x burn on a 99.5% objective is about 18% of reservations failing"},
	{"augenlaserklinik befunde oeffentlich", Signal{Title: "AWS Security Hub: S3-Bucket clearsight-befunde öffentlich lesbar", Text: "Der Bucket clearsight-befunde mit den Voruntersuchungsbefunden der Augenlaserklinik war seit dem 28.11. ohne Anmeldung abrufbar. Die Zugriffsprotokolle zeigen rund 23.000 Downloads von fremden Adressen; betroffen sind Name, Geburtsdatum und Hornhautmessungen von etwa 9.100 Patientinnen und Patienten.", Severity: "informational"}, 1, P1, "patient data exposed on tier 1; informational label wrong"},
	{"olfestival entre alla biljetter ogiltiga", Signal{Title: "Opsgenie: Biljettskanning vid entrén avvisar allt", Text: "Sedan insläppet öppnade 16:00 visar skannrarna vid alla fyra entréer 'Ogiltig biljett' för varje biljett. Ingen besökare har kommit in via skanning; personalen släpper in manuellt mot gästlista och kön är 600 meter lång.", Severity: "låg"}, 1, P1, "entry broken for everyone on tier 1; low label wrong"},
	{"makaron hurt zamowienia 9 na 10", Signal{Title: "Zabbix: Problem: portal zamówień hurtowych – błędy 503", Text: "Od 07:45 dziewięć na dziesięć zamówień składanych przez hurtownie w portalu fabryki makaronu kończy się błędem 503. Hurtownie dzwonią, że nie mogą zamówić dostaw na weekend.", Severity: "Average"}, 1, P1, "nine in ten orders failing on tier 1"},
	{"yoga membership renewal charged tenfold", Signal{Title: "PagerDuty: [billing-worker] renewal amounts 10x expected", Text: "The December membership renewal run charged €450.00 instead of €45.00 to 1,874 members of the yoga studios, a decimal shift in the new price table. Refund requests are arriving through every channel.", Severity: "P3"}, 1, P1, "money charged wrongly to many; P3 label wrong"},
	{"motorhome login success 31 percent", Signal{Title: "Datadog: [Warn] roamhome-auth login success rate 31.4% (baseline 98.9%)", Text: "Monitor 'login success rate' on roamhome-auth is at 31.4% over the last 15 min. Renters signing in to check in or extend their motorhome rental get 'Something went wrong'.", Severity: "warning"}, 1, P1, "about two thirds of logins failing on tier 1"},
	{"dino park ticket payments zero", Signal{Title: "ALARM: \"jurassic-tickets-payments-succeeded-low\" in US East (N. Virginia)", Text: "Threshold Crossed: 5 out of the last 5 datapoints [0.0 (06/12/26 10:00:00), 0.0 (06/12/26 09:55:00), 0.0, 0.0, 0.0] were less than the threshold (20.0). Metric PaymentsSucceeded (Sum, 5 minutes); on a Saturday morning it is normally 130-160 per period.", Severity: ""}, 1, P1, "no ticket payments succeeding on tier 1"},
	{"sushi livraison aucune commande", Signal{Title: "Statuspage : Commande en ligne – Dégradation mineure", Text: "Aucune commande de livraison n'aboutit depuis 19h10 : 0 commande validée en 40 minutes contre environ 260 un vendredi soir normal. Les clients restent bloqués sur « Paiement en cours ».", Severity: "mineure"}, 1, P1, "ordering fully stopped on tier 1; minor label wrong"},
	{"parrucche profili clienti persi", Signal{Title: "Opsgenie: tabella misure clienti svuotata dopo la migrazione", Text: "La migrazione delle 03:00 ha svuotato la tabella con misure e profili dei clienti del laboratorio di parrucche. 6.800 profili (misure della testa, foto, note mediche sull'alopecia) sono persi; l'ultimo backup valido risale a 5 settimane fa.", Severity: "P4"}, 1, P1, "customer data lost on tier 1; P4 label wrong"},

	// P2
	{"vinyl one pressing plant of three", Signal{Title: "[FIRING:1] PlantOrderRoutingErrors groove-portal plant=nashville", Text: "summary: orders routed to the Nashville plant fail\ndescription: Orders assigned to the Nashville pressing plant (1 of 3) fail at scheduling with 'plant capacity unavailable'. Orders for Leipzig and Hull schedule normally.", Severity: "critical", Service: "groove-portal"}, 1, P2, "one site of three affected"},
	{"cat cafe loyalty points lag", Signal{Title: "Grafana alert: loyalty-sync lag 5h12m", Text: "[Alerting] loyalty_sync_lag_seconds = 18720 for 30m. Paw-points balances in the cat café app are about five hours behind. Visits still earn points and redemptions go through; there are no errors, balances just update late.", Severity: "critical"}, 1, P2, "stale data without failures"},
	{"laser clinic scheduling apdex low no errors", Signal{Title: "New Relic: Apdex below 0.5 on clearsight-scheduling", Text: "Apdex 0.46 (T=0.5s, target 0.90) for the last 20 minutes on clearsight-scheduling. Error rate 0%; appointments are booked successfully but pages take 4-7 s to load.", Severity: "critical"}, 1, P2, "slow beyond target without failures"},
	{"festival cerveza recargas pulsera 3,4 por ciento", Signal{Title: "Datadog: [Triggered] Recargas de pulsera fallidas 3,4 %", Text: "El 3,4 % de las recargas de saldo de las pulseras cashless del festival de cerveza falla con 'timeout del banco' en los últimos 30 minutos (212 de 6.240). El resto se procesa con normalidad.", Severity: "crítica"}, 1, P2, "1-5% failing; critical label overstates"},
	{"pasta durum supplier portal down tier 2", Signal{Title: "Nagios: CRITICAL - durum-supplier-portal HTTP", Text: "CRITICAL - Socket timeout after 10 seconds. The portal where farmers book durum wheat deliveries to the pasta factory has been unreachable for every supplier for 70 minutes. Production lines run on stock.", Severity: "CRITICAL"}, 2, P2, "full outage of a tier-2 service"},
	{"yoga studio gent check-in", Signal{Title: "Incheck bij yogastudio Gent werkt niet", Text: "Leden kunnen sinds 09:00 niet inchecken voor lessen in de studio in Gent (1 van de 38 studio's op het platform). Alle andere studio's checken normaal in.", Severity: "P1"}, 1, P2, "one tenant of many; P1 label overstates"},
	{"motorhome one way fee missing minority", Signal{Title: "Sentry: [pricing] OneWayFeeNotApplied in quote_builder", Text: "Quotes for one-way rentals ending in Faro leave out the €250 drop-off fee, so about 2.5% of this week's bookings are priced too low. Round-trip quotes and all other drop-off cities are correct.", Severity: "high"}, 1, P2, "wrong values for a minority"},
	{"dino park volunteer site leak tier 3", Signal{Title: "Have I Been Pwned: volunteers.dinopark.example found in a paste", Text: "A paste on a public forum holds the full export of the volunteer sign-up site (name, email and phone of 950 volunteers). Web logs confirm the export endpoint was called without authentication on 2 Dec.", Severity: "low"}, 3, P2, "breach on a tier-3 service"},
	{"sushi regiao porto encomendas", Signal{Title: "Opsgenie: Encomendas na região do Porto falham", Text: "Desde as 12:30 as encomendas de sushi para entrega na região do Porto (1 de 5 regiões) falham ao atribuir estafeta. Lisboa, Braga, Coimbra e Algarve funcionam normalmente.", Severity: "P1"}, 1, P2, "one region of several; P1 label overstates"},
	{"typewriter repair intake queue age", Signal{Title: "ALARM: \"repair-intake-ApproximateAgeOfOldestMessage\" in EU (Ireland)", Text: "Threshold Crossed: 3 out of the last 3 datapoints [2810.0, 2950.0, 3090.0] were greater than the threshold (300.0). Repair requests on the typewriter repair site are accepted, but the confirmation email and quote arrive about 50 minutes late; none have failed.", Severity: "critical"}, 1, P2, "delayed beyond objective without failures"},

	// P3
	{"ballet cast page headshots cropped", Signal{Title: "Sentry: [cast-pages] ImageCropWarning", Text: "Dancer headshots on the 'Nutcracker' cast page are cropped at the forehead on mobile. Ticket sales, seat selection and e-tickets are unaffected.", Severity: "critical"}, 1, P3, "cosmetic only; critical label overstates"},
	{"model aircraft club forum down tier 3", Signal{Title: "[Club forum] [🔴 Down] timeout of 48000ms exceeded", Text: "The members' forum of the model aircraft club has been down for 2h 15m. The posts are in the database, which is healthy; nothing lost or exposed.", Severity: "P1"}, 3, P3, "tier-3 outage without loss or exposure"},
	{"heno certificado tls caduca 12 dias", Signal{Title: "Checkly: el certificado TLS de pedidos.heno.example caduca en 12 días", Text: "El certificado del portal de pedidos de heno y paja caduca el 18/12. La renovación automática falló una vez; hoy todo funciona y no hay errores.", Severity: "alta"}, 1, P3, "risk only, nothing failing yet"},
	{"cortica gps equipas interno", Signal{Title: "Zabbix: Problem: painel GPS das equipas de descortiçamento indisponível", Text: "O painel interno que mostra a posição das equipas de tiradores de cortiça no montado está em baixo. Só os encarregados o usam; vendas e expedição de cortiça não são afetadas.", Severity: "Disaster"}, 1, P3, "internal tool only; Disaster label overstates"},
	{"vinyl shop checkout 0.4 percent 502", Signal{Title: "Honeycomb trigger: checkout 502s 0.4%", Text: "0.4% of checkout requests on the record shop returned 502 in the last hour (38 of 9,450). The client retries automatically and every one of those orders completed.", Severity: "critical"}, 1, P3, "under 1% failing with retries working"},
	{"sushi sales export can wait", Signal{Title: "Jira SD: nightly sales export to accountant failed", Text: "Last night's CSV export of till sales for the accountant failed with a disk quota error. Tills and online orders are fine. The accountant only needs it for the month-end close on the 31st, so this can wait until next week.", Severity: "high"}, 1, P3, "internal export; reporter says it can wait"},
	{"pruiken pasfoto uploads 7 van 5200", Signal{Title: "Elastic APM: fouten bij uploaden pasfoto's", Text: "7 van de 5.200 uploads van pasfoto's voor de virtuele pruikpaskamer mislukten vandaag (0,13%); opnieuw proberen lukte telkens. Bestellen en betalen werken normaal.", Severity: "major"}, 1, P3, "under 1% failing with retries working"},
	{"dino park slow burn 2x", Signal{Title: "Sloth: JurassicTicketsAvailability slow burn (ticket)", Text: "Error budget burn rate 2.1x over 3d against a 99.9% objective on the ticket API. The mobile app retries and purchases complete; 61% of the monthly budget remains.", Severity: "warning"}, 1, P3, "2.1x burn on 99.9% is about 0.2% failing, retries work"},
	{"laser clinic staging crashloop", Signal{Title: "[FIRING:3] KubePodCrashLooping namespace=clearsight-staging", Text: "summary: staging pods crash looping\ndescription: Pods of clearsight-portal in the staging namespace restart every 2 minutes since the 14:00 deploy of a test branch. Production is unaffected; only QA uses staging.", Severity: "critical"}, 1, P3, "internal-only environment"},
	{"beer festival total outage ipa image", Signal{Title: "Bug report: 'Total Outage' double IPA tile stretched on tap list", Text: "On the festival's tap list page the picture for the 'Total Outage' double IPA is stretched sideways. Name, price, ABV and ordering are correct.", Severity: "P1"}, 1, P3, "cosmetic; product name and P1 label mislead"},
}

var chatterHeldout36 = []chatCase{
	// incidents
	{"anyone else getting bounced back to the login screen in the motorhome app right after the 2fa code? happened to me 3x now", true},
	{"no rush, but the test-pressing tracker says 'shipped' for orders that are still sitting on the shelf here in Hull", true},
	{"hmm the cat café booking widget shows every slot for saturday as full but the room is half empty", true},
	{"is it me or is the laser clinic patient portal crawling today? took 40s to open my results", true},
	{"just one customer so far, but she says her yoga class pack vanished from her account after she changed her email", true},
	{"Kassorna i tält 3 på ölfestivalen tar inte kort sedan lunch, bara kontanter funkar", true},
	{"W aplikacji kamperów kalendarz pokazuje rezerwacje przesunięte o jeden dzień, klienci dzwonią", true},
	{"La app de sushi no deja aplicar el cupón de bienvenida, sale 'código inválido' aunque la cuenta sea nueva", true},
	{"Le formulaire de prise de mesures pour les perruques ne s'envoie plus, le bouton tourne dans le vide", true},
	{"A balança da linha 2 da fábrica de massa está a marcar 0 kg desde as 14h, mas a máquina continua a embalar", true},
	{"Im Dino-Park-Shop lassen sich Gutscheine zweimal einlösen, die Kasse merkt nicht, dass sie schon benutzt sind", true},
	{"the ballet seat map lists Row K twice and two people just bought the same seats lol", true},
	{"hay delivery drivers say the app crashes every time they try to upload the photo of the signed docket", true},
	{"Il sito del club di aeromodellismo dà una pagina bianca quando si prova a prenotare la pista", true},
	{"typewriter repair quotes are coming out with VAT added twice, a customer pointed it out this morning", true},

	// chatter
	{"FYI we're moving the vinyl order portal to the new k8s cluster Tuesday night, expect a 10 min read-only window", false},
	{"remember the wristband top-up mess at last year's beer festival? rereading the write-up, it was the DNS TTL all along", false},
	{"How does the yoga booking service decide who gets a waitlist spot, first come or membership tier?", false},
	{"huge shoutout to Priya for getting the laser clinic portal migration done without a single hiccup 🙌", false},
	{"We're live! 🦕 Night safari tickets for the dinosaur park went on sale this morning", false},
	{"anyone up for sushi friday? team lunch is on me", false},
	{"Nächsten Dienstag 06:00–07:00 ist Wartungsfenster für die Kassen im Dino-Park, die Kassen laufen offline weiter", false},
	{"¿Alguien tiene la plantilla nueva de postmortem? Quiero documentar lo del corte del portal de heno del mes pasado", false},
	{"Question pour l'équipe : quelle différence entre nos alertes 'warning' et 'critical' dans Opsgenie ?", false},
	{"Parabéns à equipa da fábrica de massa, 30 dias seguidos sem nenhum incidente 🍝", false},
	{"Morgen lanceren we de nieuwe pruikenwebshop, taart om 16u in de kantine 🎂", false},
	{"Przypomnienie: w sobotę między 2:00 a 3:00 aktualizacja systemu rezerwacji kamperów", false},
	{"the old ballet ticketing system gets switched off on the 15th, all traffic is already on the new one", false},
	{"retro notes from the model aircraft club site outage in august are in Confluence, main action item was alerting on cert expiry", false},
	{"Qualcuno sa come si mette un silence in Alertmanager solo per il cluster del cat café? 😺", false},
}

func TestSeverityWorldHeldout36(t *testing.T) {
	runSevSample(t, "severity held-out 36", severityHeldout36)
}

func TestChatterWorldHeldout36(t *testing.T) {
	runChatSample(t, "chatter held-out 36", chatterHeldout36)
}
