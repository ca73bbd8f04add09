package slack_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
	wslack "github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/slackinbound"
)

const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// clickPayload is a block_actions payload as Slack sends it for a click on
// the button with actionID and value of the approval message.
func clickPayload(t *testing.T, typ, actionID, value string, withUser bool) string {
	t.Helper()
	p := map[string]any{
		"type": typ, "token": "legacy-verification-token", "api_app_id": "A0WARROOM", "trigger_id": "123.456.abc",
		"team":         map[string]any{"id": "T0WARROOM", "domain": "warroom-sandbox"},
		"container":    map[string]any{"type": "message", "message_ts": "1773480413.000100", "channel_id": "C5A000001", "is_ephemeral": false},
		"channel":      map[string]any{"id": "C5A000001", "name": roomName},
		"response_url": "https://hooks.slack.com/actions/T0WARROOM/1/abc",
		"actions": []any{map[string]any{
			"type": "button", "action_id": actionID, "block_id": "warroom_approval:" + value, "value": value,
			"text": map[string]any{"type": "plain_text", "text": "Approve"}, "action_ts": "1773480420.123456",
		}},
		"state": map[string]any{"values": map[string]any{}},
	}
	if withUser {
		p["user"] = map[string]any{"id": alice, "username": "alice", "team_id": "T0WARROOM"}
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func signedRequest(body string, ts int64, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/slack/interactivity", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set(slackinbound.HeaderTimestamp, strconv.FormatInt(ts, 10))
	r.Header.Set(slackinbound.HeaderSignature, slackinbound.Sign(secret, ts, []byte(body)))
	return r
}

func TestParseInteraction(t *testing.T) {
	now := time.Unix(1773480421, 0)
	form := func(payload string) string { return url.Values{"payload": {payload}}.Encode() }

	// The buttons come from ApprovalMessage itself, so a click round-trips.
	_, blocks := wslack.ApprovalMessage(approvalReq("ap-1", "high"))
	_, approvalButtons := buttons(t, blocks)
	approve, decline := approvalButtons[wslack.ActionApprove], approvalButtons[wslack.ActionDecline]

	good := form(clickPayload(t, "block_actions", approve.ActionID, approve.Value, true))
	tests := []struct {
		name    string
		req     func() *http.Request
		now     time.Time
		want    wslack.Interaction
		wantErr error
	}{
		{name: "approve", req: func() *http.Request { return signedRequest(good, now.Unix(), signingSecret) },
			want: wslack.Interaction{SlackUserID: alice, TeamID: "T0WARROOM", ApprovalID: "ap-1", Decision: incident.DecisionApproved,
				ResponseURL: "https://hooks.slack.com/actions/T0WARROOM/1/abc", ChannelID: "C5A000001", MessageTS: "1773480413.000100"}},
		{name: "decline", req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "block_actions", decline.ActionID, decline.Value, true)), now.Unix(), signingSecret)
		}, want: wslack.Interaction{SlackUserID: alice, TeamID: "T0WARROOM", ApprovalID: "ap-1", Decision: incident.DecisionDeclined,
			ResponseURL: "https://hooks.slack.com/actions/T0WARROOM/1/abc", ChannelID: "C5A000001", MessageTS: "1773480413.000100"}},
		{name: "at the edge of the window", now: now.Add(5 * time.Minute),
			req: func() *http.Request { return signedRequest(good, now.Unix(), signingSecret) },
			want: wslack.Interaction{SlackUserID: alice, TeamID: "T0WARROOM", ApprovalID: "ap-1", Decision: incident.DecisionApproved,
				ResponseURL: "https://hooks.slack.com/actions/T0WARROOM/1/abc", ChannelID: "C5A000001", MessageTS: "1773480413.000100"}},
		{name: "wrong secret", wantErr: wslack.ErrBadSignature,
			req: func() *http.Request { return signedRequest(good, now.Unix(), "another-secret") }},
		{name: "tampered body", wantErr: wslack.ErrBadSignature, req: func() *http.Request {
			signed := signedRequest(good, now.Unix(), signingSecret)
			r := httptest.NewRequest(http.MethodPost, "/slack/interactivity", strings.NewReader(strings.ReplaceAll(good, "ap-1", "ap-2")))
			r.Header = signed.Header
			return r
		}},
		{name: "unsigned", wantErr: wslack.ErrBadSignature, req: func() *http.Request {
			r := signedRequest(good, now.Unix(), signingSecret)
			r.Header.Del(slackinbound.HeaderSignature)
			return r
		}},
		{name: "stale timestamp", wantErr: wslack.ErrStale,
			req: func() *http.Request { return signedRequest(good, now.Add(-6*time.Minute).Unix(), signingSecret) }},
		{name: "timestamp from the future", wantErr: wslack.ErrStale,
			req: func() *http.Request { return signedRequest(good, now.Add(6*time.Minute).Unix(), signingSecret) }},
		// A genuine request captured and sent again later.
		{name: "replay of an old request", now: now.Add(5*time.Minute + time.Second), wantErr: wslack.ErrStale,
			req: func() *http.Request { return signedRequest(good, now.Unix(), signingSecret) }},
		{name: "wrong interaction type", wantErr: wslack.ErrUnknownAction, req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "view_submission", approve.ActionID, "ap-1", true)), now.Unix(), signingSecret)
		}},
		{name: "another button", wantErr: wslack.ErrUnknownAction, req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "block_actions", "warroom_open_incident", incID, true)), now.Unix(), signingSecret)
		}},
		{name: "missing approval id", wantErr: wslack.ErrMalformed, req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "block_actions", wslack.ActionApprove, "", true)), now.Unix(), signingSecret)
		}},
		{name: "approval id with spaces", wantErr: wslack.ErrMalformed, req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "block_actions", wslack.ActionApprove, "ap 1", true)), now.Unix(), signingSecret)
		}},
		{name: "no user", wantErr: wslack.ErrMalformed, req: func() *http.Request {
			return signedRequest(form(clickPayload(t, "block_actions", wslack.ActionApprove, "ap-1", false)), now.Unix(), signingSecret)
		}},
		{name: "no payload field", wantErr: wslack.ErrMalformed,
			req: func() *http.Request { return signedRequest("other=1", now.Unix(), signingSecret) }},
		{name: "payload not JSON", wantErr: wslack.ErrMalformed,
			req: func() *http.Request { return signedRequest(form("{not json"), now.Unix(), signingSecret) }},
		{name: "JSON body", wantErr: wslack.ErrMalformed, req: func() *http.Request {
			r := signedRequest(good, now.Unix(), signingSecret)
			r.Header.Set("Content-Type", "application/json")
			return r
		}},
		{name: "GET", wantErr: wslack.ErrMalformed, req: func() *http.Request {
			r := signedRequest(good, now.Unix(), signingSecret)
			r.Method = http.MethodGet
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := now
			if !tt.now.IsZero() {
				at = tt.now
			}
			got, err := wslack.ParseInteraction(tt.req(), signingSecret, at)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), signingSecret) {
					t.Fatal("error leaks the signing secret")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	if _, err := wslack.ParseInteraction(signedRequest(good, now.Unix(), signingSecret), "", now); !errors.Is(err, wslack.ErrBadSignature) {
		t.Fatalf("empty secret: %v", err)
	}
}
