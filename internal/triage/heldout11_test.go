package triage

// heldout11_test.go is an eleventh sample of severity (40) and chatter (40)
// cases, written by a helper that did not read the rules, with Azure
// Monitor, Opsgenie, Zabbix, Honeycomb and uptime-checker wording. First
// run: severity 30/40, chatter 26/40. The classes: a success ratio inside
// a metric name ("refund_success_ratio"), people who "cannot" do any
// verb, "fails on all", "all red", small counts of customers as a part,
// "with the old VAT rate", percentages written as words or with decimal
// commas and stated before what fails in other languages, data loss,
// missing backups, internal work, unaffected customers and exposed
// credentials in other languages, "logs me out", "lags", missing data,
// "half of", "instead of" and swapped values, progressive "no están
// imprimiendo", FYI framing, product output called an invite. After
// those: severity 40/40, chatter 38/40 (a bus shown in a lake, and a
// German question about "keine Daten"). It has tuned rules since, so it
// is no longer held out.

import (
	"testing"
)

// Held-out set 11: written from the policy only, without reading the rules.

var severityHeldout11 = []sevCase{
	// English
	{"seaplane checkout error ratio", Signal{Title: "[FIRING:1] BookingCheckoutErrors", Text: "service=seaplane-booking env=prod route=/checkout error_ratio=0.12 for 10m", Severity: "warning", Source: "alertmanager"}, 1, P1, "12% failing on tier-1 customer path"},
	{"vet lab portal down tier 2", Signal{Title: "[DOWN] Vet Lab Results Portal", Text: "Monitor 'results.petlab-north' is DOWN: connection refused (3 retries)", Severity: "critical", Source: "generic"}, 2, P2, "total outage of a tier-2 service"},
	{"school bus route api slow", Signal{Title: "Problem: route-api p99 latency > 4s on bus-tracker-prod", Text: "Zabbix trigger: p99 4.7s, SLO 1.5s. Host bt-app-03. Severity: High", Severity: "high"}, 1, P2, "slow, over SLO"},
	{"deposit refund success ratio collapsed", Signal{Title: "Honeycomb trigger: deposit-refund success below threshold", Text: "refund_success_ratio = 41% over last 15 min (7-day baseline 99.2%)", Severity: "info"}, 0, P1, "success ratio far below usual, unknown tier"},
	{"astronomy newsletter cron", Signal{Title: "Opsgenie: Member newsletter cron job failed", Text: "The weekly internal batch that compiles the astronomy club newsletter exited 1. Internal only, no customer impact.", Severity: "P1", Source: "generic"}, 1, P3, "internal batch, label overstated"},
	{"cheese cellar disk forecast", Signal{Title: "Fired: Predicted disk full on cellar-sensor-db", Text: "Azure Monitor: volume /data projected to reach 100% in 9 days at current growth. Current usage 71%.", Severity: "Sev1"}, 1, P3, "forecast, nothing broken yet"},
	{"dance studio some users cannot book", Signal{Title: "Investigating - Class booking issues for some customers", Text: "We are investigating reports that some dance studio members in the Lisbon region cannot book classes. Other regions unaffected.", Severity: "minor"}, 1, P2, "some users only"},
	{"toll tags prod on fire", Signal{Title: "prod is on fire", Text: "nobody can pay with toll tags at any bridge, every lane says TAG INVALID", Source: "slack"}, 1, P1, "all users cannot pay"},
	{"tea shop double charge", Signal{Title: "Every web order charged twice", Text: "Since the payments deploy at 10:05 every single tea estate shop order has been captured twice on the customer's card. Support queue is exploding. We have not rolled back yet because the deploy also contained the tax fix.", Source: "slack"}, 1, P1, "wrong charges to all customers"},
	{"fountain schedule archive truncated", Signal{Title: "Show-schedule archive table truncated", Text: "Fountain control archive lost the last 6 months of show schedules after a bad migration; no backup found.", Severity: "warning"}, 3, P2, "data loss on tier 3"},
	{"relay recordings public", Signal{Title: "Security: session recordings bucket publicly readable", Text: "Sign-language relay call recordings were world-readable; access logs show downloads from external IPs over the past two days.", Severity: "high"}, 1, P1, "security breach tier 1"},
	{"zip-line waiver kiosk down", Signal{Title: "Pingdom alert: Waiver kiosk API is DOWN", Text: "zipline-waiver-kiosk.example check failed from 4 locations", Severity: "critical"}, 3, P3, "tier-3 outage"},
	{"ski-jump tiny error rate", Signal{Title: "HighErrorRate job=skijump-results path=/scores", Text: "error_rate=0.4% over 5m (threshold 0.25%)", Severity: "critical", Source: "alertmanager"}, 1, P3, "under 1% failing"},
	{"moving quote api 3 percent", Signal{Title: "QuoteAPIErrorRate firing", Text: "instance=quote-api-2 service=movers-quotes error_rate=3.1%", Severity: "warning", Source: "alertmanager"}, 1, P2, "under 5% failing"},
	{"astronomy footer year", Signal{Title: "low priority: events page footer shows 2023", Text: "Not urgent at all, the astronomy club events page copyright still says 2023.", Source: "slack"}, 1, P3, "cosmetic, low priority"},
	{"voting logistics scan throughput collapse", Signal{Title: "Shipment scan events/s dropped from 1,200 to 15", Text: "voting-machine logistics scanner ingest throughput collapsed since 06:10, depots still scanning", Severity: "warning", Source: "grafana"}, 1, P1, "throughput collapsed"},
	{"seaplane dispatch all red tier 2", Signal{Title: "all red", Text: "dispatch board is all red, pilots can't pull any manifests at all", Source: "slack"}, 2, P2, "tier-2 outage"},
	{"cheese humidity stale", Signal{Title: "Cellar humidity dashboard stale", Text: "Humidity readings shown to cellar clients are 3 hours old; ingestion stuck.", Severity: "critical"}, 1, P2, "stale data"},
	{"movers wrong vat few", Signal{Title: "Wrong VAT on some invoices", Text: "Around 20 moving customers got invoices with the old VAT rate this morning.", Severity: "P1"}, 1, P2, "wrong values for a few"},
	{"vet lims admin compromised tier 2", Signal{Title: "Admin account compromised on internal LIMS", Text: "Attacker logged into the vet lab LIMS admin account from an unknown IP and exported sample records.", Severity: "critical"}, 2, P2, "breach on tier 2"},
	{"bus parent app latency datadog", Signal{Title: "[Triggered] parent-app p99 latency above SLO", Text: "p99 2.8s vs SLO 1s on bus-parent-app, error rate normal", Severity: "critical", Source: "datadog"}, 1, P2, "latency only, label overstated"},
	{"deposit voucher printing all machines", Signal{Title: "Voucher printing fails on all machines", Text: "Every recycling deposit machine rejects printing; customers cannot redeem their bottle deposits anywhere.", Severity: "info"}, 0, P1, "all customers blocked, label understated"},
	{"zip-line cert expiry", Signal{Title: "TLS certificate for booking.zipline-valley expires in 20 days", Severity: "warning"}, 1, P3, "risk only"},

	// Spanish
	{"es hidroavion caida total", Signal{Title: "Caída total de reservas", Text: "Ningún cliente puede reservar vuelos en hidroavión desde las 09:40, la web devuelve 503.", Severity: "alta"}, 1, P1, "outage tier 1"},
	{"es peajes saldo retrasado", Signal{Title: "Problema: sincronización de saldos de telepeaje retrasada", Text: "Los saldos de los tags del puente llevan 40 minutos de retraso respecto a los pasos reales.", Severity: "media"}, 1, P2, "stale data"},
	{"es astronomia capacidad", Signal{Title: "Aviso de capacidad", Text: "El almacenamiento de fotos del club de astronomía llegará al 90 % en tres semanas; de momento todo funciona.", Severity: "warning"}, 0, P3, "forecast"},

	// German
	{"de kaesekeller datenverlust", Signal{Title: "Datenverlust bei Reifeprotokollen", Text: "Der Migrationsjob hat die Reifeprotokolle der Käsekeller für Oktober gelöscht, kein Backup vorhanden.", Severity: "warning"}, 1, P1, "data loss tier 1"},
	{"de skispringen langsam", Signal{Title: "Live-Ergebnisse Skispringen langsam", Text: "Die Live-Ergebnisseite lädt bei einigen Zuschauern sehr langsam (p95 6 s).", Severity: "kritisch"}, 1, P2, "slow, some users"},
	{"de tanzstudio export intern", Signal{Title: "Nächtlicher Rechnungsexport fehlgeschlagen", Text: "Interner Export der Tanzstudio-Rechnungen an die Buchhaltung ist fehlgeschlagen, Kunden nicht betroffen.", Severity: "critical"}, 1, P3, "internal batch"},

	// French
	{"fr fontaines tier 3 indisponible", Signal{Title: "Service de commande des fontaines indisponible", Text: "Les fontaines de la place ne répondent plus : le service de commande est totalement indisponible.", Severity: "critique"}, 3, P3, "tier-3 outage"},
	{"fr tyroliennes 7 pourcent", Signal{Title: "Problème : taux d'échec élevé sur l'API de réservation", Text: "Zabbix : 7 % des requêtes de réservation des tyroliennes échouent depuis 20 minutes.", Severity: "moyenne"}, 1, P1, "7% failing tier 1"},
	{"fr relais lsf appels", Signal{Title: "Relais vidéo : échec de connexion", Text: "Tous les appels vidéo du relais en langue des signes échouent à la connexion, aucun utilisateur ne peut joindre un interprète.", Severity: "info"}, 1, P1, "all users cannot call"},

	// Portuguese
	{"pt cha precos errados", Signal{Title: "Preços errados no portal de pedidos", Text: "O portal da plantação de chá mostra preços multiplicados por 10 para todos os clientes.", Severity: "média"}, 1, P1, "wrong values to all customers"},
	{"pt onibus rotas alguns", Signal{Title: "Rotas desatualizadas em alguns tablets", Text: "Alguns motoristas de ônibus escolar não recebem a rota atualizada, cerca de 3 % das rotas.", Severity: "crítica"}, 1, P2, "few affected"},
	{"pt reciclagem icone", Signal{Title: "Baixa prioridade: ícone desalinhado", Text: "O ícone da máquina de reciclagem aparece desalinhado no app, nada mais.", Severity: "low"}, 1, P3, "cosmetic"},

	// Italian
	{"it referti veterinari tier 2", Signal{Title: "Portale referti fuori servizio", Text: "Nessun veterinario riesce a scaricare i risultati dal portale del laboratorio.", Severity: "critico"}, 2, P2, "tier-2 outage"},
	{"it traslochi errori minimi", Signal{Title: "Errori sul servizio preventivi traslochi", Text: "Lo 0,3 % delle richieste di preventivo fallisce negli ultimi 30 minuti.", Severity: "alta"}, 1, P3, "under 1% failing"},
	{"it pedaggi credenziali esposte", Signal{Title: "Violazione: credenziali del database pedaggi esposte", Text: "Le credenziali del DB dei pedaggi del ponte sono state pubblicate su un repository pubblico e usate da IP esterni.", Severity: "media"}, 0, P1, "breach, unknown tier"},

	// Dutch
	{"nl statiegeld automaten", Signal{Title: "Storing statiegeldautomaten", Text: "Alle depositautomaten weigeren flessen; klanten krijgen nergens hun statiegeld terug.", Severity: "warning"}, 1, P1, "all customers blocked"},
	{"nl verhuisplanning traag", Signal{Title: "Planningstool traag", Text: "De planningstool van het verhuisbedrijf reageert traag voor een deel van de planners.", Severity: "hoog"}, 2, P2, "slow, partial"},
}

var chatterHeldout11 = []chatCase{
	// English
	{"anyone else seeing the toll tag top-up page spin forever? not urgent, just curious", true},
	{"oh great, the seaplane manifest printer is spitting out blank pages again. love that for us", true},
	{"is it just me or are the vet lab PDFs missing their last page today?", true},
	{"heads up, the deposit machines in hall B are showing last week's prices", true},
	{"fyi the ski-jump scoreboard feed lags about 30s behind the judges", true},
	{"low priority but the dance studio app logs me out every five minutes", true},
	{"bus tracker currently shows Route 12 parked in the middle of the lake lol", true},
	{"the star party invite went out with the wrong date for Saturday", true},
	{"Planned: the bus-routing DB goes down Sunday 01:00-01:20 for the Postgres upgrade, no action needed", false},
	{"Postmortem for last Tuesday's zip-line booking outage is up in the wiki, please review before Friday", false},
	{"huge thanks to Wanjiru for fixing the fountain controller yesterday, smooth sailing since", false},
	{"how do I rotate my API key for the moving-quote sandbox?", false},
	{"handover: quiet night, nothing to report, queue empty", false},
	{"release 4.12 of the tea estate harvest app ships today: dark mode and faster CSV exports", false},
	{"welcome Oksana to the relay platform team! she starts onboarding Monday", false},
	{"why did the cheese refuse to leave the cellar? it wasn't aged enough to go out 🧀", false},

	// Spanish
	{"¿Soy yo o la app de reservas de baile no carga los horarios desde esta mañana?", true},
	{"Ojo, las máquinas de reciclaje del centro comercial no están imprimiendo los vales", true},
	{"No es urgente, pero el informe de temperaturas de la bodega de quesos sale con datos de ayer", true},
	{"Todo en orden por aquí: los hidroaviones despegaron a tiempo y sin alertas", false},
	{"Mañana a las 7 hay mantenimiento programado en el servidor de peajes, ignorad las alertas", false},

	// German
	{"Kurze Frage: Warum zeigt die Schulbus-App seit heute früh bei allen Haltestellen 'keine Daten'?", true},
	{"Na toll, die Mautchip-Abrechnung bucht schon wieder doppelt ab.", true},
	{"Der Ausfall der Relais-Vermittlung von gestern Abend ist behoben, Ursache war ein abgelaufenes Zertifikat.", false},
	{"Danke euch allen für die Hilfe beim Umzug des Teeplantagen-Clusters, lief super!", false},
	{"Wie richte ich den VPN-Zugang für das Sternwarten-Netz ein?", false},

	// French
	{"Le site de réservation des tyroliennes rame depuis midi, quelqu'un regarde ?", true},
	{"Pas urgent, mais les étiquettes d'affinage affichent la mauvaise date de mise en cave", true},
	{"Il manque les résultats d'analyses du labo vétérinaire pour la moitié des cliniques ce matin", true},
	{"Bonne journée à tous, n'oubliez pas le pot de départ de Margaux à 17 h !", false},
	{"Notes de version 2.3 du contrôleur de fontaines : nouveaux programmes lumineux et petites corrections", false},

	// Portuguese
	{"Alguém mais percebeu que o painel do salto de esqui está mostrando pontuações trocadas?", true},
	{"Que maravilha, o app dos hidroaviões caiu de novo bem na hora do embarque", true},
	{"Passagem de turno: nenhuma ocorrência, todas as máquinas de depósito funcionando normalmente", false},
	{"Estamos contratando! Vaga para engenheiro de plataforma na equipe de mudanças", false},
	{"O pós-mortem do incidente de sexta com as tags do pedágio já está publicado", false},

	// Italian
	{"Scusate, ma il portale del relè per sordi non carica più le videochiamate da stamattina?", true},
	{"Nessuna fretta, però l'app delle zip-line mostra i prezzi in dollari invece che in euro", true},
	{"Complimenti al team delle scuole di ballo per il lancio di ieri, tutto liscio", false},
	{"Barzelletta del giorno: perché l'astronomo non litiga mai? Ha sempre la testa tra le stelle", false},
}

func TestSeverityWorldHeldout11(t *testing.T) {
	runSevSample(t, "severity held-out 11", severityHeldout11)
}

func TestChatterWorldHeldout11(t *testing.T) {
	runChatSample(t, "chatter held-out 11", chatterHeldout11)
}
