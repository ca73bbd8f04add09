package triage

// heldout5_test.go is a fifth sample written (by a helper that did not read
// the engine's rules) after the fourth one's fixes, in other industries.
// First run: severity 11/20, chatter 10/16, known issues 1/8 (two wrong
// claims): the fourth sample's fixes had not generalised. The misses named
// classes again (secrets "found in" a public repository, accounts taken
// over, records "removed", "billed twice", "all the others look right",
// cosmetic faults under a loud label, Dutch, French "ne ... plus" and
// German "keine ... mehr", product nouns read as social talk); after
// those: severity 19/20, chatter 16/16. It has tuned rules since, so it is
// no longer held out.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var severityHeldout5 = []sevCase{
	{"hotel reservation commit success rate", Signal{Title: "reservation_commit success_rate 0.31 (baseline 0.995)", Severity: "warning"}, 1, P1, "most bookings fail"},
	{"blood bank donor slot checks one of four hundred", Signal{Title: "Donor appointment API: 1 of 400 synthetic checks failed in last hour", Severity: "critical"}, 1, P3, "tiny failing fraction despite critical label"},
	{"ski pass sync backlog over threshold", Signal{Title: "lift_pass_sync queue depth 48,000 (alert threshold 5,000)", Text: "Gate readers are validating against pass data that is ~25 minutes old.", Severity: "warning"}, 2, P2, "stale data, nothing down"},
	{"cinema checkout throughput collapse", Signal{Title: "Ticket checkout throughput fell from 1,900/min to 40/min", Text: "Friday 19:00 peak, no marketing change, traffic at the edge unchanged.", Severity: "info"}, 1, P1, "almost all purchases failing; info label is wrong"},
	{"zoo payment secret pushed to public repo", Signal{Title: "Live payment-processor secret key for membership checkout found in public GitHub repository", Text: "Committed 3 days ago, repo is public, key not yet revoked.", Severity: "low"}, 1, P1, "leaked secret"},
	{"lottery player account takeovers", Signal{Title: "212 player wallets emptied after password resets from a single ASN", Severity: "warning"}, 1, P1, "account takeovers"},
	{"court sealed files fetched without auth", Signal{Title: "Sealed case documents downloaded by unauthenticated clients via /docket/export", Text: "Access log shows 3,100 fetches with no session cookie since 02:14.", Severity: "medium"}, 1, P1, "unauthorized access to protected records"},
	{"seed bank accessions deleted by migration", Signal{Title: "Schema migration removed 14,300 accession records from vault inventory", Text: "Latest snapshot fails checksum; earlier one is 11 days old.", Severity: "sev3"}, 1, P1, "data loss, unrecoverable"},
	{"real estate listings overwritten by staging feed", Signal{Title: "Bulk import replaced prices and photos on all 62k live listings with staging data", Severity: "high"}, 1, P1, "data overwritten and wrong values shown to every visitor"},
	{"pharmacy copays charged twice for everyone", Signal{Title: "Every prescription copay billed twice since the 09:10 deploy", Severity: "warning"}, 1, P1, "wrong amount charged to all customers"},
	{"ferry fare wrong for a handful, german", Signal{Title: "Falscher Seniorentarif", Text: "Einzelne Fahrgäste (bisher 7) bekommen bei der Rückfahrt den falschen Seniorentarif angezeigt. Alle anderen Buchungen sehen korrekt aus.", Severity: "critical"}, 1, P2, "a few customers see a wrong price; label overstated"},
	{"taxi ordering broken for all, spanish", Signal{Title: "No se puede pedir taxi", Text: "Ningún usuario puede pedir un taxi desde la app, a todos les sale un error al confirmar el viaje desde hace 20 minutos."}, 1, P1, "all riders blocked"},
	{"broadcast stream stutters for some, german", Signal{Title: "Livestream ruckelt", Text: "Seit etwa einer Stunde ruckelt der Livestream, bei manchen Zuschauern lädt das Bild nur sehr langsam. Ton läuft normal."}, 1, P2, "degraded for some viewers"},
	{"kindergarten daily photos not urgent, french", Signal{Title: "Photos du jour", Text: "Les parents ne reçoivent plus l'album photo de la journée depuis ce matin. Rien d'urgent, ça peut attendre demain."}, 3, P3, "minor tier-3 feature, explicitly not urgent"},
	{"bike availability map stale, portuguese", Signal{Title: "Mapa de bicicletas desatualizado", Text: "O mapa de disponibilidade está mostrando vagas e bicicletas que já não existem há uns 20 minutos. Os desbloqueios funcionam normalmente."}, 1, P2, "stale data"},
	{"winery weekly harvest report missing, italian", Signal{Title: "Report vendemmia mancante", Text: "Il report settimanale interno sulla vendemmia non è stato generato stanotte. Niente di urgente, lo rilanciamo a mano."}, 3, P3, "internal batch only"},
	{"observatory booking portal down, dutch", Signal{Title: "Boekingsportaal onbereikbaar", Text: "Niemand kan meer inloggen op het boekingsportaal voor de telescoopavonden, alle bezoekers krijgen een foutmelding."}, 2, P2, "total outage of a tier-2 service"},
	{"fire dispatch disk fill forecast", Signal{Title: "Dispatch database volume projected to reach 100% in 9 days at current growth", Severity: "critical"}, 1, P3, "forecast, nothing broken yet"},
	{"recycling pickup page cosmetic glitch", Signal{Title: "Collection calendar page: footer shows 2019 copyright and truck icon overlaps heading on Safari", Severity: "high"}, 1, P3, "cosmetic"},
	{"launch range internal weather board down", Signal{Title: "range-weather-board: 503 on 100% of requests", Text: "Internal dashboard for range staff; upstream sensor feeds still archived.", Severity: "critical"}, 3, P3, "total outage of a tier-3 internal tool"},
}

var chatterHeldout5 = []chatCase{
	{"the reminder emails are not being sent since this morning", true},
	{"heads up, the birthday discount is applied twice at checkout", true},
	{"Wir bekommen ständig Zeitüberschreitungsfehler beim Abrufen der Dienstpläne", true},
	{"Danke euch allen für die schnelle Hilfe gestern!", false},
	{"oye, la web va lentísima hoy, ¿solo me pasa a mí?", true},
	{"Recordatorio: el sábado de 2 a 4 haremos mantenimiento y el portal no estará disponible", false},
	{"Le problème de connexion de mardi a été corrigé, tout fonctionne depuis", false},
	{"Est-ce normal que les factures PDF ne se téléchargent plus ?", true},
	{"Não é urgente, mas o relatório de vendas está mostrando valores errados para março", true},
	{"Vamos marcar a reunião de post-mortem do incidente de ontem para quinta às 15h?", false},
	{"Qualcuno sa dove si ordina il pranzo per l'offsite del team?", false},
	{"Le notifiche push non arrivano più agli utenti Android da ieri sera", true},
	{"checked the dashboards after the rollout, everything looks green", false},
	{"happy friday everyone, there's cake in the kitchen", false},
	{"the holiday greeting cards are going out with someone else's name on them", true},
	{"Kurze Frage: warum zeigt das Lager-Dashboard seit gestern keine Bestände mehr?", true},
}

var kiHeldout5 = []kiCase{
	{
		name:    "hotel partner price sync rejected after key swap, synonyms",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "HTL-KI-7", Title: "Channel manager rate push rejected by OTA after credential rotation", Symptoms: "rate and availability updates to online travel agencies fail with 401 after the partner API token is rotated; rooms show stale prices on OTA sites"},
			{ID: "HTL-KI-9", Title: "Reservation DB connection pool exhausted during night audit", Symptoms: "booking requests time out waiting for a database connection while the night audit batch holds connections; errors 'pool exhausted'"},
		},
		service: config.Service{Name: "room-booking", Domains: []string{"hotels", "reservations"}},
		sig:     Signal{Title: "Expedia and Booking.com still listing yesterday's room prices", Service: "room-booking", Text: "Our pricing sync to the third-party booking sites keeps getting 'unauthorized' back ever since security swapped the partner keys this morning."},
		want:    "HTL-KI-7",
	},
	{
		name:    "blood bank reminders missing, template not throttling",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "BB-KI-3", Title: "Donor appointment reminders stuck when SMS provider throttles", Symptoms: "reminder SMS queue grows, provider returns 429 rate limit, donors miss their appointments"},
			{ID: "BB-KI-5", Title: "Blood unit inventory lags after lab system upgrade", Symptoms: "unit counts per blood type out of date; HL7 interface replays messages slowly after LIS restart"},
		},
		service: config.Service{Name: "donor-notify", Domains: []string{"blood-bank", "donors"}},
		sig:     Signal{Title: "Donor appointment reminders not delivered", Service: "donor-notify", Text: "No SMS reminders have gone out to donors today."},
		evidence: []string{
			"sms-sender: template 'donor_reminder_v4' not found (404), 0 messages enqueued",
			"provider status: 200 OK, rate usage 3% of quota, no throttling",
			"reminder queue depth 0",
		},
		want: "",
	},
	{
		name:    "taxi driver positions frozen, spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "TX-KI-2", Title: "Driver GPS positions frozen when MQTT broker drops sessions", Symptoms: "driver locations stop updating on the rider map; MQTT broker disconnects idle sessions after keepalive mismatch; drivers appear stationary"},
			{ID: "TX-KI-4", Title: "Fare estimate wrong after surge multiplier cache not invalidated", Symptoms: "fare estimates use an old surge multiplier; riders quoted a price different from what they are charged"},
		},
		service: config.Service{Name: "dispatch-tracking", Domains: []string{"taxis", "dispatch"}},
		sig:     Signal{Title: "Los coches aparecen quietos en el mapa", Service: "dispatch-tracking", Text: "Desde hace media hora la ubicación de los conductores no se actualiza en la app del pasajero; el bróker de mensajería parece estar cortando las conexiones de los conductores."},
		want:    "TX-KI-2",
	},
	{
		name:    "broadcast programme guide shifted after clock change, german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "BC-KI-11", Title: "Live stream segments missing when origin packager disk fills", Symptoms: "HLS playlists reference segments that return 404; packager writes fail with no space left on device; viewers see buffering"},
			{ID: "BC-KI-12", Title: "EPG schedule shows wrong programme after timezone change", Symptoms: "electronic programme guide off by one hour after the daylight saving switch; listings show the previous show"},
		},
		service: config.Service{Name: "epg-service", Domains: []string{"broadcasting", "schedule"}},
		sig:     Signal{Title: "Programmführer zeigt falsche Sendungen", Service: "epg-service", Text: "Seit der Zeitumstellung am Sonntag ist der elektronische Programmführer um eine Stunde verschoben, überall steht noch die vorherige Sendung."},
		want:    "BC-KI-12",
	},
	{
		name:    "pharmacy refill duplicated on payment retry, french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "PH-KI-1", Title: "Prescription refill orders duplicated on payment retry", Symptoms: "patients charged twice and two refill orders created when the payment gateway times out and the client retries without an idempotency key"},
			{ID: "PH-KI-6", Title: "Stock levels stale when wholesaler feed import fails", Symptoms: "store shows medicines in stock that are sold out; nightly wholesaler CSV import aborts on a malformed row"},
			{ID: "PH-KI-8", Title: "Pharmacist chat drops after websocket idle timeout", Symptoms: "consultation chat disconnects after 60 seconds of silence; load balancer idle timeout shorter than heartbeat"},
		},
		service: config.Service{Name: "refill-orders", Domains: []string{"pharmacies", "prescriptions"}},
		sig:     Signal{Title: "Commandes de renouvellement en double", Service: "refill-orders", Text: "Plusieurs patients ont été débités deux fois : quand le paiement met trop de temps, l'appli relance la requête et une deuxième commande d'ordonnance est créée."},
		want:    "PH-KI-1",
	},
	{
		name:    "ski barrier terminals ahead of server time, synonyms",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "SK-KI-3", Title: "Lift gate scanners reject passes when RFID reader firmware clock drifts", Symptoms: "turnstiles deny valid season passes; reader clock ahead of server so the pass validity window check fails; errors 'pass not yet valid'"},
			{ID: "SK-KI-8", Title: "Slope webcam page blank when CDN token expires", Symptoms: "webcam images fail to load with 403 from the CDN once the signed URL token expires"},
		},
		service: config.Service{Name: "lift-access", Domains: []string{"ski-resort", "lifts"}},
		sig:     Signal{Title: "Paid day tickets refused at the chairlift barriers", Service: "lift-access", Text: "Barrier terminals show 'ticket not active yet' for guests who bought this morning; the devices' internal time runs about six minutes ahead of the central server."},
		want:    "SK-KI-3",
	},
	{
		name:    "lottery results stale because draw never published, not cache",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "LT-KI-2", Title: "Draw results page stale when cache purge fails", Symptoms: "winning numbers page shows the previous draw; CDN purge API call fails after draw publication"},
			{ID: "LT-KI-5", Title: "Ticket purchase fails when payment provider rotates certificate", Symptoms: "checkout returns TLS handshake errors because the app pins the old payment provider certificate"},
		},
		service: config.Service{Name: "draw-results", Domains: []string{"lottery", "results"}},
		sig:     Signal{Title: "Draw results page shows previous draw", Service: "draw-results", Text: "Players still see last Saturday's winning numbers."},
		evidence: []string{
			"cdn-purge: status=success, 1204 objects invalidated at 20:31",
			"results-publisher: draw 4471 not written, certification service returned 'draw not certified'",
			"origin GET /results/latest -> 200 draw_id=4470",
		},
		want: "",
	},
	{
		name:    "zoo ticket email attachment empty, nothing fits",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "ZOO-KI-1", Title: "Annual pass QR codes invalid after signing key rotation", Symptoms: "entrance scanners reject annual pass QR codes with signature mismatch after the signing key is rotated"},
			{ID: "ZOO-KI-4", Title: "Keeper feeding schedule app crashes on tablets after OS update", Symptoms: "feeding schedule app closes on launch on keeper tablets updated to the new OS version"},
		},
		service: config.Service{Name: "ticket-shop", Domains: []string{"zoo", "tickets"}},
		sig:     Signal{Title: "Ticket confirmation emails arrive with empty PDF", Service: "ticket-shop", Text: "Visitors who bought online get the confirmation email, but the attached PDF is 0 bytes."},
		evidence: []string{
			"mailer: attachment render failed: font 'ZooSans' not found, attaching empty file",
		},
		want: "",
	},
}

func TestSeverityWorldHeldout5(t *testing.T) {
	runSevSample(t, "severity held-out 5", severityHeldout5)
}

func TestChatterWorldHeldout5(t *testing.T) {
	runChatSample(t, "chatter held-out 5", chatterHeldout5)
}

func TestKnownIssueHeldout5(t *testing.T) {
	runKISample(t, "known-issue held-out 5", kiHeldout5)
}
