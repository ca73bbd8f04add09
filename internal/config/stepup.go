package config

import (
	"fmt"
	"net/url"
	"slices"
	"time"
)

// StepUp requires risky approved actions to be confirmed by their approver
// a second way before they run. An engineer with an identity-provider
// subject gets a CIBA push (when ciba is set); anyone else answers with the
// built-in authenticator (TOTP).
type StepUp struct {
	// Risks that need step-up; default high and critical. Tools with
	// policy step_up: true need it whatever their risk.
	Risks []string `yaml:"risks"`
	// MaxAge is how long a passed step-up counts for its action (default 10m).
	MaxAge time.Duration `yaml:"max_age"`
	// TOTP enables the built-in authenticator.
	TOTP *TOTP `yaml:"totp"`
	// CIBA enables backchannel authentication (Auth0 Guardian or any CIBA provider).
	CIBA *CIBA `yaml:"ciba"`
}

// TOTP configures the built-in authenticator.
type TOTP struct {
	Issuer string `yaml:"issuer"` // shown in the authenticator app (default WarRoom)
	// KeysEnv names the variable with the sealing keys ("id:key,..."), as
	// for the vault; default vault.keys_env.
	KeysEnv string `yaml:"keys_env"`
	// Timeout is how long a code prompt stays open (default 10m).
	Timeout time.Duration `yaml:"timeout"`

	Keys string `yaml:"-"`
}

// CIBA configures the backchannel authentication client.
type CIBA struct {
	BaseURL         string        `yaml:"base_url"` // the authorization server, e.g. https://tenant.eu.auth0.com
	ClientID        string        `yaml:"client_id"`
	ClientSecretEnv string        `yaml:"client_secret_env"`
	Audience        string        `yaml:"audience"`
	Scope           string        `yaml:"scope"`
	RequestedExpiry time.Duration `yaml:"requested_expiry"`

	ClientSecret string `yaml:"-"`
}

// Enabled reports whether any step-up method is configured.
func (s StepUp) Enabled() bool { return s.TOTP != nil || s.CIBA != nil }

func (f *File) validateStepUp(bad func(path, format string, a ...any)) {
	s := f.StepUp
	if !s.Enabled() {
		if len(s.Risks) > 0 || s.MaxAge != 0 {
			bad("stepup", "configure totp, ciba or both")
		}
		return
	}
	for i, r := range s.Risks {
		if !slices.Contains([]string{"low", "medium", "high", "critical"}, r) {
			bad(fmt.Sprintf("stepup.risks[%d]", i), "%q: want low, medium, high or critical", r)
		}
	}
	if s.MaxAge < 0 {
		bad("stepup.max_age", "must not be negative")
	}
	if t := s.TOTP; t != nil {
		keys := t.KeysEnv
		if keys == "" {
			keys = f.Vault.KeysEnv
		}
		if !envNamePattern.MatchString(keys) {
			bad("stepup.totp.keys_env", "names the environment variable holding the sealing keys (or set vault.keys_env)")
		}
	}
	if c := s.CIBA; c != nil {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("stepup.ciba.base_url", "%q is not an http(s) URL", c.BaseURL)
		}
		if c.ClientID == "" {
			bad("stepup.ciba.client_id", "is required")
		}
		if !envNamePattern.MatchString(c.ClientSecretEnv) {
			bad("stepup.ciba.client_secret_env", "names the environment variable holding the client secret")
		}
	}
}

func (f *File) resolveStepUpSecrets(read func(path, env string) string) {
	if t := f.StepUp.TOTP; t != nil {
		if t.KeysEnv != "" {
			t.Keys = read("stepup.totp.keys_env", t.KeysEnv)
		} else {
			t.Keys = read("vault.keys_env", f.Vault.KeysEnv)
		}
	}
	if c := f.StepUp.CIBA; c != nil {
		c.ClientSecret = read("stepup.ciba.client_secret_env", c.ClientSecretEnv)
	}
}
