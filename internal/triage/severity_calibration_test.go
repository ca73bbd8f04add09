package triage

// severity_calibration_test.go checks that confidence means something:
// when the severity classifier or the culprit finder says 0.8 or more it
// must be right at least nine times in ten, over every case table of the
// package. The
// third held-out batch below was written before the calibration was
// measured, from industries the other tables do not cover.

import (
	"fmt"
	"sort"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var severityHeldout3 = []sevCase{
	{"bakery ovens offline", Signal{Title: "Oven controllers reporting 0 of 14 online at the central bakery", Severity: "warning"}, 1, P1, "every oven down"},
	{"radio playout slow", Signal{Title: "Playout scheduler p95 3.1s (SLO 1s)", Text: "tracks start late for some listeners", Severity: "critical"}, 2, P2, "degraded, tier 2"},
	{"ferry app login ratio", Signal{Title: "Passenger app login success 0.53 (usual 0.99)", Severity: "info"}, 1, P1, "half cannot log in"},
	{"zoo cert expiry warning", Signal{Title: "Ticket site certificate expires in 21 days", Severity: "critical"}, 1, P3, "nothing broken yet"},
	{"library holds few errors", Signal{Title: "Hold requests: 4 of 3,870 failed in the last hour", Severity: "critical"}, 2, P3, "0.1 %"},
	{"hotel german degraded", Signal{Text: "Die Zimmerbuchung ist für einige Gäste sehr langsam, Zahlungen klappen aber"}, 1, P2, "slow for some"},
	{"pharmacy spanish outage", Signal{Text: "Ninguna farmacia puede dispensar recetas electrónicas desde las 07:40"}, 1, P1, "no pharmacy can dispense"},
	{"logistics french internal", Signal{Text: "Le tableau de bord interne des entrepôts n'affiche plus les stocks, pas d'impact client"}, 3, P3, "internal"},
	{"energy portuguese billing", Signal{Text: "Todas as faturas de energia emitidas hoje saíram com valor zero"}, 1, P1, "every bill wrong"},
	{"airport bag drop backlog", Signal{Title: "Bag drop messages waiting 2,930 (threshold 100)", Severity: "warning"}, 1, P1, "flow stopped"},
	{"school portal internal report", Signal{Title: "Nightly attendance report for staff did not generate", Text: "internal only", Severity: "critical"}, 3, P3, "internal"},
	{"telecom sms delivery", Signal{Title: "SMS delivery rate 71% (baseline 99.2%)", Severity: "warning"}, 1, P1, "29% of messages lost"},
}

func TestSeverityWorldHeldout3(t *testing.T) {
	runSevSample(t, "severity held-out 3", severityHeldout3)
}

// calibration counts verdicts by confidence band (0.1 wide) and at 0.8
// and above.
type calibration struct {
	bands map[string][2]int // band -> right, total
	high  [2]int
	wrong []string // confident and wrong
}

func (c *calibration) add(confidence float64, ok bool, what string) {
	if c.bands == nil {
		c.bands = map[string][2]int{}
	}
	name := fmt.Sprintf("%.1f", float64(int(confidence*10))/10)
	b := c.bands[name]
	b[1]++
	if ok {
		b[0]++
	}
	c.bands[name] = b
	if confidence >= 0.8 {
		c.high[1]++
		if ok {
			c.high[0]++
		} else {
			c.wrong = append(c.wrong, what)
		}
	}
}

// check logs the bands and fails when the verdicts at 0.8 and above are
// right less than nine times in ten.
func (c *calibration) check(t *testing.T, what string) {
	t.Helper()
	names := make([]string, 0, len(c.bands))
	for n := range c.bands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("%s confidence %s-: %d/%d right", what, n, c.bands[n][0], c.bands[n][1])
	}
	for _, w := range c.wrong {
		t.Logf("confident and wrong: %s", w)
	}
	t.Logf("%s confidence >= 0.8: %d/%d right", what, c.high[0], c.high[1])
	if c.high[1] > 0 && c.high[0]*10 < c.high[1]*9 {
		t.Errorf("at %s confidence >= 0.8 the verdict is right %d/%d times, below 90%%", what, c.high[0], c.high[1])
	}
}

// severityTables are every severity case table.
func severityTables() [][]sevCase {
	return [][]sevCase{severityTuning, severityHeldout, severityHeldout2, severityHeldout3, severityHeldout4, severityHeldout5, severityHeldout7, severityHeldout9, severityHeldout11, severityHeldout13, severityHeldout15, severityHeldout16, severityHeldout18, severityHeldout20, severityHeldout22, severityHeldout24, severityHeldout26, severityHeldout28, severityHeldout30, severityHeldout32, severityHeldout34, severityHeldout36, severityHeldout38, severityHeldout40, severityHeldout42}
}

// TestSeverityConfidenceIsCalibrated: at confidence 0.8 and above the
// verdict is right at least 90% of the time over every case table.
func TestSeverityConfidenceIsCalibrated(t *testing.T) {
	var cal calibration
	for _, table := range severityTables() {
		for _, c := range table {
			got := ClassifySeverity(c.sig, config.Service{Name: "svc", Tier: c.tier})
			cal.add(got.Confidence, got.Level == c.want, fmt.Sprintf("%s: %s at %.2f, want %s", c.name, got.Level, got.Confidence, c.want))
		}
	}
	cal.check(t, "severity")
}

// TestCulpritConfidenceIsCalibrated: when the culprit finder names a
// commit with confidence 0.8 or more it is the right one at least nine
// times in ten, over every culprit case table. An abstention claims
// nothing and is not counted.
func TestCulpritConfidenceIsCalibrated(t *testing.T) {
	var cal calibration
	for _, batch := range [][]culpritCase{culpritCases(), culpritCasesSecondBatch(), culpritCasesThirdBatch(),
		culpritCasesFourthBatch(), culpritCasesFifthBatch(), culpritCasesSixthBatch(), culpritCasesSeventhBatch(), culpritCasesEighthBatch(), culpritCasesNinthBatch(), culpritCasesTenthBatch(), culpritCasesEleventhBatch(), culpritCasesTwelfthBatch(), culpritCasesThirteenthBatch(), culpritCasesFourteenthBatch(), culpritCasesFifteenthBatch(), culpritCasesSixteenthBatch(), culpritCasesSeventeenthBatch(), culpritCasesEighteenthBatch(), culpritCasesNineteenthBatch(), culpritCasesTwentiethBatch(), culpritCasesTwentyFirstBatch(), culpritCasesTwentySecondBatch(), culpritCasesTwentyThirdBatch(), culpritCasesTwentyFourthBatch(), culpritCasesTwentyFifthBatch(), culpritCasesTwentySixthBatch(), culpritCasesTwentySeventhBatch()} {
		for _, c := range batch {
			if got := runCase(c); got.SHA != "" {
				cal.add(got.Confidence, got.SHA == c.want, fmt.Sprintf("%s: %s at %.2f, want %q", c.name, got.SHA, got.Confidence, c.want))
			}
		}
	}
	cal.check(t, "culprit")
}
