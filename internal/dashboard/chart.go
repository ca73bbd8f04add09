package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/briefing"
)

// Chart geometry, in the SVG's own units (it scales to its box).
const (
	chartW, chartH = 320.0, 130.0
	padL, padR     = 40.0, 6.0
	padT, padB     = 18.0, 18.0
	stripW, stripH = 600.0, 34.0
)

// chartSVG draws one recorded series around the onset, with the onset and
// every deploy and flag change in its window marked: server-rendered, so it
// needs no script and reads the same in the postmortem.
func chartSVG(c briefing.Chart, t *briefing.Telemetry) template.HTML {
	if len(c.Points) < 2 {
		return ""
	}
	start, end := c.Points[0].TS, c.Points[len(c.Points)-1].TS
	lo, hi := c.Points[0].Value, c.Points[0].Value
	for _, p := range c.Points {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	x := func(ts time.Time) float64 {
		return padL + (chartW-padL-padR)*float64(ts.Sub(start))/float64(max(end.Sub(start), time.Second))
	}
	y := func(v float64) float64 { return padT + (chartH-padT-padB)*(hi-v)/(hi-lo) }
	title := c.Name
	if c.Service != "" {
		title = c.Service + " · " + c.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s, %s to %s, from %s to %s">`,
		chartW, chartH, html.EscapeString(title), num(lo), num(hi), start.Format("15:04Z"), end.Format("15:04Z"))
	fmt.Fprintf(&b, `<text x="%.0f" y="12" class="chart-title">%s</text>`, padL, html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" class="axis" text-anchor="end">%s</text>`, padL-4, y(hi)+4, num(hi))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" class="axis" text-anchor="end">%s</text>`, padL-4, y(lo), num(lo))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" class="axis">%s</text>`, padL, chartH-4, start.Format("15:04Z"))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" class="axis" text-anchor="end">%s</text>`, chartW-padR, chartH-4, end.Format("15:04Z"))
	fmt.Fprintf(&b, `<line class="frame" x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f"/>`, padL, chartH-padB, chartW-padR, chartH-padB)
	if t != nil {
		for _, m := range t.Markers {
			if m.At.Before(start) || m.At.After(end) {
				continue
			}
			fmt.Fprintf(&b, `<line class="marker %s" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"><title>%s %s at %s</title></line>`,
				html.EscapeString(m.Kind), x(m.At), padT, x(m.At), chartH-padB, html.EscapeString(m.Kind), html.EscapeString(m.Label), m.At.UTC().Format("15:04:05Z"))
		}
		if !t.Onset.IsZero() && !t.Onset.Before(start) && !t.Onset.After(end) {
			fmt.Fprintf(&b, `<line class="onset" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"><title>onset at %s</title></line>`,
				x(t.Onset), padT, x(t.Onset), chartH-padB, t.Onset.UTC().Format("15:04:05Z"))
		}
	}
	b.WriteString(`<polyline class="series" points="`)
	for i, p := range c.Points {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x(p.TS), y(p.Value))
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()) // every text in it was escaped above
}

// stripSVG draws the incident's events on one line from its start to the
// last event, a mark per event coloured by kind.
func stripSVG(moments []briefing.Moment) template.HTML {
	if len(moments) < 2 {
		return ""
	}
	start, end := moments[0].At, moments[len(moments)-1].At
	span := max(end.Sub(start), time.Second)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="strip" viewBox="0 0 %.0f %.0f" role="img" aria-label="%d events from %s to %s">`,
		stripW, stripH, len(moments), start.UTC().Format("15:04Z"), end.UTC().Format("15:04Z"))
	fmt.Fprintf(&b, `<line class="frame" x1="4" y1="14" x2="%.0f" y2="14"/>`, stripW-4)
	for _, m := range moments {
		x := 4 + (stripW-8)*float64(m.At.Sub(start))/float64(span)
		fmt.Fprintf(&b, `<rect class="tick %s" x="%.1f" y="6" width="3" height="16"/>`, html.EscapeString(string(m.Kind)), x-1.5)
	}
	fmt.Fprintf(&b, `<text x="4" y="32" class="axis">%s</text><text x="%.0f" y="32" class="axis" text-anchor="end">%s</text></svg>`,
		start.UTC().Format("15:04:05Z"), stripW-4, end.UTC().Format("15:04:05Z"))
	return template.HTML(b.String())
}

// num is a value for an axis: short, without trailing zeros.
func num(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e6:
		return fmt.Sprintf("%.3gM", v/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.3gk", v/1e3)
	}
	return fmt.Sprintf("%.3g", v)
}
