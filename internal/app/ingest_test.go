package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/webhook"
)

const (
	amToken      = "am-token-0123456789"
	ddToken      = "dd-token-0123456789"
	grafanaKey   = "grafana-shared-secret"
	genericKey   = "generic-shared-secret"
	slackSecret  = "slack-signing-secret"
	grafanaTSHdr = "X-Grafana-Alerting-Timestamp"
)

// serve starts the whole process in-process on engine d and waits until ready.
func serve(t *testing.T, d store.Dialect) (string, *store.Store) {
	t.Helper()
	dsn := storetest.DSN(t, d)
	st := storetest.OpenDSN(t, dsn)
	cfg := config.Default()
	cfg.DB, cfg.PollInterval, cfg.ShutdownTimeout = dsn, 50*time.Millisecond, 10*time.Second
	cfg.Sources = config.Sources{
		"alertmanager": {Auth: "bearer", Secret: amToken},
		"datadog":      {Auth: "bearer", Secret: ddToken},
		"grafana":      {Auth: "hmac", Secret: grafanaKey, TimestampHeader: grafanaTSHdr},
		"generic":      {Auth: "hmac", Secret: genericKey, SignatureHeader: "X-Warroom-Signature"},
	}
	cfg.Slack.SigningSecret = slackSecret
	cfg.Team = config.Team{
		Engineers: []config.Engineer{{ID: "alice"}, {ID: "bob"}},
		Rotations: []config.Rotation{{Name: "primary", Members: []string{"alice", "bob"}, Start: time.Now().Add(-time.Hour), ShiftHours: 24}},
		Services:  []config.Service{{Name: "checkout-api"}, {Name: "search-indexer"}},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.WithListener(ln))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + ln.Addr().String()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, st
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("not ready after 20s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func amPayload(status, fp string) []byte {
	ends := "0001-01-01T00:00:00Z"
	if status == "resolved" {
		ends = "2026-11-20T02:30:00Z"
	}
	return []byte(fmt.Sprintf(`{"version":"4","groupKey":"{}:{alertname=\"CheckoutErrors\"}","truncatedAlerts":0,
"status":%q,"receiver":"warroom","groupLabels":{"alertname":"CheckoutErrors"},
"commonLabels":{"alertname":"CheckoutErrors","service":"checkout-api","severity":"critical"},
"commonAnnotations":{"summary":"checkout-api 5xx ratio above 5%%"},"externalURL":"http://alertmanager.example:9093",
"alerts":[
 {"status":%q,"labels":{"alertname":"CheckoutErrors","service":"checkout-api","severity":"critical","pod":"checkout-1"},
  "annotations":{"summary":"checkout-api 5xx ratio above 5%%","description":"12%% of POST /pay fail"},
  "startsAt":"2026-11-20T02:10:00Z","endsAt":%q,"generatorURL":"http://prometheus.example/graph","fingerprint":"%s1"},
 {"status":%q,"labels":{"alertname":"CheckoutErrors","service":"checkout-api","severity":"critical","pod":"checkout-2"},
  "annotations":{"summary":"checkout-api 5xx ratio above 5%%"},
  "startsAt":"2026-11-20T02:10:05Z","endsAt":%q,"generatorURL":"http://prometheus.example/graph","fingerprint":"%s2"}]}`,
		status, status, ends, fp, status, ends, fp))
}

var grafanaBody = []byte(`{"receiver":"warroom","status":"firing","orgId":1,"version":"1","groupKey":"{}:{alertname=\"IndexLag\"}",
"truncatedAlerts":0,"groupLabels":{"alertname":"IndexLag"},"commonLabels":{"alertname":"IndexLag","service":"search-indexer"},
"commonAnnotations":{},"externalURL":"https://grafana.example/","title":"[FIRING:1] IndexLag","state":"alerting","message":"",
"alerts":[{"status":"firing","labels":{"alertname":"IndexLag","service":"search-indexer","severity":"warning"},
"annotations":{"summary":"search index 25 minutes behind"},"startsAt":"2026-11-20T02:00:00Z","endsAt":"0001-01-01T00:00:00Z",
"values":{"B":1520},"generatorURL":"https://grafana.example/alerting/grafana/abc/view","fingerprint":"9a8b7c6d5e4f3a2b",
"silenceURL":"https://grafana.example/alerting/silence/new","dashboardURL":"https://grafana.example/d/idx","panelURL":""}]}`)

var datadogBody = []byte(`{"body":"%%%\nDisk usage above 95% on db-7\n%%%","last_updated":"1795140000000","event_type":"metric_alert_monitor",
"title":"[Triggered] Disk usage high on db-7","date":"1795140000000","org":{"id":"12345","name":"Acme"},"id":"7730040511111111111"}`)

var genericBody = []byte(`{"source":"billing-recon","id":"recon-2026-11-20T02","status":"open","service":"ledger",
"severity":"critical","title":"312 payments missing from the ledger","message":"hourly reconciliation found gaps",
"occurred_at":"2026-11-20T02:05:00Z","environment":"production"}`)

func slackEvent(eventID, ts, text, extra string) []byte {
	return []byte(fmt.Sprintf(`{"token":"legacy","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":%q,
"event_time":1795140000,"event":{"type":"message","channel":"C0INCIDENT","channel_type":"channel","user":"U0ALICE",
"text":%q,"ts":%q,"event_ts":%q%s}}`, eventID, text, ts, ts, extra))
}

type req struct {
	name       string
	path       string
	ctype      string
	headers    map[string]string
	body       []byte
	want       int
	wantCode   string
	episodes   int64 // stored alert episodes after this request
	reports    int   // stored reports after this request
	wantInBody string
}

func grafanaHeaders(body []byte, ts int64, mangle func(string) string) map[string]string {
	t := strconv.FormatInt(ts, 10)
	sig := webhook.Signature([]byte(grafanaKey), t, body)
	if mangle != nil {
		sig = mangle(sig)
	}
	return map[string]string{"X-Grafana-Alerting-Signature": sig, grafanaTSHdr: t}
}

func slackHeaders(body []byte, ts int64, extra map[string]string) map[string]string {
	h := map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(ts, 10), "X-Slack-Signature": slackinbound.Sign(slackSecret, ts, body)}
	for k, v := range extra {
		h[k] = v
	}
	return h
}

func TestReceiversEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		base, st := serve(t, d)
		now := time.Now().Unix()
		bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
		slackMsg := slackEvent("Ev0001", "1795140000.000100", "<!here> checkout-api is down, customers get 502 on every payment", "")
		slackBot := slackEvent("Ev0003", "1795140000.000300", "deploy finished", `,"bot_id":"B0BOT","subtype":"bot_message"`)
		ddForm := []byte("payload=" + url.QueryEscape(string(datadogBody)))
		huge := append([]byte(`{"version":"4","alerts":[`), bytes.Repeat([]byte(" "), 2<<20)...)
		steps := []req{
			{name: "alertmanager firing", path: "/v1/alerts/alertmanager", headers: bearer(amToken), body: amPayload("firing", "aa"), want: 202, episodes: 2},
			{name: "alertmanager re-delivery is deduplicated", path: "/v1/alerts/alertmanager", headers: bearer(amToken), body: amPayload("firing", "aa"), want: 202, episodes: 2},
			{name: "alertmanager wrong token", path: "/v1/alerts/alertmanager", headers: bearer("nope"), body: amPayload("firing", "bb"), want: 401, wantCode: "unauthenticated", episodes: 2},
			{name: "alertmanager no credentials", path: "/v1/alerts/alertmanager", body: amPayload("firing", "bb"), want: 401, wantCode: "unauthenticated", episodes: 2},
			{name: "alertmanager wrong content type", path: "/v1/alerts/alertmanager", ctype: "text/plain", headers: bearer(amToken), body: amPayload("firing", "bb"), want: 415, wantCode: "unsupported_media_type", episodes: 2},
			{name: "alertmanager oversized body", path: "/v1/alerts/alertmanager", headers: bearer(amToken), body: huge, want: 413, wantCode: "body_too_large", episodes: 2},
			{name: "alertmanager not JSON", path: "/v1/alerts/alertmanager", headers: bearer(amToken), body: []byte(`{"version":"4",`), want: 400, wantCode: "malformed", episodes: 2},
			{name: "alertmanager wrong version", path: "/v1/alerts/alertmanager", headers: bearer(amToken), body: bytes.Replace(amPayload("firing", "bb"), []byte(`"version":"4"`), []byte(`"version":"3"`), 1), want: 400, wantCode: "malformed", episodes: 2},
			{name: "grafana signed", path: "/v1/alerts/grafana", headers: grafanaHeaders(grafanaBody, now, nil), body: grafanaBody, want: 202, episodes: 3},
			{name: "grafana replayed", path: "/v1/alerts/grafana", headers: grafanaHeaders(grafanaBody, now, nil), body: grafanaBody, want: 409, wantCode: "replayed", episodes: 3},
			{name: "grafana replayed with the signature respelled", path: "/v1/alerts/grafana", headers: grafanaHeaders(grafanaBody, now, func(s string) string { return "sha256=" + strings.ToUpper(s) }), body: grafanaBody, want: 409, wantCode: "replayed", episodes: 3},
			{name: "grafana stale timestamp", path: "/v1/alerts/grafana", headers: grafanaHeaders(grafanaBody, now-600, nil), body: grafanaBody, want: 401, wantCode: "stale_timestamp", episodes: 3},
			{name: "grafana forged signature", path: "/v1/alerts/grafana", headers: grafanaHeaders([]byte(`{}`), now+1, nil), body: grafanaBody, want: 401, wantCode: "unauthenticated", episodes: 3},
			{name: "datadog default payload", path: "/v1/alerts/datadog", headers: bearer(ddToken), body: datadogBody, want: 202, episodes: 4},
			{name: "datadog form encoding, same alert", path: "/v1/alerts/datadog", ctype: "application/x-www-form-urlencoded", headers: bearer(ddToken), body: ddForm, want: 202, episodes: 4},
			{name: "generic signed", path: "/v1/alerts", headers: map[string]string{"X-Warroom-Signature": webhook.Signature([]byte(genericKey), "", genericBody)}, body: genericBody, want: 202, episodes: 5},
			{name: "generic tampered body", path: "/v1/alerts", headers: map[string]string{"X-Warroom-Signature": webhook.Signature([]byte(genericKey), "", genericBody)}, body: bytes.Replace(genericBody, []byte("312"), []byte("3"), 1), want: 401, wantCode: "unauthenticated", episodes: 5},
			{name: "unknown receiver", path: "/v1/alerts/nagios", headers: bearer(amToken), body: amPayload("firing", "cc"), want: 404, wantCode: "not_found", episodes: 5},
			{name: "slack url_verification", path: "/v1/slack/events", headers: slackHeaders([]byte(`{"token":"x","challenge":"c-123","type":"url_verification"}`), now, nil), body: []byte(`{"token":"x","challenge":"c-123","type":"url_verification"}`), want: 200, episodes: 5, wantInBody: `"challenge":"c-123"`},
			{name: "slack message", path: "/v1/slack/events", headers: slackHeaders(slackMsg, now, nil), body: slackMsg, want: 200, episodes: 5, reports: 1},
			{name: "slack retry, re-signed", path: "/v1/slack/events", headers: slackHeaders(slackMsg, now+60, map[string]string{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}), body: slackMsg, want: 200, episodes: 5, reports: 1, wantInBody: `"duplicate":true`},
			{name: "slack retry with the same signature", path: "/v1/slack/events", headers: slackHeaders(slackMsg, now, map[string]string{"X-Slack-Retry-Num": "2"}), body: slackMsg, want: 200, episodes: 5, reports: 1, wantInBody: `"duplicate":true`},
			{name: "slack replay", path: "/v1/slack/events", headers: slackHeaders(slackMsg, now, nil), body: slackMsg, want: 409, wantCode: "replayed", episodes: 5, reports: 1},
			{name: "slack forged", path: "/v1/slack/events", headers: map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(now, 10), "X-Slack-Signature": "v0=" + strings.Repeat("0", 64)}, body: slackMsg, want: 401, wantCode: "unauthenticated", episodes: 5, reports: 1},
			{name: "slack stale", path: "/v1/slack/events", headers: slackHeaders(slackMsg, now-360, nil), body: slackMsg, want: 401, wantCode: "stale_timestamp", episodes: 5, reports: 1},
			{name: "slack bot message ignored", path: "/v1/slack/events", headers: slackHeaders(slackBot, now, nil), body: slackBot, want: 200, episodes: 5, reports: 1, wantInBody: `"ignored"`},
			{name: "slack malformed", path: "/v1/slack/events", headers: slackHeaders([]byte(`{"type":`), now, nil), body: []byte(`{"type":`), want: 400, wantCode: "malformed", episodes: 5, reports: 1},
		}
		for _, s := range steps {
			ctype := s.ctype
			if ctype == "" {
				ctype = "application/json"
			}
			r, _ := http.NewRequest(http.MethodPost, base+s.path, bytes.NewReader(s.body))
			r.Header.Set("Content-Type", ctype)
			for k, v := range s.headers {
				r.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != s.want {
				t.Fatalf("%s: status %d, want %d: %s", s.name, resp.StatusCode, s.want, body)
			}
			if s.want >= 400 {
				var eb struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(body, &eb); err != nil || eb.Error.Code != s.wantCode || eb.Error.Message == "" {
					t.Fatalf("%s: error body %s, want code %q", s.name, body, s.wantCode)
				}
			}
			if s.wantInBody != "" && !strings.Contains(string(body), s.wantInBody) {
				t.Fatalf("%s: body %s lacks %s", s.name, body, s.wantInBody)
			}
			episodes, _, err := st.AlertCounts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			reports, _ := st.ListReports(context.Background(), 100)
			if episodes != s.episodes || len(reports) != s.reports {
				t.Fatalf("%s: stored %d alerts and %d reports, want %d and %d", s.name, episodes, len(reports), s.episodes, s.reports)
			}
		}

		// Grouping runs as a step after the acknowledgements: the checkout
		// alerts and the Slack outage report share one incident (same service).
		storetest.WaitForGrouping(t, st, 20*time.Second)
		incs, err := st.ListIncidents(context.Background(), store.IncidentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		byService := map[string]int{}
		for _, inc := range incs {
			byService[inc.Service]++
		}
		if byService["checkout-api"] != 1 || byService["search-indexer"] != 1 || byService["ledger"] != 1 {
			t.Fatalf("incidents by service = %v", byService)
		}
		reports, _ := st.ListReports(context.Background(), 10)
		if reports[0].Decision != "incident" || reports[0].Service != "checkout-api" {
			t.Fatalf("slack report decided as %+v", reports[0])
		}
		inc, err := st.GetIncident(context.Background(), reports[0].IncidentID)
		if err != nil {
			t.Fatal(err)
		}
		// The built-in agent triaged every new incident: a severity, a summary, proposals waiting for the owner.
		for _, i := range incs {
			deadline := time.Now().Add(20 * time.Second)
			for {
				evs, err := st.ListEvents(context.Background(), i.ID, 0, 0)
				if err != nil {
					t.Fatal(err)
				}
				// Later alerts or reports may join after the agent finished: look for the summary anywhere.
				if slices.ContainsFunc(evs, func(ev incident.Event) bool { return ev.Type == incident.EventSummary }) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("incident %s (%s) was not triaged", i.ID, i.Service)
				}
				time.Sleep(20 * time.Millisecond)
			}
			got, _ := st.GetIncident(context.Background(), i.ID)
			acts, _ := st.ListActions(context.Background(), i.ID)
			if got.Severity == "" || len(acts) == 0 {
				evs, _ := st.ListEvents(context.Background(), i.ID, 0, 0)
				for _, ev := range evs {
					t.Logf("%s %s", ev.Type, ev.Data)
				}
				t.Fatalf("incident %s: severity %q, %d actions", i.Service, got.Severity, len(acts))
			}
		}
		// The checkout alerts opened it; the report joined it. Its alert.received
		// title is the alert's; a report-opened incident would not start with Slack markup.
		if strings.Contains(inc.Title, "<!") {
			t.Fatalf("incident title carries Slack markup: %q", inc.Title)
		}
	})
}
