package github

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// ErrChange is wrapped by every error of ApplyChange: the change does not
// fit the file (no such key, ambiguous, malformed).
var ErrChange = errors.New("config change does not apply")

// ApplyChange applies the change of a config_change_pr action to text, the
// content of the file at filePath, and returns the new content and a short
// description of the edit. A change is one of two forms:
//
//   - "OLD => NEW" replaces the one occurrence of the text OLD with NEW
//     (either may span lines; OLD must occur exactly once).
//   - "KEY = VALUE" or "KEY: VALUE" (the first '=' or ':' separates) sets
//     the value of a key that exists exactly once; a change never adds a
//     key. KEY is a dotted path, looked up by the file's extension:
//     .yaml/.yml: a mapping key at that nesting ("a.b.c" is c under b
//     under a; a key with dots in its name matches too); VALUE is written
//     as is (YAML syntax), keeping indentation and a trailing comment.
//     .json: an object member at that path; VALUE is written as is when it
//     is a JSON value (30, true, null, "text"), else as a JSON string.
//     Any other file (.properties, .ini, .env, .toml, .conf, .cfg, ...): a
//     "key = value", "key=value" or "key: value" line (optionally "export
//     key=..."), where "section.key" also matches key under [section];
//     VALUE is written as is, keeping the separator and spacing.
//
// Only a scalar value can be set; lists, mappings and multi-line values
// need the OLD => NEW form.
func ApplyChange(filePath, text, change string) (string, string, error) {
	if old, repl, ok := strings.Cut(change, " => "); ok {
		if old == "" {
			return "", "", fmt.Errorf("%w: nothing to replace before \" => \"", ErrChange)
		}
		switch n := strings.Count(text, old); n {
		case 0:
			return "", "", fmt.Errorf("%w: %q does not occur in %s", ErrChange, old, filePath)
		case 1:
			return strings.Replace(text, old, repl, 1), fmt.Sprintf("replace %q with %q", old, repl), nil
		default:
			return "", "", fmt.Errorf("%w: %q occurs %d times in %s; give more of the surrounding text", ErrChange, old, n, filePath)
		}
	}
	i := strings.IndexAny(change, "=:")
	if i < 0 {
		return "", "", fmt.Errorf("%w: %q is neither \"KEY = VALUE\", \"KEY: VALUE\" nor \"OLD => NEW\"", ErrChange, change)
	}
	key, value := strings.TrimSpace(change[:i]), strings.TrimSpace(change[i+1:])
	if !keyRE.MatchString(key) {
		return "", "", fmt.Errorf("%w: %q is not a key (letters, digits, '_', '-', dotted)", ErrChange, key)
	}
	if strings.ContainsAny(value, "\r\n") {
		return "", "", fmt.Errorf("%w: a value must be one line; use OLD => NEW for more", ErrChange)
	}
	var out string
	var err error
	switch strings.ToLower(path.Ext(filePath)) {
	case ".yaml", ".yml":
		out, err = setYAML(text, key, value)
	case ".json":
		out, err = setJSON(text, key, value)
	default:
		out, err = setKeyValue(text, key, value, strings.ToLower(path.Ext(filePath)) != ".properties")
	}
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrChange, filePath, err)
	}
	return out, fmt.Sprintf("set %s to %s", key, value), nil
}

var keyRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.\-]*$`)

// one returns the single match, or an error for none or several.
func one(key string, lines []int) (int, error) {
	switch len(lines) {
	case 0:
		return 0, fmt.Errorf("key %s not found", key)
	case 1:
		return lines[0], nil
	}
	var at []string
	for _, l := range lines {
		at = append(at, fmt.Sprint(l+1))
	}
	return 0, fmt.Errorf("key %s is ambiguous (lines %s)", key, strings.Join(at, ", "))
}

var yamlKeyRE = regexp.MustCompile(`^(\s*)("[^"]*"|'[^']*'|[^\s#'"\-][^:#]*?|-[^\s][^:#]*?)\s*:(\s+|$)`)

// setYAML sets a scalar at a dotted path of a YAML file, line by line.
func setYAML(text, key, value string) (string, error) {
	lines := strings.Split(text, "\n")
	type frame struct {
		indent int
		key    string
	}
	var stack []frame
	var found []int
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if trimmed == "---" || trimmed == "..." {
			stack = nil
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if trimmed == "-" || strings.HasPrefix(trimmed, "- ") {
			stack = append(stack, frame{indent, "[]"}) // keys inside lists are not addressable
			continue
		}
		m := yamlKeyRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		k := strings.Trim(m[2], `"'`)
		var parts []string
		for _, f := range stack {
			parts = append(parts, f.key)
		}
		if strings.Join(append(parts, k), ".") == key {
			found = append(found, i)
		}
		stack = append(stack, frame{indent, k})
	}
	at, err := one(key, found)
	if err != nil {
		return "", err
	}
	line := lines[at]
	m := yamlKeyRE.FindStringSubmatchIndex(line)
	head, rest := line[:m[1]], line[m[1]:]
	switch {
	case strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, ">"):
		return "", fmt.Errorf("key %s has a multi-line value; use OLD => NEW", key)
	case strings.TrimSpace(rest) == "" || strings.HasPrefix(strings.TrimSpace(rest), "#"):
		indent := len(line) - len(strings.TrimLeft(line, " "))
		for _, next := range lines[at+1:] {
			t := strings.TrimSpace(next)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if len(next)-len(strings.TrimLeft(next, " ")) > indent || strings.HasPrefix(t, "- ") {
				return "", fmt.Errorf("key %s is a mapping or a list, not a value", key)
			}
			break
		}
		if !strings.HasSuffix(head, " ") {
			head += " "
		}
	}
	lines[at] = head + value + trailingComment(rest)
	return strings.Join(lines, "\n"), nil
}

// trailingComment returns " # ..." after a value (outside quotes), with its spacing.
func trailingComment(rest string) string {
	inQuote := byte(0)
	for i := 0; i < len(rest); i++ {
		ch := rest[i]
		switch {
		case inQuote != 0:
			if ch == inQuote {
				inQuote = 0
			}
		case ch == '"' || ch == '\'':
			inQuote = ch
		case ch == '#' && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t'):
			j := i
			for j > 0 && (rest[j-1] == ' ' || rest[j-1] == '\t') {
				j--
			}
			if j == 0 {
				return " " + rest[i:] // a comment in place of a value
			}
			return rest[j:]
		}
	}
	return ""
}

// setJSON sets a scalar member at a dotted path, editing the text in place
// so that the file's formatting survives.
func setJSON(text, key, value string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	type span struct{ start, end int }
	var found []span
	var walk func(path []string) error
	walk = func(path []string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		for dec.More() {
			p := path
			if d == '{' {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				p = append(path[:len(path):len(path)], k)
				if strings.Join(p, ".") == key {
					start := int(dec.InputOffset())
					for start < len(text) && (text[start] == ' ' || text[start] == '\t' || text[start] == '\n' || text[start] == '\r' || text[start] == ':') {
						start++
					}
					if err := walk(p); err != nil {
						return err
					}
					if start < len(text) && (text[start] == '{' || text[start] == '[') {
						return fmt.Errorf("key %s is an object or array, not a value", key)
					}
					found = append(found, span{start, int(dec.InputOffset())})
					continue
				}
			} else {
				p = append(path[:len(path):len(path)], "[]")
			}
			if err := walk(p); err != nil {
				return err
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	if err := walk(nil); err != nil {
		return "", fmt.Errorf("not valid JSON: %v", err)
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("key %s not found", key)
	case 1:
	default:
		return "", fmt.Errorf("key %s is ambiguous (%d members)", key, len(found))
	}
	if !json.Valid([]byte(value)) {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // keep <, > and & readable
		_ = enc.Encode(value)
		value = strings.TrimSuffix(b.String(), "\n")
	}
	return text[:found[0].start] + value + text[found[0].end:], nil
}

var (
	sectionRE  = regexp.MustCompile(`^\s*\[+\s*([^\]]+?)\s*\]+\s*(?:[#;].*)?$`)
	keyValueRE = regexp.MustCompile(`^(\s*(?:export\s+)?)([A-Za-z0-9_][A-Za-z0-9_.\-]*)(\s*[=:]\s*)(.*)$`)
)

// setKeyValue sets a "key = value" line of a properties, INI, env or TOML
// file. keepComment keeps a trailing " # ..." or " ; ..." (not in
// .properties files, where '#' inside a value is literal).
func setKeyValue(text, key, value string, keepComment bool) (string, error) {
	lines := strings.Split(text, "\n")
	section := ""
	var found []int
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") || strings.HasPrefix(t, "!") {
			continue
		}
		if m := sectionRE.FindStringSubmatch(line); m != nil {
			section = strings.Trim(m[1], `"`)
			continue
		}
		m := keyValueRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if m[2] == key || (section != "" && section+"."+m[2] == key) {
			found = append(found, i)
		}
	}
	at, err := one(key, found)
	if err != nil {
		return "", err
	}
	m := keyValueRE.FindStringSubmatch(lines[at])
	comment := ""
	if keepComment {
		comment = trailingComment(m[4])
		if c := strings.Index(m[4], " ;"); comment == "" && c >= 0 {
			comment = m[4][c:]
		}
	}
	lines[at] = m[1] + m[2] + m[3] + value + comment
	return strings.Join(lines, "\n"), nil
}
