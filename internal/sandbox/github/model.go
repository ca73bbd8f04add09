// Package github is an in-process fake of the parts of the GitHub REST API
// that WarRoom uses: commits (list, get, compare), repository contents
// (CODEOWNERS), deployments, the git data API (refs, commits, trees, blobs),
// pull requests (create, list, get, merge), requested reviewers, reviews and
// the authenticated user. It is backed by an in-memory model whose JSON shape
// matches the "repos" entries of a scenario file, so a scenario's repos decode
// straight into []Repo; writes change that model (a merge moves the base
// branch), so the fake is a small, stateful GitHub.
//
// The fake reproduces GitHub's wire behaviour closely enough for
// github.com/google/go-github: Bearer/token auth with 401 "Bad credentials",
// tokens mapped to user logins, 404 "Not Found", 422 validation errors,
// X-RateLimit-* headers on every response, primary rate limit (403 with
// X-RateLimit-Remaining: 0) and an on-demand secondary rate limit (429 with
// Retry-After), and Link-header pagination.
//
// A scenario gives each commit's patches, not whole files, so the fake
// reconstructs file contents from them (see reconstruct): a file's text
// before its first patch is unknown blank lines, filled in by the removed
// and context lines of the hunks that need them; each commit applies its
// hunks, by force where a scenario's patches contradict each other. Merges
// are at file level: a path changed on both sides is a conflict.
package github

import (
	"sort"
	"strings"
	"sync"
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
	// Commits are newest first; each commit's parents normally name the next
	// one. The first is the head of the default branch.
	Commits []Commit `json:"commits"`
	// Contents are extra files, path (no leading slash) -> text, present
	// unchanged in every commit (a commit's patch for such a path is ignored).
	// Not part of the scenario format; tests use it to place CODEOWNERS at the
	// root or in docs/.
	Contents map[string]string `json:"contents,omitempty"`
	// Collaborators are the logins a review may be requested from; empty
	// means anyone (a requested_reviewers call for someone else is a 422).
	Collaborators []string `json:"collaborators,omitempty"`
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
	// Service is the one service this deploy shipped, in a repository that
	// holds several; empty means all of the repository's services.
	Service string `json:"service,omitempty"`
}

// CodeOwnersPath is where the fake serves Repo.CodeOwners.
const CodeOwnersPath = ".github/CODEOWNERS"

// gitCommit is a commit of the object store: a seeded scenario commit or one
// created through the API (by a client or a merge).
type gitCommit struct {
	Commit
	Tree        string
	AuthorName  string
	AuthorEmail string
	Committer   string // login shown as the committer ("web-flow" for seeds)
	gen         int    // longest distance from a root: orders history newest first
	seq         int    // creation order, breaks ties
}

// treeEntry is one entry of a stored tree object.
type treeEntry struct {
	Name string
	Mode string // 100644, 100755, 040000, 160000 or 120000
	Type string // blob, tree or commit
	SHA  string
}

// leaf is a non-tree entry of a flattened tree (a file, a symlink or a submodule).
type leaf struct {
	Mode, Type, SHA string
}

// repoState is a Repo with its object store, refs and pull requests. mu is
// held by each handler for the whole request and guards everything else.
type repoState struct {
	mu sync.Mutex
	Repo
	id      int64
	commits map[string]*gitCommit // full lower-case sha -> commit
	blobs   map[string]string
	trees   map[string][]treeEntry
	refs    map[string]string // "refs/heads/main" -> sha
	deploys []deployment      // newest first
	pulls   []*pull           // number = index + 1
	collab  map[string]bool   // lower-case logins; nil = anyone
	nextSeq int
	nextID  int64
}

type deployment struct {
	ID int64
	Deploy
}

func newRepoState(r Repo, id int64, nextDeployID *int64) *repoState {
	rs := &repoState{
		Repo: r, id: id, commits: map[string]*gitCommit{}, blobs: map[string]string{},
		trees: map[string][]treeEntry{}, refs: map[string]string{}, nextID: id * 1000,
	}
	if rs.DefaultBranch == "" {
		rs.DefaultBranch = "main"
	}
	if len(r.Collaborators) > 0 {
		rs.collab = map[string]bool{}
		for _, l := range r.Collaborators {
			rs.collab[strings.ToLower(strings.TrimPrefix(l, "@"))] = true
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
	fixed := map[string]string{}
	for p, text := range r.Contents {
		fixed[strings.Trim(p, "/")] = text
	}
	if r.CodeOwners != "" {
		fixed[CodeOwnersPath] = r.CodeOwners
	}
	rs.reconstruct(r.Commits, fixed)
	if len(r.Commits) > 0 {
		rs.refs["refs/heads/"+rs.DefaultBranch] = strings.ToLower(r.Commits[0].SHA)
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

// branchRef is the full ref of a branch name (given with or without refs/heads/).
func branchRef(name string) string { return "refs/heads/" + strings.TrimPrefix(name, "refs/heads/") }

// resolve maps a ref (empty, HEAD, branch name, refs/heads/branch, full or
// abbreviated sha) to a commit.
func (rs *repoState) resolve(ref string) (*gitCommit, bool) {
	if ref == "" || ref == "HEAD" {
		ref = rs.DefaultBranch
	}
	if sha, ok := rs.refs[branchRef(ref)]; ok {
		c, ok := rs.commits[sha]
		return c, ok
	}
	ref = strings.ToLower(ref)
	if c, ok := rs.commits[ref]; ok {
		return c, true
	}
	if len(ref) < 4 || !isHex(ref) {
		return nil, false
	}
	var found *gitCommit
	for sha, c := range rs.commits {
		if strings.HasPrefix(sha, ref) {
			if found != nil {
				return nil, false // ambiguous
			}
			found = c
		}
	}
	return found, found != nil
}

// ancestors returns c and every commit reachable through parents, newest
// first (children before parents; creation order breaks ties).
func (rs *repoState) ancestors(c *gitCommit) []*gitCommit {
	seen := map[string]bool{c.SHA: true}
	queue := []*gitCommit{c}
	out := []*gitCommit{}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		out = append(out, cur)
		for _, p := range cur.Parents {
			p = strings.ToLower(p)
			if pc, ok := rs.commits[p]; ok && !seen[p] {
				seen[p] = true
				queue = append(queue, pc)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].gen != out[j].gen {
			return out[i].gen > out[j].gen
		}
		return out[i].seq > out[j].seq
	})
	return out
}

// isAncestor reports whether a is b or reachable from b.
func (rs *repoState) isAncestor(a, b *gitCommit) bool {
	for _, c := range rs.ancestors(b) {
		if c == a {
			return true
		}
	}
	return false
}

// mergeBase is the newest common ancestor of a and b (nil when none).
func (rs *repoState) mergeBase(a, b *gitCommit) *gitCommit {
	inA := map[*gitCommit]bool{}
	for _, c := range rs.ancestors(a) {
		inA[c] = true
	}
	for _, c := range rs.ancestors(b) {
		if inA[c] {
			return c
		}
	}
	return nil
}

// addCommit stores c, giving it its generation and sequence number.
func (rs *repoState) addCommit(c *gitCommit) {
	c.SHA = strings.ToLower(c.SHA)
	for _, p := range c.Parents {
		if pc, ok := rs.commits[strings.ToLower(p)]; ok && pc.gen+1 > c.gen {
			c.gen = pc.gen + 1
		}
	}
	rs.nextSeq++
	c.seq = rs.nextSeq
	rs.commits[c.SHA] = c
}

func (rs *repoState) newID() int64 {
	rs.nextID++
	return rs.nextID
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
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
