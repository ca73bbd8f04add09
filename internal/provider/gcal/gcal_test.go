package gcal_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/gcal"
	sandbox "github.com/warroom/warroom/internal/sandbox/gcal"
)

const (
	token = "ya29.google-access-token-SECRET"
	key   = "warroom-5f0c6a1e-0000-4000-8000-000000000001"
	alice = "alice@example.com"
)

var t0 = time.Date(2026, 10, 9, 14, 30, 42, 0, time.UTC)

func testBrief(_ context.Context, id string) (facts.Incident, error) {
	if id != "42" {
		return facts.Incident{}, fmt.Errorf("no incident %s", id)
	}
	return facts.Incident{
		ID: "42", Title: "Checkout 500s after deploy", Service: "checkout", Severity: "P1",
		URL: "https://warroom.example/incidents/42",
		Responders: []facts.Person{
			{Handle: "alice", Name: "Alice", Email: alice},
			{Handle: "bob", Name: "Bob", Email: "bob@example.com"},
			{Handle: "carol", Name: "Carol"}, // no email: not invited
			{Handle: "bob2", Name: "Bob again", Email: "BOB@example.com"},
		},
	}, nil
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

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// loseResponse delivers matching requests but reports a network error
// instead of the response, the first n times.
type loseResponse struct {
	method string
	mu     sync.Mutex
	n      int
}

func (l *loseResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && l.n > 0 && r.Method == l.method {
		l.n--
		resp.Body.Close()
		return nil, errors.New("connection reset after the request was sent")
	}
	return resp, err
}

type fixture struct {
	fake   *sandbox.Server
	sleeps *sleeps
	opts   gcal.Options
}

func setup(t *testing.T, transport http.RoundTripper) *fixture {
	t.Helper()
	fake := sandbox.NewServer()
	fake.AddUser(token, alice)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	f := &fixture{fake: fake, sleeps: &sleeps{}}
	f.opts = gcal.Options{
		Endpoint: srv.URL + "/calendar/v3/", HTTPClient: &http.Client{Transport: transport},
		Now: func() time.Time { return t0 }, Sleep: f.sleeps.Sleep, MaxWait: 10 * time.Second,
	}
	return f
}

func (f *fixture) meet() *gcal.Meet     { return gcal.NewMeet(testBrief, f.opts) }
func (f *fixture) invite() *gcal.Invite { return gcal.NewInvite(testBrief, f.opts) }

const (
	insertPath = "POST /calendar/v3/calendars/primary/events"
)

func getPath(id string) string { return "GET /calendar/v3/calendars/primary/events/" + id }

func meetRequest() action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-1", IncidentID: "42", Kind: "meeting_bridge", Target: "meeting:incident-42",
			Params: json.RawMessage(`{"provider":"meet"}`)},
		IdempotencyKey: key, RunAs: "alice", Token: token,
	}
}

func inviteRequest(params string) action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-2", IncidentID: "42", Kind: "calendar_invite", Target: "calendar:incident-42",
			Params: json.RawMessage(params)},
		IdempotencyKey: key, RunAs: "alice", Token: token,
	}
}

const reviewParams = `{"title":"Checkout incident review","starts_in_minutes":1440,"duration_minutes":45}`

func TestEventID(t *testing.T) {
	valid := regexp.MustCompile(`^[a-v0-9]+$`)
	a, b := gcal.EventID(key), gcal.EventID(key+"x")
	if !valid.MatchString(a) || !valid.MatchString(gcal.EventID("")) || len(a) < 5 || len(a) > 1024 {
		t.Errorf("EventID = %q, not a valid Calendar id", a)
	}
	if a != gcal.EventID(key) || a == b {
		t.Errorf("EventID not deterministic or not distinct: %q %q", a, b)
	}
}

func TestMeetCreatesBridge(t *testing.T) {
	f := setup(t, nil)
	res, err := f.meet().Execute(context.Background(), meetRequest())
	if err != nil {
		t.Fatal(err)
	}
	evs := f.fake.Events(alice)
	if len(evs) != 1 {
		t.Fatalf("events = %d, want 1", len(evs))
	}
	ev := evs[0]
	if ev.Id != gcal.EventID(key) {
		t.Errorf("event id = %q, want the deterministic %q", ev.Id, gcal.EventID(key))
	}
	if ev.Summary != "Incident bridge: [P1] Checkout 500s after deploy" || !strings.Contains(ev.Description, "incident 42") {
		t.Errorf("summary/description = %q / %q", ev.Summary, ev.Description)
	}
	if ev.Start.DateTime != "2026-10-09T14:30:00Z" || ev.End.DateTime != "2026-10-09T15:30:00Z" {
		t.Errorf("start/end = %s / %s", ev.Start.DateTime, ev.End.DateTime)
	}
	var emails []string
	for _, a := range ev.Attendees {
		emails = append(emails, a.Email)
	}
	if fmt.Sprint(emails) != "[alice@example.com bob@example.com]" {
		t.Errorf("attendees = %v, want the responders with an email, once each", emails)
	}
	if cr := ev.ConferenceData.CreateRequest; cr.RequestId != key || cr.ConferenceSolutionKey.Type != "hangoutsMeet" {
		t.Errorf("createRequest = %+v", cr)
	}
	if ins := f.fake.Inserts(); len(ins) != 1 || ins[0].SendUpdates != "all" || ins[0].ConferenceDataVersion != 1 {
		t.Errorf("inserts = %+v, want one with sendUpdates=all, conferenceDataVersion=1", ins)
	}
	if ev.HangoutLink == "" || !strings.Contains(res.Summary, ev.HangoutLink) {
		t.Errorf("summary %q lacks hangoutLink %q", res.Summary, ev.HangoutLink)
	}
	var d map[string]any
	_ = json.Unmarshal(res.Detail, &d)
	if d["hangout_link"] != ev.HangoutLink || d["provider"] != "meet" || d["event_id"] != ev.Id {
		t.Errorf("detail = %v", d)
	}
}

func TestMeetWaitsForPendingConference(t *testing.T) {
	for _, tc := range []struct {
		name      string
		reads     int // reads answering pending after the insert
		wantErr   bool
		wantGets  int
		wantSleep int
	}{
		{"pending then success", 2, false, 3, 3},
		{"still pending after the bound: retryable", 10, true, 5, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			f.fake.TriggerPendingConference(1, tc.reads)
			res, err := f.meet().Execute(context.Background(), meetRequest())
			if tc.wantErr {
				if err == nil || errors.Is(err, action.ErrPermanent) {
					t.Fatalf("err = %v, want retryable", err)
				}
			} else if err != nil || !strings.Contains(res.Summary, "/meet/") {
				t.Fatalf("Execute = %q, %v", res.Summary, err)
			}
			if n := f.fake.Calls(getPath(gcal.EventID(key))); n != tc.wantGets {
				t.Errorf("gets = %d, want %d", n, tc.wantGets)
			}
			if n := len(f.sleeps.all()); n != tc.wantSleep {
				t.Errorf("sleeps = %d, want %d", n, tc.wantSleep)
			}
			if n := len(f.fake.Events(alice)); n != 1 {
				t.Errorf("events = %d, want 1", n)
			}
		})
	}
}

func TestRetryAfterLostResponseCreatesNoSecondEvent(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(f *fixture, ctx context.Context, req action.Request) (action.Result, error)
		rec  func(f *fixture, ctx context.Context, req action.Request) (action.Result, bool, error)
		req  action.Request
	}{
		{"meet", func(f *fixture, ctx context.Context, r action.Request) (action.Result, error) {
			return f.meet().Execute(ctx, r)
		},
			func(f *fixture, ctx context.Context, r action.Request) (action.Result, bool, error) {
				return f.meet().Reconcile(ctx, r)
			},
			meetRequest()},
		{"invite", func(f *fixture, ctx context.Context, r action.Request) (action.Result, error) {
			return f.invite().Execute(ctx, r)
		},
			func(f *fixture, ctx context.Context, r action.Request) (action.Result, bool, error) {
				return f.invite().Reconcile(ctx, r)
			},
			inviteRequest(reviewParams)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, &loseResponse{method: http.MethodPost, n: 1})
			ctx := context.Background()
			if _, err := tc.run(f, ctx, tc.req); err == nil || errors.Is(err, action.ErrPermanent) {
				t.Fatalf("lost response: err = %v, want retryable", err)
			}
			if n := len(f.fake.Events(alice)); n != 1 {
				t.Fatalf("the first attempt should have reached Calendar: events = %d", n)
			}
			res, done, err := tc.rec(f, ctx, tc.req)
			if err != nil || !done || !strings.Contains(string(res.Detail), `"reconciled":true`) {
				t.Fatalf("Reconcile = %s, %v, %v; want done", res.Detail, done, err)
			}
			// A retry that skips Reconcile inserts, gets 409 and reads the event.
			res, err = tc.run(f, ctx, tc.req)
			if err != nil || !strings.Contains(string(res.Detail), `"reconciled":true`) {
				t.Fatalf("second Execute = %s, %v", res.Detail, err)
			}
			if n := len(f.fake.Events(alice)); n != 1 {
				t.Errorf("events = %d, want 1", n)
			}
			if n := f.fake.Calls(insertPath); n != 2 {
				t.Errorf("insert calls = %d, want 2 (the lost one, the duplicate)", n)
			}
		})
	}
}

func TestReconcileWithoutEarlierAttempt(t *testing.T) {
	f := setup(t, nil)
	if _, done, err := f.meet().Reconcile(context.Background(), meetRequest()); err != nil || done {
		t.Fatalf("meet Reconcile = %v, %v; want not done", done, err)
	}
	if _, done, err := f.invite().Reconcile(context.Background(), inviteRequest(reviewParams)); err != nil || done {
		t.Fatalf("invite Reconcile = %v, %v; want not done", done, err)
	}
}

func TestUnauthorizedAsksForReauthorization(t *testing.T) {
	for _, tc := range []struct {
		name  string
		token action.Secret
		prep  func(*sandbox.Server)
	}{
		{"expired", token, func(s *sandbox.Server) { s.ExpireToken(token) }},
		{"unknown", "not-a-google-token", func(*sandbox.Server) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			tc.prep(f.fake)
			req := meetRequest()
			req.Token = tc.token
			_, err := f.meet().Execute(context.Background(), req)
			if !errors.Is(err, action.ErrTokenExpired) || errors.Is(err, action.ErrPermanent) {
				t.Fatalf("meet err = %v, want ErrTokenExpired", err)
			}
			if strings.Contains(err.Error(), string(tc.token)) {
				t.Errorf("error leaks the token: %v", err)
			}
			req = inviteRequest(reviewParams)
			req.Token = tc.token
			if _, _, err := f.invite().Reconcile(context.Background(), req); !errors.Is(err, action.ErrTokenExpired) {
				t.Fatalf("invite Reconcile err = %v, want ErrTokenExpired", err)
			}
			if n := len(f.fake.Events(alice)); n != 0 {
				t.Errorf("events = %d, want 0", n)
			}
		})
	}
}

func TestRateLimitHonoured(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n, status  int
		wantErr    bool
		wantSleeps string
		wantCalls  int
	}{
		{"403 rateLimitExceeded, backoff, success", 2, 403, false, "[1s 2s]", 3},
		{"429, backoff, success", 1, 429, false, "[1s]", 2},
		{"persistent: bounded tries, retryable", 100, 403, true, "[1s 2s 4s]", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			f.fake.TriggerRateLimit(tc.n, tc.status)
			_, err := f.invite().Execute(context.Background(), inviteRequest(reviewParams))
			if tc.wantErr {
				if err == nil || errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "retry after") {
					t.Fatalf("err = %v, want retryable rate-limit error", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(f.sleeps.all()); got != tc.wantSleeps {
				t.Errorf("sleeps = %s, want %s", got, tc.wantSleeps)
			}
			if n := f.fake.Calls(insertPath); n != tc.wantCalls {
				t.Errorf("insert calls = %d, want %d", n, tc.wantCalls)
			}
		})
	}
}

func TestInviteSchedulesFollowUp(t *testing.T) {
	f := setup(t, nil)
	res, err := f.invite().Execute(context.Background(), inviteRequest(reviewParams))
	if err != nil {
		t.Fatal(err)
	}
	evs := f.fake.Events(alice)
	if len(evs) != 1 {
		t.Fatalf("events = %d", len(evs))
	}
	ev := evs[0]
	if ev.Summary != "Checkout incident review" || ev.Id != gcal.EventID(key) || len(ev.Attendees) != 2 {
		t.Errorf("event = %q %q %d attendees", ev.Summary, ev.Id, len(ev.Attendees))
	}
	if ev.Start.DateTime != "2026-10-10T14:30:00Z" || ev.End.DateTime != "2026-10-10T15:15:00Z" {
		t.Errorf("start/end = %s / %s", ev.Start.DateTime, ev.End.DateTime)
	}
	if ins := f.fake.Inserts(); ins[0].SendUpdates != "all" || ins[0].ConferenceDataVersion != 1 {
		t.Errorf("insert = %+v", ins[0])
	}
	if !strings.Contains(res.Summary, "2 responders") || !strings.Contains(res.Summary, ev.HangoutLink) || ev.HangoutLink == "" {
		t.Errorf("summary = %q", res.Summary)
	}
}

func TestInviteSucceedsWhileMeetLinkPending(t *testing.T) {
	f := setup(t, nil)
	f.fake.TriggerPendingConference(1, 100)
	res, err := f.invite().Execute(context.Background(), inviteRequest(reviewParams))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Summary, "Meet link pending") || !strings.Contains(string(res.Detail), `"conference_status":"pending"`) {
		t.Errorf("result = %q %s", res.Summary, res.Detail)
	}
}

func TestInvalidActionsArePermanent(t *testing.T) {
	noEmails := func(_ context.Context, id string) (facts.Incident, error) {
		return facts.Incident{ID: id, Title: "x", Responders: []facts.Person{{Handle: "carol"}}}, nil
	}
	for _, tc := range []struct {
		name string
		src  facts.Source
		req  action.Request
	}{
		{"empty title", testBrief, inviteRequest(`{"title":" ","starts_in_minutes":0,"duration_minutes":30}`)},
		{"too short", testBrief, inviteRequest(`{"title":"x","starts_in_minutes":0,"duration_minutes":1}`)},
		{"too far", testBrief, inviteRequest(`{"title":"x","starts_in_minutes":20000,"duration_minutes":30}`)},
		{"not JSON", testBrief, inviteRequest(`[`)},
		{"wrong target", testBrief, func() action.Request {
			r := inviteRequest(reviewParams)
			r.Action.Target = "calendar:incident-7"
			return r
		}()},
		{"no responder email", noEmails, inviteRequest(reviewParams)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, nil)
			ex := gcal.NewInvite(tc.src, f.opts)
			if _, err := ex.Execute(context.Background(), tc.req); !errors.Is(err, action.ErrPermanent) {
				t.Fatalf("err = %v, want ErrPermanent", err)
			}
			if n := f.fake.TotalCalls(); n != 0 {
				t.Errorf("requests at the fake = %d, want 0", n)
			}
		})
	}
	f := setup(t, nil)
	req := meetRequest()
	req.Action.Params = json.RawMessage(`{"provider":"zoom"}`)
	if _, err := f.meet().Execute(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
		t.Fatalf("meet with provider zoom: err = %v, want ErrPermanent", err)
	}
}

func TestCalendarValidationErrorIsPermanent(t *testing.T) {
	// Calendar refuses the event (here: a calendar the approver cannot see answers 404).
	f := setup(t, nil)
	f.opts.CalendarID = "someone-else@example.com"
	_, err := f.invite().Execute(context.Background(), inviteRequest(reviewParams))
	if !errors.Is(err, action.ErrPermanent) {
		t.Fatalf("err = %v, want ErrPermanent", err)
	}
}

func TestCredential(t *testing.T) {
	for _, c := range []interface {
		Credential(incident.Action) (string, []string)
	}{gcal.NewMeet(testBrief, gcal.Options{}), gcal.NewInvite(testBrief, gcal.Options{})} {
		p, s := c.Credential(incident.Action{})
		if p != "google" || fmt.Sprint(s) != "[https://www.googleapis.com/auth/calendar.events]" {
			t.Errorf("Credential = %q %v", p, s)
		}
	}
}
