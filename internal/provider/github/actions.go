package github

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/brief"
)

// The remediation action kinds these executors perform (the catalogue's).
const (
	KindRevertPR       = action.RevertPR
	KindConfigChangePR = action.ConfigChangePR
	KindMergePR        = action.MergePR
	KindApprovePR      = action.ApprovePR
)

const (
	defaultBranchPrefix     = "warroom/"
	defaultMaxRateLimitWait = 20 * time.Second
	defaultHTTPTimeout      = 30 * time.Second
)

// ActionOptions configures the remediation executors; the zero value talks
// to api.github.com.
type ActionOptions struct {
	// BaseURL is the API root ("" = https://api.github.com/; GitHub
	// Enterprise Server: https://HOST/api/v3).
	BaseURL string
	// HTTPClient sends every request (nil = a client with a 30-second timeout).
	HTTPClient *http.Client
	// MergeMethod is how merge_pr merges: merge, squash or rebase ("" = merge).
	MergeMethod string
	// BranchPrefix begins the name of every branch the executors create
	// ("" = "warroom/").
	BranchPrefix string
	// AnyPullRequest lets merge_pr and approve_pr act on any pull request of
	// the repository. By default they act only on pull requests whose head
	// branch has BranchPrefix, the ones WarRoom opened.
	AnyPullRequest bool
	// MaxRateLimitWait bounds how long one execution waits in total for
	// GitHub's rate limits before it gives up with a retryable error that
	// says when to retry (0 = 20s; negative = never wait).
	MaxRateLimitWait time.Duration
	// Now and Sleep are the clock and the rate-limit wait (nil = real time).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// actions is what every remediation executor shares.
type actions struct {
	opts ActionOptions
	src  brief.Source
	http *http.Client
}

func newActions(src brief.Source, opts ActionOptions) (*actions, error) {
	switch opts.MergeMethod {
	case "":
		opts.MergeMethod = "merge"
	case "merge", "squash", "rebase":
	default:
		return nil, fmt.Errorf("github actions: merge method %q: want merge, squash or rebase", opts.MergeMethod)
	}
	if opts.BranchPrefix == "" {
		opts.BranchPrefix = defaultBranchPrefix
	}
	if !validBranch(opts.BranchPrefix + "x") {
		return nil, fmt.Errorf("github actions: branch prefix %q is not a valid branch name prefix", opts.BranchPrefix)
	}
	if opts.MaxRateLimitWait == 0 {
		opts.MaxRateLimitWait = defaultMaxRateLimitWait
	}
	if _, err := New("", opts.BaseURL, nil); err != nil {
		return nil, fmt.Errorf("github actions: %w", err)
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: defaultHTTPTimeout}
	}
	return &actions{opts: opts, src: src, http: hc}, nil
}

// Credential: every remediation acts as the approving engineer at GitHub,
// with the provider and scopes the catalogue gives GitHub's kinds (the same
// for all four).
func (a *actions) Credential(incident.Action) (string, []string) {
	s, _ := action.Lookup(KindRevertPR)
	return s.Provider, s.Scopes
}

// Executors returns the four remediation executors keyed by action kind.
func Executors(src brief.Source, opts ActionOptions) (map[string]action.Executor, error) {
	a, err := newActions(src, opts)
	if err != nil {
		return nil, err
	}
	return map[string]action.Executor{
		KindRevertPR:       &RevertPR{a},
		KindConfigChangePR: &ConfigChangePR{a},
		KindMergePR:        &MergePR{a},
		KindApprovePR:      &ApprovePR{a},
	}, nil
}

var validBranchRE = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)

func validBranch(b string) bool {
	return validBranchRE.MatchString(b) && !strings.Contains(b, "..") && !strings.Contains(b, "//") &&
		!strings.HasPrefix(b, "/") && !strings.HasSuffix(b, "/") && !strings.HasSuffix(b, ".lock")
}

// branchName is deterministic in the idempotency key, so that every retry of
// one action looks for (and finds) the same branch and pull request.
func (a *actions) branchName(kind, label, key string) string {
	sum := sha256.Sum256([]byte(key))
	return a.opts.BranchPrefix + kind + "-" + label + "-" + hex.EncodeToString(sum[:4])
}

// idempotencyKey is the request's key (the action id when unset).
func idempotencyKey(req action.Request) (string, error) {
	if req.IdempotencyKey != "" {
		return req.IdempotencyKey, nil
	}
	if req.Action.ID != "" {
		return req.Action.ID, nil
	}
	return "", refuse("%s: the request has no idempotency key or action id", req.Action.Kind)
}

// ownPR reports whether a pull request's head branch is one this executor
// family creates.
func (a *actions) ownPR(pr *gh.PullRequest) bool {
	return a.opts.AnyPullRequest || strings.HasPrefix(pr.GetHead().GetRef(), a.opts.BranchPrefix)
}

// incident resolves the incident brief (just the id when there is no source).
// prStart is what opening a pull request begins with: the action's key,
// a session as the approver, the incident and the approver's login.
type prStart struct {
	key string
	s   *session
	inc brief.Incident
	me  string
}

func (a *actions) startPR(ctx context.Context, req action.Request) (prStart, error) {
	var st prStart
	var err error
	if st.key, err = idempotencyKey(req); err != nil {
		return st, err
	}
	if st.s, err = a.open(req); err != nil {
		return st, err
	}
	if st.inc, err = a.incident(ctx, req.Action.IncidentID); err != nil {
		return st, err
	}
	st.me, err = st.s.me(ctx)
	return st, err
}

func (a *actions) incident(ctx context.Context, id string) (brief.Incident, error) {
	if a.src == nil {
		return brief.Incident{ID: id}, nil
	}
	inc, err := a.src(ctx, id)
	if err != nil {
		return brief.Incident{}, fmt.Errorf("incident %s: %w", id, err)
	}
	if inc.ID == "" {
		inc.ID = id
	}
	return inc, nil
}

// refusal is a failure retrying cannot fix, decided by the executor itself.
type refusal struct{ msg string }

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return action.ErrPermanent }

func refuse(format string, args ...any) error { return &refusal{fmt.Sprintf(format, args...)} }

// permanentError is a GitHub rejection a retry cannot fix (4xx).
type permanentError struct {
	err    error
	detail string
}

func (e *permanentError) Error() string {
	if e.detail == "" {
		return e.err.Error()
	}
	return e.err.Error() + " (" + e.detail + ")"
}
func (e *permanentError) Unwrap() []error { return []error{e.err, action.ErrPermanent} }

// tokenError is a 401: the approver's token expired or was revoked.
type tokenError struct{ err error }

func (e *tokenError) Error() string {
	return "GitHub rejected the approver's token (expired or revoked), re-authorization needed: " + e.err.Error()
}
func (e *tokenError) Unwrap() []error { return []error{e.err, action.ErrTokenExpired} }

// classify sorts a mapped GitHub error for the engine: a 401 suspends for
// re-authorization, other 4xx fail for good, rate limits, 5xx and network
// errors are retried.
func classify(err error) error {
	var rl *RateLimitError
	var ae *APIError
	switch {
	case errors.As(err, &rl):
		return err
	case errors.Is(err, ErrUnauthorized):
		return &tokenError{err}
	case errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500 &&
		ae.StatusCode != http.StatusRequestTimeout && ae.StatusCode != http.StatusTooManyRequests:
		return &permanentError{err: err, detail: errorDetail(err)}
	}
	return err
}

// errorDetail joins the messages of a GitHub error's errors[] (where a 422
// says what was wrong).
func errorDetail(err error) string {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) {
		return ""
	}
	var parts []string
	for _, e := range er.Errors {
		switch {
		case e.Message != "":
			parts = append(parts, e.Message)
		case e.Field != "":
			parts = append(parts, fmt.Sprintf("%s %s", e.Field, e.Code))
		}
	}
	return strings.Join(parts, "; ")
}

// statusOf is the HTTP status of a GitHub error response (0 when none).
func statusOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode
	}
	return 0
}

// session is one execution's view of one repository, as the approver.
type session struct {
	*actions
	c           *Client
	owner, name string
	repo        string
	waited      time.Duration
	login       string
	trees       map[string]*gh.Tree
}

// open checks the target and builds a client with the approver's token. The
// token lives in this session only.
func (a *actions) open(req action.Request) (*session, error) {
	system, repo, ok := strings.Cut(req.Action.Target, ":")
	if !ok || system != "github" {
		return nil, refuse("%s: target %q is not github:owner/repo", req.Action.Kind, req.Action.Target)
	}
	owner, name, err := splitRepo(repo)
	if err != nil {
		return nil, refuse("%s: target %q is not github:owner/repo", req.Action.Kind, req.Action.Target)
	}
	if req.Token.Reveal() == "" {
		return nil, &tokenError{fmt.Errorf("no GitHub token for %s", req.RunAs)}
	}
	c, err := New(req.Token.Reveal(), a.opts.BaseURL, a.http)
	if err != nil {
		return nil, refuse("%s: %v", req.Action.Kind, err)
	}
	c.Now = a.opts.Now
	// The session waits out rate limits itself (do), so go-github's own
	// pre-emptive refusal, which uses the wall clock, is not needed.
	c.gh.DisableRateLimitCheck = true
	return &session{actions: a, c: c, owner: owner, name: name, repo: owner + "/" + name, trees: map[string]*gh.Tree{}}, nil
}

func (s *session) sleep(ctx context.Context, d time.Duration) error {
	if s.opts.Sleep != nil {
		return s.opts.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// do runs one API call. A rate-limited call is retried after the wait GitHub
// asks for, while the execution's total wait stays within MaxRateLimitWait;
// beyond that the error is returned as retryable (it says when to retry).
// Other errors are classified for the engine.
func (s *session) do(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	for {
		err := fn(ctx)
		if err == nil {
			return nil
		}
		var rl0 *RateLimitError
		var ae0 *APIError
		var mapped error
		if errors.As(err, &rl0) || errors.As(err, &ae0) { // already mapped by a Client method
			mapped = fmt.Errorf("%s: %w", op, err)
		} else {
			mapped = s.c.wrap(err, "%s", op)
		}
		var rl *RateLimitError
		if !errors.As(mapped, &rl) {
			return classify(mapped)
		}
		wait := max(rl.RetryAfter, time.Second) // never retry at once
		if s.opts.MaxRateLimitWait < 0 || s.waited+wait > s.opts.MaxRateLimitWait {
			return mapped
		}
		s.waited += wait
		if err := s.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: waiting %v for the GitHub rate limit: %w", op, wait, err)
		}
	}
}

// me is the authenticated user's login: the approver at GitHub.
func (s *session) me(ctx context.Context) (string, error) {
	if s.login != "" {
		return s.login, nil
	}
	err := s.do(ctx, "get the authenticated user", func(ctx context.Context) error {
		u, _, err := s.c.gh.Users.Get(ctx, "")
		s.login = u.GetLogin()
		return err
	})
	return s.login, err
}

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

// findPR returns the pull request from branch (open first, else the newest), or nil.
func (s *session) findPR(ctx context.Context, branch string) (*gh.PullRequest, error) {
	var prs []*gh.PullRequest
	err := s.do(ctx, "find the pull request from "+branch+" in "+s.repo, func(ctx context.Context) error {
		var err error
		prs, _, err = s.c.gh.PullRequests.List(ctx, s.owner, s.name, &gh.PullRequestListOptions{
			State: "all", Head: s.owner + ":" + branch, ListOptions: gh.ListOptions{PerPage: 10},
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, pr := range prs {
		if pr.GetState() == "open" && pr.GetHead().GetRef() == branch {
			return pr, nil
		}
	}
	for _, pr := range prs {
		if pr.GetHead().GetRef() == branch {
			return pr, nil
		}
	}
	return nil, nil
}

// openPR opens a pull request from branch, or returns the one an earlier
// attempt opened (GitHub answers 422 when one already exists).
func (s *session) openPR(ctx context.Context, branch, base, title, body string) (*gh.PullRequest, error) {
	var pr *gh.PullRequest
	err := s.do(ctx, "open a pull request from "+branch+" in "+s.repo, func(ctx context.Context) error {
		var err error
		pr, _, err = s.c.gh.PullRequests.Create(ctx, s.owner, s.name, &gh.NewPullRequest{
			Title: gh.Ptr(title), Head: gh.Ptr(branch), Base: gh.Ptr(base), Body: gh.Ptr(body),
		})
		return err
	})
	if statusOf(err) == http.StatusUnprocessableEntity {
		if existing, ferr := s.findPR(ctx, branch); ferr == nil && existing != nil {
			return existing, nil
		}
	}
	return pr, err
}

func (s *session) getPR(ctx context.Context, n int) (*gh.PullRequest, error) {
	var pr *gh.PullRequest
	err := s.do(ctx, fmt.Sprintf("get pull request #%d of %s", n, s.repo), func(ctx context.Context) error {
		var err error
		pr, _, err = s.c.gh.PullRequests.Get(ctx, s.owner, s.name, n)
		return err
	})
	return pr, err
}

// Skipped is a code owner no review was requested from, and why.
type Skipped struct {
	Reviewer string `json:"reviewer"`
	Reason   string `json:"reason"`
}

// reviewers is the outcome of asking the code owners to review.
type reviewers struct {
	Requested []string  `json:"reviewers_requested"`
	Skipped   []Skipped `json:"reviewers_skipped,omitempty"`
}

// requestReviews asks the code owners of paths (from the CODEOWNERS file
// of the base branch) to review pr, one request each, so that one owner who
// is not a collaborator (GitHub's 422) does not stop the others; that is
// reported, not failed. The pull request's author cannot review it.
func (s *session) requestReviews(ctx context.Context, pr *gh.PullRequest, paths []string) (reviewers, error) {
	var out reviewers
	var co CodeOwners
	err := s.do(ctx, "read CODEOWNERS", func(ctx context.Context) error {
		var err error
		co, err = s.c.CodeOwners(ctx, s.repo)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	author := pr.GetUser().GetLogin()
	already := map[string]bool{}
	for _, u := range pr.RequestedReviewers {
		already[strings.ToLower(u.GetLogin())] = true
	}
	for _, t := range pr.RequestedTeams {
		already[strings.ToLower(s.owner+"/"+t.GetSlug())] = true
	}
	seen := map[string]bool{}
	for _, p := range paths {
		for _, owner := range co.Owners(p) {
			key := strings.ToLower(strings.TrimPrefix(owner, "@"))
			if seen[key] {
				continue
			}
			seen[key] = true
			org, team, isTeam := strings.Cut(strings.TrimPrefix(owner, "@"), "/")
			var req gh.ReviewersRequest
			switch {
			case !strings.HasPrefix(owner, "@"):
				out.Skipped = append(out.Skipped, Skipped{owner, "an email owner cannot be requested as a reviewer"})
				continue
			case isTeam && !strings.EqualFold(org, s.owner):
				out.Skipped = append(out.Skipped, Skipped{owner, "a team of another organization"})
				continue
			case !isTeam && strings.EqualFold(org, author):
				out.Skipped = append(out.Skipped, Skipped{owner, "the pull request's author"})
				continue
			case already[key]:
				out.Requested = append(out.Requested, owner)
				continue
			case isTeam:
				req.TeamReviewers = []string{team}
			default:
				req.Reviewers = []string{org}
			}
			err := s.do(ctx, fmt.Sprintf("request a review of #%d from %s", pr.GetNumber(), owner), func(ctx context.Context) error {
				_, _, err := s.c.gh.PullRequests.RequestReviewers(ctx, s.owner, s.name, pr.GetNumber(), req)
				return err
			})
			switch {
			case err == nil:
				out.Requested = append(out.Requested, owner)
			case statusOf(err) == http.StatusUnprocessableEntity:
				var ae *APIError
				errors.As(err, &ae)
				reason := ae.Message
				if d := errorDetail(err); d != "" {
					reason += ": " + d
				}
				out.Skipped = append(out.Skipped, Skipped{owner, "GitHub refused: " + reason})
			default:
				return out, err
			}
		}
	}
	return out, nil
}

// footer names who and what a pull request or review is for.
func footer(verb string, inc brief.Incident, approver, handle string, req action.Request) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "%s by WarRoom for incident %s", verb, inc.ID)
	if inc.Title != "" {
		fmt.Fprintf(&b, " (%s", inc.Title)
		if inc.Severity != "" {
			fmt.Fprintf(&b, ", %s", inc.Severity)
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, ". Approved by @%s", approver)
	if handle != "" && !strings.EqualFold(handle, approver) {
		fmt.Fprintf(&b, " (%s)", handle)
	}
	b.WriteString(" and made with their GitHub credentials.")
	if inc.URL != "" {
		fmt.Fprintf(&b, "\nIncident: %s", inc.URL)
	}
	fmt.Fprintf(&b, "\n\n<!-- warroom action=%s -->", req.Action.ID)
	return b.String()
}

func result(summary string, detail any) (action.Result, error) {
	b, err := json.Marshal(detail)
	if err != nil {
		return action.Result{}, fmt.Errorf("encode result: %w", err)
	}
	return action.Result{Summary: summary, Detail: b}, nil
}

func shortSHA(sha string) string { return sha[:min(len(sha), 7)] }

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// decodeParams decodes an action's params strictly.
func decodeParams(a incident.Action, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(a.Params)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return refuse("%s: invalid params: %v", a.Kind, err)
	}
	return nil
}

// gitHash is git's object id of a blob (or other object) with this content.
func gitHash(kind, content string) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(content))
	h.Write([]byte(content))
	return hex.EncodeToString(h.Sum(nil))
}

var (
	_ action.CredentialedExecutor = (*RevertPR)(nil)
	_ action.CredentialedExecutor = (*ConfigChangePR)(nil)
	_ action.CredentialedExecutor = (*MergePR)(nil)
	_ action.CredentialedExecutor = (*ApprovePR)(nil)
)
