// Package pagerduty is an in-process fake of the PagerDuty Events API v2
// (POST /v2/enqueue). It validates events as PagerDuty does (400 "invalid
// event" with an errors list), answers 202 with the dedup key, groups
// triggers into alerts by dedup key (a trigger for an open alert is
// deduplicated, as PagerDuty does), records every accepted event, can be
// told to throttle (429) or fail (5xx), and counts requests.
package pagerduty

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/sandbox/fault"
)

// Event is one accepted event as it was sent.
type Event struct {
	RoutingKey string          `json:"routing_key"`
	Action     string          `json:"event_action"`
	DedupKey   string          `json:"dedup_key"`
	Payload    *Payload        `json:"payload,omitempty"`
	Links      []Link          `json:"links,omitempty"`
	Images     json.RawMessage `json:"images,omitempty"`
	Client     string          `json:"client,omitempty"`
	ClientURL  string          `json:"client_url,omitempty"`
	// Deduplicated is true for a trigger that joined an open alert.
	Deduplicated bool `json:"-"`
}

// Payload is a trigger's payload.
type Payload struct {
	Summary       string          `json:"summary"`
	Source        string          `json:"source"`
	Severity      string          `json:"severity"`
	Timestamp     string          `json:"timestamp,omitempty"`
	Component     string          `json:"component,omitempty"`
	Group         string          `json:"group,omitempty"`
	Class         string          `json:"class,omitempty"`
	CustomDetails json.RawMessage `json:"custom_details,omitempty"`
}

// Link is one of an event's links.
type Link struct {
	Href string `json:"href"`
	Text string `json:"text,omitempty"`
}

// Alert is what PagerDuty opens from triggers sharing a routing and dedup key.
type Alert struct {
	RoutingKey string
	DedupKey   string
	Status     string // triggered, acknowledged or resolved
	Summary    string
	Severity   string
	Triggers   int // trigger events received, deduplicated ones included
}

// Server is the fake; every method is safe for concurrent use.
type Server struct {
	mu     sync.Mutex
	keys   map[string]bool
	events []Event
	alerts []*Alert
	fault.Counter
	limit, fail fault.Trigger
}

// NewServer returns a fake accepting events for these routing keys; with
// none it accepts any 32-character key.
func NewServer(routingKeys ...string) *Server {
	s := &Server{keys: map[string]bool{}}
	for _, k := range routingKeys {
		s.keys[k] = true
	}
	return s
}

// TriggerRateLimit makes the next n requests answer 429 and, when
// retryAfter > 0, a Retry-After header in whole seconds (rounded up).
func (s *Server) TriggerRateLimit(n int, retryAfter time.Duration) {
	s.limit.Arm(n, fault.Reply{Status: http.StatusTooManyRequests, RetryAfter: retryAfter})
}

// TriggerServerError makes the next n requests answer status (a 5xx).
func (s *Server) TriggerServerError(n, status int) {
	s.fail.Arm(n, fault.Reply{Status: status})
}

// Events returns the accepted events, in order.
func (s *Server) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.events)
}

// Alerts returns copies of the alerts, oldest first.
func (s *Server) Alerts() []Alert {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Alert, 0, len(s.alerts))
	for _, a := range s.alerts {
		out = append(out, *a)
	}
	return out
}

// Handler serves POST /v2/enqueue.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/enqueue", s.enqueue)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "not found", "message": "Not found"})
	})
	return s.Counting(mux)
}

var severities = []string{"critical", "error", "warning", "info"}

func (s *Server) enqueue(w http.ResponseWriter, r *http.Request) {
	if limit, ok := s.limit.Take(); ok {
		fault.SetRetryAfter(w.Header(), limit.RetryAfter)
		writeJSON(w, limit.Status, map[string]any{"status": "throttle event", "message": "Requests for this service are arriving too quickly. Please retry later."})
		return
	}
	if fail, ok := s.fail.Take(); ok {
		writeJSON(w, fail.Status, map[string]any{"status": "error", "message": http.StatusText(fail.Status)})
		return
	}

	body, _ := io.ReadAll(io.LimitReader(r.Body, 512<<10))
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		invalid(w, "Event object is invalid", "Malformed JSON: "+err.Error())
		return
	}
	if errs := s.validate(ev); len(errs) > 0 {
		invalid(w, "Event object is invalid", errs...)
		return
	}
	if ev.Action == "trigger" && ev.DedupKey == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		ev.DedupKey = hex.EncodeToString(b)
	}

	s.mu.Lock()
	var open *Alert
	for _, a := range s.alerts {
		if a.RoutingKey == ev.RoutingKey && a.DedupKey == ev.DedupKey && a.Status != "resolved" {
			open = a
		}
	}
	switch ev.Action {
	case "trigger":
		if open != nil {
			open.Triggers++
			ev.Deduplicated = true
		} else {
			s.alerts = append(s.alerts, &Alert{RoutingKey: ev.RoutingKey, DedupKey: ev.DedupKey, Status: "triggered",
				Summary: ev.Payload.Summary, Severity: ev.Payload.Severity, Triggers: 1})
		}
	case "acknowledge":
		if open != nil {
			open.Status = "acknowledged"
		}
	case "resolve":
		if open != nil {
			open.Status = "resolved"
		}
	}
	s.events = append(s.events, ev)
	s.mu.Unlock()
	writeJSON(w, http.StatusAccepted, map[string]any{"status": "success", "message": "Event processed", "dedup_key": ev.DedupKey})
}

func (s *Server) validate(ev Event) []string {
	var errs []string
	switch {
	case ev.RoutingKey == "":
		errs = append(errs, "'routing_key' is missing or blank")
	case len(s.keys) > 0 && !s.keys[ev.RoutingKey], len(s.keys) == 0 && len(ev.RoutingKey) != 32:
		errs = append(errs, "'routing_key' is invalid")
	}
	if !slices.Contains([]string{"trigger", "acknowledge", "resolve"}, ev.Action) {
		errs = append(errs, "'event_action' is invalid (must be one of: trigger, acknowledge, resolve)")
	}
	if len(ev.DedupKey) > 255 {
		errs = append(errs, "'dedup_key' is too long (maximum is 255 characters)")
	}
	if ev.Action != "trigger" {
		if ev.DedupKey == "" && ev.Action != "" {
			errs = append(errs, "'dedup_key' is missing or blank")
		}
		return errs
	}
	p := ev.Payload
	if p == nil {
		return append(errs, "'payload' is missing or blank")
	}
	if p.Summary == "" {
		errs = append(errs, "'payload.summary' is missing or blank")
	} else if len([]rune(p.Summary)) > 1024 {
		errs = append(errs, "'payload.summary' is too long (maximum is 1024 characters)")
	}
	if p.Source == "" {
		errs = append(errs, "'payload.source' is missing or blank")
	}
	if !slices.Contains(severities, p.Severity) {
		errs = append(errs, fmt.Sprintf("'payload.severity' is invalid (must be one of: critical, error, warning, info), got %q", p.Severity))
	}
	if p.Timestamp != "" {
		if _, err := time.Parse(time.RFC3339, p.Timestamp); err != nil {
			errs = append(errs, "'payload.timestamp' is invalid")
		}
	}
	return errs
}

func invalid(w http.ResponseWriter, msg string, errs ...string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"status": "invalid event", "message": msg, "errors": errs})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
