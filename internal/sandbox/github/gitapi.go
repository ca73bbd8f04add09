package github

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/gitobject"
)

// Documentation URLs of the write endpoints, as GitHub puts them in error bodies.
const (
	docRefs    = "https://docs.github.com/rest/git/refs"
	docCommits = "https://docs.github.com/rest/git/commits"
	docTrees   = "https://docs.github.com/rest/git/trees"
	docBlobs   = "https://docs.github.com/rest/git/blobs"
	maxBody    = 32 << 20
)

// userDetail is GET /user: the authenticated user.
func (c *reqCtx) userDetail(login string) map[string]any {
	u := c.user(login)
	u["name"] = login
	u["email"] = login + "@users.noreply.github.com"
	return u
}

// decode reads the JSON body into v, answering 400 like GitHub when it is not JSON.
func (c *reqCtx) decode(v any) bool {
	b, err := io.ReadAll(io.LimitReader(c.r.Body, maxBody))
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		writeError(c.w, http.StatusBadRequest, "Problems parsing JSON", "https://docs.github.com/rest")
		return false
	}
	return true
}

func (c *reqCtx) git(rest []string) {
	if len(rest) == 0 {
		c.notFound("")
		return
	}
	m := c.r.Method
	get, post := m == http.MethodGet || m == http.MethodHead, m == http.MethodPost
	tail := strings.Join(rest[1:], "/")
	switch {
	case rest[0] == "ref" && len(rest) > 1 && get:
		c.getRef(tail)
	case rest[0] == "refs" && len(rest) == 1 && post:
		c.createRef()
	case rest[0] == "refs" && len(rest) > 1 && m == http.MethodPatch:
		c.updateRef(tail)
	case rest[0] == "refs" && len(rest) > 1 && m == http.MethodDelete:
		c.deleteRef(tail)
	case rest[0] == "matching-refs" && get:
		c.matchingRefs(tail)
	case rest[0] == "commits" && len(rest) == 1 && post:
		c.createCommit()
	case rest[0] == "commits" && len(rest) == 2 && get:
		c.getGitCommit(rest[1])
	case rest[0] == "trees" && len(rest) == 1 && post:
		c.createTree()
	case rest[0] == "trees" && len(rest) > 1 && get:
		c.getTree(tail)
	case rest[0] == "blobs" && len(rest) == 1 && post:
		c.createBlob()
	case rest[0] == "blobs" && len(rest) == 2 && get:
		c.getBlob(rest[1])
	default:
		c.notFound("")
	}
}

func (c *reqCtx) refJSON(name, sha string) map[string]any {
	return map[string]any{
		"ref":     name,
		"node_id": "REF_" + gitobject.ID("ref", name)[:16],
		"url":     c.repoAPI() + "/git/" + escapePath(name),
		"object":  map[string]any{"type": "commit", "sha": sha, "url": c.repoAPI() + "/git/commits/" + sha},
	}
}

func (c *reqCtx) getRef(ref string) {
	name := "refs/" + strings.TrimPrefix(ref, "refs/")
	sha, ok := c.rs.refs[name]
	if !ok {
		c.notFound("")
		return
	}
	writeJSON(c.w, http.StatusOK, c.refJSON(name, sha))
}

func (c *reqCtx) matchingRefs(prefix string) {
	prefix = "refs/" + strings.TrimPrefix(prefix, "refs/")
	var names []string
	for name := range c.rs.refs {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	start, end := c.paginate(len(names))
	out := make([]map[string]any, 0, end-start)
	for _, n := range names[start:end] {
		out = append(out, c.refJSON(n, c.rs.refs[n]))
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (c *reqCtx) createRef() {
	var body struct {
		Ref string `json:"ref"`
		SHA string `json:"sha"`
	}
	if !c.decode(&body) {
		return
	}
	if !strings.HasPrefix(body.Ref, "refs/") || strings.Count(body.Ref, "/") < 2 || strings.Contains(body.Ref, "..") ||
		strings.HasSuffix(body.Ref, "/") || strings.ContainsAny(body.Ref, " ~^:?*[\\") {
		writeValidation(c.w, "Reference name must start with 'refs/' and have at least two slashes.", docRefs)
		return
	}
	sha := strings.ToLower(body.SHA)
	if _, ok := c.rs.commits[sha]; !ok {
		writeValidation(c.w, "Object does not exist", docRefs)
		return
	}
	if _, exists := c.rs.refs[body.Ref]; exists {
		writeValidation(c.w, "Reference already exists", docRefs)
		return
	}
	c.rs.refs[body.Ref] = sha
	writeJSON(c.w, http.StatusCreated, c.refJSON(body.Ref, sha))
}

func (c *reqCtx) updateRef(ref string) {
	var body struct {
		SHA   string `json:"sha"`
		Force bool   `json:"force"`
	}
	if !c.decode(&body) {
		return
	}
	name := "refs/" + strings.TrimPrefix(ref, "refs/")
	old, ok := c.rs.refs[name]
	if !ok {
		writeValidation(c.w, "Reference does not exist", docRefs)
		return
	}
	next, ok := c.rs.commits[strings.ToLower(body.SHA)]
	if !ok {
		writeValidation(c.w, "Object does not exist", docRefs)
		return
	}
	if !body.Force && !c.rs.isAncestor(c.rs.commits[old], next) {
		writeValidation(c.w, "Update is not a fast forward", docRefs)
		return
	}
	c.rs.refs[name] = next.SHA
	writeJSON(c.w, http.StatusOK, c.refJSON(name, next.SHA))
}

func (c *reqCtx) deleteRef(ref string) {
	name := "refs/" + strings.TrimPrefix(ref, "refs/")
	if _, ok := c.rs.refs[name]; !ok {
		writeValidation(c.w, "Reference does not exist", docRefs)
		return
	}
	delete(c.rs.refs, name)
	c.w.WriteHeader(http.StatusNoContent)
}

type gitPerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Date  string `json:"date,omitempty"`
}

func (c *reqCtx) gitCommitJSON(cm *gitCommit) map[string]any {
	parents := make([]map[string]any, 0, len(cm.Parents))
	for _, p := range cm.Parents {
		p = strings.ToLower(p)
		parents = append(parents, map[string]any{
			"sha": p, "url": c.repoAPI() + "/git/commits/" + p, "html_url": c.repoHTML() + "/commit/" + p,
		})
	}
	person := map[string]any{"name": cm.AuthorName, "email": cm.AuthorEmail, "date": ts(cm.Date)}
	return map[string]any{
		"sha":          cm.SHA,
		"node_id":      "C_" + cm.SHA[:min(len(cm.SHA), 20)],
		"url":          c.repoAPI() + "/git/commits/" + cm.SHA,
		"html_url":     c.repoHTML() + "/commit/" + cm.SHA,
		"author":       person,
		"committer":    person,
		"message":      cm.Message,
		"tree":         map[string]any{"sha": cm.Tree, "url": c.repoAPI() + "/git/trees/" + cm.Tree},
		"parents":      parents,
		"verification": map[string]any{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil, "verified_at": nil},
	}
}

func (c *reqCtx) getGitCommit(sha string) {
	cm, ok := c.rs.commits[strings.ToLower(sha)]
	if !ok {
		c.notFound("")
		return
	}
	writeJSON(c.w, http.StatusOK, c.gitCommitJSON(cm))
}

func (c *reqCtx) createCommit() {
	var body struct {
		Message   *string    `json:"message"`
		Tree      string     `json:"tree"`
		Parents   []string   `json:"parents"`
		Author    *gitPerson `json:"author"`
		Committer *gitPerson `json:"committer"`
	}
	if !c.decode(&body) {
		return
	}
	if body.Message == nil {
		writeValidation(c.w, "", docCommits, map[string]any{"resource": "Commit", "field": "message", "code": "missing_field"})
		return
	}
	tree := strings.ToLower(body.Tree)
	if _, ok := c.rs.trees[tree]; !ok {
		writeValidation(c.w, "Tree SHA does not exist", docCommits)
		return
	}
	for _, p := range body.Parents {
		if _, ok := c.rs.commits[strings.ToLower(p)]; !ok {
			writeValidation(c.w, "Parent SHA does not exist or is not a commit object", docCommits)
			return
		}
	}
	author := gitPerson{Name: c.login, Email: c.login + "@users.noreply.github.com"}
	if body.Author != nil && body.Author.Name != "" && body.Author.Email != "" {
		author = *body.Author
	}
	date := c.s.now().UTC().Truncate(time.Second)
	if body.Author != nil && body.Author.Date != "" {
		if t, err := time.Parse(time.RFC3339, body.Author.Date); err == nil {
			date = t
		}
	}
	cm := c.rs.newCommit(tree, body.Parents, c.login, author.Name, author.Email, *body.Message, date)
	writeJSON(c.w, http.StatusCreated, c.gitCommitJSON(cm))
}

// newCommit stores a commit made through the API (or by a merge), its files
// computed against its first parent.
func (rs *repoState) newCommit(tree string, parents []string, login, name, email, message string, date time.Time) *gitCommit {
	var b strings.Builder
	fmt.Fprintf(&b, "tree %s\n", tree)
	for i, p := range parents {
		parents[i] = strings.ToLower(p)
		fmt.Fprintf(&b, "parent %s\n", parents[i])
	}
	stamp := fmt.Sprintf("%s <%s> %d +0000", name, email, date.Unix())
	fmt.Fprintf(&b, "author %s\ncommitter %s\n\n%s", stamp, stamp, message)
	sha := gitobject.ID("commit", b.String())
	if cm, ok := rs.commits[sha]; ok {
		return cm
	}
	before := map[string]leaf{}
	if len(parents) > 0 {
		before = rs.treeOf(parents[0])
	}
	cm := &gitCommit{
		Commit: Commit{SHA: sha, Parents: parents, Author: login, Date: date, Message: message,
			Files: rs.diffFiles(before, rs.flatten(tree))},
		Tree: tree, AuthorName: name, AuthorEmail: email, Committer: login,
	}
	rs.addCommit(cm)
	return cm
}

// treeOrCommit resolves a tree id, or a commit-ish to its tree.
func (rs *repoState) treeOrCommit(ref string) (string, bool) {
	if _, ok := rs.trees[strings.ToLower(ref)]; ok {
		return strings.ToLower(ref), true
	}
	if cm, ok := rs.resolve(ref); ok {
		return cm.Tree, true
	}
	return "", false
}

func (c *reqCtx) treeJSON(sha string, recursive bool) map[string]any {
	var entries []map[string]any
	var walk func(sha, prefix string)
	walk = func(sha, prefix string) {
		for _, e := range c.rs.trees[sha] {
			ej := map[string]any{"path": prefix + e.Name, "mode": e.Mode, "type": e.Type, "sha": e.SHA}
			switch e.Type {
			case "blob":
				ej["size"] = len(c.rs.blobs[e.SHA])
				ej["url"] = c.repoAPI() + "/git/blobs/" + e.SHA
			case "tree":
				ej["url"] = c.repoAPI() + "/git/trees/" + e.SHA
			}
			entries = append(entries, ej)
			if recursive && e.Type == "tree" {
				walk(e.SHA, prefix+e.Name+"/")
			}
		}
	}
	walk(sha, "")
	if entries == nil {
		entries = []map[string]any{}
	}
	return map[string]any{"sha": sha, "url": c.repoAPI() + "/git/trees/" + sha, "tree": entries, "truncated": false}
}

func (c *reqCtx) getTree(ref string) {
	sha, ok := c.rs.treeOrCommit(ref)
	if !ok {
		c.notFound("")
		return
	}
	_, recursive := c.r.URL.Query()["recursive"]
	writeJSON(c.w, http.StatusOK, c.treeJSON(sha, recursive))
}

var validModes = map[string]string{"100644": "blob", "100755": "blob", "120000": "blob", "040000": "tree", "160000": "commit"}

func (c *reqCtx) createTree() {
	var body struct {
		BaseTree string                       `json:"base_tree"`
		Tree     []map[string]json.RawMessage `json:"tree"`
	}
	if !c.decode(&body) {
		return
	}
	if body.Tree == nil {
		writeValidation(c.w, "Invalid tree info", docTrees)
		return
	}
	flat := map[string]leaf{}
	if body.BaseTree != "" {
		if _, ok := c.rs.trees[strings.ToLower(body.BaseTree)]; !ok {
			writeValidation(c.w, "base_tree is not a valid tree oid", docTrees)
			return
		}
		flat = c.rs.flatten(strings.ToLower(body.BaseTree))
	}
	str := func(m map[string]json.RawMessage, k string) (string, bool, bool) { // value, present, null
		raw, ok := m[k]
		if !ok {
			return "", false, false
		}
		if string(raw) == "null" {
			return "", true, true
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return "", true, true
		}
		return v, true, false
	}
	for i, e := range body.Tree {
		invalid := func(field string) {
			writeValidation(c.w, fmt.Sprintf("Must supply a valid tree.%d.%s", i, field), docTrees)
		}
		p, _, _ := str(e, "path")
		p = strings.Trim(p, "/")
		mode, _, _ := str(e, "mode")
		typ, _, _ := str(e, "type")
		sha, hasSHA, shaNull := str(e, "sha")
		content, hasContent, contentNull := str(e, "content")
		switch {
		case p == "" || strings.Contains(p, "//") || strings.Contains("/"+p+"/", "/../") || strings.Contains("/"+p+"/", "/./"):
			invalid("path")
			return
		case hasContent && !contentNull && hasSHA && !shaNull:
			writeValidation(c.w, fmt.Sprintf("tree.%d: only one of sha or content may be given", i), docTrees)
			return
		case validModes[mode] == "" && !(hasSHA && shaNull):
			invalid("mode")
			return
		case typ != "" && typ != validModes[mode] && !(hasSHA && shaNull):
			invalid("type")
			return
		}
		if typ == "" {
			typ = validModes[mode]
		}
		switch {
		case hasSHA && shaNull: // delete the path (and everything below it)
			delete(flat, p)
			for fp := range flat {
				if strings.HasPrefix(fp, p+"/") {
					delete(flat, fp)
				}
			}
		case hasContent && !contentNull:
			if typ != "blob" {
				invalid("type")
				return
			}
			removeBelow(flat, p)
			flat[p] = leaf{Mode: mode, Type: "blob", SHA: c.rs.putBlob(content)}
		case hasSHA:
			sha = strings.ToLower(sha)
			switch typ {
			case "blob":
				if _, ok := c.rs.blobs[sha]; !ok {
					writeValidation(c.w, fmt.Sprintf("tree.sha %s is not a valid blob", sha), docTrees)
					return
				}
				removeBelow(flat, p)
				flat[p] = leaf{Mode: mode, Type: "blob", SHA: sha}
			case "tree":
				if _, ok := c.rs.trees[sha]; !ok {
					writeValidation(c.w, fmt.Sprintf("tree.sha %s is not a valid tree", sha), docTrees)
					return
				}
				delete(flat, p)
				removeBelow(flat, p)
				for sub, l := range c.rs.flatten(sha) {
					flat[p+"/"+sub] = l
				}
			default:
				flat[p] = leaf{Mode: mode, Type: typ, SHA: sha}
			}
		default:
			invalid("sha")
			return
		}
	}
	writeJSON(c.w, http.StatusCreated, c.treeJSON(c.rs.buildTree(flat), false))
}

// removeBelow deletes every path under directory p (a file replacing a directory).
func removeBelow(flat map[string]leaf, p string) {
	for fp := range flat {
		if strings.HasPrefix(fp, p+"/") {
			delete(flat, fp)
		}
	}
}

func (c *reqCtx) createBlob() {
	var body struct {
		Content  *string `json:"content"`
		Encoding string  `json:"encoding"`
	}
	if !c.decode(&body) {
		return
	}
	if body.Content == nil {
		writeValidation(c.w, "", docBlobs, map[string]any{"resource": "Blob", "field": "content", "code": "missing_field"})
		return
	}
	text := *body.Content
	switch strings.ToLower(body.Encoding) {
	case "", "utf-8", "utf8":
	case "base64":
		b, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(text, "\n", ""))
		if err != nil {
			writeValidation(c.w, "content is not valid Base64", docBlobs)
			return
		}
		text = string(b)
	default:
		writeValidation(c.w, "encoding must be utf-8 or base64", docBlobs)
		return
	}
	sha := c.rs.putBlob(text)
	writeJSON(c.w, http.StatusCreated, map[string]any{"sha": sha, "url": c.repoAPI() + "/git/blobs/" + sha})
}

func (c *reqCtx) getBlob(sha string) {
	sha = strings.ToLower(sha)
	text, ok := c.rs.blobs[sha]
	if !ok {
		c.notFound("")
		return
	}
	if strings.Contains(c.r.Header.Get("Accept"), ".raw") {
		c.w.Header().Set("Content-Type", "application/vnd.github.raw; charset=utf-8")
		c.w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(c.w, text)
		return
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"sha": sha, "node_id": "B_" + sha[:16], "size": len(text), "url": c.repoAPI() + "/git/blobs/" + sha,
		"content": wrapBase64(base64.StdEncoding.EncodeToString([]byte(text))), "encoding": "base64",
	})
}
