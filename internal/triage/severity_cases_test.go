package triage

// severity_cases_test.go holds incidents from industries the shared samples
// do not cover, written as a world sample for severity and
// incident-vs-chatter. The "heldout" tables were written before the rules
// they exercise and were not used to tune them; the others were.

import (
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

type sevCase struct {
	name  string
	sig   Signal
	tier  int
	want  string
	label string // why, for the reader
}

var severityTuning = []sevCase{
	{"lab results delivery ratio", Signal{Title: "Lab result delivery success 22% (normally 99.6%)", Severity: "warning"}, 1, P1, "most deliveries fail"},
	{"water telemetry success ratio", Signal{Title: "pump_station_telemetry success_ratio 0.38", Severity: "info"}, 1, P1, "most reads fail"},
	{"ski gate match rate", Signal{Title: "gate scan match rate 6.2 % (baseline above 80 %)", Severity: "warning"}, 2, P2, "tier-2 outage"},
	{"radio capacity forecast", Signal{Title: "Stream encoder CPU at 91% of capacity, forecast to saturate in 3 days", Text: "p99 within SLO, no errors", Severity: "critical"}, 1, P3, "a risk, nothing broken"},
	{"irrigation backlog", Signal{Title: "Irrigation commands queued 4,812 (threshold 40)", Severity: "P3"}, 1, P1, "flow stopped"},
	{"transit every purchase rejected", Signal{Title: "every ticket purchase at station kiosks is rejected", Severity: "warning"}, 1, P1, "all fail"},
	{"e-filing few failures", Signal{Title: "Filing receipts: 3 of 2,410 submissions failed validation in the last hour", Severity: "critical"}, 1, P3, "0.1 % fail"},
	{"brewery german", Signal{Text: "Der Etikettendrucker druckt nicht mehr, alle Abfülllinien stehen still"}, 1, P1, "German outage"},
	{"hospital spanish", Signal{Text: "Los médicos no pueden ver los resultados de laboratorio desde las 09:10"}, 1, P1, "Spanish outage"},
	{"tickets french", Signal{Text: "Les clients ne peuvent plus acheter de billets en ligne, erreur 503 partout"}, 1, P1, "French outage"},
	{"farm portuguese", Signal{Text: "Leituras dos sensores atrasadas, painel lento para alguns clientes"}, 2, P2, "Portuguese degraded"},
	{"museum not urgent", Signal{Text: "Not urgent, but the badge printer at the museum front desk stopped printing"}, 3, P3, "minor"},
}

var severityHeldout = []sevCase{
	{"vet booking availability", Signal{Title: "Appointment booking availability 0.27 (SLO 0.995)", Severity: "warning"}, 1, P1, ""},
	{"ferry scans vs last week", Signal{Title: "Ticket scans accepted 41 % vs 97 % last week at the same hour", Severity: "info"}, 1, P1, ""},
	{"grid disk forecast", Signal{Title: "Meter read ingestion disk usage 88%, projected full in 5 days", Text: "ingestion healthy, 0 errors", Severity: "critical"}, 1, P3, ""},
	{"library search latency", Signal{Title: "Catalogue search p95 2.4s (SLO 800ms)", Severity: "critical"}, 2, P2, ""},
	{"parking german", Signal{Text: "Die Kunden können seit 08:15 keine Parkscheine mehr bezahlen, alle Automaten betroffen"}, 0, P1, ""},
	{"clinic spanish", Signal{Text: "El sistema de citas está caído para todos los pacientes"}, 1, P1, ""},
	{"invoices french", Signal{Text: "Le portail des factures est lent pour certains clients depuis ce matin"}, 1, P2, ""},
	{"orders portuguese", Signal{Text: "Os pedidos não estão sendo processados, erro em 100% das tentativas"}, 1, P1, ""},
	{"mining export", Signal{Title: "Conveyor sensor batch export job failed overnight", Text: "no customer impact", Severity: "critical"}, 3, P3, ""},
	{"clinic lobby screen", Signal{Text: "Low priority: the lobby screen at the clinic shows yesterday's schedule"}, 3, P3, ""},
}

func runSevCases(t *testing.T, cases []sevCase) {
	t.Helper()
	pass := 0
	for _, c := range cases {
		got := ClassifySeverity(c.sig, config.Service{Name: "svc", Tier: c.tier})
		if got.Level == c.want {
			pass++
			continue
		}
		t.Errorf("%s: got %s, want %s (%s); reasons %q", c.name, got.Level, c.want, c.label, got.Reasons)
	}
	t.Logf("%d/%d right", pass, len(cases))
}

func TestSeverityWorldSample(t *testing.T)  { runSevCases(t, severityTuning) }
func TestSeverityWorldHeldout(t *testing.T) { runSevCases(t, severityHeldout) }

type chatCase struct {
	text string
	want bool
}

var chatterTuning = []chatCase{
	{"Not urgent, but the lab label printer in ward 3 stopped printing since this morning", true},
	{"Reminder: planned maintenance on the ticketing database Saturday 02:00-04:00, ticket machines will be offline", false},
	{"Thanks all for handling last week's outage on the pump stations, postmortem doc is up", false},
	{"¿Alguien más ve errores al emitir boletos? Los clientes no pueden pagar", true},
	{"Mittagessen heute um 12 in der Kantine?", false},
	{"Le site de dépôt des actes est en panne, les avocats ne peuvent plus déposer", true},
	{"Manutenção programada amanhã às 22h, o sistema ficará indisponível", false},
	{"no rush, but the weather feed on the ski lift displays stopped updating", true},
}

var chatterHeldout = []chatCase{
	{"Sin prisa: la app de riego no muestra las lecturas de humedad desde ayer", true},
	{"Feliz cumpleaños Marta! Hay pastel en la cocina", false},
	{"Die Fahrkartenautomaten am Hauptbahnhof zeigen nur noch Fehler an", true},
	{"Rappel : revue post-mortem de la panne de la semaine dernière jeudi à 14h", false},
	{"Os clientes não conseguem acessar o portal de faturas", true},
	{"Heads up: we're upgrading the broadcast scheduler tonight during the maintenance window", false},
	{"not a big deal but the brewery dashboard shows wrong fermentation temperatures", true},
	{"Great job everyone on the water outage drill yesterday", false},
}

func runChatCases(t *testing.T, cases []chatCase) {
	t.Helper()
	pass := 0
	for _, c := range cases {
		d := ClassifyMessage(c.text, nil)
		if d.Incident == c.want {
			pass++
			continue
		}
		t.Errorf("ClassifyMessage(%q) incident=%v, want %v; reasons %q", c.text, d.Incident, c.want, d.Reasons)
	}
	t.Logf("%d/%d right", pass, len(cases))
}

func TestChatterWorldSample(t *testing.T)  { runChatCases(t, chatterTuning) }
func TestChatterWorldHeldout(t *testing.T) { runChatCases(t, chatterHeldout) }

// A second held-out set, written after the rules above were final and
// never tuned on: its score is reported, and the test only fails when it
// drops below the accuracy the issue asks for, so a miss here is a finding
// to learn from, not a case to patch.
var severityHeldout2 = []sevCase{
	{"observatory archive availability", Signal{Title: "Archive download availability 0.62 (target 0.999)", Severity: "info"}, 1, P1, ""},
	{"dairy sensor ingest fell", Signal{Title: "Milk tank sensor readings ingested fell from 18,300 to 2,150 per hour", Severity: "warning"}, 2, P2, ""},
	{"courthouse queue backlog", Signal{Title: "Docket notification backlog 7,420 (threshold 300)", Severity: "info"}, 1, P1, ""},
	{"stadium turnstile n of m", Signal{Title: "2 of 3,180 turnstile scans failed in the last 10 minutes", Severity: "critical"}, 1, P3, ""},
	{"pharmacy memory forecast", Signal{Title: "Prescription DB memory usage 83%, projected exhausted in 6 days", Text: "queries within SLO, no errors", Severity: "page"}, 1, P3, ""},
	{"spanish bank transfers", Signal{Text: "Ningún cliente puede hacer transferencias desde la app, todas fallan"}, 0, P1, ""},
	{"german hospital slow", Signal{Text: "Das Laborportal ist seit heute früh sehr langsam für einige Kunden"}, 1, P2, ""},
	{"french radio stream", Signal{Text: "Le flux de la radio est hors service pour tous les auditeurs"}, 1, P1, ""},
	{"portuguese transit low urgency", Signal{Text: "Sem pressa: o painel de horários da estação mostra dados errados"}, 3, P3, ""},
	{"ski pass warning label outage", Signal{Title: "Ski pass sales: every online purchase is declined", Severity: "warning"}, 1, P1, ""},
}

var chatterHeldout2 = []chatCase{
	{"Ojo: la báscula de la planta no envía pesos desde las 10", true},
	{"Kaffee und Kuchen um 15 Uhr im Besprechungsraum!", false},
	{"Les guichets n'impriment plus les billets depuis ce matin", true},
	{"A retrospectiva do incidente da semana passada é amanhã", false},
	{"low priority but the greenhouse humidity readings look wrong", true},
	{"Scheduled maintenance for the tram ticketing API tonight, expect brief downtime", false},
	{"the e-filing portal keeps timing out when lawyers upload exhibits", true},
	{"Congrats to the water ops team on a smooth meter rollout!", false},
}

func TestSeverityWorldHeldout2(t *testing.T) {
	runSevSample(t, "severity held-out 2", severityHeldout2)
}
func TestChatterWorldHeldout2(t *testing.T) { runChatSample(t, "chatter held-out 2", chatterHeldout2) }

// runSevSample scores a held-out severity sample: misses are logged as
// findings, and the test fails only below the accuracy the issue asks for.
func runSevSample(t *testing.T, name string, cases []sevCase) {
	t.Helper()
	pass := 0
	for _, c := range cases {
		got := ClassifySeverity(c.sig, config.Service{Name: "svc", Tier: c.tier})
		if got.Level == c.want {
			pass++
		} else {
			t.Logf("miss %s: got %s, want %s (%s); reasons %q", c.name, got.Level, c.want, c.label, got.Reasons)
		}
	}
	t.Logf("%s: %d/%d right", name, pass, len(cases))
	if pass*10 < len(cases)*8 {
		t.Errorf("%s accuracy %d/%d below 80%%", name, pass, len(cases))
	}
}

// runChatSample scores a held-out incident-vs-chatter sample like
// runSevSample.
func runChatSample(t *testing.T, name string, cases []chatCase) {
	t.Helper()
	pass := 0
	for _, c := range cases {
		if d := ClassifyMessage(c.text, nil); d.Incident == c.want {
			pass++
		} else {
			t.Logf("miss %q: incident=%v; reasons %q", c.text, d.Incident, d.Reasons)
		}
	}
	t.Logf("%s: %d/%d right", name, pass, len(cases))
	if pass*10 < len(cases)*8 {
		t.Errorf("%s accuracy %d/%d below 80%%", name, pass, len(cases))
	}
}

// BenchmarkClassifySeverity: the assessment budget is 100 ms per incident;
// severity with glosses and number readings should take well under 1 ms.
func BenchmarkClassifySeverity(b *testing.B) {
	sig := Signal{Title: "Docket notification backlog 7,420 (threshold 300)",
		Text: strings.Repeat("Les clients ne peuvent plus déposer; delivery success 22% (normally 99.6%). ", 20), Severity: "warning"}
	for b.Loop() {
		ClassifySeverity(sig, config.Service{Name: "svc", Tier: 1})
	}
}
