package triage

// culprit_cases4_test.go is a fourth held-out batch, written after every
// change of its round and run once before any change it prompted:
// satellite ground stations, hospital paging, a seed bank and esports.
// First run: 1/4, three innocent commits blamed, each by a class of
// failure: a directory named after the service ("frame-decoder/") read as
// a format change; a refused connection read as pool exhaustion (so a
// retry change "produced" it); a Go duration (time.Second) read as a
// format change, while more concurrency was not known to hit rate limits.
// After those classes were fixed: 3/4, the byte-order case abstaining.
// The batch has tuned the rules since, so it is no longer held out.

import (
	"testing"
	"time"
)

func culpritCasesFourthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "ground station: frames decoded with the wrong byte order; a scheduler pool change is innocent", heldOut: true,
			service: "frame-decoder",
			sig:     Signal{Title: "Telemetry frames rejected from every satellite pass", Text: "frame-decoder rejects 100% of downlinked frames since the 04:10 pass"},
			alert:   4.5,
			commits: []Commit{
				{SHA: "s2", Parents: []string{"s1"}, Author: "ana", Date: hrs(3), Message: "scheduler: 8 workers for pass planning",
					Files: []File{{Path: "frame-decoder/scheduler/pool.go", Patch: patch("\tworkers := 4", "\tworkers := 8")}}},
				{SHA: "s1", Parents: []string{"s0"}, Author: "li", Date: hrs(2), Message: "decoder: read headers with binary.LittleEndian like the new modem",
					Files: []File{{Path: "frame-decoder/decode/header.go", Patch: patch(
						"\tlength := binary.BigEndian.Uint16(buf[4:6])",
						"\tlength := binary.LittleEndian.Uint16(buf[4:6])")}}},
			},
			deploys: []Deploy{{SHA: "s2", At: hrs(3.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 10*time.Minute, firstFailing: "frame-decoder",
				logs: []string{"frame rejected: crc mismatch (expected <hex>, got <hex>)"}},
			want: "s1",
		},
		{
			name: "hospital paging: the mail relay refuses connections; a retry change is innocent", heldOut: true,
			service: "pager-gw",
			sig:     Signal{Title: "On-call pages not delivered", Text: "pager-gw cannot hand pages to the relay"},
			alert:   11,
			commits: []Commit{{SHA: "h1", Parents: []string{"h0"}, Author: "omar", Date: hrs(9), Message: "pager: retry relay hand-off twice",
				Files: []File{{Path: "pager-gw/relay/send.go", Patch: patch("\tattempts := 1", "\tattempts := 2")}}}},
			deploys: []Deploy{{SHA: "h1", At: hrs(9.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 10*time.Hour + 40*time.Minute, firstFailing: "pager-gw",
				logs: []string{"ERROR send page: dial tcp <ip>:25: connect: connection refused"}},
			want: "",
		},
		{
			name: "seed bank: the inventory sync reads every row into memory; a docs change is innocent", heldOut: true,
			service: "inventory-sync",
			sig:     Signal{Title: "Seed inventory sync keeps restarting", Text: "inventory-sync OOMKilled 6 times in 20 minutes"},
			alert:   2,
			commits: []Commit{
				{SHA: "b2", Parents: []string{"b1"}, Author: "kai", Date: hrs(1.5), Message: "docs: describe the accession fields",
					Files: []File{{Path: "docs/accessions.md", Patch: patch("", "Each accession has a lot number.")}}},
				{SHA: "b1", Parents: []string{"b0"}, Author: "mia", Date: hrs(1), Message: "sync: simpler accession export",
					Files: []File{{Path: "inventory-sync/export.py", Patch: patch(
						"    for chunk in cursor.fetchmany(5000):",
						"    rows = cursor.fetchall()\n    for chunk in [rows]:")}}},
			},
			deploys: []Deploy{{SHA: "b2", At: hrs(1.6), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 1*time.Hour + 40*time.Minute, firstFailing: "inventory-sync",
				logs: []string{"container inventory-sync OOMKilled (memory limit 2Gi)"}},
			want: "b1",
		},
		{
			name: "esports ratings: more concurrent updates hit the rating API's rate limit; a timeout change is innocent", heldOut: true,
			service: "match-results",
			sig:     Signal{Title: "Match results not rated", Text: "match-results gets HTTP 429 from the rating API on most updates"},
			alert:   20,
			commits: []Commit{
				{SHA: "e2", Parents: []string{"e1"}, Author: "jo", Date: hrs(18), Message: "results: client timeout 5s -> 8s",
					Files: []File{{Path: "match-results/rating/client.go", Patch: patch("\tTimeout: 5 * time.Second,", "\tTimeout: 8 * time.Second,")}}},
				{SHA: "e1", Parents: []string{"e0"}, Author: "sam", Date: hrs(17), Message: "results: rate matches in parallel",
					Files: []File{{Path: "match-results/rating/update.go", Patch: patch("\tconcurrency := 1", "\tconcurrency := 32")}}},
			},
			deploys: []Deploy{{SHA: "e2", At: hrs(19), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 19*time.Hour + 5*time.Minute, firstFailing: "match-results",
				signature: "429 Too Many Requests on POST /v2/ratings (client), after 40 ms"},
			want: "e1",
		},
	}
}

func TestCulpritCasesFourthBatch(t *testing.T) {
	runHeldOutBatch(t, "fourth", culpritCasesFourthBatch())
}
