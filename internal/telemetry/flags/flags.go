// Package flags reads feature-flag changes from Unleash's Admin API event
// log (GET /api/admin/events) and turns the events that change how a flag
// evaluates into telemetry.FlagChange values. It authenticates the way
// Unleash expects an admin or personal access token: the raw token in the
// Authorization header, no "Bearer" prefix. Responses are bounded in bytes
// and requests in time.
package flags

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi"
)

// Defaults of Config's bounds.
const (
	DefaultTimeout  = httpapi.DefaultTimeout
	DefaultMaxBytes = 16 << 20
	maxChange       = 200
)

// ErrTooLarge is returned when a response body exceeds Config.MaxBytes.
var ErrTooLarge = httpapi.ErrTooLarge

// Config says where Unleash is and how to talk to it. The token is passed
// in by the caller and sent only as a header, never logged or put in
// errors.
type Config struct {
	// URL is Unleash's root, e.g. https://unleash.example (the client
	// appends /api/admin/events).
	URL string
	// Token is an admin API token or personal access token.
	Token string
	// Project limits the events to one project ("" = all).
	Project string
	// Environment keeps only events of that environment, plus events
	// that name none ("" = every environment, named in the change text).
	Environment string
	// ServiceOf names the service a flag event concerns (nil = the value
	// of the event's first tag of type service, app, application or
	// component, else its project unless that is "default").
	ServiceOf func(Event) string
	// Timeout bounds each request (0 = DefaultTimeout); MaxBytes the
	// response body (0 = DefaultMaxBytes).
	Timeout  time.Duration
	MaxBytes int64
	// Transport sends the requests (nil = http.DefaultTransport).
	Transport http.RoundTripper
}

// Client reads one Unleash's event log.
type Client struct {
	cfg  Config
	conn *httpapi.Conn
}

// New checks cfg and returns a client; it makes no request.
func New(cfg Config) (*Client, error) {
	conn, err := httpapi.New(httpapi.Config{
		URL:       cfg.URL,
		Auth:      httpapi.Auth{RawToken: cfg.Token}, // Unleash's convention: the raw token
		Timeout:   cfg.Timeout,
		MaxBytes:  httpapi.OrDefault(cfg.MaxBytes, DefaultMaxBytes),
		Transport: cfg.Transport,
		APIError:  apiError,
	})
	if err != nil {
		return nil, fmt.Errorf("flags: %w", err)
	}
	if cfg.Token == "" {
		return nil, errors.New("flags: an Unleash API token is required")
	}
	if cfg.ServiceOf == nil {
		cfg.ServiceOf = DefaultServiceOf
	}
	return &Client{cfg: cfg, conn: conn}, nil
}

// APIError is an answer other than success, with Unleash's error body
// ({"name": "AuthenticationRequired", "message": "..."}) when it sent one.
type APIError struct {
	StatusCode int
	Name       string
	Message    string
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("unleash: %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Name != "" {
		s += ": " + e.Name
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Tag is an Unleash tag on an event.
type Tag struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Event is one entry of Unleash's event log.
type Event struct {
	ID          int64           `json:"id"`
	Type        string          `json:"type"`
	CreatedBy   string          `json:"createdBy"`
	CreatedAt   time.Time       `json:"createdAt"`
	FeatureName string          `json:"featureName"`
	Project     string          `json:"project"`
	Environment string          `json:"environment"`
	Tags        []Tag           `json:"tags"`
	Data        json.RawMessage `json:"data"`
	PreData     json.RawMessage `json:"preData"`
}

// Changes are the flag changes found in a window.
type Changes struct {
	// Query is the request made, for the timeline.
	Query   string                 `json:"query"`
	Changes []telemetry.FlagChange `json:"changes"`
	// Skipped counts events in the window that change no evaluation
	// (tags, staleness, metadata) or concern no flag.
	Skipped int `json:"skipped,omitempty"`
	// Incomplete: Unleash holds more events than it returned, and the
	// oldest returned is newer than the window's start, so changes early
	// in the window may be missing.
	Incomplete bool `json:"incomplete,omitempty"`
}

// Changes reads the event log and returns the flag changes in [start,
// end], oldest first.
func (c *Client) Changes(ctx context.Context, start, end time.Time) (Changes, error) {
	const path = "/api/admin/events"
	var q url.Values // none: every project
	if c.cfg.Project != "" {
		q = httpapi.Query("project", c.cfg.Project)
	}
	out := Changes{Query: "GET " + c.conn.URL(path, q).RequestURI()}
	var body struct {
		Events      []Event `json:"events"`
		TotalEvents *int    `json:"totalEvents"`
	}
	if _, err := c.conn.GetJSON(ctx, path, q, &body); err != nil {
		return out, fmt.Errorf("flags: %s: %w", out.Query, err)
	}
	var oldest time.Time
	for _, e := range body.Events {
		if oldest.IsZero() || e.CreatedAt.Before(oldest) {
			oldest = e.CreatedAt
		}
		if e.CreatedAt.Before(start) || e.CreatedAt.After(end) {
			continue
		}
		if c.cfg.Environment != "" && e.Environment != "" && e.Environment != c.cfg.Environment {
			continue
		}
		change, ok := describe(e)
		if !ok || e.FeatureName == "" {
			out.Skipped++
			continue
		}
		if c.cfg.Environment == "" && e.Environment != "" {
			change += " (" + e.Environment + ")"
		}
		out.Changes = append(out.Changes, telemetry.FlagChange{
			TS: e.CreatedAt.UTC(), Flag: e.FeatureName, Service: c.cfg.ServiceOf(e), Change: clip(change), Actor: e.CreatedBy,
		})
	}
	sort.SliceStable(out.Changes, func(i, j int) bool { return out.Changes[i].TS.Before(out.Changes[j].TS) })
	if body.TotalEvents != nil && *body.TotalEvents > len(body.Events) && oldest.After(start) {
		out.Incomplete = true
	}
	return out, nil
}

// DefaultServiceOf is the service named by the event's first tag of type
// service, app, application or component, else its project unless that is
// Unleash's "default" project, else "".
func DefaultServiceOf(e Event) string {
	for _, t := range e.Tags {
		switch strings.ToLower(t.Type) {
		case "service", "app", "application", "component":
			if t.Value != "" {
				return t.Value
			}
		}
	}
	if e.Project != "default" {
		return e.Project
	}
	return ""
}

type strategy struct {
	Name       string         `json:"name"`
	Disabled   bool           `json:"disabled"`
	Parameters map[string]any `json:"parameters"`
}

// describe says what an event changed in how its flag evaluates; false
// for events that change nothing there.
func describe(e Event) (string, bool) {
	switch e.Type {
	case "feature-environment-enabled":
		return "off->on", true
	case "feature-environment-disabled":
		return "on->off", true
	case "feature-created":
		return "created", true
	case "feature-archived":
		return "archived", true
	case "feature-revived":
		return "revived", true
	case "feature-deleted":
		return "deleted", true
	case "feature-variants-updated", "feature-environment-variants-updated":
		return "variants updated", true
	case "feature-strategy-add":
		return "strategy added: " + strategyText(decodeStrategy(e.Data)), true
	case "feature-strategy-remove":
		return "strategy removed: " + strategyText(decodeStrategy(e.PreData)), true
	case "feature-strategy-update":
		return "strategy updated: " + strategyDiff(decodeStrategy(e.PreData), decodeStrategy(e.Data)), true
	case "feature-updated":
		// Unleash 3's single event for any edit; data holds the new flag.
		var d struct {
			Enabled *bool `json:"enabled"`
		}
		if json.Unmarshal(e.Data, &d) == nil && d.Enabled != nil {
			if *d.Enabled {
				return "updated (enabled)", true
			}
			return "updated (disabled)", true
		}
		return "updated", true
	}
	return "", false
}

func decodeStrategy(raw json.RawMessage) strategy {
	var s strategy
	_ = json.Unmarshal(raw, &s) // an absent or odd body describes as the bare event
	return s
}

func strategyText(s strategy) string {
	if s.Name == "" {
		return "(unnamed)"
	}
	parts := []string{s.Name}
	for _, k := range slices.Sorted(maps.Keys(s.Parameters)) {
		parts = append(parts, fmt.Sprintf("%s=%v", k, s.Parameters[k]))
	}
	if s.Disabled {
		parts = append(parts, "disabled")
	}
	return strings.Join(parts, " ")
}

// strategyDiff names the strategy and the parameters that changed, as
// "flexibleRollout rollout 10->50".
func strategyDiff(before, after strategy) string {
	name := after.Name
	if name == "" {
		name = before.Name
	}
	if name == "" {
		name = "(unnamed)"
	}
	parts := []string{name}
	keys := slices.Sorted(maps.Keys(before.Parameters))
	for _, k := range slices.Sorted(maps.Keys(after.Parameters)) {
		if _, ok := before.Parameters[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		b, hadB := before.Parameters[k]
		a, hasA := after.Parameters[k]
		switch {
		case !hadB:
			parts = append(parts, fmt.Sprintf("%s=%v", k, a))
		case !hasA:
			parts = append(parts, fmt.Sprintf("%s removed", k))
		case fmt.Sprint(a) != fmt.Sprint(b):
			parts = append(parts, fmt.Sprintf("%s %v->%v", k, b, a))
		}
	}
	if before.Disabled != after.Disabled {
		if after.Disabled {
			parts = append(parts, "disabled")
		} else {
			parts = append(parts, "enabled")
		}
	}
	return strings.Join(parts, " ")
}

func clip(s string) string {
	if r := []rune(s); len(r) > maxChange {
		return string(r[:maxChange-1]) + "…"
	}
	return s
}

// apiError reads Unleash's error body: name and message, or the first
// detail's message; a body that is not JSON is the message.
func apiError(status int, body []byte) error {
	e := &APIError{StatusCode: status}
	var j struct {
		Name    string `json:"name"`
		Message string `json:"message"`
		Details []struct {
			Message string `json:"message"`
		} `json:"details"`
	}
	if json.Unmarshal(body, &j) == nil {
		e.Name, e.Message = j.Name, j.Message
		if e.Message == "" && len(j.Details) > 0 {
			e.Message = j.Details[0].Message
		}
	} else {
		e.Message = strings.TrimSpace(string(body))
	}
	return e
}
