package app

import (
	"cmp"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/webhook"
)

// authenticators builds each configured source's credential check.
func authenticators(sources config.Sources) map[string]webhook.Authenticator {
	out := make(map[string]webhook.Authenticator, len(sources))
	for name, s := range sources {
		switch s.Auth {
		case "bearer":
			out[name] = webhook.BearerToken{Token: s.Secret}
		case "hmac":
			out[name] = webhook.HMACSignature{Secret: []byte(s.Secret), SignatureHeader: s.SignatureHeader,
				TimestampHeader: s.TimestampHeader, MaxSkew: s.MaxSkew}
		}
	}
	return out
}

// replayTTL is how long accepted signatures are kept: long enough for the
// widest signed-timestamp window configured (an HMAC source's max_skew, or
// Slack's fixed five minutes), since a signature is refused as a replay
// only while it is remembered.
func replayTTL(cfg config.Config) time.Duration {
	widest := time.Duration(0)
	for _, s := range cfg.Sources {
		if s.Auth != "hmac" || s.TimestampHeader == "" {
			continue // no signed timestamp: not replay-guarded
		}
		widest = max(widest, cmp.Or(s.MaxSkew, webhook.DefaultMaxSkew))
	}
	if cfg.Slack.SigningSecret != "" {
		widest = max(widest, slackinbound.MaxClockSkew)
	}
	if widest == 0 {
		return 0 // the intake's default
	}
	return intake.ReplayTTLFor(widest)
}

// intakeOptions are the ingestion settings, shared by the intake and the
// grouping step.
func intakeOptions(cfg config.Config, d store.Dialect, log *slog.Logger, reg prometheus.Registerer) intake.Options {
	committers := 1
	if d == store.Postgres {
		committers = 2 // PostgreSQL commits in parallel; SQLite has one writer
	}
	return intake.Options{Team: cfg.Team, Window: cfg.Ingest.GroupWindow, Logger: log, Registerer: reg,
		Committers: committers, ReplayTTL: replayTTL(cfg)}
}

func slackPoll(cfg config.Config, st *store.Store, log *slog.Logger) *intake.SlackPoll {
	var opts []slack.Option
	if cfg.Slack.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.Slack.APIURL))
	}
	interval := cfg.Slack.PollInterval
	if interval == 0 {
		interval = time.Minute
	}
	return &intake.SlackPoll{Store: st, Interval: interval, Logger: log,
		Poller: &slackinbound.Poller{Client: slackinbound.NewClient(cfg.Slack.BotToken, opts...), Channels: cfg.Slack.PollChannels}}
}
