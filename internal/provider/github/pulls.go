package github

// pulls.go: pull requests and their review requests.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v75/github"
)

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
