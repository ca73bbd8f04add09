package agent_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/config"
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
		must(t, st.UpsertKnownIssues(ctx, []incident.KnownIssue{{ID: "KI-9", Title: "Payments failing after retry timeout change", Symptoms: "payments failing", Domains: []string{"payments"}}}))
		tools := map[string]agent.Tool{}
		for _, tl := range agent.InvestigationTools(agent.AssessDeps{Deps: agent.Deps{Store: st, GitHub: gh}}) {
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

// A revert's repository is the one of the team file that holds the commits
// it names, so a culprit upstream on the failing path is reverted where it
// lives; the reasoner names commits only, and reading tools may name
// another service of the team but nothing outside it.
func TestRevertTargetFollowsItsCommits(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	start := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	own, up, foreign := strings.Repeat("a", 40), strings.Repeat("b", 40), strings.Repeat("c", 40)
	commit := func(sha, msg string) sandbox.Commit {
		return sandbox.Commit{SHA: sha, Author: "dev", Date: start.Add(-time.Hour), Message: msg,
			Files: []sandbox.File{{Path: "main.go", Status: "modified", Patch: "@@ -1 +1 @@\n-a\n+b"}}}
	}
	repos := []sandbox.Repo{
		{Owner: "rail", Name: "fares", DefaultBranch: "main", Commits: []sandbox.Commit{commit(own, "fares: rounding")}},
		{Owner: "rail", Name: "gateway", DefaultBranch: "main", Commits: []sandbox.Commit{commit(up, "gateway: send fares as strings")}},
		{Owner: "other", Name: "elsewhere", DefaultBranch: "main", Commits: []sandbox.Commit{commit(foreign, "not the team's")}},
	}
	srv := httptest.NewServer(sandbox.NewServer(repos).Handler())
	defer srv.Close()
	gh, err := ghp.New("t", srv.URL+"/", srv.Client())
	must(t, err)
	inc, err := incident.New("inc-1", "fares failing", "fares", "alice", incident.SevP2, start)
	must(t, err)
	must(t, st.CreateIncident(ctx, inc))
	team := config.Team{Services: []config.Service{{Name: "fares", Repo: "rail/fares"}, {Name: "fare-gateway", Repo: "rail/gateway"}}}
	reg, err := agent.StandardTools(agent.AssessDeps{Deps: agent.Deps{Store: st, GitHub: gh}, Team: team, Now: func() time.Time { return start }})
	must(t, err)
	inj := agent.Injected{IncidentID: inc.ID, Service: "fares", Repo: "rail/fares"}

	revert, ok := reg.Get("revert_pr")
	if !ok || revert.Locate == nil {
		t.Fatal("revert_pr has no commit locator")
	}
	for _, tc := range []struct {
		name    string
		shas    []string
		want    string // target, "" for a refusal
		wantErr string
	}{
		{"the service's own commit", []string{own}, "github:rail/fares", ""},
		{"a commit of a service on the failing path", []string{up}, "github:rail/gateway", ""},
		{"commits of two repositories", []string{own, up}, "", "no repository of the team file"},
		{"a repository outside the team file", []string{foreign}, "", "no repository of the team file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args, _ := json.Marshal(map[string]any{"shas": tc.shas, "reason": "test"})
			located, err := revert.Locate(ctx, agent.Invocation{Args: args, Injected: inj})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Locate = %+v, %v; want an error with %q", located, err, tc.wantErr)
				}
				return
			}
			must(t, err)
			if got := revert.Target(located); got != tc.want {
				t.Fatalf("target %q, want %q", got, tc.want)
			}
			if located.Service != inj.Service || located.IncidentID != inj.IncidentID {
				t.Fatalf("Locate changed more than the repository: %+v", located)
			}
		})
	}
	// Other remediation kinds stay on the service's repository.
	if cfg, _ := reg.Get("config_change_pr"); cfg.Locate != nil {
		t.Fatal("config_change_pr follows commits it does not name")
	}

	get, _ := reg.Get("get_commit")
	out, err := get.Run(ctx, agent.Invocation{Args: json.RawMessage(`{"sha":"` + up + `","service":"fare-gateway"}`), Injected: inj})
	must(t, err)
	if !strings.Contains(string(out), "send fares as strings") {
		t.Fatalf("get_commit in another service's repository = %s", out)
	}
	if _, err := get.Run(ctx, agent.Invocation{Args: json.RawMessage(`{"sha":"` + foreign + `","service":"elsewhere"}`), Injected: inj}); err == nil {
		t.Fatal("get_commit read a repository outside the team file")
	}
}
