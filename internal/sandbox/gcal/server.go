// Package gcal is an in-process fake of the part of the Google Calendar API
// (v3) that the calendar executors use: events.insert, events.get and
// events.list on a user's calendars, with Google Meet conferences.
//
// It reproduces what the executors rely on: conferenceData is ignored unless
// conferenceDataVersion=1, which yields hangoutLink and
// conferenceData.entryPoints; createRequest.status.statusCode is "success",
// or "pending" for a configurable number of reads first; a client-chosen
// event id must follow Calendar's rules (base32hex, 5-1024 characters) and a
// reused one answers 409 duplicate; errors use Google's JSON envelope; an
// unknown or expired token answers 401, and 403 rateLimitExceeded can be
// injected. Every request is counted. It serves under /calendar/v3, so a
// client's endpoint is srv.URL+"/calendar/v3/".
package gcal

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	calendar "google.golang.org/api/calendar/v3"

	"github.com/warroom/warroom/internal/sandbox/fault"
)

// Insert is one accepted events.insert, with the query it came with.
type Insert struct {
	CalendarID            string
	EventID               string
	SendUpdates           string
	ConferenceDataVersion int
}

// Server is the fake. Configure it with AddUser before serving; every method
// is safe for concurrent use.
type Server struct {
	// Now is the clock (nil = time.Now).
	Now func() time.Time

	mu          sync.Mutex
	users       map[string]string // token -> email (the primary calendar)
	expired     map[string]bool
	calendars   map[string][]*calendar.Event // email -> events, insertion order
	pending     map[string]int               // event id -> reads left while the conference is pending
	pendingNext int
	pendingGets int
	inserts     []Insert
	fault.Counter
	limit fault.Trigger
}

// NewServer returns an empty fake.
func NewServer() *Server {
	return &Server{
		users: map[string]string{}, expired: map[string]bool{}, calendars: map[string][]*calendar.Event{},
		pending: map[string]int{},
	}
}

// AddUser accepts token as an access token of the user with this email,
// whose primary calendar has the same id.
func (s *Server) AddUser(token, email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[token] = email
	delete(s.expired, token)
	if s.calendars[email] == nil {
		s.calendars[email] = []*calendar.Event{}
	}
}

// ExpireToken makes token answer 401 from now on.
func (s *Server) ExpireToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired[token] = true
}

// TriggerRateLimit makes the next n authenticated requests fail with 403
// rateLimitExceeded (Calendar's usual answer; status 429 if status is 429).
func (s *Server) TriggerRateLimit(n, status int) {
	s.limit.Arm(n, fault.Reply{Status: status})
}

// TriggerPendingConference makes the conferences of the next n inserted
// events answer "pending" (with no entry points) to the insert and to the
// reads events.get calls after it, then "success".
func (s *Server) TriggerPendingConference(n, reads int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pendingNext, s.pendingGets = n, reads
}

// Events returns copies of the events of the calendar with this id (an email), in insertion order.
func (s *Server) Events(calendarID string) []calendar.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []calendar.Event
	for _, ev := range s.calendars[calendarID] {
		out = append(out, *ev)
	}
	return out
}

// Inserts returns the accepted events.insert calls, in order.
func (s *Server) Inserts() []Insert {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.inserts)
}

// Handler serves the API under /calendar/v3 and Meet pages under /meet.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	const events = "/calendar/v3/calendars/{calendarId}/events"
	mux.HandleFunc("POST "+events, s.auth(s.insert))
	mux.HandleFunc("GET "+events, s.auth(s.list))
	mux.HandleFunc("GET "+events+"/{eventId}", s.auth(s.get))
	mux.HandleFunc("GET /meet/{code}", s.meetPage)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "notFound", "global", "Not Found")
	})
	return s.Counting(mux)
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// auth resolves the bearer token and the calendar, and applies the rate limit.
func (s *Server) auth(h func(w http.ResponseWriter, r *http.Request, user, cal string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		tok = strings.TrimSpace(tok)
		s.mu.Lock()
		user, ok := s.users[tok]
		ok = ok && strings.EqualFold(scheme, "bearer") && !s.expired[tok]
		var limit fault.Reply
		limited := false
		if ok {
			limit, limited = s.limit.Take()
		}
		s.mu.Unlock()
		if !ok {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"error": map[string]any{
				"code": 401,
				"message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other " +
					"valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
				"errors": []map[string]any{{"message": "Invalid Credentials", "domain": "global", "reason": "authError",
					"location": "Authorization", "locationType": "header"}},
				"status": "UNAUTHENTICATED",
			}})
			return
		}
		if limited {
			if limit.Status == http.StatusTooManyRequests {
				writeError(w, limit.Status, "rateLimitExceeded", "usageLimits", "Rate Limit Exceeded")
			} else {
				writeError(w, http.StatusForbidden, "rateLimitExceeded", "usageLimits", "Rate Limit Exceeded")
			}
			return
		}
		cal := r.PathValue("calendarId")
		if cal == "primary" {
			cal = user
		}
		// A user sees only their own calendar here; sharing is out of scope.
		if !strings.EqualFold(cal, user) {
			writeError(w, http.StatusNotFound, "notFound", "global", "Not Found")
			return
		}
		h(w, r, user, user)
	}
}

// validID applies Calendar's rules for a client-chosen event id.
func validID(id string) bool {
	if len(id) < 5 || len(id) > 1024 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'v' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (s *Server) insert(w http.ResponseWriter, r *http.Request, user, cal string) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var ev calendar.Event
	if err := json.Unmarshal(body, &ev); err != nil {
		writeError(w, http.StatusBadRequest, "parseError", "global", "Parse Error")
		return
	}
	q := r.URL.Query()
	cdv, _ := strconv.Atoi(q.Get("conferenceDataVersion"))
	switch su := q.Get("sendUpdates"); {
	case cdv < 0 || cdv > 1:
		writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid conference data version.")
		return
	case su != "" && su != "all" && su != "externalOnly" && su != "none":
		writeError(w, http.StatusBadRequest, "invalidParameter", "global", "Invalid value for: sendUpdates")
		return
	case ev.Id != "" && !validID(ev.Id):
		writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid resource id value.")
		return
	case ev.Start == nil || ev.End == nil:
		writeError(w, http.StatusBadRequest, "required", "global", "Missing end time.")
		return
	}
	start, err1 := eventTime(ev.Start)
	end, err2 := eventTime(ev.End)
	if err1 != nil || err2 != nil {
		writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid start or end time.")
		return
	}
	if !end.After(start) {
		writeError(w, http.StatusBadRequest, "timeRangeEmpty", "global", "The specified time range is empty.")
		return
	}
	for _, a := range ev.Attendees {
		if a == nil || !strings.Contains(a.Email, "@") {
			writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid attendee email.")
			return
		}
	}
	if cdv == 0 {
		ev.ConferenceData = nil // version 0 ignores conference data, as Calendar does
	} else if cd := ev.ConferenceData; cd != nil && cd.CreateRequest != nil {
		key := cd.CreateRequest.ConferenceSolutionKey
		if key == nil || key.Type != "hangoutsMeet" {
			writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid conference type value.")
			return
		}
		if cd.CreateRequest.RequestId == "" {
			writeError(w, http.StatusBadRequest, "invalid", "global", "Invalid conference create request: requestId is required.")
			return
		}
	}

	base := baseURL(r)
	now := s.now().UTC().Format("2006-01-02T15:04:05.000Z")
	s.mu.Lock()
	defer s.mu.Unlock()
	if ev.Id == "" {
		ev.Id = randomString("abcdefghijklmnopqrstuv0123456789", 26)
	}
	for _, c := range s.calendars {
		for _, old := range c {
			if old.Id == ev.Id {
				writeError(w, http.StatusConflict, "duplicate", "global", "The requested identifier already exists.")
				return
			}
		}
	}
	ev.Kind, ev.Etag, ev.Status = "calendar#event", fmt.Sprintf(`"%d"`, time.Now().UnixNano()), "confirmed"
	ev.HtmlLink = base + "/calendar/event?eid=" + ev.Id
	ev.Created, ev.Updated = now, now
	ev.Creator = &calendar.EventCreator{Email: user, Self: true}
	ev.Organizer = &calendar.EventOrganizer{Email: user, Self: true}
	ev.ICalUID = ev.Id + "@google.com"
	ev.EventType = "default"
	if ev.Reminders == nil {
		ev.Reminders = &calendar.EventReminders{UseDefault: true}
	}
	for _, a := range ev.Attendees {
		if a.ResponseStatus == "" {
			a.ResponseStatus = "needsAction"
		}
		if strings.EqualFold(a.Email, user) {
			a.Organizer, a.Self, a.ResponseStatus = true, true, "accepted"
		}
	}
	if cd := ev.ConferenceData; cd != nil && cd.CreateRequest != nil {
		cd.ConferenceId = meetCode()
		cd.ConferenceSolution = &calendar.ConferenceSolution{
			Key: &calendar.ConferenceSolutionKey{Type: "hangoutsMeet"}, Name: "Google Meet",
			IconUri: "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
		}
		cd.Signature = randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40)
		if s.pendingNext > 0 {
			s.pendingNext--
			s.pending[ev.Id] = s.pendingGets
		}
		_, pending := s.pending[ev.Id]
		conference(&ev, base, pending)
	}
	s.calendars[cal] = append(s.calendars[cal], &ev)
	s.inserts = append(s.inserts, Insert{CalendarID: cal, EventID: ev.Id, SendUpdates: q.Get("sendUpdates"), ConferenceDataVersion: cdv})
	writeJSON(w, http.StatusOK, &ev)
}

// conference fills the Meet entry points, or leaves them out while pending.
func conference(ev *calendar.Event, base string, pending bool) {
	cd := ev.ConferenceData
	if pending {
		cd.CreateRequest.Status = &calendar.ConferenceRequestStatus{StatusCode: "pending"}
		cd.EntryPoints, ev.HangoutLink = nil, ""
		return
	}
	cd.CreateRequest.Status = &calendar.ConferenceRequestStatus{StatusCode: "success"}
	link := base + "/meet/" + cd.ConferenceId
	cd.EntryPoints = []*calendar.EntryPoint{
		{EntryPointType: "video", Uri: link, Label: strings.TrimPrefix(strings.TrimPrefix(link, "http://"), "https://")},
		{EntryPointType: "more", Uri: "https://tel.meet/" + cd.ConferenceId + "?pin=1234567890123", Pin: "1234567890123"},
	}
	ev.HangoutLink = link
}

func eventTime(t *calendar.EventDateTime) (time.Time, error) {
	if t.DateTime != "" {
		return time.Parse(time.RFC3339, t.DateTime)
	}
	return time.Parse("2006-01-02", t.Date)
}

func (s *Server) find(cal, id string) *calendar.Event {
	for _, ev := range s.calendars[cal] {
		if ev.Id == id {
			return ev
		}
	}
	return nil
}

func (s *Server) get(w http.ResponseWriter, r *http.Request, _, cal string) {
	id := r.PathValue("eventId")
	s.mu.Lock()
	ev := s.find(cal, id)
	var out calendar.Event
	if ev != nil {
		if left, ok := s.pending[id]; ok && ev.ConferenceData != nil {
			if left > 0 {
				s.pending[id] = left - 1
			} else {
				delete(s.pending, id)
			}
			conference(ev, baseURL(r), left > 0)
		}
		out = *ev
	}
	s.mu.Unlock()
	if ev == nil {
		writeError(w, http.StatusNotFound, "notFound", "global", "Not Found")
		return
	}
	writeJSON(w, http.StatusOK, &out)
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, user, cal string) {
	q := r.URL.Query()
	size := 250
	if v, err := strconv.Atoi(q.Get("maxResults")); err == nil && v > 0 {
		size = min(v, 2500)
	}
	offset, _ := strconv.Atoi(q.Get("pageToken"))
	s.mu.Lock()
	var items []calendar.Event
	for _, ev := range s.calendars[cal] {
		if uid := q.Get("iCalUID"); uid != "" && ev.ICalUID != uid {
			continue
		}
		items = append(items, *ev)
	}
	s.mu.Unlock()
	page := items[min(max(offset, 0), len(items)):min(max(offset, 0)+size, len(items))]
	out := map[string]any{"kind": "calendar#events", "summary": user, "timeZone": "UTC", "items": append([]calendar.Event{}, page...)}
	if offset+size < len(items) {
		out["nextPageToken"] = strconv.Itoa(offset + size)
	}
	writeJSON(w, http.StatusOK, out)
}

// meetPage stands in for a Meet room in the demo.
func (s *Server) meetPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Sandbox Meet</title><p>Sandbox Google Meet %s</p>\n", html.EscapeString(r.PathValue("code")))
}

// writeError writes Google's error envelope.
func writeError(w http.ResponseWriter, status int, reason, domain, msg string) {
	st := map[int]string{400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED"}[status]
	body := map[string]any{"code": status, "message": msg, "errors": []map[string]any{{"domain": domain, "reason": reason, "message": msg}}}
	if st != "" {
		body["status"] = st
	}
	writeJSON(w, status, map[string]any{"error": body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// meetCode is a Meet-style code, e.g. "abc-defg-hij".
func meetCode() string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	return randomString(letters, 3) + "-" + randomString(letters, 4) + "-" + randomString(letters, 3)
}

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
