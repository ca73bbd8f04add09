package gcal

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const events = "/calendar/v3/calendars/primary/events"

type envelope struct {
	Error struct {
		Code   int    `json:"code"`
		Status string `json:"status"`
		Errors []struct {
			Reason string `json:"reason"`
		} `json:"errors"`
	} `json:"error"`
}

func do(t *testing.T, srv *httptest.Server, method, path, token, body string, out any) int {
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
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
	}
	return resp.StatusCode
}

func start(t *testing.T) (*Server, *httptest.Server) {
	s := NewServer()
	s.AddUser("tok", "a@example.com")
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

const meetBody = `{"id":"abcdefv0123","summary":"bridge","start":{"dateTime":"2026-10-09T12:00:00Z"},"end":{"dateTime":"2026-10-09T13:00:00Z"},
"attendees":[{"email":"b@example.com"}],"conferenceData":{"createRequest":{"requestId":"k1","conferenceSolutionKey":{"type":"hangoutsMeet"}}}}`

func TestErrors(t *testing.T) {
	s, srv := start(t)
	s.ExpireToken("tok")
	s.AddUser("tok2", "c@example.com")
	for _, tc := range []struct {
		name, method, path, token, body string
		status                          int
		reason                          string
	}{
		{"no token", "GET", events, "", "", 401, "authError"},
		{"expired", "GET", events, "tok", "", 401, "authError"},
		{"other calendar", "GET", "/calendar/v3/calendars/x@example.com/events", "tok2", "", 404, "notFound"},
		{"bad id", "POST", events, "tok2", strings.Replace(meetBody, "abcdefv0123", "ABC-xyz", 1), 400, "invalid"},
		{"short id", "POST", events, "tok2", strings.Replace(meetBody, "abcdefv0123", "abc", 1), 400, "invalid"},
		{"empty range", "POST", events, "tok2", strings.Replace(meetBody, "13:00", "12:00", 1), 400, "timeRangeEmpty"},
		{"bad conference type", "POST", events + "?conferenceDataVersion=1", "tok2", strings.Replace(meetBody, "hangoutsMeet", "zoom", 1), 400, "invalid"},
		{"missing event", "GET", events + "/nosuchevent", "tok2", "", 404, "notFound"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e envelope
			status := do(t, srv, tc.method, tc.path, tc.token, tc.body, &e)
			if status != tc.status || e.Error.Code != tc.status || len(e.Error.Errors) == 0 || e.Error.Errors[0].Reason != tc.reason {
				t.Errorf("= %d %+v, want %d %s", status, e, tc.status, tc.reason)
			}
		})
	}
	if n := len(s.Events("c@example.com")); n != 0 {
		t.Errorf("events = %d", n)
	}
}

type event struct {
	ID             string `json:"id"`
	HangoutLink    string `json:"hangoutLink"`
	ConferenceData *struct {
		EntryPoints []struct {
			EntryPointType string `json:"entryPointType"`
			URI            string `json:"uri"`
		} `json:"entryPoints"`
		CreateRequest struct {
			Status struct {
				StatusCode string `json:"statusCode"`
			} `json:"status"`
		} `json:"createRequest"`
	} `json:"conferenceData"`
	Organizer struct{ Email string } `json:"organizer"`
}

func TestConferenceDataVersion(t *testing.T) {
	_, srv := start(t)
	var v0, v1 event
	if st := do(t, srv, "POST", events, "tok", meetBody, &v0); st != 200 || v0.ConferenceData != nil || v0.HangoutLink != "" {
		t.Errorf("version 0: %d %+v, want conference data ignored", st, v0)
	}
	body := strings.Replace(meetBody, "abcdefv0123", "abcdefv0124", 1)
	if st := do(t, srv, "POST", events+"?conferenceDataVersion=1&sendUpdates=all", "tok", body, &v1); st != 200 ||
		v1.HangoutLink == "" || v1.ConferenceData == nil || v1.ConferenceData.CreateRequest.Status.StatusCode != "success" ||
		len(v1.ConferenceData.EntryPoints) == 0 || v1.Organizer.Email != "a@example.com" {
		t.Errorf("version 1: %d %+v", st, v1)
	}
	var dup envelope
	if st := do(t, srv, "POST", events+"?conferenceDataVersion=1", "tok", body, &dup); st != 409 || dup.Error.Errors[0].Reason != "duplicate" {
		t.Errorf("duplicate id: %d %+v", st, dup)
	}
}

func TestPendingThenSuccess(t *testing.T) {
	s, srv := start(t)
	s.TriggerPendingConference(1, 1)
	var ev event
	do(t, srv, "POST", events+"?conferenceDataVersion=1", "tok", meetBody, &ev)
	codes := []string{ev.ConferenceData.CreateRequest.Status.StatusCode}
	for range 2 {
		var got event
		do(t, srv, "GET", events+"/abcdefv0123", "tok", "", &got)
		codes = append(codes, got.ConferenceData.CreateRequest.Status.StatusCode+":"+map[bool]string{true: "link", false: "nolink"}[got.HangoutLink != ""])
	}
	if strings.Join(codes, " ") != "pending pending:nolink success:link" {
		t.Errorf("statuses = %v", codes)
	}
}

func TestRateLimitAndList(t *testing.T) {
	s, srv := start(t)
	s.TriggerRateLimit(1, 0)
	var e envelope
	if st := do(t, srv, "GET", events, "tok", "", &e); st != 403 || e.Error.Errors[0].Reason != "rateLimitExceeded" {
		t.Errorf("= %d %+v", st, e)
	}
	do(t, srv, "POST", events, "tok", meetBody, nil)
	var list struct {
		Kind  string  `json:"kind"`
		Items []event `json:"items"`
	}
	if st := do(t, srv, "GET", events, "tok", "", &list); st != 200 || list.Kind != "calendar#events" || len(list.Items) != 1 {
		t.Errorf("list = %d %+v", st, list)
	}
	if n := s.Calls("GET " + events); n != 2 {
		t.Errorf("calls = %d", n)
	}
}
