package vault

import (
	"context"
	"errors"
	"testing"

	"golang.org/x/oauth2"

	"github.com/warroom/warroom/internal/identity/oidctest"
)

// TestBuiltinAgainstOP runs the built-in vault's connect, refresh, rotation
// and revocation against a real OAuth 2.0 / OIDC provider (zitadel's op),
// which rotates refresh tokens: a vault that kept using the first refresh
// token would be refused on its second Token call.
func TestBuiltinAgainstOP(t *testing.T) {
	ctx := context.Background()
	const redirect = "https://warroom.example/connect/corp/callback"
	p := oidctest.New(t, oidctest.Options{
		Users:   []oidctest.User{{Subject: "corp|alice", Username: "alice", Password: "alice-pw"}},
		Clients: []oidctest.Client{{ID: "warroom-vault", Secret: "vault-secret", RedirectURIs: []string{redirect}, Scopes: []string{"deploy"}}},
	})
	authorize, token, revoke := p.Endpoints()
	kr, err := NewKeyring("k1", map[string][]byte{"k1": mustKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	grants := NewMemoryGrants()
	v, err := NewBuiltin(BuiltinOptions{
		Providers: map[string]*oauth2.Config{"corp": {ClientID: "warroom-vault", ClientSecret: "vault-secret", RedirectURL: redirect,
			Endpoint: oauth2.Endpoint{AuthURL: authorize, TokenURL: token, AuthStyle: oauth2.AuthStyleInHeader},
			Scopes:   []string{"openid", "offline_access", "deploy"}}},
		RevokeURLs: map[string]string{"corp": revoke},
		Grants:     grants, Keys: kr,
	})
	if err != nil {
		t.Fatal(err)
	}
	connect := func() {
		t.Helper()
		u, verifier, err := v.AuthCodeURL("alice", "corp", "state-1")
		if err != nil {
			t.Fatal(err)
		}
		code, err := p.Authorize(ctx, u, "alice", "alice-pw")
		if err != nil {
			t.Fatalf("alice authorizes at the op: %v", err)
		}
		if err := v.Complete(ctx, "alice", "corp", code, verifier); err != nil {
			t.Fatalf("Complete: %v", err)
		}
	}
	connect()
	stored := func() string {
		t.Helper()
		g, err := grants.GetGrant(ctx, "alice", "corp")
		if err != nil {
			t.Fatal(err)
		}
		rt, err := v.open(g)
		if err != nil {
			t.Fatal(err)
		}
		return rt
	}
	first := stored()

	var seen []string
	for i := range 3 {
		tok, err := v.Token(ctx, "alice", "corp", []string{"deploy"})
		if err != nil {
			t.Fatalf("refresh %d: %v", i+1, err)
		}
		if tok.AccessToken == "" {
			t.Fatalf("refresh %d: no access token", i+1)
		}
		seen = append(seen, tok.AccessToken)
	}
	if seen[0] == seen[1] || seen[1] == seen[2] {
		t.Fatal("each Token call must refresh at the provider")
	}
	if stored() == first {
		t.Fatal("the rotated refresh token was not stored")
	}

	// Revoked at the provider (by an admin): token_expired, grant kept for re-connect.
	p.RevokeRefreshTokens("corp|alice")
	if _, err := v.Token(ctx, "alice", "corp", nil); !errors.Is(err, ErrTokenExpired) {
		t.Fatalf("after revocation at the op: %v, want ErrTokenExpired", err)
	}
	connect()
	if _, err := v.Token(ctx, "alice", "corp", nil); err != nil {
		t.Fatalf("after re-connect: %v", err)
	}

	// Revoke removes the grant and revokes the refresh token at the op (RFC 7009).
	if err := v.Revoke(ctx, "alice", "corp"); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	if n := p.Revocations(); n != 1 {
		t.Fatalf("the op revoked %d refresh tokens, want 1", n)
	}
	if _, err := v.Token(ctx, "alice", "corp", nil); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("after Revoke: %v, want ErrNotConnected", err)
	}
}
