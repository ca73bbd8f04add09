// Package slack is an in-process fake of the Slack Web API subset WarRoom
// uses: auth.test, conversations.create/list/info/invite/join/setTopic/history,
// chat.postMessage and chat.update. It is stateful (channels, members, messages), speaks
// Slack's wire shapes (HTTP 200 with {"ok":false,"error":...}; 429 with
// Retry-After and "ratelimited"; cursor pagination; form and JSON bodies),
// maps tokens to configured users, enforces per-method scopes when a token
// lists them, and counts calls. Tests and `warroom demo` point slack-go at
// Handler() with slack.OptionAPIURL(base+"/api/").
package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/sandbox/fault"
)

// User is a member of the fake workspace.
type User struct {
	ID   string // e.g. "U01ALICE"
	Name string // the handle shown in Slack, e.g. "alice"
	// Bot marks a bot user; its tokens must start with "xoxb-".
	Bot   bool
	BotID string // "B…" for bot users; defaults to "B" + ID[1:]
}

// Token is what a token string stands for.
type Token struct {
	User string // a configured user id
	// Scopes granted to the token; nil means every scope. When set, each
	// method checks the scope Slack requires for it (user or bot names).
	Scopes []string
}

// Config describes the workspace. Users and Tokens are fixed up front;
// more tokens can be added later with AddToken.
type Config struct {
	TeamID   string // default "T0WARROOM"
	TeamName string // default "WarRoom Sandbox"
	Domain   string // default "warroom-sandbox" (https://<domain>.slack.com/)
	Users    []User
	Tokens   map[string]Token
	// Now is the clock used for timestamps (nil = time.Now).
	Now func() time.Time
}

// Channel is a snapshot of a channel.
type Channel struct {
	ID       string
	Name     string
	Private  bool
	Archived bool
	Creator  string
	Created  time.Time
	Topic    string
	Members  []string // in joining order
}

// Message is a snapshot of a message. System messages (joins, topic
// changes) carry a Subtype, as Slack's do.
type Message struct {
	Channel  string
	TS       string
	User     string
	BotID    string
	Subtype  string
	Text     string
	ThreadTS string
	Blocks   json.RawMessage // the blocks array as posted, or nil
	Metadata json.RawMessage // {"event_type":…,"event_payload":…}, or nil
	Edits    int             // how many times chat.update changed it
}

// Fault makes the next Times calls of Method (every method when empty) fail.
// Exactly one of Status and Error is normally set.
type Fault struct {
	Method string
	Times  int // 0 means 1
	// Status answers with this HTTP status. 429 gets Retry-After and the
	// "ratelimited" body; other statuses an HTML body, as Slack's edge does.
	Status int
	// RetryAfter is the Retry-After of a 429 (0 = 1s; rounded up to seconds).
	RetryAfter time.Duration
	// Error answers HTTP 200 {"ok":false,"error":Error}.
	Error string
	// AfterApply performs the call first (whatever its outcome, e.g. a
	// partial invite), then answers with the fault: a response lost after
	// Slack applied the change.
	AfterApply bool
}

// Server is the fake Slack Web API. It is safe for concurrent use.
type Server struct {
	team, teamName, domain string
	now                    func() time.Time

	mu       sync.Mutex
	users    map[string]User
	tokens   map[string]*tokenState
	channels []*channelState
	byID     map[string]*channelState
	faults   []*Fault
	fault.Counter
	seq    int
	lastTS tsValue
}

type tokenState struct {
	Token
	expired, revoked bool
}

type channelState struct {
	id, name, creator string
	private, archived bool
	created           time.Time
	topic             string
	topicBy           string
	topicAt           time.Time
	members           []string
	messages          []*Message // oldest first
}

func (c *channelState) isMember(user string) bool { return slices.Contains(c.members, user) }

// New builds a fake workspace. It fails when a token names an unknown user
// or its prefix does not match the user's kind (xoxb- for bots, xoxp- for people).
func New(cfg Config) (*Server, error) {
	s := &Server{
		team: cfg.TeamID, teamName: cfg.TeamName, domain: cfg.Domain, now: cfg.Now,
		users: map[string]User{}, tokens: map[string]*tokenState{}, byID: map[string]*channelState{},
	}
	if s.team == "" {
		s.team = "T0WARROOM"
	}
	if s.teamName == "" {
		s.teamName = "WarRoom Sandbox"
	}
	if s.domain == "" {
		s.domain = "warroom-sandbox"
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, u := range cfg.Users {
		if u.ID == "" {
			return nil, errors.New("sandbox slack: user with empty id")
		}
		if u.Bot && u.BotID == "" {
			u.BotID = "B" + strings.TrimPrefix(u.ID, "U")
		}
		s.users[u.ID] = u
	}
	for tok, t := range cfg.Tokens {
		if err := s.AddToken(tok, t); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Handler serves the Web API under /api/<method>.
func (s *Server) Handler() http.Handler { return s }

// AddToken makes tok stand for t.User.
func (s *Server) AddToken(tok string, t Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[t.User]
	if !ok {
		return fmt.Errorf("sandbox slack: token for unknown user %q", t.User)
	}
	switch {
	case u.Bot && !strings.HasPrefix(tok, "xoxb-"):
		return fmt.Errorf("sandbox slack: bot user %s needs an xoxb- token", u.ID)
	case !u.Bot && !strings.HasPrefix(tok, "xoxp-"):
		return fmt.Errorf("sandbox slack: user %s needs an xoxp- token", u.ID)
	}
	s.tokens[tok] = &tokenState{Token: t}
	return nil
}

// ExpireToken makes tok answer "token_expired" (a rotated token past its lifetime).
func (s *Server) ExpireToken(tok string) { s.setToken(tok, func(t *tokenState) { t.expired = true }) }

// RevokeToken makes tok answer "token_revoked".
func (s *Server) RevokeToken(tok string) { s.setToken(tok, func(t *tokenState) { t.revoked = true }) }

func (s *Server) setToken(tok string, f func(*tokenState)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tokens[tok]; t != nil {
		f(t)
	}
}

// Inject queues a fault; faults are matched in the order they were queued.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// RateLimit makes the next times calls of method ("" = any) answer 429 with
// Retry-After and {"ok":false,"error":"ratelimited"}.
func (s *Server) RateLimit(method string, times int, retryAfter time.Duration) {
	s.Inject(Fault{Method: method, Times: times, Status: http.StatusTooManyRequests, RetryAfter: retryAfter})
}

// Channels returns every channel, oldest first.
func (s *Server) Channels() []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Channel, 0, len(s.channels))
	for _, c := range s.channels {
		out = append(out, c.snapshot())
	}
	return out
}

// ChannelByName returns the channel named name (with or without "#").
func (s *Server) ChannelByName(name string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.byNameLocked(strings.TrimPrefix(name, "#")); c != nil {
		return c.snapshot(), true
	}
	return Channel{}, false
}

// Messages returns the messages of a channel (id or name), oldest first,
// system messages included.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookupLocked(channel)
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.messages))
	for _, m := range c.messages {
		out = append(out, *m)
	}
	return out
}

// CreateChannel seeds a public channel created by creator, with members
// (the creator is always one). It is the state a person could have made by
// hand before WarRoom ran.
func (s *Server) CreateChannel(name, creator string, members ...string) (Channel, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code := validName(name); code != "" {
		return Channel{}, errors.New(code)
	}
	if _, ok := s.users[creator]; !ok {
		return Channel{}, fmt.Errorf("unknown user %q", creator)
	}
	if s.byNameLocked(name) != nil {
		return Channel{}, errors.New("name_taken")
	}
	c := s.newChannelLocked(name, creator, false)
	for _, m := range members {
		if _, ok := s.users[m]; ok && !c.isMember(m) {
			c.members = append(c.members, m)
		}
	}
	return c.snapshot(), nil
}

// Post seeds a plain message from user into channel (id or name).
func (s *Server) Post(channel, user, text string) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookupLocked(channel)
	if c == nil {
		return Message{}, errors.New("channel_not_found")
	}
	return *s.appendLocked(c, &Message{User: user, Text: text}), nil
}

// ArchiveChannel archives a channel (id or name).
func (s *Server) ArchiveChannel(channel string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookupLocked(channel)
	if c == nil {
		return errors.New("channel_not_found")
	}
	c.archived = true
	return nil
}

func (c *channelState) snapshot() Channel {
	return Channel{ID: c.id, Name: c.name, Private: c.private, Archived: c.archived, Creator: c.creator,
		Created: c.created, Topic: c.topic, Members: slices.Clone(c.members)}
}

func (s *Server) byNameLocked(name string) *channelState {
	for _, c := range s.channels {
		if c.name == name {
			return c
		}
	}
	return nil
}

// lookupLocked finds a channel by id, then by name ("#name" or "name"),
// as chat.postMessage accepts both.
func (s *Server) lookupLocked(ref string) *channelState {
	if c := s.byID[ref]; c != nil {
		return c
	}
	return s.byNameLocked(strings.TrimPrefix(ref, "#"))
}

func (s *Server) newChannelLocked(name, creator string, private bool) *channelState {
	s.seq++
	c := &channelState{id: fmt.Sprintf("C%08X", 0x5A000000+s.seq), name: name, creator: creator,
		private: private, created: s.now().UTC(), members: []string{creator}}
	s.channels = append(s.channels, c)
	s.byID[c.id] = c
	return c
}

// appendLocked stores m with a fresh timestamp, unique and increasing.
func (s *Server) appendLocked(c *channelState, m *Message) *Message {
	now := s.now()
	ts := tsValue{sec: now.Unix(), micro: int64(now.Nanosecond() / 1000)}
	if !s.lastTS.less(ts) {
		ts = s.lastTS.next()
	}
	s.lastTS = ts
	m.Channel, m.TS = c.id, ts.String()
	if u, ok := s.users[m.User]; ok && u.Bot && m.BotID == "" {
		m.BotID = u.BotID
	}
	c.messages = append(c.messages, m)
	return m
}

// tsValue is a message timestamp "<unix seconds>.<6 digits>", compared as numbers.
type tsValue struct{ sec, micro int64 }

func (t tsValue) String() string { return fmt.Sprintf("%d.%06d", t.sec, t.micro) }
func (t tsValue) less(o tsValue) bool {
	return t.sec < o.sec || t.sec == o.sec && t.micro < o.micro
}
func (t tsValue) next() tsValue {
	if t.micro == 999999 {
		return tsValue{sec: t.sec + 1}
	}
	return tsValue{sec: t.sec, micro: t.micro + 1}
}

func parseTS(s string) (tsValue, bool) {
	secStr, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(secStr, 10, 64)
	if err != nil || sec < 0 || len(frac) > 6 {
		return tsValue{}, false
	}
	var micro int64
	if frac != "" {
		frac += strings.Repeat("0", 6-len(frac))
		if micro, err = strconv.ParseInt(frac, 10, 64); err != nil || micro < 0 {
			return tsValue{}, false
		}
	}
	return tsValue{sec: sec, micro: micro}, true
}

// args are a request's parameters from the query, a form body or a JSON body.
type args struct {
	vals url.Values
	json map[string]json.RawMessage
}

func (a args) get(name string) string {
	if raw, ok := a.json[name]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw) // numbers and booleans as their JSON text
	}
	return a.vals.Get(name)
}

// raw returns a JSON-valued parameter: a JSON string in forms, a value in JSON bodies.
func (a args) raw(name string) json.RawMessage {
	if raw, ok := a.json[name]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return json.RawMessage(s)
		}
		return raw
	}
	if v := a.vals.Get(name); v != "" {
		return json.RawMessage(v)
	}
	return nil
}

func (a args) bool(name string) bool {
	switch strings.ToLower(a.get(name)) {
	case "1", "true":
		return true
	}
	return false
}

const maxBody = 1 << 20

// parseArgs reads query, form and JSON parameters. A JSON body without a
// charset gets Slack's "missing_charset" warning.
func parseArgs(r *http.Request) (args, string, error) {
	a := args{vals: r.URL.Query()}
	if r.Body == nil {
		return a, "", nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		return a, "", errors.New("invalid_form_data")
	}
	if len(body) == 0 {
		return a, "", nil
	}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		if err := json.Unmarshal(body, &a.json); err != nil {
			return a, "", errors.New("invalid_json")
		}
		if params["charset"] == "" {
			return a, "missing_charset", nil
		}
	case "application/x-www-form-urlencoded", "":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return a, "", errors.New("invalid_form_data")
		}
		for k, v := range form {
			a.vals[k] = append(a.vals[k], v...)
		}
	default:
		return a, "", errors.New("invalid_form_data")
	}
	return a, "", nil
}

// reply is one method's answer: HTTP 200 with body, ok:true unless err is set.
type reply struct {
	err  string
	body map[string]any
}

func fail(code string) reply { return reply{err: code} }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/api/")
	if !ok || method == "" || strings.Contains(method, "/") {
		http.NotFound(w, r)
		return
	}
	s.Count(method) // Calls counts by Web API method, e.g. "chat.postMessage"
	s.mu.Lock()
	pre := s.takeFaultLocked(method, false)
	s.mu.Unlock()
	if pre != nil {
		writeFault(w, pre)
		return
	}

	a, warning, err := parseArgs(r)
	if err != nil {
		writeReply(w, fail(err.Error()), "")
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		writeReply(w, fail("method_not_supported"), "")
		return
	}

	s.mu.Lock()
	caller, rep := s.authLocked(r, a, method)
	if rep.err == "" {
		rep = s.dispatchLocked(method, caller, a)
	}
	post := s.takeFaultLocked(method, true)
	s.mu.Unlock()
	if post != nil {
		writeFault(w, post)
		return
	}
	writeReply(w, rep, warning)
}

// takeFaultLocked consumes the first queued fault matching method and phase.
func (s *Server) takeFaultLocked(method string, afterApply bool) *Fault {
	for i, f := range s.faults {
		if f.AfterApply != afterApply || (f.Method != "" && f.Method != method) {
			continue
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = slices.Delete(s.faults, i, i+1)
		}
		return f
	}
	return nil
}

func writeFault(w http.ResponseWriter, f *Fault) {
	switch {
	case f.Status == http.StatusTooManyRequests:
		fault.SetRetryAfter(w.Header(), max(f.RetryAfter, time.Second)) // Slack always sends one
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
	case f.Status != 0:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1></body></html>\n", f.Status, http.StatusText(f.Status))
	default:
		writeReply(w, fail(f.Error), "")
	}
}

func writeReply(w http.ResponseWriter, rep reply, warning string) {
	body := rep.body
	if body == nil {
		body = map[string]any{}
	}
	body["ok"] = rep.err == ""
	if rep.err != "" {
		body["error"] = rep.err
	}
	if warning != "" {
		body["warning"] = warning
		body["response_metadata"] = map[string]any{"warnings": []string{warning}}
	}
	writeJSON(w, http.StatusOK, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// bearer returns the token of "Authorization: Bearer <t>", else the token parameter.
func bearer(r *http.Request, a args) string {
	if scheme, tok, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); ok && strings.EqualFold(scheme, "bearer") {
		return strings.TrimSpace(tok)
	}
	if a.json != nil {
		return "" // Slack does not read a token from a JSON body
	}
	return a.vals.Get("token")
}

// methodScopes lists, per method, the scopes any one of which allows it
// (user-token names, bot-token names). Public channels only: the fake does
// not model groups:*, im:* and mpim:* scopes.
var methodScopes = map[string][2][]string{
	"conversations.create":   {{"channels:write"}, {"channels:manage"}},
	"conversations.invite":   {{"channels:write", "channels:write.invites"}, {"channels:manage", "channels:write.invites"}},
	"conversations.join":     {{"channels:write"}, {"channels:join"}},
	"conversations.setTopic": {{"channels:write", "channels:write.topic"}, {"channels:manage", "channels:write.topic"}},
	"conversations.list":     {{"channels:read"}, {"channels:read"}},
	"conversations.info":     {{"channels:read"}, {"channels:read"}},
	"conversations.history":  {{"channels:history"}, {"channels:history"}},
	"chat.postMessage":       {{"chat:write"}, {"chat:write"}},
	"chat.update":            {{"chat:write"}, {"chat:write"}},
}

// authLocked resolves the caller and checks the token's scopes for method.
func (s *Server) authLocked(r *http.Request, a args, method string) (User, reply) {
	tok := bearer(r, a)
	if tok == "" {
		return User{}, fail("not_authed")
	}
	t := s.tokens[tok]
	switch {
	case t == nil:
		return User{}, fail("invalid_auth")
	case t.revoked:
		return User{}, fail("token_revoked")
	case t.expired:
		return User{}, fail("token_expired")
	}
	u := s.users[t.User]
	if need, ok := methodScopes[method]; ok && t.Scopes != nil {
		want := need[0]
		if u.Bot {
			want = need[1]
		}
		if !slices.ContainsFunc(want, func(sc string) bool { return slices.Contains(t.Scopes, sc) }) {
			return u, reply{err: "missing_scope", body: map[string]any{
				"needed": strings.Join(want, ","), "provided": strings.Join(t.Scopes, ","),
			}}
		}
	}
	return u, reply{}
}
