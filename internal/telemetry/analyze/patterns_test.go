package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"track 4417 started on channel 3", "track <num> started on channel <num>"},
		{"listener 10.4.0.17:51234 disconnected", "listener <ip> disconnected"},
		{"peer fe80:0:0:0:200:f8ff:fe21:67cf unreachable", "peer <ip> unreachable"},
		{"request 3f2b8c1e-9d4a-4f6b-8a2e-1c5d7e9f0a3b failed", "request <uuid> failed"},
		{"trace 4bf92f3577b34da6a3ce929d0e0e4736 sampled", "trace <hex> sampled"},
		{"commit 0x1f3a at offset 0x00ff", "commit <hex> at offset <hex>"},
		{"decade old facade accepted", "decade old facade accepted"},
		{"notify nurse.on.call@ward7.example.org now", "notify <email> now"},
		{"upload took 1.84s (budget 300ms)", "upload took <dur> (budget <dur>)"},
		{"at 2027-03-14T06:01:02.123Z sample ready", "at <ts> sample ready"},
		{`lookup of "patient 12" failed in 'archive'`, `lookup of "<str>" failed in '<str>'`},
		{"GET /v2/results/8812/pdf 404", "GET /<*>/results/<num>/pdf <num>"},
		{"gate=G7 pass=SKI-2211 rejected", "gate=<*> pass=SKI-<num> rejected"},
		{"pressure 4.25 bar", "pressure <num> bar"},
		{"  spaced   out  ", "spaced out"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func at(min, sec int) time.Time { return minute(min).Add(time.Duration(sec) * time.Second) }

func TestLogPatterns(t *testing.T) {
	onset := minute(30)
	var recs []telemetry.LogRecord
	// Baseline: the playout service logs track starts all along.
	for i := 0; i < 60; i += 5 {
		recs = append(recs, telemetry.LogRecord{TS: at(i, 10), Service: "playout", Level: "INFO",
			Msg: "track 44" + string(rune('0'+i%10)) + " started on channel 3", Count: 10})
	}
	// A warning that exists before and grows after.
	recs = append(recs,
		telemetry.LogRecord{TS: at(5, 0), Service: "stream-edge", Level: "WARN", Msg: "listener 10.0.0.4:3301 disconnected reason=eof", Count: 2},
		telemetry.LogRecord{TS: at(35, 0), Service: "stream-edge", Level: "WARN", Msg: "listener 10.0.0.9:3307 disconnected reason=timeout", Count: 40},
	)
	// New since the onset: encoder underruns, in two services.
	recs = append(recs,
		telemetry.LogRecord{TS: at(31, 5), Service: "encoder", Level: "ERROR", Msg: "buffer underrun on stream 7 after 120ms", Count: 300},
		telemetry.LogRecord{TS: at(33, 0), Service: "stream-edge", Level: "error", Msg: "buffer underrun on stream 2 after 80ms"},
	)
	got := LogPatterns(recs, onset)
	if len(got) != 3 {
		for _, p := range got {
			t.Logf("%q", p.Template)
		}
		t.Fatalf("got %d patterns, want 3", len(got))
	}
	first := got[0]
	if first.Template != "buffer underrun on stream <num> after <dur>" || !first.New {
		t.Errorf("first pattern %q new=%v, want the new underrun", first.Template, first.New)
	}
	if first.Before != 0 || first.After != 301 {
		t.Errorf("underrun counts %d/%d, want 0/301", first.Before, first.After)
	}
	if strings.Join(first.Services, ",") != "encoder,stream-edge" || strings.Join(first.Levels, ",") != "ERROR" {
		t.Errorf("underrun services %v levels %v", first.Services, first.Levels)
	}
	if first.FirstService != "encoder" || !first.FirstSeen.Equal(at(31, 5)) {
		t.Errorf("underrun first seen %s in %s", first.FirstSeen, first.FirstService)
	}
	if first.afterBy["encoder"] != 300 || first.afterBy["stream-edge"] != 1 {
		t.Errorf("underrun by service %v", first.afterBy)
	}

	second := got[1]
	if second.Template != "listener <ip> disconnected <*>" {
		t.Errorf("second pattern %q, want the merged disconnect", second.Template)
	}
	if second.New || second.Before != 2 || second.After != 40 || second.Growth <= 10 {
		t.Errorf("disconnect new=%v %d/%d growth %g", second.New, second.Before, second.After, second.Growth)
	}
	if !strings.Contains(second.Example, "timeout") {
		t.Errorf("example %q should be a line from after the onset", second.Example)
	}
	third := got[2]
	if third.MaxLevel() != telemetry.LevelInfo || third.Before == 0 || third.After == 0 || third.New {
		t.Errorf("track starts: %+v", third)
	}
}

func TestLogPatternsWithoutOnset(t *testing.T) {
	recs := []telemetry.LogRecord{
		{TS: at(1, 0), Service: "lis", Level: "ERROR", Msg: "HL7 ACK timeout for message 771"},
		{TS: at(2, 0), Service: "lis", Level: "ERROR", Msg: "HL7 ACK timeout for message 772", Count: 4},
	}
	got := LogPatterns(recs, time.Time{})
	if len(got) != 1 {
		t.Fatalf("got %d patterns", len(got))
	}
	if p := got[0]; p.New || p.Before != 0 || p.After != 5 || p.Growth != 0 {
		t.Errorf("without an onset everything is After and nothing New: %+v", p)
	}
}

func TestLogPatternsShortLinesDoNotMerge(t *testing.T) {
	recs := []telemetry.LogRecord{
		{TS: at(1, 0), Level: "ERROR", Msg: "valve stuck open"},
		{TS: at(2, 0), Level: "ERROR", Msg: "valve stuck closed"},
	}
	if got := LogPatterns(recs, minute(0)); len(got) != 2 {
		t.Errorf("three-word lines that differ merged: %+v", got)
	}
}

func TestLogPatternsBounded(t *testing.T) {
	var recs []telemetry.LogRecord
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"}
	for i := 0; i < maxPatterns+50; i++ {
		// Unique first words put every line in its own bucket.
		w := words[i%len(words)] + strings.Repeat("x", i/len(words))
		recs = append(recs, telemetry.LogRecord{TS: at(i%60, 0), Level: "WARN", Msg: w + " reading lost"})
	}
	got := LogPatterns(recs, minute(30))
	if len(got) != maxPatterns+1 {
		t.Fatalf("got %d patterns, want %d (with the catch-all)", len(got), maxPatterns+1)
	}
	total := 0
	for _, p := range got {
		total += p.Before + p.After
	}
	if total != len(recs) {
		t.Errorf("counted %d lines, want %d", total, len(recs))
	}
}
