package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

func noEnv(string) string { return "" }

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, 2, "usage: warroom"},
		{"unknown command", []string{"deploy"}, 2, `unknown command "deploy"`},
		{"audit without verify", []string{"audit"}, 2, "usage: warroom audit verify"},
		{"bad flag value", []string{"serve", "--workers", "zero"}, 2, "-workers"},
		{"invalid setting", []string{"serve", "--log-format", "xml"}, 2, "--log-format (WARROOM_LOG_FORMAT)"},
		{"bad database URL", []string{"migrate", "--db", "mysql://db"}, 2, "--db (WARROOM_DB)"},
		{"missing config file", []string{"serve", "--config", "/nonexistent/team.yaml"}, 2, "--config"},
		{"demo off loopback", []string{"demo", "--addr", "0.0.0.0:8080"}, 2, "--demo-signin"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, noEnv, &out, &errOut)
			if code != tc.wantCode || !strings.Contains(errOut.String(), tc.wantErr) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut.String(), tc.wantCode, tc.wantErr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"version"}, noEnv, &out, &out); code != 0 || !strings.HasPrefix(out.String(), "warroom ") {
		t.Fatalf("exit %d, output %q", code, out.String())
	}
}

func TestMigrateAndAuditVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		dsn := storetest.DSN(t, d)
		var out, errOut bytes.Buffer
		if code := run(ctx, []string{"migrate", "--db", dsn}, noEnv, &out, &errOut); code != 0 {
			t.Fatalf("migrate exit %d: %s", code, errOut.String())
		}
		st := storetest.OpenDSN(t, dsn)
		ms, err := st.MigrationStatus(ctx)
		if err != nil || !ms.Current() {
			t.Fatalf("after migrate: %+v %v", ms, err)
		}
		if want := fmt.Sprintf("schema version %d, river schema current: true", ms.Latest); !strings.Contains(out.String(), want) {
			t.Fatalf("migrate output %q, want %q", out.String(), want)
		}
		for i := 0; i < 4; i++ {
			if _, err := st.AppendAudit(ctx, audit.Entry{Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman},
				Action: "approval.decide:revert_pr", Outcome: audit.OutcomeSuccess}); err != nil {
				t.Fatal(err)
			}
		}
		out.Reset()
		// The environment variable reaches the command like the flag does.
		env := func(k string) string {
			if k == "WARROOM_DB" {
				return dsn
			}
			return ""
		}
		if code := run(ctx, []string{"audit", "verify"}, env, &out, &errOut); code != 0 {
			t.Fatalf("verify intact chain: exit %d: %s", code, errOut.String())
		}
		if !strings.Contains(out.String(), "intact: 4 entries") {
			t.Fatalf("verify output %q", out.String())
		}

		tamper := []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 2`}
		if d == store.Postgres {
			tamper[0] = `ALTER TABLE audit_log DISABLE TRIGGER USER`
		}
		for _, s := range tamper {
			var err error
			if d == store.Postgres {
				_, err = st.PgPool().Exec(ctx, s)
			} else {
				_, err = st.SQLDB().ExecContext(ctx, s)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		errOut.Reset()
		if code := run(ctx, []string{"audit", "verify", "--db", dsn}, noEnv, &out, &errOut); code != 1 {
			t.Fatalf("verify tampered chain: exit %d, want 1", code)
		}
		if !strings.Contains(errOut.String(), "entry seq 2") {
			t.Fatalf("verify error %q does not name entry 2", errOut.String())
		}
	})
}

// TestServeAnswersHealthzQuickly builds the real binary and starts it as a
// first run would: nothing but a fresh SQLite path.
func TestServeAnswersHealthzQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "warroom")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+filepath.Join(dir, "first-run.db"), "--log-format", "json")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "warroom listening" {
				addr <- line.Addr
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(5 * time.Second):
		t.Fatal("no 'warroom listening' log line")
	}
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(began) > 5*time.Second {
			t.Fatalf("/healthz not OK 5s after start: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if elapsed := time.Since(began); elapsed > time.Second {
		t.Fatalf("/healthz answered %s after start, want within 1s", elapsed)
	}
	// Ready once migrations ran; then SIGTERM shuts down cleanly.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz never became ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
}

func TestTriageCommand(t *testing.T) {
	dir := "../../../shared/scenarios"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared scenarios not present")
	}
	ctx := context.Background()
	var out, errOut bytes.Buffer
	// A directory gives the score table. Two files show the command's side;
	// every shared sample passing is internal/replay's test.
	sub := t.TempDir()
	for _, name := range []string{"01-checkout-psp-retry-storm.json", "08-postmortem-reminder-chatter.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code := run(ctx, []string{"triage", "--scenario", sub}, noEnv, &out, &errOut); code != 0 {
		t.Fatalf("triage DIR: exit %d, want 0\n%s%s", code, out.String(), errOut.String())
	}
	if want := "2 passed, 0 failed"; !strings.Contains(out.String(), want) {
		t.Fatalf("score table, want %q:\n%s", want, out.String())
	}
	out.Reset()
	if code := run(ctx, []string{"triage", "--scenario", dir + "/03-partner-api-certificate-expired.json"}, noEnv, &out, &errOut); code != 0 {
		t.Fatalf("triage FILE: exit %d: %s", code, errOut.String())
	}
	var res struct {
		Incident   bool     `json:"incident"`
		Severity   string   `json:"severity"`
		Confidence float64  `json:"confidence"`
		Owner      string   `json:"owner"`
		Responders []string `json:"responders"`
		KnownIssue *string  `json:"known_issue"`
		Culprit    *string  `json:"culprit"`
		Actions    []struct {
			Kind, Risk string
			Protected  bool
		} `json:"actions"`
		Reasons []string `json:"reasons"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output is not the JSON result: %v\n%s", err, out.String())
	}
	if !res.Incident || res.Severity == "" || res.Owner == "" || len(res.Responders) == 0 || len(res.Actions) == 0 || len(res.Reasons) == 0 || res.Confidence <= 0 {
		t.Fatalf("result %+v", res)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"triage"}, "--scenario FILE|DIR is required"},
		{[]string{"triage", "--scenario", "/nonexistent"}, "no such file"},
		{[]string{"triage", "--scenario", dir, "--reasoner", "gpt"}, "--reasoner"},
		{[]string{"triage", "--scenario", dir, "--reasoner", "openai", "--model", "m"}, "WARROOM_OPENAI_API_KEY"},
	} {
		errOut.Reset()
		if code := run(ctx, tc.args, noEnv, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Fatalf("%v: exit %d, stderr %q", tc.args, code, errOut.String())
		}
	}
}

func TestAuditCheckExport(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	x := audit.NewExporter(&buf, "incident:INC-1", 2, "")
	e := audit.Entry{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman},
		Action: "incident.note", IncidentID: "INC-1", Outcome: audit.OutcomeSuccess}.Seal(0, audit.GenesisHash)
	if err := x.Write(e); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	_ = os.WriteFile(good, buf.Bytes(), 0o600)
	_ = os.WriteFile(bad, bytes.Replace(buf.Bytes(), []byte("incident.note"), []byte("incident.edit"), 1), 0o600)
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"audit", "check-export", good}, 0, "positions 1"},
		{[]string{"audit", "check-export", bad}, 1, "edited"},
		{[]string{"audit", "check-export"}, 2, "usage"},
		{[]string{"audit", "check-export", filepath.Join(dir, "missing")}, 2, "no such file"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), c.args, noEnv, &out, &errOut)
		if code != c.code || !strings.Contains(out.String()+errOut.String(), c.out) {
			t.Errorf("%v: exit %d, %q %q", c.args, code, out.String(), errOut.String())
		}
	}
}
