package config

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Vault selects how approvers' provider tokens are obtained.
type Vault struct {
	// Kind is "builtin" (WarRoom keeps each engineer's provider refresh token,
	// sealed with AES-256-GCM) or "auth0" (Auth0 Token Vault exchanges).
	Kind string `yaml:"kind"`
	// KeysEnv names the variable holding the sealing keys, "id:key,id:key"
	// (keys 32 bytes as 64 hex digits or base64); the first is current, the
	// others only open older grants until `warroom vault rotate-key` re-seals them.
	KeysEnv   string                   `yaml:"keys_env"`
	Providers map[string]OAuthProvider `yaml:"providers"` // builtin: provider name -> OAuth app
	Auth0     Auth0Vault               `yaml:"auth0"`

	Keys string `yaml:"-"`
}

// OAuthProvider is one provider's OAuth app, for the built-in vault's connect flow.
type OAuthProvider struct {
	ClientID        string   `yaml:"client_id"`
	ClientSecretEnv string   `yaml:"client_secret_env"`
	AuthURL         string   `yaml:"auth_url"`
	TokenURL        string   `yaml:"token_url"`
	RevokeURL       string   `yaml:"revoke_url"`
	RedirectURL     string   `yaml:"redirect_url"`
	Scopes          []string `yaml:"scopes"`

	ClientSecret string `yaml:"-"`
}

// Auth0Vault configures the Auth0 Token Vault broker.
type Auth0Vault struct {
	Domain          string            `yaml:"domain"`
	BaseURL         string            `yaml:"base_url"` // optional: a custom domain's URL (default https://{domain})
	ClientID        string            `yaml:"client_id"`
	ClientSecretEnv string            `yaml:"client_secret_env"`
	Connections     map[string]string `yaml:"connections"` // provider name -> Auth0 connection

	ClientSecret string `yaml:"-"`
}

func (f *File) validateVault(bad func(path, format string, a ...any)) {
	v := f.Vault
	switch v.Kind {
	case "":
		if len(v.Providers) > 0 || v.Auth0.Domain != "" {
			bad("vault.kind", "is required (builtin or auth0) when providers or auth0 are set")
		}
		return
	case "builtin", "auth0":
	default:
		bad("vault.kind", "%q: want builtin or auth0", v.Kind)
		return
	}
	if !envNamePattern.MatchString(v.KeysEnv) {
		bad("vault.keys_env", "names the environment variable holding the sealing keys")
	}
	if v.Kind == "builtin" {
		if len(v.Providers) == 0 {
			bad("vault.providers", "the built-in vault needs at least one provider OAuth app")
		}
		for _, name := range slices.Sorted(maps.Keys(v.Providers)) {
			p, path := v.Providers[name], "vault.providers."+name
			if p.ClientID == "" {
				bad(path+".client_id", "is required")
			}
			if !envNamePattern.MatchString(p.ClientSecretEnv) {
				bad(path+".client_secret_env", "names the environment variable holding the client secret")
			}
			for key, raw := range map[string]string{"auth_url": p.AuthURL, "token_url": p.TokenURL, "redirect_url": p.RedirectURL} {
				if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					bad(path+"."+key, "%q is not an http(s) URL", raw)
				}
			}
			if p.RevokeURL != "" {
				if u, err := url.Parse(p.RevokeURL); err != nil || u.Host == "" {
					bad(path+".revoke_url", "%q is not an http(s) URL", p.RevokeURL)
				}
			}
		}
		return
	}
	a := v.Auth0
	if a.Domain == "" || strings.Contains(a.Domain, "/") {
		bad("vault.auth0.domain", "%q: want the tenant domain, like example.us.auth0.com", a.Domain)
	}
	if a.ClientID == "" {
		bad("vault.auth0.client_id", "is required")
	}
	if !envNamePattern.MatchString(a.ClientSecretEnv) {
		bad("vault.auth0.client_secret_env", "names the environment variable holding the client secret")
	}
	if len(a.Connections) == 0 {
		bad("vault.auth0.connections", "map at least one provider to its Auth0 connection")
	}
}

func (f *File) resolveVaultSecrets(read func(path, env string) string) {
	v := &f.Vault
	if v.Kind == "" {
		return
	}
	v.Keys = read("vault.keys_env", v.KeysEnv)
	for _, name := range slices.Sorted(maps.Keys(v.Providers)) {
		p := v.Providers[name]
		p.ClientSecret = read(fmt.Sprintf("vault.providers.%s.client_secret_env", name), p.ClientSecretEnv)
		v.Providers[name] = p
	}
	if v.Kind == "auth0" {
		v.Auth0.ClientSecret = read("vault.auth0.client_secret_env", v.Auth0.ClientSecretEnv)
	}
}
