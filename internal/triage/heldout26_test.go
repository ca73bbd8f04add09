// heldout26_test.go is a twenty-sixth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, after the
// twenty-fourth's fixes, with impact hidden in numbers written as other
// locales write them. First run: severity 13/30, chatter 20/30. The
// classes: numbers as other locales write them ("%4,2", "2.4‰", "2 317",
// "18,6 %" under a condition named on another line); an alert's value line
// under an error-type condition; "n ... of m" with words between and the
// failure word before or after, in any language; a clock time ("since
// 07:40") read as a count; thresholds named in other languages; a count
// within its stated usual range; data sent to addresses outside the
// network, anonymous reads; backups corrupt; deletions and losses in Dutch
// and German; a gloss denied by a foreign negation ("aucune donnée
// perdue"); stale, internal and forecast statements in German and
// Italian; "twice" in five languages; Polish, Turkish and Swedish reports
// not recognised as foreign; "nothing's broken"; typos of "updating".
// After: severity 27/30 (left: a breach of customer data on a tier-2
// service the sample wants at P1, an unknown-tier booking site fully down,
// a product named "Outage" beside a display glitch), chatter 26/30 (a
// meeting point is a place, and a message sent without a part it should
// carry is a fault, came after the known-issue round). It has
// tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: Christmas tree farms, stamp auctions, airport lounges, milliners, sled-dog tours, animal feed mills, ghost tours, crossword publishers, knife sharpening, fairground rides, pet insurance, sailmakers, umbrella rental, candle makers, tool hire.
package triage

import "testing"

var severityHeldout26 = []sevCase{
	// P1
	{"pet claims success ratio 0.37", Signal{Title: "[FIRING:1] ClaimSubmissionSuccessLow (pawcover-claims prod)", Text: "Labels:\n - alertname = ClaimSubmissionSuccessLow\n - namespace = prod\n - severity = warning\nAnnotations:\n - summary = Claim submission success ratio below objective\n - description = claims_submit_success_ratio{route=\"/v3/claims\"} = 0.37 over the last 15m (objective 0.99).", Severity: "warning", Service: "pawcover-claims"}, 1, P1, "63% of claim submissions fail on tier 1; warning label understates"},
	{"lounge scanners reject nearly all passes", Signal{Title: "[Triggered] Lounge-Zutritt: Ablehnungsquote QR-Scanner", Text: "Monitor: lounge-access.scan.rejected / lounge-access.scan.total\nWert: 1.388 von 1.412 Scans seit 06:00 abgelehnt (Schwelle: 5 %). Betroffen sind alle Lounges im Netz; gültige Bordkarten und Mitgliedskarten werden als „ungültig“ zurückgewiesen, das Personal lässt Gäste von Hand ein.", Severity: "P3", Service: "lounge-access"}, 1, P1, "98% of entries rejected everywhere on tier 1; P3 label is wrong"},
	{"stamp auction bids 18,6 percent errors", Signal{Title: "New Relic: Incidente abierto – Tasa de error de la API de pujas > 2 %", Text: "Condición: Error percentage (WebTransaction/Expressjs/POST//api/pujas)\nValor: 18,6 % durante 10 minutos (umbral 2 %).\nEntidad: subastas-filatelia-api (prod). La subasta en vivo de sellos clásicos cierra a las 20:00.", Severity: "critical", Service: "subastas-filatelia-api"}, 1, P1, "over 5% of bids failing on tier 1"},
	{"christmas trees charged twice", Signal{Title: "Sentry : [sapins-checkout] DoubleCaptureWarning: paiement capturé deux fois", Text: "Depuis la mise en prod de 09h12, la capture Stripe est appelée deux fois par commande. 2 317 commandes de sapins sur 2 340 depuis ce matin ont été débitées en double sur la carte des clients. Premier événement : 09:13, 2,3k événements, 2,3k utilisateurs.", Severity: "warning"}, 1, P1, "almost every customer charged twice on tier 1"},
	{"policyholder records exfiltrated tier 2", Signal{Title: "Elastic Security: Unusual volume of data read from policyholders index by service account", Text: "Rule: Anomalous data egress (ML). Host: claims-reporting-02. The service account rpt-export read 73,904 documents from index policyholders-prod (name, address, IBAN, pet medical history) between 01:02 and 01:40 UTC and sent 1.9 GB to 185.220.101.44, an address outside our networks. The account's key had been pasted in a public GitHub gist the day before.", Severity: "low", Service: "claims-reporting"}, 2, P1, "breach exposing customer data on tier 2"},
	{"puzzle subscriptions wiped", Signal{Title: "Puzzelabonnementen verdwenen na migratie", Text: "De migratie van vannacht (03:10) heeft de tabel subscriptions in productie leeggemaakt: de abonnementen van alle 212.000 puzzelabonnees zijn weg. De back-up van gisteren blijkt corrupt en die van vorige week mist iedereen die sinds 28/11 is ingestroomd. Abonnees krijgen nu de betaalmuur te zien.", Severity: "minor"}, 1, P1, "data loss on tier 1"},
	{"sled tour booking site refused", Signal{Title: "[Uptime Kuma] [🔴 Down] Husky Trails – booking site", Text: "[husky-trails-booking] [🔴 Down] connect ECONNREFUSED 10.4.2.17:443\nTime (Europe/Stockholm): 2026-12-05 07:41:12\nStill down after 47 min; no tour bookings received since 07:40 (normally ~30 an hour in December). Guests can't book or pay for any sled-dog tour.", Severity: ""}, 0, P1, "unknown tier judged critical; the only booking flow is fully down"},
	{"umbrella unlock success 4,2", Signal{Title: "Problem: Şemsiye istasyonları kilit açma başarı oranı düşük", Text: "Problem started at 08:05 on 2026.12.05\nProblem name: unlock_success_rate < 80%\nHost: semsiye-kiralama-gw\nSeverity: Information\nOperational data: unlock_success_rate = %4,2 (son 7 gün ortalaması %97)\nİstanbul'daki tüm istasyonlarda kullanıcılar ödemeyi yapıyor ama şemsiyenin kilidi açılmıyor.", Severity: "Information", Service: "semsiye-kiralama-gw"}, 1, P1, "almost every rental fails after payment on tier 1"},
	{"fairground top-ups down 93 percent", Signal{Title: "[Alerting] Ricariche braccialetti luna park crollate", Text: "Grafana: ricariche_completate_al_minuto = 3 (sabato scorso alla stessa ora: 44), -93 % rispetto alla settimana scorsa. Il gateway di pagamento risponde 504 su /ricarica; alle casse i visitatori non riescono a caricare il braccialetto per le giostre.", Severity: "warning"}, 1, P1, "top-up flow mostly failing on tier 1, stated as a drop against last week"},
	{"tool hire checkout 412 of 3980", Signal{Title: "Honeycomb Trigger: checkout errors (toolhire-web) fired", Text: "Trigger 'checkout errors' fired: COUNT where error = true and name = POST /checkout is 412 of 3,980 requests in the last 10 minutes (threshold: > 40). Failing requests end in 'reservation lock timeout'; customers see 'Something went wrong' when booking equipment.", Severity: "info", Service: "toolhire-web"}, 1, P1, "about 10% of checkouts failing on tier 1, stated as a count"},

	// P2
	{"one lounge of 31 scanners offline", Signal{Title: "Opsgenie: [P1] Lounge door scanners offline – LIS Terminal 1", Text: "The door scanners at the Lisbon T1 lounge lost their connection to lounge-access-api at 05:50 and staff are checking guests in by hand. This is 1 of 31 lounges; every other lounge is admitting guests normally.", Severity: "P1", Service: "lounge-access"}, 1, P2, "one site affected; P1 label overstates"},
	{"sail configurator p99 no errors", Signal{Title: "[Triggered] Configurador de velas a medida – latencia p99 fuera de SLO", Text: "Monitor: p99:trace.http.request{service:velas-configurador} > 600 ms\nValor actual: p99 4,1 s (SLO 600 ms) durante 30 min. Tasa de error 0,00 %; todos los presupuestos de velas para barcos se generan, solo tardan.", Severity: "critical", Service: "velas-configurador"}, 1, P2, "slow beyond SLO without failures"},
	{"ghost tour bookings 5xx average 0.027", Signal{Title: "ALARM: \"ghostwalk-bookings-5xx\" in EU (Ireland)", Text: "You are receiving this email because your Amazon CloudWatch Alarm \"ghostwalk-bookings-5xx\" in the EU (Ireland) region has entered the ALARM state, because \"Threshold Crossed: 3 datapoints [0.027 (05/12/26 19:40:00), 0.031 (05/12/26 19:35:00), 0.024 (05/12/26 19:30:00)] were greater than the threshold (0.01).\"\nMetric: 5XXError (Average), ApiName: ghostwalk-bookings, Stage: prod.", Severity: "critical"}, 1, P2, "2.4-3.1% of requests failing, written as a ratio"},
	{"candle shop stock stale", Signal{Title: "Kerzen-Shop: Lagerbestände veraltet", Text: "Der Abgleich zwischen Warenwirtschaft und Onlineshop hängt seit gestern 21:40. Im Shop stehen seitdem die Bestände von gestern Abend; Bestellungen und Zahlungen laufen normal durch, aber ausverkaufte Adventskerzen werden weiter als lieferbar angezeigt.", Severity: "critical"}, 1, P2, "stale data, orders still work"},
	{"vaccination refunds short for 212 of 7900", Signal{Title: "Reembolsos de vacinação calculados a menos", Text: "Desde a atualização da tabela de coparticipações, os reembolsos de vacinas de gatos saem 10 % abaixo do devido: 212 de 7 900 sinistros pagos esta semana. Os restantes sinistros estão corretos.", Severity: "P1"}, 1, P2, "wrong amounts for a minority (2.7%)"},
	{"stamp valuation tier 2 outage", Signal{Title: "Statuspage: Stamp valuation estimates – Major Outage", Text: "Component 'Valuation estimates' changed from Operational to Major Outage at 11:02. Sellers cannot request a pre-auction estimate for their stamps; bidding, payments and the catalogue are unaffected. No data is lost.", Severity: "major"}, 2, P2, "outage of a tier-2 service"},
	{"crossword solve history lost tier 2", Signal{Title: "Historique des grilles résolues perdu (1er–3 décembre)", Text: "La purge automatique a tourné avec une mauvaise date de coupure : l'historique des grilles de mots croisés résolues par les joueurs entre le 1er et le 3 décembre est supprimé, et la sauvegarde de ces jours-là n'a pas été faite. Les abonnements et les grilles du jour ne sont pas touchés.", Severity: "warning"}, 2, P2, "data loss on a tier-2 service"},
	{"feed mill one weighbridge", Signal{Title: "Zakład Kutno: waga wjazdowa nie wysyła ważeń", Text: "Od 05:30 waga samochodowa w zakładzie w Kutnie nie przesyła ważeń do systemu, rolnicy dowożący zboże czekają na kwity wypisywane ręcznie. Pozostałe 6 zakładów pracuje normalnie.", Severity: "krytyczny"}, 1, P2, "one site of seven affected"},
	{"newsletter bucket public tier 3", Signal{Title: "GuardDuty finding: Policy:S3/BucketAnonymousAccessGranted on toolhire-newsletter-exports", Text: "Bucket toolhire-newsletter-exports has allowed anonymous reads since 28 Nov. It holds newsletter_subscribers.csv (2,140 names and email addresses); S3 access logs show 9 GETs of that object from IPs outside AWS and our office.", Severity: "low"}, 3, P2, "breach of customer data on tier 3"},
	{"sled tour confirmation queue", Signal{Title: "Opsgenie: [P1] Kön för bokningsbekräftelser växer", Text: "Kö: tour-confirmations\nDjup: 18 400 meddelanden (tröskel 500), äldsta meddelandet är 52 min gammalt.\nBokningar och betalningar går igenom som vanligt, men gästerna får sina bekräftelsemejl nästan en timme för sent.", Severity: "P1"}, 1, P2, "delayed confirmations, nothing lost; P1 label overstates"},

	// P3
	{"ride queue joins 131 of 21870", Signal{Title: "[FIRING:1] VirtualQueueJoinErrors fairride-queue (prod)", Text: "summary: Virtual queue join errors above 0.5%\ndescription: 0.6% of join requests for ride queues failed in the last 20m (131 of 21,870); a second tap succeeds.", Severity: "critical", Service: "fairride-queue"}, 1, P3, "under 1% failing"},
	{"milliner cutting planner internal", Signal{Title: "Zuschnittplaner Hutwerkstatt startet nicht", Text: "Der Zuschnittplaner (internes Werkstatt-Tool für Filz und Stroh) bricht seit dem Update beim Start ab. Nur die Modistinnen in der Werkstatt arbeiten damit; Onlineshop, Bestellungen und Maßanfragen der Kundschaft laufen ganz normal.", Severity: "hoch"}, 2, P3, "internal only, no customer impact"},
	{"christmas tree shop cert 18 days", Signal{Title: "[FIRING:1] CertificadoTLSPorCaducar tienda.abetosnavidad.example", Text: "summary: El certificado TLS caduca en 18 días\ndescription: El certificado de tienda.abetosnavidad.example vence el 23/12/2026. La renovación automática todavía no se ha ejecutado; de momento todo funciona.", Severity: "crítica"}, 1, P3, "forecast, nothing failing yet"},
	{"crossword across down heading font", Signal{Title: "Sentry: [crossword-web] Warning: heading font fell back to system font in dark mode", Text: "The 'Across' and 'Down' headings above the clue list render in the system font instead of the house serif when dark mode is on. Grids, clues, answer checking and subscriptions all work. 3.4k events, 2.9k users.", Severity: "error"}, 1, P3, "cosmetic, however many see it"},
	{"umbrella blog tier 3 down", Signal{Title: "** PROBLEM Service Alert: blog-parapluies/HTTP is CRITICAL **", Text: "Notification Type: PROBLEM\nService: HTTP\nHost: blog-parapluies\nState: CRITICAL\nInfo: HTTP CRITICAL: HTTP/1.1 503 Service Unavailable\n\nNote d'astreinte : le blog est hors ligne depuis 2 h. La location de parapluies et l'appli ne sont pas concernées, aucune donnée perdue.", Severity: "CRITICAL"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"sailmaker db disk six days", Signal{Title: "Zabbix: Spazio disco in esaurimento su db-velerie-01", Text: "Problema: Free disk space is less than 15% on volume /var/lib/postgresql\nValore: 14 % libero; al ritmo attuale il volume si riempirà in circa 6 giorni.\nNessun errore nelle applicazioni, preventivi e ordini di vele funzionano.", Severity: "High"}, 1, P3, "forecast, nothing failing yet"},
	{"knife pickup errors per mille", Signal{Title: "New Relic: Error rate on /pickup/schedule above threshold", Text: "Policy: sharpen-app prod\nCondition: Error rate > 2‰\nCurrent: 2.4‰ of pickup scheduling requests failed over 30 min (17 of 7,050); all other endpoints 0 errors.", Severity: "critical", Service: "sharpen-app"}, 1, P3, "0.24% failing, written per mille"},
	{"tool returns report dates swapped", Signal{Title: "Relatório interno de devoluções com datas trocadas", Text: "O relatório interno de devoluções de ferramentas mostra dia e mês trocados (05/12 aparece como 12/05). Só a equipe do armazém usa, os clientes não veem nada disso. Não é urgente, pode ficar para segunda.", Severity: "alta"}, 2, P3, "internal, reporter says it can wait"},
	{"premium declines within normal", Signal{Title: "[Triggered] pawcover-billing payment declines", Text: "Monitor: sum:payments.declined{service:pawcover-billing}.as_count() > 15 in last 1h\nValue: 17 declines in the last hour out of ~6,000 premium payments. 7-day normal for this hour: 12–20 declines (mostly insufficient funds).", Severity: "P2", Service: "pawcover-billing"}, 1, P3, "a count within its normal range, well under 1%"},
	{"flight outage alerts raw key", Signal{Title: "Flight Outage Alerts: settings toggle shows raw translation key", Text: "In the lounge app, the settings screen of our 'Flight Outage Alerts' feature shows the raw key settings.fo_alerts.toggle instead of the label text. The alerts themselves go out on time and the toggle works; it is only a display glitch.", Severity: "critical"}, 1, P3, "cosmetic; 'Outage' is a product name"},
}

var chatterHeldout26 = []chatCase{
	// incidents
	{"is the lounge pass app down for anyone else?? logs me in then immediately 'session expired'", true},
	{"love that the crossword app now serves everyone yesterday's grid. very retro, much wow 🙄", true},
	{"stamp auction watchlist not updateing for me, the bids it shows are from like 40 min ago", true},
	{"no rush but the gift card balance check on the candle shop says €0 for cards that def have money on them", true},
	{"sled tour confirmation emails go out without the meeting point since the template change, 3 guests asked where to go", true},
	{"claim photo upload in the pet insurance app spins forever then fails on android. tried wifi + 4g, same thing", true},
	{"fairground gate B: wristband readers beeping red for every single guest, queue is huge. gates A and C fine", true},
	{"driver app shows zero knife pickups for tomorrow, pretty sure we have ~60 booked", true},
	{"¿Soy yo o la web de subastas de sellos va lentísima? Cada lote tarda como 40 segundos en cargar", true},
	{"Ojo, el flete de los pedidos de pienso sale al doble desde esta mañana, ya se han quejado dos cooperativas", true},
	{"Am Hauptbahnhof kann man seit heute früh an keiner Station mehr einen Schirm ausleihen, die App zeigt nur 'Fehler 17'", true},
	{"Kleinigkeit, eilt nicht: beim Werkzeugverleih steht die Kaution auf der Rechnung zweimal drin", true},
	{"Quelqu'un a remarqué que les réservations des visites fantômes ne remontent plus dans le planning des guides depuis hier soir ?", true},
	{"Galera, o app do seguro pet tá recusando o cartão de geral na hora de pagar a mensalidade", true},
	{"Czy tylko u mnie portal zamówień paszy wywala błąd 500 przy potwierdzaniu zamówienia?", true},

	// chatter
	{"Heads-up: lounge-access DB failover drill Tue 03:00–03:30 UTC, scanners switch to offline mode during the window, no action needed", false},
	{"Postmortem draft for the Dec 2 pet-claims outage is ready, the 'what went well' section is still empty, add yours 🙂", false},
	{"huge thanks to @ingrid for staying late on the crossword paywall fire wednesday 🙏 drinks on me", false},
	{"can someone add me to the sailmakers on-call schedule in PagerDuty? joining the rota next week", false},
	{"Marketing drops the 'Blackout Bundle' on Friday: three candles for when the power cuts out 🕯️ landing page live at 9", false},
	{"my critical path today: lunch, then the sled tour roadmap review 😎", false},
	{"for the weekly: lounge visits are down 8% vs November because of the airline strike, nothing wrong on our side", false},
	{"how do I mute a Grafana alert for just one fairground site while they repaint the booths? nothing's broken, just want fewer pings", false},
	{"Il retro sull'incidente delle aste di francobolli di venerdì scorso è spostato a lunedì alle 14", false},
	{"Recordatorio: el sábado de 22:00 a 23:00 migramos la base de datos de la tienda de abetos, la web mostrará la página de mantenimiento", false},
	{"¡Gracias a todos por lo de ayer con el portal de piensos! Ya está todo estable, cierro el incidente", false},
	{"Wer kommt Freitag mit zur Weihnachtsfeier im Hutatelier? Der Glühwein geht auf mich 🍷", false},
	{"Petite question : comment on exporte les événements Sentry du site de location de parapluies en CSV ? C'est pour un rapport, rien de cassé", false},
	{"Lançamento da coleção 'Tempestade Total' de guarda-chuvas na quinta! 🌧️☂️", false},
	{"Kan iemand me leesrechten geven op het Datadog-dashboard van de spooktochten?", false},
}

func TestSeverityWorldHeldout26(t *testing.T) {
	runSevSample(t, "severity held-out 26", severityHeldout26)
}

func TestChatterWorldHeldout26(t *testing.T) {
	runChatSample(t, "chatter held-out 26", chatterHeldout26)
}
