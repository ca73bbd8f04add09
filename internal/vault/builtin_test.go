package vault

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/oauth2"
)

type builtinEnv struct {
	v      *Builtin
	fp     *fakeProvider
	grants *MemoryGrants
	keys   map[string][]byte
	secret string // the client secret WarRoom was configured with
}

func mustKey(t *testing.T) []byte {
	t.Helper()
	k, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newBuiltinEnv(t *testing.T, style oauth2.AuthStyle, withRevoke bool) *builtinEnv {
	t.Helper()
	fp := newFakeProvider(t)
	keys := map[string][]byte{"k1": mustKey(t)}
	kr, err := NewKeyring("k1", keys)
	if err != nil {
		t.Fatal(err)
	}
	grants := NewMemoryGrants()
	opts := BuiltinOptions{
		Providers: map[string]*oauth2.Config{
			"github": {
				ClientID: fp.clientID, ClientSecret: fp.secret,
				Endpoint:    oauth2.Endpoint{AuthURL: fp.srv.URL + "/authorize", TokenURL: fp.srv.URL + "/token", AuthStyle: style},
				RedirectURL: "https://warroom.example/connect/github/callback",
				Scopes:      []string{"repo", "read:org"},
			},
		},
		Grants: grants, Keys: kr, HTTPClient: fp.srv.Client(),
	}
	if withRevoke {
		opts.RevokeURLs = map[string]string{"github": fp.srv.URL + "/revoke"}
	}
	v, err := NewBuiltin(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &builtinEnv{v: v, fp: fp, grants: grants, keys: keys, secret: fp.secret}
}

// connect runs the connect flow through the fake /authorize.
func (e *builtinEnv) connect(t *testing.T, engineer string) {
	t.Helper()
	u, verifier, err := e.v.AuthCodeURL(engineer, "github", "state-"+engineer)
	if err != nil {
		t.Fatal(err)
	}
	pu, _ := url.Parse(u)
	q := pu.Query()
	if q.Get("access_type") != "offline" || q.Get("code_challenge_method") != "S256" || q.Get("state") != "state-"+engineer {
		t.Fatalf("authorize URL lacks offline/PKCE/state: %s", u)
	}
	if strings.Contains(u, verifier) {
		t.Fatal("verifier leaked into the authorize URL")
	}
	hc := *e.fp.srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize status %d", resp.StatusCode)
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if loc.Query().Get("state") != "state-"+engineer {
		t.Fatal("state not echoed")
	}
	if err := e.v.Complete(context.Background(), engineer, "github", loc.Query().Get("code"), verifier); err != nil {
		t.Fatal(err)
	}
}

func (e *builtinEnv) storedRefresh(t *testing.T, engineer string) string {
	t.Helper()
	g, err := e.grants.GetGrant(context.Background(), engineer, "github")
	if err != nil {
		t.Fatal(err)
	}
	rt, err := e.v.open(g)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

func (e *builtinEnv) secrets() []string {
	return append(e.fp.secrets(), e.secret)
}

func TestBuiltinConnectAndToken(t *testing.T) {
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		for _, rotate := range []bool{false, true} {
			t.Run(fmt.Sprintf("style=%d/rotate=%v", style, rotate), func(t *testing.T) {
				e := newBuiltinEnv(t, style, false)
				e.fp.set(func(f *fakeProvider) { f.rotate = rotate })
				e.connect(t, "alice")
				if got := e.fp.tokenCalls.get(); got != 1 {
					t.Fatalf("connect made %d token calls", got)
				}
				g0, _ := e.grants.GetGrant(context.Background(), "alice", "github")
				rt0 := e.storedRefresh(t, "alice")
				if bytes.Contains(g0.Ciphertext, []byte(rt0)) || g0.KeyID != "k1" {
					t.Fatal("refresh token stored in clear or under wrong key")
				}
				if !slices.Equal(g0.Scopes, []string{"repo", "read:org"}) || g0.CreatedAt.IsZero() {
					t.Fatalf("grant %+v", g0)
				}

				seen := map[string]bool{}
				for i := 1; i <= 3; i++ {
					before := e.fp.tokenCalls.get()
					tok, err := e.v.Token(context.Background(), "alice", "github", []string{"repo"})
					if err != nil {
						t.Fatal(err)
					}
					if got := e.fp.tokenCalls.get() - before; got != 1 {
						t.Fatalf("Token() made %d token-endpoint calls, want 1", got)
					}
					if seen[tok.AccessToken] || !strings.HasPrefix(tok.AccessToken, "at-") {
						t.Fatalf("bad or reused token %q", tok.AccessToken)
					}
					seen[tok.AccessToken] = true
					if tok.TokenType != "Bearer" || tok.Expiry.IsZero() || !slices.Equal(tok.Scopes, []string{"repo", "read:org"}) {
						t.Fatalf("token metadata %#v", tok)
					}
					assertRedacted(t, tok)
					rt := e.storedRefresh(t, "alice")
					if rotate == (rt == rt0) {
						t.Fatalf("rotate=%v but stored refresh token changed=%v", rotate, rt != rt0)
					}
					if live := e.fp.liveRefresh(); !slices.Contains(live, rt) {
						t.Fatal("stored refresh token is not live at the provider")
					}
					rt0 = rt
				}
				if !rotate {
					g1, _ := e.grants.GetGrant(context.Background(), "alice", "github")
					if !bytes.Equal(g1.Ciphertext, g0.Ciphertext) {
						t.Fatal("grant rewritten without rotation")
					}
				}
				wantAuth := map[oauth2.AuthStyle]string{oauth2.AuthStyleInHeader: "basic", oauth2.AuthStyleInParams: "post"}[style]
				if e.fp.lastAuth != wantAuth {
					t.Fatalf("client auth %q, want %q", e.fp.lastAuth, wantAuth)
				}
			})
		}
	}
}

func TestBuiltinTokenErrors(t *testing.T) {
	type tc struct {
		name      string
		setup     func(t *testing.T, e *builtinEnv)
		engineer  string
		provider  string
		scopes    []string
		wantErr   error
		wantCalls int64
		wantCode  string
		keepGrant bool
	}
	cases := []tc{
		{name: "not connected", engineer: "bob", wantErr: ErrNotConnected},
		{name: "unknown provider", engineer: "alice", provider: "zoom", wantErr: ErrProvider},
		{name: "bad engineer name", engineer: "a\x00b", wantErr: ErrProvider},
		{name: "missing scope needs reconnect", engineer: "alice", scopes: []string{"admin:org"},
			wantErr: ErrNotConnected, wantCode: "insufficient_scope", keepGrant: true},
		{name: "revoked at provider", engineer: "alice", setup: func(_ *testing.T, e *builtinEnv) { e.fp.revokeAll() },
			wantErr: ErrTokenExpired, wantCalls: 1, wantCode: "invalid_grant", keepGrant: true},
		{name: "revoked, description echoes token", engineer: "alice",
			setup:   func(_ *testing.T, e *builtinEnv) { e.fp.revokeAll(); e.fp.set(func(f *fakeProvider) { f.echo = true }) },
			wantErr: ErrTokenExpired, wantCalls: 1, keepGrant: true},
		{name: "provider 503", engineer: "alice", setup: func(_ *testing.T, e *builtinEnv) {
			e.fp.set(func(f *fakeProvider) { f.failStatus = 503 })
		}, wantErr: ErrProvider, wantCalls: 1, keepGrant: true},
		{name: "provider 403", engineer: "alice", setup: func(_ *testing.T, e *builtinEnv) {
			e.fp.set(func(f *fakeProvider) { f.failStatus = 403 })
		}, wantErr: ErrForbidden, wantCalls: 1, keepGrant: true},
		{name: "wrong client secret", engineer: "alice", setup: func(_ *testing.T, e *builtinEnv) {
			e.fp.set(func(f *fakeProvider) { f.secret = "rotated-secret-at-provider" })
		}, wantErr: ErrProvider, wantCalls: 1, wantCode: "invalid_client", keepGrant: true},
		{name: "ciphertext tampered", engineer: "alice", setup: func(t *testing.T, e *builtinEnv) {
			g, _ := e.grants.GetGrant(context.Background(), "alice", "github")
			g.Ciphertext[0] ^= 1
			_ = e.grants.PutGrant(context.Background(), g)
		}, wantErr: ErrProvider, keepGrant: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newBuiltinEnv(t, oauth2.AuthStyleInHeader, false)
			e.connect(t, "alice")
			if c.setup != nil {
				c.setup(t, e)
			}
			prov := c.provider
			if prov == "" {
				prov = "github"
			}
			before := e.fp.tokenCalls.get()
			tok, err := e.v.Token(context.Background(), c.engineer, prov, c.scopes)
			if got := e.fp.tokenCalls.get() - before; got != c.wantCalls {
				t.Fatalf("token calls %d, want %d", got, c.wantCalls)
			}
			if err == nil || !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if tok.AccessToken != "" {
				t.Fatal("token with error")
			}
			assertNoSecrets(t, "error", err.Error(), e.secrets())
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Error("refresh failed", "err", err)
			assertNoSecrets(t, "slog error", buf.String(), e.secrets())
			var ve *Error
			if !errors.As(err, &ve) {
				t.Fatalf("%T", err)
			}
			if c.wantCode != "" && ve.Code != c.wantCode {
				t.Fatalf("code %q, want %q", ve.Code, c.wantCode)
			}
			if NeedsReauth(err) != (c.wantErr == ErrTokenExpired || c.wantErr == ErrNotConnected) {
				t.Fatal("NeedsReauth wrong")
			}
			if c.keepGrant {
				if _, err := e.grants.GetGrant(context.Background(), "alice", "github"); err != nil {
					t.Fatal("grant was deleted")
				}
			}
		})
	}
}

func TestBuiltinCompleteErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		mutate  func(e *builtinEnv, code, verifier string) (string, string)
		setup   func(f *fakeProvider)
		wantErr error
	}{
		{name: "wrong verifier", mutate: func(_ *builtinEnv, code, _ string) (string, string) {
			return code, oauth2.GenerateVerifier()
		}, wantErr: ErrTokenExpired},
		{name: "unknown code", mutate: func(_ *builtinEnv, _, v string) (string, string) { return "code-bogus", v }, wantErr: ErrTokenExpired},
		{name: "no refresh token issued", setup: func(f *fakeProvider) { f.noRefresh = true }, wantErr: ErrProvider},
		{name: "provider down", setup: func(f *fakeProvider) { f.failStatus = 500 }, wantErr: ErrProvider},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newBuiltinEnv(t, oauth2.AuthStyleInParams, false)
			if c.setup != nil {
				e.fp.set(c.setup)
			}
			u, verifier, err := e.v.AuthCodeURL("alice", "github", "s")
			if err != nil {
				t.Fatal(err)
			}
			pu, _ := url.Parse(u)
			code := randToken("code-")
			e.fp.set(func(f *fakeProvider) {
				f.codes[code] = codeEntry{challenge: pu.Query().Get("code_challenge"), redirect: pu.Query().Get("redirect_uri"), scopes: []string{"repo"}}
			})
			if c.mutate != nil {
				code, verifier = c.mutate(e, code, verifier)
			}
			err = e.v.Complete(context.Background(), "alice", "github", code, verifier)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			assertNoSecrets(t, "error", err.Error(), append(e.secrets(), code, verifier))
			if _, err := e.grants.GetGrant(context.Background(), "alice", "github"); !errors.Is(err, ErrNotConnected) {
				t.Fatal("grant stored despite failure")
			}
		})
	}
}

func TestBuiltinRevoke(t *testing.T) {
	t.Run("with revocation endpoint", func(t *testing.T) {
		for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
			e := newBuiltinEnv(t, style, true)
			e.connect(t, "alice")
			rt := e.storedRefresh(t, "alice")
			if err := e.v.Revoke(context.Background(), "alice", "github"); err != nil {
				t.Fatal(err)
			}
			if e.fp.revokes.get() != 1 || !slices.Contains(e.fp.revokedRTs, rt) || slices.Contains(e.fp.liveRefresh(), rt) {
				t.Fatal("refresh token not revoked at provider")
			}
			before := e.fp.tokenCalls.get()
			if _, err := e.v.Token(context.Background(), "alice", "github", nil); !errors.Is(err, ErrNotConnected) {
				t.Fatalf("after revoke: %v", err)
			}
			if e.fp.tokenCalls.get() != before {
				t.Fatal("token call after revoke")
			}
			if err := e.v.Revoke(context.Background(), "alice", "github"); !errors.Is(err, ErrNotConnected) {
				t.Fatalf("second revoke: %v", err)
			}
		}
	})
	t.Run("local only", func(t *testing.T) {
		e := newBuiltinEnv(t, oauth2.AuthStyleInHeader, false)
		e.connect(t, "alice")
		if err := e.v.Revoke(context.Background(), "alice", "github"); err != nil {
			t.Fatal(err)
		}
		if e.fp.revokes.get() != 0 {
			t.Fatal("revocation endpoint called without URL")
		}
		if _, err := e.grants.GetGrant(context.Background(), "alice", "github"); !errors.Is(err, ErrNotConnected) {
			t.Fatal("grant not deleted")
		}
	})
	t.Run("provider revocation fails", func(t *testing.T) {
		e := newBuiltinEnv(t, oauth2.AuthStyleInHeader, true)
		e.connect(t, "alice")
		e.fp.set(func(f *fakeProvider) { f.revokeFail = 503 })
		err := e.v.Revoke(context.Background(), "alice", "github")
		if !errors.Is(err, ErrProvider) {
			t.Fatalf("err = %v", err)
		}
		assertNoSecrets(t, "revoke error", err.Error(), e.secrets())
		if _, err := e.grants.GetGrant(context.Background(), "alice", "github"); !errors.Is(err, ErrNotConnected) {
			t.Fatal("grant not deleted")
		}
	})
}

func TestKeyringNonceAndBinding(t *testing.T) {
	kr, err := NewKeyring("k1", map[string][]byte{"k1": mustKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	ad := grantAD("alice", "github")
	id1, n1, c1, _ := kr.Seal([]byte("same-plaintext"), ad)
	id2, n2, c2, _ := kr.Seal([]byte("same-plaintext"), ad)
	if id1 != "k1" || id2 != "k1" || bytes.Equal(n1, n2) || bytes.Equal(c1, c2) {
		t.Fatal("equal plaintexts produced equal nonce/ciphertext")
	}
	if pt, err := kr.Open("k1", n1, c1, ad); err != nil || string(pt) != "same-plaintext" {
		t.Fatal(pt, err)
	}
	for _, badAD := range [][]byte{grantAD("bob", "github"), grantAD("alice", "slack"), grantAD("alice\x00github", "")} {
		if _, err := kr.Open("k1", n1, c1, badAD); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("opened with AD %q: %v", badAD, err)
		}
	}
	if _, err := kr.Open("k9", n1, c1, ad); !errors.Is(err, ErrDecrypt) {
		t.Fatal("unknown key id opened")
	}
}

// A ciphertext copied to another engineer's grant does not decrypt.
func TestBuiltinMovedCiphertext(t *testing.T) {
	e := newBuiltinEnv(t, oauth2.AuthStyleInHeader, false)
	e.connect(t, "alice")
	e.connect(t, "bob")
	ga, _ := e.grants.GetGrant(context.Background(), "alice", "github")
	gb, _ := e.grants.GetGrant(context.Background(), "bob", "github")
	if bytes.Equal(ga.Ciphertext, gb.Ciphertext) {
		t.Fatal("distinct grants share ciphertext")
	}
	gb.KeyID, gb.Nonce, gb.Ciphertext = ga.KeyID, ga.Nonce, ga.Ciphertext
	if err := e.grants.PutGrant(context.Background(), gb); err != nil {
		t.Fatal(err)
	}
	before := e.fp.tokenCalls.get()
	_, err := e.v.Token(context.Background(), "bob", "github", nil)
	if !errors.Is(err, ErrProvider) || !errors.Is(err, ErrDecrypt) {
		t.Fatalf("moved ciphertext: %v", err)
	}
	if e.fp.tokenCalls.get() != before {
		t.Fatal("token call with undecryptable grant")
	}
	if _, err := e.v.Token(context.Background(), "alice", "github", nil); err != nil {
		t.Fatal(err)
	}
}

func TestBuiltinRotate(t *testing.T) {
	e := newBuiltinEnv(t, oauth2.AuthStyleInHeader, false)
	for _, eng := range []string{"alice", "bob", "carol"} {
		e.connect(t, eng)
	}
	old := map[string]Grant{}
	gs, _ := e.grants.ListGrants(context.Background())
	for _, g := range gs {
		old[g.Engineer] = g
	}
	k2 := mustKey(t)

	// Before rotation the new key alone cannot read the grants.
	onlyNew, _ := NewKeyring("k2", map[string][]byte{"k2": k2})
	e.v.keys = onlyNew
	if _, err := e.v.Token(context.Background(), "alice", "github", nil); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("k2 alone read a k1 grant: %v", err)
	}

	both, _ := NewKeyring("k2", map[string][]byte{"k1": e.keys["k1"], "k2": k2})
	e.v.keys = both
	n, err := e.v.Rotate(context.Background())
	if err != nil || n != 3 {
		t.Fatalf("Rotate = %d, %v", n, err)
	}
	gs, _ = e.grants.ListGrants(context.Background())
	for _, g := range gs {
		o := old[g.Engineer]
		if g.KeyID != "k2" || bytes.Equal(g.Ciphertext, o.Ciphertext) || !g.CreatedAt.Equal(o.CreatedAt) {
			t.Fatalf("grant %s not re-encrypted: %+v", g.Engineer, g)
		}
	}
	if n, err := e.v.Rotate(context.Background()); n != 0 || err != nil {
		t.Fatalf("second Rotate = %d, %v", n, err)
	}

	// The old key can now be dropped.
	e.v.keys = onlyNew
	for _, eng := range []string{"alice", "bob", "carol"} {
		if _, err := e.v.Token(context.Background(), eng, "github", nil); err != nil {
			t.Fatalf("%s after dropping k1: %v", eng, err)
		}
	}

	// A grant that cannot be decrypted is reported, the rest still rotate.
	k3 := mustKey(t)
	e.v.keys, _ = NewKeyring("k3", map[string][]byte{"k2": k2, "k3": k3})
	g, _ := e.grants.GetGrant(context.Background(), "bob", "github")
	g.Ciphertext[0] ^= 0xff
	_ = e.grants.PutGrant(context.Background(), g)
	n, err = e.v.Rotate(context.Background())
	if n != 2 || !errors.Is(err, ErrDecrypt) || !strings.Contains(err.Error(), `"bob"`) {
		t.Fatalf("Rotate with a bad grant = %d, %v", n, err)
	}
}

func TestKeyringValidationAndDecodeKey(t *testing.T) {
	k := mustKey(t)
	for _, c := range []struct {
		cur  string
		keys map[string][]byte
	}{
		{"", map[string][]byte{"a": k}},
		{"b", map[string][]byte{"a": k}},
		{"a", map[string][]byte{"a": k[:16]}},
		{"a", map[string][]byte{"a": k, "": k}},
	} {
		if _, err := NewKeyring(c.cur, c.keys); err == nil {
			t.Errorf("NewKeyring(%q) accepted", c.cur)
		}
	}
	kr, _ := NewKeyring("a", map[string][]byte{"a": k, "b": mustKey(t)})
	if kr.Current() != "a" || !slices.Equal(kr.KeyIDs(), []string{"a", "b"}) {
		t.Fatal(kr.Current(), kr.KeyIDs())
	}
	for _, s := range []string{
		fmt.Sprintf("%x", k),
		" " + b64(k, false, false) + "\n",
		b64(k, false, true), b64(k, true, false), b64(k, true, true),
	} {
		got, err := DecodeKey(s)
		if err != nil || !bytes.Equal(got, k) {
			t.Fatalf("DecodeKey(%q) = %x, %v", s, got, err)
		}
	}
	if _, err := DecodeKey("c2hvcnQ="); err == nil {
		t.Fatal("short key accepted")
	}
}

func TestMemoryGrants(t *testing.T) {
	ctx := context.Background()
	m := &MemoryGrants{} // zero value usable
	if _, err := m.GetGrant(ctx, "a", "p"); !errors.Is(err, ErrNotConnected) {
		t.Fatal(err)
	}
	g := Grant{Engineer: "a", Provider: "p", KeyID: "k", Nonce: []byte{1}, Ciphertext: []byte{2}, Scopes: []string{"s"}}
	if err := m.PutGrant(ctx, g); err != nil {
		t.Fatal(err)
	}
	g.Ciphertext[0] = 9 // the store holds a copy
	got, _ := m.GetGrant(ctx, "a", "p")
	if got.Ciphertext[0] != 2 {
		t.Fatal("store aliases caller memory")
	}
	_ = m.PutGrant(ctx, Grant{Engineer: "0", Provider: "p"})
	l, _ := m.ListGrants(ctx)
	if len(l) != 2 || l[0].Engineer != "0" {
		t.Fatal(l)
	}
	if err := m.DeleteGrant(ctx, "a", "p"); err != nil {
		t.Fatal(err)
	}
	if err := m.DeleteGrant(ctx, "a", "p"); err != nil {
		t.Fatal("deleting a missing grant failed")
	}
	if err := m.PutGrant(ctx, Grant{Engineer: "a"}); err == nil {
		t.Fatal("grant without provider accepted")
	}
}

func TestNewBuiltinValidation(t *testing.T) {
	kr, _ := NewKeyring("k", map[string][]byte{"k": mustKey(t)})
	good := &oauth2.Config{ClientID: "c", Endpoint: oauth2.Endpoint{TokenURL: "https://p/token"}}
	for _, o := range []BuiltinOptions{
		{Keys: kr},
		{Grants: NewMemoryGrants()},
		{Grants: NewMemoryGrants(), Keys: kr, Providers: map[string]*oauth2.Config{"p": nil}},
		{Grants: NewMemoryGrants(), Keys: kr, Providers: map[string]*oauth2.Config{"p": {ClientID: "c"}}},
		{Grants: NewMemoryGrants(), Keys: kr, Providers: map[string]*oauth2.Config{"p": good}, RevokeURLs: map[string]string{"q": "https://q/revoke"}},
		{Grants: NewMemoryGrants(), Keys: kr, Providers: map[string]*oauth2.Config{"p": good}, RevokeURLs: map[string]string{"p": "not a url"}},
	} {
		if _, err := NewBuiltin(o); err == nil {
			t.Errorf("NewBuiltin(%+v) accepted", o)
		}
	}
	v, err := NewBuiltin(BuiltinOptions{Grants: NewMemoryGrants(), Keys: kr, Providers: map[string]*oauth2.Config{"p": good},
		AuthParams: map[string]map[string]string{"p": {"prompt": "consent"}}})
	if err != nil {
		t.Fatal(err)
	}
	u, _, err := v.AuthCodeURL("alice", "p", "st")
	if err != nil || !strings.Contains(u, "prompt=consent") {
		t.Fatalf("%s %v", u, err)
	}
	if _, _, err := v.AuthCodeURL("alice", "nope", "st"); !errors.Is(err, ErrProvider) {
		t.Fatal(err)
	}
}

func TestErrorRedactionHelpers(t *testing.T) {
	long := strings.Repeat("é", 300)
	s := scrub("tok=SECRET123 "+long+"\n", "SECRET123")
	if strings.Contains(s, "SECRET123") || len(s) > maxDescription+len("…") || strings.Contains(s, "\n") {
		t.Fatalf("scrub = %q", s)
	}
	if !strings.HasSuffix(s, "…") || !utf8Valid(s) {
		t.Fatalf("scrub truncation broken: %q", s)
	}
	if err := safeErr(errors.New("dial tcp: SECRET123"), "SECRET123"); strings.Contains(err.Error(), "SECRET123") {
		t.Fatal(err)
	}
	base := context.Canceled
	if err := safeErr(base, "SECRET123"); err != base {
		t.Fatal("clean error replaced")
	}
	e := &Error{Kind: ErrProvider, Err: context.Canceled}
	if !errors.Is(e, context.Canceled) || !errors.Is(e, ErrProvider) {
		t.Fatal("Error does not unwrap")
	}
	if got := splitScopes("repo,read:org  gist"); !slices.Equal(got, []string{"repo", "read:org", "gist"}) {
		t.Fatal(got)
	}
}

func b64(k []byte, url, raw bool) string {
	enc := base64.StdEncoding
	switch {
	case url && raw:
		enc = base64.RawURLEncoding
	case url:
		enc = base64.URLEncoding
	case raw:
		enc = base64.RawStdEncoding
	}
	return enc.EncodeToString(k)
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
