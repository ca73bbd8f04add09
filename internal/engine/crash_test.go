package engine_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// The crash tests run WarRoom in a real child process (this test binary,
// re-executed as `warroom serve` would run) and kill it with SIGKILL: no
// deferred function, no graceful shutdown, exactly like a crashed host.
const helperEnv = "WARROOM_ENGINE_TEST_SERVE"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		os.Exit(serveForTest())
	}
	os.Exit(m.Run())
}

// serveForTest is the child: the same configuration path and app.Serve as
// the real binary, plus an executor for the test's fake provider.
func serveForTest() int {
	cfg := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.Bind(fs, config.Server)
	if err := cfg.Parse(fs, nil, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var ex action.Executor = httpExecutor{os.Getenv("FAKE_PROVIDER_URL")}
	opts := []app.Option{}
	if url := os.Getenv("FAKE_TOKEN_URL"); url != "" {
		// Act as the approver: fetch their token just in time from the fake endpoint.
		ex = &bearerExecutor{httpExecutor: httpExecutor{os.Getenv("FAKE_PROVIDER_URL")}}
		opts = append(opts, app.WithCredentials(fetchFrom(url)))
	}
	opts = append(opts, app.WithExecutors(map[string]action.Executor{"revert_pr": ex}))
	err := app.Serve(ctx, cfg, app.NewLogger(cfg, os.Stderr), opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		return 1
	}
	return 0
}

type proc struct {
	cmd   *exec.Cmd
	ready chan struct{}
	mu    sync.Mutex
	log   strings.Builder
	done  chan struct{}
}

// startServe starts a child process on dsn and waits until it is ready.
func startServe(t *testing.T, dsn, providerURL string, extraEnv ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), extraEnv...), helperEnv+"=1",
		"WARROOM_DB="+dsn, "WARROOM_ADDR=127.0.0.1:0", "WARROOM_STEP_TIMEOUT=2s", "WARROOM_RESCUE_AFTER=3s",
		"WARROOM_POLL_INTERVAL=100ms", "WARROOM_LOG_LEVEL=info", "FAKE_PROVIDER_URL="+providerURL)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, ready: make(chan struct{}), done: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		readyOnce := sync.Once{}
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.log.WriteString(line + "\n")
			p.mu.Unlock()
			if strings.Contains(line, `msg="warroom ready"`) {
				readyOnce.Do(func() { close(p.ready) })
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			p.mu.Lock()
			t.Logf("child %d log:\n%s", cmd.Process.Pid, p.log.String())
			p.mu.Unlock()
		}
	})
	select {
	case <-p.ready:
	case <-p.done:
		t.Fatalf("child exited before ready:\n%s", p.log.String())
	case <-time.After(60 * time.Second):
		t.Fatal("child not ready after 60s")
	}
	return p
}

// kill sends SIGKILL and reaps the process.
func (p *proc) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := p.cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die of SIGKILL: %v", err)
	}
}

// term sends SIGTERM and requires a clean exit: graceful shutdown works.
func (p *proc) term(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("child exit after SIGTERM: %v", err)
	}
}

func TestSuspensionSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		t.Parallel()
		ctx := context.Background()
		dsn := storetest.DSN(t, d)
		st, f := storetest.OpenDSN(t, dsn), newFakeProvider(t)
		decider := newEngine(t, st, f) // this process only records and enqueues; it runs no steps

		first := startServe(t, dsn, f.srv.URL)
		inc := openIncident(t, decider)
		a, ap := proposeRevert(t, decider, inc.ID)
		time.Sleep(500 * time.Millisecond) // several polls by the child: it must find nothing to run
		first.kill(t)
		if posts, _ := f.counts(); posts != 0 {
			t.Fatalf("provider called %d times while the action awaited approval", posts)
		}

		// The decision lands while no WarRoom process is running at all.
		if _, err := decider.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.GetAction(ctx, a.ID); got.Status != incident.ActionApproved {
			t.Fatalf("action is %s with no process running, want approved", got.Status)
		}

		second := startServe(t, dsn, f.srv.URL)
		done := waitAction(t, st, a.ID, incident.ActionSucceeded, 60*time.Second)
		second.term(t)
		if posts, effects := f.counts(); posts != 1 || effects != 1 {
			t.Fatalf("provider saw %d posts, %d effects; want 1 and 1", posts, effects)
		}
		if done.ApprovedBy != "alice" || f.effect(a.IdempotencyKey).RunAs != "alice" {
			t.Fatalf("ran as %q, want alice", f.effect(a.IdempotencyKey).RunAs)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSIGKILLMidStepTakesEffectOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	tests := []struct {
		name      string
		first     step
		wantPosts int
		wantEvent incident.EventType
	}{
		// The write landed, the process died before recording it: the next
		// process must find it by its idempotency key and not send it again.
		{"killed after the provider applied the write", applyThenHang, 1, incident.EventActionReconciled},
		// The process died before the write landed: reconcile finds nothing,
		// so the write is sent again, with the same key, once.
		{"killed before the provider applied the write", hangBeforeApply, 2, incident.EventActionSucceeded},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				ctx := context.Background()
				dsn := storetest.DSN(t, d)
				st, f := storetest.OpenDSN(t, dsn), newFakeProvider(t)
				f.setScript(func(n int) step {
					if n == 1 {
						return tc.first
					}
					return apply
				})
				decider := newEngine(t, st, f)
				inc := openIncident(t, decider)
				a, ap := proposeRevert(t, decider, inc.ID)
				if _, err := decider.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
					t.Fatal(err)
				}

				first := startServe(t, dsn, f.srv.URL)
				select {
				case <-f.arrived:
				case <-time.After(60 * time.Second):
					t.Fatal("the child never called the provider")
				}
				first.kill(t)
				if got, _ := st.GetAction(ctx, a.ID); got.Status != incident.ActionExecuting || got.Attempts != 1 {
					t.Fatalf("after the crash the action is %s (attempt %d), want executing (attempt 1)", got.Status, got.Attempts)
				}

				second := startServe(t, dsn, f.srv.URL)
				waitAction(t, st, a.ID, incident.ActionSucceeded, 90*time.Second)
				second.term(t)
				posts, effects := f.counts()
				if effects != 1 || posts != tc.wantPosts {
					t.Fatalf("provider saw %d posts and %d effects; want %d posts and exactly 1 effect", posts, effects, tc.wantPosts)
				}
				types := eventTypes(t, st, inc.ID)
				if n := count(types, incident.EventActionExecuting); n != 2 {
					t.Fatalf("executing events = %d, want 2 (the crashed attempt and the recovery): %v", n, types)
				}
				if n := count(types, tc.wantEvent); n != 1 {
					t.Fatalf("%s events = %d, want 1: %v", tc.wantEvent, n, types)
				}
				if _, err := st.VerifyAudit(ctx); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}

// TestReauthSurvivesSIGKILL: the nested wait (re-authorization inside an
// approval) is a row like the first one.
func TestReauthSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		t.Parallel()
		ctx := context.Background()
		dsn := storetest.DSN(t, d)
		st, f, te := storetest.OpenDSN(t, dsn), newFakeProvider(t), newTokenEndpoint(t)
		te.mu.Lock()
		te.expired["alice"] = true
		te.mu.Unlock()
		decider := newEngine(t, st, f)
		inc := openIncident(t, decider)
		a, ap := proposeRevert(t, decider, inc.ID)
		if _, err := decider.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}

		first := startServe(t, dsn, f.srv.URL, "FAKE_TOKEN_URL="+te.srv.URL)
		waitAction(t, st, a.ID, incident.ActionAwaitingReauth, 60*time.Second)
		first.kill(t)

		// alice reconnects and re-authorizes while no WarRoom process runs.
		te.mu.Lock()
		te.expired["alice"] = false
		te.mu.Unlock()
		pending, err := st.PendingApprovals(ctx, "alice")
		if err != nil || len(pending) != 1 || pending[0].Kind != incident.WaitReauth {
			t.Fatalf("re-auth wait after the crash: %+v %v", pending, err)
		}
		if _, err := decider.Decide(ctx, pending[0].ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}

		second := startServe(t, dsn, f.srv.URL, "FAKE_TOKEN_URL="+te.srv.URL)
		waitAction(t, st, a.ID, incident.ActionSucceeded, 60*time.Second)
		second.term(t)
		if posts, effects := f.counts(); posts != 1 || effects != 1 {
			t.Fatalf("provider saw %d posts, %d effects; want 1 and 1", posts, effects)
		}
		if n := te.count(); n != 2 {
			t.Fatalf("token endpoint calls = %d, want 2 (refused, then the one the action used)", n)
		}
	})
}
