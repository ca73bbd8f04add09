package agent_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/incident"
	ghp "github.com/warroom/warroom/internal/provider/github"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

func TestInvestigationTools(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		start := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
		repo := sandbox.Repo{Owner: "acme", Name: "shop", DefaultBranch: "main",
			CodeOwners: "* @acme/platform\n/payments/ @pay-team\n",
			Deploys:    []sandbox.Deploy{{SHA: strings.Repeat("b", 40), At: start.Add(-10 * time.Minute), Environment: "production"}},
			Commits: []sandbox.Commit{
				{SHA: strings.Repeat("b", 40), Parents: []string{strings.Repeat("a", 40)}, Author: "dev", Date: start.Add(-20 * time.Minute),
					Message: "payments: lower retry timeout", Files: []sandbox.File{{Path: "payments/retry.go", Status: "modified", Patch: "@@ -1 +1 @@\n-timeout = 5s\n+timeout = 1s"}}},
				{SHA: strings.Repeat("a", 40), Author: "dev", Date: start.Add(-48 * time.Hour), Message: "older", Files: []sandbox.File{{Path: "README.md", Status: "modified"}}},
			}}
		srv := httptest.NewServer(sandbox.NewServer([]sandbox.Repo{repo}).Handler())
		defer srv.Close()
		gh, err := ghp.New("t", srv.URL+"/", srv.Client())
		must(t, err)
		inc, err := incident.New("inc-1", "payments failing", "shop", "alice", incident.SevP1, start)
		must(t, err)
		must(t, st.CreateIncident(ctx, inc))
		must(t, st.UpsertKnownIssues(ctx, []store.KnownIssue{{ID: "KI-9", Title: "Payments failing after retry timeout change", Symptoms: "payments failing", Domains: []string{"payments"}}}))
		tools := map[string]agent.Tool{}
		for _, tl := range agent.InvestigationTools(agent.Deps{Store: st, GitHub: gh}) {
			tools[tl.Name] = tl
		}
		inj := agent.Injected{IncidentID: inc.ID, Service: "shop", Repo: "acme/shop"}
		run := func(name, args string) string {
			out, err := tools[name].Run(ctx, agent.Invocation{Args: json.RawMessage(args), Injected: inj})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return string(out)
		}
		changes := run("recent_changes", `{"window_hours":6}`)
		if !strings.Contains(changes, "lower retry timeout") || strings.Contains(changes, `"older"`) || !strings.Contains(changes, "@pay-team") || !strings.Contains(changes, "production") {
			t.Fatalf("recent_changes = %s", changes)
		}
		if c := run("get_commit", `{"sha":"`+strings.Repeat("b", 40)+`"}`); !strings.Contains(c, "timeout = 1s") {
			t.Fatalf("get_commit = %s", c)
		}
		if o := run("code_owners", `{"path":"payments/api.go"}`); !strings.Contains(o, "@pay-team") || strings.Contains(o, "@acme/platform") {
			t.Fatalf("code_owners = %s", o)
		}
		if k := run("search_known_issues", `{}`); !strings.Contains(k, "KI-9") {
			t.Fatalf("search_known_issues = %s", k)
		}
		// Without repository access the tools say so instead of guessing.
		if _, err := tools["get_commit"].Run(ctx, agent.Invocation{Args: json.RawMessage(`{"sha":"abcdef1"}`), Injected: agent.Injected{IncidentID: inc.ID, Service: "shop"}}); err == nil {
			t.Fatal("get_commit without a repository succeeded")
		}
	})
}
