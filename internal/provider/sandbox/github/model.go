// Package github is an in-process fake of the parts of the GitHub REST API that
// the incident investigation client uses: commits (list, get, compare),
// repository contents (CODEOWNERS) and deployments. It is backed by an
// in-memory model whose JSON shape matches the "repos" entries of a scenario
// file, so a scenario's repos decode straight into []Repo.
//
// The fake reproduces GitHub's wire behaviour closely enough for
// github.com/google/go-github: Bearer/token auth with 401 "Bad credentials",
// 404 "Not Found", X-RateLimit-* headers on every response, primary rate limit
// (403 with X-RateLimit-Remaining: 0) and an on-demand secondary rate limit
// (429 with Retry-After), and Link-header pagination.
package github

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Repo is one repository of a scenario: its CODEOWNERS text, deployments and
// commit history (newest first).
type Repo struct {
	Owner         string `json:"owner"`
	Name          string `json:"name"`
	DefaultBranch string `json:"default_branch"`
	// CodeOwners is served at .github/CODEOWNERS when non-empty.
	CodeOwners string   `json:"codeowners"`
	Deploys    []Deploy `json:"deploys"`
	// Commits are newest first; each commit's parents normally name the next one.
	Commits []Commit `json:"commits"`
	// Contents are extra files served by the contents API at the head of the
	// default branch, path (no leading slash) -> text. Not part of the scenario
	// format; tests use it to place CODEOWNERS at the root or in docs/.
	Contents map[string]string `json:"contents,omitempty"`
}

// FullName is "owner/name".
func (r Repo) FullName() string { return r.Owner + "/" + r.Name }

// Commit is one commit of a Repo.
type Commit struct {
	SHA     string    `json:"sha"`
	Parents []string  `json:"parents"`
	Author  string    `json:"author"` // GitHub login
	Date    time.Time `json:"date"`
	Message string    `json:"message"`
	Files   []File    `json:"files"`
}

// File is one file changed by a Commit.
type File struct {
	Path string `json:"path"`
	// Status is added | modified | removed | renamed.
	Status string `json:"status"`
	// Patch is the unified diff hunk(s) of the change, as GitHub's files[].patch.
	Patch string `json:"patch,omitempty"`
	// PreviousPath is the old path of a renamed file (optional).
	PreviousPath string `json:"previous_path,omitempty"`
}

// Deploy is one deployment of a commit to an environment.
type Deploy struct {
	SHA         string    `json:"sha"`
	At          time.Time `json:"at"`
	Environment string    `json:"environment"`
}

// CodeOwnersPath is where the fake serves Repo.CodeOwners.
const CodeOwnersPath = ".github/CODEOWNERS"

// repoState is a Repo with the indexes the handlers need.
type repoState struct {
	Repo
	id      int64
	bySHA   map[string]int    // full sha -> index into Commits
	deploys []deployment      // newest first
	files   map[string]string // path -> content at head
}

type deployment struct {
	ID int64
	Deploy
}

func newRepoState(r Repo, id int64, nextDeployID *int64) *repoState {
	rs := &repoState{Repo: r, id: id, bySHA: map[string]int{}, files: map[string]string{}}
	if rs.DefaultBranch == "" {
		rs.DefaultBranch = "main"
	}
	for i, c := range r.Commits {
		if _, dup := rs.bySHA[strings.ToLower(c.SHA)]; !dup {
			rs.bySHA[strings.ToLower(c.SHA)] = i
		}
	}
	// Deployment ids grow with time, like GitHub's: assign oldest first.
	order := make([]int, len(r.Deploys))
	for i := range order {
		order[i] = i
	}
	sortStable(order, func(a, b int) bool { return r.Deploys[a].At.Before(r.Deploys[b].At) })
	ds := make([]deployment, len(r.Deploys))
	for k, i := range order {
		*nextDeployID++
		ds[len(ds)-1-k] = deployment{ID: *nextDeployID, Deploy: r.Deploys[i]}
	}
	rs.deploys = ds
	for p, text := range r.Contents {
		rs.files[strings.TrimPrefix(p, "/")] = text
	}
	if r.CodeOwners != "" {
		rs.files[CodeOwnersPath] = r.CodeOwners
	}
	return rs
}

// sortStable is an insertion sort keeping equal elements in order (inputs are small).
func sortStable(xs []int, less func(a, b int) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// resolve maps a ref (empty, branch name, refs/heads/branch, HEAD, full or
// abbreviated sha) to a commit index.
func (rs *repoState) resolve(ref string) (int, bool) {
	ref = strings.TrimPrefix(ref, "refs/heads/")
	if ref == "" || ref == "HEAD" || ref == rs.DefaultBranch {
		return 0, len(rs.Commits) > 0
	}
	ref = strings.ToLower(ref)
	if i, ok := rs.bySHA[ref]; ok {
		return i, true
	}
	if len(ref) < 4 || !isHex(ref) {
		return 0, false
	}
	found := -1
	for i, c := range rs.Commits {
		if strings.HasPrefix(strings.ToLower(c.SHA), ref) {
			if found >= 0 && !strings.EqualFold(rs.Commits[found].SHA, c.SHA) {
				return 0, false // ambiguous
			}
			found = i
		}
	}
	return found, found >= 0
}

// ancestors returns the indexes of the commit at idx and all commits reachable
// through parents, in history order (newest first).
func (rs *repoState) ancestors(idx int) []int {
	seen := map[int]bool{idx: true}
	queue := []int{idx}
	for len(queue) > 0 {
		c := rs.Commits[queue[0]]
		queue = queue[1:]
		for _, p := range c.Parents {
			if j, ok := rs.bySHA[strings.ToLower(p)]; ok && !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	out := make([]int, 0, len(seen))
	for i := range rs.Commits {
		if seen[i] {
			out = append(out, i)
		}
	}
	return out
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// gitHash is the git object id of a blob or tree-like string.
func gitHash(kind, content string) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(content))
	h.Write([]byte(content))
	return hex.EncodeToString(h.Sum(nil))
}

// diffStats counts added and deleted lines of a unified diff (usually just
// hunks, as GitHub's patch field; file headers before the first hunk are skipped).
func diffStats(patch string) (add, del int) {
	inHunk := false
	for _, line := range strings.Split(patch, "\n") {
		switch {
		case strings.HasPrefix(line, "@@"):
			inHunk = true
		case !inHunk && (strings.HasPrefix(line, "+++ ") || strings.HasPrefix(line, "--- ")):
		case strings.HasPrefix(line, "+"):
			add++
		case strings.HasPrefix(line, "-"):
			del++
		}
	}
	return add, del
}

// touches reports whether the commit changes path p (a file or a directory).
func touches(c Commit, p string) bool {
	p = strings.Trim(p, "/")
	if p == "" {
		return true
	}
	for _, f := range c.Files {
		for _, fp := range []string{f.Path, f.PreviousPath} {
			if fp != "" && (fp == p || strings.HasPrefix(fp, p+"/")) {
				return true
			}
		}
	}
	return false
}
