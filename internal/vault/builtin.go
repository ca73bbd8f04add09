package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// BuiltinOptions configures [NewBuiltin].
type BuiltinOptions struct {
	// Providers maps a WarRoom provider name to that provider's OAuth app.
	// RedirectURL and Scopes are used by the connect flow. Set
	// Endpoint.AuthStyle explicitly: with AuthStyleAutoDetect x/oauth2 may
	// retry a failed token request once with the other client-auth style,
	// i.e. two token-endpoint calls for one failed Token().
	Providers map[string]*oauth2.Config
	// RevokeURLs optionally maps a provider to its RFC 7009 revocation
	// endpoint; [Builtin.Revoke] then revokes the refresh token there too.
	RevokeURLs map[string]string
	// AuthParams optionally adds query parameters to a provider's authorize
	// URL (e.g. "google": {"prompt": "consent"} so a re-connect yields a
	// new refresh token).
	AuthParams map[string]map[string]string
	// Grants stores the encrypted refresh tokens.
	Grants GrantStore
	// Keys encrypts them.
	Keys *Keyring
	// HTTPClient defaults to a client with a 30 s timeout.
	HTTPClient *http.Client
	// Now defaults to time.Now (grant timestamps).
	Now func() time.Time
}

// Builtin is the built-in vault: it keeps each engineer's provider refresh
// token encrypted at rest and refreshes it with the provider on every
// [Builtin.Token] call (one token-endpoint call, nothing cached).
//
// Calls for the same engineer and provider are serialized within the
// process so that a rotated refresh token is stored before the next refresh
// uses it; several replicas sharing a store do not coordinate.
type Builtin struct {
	providers  map[string]*oauth2.Config
	revokeURLs map[string]string
	authParams map[string]map[string]string
	grants     GrantStore
	keys       *Keyring
	hc         *http.Client
	now        func() time.Time
	locks      sync.Map // grantKey -> *sync.Mutex
}

var _ Broker = (*Builtin)(nil)

// NewBuiltin validates opts and returns the vault.
func NewBuiltin(opts BuiltinOptions) (*Builtin, error) {
	if opts.Grants == nil {
		return nil, errors.New("vault: builtin: Grants is required")
	}
	if opts.Keys == nil {
		return nil, errors.New("vault: builtin: Keys is required")
	}
	providers := make(map[string]*oauth2.Config, len(opts.Providers))
	for name, cfg := range opts.Providers {
		if cfg == nil || cfg.Endpoint.TokenURL == "" || cfg.ClientID == "" {
			return nil, fmt.Errorf("vault: builtin: provider %q needs ClientID and Endpoint.TokenURL", name)
		}
		providers[name] = cfg
	}
	revoke := make(map[string]string, len(opts.RevokeURLs))
	for name, u := range opts.RevokeURLs {
		if _, ok := providers[name]; !ok {
			return nil, fmt.Errorf("vault: builtin: revoke URL for unknown provider %q", name)
		}
		if pu, err := url.Parse(u); err != nil || pu.Host == "" {
			return nil, fmt.Errorf("vault: builtin: invalid revoke URL for provider %q", name)
		}
		revoke[name] = u
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Builtin{
		providers:  providers,
		revokeURLs: revoke,
		authParams: opts.AuthParams,
		grants:     opts.Grants,
		keys:       opts.Keys,
		hc:         defaultHTTPClient(opts.HTTPClient),
		now:        now,
	}, nil
}

func (v *Builtin) lock(engineer, provider string) *sync.Mutex {
	m, _ := v.locks.LoadOrStore(grantKey{engineer, provider}, new(sync.Mutex))
	return m.(*sync.Mutex)
}

func (v *Builtin) oauthCtx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, v.hc)
}

func (v *Builtin) config(op, engineer, provider string) (*oauth2.Config, error) {
	if engineer == "" || provider == "" || strings.ContainsRune(engineer, 0) || strings.ContainsRune(provider, 0) {
		return nil, &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider, Msg: "invalid engineer or provider name"}
	}
	cfg, ok := v.providers[provider]
	if !ok {
		return nil, &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider, Msg: "provider not configured"}
	}
	return cfg, nil
}

// AuthCodeURL starts the connect flow: it returns the provider's authorize
// URL (offline access, PKCE S256) and the PKCE verifier, which the caller
// keeps server-side together with state (bound to engineer) until the
// callback, then passes to [Builtin.Complete].
func (v *Builtin) AuthCodeURL(engineer, provider, state string) (authURL string, verifier string, err error) {
	cfg, err := v.config("builtin connect", engineer, provider)
	if err != nil {
		return "", "", err
	}
	verifier = oauth2.GenerateVerifier()
	opts := []oauth2.AuthCodeOption{oauth2.AccessTypeOffline, oauth2.S256ChallengeOption(verifier)}
	for k, val := range v.authParams[provider] {
		opts = append(opts, oauth2.SetAuthURLParam(k, val))
	}
	return cfg.AuthCodeURL(state, opts...), verifier, nil
}

// Complete finishes the connect flow: it exchanges code (with the PKCE
// verifier) and stores the provider refresh token encrypted. It fails with
// ErrProvider if the provider issued no refresh token.
func (v *Builtin) Complete(ctx context.Context, engineer, provider, code, verifier string) error {
	const op = "builtin connect"
	cfg, err := v.config(op, engineer, provider)
	if err != nil {
		return err
	}
	tok, err := cfg.Exchange(v.oauthCtx(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return oauthError(op, engineer, provider, err, code, verifier, cfg.ClientSecret)
	}
	if tok.RefreshToken == "" {
		return &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider,
			Msg: "provider returned no refresh token (offline access not granted or token expiration disabled)"}
	}
	scopes := scopesOf(tok)
	if scopes == nil {
		scopes = cloneStrings(cfg.Scopes)
	}
	mu := v.lock(engineer, provider)
	mu.Lock()
	defer mu.Unlock()
	created := v.now()
	if old, err := v.grants.GetGrant(ctx, engineer, provider); err == nil && !old.CreatedAt.IsZero() {
		created = old.CreatedAt
	}
	if err := v.store(ctx, engineer, provider, tok.RefreshToken, scopes, created); err != nil {
		return &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider, Msg: "storing grant", Err: err}
	}
	return nil
}

// store seals refreshToken and writes the grant.
func (v *Builtin) store(ctx context.Context, engineer, provider, refreshToken string, scopes []string, created time.Time) error {
	keyID, nonce, ct, err := v.keys.SealGrant(engineer, provider, []byte(refreshToken))
	if err != nil {
		return err
	}
	return v.grants.PutGrant(ctx, Grant{
		Engineer: engineer, Provider: provider,
		KeyID: keyID, Nonce: nonce, Ciphertext: ct,
		Scopes:    scopes,
		CreatedAt: created, UpdatedAt: v.now(),
	})
}

func (v *Builtin) open(g Grant) (string, error) {
	pt, err := v.keys.OpenGrant(g)
	if err != nil {
		return "", err
	}
	return string(pt), nil
}

// Token decrypts the engineer's refresh token and refreshes it with the
// provider (exactly one token-endpoint call). A rotated refresh token is
// stored encrypted before the access token is returned.
//
// If the grant records its scopes and scopes asks for one it lacks, the
// result is ErrNotConnected (code insufficient_scope) without any call: the
// engineer must reconnect with the wider scopes. Scope names are compared
// literally.
//
// invalid_grant from the provider (refresh token expired or revoked) returns
// ErrTokenExpired and keeps the grant: a successful re-connect overwrites
// it, and [Builtin.Revoke] removes it. A grant that cannot be decrypted
// (unknown key id, tampering) is ErrProvider.
func (v *Builtin) Token(ctx context.Context, engineer, provider string, scopes []string) (Token, error) {
	const op = "builtin refresh"
	cfg, err := v.config(op, engineer, provider)
	if err != nil {
		return Token{}, err
	}
	mu := v.lock(engineer, provider)
	mu.Lock()
	defer mu.Unlock()

	g, err := v.grants.GetGrant(ctx, engineer, provider)
	if err != nil {
		return Token{}, &Error{Kind: kindOf(err), Op: op, Engineer: engineer, Provider: provider, Err: err}
	}
	if len(scopes) > 0 && len(g.Scopes) > 0 {
		if miss := missingScopes(scopes, g.Scopes); len(miss) > 0 {
			return Token{}, &Error{Kind: ErrNotConnected, Op: op, Engineer: engineer, Provider: provider,
				Code: "insufficient_scope", Msg: fmt.Sprintf("grant lacks scopes %q; reconnect", miss)}
		}
	}
	rt, err := v.open(g)
	if err != nil {
		return Token{}, &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider, Msg: "stored grant cannot be decrypted", Err: err}
	}
	// An expired token carrying only the refresh token: TokenSource refreshes on use.
	tok, err := cfg.TokenSource(v.oauthCtx(ctx), &oauth2.Token{RefreshToken: rt}).Token()
	if err != nil {
		return Token{}, oauthError(op, engineer, provider, err, rt, cfg.ClientSecret)
	}
	granted := scopesOf(tok)
	if granted == nil {
		granted = cloneStrings(g.Scopes)
	}
	if tok.RefreshToken != "" && tok.RefreshToken != rt {
		if err := v.store(ctx, engineer, provider, tok.RefreshToken, granted, g.CreatedAt); err != nil {
			return Token{}, &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider,
				Msg: "storing rotated refresh token", Err: safeErr(err, rt, tok.RefreshToken, tok.AccessToken)}
		}
	}
	return Token{AccessToken: tok.AccessToken, TokenType: tok.Type(), Expiry: tok.Expiry, Scopes: granted}, nil
}

// Rotate re-encrypts every grant that is not under the keyring's current key
// and returns how many it rewrote. Once it returns without error, keys other
// than the current one can be dropped from the keyring. Failures on single
// grants do not stop the run; they are joined into err.
func (v *Builtin) Rotate(ctx context.Context) (n int, err error) {
	const op = "builtin rotate"
	list, err := v.grants.ListGrants(ctx)
	if err != nil {
		return 0, &Error{Kind: ErrProvider, Op: op, Msg: "listing grants", Err: err}
	}
	cur := v.keys.Current()
	var errs []error
	for _, g := range list {
		if g.KeyID == cur {
			continue
		}
		done, err := v.rotateOne(ctx, g.Engineer, g.Provider, cur)
		if err != nil {
			errs = append(errs, &Error{Kind: kindOf(err), Op: op, Engineer: g.Engineer, Provider: g.Provider, Err: err})
			continue
		}
		if done {
			n++
		}
	}
	return n, errors.Join(errs...)
}

func (v *Builtin) rotateOne(ctx context.Context, engineer, provider, cur string) (bool, error) {
	mu := v.lock(engineer, provider)
	mu.Lock()
	defer mu.Unlock()
	g, err := v.grants.GetGrant(ctx, engineer, provider) // re-read under the lock
	if errors.Is(err, ErrNotConnected) {
		return false, nil // deleted meanwhile
	}
	if err != nil {
		return false, err
	}
	g, changed, err := v.keys.Reseal(g)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrProvider, err)
	}
	if !changed {
		return false, nil
	}
	g.UpdatedAt = v.now()
	if err := v.grants.PutGrant(ctx, g); err != nil {
		return false, err
	}
	return true, nil
}

// Revoke deletes the engineer's grant for provider. If a revocation URL is
// configured for the provider it then POSTs the refresh token there (RFC
// 7009, token_type_hint=refresh_token, client authenticated as at the token
// endpoint); this is best effort: the local grant is gone either way, and a
// failure is returned as ErrProvider. A missing grant returns an error
// wrapping ErrNotConnected.
func (v *Builtin) Revoke(ctx context.Context, engineer, provider string) error {
	const op = "builtin revoke"
	fail := func(kind error, msg string, cause error) error {
		return &Error{Kind: kind, Op: op, Engineer: engineer, Provider: provider, Msg: msg, Err: cause}
	}
	if engineer == "" || provider == "" {
		return fail(ErrProvider, "invalid engineer or provider name", nil)
	}
	mu := v.lock(engineer, provider)
	mu.Lock()
	defer mu.Unlock()
	g, err := v.grants.GetGrant(ctx, engineer, provider)
	if err != nil {
		return fail(kindOf(err), "", err)
	}
	rt, derr := v.open(g)
	if err := v.grants.DeleteGrant(ctx, engineer, provider); err != nil {
		return fail(ErrProvider, "deleting grant", err)
	}
	revokeURL := v.revokeURLs[provider]
	if revokeURL == "" {
		return nil
	}
	if derr != nil {
		return fail(ErrProvider, "grant deleted, but it could not be decrypted to revoke at the provider", derr)
	}
	cfg := v.providers[provider]
	form := url.Values{"token": {rt}, "token_type_hint": {"refresh_token"}}
	basic := cfg.Endpoint.AuthStyle != oauth2.AuthStyleInParams && cfg.ClientSecret != ""
	if !basic {
		form.Set("client_id", cfg.ClientID)
		if cfg.ClientSecret != "" {
			form.Set("client_secret", cfg.ClientSecret)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, revokeURL, strings.NewReader(form.Encode()))
	if err != nil {
		return fail(ErrProvider, "grant deleted; building revocation request", nil)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if basic {
		req.SetBasicAuth(url.QueryEscape(cfg.ClientID), url.QueryEscape(cfg.ClientSecret))
	}
	resp, err := v.hc.Do(req)
	if err != nil {
		return fail(ErrProvider, "grant deleted; revocation endpoint unreachable", safeErr(err, rt, cfg.ClientSecret))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	e := &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider,
		Msg: "grant deleted; provider revocation failed", Status: resp.StatusCode}
	var oe struct {
		Error string `json:"error"`
		Desc  string `json:"error_description"`
	}
	if json.Unmarshal(body, &oe) == nil {
		e.Code = scrub(oe.Error, rt, cfg.ClientSecret)
		e.Description = scrub(oe.Desc, rt, cfg.ClientSecret)
	}
	return e
}

// scopesOf reads the optional "scope" field of a token response.
func scopesOf(tok *oauth2.Token) []string {
	if s, ok := tok.Extra("scope").(string); ok {
		return splitScopes(s)
	}
	return nil
}

// oauthError converts an x/oauth2 error. A RetrieveError's own message
// embeds the raw response body, so only its status, code and (scrubbed)
// description are kept.
func oauthError(op, engineer, provider string, err error, secrets ...string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		e := &Error{Op: op, Engineer: engineer, Provider: provider, Status: status,
			Code:        scrub(re.ErrorCode, secrets...),
			Description: scrub(re.ErrorDescription, secrets...),
		}
		if re.ErrorCode == "" {
			e.Msg = "token endpoint error"
		}
		e.Kind = classifyOAuthError(status, re.ErrorCode)
		return e
	}
	return &Error{Kind: ErrProvider, Op: op, Engineer: engineer, Provider: provider, Msg: "token request failed", Err: safeErr(err, secrets...)}
}

// safeErr returns err unchanged unless its message contains a secret, in
// which case it returns a scrubbed stand-in (that does not unwrap to err).
func safeErr(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, s := range secrets {
		if len(s) >= 4 && strings.Contains(msg, s) {
			return errors.New(scrub(msg, secrets...))
		}
	}
	return err
}
