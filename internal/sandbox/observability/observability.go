// Package observability runs a team's observability stack in-process from
// recorded data: Prometheus, Loki and Tempo HTTP APIs and an Unleash event
// log on loopback, so `warroom triage --scenario` and `warroom demo` reach
// them through the same clients and configuration as real backends.
package observability

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/sandbox/loki"
	"github.com/warroom/warroom/internal/sandbox/prometheus"
	"github.com/warroom/warroom/internal/sandbox/tempo"
	"github.com/warroom/warroom/internal/sandbox/unleash"
	"github.com/warroom/warroom/internal/telemetry"
)

// FlagsToken is the admin token the sandbox flag service accepts.
const FlagsToken = "sandbox-unleash-admin-token"

// Stack is the running servers; a URL is empty when there was no data for
// that backend.
type Stack struct {
	PrometheusURL, LokiURL, TempoURL, UnleashURL string

	servers []*http.Server
	closers []func() error
}

// Start serves data and flag changes on loopback; now is the backends'
// clock (a replayed incident's "now").
func Start(data telemetry.Data, flagChanges []telemetry.FlagChange, now func() time.Time) (*Stack, error) {
	s := &Stack{}
	if len(data.Metrics) > 0 {
		p, err := prometheus.New(data, prometheus.WithClock(now))
		if err != nil {
			return nil, fmt.Errorf("sandbox prometheus: %w", err)
		}
		s.closers = append(s.closers, p.Close)
		if s.PrometheusURL, err = s.serve(p); err != nil {
			return nil, errors.Join(err, s.Close())
		}
	}
	if len(data.Logs) > 0 {
		l, err := loki.New(data, loki.WithClock(now))
		if err != nil {
			return nil, errors.Join(fmt.Errorf("sandbox loki: %w", err), s.Close())
		}
		if s.LokiURL, err = s.serve(l); err != nil {
			return nil, errors.Join(err, s.Close())
		}
	}
	if len(data.Traces) > 0 {
		t, err := tempo.New(data)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("sandbox tempo: %w", err), s.Close())
		}
		if s.TempoURL, err = s.serve(t); err != nil {
			return nil, errors.Join(err, s.Close())
		}
	}
	if len(flagChanges) > 0 {
		u, err := unleash.New(flagChanges, FlagsToken)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("sandbox unleash: %w", err), s.Close())
		}
		if s.UnleashURL, err = s.serve(u); err != nil {
			return nil, errors.Join(err, s.Close())
		}
	}
	return s, nil
}

func (s *Stack) serve(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("sandbox listener: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	s.servers = append(s.servers, srv)
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), nil
}

// Close stops every server.
func (s *Stack) Close() error {
	var errs []error
	for _, srv := range s.servers {
		errs = append(errs, srv.Close())
	}
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	s.servers, s.closers = nil, nil
	return errors.Join(errs...)
}

// Config is the telemetry section that points WarRoom at the stack.
func (s *Stack) Config() config.Telemetry {
	var t config.Telemetry
	if s.PrometheusURL != "" {
		t.Prometheus = &config.TelemetryBackend{URL: s.PrometheusURL}
	}
	if s.LokiURL != "" {
		t.Loki = &config.TelemetryBackend{URL: s.LokiURL}
	}
	if s.TempoURL != "" {
		t.Tempo = &config.TelemetryBackend{URL: s.TempoURL}
	}
	if s.UnleashURL != "" {
		t.Unleash = &config.FlagService{URL: s.UnleashURL, Token: FlagsToken}
	}
	return t
}
