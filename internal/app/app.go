// Package app wires WarRoom's subsystems into one process. New builds
// every part in dependency order (store, authorization, step engine with
// the subsystems' steps, ingestion, HTTP) and leaves nothing to complete
// later; Start listens, migrates and starts the workers; Stop shuts down in
// the reverse order. The wiring of each subsystem is in its init*.go file.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/stepup"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/vault"
)

// Version is set at build time with -ldflags "-X github.com/warroom/warroom/internal/app.Version=...".
var Version = "dev"

// Option adjusts how New wires the process.
type Option func(*options)

type options struct {
	executors   map[string]action.Executor
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

// WithExecutors replaces the configured providers' executors.
func WithExecutors(ex map[string]action.Executor) Option {
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

// App is one WarRoom process.
type App struct {
	cfg  config.Config
	log  *slog.Logger
	opts options

	store        *store.Store
	registry     *prometheus.Registry
	authz        authz.Authorizer // nil without an authz section
	access       access.Policy
	stepUp       *stepup.Gate // nil without step-up
	broker       vault.Broker
	builtinVault *vault.Builtin // nil with Auth0 Token Vault
	engine       *engine.Engine
	intake       *intake.Intake
	slackBot     *slack.Provider // nil without a Slack bot
	hub          *live.Hub       // nil when nobody can sign in to the dashboard
	http         *http.Server
	started      atomic.Bool // /readyz

	closers       []func() // resources, closed last opened first after the workers stop
	intakeRunning bool
	engineRunning bool
	httpErr       chan error
}

// New builds every part of the process from cfg. Nothing listens or runs
// until Start; on error whatever was opened is closed again.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) (*App, error) {
	a := &App{cfg: cfg, log: log, httpErr: make(chan error, 1)}
	for _, opt := range opts {
		opt(&a.opts)
	}
	for _, step := range []struct {
		name string
		init func(context.Context) error
	}{
		{"store", a.initStore},
		{"authorization", a.initAuthz},
		{"step engine", a.initEngine},
		{"http", a.initHTTP},
	} {
		if err := step.init(ctx); err != nil {
			a.close()
			return nil, fmt.Errorf("%s: %w", step.name, err)
		}
	}
	return a, nil
}

// Start listens first, so /healthz answers at once and /readyz tells an
// orchestrator when the process can take work; then it migrates (when
// configured), writes the roster's relations and the known issues, and
// starts live updates, the intake's committers and the step workers.
func (a *App) Start(ctx context.Context) error {
	ln := a.opts.listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.cfg.Addr); err != nil {
			return fmt.Errorf("listen on %s: %w", a.cfg.Addr, err)
		}
	}
	go func() { a.httpErr <- a.http.Serve(ln) }()
	a.log.Info("warroom listening", "addr", ln.Addr().String(), "db", string(a.store.Dialect()), "version", Version)

	if a.cfg.MigrateOnStart {
		if err := a.store.Migrate(ctx); err != nil {
			return err
		}
	}
	if a.authz != nil {
		if err := syncRoster(ctx, a.authz, a.cfg); err != nil {
			return err
		}
	}
	if err := a.store.UpsertKnownIssues(ctx, a.cfg.KnownIssues); err != nil {
		return fmt.Errorf("index known issues: %w", err)
	}
	if a.hub != nil {
		if err := a.hub.Start(ctx); err != nil {
			return fmt.Errorf("live updates: %w", err)
		}
	}
	go a.intake.Run()
	a.intakeRunning = true
	if err := a.engine.Start(ctx); err != nil {
		return fmt.Errorf("start step engine: %w", err)
	}
	a.engineRunning = true
	a.started.Store(true)
	a.log.Info("warroom ready")
	return nil
}

// Err reports the HTTP server stopping on its own.
func (a *App) Err() <-chan error { return a.httpErr }

// Stop shuts down gracefully: the HTTP server stops accepting, the intake
// commits what it acknowledged, in-flight steps get cfg.ShutdownTimeout to
// finish, and whatever is still running is left resumable in the database.
func (a *App) Stop(ctx context.Context) error {
	a.log.Info("warroom shutting down", "timeout", a.cfg.ShutdownTimeout.String())
	a.started.Store(false)
	hctx, cancel := context.WithTimeout(ctx, a.cfg.ShutdownTimeout)
	defer cancel()
	errHTTP := a.http.Shutdown(hctx)
	if a.intakeRunning {
		a.intake.Close() // after HTTP: every acknowledged request has been committed
	}
	var errEngine error
	if a.engineRunning {
		ectx, cancel := context.WithTimeout(ctx, a.cfg.ShutdownTimeout)
		defer cancel()
		errEngine = a.engine.Stop(ectx)
	}
	a.close()
	if err := errors.Join(errHTTP, errEngine); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	a.log.Info("warroom stopped")
	return nil
}

func (a *App) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// Serve runs WarRoom until ctx is cancelled or the HTTP server fails, then
// stops it.
func Serve(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) error {
	a, err := New(ctx, cfg, log, opts...)
	if err != nil {
		return err
	}
	if err := a.Start(ctx); err != nil {
		return errors.Join(err, a.Stop(context.Background()))
	}
	select {
	case <-ctx.Done():
	case err := <-a.Err():
		log.Error("http server stopped", "error", err.Error())
	}
	return a.Stop(context.Background())
}
