package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Auth configures identity: bearer tokens for the JSON API, and sign-in for
// the dashboard, with any OIDC provider (Auth0, Okta, Keycloak, ...).
type Auth struct {
	Issuer          string `yaml:"issuer"`   // exactly as the provider writes iss (Auth0: with a trailing slash)
	Audience        string `yaml:"audience"` // the API identifier access tokens must carry in aud
	ClientID        string `yaml:"client_id"`
	ClientSecretEnv string `yaml:"client_secret_env"`
	RedirectURL     string `yaml:"redirect_url"`      // https://warroom.example/callback; the callback is served at its path
	CookieSecretEnv string `yaml:"cookie_secret_env"` // at least 32 bytes; signs session cookies
	SecureCookies   bool   `yaml:"secure_cookies"`    // set when users reach WarRoom over HTTPS

	ClientSecret string `yaml:"-"`
	CookieSecret string `yaml:"-"`
}

func (f *File) validateAuth(bad func(path, format string, a ...any)) {
	a := f.Auth
	if a == (Auth{}) {
		return
	}
	if u, err := url.Parse(a.Issuer); err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
		bad("auth.issuer", "%q is not an http(s) URL", a.Issuer)
	}
	if a.Audience == "" {
		bad("auth.audience", "is required: the API identifier its access tokens carry")
	}
	if a.ClientID == "" {
		return // API tokens only, no dashboard sign-in
	}
	if !envNamePattern.MatchString(a.ClientSecretEnv) {
		bad("auth.client_secret_env", "names the environment variable holding the OIDC client secret")
	}
	if !envNamePattern.MatchString(a.CookieSecretEnv) {
		bad("auth.cookie_secret_env", "names the environment variable holding the session cookie key")
	}
	if _, err := CallbackPath(a.RedirectURL); err != nil {
		bad("auth.redirect_url", "%v", err)
	}
}

// reservedSegments are the first path segments of WarRoom's own routes (API,
// probes, sign-in, dashboard, connect flow, demo): a sign-in callback there
// would shadow a route or be shadowed by one.
var reservedSegments = map[string]bool{
	"v1": true, "healthz": true, "readyz": true, "metrics": true, "login": true, "logout": true,
	"incidents": true, "approvals": true, "audit": true, "audit.jsonl": true, "consent": true,
	"team": true, "static": true, "me": true, "connect": true, "demo": true,
}

// CallbackPath is the path the sign-in callback is served at: the path of
// redirect_url, which must be an absolute http(s) URL whose path is plain
// (letters, digits, "-._~" and "/" between non-empty segments, so it is
// matched literally) and outside WarRoom's own routes.
func CallbackPath(redirectURL string) (string, error) {
	u, err := url.Parse(redirectURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.Fragment != "" || u.RawQuery != "" {
		return "", fmt.Errorf("%q is not an absolute http(s) URL without user info, query or fragment", redirectURL)
	}
	p := u.EscapedPath()
	if p == "" || p == "/" {
		return "", fmt.Errorf("%q has no path: the sign-in callback needs its own, e.g. /callback", redirectURL)
	}
	segments := strings.Split(strings.TrimPrefix(strings.TrimSuffix(p, "/"), "/"), "/")
	for _, seg := range segments {
		if seg == "" || seg == "." || seg == ".." || strings.Trim(seg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~") != "" {
			return "", fmt.Errorf("path %q must be plain segments of letters, digits and -._~", p)
		}
	}
	if reservedSegments[segments[0]] {
		return "", fmt.Errorf("path %q collides with WarRoom's own /%s routes; choose another, e.g. /auth/oidc/callback", p, segments[0])
	}
	return p, nil
}

func (f *File) resolveAuthSecrets(read func(path, env string) string) []error {
	if f.Auth.ClientID == "" {
		return nil
	}
	f.Auth.ClientSecret = read("auth.client_secret_env", f.Auth.ClientSecretEnv)
	f.Auth.CookieSecret = read("auth.cookie_secret_env", f.Auth.CookieSecretEnv)
	if f.Auth.CookieSecret != "" && len(f.Auth.CookieSecret) < 32 {
		return []error{errors.New("auth.cookie_secret_env: the cookie secret must be at least 32 bytes")}
	}
	return nil
}
