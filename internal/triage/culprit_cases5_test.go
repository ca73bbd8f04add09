package triage

// culprit_cases5_test.go is a fifth held-out batch, written after the
// fourth batch's fixes: a theatre box office, a weather service, a mortgage
// lender and a rail signalling feed. First run: 2/4, one innocent commit
// blamed (a cache TTL change read as a timeout change, which an upstream's
// 503 "can" come from) and one abstention. After durations alone stopped
// counting as timeouts: 3/4, the locale case abstaining. It has tuned a
// rule since, so it is no longer held out.

import (
	"testing"
	"time"
)

func culpritCasesFifthBatch() []culpritCase {
	return []culpritCase{
		{
			name: "box office: seat holds now lock the whole show; a copy change is innocent", heldOut: true,
			service: "box-office",
			sig:     Signal{Title: "Seat selection times out for popular shows", Text: "box-office checkout p99 30s, lock wait timeouts"},
			alert:   19,
			commits: []Commit{
				{SHA: "t2", Parents: []string{"t1"}, Author: "eve", Date: hrs(17), Message: "copy: friendlier sold-out message",
					Files: []File{{Path: "box-office/templates/soldout.html", Patch: patch("<p>Sold out</p>", "<p>This show is sold out, sorry!</p>")}}},
				{SHA: "t1", Parents: []string{"t0"}, Author: "max", Date: hrs(15), Message: "holds: lock the performance row while holding seats",
					Files: []File{{Path: "box-office/holds/hold.go", Patch: patch(
						"\trows, err := tx.Query(ctx, \"SELECT id FROM seats WHERE show_id = $1 AND id = ANY($2) FOR UPDATE\", show, seats)",
						"\t_, err := tx.Exec(ctx, \"SELECT id FROM performances WHERE id = $1 FOR UPDATE\", show)")}}},
			},
			deploys: []Deploy{{SHA: "t2", At: hrs(17.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 18*time.Hour + 50*time.Minute, firstFailing: "box-office",
				signature: "lock wait timeout exceeded on UPDATE performances (server), after 30000 ms"},
			want: "t1",
		},
		{
			name: "weather: the radar provider is down; a cache TTL change is innocent", heldOut: true,
			service: "radar-tiles",
			sig:     Signal{Title: "Radar map blank for all users", Text: "radar-tiles serves no new frames"},
			alert:   6,
			commits: []Commit{{SHA: "w1", Parents: []string{"w0"}, Author: "ida", Date: hrs(4), Message: "tiles: cache frames for 60s",
				Files: []File{{Path: "radar-tiles/cache.go", Patch: patch("\tttl := 30 * time.Second", "\tttl := 60 * time.Second")}}}},
			deploys: []Deploy{{SHA: "w1", At: hrs(4.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 5*time.Hour + 30*time.Minute, firstFailing: "radar-tiles",
				logs: []string{"ERROR fetch frame: upstream returned 503 Service Unavailable (provider status page: incident)"}},
			want: "",
		},
		{
			name: "mortgage: rates parsed with a comma decimal; a logging change is innocent", heldOut: true,
			service: "rate-engine",
			sig:     Signal{Title: "Mortgage quotes wrong for every applicant", Text: "rate-engine quotes 425% interest instead of 4.25%"},
			alert:   10,
			commits: []Commit{
				{SHA: "r2", Parents: []string{"r1"}, Author: "noa", Date: hrs(9), Message: "rates: log quote inputs",
					Files: []File{{Path: "rate-engine/quote.go", Patch: patch("", "\tslog.Info(\"quote\", \"applicant\", a.ID)")}}},
				{SHA: "r1", Parents: []string{"r0"}, Author: "ben", Date: hrs(8), Message: "rates: read the feed with the locale of the bank",
					Files: []File{{Path: "rate-engine/feed.go", Patch: patch(
						"\trate, err := strconv.ParseFloat(field, 64)",
						"\trate, err := parseLocalized(field, \"de-DE\")")}}},
			},
			deploys: []Deploy{{SHA: "r2", At: hrs(9.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 9*time.Hour + 35*time.Minute, firstFailing: "rate-engine",
				logs: []string{"WARN quote rejected by underwriting: rate <num> outside plausible range"}},
			want: "r1",
		},
		{
			name: "rail signals: a surge of position updates after a timetable change; a dependency bump is innocent", heldOut: true,
			service: "signal-feed",
			sig:     Signal{Title: "Signal feed lagging", Text: "signal-feed consumer lag 9 minutes; update rate 6x normal"},
			alert:   8,
			commits: []Commit{{SHA: "d1", Parents: []string{"d0"}, Author: "bot", Date: hrs(5), Message: "chore(deps): bump protobuf",
				Files: []File{{Path: "go.mod", Patch: patch("\tgoogle.golang.org/protobuf v1.34.0", "\tgoogle.golang.org/protobuf v1.34.2")}}}},
			deploys: []Deploy{{SHA: "d1", At: hrs(5.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 7*time.Hour + 30*time.Minute, firstFailing: "signal-feed",
				surges: []MetricShift{{Service: "signal-feed", Name: "position_updates_received_rate", Direction: "up", Ratio: 6, At: hrs(7.5)}}},
			want: "",
		},
	}
}

func TestCulpritCasesFifthBatch(t *testing.T) { runHeldOutBatch(t, "fifth", culpritCasesFifthBatch()) }
