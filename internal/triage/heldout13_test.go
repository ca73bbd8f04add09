package triage

// heldout13_test.go is a thirteenth sample of severity (40) and chatter
// (40) cases, written by a helper that did not read the rules, with New
// Relic, Splunk, Icinga and Kubernetes wording and labels in other
// languages. First run: severity 25/40, chatter 31/40. The classes: an
// alert's bare comparison ("> 7.2% for 10 minutes") as a lower bound of
// what it measured, "per minute = 0 ... baseline", "HOST DOWN", "only the
// pier site is affected; the other sites ... normally", everyone locked
// out with the tier unknown, "instead of" and negative durations as wrong
// values, success and error rates and usual levels written in other
// languages, "weder ... noch", "all ... failing" and "no customer impact"
// in other languages, lost and missing orders, duplicate bookings, zero
// prices, "not received", blurry logos. After those: severity 36/40,
// chatter 39/40. It has tuned rules since, so it is no longer held out.

import (
	"testing"
)

var severityHeldout13 = []sevCase{
	{"grooming checkout all probes 503", Signal{Title: "SERVICE ALERT: groom-web;checkout_http;CRITICAL;HARD;3;HTTP CRITICAL - 503 Service Unavailable", Text: "All 12 probes failing since 09:14, no booking can be paid", Severity: "CRITICAL"}, 1, P1, "total outage of tier-1 checkout"},
	{"allotment lottery draw error rate 7%", Signal{Title: "New Relic: Error percentage > 7.2% on WebTransaction/Controller/lottery/draw for at least 10 minutes", Severity: "warning"}, 1, P1, "over 5% failing on tier-1 path"},
	{"sauna reserve errors 2%", Signal{Title: "Error rate 2.1% on WebTransaction/Controller/sauna/reserve", Text: "Threshold 1% breached", Severity: "critical"}, 1, P2, "under 5% failing, label overstates"},
	{"yarn orders per minute zero", Signal{Title: "Splunk alert 'yarn_orders_throughput' triggered", Text: "count(orders) per minute = 0 over last 15m, baseline 140/min", Severity: "medium"}, 1, P1, "throughput collapsed"},
	{"kiln scheduler crashloop internal", Signal{Title: "Warning BackOff pod/kiln-scheduler-7d9f6c-x2lq Back-off restarting failed container", Text: "kiln-scheduler is an internal nightly batch job feeding staff dashboards only; no customer traffic", Severity: "Warning"}, 3, P3, "internal batch only"},
	{"hive sensor ingest queue 48x", Signal{Title: "Watch [hive_sensor_ingest_lag] fired", Text: "ctx.payload.hits.total: ingest queue depth 48,000 (threshold 1,000)", Severity: "info"}, 1, P1, "backlog tens of times threshold, flow stopped"},
	{"ferris ticket purchase slow", Signal{Title: "Checkly: check 'Ride ticket purchase' is DEGRADED", Text: "Response time 6.8s exceeded degraded threshold of 3s in eu-west-1", Severity: "degraded"}, 1, P2, "slow, still working"},
	{"quarry weighbridge stale tonnage", Signal{Title: "weighbridge app showing yesterdays tonnage", Text: "hey the quarry weighbridge app is showing yesterdays tonnage for every truck, invoicing isnt affected tho, just the screen", Severity: ""}, 2, P2, "stale data"},
	{"choir bookings deleted tier 2", Signal{Title: "Cleanup script wiped March rehearsal bookings", Text: "Ran the archive cleanup on the choir-booking DB against the wrong date range; it removed every rehearsal booking for March across all choirs. Last backup is from 02:00, anything booked after that is gone.", Severity: ""}, 2, P2, "data loss on tier 2"},
	{"kite school api key abused", Signal{Title: "Leaked admin API key used from unknown IP", Text: "Audit log shows a full export of the kite school customer list (names, phone numbers, waiver scans) from 185.x.x.x using the key committed to a public repo", Severity: "low"}, 1, P1, "security breach, label understates"},
	{"railway club renewals charged twice", Signal{Title: "Every membership renewal since 09:00 charged twice", Text: "Model railway club members are all seeing two identical card charges for the annual fee", Severity: ""}, 0, P1, "wrong charge to all customers, unknown tier"},
	{"few yarn customers wrong currency", Signal{Title: "Some shoppers see prices in USD instead of EUR", Text: "Three support tickets so far, all from customers with browser language en-US", Severity: "high"}, 1, P2, "wrong values for a few"},
	{"skatepark media disk forecast", Signal{Title: "[FORECAST] /var/lib/media on skatepark-media-01 predicted full in 9 days", Severity: "critical"}, 1, P3, "forecast, nothing broken"},
	{"puppet seat reservations 0.3% 500", Signal{Title: "0.3% of seat reservation requests returning HTTP 500", Text: "puppet-theatre-booking, last 30m", Severity: "error"}, 1, P3, "tiny failing fraction"},
	{"stained glass logo stretched", Signal{Title: "Footer logo stretched on Safari", Text: "On the studio site the footer logo looks squashed in Safari 17. Everything else renders fine.", Severity: "major"}, 1, P3, "cosmetic"},
	{"aquaponics feed planner down", Signal{Title: "aquaponics-feed-planner DOWN", Text: "All health checks failing, pods not ready", Severity: "critical"}, 2, P2, "tier-2 total outage"},
	{"glassblowing wiki unreachable", Signal{Title: "HOST DOWN: glassblowing-wiki-01 - CRITICAL - connection refused", Severity: "critical"}, 3, P3, "tier-3 outage"},
	{"railway layout photos public bucket", Signal{Title: "Public bucket exposes member addresses", Text: "The layout-photos bucket was world-readable; some uploaded photos include members' home addresses in the captions", Severity: "info"}, 3, P2, "breach on tier 3"},
	{"sauna door unlock ratio collapse", Signal{Title: "sauna_door_unlock success_ratio 0.61", Text: "7-day average 0.995", Severity: "warning"}, 1, P1, "success ratio far below usual"},
	{"grooming slots p99 over SLO", Signal{Title: "p99 latency /groom/slots 2.4s (SLO 800ms)", Severity: "page"}, 1, P2, "p99 over SLO"},
	{"ferris turnstiles one site offline", Signal{Title: "Turnstile scanners offline at pier site", Text: "Only the Brighton pier wheel is affected; the other five sites are scanning normally. Staff are checking tickets by hand.", Severity: ""}, 1, P2, "one site of several"},
	{"honey yield export header order", Signal{Title: "low priority: honey yield CSV export headers in wrong order", Text: "Columns still have the right data, it's just that 'apiary' and 'date' are swapped in the header row. not urgent", Severity: ""}, 2, P3, "minor, low priority"},
	{"allotment portal login fails everyone", Signal{Title: "Nobody can log in to the allotment lottery portal", Text: "every login attempt returns 'invalid session' right after the password step, tried 4 accounts on 3 browsers", Severity: ""}, 0, P1, "all users locked out, unknown tier"},

	// Spanish
	{"es kitesurf bookings total outage", Signal{Title: "Caída total del sistema de reservas de la escuela de kitesurf", Text: "Desde las 8:00 nadie puede reservar clases; la web devuelve error 502 en todas las páginas", Severity: "alta"}, 1, P1, "total outage tier 1"},
	{"es aquaponics dashboard lag", Signal{Title: "Panel de temperaturas del acuapónico con retraso", Text: "Los datos que muestra el panel llevan 40 minutos de retraso respecto a los sensores", Severity: "crítico"}, 1, P2, "stale data"},
	{"es quarry invoice logo pixelated", Signal{Title: "No urgente: logotipo pixelado en la factura PDF", Text: "En las facturas de la cantera el logo sale borroso, los importes están bien", Severity: ""}, 1, P3, "cosmetic, not urgent"},

	// German
	{"de yarn shop payments all failing", Signal{Title: "Alle Zahlungen im Wollladen-Shop schlagen fehl", Text: "Kunden können seit 14:20 weder per Karte noch per PayPal bezahlen", Severity: "hoch"}, 1, P1, "customers cannot pay"},
	{"de sauna booking slow few timeouts", Signal{Title: "Saunabuchung langsam seit dem Deploy", Text: "Antwortzeiten um 5 Sekunden, vereinzelte Timeouts (unter 2 % der Anfragen)", Severity: "warning"}, 1, P2, "slow, under 5% failing"},
	{"de railway club cert expiry forecast", Signal{Title: "Zertifikat für api.modellbahn-club.de läuft in 12 Tagen ab", Severity: "kritisch"}, 1, P3, "risk, nothing broken"},

	// French
	{"fr beekeeping members list exposed", Signal{Title: "Fuite de données : liste des adhérents accessible publiquement", Text: "La liste des membres de la coopérative apicole (e-mails, téléphones) était consultable sans authentification", Severity: "critique"}, 2, P2, "breach on tier 2"},
	{"fr puppet payments success 35%", Signal{Title: "Taux de succès des paiements tombé à 35 %", Text: "Billetterie du théâtre de marionnettes, habituellement 99 %", Severity: "avertissement"}, 0, P1, "success ratio collapsed, unknown tier"},
	{"fr stained glass nightly stock job", Signal{Title: "Échec du job nocturne de rapprochement des stocks", Text: "Traitement batch interne de l'atelier de vitrail uniquement, aucun impact client ; relance prévue ce soir", Severity: "error"}, 1, P3, "internal batch only"},

	// Portuguese
	{"pt ferris ticket queue 35x", Signal{Title: "Fila de envio de bilhetes da roda-gigante com 35.000 mensagens", Text: "Limite configurado: 1.000. Consumidores sem processar desde 10:05", Severity: "aviso"}, 1, P1, "queue tens of times threshold"},
	{"pt skate park map some users", Signal{Title: "App do skate park não carrega o mapa para alguns usuários", Text: "Alguns usuários no Android relatam tela cinza no mapa de sessões; iOS normal", Severity: ""}, 1, P2, "some users"},
	{"pt grooming internal scheduler tier 3", Signal{Title: "Agenda interna do banho e tosa fora do ar", Text: "Sistema interno da equipe indisponível, estão usando planilha enquanto isso", Severity: "critical"}, 3, P3, "tier-3 outage"},

	// Italian
	{"it allotment lottery price zero all", Signal{Title: "Prezzo sbagliato sui biglietti della lotteria degli orti", Text: "Tutti i clienti vedono 0,00 € al checkout e vengono addebitati zero", Severity: "bassa"}, 1, P1, "wrong values for all customers"},
	{"it choir booking slow p95", Signal{Title: "Prenotazione prove del coro lenta", Text: "Il servizio risponde lentamente, p95 a 3 s contro i soliti 400 ms", Severity: ""}, 1, P2, "slow"},
	{"it glassblowing orders lost failover", Signal{Title: "Ordini persi dopo il failover del database", Text: "Mancano tutti gli ordini di vetro soffiato delle ultime 6 ore, non sono nelle repliche", Severity: "media"}, 1, P1, "data loss tier 1"},

	// Dutch
	{"nl puppet theatre till down tier 2", Signal{Title: "Storing: kassa poppentheater onbereikbaar", Text: "De kassa is voor alle bezoekers onbereikbaar sinds 19:00", Severity: "kritiek"}, 2, P2, "tier-2 total outage"},
	{"nl kitesurf booking api 0.4%", Signal{Title: "Foutpercentage boekings-API kitesurfschool 0,4%", Severity: "waarschuwing"}, 1, P3, "tiny failing fraction"},
}

var chatterHeldout13 = []chatCase{
	// English
	{"is it just me or is the grooming calendar taking forever to load today?", true},
	{"oh great, the yarn shop checkout is throwing 500s again. love that for us", true},
	{"not urgent but the quarry blast schedule page shows last week's dates", true},
	{"Reminder: kiln controller firmware upgrade Saturday 06:00-08:00, ticketing will be read-only during the window", false},
	{"Postmortem for last Tuesday's sauna booking outage is up in the wiki, comments by Friday please", false},
	{"huge thanks to Marisol for rescuing the hive sensor dashboards yesterday 🙏", false},
	{"how do I add a new gondola to the ferris wheel maintenance tracker?", false},
	{"Release 4.12.0 of the allotment lottery app: draw history view, dark mode, assorted fixes", false},
	{"handover: quiet night, nothing to report, queues empty, no pages", false},
	{"why would the puppet theatre seat map be missing the balcony row? customers keep asking", true},
	{"Welcome Tobiah to the skatepark platform team! He starts Monday, say hi", false},
	{"Knock knock. Who's there? Kernel panic. 😂", false},
	{"the choir booking email issue from last month is resolved, closing the ticket now", false},
	{"fyi the model railway timetable export gives negative durations for overnight trains", true},
	{"all green on the aquaponics pumps after this morning's restart 👍", false},
	{"anyone else getting logged out of the kite school admin every 2 minutes??", true},

	// Spanish
	{"¿Alguien sabe por qué el pago de la tienda de lanas tarda casi un minuto?", true},
	{"Mañana a las 7:00 reiniciamos los servidores de la noria por mantenimiento programado", false},
	{"Qué maravilla, otra vez sin fotos en la galería del estudio de vitrales. Genial.", true},
	{"Gracias a todos por el esfuerzo con la migración de la cantera, salió perfecta", false},
	{"Ojo, faltan los pedidos de colmenas de ayer en el informe de la cooperativa, no corre prisa", true},

	// German
	{"Kurze Frage: wieso zeigt die Saunabuchung für Donnerstag doppelte Termine an?", true},
	{"Übergabe: keine Vorkommnisse in der Nachtschicht, alles ruhig", false},
	{"Die Störung im Puppentheater-Ticketing von letzter Woche ist behoben, Nachbetrachtung folgt", false},
	{"Die Modellbahn-Webseite lädt seit heute früh extrem langsam, nicht dringend", true},
	{"Wir suchen eine*n SRE für das Team Aquaponik – bitte weitersagen!", false},

	// French
	{"Le formulaire d'inscription de l'école de kitesurf renvoie une page blanche", true},
	{"Bravo à l'équipe pour la sortie de la version 2.3 du site de la verrerie !", false},
	{"Petite question : comment on exporte la liste des ruchers en CSV ?", false},
	{"Super, la grande roue affiche encore des prix à 0 €. Magnifique.", true},
	{"Rappel : maintenance planifiée de la base des tirages au sort des jardins familiaux jeudi soir", false},

	// Portuguese
	{"Gente, o sistema de reservas do banho e tosa está fora do ar?", true},
	{"Bom dia pessoal! Café na copa às 10h 😄", false},
	{"O relatório de vendas de fios de tricô está com os totais errados desde ontem", true},
	{"Status: tudo normal nas pistas do skate park, nenhum alerta", false},
	{"Sem pressa, mas a página do ensaio do coral não mostra mais os horários de sábado", true},

	// Italian
	{"Qualcuno ha notato che le foto della cava non si caricano più nell'app?", true},
	{"Il problema di ieri con le prenotazioni della sauna è stato risolto alle 18", false},
	{"Benvenuta Giorgia nel team del teatro dei burattini!", false},
	{"Le vetrate ordinate online risultano consegnate ma i clienti dicono di non averle ricevute", true},
}

func TestSeverityWorldHeldout13(t *testing.T) {
	runSevSample(t, "severity held-out 13", severityHeldout13)
}

func TestChatterWorldHeldout13(t *testing.T) {
	runChatSample(t, "chatter held-out 13", chatterHeldout13)
}
