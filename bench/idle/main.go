// Command idle measures what WarRoom costs when nothing happens: it starts
// the server in-process on a fresh database, lets it settle, and reports the
// CPU time the process used over a quiet window as a share of one core, and
// how many times its threads were woken (context switches). On PostgreSQL it
// also reports the CPU of the server processes serving the scratch database,
// since polling costs the database as much as the client.
//
//	go run ./bench/idle                         # SQLite in a temp dir
//	go run ./bench/idle -engine postgres        # a fresh PostgreSQL database
//	go run ./bench/idle -window 120s
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/warroom/warroom/bench/internal/benchenv"
	"github.com/warroom/warroom/internal/config"
)

func main() {
	engine := flag.String("engine", "sqlite", "sqlite or postgres")
	pgAdmin := flag.String("pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create the scratch database on")
	settle := flag.Duration("settle", 10*time.Second, "wait this long after the server is ready before measuring")
	window := flag.Duration("window", 60*time.Second, "measure over this long")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the quiet window here")
	poll := flag.Duration("poll", 0, "the workers' poll interval (0: the server's default)")
	flag.Parse()
	if err := run(*engine, *pgAdmin, *settle, *window, *poll, *cpuProfile); err != nil {
		fmt.Fprintln(os.Stderr, "idle:", err)
		os.Exit(1)
	}
}

func run(engine, pgAdmin string, settle, window, poll time.Duration, cpuProfile string) error {
	if window <= 0 || settle < 0 {
		return errors.New("-window must be positive and -settle not negative")
	}
	dsn, cleanup, err := benchenv.ScratchDB(engine, pgAdmin, "idle")
	if err != nil {
		return err
	}
	defer cleanup()

	cfg := config.Default()
	cfg.DB = dsn
	cfg.PollInterval = poll
	_, stopServer, err := benchenv.Serve(cfg)
	if err != nil {
		return err
	}
	time.Sleep(settle)

	before, err := usage()
	if err != nil {
		_ = stopServer()
		return err
	}
	dbName := ""
	if engine == "postgres" {
		if u, err := url.Parse(dsn); err == nil {
			dbName = strings.TrimPrefix(u.Path, "/")
		}
	}
	pgBefore := backendsCPU(dbName)
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			_ = stopServer()
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			_ = stopServer()
			return err
		}
	}
	start := time.Now()
	time.Sleep(window)
	pprof.StopCPUProfile()
	after, err := usage()
	pgCPU := backendsCPU(dbName) - pgBefore
	elapsed := time.Since(start)
	if serr := stopServer(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}

	cpu := cpuTime(after) - cpuTime(before)
	switches := (after.Nvcsw + after.Nivcsw) - (before.Nvcsw + before.Nivcsw)
	fmt.Printf("engine=%s poll=%s window=%s cpu=%s share_of_one_core=%.3f%% context_switches_per_s=%.1f\n",
		engine, cfg.Poll(), elapsed.Round(time.Millisecond), cpu.Round(time.Microsecond),
		100*cpu.Seconds()/elapsed.Seconds(), float64(switches)/elapsed.Seconds())
	if dbName != "" {
		fmt.Printf("postgres_backends cpu=%s share_of_one_core=%.3f%%\n", pgCPU.Round(time.Millisecond), 100*pgCPU.Seconds()/elapsed.Seconds())
	}
	return nil
}

// backendsCPU sums the CPU time of the PostgreSQL server processes serving
// database db ("postgres: user db 127.0.0.1(port) idle" in their command
// line), read from /proc; 0 when db is "".
func backendsCPU(db string) time.Duration {
	if db == "" {
		return 0
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var total time.Duration
	for _, p := range procs {
		cmd, err := os.ReadFile(p)
		if err != nil || !strings.HasPrefix(string(cmd), "postgres: ") || !strings.Contains(string(cmd), " "+db+" ") {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(filepath.Dir(p), "stat"))
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: utime and stime
		// are the 12th and 13th, in clock ticks of 1/100 s.
		rest := string(stat)
		if i := strings.LastIndexByte(rest, ')'); i >= 0 {
			rest = rest[i+1:]
		}
		f := strings.Fields(rest)
		if len(f) < 13 {
			continue
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		total += time.Duration(ut+st) * 10 * time.Millisecond
	}
	return total
}

// usage is the whole process's resource usage so far (every thread).
func usage() (syscall.Rusage, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return ru, fmt.Errorf("getrusage: %w", err)
	}
	return ru, nil
}

func cpuTime(ru syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
