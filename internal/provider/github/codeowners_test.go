package github

import (
	"slices"
	"testing"
)

func TestParseCodeOwners(t *testing.T) {
	co := ParseCodeOwners("# comment\n\n*.go   @go-team   # trailing comment\n/docs/\\#notes  @scribe\n/apps/github\r\n  \t\n")
	want := []Rule{
		{Pattern: "*.go", Owners: []string{"@go-team"}, Line: 3},
		{Pattern: "/docs/#notes", Owners: []string{"@scribe"}, Line: 4},
		{Pattern: "/apps/github", Owners: []string{}, Line: 5},
	}
	if len(co.Rules) != len(want) {
		t.Fatalf("rules = %+v", co.Rules)
	}
	for i, r := range co.Rules {
		if r.Pattern != want[i].Pattern || r.Line != want[i].Line || !slices.Equal(r.Owners, want[i].Owners) {
			t.Errorf("rule %d = %+v, want %+v", i, r, want[i])
		}
	}
}

func TestOwners(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		path   string
		owners []string
	}{
		{name: "star matches everything", file: "* @all", path: "a/b/c.txt", owners: []string{"@all"}},
		{name: "star matches root file", file: "* @all", path: "README.md", owners: []string{"@all"}},
		{name: "no match", file: "*.go @gophers", path: "web/app.js", owners: nil},
		{name: "empty file", file: "# nothing\n", path: "main.go", owners: nil},
		{name: "extension at any depth", file: "*.go @gophers", path: "internal/psp/retry.go", owners: []string{"@gophers"}},
		{name: "extension at root", file: "*.go @gophers", path: "main.go", owners: []string{"@gophers"}},
		{name: "anchored dir matches below", file: "* @all\n/internal/psp/ @praman @acme/payments", path: "internal/psp/client/http.go", owners: []string{"@praman", "@acme/payments"}},
		{name: "anchored dir direct child", file: "/internal/psp/ @praman", path: "internal/psp/retry.go", owners: []string{"@praman"}},
		{name: "anchored dir not nested elsewhere", file: "/internal/psp/ @praman", path: "vendor/internal/psp/retry.go", owners: nil},
		{name: "dir pattern not a file of that name", file: "/internal/psp/ @praman", path: "internal/psp", owners: nil},
		{name: "unanchored dir anywhere", file: "apps/ @octocat", path: "src/apps/web/index.js", owners: []string{"@octocat"}},
		{name: "leading slash path given", file: "/internal/psp/ @praman", path: "/internal/psp/retry.go", owners: []string{"@praman"}},
		{name: "docs/** everything below", file: "docs/** @writers", path: "docs/guides/setup/intro.md", owners: []string{"@writers"}},
		{name: "docs/** direct child", file: "docs/** @writers", path: "docs/index.md", owners: []string{"@writers"}},
		{name: "docs/** not docs itself", file: "docs/** @writers", path: "docs", owners: nil},
		{name: "docs/** anchored", file: "docs/** @writers", path: "src/docs/a.md", owners: nil},
		{name: "docs/* direct children only", file: "docs/* @writers", path: "docs/build-app/troubleshooting.md", owners: nil},
		{name: "docs/* direct child", file: "docs/* @writers", path: "docs/getting-started.md", owners: []string{"@writers"}},
		{name: "leading **/ any depth", file: "**/logs @octocat", path: "deeply/nested/logs/today.log", owners: []string{"@octocat"}},
		{name: "leading **/ at root", file: "**/logs @octocat", path: "logs/today.log", owners: []string{"@octocat"}},
		{name: "middle ** zero dirs", file: "a/**/b.txt @x", path: "a/b.txt", owners: []string{"@x"}},
		{name: "middle ** many dirs", file: "a/**/b.txt @x", path: "a/1/2/b.txt", owners: []string{"@x"}},
		{name: "single star in middle", file: "/clusters/*/monitoring/ @meichen", path: "clusters/prod-eu/monitoring/rules.yaml", owners: []string{"@meichen"}},
		{name: "single star does not cross slash", file: "/clusters/*/monitoring/ @meichen", path: "clusters/prod/eu/monitoring/rules.yaml", owners: nil},
		{name: "file pattern without slash matches dir too", file: "build @builders", path: "x/build/out.bin", owners: []string{"@builders"}},
		{name: "anchored file", file: "/Makefile @ops", path: "Makefile", owners: []string{"@ops"}},
		{name: "anchored file not nested", file: "/Makefile @ops", path: "sub/Makefile", owners: nil},
		{name: "question mark", file: "v?.txt @q", path: "v1.txt", owners: []string{"@q"}},
		{name: "last match wins", file: "/internal/ @core\n*.go @gophers", path: "internal/psp/retry.go", owners: []string{"@gophers"}},
		{name: "last match wins reversed", file: "*.go @gophers\n/internal/ @core", path: "internal/psp/retry.go", owners: []string{"@core"}},
		{name: "later non-matching lines ignored", file: "* @all\n/internal/psp/ @praman\n/web/ @fe", path: "internal/psp/retry.go", owners: []string{"@praman"}},
		{name: "last match without owners unowns", file: "/apps/ @octocat\n/apps/github", path: "apps/github/main.go", owners: nil},
		{name: "email owner", file: "*.md docs@example.com @writer", path: "README.md", owners: []string{"docs@example.com", "@writer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseCodeOwners(tt.file).Owners(tt.path)
			if !slices.Equal(got, tt.owners) || (got == nil) != (tt.owners == nil) {
				t.Fatalf("Owners(%q) = %#v, want %#v", tt.path, got, tt.owners)
			}
		})
	}
}

func TestOwnersReturnsCopy(t *testing.T) {
	co := ParseCodeOwners("* @a @b")
	got := co.Owners("x")
	got[0] = "@mutated"
	if co.Owners("x")[0] != "@a" {
		t.Fatal("Owners returned internal slice")
	}
	if r, ok := co.Match("x"); !ok || r.Line != 1 {
		t.Fatalf("Match = %+v %v", r, ok)
	}
}
