package incident

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// AlertStatus is whether the condition behind an alert still holds.
type AlertStatus string

const (
	AlertFiring   AlertStatus = "firing"
	AlertResolved AlertStatus = "resolved"
)

// Alert is one alert from any monitoring source, normalised. Fingerprint and
// StartsAt identify one episode of one alert: a re-delivery of the same
// episode is a duplicate, a re-fire after resolution is a new episode.
type Alert struct {
	Source      string            `json:"source"` // alertmanager, grafana, datadog, generic
	Fingerprint string            `json:"fingerprint"`
	Status      AlertStatus       `json:"status"`
	Service     string            `json:"service"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Severity    string            `json:"severity"` // as the source said it: critical, warning, P1, error...
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	StartsAt    time.Time         `json:"starts_at"`
	EndsAt      time.Time         `json:"ends_at"` // zero while firing
	URL         string            `json:"url"`
	// Group is the source's own grouping of the notification that carried
	// the alert (Alertmanager's and Grafana's groupKey), "" when it has none.
	// Alerts the operator's routing grouped together join one incident.
	Group string          `json:"group,omitempty"`
	Raw   json.RawMessage `json:"-"` // the alert exactly as the source sent it
}

// Validate checks what grouping and dedup rely on.
func (a Alert) Validate() error {
	switch {
	case strings.TrimSpace(a.Source) == "":
		return fmt.Errorf("alert source is empty: %w", ErrInvalid)
	case strings.TrimSpace(a.Fingerprint) == "":
		return fmt.Errorf("alert fingerprint is empty: %w", ErrInvalid)
	case a.Status != AlertFiring && a.Status != AlertResolved:
		return fmt.Errorf("alert status %q: %w", a.Status, ErrInvalid)
	case strings.TrimSpace(a.Title) == "":
		return fmt.Errorf("alert title is empty: %w", ErrInvalid)
	case a.StartsAt.IsZero():
		return fmt.Errorf("alert start time is missing: %w", ErrInvalid)
	case a.Raw != nil && !json.Valid(a.Raw):
		return fmt.Errorf("alert raw payload is not JSON: %w", ErrInvalid)
	}
	// PostgreSQL refuses NUL and invalid UTF-8 in text where SQLite stores
	// them; refusing both here keeps the two engines alike and keeps one bad
	// alert from failing a whole commit batch.
	for _, f := range []struct{ name, v string }{{"source", a.Source}, {"fingerprint", a.Fingerprint},
		{"service", a.Service}, {"title", a.Title}, {"description", a.Description}, {"severity", a.Severity},
		{"url", a.URL}} {
		if err := CheckText(f.v); err != nil {
			return fmt.Errorf("alert %s %w: %w", f.name, err, ErrInvalid)
		}
	}
	for what, m := range map[string]map[string]string{"label": a.Labels, "annotation": a.Annotations} {
		for k, v := range m {
			if err := CheckText(k); err != nil {
				return fmt.Errorf("alert %s name %q %w: %w", what, k, err, ErrInvalid)
			}
			if err := CheckText(v); err != nil {
				return fmt.Errorf("alert %s %q %w: %w", what, k, err, ErrInvalid)
			}
		}
	}
	if err := CheckJSONText(a.Raw); err != nil {
		return fmt.Errorf("alert raw payload %w: %w", err, ErrInvalid)
	}
	return nil
}

// Text problems CheckText reports; their messages read after a field name
// ("alerts[0].title: contains a NUL character").
var (
	ErrNUL     = errors.New("contains a NUL character")
	ErrNotUTF8 = errors.New("is not valid UTF-8")
)

// CheckText reports whether s can be stored as text on every engine: valid
// UTF-8 without NUL characters (PostgreSQL refuses both).
func CheckText(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return ErrNUL
	}
	if !utf8.ValidString(s) {
		return ErrNotUTF8
	}
	return nil
}

// CheckJSONText is CheckText for JSON text kept as received (an alert's or
// a report's raw payload): it must be valid UTF-8 with no \u0000 escape.
// The error says at which byte.
func CheckJSONText(b []byte) error {
	if !utf8.Valid(b) {
		n := 0
		for n < len(b) {
			r, size := utf8.DecodeRune(b[n:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			n += size
		}
		return fmt.Errorf("%w (at byte %d)", ErrNotUTF8, n)
	}
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(`u0000`))
		if j < 0 {
			return nil
		}
		j += i
		// An odd run of backslashes before "u0000" is an escape; an even
		// one is escaped backslashes followed by the plain text "u0000".
		n := 0
		for k := j - 1; k >= 0 && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 1 {
			return fmt.Errorf("%w (\\u0000 at byte %d)", ErrNUL, j-1)
		}
		i = j + 1
	}
}
