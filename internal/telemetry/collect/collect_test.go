package collect_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/sandbox/prometheus"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/collect"
)

func TestNothingConfigured(t *testing.T) {
	res := collect.Sources{}.Collect(context.Background(), collect.Request{Service: "kiln-controller", AlertAt: time.Now()})
	if len(res.Looked) != 0 || len(res.NotSet) != 4 || len(res.Queries) != 0 ||
		len(res.Evidence) != 1 || !strings.Contains(res.Evidence[0], "not examined") {
		t.Fatalf("result = %+v", res)
	}
}

// One backend failing does not hide what the others show, and says so.
func TestOneBackendFailing(t *testing.T) {
	alert := time.Date(2026, 5, 2, 22, 10, 0, 0, time.UTC)
	var data telemetry.Data
	for m := -60; m <= 10; m++ {
		v := 21.0 + float64(m%2)*0.2
		if m >= -2 {
			v = 64 // the kiln overshoots
		}
		data.Metrics = append(data.Metrics, telemetry.Sample{TS: alert.Add(time.Duration(m) * time.Minute), Service: "kiln-controller", Name: "zone.temp_error_c", Value: v})
	}
	prom, err := prometheus.New(data, prometheus.WithClock(func() time.Time { return alert.Add(10 * time.Minute) }))
	if err != nil {
		t.Fatal(err)
	}
	defer prom.Close()
	ps := httptest.NewServer(prom)
	defer ps.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "too many outstanding requests", http.StatusTooManyRequests)
	}))
	defer broken.Close()
	src, err := collect.FromConfig(config.Telemetry{Prometheus: &config.TelemetryBackend{URL: ps.URL}, Loki: &config.TelemetryBackend{URL: broken.URL}})
	if err != nil {
		t.Fatal(err)
	}
	res := src.Collect(context.Background(), collect.Request{Service: "kiln-controller", Related: []string{"glaze-line", "kiln-controller"}, AlertAt: alert, Before: time.Hour})
	if !slices.Equal(res.Looked, []string{"metrics", "logs"}) || !slices.Equal(res.Services, []string{"kiln-controller", "glaze-line"}) {
		t.Fatalf("looked %v at %v", res.Looked, res.Services)
	}
	if len(res.Errors) != 2 || !strings.HasPrefix(res.Errors[0], "logs of glaze-line") {
		t.Errorf("errors = %v (want one per service for the broken log store)", res.Errors)
	}
	if res.Findings.Onset == nil || res.Findings.Onset.Service != "kiln-controller" || res.Findings.Onset.At.After(alert) {
		t.Errorf("onset = %+v", res.Findings.Onset)
	}
	// The changed series is kept for drawing, point for point (fewer than the cap).
	if c := res.Charts; len(c) != 1 || c[0].Service != "kiln-controller" || len(c[0].Points) < 60 ||
		c[0].Points[len(c[0].Points)-1].Value != 64 || c[0].Points[0].Value > 22 {
		t.Errorf("charts = %+v", res.Charts)
	}
	for _, q := range res.Queries {
		if q.Backend == "" || q.Query == "" {
			t.Errorf("query without backend or text: %+v", q)
		}
	}
}
