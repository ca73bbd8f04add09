package identity

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

var testCookieSecret = []byte("0123456789abcdef0123456789abcdef")

type loginEnv struct {
	idp   *fakeIdP
	app   *httptest.Server
	login *Login
	clock *skewClock // the Login's time source
}

// skewClock is the real time shifted by a settable offset.
type skewClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *skewClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *skewClock) set(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// newLoginEnv starts a fake IdP and an app serving /login, /callback,
// /logout and / (the viewer as JSON, or 401).
func newLoginEnv(t *testing.T, edit func(*LoginOptions)) *loginEnv {
	t.Helper()
	idp := newFakeIdP(t)
	mux := http.NewServeMux()
	app := httptest.NewServer(mux)
	t.Cleanup(app.Close)
	opts := LoginOptions{
		Issuer:       idp.issuer,
		ClientID:     idp.clientID,
		ClientSecret: idp.clientSecret,
		RedirectURL:  app.URL + "/callback",
		CookieSecret: testCookieSecret,
		Team:         testTeam(),
		HTTPClient:   idp.srv.Client(),
	}
	if edit != nil {
		edit(&opts)
	}
	l, err := NewLogin(context.Background(), opts)
	if err != nil {
		t.Fatalf("NewLogin: %v", err)
	}
	clk := &skewClock{}
	l.now = clk.Now
	mux.Handle("/login", l.LoginHandler())
	mux.Handle("/callback", l.CallbackHandler())
	mux.Handle("/logout", l.LogoutHandler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		v, ok := l.Viewer(r)
		if !ok {
			writeError(w, http.StatusUnauthorized, "unauthenticated", "sign in")
			return
		}
		writeJSONTest(w, http.StatusOK, v)
	})
	return &loginEnv{idp: idp, app: app, login: l, clock: clk}
}

// browser is a client with a cookie jar that does not follow redirects,
// so each hop can be inspected or tampered with.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type response struct {
	status   int
	location string
	body     string
	cookies  []*http.Cookie
}

func do(t *testing.T, c *http.Client, method, u string) response {
	t.Helper()
	return doWith(t, c, method, u, nil)
}

func doWith(t *testing.T, c *http.Client, method, u string, headers map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b), cookies: resp.Cookies()}
}

func errorCode(t *testing.T, body string) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	return e.Error.Code
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func setQuery(u *url.URL, k, v string) {
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
}

// whoami returns the signed-in engineer id, or "" when / answers 401.
func whoami(t *testing.T, env *loginEnv, c *http.Client) string {
	t.Helper()
	r := do(t, c, http.MethodGet, env.app.URL+"/")
	if r.status == http.StatusUnauthorized {
		return ""
	}
	var v Viewer
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("viewer body %q: %v", r.body, err)
	}
	return v.Engineer
}

func TestLoginFlow(t *testing.T) {
	tests := []struct {
		name           string
		startPath      string
		setup          func(env *loginEnv)
		editAuthorize  func(u *url.URL) // the URL the app redirects to
		editCallback   func(u *url.URL) // the URL the IdP redirects back to
		beforeCallback func(t *testing.T, env *loginEnv, c *http.Client) *http.Client
		wantStatus     int
		wantCode       string
		wantMsg        string // substring of the error message
		wantLocation   string
		wantViewer     string
		wantTokenReqs  int32
		wantPKCEFails  int32
	}{
		{name: "success", wantStatus: 303, wantLocation: "/", wantViewer: "alice", wantTokenReqs: 1},
		{
			name: "success, bob, next path kept", startPath: "/login?next=/incidents/42%3Ftab%3Dtimeline",
			setup:      func(env *loginEnv) { env.idp.configure(func(p *fakeIdP) { p.subject = "auth0|bob" }) },
			wantStatus: 303, wantLocation: "/incidents/42?tab=timeline", wantViewer: "bob", wantTokenReqs: 1,
		},
		{
			name: "open redirect via next refused", startPath: "/login?next=//evil.example/x",
			wantStatus: 303, wantLocation: "/", wantViewer: "alice", wantTokenReqs: 1,
		},
		{
			name:         "state mismatch refused",
			editCallback: func(u *url.URL) { setQuery(u, "state", "attacker-state") },
			wantStatus:   400, wantCode: "invalid_login", wantMsg: "state does not match",
		},
		{
			name:         "state missing refused",
			editCallback: func(u *url.URL) { q := u.Query(); q.Del("state"); u.RawQuery = q.Encode() },
			wantStatus:   400, wantCode: "invalid_login",
		},
		{
			name: "PKCE mismatch refused at token endpoint",
			editAuthorize: func(u *url.URL) {
				setQuery(u, "code_challenge", oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier()))
			},
			wantStatus: 401, wantCode: "login_failed", wantMsg: "invalid_grant", wantTokenReqs: 1, wantPKCEFails: 1,
		},
		{
			name:          "nonce mismatch refused",
			editAuthorize: func(u *url.URL) { setQuery(u, "nonce", "attacker-nonce") },
			wantStatus:    401, wantCode: "login_failed", wantMsg: "nonce does not match", wantTokenReqs: 1,
		},
		{
			name: "callback without the flow cookie (another browser)",
			beforeCallback: func(t *testing.T, _ *loginEnv, _ *http.Client) *http.Client {
				return browser(t)
			},
			wantStatus: 400, wantCode: "invalid_login",
		},
		{
			name: "flow cookie expired",
			beforeCallback: func(t *testing.T, env *loginEnv, c *http.Client) *http.Client {
				env.clock.set(11 * time.Minute)
				return c
			},
			wantStatus: 400, wantCode: "invalid_login",
		},
		{
			name: "flow cookie tampered",
			beforeCallback: func(t *testing.T, env *loginEnv, c *http.Client) *http.Client {
				u := mustURL(t, env.app.URL+"/callback")
				for _, ck := range c.Jar.Cookies(u) {
					if ck.Name == "warroom_login" {
						c.Jar.SetCookies(u, []*http.Cookie{{Name: ck.Name, Value: ck.Value + "x", Path: "/callback"}})
					}
				}
				return c
			},
			wantStatus: 400, wantCode: "invalid_login",
		},
		{
			name: "provider returned an error",
			editCallback: func(u *url.URL) {
				q := u.Query()
				q.Del("code")
				q.Set("error", "access_denied")
				u.RawQuery = q.Encode()
			},
			wantStatus: 401, wantCode: "login_failed", wantMsg: "access_denied",
		},
		{
			name:       "subject not on the team",
			setup:      func(env *loginEnv) { env.idp.configure(func(p *fakeIdP) { p.subject = "auth0|mallory" }) },
			wantStatus: 403, wantCode: "unknown_viewer", wantTokenReqs: 1,
		},
		{
			name: "ID token for another client",
			setup: func(env *loginEnv) {
				env.idp.configure(func(p *fakeIdP) { p.idTokenHook = func(c map[string]any) { c["aud"] = "other-client" } })
			},
			wantStatus: 401, wantCode: "login_failed", wantTokenReqs: 1,
		},
		{
			name: "ID token with issuer lacking the trailing slash",
			setup: func(env *loginEnv) {
				env.idp.configure(func(p *fakeIdP) {
					p.idTokenHook = func(c map[string]any) { c["iss"] = strings.TrimSuffix(p.issuer, "/") }
				})
			},
			wantStatus: 401, wantCode: "login_failed", wantTokenReqs: 1,
		},
		{
			name: "ID token expired",
			setup: func(env *loginEnv) {
				env.idp.configure(func(p *fakeIdP) {
					p.idTokenHook = func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() }
				})
			},
			wantStatus: 401, wantCode: "login_failed", wantTokenReqs: 1,
		},
		{
			name:       "ID token signed with a key not in the JWKS",
			setup:      func(env *loginEnv) { env.idp.configure(func(p *fakeIdP) { p.signKid = "k2" }) },
			wantStatus: 401, wantCode: "login_failed", wantTokenReqs: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newLoginEnv(t, nil)
			if tt.setup != nil {
				tt.setup(env)
			}
			c := browser(t)
			start := tt.startPath
			if start == "" {
				start = "/login"
			}
			r := do(t, c, http.MethodGet, env.app.URL+start)
			if r.status != http.StatusFound {
				t.Fatalf("GET /login = %d %s", r.status, r.body)
			}
			authURL := mustURL(t, r.location)
			if tt.editAuthorize != nil {
				tt.editAuthorize(authURL)
			}
			r = do(t, c, http.MethodGet, authURL.String())
			if r.status != http.StatusFound {
				t.Fatalf("GET /authorize = %d %s", r.status, r.body)
			}
			cbURL := mustURL(t, r.location)
			if tt.editCallback != nil {
				tt.editCallback(cbURL)
			}
			if tt.beforeCallback != nil {
				c = tt.beforeCallback(t, env, c)
			}
			r = do(t, c, http.MethodGet, cbURL.String())
			if r.status != tt.wantStatus {
				t.Fatalf("callback status = %d, want %d; body %s", r.status, tt.wantStatus, r.body)
			}
			t.Logf("callback: %d %s", r.status, strings.TrimSpace(r.body))
			if tt.wantCode != "" {
				if got := errorCode(t, r.body); got != tt.wantCode {
					t.Errorf("error code = %q, want %q (body %s)", got, tt.wantCode, r.body)
				}
			}
			if tt.wantMsg != "" && !strings.Contains(r.body, tt.wantMsg) {
				t.Errorf("body %s does not mention %q", r.body, tt.wantMsg)
			}
			if tt.wantLocation != "" && r.location != tt.wantLocation {
				t.Errorf("Location = %q, want %q", r.location, tt.wantLocation)
			}
			if strings.Contains(r.body, "opaque-access-token") || strings.Contains(r.body, cbURL.Query().Get("code")) && cbURL.Query().Get("code") != "" {
				t.Errorf("callback body leaks a token or code: %s", r.body)
			}
			if got := env.idp.tokenRequests.Load(); got != tt.wantTokenReqs {
				t.Errorf("token endpoint requests = %d, want %d", got, tt.wantTokenReqs)
			}
			if got := env.idp.pkceFailures.Load(); got != tt.wantPKCEFails {
				t.Errorf("PKCE failures = %d, want %d", got, tt.wantPKCEFails)
			}
			env.clock.set(0)
			if got := whoami(t, env, c); got != tt.wantViewer {
				t.Errorf("viewer after callback = %q, want %q", got, tt.wantViewer)
			}
		})
	}
}

// login runs the whole flow in c and returns the session cookie.
func login(t *testing.T, env *loginEnv, c *http.Client) *http.Cookie {
	t.Helper()
	r := do(t, c, http.MethodGet, env.app.URL+"/login")
	r = do(t, c, http.MethodGet, r.location)
	cb := r.location
	r = do(t, c, http.MethodGet, cb)
	if r.status != http.StatusSeeOther {
		t.Fatalf("callback = %d %s", r.status, r.body)
	}
	// Replaying the callback fails: the flow cookie was single-use.
	if rr := do(t, c, http.MethodGet, cb); rr.status != http.StatusBadRequest {
		t.Errorf("replayed callback = %d, want 400", rr.status)
	}
	for _, ck := range r.cookies {
		if ck.Name == "warroom_session" {
			return ck
		}
	}
	t.Fatal("no session cookie set")
	return nil
}

func TestLoginCookies(t *testing.T) {
	env := newLoginEnv(t, nil)
	c := browser(t)
	r := do(t, c, http.MethodGet, env.app.URL+"/login")
	var flow *http.Cookie
	for _, ck := range r.cookies {
		if ck.Name == "warroom_login" {
			flow = ck
		}
	}
	if flow == nil || !flow.HttpOnly || flow.SameSite != http.SameSiteLaxMode || flow.Path != "/callback" || flow.Secure || flow.MaxAge != 600 {
		t.Errorf("flow cookie = %+v", flow)
	}
	au := mustURL(t, r.location)
	q := au.Query()
	for k, want := range map[string]string{
		"response_type": "code", "client_id": env.idp.clientID, "redirect_uri": env.app.URL + "/callback",
		"code_challenge_method": "S256", "scope": "openid profile email",
	} {
		if q.Get(k) != want {
			t.Errorf("authorize %s = %q, want %q", k, q.Get(k), want)
		}
	}
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(k)) < 43 {
			t.Errorf("authorize %s = %q, want a 256-bit random value", k, q.Get(k))
		}
	}
	if q.Get("state") == q.Get("nonce") {
		t.Error("state and nonce are equal")
	}
	if strings.Contains(flow.Value, q.Get("code_challenge")) {
		t.Error("flow cookie is not just the challenge")
	}

	session := login(t, env, browser(t))
	if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" || session.Secure || session.MaxAge != int((12*time.Hour)/time.Second) {
		t.Errorf("session cookie = %+v", session)
	}

	// Secure: cookie flags and __Host-/__Secure- names.
	sec := newLoginEnv(t, func(o *LoginOptions) { o.Secure = true; o.SessionTTL = time.Hour })
	w := httptest.NewRecorder()
	sec.login.LoginHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/login", nil))
	ck := w.Result().Cookies()
	if len(ck) != 1 || ck[0].Name != "__Secure-warroom_login" || !ck[0].Secure || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode {
		t.Errorf("secure flow cookie = %+v", ck)
	}
	if sec.login.sessionCookie() != "__Host-warroom_session" {
		t.Errorf("secure session cookie name = %q", sec.login.sessionCookie())
	}
	w = httptest.NewRecorder()
	out := httptest.NewRequest(http.MethodPost, "/logout", nil)
	out.Header.Set("Sec-Fetch-Site", "same-origin")
	sec.login.LogoutHandler().ServeHTTP(w, out)
	ck = w.Result().Cookies()
	if len(ck) != 1 || ck[0].Name != "__Host-warroom_session" || !ck[0].Secure || ck[0].Path != "/" || ck[0].MaxAge >= 0 {
		t.Errorf("secure logout cookie = %+v", ck)
	}
}

func TestSessionRejected(t *testing.T) {
	env := newLoginEnv(t, nil)
	good := login(t, env, browser(t)).Value
	parts := strings.Split(good, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	asBob := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), `"eng":"alice","sub":"auth0|alice"`, `"eng":"bob","sub":"auth0|bob"`, 1)))
	if asBob == parts[1] {
		t.Fatalf("payload %s not as expected", payload)
	}
	other := newCookieSigner([]byte("another-secret-another-secret-xx"), time.Now)
	forged, _ := other.sign(purposeSession, sessionState{Engineer: "alice", Subject: "auth0|alice", Exp: time.Now().Add(time.Hour).Unix()})
	flowAsSession, _ := env.login.signer.sign(purposeFlow, sessionState{Engineer: "alice", Subject: "auth0|alice", Exp: time.Now().Add(time.Hour).Unix()})
	bobSigned, _ := env.login.signer.sign(purposeSession, sessionState{Engineer: "bob", Subject: "auth0|bob", Exp: time.Now().Add(time.Hour).Unix()})
	noExp, _ := env.login.signer.sign(purposeSession, sessionState{Engineer: "alice", Subject: "auth0|alice"})

	tests := []struct {
		name   string
		value  string
		skew   time.Duration
		edit   func(l *Login)
		wantID string
	}{
		{name: "valid", value: good, wantID: "alice"},
		{name: "valid, properly signed for bob", value: bobSigned, wantID: "bob"},
		{name: "payload swapped to bob, old MAC", value: parts[0] + "." + asBob + "." + parts[2]},
		{name: "MAC altered", value: parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))},
		{name: "unsigned: payload only", value: parts[1]},
		{name: "unsigned: empty MAC", value: parts[0] + "." + parts[1] + "."},
		{name: "wrong version", value: "v0." + parts[1] + "." + parts[2]},
		{name: "signed with another secret", value: forged},
		{name: "flow cookie replayed as session", value: flowAsSession},
		{name: "no expiry", value: noExp},
		{name: "expired", value: good, skew: 12*time.Hour + time.Second},
		{name: "empty", value: ""},
		{
			name: "engineer's subject changed in the roster", value: good,
			edit: func(l *Login) { l.team.Engineers[1].Subject = "auth0|alice-new" },
		},
		{
			name: "engineer removed from the roster", value: good,
			edit: func(l *Login) { l.team.Engineers = l.team.Engineers[2:] },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env.clock.set(tt.skew)
			defer env.clock.set(0)
			l := *env.login // a copy whose roster this test may edit; the server keeps the original
			l.team = testTeam()
			if tt.edit != nil {
				tt.edit(&l)
			}
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.AddCookie(&http.Cookie{Name: "warroom_session", Value: tt.value})
			v, ok := l.Viewer(r)
			if ok != (tt.wantID != "") || v.Engineer != tt.wantID {
				t.Errorf("Viewer = %+v, %v; want engineer %q", v, ok, tt.wantID)
			}
		})
	}
	if _, ok := env.login.Viewer(httptest.NewRequest(http.MethodGet, "/", nil)); ok {
		t.Error("Viewer without a cookie reported ok")
	}
}

func TestLogout(t *testing.T) {
	env := newLoginEnv(t, nil)
	c := browser(t)
	login(t, env, c)
	if got := whoami(t, env, c); got != "alice" {
		t.Fatalf("signed in as %q", got)
	}
	r := do(t, c, http.MethodGet, env.app.URL+"/logout")
	if r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET /logout = %d, want 405", r.status)
	}
	if got := whoami(t, env, c); got != "alice" {
		t.Errorf("GET /logout signed out: viewer %q", got)
	}
	// Another site's form (or fetch) must not end the session: 403, no cookie change.
	for _, tc := range []struct {
		name    string
		headers map[string]string
	}{
		{"cross-origin Origin", map[string]string{"Origin": "http://evil.example"}},
		{"other port, same host name", map[string]string{"Origin": "http://127.0.0.1:1"}},
		{"opaque origin", map[string]string{"Origin": "null"}},
		{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"Sec-Fetch-Site same-site", map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"Sec-Fetch-Site wins over a matching Origin", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": env.app.URL}},
		{"neither header", nil},
	} {
		r := doWith(t, c, http.MethodPost, env.app.URL+"/logout", tc.headers)
		if r.status != http.StatusForbidden || errorCode(t, r.body) != "cross_origin" || len(r.cookies) != 0 {
			t.Errorf("%s: POST /logout = %d %s, cookies %+v; want 403 cross_origin and no cookie", tc.name, r.status, r.body, r.cookies)
		}
		if got := whoami(t, env, c); got != "alice" {
			t.Fatalf("%s: the session ended: viewer %q", tc.name, got)
		}
	}
	for _, headers := range []map[string]string{{"Sec-Fetch-Site": "same-origin"}, {"Origin": env.app.URL}} {
		login(t, env, c)
		r = doWith(t, c, http.MethodPost, env.app.URL+"/logout", headers)
		if r.status != http.StatusOK || !strings.Contains(r.body, `id="signed-out"`) {
			t.Errorf("%v: POST /logout = %d %q", headers, r.status, r.body)
		}
		cleared := false
		for _, ck := range r.cookies {
			if ck.Name == "warroom_session" && ck.MaxAge < 0 && ck.Value == "" {
				cleared = true
			}
		}
		if !cleared {
			t.Errorf("%v: logout did not clear the session cookie: %+v", headers, r.cookies)
		}
		if got := whoami(t, env, c); got != "" {
			t.Errorf("%v: after logout, viewer = %q", headers, got)
		}
	}
}

func TestLoginMethods(t *testing.T) {
	env := newLoginEnv(t, nil)
	c := browser(t)
	for _, tc := range []struct{ method, path string }{{"POST", "/login"}, {"POST", "/callback"}, {"DELETE", "/logout"}} {
		if r := do(t, c, tc.method, env.app.URL+tc.path); r.status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s = %d, want 405", tc.method, tc.path, r.status)
		}
	}
}

func TestNewLoginErrors(t *testing.T) {
	idp := newFakeIdP(t)
	base := LoginOptions{
		Issuer: idp.issuer, ClientID: idp.clientID, RedirectURL: "http://127.0.0.1/callback",
		CookieSecret: testCookieSecret, HTTPClient: idp.srv.Client(),
	}
	tests := []struct {
		name    string
		edit    func(o *LoginOptions)
		wantErr string
	}{
		{name: "short cookie secret", edit: func(o *LoginOptions) { o.CookieSecret = []byte("short") }, wantErr: "CookieSecret"},
		{name: "no client id", edit: func(o *LoginOptions) { o.ClientID = "" }, wantErr: "ClientID"},
		{name: "relative redirect", edit: func(o *LoginOptions) { o.RedirectURL = "/callback" }, wantErr: "RedirectURL"},
		{name: "issuer without trailing slash", edit: func(o *LoginOptions) { o.Issuer = idp.srv.URL }, wantErr: "issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			tt.edit(&o)
			if _, err := NewLogin(context.Background(), o); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want mention of %q", err, tt.wantErr)
			}
		})
	}
	if _, err := NewLogin(context.Background(), base); err != nil {
		t.Errorf("base options: %v", err)
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"/":                    "/",
		"/incidents/1?x=y":     "/incidents/1?x=y",
		"//evil.example":       "",
		"/\\evil.example":      "",
		"https://evil.example": "",
		"evil":                 "",
		"/a\r\nSet-Cookie: x":  "",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
