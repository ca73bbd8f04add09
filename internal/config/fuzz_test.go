package config

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fileKeys are the team file's top-level keys; every validation error
// starts with one of them (the path of the bad value).
var fileKeys = func() []string {
	var keys []string
	t := reflect.TypeFor[File]()
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}()

// checkNamesPath fails unless every error joined in err names where the
// problem is: a parse error (with the line, when YAML knows it) or a key
// path such as team.engineers[0].email.
func checkNamesPath(t *testing.T, err error) {
	t.Helper()
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	if len(errs) == 0 {
		t.Fatalf("error %v joins no errors", err)
	}
	for _, e := range errs {
		msg := e.Error()
		if strings.HasPrefix(msg, "parse: ") {
			continue
		}
		named := false
		for _, k := range fileKeys {
			if rest, ok := strings.CutPrefix(msg, k); ok && rest != "" && strings.ContainsRune(".[:", rune(rest[0])) {
				named = true
				break
			}
		}
		if !named {
			t.Fatalf("error names no key path: %q", msg)
		}
	}
}

// FuzzLoad: the team/policy loader never panics; it either fails with
// errors that each name a path, or returns a file that validates again,
// whose YAML encoding loads back to the same encoding, and whose secrets
// fail to resolve only with errors naming a path.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile("../../examples/team.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("team:\n  engineers:\n    - {id: alice, email: alice@example.com, timezone: Europe/Berlin}\n"))
	f.Add([]byte("team:\n  engineers: [{id: a}, {id: a}]\n  rotations: [{name: p, members: [a, ghost], shift_hours: 0}]\n"))
	f.Add([]byte("policy:\n  tools:\n    merge_pr: {class: open}\n  delegates:\n    nobody: [nobody]\n"))
	f.Add([]byte("waits: {approval_timeout: -1m, reauth_timeout: 90s}\n---\nteam: {}\n"))
	f.Add([]byte("team: &t {engineers: [{id: a}]}\nknown_issues: [{id: ' ', title: x}, {id: KI-1}]\ntypo: 1\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Load(bytes.NewReader(data))
		if err != nil {
			checkNamesPath(t, err)
			return
		}
		if err := file.Validate(); err != nil {
			t.Fatalf("loaded, then does not validate: %v", err)
		}
		out, err := yaml.Marshal(file)
		if err != nil {
			t.Fatalf("loaded file does not encode: %v", err)
		}
		again, err := Load(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("re-encoded file does not load: %v\n%s", err, out)
		}
		out2, err := yaml.Marshal(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable (%v):\n%s\nthen\n%s", err, out, out2)
		}
		if err := again.resolveSecrets(func(string) string { return "" }); err != nil {
			checkNamesPath(t, err)
		}
		if err := file.resolveSecrets(func(string) string { return strings.Repeat("s", 32) }); err != nil {
			checkNamesPath(t, err)
		}
	})
}
