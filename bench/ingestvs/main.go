// Command ingestvs measures durable alert intake side by side with the
// reference: it starts Debian's prometheus-alertmanager and WarRoom (this
// binary again, as a child serving on a fresh database) one after the other
// on loopback, drives each with the same generator (one alert per request,
// alerts spread over services, built before the clock starts), and prints
// the acknowledged alerts per second of each and WarRoom's ratio to
// Alertmanager. WarRoom acknowledges an alert only after its commit; the
// script checks afterwards that every acknowledged alert is in its database.
//
//	go run ./bench/ingestvs                                   # both stores, 8 and 64 senders
//	go run ./bench/ingestvs -engines sqlite -senders 8 -alerts 5000
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/warroom/warroom/bench/internal/benchenv"
	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/store"
)

const token = "ingestvs-token"

func main() {
	// The child: serve WarRoom on the given database and address.
	if len(os.Args) == 4 && (os.Args[1] == "-serve" || os.Args[1] == "-serve-floor") {
		serveFn := serve
		if os.Args[1] == "-serve-floor" {
			serveFn = func(dsn, addr string) error {
				ctx, stop := signalContext()
				defer stop()
				return serveFloor(ctx, dsn, addr)
			}
		}
		if err := serveFn(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "ingestvs serve:", err)
			os.Exit(1)
		}
		return
	}
	engines := flag.String("engines", "sqlite,postgres", "WarRoom's stores to measure, comma-separated")
	senders := flag.String("senders", "8,64", "concurrent senders, comma-separated")
	alerts := flag.Int("alerts", 20000, "alerts per run (one per request)")
	services := flag.Int("services", 50, "distinct services the alerts are spread over")
	am := flag.String("alertmanager", "prometheus-alertmanager", "the reference's binary")
	pgAdmin := flag.String("pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create scratch databases on")
	floor := flag.Bool("floor", true, "also measure the durable floor (floor.go) on each store")
	flag.Parse()
	if err := run(strings.Split(*engines, ","), *senders, *alerts, *services, *am, *pgAdmin, *floor); err != nil {
		fmt.Fprintln(os.Stderr, "ingestvs:", err)
		os.Exit(1)
	}
}

func serve(dsn, addr string) error {
	cfg := config.Default()
	cfg.DB, cfg.Addr = dsn, addr
	cfg.Sources = config.Sources{"alertmanager": {Auth: "bearer", Secret: token}}
	ctx, stop := signalContext()
	defer stop()
	return app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func run(engines []string, sendersList string, alerts, services int, am, pgAdmin string, floor bool) error {
	if alerts <= 0 || services <= 0 {
		return errors.New("-alerts and -services must be positive")
	}
	var senders []int
	for _, s := range strings.Split(sendersList, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fmt.Errorf("-senders: %q is not a positive number", s)
		}
		senders = append(senders, n)
	}
	runID := benchenv.RandomHex(4)
	amBodies := make([][]byte, alerts)
	wrBodies := make([][]byte, alerts)
	for n := range alerts {
		amBodies[n] = amAlert(runID, n, services)
		wrBodies[n] = benchenv.AlertmanagerWebhook(runID, int64(n), 1, services)
	}
	for _, conc := range senders {
		ref, err := measureAlertmanager(am, amBodies, conc)
		if err != nil {
			return fmt.Errorf("alertmanager: %w", err)
		}
		fmt.Printf("senders=%d alertmanager alerts_per_s=%.0f p50=%s p99=%s\n", conc, ref.rate(), ref.pct(0.5), ref.pct(0.99))
		for _, engine := range engines {
			got, err := measureWarRoom(engine, pgAdmin, wrBodies, conc, false)
			if err != nil {
				return fmt.Errorf("warroom %s: %w", engine, err)
			}
			fmt.Printf("senders=%d warroom_%s alerts_per_s=%.0f p50=%s p99=%s ratio=%.2f\n", conc, engine, got.rate(), got.pct(0.5), got.pct(0.99), got.rate()/ref.rate())
			if !floor {
				continue
			}
			got, err = measureWarRoom(engine, pgAdmin, wrBodies, conc, true)
			if err != nil {
				return fmt.Errorf("floor %s: %w", engine, err)
			}
			fmt.Printf("senders=%d floor_%s alerts_per_s=%.0f p50=%s p99=%s ratio=%.2f\n", conc, engine, got.rate(), got.pct(0.5), got.pct(0.99), got.rate()/ref.rate())
		}
	}
	return nil
}

type result struct {
	accepted int64
	elapsed  time.Duration
	lat      []time.Duration
}

func (r result) rate() float64 { return float64(r.accepted) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))].Round(10 * time.Microsecond)
}

// drive posts every body once from conc senders and counts the 2xx answers.
func drive(url string, header http.Header, bodies [][]byte, conc int) (result, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: 30 * time.Second}
	var next, accepted atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, conc)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := next.Add(1) - 1
				if n >= int64(len(bodies)) {
					return
				}
				req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(bodies[n]))
				req.Header = header.Clone()
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				msg, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[w] = append(lat[w], time.Since(t0))
				if resp.StatusCode/100 == 2 {
					accepted.Add(1)
				} else {
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%d %s", resp.StatusCode, msg))
				}
			}
		}()
	}
	wg.Wait()
	r := result{accepted: accepted.Load(), elapsed: time.Since(start), lat: slices.Concat(lat...)}
	slices.Sort(r.lat)
	if e := firstErr.Load(); e != nil {
		return r, fmt.Errorf("a request failed: %s", e)
	}
	return r, nil
}

// amAlert is the n-th alert as Alertmanager's own API takes it.
func amAlert(runID string, n, services int) []byte {
	svc := fmt.Sprintf("svc-%02d", n%services)
	return fmt.Appendf(nil, `[{"labels":{"alertname":"HighErrorRate","service":%q,"severity":"critical","instance":"pod-%s-%d"},`+
		`"annotations":{"summary":"%s error ratio above 5%%","description":"5xx ratio 7.3%% over 5m"},`+
		`"startsAt":"2026-11-20T02:10:00Z","generatorURL":"http://prometheus.local/graph"}]`, svc, runID, n, svc)
}

func measureAlertmanager(bin string, bodies [][]byte, conc int) (result, error) {
	dir, err := os.MkdirTemp("", "ingestvs-am-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	cfgPath := filepath.Join(dir, "alertmanager.yml")
	if err := os.WriteFile(cfgPath, []byte("route:\n  receiver: none\nreceivers:\n  - name: none\n"), 0o600); err != nil {
		return result{}, err
	}
	addr, err := freeAddr()
	if err != nil {
		return result{}, err
	}
	cmd := exec.Command(bin, "--config.file="+cfgPath, "--storage.path="+dir, "--web.listen-address="+addr, "--cluster.listen-address=", "--log.level=warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	defer stopChild(cmd)
	if err := waitOK("http://" + addr + "/-/ready"); err != nil {
		return result{}, err
	}
	h := http.Header{"Content-Type": {"application/json"}}
	return drive("http://"+addr+"/api/v2/alerts", h, bodies, conc)
}

// measureWarRoom serves WarRoom, or the durable floor when floor is set, on
// a fresh database of engine and drives it.
func measureWarRoom(engine, pgAdmin string, bodies [][]byte, conc int, floor bool) (result, error) {
	dsn, cleanup, err := benchenv.ScratchDB(engine, pgAdmin, "ingestvs")
	if err != nil {
		return result{}, err
	}
	defer cleanup()
	addr, err := freeAddr()
	if err != nil {
		return result{}, err
	}
	self, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	mode := "-serve"
	if floor {
		mode = "-serve-floor"
	}
	cmd := exec.Command(self, mode, dsn, addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	stopped := false
	defer func() {
		if !stopped {
			stopChild(cmd)
		}
	}()
	if err := benchenv.WaitReady("http://" + addr); err != nil {
		return result{}, err
	}
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + token}}
	r, err := drive("http://"+addr+"/v1/alerts/alertmanager", h, bodies, conc)
	if err != nil {
		return r, err
	}
	stopChild(cmd)
	stopped = true
	// Durable means acknowledged only after commit: every one is stored.
	if floor {
		n, err := countFloor(context.Background(), dsn)
		if err == nil && n < r.accepted {
			err = fmt.Errorf("%d alerts acknowledged, %d stored", r.accepted, n)
		}
		return r, err
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		return r, err
	}
	defer st.Close()
	episodes, _, err := st.AlertCounts(context.Background())
	if err != nil {
		return r, err
	}
	if episodes < r.accepted {
		return r, fmt.Errorf("%d alerts acknowledged, %d stored", r.accepted, episodes)
	}
	return r, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitOK(url string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready after 30s", url)
}

// stopChild asks a child to stop and waits for it.
func stopChild(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// signalContext ends when the process is asked to stop.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
}
