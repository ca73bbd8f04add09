package triage

// culprit_cases6_test.go is a sixth held-out batch, written after the fifth
// batch's fix: a ski resort, a blood bank, a newspaper paywall and a
// lottery. First run: 3/4, one innocent commit blamed (a query refactor,
// for a disk that was full). After a full disk became an operational
// cause: 4/4. It has tuned a rule since, so it is no longer held out.

import (
	"testing"
	"time"
)

func culpritCasesSixthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "ski passes: the turnstile API limit cut from 200 to 20 rps; a translation is innocent", heldOut: true,
			service: "pass-api",
			sig:     Signal{Title: "Turnstiles rejecting valid ski passes", Text: "pass-api answers 429 to most turnstile checks at the lifts"},
			alert:   9,
			commits: []Commit{
				{SHA: "k2", Parents: []string{"k1"}, Author: "lou", Date: hrs(8), Message: "i18n: Italian lift names",
					Files: []File{{Path: "pass-api/locales/it.json", Patch: patch("", "  \"lift\": \"seggiovia\"")}}},
				{SHA: "k1", Parents: []string{"k0"}, Author: "tim", Date: hrs(7), Message: "api: tighten per-client rate limit",
					Files: []File{{Path: "pass-api/config/limits.yaml", Patch: patch("turnstile_rps: 200", "turnstile_rps: 20")}}},
			},
			deploys: []Deploy{{SHA: "k2", At: hrs(8.2), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 30*time.Minute, firstFailing: "pass-api",
				signature: "429 Too Many Requests on POST /v1/validate (server), after 2 ms"},
			want: "k1",
		},
		{
			name: "blood bank: a storage node's disk is full; a query refactor is innocent", heldOut: true,
			service: "donor-registry",
			sig:     Signal{Title: "Donor registrations failing", Text: "donor-registry cannot save new donors"},
			alert:   14,
			commits: []Commit{{SHA: "v1", Parents: []string{"v0"}, Author: "ola", Date: hrs(10), Message: "registry: extract donor query into a helper",
				Files: []File{{Path: "donor-registry/store/donor.go", Patch: patch(
					"\trow := db.QueryRow(ctx, \"SELECT id FROM donors WHERE email = $1\", email)",
					"\trow := findDonorByEmail(ctx, db, email)")}}}},
			deploys: []Deploy{{SHA: "v1", At: hrs(10.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 13*time.Hour + 40*time.Minute, firstFailing: "donor-registry",
				logs: []string{"ERROR insert donor: could not extend file: No space left on device"}},
			want: "",
		},
		{
			name: "paywall: a removed subscriber check lets the meter block subscribers; a CSS change is innocent", heldOut: true,
			service: "paywall",
			sig:     Signal{Title: "Subscribers see the paywall", Text: "paying subscribers are asked to subscribe after 3 articles"},
			alert:   12,
			commits: []Commit{
				{SHA: "p2", Parents: []string{"p1"}, Author: "zoe", Date: hrs(11), Message: "style: paywall banner colours",
					Files: []File{{Path: "paywall/static/banner.css", Patch: patch(".banner { color: #333 }", ".banner { color: #222 }")}}},
				{SHA: "p1", Parents: []string{"p0"}, Author: "ray", Date: hrs(10), Message: "meter: simplify article counting",
					Files: []File{{Path: "paywall/meter/meter.go", Patch: patch(
						"\tif user.Subscribed {\n\t\treturn Allow\n\t}\n\tif count >= freeArticles {",
						"\tif count >= freeArticles {")}}},
			},
			deploys: []Deploy{{SHA: "p2", At: hrs(11.2), Environment: "production"}},
			ev:      caseEvidence{onsetAfter: 11*time.Hour + 15*time.Minute, firstFailing: "paywall"},
			want:    "p1",
		},
		{
			name: "lottery: the draw traffic surge is expected load; a pool cut is the cause", heldOut: true,
			service: "ticket-api",
			sig:     Signal{Title: "Ticket purchases timing out before the draw", Text: "ticket-api p99 12s; connection pool exhausted"},
			alert:   19.8,
			commits: []Commit{{SHA: "l1", Parents: []string{"l0"}, Author: "gus", Date: hrs(15), Message: "db: fewer connections per pod",
				Files: []File{{Path: "ticket-api/db/pool.go", Patch: patch("\tMaxConns: 40,", "\tMaxConns: 8,")}}}},
			deploys: []Deploy{{SHA: "l1", At: hrs(15.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 40*time.Minute, firstFailing: "ticket-api",
				signature: "ticket-api: acquire connection from pool timed out after 5000 ms",
				surges:    []MetricShift{{Service: "ticket-api", Name: "http_requests_rate", Direction: "up", Ratio: 3, At: hrs(19.6)}}},
			want: "l1",
		},
	}
}

func TestCulpritCasesSixthBatch(t *testing.T) { runHeldOutBatch(t, "sixth", culpritCasesSixthBatch()) }
