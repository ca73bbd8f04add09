package github

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/gitobject"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/unidiff"
)

// RevertPR opens a pull request reverting commits of the target repository
// (kind revert_pr, params {"shas": [...], "reason": "..."}, target
// "github:owner/repo") as the approving engineer, with the git data API
// only: no clone, no working tree.
//
// Each reverted file gets its state from before the commit when nothing
// after the commit changed it (or only other reverted commits did). When
// later commits changed the file, the commit's own patch is undone on the
// current text, as `git revert` would; if those later commits touched the
// same lines (the patch's hunks, context included, no longer match) the
// action is refused before anything is written. Files without a patch
// (binary, very large) that changed later are refused at file level.
// Commits are reverted newest first, one revert commit each, on a branch
// named from the idempotency key; the code owners of the reverted files are
// then asked to review.
type RevertPR struct{ *actions }

// NewRevertPR returns the revert_pr executor.
func NewRevertPR(src facts.Source, opts ActionOptions) (*RevertPR, error) {
	a, err := newActions(src, opts)
	if err != nil {
		return nil, err
	}
	return &RevertPR{a}, nil
}

// maxRevertCommits matches the action's schema.
const maxRevertCommits = 10

var fullSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)

type revertParams struct {
	SHAs   []string `json:"shas"`
	Reason string   `json:"reason"`
}

func parseRevert(req action.Request) (revertParams, error) {
	var p revertParams
	if err := decodeParams(req.Action, &p); err != nil {
		return p, err
	}
	var shas []string
	for _, sha := range p.SHAs {
		sha = strings.ToLower(strings.TrimSpace(sha))
		if !fullSHA.MatchString(sha) {
			return p, refuse("revert_pr: %q is not a full 40-hex commit sha", sha)
		}
		if !slices.Contains(shas, sha) {
			shas = append(shas, sha)
		}
	}
	if len(shas) == 0 || len(shas) > maxRevertCommits {
		return p, refuse("revert_pr: want 1 to %d commit shas, got %d", maxRevertCommits, len(shas))
	}
	p.SHAs = shas
	p.Reason = strings.TrimSpace(p.Reason)
	return p, nil
}

// PRResult is the result detail of revert_pr and config_change_pr.
type PRResult struct {
	Repo       string `json:"repo"`
	PullNumber int    `json:"pull_number"`
	URL        string `json:"url"`
	State      string `json:"state"`
	Branch     string `json:"branch"`
	Base       string `json:"base"`
	HeadSHA    string `json:"head_sha"`
	// Reverted are the reverted commits, oldest first (revert_pr).
	Reverted []string `json:"reverted,omitempty"`
	// Path and Change are the edited file and the change (config_change_pr).
	Path   string `json:"path,omitempty"`
	Change string `json:"change,omitempty"`
	// Existing is true when an earlier attempt of the same action had
	// already opened the pull request.
	Existing bool `json:"existing"`
	reviewers
}

func (x *RevertPR) branch(p revertParams, key string) string {
	return x.branchName("revert", shortSHA(p.SHAs[0]), key)
}

// Execute opens the revert pull request, or finishes what an earlier
// attempt of the same action started (branch, pull request, reviewers).
func (x *RevertPR) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	p, err := parseRevert(req)
	if err != nil {
		return action.Result{}, err
	}
	st, err := x.startPR(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	key, s, inc, me := st.key, st.s, st.inc, st.me
	branch := x.branch(p, key)
	commits := make([]Commit, 0, len(p.SHAs))
	for _, sha := range p.SHAs {
		var cm Commit
		err := s.do(ctx, "read commit "+shortSHA(sha), func(ctx context.Context) error {
			var err error
			cm, err = s.c.Commit(ctx, s.repo, sha)
			return err
		})
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				return action.Result{}, refuse("revert_pr: commit %s is not in %s", sha, s.repo)
			}
			return action.Result{}, err
		}
		commits = append(commits, cm)
	}
	// Oldest first for display; the plan orders by ancestry.
	slices.SortStableFunc(commits, func(a, b Commit) int { return a.Date.Compare(b.Date) })

	pr, err := s.findPR(ctx, branch)
	if err != nil {
		return action.Result{}, err
	}
	existing := pr != nil
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
			plan, err := s.planRevert(ctx, base, commits)
			if err != nil {
				return action.Result{}, err
			}
			commits = plan.commits
			sha, err := s.writeRevert(ctx, plan, p.Reason, inc.ID)
			if err != nil {
				return action.Result{}, err
			}
			if _, err := s.createBranch(ctx, branch, sha); err != nil {
				return action.Result{}, err
			}
		}
		pr, err = s.openPR(ctx, branch, base, revertTitle(commits), revertBody(commits, p.Reason, footer("Opened", inc, me, req.RunAs, req)))
		if err != nil {
			return action.Result{}, err
		}
	}
	var paths []string
	for _, cm := range commits {
		for _, f := range cm.Files {
			paths = append(paths, f.Path)
		}
	}
	rv, err := s.requestReviews(ctx, pr, paths)
	if err != nil {
		return action.Result{}, err
	}
	return x.result(s, pr, branch, commits, existing, rv)
}

// Reconcile looks for the pull request of an earlier attempt by its
// deterministic branch. It is done when that pull request exists and its
// reviewers were asked; otherwise Execute finishes the remaining steps.
func (x *RevertPR) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	p, err := parseRevert(req)
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
	var commits []Commit
	for _, sha := range p.SHAs {
		commits = append(commits, Commit{SHA: sha})
	}
	res, err := x.result(s, pr, branch, commits, true, askedOf(pr))
	return res, err == nil, err
}

// reviewsAsked: someone was asked to review, or has reviewed, or the pull
// request is no longer open.
func reviewsAsked(pr *gh.PullRequest) bool {
	return pr.GetState() != "open" || len(pr.RequestedReviewers)+len(pr.RequestedTeams) > 0
}

func askedOf(pr *gh.PullRequest) reviewers {
	var rv reviewers
	for _, u := range pr.RequestedReviewers {
		rv.Requested = append(rv.Requested, "@"+u.GetLogin())
	}
	for _, t := range pr.RequestedTeams {
		rv.Requested = append(rv.Requested, "@"+pr.GetBase().GetRepo().GetOwner().GetLogin()+"/"+t.GetSlug())
	}
	return rv
}

func (x *RevertPR) result(s *session, pr *gh.PullRequest, branch string, commits []Commit, existing bool, rv reviewers) (action.Result, error) {
	var shas, labels []string
	for _, cm := range commits {
		shas = append(shas, cm.SHA)
		label := shortSHA(cm.SHA)
		if subj := cm.Subject(); subj != "" {
			label += fmt.Sprintf(" %q", subj)
		}
		labels = append(labels, label)
	}
	verb := "Opened"
	if existing {
		verb = "Found"
	}
	summary := fmt.Sprintf("%s pull request #%d in %s reverting %s: %s", verb, pr.GetNumber(), s.repo, strings.Join(labels, ", "), pr.GetHTMLURL())
	summary += reviewSummary(rv)
	return result(summary, PRResult{
		Repo: s.repo, PullNumber: pr.GetNumber(), URL: pr.GetHTMLURL(), State: pr.GetState(), Branch: branch,
		Base: pr.GetBase().GetRef(), HeadSHA: pr.GetHead().GetSHA(), Reverted: shas, Existing: existing, reviewers: rv,
	})
}

func reviewSummary(rv reviewers) string {
	var s string
	if len(rv.Requested) > 0 {
		s += "; review requested from " + strings.Join(rv.Requested, ", ")
	}
	for _, sk := range rv.Skipped {
		s += fmt.Sprintf("; %s not requested (%s)", sk.Reviewer, sk.Reason)
	}
	return s
}

func revertTitle(commits []Commit) string {
	if len(commits) == 1 {
		return truncate(fmt.Sprintf("Revert %q", commits[0].Subject()), 200)
	}
	var subj []string
	for _, cm := range commits {
		subj = append(subj, fmt.Sprintf("%q", cm.Subject()))
	}
	return truncate(fmt.Sprintf("Revert %d commits: %s", len(commits), strings.Join(subj, ", ")), 200)
}

func revertBody(commits []Commit, reason, foot string) string {
	var b strings.Builder
	b.WriteString("This reverts:\n")
	for _, cm := range commits {
		fmt.Fprintf(&b, "- %s %q", cm.SHA, cm.Subject())
		if cm.Author != "" {
			fmt.Fprintf(&b, " by %s", cm.Author)
		}
		b.WriteString("\n")
	}
	if reason != "" {
		fmt.Fprintf(&b, "\nReason: %s\n", reason)
	}
	b.WriteString("\n" + foot)
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - 3
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// revertPlan is what a revert will write: one step per commit, newest first.
type revertPlan struct {
	baseHead, baseTree string
	commits            []Commit // oldest first
	steps              []revertStep
	texts              map[string]string // blob sha -> text of blobs to create
}

type revertStep struct {
	commit  Commit
	changes map[string]entry // path -> state after the step (zero = deleted)
}

// planRevert decides every file's reverted state with reads only, so a
// conflict is refused before anything is written.
func (s *session) planRevert(ctx context.Context, base string, commits []Commit) (*revertPlan, error) {
	baseHead, err := s.branchHead(ctx, base)
	if err != nil {
		return nil, err
	}
	if baseHead == "" {
		return nil, refuse("revert_pr: base branch %s of %s does not exist", base, s.repo)
	}
	hc, err := s.gitCommit(ctx, baseHead)
	if err != nil {
		return nil, err
	}
	plan := &revertPlan{baseHead: baseHead, baseTree: hc.GetTree().GetSHA(), texts: map[string]string{}}
	later := map[string][]Commit{} // commit sha -> commits after it on the base branch
	aheadBy := map[string]int{}
	for _, cm := range commits {
		switch {
		case len(cm.Parents) == 0:
			return nil, refuse("revert_pr: %s is the repository's first commit; it cannot be reverted", shortSHA(cm.SHA))
		case len(cm.Parents) > 1:
			return nil, refuse("revert_pr: %s is a merge commit; revert the commits it merged instead", shortSHA(cm.SHA))
		case len(cm.Files) == 0:
			return nil, refuse("revert_pr: %s changes no files", shortSHA(cm.SHA))
		}
		var cmp Comparison
		err := s.do(ctx, "compare "+shortSHA(cm.SHA)+" with "+base, func(ctx context.Context) error {
			var err error
			cmp, err = s.c.Compare(ctx, s.repo, cm.SHA, baseHead)
			return err
		})
		if err != nil {
			return nil, err
		}
		if cmp.Status != "ahead" && cmp.Status != "identical" {
			return nil, refuse("revert_pr: commit %s is not on %s of %s", shortSHA(cm.SHA), base, s.repo)
		}
		later[cm.SHA], aheadBy[cm.SHA] = cmp.Commits, cmp.AheadBy
	}
	// Oldest first: an older commit has more commits after it.
	plan.commits = slices.Clone(commits)
	slices.SortStableFunc(plan.commits, func(a, b Commit) int { return aheadBy[b.SHA] - aheadBy[a.SHA] })

	reverted := map[string]bool{}
	for _, cm := range commits {
		reverted[cm.SHA] = true
	}
	running := map[string]entry{}
	current := func(p string) (entry, error) {
		if e, ok := running[p]; ok {
			return e, nil
		}
		e, err := s.entryAt(ctx, plan.baseTree, p)
		running[p] = e
		return e, err
	}
	initial := map[string]entry{}
	for i := len(plan.commits) - 1; i >= 0; i-- { // newest first
		cm := plan.commits[i]
		parent, err := s.gitCommit(ctx, cm.Parents[0])
		if err != nil {
			return nil, err
		}
		step := revertStep{commit: cm, changes: map[string]entry{}}
		for _, f := range cm.Files {
			paths := []string{f.Path}
			if f.PreviousPath != "" && f.PreviousPath != f.Path {
				paths = append(paths, f.PreviousPath)
			}
			for _, p := range paths {
				after, err := s.entryAt(ctx, cm.Tree, p)
				if err != nil {
					return nil, err
				}
				before, err := s.entryAt(ctx, parent.GetTree().GetSHA(), p)
				if err != nil {
					return nil, err
				}
				cur, err := current(p)
				if err != nil {
					return nil, err
				}
				if _, ok := initial[p]; !ok {
					initial[p] = cur
				}
				var target entry
				switch {
				case cur == after, cur == before:
					// Unchanged since the commit (or already back to before it).
					target = before
				case f.Status == "modified" && f.Patch != "" && cur.exists() && before.exists() && cur.Type == "blob":
					text, ok := plan.texts[cur.SHA]
					if !ok {
						if text, err = s.blobText(ctx, cur.SHA); err != nil {
							return nil, err
						}
					}
					undone, err := unidiff.Reverse(text, f.Patch)
					if err != nil {
						return nil, s.conflict(ctx, cm, p, baseHead, later[cm.SHA], reverted, err.Error())
					}
					sha := gitobject.ID("blob", undone)
					plan.texts[sha] = undone
					target = entry{SHA: sha, Mode: cur.Mode, Type: "blob"}
				default:
					return nil, s.conflict(ctx, cm, p, baseHead, later[cm.SHA], reverted, "the file was changed (or added, removed or renamed) again")
				}
				running[p] = target
				step.changes[p] = target
			}
		}
		plan.steps = append(plan.steps, step)
	}
	changed := false
	for p, e := range initial {
		changed = changed || running[p] != e
	}
	if !changed {
		return nil, refuse("revert_pr: %s already has none of the reverted changes; nothing to revert", base)
	}
	return plan, nil
}

// conflict refuses a revert, naming the later commits that changed path.
func (s *session) conflict(ctx context.Context, cm Commit, path, head string, later []Commit, reverted map[string]bool, why string) error {
	after := map[string]bool{}
	for _, l := range later {
		after[l.SHA] = true
	}
	var names []string
	_ = s.do(ctx, "list the commits that changed "+path, func(ctx context.Context) error {
		list, _, err := s.c.gh.Repositories.ListCommits(ctx, s.owner, s.name, &gh.CommitsListOptions{
			SHA: head, Path: path, ListOptions: gh.ListOptions{PerPage: 20},
		})
		for _, rc := range list {
			if after[rc.GetSHA()] && !reverted[rc.GetSHA()] {
				names = append(names, fmt.Sprintf("%s %q", shortSHA(rc.GetSHA()), Commit{Message: rc.GetCommit().GetMessage()}.Subject()))
			}
		}
		return err
	})
	by := ""
	if len(names) > 0 {
		by = " by " + strings.Join(names, ", ")
	}
	return refuse("revert_pr: refusing to revert %s %q: %s was changed after it%s (%s); revert those commits too or resolve it by hand. Nothing was written.",
		shortSHA(cm.SHA), cm.Subject(), path, by, why)
}

// writeRevert creates the blobs, then one revert commit per reverted
// commit, newest first, on the base branch's head. It returns the last commit.
func (s *session) writeRevert(ctx context.Context, plan *revertPlan, reason, incidentID string) (string, error) {
	created := map[string]bool{}
	for _, st := range plan.steps {
		for _, e := range st.changes {
			text, ok := plan.texts[e.SHA]
			if !ok || created[e.SHA] {
				continue
			}
			sha, err := s.createBlob(ctx, text)
			if err != nil {
				return "", err
			}
			if sha != e.SHA {
				return "", fmt.Errorf("create blob in %s: GitHub stored %s, expected %s", s.repo, sha, e.SHA)
			}
			created[e.SHA] = true
		}
	}
	parent, tree := plan.baseHead, plan.baseTree
	for _, st := range plan.steps {
		msg := fmt.Sprintf("Revert %q\n\nThis reverts commit %s.", st.commit.Subject(), st.commit.SHA)
		if reason != "" {
			msg += "\n\nReason: " + reason
		}
		msg += "\nIncident: " + incidentID
		sha, t, err := s.commitTree(ctx, tree, parent, msg, st.changes)
		if err != nil {
			return "", err
		}
		parent, tree = sha, t
	}
	return parent, nil
}
