// Package stepup implements step-up authentication of an approver before a
// high- or critical-risk action runs: Auth0 CIBA (Client-Initiated Backchannel
// Authentication, a push to the approver's phone) and a built-in TOTP
// authenticator for deployments without an identity provider.
//
// The CIBA client never blocks waiting for the approver. Start returns a
// Pending value that the caller persists; the caller then schedules a durable
// step at Pending.NextPollAt that calls Poll exactly once and persists the
// returned Pending again. No goroutine is held while the human decides.
package stepup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// CIBAGrantType is the grant type used to poll the token endpoint.
const CIBAGrantType = "urn:openid:params:grant-type:ciba"

// MaxBindingMessage is the longest binding_message Auth0 accepts.
const MaxBindingMessage = 64

const (
	defaultInterval  = 5 * time.Second
	defaultExpiry    = 300 * time.Second
	slowDownIncrease = 5 * time.Second
	maxBody          = 1 << 20
)

// CIBAOptions configures a CIBA client.
type CIBAOptions struct {
	// BaseURL is the authorization server, e.g. https://tenant.eu.auth0.com.
	BaseURL string
	// ClientID and ClientSecret authenticate the client (client_secret_post).
	ClientID     string
	ClientSecret string
	// Scope is sent on /bc-authorize; default "openid". "openid" is added
	// if missing, as the protocol requires it.
	Scope string
	// Issuer is the "iss" of the iss_sub login_hint. Default: BaseURL with a
	// trailing "/" (Auth0's issuer form).
	Issuer string
	// Audience is sent as "audience" when set (optional).
	Audience string
	// RequestedExpiry is sent as requested_expiry (whole seconds) when > 0.
	RequestedExpiry time.Duration
	// HTTPClient defaults to a client with a 30s timeout.
	HTTPClient *http.Client
	// Now defaults to time.Now.
	Now func() time.Time
}

// CIBA is a client for the CIBA poll-mode flow. It holds no per-request
// state: everything needed to continue lives in Pending.
type CIBA struct {
	base     string
	clientID string
	secret   string
	scope    string
	issuer   string
	audience string
	expiry   time.Duration
	hc       *http.Client
	now      func() time.Time
}

// Pending is the persisted state of one backchannel authentication request.
// AuthReqID is a bearer handle for the request: store it like a credential.
type Pending struct {
	AuthReqID  string        `json:"auth_req_id"`
	ExpiresAt  time.Time     `json:"expires_at"`
	Interval   time.Duration `json:"interval"`
	NextPollAt time.Time     `json:"next_poll_at"`
}

// Result is the outcome of one Poll.
type Result int

const (
	// ResultPending: the approver has not answered; poll again at NextPollAt.
	ResultPending Result = iota
	// ResultSlowDown: polled too fast; the interval was raised; poll again at NextPollAt.
	ResultSlowDown
	// ResultApproved: the approver authenticated and approved. Terminal.
	ResultApproved
	// ResultDenied: the approver rejected (Auth0 also reports expiry this way). Terminal.
	ResultDenied
	// ResultExpired: the request expired, or the auth_req_id is no longer
	// valid (already used, unknown). Terminal: start a new request.
	ResultExpired
)

func (r Result) String() string {
	switch r {
	case ResultPending:
		return "pending"
	case ResultSlowDown:
		return "slow_down"
	case ResultApproved:
		return "approved"
	case ResultDenied:
		return "denied"
	case ResultExpired:
		return "expired"
	}
	return "unknown"
}

// Terminal reports whether no further Poll is useful.
func (r Result) Terminal() bool {
	return r == ResultApproved || r == ResultDenied || r == ResultExpired
}

// Error is a protocol error from the authorization server. It carries the
// OAuth error code and description, never a token.
type Error struct {
	Op          string // "bc-authorize" or "token"
	Status      int
	Code        string // OAuth "error", empty if the body was not an OAuth error
	Description string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("stepup: ciba %s: HTTP %d", e.Op, e.Status)
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// NewCIBA returns a CIBA client.
func NewCIBA(o CIBAOptions) (*CIBA, error) {
	base := strings.TrimRight(strings.TrimSpace(o.BaseURL), "/")
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("stepup: ciba: BaseURL must be an absolute http(s) URL")
	}
	if o.ClientID == "" {
		return nil, errors.New("stepup: ciba: ClientID is required")
	}
	scope := strings.Join(strings.Fields(o.Scope), " ")
	if scope == "" {
		scope = "openid"
	} else if !containsWord(scope, "openid") {
		scope = "openid " + scope
	}
	issuer := o.Issuer
	if issuer == "" {
		issuer = base + "/"
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	return &CIBA{
		base: base, clientID: o.ClientID, secret: o.ClientSecret, scope: scope,
		issuer: issuer, audience: o.Audience, expiry: o.RequestedExpiry, hc: hc, now: now,
	}, nil
}

func containsWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// BindingMessage returns msg reduced to what Auth0 accepts for a
// binding_message: ASCII letters and digits plus "+-_.,:#", at most 64
// characters. Each run of other characters (spaces, slashes, ...) becomes a
// single "-".
func BindingMessage(msg string) string {
	var b strings.Builder
	sep := false
	for _, r := range msg {
		if bindingAllowed(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
		} else {
			sep = true
		}
		if b.Len() >= MaxBindingMessage {
			break
		}
	}
	s := b.String()
	if len(s) > MaxBindingMessage {
		s = s[:MaxBindingMessage]
	}
	return strings.TrimRight(s, "-")
}

func bindingAllowed(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("+-_.,:#", r)
}

// Start asks the authorization server to push an authentication request to
// the user identified by loginHint (the user's subject, e.g. "auth0|abc123",
// sent as an iss_sub login_hint). bindingMessage names the action; it is
// sanitised with BindingMessage and must not end up empty.
func (c *CIBA) Start(ctx context.Context, loginHint, bindingMessage string) (Pending, error) {
	if strings.TrimSpace(loginHint) == "" {
		return Pending{}, errors.New("stepup: ciba: login hint (subject) is required")
	}
	bm := BindingMessage(bindingMessage)
	if bm == "" {
		return Pending{}, errors.New("stepup: ciba: binding message is empty after sanitising")
	}
	hint, err := json.Marshal(struct {
		Format string `json:"format"`
		Iss    string `json:"iss"`
		Sub    string `json:"sub"`
	}{"iss_sub", c.issuer, loginHint})
	if err != nil {
		return Pending{}, err
	}
	form := c.clientAuth()
	form.Set("scope", c.scope)
	form.Set("login_hint", string(hint))
	form.Set("binding_message", bm)
	if c.audience != "" {
		form.Set("audience", c.audience)
	}
	if c.expiry > 0 {
		form.Set("requested_expiry", strconv.FormatInt(int64(c.expiry/time.Second), 10))
	}

	now := c.now()
	resp, body, err := c.post(ctx, "/bc-authorize", form)
	if err != nil {
		return Pending{}, fmt.Errorf("stepup: ciba bc-authorize: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Pending{}, protocolError("bc-authorize", resp.StatusCode, body)
	}
	var ok struct {
		AuthReqID string   `json:"auth_req_id"`
		ExpiresIn *float64 `json:"expires_in"`
		Interval  *float64 `json:"interval"`
	}
	if err := json.Unmarshal(body, &ok); err != nil || ok.AuthReqID == "" {
		return Pending{}, errors.New("stepup: ciba bc-authorize: unexpected response body")
	}
	expires := defaultExpiry
	if ok.ExpiresIn != nil && *ok.ExpiresIn > 0 {
		expires = seconds(*ok.ExpiresIn)
	}
	interval := defaultInterval
	if ok.Interval != nil && *ok.Interval > 0 {
		interval = seconds(*ok.Interval)
	}
	return Pending{
		AuthReqID:  ok.AuthReqID,
		ExpiresAt:  now.Add(expires),
		Interval:   interval,
		NextPollAt: now.Add(interval),
	}, nil
}

// Poll makes at most one token request for p and returns the outcome and the
// updated state to persist. It makes no HTTP call if p has expired locally
// (ResultExpired) or if it is called before p.NextPollAt (ResultPending, p
// unchanged), so an early retry cannot earn a slow_down penalty. Errors are
// returned only for transport failures, 5xx, and unexpected responses; the
// caller may retry them until ExpiresAt.
func (c *CIBA) Poll(ctx context.Context, p Pending) (Result, Pending, error) {
	now := c.now()
	if p.AuthReqID == "" {
		return ResultExpired, p, errors.New("stepup: ciba: poll without auth_req_id")
	}
	if !now.Before(p.ExpiresAt) {
		return ResultExpired, p, nil
	}
	if now.Before(p.NextPollAt) {
		return ResultPending, p, nil
	}
	if p.Interval <= 0 {
		p.Interval = defaultInterval
	}

	form := c.clientAuth()
	form.Set("grant_type", CIBAGrantType)
	form.Set("auth_req_id", p.AuthReqID)
	resp, body, err := c.post(ctx, "/oauth/token", form)
	if err != nil {
		return ResultPending, p, fmt.Errorf("stepup: ciba token: %w", err)
	}

	if resp.StatusCode == http.StatusOK {
		var tok struct {
			AccessToken string `json:"access_token"`
			IDToken     string `json:"id_token"`
		}
		if err := json.Unmarshal(body, &tok); err != nil || (tok.AccessToken == "" && tok.IDToken == "") {
			// Never echo the body: it may hold a token.
			return ResultPending, p, errors.New("stepup: ciba token: unexpected success body")
		}
		// Tokens are deliberately dropped: approval is all step-up needs.
		return ResultApproved, p, nil
	}

	if resp.StatusCode == http.StatusTooManyRequests {
		return ResultSlowDown, c.slowDown(p, now, resp, 0), nil
	}
	if resp.StatusCode >= 500 {
		return ResultPending, p, protocolError("token", resp.StatusCode, body)
	}

	var oe struct {
		Error    string   `json:"error"`
		Interval *float64 `json:"interval"`
	}
	_ = json.Unmarshal(body, &oe)
	switch oe.Error {
	case "authorization_pending":
		p.NextPollAt = now.Add(p.Interval)
		return ResultPending, p, nil
	case "slow_down":
		var bodyInterval time.Duration
		if oe.Interval != nil && *oe.Interval > 0 {
			bodyInterval = seconds(*oe.Interval)
		}
		return ResultSlowDown, c.slowDown(p, now, resp, bodyInterval), nil
	case "access_denied":
		return ResultDenied, p, nil
	case "expired_token", "invalid_grant":
		// invalid_grant: unknown, expired, other-client or already-used
		// auth_req_id. Terminal either way; a new request is needed.
		return ResultExpired, p, nil
	}
	return ResultPending, p, protocolError("token", resp.StatusCode, body)
}

// slowDown raises the interval by 5s (or to the server's interval, if
// larger) and schedules the next poll no earlier than Retry-After.
func (c *CIBA) slowDown(p Pending, now time.Time, resp *http.Response, bodyInterval time.Duration) Pending {
	p.Interval += slowDownIncrease
	if bodyInterval > p.Interval {
		p.Interval = bodyInterval
	}
	wait := p.Interval
	if ra := retryAfter(resp.Header.Get("Retry-After"), now); ra > wait {
		wait = ra
	}
	p.NextPollAt = now.Add(wait)
	return p
}

func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 || n > 86400 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func seconds(f float64) time.Duration {
	if f > 86400*30 {
		f = 86400 * 30
	}
	return time.Duration(f * float64(time.Second))
}

func (c *CIBA) clientAuth() url.Values {
	v := url.Values{}
	v.Set("client_id", c.clientID)
	if c.secret != "" {
		v.Set("client_secret", c.secret)
	}
	return v
}

func (c *CIBA) post(ctx context.Context, path string, form url.Values) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, scrubURLError(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, nil, err
	}
	return resp, body, nil
}

// scrubURLError keeps the operation and URL (which hold no secret: all
// credentials travel in the body) and the cause.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", ue.Op, ue.URL, ue.Err)
	}
	return err
}

// protocolError builds an *Error from an OAuth error body. Only the error
// code and a bounded description are kept; other bodies are not echoed.
func protocolError(op string, status int, body []byte) error {
	e := &Error{Op: op, Status: status}
	var oe struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &oe) == nil {
		e.Code = printable(oe.Error, 64)
		e.Description = printable(oe.Description, 200)
	}
	return e
}

func printable(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > n {
		s = s[:n]
	}
	return s
}
