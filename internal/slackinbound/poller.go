package slackinbound

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/incident"
)

// Poller reads new messages from channels with conversations.history, for
// deployments that cannot receive Events API requests.
type Poller struct {
	// Client is the Slack Web API client; NewClient builds one that sends
	// the token as "Authorization: Bearer".
	Client *slack.Client
	// Channels are the channel IDs PollAll reads.
	Channels []string
	// PageLimit is conversations.history's limit per page (default 200).
	PageLimit int
	// MaxRetries is how many times one request is retried after Slack
	// answers 429 (default 3).
	MaxRetries int
	// Wait sleeps for d or until ctx is done (default: a timer). Tests may
	// replace it.
	Wait func(ctx context.Context, d time.Duration) error
}

const (
	defaultPageLimit  = 200
	defaultMaxRetries = 3
	// defaultRetryAfter is used when Slack answers 429 without Retry-After.
	defaultRetryAfter = time.Second
	// maxPages guards against a server that keeps returning cursors.
	maxPages = 10000
)

// Poll returns the messages posted to channel after oldest (exclusive; ""
// means from the beginning), oldest first, following next_cursor pagination,
// and the newest ts seen (oldest when there are none) to pass as oldest next
// time. Thread replies are not included (conversations.history returns only
// channel-level messages and thread_broadcast replies).
//
// When Slack answers 429 the request is retried after Retry-After, at most
// MaxRetries times, and the wait ends early if ctx is done. Any error,
// including one on a later page, returns no messages and newest == oldest, so
// a caller that stores newest never skips messages. Slack's ok:false errors
// (channel_not_found, not_in_channel, invalid_auth, ...) are returned wrapped
// with the channel ID; ErrorCode extracts the code.
func (p *Poller) Poll(ctx context.Context, channel, oldest string) (msgs []Message, newest string, err error) {
	if p.Client == nil {
		return nil, oldest, errors.New("slackin: Poller has no Slack client")
	}
	limit := p.PageLimit
	if limit <= 0 {
		limit = defaultPageLimit
	}
	seen := map[string]bool{}
	cursor := ""
	for page := 0; ; page++ {
		if page >= maxPages {
			return nil, oldest, fmt.Errorf("slackin: conversations.history %s: more than %d pages", channel, maxPages)
		}
		resp, err := p.history(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: channel,
			Oldest:    oldest,
			Inclusive: false,
			Limit:     limit,
			Cursor:    cursor,
		})
		if err != nil {
			return nil, oldest, err
		}
		for _, sm := range resp.Messages {
			ts := sm.Timestamp
			// A ts that cannot be stored could never become the cursor.
			if ts == "" || incident.CheckText(ts) != nil || seen[ts] || (oldest != "" && !tsLess(oldest, ts)) {
				continue
			}
			seen[ts] = true
			msgs = append(msgs, Message{
				Channel:  channel,
				User:     sm.User,
				Text:     sm.Text,
				TS:       ts,
				ThreadTS: sm.ThreadTimestamp,
				BotID:    sm.BotID,
				Subtype:  sm.SubType,
			})
		}
		next := resp.ResponseMetaData.NextCursor
		if next == "" {
			break
		}
		if next == cursor {
			return nil, oldest, fmt.Errorf("slackin: conversations.history %s: server repeated cursor", channel)
		}
		cursor = next
	}
	sort.SliceStable(msgs, func(i, j int) bool { return tsLess(msgs[i].TS, msgs[j].TS) })
	newest = oldest
	if len(msgs) > 0 {
		newest = msgs[len(msgs)-1].TS
	}
	return msgs, newest, nil
}

// PollAll polls every channel in p.Channels, each after since[channel], and
// returns the messages (channels in p.Channels order, each oldest first) and
// the updated positions. A channel that fails keeps its previous position and
// the others are still polled; the failures are joined into err.
func (p *Poller) PollAll(ctx context.Context, since map[string]string) ([]Message, map[string]string, error) {
	next := make(map[string]string, len(since))
	for k, v := range since {
		next[k] = v
	}
	var all []Message
	var errs []error
	for _, ch := range p.Channels {
		msgs, newest, err := p.Poll(ctx, ch, since[ch])
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
			continue
		}
		all = append(all, msgs...)
		next[ch] = newest
	}
	return all, next, errors.Join(errs...)
}

func (p *Poller) history(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error) {
	maxRetries := p.MaxRetries
	if maxRetries <= 0 {
		maxRetries = defaultMaxRetries
	}
	for attempt := 0; ; attempt++ {
		resp, err := p.Client.GetConversationHistoryContext(ctx, params)
		if err == nil {
			return resp, nil
		}
		wait, limited := retryAfter(err)
		if !limited || attempt >= maxRetries {
			if limited {
				return nil, fmt.Errorf("slackin: conversations.history %s: still rate limited after %d retries: %w", params.ChannelID, maxRetries, err)
			}
			return nil, fmt.Errorf("slackin: conversations.history %s: %w", params.ChannelID, err)
		}
		if err := p.wait(ctx, wait); err != nil {
			return nil, fmt.Errorf("slackin: conversations.history %s: waiting %s for rate limit: %w", params.ChannelID, wait, err)
		}
	}
}

func retryAfter(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		if rl.RetryAfter <= 0 {
			return defaultRetryAfter, true
		}
		return rl.RetryAfter, true
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == http.StatusTooManyRequests {
		return defaultRetryAfter, true
	}
	return 0, false
}

func (p *Poller) wait(ctx context.Context, d time.Duration) error {
	if p.Wait != nil {
		return p.Wait(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// ErrorCode returns Slack's error code carried by err: the "error" of an
// ok:false response ("channel_not_found", "not_in_channel", "invalid_auth",
// ...), "ratelimited" for a 429, or "" for anything else.
func ErrorCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	if _, limited := retryAfter(err); limited {
		return "ratelimited"
	}
	return ""
}

// tsLess compares Slack timestamps ("1712345678.000200") numerically.
func tsLess(a, b string) bool {
	ai, af, _ := strings.Cut(a, ".")
	bi, bf, _ := strings.Cut(b, ".")
	ai = strings.TrimLeft(ai, "0")
	bi = strings.TrimLeft(bi, "0")
	if len(ai) != len(bi) {
		return len(ai) < len(bi)
	}
	if ai != bi {
		return ai < bi
	}
	for len(af) < len(bf) {
		af += "0"
	}
	for len(bf) < len(af) {
		bf += "0"
	}
	return af < bf
}
