// Command pages measures how long the dashboard's pages take with a large
// history behind them: it seeds a fresh database through the store (by
// default the performance issue's volume: 100 000 incidents, 1 000 000
// timeline events, 300 000 pending approvals with their actions and audit
// entries), starts WarRoom in-process with the demo sign-in, and times each
// page as a signed-in engineer would load it.
//
//	go run ./bench/pages                          # SQLite, full volume
//	go run ./bench/pages -engine postgres -scale 0.1
//	go run ./bench/pages -requests 50
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/bench/internal/benchenv"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

func main() {
	engine := flag.String("engine", "sqlite", "sqlite or postgres")
	pgAdmin := flag.String("pg-admin", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server to create the scratch database on")
	scale := flag.Float64("scale", 1, "fraction of the volume to seed (1 = 100 000 incidents, 1 000 000 events, 300 000 approvals)")
	requests := flag.Int("requests", 30, "requests per page")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the requests (not the seeding) here")
	flag.Parse()
	if err := run(*engine, *pgAdmin, *scale, *requests, *cpuProfile); err != nil {
		fmt.Fprintln(os.Stderr, "pages:", err)
		os.Exit(1)
	}
}

// The team: alice and bob own the incidents of their services, carol audits.
var team = config.Team{
	Engineers: []config.Engineer{
		{ID: "alice", Name: "Alice", Email: "alice@example.com"},
		{ID: "bob", Name: "Bob", Email: "bob@example.com"},
		{ID: "carol", Name: "Carol", Email: "carol@example.com"},
	},
	Rotations: []config.Rotation{
		{Name: "payments", Members: []string{"alice"}, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ShiftHours: 168},
		{Name: "search", Members: []string{"bob"}, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ShiftHours: 168},
	},
	Services: []config.Service{
		{Name: "checkout", Tier: 1, Rotation: "payments"},
		{Name: "search", Tier: 2, Rotation: "search"},
	},
}

func run(engine, pgAdmin string, scale float64, requests int, cpuProfile string) error {
	if scale <= 0 || requests <= 0 {
		return errors.New("-scale and -requests must be positive")
	}
	dsn, cleanup, err := benchenv.ScratchDB(engine, pgAdmin, "pages")
	if err != nil {
		return err
	}
	defer cleanup()

	incidents := int(100_000 * scale)
	began := time.Now()
	sample, err := seed(dsn, incidents, 10, 3)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Printf("engine=%s seeded incidents=%d events=%d approvals=%d audit=%d in %s\n",
		engine, incidents, incidents*10, incidents*3, incidents*3, time.Since(began).Round(time.Second))

	// What the seeding allocated is returned, so the memory reported at the
	// end is the server's.
	debug.FreeOSMemory()

	cfg := config.Default()
	cfg.DB = dsn
	cfg.Team = team
	cfg.Authz.Auditors = []string{"carol"}
	cfg.DemoSignIn = true
	base, stopServer, err := benchenv.Serve(cfg)
	if err != nil {
		return err
	}
	defer func() { _ = stopServer() }()

	pages := []struct{ who, path string }{
		{"alice", "/"},
		{"alice", "/incidents/" + sample},
		{"alice", "/incidents/" + sample + "/panel"},
		{"alice", "/incidents/" + sample + "/audit"},
		{"alice", "/incidents/" + sample + "/postmortem"},
		{"alice", "/incidents/" + sample + "/postmortem.md"},
		{"alice", "/audit"},
		{"carol", "/audit"},
		{"alice", "/consent"},
	}
	clients := map[string]*http.Client{}
	for _, p := range pages {
		if clients[p.who] == nil {
			if clients[p.who], err = benchenv.SignIn(base, p.who); err != nil {
				return err
			}
		}
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, p := range pages {
		var took []time.Duration
		for range requests {
			start := time.Now()
			resp, err := clients[p.who].Get(base + p.path)
			if err != nil {
				return err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s as %s: %d", p.path, p.who, resp.StatusCode)
			}
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		fmt.Printf("%-6s %-40s p50=%7.1fms p90=%7.1fms max=%7.1fms\n", p.who, strings.Replace(p.path, sample, "{id}", 1),
			ms(took[len(took)/2]), ms(took[len(took)*9/10]), ms(took[len(took)-1]))
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	fmt.Printf("memory: resident=%s heap_in_use=%.1fMiB (the server with every incident suspended on its approvals, after the pages)\n",
		resident(), float64(m.HeapInuse)/(1<<20))
	return nil
}

// resident is the process's resident set size, from /proc.
func resident() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strings.Join(strings.Fields(v), "")
		}
	}
	return "unknown"
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// seed writes n incidents, each with eventsPer timeline events and
// approvalsPer pending approvals (each with its action and an audit entry),
// through the store in transactions of a few hundred incidents. It returns
// an incident of alice's from the middle of the history.
func seed(dsn string, n, eventsPer, approvalsPer int) (string, error) {
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return "", err
	}
	start := time.Now().Add(-time.Duration(n) * time.Minute)
	const batch = 200
	for lo := 0; lo < n; lo += batch {
		err := st.InTx(ctx, func(tx *store.Tx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				if err := seedIncident(ctx, tx, i, start.Add(time.Duration(i)*time.Minute), eventsPer, approvalsPer); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	// A database that has just taken a bulk load has no statistics yet;
	// PostgreSQL's autovacuum would gather them within a minute or so.
	if st.Dialect() == store.Postgres {
		if _, err := st.PgPool().Exec(ctx, "ANALYZE"); err != nil {
			return "", err
		}
	}
	return incidentID(n / 2), nil
}

func incidentID(i int) string {
	if i%2 == 1 {
		i-- // even incidents are alice's
	}
	return fmt.Sprintf("inc-%07d", i)
}

func seedIncident(ctx context.Context, tx *store.Tx, i int, at time.Time, eventsPer, approvalsPer int) error {
	owner, service := "alice", "checkout"
	if i%2 == 1 {
		owner, service = "bob", "search"
	}
	id := fmt.Sprintf("inc-%07d", i)
	if err := tx.CreateIncident(ctx, incident.Incident{ID: id, Title: service + " error ratio above 5%", Service: service,
		Severity: incident.Severity("P2"), Status: incident.StatusOpen, Owner: owner, CreatedAt: at, UpdatedAt: at}); err != nil {
		return err
	}
	agent := incident.Actor{ID: "warroom", Type: incident.ActorAgent}
	for e := range eventsPer {
		ev, err := incident.NewEvent(id, incident.EventNote, agent, at.Add(time.Duration(e)*time.Second), map[string]string{"text": fmt.Sprintf("step %d of the investigation", e)})
		if err != nil {
			return err
		}
		if _, err := tx.AppendEvent(ctx, ev); err != nil {
			return err
		}
	}
	for a := range approvalsPer {
		actionID := fmt.Sprintf("%s-act-%d", id, a)
		if err := tx.CreateAction(ctx, incident.Action{ID: actionID, IncidentID: id, Kind: "open_war_room", Risk: incident.RiskLow,
			Class: incident.ClassProtected, Status: incident.ActionAwaitingApproval, Target: "slack:#inc-" + id, IdempotencyKey: actionID,
			CreatedAt: at, UpdatedAt: at}); err != nil {
			return err
		}
		if err := tx.CreateApproval(ctx, incident.Approval{ID: actionID + "-ap", ActionID: actionID, IncidentID: id,
			Kind: incident.WaitApproval, Target: owner, CreatedAt: at}); err != nil {
			return err
		}
		if _, err := tx.AppendAudit(ctx, audit.Entry{At: at, Actor: agent, Action: "action.proposed", IncidentID: id,
			TargetResource: "slack:#inc-" + id, Outcome: audit.OutcomePending}); err != nil {
			return err
		}
	}
	return nil
}
