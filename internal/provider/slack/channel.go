package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

const (
	maxChannelName = 80
	listPageSize   = 200 // Slack's recommended maximum for conversations.list
	// maxListPages bounds a channel search (200 000 channels): a cursor that
	// never ends must not loop forever.
	maxListPages = 1000
)

// ChannelName is the incident's war-room channel name, the same on every
// attempt and every replica: "inc-<yyyymmdd>-<8 hex>-<service slug>". The
// date and short id come from the incident id (a UUIDv7 carries its
// creation time; the last 8 hex digits are random), so two incidents of the
// same service never share a name. Non-UUID ids give "inc-<id or hash>-<slug>".
// The result has at most 80 characters from [a-z0-9-].
func ChannelName(inc facts.Incident) string {
	parts := []string{"inc"}
	if u, err := uuid.Parse(inc.ID); err == nil {
		if u.Version() == 7 {
			sec, nsec := u.Time().UnixTime()
			parts = append(parts, time.Unix(sec, nsec).UTC().Format("20060102"))
		}
		h := strings.ReplaceAll(u.String(), "-", "")
		parts = append(parts, h[len(h)-8:])
	} else if id := slug(inc.ID); id != "" && id == inc.ID && len(id) <= 16 {
		parts = append(parts, id)
	} else {
		// An id that is not already a short slug could collide once slugged.
		sum := sha256.Sum256([]byte(inc.ID))
		parts = append(parts, hex.EncodeToString(sum[:4]))
	}
	name := strings.Join(parts, "-")
	svc := slug(inc.Service)
	if svc == "" {
		svc = slug(inc.Title)
	}
	if room := maxChannelName - len(name) - 1; svc != "" && room > 0 {
		if len(svc) > room {
			svc = strings.TrimRight(svc[:room], "-")
		}
		if svc != "" {
			name += "-" + svc
		}
	}
	return name
}

// slug lower-cases s and keeps [a-z0-9], turning every other run into one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// findChannel pages through the public channels the token can see for one
// named name. found is false when there is none.
func (c *client) findChannel(ctx context.Context, name string) (ch slackgo.Channel, found bool, err error) {
	params := &slackgo.GetConversationsParameters{Types: []string{"public_channel"}, Limit: listPageSize}
	for range maxListPages {
		var page []slackgo.Channel
		var next string
		err := c.do(ctx, "list channels", func(ctx context.Context) error {
			var err error
			page, next, err = c.api.GetConversationsContext(ctx, params)
			return err
		})
		if err != nil {
			return ch, false, err
		}
		for _, p := range page {
			if p.Name == name {
				return p, true, nil
			}
		}
		if next == "" {
			return ch, false, nil
		}
		params.Cursor = next
	}
	return ch, false, fmt.Errorf("list channels: more than %d pages while looking for #%s", maxListPages, name)
}

// channelInfo reads one channel by id.
func (c *client) channelInfo(ctx context.Context, id string) (slackgo.Channel, error) {
	var ch *slackgo.Channel
	err := c.do(ctx, "channel info", func(ctx context.Context) error {
		var err error
		ch, err = c.api.GetConversationInfoContext(ctx, &slackgo.GetConversationInfoInput{ChannelID: id})
		return err
	})
	if err != nil {
		return slackgo.Channel{}, err
	}
	return *ch, nil
}

// incidentChannel finds the incident's war-room channel, else the fallback
// channel; it fails permanently when there is neither.
func (c *client) incidentChannel(ctx context.Context, inc facts.Incident) (slackgo.Channel, error) {
	name := ChannelName(inc)
	ch, found, err := c.findChannel(ctx, name)
	if err != nil {
		return ch, err
	}
	if found {
		return ch, nil
	}
	if c.p.fallback == "" {
		return ch, fmt.Errorf("no channel #%s for incident %s and no fallback channel configured: %w", name, inc.ID, action.ErrPermanent)
	}
	return c.channelInfo(ctx, c.p.fallback)
}

// ensureMember joins ch when the token's user is not in it, so it can post.
func (c *client) ensureMember(ctx context.Context, ch slackgo.Channel) (joined bool, err error) {
	if ch.IsArchived {
		return false, fmt.Errorf("channel #%s is archived: %w", ch.Name, action.ErrPermanent)
	}
	if ch.IsMember {
		return false, nil
	}
	err = c.do(ctx, "join #"+ch.Name, func(ctx context.Context) error {
		_, _, _, err := c.api.JoinConversationContext(ctx, ch.ID)
		return err
	})
	return err == nil, err
}
