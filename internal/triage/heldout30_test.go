// heldout30_test.go is a thirtieth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, after the
// twenty-eighth's fixes, as people and tools actually write. First run:
// severity 16/30, chatter 25/30. The classes: a value line with no sign
// under an error-type condition ("Current value: 62.3", "value = 0.4127"
// under an error-ratio expression, "Metriekwaarde: 88,2" under
// "percentage mislukte aanvragen"), and a value with a unit ("6.24 s") is
// a latency; an SLO burn rate against its objective is a failing share;
// crash-free sessions and good ratios are success ratios; a count read as
// a share ("replicas_available 2"); charged twice, exposed without
// authentication, downloads from external IPs, leaks, deletions and
// losses in Spanish, Portuguese, Polish and Turkish; a share of places or
// tenants ("3 cafés (of 41)") is reach, not a share of requests; a
// thousand or more people named as affected is a fault at scale; crashes
// are weak words beside a measured share; "used by the staff" is internal;
// "members' booking is unaffected"; product names in quotes ("the perfume
// « Blackout Intense »") and "pixels" as cosmetic. After: severity 29/30
// (left: one club of 140 at 100 % errors, read as all), chatter 28/30
// (after "X instead of Y", "got it three times" and Portuguese "não tão
// chegando" were read). It has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: EV charging networks, cinema chains, golf courses, parcel lockers, marathon race timing, car washes, perfume makers, online chess clubs, karaoke bars, museum audio guides, oyster farms, board game cafés, tennis court booking, mushroom farms, hot-air balloon rides.
package triage

import "testing"

var severityHeldout30 = []sevCase{
	// P1
	{"ev charging alertmanager expr value 0.41", Signal{Title: "[FIRING:1] ChargeSessionStartErrors chargegrid-session-api (prod)", Text: "Labels:\n - alertname = ChargeSessionStartErrors\n - severity = warning\n - service = chargegrid-session-api\nAnnotations:\n - summary = Session start error ratio high\n - expr = sum(rate(session_start_total{result=\"error\"}[5m])) / sum(rate(session_start_total[5m])) > 0.05\n - value = 0.4127\nSource: http://prometheus.internal:9090/graph?g0.expr=session_start_total", Severity: "warning", Service: "chargegrid-session-api"}, 1, P1, "41% of charging session starts fail on tier 1; the impact is only in the expression value"},
	{"cinema checkout slo burn rate 213", Signal{Title: "[ALERT - Warning] SLO burn rate for checkout availability on cinetix-prod", Text: "Google Cloud Monitoring\nPolicy: cinetix checkout fast burn\nCondition: select_slo_burn_rate(\"projects/cinetix-prod/services/checkout/serviceLevelObjectives/avail-999\", \"3600s\") > 10\nValue: 213.6\nSLO goal: 99.9% good requests. Observed good ratio (1h): 0.7864.\nIncident started 19:42 CET.", Severity: "WARNING", Service: "cinetix-checkout"}, 1, P1, "burn rate 213 on a 99.9% SLO, good ratio 0.79: about 21% of ticket checkouts fail"},
	{"golf tee time checkly 6 of 6", Signal{Title: "Checkly: 'Tee time – book & pay' failed in 6/6 locations", Text: "Check 'Tee time – book & pay' (browser check) is failing.\nLocations: eu-west-1 ✗, eu-central-1 ✗, us-east-1 ✗, us-west-2 ✗, ap-southeast-2 ✗, sa-east-1 ✗\nError: TimeoutError: waiting for selector \"#confirm-booking\" failed: timeout 30000ms exceeded\nFirst failure 07:02, 14 consecutive failures. The pro shop confirms no online tee time has been booked since 07:00.", Severity: "degraded"}, 1, P1, "booking flow broken everywhere on tier 1; 'degraded' label understates"},
	{"parcel locker new relic 62 percent", Signal{Title: "New Relic: Critical violation – Error percentage > 5 on 'locker-gateway'", Text: "Condition: Error percentage (Web) above 5 for at least 5 minutes\nEntity: locker-gateway (APM)\nCurrent value: 62.3\nTransaction: /api/v1/compartments/{id}/open\nOpened: 2026-12-05 17:26 UTC", Severity: "critical", Service: "locker-gateway"}, 1, P1, "62% of compartment-open requests fail on tier 1"},
	{"stadtlauf ergebnisliste leer", Signal{Title: "Zeitmessung Stadtlauf: Ergebnisliste leer", Text: "Weiterleitung vom Zielbereich: Seit dem Start um 09:00 kommen keine Chipzeiten in der Ergebnis-App an. Die Ergebnisliste ist für alle 8.400 Läuferinnen und Läufer leer, auch die Urkunden lassen sich nicht abrufen. Die Matten im Ziel zeichnen auf, aber es wird nichts übertragen.", Severity: "niedrig"}, 1, P1, "results missing for every runner on tier 1; 'niedrig' label is wrong"},
	{"lavado ilimitado cobro duplicado", Signal{Title: "Cobro duplicado suscripción Lavado Ilimitado", Text: "Ojo: el cobro mensual de la suscripción 'Lavado Ilimitado' se ha ejecutado dos veces esta madrugada. 11.240 clientes tienen dos cargos de 29,90 € en la tarjeta y ya están entrando quejas por WhatsApp.", Severity: "baja"}, 1, P1, "money charged wrongly to many on tier 1"},
	{"parfums commandes disparues migration", Signal{Title: "Commandes disparues après la migration de la base boutique", Text: "Après la migration de cette nuit, toutes les commandes passées entre mardi 18h et jeudi 6h (2 310 commandes) n'existent plus dans la base. La sauvegarde de mardi 17h est la plus récente et il n'y a pas de journal de transactions pour la période. Les clientes ont été débitées mais on n'a plus aucune trace de ce qu'elles ont commandé.", Severity: "moyenne"}, 1, P1, "data loss on tier 1"},
	{"xadrez indice jogadores exposto", Signal{Title: "Elastic Security: índice 'jogadores' exposto publicamente", Text: "Alerta do Elastic Security repassado pelo plantão: o cluster de busca do clube de xadrez online ficou aberto na internet sem autenticação desde sábado. Os logs de acesso mostram três downloads completos do índice 'jogadores' (212 mil contas com e-mail, data de nascimento e hash de senha) a partir de IPs externos.", Severity: "P3"}, 1, P1, "breach exposing customer data on tier 1; P3 label is wrong"},
	{"karaoke zabbix operational data 71", Signal{Title: "Problem: Room booking error ratio > 5% on kbox-web01", Text: "Problem started at 21:04:11 on 2026.12.05\nProblem name: Room booking error ratio > 5% on kbox-web01\nHost: kbox-web01\nSeverity: Average\nOperational data: 71.4 %\nOriginal problem ID: 8812245", Severity: "Average", Service: "kbox-booking"}, 1, P1, "71% of karaoke room bookings fail on tier 1, only in the operational data"},
	{"audiotour azure sev4 88 procent", Signal{Title: "Fired: Sev4 Azure Monitor alert 'audiotour-api mislukte aanvragen' on audiotour-prod", Text: "Waarschuwingsregel: audiotour-api mislukte aanvragen\nErnst: Sev4\nVoorwaarde: percentage mislukte aanvragen > 5\nMetriekwaarde: 88,2\nBeschrijving: bezoekers kunnen de audiotour in de museum-app niet starten; bijna iedereen krijgt 'Tour kon niet geladen worden'.", Severity: "Sev4", Service: "audiotour-api"}, 1, P1, "88% failing on tier 1; Sev4 label understates"},

	// P2
	{"oyster wholesale p99 slow no errors", Signal{Title: "[P1] Triggered: oyster-orders p99 latency above SLO on env:prod", Text: "avg(last_15m):p99:trace.http.request.duration{service:oyster-orders,env:prod} > 1.5\nValue: 6.24 s\nError rate over the same window: 0.00 % – restaurants' wholesale orders all go through, just slowly.\n@slack-oyster-oncall", Severity: "P1", Service: "oyster-orders"}, 1, P2, "slow beyond SLO without failures; P1 label overstates"},
	{"board game cafes apac better stack", Signal{Title: "Better Stack: Incident started – 'Table reservations' is down in Asia-Pacific", Text: "Monitor: Table reservations (https://book.meeplecafe.example)\nRegions: Singapore ✗ Tokyo ✗ | Frankfurt ✓ London ✓ Virginia ✓ Oregon ✓\nCause: Connection timeout\nOur 3 APAC cafés (of 41) confirm guests there can't reserve tables; Europe and US are booking normally.", Severity: "high"}, 1, P2, "one region of many"},
	{"locker pickup honeycomb 2.7", Signal{Title: "Honeycomb trigger fired: locker-pickup 5xx percentage", Text: "Trigger: locker-pickup 5xx percentage\nQuery: COUNT WHERE http.status_code >= 500, as a percentage of COUNT, last 10 minutes\nResult: 2.7 (threshold: > 1)\nDataset: locker-api-prod", Severity: "critical", Service: "locker-api"}, 1, P2, "2.7% failing is degraded, not an outage"},
	{"laddkartan gammal status", Signal{Title: "Laddkartan visar gammal status", Text: "Hej! Statusen på laddstolparna i appen har inte uppdaterats sedan 06:10, alltså drygt tre timmar gammal. Inga anrop misslyckas och det går att starta laddning, men kartan visar lediga stolpar som upptagna och tvärtom.", Severity: "kritisk"}, 1, P2, "stale data, nothing failing"},
	{"golf splunk one club of 140", Signal{Title: "Splunk Alert: teesheet_errors_by_club", Text: "The scheduled search 'teesheet_errors_by_club' returned 1 result.\nclub_id=MCST-014 club_name=\"Montecastillo Golf\" errors=1284 error_rate=100%\nAll other 139 clubs on the platform: error_rate=0.0%.\nMembers of that club cannot open the tee sheet or book.", Severity: "high"}, 1, P2, "one tenant of many"},
	{"chess pairing icinga tier 2", Signal{Title: "** PROBLEM Service Alert: chess-pairing/http is CRITICAL **", Text: "***** Icinga *****\nNotification Type: PROBLEM\nService: http\nHost: chess-pairing\nState: CRITICAL\nAdditional Info: CRITICAL - Socket timeout after 10 seconds\nDate/Time: 2026-12-05 18:40:02 +0100\nRound pairings cannot be generated, so all running tournaments are paused.", Severity: "CRITICAL", Service: "chess-pairing"}, 2, P2, "outage of a tier-2 service"},
	{"campi tennis supplemento serale minoranza", Signal{Title: "Prenotazioni campi: supplemento serale applicato per sbaglio", Text: "Dall'aggiornamento di ieri, alle prenotazioni fatte dalla vecchia app Android (circa il 4% del totale, 63 clienti finora) viene addebitato il supplemento illuminazione serale anche per le partite di mattina. Web e iOS calcolano il prezzo giusto.", Severity: "critica"}, 1, P2, "wrong amounts for a minority"},
	{"grzyby newsletter wyciek tier 3", Signal{Title: "Wyciek danych – stary serwer newslettera", Text: "Stary serwer newslettera farmy grzybów (nieużywany od wiosny) miał publicznie dostępny katalog z eksportem listy subskrybentów: ok. 3 100 adresów e-mail z imionami. W logach widać pobrania pliku z zewnętrznych adresów IP. Sklep i zamówienia działają normalnie.", Severity: "niski"}, 3, P2, "breach on tier 3 is P2"},
	{"balon ucus kayitlari kayboldu", Signal{Title: "Balon uçuş kayıtları kayboldu", Text: "Pilot uçuş kayıt sistemindeki 3 ve 4 Aralık kayıtları silinmiş, yedekten de geri yüklenemiyor. Müşteri rezervasyonları etkilenmedi ama o iki günün uçuş kayıtları tamamen gitti.", Severity: "düşük"}, 2, P2, "data loss on a tier-2 service"},
	{"car wash dynatrace failure rate 3.8", Signal{Title: "Dynatrace problem P-261205-17: Failure rate increase on CarWashPaymentService", Text: "Problem P-261205-17 OPEN\nFailure rate increase\nService: CarWashPaymentService (web request service)\nFailure rate: 3.8 % (baseline 0.3 %)\nFailed requests: 212 of 5,580 in the last 5 minutes\nImpacted entities: 1 service, 0 applications", Severity: "ERROR", Service: "carwash-payments"}, 1, P2, "1-5% failing is degraded"},

	// P3
	{"cinema android crash 41 users", Signal{Title: "Sentry: [cinetix-android] IllegalStateException: SeatMapView not attached to window", Text: "Level: fatal\nEvents: 48 · Users: 41 (last 24h)\nSessions in the same period: 62,310 – crash-free sessions 99.93 %\nRelease: 8.14.1\nStack: SeatMapView.onDetachedFromWindow", Severity: "fatal", Service: "cinetix-android"}, 1, P3, "well under 1% of sessions affected; 'fatal' is Sentry's level"},
	{"ev db disk predict_linear", Signal{Title: "[Alerting] ChargeGrid DB disk full forecast", Text: "Grafana alert rule: chargegrid-db disk forecast\nQuery A: predict_linear(node_filesystem_avail_bytes{instance=\"cg-db-1\",mountpoint=\"/var/lib/postgresql\"}[6h], 4*24*3600)\nCondition: A < 0\nValue: A=-1.21e+10\nCurrent free: 182 GB (31 %). No errors, replication healthy.", Severity: "critical", Service: "chargegrid-db"}, 1, P3, "forecast only, nothing failing"},
	{"golf greenkeeping scheduler internal", Signal{Title: "ALARM: \"greenkeeping-scheduler-errors\" in EU (Ireland)", Text: "You are receiving this email because your Amazon CloudWatch Alarm \"greenkeeping-scheduler-errors\" in the EU (Ireland) region has entered the ALARM state, because \"Threshold Crossed: 1 datapoint [6.0 (05/12/26 05:10:00)] was greater than or equal to the threshold (1.0).\"\nThe mowing-schedule generator used by the greenkeeping staff failed its last 6 runs; members' tee-time booking is unaffected.", Severity: "High"}, 1, P3, "internal-only tool"},
	{"karaoke song wall uptime kuma tier 3", Signal{Title: "[Karaoke Song Wall] [🔴 Down] Request failed with status code 502", Text: "Uptime Kuma\nMonitor: Karaoke Song Wall (https://songwall.kbox.example)\nStatus: 🔴 Down\nMessage: Request failed with status code 502\nTime (Europe/Berlin): 2026-12-05 22:14:08\nIt's the 'most requested songs' screen in the bars; nothing is stored there.", Severity: ""}, 3, P3, "tier-3 outage without breach or data loss"},
	{"parfum blackout intense photo decalee", Signal{Title: "Fiche produit « Blackout Intense » : photo du flacon décalée", Text: "Sur la fiche du parfum « Blackout Intense », la photo du flacon est décalée de quelques pixels vers la droite sur mobile. Le panier, les prix et le paiement fonctionnent normalement.", Severity: "haute"}, 1, P3, "cosmetic; 'Blackout' is the product name"},
	{"car wash staff rota queue age", Signal{Title: "Opsgenie: [Datadog] Oldest message age on staff-rota-sync is 14m", Text: "aws.sqs.approximate_age_of_oldest_message{queue:staff-rota-sync} = 842 s (threshold 600 s). The queue feeds the internal staff rota app for the car wash sites; customer payments and wash programs are unaffected.", Severity: "P2"}, 1, P3, "queue behind on an internal-only tool"},
	{"audio guide transcript headings can wait", Signal{Title: "PagerDuty: [High urgency] Audio guide app: Spanish transcripts show English headings", Text: "Triggered via email integration by visitor services: \"In the museum app the Spanish transcript of tours 12–14 shows the headings in English. Audio plays fine. Honestly this can wait until after the weekend.\"", Severity: "high"}, 1, P3, "cosmetic and the reporter says it can wait"},
	{"balloon booking elastic 0.6", Signal{Title: "Elastic Observability: Error rate threshold breached for balloon-booking", Text: "Rule: APM transaction error rate\nService: balloon-booking (production)\nTransaction type: request\nError rate: 0.6% over the last 15 minutes (threshold 0.5%)\n9 failed of 1,512 requests; the customers retried successfully.", Severity: "critical", Service: "balloon-booking"}, 1, P3, "under 1% failing"},
	{"planovac sklizne interni", Signal{Title: "Plánovač sklizně nefunguje", Text: "Interní plánovač sklizně hub od rána padá s chybou 500. Používají ho jen mistři na halách, e-shop i rozvoz objednávek jedou normálně. Klidně to počká do pondělí.", Severity: "kritická"}, 3, P3, "internal tier-3 tool, can wait"},
	{"timing api replicas down to 2 of 3", Signal{Title: "[Warn] Datadog: timing-api replicas down to 2/3 after node rotation", Text: "kubernetes_state.deployment.replicas_available{deployment:timing-api} = 2 (desired 3) for 10m during the planned node pool rotation. All requests served, error rate 0.00 %, p95 180 ms (SLO 500 ms). No customer saw an error.", Severity: "critical", Service: "timing-api"}, 1, P3, "reduced redundancy, nothing failing; 'down to' is a count"},
}

var chatterHeldout30 = []chatCase{
	// incidents
	{"is the locker app down for anyone or is it just me?? cant open compartment 14 at Hauptbahnhof 😩", true},
	{"bit of a pickle: the EV chargers at the Leeds depot show 'available' but won't start a session, 3 drivers stuck there", true},
	{"smol issue, golf app shows tee times in UTC instead of local since the update so everyone's off by an hour lol", true},
	{"\"oh great, the cinema app charged me twice for the same seats. love that for me 🙃\" – customer tweet, fwd by the social team, 4 more like it", true},
	{"Fwd from a customer: \"Hi, I booked the sunset balloon flight for Saturday and got the confirmation email three times, each with a different booking number. Which one is real??\"", true},
	{"why does the karaoke booking page take like 40 secs to load on mobile, is that a feature now?", true},
	{"marathon live tracking map stopped updating around km 25 for most runners, families are asking at the info tent", true},
	{"Oye, ¿se ha caído lo de las reservas de pistas de tenis? A varios socios no les deja reservar, les sale la pantalla en blanco", true},
	{"Kurze Frage: Ist die Waschanlage in Köln-Ehrenfeld bei euch auch offline? Die Kunden stehen da und das Terminal nimmt keine Karten 🙈", true},
	{"Les audioguides de la salle 3 parlent allemand alors que les visiteurs ont choisi le français, c'est pas urgent mais bon…", true},
	{"Pessoal, os pedidos de ostras dos restaurantes de Lisboa não tão chegando no sistema desde umas 10h, alguém vê isso?", true},
	{"Raga, la scacchiera del torneo online non carica più le mosse, i giocatori stanno impazzendo", true},
	{"Het bordspelcafé in Gent kan sinds vanochtend geen reserveringen meer bevestigen, de bevestigingsmail komt gewoon niet aan", true},
	{"Paidia, to site me ta aromata den anoigei katholou, vgazei error 503 edo kai misi ora", true},
	{"fyi the mushroom box subscription page says 'sold out' for every size but the warehouse has 400 boxes in stock 🤔", true},

	// chatter
	{"Reminder 🛠️ planned maintenance on the EV charging payment gateway Sun 02:00–03:30 CET, chargers accept RFID cards only during the window", false},
	{"Postmortem for last Thursday's locker outage is in Notion, tl;dr expired cert, action items assigned", false},
	{"lol who named the new perfume 'System Failure'? marketing is unhinged 😂 launch is Friday btw", false},
	{"Can someone give me access to the Sentry project for the cinema app? need it for onboarding", false},
	{"Launching 'Total Meltdown Mondays' at all our karaoke bars next week – half-price rooms for heavy metal night 🤘", false},
	{"How do I export the tee sheet for a single day as CSV? nothing's broken, I just can't find the button", false},
	{"Capacity planning: marathon registrations are expected to triple in March, do we need more DB replicas for the timing API or is the current headroom fine?", false},
	{"Thanks team for the smooth balloon festival weekend, zero pages 🎈 the only thing that failed was my attempt at the group photo 😂", false},
	{"my chess rating went down to 1840 after that blitz tournament, brutal 😅", false},
	{"Heads up, the Critical Mass ride goes past the Ehrenfeld car wash tonight, expect more walk-ins than usual 🚲", false},
	{"Aviso: el mantenimiento programado del túnel de lavado de Valencia será el martes de 6 a 7, el túnel estará cerrado durante ese rato", false},
	{"Weiß jemand, wie man in Grafana eine Variable für die Region der Ladesäulen anlegt? Ist nichts kaputt, ich bau nur ein neues Dashboard.", false},
	{"Retrospectiva do incidente da bilheteria do cinema da semana passada: quinta às 15h, sala Lisboa", false},
	{"Kto idzie w piątek na firmową wigilię na farmie grzybów? 🍄", false},
	{"Il nostro nuovo volo in mongolfiera si chiama 'Caduta Libera' 😅 lancio ufficiale sabato!", false},
}

func TestSeverityWorldHeldout30(t *testing.T) {
	runSevSample(t, "severity held-out 30", severityHeldout30)
}

func TestChatterWorldHeldout30(t *testing.T) {
	runChatSample(t, "chatter held-out 30", chatterHeldout30)
}
