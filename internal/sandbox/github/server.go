package github

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/sandbox/fault"
)

// Documentation URLs used in error bodies, as GitHub sends them.
const (
	DocAuth              = "https://docs.github.com/rest"
	DocNotFound          = "https://docs.github.com/rest"
	DocPrimaryRateLimit  = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits"
	DocSecondaryLimit    = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	defaultPerPage       = 30
	maxPerPage           = 100
	defaultWindow        = time.Hour
	unlimitedShownLimit  = 5000
	unauthenticatedLimit = 60
	// DefaultLogin is the user a token not listed in Server.Users acts as.
	DefaultLogin = "octocat"
)

// Server is the fake GitHub API. Configure the exported fields before the
// first request; counters and triggers are safe for concurrent use.
type Server struct {
	// Tokens is the set of accepted tokens; empty means any non-empty token.
	Tokens map[string]bool
	// RateLimit is the primary limit: requests per token per window (0 = unlimited).
	RateLimit int
	// RateLimitWindow is the primary window (0 = one hour).
	RateLimitWindow time.Duration
	// RateLimitStatus is the status of a primary-limit response (0 = 403; GitHub also uses 429).
	RateLimitStatus int
	// SecondaryStatus is the status of a secondary-limit response (0 = 429; GitHub also uses 403).
	SecondaryStatus int
	// Now is the clock (nil = time.Now). go-github compares X-RateLimit-Reset with the real clock.
	Now func() time.Time
	// Users maps tokens to user logins: the identity writes are made as
	// (pull request author, reviewer, merger, commit author). When Users or
	// Tokens is non-empty, a token in neither is refused with 401. Tokens
	// accepted otherwise act as DefaultLogin.
	Users map[string]string
	// RequireApprovals is the number of approving reviews a merge needs
	// (branch protection); fewer is a 405.
	RequireApprovals int
	// OnRequest, when set, is called before each request is served (a test
	// uses it to change the repository between two calls of a client).
	OnRequest func(method, path string)
	// DropResponse, when set, is asked after each request was served whether
	// to drop the connection instead of sending the response: the request
	// took effect but the client never hears, as when a process dies or the
	// network fails mid-call.
	DropResponse func(method, path string, status int) bool

	// Counter counts requests by path, whatever their method; Calls below
	// shadows its Calls to ignore a leading /api/v3.
	fault.Counter
	secondary fault.Trigger

	mu        sync.Mutex
	repos     map[string]*repoState // lower-case "owner/name"
	order     []string
	buckets   map[string]*bucket
	requestID int
}

type bucket struct {
	used  int
	reset time.Time
}

// NewServer builds a fake serving repos. Repository names are case-insensitive.
func NewServer(repos []Repo) *Server {
	s := &Server{
		repos:   map[string]*repoState{},
		buckets: map[string]*bucket{},
	}
	var deployID int64 = 1000
	for i, r := range repos {
		key := strings.ToLower(r.FullName())
		if _, dup := s.repos[key]; !dup {
			s.order = append(s.order, key)
		}
		s.repos[key] = newRepoState(r, int64(100000+i), &deployID)
	}
	return s
}

// Handler returns the http.Handler serving the API, at the root and under /api/v3 (GHES layout).
func (s *Server) Handler() http.Handler { return s }

// Calls returns how many requests reached path (e.g. "/repos/acme/checkout/commits"),
// whatever their method and outcome. A leading /api/v3 is ignored.
// CallsWithPrefix, TotalCalls and ResetCalls (which leaves the rate-limit
// buckets alone) come with the embedded Counter.
func (s *Server) Calls(path string) int {
	return s.Counter.Calls(normalizePath(path))
}

// TriggerSecondaryRateLimit makes the next n authenticated requests fail with
// the secondary rate limit (SecondaryStatus, default 429) and, when
// retryAfter > 0, a Retry-After header in whole seconds (rounded up).
func (s *Server) TriggerSecondaryRateLimit(n int, retryAfter time.Duration) {
	s.secondary.Arm(n, fault.Reply{RetryAfter: retryAfter})
}

// ResetRateLimits forgets all primary-limit usage.
func (s *Server) ResetRateLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buckets = map[string]*bucket{}
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func normalizePath(p string) string {
	p = "/" + strings.Trim(p, "/")
	if p == "/api/v3" {
		return "/"
	}
	return strings.TrimPrefix(p, "/api/v3")
}

// bearer extracts the token of "Bearer <t>" or "token <t>".
func bearer(h string) string {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok {
		return ""
	}
	if !strings.EqualFold(scheme, "bearer") && !strings.EqualFold(scheme, "token") {
		return ""
	}
	return strings.TrimSpace(tok)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := normalizePath(r.URL.Path)
	if s.OnRequest != nil {
		s.OnRequest(r.Method, path)
	}
	if s.DropResponse == nil {
		s.serve(w, r, path)
		return
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.serve(rec, r, path)
	if s.DropResponse(r.Method, path, rec.status) {
		panic(http.ErrAbortHandler) // net/http closes the connection without a response
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// recorder buffers a response so that it can be dropped.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

func (s *Server) serve(w http.ResponseWriter, r *http.Request, path string) {
	s.Count(path)
	s.mu.Lock()
	s.requestID++
	reqID := s.requestID
	s.mu.Unlock()

	h := w.Header()
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	h.Set("X-GitHub-Request-Id", fmt.Sprintf("SANDBOX:%06X", reqID))

	token := bearer(r.Header.Get("Authorization"))
	login, ok := s.login(token)
	if !ok {
		s.setUnauthenticatedHeaders(h)
		writeError(w, http.StatusUnauthorized, "Bad credentials", DocAuth)
		return
	}

	if path == "/rate_limit" { // does not cost quota
		s.serveRateLimit(w, token)
		return
	}

	if s.limited(w, token) {
		return
	}

	if path == "/user" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		c := &reqCtx{w: w, r: r, api: apiBase(r), login: login}
		writeJSON(w, http.StatusOK, c.userDetail(login))
		return
	}
	s.route(w, r, login)
}

// login maps a token to the user it acts as; false means 401.
func (s *Server) login(token string) (string, bool) {
	if token == "" {
		return "", false
	}
	if l, ok := s.Users[token]; ok {
		return l, true
	}
	if (len(s.Users) > 0 || len(s.Tokens) > 0) && !s.Tokens[token] {
		return "", false
	}
	return DefaultLogin, true
}

// setUnauthenticatedHeaders reports the (unenforced) unauthenticated budget.
func (s *Server) setUnauthenticatedHeaders(h http.Header) {
	s.mu.Lock()
	b := s.bucketLocked("")
	b.used++
	used, reset := b.used, b.reset
	s.mu.Unlock()
	setRateHeaders(h, unauthenticatedLimit, max(unauthenticatedLimit-used, 0), used, reset)
}

func (s *Server) bucketLocked(token string) *bucket {
	now := s.now()
	b := s.buckets[token]
	if b == nil || !now.Before(b.reset) {
		w := s.RateLimitWindow
		if w <= 0 {
			w = defaultWindow
		}
		b = &bucket{reset: now.Add(w)}
		s.buckets[token] = b
	}
	return b
}

// limited applies the secondary trigger and the primary limit, writing the
// rate-limit headers; it reports whether the request was rejected.
func (s *Server) limited(w http.ResponseWriter, token string) bool {
	s.mu.Lock()
	b := s.bucketLocked(token)
	limit := s.RateLimit
	if reply, ok := s.secondary.Take(); ok {
		shown, remaining := shownLimit(limit, b.used)
		used, reset := b.used, b.reset
		s.mu.Unlock()
		setRateHeaders(w.Header(), shown, remaining, used, reset)
		fault.SetRetryAfter(w.Header(), reply.RetryAfter)
		status := s.SecondaryStatus
		if status == 0 {
			status = http.StatusTooManyRequests
		}
		writeError(w, status, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "+
			"If you reach out to GitHub Support for help, please include the request ID "+w.Header().Get("X-GitHub-Request-Id")+".",
			DocSecondaryLimit)
		return true
	}
	if limit > 0 && b.used >= limit {
		used, reset := b.used, b.reset
		s.mu.Unlock()
		setRateHeaders(w.Header(), limit, 0, used, reset)
		status := s.RateLimitStatus
		if status == 0 {
			status = http.StatusForbidden
		}
		writeError(w, status, "API rate limit exceeded for user. (But here's the good news: Authenticated requests get a "+
			"higher rate limit. Check out the documentation for more details.)", DocPrimaryRateLimit)
		return true
	}
	b.used++
	shown, remaining := shownLimit(limit, b.used)
	used, reset := b.used, b.reset
	s.mu.Unlock()
	setRateHeaders(w.Header(), shown, remaining, used, reset)
	return false
}

// shownLimit returns the X-RateLimit-Limit and -Remaining to report. With no
// limit configured it reports GitHub's usual 5000 and never reaches 0 (go-github
// refuses to send requests once it has seen Remaining: 0).
func shownLimit(limit, used int) (int, int) {
	if limit > 0 {
		return limit, max(limit-used, 0)
	}
	return unlimitedShownLimit, max(unlimitedShownLimit-used, 1)
}

func setRateHeaders(h http.Header, limit, remaining, used int, reset time.Time) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

func (s *Server) serveRateLimit(w http.ResponseWriter, token string) {
	s.mu.Lock()
	b := s.bucketLocked(token)
	shown, remaining := shownLimit(s.RateLimit, b.used)
	if s.RateLimit > 0 {
		remaining = max(s.RateLimit-b.used, 0)
	}
	used, reset := b.used, b.reset
	s.mu.Unlock()
	setRateHeaders(w.Header(), shown, remaining, used, reset)
	core := map[string]any{"limit": shown, "remaining": remaining, "reset": reset.Unix(), "used": used, "resource": "core"}
	writeJSON(w, http.StatusOK, map[string]any{"resources": map[string]any{"core": core}, "rate": core})
}

// apiError is GitHub's error body.
type apiError struct {
	Message          string `json:"message"`
	DocumentationURL string `json:"documentation_url,omitempty"`
	Status           string `json:"status,omitempty"`
}

// writeValidation writes GitHub's 422 body with its errors array (objects
// {resource, field, code[, message]} or plain strings, as GitHub mixes both).
func writeValidation(w http.ResponseWriter, msg, doc string, errs ...any) {
	if msg == "" {
		msg = "Validation Failed"
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"message": msg, "errors": errs, "documentation_url": doc, "status": "422",
	})
}

func writeError(w http.ResponseWriter, status int, msg, doc string) {
	writeJSON(w, status, apiError{Message: msg, DocumentationURL: doc, Status: strconv.Itoa(status)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// segments splits the escaped path (without /api/v3) into unescaped segments,
// so that escaped slashes inside a ref (compare base/head) survive.
func segments(r *http.Request) []string {
	raw := r.URL.EscapedPath()
	raw = strings.Trim(raw, "/")
	raw = strings.TrimPrefix(raw, "api/v3")
	raw = strings.Trim(raw, "/")
	if raw == "" {
		return nil
	}
	parts := strings.Split(raw, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	return parts
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, login string) {
	seg := segments(r)
	if len(seg) < 3 || seg[0] != "repos" {
		writeError(w, http.StatusNotFound, "Not Found", DocNotFound)
		return
	}
	s.mu.Lock()
	rs := s.repos[strings.ToLower(seg[1]+"/"+seg[2])]
	s.mu.Unlock()
	if rs == nil {
		writeError(w, http.StatusNotFound, "Not Found", DocNotFound)
		return
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	c := &reqCtx{w: w, r: r, rs: rs, api: apiBase(r), login: login, s: s}
	rest := seg[3:]
	read := r.Method == http.MethodGet || r.Method == http.MethodHead
	switch {
	case len(rest) == 0 && read:
		c.repo()
	case len(rest) == 0:
		c.notFound("")
	case rest[0] == "git":
		c.git(rest[1:])
	case rest[0] == "pulls":
		c.pulls(rest[1:])
	case !read:
		c.notFound("")
	case rest[0] == "commits" && len(rest) == 1:
		c.listCommits()
	case rest[0] == "commits":
		c.getCommit(strings.Join(rest[1:], "/"))
	case rest[0] == "compare" && len(rest) > 1:
		c.compare(strings.Join(rest[1:], "/"))
	case rest[0] == "contents":
		c.contents(strings.Join(rest[1:], "/"))
	case rest[0] == "deployments" && len(rest) == 1:
		c.listDeployments()
	case rest[0] == "deployments" && len(rest) == 2:
		c.getDeployment(rest[1])
	default:
		c.notFound("")
	}
}

// apiBase is the absolute API root of the request, e.g. http://127.0.0.1:1234 or .../api/v3.
func apiBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	if strings.HasPrefix(r.URL.Path, "/api/v3/") {
		base += "/api/v3"
	}
	return base
}
