package intake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// fakeHistory serves conversations.history as Slack does: newest first,
// messages strictly after `oldest`.
type fakeHistory struct {
	mu       sync.Mutex
	messages []map[string]any // oldest first
	oldest   []string         // the oldest parameter of each call
}

func (f *fakeHistory) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer xoxb-test" {
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	oldest := r.Form.Get("oldest")
	f.oldest = append(f.oldest, oldest)
	var out []map[string]any
	for i := len(f.messages) - 1; i >= 0; i-- {
		if m := f.messages[i]; oldest == "" || m["ts"].(string) > oldest {
			out = append(out, m)
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "messages": out, "has_more": false,
		"response_metadata": map[string]string{"next_cursor": ""}})
}

func (f *fakeHistory) post(ts, user, text, botID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]any{"type": "message", "ts": ts, "user": user, "text": text}
	if botID != "" {
		m["bot_id"], m["subtype"] = botID, "bot_message"
	}
	f.messages = append(f.messages, m)
}

func TestSlackPollStoresNewHumanMessagesOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		h := newHarness(t, d)
		ctx := context.Background()
		fake := &fakeHistory{}
		srv := httptest.NewServer(fake)
		t.Cleanup(srv.Close)
		poll := &intake.SlackPoll{Store: h.st, Interval: time.Minute, Poller: &slackinbound.Poller{
			Client: slackinbound.NewClient("xoxb-test", slack.OptionAPIURL(srv.URL+"/")), Channels: []string{"C0OPS"}}}

		start := h.clk.now().Unix()
		fake.post("1000.000001", "U1", "checkout-api was down last year", "") // history before WarRoom looked
		if err := poll.PollOnce(ctx, h.eng); err != nil {
			t.Fatal(err)
		}
		if len(fake.oldest) != 0 {
			t.Fatal("the first poll of a channel must not read its history")
		}
		cursor, _ := h.st.SlackCursor(ctx, "C0OPS")
		if cursor == "" {
			t.Fatal("first poll left no cursor")
		}

		newTS := func(off int) string { return fmt.Sprintf("%d.000100", start+int64(off)) }
		fake.post(newTS(5), "U2", "checkout-api is down, customers see 502", "")
		fake.post(newTS(6), "", "deploy finished", "B0BOT")
		fake.post(newTS(7), "U3", "lunch?", "")
		if err := poll.PollOnce(ctx, h.eng); err != nil {
			t.Fatal(err)
		}
		// The Events API delivers one of the same messages: not stored twice.
		dup := store.Report{ID: "events-copy", Source: "slack", Channel: "C0OPS", TS: newTS(5), EventID: "Ev9", User: "U2",
			Text: "checkout-api is down, customers see 502", ReceivedAt: h.clk.now()}
		if stored, err := h.in.AcceptReport(ctx, dup, ""); err != nil || stored {
			t.Fatalf("events copy of a polled message: stored %v err %v", stored, err)
		}
		// Polling again finds nothing new.
		if err := poll.PollOnce(ctx, h.eng); err != nil {
			t.Fatal(err)
		}
		if last := fake.oldest[len(fake.oldest)-1]; last != newTS(7) {
			t.Fatalf("third poll asked for messages after %s, want %s", last, newTS(7))
		}
		h.settle(t)
		reports, err := h.st.ListReports(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(reports) != 2 {
			t.Fatalf("stored %d reports, want 2 (the bot message and old history are skipped)", len(reports))
		}
		decisions := map[string]string{}
		for _, r := range reports {
			decisions[r.Text] = r.Decision
		}
		if decisions["checkout-api is down, customers see 502"] != "incident" || decisions["lunch?"] != "chatter" {
			t.Fatalf("decisions = %v", decisions)
		}

		// A Slack error keeps the cursor where it was.
		bad := &intake.SlackPoll{Store: h.st, Interval: time.Minute, Poller: &slackinbound.Poller{
			Client: slackinbound.NewClient("xoxb-revoked", slack.OptionAPIURL(srv.URL+"/")), Channels: []string{"C0OPS"}}}
		if err := bad.PollOnce(ctx, h.eng); err == nil {
			t.Fatal("invalid_auth was not reported")
		}
		if c, _ := h.st.SlackCursor(ctx, "C0OPS"); c != newTS(7) {
			t.Fatalf("cursor after a failed poll = %s, want %s", c, newTS(7))
		}
	})
}
