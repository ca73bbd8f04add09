// Package github is WarRoom's GitHub provider, over
// github.com/google/go-github. Client is the incident investigation client:
// recent commits with their patches, deployments, comparisons and
// CODEOWNERS. The remediation executors (RevertPR, ConfigChangePR, MergePR,
// ApprovePR; see Executors) open, review and merge pull requests as the
// approving engineer, with the token the engine fetched for that one call.
// Errors carry context, never the token, and map to ErrRateLimited,
// ErrNotFound, ErrUnauthorized and ErrForbidden.
package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v75/github"
)

const (
	// DefaultCommitLimit is used by RecentCommits when limit <= 0.
	DefaultCommitLimit = 30
	// DefaultConcurrency bounds parallel GetCommit calls in RecentCommits.
	DefaultConcurrency = 4
	maxPerPage         = 100
	userAgent          = "warroom-incident-agent"
)

// Client reads repositories through the GitHub REST API.
type Client struct {
	gh    *gh.Client
	token string
	// Concurrency bounds the parallel per-commit requests of RecentCommits (0 = DefaultConcurrency).
	Concurrency int
	// Now is the clock used to compute retry times (nil = time.Now).
	Now func() time.Time
}

// Commit is a commit with the files it changed.
type Commit struct {
	SHA     string
	Parents []string
	// Tree is the sha of the commit's root tree.
	Tree string
	// Author is the GitHub login when GitHub links the commit to an account,
	// else the git author name.
	Author      string
	AuthorName  string
	AuthorEmail string
	// Date is the committer date (falls back to the author date).
	Date    time.Time
	Message string
	HTMLURL string
	// Additions and Deletions are the commit's stats (only from Commit/RecentCommits).
	Additions, Deletions int
	Files                []File
}

// Subject is the first line of the message.
func (c Commit) Subject() string {
	s, _, _ := strings.Cut(c.Message, "\n")
	return strings.TrimSpace(s)
}

// File is one changed file of a commit or comparison.
type File struct {
	Path string
	// PreviousPath is set for renames.
	PreviousPath string
	// Status is added | removed | modified | renamed | copied | changed | unchanged.
	Status               string
	Additions, Deletions int
	// Patch is the unified diff hunk(s); empty for binary or very large diffs.
	Patch string
}

// Deploy is a GitHub deployment.
type Deploy struct {
	ID          int64
	SHA         string
	Ref         string
	Task        string
	Environment string
	Description string
	Creator     string
	CreatedAt   time.Time
	// Service is the one service a monorepo deploy shipped, from the
	// deployment payload's "service" (the convention deploy pipelines set
	// with `payload: {"service": ...}`); empty means the whole repository.
	Service string
}

// Comparison is the result of comparing base...head.
type Comparison struct {
	// Status is ahead | behind | diverged | identical.
	Status       string
	AheadBy      int
	BehindBy     int
	TotalCommits int
	BaseSHA      string
	MergeBaseSHA string
	// Commits are the commits of head not in base, oldest first (without files).
	Commits []Commit
	Files   []File
}

// New returns a client authenticating with token (may be empty for
// unauthenticated access). baseURL "" means https://api.github.com/; otherwise
// it is used as is (a GitHub Enterprise Server URL must include /api/v3).
// httpClient nil means a fresh http.Client; it is not modified.
func New(token string, baseURL string, httpClient *http.Client) (*Client, error) {
	c := gh.NewClient(httpClient)
	if token != "" {
		c = c.WithAuthToken(token)
	}
	c.UserAgent = userAgent
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil {
			return nil, fmt.Errorf("github: invalid base URL: %w", err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return nil, fmt.Errorf("github: invalid base URL %q: want http(s)://host[/path]", u.Redacted())
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		c.BaseURL = u
		up := *u
		c.UploadURL = &up
	}
	return &Client{gh: c, token: token}, nil
}

// GitHub exposes the underlying go-github client.
func (c *Client) GitHub() *gh.Client { return c.gh }

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func splitRepo(repo string) (string, string, error) {
	owner, name, ok := strings.Cut(strings.Trim(strings.TrimSpace(repo), "/"), "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return "", "", fmt.Errorf("github: invalid repo %q: want owner/name", repo)
	}
	return owner, name, nil
}

// RecentCommits returns up to limit commits of the default branch committed in
// [since, until] (zero bounds are open), newest first, each with its files and
// patches. limit <= 0 means DefaultCommitLimit.
func (c *Client) RecentCommits(ctx context.Context, repo string, since, until time.Time, limit int) ([]Commit, error) {
	owner, name, err := splitRepo(repo)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultCommitLimit
	}
	opts := &gh.CommitsListOptions{Since: since, Until: until, ListOptions: gh.ListOptions{PerPage: min(limit, maxPerPage)}}
	var shas []string
	for len(shas) < limit {
		page, resp, err := c.gh.Repositories.ListCommits(ctx, owner, name, opts)
		if err != nil {
			return nil, c.wrap(err, "list commits of %s", repo)
		}
		for _, rc := range page {
			if len(shas) == limit {
				break
			}
			shas = append(shas, rc.GetSHA())
		}
		if resp == nil || resp.NextPage == 0 || len(page) == 0 {
			break
		}
		opts.Page = resp.NextPage
	}

	out := make([]Commit, len(shas))
	errs := make([]error, len(shas))
	conc := c.Concurrency
	if conc <= 0 {
		conc = DefaultConcurrency
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, conc)
	var wg sync.WaitGroup
	for i, sha := range shas {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			cm, err := c.getCommit(ctx, owner, name, sha)
			if err != nil {
				errs[i] = err
				cancel() // stop scheduling; the first real error is reported
				return
			}
			out[i] = cm
		}()
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, c.wrap(err, "get commits of %s", repo)
	}
	return out, nil
}

// firstError prefers a real error over the context cancellations it caused.
func firstError(errs []error) error {
	var ctxErr error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if errors.Is(err, context.Canceled) {
			if ctxErr == nil {
				ctxErr = err
			}
			continue
		}
		return err
	}
	return ctxErr
}

// Commit returns one commit (sha, abbreviated sha or branch) with files and patches.
func (c *Client) Commit(ctx context.Context, repo, sha string) (Commit, error) {
	owner, name, err := splitRepo(repo)
	if err != nil {
		return Commit{}, err
	}
	if sha == "" {
		return Commit{}, fmt.Errorf("get commit of %s: empty sha", repo)
	}
	cm, err := c.getCommit(ctx, owner, name, sha)
	if err != nil {
		return Commit{}, c.wrap(err, "get commit %s of %s", sha, repo)
	}
	return cm, nil
}

// getCommit fetches a commit and all pages of its files (GitHub pages files
// of very large commits, 300 per page).
func (c *Client) getCommit(ctx context.Context, owner, name, sha string) (Commit, error) {
	opts := &gh.ListOptions{}
	var cm Commit
	for first := true; ; first = false {
		rc, resp, err := c.gh.Repositories.GetCommit(ctx, owner, name, sha, opts)
		if err != nil {
			return Commit{}, err
		}
		if first {
			cm = toCommit(rc)
		} else {
			cm.Files = append(cm.Files, toFiles(rc.Files)...)
		}
		if resp == nil || resp.NextPage == 0 || len(rc.Files) == 0 {
			return cm, nil
		}
		opts.Page = resp.NextPage
	}
}

func toCommit(rc *gh.RepositoryCommit) Commit {
	cm := Commit{SHA: rc.GetSHA(), HTMLURL: rc.GetHTMLURL()}
	for _, p := range rc.Parents {
		cm.Parents = append(cm.Parents, p.GetSHA())
	}
	if g := rc.GetCommit(); g != nil {
		cm.Message = g.GetMessage()
		cm.Tree = g.GetTree().GetSHA()
		cm.AuthorName = g.GetAuthor().GetName()
		cm.AuthorEmail = g.GetAuthor().GetEmail()
		cm.Date = g.GetCommitter().GetDate().Time
		if cm.Date.IsZero() {
			cm.Date = g.GetAuthor().GetDate().Time
		}
	}
	cm.Author = rc.GetAuthor().GetLogin()
	if cm.Author == "" {
		cm.Author = cm.AuthorName
	}
	if st := rc.GetStats(); st != nil {
		cm.Additions, cm.Deletions = st.GetAdditions(), st.GetDeletions()
	}
	cm.Files = toFiles(rc.Files)
	return cm
}

func toFiles(fs []*gh.CommitFile) []File {
	if len(fs) == 0 {
		return nil
	}
	out := make([]File, 0, len(fs))
	for _, f := range fs {
		out = append(out, File{
			Path: f.GetFilename(), PreviousPath: f.GetPreviousFilename(), Status: f.GetStatus(),
			Additions: f.GetAdditions(), Deletions: f.GetDeletions(), Patch: f.GetPatch(),
		})
	}
	return out
}

// Deploys returns the deployments of repo created at or after since (zero =
// all), newest first; environment "" means every environment.
func (c *Client) Deploys(ctx context.Context, repo string, environment string, since time.Time) ([]Deploy, error) {
	owner, name, err := splitRepo(repo)
	if err != nil {
		return nil, err
	}
	opts := &gh.DeploymentsListOptions{Environment: environment, ListOptions: gh.ListOptions{PerPage: maxPerPage}}
	var out []Deploy
	for {
		page, resp, err := c.gh.Repositories.ListDeployments(ctx, owner, name, opts)
		if err != nil {
			return nil, c.wrap(err, "list deployments of %s", repo)
		}
		older := false
		for _, d := range page {
			at := d.GetCreatedAt().Time
			if !since.IsZero() && at.Before(since) {
				older = true // newest first: the rest are older too
				break
			}
			out = append(out, Deploy{
				ID: d.GetID(), SHA: d.GetSHA(), Ref: d.GetRef(), Task: d.GetTask(), Environment: d.GetEnvironment(),
				Description: d.GetDescription(), Creator: d.GetCreator().GetLogin(), CreatedAt: at,
				Service: payloadService(d.Payload),
			})
		}
		if older || resp == nil || resp.NextPage == 0 || len(page) == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// Compare compares base...head (shas or branches): the commits of head not in
// base, oldest first, and the combined file changes.
func (c *Client) Compare(ctx context.Context, repo, base, head string) (Comparison, error) {
	owner, name, err := splitRepo(repo)
	if err != nil {
		return Comparison{}, err
	}
	cc, _, err := c.gh.Repositories.CompareCommits(ctx, owner, name, base, head, nil)
	if err != nil {
		return Comparison{}, c.wrap(err, "compare %s...%s of %s", base, head, repo)
	}
	out := Comparison{
		Status: cc.GetStatus(), AheadBy: cc.GetAheadBy(), BehindBy: cc.GetBehindBy(), TotalCommits: cc.GetTotalCommits(),
		BaseSHA: cc.GetBaseCommit().GetSHA(), MergeBaseSHA: cc.GetMergeBaseCommit().GetSHA(), Files: toFiles(cc.Files),
	}
	for _, rc := range cc.Commits {
		out.Commits = append(out.Commits, toCommit(rc))
	}
	return out, nil
}

// CodeOwnersPaths are the locations GitHub reads CODEOWNERS from, in order; the first found wins.
var CodeOwnersPaths = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// CodeOwners fetches and parses the CODEOWNERS file of the default branch.
// When no file exists the error wraps ErrNotFound.
func (c *Client) CodeOwners(ctx context.Context, repo string) (CodeOwners, error) {
	owner, name, err := splitRepo(repo)
	if err != nil {
		return CodeOwners{}, err
	}
	for _, p := range CodeOwnersPaths {
		fc, _, _, err := c.gh.Repositories.GetContents(ctx, owner, name, p, nil)
		if err != nil {
			mapped := mapError(err, c.now())
			if errors.Is(mapped, ErrNotFound) {
				continue
			}
			return CodeOwners{}, c.wrap(err, "get %s of %s", p, repo)
		}
		if fc == nil { // a directory of that name
			continue
		}
		text, err := fc.GetContent()
		if err != nil {
			return CodeOwners{}, c.wrap(err, "decode %s of %s", p, repo)
		}
		co := ParseCodeOwners(text)
		co.Path = p
		return co, nil
	}
	return CodeOwners{}, fmt.Errorf("codeowners of %s: no CODEOWNERS in %s: %w", repo, strings.Join(CodeOwnersPaths, ", "), ErrNotFound)
}

// payloadService reads a deployment payload's "service", if it is a string.
func payloadService(raw json.RawMessage) string {
	var p struct {
		Service any `json:"service"`
	}
	if json.Unmarshal(raw, &p) != nil {
		return ""
	}
	s, _ := p.Service.(string)
	return s
}
