package github

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	docPulls     = "https://docs.github.com/rest/pulls/pulls"
	docReviews   = "https://docs.github.com/rest/pulls/reviews"
	docReviewers = "https://docs.github.com/rest/pulls/review-requests"
	docMerge     = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"
)

// pull is a pull request of the fake.
type pull struct {
	Number         int
	ID             int64
	Title, Body    string
	User           string // author login
	Head, Base     string // branch names
	headSHA        string // frozen when the pull request is closed
	State          string // open | closed
	Draft          bool
	Merged         bool
	MergedBy       string
	MergeCommitSHA string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	ClosedAt       time.Time
	Reviewers      []string // requested users
	Teams          []string // requested team slugs
	Reviews        []*review
}

type review struct {
	ID          int64
	User        string
	Body        string
	State       string // APPROVED | CHANGES_REQUESTED | COMMENTED | PENDING
	CommitID    string
	SubmittedAt time.Time
}

// head is the pull request's head commit sha: the head branch while open.
func (rs *repoState) head(p *pull) string {
	if p.State == "open" {
		if sha, ok := rs.refs[branchRef(p.Head)]; ok {
			return sha
		}
	}
	return p.headSHA
}

// approvals counts users whose latest deciding review approves.
func approvals(p *pull) int {
	latest := map[string]string{}
	for _, r := range p.Reviews {
		if r.State == "APPROVED" || r.State == "CHANGES_REQUESTED" {
			latest[strings.ToLower(r.User)] = r.State
		}
	}
	n := 0
	for _, s := range latest {
		if s == "APPROVED" {
			n++
		}
	}
	return n
}

func (c *reqCtx) pulls(rest []string) {
	m := c.r.Method
	get := m == http.MethodGet || m == http.MethodHead
	if len(rest) == 0 {
		switch m {
		case http.MethodPost:
			c.createPull()
		case http.MethodGet, http.MethodHead:
			c.listPulls()
		default:
			c.notFound("")
		}
		return
	}
	n, err := strconv.Atoi(rest[0])
	if err != nil || n < 1 || n > len(c.rs.pulls) {
		c.notFound("")
		return
	}
	p := c.rs.pulls[n-1]
	sub := strings.Join(rest[1:], "/")
	switch {
	case sub == "" && get:
		writeJSON(c.w, http.StatusOK, c.pullJSON(p))
	case sub == "merge" && get:
		if p.Merged {
			c.w.WriteHeader(http.StatusNoContent)
			return
		}
		c.notFound("")
	case sub == "merge" && m == http.MethodPut:
		c.merge(p)
	case sub == "requested_reviewers" && get:
		writeJSON(c.w, http.StatusOK, map[string]any{"users": c.users(p.Reviewers), "teams": c.teams(p.Teams)})
	case sub == "requested_reviewers" && m == http.MethodPost:
		c.requestReviewers(p)
	case sub == "reviews" && get:
		c.listReviews(p)
	case sub == "reviews" && m == http.MethodPost:
		c.createReview(p)
	default:
		c.notFound("")
	}
}

func (c *reqCtx) users(logins []string) []map[string]any {
	out := make([]map[string]any, 0, len(logins))
	for _, l := range logins {
		out = append(out, c.user(l))
	}
	return out
}

func (c *reqCtx) teams(slugs []string) []map[string]any {
	out := make([]map[string]any, 0, len(slugs))
	for _, s := range slugs {
		out = append(out, map[string]any{"id": stableID("team/" + s), "slug": s, "name": s,
			"url": c.api + "/orgs/" + c.rs.Owner + "/teams/" + s})
	}
	return out
}

func (c *reqCtx) repoMini() map[string]any {
	return map[string]any{
		"id": c.rs.id, "name": c.rs.Name, "full_name": c.rs.Owner + "/" + c.rs.Name, "private": true,
		"owner":          map[string]any{"login": c.rs.Owner, "id": stableID(c.rs.Owner), "type": "Organization"},
		"default_branch": c.rs.DefaultBranch, "html_url": c.repoHTML(), "url": c.repoAPI(),
	}
}

// mergeability is GitHub's mergeable and mergeable_state for an open pull request.
func (c *reqCtx) mergeability(p *pull) (bool, string) {
	base, ok1 := c.rs.resolve(branchRef(p.Base))
	head, ok2 := c.rs.commits[c.rs.head(p)]
	if !ok1 || !ok2 {
		return false, "unknown"
	}
	if _, conflicts := c.rs.mergeTrees(base, head); len(conflicts) > 0 {
		return false, "dirty"
	}
	switch {
	case p.Draft:
		return true, "draft"
	case approvals(p) < c.s.RequireApprovals:
		return true, "blocked"
	}
	return true, "clean"
}

func (c *reqCtx) pullJSON(p *pull) map[string]any {
	self := c.repoAPI() + "/pulls/" + strconv.Itoa(p.Number)
	html := c.repoHTML() + "/pull/" + strconv.Itoa(p.Number)
	side := func(branch, sha string) map[string]any {
		return map[string]any{"label": c.rs.Owner + ":" + branch, "ref": branch, "sha": sha,
			"user": map[string]any{"login": c.rs.Owner, "id": stableID(c.rs.Owner), "type": "Organization"}, "repo": c.repoMini()}
	}
	baseSHA := c.rs.refs[branchRef(p.Base)]
	headSHA := c.rs.head(p)
	commits := 0
	if b, ok := c.rs.commits[baseSHA]; ok {
		if h, ok := c.rs.commits[headSHA]; ok {
			commits = len(c.rs.only(h, b))
		}
	}
	out := map[string]any{
		"id": p.ID, "node_id": "PR_" + strconv.FormatInt(p.ID, 36), "number": p.Number, "state": p.State,
		"locked": false, "title": p.Title, "body": p.Body, "user": c.user(p.User), "draft": p.Draft,
		"created_at": ts(p.CreatedAt), "updated_at": ts(p.UpdatedAt), "closed_at": nil, "merged_at": nil,
		"merge_commit_sha": nil, "merged": p.Merged, "merged_by": nil, "mergeable": nil, "mergeable_state": "unknown",
		"url": self, "html_url": html, "diff_url": html + ".diff", "patch_url": html + ".patch",
		"issue_url": c.repoAPI() + "/issues/" + strconv.Itoa(p.Number), "commits_url": self + "/commits",
		"review_comments_url": self + "/comments", "comments_url": c.repoAPI() + "/issues/" + strconv.Itoa(p.Number) + "/comments",
		"statuses_url": c.repoAPI() + "/statuses/" + headSHA,
		"head":         side(p.Head, headSHA), "base": side(p.Base, baseSHA),
		"requested_reviewers": c.users(p.Reviewers), "requested_teams": c.teams(p.Teams),
		"author_association": "MEMBER", "maintainer_can_modify": false, "comments": 0, "review_comments": 0,
		"commits": commits,
	}
	if p.State == "open" {
		mergeable, state := c.mergeability(p)
		out["mergeable"], out["mergeable_state"], out["rebaseable"] = mergeable, state, mergeable
	}
	if !p.ClosedAt.IsZero() {
		out["closed_at"] = ts(p.ClosedAt)
	}
	if p.Merged {
		out["merged_at"], out["merge_commit_sha"], out["merged_by"] = ts(p.ClosedAt), p.MergeCommitSHA, c.user(p.MergedBy)
	}
	return out
}

// only lists the commits reachable from a but not from b, newest first.
func (rs *repoState) only(a, b *gitCommit) []*gitCommit {
	inB := map[*gitCommit]bool{}
	for _, cm := range rs.ancestors(b) {
		inB[cm] = true
	}
	var out []*gitCommit
	for _, cm := range rs.ancestors(a) {
		if !inB[cm] {
			out = append(out, cm)
		}
	}
	return out
}

func (c *reqCtx) listPulls() {
	q := c.r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	head := q.Get("head")
	if owner, branch, ok := strings.Cut(head, ":"); ok {
		if !strings.EqualFold(owner, c.rs.Owner) {
			writeJSON(c.w, http.StatusOK, []any{})
			return
		}
		head = branch
	}
	var list []*pull
	for i := len(c.rs.pulls) - 1; i >= 0; i-- { // newest first
		p := c.rs.pulls[i]
		if (state != "all" && p.State != state) || (head != "" && p.Head != head) || (q.Get("base") != "" && p.Base != q.Get("base")) {
			continue
		}
		list = append(list, p)
	}
	if q.Get("direction") == "asc" {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Number < list[j].Number })
	}
	start, end := c.paginate(len(list))
	out := make([]map[string]any, 0, end-start)
	for _, p := range list[start:end] {
		out = append(out, c.pullJSON(p))
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (c *reqCtx) createPull() {
	var body struct {
		Title string `json:"title"`
		Head  string `json:"head"`
		Base  string `json:"base"`
		Body  string `json:"body"`
		Draft bool   `json:"draft"`
	}
	if !c.decode(&body) {
		return
	}
	field := func(f, code string) map[string]any {
		return map[string]any{"resource": "PullRequest", "field": f, "code": code}
	}
	head := body.Head
	if owner, branch, ok := strings.Cut(head, ":"); ok {
		if !strings.EqualFold(owner, c.rs.Owner) {
			writeValidation(c.w, "", docPulls, field("head", "invalid"))
			return
		}
		head = branch
	}
	switch {
	case strings.TrimSpace(body.Title) == "":
		writeValidation(c.w, "", docPulls, field("title", "missing_field"))
		return
	case body.Base == "":
		writeValidation(c.w, "", docPulls, field("base", "missing_field"))
		return
	case head == "":
		writeValidation(c.w, "", docPulls, field("head", "missing_field"))
		return
	}
	base, ok := c.rs.commits[c.rs.refs[branchRef(body.Base)]]
	if !ok {
		writeValidation(c.w, "", docPulls, field("base", "invalid"))
		return
	}
	hc, ok := c.rs.commits[c.rs.refs[branchRef(head)]]
	if !ok {
		writeValidation(c.w, "", docPulls, field("head", "invalid"))
		return
	}
	for _, p := range c.rs.pulls {
		if p.State == "open" && p.Head == head && p.Base == body.Base {
			writeValidation(c.w, "", docPulls, map[string]any{"resource": "PullRequest", "code": "custom",
				"message": fmt.Sprintf("A pull request already exists for %s:%s.", c.rs.Owner, head)})
			return
		}
	}
	if len(c.rs.only(hc, base)) == 0 {
		writeValidation(c.w, "", docPulls, map[string]any{"resource": "PullRequest", "code": "custom",
			"message": fmt.Sprintf("No commits between %s and %s", body.Base, head)})
		return
	}
	now := c.s.now().UTC().Truncate(time.Second)
	p := &pull{
		Number: len(c.rs.pulls) + 1, ID: c.rs.newID(), Title: body.Title, Body: body.Body, User: c.login,
		Head: head, Base: body.Base, headSHA: hc.SHA, State: "open", Draft: body.Draft, CreatedAt: now, UpdatedAt: now,
	}
	c.rs.pulls = append(c.rs.pulls, p)
	writeJSON(c.w, http.StatusCreated, c.pullJSON(p))
}

func (c *reqCtx) requestReviewers(p *pull) {
	var body struct {
		Reviewers     []string `json:"reviewers"`
		TeamReviewers []string `json:"team_reviewers"`
	}
	if !c.decode(&body) {
		return
	}
	for _, r := range body.Reviewers {
		if strings.EqualFold(r, p.User) {
			writeValidation(c.w, "Review cannot be requested from pull request author.", docReviewers)
			return
		}
		if c.rs.collab != nil && !c.rs.collab[strings.ToLower(r)] {
			writeValidation(c.w, fmt.Sprintf("Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the %s/%s repository.",
				c.rs.Owner, c.rs.Name), docReviewers)
			return
		}
	}
	add := func(list []string, xs []string) []string {
		for _, x := range xs {
			dup := false
			for _, y := range list {
				dup = dup || strings.EqualFold(x, y)
			}
			if !dup {
				list = append(list, x)
			}
		}
		return list
	}
	p.Reviewers = add(p.Reviewers, body.Reviewers)
	p.Teams = add(p.Teams, body.TeamReviewers)
	p.UpdatedAt = c.s.now().UTC().Truncate(time.Second)
	writeJSON(c.w, http.StatusCreated, c.pullJSON(p))
}

func (c *reqCtx) reviewJSON(p *pull, r *review) map[string]any {
	out := map[string]any{
		"id": r.ID, "node_id": "PRR_" + strconv.FormatInt(r.ID, 36), "user": c.user(r.User), "body": r.Body,
		"state": r.State, "commit_id": r.CommitID, "author_association": "MEMBER",
		"html_url":         c.repoHTML() + "/pull/" + strconv.Itoa(p.Number) + "#pullrequestreview-" + strconv.FormatInt(r.ID, 10),
		"pull_request_url": c.repoAPI() + "/pulls/" + strconv.Itoa(p.Number),
	}
	if r.State != "PENDING" {
		out["submitted_at"] = ts(r.SubmittedAt)
	}
	return out
}

func (c *reqCtx) listReviews(p *pull) {
	var list []*review
	for _, r := range p.Reviews {
		if r.State != "PENDING" || strings.EqualFold(r.User, c.login) {
			list = append(list, r)
		}
	}
	start, end := c.paginate(len(list))
	out := make([]map[string]any, 0, end-start)
	for _, r := range list[start:end] {
		out = append(out, c.reviewJSON(p, r))
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (c *reqCtx) createReview(p *pull) {
	var body struct {
		CommitID string `json:"commit_id"`
		Body     string `json:"body"`
		Event    string `json:"event"`
	}
	if !c.decode(&body) {
		return
	}
	states := map[string]string{"": "PENDING", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED", "COMMENT": "COMMENTED"}
	state, ok := states[body.Event]
	if !ok {
		writeValidation(c.w, "", docReviews, map[string]any{"resource": "PullRequestReview", "field": "event", "code": "invalid"})
		return
	}
	own := strings.EqualFold(c.login, p.User)
	switch {
	case own && state == "APPROVED":
		writeValidation(c.w, "Unprocessable Entity", docReviews, "Can not approve your own pull request")
		return
	case own && state == "CHANGES_REQUESTED":
		writeValidation(c.w, "Unprocessable Entity", docReviews, "Can not request changes on your own pull request")
		return
	case (state == "CHANGES_REQUESTED" || state == "COMMENTED") && strings.TrimSpace(body.Body) == "":
		writeValidation(c.w, "Unprocessable Entity", docReviews, "Body is required for this review event")
		return
	case p.State != "open" && state != "COMMENTED":
		writeValidation(c.w, "Unprocessable Entity", docReviews, "Can not review a closed pull request")
		return
	}
	commit := c.rs.head(p)
	if body.CommitID != "" {
		if _, ok := c.rs.commits[strings.ToLower(body.CommitID)]; !ok {
			writeValidation(c.w, "Unprocessable Entity", docReviews, "Commit id is not part of the pull request")
			return
		}
		commit = strings.ToLower(body.CommitID)
	}
	now := c.s.now().UTC().Truncate(time.Second)
	r := &review{ID: c.rs.newID(), User: c.login, Body: body.Body, State: state, CommitID: commit, SubmittedAt: now}
	p.Reviews = append(p.Reviews, r)
	if state != "PENDING" { // a submitted review fulfils the request
		kept := p.Reviewers[:0]
		for _, u := range p.Reviewers {
			if !strings.EqualFold(u, c.login) {
				kept = append(kept, u)
			}
		}
		p.Reviewers = kept
	}
	p.UpdatedAt = now
	writeJSON(c.w, http.StatusOK, c.reviewJSON(p, r))
}

// mergeTrees merges head into base at file level against their merge base:
// a path changed on both sides to different results is a conflict.
func (rs *repoState) mergeTrees(base, head *gitCommit) (map[string]leaf, []string) {
	b, h := rs.flatten(base.Tree), rs.flatten(head.Tree)
	m := map[string]leaf{}
	if mb := rs.mergeBase(base, head); mb != nil {
		m = rs.flatten(mb.Tree)
	}
	paths := map[string]bool{}
	for _, t := range []map[string]leaf{b, h, m} {
		for p := range t {
			paths[p] = true
		}
	}
	out := map[string]leaf{}
	var conflicts []string
	for p := range paths {
		lb, inB := b[p]
		lh, inH := h[p]
		lm, inM := m[p]
		same := func(l1 leaf, in1 bool, l2 leaf, in2 bool) bool { return in1 == in2 && (!in1 || l1 == l2) }
		switch {
		case same(lh, inH, lm, inM): // head left it alone
			if inB {
				out[p] = lb
			}
		case same(lb, inB, lm, inM) || same(lb, inB, lh, inH): // only head changed it, or both alike
			if inH {
				out[p] = lh
			}
		default:
			conflicts = append(conflicts, p)
		}
	}
	sort.Strings(conflicts)
	return out, conflicts
}

func (c *reqCtx) merge(p *pull) {
	var body struct {
		CommitTitle   string  `json:"commit_title"`
		CommitMessage *string `json:"commit_message"`
		SHA           string  `json:"sha"`
		MergeMethod   string  `json:"merge_method"`
	}
	if !c.decode(&body) {
		return
	}
	method := body.MergeMethod
	if method == "" {
		method = "merge"
	}
	if method != "merge" && method != "squash" && method != "rebase" {
		writeValidation(c.w, "", docMerge, map[string]any{"resource": "PullRequest", "field": "merge_method", "code": "invalid"})
		return
	}
	headSHA := c.rs.head(p)
	if p.State != "open" {
		writeError(c.w, http.StatusMethodNotAllowed, "Pull Request is not mergeable", docMerge)
		return
	}
	if body.SHA != "" && !strings.EqualFold(body.SHA, headSHA) {
		writeError(c.w, http.StatusConflict, "Head branch was modified. Review and try the merge again.", docMerge)
		return
	}
	base, ok1 := c.rs.resolve(branchRef(p.Base))
	head, ok2 := c.rs.commits[headSHA]
	if !ok1 || !ok2 {
		writeError(c.w, http.StatusMethodNotAllowed, "Pull Request is not mergeable", docMerge)
		return
	}
	if n := c.s.RequireApprovals; approvals(p) < n {
		writeError(c.w, http.StatusMethodNotAllowed, fmt.Sprintf("At least %d approving review is required by reviewers with write access.", n), docMerge)
		return
	}
	tree, conflicts := c.rs.mergeTrees(base, head)
	if p.Draft || len(conflicts) > 0 {
		writeError(c.w, http.StatusMethodNotAllowed, "Pull Request is not mergeable", docMerge)
		return
	}
	now := c.s.now().UTC().Truncate(time.Second)
	name, email := c.login, c.login+"@users.noreply.github.com"
	var sha string
	switch method {
	case "merge", "squash":
		title, parents := fmt.Sprintf("Merge pull request #%d from %s/%s", p.Number, c.rs.Owner, p.Head), []string{base.SHA, head.SHA}
		msg := p.Title
		if method == "squash" {
			title, parents, msg = fmt.Sprintf("%s (#%d)", p.Title, p.Number), []string{base.SHA}, ""
		}
		if body.CommitTitle != "" {
			title = body.CommitTitle
		}
		if body.CommitMessage != nil {
			msg = *body.CommitMessage
		}
		if msg != "" {
			title += "\n\n" + msg
		}
		sha = c.rs.newCommit(c.rs.buildTree(tree), parents, c.login, name, email, title, now).SHA
	case "rebase":
		// Replay the head's own commits, oldest first, on the base.
		own := c.rs.only(head, base)
		cur := base
		for i := len(own) - 1; i >= 0; i-- {
			cm := own[i]
			if len(cm.Parents) > 1 {
				writeError(c.w, http.StatusMethodNotAllowed, "This branch can't be rebased", docMerge)
				return
			}
			flat := c.rs.flatten(cur.Tree)
			before, after := c.rs.treeOf(firstParent(cm)), c.rs.flatten(cm.Tree)
			for path := range before {
				if _, kept := after[path]; !kept {
					delete(flat, path)
				}
			}
			for path, l := range after {
				if before[path] != l {
					flat[path] = l
				}
			}
			cur = c.rs.newCommit(c.rs.buildTree(flat), []string{cur.SHA}, cm.Author, cm.AuthorName, cm.AuthorEmail, cm.Message, now)
		}
		sha = cur.SHA
	}
	c.rs.refs[branchRef(p.Base)] = sha
	p.State, p.Merged, p.MergedBy, p.MergeCommitSHA, p.headSHA = "closed", true, c.login, sha, head.SHA
	p.ClosedAt, p.UpdatedAt = now, now
	writeJSON(c.w, http.StatusOK, map[string]any{"sha": sha, "merged": true, "message": "Pull Request successfully merged"})
}

func firstParent(cm *gitCommit) string {
	if len(cm.Parents) == 0 {
		return ""
	}
	return cm.Parents[0]
}
