package triage

import (
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func TestClassifySeverity(t *testing.T) {
	tier := func(n int) config.Service {
		return config.Service{Name: "billing-api", Tier: n}
	}
	cases := []struct {
		name   string
		sig    Signal
		svc    config.Service
		want   string
		reason string // a substring one of the reasons must contain
	}{
		{"outage tier 1", Signal{Title: "billing-api is down", Text: "Customers can't pay their invoices since 09:12.", Severity: "critical"},
			tier(1), P1, "outage"},
		{"outage tier 2", Signal{Title: "billing-api is down", Text: "Customers can't pay their invoices.", Severity: "critical"},
			tier(2), P2, "tier 2"},
		{"outage tier 3 is internal", Signal{Title: "billing-api is down", Severity: "critical"},
			tier(3), P3, "tier 3"},
		{"measured error ratio", Signal{Title: "billing-api 5xx ratio 31.2% on POST /v1/invoices (threshold 1%)", Severity: "warning"},
			tier(1), P1, "31.2% of requests are failing"},
		{"threshold is not a measurement", Signal{Title: "billing-api error rate above threshold 5%", Text: "p95 latency 2.1s", Severity: "warning"},
			tier(1), P2, "degraded"},
		{"low error ratio keeps it degraded", Signal{Title: "billing-api p99 latency 3.2s", Text: "Error rate is 0.3%, pods healthy.", Severity: "critical"},
			tier(1), P2, "error ratio is only 0.3%"},
		{"normal errors are not errors", Signal{Title: "invoice list slow", Text: "p99 above SLO for 15m; the 5xx rate is normal.", Severity: "warning"},
			tier(1), P2, "is normal"},
		{"latency tier 1", Signal{Title: "billing-api p99 latency 4s (SLO 500ms)", Severity: "warning"},
			tier(1), P2, "degraded but working"},
		{"latency tier 3", Signal{Title: "billing-api p99 latency 4s", Severity: "warning"},
			tier(3), P3, ""},
		{"data loss", Signal{Title: "812 invoices missing from the ledger", Text: "Nightly reconciliation found invoices with no matching ledger entry.", Severity: "critical"},
			tier(1), P1, "data loss"},
		{"data loss tier 3 is still P2", Signal{Title: "events dropped", Text: "The collector silently dropped events for an hour.", Severity: "warning"},
			tier(3), P2, "data loss"},
		{"security breach", Signal{Title: "Leaked credentials", Text: "An API key with write access was found in a public gist; unauthorized access from 3 IPs.", Severity: "critical"},
			tier(1), P1, "security"},
		{"expired certificate", Signal{Title: "TLS certificate for api.example.org has expired", Text: "x509: certificate has expired or is not yet valid", Severity: "critical"},
			tier(1), P1, "certificate"},
		{"traffic drop", Signal{Title: "billing-api request rate fell 92%", Text: "Clients see connection resets at the load balancer.", Severity: "critical"},
			tier(1), P1, "traffic fell 92%"},
		{"locked out", Signal{Text: "Users are locked out of their accounts after the password change"},
			tier(1), P1, "locked out"},
		{"explicit no customer impact", Signal{Title: "reporting job down", Text: "The nightly batch job is down; no customer impact.", Severity: "critical"},
			tier(1), P3, "no customer impact"},
		{"internal batch tier 2", Signal{Title: "invoice export job failing", Text: "The nightly export job fails and the retry succeeds on the second attempt.", Severity: "warning"},
			tier(2), P3, "internal"},
		{"stale data", Signal{Text: "Customers see outdated stock levels in the catalogue; the order page is correct."},
			tier(1), P2, "stale"},
		{"no words, critical label, tier 1", Signal{Title: "BillingProbeFailed", Severity: "critical"},
			tier(1), P1, "label"},
		{"no words, info label", Signal{Title: "BillingProbeFlapped", Severity: "info"},
			tier(1), P3, "label"},
		{"no words, unknown tier, warning", Signal{Title: "BillingSomething", Severity: "warning"},
			config.Service{}, P3, "tier unknown"},
		{"unknown tier outage trusts a critical label", Signal{Title: "checkout is down for all customers", Severity: "P1"},
			config.Service{}, P1, "outage"},
		{"negated outage", Signal{Text: "Heads up: the API is not down, just slow for some users."},
			tier(1), P2, "degraded"},
		{"internal server error is user facing", Signal{Title: "500 Internal Server Error on /pay for 12% of requests"},
			tier(1), P1, "12% of requests"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ClassifySeverity(c.sig, c.svc)
			if got.Level != c.want {
				t.Fatalf("level = %s, want %s; reasons: %v", got.Level, c.want, got.Reasons)
			}
			if got.Confidence <= 0 || got.Confidence > 1 {
				t.Errorf("confidence %v outside (0,1]", got.Confidence)
			}
			if len(got.Reasons) == 0 {
				t.Fatal("no reasons")
			}
			if c.reason != "" && !strings.Contains(strings.Join(got.Reasons, " | "), c.reason) {
				t.Errorf("no reason mentions %q: %v", c.reason, got.Reasons)
			}
		})
	}
}

func TestClassifySeverityConfidence(t *testing.T) {
	svc := config.Service{Name: "api", Tier: 1}
	agree := ClassifySeverity(Signal{Title: "api is down for all customers", Severity: "critical"}, svc)
	disagree := ClassifySeverity(Signal{Title: "api is down for all customers", Severity: "info"}, svc)
	if agree.Level != P1 || disagree.Level != P1 {
		t.Fatalf("levels %s %s, want P1 from the words", agree.Level, disagree.Level)
	}
	if agree.Confidence <= disagree.Confidence {
		t.Errorf("a source label that agrees should raise confidence: %v vs %v", agree.Confidence, disagree.Confidence)
	}
}

func TestSourceLevel(t *testing.T) {
	for label, want := range map[string]int{"critical": 1, "P1": 1, "SEV1": 1, "warning": 2, "p2": 2, "info": 3, "P3": 3, "": 0, "banana": 0} {
		if got := sourceLevel(label); got != want {
			t.Errorf("sourceLevel(%q) = %d, want %d", label, got, want)
		}
	}
}
