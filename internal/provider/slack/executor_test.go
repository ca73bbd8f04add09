package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	wslack "github.com/warroom/warroom/internal/provider/slack"
	fake "github.com/warroom/warroom/internal/sandbox/slack"
)

var (
	_ action.CredentialedExecutor = (*wslack.WarRoomChannel)(nil)
	_ action.CredentialedExecutor = (*wslack.StatusUpdate)(nil)
)

const (
	incID    = "019cebab-8748-7abc-9def-0123a1b2c3d4" // UUIDv7 of 2026-03-14
	roomName = "inc-20260314-a1b2c3d4-checkout-api"
	alice    = "U01ALICE"
	bob      = "U01BOB"
	carol    = "U01CAROL"
	ghost    = "U0GHOST" // on the roster, unknown to Slack
	botUser  = "U0WARROOM"
)

func testIncident() facts.Incident {
	a := facts.Person{Handle: "alice", Name: "Alice Ng", Slack: alice}
	return facts.Incident{
		ID: incID, Title: "Checkout errors above 5%", Service: "checkout-api", Severity: "P1", Status: "open",
		Summary: "Error rate 12% since deploy <abc123> & rising", Owner: a,
		Responders: []facts.Person{a, {Handle: "bob", Slack: bob}, {Handle: "carol", Slack: carol},
			{Handle: "dave", Name: "Dave (no Slack)"}, {Handle: "eve", Slack: ghost}},
		URL: "http://127.0.0.1:8080/incidents/" + incID,
	}
}

type env struct {
	fake *fake.Server
	url  string
	p    *wslack.Provider
	inc  facts.Incident

	mu    sync.Mutex
	slept []time.Duration
}

func newEnv(t *testing.T, mod func(*wslack.Options)) *env {
	t.Helper()
	f, err := fake.New(fake.Config{
		Users: []fake.User{{ID: alice, Name: "alice"}, {ID: bob, Name: "bob"}, {ID: carol, Name: "carol"},
			{ID: botUser, Name: "warroom", Bot: true}},
		Tokens: map[string]fake.Token{
			"xoxp-alice": {User: alice}, "xoxp-bob": {User: bob}, "xoxp-carol": {User: carol},
			// Exactly what the executors and the bot ask for.
			"xoxp-alice-warroom": {User: alice, Scopes: wslack.WarRoomScopes},
			"xoxp-bob-status":    {User: bob, Scopes: wslack.StatusScopes},
			"xoxb-bot":           {User: botUser, Scopes: wslack.BotScopes},
			"xoxp-alice-chat":    {User: alice, Scopes: []string{"chat:write"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.Handler())
	t.Cleanup(srv.Close)
	e := &env{fake: f, url: srv.URL, inc: testIncident()}
	e.p = e.provider(t, mod)
	return e
}

// provider builds a Provider on e's fake whose rate-limit waits are recorded, not slept.
func (e *env) provider(t *testing.T, mod func(*wslack.Options)) *wslack.Provider {
	t.Helper()
	opts := wslack.Options{
		BaseURL: e.url, BotToken: "xoxb-bot",
		Brief: func(_ context.Context, id string) (facts.Incident, error) {
			if id != e.inc.ID {
				return facts.Incident{}, fmt.Errorf("incident %s not found", id)
			}
			return e.inc, nil
		},
	}
	if mod != nil {
		mod(&opts)
	}
	p, err := wslack.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	wslack.SetSleep(p, func(ctx context.Context, d time.Duration) error {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.slept = append(e.slept, d)
		return ctx.Err()
	})
	return p
}

func (e *env) sleeps() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.slept)
}

func request(kind, params, key, runAs, token string) action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-" + key, IncidentID: incID, Kind: kind, Target: "slack:incident-" + incID,
			Params: json.RawMessage(params)},
		IdempotencyKey: key, RunAs: runAs, Token: action.Secret(token),
	}
}

func warRoomReq(token string) action.Request {
	return request(wslack.KindWarRoomChannel, `{"topic":"P1 checkout-api: errors above 5%"}`, "warroom-act-1", "alice", token)
}

// posts are the channel's messages that are not Slack's system messages.
func (e *env) posts(t *testing.T, channel string) []fake.Message {
	t.Helper()
	var out []fake.Message
	for _, m := range e.fake.Messages(channel) {
		if m.Subtype == "" {
			out = append(out, m)
		}
	}
	return out
}

func (e *env) roomsNamed(name string) int {
	n := 0
	for _, c := range e.fake.Channels() {
		if c.Name == name {
			n++
		}
	}
	return n
}

func decodeDetail[T any](t *testing.T, res action.Result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(res.Detail, &v); err != nil {
		t.Fatalf("detail %s: %v", res.Detail, err)
	}
	return v
}

func TestWarRoomOpensInvitesAndPosts(t *testing.T) {
	e := newEnv(t, nil)
	res, err := e.p.WarRoomChannel().Execute(context.Background(), warRoomReq("xoxp-alice-warroom"))
	if err != nil {
		t.Fatal(err)
	}
	d := decodeDetail[wslack.WarRoomResult](t, res)
	ch, ok := e.fake.ChannelByName(roomName)
	if !ok {
		t.Fatalf("no channel %s among %+v", roomName, e.fake.Channels())
	}
	if !d.Created || d.ChannelID != ch.ID || d.ChannelName != roomName || ch.Creator != alice {
		t.Fatalf("result %+v for channel %+v", d, ch)
	}
	if ch.Topic != "P1 checkout-api: errors above 5%" {
		t.Errorf("topic = %q", ch.Topic)
	}
	// The acting engineer is not re-invited; the roster entry without Slack is skipped;
	// an id Slack does not know is reported, not fatal.
	if got := strings.Join(ch.Members, ","); got != alice+","+bob+","+carol {
		t.Errorf("members = %s", got)
	}
	if !slices.Equal(d.Invited, []string{bob, carol}) || len(d.NotInvited) != 1 || d.NotInvited[0] != (wslack.InviteFailure{User: ghost, Error: "user_not_found"}) {
		t.Errorf("invited %v, not invited %v", d.Invited, d.NotInvited)
	}
	posts := e.posts(t, ch.ID)
	if len(posts) != 1 {
		t.Fatalf("posts = %+v, want one summary", posts)
	}
	p := posts[0]
	if p.User != alice || p.TS != d.SummaryTS {
		t.Errorf("summary by %s at %s, want alice at %s", p.User, p.TS, d.SummaryTS)
	}
	for _, want := range []string{"P1", "checkout-api", "&lt;abc123&gt; &amp; rising", "<http://127.0.0.1:8080/incidents/" + incID + "|Open in WarRoom>"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("fallback text %q lacks %q", p.Text, want)
		}
	}
	for _, want := range []string{`"block_id":"warroom:warroom-act-1"`, `"url":"http://127.0.0.1:8080/incidents/` + incID, "<@" + bob + ">", `"type":"header"`} {
		if !strings.Contains(blocksJSON(t, p.Blocks), want) {
			t.Errorf("blocks lack %s: %s", want, p.Blocks)
		}
	}
	var meta struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	if err := json.Unmarshal(p.Metadata, &meta); err != nil || meta.EventType != wslack.EventSummary ||
		meta.EventPayload["idempotency_key"] != "warroom-act-1" || meta.EventPayload["incident_id"] != incID {
		t.Errorf("metadata %s (%v)", p.Metadata, err)
	}
	if !strings.Contains(res.Summary, "Opened #"+roomName) {
		t.Errorf("summary %q", res.Summary)
	}
}

// Every way an attempt can be repeated ends with one channel and one summary.
func TestWarRoomRepeatedAttempts(t *testing.T) {
	tests := []struct {
		name string
		// lose makes the first attempt's answer from this method get lost
		// after Slack applied it ("" = the first attempt succeeds).
		lose string
		// reconciled: Reconcile after the failed attempt already reports done.
		reconciled bool
	}{
		{name: "executed twice"},
		{name: "create answer lost", lose: "conversations.create"},
		{name: "topic answer lost", lose: "conversations.setTopic"},
		{name: "invite answer lost", lose: "conversations.invite"},
		{name: "summary answer lost", lose: "chat.postMessage", reconciled: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			ctx := context.Background()
			ex := e.p.WarRoomChannel()
			req := warRoomReq("xoxp-alice")
			if tt.lose != "" {
				e.fake.Inject(fake.Fault{Method: tt.lose, Status: http.StatusBadGateway, AfterApply: true})
			}
			_, err := ex.Execute(ctx, req)
			if tt.lose == "" && err != nil {
				t.Fatal(err)
			}
			if tt.lose != "" {
				if err == nil || errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired) {
					t.Fatalf("lost answer: err %v, want a retryable error", err)
				}
				res, done, err := ex.Reconcile(ctx, req)
				if err != nil || done != tt.reconciled {
					t.Fatalf("Reconcile = %v, %v; want done %v", done, err, tt.reconciled)
				}
				if done {
					if d := decodeDetail[wslack.WarRoomResult](t, res); !d.SummaryFound || d.ChannelName != roomName {
						t.Fatalf("reconciled detail %+v", d)
					}
				}
			}
			res, err := ex.Execute(ctx, req)
			if err != nil {
				t.Fatalf("repeat: %v", err)
			}
			d := decodeDetail[wslack.WarRoomResult](t, res)
			if d.Created || !d.SummaryFound && tt.reconciled {
				t.Errorf("repeat detail %+v", d)
			}
			if n := e.roomsNamed(roomName); n != 1 || len(e.fake.Channels()) != 1 {
				t.Fatalf("%d channels named %s, %d in all", n, roomName, len(e.fake.Channels()))
			}
			ch, _ := e.fake.ChannelByName(roomName)
			if posts := e.posts(t, ch.ID); len(posts) != 1 {
				t.Fatalf("%d summaries, want 1", len(posts))
			}
			if got := strings.Join(ch.Members, ","); got != alice+","+bob+","+carol {
				t.Errorf("members = %s", got)
			}
			if n := e.fake.Calls("conversations.setTopic"); n != 1 {
				t.Errorf("setTopic called %d times; an unchanged topic must not be set again", n)
			}
			// A third run finds everything in place.
			if res, done, err := ex.Reconcile(ctx, req); err != nil || !done || !strings.Contains(res.Summary, "already posted") {
				t.Fatalf("final Reconcile = %+v, %v, %v", res, done, err)
			}
		})
	}
}

func TestWarRoomReconcileBeforeAnything(t *testing.T) {
	e := newEnv(t, nil)
	_, done, err := e.p.WarRoomChannel().Reconcile(context.Background(), warRoomReq("xoxp-alice"))
	if err != nil || done {
		t.Fatalf("Reconcile on an empty workspace = %v, %v", done, err)
	}
}

// A person opened the incident's channel by hand before the action ran,
// among enough other channels that finding it takes several list pages.
func TestWarRoomNameTakenByEarlierChannel(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 450 {
		if _, err := e.fake.CreateChannel(fmt.Sprintf("other-%03d", i), bob); err != nil {
			t.Fatal(err)
		}
	}
	earlier, err := e.fake.CreateChannel(roomName, carol)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.Post(earlier.ID, carol, "anyone looking at checkout?"); err != nil {
		t.Fatal(err)
	}
	res, err := e.p.WarRoomChannel().Execute(context.Background(), warRoomReq("xoxp-alice-warroom"))
	if err != nil {
		t.Fatal(err)
	}
	d := decodeDetail[wslack.WarRoomResult](t, res)
	if d.Created || !d.Joined || d.ChannelID != earlier.ID {
		t.Fatalf("detail %+v, want the earlier channel %s reused and joined", d, earlier.ID)
	}
	if e.roomsNamed(roomName) != 1 || e.fake.Calls("conversations.list") < 3 {
		t.Fatalf("rooms %d, list calls %d (want 1 room, >= 3 pages)", e.roomsNamed(roomName), e.fake.Calls("conversations.list"))
	}
	ch, _ := e.fake.ChannelByName(roomName)
	for _, m := range []string{alice, bob, carol} {
		if !slices.Contains(ch.Members, m) {
			t.Errorf("%s not in %v", m, ch.Members)
		}
	}
	if !slices.Contains(d.AlreadyIn, carol) {
		t.Errorf("carol (the creator) should be reported as already in: %+v", d)
	}
	if posts := e.posts(t, ch.ID); len(posts) != 2 || posts[1].User != alice {
		t.Fatalf("posts = %+v, want carol's message then one summary", posts)
	}
}

func TestWarRoomErrors(t *testing.T) {
	tests := []struct {
		name    string
		token   string
		params  string
		setup   func(e *env)
		wantErr error // nil: a retryable error (neither sentinel)
	}{
		{name: "unknown token", token: "xoxp-nope", wantErr: action.ErrTokenExpired},
		{name: "no token", token: "", wantErr: action.ErrTokenExpired},
		{name: "expired token", token: "xoxp-alice", setup: func(e *env) { e.fake.ExpireToken("xoxp-alice") }, wantErr: action.ErrTokenExpired},
		{name: "revoked token", token: "xoxp-alice", setup: func(e *env) { e.fake.RevokeToken("xoxp-alice") }, wantErr: action.ErrTokenExpired},
		{name: "missing scope", token: "xoxp-alice-chat", wantErr: action.ErrPermanent},
		{name: "bad params", token: "xoxp-alice", params: `{"topic":`, wantErr: action.ErrPermanent},
		{name: "archived room", token: "xoxp-alice", wantErr: action.ErrPermanent, setup: func(e *env) {
			_, _ = e.fake.CreateChannel(roomName, bob)
			_ = e.fake.ArchiveChannel(roomName)
		}},
		{name: "slack down", token: "xoxp-alice", setup: func(e *env) {
			e.fake.Inject(fake.Fault{Method: "conversations.create", Status: http.StatusServiceUnavailable})
		}},
		{name: "internal_error", token: "xoxp-alice", setup: func(e *env) {
			e.fake.Inject(fake.Fault{Method: "conversations.create", Error: "internal_error"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil)
			if tt.setup != nil {
				tt.setup(e)
			}
			req := warRoomReq(tt.token)
			if tt.params != "" {
				req.Action.Params = json.RawMessage(tt.params)
			}
			_, err := e.p.WarRoomChannel().Execute(context.Background(), req)
			if err == nil {
				t.Fatal("Execute succeeded")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && (errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired)) {
				t.Fatalf("err %v, want retryable", err)
			}
			if tt.token != "" && strings.Contains(err.Error(), tt.token) {
				t.Fatalf("error leaks the token: %v", err)
			}
		})
	}
}

func TestRateLimitIsHonoured(t *testing.T) {
	t.Run("waits and retries", func(t *testing.T) {
		e := newEnv(t, nil)
		e.fake.RateLimit("conversations.create", 2, 3*time.Second)
		e.fake.RateLimit("chat.postMessage", 1, time.Second)
		if _, err := e.p.WarRoomChannel().Execute(context.Background(), warRoomReq("xoxp-alice")); err != nil {
			t.Fatal(err)
		}
		if got := e.sleeps(); !slices.Equal(got, []time.Duration{3 * time.Second, 3 * time.Second, time.Second}) {
			t.Fatalf("waited %v, want [3s 3s 1s]", got)
		}
		if n := e.fake.Calls("conversations.create"); n != 3 {
			t.Fatalf("create calls = %d, want 3 (two refused, one served)", n)
		}
		ch, _ := e.fake.ChannelByName(roomName)
		if e.roomsNamed(roomName) != 1 || len(e.posts(t, ch.ID)) != 1 {
			t.Fatal("want one channel and one summary")
		}
	})
	t.Run("beyond the budget", func(t *testing.T) {
		e := newEnv(t, func(o *wslack.Options) { o.MaxRateLimitWait = 10 * time.Second })
		e.fake.RateLimit("conversations.create", 1, 60*time.Second)
		_, err := e.p.WarRoomChannel().Execute(context.Background(), warRoomReq("xoxp-alice"))
		if !errors.Is(err, wslack.ErrRateLimited) || errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "1m0s") {
			t.Fatalf("err %v, want a retryable ErrRateLimited saying when", err)
		}
		if len(e.sleeps()) != 0 || e.fake.Calls("conversations.create") != 1 {
			t.Fatalf("slept %v, %d calls: must give up without waiting or hammering", e.sleeps(), e.fake.Calls("conversations.create"))
		}
	})
	t.Run("cancelled while waiting", func(t *testing.T) {
		e := newEnv(t, nil)
		e.fake.RateLimit("conversations.create", 5, time.Second)
		ctx, cancel := context.WithCancel(context.Background())
		wslack.SetSleep(e.p, func(ctx context.Context, _ time.Duration) error {
			cancel() // the step is cancelled during the wait
			<-ctx.Done()
			return ctx.Err()
		})
		_, err := e.p.WarRoomChannel().Execute(ctx, warRoomReq("xoxp-alice"))
		if !errors.Is(err, context.Canceled) || e.fake.Calls("conversations.create") != 1 {
			t.Fatalf("err %v after %d calls, want context.Canceled after 1", err, e.fake.Calls("conversations.create"))
		}
	})
}

func statusReq(key, msg, token string) action.Request {
	return request(wslack.KindStatusUpdate, fmt.Sprintf(`{"message":%q}`, msg), key, "bob", token)
}

func TestStatusUpdateOncePerKey(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	if _, err := e.p.WarRoomChannel().Execute(ctx, warRoomReq("xoxp-alice")); err != nil {
		t.Fatal(err)
	}
	room, _ := e.fake.ChannelByName(roomName)
	ex := e.p.StatusUpdate()

	// Bob is a member (invited); his token carries exactly StatusScopes.
	res, err := ex.Execute(ctx, statusReq("status-1", "Rolled back <abc123>; error rate falling.", "xoxp-bob-status"))
	if err != nil {
		t.Fatal(err)
	}
	if d := decodeDetail[wslack.StatusResult](t, res); d.Found || d.ChannelID != room.ID {
		t.Fatalf("detail %+v", d)
	}
	again, err := ex.Execute(ctx, statusReq("status-1", "Rolled back <abc123>; error rate falling.", "xoxp-bob-status"))
	if err != nil || !decodeDetail[wslack.StatusResult](t, again).Found {
		t.Fatalf("second Execute = %+v, %v; want found", again, err)
	}
	if _, done, err := ex.Reconcile(ctx, statusReq("status-1", "x", "xoxp-bob")); !done || err != nil {
		t.Fatalf("Reconcile = %v, %v", done, err)
	}
	if _, done, err := ex.Reconcile(ctx, statusReq("status-2", "x", "xoxp-bob")); done || err != nil {
		t.Fatalf("Reconcile of an unposted key = %v, %v", done, err)
	}
	// A lost answer: the retry finds the post instead of repeating it.
	e.fake.Inject(fake.Fault{Method: "chat.postMessage", Status: http.StatusInternalServerError, AfterApply: true})
	if _, err := ex.Execute(ctx, statusReq("status-2", "Monitoring.", "xoxp-bob")); err == nil {
		t.Fatal("lost answer reported success")
	}
	if _, done, err := ex.Reconcile(ctx, statusReq("status-2", "Monitoring.", "xoxp-bob")); !done || err != nil {
		t.Fatalf("Reconcile after a lost answer = %v, %v", done, err)
	}

	posts := e.posts(t, room.ID)
	if len(posts) != 3 { // summary, status-1, status-2
		t.Fatalf("%d posts, want 3: %+v", len(posts), posts)
	}
	if p := posts[1]; p.User != bob || p.Text != "Rolled back &lt;abc123&gt;; error rate falling." ||
		!strings.Contains(blocksJSON(t, p.Blocks), `"block_id":"warroom:status-1"`) {
		t.Fatalf("status post %+v", p)
	}
}

func TestStatusUpdateChannels(t *testing.T) {
	t.Run("no channel and no fallback", func(t *testing.T) {
		e := newEnv(t, nil)
		_, err := e.p.StatusUpdate().Execute(context.Background(), statusReq("s1", "hello", "xoxp-bob"))
		if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), roomName) {
			t.Fatalf("err %v, want permanent naming #%s", err, roomName)
		}
		if _, done, err := e.p.StatusUpdate().Reconcile(context.Background(), statusReq("s1", "hello", "xoxp-bob")); done || err != nil {
			t.Fatalf("Reconcile = %v, %v; want not done, no error", done, err)
		}
	})
	t.Run("fallback channel, joined first", func(t *testing.T) {
		e := newEnv(t, nil)
		ch, err := e.fake.CreateChannel("incidents", carol)
		if err != nil {
			t.Fatal(err)
		}
		fallback := ch.ID
		p := e.provider(t, func(o *wslack.Options) { o.FallbackChannel = fallback })
		if _, err := p.StatusUpdate().Execute(context.Background(), statusReq("s1", "hello", "xoxp-bob-status")); err != nil {
			t.Fatal(err)
		}
		if posts := e.posts(t, fallback); len(posts) != 1 || posts[0].User != bob {
			t.Fatalf("posts %+v", posts)
		}
		if got, _ := e.fake.ChannelByName("incidents"); !slices.Contains(got.Members, bob) {
			t.Fatalf("bob did not join: %v", got.Members)
		}
	})
	t.Run("empty message", func(t *testing.T) {
		e := newEnv(t, nil)
		if _, err := e.p.StatusUpdate().Execute(context.Background(), statusReq("s1", "  ", "xoxp-bob")); !errors.Is(err, action.ErrPermanent) {
			t.Fatalf("err %v", err)
		}
		if e.fake.TotalCalls() != 0 {
			t.Fatal("an invalid request reached Slack")
		}
	})
}

func TestCredential(t *testing.T) {
	e := newEnv(t, nil)
	for _, tt := range []struct {
		ex   action.CredentialedExecutor
		want []string
	}{
		{e.p.WarRoomChannel(), wslack.WarRoomScopes},
		{e.p.StatusUpdate(), wslack.StatusScopes},
	} {
		provider, scopes := tt.ex.Credential(incident.Action{})
		if provider != "slack" || !slices.Equal(scopes, tt.want) {
			t.Errorf("Credential = %s %v", provider, scopes)
		}
		scopes[0] = "mutated"
		if _, again := tt.ex.Credential(incident.Action{}); again[0] == "mutated" {
			t.Error("Credential returns shared state")
		}
	}
	if got := e.p.Executors(); len(got) != 2 || got["war_room_channel"] == nil || got["status_update"] == nil {
		t.Fatalf("Executors = %v", got)
	}
}

func TestNewValidates(t *testing.T) {
	ok := staticBrief(testIncident())
	for name, opts := range map[string]wslack.Options{
		"no brief":  {BaseURL: "http://x"},
		"bad url":   {Brief: ok, BaseURL: "ftp://x"},
		"no host":   {Brief: ok, BaseURL: "http://"},
		"not a url": {Brief: ok, BaseURL: "::"},
	} {
		if _, err := wslack.New(opts); err == nil {
			t.Errorf("%s: New accepted %+v", name, opts)
		}
	}
	if _, err := wslack.New(wslack.Options{Brief: ok}); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func staticBrief(inc facts.Incident) facts.Source {
	return func(context.Context, string) (facts.Incident, error) { return inc, nil }
}

// blocksJSON re-encodes posted blocks without Go's HTML escaping of <, > and &.
func blocksJSON(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("blocks %s: %v", raw, err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
