package unidiff

import (
	"fmt"
	"strings"
	"testing"
)

// numbered returns n lines "prefix1".."prefixN", newline-terminated.
func numbered(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s%d\n", prefix, i)
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	ten := numbered("shelf ", 10)
	tests := []struct {
		name, a, b, want string
	}{
		{"same", ten, ten, ""},
		{"same lines, newline at the end differs", "a\nb\n", "a\nb", ""},
		{"added file", "", "a\nb\n", "@@ -0,0 +1,2 @@\n+a\n+b"},
		{"removed file", "a\n", "", "@@ -1 +0,0 @@\n-a"},
		{"one line changed, three of context", ten, strings.Replace(ten, "shelf 5\n", "shelf five\n", 1),
			"@@ -2,7 +2,7 @@\n shelf 2\n shelf 3\n shelf 4\n-shelf 5\n+shelf five\n shelf 6\n shelf 7\n shelf 8"},
		{"inserted at the top", ten, "shelf 0\n" + ten, "@@ -1,3 +1,4 @@\n+shelf 0\n shelf 1\n shelf 2\n shelf 3"},
		{"removed at the end", ten, strings.TrimSuffix(ten, "shelf 10\n"), "@@ -7,4 +7,3 @@\n shelf 7\n shelf 8\n shelf 9\n-shelf 10"},
		{"changes six lines apart share a hunk", ten, strings.NewReplacer("shelf 1\n", "x\n", "shelf 8\n", "y\n").Replace(ten),
			"@@ -1,10 +1,10 @@\n-shelf 1\n+x\n shelf 2\n shelf 3\n shelf 4\n shelf 5\n shelf 6\n shelf 7\n-shelf 8\n+y\n shelf 9\n shelf 10"},
		{"changes seven lines apart are two hunks", ten, strings.NewReplacer("shelf 1\n", "x\n", "shelf 9\n", "y\n").Replace(ten),
			"@@ -1,4 +1,4 @@\n-shelf 1\n+x\n shelf 2\n shelf 3\n shelf 4\n@@ -6,5 +6,5 @@\n shelf 6\n shelf 7\n shelf 8\n-shelf 9\n+y\n shelf 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.a, tt.b); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestDiffLargeMiddle covers a middle too large to align line by line: it is
// one replacement, which still reverses.
func TestDiffLargeMiddle(t *testing.T) {
	a := "head\n" + numbered("old ", 1100) + "tail\n"
	b := "head\n" + numbered("new ", 1000) + "tail\n"
	p := Diff(a, b)
	hunks, err := Parse(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(hunks) != 1 || hunks[0].OldCount != 1102 || hunks[0].NewCount != 1002 {
		t.Fatalf("hunks %d, first -%d +%d", len(hunks), hunks[0].OldCount, hunks[0].NewCount)
	}
	checkRoundTrip(t, a, b)
}

func TestDiffRoundTrip(t *testing.T) {
	base := numbered("tray ", 30)
	tests := []struct{ name, a, b string }{
		{"several hunks", base, strings.NewReplacer("tray 2\n", "", "tray 15\n", "tray 15\ntray 15b\n", "tray 29\n", "TRAY 29\n").Replace(base)},
		{"repeated lines", "x\nx\nx\ny\nx\nx\n", "x\nx\ny\nx\nx\nx\nx\n"},
		{"blank lines", "a\n\n\nb\n", "\na\n\nb\n\n"},
		{"everything", "a\nb\n", "c\nd\ne\n"},
		{"to empty", base, ""},
		{"from empty", "", base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, tt.a, tt.b)
			checkRoundTrip(t, tt.b, tt.a)
		})
	}
}

// checkRoundTrip asserts that Diff(a, b) parses with the header counts it
// states and that reversing it on b gives a back.
func checkRoundTrip(t *testing.T, a, b string) {
	t.Helper()
	p := Diff(a, b)
	if p == "" {
		if a != b {
			t.Fatalf("no diff between different texts %q and %q", a, b)
		}
		return
	}
	hunks, err := Parse(p)
	if err != nil {
		t.Fatalf("Diff wrote a patch Parse refuses: %v\n%s", err, p)
	}
	for i, h := range hunks {
		if len(h.Old) != h.OldCount || len(h.New) != h.NewCount {
			t.Fatalf("hunk %d: header -%d +%d, lines -%d +%d\n%s", i+1, h.OldCount, h.NewCount, len(h.Old), len(h.New), p)
		}
	}
	got, err := Reverse(b, p)
	if err != nil {
		t.Fatalf("reverse: %v\n%s", err, p)
	}
	if got != a {
		t.Fatalf("reversed to %q, want %q\n%s", got, a, p)
	}
}

// FuzzDiffReverse checks Diff and Reverse against each other on texts whose
// lines end in a newline (Diff does not mark a missing one).
func FuzzDiffReverse(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n")
	f.Add("", "x\n")
	f.Add("x\nx\nx\n", "x\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if a != "" && !strings.HasSuffix(a, "\n") || b != "" && !strings.HasSuffix(b, "\n") {
			return
		}
		checkRoundTrip(t, a, b)
	})
}
