package demo

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/sandbox/observability"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/analyze"
	"github.com/warroom/warroom/internal/telemetry/collect"
)

// The demo's telemetry, served by the sandbox stack and read as the agent
// reads it, tells the story the repository and the alert tell, whenever
// after start the alert fires: the trouble began before it and after the
// bad deploy, in checkout-api, at the PSP timeout the bad change set; the
// web shop is a victim on the call path; the mailer's flag is a bystander.
func TestTelemetryTellsTheStory(t *testing.T) {
	start := time.Date(2031, 3, 14, 9, 26, 53, 0, time.UTC)
	data, flags := Telemetry(start)
	stack, err := observability.Start(data, flags, func() time.Time { return start })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stack.Close() })
	tel, err := agent.TelemetryFrom(stack.Config())
	if err != nil {
		t.Fatal(err)
	}
	var deploys []analyze.Deploy
	for _, d := range Repo(start).Deploys {
		deploys = append(deploys, analyze.Deploy{Service: checkoutService, SHA: d.SHA, At: d.At, Environment: d.Environment})
	}
	badDeploy := start.Add(-20 * time.Minute)

	for _, tc := range []struct {
		name  string
		after time.Duration // from start to the alert
	}{
		{"alert right after start", time.Second},
		{"alert ten minutes in", 10 * time.Minute},
		{"alert at the end of the data", 44 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alertAt := start.Add(tc.after)
			res := tel.Sources.Collect(context.Background(), collect.Request{Service: checkoutService,
				Related: []string{shopService}, AlertAt: alertAt, Deploys: deploys})
			if want := []string{"metrics", "logs", "traces", "flags"}; !slices.Equal(res.Looked, want) || len(res.Errors) > 0 || len(res.Truncated) > 0 {
				t.Fatalf("looked at %v (want %v), errors %v, truncated %v", res.Looked, want, res.Errors, res.Truncated)
			}
			f := res.Findings
			if f.Onset == nil || f.Onset.At.Before(onset(start)) || f.Onset.At.After(onset(start).Add(time.Minute)) ||
				!f.Onset.At.After(badDeploy) || !f.Onset.At.Before(start) {
				t.Fatalf("onset %+v, want within a minute of %s (after the deploy at %s, before start %s)", f.Onset, onset(start), badDeploy, start)
			}
			if f.Onset.Service != checkoutService {
				t.Errorf("onset in %q, want %s: %+v", f.Onset.Service, checkoutService, f.Onset)
			}
			if f.FirstFailing == nil || f.FirstFailing.Service != checkoutService || f.FirstFailing.Source != analyze.SourceTraces {
				t.Errorf("first failing %+v, want %s from traces", f.FirstFailing, checkoutService)
			}
			// The diff's mechanism: the PSP call runs to the timeout the bad change set.
			if want := fmt.Sprintf("deadline %d ms", pspTimeout.Milliseconds()); !strings.Contains(f.Signature, want) {
				t.Errorf("signature %q does not show %q", f.Signature, want)
			}
			if len(f.CallPath) < 2 || f.CallPath[0] != shopService+": POST /order/submit" || f.CallPath[len(f.CallPath)-1] != checkoutService+": psp.call" {
				t.Errorf("call path %v, want from the web shop down to checkout-api's PSP attempt", f.CallPath)
			}
			// Traffic did not change: only the failure, latency, retry and
			// throttling series did (four of checkout-api's, two of the shop's).
			first, changed := map[string]time.Time{}, map[string]int{}
			for _, i := range f.BlastRadius {
				first[i.Service], changed[i.Service] = i.FirstSign, i.ChangedSeries
			}
			if c, s := first[checkoutService], first[shopService]; c.IsZero() || s.IsZero() || !c.Before(s) || len(first) != 2 {
				t.Errorf("blast radius %+v, want checkout-api first, then the web shop, and nothing else", f.BlastRadius)
			}
			if changed[checkoutService] != 4 || changed[shopService] != 2 {
				t.Errorf("changed series %v, want 4 in checkout-api and 2 in the web shop", changed)
			}
			var sawFlag, sawDeploy bool
			for _, e := range f.Events {
				switch {
				case e.Kind == analyze.KindFlag:
					sawFlag = true
					if e.Service != mailService || e.AfterOnset || e.Relation != analyze.RelUnrelated {
						t.Errorf("flag event %+v, want the mailer's, before the onset, unrelated", e)
					}
				case e.Kind == analyze.KindDeploy && e.At.Equal(badDeploy):
					sawDeploy = true
					if e.AfterOnset || e.Relation != analyze.RelFirstFailing {
						t.Errorf("the bad deploy %+v, want before the onset, on the first failing service", e)
					}
				}
			}
			if !sawFlag || !sawDeploy {
				t.Errorf("events %+v, want the flag change and the bad deploy", f.Events)
			}
			newErrors := 0
			for _, p := range f.Patterns {
				if p.New && p.MaxLevel() == telemetry.LevelError {
					newErrors++
				}
			}
			if newErrors == 0 {
				t.Errorf("no new error log pattern in %+v", f.Patterns)
			}
		})
	}
}

// Telemetry is a function of start alone, and covers two hours before it
// to forty-five minutes after it.
func TestTelemetryWindow(t *testing.T) {
	start := time.Date(2031, 3, 14, 9, 26, 53, 0, time.UTC)
	d1, f1 := Telemetry(start)
	d2, f2 := Telemetry(start)
	if !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(f1, f2) {
		t.Fatal("two calls with the same start differ")
	}
	services := map[string]bool{}
	var lo, hi time.Time
	for _, s := range d1.Metrics {
		services[s.Service] = true
		if lo.IsZero() || s.TS.Before(lo) {
			lo = s.TS
		}
		if s.TS.After(hi) {
			hi = s.TS
		}
	}
	if lo.After(start.Add(-2*time.Hour)) || hi.Before(start.Add(44*time.Minute)) || hi.After(start.Add(45*time.Minute)) {
		t.Errorf("metrics span %s to %s, want [start-2h, start+45m]", lo, hi)
	}
	if !services[checkoutService] || !services[shopService] {
		t.Errorf("metrics of %v, want checkout-api and the web shop", services)
	}
	for _, r := range d1.Logs {
		if r.Level == telemetry.LevelError && r.TS.Before(onset(start)) {
			t.Errorf("error line before the onset: %+v", r)
		}
	}
	// Every failing request made as many PSP attempts as the bad change allows.
	calls := map[string]int{}
	for _, s := range d1.Traces {
		if s.Name == "psp.call" {
			calls[s.TraceID]++
		}
	}
	for id, n := range calls {
		if n != pspRetries+1 {
			t.Errorf("trace %s made %d PSP attempts, want %d", id, n, pspRetries+1)
		}
	}
	if len(calls) == 0 {
		t.Error("no PSP attempts in the traces")
	}
	if len(f1) != 1 || !f1[0].TS.Before(onset(start)) {
		t.Errorf("flag changes %+v, want one before the onset", f1)
	}
}
