package loki

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/warroom/warroom/internal/telemetry"
)

// renderLine is the text of a record as the sandbox stores it: logfmt,
// msg first, then trace_id, then the attributes sorted by key, e.g.
//
//	msg="payment capture timed out" trace_id=4bf9 attempt=3 http.route=/pay
//
// so a line filter finds the message and `| logfmt` recovers every field.
// The level and service are stream labels and stay out of the line.
func renderLine(r telemetry.LogRecord) string {
	var b strings.Builder
	b.WriteString("msg=")
	b.WriteString(logfmtValue(r.Msg))
	if r.TraceID != "" {
		b.WriteString(" trace_id=")
		b.WriteString(logfmtValue(r.TraceID))
	}
	for _, k := range slices.Sorted(maps.Keys(r.Attrs)) {
		b.WriteByte(' ')
		b.WriteString(logfmtKey(k))
		b.WriteByte('=')
		b.WriteString(logfmtValue(attrText(r.Attrs[k])))
	}
	return b.String()
}

// attrText is an attribute value as text: numbers without exponent or
// trailing zeros, anything structured as compact JSON.
func attrText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// logfmtKey keeps a key a logfmt reader can take back: no spaces, equals
// signs or quotes.
func logfmtKey(k string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == '=' || r == '"' {
			return '_'
		}
		return r
	}, k)
}

func logfmtValue(v string) string {
	if v == "" || strings.ContainsAny(v, " =\"\\\t\n") {
		return strconv.Quote(v)
	}
	return v
}

// parseLogfmt reads key=value pairs as Loki's logfmt parser does: a bare
// key has an empty value, values may be double-quoted with escapes.
func parseLogfmt(line string) (map[string]string, error) {
	out := map[string]string{}
	i := 0
	for i < len(line) {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) {
			break
		}
		start := i
		for i < len(line) && line[i] != '=' && line[i] != ' ' {
			if line[i] == '"' {
				return nil, fmt.Errorf("logfmt syntax error at pos %d : unexpected '\"'", i+1)
			}
			i++
		}
		key := line[start:i]
		if i >= len(line) || line[i] == ' ' {
			out[key] = ""
			continue
		}
		i++ // '='
		if i < len(line) && line[i] == '"' {
			end := i + 1
			for end < len(line) && line[end] != '"' {
				if line[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(line) {
				return nil, fmt.Errorf("logfmt syntax error at pos %d : unterminated quoted value", i+1)
			}
			v, err := strconv.Unquote(line[i : end+1])
			if err != nil {
				return nil, fmt.Errorf("logfmt syntax error at pos %d : invalid quoted value", i+1)
			}
			out[key] = v
			i = end + 1
			continue
		}
		start = i
		for i < len(line) && line[i] != ' ' {
			i++
		}
		out[key] = line[start:i]
	}
	return out, nil
}

// parseJSON reads a JSON object line as Loki's json parser does: nested
// objects flatten with "_" between keys, arrays and scalars become text.
func parseJSON(line string) (map[string]string, error) {
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("parse json: %w", err)
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := prefix + k
			if sub, ok := v.(map[string]any); ok {
				walk(key+"_", sub)
				continue
			}
			out[key] = attrText(v)
		}
	}
	walk("", obj)
	return out, nil
}

// sanitizeLabelName makes an extracted key a valid label name, as Loki
// does: other characters become "_", and a leading digit gets a "_".
func sanitizeLabelName(k string) string {
	var b strings.Builder
	for i, r := range k {
		if i == 0 && r >= '0' && r <= '9' {
			b.WriteByte('_')
		}
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
