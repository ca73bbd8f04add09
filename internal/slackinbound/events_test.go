package slackinbound

import (
	"errors"
	"testing"
)

func TestParseEventURLVerification(t *testing.T) {
	env, err := ParseEvent([]byte(`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`))
	if err != nil {
		t.Fatal(err)
	}
	if env.Type != TypeURLVerification || env.Challenge != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" || env.Message != nil {
		t.Fatalf("%+v", env)
	}
}

const messageEvent = `{
  "token": "XXYYZZ", "team_id": "T0TEAM01", "api_app_id": "A0APP01", "context_enterprise_id": null,
  "event": {
    "type": "message", "channel": "C0OPS001", "channel_type": "channel", "user": "U0HUMAN1",
    "text": "<!here> orders-api is returning 503s", "ts": "1712345678.000200", "event_ts": "1712345678.000200",
    "client_msg_id": "0d6f7e9a-1111-2222-3333-444455556666",
    "blocks": [{"type": "rich_text", "block_id": "b1", "elements": [{"type": "rich_text_section",
      "elements": [{"type": "broadcast", "range": "here"}, {"type": "text", "text": " orders-api is returning 503s"}]}]},
      {"type": "some_future_block", "whatever": {"x": 1}}]
  },
  "type": "event_callback", "event_id": "Ev0TESTEVT1", "event_time": 1712345678,
  "authorizations": [{"enterprise_id": null, "team_id": "T0TEAM01", "user_id": "U0BOT001", "is_bot": true, "is_enterprise_install": false}],
  "is_ext_shared_channel": false, "event_context": "4-abc"
}`

func TestParseEventMessage(t *testing.T) {
	env, err := ParseEvent([]byte(messageEvent))
	if err != nil {
		t.Fatal(err)
	}
	if env.Type != TypeEventCallback || env.EventID != "Ev0TESTEVT1" || env.TeamID != "T0TEAM01" ||
		env.EventType != "message" || env.EventTime != 1712345678 {
		t.Fatalf("envelope %+v", env)
	}
	m := env.Message
	want := Message{Channel: "C0OPS001", ChannelType: "channel", User: "U0HUMAN1",
		Text: "<!here> orders-api is returning 503s", TS: "1712345678.000200", EventTS: "1712345678.000200"}
	if m == nil || *m != want {
		t.Fatalf("message %+v, want %+v", m, want)
	}
	if ok, why := m.FromHuman(); !ok {
		t.Fatalf("FromHuman = false (%s)", why)
	}
}

func TestParseEventThreadReply(t *testing.T) {
	env, err := ParseEvent([]byte(`{"type":"event_callback","event_id":"Ev2","team_id":"T1","event":{"type":"message","subtype":"thread_broadcast","channel":"C1","user":"U1","text":"still failing","ts":"2.000001","thread_ts":"1.000001","event_ts":"2.000001"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if env.Message.ThreadTS != "1.000001" || env.Message.Subtype != "thread_broadcast" {
		t.Fatalf("%+v", env.Message)
	}
	if ok, why := env.Message.FromHuman(); !ok {
		t.Fatalf("thread_broadcast should be human: %s", why)
	}
}

func TestParseEventNonHuman(t *testing.T) {
	cases := map[string]string{
		"bot_id":      `{"type":"message","channel":"C1","bot_id":"B0BOT1","text":"Deploy finished","ts":"1.1","event_ts":"1.1"}`,
		"bot_message": `{"type":"message","subtype":"bot_message","channel":"C1","username":"alertbot","text":"FIRING","ts":"1.1","event_ts":"1.1"}`,
		"edit": `{"type":"message","subtype":"message_changed","hidden":true,"channel":"C1","ts":"1.2","event_ts":"1.2",
			"message":{"type":"message","user":"U1","text":"checkout is down (edited)","ts":"1.1","edited":{"user":"U1","ts":"1.2"}},
			"previous_message":{"type":"message","user":"U1","text":"checkout is down","ts":"1.1"}}`,
		"deletion":   `{"type":"message","subtype":"message_deleted","hidden":true,"channel":"C1","ts":"1.3","deleted_ts":"1.1","event_ts":"1.3"}`,
		"join":       `{"type":"message","subtype":"channel_join","channel":"C1","user":"U2","text":"<@U2> has joined the channel","ts":"1.4","event_ts":"1.4"}`,
		"topic":      `{"type":"message","subtype":"channel_topic","channel":"C1","user":"U2","text":"set the topic","ts":"1.5","event_ts":"1.5"}`,
		"empty text": `{"type":"message","channel":"C1","user":"U2","text":"   ","ts":"1.6","event_ts":"1.6"}`,
	}
	for name, inner := range cases {
		t.Run(name, func(t *testing.T) {
			env, err := ParseEvent([]byte(`{"type":"event_callback","event_id":"Ev3","team_id":"T1","event":` + inner + `}`))
			if err != nil {
				t.Fatal(err)
			}
			if env.Message == nil {
				t.Fatal("no message")
			}
			ok, why := env.Message.FromHuman()
			if ok || why == "" {
				t.Fatalf("FromHuman = %v, %q; want false with a reason", ok, why)
			}
		})
	}
	// file_share with text is a person's message.
	ok, _ := Message{User: "U1", Text: "screenshot of the 502 page", Subtype: "file_share"}.FromHuman()
	if !ok {
		t.Error("file_share should be human")
	}
}

func TestParseEventOtherTypes(t *testing.T) {
	env, err := ParseEvent([]byte(`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":"T123456","minute_rate_limited":1518467820,"api_app_id":"A123456"}`))
	if err != nil {
		t.Fatal(err)
	}
	if env.Type != TypeAppRateLimited || env.TeamID != "T123456" || env.MinuteRateLimited != 1518467820 || env.Message != nil {
		t.Fatalf("%+v", env)
	}

	env, err = ParseEvent([]byte(`{"type":"event_callback","event_id":"Ev4","team_id":"T1","event":{"type":"reaction_added","user":"U1","reaction":"eyes","event_ts":"1.1"}}`))
	if err != nil || env.EventType != "reaction_added" || env.Message != nil {
		t.Fatalf("%+v, %v", env, err)
	}

	env, err = ParseEvent([]byte(`{"type":"something_new","team_id":"T9"}`))
	if err != nil || env.Type != "something_new" || env.TeamID != "T9" {
		t.Fatalf("%+v, %v", env, err)
	}
}

func TestParseEventMalformed(t *testing.T) {
	for name, body := range map[string]string{
		"not json":            `{"type":`,
		"empty":               ``,
		"array":               `[]`,
		"no type":             `{"challenge":"x"}`,
		"type not string":     `{"type":5}`,
		"challenge missing":   `{"type":"url_verification"}`,
		"callback no event":   `{"type":"event_callback","event_id":"Ev1"}`,
		"inner without type":  `{"type":"event_callback","event_id":"Ev1","event":{"text":"x"}}`,
		"inner not an object": `{"type":"event_callback","event_id":"Ev1","event":"x"}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseEvent([]byte(body)); !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
		})
	}
}
