package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/warroom/warroom/internal/config"
)

// LoginOptions configures dashboard sign-in.
type LoginOptions struct {
	// Issuer is the OIDC issuer (discovery is at Issuer/.well-known/openid-configuration
	// and its "issuer" must equal this exactly).
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is where CallbackHandler is served, e.g.
	// https://warroom.example.com/callback; its scheme and host are the
	// origin logout requests must come from.
	RedirectURL string
	// Scopes requested; "openid" is always included. Default: openid profile email.
	Scopes []string
	// CookieSecret signs the login-flow and session cookies; at least 32 bytes.
	CookieSecret []byte
	// Secure sets the Secure flag (and the __Host-/__Secure- name prefixes)
	// on cookies; set it when served over TLS.
	Secure bool
	// Team maps the ID token's subject to an engineer (config.Engineer.Subject).
	Team config.Team
	// HTTPClient talks to the provider. Default: a client with a 10s timeout.
	HTTPClient *http.Client
	// SessionTTL is how long a session cookie is valid. Default 12h.
	SessionTTL time.Duration
	// OnSignIn, when set, receives the engineer and the provider's refresh
	// token (when one was issued: request offline_access) right after a
	// successful sign-in, e.g. to seal it for Auth0 Token Vault exchanges
	// made in the background. A failure refuses the sign-in.
	OnSignIn func(ctx context.Context, engineer, refreshToken string) error
}

// Login signs engineers in to the dashboard with the OIDC authorization
// code flow and PKCE, and keeps the session in a signed cookie.
type Login struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client
	team     config.Team
	signer   cookieSigner
	onSignIn func(ctx context.Context, engineer, refreshToken string) error
	secure   bool
	ttl      time.Duration
	flowPath string
	origin   string // scheme://host of RedirectURL: where the dashboard is served
	now      func() time.Time
}

const (
	flowTTL        = 10 * time.Minute
	defaultSession = 12 * time.Hour
	purposeFlow    = "login-flow"
	purposeSession = "session"
	purposeDemo    = "demo-session"
)

type flowState struct {
	State    string `json:"st"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"nx,omitempty"`
	Exp      int64  `json:"exp"`
}

type sessionState struct {
	Engineer string `json:"eng"`
	Subject  string `json:"sub"`
	Iat      int64  `json:"iat"`
	Exp      int64  `json:"exp"`
}

// NewLogin discovers the provider (a network call). ctx supplies values
// only; its cancellation does not affect later key-set fetches.
func NewLogin(ctx context.Context, opts LoginOptions) (*Login, error) {
	switch {
	case opts.Issuer == "":
		return nil, errors.New("identity: LoginOptions.Issuer is required")
	case opts.ClientID == "":
		return nil, errors.New("identity: LoginOptions.ClientID is required")
	case opts.RedirectURL == "":
		return nil, errors.New("identity: LoginOptions.RedirectURL is required")
	case len(opts.CookieSecret) < 32:
		return nil, errors.New("identity: LoginOptions.CookieSecret must be at least 32 bytes")
	}
	redirect, err := url.Parse(opts.RedirectURL)
	if err != nil || redirect.Host == "" || (redirect.Scheme != "https" && redirect.Scheme != "http") {
		return nil, errors.New("identity: LoginOptions.RedirectURL must be an absolute http(s) URL")
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	provider, err := oidc.NewProvider(oidc.ClientContext(ctx, client), opts.Issuer)
	if err != nil {
		return nil, err
	}
	scopes := opts.Scopes
	if len(scopes) == 0 {
		scopes = []string{oidc.ScopeOpenID, "profile", "email"}
	}
	if !slices.Contains(scopes, oidc.ScopeOpenID) {
		scopes = append([]string{oidc.ScopeOpenID}, scopes...)
	}
	ttl := opts.SessionTTL
	if ttl <= 0 {
		ttl = defaultSession
	}
	flowPath := redirect.Path
	if flowPath == "" {
		flowPath = "/"
	}
	endpoint := provider.Endpoint()
	endpoint.AuthStyle = authStyle(provider)
	l := &Login{
		oauth: oauth2.Config{
			ClientID:     opts.ClientID,
			ClientSecret: opts.ClientSecret,
			Endpoint:     endpoint,
			RedirectURL:  opts.RedirectURL,
			Scopes:       scopes,
		},
		client:   client,
		onSignIn: opts.OnSignIn,
		team:     opts.Team,
		secure:   opts.Secure,
		ttl:      ttl,
		flowPath: flowPath,
		origin:   redirect.Scheme + "://" + redirect.Host,
		now:      time.Now,
	}
	l.signer = newCookieSigner(opts.CookieSecret, func() time.Time { return l.now() })
	l.verifier = provider.Verifier(&oidc.Config{
		ClientID:             opts.ClientID,
		SupportedSigningAlgs: []string{oidc.RS256},
		Now:                  func() time.Time { return l.now() },
	})
	return l, nil
}

// authStyle picks client authentication at the token endpoint from the
// discovery document, so a refused code is not retried with the other style.
// OIDC Discovery: when the list is absent, client_secret_basic is the default.
func authStyle(p *oidc.Provider) oauth2.AuthStyle {
	var meta struct {
		Methods []string `json:"token_endpoint_auth_methods_supported"`
	}
	_ = p.Claims(&meta)
	switch {
	case len(meta.Methods) == 0 || slices.Contains(meta.Methods, "client_secret_basic"):
		return oauth2.AuthStyleInHeader
	case slices.Contains(meta.Methods, "client_secret_post"):
		return oauth2.AuthStyleInParams
	default:
		return oauth2.AuthStyleAutoDetect
	}
}

func (l *Login) sessionCookie() string {
	if l.secure {
		return "__Host-warroom_session"
	}
	return "warroom_session"
}

func (l *Login) flowCookie() string {
	if l.secure {
		return "__Secure-warroom_login"
	}
	return "warroom_login"
}

func (l *Login) setCookie(w http.ResponseWriter, name, value, path string, maxAge time.Duration) {
	c := &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     path,
		HttpOnly: true,
		Secure:   l.secure,
		SameSite: http.SameSiteLaxMode,
	}
	if maxAge > 0 {
		c.MaxAge = int(maxAge / time.Second)
		c.Expires = l.now().Add(maxAge)
	} else {
		c.MaxAge = -1
		c.Expires = time.Unix(1, 0)
	}
	http.SetCookie(w, c)
}

// LoginHandler serves GET /login: it starts the flow and redirects to the
// provider. An optional ?next=/local/path is where the callback lands.
func (l *Login) LoginHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		DenyFraming(w.Header())
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use GET")
			return
		}
		f := flowState{
			State:    randomString(),
			Nonce:    randomString(),
			Verifier: oauth2.GenerateVerifier(),
			Next:     localPath(r.URL.Query().Get("next")),
			Exp:      l.now().Add(flowTTL).Unix(),
		}
		value, err := l.signer.sign(purposeFlow, f)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "cannot start sign-in")
			return
		}
		l.setCookie(w, l.flowCookie(), value, l.flowPath, flowTTL)
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, l.oauth.AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), http.StatusFound)
	})
}

// CallbackHandler serves GET at the RedirectURL's path: it checks state,
// redeems the code with the PKCE verifier, verifies the ID token (issuer,
// audience = ClientID, expiry, RS256 signature) and its nonce, resolves the
// engineer by subject and sets the session cookie.
func (l *Login) CallbackHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		DenyFraming(w.Header())
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use GET")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		var f flowState
		c, err := r.Cookie(l.flowCookie())
		if err == nil {
			err = l.signer.open(purposeFlow, c.Value, &f)
		}
		// The flow cookie is single-use, whatever happens next.
		l.setCookie(w, l.flowCookie(), "", l.flowPath, 0)
		if err != nil {
			writeError(w, http.StatusBadRequest, "invalid_login", "no sign-in in progress (or it expired); start again at the login page")
			return
		}
		q := r.URL.Query()
		if e := q.Get("error"); e != "" {
			writeError(w, http.StatusUnauthorized, "login_failed", "the identity provider refused the sign-in: "+safeCode(e))
			return
		}
		if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
			writeError(w, http.StatusBadRequest, "invalid_login", "state does not match the sign-in in progress")
			return
		}
		code := q.Get("code")
		if code == "" {
			writeError(w, http.StatusBadRequest, "invalid_login", "missing authorization code")
			return
		}
		ctx := oidc.ClientContext(r.Context(), l.client)
		tok, err := l.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
		if err != nil {
			var re *oauth2.RetrieveError
			if errors.As(err, &re) {
				writeError(w, http.StatusUnauthorized, "login_failed", "the identity provider refused the authorization code: "+safeCode(re.ErrorCode))
				return
			}
			writeError(w, http.StatusBadGateway, "provider_unavailable", "cannot reach the identity provider")
			return
		}
		rawID, _ := tok.Extra("id_token").(string)
		if rawID == "" {
			writeError(w, http.StatusBadGateway, "login_failed", "the identity provider returned no ID token")
			return
		}
		idt, err := l.verifier.Verify(ctx, rawID)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "login_failed", "the ID token did not verify")
			return
		}
		if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
			writeError(w, http.StatusUnauthorized, "login_failed", "the ID token nonce does not match the sign-in in progress")
			return
		}
		if idt.AccessTokenHash != "" {
			if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
				writeError(w, http.StatusUnauthorized, "login_failed", "the ID token at_hash does not match the access token")
				return
			}
		}
		v, err := ResolveViewer(l.team, Claims{Subject: idt.Subject, Issuer: idt.Issuer})
		if err != nil {
			writeError(w, http.StatusForbidden, "unknown_viewer", "signed in, but no engineer on the team has this identity")
			return
		}
		if l.onSignIn != nil && tok.RefreshToken != "" {
			if err := l.onSignIn(ctx, v.Engineer, tok.RefreshToken); err != nil {
				writeError(w, http.StatusInternalServerError, "login_failed", "could not keep the sign-in grant")
				return
			}
		}
		now := l.now()
		value, err := l.signer.sign(purposeSession, sessionState{Engineer: v.Engineer, Subject: idt.Subject, Iat: now.Unix(), Exp: now.Add(l.ttl).Unix()})
		if err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "cannot create session")
			return
		}
		l.setCookie(w, l.sessionCookie(), value, "/", l.ttl)
		next := f.Next
		if next == "" {
			next = "/"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	})
}

// LogoutHandler serves POST /logout: it clears the session cookie and
// answers with a signed-out page. It does not end the session at the
// provider. Only a same-origin POST is accepted, so another site cannot
// sign a visitor out.
//
// It does not redirect: / would send the signed-out visitor on to /login
// and the provider, and browsers cancel a form submission redirected to
// another origin under the dashboard's CSP form-action 'self', leaving the
// old page on screen as if Sign out had done nothing.
func (l *Login) LogoutHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		DenyFraming(w.Header())
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use POST")
			return
		}
		if !sameOrigin(r, l.origin) {
			writeError(w, http.StatusForbidden, "cross_origin", "sign out from WarRoom's own pages")
			return
		}
		l.setCookie(w, l.sessionCookie(), "", "/", 0)
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, signedOutPage)
	})
}

const signedOutPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signed out · WarRoom</title></head>
<body><p id="signed-out">You are signed out of WarRoom.</p><p><a href="/login">Sign in again</a></p></body></html>
`

// Viewer returns the signed-in engineer from the session cookie. Unsigned,
// tampered or expired cookies, and sessions whose engineer is no longer on
// the team with the same subject, yield false.
func (l *Login) Viewer(r *http.Request) (Viewer, bool) {
	c, err := r.Cookie(l.sessionCookie())
	if err != nil {
		return Viewer{}, false
	}
	var s sessionState
	if l.signer.open(purposeSession, c.Value, &s) != nil {
		return Viewer{}, false
	}
	for _, e := range l.team.Engineers {
		if e.ID == s.Engineer && e.Subject != "" && e.Subject == s.Subject {
			return viewerOf(e), true
		}
	}
	return Viewer{}, false
}

// randomString is 32 random bytes, base64url.
func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// localPath accepts only a same-origin absolute path, to avoid an open
// redirect through ?next=.
func localPath(p string) string {
	if p == "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return ""
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	return p
}

// safeCode keeps an OAuth error code printable and short (they are
// [a-z_] by spec); anything else is replaced.
func safeCode(s string) string {
	if s == "" || len(s) > 64 {
		return "error"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return "error"
		}
	}
	return s
}

// SealValue signs v (a struct with an `exp` Unix-seconds field) for a cookie
// of the given purpose, with the session key: other flows of the dashboard
// (connecting a provider account) use it instead of a signer of their own.
func (l *Login) SealValue(purpose string, v any) (string, error) {
	return l.signer.sign("app:"+purpose, v)
}

// OpenValue verifies a value sealed for purpose and decodes it into v; it
// fails for a tampered, expired or other-purpose value.
func (l *Login) OpenValue(purpose, value string, v any) error {
	return l.signer.open("app:"+purpose, value, v)
}
