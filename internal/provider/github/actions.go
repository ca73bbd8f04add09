package github

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
	"github.com/warroom/warroom/internal/provider/facts"
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
	src  facts.Source
	http *http.Client
}

func newActions(src facts.Source, opts ActionOptions) (*actions, error) {
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
func Executors(src facts.Source, opts ActionOptions) (map[string]action.Executor, error) {
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
	inc facts.Incident
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

func (a *actions) incident(ctx context.Context, id string) (facts.Incident, error) {
	if a.src == nil {
		return facts.Incident{ID: id}, nil
	}
	inc, err := a.src(ctx, id)
	if err != nil {
		return facts.Incident{}, fmt.Errorf("incident %s: %w", id, err)
	}
	if inc.ID == "" {
		inc.ID = id
	}
	return inc, nil
}

// footer names who and what a pull request or review is for.
func footer(verb string, inc facts.Incident, approver, handle string, req action.Request) string {
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

var (
	_ action.CredentialedExecutor = (*RevertPR)(nil)
	_ action.CredentialedExecutor = (*ConfigChangePR)(nil)
	_ action.CredentialedExecutor = (*MergePR)(nil)
	_ action.CredentialedExecutor = (*ApprovePR)(nil)
)
