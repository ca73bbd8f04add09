package slackinbound

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

const testToken = "xoxb-test-0000-secret-token"

// fakeSlack reproduces conversations.history's wire format: form-encoded
// POST, HTTP 200 with ok:false for API errors, 429 + Retry-After for rate
// limits, cursor pagination via response_metadata.next_cursor.
type fakeSlack struct {
	t       *testing.T
	mu      sync.Mutex
	reqs    []fakeReq
	handler func(n int, form url.Values) (status int, header map[string]string, body string)
}

type fakeReq struct {
	at     time.Time
	auth   string
	form   url.Values
	body   string
	method string
	path   string
}

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(raw))
	for k, v := range r.URL.Query() {
		form[k] = append(form[k], v...)
	}
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, fakeReq{at: time.Now(), auth: r.Header.Get("Authorization"), form: form, body: string(raw), method: r.Method, path: r.URL.Path})
	f.mu.Unlock()
	if r.URL.Path != "/conversations.history" {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	status, hdr, body := f.handler(n, form)
	for k, v := range hdr {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (f *fakeSlack) requests() []fakeReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeReq(nil), f.reqs...)
}

func newFake(t *testing.T, h func(n int, form url.Values) (int, map[string]string, string)) (*fakeSlack, *Poller) {
	f := &fakeSlack{t: t, handler: h}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	p := &Poller{Client: NewClient(testToken, slack.OptionAPIURL(srv.URL+"/")), Channels: []string{"C0INCIDENT"}}
	return f, p
}

func checkAuth(t *testing.T, r fakeReq) {
	t.Helper()
	if r.auth != "Bearer "+testToken {
		t.Errorf("Authorization = %q, want Bearer token", r.auth)
	}
	if r.form.Has("token") {
		t.Errorf("token also sent as a parameter: %q", r.body)
	}
	if r.method != http.MethodPost || r.path != "/conversations.history" {
		t.Errorf("%s %s", r.method, r.path)
	}
}

const (
	page1 = `{"ok":true,"messages":[
	  {"type":"message","user":"U0AAA","text":"checkout is throwing 502s","ts":"1712000300.000300"},
	  {"type":"message","subtype":"bot_message","bot_id":"B0BOT","text":"deploy done","ts":"1712000200.000200"}
	],"has_more":true,"pin_count":0,"response_metadata":{"next_cursor":"bmV4dF90czoxNzEyMDAwMTAw"}}`
	page2 = `{"ok":true,"messages":[
	  {"type":"message","user":"U0BBB","text":"anyone else?","ts":"1712000100.000100","thread_ts":"1712000100.000100","reply_count":2},
	  {"type":"message","user":"U0CCC","text":"hi","ts":"1712000099.999999"}
	],"has_more":false,"pin_count":0,"response_metadata":{"next_cursor":""}}`
)

func TestPollPaginates(t *testing.T) {
	f, p := newFake(t, func(n int, form url.Values) (int, map[string]string, string) {
		if form.Get("cursor") == "bmV4dF90czoxNzEyMDAwMTAw" {
			return 200, nil, page2
		}
		return 200, nil, page1
	})
	msgs, newest, err := p.Poll(context.Background(), "C0INCIDENT", "1712000000.000001")
	if err != nil {
		t.Fatal(err)
	}
	wantTS := []string{"1712000099.999999", "1712000100.000100", "1712000200.000200", "1712000300.000300"}
	if len(msgs) != len(wantTS) {
		t.Fatalf("got %d messages: %+v", len(msgs), msgs)
	}
	for i, m := range msgs {
		if m.TS != wantTS[i] || m.Channel != "C0INCIDENT" {
			t.Errorf("msg %d = %+v, want ts %s", i, m, wantTS[i])
		}
	}
	if newest != "1712000300.000300" {
		t.Errorf("newest = %q", newest)
	}
	if msgs[2].BotID != "B0BOT" || msgs[2].Subtype != "bot_message" {
		t.Errorf("bot fields lost: %+v", msgs[2])
	}
	if ok, _ := msgs[2].FromHuman(); ok {
		t.Error("bot message from history counted as human")
	}
	if msgs[1].ThreadTS != "1712000100.000100" || msgs[1].User != "U0BBB" || msgs[1].Text != "anyone else?" {
		t.Errorf("fields lost: %+v", msgs[1])
	}

	reqs := f.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, r := range reqs {
		checkAuth(t, r)
		if r.form.Get("channel") != "C0INCIDENT" || r.form.Get("oldest") != "1712000000.000001" ||
			r.form.Get("inclusive") != "0" || r.form.Get("limit") != "200" {
			t.Errorf("request %d params: %v", i, r.form)
		}
	}
	if reqs[0].form.Has("cursor") {
		t.Errorf("first request has a cursor: %v", reqs[0].form)
	}
	if reqs[1].form.Get("cursor") != "bmV4dF90czoxNzEyMDAwMTAw" {
		t.Errorf("second request cursor = %q", reqs[1].form.Get("cursor"))
	}
}

func TestPollNothingNew(t *testing.T) {
	_, p := newFake(t, func(int, url.Values) (int, map[string]string, string) {
		return 200, nil, `{"ok":true,"messages":[],"has_more":false,"pin_count":0,"response_metadata":{"next_cursor":""}}`
	})
	msgs, newest, err := p.Poll(context.Background(), "C0INCIDENT", "1712000300.000300")
	if err != nil || len(msgs) != 0 || newest != "1712000300.000300" {
		t.Fatalf("msgs=%v newest=%q err=%v", msgs, newest, err)
	}
}

func TestPollRateLimitedThenOK(t *testing.T) {
	f, p := newFake(t, func(n int, form url.Values) (int, map[string]string, string) {
		if n == 0 {
			return http.StatusTooManyRequests, map[string]string{"Retry-After": "1"}, `{"ok":false,"error":"ratelimited"}`
		}
		return 200, nil, page2
	})
	start := time.Now()
	msgs, newest, err := p.Poll(context.Background(), "C0INCIDENT", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || newest != "1712000100.000100" {
		t.Fatalf("msgs=%+v newest=%q", msgs, newest)
	}
	reqs := f.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 (429 then retry)", len(reqs))
	}
	if gap := reqs[1].at.Sub(reqs[0].at); gap < 900*time.Millisecond {
		t.Errorf("retried after %s, want about Retry-After (1s)", gap)
	}
	if time.Since(start) < time.Second {
		t.Errorf("Poll returned after %s", time.Since(start))
	}
	for _, r := range reqs {
		checkAuth(t, r)
		if r.form.Has("oldest") {
			t.Errorf("oldest sent for empty oldest: %v", r.form)
		}
	}
}

func TestPollRateLimitedGivesUp(t *testing.T) {
	f, p := newFake(t, func(int, url.Values) (int, map[string]string, string) {
		return http.StatusTooManyRequests, map[string]string{"Retry-After": "7"}, `{"ok":false,"error":"ratelimited"}`
	})
	var waits []time.Duration
	p.Wait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	_, newest, err := p.Poll(context.Background(), "C0INCIDENT", "1.000001")
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Fatalf("err = %v, want RateLimitedError", err)
	}
	if !strings.Contains(err.Error(), "C0INCIDENT") || ErrorCode(err) != "ratelimited" {
		t.Errorf("err = %v (code %q)", err, ErrorCode(err))
	}
	if newest != "1.000001" {
		t.Errorf("newest = %q, want oldest on error", newest)
	}
	if n := len(f.requests()); n != 4 {
		t.Errorf("%d requests, want 1 + 3 retries", n)
	}
	if len(waits) != 3 || waits[0] != 7*time.Second {
		t.Errorf("waits = %v", waits)
	}
}

func TestPollRateLimitWaitHonoursContext(t *testing.T) {
	_, p := newFake(t, func(int, url.Values) (int, map[string]string, string) {
		return http.StatusTooManyRequests, map[string]string{"Retry-After": "30"}, `{"ok":false,"error":"ratelimited"}`
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := p.Poll(ctx, "C0INCIDENT", "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("waited %s despite context", d)
	}
}

func TestPollAPIErrors(t *testing.T) {
	for _, code := range []string{"channel_not_found", "invalid_auth", "not_in_channel"} {
		t.Run(code, func(t *testing.T) {
			f, p := newFake(t, func(int, url.Values) (int, map[string]string, string) {
				return 200, nil, `{"ok":false,"error":"` + code + `"}`
			})
			msgs, newest, err := p.Poll(context.Background(), "C0MISSING", "5.000005")
			if err == nil || msgs != nil || newest != "5.000005" {
				t.Fatalf("msgs=%v newest=%q err=%v", msgs, newest, err)
			}
			var se slack.SlackErrorResponse
			if !errors.As(err, &se) || se.Err != code || ErrorCode(err) != code {
				t.Fatalf("err = %#v", err)
			}
			if !strings.Contains(err.Error(), "C0MISSING") || !strings.Contains(err.Error(), code) {
				t.Errorf("error %q should name the channel and the code", err)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "xoxb") {
				t.Errorf("error leaks the token: %v", err)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("%d requests; API errors must not be retried", n)
			}
			checkAuth(t, f.requests()[0])
		})
	}
}

func TestPollErrorOnSecondPageReturnsNothing(t *testing.T) {
	_, p := newFake(t, func(n int, form url.Values) (int, map[string]string, string) {
		if n == 0 {
			return 200, nil, page1
		}
		return 200, nil, `{"ok":false,"error":"internal_error"}`
	})
	msgs, newest, err := p.Poll(context.Background(), "C0INCIDENT", "1712000000.000001")
	if err == nil || msgs != nil || newest != "1712000000.000001" {
		t.Fatalf("msgs=%v newest=%q err=%v", msgs, newest, err)
	}
}

func TestPollAll(t *testing.T) {
	_, p := newFake(t, func(n int, form url.Values) (int, map[string]string, string) {
		if form.Get("channel") == "C0GONE" {
			return 200, nil, `{"ok":false,"error":"channel_not_found"}`
		}
		return 200, nil, page2
	})
	p.Channels = []string{"C0GONE", "C0INCIDENT"}
	msgs, next, err := p.PollAll(context.Background(), map[string]string{"C0GONE": "3.0"})
	if ErrorCode(err) != "channel_not_found" || !strings.Contains(err.Error(), "C0GONE") {
		t.Fatalf("err = %v", err)
	}
	if len(msgs) != 2 || next["C0INCIDENT"] != "1712000100.000100" || next["C0GONE"] != "3.0" {
		t.Fatalf("msgs=%d next=%v", len(msgs), next)
	}
}

func TestBearerTransportPlainSlackGoSendsTokenInBody(t *testing.T) {
	// Documents why NewClient exists: slack-go's form methods send the token
	// as a body parameter, not as a header.
	f := &fakeSlack{t: t, handler: func(int, url.Values) (int, map[string]string, string) { return 200, nil, page2 }}
	srv := httptest.NewServer(f)
	defer srv.Close()
	p := &Poller{Client: slack.New(testToken, slack.OptionAPIURL(srv.URL+"/"))}
	if _, _, err := p.Poll(context.Background(), "C1", ""); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	if r.form.Get("token") != testToken {
		t.Skipf("slack-go now sends the token differently (auth %q); NewClient's transport may be unnecessary", r.auth)
	}
}

func TestTSLess(t *testing.T) {
	for _, c := range []struct {
		a, b string
		less bool
	}{
		{"1712000099.999999", "1712000100.000100", true},
		{"1712000100.000100", "1712000099.999999", false},
		{"999999999.000001", "1000000000.000001", true},
		{"1.5", "1.000006", false},
		{"1.000001", "1.000001", false},
		{"", "1.0", true},
	} {
		if got := tsLess(c.a, c.b); got != c.less {
			t.Errorf("tsLess(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
