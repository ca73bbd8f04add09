package identity

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/warroom/warroom/internal/identity/oidctest"
)

// opEnv is Login against a real OpenID provider (zitadel's op), with the
// callback at a provider-style path.
type opEnv struct {
	op  *oidctest.Provider
	app *httptest.Server
	mu  sync.Mutex
	rts map[string]string // engineer -> refresh token handed to OnSignIn
	// swapIDToken, when set, replaces the id_token in the op's token
	// responses to WarRoom: a token the op issued to another client.
	swapIDToken string
}

// RoundTrip passes WarRoom's calls to the op, swapping the ID token when asked.
func (e *opEnv) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	e.mu.Lock()
	swap := e.swapIDToken
	e.mu.Unlock()
	if err != nil || swap == "" || !strings.HasSuffix(req.URL.Path, "/oauth/token") {
		return resp, err
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, err
	}
	body["id_token"] = swap
	b, _ := json.Marshal(body)
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Del("Content-Length")
	return resp, nil
}

var opUsers = []oidctest.User{
	{Subject: "auth0|alice", Username: "alice", Password: "alice-pw", Name: "Alice A", Email: "alice@example.com"},
	{Subject: "auth0|mallory", Username: "mallory", Password: "mallory-pw"},
}

func newOPEnv(t *testing.T) *opEnv {
	t.Helper()
	mux := http.NewServeMux()
	app := httptest.NewServer(mux)
	t.Cleanup(app.Close)
	redirect := app.URL + "/auth/oidc/callback"
	p := oidctest.New(t, oidctest.Options{Users: opUsers, Clients: []oidctest.Client{
		{ID: "warroom", Secret: "warroom-secret", RedirectURIs: []string{redirect}},
		{ID: "other-app", Secret: "other-secret", RedirectURIs: []string{"http://127.0.0.1:1/cb"}},
	}})
	env := &opEnv{op: p, app: app, rts: map[string]string{}}
	l, err := NewLogin(context.Background(), LoginOptions{Issuer: p.Issuer, ClientID: "warroom", ClientSecret: "warroom-secret",
		RedirectURL: redirect, CookieSecret: testCookieSecret, Team: testTeam(), HTTPClient: &http.Client{Transport: env},
		Scopes: []string{"openid", "profile", "email", "offline_access"},
		OnSignIn: func(_ context.Context, engineer, rt string) error {
			env.mu.Lock()
			defer env.mu.Unlock()
			env.rts[engineer] = rt
			return nil
		}})
	if err != nil {
		t.Fatalf("NewLogin against the op: %v", err)
	}
	mux.Handle("GET /login", l.LoginHandler())
	mux.Handle("GET /auth/oidc/callback", l.CallbackHandler())
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		v, ok := l.Viewer(r)
		if !ok {
			writeError(w, http.StatusUnauthorized, "unauthenticated", "sign in")
			return
		}
		writeJSONTest(w, http.StatusOK, v)
	})
	return env
}

// signInAt walks the whole flow as a browser would, one hop at a time:
// WarRoom's /login, the op's authorize, its login form, its callback, and
// WarRoom's callback, whose response it returns.
func (e *opEnv) signInAt(t *testing.T, c *http.Client, username, password string) response {
	t.Helper()
	r := do(t, c, http.MethodGet, e.app.URL+"/login")
	if r.status != http.StatusFound || !strings.HasPrefix(r.location, e.op.Issuer+"/authorize?") {
		t.Fatalf("/login = %d %q", r.status, r.location)
	}
	authorize := mustURL(t, r.location)
	if q := authorize.Query(); q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" {
		t.Fatalf("authorize request lacks PKCE or nonce: %s", authorize.RawQuery)
	}
	r = do(t, c, http.MethodGet, r.location)
	if r.status != http.StatusFound {
		t.Fatalf("op authorize = %d %s", r.status, r.body)
	}
	loginURL := authorize.ResolveReference(mustURL(t, r.location))
	form := url.Values{"authRequestID": {loginURL.Query().Get("authRequestID")}, "username": {username}, "password": {password}}
	resp, err := c.PostForm(e.op.Issuer+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("op login form = %d", resp.StatusCode)
	}
	r = do(t, c, http.MethodGet, resp.Header.Get("Location")) // the op's authorize callback
	if r.status != http.StatusFound || !strings.HasPrefix(r.location, e.app.URL+"/auth/oidc/callback?") {
		t.Fatalf("op authorize callback = %d %q", r.status, r.location)
	}
	return do(t, c, http.MethodGet, r.location)
}

func (e *opEnv) whoami(t *testing.T, c *http.Client) string {
	t.Helper()
	return whoami(t, &loginEnv{app: e.app}, c)
}

func TestLoginAgainstOP(t *testing.T) {
	env := newOPEnv(t)
	c := browser(t)
	r := env.signInAt(t, c, "alice", "alice-pw")
	if r.status != http.StatusSeeOther || r.location != "/" {
		t.Fatalf("callback = %d %q %s", r.status, r.location, r.body)
	}
	if got := env.whoami(t, c); got != "alice" {
		t.Fatalf("signed in as %q, want alice", got)
	}

	// The refresh token handed to OnSignIn is live at the op: it refreshes,
	// rotates, and the used one is refused afterwards.
	env.mu.Lock()
	rt := env.rts["alice"]
	env.mu.Unlock()
	if rt == "" {
		t.Fatal("OnSignIn got no refresh token for an offline_access sign-in")
	}
	cfg := env.op.OAuth2Config("warroom", env.app.URL+"/auth/oidc/callback")
	tok, err := cfg.TokenSource(context.Background(), &oauth2.Token{RefreshToken: rt}).Token()
	if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" || tok.RefreshToken == rt {
		t.Fatalf("refresh = %+v, %v; want a new access token and a rotated refresh token", tok, err)
	}
	_, err = cfg.TokenSource(context.Background(), &oauth2.Token{RefreshToken: rt}).Token()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("reusing a rotated refresh token: %v, want invalid_grant", err)
	}
}

// The ID token checks, against tokens the real provider signs: each fault
// is one claim a relying party must verify.
func TestLoginRefusesBadIDTokensFromOP(t *testing.T) {
	env := newOPEnv(t)
	// alice's ID token, as the op issues it to another client (aud other-app).
	other, err := env.op.CodeFlow(context.Background(), "other-app", "http://127.0.0.1:1/cb", "alice", "alice-pw", "openid")
	if err != nil {
		t.Fatal(err)
	}
	otherID, _ := other.Extra("id_token").(string)
	if otherID == "" {
		t.Fatal("no ID token for other-app")
	}
	for _, tc := range []struct {
		name       string
		swap       string
		faults     oidctest.Faults
		user, pw   string
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"issued to another client (wrong audience)", otherID, oidctest.Faults{}, "alice", "alice-pw", 401, "login_failed", "did not verify"},
		{"wrong issuer", "", oidctest.Faults{Issuer: "http://evil.example"}, "alice", "alice-pw", 401, "login_failed", "did not verify"},
		{"expired", "", oidctest.Faults{IDTokenTTL: -time.Hour}, "alice", "alice-pw", 401, "login_failed", "did not verify"},
		{"wrong nonce", "", oidctest.Faults{Nonce: "another-sign-in"}, "alice", "alice-pw", 401, "login_failed", "nonce"},
		{"subject not on the roster", "", oidctest.Faults{}, "mallory", "mallory-pw", 403, "unknown_viewer", "no engineer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env.op.SetFaults(tc.faults)
			env.mu.Lock()
			env.swapIDToken = tc.swap
			env.mu.Unlock()
			t.Cleanup(func() {
				env.op.SetFaults(oidctest.Faults{})
				env.mu.Lock()
				env.swapIDToken = ""
				env.mu.Unlock()
			})
			c := browser(t)
			r := env.signInAt(t, c, tc.user, tc.pw)
			if r.status != tc.wantStatus || errorCode(t, r.body) != tc.wantCode || !strings.Contains(r.body, tc.wantMsg) {
				t.Fatalf("callback = %d %s; want %d %s (%q)", r.status, r.body, tc.wantStatus, tc.wantCode, tc.wantMsg)
			}
			for _, ck := range r.cookies {
				if ck.Name == "warroom_session" && ck.Value != "" {
					t.Fatalf("a session cookie was set: %+v", ck)
				}
			}
			if got := env.whoami(t, c); got != "" {
				t.Fatalf("signed in as %q", got)
			}
		})
	}
	// And with the faults gone, the same provider signs alice in.
	c := browser(t)
	if r := env.signInAt(t, c, "alice", "alice-pw"); r.status != http.StatusSeeOther || env.whoami(t, c) != "alice" {
		t.Fatalf("clean sign-in = %d %s", r.status, r.body)
	}
}
