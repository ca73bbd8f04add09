package webhook

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

const formCT = "application/x-www-form-urlencoded; charset=utf-8"

func TestParseDatadogDefaultPayload(t *testing.T) {
	body := readTestdata(t, "datadog_default.json")
	alerts, err := ParseDatadog(body, "application/json")
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "datadog")
	if len(alerts) != 1 {
		t.Fatalf("got %d alerts", len(alerts))
	}
	a := alerts[0]
	checks := []struct{ name, got, want string }{
		{"Status", string(a.Status), "firing"},
		{"Title", a.Title, "High CPU on web hosts"},
		{"Fingerprint", a.Fingerprint, hashParts("High CPU on web hosts")},
		{"Description", a.Description, "CPU usage is above 90% on web-7"},
		{"Service", a.Service, ""},
		{"event_id", a.Annotations["event_id"], "7001234567890123456"},
		{"event_type", a.Annotations["event_type"], "query_alert_monitor"},
		{"org_id", a.Annotations["org_id"], "123456"},
		{"org_name", a.Annotations["org_name"], "Example Org"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC); !a.StartsAt.Equal(want) {
		t.Errorf("StartsAt = %v, want %v", a.StartsAt, want)
	}
	if !bytes.Equal(a.Raw, bytes.TrimSpace(body)) {
		t.Errorf("Raw = %s, want the body", a.Raw)
	}

	// The recovery of the same monitor group has the same fingerprint.
	m := decodeMap(t, body)
	m["title"] = "[Recovered on {host:web-7}] High CPU on web hosts"
	rec, err := ParseDatadog(mustJSON(t, m), "application/json")
	if err != nil {
		t.Fatal(err)
	}
	if rec[0].Status != incident.AlertResolved {
		t.Errorf("[Recovered] title: Status = %q", rec[0].Status)
	}
	if rec[0].Fingerprint != a.Fingerprint {
		t.Errorf("recovered fingerprint %q != triggered %q", rec[0].Fingerprint, a.Fingerprint)
	}
}

func TestParseDatadogCustomPayload(t *testing.T) {
	trig, err := ParseDatadog(readTestdata(t, "datadog_custom_triggered.json"), "application/json")
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, trig, "datadog")
	a := trig[0]
	checks := []struct{ name, got, want string }{
		{"Status", string(a.Status), "firing"},
		{"Fingerprint", a.Fingerprint, "5f3c1a7b9e2d4c6a8b0e1f2a3b4c5d6e"},
		{"Title", a.Title, "Cart API p95 latency high"},
		{"Service", a.Service, "cart-api"},
		{"Severity", a.Severity, "P2"},
		{"Description", a.Description, "p95 latency is 2.3s over the last 10m."},
		{"URL", a.URL, "https://app.datadoghq.com/event/event?id=7001234567890123456"},
		{"org_id (number)", a.Annotations["org_id"], "123456"},
		{"alert_transition", a.Annotations["alert_transition"], "Triggered"},
		{"alert_cycle_key", a.Annotations["alert_cycle_key"], "7001234567890000000"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	wantLabels := map[string]string{"service": "cart-api", "env": "prod", "team": "checkout", "monitor": ""}
	if !eqMap(a.Labels, wantLabels) {
		t.Errorf("Labels = %v, want %v", a.Labels, wantLabels)
	}
	if want := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC); !a.StartsAt.Equal(want) {
		t.Errorf("StartsAt = %v, want %v (numeric date)", a.StartsAt, want)
	}

	rec, err := ParseDatadog(readTestdata(t, "datadog_custom_recovered.json"), "application/json")
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, rec, "datadog")
	r := rec[0]
	if r.Status != incident.AlertResolved {
		t.Errorf("Recovered: Status = %q", r.Status)
	}
	if r.Fingerprint != a.Fingerprint {
		t.Errorf("Recovered fingerprint %q != triggered %q", r.Fingerprint, a.Fingerprint)
	}
	if r.Service != "cart-api" || r.Labels["team"] != "checkout" {
		t.Errorf("array tags not mapped: service %q labels %v", r.Service, r.Labels)
	}
	if r.Severity != "P2" {
		t.Errorf("Severity = %q", r.Severity)
	}
	if want := time.Date(2030, 1, 1, 1, 0, 0, 0, time.UTC); !r.StartsAt.Equal(want) || !r.EndsAt.Equal(want) {
		t.Errorf("StartsAt %v EndsAt %v, want both %v", r.StartsAt, r.EndsAt, want)
	}
}

// ddMinimal is a small custom payload for status and time variants.
func ddMinimal() map[string]any {
	return map[string]any{
		"title":            "[Triggered] Queue depth high",
		"date":             "1893456000000",
		"alert_transition": "Triggered",
		"alert_type":       "error",
		"tags":             "service:queue-svc",
	}
}

func TestParseDatadogStatus(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   incident.AlertStatus
	}{
		{"triggered", func(m map[string]any) {}, incident.AlertFiring},
		{"transition Recovered", func(m map[string]any) { m["alert_transition"] = "Recovered" }, incident.AlertResolved},
		{"transition recovered lowercase", func(m map[string]any) { m["alert_transition"] = "recovered" }, incident.AlertResolved},
		{"alert_type success", func(m map[string]any) { m["alert_type"] = "success" }, incident.AlertResolved},
		{"title [Recovered]", func(m map[string]any) {
			m["title"] = "[Recovered] Queue depth high"
			delete(m, "alert_transition")
			delete(m, "alert_type")
		}, incident.AlertResolved},
		{"title [P1] [Recovered on]", func(m map[string]any) {
			m["title"] = "[P1] [Recovered on {env:prod}] Queue depth high"
		}, incident.AlertResolved},
		{"warn", func(m map[string]any) { m["alert_transition"] = "Warn"; m["alert_type"] = "warning" }, incident.AlertFiring},
		{"no data", func(m map[string]any) { m["alert_transition"] = "No Data" }, incident.AlertFiring},
		{"re-triggered", func(m map[string]any) { m["alert_transition"] = "Re-Triggered" }, incident.AlertFiring},
		{"title mentions recovered later", func(m map[string]any) {
			m["title"] = "[Triggered] Not [Recovered] yet"
		}, incident.AlertFiring},
	}
	var fps []string
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ddMinimal()
			tc.mutate(m)
			alerts, err := ParseDatadog(mustJSON(t, m), "application/json")
			if err != nil {
				t.Fatal(err)
			}
			checkAlerts(t, alerts, "datadog")
			if alerts[0].Status != tc.want {
				t.Errorf("Status = %q, want %q", alerts[0].Status, tc.want)
			}
			if tc.name != "title mentions recovered later" {
				fps = append(fps, alerts[0].Fingerprint)
			}
		})
	}
	for _, fp := range fps {
		if fp != fps[0] {
			t.Errorf("title prefixes changed the fingerprint: %v", fps)
			break
		}
	}
}

func TestParseDatadogFingerprintFallbacks(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   string
	}{
		{"aggreg_key", func(m map[string]any) { m["aggreg_key"] = "ak1"; m["alert_id"] = "42" }, "ak1"},
		{"alert_id and scope", func(m map[string]any) { m["alert_id"] = "42"; m["alert_scope"] = "env:prod" }, "42:env:prod"},
		{"alert_id number", func(m map[string]any) { m["alert_id"] = 42 }, "42"},
		{"title hash", func(m map[string]any) {}, hashParts("Queue depth high")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ddMinimal()
			tc.mutate(m)
			alerts, err := ParseDatadog(mustJSON(t, m), "")
			if err != nil {
				t.Fatal(err)
			}
			if alerts[0].Fingerprint != tc.want {
				t.Errorf("Fingerprint = %q, want %q", alerts[0].Fingerprint, tc.want)
			}
		})
	}
}

func TestParseDatadogTimes(t *testing.T) {
	want := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   time.Time
	}{
		{"ms string", func(m map[string]any) {}, want},
		{"ms number", func(m map[string]any) { m["date"] = 1893456000000 }, want},
		{"ms float", func(m map[string]any) { m["date"] = json.Number("1.893456e12") }, want},
		{"seconds", func(m map[string]any) { m["date"] = "1893456000" }, want},
		{"rfc3339", func(m map[string]any) { m["date"] = "2030-01-01T01:00:00+01:00" }, want},
		{"last_updated fallback", func(m map[string]any) { delete(m, "date"); m["last_updated"] = "1893456000000" }, want},
		{"blank date, last_updated", func(m map[string]any) { m["date"] = ""; m["last_updated"] = 1893456000000 }, want},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ddMinimal()
			tc.mutate(m)
			alerts, err := ParseDatadog(mustJSON(t, m), "application/json")
			if err != nil {
				t.Fatal(err)
			}
			if !alerts[0].StartsAt.Equal(tc.want) {
				t.Errorf("StartsAt = %v, want %v", alerts[0].StartsAt, tc.want)
			}
		})
	}
}

func TestParseDatadogFormEncoding(t *testing.T) {
	jsonBody := readTestdata(t, "datadog_custom_triggered.json")
	want, err := ParseDatadog(jsonBody, "application/json")
	if err != nil {
		t.Fatal(err)
	}
	m := decodeMap(t, jsonBody)
	flat := url.Values{}
	for k, v := range m {
		switch v := v.(type) {
		case string:
			flat.Set(k, v)
		default:
			flat.Set(k, string(mustJSON(t, v)))
		}
	}
	tests := []struct {
		name string
		body string
		ct   string
	}{
		{"payload field", url.Values{"payload": {string(jsonBody)}}.Encode(), formCT},
		{"whole body URL-encoded", url.QueryEscape(string(jsonBody)), formCT},
		{"top-level fields as form fields", flat.Encode(), formCT},
		{"form without content type", url.Values{"payload": {string(jsonBody)}}.Encode(), ""},
		{"raw JSON with form content type", string(jsonBody), formCT},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alerts, err := ParseDatadog([]byte(tc.body), tc.ct)
			if err != nil {
				t.Fatal(err)
			}
			checkAlerts(t, alerts, "datadog")
			got, w := alerts[0], want[0]
			if got.Fingerprint != w.Fingerprint || got.Title != w.Title || got.Service != w.Service ||
				got.Status != w.Status || !got.StartsAt.Equal(w.StartsAt) || got.Severity != w.Severity ||
				!eqMap(got.Labels, w.Labels) || got.Annotations["org_id"] != w.Annotations["org_id"] {
				t.Errorf("form-encoded alert differs:\n got  %+v\n want %+v", got, w)
			}
			var obj map[string]any
			if err := json.Unmarshal(got.Raw, &obj); err != nil || obj["aggreg_key"] != "5f3c1a7b9e2d4c6a8b0e1f2a3b4c5d6e" {
				t.Errorf("Raw is not the decoded payload: %s", got.Raw)
			}
		})
	}
}

func TestParseDatadogMalformed(t *testing.T) {
	tests := []struct {
		name  string
		body  []byte
		ct    string
		field string
	}{
		{name: "empty", body: nil, ct: "application/json", field: "body"},
		{name: "not JSON", body: []byte("hello"), ct: "application/json", field: "body"},
		{name: "array", body: []byte(`[{"title":"x"}]`), ct: "application/json", field: "body"},
		{name: "form payload not JSON", body: []byte("payload=hello"), ct: formCT, field: "payload"},
		{name: "bad form escape", body: []byte("payload=%zz"), ct: formCT, field: "body"},
	}
	mutations := []struct {
		name   string
		mutate func(m map[string]any)
		field  string
	}{
		{"missing title", func(m map[string]any) { delete(m, "title") }, "title"},
		{"blank title", func(m map[string]any) { m["title"] = " " }, "title"},
		{"title object", func(m map[string]any) { m["title"] = map[string]any{} }, "title"},
		{"missing date", func(m map[string]any) { delete(m, "date") }, "date"},
		{"unexpanded date", func(m map[string]any) { m["date"] = "$DATE" }, "date"},
		{"zero date", func(m map[string]any) { m["date"] = 0 }, "date"},
		{"negative date", func(m map[string]any) { m["date"] = "-5" }, "date"},
		{"huge date", func(m map[string]any) { m["date"] = 1e16 }, "date"},
		{"hex float date", func(m map[string]any) { m["date"] = "0x1p40" }, "date"},
		{"NaN date", func(m map[string]any) { m["date"] = "NaN" }, "date"},
		{"year 10000 RFC 3339 date", func(m map[string]any) { m["date"] = "9999-12-31T23:00:00-02:00" }, "date"},
		{"bad last_updated", func(m map[string]any) { delete(m, "date"); m["last_updated"] = "later" }, "last_updated"},
		{"tags number", func(m map[string]any) { m["tags"] = 3 }, "tags"},
		{"tags array of numbers", func(m map[string]any) { m["tags"] = []any{"a:b", 3} }, "tags[1]"},
		{"org number", func(m map[string]any) { m["org"] = 5 }, "org"},
		{"org id object", func(m map[string]any) { m["org"] = map[string]any{"id": map[string]any{}} }, "org.id"},
		{"alert_transition array", func(m map[string]any) { m["alert_transition"] = []any{} }, "alert_transition"},
	}
	for _, mu := range mutations {
		m := ddMinimal()
		mu.mutate(m)
		tests = append(tests, struct {
			name  string
			body  []byte
			ct    string
			field string
		}{mu.name, mustJSON(t, m), "application/json", mu.field})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alerts, err := ParseDatadog(tc.body, tc.ct)
			if alerts != nil {
				t.Errorf("alerts with error: %v", alerts)
			}
			wantMalformed(t, err, tc.field)
		})
	}
}

func TestStripDatadogPrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[Triggered] CPU high", "CPU high"},
		{"[Re-Triggered on {host:a}] CPU high", "CPU high"},
		{"[P1] [Warn] CPU high", "CPU high"},
		{"[No Data] CPU high", "CPU high"},
		{"[Recovered from Warn] CPU high", "CPU high"},
		{"[prod] CPU high", "[prod] CPU high"},
		{"[Triggered CPU high", "[Triggered CPU high"},
		{"CPU high", "CPU high"},
	}
	for _, tc := range tests {
		if got := stripDatadogPrefix(tc.in); got != tc.want {
			t.Errorf("stripDatadogPrefix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseDatadogServiceFromScope(t *testing.T) {
	tests := []struct {
		name        string
		payload     map[string]any
		wantService string
		wantEnv     string
	}{
		{"title group", map[string]any{"title": "[Triggered on {env:prod,service:billing-api}] [P2] Errors high"}, "billing-api", "prod"},
		{"alert_scope wins over the title", map[string]any{
			"title": "[Triggered on {service:other}] Errors high", "alert_scope": "service:billing-api,region:eu"}, "billing-api", ""},
		{"tags win over the scope", map[string]any{
			"title": "[Triggered on {service:billing-api}] Errors high", "tags": "service:ledger,env:stage"}, "ledger", "stage"},
		{"re-triggered, alert_title", map[string]any{
			"title": "Errors high", "alert_title": "[P1] [Re-Triggered on {host:a,app:thumbnailer}] Errors high"}, "thumbnailer", ""},
		{"bare tags and exclusions are not labels", map[string]any{"title": "[Triggered on {canary,!service:x}] Errors high"}, "", ""},
		{"no scope", map[string]any{"title": "[Triggered] Errors high"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.payload["date"] = 1796902872000
			body, err := json.Marshal(tc.payload)
			if err != nil {
				t.Fatal(err)
			}
			alerts, err := ParseDatadog(body, "application/json")
			if err != nil {
				t.Fatal(err)
			}
			if got := alerts[0].Service; got != tc.wantService {
				t.Errorf("service = %q, want %q", got, tc.wantService)
			}
			if got := alerts[0].Labels["env"]; got != tc.wantEnv {
				t.Errorf("env label = %q, want %q", got, tc.wantEnv)
			}
			if alerts[0].Title != "Errors high" {
				t.Errorf("title = %q", alerts[0].Title)
			}
		})
	}
}
