package config

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata" // time zone checks must not depend on the host's zoneinfo
)

// fakeEnv is a getenv backed by a map; it records every name looked up.
type fakeEnv struct {
	vars   map[string]string
	looked []string
}

func (e *fakeEnv) getenv(name string) string {
	e.looked = append(e.looked, name)
	return e.vars[name]
}

// parse runs Default, Bind and Parse the way cmd/warroom does.
func parse(t *testing.T, which Settings, args []string, env map[string]string) (Config, *fakeEnv, error) {
	t.Helper()
	c := Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.Bind(fs, which)
	fe := &fakeEnv{vars: env}
	err := c.Parse(fs, args, fe.getenv)
	return c, fe, err
}

// errLines splits an errors.Join result into its messages.
func errLines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func TestEnvName(t *testing.T) {
	tests := []struct{ flag, want string }{
		{"db", "WARROOM_DB"},
		{"step-timeout", "WARROOM_STEP_TIMEOUT"},
		{"log-level", "WARROOM_LOG_LEVEL"},
		{"shutdown-timeout", "WARROOM_SHUTDOWN_TIMEOUT"},
	}
	for _, tt := range tests {
		if got := EnvName(tt.flag); got != tt.want {
			t.Errorf("EnvName(%q) = %q, want %q", tt.flag, got, tt.want)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	for _, which := range []Settings{DBOnly, Server} {
		c, fe, err := parse(t, which, nil, nil)
		if err != nil {
			t.Fatalf("settings %d: Parse with nothing set: %v", which, err)
		}
		want := Default()
		want.RescueAfter = want.StepTimeout + 30*time.Second
		if !reflect.DeepEqual(c, want) {
			t.Errorf("settings %d: got %+v\nwant %+v", which, c, want)
		}
		if c.RescueAfter != 90*time.Second {
			t.Errorf("settings %d: RescueAfter = %s, want 1m30s", which, c.RescueAfter)
		}
		for _, name := range fe.looked {
			if !strings.HasPrefix(name, "WARROOM_") {
				t.Errorf("settings %d: looked up non-WarRoom variable %q", which, name)
			}
		}
	}
}

func TestParseLooksUpEveryBoundFlag(t *testing.T) {
	tests := []struct {
		which   Settings
		want    []string
		notWant []string
	}{
		{
			which:   DBOnly,
			want:    []string{"WARROOM_DB", "WARROOM_LOG_LEVEL", "WARROOM_LOG_FORMAT"},
			notWant: []string{"WARROOM_WORKERS", "WARROOM_ADDR", "WARROOM_CONFIG"},
		},
		{
			which: Server,
			want: []string{"WARROOM_DB", "WARROOM_LOG_LEVEL", "WARROOM_LOG_FORMAT", "WARROOM_ADDR",
				"WARROOM_CONFIG", "WARROOM_WORKERS", "WARROOM_STEP_TIMEOUT", "WARROOM_RESCUE_AFTER",
				"WARROOM_POLL_INTERVAL", "WARROOM_SHUTDOWN_TIMEOUT", "WARROOM_MIGRATE"},
		},
	}
	for _, tt := range tests {
		_, fe, err := parse(t, tt.which, nil, nil)
		if err != nil {
			t.Fatalf("settings %d: %v", tt.which, err)
		}
		for _, name := range tt.want {
			if !slices.Contains(fe.looked, name) {
				t.Errorf("settings %d: %s was never looked up (looked up %v)", tt.which, name, fe.looked)
			}
		}
		for _, name := range tt.notWant {
			if slices.Contains(fe.looked, name) {
				t.Errorf("settings %d: %s looked up though its flag is not bound", tt.which, name)
			}
		}
	}
}

func TestParseFlagBeatsEnv(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(Config) bool
	}{
		{
			name:  "workers",
			args:  []string{"--workers", "5"},
			env:   map[string]string{"WARROOM_WORKERS": "3"},
			check: func(c Config) bool { return c.Workers == 5 },
		},
		{
			name:  "log level",
			args:  []string{"--log-level=debug"},
			env:   map[string]string{"WARROOM_LOG_LEVEL": "warn"},
			check: func(c Config) bool { return c.LogLevel == "debug" },
		},
		{
			name:  "db",
			args:  []string{"--db", "sqlite:/tmp/flag.db"},
			env:   map[string]string{"WARROOM_DB": "postgres://env/db"},
			check: func(c Config) bool { return c.DB == "sqlite:/tmp/flag.db" },
		},
		{
			name:  "migrate bool",
			args:  []string{"--migrate=false"},
			env:   map[string]string{"WARROOM_MIGRATE": "true"},
			check: func(c Config) bool { return !c.MigrateOnStart },
		},
		{
			name: "step timeout from flag drives rescue-after default",
			args: []string{"--step-timeout", "2m"},
			env:  map[string]string{"WARROOM_STEP_TIMEOUT": "5m"},
			check: func(c Config) bool {
				return c.StepTimeout == 2*time.Minute && c.RescueAfter == 2*time.Minute+30*time.Second
			},
		},
		{
			name: "flag for one, env for another",
			args: []string{"--addr", ":9000"},
			env:  map[string]string{"WARROOM_ADDR": ":1", "WARROOM_WORKERS": "7"},
			check: func(c Config) bool {
				return c.Addr == ":9000" && c.Workers == 7
			},
		},
		{
			// A bad env value for a flag given on the command line is never read.
			name:  "bad env ignored when flag given",
			args:  []string{"--workers", "4"},
			env:   map[string]string{"WARROOM_WORKERS": "many"},
			check: func(c Config) bool { return c.Workers == 4 },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parse(t, Server, tt.args, tt.env)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

func TestParseEnv(t *testing.T) {
	tests := []struct {
		name  string
		which Settings
		env   map[string]string
		check func(Config) bool
	}{
		{
			name:  "workers and step timeout; rescue-after defaults from step timeout",
			which: Server,
			env:   map[string]string{"WARROOM_WORKERS": "3", "WARROOM_STEP_TIMEOUT": "5m"},
			check: func(c Config) bool {
				return c.Workers == 3 && c.StepTimeout == 5*time.Minute && c.RescueAfter == 5*time.Minute+30*time.Second
			},
		},
		{
			name:  "explicit rescue-after",
			which: Server,
			env:   map[string]string{"WARROOM_RESCUE_AFTER": "10m"},
			check: func(c Config) bool { return c.RescueAfter == 10*time.Minute },
		},
		{
			name:  "strings",
			which: Server,
			env: map[string]string{
				"WARROOM_ADDR": ":8443", "WARROOM_DB": "postgresql://u@h/db",
				"WARROOM_LOG_LEVEL": "error", "WARROOM_LOG_FORMAT": "json",
			},
			check: func(c Config) bool {
				return c.Addr == ":8443" && c.DB == "postgresql://u@h/db" && c.LogLevel == "error" && c.LogFormat == "json"
			},
		},
		{
			name:  "durations and bool",
			which: Server,
			env: map[string]string{
				"WARROOM_POLL_INTERVAL": "250ms", "WARROOM_SHUTDOWN_TIMEOUT": "1m", "WARROOM_MIGRATE": "false",
			},
			check: func(c Config) bool {
				return c.PollInterval == 250*time.Millisecond && c.ShutdownTimeout == time.Minute && !c.MigrateOnStart
			},
		},
		{
			name:  "empty value means unset",
			which: Server,
			env:   map[string]string{"WARROOM_WORKERS": "", "WARROOM_LOG_LEVEL": ""},
			check: func(c Config) bool { return c.Workers == 10 && c.LogLevel == "info" },
		},
		{
			// DBOnly does not bind --workers, so its variable is not read, even if bad.
			name:  "db-only ignores server variables",
			which: DBOnly,
			env:   map[string]string{"WARROOM_WORKERS": "lots", "WARROOM_DB": "postgres://h/db"},
			check: func(c Config) bool { return c.Workers == 10 && c.DB == "postgres://h/db" },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parse(t, tt.which, nil, tt.env)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

func TestParseBadEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // substrings of the error
	}{
		{"int", map[string]string{"WARROOM_WORKERS": "abc"}, []string{"WARROOM_WORKERS", `"abc"`}},
		{"duration", map[string]string{"WARROOM_STEP_TIMEOUT": "soon"}, []string{"WARROOM_STEP_TIMEOUT", `"soon"`}},
		{"bool", map[string]string{"WARROOM_MIGRATE": "maybe"}, []string{"WARROOM_MIGRATE", `"maybe"`}},
		{
			"two bad values both reported",
			map[string]string{"WARROOM_WORKERS": "x", "WARROOM_POLL_INTERVAL": "y"},
			[]string{"WARROOM_WORKERS", "WARROOM_POLL_INTERVAL"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parse(t, Server, nil, tt.env)
			if err == nil {
				t.Fatal("Parse succeeded, want error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseValidate(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string // one flag name per expected error, in order
	}{
		{name: "log level", args: []string{"--log-level", "loud"}, want: []string{"log-level"}},
		{name: "log level from env", env: map[string]string{"WARROOM_LOG_LEVEL": "trace"}, want: []string{"log-level"}},
		{name: "log format", args: []string{"--log-format", "xml"}, want: []string{"log-format"}},
		{name: "mysql db", args: []string{"--db", "mysql://x"}, want: []string{"db"}},
		{name: "bare path db", args: []string{"--db", "./warroom.db"}, want: []string{"db"}},
		{name: "zero workers", args: []string{"--workers", "0"}, want: []string{"workers"}},
		{name: "negative workers", args: []string{"--workers", "-2"}, want: []string{"workers"}},
		{name: "zero step timeout", args: []string{"--step-timeout", "0s", "--rescue-after", "1m"}, want: []string{"step-timeout"}},
		{name: "negative step timeout", args: []string{"--step-timeout", "-1s", "--rescue-after", "1m"}, want: []string{"step-timeout"}},
		{name: "rescue-after shorter", args: []string{"--step-timeout", "5m", "--rescue-after", "1m"}, want: []string{"rescue-after"}},
		{name: "rescue-after equal", args: []string{"--step-timeout", "5m", "--rescue-after", "5m"}, want: []string{"rescue-after"}},
		{name: "rescue-after from env shorter", env: map[string]string{"WARROOM_RESCUE_AFTER": "30s"}, want: []string{"rescue-after"}},
		{name: "negative poll interval", args: []string{"--poll-interval", "-1s"}, want: []string{"poll-interval"}},
		{name: "shutdown timeout", args: []string{"--shutdown-timeout", "-5s"}, want: []string{"shutdown-timeout"}},
		{name: "zero shutdown timeout", args: []string{"--shutdown-timeout", "0s"}, want: []string{"shutdown-timeout"}},
		{
			name: "every failure reported",
			args: []string{"--log-level", "x", "--log-format", "y", "--db", "mysql://x", "--workers", "0"},
			want: []string{"log-level", "log-format", "db", "workers"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parse(t, Server, tt.args, tt.env)
			if err == nil {
				t.Fatal("Parse succeeded, want error")
			}
			lines := errLines(err)
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for i, key := range tt.want {
				prefix := "--" + key + " (" + EnvName(key) + "): "
				if !strings.HasPrefix(lines[i], prefix) {
					t.Errorf("error %d = %q, want prefix %q", i, lines[i], prefix)
				}
			}
		})
	}
}

func TestParseValidDB(t *testing.T) {
	for _, db := range []string{"sqlite:./x.db", "sqlite::memory:", "postgres://u:p@h:5432/db", "postgresql://h/db"} {
		c, _, err := parse(t, DBOnly, []string{"--db", db}, nil)
		if err != nil {
			t.Errorf("--db %s: %v", db, err)
		}
		if c.DB != db {
			t.Errorf("--db %s: DB = %q", db, c.DB)
		}
	}
}

func TestParseFlagErrors(t *testing.T) {
	if _, _, err := parse(t, Server, []string{"--nope"}, nil); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown flag: err = %v, want one naming the flag", err)
	}
	if _, _, err := parse(t, DBOnly, []string{"--workers", "3"}, nil); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("server flag on a db-only command: err = %v, want one naming the flag", err)
	}
	if _, _, err := parse(t, Server, []string{"-h"}, nil); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseConfigFile(t *testing.T) {
	good := writeFile(t, "team.yaml", fullExample)
	badKey := writeFile(t, "bad.yaml", "team:\n  enginers:\n    - {id: alice}\n")
	badRef := writeFile(t, "ref.yaml", "policy:\n  delegates:\n    zed: []\n")
	missing := filepath.Join(t.TempDir(), "missing.yaml")

	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr []string
		check   func(Config) bool
	}{
		{
			name:  "loads team and policy",
			args:  []string{"--config", good},
			check: func(c Config) bool { return len(c.Team.Engineers) == 3 && c.Policy.Tools["merge_pr"].StepUp },
		},
		{
			name:  "path from env",
			env:   map[string]string{"WARROOM_CONFIG": good},
			check: func(c Config) bool { return c.File == good && len(c.Team.Rotations) == 1 },
		},
		{name: "bad key", args: []string{"--config", badKey}, wantErr: []string{badKey, "enginers"}},
		{name: "bad reference", args: []string{"--config", badRef}, wantErr: []string{badRef, "policy.delegates.zed"}},
		{name: "missing file", args: []string{"--config", missing}, wantErr: []string{"--config", missing}},
		{name: "no file", check: func(c Config) bool { return c.Team.Engineers == nil && c.Policy.Tools == nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parse(t, Server, tt.args, tt.env)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatal("Parse succeeded, want error")
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

const fullExample = `# comment
team:
  engineers:
    - {id: alice, name: Alice Ng, email: alice@example.com, github: alice-ng, slack: U01ALICE,
       timezone: Europe/Berlin, domains: [payments, database]}
    - {id: bob, name: Bob Kim, email: "Bob Kim <bob@example.com>", github: bob-k, slack: U01BOB,
       timezone: America/New_York, domains: [search, network]}
    - id: carol.d_2
      name: Carol Diaz
      email: carol@example.com
      timezone: Asia/Tokyo
      domains: [payments, email]
  rotations:
    - {name: primary, members: [alice, bob], start: 2026-11-16T09:00:00Z, shift_hours: 168}
  overrides:
    - {rotation: primary, engineer: carol.d_2, from: 2026-11-24T00:00:00Z, to: 2026-11-25T00:00:00Z}
  services:
    - {name: checkout-api, repo: acme/checkout, domains: [payments], tier: 1, rotation: primary,
       stakeholders: [cto@example.com]}
    - {name: search, tier: 0}
policy:
  tools:
    merge_pr: {class: protected, step_up: true}
    restart: {step_up: true}
  delegates:
    alice: [carol.d_2, bob]
`

func TestLoadValid(t *testing.T) {
	f, err := Load(strings.NewReader(fullExample))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	start := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	want := File{
		Team: Team{
			Engineers: []Engineer{
				{ID: "alice", Name: "Alice Ng", Email: "alice@example.com", GitHub: "alice-ng", Slack: "U01ALICE",
					Timezone: "Europe/Berlin", Domains: []string{"payments", "database"}},
				{ID: "bob", Name: "Bob Kim", Email: "Bob Kim <bob@example.com>", GitHub: "bob-k", Slack: "U01BOB",
					Timezone: "America/New_York", Domains: []string{"search", "network"}},
				{ID: "carol.d_2", Name: "Carol Diaz", Email: "carol@example.com", Timezone: "Asia/Tokyo",
					Domains: []string{"payments", "email"}},
			},
			Rotations: []Rotation{{Name: "primary", Members: []string{"alice", "bob"}, Start: start, ShiftHours: 168}},
			Overrides: []Override{{Rotation: "primary", Engineer: "carol.d_2",
				From: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}},
			Services: []Service{
				{Name: "checkout-api", Repo: "acme/checkout", Domains: []string{"payments"}, Tier: 1,
					Stakeholders: []string{"cto@example.com"}, Rotation: "primary"},
				{Name: "search"},
			},
		},
		Policy: Policy{
			Tools: map[string]ToolPolicy{
				"merge_pr": {Class: "protected", StepUp: true},
				"restart":  {StepUp: true},
			},
			Delegates: map[string][]string{"alice": {"carol.d_2", "bob"}},
		},
	}
	if !f.Team.Rotations[0].Start.Equal(start) {
		t.Errorf("rotation start = %s, want %s", f.Team.Rotations[0].Start, start)
	}
	// time.Time from YAML may carry a different *Location; compare instants separately.
	for i := range f.Team.Rotations {
		f.Team.Rotations[i].Start = f.Team.Rotations[i].Start.UTC()
	}
	for i := range f.Team.Overrides {
		f.Team.Overrides[i].From = f.Team.Overrides[i].From.UTC()
		f.Team.Overrides[i].To = f.Team.Overrides[i].To.UTC()
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Load:\n got %+v\nwant %+v", f, want)
	}
}

func TestLoadExampleFile(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "team.yaml"))
	if err != nil {
		t.Skipf("no example file: %v", err)
	}
	if _, err := Load(strings.NewReader(string(raw))); err != nil {
		t.Errorf("examples/team.yaml: %v", err)
	}
}

func TestLoadEmpty(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n", "team: {}\npolicy: {}\n"} {
		f, err := Load(strings.NewReader(src))
		if err != nil {
			t.Errorf("Load(%q): %v", src, err)
		}
		if len(f.Team.Engineers) != 0 || len(f.Policy.Tools) != 0 {
			t.Errorf("Load(%q) = %+v, want empty", src, f)
		}
	}
	if err := (File{}).Validate(); err != nil {
		t.Errorf("zero File: %v", err)
	}
}

func TestLoadParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the bad key or value, which the message must name
	}{
		{"top-level typo", "enginers:\n  - {id: alice}\n", "enginers"},
		{"team typo", "team:\n  enginers:\n    - {id: alice}\n", "enginers"},
		{"engineer typo", "team:\n  engineers:\n    - {id: alice, emial: a@example.com}\n", "emial"},
		{"rotation typo", "team:\n  rotations:\n    - {name: p, shifthours: 8}\n", "shifthours"},
		{"service typo", "team:\n  services:\n    - {name: s, repository: a/b}\n", "repository"},
		{"tool policy typo", "policy:\n  tools:\n    merge_pr: {stepup: true}\n", "stepup"},
		{"policy typo", "polcy:\n  tools: {}\n", "polcy"},
		{"wrong type", "team:\n  services:\n    - {name: s, tier: high}\n", "high"},
		{"bad time", "team:\n  rotations:\n    - {name: p, start: yesterday}\n", "yesterday"},
		{"malformed", "team: [\n", "yaml"},
		{"second document", "team: {}\n---\npolicy:\n  tools:\n    merge_pr: {stepup: true}\n", "exactly one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("Load succeeded, want error")
			}
			if !strings.HasPrefix(err.Error(), "parse: ") {
				t.Errorf("error %q is not a parse error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name %q", err, tt.want)
			}
		})
	}
}

// team3 is a roster of three valid engineers followed by extra YAML under team:.
func team3(extra string) string {
	return "team:\n  engineers:\n    - {id: alice}\n    - {id: bob}\n    - {id: carol}\n" + extra
}

const rotPrimary = "  rotations:\n    - {name: primary, members: [alice], start: 2026-01-01T00:00:00Z, shift_hours: 24}\n"

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		paths []string // the path of every error, in order
		msg   string   // optional substring of the whole error
	}{
		{
			name:  "unknown rotation member",
			src:   team3("  rotations:\n    - {name: p, members: [alice, zed], start: 2026-01-01T00:00:00Z, shift_hours: 8}\n"),
			paths: []string{"team.rotations[0].members[1]"},
			msg:   `"zed"`,
		},
		{
			name:  "bad time zone",
			src:   "team:\n  engineers:\n    - {id: a, timezone: UTC}\n    - {id: b, timezone: Europe/Paris}\n    - {id: c, timezone: Mars/Olympus}\n",
			paths: []string{"team.engineers[2].timezone"},
			msg:   "Mars/Olympus",
		},
		{
			name:  "bad repo",
			src:   team3("  services:\n    - {name: s, repo: not-a-repo}\n"),
			paths: []string{"team.services[0].repo"},
			msg:   "not-a-repo",
		},
		{
			name:  "repo with url",
			src:   team3("  services:\n    - {name: s, repo: 'https://github.com/a/b'}\n"),
			paths: []string{"team.services[0].repo"},
		},
		{
			name:  "override unknown engineer",
			src:   team3(rotPrimary + "  overrides:\n    - {rotation: primary, engineer: zed, from: 2026-01-01T00:00:00Z, to: 2026-01-02T00:00:00Z}\n"),
			paths: []string{"team.overrides[0].engineer"},
			msg:   `"zed"`,
		},
		{
			name:  "override unknown rotation",
			src:   team3(rotPrimary + "  overrides:\n    - {rotation: secondary, engineer: bob, from: 2026-01-01T00:00:00Z, to: 2026-01-02T00:00:00Z}\n"),
			paths: []string{"team.overrides[0].rotation"},
		},
		{
			name:  "override ends before it starts",
			src:   team3(rotPrimary + "  overrides:\n    - {rotation: primary, engineer: bob, from: 2026-01-02T00:00:00Z, to: 2026-01-01T00:00:00Z}\n"),
			paths: []string{"team.overrides[0].to"},
		},
		{
			name:  "override of zero length",
			src:   team3(rotPrimary + "  overrides:\n    - {rotation: primary, engineer: bob, from: 2026-01-01T00:00:00Z, to: 2026-01-01T00:00:00Z}\n"),
			paths: []string{"team.overrides[0].to"},
		},
		{
			name:  "rotation member twice",
			src:   team3("  rotations:\n    - {name: p, members: [alice, bob, alice], start: 2026-01-01T00:00:00Z, shift_hours: 8}\n"),
			paths: []string{"team.rotations[0].members[2]"},
			msg:   "listed twice",
		},
		{
			name:  "self delegation",
			src:   team3("policy:\n  delegates:\n    alice: [bob, alice]\n"),
			paths: []string{"policy.delegates.alice[1]"},
			msg:   "own delegate",
		},
		{
			name:  "tool class lowered",
			src:   team3("policy:\n  tools:\n    merge_pr: {class: safe}\n"),
			paths: []string{"policy.tools.merge_pr.class"},
			msg:   `"safe"`,
		},
		{
			name:  "tool errors in sorted order",
			src:   team3("policy:\n  tools:\n    zap: {class: read}\n    apply: {class: write}\n    ok: {class: protected}\n"),
			paths: []string{"policy.tools.apply.class", "policy.tools.zap.class"},
		},
		{
			name:  "unknown delegate",
			src:   team3("policy:\n  delegates:\n    alice: [zed]\n"),
			paths: []string{"policy.delegates.alice[0]"},
			msg:   `"zed"`,
		},
		{
			name:  "unknown delegator",
			src:   team3("policy:\n  delegates:\n    zed: [alice]\n    bob: [carol, yan]\n"),
			paths: []string{"policy.delegates.bob[1]", "policy.delegates.zed"},
		},
		{
			name:  "duplicate engineer",
			src:   "team:\n  engineers:\n    - {id: alice}\n    - {id: bob}\n    - {id: alice}\n",
			paths: []string{"team.engineers[2].id"},
			msg:   "duplicate",
		},
		{
			name:  "bad engineer id",
			src:   "team:\n  engineers:\n    - {id: Alice}\n    - {id: ''}\n    - {id: '-x'}\n",
			paths: []string{"team.engineers[0].id", "team.engineers[1].id", "team.engineers[2].id"},
		},
		{
			name:  "bad engineer email",
			src:   "team:\n  engineers:\n    - {id: alice, email: not-an-email}\n",
			paths: []string{"team.engineers[0].email"},
		},
		{
			name:  "rotation without name",
			src:   team3("  rotations:\n    - {members: [alice], start: 2026-01-01T00:00:00Z, shift_hours: 8}\n"),
			paths: []string{"team.rotations[0].name"},
		},
		{
			name: "duplicate rotation",
			src: team3("  rotations:\n    - {name: p, members: [alice], start: 2026-01-01T00:00:00Z, shift_hours: 8}\n" +
				"    - {name: p, members: [bob], start: 2026-01-01T00:00:00Z, shift_hours: 8}\n"),
			paths: []string{"team.rotations[1].name"},
			msg:   "duplicate",
		},
		{
			name:  "rotation without members, shift or start",
			src:   team3("  rotations:\n    - {name: p}\n"),
			paths: []string{"team.rotations[0].members", "team.rotations[0].shift_hours", "team.rotations[0].start"},
		},
		{
			name:  "negative shift",
			src:   team3("  rotations:\n    - {name: p, members: [bob], start: 2026-01-01T00:00:00Z, shift_hours: -8}\n"),
			paths: []string{"team.rotations[0].shift_hours"},
		},
		{
			name:  "service without name",
			src:   team3("  services:\n    - {repo: a/b}\n"),
			paths: []string{"team.services[0].name"},
		},
		{
			name:  "duplicate service",
			src:   team3("  services:\n    - {name: s}\n    - {name: t}\n    - {name: s}\n"),
			paths: []string{"team.services[2].name"},
			msg:   "duplicate",
		},
		{
			name:  "service tier out of range",
			src:   team3("  services:\n    - {name: s, tier: 4}\n    - {name: t, tier: -1}\n"),
			paths: []string{"team.services[0].tier", "team.services[1].tier"},
		},
		{
			name:  "service unknown rotation",
			src:   team3("  services:\n    - {name: s, rotation: nightly}\n"),
			paths: []string{"team.services[0].rotation"},
		},
		{
			name:  "service bad stakeholder",
			src:   team3("  services:\n    - {name: s, stakeholders: [ok@example.com, nope]}\n"),
			paths: []string{"team.services[0].stakeholders[1]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("Load succeeded, want error")
			}
			lines := errLines(err)
			var paths []string
			for _, l := range lines {
				p, _, ok := strings.Cut(l, ": ")
				if !ok {
					t.Errorf("error line %q has no path", l)
				}
				paths = append(paths, p)
			}
			if !slices.Equal(paths, tt.paths) {
				t.Errorf("error paths = %q, want %q\nerror: %v", paths, tt.paths, err)
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
		})
	}
}
