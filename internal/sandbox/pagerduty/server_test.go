package pagerduty

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const rk = "0123456789abcdef0123456789abcdef"

type reply struct {
	Status   string   `json:"status"`
	Message  string   `json:"message"`
	DedupKey string   `json:"dedup_key"`
	Errors   []string `json:"errors"`
}

func post(t *testing.T, srv *httptest.Server, body string) (int, http.Header, reply) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/v2/enqueue", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var r reply
	_ = json.Unmarshal(data, &r)
	return resp.StatusCode, resp.Header, r
}

func trigger(dedup string) string {
	return `{"routing_key":"` + rk + `","event_action":"trigger","dedup_key":"` + dedup +
		`","payload":{"summary":"s","source":"warroom","severity":"critical"}}`
}

func TestValidation(t *testing.T) {
	s := NewServer()
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, tc := range []struct{ name, body, wantErr string }{
		{"not json", `{`, "Malformed JSON"},
		{"short key", strings.Replace(trigger("k"), rk, "short", 1), "'routing_key' is invalid"},
		{"no key", strings.Replace(trigger("k"), rk, "", 1), "'routing_key' is missing"},
		{"bad action", strings.Replace(trigger("k"), `"trigger"`, `"page"`, 1), "'event_action' is invalid"},
		{"bad severity", strings.Replace(trigger("k"), "critical", "high", 1), "'payload.severity' is invalid"},
		{"no summary", strings.Replace(trigger("k"), `"summary":"s"`, `"summary":""`, 1), "'payload.summary' is missing"},
		{"no payload", `{"routing_key":"` + rk + `","event_action":"trigger"}`, "'payload' is missing"},
		{"resolve without key", `{"routing_key":"` + rk + `","event_action":"resolve"}`, "'dedup_key' is missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, r := post(t, srv, tc.body)
			if status != 400 || r.Status != "invalid event" || !strings.Contains(strings.Join(r.Errors, "|"), tc.wantErr) {
				t.Errorf("= %d %+v, want 400 with %q", status, r, tc.wantErr)
			}
		})
	}
	if len(s.Events()) != 0 || len(s.Alerts()) != 0 {
		t.Error("invalid events were recorded")
	}
}

func TestDedupAndResolve(t *testing.T) {
	s := NewServer(rk)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for range 2 {
		if status, _, r := post(t, srv, trigger("k1")); status != 202 || r.Status != "success" || r.DedupKey != "k1" {
			t.Fatalf("trigger = %d %+v", status, r)
		}
	}
	post(t, srv, `{"routing_key":"`+rk+`","event_action":"resolve","dedup_key":"k1"}`)
	post(t, srv, trigger("k1")) // after resolution: a new alert
	_, _, r := post(t, srv, strings.Replace(trigger(""), `,"dedup_key":""`, "", 1))
	alerts := s.Alerts()
	if len(alerts) != 3 || alerts[0].Triggers != 2 || alerts[0].Status != "resolved" || alerts[1].Status != "triggered" || r.DedupKey == "" {
		t.Errorf("alerts = %+v, generated key %q", alerts, r.DedupKey)
	}
	if evs := s.Events(); len(evs) != 5 || !evs[1].Deduplicated || evs[3].Deduplicated {
		t.Errorf("events = %+v", evs)
	}
}

func TestInjectedFailures(t *testing.T) {
	s := NewServer(rk)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	s.TriggerRateLimit(1, 2*time.Second)
	s.TriggerServerError(1, 502)
	if status, h, _ := post(t, srv, trigger("k")); status != 429 || h.Get("Retry-After") != "2" {
		t.Errorf("throttled = %d %q", status, h.Get("Retry-After"))
	}
	if status, _, _ := post(t, srv, trigger("k")); status != 502 {
		t.Errorf("server error = %d", status)
	}
	if status, _, _ := post(t, srv, trigger("k")); status != 202 {
		t.Errorf("then = %d", status)
	}
	if s.Calls("POST /v2/enqueue") != 3 || len(s.Alerts()) != 1 {
		t.Errorf("calls %d alerts %d", s.Calls("POST /v2/enqueue"), len(s.Alerts()))
	}
}
