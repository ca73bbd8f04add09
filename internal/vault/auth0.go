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
	"time"
)

// Wire constants of Auth0 Token Vault (PROTOCOLS.md §1) and RFC 8693 (§9).
const (
	GrantTypeFederatedConnection = "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token"
	TokenTypeFederatedConnection = "http://auth0.com/oauth/token-type/federated-connection-access-token"
	TokenTypeAccessToken         = "urn:ietf:params:oauth:token-type:access_token"
	TokenTypeRefreshToken        = "urn:ietf:params:oauth:token-type:refresh_token"
)

// SubjectKind says which Auth0 token a [SubjectSource] returned.
type SubjectKind int

const (
	// AccessToken: the engineer's Auth0 access token, when a session exists
	// (access-token exchange; the client must be the Custom API Client).
	AccessToken SubjectKind = iota + 1
	// RefreshToken: the engineer's stored Auth0 refresh token, for
	// background runs (refresh-token exchange).
	RefreshToken
)

func (k SubjectKind) String() string {
	switch k {
	case AccessToken:
		return "access_token"
	case RefreshToken:
		return "refresh_token"
	}
	return fmt.Sprintf("SubjectKind(%d)", int(k))
}

// TokenTypeURN returns the RFC 8693 subject_token_type for k.
func (k SubjectKind) TokenTypeURN() string {
	switch k {
	case AccessToken:
		return TokenTypeAccessToken
	case RefreshToken:
		return TokenTypeRefreshToken
	}
	return ""
}

// SubjectSource supplies the Auth0 token that represents the engineer in the
// exchange. When the engineer has no usable Auth0 session or refresh token it
// should return an error wrapping [ErrTokenExpired] (or [ErrNotConnected]);
// those are passed through, any other error becomes [ErrProvider].
type SubjectSource interface {
	Subject(ctx context.Context, engineer string) (token string, kind SubjectKind, err error)
}

// SubjectFunc adapts a function to [SubjectSource].
type SubjectFunc func(ctx context.Context, engineer string) (string, SubjectKind, error)

// Subject calls f.
func (f SubjectFunc) Subject(ctx context.Context, engineer string) (string, SubjectKind, error) {
	return f(ctx, engineer)
}

// Auth0Options configures [NewAuth0].
type Auth0Options struct {
	// Domain is the tenant domain ("example.us.auth0.com"); the token
	// endpoint is https://{Domain}/oauth/token. BaseURL, when set, wins
	// (tests, custom domains): the endpoint is {BaseURL}/oauth/token.
	Domain  string
	BaseURL string
	// ClientID and ClientSecret authenticate WarRoom's client (sent in the
	// form body). For access-token exchange this is the Custom API Client.
	ClientID     string
	ClientSecret string
	// Connections maps a WarRoom provider name to the Auth0 connection name
	// ("github" -> "github", "google" -> "google-oauth2").
	Connections map[string]string
	// Subjects supplies the engineer's Auth0 subject token.
	Subjects SubjectSource
	// HTTPClient defaults to a client with a 30 s timeout.
	HTTPClient *http.Client
	// Now defaults to time.Now; it turns expires_in into Token.Expiry.
	Now func() time.Time
}

// Auth0 is the Auth0 Token Vault broker. It performs one federated
// connection access token exchange per [Auth0.Token] call and caches nothing.
type Auth0 struct {
	tokenURL     string
	clientID     string
	clientSecret string
	connections  map[string]string
	subjects     SubjectSource
	hc           *http.Client
	now          func() time.Time
}

var _ Broker = (*Auth0)(nil)

// NewAuth0 validates opts and returns the broker.
func NewAuth0(opts Auth0Options) (*Auth0, error) {
	base := strings.TrimRight(opts.BaseURL, "/")
	if base == "" {
		d := strings.TrimRight(opts.Domain, "/")
		if d == "" {
			return nil, errors.New("vault: auth0: Domain or BaseURL is required")
		}
		if strings.Contains(d, "://") {
			base = d
		} else {
			base = "https://" + d
		}
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("vault: auth0: invalid base URL %q", base)
	}
	if opts.ClientID == "" {
		return nil, errors.New("vault: auth0: ClientID is required")
	}
	if opts.Subjects == nil {
		return nil, errors.New("vault: auth0: Subjects is required")
	}
	conns := make(map[string]string, len(opts.Connections))
	for p, c := range opts.Connections {
		if c == "" {
			return nil, fmt.Errorf("vault: auth0: empty connection name for provider %q", p)
		}
		conns[p] = c
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Auth0{
		tokenURL:     base + "/oauth/token",
		clientID:     opts.ClientID,
		clientSecret: opts.ClientSecret,
		connections:  conns,
		subjects:     opts.Subjects,
		hc:           defaultHTTPClient(opts.HTTPClient),
		now:          now,
	}, nil
}

type auth0TokenResponse struct {
	AccessToken     string      `json:"access_token"`
	TokenType       string      `json:"token_type"`
	ExpiresIn       json.Number `json:"expires_in"`
	Scope           string      `json:"scope"`
	IssuedTokenType string      `json:"issued_token_type"`
	Error           string      `json:"error"`
	ErrorDesc       string      `json:"error_description"`
}

// Token exchanges the engineer's Auth0 subject token for the provider access
// token held in Token Vault. Scopes, when given, are sent as the (Early
// Access) space-delimited scope subset. Token.Scopes is the response's scope
// when present, otherwise the requested scopes (nil: all granted scopes).
//
// Errors: federated_connection_refresh_token_not_found / tokenset_not_found
// -> ErrNotConnected; invalid_grant -> ErrTokenExpired; 403 or
// unauthorized_client -> ErrForbidden; everything else -> ErrProvider.
func (a *Auth0) Token(ctx context.Context, engineer, provider string, scopes []string) (Token, error) {
	const op = "auth0 exchange"
	fail := func(kind error, msg string, cause error) (Token, error) {
		return Token{}, &Error{Kind: kind, Op: op, Engineer: engineer, Provider: provider, Msg: msg, Err: cause}
	}
	conn, ok := a.connections[provider]
	if !ok {
		return fail(ErrProvider, "no Auth0 connection configured for provider", nil)
	}
	subject, kind, err := a.subjects.Subject(ctx, engineer)
	if err != nil {
		if k := kindOf(err); k != ErrProvider {
			return fail(k, "no usable Auth0 subject token", err)
		}
		return fail(ErrProvider, "subject source failed", err)
	}
	if subject == "" {
		return fail(ErrTokenExpired, "no Auth0 subject token for engineer", nil)
	}
	stt := kind.TokenTypeURN()
	if stt == "" {
		return fail(ErrProvider, fmt.Sprintf("unknown subject kind %d", int(kind)), nil)
	}

	form := url.Values{
		"grant_type":           {GrantTypeFederatedConnection},
		"subject_token_type":   {stt},
		"subject_token":        {subject},
		"requested_token_type": {TokenTypeFederatedConnection},
		"connection":           {conn},
		"client_id":            {a.clientID},
	}
	if a.clientSecret != "" {
		form.Set("client_secret", a.clientSecret)
	}
	if len(scopes) > 0 {
		form.Set("scope", strings.Join(scopes, " "))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return fail(ErrProvider, "building request", nil)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")

	resp, err := a.hc.Do(req)
	if err != nil {
		return fail(ErrProvider, "token endpoint unreachable", safeErr(err, subject, a.clientSecret))
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if rerr != nil {
		return fail(ErrProvider, "reading token response", rerr)
	}

	var tr auth0TokenResponse
	jerr := json.Unmarshal(body, &tr)
	if resp.StatusCode != http.StatusOK || tr.Error != "" {
		e := &Error{Op: op, Engineer: engineer, Provider: provider, Status: resp.StatusCode}
		if jerr == nil {
			e.Code = scrub(tr.Error, subject, a.clientSecret)
			e.Description = scrub(tr.ErrorDesc, subject, a.clientSecret)
		} else {
			e.Msg = "non-JSON error response"
		}
		e.Kind = classifyOAuthError(resp.StatusCode, tr.Error)
		return Token{}, e
	}
	if jerr != nil {
		return fail(ErrProvider, "malformed token response", nil)
	}
	if tr.AccessToken == "" {
		return fail(ErrProvider, "token response has no access_token", nil)
	}
	if tr.IssuedTokenType != "" && tr.IssuedTokenType != TokenTypeFederatedConnection {
		return fail(ErrProvider, fmt.Sprintf("unexpected issued_token_type %q", scrub(tr.IssuedTokenType, subject, tr.AccessToken)), nil)
	}
	tok := Token{AccessToken: tr.AccessToken, TokenType: tr.TokenType}
	if tok.TokenType == "" {
		tok.TokenType = "Bearer"
	}
	if tr.ExpiresIn != "" {
		secs, err := tr.ExpiresIn.Float64()
		if err != nil || secs < 0 {
			return fail(ErrProvider, "malformed expires_in", nil)
		}
		if secs > 0 {
			tok.Expiry = a.now().Add(time.Duration(secs * float64(time.Second)))
		}
	}
	if s := splitScopes(tr.Scope); s != nil {
		tok.Scopes = s
	} else {
		tok.Scopes = cloneStrings(scopes)
	}
	return tok, nil
}
