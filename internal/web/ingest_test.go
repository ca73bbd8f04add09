package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/webhook"
)

const (
	amToken   = "am-token-0123456789"
	grafKey   = "grafana-secret"
	genKey    = "generic-secret"
	slackKey  = "slack-secret"
	grafTSHdr = "X-Grafana-Alerting-Timestamp"
)

type testClock struct{ ns atomic.Int64 }

func (c *testClock) now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *testClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func sources() map[string]webhook.Authenticator {
	return map[string]webhook.Authenticator{
		"alertmanager": webhook.BearerToken{Token: amToken},
		"grafana":      webhook.HMACSignature{Secret: []byte(grafKey), TimestampHeader: grafTSHdr, MaxSkew: 30 * time.Minute},
		"generic":      webhook.HMACSignature{Secret: []byte(genKey), SignatureHeader: "X-Warroom-Signature"},
	}
}

// stack is the ingest path as served: receivers, a real intake and engine
// on store d, and a clock the test moves.
type stack struct {
	url string
	st  *store.Store
	clk *testClock
}

func newStack(t *testing.T, d store.Dialect) *stack {
	t.Helper()
	st := storetest.Open(t, d)
	clk := &testClock{}
	clk.ns.Store(time.Now().UnixNano())
	log := slog.New(slog.DiscardHandler)
	// The replay window of the grafana source below is 30 minutes.
	opts := intake.Options{Logger: log, ReplayTTL: intake.ReplayTTLFor(30 * time.Minute)}
	gr := intake.NewGrouper(st, opts)
	eng, err := engine.New(st, engine.Options{Steps: []engine.Steps{gr}, Queues: map[string]int{intake.Queue: 1},
		Clock: clk.now, PollInterval: 20 * time.Millisecond, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	in := intake.New(st, eng, gr, opts)
	go in.Run()
	ctx, cancel := context.WithCancel(context.Background())
	if err := eng.Start(ctx); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	s := &Server{Store: &fakeStore{status: current}, Gatherer: reg, Logger: log,
		Ingest: &Ingest{Intake: in, Sources: sources(), SlackSigningSecret: slackKey, MaxBodyBytes: 1 << 20, Now: clk.now}}
	srv := httptest.NewServer(s.Handler(reg))
	t.Cleanup(func() {
		srv.Close()
		in.Close()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = eng.Stop(sctx)
		cancel()
	})
	return &stack{url: srv.URL, st: st, clk: clk}
}

type delivery struct {
	path    string
	headers map[string]string
	body    []byte
	want    int
	field   string // for a 400: what the message must name
}

func (s *stack) send(t *testing.T, d delivery) (int, ErrorBody) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url+d.path, strings.NewReader(string(d.body)))
	if err != nil {
		t.Error(err)
		return 0, ErrorBody{}
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range d.headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ErrorBody{}
	}
	defer resp.Body.Close()
	var eb ErrorBody
	_ = json.NewDecoder(resp.Body).Decode(&eb)
	return resp.StatusCode, eb
}

func amBody(fp, summary string) []byte {
	return []byte(`{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"E","service":"checkout-api"},` +
		`"annotations":{"summary":"` + summary + `"},"startsAt":"2026-11-20T02:10:00Z","fingerprint":"` + fp + `"}]}`)
}

func (s *stack) grafana(fp, summary string) delivery {
	body := []byte(`{"version":"1","orgId":1,"alerts":[{"status":"firing","labels":{"alertname":"Lag","service":"search"},` +
		`"annotations":{"summary":"` + summary + `"},"startsAt":"2026-11-20T02:00:00Z","fingerprint":"` + fp + `"}]}`)
	ts := strconv.FormatInt(s.clk.now().Unix(), 10)
	return delivery{path: "/v1/alerts/grafana", body: body, want: http.StatusAccepted,
		headers: map[string]string{"X-Grafana-Alerting-Signature": webhook.Signature([]byte(grafKey), ts, body), grafTSHdr: ts}}
}

func (s *stack) slack(eventID, ts, text string) delivery {
	body := []byte(fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":%q,"event_time":1,`+
		`"event":{"type":"message","channel":"C0OPS","user":"U1","text":"%s","ts":%q}}`, eventID, text, ts))
	now := s.clk.now().Unix()
	return delivery{path: "/v1/slack/events", body: body, want: http.StatusOK, headers: map[string]string{
		"X-Slack-Request-Timestamp": strconv.FormatInt(now, 10), "X-Slack-Signature": slackinbound.Sign(slackKey, now, body)}}
}

// TestMixedBurstRefusesOnlyTheBadOnes: text PostgreSQL cannot store (NUL,
// invalid UTF-8) is refused with 400 naming the field on both engines, and
// good deliveries sent at the same moment are all stored.
func TestMixedBurstRefusesOnlyTheBadOnes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newStack(t, d)
		var ds []delivery
		good := 0
		for i := range 24 {
			ds = append(ds, delivery{path: "/v1/alerts/alertmanager", body: amBody(fmt.Sprintf("good-%d", i), "ok"),
				headers: map[string]string{"Authorization": "Bearer " + amToken}, want: http.StatusAccepted})
			good++
			switch i % 4 {
			case 0:
				ds = append(ds, delivery{path: "/v1/alerts/alertmanager", body: amBody(fmt.Sprintf("bad-%d", i), `nul\u0000here`),
					headers: map[string]string{"Authorization": "Bearer " + amToken}, want: http.StatusBadRequest,
					field: "alerts[0].annotations.summary: contains a NUL character"})
			case 1:
				ds = append(ds, delivery{path: "/v1/alerts/alertmanager", body: amBody(fmt.Sprintf("bad-%d", i), "bad\xffutf8"),
					headers: map[string]string{"Authorization": "Bearer " + amToken}, want: http.StatusBadRequest,
					field: "alerts[0].annotations.summary: is not valid UTF-8"})
			case 2:
				bad := s.grafana(fmt.Sprintf("bad-%d", i), `x\u0000`)
				bad.want, bad.field = http.StatusBadRequest, "alerts[0].annotations.summary: contains a NUL character"
				ds = append(ds, bad, s.grafana(fmt.Sprintf("good-g%d", i), "fine"))
				good++
			case 3:
				bad := s.slack(fmt.Sprintf("EvBad%d", i), fmt.Sprintf("1700000000.%06d", i), `checkout down\u0000`)
				bad.want, bad.field = http.StatusBadRequest, "event.text: contains a NUL character"
				ds = append(ds, bad, s.slack(fmt.Sprintf("EvGood%d", i), fmt.Sprintf("1700000001.%06d", i), "checkout is down"))
			}
		}
		var wg sync.WaitGroup
		for _, dl := range ds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, eb := s.send(t, dl)
				if code != dl.want {
					t.Errorf("%s %.60q: status %d (%s: %s), want %d", dl.path, dl.body, code, eb.Error.Code, eb.Error.Message, dl.want)
					return
				}
				if dl.field != "" && (eb.Error.Code != "malformed" || !strings.Contains(eb.Error.Message, dl.field)) {
					t.Errorf("%s: error %s %q does not name %q", dl.path, eb.Error.Code, eb.Error.Message, dl.field)
				}
			}()
		}
		wg.Wait()
		ctx := context.Background()
		episodes, _, err := s.st.AlertCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if episodes != int64(good) {
			t.Errorf("stored %d alert episodes, want %d (every good one, no bad one)", episodes, good)
		}
		reports, err := s.st.ListReports(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(reports) != 6 {
			t.Errorf("stored %d reports, want 6", len(reports))
		}
		for _, r := range reports {
			if strings.Contains(r.Text, "\x00") || strings.HasPrefix(r.EventID, "EvBad") {
				t.Errorf("bad report stored: %+v", r)
			}
		}
	})
}

// TestReplayRefusedAfterElevenMinutes: with a 30-minute max_skew a signed
// request replayed 11 minutes later, after the signature prune ran, is
// refused 409 (it used to be forgotten after 10 minutes).
func TestReplayRefusedAfterElevenMinutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := newStack(t, d)
		first := s.grafana("fp-replayed", "lag")
		if code, eb := s.send(t, first); code != http.StatusAccepted {
			t.Fatalf("first: %d %+v", code, eb)
		}
		for _, after := range []time.Duration{11 * time.Minute, 18 * time.Minute} {
			s.clk.advance(after)
			// Another delivery commits first, so the once-a-minute prune runs.
			if code, eb := s.send(t, s.grafana(fmt.Sprintf("fp-other-%s", after), "other")); code != http.StatusAccepted {
				t.Fatalf("other: %d %+v", code, eb)
			}
			first.want = http.StatusConflict
			if code, eb := s.send(t, first); code != http.StatusConflict || eb.Error.Code != "replayed" {
				t.Fatalf("replay %s later: %d %+v, want 409 replayed", s.clk.now().Sub(time.Unix(0, 0)), code, eb)
			}
		}
	})
}

// okIntake stores nothing and accepts everything.
type okIntake struct{}

func (okIntake) Accept(context.Context, intake.Delivery) error { return nil }
func (okIntake) AcceptReport(context.Context, store.Report, string) (bool, error) {
	return true, nil
}

// serveWith serves ing and mounts with web.NewHTTPServer and timeouts t.
func serveWith(t *testing.T, ing *Ingest, mounts map[string]http.Handler, to Timeouts) string {
	t.Helper()
	reg := prometheus.NewRegistry()
	if ing != nil {
		ing.Intake, ing.Sources, ing.SlackSigningSecret, ing.MaxBodyBytes, ing.Now = okIntake{}, sources(), slackKey, 1<<20, time.Now
	}
	s := &Server{Store: &fakeStore{status: current}, Gatherer: reg, Logger: slog.New(slog.DiscardHandler), Ingest: ing, Mounts: mounts}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewHTTPServer(s.Handler(reg), to, nil)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// rawRequest sends the headers of a POST announcing a 1 MiB body, and
// then only part of it, and returns the connection.
func rawRequest(t *testing.T, addr, path string, headers map[string]string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var b strings.Builder
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", path, 1<<20)
	for k, v := range headers {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("\r\n{\"alerts\":[")
	if _, err := io.WriteString(c, b.String()); err != nil {
		t.Fatal(err)
	}
	return c
}

// response reads the status (and Retry-After) of the answer on c within d;
// code 0 means the connection was closed without an answer.
func response(t *testing.T, c net.Conn, d time.Duration) (code int, retryAfter string, took time.Duration) {
	t.Helper()
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(d))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("no answer within %s", d)
		}
		return 0, "", time.Since(start)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Retry-After"), time.Since(start)
}

func TestIngestBodiesAreBounded(t *testing.T) {
	t.Run("bearer refused before the body is read", func(t *testing.T) {
		addr := serveWith(t, &Ingest{}, nil, Timeouts{})
		for _, auth := range []string{"", "Bearer wrong-token"} {
			h := map[string]string{}
			if auth != "" {
				h["Authorization"] = auth
			}
			// The body never finishes: only an answer on headers alone can come back.
			c := rawRequest(t, addr, "/v1/alerts/alertmanager", h)
			code, _, took := response(t, c, 3*time.Second)
			if code != http.StatusUnauthorized || took > time.Second {
				t.Errorf("Authorization %q: status %d after %s, want 401 at once", auth, code, took)
			}
		}
	})
	t.Run("hmac body sent too slowly is cut off", func(t *testing.T) {
		addr := serveWith(t, &Ingest{BodyReadTimeout: 300 * time.Millisecond}, nil, Timeouts{})
		for _, path := range []string{"/v1/alerts", "/v1/slack/events"} {
			c := rawRequest(t, addr, path, nil)
			code, _, took := response(t, c, 3*time.Second)
			if (code != http.StatusRequestTimeout && code != 0) || took > 1500*time.Millisecond {
				t.Errorf("%s: status %d after %s, want 408 (or closed) after about 300ms", path, code, took)
			}
		}
	})
	t.Run("unauthenticated reads beyond the bound get 503 at once", func(t *testing.T) {
		addr := serveWith(t, &Ingest{MaxPendingBodies: 2, BodyReadTimeout: 10 * time.Second}, nil, Timeouts{})
		held := []net.Conn{rawRequest(t, addr, "/v1/alerts", nil), rawRequest(t, addr, "/v1/slack/events", nil)}
		time.Sleep(300 * time.Millisecond) // both are now reading their bodies
		c := rawRequest(t, addr, "/v1/alerts/grafana", nil)
		code, retry, took := response(t, c, 3*time.Second)
		if code != http.StatusServiceUnavailable || retry == "" || took > time.Second {
			t.Errorf("third: status %d Retry-After %q after %s, want 503 with Retry-After at once", code, retry, took)
		}
		// A bearer source is refused or accepted on its headers, slots or not.
		c = rawRequest(t, addr, "/v1/alerts/alertmanager", map[string]string{"Authorization": "Bearer nope"})
		if code, _, _ := response(t, c, 3*time.Second); code != http.StatusUnauthorized {
			t.Errorf("bearer while full: status %d, want 401", code)
		}
		for _, h := range held {
			h.Close()
		}
		// Slots come back when the held requests end.
		deadline := time.Now().Add(3 * time.Second)
		for {
			resp, err := http.Post("http://"+addr+"/v1/alerts", "application/json", strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after the held requests closed: status %d, want 401 (slots released)", resp.StatusCode)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// TestStreamOutlivesServerTimeouts: a handler that lifts its write deadline
// (as the dashboard's event stream does) keeps streaming past the server's
// read and write timeouts, while an ordinary slow response is cut off.
func TestStreamOutlivesServerTimeouts(t *testing.T) {
	to := Timeouts{Read: 300 * time.Millisecond, Write: 400 * time.Millisecond}
	mounts := map[string]http.Handler{
		"GET /stream": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc := http.NewResponseController(w)
			_ = rc.SetWriteDeadline(time.Time{})
			w.WriteHeader(http.StatusOK)
			for i := range 12 {
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
				fmt.Fprintf(w, "data: %d\n\n", i)
				if rc.Flush() != nil {
					return
				}
			}
		}),
		"GET /slow": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(800 * time.Millisecond)
			_, _ = w.Write([]byte("late"))
		}),
	}
	addr := serveWith(t, nil, mounts, to)
	resp, err := http.Get("http://" + addr + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := strings.Count(string(body), "data: "); n != 12 {
		t.Errorf("stream sent %d events over 1.2s, want 12 (past the 300ms read and 400ms write timeouts)", n)
	}
	if resp, err := http.Get("http://" + addr + "/slow"); err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) == "late" {
			t.Error("a response written after the write timeout arrived")
		}
	}
}
