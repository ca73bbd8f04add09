// Package unleash serves feature-flag changes as Unleash's Admin API
// event log, so an investigation can ask "what flags changed" as it would
// ask a real Unleash.
//
// Served: GET /api/admin/events (optionally ?project=) answering
// {"version":1,"events":[...],"totalEvents":n}, newest first, and GET
// /api/admin/events/<featureName> answering
// {"version":1,"toggleName":...,"events":[...],"totalEvents":n}. Both need
// the admin token in the Authorization header, raw as Unleash takes it
// (no "Bearer " prefix); otherwise 401 with Unleash's error object. Every
// other path is 404. Nothing can be written.
//
// Mapping of a telemetry.FlagChange: "off->on" (any case or spacing, "→"
// too) is a feature-environment-enabled event, "on->off"
// feature-environment-disabled, anything else feature-strategy-update
// with data {"change": <the text>}. Each event is in project "default"
// and environment "production" (scenarios name neither), createdBy is the
// actor ("unknown" when none), and the change's service, when given, is a
// tag {"type":"service","value":...}. Ids count from 1 in time order.
package unleash

import (
	"bytes"
	"cmp"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// Where every event is placed, since scenarios name no project or
// environment.
const (
	Project     = "default"
	Environment = "production"
)

// Event types this server emits.
const (
	EventEnabled        = "feature-environment-enabled"
	EventDisabled       = "feature-environment-disabled"
	EventStrategyUpdate = "feature-strategy-update"
)

// Event is one Unleash event as the Admin API returns it.
type Event struct {
	ID          int             `json:"id"`
	Type        string          `json:"type"`
	CreatedAt   time.Time       `json:"createdAt"`
	CreatedBy   string          `json:"createdBy"`
	FeatureName string          `json:"featureName"`
	Project     string          `json:"project"`
	Environment string          `json:"environment"`
	Data        json.RawMessage `json:"data"`
	PreData     json.RawMessage `json:"preData"`
	Tags        []Tag           `json:"tags"`
}

// Tag is a feature tag carried by an event.
type Tag struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Server is the event log. It is safe for concurrent use.
type Server struct {
	events []Event // newest first
	token  []byte
	mux    *http.ServeMux
}

// New builds the event log from changes; token is the admin token a
// request must carry. It fails without a token or on a change that names
// no flag or time.
func New(changes []telemetry.FlagChange, token string) (*Server, error) {
	if token == "" {
		return nil, errors.New("unleash sandbox: an admin token is required")
	}
	sorted := slices.Clone(changes)
	slices.SortStableFunc(sorted, func(a, b telemetry.FlagChange) int { return a.TS.Compare(b.TS) })
	s := &Server{token: []byte(token), mux: http.NewServeMux()}
	for i, c := range sorted {
		if c.Flag == "" || c.TS.IsZero() {
			return nil, fmt.Errorf("unleash sandbox: flag change %d (%q at %s) needs a flag and a time", i, c.Flag, c.TS)
		}
		ev, err := event(i+1, c)
		if err != nil {
			return nil, fmt.Errorf("unleash sandbox: flag change %d: %w", i, err)
		}
		s.events = append(s.events, ev)
	}
	slices.Reverse(s.events)
	s.mux.HandleFunc("GET /api/admin/events", s.all)
	s.mux.HandleFunc("GET /api/admin/events/{feature}", s.feature)
	return s, nil
}

var null = json.RawMessage("null")

func event(id int, c telemetry.FlagChange) (Event, error) {
	ev := Event{
		ID:          id,
		CreatedAt:   c.TS.UTC(),
		CreatedBy:   cmp.Or(c.Actor, "unknown"),
		FeatureName: c.Flag,
		Project:     Project,
		Environment: Environment,
		Data:        null,
		PreData:     null,
		Tags:        []Tag{},
	}
	if c.Service != "" {
		ev.Tags = append(ev.Tags, Tag{Type: "service", Value: c.Service})
	}
	switch normalize(c.Change) {
	case "off->on":
		ev.Type = EventEnabled
	case "on->off":
		ev.Type = EventDisabled
	default:
		ev.Type = EventStrategyUpdate
		data, err := marshal(map[string]string{"change": c.Change})
		if err != nil {
			return Event{}, fmt.Errorf("encode change: %w", err)
		}
		ev.Data = data
	}
	return ev, nil
}

// normalize reads "Off -> On" and "off→on" as "off->on".
func normalize(change string) string {
	c := strings.ToLower(strings.ReplaceAll(change, "→", "->"))
	return strings.Join(strings.Fields(c), "")
}

// ServeHTTP answers one request, after checking its token.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get("Authorization")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), s.token) != 1 {
		msg := "You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login."
		if got != "" {
			msg = "Your API token is not valid. Please provide a valid admin token in the Authorization header."
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_ = json.NewEncoder(w).Encode(map[string]string{"name": "AuthenticationRequired", "message": msg, "path": "/auth/simple/login", "type": "password"})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// marshal writes JSON as Unleash (a Node service) does: "<", ">" and "&"
// as themselves, so "off->on" reads as sent.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("marshal: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func writeJSON(w http.ResponseWriter, v any) {
	body, err := marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("marshal response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}

func (s *Server) all(w http.ResponseWriter, r *http.Request) {
	project := r.URL.Query().Get("project")
	out := []Event{}
	for _, ev := range s.events {
		if project == "" || ev.Project == project {
			out = append(out, ev)
		}
	}
	writeJSON(w, map[string]any{"version": 1, "events": out, "totalEvents": len(out)})
}

func (s *Server) feature(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("feature")
	out := []Event{}
	for _, ev := range s.events {
		if ev.FeatureName == name {
			out = append(out, ev)
		}
	}
	writeJSON(w, map[string]any{"version": 1, "toggleName": name, "events": out, "totalEvents": len(out)})
}
