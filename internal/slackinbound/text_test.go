package slackinbound

import (
	"errors"
	"strings"
	"testing"
)

// TestParseEventRefusesUnstorableText: a NUL in a message field, or bytes
// that are not UTF-8 anywhere in the body (stored with the report), are
// refused as malformed, naming the field when there is one.
func TestParseEventRefusesUnstorableText(t *testing.T) {
	cases := []struct {
		name, body, want string // want "" = accepted
	}{
		{"clean", messageEvent, ""},
		{"escaped backslash before u0000 is text", strings.Replace(messageEvent, `503s", "ts"`, `503s \\u0000", "ts"`, 1), ""},
		{"NUL in text", strings.Replace(messageEvent, `503s", "ts"`, `503s\u0000", "ts"`, 1), "event.text: contains a NUL character"},
		{"NUL in user", strings.Replace(messageEvent, `"U0HUMAN1"`, `"U0\u0000"`, 1), "event.user: contains a NUL character"},
		{"invalid UTF-8 in text", strings.Replace(messageEvent, `503s", "ts"`, "503s\xff\", \"ts\"", 1), "body: is not valid UTF-8"},
		{"NUL in a block", strings.Replace(messageEvent, `"whatever"`, `"what\u0000ever"`, 1), "body: contains a NUL character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseEvent([]byte(c.body))
			switch {
			case c.want == "" && err != nil:
				t.Fatal(err)
			case c.want != "" && (!errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("err = %v, want ErrMalformed naming %q", err, c.want)
			}
		})
	}
}
