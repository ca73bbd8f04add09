// Command warroom is the incident-response agent: serve, migrate, audit verify, version.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/demo"
	"github.com/warroom/warroom/internal/store"
)

const usage = `usage: warroom <command> [flags]

commands:
  serve          run the server (HTTP API, step engine)
  demo           run the server against in-process sandbox providers, with a demo team (no network)
  migrate        apply database migrations and exit
  audit verify   verify the audit log's hash chain; exit 1 naming the first bad entry
  audit check-export FILE  check an audit export (.jsonl from the dashboard; - for stdin) without the database
  triage         replay a scenario file (JSON result) or directory (score table) offline
  vault rotate-key  re-seal every stored grant under the current vault key
  version        print the version

Run 'warroom <command> -h' for a command's flags. Every flag can also be set
with a WARROOM_* environment variable (--step-timeout is WARROOM_STEP_TIMEOUT).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	if cmd == "triage" {
		return triageCmd(ctx, args, getenv, stdout, stderr)
	}
	if cmd == "vault" {
		if len(args) == 0 || args[0] != "rotate-key" {
			fmt.Fprint(stderr, "usage: warroom vault rotate-key --config FILE [flags]\n")
			return 2
		}
		cmd, args = "vault rotate-key", args[1:]
	}
	if cmd == "audit" && len(args) > 0 && args[0] == "check-export" {
		return checkExport(args[1:], os.Stdin, stdout, stderr)
	}
	if cmd == "audit" {
		if len(args) == 0 || args[0] != "verify" {
			fmt.Fprint(stderr, "usage: warroom audit verify [flags] | warroom audit check-export FILE\n")
			return 2
		}
		cmd, args = "audit verify", args[1:]
	}
	cfg := config.Default()
	fs := flag.NewFlagSet("warroom "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch cmd {
	case "serve", "vault rotate-key":
		cfg.Bind(fs, config.Server)
	case "demo":
		// Loopback and a file of its own: the demo sign-in lets anyone be anyone.
		cfg.Addr, cfg.DB, cfg.DemoSignIn = "127.0.0.1:8080", "sqlite:warroom-demo.db", true
		cfg.Bind(fs, config.Server)
	case "migrate", "audit verify":
		cfg.Bind(fs, config.DBOnly)
	case "version":
		fmt.Fprintln(stdout, "warroom", version())
		return 0
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "warroom: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := cfg.Parse(fs, args, getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "warroom %s: invalid configuration:\n%v\n", cmd, err)
		return 2
	}
	log := app.NewLogger(cfg, stderr)
	var err error
	switch cmd {
	case "serve":
		err = app.Serve(ctx, cfg, log)
	case "demo":
		fmt.Fprintf(stdout, "WarRoom demo: open http://%s/login, sign in as alice, then POST /demo/alert (the dashboard's \"Fire sample alert\")\n", cfg.Addr)
		err = demo.Run(ctx, cfg, log)
	case "migrate":
		err = migrate(ctx, cfg, stdout)
	case "audit verify":
		err = verify(ctx, cfg, stdout)
	case "vault rotate-key":
		var n int
		if n, err = app.RotateVaultKey(ctx, cfg); err == nil {
			fmt.Fprintf(stdout, "re-sealed %d grants under the current key\n", n)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "warroom %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func migrate(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	ms, err := st.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "migrated %s: schema version %d, river schema current: %t\n", st.Dialect(), ms.Version, ms.RiverReady)
	return nil
}

// checkExport verifies an exported audit file: hashes, links between
// adjacent positions, and the trailer naming what the file holds.
func checkExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, "usage: warroom audit check-export FILE (- for stdin)\n")
		return 2
	}
	in := stdin
	if args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintf(stderr, "warroom audit check-export: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	t, err := audit.VerifyExport(in)
	if err != nil {
		fmt.Fprintf(stderr, "warroom audit check-export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "audit export verifies: %d entries of %d (positions %s), scope %s, complete: %t, head %d %s\n",
		t.Entries, t.HeadSeq, t.Positions, t.Scope, t.Complete, t.HeadSeq, t.HeadHash)
	return 0
}

func verify(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit chain verified for %d entries, then: %w", n, err)
	}
	fmt.Fprintf(stdout, "audit chain intact: %d entries\n", n)
	return nil
}

func version() string {
	if app.Version != "dev" {
		return app.Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return "dev-" + s.Value
			}
		}
	}
	return app.Version
}
