package identity

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Options configures a Validator.
type Options struct {
	// Issuer is compared with the iss claim exactly as written here (Auth0
	// issuers end with "/").
	Issuer string
	// Audience is the API identifier that aud must contain.
	Audience string
	// JWKSURL is where the signing keys are. Empty: the jwks_uri from the
	// issuer's discovery document, or Issuer + ".well-known/jwks.json" when
	// the issuer has no discovery document (404).
	JWKSURL string
	// Leeway is the clock skew allowed for exp, nbf and iat. Default 60s.
	Leeway time.Duration
	// HTTPClient fetches discovery and the key set. Default: a client with
	// a 10s timeout.
	HTTPClient *http.Client
	// MinRefetch is the shortest interval between two key-set fetches
	// triggered by an unknown kid. Default 30s.
	MinRefetch time.Duration
}

// Validator checks RS256 access tokens against an issuer's key set.
// It is safe for concurrent use.
type Validator struct {
	issuer   string
	audience string
	leeway   time.Duration
	keys     *keyCache
	now      func() time.Time
}

const (
	defaultLeeway     = 60 * time.Second
	defaultMinRefetch = 30 * time.Second
	maxTokenBytes     = 16 << 10
	maxDocumentBytes  = 1 << 20
)

// NewValidator builds a Validator. When opts.JWKSURL is empty it reads the
// issuer's discovery document (whose issuer must equal opts.Issuer). Keys
// are fetched on first use.
func NewValidator(ctx context.Context, opts Options) (*Validator, error) {
	if opts.Issuer == "" {
		return nil, errors.New("identity: Issuer is required")
	}
	if opts.Audience == "" {
		return nil, errors.New("identity: Audience is required")
	}
	if opts.Leeway < 0 || opts.MinRefetch < 0 {
		return nil, errors.New("identity: Leeway and MinRefetch must not be negative")
	}
	if opts.Leeway == 0 {
		opts.Leeway = defaultLeeway
	}
	if opts.MinRefetch == 0 {
		opts.MinRefetch = defaultMinRefetch
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	jwksURL := opts.JWKSURL
	if jwksURL == "" {
		var err error
		if jwksURL, err = discoverJWKS(ctx, client, opts.Issuer); err != nil {
			return nil, err
		}
	}
	v := &Validator{issuer: opts.Issuer, audience: opts.Audience, leeway: opts.Leeway, now: time.Now}
	v.keys = &keyCache{url: jwksURL, client: client, minRefetch: opts.MinRefetch, maxAge: keysMaxAge, now: func() time.Time { return v.now() }}
	return v, nil
}

// discoverJWKS reads jwks_uri from the issuer's discovery document.
func discoverJWKS(ctx context.Context, client *http.Client, issuer string) (string, error) {
	fallback := strings.TrimSuffix(issuer, "/") + "/.well-known/jwks.json"
	u := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", fmt.Errorf("identity: discovery: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("identity: discovery: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return fallback, nil
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("identity: discovery %s: HTTP %d", u, resp.StatusCode)
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxDocumentBytes)).Decode(&doc); err != nil {
		return "", fmt.Errorf("identity: discovery %s: %w", u, err)
	}
	if doc.Issuer != issuer {
		return "", fmt.Errorf("identity: discovery %s: issuer %q does not equal the configured issuer %q", u, doc.Issuer, issuer)
	}
	if doc.JWKSURI == "" {
		return fallback, nil
	}
	return doc.JWKSURI, nil
}

// Validate checks raw (a compact JWS) and returns its claims. Checks, in
// order: shape, alg (RS256 only), kid in the key set, signature, exp, nbf,
// iat, iss, aud. Every error wraps ErrInvalidToken and one typed error;
// none contains the token.
func (v *Validator) Validate(ctx context.Context, raw string) (Claims, error) {
	if raw == "" || len(raw) > maxTokenBytes || strings.Count(raw, ".") != 2 {
		return Claims{}, fmt.Errorf("%w: not a compact JWS", ErrMalformed)
	}
	// Classify the algorithm ourselves so "none" and HS256 get ErrAlgorithm
	// rather than a parse error; go-jose enforces the same list below.
	headerPart, _, _ := strings.Cut(raw, ".")
	hb, err := base64.RawURLEncoding.DecodeString(headerPart)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: header is not base64url", ErrMalformed)
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if err := json.Unmarshal(hb, &header); err != nil {
		return Claims{}, fmt.Errorf("%w: header is not a JSON object", ErrMalformed)
	}
	if header.Alg != string(jose.RS256) {
		return Claims{}, fmt.Errorf("%w: %q", ErrAlgorithm, truncate(header.Alg))
	}
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || len(jws.Signatures) != 1 {
		return Claims{}, fmt.Errorf("%w: cannot parse JWS", ErrMalformed)
	}
	kid := jws.Signatures[0].Header.KeyID
	if kid == "" {
		return Claims{}, fmt.Errorf("%w: header has no kid", ErrUnknownKey)
	}
	key, err := v.keys.key(ctx, kid)
	if err != nil {
		return Claims{}, err
	}
	payload, err := jws.Verify(key)
	if err != nil {
		return Claims{}, ErrSignature
	}
	return v.checkClaims(payload)
}

func (v *Validator) checkClaims(payload []byte) (Claims, error) {
	var raw map[string]any
	if err := json.Unmarshal(payload, &raw); err != nil || raw == nil {
		return Claims{}, fmt.Errorf("%w: payload is not a JSON object", ErrMalformed)
	}
	c := Claims{Raw: raw}
	now := v.now()

	exp, ok, err := timeClaim(raw, "exp")
	switch {
	case err != nil:
		return Claims{}, err
	case !ok:
		return Claims{}, fmt.Errorf("%w: exp is required", ErrMalformed)
	case !now.Before(exp.Add(v.leeway)):
		return Claims{}, ErrExpired
	}
	c.ExpiresAt = exp
	nbf, ok, err := timeClaim(raw, "nbf")
	if err != nil {
		return Claims{}, err
	}
	if ok && now.Add(v.leeway).Before(nbf) {
		return Claims{}, fmt.Errorf("%w: nbf is in the future", ErrNotYetValid)
	}
	iat, ok, err := timeClaim(raw, "iat")
	if err != nil {
		return Claims{}, err
	}
	if ok && now.Add(v.leeway).Before(iat) {
		return Claims{}, fmt.Errorf("%w: iat is in the future", ErrNotYetValid)
	}

	if c.Issuer, err = stringClaim(raw, "iss"); err != nil {
		return Claims{}, err
	}
	if c.Issuer != v.issuer {
		return Claims{}, fmt.Errorf("%w: %q", ErrIssuer, truncate(c.Issuer))
	}
	switch a := raw["aud"].(type) {
	case nil:
	case string:
		c.Audience = []string{a}
	case []any:
		for _, x := range a {
			s, ok := x.(string)
			if !ok {
				return Claims{}, fmt.Errorf("%w: aud must be a string or an array of strings", ErrMalformed)
			}
			c.Audience = append(c.Audience, s)
		}
	default:
		return Claims{}, fmt.Errorf("%w: aud must be a string or an array of strings", ErrMalformed)
	}
	if !containsString(c.Audience, v.audience) {
		return Claims{}, ErrAudience
	}
	if c.Subject, err = stringClaim(raw, "sub"); err != nil {
		return Claims{}, err
	}

	scope, err := stringClaim(raw, "scope")
	if err != nil {
		return Claims{}, err
	}
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			c.Scopes = append(c.Scopes, s)
		}
	}
	for _, s := range strings.Fields(scope) {
		add(s)
	}
	switch p := raw["permissions"].(type) {
	case nil:
	case []any:
		for _, x := range p {
			s, ok := x.(string)
			if !ok {
				return Claims{}, fmt.Errorf("%w: permissions must be an array of strings", ErrMalformed)
			}
			add(s)
		}
	default:
		return Claims{}, fmt.Errorf("%w: permissions must be an array of strings", ErrMalformed)
	}
	return c, nil
}

// timeClaim reads a NumericDate claim; ok is false when it is absent.
func timeClaim(raw map[string]any, name string) (t time.Time, ok bool, err error) {
	x, present := raw[name]
	if !present || x == nil {
		return time.Time{}, false, nil
	}
	f, isNum := x.(float64)
	if !isNum || f < 0 || f > 1<<40 {
		return time.Time{}, false, fmt.Errorf("%w: %s must be a NumericDate", ErrMalformed, name)
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)), true, nil
}

// stringClaim reads an optional string claim ("" when absent).
func stringClaim(raw map[string]any, name string) (string, error) {
	switch x := raw[name].(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	default:
		return "", fmt.Errorf("%w: %s must be a string", ErrMalformed, name)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// truncate bounds an attacker-supplied claim value quoted in an error.
func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
