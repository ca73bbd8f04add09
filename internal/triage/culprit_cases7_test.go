package triage

// culprit_cases7_test.go is a seventh held-out batch, written before the
// run it records: the cause (or a tempting decoy) lives in another
// service's repository on the failing path, as the agent reads it since
// it learned to follow the call path across repositories. A telecom, a
// farm, a museum and a pharmacy. First run: see the batch's log line in
// docs/AGENT.md.

import (
	"testing"
	"time"
)

func culpritCasesSeventhBatch() []culpritCase {
	return []culpritCase{
		{
			name: "telecom: the collector now writes call durations as \"95s\"; the rater cannot read them; the rater's own refactor is innocent", heldOut: true,
			service: "billing-rater",
			sig:     Signal{Title: "Call records failing to rate", Text: "billing-rater rejects most call detail records; unrated backlog growing"},
			alert:   10,
			commits: []Commit{
				{Repo: "tel/rater", SHA: "r2", Parents: []string{"r1"}, Author: "kim", Date: hrs(6), Message: "rater: split tariff lookup into its own file",
					Files: []File{{Path: "rater/tariff.go", Patch: patch("", "func lookupTariff(plan string) Tariff { return tariffs[plan] }")}}},
				{Repo: "tel/collector", SHA: "c7", Parents: []string{"c6"}, Author: "ivo", Date: hrs(8), Message: "collector: human-readable durations in CDR export",
					Files: []File{{Path: "collector/export/cdr.go", Patch: patch(
						"\trec.Duration = strconv.Itoa(int(call.Duration.Seconds()))",
						"\trec.Duration = call.Duration.String()")}}},
			},
			deploys: []Deploy{
				{SHA: "r2", At: hrs(6.5), Environment: "production"},
				{SHA: "c7", At: hrs(9), Environment: "production", Service: "cdr-collector"},
			},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 5*time.Minute, firstFailing: "billing-rater", callPath: []string{"cdr-collector", "billing-rater"},
				logs: []string{"ERROR rate CDR: strconv.Atoi: parsing \"<str>\": invalid syntax (field duration)"}},
			want: "c7",
		},
		{
			name: "farm: the weather service's database pool cut from 40 to 4 starves the irrigation controller; a UI change is innocent", heldOut: true,
			service: "irrigation-controller",
			sig:     Signal{Title: "Irrigation schedules not computed", Text: "irrigation-controller timing out fetching forecasts; valves on fallback schedule"},
			alert:   5,
			commits: []Commit{
				{Repo: "agro/irrigation", SHA: "i4", Parents: []string{"i3"}, Author: "noa", Date: hrs(3), Message: "ui: new valve icons",
					Files: []File{{Path: "irrigation/web/icons/valve.svg", Patch: patch("<svg a/>", "<svg b/>")}}},
				{Repo: "agro/weather", SHA: "w9", Parents: []string{"w8"}, Author: "eli", Date: hrs(2), Message: "weather: trim database connections",
					Files: []File{{Path: "weather/config/db.yaml", Patch: patch("max_open_conns: 40", "max_open_conns: 4")}}},
			},
			deploys: []Deploy{
				{SHA: "i4", At: hrs(3.5), Environment: "production"},
				{SHA: "w9", At: hrs(4), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 20*time.Minute, firstFailing: "weather-api", callPath: []string{"irrigation-controller", "weather-api"},
				signature: "context deadline exceeded on GET /v2/forecast (client), after 5000 ms",
				logs:      []string{"WARN db: waiting for a free connection (pool exhausted, <num> waiters)"}},
			want: "w9",
		},
		{
			name: "museum: the card processor is down; the payment adapter's only changes are docs and tests", heldOut: true,
			service: "ticket-shop",
			sig:     Signal{Title: "Ticket purchases failing", Text: "ticket-shop checkout errors for every card payment"},
			alert:   11,
			commits: []Commit{
				{Repo: "museum/shop", SHA: "s3", Parents: []string{"s2"}, Author: "ada", Date: hrs(9), Message: "shop: family ticket bundle",
					Files: []File{{Path: "shop/catalogue/bundles.go", Patch: patch("", "\tbundles = append(bundles, Bundle{Name: \"family\", Adults: 2, Children: 3})")}}},
				{Repo: "museum/payments", SHA: "g5", Parents: []string{"g4"}, Author: "bo", Date: hrs(8), Message: "docs: processor error codes",
					Files: []File{{Path: "docs/errors.md", Patch: patch("", "| 503 | processor unavailable, retry later |")}}},
				{Repo: "museum/payments", SHA: "g4", Parents: []string{"g3"}, Author: "bo", Date: hrs(7), Message: "test: cover declined cards",
					Files: []File{{Path: "adapter/charge_test.go", Patch: patch("", "\tassertDeclined(t, charge(card(\"4000000000000002\")))")}}},
			},
			deploys: []Deploy{
				{SHA: "s3", At: hrs(9.5), Environment: "production"},
				{SHA: "g5", At: hrs(8.5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 50*time.Minute, firstFailing: "payment-adapter", callPath: []string{"ticket-shop", "payment-adapter"},
				signature: "503 Service Unavailable on POST https://api.cardproc.example/v1/charges (client), after 30 ms",
				logs:      []string{"ERROR charge failed: processor returned 503 Service Unavailable"}},
			want: "",
		},
		{
			name: "pharmacy: the insurer's certificate expired; the portal's date-format change upstream is a decoy", heldOut: true,
			service: "eprescribe",
			sig:     Signal{Title: "Prescription coverage checks failing", Text: "eprescribe cannot check coverage with the insurer; pharmacists override by phone"},
			alert:   15,
			commits: []Commit{
				{Repo: "rx/portal", SHA: "p8", Parents: []string{"p7"}, Author: "lin", Date: hrs(12), Message: "portal: send birth dates as ISO 8601",
					Files: []File{{Path: "portal/api/patient.go", Patch: patch(
						"\tBirthDate: p.Birth.Format(\"02/01/2006\"),",
						"\tBirthDate: p.Birth.Format(\"2006-01-02\"),")}}},
				{Repo: "rx/eprescribe", SHA: "e3", Parents: []string{"e2"}, Author: "max", Date: hrs(4), Message: "eprescribe: log coverage latency",
					Files: []File{{Path: "eprescribe/coverage/client.go", Patch: patch("", "\tmetrics.CoverageLatency.Observe(time.Since(start).Seconds())")}}},
			},
			deploys: []Deploy{
				{SHA: "p8", At: hrs(13), Environment: "production", Service: "pharmacy-portal"},
				{SHA: "e3", At: hrs(5), Environment: "production"},
			},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 58*time.Minute, firstFailing: "eprescribe", callPath: []string{"pharmacy-portal", "eprescribe"},
				signature: "x509: certificate has expired or is not yet valid on POST https://coverage.insurer.example/check (client), after 12 ms",
				logs:      []string{"ERROR coverage check: tls: failed to verify certificate: x509: certificate has expired or is not yet valid"}},
			want:    "",
			wantOps: "certificate",
		},
	}
}

func TestCulpritCasesSeventhBatch(t *testing.T) {
	runHeldOutBatch(t, "seventh", culpritCasesSeventhBatch())
}
