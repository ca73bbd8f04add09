package config

import (
	"fmt"
	"net/url"
	"time"
)

// Telemetry is where the agent reads metrics, logs, traces and feature-flag
// changes while investigating. Every backend is optional; without any, the
// agent says it did not look. Access should be read-only: these tools never
// change anything.
type Telemetry struct {
	// Prometheus or anything speaking its HTTP API (Mimir, Thanos,
	// VictoriaMetrics).
	Prometheus *TelemetryBackend `yaml:"prometheus"`
	Loki       *TelemetryBackend `yaml:"loki"`
	// Tempo or Jaeger (at most one) for traces.
	Tempo  *TelemetryBackend `yaml:"tempo"`
	Jaeger *TelemetryBackend `yaml:"jaeger"`
	// Unleash's admin API for feature-flag changes.
	Unleash *FlagService `yaml:"unleash"`
	// Window read around an incident's first alert (defaults 2h before,
	// 15m after).
	Before time.Duration `yaml:"before"`
	After  time.Duration `yaml:"after"`
}

// TelemetryBackend is one HTTP API with its credentials.
type TelemetryBackend struct {
	URL            string            `yaml:"url"`
	BearerTokenEnv string            `yaml:"bearer_token_env"`
	Username       string            `yaml:"username"`
	PasswordEnv    string            `yaml:"password_env"`
	Tenant         string            `yaml:"tenant"`  // X-Scope-OrgID (Loki, Tempo, Mimir)
	Headers        map[string]string `yaml:"headers"` // non-secret extra headers
	// ServiceLabel is the label naming a series' or a stream's service
	// (default "service" for Prometheus, "service_name" for Loki).
	ServiceLabel string        `yaml:"service_label"`
	LevelLabel   string        `yaml:"level_label"` // Loki: the stream label holding the level, if any (default "level")
	Timeout      time.Duration `yaml:"timeout"`

	BearerToken string `yaml:"-"`
	Password    string `yaml:"-"`
}

// FlagService is a feature-flag service's change log.
type FlagService struct {
	URL         string `yaml:"url"`
	TokenEnv    string `yaml:"token_env"` // an admin (read) token
	Project     string `yaml:"project"`
	Environment string `yaml:"environment"`

	Token string `yaml:"-"`
}

func (f *File) validateTelemetry(bad func(path, format string, a ...any)) {
	t := f.Telemetry
	checkURL := func(path, raw string) {
		if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(path, "%q is not an http(s) URL", raw)
		}
	}
	for _, b := range t.backends() {
		p := "telemetry." + b.name
		checkURL(p+".url", b.b.URL)
		if b.b.BearerTokenEnv != "" && !envNamePattern.MatchString(b.b.BearerTokenEnv) {
			bad(p+".bearer_token_env", "%q is not an environment variable name", b.b.BearerTokenEnv)
		}
		if b.b.Username != "" && !envNamePattern.MatchString(b.b.PasswordEnv) {
			bad(p+".password_env", "names the environment variable holding the password")
		}
		if b.b.BearerTokenEnv != "" && b.b.Username != "" {
			bad(p, "bearer_token_env and username are exclusive")
		}
		if b.b.Timeout < 0 {
			bad(p+".timeout", "must not be negative")
		}
	}
	if t.Tempo != nil && t.Jaeger != nil {
		bad("telemetry", "tempo and jaeger are exclusive: choose the trace store to ask")
	}
	if u := t.Unleash; u != nil {
		checkURL("telemetry.unleash.url", u.URL)
		if !envNamePattern.MatchString(u.TokenEnv) {
			bad("telemetry.unleash.token_env", "names the environment variable holding the admin token")
		}
	}
	if t.Before < 0 || t.After < 0 {
		bad("telemetry", "before and after must not be negative")
	}
}

func (f *File) resolveTelemetrySecrets(read func(path, env string) string) {
	t := &f.Telemetry
	for _, nb := range t.backends() {
		name, b := nb.name, nb.b
		if b.BearerTokenEnv != "" {
			b.BearerToken = read(fmt.Sprintf("telemetry.%s.bearer_token_env", name), b.BearerTokenEnv)
		}
		if b.Username != "" {
			b.Password = read(fmt.Sprintf("telemetry.%s.password_env", name), b.PasswordEnv)
		}
	}
	if u := t.Unleash; u != nil {
		u.Token = read("telemetry.unleash.token_env", u.TokenEnv)
	}
}

type namedBackend struct {
	name string
	b    *TelemetryBackend
}

// backends are the configured HTTP backends, in a fixed order.
func (t *Telemetry) backends() []namedBackend {
	var out []namedBackend
	for _, nb := range []namedBackend{{"prometheus", t.Prometheus}, {"loki", t.Loki}, {"tempo", t.Tempo}, {"jaeger", t.Jaeger}} {
		if nb.b != nil {
			out = append(out, nb)
		}
	}
	return out
}
