package triage

import (
	"strings"
	"testing"
	"time"
)

// A small invented history of an "invoices" service, newest first:
//
//	c5 (not deployed)   invoices: lower pdf render timeout        related, but never shipped
//	c4                  docs: explain retry settings               docs only
//	c3                  invoices: reduce smtp pool size 20 -> 2    related to "smtp pool exhausted"
//	c2                  ui: new logo                               unrelated
//	c1                  invoices: add tax rounding                 old
//
// Production deploys: c1 (day -3), c2 (day -1), c4 at 10:00 (which ships c3 too).
func culpritFixture() ([]Commit, []Deploy, time.Time) {
	base := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	commits := []Commit{
		{SHA: "c5c5c5c5c5", Parents: []string{"c4c4c4c4c4"}, Author: "eve", Date: at(11), Message: "invoices: lower smtp send timeout to 1s",
			Files: []File{{Path: "invoices/mailer.go", Status: "modified", Patch: "@@ -1 +1 @@\n-\tsmtpTimeout = 10 * time.Second\n+\tsmtpTimeout = time.Second"}}},
		{SHA: "c4c4c4c4c4", Parents: []string{"c3c3c3c3c3"}, Author: "dan", Date: at(9), Message: "docs: explain smtp pool settings",
			Files: []File{{Path: "docs/mailer.md", Status: "modified", Patch: "@@ -1 +1,2 @@\n+The smtp pool size limits concurrent invoice emails."}}},
		{SHA: "c3c3c3c3c3", Parents: []string{"c2c2c2c2c2"}, Author: "cat", Date: at(8), Message: "invoices: reduce smtp pool size to save connections",
			Files: []File{{Path: "invoices/mailer.go", Status: "modified", Patch: "@@ -10,3 +10,3 @@\n-\tsmtp_pool_size: 20\n+\tsmtp_pool_size: 2\n \tsmtp_host: mail.internal"}}},
		{SHA: "c2c2c2c2c2", Parents: []string{"c1c1c1c1c1"}, Author: "bob", Date: at(-30), Message: "ui: new logo on the invoice page",
			Files: []File{{Path: "web/logo.svg", Status: "modified", Patch: "@@ -1 +1 @@\n-<svg old/>\n+<svg new/>"}}},
		{SHA: "c1c1c1c1c1", Parents: []string{"c0"}, Author: "amy", Date: at(-80), Message: "invoices: add tax rounding",
			Files: []File{{Path: "invoices/tax.go", Status: "modified", Patch: "@@ -1 +1,2 @@\n+\treturn round(t)"}}},
	}
	deploys := []Deploy{
		{SHA: "c4c4c4c4c4", At: at(10), Environment: "production"},
		{SHA: "c5c5c5c5c5", At: at(11), Environment: "staging"},
		{SHA: "c2c2c2c2c2", At: at(-24), Environment: "production"},
		{SHA: "c1c1c1c1c1", At: at(-72), Environment: "production"},
	}
	return commits, deploys, base
}

func TestFindCulprit(t *testing.T) {
	commits, deploys, base := culpritFixture()
	start := base.Add(10*time.Hour + 20*time.Minute)
	owners := func(_, p string) []string {
		if strings.HasPrefix(p, "invoices/") {
			return []string{"@cat", "@acme/billing"}
		}
		return []string{"@acme/all"}
	}

	t.Run("related deployed change", func(t *testing.T) {
		sig := Signal{Title: "invoices: SMTP pool exhausted", Text: "Invoice emails wait for an smtp connection; pool size too small.", StartsAt: start}
		c := FindCulprit(sig, commits, deploys, owners)
		if c.SHA != "c3c3c3c3c3" {
			t.Fatalf("culprit = %q, want c3 (shipped by the deploy of its child c4); evidence: %v; candidates: %+v", c.SHA, c.Evidence, c.Candidates)
		}
		if c.Author != "cat" || len(c.Owners) == 0 || c.Owners[0] != "@cat" {
			t.Errorf("author %q owners %v", c.Author, c.Owners)
		}
		ev := strings.Join(c.Evidence, " | ")
		for _, want := range []string{"smtp_pool_size: 20 -> 2", "not running in production", "went live in production 20m before"} {
			if !strings.Contains(ev, want) {
				t.Errorf("evidence lacks %q: %v", want, c.Evidence)
			}
		}
		if c.Confidence <= 0.5 {
			t.Errorf("confidence %v, want > 0.5", c.Confidence)
		}
		for _, cand := range c.Candidates {
			if cand.SHA == "c5c5c5c5c5" {
				t.Error("an undeployed commit must not be a candidate")
			}
		}
	})

	t.Run("docs-only change is not blamed", func(t *testing.T) {
		sig := Signal{Title: "smtp pool settings", StartsAt: start}
		c := FindCulprit(sig, commits, deploys, nil)
		if c.SHA == "c4c4c4c4c4" {
			t.Fatalf("blamed the docs change: %v", c.Evidence)
		}
	})

	t.Run("undeployed change cannot be the culprit", func(t *testing.T) {
		// Only the undeployed commit mentions the send timeout.
		sig := Signal{Title: "invoices smtp send timeout errors", StartsAt: base.Add(12 * time.Hour)}
		c := FindCulprit(sig, commits, deploys, nil)
		if c.SHA == "c5c5c5c5c5" {
			t.Fatal("blamed a commit that never reached production")
		}
	})

	t.Run("deploy after the start does not count", func(t *testing.T) {
		sig := Signal{Title: "invoices: SMTP pool exhausted", Text: "smtp pool size too small", StartsAt: base.Add(9 * time.Hour)}
		c := FindCulprit(sig, commits, deploys, nil)
		if c.SHA == "c3c3c3c3c3" {
			t.Fatal("c3 went live at 10:00, after a problem that began at 09:00")
		}
	})

	t.Run("nothing related", func(t *testing.T) {
		sig := Signal{Title: "TLS certificate for billing.example.org has expired", Text: "x509: certificate has expired", StartsAt: start}
		c := FindCulprit(sig, commits, deploys, nil)
		if c.SHA != "" {
			t.Fatalf("culprit = %q, want none", c.SHA)
		}
		if !strings.Contains(strings.Join(c.Evidence, " | "), "no live commit is clearly related") {
			t.Errorf("evidence does not explain: %v", c.Evidence)
		}
		if len(c.Candidates) == 0 {
			t.Error("candidates should still be listed")
		}
	})

	t.Run("no production deploys recorded", func(t *testing.T) {
		sig := Signal{Title: "invoices: SMTP pool exhausted", Text: "smtp pool size too small", StartsAt: start}
		c := FindCulprit(sig, commits, nil, nil)
		if c.SHA != "c3c3c3c3c3" {
			t.Errorf("culprit = %q, want c3 by commit time", c.SHA)
		}
		if !strings.Contains(strings.Join(c.Evidence, " | "), "no production deploys are recorded") {
			t.Errorf("evidence should say deploys are unknown: %v", c.Evidence)
		}
	})

	t.Run("no commits", func(t *testing.T) {
		c := FindCulprit(Signal{Title: "x", StartsAt: start}, nil, deploys, nil)
		if c.SHA != "" || len(c.Evidence) == 0 {
			t.Errorf("got %+v", c)
		}
	})
}

func TestClassifyFile(t *testing.T) {
	for path, want := range map[string]fileKind{
		"internal/psp/client.go":         fileCode,
		"internal/psp/client_test.go":    fileTest,
		"lib/telemetry/latest.ex":        fileCode,
		"src/contest/contest.py":         fileCode,
		"src/test/java/OrderTest.java":   fileTest,
		"app/OrderServiceTests.cs":       fileTest,
		"src/__tests__/fixtures.ts":      fileTest,
		"tests/test_orders.py":           fileTest,
		"src/__snapshots__/a.ts.snap":    fileTest,
		"docs/runbook.md":                fileDoc,
		"README.md":                      fileDoc,
		".github/workflows/ci.yml":       fileCI,
		".flake8":                        fileCI,
		"go.mod":                         fileDeps,
		"exporter/requirements.txt":      fileDeps,
		"config/production.json":         fileCode,
		"deploy/values-production.yaml":  fileCode,
		"src/main/kotlin/Foo.kt":         fileCode,
		"src/test/kotlin/FooTest.kt":     fileTest,
		"app/orders/repository.py":       fileCode,
		"migrations/0001_create_x.sql":   fileCode,
		"clusters/prod/ingress/cert.yml": fileCode,
		"web/locales/cy.json":            fileAsset,
		"services/app/i18n/de.yaml":      fileAsset,
		"static/theme.css":               fileAsset,
	} {
		if got := classifyFile(path); got != want {
			t.Errorf("classifyFile(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestConfigChanges(t *testing.T) {
	minus := []string{"\tTimeout: 8 * time.Second,", "  maxReplicas: 16", `    "fromAddress": "a@example.org",`, "\tpub := newPub(a)", "\tx = compute(y)"}
	plus := []string{"\tTimeout: 1500 * time.Millisecond,", "  maxReplicas: 24", `    "fromAddress": "b@example.org",`, "\tpub := newPub(a, b)", "\tx = compute(z)"}
	var cs []string
	for _, c := range configChanges(minus, plus) {
		cs = append(cs, c.String())
	}
	got := strings.Join(cs, " | ")
	for _, want := range []string{"timeout: 8 * time.Second -> 1500 * time.Millisecond", "maxreplicas: 16 -> 24", "fromaddress:"} {
		if !strings.Contains(got, want) {
			t.Errorf("config changes %q lack %q", got, want)
		}
	}
	for _, not := range []string{"pub", "x:"} {
		if strings.Contains(got, not) {
			t.Errorf("config changes %q should not include code %q", got, not)
		}
	}
}

func TestIsProduction(t *testing.T) {
	for env, want := range map[string]bool{"production": true, "prod": true, "prod-eu": true, "Production": true, "staging": false, "": false, "preprod": false} {
		if IsProduction(env) != want {
			t.Errorf("IsProduction(%q) != %v", env, want)
		}
	}
}
