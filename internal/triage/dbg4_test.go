package triage

import (
	"testing"
	"time"
)

func TestDebugCulpritFixture(t *testing.T) {
	commits, deploys, base := culpritFixture()
	start := base.Add(10*time.Hour + 20*time.Minute)
	for _, sig := range []Signal{
		{Title: "invoices: SMTP pool exhausted", Text: "Invoice emails wait for an smtp connection; pool size too small.", StartsAt: start},
		{Title: "smtp pool settings", StartsAt: start},
		{Title: "TLS certificate for billing.example.org has expired", Text: "x509: certificate has expired", StartsAt: start},
	} {
		c := FindCulprit(sig, commits, deploys, nil)
		t.Logf("%q -> %q", sig.Title, c.SHA)
		for _, cd := range c.Candidates {
			t.Logf("   %s %.2f %v", cd.SHA, cd.Score, cd.Reasons[len(cd.Reasons)-1])
		}
	}
}
