package triage

import (
	"testing"
)

// Held-out set 7, written from the policy only by a helper that did not
// read the rules: toll roads, hearing aids, crematoria, marinas, clinical
// trials, snow ploughs, bakeries, vending and more. First run: severity
// 12/24, chatter 14/20. The classes it showed: a customer thing said to
// be unaffected is no customer impact; "predicted full in 9 days" is a
// forecast; apdex is satisfaction; an outage for some sites, or one the
// reporter says can wait, is partial; a breach with the tier unknown is
// grave; "2x the price" is a wrong charge; error ratios written as a
// fraction; "not updating" is staleness, not an outage; French data
// leaks; food words before product nouns; "yesterday's toll gantry
// outage ... fine since" is past; "we'll restart ... expect 10 minutes of
// downtime" is planned; Spanish "anyone else", German "zäh". After those:
// severity 21/24, chatter 19/20. The three severity misses disagree with
// the policy the shared samples follow (a backlog 24 times its threshold
// is a stopped flow; data lost on a tier-2 service is P2), and the chatter
// miss needs world knowledge (lockers showing "occupied" while empty). It
// has tuned rules since, so it is no longer held out.

var severityHeldout7 = []sevCase{
	// Impact given only as numbers.
	{"toll lanes n of m", Signal{Title: "TollPay: 14 of 16 gantry lanes on A7 rejecting transponder payments", Severity: "warning"}, 1, P1, "most lanes cannot take payment"},
	{"hearing-aid sync p99 vs slo", Signal{Title: "hearing-aid app fitting-profile sync p99 4.8s (SLO 1.2s)", Severity: "critical"}, 1, P2, "slow but working"},
	{"radio astronomy internal batch", Signal{Title: "correlator-reprocess nightly job FAILED: 0 of 212 scans reprocessed", Text: "Internal re-calibration batch; public archive unaffected.", Severity: "critical"}, 1, P3, "internal batch only"},
	{"marina backlog over threshold", Signal{Title: "berth-confirmation queue depth 48,200 (threshold 2,000), oldest message 37m", Severity: "critical"}, 1, P2, "confirmations delayed, not lost"},
	{"print orders throughput collapse", Signal{Title: "web-to-print order submissions fell from 340/min to 12/min", Severity: "info"}, 1, P1, "almost no orders get through"},
	{"trial diaries lost", Signal{Title: "ePRO diary entries 2-4 March missing after shard restore", Text: "Backup predates the entries; patient-reported data cannot be recovered.", Severity: "warning"}, 2, P1, "data loss"},
	{"plough planner disk forecast", Signal{Title: "route-planner-db volume predicted full in ~9 days at current growth", Severity: "critical"}, 1, P3, "forecast, nothing broken"},
	{"tattoo booking apdex", Signal{Title: "Apdex booking-checkout 0.62 (target 0.94)", Severity: "info"}, 1, P2, "slow checkout, still completes"},
	{"museum audio guide tier3 down", Signal{Title: "audioguide-stream down at all venues: 100% of requests 5xx", Severity: "critical"}, 3, P3, "total outage of a tier-3 service"},
	{"haul truck dispatch breach", Signal{Title: "Unauthorized SSH session on fleet-dispatch-02 from unknown IP", Text: "Autonomous haulage console credentials copied off the host.", Severity: "low"}, 0, P1, "security breach"},
	{"bakery double charging", Signal{Title: "checkout charging every order 2x listed price since 06:10 price import", Severity: "info"}, 1, P1, "wrong charge for all customers"},
	{"cruise excursion success percent", Signal{Title: "shore-excursion booking success 93.8% (5m window)", Severity: "warning"}, 1, P1, "6.2% failing on a tier-1 path"},
	{"vending tiny error ratio", Signal{Title: "vend_authorisation error_ratio 0.0007 (12 of 17,300 in 1h)", Severity: "critical"}, 1, P3, "tiny failing fraction"},
	{"locker courier portal tier2 down", Signal{Title: "courier-dropoff-portal unreachable, 100% health checks failing", Severity: "critical"}, 2, P2, "total outage of a tier-2 service"},

	// Reports written by people.
	{"es cruise check-in down", Signal{Title: "check-in online caído", Text: "Ningún pasajero puede hacer el check-in desde hace 20 minutos, la app da error al escanear el pasaporte."}, 1, P1, "nobody can check in"},
	{"es toll card payments few fail", Signal{Title: "fallos de pago en cabinas", Text: "Alrededor de un 3 % de los pagos con tarjeta en las cabinas del peaje fallan; los conductores reintentan y pasan.", Severity: "urgente"}, 1, P2, "under 5% failing"},
	{"de hearing-aid battery wrong for all", Signal{Title: "Falscher Akkustand in der App", Text: "Seit dem Update zeigt die App allen Nutzern für beide Hörgeräte immer 100 % Akku an, auch wenn sie fast leer sind."}, 1, P1, "wrong values shown to all customers"},
	{"de plough portal logo", Signal{Title: "Logo verschoben", Text: "Nicht dringend: im Winterdienst-Portal sitzt das Logo auf der Streckenkarte ein paar Pixel zu weit links.", Severity: "hoch"}, 1, P3, "cosmetic"},
	{"fr trial sites cannot enter visits", Signal{Title: "eCRF inaccessible pour certains centres", Text: "Les investigateurs de 3 centres sur 42 ne peuvent plus saisir les visites depuis ce matin."}, 1, P2, "some users affected"},
	{"fr marina owner data exposed", Signal{Title: "Fuite de données propriétaires", Text: "La liste des propriétaires de bateaux, avec numéros de passeport, est lisible publiquement dans un bucket.", Severity: "info"}, 3, P1, "personal data exposed"},
	{"pt lockers qr fail for all", Signal{Title: "cacifos não abrem", Text: "Nenhum cliente consegue abrir os cacifos com o código QR; todas as tentativas falham desde as 8h."}, 1, P1, "no customer can collect parcels"},
	{"pt tattoo artist photo", Signal{Title: "foto da artista", Text: "Sem pressa: na página de marcações a fotografia da artista Inês não carrega, o resto funciona bem.", Severity: "P1"}, 1, P3, "minor, not urgent"},
	{"it crematoria calendar stale", Signal{Title: "calendario non aggiornato", Text: "Il calendario delle cremazioni visto dalle agenzie funebri mostra ancora le prenotazioni di ieri, non si aggiorna da stamattina."}, 1, P2, "stale data"},
	{"nl print quote wrong vat few", Signal{Title: "verkeerde btw in offertes", Text: "De offertetool van de drukkerij berekent bij een handvol klanten het verkeerde btw-tarief."}, 1, P2, "wrong values for a few customers"},
}

var chatterHeldout7 = []chatCase{
	{"the breakfast specials page on the bakery site still lists Tuesday's prices", true},
	{"ugh, the marina berth map takes forever to load today lol", true},
	{"is it just me or is the parcel locker app not sending pickup codes?", true},
	{"Yesterday's toll gantry outage was caused by an expired cert; we renewed it and it's been fine since.", false},
	{"Heads up: we'll restart the ploughing dispatch servers at 22:00 tonight, expect about 10 minutes of downtime.", false},
	{"Update: cruise check-in kiosks are back to normal, all queues cleared.", false},
	{"Happy birthday Marta! Cake in the press room at 3", false},
	{"not urgent, but the tattoo booking confirmation email shows the wrong studio address", true},
	{"Oye, ¿a alguien más le falla la audioguía del museo en la sala 4? Se corta a cada rato", true},
	{"¡Gracias a todos por el esfuerzo del fin de semana con la migración de los camiones, excelente trabajo!", false},
	{"¿Cómo se exporta a Excel el informe mensual de las máquinas expendedoras?", false},
	{"Die Hörgeräte-App zeigt bei mir seit heute früh keine Programme mehr an", true},
	{"Postmortem zum Ausfall der Mautstationen am Dienstag: Termin ist Donnerstag um 14 Uhr", false},
	{"Die Brötchen-Bestellseite ist heute irgendwie zäh, der Warenkorb braucht ewig", true},
	{"Les données de l'essai clinique n'apparaissent plus dans le tableau de bord depuis ce matin, c'est normal ?", true},
	{"Maintenance prévue samedi : le portail de réservation de la marina sera indisponible de 2h à 4h.", false},
	{"Bom dia pessoal! Alguém vai ao almoço de equipa na sexta?", false},
	{"Os cacifos da estação central estão a mostrar 'ocupado' mesmo estando vazios", true},
	{"Il calendario delle cremazioni è di nuovo a posto, tutto regolare dopo il fix di stamattina", false},
	{"Il radiotelescopio non ha salvato le osservazioni di stanotte, mancano i file dalle 2 alle 5", true},
}

func TestSeverityWorldHeldout7(t *testing.T) {
	runSevSample(t, "severity held-out 7", severityHeldout7)
}

func TestChatterWorldHeldout7(t *testing.T) {
	runChatSample(t, "chatter held-out 7", chatterHeldout7)
}
