package vault

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// counter counts calls at an endpoint.
type counter struct{ n atomic.Int64 }

func (c *counter) inc()       { c.n.Add(1) }
func (c *counter) get() int64 { return c.n.Load() }

func randToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func oauthErr(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// readParams parses a token-endpoint body: JSON or form (PROTOCOLS §1.1).
func readParams(r *http.Request) (url.Values, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, err
		}
		v := url.Values{}
		for k, x := range m {
			switch t := x.(type) {
			case string:
				v.Set(k, t)
			case []any:
				for _, e := range t {
					v.Add(k, fmt.Sprint(e))
				}
			default:
				v.Set(k, fmt.Sprint(t))
			}
		}
		return v, nil
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return r.PostForm, nil
	}
	return nil, fmt.Errorf("unsupported content type %q", ct)
}

// clientAuth checks client_secret_basic or client_secret_post, not both.
func clientAuth(r *http.Request, p url.Values, id, secret string) (ok bool, method string) {
	if u, pw, has := r.BasicAuth(); has {
		if p.Get("client_secret") != "" {
			return false, "both"
		}
		uu, _ := url.QueryUnescape(u)
		pp, _ := url.QueryUnescape(pw)
		return uu == id && pp == secret, "basic"
	}
	return p.Get("client_id") == id && p.Get("client_secret") == secret, "post"
}

// ---------------------------------------------------------------------------
// Fake Auth0 Token Vault (PROTOCOLS §1, §10).

type vaultEntry struct {
	accessToken string
	scopes      []string
}

type fakeAuth0 struct {
	t            *testing.T
	srv          *httptest.Server
	clientID     string
	clientSecret string
	calls        counter

	mu         sync.Mutex
	subjects   map[string]string // subject token -> user (both kinds)
	kinds      map[string]string // subject token -> subject_token_type
	vault      map[string]vaultEntry
	forceError *forcedError
	lastParams url.Values
	lastAuth   string
	issued     []string
}

type forcedError struct {
	status int
	body   string // raw body; JSON unless nonJSON
	ctype  string
}

func newFakeAuth0(t *testing.T) *fakeAuth0 {
	f := &fakeAuth0{t: t, clientID: "warroom-client", clientSecret: randToken("csecret-"),
		subjects: map[string]string{}, kinds: map[string]string{}, vault: map[string]vaultEntry{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", f.token)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAuth0) addSubject(user, kindURN string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	tok := randToken("auth0-" + user + "-")
	f.subjects[tok] = user
	f.kinds[tok] = kindURN
	return tok
}

func (f *fakeAuth0) revokeSubject(tok string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.subjects, tok)
}

func (f *fakeAuth0) connect(user, connection string, scopes ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.vault[user+"|"+connection] = vaultEntry{scopes: scopes}
}

func (f *fakeAuth0) secrets() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := []string{f.clientSecret}
	for k := range f.subjects {
		s = append(s, k)
	}
	return append(s, f.issued...)
}

func (f *fakeAuth0) token(w http.ResponseWriter, r *http.Request) {
	f.calls.inc()
	p, err := readParams(r)
	if err != nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "unreadable body")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastParams = p
	if fe := f.forceError; fe != nil {
		ct := fe.ctype
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(fe.status)
		_, _ = w.Write([]byte(fe.body))
		return
	}
	ok, method := clientAuth(r, p, f.clientID, f.clientSecret)
	f.lastAuth = method
	if !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "Wrong client credentials.")
		return
	}
	if p.Get("grant_type") != GrantTypeFederatedConnection {
		oauthErr(w, http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant type: "+p.Get("grant_type"))
		return
	}
	if p.Get("requested_token_type") != TokenTypeFederatedConnection {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "requested_token_type is invalid")
		return
	}
	stt := p.Get("subject_token_type")
	if stt != TokenTypeAccessToken && stt != TokenTypeRefreshToken {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "subject_token_type is invalid")
		return
	}
	subject := p.Get("subject_token")
	user, known := f.subjects[subject]
	if !known || f.kinds[subject] != stt {
		if stt == TokenTypeRefreshToken {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "Unknown or invalid refresh token.")
			return
		}
		oauthErr(w, http.StatusUnauthorized, "invalid_grant", "Invalid access token.")
		return
	}
	conn := p.Get("connection")
	if conn == "" {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "Missing required parameter: connection")
		return
	}
	entry, ok := f.vault[user+"|"+conn]
	if !ok {
		oauthErr(w, http.StatusUnauthorized, "federated_connection_refresh_token_not_found", "Federated connection Refresh Token not found.")
		return
	}
	granted := entry.scopes
	if s := p.Get("scope"); s != "" {
		req := strings.Fields(s)
		for _, sc := range req {
			if !slices.Contains(entry.scopes, sc) {
				oauthErr(w, http.StatusBadRequest, "invalid_scope", "scope not granted: "+sc)
				return
			}
		}
		granted = req
	}
	at := randToken("gho_" + user + "_")
	f.issued = append(f.issued, at)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token":      at,
		"scope":             strings.Join(granted, " "),
		"expires_in":        1377,
		"issued_token_type": TokenTypeFederatedConnection,
		"token_type":        "Bearer",
	})
}

// ---------------------------------------------------------------------------
// Fake OAuth provider for the built-in vault: /authorize, /token
// (authorization_code + PKCE, refresh_token with optional rotation), /revoke.

type codeEntry struct {
	challenge, method, redirect string
	scopes                      []string
}

type fakeProvider struct {
	t          *testing.T
	srv        *httptest.Server
	clientID   string
	secret     string
	tokenCalls counter
	revokes    counter

	mu         sync.Mutex
	rotate     bool
	noRefresh  bool   // authorization_code response without refresh_token
	echo       bool   // echo the presented refresh token in error_description
	failStatus int    // force this status on /token
	revokeFail int    // force this status on /revoke
	scopeSep   string // " " or ","
	codes      map[string]codeEntry
	refresh    map[string][]string // live refresh token -> scopes
	issued     []string
	revokedRTs []string
	lastAuth   string
}

func newFakeProvider(t *testing.T) *fakeProvider {
	f := &fakeProvider{t: t, clientID: "prov-client", secret: randToken("psecret-"), scopeSep: " ",
		codes: map[string]codeEntry{}, refresh: map[string][]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /authorize", f.authorize)
	mux.HandleFunc("POST /token", f.token)
	mux.HandleFunc("POST /revoke", f.revoke)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeProvider) set(fn func(f *fakeProvider)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *fakeProvider) secrets() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string{f.secret}, f.issued...)
}

func (f *fakeProvider) liveRefresh() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for k := range f.refresh {
		out = append(out, k)
	}
	return out
}

func (f *fakeProvider) revokeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refresh = map[string][]string{}
}

// authorize issues a code and redirects, like a consenting user.
func (f *fakeProvider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != f.clientID || q.Get("response_type") != "code" {
		http.Error(w, "bad client or response_type", http.StatusBadRequest)
		return
	}
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "PKCE S256 required", http.StatusBadRequest)
		return
	}
	code := randToken("code-")
	f.mu.Lock()
	f.codes[code] = codeEntry{challenge: q.Get("code_challenge"), method: "S256",
		redirect: q.Get("redirect_uri"), scopes: strings.Fields(q.Get("scope"))}
	f.mu.Unlock()
	to, _ := url.Parse(q.Get("redirect_uri"))
	v := to.Query()
	v.Set("code", code)
	v.Set("state", q.Get("state"))
	to.RawQuery = v.Encode()
	http.Redirect(w, r, to.String(), http.StatusFound)
}

func (f *fakeProvider) issue(w http.ResponseWriter, scopes []string, withRefresh bool) {
	at := randToken("at-")
	resp := map[string]any{"access_token": at, "token_type": "bearer", "expires_in": 3600,
		"scope": strings.Join(scopes, f.scopeSep)}
	f.issued = append(f.issued, at)
	if withRefresh {
		rt := randToken("rt-")
		f.refresh[rt] = scopes
		f.issued = append(f.issued, rt)
		resp["refresh_token"] = rt
	}
	writeJSON(w, http.StatusOK, resp)
}

func (f *fakeProvider) token(w http.ResponseWriter, r *http.Request) {
	f.tokenCalls.inc()
	p, err := readParams(r)
	if err != nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "unreadable body")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failStatus != 0 {
		oauthErr(w, f.failStatus, "server_error", "temporarily unavailable")
		return
	}
	ok, method := clientAuth(r, p, f.clientID, f.secret)
	f.lastAuth = method
	if !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	switch p.Get("grant_type") {
	case "authorization_code":
		code := p.Get("code")
		ce, ok := f.codes[code]
		delete(f.codes, code) // single use
		if !ok {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "unknown or used code")
			return
		}
		if ce.redirect != "" && p.Get("redirect_uri") != ce.redirect {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "redirect_uri mismatch")
			return
		}
		sum := sha256.Sum256([]byte(p.Get("code_verifier")))
		if base64.RawURLEncoding.EncodeToString(sum[:]) != ce.challenge {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "PKCE verification failed")
			return
		}
		f.issue(w, ce.scopes, !f.noRefresh)
	case "refresh_token":
		rt := p.Get("refresh_token")
		scopes, ok := f.refresh[rt]
		if !ok {
			desc := "refresh token is invalid, expired or revoked"
			if f.echo {
				desc += ": " + rt
			}
			oauthErr(w, http.StatusBadRequest, "invalid_grant", desc)
			return
		}
		if f.rotate {
			delete(f.refresh, rt)
		}
		f.issue(w, scopes, f.rotate)
	default:
		oauthErr(w, http.StatusBadRequest, "unsupported_grant_type", "")
	}
}

func (f *fakeProvider) revoke(w http.ResponseWriter, r *http.Request) {
	f.revokes.inc()
	p, err := readParams(r)
	if err != nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "unreadable body")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.revokeFail != 0 {
		oauthErr(w, f.revokeFail, "server_error", "cannot revoke "+p.Get("token"))
		return
	}
	if ok, _ := clientAuth(r, p, f.clientID, f.secret); !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "")
		return
	}
	tok := p.Get("token")
	delete(f.refresh, tok) // RFC 7009: 200 even for unknown tokens
	f.revokedRTs = append(f.revokedRTs, tok)
	w.WriteHeader(http.StatusOK)
}
