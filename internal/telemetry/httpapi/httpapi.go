// Package httpapi is the HTTP plumbing the telemetry clients share: the
// base URL check, credentials and headers on every request, the bound on
// response bodies, and a bounded JSON GET whose failures each backend turns
// into its own typed error. It knows no backend; the clients in
// telemetry/{logs,traces,flags,metrics} hold what differs (paths, error
// bodies, defaults).
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Bounds the clients share unless they say otherwise.
const (
	// DefaultTimeout bounds a request.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBytes bounds a response body.
	DefaultMaxBytes = 32 << 20
	// MaxErrorBody bounds what is read of an error response: enough for
	// any backend's message, not a stack dump.
	MaxErrorBody = 64 << 10
)

// ErrTooLarge is returned when a response body exceeds the size limit.
// The clients export it as their own ErrTooLarge, so errors.Is holds for
// either name.
var ErrTooLarge = errors.New("response body exceeds the size limit")

// APIError is an answer other than success from a backend that reports
// failures as a status and a message. Message is what the backend's error
// body said, as its client reads it (plain text, or a field of a JSON
// body).
type APIError struct {
	// Backend names the system in Error's text ("loki", "traces").
	Backend    string
	StatusCode int
	Message    string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: %d %s: %s", e.Backend, e.StatusCode, http.StatusText(e.StatusCode), e.Message)
}

// Auth is how requests sign in and which headers they carry. Credentials
// are sent only as headers, never logged or put in errors.
type Auth struct {
	// Headers are sent with every request (set before the fields below,
	// which win over them).
	Headers map[string]string
	// TenantID is sent as X-Scope-OrgID when set (multi-tenant Loki,
	// Tempo, Mimir).
	TenantID string
	// RawToken is sent as the whole Authorization header, as Unleash
	// expects its admin tokens; else BearerToken as "Bearer <token>"; else
	// Username and Password as basic auth; else no Authorization.
	RawToken           string
	BearerToken        string
	Username, Password string
}

// Apply sets the headers and credentials on req.
func (a Auth) Apply(req *http.Request) {
	for k, v := range a.Headers {
		req.Header.Set(k, v)
	}
	if a.TenantID != "" {
		req.Header.Set("X-Scope-OrgID", a.TenantID)
	}
	switch {
	case a.RawToken != "":
		req.Header.Set("Authorization", a.RawToken)
	case a.BearerToken != "":
		req.Header.Set("Authorization", "Bearer "+a.BearerToken)
	case a.Username != "" || a.Password != "":
		req.SetBasicAuth(a.Username, a.Password)
	}
}

// Transport signs each request with Auth and bounds each response body at
// MaxBytes (0 = DefaultMaxBytes; reads past it fail with ErrTooLarge). It
// is for clients that read bodies themselves, such as client_golang's API
// client, where the bound has to sit below them.
type Transport struct {
	// Base sends the requests (nil = http.DefaultTransport).
	Base     http.RoundTripper
	Auth     Auth
	MaxBytes int64
}

// RoundTrip implements http.RoundTripper; it leaves req as it was.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	t.Auth.Apply(req)
	resp, err := orDefaultTransport(t.Base).RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = Bound(resp.Body, OrDefault(t.MaxBytes, DefaultMaxBytes))
	return resp, nil
}

// Bound returns a body that reads r until more than max bytes have come,
// then fails with ErrTooLarge.
func Bound(r io.ReadCloser, max int64) io.ReadCloser {
	return &boundedBody{r: r, left: max}
}

type boundedBody struct {
	r    io.ReadCloser
	left int64
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, ErrTooLarge
	}
	// One byte past the bound is enough to know the body is too large.
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

func (b *boundedBody) Close() error { return b.r.Close() }

func orDefaultTransport(t http.RoundTripper) http.RoundTripper {
	if t == nil {
		return http.DefaultTransport
	}
	return t
}

// ReadAll reads r whole, ErrTooLarge when it holds more than max bytes.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(Bound(io.NopCloser(r), max))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// BaseURL reads a backend's root URL: http or https with a host, an
// optional path, trailing slashes dropped.
func BaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("URL %q: want http(s)://host[:port][/path]", raw)
	}
	return u, nil
}

// Config says where a backend is and how to talk to it.
type Config struct {
	// URL is the backend's root; request paths are appended to it.
	URL  string
	Auth Auth
	// Timeout bounds each request (0 = DefaultTimeout) and MaxBytes each
	// response body (0 = DefaultMaxBytes).
	Timeout  time.Duration
	MaxBytes int64
	// Transport sends the requests (nil = http.DefaultTransport).
	Transport http.RoundTripper
	// APIError turns a response other than 2xx, with up to MaxErrorBody
	// bytes of its body, into the backend's typed error.
	APIError func(status int, body []byte) error
	// UseNumber decodes JSON numbers into interface values as
	// json.Number, for backends whose attribute values may be integers
	// too large for a float64.
	UseNumber bool
}

// Conn sends bounded JSON requests to one backend.
type Conn struct {
	cfg  Config
	base *url.URL
	http *http.Client
}

// New checks cfg and returns a Conn; it makes no request.
func New(cfg Config) (*Conn, error) {
	u, err := BaseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	cfg.Timeout = OrDefault(cfg.Timeout, DefaultTimeout)
	cfg.MaxBytes = OrDefault(cfg.MaxBytes, DefaultMaxBytes)
	if cfg.APIError == nil {
		return nil, errors.New("an APIError decoder is required")
	}
	return &Conn{cfg: cfg, base: u, http: &http.Client{Timeout: cfg.Timeout, Transport: orDefaultTransport(cfg.Transport)}}, nil
}

// URL is the address of path below the root with query q (nil = none).
func (c *Conn) URL(path string, q url.Values) *url.URL {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return &u
}

// GetJSON sends GET path?q and decodes the JSON body into into. The status
// is returned with any error (0 when no answer came), so callers can tell
// a missing route or object; a status other than 2xx is Config.APIError's
// error, a body over MaxBytes ErrTooLarge.
func (c *Conn) GetJSON(ctx context.Context, path string, q url.Values, into any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL(path, q).String(), nil)
	if err != nil {
		return 0, err
	}
	// Without it some backends (Tempo's trace by id) answer in protobuf.
	req.Header.Set("Accept", "application/json")
	c.cfg.Auth.Apply(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody)) // a cut or failed read still names the status
		return resp.StatusCode, c.cfg.APIError(resp.StatusCode, b)
	}
	b, err := ReadAll(resp.Body, c.cfg.MaxBytes)
	if errors.Is(err, ErrTooLarge) {
		return resp.StatusCode, ErrTooLarge
	}
	if err != nil {
		return resp.StatusCode, fmt.Errorf("read body: %w", err)
	}
	if err := c.decode(b, into); err != nil {
		return resp.StatusCode, fmt.Errorf("decode body: %w", err)
	}
	return resp.StatusCode, nil
}

func (c *Conn) decode(b []byte, into any) error {
	if !c.cfg.UseNumber {
		return json.Unmarshal(b, into)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(into)
}

// Text is an error body as a message: its text trimmed, "(empty body)"
// when there is none.
func Text(b []byte) string {
	if s := strings.TrimSpace(string(b)); s != "" {
		return s
	}
	return "(empty body)"
}

// Query is a request's query string from name, value pairs, each sent
// even when empty. An odd number of arguments is a programming error and
// panics.
func Query(pairs ...string) url.Values {
	if len(pairs)%2 != 0 {
		panic(fmt.Sprintf("httpapi.Query: %d arguments, want name, value pairs", len(pairs)))
	}
	q := url.Values{}
	for i := 0; i < len(pairs); i += 2 {
		q.Set(pairs[i], pairs[i+1])
	}
	return q
}

// CheckRange refuses an empty or inverted time range before any request
// is made.
func CheckRange(start, end time.Time) error {
	if !end.After(start) {
		return fmt.Errorf("range %s..%s is empty", start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	return nil
}

// OrDefault is v, or def when v is zero or negative: how the clients read
// their optional bounds.
func OrDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
