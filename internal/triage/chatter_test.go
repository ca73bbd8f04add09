package triage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var testServices = []string{
	"checkout-api", "orders-api", "payments-service", "search", "auth-service",
	"notifications-worker", "ledger", "inventory-sync",
}

func TestClassifyMessage(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		incident bool
		service  string // checked when non-empty; "-" means "must be empty"
	}{
		// ---- incident reports ----
		{"anyone else 502s", "is anyone else seeing 502s on checkout?", true, "checkout-api"},
		{"here down cant pay", "<!here> checkout-api is down, customers can't pay since 14:05 UTC", true, "checkout-api"},
		{"locked out", "Login is broken for everyone, users are locked out after the password change", true, "-"},
		{"latency timeouts", "orders-api p99 latency jumped to 4s in the last 20 minutes, lots of requests timing out", true, "orders-api"},
		{"payments failing", "Payments are failing for all customers!! webhook handler returning 500 errors", true, "payments-service"},
		{"missing payouts", "Several merchants report their payouts are missing from the ledger since this morning", true, "ledger"},
		{"stale search", "Search results are stale, prices still show the old values for many customers", true, "search"},
		{"emails not arriving", "Password reset emails are not arriving, 40 tickets in the last hour", true, ""},
		{"just me slow", "Hey folks, is it just me or is the admin dashboard super slow right now?", true, ""},
		{"queue stuck", "Queue backlog on notifications-worker, emails stuck for ~30 min", true, "notifications-worker"},
		{"sev1 data loss", "<!channel> SEV1: we're seeing data loss on order writes, declaring an incident", true, ""},
		{"bounce code", "Getting bounces with 550 5.7.1 on all outbound mail from the billing domain", true, ""},
		{"conversion zero", "Checkout conversion dropped to zero and the cart is throwing exceptions", true, ""},
		{"sso cant log in", "Heads up: users can't log in with SSO since 09:40, they get an error page", true, "-"},
		{"crashloop markup", "*inventory-sync* pods are in `CrashLoopBackOff` after the node upgrade <@U0ABC123> :fire:", true, "inventory-sync"},
		{"linked dashboard", "Error rate on <https://grafana.example/d/abc|the auth dashboard> is climbing, auth-service 503s for about 10% of logins", true, "auth-service"},

		{"prod on fire", "prod is on fire, help", true, ""},
		{"webhooks stopped", "Webhooks from our PSP stopped coming in about 20 min ago", true, ""},
		{"double charged", "refunds are being processed twice, customers double charged", true, ""},
		{"logged out", "Customers are reporting they get logged out every few minutes", true, ""},
		{"thanks then report", "Thanks! Also seeing 500s here now", true, ""},
		{"button does nothing", "help! the checkout button does nothing on safari", true, "checkout-api"},
		{"401s", "we're seeing a ton of 401s from the auth service after the key rotation", true, "auth-service"},

		// ---- chatter ----
		{"ci failing", "the CI pipeline is failing on main again", false, ""},
		{"local build", "Anyone know why my local docker build fails?", false, ""},
		{"dashboard link", "new dashboard for checkout latency: <https://grafana.example/x|here>", false, "checkout-api"},
		{"shoutout", "Shoutout to <@U42> for catching the memory leak before it hit prod", false, ""},
		{"ok thanks", "ok thanks!", false, ""},
		{"down for tacos", "who's down for tacos?", false, ""},
		{"down with plan", "I'm down with that plan", false, ""},
		{"test on branch", "Anyone seen this error before? `ECONNRESET` in payments tests on my branch", false, ""},
		{"runbook question", "Do we have a runbook for when the cache fails over?", false, ""},
		{"lunch", "anyone up for lunch?", false, ""},
		{"hi team", "hi team", false, ""},
		{"good morning", "good morning everyone :sunny:", false, ""},
		{"standup reminder", "Reminder: standup moved to 10:30 today", false, ""},
		{"postmortem review", "Postmortem for last week's orders-api outage is up, please review before Thursday's retro", false, "orders-api"},
		{"thanks last night", "Thanks everyone for jumping on the checkout issue last night, great work :pray:", false, ""},
		{"deploy announcement", "Deployed orders-api v2.14.0 to production, all green :white_check_mark:", false, "orders-api"},
		{"planned maintenance", "FYI: planned maintenance on the primary database Saturday 02:00-03:00 UTC, checkout-api will be down for about 10 minutes", false, ""},
		{"where is handbook", "Does anyone know where the on-call handbook lives?", false, ""},
		{"bot weekly report", "[Automated] Weekly uptime report: 99.97% availability, 0 incidents, 2 deploys", false, ""},
		{"pr review no rush", "Can someone review my PR for the retry error handling in payments? No rush", false, ""},
		{"coffee machine", "The coffee machine on the 3rd floor is broken again :sob:", false, ""},
		{"anyone else no impact", "Is anyone else seeing the new Jira layout?", false, ""},
		{"resolved yesterday", "We had an outage yesterday, it's resolved now, writeup coming", false, ""},
		{"game day", "Game day tomorrow at 14:00: we'll simulate payments-service being down", false, ""},
		{"staging not urgent", "The staging environment seems slow today, not urgent", false, ""},
		{"latency improved", "Latency is down to 80ms after the cache change :tada:", false, ""},
		{"cake", "Happy Friday! :tada: Cake in the kitchen", false, ""},
		{"here survey", "<!here> please fill in the engagement survey ASAP", false, ""},
		{"healthy after rollback", "No errors in the logs since the rollback, checkout looks healthy", false, ""},
		{"wifi", "What's the wifi password for the guest network?", false, ""},
		{"welcome", "Welcome to the team <@U0123ABC>! :wave:", false, ""},
		{"emoji only", ":tada: :tada:", false, ""},
		{"release bot", "Release v3.2.0 of checkout-api is live. Release notes: <https://example.com/notes>", false, "checkout-api"},
	}
	if len(cases) < 25 {
		t.Fatalf("want at least 25 cases, have %d", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := ClassifyMessage(tc.text, testServices)
			if d.Incident != tc.incident {
				t.Errorf("Incident = %v, want %v (score %.1f)\n  %s", d.Incident, tc.incident, d.Score, strings.Join(d.Reasons, "\n  "))
			}
			if len(d.Reasons) == 0 {
				t.Errorf("no reasons")
			}
			switch tc.service {
			case "":
			case "-":
				if d.Service != "" {
					t.Errorf("Service = %q, want none", d.Service)
				}
			default:
				if d.Service != tc.service {
					t.Errorf("Service = %q, want %q", d.Service, tc.service)
				}
			}
			if testing.Verbose() {
				t.Logf("%v %.1f %q\n  %s", d.Incident, d.Score, d.Service, strings.Join(d.Reasons, "\n  "))
			}
		})
	}
}

func TestClassifyReasonsReadable(t *testing.T) {
	d := ClassifyMessage("Users are locked out of checkout-api since 10:00 UTC", testServices)
	if !d.Incident {
		t.Fatalf("want incident: %v", d.Reasons)
	}
	wantSub := []string{"mentions user impact: 'locked out'", "known service 'checkout-api'", "start time"}
	all := strings.Join(d.Reasons, "\n")
	for _, w := range wantSub {
		if !strings.Contains(all, w) {
			t.Errorf("reasons missing %q:\n%s", w, all)
		}
	}

	d = ClassifyMessage("Reminder: the postmortem for the payments outage is at 3pm, nothing is on fire", testServices)
	if d.Incident {
		t.Fatalf("want chatter: %v", d.Reasons)
	}
	all = strings.Join(d.Reasons, "\n")
	for _, w := range []string{"postmortem", "meeting or reminder"} {
		if !strings.Contains(all, w) {
			t.Errorf("reasons missing %q:\n%s", w, all)
		}
	}
}

func TestNegationAndContext(t *testing.T) {
	for _, text := range []string{
		"checkout is not down, we are seeing no errors",
		"latency went down to 40ms",
		"we should scale down the old cluster",
		"the dead letter queue has 0 messages",
		"There are no timeouts anymore",
	} {
		if d := ClassifyMessage(text, nil); d.Incident {
			t.Errorf("%q: want chatter, got incident %.1f: %v", text, d.Score, d.Reasons)
		}
	}
	if d := ClassifyMessage("not sure why, but orders are failing for all customers", nil); !d.Incident {
		t.Errorf("hedged report should be an incident: %v", d.Reasons)
	}
}

func TestServiceMatching(t *testing.T) {
	svcs := []string{"search-api", "search-indexer", "Billing"}
	cases := map[string]string{
		"search-indexer is crashing":         "search-indexer",
		"search is down for everyone":        "search-api",
		"billing errors since 10:00":         "Billing",
		"researching the outage":             "",
		"search-indexer-v2 build is running": "",
		"SEARCH API returns 500s":            "search-api",
		"the billing-service repo":           "",
	}
	for text, want := range cases {
		if got := ClassifyMessage(text, svcs).Service; got != want {
			t.Errorf("%q: Service = %q, want %q", text, got, want)
		}
	}
}

func TestStripMarkup(t *testing.T) {
	in := "<!here> *Checkout* is _down_ for <@U123|bob> see <https://x.example/a|dash> and <https://y.example> in <#C1|inc-room> `HTTP 502` :fire: &amp; more at 10:30"
	want := "Checkout is down for see dash and in #inc-room HTTP 502 & more at 10:30"
	if got := StripMarkup(in); got != want {
		t.Errorf("StripMarkup:\n got %q\nwant %q", got, want)
	}
	m := stripMarkup("<!subteam^S123|@oncall> help")
	if m.subteam != "oncall" || m.broadcast != "" {
		t.Errorf("subteam = %q broadcast = %q", m.subteam, m.broadcast)
	}
}

// TestScenarioMessages runs the sample Slack triggers shipped with the
// repository's shared scenarios (when present) and checks .expect.incident.
func TestScenarioMessages(t *testing.T) {
	var files []string
	for _, p := range []string{"06-*.json", "07-*.json", "08-*.json"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "scenarios", p))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("shared scenarios not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var sc struct {
				Trigger struct {
					Kind    string `json:"kind"`
					Payload struct {
						Event struct {
							Text string `json:"text"`
						} `json:"event"`
					} `json:"payload"`
				} `json:"trigger"`
				Team struct {
					Services []struct {
						Name string `json:"name"`
					} `json:"services"`
				} `json:"team"`
				Expect struct {
					Incident *bool `json:"incident"`
				} `json:"expect"`
			}
			if err := json.Unmarshal(raw, &sc); err != nil {
				t.Fatal(err)
			}
			if sc.Trigger.Kind != "slack" || sc.Expect.Incident == nil {
				t.Skip("not a slack scenario with expect.incident")
			}
			var svcs []string
			for _, s := range sc.Team.Services {
				svcs = append(svcs, s.Name)
			}
			d := ClassifyMessage(sc.Trigger.Payload.Event.Text, svcs)
			if d.Incident != *sc.Expect.Incident {
				t.Errorf("Incident = %v, want %v (score %.1f)\n  %s", d.Incident, *sc.Expect.Incident, d.Score, strings.Join(d.Reasons, "\n  "))
			}
			if len(d.Reasons) == 0 {
				t.Error("no reasons")
			}
			if testing.Verbose() {
				t.Logf("%v %.1f %q\n  %s", d.Incident, d.Score, d.Service, strings.Join(d.Reasons, "\n  "))
			}
		})
	}
}
