package identity

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

const testAudience = "https://api.warroom.test"

// clock is a settable time source for the validator.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestValidator(t *testing.T, idp *fakeIdP, clk *clock) *Validator {
	t.Helper()
	v, err := NewValidator(context.Background(), Options{Issuer: idp.issuer, Audience: testAudience, HTTPClient: idp.srv.Client()})
	if err != nil {
		t.Fatalf("NewValidator: %v", err)
	}
	v.now = clk.Now
	return v
}

// accessClaims is a valid Auth0-style access token payload at now.
func accessClaims(idp *fakeIdP, now time.Time) map[string]any {
	return map[string]any{
		"iss":   idp.issuer,
		"sub":   "auth0|alice",
		"aud":   []any{testAudience, idp.issuer + "userinfo"},
		"iat":   now.Unix(),
		"exp":   now.Add(time.Hour).Unix(),
		"azp":   "client-1",
		"scope": "openid read:incidents",
	}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func b64json(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b64(b)
}

// hs256 builds an HS256 token whose HMAC secret is secret, as an attacker
// would with the provider's public key.
func hs256(t *testing.T, kid string, claims map[string]any, secret []byte) string {
	t.Helper()
	signing := b64json(t, map[string]string{"alg": "HS256", "typ": "JWT", "kid": kid}) + "." + b64json(t, claims)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(signing))
	return signing + "." + b64(m.Sum(nil))
}

func TestValidate(t *testing.T) {
	idp := newFakeIdP(t)
	idp.publish("k1", "k2")
	keys := rsaKeys(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	pubDER, err := x509.MarshalPKIXPublicKey(&keys["k1"].PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})

	with := func(edit func(c map[string]any)) map[string]any {
		c := accessClaims(idp, now)
		edit(c)
		return c
	}
	rs := func(kid string, c map[string]any) string { return signRS(t, keys["k1"], jose.RS256, kid, c) }

	tests := []struct {
		name    string
		token   func() string
		wantErr error
		check   func(t *testing.T, c Claims)
	}{
		{
			name:  "valid, scope string, aud array",
			token: func() string { return rs("k1", accessClaims(idp, now)) },
			check: func(t *testing.T, c Claims) {
				if c.Subject != "auth0|alice" || c.Issuer != idp.issuer {
					t.Errorf("sub/iss = %q/%q", c.Subject, c.Issuer)
				}
				if !slices.Equal(c.Audience, []string{testAudience, idp.issuer + "userinfo"}) {
					t.Errorf("aud = %q", c.Audience)
				}
				if !slices.Equal(c.Scopes, []string{"openid", "read:incidents"}) {
					t.Errorf("scopes = %q", c.Scopes)
				}
				if !c.ExpiresAt.Equal(now.Add(time.Hour)) {
					t.Errorf("ExpiresAt = %v", c.ExpiresAt)
				}
				if c.Raw["azp"] != "client-1" {
					t.Errorf("Raw[azp] = %v", c.Raw["azp"])
				}
			},
		},
		{
			name: "valid, permissions array unioned with scope",
			token: func() string {
				return rs("k1", with(func(c map[string]any) {
					c["scope"] = "openid read:incidents  approve:actions"
					c["permissions"] = []string{"approve:actions", "execute:actions"}
				}))
			},
			check: func(t *testing.T, c Claims) {
				want := []string{"openid", "read:incidents", "approve:actions", "execute:actions"}
				if !slices.Equal(c.Scopes, want) {
					t.Errorf("scopes = %q, want %q", c.Scopes, want)
				}
				if !c.HasScopes("approve:actions", "execute:actions") || c.HasScopes("approve:actions", "admin") || !c.HasScopes() {
					t.Error("HasScopes wrong")
				}
			},
		},
		{
			name: "valid, permissions only, aud string",
			token: func() string {
				return rs("k1", with(func(c map[string]any) {
					delete(c, "scope")
					c["permissions"] = []string{"read:incidents"}
					c["aud"] = testAudience
				}))
			},
			check: func(t *testing.T, c Claims) {
				if !slices.Equal(c.Scopes, []string{"read:incidents"}) || !slices.Equal(c.Audience, []string{testAudience}) {
					t.Errorf("scopes %q aud %q", c.Scopes, c.Audience)
				}
			},
		},
		{
			name:  "valid, second published key",
			token: func() string { return signRS(t, keys["k2"], jose.RS256, "k2", accessClaims(idp, now)) },
		},
		{
			name: "expired within leeway accepted",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["exp"] = now.Add(-59 * time.Second).Unix() }))
			},
		},
		{
			name: "nbf within leeway accepted",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["nbf"] = now.Add(30 * time.Second).Unix() }))
			},
		},
		{
			name: "alg none",
			token: func() string {
				return b64json(t, map[string]string{"alg": "none", "kid": "k1"}) + "." + b64json(t, accessClaims(idp, now)) + "."
			},
			wantErr: ErrAlgorithm,
		},
		{
			name: "alg None (case variant)",
			token: func() string {
				return b64json(t, map[string]string{"alg": "None", "kid": "k1"}) + "." + b64json(t, accessClaims(idp, now)) + "."
			},
			wantErr: ErrAlgorithm,
		},
		{
			name:    "HS256 signed with the public key PEM",
			token:   func() string { return hs256(t, "k1", accessClaims(idp, now), pubPEM) },
			wantErr: ErrAlgorithm,
		},
		{
			name:    "HS256 signed with the public key DER",
			token:   func() string { return hs256(t, "k1", accessClaims(idp, now), pubDER) },
			wantErr: ErrAlgorithm,
		},
		{
			name:    "RS512",
			token:   func() string { return signRS(t, keys["k1"], jose.RS512, "k1", accessClaims(idp, now)) },
			wantErr: ErrAlgorithm,
		},
		{
			name:    "PS256",
			token:   func() string { return signRS(t, keys["k1"], jose.PS256, "k1", accessClaims(idp, now)) },
			wantErr: ErrAlgorithm,
		},
		{
			name: "no alg",
			token: func() string {
				return b64json(t, map[string]string{"kid": "k1"}) + "." + b64json(t, accessClaims(idp, now)) + "." + b64([]byte("sig"))
			},
			wantErr: ErrAlgorithm,
		},
		{
			name:    "unknown kid",
			token:   func() string { return rs("k9", accessClaims(idp, now)) },
			wantErr: ErrUnknownKey,
		},
		{
			name:    "missing kid",
			token:   func() string { return rs("", accessClaims(idp, now)) },
			wantErr: ErrUnknownKey,
		},
		{
			name:    "signed by k2 but claims kid k1",
			token:   func() string { return signRS(t, keys["k2"], jose.RS256, "k1", accessClaims(idp, now)) },
			wantErr: ErrSignature,
		},
		{
			name: "payload altered after signing",
			token: func() string {
				parts := strings.Split(rs("k1", accessClaims(idp, now)), ".")
				parts[1] = b64json(t, with(func(c map[string]any) { c["scope"] = "admin" }))
				return strings.Join(parts, ".")
			},
			wantErr: ErrSignature,
		},
		{
			name: "expired beyond leeway",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["exp"] = now.Add(-61 * time.Second).Unix() }))
			},
			wantErr: ErrExpired,
		},
		{
			name: "expired exactly at exp+leeway",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["exp"] = now.Add(-60 * time.Second).Unix() }))
			},
			wantErr: ErrExpired,
		},
		{
			name: "nbf in the future",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["nbf"] = now.Add(2 * time.Minute).Unix() }))
			},
			wantErr: ErrNotYetValid,
		},
		{
			name: "iat in the future",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["iat"] = now.Add(5 * time.Minute).Unix() }))
			},
			wantErr: ErrNotYetValid,
		},
		{
			name: "wrong iss: missing trailing slash",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["iss"] = strings.TrimSuffix(idp.issuer, "/") }))
			},
			wantErr: ErrIssuer,
		},
		{
			name: "wrong iss: other tenant",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["iss"] = "https://evil.example.com/" }))
			},
			wantErr: ErrIssuer,
		},
		{
			name:    "missing iss",
			token:   func() string { return rs("k1", with(func(c map[string]any) { delete(c, "iss") })) },
			wantErr: ErrIssuer,
		},
		{
			name:    "wrong aud string",
			token:   func() string { return rs("k1", with(func(c map[string]any) { c["aud"] = "https://other-api.test" })) },
			wantErr: ErrAudience,
		},
		{
			name: "wrong aud array",
			token: func() string {
				return rs("k1", with(func(c map[string]any) { c["aud"] = []string{"a", idp.issuer + "userinfo"} }))
			},
			wantErr: ErrAudience,
		},
		{
			name:    "missing aud",
			token:   func() string { return rs("k1", with(func(c map[string]any) { delete(c, "aud") })) },
			wantErr: ErrAudience,
		},
		{
			name:    "missing exp",
			token:   func() string { return rs("k1", with(func(c map[string]any) { delete(c, "exp") })) },
			wantErr: ErrMalformed,
		},
		{
			name:    "exp as string",
			token:   func() string { return rs("k1", with(func(c map[string]any) { c["exp"] = "tomorrow" })) },
			wantErr: ErrMalformed,
		},
		{
			name:    "scope as array",
			token:   func() string { return rs("k1", with(func(c map[string]any) { c["scope"] = []string{"a"} })) },
			wantErr: ErrMalformed,
		},
		{
			name:    "permissions with a number",
			token:   func() string { return rs("k1", with(func(c map[string]any) { c["permissions"] = []any{"a", 1} })) },
			wantErr: ErrMalformed,
		},
		{name: "malformed: empty", token: func() string { return "" }, wantErr: ErrMalformed},
		{name: "malformed: one part", token: func() string { return "abc" }, wantErr: ErrMalformed},
		{name: "malformed: two parts", token: func() string { return "abc.def" }, wantErr: ErrMalformed},
		{name: "malformed: four parts", token: func() string { return "a.b.c.d" }, wantErr: ErrMalformed},
		{name: "malformed: header not base64", token: func() string { return "!!!.e30.c2ln" }, wantErr: ErrMalformed},
		{name: "malformed: header not JSON", token: func() string { return b64([]byte("nope")) + ".e30.c2ln" }, wantErr: ErrMalformed},
		{
			name: "malformed: JWS JSON serialization",
			token: func() string {
				return `{"payload":"e30","protected":"` + b64json(t, map[string]string{"alg": "RS256", "kid": "k1"}) + `","signature":"c2ln"}`
			},
			wantErr: ErrMalformed,
		},
		{
			name: "malformed: payload not JSON (validly signed)",
			token: func() string {
				signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: keys["k1"]}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
				if err != nil {
					t.Fatal(err)
				}
				obj, err := signer.Sign([]byte("not json"))
				if err != nil {
					t.Fatal(err)
				}
				s, _ := obj.CompactSerialize()
				return s
			},
			wantErr: ErrMalformed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newTestValidator(t, idp, &clock{t: now})
			raw := tt.token()
			c, err := v.Validate(context.Background(), raw)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				if tt.check != nil {
					tt.check(t, c)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Validate error = %v, want %v", err, tt.wantErr)
			}
			if !errors.Is(err, ErrInvalidToken) {
				t.Errorf("error %v does not wrap ErrInvalidToken", err)
			}
			if len(raw) > 8 && strings.Contains(err.Error(), raw) {
				t.Errorf("error contains the raw token: %v", err)
			}
			for _, part := range strings.Split(raw, ".") {
				if len(part) > 16 && strings.Contains(err.Error(), part) {
					t.Errorf("error contains a token segment: %v", err)
				}
			}
			if c.Subject != "" || c.Raw != nil {
				t.Errorf("claims returned with an error: %+v", c)
			}
		})
	}
}

// TestKeyRotation covers the JWKS cache: rotation to a new kid triggers one
// refetch; an unknown kid right after is refused without fetching; after
// MinRefetch a refetch is allowed again; concurrent misses fetch once; a
// withdrawn key stops verifying once the cache ages out.
func TestKeyRotation(t *testing.T) {
	idp := newFakeIdP(t) // publishes k1 only
	keys := rsaKeys(t)
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	v := newTestValidator(t, idp, clk)
	ctx := context.Background()
	token := func(kid string, key string) string {
		return signRS(t, keys[key], jose.RS256, kid, accessClaims(idp, clk.Now()))
	}
	step := func(name, raw string, wantErr error, wantFetches int32) {
		t.Helper()
		_, err := v.Validate(ctx, raw)
		if wantErr == nil && err != nil {
			t.Fatalf("%s: Validate: %v", name, err)
		}
		if wantErr != nil && !errors.Is(err, wantErr) {
			t.Fatalf("%s: error = %v, want %v", name, err, wantErr)
		}
		if got := idp.jwksFetches.Load(); got != wantFetches {
			t.Fatalf("%s: JWKS fetches = %d, want %d", name, got, wantFetches)
		}
	}

	step("first use fetches", token("k1", "k1"), nil, 1)
	step("cached", token("k1", "k1"), nil, 1)

	// The provider rotates: k2 appears. It is not in our cached set.
	idp.publish("k1", "k2")
	clk.Add(31 * time.Second)
	step("new kid refetches once and is accepted", token("k2", "k2"), nil, 2)
	step("k2 now cached", token("k2", "k2"), nil, 2)
	step("unknown kid immediately after: rate limited, no fetch", token("k3", "k1"), ErrUnknownKey, 2)
	clk.Add(10 * time.Second)
	step("still inside MinRefetch", token("k3", "k1"), ErrUnknownKey, 2)
	clk.Add(21 * time.Second)
	step("after MinRefetch: one refetch, still unknown", token("k3", "k1"), ErrUnknownKey, 3)

	// Many concurrent misses after the window: exactly one fetch.
	clk.Add(31 * time.Second)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := v.Validate(ctx, token("k4", "k1")); !errors.Is(err, ErrUnknownKey) {
				t.Errorf("concurrent unknown kid: %v", err)
			}
		})
	}
	wg.Wait()
	if got := idp.jwksFetches.Load(); got != 4 {
		t.Fatalf("concurrent misses: JWKS fetches = %d, want 4", got)
	}

	// k1 is withdrawn. Cached keys are trusted for keysMaxAge; after that
	// the next validation refreshes and k1 stops verifying.
	idp.publish("k2")
	step("withdrawn key still cached", token("k1", "k1"), nil, 4)
	clk.Add(keysMaxAge)
	step("aged cache refreshes; withdrawn key refused", token("k1", "k1"), ErrUnknownKey, 5)
	step("k2 still good", token("k2", "k2"), nil, 5)
}

func TestKeySetUnavailable(t *testing.T) {
	idp := newFakeIdP(t)
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	v := newTestValidator(t, idp, clk)
	raw := signRS(t, rsaKeys(t)["k1"], jose.RS256, "k1", accessClaims(idp, clk.Now()))
	idp.srv.Close()
	_, err := v.Validate(context.Background(), raw)
	if !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("error = %v, want ErrUnknownKey", err)
	}
	if publicMessage(err) != ErrUnknownKey.Error() {
		t.Errorf("public message %q leaks fetch details", publicMessage(err))
	}
}

func TestNewValidator(t *testing.T) {
	tests := []struct {
		name     string
		opts     func(idp *fakeIdP) Options
		noDisc   bool
		wantErr  string
		wantJWKS func(idp *fakeIdP) string
	}{
		{
			name:     "jwks_uri from discovery",
			opts:     func(idp *fakeIdP) Options { return Options{Issuer: idp.issuer, Audience: testAudience} },
			wantJWKS: func(idp *fakeIdP) string { return idp.srv.URL + "/.well-known/jwks.json" },
		},
		{
			name:     "no discovery document: issuer + .well-known/jwks.json",
			opts:     func(idp *fakeIdP) Options { return Options{Issuer: idp.issuer, Audience: testAudience} },
			noDisc:   true,
			wantJWKS: func(idp *fakeIdP) string { return idp.issuer + ".well-known/jwks.json" },
		},
		{
			name: "explicit JWKSURL skips discovery",
			opts: func(idp *fakeIdP) Options {
				return Options{Issuer: "https://elsewhere.example/", Audience: testAudience, JWKSURL: idp.srv.URL + "/keys"}
			},
			wantJWKS: func(idp *fakeIdP) string { return idp.srv.URL + "/keys" },
		},
		{
			name:    "discovery issuer differs (no trailing slash configured)",
			opts:    func(idp *fakeIdP) Options { return Options{Issuer: idp.srv.URL, Audience: testAudience} },
			wantErr: "does not equal the configured issuer",
		},
		{
			name:    "issuer required",
			opts:    func(idp *fakeIdP) Options { return Options{Audience: testAudience} },
			wantErr: "Issuer is required",
		},
		{
			name:    "audience required",
			opts:    func(idp *fakeIdP) Options { return Options{Issuer: idp.issuer} },
			wantErr: "Audience is required",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idp := newFakeIdP(t)
			idp.configure(func(p *fakeIdP) { p.noDiscovery = tt.noDisc })
			opts := tt.opts(idp)
			opts.HTTPClient = idp.srv.Client()
			v, err := NewValidator(context.Background(), opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.keys.url != tt.wantJWKS(idp) {
				t.Errorf("JWKS URL = %q, want %q", v.keys.url, tt.wantJWKS(idp))
			}
			if v.leeway != 60*time.Second || v.keys.minRefetch != 30*time.Second {
				t.Errorf("defaults: leeway %v minRefetch %v", v.leeway, v.keys.minRefetch)
			}
			if idp.jwksFetches.Load() != 0 {
				t.Error("NewValidator fetched keys eagerly")
			}
		})
	}
}
