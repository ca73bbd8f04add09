package identity

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Two RSA keys, generated once for the whole package's tests.
var (
	keysOnce sync.Once
	testKeys map[string]*rsa.PrivateKey
)

func rsaKeys(t *testing.T) map[string]*rsa.PrivateKey {
	t.Helper()
	keysOnce.Do(func() {
		testKeys = map[string]*rsa.PrivateKey{}
		for _, kid := range []string{"k1", "k2"} {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			testKeys[kid] = k
		}
	})
	return testKeys
}

// fakeIdP is an in-process OIDC provider: discovery, JWKS (with rotation),
// authorize and token endpoints (authorization code + PKCE S256).
type fakeIdP struct {
	t      *testing.T
	srv    *httptest.Server
	issuer string // srv.URL + "/", as Auth0 writes it
	keys   map[string]*rsa.PrivateKey

	clientID, clientSecret string

	mu          sync.Mutex
	published   []string // kids in the JWKS
	noDiscovery bool
	subject     string
	codes       map[string]authRequest
	idTokenHook func(claims map[string]any) // edits the next ID tokens
	signKid     string                      // kid signing ID tokens

	jwksFetches   atomic.Int32
	tokenRequests atomic.Int32
	pkceFailures  atomic.Int32
	tokensIssued  atomic.Int32
}

type authRequest struct {
	challenge, nonce, redirectURI string
}

func newFakeIdP(t *testing.T) *fakeIdP {
	t.Helper()
	p := &fakeIdP{
		t:            t,
		keys:         rsaKeys(t),
		clientID:     "warroom-dashboard",
		clientSecret: "client-secret-value",
		published:    []string{"k1"},
		subject:      "auth0|alice",
		codes:        map[string]authRequest{},
		signKid:      "k1",
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /.well-known/jwks.json", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /oauth/token", p.token)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	p.issuer = p.srv.URL + "/"
	return p
}

// configure edits the provider's behaviour under its lock.
func (p *fakeIdP) configure(edit func(p *fakeIdP)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	edit(p)
}

func (p *fakeIdP) publish(kids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.published = kids
}

func (p *fakeIdP) discovery(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	off := p.noDiscovery
	p.mu.Unlock()
	if off {
		http.NotFound(w, r)
		return
	}
	writeJSONTest(w, http.StatusOK, map[string]any{
		"issuer":                                p.issuer,
		"authorization_endpoint":                p.srv.URL + "/authorize",
		"token_endpoint":                        p.srv.URL + "/oauth/token",
		"jwks_uri":                              p.srv.URL + "/.well-known/jwks.json",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic"},
	})
}

func (p *fakeIdP) jwks(w http.ResponseWriter, _ *http.Request) {
	p.jwksFetches.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	var set jose.JSONWebKeySet
	for _, kid := range p.published {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &p.keys[kid].PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"})
	}
	writeJSONTest(w, http.StatusOK, set)
}

func (p *fakeIdP) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("response_type") != "code",
		q.Get("client_id") != p.clientID,
		q.Get("code_challenge_method") != "S256",
		q.Get("code_challenge") == "",
		q.Get("nonce") == "",
		q.Get("state") == "":
		http.Error(w, "bad authorize request: "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil {
		http.Error(w, "bad redirect_uri", http.StatusBadRequest)
		return
	}
	code := base64.RawURLEncoding.EncodeToString(randBytes(16))
	p.mu.Lock()
	p.codes[code] = authRequest{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirectURI: q.Get("redirect_uri")}
	p.mu.Unlock()
	rq := redirect.Query()
	rq.Set("code", code)
	rq.Set("state", q.Get("state"))
	redirect.RawQuery = rq.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (p *fakeIdP) token(w http.ResponseWriter, r *http.Request) {
	p.tokenRequests.Add(1)
	oauthErr := func(code string) {
		writeJSONTest(w, http.StatusBadRequest, map[string]string{"error": code})
	}
	id, secret, ok := r.BasicAuth()
	if !ok || id != url.QueryEscape(p.clientID) || secret != url.QueryEscape(p.clientSecret) {
		writeJSONTest(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "authorization_code" {
		oauthErr("unsupported_grant_type")
		return
	}
	p.mu.Lock()
	req, found := p.codes[r.PostForm.Get("code")]
	delete(p.codes, r.PostForm.Get("code")) // single use
	p.mu.Unlock()
	if !found || req.redirectURI != r.PostForm.Get("redirect_uri") {
		oauthErr("invalid_grant")
		return
	}
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if base64.RawURLEncoding.EncodeToString(sum[:]) != req.challenge {
		p.pkceFailures.Add(1)
		oauthErr("invalid_grant")
		return
	}
	now := time.Now()
	p.mu.Lock()
	claims := map[string]any{
		"iss":   p.issuer,
		"sub":   p.subject,
		"aud":   p.clientID,
		"iat":   now.Unix(),
		"exp":   now.Add(time.Hour).Unix(),
		"nonce": req.nonce,
		"email": "alice@example.com",
	}
	if p.idTokenHook != nil {
		p.idTokenHook(claims)
	}
	kid := p.signKid
	p.mu.Unlock()
	p.tokensIssued.Add(1)
	writeJSONTest(w, http.StatusOK, map[string]any{
		"access_token": "opaque-access-token",
		"token_type":   "Bearer",
		"expires_in":   3600,
		"id_token":     signRS(p.t, p.keys[kid], jose.RS256, kid, claims),
	})
}

// signRS signs claims with an RSA key, alg and kid ("" = no kid header).
func signRS(t *testing.T, key *rsa.PrivateKey, alg jose.SignatureAlgorithm, kid string, claims map[string]any) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	s, err := obj.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func writeJSONTest(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
