package config

import (
	"strings"
	"testing"
)

func TestTelemetryConfig(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		env     map[string]string
		wantErr []string
		check   func(Telemetry) bool
	}{
		{name: "absent: nothing configured", yaml: "", check: func(tm Telemetry) bool {
			return tm.Prometheus == nil && tm.Loki == nil && tm.Tempo == nil && tm.Unleash == nil
		}},
		{name: "every backend with secrets from the environment",
			yaml: `telemetry:
  prometheus: {url: "https://mimir.internal/prometheus", bearer_token_env: MIMIR_TOKEN, tenant: ops}
  loki: {url: "http://loki:3100", username: reader, password_env: LOKI_PASSWORD, service_label: app}
  tempo: {url: "http://tempo:3200"}
  unleash: {url: "https://flags.internal", token_env: UNLEASH_ADMIN, project: default, environment: production}
  before: 90m
`,
			env: map[string]string{"MIMIR_TOKEN": "m-secret", "LOKI_PASSWORD": "l-secret", "UNLEASH_ADMIN": "u-secret"},
			check: func(tm Telemetry) bool {
				return tm.Prometheus.BearerToken == "m-secret" && tm.Prometheus.Tenant == "ops" && tm.Loki.Password == "l-secret" &&
					tm.Loki.ServiceLabel == "app" && tm.Tempo.URL == "http://tempo:3200" && tm.Unleash.Token == "u-secret" &&
					tm.Before.Minutes() == 90
			}},
		{name: "unset secret named", yaml: "telemetry:\n  prometheus: {url: \"http://p:9090\", bearer_token_env: PROM_TOKEN}\n",
			wantErr: []string{"telemetry.prometheus.bearer_token_env", "PROM_TOKEN"}},
		{name: "bad url", yaml: "telemetry:\n  loki: {url: \"loki:3100\"}\n", wantErr: []string{"telemetry.loki.url"}},
		{name: "tempo and jaeger", yaml: "telemetry:\n  tempo: {url: \"http://t\"}\n  jaeger: {url: \"http://j\"}\n",
			wantErr: []string{"tempo and jaeger are exclusive"}},
		{name: "unleash needs a token", yaml: "telemetry:\n  unleash: {url: \"http://u\"}\n", wantErr: []string{"telemetry.unleash.token_env"}},
		{name: "token and user exclusive", yaml: "telemetry:\n  tempo: {url: \"http://t\", bearer_token_env: A, username: u, password_env: B}\n",
			env: map[string]string{"A": "a", "B": "b"}, wantErr: []string{"telemetry.tempo", "exclusive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(strings.NewReader(tt.yaml))
			if err == nil {
				err = f.resolveSecrets(func(k string) string { return tt.env[k] })
			}
			if tt.wantErr != nil {
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(f.Telemetry) {
				t.Errorf("got %+v", f.Telemetry)
			}
		})
	}
}
