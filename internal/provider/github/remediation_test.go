package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
)

func TestConfigChangePR(t *testing.T) {
	files := []sandbox.Change{
		{Path: "deploy/app.properties", Content: "# pool\ndb.pool.size = 20\ndb.url=jdbc:x\n"},
		{Path: "config/production.json", Content: "{\n  \"email\": {\n    \"from\": \"a@x\",\n    \"retries\": 3\n  }\n}\n"},
	}
	tests := []struct {
		name, path, change string
		want               string // the file's text on the branch
		refusal            string // a permanent refusal containing this, and no writes
	}{
		{name: "yaml key", path: "app/config.yaml", change: "psp.timeout = 2s",
			want: "psp:\n  timeout: 2s # per attempt\n  retries: 3\nlog:\n  level: info\n"},
		{name: "properties key", path: "deploy/app.properties", change: "db.pool.size: 40",
			want: "# pool\ndb.pool.size = 40\ndb.url=jdbc:x\n"},
		{name: "json member", path: "config/production.json", change: "email.retries = 5",
			want: "{\n  \"email\": {\n    \"from\": \"a@x\",\n    \"retries\": 5\n  }\n}\n"},
		{name: "replacement", path: "README.md", change: "The checkout service. => The checkout service (PSP retries capped).",
			want: "# shop\n\nThe checkout service (PSP retries capped).\n"},
		{name: "missing file", path: "app/nope.yaml", change: "a = b", refusal: "does not exist"},
		{name: "missing key", path: "app/config.yaml", change: "psp.nope = 1", refusal: "key psp.nope not found"},
		{name: "a mapping", path: "app/config.yaml", change: "psp = 1", refusal: "mapping"},
		{name: "no change", path: "app/config.yaml", change: "log.level: info", refusal: "already reads that way"},
		{name: "text not found", path: "README.md", change: "nope => yes", refusal: "does not occur"},
		{name: "no path", path: "", change: "a = b", refusal: "path"},
		{name: "path escapes", path: "../etc/passwd", change: "a = b", refusal: "clean path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, ActionOptions{}, nil)
			w.push("files", "dave", files...)
			w.s.ResetCalls()
			params, _ := json.Marshal(map[string]string{"path": tt.path, "change": tt.change, "reason": "runbook KI-12"})
			res, err := w.execute(KindConfigChangePR, string(params), "cfg-key", aliceTok, "alice")
			noSecrets(t, err)
			if tt.refusal != "" {
				if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), tt.refusal) {
					t.Fatalf("err = %v, want a refusal with %q", err, tt.refusal)
				}
				if n := w.writes(); n != 0 || len(w.s.Pulls(repoName)) != 0 {
					t.Errorf("%d writes, %d pull requests after a refusal", n, len(w.s.Pulls(repoName)))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			pr := w.onlyPR()
			if !strings.HasPrefix(pr.Head, "warroom/config-") || pr.Author != "alice" || !strings.Contains(pr.Body, "runbook KI-12") ||
				!strings.Contains(pr.Body, tt.change) || !strings.Contains(pr.Title, tt.path) {
				t.Errorf("pr = %+v", pr)
			}
			branch, main := w.s.Files(repoName, pr.Head), w.s.Files(repoName, "main")
			if branch[tt.path] != tt.want {
				t.Errorf("%s = %q, want %q", tt.path, branch[tt.path], tt.want)
			}
			for p, text := range main {
				if p != tt.path && branch[p] != text {
					t.Errorf("%s changed", p)
				}
			}
			if n := w.commitsAhead(pr.Head); n != 1 {
				t.Errorf("%d commits, want 1", n)
			}
			var d PRResult
			if err := json.Unmarshal(res.Detail, &d); err != nil || d.Path != tt.path || d.PullNumber != 1 {
				t.Errorf("detail = %s (%v)", res.Detail, err)
			}
			wantReviewers := []string(nil)
			if strings.HasPrefix(tt.path, "app/") {
				wantReviewers = []string{"carol"}
			}
			if !slices.Equal(pr.RequestedReviewers, wantReviewers) {
				t.Errorf("reviewers = %v, want %v", pr.RequestedReviewers, wantReviewers)
			}
		})
	}
}

func TestApprovePR(t *testing.T) {
	tests := []struct {
		name     string
		token    string
		prepare  func(w *world)
		wantErr  string // a permanent refusal containing this
		reviewer string
	}{
		{name: "another engineer approves", token: bobTok, reviewer: "bob"},
		{name: "self-approval refused", token: aliceTok, wantErr: "opened pull request #1"},
		{name: "approval found, not repeated", token: bobTok, reviewer: "bob",
			prepare: func(w *world) {
				if _, err := w.execute(KindApprovePR, `{"pull_number":1,"body":"first"}`, "other-key", bobTok, "bob"); err != nil {
					w.t.Fatal(err)
				}
			}},
		{name: "unknown pull request", token: bobTok, wantErr: "no pull request #9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, ActionOptions{}, nil)
			w.openRevert()
			if tt.prepare != nil {
				tt.prepare(w)
			}
			n := 1
			if strings.Contains(tt.wantErr, "#9") {
				n = 9
			}
			reviewsBefore := w.s.Calls("/repos/acme/shop/pulls/1/reviews")
			res, err := w.execute(KindApprovePR, fmt.Sprintf(`{"pull_number":%d,"body":"Revert looks right."}`, n), "approve-key", tt.token, "handle")
			noSecrets(t, err)
			if tt.wantErr != "" {
				if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if got := w.s.Calls("/repos/acme/shop/pulls/1/reviews"); got != reviewsBefore {
					t.Errorf("the reviews endpoint was called %d times", got-reviewsBefore)
				}
				if len(w.onlyPR().Reviews) != 0 {
					t.Error("a review was created")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rv := w.onlyPR().Reviews
			if len(rv) != 1 || rv[0].User != tt.reviewer || rv[0].State != "APPROVED" || rv[0].CommitID != w.onlyPR().HeadSHA {
				t.Fatalf("reviews = %+v", rv)
			}
			var d ReviewResult
			if err := json.Unmarshal(res.Detail, &d); err != nil || d.Reviewer != tt.reviewer || d.ReviewID != rv[0].ID {
				t.Errorf("detail = %s", res.Detail)
			}
			if tt.prepare == nil && (!strings.Contains(rv[0].Body, "Revert looks right.") || !strings.Contains(rv[0].Body, "INC-7")) {
				t.Errorf("body = %q", rv[0].Body)
			}
		})
	}
}

func TestMergePR(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		configure func(s *sandbox.Server, w **world)
		prepare   func(w *world)
		wantErr   string
		check     func(t *testing.T, w *world, d MergeResult)
	}{
		{name: "merge with the sha guard", method: "merge", check: func(t *testing.T, w *world, d MergeResult) {
			pr := w.onlyPR()
			if !pr.Merged || pr.MergedBy != "bob" || d.MergeSHA != pr.MergeCommitSHA || d.HeadSHA != pr.HeadSHA || d.AlreadyMerged {
				t.Errorf("pr = %+v, detail = %+v", pr, d)
			}
			main := w.s.Files(repoName, "main")
			if main["app/retry.go"] != retryV1 {
				t.Errorf("main's retry.go = %q, want the revert merged", main["app/retry.go"])
			}
			if ps := w.parents("main"); len(ps) != 2 {
				t.Errorf("merge commit has %d parents", len(ps))
			}
		}},
		{name: "squash", method: "squash", check: func(t *testing.T, w *world, d MergeResult) {
			if ps := w.parents("main"); len(ps) != 1 || w.s.Files(repoName, "main")["app/retry.go"] != retryV1 {
				t.Errorf("squash: parents %v", ps)
			}
		}},
		{name: "already merged", method: "merge",
			prepare: func(w *world) {
				if _, err := w.execute(KindMergePR, `{"pull_number":1,"reason":"r"}`, "earlier", bobTok, "bob"); err != nil {
					w.t.Fatal(err)
				}
			},
			check: func(t *testing.T, w *world, d MergeResult) {
				if !d.AlreadyMerged || w.s.Calls("/repos/acme/shop/pulls/1/merge") != 1 {
					t.Errorf("detail = %+v, merge calls %d", d, w.s.Calls("/repos/acme/shop/pulls/1/merge"))
				}
			}},
		{name: "head changed: 409", method: "merge", wantErr: "changed after it was read",
			configure: func(s *sandbox.Server, w **world) {
				s.OnRequest = func(method, path string) {
					if method == "PUT" && strings.HasSuffix(path, "/merge") {
						pr := s.Pulls(repoName)[0]
						if _, err := s.Push(repoName, pr.Head, "mallory", "sneak", sandbox.Change{Path: "app/evil.go", Content: "x"}); err != nil {
							panic(err)
						}
					}
				}
			}},
		{name: "not mergeable: 405", method: "merge", wantErr: "Pull Request is not mergeable",
			prepare: func(w *world) {
				// main changes retry.go too: the revert now conflicts.
				w.push("clash", "erin", sandbox.Change{Path: "app/retry.go", Content: "package app\n"})
			}},
		{name: "approvals required: 405", method: "merge", wantErr: "approving review",
			configure: func(s *sandbox.Server, _ **world) { s.RequireApprovals = 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var wp *world
			w := newWorld(t, ActionOptions{MergeMethod: tt.method}, func(s *sandbox.Server) {
				if tt.configure != nil {
					tt.configure(s, &wp)
				}
			})
			wp = w
			w.openRevert()
			if tt.prepare != nil {
				tt.prepare(w)
			}
			res, err := w.execute(KindMergePR, `{"pull_number":1,"reason":"ship the revert"}`, "merge-key", bobTok, "bob")
			noSecrets(t, err)
			if tt.wantErr != "" {
				if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a refusal with %q", err, tt.wantErr)
				}
				if w.onlyPR().Merged {
					t.Error("merged anyway")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var d MergeResult
			if err := json.Unmarshal(res.Detail, &d); err != nil {
				t.Fatal(err)
			}
			tt.check(t, w, d)
		})
	}
}

func TestMergeRefusesForeignPR(t *testing.T) {
	w := newWorld(t, ActionOptions{}, nil)
	if _, err := w.s.Push(repoName, "feature", "erin", "feature", sandbox.Change{Path: "x.txt", Content: "x"}); err != nil {
		t.Fatal(err)
	}
	c, _ := New(carolTok, w.ts.URL, w.ts.Client())
	if _, _, err := c.GitHub().PullRequests.Create(context.Background(), "acme", "shop", &gh.NewPullRequest{Title: gh.Ptr("f"), Head: gh.Ptr("feature"), Base: gh.Ptr("main")}); err != nil {
		t.Fatal(err)
	}
	for kind, params := range map[string]string{KindMergePR: `{"pull_number":1,"reason":"r"}`, KindApprovePR: `{"pull_number":1,"body":"b"}`} {
		_, err := w.execute(kind, params, "k", bobTok, "bob")
		if !errors.Is(err, action.ErrPermanent) || !strings.Contains(err.Error(), "not one WarRoom opened") {
			t.Errorf("%s: err = %v", kind, err)
		}
	}
	if w.onlyPR().Merged || len(w.onlyPR().Reviews) != 0 {
		t.Error("acted on a foreign pull request")
	}
}

func (w *world) parents(ref string) []string {
	w.t.Helper()
	c, _ := New(aliceTok, w.ts.URL, w.ts.Client())
	cm, err := c.Commit(context.Background(), repoName, ref)
	if err != nil {
		w.t.Fatal(err)
	}
	return cm.Parents
}

func TestTokenExpired(t *testing.T) {
	params := map[string]string{
		KindRevertPR:       `{"shas":["` + strings.Repeat("a", 40) + `"],"reason":"r"}`,
		KindConfigChangePR: `{"path":"app/config.yaml","change":"a = b","reason":"r"}`,
		KindMergePR:        `{"pull_number":1,"reason":"r"}`,
		KindApprovePR:      `{"pull_number":1,"body":"b"}`,
	}
	w := newWorld(t, ActionOptions{}, nil)
	const revoked = "ghu_revokedSECRET0009"
	for kind, p := range params {
		t.Run(kind, func(t *testing.T) {
			_, err := w.execute(kind, p, "k", revoked, "alice")
			if !errors.Is(err, action.ErrTokenExpired) || errors.Is(err, action.ErrPermanent) {
				t.Fatalf("execute: err = %v, want ErrTokenExpired", err)
			}
			if strings.Contains(err.Error(), revoked) {
				t.Fatalf("error leaks the token: %v", err)
			}
			_, done, err := w.reconcile(kind, p, "k", revoked, "alice")
			if done || !errors.Is(err, action.ErrTokenExpired) {
				t.Fatalf("reconcile: done=%v err=%v", done, err)
			}
			if kind, _ := w.ex[kind].(action.CredentialedExecutor).Credential(incident.Action{}); kind != "github" {
				t.Errorf("credential provider %q", kind)
			}
		})
	}
	if n := w.writes(); n != 0 {
		t.Errorf("%d writes", n)
	}
}

func TestRateLimits(t *testing.T) {
	tests := []struct {
		name      string
		opts      ActionOptions
		configure func(s *sandbox.Server)
		wantErr   bool          // a retryable rate-limit error
		wantSleep time.Duration // total waited
	}{
		{name: "secondary limit waited out", configure: func(s *sandbox.Server) { s.TriggerSecondaryRateLimit(2, 3*time.Second) },
			wantSleep: 6 * time.Second},
		{name: "secondary limit longer than the budget", opts: ActionOptions{MaxRateLimitWait: 2 * time.Second},
			configure: func(s *sandbox.Server) { s.TriggerSecondaryRateLimit(1, 5*time.Second) }, wantErr: true},
		{name: "primary limit exhausted until the reset", configure: func(s *sandbox.Server) { s.RateLimit = 5 }, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srv *sandbox.Server
			w := newWorld(t, tt.opts, func(s *sandbox.Server) { srv = s })
			if tt.configure != nil {
				tt.configure(srv)
			}
			_, err := w.execute(KindRevertPR, revertJSON(w.shas["bad1"]), "rl-key", aliceTok, "alice")
			var total time.Duration
			for _, d := range w.slept {
				total += d
			}
			if tt.wantErr {
				var rl *RateLimitError
				if !errors.Is(err, ErrRateLimited) || !errors.As(err, &rl) || errors.Is(err, action.ErrPermanent) || rl.RetryAt.IsZero() {
					t.Fatalf("err = %v, want a retryable rate-limit error", err)
				}
				if !strings.Contains(err.Error(), "retry at") {
					t.Errorf("error does not say when: %v", err)
				}
				if total > w.maxWait(tt.opts) {
					t.Errorf("waited %v, budget %v", total, w.maxWait(tt.opts))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.wantSleep {
				t.Errorf("waited %v (%v), want %v", total, w.slept, tt.wantSleep)
			}
			w.onlyPR()
		})
	}
}

func (w *world) maxWait(o ActionOptions) time.Duration {
	if o.MaxRateLimitWait == 0 {
		return defaultMaxRateLimitWait
	}
	return o.MaxRateLimitWait
}

// TestScenarioReverts reverts each commit of every scenario repository in
// the sandbox: a revert either opens a pull request whose files, for every
// path no later commit touched, are those of the commit's parent, or is
// refused as a conflict.
func TestScenarioReverts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenariosDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no scenarios in %s", scenariosDir)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var sc struct {
			Repos []sandbox.Repo `json:"repos"`
		}
		if err := json.Unmarshal(data, &sc); err != nil {
			t.Fatal(err)
		}
		for _, r := range sc.Repos {
			t.Run(filepath.Base(file)+"/"+r.FullName(), func(t *testing.T) {
				s := sandbox.NewServer(sc.Repos)
				ts := httptest.NewServer(s.Handler())
				defer ts.Close()
				ex, err := NewRevertPR(nil, ActionOptions{BaseURL: ts.URL, HTTPClient: ts.Client()})
				if err != nil {
					t.Fatal(err)
				}
				touchedLater := map[string]bool{}
				opened := 0
				for i, cm := range r.Commits { // newest first
					sha := strings.ToLower(cm.SHA)
					req := action.Request{Action: incident.Action{ID: "a" + sha, IncidentID: "INC-1", Kind: KindRevertPR,
						Target: "github:" + r.FullName(), Params: json.RawMessage(revertJSON(sha))}, IdempotencyKey: sha, RunAs: "alice", Token: "tok"}
					_, err := ex.Execute(context.Background(), req)
					isRoot := i == len(r.Commits)-1
					switch {
					case err != nil && (isRoot || errors.Is(err, action.ErrPermanent) && strings.Contains(err.Error(), "refusing")):
					case err != nil:
						t.Fatalf("revert %s: %v", sha[:7], err)
					default:
						opened++
						prs := s.Pulls(r.FullName())
						got, parent := s.Files(r.FullName(), prs[len(prs)-1].Head), s.Files(r.FullName(), cm.Parents[0])
						for _, f := range cm.Files {
							if !touchedLater[f.Path] && got[f.Path] != parent[f.Path] {
								t.Errorf("revert %s: %s differs from the parent's", sha[:7], f.Path)
							}
						}
					}
					for _, f := range cm.Files {
						touchedLater[f.Path] = true
					}
				}
				if opened == 0 {
					t.Error("no revert opened")
				}
			})
		}
	}
}
