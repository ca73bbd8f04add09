// heldout16_test.go is a sixteenth sample of severity (40) and chatter (40)
// cases, written by a helper that did not read the rules (Checkly, Nagios,
// Icinga, New Relic, Honeycomb wording; Dutch besides the five languages).
// First run: severity 25/40, chatter 29/40. The classes: camel-case alert
// names ("...WillFillIn6Days") not read as words; an HTTP status taken as
// a measured count, and a fraction against its baseline read as a backlog;
// "420/min -> 0/min"; a query's 5xx ratio; "failing from all locations";
// deleted records with no backup; customer data found online; "works
// normally", "nothing failing yet" and UI glitches; "only used by the
// team"; "N % van ... faalt", "Erfolgsquote ... bei", "aucune erreur",
// "funcionan con normalidad", "the other regions work"; in chat, quoted
// product names ("the 'X' newsletter"), "since lunch", "didn't run",
// "charging people twice", duplicated bookings, Dutch "werkt niet meer"
// and "geplande migratie". After those: severity 40/40, chatter 39/40.
// It has tuned rules since, so it is no longer held out.

// Held-out cases written without reading the rules; industries: golf clubs, climbing gyms, cinemas, tennis courts, EV charging, vending machines, driving schools, solar farms, pet shelters, concert ticketing, vet clinics, parking meters, fishing licences, universities, scuba schools, piano tuning, board-game cafés, hay auctions, music festivals, archery ranges, school lunches, tailoring, saunas, bowling, perfume workshops, tattoo studios, surf schools, cideries, bonsai nurseries, breweries, campervan hire, libraries, hot-air balloons, yoga studios, laundromats, music schools, tea shops, agriturismi, truffle shops, bike hire, karaoke bars; 2026-12-05.
package triage

import "testing"

var severityHeldout16 = []sevCase{
	// ---- English ----
	{"golf tee-time booking failing everywhere", Signal{
		Title:    "Checkly: check 'book-tee-time' FAILED",
		Text:     "Browser check 'book-tee-time' failing from all 6 locations for 14 min. POST /reservations returns 503. Last successful run 10:02 UTC.",
		Severity: "warning",
	}, 1, P1, "every customer cannot book; label says warning"},
	{"climbing gym check-in api down", Signal{
		Title:    "Nagios CRITICAL: checkin-api HTTP",
		Text:     "CRITICAL - Socket timeout after 10 seconds. checkin-api unreachable on all 3 nodes, kiosks at every gym show 'service unavailable'.",
		Severity: "critical",
	}, 2, P2, "total outage of a tier-2 service"},
	{"cinema payment success ratio collapsed", Signal{
		Title:    "New Relic: payment_success_ratio below baseline",
		Text:     "payment_success_ratio = 0.61 over last 20 min (7-day baseline 0.987). Affects web and app checkout.",
		Severity: "info",
	}, 1, P1, "success ratio far below usual level; label info"},
	{"tennis court booking slow but succeeding", Signal{
		Title:    "Honeycomb trigger: court-booking p99 latency",
		Text:     "p99 duration_ms = 4200 (SLO 1500) for POST /courts/book over 30 min. Error rate 0.02 %, unchanged from baseline. All requests complete.",
		Severity: "critical",
	}, 1, P2, "slow, no failures; label overstates"},
	{"one EV charging site failing", Signal{
		Title:    "Zabbix: Harbour Road site - sessions not starting",
		Text:     "1 of 41 charging sites (Harbour Road) fails to start charging sessions since 07:50; the other 40 sites are normal.",
		Severity: "P1",
	}, 1, P2, "some users affected at one site; label says P1"},
	{"vending planogram export batch failed", Signal{
		Title:    "Job failed: nightly-planogram-export",
		Text:     "Nightly export of planograms to the merchandising team's internal dashboard failed with exit code 1. Machines, payments and the customer app are unaffected.",
		Severity: "critical",
	}, 1, P3, "internal batch only"},
	{"driving school avatar misaligned", Signal{
		Title:    "UI glitch on lesson page",
		Text:     "Instructor avatar images are shifted 10px to the left on the lesson booking page in Safari. Booking and payment work normally.",
		Severity: "warning",
	}, 1, P3, "cosmetic"},
	{"solar farm scada disk forecast", Signal{
		Title:    "Prometheus: DiskWillFillIn6Days",
		Text:     "annotations: summary=\"predict_linear(node_filesystem_avail_bytes[6h], 6*86400) < 0 on scada-hist-01\" description=\"volume /data 71% used, nothing failing yet\"",
		Severity: "critical",
	}, 1, P3, "forecast, nothing failing"},
	{"pet shelter volunteer bucket exposed", Signal{
		Title:    "Public bucket with volunteer PII",
		Text:     "The volunteer-roster bucket was set to public read. It contains volunteers' home addresses and phone numbers; access logs show downloads from unknown IPs over the last 3 days.",
		Severity: "info",
	}, 3, P2, "breach on a tier-3 service is at least P2"},
	{"concert ticketing customer dump on paste site", Signal{
		Title:    "Security: customer database extract found online",
		Text:     "A paste containing 40,000 customer emails and password hashes was found; security confirmed the rows match our production accounts table.",
		Severity: "",
	}, 1, P1, "breach on tier 1"},
	{"vet clinic notes deleted", Signal{
		Title:    "Appointment notes missing after migration",
		Text:     "The schema migration at 02:00 deleted appointment notes for the last 3 days across all clinics. Point-in-time backups for that table are not available.",
		Severity: "warning",
	}, 1, P1, "data loss on tier 1; label says warning"},
	{"parking app charging ten times the rate", Signal{
		Title:    "Tariff deploy: wrong hourly rate",
		Text:     "Since the 09:00 deploy every parking session is charged EUR 25.00/h instead of EUR 2.50/h, in all zones. Roughly 3,000 sessions charged so far.",
		Severity: "minor",
	}, 1, P1, "wrong amount charged to everyone; label says minor"},
	{"fishing licence senior discount wrong", Signal{
		Title:    "Senior discount not applied",
		Text:     "Senior licences are priced at the full adult rate; about 4 % of today's orders are affected. All other licence types price correctly.",
		Severity: "",
	}, 1, P2, "wrong values for some customers"},
	{"course timetable stale", Signal{
		Title:    "Replication lag on student portal",
		Text:     "Student portal timetable view is about 3 hours behind the registrar database (replica lag 10,900 s). Registrations themselves succeed and are recorded.",
		Severity: "warning",
	}, 1, P2, "stale data"},
	{"scuba booking tiny error rate", Signal{
		Title:    "CloudWatch alarm: dive-booking 5XXError",
		Text:     "5XX ratio 0.4 % over 1 h (baseline 0.3 %). Latency normal.",
		Severity: "critical",
	}, 1, P3, "under 1 % failing, near baseline; label says critical"},
	{"piano tuning booking elevated errors", Signal{
		Title:    "error_ratio high: tuning-booking",
		Text:     "error_ratio=0.03 (baseline 0.001) for 25 min",
		Severity: "P1",
	}, 1, P2, "under 5 % failing but clearly above normal; label P1"},
	{"board game cafe reservations failing", Signal{
		Title:    "TableReservations5xxHigh",
		Text:     "annotations: summary=\"sum(rate(http_requests_total{job=\\\"tables\\\",code=~\\\"5..\\\"}[5m])) / sum(rate(http_requests_total{job=\\\"tables\\\"}[5m])) = 0.17\"",
		Severity: "warning",
	}, 1, P1, "17 % failing; numbers only"},
	{"hay auction photo archive down", Signal{
		Title:    "UptimeRobot: photo-archive is DOWN",
		Text:     "Monitor 'hay-auction-photo-archive' is DOWN (HTTP 502) for 2 h. All past-lot photos unavailable.",
		Severity: "critical",
	}, 3, P3, "tier-3 outage, no data loss"},
	{"festival gate scanners reject everyone", Signal{
		Title:    "Opsgenie: gate-scan rejects",
		Text:     "9 of 9 gate scanners at the main entrance rejecting all wristbands since 16:05; queue outside growing.",
		Severity: "P3",
	}, 0, P1, "unknown tier, flow fully stopped; label P3"},
	{"archery booking minor errors unknown tier", Signal{
		Title:    "Icinga: range-booking HTTP WARNING",
		Text:     "0.3 % of requests returned 502 over the last hour (baseline 0.25 %).",
		Severity: "critical",
	}, 0, P3, "minor even treated as tier 1"},
	{"school lunch orders queue stuck", Signal{
		Title:    "Queue depth alarm: lunch-orders",
		Text:     "lunch-orders queue depth 48,000 (threshold 2,000); consumer throughput 0 msg/s for 25 min. No orders confirmed since 08:10.",
		Severity: "warning",
	}, 1, P1, "flow fully stopped"},
	{"tailoring orders backlog", Signal{
		Title:    "Backlog above threshold: alteration-orders",
		Text:     "Backlog 3,200 (threshold 1,000), draining at ~60 % of normal rate. Confirmation emails delayed ~10 min; no failed orders.",
		Severity: "critical",
	}, 1, P2, "delayed, not failing; label says critical"},
	{"sauna booking throughput zero", Signal{
		Title:    "Throughput drop: booking-confirmations",
		Text:     "Confirmations 420/min -> 0/min for 20 min. Payment provider shows charges succeeding but no bookings created.",
		Severity: "info",
	}, 1, P1, "throughput collapse, flow stopped; label info"},
	{"bowling reservations slow in APAC", Signal{
		Title:    "Azure Monitor: lane-reservations response time (southeastasia)",
		Text:     "Average response time 3.6 s in Southeast Asia region (normally 400 ms); other regions normal. No failed requests.",
		Severity: "",
	}, 1, P2, "one region slow"},
	{"perfume workshop email typo", Signal{
		Title:    "Typo in confirmation email",
		Text:     "The footer of the workshop confirmation email says 'Thnak you'. Not urgent, can go in next week's release.",
		Severity: "",
	}, 1, P3, "cosmetic, reporter says not urgent"},
	{"tattoo scheduler token leaked", Signal{
		Title:    "Leaked admin token used",
		Text:     "An admin API token for the studio scheduler was committed to a public repo; audit log shows it was used to export the full client list (names, phone numbers) yesterday.",
		Severity: "warning",
	}, 2, P2, "breach on tier 2"},

	// ---- Spanish ----
	{"surf school payments all failing", Signal{
		Title:    "Pagos fallando en reservas de clases",
		Text:     "Desde las 10:05 el 100 % de los pagos fallan con error 500; ningún cliente puede reservar clases de surf.",
		Severity: "warning",
	}, 1, P1, "all customers blocked"},
	{"cidery warehouse panel down", Signal{
		Title:    "Panel interno de inventario caído",
		Text:     "El panel de inventario de la sidrería no carga. Solo lo usa el equipo de almacén; la tienda online y los pedidos funcionan con normalidad.",
		Severity: "critical",
	}, 1, P3, "internal-only staff tooling"},
	{"bonsai shop old prices charged to all", Signal{
		Title:    "Precios incorrectos en la tienda",
		Text:     "Tras la importación de anoche, todos los productos muestran y cobran el precio de 2019 (un 30 % más bajo) a todos los clientes.",
		Severity: "baja",
	}, 1, P1, "wrong prices charged to everyone"},

	// ---- German ----
	{"brewery shop orders deleted", Signal{
		Title:    "Bestellungen gelöscht",
		Text:     "Durch ein fehlerhaftes Cleanup-Skript wurden alle Bestellungen von gestern 14-18 Uhr unwiederbringlich gelöscht; kein Backup vorhanden.",
		Severity: "info",
	}, 2, P2, "data loss on tier 2"},
	{"campervan checkout success rate", Signal{
		Title:    "Checkout-Erfolgsquote eingebrochen",
		Text:     "Checkout-Erfolgsquote der Wohnmobil-Vermietung seit 30 Minuten bei 42 % (normal 97 %).",
		Severity: "warning",
	}, 1, P1, "success ratio far below normal"},
	{"library loans slow", Signal{
		Title:    "Ausleihe langsam",
		Text:     "p99-Latenz der Ausleihe 3,8 s (SLO 1 s). Fehlerquote unverändert bei 0,01 %, alle Ausleihen werden abgeschlossen.",
		Severity: "kritisch",
	}, 1, P2, "slow without failures; label kritisch"},

	// ---- French ----
	{"hot air balloon flights priced zero", Signal{
		Title:    "Prix à 0 € sur tous les vols",
		Text:     "Depuis la mise en production de 11h, le site affiche et facture 0 € pour tous les vols en montgolfière, pour tous les clients.",
		Severity: "info",
	}, 1, P1, "wrong price for everyone"},
	{"yoga api certificate expiry warning", Signal{
		Title:    "Certificat TLS bientôt expiré",
		Text:     "Le certificat TLS de l'API des cours de yoga expire dans 12 jours. Aucune erreur pour l'instant.",
		Severity: "critique",
	}, 1, P3, "forecast, nothing failing"},
	{"laundromat one region cannot start cycles", Signal{
		Title:    "Laveries Bretagne : démarrage impossible",
		Text:     "Les clients de la région Bretagne (1 région sur 13) ne peuvent pas démarrer de cycle via l'application ; les autres régions fonctionnent normalement.",
		Severity: "",
	}, 1, P2, "one region affected"},

	// ---- Portuguese ----
	{"music school enrolment elevated errors", Signal{
		Title:    "Erros no portal de matrículas",
		Text:     "2,5 % das requisições ao portal de matrículas da escola de música falhando nos últimos 40 min (normal 0,05 %).",
		Severity: "P1",
	}, 1, P2, "under 5 % but clearly above normal; label P1"},
	{"tea shop card data leak", Signal{
		Title:    "Vazamento de dados de cartão",
		Text:     "Confirmado: um script malicioso no checkout da loja de chás capturou dados de cartão de todos os clientes desde segunda-feira.",
		Severity: "aviso",
	}, 1, P1, "security breach tier 1"},

	// ---- Italian ----
	{"agriturismo online check-in down", Signal{
		Title:    "Check-in online non funziona",
		Text:     "Tutti i check-in online dell'agriturismo falliscono (HTTP 500 al 100 %) da un'ora.",
		Severity: "critico",
	}, 2, P2, "total outage of a tier-2 service"},
	{"truffle shop button colour", Signal{
		Title:    "Colore del pulsante sbagliato",
		Text:     "Il pulsante 'Aggiungi al carrello' nella pagina dei tartufi è grigio invece che verde. Gli acquisti funzionano regolarmente.",
		Severity: "alta",
	}, 1, P3, "cosmetic"},

	// ---- Dutch ----
	{"bike hire rentals failing unknown tier", Signal{
		Title:    "Fietsverhuur: verhuurverzoeken mislukken",
		Text:     "12 % van de verhuurverzoeken faalt sinds 08:40 (normaal 0,1 %).",
		Severity: "waarschuwing",
	}, 0, P1, "12 % failing, tier unknown"},
}

var chatterHeldout16 = []chatCase{
	// ---- incidents (true) ----
	{"is it just me or is the tee-time page taking forever to load today?", true},
	{"not urgent, but the sauna booking confirmation emails stopped arriving since lunch. when someone has a sec", true},
	{"oh great, the parking app is charging people twice again 🙃 love that for us", true},
	{"anyone else getting 502s from the vet portal? might be my wifi tbh", true},
	{"the festival wristband scanners at gate C keep beeping red for perfectly valid tickets", true},
	{"heads up: ticket PDFs are coming out blank for some folks", true},
	{"quick q - should the bowling leaderboard still show yesterday's scores? it hasn't updated since 8am", true},
	{"lol the EV charger map shows every single station as 'offline' even though drivers are charging fine", true},
	{"hmm, the nightly export to the finance share didn't run, the file's just missing", true},
	{"karaoke queue has been stuck on the same song for 20 min and nobody can skip it", true},
	{"the 'Outage Alerts' SMS for the golf club members isn't sending at all since this morning", true},
	{"me again 😅 the tattoo booking widget just shows a spinner forever on mobile", true},
	{"¿Soy yo o la web de reservas de clases de surf va lentísima?", true},
	{"no es urgente, pero el formulario de adopción de mascotas no guarda los datos", true},
	{"Kurze Frage: ist es normal, dass der Checkout im Wohnmobil-Shop seit 10 Minuten hängt?", true},
	{"Na toll, die Bibliotheks-App wirft schon wieder Fehler 500 😒", true},
	{"Est-ce que c'est moi ou les paiements des laveries échouent depuis ce matin ?", true},
	{"gente, o app da escola de música não está carregando as aulas de ninguém", true},
	{"scusate, le prenotazioni dell'agriturismo risultano duplicate, qualcuno può controllare quando ha un attimo?", true},
	{"Volgens mij werkt inloggen bij de fietsverhuur niet meer, ik krijg steeds een time-out", true},

	// ---- chatter (false) ----
	{"Reminder: planned maintenance on the sauna booking DB Saturday 02:00-04:00 UTC, expect a short read-only window", false},
	{"Postmortem for last Tuesday's parking app double-charge is up, please add comments before Friday", false},
	{"Huge thanks to everyone who jumped on the festival scanner outage last weekend 🙏", false},
	{"The 'Outage Alerts' newsletter for the climbing gym went out fine this morning, 4k opens already", false},
	{"Retro for the vet portal incident is Thursday 3pm, invite coming", false},
	{"All clear: the cinema payment errors are resolved, success rate back at 99.8 % for the last hour", false},
	{"who's bringing cake for Marta's farewell? 🎂", false},
	{"What's the process for requesting a new on-call rotation for the archery team?", false},
	{"lol our new 'Crash Course' onboarding video for the driving school is honestly great", false},
	{"joke of the day: why did the bowling ball go to therapy? it kept ending up in the gutter 🎳", false},
	{"Deploying the new tee-time search UI at 14:00 behind a feature flag, no downtime expected", false},
	{"Congrats to the vending team on 365 days without a sev1 🎉", false},
	{"FYI: we're sunsetting the old kiosk app next month, migration guide is in the wiki", false},
	{"Mantenimiento programado del portal de reservas de surf el domingo de 1:00 a 3:00", false},
	{"Wer kommt heute mit zum Mittagessen beim Italiener?", false},
	{"Entwarnung: Die Bibliotheks-App läuft wieder normal, alle Checks sind grün.", false},
	{"Notre nouvelle offre « Panne Zéro » pour les bornes de recharge a été lancée aujourd'hui, bravo l'équipe !", false},
	{"Alguém sabe qual é o processo para pedir acesso ao painel de métricas?", false},
	{"Buon weekend a tutti! Ci vediamo lunedì 🍕", false},
	{"De geplande migratie van de fietsverhuur-database is vanavond om 22:00, er wordt geen downtime verwacht.", false},
}

func TestSeverityWorldHeldout16(t *testing.T) {
	runSevSample(t, "severity held-out 16", severityHeldout16)
}

func TestChatterWorldHeldout16(t *testing.T) {
	runChatSample(t, "chatter held-out 16", chatterHeldout16)
}
