package github

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// PullRequest is a snapshot of a pull request of the fake.
type PullRequest struct {
	Number             int
	Title, Body        string
	Author             string
	Head, Base         string // branch names
	HeadSHA            string
	State              string // open | closed
	Merged             bool
	MergedBy           string
	MergeCommitSHA     string
	RequestedReviewers []string
	RequestedTeams     []string
	Reviews            []Review
}

// Review is a snapshot of a pull request review.
type Review struct {
	ID       int64
	User     string
	State    string
	Body     string
	CommitID string
}

// Change is one file of a commit made with Push: its new text, or Delete.
type Change struct {
	Path    string
	Content string
	Delete  bool
}

func (s *Server) repo(repo string) (*repoState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.repos[strings.ToLower(repo)]
	if rs == nil {
		return nil, fmt.Errorf("sandbox github: no repository %q", repo)
	}
	return rs, nil
}

// Refs returns the repository's refs ("refs/heads/main" -> sha).
func (s *Server) Refs(repo string) map[string]string {
	rs, err := s.repo(repo)
	if err != nil {
		return nil
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	out := make(map[string]string, len(rs.refs))
	for k, v := range rs.refs {
		out[k] = v
	}
	return out
}

// Pulls returns the repository's pull requests, oldest first.
func (s *Server) Pulls(repo string) []PullRequest {
	rs, err := s.repo(repo)
	if err != nil {
		return nil
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	out := make([]PullRequest, 0, len(rs.pulls))
	for _, p := range rs.pulls {
		pr := PullRequest{
			Number: p.Number, Title: p.Title, Body: p.Body, Author: p.User, Head: p.Head, Base: p.Base,
			HeadSHA: rs.head(p), State: p.State, Merged: p.Merged, MergedBy: p.MergedBy, MergeCommitSHA: p.MergeCommitSHA,
			RequestedReviewers: append([]string(nil), p.Reviewers...), RequestedTeams: append([]string(nil), p.Teams...),
		}
		for _, r := range p.Reviews {
			pr.Reviews = append(pr.Reviews, Review{ID: r.ID, User: r.User, State: r.State, Body: r.Body, CommitID: r.CommitID})
		}
		out = append(out, pr)
	}
	return out
}

// Files returns every file's text at ref (a branch or a sha), or nil when
// the ref does not resolve.
func (s *Server) Files(repo, ref string) map[string]string {
	rs, err := s.repo(repo)
	if err != nil {
		return nil
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	cm, ok := rs.resolve(ref)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for p, l := range rs.flatten(cm.Tree) {
		if l.Type == "blob" {
			out[p] = rs.blobs[l.SHA]
		}
	}
	return out
}

// Push commits changes on top of branch as author and moves the branch,
// creating it from the default branch (or as a root commit in an empty
// repository) when it does not exist. It returns the new commit's sha.
func (s *Server) Push(repo, branch, author, message string, changes ...Change) (string, error) {
	rs, err := s.repo(repo)
	if err != nil {
		return "", err
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	ref := branchRef(branch)
	parentSHA, ok := rs.refs[ref]
	if !ok {
		parentSHA = rs.refs[branchRef(rs.DefaultBranch)]
	}
	flat := rs.treeOf(parentSHA)
	for _, ch := range changes {
		p := strings.Trim(ch.Path, "/")
		if p == "" {
			return "", fmt.Errorf("sandbox github: push to %s: empty path", repo)
		}
		if ch.Delete {
			delete(flat, p)
			removeBelow(flat, p)
			continue
		}
		removeBelow(flat, p)
		flat[p] = leaf{Mode: "100644", Type: "blob", SHA: rs.putBlob(ch.Content)}
	}
	var parents []string
	if parentSHA != "" {
		parents = []string{parentSHA}
	}
	cm := rs.newCommit(rs.buildTree(flat), parents, author, author, author+"@users.noreply.github.com", message,
		s.now().UTC().Truncate(time.Second))
	rs.refs[ref] = cm.SHA
	return cm.SHA, nil
}

// Branches returns the repository's branch names, sorted.
func (s *Server) Branches(repo string) []string {
	var out []string
	for ref := range s.Refs(repo) {
		if name, ok := strings.CutPrefix(ref, "refs/heads/"); ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
