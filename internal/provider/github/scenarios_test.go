package github

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sandbox "github.com/warroom/warroom/internal/sandbox/github"
)

const scenariosDir = "../../../../shared/scenarios"

// TestScenarios loads the repos of every scenario file into the sandbox and
// reads each repository back through the client.
func TestScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenariosDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no scenarios in %s", scenariosDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var sc struct {
				Repos []sandbox.Repo `json:"repos"`
			}
			if err := json.Unmarshal(data, &sc); err != nil {
				t.Fatalf("decode repos: %v", err)
			}
			s := sandbox.NewServer(sc.Repos)
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			c, err := New(testToken, ts.URL, ts.Client())
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, r := range sc.Repos {
				repo := r.FullName()
				got, err := c.RecentCommits(ctx, repo, emptyTime, emptyTime, len(r.Commits)+10)
				if err != nil {
					t.Fatalf("%s: %v", repo, err)
				}
				if len(got) != len(r.Commits) {
					t.Fatalf("%s: %d commits, want %d", repo, len(got), len(r.Commits))
				}
				for i, want := range r.Commits {
					g := got[i]
					if g.SHA != strings.ToLower(want.SHA) || g.Author != want.Author || !g.Date.Equal(want.Date) || g.Message != want.Message {
						t.Errorf("%s commit %d = %s by %s at %s, want %s by %s at %s", repo, i, g.SHA, g.Author, g.Date, want.SHA, want.Author, want.Date)
					}
					if len(g.Files) != len(want.Files) {
						t.Fatalf("%s %s: %d files, want %d", repo, want.SHA, len(g.Files), len(want.Files))
					}
					for j, f := range want.Files {
						if g.Files[j].Path != f.Path || g.Files[j].Status != f.Status || g.Files[j].Patch != f.Patch {
							t.Errorf("%s %s file %d = %+v, want %+v", repo, want.SHA, j, g.Files[j], f)
						}
					}
				}
				if r.CodeOwners != "" {
					co, err := c.CodeOwners(ctx, repo)
					if err != nil {
						t.Fatalf("%s codeowners: %v", repo, err)
					}
					if co.Path != ".github/CODEOWNERS" || len(co.Rules) == 0 {
						t.Errorf("%s codeowners = %+v", repo, co)
					}
					if owners := co.Owners("some/unlisted/file.txt"); len(co.Rules) > 0 && co.Rules[0].Pattern == "*" && len(owners) == 0 {
						t.Errorf("%s: catch-all rule did not match", repo)
					}
				}
				deploys, err := c.Deploys(ctx, repo, "", emptyTime)
				if err != nil {
					t.Fatalf("%s deploys: %v", repo, err)
				}
				if len(deploys) != len(r.Deploys) {
					t.Errorf("%s: %d deploys, want %d", repo, len(deploys), len(r.Deploys))
				}
			}
		})
	}
}
