package triage

// heldout15_test.go is a fifteenth sample of severity (30) and chatter (30)
// cases, written by a helper that did not read the rules (Dynatrace, Google
// Cloud Monitoring, Sensu wording). First run: severity 19/30, chatter
// 22/30. The classes: a measured share under the outage line makes vague
// "failing" words partial; cosmetic faults stay cosmetic however many see
// them; "sluggish" and "takes 20-30 s"; "no <x>-facing impact", "internal
// batch only"; "a handful of veg box customers"; stolen tokens; German
// "18 % aller Zahlungen ... fehl"; stale data and "the rest works" in
// other languages; "va in timeout"; "hours late", "has been missing",
// "showing 0"; "all good ... except"; "ci" in Italian is not CI. After
// those: severity 26/30, chatter 29/30. It has tuned rules since, so it is
// no longer held out.

import "testing"

// Held-out cases written against the written policy only, without reading
// the engine's rules. Industries: ice-cream vans, harp makers, tide-gauge
// networks, circus ticketing, pigeon racing, wedding venues, tuk-tuk rentals,
// organic box schemes, caving clubs, robot lawnmowers, pottery kilns, rowing
// regattas.

var severityHeldout15 = []sevCase{
	{"ice-cream ordering site down from every probe", Signal{Title: "Statuscake: Website 'Frostbite Ices - book a van' is DOWN", Text: "Status code 503 from London, Dublin, Manchester and Leeds test locations. Down for 23 minutes. Nobody can book a van visit.", Severity: "down"}, 1, P1, "all customers cannot book"},
	{"harp configurator slow but succeeding", Signal{Title: "CheckHttp CRITICAL: harp-configurator /quote p99 4.8s (SLO 1.5s)", Text: "sensu-agent harpworks-web-03: 0 errors in last 500 requests, latency only.", Severity: "critical"}, 1, P2, "p99 over SLO, no failures"},
	{"public tide-table API failure rate 7 percent", Signal{Title: "Problem P-2417: Failure rate increase on Web request service tidetables-public-api", Text: "Failure rate of /v1/predictions increased to 7.2 % (baseline 0.3 %). 12,400 requests/min impacted. Status: OPEN", Severity: "ERROR"}, 1, P1, ">=5% failing on tier-1 customer path"},
	{"circus seat checkout good-request ratio collapsed", Signal{Title: "Incident #0.mz91 opened: seat-checkout SLI below threshold", Text: "Policy 'seat-checkout SLI': ratio of good requests is 0.41 for resource big-top-tickets-prod (usual 0.99). Condition met since 19:02.", Severity: "Warning"}, 0, P1, "success ratio far below usual, unknown tier"},
	{"pigeon race-clock sync tiny error share", Signal{Title: "ALARM: \"loftclock-sync-error-rate\" in EU (Ireland)", Text: "Threshold Crossed: 1 out of the last 1 datapoints [0.6 (13/05/24 07:10:00)] was greater than the threshold (0.5). Error percentage of race-clock sync invocations: 13 of 2,150.", Severity: "ALARM"}, 1, P3, "under 1% failing"},
	{"wedding venue calendar shows booked dates as free", Signal{Title: "Larkspur Hall calendar showing June Saturdays as free", Text: "hey - the public availability calendar for ALL our venues shows every saturday in june as open even tho they're booked. couples are literally paying deposits for taken dates. pls look asap", Severity: ""}, 1, P1, "wrong values shown to all customers"},
	{"tuk-tuk handover queue fifty times threshold", Signal{Title: "check-rabbitmq-queue CRITICAL: rental-handover depth 48213 (crit 1000)", Text: "tuktuk-broker-01: messages ready 48213, consumers 0", Severity: "critical"}, 1, P1, "backlog ~48x threshold, flow stopped"},
	{"box scheme slot picker slow in one region", Signal{Title: "Slot picker sluggish around Tyneside", Text: "A handful of veg box customers in the north-east say the delivery slot picker takes 20-30 s to show anything. Everywhere else is fine.", Severity: "high"}, 1, P2, "slow for some users"},
	{"caving trip-log uploads lost on tier 2", Signal{Title: "Survey uploads lost after trip-log DB restore", Text: "After last night's restore of the caving club trip-log database, three days of members' cave survey uploads are gone and they are not in the backup either.", Severity: "sev1"}, 2, P2, "data loss on tier 2"},
	{"mower firmware notes site fully down tier 3", Signal{Title: "Statuscake alert: firmware-notes.mowbot.example is DOWN", Text: "HTTP 502 from all test locations for 41 min. Site hosts the robot mower firmware changelog pages.", Severity: "critical"}, 3, P3, "total outage of tier-3 service"},
	{"kiln schedule push unavailable for every kiln", Signal{Title: "Problem P-880 AVAILABILITY: kiln-schedule-push unavailable", Text: "Service kiln-schedule-push has 0 successful calls in 15 minutes. Impact: all connected customer kilns (3,912 devices) sit idle, firing programs not delivered.", Severity: "AVAILABILITY"}, 1, P1, "all customers cannot fire kilns"},
	{"regatta results feed stale", Signal{Title: "Incident opened: results-feed data freshness above threshold", Text: "Metric custom.googleapis.com/regatta/results_age_seconds = 72000 for resource results-publisher (threshold 600). Heat times on the public results page are from yesterday.", Severity: "Error"}, 1, P2, "stale data"},
	{"harp string portal customer export stolen", Signal{Title: "string-order portal: admin account compromised", Text: "Found our admin creds on a paste site this morning. Audit log shows a login from an unknown IP at 04:12 and an export of the full customer address table. Account locked now but the data is out.", Severity: ""}, 1, P1, "security breach, tier 1"},
	{"tide-gauge crew wiki read with stolen token", Signal{Title: "Stolen token used on gauge-crew wiki", Text: "An access token belonging to a maintenance contractor was used from an unknown network to read pages on the internal tide-gauge crew wiki, including the page listing site gate codes.", Severity: "low"}, 3, P2, "breach on tier 3"},
	{"circus group bookings total outage tier 2", Signal{Title: "group-bookings: 100% of requests 5xx", Text: "Circus group-booking service completely down since 10:40, every request returns 503.", Severity: "P1"}, 2, P2, "tier-2 outage"},
	{"pigeon ring registry nightly export failed", Signal{Title: "Nightly ring-registry export FAILED", Text: "Cron job ring_registry_export exited 1 at 03:00. Internal batch only - feeds the federation's monthly stats spreadsheet, no fancier-facing impact; will rerun tonight.", Severity: "error"}, 1, P3, "internal batch only"},
	{"tuk-tuk fare quote lambda p99 high", Signal{Title: "ALARM: \"fare-quote-p99-duration\" in Asia Pacific (Thailand)", Text: "Threshold Crossed: 3 datapoints [9214.0, 8870.5, 9402.1] were greater than the threshold (3000.0). Function fare-quote p99 Duration (ms). Errors: 0.", Severity: "ALARM"}, 1, P2, "p99 over SLO"},
	{"box scheme card payments failing three percent", Signal{Title: "checkout payment failures 3.1%", Text: "Card payments on the box-scheme checkout failing at 3.1% over the last 30 min (normal ~0.2%). Retries mostly go through.", Severity: "critical"}, 1, P2, "under 5% failing"},
	{"cave permit throughput collapsed", Signal{Title: "permit-requests throughput anomaly", Text: "Cave access permit throughput fell from ~340/min to 2/min at 09:15; no errors logged, requests just are not completing.", Severity: "info"}, 0, P1, "throughput collapsed, unknown tier"},
	{"mower blade subscription double charge for a few", Signal{Title: "Some blade-subscription customers double charged", Text: "Support has 40ish tickets from customers charged twice for this month's blade subscription (out of ~61k subscribers). Refunds being prepared.", Severity: "P1"}, 1, P2, "wrong charge for a few"},
	{"es ice-cream app blank for everyone", Signal{Title: "La app de pedidos de helados no carga", Text: "Desde las 15:10 ningún cliente puede abrir la app para pedir la furgoneta de helados, todos ven la pantalla en blanco. Pasa en Android e iOS.", Severity: ""}, 1, P1, "all users cannot order"},
	{"es regatta rules pdf font not urgent", Signal{Title: "No es urgente: reglamento de la regata con tipografía rara", Text: "El PDF del reglamento de la regata de primavera sale con una fuente distinta a la del año pasado. Se lee bien, es solo estético.", Severity: "alta"}, 1, P3, "cosmetic, not urgent"},
	{"de mower subscription payments 18 percent failing", Signal{Title: "Zahlungen für Mähroboter-Abos schlagen fehl", Text: "Seit 08:30 schlagen 18 % aller Zahlungen im Abo-Checkout für Rasenmähroboter fehl (502 vom Zahlungsanbieter).", Severity: "warning"}, 1, P1, ">=5% failing on tier-1 path"},
	{"de harp workshop footer year", Signal{Title: "Nicht dringend: falsches Jahr im Footer", Text: "Auf der Website der Harfenwerkstatt steht unten noch (c) 2022. Kein Einfluss auf Bestellungen, nur unschön.", Severity: ""}, 1, P3, "cosmetic"},
	{"fr kiln firing records wiped", Signal{Title: "Perte de données : fiches de cuisson disparues", Text: "Les fiches de cuisson des 48 dernières heures ont disparu pour tous les ateliers de poterie abonnés, la réplication a écrasé la base principale.", Severity: "mineur"}, 1, P1, "data loss on tier 1"},
	{"fr circus e-tickets missing in one city", Signal{Title: "Billetterie cirque : e-billets non reçus à Lyon", Text: "Quelques spectateurs des représentations de Lyon ne reçoivent pas leur e-billet par mail, les autres villes sont OK.", Severity: "critique"}, 1, P2, "some users, one site"},
	{"pt tuk-tuk fleet panel down tier 2", Signal{Title: "Painel de frota dos tuk-tuks fora do ar", Text: "O painel de frota usado pelos parceiros de aluguer de tuk-tuk está completamente em baixo desde as 14h, erro 500 em todas as páginas.", Severity: "crítico"}, 2, P2, "tier-2 outage"},
	{"pt box shop certificate expiry forecast", Signal{Title: "Previsão: certificado TLS expira em 12 dias", Text: "O certificado do domínio da loja de cabazes biológicos expira daqui a 12 dias. Ainda nada afetado, é só um aviso antecipado.", Severity: "urgente"}, 1, P3, "forecast, nothing broken"},
	{"it tide readings success ratio 12 percent", Signal{Title: "Rete mareografica: tasso di successo letture pubbliche al 12%", Text: "Il tasso di successo delle richieste all'API pubblica delle maree è sceso al 12% (di solito 99,8%).", Severity: "avviso"}, 0, P1, "success ratio far below usual"},
	{"it pigeon live standings stale", Signal{Title: "Gare colombi: classifica live ferma", Text: "La classifica live della gara di colombi mostra dati vecchi di 40 minuti, gli arrivi nuovi non compaiono. Il resto del sito funziona.", Severity: "critico"}, 1, P2, "stale data"},
}

var chatterHeldout15 = []chatCase{
	// English
	{"is it just me or does the regatta entry form spin forever after you hit submit?", true},
	{"oh great, the kiln dashboard is showing 0°C for every kiln again. love that for us", true},
	{"not urgent but the loft export has been missing the Tuesday pigeon races since last week", true},
	{"tuk-tuk fares on the quote page look off by a factor of ten?? people getting 4500 for a 20 min ride", true},
	{"fyi mower app push notifications are landing about 2 hours late", true},
	{"all good on my side except the harp-shop invoice PDFs are coming out blank", true},
	{"happy friday all 🍦 the van crew is bringing leftover gelato to the office at 4", false},
	{"Reminder: maintenance window Sunday 02:00-04:00 UTC, the ticketing DB fails over to the new primary. Expect brief read-only mode.", false},
	{"Postmortem for last Thursday's harp-shop checkout outage is in the doc, root cause was the expired cert. Comments by Wed please.", false},
	{"Handover: quiet night, no pages, tide gauge ingest green throughout. Nothing to report.", false},
	{"huge thanks to Odalys for sorting yesterday's veg box delivery outage so fast 🙌", false},
	{"why did the robot lawnmower break up with the hedge trimmer? too many cutting remarks", false},
	// Spanish
	{"¿A alguien más le falla el login de la app de helados? me sale error 500 desde hace un rato", true},
	{"Ojo, no es urgente, pero el mapa de cuevas no carga las fotos en el móvil", true},
	{"Notas de la versión 3.2: corregido el error que duplicaba reservas de tuk-tuk, nuevo modo oscuro", false},
	{"Buenos días equipo, ¿quién se apunta a la comida del viernes?", false},
	// German
	{"Die Ticketseite vom Zirkus lädt bei mir seit 10 Minuten nicht, hängt beim Bezahlen", true},
	{"Super, schon wieder zeigt das Regatta-Board die falschen Bootsnamen an. Echt toll.", true},
	{"Wir suchen Verstärkung: Backend-Entwicklerin (m/w/d) für die Pegelnetz-Plattform, Start im März", false},
	{"Status-Update: alle Brennofen-Controller online, keine Fehler in den letzten 24 h, alles im grünen Bereich", false},
	// French
	{"Les commandes de paniers bio n'arrivent plus à l'entrepôt depuis ce matin, quelqu'un regarde ?", true},
	{"C'est normal que les résultats des courses de pigeons affichent encore ceux de dimanche dernier ?", true},
	{"Intervention planifiée jeudi soir : migration du cluster de la billetterie du cirque, aucune action requise", false},
	{"Bienvenue à Maëlle qui rejoint l'équipe salles de mariage aujourd'hui ! Pensez à lui ouvrir les accès", false},
	// Portuguese
	{"Gente, os robôs corta-relva não estão a receber a agenda nova, continuam a cortar às 6h da manhã", true},
	{"A queda de ontem no sistema de aluguer de tuk-tuks já foi resolvida, o relatório final segue amanhã", false},
	{"Alguém sabe como exportar a planilha de sócios do clube de espeleologia para CSV?", false},
	// Italian
	{"Il pagamento delle iscrizioni alla regata va in timeout, ma solo con Satispay", true},
	{"Grazie mille a Tiberio per il lavoro sul nuovo forno, i clienti sono entusiasti!", false},
	{"Domanda veloce: è normale che il sito dei furgoni gelato ci metta 20 secondi a caricare la home?", true},
}

func TestSeverityWorldHeldout15(t *testing.T) {
	runSevSample(t, "severity held-out 15", severityHeldout15)
}

func TestChatterWorldHeldout15(t *testing.T) {
	runChatSample(t, "chatter held-out 15", chatterHeldout15)
}
