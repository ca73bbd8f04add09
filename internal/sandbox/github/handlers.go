package github

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/gitobject"
)

const htmlBase = "https://github.com"

type reqCtx struct {
	w     http.ResponseWriter
	r     *http.Request
	rs    *repoState
	api   string
	login string // the authenticated user
	s     *Server
}

func (c *reqCtx) repoAPI() string { return c.api + "/repos/" + c.rs.Owner + "/" + c.rs.Name }
func (c *reqCtx) repoHTML() string {
	return htmlBase + "/" + c.rs.Owner + "/" + c.rs.Name
}

func (c *reqCtx) notFound(msg string) {
	if msg == "" {
		msg = "Not Found"
	}
	writeError(c.w, http.StatusNotFound, msg, DocNotFound)
}

// paginate applies per_page/page to n items, sets the Link header and returns the slice bounds.
func (c *reqCtx) paginate(n int) (start, end int) {
	q := c.r.URL.Query()
	per := defaultPerPage
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil && v > 0 {
		per = min(v, maxPerPage)
	}
	page := 1
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		page = v
	}
	last := max((n+per-1)/per, 1)
	start = min((page-1)*per, n)
	end = min(start+per, n)

	link := func(p int, rel string) string {
		q2 := c.r.URL.Query()
		q2.Set("page", strconv.Itoa(p))
		if q.Get("per_page") != "" {
			q2.Set("per_page", strconv.Itoa(per))
		}
		scheme := "http"
		if c.r.TLS != nil {
			scheme = "https"
		}
		u := url.URL{Scheme: scheme, Host: c.r.Host, Path: c.r.URL.Path, RawPath: c.r.URL.RawPath, RawQuery: q2.Encode()}
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, link(min(page-1, last), "prev"))
	}
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"))
	}
	if len(links) > 0 {
		c.w.Header().Set("Link", strings.Join(links, ", "))
	}
	return start, end
}

func stableID(s string) int64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return int64(h.Sum32()&0x7fffffff) + 1
}

func (c *reqCtx) user(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return map[string]any{
		"login":      login,
		"id":         stableID(login),
		"node_id":    "U_" + strconv.FormatInt(stableID(login), 36),
		"type":       typ,
		"site_admin": false,
		"url":        c.api + "/users/" + url.PathEscape(login),
		"html_url":   htmlBase + "/" + url.PathEscape(login),
	}
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (c *reqCtx) repo() {
	rs := c.rs
	writeJSON(c.w, http.StatusOK, map[string]any{
		"id":              rs.id,
		"node_id":         "R_" + strconv.FormatInt(rs.id, 36),
		"name":            rs.Name,
		"full_name":       rs.Owner + "/" + rs.Name,
		"owner":           map[string]any{"login": rs.Owner, "id": stableID(rs.Owner), "type": "Organization"},
		"private":         true,
		"default_branch":  rs.DefaultBranch,
		"html_url":        c.repoHTML(),
		"url":             c.repoAPI(),
		"commits_url":     c.repoAPI() + "/commits{/sha}",
		"contents_url":    c.repoAPI() + "/contents/{+path}",
		"deployments_url": c.repoAPI() + "/deployments",
	})
}

// commitJSON renders a commit as the list endpoint does; detail adds stats and files.
func (c *reqCtx) commitJSON(cm *gitCommit, detail bool) map[string]any {
	sha := cm.SHA
	author := map[string]any{"name": cm.AuthorName, "email": cm.AuthorEmail, "date": ts(cm.Date)}
	parents := make([]map[string]any, 0, len(cm.Parents))
	for _, p := range cm.Parents {
		p = strings.ToLower(p)
		parents = append(parents, map[string]any{
			"sha":      p,
			"url":      c.repoAPI() + "/commits/" + p,
			"html_url": c.repoHTML() + "/commit/" + p,
		})
	}
	var authorUser any
	if cm.Author != "" {
		authorUser = c.user(cm.Author)
	}
	out := map[string]any{
		"sha":     sha,
		"node_id": "C_" + sha[:min(len(sha), 20)],
		"commit": map[string]any{
			"author":        author,
			"committer":     author,
			"message":       cm.Message,
			"tree":          map[string]any{"sha": cm.Tree, "url": c.repoAPI() + "/git/trees/" + cm.Tree},
			"url":           c.repoAPI() + "/git/commits/" + sha,
			"comment_count": 0,
			"verification":  map[string]any{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil, "verified_at": nil},
		},
		"url":          c.repoAPI() + "/commits/" + sha,
		"html_url":     c.repoHTML() + "/commit/" + sha,
		"comments_url": c.repoAPI() + "/commits/" + sha + "/comments",
		"author":       authorUser,
		"committer":    c.user(cm.Committer),
		"parents":      parents,
	}
	if detail {
		files, add, del := c.filesJSON(sha, cm.Files, c.rs.flatten(cm.Tree))
		out["stats"] = map[string]any{"additions": add, "deletions": del, "total": add + del}
		out["files"] = files
	}
	return out
}

// filesJSON renders changed files; tree (the commit's, may be nil) gives the blob ids.
func (c *reqCtx) filesJSON(sha string, files []File, tree map[string]leaf) ([]map[string]any, int, int) {
	out := make([]map[string]any, 0, len(files))
	var tadd, tdel int
	for _, f := range files {
		add, del := diffStats(f.Patch)
		tadd += add
		tdel += del
		esc := escapePath(f.Path)
		blob := gitobject.ID("blob", sha+"\x00"+f.Path)
		if l, ok := tree[f.Path]; ok {
			blob = l.SHA
		}
		fj := map[string]any{
			"sha":          blob,
			"filename":     f.Path,
			"status":       f.Status,
			"additions":    add,
			"deletions":    del,
			"changes":      add + del,
			"blob_url":     c.repoHTML() + "/blob/" + sha + "/" + esc,
			"raw_url":      c.repoHTML() + "/raw/" + sha + "/" + esc,
			"contents_url": c.repoAPI() + "/contents/" + esc + "?ref=" + sha,
		}
		if f.Status == "removed" {
			fj["sha"] = strings.Repeat("0", 40)
		}
		if f.Patch != "" {
			fj["patch"] = f.Patch
		}
		if f.PreviousPath != "" {
			fj["previous_filename"] = f.PreviousPath
		}
		out = append(out, fj)
	}
	return out, tadd, tdel
}

func abbrev(sha string) string { return sha[:min(len(sha), 7)] }

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func parseTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid time %q", v)
}

func (c *reqCtx) listCommits() {
	q := c.r.URL.Query()
	ref := q.Get("sha")
	if len(c.rs.commits) == 0 {
		writeError(c.w, http.StatusConflict, "Git Repository is empty.", "https://docs.github.com/rest/commits/commits#list-commits")
		return
	}
	head, ok := c.rs.resolve(ref)
	if !ok {
		c.notFound("")
		return
	}
	since, err1 := parseTime(q.Get("since"))
	until, err2 := parseTime(q.Get("until"))
	if err1 != nil || err2 != nil {
		writeError(c.w, http.StatusUnprocessableEntity, "Validation Failed", "https://docs.github.com/rest/commits/commits#list-commits")
		return
	}
	p, author := q.Get("path"), q.Get("author")
	var list []*gitCommit
	for _, cm := range c.rs.ancestors(head) {
		if !since.IsZero() && cm.Date.Before(since) {
			continue
		}
		if !until.IsZero() && cm.Date.After(until) {
			continue
		}
		if p != "" && !touches(cm.Commit, p) {
			continue
		}
		if author != "" && !strings.EqualFold(author, cm.Author) && !strings.EqualFold(author, cm.AuthorEmail) {
			continue
		}
		list = append(list, cm)
	}
	start, end := c.paginate(len(list))
	out := make([]map[string]any, 0, end-start)
	for _, cm := range list[start:end] {
		out = append(out, c.commitJSON(cm, false))
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (c *reqCtx) getCommit(ref string) {
	cm, ok := c.rs.resolve(ref)
	if !ok {
		c.notFound("")
		return
	}
	accept := c.r.Header.Get("Accept")
	switch {
	case strings.Contains(accept, ".sha"):
		c.w.Header().Set("Content-Type", "application/vnd.github.sha; charset=utf-8")
		c.w.WriteHeader(http.StatusOK)
		_, _ = c.w.Write([]byte(cm.SHA))
		return
	case strings.Contains(accept, ".diff"), strings.Contains(accept, ".patch"):
		c.w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		c.w.WriteHeader(http.StatusOK)
		_, _ = c.w.Write([]byte(rawDiff(cm.Commit, strings.Contains(accept, ".patch"))))
		return
	}
	writeJSON(c.w, http.StatusOK, c.commitJSON(cm, true))
}

// rawDiff renders a commit as `git diff` (or `git format-patch` when asPatch).
func rawDiff(cm Commit, asPatch bool) string {
	var b strings.Builder
	if asPatch {
		fmt.Fprintf(&b, "From %s Mon Sep 17 00:00:00 2001\nFrom: %s <%s@users.noreply.github.com>\nDate: %s\nSubject: [PATCH] %s\n\n---\n\n",
			strings.ToLower(cm.SHA), cm.Author, cm.Author, cm.Date.UTC().Format(time.RFC1123Z), cm.Message)
	}
	for _, f := range cm.Files {
		old, cur := f.Path, f.Path
		if f.PreviousPath != "" {
			old = f.PreviousPath
		}
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", old, cur)
		switch f.Status {
		case "added":
			b.WriteString("new file mode 100644\n--- /dev/null\n")
			fmt.Fprintf(&b, "+++ b/%s\n", cur)
		case "removed":
			b.WriteString("deleted file mode 100644\n")
			fmt.Fprintf(&b, "--- a/%s\n+++ /dev/null\n", old)
		default:
			fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", old, cur)
		}
		if f.Patch != "" {
			b.WriteString(f.Patch)
			if !strings.HasSuffix(f.Patch, "\n") {
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

func (c *reqCtx) compare(basehead string) {
	base, head, ok := strings.Cut(basehead, "...")
	if !ok {
		base, head, ok = strings.Cut(basehead, "..")
	}
	if !ok || base == "" || head == "" {
		c.notFound("")
		return
	}
	strip := func(ref string) string {
		if owner, r, ok := strings.Cut(ref, ":"); ok && strings.EqualFold(owner, c.rs.Owner) {
			return r
		}
		return ref
	}
	bc, ok1 := c.rs.resolve(strip(base))
	hc, ok2 := c.rs.resolve(strip(head))
	if !ok1 || !ok2 {
		c.notFound("")
		return
	}
	inBase, inHead := map[*gitCommit]bool{}, map[*gitCommit]bool{}
	for _, cm := range c.rs.ancestors(bc) {
		inBase[cm] = true
	}
	headAnc := c.rs.ancestors(hc)
	for _, cm := range headAnc {
		inHead[cm] = true
	}
	var ahead []*gitCommit // history order, newest first
	for _, cm := range headAnc {
		if !inBase[cm] {
			ahead = append(ahead, cm)
		}
	}
	behind := 0
	for cm := range inBase {
		if !inHead[cm] {
			behind++
		}
	}
	mergeBase := bc
	for _, cm := range headAnc { // newest common ancestor
		if inBase[cm] {
			mergeBase = cm
			break
		}
	}
	status := "diverged"
	switch {
	case len(ahead) == 0 && behind == 0:
		status = "identical"
	case behind == 0:
		status = "ahead"
	case len(ahead) == 0:
		status = "behind"
	}
	// Commits are chronological (oldest first).
	chrono := make([]*gitCommit, 0, len(ahead))
	for k := len(ahead) - 1; k >= 0; k-- {
		chrono = append(chrono, ahead[k])
	}
	page := chrono
	q := c.r.URL.Query()
	if q.Get("page") != "" || q.Get("per_page") != "" {
		s, e := c.paginate(len(chrono))
		page = chrono[s:e]
	} else if len(page) > 250 {
		page = page[:250]
	}
	commits := make([]map[string]any, 0, len(page))
	for _, cm := range page {
		commits = append(commits, c.commitJSON(cm, false))
	}
	plain := make([]Commit, len(chrono))
	for i, cm := range chrono {
		plain[i] = cm.Commit
	}
	files, _, _ := c.filesJSON(hc.SHA, combineFiles(plain), c.rs.flatten(hc.Tree))
	bsha, hsha := bc.SHA, hc.SHA
	writeJSON(c.w, http.StatusOK, map[string]any{
		"url":               c.repoAPI() + "/compare/" + base + "..." + head,
		"html_url":          c.repoHTML() + "/compare/" + base + "..." + head,
		"permalink_url":     c.repoHTML() + "/compare/" + c.rs.Owner + ":" + abbrev(bsha) + "..." + c.rs.Owner + ":" + abbrev(hsha),
		"diff_url":          c.repoHTML() + "/compare/" + base + "..." + head + ".diff",
		"patch_url":         c.repoHTML() + "/compare/" + base + "..." + head + ".patch",
		"base_commit":       c.commitJSON(bc, false),
		"merge_base_commit": c.commitJSON(mergeBase, false),
		"status":            status,
		"ahead_by":          len(ahead),
		"behind_by":         behind,
		"total_commits":     len(ahead),
		"commits":           commits,
		"files":             files,
	})
}

// combineFiles folds the file changes of commits (oldest first) into one change per path.
func combineFiles(chrono []Commit) []File {
	byPath := map[string]*File{}
	var order []string
	for _, cm := range chrono {
		for _, f := range cm.Files {
			cur, ok := byPath[f.Path]
			if !ok {
				cp := f
				byPath[f.Path] = &cp
				order = append(order, f.Path)
				continue
			}
			switch {
			case cur.Status == "added" && f.Status == "removed":
				cur.Status = "removed" // net effect is still reported as a change
			case cur.Status == "added":
			default:
				cur.Status = f.Status
			}
			if f.Patch != "" {
				if cur.Patch != "" {
					cur.Patch += "\n"
				}
				cur.Patch += f.Patch
			}
		}
	}
	sort.Strings(order)
	out := make([]File, 0, len(order))
	for _, p := range order {
		out = append(out, *byPath[p])
	}
	return out
}

func (c *reqCtx) contents(p string) {
	p = strings.Trim(p, "/")
	ref := c.r.URL.Query().Get("ref")
	cm, ok := c.rs.resolve(ref)
	if !ok {
		if ref != "" {
			c.notFound("No commit found for the ref " + ref)
		} else {
			c.notFound("This repository is empty.")
		}
		return
	}
	if ref == "" {
		ref = c.rs.DefaultBranch
	}
	tree := c.rs.flatten(cm.Tree)
	if l, ok := tree[p]; ok && l.Type == "blob" {
		writeJSON(c.w, http.StatusOK, c.fileJSON(p, c.rs.blobs[l.SHA], ref, true))
		return
	}
	// Directory listing.
	prefix := p + "/"
	if p == "" {
		prefix = ""
	}
	seen := map[string]bool{}
	var entries []map[string]any
	names := make([]string, 0, len(tree))
	for fp := range tree {
		names = append(names, fp)
	}
	sort.Strings(names)
	for _, fp := range names {
		if !strings.HasPrefix(fp, prefix) {
			continue
		}
		rest := strings.TrimPrefix(fp, prefix)
		if dir, _, isDir := strings.Cut(rest, "/"); isDir {
			if !seen[dir] {
				seen[dir] = true
				dp := prefix + dir
				entries = append(entries, map[string]any{
					"type": "dir", "name": dir, "path": dp, "sha": gitobject.ID("tree", dp), "size": 0,
					"url": c.repoAPI() + "/contents/" + escapePath(dp) + "?ref=" + url.QueryEscape(ref), "html_url": c.repoHTML() + "/tree/" + ref + "/" + escapePath(dp),
				})
			}
			continue
		}
		entries = append(entries, c.fileJSON(fp, c.rs.blobs[tree[fp].SHA], ref, false))
	}
	if len(entries) == 0 {
		c.notFound("")
		return
	}
	writeJSON(c.w, http.StatusOK, entries)
}

func (c *reqCtx) fileJSON(p, text, ref string, withContent bool) map[string]any {
	sha := gitobject.ID("blob", text)
	self := c.repoAPI() + "/contents/" + escapePath(p) + "?ref=" + url.QueryEscape(ref)
	html := c.repoHTML() + "/blob/" + ref + "/" + escapePath(p)
	git := c.repoAPI() + "/git/blobs/" + sha
	out := map[string]any{
		"type":         "file",
		"size":         len(text),
		"name":         path.Base(p),
		"path":         p,
		"sha":          sha,
		"url":          self,
		"git_url":      git,
		"html_url":     html,
		"download_url": "https://raw.githubusercontent.com/" + c.rs.Owner + "/" + c.rs.Name + "/" + ref + "/" + escapePath(p),
		"_links":       map[string]any{"self": self, "git": git, "html": html},
	}
	if withContent {
		out["encoding"] = "base64"
		out["content"] = wrapBase64(base64.StdEncoding.EncodeToString([]byte(text)))
	}
	return out
}

// wrapBase64 breaks base64 text into 60-column lines, as GitHub does.
func wrapBase64(s string) string {
	var b strings.Builder
	for len(s) > 60 {
		b.WriteString(s[:60])
		b.WriteByte('\n')
		s = s[60:]
	}
	b.WriteString(s)
	b.WriteByte('\n')
	return b.String()
}

func (c *reqCtx) deploymentJSON(d deployment) map[string]any {
	self := c.repoAPI() + "/deployments/" + strconv.FormatInt(d.ID, 10)
	payload := map[string]any{}
	if d.Service != "" {
		// A monorepo's deploy names the service it shipped in its payload,
		// the convention WarRoom's GitHub client reads.
		payload["service"] = d.Service
	}
	return map[string]any{
		"url":                    self,
		"id":                     d.ID,
		"node_id":                "DE_" + strconv.FormatInt(d.ID, 36),
		"sha":                    strings.ToLower(d.SHA),
		"ref":                    c.rs.DefaultBranch,
		"task":                   "deploy",
		"payload":                payload,
		"original_environment":   d.Environment,
		"environment":            d.Environment,
		"description":            nil,
		"creator":                c.user("github-actions[bot]"),
		"created_at":             ts(d.At),
		"updated_at":             ts(d.At),
		"statuses_url":           self + "/statuses",
		"repository_url":         c.repoAPI(),
		"transient_environment":  false,
		"production_environment": strings.EqualFold(d.Environment, "production"),
	}
}

func (c *reqCtx) listDeployments() {
	q := c.r.URL.Query()
	var list []deployment
	for _, d := range c.rs.deploys {
		if v := q.Get("sha"); v != "" && !strings.EqualFold(v, d.SHA) {
			continue
		}
		if v := q.Get("ref"); v != "" && v != c.rs.DefaultBranch && !strings.EqualFold(v, d.SHA) {
			continue
		}
		if v := q.Get("task"); v != "" && v != "deploy" {
			continue
		}
		if v := q.Get("environment"); v != "" && v != d.Environment {
			continue
		}
		list = append(list, d)
	}
	start, end := c.paginate(len(list))
	out := make([]map[string]any, 0, end-start)
	for _, d := range list[start:end] {
		out = append(out, c.deploymentJSON(d))
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (c *reqCtx) getDeployment(id string) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err == nil {
		for _, d := range c.rs.deploys {
			if d.ID == n {
				writeJSON(c.w, http.StatusOK, c.deploymentJSON(d))
				return
			}
		}
	}
	c.notFound("")
}
