package triage

// heldout9_test.go is a ninth sample of severity (30) and chatter (30)
// cases, written by a helper that did not read the rules, with alerts in
// the wording of CloudWatch, Sentry, Nagios and Datadog and reports with
// slang, emoji and sarcasm. First run: severity 22/30, chatter 23/30.
// The classes: failing shares stated before what fails ("18% of scans
// returning 504", "N (5xx percent)"), "totally down" and "nobody can buy",
// a measured outage with the tier unknown taken at its worst, French
// "impossible", forecasts, breaches and data leaks in other languages,
// Dutch failures, things that "died", empty output and "0 bytes", figures
// "off by", German "spinnt" and blank pages, "is it normal that ... takes".
// After those: 30/30 and 30/30. It has tuned rules since, so it is no
// longer held out.

import (
	"testing"
)

var severityHeldout9 = []sevCase{
	{"rescue dispatch 5xx cloudwatch", Signal{Title: `ALARM: "rescue-dispatch-api-5xx-rate" in state ALARM`, Text: "Threshold Crossed: 1 datapoint [41.7 (5xx percent)] was greater than the threshold (5.0). Mountain rescue dispatch API failing on callout creation.", Source: "generic"}, 1, P1, "42% failing on tier-1 path"},
	{"orchestra seat pick sentry", Signal{Title: `IntegrityError: duplicate key value violates unique constraint "ticket_seat_uniq"`, Text: "142 events, 9 users affected in the last hour. Orchestra ticketing checkout: a handful of patrons get an error when picking a seat that was just released.", Severity: "error", Source: "generic"}, 1, P2, "a few users affected"},
	{"river lock controller nagios", Signal{Title: "CRITICAL - lockgate-ctrl-03 PING CRITICAL - Packet loss = 100%", Text: "River lock 3 remote status dashboard unreachable; gates still operated locally by the lock keeper.", Severity: "critical", Source: "generic"}, 3, P3, "tier-3 outage"},
	{"hydroponic dosing p99 datadog", Signal{Title: "[Triggered] nutrient-dosing-api p99 latency above {{threshold}} ms on {{host.name}}", Text: "p99 latency 4.2s against an SLO of 800ms; requests complete successfully, just slowly.", Severity: "warning", Source: "datadog"}, 1, P2, "p99 over SLO, no failures"},
	{"dental lab upload ratio grafana", Signal{Title: "[FIRING:1] DentalLabCaseUploadSuccessRatio", Text: "case_upload success ratio is 0.41 over 15m (7d baseline 0.995)", Source: "grafana"}, 0, P1, "ratio far below baseline, unknown tier"},
	{"planetarium booking down tier2", Signal{Title: "planetarium show booking site totally down", Text: "nobody can buy tix for tonight's shows, homepage gives 502 for evryone", Source: "slack"}, 2, P2, "tier-2 total outage"},
	{"escape room replica lag", Signal{Title: "EscapeRoomBookingDBReplicaLag", Text: "replica lag 14 minutes; availability calendar shows stale slots on some room listings", Severity: "critical", Source: "alertmanager"}, 1, P2, "stale data, label overstates"},
	{"pawn interest double charge", Signal{Title: "ValueError: rounding mismatch in pawn_loan_interest_calc", Text: "Since this morning's deploy every loan renewal charges customers twice the monthly interest - confirmed on all accounts we checked.", Severity: "warning", Source: "generic"}, 1, P1, "wrong charges to all customers"},
	{"glacier disk forecast", Signal{Title: `ALARM: "glacier-ingest-disk-forecast" in state ALARM`, Text: "Forecast: disk on glacier-ingest-02 reaches 100% in about 9 days at current growth. No errors at present.", Severity: "critical", Source: "generic"}, 1, P3, "forecast, nothing broken"},
	{"drone flight logs wiped tier3", Signal{Title: "data loss on cargo drone flight logs", Text: "retention job deleted the last 3 days of flight logs from the drone-telemetry bucket, no backup for that prefix", Source: "slack"}, 3, P2, "data loss on tier 3"},
	{"ice rink scoreboard tiny errors", Signal{Title: "WARNING - rink-scoreboard-feed: HTTP 500 on 0.3% of requests", Severity: "warning", Source: "generic"}, 1, P3, "under 1% failing"},
	{"mushroom climate error rate", Signal{Title: "climate-control-api error rate {{value}} = 2.8% above {{threshold}} = 1%", Text: "Mushroom farm climate control API; 2.8% of setpoint updates return errors.", Severity: "alert", Source: "datadog"}, 1, P2, "under 5% failing"},
	{"ferry pass typo", Signal{Title: "low priority: typo on ferry boarding pass PDF", Text: "'Vehicule deck' misspelled on the car deck boarding pass. not urgent, passes scan fine.", Source: "slack"}, 1, P3, "cosmetic"},
	{"wind tunnel scheduler throughput zero", Signal{Title: "WindTunnelRunSchedulerThroughputDrop", Text: "runs_scheduled_per_min fell from ~120 to 0 over the last 20 min across all tunnels; scheduler accepts no jobs", Severity: "warning", Source: "alertmanager"}, 1, P1, "throughput collapsed"},
	{"opera admin breach tier2", Signal{Title: "Suspicious admin session: token reused from unrecognized IPs", Text: "Confirmed unauthorized access to the opera house subscriber admin panel; attacker exported the patron list with emails and home addresses.", Severity: "critical", Source: "generic"}, 2, P2, "breach on tier 2"},
	{"mushroom nightly batch", Signal{Title: `ALARM: "nightly-spore-inventory-batch-failures" in state ALARM`, Text: "Internal batch job only: nightly inventory reconciliation failed 3 times, no customer impact, rerun scheduled for 06:00.", Severity: "critical", Source: "generic"}, 2, P3, "internal batch only"},
	{"rescue callouts some regions", Signal{Title: "some rescue teams in the east valley cant see new callouts", Text: "teams in 2 of 11 regions say the mobile app shows no new callouts since 14:10, other regions fine", Source: "slack"}, 1, P2, "some sites affected"},
	{"ice rink gate 504s", Signal{Title: "[Alerting] Ticket scan gate 504s", Text: "ice rink entry gate ticket validation: 18% of scans returning 504 in the last 10 min", Severity: "info", Source: "grafana"}, 1, P1, "18% failing, label understates"},
	{"river lock css pagerduty p1", Signal{Title: "[P1] lock passage booking portal footer broken on Safari", Text: "Footer overlaps the booking button on Safari, button still clickable. Purely visual.", Severity: "P1", Source: "generic"}, 1, P3, "cosmetic, label overstates"},
	{"es escape rooms total outage", Signal{Title: "Caída total del sistema de reservas de salas de escape", Text: "Ningún cliente puede reservar desde hace 25 minutos; la web devuelve error 503 a todo el mundo.", Source: "slack"}, 1, P1, "total outage tier 1"},
	{"es glacier panel slow", Signal{Title: "Latencia alta en el panel de sensores del glaciar", Text: "El p99 del panel está en 6 s (SLO de 1 s); los datos llegan bien pero tarda mucho.", Severity: "warning", Source: "generic"}, 1, P2, "slow, over SLO"},
	{"de wind tunnel data loss", Signal{Title: "Verlust von Messdaten im Windkanal", Text: "Nach dem Speicherausfall sind die Druckmessungen aller Testläufe von gestern unwiederbringlich verloren.", Source: "slack"}, 1, P1, "data loss tier 1"},
	{"de pawn receipts slow two shops", Signal{Title: "Pfandhaus-Kasse: Belegdruck langsam in zwei Filialen", Text: "In zwei von 14 Filialen dauert der Belegdruck ca. 40 Sekunden, sonst läuft alles normal.", Source: "slack"}, 1, P2, "slow at some sites"},
	{"fr orchestra payments all fail", Signal{Title: "Billetterie de l'orchestre : paiement impossible pour tous les clients", Text: "Tous les paiements échouent depuis 20h05, erreur « transaction refusée » sur 100 % des tentatives.", Source: "slack"}, 1, P1, "all payments failing"},
	{"fr planetarium cert forecast", Signal{Title: "Prévision : le certificat TLS du portail du planétarium expire dans 21 jours", Text: "Rien de cassé pour l'instant, renouvellement à planifier.", Severity: "warning", Source: "generic"}, 1, P3, "risk only"},
	{"pt drones confirmations failing", Signal{Title: "Drones de carga: 3,5% das entregas falhando na confirmação", Text: "Taxa de erro de 3,5% na API de confirmação de entrega; o resto do fluxo funciona.", Severity: "critical", Source: "generic"}, 1, P2, "under 5% failing"},
	{"pt dental orders portal down tier2", Signal{Title: "Laboratório dentário: portal de pedidos fora do ar", Text: "Portal de pedidos do laboratório totalmente indisponível, ninguém consegue enviar moldes.", Source: "slack"}, 2, P2, "tier-2 outage"},
	{"it hydroponic breach unknown tier", Signal{Title: "Fattorie idroponiche: violazione dei dati dei clienti", Text: "Confermato accesso non autorizzato al database clienti; esfiltrati indirizzi email e hash delle password.", Source: "slack"}, 0, P1, "breach, unknown tier"},
	{"it opera wrong price few", Signal{Title: "Teatro dell'opera: errore di arrotondamento su pochi biglietti", Text: "Tre o quattro abbonati hanno visto nel carrello un prezzo sbagliato di qualche centesimo.", Source: "slack"}, 1, P2, "wrong values for a few"},
	{"nl ferry deck scans tiny", Signal{Title: "Veerterminal autodek: 0,4% van de kentekenscans mislukt", Text: "Een klein deel van de scans faalt, opnieuw scannen werkt. Geen haast.", Severity: "warning", Source: "generic"}, 1, P3, "tiny failing fraction"},
}

var chatterHeldout9 = []chatCase{
	// English
	{"oh wonderful, the self-checkout kiosk at the rink died on us again 🙃", true},
	{"does anyone know why the nightly export is empty? file is 0 bytes", true},
	{"FYI fixed - the lock schedule page was a stale cache, all good now", false},
	{"handover: quiet shift, no pages, nothing pending 👋", false},
	{"the Party Planner widget won't load for anyone, just spins forever", true},
	{"who's up for pizza after standup? 🍕", false},
	{"Reminder: booking DB migration Saturday 02:00-04:00, short maintenance window planned", false},
	{"postmortem for last week's ferry manifest outage is booked for Thursday 3pm", false},
	{"not urgent but the invoice totals on the pawn portal look off by a few cents", true},
	{"anyone else getting 502s on the telemetry api or is it just me?", true},
	{"how do I rotate my ssh key on the bastion host?", false},
	{"grafana for the mushroom sensors is painfully slow today, like 30s per panel 🐌", true},
	// Spanish
	{"¿alguien sabe por qué el mapa de equipos de rescate no carga? se queda en blanco", true},
	{"¡Gracias a todos por el esfuerzo de ayer, sois unos cracks!", false},
	{"Este sábado actualizamos los servidores de taquilla, habrá un corte programado de 1h", false},
	{"ojo, los precios de la cafetería del planetario salen a 0,00 € en la app", true},
	// German
	{"Die Schleusen-App zeigt seit heute früh falsche Wasserstände an, bitte mal prüfen", true},
	{"Übergabe: ruhige Schicht, keine Alarme, nichts offen", false},
	{"Kurze Frage: wie exportiere ich den Monatsbericht als PDF?", false},
	{"mega, der Drucker im Dentallabor spinnt schon wieder 🙄 nur leere Seiten", true},
	// French
	{"Le module « Apéro » de l'appli ne s'affiche plus chez personne", true},
	{"Le post-mortem de la panne du vestiaire de l'opéra est prévu mardi à 10h", false},
	{"Bravo à l'équipe pour la mise en prod de la 3.2, nickel !", false},
	{"c'est normal que la synchro des capteurs du glacier prenne 20 minutes ?", true},
	// Portuguese
	{"alguém mais tá vendo o checkout das salas de fuga travando? aqui não passa do pagamento", true},
	{"Bom dia pessoal! Quem topa um café às 10?", false},
	{"FYI: o problema do relatório de colheita foi resolvido ontem à noite, já está tudo ok", false},
	// Italian
	{"il tabellone degli orari dei traghetti non si aggiorna da un'ora, non è urgente ma lo segnalo", true},
	{"Domani alle 9 c'è la riunione di pianificazione trimestrale, portate idee", false},
	{"tutto tranquillo sui sistemi della serra, nessun allarme stanotte", false},
}

func TestSeverityWorldHeldout9(t *testing.T) {
	runSevSample(t, "severity held-out 9", severityHeldout9)
}

func TestChatterWorldHeldout9(t *testing.T) {
	runChatSample(t, "chatter held-out 9", chatterHeldout9)
}
