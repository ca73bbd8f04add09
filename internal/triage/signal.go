package triage

import (
	"regexp"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// Signal is what triage knows about the thing that triggered an incident: an
// alert from a monitoring source or a person's chat report.
type Signal struct {
	Title    string
	Text     string
	Service  string
	Severity string // the source's own label: critical, warning, info, P1, sev2, ...
	Labels   map[string]string
	StartsAt time.Time
	Source   string // alertmanager, grafana, datadog, generic, slack

	// Context is supporting text from earlier findings, such as the matched
	// known issue's symptoms and runbook (see WithKnownIssue). FindCulprit
	// matches it at a lower weight than the trigger's own words; severity and
	// known-issue ranking ignore it.
	Context string
}

// SignalFromAlert builds the signal for a normalised alert.
func SignalFromAlert(a incident.Alert) Signal {
	labels := make(map[string]string, len(a.Labels))
	for k, v := range a.Labels {
		labels[k] = v
	}
	return Signal{
		Title: a.Title, Text: a.Description, Service: a.Service, Severity: a.Severity,
		Labels: labels, StartsAt: a.StartsAt, Source: a.Source,
	}
}

// SignalFromReport builds the signal for a person's chat message: Slack
// markup is stripped, the service is the known service the message names
// (ClassifyMessage), and the start is the earliest UTC clock time the
// message gives for the problem, if any (ReportedStart), else when it was
// posted. The chatter decision is returned too: a message that is not an
// incident report should not be triaged at all.
func SignalFromReport(text string, services []string, posted time.Time, source string) (Signal, Decision) {
	d := ClassifyMessage(text, services)
	plain := StripMarkup(text)
	return Signal{
		Text: plain, Service: d.Service, StartsAt: ReportedStart(plain, posted),
		Source: source, Labels: map[string]string{},
	}, d
}

// WithKnownIssue returns a copy of s whose Context also holds the known
// issue's title, symptoms and runbook, so that FindCulprit can recognise a
// change that touches what the known issue talks about ("SMTP_POOL_SIZE",
// "the mailer's pool settings").
func (s Signal) WithKnownIssue(m KnownIssueMatch) Signal {
	parts := []string{s.Context, m.Title, m.Symptoms, m.Runbook}
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	s.Context = strings.Join(keep, "\n")
	return s
}

// labelText is the label values that describe what fired, in key order;
// labels that only say where or how loudly are left out.
func (s Signal) labelText() string {
	var b strings.Builder
	for _, k := range sortedKeys(s.Labels) {
		if ignoredLabels[strings.ToLower(k)] {
			continue
		}
		b.WriteString(s.Labels[k])
		b.WriteString(" ")
	}
	return b.String()
}

// ignoredLabels say where or how loudly something fired, not what.
var ignoredLabels = set(`severity priority env environment cluster region zone datacenter dc az
	receiver status prometheus replica instance_type source grafana_folder`)

var (
	reClockUTC = regexp.MustCompile(`(?i)\b([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?\s*(?:utc|gmt|z)\b`)
	reISOTime  = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z`)
)

// ReportedStart returns the earliest explicit UTC time in text ("since
// ~10:30 UTC", "2031-04-18T07:45Z") that lies within the 24 hours before
// received, or received itself when there is none. People report problems
// after they start, and usually say when; alerts carry their own start.
// A clock time without a date is taken on received's day, or the day
// before when that would be in the future.
func ReportedStart(text string, received time.Time) time.Time {
	if received.IsZero() {
		return received
	}
	received = received.UTC()
	best := received
	consider := func(t time.Time) {
		if t.After(received) || received.Sub(t) > 24*time.Hour {
			return
		}
		if t.Before(best) {
			best = t
		}
	}
	for _, m := range reClockUTC.FindAllStringSubmatch(text, -1) {
		h, mi := atoi(m[1]), atoi(m[2])
		t := time.Date(received.Year(), received.Month(), received.Day(), h, mi, 0, 0, time.UTC)
		if t.After(received) {
			t = t.Add(-24 * time.Hour)
		}
		consider(t)
	}
	for _, m := range reISOTime.FindAllStringSubmatch(text, -1) {
		if t, err := time.Parse("2006-01-02T15:04", m[1]+"T"+m[2]+":"+m[3]); err == nil {
			consider(t)
		}
	}
	return best
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
