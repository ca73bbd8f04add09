package slackinbound

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/warroom/warroom/internal/incident"
)

// ErrMalformed: the body is not a Slack Events API payload (invalid JSON,
// no "type", a url_verification without a challenge, or an event_callback
// without an inner event type).
var ErrMalformed = errors.New("slackin: malformed Slack event payload")

// Outer payload types (values of Envelope.Type).
const (
	TypeURLVerification = slackevents.URLVerification // "url_verification"
	TypeEventCallback   = slackevents.CallbackEvent   // "event_callback"
	TypeAppRateLimited  = slackevents.AppRateLimited  // "app_rate_limited"
)

// Envelope is the outer Events API payload.
type Envelope struct {
	// Type is "url_verification", "event_callback", "app_rate_limited" or
	// whatever other type Slack sent.
	Type string
	// Challenge is set for url_verification: reply 200 with it.
	Challenge string
	// EventID is the globally unique id of an event_callback; use it to
	// deduplicate Slack's retries.
	EventID string
	TeamID  string
	// EventTime is event_callback's event_time (unix seconds).
	EventTime int64
	// EventType is the inner event's type for event_callback ("message",
	// "app_mention", "reaction_added", ...).
	EventType string
	// MinuteRateLimited is app_rate_limited's minute_rate_limited (unix
	// seconds of the throttled minute).
	MinuteRateLimited int64
	// Message is set when the inner event is a "message" or "app_mention"
	// event. The same human message can arrive as both (with different
	// EventIDs); deduplicate on Channel+TS if subscribed to both.
	Message *Message
}

// Message is a Slack message, from an event or from conversations.history.
type Message struct {
	Channel     string
	ChannelType string // channel, group, im, mpim, app_home ("" from history)
	User        string
	Text        string
	TS          string
	ThreadTS    string
	BotID       string
	Subtype     string
	EventTS     string // "" from history
}

// wireMessage is the inner message event as Slack sends it. (slackevents'
// MessageEvent also decodes Block Kit blocks, which the classifier does not
// need and which would make parsing fail on block types the library does not
// know yet; only the plain fields are decoded here.)
type wireMessage struct {
	Type        string `json:"type"`
	Channel     string `json:"channel"`
	ChannelType string `json:"channel_type"`
	User        string `json:"user"`
	Text        string `json:"text"`
	TS          string `json:"ts"`
	ThreadTS    string `json:"thread_ts"`
	BotID       string `json:"bot_id"`
	Subtype     string `json:"subtype"`
	EventTS     string `json:"event_ts"`
}

// ParseEvent parses an Events API request body (after Verify). Slack's
// legacy verification token in the payload is not checked: the request
// signature supersedes it.
func ParseEvent(body []byte) (Envelope, error) {
	env, err := parseEvent(body)
	if err != nil {
		return Envelope{}, err
	}
	if env.Message != nil {
		if err := env.Message.CheckText(); err != nil {
			return Envelope{}, fmt.Errorf("%w: event.%v", ErrMalformed, err)
		}
	}
	// The body is stored with the report; encoding/json replaced invalid
	// UTF-8 in the fields above silently, and PostgreSQL refuses it.
	if err := incident.CheckJSONText(body); err != nil {
		return Envelope{}, fmt.Errorf("%w: body: %v", ErrMalformed, err)
	}
	return env, nil
}

func parseEvent(body []byte) (Envelope, error) {
	var head struct {
		Type   string `json:"type"`
		TeamID string `json:"team_id"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return Envelope{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if head.Type == "" {
		return Envelope{}, fmt.Errorf("%w: no type", ErrMalformed)
	}
	env := Envelope{Type: head.Type, TeamID: head.TeamID}

	switch head.Type {
	case TypeURLVerification:
		var v slackevents.EventsAPIURLVerificationEvent
		if err := json.Unmarshal(body, &v); err != nil {
			return Envelope{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		if v.Challenge == "" {
			return Envelope{}, fmt.Errorf("%w: url_verification without challenge", ErrMalformed)
		}
		env.Challenge = v.Challenge

	case TypeEventCallback:
		var cb slackevents.EventsAPICallbackEvent
		if err := json.Unmarshal(body, &cb); err != nil {
			return Envelope{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		if cb.InnerEvent == nil {
			return Envelope{}, fmt.Errorf("%w: event_callback without event", ErrMalformed)
		}
		var inner wireMessage
		if err := json.Unmarshal(*cb.InnerEvent, &inner); err != nil {
			return Envelope{}, fmt.Errorf("%w: inner event: %v", ErrMalformed, err)
		}
		if inner.Type == "" {
			return Envelope{}, fmt.Errorf("%w: inner event without type", ErrMalformed)
		}
		env.EventID = cb.EventID
		env.TeamID = cb.TeamID
		env.EventTime = int64(cb.EventTime)
		env.EventType = inner.Type
		if inner.Type == "message" || inner.Type == "app_mention" {
			env.Message = &Message{
				Channel:     inner.Channel,
				ChannelType: inner.ChannelType,
				User:        inner.User,
				Text:        inner.Text,
				TS:          inner.TS,
				ThreadTS:    inner.ThreadTS,
				BotID:       inner.BotID,
				Subtype:     inner.Subtype,
				EventTS:     inner.EventTS,
			}
		}

	case TypeAppRateLimited:
		var rl slackevents.EventsAPIAppRateLimited
		if err := json.Unmarshal(body, &rl); err != nil {
			return Envelope{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		env.MinuteRateLimited = int64(rl.MinuteRateLimited)
	}
	return env, nil
}

// CheckText reports a field that cannot be stored as text on every engine
// (a NUL character), naming it: "text: contains a NUL character".
func (m Message) CheckText() error {
	for _, f := range []struct{ name, v string }{{"channel", m.Channel}, {"user", m.User}, {"text", m.Text},
		{"ts", m.TS}, {"thread_ts", m.ThreadTS}, {"bot_id", m.BotID}, {"subtype", m.Subtype}, {"event_ts", m.EventTS}} {
		if err := incident.CheckText(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// FromHuman reports whether the message is a new message written by a
// person, and if not, why. Bot posts (bot_id or subtype bot_message), edits
// (message_changed), deletions (message_deleted), joins/leaves and every other
// subtype are rejected; plain messages, thread_broadcast (a reply also sent to
// the channel) and file_share (a message with an attachment) are accepted when
// they have an author and non-empty text.
func (m Message) FromHuman() (bool, string) {
	if m.BotID != "" {
		return false, "posted by a bot (bot_id " + m.BotID + ")"
	}
	switch m.Subtype {
	case "", "thread_broadcast", "file_share":
	case "bot_message":
		return false, "bot message"
	case "message_changed":
		return false, "edit of an earlier message"
	case "message_deleted":
		return false, "message deletion"
	case "channel_join", "channel_leave", "group_join", "group_leave", "member_joined_channel", "member_left_channel":
		return false, "member joined or left the channel"
	default:
		return false, fmt.Sprintf("message subtype %q is not a person's message", m.Subtype)
	}
	if m.User == "" {
		return false, "message has no author"
	}
	if strings.TrimSpace(m.Text) == "" {
		return false, "message has no text"
	}
	return true, ""
}
