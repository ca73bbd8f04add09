// Package demo is `warroom demo`: every external system WarRoom talks to,
// served in-process on loopback with the real APIs' wire shapes (the
// sandbox providers), a demo team with a repository history and known
// issues, and a configuration that points WarRoom at all of it. Nothing
// leaves the machine.
package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	gcalsandbox "github.com/warroom/warroom/internal/sandbox/gcal"
	ghsandbox "github.com/warroom/warroom/internal/sandbox/github"
	"github.com/warroom/warroom/internal/sandbox/observability"
	pdsandbox "github.com/warroom/warroom/internal/sandbox/pagerduty"
	slacksandbox "github.com/warroom/warroom/internal/sandbox/slack"
	smtpsandbox "github.com/warroom/warroom/internal/sandbox/smtp"
	zoomsandbox "github.com/warroom/warroom/internal/sandbox/zoom"
)

// AlertToken is the demo Alertmanager source's bearer token.
const AlertToken = "demo-alertmanager-token"

// SlackSigningSecret signs the sandbox's Slack requests (button clicks).
const SlackSigningSecret = "demo-slack-signing-secret"

// routingKey is checkout-api's PagerDuty integration key in the sandbox.
const routingKey = "0123456789abcdef0123456789abcdef"

// Sandbox is the set of in-process providers.
type Sandbox struct {
	URL       string // the providers' origin, e.g. http://127.0.0.1:41234
	GitHub    *ghsandbox.Server
	Slack     *slacksandbox.Server
	Zoom      *zoomsandbox.Server
	Calendar  *gcalsandbox.Server
	PagerDuty *pdsandbox.Server
	SMTP      *smtpsandbox.Server
	// Observability serves the demo's telemetry when Prepare started it.
	Observability *observability.Stack

	srv       *http.Server
	incidents slacksandbox.Channel

	mu   sync.Mutex
	lose map[string]int // "METHOD path-prefix" -> answers still to lose
}

// LoseAnswers makes the next n requests matching method and path prefix
// (e.g. "POST", "/github/repos/acme/checkout/pulls") take effect and then
// lose their answer: the connection closes before the response, as when a
// process dies mid-call or a network drops. WarRoom must then find what the
// call did instead of doing it again.
func (sb *Sandbox) LoseAnswers(method, prefix string, n int) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.lose == nil {
		sb.lose = map[string]int{}
	}
	sb.lose[method+" "+prefix] = n
}

// PendingLosses lists the rules that still have answers to lose.
func (sb *Sandbox) PendingLosses() []string {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	var out []string
	for rule, n := range sb.lose {
		if n > 0 {
			out = append(out, rule)
		}
	}
	return out
}

func (sb *Sandbox) shouldLose(r *http.Request) bool {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	for rule, n := range sb.lose {
		method, prefix, _ := strings.Cut(rule, " ")
		if n > 0 && r.Method == method && strings.HasPrefix(r.URL.Path, prefix) {
			sb.lose[rule] = n - 1
			return true
		}
	}
	return false
}

// loseAnswers serves the request fully, then drops the answer when a rule says so.
func (sb *Sandbox) loseAnswers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !sb.shouldLose(r) {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(httptest.NewRecorder(), r)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // closes the connection without an answer
	})
}

// Token is the sandbox's provider token for an engineer: what a vault would
// hand out after the engineer connected their account. Every provider fake
// knows these tokens and who they belong to.
func Token(provider, engineer string) string {
	if provider == "slack" {
		return "xoxp-demo-" + engineer
	}
	return "demo-" + provider + "-" + engineer
}

// Credentials is the sandbox vault: the approver's own token, per provider.
func Credentials(team config.Team) engine.CredentialFunc {
	known := map[string]bool{}
	for _, e := range team.Engineers {
		known[e.ID] = true
	}
	return func(_ context.Context, engineer, provider string, _ []string) (action.Secret, error) {
		if !known[engineer] {
			return "", fmt.Errorf("sandbox vault: %s has no %s account", engineer, provider)
		}
		return action.Secret(Token(provider, engineer)), nil
	}
}

// StartSandbox serves every provider on one loopback listener, under
// /github, /slack, /zoom, /gcal and /pagerduty, and SMTP on its own port.
func StartSandbox(team config.Team, start time.Time) (*Sandbox, error) {
	sb := &Sandbox{GitHub: ghsandbox.NewServer([]ghsandbox.Repo{Repo(start)}), Zoom: zoomsandbox.NewServer(),
		Calendar: gcalsandbox.NewServer(), PagerDuty: pdsandbox.NewServer(routingKey)}
	sb.GitHub.Users = map[string]string{Token("github", "investigator"): "warroom-investigator"}
	slackCfg := slacksandbox.Config{Tokens: map[string]slacksandbox.Token{},
		Users: []slacksandbox.User{{ID: "U0WARROOM", Name: "warroom", Bot: true}}}
	slackCfg.Tokens["xoxb-demo-warroom"] = slacksandbox.Token{User: "U0WARROOM"}
	for _, e := range team.Engineers {
		sb.GitHub.Users[Token("github", e.ID)] = e.GitHub
		slackCfg.Users = append(slackCfg.Users, slacksandbox.User{ID: e.Slack, Name: e.ID})
		slackCfg.Tokens[Token("slack", e.ID)] = slacksandbox.Token{User: e.Slack}
		sb.Zoom.AddUser(Token("zoom", e.ID), zoomsandbox.User{ID: e.ID, Email: e.Email})
		sb.Calendar.AddUser(Token("google", e.ID), e.Email)
	}
	var err error
	if sb.Slack, err = slacksandbox.New(slackCfg); err != nil {
		return nil, fmt.Errorf("sandbox slack: %w", err)
	}
	// Where status updates go for incidents that have no war room (yet).
	if sb.incidents, err = sb.Slack.CreateChannel("incidents", "U0WARROOM"); err != nil {
		return nil, fmt.Errorf("sandbox slack: %w", err)
	}
	if sb.SMTP, err = smtpsandbox.NewServer(smtpsandbox.Options{Domain: "smtp.sandbox"}); err != nil {
		return nil, fmt.Errorf("sandbox smtp: %w", err)
	}
	if err := sb.SMTP.Listen("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("sandbox smtp: %w", err)
	}
	mux := http.NewServeMux()
	for prefix, h := range map[string]http.Handler{"/github": sb.GitHub.Handler(), "/slack": sb.Slack.Handler(),
		"/zoom": sb.Zoom.Handler(), "/gcal": sb.Calendar.Handler(), "/pagerduty": sb.PagerDuty.Handler()} {
		mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = sb.SMTP.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	sb.URL = "http://" + ln.Addr().String()
	sb.srv = &http.Server{Handler: sb.loseAnswers(mux), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = sb.srv.Serve(ln) }()
	return sb, nil
}

// Close stops the providers and the observability stack.
func (sb *Sandbox) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := sb.srv.Shutdown(ctx)
	if cerr := sb.SMTP.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		err = errors.Join(err, cerr)
	}
	if sb.Observability != nil {
		err = errors.Join(err, sb.Observability.Close())
	}
	return err
}

// Configure points cfg at the sandbox: the demo team, known issues, the
// Alertmanager source, providers, and who may execute and review on the
// repository. The sign-in is the demo sign-in (loopback only).
func (sb *Sandbox) Configure(cfg *config.Config, start time.Time) {
	cfg.Team = Team(start)
	cfg.KnownIssues = KnownIssues()
	cfg.Sources = config.Sources{"alertmanager": {Auth: "bearer", Secret: AlertToken}}
	cfg.GitHub = config.GitHub{APIURL: sb.URL + "/github/", Token: Token("github", "investigator")}
	cfg.Slack.BotToken, cfg.Slack.SigningSecret = "xoxb-demo-warroom", SlackSigningSecret
	cfg.DemoSignIn = true
	dashboard := "http://" + strings.Replace(cfg.Addr, "0.0.0.0", "127.0.0.1", 1)
	cfg.Providers = config.Providers{
		DashboardURL: dashboard,
		GitHub:       &config.GitHubActions{APIURL: sb.URL + "/github/", MergeMethod: "squash"},
		Slack:        &config.SlackActions{APIURL: sb.URL + "/slack", FallbackChannel: sb.incidents.ID},
		Zoom:         &config.ZoomActions{APIURL: sb.URL + "/zoom/v2"},
		Google:       &config.GoogleActions{CalendarURL: sb.URL + "/gcal/calendar/v3/"},
		SMTP:         &config.SMTPActions{Addr: sb.SMTP.Addr(), From: "warroom@acme.example", FromName: "WarRoom"},
		PagerDuty: &config.PagerDutyPages{EventsURL: sb.URL + "/pagerduty",
			RoutingKeys: map[string]string{checkoutService: routingKey}},
	}
	cfg.Authz = config.Authz{Datastore: "memory",
		Executors: []config.ExecutorGrant{{Engineer: "alice", Target: "github:acme/checkout"}},
		Reviewers: []config.ExecutorGrant{{Engineer: "bob", Target: "github:acme/checkout"}}}
}
