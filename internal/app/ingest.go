package app

import (
	"time"

	"github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/ingest"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackin"
)

// authenticators builds each configured source's credential check.
func authenticators(sources config.Sources) map[string]ingest.Authenticator {
	out := make(map[string]ingest.Authenticator, len(sources))
	for name, s := range sources {
		switch s.Auth {
		case "bearer":
			out[name] = ingest.BearerToken{Token: s.Secret}
		case "hmac":
			out[name] = ingest.HMACSignature{Secret: []byte(s.Secret), SignatureHeader: s.SignatureHeader,
				TimestampHeader: s.TimestampHeader, MaxSkew: s.MaxSkew}
		}
	}
	return out
}

func slackPoll(cfg config.Config, in *intake.Intake) *intake.SlackPoll {
	var opts []slack.Option
	if cfg.Slack.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.Slack.APIURL))
	}
	interval := cfg.Slack.PollInterval
	if interval == 0 {
		interval = time.Minute
	}
	return &intake.SlackPoll{In: in, Interval: interval,
		Poller: &slackin.Poller{Client: slackin.NewClient(cfg.Slack.BotToken, opts...), Channels: cfg.Slack.PollChannels}}
}
