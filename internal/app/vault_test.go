package app

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// oauthProvider is a provider's OAuth token endpoint: authorization_code
// issues a refresh token, refresh_token refreshes while the grant is live.
type oauthProvider struct {
	mu      sync.Mutex
	revoked bool
	calls   int
}

func (p *oauthProvider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	w.Header().Set("Content-Type", "application/json")
	switch r.Form.Get("grant_type") {
	case "authorization_code":
		fmt.Fprint(w, `{"access_token":"gho_first","refresh_token":"ghr_long_lived_secret","token_type":"bearer","expires_in":28800}`)
	case "refresh_token":
		if p.revoked || r.Form.Get("refresh_token") != "ghr_long_lived_secret" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"invalid_grant","error_description":"The refresh token is invalid."}`)
			return
		}
		fmt.Fprintf(w, `{"access_token":"gho_fresh_%d","token_type":"bearer","expires_in":28800}`, p.calls)
	}
}

func key(b byte) string { return hex.EncodeToString(bytes.Repeat([]byte{b}, 32)) }

func TestKeyringSpec(t *testing.T) {
	for _, tc := range []struct {
		spec string
		ok   bool
	}{
		{"k1:" + key(1), true},
		{"k2:" + key(2) + ", k1:" + key(1), true},
		{"k1", false},
		{"k1:short", false},
		{":" + key(1), false},
	} {
		if _, err := keyring(tc.spec); (err == nil) != tc.ok {
			t.Errorf("%q: err = %v", tc.spec, err)
		}
	}
}

func TestBuiltinVaultThroughTheStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		dsn := storetest.DSN(t, d)
		st := storetest.OpenDSN(t, dsn)
		prov := &oauthProvider{}
		srv := httptest.NewServer(prov)
		defer srv.Close()
		cfg := config.Default()
		cfg.DB = dsn
		cfg.Vault = config.Vault{Kind: "builtin", Keys: "k1:" + key(1), Providers: map[string]config.OAuthProvider{
			"github": {ClientID: "warroom", ClientSecret: "s3cret", AuthURL: srv.URL + "/authorize", TokenURL: srv.URL + "/token",
				RedirectURL: "http://127.0.0.1:8080/v1/connect/github/callback", Scopes: []string{"repo"}}}}
		b, builtin, err := broker(cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		fetch := credentials(b)
		if _, err := fetch(ctx, "alice", "github", []string{"repo"}); !errors.Is(err, action.ErrTokenExpired) {
			t.Fatalf("before connecting: %v, want a re-authorization", err)
		}
		authURL, verifier, err := builtin.AuthCodeURL("alice", "github", "state-1")
		if err != nil || !strings.Contains(authURL, "code_challenge=") {
			t.Fatalf("connect URL %s %v", authURL, err)
		}
		if err := builtin.Complete(ctx, "alice", "github", "code-1", verifier); err != nil {
			t.Fatal(err)
		}
		g, err := st.GetGrant(ctx, "alice", "github")
		if err != nil || bytes.Contains(g.Ciphertext, []byte("ghr_long_lived_secret")) || g.KeyID != "k1" {
			t.Fatalf("stored grant %+v %v", g, err)
		}
		before := prov.calls
		tok, err := fetch(ctx, "alice", "github", []string{"repo"})
		if err != nil || !strings.HasPrefix(tok.Reveal(), "gho_fresh_") || prov.calls != before+1 {
			t.Fatalf("token %v err %v, provider calls %d -> %d", tok, err, before, prov.calls)
		}

		// Rotation: k2 becomes current; afterwards k1 can be dropped.
		cfg.Vault.Keys = "k2:" + key(2) + ",k1:" + key(1)
		if n, err := RotateVaultKey(ctx, cfg); err != nil || n != 1 {
			t.Fatalf("rotate: %d %v", n, err)
		}
		if n, _ := RotateVaultKey(ctx, cfg); n != 0 {
			t.Fatalf("second rotation re-sealed %d", n)
		}
		cfg.Vault.Keys = "k2:" + key(2)
		b, _, err = broker(cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := credentials(b)(ctx, "alice", "github", []string{"repo"}); err != nil {
			t.Fatalf("after rotation with only the new key: %v", err)
		}

		// The provider revokes the grant: the engine is told to ask for re-authorization.
		prov.mu.Lock()
		prov.revoked = true
		prov.mu.Unlock()
		_, err = credentials(b)(ctx, "alice", "github", []string{"repo"})
		if !errors.Is(err, action.ErrTokenExpired) || strings.Contains(err.Error(), "ghr_") || strings.Contains(err.Error(), "s3cret") {
			t.Fatalf("revoked grant: %v", err)
		}
	})
}

// The refresh token sealed at sign-in is the subject of the Token Vault exchange.
func TestAuth0SubjectSealedAtSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		var got url.Values
		auth0 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			got = r.Form
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"access_token":"gho_from_vault","expires_in":600,"issued_token_type":"http://auth0.com/oauth/token-type/federated-connection-access-token","token_type":"Bearer"}`)
		}))
		defer auth0.Close()
		cfg := config.Default()
		cfg.Vault = config.Vault{Kind: "auth0", Keys: "k1:" + key(1), Auth0: config.Auth0Vault{Domain: "tenant.auth0.test", BaseURL: auth0.URL,
			ClientID: "warroom", ClientSecret: "s3cret", Connections: map[string]string{"github": "github"}}}
		seal, err := sealAuth0Subject(st, cfg)
		if err != nil || seal == nil {
			t.Fatalf("seal: %v", err)
		}
		if err := seal(ctx, "alice", "v1.auth0-refresh-token"); err != nil {
			t.Fatal(err)
		}
		g, _ := st.GetGrant(ctx, "alice", Auth0SubjectProvider)
		if strings.Contains(string(g.Ciphertext), "auth0-refresh-token") {
			t.Fatal("the Auth0 refresh token is stored in clear")
		}
		b, _, err := broker(cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := credentials(b)(ctx, "alice", "github", nil)
		if err != nil || tok.Reveal() != "gho_from_vault" {
			t.Fatalf("token %v %v", tok, err)
		}
		if got.Get("subject_token") != "v1.auth0-refresh-token" || got.Get("subject_token_type") != "urn:ietf:params:oauth:token-type:refresh_token" || got.Get("connection") != "github" {
			t.Fatalf("exchange request %v", got)
		}
		if _, err := credentials(b)(ctx, "bob", "github", nil); !errors.Is(err, action.ErrTokenExpired) {
			t.Fatalf("bob never signed in: %v", err)
		}
	})
}
