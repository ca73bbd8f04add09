package slackinbound

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzEventSeeds are realistic Events API bodies (as Slack sends them) plus a
// few malformed ones, used as FuzzParseEvent's seed corpus.
var fuzzEventSeeds = []string{
	// url_verification handshake.
	`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`,

	// event_callback with a plain human message, including Block Kit blocks
	// (one of a type no library knows).
	messageEvent,

	// bot_message (no user, username + bot_id).
	`{"token":"XXYYZZ","team_id":"T0TEAM01","api_app_id":"A0APP01","type":"event_callback","event_id":"Ev0BOTMSG1","event_time":1712345680,
	  "event":{"type":"message","subtype":"bot_message","text":"[FIRING:1] HighErrorRate orders-api","ts":"1712345680.000300",
	    "username":"alertmanager","bot_id":"B0ALERTS1","app_id":"A0ALERTS","channel":"C0OPS001","event_ts":"1712345680.000300","channel_type":"channel",
	    "attachments":[{"fallback":"HighErrorRate","color":"danger","title":"HighErrorRate","text":"5xx > 5% for 5m","fields":[{"title":"severity","value":"page","short":true}]}]},
	  "authorizations":[{"enterprise_id":null,"team_id":"T0TEAM01","user_id":"U0BOT001","is_bot":true,"is_enterprise_install":false}],
	  "is_ext_shared_channel":false,"event_context":"4-bot"}`,

	// message_changed: the edited message is nested under "message".
	`{"token":"XXYYZZ","team_id":"T0TEAM01","api_app_id":"A0APP01","type":"event_callback","event_id":"Ev0EDIT001","event_time":1712345700,
	  "event":{"type":"message","subtype":"message_changed","hidden":true,"channel":"C0OPS001","channel_type":"channel","ts":"1712345700.000400","event_ts":"1712345700.000400",
	    "message":{"type":"message","user":"U0HUMAN1","text":"orders-api is returning 503s (edited: since 10:02)","ts":"1712345678.000200",
	      "edited":{"user":"U0HUMAN1","ts":"1712345700.000000"},"client_msg_id":"0d6f7e9a-1111-2222-3333-444455556666",
	      "blocks":[{"type":"rich_text","block_id":"b1","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"orders-api is returning 503s"}]}]}]},
	    "previous_message":{"type":"message","user":"U0HUMAN1","text":"orders-api is returning 503s","ts":"1712345678.000200"}}}`,

	// message_deleted.
	`{"token":"XXYYZZ","team_id":"T0TEAM01","api_app_id":"A0APP01","type":"event_callback","event_id":"Ev0DEL0001","event_time":1712345710,
	  "event":{"type":"message","subtype":"message_deleted","hidden":true,"channel":"C0OPS001","channel_type":"channel","ts":"1712345710.000500",
	    "deleted_ts":"1712345678.000200","event_ts":"1712345710.000500",
	    "previous_message":{"type":"message","user":"U0HUMAN1","text":"orders-api is returning 503s","ts":"1712345678.000200"}}}`,

	// app_mention.
	`{"token":"XXYYZZ","team_id":"T0TEAM01","api_app_id":"A0APP01","type":"event_callback","event_id":"Ev0MENTION1","event_time":1712345720,
	  "event":{"type":"app_mention","user":"U0HUMAN2","text":"<@U0BOT001> open an incident for checkout","ts":"1712345720.000600",
	    "channel":"C0OPS001","event_ts":"1712345720.000600","client_msg_id":"aa11bb22-cc33-dd44-ee55-ff6677889900",
	    "blocks":[{"type":"rich_text","block_id":"m1","elements":[{"type":"rich_text_section","elements":[{"type":"user","user_id":"U0BOT001"},{"type":"text","text":" open an incident for checkout"}]}]}]},
	  "authorizations":[{"enterprise_id":null,"team_id":"T0TEAM01","user_id":"U0BOT001","is_bot":true,"is_enterprise_install":false}],
	  "is_ext_shared_channel":false,"event_context":"4-mention"}`,

	// app_rate_limited.
	`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":"T123456","minute_rate_limited":1518467820,"api_app_id":"A123456"}`,

	// Thread reply (thread_ts set, no subtype) and a thread_broadcast.
	`{"token":"XXYYZZ","team_id":"T0TEAM01","api_app_id":"A0APP01","type":"event_callback","event_id":"Ev0REPLY01","event_time":1712345730,
	  "event":{"type":"message","channel":"C0OPS001","channel_type":"channel","user":"U0HUMAN2","text":"still failing after the rollback",
	    "ts":"1712345730.000700","thread_ts":"1712345678.000200","parent_user_id":"U0HUMAN1","event_ts":"1712345730.000700",
	    "client_msg_id":"12345678-aaaa-bbbb-cccc-ddddeeeeffff"}}`,
	`{"type":"event_callback","event_id":"Ev2","team_id":"T1","event":{"type":"message","subtype":"thread_broadcast","channel":"C1","user":"U1","text":"still failing","ts":"2.000001","thread_ts":"1.000001","event_ts":"2.000001"}}`,

	// Non-message inner event and an unknown outer type.
	`{"type":"event_callback","event_id":"Ev4","team_id":"T1","event":{"type":"reaction_added","user":"U1","reaction":"eyes","item":{"type":"message","channel":"C1","ts":"1.1"},"event_ts":"1.1"}}`,
	`{"type":"something_new","team_id":"T9"}`,

	// Malformed.
	``,
	`{"type":`,
	`[]`,
	`null`,
	`{"type":5}`,
	`{"challenge":"x"}`,
	`{"type":"url_verification"}`,
	`{"type":"event_callback","event_id":"Ev1"}`,
	`{"type":"event_callback","event_id":"Ev1","event":null}`,
	`{"type":"event_callback","event_id":"Ev1","event":{"text":"x"}}`,
	`{"type":"event_callback","event_id":"Ev1","event":"x"}`,
	`{"type":"event_callback","event_id":"Ev1","event_time":"soon","event":{"type":"message"}}`,
	`{"type":"event_callback","event":{"type":"message","user":42}}`,
}

func FuzzParseEvent(f *testing.F) {
	for _, s := range fuzzEventSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := ParseEvent(body)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("ParseEvent(%q) error %v does not wrap ErrMalformed", body, err)
			}
			return
		}
		if env.Type == "" {
			t.Fatalf("ParseEvent(%q) succeeded with an empty Type: %+v", body, env)
		}
		switch env.Type {
		case TypeURLVerification:
			if env.Challenge == "" {
				t.Fatalf("url_verification accepted without a challenge: %q", body)
			}
		case TypeEventCallback:
			if env.EventType == "" {
				t.Fatalf("event_callback accepted without an inner event type: %q", body)
			}
		}
		m := env.Message
		if m == nil {
			return
		}
		if env.Type != TypeEventCallback || (env.EventType != "message" && env.EventType != "app_mention") {
			t.Fatalf("Message set for Type %q EventType %q: %q", env.Type, env.EventType, body)
		}
		ok, why := m.FromHuman()
		if ok != (why == "") {
			t.Fatalf("FromHuman = %v, %q: a reason must be given exactly when false", ok, why)
		}
		if ok && m.BotID != "" {
			t.Fatalf("message with BotID %q classified as from a human: %q", m.BotID, body)
		}
	})
}

// fuzzNow is the fixed "now" FuzzVerify checks timestamps against.
var fuzzNow = time.Unix(1_800_000_000, 0)

func fuzzHeader(ts, sig string) http.Header {
	h := http.Header{}
	h.Set(HeaderTimestamp, ts)
	h.Set(HeaderSignature, sig)
	return h
}

func FuzzVerify(f *testing.F) {
	now := fuzzNow.Unix()
	body := []byte(messageEvent)
	for _, s := range []struct {
		body   []byte
		ts     int64
		secret string
		flip   byte
	}{
		{body, now, "8f742231b10e8888abcd99yyyzzz85a5", 0},
		{body, now - 299, "8f742231b10e8888abcd99yyyzzz85a5", 17},
		{body, now + 300, "s", 255},
		{body, now - 301, "8f742231b10e8888abcd99yyyzzz85a5", 3},
		{body, now + 360, "8f742231b10e8888abcd99yyyzzz85a5", 3},
		{[]byte(`{"type":"url_verification","challenge":"abc"}`), now, "", 1},
		{[]byte(`token=x&command=%2Fwarroom&text=checkout+is+down`), 0, "secret", 9},
		{nil, now, "secret", 0},
		{[]byte{0}, -1, "\x00", 200},
		// More than ~292 years from now: now.Sub saturates to the minimum
		// time.Duration, whose negation overflows.
		{body, 20_000_000_000, "8f742231b10e8888abcd99yyyzzz85a5", 5},
		{body, -9_223_372_036_854_775_808, "8f742231b10e8888abcd99yyyzzz85a5", 5},
		{body, 9_223_372_036_854_775_807, "8f742231b10e8888abcd99yyyzzz85a5", 5},
	} {
		f.Add(s.body, s.ts, s.secret, s.flip)
	}
	f.Fuzz(func(t *testing.T, body []byte, ts int64, secret string, flip byte) {
		// inWindow maps ts into [now-300, now+300], where a correctly signed
		// request must verify.
		inWindow := now - int64(MaxClockSkew/time.Second) + int64(uint64(ts)%uint64(2*MaxClockSkew/time.Second+1))
		// fresh reports whether ts itself is within the window (computed on
		// seconds, without overflow).
		fresh := ts >= now-int64(MaxClockSkew/time.Second) && ts <= now+int64(MaxClockSkew/time.Second)
		tsStr := strconv.FormatInt(ts, 10)

		// Arbitrary header values never panic and only fail with our errors.
		checkErr(t, "arbitrary headers", Verify(fuzzHeader(secret, string(body)), body, secret, fuzzNow), "")
		err := Verify(fuzzHeader(tsStr, "v0="+string(body)), body, secret, fuzzNow)
		if err == nil && "v0="+string(body) != Sign(secret, ts, body) {
			t.Fatalf("unsigned request verified: ts %d, body %q", ts, body)
		}
		checkErr(t, "arbitrary signature", err, Sign(secret, ts, body))

		if secret == "" {
			for _, at := range []int64{ts, inWindow} {
				err := Verify(fuzzHeader(strconv.FormatInt(at, 10), Sign("", at, body)), body, "", fuzzNow)
				if !errors.Is(err, ErrBadSignature) {
					t.Fatalf("empty secret at ts %d: Verify = %v, want ErrBadSignature", at, err)
				}
			}
			return
		}

		// Signed within the window: verifies.
		h := fuzzHeader(strconv.FormatInt(inWindow, 10), Sign(secret, inWindow, body))
		if err := Verify(h, body, secret, fuzzNow); err != nil {
			t.Fatalf("signed at ts %d (now %d): Verify = %v, want nil", inWindow, now, err)
		}

		// Any one-byte change to the body breaks the signature.
		if len(body) > 0 {
			tampered := bytes.Clone(body)
			tampered[int(flip)%len(tampered)] ^= 0xff
			err := Verify(h, tampered, secret, fuzzNow)
			if !errors.Is(err, ErrBadSignature) {
				t.Fatalf("body byte %d flipped: Verify = %v, want ErrBadSignature", int(flip)%len(body), err)
			}
			checkErr(t, "tampered", err, Sign(secret, inWindow, tampered))
		}

		// Signed at ts itself: verifies exactly when ts is within the window.
		// The timestamp is checked before the signature, so a stale request
		// is ErrStale even though its signature is valid.
		err = Verify(fuzzHeader(tsStr, Sign(secret, ts, body)), body, secret, fuzzNow)
		if fresh {
			if err != nil {
				t.Fatalf("signed at fresh ts %d (now %d): Verify = %v, want nil", ts, now, err)
			}
		} else if !errors.Is(err, ErrStale) {
			t.Fatalf("signed at stale ts %d (now %d): Verify = %v, want ErrStale", ts, now, err)
		}
	})
}

// checkErr fails if err is not nil, ErrBadSignature or ErrStale, or if a
// non-nil err contains the hex of the expected signature want (when given).
func checkErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	if err == nil {
		return
	}
	if !errors.Is(err, ErrBadSignature) && !errors.Is(err, ErrStale) {
		t.Fatalf("%s: Verify = %v, want ErrBadSignature or ErrStale", what, err)
	}
	if want := strings.TrimPrefix(want, "v0="); want != "" && strings.Contains(err.Error(), want) {
		t.Fatalf("%s: error leaks the expected signature: %v", what, err)
	}
}
