package app

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"time"

	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/identity"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/web"
)

// initHTTP builds the HTTP server: ingestion, the JSON API for signed
// tokens, sign-in, the dashboard with its live streams, the provider
// connect flow and Slack's interactivity endpoint.
func (a *App) initHTTP(ctx context.Context) error {
	cfg, st := a.cfg, a.store
	onSignIn, err := sealAuth0Subject(st, cfg)
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	apiAuth, mounts, login, err := identityRoutes(ctx, cfg, onSignIn)
	if err != nil {
		return err
	}
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
		a.log.Warn("DEMO SIGN-IN is on: anyone on this machine can sign in as any team member")
		mounts["GET /login"], mounts["POST /login"], mounts["POST /logout"] = demo.PageHandler(), demo.SignInHandler(), demo.LogoutHandler()
		viewer, sealer = func(r *http.Request) (string, bool) { v, ok := demo.Viewer(r); return v.Engineer, ok }, demo
	}
	if viewer != nil && a.builtinVault != nil {
		maps.Copy(mounts, (&connectFlow{viewer: viewer, sealer: sealer, vault: a.builtinVault, store: st, engine: a.engine,
			secure: cfg.Auth.SecureCookies}).routes())
	}
	if viewer != nil {
		if err := a.initDashboard(viewer, mounts); err != nil {
			return err
		}
	}
	maps.Copy(mounts, a.opts.mounts)
	if a.slackBot != nil && cfg.Slack.SigningSecret != "" {
		mounts["POST /v1/slack/interactions"] = slackInteractions(cfg.Slack.SigningSecret, cfg.Team, a.engine, a.log)
	}
	srv := &web.Server{Store: st, Gatherer: a.registry, Logger: a.log, Started: &a.started, Version: Version, Mounts: mounts,
		Ingest: &web.Ingest{Intake: a.intake, Sources: authenticators(cfg.Sources), SlackSigningSecret: cfg.Slack.SigningSecret,
			MaxBodyBytes: cmp.Or(cfg.Ingest.MaxBodyBytes, 1<<20), Now: time.Now}}
	if apiAuth != nil {
		srv.API = &web.API{Auth: apiAuth, Store: st, Decider: a.engine, Access: a.access}
		if a.stepUp != nil && a.stepUp.TOTP != nil {
			srv.API.Enroller = enroller{a.stepUp.TOTP}
		}
	}
	// Read and write deadlines: web.NewHTTPServer; event streams lift theirs.
	a.http = web.NewHTTPServer(srv.Handler(a.registry), web.Timeouts{}, slog.NewLogLogger(a.log.Handler(), slog.LevelWarn))
	if a.hub != nil {
		// Open streams end when the server shuts down, instead of holding it for its whole timeout.
		a.http.RegisterOnShutdown(a.hub.Close)
	}
	return nil
}

// initDashboard builds the dashboard for signed-in engineers, its streams
// woken by the live hub, and adds its routes to mounts.
func (a *App) initDashboard(viewer func(*http.Request) (string, bool), mounts map[string]http.Handler) error {
	cfg := a.cfg
	a.hub = live.New(a.store, live.Options{Logger: a.log})
	dopts := dashboard.Options{Store: a.store, Decider: a.engine, Viewer: viewer, Live: a.hub, Team: cfg.Team,
		KnownIssues: cfg.KnownIssues, Authz: a.authz, Access: a.access, SecureCookies: cfg.Auth.SecureCookies, Logger: a.log,
		SampleAlertPath: a.opts.sampleAlert}
	if cfg.Auth.CookieSecret != "" {
		// Replicas share the CSRF key, derived from the shared cookie secret.
		sum := sha256.Sum256([]byte("warroom/csrf\x00" + cfg.Auth.CookieSecret))
		dopts.CSRFKey = sum[:]
	}
	if a.stepUp != nil && a.stepUp.TOTP != nil {
		dopts.Enroller = enroller{a.stepUp.TOTP}
	}
	if a.builtinVault != nil {
		dopts.Revoke = a.builtinVault.Revoke
	}
	dash, err := dashboard.New(dopts)
	if err != nil {
		return err
	}
	maps.Copy(mounts, dash.Routes())
	return nil
}
