package zoom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/zoom"
	sandbox "github.com/warroom/warroom/internal/sandbox/zoom"
)

const (
	token    = "zoom-access-token-SECRET"
	listPath = "GET /v2/users/me/meetings"
	postPath = "POST /v2/users/me/meetings"
)

var t0 = time.Date(2026, 10, 9, 14, 30, 0, 0, time.UTC)

func testBrief(_ context.Context, id string) (facts.Incident, error) {
	if id != "42" {
		return facts.Incident{}, fmt.Errorf("no incident %s", id)
	}
	return facts.Incident{
		ID: "42", Title: "Checkout 500s after deploy", Service: "checkout", Severity: "P1",
		URL:        "https://warroom.example/incidents/42",
		Responders: []facts.Person{{Handle: "alice", Name: "Alice", Email: "alice@example.com"}},
	}, nil
}

// sleeps records the waits the executor asked for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) Sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// loseResponse delivers matching requests but reports a network error
// instead of the response, the first n times: the provider acted, the
// caller cannot know.
type loseResponse struct {
	method, path string
	mu           sync.Mutex
	n            int
}

func (l *loseResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && l.n > 0 && r.Method == l.method && r.URL.Path == l.path {
		l.n--
		resp.Body.Close()
		return nil, errors.New("connection reset after the request was sent")
	}
	return resp, err
}

type fixture struct {
	fake   *sandbox.Server
	srv    *httptest.Server
	sleeps *sleeps
	ex     *zoom.Executor
}

func setup(t *testing.T, transport http.RoundTripper) *fixture {
	t.Helper()
	fake := sandbox.NewServer()
	fake.Now = func() time.Time { return t0 }
	fake.AddUser(token, sandbox.User{ID: "u-alice", Email: "alice@example.com"})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	f := &fixture{fake: fake, srv: srv, sleeps: &sleeps{}}
	f.ex = zoom.New(testBrief, zoom.Options{
		BaseURL: srv.URL + "/v2", HTTPClient: &http.Client{Transport: transport},
		Now: func() time.Time { return t0 }, Sleep: f.sleeps.Sleep, MaxWait: 10 * time.Second,
	})
	return f
}

func request(params string) action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-1", IncidentID: "42", Kind: "meeting_bridge", Target: "meeting:incident-42",
			Params: json.RawMessage(params)},
		IdempotencyKey: "warroom-5f0c6a1e-0000-4000-8000-000000000001", RunAs: "alice", Token: token,
	}
}

func TestExecuteCreatesOneMeeting(t *testing.T) {
	f := setup(t, nil)
	res, err := f.ex.Execute(context.Background(), request(`{"provider":"zoom"}`))
	if err != nil {
		t.Fatal(err)
	}
	ms := f.fake.Meetings("alice@example.com")
	if len(ms) != 1 {
		t.Fatalf("meetings = %d, want 1", len(ms))
	}
	m := ms[0]
	if m.Topic != "[P1] Checkout 500s after deploy" || m.Type != 2 || m.Duration != 60 || m.StartTime != "2026-10-09T14:30:00Z" {
		t.Errorf("meeting = %+v", m)
	}
	if !strings.Contains(m.Agenda, "incident 42") || !strings.Contains(m.Agenda, zoom.Marker("warroom-5f0c6a1e-0000-4000-8000-000000000001")) {
		t.Errorf("agenda %q does not name the incident and carry the marker", m.Agenda)
	}
	if m.Settings["join_before_host"] != true {
		t.Errorf("settings = %v", m.Settings)
	}
	var d map[string]any
	if err := json.Unmarshal(res.Detail, &d); err != nil {
		t.Fatal(err)
	}
	if d["join_url"] != m.JoinURL || d["reconciled"] != false || d["provider"] != "zoom" {
		t.Errorf("detail = %v", d)
	}
	if !strings.Contains(res.Summary, m.JoinURL) {
		t.Errorf("summary %q lacks the join url", res.Summary)
	}
	// The host link starts the meeting as the approver: it stays out of the result.
	if strings.Contains(res.Summary+string(res.Detail), m.StartURL) || strings.Contains(string(res.Detail), "start_url") {
		t.Errorf("result carries the host start_url: %s %s", res.Summary, res.Detail)
	}
	if got := [2]int{f.fake.Calls(listPath), f.fake.Calls(postPath)}; got != [2]int{1, 1} {
		t.Errorf("list, create calls = %v, want [1 1]", got)
	}
}

func TestRetryAfterLostResponseCreatesNoSecondMeeting(t *testing.T) {
	f := setup(t, &loseResponse{method: http.MethodPost, path: "/v2/users/me/meetings", n: 1})
	req := request(`{"provider":"zoom"}`)
	_, err := f.ex.Execute(context.Background(), req)
	if err == nil || errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired) {
		t.Fatalf("lost response: err = %v, want a retryable error", err)
	}
	if n := len(f.fake.Meetings("")); n != 1 {
		t.Fatalf("the first attempt should have reached Zoom: meetings = %d", n)
	}
	created := f.fake.Meetings("")[0]

	res, done, err := f.ex.Reconcile(context.Background(), req)
	if err != nil || !done {
		t.Fatalf("Reconcile = %v, %v; want done", done, err)
	}
	if !strings.Contains(string(res.Detail), created.JoinURL) || !strings.Contains(string(res.Detail), `"reconciled":true`) {
		t.Errorf("reconciled detail = %s", res.Detail)
	}
	// Execute twice more (a retry that skipped Reconcile): still one meeting.
	for range 2 {
		if _, err := f.ex.Execute(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.fake.Meetings("")); n != 1 {
		t.Errorf("meetings = %d after retries, want 1", n)
	}
	if n := f.fake.Calls(postPath); n != 1 {
		t.Errorf("create calls = %d, want 1", n)
	}
}

func TestReconcileWithoutEarlierAttempt(t *testing.T) {
	f := setup(t, nil)
	// Another action's meeting must not be mistaken for this one's.
	other := request(`{"provider":"zoom"}`)
	other.IdempotencyKey = "warroom-5f0c6a1e-0000-4000-8000-000000000002"
	if _, err := f.ex.Execute(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	_, done, err := f.ex.Reconcile(context.Background(), request(`{"provider":"zoom"}`))
	if err != nil || done {
		t.Fatalf("Reconcile = %v, %v; want not done", done, err)
	}
}

func TestReconcileFindsMeetingOnLaterPage(t *testing.T) {
	f := setup(t, nil)
	// 300 older meetings fill the first page of the (oldest-first) listing.
	for i := range 300 {
		body := fmt.Sprintf(`{"topic":"standup %d","type":2,"agenda":"daily"}`, i)
		r, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/v2/users/me/meetings", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	req := request(`{"provider":"zoom"}`)
	if _, err := f.ex.Execute(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	_, done, err := f.ex.Reconcile(context.Background(), req)
	if err != nil || !done {
		t.Fatalf("Reconcile = %v, %v; want done", done, err)
	}
	if n := f.fake.Calls(listPath); n != 3 {
		t.Errorf("list calls = %d, want 3 (one before creating, two pages to find it)", n)
	}
	if n := len(f.fake.Meetings("")); n != 301 {
		t.Errorf("meetings = %d, want 301", n)
	}
}

func TestExpiredTokenAsksForReauthorization(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*sandbox.Server)
		token action.Secret
	}{
		{"expired", func(s *sandbox.Server) { s.ExpireToken(token) }, token},
		{"unknown", nil, "not-a-zoom-token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			if tc.setup != nil {
				tc.setup(f.fake)
			}
			req := request(`{"provider":"zoom"}`)
			req.Token = tc.token
			_, err := f.ex.Execute(context.Background(), req)
			if !errors.Is(err, action.ErrTokenExpired) {
				t.Fatalf("err = %v, want ErrTokenExpired", err)
			}
			var apiErr *zoom.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != 124 {
				t.Errorf("err = %v, want Zoom code 124", err)
			}
			if strings.Contains(err.Error(), string(tc.token)) {
				t.Errorf("error leaks the token: %v", err)
			}
			if n := len(f.fake.Meetings("")); n != 0 {
				t.Errorf("meetings = %d, want 0", n)
			}
		})
	}
}

func TestRateLimitHonoured(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n          int
		retryAfter time.Duration
		wantErr    bool
		wantSleeps []time.Duration
		wantCalls  int // requests that reached the fake
	}{
		{"waits Retry-After then succeeds", 2, 2 * time.Second, false, []time.Duration{2 * time.Second, 2 * time.Second}, 4},
		{"no header: exponential", 2, 0, false, []time.Duration{time.Second, 2 * time.Second}, 4},
		{"wait beyond bound: retryable error, no hammering", 1, time.Minute, true, nil, 1},
		{"persistent: gives up after bounded tries", 100, time.Second, true, []time.Duration{time.Second, time.Second, time.Second}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			f.fake.TriggerRateLimit(tc.n, tc.retryAfter)
			_, err := f.ex.Execute(context.Background(), request(`{"provider":"zoom"}`))
			if tc.wantErr {
				if err == nil || errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "retry after") {
					t.Fatalf("err = %v, want a retryable rate-limit error saying when", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := f.sleeps.all(); fmt.Sprint(got) != fmt.Sprint(tc.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", got, tc.wantSleeps)
			}
			if got := f.fake.TotalCalls(); got != tc.wantCalls {
				t.Errorf("requests at the fake = %d, want %d", got, tc.wantCalls)
			}
		})
	}
}

func TestInvalidActionsArePermanent(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*action.Request)
	}{
		{"other provider", func(r *action.Request) { r.Action.Params = json.RawMessage(`{"provider":"meet"}`) }},
		{"params not JSON", func(r *action.Request) { r.Action.Params = json.RawMessage(`{`) }},
		{"target of another incident", func(r *action.Request) { r.Action.Target = "meeting:incident-7" }},
		{"target of another system", func(r *action.Request) { r.Action.Target = "slack:incident-42" }},
		{"no idempotency key", func(r *action.Request) { r.IdempotencyKey = "" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			req := request(`{"provider":"zoom"}`)
			tc.mutate(&req)
			if _, err := f.ex.Execute(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
				t.Fatalf("Execute err = %v, want ErrPermanent", err)
			}
			if _, _, err := f.ex.Reconcile(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
				t.Fatalf("Reconcile err = %v, want ErrPermanent", err)
			}
			if n := f.fake.TotalCalls(); n != 0 {
				t.Errorf("requests at the fake = %d, want 0", n)
			}
		})
	}
}

func TestServerErrorIsRetryable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, `{"code":500,"message":"upstream"}`)
	}))
	defer srv.Close()
	ex := zoom.New(testBrief, zoom.Options{BaseURL: srv.URL + "/v2"})
	_, err := ex.Execute(context.Background(), request(`{"provider":"zoom"}`))
	if err == nil || errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired) {
		t.Fatalf("err = %v, want retryable", err)
	}
}

func TestCredential(t *testing.T) {
	p, scopes := zoom.New(testBrief, zoom.Options{}).Credential(incident.Action{})
	if p != "zoom" || !strings.Contains(strings.Join(scopes, " "), "meeting:write:meeting") {
		t.Errorf("Credential = %q %v", p, scopes)
	}
}
