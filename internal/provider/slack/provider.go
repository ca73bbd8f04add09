// Package slack is WarRoom's coordination provider for Slack, over
// github.com/slack-go/slack. It has two executors that act as the approving
// engineer with their user token (war_room_channel, status_update), the
// approval request WarRoom's bot posts with Approve / Decline buttons, and
// ParseInteraction for the signed button clicks Slack sends back.
//
// Every effect is found again before it is redone: the war-room channel by
// its deterministic name (ChannelName), a posted message by a marker that
// carries the action's idempotency key (a block_id and the message
// metadata). Slack's errors map to action.ErrTokenExpired (invalid_auth,
// token_expired, not_authed, token_revoked), action.ErrPermanent (validation,
// not found, missing scope) or a plain retryable error (5xx, network); a 429
// is waited out inside the call up to Options.MaxRateLimitWait.
package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/ratelimit"
	"github.com/warroom/warroom/internal/slackinbound"
)

// ProviderName is the credential provider the executors ask the engine for.
const ProviderName = "slack"

// Action kinds served by this package (the catalogue's).
const (
	KindWarRoomChannel = action.WarRoomChannel
	KindStatusUpdate   = action.StatusUpdate
)

// User-token scopes, from the catalogue (Slack's names for xoxp- tokens;
// channels:manage and channels:join are their bot-token counterparts).
// channels:write covers creating, joining and setting the topic of public
// channels.
var (
	WarRoomScopes = scopesOf(KindWarRoomChannel)
	StatusScopes  = scopesOf(KindStatusUpdate)
	// BotScopes are what WarRoom's bot token needs to post approval requests.
	BotScopes = []string{"channels:read", "channels:join", "channels:history", "chat:write"}
)

func scopesOf(kind string) []string {
	s, _ := action.Lookup(kind)
	return s.Scopes
}

// ErrRateLimited marks a call Slack kept rate-limiting past
// Options.MaxRateLimitWait. It is retryable: the message says when.
var ErrRateLimited = errors.New("slack rate limited")

const (
	defaultBaseURL          = "https://slack.com"
	defaultMaxRateLimitWait = 30 * time.Second
	defaultTimeout          = 30 * time.Second
)

// Options configures the provider.
type Options struct {
	// BaseURL is Slack's origin ("" = https://slack.com); methods are under BaseURL/api/.
	BaseURL string
	// Brief resolves an incident's facts (required). Responders, titles and
	// links come from here, never from action params.
	Brief facts.Source
	// BotToken is WarRoom's own bot token (xoxb-), used only to post approval
	// requests: that is WarRoom speaking, not a person acting.
	BotToken action.Secret
	// FallbackChannel is a channel id used when an incident has no war-room
	// channel yet (approval requests, and status updates of incidents that
	// never got one). Empty means such calls fail.
	FallbackChannel string
	// HTTPClient is the client to copy (nil = a client with a 30s timeout).
	// Its transport is wrapped so the token travels only in the
	// Authorization header.
	HTTPClient *http.Client
	// MaxRateLimitWait bounds the total time one call waits on 429s before
	// giving up with a retryable ErrRateLimited (0 = 30s).
	MaxRateLimitWait time.Duration
}

// Provider holds the configuration shared by the executors and the bot.
type Provider struct {
	apiURL   string
	brief    facts.Source
	bot      action.Secret
	fallback string
	hc       http.Client
	maxWait  time.Duration
	// sleep waits for a Retry-After; tests replace it to observe the wait.
	sleep func(ctx context.Context, d time.Duration) error
}

// New validates opts and builds a Provider.
func New(opts Options) (*Provider, error) {
	if opts.Brief == nil {
		return nil, errors.New("slack provider: Brief is required")
	}
	base := opts.BaseURL
	if base == "" {
		base = defaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("slack provider: invalid base URL %q: want http(s)://host[/path]", base)
	}
	p := &Provider{
		apiURL:   strings.TrimSuffix(u.String(), "/") + "/api/",
		brief:    opts.Brief,
		bot:      opts.BotToken,
		fallback: opts.FallbackChannel,
		maxWait:  opts.MaxRateLimitWait,
		sleep:    ratelimit.Sleep,
	}
	if opts.HTTPClient != nil {
		p.hc = *opts.HTTPClient
	} else {
		p.hc.Timeout = defaultTimeout
	}
	if p.maxWait <= 0 {
		p.maxWait = defaultMaxRateLimitWait
	}
	return p, nil
}

// Executors returns the engine executors this package serves, by action kind.
func (p *Provider) Executors() map[string]action.Executor {
	return map[string]action.Executor{
		KindWarRoomChannel: p.WarRoomChannel(),
		KindStatusUpdate:   p.StatusUpdate(),
	}
}

// client is a slack-go client for one token and one call of an executor.
type client struct {
	p   *Provider
	api *slackgo.Client
}

// client builds a slack-go client that sends tok as a Bearer header only
// (slack-go otherwise puts it in form bodies).
func (p *Provider) client(tok action.Secret) *client {
	hc := p.hc
	hc.Transport = &slackinbound.BearerTransport{Token: tok.Reveal(), Base: p.hc.Transport}
	return &client{p: p, api: slackgo.New(tok.Reveal(), slackgo.OptionHTTPClient(&hc), slackgo.OptionAPIURL(p.apiURL))}
}

// do runs one Web API call, waiting out 429s (Retry-After) within the
// provider's budget and ctx, and maps the final error.
func (c *client) do(ctx context.Context, op string, call func(ctx context.Context) error) error {
	var waited time.Duration
	for {
		err := call(ctx)
		var rl *slackgo.RateLimitedError
		if !errors.As(err, &rl) {
			return classify(op, err)
		}
		wait := max(rl.RetryAfter, time.Second)
		if waited+wait > c.p.maxWait {
			return fmt.Errorf("%s: Slack asks to retry after %s, beyond the %s this call may wait: %w",
				op, wait, c.p.maxWait, ErrRateLimited)
		}
		if err := c.p.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: waiting %s for Slack's rate limit: %w", op, wait, err)
		}
		waited += wait
	}
}

// slackCode returns the Slack error code of err ("" when err is not an API error).
func slackCode(err error) string {
	var se slackgo.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}

// classify maps a Slack error: re-authorization, permanent, or retryable.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	var se slackgo.SlackErrorResponse
	if errors.As(err, &se) {
		// The Slack error stays in the chain so callers can read its code.
		switch se.Err {
		case "invalid_auth", "not_authed", "token_expired", "token_revoked":
			return fmt.Errorf("%s: Slack says %w: %w", op, se, action.ErrTokenExpired)
		case "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return fmt.Errorf("%s: Slack says %w (retryable)", op, se)
		case "missing_scope":
			return fmt.Errorf("%s: Slack says %w (needed %q): %w", op, se, se.Needed, action.ErrPermanent)
		default:
			return fmt.Errorf("%s: Slack says %w: %w", op, se, action.ErrPermanent)
		}
	}
	var sc slackgo.StatusCodeError
	if errors.As(err, &sc) {
		if sc.Code >= 500 || sc.Code == http.StatusRequestTimeout || sc.Code == http.StatusTooManyRequests {
			return fmt.Errorf("%s: Slack answered HTTP %d (retryable)", op, sc.Code)
		}
		return fmt.Errorf("%s: Slack answered HTTP %d: %w", op, sc.Code, action.ErrPermanent)
	}
	// Network failures and unreadable answers: try again later.
	return fmt.Errorf("%s: %w", op, err)
}
