package triage

import (
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func knownIssueFixture() []KnownIssue {
	return []KnownIssue{
		{ID: "K1", Title: "SMTP connection pool exhausted during invoice runs",
			Symptoms: "invoice emails queue up; mailer logs 'smtp pool exhausted: waited 30s'; smtp_pool_waiting above 50; invoice-api itself healthy.",
			Runbook:  "Raise SMTP_POOL_SIZE to 20 and restart the mailer.", Domains: []string{"email", "invoices"}},
		{ID: "K2", Title: "PDF renderer runs out of memory on large invoices",
			Symptoms: "pdf-renderer pods OOMKilled while rendering invoices above 500 lines; invoice-api unaffected.",
			Runbook:  "Split the invoice; raise the renderer memory limit to 2Gi.", Domains: []string{"pdf"}},
		{ID: "K3", Title: "Duplicate invoice emails after webhook retries",
			Symptoms: "customers receive the same invoice email twice; duplicate_sends > 0 and failed_sends = 0.",
			Runbook:  "Acknowledge the webhook before sending.", Domains: []string{"email"}},
		{ID: "K4", Title: "Tax service timeouts slow down checkout",
			Symptoms: "checkout p99 rises to 3s; tax_client_timeouts_total increases; error rate unchanged.",
			Runbook:  "Lower tax.timeout to 500ms via config.", Domains: []string{"tax"}},
		{ID: "K5", Title: "Invoice numbering gap after failover",
			Symptoms: "invoice numbers skip a range after a database failover; auditors ask about the gap.",
			Runbook:  "Document the gap in the audit log.", Domains: []string{"database"}},
	}
}

func TestRankKnownIssues(t *testing.T) {
	issues := knownIssueFixture()
	svc := config.Service{Name: "invoice-api", Domains: []string{"invoices", "email"}, Tier: 1}
	cases := []struct {
		name   string
		sig    Signal
		want   string // top match, "" for none
		reason string
	}{
		{"matches symptoms", Signal{Title: "Invoice emails delayed: SMTP pool exhausted",
			Text: "Mailer logs show 'smtp pool exhausted: waited 30s'; smtp_pool_waiting is 120.", Service: "invoice-api"}, "K1", "smtp_pool_waiting"},
		{"no match for an unrelated signal", Signal{Title: "invoice-api p99 latency 2s", Text: "Slow queries on the invoices table.", Service: "invoice-api"}, "", ""},
		{"domain overlap alone is not a match", Signal{Title: "email problem", Service: "invoice-api"}, "", ""},
		{"issue that rules the service out", Signal{Title: "invoice-api pods OOMKilled",
			Text: "invoice-api pods run out of memory while rendering large invoices as PDF.", Service: "invoice-api"}, "", ""},
		{"condition contradicted", Signal{Title: "Invoice emails failed_sends spiking",
			Text: "Customers receive no invoice email; failed sends 300 in the last hour, some duplicate sends after webhook retries.", Service: "invoice-api"}, "", ""},
		{"consistent calm statement is no contradiction", Signal{Title: "checkout p99 3s: tax service timeouts",
			Text: "tax_client_timeouts_total increasing since 10:02; error rate is normal.", Service: "checkout"}, "K4", "tax_client_timeouts_total"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := svc
			if c.sig.Service != svc.Name {
				s = config.Service{Name: c.sig.Service, Tier: 1}
			}
			got := RankKnownIssues(c.sig, s, issues)
			top := ""
			if len(got) > 0 {
				top = got[0].ID
			}
			if top != c.want {
				all := scoreKnownIssues(c.sig, s, issues, KnownIssueEvidence{})
				t.Fatalf("top = %q, want %q; all scores: %+v", top, c.want, all)
			}
			for _, m := range got {
				if m.Score < KnownIssueThreshold {
					t.Errorf("%s below the threshold returned", m.ID)
				}
			}
			if c.reason != "" && !strings.Contains(strings.Join(got[0].Reasons, " | "), c.reason) {
				t.Errorf("reasons lack %q: %v", c.reason, got[0].Reasons)
			}
		})
	}
}

func TestRankKnownIssuesExplainsRuleOut(t *testing.T) {
	sig := Signal{Title: "invoice-api pods OOMKilled", Text: "invoice-api pods OOMKilled while rendering invoices.", Service: "invoice-api"}
	for _, m := range scoreKnownIssues(sig, config.Service{Name: "invoice-api"}, knownIssueFixture(), KnownIssueEvidence{}) {
		if m.ID == "K2" && !strings.Contains(strings.Join(m.Reasons, "|"), "rules out") {
			t.Errorf("K2 says invoice-api is unaffected; reasons should say so: %v", m.Reasons)
		}
	}
}

func TestRankKnownIssuesEmpty(t *testing.T) {
	if got := RankKnownIssues(Signal{Title: "x"}, config.Service{}, nil); got != nil {
		t.Errorf("got %v", got)
	}
}

func TestRuledOut(t *testing.T) {
	cases := []struct {
		issue, signal string
		want          bool
	}{
		{"renderer pods OOMKilled; billing-api unaffected.", "billing-api returns 500 for every invoice", true},
		{"queue grows; workers themselves are healthy.", "workers crash-loop after the deploy", true},
		{"stale reads; failed_sends = 0 and queued > 0.", "failed sends 40 in the last hour", true},
		{"checkout p99 3s; error rate unchanged.", "checkout p99 3s, error rate is normal", false},   // the signal agrees
		{"renderer pods OOMKilled; billing-api unaffected.", "renderer pods OOMKilled again", false}, // subject not in the signal
	}
	for _, c := range cases {
		sigHave := termSet(c.signal)
		got := ruledOut(c.issue, sigHave, calmSubjects(c.signal)) != ""
		if got != c.want {
			t.Errorf("ruledOut(%q | %q) = %v, want %v", c.issue, c.signal, got, c.want)
		}
	}
}
