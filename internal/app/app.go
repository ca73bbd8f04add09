// Package app wires WarRoom's subsystems into one process: store, step
// engine, HTTP. cmd/warroom parses flags and calls Serve; tests call it
// in-process or re-exec a binary that does.
package app

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/identity"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/web"
)

// Version is set at build time with -ldflags "-X github.com/warroom/warroom/internal/app.Version=...".
var Version = "dev"

// Option adjusts how Serve wires the process.
type Option func(*options)

type options struct {
	executors   map[string]engine.Executor
	credentials engine.CredentialFunc
	listener    net.Listener
	mounts      map[string]http.Handler
	sampleAlert string
}

// WithSampleAlert shows a "Fire sample alert" button on the dashboard that
// posts to path (the demo).
func WithSampleAlert(path string) Option { return func(o *options) { o.sampleAlert = path } }

// WithMounts adds routes to the HTTP server (the demo's sample alert).
func WithMounts(m map[string]http.Handler) Option { return func(o *options) { o.mounts = m } }

// WithCredentials sets how approvers' provider tokens are fetched.
func WithCredentials(f engine.CredentialFunc) Option { return func(o *options) { o.credentials = f } }

// WithExecutors registers action executors (providers land with later capabilities).
func WithExecutors(ex map[string]engine.Executor) Option {
	return func(o *options) { o.executors = ex }
}

// WithListener serves on ln instead of listening on cfg.Addr.
func WithListener(ln net.Listener) Option { return func(o *options) { o.listener = ln } }

// NewLogger builds the process logger from the log settings.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // validated by config
	hopts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, hopts))
	}
	return slog.New(slog.NewTextHandler(w, hopts))
}

// Serve runs WarRoom until ctx is cancelled, then shuts down gracefully:
// the HTTP server stops accepting, in-flight steps get cfg.ShutdownTimeout to
// finish, and whatever is still running is left resumable in the database.
func Serve(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) error {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	// Listen before migrating so /healthz answers at once and /readyz tells
	// an orchestrator when the process can take work.
	ln := o.listener
	if ln == nil {
		if ln, err = net.Listen("tcp", cfg.Addr); err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
	}
	committers := 1
	if st.Dialect() == store.Postgres {
		committers = 2
	}
	reasoner, err := NewReasoner(cfg)
	if err != nil {
		return err
	}
	az, closeAuthz, err := authorizer(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeAuthz()
	if az != nil {
		if err := syncRoster(ctx, az, cfg); err != nil {
			return err
		}
	}
	policy, closeAccess, err := accessPolicy(ctx, cfg, az)
	if err != nil {
		return err
	}
	defer closeAccess()
	stepUp, err := stepUpGate(cfg, st)
	if err != nil {
		return err
	}
	var chain gate.Chain
	var answerer engine.StepUpAnswerer
	if stepUp != nil {
		chain, answerer = gates(cfg, az, stepUp), stepUp
	} else {
		chain = gates(cfg, az, nil)
	}
	b, builtinVault, err := broker(cfg, st)
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	if o.credentials == nil {
		o.credentials = credentials(b)
	}
	var slackBot *slack.Provider
	if o.executors == nil {
		if o.executors, slackBot, err = executors(cfg, st); err != nil {
			return err
		}
	}
	harness := &agent.Harness{Store: st, Reasoner: reasoner, Logger: log, Inject: agent.TeamInjector(cfg.Team)}
	in := intake.New(st, intake.Options{
		Team: cfg.Team, Window: cfg.Ingest.GroupWindow, Logger: log, Registerer: reg,
		Committers: committers, OnIncident: harness.StartTx, ReplayTTL: replayTTL(cfg),
	})
	register := []func(*river.Workers) error{in.Register, harness.Register}
	var approvalSteps func(incident.Approval, incident.Action) []river.JobArgs
	if slackBot != nil && cfg.Slack.BotToken != "" {
		// Approval requests also go to Slack, with buttons.
		approvalSteps = func(ap incident.Approval, _ incident.Action) []river.JobArgs {
			return []river.JobArgs{postApprovalArgs{ApprovalID: ap.ID}}
		}
		register = append(register, func(w *river.Workers) error {
			return river.AddWorkerSafely(w, &postApprovalWorker{slack: slackBot, store: st, team: cfg.Team})
		})
	}
	var incidentSteps func(incident.Incident) []river.JobArgs
	if az != nil {
		incidentSteps = func(inc incident.Incident) []river.JobArgs {
			return []river.JobArgs{incidentTuplesArgs{IncidentID: inc.ID}}
		}
		register = append(register, func(w *river.Workers) error {
			return river.AddWorkerSafely(w, &incidentTuplesWorker{az: az, store: st})
		})
	}
	periodic := in.Periodic()
	if len(cfg.Slack.PollChannels) > 0 {
		poll := slackPoll(cfg, in)
		register = append(register, poll.Register)
		periodic = append(periodic, poll.Periodic()...)
	}

	onSignIn, err := sealAuth0Subject(st, cfg)
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	apiAuth, mounts, login, err := identityRoutes(ctx, cfg, onSignIn)
	if err != nil {
		return err
	}
	decider := &engineRef{}
	// Whoever is signed in to the dashboard: the OIDC session, or in the
	// sandbox the demo sign-in (loopback only, enforced by the config).
	var viewer func(*http.Request) (string, bool)
	var sealer Sealer
	switch {
	case login != nil:
		viewer, sealer = func(r *http.Request) (string, bool) { v, ok := login.Viewer(r); return v.Engineer, ok }, login
	case cfg.DemoSignIn:
		demo, err := identity.NewDemoLogin(cfg.Team)
		if err != nil {
			return err
		}
		log.Warn("DEMO SIGN-IN is on: anyone on this machine can sign in as any team member")
		mounts["GET /login"], mounts["POST /login"], mounts["POST /logout"] = demo.PageHandler(), demo.SignInHandler(), demo.LogoutHandler()
		viewer, sealer = func(r *http.Request) (string, bool) { v, ok := demo.Viewer(r); return v.Engineer, ok }, demo
	}
	if viewer != nil && builtinVault != nil {
		maps.Copy(mounts, (&connectFlow{viewer: viewer, sealer: sealer, vault: builtinVault, store: st, engine: decider,
			secure: cfg.Auth.SecureCookies}).routes())
	}
	// The dashboard, for whoever signs in; its streams are woken by the live hub.
	var hub *live.Hub
	if viewer != nil {
		hub = live.New(st, live.Options{Logger: log})
		dopts := dashboard.Options{Store: st, Decider: decider, Viewer: viewer, Live: hub, Team: cfg.Team,
			KnownIssues: cfg.KnownIssues, Authz: az, Access: policy, SecureCookies: cfg.Auth.SecureCookies, Logger: log, SampleAlertPath: o.sampleAlert}
		if cfg.Auth.CookieSecret != "" {
			// Replicas share the CSRF key, derived from the shared cookie secret.
			sum := sha256.Sum256([]byte("warroom/csrf\x00" + cfg.Auth.CookieSecret))
			dopts.CSRFKey = sum[:]
		}
		if stepUp != nil && stepUp.TOTP != nil {
			dopts.Enroller = enroller{stepUp.TOTP}
		}
		if builtinVault != nil {
			dopts.Revoke = builtinVault.Revoke
		}
		dash, err := dashboard.New(dopts)
		if err != nil {
			return err
		}
		maps.Copy(mounts, dash.Routes())
	}
	maps.Copy(mounts, o.mounts)
	if slackBot != nil && cfg.Slack.SigningSecret != "" {
		mounts["POST /v1/slack/interactions"] = slackInteractions(cfg.Slack.SigningSecret, cfg.Team, decider, log)
	}
	var started atomic.Bool
	srv := &web.Server{Store: st, Gatherer: reg, Logger: log, Started: &started, Version: Version, Mounts: mounts,
		Ingest: &web.Ingest{Intake: in, Sources: authenticators(cfg.Sources), SlackSigningSecret: cfg.Slack.SigningSecret,
			MaxBodyBytes: cmp.Or(cfg.Ingest.MaxBodyBytes, 1<<20), Now: time.Now}}
	if apiAuth != nil {
		srv.API = &web.API{Auth: apiAuth, Store: st, Decider: decider, Access: policy}
		if stepUp != nil && stepUp.TOTP != nil {
			srv.API.Enroller = enroller{stepUp.TOTP}
		}
	}
	// Read and write deadlines: web.NewHTTPServer; event streams lift theirs.
	httpSrv := web.NewHTTPServer(srv.Handler(reg), web.Timeouts{}, slog.NewLogLogger(log.Handler(), slog.LevelWarn))
	if hub != nil {
		// Open streams end when the server shuts down, instead of holding it for its whole timeout.
		httpSrv.RegisterOnShutdown(hub.Close)
	}
	httpErr := make(chan error, 1)
	go func() { httpErr <- httpSrv.Serve(ln) }()
	log.Info("warroom listening", "addr", ln.Addr().String(), "db", string(st.Dialect()), "version", Version)

	shutdownHTTP := func() error {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		return httpSrv.Shutdown(sctx)
	}

	if cfg.MigrateOnStart {
		if err := st.Migrate(ctx); err != nil {
			return errors.Join(err, shutdownHTTP())
		}
	}
	if err := loadKnownIssues(ctx, st, cfg.KnownIssues); err != nil {
		return errors.Join(err, shutdownHTTP())
	}
	if hub != nil {
		if err := hub.Start(ctx); err != nil {
			return errors.Join(fmt.Errorf("live updates: %w", err), shutdownHTTP())
		}
	}
	eng, err := engine.New(st, engine.Options{
		Executors: o.executors, Credentials: o.credentials, Gates: chain, StepUp: answerer, Logger: log, Registerer: reg, Workers: cfg.Workers,
		StepTimeout: cfg.StepTimeout, RescueAfter: cfg.RescueAfter, PollInterval: cfg.PollFor(st.Dialect() == store.Postgres),
		Queues: map[string]int{intake.Queue: 1}, Periodic: periodic, Kinds: action.Kinds(), IncidentSteps: incidentSteps,
		FollowUps: remediationFollowUps(cfg.Team), ApprovalSteps: approvalSteps,
		Waits: engine.WaitPolicy{ApprovalTimeout: cfg.Waits.ApprovalTimeout, EscalateTo: cfg.Waits.EscalateTo, ReauthTimeout: cfg.Waits.ReauthTimeout},
		Register: func(w *river.Workers) error {
			for _, r := range register {
				if err := r(w); err != nil {
					return err
				}
			}
			return nil
		},
	})
	if err != nil {
		return errors.Join(err, shutdownHTTP())
	}
	harness.Engine = eng
	decider.e.Store(eng)
	if harness.Tools, err = tools(cfg, st, eng, log); err != nil {
		return errors.Join(err, shutdownHTTP())
	}
	in.Attach(eng)
	go in.Run()
	if err := eng.Start(ctx); err != nil {
		return errors.Join(fmt.Errorf("start step engine: %w", err), shutdownHTTP())
	}
	started.Store(true)
	log.Info("warroom ready")

	select {
	case <-ctx.Done():
	case err := <-httpErr:
		log.Error("http server stopped", "error", err.Error())
	}
	log.Info("warroom shutting down", "timeout", cfg.ShutdownTimeout.String())
	started.Store(false)
	errHTTP := shutdownHTTP()
	in.Close() // after HTTP: every acknowledged request has been committed
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	errEngine := eng.Stop(sctx)
	if err := errors.Join(errHTTP, errEngine); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("warroom stopped")
	return nil
}
