package analyze

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// sp builds a span starting offMS after minute m.
func sp(trace, id, parent, svc, name string, m int, offMS, durMS float64, status, msg string, attrs map[string]any) telemetry.Span {
	if status == "" {
		status = telemetry.StatusOK
	}
	return telemetry.Span{TraceID: trace, SpanID: id, ParentID: parent, Service: svc, Name: name,
		Start: minute(m).Add(time.Duration(offMS * float64(time.Millisecond))), DurationMS: durMS,
		Status: status, StatusMessage: msg, Attrs: attrs}
}

const errS = telemetry.StatusError

// liftTrace: a gate scan whose entitlement lookup times out at its
// deadline; every caller above fails because of it.
func liftTrace(id string, m int) []telemetry.Span {
	return []telemetry.Span{
		sp(id, id+"1", "", "gate-ui", "POST /scan", m, 0, 320, errS, "502 Bad Gateway", nil),
		sp(id, id+"2", id+"1", "pass-api", "ValidatePass", m, 2, 310, errS, "upstream failed", nil),
		sp(id, id+"3", id+"2", "pass-api", "entitlement.Check (client)", m, 4, 301, errS, "DeadlineExceeded", map[string]any{"rpc.deadline_ms": 300.0}),
		sp(id, id+"4", id+"3", "entitlement", "entitlement.Check", m, 5, 298, "", "", nil),
		sp(id, id+"5", id+"2", "pass-api", "audit.Write", m, 1, 3, "", "", nil),
	}
}

func TestTraceFaults(t *testing.T) {
	tests := []struct {
		name      string
		spans     []telemetry.Span
		failing   int
		first     string
		kind      string
		service   string // of the top fault
		signature []string
		path      string
	}{
		{
			name: "the client span ran to its deadline; the server under it took the time",
			spans: append(liftTrace("a", 3),
				// A healthy trace teaches the typical duration.
				sp("ok", "ok1", "", "pass-api", "entitlement.Check (client)", 1, 0, 20, "", "", map[string]any{"rpc.deadline_ms": 300.0}),
				sp("ok", "ok2", "ok1", "entitlement", "entitlement.Check", 1, 1, 18, "", "", nil),
			),
			failing: 1, first: "entitlement", kind: KindSlow, service: "entitlement",
			signature: []string{"slow entitlement.Check: 298 ms of the caller's 301 ms", "caller's deadline 300 ms", "typically 18 ms"},
			path:      "gate-ui: POST /scan → pass-api: ValidatePass → pass-api: entitlement.Check (client) → entitlement: entitlement.Check",
		},
		{
			name: "a leaf timeout with nothing below it",
			spans: []telemetry.Span{
				sp("b", "b1", "", "hmi", "GET /tanks", 2, 0, 2010, errS, "504 Gateway Timeout", nil),
				sp("b", "b2", "b1", "historian", "ReadTankLevels", 2, 1, 2003, errS, "DeadlineExceeded", map[string]any{"grpc.timeout": "2s"}),
			},
			failing: 1, first: "historian", kind: KindTimeout, service: "historian",
			signature: []string{"DeadlineExceeded on ReadTankLevels, elapsed ≈ deadline 2000 ms"},
			path:      "hmi: GET /tanks → historian: ReadTankLevels",
		},
		{
			name: "a leaf that fails on its own, fast",
			spans: []telemetry.Span{
				sp("c", "c1", "", "hmi", "POST /valves/12/close", 4, 0, 40, errS, "500", nil),
				sp("c", "c2", "c1", "scada-gw", "modbus.WriteCoil", 4, 2, 12, errS, "illegal data address", nil),
				sp("c", "c3", "c1", "scada-gw", "auth.Check", 4, 1, 1, "", "", nil),
			},
			failing: 1, first: "scada-gw", kind: KindError, service: "scada-gw",
			signature: []string{"illegal data address on modbus.WriteCoil, after 12 ms"},
			path:      "hmi: POST /valves/12/close → scada-gw: modbus.WriteCoil",
		},
		{
			name: "a cancelled leaf that was still working when its caller gave up",
			spans: []telemetry.Span{
				sp("d", "d1", "", "lab-portal", "GET /results", 5, 0, 5001, errS, "context deadline exceeded", map[string]any{"timeout_seconds": 5}),
				sp("d", "d2", "d1", "results-api", "SELECT results", 5, 3, 4990, errS, "context canceled", nil),
			},
			failing: 1, first: "results-api", kind: KindCanceled, service: "results-api",
			signature: []string{"context canceled on SELECT results, after 4990 ms", "caller's deadline 5000 ms"},
		},
		{
			name:    "no failing trace",
			spans:   liftTrace("e", 1)[4:],
			failing: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := TraceFaults(tt.spans)
			if r.Failing != tt.failing {
				t.Fatalf("failing %d, want %d", r.Failing, tt.failing)
			}
			if r.FirstService != tt.first {
				t.Errorf("first service %q, want %q", r.FirstService, tt.first)
			}
			if tt.failing == 0 {
				if len(r.Faults) != 0 {
					t.Errorf("faults without failing traces: %+v", r.Faults)
				}
				return
			}
			f := r.Faults[0]
			if f.Kind != tt.kind || f.Service != tt.service {
				t.Errorf("fault %s in %s, want %s in %s", f.Kind, f.Service, tt.kind, tt.service)
			}
			for _, s := range tt.signature {
				if !strings.Contains(f.Signature, s) {
					t.Errorf("signature %q lacks %q", f.Signature, s)
				}
			}
			if tt.path != "" {
				if got := strings.Join(f.Path, " → "); got != tt.path {
					t.Errorf("path\n got %s\nwant %s", got, tt.path)
				}
			}
		})
	}
}

func TestTraceFaultsVotesAcrossTraces(t *testing.T) {
	var spans []telemetry.Span
	for i, id := range []string{"p", "q", "r"} {
		spans = append(spans, liftTrace(id, 10+i)...)
	}
	// One trace whose fault is elsewhere, earlier.
	spans = append(spans,
		sp("s", "s1", "", "gate-ui", "POST /scan", 9, 0, 50, errS, "500", nil),
		sp("s", "s2", "s1", "pass-api", "ValidatePass", 9, 1, 45, errS, "invalid pass format", nil),
	)
	r := TraceFaults(spans)
	if r.Traces != 4 || r.Failing != 4 {
		t.Fatalf("traces %d failing %d", r.Traces, r.Failing)
	}
	if r.FirstService != "entitlement" {
		t.Errorf("first service %q, want the origin of three traces", r.FirstService)
	}
	if r.Faults[0].Traces != 3 || r.Faults[0].TraceID != "p" {
		t.Errorf("top fault group %+v, want three traces represented by the earliest", r.Faults[0])
	}
	byName := map[string]ServiceFailures{}
	for _, s := range r.Services {
		byName[s.Service] = s
	}
	if g := byName["gate-ui"]; g.ErrorSpans != 4 || g.Origin != 0 || !g.FirstErrorAt.Equal(minute(9)) {
		t.Errorf("gate-ui %+v", g)
	}
	if p := byName["pass-api"]; p.Origin != 1 || !strings.HasPrefix(p.FirstError, "ValidatePass") {
		t.Errorf("pass-api %+v", p)
	}
}

func TestTraceFaultsSurvivesBadParents(t *testing.T) {
	spans := []telemetry.Span{
		sp("x", "x1", "x2", "a", "loop-a", 1, 0, 10, errS, "boom", nil),
		sp("x", "x2", "x1", "b", "loop-b", 1, 0, 10, errS, "boom", nil),
		sp("x", "x3", "missing", "c", "orphan", 1, 0, 10, errS, "lost parent", nil),
	}
	r := TraceFaults(spans) // must return, not loop
	if r.Failing != 1 {
		t.Errorf("failing %d, want 1", r.Failing)
	}
}

func TestDeadlineOf(t *testing.T) {
	tests := []struct {
		name  string
		dur   float64
		attrs map[string]any
		want  float64
	}{
		{"ms key", 301, map[string]any{"deadline_ms": 300.0}, 300},
		{"int64 ms", 299, map[string]any{"client.timeout_ms": int64(300)}, 300},
		{"seconds key", 2004, map[string]any{"request_timeout_seconds": 2}, 2000},
		{"duration string", 1500, map[string]any{"grpc.timeout": "1.5s"}, 1500},
		{"bare number read as seconds", 800, map[string]any{"deadline": 0.8}, 800},
		{"bare number read as milliseconds", 800, map[string]any{"Deadline": json.Number("800")}, 800},
		{"microseconds", 250, map[string]any{"timeout_us": 250000}, 250},
		{"finished well inside its deadline", 120, map[string]any{"deadline_ms": 300.0}, 0},
		{"unrelated key", 300, map[string]any{"retry_ms": 300.0}, 0},
		{"not a number", 300, map[string]any{"timeout": "soon"}, 0},
	}
	for _, tt := range tests {
		s := telemetry.Span{DurationMS: tt.dur, Attrs: tt.attrs}
		if got := deadlineOf(s); got != tt.want {
			t.Errorf("%s: deadlineOf = %g, want %g", tt.name, got, tt.want)
		}
	}
}
