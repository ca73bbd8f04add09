package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/demo"
)

// WarRoom runs as a real child process: this binary (the bench, or the test
// binary) re-executed in serve mode, killed with SIGKILL like a crashed host.
const (
	serveEnv  = "WARROOM_CHAOS_SERVE"  // "1": be the server
	configEnv = "WARROOM_CHAOS_CONFIG" // the JSON configuration the parent wrote
)

// serveChild is the child: process settings from WARROOM_* like `warroom
// serve`, the team, policy and providers from the parent's file, the
// listener inherited from the parent (fd 3, so the address survives every
// restart), the sandbox vault, and the production app.Serve.
func serveChild() int {
	raw, err := os.ReadFile(os.Getenv(configEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos child:", err)
		return 2
	}
	var file config.Config
	if err := json.Unmarshal(raw, &file); err != nil {
		fmt.Fprintln(os.Stderr, "chaos child: config:", err)
		return 2
	}
	cfg := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.Bind(fs, config.Server)
	cfg.Addr, cfg.DemoSignIn = file.Addr, file.DemoSignIn
	if err := cfg.Parse(fs, nil, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "chaos child:", err)
		return 2
	}
	// What `serve` reads from the YAML file.
	cfg.Team, cfg.Policy, cfg.Sources, cfg.Slack, cfg.Ingest = file.Team, file.Policy, file.Sources, file.Slack, file.Ingest
	cfg.GitHub, cfg.KnownIssues, cfg.Waits, cfg.Vault, cfg.Auth = file.GitHub, file.KnownIssues, file.Waits, file.Vault, file.Auth
	cfg.Authz, cfg.StepUp, cfg.Providers = file.Authz, file.StepUp, file.Providers
	ln, err := net.FileListener(os.NewFile(3, "listener"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos child: inherited listener:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	err = app.Serve(ctx, cfg, app.NewLogger(cfg, os.Stderr), app.WithCredentials(demo.Credentials(cfg.Team)), app.WithListener(ln))
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		return 1
	}
	return 0
}

// replica is one WarRoom server slot: a listener held by the parent and the
// child process currently serving on it (restarted after every kill).
type replica struct {
	name   string
	ln     *net.TCPListener
	base   string
	spawn  func(r *replica) (*child, error)
	mu     sync.Mutex
	cur    *child
	starts int
}

// child is one process; its stderr goes to a log file in the run directory.
type child struct {
	cmd   *exec.Cmd
	ready chan struct{}
	done  chan struct{}
	log   *os.File
	path  string
}

// startChild starts exe in serve mode on r's listener and waits until the
// child logs that it is ready (migrations done, engine started).
func startChild(exe string, args, env []string, r *replica, logPath string, within time.Duration) (*child, error) {
	lf, err := r.ln.File()
	if err != nil {
		return nil, fmt.Errorf("listener file: %w", err)
	}
	defer lf.Close()
	out, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.ExtraFiles = []*os.File{lf}
	pr, pw := io.Pipe()
	cmd.Stderr, cmd.Stdout = pw, out
	c := &child{cmd: cmd, ready: make(chan struct{}), done: make(chan struct{}), log: out, path: logPath}
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	go func() {
		_ = cmd.Wait()
		_ = pw.Close()
	}()
	go func() {
		defer close(c.done)
		var once sync.Once
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			_, _ = out.WriteString(line + "\n")
			if strings.Contains(line, `msg="warroom ready"`) {
				once.Do(func() { close(c.ready) })
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case <-c.ready:
		return c, nil
	case <-c.done:
		return nil, fmt.Errorf("%s exited before it was ready; log %s:\n%s", r.name, logPath, tail(logPath, 30))
	case <-time.After(within):
		_ = cmd.Process.Kill()
		<-c.done
		return nil, fmt.Errorf("%s not ready after %s; log %s:\n%s", r.name, within, logPath, tail(logPath, 30))
	}
}

// kill sends SIGKILL: no deferred function, no graceful shutdown.
func (c *child) kill() error {
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	<-c.done
	ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		return fmt.Errorf("child %d did not die of SIGKILL: %v", c.cmd.Process.Pid, c.cmd.ProcessState)
	}
	return c.log.Close()
}

// term asks for a graceful shutdown and waits for it.
func (c *child) term(within time.Duration) error {
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-c.done:
	case <-time.After(within):
		_ = c.cmd.Process.Kill()
		<-c.done
		return fmt.Errorf("child %d did not stop within %s after SIGTERM", c.cmd.Process.Pid, within)
	}
	_ = c.log.Close()
	if !c.cmd.ProcessState.Success() {
		return fmt.Errorf("child %d exited with %v after SIGTERM; log %s:\n%s", c.cmd.Process.Pid, c.cmd.ProcessState, c.path, tail(c.path, 20))
	}
	return nil
}

// running reports whether the child has not exited.
func (c *child) running() bool {
	select {
	case <-c.done:
		return false
	default:
		return true
	}
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	from := max(0, len(lines)-n)
	// A race report ends long before the last lines; it is the part worth keeping.
	for i, l := range lines {
		if strings.Contains(l, "WARNING: DATA RACE") {
			from = min(from, i)
			break
		}
	}
	return strings.Join(lines[from:], "\n")
}
