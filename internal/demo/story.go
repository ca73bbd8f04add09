package demo

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	ghsandbox "github.com/warroom/warroom/internal/sandbox/github"
)

// The demo's world: a small payments team, one service and its repository,
// a change that went out twenty minutes ago, and a known issue that looks
// like what is about to happen. It is generated relative to the start time
// so the bad change is always recent.

// checkoutService is the demo's service; confirmRoute is its endpoint
// that authorises payments with the PSP.
const (
	checkoutService = "checkout-api"
	confirmRoute    = "/v1/checkout/confirm"
)

// The bad change's PSP settings (config/psp.yaml); the demo's telemetry
// follows from them.
const (
	pspTimeout = 800 * time.Millisecond
	pspRetries = 4
)

// Team is the demo roster: alice is on call for checkout-api and the web
// shop that calls it; bob owns the service's configuration (CODEOWNERS) and
// reviews; carol is a stakeholder engineer in the same rotation.
func Team(start time.Time) config.Team {
	return config.Team{
		Engineers: []config.Engineer{
			{ID: "alice", Name: "Alice Ng", Email: "alice@acme.example", GitHub: "alice-ng", Slack: "U01ALICE",
				Timezone: "Europe/Berlin", Domains: []string{"payments", "psp", "checkout"}},
			{ID: "bob", Name: "Bob Kim", Email: "bob@acme.example", GitHub: "bob-k", Slack: "U01BOB",
				Timezone: "America/New_York", Domains: []string{"payments", "config"}},
			{ID: "carol", Name: "Carol Diaz", Email: "carol@acme.example", GitHub: "carol-d", Slack: "U01CAROL",
				Timezone: "Asia/Tokyo", Domains: []string{"search", "email"}},
		},
		Rotations: []config.Rotation{{Name: "payments", Members: []string{"alice", "bob"},
			Start: start.Truncate(24 * time.Hour).Add(-24 * time.Hour), ShiftHours: 24 * 7}},
		Services: []config.Service{{Name: checkoutService, Repo: "acme/checkout", Domains: []string{"payments", "checkout"}, Tier: 1,
			Rotation: "payments", Stakeholders: []string{"cto@acme.example", "support-lead@acme.example"}},
			{Name: shopService, Domains: []string{"checkout", "web"}, Tier: 1, Rotation: "payments"}},
	}
}

// KnownIssues is the demo's memory of earlier incidents.
func KnownIssues() []incident.KnownIssue {
	return []incident.KnownIssue{{
		ID:       "KI-7",
		Title:    "PSP timeouts below a few seconds turn Adyen 429s into a retry storm",
		Symptoms: "Checkout confirm returns 502; the psp client logs HTTP 429 from Adyen; authorise attempts per payment climb above 1; latency pinned at the client timeout.",
		Domains:  []string{"payments", "psp"},
		Runbook:  "Revert the change to psp timeout or retries in config/psp.yaml; keep the authorise timeout at 5s or more with at most one retry.",
	}}
}

func sha(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// addPatch is the patch of a file added with these lines.
func addPatch(lines ...string) string {
	return fmt.Sprintf("@@ -0,0 +1,%d @@\n+%s", len(lines), strings.Join(lines, "\n+"))
}

// Repo is acme/checkout: an initial commit, a docs change, and the bad change
// (the PSP timeout cut to 800ms with four retries on 429), deployed to
// production twenty minutes before start.
func Repo(start time.Time) ghsandbox.Repo {
	t0, t1, t2 := start.Add(-72*time.Hour), start.Add(-26*time.Hour), start.Add(-35*time.Minute)
	c0 := ghsandbox.Commit{SHA: sha("demo-initial"), Author: "alice-ng", Date: t0, Message: "checkout: payment service with PSP client",
		Files: []ghsandbox.File{
			{Path: "config/psp.yaml", Status: "added", Patch: addPatch("psp:", "  provider: adyen", "  timeout: 5s", "  retries: 1", "  retry_on_429: false")},
			{Path: "internal/psp/client.go", Status: "added", Patch: addPatch("package psp", "", "// Client authorises payments with the PSP.", "type Client struct{}")},
			{Path: "README.md", Status: "added", Patch: addPatch("# checkout", "", "The checkout API.")},
		}}
	c1 := ghsandbox.Commit{SHA: sha("demo-docs"), Parents: []string{c0.SHA}, Author: "carol-d", Date: t1, Message: "docs: explain local setup",
		Files: []ghsandbox.File{{Path: "README.md", Status: "modified", Patch: "@@ -1,3 +1,5 @@\n # checkout\n \n The checkout API.\n+\n+Run `make dev` to start it locally."}}}
	c2 := ghsandbox.Commit{SHA: sha("demo-bad-change"), Parents: []string{c1.SHA}, Author: "alice-ng", Date: t2,
		Message: "psp: cut authorise timeout to 800ms and retry 429 responses\n\nFaster failover when Adyen is slow.",
		Files: []ghsandbox.File{{Path: "config/psp.yaml", Status: "modified",
			Patch: fmt.Sprintf("@@ -1,5 +1,5 @@\n psp:\n   provider: adyen\n-  timeout: 5s\n-  retries: 1\n-  retry_on_429: false\n+  timeout: %s\n+  retries: %d\n+  retry_on_429: true",
				pspTimeout, pspRetries)}}}
	return ghsandbox.Repo{Owner: "acme", Name: "checkout", DefaultBranch: "main",
		CodeOwners: "*              @alice-ng\n/config/       @bob-k\n",
		Deploys: []ghsandbox.Deploy{
			{SHA: c2.SHA, At: start.Add(-20 * time.Minute), Environment: "production"},
			{SHA: c1.SHA, At: t1.Add(time.Hour), Environment: "production"},
		},
		Commits: []ghsandbox.Commit{c2, c1, c0}}
}

// Alert is an Alertmanager webhook (v4) for the checkout error storm, firing at start.
func Alert(start time.Time) []byte {
	return []byte(fmt.Sprintf(`{"version":"4","status":"firing","receiver":"warroom","groupKey":"{}:{alertname=\"CheckoutHighErrorRate\"}",
"groupLabels":{"alertname":"CheckoutHighErrorRate"},"commonLabels":{"service":"checkout-api","severity":"critical"},
"commonAnnotations":{},"externalURL":"http://alertmanager.demo",
"alerts":[{"status":"firing","labels":{"alertname":"CheckoutHighErrorRate","service":"checkout-api","severity":"critical","env":"production","route":"/v1/checkout/confirm"},
"annotations":{"summary":"Checkout confirm 5xx ratio at 24%%","description":"POST /v1/checkout/confirm returns 502 for 24%% of requests. The psp client sees HTTP 429 from Adyen and authorise attempts average 3.8 per payment; latency is pinned at the 800ms psp timeout."},
"startsAt":%q,"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.demo/graph","fingerprint":"c0ffee%d"}]}`,
		start.UTC().Format(time.RFC3339), start.Unix()%100000))
}
