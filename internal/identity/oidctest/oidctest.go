// Package oidctest runs a real OpenID provider (zitadel/oidc's certified
// op package) in-process for tests: discovery, authorize with PKCE, a
// username/password login page, the token endpoint (authorization code and
// refresh token grants, RS256 ID tokens and JWT access tokens), revocation
// and the key set. Everything is kept in memory; Faults makes the provider
// issue tokens a relying party must refuse.
package oidctest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/oauth2"
)

// User is someone who can sign in at the provider's login page.
type User struct {
	Subject, Username, Password, Name, Email string
}

// Client is a relying party registered at the provider. It authenticates
// with client_secret_basic (or client_secret_post) and may use the
// authorization code (PKCE S256) and refresh token grants.
type Client struct {
	ID, Secret   string
	RedirectURIs []string
	// Scopes are the custom scopes the client may request besides openid,
	// profile, email and offline_access; granted ones are written into the
	// access token's "scope" claim.
	Scopes []string
	// Audience is added to the client ID in the aud of the tokens issued to
	// this client (the API identifier a resource server expects).
	Audience string
	// JWTAccessTokens makes access tokens RS256 JWTs instead of opaque.
	JWTAccessTokens bool
}

// Options configures New.
type Options struct {
	Clients []Client
	Users   []User
	// AccessTokenTTL defaults to 5 minutes.
	AccessTokenTTL time.Duration
}

// Faults make the provider issue tokens that a relying party must refuse.
// The zero value issues correct tokens.
type Faults struct {
	// Issuer, when set, is written as iss into every token (discovery
	// already read by a relying party is unaffected).
	Issuer string
	// Audience, when set, replaces the aud of access tokens; ID tokens keep
	// the client ID in aud whatever this says, as OIDC requires of an op.
	Audience []string
	// Nonce, when set, replaces the nonce of ID tokens.
	Nonce string
	// IDTokenTTL, when set, is the ID token lifetime (negative: expired).
	IDTokenTTL time.Duration
	// AccessTokenTTL, when set, is the access token lifetime (negative: expired).
	AccessTokenTTL time.Duration
}

// Provider is a running OpenID provider.
type Provider struct {
	// Issuer is the provider's URL (http://127.0.0.1:port), also its iss.
	Issuer string

	srv     *httptest.Server
	op      *op.Provider
	key     *rsa.PrivateKey
	keyID   string
	clients map[string]*client
	users   []User
	ttl     time.Duration

	mu       sync.Mutex
	faults   Faults
	requests map[string]*authRequest // by id
	codes    map[string]string       // code -> request id
	refresh  map[string]*refreshToken
	access   map[string]string // access token id -> subject
	revoked  int
}

// New starts a provider; it stops when the test ends.
func New(t testing.TB, opts Options) *Provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{key: key, keyID: "op-" + randomID()[:8], clients: map[string]*client{}, users: opts.Users,
		ttl: opts.AccessTokenTTL, requests: map[string]*authRequest{}, codes: map[string]string{},
		refresh: map[string]*refreshToken{}, access: map[string]string{}}
	if p.ttl <= 0 {
		p.ttl = 5 * time.Minute
	}
	for _, c := range opts.Clients {
		p.clients[c.ID] = &client{Client: c, p: p}
	}
	mux := http.NewServeMux()
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	p.Issuer = p.srv.URL
	var cryptoKey [32]byte
	_, _ = rand.Read(cryptoKey[:])
	p.op, err = op.NewProvider(&op.Config{
		CryptoKey:             cryptoKey,
		CodeMethodS256:        true,
		AuthMethodPost:        true,
		GrantTypeRefreshToken: true,
	}, &storage{p}, func(bool) (op.IssuerFromRequest, error) {
		return func(*http.Request) string { return p.issuer() }, nil
	}, op.WithAllowInsecure())
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/login", p.login)
	mux.Handle("/", p.op)
	return p
}

// SetFaults changes how tokens are issued from now on.
func (p *Provider) SetFaults(f Faults) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults = f
}

func (p *Provider) fault() Faults {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.faults
}

func (p *Provider) issuer() string {
	if f := p.fault(); f.Issuer != "" {
		return f.Issuer
	}
	return p.Issuer
}

// Revocations counts refresh tokens revoked at the revocation endpoint.
func (p *Provider) Revocations() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.revoked
}

// Endpoints are the provider's endpoint URLs, as its discovery lists them.
func (p *Provider) Endpoints() (authorize, token, revoke string) {
	return p.Issuer + "/authorize", p.Issuer + "/oauth/token", p.Issuer + "/revoke"
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><h1>Test provider</h1>{{if .Error}}<p id="error">{{.Error}}</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="authRequestID" value="{{.ID}}">
<label>Username <input id="username" name="username" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="submit" type="submit">Sign in</button>
</form></body></html>`))

// login is the provider's login UI: it completes the auth request named by
// authRequestID for the user whose username and password match.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("authRequestID")
	p.mu.Lock()
	req, ok := p.requests[id]
	p.mu.Unlock()
	if !ok {
		http.Error(w, "unknown auth request", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Method == http.MethodGet {
		_ = loginPage.Execute(w, map[string]string{"ID": id})
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
		return
	}
	i := slices.IndexFunc(p.users, func(u User) bool {
		return u.Username == r.PostFormValue("username") && u.Password == r.PostFormValue("password")
	})
	if i < 0 {
		w.WriteHeader(http.StatusUnauthorized)
		_ = loginPage.Execute(w, map[string]string{"ID": id, "Error": "wrong username or password"})
		return
	}
	p.mu.Lock()
	req.subject, req.authTime, req.done = p.users[i].Subject, time.Now(), true
	p.mu.Unlock()
	http.Redirect(w, r, op.AuthCallbackURL(p.op)(op.ContextWithIssuer(r.Context(), p.Issuer), id), http.StatusFound)
}

// CodeFlow signs username in for clientID without a browser: authorize
// with PKCE, the login form, the provider's redirect to redirectURI (not
// followed), and the code exchange. offline_access yields a refresh token.
func (p *Provider) CodeFlow(ctx context.Context, clientID, redirectURI, username, password string, scopes ...string) (*oauth2.Token, error) {
	if _, ok := p.clients[clientID]; !ok {
		return nil, fmt.Errorf("oidctest: unknown client %q", clientID)
	}
	verifier := randomID()
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirectURI},
		"scope": {strings.Join(scopes, " ")}, "state": {randomID()}, "nonce": {randomID()},
		"code_challenge": {oidc.NewSHACodeChallenge(verifier)}, "code_challenge_method": {"S256"}}
	code, err := p.Authorize(ctx, p.Issuer+"/authorize?"+q.Encode(), username, password)
	if err != nil {
		return nil, err
	}
	// Exchanged by hand: x/oauth2 cannot parse the expires_in the op writes
	// for an already expired token (Faults.AccessTokenTTL < 0).
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI}, "code_verifier": {verifier}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.Issuer+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(p.clients[clientID].Secret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("oidctest: token: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken  string `json:"access_token"`
		TokenType    string `json:"token_type"`
		RefreshToken string `json:"refresh_token"`
		IDToken      string `json:"id_token"`
		Error        string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("oidctest: token: HTTP %d %q %v", resp.StatusCode, body.Error, err)
	}
	tok := &oauth2.Token{AccessToken: body.AccessToken, TokenType: body.TokenType, RefreshToken: body.RefreshToken}
	return tok.WithExtra(map[string]any{"id_token": body.IDToken}), nil
}

// OAuth2Config is clientID's configuration at this provider.
func (p *Provider) OAuth2Config(clientID, redirectURI string, scopes ...string) *oauth2.Config {
	authorize, token, _ := p.Endpoints()
	return &oauth2.Config{ClientID: clientID, ClientSecret: p.clients[clientID].Secret, RedirectURL: redirectURI, Scopes: scopes,
		Endpoint: oauth2.Endpoint{AuthURL: authorize, TokenURL: token, AuthStyle: oauth2.AuthStyleInHeader}}
}

// Authorize follows a relying party's authorize URL through the login form
// as username and returns the code the provider redirects back with (the
// redirect itself is not followed).
func (p *Provider) Authorize(ctx context.Context, authorizeURL, username, password string) (string, error) {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		return hc.Do(req)
	}
	loc, err := redirectOf(get(authorizeURL))
	if err != nil {
		return "", fmt.Errorf("oidctest: authorize: %w", err)
	}
	form := url.Values{"authRequestID": {loc.Query().Get("authRequestID")}, "username": {username}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.Issuer+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if loc, err = redirectOf(hc.Do(req)); err != nil {
		return "", fmt.Errorf("oidctest: login: %w", err)
	}
	if loc, err = redirectOf(get(loc.String())); err != nil {
		return "", fmt.Errorf("oidctest: authorize callback: %w", err)
	}
	code := loc.Query().Get("code")
	if code == "" {
		return "", fmt.Errorf("oidctest: no code in the redirect (error %q)", loc.Query().Get("error"))
	}
	return code, nil
}

// RevokeRefreshTokens revokes every refresh token of subject, as an
// administrator (or the user) would at the provider.
func (p *Provider) RevokeRefreshTokens(subject string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, rt := range p.refresh {
		if rt.subject == subject {
			delete(p.refresh, k)
		}
	}
}

func redirectOf(resp *http.Response, err error) (*url.URL, error) {
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound && resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("HTTP %d, not a redirect", resp.StatusCode)
	}
	return resp.Location()
}

func randomID() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

var errNotFound = errors.New("oidctest: not found")

// authRequest is an authorization request, from authorize to the code exchange.
type authRequest struct {
	p                         *Provider
	id, clientID, redirectURI string
	state, nonce              string
	scopes                    []string
	responseType              oidc.ResponseType
	responseMode              oidc.ResponseMode
	challenge                 *oidc.CodeChallenge
	subject                   string
	authTime                  time.Time
	done                      bool
}

func (a *authRequest) GetID() string                         { return a.id }
func (a *authRequest) GetACR() string                        { return "" }
func (a *authRequest) GetAMR() []string                      { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string                 { return a.p.audience(a.clientID) }
func (a *authRequest) GetAuthTime() time.Time                { return a.authTime }
func (a *authRequest) GetClientID() string                   { return a.clientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.challenge }
func (a *authRequest) GetRedirectURI() string                { return a.redirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return a.responseMode }
func (a *authRequest) GetScopes() []string                   { return a.scopes }
func (a *authRequest) GetState() string                      { return a.state }
func (a *authRequest) GetSubject() string                    { return a.subject }
func (a *authRequest) Done() bool                            { return a.done }
func (a *authRequest) GetNonce() string {
	if f := a.p.fault(); f.Nonce != "" {
		return f.Nonce
	}
	return a.nonce
}

// audience is what aud says in tokens for clientID.
func (p *Provider) audience(clientID string) []string {
	if f := p.fault(); f.Audience != nil {
		return f.Audience
	}
	aud := []string{clientID}
	if c, ok := p.clients[clientID]; ok && c.Audience != "" {
		aud = append(aud, c.Audience)
	}
	return aud
}

// refreshToken is a live refresh token; using it rotates it.
type refreshToken struct {
	p               *Provider
	token, clientID string
	subject         string
	scopes          []string
	authTime        time.Time
}

func (r *refreshToken) GetAMR() []string                 { return []string{"pwd"} }
func (r *refreshToken) GetAudience() []string            { return r.p.audience(r.clientID) }
func (r *refreshToken) GetAuthTime() time.Time           { return r.authTime }
func (r *refreshToken) GetClientID() string              { return r.clientID }
func (r *refreshToken) GetScopes() []string              { return r.scopes }
func (r *refreshToken) GetSubject() string               { return r.subject }
func (r *refreshToken) SetCurrentScopes(scopes []string) { r.scopes = scopes }

// client adapts a Client to op.Client.
type client struct {
	Client
	p *Provider
}

func (c *client) GetID() string                    { return c.ID }
func (c *client) RedirectURIs() []string           { return c.Client.RedirectURIs }
func (c *client) PostLogoutRedirectURIs() []string { return nil }
func (c *client) ApplicationType() op.ApplicationType {
	return op.ApplicationTypeWeb
}
func (c *client) AuthMethod() oidc.AuthMethod { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}
func (c *client) LoginURL(id string) string { return "/login?authRequestID=" + url.QueryEscape(id) }
func (c *client) AccessTokenType() op.AccessTokenType {
	if c.JWTAccessTokens {
		return op.AccessTokenTypeJWT
	}
	return op.AccessTokenTypeBearer
}
func (c *client) IDTokenLifetime() time.Duration {
	if f := c.p.fault(); f.IDTokenTTL != 0 {
		return f.IDTokenTTL
	}
	return time.Hour
}
func (c *client) DevMode() bool { return true } // http redirect URIs on loopback
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) IsScopeAllowed(scope string) bool     { return slices.Contains(c.Scopes, scope) }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return false }
func (c *client) ClockSkew() time.Duration             { return 0 }

// storage implements op.Storage over the Provider's maps.
type storage struct{ p *Provider }

func (s *storage) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	a := &authRequest{p: s.p, id: randomID(), clientID: r.ClientID, redirectURI: r.RedirectURI, state: r.State,
		nonce: r.Nonce, scopes: r.Scopes, responseType: r.ResponseType, responseMode: r.ResponseMode}
	if r.CodeChallenge != "" {
		a.challenge = &oidc.CodeChallenge{Challenge: r.CodeChallenge, Method: r.CodeChallengeMethod}
	}
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	s.p.requests[a.id] = a
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if a, ok := s.p.requests[id]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	id, ok := s.p.codes[code]
	s.p.mu.Unlock()
	if !ok {
		return nil, errNotFound
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	s.p.codes[code] = id
	return nil
}

// DeleteAuthRequest runs after the code is redeemed: codes are single-use.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	delete(s.p.requests, id)
	for code, rid := range s.p.codes {
		if rid == id {
			delete(s.p.codes, code)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	ttl := s.p.ttl
	if f := s.p.fault(); f.AccessTokenTTL != 0 {
		ttl = f.AccessTokenTTL
	}
	id := randomID()
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	s.p.access[id] = r.GetSubject()
	return id, time.Now().Add(ttl), nil
}

// CreateAccessAndRefreshTokens rotates currentRefreshToken when set.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, r op.TokenRequest, current string) (string, string, time.Time, error) {
	id, exp, err := s.CreateAccessToken(ctx, r)
	if err != nil {
		return "", "", time.Time{}, err
	}
	rt := &refreshToken{p: s.p, token: randomID(), subject: r.GetSubject(), scopes: r.GetScopes(), authTime: time.Now()}
	switch x := r.(type) {
	case *authRequest:
		rt.clientID, rt.authTime = x.clientID, x.authTime
	case *refreshToken:
		rt.clientID, rt.authTime = x.clientID, x.authTime
	default:
		return "", "", time.Time{}, fmt.Errorf("oidctest: unexpected token request %T", r)
	}
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if current != "" {
		if _, ok := s.p.refresh[current]; !ok {
			return "", "", time.Time{}, op.ErrInvalidRefreshToken
		}
		delete(s.p.refresh, current)
	}
	s.p.refresh[rt.token] = rt
	return id, rt.token, exp, nil
}

func (s *storage) TokenRequestByRefreshToken(_ context.Context, token string) (op.RefreshTokenRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	rt, ok := s.p.refresh[token]
	if !ok {
		return nil, op.ErrInvalidRefreshToken
	}
	cp := *rt
	return &cp, nil
}

func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

func (s *storage) RevokeToken(_ context.Context, token, _, clientID string) *oidc.Error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if rt, ok := s.p.refresh[token]; ok {
		if rt.clientID != clientID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		delete(s.p.refresh, token)
		s.p.revoked++
	}
	return nil // RFC 7009: an unknown token is not an error
}

func (s *storage) GetRefreshTokenInfo(_ context.Context, clientID, token string) (string, string, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	rt, ok := s.p.refresh[token]
	if !ok || rt.clientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return rt.subject, rt.token, nil
}

type signingKey struct{ p *Provider }

func (k signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signingKey) Key() any                                    { return k.p.key }
func (k signingKey) ID() string                                  { return k.p.keyID }

type publicKey struct{ p *Provider }

func (k publicKey) ID() string                         { return k.p.keyID }
func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.p.key.PublicKey }

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return signingKey{s.p}, nil }
func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}
func (s *storage) KeySet(context.Context) ([]op.Key, error) { return []op.Key{publicKey{s.p}}, nil }

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if c, ok := s.p.clients[id]; ok {
		return c, nil
	}
	return nil, errNotFound
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	if c, ok := s.p.clients[id]; ok && c.Secret != "" && c.Secret == secret {
		return nil
	}
	return errors.New("oidctest: invalid client credentials")
}

func (s *storage) user(subject string) (User, bool) {
	i := slices.IndexFunc(s.p.users, func(u User) bool { return u.Subject == subject })
	if i < 0 {
		return User{}, false
	}
	return s.p.users[i], true
}

func (s *storage) SetUserinfoFromScopes(_ context.Context, info *oidc.UserInfo, subject, _ string, scopes []string) error {
	u, ok := s.user(subject)
	if !ok {
		return errNotFound
	}
	info.Subject = subject
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = u.Name
		info.PreferredUsername = u.Username
	}
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email, info.EmailVerified = u.Email, true
	}
	return nil
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	s.p.mu.Lock()
	sub, ok := s.p.access[tokenID]
	s.p.mu.Unlock()
	if !ok || sub != subject {
		return errNotFound
	}
	return s.SetUserinfoFromScopes(ctx, info, subject, "", []string{oidc.ScopeProfile, oidc.ScopeEmail})
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, r *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	s.p.mu.Lock()
	sub, ok := s.p.access[tokenID]
	s.p.mu.Unlock()
	if !ok || sub != subject {
		return errNotFound
	}
	r.Active, r.Subject, r.ClientID = true, subject, clientID
	return nil
}

// GetPrivateClaimsFromScopes writes the granted custom scopes as the
// access token's space-delimited "scope" claim.
func (s *storage) GetPrivateClaimsFromScopes(_ context.Context, _, clientID string, scopes []string) (map[string]any, error) {
	c, ok := s.p.clients[clientID]
	if !ok {
		return nil, nil
	}
	var granted []string
	for _, sc := range scopes {
		if slices.Contains(c.Scopes, sc) {
			granted = append(granted, sc)
		}
	}
	if len(granted) == 0 {
		return nil, nil
	}
	return map[string]any{"scope": strings.Join(granted, " ")}, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("oidctest: JWT profile is not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("oidctest: JWT profile is not supported")
}

func (s *storage) Health(context.Context) error { return nil }
