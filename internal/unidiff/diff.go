package unidiff

import (
	"fmt"
	"strconv"
	"strings"
)

// Diff renders the change from text a to text b as hunks with three lines
// of context, as GitHub's patch field ("" when they are the same). Long
// middles that differ entirely are shown as one replacement instead of a
// line-by-line alignment. A missing newline at the end is not marked.
func Diff(a, b string) string {
	x, y := splitLines(a), splitLines(b)
	ops := diffLines(x, y)
	const ctx = 3
	var out strings.Builder
	// Group the ops into hunks: changes plus up to ctx lines around them.
	i := 0
	for i < len(ops) {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		body := ops[start:end]
		oldStart, newStart := ops[start].x, ops[start].y
		var oldN, newN int
		for _, o := range body {
			if o.kind != '+' {
				oldN++
			}
			if o.kind != '-' {
				newN++
			}
		}
		hs := func(s, n int) string {
			if n == 0 {
				return fmt.Sprintf("%d,0", s)
			}
			if n == 1 {
				return strconv.Itoa(s + 1)
			}
			return fmt.Sprintf("%d,%d", s+1, n)
		}
		if out.Len() > 0 {
			out.WriteByte('\n')
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@", hs(oldStart, oldN), hs(newStart, newN))
		for _, o := range body {
			out.WriteByte('\n')
			out.WriteByte(o.kind)
			out.WriteString(o.text)
		}
		i = end
	}
	return out.String()
}

// lineOp is one line of an alignment: ' ' kept, '-' removed, '+' added; x
// and y are the line's (or the insertion point's) 0-based indexes in each side.
type lineOp struct {
	kind byte
	text string
	x, y int
}

// diffLines aligns x and y: the common prefix and suffix are kept and the
// middle is aligned by longest common subsequence when small enough.
func diffLines(x, y []string) []lineOp {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []lineOp
	for i := 0; i < pre; i++ {
		ops = append(ops, lineOp{' ', x[i], i, i})
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	if len(mx)*len(my) > 1<<20 {
		for i, l := range mx {
			ops = append(ops, lineOp{'-', l, pre + i, pre})
		}
		for j, l := range my {
			ops = append(ops, lineOp{'+', l, pre + len(mx), pre + j})
		}
	} else {
		// lcs[i][j] is the LCS length of mx[i:] and my[j:].
		lcs := make([][]int, len(mx)+1)
		for i := range lcs {
			lcs[i] = make([]int, len(my)+1)
		}
		for i := len(mx) - 1; i >= 0; i-- {
			for j := len(my) - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(mx) || j < len(my) {
			switch {
			case i < len(mx) && j < len(my) && mx[i] == my[j]:
				ops = append(ops, lineOp{' ', mx[i], pre + i, pre + j})
				i, j = i+1, j+1
			case j < len(my) && (i == len(mx) || lcs[i][j+1] > lcs[i+1][j]):
				ops = append(ops, lineOp{'+', my[j], pre + i, pre + j})
				j++
			default:
				ops = append(ops, lineOp{'-', mx[i], pre + i, pre + j})
				i++
			}
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, lineOp{' ', x[len(x)-suf+k], len(x) - suf + k, len(y) - suf + k})
	}
	return ops
}
