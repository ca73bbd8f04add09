package webhook

import (
	"bytes"
	"testing"

	"github.com/warroom/warroom/internal/incident"
)

func TestParseGenericSingle(t *testing.T) {
	body := readTestdata(t, "generic_single.json")
	alerts, err := ParseGeneric(body)
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "generic")
	if len(alerts) != 1 {
		t.Fatalf("got %d alerts", len(alerts))
	}
	a := alerts[0]
	checks := []struct{ name, got, want string }{
		{"Fingerprint (id)", a.Fingerprint, "audit-run-2030-02-03"},
		{"Status (open)", string(a.Status), "firing"},
		{"Service", a.Service, "payout-writer"},
		{"Title", a.Title, "312 payouts missing from the payout ledger"},
		{"Description (message)", a.Description, "The nightly audit found 312 bank payouts with no ledger entry."},
		{"Severity", a.Severity, "critical"},
		{"Labels[environment]", a.Labels["environment"], "production"},
		{"Labels[source]", a.Labels["source"], "nightly-audit"},
		{"URL", a.URL, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := mustTime(t, "2030-02-03T04:05:06Z"); !a.StartsAt.Equal(want) {
		t.Errorf("StartsAt = %v, want %v (occurred_at)", a.StartsAt, want)
	}
	// Unknown fields (window, counts, links) are kept in Raw, which is the body.
	if !bytes.Equal(a.Raw, bytes.TrimSpace(body)) {
		t.Errorf("Raw is not the body as received")
	}
	if !bytes.Contains(a.Raw, []byte(`"counts"`)) {
		t.Errorf("Raw lost unknown fields")
	}
}

func TestParseGenericBatch(t *testing.T) {
	body := readTestdata(t, "generic_batch.json")
	alerts, err := ParseGeneric(body)
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "generic")
	if len(alerts) != 2 {
		t.Fatalf("got %d alerts, want 2", len(alerts))
	}
	a, b := alerts[0], alerts[1]
	checks := []struct{ name, got, want string }{
		{"a.Fingerprint", a.Fingerprint, "disk-db-1"},
		{"a.Status", string(a.Status), "firing"},
		{"a.Service", a.Service, "orders-db"},
		{"a.Description", a.Description, "/var/lib/postgresql grew 20% in the last hour."},
		{"a.URL", a.URL, "https://monitor.example.com/checks/disk-db-1"},
		{"a.Labels[host]", a.Labels["host"], "db-1"},
		{"a.Annotations[runbook]", a.Annotations["runbook"], "https://wiki.example.com/runbooks/disk"},
		{"b.Fingerprint (numeric dedup_key)", b.Fingerprint, "4242"},
		{"b.Status (Recovered)", string(b.Status), "resolved"},
		{"b.Title (summary)", b.Title, "Certificate renewal job failed"},
		{"b.Service (component label)", b.Service, "cert-renewer"},
		{"b.URL (link)", b.URL, "https://ci.example.com/jobs/99"},
		{"b.Severity (number)", b.Severity, "2"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := mustTime(t, "2030-03-01T10:00:00.5Z"); !b.StartsAt.Equal(want) {
		t.Errorf("b.StartsAt = %v, want %v (timestamp alias)", b.StartsAt, want)
	}
	if want := mustTime(t, "2030-03-01T12:30:00Z"); !b.EndsAt.Equal(want) {
		t.Errorf("b.EndsAt = %v, want %v (resolved_at)", b.EndsAt, want)
	}
	if !bytes.Contains(body, a.Raw) || bytes.Contains(a.Raw, []byte("4242")) {
		t.Errorf("a.Raw is not its element: %s", a.Raw)
	}
}

func TestParseGenericStatusAliases(t *testing.T) {
	tests := []struct {
		status any
		want   incident.AlertStatus
	}{
		{nil, incident.AlertFiring},
		{"", incident.AlertFiring},
		{"firing", incident.AlertFiring},
		{"TRIGGERED", incident.AlertFiring},
		{"open", incident.AlertFiring},
		{"Active", incident.AlertFiring},
		{"problem", incident.AlertFiring},
		{"resolved", incident.AlertResolved},
		{"Closed", incident.AlertResolved},
		{"ok", incident.AlertResolved},
		{"OK", incident.AlertResolved},
		{"recovered", incident.AlertResolved},
	}
	for _, tc := range tests {
		m := map[string]any{"title": "t", "starts_at": "2030-01-01T00:00:00Z", "ends_at": "2030-01-01T01:00:00Z"}
		if tc.status != nil {
			m["status"] = tc.status
		}
		alerts, err := ParseGeneric(mustJSON(t, m))
		if err != nil {
			t.Fatalf("status %v: %v", tc.status, err)
		}
		checkAlerts(t, alerts, "generic")
		a := alerts[0]
		if a.Status != tc.want {
			t.Errorf("status %v: got %q, want %q", tc.status, a.Status, tc.want)
		}
		if tc.want == incident.AlertResolved && !a.EndsAt.Equal(mustTime(t, "2030-01-01T01:00:00Z")) {
			t.Errorf("status %v: EndsAt = %v", tc.status, a.EndsAt)
		}
	}
}

func TestParseGenericFingerprint(t *testing.T) {
	fp := func(body string) string {
		t.Helper()
		alerts, err := ParseGeneric([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		return alerts[0].Fingerprint
	}
	base := fp(`{"title":"Backup failed","service":"db","labels":{"a":"1","b":"2"},"starts_at":"2030-01-01T00:00:00Z"}`)
	same := fp(`{"starts_at":"2030-01-02T00:00:00Z","labels":{"b":"2","a":"1"},"service":"db","status":"resolved","title":"Backup failed","description":"other"}`)
	if base != same {
		t.Errorf("same service, title and labels in another order: %q != %q", base, same)
	}
	for name, body := range map[string]string{
		"other service": `{"title":"Backup failed","service":"db2","labels":{"a":"1","b":"2"},"starts_at":"2030-01-01T00:00:00Z"}`,
		"other title":   `{"title":"Backup slow","service":"db","labels":{"a":"1","b":"2"},"starts_at":"2030-01-01T00:00:00Z"}`,
		"other label":   `{"title":"Backup failed","service":"db","labels":{"a":"1","b":"3"},"starts_at":"2030-01-01T00:00:00Z"}`,
		"environment":   `{"title":"Backup failed","service":"db","environment":"prod","labels":{"a":"1","b":"2"},"starts_at":"2030-01-01T00:00:00Z"}`,
	} {
		if got := fp(body); got == base {
			t.Errorf("%s: fingerprint unchanged %q", name, got)
		}
	}
	// Explicit identity wins, in alias order.
	if got := fp(`{"fingerprint":"f","id":"i","dedup_key":"d","title":"t","starts_at":"2030-01-01T00:00:00Z"}`); got != "f" {
		t.Errorf("fingerprint alias order: got %q", got)
	}
	if got := fp(`{"fingerprint":"","id":"i","dedup_key":"d","title":"t","starts_at":"2030-01-01T00:00:00Z"}`); got != "i" {
		t.Errorf("blank fingerprint should fall through to id: got %q", got)
	}
	if got := fp(`{"dedup_key":"d","title":"t","starts_at":"2030-01-01T00:00:00Z"}`); got != "d" {
		t.Errorf("dedup_key: got %q", got)
	}
}

func TestParseGenericOverrides(t *testing.T) {
	alerts, err := ParseGeneric([]byte(`{"title":"t","starts_at":"2030-01-01T00:00:00Z","status":"firing",
		"ends_at":"2030-01-01T01:00:00Z","environment":"prod","source":"cron",
		"labels":{"environment":"dev","source":"x","service_name":"from-label"}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := alerts[0]
	if a.Labels["environment"] != "prod" || a.Labels["source"] != "cron" {
		t.Errorf("top-level environment/source should win: %v", a.Labels)
	}
	if a.Service != "from-label" {
		t.Errorf("Service = %q, want service_name label", a.Service)
	}
	if !a.EndsAt.IsZero() {
		t.Errorf("firing alert EndsAt = %v, want zero", a.EndsAt)
	}
	if a.Source != "generic" {
		t.Errorf("Source = %q", a.Source)
	}
}

func TestParseGenericMalformed(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		field string
	}{
		{"not JSON", `title: x`, "body"},
		{"empty", ``, "body"},
		{"array", `[{"title":"t","starts_at":"2030-01-01T00:00:00Z"}]`, "body"},
		{"empty alerts", `{"alerts":[]}`, "alerts"},
		{"null alerts", `{"alerts":null}`, "alerts"},
		{"alerts object", `{"alerts":{"title":"t"}}`, "alerts"},
		{"alert not object", `{"alerts":[1]}`, "alerts[0]"},
		{"missing title", `{"starts_at":"2030-01-01T00:00:00Z"}`, "title"},
		{"title number", `{"title":5,"starts_at":"2030-01-01T00:00:00Z"}`, "title"},
		{"summary number", `{"title":"t","summary":5,"starts_at":"2030-01-01T00:00:00Z"}`, "summary"},
		{"missing starts_at", `{"title":"t"}`, "starts_at"},
		{"bad occurred_at", `{"title":"t","occurred_at":"Tuesday"}`, "occurred_at"},
		{"epoch timestamp", `{"title":"t","timestamp":1893456000}`, "timestamp"},
		{"zero starts_at", `{"title":"t","starts_at":"0001-01-01T00:00:00Z"}`, "starts_at"},
		{"bad ends_at", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","ends_at":"never"}`, "ends_at"},
		{"bad status", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","status":"snoozed"}`, "status"},
		{"status number", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","status":1}`, "status"},
		{"label number", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","labels":{"count":3}}`, "labels.count"},
		{"label null", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","labels":{"x":null}}`, "labels.x"},
		{"labels string", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","labels":"a=b"}`, "labels"},
		{"annotation object", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","annotations":{"x":{}}}`, "annotations.x"},
		{"fingerprint object", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","fingerprint":{}}`, "fingerprint"},
		{"id bool", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","id":true}`, "id"},
		{"service number", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","service":1}`, "service"},
		{"environment number", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","environment":1}`, "environment"},
		{"url number", `{"title":"t","starts_at":"2030-01-01T00:00:00Z","url":1}`, "url"},
		{"batch second bad", `{"alerts":[{"title":"t","starts_at":"2030-01-01T00:00:00Z"},{"title":"t"}]}`, "alerts[1].starts_at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alerts, err := ParseGeneric([]byte(tc.body))
			if alerts != nil {
				t.Errorf("alerts with error: %v", alerts)
			}
			wantMalformed(t, err, tc.field)
		})
	}
}

// Raw must not alias the request body, which the caller may reuse.
func TestRawDoesNotAliasBody(t *testing.T) {
	parsers := map[string]func([]byte) ([]incident.Alert, error){
		"alertmanager": ParseAlertmanager,
		"grafana":      ParseGrafana,
		"generic":      ParseGeneric,
		"datadog":      func(b []byte) ([]incident.Alert, error) { return ParseDatadog(b, "application/json") },
	}
	files := map[string]string{
		"alertmanager": "alertmanager_firing.json",
		"grafana":      "grafana_firing.json",
		"generic":      "generic_single.json",
		"datadog":      "datadog_default.json",
	}
	for name, parse := range parsers {
		body := readTestdata(t, files[name])
		alerts, err := parse(body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		before := string(alerts[0].Raw)
		for i := range body {
			body[i] = 'x'
		}
		if string(alerts[0].Raw) != before {
			t.Errorf("%s: Raw changed when the body buffer was overwritten", name)
		}
	}
}
