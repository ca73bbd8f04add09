package identity

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

// Every response identity serves must refuse to be framed, errors included.
func TestSignInPagesDenyFraming(t *testing.T) {
	env := newLoginEnv(t, nil)
	demo, err := NewDemoLogin(config.Team{Engineers: []config.Engineer{{ID: "alice", Name: "Alice"}}})
	if err != nil {
		t.Fatal(err)
	}
	post := func(path string, headers map[string]string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080"+path, strings.NewReader("engineer=alice"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range headers {
			r.Header.Set(k, v)
		}
		return r
	}
	same := map[string]string{"Origin": "http://127.0.0.1:8080"}
	for _, tc := range []struct {
		name   string
		h      http.Handler
		req    *http.Request
		status int
	}{
		{"login redirect", env.login.LoginHandler(), httptest.NewRequest(http.MethodGet, "/login", nil), http.StatusFound},
		{"login wrong method", env.login.LoginHandler(), httptest.NewRequest(http.MethodPost, "/login", nil), http.StatusMethodNotAllowed},
		{"callback without a flow", env.login.CallbackHandler(), httptest.NewRequest(http.MethodGet, "/callback?code=x&state=y", nil), http.StatusBadRequest},
		{"callback wrong method", env.login.CallbackHandler(), httptest.NewRequest(http.MethodPost, "/callback", nil), http.StatusMethodNotAllowed},
		{"logout", env.login.LogoutHandler(), post("/logout", map[string]string{"Sec-Fetch-Site": "same-origin"}), http.StatusOK},
		{"logout cross-site", env.login.LogoutHandler(), post("/logout", map[string]string{"Sec-Fetch-Site": "cross-site"}), http.StatusForbidden},
		{"demo page", demo.PageHandler(), httptest.NewRequest(http.MethodGet, "/login", nil), http.StatusOK},
		{"demo sign-in", demo.SignInHandler(), post("/login", same), http.StatusSeeOther},
		{"demo sign-in cross-site", demo.SignInHandler(), post("/login", map[string]string{"Origin": "http://evil.example"}), http.StatusForbidden},
		{"demo logout", demo.LogoutHandler(), post("/logout", same), http.StatusSeeOther},
		{"demo logout cross-site", demo.LogoutHandler(), post("/logout", map[string]string{"Origin": "http://evil.example"}), http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			tc.h.ServeHTTP(w, tc.req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if got := w.Header().Get("X-Frame-Options"); got != "DENY" {
				t.Errorf("X-Frame-Options = %q", got)
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
		})
	}
	// The demo page keeps its own policy (no scripts, forms to itself only).
	w := httptest.NewRecorder()
	demo.PageHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/login", nil))
	if csp := w.Header().Get("Content-Security-Policy"); csp != "default-src 'none'; form-action 'self'; frame-ancestors 'none'" {
		t.Errorf("demo page CSP = %q", csp)
	}
}

func TestDenyFraming(t *testing.T) {
	for _, tc := range []struct{ before, want string }{
		{"", "default-src 'none'; frame-ancestors 'none'"},
		{"default-src 'self'", "default-src 'self'; frame-ancestors 'none'"},
		{"default-src 'self'; frame-ancestors 'none'", "default-src 'self'; frame-ancestors 'none'"},
	} {
		h := http.Header{}
		if tc.before != "" {
			h.Set("Content-Security-Policy", tc.before)
		}
		DenyFraming(h)
		if got := h.Get("Content-Security-Policy"); got != tc.want || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%q: CSP %q, XFO %q", tc.before, got, h.Get("X-Frame-Options"))
		}
	}
}
