package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const sourcesYAML = `
sources:
  alertmanager: {auth: bearer, token_env: AM_TOKEN}
  grafana: {auth: hmac, secret_env: GF_SECRET, timestamp_header: X-Grafana-Alerting-Timestamp, max_skew: 2m}
slack:
  signing_secret_env: SLACK_SECRET
  bot_token_env: SLACK_BOT
  poll_channels: [C0123ABCD]
  poll_interval: 30s
ingest:
  group_window: 15m
  max_body_bytes: 65536
`

func TestIngestSettingsLoadAndResolveSecrets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team.yaml")
	if err := os.WriteFile(path, []byte(sourcesYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AM_TOKEN": "am-secret", "GF_SECRET": "gf-secret", "SLACK_SECRET": "sl-secret", "SLACK_BOT": "xoxb-1"}
	c := Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.Bind(fs, Server)
	if err := c.Parse(fs, []string{"--config", path}, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if c.Sources["alertmanager"].Secret != "am-secret" || c.Sources["grafana"].Secret != "gf-secret" ||
		c.Sources["grafana"].MaxSkew != 2*time.Minute || c.Sources["grafana"].TimestampHeader != "X-Grafana-Alerting-Timestamp" {
		t.Fatalf("sources = %+v", c.Sources)
	}
	if c.Slack.SigningSecret != "sl-secret" || c.Slack.BotToken != "xoxb-1" || c.Slack.PollInterval != 30*time.Second {
		t.Fatalf("slack = %+v", c.Slack)
	}
	if c.Ingest.GroupWindow != 15*time.Minute || c.Ingest.MaxBodyBytes != 65536 {
		t.Fatalf("ingest = %+v", c.Ingest)
	}

	// A named variable that is unset fails start-up, naming the key and the variable, not a value.
	delete(env, "GF_SECRET")
	c = Default()
	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	c.Bind(fs, Server)
	err := c.Parse(fs, []string{"--config", path}, func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "sources.grafana.secret_env: environment variable GF_SECRET is not set") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "am-secret") {
		t.Fatal("an error message carries a secret")
	}
}

func TestIngestValidation(t *testing.T) {
	tests := []struct {
		name, src, path string
	}{
		{"unknown source", "sources:\n  nagios: {auth: bearer, token_env: X}\n", "sources.nagios"},
		{"bad auth kind", "sources:\n  alertmanager: {auth: basic, token_env: X}\n", "sources.alertmanager.auth"},
		{"bearer without token variable", "sources:\n  alertmanager: {auth: bearer}\n", "sources.alertmanager.token_env"},
		{"secret written instead of a variable name", "sources:\n  grafana: {auth: hmac, secret_env: 's3cr3t!'}\n", "sources.grafana.secret_env"},
		{"negative skew", "sources:\n  grafana: {auth: hmac, secret_env: GF, max_skew: -1m}\n", "sources.grafana.max_skew"},
		{"poll without bot token", "slack:\n  poll_channels: [C0123ABCD]\n", "slack.bot_token_env"},
		{"bad channel id", "slack:\n  bot_token_env: B\n  poll_channels: ['#incidents']\n", "slack.poll_channels[0]"},
		{"poll interval too short", "slack:\n  bot_token_env: B\n  poll_interval: 10ms\n", "slack.poll_interval"},
		{"bad api url", "slack:\n  api_url: 'ftp://x'\n", "slack.api_url"},
		{"negative window", "ingest:\n  group_window: -5m\n", "ingest.group_window"},
		{"negative body limit", "ingest:\n  max_body_bytes: -1\n", "ingest.max_body_bytes"},
		{"typo in a source", "sources:\n  alertmanager: {auth: bearer, tokn_env: X}\n", "tokn_env"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.path) {
				t.Fatalf("err = %v, want it to name %s", err, tc.path)
			}
		})
	}
}

func TestPoll(t *testing.T) {
	tests := []struct {
		set, want time.Duration
	}{
		{0, DefaultPoll},
		{time.Second, time.Second},
		{25 * time.Millisecond, 25 * time.Millisecond},
	}
	for _, tc := range tests {
		c := Default()
		c.PollInterval = tc.set
		if got := c.Poll(); got != tc.want {
			t.Errorf("Poll(set %s) = %s, want %s", tc.set, got, tc.want)
		}
	}
}

func TestReasonerSettings(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		wantKey string
	}{
		{name: "builtin by default"},
		{name: "anthropic with key", args: []string{"--reasoner", "anthropic", "--model", "claude"}, env: map[string]string{"WARROOM_ANTHROPIC_API_KEY": "k1"}, wantKey: "k1"},
		{name: "openai from env", env: map[string]string{"WARROOM_REASONER": "openai", "WARROOM_MODEL": "llama3", "WARROOM_LLM_BASE_URL": "http://127.0.0.1:11434/v1"}},
		{name: "unknown reasoner", args: []string{"--reasoner", "magic"}, wantErr: "--reasoner"},
		{name: "no model", args: []string{"--reasoner", "anthropic"}, env: map[string]string{"WARROOM_ANTHROPIC_API_KEY": "k"}, wantErr: "--model"},
		{name: "no key and no local URL", args: []string{"--reasoner", "openai", "--model", "m"}, wantErr: "WARROOM_OPENAI_API_KEY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			c.Bind(fs, Server)
			err := c.Parse(fs, tc.args, func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || c.LLMAPIKey != tc.wantKey {
				t.Fatalf("err %v, key %q", err, c.LLMAPIKey)
			}
		})
	}
}

func TestKnownIssuesAndGitHubInFile(t *testing.T) {
	good := "github: {api_url: 'https://ghe.example/api/v3/', token_env: GH_TOKEN}\nknown_issues:\n  - {id: KI-1, title: Cache stampede, symptoms: 'p99 up', domains: [redis], runbook: 'warm the cache'}\n"
	f, err := Load(strings.NewReader(good))
	if err != nil || len(f.KnownIssues) != 1 || f.KnownIssues[0].Runbook != "warm the cache" || f.GitHub.TokenEnv != "GH_TOKEN" {
		t.Fatalf("load: %+v %v", f, err)
	}
	for _, tc := range []struct{ src, path string }{
		{"known_issues:\n  - {title: x}\n", "known_issues[0].id"},
		{"known_issues:\n  - {id: A, title: x}\n  - {id: A, title: y}\n", "known_issues[1].id"},
		{"known_issues:\n  - {id: A}\n", "known_issues[0].title"},
		{"github: {token_env: 'ghp_literal'}\n", "github.token_env"},
		{"github: {api_url: 'api.github.com'}\n", "github.api_url"},
	} {
		if _, err := Load(strings.NewReader(tc.src)); err == nil || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%q: err = %v, want %s", tc.src, err, tc.path)
		}
	}
}

func TestWaitsInFile(t *testing.T) {
	f, err := Load(strings.NewReader(team3("waits: {approval_timeout: 15m, escalate_to: [bob], reauth_timeout: 1h}\n")))
	if err != nil || f.Waits.ApprovalTimeout != 15*time.Minute || f.Waits.EscalateTo[0] != "bob" || f.Waits.ReauthTimeout != time.Hour {
		t.Fatalf("%+v %v", f.Waits, err)
	}
	for _, tc := range []struct{ src, path string }{
		{team3("waits: {escalate_to: [zed]}\n"), "waits.escalate_to[0]"},
		{team3("waits: {approval_timeout: -1m}\n"), "waits.approval_timeout"},
		{team3("waits: {reauth_timeout: -1m}\n"), "waits.reauth_timeout"},
	} {
		if _, err := Load(strings.NewReader(tc.src)); err == nil || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}

func TestDemoSignInOnlyOnLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8080", true}, {"[::1]:8080", true}, {"localhost:8080", true},
		{"0.0.0.0:8080", false}, {":8080", false}, {"10.0.0.5:8080", false}, {"warroom.example:443", false},
	} {
		c := Default()
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c.Bind(fs, Server)
		err := c.Parse(fs, []string{"--demo-signin", "--addr", tc.addr}, func(string) string { return "" })
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.addr, err)
		}
		if err != nil && !strings.Contains(err.Error(), "--demo-signin") {
			t.Errorf("%s: error does not name the flag: %v", tc.addr, err)
		}
	}
}
