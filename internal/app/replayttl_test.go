package app

import (
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
)

// TestReplayTTLCoversTheWidestWindow: signatures are kept for twice the
// widest signed-timestamp window (plus a minute), never the old fixed 10m.
func TestReplayTTLCoversTheWidestWindow(t *testing.T) {
	cases := []struct {
		name    string
		sources config.Sources
		slack   bool
		want    time.Duration
	}{
		{"nothing signed: the intake default", config.Sources{"alertmanager": {Auth: "bearer"}}, false, 0},
		{"hmac without timestamp is not replay-guarded", config.Sources{"generic": {Auth: "hmac"}}, false, 0},
		{"default skew", config.Sources{"grafana": {Auth: "hmac", TimestampHeader: "X-Ts"}}, false, 11 * time.Minute},
		{"30m skew", config.Sources{"grafana": {Auth: "hmac", TimestampHeader: "X-Ts", MaxSkew: 30 * time.Minute},
			"generic": {Auth: "hmac", TimestampHeader: "X-Ts", MaxSkew: 2 * time.Minute}}, true, 61 * time.Minute},
		{"slack alone", nil, true, 11 * time.Minute},
		{"short skew still covers slack", config.Sources{"grafana": {Auth: "hmac", TimestampHeader: "X-Ts", MaxSkew: time.Minute}}, true, 11 * time.Minute},
	}
	for _, c := range cases {
		cfg := config.Config{}
		cfg.Sources = c.sources
		if c.slack {
			cfg.Slack.SigningSecret = "s"
		}
		if got := replayTTL(cfg); got != c.want {
			t.Errorf("%s: replayTTL = %s, want %s", c.name, got, c.want)
		}
	}
}
