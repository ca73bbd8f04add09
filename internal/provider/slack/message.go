package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"

	slackgo "github.com/slack-go/slack"
)

const (
	historyPageSize = 200
	// maxHistoryPages bounds the search for an earlier post (10 000
	// messages): marked posts are early in a war room or recent elsewhere.
	maxHistoryPages = 50
	maxBlockID      = 255
	// metaKey is the metadata payload field that carries the idempotency key.
	metaKey = "idempotency_key"
)

// Metadata event types of WarRoom's messages.
const (
	EventSummary  = "warroom_incident_summary"
	EventStatus   = "warroom_status_update"
	EventApproval = "warroom_approval_request"
)

// markerID is the block_id that carries key on a posted message. Block ids
// survive in conversations.history whether or not the token may read
// metadata, so they are the marker that is always there.
func markerID(key string) string {
	m := "warroom:" + key
	if len(m) > maxBlockID {
		sum := sha256.Sum256([]byte(key))
		m = "warroom:sha256:" + hex.EncodeToString(sum[:])
	}
	return m
}

// findMarked looks through a channel's history, newest first, for a message
// carrying key (its marker block id or metadata); it returns its ts.
func (c *client) findMarked(ctx context.Context, channelID, key string) (ts string, found bool, err error) {
	params := &slackgo.GetConversationHistoryParameters{ChannelID: channelID, Limit: historyPageSize, IncludeAllMetadata: true}
	blockID := markerID(key)
	for range maxHistoryPages {
		var resp *slackgo.GetConversationHistoryResponse
		err := c.do(ctx, "read channel history", func(ctx context.Context) error {
			var err error
			resp, err = c.api.GetConversationHistoryContext(ctx, params)
			return err
		})
		if err != nil {
			return "", false, err
		}
		for _, m := range resp.Messages {
			if carries(m, blockID, key) {
				return m.Timestamp, true, nil
			}
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			return "", false, nil
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	return "", false, nil
}

func carries(m slackgo.Message, blockID, key string) bool {
	if v, _ := m.Metadata.EventPayload[metaKey].(string); v == key {
		return true
	}
	for _, b := range m.Blocks.BlockSet {
		if b != nil && b.ID() == blockID {
			return true
		}
	}
	return false
}

// post sends one message and returns its ts.
func (c *client) post(ctx context.Context, op, channelID string, opts ...slackgo.MsgOption) (string, error) {
	var ts string
	err := c.do(ctx, op, func(ctx context.Context) error {
		var err error
		_, ts, err = c.api.PostMessageContext(ctx, channelID, opts...)
		return err
	})
	return ts, err
}

// postOnce posts unless a message carrying key is already in the channel.
func (c *client) postOnce(ctx context.Context, op, channelID, key string, opts ...slackgo.MsgOption) (ts string, reused bool, err error) {
	ts, found, err := c.findMarked(ctx, channelID, key)
	if err != nil || found {
		return ts, found, err
	}
	ts, err = c.post(ctx, op, channelID, opts...)
	return ts, false, err
}

// escape makes text safe inside mrkdwn: Slack reads &, < and > as markup.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// link renders an http(s) URL as a mrkdwn link, or "" for anything else.
func link(raw, label string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return "<" + strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C").Replace(u.String()) + "|" + escape(label) + ">"
}

// truncate cuts s to at most n runes, marking the cut.

func mrkdwn(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.MarkdownType, s, false, false)
}

func plain(s string) *slackgo.TextBlockObject {
	return slackgo.NewTextBlockObject(slackgo.PlainTextType, s, false, false)
}

// mention is how a person appears in a message: a Slack mention when their
// id is known, else their name or handle.
func mention(slackID, name, handle string) string {
	switch {
	case slackID != "":
		return "<@" + slackID + ">"
	case name != "":
		return escape(name)
	default:
		return "@" + escape(handle)
	}
}
