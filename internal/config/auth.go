package config

import (
	"errors"
	"net/url"
)

// Auth configures identity: bearer tokens for the JSON API, and sign-in for
// the dashboard, with any OIDC provider (Auth0, Okta, Keycloak, ...).
type Auth struct {
	Issuer          string `yaml:"issuer"`   // exactly as the provider writes iss (Auth0: with a trailing slash)
	Audience        string `yaml:"audience"` // the API identifier access tokens must carry in aud
	ClientID        string `yaml:"client_id"`
	ClientSecretEnv string `yaml:"client_secret_env"`
	RedirectURL     string `yaml:"redirect_url"`      // https://warroom.example/callback
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
	if u, err := url.Parse(a.RedirectURL); err != nil || u.Host == "" {
		bad("auth.redirect_url", "%q is not an absolute URL", a.RedirectURL)
	}
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
