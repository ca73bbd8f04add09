package webhook

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseRFC3339Strict(t *testing.T) {
	cases := []struct {
		in   string
		want string // RFC 3339 in UTC; "" = refused
	}{
		{"2026-11-20T02:10:00Z", "2026-11-20T02:10:00Z"},
		{"2026-11-20t02:10:00z", "2026-11-20T02:10:00Z"}, // RFC 3339 5.6 allows lower case
		{"2026-11-20T02:10:00.123456789Z", "2026-11-20T02:10:00.123456789Z"},
		{"2026-11-20T02:10:00.5+01:30", "2026-11-20T00:40:00.5Z"},
		{"2026-11-20T02:10:00+23:59", "2026-11-19T02:11:00Z"},
		{"2026-11-20T02:10:00-23:59", "2026-11-21T02:09:00Z"},
		{"2026-11-20T02:10:00-00:00", "2026-11-20T02:10:00Z"},
		{" 2026-11-20T02:10:00Z ", "2026-11-20T02:10:00Z"},
		{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
		{"2026-11-20T02:10:00+24:00", ""},
		{"2026-11-20T02:10:00-24:00", ""},
		{"2026-11-20T02:10:00+99:00", ""},
		{"2026-11-20T02:10:00+01:60", ""},
		{"2026-11-20T02:10:00+01:75", ""},
		{"2026-11-20T02:10:00,5Z", ""},
		{"2026-11-20T02:10:00.Z", ""},
		{"2026-11-20 02:10:00Z", ""},
		{"2026-11-20T02:10Z", ""},
		{"2026-11-20T02:10:00", ""},
		{"2026-11-20", ""},
		{"2026-11-20T02:10:00+0100", ""},
		{"2026-11-20T02:10:00+01", ""},
		{"2026-11-20T24:00:00Z", ""},
		{"2026-11-20T02:10:60Z", ""},
		{"2026-02-30T02:10:00Z", ""},
		{"2026-13-01T02:10:00Z", ""},
		{"+2026-11-20T02:10:00Z", ""},
		{"2026-11-20T02:10:00ZZ", ""},
		{"2026-11-20T02:10:00Z+01:00", ""},
		{"２026-11-20T02:10:00Z", ""},
	}
	for _, c := range cases {
		got, err := parseRFC3339("startsAt", c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("%q: parsed as %v, want refused", c.in, got)
			} else {
				wantMalformed(t, err, "startsAt")
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if want, _ := time.Parse(time.RFC3339Nano, c.want); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%q = %v, want %v UTC", c.in, got, want)
		}
	}
}

// TestTextThatPostgreSQLRefuses: NUL (raw, or decoded from \u0000) and
// invalid UTF-8 are refused by every parser, naming the field when it is one
// WarRoom reads, so such an alert never reaches a commit batch.
func TestTextThatPostgreSQLRefuses(t *testing.T) {
	am := func(annotation string) []byte {
		return []byte(`{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A","service":"s"},` +
			`"annotations":{"summary":"` + annotation + `"},"startsAt":"2026-11-20T02:10:00Z","extra":"x"}]}`)
	}
	gen := func(field, v string) []byte {
		return []byte(`{"title":"t","starts_at":"2026-11-20T02:10:00Z","` + field + `":"` + v + `"}`)
	}
	cases := []struct {
		name  string
		parse func() error
		want  string // "" = accepted
	}{
		{"alertmanager clean", func() error { _, err := ParseAlertmanager(am("ok")); return err }, ""},
		{"alertmanager escaped backslash is not a NUL", func() error { _, err := ParseAlertmanager(am(`a\\u0000`)); return err }, ""},
		{"alertmanager annotation NUL", func() error { _, err := ParseAlertmanager(am(`a\u0000b`)); return err },
			"alerts[0].annotations.summary: contains a NUL character"},
		{"alertmanager annotation after escaped backslash", func() error { _, err := ParseAlertmanager(am(`a\\\u0000`)); return err },
			"alerts[0].annotations.summary: contains a NUL character"},
		{"alertmanager annotation invalid UTF-8", func() error { _, err := ParseAlertmanager(am("a\xffb")); return err },
			"alerts[0].annotations.summary: is not valid UTF-8"},
		{"alertmanager label name NUL", func() error {
			_, err := ParseAlertmanager([]byte(`{"version":"4","alerts":[{"status":"firing","labels":{"a\u0000":"b"},"startsAt":"2026-11-20T02:10:00Z"}]}`))
			return err
		}, `alerts[0].labels: member name "a\x00" contains a NUL character`},
		{"alertmanager unread field NUL", func() error {
			_, err := ParseAlertmanager([]byte(strings.Replace(string(am("ok")), `"extra":"x"`, `"extra":"\u0000"`, 1)))
			return err
		}, "body: contains a NUL character"},
		{"alertmanager unread field invalid UTF-8", func() error {
			_, err := ParseAlertmanager([]byte(strings.Replace(string(am("ok")), `"extra":"x"`, "\"extra\":\"\xc3\"", 1)))
			return err
		}, "body: is not valid UTF-8"},
		{"grafana title NUL", func() error {
			_, err := ParseGrafana([]byte(`{"version":"1","alerts":[{"status":"firing","labels":{"alertname":"x\u0000"},"startsAt":"2026-11-20T02:10:00Z"}]}`))
			return err
		}, "alerts[0].labels.alertname: contains a NUL character"},
		{"generic description NUL", func() error { _, err := ParseGeneric(gen("description", `\u0000`)); return err },
			"description: contains a NUL character"},
		{"generic title invalid UTF-8", func() error {
			_, err := ParseGeneric([]byte("{\"title\":\"\xed\xa0\x80\",\"starts_at\":\"2026-11-20T02:10:00Z\"}"))
			return err
		}, "title: is not valid UTF-8"},
		{"datadog body NUL", func() error {
			_, err := ParseDatadog([]byte(`{"title":"t","date":"1795140000000","body":"x\u0000"}`), "application/json")
			return err
		}, "body: contains a NUL character"},
		{"datadog tag NUL", func() error {
			_, err := ParseDatadog([]byte(`{"title":"t","date":"1795140000000","tags":["a:\u0000"]}`), "application/json")
			return err
		}, "tags[0]: contains a NUL character"},
		{"datadog form field NUL", func() error {
			_, err := ParseDatadog([]byte("title=t&date=1795140000000&body=a%00b"), "application/x-www-form-urlencoded")
			return err
		}, `body: form field "body" contains a NUL character`},
		{"datadog form field invalid UTF-8", func() error {
			_, err := ParseDatadog([]byte("title=t%FF&date=1795140000000"), "application/x-www-form-urlencoded")
			return err
		}, `body: form field "title" is not valid UTF-8`},
		{"datadog form payload invalid UTF-8", func() error {
			_, err := ParseDatadog([]byte("payload="+url.QueryEscape("{\"title\":\"t\",\"date\":\"1795140000000\",\"x\":\"\xff\"}")),
				"application/x-www-form-urlencoded")
			return err
		}, "payload: is not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.parse()
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantMalformed(t, err, c.want)
			if strings.Count(err.Error(), ":") > 6 {
				t.Errorf("error is not one short message: %v", err)
			}
		})
	}
}
