package webhook

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/incident"
)

func TestParseAlertmanagerFiring(t *testing.T) {
	body := readTestdata(t, "alertmanager_firing.json")
	alerts, err := ParseAlertmanager(body)
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "alertmanager")
	if len(alerts) != 2 {
		t.Fatalf("got %d alerts, want 2", len(alerts))
	}

	a := alerts[0]
	checks := []struct {
		name, got, want string
	}{
		{"Fingerprint", a.Fingerprint, "0a1b2c3d4e5f6071"},
		{"Status", string(a.Status), "firing"},
		{"Service", a.Service, "invoice-worker"},
		{"Title", a.Title, "invoices-high backlog is 12k messages"},
		{"Description", a.Description, "Queue depth above 10k for 15m."},
		{"Severity", a.Severity, "warning"},
		{"URL", a.URL, "https://prom.example.com/graph?g0.expr=queue_depth%3E10000"},
		{"Labels[queue]", a.Labels["queue"], "invoices-high"},
		{"Annotations[runbook_url]", a.Annotations["runbook_url"], "https://runbooks.example.com/billing/backlog"},
		{"Group", a.Group, `{}/{team="billing"}:{alertname="InvoiceQueueBacklog"}`},
		{"alerts[1].Group", alerts[1].Group, `{}/{team="billing"}:{alertname="InvoiceQueueBacklog"}`},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("alerts[0].%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := mustTime(t, "2030-01-02T03:04:05.123Z"); !a.StartsAt.Equal(want) {
		t.Errorf("StartsAt = %v, want %v", a.StartsAt, want)
	}
	if !a.EndsAt.IsZero() {
		t.Errorf("EndsAt = %v, want zero", a.EndsAt)
	}
	// Raw is the element exactly as received.
	if !bytes.Contains(body, a.Raw) || !bytes.HasPrefix(a.Raw, []byte("{")) || !bytes.Contains(a.Raw, []byte(`"invoices-high"`)) {
		t.Errorf("Raw is not the first element as received: %s", a.Raw)
	}
	if bytes.Contains(a.Raw, []byte("invoices-low")) {
		t.Errorf("Raw of alerts[0] contains alerts[1]: %s", a.Raw)
	}

	b := alerts[1]
	wantLabels := map[string]string{
		"alertname": "InvoiceQueueBacklog", "queue": "invoices-low", "app": "invoice-worker-low",
		"team": "billing", "env": "staging", "severity": "warning", // from commonLabels
	}
	if !eqMap(b.Labels, wantLabels) {
		t.Errorf("alerts[1].Labels = %v, want %v", b.Labels, wantLabels)
	}
	if b.Service != "invoice-worker-low" {
		t.Errorf("alerts[1].Service = %q, want app label", b.Service)
	}
	if b.Title != "InvoiceQueueBacklog" {
		t.Errorf("alerts[1].Title = %q, want alertname", b.Title)
	}
	if b.Fingerprint != LabelsFingerprint(wantLabels) {
		t.Errorf("alerts[1].Fingerprint = %q, want hash of labels %q", b.Fingerprint, LabelsFingerprint(wantLabels))
	}
	if want := mustTime(t, "2030-01-02T01:10:00Z"); !b.StartsAt.Equal(want) || b.StartsAt.Location().String() != "UTC" {
		t.Errorf("alerts[1].StartsAt = %v, want %v in UTC", b.StartsAt, want)
	}
	if !b.EndsAt.IsZero() {
		t.Errorf("firing alert with a future endsAt: EndsAt = %v, want zero", b.EndsAt)
	}
}

func TestParseAlertmanagerResolved(t *testing.T) {
	alerts, err := ParseAlertmanager(readTestdata(t, "alertmanager_resolved.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "alertmanager")
	if len(alerts) != 1 {
		t.Fatalf("got %d alerts", len(alerts))
	}
	a := alerts[0]
	if a.Status != incident.AlertResolved {
		t.Errorf("Status = %q", a.Status)
	}
	if want := mustTime(t, "2030-01-02T04:00:00Z"); !a.EndsAt.Equal(want) {
		t.Errorf("EndsAt = %v, want %v", a.EndsAt, want)
	}
	if a.Fingerprint != "0a1b2c3d4e5f6071" {
		t.Errorf("Fingerprint = %q", a.Fingerprint)
	}
}

func TestParseAlertmanagerResolvedZeroEndsAt(t *testing.T) {
	m := decodeMap(t, readTestdata(t, "alertmanager_resolved.json"))
	firstAlert(m)["endsAt"] = "0001-01-01T00:00:00Z"
	alerts, err := ParseAlertmanager(mustJSON(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if !alerts[0].EndsAt.IsZero() {
		t.Errorf("EndsAt = %v, want zero for 0001-01-01T00:00:00Z", alerts[0].EndsAt)
	}
}

func TestParseAlertmanagerMalformed(t *testing.T) {
	base := readTestdata(t, "alertmanager_firing.json")
	tests := []struct {
		name   string
		body   []byte
		mutate func(m map[string]any)
		field  string
	}{
		{name: "not JSON", body: []byte("version=4"), field: "body"},
		{name: "truncated JSON", body: base[:len(base)/2], field: "body"},
		{name: "empty body", body: []byte("  "), field: "body"},
		{name: "array body", body: []byte(`[{"version":"4"}]`), field: "body"},
		{name: "null body", body: []byte(`null`), field: "body"},
		{name: "missing version", mutate: func(m map[string]any) { delete(m, "version") }, field: "version"},
		{name: "numeric version", mutate: func(m map[string]any) { m["version"] = 4 }, field: "version"},
		{name: "old version", mutate: func(m map[string]any) { m["version"] = "3" }, field: "version"},
		{name: "grafana version", mutate: func(m map[string]any) { m["version"] = "1" }, field: "version"},
		{name: "missing alerts", mutate: func(m map[string]any) { delete(m, "alerts") }, field: "alerts"},
		{name: "empty alerts", mutate: func(m map[string]any) { m["alerts"] = []any{} }, field: "alerts: empty"},
		{name: "alerts object", mutate: func(m map[string]any) { m["alerts"] = map[string]any{} }, field: "alerts"},
		{name: "alert not object", mutate: func(m map[string]any) { m["alerts"] = []any{"x"} }, field: "alerts[0]"},
		{name: "bad commonLabels", mutate: func(m map[string]any) { m["commonLabels"] = map[string]any{"n": 1} }, field: "commonLabels.n"},
		{name: "missing status", mutate: func(m map[string]any) { delete(firstAlert(m), "status") }, field: "alerts[0].status"},
		{name: "bad status", mutate: func(m map[string]any) { firstAlert(m)["status"] = "pending" }, field: "alerts[0].status"},
		{name: "status not string", mutate: func(m map[string]any) { firstAlert(m)["status"] = true }, field: "alerts[0].status"},
		{name: "missing startsAt", mutate: func(m map[string]any) { delete(firstAlert(m), "startsAt") }, field: "alerts[0].startsAt"},
		{name: "bad startsAt", mutate: func(m map[string]any) { firstAlert(m)["startsAt"] = "yesterday" }, field: "alerts[0].startsAt"},
		{name: "epoch startsAt", mutate: func(m map[string]any) { firstAlert(m)["startsAt"] = 1893456000 }, field: "alerts[0].startsAt"},
		{name: "zero startsAt", mutate: func(m map[string]any) { firstAlert(m)["startsAt"] = "0001-01-01T00:00:00Z" }, field: "alerts[0].startsAt"},
		{name: "bad endsAt", mutate: func(m map[string]any) { firstAlert(m)["endsAt"] = "soon" }, field: "alerts[0].endsAt"},
		{name: "label not string", mutate: func(m map[string]any) {
			firstAlert(m)["labels"].(map[string]any)["replicas"] = 3
		}, field: "alerts[0].labels.replicas"},
		{name: "labels array", mutate: func(m map[string]any) { firstAlert(m)["labels"] = []any{"a"} }, field: "alerts[0].labels"},
		{name: "annotation not string", mutate: func(m map[string]any) {
			firstAlert(m)["annotations"].(map[string]any)["summary"] = nil
		}, field: "alerts[0].annotations.summary"},
		{name: "fingerprint number", mutate: func(m map[string]any) { firstAlert(m)["fingerprint"] = 12 }, field: "alerts[0].fingerprint"},
		{name: "generatorURL number", mutate: func(m map[string]any) { firstAlert(m)["generatorURL"] = 12 }, field: "alerts[0].generatorURL"},
		{name: "no identity", mutate: func(m map[string]any) {
			delete(m, "commonLabels")
			a := firstAlert(m)
			delete(a, "fingerprint")
			delete(a, "labels")
		}, field: "alerts[0]"},
		{name: "second alert bad", mutate: func(m map[string]any) {
			m["alerts"].([]any)[1].(map[string]any)["status"] = "unknown"
		}, field: "alerts[1].status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if tc.mutate != nil {
				m := decodeMap(t, base)
				tc.mutate(m)
				body = mustJSON(t, m)
			}
			alerts, err := ParseAlertmanager(body)
			if alerts != nil {
				t.Errorf("alerts returned with error: %v", alerts)
			}
			wantMalformed(t, err, tc.field)
		})
	}
}

func TestAlertmanagerFingerprintStable(t *testing.T) {
	// Same labels, different key order and alert order, no fingerprint.
	p1 := `{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A","service":"s","zone":"z1"},"startsAt":"2030-01-01T00:00:00Z"}]}`
	p2 := `{"alerts":[{"startsAt":"2030-01-01T00:05:00Z","labels":{"zone":"z1","service":"s","alertname":"A"},"status":"resolved"}],"version":"4"}`
	p3 := `{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A","service":"s","zone":"z2"},"startsAt":"2030-01-01T00:00:00Z"}]}`
	// Labels split between commonLabels and the alert give the same set.
	p4 := `{"version":"4","commonLabels":{"zone":"z1","service":"s"},"alerts":[{"status":"firing","labels":{"alertname":"A"},"startsAt":"2030-01-01T00:00:00Z"}]}`
	fp := func(p string) string {
		t.Helper()
		alerts, err := ParseAlertmanager([]byte(p))
		if err != nil {
			t.Fatal(err)
		}
		return alerts[0].Fingerprint
	}
	f1, f2, f3, f4 := fp(p1), fp(p2), fp(p3), fp(p4)
	if f1 != f2 {
		t.Errorf("same labels in another order: %q != %q", f1, f2)
	}
	if f1 != f4 {
		t.Errorf("same labels via commonLabels: %q != %q", f1, f4)
	}
	if f1 == f3 {
		t.Errorf("different labels gave the same fingerprint %q", f1)
	}
	if b, err := hex.DecodeString(f1); err != nil || len(b) != 16 {
		t.Errorf("fingerprint %q is not 16 bytes of hex", f1)
	}
}

func TestLabelsFingerprintUnambiguous(t *testing.T) {
	tests := []struct{ a, b map[string]string }{
		{map[string]string{"a": "bc"}, map[string]string{"ab": "c"}},
		{map[string]string{"a": "", "b": ""}, map[string]string{"a": "b"}},
		{map[string]string{}, map[string]string{"": ""}},
	}
	for _, tc := range tests {
		if LabelsFingerprint(tc.a) == LabelsFingerprint(tc.b) {
			t.Errorf("LabelsFingerprint(%v) == LabelsFingerprint(%v)", tc.a, tc.b)
		}
	}
}

func TestAlertmanagerTitleFallback(t *testing.T) {
	p := `{"version":"4","alerts":[{"status":"firing","labels":{"job":"x"},"annotations":{"summary":"   "},"startsAt":"2030-01-01T00:00:00Z"}]}`
	alerts, err := ParseAlertmanager([]byte(p))
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "alertmanager")
	if !strings.Contains(alerts[0].Title, "Alertmanager") {
		t.Errorf("fallback title %q", alerts[0].Title)
	}
}

func TestParseGrafana(t *testing.T) {
	alerts, err := ParseGrafana(readTestdata(t, "grafana_firing.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "grafana")
	if len(alerts) != 2 {
		t.Fatalf("got %d alerts, want 2", len(alerts))
	}
	a, b := alerts[0], alerts[1]
	checks := []struct{ name, got, want string }{
		{"a.Fingerprint", a.Fingerprint, "9f8e7d6c5b4a3921"},
		{"a.Service", a.Service, "search-indexer"},
		{"a.Title", a.Title, "Search index is 40 minutes behind"},
		{"a.Severity", a.Severity, "critical"},
		{"a.URL", a.URL, "https://grafana.example.com/alerting/grafana/abc123/view?orgId=1"},
		{"a.dashboard_url", a.Annotations["dashboard_url"], "https://grafana.example.com/d/search-lag?orgId=1"},
		{"a.team (common)", a.Labels["team"], "search"},
		{"b.Service", b.Service, "search-api"},
		{"b.Title", b.Title, "SearchQueryErrors"},
		{"b.Description", b.Description, "5xx ratio 4%"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if _, ok := b.Annotations["dashboard_url"]; ok {
		t.Errorf("empty dashboardURL produced an annotation")
	}
	if !a.EndsAt.IsZero() {
		t.Errorf("firing EndsAt = %v", a.EndsAt)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(a.Raw, &raw); err != nil || raw["values"] == nil || raw["panelURL"] == nil {
		t.Errorf("Raw lost Grafana fields: %s", a.Raw)
	}
}

func TestParseGrafanaResolved(t *testing.T) {
	alerts, err := ParseGrafana(readTestdata(t, "grafana_resolved.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkAlerts(t, alerts, "grafana")
	a := alerts[0]
	if a.Status != incident.AlertResolved {
		t.Errorf("Status = %q", a.Status)
	}
	if want := mustTime(t, "2030-05-06T08:00:00Z"); !a.EndsAt.Equal(want) {
		t.Errorf("EndsAt = %v, want %v", a.EndsAt, want)
	}
}

func TestParseGrafanaMalformed(t *testing.T) {
	base := readTestdata(t, "grafana_firing.json")
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		field  string
	}{
		{"alertmanager version", func(m map[string]any) { m["version"] = "4" }, "version"},
		{"missing version", func(m map[string]any) { delete(m, "version") }, "version"},
		{"orgId string", func(m map[string]any) { m["orgId"] = "1" }, "orgId"},
		{"empty alerts", func(m map[string]any) { m["alerts"] = []any{} }, "alerts"},
		{"dashboardURL number", func(m map[string]any) { firstAlert(m)["dashboardURL"] = 1 }, "alerts[0].dashboardURL"},
		{"bad startsAt", func(m map[string]any) { firstAlert(m)["startsAt"] = "2030-13-01T00:00:00Z" }, "alerts[0].startsAt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := decodeMap(t, base)
			tc.mutate(m)
			_, err := ParseGrafana(mustJSON(t, m))
			wantMalformed(t, err, tc.field)
		})
	}
}

func TestGrafanaAndAlertmanagerNotInterchangeable(t *testing.T) {
	if _, err := ParseGrafana(readTestdata(t, "alertmanager_firing.json")); err == nil {
		t.Error("ParseGrafana accepted an Alertmanager payload")
	} else {
		wantMalformed(t, err, "version")
	}
	if _, err := ParseAlertmanager(readTestdata(t, "grafana_firing.json")); err == nil {
		t.Error("ParseAlertmanager accepted a Grafana payload")
	} else {
		wantMalformed(t, err, "version")
	}
}
