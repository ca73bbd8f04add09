package triage

// severity_calibration_test.go checks that confidence means something: the
// confidence of a severity or a blame is the precision measured at its raw
// strength on first runs of unseen samples (testdata/firstruns.tsv, see
// calibrate.go), and the tuned tables are right at least that often. The
// third held-out batch below was written before the calibration was
// first measured, from industries the other tables do not cover.

import (
	"bufio"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
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

// firstRun is one held-out case's first run: the raw strength the rules
// gave their verdict and whether it was right.
type firstRun struct {
	raw   float64
	right bool
}

// readFirstRuns reads testdata/firstruns.tsv, by kind.
func readFirstRuns(t *testing.T) map[string][]firstRun {
	t.Helper()
	f, err := os.Open("testdata/firstruns.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]firstRun{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 5 {
			t.Fatalf("firstruns.tsv: %q has %d fields, want 5", line, len(p))
		}
		raw, err := strconv.ParseFloat(p[3], 64)
		if err != nil {
			t.Fatalf("firstruns.tsv: %q: %v", line, err)
		}
		out[p[0]] = append(out[p[0]], firstRun{raw: raw, right: p[4] == "1"})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// band is a run of 0.1-wide raw-strength bands pooled by the fit.
type band struct {
	upper       float64 // raw strengths below this fall in the band
	right, runs int
}

func (b band) precision() float64 { return float64(b.right) / float64(b.runs) }

// fitCalibration fits a non-decreasing step function of raw strength to
// the runs' precision: 0.1-wide bands, then pooled adjacent violators.
func fitCalibration(runs []firstRun) calibrationMap {
	byBand := map[int]*band{}
	for _, r := range runs {
		i := int(r.raw*10 + 1e-9)
		if byBand[i] == nil {
			byBand[i] = &band{upper: float64(i+1) / 10}
		}
		byBand[i].runs++
		if r.right {
			byBand[i].right++
		}
	}
	keys := make([]int, 0, len(byBand))
	for k := range byBand {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var pooled []band
	for _, k := range keys {
		pooled = append(pooled, *byBand[k])
		for n := len(pooled); n > 1 && pooled[n-2].precision() >= pooled[n-1].precision(); n = len(pooled) {
			last := pooled[n-1]
			pooled = pooled[:n-1]
			pooled[n-2] = band{upper: last.upper, right: pooled[n-2].right + last.right, runs: pooled[n-2].runs + last.runs}
		}
	}
	m := make(calibrationMap, len(pooled))
	for i, b := range pooled {
		m[i] = calibrationStep{below: b.upper, precision: math.Round(b.precision()*100) / 100}
	}
	m[len(m)-1].below = 2 // the top step holds every stronger verdict
	return m
}

// TestConfidenceIsFirstRunPrecision: the calibration tables are the fit of
// the first-run measurement, so a confidence is what was measured on
// unseen samples at that strength.
func TestConfidenceIsFirstRunPrecision(t *testing.T) {
	runs := readFirstRuns(t)
	for _, c := range []struct {
		kind    string
		table   calibrationMap
		atLeast int
	}{
		{"severity", severityCalibration, 500},
		{"culprit", culpritCalibration, 80},
	} {
		if len(runs[c.kind]) < c.atLeast {
			t.Errorf("%s: %d first runs, want at least %d", c.kind, len(runs[c.kind]), c.atLeast)
			continue
		}
		fit := fitCalibration(runs[c.kind])
		t.Logf("%s: %d first runs, fit %v", c.kind, len(runs[c.kind]), fit)
		if !slices.Equal(fit, c.table) {
			t.Errorf("%s calibration is %v, the first runs fit %v: update calibrate.go", c.kind, c.table, fit)
		}
	}
}

func TestFitCalibrationPoolsViolators(t *testing.T) {
	runs := func(raw float64, right, wrong int) []firstRun {
		var out []firstRun
		for range right {
			out = append(out, firstRun{raw, true})
		}
		for range wrong {
			out = append(out, firstRun{raw, false})
		}
		return out
	}
	for _, c := range []struct {
		name string
		runs []firstRun
		want calibrationMap
	}{
		{"monotone stays", slices.Concat(runs(0.35, 1, 1), runs(0.85, 9, 1)), calibrationMap{{0.4, 0.5}, {2, 0.9}}},
		{"violator pooled", slices.Concat(runs(0.55, 3, 1), runs(0.75, 1, 3)), calibrationMap{{2, 0.5}}},
		{"pooling cascades", slices.Concat(runs(0.45, 2, 2), runs(0.55, 4, 0), runs(0.65, 0, 4)), calibrationMap{{2, 0.5}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := fitCalibration(c.runs); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// calibration counts verdicts on the case tables by confidence, to check
// that the rules, on the cases they were tuned on, are right at least as
// often as the first runs measured: a table that falls below its
// confidence shows a change that made things worse.
type calibration struct {
	levels map[float64][2]int // confidence -> right, total
}

func (c *calibration) add(confidence float64, ok bool) {
	if c.levels == nil {
		c.levels = map[float64][2]int{}
	}
	l := c.levels[confidence]
	l[1]++
	if ok {
		l[0]++
	}
	c.levels[confidence] = l
}

func (c *calibration) check(t *testing.T, what string) {
	t.Helper()
	for conf, l := range c.levels {
		t.Logf("%s confidence %.2f: %d/%d right", what, conf, l[0], l[1])
		if float64(l[0]) < conf*float64(l[1]) {
			t.Errorf("at %s confidence %.2f the tables are right %d/%d times, less often than on unseen samples", what, conf, l[0], l[1])
		}
	}
}

// severityTables are every severity case table.
func severityTables() [][]sevCase {
	return [][]sevCase{severityTuning, severityHeldout, severityHeldout2, severityHeldout3, severityHeldout4, severityHeldout5, severityHeldout7, severityHeldout9, severityHeldout11, severityHeldout13, severityHeldout15, severityHeldout16, severityHeldout18, severityHeldout20, severityHeldout22, severityHeldout24, severityHeldout26, severityHeldout28, severityHeldout30, severityHeldout32, severityHeldout34, severityHeldout36, severityHeldout38, severityHeldout40, severityHeldout42, severityHeldout44}
}

// TestSeverityConfidenceIsCalibrated: on every case table the verdicts at
// each confidence are right at least that often.
func TestSeverityConfidenceIsCalibrated(t *testing.T) {
	var cal calibration
	for _, table := range severityTables() {
		for _, c := range table {
			got := ClassifySeverity(c.sig, config.Service{Name: "svc", Tier: c.tier})
			cal.add(got.Confidence, got.Level == c.want)
		}
	}
	cal.check(t, "severity")
}

// TestCulpritConfidenceIsCalibrated: on every culprit case table the
// blames at each confidence are right at least that often. An abstention
// claims nothing and is not counted.
func TestCulpritConfidenceIsCalibrated(t *testing.T) {
	var cal calibration
	for _, batch := range [][]culpritCase{culpritCases(), culpritCasesSecondBatch(), culpritCasesThirdBatch(),
		culpritCasesFourthBatch(), culpritCasesFifthBatch(), culpritCasesSixthBatch(), culpritCasesSeventhBatch(), culpritCasesEighthBatch(), culpritCasesNinthBatch(), culpritCasesTenthBatch(), culpritCasesEleventhBatch(), culpritCasesTwelfthBatch(), culpritCasesThirteenthBatch(), culpritCasesFourteenthBatch(), culpritCasesFifteenthBatch(), culpritCasesSixteenthBatch(), culpritCasesSeventeenthBatch(), culpritCasesEighteenthBatch(), culpritCasesNineteenthBatch(), culpritCasesTwentiethBatch(), culpritCasesTwentyFirstBatch(), culpritCasesTwentySecondBatch(), culpritCasesTwentyThirdBatch(), culpritCasesTwentyFourthBatch(), culpritCasesTwentyFifthBatch(), culpritCasesTwentySixthBatch(), culpritCasesTwentySeventhBatch(), culpritCasesTwentyEighthBatch(), culpritCasesTwentyNinthBatch()} {
		for _, c := range batch {
			if got := runCase(c); got.SHA != "" {
				cal.add(got.Confidence, got.SHA == c.want)
			}
		}
	}
	cal.check(t, "culprit")
}
