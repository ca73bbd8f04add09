// heldout22_test.go is a twenty-second sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules (Alertmanager,
// Grafana OnCall, Datadog, New Relic, Dynatrace, Splunk, Zabbix, Icinga,
// Nagios, Sentry, Honeycomb, Uptime Kuma, Site24x7, Azure Monitor and
// Google Cloud Monitoring wording), after the twentieth sample's fixes.
// First run: severity 21/30, chatter 21/30. The classes: "0 von 214 ...
// signiert" (none of a count went through); a tax added twice and "charged
// an extra"; credential stuffing and attackers; "restituisce 502" and a
// share stated eight words before what fails; a flow metric "_per_min ==
// 0" against its usual level; prices "converted twice" for "about 4 % of"
// accounts; "the other 4 test locations pass"; "orders, subscriptions and
// shipping are not affected"; a p99 measured within its SLO (no slowness)
// and timeouts counted by their share; in chat "coffee subscription
// emails" and "tea trade portal" (product nouns after social words), "go
// out twice", "take a full minute", "keeps buffering", "rejects ... paid
// for", "looks off", "PDFs are missing", Dutch "geeft steeds een
// foutmelding", Portuguese reports with no function word the language check
// knew ("de", "na"), "resolvida". After those: severity 30/30, chatter
// 29/30. It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: coffee roasters, surf schools, notaries, cruise lines, lottery kiosks, student housing, yacht charter, piano shops, horse auctions, vineyard tours, ski schools, aquariums, cargo-bike rental, furniture rental, tea importers, campsite booking, skydiving centres, theatre costume hire, observatories, beach lifeguard rotas, tailoring, taxidermy, quarry logistics.
package triage

import "testing"

var severityHeldout22 = []sevCase{
	// P1
	{"roastery checkout 5xx ratio", Signal{Title: "[FIRING:1] CheckoutErrorRateHigh roastery-shop (prod)", Text: "sum(rate(http_requests_total{job=\"roastery-shop\",handler=\"/checkout\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"roastery-shop\",handler=\"/checkout\"}[5m])) = 0.183 (threshold 0.02)", Severity: "warning", Service: "roastery-shop"}, 1, P1, "18.3% of checkouts failing on tier 1; warning label understates"},
	{"surf school success rate metric", Signal{Title: "[Triggered] surfschool.booking.success_rate below threshold", Text: "surfschool.booking.success_rate = 71.2% over last 10m (alert threshold < 95%, 7-day avg 99.6%). env:prod region:eu-west-1", Severity: "low"}, 0, P1, "unknown tier judged tier 1; ~29% of bookings failing"},
	{"notariat signatur 0 von 214", Signal{Title: "Icinga: SERVICE CRITICAL – beurkundung-esign", Text: "Seit 08:00 konnten 0 von 214 Beurkundungsterminen elektronisch signiert werden. Mandanten bleiben beim Schritt „Signatur bestätigen“ hängen, kein einziger Vorgang wird abgeschlossen.", Severity: "info"}, 1, P1, "customer flow fully stopped on tier 1; info label is wrong"},
	{"cruise port tax doubled for all", Signal{Title: "Dynatrace problem P-4471: Fare calculation anomaly on cruise-booking", Text: "Since the 11:20 release the fare engine adds the port tax twice on every booking. All 1,140 bookings taken since then were charged an extra EUR 189 per cabin.", Severity: "minor"}, 1, P1, "wrong amounts charged to everyone on tier 1"},
	{"lotaria quiosques sem apostas", Signal{Title: "Zabbix: Problem: registo-apostas indisponível em todos os quiosques", Text: "Há 15 minutos que 100% dos terminais dos quiosques de lotaria não conseguem registar apostas (1 312 de 1 312 terminais com erro de ligação ao servidor central).", Severity: "Average"}, 1, P1, "all kiosks unable to sell on tier 1; Average label understates"},
	{"student housing account takeover", Signal{Title: "Splunk alert: Credential stuffing – successful logins on tenant-portal", Text: "3,412 tenant accounts logged in from a known credential-stuffing botnet in the last 2 h; on 611 of them the attacker changed the password and the refund bank account.", Severity: "medium"}, 1, P1, "accounts taken over on tier 1"},
	{"yacht charter bookings lost", Signal{Title: "Icinga: HOST DOWN charter-db-primary, replica promoted", Text: "Primary disk failed; the promoted replica was 9 h behind and the WAL archive is corrupt. Yacht charter bookings made between 01:00 and 10:00 are gone and cannot be recovered.", Severity: "WARNING"}, 1, P1, "data loss on tier 1"},
	{"pianoforti checkout 42 percento", Signal{Title: "New Relic: tasso di errore checkout negozio pianoforti", Text: "Il 42% delle richieste al checkout del negozio di pianoforti restituisce 502 negli ultimi 10 minuti (media abituale 0,1%).", Severity: "bassa"}, 1, P1, "42% failing on tier 1; bassa label is wrong"},
	{"horse auction bids stopped", Signal{Title: "Grafana OnCall: accepted_bids_per_min == 0 on live-auction", Text: "accepted_bids_per_min has been 0 for 20 minutes during the live horse auction (usual ~300/min); bid requests time out after 30 s.", Severity: "low"}, 1, P1, "bidding fully stopped on tier 1"},
	{"catas uptime 6 de 6 regiones", Signal{Title: "Google Cloud Monitoring: uptime check catas-reservas failing", Text: "El uptime check de catas-reservas falla desde 6 de 6 regiones desde hace 14 minutos (HTTP 500). Nadie puede reservar visitas a la bodega.", Severity: ""}, 0, P1, "unknown tier judged tier 1; total outage"},

	// P2
	{"ski school p99 over slo", Signal{Title: "École de ski : latence de l'API de réservation", Text: "New Relic : p99 de l'API de réservation des cours à 3,8 s (SLO 800 ms) depuis 30 min. Taux d'erreur 0 %, toutes les réservations aboutissent, juste lentement.", Severity: "critical"}, 1, P2, "slow beyond SLO without failures; critical label overstates"},
	{"aquarium checkout 3.1 percent", Signal{Title: "Honeycomb trigger: aquarium-tickets /checkout error ratio", Text: "error ratio 3.1% on /checkout over 15m (baseline 0.2%); COUNT 9,804 requests, 304 with status >= 500.", Severity: "P1"}, 1, P2, "about 3% failing is degraded; P1 label overstates"},
	{"cargo bike one station offline", Signal{Title: "Site24x7: cargo-bike dock controller gent-sint-pieters DOWN", Text: "Dock controller at Gent-Sint-Pieters (1 of 42 stations) is offline; riders there cannot unlock bikes. The other 41 stations report normal unlock rates.", Severity: "critical"}, 1, P2, "one small site affected"},
	{"mietmoebel verfuegbarkeit veraltet", Signal{Title: "Datadog: inventory-sync lag furniture-rental", Text: "Der Sync der Lagerbestände hängt: die Verfügbarkeitsanzeige im Mietmöbel-Shop ist 5 Stunden alt, Kunden sehen veraltete Bestände. Bestellungen und Zahlungen funktionieren normal.", Severity: "kritisch"}, 1, P2, "stale data is degraded"},
	{"tea importer eur prices doubled some", Signal{Title: "Sentry: CurrencyConversionMismatch in trade-pricing", Text: "Trade customers with a EUR account (about 4% of trade accounts) see wholesale tea prices converted twice; GBP and USD accounts see correct prices.", Severity: "critical"}, 1, P2, "wrong values for some customers"},
	{"campings avaliacoes fora tier 2", Signal{Title: "Uptime Kuma: avaliacoes-campings está DOWN", Text: "O serviço de avaliações de campings está totalmente fora do ar, 100% de erro 503 há 25 minutos. As reservas continuam funcionando.", Severity: "crítico"}, 2, P2, "total outage of a tier-2 service"},
	{"skydive waivers bucket public tier 3", Signal{Title: "Azure Monitor: Storage account skydivewaivers allows public blob access", Text: "Container signed-waivers was publicly listable; 2,300 signed waivers with passport scans were downloaded by 14 unknown IPs in the last 48 h.", Severity: "Sev4"}, 3, P2, "breach on tier 3 is not P3"},
	{"costumi noleggio 27 su 1500", Signal{Title: "Errori ordini noleggio costumi teatrali", Text: "Nell'ultima ora 27 ordini su 1.500 sono falliti con errore 500 (1,8%); gli altri vengono completati regolarmente.", Severity: "critica"}, 1, P2, "1.8% failing is degraded"},
	{"observatory brazil south", Signal{Title: "Azure Monitor: Availability test stargazing-tickets failed", Text: "Availability test fails from Brazil South only; visitors there (about 1.5% of traffic) cannot load the ticket page. The other 4 test locations pass.", Severity: "Sev0"}, 1, P2, "one small region affected; Sev0 overstates"},
	{"cruise apdex dutch", Signal{Title: "New Relic: Apdex cruise-boekingen onder doel", Text: "Apdex 0,62 (doel 0,90); p95-responstijd 5,1 s tegen een SLO van 2 s. Foutpercentage 0,0%: alle boekingen komen door, alleen traag.", Severity: "kritiek"}, 1, P2, "slow beyond SLO without failures"},

	// P3
	{"lifeguard rota sync staff only", Signal{Title: "Grafana OnCall: lifeguard-rota-sync job failed", Text: "The nightly shift-rota sync for beach lifeguards failed. Only the beach supervisors use the rota tool; the public beach flag status page is unaffected.", Severity: "critical"}, 1, P3, "internal tool only, no customer impact"},
	{"tailoring tooltip fatal", Signal{Title: "Sentry: TypeError: Cannot read properties of undefined (reading 'fadeOut') in SizeChartTooltip", Text: "level: fatal. The size-chart tooltip on the tailoring shop does not fade out and stays on screen. 0 failed orders; measurements and checkout work normally.", Severity: "fatal"}, 1, P3, "cosmetic fault despite fatal label"},
	{"taxidermy disk forecast", Signal{Title: "[FIRING:1] DiskWillFillIn4Days taxidermy-catalogue", Text: "predict_linear(node_filesystem_avail_bytes{mountpoint=\"/var/lib/images\"}[6h], 4*86400) < 0. Currently 68% used; no errors, all requests succeeding.", Severity: "critical"}, 1, P3, "forecast with nothing failing yet"},
	{"piano tuning 12 of 3000", Signal{Title: "[Triggered] piano-tuning-booking 5xx", Text: "trace.http.request.errors: 12 of 3,000 requests (0.4%) over the last hour; alert threshold 10 errors.", Severity: "P1"}, 1, P3, "under 1% failing is minor"},
	{"foro criadores caido tier 3", Signal{Title: "Nagios: SERVICE CRITICAL foro-criadores HTTP", Text: "El foro de criadores de caballos está caído: el 100% de los checks falla desde hace 40 minutos. No se ha perdido ningún dato.", Severity: "crítica"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"roastery nightly report", Signal{Title: "Zabbix: Problem: roast-plan-report nightly job failed", Text: "The nightly roast planning report for the production team failed; it is rerun tomorrow. Customer orders, subscriptions and shipping are not affected.", Severity: "Disaster"}, 1, P3, "internal batch, no customer impact; Disaster label overstates"},
	{"surfschule icons kann warten", Signal{Title: "Kursübersicht: Icons verzerrt in Firefox", Text: "Die Neoprenanzug-Icons in der Kursübersicht der Surfschule werden in Firefox verzerrt dargestellt. Buchen funktioniert ganz normal, kann bis nächste Woche warten.", Severity: "hoch"}, 1, P3, "cosmetic, reporter says it can wait"},
	{"notary internal deed numbering", Signal{Title: "Nagios: SERVICE CRITICAL deed-numbering-tool", Text: "CRITICAL - internal deed numbering tool unreachable. Only the clerks use it; client portal and appointments are unaffected, no data lost.", Severity: "CRITICAL"}, 1, P3, "internal-only tool down"},
	{"student rent payments 3 of 1000", Signal{Title: "Dynatrace: Failure rate increase on rent-payments", Text: "Failure rate 0.3% (3 of 1,000 rent payments in the last hour); previous week 0.1%. All other payments succeed.", Severity: "high"}, 1, P3, "under 1% failing is minor"},
	{"aquarium db cpu within slo", Signal{Title: "Google Cloud Monitoring: Cloud SQL CPU utilization > 90% on aquarium-tickets-db", Text: "database/cpu/utilization 0.92 for 10 min. Ticket API p99 210 ms (SLO 500 ms), error rate 0%, every request succeeds.", Severity: "critical"}, 1, P3, "nothing failing and within SLO"},
}

var chatterHeldout22 = []chatCase{
	{"lol did the coffee subscription emails go out twice to everyone?? I got 2 of each ☕☕", true},
	{"is the surf school booking page supposed to take a full minute to load or", true},
	{"Das Terminportal vom Notariat zeigt seit heute früh keine freien Termine mehr an", true},
	{"Las confirmaciones de las catas de la bodega no les llegan a los clientes por correo", true},
	{"yo the lottery kiosks in the north mall r dead af, cant print tickets smh", true},
	{"Les réservations de cours de ski affichent le mauvais moniteur depuis ce matin", true},
	{"Gente, o app de aluguel de bike cargueira tá travando na hora de desbloquear 😩", true},
	{"Não é urgente, mas as faturas do aluguer de mobiliário estão a sair com o NIF errado", true},
	{"Il sito del noleggio costumi teatrali non carica più le foto dei costumi", true},
	{"De betaalpagina van de studentenkamers geeft steeds een foutmelding bij iDEAL", true},
	{"amazing, the aquarium gate scanner now rejects exactly the tickets people paid for. genius 🙄", true},
	{"qick q — shuold the yacht charter calendar be showing every boat as booked for july? looks off", true},
	{"horse auction livestream keeps buffering for bidders on mobile, like every 20s", true},
	{"skydive waiver PDFs are missing from the manifest since the 10am load", true},
	{"tea trade portal shows 0 stock for everything since the sync, probably nothing but fyi", true},
	{"Postmortem for the 3 Nov cruise booking outage is drafted, comments welcome", false},
	{"Thanks everyone for jumping on the observatory ticketing slowness last night, all resolved 🙏", false},
	{"Scheduled maintenance: campsite booking DB upgrade Tuesday 01:00-03:00 CET, bookings will be read-only", false},
	{"How do I get added to the piano shop rotation in Grafana OnCall?", false},
	{"Our new roast 'Total Meltdown Espresso' launches Friday 🔥", false},
	{"All clear — the quarry weighbridge API is back to normal, closing INC-2291", false},
	{"Kann mir jemand sagen, wer bei uns die Datadog-Zugänge freigibt?", false},
	{"¿Alguien se apunta a unas tapas el viernes después de la guardia?", false},
	{"Rappel : maintenance planifiée de la plateforme de réservation de l'école de ski dimanche de 2h à 4h", false},
	{"Pessoal, o post-mortem da queda dos quiosques de loteria de segunda já está no Confluence", false},
	{"Chi porta la torta per il compleanno di Giulia domani? 🎂", false},
	{"Het incident met de stream van de paardenveiling van gisteren is opgelost en gesloten", false},
	{"Why did the tailor get fired? His work was just sew-sew 🧵", false},
	{"Our new night jump package 'Total Blackout' goes on sale Monday at the skydiving centre!", false},
	{"Does anyone know if yacht charter alerts should default to P2 or P3?", false},
}

func TestSeverityWorldHeldout22(t *testing.T) {
	runSevSample(t, "severity held-out 22", severityHeldout22)
}

func TestChatterWorldHeldout22(t *testing.T) {
	runChatSample(t, "chatter held-out 22", chatterHeldout22)
}
