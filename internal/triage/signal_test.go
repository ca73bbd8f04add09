package triage

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

func TestReportedStart(t *testing.T) {
	recv := time.Date(2026, 4, 2, 11, 40, 0, 0, time.UTC)
	cases := []struct {
		text string
		want time.Time
	}{
		{"emails bounce since ~10:30 UTC", time.Date(2026, 4, 2, 10, 30, 0, 0, time.UTC)},
		{"first at 09:05 UTC, worse since 10:10 UTC", time.Date(2026, 4, 2, 9, 5, 0, 0, time.UTC)},
		{"window 2026-04-02T08:00Z-09:00Z is short", time.Date(2026, 4, 2, 8, 0, 0, 0, time.UTC)},
		{"started 23:50 UTC yesterday", time.Date(2026, 4, 1, 23, 50, 0, 0, time.UTC)},
		{"no time here", recv},
		{"at 10:30 (local time, no zone)", recv},
		{"long ago: 2026-03-01T08:00Z", recv},
		{"ETA 12:30 UTC", time.Date(2026, 4, 1, 12, 30, 0, 0, time.UTC)}, // a clock time after receipt is taken as yesterday's
	}
	for _, c := range cases {
		if got := ReportedStart(c.text, recv); !got.Equal(c.want) {
			t.Errorf("ReportedStart(%q) = %s, want %s", c.text, got, c.want)
		}
	}
	if !ReportedStart("at 10:00 UTC", time.Time{}).IsZero() {
		t.Error("zero receipt time should stay zero")
	}
}

func TestSignalFromReport(t *testing.T) {
	posted := time.Date(2026, 4, 2, 11, 40, 0, 0, time.UTC)
	sig, d := SignalFromReport("<!here> *checkout* is down since 11:02 UTC, customers can't pay <@U123>", []string{"checkout-api", "search"}, posted, "slack")
	if !d.Incident || sig.Service != "checkout-api" {
		t.Fatalf("decision %+v service %q", d, sig.Service)
	}
	if strings.Contains(sig.Text, "<") || strings.Contains(sig.Text, "*") {
		t.Errorf("markup left in %q", sig.Text)
	}
	if want := time.Date(2026, 4, 2, 11, 2, 0, 0, time.UTC); !sig.StartsAt.Equal(want) {
		t.Errorf("start %s, want %s", sig.StartsAt, want)
	}
	if sig.Source != "slack" {
		t.Errorf("source %q", sig.Source)
	}
	_, chatter := SignalFromReport("reminder: postmortem review at 15:00, nothing is on fire", nil, posted, "slack")
	if chatter.Incident {
		t.Error("chatter classified as an incident")
	}
}

func TestSignalFromAlert(t *testing.T) {
	a := incident.Alert{Source: "alertmanager", Title: "t", Description: "d", Service: "s", Severity: "critical",
		Labels: map[string]string{"a": "b"}, StartsAt: time.Unix(10, 0)}
	sig := SignalFromAlert(a)
	if sig.Title != "t" || sig.Text != "d" || sig.Service != "s" || sig.Severity != "critical" || sig.Labels["a"] != "b" || !sig.StartsAt.Equal(a.StartsAt) {
		t.Errorf("%+v", sig)
	}
	sig.Labels["a"] = "changed"
	if a.Labels["a"] != "b" {
		t.Error("the signal shares the alert's label map")
	}
}

func TestWithKnownIssue(t *testing.T) {
	s := Signal{Title: "x"}.WithKnownIssue(KnownIssueMatch{KnownIssue: KnownIssue{Title: "T", Symptoms: "S", Runbook: "R"}})
	if s.Context != "T\nS\nR" || s.Title != "x" {
		t.Errorf("%+v", s)
	}
}

func TestLabelTextSkipsWhereLabels(t *testing.T) {
	s := Signal{Labels: map[string]string{"severity": "critical", "env": "production", "alertname": "QueueBacklog", "cluster": "eu-1"}}
	if got := s.labelText(); strings.TrimSpace(got) != "QueueBacklog" {
		t.Errorf("labelText = %q", got)
	}
}

func TestTerms(t *testing.T) {
	cases := map[string][]string{
		"Retries were timing out":              {"retry", "tim"},
		"OOMKilled maxAttempts":                {"oom", "kill", "max", "attempt"},
		"psp_client returned 429s and 502":     {"psp", "client", "429", "502"},
		"p99 4.8s over SLO 800ms, v2 x509 5xx": {"p99", "slo", "v2", "x509", "5xx"},
		"the certificates expired":             {"certificat", "expir"},
		"certificate expires":                  {"certificat", "expir"},
		"queries dropped":                      {"query", "drop"},
	}
	for in, want := range cases {
		if got := terms(in); !slices.Equal(got, want) {
			t.Errorf("terms(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIdentifiers(t *testing.T) {
	got := identifiers("POST /v1/checkout/confirm via psp_client to mail.example.org (v10.2.4, 1.5s). e.g. INDEXER_TOPIC.")
	want := []string{"v1/checkout/confirm", "psp_client", "mail.example.org", "indexer_topic"}
	if !slices.Equal(got, want) {
		t.Errorf("identifiers = %v, want %v", got, want)
	}
	if !containsIdent("get /v2/orders now", "v2/orders") {
		t.Error("whole path not found")
	}
	if containsIdent("get /v2/orders/search?sku=1", "v2/orders") {
		t.Error("a prefix of a longer path must not match")
	}
	if containsIdent("from no-reply@mail.example.org", "example.org") {
		t.Error("a suffix of a longer host name must not match")
	}
}
