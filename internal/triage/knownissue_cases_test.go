package triage

// knownissue_cases_test.go holds known-issue cases from industries the
// shared samples do not cover. The held-out half was written before the
// matcher was changed and was not tuned on; TestKnownIssueCases reports
// precision and recall on each half.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

type kiCase struct {
	name     string
	heldOut  bool
	issues   []KnownIssue
	service  config.Service
	sig      Signal
	evidence []string // telemetry lines (signature, log patterns, trace faults)
	want     string   // "" when no known issue fits
	// limitation says why the matcher is known to get this case wrong; the
	// test fails when such a case starts passing, so the note is removed.
	limitation string
}

func kiCases() []kiCase {
	return []kiCase{
		// --- development cases ---
		{name: "hospital lab: results missing, other words, x509 in the logs",
			issues: []KnownIssue{
				{ID: "LAB1", Title: "HL7 interface engine queue stalls after certificate rotation",
					Symptoms: "Lab results stop reaching the EHR; the interface engine's outbound queue grows; TLS handshake errors to the EHR endpoint."},
				{ID: "LAB2", Title: "Analyzer middleware duplicates results after reconnect",
					Symptoms: "The same potassium result is filed twice on a chart; analyzer reconnect in the middleware log."},
				{ID: "LAB3", Title: "Lab system slow during nightly backup",
					Symptoms: "Result entry screens take 10+ seconds between 01:00 and 02:00 while the backup job runs."},
			},
			service: config.Service{Name: "lis-gateway", Domains: []string{"hl7", "lab"}},
			sig: Signal{Title: "Results not showing up in patient charts since 09:40", Service: "lis-gateway",
				Text: "Ward nurses say lab results are missing from the EHR. Interface outbound backlog 4,200 messages. Logs: x509: certificate signed by unknown authority when posting to the EHR gateway."},
			want: "LAB1"},
		{name: "ski lifts: same complaint, disk full instead of clock drift",
			issues: []KnownIssue{
				{ID: "SKI1", Title: "Gate scanners reject passes when the pass server clock drifts",
					Symptoms: "Turnstiles at lift gates show red on valid season passes; pass server NTP offset above 2s; validation errors 'not yet valid'."},
				{ID: "SKI2", Title: "Gate scanners offline after a network switch reboot",
					Symptoms: "All gates at one base station show offline; switch uptime resets; scanners reconnect after 5 minutes."},
				{ID: "SKI3", Title: "Online pass sales fail when the payment provider is down",
					Symptoms: "Web shop checkout answers 502; provider status page red."},
			},
			service: config.Service{Name: "pass-server", Domains: []string{"access", "gates"}},
			sig: Signal{Title: "Lift gates rejecting valid passes at the summit base", Service: "pass-server",
				Text: "Skiers' passes rejected at 12 gates; the pass server database disk is full (ENOSPC) since 08:10 and writes fail; validation returns 'server error'."},
			want: ""},
		{name: "water utility: historian out of space described as blank charts",
			issues: []KnownIssue{
				{ID: "W1", Title: "Outstation radios lose link during heavy rain",
					Symptoms: "Pump station readings freeze; RTU last-seen timestamps stop updating; rain fade on licensed radio links."},
				{ID: "W2", Title: "Historian database fills its disk",
					Symptoms: "Trend screens show gaps; the historian stops writing; disk usage 100% on the historian server."},
				{ID: "W3", Title: "Chlorine dosing alarms flood after PLC firmware update",
					Symptoms: "Hundreds of dosing alarms per minute after a PLC firmware change; dosing itself correct."},
			},
			service: config.Service{Name: "scada-historian", Domains: []string{"scada"}},
			sig: Signal{Title: "Trend charts blank since 03:00", Service: "scada-historian",
				Text: "Operators report gaps in the trend charts for all sites. The historian host volume is at capacity (no space left on device) and the archiver has stopped."},
			want: "W2"},
		{name: "broadcast radio: Spanish report of a satellite feed loss",
			issues: []KnownIssue{
				{ID: "R1", Title: "Stream encoder loses audio after the satellite feed drops",
					Symptoms: "Listeners hear silence on the web stream; encoder input level at -inf dB; the satellite receiver reports signal lost."},
				{ID: "R2", Title: "Stream edge returns 403 after token expiry",
					Symptoms: "Players fail to start the stream with 403 Forbidden; signed token expired."},
				{ID: "R3", Title: "Now-playing metadata stuck on the previous song",
					Symptoms: "Apps show the wrong title; metadata pusher lags."},
			},
			service: config.Service{Name: "stream-encoder", Domains: []string{"streaming"}},
			sig: Signal{Title: "La transmisión web está en silencio", Service: "stream-encoder",
				Text: "La transmisión en la web está en silencio desde las 14:05; el receptor satelital indica pérdida de señal y el codificador no recibe audio."},
			want: "R1"},
		{name: "agriculture IoT: stale readings, certificate expiry in telemetry",
			issues: []KnownIssue{
				{ID: "A1", Title: "Soil sensors stop reporting when the LoRa gateway certificate expires",
					Symptoms: "Moisture readings stop for a whole farm; the gateway logs TLS handshake failures to the network server; the sensors themselves are healthy."},
				{ID: "A2", Title: "Irrigation valves open late after a daylight saving change",
					Symptoms: "Valves open one hour late; schedules in local time."},
				{ID: "A3", Title: "Sensor battery drain after firmware 3.1",
					Symptoms: "Individual sensors drop out after two weeks; battery voltage below 3.0V."},
			},
			service: config.Service{Name: "farm-ingest", Domains: []string{"iot", "sensors"}},
			sig: Signal{Title: "No soil moisture data from the east farm for 40 minutes", Service: "farm-ingest",
				Text: "Dashboard shows readings stale for all 220 sensors on the farm."},
			evidence: []string{"network-server: TLS handshake failed: remote error: tls: expired certificate"},
			want:     "A1",
			limitation: "the issue's 'sensors themselves are healthy' is read as ruling out a signal that names the sensors " +
				"only as the source of stale readings"},
		{name: "transit ticketing: purchase 502s, pool exhaustion not gateway maintenance",
			issues: []KnownIssue{
				{ID: "T1", Title: "Validators reject cards when the fare table download fails",
					Symptoms: "Validators show 'invalid card' on buses; fare table version older than today; the download from the back office times out."},
				{ID: "T2", Title: "Mobile ticket purchase fails during payment gateway maintenance",
					Symptoms: "App purchases fail with 502; the gateway's status page lists maintenance."},
				{ID: "T3", Title: "Top-up kiosk receipt printer jams",
					Symptoms: "Kiosk shows 'printer error'; paper jam sensor on."},
			},
			service: config.Service{Name: "ticket-api", Domains: []string{"ticketing"}},
			sig: Signal{Title: "Mobile ticket purchases failing with 502", Service: "ticket-api",
				Text: "About 40% of app ticket purchases end in HTTP 502 since the 07:30 rush hour."},
			evidence: []string{"ticket-api: acquire connection: pool exhausted (50/50 in use): context deadline exceeded",
				"ticket-db: lock wait timeout exceeded; try restarting transaction"},
			want: ""},
		{name: "legal e-filing: upload limit in other words",
			issues: []KnownIssue{
				{ID: "E1", Title: "E-filing portal rejects PDFs larger than the upload limit",
					Symptoms: "Filers get 'document could not be accepted' for PDFs above 25 MB; proxy logs 413 Request Entity Too Large."},
				{ID: "E2", Title: "Filing receipts emailed late when the mail relay throttles",
					Symptoms: "Confirmation emails arrive hours after filing; the relay answers 421 too many connections."},
				{ID: "E3", Title: "Docket search shows stale entries after a reindex",
					Symptoms: "New filings missing from docket search for an hour after the nightly reindex."},
			},
			service: config.Service{Name: "efiling-portal", Domains: []string{"filing"}},
			sig: Signal{Title: "Attorneys cannot submit large briefs", Service: "efiling-portal",
				Text: "Submissions of big exhibits bounce with 'request entity too large'; small filings go through."},
			want: "E1"},
		{name: "brewery MES: German report, OPC UA session in telemetry",
			issues: []KnownIssue{
				{ID: "B1", Title: "Fermentation tank temperatures freeze when the OPC UA session expires",
					Symptoms: "Tank temperatures stop updating in the MES; the OPC UA client logs BadSessionIdInvalid; brewing continues on the PLC."},
				{ID: "B2", Title: "Bottling line label printer loses its connection",
					Symptoms: "Labels not printed; printer unreachable on the line network."},
				{ID: "B3", Title: "Batch records missing after a database failover",
					Symptoms: "Batch records of the last hour missing after the MES database failed over; replication lag."},
			},
			service: config.Service{Name: "mes-collector", Domains: []string{"mes"}},
			sig: Signal{Title: "Temperaturwerte der Gärtanks eingefroren", Service: "mes-collector",
				Text: "Seit 10 Uhr aktualisieren sich die Temperaturen der Tanks im MES nicht mehr, die Werte sind eingefroren. Die Steuerung läuft normal."},
			evidence: []string{"mes-collector: OPC UA session invalid (BadSessionIdInvalid), reconnecting"},
			want:     "B1"},

		// --- held-out cases: written before the matcher changed, never tuned on ---
		{name: "hotel keys: throttling in other words", heldOut: true,
			issues: []KnownIssue{
				{ID: "HK1", Title: "Door locks reject guest keys after the encoder's clock resets",
					Symptoms: "Newly encoded keycards show a red light at room doors; encoder time set to 2000-01-01 after a power cut."},
				{ID: "HK2", Title: "Mobile key provisioning fails when the lock vendor API is rate limited",
					Symptoms: "Guests don't receive mobile keys; the vendor API answers 429."},
				{ID: "HK3", Title: "Front desk PMS slow at checkout time",
					Symptoms: "Folio screens take seconds to load between 10:00 and 12:00."},
			},
			service: config.Service{Name: "guest-app", Domains: []string{"keys"}},
			sig: Signal{Title: "Guests not getting digital keys in the app", Service: "guest-app",
				Text: "Digital room keys never arrive for about half of the guests; the vendor's API is throttling us (Too Many Requests)."},
			want: "HK2"},
		{name: "elevators: status missing, ingest out of memory not modems", heldOut: true,
			issues: []KnownIssue{
				{ID: "EL1", Title: "Elevator telemetry gaps when the cellular modem firmware hangs",
					Symptoms: "One building's elevators stop sending status; the modem uptime counter stops; a power cycle fixes it."},
				{ID: "EL2", Title: "Alarm centre cannot reach car phones during a carrier outage",
					Symptoms: "Emergency phone test calls fail for many buildings at once; the carrier status page shows an outage."},
			},
			service: config.Service{Name: "lift-ingest", Domains: []string{"elevators"}},
			sig: Signal{Title: "Elevator status missing for 40 buildings", Service: "lift-ingest",
				Text: "Status messages stopped arriving from elevators across the city at 11:02. The ingest service crashed with out of memory; pods restarting."},
			evidence: []string{"lift-ingest: fatal error: runtime: out of memory", "lift-ingest container OOMKilled"},
			want:     ""},
		{name: "pharmacy: French report of decimal commas in a supplier file", heldOut: true,
			issues: []KnownIssue{
				{ID: "PH1", Title: "Prescription claims to the insurer time out during its nightly batch",
					Symptoms: "Pharmacists see claims pending; the insurer endpoint answers after the 30s timeout between 22:00 and 23:00."},
				{ID: "PH2", Title: "Label printer prints blank labels after a driver update",
					Symptoms: "Blank labels; printer driver version changed."},
				{ID: "PH3", Title: "Stock levels wrong after the supplier feed uses decimal commas",
					Symptoms: "Quantities ten times too high after the supplier's delivery file; the decimal comma read as a thousands separator."},
			},
			service: config.Service{Name: "pharmacy-stock", Domains: []string{"inventory"}},
			sig: Signal{Title: "Stocks faux depuis la livraison", Service: "pharmacy-stock",
				Text: "Les stocks affichés sont faux depuis la livraison de ce matin : les quantités sont dix fois trop élevées. Le fichier du fournisseur utilise des virgules décimales."},
			want: "PH3"},
		{name: "ground station: expired upload credentials in telemetry", heldOut: true,
			issues: []KnownIssue{
				{ID: "G1", Title: "Antenna tracking loses lock when the orbital elements are stale",
					Symptoms: "Passes drop out mid-contact; tracking error grows; orbital elements older than 3 days."},
				{ID: "G2", Title: "Downlink files stuck in the station outbox when the storage credentials expire",
					Symptoms: "Telemetry files pile up at the station; uploads fail with ExpiredToken; dashboards show no new passes."},
				{ID: "G3", Title: "Scheduler double-books antennas",
					Symptoms: "Two missions get the same antenna slot."},
			},
			service: config.Service{Name: "ground-uploader", Domains: []string{"ground"}},
			sig: Signal{Title: "No new pass data in the mission dashboard since 02:00", Service: "ground-uploader",
				Text: "Operators see contacts completing but nothing arrives in the archive."},
			evidence: []string{"ground-uploader: PutObject failed: ExpiredToken: The provided token has expired", "ground-uploader: 412 files queued"},
			want:     "G2"},
		{name: "wearables: Portuguese report of a pairing failure", heldOut: true,
			issues: []KnownIssue{
				{ID: "FW1", Title: "Step counts sync late when the push provider is degraded",
					Symptoms: "The watch shows steps but the app updates hours later; the push provider's status page says degraded."},
				{ID: "FW2", Title: "Bluetooth pairing fails after a phone OS update",
					Symptoms: "Users cannot pair the watch after updating the phone; pairing times out."},
			},
			service: config.Service{Name: "companion-app", Domains: []string{"mobile"}},
			sig: Signal{Title: "Emparelhamento do relógio falha", Service: "companion-app",
				Text: "Usuários não conseguem emparelhar o relógio por Bluetooth depois de atualizar o telefone; o emparelhamento expira."},
			want: "FW2"},
		{name: "energy grid: meter reads missing, disk full not certificate", heldOut: true,
			issues: []KnownIssue{
				{ID: "EG1", Title: "Smart meter reads missing when the head-end certificate expires",
					Symptoms: "Meter reads for a whole region missing; the head-end logs TLS certificate expired."},
				{ID: "EG2", Title: "Billing run slow at month end",
					Symptoms: "The billing batch takes 6 hours instead of 2 on the last day of the month."},
			},
			service: config.Service{Name: "meter-headend", Domains: []string{"metering"}},
			sig: Signal{Title: "Meter reads missing for the north region", Service: "meter-headend",
				Text: "About 30% of meter reads missing since midnight. Head-end logs show the collector's disk is full (no space left on device)."},
			want: ""},
		{name: "library: unrelated failure, nothing fits", heldOut: true,
			issues: []KnownIssue{
				{ID: "LB1", Title: "Self-checkout kiosks fail when RFID pads disconnect",
					Symptoms: "Kiosks show 'place item on pad' forever; RFID pad USB resets."},
				{ID: "LB2", Title: "Catalogue search slow during reindex",
					Symptoms: "Search takes 10s while the nightly reindex runs."},
			},
			service: config.Service{Name: "ebook-loans", Domains: []string{"loans"}},
			sig: Signal{Title: "E-book loans failing", Service: "ebook-loans",
				Text: "The publisher API returns 401 Unauthorized since the API key rotation; no loans can start."},
			want: ""},
		{name: "port gate: recognition failing in a storm, other words", heldOut: true,
			issues: []KnownIssue{
				{ID: "PL1", Title: "Crane telemetry stale when the broker disk fills",
					Symptoms: "Crane positions stop updating; broker disk 100%."},
				{ID: "PL2", Title: "Gate OCR misreads container numbers in rain",
					Symptoms: "Truck gate OCR confidence drops below 0.6; containers sent to the manual lane; heavy rain."},
			},
			service: config.Service{Name: "gate-ocr", Domains: []string{"gate"}},
			sig: Signal{Title: "Trucks queued at the gate: container number recognition failing", Service: "gate-ocr",
				Text: "Camera reads of container IDs mostly low-confidence this morning during the storm; most trucks diverted to the manual lane."},
			want: "PL2"},
	}
}

// kiTally counts outcomes for precision and recall: a claim is right when
// it names the expected issue; recall is over cases that expect one.
type kiTally struct{ right, claimed, expected, correct, total int }

// record counts one case whose best claim was top (or "" for none).
func (t *kiTally) record(top, want string) {
	t.total++
	if want != "" {
		t.expected++
	}
	if top != "" {
		t.claimed++
		if top == want {
			t.right++
		}
	}
	if top == want {
		t.correct++
	}
}

func (t kiTally) String() string {
	p, r := 1.0, 1.0
	if t.claimed > 0 {
		p = float64(t.right) / float64(t.claimed)
	}
	if t.expected > 0 {
		r = float64(t.right) / float64(t.expected)
	}
	return fmt.Sprintf("correct %d/%d, precision %.2f (%d/%d claims), recall %.2f", t.correct, t.total, p, t.right, t.claimed, r)
}

func TestKnownIssueCases(t *testing.T) {
	var dev, held kiTally
	for _, c := range kiCases() {
		got := RankKnownIssuesWithEvidence(c.sig, c.service, c.issues, KnownIssueEvidence{Lines: c.evidence})
		top := ""
		if len(got) > 0 {
			top = got[0].ID
		}
		tl := &dev
		if c.heldOut {
			tl = &held
		}
		tl.record(top, c.want)
		if top == c.want && c.limitation != "" {
			t.Errorf("%s passes now: remove its limitation note", c.name)
		}
		if top != c.want && c.limitation == "" {
			t.Errorf("%s: top %q, want %q", c.name, top, c.want)
		}
		if top != c.want {
			var all []string
			for _, m := range scoreKnownIssues(c.sig, c.service, c.issues, KnownIssueEvidence{Lines: c.evidence}) {
				all = append(all, fmt.Sprintf("%s %.2f: ", m.ID, m.Score)+strings.Join(m.Reasons, "; "))
			}
			t.Logf("%s (held out %v): top %q, want %q\n  %s", c.name, c.heldOut, top, c.want, strings.Join(all, "\n  "))
		}
	}
	t.Logf("development: %s", dev)
	t.Logf("held out: %s", held)
}

// TestKnownIssueThresholdCalibration sweeps the claim threshold over the
// package's own cases and reports precision and recall at each; the chosen
// KnownIssueThreshold must keep precision at 0.9 or better on them.
func TestKnownIssueThresholdCalibration(t *testing.T) {
	type outcome struct {
		score float64
		right bool // the best-scoring issue is the expected one
		want  string
	}
	var outs []outcome
	for _, c := range kiCases() {
		all := scoreKnownIssues(c.sig, c.service, c.issues, KnownIssueEvidence{Lines: c.evidence})
		o := outcome{want: c.want}
		if len(all) > 0 {
			o.score, o.right = all[0].Score, all[0].ID == c.want
		}
		outs = append(outs, o)
	}
	at := func(th float64) (p, r float64) {
		claims, right, expected := 0, 0, 0
		for _, o := range outs {
			if o.want != "" {
				expected++
			}
			if o.score >= th {
				claims++
				if o.right {
					right++
				}
			}
		}
		p, r = 1, 1
		if claims > 0 {
			p = float64(right) / float64(claims)
		}
		if expected > 0 {
			r = float64(right) / float64(expected)
		}
		return p, r
	}
	for th := 1.0; th <= 6.01; th += 0.5 {
		p, r := at(th)
		t.Logf("threshold %.1f: precision %.2f recall %.2f", th, p, r)
	}
	if p, r := at(KnownIssueThreshold); p < 0.9 {
		t.Errorf("at KnownIssueThreshold %.1f precision %.2f (recall %.2f), want >= 0.9", KnownIssueThreshold, p, r)
	}
}
