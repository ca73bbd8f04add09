package github

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// ConfigChangePR opens a pull request that edits one configuration file of
// the target repository (kind config_change_pr, params {"path", "change",
// "reason"}, target "github:owner/repo") as the approving engineer. The
// change is applied by ApplyChange (its doc defines the forms); a missing
// file, a missing or ambiguous key, or a change already in effect is
// refused before anything is written.
type ConfigChangePR struct{ *actions }

// NewConfigChangePR returns the config_change_pr executor.
func NewConfigChangePR(src facts.Source, opts ActionOptions) (*ConfigChangePR, error) {
	a, err := newActions(src, opts)
	if err != nil {
		return nil, err
	}
	return &ConfigChangePR{a}, nil
}

type configParams struct {
	Path   string `json:"path"`
	Change string `json:"change"`
	Reason string `json:"reason"`
}

func parseConfig(req action.Request) (configParams, error) {
	var p configParams
	if err := decodeParams(req.Action, &p); err != nil {
		return p, err
	}
	p.Path = strings.TrimSpace(p.Path)
	clean := path.Clean("/" + p.Path)[1:]
	switch {
	case p.Path == "":
		return p, refuse("config_change_pr: params need the path of the file to change")
	case clean != strings.TrimPrefix(p.Path, "/") || strings.HasPrefix(clean, "../") || clean == "" || clean == ".":
		return p, refuse("config_change_pr: %q is not a clean path inside the repository", p.Path)
	case strings.TrimSpace(p.Change) == "":
		return p, refuse("config_change_pr: params need a change (\"KEY = VALUE\" or \"OLD => NEW\")")
	}
	p.Path = clean
	p.Reason = strings.TrimSpace(p.Reason)
	return p, nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func (x *ConfigChangePR) branch(p configParams, key string) string {
	label := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(path.Base(p.Path)), "-"), "-")
	return x.branchName("config", truncate(label, 30), key)
}

// Execute opens the pull request, or finishes what an earlier attempt of
// the same action started.
func (x *ConfigChangePR) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	p, err := parseConfig(req)
	if err != nil {
		return action.Result{}, err
	}
	st, err := x.startPR(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	key, s, inc, me := st.key, st.s, st.inc, st.me
	branch := x.branch(p, key)
	pr, err := s.findPR(ctx, branch)
	if err != nil {
		return action.Result{}, err
	}
	existing := pr != nil
	title := truncate(fmt.Sprintf("config: %s in %s", p.Change, p.Path), 200)
	if pr == nil {
		base, err := s.defaultBranch(ctx)
		if err != nil {
			return action.Result{}, err
		}
		head, err := s.branchHead(ctx, branch)
		if err != nil {
			return action.Result{}, err
		}
		if head == "" {
			sha, what, err := s.writeChange(ctx, base, p, inc.ID)
			if err != nil {
				return action.Result{}, err
			}
			title = truncate(fmt.Sprintf("config: %s in %s", what, p.Path), 200)
			if _, err := s.createBranch(ctx, branch, sha); err != nil {
				return action.Result{}, err
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "This changes `%s`:\n\n```\n%s\n```\n", p.Path, p.Change)
		if p.Reason != "" {
			fmt.Fprintf(&b, "\nReason: %s\n", p.Reason)
		}
		b.WriteString("\n" + footer("Opened", inc, me, req.RunAs, req))
		if pr, err = s.openPR(ctx, branch, base, title, b.String()); err != nil {
			return action.Result{}, err
		}
	}
	rv, err := s.requestReviews(ctx, pr, []string{p.Path})
	if err != nil {
		return action.Result{}, err
	}
	return x.result(s, p, branch, pr, existing, rv)
}

// writeChange applies the change to the file at the head of base and
// commits it (not yet on any branch).
func (s *session) writeChange(ctx context.Context, base string, p configParams, incidentID string) (sha, what string, err error) {
	baseHead, err := s.branchHead(ctx, base)
	if err != nil {
		return "", "", err
	}
	if baseHead == "" {
		return "", "", refuse("config_change_pr: base branch %s of %s does not exist", base, s.repo)
	}
	hc, err := s.gitCommit(ctx, baseHead)
	if err != nil {
		return "", "", err
	}
	e, err := s.entryAt(ctx, hc.GetTree().GetSHA(), p.Path)
	if err != nil {
		return "", "", err
	}
	if !e.exists() || e.Type != "blob" || e.Mode == "120000" {
		return "", "", refuse("config_change_pr: %s does not exist on %s of %s (a change edits an existing file)", p.Path, base, s.repo)
	}
	text, err := s.blobText(ctx, e.SHA)
	if err != nil {
		return "", "", err
	}
	next, what, err := ApplyChange(p.Path, text, p.Change)
	if err != nil {
		return "", "", refuse("config_change_pr: %v", err)
	}
	if next == text {
		return "", "", refuse("config_change_pr: %s on %s already reads that way; nothing to change", p.Path, base)
	}
	blob, err := s.createBlob(ctx, next)
	if err != nil {
		return "", "", err
	}
	msg := fmt.Sprintf("config: %s in %s", what, p.Path)
	if p.Reason != "" {
		msg += "\n\nReason: " + p.Reason
	}
	msg += "\nIncident: " + incidentID
	sha, _, err = s.commitTree(ctx, hc.GetTree().GetSHA(), baseHead, msg, map[string]entry{p.Path: {SHA: blob, Mode: e.Mode, Type: "blob"}})
	return sha, what, err
}

// Reconcile finds the pull request of an earlier attempt by its branch.
func (x *ConfigChangePR) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	p, err := parseConfig(req)
	if err != nil {
		return action.Result{}, false, err
	}
	key, err := idempotencyKey(req)
	if err != nil {
		return action.Result{}, false, err
	}
	s, err := x.open(req)
	if err != nil {
		return action.Result{}, false, err
	}
	branch := x.branch(p, key)
	pr, err := s.findPR(ctx, branch)
	if err != nil || pr == nil || !reviewsAsked(pr) {
		return action.Result{}, false, err
	}
	res, err := x.result(s, p, branch, pr, true, askedOf(pr))
	return res, err == nil, err
}

func (x *ConfigChangePR) result(s *session, p configParams, branch string, pr *gh.PullRequest, existing bool, rv reviewers) (action.Result, error) {
	verb := "Opened"
	if existing {
		verb = "Found"
	}
	summary := fmt.Sprintf("%s pull request #%d in %s changing %s (%s): %s", verb, pr.GetNumber(), s.repo, p.Path, p.Change, pr.GetHTMLURL())
	return result(summary+reviewSummary(rv), PRResult{
		Repo: s.repo, PullNumber: pr.GetNumber(), URL: pr.GetHTMLURL(), State: pr.GetState(), Branch: branch,
		Base: pr.GetBase().GetRef(), HeadSHA: pr.GetHead().GetSHA(), Path: p.Path, Change: p.Change, Existing: existing, reviewers: rv,
	})
}
