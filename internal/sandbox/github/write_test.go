package github

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/gitobject"
	"github.com/warroom/warroom/internal/unidiff"
)

// call sends a JSON request as token and decodes the JSON answer (if any) into out.
func call(t *testing.T, ts *httptest.Server, method, path, token string, body any, out any) int {
	t.Helper()
	var rd *strings.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	} else {
		rd = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil {
		_ = json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

type obj = map[string]any

// writeWorld: an empty repository with a pushed history of two commits.
func writeWorld(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	s := NewServer([]Repo{{Owner: "acme", Name: "shop", Collaborators: []string{"alice", "bob"}}})
	s.Users = map[string]string{"tok-alice": "alice", "tok-bob": "bob"}
	if _, err := s.Push("acme/shop", "main", "dave", "root", Change{Path: "a/x.txt", Content: "x1\n"}, Change{Path: "b.txt", Content: "b\n"}); err != nil {
		t.Fatal(err)
	}
	head, err := s.Push("acme/shop", "main", "dave", "second", Change{Path: "a/y.txt", Content: "y\n"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts, head
}

func TestUsers(t *testing.T) {
	_, ts, _ := writeWorld(t)
	var u obj
	if st := call(t, ts, "GET", "/user", "tok-bob", nil, &u); st != 200 || u["login"] != "bob" {
		t.Fatalf("GET /user = %d %v", st, u)
	}
	if st := call(t, ts, "GET", "/user", "tok-unknown", nil, &u); st != 401 || u["message"] != "Bad credentials" {
		t.Fatalf("unknown token = %d %v", st, u)
	}
	open := NewServer(nil)
	ots := httptest.NewServer(open.Handler())
	defer ots.Close()
	if st := call(t, ots, "GET", "/user", "anything", nil, &u); st != 200 || u["login"] != DefaultLogin {
		t.Fatalf("any token = %d %v", st, u)
	}
}

func TestRefsBlobsTreesCommits(t *testing.T) {
	s, ts, head := writeWorld(t)
	const tok = "tok-alice"
	var ref obj
	if st := call(t, ts, "GET", "/repos/acme/shop/git/ref/heads/main", tok, nil, &ref); st != 200 || ref["object"].(obj)["sha"] != head {
		t.Fatalf("get ref = %d %v", st, ref)
	}
	// A blob, a tree on main's tree that adds it, deletes a file and a directory.
	var blob obj
	if st := call(t, ts, "POST", "/repos/acme/shop/git/blobs", tok, obj{"content": base64.StdEncoding.EncodeToString([]byte("new\n")), "encoding": "base64"}, &blob); st != 201 || blob["sha"] != gitobject.ID("blob", "new\n") {
		t.Fatalf("create blob = %d %v", st, blob)
	}
	var gc obj
	call(t, ts, "GET", "/repos/acme/shop/git/commits/"+head, tok, nil, &gc)
	baseTree := gc["tree"].(obj)["sha"].(string)
	var tree obj
	st := call(t, ts, "POST", "/repos/acme/shop/git/trees", tok, obj{"base_tree": baseTree, "tree": []obj{
		{"path": "c/new.txt", "mode": "100644", "type": "blob", "sha": blob["sha"]},
		{"path": "b.txt", "mode": "100644", "type": "blob", "sha": nil},
		{"path": "a", "mode": "040000", "type": "tree", "sha": nil},
		{"path": "inline.txt", "mode": "100644", "type": "blob", "content": "inline\n"},
	}}, &tree)
	if st != 201 {
		t.Fatalf("create tree = %d %v", st, tree)
	}
	var rec obj
	call(t, ts, "GET", "/repos/acme/shop/git/trees/"+tree["sha"].(string)+"?recursive=1", tok, nil, &rec)
	var paths []string
	for _, e := range rec["tree"].([]any) {
		paths = append(paths, e.(obj)["path"].(string)+":"+e.(obj)["type"].(string))
	}
	if strings.Join(paths, ",") != "c:tree,c/new.txt:blob,inline.txt:blob" {
		t.Fatalf("recursive tree = %v", paths)
	}
	for _, bad := range []obj{
		{"tree": []obj{{"path": "x", "mode": "100644", "type": "blob", "sha": "0123"}}},
		{"tree": []obj{{"path": "x", "mode": "777", "type": "blob", "content": "x"}}},
		{"base_tree": strings.Repeat("e", 40), "tree": []obj{}},
	} {
		if st := call(t, ts, "POST", "/repos/acme/shop/git/trees", tok, bad, nil); st != 422 {
			t.Errorf("bad tree %v = %d", bad, st)
		}
	}
	// A commit of that tree, a branch at it.
	var cm obj
	if st := call(t, ts, "POST", "/repos/acme/shop/git/commits", tok, obj{"message": "change", "tree": tree["sha"], "parents": []string{head}}, &cm); st != 201 {
		t.Fatalf("create commit = %d %v", st, cm)
	}
	if st := call(t, ts, "POST", "/repos/acme/shop/git/commits", tok, obj{"message": "x", "tree": strings.Repeat("e", 40)}, nil); st != 422 {
		t.Errorf("commit of an unknown tree = %d", st)
	}
	sha := cm["sha"].(string)
	var rc obj
	call(t, ts, "GET", "/repos/acme/shop/commits/"+sha, tok, nil, &rc)
	if rc["author"].(obj)["login"] != "alice" || len(rc["files"].([]any)) != 5 {
		t.Errorf("REST commit = %v", rc["files"])
	}
	tests := []struct {
		name string
		body obj
		want int
		msg  string
	}{
		{"create", obj{"ref": "refs/heads/fix", "sha": sha}, 201, ""},
		{"exists", obj{"ref": "refs/heads/fix", "sha": sha}, 422, "Reference already exists"},
		{"unqualified", obj{"ref": "fix2", "sha": sha}, 422, "refs/"},
		{"unknown sha", obj{"ref": "refs/heads/fix3", "sha": strings.Repeat("d", 40)}, 422, "Object does not exist"},
	}
	for _, tt := range tests {
		var out obj
		if st := call(t, ts, "POST", "/repos/acme/shop/git/refs", tok, tt.body, &out); st != tt.want || (tt.msg != "" && !strings.Contains(out["message"].(string), tt.msg)) {
			t.Errorf("%s: %d %v", tt.name, st, out)
		}
	}
	if s.Files("acme/shop", "fix")["c/new.txt"] != "new\n" || s.Files("acme/shop", "fix")["b.txt"] != "" {
		t.Errorf("branch files = %v", s.Files("acme/shop", "fix"))
	}
	// Refs move fast-forward only unless forced.
	if st := call(t, ts, "PATCH", "/repos/acme/shop/git/refs/heads/fix", tok, obj{"sha": head}, nil); st != 422 {
		t.Errorf("non-fast-forward = %d", st)
	}
	if st := call(t, ts, "PATCH", "/repos/acme/shop/git/refs/heads/fix", tok, obj{"sha": head, "force": true}, nil); st != 200 {
		t.Errorf("forced = %d", st)
	}
}

func TestPullRequests(t *testing.T) {
	s, ts, _ := writeWorld(t)
	s.RequireApprovals = 1
	fix, _ := s.Push("acme/shop", "fix", "alice", "fix", Change{Path: "b.txt", Content: "fixed\n"})
	var pr obj
	if st := call(t, ts, "POST", "/repos/acme/shop/pulls", "tok-alice", obj{"title": "Fix", "head": "acme:fix", "base": "main"}, &pr); st != 201 ||
		pr["number"].(float64) != 1 || pr["user"].(obj)["login"] != "alice" || pr["head"].(obj)["sha"] != fix {
		t.Fatalf("create = %d %v", st, pr)
	}
	var e obj
	if st := call(t, ts, "POST", "/repos/acme/shop/pulls", "tok-alice", obj{"title": "Fix", "head": "fix", "base": "main"}, &e); st != 422 ||
		!strings.Contains(e["errors"].([]any)[0].(obj)["message"].(string), "already exists") {
		t.Errorf("duplicate = %d %v", st, e)
	}
	s.Push("acme/shop", "empty", "alice", "nothing")
	s.Push("acme/shop", "main", "dave", "moves") // main ahead of "same"
	call(t, ts, "POST", "/repos/acme/shop/git/refs", "tok-alice", obj{"ref": "refs/heads/same", "sha": s.Refs("acme/shop")["refs/heads/main"]}, nil)
	if st := call(t, ts, "POST", "/repos/acme/shop/pulls", "tok-alice", obj{"title": "x", "head": "same", "base": "main"}, &e); st != 422 ||
		!strings.Contains(e["errors"].([]any)[0].(obj)["message"].(string), "No commits between") {
		t.Errorf("no commits = %d %v", st, e)
	}
	var list []obj
	call(t, ts, "GET", "/repos/acme/shop/pulls?head=acme:fix&state=all", "tok-bob", nil, &list)
	if len(list) != 1 {
		t.Errorf("list by head = %v", list)
	}
	call(t, ts, "GET", "/repos/acme/shop/pulls?head=acme:other", "tok-bob", nil, &list)
	if len(list) != 0 {
		t.Errorf("list by other head = %v", list)
	}
	// Reviewers: collaborators only, never the author.
	for _, tt := range []struct {
		who  string
		want int
	}{{"bob", 201}, {"mallory", 422}, {"alice", 422}} {
		if st := call(t, ts, "POST", "/repos/acme/shop/pulls/1/requested_reviewers", "tok-alice", obj{"reviewers": []string{tt.who}}, nil); st != tt.want {
			t.Errorf("request %s = %d, want %d", tt.who, st, tt.want)
		}
	}
	// Merge is guarded: approvals, then the head sha.
	if st := call(t, ts, "PUT", "/repos/acme/shop/pulls/1/merge", "tok-bob", obj{"sha": fix}, &e); st != 405 || !strings.Contains(e["message"].(string), "approving review") {
		t.Errorf("unapproved merge = %d %v", st, e)
	}
	if st := call(t, ts, "POST", "/repos/acme/shop/pulls/1/reviews", "tok-alice", obj{"event": "APPROVE"}, &e); st != 422 || e["errors"].([]any)[0] != "Can not approve your own pull request" {
		t.Errorf("self approval = %d %v", st, e)
	}
	if st := call(t, ts, "POST", "/repos/acme/shop/pulls/1/reviews", "tok-bob", obj{"event": "APPROVE", "body": "ok"}, &e); st != 200 || e["state"] != "APPROVED" {
		t.Errorf("approval = %d %v", st, e)
	}
	call(t, ts, "GET", "/repos/acme/shop/pulls/1", "tok-bob", nil, &pr)
	if len(pr["requested_reviewers"].([]any)) != 0 || pr["mergeable_state"] != "clean" {
		t.Errorf("after review: %v %v", pr["requested_reviewers"], pr["mergeable_state"])
	}
	if st := call(t, ts, "GET", "/repos/acme/shop/pulls/1/merge", "tok-bob", nil, nil); st != 404 {
		t.Errorf("is merged before = %d", st)
	}
	if st := call(t, ts, "PUT", "/repos/acme/shop/pulls/1/merge", "tok-bob", obj{"sha": strings.Repeat("1", 40)}, &e); st != 409 || !strings.Contains(e["message"].(string), "Head branch was modified") {
		t.Errorf("stale sha = %d %v", st, e)
	}
	s.Push("acme/shop", "clash", "alice", "clash", Change{Path: "b.txt", Content: "other\n"}) // from main before the merge
	var m obj
	if st := call(t, ts, "PUT", "/repos/acme/shop/pulls/1/merge", "tok-bob", obj{"sha": fix, "merge_method": "squash"}, &m); st != 200 || m["merged"] != true {
		t.Fatalf("merge = %d %v", st, m)
	}
	if s.Refs("acme/shop")["refs/heads/main"] != m["sha"] || s.Files("acme/shop", "main")["b.txt"] != "fixed\n" || s.Files("acme/shop", "main")["a/y.txt"] != "y\n" {
		t.Errorf("main after merge: %v", s.Files("acme/shop", "main"))
	}
	if st := call(t, ts, "GET", "/repos/acme/shop/pulls/1/merge", "tok-bob", nil, nil); st != 204 {
		t.Errorf("is merged after = %d", st)
	}
	if st := call(t, ts, "PUT", "/repos/acme/shop/pulls/1/merge", "tok-bob", obj{}, nil); st != 405 {
		t.Errorf("merge again = %d", st)
	}
	// A second pull request changing the same file now conflicts.
	s.RequireApprovals = 0
	call(t, ts, "POST", "/repos/acme/shop/pulls", "tok-alice", obj{"title": "Clash", "head": "clash", "base": "main"}, &pr)
	if pr["mergeable"] != false || pr["mergeable_state"] != "dirty" {
		t.Errorf("conflicting pr: %v %v", pr["mergeable"], pr["mergeable_state"])
	}
	e = obj{}
	if st := call(t, ts, "PUT", "/repos/acme/shop/pulls/2/merge", "tok-bob", obj{}, &e); st != 405 || e["message"] != "Pull Request is not mergeable" {
		t.Errorf("conflict merge = %d %v", st, e)
	}
}

func TestDropResponse(t *testing.T) {
	s, ts, head := writeWorld(t)
	s.DropResponse = func(method, path string, status int) bool { return method == "POST" && status == 201 }
	req, _ := http.NewRequest("POST", ts.URL+"/repos/acme/shop/git/refs", strings.NewReader(`{"ref":"refs/heads/lost","sha":"`+head+`"}`))
	req.Header.Set("Authorization", "Bearer tok-alice")
	if resp, err := ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("answer arrived: %d", resp.StatusCode)
	}
	if s.Refs("acme/shop")["refs/heads/lost"] != head {
		t.Error("the dropped request did not take effect")
	}
}

// TestScenarioHistory checks the reconstructed files of every scenario
// commit against its patches: each hunk's old side is in the parent's file
// and its new side in the commit's.
func TestScenarioHistory(t *testing.T) {
	files, _ := filepath.Glob("../../../../shared/scenarios/*.json")
	if len(files) == 0 {
		t.Skip("no scenarios")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var sc struct {
			Repos []Repo `json:"repos"`
		}
		if err := json.Unmarshal(data, &sc); err != nil {
			t.Fatal(err)
		}
		s := NewServer(sc.Repos)
		for _, r := range sc.Repos {
			for _, c := range r.Commits {
				after := s.Files(r.FullName(), c.SHA)
				if len(c.Parents) == 0 || s.Files(r.FullName(), c.Parents[0]) == nil {
					continue // the text before a scenario's first commit is not a commit
				}
				before := s.Files(r.FullName(), c.Parents[0])
				for _, f := range c.Files {
					for _, h := range unidiff.Hunks(f.Patch) {
						if f.Status != "added" && !strings.Contains(before[f.Path], strings.Join(h.Old, "\n")) {
							t.Errorf("%s %s %s: old side missing before", filepath.Base(file), c.SHA[:7], f.Path)
						}
						if f.Status != "removed" && !strings.Contains(after[f.Path], strings.Join(h.New, "\n")) {
							t.Errorf("%s %s %s: new side missing after", filepath.Base(file), c.SHA[:7], f.Path)
						}
					}
				}
			}
		}
	}
}
