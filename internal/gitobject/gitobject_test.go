package gitobject

import "testing"

// The ids below are what `git hash-object` (-t tree for the tree) prints.
func TestID(t *testing.T) {
	tests := []struct {
		kind, content, want string
	}{
		{"blob", "", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"},
		{"blob", "hello\n", "ce013625030ba8dba906f756967f9e9ca394464a"},
		{"tree", "", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"},
	}
	for _, tt := range tests {
		if got := ID(tt.kind, tt.content); got != tt.want {
			t.Errorf("ID(%q, %q) = %s, want %s", tt.kind, tt.content, got, tt.want)
		}
	}
}
