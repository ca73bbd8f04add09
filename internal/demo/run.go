package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/sandbox/observability"
)

// Run serves WarRoom against the sandbox until ctx ends. cfg carries the
// process settings (address, database); everything else is the demo's.
func Run(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...app.Option) error {
	sb, cfg, demoOpts, err := Prepare(cfg)
	if err != nil {
		return err
	}
	defer sb.Close()
	log.Info("demo sandbox providers listening", "url", sb.URL, "smtp", sb.SMTP.Addr())
	return app.Serve(ctx, cfg, log, append(demoOpts, opts...)...)
}

// Prepare starts the sandbox, with the demo's telemetry served as
// Prometheus, Loki, Tempo and Unleash would, and returns the configuration
// and options that point WarRoom at it. The caller closes the sandbox,
// which closes the telemetry too.
func Prepare(cfg config.Config) (*Sandbox, config.Config, []app.Option, error) {
	start := time.Now().UTC()
	sb, err := StartSandbox(Team(start), start)
	if err != nil {
		return nil, cfg, nil, err
	}
	data, flags := Telemetry(start)
	if sb.Observability, err = observability.Start(data, flags, time.Now); err != nil {
		return nil, cfg, nil, errors.Join(fmt.Errorf("demo telemetry: %w", err), sb.Close())
	}
	sb.Configure(&cfg, start)
	cfg.Telemetry = sb.Observability.Config()
	mounts := map[string]http.Handler{"POST /demo/alert": fireAlert()}
	return sb, cfg, []app.Option{app.WithCredentials(Credentials(cfg.Team)), app.WithMounts(mounts), app.WithSampleAlert("/demo/alert")}, nil
}

// fireAlert posts the sample alert to this server's own Alertmanager
// receiver, signed like Alertmanager would, so it takes the real path.
func fireAlert() http.Handler {
	client := &http.Client{Timeout: 10 * time.Second}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A cross-site form must not fire alerts: same origin only.
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			http.Error(w, `{"error":{"code":"forbidden","message":"cross-site request"}}`, http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			if u, err := url.Parse(o); err != nil || u.Host != r.Host {
				http.Error(w, `{"error":{"code":"forbidden","message":"cross-origin request"}}`, http.StatusForbidden)
				return
			}
		}
		req, err := http.NewRequestWithContext(r.Context(), "POST", "http://"+r.Host+"/v1/alerts/alertmanager",
			bytes.NewReader(Alert(time.Now().UTC())))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+AlertToken)
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, fmt.Sprintf(`{"error":{"code":"unavailable","message":%q}}`, err.Error()), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusAccepted {
			http.Error(w, fmt.Sprintf(`{"error":{"code":"rejected","message":"receiver answered %d"}}`, resp.StatusCode), http.StatusBadGateway)
			return
		}
		if r.Header.Get("Accept") == "application/json" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte(`{"status":"fired"}`))
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
}
