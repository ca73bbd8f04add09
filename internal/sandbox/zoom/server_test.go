package zoom

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func call(t *testing.T, srv *httptest.Server, method, path, token, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return resp.StatusCode, resp.Header, out
}

func start(t *testing.T) (*Server, *httptest.Server) {
	s := NewServer()
	s.AddUser("tok-a", User{ID: "ua", Email: "a@example.com"})
	s.AddUser("tok-b", User{ID: "ub", Email: "b@example.com"})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

func TestErrors(t *testing.T) {
	s, srv := start(t)
	s.ExpireToken("tok-b")
	for _, tc := range []struct {
		name, method, path, token, body string
		status, code                    int
	}{
		{"no token", "GET", "/v2/users/me/meetings", "", "", 401, 124},
		{"unknown token", "GET", "/v2/users/me/meetings", "nope", "", 401, 124},
		{"expired token", "GET", "/v2/users/me/meetings", "tok-b", "", 401, 124},
		{"other user", "POST", "/v2/users/b@example.com/meetings", "tok-a", `{}`, 404, 1001},
		{"bad json", "POST", "/v2/users/me/meetings", "tok-a", `{`, 400, 300},
		{"bad type", "POST", "/v2/users/me/meetings", "tok-a", `{"type":4}`, 400, 300},
		{"bad start", "POST", "/v2/users/me/meetings", "tok-a", `{"start_time":"tomorrow"}`, 400, 300},
		{"unknown meeting", "GET", "/v2/meetings/1", "tok-a", "", 404, 3001},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := call(t, srv, tc.method, tc.path, tc.token, tc.body)
			if status != tc.status || body["code"] != float64(tc.code) || body["message"] == "" {
				t.Errorf("= %d %v, want %d code %d", status, body, tc.status, tc.code)
			}
		})
	}
	if n := len(s.Meetings("")); n != 0 {
		t.Errorf("meetings = %d", n)
	}
}

func TestCreateGetList(t *testing.T) {
	s, srv := start(t)
	s.Now = func() time.Time { return time.Date(2026, 10, 9, 12, 0, 0, 0, time.UTC) }
	status, _, m := call(t, srv, "POST", "/v2/users/me/meetings", "tok-a", `{"topic":"bridge","type":2,"agenda":"ref k1","duration":30}`)
	if status != 201 || m["join_url"] == "" || m["start_url"] == "" || m["host_email"] != "a@example.com" || m["start_time"] != "2026-10-09T12:00:00Z" {
		t.Fatalf("create = %d %v", status, m)
	}
	id := int64(m["id"].(float64))
	if status, _, got := call(t, srv, "GET", "/v2/meetings/"+jsonInt(id), "tok-a", ""); status != 200 || got["agenda"] != "ref k1" {
		t.Errorf("get = %d %v", status, got)
	}
	if status, _, _ := call(t, srv, "GET", "/v2/meetings/"+jsonInt(id), "tok-b", ""); status != 404 {
		t.Errorf("another user's get = %d, want 404", status)
	}
	// Instant meetings are not listed as scheduled; pages follow next_page_token.
	call(t, srv, "POST", "/v2/users/me/meetings", "tok-a", `{"topic":"instant","type":1}`)
	for range 2 {
		call(t, srv, "POST", "/v2/users/ua/meetings", "tok-a", `{"topic":"more"}`)
	}
	_, _, p1 := call(t, srv, "GET", "/v2/users/me/meetings?type=scheduled&page_size=2", "tok-a", "")
	items := p1["meetings"].([]any)
	if p1["total_records"] != float64(3) || len(items) != 2 || p1["next_page_token"] == "" {
		t.Fatalf("page 1 = %v", p1)
	}
	if _, ok := items[0].(map[string]any)["start_url"]; ok {
		t.Error("list items carry start_url")
	}
	_, _, p2 := call(t, srv, "GET", "/v2/users/me/meetings?type=scheduled&page_size=2&next_page_token="+p1["next_page_token"].(string), "tok-a", "")
	if len(p2["meetings"].([]any)) != 1 || p2["next_page_token"] != "" {
		t.Errorf("page 2 = %v", p2)
	}
	if n := s.Calls("GET /v2/users/me/meetings"); n != 2 {
		t.Errorf("list calls = %d", n)
	}
}

func TestRateLimit(t *testing.T) {
	s, srv := start(t)
	s.TriggerRateLimit(1, 1500*time.Millisecond)
	status, h, body := call(t, srv, "GET", "/v2/users/me/meetings", "tok-a", "")
	if status != 429 || h.Get("Retry-After") != "2" || body["code"] != float64(429) {
		t.Errorf("= %d %q %v", status, h.Get("Retry-After"), body)
	}
	if status, _, _ := call(t, srv, "GET", "/v2/users/me/meetings", "tok-a", ""); status != 200 {
		t.Errorf("after the limit = %d", status)
	}
	if s.TotalCalls() != 2 {
		t.Errorf("calls = %d", s.TotalCalls())
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
