// Package config reads WarRoom's settings: process settings from flags and
// WARROOM_* environment variables (a flag wins over the environment), and the
// team and policy from a YAML file. Every error names the bad key.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// Config is everything a WarRoom process needs to start.
type Config struct {
	Addr            string
	DB              string
	File            string
	LogLevel        string
	LogFormat       string
	Workers         int
	StepTimeout     time.Duration
	RescueAfter     time.Duration
	PollInterval    time.Duration
	ShutdownTimeout time.Duration
	MigrateOnStart  bool
	DemoSignIn      bool // sandbox only: sign in as any team member; loopback addresses only

	// The reasoner: builtin (default), anthropic, or openai (any compatible endpoint).
	Reasoner   string
	Model      string
	LLMBaseURL string
	LLMAPIKey  string // from WARROOM_ANTHROPIC_API_KEY or WARROOM_OPENAI_API_KEY, never a flag

	// From File.
	Team        Team
	Policy      Policy
	Sources     Sources
	Slack       Slack
	Ingest      Ingest
	GitHub      GitHub
	KnownIssues []incident.KnownIssue
	Waits       Waits
	Vault       Vault
	Auth        Auth
	Authz       Authz
	StepUp      StepUp
	Providers   Providers
	Telemetry   Telemetry
}

// Default is a first run with no setup: loopback, SQLite in the working directory.
func Default() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DB:              "sqlite:./warroom.db",
		LogLevel:        "info",
		LogFormat:       "text",
		Workers:         10,
		StepTimeout:     time.Minute,
		RescueAfter:     0, // step-timeout + 30s unless set
		PollInterval:    0, // automatic: see Poll
		ShutdownTimeout: 30 * time.Second,
		MigrateOnStart:  true,
		Reasoner:        "builtin",
	}
}

// Settings names which process settings a subcommand accepts.
type Settings int

const (
	// DBOnly is for commands that only touch the database (migrate, audit verify).
	DBOnly Settings = iota
	// Server is everything serve needs.
	Server
)

// Bind registers the settings' flags on fs, with defaults from c.
func (c *Config) Bind(fs *flag.FlagSet, which Settings) {
	fs.StringVar(&c.DB, "db", c.DB, "database: sqlite:PATH or postgres://URL")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn, error")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json")
	if which == DBOnly {
		return
	}
	fs.StringVar(&c.Addr, "addr", c.Addr, "HTTP listen address")
	fs.StringVar(&c.File, "config", c.File, "team and policy YAML file")
	fs.IntVar(&c.Workers, "workers", c.Workers, "concurrent execution steps in this process")
	fs.DurationVar(&c.StepTimeout, "step-timeout", c.StepTimeout, "a step running longer is cancelled and retried")
	fs.DurationVar(&c.RescueAfter, "rescue-after", c.RescueAfter, "a step left running by a dead process is retried after this (default step-timeout + 30s)")
	fs.DurationVar(&c.PollInterval, "poll-interval", c.PollInterval, "how often idle workers look for steps they were not woken for (default 2s)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long SIGTERM waits for in-flight steps")
	fs.BoolVar(&c.MigrateOnStart, "migrate", c.MigrateOnStart, "apply database migrations on start")
	fs.BoolVar(&c.DemoSignIn, "demo-signin", c.DemoSignIn, "sandbox only: sign in as any team member without a password (loopback addresses only)")
	c.BindReasoner(fs)
}

// BindReasoner registers the reasoner flags (also used by `warroom triage`).
func (c *Config) BindReasoner(fs *flag.FlagSet) {
	fs.StringVar(&c.Reasoner, "reasoner", c.Reasoner, "builtin, anthropic, or openai (any OpenAI-compatible endpoint: Ollama, vLLM)")
	fs.StringVar(&c.Model, "model", c.Model, "model name for anthropic or openai")
	fs.StringVar(&c.LLMBaseURL, "llm-base-url", c.LLMBaseURL, "API base URL for anthropic or openai (default: the vendor's)")
}

// ResolveReasoner checks the reasoner settings and reads its API key from
// the environment: keys never come from flags, which other users can see.
func (c *Config) ResolveReasoner(getenv func(string) string) error {
	switch c.Reasoner {
	case "builtin":
		return nil
	case "anthropic", "openai":
	default:
		return fmt.Errorf("--reasoner (WARROOM_REASONER): %q is not builtin, anthropic or openai", c.Reasoner)
	}
	if c.Model == "" {
		return fmt.Errorf("--model (WARROOM_MODEL): required with --reasoner %s", c.Reasoner)
	}
	env := "WARROOM_" + strings.ToUpper(c.Reasoner) + "_API_KEY"
	c.LLMAPIKey = getenv(env)
	if c.LLMAPIKey == "" && c.LLMBaseURL == "" {
		return fmt.Errorf("--reasoner %s: set %s (or --llm-base-url for a local server that needs no key)", c.Reasoner, env)
	}
	return nil
}

// EnvName is the environment variable for a flag: --step-timeout is WARROOM_STEP_TIMEOUT.
func EnvName(flagName string) string {
	return "WARROOM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Parse reads args into fs, fills flags not given on the command line from
// the environment, then loads and validates the YAML file if one is named.
func (c *Config) Parse(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			return
		}
		if v := getenv(EnvName(f.Name)); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", EnvName(f.Name), v, err))
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := c.validate(); err != nil {
		return err
	}
	if fs.Lookup("reasoner") != nil {
		if err := c.ResolveReasoner(getenv); err != nil {
			return err
		}
	}
	if c.File == "" {
		return nil
	}
	f, err := os.Open(c.File)
	if err != nil {
		return fmt.Errorf("--config: %w", err)
	}
	defer f.Close()
	file, err := Load(f)
	if err != nil {
		return fmt.Errorf("config file %s: %w", c.File, err)
	}
	if err := file.resolveSecrets(getenv); err != nil {
		return fmt.Errorf("config file %s: %w", c.File, err)
	}
	c.Team, c.Policy, c.Sources, c.Slack, c.Ingest = file.Team, file.Policy, file.Sources, file.Slack, file.Ingest
	c.GitHub, c.KnownIssues, c.Waits, c.Vault, c.Auth = file.GitHub, file.KnownIssues, file.Waits, file.Vault, file.Auth
	c.Authz, c.StepUp, c.Providers, c.Telemetry = file.Authz, file.StepUp, file.Providers, file.Telemetry
	if c.DemoSignIn && c.Auth.ClientID != "" {
		return errors.New("--demo-signin (WARROOM_DEMO_SIGNIN): not with auth.client_id: a real sign-in is configured")
	}
	return nil
}

func (c *Config) validate() error {
	var errs []error
	bad := func(key string, format string, a ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", key, EnvName(key), fmt.Sprintf(format, a...)))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log-level", "%q is not one of debug, info, warn, error", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log-format", "%q is not text or json", c.LogFormat)
	}
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		bad("db", "want sqlite:PATH or postgres://URL")
	}
	if c.Workers < 1 {
		bad("workers", "must be at least 1, got %d", c.Workers)
	}
	if c.StepTimeout <= 0 {
		bad("step-timeout", "must be positive")
	}
	if c.RescueAfter == 0 {
		c.RescueAfter = c.StepTimeout + 30*time.Second
	}
	if c.RescueAfter <= c.StepTimeout {
		bad("rescue-after", "must be longer than --step-timeout (%s), got %s", c.StepTimeout, c.RescueAfter)
	}
	if c.PollInterval < 0 {
		bad("poll-interval", "must not be negative")
	}
	if c.ShutdownTimeout <= 0 {
		bad("shutdown-timeout", "must be positive")
	}
	if c.DemoSignIn && !IsLoopback(c.Addr) {
		bad("demo-signin", "only on a loopback address (127.0.0.1, ::1, localhost), not %q: anyone could sign in as anyone", c.Addr)
	}
	return errors.Join(errs...)
}

// Poll is the workers' poll interval: the configured one, else DefaultPoll
// on either engine. Polling is only a fallback: a commit that enqueues a
// step wakes the workers (in-process on SQLite, by NOTIFY on PostgreSQL),
// so an idle server need not look for work often.
func (c Config) Poll() time.Duration {
	if c.PollInterval > 0 {
		return c.PollInterval
	}
	return DefaultPoll
}

// DefaultPoll is how often idle workers look for steps by default.
const DefaultPoll = 2 * time.Second

// IsLoopback reports whether a listen address only accepts local connections.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
