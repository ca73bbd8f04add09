package github

import (
	"context"
	"fmt"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// ApprovePR submits an approving review of a pull request of the target
// repository (kind approve_pr, params {"pull_number", "body"}) as the
// reviewing engineer, with their own token. The author of a pull request
// cannot approve it: that is refused before GitHub is asked. An approval
// already given by the same engineer is a success, so a retry never
// approves twice.
type ApprovePR struct{ *actions }

// NewApprovePR returns the approve_pr executor.
func NewApprovePR(src facts.Source, opts ActionOptions) (*ApprovePR, error) {
	a, err := newActions(src, opts)
	if err != nil {
		return nil, err
	}
	return &ApprovePR{a}, nil
}

type approveParams struct {
	PullNumber int    `json:"pull_number"`
	Body       string `json:"body"`
}

// ReviewResult is approve_pr's result detail.
type ReviewResult struct {
	Repo            string `json:"repo"`
	PullNumber      int    `json:"pull_number"`
	URL             string `json:"url"`
	ReviewID        int64  `json:"review_id"`
	Reviewer        string `json:"reviewer"`
	CommitID        string `json:"commit_id"`
	AlreadyApproved bool   `json:"already_approved"`
}

// Execute approves the pull request as the engineer whose token it holds.
func (x *ApprovePR) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	var p approveParams
	if err := parsePull(req, &p, &p.PullNumber); err != nil {
		return action.Result{}, err
	}
	s, err := x.open(req)
	if err != nil {
		return action.Result{}, err
	}
	me, err := s.me(ctx)
	if err != nil {
		return action.Result{}, err
	}
	pr, err := s.readPR(ctx, p.PullNumber)
	if err != nil {
		return action.Result{}, err
	}
	if strings.EqualFold(pr.GetUser().GetLogin(), me) {
		return action.Result{}, refuse("approve_pr: @%s opened pull request #%d in %s and cannot approve it; another engineer must review it",
			me, p.PullNumber, s.repo)
	}
	if rv, err := s.approval(ctx, p.PullNumber, me); err != nil || rv != nil {
		if err != nil {
			return action.Result{}, err
		}
		return x.result(s, pr, rv, true)
	}
	if err := x.actionable(s, pr); err != nil {
		return action.Result{}, err
	}
	inc, err := x.incident(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, err
	}
	body := strings.TrimSpace(p.Body)
	if body != "" {
		body += "\n\n"
	}
	body += footer("Submitted", inc, me, req.RunAs, req)
	var rv *gh.PullRequestReview
	err = s.do(ctx, fmt.Sprintf("approve pull request #%d of %s", p.PullNumber, s.repo), func(ctx context.Context) error {
		var err error
		rv, _, err = s.c.gh.PullRequests.CreateReview(ctx, s.owner, s.name, p.PullNumber, &gh.PullRequestReviewRequest{
			CommitID: gh.Ptr(pr.GetHead().GetSHA()), Body: gh.Ptr(body), Event: gh.Ptr("APPROVE"),
		})
		return err
	})
	if err != nil {
		return action.Result{}, err
	}
	return x.result(s, pr, rv, false)
}

// Reconcile finds an approval an earlier attempt submitted.
func (x *ApprovePR) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	var p approveParams
	if err := parsePull(req, &p, &p.PullNumber); err != nil {
		return action.Result{}, false, err
	}
	s, err := x.open(req)
	if err != nil {
		return action.Result{}, false, err
	}
	me, err := s.me(ctx)
	if err != nil {
		return action.Result{}, false, err
	}
	rv, err := s.approval(ctx, p.PullNumber, me)
	if err != nil || rv == nil {
		return action.Result{}, false, err
	}
	pr, err := s.readPR(ctx, p.PullNumber)
	if err != nil {
		return action.Result{}, false, err
	}
	res, err := x.result(s, pr, rv, true)
	return res, err == nil, err
}

// approval returns login's review when their latest deciding review approves.
func (s *session) approval(ctx context.Context, n int, login string) (*gh.PullRequestReview, error) {
	var latest *gh.PullRequestReview
	opts := &gh.ListOptions{PerPage: 100}
	for {
		var page []*gh.PullRequestReview
		var resp *gh.Response
		err := s.do(ctx, fmt.Sprintf("list the reviews of #%d of %s", n, s.repo), func(ctx context.Context) error {
			var err error
			page, resp, err = s.c.gh.PullRequests.ListReviews(ctx, s.owner, s.name, n, opts)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, rv := range page {
			if !strings.EqualFold(rv.GetUser().GetLogin(), login) {
				continue
			}
			switch rv.GetState() {
			case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
				latest = rv
			}
		}
		if resp == nil || resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if latest == nil || latest.GetState() != "APPROVED" {
		return nil, nil
	}
	return latest, nil
}

func (x *ApprovePR) result(s *session, pr *gh.PullRequest, rv *gh.PullRequestReview, already bool) (action.Result, error) {
	verb := "Approved"
	if already {
		verb = "Already approved"
	}
	summary := fmt.Sprintf("%s pull request #%d in %s as @%s: %s", verb, pr.GetNumber(), s.repo, rv.GetUser().GetLogin(), pr.GetHTMLURL())
	return result(summary, ReviewResult{
		Repo: s.repo, PullNumber: pr.GetNumber(), URL: pr.GetHTMLURL(), ReviewID: rv.GetID(),
		Reviewer: rv.GetUser().GetLogin(), CommitID: rv.GetCommitID(), AlreadyApproved: already,
	})
}
