package triage

// heldout4_test.go is a fourth held-out sample, written (by a helper that
// did not read the engine's rules) in industries and languages the rules
// were not written for. First run: severity 15/20, chatter 10/16, known
// issues 3/8 (one wrong claim). Each miss named a class of failure
// (security and deletion stated plainly, Italian, German compound nouns,
// "last week's" without an incident, product nouns read as meetings,
// slowness counted too lightly); after those: severity 19/20 (the miss
// holds 17 % failing to be degraded, where the shared samples hold 23 % on
// a tier-1 service an outage), chatter 15/16. It has tuned rules since, so
// it is no longer held out.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var severityHeldout4 = []sevCase{
	// impact stated only as numbers
	{"election results page availability", Signal{Title: "Results publication page availability 0.41 (SLO 0.999)", Severity: "warning"}, 1, P1, ""},
	{"library self-checkout loans fell", Signal{Title: "Self-checkout loans recorded fell from 1,850 to 12 per hour", Severity: "info"}, 1, P1, ""},
	{"dental reminder backlog", Signal{Title: "Patient appointment reminder queue depth 15,200 (alert threshold 500)", Severity: "warning"}, 1, P1, ""},
	{"car rental unlock n of m", Signal{Title: "Vehicle unlock requests: 4 of 6,200 failed in the past hour", Severity: "critical"}, 1, P3, ""},
	{"fitness class booking success dip", Signal{Title: "Class booking success 96.1% (baseline 99.9%)", Severity: "critical"}, 1, P2, ""},
	{"enrolment error rate", Signal{Title: "Course registration error rate 17% (7-day baseline 0.3%)", Severity: "info"}, 1, P2, ""},
	{"customs declarations tier-2 outage", Signal{Title: "Customs declaration submissions accepted 12% vs 99% yesterday", Severity: "warning"}, 2, P2, ""},
	{"solar owner portal tier-2 down", Signal{Title: "Solar farm owner portal: HTTP 5xx on 100% of requests for 20 min", Severity: "critical"}, 2, P2, ""},

	// risk / internal / cosmetic with a loud label
	{"solar inverter log disk forecast", Signal{Title: "Inverter log partition 86% full, forecast full in 9 days", Text: "all inverters reporting normally, no dropped samples", Severity: "critical"}, 1, P3, ""},
	{"waste route optimiser internal job", Signal{Title: "Nightly route optimiser retraining job failed", Text: "internal analytics only; today's collection routes were already published", Severity: "critical"}, 3, P3, ""},
	{"library cover images misaligned", Signal{Title: "Catalogue cover thumbnails slightly misaligned on mobile layout", Severity: "warning"}, 2, P3, ""},

	// security and data loss
	{"theatre credentials exposed", Signal{Title: "Box office API keys and database password committed to a public repository", Text: "keys are valid and were cloned by unknown accounts before removal", Severity: "warning"}, 1, P1, ""},
	{"vet portal unauthorized access", Signal{Title: "Unauthorized logins to the clinic admin console from unknown IPs", Text: "37 clinic accounts accessed, owner contact details viewed", Severity: "info"}, 1, P1, ""},
	{"telescope proposals deleted", Signal{Title: "Cleanup job deleted 1,140 scheduled observation proposals", Text: "no restorable snapshot found for the proposals table", Severity: "info"}, 1, P1, ""},

	// reports from people, in other languages
	{"fishing quotas spanish", Signal{Text: "Los pescadores no pueden registrar sus capturas en la aplicación desde las seis de la mañana, no le funciona a nadie"}, 1, P1, ""},
	{"dental imaging german", Signal{Text: "Bei einigen Zahnarztpraxen lädt die Röntgenbildanzeige sehr langsam, manchmal über 30 Sekunden"}, 1, P2, ""},
	{"container terminal french", Signal{Text: "Les transporteurs ne peuvent plus réserver de créneaux au terminal à conteneurs, la page renvoie une erreur pour tout le monde"}, 1, P1, ""},
	{"veterinary portuguese", Signal{Text: "Alguns tutores relatam que o histórico de vacinas demora bastante para carregar no app da clínica veterinária"}, 1, P2, ""},
	{"railway validators italian", Signal{Text: "I passeggeri non riescono a convalidare i biglietti regionali: le obliteratrici di tutte le stazioni rifiutano ogni tessera"}, 1, P1, ""},
	{"gym logo italian not urgent", Signal{Text: "Non è urgente, ma nell'app della palestra il logo appare sgranato nella schermata iniziale"}, 3, P3, ""},
}

var chatterHeldout4 = []chatCase{
	{"Is anyone else seeing the tide-gauge feed fail to load on the harbour dashboard?", true},
	{"The enrolment portal outage on Monday was caused by an expired DNS record; it has been resolved since Tuesday.", false},
	{"Scheduled: the signalling test bench will be unavailable Sunday 01:00-05:00 while we flash new firmware", false},
	{"fixed now, thanks for jumping on it so fast", false},
	{"sin prisa, pero el mapa de contenedores de basura sigue mostrando las rutas de la semana pasada", true},
	{"¿Alguien sabe cómo se reserva la sala grande para el viernes?", false},
	{"Bei der Zollanmeldung kommt seit einer Stunde nur noch ein Zeitüberschreitungsfehler", true},
	{"Danke an alle für die schnelle Hilfe gestern, die Nachbesprechung steht im Wiki", false},
	{"La billetterie du théâtre affiche comme disponibles des places déjà vendues", true},
	{"Bonne nouvelle : tous les indicateurs du parc solaire sont au vert ce matin", false},
	{"O app da academia está muito lento para marcar aulas hoje, leva quase um minuto", true},
	{"Lembrete: quinta à noite faremos a migração do banco de cotas de pesca, o sistema ficará fora do ar por duas horas", false},
	{"Qualcuno ha notato che le prenotazioni del telescopio non vengono salvate?", true},
	{"Ottimo lavoro ieri sera con il rilascio, è filato tutto liscio", false},
	{"low priority, but the vet clinic's reminder texts are going out with the wrong pet name", true},
	{"Quick question: what's the wifi password for the third floor meeting rooms?", false},
}

var kiHeldout4 = []kiCase{
	{name: "port berth plan frozen, described with other words",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "BRT-41", Title: "Berth scheduler stops publishing after AIS feed reconnect",
				Symptoms: "Vessel arrival times freeze on the berth plan; AIS receiver reconnect in the ingest log; scheduler publish count drops to zero."},
			{ID: "BRT-57", Title: "Gate OCR misreads container numbers in heavy rain",
				Symptoms: "Trucks held at the gate because container IDs do not match the booking; OCR confidence below 0.6."},
			{ID: "BRT-63", Title: "Crane telemetry dashboard slow after midnight compaction",
				Symptoms: "Crane dashboards take 20 s to load between 00:00 and 00:40 while the time-series store compacts."},
		},
		service: config.Service{Name: "quay-planning", Domains: []string{"port", "berths", "vessels"}},
		sig: Signal{Title: "Ship ETAs on the quay planning board haven't changed since 04:10", Service: "quay-planning",
			Text: "Planning screen looks stuck; the ship-position radio link dropped and came back around 04:05."},
		evidence: []string{"ais-ingest: connection re-established to receiver rx-2", "berth-scheduler: published 0 plan updates in last 30m"},
		want:     "BRT-41"},

	{name: "vet reminders: shared words, different mechanism",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "PAW-12", Title: "Appointment reminder SMS delayed when the SMS gateway rate-limits",
				Symptoms: "Pet owners get reminder texts hours late; gateway returns HTTP 429; reminder queue grows."},
			{ID: "PAW-19", Title: "Lab panel results not attached to the pet record after LIMS upgrade",
				Symptoms: "Bloodwork results arrive in the LIMS but never appear on the patient chart."},
		},
		service: config.Service{Name: "vet-reminders", Domains: []string{"veterinary", "reminders"}},
		sig: Signal{Title: "Reminder texts show the wrong clinic address", Service: "vet-reminders",
			Text: "Owners receive their SMS reminders on time, but the message still lists the old Eastside branch address after the move."},
		want: ""},

	{name: "railway axle counters, German report",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "SIG-203", Title: "Axle counter reset requests time out when the interlocking message broker loses quorum",
				Symptoms: "Dispatchers cannot reset axle counter sections; reset commands time out after 30 s; broker log shows cluster quorum lost."},
			{ID: "SIG-211", Title: "Timetable import rejects files spanning a daylight saving change",
				Symptoms: "Nightly timetable import fails with duplicate departure times on the DST weekend."},
		},
		service: config.Service{Name: "interlocking-gateway", Domains: []string{"railway", "signalling"}},
		sig: Signal{Title: "Achszähler lassen sich nicht zurücksetzen", Service: "interlocking-gateway",
			Text: "Die Fahrdienstleiter können die Achszähler-Abschnitte nicht mehr zurücksetzen, die Rückstellbefehle laufen nach einer halben Minute in einen Timeout."},
		evidence: []string{"broker: cluster quorum lost (2/5 nodes reachable)"},
		want:     "SIG-203"},

	{name: "solar curtailment ignored, French report",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "PV-7", Title: "Inverter curtailment setpoints ignored after SCADA gateway firmware 4.2",
				Symptoms: "Inverters keep exporting full power when the grid operator requests curtailment; setpoint writes acknowledged but not applied."},
			{ID: "PV-9", Title: "Irradiance sensor gaps during heavy fog",
				Symptoms: "Pyranometer readings missing for minutes at a time; weather station reports offline."},
			{ID: "PV-14", Title: "Owner portal energy chart blank for newly commissioned sites",
				Symptoms: "New sites show an empty production chart for their first 48 hours."},
		},
		service: config.Service{Name: "plant-scada", Domains: []string{"solar", "scada", "inverters"}},
		sig: Signal{Title: "Bridage non respecté sur le parc nord", Service: "plant-scada",
			Text: "Depuis la mise à jour de la passerelle SCADA, les onduleurs continuent d'injecter à pleine puissance malgré la demande de bridage du gestionnaire de réseau ; les consignes sont acceptées mais jamais appliquées."},
		want: "PV-7"},

	{name: "library self-checkout RFID, Portuguese report",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "ILS-31", Title: "Self-checkout kiosks reject RFID tags after security gate recalibration",
				Symptoms: "Kiosks say 'item not recognised' for tagged books; RFID reads fail; security gates were recalibrated shortly before."},
			{ID: "ILS-38", Title: "Hold notifications emailed twice after ILS failover",
				Symptoms: "Patrons receive duplicate 'your hold is ready' emails after the catalogue fails over to the standby."},
		},
		service: config.Service{Name: "branch-kiosks", Domains: []string{"library", "circulation"}},
		sig: Signal{Title: "Autoatendimento não reconhece livros", Service: "branch-kiosks",
			Text: "Os leitores não conseguem fazer empréstimo sozinhos: os terminais de autoatendimento dizem que o livro não é reconhecido e a etiqueta RFID não é lida. Ontem recalibraram os portões antifurto."},
		want: "ILS-31"},

	{name: "university catalogue: nothing known fits",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "REG-5", Title: "Waitlist promotion job skips students with advising holds",
				Symptoms: "Students with a hold stay on the waitlist while seats open; promotion job log shows 'skipped: hold'."},
			{ID: "REG-8", Title: "SSO login loop on the enrolment portal after IdP certificate rollover",
				Symptoms: "Students bounce between the portal and the identity provider login page; SAML signature validation errors."},
		},
		service: config.Service{Name: "enrolment-portal", Domains: []string{"university", "enrolment"}},
		sig: Signal{Title: "Spring course catalogue PDF lists last year's tuition fees", Service: "enrolment-portal",
			Text: "The downloadable catalogue still shows the 2023 fee table; the web pages show the right amounts."},
		want: ""},

	{name: "fitness heart rate missing, synonyms",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "FIT-22", Title: "Heart-rate data missing from workouts when Bluetooth LE bonding expires on Android 14",
				Symptoms: "Workouts save without heart-rate; strap pairing silently drops; only Android 14 devices affected."},
			{ID: "FIT-27", Title: "Leaderboard totals double-counted after a timezone change",
				Symptoms: "Weekly distance appears twice for users who travelled across time zones."},
			{ID: "FIT-30", Title: "Push notifications for class reminders not delivered on iOS",
				Symptoms: "iOS users miss class reminder pushes; APNs token errors in the notifier log."},
		},
		service: config.Service{Name: "workout-sync", Domains: []string{"fitness", "wearables"}},
		sig: Signal{Title: "Pulse readings absent from logged runs", Service: "workout-sync",
			Text: "Several users on the newest Android release say their chest strap disconnects without warning and the saved session has no BPM graph."},
		want: "FIT-22"},

	{name: "telescope queue stall, different cause",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "OBS-3", Title: "Observation queue stalls when the weather service API times out",
				Symptoms: "Scheduler stops dispatching observations; weather API timeouts in the scheduler log; queue grows."},
			{ID: "OBS-6", Title: "Dome rotation encoder drift after a power cycle",
				Symptoms: "Pointing errors of several arcminutes after the dome is power-cycled; encoder offset warnings."},
		},
		service: config.Service{Name: "obs-scheduler", Domains: []string{"telescope", "scheduling"}},
		sig: Signal{Title: "Telescope scheduler stopped dispatching observations", Service: "obs-scheduler",
			Text: "Queue is growing because the proposal database volume filled up; the weather service answers normally."},
		evidence: []string{"scheduler: write failed: no space left on device", "weather-api: GET /conditions 200 in 140ms"},
		want:     ""},
}

func TestSeverityWorldHeldout4(t *testing.T) {
	runSevSample(t, "severity held-out 4", severityHeldout4)
}

func TestChatterWorldHeldout4(t *testing.T) {
	runChatSample(t, "chatter held-out 4", chatterHeldout4)
}

func TestKnownIssueHeldout4(t *testing.T) {
	runKISample(t, "known-issue held-out 4", kiHeldout4)
}
