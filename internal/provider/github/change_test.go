package github

import (
	"errors"
	"strings"
	"testing"
)

func TestApplyChange(t *testing.T) {
	yaml := "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/partner\n    hikari:\n      maximum-pool-size: 20   # tuned\n      connection-timeout: 2000\n  \"quoted.key\": 1\nlist:\n  - name: a\n    size: 1\nempty:\nblock: |\n  text\n"
	tests := []struct {
		name, path, text, change string
		want                     string
		err                      string
	}{
		{"yaml nested", "app.yml", yaml, "spring.datasource.hikari.maximum-pool-size = 30",
			strings.Replace(yaml, "maximum-pool-size: 20   # tuned", "maximum-pool-size: 30   # tuned", 1), ""},
		{"yaml value with a colon", "app.yaml", yaml, "spring.datasource.url: jdbc:postgresql://db2:5432/partner",
			strings.Replace(yaml, "db:5432", "db2:5432", 1), ""},
		{"yaml quoted key", "app.yaml", yaml, "spring.quoted.key = 2", strings.Replace(yaml, `"quoted.key": 1`, `"quoted.key": 2`, 1), ""},
		{"yaml empty value", "app.yaml", yaml, "empty = x", strings.Replace(yaml, "empty:\n", "empty: x\n", 1), ""},
		{"yaml list item not addressable", "app.yaml", yaml, "list.size = 2", "", "not found"},
		{"yaml mapping", "app.yaml", yaml, "spring.datasource = x", "", "mapping"},
		{"yaml block scalar", "app.yaml", yaml, "block = x", "", "multi-line"},
		{"yaml missing", "app.yaml", yaml, "spring.nope = 1", "", "not found"},
		{"yaml ambiguous", "a.yaml", "a: 1\n---\na: 2\n", "a = 3", "", "ambiguous"},
		{"properties", "x.properties", "# c\na.b=1\na.c = 2 # not a comment\n", "a.c = 3", "# c\na.b=1\na.c = 3\n", ""},
		{"ini section", "x.ini", "[db]\nhost = x ; where\n[cache]\nhost = y\n", "db.host = z", "[db]\nhost = z ; where\n[cache]\nhost = y\n", ""},
		{"ini ambiguous bare key", "x.ini", "[db]\nhost = x\n[cache]\nhost = y\n", "host = z", "", "ambiguous"},
		{"env export", ".env", "export MODE=full\nWORKERS=8\n", "MODE=lite", "export MODE=lite\nWORKERS=8\n", ""},
		{"toml", "c.toml", "[server]\nport = 80\n", "server.port = 8080", "[server]\nport = 8080\n", ""},
		{"json number", "c.json", "{\"a\": {\"b\": 1, \"c\": [1, {\"b\": 2}]}}\n", "a.b = 5", "{\"a\": {\"b\": 5, \"c\": [1, {\"b\": 2}]}}\n", ""},
		{"json string", "c.json", "{\n  \"from\": \"a@x\"\n}\n", "from = Brightly <b@x>", "{\n  \"from\": \"Brightly <b@x>\"\n}\n", ""},
		{"json object", "c.json", "{\"a\": {\"b\": 1}}", "a = 1", "", "object"},
		{"json invalid", "c.json", "{", "a = 1", "", "not valid JSON"},
		{"replace", "x.txt", "a\nb\nc\n", "b\nc => B\nC", "a\nB\nC\n", ""},
		{"replace missing", "x.txt", "a\n", "z => y", "", "does not occur"},
		{"replace twice", "x.txt", "a a\n", "a => b", "", "occurs 2 times"},
		{"not a change", "x.txt", "a\n", "just words", "", "neither"},
		{"bad key", "x.txt", "a\n", "a b = c", "", "not a key"},
		{"multi-line value", "x.yaml", "a: 1\n", "a = 1\n2", "", "one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, what, err := ApplyChange(tt.path, tt.text, tt.change)
			if tt.err != "" {
				if !errors.Is(err, ErrChange) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if what == "" {
				t.Error("no description")
			}
		})
	}
}

func FuzzApplyChange(f *testing.F) {
	f.Add("a.yaml", "a:\n  b: 1 # c\n", "a.b = 2")
	f.Add("a.json", `{"a":{"b":[1,2]}}`, "a.b = 3")
	f.Add("a.ini", "[s]\nk = v ; c\n", "s.k = w")
	f.Add("a.txt", "x y z", "y => q")
	f.Fuzz(func(t *testing.T, path, text, change string) {
		out, _, err := ApplyChange(path, text, change)
		if err == nil && !strings.Contains(change, " => ") && out == "" && text != "" {
			t.Errorf("a key change emptied the file")
		}
	})
}
