// Package zoom is an in-process fake of the part of the Zoom REST API (v2)
// that the meeting executor uses: create, list and get a user's meetings.
// It keeps meetings in memory, checks bearer tokens (401 code 124 for an
// unknown or expired one), answers errors as Zoom's {"code","message"} body,
// can be told to rate-limit (429 with Retry-After), and counts every request.
// `warroom demo` serves it too, so join links resolve to a small page here.
package zoom

import (
	"crypto/rand"
	"encoding/base64"
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

	"github.com/warroom/warroom/internal/sandbox/fault"
)

// User is the Zoom account a token acts as ("me").
type User struct {
	ID    string
	Email string
}

// Meeting is a stored meeting, as the create and get endpoints return it.
type Meeting struct {
	UUID      string         `json:"uuid"`
	ID        int64          `json:"id"`
	HostID    string         `json:"host_id"`
	HostEmail string         `json:"host_email"`
	Topic     string         `json:"topic"`
	Type      int            `json:"type"`
	Status    string         `json:"status"`
	StartTime string         `json:"start_time,omitempty"`
	Duration  int            `json:"duration"`
	Timezone  string         `json:"timezone,omitempty"`
	Agenda    string         `json:"agenda,omitempty"`
	CreatedAt string         `json:"created_at"`
	StartURL  string         `json:"start_url"`
	JoinURL   string         `json:"join_url"`
	Password  string         `json:"password,omitempty"`
	Settings  map[string]any `json:"settings,omitempty"`
}

// listItem is a meeting as the list endpoint returns it: no host link or password.
type listItem struct {
	UUID      string `json:"uuid"`
	ID        int64  `json:"id"`
	HostID    string `json:"host_id"`
	Topic     string `json:"topic"`
	Type      int    `json:"type"`
	StartTime string `json:"start_time,omitempty"`
	Duration  int    `json:"duration"`
	Timezone  string `json:"timezone,omitempty"`
	Agenda    string `json:"agenda,omitempty"`
	CreatedAt string `json:"created_at"`
	JoinURL   string `json:"join_url"`
}

// Server is the fake. Configure it with AddUser before serving; every method
// is safe for concurrent use.
type Server struct {
	// Now is the clock (nil = time.Now).
	Now func() time.Time

	mu       sync.Mutex
	users    map[string]User // token -> user
	expired  map[string]bool
	meetings []*Meeting // creation order
	nextID   int64
	fault.Counter
	limit fault.Trigger
}

// NewServer returns an empty fake.
func NewServer() *Server {
	return &Server{users: map[string]User{}, expired: map[string]bool{}, nextID: 85_000_000_000}
}

// AddUser accepts token as an access token of u.
func (s *Server) AddUser(token string, u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[token] = u
	delete(s.expired, token)
}

// ExpireToken makes token answer 401 "Access token is expired." from now on.
func (s *Server) ExpireToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired[token] = true
}

// TriggerRateLimit makes the next n authenticated requests fail with 429 and,
// when retryAfter > 0, a Retry-After header in whole seconds (rounded up).
func (s *Server) TriggerRateLimit(n int, retryAfter time.Duration) {
	s.limit.Arm(n, fault.Reply{Status: http.StatusTooManyRequests, RetryAfter: retryAfter})
}

// Meetings returns copies of the meetings hosted by the user with this id or
// email, oldest first; "" means every meeting.
func (s *Server) Meetings(user string) []Meeting {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Meeting
	for _, m := range s.meetings {
		if user == "" || strings.EqualFold(m.HostID, user) || strings.EqualFold(m.HostEmail, user) {
			out = append(out, *m)
		}
	}
	return out
}

// Handler serves the API under /v2 and the join pages under /j.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/users/{userId}/meetings", s.auth(s.create))
	mux.HandleFunc("GET /v2/users/{userId}/meetings", s.auth(s.list))
	mux.HandleFunc("GET /v2/meetings/{meetingId}", s.auth(s.get))
	mux.HandleFunc("GET /j/{meetingId}", s.joinPage)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, 404, "Not Found")
	})
	return s.Counting(mux)
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// auth resolves the bearer token to its user and applies the rate limit.
func (s *Server) auth(h func(http.ResponseWriter, *http.Request, User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		s.mu.Lock()
		u, ok := s.users[strings.TrimSpace(tok)]
		expired := s.expired[strings.TrimSpace(tok)]
		var limit fault.Reply
		limited := false
		if ok && !expired {
			limit, limited = s.limit.Take()
		}
		s.mu.Unlock()
		switch {
		case !strings.EqualFold(scheme, "bearer") || !ok:
			writeError(w, http.StatusUnauthorized, 124, "Invalid access token.")
		case expired:
			writeError(w, http.StatusUnauthorized, 124, "Access token is expired.")
		case limited:
			fault.SetRetryAfter(w.Header(), limit.RetryAfter)
			w.Header().Set("X-RateLimit-Type", "QPS")
			writeError(w, http.StatusTooManyRequests, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
		default:
			h(w, r, u)
		}
	}
}

// owns reports whether the path's userId names the token's user.
func owns(r *http.Request, u User) bool {
	id := r.PathValue("userId")
	return id == "me" || id == u.ID || strings.EqualFold(id, u.Email)
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (s *Server) create(w http.ResponseWriter, r *http.Request, u User) {
	if !owns(r, u) {
		writeError(w, http.StatusNotFound, 1001, "User does not exist: "+r.PathValue("userId")+".")
		return
	}
	var in struct {
		Topic     string         `json:"topic"`
		Type      *int           `json:"type"`
		StartTime string         `json:"start_time"`
		Duration  int            `json:"duration"`
		Timezone  string         `json:"timezone"`
		Agenda    string         `json:"agenda"`
		Password  string         `json:"password"`
		Settings  map[string]any `json:"settings"`
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, 300, "Request Body should be a valid JSON object.")
		return
	}
	typ := 2
	if in.Type != nil {
		typ = *in.Type
	}
	var errs []fieldError
	if n := len([]rune(in.Topic)); n > 200 {
		errs = append(errs, fieldError{"topic", fmt.Sprintf("Topic length %d exceeds 200 characters.", n)})
	}
	if !slices.Contains([]int{1, 2, 3, 8}, typ) {
		errs = append(errs, fieldError{"type", "Invalid meeting type."})
	}
	if len([]rune(in.Agenda)) > 2000 {
		errs = append(errs, fieldError{"agenda", "Agenda exceeds 2000 characters."})
	}
	if in.Duration < 0 {
		errs = append(errs, fieldError{"duration", "Invalid duration."})
	}
	if len(in.Password) > 10 {
		errs = append(errs, fieldError{"password", "Password exceeds 10 characters."})
	}
	start := s.now().UTC()
	if in.StartTime != "" {
		t, err := parseStart(in.StartTime)
		if err != nil {
			errs = append(errs, fieldError{"start_time", "Invalid start_time."})
		}
		start = t
	}
	if len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"code": 300, "message": "Validation Failed.", "errors": errs})
		return
	}
	if in.Topic == "" {
		in.Topic = "Zoom Meeting"
	}
	if in.Duration == 0 {
		in.Duration = 60
	}
	if in.Timezone == "" {
		in.Timezone = "UTC"
	}
	if in.Password == "" {
		in.Password = randomString("abcdefghijkmnpqrstuvwxyz23456789", 6)
	}
	base := baseURL(r)
	s.mu.Lock()
	s.nextID += 7919 // ids grow like Zoom's meeting numbers, not one by one
	m := &Meeting{
		UUID: randomUUID(), ID: s.nextID, HostID: u.ID, HostEmail: u.Email, Topic: in.Topic, Type: typ,
		Status: "waiting", Duration: in.Duration, Timezone: in.Timezone, Agenda: in.Agenda,
		CreatedAt: s.now().UTC().Format(time.RFC3339), Password: in.Password, Settings: in.Settings,
	}
	if typ != 1 {
		m.StartTime = start.Format(time.RFC3339)
	}
	id := strconv.FormatInt(m.ID, 10)
	m.JoinURL = base + "/j/" + id + "?pwd=" + randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32)
	m.StartURL = base + "/s/" + id + "?zak=" + randomString("abcdefghijklmnopqrstuvwxyz0123456789", 40)
	s.meetings = append(s.meetings, m)
	out := *m
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

// parseStart accepts GMT ("...Z") or local time without an offset, as Zoom does.
func parseStart(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	return time.Parse("2006-01-02T15:04:05", v)
}

// listed says whether a list "type" filter shows m. Zoom does
// not list instant meetings (type 1) as scheduled ones [U].
func listed(filter string, m *Meeting, now time.Time) bool {
	start, _ := time.Parse(time.RFC3339, m.StartTime)
	switch filter {
	case "", "scheduled":
		return m.Type != 1
	case "upcoming", "upcoming_meetings":
		return m.Type != 1 && !start.Add(time.Duration(m.Duration)*time.Minute).Before(now)
	case "live":
		return m.Status == "started"
	case "previous_meetings":
		return m.Type != 1 && start.Add(time.Duration(m.Duration)*time.Minute).Before(now)
	}
	return false
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, u User) {
	if !owns(r, u) {
		writeError(w, http.StatusNotFound, 1001, "User does not exist: "+r.PathValue("userId")+".")
		return
	}
	q := r.URL.Query()
	filter := q.Get("type")
	if !slices.Contains([]string{"", "scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"}, filter) {
		writeError(w, http.StatusBadRequest, 300, "Invalid field: type.")
		return
	}
	size := 30
	if v, err := strconv.Atoi(q.Get("page_size")); err == nil && v > 0 {
		size = min(v, 300)
	}
	offset := 0
	if tok := q.Get("next_page_token"); tok != "" {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		n, err2 := strconv.Atoi(string(b))
		if err != nil || err2 != nil || n < 0 {
			writeError(w, http.StatusBadRequest, 300, "Invalid next_page_token.")
			return
		}
		offset = n
	}
	now := s.now()
	s.mu.Lock()
	var all []listItem
	for _, m := range s.meetings {
		if m.HostID == u.ID && listed(filter, m, now) {
			all = append(all, listItem{UUID: m.UUID, ID: m.ID, HostID: m.HostID, Topic: m.Topic, Type: m.Type, StartTime: m.StartTime,
				Duration: m.Duration, Timezone: m.Timezone, Agenda: m.Agenda, CreatedAt: m.CreatedAt, JoinURL: m.JoinURL})
		}
	}
	s.mu.Unlock()
	page := all[min(offset, len(all)):min(offset+size, len(all))]
	next := ""
	if offset+size < len(all) {
		next = base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(offset + size)))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"page_size": size, "total_records": len(all), "next_page_token": next, "meetings": append([]listItem{}, page...),
	})
}

func (s *Server) find(id string) *Meeting {
	for _, m := range s.meetings {
		if strconv.FormatInt(m.ID, 10) == id {
			return m
		}
	}
	return nil
}

func (s *Server) get(w http.ResponseWriter, r *http.Request, u User) {
	s.mu.Lock()
	m := s.find(r.PathValue("meetingId"))
	var out Meeting
	if m != nil {
		out = *m
	}
	s.mu.Unlock()
	if m == nil || m.HostID != u.ID {
		writeError(w, http.StatusNotFound, 3001, "Meeting does not exist: "+r.PathValue("meetingId")+".")
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// joinPage stands in for the Zoom client launch page in the demo.
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := s.find(r.PathValue("meetingId"))
	topic := ""
	if m != nil {
		topic = m.Topic
	}
	s.mu.Unlock()
	if m == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Sandbox Zoom</title><p>Sandbox Zoom meeting %d: %s</p>\n", m.ID, html.EscapeString(topic))
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"code": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func randomUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
