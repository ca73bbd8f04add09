// heldout18_test.go is an eighteenth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, after the
// sixteenth sample's classes were fixed: it measures those fixes on cases
// they were not tuned on. First run: severity 22/30, chatter 20/30. The
// classes: prices "at EUR 0.00" for everyone; longer subjects of "... are
// unaffected" and "only the staff use it"; "completely stopped" (and its
// glosses); "N% HTTP 500", "N de M ... fallaron"; mistranslated labels and
// "ça peut attendre" as cosmetic and low urgency; Dutch "loopt achter",
// "verouderd", "geen ... meer", "alle ... mislukken"; in chat "won't
// upload", "take like 30s", "reject every ticket", "completely empty",
// "frozen again", stuck "since this morning" in other languages,
// yesterday's listings, and a quoted name being launched. After those:
// severity 29/30, chatter 29/30. It has tuned rules since, so it is no
// longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: dentistry chains, container ports, mountain huts, opera houses, seed banks, funeral homes, esports leagues, model railways, beauty salons, greenhouses, sign-language interpreting, fountain pens, falconry, ice rinks, escape rooms, beekeeping supplies, planetariums, chimney sweeps, riding stables, pick-your-own orchards, puppet theatres, botanical gardens, cheese shops.
package triage

import "testing"

var severityHeldout18 = []sevCase{
	{"dental booking all 503", Signal{Title: "Uptime Kuma: smilechain-booking is DOWN", Text: "All 4 probes get HTTP 503 for 12 min; the online appointment booking page returns 503 for every patient.", Severity: "info"}, 1, P1, "tier-1 booking fully down; info label is wrong"},
	{"port gate api 2.7 percent", Signal{Title: "Datadog monitor: gate-pass-api error rate 2.7%", Text: "gate-pass-api error rate 2.7% over the last 15m (baseline 0.1%). Most truck gate-ins still succeed.", Severity: "critical"}, 1, P2, "1-5% failing is degraded, not outage; critical label overstates"},
	{"mountain hut bookings 38 of 40", Signal{Title: "Hüttenreservierung: Buchungen schlagen fehl", Text: "38 von 40 Buchungsversuchen in den letzten 10 Minuten enden mit HTTP 500. Gäste können keine Übernachtung reservieren.", Severity: "low"}, 1, P1, "95% of bookings failing on tier 1; low label is wrong"},
	{"opera seats priced zero", Signal{Title: "Opera seat map prices wrong", Text: "Since the 14:00 deploy the seat map shows every Stalls seat at EUR 0.00 for every visitor, and orders are completing at EUR 0.00.", Severity: ""}, 1, P1, "wrong prices shown and charged to everyone on tier 1"},
	{"seed bank nightly report", Signal{Title: "CloudWatch alarm: germination-report-export FAILED", Text: "Nightly germination report export failed. Only the curation staff use it and tomorrow's run is fine; the public catalogue and seed requests are unaffected.", Severity: "critical"}, 1, P3, "internal batch only, no customer impact"},
	{"funeral home bucket exposed", Signal{Title: "Sentry security alert: obituary-drafts bucket public", Text: "Bucket obituary-drafts was world-readable; it holds family contact details (names, phones, home addresses). Access logs show downloads from unknown IPs.", Severity: "low"}, 3, P2, "breach on tier 3 is at least P2"},
	{"esports results deleted", Signal{Title: "Match results missing after migration", Text: "The 03:00 migration deleted results for 212 weekend league matches. There is no backup of the results table.", Severity: "warning"}, 1, P1, "data loss on tier 1"},
	{"model railway forum down", Signal{Title: "Nagios: SERVICE CRITICAL trainshop-forum HTTP", Text: "CRITICAL - connection refused, 100% of checks failing for 25 min on the hobby forum.", Severity: "critical"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"salon reservas p99 lento", Signal{Title: "Reservas de salón de belleza lentas", Text: "New Relic: p99 de la API de reservas en 4,2 s (SLO 1,5 s). Ningún error, 0 peticiones fallidas, todo se completa, solo lento.", Severity: "critical"}, 1, P2, "p99 over SLO without failures is degraded"},
	{"greenhouse disk forecast", Signal{Title: "Grafana forecast: climate-logger disk full in ~9 days", Text: "Linear prediction says /data on climate-logger fills in about 9 days at current growth. 61% used now, nothing failing.", Severity: "high"}, 1, P3, "forecast only, nothing failing yet"},
	{"interpretes reservas paradas", Signal{Title: "Plateforme d'interprètes : aucune réservation", Text: "Aucune réservation d'interprète en langue des signes confirmée depuis 45 min (habituellement ~60 par heure). Le flux de réservation est complètement arrêté.", Severity: ""}, 1, P1, "customer flow fully stopped on tier 1"},
	{"fountain pen footer logo", Signal{Title: "Footer logo misaligned on Safari", Text: "The footer logo on the fountain pen shop is a few pixels off on Safari. Checkout, search and payments all work fine.", Severity: "major"}, 1, P3, "cosmetic only"},
	{"falconeria pagamenti una regione", Signal{Title: "Pagamenti falliti in eu-south", Text: "Gli utenti della regione eu-south non riescono a pagare le esperienze di falconeria; quella regione è circa il 2% del traffico, le altre regioni funzionano.", Severity: "critical"}, 1, P2, "one small region affected, ~2% of requests"},
	{"ice rink checkout ratio", Signal{Title: "CloudWatch: rink-tickets checkout success ratio 41%", Text: "Checkout success ratio 41% over the last 20 min (usual 99%).", Severity: "warning"}, 1, P1, "success ratio far below usual on tier 1"},
	{"escape room tier unknown", Signal{Title: "New Relic alert: escaperoom-booking-api error rate 12.4%", Text: "Error rate 12.4% over the last 10 minutes on booking API.", Severity: "low"}, 0, P1, "unknown tier judged as tier 1; >5% failing"},
	{"escape room hints minor", Signal{Title: "Elastic watcher: puzzle-hints 5xx", Text: "0.3% of requests to puzzle-hints return 500; the other 99.7% are fine.", Severity: "high"}, 0, P3, "under 1% failing"},
	{"imkerij tracking achter", Signal{Title: "Ordertracking loopt achter", Text: "De sync-job van de imkerwinkel hangt: de trackingstatus van bestellingen loopt 6 uur achter, klanten zien verouderde status. Bestellen zelf werkt.", Severity: "critical"}, 1, P2, "stale data is degraded"},
	{"planetario fora do ar", Signal{Title: "Site de reservas do planetário fora do ar", Text: "O site de reservas do planetário está totalmente fora do ar, 100% de erros 502 há 20 minutos.", Severity: "critical"}, 2, P2, "total outage of a tier-2 service"},
	{"chimney sweep db wiped", Signal{Title: "Appointment DB lost on sweep-scheduler", Text: "Disk failure wiped the last 3 days of chimney sweep appointments; no backup exists for that period.", Severity: "info"}, 3, P2, "data loss on tier 3"},
	{"stables admin breach", Signal{Title: "Unauthorised admin login on stables portal", Text: "Admin login from an unknown foreign IP exported all rider medical notes; the account owner did not do it.", Severity: "critical"}, 2, P2, "breach on tier 2"},
	{"orchard api key leak", Signal{Title: "Leaked API key used by attacker", Text: "Production API key for the pick-your-own orchard shop was pushed to a public GitHub repo; access logs show it was used to read 18,000 customer card tokens.", Severity: "medium"}, 1, P1, "security breach on tier 1"},
	{"port customs backlog", Signal{Title: "Zabbix: customs-declaration queue backlog 48000", Text: "Backlog 48,000 messages; throughput dropped from 900/min to 3/min. Trucks cannot get customs release at the terminal.", Severity: "warning"}, 1, P1, "throughput collapse stops customer flow"},
	{"zahnarzt doppelt berechnet", Signal{Title: "Doppelte Abrechnung bei einigen Rechnungen", Text: "Bei etwa 3% der heutigen Patientenrechnungen der Zahnarztkette wurde die Behandlung doppelt berechnet; die übrigen Rechnungen sind korrekt.", Severity: "P1"}, 1, P2, "wrong charges for some, not everyone"},
	{"esports ranking 2 de 400", Signal{Title: "Errores en la API de clasificación", Text: "2 de 400 solicitudes a la API de clasificación del torneo fallaron en la última hora.", Severity: "critical"}, 1, P3, "0.5% failing is minor"},
	{"stylos traduction bouton", Signal{Title: "Traduction allemande erronée", Text: "Sur la boutique de stylos plume, le libellé allemand du bouton 'Panier' est mal traduit. Rien d'autre ne pose problème, ça peut attendre lundi.", Severity: ""}, 1, P3, "cosmetic, reporter says it can wait"},
	{"opera wiki interno giu", Signal{Title: "Wiki interno del teatro giù", Text: "Il wiki interno del teatro dell'opera non risponde da un'ora. Nessun dato perso.", Severity: "alta"}, 3, P3, "tier-3 internal tool down"},
	{"puppet theatre numbers only", Signal{Title: "ticket-checkout 5xx", Text: "5xx: 1,870 / 24,000 req (7.8%) last 5m", Severity: ""}, 1, P1, "7.8% failing on tier 1"},
	{"botanical renewals numbers only", Signal{Title: "membership-renewals errors", Text: "errors 96/4,000 (2.4%) last 15m", Severity: ""}, 1, P2, "2.4% failing is degraded"},
	{"kassen bestellingen 100 procent", Signal{Title: "Kassen-bestelportaal: alle bestellingen mislukken", Text: "Sinds 09:10 mislukken alle bestellingen van kwekers in het kassenportaal, 100% HTTP 500.", Severity: "info"}, 1, P1, "full outage on tier 1"},
	{"cheese shop staff report slow", Signal{Title: "Azure Monitor: backoffice report latency", Text: "The back-office sales report page takes 40 s to load for staff. Customer storefront and checkout are unaffected.", Severity: "high"}, 1, P3, "staff tooling only"},
}

var chatterHeldout18 = []chatCase{
	{"lol is it just me or is the seat map on the opera site completely empty?? 🙃", true},
	{"Great, the port gate kiosk is frozen AGAIN. Love that for us 🙄", true},
	{"not sure if related but a couple of our dentists say x-rays won't upload since lunch, maybe?", true},
	{"Die Buchungsseite der Eishalle lädt seit 10 Minuten nicht mehr", true},
	{"Le paiement des réservations de fauconnerie échoue pour certains clients", true},
	{"Los pedidos del banco de semillas se quedan atascados en 'procesando' desde esta mañana", true},
	{"O painel do campeonato de esports está mostrando placares errados", true},
	{"Il calendario dei saloni di bellezza non mostra gli appuntamenti di oggi", true},
	{"De sensoren in de kassen sturen al een uur geen data meer", true},
	{"anyone else seeing checkout take like 30s on the fountain pen store? kinda painful", true},
	{"wow, 10/10 performance from the interpreter video bridge today, only dropped every single call twice 👏", true},
	{"fyi the funeral home obituary page still shows yesterday's listings, today's are missing", true},
	{"model railway shop confirmation emails are going out with the wrong order totals", true},
	{"hmm, are the mountain hut SMS confirmations not arriving anymore?", true},
	{"Volunteers at the door say the ice rink turnstiles reject every QR ticket 😬", true},
	{"Postmortem for last Tuesday's port gate outage is up, please review before Friday", false},
	{"Huge thanks to everyone who jumped on the dental imaging incident yesterday 🙏", false},
	{"Reminder: planned maintenance on the opera ticketing DB Sunday 02:00-04:00 UTC", false},
	{"Who approves access requests for the greenhouse Grafana?", false},
	{"Our new 'Crash Course' for falconry beginners launches next week!", false},
	{"All clear: seed bank search is back to normal, closing the incident", false},
	{"Retro zum Ausfall der Eishallen-Kasse am Montag um 15 Uhr, bitte alle kommen", false},
	{"Mantenimiento programado del sistema de reservas del salón este sábado de 1 a 3", false},
	{"Merci à tous pour la gestion de la panne d'hier sur la plateforme d'interprétation", false},
	{"Alguém quer pedir pizza para o almoço do time?", false},
	{"Qualcuno sa come si richiede l'accesso alla dashboard di monitoraggio?", false},
	{"Alles weer in orde: het boekingssysteem van de berghutten werkt weer normaal, incident gesloten", false},
	{"Our esports team 'Server Meltdown' just won the regional final 🎉", false},
	{"Why did the model train go to therapy? Too many loco-motives 🚂", false},
	{"Can someone explain how we decide between P2 and P3 for the dental chain services?", false},
}

func TestSeverityWorldHeldout18(t *testing.T) {
	runSevSample(t, "severity held-out 18", severityHeldout18)
}

func TestChatterWorldHeldout18(t *testing.T) {
	runChatSample(t, "chatter held-out 18", chatterHeldout18)
}
