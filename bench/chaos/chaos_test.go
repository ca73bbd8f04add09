package main

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/demo"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/zoom"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// The chaos run at CI size: the same code as `go run ./bench/chaos`, with
// this test binary re-executed as the server.
func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		os.Exit(serveChild())
	}
	os.Exit(m.Run())
}

// seed is WARROOM_CHAOS_SEED when set (to replay a failure), else the clock.
func seed(t *testing.T) int64 {
	if v := os.Getenv("WARROOM_CHAOS_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("WARROOM_CHAOS_SEED: %v", err)
		}
		return n
	}
	return time.Now().UnixNano() % 1_000_000_007
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func small(t *testing.T, engine string, replicas int) Options {
	return Options{Engine: engine, PGAdmin: storetest.PostgresAdminURL(), Flows: 20, Kills: 2, Replicas: replicas,
		Concurrency: 3, Seed: seed(t), KillEvery: 3 * time.Second, StepTimeout: 10 * time.Second, RescueAfter: 11 * time.Second,
		Timeout: 4 * time.Minute, Probes: 2, HoldAnswers: 100 * time.Millisecond, Exe: os.Args[0], ExeArgs: []string{"-test.run=^$"}, Log: testLog{t}}
}

func runChaos(t *testing.T, o Options) {
	t.Helper()
	t.Logf("seed %d (replay with WARROOM_CHAOS_SEED=%d)", o.Seed, o.Seed)
	rep, err := Run(o)
	if rep != nil {
		t.Logf("report:\n%s", rep)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Error(p)
	}
	if len(rep.Kills) != o.Kills {
		t.Errorf("%d kills happened, want %d", len(rep.Kills), o.Kills)
	}
	if rep.Flows < o.Flows {
		t.Errorf("%d flows succeeded, want at least %d", rep.Flows, o.Flows)
	}
	if rep.AuditEntries == 0 {
		t.Error("the audit chain is empty")
	}
	if o.Replicas > 1 {
		if len(rep.StreamProbes) != o.Probes {
			t.Errorf("%d of %d notes written on the killed replica reached the survivor's stream", len(rep.StreamProbes), o.Probes)
		}
		for _, name := range []string{"a", "b"} {
			if rep.ByReplica[name] == 0 {
				t.Errorf("replica %s served no alert or decision: %v", name, rep.ByReplica)
			}
		}
	}
}

// TestChaosSIGKILL: flows through one WarRoom process that is killed with
// SIGKILL at random moments and restarted, on both stores.
func TestChaosSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	t.Parallel() // the runs mostly wait out recoveries: side by side they fit CI's time
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		t.Parallel()
		if d == store.Postgres {
			storetest.DSN(t, d) // skips (or fails under CI) when PostgreSQL is unreachable
		}
		runChaos(t, small(t, string(d), 1))
	})
}

// TestChaosTwoReplicas: two replicas on one PostgreSQL database share the
// alerts and decisions; one is killed and restarted, the other finishes
// every flow, and its live stream shows what the killed one wrote.
func TestChaosTwoReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	t.Parallel()
	storetest.DSN(t, store.Postgres) // skips (or fails under CI) when PostgreSQL is unreachable
	runChaos(t, small(t, "postgres", 2))
}

// TestCheckerFindsDefects: the checks that end every run find what they
// guard against. After a clean run (no kills), each case plants one defect
// at a provider or in the run's record, and the checks must name it.
func TestCheckerFindsDefects(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	o := small(t, "sqlite", 1)
	o.Flows, o.Kills = 8, 0
	ran := false
	o.inspect = func(r *runner) {
		ran = true
		ctx := context.Background()
		if len(r.rep.Problems) > 0 {
			t.Fatalf("the clean run has problems: %v", r.rep.Problems)
		}
		var meeting incident.Action
		incs, _ := r.st.ListIncidents(ctx, store.IncidentFilter{})
		for _, inc := range incs {
			acts, _ := r.st.ListActions(ctx, inc.ID)
			for _, a := range acts {
				if a.Kind == "meeting_bridge" && a.Status == incident.ActionSucceeded {
					meeting = a
				}
			}
		}
		if meeting.ID == "" {
			t.Fatal("the clean run opened no meeting")
		}
		post := func(path, token, body string) {
			req, _ := http.NewRequest("POST", r.sb.URL+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode >= 300 {
				t.Fatalf("plant %s: %v %v", path, resp, err)
			}
			resp.Body.Close()
		}
		for _, tc := range []struct {
			name, want string
			plant      func()
		}{
			{"a second war room", "war_room_channel: 2 effects at the provider for 1 succeeded actions", func() {
				if _, err := r.sb.Slack.CreateChannel("inc-19700101-deadbeef-checkout-api-000", "U0WARROOM"); err != nil {
					t.Fatal(err)
				}
			}},
			{"a meeting opened twice for one action", "2 meetings at the provider, want exactly 1", func() {
				post("/zoom/v2/users/me/meetings", demo.Token("zoom", "alice"),
					`{"topic":"again","type":2,"duration":30,"agenda":"`+zoom.Marker(meeting.IdempotencyKey)+`"}`)
			}},
			{"a page no action accounts for", "page_responders: 2 effects at the provider for 1 succeeded actions", func() {
				post("/pagerduty/v2/enqueue", "", `{"routing_key":"`+r.cfg.Providers.PagerDuty.RoutingKeys[serviceName(0)]+
					`","event_action":"trigger","dedup_key":"rogue","payload":{"summary":"rogue","source":"chaos","severity":"critical"}}`)
			}},
			{"an action that ran without this run's approval", "succeeded but this run never approved it", func() {
				r.mu.Lock()
				for id, d := range r.decided {
					if d.actionID == meeting.ID {
						delete(r.decided, id)
					}
				}
				r.mu.Unlock()
			}},
		} {
			tc.plant()
			r.rep.Problems = nil
			r.verify(ctx)
			found := false
			for _, p := range r.rep.Problems {
				found = found || strings.Contains(p, tc.want)
			}
			if !found {
				t.Errorf("%s: the checks did not report %q; they reported %v", tc.name, tc.want, r.rep.Problems)
			}
		}
	}
	rep, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	if !ran {
		t.Fatalf("the checks never ran:\n%s", rep)
	}
}
