package webhook

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/warroom/warroom/internal/incident"
)

// malformed returns an error wrapping ErrMalformed; the message says what is
// wrong, starting with the path of the offending field.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// fieldPath joins a parent path ("alerts[2]") and a field name ("labels").
func fieldPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// jsonObject is one decoded JSON object with its members still raw, so each
// field can be checked with an error that names it.
type jsonObject map[string]json.RawMessage

// decodeObject decodes data, which must be a JSON object. path names it in
// errors ("body", "alerts[0]").
func decodeObject(data []byte, path string) (jsonObject, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, malformed("%s: empty", path)
	}
	if trimmed[0] != '{' {
		return nil, malformed("%s: not a JSON object", path)
	}
	var o jsonObject
	if err := json.Unmarshal(trimmed, &o); err != nil {
		return nil, malformed("%s: invalid JSON: %v", path, err)
	}
	if o == nil {
		o = jsonObject{}
	}
	return o, nil
}

// jsonKind is the first byte of a JSON value: '{', '[', '"', 'n' (null),
// 't'/'f' (bool) or a number's first character.
func jsonKind(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

func isNumberStart(b byte) bool { return b == '-' || (b >= '0' && b <= '9') }

// has reports whether the member is present and not null.
func (o jsonObject) has(name string) bool {
	raw, ok := o[name]
	return ok && jsonKind(raw) != 'n'
}

// str returns a string member. Absent or null gives ("", false, nil); any
// other non-string type is an error naming the field.
func (o jsonObject) str(parent, name string) (string, bool, error) {
	if !o.has(name) {
		return "", false, nil
	}
	raw := o[name]
	if jsonKind(raw) != '"' {
		return "", false, malformed("%s: must be a string", fieldPath(parent, name))
	}
	s, err := decodeString(raw)
	if err != nil {
		return "", false, malformed("%s: %v", fieldPath(parent, name), err)
	}
	return s, true, nil
}

// decodeString decodes a JSON string already validated as part of its
// enclosing document. Most strings have no escapes and are valid UTF-8; those
// are copied straight from the bytes instead of going through reflection
// (alert intake is hot). Anything else takes encoding/json's path, so the
// result is always what json.Unmarshal would give.
func decodeString(raw json.RawMessage) (string, error) {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' {
		inner := raw[1 : n-1]
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 && utf8.Valid(inner) && !hasControl(inner) {
			return string(inner), nil
		}
	}
	// encoding/json would turn invalid UTF-8 into U+FFFD silently; refuse it
	// instead, like a decoded NUL (PostgreSQL stores neither).
	if !utf8.Valid(raw) {
		return "", incident.ErrNotUTF8
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", err
	}
	if err := incident.CheckText(s); err != nil {
		return "", err
	}
	return s, nil
}

// checkText is the last check on a whole payload, after its fields were
// parsed (which names the field when it is one WarRoom reads): no invalid
// UTF-8 and no \u0000 anywhere, since the payload is stored as text too.
func checkText(path string, b []byte) error {
	if err := incident.CheckJSONText(b); err != nil {
		return malformed("%s: %v", path, err)
	}
	return nil
}

// checked passes a parser's result through unless the payload as a whole
// fails checkText.
func checked(body []byte, alerts []incident.Alert, err error) ([]incident.Alert, error) {
	if err != nil {
		return nil, err
	}
	if err := checkText("body", body); err != nil {
		return nil, err
	}
	return alerts, nil
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// scalar returns a string or number member as a string (numbers as written,
// e.g. ids or epoch times sent unquoted). Absent or null gives ("", false).
func (o jsonObject) scalar(parent, name string) (string, bool, error) {
	if !o.has(name) {
		return "", false, nil
	}
	raw := o[name]
	switch k := jsonKind(raw); {
	case k == '"':
		return o.str(parent, name)
	case isNumberStart(k):
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return "", false, malformed("%s: %v", fieldPath(parent, name), err)
		}
		return n.String(), true, nil
	default:
		return "", false, malformed("%s: must be a string or a number", fieldPath(parent, name))
	}
}

// firstScalar returns the first non-blank value among the alias names, all
// of which must be strings or numbers when present.
func (o jsonObject) firstScalar(parent string, names ...string) (string, error) {
	found := ""
	for _, n := range names {
		v, _, err := o.scalar(parent, n)
		if err != nil {
			return "", err
		}
		if found == "" && strings.TrimSpace(v) != "" {
			found = strings.TrimSpace(v)
		}
	}
	return found, nil
}

// firstString is firstScalar for members that must be strings.
func (o jsonObject) firstString(parent string, names ...string) (string, error) {
	found := ""
	for _, n := range names {
		v, _, err := o.str(parent, n)
		if err != nil {
			return "", err
		}
		if found == "" && strings.TrimSpace(v) != "" {
			found = strings.TrimSpace(v)
		}
	}
	return found, nil
}

// stringMap returns an object member whose values must all be strings, as a
// new non-nil map. Absent or null gives an empty map.
func (o jsonObject) stringMap(parent, name string) (map[string]string, error) {
	out := map[string]string{}
	if !o.has(name) {
		return out, nil
	}
	path := fieldPath(parent, name)
	raw := o[name]
	if jsonKind(raw) != '{' {
		return nil, malformed("%s: must be an object of strings", path)
	}
	// One typed decode in the common case; the member-by-member walk below
	// runs to name the offending member when that fails, and whenever a null
	// appears (a typed decode would turn a null value into "" silently).
	if !bytes.Contains(raw, []byte("null")) && incident.CheckJSONText(raw) == nil {
		if err := json.Unmarshal(raw, &out); err == nil {
			return out, nil
		}
	}
	out = map[string]string{}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, malformed("%s: %v", path, err)
	}
	for k, v := range m {
		if err := incident.CheckText(k); err != nil {
			return nil, malformed("%s: member name %q %v", path, k, err)
		}
		if jsonKind(v) != '"' {
			return nil, malformed("%s.%s: must be a string", path, k)
		}
		s, err := decodeString(v)
		if err != nil {
			return nil, malformed("%s.%s: %v", path, k, err)
		}
		out[k] = s
	}
	return out, nil
}

// array returns an array member's elements exactly as received.
func (o jsonObject) array(parent, name string) ([]json.RawMessage, bool, error) {
	if !o.has(name) {
		return nil, false, nil
	}
	path := fieldPath(parent, name)
	raw := o[name]
	if jsonKind(raw) != '[' {
		return nil, false, malformed("%s: must be an array", path)
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, false, malformed("%s: %v", path, err)
	}
	return elems, true, nil
}

// Times a time.Time can round-trip through JSON (year 0 to 9999).
var (
	minTime = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// parseRFC3339 parses an RFC 3339 date-time and returns it in UTC.
// "0001-01-01T00:00:00Z" gives the zero time. It is stricter than
// time.Parse: the full date-time is required; the separator is 'T' or 't'
// and the UTC designator 'Z' or 'z' (RFC 3339 section 5.6 allows lower
// case); fractional seconds follow a '.' (not ','); a numeric offset is
// within ±23:59. Leap seconds (:60) are refused, as time.Parse does.
// Surrounding blanks are ignored.
func parseRFC3339(path, s string) (time.Time, error) {
	norm, ok := strictRFC3339(strings.TrimSpace(s))
	if !ok {
		return time.Time{}, malformed("%s: not an RFC 3339 time: %q", path, s)
	}
	t, err := time.Parse(time.RFC3339Nano, norm)
	if err != nil {
		return time.Time{}, malformed("%s: not an RFC 3339 time: %q", path, s)
	}
	t = t.UTC()
	if t.Before(minTime) || t.After(maxTime) {
		return time.Time{}, malformed("%s: time out of range: %q", path, s)
	}
	return t, nil
}

// strictRFC3339 checks the shape of an RFC 3339 date-time
// (YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)) and returns it with 't' and 'z'
// upper-cased for time.Parse, which checks the field ranges.
func strictRFC3339(s string) (string, bool) {
	const shape = "dddd-dd-ddTdd:dd:dd"
	if len(s) < len(shape)+1 {
		return "", false
	}
	b := []byte(s)
	for i := range len(shape) {
		switch c := shape[i]; c {
		case 'd':
			if b[i] < '0' || b[i] > '9' {
				return "", false
			}
		case 'T':
			if b[i] != 'T' && b[i] != 't' {
				return "", false
			}
			b[i] = 'T'
		default:
			if b[i] != c {
				return "", false
			}
		}
	}
	i := len(shape)
	if b[i] == '.' {
		i++
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == start {
			return "", false
		}
	}
	zone := b[i:]
	switch {
	case len(zone) == 1 && (zone[0] == 'Z' || zone[0] == 'z'):
		zone[0] = 'Z'
	case len(zone) == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
		isDigits(zone[1:3]) && isDigits(zone[4:6]):
		if (zone[1]-'0')*10+(zone[2]-'0') > 23 || zone[4] > '5' {
			return "", false
		}
	default:
		return "", false
	}
	return string(b), true
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hashParts returns hex(SHA-256(parts)[:16]). Each part is length-prefixed,
// so different splits of the same bytes never collide.
func hashParts(parts ...string) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// sortedPairs flattens a label set into key, value, key, value... sorted by
// key, the canonical form hashed into fingerprints.
func sortedPairs(labels map[string]string) []string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		out = append(out, k, labels[k])
	}
	return out
}

// LabelsFingerprint is the fingerprint used when a source sends none: the
// first 16 bytes of the SHA-256 of the sorted label set, in hex. The same
// labels always give the same fingerprint whatever order they arrived in.
func LabelsFingerprint(labels map[string]string) string {
	return hashParts(sortedPairs(labels)...)
}

// serviceLabels are the labels naming the affected service, in order of
// preference.
var serviceLabels = []string{"service", "service_name", "app", "application", "component"}

// serviceFromLabels returns the first non-blank service label, or "".
func serviceFromLabels(labels map[string]string) string {
	for _, k := range serviceLabels {
		if v := strings.TrimSpace(labels[k]); v != "" {
			return v
		}
	}
	return ""
}
