package github

// gitdata.go: the git data API (refs, commits, trees, blobs) a remediation
// builds its commit with.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v75/github"
)

func (s *session) defaultBranch(ctx context.Context) (string, error) {
	var branch string
	err := s.do(ctx, "get repository "+s.repo, func(ctx context.Context) error {
		r, _, err := s.c.gh.Repositories.Get(ctx, s.owner, s.name)
		branch = r.GetDefaultBranch()
		return err
	})
	if err == nil && branch == "" {
		err = fmt.Errorf("repository %s reports no default branch", s.repo)
	}
	return branch, err
}

// branchHead returns the sha a branch points at, or "" when it does not exist.
func (s *session) branchHead(ctx context.Context, branch string) (string, error) {
	var sha string
	err := s.do(ctx, "get branch "+branch+" of "+s.repo, func(ctx context.Context) error {
		ref, _, err := s.c.gh.Git.GetRef(ctx, s.owner, s.name, "heads/"+branch)
		sha = ref.GetObject().GetSHA()
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return sha, err
}

func (s *session) gitCommit(ctx context.Context, sha string) (*gh.Commit, error) {
	var cm *gh.Commit
	err := s.do(ctx, "get git commit "+shortSHA(sha)+" of "+s.repo, func(ctx context.Context) error {
		var err error
		cm, _, err = s.c.gh.Git.GetCommit(ctx, s.owner, s.name, sha)
		return err
	})
	return cm, err
}

func (s *session) tree(ctx context.Context, sha string) (*gh.Tree, error) {
	if t, ok := s.trees[sha]; ok {
		return t, nil
	}
	var t *gh.Tree
	err := s.do(ctx, "get tree "+shortSHA(sha)+" of "+s.repo, func(ctx context.Context) error {
		var err error
		t, _, err = s.c.gh.Git.GetTree(ctx, s.owner, s.name, sha, false)
		return err
	})
	if err == nil {
		s.trees[sha] = t
	}
	return t, err
}

// entry is a tree entry of a file; the zero value means "absent".
type entry struct {
	SHA, Mode, Type string
}

func (e entry) exists() bool { return e.SHA != "" }

// entryAt walks from a root tree to path one directory at a time (no
// recursive listing, so big repositories are never truncated).
func (s *session) entryAt(ctx context.Context, root, path string) (entry, error) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	cur := root
	for i, name := range parts {
		t, err := s.tree(ctx, cur)
		if err != nil {
			return entry{}, err
		}
		var found *gh.TreeEntry
		for _, e := range t.Entries {
			if e.GetPath() == name {
				found = e
				break
			}
		}
		if found == nil {
			return entry{}, nil
		}
		if i == len(parts)-1 {
			if found.GetType() == "tree" {
				return entry{}, nil // a directory is not a file
			}
			return entry{SHA: found.GetSHA(), Mode: found.GetMode(), Type: found.GetType()}, nil
		}
		if found.GetType() != "tree" {
			return entry{}, nil
		}
		cur = found.GetSHA()
	}
	return entry{}, nil
}

func (s *session) blobText(ctx context.Context, sha string) (string, error) {
	var raw []byte
	err := s.do(ctx, "get blob "+shortSHA(sha)+" of "+s.repo, func(ctx context.Context) error {
		var err error
		raw, _, err = s.c.gh.Git.GetBlobRaw(ctx, s.owner, s.name, sha)
		return err
	})
	return string(raw), err
}

func (s *session) createBlob(ctx context.Context, text string) (string, error) {
	var sha string
	err := s.do(ctx, "create blob in "+s.repo, func(ctx context.Context) error {
		b, _, err := s.c.gh.Git.CreateBlob(ctx, s.owner, s.name, gh.Blob{Content: gh.Ptr(text), Encoding: gh.Ptr("utf-8")})
		sha = b.GetSHA()
		return err
	})
	return sha, err
}

// commitTree creates a tree on base with the given entries (a zero entry
// deletes the path) and a commit of it on parent.
func (s *session) commitTree(ctx context.Context, baseTree, parent, message string, changes map[string]entry) (commit, tree string, err error) {
	var entries []*gh.TreeEntry
	for _, p := range sortedKeys(changes) {
		e := changes[p]
		te := &gh.TreeEntry{Path: gh.Ptr(p), Mode: gh.Ptr("100644"), Type: gh.Ptr("blob")}
		if e.exists() {
			te.SHA, te.Mode, te.Type = gh.Ptr(e.SHA), gh.Ptr(e.Mode), gh.Ptr(e.Type)
		}
		entries = append(entries, te)
	}
	err = s.do(ctx, "create tree in "+s.repo, func(ctx context.Context) error {
		t, _, err := s.c.gh.Git.CreateTree(ctx, s.owner, s.name, baseTree, entries)
		tree = t.GetSHA()
		return err
	})
	if err != nil {
		return "", "", err
	}
	err = s.do(ctx, "create commit in "+s.repo, func(ctx context.Context) error {
		cm, _, err := s.c.gh.Git.CreateCommit(ctx, s.owner, s.name, gh.Commit{
			Message: gh.Ptr(message), Tree: &gh.Tree{SHA: gh.Ptr(tree)}, Parents: []*gh.Commit{{SHA: gh.Ptr(parent)}},
		}, nil)
		commit = cm.GetSHA()
		return err
	})
	return commit, tree, err
}

// createBranch points a new branch at sha. A branch left by an earlier
// attempt of the same action is kept: it returns where that branch points.
func (s *session) createBranch(ctx context.Context, branch, sha string) (string, error) {
	err := s.do(ctx, "create branch "+branch+" in "+s.repo, func(ctx context.Context) error {
		_, _, err := s.c.gh.Git.CreateRef(ctx, s.owner, s.name, gh.CreateRef{Ref: "refs/heads/" + branch, SHA: sha})
		return err
	})
	if statusOf(err) == http.StatusUnprocessableEntity {
		if existing, gerr := s.branchHead(ctx, branch); gerr == nil && existing != "" {
			return existing, nil
		}
	}
	return sha, err
}
