// Command incidentpage times the pages of a real P1 as the demo produces it:
// it serves the demo (sandbox providers, built-in reasoner) on a fresh
// database, fires the sample alert, waits for the agent's first pass (eight
// proposals, the telemetry investigation, the charts), signs in as the
// owner and times the incident page, its live panel and the postmortem.
//
//	go run ./bench/incidentpage                      # SQLite
//	go run ./bench/incidentpage -engine postgres -requests 100
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/warroom/warroom/bench/internal/benchenv"
	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/demo"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

func main() {
	engine := flag.String("engine", "sqlite", "sqlite or postgres")
	pgAdmin := flag.String("pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create the scratch database on")
	requests := flag.Int("requests", 50, "requests per page")
	flag.Parse()
	if err := run(*engine, *pgAdmin, *requests); err != nil {
		fmt.Fprintln(os.Stderr, "incidentpage:", err)
		os.Exit(1)
	}
}

func run(engine, pgAdmin string, requests int) error {
	if requests <= 0 {
		return errors.New("-requests must be positive")
	}
	dsn, cleanup, err := benchenv.ScratchDB(engine, pgAdmin, "incidentpage")
	if err != nil {
		return err
	}
	defer cleanup()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	cfg := config.Default()
	cfg.DB, cfg.Addr = dsn, ln.Addr().String()
	sb, cfg, opts, err := demo.Prepare(cfg)
	if err != nil {
		return err
	}
	defer sb.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), append(opts, app.WithListener(ln))...)
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()
	if err := benchenv.WaitReady(base); err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/demo/alert", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("fire the sample alert: %d", resp.StatusCode)
	}
	id, events, err := waitForPass(dsn)
	if err != nil {
		return err
	}
	fmt.Printf("engine=%s incident=%s events=%d\n", engine, id, events)
	alice, err := benchenv.SignIn(base, "alice")
	if err != nil {
		return err
	}
	for _, path := range []string{"/incidents/" + id, "/incidents/" + id + "/panel", "/incidents/" + id + "/postmortem", "/incidents/" + id + "/postmortem.md"} {
		var took []time.Duration
		size := 0
		for range requests {
			start := time.Now()
			resp, err := alice.Get(base + path)
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %d", path, resp.StatusCode)
			}
			took = append(took, time.Since(start))
			size = len(b)
		}
		slices.Sort(took)
		fmt.Printf("%-36s p50=%6.1fms p90=%6.1fms max=%6.1fms bytes=%d\n", "/incidents/{id}"+path[len("/incidents/")+len(id):],
			ms(took[len(took)/2]), ms(took[len(took)*9/10]), ms(took[len(took)-1]), size)
	}
	return nil
}

// waitForPass waits for the demo incident's first agent summary.
func waitForPass(dsn string) (string, int, error) {
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return "", 0, err
	}
	defer st.Close()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		incs, err := st.ListIncidents(ctx, store.IncidentFilter{})
		if err == nil && len(incs) == 1 {
			evs, err := st.ListEvents(ctx, incs[0].ID, 0, 0)
			if err == nil && slices.ContainsFunc(evs, func(e incident.Event) bool { return e.Type == incident.EventSummary }) {
				return incs[0].ID, len(evs), nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", 0, errors.New("the demo incident was not triaged within 90s")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
