package github

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	sandbox "github.com/warroom/warroom/internal/sandbox/github"
)

const testToken = "ghp_testTOKEN0123456789abcdefSECRET"

var emptyTime time.Time

var t0 = time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC)

// sha is a realistic, distinct 40-hex sha for commit number n.
func sha(n int) string { return fmt.Sprintf("%x", sha1.Sum([]byte(strconv.Itoa(n)))) }

// num is the inverse of sha for small n.
func num(s string) string {
	for i := 0; i <= 1000; i++ {
		if sha(i) == s {
			return strconv.Itoa(i)
		}
	}
	return s
}

// linearRepo builds n commits, newest first, one hour apart ending at t0.
func linearRepo(owner, name string, n int) sandbox.Repo {
	r := sandbox.Repo{Owner: owner, Name: name, DefaultBranch: "main"}
	for i := n; i >= 1; i-- {
		c := sandbox.Commit{
			SHA:     sha(i),
			Author:  fmt.Sprintf("dev%d", i%3),
			Date:    t0.Add(-time.Duration(n-i) * time.Hour),
			Message: fmt.Sprintf("change %d\n\nbody %d", i, i),
			Files: []sandbox.File{{
				Path: fmt.Sprintf("internal/pkg%d/file.go", i%4), Status: "modified",
				Patch: fmt.Sprintf("@@ -1,2 +1,2 @@\n-old %d\n+new %d\n context", i, i),
			}},
		}
		if i > 1 {
			c.Parents = []string{sha(i - 1)}
		}
		r.Commits = append(r.Commits, c)
	}
	return r
}

func checkoutRepo() sandbox.Repo {
	r := linearRepo("acme", "checkout", 7) // sha(7) newest at t0, sha(1) at t0-6h
	r.CodeOwners = "# owners\n*  @acme/payments-eng\n/internal/psp/ @praman @acme/payments-eng\n"
	r.Commits[0].Files = []sandbox.File{
		{Path: "internal/psp/retry.go", Status: "modified", Patch: "@@ -10,7 +10,9 @@ func retry() {\n \tfor i := 0; i < max; i++ {\n-\t\tbackoff(i)\n+\t\t// no backoff\n+\t\tcontinue\n+\t\t_ = i\n \t}"},
		{Path: "internal/psp/retry_test.go", Status: "added", Patch: "@@ -0,0 +1,2 @@\n+package psp\n+"},
		{Path: "internal/psp/old.go", Status: "removed", Patch: "@@ -1 +0,0 @@\n-package psp"},
	}
	r.Deploys = []sandbox.Deploy{
		{SHA: sha(7), At: t0.Add(10 * time.Minute), Environment: "production"},
		{SHA: sha(7), At: t0.Add(5 * time.Minute), Environment: "staging"},
		{SHA: sha(5), At: t0.Add(-90 * time.Minute), Environment: "production"},
		{SHA: sha(3), At: t0.Add(-4 * time.Hour), Environment: "production"},
		{SHA: sha(3), At: t0.Add(-5 * time.Hour), Environment: "staging"},
	}
	return r
}

func testRepos() []sandbox.Repo {
	root := linearRepo("acme", "rootowners", 1)
	root.Contents = map[string]string{"CODEOWNERS": "* @root-owner\n", "docs/CODEOWNERS": "* @docs-owner\n"}
	docs := linearRepo("acme", "docsowners", 1)
	docs.Contents = map[string]string{"docs/CODEOWNERS": "* @docs-owner\n", "docs/README.md": "hi"}
	all := linearRepo("acme", "allowners", 1)
	all.CodeOwners = "* @github-dir-owner\n"
	all.Contents = map[string]string{"CODEOWNERS": "* @root-owner\n", "docs/CODEOWNERS": "* @docs-owner\n"}
	return []sandbox.Repo{checkoutRepo(), linearRepo("acme", "big", 250), root, docs, all, linearRepo("acme", "noowners", 2)}
}

func newEnv(t *testing.T, configure func(*sandbox.Server)) (*sandbox.Server, *Client) {
	t.Helper()
	s := sandbox.NewServer(testRepos())
	if configure != nil {
		configure(s)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	c, err := New(testToken, ts.URL, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func shas(cs []Commit) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.SHA
	}
	return out
}

func TestRecentCommits(t *testing.T) {
	tests := []struct {
		name         string
		repo         string
		since, until time.Time
		limit        int
		want         []string
		listCalls    int
	}{
		{name: "all", repo: "acme/checkout", limit: 100, want: []string{sha(7), sha(6), sha(5), sha(4), sha(3), sha(2), sha(1)}, listCalls: 1},
		{name: "window inclusive", repo: "acme/checkout", since: t0.Add(-4 * time.Hour), until: t0.Add(-2 * time.Hour), limit: 10, want: []string{sha(5), sha(4), sha(3)}, listCalls: 1},
		{name: "since only", repo: "acme/checkout", since: t0.Add(-90 * time.Minute), limit: 10, want: []string{sha(7), sha(6)}, listCalls: 1},
		{name: "until only", repo: "acme/checkout", until: t0.Add(-5 * time.Hour), limit: 10, want: []string{sha(2), sha(1)}, listCalls: 1},
		{name: "limit keeps newest", repo: "acme/checkout", limit: 3, want: []string{sha(7), sha(6), sha(5)}, listCalls: 1},
		{name: "empty window", repo: "acme/checkout", since: t0.Add(time.Hour), limit: 10, want: nil, listCalls: 1},
		{name: "default limit", repo: "acme/big", limit: 0, want: seq(250, 221), listCalls: 1},
		{name: "paginates", repo: "acme/big", limit: 230, want: seq(250, 21), listCalls: 3},
		{name: "paginates window", repo: "acme/big", since: t0.Add(-149 * time.Hour), limit: 1000, want: seq(250, 101), listCalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newEnv(t, nil)
			got, err := c.RecentCommits(context.Background(), tt.repo, tt.since, tt.until, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(shas(got), tt.want) {
				t.Fatalf("shas = %v, want %v", short(shas(got)), short(tt.want))
			}
			for _, cm := range got {
				if len(cm.Files) == 0 || cm.Files[0].Patch == "" || cm.Author == "" || cm.Date.IsZero() || len(cm.Parents) > 1 {
					t.Fatalf("commit %s incomplete: %+v", cm.SHA, cm)
				}
			}
			if n := s.Calls("/repos/" + tt.repo + "/commits"); n != tt.listCalls {
				t.Errorf("list calls = %d, want %d", n, tt.listCalls)
			}
			if n := s.CallsWithPrefix("/repos/" + tt.repo + "/commits/"); n != len(tt.want) {
				t.Errorf("get calls = %d, want %d", n, len(tt.want))
			}
		})
	}
}

func seq(from, to int) []string {
	var out []string
	for i := from; i >= to; i-- {
		out = append(out, sha(i))
	}
	return out
}

func short(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = num(x)
	}
	return out
}

func TestCommit(t *testing.T) {
	_, c := newEnv(t, nil)
	ctx := context.Background()
	tests := []struct {
		name, ref string
		wantSHA   string
		wantErr   error
	}{
		{name: "full sha", ref: sha(7), wantSHA: sha(7)},
		{name: "abbreviated sha", ref: sha(7)[:7], wantSHA: sha(7)},
		{name: "branch", ref: "main", wantSHA: sha(7)},
		{name: "unknown sha", ref: strings.Repeat("f", 40), wantErr: ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cm, err := c.Commit(ctx, "acme/checkout", tt.ref)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "acme/checkout") {
					t.Errorf("error lacks context: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cm.SHA != tt.wantSHA || cm.Author != "dev1" || cm.Subject() != "change 7" || !cm.Date.Equal(t0) {
				t.Fatalf("commit = %+v", cm)
			}
			if !slices.Equal(cm.Parents, []string{sha(6)}) {
				t.Errorf("parents = %v", cm.Parents)
			}
			if len(cm.Files) != 3 {
				t.Fatalf("files = %+v", cm.Files)
			}
			f := cm.Files[0]
			if f.Path != "internal/psp/retry.go" || f.Status != "modified" || f.Additions != 3 || f.Deletions != 1 ||
				!strings.Contains(f.Patch, "-\t\tbackoff(i)") {
				t.Errorf("file = %+v", f)
			}
			if cm.Files[1].Status != "added" || cm.Files[2].Status != "removed" {
				t.Errorf("statuses = %s %s", cm.Files[1].Status, cm.Files[2].Status)
			}
			if cm.Additions != 5 || cm.Deletions != 2 {
				t.Errorf("stats = +%d -%d", cm.Additions, cm.Deletions)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	_, c := newEnv(t, nil)
	cmp, err := c.Compare(context.Background(), "acme/checkout", sha(5), "main")
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Status != "ahead" || cmp.AheadBy != 2 || cmp.BehindBy != 0 || cmp.MergeBaseSHA != sha(5) {
		t.Fatalf("comparison = %+v", cmp)
	}
	if !slices.Equal(shas(cmp.Commits), []string{sha(6), sha(7)}) {
		t.Errorf("commits = %v (want oldest first)", short(shas(cmp.Commits)))
	}
	if len(cmp.Files) != 4 {
		t.Errorf("files = %+v", cmp.Files)
	}
	back, err := c.Compare(context.Background(), "acme/checkout", "main", sha(5))
	if err != nil || back.Status != "behind" || back.BehindBy != 2 {
		t.Fatalf("reverse = %+v, %v", back, err)
	}
	if _, err := c.Compare(context.Background(), "acme/checkout", "nope-branch", "main"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown base err = %v", err)
	}
}

func TestDeploys(t *testing.T) {
	tests := []struct {
		name  string
		env   string
		since time.Time
		want  []string // sha@env, newest first
	}{
		{name: "all", want: []string{"7@production", "7@staging", "5@production", "3@production", "3@staging"}},
		{name: "production", env: "production", want: []string{"7@production", "5@production", "3@production"}},
		{name: "staging", env: "staging", want: []string{"7@staging", "3@staging"}},
		{name: "production since", env: "production", since: t0.Add(-2 * time.Hour), want: []string{"7@production", "5@production"}},
		{name: "since is inclusive", since: t0.Add(5 * time.Minute), want: []string{"7@production", "7@staging"}},
		{name: "unknown environment", env: "qa", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newEnv(t, nil)
			got, err := c.Deploys(context.Background(), "acme/checkout", tt.env, tt.since)
			if err != nil {
				t.Fatal(err)
			}
			var desc []string
			ids := map[int64]bool{}
			for i, d := range got {
				desc = append(desc, num(d.SHA)+"@"+d.Environment)
				if d.ID == 0 || ids[d.ID] || d.CreatedAt.IsZero() {
					t.Errorf("bad deploy %+v", d)
				}
				ids[d.ID] = true
				if i > 0 && (d.CreatedAt.After(got[i-1].CreatedAt) || d.ID > got[i-1].ID) {
					t.Errorf("not newest first at %d", i)
				}
			}
			if !slices.Equal(desc, tt.want) {
				t.Fatalf("deploys = %v, want %v", desc, tt.want)
			}
		})
	}
}

func TestDeploysPaginate(t *testing.T) {
	r := linearRepo("acme", "busy", 1)
	for i := 0; i < 230; i++ {
		r.Deploys = append(r.Deploys, sandbox.Deploy{SHA: sha(1), At: t0.Add(-time.Duration(i) * time.Minute), Environment: "production"})
	}
	s := sandbox.NewServer([]sandbox.Repo{r})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	c, err := New(testToken, ts.URL, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.Deploys(context.Background(), "acme/busy", "production", time.Time{})
	if err != nil || len(all) != 230 || s.Calls("/repos/acme/busy/deployments") != 3 {
		t.Fatalf("all: %d deploys, %d calls, %v", len(all), s.Calls("/repos/acme/busy/deployments"), err)
	}
	s.ResetCalls()
	recent, err := c.Deploys(context.Background(), "acme/busy", "production", t0.Add(-50*time.Minute))
	if err != nil || len(recent) != 51 || s.Calls("/repos/acme/busy/deployments") != 1 {
		t.Fatalf("recent: %d deploys, %d calls, %v", len(recent), s.Calls("/repos/acme/busy/deployments"), err)
	}
}

func TestCodeOwnersLookupOrder(t *testing.T) {
	tests := []struct {
		repo     string
		wantPath string
		owner    string
		fetches  []string // paths requested, in order
		wantErr  error
	}{
		{repo: "acme/allowners", wantPath: ".github/CODEOWNERS", owner: "@github-dir-owner", fetches: []string{".github/CODEOWNERS"}},
		{repo: "acme/rootowners", wantPath: "CODEOWNERS", owner: "@root-owner", fetches: []string{".github/CODEOWNERS", "CODEOWNERS"}},
		{repo: "acme/docsowners", wantPath: "docs/CODEOWNERS", owner: "@docs-owner", fetches: []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}},
		{repo: "acme/noowners", wantErr: ErrNotFound, fetches: []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}},
		{repo: "acme/missing", wantErr: ErrNotFound, fetches: []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}},
	}
	for _, tt := range tests {
		t.Run(tt.repo, func(t *testing.T) {
			s, c := newEnv(t, nil)
			co, err := c.CodeOwners(context.Background(), tt.repo)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else {
				if co.Path != tt.wantPath {
					t.Errorf("path = %q, want %q", co.Path, tt.wantPath)
				}
				if got := co.Owners("any/file.txt"); !slices.Equal(got, []string{tt.owner}) {
					t.Errorf("owners = %v, want %s", got, tt.owner)
				}
			}
			for _, p := range CodeOwnersPaths {
				want := 0
				if slices.Contains(tt.fetches, p) {
					want = 1
				}
				if n := s.Calls("/repos/" + tt.repo + "/contents/" + p); n != want {
					t.Errorf("fetches of %s = %d, want %d", p, n, want)
				}
			}
		})
	}
}

func TestCodeOwnersFromServer(t *testing.T) {
	_, c := newEnv(t, nil)
	co, err := c.CodeOwners(context.Background(), "acme/checkout")
	if err != nil {
		t.Fatal(err)
	}
	if len(co.Rules) != 2 || co.Rules[1].Line != 3 {
		t.Fatalf("rules = %+v", co.Rules)
	}
	if got := co.Owners("internal/psp/retry.go"); !slices.Equal(got, []string{"@praman", "@acme/payments-eng"}) {
		t.Errorf("owners = %v", got)
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		configure func(*sandbox.Server)
		repo      string
		calls     int  // how many Commit calls; the last one is checked
		fresh     bool // a new client per call, so go-github cannot refuse locally
		wantErr   error
		secondary bool
		retry     time.Duration // expected RetryAfter (approximate) when > 0
	}{
		{name: "bad token", configure: func(s *sandbox.Server) { s.Tokens = map[string]bool{"ghp_other": true} }, repo: "acme/checkout", calls: 1, wantErr: ErrUnauthorized},
		{name: "unknown repo", repo: "acme/nope", calls: 1, wantErr: ErrNotFound},
		{name: "primary 403 from server", configure: func(s *sandbox.Server) { s.RateLimit = 2 }, repo: "acme/checkout", calls: 3, fresh: true, wantErr: ErrRateLimited, retry: time.Hour},
		{name: "primary refused by go-github after remaining 0", configure: func(s *sandbox.Server) { s.RateLimit = 1; s.RateLimitWindow = 10 * time.Minute }, repo: "acme/checkout", calls: 2, wantErr: ErrRateLimited, retry: 10 * time.Minute},
		{name: "primary 429 from server", configure: func(s *sandbox.Server) { s.RateLimit = 1; s.RateLimitStatus = 429 }, repo: "acme/checkout", calls: 2, fresh: true, wantErr: ErrRateLimited, retry: time.Hour},
		{name: "secondary 429", configure: func(s *sandbox.Server) { s.TriggerSecondaryRateLimit(1, 30*time.Second) }, repo: "acme/checkout", calls: 1, wantErr: ErrRateLimited, secondary: true, retry: 30 * time.Second},
		{name: "secondary 429 without retry-after", configure: func(s *sandbox.Server) { s.TriggerSecondaryRateLimit(1, 0) }, repo: "acme/checkout", calls: 1, wantErr: ErrRateLimited, secondary: true, retry: time.Minute},
		{name: "secondary 403", configure: func(s *sandbox.Server) { s.SecondaryStatus = 403; s.TriggerSecondaryRateLimit(1, 45*time.Second) }, repo: "acme/checkout", calls: 1, wantErr: ErrRateLimited, secondary: true, retry: 45 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newEnv(t, tt.configure)
			var err error
			for i := 0; i < tt.calls; i++ {
				if tt.fresh {
					if c, err = New(testToken, c.gh.BaseURL.String(), nil); err != nil {
						t.Fatal(err)
					}
				}
				_, err = c.Commit(ctx, tt.repo, sha(7))
				if i < tt.calls-1 && err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(fmt.Sprintf("%+v", err), testToken) {
				t.Fatalf("error leaks token: %v", err)
			}
			if !strings.Contains(err.Error(), tt.repo) {
				t.Errorf("error lacks context: %v", err)
			}
			var rl *RateLimitError
			if errors.As(err, &rl) != (tt.wantErr == ErrRateLimited) {
				t.Fatalf("errors.As RateLimitError mismatch: %v", err)
			}
			if rl == nil {
				return
			}
			if tt.fresh && rl.StatusCode == 0 {
				t.Errorf("expected a server response, got a local refusal: %v", err)
			}
			if rl.Secondary != tt.secondary {
				t.Errorf("secondary = %v, want %v (%v)", rl.Secondary, tt.secondary, err)
			}
			if d := rl.RetryAfter - tt.retry; d < -5*time.Second || d > 5*time.Second {
				t.Errorf("retry after = %v, want ~%v", rl.RetryAfter, tt.retry)
			}
			if rl.RetryAt.IsZero() {
				t.Errorf("retry at unset")
			}
		})
	}
}

func TestSecondaryRecovers(t *testing.T) {
	s, c := newEnv(t, func(s *sandbox.Server) { s.TriggerSecondaryRateLimit(1, 0) })
	if _, err := c.Commit(context.Background(), "acme/checkout", sha(7)); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("first: %v", err)
	}
	if _, err := c.Commit(context.Background(), "acme/checkout", sha(7)); err != nil {
		t.Fatalf("second: %v", err)
	}
	if n := s.Calls("/repos/acme/checkout/commits/" + sha(7)); n != 2 {
		t.Errorf("calls = %d", n)
	}
}

func TestRecentCommitsRateLimited(t *testing.T) {
	_, c := newEnv(t, func(s *sandbox.Server) { s.RateLimit = 4 })
	_, err := c.RecentCommits(context.Background(), "acme/checkout", time.Time{}, time.Time{}, 7)
	var rl *RateLimitError
	if !errors.Is(err, ErrRateLimited) || !errors.As(err, &rl) || rl.Secondary {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "get commits of acme/checkout: ") {
		t.Errorf("context: %v", err)
	}
}

func TestNew(t *testing.T) {
	s := sandbox.NewServer(testRepos())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, base := range []string{ts.URL, ts.URL + "/", ts.URL + "/api/v3"} {
		c, err := New(testToken, base, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Commit(context.Background(), "acme/checkout", "main"); err != nil {
			t.Errorf("base %s: %v", base, err)
		}
	}
	c, err := New(testToken, "", nil)
	if err != nil || c.GitHub().BaseURL.String() != "https://api.github.com/" {
		t.Fatalf("default base: %v %v", c.GitHub().BaseURL, err)
	}
	for _, bad := range []string{"::", "ftp://x", "/relative"} {
		if _, err := New(testToken, bad, nil); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
	if _, err := c.Commit(context.Background(), "not-a-repo", "x"); err == nil {
		t.Error("invalid repo accepted")
	}
}

// A monorepo's deploy names its service in the deployment payload; one
// without a service (or with a non-string one) deploys the whole repository.
func TestDeploysReadTheServiceFromThePayload(t *testing.T) {
	r := linearRepo("acme", "mono", 1)
	r.Deploys = []sandbox.Deploy{
		{SHA: sha(1), At: t0, Environment: "production", Service: "tickets-api"},
		{SHA: sha(1), At: t0.Add(-time.Minute), Environment: "production"},
	}
	ts := httptest.NewServer(sandbox.NewServer([]sandbox.Repo{r}).Handler())
	defer ts.Close()
	c, err := New(testToken, ts.URL, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Deploys(context.Background(), "acme/mono", "", time.Time{})
	if err != nil || len(got) != 2 || got[0].Service != "tickets-api" || got[1].Service != "" {
		t.Fatalf("deploys = %+v, %v", got, err)
	}
	for raw, want := range map[string]string{`{"service":"gates"}`: "gates", `{"service":7}`: "", `"x"`: "", ``: ""} {
		if s := payloadService([]byte(raw)); s != want {
			t.Errorf("payloadService(%s) = %q, want %q", raw, s, want)
		}
	}
}
