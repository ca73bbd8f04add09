package prometheus

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/prometheus/prometheus/model/labels"

	"github.com/warroom/warroom/internal/telemetry"
)

// WriteOpenMetrics writes samples as OpenMetrics text for `promtool tsdb
// create-blocks-from openmetrics`, so a real Prometheus backfilled from it
// holds the series this server serves, under the same names and labels.
// Every metric is a gauge family; families are not interleaved, each
// series' samples are in time order with timestamps in seconds, and the
// text ends with "# EOF". It refuses what New refuses.
func WriteOpenMetrics(w io.Writer, samples []telemetry.Sample) error {
	ss, err := buildSeries(samples)
	if err != nil {
		return fmt.Errorf("openmetrics: %w", err)
	}
	// OpenMetrics forbids interleaving families; a label name in upper
	// case sorts before __name__, so order by name first.
	slices.SortStableFunc(ss, func(a, b series) int {
		return strings.Compare(a.lset.Get(labels.MetricName), b.lset.Get(labels.MetricName))
	})
	bw := bufio.NewWriter(w)
	family := ""
	for _, s := range ss {
		name := s.lset.Get(labels.MetricName)
		if name != family {
			family = name
			fmt.Fprintf(bw, "# TYPE %s gauge\n", name)
		}
		series := seriesText(s.lset)
		for _, p := range s.samples {
			fmt.Fprintf(bw, "%s %s %s\n", series, formatValue(p.F), formatSeconds(p.T))
		}
	}
	bw.WriteString("# EOF\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write openmetrics: %w", err)
	}
	return nil
}

// seriesText is name{label="value",...} with OpenMetrics escaping.
func seriesText(lset labels.Labels) string {
	var b strings.Builder
	b.WriteString(lset.Get(labels.MetricName))
	first := true
	lset.Range(func(l labels.Label) {
		if l.Name == labels.MetricName {
			return
		}
		if first {
			b.WriteByte('{')
			first = false
		} else {
			b.WriteByte(',')
		}
		b.WriteString(l.Name)
		b.WriteString(`="`)
		b.WriteString(escapeLabelValue(l.Value))
		b.WriteByte('"')
	})
	if !first {
		b.WriteByte('}')
	}
	return b.String()
}

var labelValueEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeLabelValue(v string) string { return labelValueEscaper.Replace(v) }

func formatValue(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// formatSeconds writes a millisecond timestamp as exact decimal seconds.
func formatSeconds(ms int64) string {
	if ms < 0 {
		return "-" + formatSeconds(-ms)
	}
	sec, frac := ms/1000, ms%1000
	if frac == 0 {
		return strconv.FormatInt(sec, 10)
	}
	return strings.TrimRight(fmt.Sprintf("%d.%03d", sec, frac), "0")
}
