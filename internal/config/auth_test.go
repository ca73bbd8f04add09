package config

import (
	"strings"
	"testing"
)

func TestCallbackPath(t *testing.T) {
	for _, tc := range []struct {
		url, want string // want "" means refused
	}{
		{"https://warroom.example.com/callback", "/callback"},
		{"https://warroom.example.com/auth/oidc/callback", "/auth/oidc/callback"},
		{"http://127.0.0.1:8080/oauth2/idpresponse", "/oauth2/idpresponse"},
		{"https://warroom.example.com/sso/callback/", "/sso/callback/"},
		{"https://warroom.example.com/a-b_c.d~e", "/a-b_c.d~e"},
		{"/callback", ""},                          // not absolute
		{"warroom.example.com/callback", ""},       // no scheme
		{"ftp://warroom.example.com/callback", ""}, // not http(s)
		{"https:///callback", ""},                  // no host
		{"https://warroom.example.com", ""},        // no path
		{"https://warroom.example.com/", ""},       // root is the dashboard
		{"https://warroom.example.com/cb?x=1", ""},
		{"https://warroom.example.com/cb#x", ""},
		{"https://user:pw@warroom.example.com/cb", ""},
		{"https://warroom.example.com/auth//callback", ""},
		{"https://warroom.example.com/auth/../v1/incidents", ""},
		{"https://warroom.example.com/auth/{id}", ""},    // would be a mux wildcard
		{"https://warroom.example.com/auth/%7Bx%7D", ""}, // escaped, the same
		{"https://warroom.example.com/auth/cb%20x", ""},
		{"https://warroom.example.com/v1/callback", ""},
		{"https://warroom.example.com/login", ""},
		{"https://warroom.example.com/login/callback", ""},
		{"https://warroom.example.com/logout", ""},
		{"https://warroom.example.com/healthz", ""},
		{"https://warroom.example.com/readyz", ""},
		{"https://warroom.example.com/metrics", ""},
		{"https://warroom.example.com/incidents/callback", ""},
		{"https://warroom.example.com/approvals/x", ""},
		{"https://warroom.example.com/audit", ""},
		{"https://warroom.example.com/team", ""},
		{"https://warroom.example.com/static/cb", ""},
		{"https://warroom.example.com/connect/github/callback", ""},
		{"https://warroom.example.com/demo/alert", ""},
		{"https://warroom.example.com/me/totp", ""},
		{"https://warroom.example.com/consent", ""},
	} {
		got, err := CallbackPath(tc.url)
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("CallbackPath(%q) = %q, %v; want %q", tc.url, got, err, tc.want)
		}
	}
}

func TestValidateAuthRedirectURL(t *testing.T) {
	auth := func(redirect string) string {
		return team3("auth:\n  issuer: https://idp.example.com/\n  audience: https://warroom.example.com/api\n  client_id: warroom\n" +
			"  client_secret_env: WARROOM_OIDC_SECRET\n  cookie_secret_env: WARROOM_COOKIE_SECRET\n  redirect_url: " + redirect + "\n")
	}
	if _, err := Load(strings.NewReader(auth("https://warroom.example.com/auth/oidc/callback"))); err != nil {
		t.Fatalf("a provider-style callback URL was refused: %v", err)
	}
	for _, bad := range []string{"/callback", "https://warroom.example.com", "https://warroom.example.com/v1/incidents", "https://warroom.example.com/logout"} {
		_, err := Load(strings.NewReader(auth(bad)))
		if err == nil || !strings.Contains(err.Error(), "auth.redirect_url") {
			t.Errorf("redirect_url %q: err = %v, want an auth.redirect_url error", bad, err)
		}
	}
}
