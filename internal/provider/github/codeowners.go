package github

import (
	"path"
	"strings"
)

// CodeOwners is a parsed CODEOWNERS file.
type CodeOwners struct {
	// Path is where the file was found (set by Client.CodeOwners).
	Path  string
	Rules []Rule
}

// Rule is one non-comment line: a pattern and its owners (possibly none,
// which means the matching paths have no owner).
type Rule struct {
	Pattern string
	Owners  []string
	Line    int // 1-based line number
}

// ParseCodeOwners parses CODEOWNERS text. Blank lines and comments (a '#' at
// the start of a line or after whitespace) are skipped; "\#" and "\ " escape.
func ParseCodeOwners(text string) CodeOwners {
	var co CodeOwners
	for i, line := range strings.Split(text, "\n") {
		fields := splitFields(line)
		if len(fields) == 0 {
			continue
		}
		co.Rules = append(co.Rules, Rule{Pattern: fields[0], Owners: fields[1:], Line: i + 1})
	}
	return co
}

// splitFields splits a line on unescaped whitespace, stopping at a comment.
func splitFields(line string) []string {
	var out []string
	var cur strings.Builder
	inField := false
	flush := func() {
		if inField {
			out = append(out, cur.String())
			cur.Reset()
			inField = false
		}
	}
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case ch == '\\' && i+1 < len(line) && (line[i+1] == '#' || line[i+1] == ' ' || line[i+1] == '\t'):
			cur.WriteByte(line[i+1])
			inField = true
			i++
		case ch == '#' && !inField:
			flush()
			return out
		case ch == ' ' || ch == '\t' || ch == '\r':
			flush()
		default:
			cur.WriteByte(ch)
			inField = true
		}
	}
	flush()
	return out
}

// Owners returns the owners of path under GitHub's rule: the last matching
// pattern wins. It returns nil when no pattern matches or the last matching
// pattern lists no owners.
func (c CodeOwners) Owners(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i := len(c.Rules) - 1; i >= 0; i-- {
		if matchPattern(c.Rules[i].Pattern, segs) {
			if len(c.Rules[i].Owners) == 0 {
				return nil
			}
			return append([]string(nil), c.Rules[i].Owners...)
		}
	}
	return nil
}

// Match returns the last rule matching path and whether there was one.
func (c CodeOwners) Match(p string) (Rule, bool) {
	p = strings.Trim(p, "/")
	if p == "" {
		return Rule{}, false
	}
	segs := strings.Split(p, "/")
	for i := len(c.Rules) - 1; i >= 0; i-- {
		if matchPattern(c.Rules[i].Pattern, segs) {
			return c.Rules[i], true
		}
	}
	return Rule{}, false
}

// matchPattern implements CODEOWNERS' gitignore-style matching of a file path
// (given as segments):
//   - a leading "/" or a "/" in the middle anchors the pattern at the root;
//     otherwise it may match at any depth;
//   - a trailing "/" matches only directories, i.e. everything below them;
//   - a pattern matching a directory covers everything below it, except that
//     a final "*" segment ("docs/*") matches direct children only;
//   - "*" and "?" do not cross "/"; "**/" matches zero or more directories,
//     a final "/**" everything below.
func matchPattern(pattern string, file []string) bool {
	dirOnly := strings.HasSuffix(pattern, "/")
	trimmed := strings.TrimSuffix(pattern, "/")
	anchored := strings.Contains(trimmed, "/")
	trimmed = strings.TrimPrefix(trimmed, "/")
	if trimmed == "" {
		return false
	}
	pat := strings.Split(trimmed, "/")
	// "docs/*" matches files directly in docs only (GitHub's documented deviation from gitignore).
	prefixOK := !(len(pat) > 1 && pat[len(pat)-1] == "*")

	starts := len(file)
	if anchored {
		starts = 1
	}
	for start := 0; start < starts; start++ {
		for end := start + 1; end <= len(file); end++ {
			isFile := end == len(file)
			if isFile && dirOnly {
				continue
			}
			if !isFile && !prefixOK {
				continue
			}
			if matchSegments(pat, file[start:end]) {
				return true
			}
		}
	}
	return false
}

func matchSegments(pat, segs []string) bool {
	if len(pat) == 0 {
		return len(segs) == 0
	}
	if pat[0] == "**" {
		if len(pat) == 1 {
			return len(segs) > 0 // trailing "**": everything inside
		}
		for i := 0; i <= len(segs); i++ {
			if matchSegments(pat[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	ok, err := path.Match(pat[0], segs[0])
	return err == nil && ok && matchSegments(pat[1:], segs[1:])
}
