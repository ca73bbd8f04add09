package incident

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
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
	Raw         json.RawMessage   `json:"-"` // the alert exactly as the source sent it
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
	return nil
}
