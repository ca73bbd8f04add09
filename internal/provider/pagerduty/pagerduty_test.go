package pagerduty_test

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
	"github.com/warroom/warroom/internal/provider/pagerduty"
	sandbox "github.com/warroom/warroom/internal/sandbox/pagerduty"
)

const (
	routingKey = "R0UT1NGKEY0123456789abcdefSECRET"
	key        = "warroom-5f0c6a1e-0000-4000-8000-000000000001"
	enqueue    = "POST /v2/enqueue"
)

var t0 = time.Date(2026, 10, 9, 14, 30, 0, 0, time.UTC)

func briefWith(sev string) facts.Source {
	return func(_ context.Context, id string) (facts.Incident, error) {
		if id != "42" {
			return facts.Incident{}, fmt.Errorf("no incident %s", id)
		}
		return facts.Incident{
			ID: "42", Title: "Checkout 500s", Service: "checkout", Severity: sev, URL: "https://warroom.example/incidents/42",
			Responders: []facts.Person{{Handle: "alice", Name: "Alice", Email: "alice@example.com"}, {Handle: "bob", Name: "Bob"}},
		}, nil
	}
}

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

func (s *sleeps) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.d)
}

// loseResponse delivers the first n requests but reports a network error instead of the response.
type loseResponse struct {
	mu sync.Mutex
	n  int
}

func (l *loseResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && l.n > 0 {
		l.n--
		resp.Body.Close()
		return nil, errors.New("connection reset after the request was sent")
	}
	return resp, err
}

type fixture struct {
	fake   *sandbox.Server
	sleeps *sleeps
	opts   pagerduty.Options
}

func setup(t *testing.T, transport http.RoundTripper) *fixture {
	t.Helper()
	fake := sandbox.NewServer(routingKey)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	f := &fixture{fake: fake, sleeps: &sleeps{}}
	f.opts = pagerduty.Options{
		Endpoint: srv.URL, HTTPClient: &http.Client{Transport: transport},
		RoutingKey: func(service string) string {
			if service == "checkout" {
				return routingKey
			}
			return ""
		},
		People: func(h string) (facts.Person, bool) {
			if h == "dana" {
				return facts.Person{Handle: "dana", Name: "Dana Approver", Email: "dana@example.com"}, true
			}
			return facts.Person{}, false
		},
		Now: func() time.Time { return t0 }, Sleep: f.sleeps.Sleep, MaxWait: 10 * time.Second,
	}
	return f
}

func (f *fixture) ex(sev string) *pagerduty.Executor { return pagerduty.New(briefWith(sev), f.opts) }

func request(params string) action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-1", IncidentID: "42", Kind: "page_responders", Target: "pagerduty:incident-42",
			Params: json.RawMessage(params)},
		IdempotencyKey: key, RunAs: "dana",
	}
}

const highParams = `{"message":"Checkout is failing for all customers","urgency":"high"}`

func TestTriggersAlert(t *testing.T) {
	f := setup(t, nil)
	res, err := f.ex("P1").Execute(context.Background(), request(highParams))
	if err != nil {
		t.Fatal(err)
	}
	evs := f.fake.Events()
	if len(evs) != 1 {
		t.Fatalf("events = %d, want 1", len(evs))
	}
	ev := evs[0]
	if ev.Action != "trigger" || ev.DedupKey != key || ev.RoutingKey != routingKey {
		t.Errorf("event = %+v", ev)
	}
	p := ev.Payload
	if p.Severity != "critical" || p.Source != "warroom" || p.Component != "checkout" || p.Timestamp != "2026-10-09T14:30:00Z" ||
		p.Summary != "[P1] Checkout 500s: Checkout is failing for all customers" {
		t.Errorf("payload = %+v", p)
	}
	var details struct {
		Responders []struct{ Handle, Email string } `json:"responders"`
		ApprovedBy struct{ Handle, Name string }    `json:"approved_by"`
		IncidentID string                           `json:"incident_id"`
	}
	if err := json.Unmarshal(p.CustomDetails, &details); err != nil {
		t.Fatal(err)
	}
	if len(details.Responders) != 2 || details.Responders[0].Email != "alice@example.com" ||
		details.ApprovedBy.Name != "Dana Approver" || details.IncidentID != "42" {
		t.Errorf("custom_details = %s", p.CustomDetails)
	}
	if len(ev.Links) != 1 || ev.Links[0].Href != "https://warroom.example/incidents/42" {
		t.Errorf("links = %+v", ev.Links)
	}
	if !strings.Contains(res.Summary, key) || strings.Contains(res.Summary+string(res.Detail), routingKey) {
		t.Errorf("result must name the dedup key and never the routing key: %q %s", res.Summary, res.Detail)
	}
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct{ sev, urgency, want string }{
		{"P1", "high", "critical"}, {"P2", "high", "error"}, {"P3", "low", "warning"},
		{"P3", "high", "error"}, {"P1", "low", "warning"}, {"P2", "low", "warning"}, {"", "low", "warning"}, {"", "high", "error"},
	} {
		if got := pagerduty.Severity(tc.sev, tc.urgency); got != tc.want {
			t.Errorf("Severity(%q, %q) = %q, want %q", tc.sev, tc.urgency, got, tc.want)
		}
	}
	// And the executor sends it.
	f := setup(t, nil)
	if _, err := f.ex("P2").Execute(context.Background(), request(highParams)); err != nil {
		t.Fatal(err)
	}
	if s := f.fake.Events()[0].Payload.Severity; s != "error" {
		t.Errorf("P2 severity sent = %q, want error", s)
	}
}

func TestRetryAfterLostResponseOpensOneAlert(t *testing.T) {
	f := setup(t, &loseResponse{n: 1})
	ex := f.ex("P1")
	req := request(highParams)
	if _, err := ex.Execute(context.Background(), req); err == nil || errors.Is(err, action.ErrPermanent) {
		t.Fatalf("lost response: err = %v, want retryable", err)
	}
	// Reconcile has nothing to ask: the retry re-sends, PagerDuty dedups.
	if _, done, err := ex.Reconcile(context.Background(), req); err != nil || done {
		t.Fatalf("Reconcile = %v, %v; want not done", done, err)
	}
	if _, err := ex.Execute(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	alerts := f.fake.Alerts()
	if len(alerts) != 1 || alerts[0].Triggers != 2 || alerts[0].DedupKey != key {
		t.Errorf("alerts = %+v, want one alert with two triggers", alerts)
	}
	if evs := f.fake.Events(); len(evs) != 2 || !evs[1].Deduplicated {
		t.Errorf("events = %+v, want the second deduplicated", evs)
	}
}

func TestThrottlingHonoured(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n          int
		retryAfter time.Duration
		wantErr    bool
		wantSleeps string
		wantCalls  int
	}{
		{"Retry-After then success", 2, 3 * time.Second, false, "[3s 3s]", 3},
		{"no header: exponential", 1, 0, false, "[1s]", 2},
		{"beyond bound: retryable at once", 1, time.Minute, true, "[]", 1},
		{"persistent: bounded", 100, 0, true, "[1s 2s 4s]", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			f.fake.TriggerRateLimit(tc.n, tc.retryAfter)
			_, err := f.ex("P1").Execute(context.Background(), request(highParams))
			if tc.wantErr {
				if err == nil || errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "retry after") {
					t.Fatalf("err = %v, want retryable throttling error", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := f.sleeps.String(); got != tc.wantSleeps {
				t.Errorf("sleeps = %s, want %s", got, tc.wantSleeps)
			}
			if n := f.fake.Calls(enqueue); n != tc.wantCalls {
				t.Errorf("enqueue calls = %d, want %d", n, tc.wantCalls)
			}
		})
	}
}

func TestServerErrorRetryable(t *testing.T) {
	f := setup(t, nil)
	f.fake.TriggerServerError(1, http.StatusServiceUnavailable)
	_, err := f.ex("P1").Execute(context.Background(), request(highParams))
	var apiErr *pagerduty.APIError
	if err == nil || errors.Is(err, action.ErrPermanent) || !errors.As(err, &apiErr) || apiErr.Status != 503 {
		t.Fatalf("err = %v, want retryable 503", err)
	}
	if n := len(f.fake.Alerts()); n != 0 {
		t.Errorf("alerts = %d", n)
	}
}

func TestRejectedEventIsPermanentWithErrors(t *testing.T) {
	f := setup(t, nil)
	f.opts.RoutingKey = func(string) string { return "wrong-key" }
	_, err := f.ex("P1").Execute(context.Background(), request(highParams))
	var apiErr *pagerduty.APIError
	if !errors.Is(err, action.ErrPermanent) || !errors.As(err, &apiErr) || apiErr.Status != 400 ||
		len(apiErr.Errors) != 1 || !strings.Contains(err.Error(), "'routing_key' is invalid") {
		t.Fatalf("err = %v, want permanent 400 with the errors list", err)
	}
}

func TestInvalidActionsArePermanent(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*action.Request, *pagerduty.Options)
	}{
		{"empty message", func(r *action.Request, _ *pagerduty.Options) {
			r.Action.Params = json.RawMessage(`{"message":" ","urgency":"high"}`)
		}},
		{"bad urgency", func(r *action.Request, _ *pagerduty.Options) {
			r.Action.Params = json.RawMessage(`{"message":"m","urgency":"urgent"}`)
		}},
		{"not JSON", func(r *action.Request, _ *pagerduty.Options) { r.Action.Params = json.RawMessage(`x`) }},
		{"wrong target", func(r *action.Request, _ *pagerduty.Options) { r.Action.Target = "pagerduty:incident-7" }},
		{"no routing key", func(_ *action.Request, o *pagerduty.Options) { o.RoutingKey = nil }},
		{"key too long for dedup_key", func(r *action.Request, _ *pagerduty.Options) { r.IdempotencyKey = strings.Repeat("k", 256) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			req := request(highParams)
			tc.mutate(&req, &f.opts)
			if _, err := f.ex("P1").Execute(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
				t.Fatalf("err = %v, want ErrPermanent", err)
			}
			if n := f.fake.TotalCalls(); n != 0 {
				t.Errorf("requests at the fake = %d, want 0", n)
			}
		})
	}
}
