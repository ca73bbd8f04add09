// Command alertload measures durable alert intake: it starts WarRoom
// in-process on a loopback port, posts Alertmanager webhook payloads from
// concurrent senders (bounded by count and by time), and reports how many
// alerts per second were acknowledged, the request latency percentiles, and
// how many acknowledged alerts are missing from the database afterwards.
//
//	go run ./bench/alertload                               # SQLite in a temp dir
//	go run ./bench/alertload -engine postgres              # a fresh PostgreSQL database
//	go run ./bench/alertload -alerts 100000 -concurrency 64 -per-request 1
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warroom/warroom/bench/internal/benchenv"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/store"
)

const token = "alertload-token"

var firstFailure sync.Once

func main() {
	engine := flag.String("engine", "sqlite", "sqlite or postgres")
	pgAdmin := flag.String("pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create the scratch database on")
	total := flag.Int("alerts", 50000, "stop after this many alerts")
	perReq := flag.Int("per-request", 1, "alerts per webhook payload")
	conc := flag.Int("concurrency", 64, "concurrent senders")
	maxDur := flag.Duration("duration", 60*time.Second, "stop after this long even if -alerts is not reached")
	services := flag.Int("services", 20, "distinct services the alerts are spread over")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (server and senders) here")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "alertload:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "alertload:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*engine, *pgAdmin, *total, *perReq, *conc, *services, *maxDur); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "alertload:", err)
		os.Exit(1)
	}
}

func run(engine, pgAdmin string, total, perReq, conc, services int, maxDur time.Duration) error {
	if total <= 0 || perReq <= 0 || conc <= 0 || services <= 0 || maxDur <= 0 {
		return errors.New("-alerts, -per-request, -concurrency, -services and -duration must be positive")
	}
	dsn, cleanup, err := benchenv.ScratchDB(engine, pgAdmin, "alertload")
	if err != nil {
		return err
	}
	defer cleanup()

	cfg := config.Default()
	cfg.DB = dsn
	cfg.Sources = config.Sources{"alertmanager": {Auth: "bearer", Secret: token}}
	base, stop, err := benchenv.Serve(cfg)
	if err != nil {
		return err
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: 30 * time.Second}
	var next, accepted, failed atomic.Int64
	lat := make([][]time.Duration, conc)
	deadline := time.Now().Add(maxDur)
	requests := (total + perReq - 1) / perReq
	runID := benchenv.RandomHex(4)
	// Payloads are built before the clock starts: generating them is the
	// sender's work, not the server's, and both share the same two cores.
	payloads := make([][]byte, requests)
	for n := range payloads {
		payloads[n] = benchenv.AlertmanagerWebhook(runID, int64(n), perReq, services)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				n := next.Add(1) - 1
				if n >= int64(requests) {
					return
				}
				body := payloads[n]
				t0 := time.Now()
				ok := post(client, base, body)
				lat[w] = append(lat[w], time.Since(t0))
				if ok {
					accepted.Add(int64(perReq))
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	// Count what the database holds: every acknowledged alert must be there.
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		_ = stop()
		return err
	}
	episodes, _, err := st.AlertCounts(context.Background())
	if err != nil {
		_ = stop()
		return err
	}
	groupStart := time.Now()
	for {
		n, err := st.GroupingBacklog(context.Background())
		if err != nil || n == 0 || time.Since(groupStart) > 5*time.Minute {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	groupDrain := time.Since(groupStart)
	incidents, _ := st.ListIncidents(context.Background(), store.IncidentFilter{Limit: 1000})
	st.Close()
	if err := stop(); err != nil {
		return err
	}

	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(float64(len(all))*p))]
	}
	lost := accepted.Load() - episodes
	fmt.Printf("engine=%s alerts=%d per_request=%d concurrency=%d services=%d\n", engine, accepted.Load(), perReq, conc, services)
	fmt.Printf("elapsed=%s accepted_alerts_per_s=%.0f requests_per_s=%.0f failed_requests=%d\n",
		elapsed.Round(time.Millisecond), float64(accepted.Load())/elapsed.Seconds(), float64(len(all))/elapsed.Seconds(), failed.Load())
	fmt.Printf("latency p50=%s p90=%s p99=%s max=%s\n", pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	fmt.Printf("stored=%d lost=%d incidents=%d grouping_drained_after_load=%s\n", episodes, lost, len(incidents), groupDrain.Round(time.Millisecond))
	if lost != 0 {
		return fmt.Errorf("%d acknowledged alerts are missing from the database", lost)
	}
	return nil
}

func post(c *http.Client, base string, body []byte) bool {
	req, err := http.NewRequest(http.MethodPost, base+"/v1/alerts/alertmanager", bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		firstFailure.Do(func() { fmt.Fprintf(os.Stderr, "first failure: %d %s\n", resp.StatusCode, msg) })
		return false
	}
	return true
}
