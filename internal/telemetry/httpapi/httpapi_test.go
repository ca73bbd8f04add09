package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

func TestAuthApply(t *testing.T) {
	tests := []struct {
		name string
		auth Auth
		want map[string]string // header -> value; "" = absent
	}{
		{"none", Auth{}, map[string]string{"Authorization": "", "X-Scope-OrgID": ""}},
		{"bearer", Auth{BearerToken: "tok", Username: "u", Password: "p"}, map[string]string{"Authorization": "Bearer tok"}},
		{"basic", Auth{Username: "u", Password: "p"}, map[string]string{"Authorization": "Basic dTpw"}},
		{"raw wins", Auth{RawToken: "admin:abc", BearerToken: "tok"}, map[string]string{"Authorization": "admin:abc"}},
		{"tenant and headers", Auth{TenantID: "ward-3", Headers: map[string]string{"X-Team": "pharmacy", "X-Scope-OrgID": "other"}},
			map[string]string{"X-Scope-OrgID": "ward-3", "X-Team": "pharmacy"}},
		{"credentials win over headers", Auth{BearerToken: "tok", Headers: map[string]string{"Authorization": "Bearer stale"}},
			map[string]string{"Authorization": "Bearer tok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://backend/", nil)
			tt.auth.Apply(req)
			for h, v := range tt.want {
				if got := req.Header.Get(h); got != v {
					t.Errorf("%s = %q, want %q", h, got, v)
				}
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"http://loki:3100", "http://loki:3100", true},
		{"https://gw.example/tempo//", "https://gw.example/tempo", true},
		{"ftp://loki", "", false},
		{"loki:3100", "", false},
		{"http://", "", false},
		{"http://bad host", "", false},
	}
	for _, tt := range tests {
		u, err := BaseURL(tt.raw)
		if (err == nil) != tt.ok {
			t.Errorf("BaseURL(%q) error %v, want ok=%v", tt.raw, err, tt.ok)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "want http(s)://host[:port][/path]") {
				t.Errorf("BaseURL(%q) error %q does not say what is wanted", tt.raw, err)
			}
			continue
		}
		if u.String() != tt.want {
			t.Errorf("BaseURL(%q) = %s, want %s", tt.raw, u, tt.want)
		}
	}
}

type statusError struct {
	status int
	body   string
}

func (e *statusError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.body) }

func newConn(t *testing.T, h http.HandlerFunc, cfg Config) *Conn {
	t.Helper()
	cfg.URL = apitest.Serve(t, h) + "/prefix/"
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = 1 << 20
	}
	cfg.APIError = func(status int, body []byte) error { return &statusError{status, string(body)} }
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGetJSON(t *testing.T) {
	var got *http.Request
	c := newConn(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		switch r.URL.Path {
		case "/prefix/ok":
			fmt.Fprint(w, `{"n": 12345678901234567890, "s": "x"}`)
		case "/prefix/missing":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, strings.Repeat("m", MaxErrorBody+10))
		case "/prefix/big":
			fmt.Fprintf(w, `{"s": %q}`, strings.Repeat("b", 200))
		case "/prefix/garbled":
			fmt.Fprint(w, `{"s": `)
		}
	}, Config{MaxBytes: 100, Auth: Auth{BearerToken: "tok"}})

	var body struct {
		N float64 `json:"n"`
		S string  `json:"s"`
	}
	status, err := c.GetJSON(context.Background(), "/ok", url.Values{"q": {`{a="b"}`}}, &body)
	if err != nil || status != http.StatusOK || body.S != "x" || body.N == 0 {
		t.Fatalf("GetJSON = %d, %v, body %+v", status, err, body)
	}
	if got.URL.RawQuery != "q=%7Ba%3D%22b%22%7D" || got.Header.Get("Accept") != "application/json" || got.Header.Get("Authorization") != "Bearer tok" {
		t.Errorf("request %s?%s headers %v", got.URL.Path, got.URL.RawQuery, got.Header)
	}

	status, err = c.GetJSON(context.Background(), "/missing", nil, &body)
	var se *statusError
	if status != http.StatusNotFound || !errors.As(err, &se) || se.status != http.StatusNotFound || len(se.body) != MaxErrorBody {
		t.Errorf("missing: %d, %v (error body cut at MaxErrorBody wanted)", status, err)
	}
	if got.URL.RawQuery != "" {
		t.Errorf("nil query sent as %q", got.URL.RawQuery)
	}

	if _, err := c.GetJSON(context.Background(), "/big", nil, &body); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big: %v, want ErrTooLarge", err)
	}
	if _, err := c.GetJSON(context.Background(), "/garbled", nil, &body); err == nil || !strings.Contains(err.Error(), "decode body") {
		t.Errorf("garbled: %v, want a decode error", err)
	}
}

func TestGetJSONUseNumber(t *testing.T) {
	c := newConn(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"v": 12345678901234567890}`)
	}, Config{UseNumber: true})
	var body struct{ V any }
	if _, err := c.GetJSON(context.Background(), "/", nil, &body); err != nil {
		t.Fatal(err)
	}
	if n, ok := body.V.(json.Number); !ok || n.String() != "12345678901234567890" {
		t.Errorf("V = %#v, want json.Number", body.V)
	}
}

func TestNewRefuses(t *testing.T) {
	ok := Config{URL: "http://x", Timeout: time.Second, MaxBytes: 1, APIError: func(int, []byte) error { return nil }}
	for name, mod := range map[string]func(*Config){
		"bad url":    func(c *Config) { c.URL = "x" },
		"no decoder": func(c *Config) { c.APIError = nil },
	} {
		cfg := ok
		mod(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
	if _, err := New(ok); err != nil {
		t.Errorf("New(%+v): %v", ok, err)
	}
	ok.Timeout, ok.MaxBytes = 0, 0
	c, err := New(ok)
	if err != nil || c.cfg.Timeout != DefaultTimeout || c.http.Timeout != DefaultTimeout || c.cfg.MaxBytes != DefaultMaxBytes {
		t.Errorf("New with zero bounds = %+v, %v; want the defaults", c, err)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		body    string
		max     int64
		tooLong bool
	}{
		{"", 0, false},
		{"abc", 3, false},
		{"abcd", 3, true},
		{strings.Repeat("z", 100000), 99999, true},
		{strings.Repeat("z", 100000), 100000, false},
	}
	for _, tt := range tests {
		b, err := ReadAll(strings.NewReader(tt.body), tt.max)
		if tt.tooLong {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("ReadAll(%d bytes, %d) = %v, want ErrTooLarge", len(tt.body), tt.max, err)
			}
			continue
		}
		if err != nil || string(b) != tt.body {
			t.Errorf("ReadAll(%d bytes, %d) = %d bytes, %v", len(tt.body), tt.max, len(b), err)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransport(t *testing.T) {
	var seen *http.Request
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(strings.Repeat("x", 50)))}, nil
	})
	for _, tt := range []struct {
		max     int64
		tooLong bool
	}{{50, false}, {49, true}} {
		tr := &Transport{Base: base, Auth: Auth{Username: "u", Password: "p"}, MaxBytes: tt.max}
		req := httptest.NewRequest(http.MethodGet, "http://prom/api/v1/query", nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if req.Header.Get("Authorization") != "" || seen.Header.Get("Authorization") != "Basic dTpw" {
			t.Errorf("caller's request signed (%q) or sent one unsigned (%q)", req.Header.Get("Authorization"), seen.Header.Get("Authorization"))
		}
		_, err = io.ReadAll(resp.Body)
		if tt.tooLong != errors.Is(err, ErrTooLarge) {
			t.Errorf("max %d: read error %v, too long = %v", tt.max, err, tt.tooLong)
		}
		if err := resp.Body.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestOrDefault(t *testing.T) {
	if OrDefault(0, 7) != 7 || OrDefault(-1, 7) != 7 || OrDefault(3, 7) != 3 {
		t.Error("OrDefault(int)")
	}
	if OrDefault(time.Duration(0), time.Second) != time.Second || OrDefault(2*time.Second, time.Second) != 2*time.Second {
		t.Error("OrDefault(Duration)")
	}
}

func TestText(t *testing.T) {
	if Text([]byte("  parse error\n")) != "parse error" || Text([]byte(" \n")) != "(empty body)" {
		t.Error("Text")
	}
}

func TestQuery(t *testing.T) {
	tests := []struct {
		pairs []string
		want  string
	}{
		{nil, ""},
		{[]string{"query", `{job="kiln"}`, "limit", "100"}, "limit=100&query=%7Bjob%3D%22kiln%22%7D"},
		{[]string{"q", ""}, "q="},
		{[]string{"a", "1", "a", "2"}, "a=2"},
	}
	for _, tt := range tests {
		if got := Query(tt.pairs...).Encode(); got != tt.want {
			t.Errorf("Query(%q) = %q, want %q", tt.pairs, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Query with an odd number of arguments did not panic")
		}
	}()
	Query("lonely")
}

func TestCheckRange(t *testing.T) {
	at := time.Date(2027, 3, 1, 6, 0, 0, 0, time.UTC)
	tests := []struct {
		start, end time.Time
		ok         bool
	}{
		{at, at.Add(time.Nanosecond), true},
		{at, at, false},
		{at, at.Add(-time.Minute), false},
	}
	for _, tt := range tests {
		err := CheckRange(tt.start, tt.end)
		if (err == nil) != tt.ok {
			t.Errorf("CheckRange(%v, %v) = %v, want ok=%v", tt.start, tt.end, err, tt.ok)
		}
		if err != nil && err.Error() != fmt.Sprintf("range %s..%s is empty", tt.start.Format(time.RFC3339), tt.end.Format(time.RFC3339)) {
			t.Errorf("CheckRange message %q", err)
		}
	}
}

func TestAPIErrorText(t *testing.T) {
	e := &APIError{Backend: "loki", StatusCode: http.StatusBadRequest, Message: "parse error at line 1, col 5"}
	if got, want := e.Error(), "loki: 400 Bad Request: parse error at line 1, col 5"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
