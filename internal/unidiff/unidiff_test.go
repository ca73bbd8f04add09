package unidiff

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, patch string
		want        []Hunk
		err         string // Parse's error; Hunks skips what comes before the first hunk
	}{
		{name: "counts given", patch: "@@ -3,2 +3,3 @@\n oven: 2\n-flour: 40kg\n+flour: 60kg\n+yeast: 1kg",
			want: []Hunk{{OldStart: 3, OldCount: 2, NewStart: 3, NewCount: 3,
				Old: []string{"oven: 2", "flour: 40kg"}, New: []string{"oven: 2", "flour: 60kg", "yeast: 1kg"}}}},
		{name: "counts omitted are 1", patch: "@@ -7 +7 @@\n-rye\n+spelt",
			want: []Hunk{{OldStart: 7, OldCount: 1, NewStart: 7, NewCount: 1, Old: []string{"rye"}, New: []string{"spelt"}}}},
		{name: "added file", patch: "@@ -0,0 +1,2 @@\n+a\n+b",
			want: []Hunk{{OldStart: 0, OldCount: 0, NewStart: 1, NewCount: 2, New: []string{"a", "b"}}}},
		// GitHub's patches do not end in a newline; one reads as an empty context line.
		{name: "trailing newline", patch: "@@ -1 +1 @@\n-a\n+b\n",
			want: []Hunk{{OldStart: 1, OldCount: 1, NewStart: 1, NewCount: 1, Old: []string{"a", ""}, New: []string{"b", ""}}}},
		{name: "trimmed blank context and no-newline markers", patch: "@@ -1,3 +1,3 @@\n a\n\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file",
			want: []Hunk{{OldStart: 1, OldCount: 3, NewStart: 1, NewCount: 3, Old: []string{"a", "", "b"}, New: []string{"a", "", "B"}}}},
		{name: "two hunks, section heading after the header", patch: "@@ -1,2 +1,2 @@ [bakery]\n-x\n+y\n z\n@@ -9,0 +10 @@\n+w",
			want: []Hunk{
				{OldStart: 1, OldCount: 2, NewStart: 1, NewCount: 2, Old: []string{"x", "z"}, New: []string{"y", "z"}},
				{OldStart: 9, OldCount: 0, NewStart: 10, NewCount: 1, New: []string{"w"}},
			}},
		{name: "blank lines before the first hunk", patch: "\n  \n@@ -1 +1 @@\n-a\n+b",
			want: []Hunk{{OldStart: 1, OldCount: 1, NewStart: 1, NewCount: 1, Old: []string{"a"}, New: []string{"b"}}}},
		{name: "file header", patch: "--- a/menu.txt\n+++ b/menu.txt\n@@ -1 +1 @@\n-a\n+b",
			want: []Hunk{{OldStart: 1, OldCount: 1, NewStart: 1, NewCount: 1, Old: []string{"a"}, New: []string{"b"}}},
			err:  `patch line 1: "--- a/menu.txt" before the first hunk`},
		{name: "not a patch", patch: "rotate the telescope schedule", err: "patch line 1"},
		{name: "empty", patch: "", err: "no hunks"},
		{name: "malformed header", patch: "@@ -a +b @@\n-x", err: "patch line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Hunks(tt.patch); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Hunks = %+v, want %+v", got, tt.want)
			}
			got, err := Parse(tt.patch)
			if !checkErr(t, err, tt.err) {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOldIndex(t *testing.T) {
	tests := []struct {
		h    Hunk
		want int
	}{
		{Hunk{OldStart: 5, Old: []string{"x"}}, 4},
		{Hunk{OldStart: 5}, 5}, // inserted after line 5
		{Hunk{OldStart: 0}, 0},
		{Hunk{OldStart: 0, Old: []string{"x"}}, 0}, // malformed, kept in range
	}
	for _, tt := range tests {
		if got := tt.h.OldIndex(); got != tt.want {
			t.Errorf("%+v: OldIndex = %d, want %d", tt.h, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	lines := strings.Split("dough|proof|bake|cool|dough|proof|bake", "|")
	tests := []struct {
		name              string
		want              []string
		near, from, found int
	}{
		{"at its line", []string{"bake", "cool"}, 2, 0, 2},
		{"shifted down", []string{"bake", "cool"}, 0, 0, 2},
		{"nearest of two", []string{"dough", "proof"}, 3, 0, 4},
		{"earlier of two equally near", []string{"dough", "proof"}, 2, 0, 0},
		{"not before from", []string{"dough", "proof"}, 0, 1, 4},
		{"near past the end", []string{"dough"}, 99, 0, 4},
		{"near before the start", []string{"cool"}, -9, 0, 3},
		{"missing", []string{"bake", "dough"}, 2, 0, -1},
		{"longer than the text", append(append([]string{}, lines...), "x"), 0, 0, -1},
		{"empty side at its place", nil, 3, 0, 3},
		{"empty side at the end", nil, 99, 0, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Find(lines, tt.want, tt.near, tt.from); got != tt.found {
				t.Errorf("Find = %d, want %d", got, tt.found)
			}
		})
	}
}

func TestReverse(t *testing.T) {
	// before --patch--> after; later changes are applied to after.
	before := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	patch := "@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n@@ -8,3 +8,4 @@\n h\n i\n+i2\n j"
	after := "a\nb\nC\nd\ne\nf\ng\nh\ni\ni2\nj\n"
	tests := []struct {
		name, text, patch, want, err string
	}{
		{name: "unchanged since", text: after, want: before},
		{name: "lines added above", text: "x\ny\n" + after, want: "x\ny\n" + before},
		{name: "other lines changed", text: strings.Replace(after, "f\n", "F\n", 1), want: strings.Replace(before, "f\n", "F\n", 1)},
		{name: "same line changed", text: strings.Replace(after, "C\n", "CC\n", 1), err: "hunk 1"},
		{name: "context changed", text: strings.Replace(after, "j\n", "J\n", 1), err: "hunk 2"},
		{name: "no trailing newline kept", text: strings.TrimSuffix(after, "\n"), want: strings.TrimSuffix(before, "\n")},
		{name: "added file", text: "x\n", patch: "@@ -0,0 +1 @@\n+x", want: ""},
		{name: "removed file", text: "", patch: "@@ -1,2 +0,0 @@\n-x\n-y", want: "x\ny\n"},
		{name: "garbage patch", text: after, patch: "not a patch", err: "before the first hunk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.patch
			if p == "" {
				p = patch
			}
			got, err := Reverse(tt.text, p)
			if !checkErr(t, err, tt.err) {
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzReversePatch(f *testing.F) {
	f.Add("a\nb\n", "@@ -1,2 +1,2 @@\n a\n-x\n+b")
	f.Add("", "@@ -0,0 +1 @@\n+a")
	f.Fuzz(func(t *testing.T, text, patch string) {
		_, _ = Reverse(text, patch) // must not panic
	})
}

// checkErr fails the test unless err is nil (want "") or an error containing
// want, and reports whether there is a result to check (no error wanted).
func checkErr(t *testing.T, err error, want string) bool {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Fatalf("err = %v, want one containing %q", err, want)
	}
	return want == ""
}
