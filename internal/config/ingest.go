package config

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Sources are the monitoring systems allowed to post alerts, by name:
// alertmanager, grafana, datadog, generic. A source not listed is refused.
type Sources map[string]SourceAuth

// SourceNames are the alert receivers WarRoom has.
var SourceNames = []string{"alertmanager", "grafana", "datadog", "generic"}

// SourceAuth says how one source proves who it is. Secrets are named by
// environment variable and never written in the file.
type SourceAuth struct {
	Auth            string        `yaml:"auth"` // bearer or hmac
	TokenEnv        string        `yaml:"token_env"`
	SecretEnv       string        `yaml:"secret_env"`
	SignatureHeader string        `yaml:"signature_header"`
	TimestampHeader string        `yaml:"timestamp_header"`
	MaxSkew         time.Duration `yaml:"max_skew"`

	Secret string `yaml:"-"` // resolved from TokenEnv or SecretEnv
}

// Slack configures Slack reports: the Events API endpoint and the poller.
type Slack struct {
	SigningSecretEnv string        `yaml:"signing_secret_env"`
	BotTokenEnv      string        `yaml:"bot_token_env"`
	APIURL           string        `yaml:"api_url"` // default https://slack.com/api/
	PollChannels     []string      `yaml:"poll_channels"`
	PollInterval     time.Duration `yaml:"poll_interval"`

	SigningSecret string `yaml:"-"`
	BotToken      string `yaml:"-"`
}

// Ingest tunes intake.
type Ingest struct {
	GroupWindow  time.Duration `yaml:"group_window"`   // default 30m
	MaxBodyBytes int64         `yaml:"max_body_bytes"` // default 1 MiB
}

var (
	envNamePattern   = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	channelIDPattern = regexp.MustCompile(`^[CGD][A-Z0-9]{2,}$`)
)

func (f *File) validateIngest(bad func(path, format string, a ...any)) {
	for _, name := range slices.Sorted(maps.Keys(f.Sources)) {
		s := f.Sources[name]
		p := "sources." + name
		if !slices.Contains(SourceNames, name) {
			bad(p, "unknown source (want one of %s)", strings.Join(SourceNames, ", "))
			continue
		}
		switch s.Auth {
		case "bearer":
			if !envNamePattern.MatchString(s.TokenEnv) {
				bad(p+".token_env", "names the environment variable holding the token (e.g. WARROOM_%s_TOKEN)", strings.ToUpper(name))
			}
		case "hmac":
			if !envNamePattern.MatchString(s.SecretEnv) {
				bad(p+".secret_env", "names the environment variable holding the shared secret")
			}
			if s.SignatureHeader != "" && http.CanonicalHeaderKey(s.SignatureHeader) == "" {
				bad(p+".signature_header", "is not a header name")
			}
			if s.MaxSkew < 0 {
				bad(p+".max_skew", "must not be negative")
			}
		default:
			bad(p+".auth", "%q: want bearer or hmac", s.Auth)
		}
	}
	sl := f.Slack
	if sl.SigningSecretEnv != "" && !envNamePattern.MatchString(sl.SigningSecretEnv) {
		bad("slack.signing_secret_env", "%q is not an environment variable name", sl.SigningSecretEnv)
	}
	if sl.BotTokenEnv != "" && !envNamePattern.MatchString(sl.BotTokenEnv) {
		bad("slack.bot_token_env", "%q is not an environment variable name", sl.BotTokenEnv)
	}
	if len(sl.PollChannels) > 0 && sl.BotTokenEnv == "" {
		bad("slack.bot_token_env", "is required to poll channels")
	}
	for i, c := range sl.PollChannels {
		if !channelIDPattern.MatchString(c) {
			bad(fmt.Sprintf("slack.poll_channels[%d]", i), "%q is not a channel id (like C0123ABCD)", c)
		}
	}
	if sl.PollInterval < 0 || (sl.PollInterval > 0 && sl.PollInterval < time.Second) {
		bad("slack.poll_interval", "must be at least 1s")
	}
	if sl.APIURL != "" {
		if u, err := url.Parse(sl.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("slack.api_url", "%q is not an http(s) URL", sl.APIURL)
		}
	}
	if f.Ingest.GroupWindow < 0 {
		bad("ingest.group_window", "must not be negative")
	}
	if f.Ingest.MaxBodyBytes < 0 {
		bad("ingest.max_body_bytes", "must not be negative")
	}
}

// resolveSecrets reads every secret the file names from the environment.
// A named variable that is unset or empty is an error naming both.
func (f *File) resolveSecrets(getenv func(string) string) error {
	var errs []error
	read := func(path, env string) string {
		v := getenv(env)
		if v == "" {
			errs = append(errs, fmt.Errorf("%s: environment variable %s is not set", path, env))
		}
		return v
	}
	for _, name := range slices.Sorted(maps.Keys(f.Sources)) {
		s := f.Sources[name]
		switch s.Auth {
		case "bearer":
			s.Secret = read("sources."+name+".token_env", s.TokenEnv)
		case "hmac":
			s.Secret = read("sources."+name+".secret_env", s.SecretEnv)
		}
		f.Sources[name] = s
	}
	if f.Slack.SigningSecretEnv != "" {
		f.Slack.SigningSecret = read("slack.signing_secret_env", f.Slack.SigningSecretEnv)
	}
	if f.Slack.BotTokenEnv != "" {
		f.Slack.BotToken = read("slack.bot_token_env", f.Slack.BotTokenEnv)
	}
	if f.GitHub.TokenEnv != "" {
		f.GitHub.Token = read("github.token_env", f.GitHub.TokenEnv)
	}
	f.resolveVaultSecrets(read)
	f.resolveStepUpSecrets(read)
	f.resolveAuthzSecrets(read)
	f.resolveProviderSecrets(read)
	f.resolveTelemetrySecrets(read)
	errs = append(errs, f.resolveAuthSecrets(read)...)
	return errors.Join(errs...)
}
