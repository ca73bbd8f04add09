package github

// session.go: one execution's REST session with a repository, as the
// approver, waiting out rate limits within a budget.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/ratelimit"
)

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
	return ratelimit.Sleep(ctx, d)
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
