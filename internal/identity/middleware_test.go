package identity

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

func TestRequire(t *testing.T) {
	idp := newFakeIdP(t)
	keys := rsaKeys(t)
	now := time.Now()
	v := newTestValidator(t, idp, &clock{t: now})

	good := signRS(t, keys["k1"], jose.RS256, "k1", accessClaims(idp, now)) // scope: openid read:incidents
	expiredClaims := accessClaims(idp, now)
	expiredClaims["exp"] = now.Add(-time.Hour).Unix()
	expired := signRS(t, keys["k1"], jose.RS256, "k1", expiredClaims)

	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, ok := ClaimsFrom(r.Context())
		if !ok {
			t.Error("no claims in context")
		}
		_, _ = w.Write([]byte("hello " + c.Subject))
	})

	tests := []struct {
		name       string
		scopes     []string
		header     []string // Authorization values
		wantStatus int
		wantCode   string
		wantAuth   string // WWW-Authenticate
		wantMsg    string
	}{
		{name: "valid, no scope required", header: []string{"Bearer " + good}, wantStatus: 200},
		{name: "valid, scope held", scopes: []string{"read:incidents"}, header: []string{"Bearer " + good}, wantStatus: 200},
		{name: "scheme is case-insensitive", header: []string{"bearer " + good}, wantStatus: 200},
		{
			name: "missing header", wantStatus: 401, wantCode: "unauthenticated",
			wantAuth: `Bearer error="invalid_token"`, wantMsg: "missing bearer token",
		},
		{
			name: "basic auth", header: []string{"Basic YWxpY2U6cHc="}, wantStatus: 401, wantCode: "unauthenticated",
			wantAuth: `Bearer error="invalid_token"`,
		},
		{
			name: "empty bearer", header: []string{"Bearer "}, wantStatus: 401, wantCode: "unauthenticated",
			wantAuth: `Bearer error="invalid_token"`,
		},
		{
			name: "two Authorization headers", header: []string{"Bearer " + good, "Bearer " + good}, wantStatus: 401,
			wantCode: "unauthenticated", wantAuth: `Bearer error="invalid_token"`,
		},
		{
			name: "expired", header: []string{"Bearer " + expired}, wantStatus: 401, wantCode: "unauthenticated",
			wantAuth: `Bearer error="invalid_token"`, wantMsg: "invalid token: expired",
		},
		{
			name: "garbage", header: []string{"Bearer not.a.jwt"}, wantStatus: 401, wantCode: "unauthenticated",
			wantAuth: `Bearer error="invalid_token"`, wantMsg: "invalid token: malformed",
		},
		{
			name: "missing scope", scopes: []string{"read:incidents", "approve:actions"}, header: []string{"Bearer " + good},
			wantStatus: 403, wantCode: "insufficient_scope",
			wantAuth: `Bearer error="insufficient_scope", scope="read:incidents approve:actions"`,
			wantMsg:  "token lacks required scope: approve:actions",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := v.Require(tt.scopes...)(next)
			r := httptest.NewRequest(http.MethodGet, "/api/incidents", nil)
			for _, a := range tt.header {
				r.Header.Add("Authorization", a)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.wantStatus, w.Body)
			}
			if tt.wantStatus == 200 {
				if got := w.Body.String(); got != "hello auth0|alice" {
					t.Errorf("body = %q", got)
				}
				return
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			if got := w.Header().Get("WWW-Authenticate"); got != tt.wantAuth {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tt.wantAuth)
			}
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", w.Body, err)
			}
			if body.Error.Code != tt.wantCode {
				t.Errorf("code = %q, want %q", body.Error.Code, tt.wantCode)
			}
			if tt.wantMsg != "" && body.Error.Message != tt.wantMsg {
				t.Errorf("message = %q, want %q", body.Error.Message, tt.wantMsg)
			}
			for _, tok := range []string{good, expired} {
				if strings.Contains(w.Body.String(), tok) || strings.Contains(w.Body.String(), strings.Split(tok, ".")[2]) {
					t.Error("response body contains the token")
				}
			}
		})
	}
}

func TestClaimsContext(t *testing.T) {
	if _, ok := ClaimsFrom(context.Background()); ok {
		t.Error("ClaimsFrom on an empty context reported ok")
	}
	ctx := ContextWithClaims(context.Background(), Claims{Subject: "s"})
	if c, ok := ClaimsFrom(ctx); !ok || c.Subject != "s" {
		t.Errorf("ClaimsFrom = %+v, %v", c, ok)
	}
}
