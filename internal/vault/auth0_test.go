package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type subjectMap map[string]struct {
	tok  string
	kind SubjectKind
	err  error
}

func (m subjectMap) Subject(_ context.Context, engineer string) (string, SubjectKind, error) {
	s, ok := m[engineer]
	if !ok {
		return "", 0, fmt.Errorf("no session for %s: %w", engineer, ErrTokenExpired)
	}
	return s.tok, s.kind, s.err
}

func assertNoSecrets(t *testing.T, what, s string, secrets []string) {
	t.Helper()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			t.Fatalf("%s leaks a secret %q: %s", what, sec, s)
		}
	}
}

func TestAuth0Token(t *testing.T) {
	f := newFakeAuth0(t)
	aliceAT := f.addSubject("alice", TokenTypeAccessToken)
	bobRT := f.addSubject("bob", TokenTypeRefreshToken)
	carolRT := f.addSubject("carol", TokenTypeRefreshToken)
	daveRT := f.addSubject("dave", TokenTypeRefreshToken)
	f.revokeSubject(daveRT)
	f.connect("alice", "github", "repo", "read:org")
	f.connect("bob", "google-oauth2", "calendar", "openid")
	// carol has a session but never connected any account

	subjects := subjectMap{
		"alice": {tok: aliceAT, kind: AccessToken},
		"bob":   {tok: bobRT, kind: RefreshToken},
		"carol": {tok: carolRT, kind: RefreshToken},
		"dave":  {tok: daveRT, kind: RefreshToken},
		"erin":  {err: errors.New("database is down")},
		"frank": {tok: "", kind: RefreshToken},
		"gina":  {tok: "tok-gina", kind: SubjectKind(9)},
	}
	newBroker := func(t *testing.T, secret string) *Auth0 {
		t.Helper()
		b, err := NewAuth0(Auth0Options{
			BaseURL: f.srv.URL + "/", ClientID: f.clientID, ClientSecret: secret,
			Connections: map[string]string{"github": "github", "google": "google-oauth2"},
			Subjects:    subjects, HTTPClient: f.srv.Client(), Now: func() time.Time { return fixedNow },
		})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	type tc struct {
		name       string
		engineer   string
		provider   string
		scopes     []string
		secret     string // client secret override
		force      *forcedError
		wantErr    error
		wantCalls  int64
		wantScopes []string
		wantSTT    string
		wantStatus int
		wantCode   string
	}
	cases := []tc{
		{name: "access-token subject, all scopes", engineer: "alice", provider: "github",
			wantCalls: 1, wantScopes: []string{"repo", "read:org"}, wantSTT: TokenTypeAccessToken},
		{name: "refresh-token subject, scope subset", engineer: "bob", provider: "google", scopes: []string{"calendar"},
			wantCalls: 1, wantScopes: []string{"calendar"}, wantSTT: TokenTypeRefreshToken},
		{name: "scope not granted", engineer: "alice", provider: "github", scopes: []string{"admin:org"},
			wantErr: ErrProvider, wantCalls: 1, wantStatus: 400, wantCode: "invalid_scope"},
		{name: "no connected account", engineer: "carol", provider: "github",
			wantErr: ErrNotConnected, wantCalls: 1, wantStatus: 401, wantCode: "federated_connection_refresh_token_not_found"},
		{name: "connected other connection only", engineer: "alice", provider: "google",
			wantErr: ErrNotConnected, wantCalls: 1, wantStatus: 401},
		{name: "revoked subject refresh token", engineer: "dave", provider: "github",
			wantErr: ErrTokenExpired, wantCalls: 1, wantStatus: 400, wantCode: "invalid_grant"},
		{name: "wrong client secret", engineer: "alice", provider: "github", secret: "wrong-secret-value",
			wantErr: ErrProvider, wantCalls: 1, wantStatus: 401, wantCode: "invalid_client"},
		{name: "tokenset_not_found", engineer: "alice", provider: "github",
			force:   &forcedError{status: 401, body: `{"error":"tokenset_not_found","error_description":"Tokenset not found"}`},
			wantErr: ErrNotConnected, wantCalls: 1, wantCode: "tokenset_not_found"},
		{name: "invalid_grant with 403 is still expired", engineer: "alice", provider: "github",
			force:   &forcedError{status: 403, body: `{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`},
			wantErr: ErrTokenExpired, wantCalls: 1},
		{name: "unauthorized_client", engineer: "alice", provider: "github",
			force:   &forcedError{status: 403, body: `{"error":"unauthorized_client","error_description":"Grant type not allowed for the client."}`},
			wantErr: ErrForbidden, wantCalls: 1, wantStatus: 403, wantCode: "unauthorized_client"},
		{name: "403 access_denied", engineer: "alice", provider: "github",
			force:   &forcedError{status: 403, body: `{"error":"access_denied","error_description":"nope"}`},
			wantErr: ErrForbidden, wantCalls: 1},
		{name: "500", engineer: "alice", provider: "github",
			force:   &forcedError{status: 500, body: `{"error":"server_error","error_description":"boom"}`},
			wantErr: ErrProvider, wantCalls: 1, wantStatus: 500},
		{name: "502 html", engineer: "alice", provider: "github",
			force:   &forcedError{status: 502, body: `<html>bad gateway</html>`, ctype: "text/html"},
			wantErr: ErrProvider, wantCalls: 1, wantStatus: 502},
		{name: "200 without access_token", engineer: "alice", provider: "github",
			force:   &forcedError{status: 200, body: `{"token_type":"Bearer"}`},
			wantErr: ErrProvider, wantCalls: 1},
		{name: "200 with error field", engineer: "alice", provider: "github",
			force:   &forcedError{status: 200, body: `{"error":"invalid_grant"}`},
			wantErr: ErrTokenExpired, wantCalls: 1},
		{name: "description echoing the subject token is scrubbed", engineer: "alice", provider: "github",
			force:   &forcedError{status: 400, body: `{"error":"invalid_request","error_description":"bad subject_token ` + aliceAT + `"}`},
			wantErr: ErrProvider, wantCalls: 1},
		{name: "unknown provider makes no call", engineer: "alice", provider: "zoom", wantErr: ErrProvider},
		{name: "no session passes through", engineer: "nobody", provider: "github", wantErr: ErrTokenExpired},
		{name: "subject source failure", engineer: "erin", provider: "github", wantErr: ErrProvider},
		{name: "empty subject token", engineer: "frank", provider: "github", wantErr: ErrTokenExpired},
		{name: "unknown subject kind", engineer: "gina", provider: "github", wantErr: ErrProvider},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			secret := f.clientSecret
			if c.secret != "" {
				secret = c.secret
			}
			b := newBroker(t, secret)
			f.mu.Lock()
			f.forceError = c.force
			f.mu.Unlock()
			defer func() { f.mu.Lock(); f.forceError = nil; f.mu.Unlock() }()

			before := f.calls.get()
			tok, err := b.Token(context.Background(), c.engineer, c.provider, c.scopes)
			if got := f.calls.get() - before; got != c.wantCalls {
				t.Fatalf("token endpoint calls = %d, want %d", got, c.wantCalls)
			}
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("want %v, got token", c.wantErr)
				}
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("want errors.Is %v, got %v", c.wantErr, err)
				}
				for _, other := range []error{ErrTokenExpired, ErrNotConnected, ErrForbidden, ErrProvider} {
					if other != c.wantErr && errors.Is(err, other) {
						t.Fatalf("error %v also matches %v", err, other)
					}
				}
				assertNoSecrets(t, "error", err.Error(), append(f.secrets(), secret))
				var ve *Error
				if !errors.As(err, &ve) {
					t.Fatalf("error is not *vault.Error: %T", err)
				}
				if c.wantStatus != 0 && ve.Status != c.wantStatus {
					t.Errorf("status = %d, want %d (%v)", ve.Status, c.wantStatus, err)
				}
				if c.wantCode != "" && ve.Code != c.wantCode {
					t.Errorf("code = %q, want %q", ve.Code, c.wantCode)
				}
				if tok.AccessToken != "" {
					t.Error("token returned with error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(tok.AccessToken, "gho_"+c.engineer+"_") {
				t.Errorf("access token %q not issued for %s", tok.AccessToken, c.engineer)
			}
			if tok.TokenType != "Bearer" {
				t.Errorf("token type %q", tok.TokenType)
			}
			if want := fixedNow.Add(1377 * time.Second); !tok.Expiry.Equal(want) {
				t.Errorf("expiry %v, want %v", tok.Expiry, want)
			}
			if !slices.Equal(tok.Scopes, c.wantScopes) {
				t.Errorf("scopes %q, want %q", tok.Scopes, c.wantScopes)
			}
			p := f.lastParams
			if p.Get("subject_token_type") != c.wantSTT {
				t.Errorf("subject_token_type %q", p.Get("subject_token_type"))
			}
			if p.Get("grant_type") != GrantTypeFederatedConnection || p.Get("requested_token_type") != TokenTypeFederatedConnection {
				t.Errorf("grant/requested type %q %q", p.Get("grant_type"), p.Get("requested_token_type"))
			}
			if f.lastAuth != "post" {
				t.Errorf("client auth %q, want body", f.lastAuth)
			}
			if c.scopes != nil && p.Get("scope") != strings.Join(c.scopes, " ") {
				t.Errorf("scope %q", p.Get("scope"))
			}
			if c.scopes == nil && p.Has("scope") {
				t.Error("scope sent though none requested")
			}
			assertRedacted(t, tok)
		})
	}
}

// The broker caches nothing: n calls, n exchanges, n distinct tokens.
func TestAuth0NoCaching(t *testing.T) {
	f := newFakeAuth0(t)
	at := f.addSubject("alice", TokenTypeAccessToken)
	f.connect("alice", "github", "repo")
	b, err := NewAuth0(Auth0Options{BaseURL: f.srv.URL, ClientID: f.clientID, ClientSecret: f.clientSecret,
		Connections: map[string]string{"github": "github"},
		Subjects: SubjectFunc(func(context.Context, string) (string, SubjectKind, error) {
			return at, AccessToken, nil
		})})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := 1; i <= 3; i++ {
		tok, err := b.Token(context.Background(), "alice", "github", nil)
		if err != nil {
			t.Fatal(err)
		}
		if seen[tok.AccessToken] {
			t.Fatal("token reused")
		}
		seen[tok.AccessToken] = true
		if got := f.calls.get(); got != int64(i) {
			t.Fatalf("after %d Token calls, %d exchanges", i, got)
		}
	}
}

// The fake follows PROTOCOLS §1: JSON bodies and HTTP Basic client auth too.
func TestFakeAuth0AcceptsJSONAndBasic(t *testing.T) {
	f := newFakeAuth0(t)
	rt := f.addSubject("bob", TokenTypeRefreshToken)
	f.connect("bob", "google-oauth2", "calendar", "openid")
	body, _ := json.Marshal(map[string]string{
		"grant_type": GrantTypeFederatedConnection, "subject_token_type": TokenTypeRefreshToken,
		"subject_token": rt, "requested_token_type": TokenTypeFederatedConnection,
		"connection": "google-oauth2", "scope": "openid",
	})
	for _, tc := range []struct {
		name   string
		basic  bool
		secret string
		want   int
	}{
		{"basic ok", true, f.clientSecret, 200},
		{"basic wrong", true, "nope", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/oauth/token", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.SetBasicAuth(url.QueryEscape(f.clientID), url.QueryEscape(tc.secret))
			resp, err := f.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == 200 {
				var out map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&out)
				if out["scope"] != "openid" || out["issued_token_type"] != TokenTypeFederatedConnection {
					t.Fatalf("response %v", out)
				}
				if f.lastAuth != "basic" {
					t.Fatalf("auth %q", f.lastAuth)
				}
			}
		})
	}
}

func TestNewAuth0Validation(t *testing.T) {
	subj := SubjectFunc(func(context.Context, string) (string, SubjectKind, error) { return "", 0, nil })
	for _, o := range []Auth0Options{
		{ClientID: "c", Subjects: subj},
		{Domain: "tenant.auth0.com", Subjects: subj},
		{Domain: "tenant.auth0.com", ClientID: "c"},
		{BaseURL: "ftp://x", ClientID: "c", Subjects: subj},
		{Domain: "t", ClientID: "c", Subjects: subj, Connections: map[string]string{"github": ""}},
	} {
		if _, err := NewAuth0(o); err == nil {
			t.Errorf("NewAuth0(%+v) accepted", o)
		}
	}
	b, err := NewAuth0(Auth0Options{Domain: "tenant.auth0.com/", ClientID: "c", Subjects: subj})
	if err != nil || b.tokenURL != "https://tenant.auth0.com/oauth/token" {
		t.Fatalf("%v %v", b, err)
	}
}

// assertRedacted checks that fmt, slog and JSON never reveal the token.
func assertRedacted(t *testing.T, tok Token) {
	t.Helper()
	secret := tok.AccessToken
	outs := []string{
		fmt.Sprint(tok), fmt.Sprint(&tok), fmt.Sprintln(tok),
		fmt.Sprintf("%v|%+v|%#v|%s|%q|%x|%X|%d|%T|%10v", tok, tok, tok, tok, tok, tok, tok, tok, tok, tok),
		fmt.Sprintf("%v %+v %#v", &tok, &tok, &tok),
		fmt.Sprintf("%v", []Token{tok}), fmt.Sprintf("%+v", struct{ T Token }{tok}),
		fmt.Sprintf("%#v", map[string]Token{"x": tok}),
		tok.String(), tok.GoString(),
	}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		l := slog.New(h)
		l.Info("fetched", "token", tok, "ptr", &tok)
		l.Info("fetched", slog.Any("token", tok), slog.Group("g", "t", tok))
	}
	outs = append(outs, buf.String())
	if !strings.Contains(buf.String(), Redacted) {
		t.Errorf("slog output lacks redaction marker: %s", buf.String())
	}
	j, err := json.Marshal(tok)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, string(j))
	for _, o := range outs {
		assertNoSecrets(t, "printed token", o, []string{secret})
	}
	if fmt.Sprint(tok) != Redacted {
		t.Errorf("Sprint = %q", fmt.Sprint(tok))
	}
}
