package unleash

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

const token = "*:*.0f9a2c7e"

var t0 = time.Date(2031, 11, 2, 9, 0, 0, 0, time.UTC)

// ferry is a ferry-booking site's flag changes, given out of order.
func ferry() []telemetry.FlagChange {
	return []telemetry.FlagChange{
		{TS: t0.Add(20 * time.Minute), Flag: "dynamic_fares", Change: "On -> Off", Actor: "ines.moreau"},
		{TS: t0, Flag: "dynamic_fares", Service: "fare-engine", Change: "off->on", Actor: "ines.moreau"},
		{TS: t0.Add(5 * time.Minute), Flag: "seat_map_v2", Change: "rollout 10%->50%"},
	}
}

type eventsReply struct {
	Version     int     `json:"version"`
	ToggleName  string  `json:"toggleName"`
	Events      []Event `json:"events"`
	TotalEvents int     `json:"totalEvents"`
}

func request(t *testing.T, srv *httptest.Server, path, auth string) (int, []byte) {
	t.Helper()
	var h http.Header
	if auth != "" {
		h = http.Header{"Authorization": {auth}}
	}
	code, _, body := apitest.Get(t, srv.URL+path, h)
	return code, body
}

func start(t *testing.T, changes []telemetry.FlagChange) *httptest.Server {
	t.Helper()
	s, err := New(changes, token)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func TestEvents(t *testing.T) {
	srv := start(t, ferry())
	code, body := request(t, srv, "/api/admin/events", token)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var r eventsReply
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if r.Version != 1 || r.TotalEvents != 3 || len(r.Events) != 3 {
		t.Fatalf("%s", body)
	}
	// Newest first, ids in time order.
	for i, want := range []struct {
		id               int
		typ, feature, by string
		data             string
		at               time.Time
		tags             int
	}{
		{3, EventDisabled, "dynamic_fares", "ines.moreau", "null", t0.Add(20 * time.Minute), 0},
		{2, EventStrategyUpdate, "seat_map_v2", "unknown", `{"change":"rollout 10%->50%"}`, t0.Add(5 * time.Minute), 0},
		{1, EventEnabled, "dynamic_fares", "ines.moreau", "null", t0, 1},
	} {
		ev := r.Events[i]
		if ev.ID != want.id || ev.Type != want.typ || ev.FeatureName != want.feature || ev.CreatedBy != want.by ||
			string(ev.Data) != want.data || !ev.CreatedAt.Equal(want.at) || len(ev.Tags) != want.tags ||
			ev.Project != Project || ev.Environment != Environment || string(ev.PreData) != "null" {
			t.Errorf("event %d = %+v (data %s)", i, ev, ev.Data)
		}
	}
	if tag := r.Events[2].Tags[0]; tag != (Tag{Type: "service", Value: "fare-engine"}) {
		t.Errorf("tag %+v", tag)
	}
	if !strings.Contains(string(body), `"createdAt":"2031-11-02T09:20:00Z"`) {
		t.Errorf("createdAt not RFC 3339 UTC: %s", body)
	}

	code, body = request(t, srv, "/api/admin/events/dynamic_fares", token)
	r = eventsReply{}
	if code != 200 || json.Unmarshal(body, &r) != nil || r.ToggleName != "dynamic_fares" || r.TotalEvents != 2 || r.Events[0].ID != 3 {
		t.Errorf("per feature: %d %s", code, body)
	}
	code, body = request(t, srv, "/api/admin/events?project=other", token)
	r = eventsReply{}
	if code != 200 || json.Unmarshal(body, &r) != nil || r.TotalEvents != 0 || r.Events == nil {
		t.Errorf("other project: %d %s", code, body)
	}
}

func TestAuthorization(t *testing.T) {
	srv := start(t, ferry())
	for name, auth := range map[string]string{
		"none":          "",
		"wrong":         "*:*.not-it",
		"bearer prefix": "Bearer " + token,
	} {
		code, body := request(t, srv, "/api/admin/events", auth)
		var e map[string]string
		if code != 401 || json.Unmarshal(body, &e) != nil || e["name"] != "AuthenticationRequired" || e["message"] == "" {
			t.Errorf("%s: %d %s", name, code, body)
		}
		if strings.Contains(string(body), token) {
			t.Errorf("%s: the token is echoed", name)
		}
	}
	if code, _ := request(t, srv, "/api/admin/features", token); code != 404 {
		t.Errorf("unserved path: %d", code)
	}
}

func TestNewRefuses(t *testing.T) {
	if _, err := New(ferry(), ""); err == nil {
		t.Error("no token accepted")
	}
	if _, err := New([]telemetry.FlagChange{{TS: t0, Change: "off->on"}}, token); err == nil {
		t.Error("a change without a flag accepted")
	}
	if _, err := New([]telemetry.FlagChange{{Flag: "f", Change: "off->on"}}, token); err == nil {
		t.Error("a change without a time accepted")
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"off->on": EventEnabled, "OFF → ON": EventEnabled, " on -> off ": EventDisabled, "on->on": EventStrategyUpdate, "": EventStrategyUpdate} {
		ev, err := event(1, telemetry.FlagChange{TS: t0, Flag: "f", Change: in})
		if err != nil || ev.Type != want {
			t.Errorf("%q: %s, %v; want %s", in, ev.Type, err, want)
		}
	}
}

func TestSharedScenarios(t *testing.T) {
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sc := range scenarios {
		if len(sc.Flags) == 0 {
			continue
		}
		n++
		t.Run(filepath.Base(sc.Path), func(t *testing.T) {
			srv := start(t, sc.Flags)
			code, body := request(t, srv, "/api/admin/events", token)
			var r eventsReply
			if code != 200 || json.Unmarshal(body, &r) != nil || r.TotalEvents != len(sc.Flags) {
				t.Fatalf("%d %s", code, body)
			}
			for _, ev := range r.Events {
				if ev.FeatureName == "" || ev.Type == "" {
					t.Errorf("event %+v", ev)
				}
			}
		})
	}
	if n == 0 {
		t.Skip("no shared scenario with flags beside the repository")
	}
}
