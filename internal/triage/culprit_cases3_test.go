package triage

// culprit_cases3_test.go is a third held-out batch, written after the
// scale-mismatch evidence and the "changed lines before the subject" rule
// were built (on a shared sample): unit and scale faults from industries
// the samples do not cover, each with a decoy whose subject names a unit
// while its diff only moves a value. First run: 1/3 (two abstentions).
// A conversion-factor cue folded into "data formats" then fixed the fares
// case and convicted the innocent label change; as its own mechanism,
// implicated only by a measured scale mismatch, it gives 2/3 with the
// flood case still an abstention (too little relatedness to convict).

import (
	"strings"
	"testing"
	"time"
)

func culpritCasesThirdBatch() []culpritCase {
	return []culpritCase{
		{
			name: "flood gauges: levels read in millimetres against alarms in metres; a threshold raise is innocent", heldOut: true,
			service: "gauge-api",
			sig:     Signal{Title: "Flood alarms raised on every river gauge", Text: "gauge-api raises the flood alarm at all 212 stations"},
			alert:   15,
			commits: []Commit{
				{SHA: "g2", Parents: []string{"g1"}, Author: "odile", Date: hrs(11), Message: "alarms: raise the Saone alarm level 4.5 -> 4.8 m",
					Files: []File{{Path: "gauge-api/config/stations/saone.yaml", Patch: patch("alarm_level_max_m: 4.5", "alarm_level_max_m: 4.8")}}},
				{SHA: "g1", Parents: []string{"g0"}, Author: "bram", Date: hrs(10), Message: "sensors: take readings as the vendor sends them",
					Files: []File{{Path: "gauge-api/sensors/reading.go", Patch: patch(
						"\treturn float64(raw) / 1000 // millimetres to metres",
						"\treturn float64(raw)")}}},
			},
			deploys: []Deploy{{SHA: "g2", At: hrs(14), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 14*time.Hour + 5*time.Minute, firstFailing: "gauge-api",
				logs: []string{"flood alarm raised", `gauge-api logs "flood alarm raised" with level 310–980× past its bound alarm_level_max_m on 212 lines: a unit or scale mismatch between the value and the bound`}},
			want: "g1",
		},
		{
			name: "ride fares: amounts in cents checked against a cap in dollars; a surge-cap change is innocent", heldOut: true,
			service: "fare-svc",
			sig:     Signal{Title: "Every ride request rejected: fare above cap", Text: "riders cannot book; fare-svc rejects all quotes"},
			alert:   9,
			commits: []Commit{
				{SHA: "f3", Parents: []string{"f2"}, Author: "kim", Date: hrs(8), Message: "pricing: cap surge at 2.5x in USD markets",
					Files: []File{{Path: "fare-svc/config/markets/us.yaml", Patch: patch("surge_multiplier_max: 2.0", "surge_multiplier_max: 2.5")}}},
				{SHA: "f2", Parents: []string{"f1"}, Author: "raj", Date: hrs(7), Message: "quotes: keep fares as integers",
					Files: []File{{Path: "fare-svc/quote/quote.go", Patch: patch(
						"\tq.Fare = base * surge",
						"\tq.Fare = int64(math.Round(base * surge * 100))")}}},
				{SHA: "f1", Parents: []string{"f0"}, Author: "kim", Date: hrs(6), Message: "docs: explain surge pricing",
					Files: []File{{Path: "docs/surge.md", Patch: patch("", "Surge multiplies the base fare.")}}},
			},
			deploys: []Deploy{{SHA: "f3", At: hrs(8.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 8*time.Hour + 35*time.Minute, firstFailing: "fare-svc",
				logs: []string{`fare-svc logs "quote rejected" with fare 96–140× past its bound max_fare on 5400 lines: a unit or scale mismatch between the value and the bound`}},
			want: "f2",
		},
		{
			name: "warehouse scales: a tight weight limit, values near it; no change explains a unit fault", heldOut: true,
			service: "pack-station",
			sig:     Signal{Title: "Parcels rejected at pack stations", Text: "pack-station rejects 6% of parcels as overweight"},
			alert:   5,
			commits: []Commit{
				{SHA: "w1", Parents: []string{"w0"}, Author: "ines", Date: hrs(3), Message: "labels: print weight in kg on the label",
					Files: []File{{Path: "pack-station/label/print.go", Patch: patch("\tfmt.Fprintf(w, \"%d g\", p.Grams)", "\tfmt.Fprintf(w, \"%.1f kg\", float64(p.Grams)/1000)")}}},
			},
			deploys: []Deploy{{SHA: "w1", At: hrs(3.5), Environment: "production"}},
			ev: caseEvidence{onsetAfter: 4*time.Hour + 10*time.Minute, firstFailing: "pack-station",
				logs: []string{"parcel over weight limit"}},
			want: "",
		},
	}
}

func TestCulpritCasesThirdBatch(t *testing.T) { runHeldOutBatch(t, "third", culpritCasesThirdBatch()) }

// runHeldOutBatch judges a batch of culprit cases: a wrong culprit (an
// innocent commit blamed, or a culprit missed for another) fails; an
// abstention where a culprit was wanted is logged and counted, not hidden:
// that miss is safe.
func runHeldOutBatch(t *testing.T, batch string, cases []culpritCase) {
	t.Helper()
	right, abstained := 0, 0
	for _, c := range cases {
		got := runCase(c)
		switch {
		case got.SHA == c.want && c.limitation != "":
			t.Errorf("%s passes now: remove its limitation note", c.name)
		case got.SHA == c.want:
			right++
		case c.limitation != "":
			t.Logf("%s: known limitation (%s): culprit %q, want %q", c.name, c.limitation, got.SHA, c.want)
		case got.SHA == "":
			abstained++
			t.Logf("%s: abstained, want %q\nevidence: %s", c.name, c.want, strings.Join(got.Evidence, "\n  "))
		default:
			t.Errorf("%s: culprit %q, want %q\nevidence: %s", c.name, got.SHA, c.want, strings.Join(got.Evidence, "\n  "))
		}
	}
	t.Logf("%s held-out batch: %d/%d right, %d abstained where a culprit was wanted", batch, right, len(cases), abstained)
}
