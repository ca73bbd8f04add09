package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	fake "github.com/warroom/warroom/internal/sandbox/slack"
)

const (
	alice = "U01ALICE"
	bob   = "U01BOB"
	bot   = "U0WARROOM"
)

func newFake(t *testing.T) (*fake.Server, *httptest.Server) {
	t.Helper()
	s, err := fake.New(fake.Config{
		Users: []fake.User{{ID: alice, Name: "alice"}, {ID: bob, Name: "bob"}, {ID: bot, Name: "warroom", Bot: true}},
		Tokens: map[string]fake.Token{
			"xoxp-alice": {User: alice}, "xoxp-bob": {User: bob}, "xoxb-bot": {User: bot},
			"xoxp-alice-readonly": {User: alice, Scopes: []string{"channels:read"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

func api(srv *httptest.Server, tok string) *slackgo.Client {
	return slackgo.New(tok, slackgo.OptionAPIURL(srv.URL+"/api/"))
}

// call posts a raw request and decodes the JSON answer.
func call(t *testing.T, srv *httptest.Server, method, contentType, auth, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/"+method, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, resp.Header, out
}

const form = "application/x-www-form-urlencoded"

func TestNewRejectsMismatchedTokens(t *testing.T) {
	for name, cfg := range map[string]fake.Config{
		"unknown user":        {Tokens: map[string]fake.Token{"xoxp-x": {User: "U404"}}},
		"bot with user token": {Users: []fake.User{{ID: bot, Bot: true}}, Tokens: map[string]fake.Token{"xoxp-x": {User: bot}}},
		"user with bot token": {Users: []fake.User{{ID: alice}}, Tokens: map[string]fake.Token{"xoxb-x": {User: alice}}},
	} {
		if _, err := fake.New(cfg); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
}

func TestAuth(t *testing.T) {
	s, srv := newFake(t)
	s.AddToken("xoxp-old", fake.Token{User: alice})
	s.ExpireToken("xoxp-old")
	s.AddToken("xoxp-gone", fake.Token{User: alice})
	s.RevokeToken("xoxp-gone")
	tests := []struct {
		name, auth, body, wantErr, wantUser string
	}{
		{"no token", "", "", "not_authed", ""},
		{"unknown token", "xoxp-nope", "", "invalid_auth", ""},
		{"expired", "xoxp-old", "", "token_expired", ""},
		{"revoked", "xoxp-gone", "", "token_revoked", ""},
		{"bearer", "xoxp-alice", "", "", alice},
		{"token in form body", "", "token=xoxp-bob", "", bob},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, out := call(t, srv, "auth.test", form, tt.auth, tt.body)
			if status != http.StatusOK {
				t.Fatalf("status %d, want 200 even for errors", status)
			}
			if tt.wantErr != "" {
				if out["ok"] != false || out["error"] != tt.wantErr {
					t.Fatalf("got %v, want error %s", out, tt.wantErr)
				}
				return
			}
			if out["ok"] != true || out["user_id"] != tt.wantUser {
				t.Fatalf("got %v, want user %s", out, tt.wantUser)
			}
		})
	}
	// A JSON body never carries the token.
	if _, _, out := call(t, srv, "auth.test", "application/json; charset=utf-8", "", `{"token":"xoxp-alice"}`); out["error"] != "not_authed" {
		t.Fatalf("token in JSON body: got %v, want not_authed", out)
	}
	resp, err := api(srv, "xoxb-bot").AuthTest()
	if err != nil || resp.UserID != bot || resp.BotID == "" {
		t.Fatalf("bot auth.test = %+v, %v", resp, err)
	}
}

func TestCreateNameRules(t *testing.T) {
	_, srv := newFake(t)
	c := api(srv, "xoxp-alice")
	tests := []struct{ name, want string }{
		{"", "invalid_name_required"},
		{strings.Repeat("a", 81), "invalid_name_maxlength"},
		{"--_", "invalid_name_punctuation"},
		{"Inc-Upper", "invalid_name_specials"},
		{"inc 1", "invalid_name_specials"},
		{strings.Repeat("a", 80), ""},
		{"inc-1_ok", ""},
		{"inc-1_ok", "name_taken"},
	}
	for _, tt := range tests {
		ch, err := c.CreateConversation(slackgo.CreateConversationParams{ChannelName: tt.name})
		var se slackgo.SlackErrorResponse
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("create %q: %v", tt.name, err)
		case tt.want == "" && (ch.Name != tt.name || !ch.IsMember || ch.Creator != alice):
			t.Errorf("create %q = %+v", tt.name, ch)
		case tt.want != "" && (!errors.As(err, &se) || se.Err != tt.want):
			t.Errorf("create %q: err %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestListPaginatesWithCursor(t *testing.T) {
	s, srv := newFake(t)
	want := map[string]bool{}
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		ch, err := s.CreateChannel("chan-"+n, bob)
		if err != nil {
			t.Fatal(err)
		}
		want[ch.ID] = true
	}
	c := api(srv, "xoxp-alice")
	params := &slackgo.GetConversationsParameters{Limit: 2}
	seen, pages := map[string]bool{}, 0
	for {
		page, next, err := c.GetConversations(params)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, ch := range page {
			if seen[ch.ID] {
				t.Fatalf("channel %s on two pages", ch.ID)
			}
			seen[ch.ID] = true
			if ch.IsMember {
				t.Errorf("alice is not in %s, but is_member is true", ch.Name)
			}
		}
		if next == "" {
			break
		}
		params.Cursor = next
	}
	if pages != 3 || len(seen) != len(want) {
		t.Fatalf("pages %d (want 3), channels %d (want %d)", pages, len(seen), len(want))
	}
	if _, _, err := c.GetConversations(&slackgo.GetConversationsParameters{Cursor: "bm9wZQ=="}); err == nil || err.Error() != "invalid_cursor" {
		t.Fatalf("bad cursor: %v", err)
	}
}

func TestInvite(t *testing.T) {
	tests := []struct {
		name        string
		users       string
		force       bool
		wantErr     string
		wantErrors  int      // entries in the errors array
		wantMembers []string // after the call
	}{
		{"one new", bob, false, "", 0, []string{alice, bob}},
		{"self", alice, false, "cant_invite_self", 0, []string{alice}},
		{"unknown", "U404", false, "user_not_found", 0, []string{alice}},
		{"one bad among several, no force", bob + ",U404", false, "user_not_found", 1, []string{alice}},
		{"one bad among several, force", bob + ",U404," + alice, true, "user_not_found", 2, []string{alice, bob}},
		{"none", "", false, "no_user", 0, []string{alice}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := newFake(t)
			ch, err := s.CreateChannel("room", alice)
			if err != nil {
				t.Fatal(err)
			}
			body := url.Values{"channel": {ch.ID}, "users": {tt.users}}
			if tt.force {
				body.Set("force", "true")
			}
			_, _, out := call(t, srv, "conversations.invite", form, "xoxp-alice", body.Encode())
			if tt.wantErr == "" && out["ok"] != true || tt.wantErr != "" && out["error"] != tt.wantErr {
				t.Fatalf("got %v, want error %q", out, tt.wantErr)
			}
			errs, _ := out["errors"].([]any)
			if len(errs) != tt.wantErrors {
				t.Fatalf("errors array %v, want %d entries", out["errors"], tt.wantErrors)
			}
			got, _ := s.ChannelByName("room")
			if strings.Join(got.Members, ",") != strings.Join(tt.wantMembers, ",") {
				t.Fatalf("members %v, want %v", got.Members, tt.wantMembers)
			}
		})
	}
	// slack-go decodes the per-user errors.
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", alice, bob)
	_, err := api(srv, "xoxp-alice").InviteUsersToConversation(ch.ID, bob, "U404")
	var se slackgo.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "already_in_channel" || len(se.Errors) != 2 ||
		se.Errors[1].ConversationsInviteResponseError == nil || se.Errors[1].ConversationsInviteResponseError.User != "U404" {
		t.Fatalf("invite errors = %#v", err)
	}
}

func TestJoinSetTopicAndMembership(t *testing.T) {
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", bob)
	c := api(srv, "xoxp-alice")
	if _, err := c.SetTopicOfConversation(ch.ID, "x"); err == nil || err.Error() != "not_in_channel" {
		t.Fatalf("topic before joining: %v", err)
	}
	if _, _, err := c.PostMessage(ch.ID, slackgo.MsgOptionText("hi", false)); err == nil || err.Error() != "not_in_channel" {
		t.Fatalf("post before joining: %v", err)
	}
	if _, _, _, err := c.JoinConversation(ch.ID); err != nil {
		t.Fatal(err)
	}
	got, err := c.SetTopicOfConversation(ch.ID, "checkout errors")
	if err != nil || got.Topic.Value != "checkout errors" {
		t.Fatalf("topic = %+v, %v", got, err)
	}
	if _, err := c.SetTopicOfConversation(ch.ID, strings.Repeat("x", 251)); err == nil || err.Error() != "too_long" {
		t.Fatalf("long topic: %v", err)
	}
	_ = s.ArchiveChannel(ch.ID)
	if _, _, err := c.PostMessage(ch.ID, slackgo.MsgOptionText("hi", false)); err == nil || err.Error() != "is_archived" {
		t.Fatalf("post to archived: %v", err)
	}
}

func TestPostAndHistory(t *testing.T) {
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", alice)
	c := api(srv, "xoxp-alice")

	// Form body through slack-go: blocks and metadata are JSON strings.
	meta := slackgo.SlackMetadata{EventType: "warroom_test", EventPayload: map[string]any{"idempotency_key": "k1"}}
	_, ts1, err := c.PostMessage(ch.ID, slackgo.MsgOptionText("first", false), slackgo.MsgOptionMetadata(meta),
		slackgo.MsgOptionBlocks(slackgo.NewSectionBlock(slackgo.NewTextBlockObject("mrkdwn", "first", false, false), nil, nil,
			slackgo.SectionBlockOptionBlockID("marker-1"))))
	if err != nil {
		t.Fatal(err)
	}
	// JSON body: blocks and metadata are values.
	_, _, out := call(t, srv, "chat.postMessage", "application/json; charset=utf-8", "xoxp-alice",
		`{"channel":"#room","text":"second","blocks":[{"type":"section","block_id":"marker-2","text":{"type":"mrkdwn","text":"second"}}]}`)
	if out["ok"] != true || out["ts"] == "" {
		t.Fatalf("JSON post: %v", out)
	}
	if _, _, out := call(t, srv, "chat.postMessage", "application/json", "xoxp-alice", `{"channel":"room","text":"third"}`); out["warning"] != "missing_charset" {
		t.Fatalf("JSON without charset: %v", out)
	}
	for body, want := range map[string]string{
		`{"channel":"room"}`:                          "no_text",
		`{"channel":"nope","text":"x"}`:               "channel_not_found",
		`{"channel":"room","blocks":[{"text":"x"}]}`:  "invalid_blocks",
		`{"channel":"room","text":"x","metadata":{}}`: "invalid_metadata_format",
	} {
		if _, _, out := call(t, srv, "chat.postMessage", "application/json; charset=utf-8", "xoxp-alice", body); out["error"] != want {
			t.Errorf("post %s: %v, want %s", body, out, want)
		}
	}

	// Metadata only when asked for.
	h, err := c.GetConversationHistory(&slackgo.GetConversationHistoryParameters{ChannelID: ch.ID})
	if err != nil {
		t.Fatal(err)
	}
	last := h.Messages[len(h.Messages)-1]
	if last.Timestamp != ts1 || last.Metadata.EventType != "" || last.Blocks.BlockSet[0].ID() != "marker-1" {
		t.Fatalf("oldest message %+v: want ts %s, blocks, no metadata", last, ts1)
	}
	h, _ = c.GetConversationHistory(&slackgo.GetConversationHistoryParameters{ChannelID: ch.ID, IncludeAllMetadata: true})
	if got := h.Messages[len(h.Messages)-1].Metadata.EventPayload["idempotency_key"]; got != "k1" {
		t.Fatalf("metadata key = %v", got)
	}
	if got := h.Messages[0].Text; got != "third" {
		t.Fatalf("newest first: got %q", got)
	}
}

// chat.update edits the caller's own message in place, by channel id and ts,
// keeping the metadata and answering Slack's errors otherwise.
func TestUpdate(t *testing.T) {
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", alice)
	c := api(srv, "xoxp-alice")
	meta := slackgo.SlackMetadata{EventType: "warroom_test", EventPayload: map[string]any{"idempotency_key": "k1"}}
	_, ts, err := c.PostMessage(ch.ID, slackgo.MsgOptionText("first", false), slackgo.MsgOptionMetadata(meta))
	if err != nil {
		t.Fatal(err)
	}
	section := slackgo.NewSectionBlock(slackgo.NewTextBlockObject("mrkdwn", "*edited*", false, false), nil, nil)
	if _, gotTS, _, err := c.UpdateMessage(ch.ID, ts, slackgo.MsgOptionText("edited", false), slackgo.MsgOptionBlocks(section)); err != nil || gotTS != ts {
		t.Fatalf("update: ts %q, %v", gotTS, err)
	}
	msgs := s.Messages(ch.ID)
	if len(msgs) != 1 || msgs[0].Text != "edited" || msgs[0].Edits != 1 || len(msgs[0].Blocks) == 0 || len(msgs[0].Metadata) == 0 {
		t.Fatalf("after the update: %+v", msgs)
	}
	for _, tc := range []struct {
		name, token, channel, ts, want string
	}{
		{"channel by name", "xoxp-alice", "room", ts, "channel_not_found"},
		{"unknown ts", "xoxp-alice", ch.ID, "1.000001", "message_not_found"},
		{"someone else's message", "xoxp-bob", ch.ID, ts, "cant_update_message"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := api(srv, tc.token).UpdateMessage(tc.channel, tc.ts, slackgo.MsgOptionText("x", false))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestHistoryCursorIsStableWhileMessagesArrive(t *testing.T) {
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", alice)
	for i := range 5 {
		if _, err := s.Post(ch.ID, alice, "m"+string(rune('0'+i))); err != nil {
			t.Fatal(err)
		}
	}
	c := api(srv, "xoxp-alice")
	var texts []string
	params := &slackgo.GetConversationHistoryParameters{ChannelID: ch.ID, Limit: 2}
	for {
		h, err := c.GetConversationHistory(params)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range h.Messages {
			texts = append(texts, m.Text)
		}
		_, _ = s.Post(ch.ID, bob, "late") // newer than every page: never seen
		if !h.HasMore {
			break
		}
		params.Cursor = h.ResponseMetaData.NextCursor
	}
	if got := strings.Join(texts, ","); got != "m4,m3,m2,m1,m0" {
		t.Fatalf("history = %s", got)
	}
}

func TestFaults(t *testing.T) {
	s, srv := newFake(t)
	c := api(srv, "xoxp-alice")

	s.RateLimit("conversations.create", 1, 2*time.Second)
	status, hdr, out := call(t, srv, "conversations.create", form, "xoxp-alice", "name=room")
	if status != http.StatusTooManyRequests || hdr.Get("Retry-After") != "2" || out["error"] != "ratelimited" {
		t.Fatalf("rate limit: %d %v %v", status, hdr, out)
	}
	s.RateLimit("", 1, time.Second)
	_, err := c.CreateConversation(slackgo.CreateConversationParams{ChannelName: "room"})
	var rl *slackgo.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Fatalf("slack-go error %#v, want RateLimitedError 1s", err)
	}
	if len(s.Channels()) != 0 {
		t.Fatal("a rate-limited call changed state")
	}

	// A lost response: applied, then 500.
	s.Inject(fake.Fault{Method: "conversations.create", Status: http.StatusInternalServerError, AfterApply: true})
	_, err = c.CreateConversation(slackgo.CreateConversationParams{ChannelName: "room"})
	var sc slackgo.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != 500 || len(s.Channels()) != 1 {
		t.Fatalf("lost response: err %v, channels %d", err, len(s.Channels()))
	}
	if _, err = c.CreateConversation(slackgo.CreateConversationParams{ChannelName: "room"}); err == nil || err.Error() != "name_taken" {
		t.Fatalf("second create: %v", err)
	}

	s.Inject(fake.Fault{Method: "auth.test", Error: "internal_error", Times: 2})
	for range 2 {
		if _, err := c.AuthTest(); err == nil || err.Error() != "internal_error" {
			t.Fatalf("injected error: %v", err)
		}
	}
	if _, err := c.AuthTest(); err != nil {
		t.Fatalf("after the fault: %v", err)
	}
	if got := s.Calls("conversations.create"); got != 4 {
		t.Fatalf("create calls = %d, want 4 (rate-limited ones count)", got)
	}
}

func TestMissingScope(t *testing.T) {
	_, srv := newFake(t)
	_, _, out := call(t, srv, "conversations.create", form, "xoxp-alice-readonly", "name=room")
	if out["error"] != "missing_scope" || out["needed"] != "channels:write" {
		t.Fatalf("got %v", out)
	}
	if _, _, out := call(t, srv, "conversations.list", form, "xoxp-alice-readonly", ""); out["ok"] != true {
		t.Fatalf("granted scope refused: %v", out)
	}
}

func TestConcurrentPosts(t *testing.T) {
	s, srv := newFake(t)
	ch, _ := s.CreateChannel("room", alice)
	c := api(srv, "xoxp-alice")
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, _, err := c.PostMessageContext(context.Background(), ch.ID, slackgo.MsgOptionText("x", false)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, m := range s.Messages(ch.ID) {
		if seen[m.TS] {
			t.Fatalf("duplicate ts %s", m.TS)
		}
		seen[m.TS] = true
	}
	if len(seen) != 20 || s.Calls("chat.postMessage") != 20 {
		t.Fatalf("messages %d, calls %d", len(seen), s.Calls("chat.postMessage"))
	}
}
