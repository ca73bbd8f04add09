package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
)

// Tokens of the engineers at the fake GitHub; every test checks that none
// appears in an error.
const (
	aliceTok = "ghu_aliceSECRETtoken0001"
	bobTok   = "ghu_bobSECRETtoken0002"
	carolTok = "ghu_carolSECRETtoken0003"
	repoName = "acme/shop"
	target   = "github:" + repoName
)

const retryV1 = `package app

// Retry settings for the PSP client.
const maxAttempts = 3

func backoff(i int) time.Duration {
	return time.Duration(i) * 200 * time.Millisecond
}

func jitter() time.Duration { return 10 * time.Millisecond }

func deadline() time.Duration { return 2 * time.Second }
`

// world is a fake GitHub with one repository whose history the test builds.
type world struct {
	t     *testing.T
	s     *sandbox.Server
	ts    *httptest.Server
	ex    map[string]action.Executor
	slept []time.Duration
	mu    sync.Mutex
	shas  map[string]string // name -> sha of the commits pushed by history
}

func newWorld(t *testing.T, opts ActionOptions, configure func(*sandbox.Server)) *world {
	t.Helper()
	s := sandbox.NewServer([]sandbox.Repo{{Owner: "acme", Name: "shop", DefaultBranch: "main",
		Collaborators: []string{"alice", "bob", "carol", "dave"}}})
	s.Users = map[string]string{aliceTok: "alice", bobTok: "bob", carolTok: "carol"}
	if configure != nil {
		configure(s)
	}
	w := &world{t: t, s: s, shas: map[string]string{}}
	w.ts = httptest.NewServer(s.Handler())
	t.Cleanup(w.ts.Close)
	opts.BaseURL, opts.HTTPClient = w.ts.URL, w.ts.Client()
	opts.Sleep = func(ctx context.Context, d time.Duration) error {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.slept = append(w.slept, d)
		return ctx.Err()
	}
	src := func(_ context.Context, id string) (facts.Incident, error) {
		return facts.Incident{ID: id, Title: "Checkout 5xx after deploy", Severity: "P1", URL: "https://warroom.example/incidents/" + id}, nil
	}
	ex, err := Executors(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	w.ex = ex
	w.history()
	return w
}

// history: root, then "bad1" (retry.go), "docs", "bad2" (config + a new
// file), "notes". CODEOWNERS makes carol and alice (and outsider, not a
// collaborator) own app/.
func (w *world) history() {
	w.push("root", "dave",
		sandbox.Change{Path: "app/retry.go", Content: retryV1},
		sandbox.Change{Path: "app/config.yaml", Content: "psp:\n  timeout: 2s # per attempt\n  retries: 3\nlog:\n  level: info\n"},
		sandbox.Change{Path: "README.md", Content: "# shop\n"},
		sandbox.Change{Path: ".github/CODEOWNERS", Content: "* @acme/eng\n/app/ @carol @alice @outsider\n/docs/ mail@acme.example\n"},
	)
	w.push("bad1", "dave", sandbox.Change{Path: "app/retry.go", Content: strings.Replace(retryV1,
		"const maxAttempts = 3", "const maxAttempts = 10 // retry harder", 1)})
	w.push("docs", "erin", sandbox.Change{Path: "README.md", Content: "# shop\n\nThe checkout service.\n"})
	w.push("bad2", "dave",
		sandbox.Change{Path: "app/config.yaml", Content: "psp:\n  timeout: 30s # per attempt\n  retries: 3\nlog:\n  level: info\n"},
		sandbox.Change{Path: "app/hedge.go", Content: "package app\n\nconst hedge = true\n"})
	w.push("notes", "erin", sandbox.Change{Path: "docs/notes.md", Content: "notes\n"})
}

func (w *world) push(name, author string, changes ...sandbox.Change) string {
	w.t.Helper()
	sha, err := w.s.Push(repoName, "main", author, name+": change", changes...)
	if err != nil {
		w.t.Fatal(err)
	}
	w.shas[name] = sha
	return sha
}

func (w *world) req(kind, params, key, token, runAs string) action.Request {
	return action.Request{
		Action:         incident.Action{ID: "act-" + key, IncidentID: "INC-7", Kind: kind, Target: target, Params: json.RawMessage(params)},
		IdempotencyKey: key, RunAs: runAs, Token: action.Secret(token),
	}
}

func (w *world) execute(kind, params, key, token, runAs string) (action.Result, error) {
	return w.ex[kind].Execute(context.Background(), w.req(kind, params, key, token, runAs))
}

func (w *world) reconcile(kind, params, key, token, runAs string) (action.Result, bool, error) {
	return w.ex[kind].Reconcile(context.Background(), w.req(kind, params, key, token, runAs))
}

// writes counts the requests that reach the git data API's create endpoints.
func (w *world) writes() int {
	n := 0
	for _, p := range []string{"/git/blobs", "/git/trees", "/git/commits", "/git/refs"} {
		n += w.s.Calls("/repos/" + repoName + p)
	}
	return n
}

func (w *world) onlyPR() sandbox.PullRequest {
	w.t.Helper()
	prs := w.s.Pulls(repoName)
	if len(prs) != 1 {
		w.t.Fatalf("%d pull requests, want 1: %+v", len(prs), prs)
	}
	return prs[0]
}

// warroomBranches are the branches the executors created.
func (w *world) warroomBranches() []string {
	var out []string
	for _, b := range w.s.Branches(repoName) {
		if strings.HasPrefix(b, "warroom/") {
			out = append(out, b)
		}
	}
	return out
}

func noSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, tok := range []string{aliceTok, bobTok, carolTok} {
		if strings.Contains(err.Error(), tok) || strings.Contains(fmt.Sprintf("%+v", err), tok) {
			t.Fatalf("error leaks a token: %v", err)
		}
	}
}

func revertJSON(shas ...string) string {
	b, _ := json.Marshal(map[string]any{"shas": shas, "reason": "maxAttempts=10 matches the retry storm"})
	return string(b)
}

func TestRevertPR(t *testing.T) {
	tests := []struct {
		name string
		// later pushes commits after the history (name -> changes).
		later func(w *world)
		// revert names the commits to revert.
		revert []string
		// from names, per path, the commit whose parent's version the PR must
		// hold ("" = the file must be absent); paths not listed must equal main.
		from    map[string]string
		commits int
		check   func(t *testing.T, w *world, files map[string]string)
	}{
		{name: "one commit", revert: []string{"bad1"}, from: map[string]string{"app/retry.go": "bad1"}, commits: 1},
		{name: "two commits given newest first", revert: []string{"bad2", "bad1"}, commits: 2,
			from: map[string]string{"app/retry.go": "bad1", "app/config.yaml": "bad2", "app/hedge.go": ""}},
		{name: "a later commit changed other lines of the file",
			later: func(w *world) {
				text := strings.Replace(retryV1, "const maxAttempts = 3", "const maxAttempts = 10 // retry harder", 1)
				w.push("later", "erin", sandbox.Change{Path: "app/retry.go", Content: strings.Replace(text, "2 * time.Second", "3 * time.Second", 1)})
			},
			revert: []string{"bad1"}, commits: 1,
			check: func(t *testing.T, w *world, files map[string]string) {
				want := strings.Replace(retryV1, "2 * time.Second", "3 * time.Second", 1)
				if files["app/retry.go"] != want {
					t.Errorf("retry.go = %q, want bad1 undone and the later change kept", files["app/retry.go"])
				}
			}},
		{name: "a later reverted commit changed the same lines",
			later: func(w *world) {
				w.push("worse", "dave", sandbox.Change{Path: "app/retry.go", Content: strings.Replace(retryV1, "const maxAttempts = 3", "const maxAttempts = 50", 1)})
			},
			revert: []string{"bad1", "worse"}, commits: 2, from: map[string]string{"app/retry.go": "bad1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, ActionOptions{}, nil)
			if tt.later != nil {
				tt.later(w)
			}
			mainBefore := w.s.Refs(repoName)["refs/heads/main"]
			var shas []string
			for _, n := range tt.revert {
				shas = append(shas, w.shas[n])
			}
			res, err := w.execute(KindRevertPR, revertJSON(shas...), "key-1", aliceTok, "alice-handle")
			if err != nil {
				t.Fatal(err)
			}
			pr := w.onlyPR()
			if pr.Author != "alice" || pr.Base != "main" || !strings.HasPrefix(pr.Head, "warroom/revert-") || pr.State != "open" {
				t.Fatalf("pr = %+v", pr)
			}
			for _, want := range []string{"INC-7", "Checkout 5xx after deploy", "maxAttempts=10 matches the retry storm", "@alice", "alice-handle", shas[0]} {
				if !strings.Contains(pr.Body, want) {
					t.Errorf("body lacks %q:\n%s", want, pr.Body)
				}
			}
			if w.s.Refs(repoName)["refs/heads/main"] != mainBefore {
				t.Error("main moved")
			}
			files := w.s.Files(repoName, pr.Head)
			main := w.s.Files(repoName, "main")
			for p, name := range tt.from {
				got, ok := files[p]
				want, wantOK := "", false
				if name != "" {
					want, wantOK = w.parentFiles(name)[p]
				}
				if ok != wantOK || got != want {
					t.Errorf("%s = %q (present %v), want the state before %s: %q (present %v)", p, got, ok, name, want, wantOK)
				}
			}
			for p, text := range main {
				if _, listed := tt.from[p]; !listed && tt.check == nil && files[p] != text {
					t.Errorf("%s changed: %q", p, files[p])
				}
			}
			if tt.check != nil {
				tt.check(t, w, files)
			}
			// One revert commit per reverted commit, on top of main.
			if n := w.commitsAhead(pr.Head); n != tt.commits {
				t.Errorf("%d commits on the branch, want %d", n, tt.commits)
			}
			// Code owners of app/: carol requested, alice is the author, outsider is no collaborator.
			if !slices.Equal(pr.RequestedReviewers, []string{"carol"}) {
				t.Errorf("requested reviewers = %v", pr.RequestedReviewers)
			}
			var d PRResult
			if err := json.Unmarshal(res.Detail, &d); err != nil {
				t.Fatal(err)
			}
			if d.PullNumber != pr.Number || d.Existing || len(d.Reverted) != len(shas) || !slices.Contains(d.Requested, "@carol") {
				t.Errorf("detail = %+v", d)
			}
			var outsider bool
			for _, sk := range d.Skipped {
				outsider = outsider || (sk.Reviewer == "@outsider" && strings.Contains(sk.Reason, "collaborator"))
			}
			if !outsider || !strings.Contains(res.Summary, "#1") {
				t.Errorf("result = %s %+v", res.Summary, d.Skipped)
			}
		})
	}
}

// parentFiles are the files of the commit before the named one.
func (w *world) parentFiles(name string) map[string]string {
	w.t.Helper()
	var parent string
	for _, c := range w.commitList("main") {
		if c.sha == w.shas[name] {
			parent = c.parent
		}
	}
	if parent == "" {
		w.t.Fatalf("no parent for %s", name)
	}
	return w.s.Files(repoName, parent)
}

type listed struct{ sha, parent string }

func (w *world) commitList(ref string) []listed {
	w.t.Helper()
	c, err := New(aliceTok, w.ts.URL, w.ts.Client())
	if err != nil {
		w.t.Fatal(err)
	}
	cs, err := c.RecentCommits(context.Background(), repoName, time.Time{}, time.Time{}, 100)
	if ref != "main" {
		var cmp Comparison
		cmp, err = c.Compare(context.Background(), repoName, "main", ref)
		cs = cmp.Commits
	}
	if err != nil {
		w.t.Fatal(err)
	}
	var out []listed
	for _, cm := range cs {
		l := listed{sha: cm.SHA}
		if len(cm.Parents) > 0 {
			l.parent = cm.Parents[0]
		}
		out = append(out, l)
	}
	return out
}

func (w *world) commitsAhead(branch string) int { return len(w.commitList(branch)) }

func TestRevertConflict(t *testing.T) {
	w := newWorld(t, ActionOptions{}, nil)
	later := w.push("clash", "erin", sandbox.Change{Path: "app/retry.go", Content: strings.Replace(retryV1, "const maxAttempts = 3", "const maxAttempts = 5", 1)})
	w.s.ResetCalls()
	_, err := w.execute(KindRevertPR, revertJSON(w.shas["bad1"]), "key-1", aliceTok, "alice")
	if !errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired) {
		t.Fatalf("err = %v, want a permanent refusal", err)
	}
	for _, want := range []string{"app/retry.go", shortSHA(later), shortSHA(w.shas["bad1"]), "Nothing was written"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if n := w.writes(); n != 0 {
		t.Errorf("%d writes to the git data API, want none", n)
	}
	if len(w.s.Pulls(repoName)) != 0 || len(w.warroomBranches()) != 0 {
		t.Error("a pull request or branch was created")
	}
}

func TestRevertRefusals(t *testing.T) {
	w := newWorld(t, ActionOptions{}, nil)
	tests := []struct {
		name, params, want string
	}{
		{"short sha", `{"shas":["abc1234"],"reason":"r"}`, "40-hex"},
		{"no shas", `{"shas":[],"reason":"r"}`, "1 to 10"},
		{"unknown field", `{"shas":["` + w.shas["bad1"] + `"],"reason":"r","repo":"evil/x"}`, "invalid params"},
		{"unknown commit", revertJSON(strings.Repeat("d", 40)), "is not in acme/shop"},
		{"root commit", revertJSON(w.shas["root"]), "first commit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.execute(KindRevertPR, tt.params, "k-"+tt.name, aliceTok, "alice")
			if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want permanent %q", err, tt.want)
			}
		})
	}
	// A commit already reverted on main is refused too.
	if _, err := w.execute(KindRevertPR, revertJSON(w.shas["bad1"]), "first", aliceTok, "alice"); err != nil {
		t.Fatal(err)
	}
	pr := w.onlyPR()
	if _, err := w.execute(KindMergePR, fmt.Sprintf(`{"pull_number":%d,"reason":"r"}`, pr.Number), "merge", bobTok, "bob"); err != nil {
		t.Fatal(err)
	}
	_, err := w.execute(KindRevertPR, revertJSON(w.shas["bad1"]), "second", aliceTok, "alice")
	if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "nothing to revert") {
		t.Fatalf("revert of a reverted commit: %v", err)
	}
}

// TestCrashRetry loses the answer to one write of each executor (GitHub
// applied it) and retries the way the engine does: Reconcile, then Execute
// if not done. Every effect must exist exactly once.
func TestCrashRetry(t *testing.T) {
	type step struct {
		kind, params, token string
	}
	tests := []struct {
		name string
		// prepare runs before the lost call (e.g. opens the PR to merge).
		prepare func(w *world)
		step    func(w *world) step
		// drop picks the request whose answer is lost.
		drop   func(method, path string) bool
		verify func(t *testing.T, w *world)
	}{
		{name: "revert: branch created, answer lost",
			step: func(w *world) step { return step{KindRevertPR, revertJSON(w.shas["bad1"]), aliceTok} },
			drop: func(m, p string) bool { return m == "POST" && p == "/repos/acme/shop/git/refs" }},
		{name: "revert: pull request opened, answer lost",
			step: func(w *world) step { return step{KindRevertPR, revertJSON(w.shas["bad1"]), aliceTok} },
			drop: func(m, p string) bool { return m == "POST" && p == "/repos/acme/shop/pulls" }},
		{name: "revert: reviewer requested, answer lost",
			step: func(w *world) step { return step{KindRevertPR, revertJSON(w.shas["bad1"], w.shas["bad2"]), aliceTok} },
			drop: func(m, p string) bool { return m == "POST" && strings.HasSuffix(p, "/requested_reviewers") }},
		{name: "config: pull request opened, answer lost",
			step: func(w *world) step {
				return step{KindConfigChangePR, `{"path":"app/config.yaml","change":"psp.timeout = 2s","reason":"r"}`, aliceTok}
			},
			drop: func(m, p string) bool { return m == "POST" && p == "/repos/acme/shop/pulls" }},
		{name: "approve: review submitted, answer lost",
			prepare: func(w *world) { w.openRevert() },
			step:    func(w *world) step { return step{KindApprovePR, `{"pull_number":1,"body":"LGTM"}`, bobTok} },
			drop:    func(m, p string) bool { return m == "POST" && strings.HasSuffix(p, "/reviews") },
			verify: func(t *testing.T, w *world) {
				if rv := w.onlyPR().Reviews; len(rv) != 1 || rv[0].User != "bob" || rv[0].State != "APPROVED" {
					t.Errorf("reviews = %+v", rv)
				}
			}},
		{name: "merge: merged, answer lost",
			prepare: func(w *world) { w.openRevert() },
			step:    func(w *world) step { return step{KindMergePR, `{"pull_number":1,"reason":"fix"}`, bobTok} },
			drop:    func(m, p string) bool { return m == "PUT" && strings.HasSuffix(p, "/merge") },
			verify: func(t *testing.T, w *world) {
				pr := w.onlyPR()
				if !pr.Merged || pr.MergedBy != "bob" || w.s.Refs(repoName)["refs/heads/main"] != pr.MergeCommitSHA {
					t.Errorf("pr = %+v", pr)
				}
				if n := w.s.Calls("/repos/acme/shop/pulls/1/merge"); n != 1 {
					t.Errorf("%d merge calls, want 1", n)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			dropped, armed := 0, false
			w := newWorld(t, ActionOptions{}, func(s *sandbox.Server) {
				s.DropResponse = func(method, path string, status int) bool {
					mu.Lock()
					defer mu.Unlock()
					if armed && dropped == 0 && status < 300 && tt.drop(method, path) {
						dropped++
						return true
					}
					return false
				}
			})
			if tt.prepare != nil {
				tt.prepare(w)
			}
			mu.Lock()
			armed = true
			mu.Unlock()
			st := tt.step(w)
			_, err := w.execute(st.kind, st.params, "crash-key", st.token, "handle")
			if err == nil || errors.Is(err, action.ErrPermanent) || errors.Is(err, action.ErrTokenExpired) {
				t.Fatalf("first attempt: err = %v, want a retryable error", err)
			}
			mu.Lock()
			n := dropped
			mu.Unlock()
			if n != 1 {
				t.Fatalf("dropped %d answers", n)
			}
			res, done, err := w.reconcile(st.kind, st.params, "crash-key", st.token, "handle")
			if err != nil {
				t.Fatal(err)
			}
			if !done {
				if res, err = w.execute(st.kind, st.params, "crash-key", st.token, "handle"); err != nil {
					t.Fatalf("retry: %v", err)
				}
			}
			if res.Summary == "" {
				t.Error("empty result")
			}
			// Reconcile after success always finds the effect.
			if _, done, err := w.reconcile(st.kind, st.params, "crash-key", st.token, "handle"); err != nil || !done {
				t.Errorf("reconcile after success: done=%v err=%v", done, err)
			}
			// And a third Execute changes nothing.
			if _, err := w.execute(st.kind, st.params, "crash-key", st.token, "handle"); err != nil {
				t.Fatalf("third attempt: %v", err)
			}
			w.onlyPR()
			if b := w.warroomBranches(); len(b) != 1 {
				t.Errorf("branches = %v, want one", b)
			}
			if pr := w.onlyPR(); (st.kind == KindRevertPR || st.kind == KindConfigChangePR) && !slices.Equal(pr.RequestedReviewers, []string{"carol"}) {
				t.Errorf("reviewers = %v", pr.RequestedReviewers)
			}
			if tt.verify != nil {
				tt.verify(t, w)
			}
		})
	}
}

// openRevert opens pull request #1 (alice reverts bad1) with no failures.
func (w *world) openRevert() {
	w.t.Helper()
	if _, err := w.execute(KindRevertPR, revertJSON(w.shas["bad1"]), "open-key", aliceTok, "alice"); err != nil {
		w.t.Fatal(err)
	}
}
