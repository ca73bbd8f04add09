package dashboard_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

const viewers = 1000

// BenchmarkSSEFanout: 1 000 browsers watch one incident's activity stream;
// each iteration appends one event to the store (as the engine does, with no
// in-process hint) and waits until every viewer has received it. It reports
// the delivery latency (append begins -> frame parsed by the viewer) over
// every viewer and event: p50 and p99 in milliseconds. On SQLite the hub
// polls (25ms by default); on PostgreSQL the trigger's NOTIFY wakes it.
func BenchmarkSSEFanout(b *testing.B) {
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) { benchFanout(b, d) })
	}
}

func benchFanout(b *testing.B, d store.Dialect) {
	ctx := context.Background()
	st := storetest.Open(b, d)
	inc, err := incident.New("bench-incident", "fan-out", "checkout", "alice", incident.SevP1, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	if err := st.CreateIncident(ctx, inc); err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(st, engine.Options{Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	hub := live.New(st, live.Options{Logger: quiet})
	if err := hub.Start(ctx); err != nil {
		b.Fatal(err)
	}
	dash, err := dashboard.New(dashboard.Options{Store: st, Decider: eng, Live: hub, Access: policy{}, Logger: quiet,
		Viewer: func(*http.Request) (string, bool) { return "bob", true }})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	for p, h := range dash.Routes() {
		mux.Handle(p, h)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer hub.Close()

	tr := &http.Transport{MaxIdleConnsPerHost: viewers, MaxConnsPerHost: 0, DisableCompression: true}
	hc := &http.Client{Transport: tr}
	got := make(chan time.Duration, viewers)
	sctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range viewers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(sctx, http.MethodGet, srv.URL+"/incidents/"+inc.ID+"/events/stream", nil)
			resp, err := hc.Do(req)
			if err != nil {
				if sctx.Err() == nil {
					b.Error(err)
				}
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			for sc.Scan() {
				line, ok := strings.CutPrefix(sc.Text(), "data: ")
				if !ok {
					continue
				}
				var f struct {
					Data struct {
						Sent int64 `json:"sent"`
					} `json:"data"`
				}
				if err := json.Unmarshal([]byte(line), &f); err != nil {
					b.Error(err)
					return
				}
				got <- time.Since(time.Unix(0, f.Data.Sent))
			}
		}()
	}
	for deadline := time.Now().Add(60 * time.Second); hub.Watchers() < viewers; {
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d viewers connected", hub.Watchers(), viewers)
		}
		time.Sleep(10 * time.Millisecond)
	}
	lat := make([]time.Duration, 0, b.N*viewers)
	actor := incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev, err := incident.NewEvent(inc.ID, incident.EventReasoning, actor, time.Now(),
			map[string]any{"round": i, "reasoning": fmt.Sprintf("step %d of the investigation", i), "sent": time.Now().UnixNano()})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.AppendEvent(ctx, ev); err != nil {
			b.Fatal(err)
		}
		for range viewers {
			select {
			case l := <-got:
				lat = append(lat, l)
			case <-time.After(30 * time.Second):
				b.Fatalf("event %d: only %d deliveries", i, len(lat)%viewers)
			}
		}
	}
	b.StopTimer()
	cancel()
	wg.Wait()
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/float64(b.N), "deliveries/op")
}
