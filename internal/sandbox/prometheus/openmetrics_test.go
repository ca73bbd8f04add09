package prometheus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/textparse"

	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
)

// parsed is one sample read back from OpenMetrics text.
type parsed struct {
	series string
	ms     int64
	value  float64
}

// parseOpenMetrics reads text with Prometheus's own OpenMetrics parser,
// which promtool's backfill uses, and checks every family is a gauge.
func parseOpenMetrics(t *testing.T, text []byte) []parsed {
	t.Helper()
	p := textparse.NewOpenMetricsParser(text, labels.NewSymbolTable())
	var out []parsed
	types := map[string]model.MetricType{}
	for {
		entry, err := p.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, text)
		}
		switch entry {
		case textparse.EntryType:
			name, typ := p.Type()
			if _, dup := types[string(name)]; dup {
				t.Errorf("family %s declared twice (interleaved)", name)
			}
			types[string(name)] = typ
		case textparse.EntrySeries:
			var lset labels.Labels
			p.Labels(&lset)
			_, ts, v := p.Series()
			if ts == nil {
				t.Fatalf("sample %s without a timestamp", lset)
			}
			if typ := types[lset.Get(labels.MetricName)]; typ != model.MetricTypeGauge {
				t.Errorf("%s has type %q, want gauge", lset, typ)
			}
			out = append(out, parsed{series: lset.String(), ms: *ts, value: v})
		}
	}
	return out
}

func TestWriteOpenMetricsRoundTrip(t *testing.T) {
	base := time.Date(2031, 2, 3, 8, 0, 0, 0, time.UTC)
	samples := []telemetry.Sample{
		// Out of order on purpose: the writer orders each series by time.
		{TS: base.Add(time.Minute), Service: "kiln-monitor", Name: "kiln.temp-celsius", Value: 1180.5, Labels: map[string]string{"kiln": "k2"}},
		{TS: base, Service: "kiln-monitor", Name: "kiln.temp-celsius", Value: 1175, Labels: map[string]string{"kiln": "k2"}},
		{TS: base.Add(1500 * time.Millisecond), Service: "kiln-monitor", Name: "glaze_batches", Value: 3, Labels: map[string]string{"note": "quote \" slash \\ line\nend"}},
		{TS: base, Service: "kiln-monitor", Name: "glaze_defect_ratio", Value: math.NaN()},
		{TS: base, Service: "kiln-monitor", Name: "glaze_defect_ratio_peak", Value: math.Inf(1)},
		{TS: base, Service: "kiln-monitor", Name: "tiny", Value: 1.5e-7, Labels: map[string]string{"Zone": "east"}},
		// Upper case sorts before __name__; families must still not interleave.
		{TS: base, Service: "kiln-monitor", Name: "glaze_batches", Value: 1, Labels: map[string]string{"note": "a", "Zone": "z"}},
		{TS: base, Service: "kiln-monitor", Name: "tiny", Value: 2, Labels: map[string]string{"Zone": "a"}},
	}
	var buf bytes.Buffer
	if err := WriteOpenMetrics(&buf, samples); err != nil {
		t.Fatal(err)
	}
	text := buf.Bytes()
	if !bytes.HasSuffix(text, []byte("\n# EOF\n")) {
		t.Errorf("text does not end with # EOF:\n%s", text)
	}
	got := parseOpenMetrics(t, text)
	if len(got) != len(samples) {
		t.Fatalf("%d samples read back, want %d:\n%s", len(got), len(samples), text)
	}
	want := map[string]bool{}
	for _, s := range samples {
		lset, err := seriesLabels(s)
		if err != nil {
			t.Fatal(err)
		}
		want[fmt.Sprintf("%s@%d=%v", lset, s.TS.UnixMilli(), s.Value)] = true
	}
	lastMS := map[string]int64{}
	for _, p := range got {
		key := fmt.Sprintf("%s@%d=%v", p.series, p.ms, p.value)
		if !want[key] {
			t.Errorf("read back %s, not written", key)
		}
		if prev, ok := lastMS[p.series]; ok && p.ms <= prev {
			t.Errorf("%s: samples out of time order", p.series)
		}
		lastMS[p.series] = p.ms
	}
	if !strings.Contains(string(text), `kiln_temp_celsius{kiln="k2",service="kiln-monitor"} 1175 1927872000`+"\n") {
		t.Errorf("unexpected sample line format:\n%s", text)
	}
	if !strings.Contains(string(text), " 1927872001.5\n") {
		t.Errorf("fractional seconds not written:\n%s", text)
	}
}

func TestWriteOpenMetricsRefuses(t *testing.T) {
	err := WriteOpenMetrics(io.Discard, []telemetry.Sample{{TS: time.Unix(0, 0), Name: "x", Labels: map[string]string{"__x": "1"}}})
	if err == nil {
		t.Error("reserved label name written")
	}
}

func TestFormatSeconds(t *testing.T) {
	for ms, want := range map[int64]string{0: "0", 1000: "1", 1500: "1.5", 1001: "1.001", 1230: "1.23", -1500: "-1.5"} {
		if got := formatSeconds(ms); got != want {
			t.Errorf("formatSeconds(%d) = %q, want %q", ms, got, want)
		}
	}
}

// TestOpenMetricsSharedScenarios writes every shared scenario's metrics
// and reads back as many samples as the scenario has distinct ones.
func TestOpenMetricsSharedScenarios(t *testing.T) {
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scenarios {
		if len(sc.Telemetry.Metrics) == 0 {
			continue
		}
		n++
		var buf bytes.Buffer
		if err := WriteOpenMetrics(&buf, sc.Telemetry.Metrics); err != nil {
			t.Fatalf("%s: %v", sc.Path, err)
		}
		ss, err := buildSeries(sc.Telemetry.Metrics)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, s := range ss {
			total += len(s.samples)
		}
		if got := len(parseOpenMetrics(t, buf.Bytes())); got != total {
			t.Errorf("%s: %d samples read back, want %d", sc.Path, got, total)
		}
	}
	if n == 0 {
		t.Skip("no shared scenario with metrics beside the repository")
	}
}
