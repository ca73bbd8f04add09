package analyze

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// labResults is a hospital lab-results incident: the results API's
// database queries slow to their 500 ms deadline from minute 30, the lab
// portal's errors follow at minute 33. A deploy of the results API ten
// minutes before, a portal deploy after the onset, a billing deploy and
// flag (unrelated), an unscoped flag, and an ingest blip that recovered
// long before the alert.
func labResults() Input {
	var d telemetry.Data
	d.Metrics = append(d.Metrics, series("results-api", "db_query_p99_ms", nil, concat(noisy(31, 30, 40, 5), noisy(32, 30, 480, 20))...)...)
	d.Metrics = append(d.Metrics, series("lab-portal", "http_5xx_ratio", map[string]string{"route": "GET /results"},
		concat(noisy(33, 33, 0.001, 0.0003), noisy(34, 27, 0.2, 0.02))...)...)
	d.Metrics = append(d.Metrics, series("billing", "invoices_per_min", nil, noisy(35, 60, 12, 2)...)...)
	d.Metrics = append(d.Metrics, series("hl7-ingest", "messages_per_min", nil,
		concat(noisy(36, 10, 100, 5), noisy(37, 6, 300, 10), noisy(38, 44, 100, 5))...)...)
	for m := 0; m < 60; m += 3 {
		d.Logs = append(d.Logs, telemetry.LogRecord{TS: at(m, 1), Service: "results-api", Level: "INFO", Msg: fmt.Sprintf("served results for accession %d", 7000+m), Count: 30})
	}
	for _, m := range []int{31, 35, 40} {
		d.Logs = append(d.Logs, telemetry.LogRecord{TS: at(m, 12), Service: "results-api", Level: "ERROR",
			Msg: fmt.Sprintf("query results by accession %d timed out after 500ms", 8800+m), Count: 50})
	}
	for _, m := range []int{33, 38} {
		d.Logs = append(d.Logs, telemetry.LogRecord{TS: at(m, 40), Service: "lab-portal", Level: "ERROR", Msg: "upstream results-api returned 504", Count: 80})
	}
	for i, m := range []int{36, 37, 38} {
		id := fmt.Sprintf("t%d", i)
		d.Traces = append(d.Traces,
			sp(id, id+"a", "", "lab-portal", "GET /results", m, 0, 510, errS, "504 Gateway Timeout", nil),
			sp(id, id+"b", id+"a", "results-api", "GetResults", m, 2, 505, errS, "query failed", nil),
			sp(id, id+"c", id+"b", "results-api", "lis-db SELECT results (client)", m, 3, 502, errS, "DeadlineExceeded", map[string]any{"db.deadline_ms": 500.0}),
		)
	}
	return Input{
		Data: d,
		Deploys: []Deploy{
			{Service: "results-api", SHA: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", At: minute(20), Environment: "production"},
			{Service: "lab-portal", SHA: "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678", At: minute(40), Environment: "production"},
			{Service: "billing", SHA: "c1b2c3d4e5f60718293a4b5c6d7e8f9012345678", At: minute(28), Environment: "production"},
		},
		Flags: []telemetry.FlagChange{
			{TS: minute(29), Flag: "billing.new_tariffs", Service: "billing", Change: "off->on", Actor: "mkovac"},
			{TS: minute(25), Flag: "global.banner", Change: "on->off"},
		},
		AlertAt: minute(45),
	}
}

func TestInvestigateLabResults(t *testing.T) {
	in := labResults()
	f := Investigate(in)
	checkWellFormed(t, in, f)

	if f.Onset.Source != SourceMetrics || !f.Onset.At.Equal(minute(30)) || f.Onset.Service != "results-api" {
		t.Errorf("onset %+v, want metrics at minute 30 in results-api", f.Onset.Sign)
	}
	others := map[string]time.Time{}
	for _, s := range f.Onset.Others {
		others[s.Source] = s.At
	}
	if !others[SourceLogs].Equal(at(31, 12)) || !others[SourceTraces].Equal(minute(36)) {
		t.Errorf("other signs %v", others)
	}
	if f.FirstFailing == nil || f.FirstFailing.Service != "results-api" || f.FirstFailing.Source != SourceTraces {
		t.Errorf("first failing %+v, want results-api from traces", f.FirstFailing)
	}
	if want := "DeadlineExceeded on lis-db SELECT results (client), elapsed ≈ deadline 500 ms"; f.Signature != want {
		t.Errorf("signature %q, want %q", f.Signature, want)
	}
	if n := len(f.CallPath); n != 3 || f.CallPath[0] != "lab-portal: GET /results" {
		t.Errorf("call path %v", f.CallPath)
	}

	radius := map[string]Impact{}
	for _, i := range f.BlastRadius {
		radius[i.Service] = i
	}
	if _, ok := radius["hl7-ingest"]; ok {
		t.Error("a blip that recovered before the alert is in the blast radius")
	}
	if _, ok := radius["billing"]; ok {
		t.Error("billing, with no sign of trouble, is in the blast radius")
	}
	if r := radius["results-api"]; r.ChangedSeries != 1 || r.ErrorLines != 150 || r.ErrorSpans != 6 {
		t.Errorf("results-api impact %+v", r)
	}
	if p := radius["lab-portal"]; p.ChangedSeries != 1 || p.ErrorLines != 160 || p.ErrorSpans != 3 || !p.FirstSign.Equal(minute(33)) {
		t.Errorf("lab-portal impact %+v", p)
	}

	events := map[string]Event{}
	for _, e := range f.Events {
		events[e.Ref] = e
	}
	for ref, want := range map[string]struct {
		rel   string
		mins  float64
		after bool
	}{
		"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678": {RelFirstFailing, -10, false},
		"b1b2c3d4e5f60718293a4b5c6d7e8f9012345678": {RelCallPath, 10, true},
		"c1b2c3d4e5f60718293a4b5c6d7e8f9012345678": {RelUnrelated, -2, false},
		"billing.new_tariffs":                      {RelUnrelated, -1, false},
		"global.banner":                            {RelUnscoped, -5, false},
	} {
		e, ok := events[ref]
		if !ok {
			t.Errorf("no event %s", ref)
			continue
		}
		if e.Relation != want.rel || e.MinutesFromOnset != want.mins || e.AfterOnset != want.after {
			t.Errorf("event %s: %s %g min after=%v, want %s %g after=%v", ref, e.Relation, e.MinutesFromOnset, e.AfterOnset, want.rel, want.mins, want.after)
		}
	}
	if f.Events[0].Ref != "billing.new_tariffs" {
		t.Errorf("events are not nearest-first: %s first", f.Events[0].Ref)
	}

	text := f.Summary()
	for _, want := range []string{
		"Onset 06:30:00Z, from metrics (results-api)", "15 min before the alert",
		"First failing service: results-api, from traces",
		"Deploy b1b2c3d4e5f6 of lab-portal (production) at 06:40:00Z, 10 min after onset (after it began, so not what started it)",
		"Flag billing.new_tariffs off->on on billing by mkovac at 06:29:00Z, 1 min before onset; its service shows no sign of trouble.",
		"New log pattern from 06:31:12Z in results-api (ERROR, 150 lines after onset): query results by accession <num> timed out after <dur>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
}

// radioStation: no traces; the encoder starts logging underruns at minute
// 20, listeners drop at minute 24.
func TestInvestigateRadioStationLogsFirst(t *testing.T) {
	var d telemetry.Data
	d.Metrics = series("stream-edge", "listeners", map[string]string{"mount": "/live"}, concat(noisy(41, 24, 5200, 150), noisy(42, 36, 1800, 150))...)
	for m := 0; m < 60; m += 4 {
		d.Logs = append(d.Logs, telemetry.LogRecord{TS: at(m, 0), Service: "playout", Level: "INFO", Msg: "track started", Count: 1})
	}
	for _, m := range []int{20, 22, 26, 30} {
		d.Logs = append(d.Logs, telemetry.LogRecord{TS: at(m, 30), Service: "encoder", Level: "WARN", Msg: fmt.Sprintf("buffer underrun on stream 3 after %dms", 70+m), Count: 12})
	}
	in := Input{Data: d, AlertAt: minute(40)}
	f := Investigate(in)
	checkWellFormed(t, in, f)
	if f.Onset.Source != SourceLogs || f.Onset.Service != "encoder" || !f.Onset.At.Equal(at(20, 30)) {
		t.Errorf("onset %+v, want the encoder's first underrun", f.Onset.Sign)
	}
	if f.FirstFailing == nil || f.FirstFailing.Service != "encoder" || f.FirstFailing.Source != SourceLogs {
		t.Errorf("first failing %+v", f.FirstFailing)
	}
	if len(f.Onset.Others) != 1 || f.Onset.Others[0].Source != SourceMetrics || !f.Onset.Others[0].At.Equal(minute(24)) {
		t.Errorf("other signs %+v", f.Onset.Others)
	}
	if f.Signature != "" || len(f.CallPath) != 0 {
		t.Errorf("no traces, yet signature %q path %v", f.Signature, f.CallPath)
	}
}

// waterSCADA: the telemetry broker loses its RTUs at brokerAt; the HMI's
// trace shows the historian failing at minute 30. The broker is not on
// the trace's path.
func waterSCADA(brokerAt int) Input {
	var d telemetry.Data
	d.Metrics = append(d.Metrics, series("telemetry-broker", "connected_rtus", nil, concat(noisy(51, brokerAt, 240, 3), noisy(52, 60-brokerAt, 30, 3))...)...)
	d.Metrics = append(d.Metrics, series("hmi", "error_ratio", nil, concat(noisy(53, 31, 0.01, 0.002), noisy(54, 29, 0.3, 0.02))...)...)
	d.Traces = []telemetry.Span{
		sp("w", "w1", "", "hmi", "GET /tanks", 30, 0, 40, errS, "500", nil),
		sp("w", "w2", "w1", "historian", "ReadTankLevels", 30, 1, 30, errS, "no samples for station in range", nil),
	}
	return Input{Data: d, AlertAt: minute(45)}
}

func TestInvestigateFirstFailingByTimeAndCause(t *testing.T) {
	tests := []struct {
		name     string
		brokerAt int
		want     string
		source   string
	}{
		{"an off-path service degraded ten minutes earlier", 20, "telemetry-broker", SourceMetrics},
		{"within a minute, the trace's causal order wins", 30, "historian", SourceTraces},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := waterSCADA(tt.brokerAt)
			f := Investigate(in)
			checkWellFormed(t, in, f)
			if f.FirstFailing == nil || f.FirstFailing.Service != tt.want || f.FirstFailing.Source != tt.source {
				t.Fatalf("first failing %+v, want %s from %s", f.FirstFailing, tt.want, tt.source)
			}
			if tt.source == SourceMetrics && !strings.Contains(f.FirstFailing.Evidence, "before historian") {
				t.Errorf("evidence %q does not say what it overrode", f.FirstFailing.Evidence)
			}
		})
	}
}

func TestInvestigateNothingToSee(t *testing.T) {
	in := Input{
		Data:    telemetry.Data{Metrics: series("lift-7", "rides_per_min", nil, noisy(61, 40, 30, 3)...)},
		Deploys: []Deploy{{Service: "lift-7", SHA: "abc", At: minute(10)}},
		AlertAt: minute(39),
	}
	f := Investigate(in)
	checkWellFormed(t, in, f)
	if f.Onset.Source != SourceAlert || !f.Onset.At.Equal(minute(39)) || f.FirstFailing != nil || len(f.BlastRadius) != 0 {
		t.Errorf("findings from noise: %+v", f)
	}
	if e := f.Events[0]; e.Relation != RelUnrelated || e.MinutesFromOnset != -29 {
		t.Errorf("event %+v", e)
	}
	if l := f.Lines(); !strings.Contains(l[0], "the alert's time stands in") {
		t.Errorf("lines %v", l)
	}

	if got := (Findings{}).Lines(); len(got) != 1 {
		t.Errorf("empty findings lines %v", got)
	}
}

func TestInvestigateStaysBounded(t *testing.T) {
	in := labResults()
	for i := 0; i < 150; i++ {
		svc := fmt.Sprintf("ward-%03d-monitor", i)
		in.Data.Metrics = append(in.Data.Metrics, series(svc, "alarms_per_min", map[string]string{"bed": fmt.Sprint(i)},
			concat(noisy(uint64(100+i), 30+i%10, 1, 0.2), noisy(uint64(400+i), 30-i%10, 40, 2))...)...)
		in.Data.Logs = append(in.Data.Logs, telemetry.LogRecord{TS: at(35, i%60), Service: svc, Level: "ERROR",
			Msg: fmt.Sprintf("%s telemetry gap on bed channel while %s", strings.Repeat("very ", i%7+1), strings.Repeat("x", 300+i))})
		in.Deploys = append(in.Deploys, Deploy{Service: svc, SHA: fmt.Sprintf("%040x", i), At: minute(i % 60)})
		id := fmt.Sprintf("bulk%d", i)
		in.Data.Traces = append(in.Data.Traces,
			sp(id, id+"a", "", svc, "GET /bed/status", 40, 0, 30, errS, strings.Repeat("failure detail ", 40)+fmt.Sprint(i), nil))
	}
	f := Investigate(in)
	checkWellFormed(t, in, f)
	if !f.Omitted.any() {
		t.Error("nothing reported omitted")
	}
	b, _ := json.Marshal(f)
	var back Findings
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("findings do not round-trip: %v", err)
	}
	if last := f.Lines()[len(f.Lines())-1]; !strings.HasPrefix(last, "Findings trimmed") {
		t.Errorf("last line %q does not say findings were trimmed", last)
	}
}

func TestSparseSinceStart(t *testing.T) {
	start := time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		p    Pattern
		want bool
	}{
		{"every 20 minutes from 19 minutes in", Pattern{Before: 6, FirstSeen: start.Add(19 * time.Minute), LastSeen: start.Add(119 * time.Minute)}, true},
		{"a burst 90 minutes in", Pattern{After: 30, FirstSeen: start.Add(90 * time.Minute), LastSeen: start.Add(105 * time.Minute)}, false},
		{"one line", Pattern{After: 1, FirstSeen: start.Add(time.Minute), LastSeen: start.Add(time.Minute)}, false},
	}
	for _, tt := range tests {
		if got := sparseSinceStart(tt.p, start); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}
