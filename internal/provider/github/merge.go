package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// MergePR merges a pull request of the target repository (kind merge_pr,
// params {"pull_number", "reason"}) as the approving engineer, with the
// configured merge method and GitHub's head-sha guard: the merge happens
// only if the head is still the commit that was read (and approved). A pull
// request found merged is a success, so a retry never merges twice; GitHub
// refusing the merge (405: conflicts, checks, protection) or a moved head
// (409) fails for good with GitHub's reason.
type MergePR struct{ *actions }

// NewMergePR returns the merge_pr executor.
func NewMergePR(src facts.Source, opts ActionOptions) (*MergePR, error) {
	a, err := newActions(src, opts)
	if err != nil {
		return nil, err
	}
	return &MergePR{a}, nil
}

type mergeParams struct {
	PullNumber int    `json:"pull_number"`
	Reason     string `json:"reason"`
}

// MergeResult is merge_pr's result detail.
type MergeResult struct {
	Repo       string `json:"repo"`
	PullNumber int    `json:"pull_number"`
	URL        string `json:"url"`
	Method     string `json:"method"`
	// HeadSHA is the merged head; MergeSHA the commit the base branch now has.
	HeadSHA       string `json:"head_sha"`
	MergeSHA      string `json:"merge_sha"`
	AlreadyMerged bool   `json:"already_merged"`
}

func parsePull(req action.Request, v any, n *int) error {
	if err := decodeParams(req.Action, v); err != nil {
		return err
	}
	if *n < 1 {
		return refuse("%s: params need a pull_number of 1 or more", req.Action.Kind)
	}
	return nil
}

// Execute merges the pull request, or reports it merged already.
func (x *MergePR) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	var p mergeParams
	if err := parsePull(req, &p, &p.PullNumber); err != nil {
		return action.Result{}, err
	}
	s, err := x.open(req)
	if err != nil {
		return action.Result{}, err
	}
	inc, err := x.incident(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, err
	}
	pr, err := s.readPR(ctx, p.PullNumber)
	if err != nil {
		return action.Result{}, err
	}
	if pr.GetMerged() {
		return x.result(s, pr, pr.GetMergeCommitSHA(), true)
	}
	if err := x.actionable(s, pr); err != nil {
		return action.Result{}, err
	}
	head := pr.GetHead().GetSHA()
	msg := fmt.Sprintf("Incident %s", inc.ID)
	if inc.Title != "" {
		msg += ": " + inc.Title
	}
	if p.Reason != "" {
		msg += "\n\nReason: " + strings.TrimSpace(p.Reason)
	}
	msg += "\nMerged through WarRoom as approved by " + req.RunAs + "."
	var res *gh.PullRequestMergeResult
	err = s.do(ctx, fmt.Sprintf("merge pull request #%d of %s", p.PullNumber, s.repo), func(ctx context.Context) error {
		var err error
		res, _, err = s.c.gh.PullRequests.Merge(ctx, s.owner, s.name, p.PullNumber, msg,
			&gh.PullRequestOptions{SHA: head, MergeMethod: x.opts.MergeMethod})
		return err
	})
	switch status := statusOf(err); {
	case err == nil:
		return x.result(s, pr, res.GetSHA(), false)
	case status == http.StatusMethodNotAllowed || status == http.StatusConflict:
		// An earlier attempt (or a person) may have merged it meanwhile.
		if again, rerr := s.readPR(ctx, p.PullNumber); rerr == nil && again.GetMerged() {
			return x.result(s, again, again.GetMergeCommitSHA(), true)
		}
		var ae *APIError
		errors.As(err, &ae)
		if status == http.StatusConflict {
			return action.Result{}, refuse("merge_pr: the head of #%d in %s changed after it was read (it was %s): GitHub says %q. Review the new commits and approve the merge again.",
				p.PullNumber, s.repo, shortSHA(head), ae.Message)
		}
		return action.Result{}, refuse("merge_pr: GitHub will not merge #%d in %s: %s", p.PullNumber, s.repo, ae.Message)
	default:
		return action.Result{}, err
	}
}

// Reconcile reports the pull request merged when an earlier attempt merged it.
func (x *MergePR) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	var p mergeParams
	if err := parsePull(req, &p, &p.PullNumber); err != nil {
		return action.Result{}, false, err
	}
	s, err := x.open(req)
	if err != nil {
		return action.Result{}, false, err
	}
	pr, err := s.readPR(ctx, p.PullNumber)
	if err != nil || !pr.GetMerged() {
		return action.Result{}, false, err
	}
	res, err := x.result(s, pr, pr.GetMergeCommitSHA(), true)
	return res, err == nil, err
}

// readPR reads a pull request; a missing one is refused.
func (s *session) readPR(ctx context.Context, n int) (*gh.PullRequest, error) {
	pr, err := s.getPR(ctx, n)
	if errors.Is(err, ErrNotFound) {
		return nil, refuse("no pull request #%d in %s", n, s.repo)
	}
	return pr, err
}

// actionable refuses pull requests merge_pr and approve_pr must not touch.
func (a *actions) actionable(s *session, pr *gh.PullRequest) error {
	switch {
	case pr.GetState() != "open":
		return refuse("pull request #%d in %s is closed", pr.GetNumber(), s.repo)
	case !a.ownPR(pr):
		return refuse("pull request #%d in %s is not one WarRoom opened (head branch %q does not start with %q)",
			pr.GetNumber(), s.repo, pr.GetHead().GetRef(), a.opts.BranchPrefix)
	}
	return nil
}

func (x *MergePR) result(s *session, pr *gh.PullRequest, mergeSHA string, already bool) (action.Result, error) {
	summary := fmt.Sprintf("Merged pull request #%d in %s (%s) as %s: %s", pr.GetNumber(), s.repo, x.opts.MergeMethod, shortSHA(mergeSHA), pr.GetHTMLURL())
	if already {
		summary = fmt.Sprintf("Pull request #%d in %s is merged (as %s): %s", pr.GetNumber(), s.repo, shortSHA(mergeSHA), pr.GetHTMLURL())
	}
	return result(summary, MergeResult{
		Repo: s.repo, PullNumber: pr.GetNumber(), URL: pr.GetHTMLURL(), Method: x.opts.MergeMethod,
		HeadSHA: pr.GetHead().GetSHA(), MergeSHA: mergeSHA, AlreadyMerged: already,
	})
}
