package triage

// culprit_cases8_test.go is an eighth held-out batch, written by a helper
// that did not read the rules: e-lending, harbour pilots, bee-keeping,
// concert ticketing, tax filing, blood donation, car washes, weather
// radar. First run: 6/8, one innocent commit blamed (it only timed the
// TLS handshake, for a certificate that had expired: an unchanged line
// re-added around the timer and the subject read as a TLS change) and one
// abstention (a pool size named max_open_conns was read as a limit, not a
// pool). After unchanged lines stopped counting as changes, instrumentation
// stopped naming mechanisms and max_*conn became a pool size: 8/8. It has
// tuned rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

func culpritCasesEighthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "e-lending: holds lookup wraps patron_card in lower(), defeating the index; a checkout refactor and a docs change are innocent", heldOut: true,
			service: "loan-service",
			sig:     Signal{Title: "E-book checkouts timing out", Text: "loan-service checkout requests hang and fail; patrons cannot borrow e-books or audiobooks"},
			alert:   3.6,
			commits: []Commit{
				{SHA: "l3", Parents: []string{"l2"}, Author: "maren", Date: hrs(3.0), Message: "docs: describe hold queue states",
					Files: []File{{Path: "loan-service/docs/holds.md", Patch: patch("", "A hold moves from `queued` to `ready` when a licence copy frees up.\nReady holds expire after 72 hours.")}}},
				{SHA: "l2", Parents: []string{"l1"}, Author: "okafor", Date: hrs(2.5), Message: "holds: match patron cards case-insensitively",
					Files: []File{{Path: "loan-service/internal/store/holds.go", Patch: patch(
						"\tq := `SELECT id, title_id, state FROM holds WHERE patron_card = $1 AND state = 'active'`",
						"\tq := `SELECT id, title_id, state FROM holds WHERE lower(patron_card) = lower($1) AND state = 'active'`")}}},
				{SHA: "l1", Parents: []string{"l0"}, Author: "maren", Date: hrs(2.0), Message: "checkout: rename locals, extract licence lookup helper",
					Files: []File{{Path: "loan-service/internal/api/checkout.go", Patch: patch(
						"\tt := chi.URLParam(r, \"title\")\n\tlic, err := h.s.Licence(r.Context(), t)",
						"\ttitleID := chi.URLParam(r, \"title\")\n\tlic, err := h.licenceFor(r.Context(), titleID)")}}},
			},
			deploys: []Deploy{{SHA: "l3", At: hrs(3.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 3*time.Hour + 15*time.Minute, firstFailing: "loan-service",
				callPath:  []string{"lending-web", "loan-service", "loans-db"},
				signature: "canceling statement due to statement timeout on SELECT holds (client), after 3000 ms",
				logs:      []string{"WARN slow query on holds: %d ms (seq scan)", "ERROR checkout of title %s failed: active holds lookup timed out"}},
			want: "l2",
		},
		{
			name: "harbour pilots: dispatch's tide-service client timeout cut from 5s to 400ms; a noisy tide-service deploy minutes later is innocent", heldOut: true,
			service: "pilot-dispatch",
			sig:     Signal{Title: "Pilot boarding assignments failing", Text: "pilot-dispatch cannot assign pilots to inbound vessels; tide window lookups time out"},
			alert:   5.8,
			commits: []Commit{
				{SHA: "h3", Parents: []string{"h2"}, Author: "ines", Date: hrs(5.2), Message: "tide-service: warn when a gauge reading is stale",
					Files: []File{{Path: "tide-service/internal/gauge/read.go", Patch: patch("",
						"\tif age := time.Since(r.At); age > 10*time.Minute {\n\t\tlog.Warnf(\"gauge %s reading is stale (%d min)\", g.ID, int(age.Minutes()))\n\t}")}}},
				{SHA: "h2", Parents: []string{"h1"}, Author: "bram", Date: hrs(4.8), Message: "dispatch: fail fast on tide window lookups",
					Files: []File{{Path: "pilot-dispatch/config/clients.yaml", Patch: patch("  tide_service_timeout: 5s", "  tide_service_timeout: 400ms")}}},
				{SHA: "h1", Parents: []string{"h0"}, Author: "ines", Date: hrs(4.0), Message: "docs: link the pilot rota handbook",
					Files: []File{{Path: "docs/README.md", Patch: patch("", "See the [pilot rota handbook](handbook/rota.md) for boarding rules.")}}},
			},
			deploys: []Deploy{
				{SHA: "h2", At: hrs(5.4), Environment: "production", Service: "pilot-dispatch"},
				{SHA: "h3", At: hrs(5.45), Environment: "production", Service: "tide-service"},
			},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 30*time.Minute, firstFailing: "pilot-dispatch",
				callPath:  []string{"harbour-portal", "pilot-dispatch", "tide-service"},
				affected:  []string{"pilot-dispatch", "harbour-portal"},
				signature: "context deadline exceeded on GET /v1/tide-windows (client), after 400 ms",
				logs:      []string{"WARN gauge %s reading is stale (%d min)", "ERROR tide window lookup for vessel %s failed: context deadline exceeded"}},
			want: "h2",
		},
		{
			name: "bee-keeping: reading timestamp switched from unix seconds to time.Time; an mqtt bump shipped with it and a staging-only format change are innocent", heldOut: true,
			service: "hive-ingest",
			sig:     Signal{Title: "Hive sensor readings rejected", Text: "hive-ingest rejects readings from every apiary gateway; hive weight and temperature charts are empty"},
			alert:   10.5,
			commits: []Commit{
				{SHA: "b4", Parents: []string{"b3"}, Author: "sol", Date: hrs(10.8), Message: "reading: accept temperature in deci-degrees",
					Files: []File{{Path: "hive-ingest/internal/reading/reading.go", Patch: patch("\tTempC float64 `json:\"temp_c\"`", "\tTempDeci int32 `json:\"temp_dc\"`")}}},
				{SHA: "b3", Parents: []string{"b2"}, Author: "renovate-bot", Date: hrs(9.5), Message: "deps: bump eclipse/paho.mqtt.golang to v1.4.3",
					Files: []File{
						{Path: "hive-ingest/go.mod", Patch: patch("\tgithub.com/eclipse/paho.mqtt.golang v1.4.2", "\tgithub.com/eclipse/paho.mqtt.golang v1.4.3")},
						{Path: "hive-ingest/go.sum", Patch: patch("github.com/eclipse/paho.mqtt.golang v1.4.2 h1:66wOzfUHSSI1zamx7jR6yMEI5EuHnT1G6rNA5PM12m4=", "github.com/eclipse/paho.mqtt.golang v1.4.3 h1:2kwcUGn8seMUfWndX0hGbvH8r7crgcJguQNCyp70xik=")},
					}},
				{SHA: "b2", Parents: []string{"b1"}, Author: "dagny", Date: hrs(9.0), Message: "reading: decode ts straight into time.Time",
					Files: []File{{Path: "hive-ingest/internal/reading/reading.go", Patch: patch("\tTS int64 `json:\"ts\"` // unix seconds", "\tTS time.Time `json:\"ts\"`")}}},
			},
			deploys: []Deploy{
				{SHA: "b3", At: hrs(10.0), Environment: "production"},
				{SHA: "b4", At: hrs(11.0), Environment: "staging"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 3*time.Minute, firstFailing: "hive-ingest",
				callPath:  []string{"apiary-gateway", "hive-ingest"},
				signature: "parsing time \"1741946400\" as RFC3339: cannot parse on POST /v1/readings (server), after 1 ms",
				logs:      []string{"ERROR rejected reading from gateway %s: parsing time %q as RFC3339"}},
			want: "b2",
		},
		{
			name: "concert ticketing: db pool cut from 60 to 6 overnight, exhausted at the morning on-sale; a handler refactor and a later acquire-timeout change are innocent", heldOut: true,
			service: "seat-hold",
			sig:     Signal{Title: "Seat holds failing during morning sales", Text: "seat-hold returns 500 on hold requests; fans lose their seats at checkout"},
			alert:   9.4,
			commits: []Commit{
				{SHA: "t4", Parents: []string{"t3"}, Author: "kofi", Date: hrs(9.6), Message: "db: raise pool acquire timeout to 5s",
					Files: []File{{Path: "seat-hold/config/db.yaml", Patch: patch("acquire_timeout: 2s", "acquire_timeout: 5s")}}},
				{SHA: "t3", Parents: []string{"t2"}, Author: "ana", Date: hrs(1.5), Message: "holds: extract seat validation from CreateHold",
					Files: []File{{Path: "seat-hold/internal/api/holds.go", Patch: patch(
						"\tif req.Seat.Row == \"\" || req.Seat.Number <= 0 {\n\t\treturn errBadSeat\n\t}",
						"\tif err := validateSeat(req.Seat); err != nil {\n\t\treturn err\n\t}")}}},
				{SHA: "t2", Parents: []string{"t1"}, Author: "ana", Date: hrs(1.0), Message: "db: trim connection pool to ease load on the primary",
					Files: []File{{Path: "seat-hold/config/db.yaml", Patch: patch("max_open_conns: 60", "max_open_conns: 6")}}},
			},
			deploys: []Deploy{
				{SHA: "t3", At: hrs(2.0), Environment: "production"},
				{SHA: "t4", At: hrs(10.0), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "seat-hold",
				callPath:  []string{"ticket-web", "checkout-api", "seat-hold", "seats-db"},
				signature: "timeout acquiring connection from pool on INSERT seat_holds (client), after 2000 ms",
				logs:      []string{"WARN db pool wait queue at %d requests", "ERROR create hold for event %s: pool acquire timeout"}},
			want: "t2",
		},
		{
			name: "tax filing: batch token audience trimmed, nightly submission gets 401 hours later; a refactor and a runbook are innocent", heldOut: true,
			service: "efile-batch",
			sig:     Signal{Title: "Overnight e-file batch rejected by revenue gateway", Text: "efile-batch submissions to the revenue authority fail with 401; thousands of returns were not transmitted"},
			alert:   26.4,
			commits: []Commit{
				{SHA: "x4", Parents: []string{"x3"}, Author: "pia", Date: hrs(16.0), Message: "docs: batch window and retry runbook",
					Files: []File{{Path: "efile-batch/docs/runbook.md", Patch: patch("", "The nightly batch starts at 02:00 and must finish before 06:00.\nRetry a failed batch with `efile-batch resubmit <id>`.")}}},
				{SHA: "x3", Parents: []string{"x2"}, Author: "moritz", Date: hrs(15.0), Message: "auth: share one token audience across submitters",
					Files: []File{{Path: "efile-batch/config/revenue.yaml", Patch: patch("  audience: https://gateway.revenue.example/efile/v3", "  audience: https://gateway.revenue.example")}}},
				{SHA: "x2", Parents: []string{"x1"}, Author: "pia", Date: hrs(14.0), Message: "batch: move chunking into its own function",
					Files: []File{{Path: "efile-batch/internal/batch/submit.go", Patch: patch(
						"\tfor i := 0; i < len(returns); i += 500 {\n\t\tend := min(i+500, len(returns))\n\t\tchunks = append(chunks, returns[i:end])\n\t}",
						"\tchunks := chunk(returns, 500)")}}},
			},
			deploys: []Deploy{{SHA: "x4", At: hrs(17.0), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 26 * time.Hour, firstFailing: "efile-batch",
				callPath:  []string{"efile-batch", "revenue-gateway"},
				signature: "401 Unauthorized on POST /efile/v3/batches (client), after 85 ms",
				logs:      []string{"ERROR batch %s rejected by revenue gateway: 401 invalid_token"}},
			want: "x3",
		},
		{
			name: "blood donation: the blood centre's server certificate expired; a TLS handshake timing change is innocent", heldOut: true,
			service: "lab-link",
			sig:     Signal{Title: "Donation screening results not arriving", Text: "lab-link cannot deliver screening results to the regional blood centre; TLS handshakes fail"},
			alert:   9.3,
			commits: []Commit{
				{SHA: "g2", Parents: []string{"g1"}, Author: "yusuf", Date: hrs(7.5), Message: "hl7: record TLS handshake duration",
					Files: []File{{Path: "lab-link/internal/hl7/client.go", Patch: patch(
						"\tconn, err := tls.Dial(\"tcp\", c.addr, c.tlsConf)",
						"\tstart := time.Now()\n\tconn, err := tls.Dial(\"tcp\", c.addr, c.tlsConf)\n\tc.metrics.Handshake.Observe(time.Since(start).Seconds())")}}},
				{SHA: "g1", Parents: []string{"g0"}, Author: "yusuf", Date: hrs(6.0), Message: "docs: on-call contacts for the blood centre",
					Files: []File{{Path: "lab-link/docs/oncall.md", Patch: patch("", "Blood centre integration desk: ext. 4410 (24/7).")}}},
			},
			deploys: []Deploy{{SHA: "g2", At: hrs(8.0), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 9 * time.Hour, firstFailing: "lab-link",
				callPath:  []string{"lab-link", "blood-centre-hl7"},
				signature: "x509: certificate has expired or is not yet valid: current time 2031-03-14T09:00:12Z is after 2031-03-14T09:00:00Z on POST /hl7/oru (client), after 41 ms",
				logs:      []string{"ERROR deliver ORU to %s: tls: failed to verify certificate: x509: certificate has expired or is not yet valid"}},
			want:    "",
			wantOps: "cert",
		},
		{
			name: "car washes: the card acquirer is down for every caller; an idempotency-key header change is innocent", heldOut: true,
			service: "wash-pay",
			sig:     Signal{Title: "Car wash kiosks declining card payments", Text: "wash-pay gets 503 from the card acquirer; customers cannot start a wash at any site"},
			alert:   13.2,
			commits: []Commit{
				{SHA: "w3", Parents: []string{"w2"}, Author: "lena", Date: hrs(12.2), Message: "acquirer: send Idempotency-Key on charge requests",
					Files: []File{{Path: "wash-pay/internal/acquirer/client.go", Patch: patch(
						"\treq.Header.Set(\"Content-Type\", \"application/json\")",
						"\treq.Header.Set(\"Content-Type\", \"application/json\")\n\treq.Header.Set(\"Idempotency-Key\", ch.WashID)")}}},
				{SHA: "w2", Parents: []string{"w1"}, Author: "raj", Date: hrs(11.0), Message: "test: table tests for loyalty discounts",
					Files: []File{{Path: "wash-pay/internal/loyalty/discount_test.go", Patch: patch("", "\t{name: \"tenth wash free\", washes: 9, want: 0},\n\t{name: \"gold tier\", tier: \"gold\", want: 850},")}}},
			},
			deploys: []Deploy{{SHA: "w3", At: hrs(12.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 13 * time.Hour, firstFailing: "card-acquirer",
				callPath:  []string{"wash-kiosk", "wash-pay", "card-acquirer"},
				affected:  []string{"wash-pay", "membership-billing"},
				signature: "503 Service Unavailable on POST /v2/charges (client), after 9 ms",
				logs:      []string{"ERROR charge for site %s failed: acquirer returned 503 Service Unavailable", "WARN membership renewal %s deferred: acquirer unavailable"}},
			want: "",
		},
		{
			name: "weather radar: storm warning drives an 11x traffic surge and load shedding; a colour palette change is innocent", heldOut: true,
			service: "radar-tiles",
			sig:     Signal{Title: "Radar map failing to load during storm", Text: "radar-tiles answers 503 to most tile requests as a severe thunderstorm warning goes out"},
			alert:   18.2,
			commits: []Commit{
				{SHA: "r2", Parents: []string{"r1"}, Author: "esa", Date: hrs(17.0), Message: "tiles: darker red for 50 dBZ reflectivity",
					Files: []File{{Path: "radar-tiles/palettes/reflectivity.json", Patch: patch("  {\"dbz\": 50, \"rgb\": \"#ff0000\"},", "  {\"dbz\": 50, \"rgb\": \"#d40000\"},")}}},
				{SHA: "r1", Parents: []string{"r0"}, Author: "esa", Date: hrs(16.0), Message: "ci: cache go modules between jobs",
					Files: []File{{Path: ".github/workflows/ci.yml", Patch: patch("", "      - uses: actions/cache@v4\n        with:\n          path: ~/go/pkg/mod")}}},
			},
			deploys: []Deploy{{SHA: "r2", At: hrs(17.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 18 * time.Hour, firstFailing: "radar-tiles",
				callPath:  []string{"radar-web", "radar-tiles"},
				affected:  []string{"radar-tiles", "radar-web"},
				signature: "503 Service Unavailable on GET /tiles/{z}/{x}/{y}.png (server), after 0 ms",
				logs:      []string{"WARN shedding tile request: %d in flight over limit %d"},
				surges: []MetricShift{
					{Service: "radar-tiles", Name: "http_requests_per_second", Direction: "up", Ratio: 11, At: hrs(17.95)},
				}},
			want:    "",
			wantOps: "surge",
		},
	}
}

func TestCulpritCasesEighthBatch(t *testing.T) {
	runHeldOutBatch(t, "eighth", culpritCasesEighthBatch())
}
