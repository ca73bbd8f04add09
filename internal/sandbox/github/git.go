package github

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/warroom/warroom/internal/gitobject"
	"github.com/warroom/warroom/internal/unidiff"
)

// putBlob stores text and returns its git blob id.
func (rs *repoState) putBlob(text string) string {
	sha := gitobject.ID("blob", text)
	rs.blobs[sha] = text
	return sha
}

// buildTree stores the nested tree objects of a flattened tree and returns
// the root tree's id. Ids are real git ids, so equal trees share an id.
func (rs *repoState) buildTree(flat map[string]leaf) string {
	var entries []treeEntry
	sub := map[string]map[string]leaf{}
	for p, l := range flat {
		dir, rest, nested := strings.Cut(p, "/")
		if !nested {
			entries = append(entries, treeEntry{Name: p, Mode: l.Mode, Type: l.Type, SHA: l.SHA})
			continue
		}
		if sub[dir] == nil {
			sub[dir] = map[string]leaf{}
		}
		sub[dir][rest] = l
	}
	for dir, m := range sub {
		entries = append(entries, treeEntry{Name: dir, Mode: "040000", Type: "tree", SHA: rs.buildTree(m)})
	}
	// Git orders entries by name, a tree's name as if it ended in "/".
	key := func(e treeEntry) string {
		if e.Type == "tree" {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	var b strings.Builder
	for _, e := range entries {
		raw, _ := hex.DecodeString(e.SHA)
		fmt.Fprintf(&b, "%s %s\x00%s", strings.TrimPrefix(e.Mode, "0"), e.Name, raw)
	}
	sha := gitobject.ID("tree", b.String())
	rs.trees[sha] = entries
	return sha
}

// flatten lists every non-tree entry below tree sha by full path.
func (rs *repoState) flatten(sha string) map[string]leaf {
	out := map[string]leaf{}
	var walk func(sha, prefix string)
	walk = func(sha, prefix string) {
		for _, e := range rs.trees[sha] {
			if e.Type == "tree" {
				walk(e.SHA, prefix+e.Name+"/")
				continue
			}
			out[prefix+e.Name] = leaf{Mode: e.Mode, Type: e.Type, SHA: e.SHA}
		}
	}
	walk(sha, "")
	return out
}

// fileAt returns the text of path in commit c.
func (rs *repoState) fileAt(c *gitCommit, path string) (string, bool) {
	l, ok := rs.flatten(c.Tree)[strings.Trim(path, "/")]
	if !ok || l.Type != "blob" {
		return "", false
	}
	text, ok := rs.blobs[l.SHA]
	return text, ok
}

// diffFiles lists the changes from tree a to tree b as GitHub's files[],
// with unified-diff patches, sorted by path.
func (rs *repoState) diffFiles(a, b map[string]leaf) []File {
	paths := map[string]bool{}
	for p := range a {
		paths[p] = true
	}
	for p := range b {
		paths[p] = true
	}
	var out []File
	for p := range paths {
		la, inA := a[p]
		lb, inB := b[p]
		switch {
		case inA && inB && la == lb:
			continue
		case !inA:
			out = append(out, File{Path: p, Status: "added", Patch: unidiff.Diff("", rs.blobs[lb.SHA])})
		case !inB:
			out = append(out, File{Path: p, Status: "removed", Patch: unidiff.Diff(rs.blobs[la.SHA], "")})
		default:
			out = append(out, File{Path: p, Status: "modified", Patch: unidiff.Diff(rs.blobs[la.SHA], rs.blobs[lb.SHA])})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// treeOf returns the flattened tree of commit sha, or an empty tree.
func (rs *repoState) treeOf(sha string) map[string]leaf {
	if c, ok := rs.commits[strings.ToLower(sha)]; ok {
		return rs.flatten(c.Tree)
	}
	return map[string]leaf{}
}

// reconstruct turns scenario commits (newest first, patches only) into
// commits with trees. fixed files exist unchanged in every commit.
//
// A file's texts are rebuilt from its patches, oldest first (see lineage):
// the text before the first patch is unknown, so it starts as blank
// "filler" lines that later hunks fill in with their removed and context
// lines, in every earlier version at once. A scenario history is assumed
// linear per file.
func (rs *repoState) reconstruct(commits []Commit, fixed map[string]string) {
	// A sha listed twice keeps its first (newest-listed) entry.
	seeds := map[string]Commit{}
	var listed []Commit
	for _, c := range commits {
		c.SHA = strings.ToLower(c.SHA)
		if _, dup := seeds[c.SHA]; !dup {
			seeds[c.SHA] = c
			listed = append(listed, c)
		}
	}
	type fileRef struct {
		lin  *lineage
		snap int
	}
	initial := map[string]fileRef{}
	flats := map[string]map[string]fileRef{}
	current := map[string]*lineage{} // path -> its latest lineage
	var order []Commit
	// lineageOf returns the file's lineage, starting one that existed
	// before the first commit (in every commit built so far) when needed.
	lineageOf := func(p string, flat map[string]fileRef) *lineage {
		if lin, ok := current[p]; ok {
			if _, present := flat[p]; present {
				return lin
			}
		}
		lin := &lineage{snaps: [][]seedLine{nil}}
		current[p] = lin
		ref := fileRef{lin, 0}
		initial[p] = ref
		for _, f := range flats {
			if _, taken := f[p]; f != nil && !taken {
				f[p] = ref
			}
		}
		flat[p] = ref
		return lin
	}
	var build func(c Commit)
	build = func(c Commit) {
		if _, ok := flats[c.SHA]; ok {
			return
		}
		flats[c.SHA] = nil // guards against a parent cycle in bad input
		for _, p := range c.Parents {
			if pc, ok := seeds[strings.ToLower(p)]; ok {
				build(pc)
			}
		}
		base := initial
		if len(c.Parents) > 0 {
			if f := flats[strings.ToLower(c.Parents[0])]; f != nil {
				base = f
			}
		}
		flat := make(map[string]fileRef, len(base))
		for p, r := range base {
			flat[p] = r
		}
		for _, f := range c.Files {
			if _, isFixed := fixed[f.Path]; isFixed {
				continue
			}
			placeholder := fmt.Sprintf("%s at %s (content not in the scenario)", f.Path, c.SHA)
			switch f.Status {
			case "removed":
				lineageOf(f.Path, flat).apply(f.Patch, placeholder)
				delete(flat, f.Path)
			case "added":
				lin := &lineage{snaps: [][]seedLine{nil}}
				current[f.Path] = lin
				lin.apply(f.Patch, placeholder)
				flat[f.Path] = fileRef{lin, len(lin.snaps) - 1}
			case "renamed":
				from := f.PreviousPath
				if from == "" {
					from = f.Path
				}
				lin := lineageOf(from, flat)
				delete(flat, from)
				if f.Patch != "" {
					lin.apply(f.Patch, placeholder)
				}
				current[f.Path] = lin
				flat[f.Path] = fileRef{lin, len(lin.snaps) - 1}
			default:
				lin := lineageOf(f.Path, flat)
				lin.apply(f.Patch, placeholder)
				flat[f.Path] = fileRef{lin, len(lin.snaps) - 1}
			}
		}
		flats[c.SHA] = flat
		order = append(order, c)
	}
	for i := len(listed) - 1; i >= 0; i-- {
		build(listed[i])
	}
	// Only now are the texts final: store the trees, oldest first.
	for _, c := range order {
		leaves := map[string]leaf{}
		for p, text := range fixed {
			leaves[p] = leaf{Mode: "100644", Type: "blob", SHA: rs.putBlob(text)}
		}
		for p, r := range flats[c.SHA] {
			leaves[p] = leaf{Mode: "100644", Type: "blob", SHA: rs.putBlob(r.lin.text(r.snap))}
		}
		rs.addCommit(&gitCommit{
			Commit: c, Tree: rs.buildTree(leaves), AuthorName: c.Author,
			AuthorEmail: c.Author + "@users.noreply.github.com", Committer: "web-flow",
		})
	}
}

// seedLine is a line of a reconstructed text: its own text, or (origin >= 0)
// line origin of the file's original text, which may still be filled in.
type seedLine struct {
	text   string
	origin int
}

// lineage is every version of one file of a scenario, oldest first.
type lineage struct {
	base   []string // the original text's lines
	filled []bool   // whether base[i] is known (else a blank filler)
	snaps  [][]seedLine
}

func (l *lineage) line(sl seedLine) string {
	if sl.origin >= 0 {
		return l.base[sl.origin]
	}
	return sl.text
}

func (l *lineage) text(snap int) string {
	lines := make([]string, len(l.snaps[snap]))
	for i, sl := range l.snaps[snap] {
		lines[i] = l.line(sl)
	}
	return joinLines(lines)
}

// pad makes cur (the version being built) at least n lines long with
// fillers, also added at the end of every earlier version so that the diffs
// between versions stay the same.
func (l *lineage) pad(cur []seedLine, n int) []seedLine {
	for len(cur) < n {
		o := len(l.base)
		l.base, l.filled = append(l.base, ""), append(l.filled, false)
		for i := range l.snaps {
			l.snaps[i] = append(l.snaps[i], seedLine{origin: o})
		}
		cur = append(cur, seedLine{origin: o})
	}
	return cur
}

// apply adds the version made by patch: each hunk where its old side
// matches (nearest its line number); else where the old side falls on
// fillers, which it fills in; else by force at its line number (the
// scenario's patches contradict each other there). With no patch the new
// version is the placeholder line.
func (l *lineage) apply(patch, placeholder string) {
	cur := append([]seedLine(nil), l.snaps[len(l.snaps)-1]...)
	if patch == "" {
		if len(cur) == 0 { // a file removed or changed with no patch existed with some text
			l.pad(cur, 1)
			l.base[len(l.base)-1], l.filled[len(l.filled)-1] = placeholder, true
		}
		l.snaps = append(l.snaps, []seedLine{{text: placeholder, origin: -1}})
		return
	}
	delta := 0
	for _, h := range unidiff.Hunks(patch) {
		want := max(h.OldIndex()+delta, 0)
		texts := make([]string, len(cur))
		for i, sl := range cur {
			texts[i] = l.line(sl)
		}
		// Only a match within the text's length of the hunk's line counts:
		// farther off it is likelier a coincidence than the hunk's place,
		// and the hunk goes at its line, on fillers, as below.
		at := unidiff.Find(texts, h.Old, want, max(want-len(texts), 0))
		n := len(h.Old)
		if at < 0 {
			at = want
			cur = l.pad(cur, at+n)
			// Each line must already read right or be a filler to fill in.
			fillable := true
			for k, sl := range cur[at : at+n] {
				fillable = fillable && (l.line(sl) == h.Old[k] || sl.origin >= 0 && !l.filled[sl.origin])
			}
			if fillable {
				for k, sl := range cur[at : at+n] {
					if sl.origin >= 0 && !l.filled[sl.origin] {
						l.base[sl.origin], l.filled[sl.origin] = h.Old[k], true
					}
				}
			}
		}
		next := append([]seedLine(nil), cur[:at]...)
		for _, t := range h.New {
			next = append(next, seedLine{text: t, origin: -1})
		}
		cur = append(next, cur[at+n:]...)
		delta += (at - want) + len(h.New) - n
	}
	l.snaps = append(l.snaps, cur)
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
