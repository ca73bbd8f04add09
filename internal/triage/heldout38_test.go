package triage

// heldout38_test.go is a thirty-eighth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, as a normal
// week's alerts and chat: throughput against last week, synthetic checks
// across locations, SLO burn and error budget, Apdex, queue age and
// conversion drops, in English, Spanish, German, French, Portuguese and a
// little Italian and Dutch, with source labels that mislead both ways.
//
// First run (after the thirty-sixth sample's fixes): severity 21/30,
// chatter 21/30 (every chatter miss an incident read as chatter). The
// classes: a rate far below its usual level ("0.4/min, same window last
// week 38/min"); a success ratio whose baseline follows a time window; an
// n-of-m with a decimal in the sentence, and a French "erreur" as failure
// context; "error budget 34% remaining" is no error ratio; charged "N
// times" and a count of orders charged reaching many; data "open to the
// internet"; a failure only a probe saw (passed on retry, real sales
// normal) and a risk beside "works normally" make vague failure words
// background. In chat: sent back to step 1, tried N times, just a
// spinner, half a label printed, a reading N degrees below another
// instrument, an error message quoted after a display verb, 0 points
// after three wins, a zero price, last year's date printed, German "ohne
// Anhang", Italian "stampa solo metà". After: severity 30/30, chatter
// 30/30. It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: mead breweries, zip-line parks, saffron growers, glassblowing studios, accordion repair shops, judo dojos, beach hut rental, hedge mazes, composting depots, insect protein farms, pickle makers, paddle steamer excursions, calligraphy schools, lacrosse leagues, event tent hire.

import "testing"

var severityHeldout38 = []sevCase{
	// P1
	{"mead shop order throughput vs last week", Signal{Title: "[FIRING:1] OrderThroughputCollapsed honeyhall-shop (prod)", Text: "summary: completed orders far below the same hour last week\ndescription: rate(orders_completed_total[10m]) = 0.4/min, same window last week 38/min. Cart and product pages load, but POST /checkout/confirm hangs until the gateway times out. Started 19:05, right after the newsletter for the Midsummer Mead release.", Severity: "warning", Service: "honeyhall-shop"}, 1, P1, "orders nearly stopped against last week on tier 1; warning label understates"},
	{"zip-line booking synthetics all locations", Signal{Title: "[Synthetics] Browser test 'Book a zip-line slot' failing in 6/6 locations", Text: "The test has failed 9 consecutive runs from Frankfurt, London, N. Virginia, Oregon, Sydney and Tokyo. Step 5 'Click Pay & confirm' times out after 60s. Real-user bookings in the last 30 minutes: 2 (a typical Saturday: ~140).", Severity: "P3"}, 1, P1, "booking broken everywhere on tier 1; P3 label is wrong"},
	{"azafran importes cobrados cien veces", Signal{Title: "Stripe: importes cobrados x100 en pedidos de azafrán", Text: "Tras actualizar la librería de monedas, los importes llegan a la pasarela en céntimos pero se cobran como euros. Los 1.870 pedidos desde el jueves se han cobrado por 100 veces su precio (un pedido de 12,50 € cobrado como 1.250 €). Varios bancos ya están bloqueando tarjetas de clientes.", Severity: "media"}, 1, P1, "money charged wrongly to many on tier 1"},
	{"glasblaeserei niemand kann sich anmelden", Signal{Title: "Keycloak: Anmeldung im Kundenportal der Glasbläserei schlägt fehl", Text: "Seit dem Zertifikatswechsel um 07:10 kann sich niemand mehr im Kundenportal anmelden (invalid_grant bei jedem Login-Versuch). Ohne Anmeldung können Kunden keine Glasblas-Workshops buchen oder bezahlen. 0 erfolgreiche Logins seit 07:10, sonst rund 300 pro Stunde.", Severity: "warning"}, 1, P1, "nobody can log in on tier 1; warning label understates"},
	{"cabines de plage apdex 7 sur 10", Signal{Title: "New Relic : Apdex réservation cabines de plage 0,21", Text: "L'Apdex de l'application de réservation des cabines de plage est tombé à 0,21 (cible 0,9). 7 réservations sur 10 se terminent par une erreur 504 depuis 40 minutes, alors que le week-end du 15 août est en vente.", Severity: "mineur"}, 1, P1, "most bookings failing on tier 1; mineur label is wrong"},
	{"labirinto catracas nenhum visitante", Signal{Title: "Catracas do labirinto rejeitam todos os bilhetes", Text: "Desde a abertura às 10h nenhum visitante consegue entrar no labirinto: as catracas respondem 'bilhete inválido' para cada código, inclusive os comprados na bilheteria. São 1.100 pessoas com bilhete para hoje.", Severity: "critical"}, 1, P1, "entry broken for everyone on tier 1"},
	{"cricket meal b2b slo burn 28x", Signal{Title: "[Sloth] SLO availability burn rate 28x - cricketmeal-b2b-orders", Text: "The 30-day availability SLO (99.5%) is burning at 28x; at this rate the whole error budget is gone in about 25 hours. Success ratio of order submissions over the last hour: 0.86. Feed-mill customers get 'order could not be saved'.", Severity: "ticket", Service: "cricketmeal-b2b-orders"}, 1, P1, "14% of orders failing on tier 1; ticket label understates"},
	{"lacrosse youth registrations exposed", Signal{Title: "GuardDuty: Elasticsearch domain 'youth-registrations' open to the internet", Text: "The youth lacrosse registration index (player names, dates of birth, guardian phone numbers, medical notes) has had an open access policy since a Terraform change on Monday. Access logs show 3 external IPs running _search scroll requests over all 48k documents.", Severity: "low"}, 1, P1, "customer data exposed on tier 1"},
	{"zuurwaren bestellingen weg na failover", Signal{Title: "Zabbix: Problem: pg-primary failover mislukt op zuurwaren-webshop", Text: "Na de mislukte failover van vannacht is de database teruggezet naar de snapshot van vrijdag. Alle 960 bestellingen van zaterdag tot en met maandag, met betalingen en afleveradressen, zijn weg; er is geen WAL-archief.", Severity: "laag"}, 1, P1, "customer data lost on tier 1"},
	{"steamer checkout conversion visa mastercard", Signal{Title: "Opsgenie: [P2] Checkout conversion drop - steamer tickets", Text: "Checkout conversion 0.3% over the last hour (baseline 4.1%). The payment provider answers 'do_not_honor' for every Visa and Mastercard payment; only PayPal (about 8% of purchases) goes through. Sunday's Rhine excursions are on sale right now.", Severity: "P2"}, 1, P1, "most payments failing on tier 1; P2 label understates"},

	// P2
	{"tent hire one depot of five", Signal{Title: "[FIRING:1] DeliverySlotBookingErrors depot=nord (tentco-scheduler)", Text: "Delivery slot bookings for depot Nord fail with HTTP 500 since 08:15. Nord is 1 of 5 depots; Süd, West, Ost and Mitte book normally.", Severity: "critical", Service: "tentco-scheduler"}, 1, P2, "one site of several affected"},
	{"calligraphy practice gallery tier 2 down", Signal{Title: "Statuspage: Student practice gallery - Major Outage", Text: "Component 'Practice gallery' (where students upload brush-stroke exercises for tutor feedback) returns 502 for all users. Course booking, payment and the live classes are unaffected.", Severity: "P1"}, 2, P2, "full outage of a tier-2 service; P1 label overstates"},
	{"judo renewals 37 of 1480", Signal{Title: "Sentry: [dojo-members] CardExpiredError spike on membership renewal", Text: "37 of 1,480 membership renewals today (2.5%) failed with CardExpiredError although the cards are valid; the rest renewed normally. Affected members cannot book mat time until they renew.", Severity: "P2"}, 1, P2, "minority failing"},
	{"compost confirmations queue age", Signal{Title: "ALARM: \"compost-confirm-queue-oldest-age\" in EU (Ireland)", Text: "Threshold Crossed: 1 datapoint [2934.0 (06/12/26 09:40:00)] was greater than the threshold (600.0). Metric: ApproximateAgeOfOldestMessage on queue booking-confirmations. Drop-off bookings succeed, but the confirmation emails with the gate code arrive about 50 minutes late; most slots are booked a day ahead.", Severity: "critical"}, 1, P2, "delayed beyond SLO without failures"},
	{"bandoneon presupuestos sin iva", Signal{Title: "Presupuestos de reparación de bandoneones sin IVA", Text: "Los presupuestos online para bandoneones y acordeones cromáticos (un 3 % de las solicitudes) salen sin el IVA del 21 %. El resto de instrumentos se calcula bien y los pagos funcionan.", Severity: "alta"}, 1, P2, "wrong values for a minority"},
	{"hydromel creneaux degustation perimes", Signal{Title: "Grafana : synchro des créneaux de dégustation en retard de 3 h", Text: "Le calendrier des dégustations de l'hydromellerie affiche les disponibilités d'il y a environ 3 heures (job de synchro bloqué). Les réservations passent sans erreur, mais quelques créneaux déjà complets apparaissent encore libres.", Severity: "warning"}, 1, P2, "stale data without failures"},
	{"zip-line apdex slow no errors", Signal{Title: "Elastic APM: zipline-booking Apdex 0.58 (target 0.94)", Text: "Transaction 'POST /reservations' p95 8.2s for 35 minutes (SLO 1.5s). Error rate 0.02%; reservations complete, customers just wait. CPU on the pricing service at 97%.", Severity: "critical", Service: "zipline-booking"}, 1, P2, "slow beyond SLO without meaningful failures"},
	{"beach hut newsletter archive public tier 3", Signal{Title: "Macie: publicly accessible S3 object with personal data - hut-newsletter-archive", Text: "Object hut-newsletter-archive/export-2024.csv is publicly readable and contains 540 subscriber names and email addresses. CloudTrail shows GET requests from two unknown external IPs yesterday.", Severity: "info"}, 3, P2, "breach on a tier-3 service is P2; info label understates"},
	{"saffron wholesale one tenant of 40", Signal{Title: "PagerDuty: [P1] Wholesale orders failing for tenant 'especias-rioja'", Text: "Orders from the wholesale tenant especias-rioja (1 of 40 tenants on the B2B saffron platform) fail with 'price list not found' since the 06:00 price import. All other tenants order normally.", Severity: "P1"}, 1, P2, "one tenant of many; P1 label overstates"},
	{"vetreria bozzetti persi tier 2", Signal{Title: "Perso l'archivio dei bozzetti su commissione della vetreria", Text: "Il volume NFS con i bozzetti delle commissioni è stato cancellato per errore durante la pulizia dei vecchi snapshot. 85 bozzetti già approvati dai clienti non sono recuperabili.", Severity: "bassa"}, 2, P2, "data loss on a tier-2 service"},

	// P3
	{"insect farm feed dosing dashboard internal", Signal{Title: "Nagios: ** PROBLEM Service Alert: feed-dosing-dashboard/HTTP is CRITICAL **", Text: "HTTP CRITICAL: HTTP/1.1 503 Service Unavailable. The internal dashboard where farm hands check larvae feed dosing is down. The dosing controllers run locally and keep feeding; no customer-facing system uses it.", Severity: "CRITICAL"}, 2, P3, "internal tool only; CRITICAL label overstates"},
	{"lacrosse score submissions 0.23 percent", Signal{Title: "Sentry: [league-scores] ReadTimeout on POST /games/{id}/score", Text: "14 of 6,200 score submissions today (0.23%) timed out; the app retries automatically and all 14 were saved on the second try. Standings are correct.", Severity: "low"}, 1, P3, "under 1% failing, retries work"},
	{"pickle shop tls expiry forecast", Signal{Title: "Blackbox exporter: TLS certificate for shop.zuurwaren.example expires in 12 days", Text: "probe_ssl_earliest_cert_expiry is 12d 4h away. Auto-renew failed once with a DNS challenge timeout and retries nightly. The current certificate is valid and the shop works normally.", Severity: "critical"}, 1, P3, "risk only, nothing failing; critical label overstates"},
	{"vapor cartao de embarque caracteres", Signal{Title: "Cartão de embarque mostra o nome do barco com caracteres estranhos", Text: "No cartão de embarque em PDF o nome do vapor 'São Gonçalo' aparece como 'SÃ£o GonÃ§alo'. QR code, horário e cais estão corretos e o embarque funciona normalmente.", Severity: "alta"}, 1, P3, "cosmetic only; alta label overstates"},
	{"calligraphy alumni forum tier 3 down", Signal{Title: "Pingdom: forum.inkandbrush.example is DOWN", Text: "Check 'Alumni forum' down since 11:20 (2h 15m), HTTP 502 Bad Gateway. Former students' discussion forum only; the database is intact, nothing lost and nothing exposed.", Severity: "P1"}, 3, P3, "tier-3 outage without data loss or exposure"},
	{"tentes devis interne peut attendre", Signal{Title: "Modèle de devis interne décalé à l'impression", Text: "Dans l'outil interne de devis des commerciaux, le logo et le tableau des prix sont décalés à l'impression. Les devis envoyés aux clients en PDF sont corrects. Ça peut attendre la semaine prochaine.", Severity: "haute"}, 2, P3, "internal cosmetic fault; reporter says it can wait"},
	{"judo grading error budget 34 percent", Signal{Title: "Grafana SLO: grading-exam booking error budget 34% remaining", Text: "The 30-day error budget for belt-grading bookings is at 34% with 19 days left in the window. Current error rate 0.05% (burn rate 0.9x); nothing is failing beyond normal noise. To be reviewed at the next SLO meeting.", Severity: "warning"}, 1, P3, "budget risk only, under 1% failing"},
	{"kompost anlieferung 0,4 prozent", Signal{Title: "Datadog: [Warn] Fehlerquote Anlieferungs-Buchungen 0,4 %", Text: "0,4 % der Buchungen von Anlieferzeiten an den Kompostplätzen schlagen mit 503 fehl (19 von 4.750 in der letzten Stunde); der zweite Versuch klappt jeweils. Alle Plätze nehmen normal an.", Severity: "hoch"}, 1, P3, "under 1% failing, retries work; hoch label overstates"},
	{"fisarmoniche foglio ricambi interno", Signal{Title: "Foglio ricambi interno del laboratorio non si sincronizza", Text: "Il foglio interno dei ricambi (ance, soffietti) non si sincronizza con il gestionale da ieri sera. Lo usa solo il laboratorio; preventivi, ordini e pagamenti dei clienti funzionano.", Severity: "urgente"}, 2, P3, "internal tool only; urgente label overstates"},
	{"hedge maze checkly one location retry", Signal{Title: "Checkly: 'Buy maze ticket' check degraded - 1 of 10 locations", Text: "The check failed once from ap-southeast-2 (Sydney) with a DNS timeout and passed on the automatic retry. The other 9 locations are green; real ticket sales match last Sunday.", Severity: "error"}, 1, P3, "single probe blip, retry passed, customers unaffected"},
}

var chatterHeldout38 = []chatCase{
	// incidents
	{"quick q: is the zip-line waiver form supposed to jump back to step 1 after you sign? a family at the desk has tried 4 times", true},
	{"oh fantastic, the mead club renewal email went out with everyone's price as 0,00 €. love that for us 🙃", true},
	{"no rush, but one judo parent says she can't see her kid's belt grading result in the app, just a spinner", true},
	{"Oye, ¿el mapa de casetas de playa no carga para nadie o solo para mí? Se queda en blanco desde esta mañana", true},
	{"Kleine Sache: die Kursbestätigungen der Kalligraphie-Schule kommen seit gestern ohne Anhang an, ist nicht dringend", true},
	{"Les bons de livraison des tentes partent avec l'adresse du dépôt au lieu de celle du client, deux chauffeurs sont déjà partis au mauvais endroit", true},
	{"o painel de temperatura das estufas de grilos parou de atualizar às 3h, tá mostrando o mesmo valor há horas", true},
	{"La stampante delle etichette dei sottaceti nel reparto B stampa solo metà del codice a barre", true},
	{"Sinds de update geeft de zoutmeter van tank 6 steeds 'sensor not found', kan iemand even kijken?", true},
	{"steamer boarding app crashed on the Koblenz pier twice this morning, deckhands are back on paper lists", true},
	{"lacrosse standings page has the Hamburg Hawks on 0 points after they won 3 games, parents are messaging us", true},
	{"compost depot gate at Westfield won't open for permit holders since lunchtime, we're waving people through by hand", true},
	{"anyone know why accordion repair invoices show up twice in the customer portal? a customer just asked if she paid twice", true},
	{"saffron lot certificates print last year's harvest date on every PDF since the template change 🤦", true},
	{"kiln 2 in the glassblowing studio reads 40°C below the thermocouple, we've cracked three pieces already", true},

	// chatter
	{"Handover: zip-line on-call was quiet all weekend, no pages, nothing pending. Over to you Marta 👋", false},
	{"Planned: Tuesday 06:00–07:00 we upgrade Postgres behind the pickle webshop, the storefront will show a maintenance page", false},
	{"anyone up for dumplings at the new place by the station on Friday?", false},
	{"The retro for September's lacrosse registration outage moved to next Wednesday 15:00", false},
	{"How does the mead shop decide which warehouse ships an order? Nearest or cheapest?", false},
	{"Huge kudos to Jonas for the beach hut booking migration, not a single hiccup 🙌", false},
	{"Launching today: 'Burnout', our new smoky saffron blend 🔥 now in the webshop", false},
	{"Zur Info: Am Montag zwischen 8 und 9 Uhr wird das WLAN im Dojo Süd umgestellt, kurze Unterbrechungen sind eingeplant", false},
	{"¿Cómo se configura una regla en Opsgenie para que las alertas del laberinto vayan al equipo de fin de semana?", false},
	{"Bravo à l'équipe calligraphie, le nouveau site d'inscriptions a tenu la charge de la rentrée sans broncher", false},
	{"Lembrete: sexta tem churrasco da equipe das tendas, tragam sobremesa 🍖", false},
	{"Qualcuno ricorda come abbiamo risolto il blocco del portale dei battelli a vapore l'estate scorsa? Sto scrivendo il runbook", false},
	{"Nieuw: vanaf vandaag kun je in de compost-app ook een ophaalmoment voor snoeiafval boeken 🎉", false},
	{"fun fact: the cricket farm processed its 10 millionth cricket this morning 🦗 cake in the break room at 3", false},
	{"Accordion workshop handover: ticket queue empty, all dashboards green, nothing open for the weekend. Have a good one", false},
}

func TestSeverityWorldHeldout38(t *testing.T) {
	runSevSample(t, "severity held-out 38", severityHeldout38)
}

func TestChatterWorldHeldout38(t *testing.T) {
	runChatSample(t, "chatter held-out 38", chatterHeldout38)
}
