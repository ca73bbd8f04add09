package identity

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func TestDemoLogin(t *testing.T) {
	team := config.Team{Engineers: []config.Engineer{{ID: "alice", Name: "Alice Ng"}, {ID: "bob", Name: "Bob <b>Kim</b>"}}}
	d, err := NewDemoLogin(team)
	if err != nil {
		t.Fatal(err)
	}
	page := httptest.NewRecorder()
	d.PageHandler().ServeHTTP(page, httptest.NewRequest("GET", "/login", nil))
	body := page.Body.String()
	if !strings.Contains(body, "DEMO SIGN-IN") || !strings.Contains(body, `value="alice"`) || strings.Contains(body, "<b>Kim</b>") {
		t.Fatalf("page must be marked, list the team and escape names:\n%s", body)
	}
	signIn := func(engineer, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "http://127.0.0.1:8080/login", strings.NewReader(url.Values{"engineer": {engineer}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		rec := httptest.NewRecorder()
		d.SignInHandler().ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct {
		name, engineer, origin string
		want                   int
	}{
		{"unknown engineer", "mallory", "", 400},
		{"cross-site post", "alice", "http://evil.example", 403},
		{"same origin", "alice", "http://127.0.0.1:8080", 303},
	} {
		if rec := signIn(tc.engineer, tc.origin); rec.Code != tc.want {
			t.Fatalf("%s: %d", tc.name, rec.Code)
		}
	}
	cookie := signIn("alice", "").Result().Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie %+v", cookie)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(cookie)
	if v, ok := d.Viewer(req); !ok || v.Engineer != "alice" {
		t.Fatalf("viewer %+v %v", v, ok)
	}
	tampered := httptest.NewRequest("GET", "/", nil)
	tampered.AddCookie(&http.Cookie{Name: cookie.Name, Value: strings.Replace(cookie.Value, "v1.", "v1.x", 1)})
	if _, ok := d.Viewer(tampered); ok {
		t.Fatal("a tampered demo session was accepted")
	}
	// A value sealed for another purpose is not a session.
	other, _ := d.SealValue("vault-connect", demoSession{Engineer: "bob", Exp: 1 << 40})
	forged := httptest.NewRequest("GET", "/", nil)
	forged.AddCookie(&http.Cookie{Name: demoCookie, Value: other})
	if _, ok := d.Viewer(forged); ok {
		t.Fatal("a connect-flow value was accepted as a session")
	}
}
