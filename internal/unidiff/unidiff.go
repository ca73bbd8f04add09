// Package unidiff reads, reverses and writes unified diffs of text files in
// the form GitHub gives a commit's files[].patch: hunks only, no file header.
// It is pure text work: the GitHub provider reverses a commit's patches with
// it to revert, and the GitHub fake rebuilds and renders its files with it.
package unidiff

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Hunk is one "@@ -a,b +c,d @@" section of a unified diff.
type Hunk struct {
	// OldStart and NewStart are the 1-based first lines of each side as the
	// header gives them; a side with no lines names the line it follows.
	OldStart, NewStart int
	// OldCount and NewCount are the header's line counts (1 when omitted).
	OldCount, NewCount int
	// Old and New are each side's lines without their prefix, context lines
	// on both sides.
	Old, New []string
}

// OldIndex is the 0-based index of the old side's first line; a side with
// no lines names the line after which it sits.
func (h Hunk) OldIndex() int {
	if len(h.Old) == 0 {
		return h.OldStart
	}
	return max(h.OldStart-1, 0)
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// Parse reads the hunks of a patch such as GitHub's files[].patch. A
// non-blank line before the first hunk or a patch without hunks is an
// error: the text is not such a patch.
func Parse(patch string) ([]Hunk, error) {
	hunks, stray, line := parse(patch)
	if stray > 0 {
		return nil, fmt.Errorf("patch line %d: %q before the first hunk", stray, line)
	}
	if len(hunks) == 0 {
		return nil, fmt.Errorf("patch has no hunks")
	}
	return hunks, nil
}

// Hunks reads the hunks of a patch, skipping whatever comes before the first
// one (a file header such as "--- a/x" and "+++ b/x"); a patch without hunks
// has none.
func Hunks(patch string) []Hunk {
	hunks, _, _ := parse(patch)
	return hunks
}

// parse reads the hunks of patch and reports the first non-blank line before
// the first hunk (1-based, 0 for none). "\ No newline at end of file"
// markers are skipped: a side's lines never carry their newlines.
func parse(patch string) (hunks []Hunk, stray int, strayLine string) {
	for i, line := range strings.Split(patch, "\n") {
		if m := hunkHeader.FindStringSubmatch(line); m != nil {
			h := Hunk{OldCount: 1, NewCount: 1}
			h.OldStart, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				h.OldCount, _ = strconv.Atoi(m[2])
			}
			h.NewStart, _ = strconv.Atoi(m[3])
			if m[4] != "" {
				h.NewCount, _ = strconv.Atoi(m[4])
			}
			hunks = append(hunks, h)
			continue
		}
		if len(hunks) == 0 {
			if stray == 0 && strings.TrimSpace(line) != "" {
				stray, strayLine = i+1, line
			}
			continue
		}
		h := &hunks[len(hunks)-1]
		switch {
		case strings.HasPrefix(line, `\`):
		case strings.HasPrefix(line, "+"):
			h.New = append(h.New, line[1:])
		case strings.HasPrefix(line, "-"):
			h.Old = append(h.Old, line[1:])
		default: // context; an empty line is a context line whose space was trimmed
			ctx := strings.TrimPrefix(line, " ")
			h.Old = append(h.Old, ctx)
			h.New = append(h.New, ctx)
		}
	}
	return hunks, stray, strayLine
}

// Find returns where want occurs in lines at index from or later, nearest to
// index near (the earlier of two equally near), or -1. Every index from on
// is tried, so a hunk's line number only orders the search.
func Find(lines, want []string, near, from int) int {
	match := func(at int) bool {
		if at < from || at < 0 || at+len(want) > len(lines) {
			return false
		}
		for i, w := range want {
			if lines[at+i] != w {
				return false
			}
		}
		return true
	}
	near = min(max(near, 0), len(lines)) // a hunk header cannot send the search far away
	for d := 0; d <= len(lines); d++ {
		if match(near - d) {
			return near - d
		}
		if d > 0 && match(near+d) {
			return near + d
		}
	}
	return -1
}

// Reverse undoes patch on text, the current content of the file it changed,
// as `git apply --reverse` without fuzz: every hunk's new side, context
// included, must still be in the text (at its line or shifted), else later
// changes touched those lines and the revert conflicts. The text keeps its
// trailing newline or its lack of one.
func Reverse(text, patch string) (string, error) {
	hunks, err := Parse(patch)
	if err != nil {
		return "", err
	}
	trailingNL := strings.HasSuffix(text, "\n") || text == ""
	lines := splitLines(text)
	type place struct{ at, n int }
	places := make([]place, len(hunks))
	from, shift := 0, 0
	for i, h := range hunks {
		want := h.NewStart - 1 + shift
		if len(h.New) == 0 {
			want = h.NewStart + shift // an empty side names the line it follows
		}
		at := Find(lines, h.New, want, from)
		if at < 0 {
			return "", fmt.Errorf("hunk %d (@@ +%d @@) no longer matches: later changes touched those lines", i+1, h.NewStart)
		}
		places[i] = place{at, len(h.New)}
		shift = at - (h.NewStart - 1)
		from = at + len(h.New)
	}
	for i := len(hunks) - 1; i >= 0; i-- { // last first, so earlier indexes stay valid
		p := places[i]
		lines = append(append(append([]string{}, lines[:p.at]...), hunks[i].Old...), lines[p.at+p.n:]...)
	}
	if len(lines) == 0 {
		return "", nil
	}
	out := strings.Join(lines, "\n")
	if trailingNL {
		out += "\n"
	}
	return out, nil
}

// splitLines splits text into lines without their newlines.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}
