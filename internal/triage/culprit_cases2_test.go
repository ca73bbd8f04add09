package triage

// culprit_cases2_test.go is a second held-out batch, written after the
// rule was built and run once without any tuning: it measures how the
// rule does on incidents it was not developed against.

import (
	"strings"
	"testing"
	"time"
)

func culpritCasesSecondBatch() []culpritCase {
	return []culpritCase{
		{
			name: "pharmacy robot: the formulary host does not resolve; a retry change is innocent", heldOut: true,
			service: "dispense-ctl",
			sig:     Signal{Title: "Dispensing robot idle: formulary unavailable", Text: "dispense-ctl: lookup formulary.pharm.internal: no such host"},
			alert:   10,
			commits: []Commit{{SHA: "n1", Parents: []string{"n0"}, Author: "zoe", Date: hrs(8), Message: "dispense: retry formulary fetch three times",
				Files: []File{{Path: "dispense/formulary.go", Patch: patch("\tmaxAttempts = 1", "\tmaxAttempts = 3")}}}},
			deploys: []Deploy{{SHA: "n1", At: hrs(9), Environment: "production"}},
			ev:      caseEvidence{onsetAfter: 9*time.Hour + 40*time.Minute, firstFailing: "dispense-ctl", logs: []string{"ERROR fetch formulary: dial tcp: lookup formulary.pharm.internal: no such host"}},
			want:    "", wantOps: "dns",
		},
		{
			name: "parking meters: payment pool cut; translations and a client bump are decoys", heldOut: true,
			service: "meter-pay",
			sig:     Signal{Title: "Parking payments failing at meters", Text: "meter-pay confirmations time out; card payments abandoned"},
			alert:   13,
			commits: []Commit{
				{SHA: "m3", Parents: []string{"m2"}, Author: "ana", Date: hrs(12.5), Message: "meters: Polish translations",
					Files: []File{{Path: "meter-pay/locales/pl.json", Patch: patch("", "  \"pay\": \"zapłać\"")}}},
				{SHA: "m2", Parents: []string{"m1"}, Author: "bot", Date: hrs(9), Message: "chore(deps): bump redis client",
					Files: []File{{Path: "go.mod", Patch: patch("\tgithub.com/example/redis v9.1.0", "\tgithub.com/example/redis v9.2.0")}}},
				{SHA: "m1", Parents: []string{"m0"}, Author: "ivo", Date: hrs(6), Message: "payments: smaller database pool to save connections",
					Files: []File{{Path: "meter-pay/db/pool.go", Patch: patch("\tMaxOpenConns: 50,", "\tMaxOpenConns: 5,")}}},
			},
			deploys: []Deploy{{SHA: "m3", At: hrs(12.7), Environment: "production"}, {SHA: "m2", At: hrs(9.5), Environment: "production"}, {SHA: "m1", At: hrs(6.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 11*time.Hour + 50*time.Minute, firstFailing: "meter-pay",
				signature: "meter-pay: acquire connection from pool timed out after 5000 ms"},
			want: "m1",
		},
		{
			name: "school timetables: one zone impaired; a cache change is innocent", heldOut: true,
			service: "timetable-api",
			sig:     Signal{Title: "Timetable API errors for pupils", Text: "5xx only in zone b of the region; the other zones are healthy"},
			alert:   7,
			commits: []Commit{{SHA: "z1", Parents: []string{"z0"}, Author: "lea", Date: hrs(6), Message: "timetable: cache room lists for one minute",
				Files: []File{{Path: "timetable/rooms.go", Patch: patch("\trooms := load(db)", "\trooms := roomCache.Get(load)")}}}},
			deploys: []Deploy{{SHA: "z1", At: hrs(6.5), Environment: "production"}},
			ev:      caseEvidence{onsetAfter: 6*time.Hour + 50*time.Minute, firstFailing: "timetable-api", logs: []string{"ERROR upstream connect error or disconnect/reset before headers"}},
			want:    "", wantOps: "zone",
		},
		{
			name: "fishing fleet VMS: ingest loads a whole day into memory; a handler rename is innocent", heldOut: true,
			service: "vms-ingest",
			sig:     Signal{Title: "Vessel positions missing on the fleet map", Text: "vms-ingest pods restart repeatedly"},
			alert:   4,
			commits: []Commit{
				{SHA: "f2", Parents: []string{"f1"}, Author: "sam", Date: hrs(3.5), Message: "api: rename position handler",
					Files: []File{{Path: "vms-ingest/api/positions.go", Status: "renamed", Patch: patch("func handlePos(w http.ResponseWriter) {", "func handlePosition(w http.ResponseWriter) {")}}},
				{SHA: "f1", Parents: []string{"f0"}, Author: "kai", Date: hrs(1), Message: "ingest: dedupe against the whole day's positions",
					Files: []File{{Path: "vms-ingest/ingest/dedupe.go", Patch: patch("\tseen := recent(db, time.Hour)", "\tseen := loadAll(db.PositionsSince(midnight))")}}},
			},
			deploys: []Deploy{{SHA: "f2", At: hrs(3.7), Environment: "production"}, {SHA: "f1", At: hrs(1.5), Environment: "production"}},
			ev:      caseEvidence{onsetAfter: 3 * time.Hour, firstFailing: "vms-ingest", logs: []string{"FATAL fatal error: runtime: out of memory"}},
			want:    "f1",
		},
		{
			name: "cinema tickets: the payment provider is down; copy and logging changes are innocent", heldOut: true,
			service: "box-office",
			sig:     Signal{Title: "Ticket checkout failing", Text: "payment provider answered 503 Service Unavailable; their status page reports an incident"},
			alert:   19,
			commits: []Commit{
				{SHA: "c2", Parents: []string{"c1"}, Author: "eli", Date: hrs(18), Message: "checkout: log provider response codes",
					Files: []File{{Path: "box-office/pay/client.go", Patch: patch("", "\tlog.Info(\"provider answered\", \"status\", resp.StatusCode)")}}},
				{SHA: "c1", Parents: []string{"c0"}, Author: "eli", Date: hrs(15), Message: "checkout: new terms text",
					Files: []File{{Path: "box-office/web/terms.html", Patch: patch("<p>Old terms</p>", "<p>New terms</p>")}}},
			},
			deploys: []Deploy{{SHA: "c2", At: hrs(18.5), Environment: "production"}},
			ev:      caseEvidence{onsetAfter: 18*time.Hour + 45*time.Minute, firstFailing: "box-office", logs: []string{"ERROR charge failed: provider answered 503"}},
			want:    "", wantOps: "upstream",
		},
	}
}

func TestCulpritCasesSecondBatch(t *testing.T) {
	cases := culpritCasesSecondBatch()
	right := 0
	for _, c := range cases {
		got := runCase(c)
		ok := got.SHA == c.want && (c.wantOps == "" || strings.Contains(strings.ToLower(got.OperationalCause), c.wantOps))
		if ok {
			right++
		}
		t.Run(c.name, func(t *testing.T) {
			if got.SHA != c.want {
				t.Errorf("culprit %q, want %q\nevidence: %s", got.SHA, c.want, strings.Join(got.Evidence, "\n  "))
			}
			if c.wantOps != "" && !strings.Contains(strings.ToLower(got.OperationalCause), c.wantOps) {
				t.Errorf("operational cause %q, want one about %q\nevidence: %s", got.OperationalCause, c.wantOps, strings.Join(got.Evidence, "\n  "))
			}
		})
	}
	t.Logf("second held-out batch: %d/%d right", right, len(cases))
}
