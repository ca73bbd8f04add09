package github

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// hunk is one "@@ -a,b +c,d @@" section of a unified diff.
type hunk struct {
	oldStart, newStart int
	oldLines, newLines []string // each side with its context lines
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@`)

// parseHunks reads the hunks of a GitHub patch (files[].patch).
func parseHunks(patch string) ([]hunk, error) {
	var out []hunk
	for i, line := range strings.Split(patch, "\n") {
		if m := hunkHeader.FindStringSubmatch(line); m != nil {
			h := hunk{}
			h.oldStart, _ = strconv.Atoi(m[1])
			h.newStart, _ = strconv.Atoi(m[2])
			out = append(out, h)
			continue
		}
		if len(out) == 0 {
			if strings.TrimSpace(line) == "" {
				continue
			}
			return nil, fmt.Errorf("patch line %d: %q before the first hunk", i+1, line)
		}
		h := &out[len(out)-1]
		switch {
		case strings.HasPrefix(line, `\`): // "\ No newline at end of file"
		case strings.HasPrefix(line, "+"):
			h.newLines = append(h.newLines, line[1:])
		case strings.HasPrefix(line, "-"):
			h.oldLines = append(h.oldLines, line[1:])
		default: // context; an empty line is a context line whose space was trimmed
			ctx := strings.TrimPrefix(line, " ")
			h.oldLines = append(h.oldLines, ctx)
			h.newLines = append(h.newLines, ctx)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("patch has no hunks")
	}
	return out, nil
}

// reversePatch undoes a commit's patch on the current text of a file, as
// `git apply --reverse` without fuzz: every hunk's new side, context
// included, must still be in the file (at its line or shifted), else later
// changes touched those lines and the revert conflicts.
func reversePatch(text, patch string) (string, error) {
	hunks, err := parseHunks(patch)
	if err != nil {
		return "", err
	}
	trailingNL := strings.HasSuffix(text, "\n") || text == ""
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		lines = nil
	}
	type place struct{ at, n int }
	places := make([]place, len(hunks))
	from, shift := 0, 0
	for i, h := range hunks {
		want := h.newStart - 1 + shift
		if len(h.newLines) == 0 {
			want = h.newStart + shift // an empty side names the line it follows
		}
		at := findLines(lines, h.newLines, want, from)
		if at < 0 {
			return "", fmt.Errorf("hunk %d (@@ +%d @@) no longer matches: later changes touched those lines", i+1, h.newStart)
		}
		places[i] = place{at, len(h.newLines)}
		shift = at - (h.newStart - 1)
		from = at + len(h.newLines)
	}
	for i := len(hunks) - 1; i >= 0; i-- { // last first, so earlier indexes stay valid
		p := places[i]
		lines = append(append(append([]string{}, lines[:p.at]...), hunks[i].oldLines...), lines[p.at+p.n:]...)
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

// findLines returns where want occurs in lines at or after from, nearest
// to near, or -1.
func findLines(lines, want []string, near, from int) int {
	match := func(at int) bool {
		if at < from || at+len(want) > len(lines) {
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
