// Package web serves WarRoom's HTTP surface: health, readiness, metrics, and
// (as later capabilities land) the JSON API and dashboard. Handlers are thin:
// they decode, call one command, and encode.
package web

import (
	"cmp"
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/warroom/warroom/internal/store"
)

// Readiness is what /readyz checks beyond the process being up.
type Readiness interface {
	Ping(ctx context.Context) error
	MigrationStatus(ctx context.Context) (store.MigrationStatus, error)
}

// Server holds the handler's dependencies.
type Server struct {
	Store    Readiness
	Gatherer prometheus.Gatherer
	Logger   *slog.Logger
	// Started is set once migrations ran and the engine is up; until then
	// /readyz answers 503 while /healthz already answers 200.
	Started *atomic.Bool
	Version string
	// Ingest enables the alert and Slack receivers when set.
	Ingest *Ingest
	// API enables the authenticated JSON API when set.
	API *API
	// Mounts adds handlers by pattern ("GET /login"), e.g. the sign-in flow.
	Mounts map[string]http.Handler

	mux     *http.ServeMux
	metrics *httpMetrics
	// unauthBodies holds one token per body being read before its sender
	// is authenticated (see Ingest.MaxPendingBodies).
	unauthBodies chan struct{}
	routes       []string
}

// handle registers a route and remembers its pattern (Routes).
func (s *Server) handle(pattern string, h http.Handler) {
	s.mux.Handle(pattern, h)
	s.routes = append(s.routes, pattern)
}

func (s *Server) handleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	s.handle(pattern, http.HandlerFunc(f))
}

// Routes lists the patterns Handler registered ("GET /v1/incidents").
func (s *Server) Routes() []string { return slices.Clone(s.routes) }

// Handler builds the routed, instrumented handler.
func (s *Server) Handler(reg prometheus.Registerer) http.Handler {
	s.mux = http.NewServeMux()
	s.metrics = newHTTPMetrics(reg)
	s.handleFunc("GET /healthz", s.healthz)
	s.handleFunc("GET /readyz", s.readyz)
	s.handle("GET /metrics", promhttp.HandlerFor(s.Gatherer, promhttp.HandlerOpts{}))
	s.handle("GET /v1/openapi.json", http.HandlerFunc(serveOpenAPI))
	s.routeIngest()
	s.routeAPI()
	for pattern, h := range s.Mounts {
		s.handle(pattern, h)
	}
	return s.recoverer(s.instrument(s.routeOrJSONError(s.mux)))
}

// Timeouts bound how long one connection may hold the server; zero fields
// get the defaults.
type Timeouts struct {
	ReadHeader time.Duration // default 10s
	// Read bounds reading a whole request, body included (default 30s);
	// ingest bodies have their own, shorter deadline. (Once a request is
	// read net/http lifts it, so it does not cut long responses short.)
	Read time.Duration
	// Write bounds a response from the end of its request's headers
	// (default 2m). An event stream lifts it for itself with
	// http.ResponseController.SetWriteDeadline(time.Time{}).
	Write time.Duration
	Idle  time.Duration // keep-alive wait for the next request, default 2m
}

// Server timeout defaults.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 2 * time.Minute
	DefaultIdleTimeout       = 2 * time.Minute
)

// NewHTTPServer returns the server for h with t's timeouts, so a client that
// sends or reads slowly cannot hold a connection indefinitely.
func NewHTTPServer(h http.Handler, t Timeouts, errorLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cmp.Or(t.ReadHeader, DefaultReadHeaderTimeout),
		ReadTimeout:       cmp.Or(t.Read, DefaultReadTimeout),
		WriteTimeout:      cmp.Or(t.Write, DefaultWriteTimeout),
		IdleTimeout:       cmp.Or(t.Idle, DefaultIdleTimeout),
		ErrorLog:          errorLog,
	}
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.Version})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if s.Started != nil && !s.Started.Load() {
		WriteError(w, http.StatusServiceUnavailable, "starting", "migrations or the step engine are still starting")
		return
	}
	if err := s.Store.Ping(ctx); err != nil {
		s.Logger.WarnContext(ctx, "readiness: store unreachable", "error", err.Error())
		WriteError(w, http.StatusServiceUnavailable, "store_unreachable", "the database does not answer")
		return
	}
	ms, err := s.Store.MigrationStatus(ctx)
	if err != nil {
		s.Logger.WarnContext(ctx, "readiness: migration status", "error", err.Error())
		WriteError(w, http.StatusServiceUnavailable, "migrations_unknown", "cannot read the schema version")
		return
	}
	if !ms.Current() {
		WriteError(w, http.StatusServiceUnavailable, "migrations_pending",
			fmt.Sprintf("schema version %d of %d, river schema current: %t; run `warroom migrate`", ms.Version, ms.Latest, ms.RiverReady))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "schema_version": ms.Version})
}

// routeOrJSONError answers unmatched requests with JSON 404 or 405 instead of
// the mux's plain text, so every error a client sees has one shape.
func (s *Server) routeOrJSONError(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := s.mux.Handler(r); pattern != "" {
			next.ServeHTTP(w, r)
			return
		}
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := s.mux.Handler(probe); p != "" {
				allowed = append(allowed, m)
				if m == http.MethodGet {
					allowed = append(allowed, http.MethodHead) // GET routes answer HEAD too
				}
			}
		}
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			WriteError(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path)
			return
		}
		WriteError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path)
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.ErrorContext(r.Context(), "handler panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				WriteError(w, http.StatusInternalServerError, "internal", "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}
