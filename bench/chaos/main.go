// Command chaos checks WarRoom's promise under crashes: every approved action
// takes effect exactly once at the provider, whatever is killed and when.
//
// It starts the sandbox providers and an identity provider in this process,
// runs WarRoom as a child process (this binary, re-executed in serve mode,
// through the production app.Serve) on a scratch database, drives
// approve→execute flows (alerts in, the built-in agent's proposals approved
// by each approval's own engineer over the JSON API), and meanwhile kills
// the child with SIGKILL at seeded random moments, restarting it each time.
// Then it checks the sandbox providers' state against the store, and the
// audit chain.
//
//	go run ./bench/chaos -engine sqlite -flows 200 -kills 6
//	go run ./bench/chaos -engine postgres -flows 200 -kills 6
//	go run ./bench/chaos -engine postgres -replicas 2 -flows 200 -kills 6   # kill one of two replicas
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	if os.Getenv(serveEnv) == "1" {
		os.Exit(serveChild())
	}
	o := Options{Log: os.Stderr}
	flag.StringVar(&o.Engine, "engine", "sqlite", "sqlite or postgres")
	flag.StringVar(&o.PGAdmin, "pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create the scratch databases on")
	flag.IntVar(&o.Flows, "flows", 200, "approve→execute flows to drive, at least")
	flag.IntVar(&o.Kills, "kills", 6, "SIGKILLs during the run")
	flag.IntVar(&o.Replicas, "replicas", 1, "1, or 2 on PostgreSQL (the second is the one killed)")
	flag.IntVar(&o.Concurrency, "concurrency", 4, "incidents in flight at once")
	flag.Int64Var(&o.Seed, "seed", 0, "seed for the kill schedule (0: from the clock)")
	flag.DurationVar(&o.KillEvery, "kill-every", 10*time.Second, "mean time from a restart to the next kill")
	flag.DurationVar(&o.StepTimeout, "step-timeout", 10*time.Second, "the child's --step-timeout")
	flag.DurationVar(&o.RescueAfter, "rescue-after", 11*time.Second, "the child's --rescue-after: when a step a dead process left running is retried")
	flag.DurationVar(&o.Timeout, "timeout", 30*time.Minute, "give up after this long")
	flag.DurationVar(&o.HoldAnswers, "hold-answers", 100*time.Millisecond, "the providers hold each answer back up to this long (after the effect), so kills land mid-call")
	flag.IntVar(&o.Probes, "probes", 10, "with 2 replicas: notes written on the killed replica and watched on the survivor's live stream")
	flag.Parse()
	if o.Seed == 0 {
		o.Seed = time.Now().UnixNano() % 1_000_000_007
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
	o.Exe = exe
	fmt.Printf("seed=%d\n", o.Seed)
	rep, err := Run(o)
	if rep != nil {
		fmt.Print(rep.String())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
	if len(rep.Problems) > 0 {
		os.Exit(1)
	}
}
