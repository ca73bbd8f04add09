package dashboard_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// testTeam: alice and bob rotate on "primary" in 12-hour shifts from
// 2026-01-01T00:00Z; carol is on the team but not on the rotation.
var testTeam = config.Team{
	Engineers: []config.Engineer{
		{ID: "alice", Name: "Alice Ng", Email: "alice@example.com", GitHub: "alice-gh", Slack: "U01"},
		{ID: "bob", Name: "Bob Ruiz", Email: "bob@example.com", GitHub: "bob-gh", Slack: "U02"},
		{ID: "carol", Name: "Carol Diaz", Email: "carol@example.com", GitHub: "carol-gh", Slack: "U03"},
	},
	Rotations: []config.Rotation{{Name: "primary", Members: []string{"alice", "bob"},
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ShiftHours: 12}},
	Services: []config.Service{{Name: "checkout", Repo: "acme/checkout", Tier: 1, Rotation: "primary"}},
}

// fakeExecutor finishes every action at once, or when release is closed.
type fakeExecutor struct {
	release chan struct{}
	mu      sync.Mutex
	runAs   []string
}

func (f *fakeExecutor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	if f.release != nil {
		select {
		case <-f.release:
		case <-ctx.Done():
			return action.Result{}, ctx.Err()
		}
	}
	f.mu.Lock()
	f.runAs = append(f.runAs, req.RunAs)
	f.mu.Unlock()
	return action.Result{Summary: "channel #inc-checkout created as @" + req.RunAs}, nil
}

func (f *fakeExecutor) ranAs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.runAs...)
}

func (f *fakeExecutor) Reconcile(context.Context, action.Request) (action.Result, bool, error) {
	return action.Result{}, false, nil
}

// fakeAuthz serves Read from a fixed list.
type fakeAuthz struct{ tuples []authz.Tuple }

func (f fakeAuthz) Check(context.Context, string, string, string) (bool, error) { return false, nil }
func (f fakeAuthz) CheckWith(context.Context, string, string, string, []authz.Tuple) (bool, error) {
	return false, nil
}
func (f fakeAuthz) Write(context.Context, []authz.Tuple, []authz.Tuple) error { return nil }
func (f fakeAuthz) Read(_ context.Context, object string) ([]authz.Tuple, error) {
	return f.tuples, nil
}

type env struct {
	t    *testing.T
	st   *store.Store
	eng  *engine.Engine
	hub  *live.Hub
	srv  *httptest.Server
	exec *fakeExecutor
}

type envOpts struct {
	start bool // run the engine's steps
	mod   func(*dashboard.Options)
	exec  *fakeExecutor
}

// policy is an access.Policy from plain functions; a nil function allows
// (tests that are not about visibility see and change everything).
type policy struct {
	view, manage func(engineer string, inc incident.Incident) bool
	audit        func(engineer string) bool
}

func (p policy) CanView(_ context.Context, engineer string, inc incident.Incident) (bool, error) {
	return p.view == nil || p.view(engineer, inc), nil
}

func (p policy) CanManage(_ context.Context, engineer string, inc incident.Incident) (bool, error) {
	return p.manage == nil || p.manage(engineer, inc), nil
}

func (p policy) CanAudit(_ context.Context, engineer string) (bool, error) {
	return p.audit == nil || p.audit(engineer), nil
}

// testViewer reads the signed-in engineer from a test cookie.
func testViewer(r *http.Request) (string, bool) {
	c, err := r.Cookie("test_viewer")
	if err != nil || c.Value == "" {
		return "", false
	}
	return c.Value, true
}

func newEnv(t *testing.T, d store.Dialect, o envOpts) *env {
	t.Helper()
	return newEnvOn(t, storetest.Open(t, d), o)
}

func newEnvOn(t *testing.T, st *store.Store, o envOpts) *env {
	t.Helper()
	ctx := context.Background()
	if o.exec == nil {
		o.exec = &fakeExecutor{}
	}
	eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"war_room_channel": o.exec},
		Kinds: []string{"revert_pr", "meeting_bridge", "page_responders"}, Logger: quiet, PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if o.start {
		if err := eng.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = eng.Stop(sctx)
		})
	}
	hub := live.New(st, live.Options{Logger: quiet, PollInterval: 10 * time.Millisecond})
	if err := hub.Start(ctx); err != nil {
		t.Fatal(err)
	}
	opts := dashboard.Options{Store: st, Decider: eng, Viewer: testViewer, Live: hub, Team: testTeam, Logger: quiet, Access: policy{},
		Heartbeat: 200 * time.Millisecond,
		Now:       func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }}
	if o.mod != nil {
		o.mod(&opts)
	}
	dash, err := dashboard.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for pattern, h := range dash.Routes() {
		mux.Handle(pattern, h)
	}
	srv := httptest.NewServer(mux)
	// Close the hub first: it ends the open streams, so the server can close.
	t.Cleanup(srv.Close)
	t.Cleanup(hub.Close)
	return &env{t: t, st: st, eng: eng, hub: hub, srv: srv, exec: o.exec}
}

// client is one browser: a cookie jar signed in as an engineer.
type client struct {
	e    *env
	as   string
	http *http.Client
}

func (e *env) as(engineer string) *client {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.srv.URL)
	if engineer != "" {
		jar.SetCookies(u, []*http.Cookie{{Name: "test_viewer", Value: engineer, Path: "/"}})
	}
	return &client{e: e, as: engineer, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type resp struct {
	status int
	header http.Header
	body   string
}

func (c *client) get(path string) resp {
	c.e.t.Helper()
	r, err := c.http.Get(c.e.srv.URL + path)
	if err != nil {
		c.e.t.Fatalf("GET %s: %v", path, err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return resp{r.StatusCode, r.Header, string(b)}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token loads a page and returns the CSRF token its forms carry.
func (c *client) token() string {
	c.e.t.Helper()
	page := c.get("/consent")
	m := csrfField.FindStringSubmatch(page.body)
	if m == nil {
		c.e.t.Fatalf("no csrf token on the page for %s (status %d)", c.as, page.status)
	}
	return m[1]
}

// post sends a form as a same-origin browser would, with the given token.
func (c *client) post(path string, form url.Values, token string, header ...string) resp {
	c.e.t.Helper()
	if token != "" {
		form.Set("csrf", token)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.srv.URL)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	r, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatalf("POST %s: %v", path, err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return resp{r.StatusCode, r.Header, string(b)}
}

// sseEvent is one parsed Server-Sent Event.
type sseEvent struct {
	ID, Event, Data string
}

// stream opens an event stream and parses it onto a channel until ctx ends.
func (c *client) stream(ctx context.Context, path, lastEventID string) (<-chan sseEvent, *http.Response) {
	c.e.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.e.srv.URL+path, nil)
	req.Header.Set("Accept", "text/event-stream")
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	hc := &http.Client{Jar: c.http.Jar}
	r, err := hc.Do(req)
	if err != nil {
		c.e.t.Fatalf("stream %s: %v", path, err)
	}
	out := make(chan sseEvent, 1024)
	go func() {
		defer close(out)
		defer r.Body.Close()
		sc := bufio.NewScanner(r.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Data != "" || ev.ID != "" {
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.ID = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				ev.Event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out, r
}

func next(t *testing.T, ch <-chan sseEvent, within time.Duration) (sseEvent, bool) {
	t.Helper()
	select {
	case ev, ok := <-ch:
		return ev, ok
	case <-time.After(within):
		return sseEvent{}, false
	}
}

// scenario opens an incident owned by alice with one protected action
// waiting for alice's approval (carol may approve in her place).
func (e *env) scenario(title string) (incident.Incident, incident.Action, incident.Approval) {
	e.t.Helper()
	ctx := context.Background()
	inc, err := e.eng.OpenIncident(ctx, title, "checkout", "alice", incident.SevP1, incident.System)
	if err != nil {
		e.t.Fatal(err)
	}
	a, ap := e.propose(inc.ID, "alice", "carol")
	return inc, a, ap
}

func (e *env) propose(incidentID, approver string, delegates ...string) (incident.Action, incident.Approval) {
	e.t.Helper()
	params, _ := json.Marshal(map[string]string{"topic": "checkout 5xx"})
	a, ap, err := e.eng.Propose(context.Background(), engine.Proposal{IncidentID: incidentID, Kind: "war_room_channel",
		Risk: incident.RiskMedium, Class: incident.ClassProtected, Target: "slack:incident-" + incidentID, Params: params,
		Reason: "coordinate responders in one channel", Approver: approver, Delegates: delegates,
		By: incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}})
	if err != nil {
		e.t.Fatal(err)
	}
	return a, *ap
}

func (e *env) events(incidentID string) []incident.Event {
	e.t.Helper()
	evs, err := e.st.ListEvents(context.Background(), incidentID, 0, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return evs
}
