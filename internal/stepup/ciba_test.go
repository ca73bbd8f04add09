package stepup

import (
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testClientID     = "cid-123"
	testClientSecret = "csecret-456"
	testAccessToken  = "at-SECRET-TOKEN-do-not-leak"
	testSubject      = "auth0|engineer-1"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Unix(1_800_000_000, 0).UTC()} }
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// reply is one scripted token-endpoint answer.
type reply struct {
	status     int
	body       string
	retryAfter string
}

var (
	rPending  = reply{400, `{"error":"authorization_pending","error_description":"The end-user authorization is pending"}`, ""}
	rSlowDown = reply{400, `{"error":"slow_down","error_description":"You are polling faster than allowed. Try again in 10 seconds.","interval":10}`, "10"}
	rDenied   = reply{400, `{"error":"access_denied","error_description":"The end-user denied the authorization request or it has been expired"}`, ""}
	rExpired  = reply{400, `{"error":"expired_token","error_description":"expired"}`, ""}
	rApproved = reply{200, `{"access_token":"` + testAccessToken + `","id_token":"idt-SECRET","expires_in":86400,"scope":"openid","token_type":"Bearer"}`, ""}
)

// fakeCIBA follows PROTOCOLS.md section 2. It validates every request,
// replays a script of token answers and makes auth_req_id single use after
// a successful exchange (invalid_grant afterwards).
type fakeCIBA struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	script []reply
	used   bool
	calls  int // token endpoint calls
	start  map[string]string
	issuer string
}

func newFakeCIBA(t *testing.T, script ...reply) *fakeCIBA {
	f := &fakeCIBA{t: t, script: script}
	f.srv = httptest.NewServer(http.HandlerFunc(f.handle))
	f.issuer = f.srv.URL + "/"
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeCIBA) oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": code})
}

func (f *fakeCIBA) handle(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if r.Method != http.MethodPost || mt != "application/x-www-form-urlencoded" {
		f.oauthError(w, 400, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil {
		f.oauthError(w, 400, "invalid_request")
		return
	}
	if r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testClientSecret {
		f.oauthError(w, 401, "invalid_client")
		return
	}
	switch r.URL.Path {
	case "/bc-authorize":
		f.start = map[string]string{}
		for k := range r.PostForm {
			f.start[k] = r.PostForm.Get(k)
		}
		var hint struct{ Format, Iss, Sub string }
		bm := r.PostForm.Get("binding_message")
		if json.Unmarshal([]byte(r.PostForm.Get("login_hint")), &hint) != nil ||
			hint.Format != "iss_sub" || hint.Iss != f.issuer || hint.Sub == "" ||
			!containsWord(r.PostForm.Get("scope"), "openid") ||
			bm == "" || len(bm) > 64 || BindingMessage(bm) != bm {
			f.oauthError(w, 400, "invalid_request")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"auth_req_id":"arid-1","expires_in":300,"interval":5}`))
	case "/oauth/token":
		f.calls++
		if r.PostForm.Get("grant_type") != CIBAGrantType {
			f.oauthError(w, 400, "unsupported_grant_type")
			return
		}
		if r.PostForm.Get("auth_req_id") != "arid-1" || f.used {
			f.oauthError(w, 400, "invalid_grant")
			return
		}
		if len(f.script) == 0 {
			f.t.Errorf("fake: unexpected token call %d", f.calls)
			f.oauthError(w, 500, "server_error")
			return
		}
		rep := f.script[0]
		f.script = f.script[1:]
		if rep.status == 200 {
			f.used = true
		}
		if rep.retryAfter != "" {
			w.Header().Set("Retry-After", rep.retryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		_, _ = w.Write([]byte(rep.body))
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeCIBA) tokenCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func newTestCIBA(t *testing.T, f *fakeCIBA, clk *fakeClock) *CIBA {
	t.Helper()
	c, err := NewCIBA(CIBAOptions{BaseURL: f.srv.URL, ClientID: testClientID, ClientSecret: testClientSecret,
		HTTPClient: f.srv.Client(), Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCIBAStart(t *testing.T) {
	f := newFakeCIBA(t)
	clk := newClock()
	c := newTestCIBA(t, f, clk)
	p, err := c.Start(context.Background(), testSubject, "merge_pr warroom/api #42: approve?")
	if err != nil {
		t.Fatal(err)
	}
	t0 := clk.Now()
	if p.AuthReqID != "arid-1" || !p.ExpiresAt.Equal(t0.Add(300*time.Second)) ||
		p.Interval != 5*time.Second || !p.NextPollAt.Equal(t0.Add(5*time.Second)) {
		t.Fatalf("pending = %+v", p)
	}
	if got := f.start["binding_message"]; got != "merge_pr-warroom-api-#42:-approve" {
		t.Fatalf("binding_message = %q", got)
	}
	if f.start["scope"] != "openid" {
		t.Fatalf("scope = %q", f.start["scope"])
	}
	// Persistable: round-trips through JSON.
	b, _ := json.Marshal(p)
	var q Pending
	if err := json.Unmarshal(b, &q); err != nil || q != p {
		t.Fatalf("json round trip: %v %+v", err, q)
	}

	if _, err := c.Start(context.Background(), testSubject, "///"); err == nil {
		t.Fatal("empty binding message accepted")
	}
	if _, err := c.Start(context.Background(), "", "merge"); err == nil {
		t.Fatal("empty login hint accepted")
	}
	bad, _ := NewCIBA(CIBAOptions{BaseURL: f.srv.URL, ClientID: testClientID, ClientSecret: "wrong", HTTPClient: f.srv.Client(), Now: clk.Now})
	_, err = bad.Start(context.Background(), testSubject, "merge")
	var pe *Error
	if !errors.As(err, &pe) || pe.Code != "invalid_client" || pe.Status != 401 {
		t.Fatalf("bad client: %v", err)
	}
}

func TestCIBAPoll(t *testing.T) {
	type step struct {
		advance  time.Duration // clock advance before the poll
		want     Result
		wantErr  bool
		interval time.Duration // expected Pending.Interval after the poll (0: skip)
		nextPoll time.Duration // expected NextPollAt - now (0: skip)
	}
	tests := []struct {
		name   string
		script []reply
		steps  []step
		calls  int
	}{
		{
			name:   "pending then slow_down then approved, then single use",
			script: []reply{rPending, rSlowDown, rApproved},
			steps: []step{
				{advance: 5 * time.Second, want: ResultPending, interval: 5 * time.Second, nextPoll: 5 * time.Second},
				{advance: 5 * time.Second, want: ResultSlowDown, interval: 10 * time.Second, nextPoll: 10 * time.Second},
				{advance: 10 * time.Second, want: ResultApproved},
				// auth_req_id is single use: invalid_grant -> Expired.
				{advance: 10 * time.Second, want: ResultExpired},
			},
			calls: 4,
		},
		{
			name:   "slow_down without interval honours Retry-After",
			script: []reply{{400, `{"error":"slow_down"}`, "17"}, rPending},
			steps: []step{
				{advance: 5 * time.Second, want: ResultSlowDown, interval: 10 * time.Second, nextPoll: 17 * time.Second},
				{advance: 17 * time.Second, want: ResultPending, interval: 10 * time.Second, nextPoll: 10 * time.Second},
			},
			calls: 2,
		},
		{
			name:   "denied",
			script: []reply{rPending, rDenied},
			steps:  []step{{advance: 5 * time.Second, want: ResultPending}, {advance: 5 * time.Second, want: ResultDenied}},
			calls:  2,
		},
		{
			name:   "expired_token",
			script: []reply{rExpired},
			steps:  []step{{advance: 5 * time.Second, want: ResultExpired}},
			calls:  1,
		},
		{
			name:   "local expiry makes no call",
			script: nil,
			steps:  []step{{advance: 301 * time.Second, want: ResultExpired}},
			calls:  0,
		},
		{
			name:   "early poll makes no call",
			script: []reply{rApproved},
			steps:  []step{{advance: 1 * time.Second, want: ResultPending, nextPoll: 4 * time.Second}, {advance: 4 * time.Second, want: ResultApproved}},
			calls:  1,
		},
		{
			name:   "5xx is an error and keeps state",
			script: []reply{{503, `{"error":"temporarily_unavailable"}`, ""}, rApproved},
			steps:  []step{{advance: 5 * time.Second, wantErr: true}, {advance: 0, want: ResultApproved}},
			calls:  2,
		},
		{
			name:   "unexpected success body is an error",
			script: []reply{{200, `{"weird":"` + testAccessToken + `"}`, ""}},
			steps:  []step{{advance: 5 * time.Second, wantErr: true}},
			calls:  1,
		},
		{
			name:   "unknown oauth error is an error",
			script: []reply{{400, `{"error":"unauthorized_client","access_token":"` + testAccessToken + `"}`, ""}},
			steps:  []step{{advance: 5 * time.Second, wantErr: true}},
			calls:  1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeCIBA(t, tc.script...)
			clk := newClock()
			c := newTestCIBA(t, f, clk)
			p, err := c.Start(context.Background(), testSubject, "restart payments-api")
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range tc.steps {
				clk.Set(clk.Now().Add(s.advance))
				res, np, err := c.Poll(context.Background(), p)
				if s.wantErr {
					if err == nil {
						t.Fatalf("step %d: want error, got %v", i, res)
					}
					if strings.Contains(err.Error(), testAccessToken) {
						t.Fatalf("step %d: error leaks token: %v", i, err)
					}
					if np != p {
						t.Fatalf("step %d: state changed on error", i)
					}
					continue
				}
				if err != nil || res != s.want {
					t.Fatalf("step %d: got %v, %v; want %v", i, res, err, s.want)
				}
				if s.interval != 0 && np.Interval != s.interval {
					t.Fatalf("step %d: interval %v, want %v", i, np.Interval, s.interval)
				}
				if s.nextPoll != 0 && np.NextPollAt.Sub(clk.Now()) != s.nextPoll {
					t.Fatalf("step %d: next poll in %v, want %v", i, np.NextPollAt.Sub(clk.Now()), s.nextPoll)
				}
				p = np
			}
			if got := f.tokenCalls(); got != tc.calls {
				t.Fatalf("token calls = %d, want %d", got, tc.calls)
			}
		})
	}
}

func TestBindingMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"merge_pr", "merge_pr"},
		{"  revert PR #12 on org/repo  ", "revert-PR-#12-on-org-repo"},
		{"héllo wörld", "h-llo-w-rld"},
		{"a+b-c_d.e,f:g#h", "a+b-c_d.e,f:g#h"},
		{"<script>", "script"},
		{strings.Repeat("x", 100), strings.Repeat("x", 64)},
		{strings.Repeat("ab ", 40), strings.TrimRight(strings.Repeat("ab-", 22)[:64], "-")},
		{"", ""},
	}
	for _, tc := range tests {
		got := BindingMessage(tc.in)
		if got != tc.want || len(got) > MaxBindingMessage {
			t.Errorf("BindingMessage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNewCIBAValidation(t *testing.T) {
	for _, o := range []CIBAOptions{{BaseURL: "", ClientID: "x"}, {BaseURL: "tenant.auth0.com", ClientID: "x"}, {BaseURL: "https://t.example"}} {
		if _, err := NewCIBA(o); err == nil {
			t.Errorf("NewCIBA(%+v) accepted", o)
		}
	}
	c, err := NewCIBA(CIBAOptions{BaseURL: "https://t.example/", ClientID: "x", Scope: "offline_access"})
	if err != nil || c.scope != "openid offline_access" || c.issuer != "https://t.example/" {
		t.Fatalf("%v %+v", err, c)
	}
}
