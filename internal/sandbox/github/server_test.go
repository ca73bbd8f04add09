package github

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const repoJSON = `[{"owner": "acme", "name": "checkout", "default_branch": "main",
 "codeowners": "*  @acme/eng\n/internal/psp/ @praman\n",
 "deploys": [
  {"sha": "cccccccccccccccccccccccccccccccccccccccc", "at": "2026-10-09T01:52:00Z", "environment": "production"},
  {"sha": "cccccccccccccccccccccccccccccccccccccccc", "at": "2026-10-09T01:41:00Z", "environment": "staging"},
  {"sha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "at": "2026-10-08T11:40:00Z", "environment": "production"}],
 "commits": [
  {"sha": "cccccccccccccccccccccccccccccccccccccccc", "parents": ["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], "author": "mwebb",
   "date": "2026-10-09T01:30:00Z", "message": "psp: drop backoff\n\nbody",
   "files": [{"path": "internal/psp/retry.go", "status": "modified", "patch": "@@ -1,3 +1,3 @@\n ctx\n-old\n+new\n+more"}]},
  {"sha": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "parents": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"], "author": "praman",
   "date": "2026-10-08T20:00:00Z", "message": "docs", "files": [{"path": "README.md", "status": "modified", "patch": "@@ -1 +1 @@\n-a\n+b"}]},
  {"sha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "parents": ["0000000000000000000000000000000000000000"], "author": "twnowak",
   "date": "2026-10-08T10:00:00Z", "message": "init", "files": [{"path": "go.mod", "status": "added", "patch": "@@ -0,0 +1 @@\n+module x"}]}
 ]}]`

func decodeRepos(t *testing.T) []Repo {
	t.Helper()
	var repos []Repo
	if err := json.Unmarshal([]byte(repoJSON), &repos); err != nil {
		t.Fatal(err)
	}
	return repos
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func start(t *testing.T, configure func(*Server)) (*Server, *httptest.Server) {
	t.Helper()
	s := NewServer(decodeRepos(t))
	if configure != nil {
		configure(s)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

type result struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, ts *httptest.Server, path, auth string, hdr ...string) result {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return result{resp.StatusCode, resp.Header, string(b)}
}

func message(t *testing.T, body string) (msg, doc string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	msg, _ = m["message"].(string)
	doc, _ = m["documentation_url"].(string)
	return msg, doc
}

func hasRateHeaders(t *testing.T, h http.Header) {
	t.Helper()
	for _, k := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Used", "X-RateLimit-Reset", "X-RateLimit-Resource"} {
		if h.Get(k) == "" {
			t.Errorf("missing %s", k)
		}
	}
}

func TestAuth(t *testing.T) {
	tests := []struct {
		name   string
		tokens map[string]bool
		auth   string
		want   int
	}{
		{name: "missing", auth: "", want: 401},
		{name: "bearer any", auth: "Bearer abc", want: 200},
		{name: "token scheme", auth: "token abc", want: 200},
		{name: "empty bearer", auth: "Bearer ", want: 401},
		{name: "basic rejected", auth: "Basic dXNlcjpwYXNz", want: 401},
		{name: "configured valid", tokens: map[string]bool{"good": true}, auth: "Bearer good", want: 200},
		{name: "configured valid token scheme", tokens: map[string]bool{"good": true}, auth: "token good", want: 200},
		{name: "configured invalid", tokens: map[string]bool{"good": true}, auth: "Bearer bad", want: 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := start(t, func(s *Server) { s.Tokens = tt.tokens })
			r := get(t, ts, "/repos/acme/checkout/commits", tt.auth)
			if r.status != tt.want {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.want, r.body)
			}
			hasRateHeaders(t, r.header)
			if tt.want == 401 {
				msg, doc := message(t, r.body)
				if msg != "Bad credentials" || doc == "" {
					t.Errorf("body = %s", r.body)
				}
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	_, ts := start(t, nil)
	for _, p := range []string{
		"/repos/acme/nope/commits",
		"/repos/acme/checkout/commits/" + strings.Repeat("d", 40),
		"/repos/acme/checkout/commits?sha=nope",
		"/repos/acme/checkout/contents/CODEOWNERS",
		"/repos/acme/checkout/compare/main...nope",
		"/repos/acme/checkout/deployments/999",
		"/nothing/here",
	} {
		r := get(t, ts, p, "Bearer x")
		if msg, _ := message(t, r.body); r.status != 404 || msg != "Not Found" {
			t.Errorf("%s: %d %s", p, r.status, r.body)
		}
	}
}

func TestPrimaryRateLimit(t *testing.T) {
	clock := &fakeClock{now: time.Now()}
	s, ts := start(t, func(s *Server) { s.RateLimit = 2; s.Now = clock.Now })
	for i := 1; i <= 2; i++ {
		r := get(t, ts, "/repos/acme/checkout/commits", "Bearer a")
		if r.status != 200 || r.header.Get("X-RateLimit-Remaining") != strconv.Itoa(2-i) || r.header.Get("X-RateLimit-Used") != strconv.Itoa(i) {
			t.Fatalf("request %d: %d remaining=%s", i, r.status, r.header.Get("X-RateLimit-Remaining"))
		}
	}
	r := get(t, ts, "/repos/acme/checkout/commits", "Bearer a")
	msg, _ := message(t, r.body)
	if r.status != 403 || r.header.Get("X-RateLimit-Remaining") != "0" || !strings.HasPrefix(msg, "API rate limit exceeded") {
		t.Fatalf("over limit: %d %v %s", r.status, r.header, r.body)
	}
	reset, _ := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64)
	if d := time.Unix(reset, 0).Sub(clock.Now()); d < 59*time.Minute || d > time.Hour {
		t.Errorf("reset in %v", d)
	}
	// Budgets are per token.
	if r := get(t, ts, "/repos/acme/checkout/commits", "Bearer b"); r.status != 200 {
		t.Errorf("other token: %d", r.status)
	}
	// /rate_limit is free.
	if r := get(t, ts, "/rate_limit", "Bearer a"); r.status != 200 || !strings.Contains(r.body, `"remaining":0`) {
		t.Errorf("rate_limit: %d %s", r.status, r.body)
	}
	clock.Add(time.Hour)
	if r := get(t, ts, "/repos/acme/checkout/commits", "Bearer a"); r.status != 200 {
		t.Errorf("after reset: %d", r.status)
	}
	if n := s.Calls("/repos/acme/checkout/commits"); n != 5 {
		t.Errorf("calls = %d", n)
	}
}

func TestSecondaryRateLimit(t *testing.T) {
	for _, status := range []int{0, 403} {
		s, ts := start(t, func(s *Server) { s.SecondaryStatus = status })
		s.TriggerSecondaryRateLimit(2, 1500*time.Millisecond)
		want := status
		if want == 0 {
			want = 429
		}
		for i := 0; i < 2; i++ {
			r := get(t, ts, "/repos/acme/checkout/commits", "Bearer a")
			msg, doc := message(t, r.body)
			if r.status != want || r.header.Get("Retry-After") != "2" || !strings.Contains(msg, "secondary rate limit") ||
				!strings.HasSuffix(doc, "secondary-rate-limits") || r.header.Get("X-RateLimit-Remaining") == "0" {
				t.Fatalf("secondary %d: %d %v %s", i, r.status, r.header, r.body)
			}
			hasRateHeaders(t, r.header)
		}
		if r := get(t, ts, "/repos/acme/checkout/commits", "Bearer a"); r.status != 200 {
			t.Fatalf("after trigger: %d", r.status)
		}
	}
}

func TestCallCounts(t *testing.T) {
	s, ts := start(t, nil)
	get(t, ts, "/repos/acme/checkout/commits", "Bearer a")
	get(t, ts, "/api/v3/repos/acme/checkout/commits/", "Bearer a") // GHES layout, trailing slash
	get(t, ts, "/repos/acme/checkout/commits/"+strings.Repeat("c", 40), "Bearer a")
	// Refused for want of a token, and another method: both counted.
	get(t, ts, "/repos/acme/checkout/commits", "")
	call(t, ts, "POST", "/repos/acme/checkout/git/blobs", "a", map[string]string{"content": "x"}, nil)
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"Calls", s.Calls("/repos/acme/checkout/commits"), 3},
		{"Calls under /api/v3", s.Calls("/api/v3/repos/acme/checkout/commits"), 3},
		{"CallsWithPrefix", s.CallsWithPrefix("/repos/acme/checkout/commits"), 4},
		{"CallsWithPrefix of a POST", s.CallsWithPrefix("/repos/acme/checkout/git/"), 1},
		{"TotalCalls", s.TotalCalls(), 5},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	s.ResetCalls()
	if s.TotalCalls() != 0 || s.Calls("/repos/acme/checkout/commits") != 0 {
		t.Errorf("ResetCalls left %d calls", s.TotalCalls())
	}
}

func TestListCommitsPagination(t *testing.T) {
	_, ts := start(t, nil)
	r := get(t, ts, "/repos/acme/checkout/commits?per_page=2", "Bearer a")
	var page []struct {
		SHA    string `json:"sha"`
		Commit struct {
			Message string `json:"message"`
			Author  struct{ Name, Date string }
		} `json:"commit"`
		Author  struct{ Login string } `json:"author"`
		Parents []struct{ SHA string } `json:"parents"`
		Files   []any                  `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.body), &page); err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].SHA[0] != 'c' || page[1].SHA[0] != 'b' || page[0].Author.Login != "mwebb" ||
		page[0].Commit.Author.Date != "2026-10-09T01:30:00Z" || len(page[0].Parents) != 1 || page[0].Files != nil {
		t.Fatalf("page 1 = %s", r.body)
	}
	link := r.header.Get("Link")
	if !strings.Contains(link, `page=2&per_page=2>; rel="next"`) || !strings.Contains(link, `rel="last"`) || strings.Contains(link, `rel="prev"`) {
		t.Errorf("link = %s", link)
	}
	r = get(t, ts, "/repos/acme/checkout/commits?per_page=2&page=2", "Bearer a")
	if !strings.Contains(r.body, "aaaa") || strings.Contains(r.header.Get("Link"), `rel="next"`) || !strings.Contains(r.header.Get("Link"), `rel="prev"`) {
		t.Errorf("page 2 = %s link %s", r.body, r.header.Get("Link"))
	}
	r = get(t, ts, "/repos/acme/checkout/commits?since=2026-10-08T12:00:00Z&until=2026-10-08T23:00:00Z", "Bearer a")
	if strings.Count(r.body, `"sha":"bbbb`) != 1 || strings.Contains(r.body, `"sha":"cccc`) {
		t.Errorf("window = %s", r.body)
	}
	r = get(t, ts, "/repos/acme/checkout/commits?sha=bbbbbbb&path=go.mod", "Bearer a")
	if !strings.Contains(r.body, `"sha":"aaaa`) || strings.Contains(r.body, `"sha":"bbbb`) {
		t.Errorf("sha+path = %s", r.body)
	}
}

func TestGetCommit(t *testing.T) {
	_, ts := start(t, nil)
	r := get(t, ts, "/api/v3/repos/ACME/Checkout/commits/ccccccc", "token a")
	var c struct {
		SHA   string `json:"sha"`
		Stats struct{ Additions, Deletions, Total int }
		Files []struct {
			Filename, Status, Patch string
			Additions, Deletions    int
		}
	}
	if err := json.Unmarshal([]byte(r.body), &c); err != nil || r.status != 200 {
		t.Fatalf("%d %s %v", r.status, r.body, err)
	}
	if c.SHA != strings.Repeat("c", 40) || c.Stats.Additions != 2 || c.Stats.Deletions != 1 || c.Stats.Total != 3 ||
		len(c.Files) != 1 || c.Files[0].Filename != "internal/psp/retry.go" || !strings.Contains(c.Files[0].Patch, "+more") {
		t.Fatalf("commit = %s", r.body)
	}
	if !strings.Contains(r.body, ts.URL+"/api/v3/repos/acme/checkout/commits/") {
		t.Errorf("urls should use the request's API root: %s", r.body)
	}
	r = get(t, ts, "/repos/acme/checkout/commits/main", "token a", "Accept", "application/vnd.github.v3.diff")
	if r.status != 200 || !strings.HasPrefix(r.body, "diff --git a/internal/psp/retry.go b/internal/psp/retry.go\n") {
		t.Errorf("diff = %s", r.body)
	}
}

func TestCompare(t *testing.T) {
	_, ts := start(t, nil)
	r := get(t, ts, "/repos/acme/checkout/compare/aaaaaaa...main", "Bearer a")
	var cmp struct {
		Status    string
		AheadBy   int `json:"ahead_by"`
		BehindBy  int `json:"behind_by"`
		Commits   []struct{ SHA string }
		Files     []struct{ Filename string }
		MergeBase struct{ SHA string } `json:"merge_base_commit"`
	}
	if err := json.Unmarshal([]byte(r.body), &cmp); err != nil {
		t.Fatal(err)
	}
	if cmp.Status != "ahead" || cmp.AheadBy != 2 || cmp.BehindBy != 0 || len(cmp.Commits) != 2 || cmp.Commits[0].SHA[0] != 'b' ||
		len(cmp.Files) != 2 || cmp.MergeBase.SHA[0] != 'a' {
		t.Fatalf("compare = %s", r.body)
	}
	r = get(t, ts, "/repos/acme/checkout/compare/main...main", "Bearer a")
	if !strings.Contains(r.body, `"status":"identical"`) {
		t.Errorf("identical = %s", r.body)
	}
}

func TestContents(t *testing.T) {
	repos := decodeRepos(t)
	repos[0].Contents = map[string]string{"docs/CODEOWNERS": "* @docs\n"}
	s := NewServer(repos)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	r := get(t, ts, "/repos/acme/checkout/contents/.github/CODEOWNERS", "Bearer a")
	var f struct {
		Type, Encoding, Content, Path, Name, SHA string
		Size                                     int
	}
	if err := json.Unmarshal([]byte(r.body), &f); err != nil {
		t.Fatal(err)
	}
	text, err := base64.StdEncoding.DecodeString(f.Content)
	if err != nil || f.Type != "file" || f.Encoding != "base64" || f.Path != ".github/CODEOWNERS" || f.Name != "CODEOWNERS" ||
		string(text) != repos[0].CodeOwners || f.Size != len(repos[0].CodeOwners) || len(f.SHA) != 40 {
		t.Fatalf("contents = %s (%v)", r.body, err)
	}
	if r := get(t, ts, "/repos/acme/checkout/contents/docs/CODEOWNERS?ref=main", "Bearer a"); r.status != 200 {
		t.Errorf("docs: %d", r.status)
	}
	if r := get(t, ts, "/repos/acme/checkout/contents/docs", "Bearer a"); r.status != 200 || !strings.HasPrefix(r.body, "[") {
		t.Errorf("dir listing: %d %s", r.status, r.body)
	}
	if n := s.Calls("/repos/acme/checkout/contents/.github/CODEOWNERS"); n != 1 {
		t.Errorf("calls = %d", n)
	}
}

func TestDeployments(t *testing.T) {
	_, ts := start(t, nil)
	r := get(t, ts, "/repos/acme/checkout/deployments?environment=production", "Bearer a")
	var ds []struct {
		ID          int64
		SHA         string
		Environment string
		CreatedAt   string `json:"created_at"`
	}
	if err := json.Unmarshal([]byte(r.body), &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].CreatedAt != "2026-10-09T01:52:00Z" || ds[1].SHA[0] != 'a' || ds[0].ID <= ds[1].ID {
		t.Fatalf("deployments = %s", r.body)
	}
	r = get(t, ts, "/repos/acme/checkout/deployments?per_page=1&page=2", "Bearer a")
	if !strings.Contains(r.body, `"environment":"staging"`) || !strings.Contains(r.header.Get("Link"), `rel="next"`) {
		t.Errorf("page 2 = %s %s", r.body, r.header.Get("Link"))
	}
}
