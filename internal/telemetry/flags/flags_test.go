package flags

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry/httpapi/apitest"
)

var (
	start = time.Date(2027, 2, 20, 8, 0, 0, 0, time.UTC)
	end   = start.Add(2 * time.Hour)
)

// eventsBody is /api/admin/events as Unleash 5 answers it.
const eventsBody = `{"version":1,"events":[
 {"id":9012,"type":"feature-environment-enabled","createdBy":"ines.moreau","createdAt":"2027-02-20T09:31:12.403Z","createdByUserId":7,
  "data":null,"preData":null,"tags":[{"type":"simple","value":"winter"},{"type":"service","value":"gate-scanner"}],
  "featureName":"gate.offline_mode","project":"lifts","environment":"production"},
 {"id":9011,"type":"feature-strategy-update","createdBy":"ines.moreau","createdAt":"2027-02-20T09:20:00.000Z",
  "data":{"id":"6f1c","name":"flexibleRollout","title":null,"disabled":false,"parameters":{"groupId":"pass.dynamic_pricing","rollout":"50","stickiness":"default"},"constraints":[],"variants":[],"segments":[]},
  "preData":{"id":"6f1c","name":"flexibleRollout","title":null,"disabled":false,"parameters":{"groupId":"pass.dynamic_pricing","rollout":"10","stickiness":"default"},"constraints":[],"variants":[],"segments":[]},
  "tags":[],"featureName":"pass.dynamic_pricing","project":"ticketing","environment":"production"},
 {"id":9010,"type":"feature-environment-disabled","createdBy":"bot","createdAt":"2027-02-20T09:10:00.000Z","data":null,"preData":null,"tags":[],
  "featureName":"gate.offline_mode","project":"lifts","environment":"development"},
 {"id":9009,"type":"feature-tagged","createdBy":"ines.moreau","createdAt":"2027-02-20T09:05:00.000Z","data":{"type":"simple","value":"winter"},
  "preData":null,"tags":[],"featureName":"gate.offline_mode","project":"lifts","environment":null},
 {"id":9008,"type":"feature-strategy-add","createdBy":"admin","createdAt":"2027-02-20T08:45:00.000Z",
  "data":{"name":"userWithId","parameters":{"userIds":"ops-1,ops-2"},"constraints":[]},"preData":null,"tags":[],
  "featureName":"lift.queue_display","project":"default","environment":"production"},
 {"id":9007,"type":"feature-created","createdBy":"admin","createdAt":"2027-02-20T08:30:00.000Z","data":{"name":"lift.queue_display","type":"release"},
  "preData":null,"tags":[],"featureName":"lift.queue_display","project":"default","environment":null},
 {"id":9006,"type":"feature-updated","createdBy":"legacy","createdAt":"2027-02-20T08:20:00.000Z","data":{"name":"old.flag","enabled":true,"strategies":[]},
  "preData":null,"tags":[],"featureName":"old.flag","project":"default","environment":null},
 {"id":9005,"type":"project-created","createdBy":"admin","createdAt":"2027-02-20T08:10:00.000Z","data":{"id":"lifts"},"tags":[],"project":"lifts"},
 {"id":9001,"type":"feature-environment-enabled","createdBy":"admin","createdAt":"2027-02-19T22:00:00.000Z","data":null,"tags":[],
  "featureName":"gate.offline_mode","project":"lifts","environment":"production"}],
 "totalEvents":9}`

func serve(t *testing.T, h http.HandlerFunc, cfg Config) *Client {
	t.Helper()
	return connect(t, apitest.Serve(t, h), cfg)
}

func connect(t *testing.T, url string, cfg Config) *Client {
	t.Helper()
	cfg.URL = url + "/unleash/"
	if cfg.Token == "" {
		cfg.Token = "*:*.964a287e1b728cb5f4f3e0120df92cb5"
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestChanges(t *testing.T) {
	var got *http.Request
	h := func(w http.ResponseWriter, r *http.Request) {
		got = r
		if r.URL.Path != "/unleash/api/admin/events" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, eventsBody)
	}
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{
			name: "production only",
			cfg:  Config{Environment: "production"},
			want: []string{
				"08:20 old.flag [] updated (enabled) by legacy",
				"08:30 lift.queue_display [] created by admin",
				"08:45 lift.queue_display [] strategy added: userWithId userIds=ops-1,ops-2 by admin",
				"09:20 pass.dynamic_pricing [ticketing] strategy updated: flexibleRollout rollout 10->50 by ines.moreau",
				"09:31 gate.offline_mode [gate-scanner] off->on by ines.moreau",
			},
		},
		{
			name: "every environment, named",
			cfg:  Config{},
			want: []string{
				"08:20 old.flag [] updated (enabled) by legacy",
				"08:30 lift.queue_display [] created by admin",
				"08:45 lift.queue_display [] strategy added: userWithId userIds=ops-1,ops-2 (production) by admin",
				"09:10 gate.offline_mode [lifts] on->off (development) by bot",
				"09:20 pass.dynamic_pricing [ticketing] strategy updated: flexibleRollout rollout 10->50 (production) by ines.moreau",
				"09:31 gate.offline_mode [gate-scanner] off->on (production) by ines.moreau",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serve(t, h, tt.cfg)
			res, err := c.Changes(context.Background(), start, end)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, ch := range res.Changes {
				lines = append(lines, fmt.Sprintf("%s %s [%s] %s by %s", ch.TS.Format("15:04"), ch.Flag, ch.Service, ch.Change, ch.Actor))
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
			if res.Skipped != 2 { // feature-tagged, project-created
				t.Errorf("skipped %d, want 2", res.Skipped)
			}
			if res.Incomplete {
				t.Error("incomplete, though every event was returned")
			}
			if got.Header.Get("Authorization") != "*:*.964a287e1b728cb5f4f3e0120df92cb5" {
				t.Errorf("authorization %q: want the raw token", got.Header.Get("Authorization"))
			}
			if res.Query != "GET /unleash/api/admin/events" {
				t.Errorf("query %q", res.Query)
			}
		})
	}
}

func TestChangesProjectAndIncomplete(t *testing.T) {
	var got *http.Request
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		fmt.Fprint(w, `{"version":1,"events":[{"id":5,"type":"feature-environment-enabled","createdAt":"2027-02-20T09:00:00Z","featureName":"f","project":"lifts","environment":"production","tags":[]}],"totalEvents":4000}`)
	}, Config{Project: "lifts", ServiceOf: func(e Event) string { return "svc-of-" + e.FeatureName }})
	res, err := c.Changes(context.Background(), start, end)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL.Query().Get("project") != "lifts" || res.Query != "GET /unleash/api/admin/events?project=lifts" {
		t.Errorf("request %s, query %q", got.URL, res.Query)
	}
	if !res.Incomplete {
		t.Error("4000 events held, one returned, newer than the window's start: want incomplete")
	}
	if len(res.Changes) != 1 || res.Changes[0].Service != "svc-of-f" {
		t.Errorf("changes %+v", res.Changes)
	}
}

func TestChangesErrors(t *testing.T) {
	tests := []struct {
		name       string
		code       int
		body       string
		errName    string
		msgContain string
	}{
		{"no token accepted", 401, `{"name":"AuthenticationRequired","message":"You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login.","path":"/auth/simple/login","type":"password"}`,
			"AuthenticationRequired", "You must log in"},
		{"client token", 403, `{"id":"8a3c","name":"NoAccessError","message":"You need permission=ADMIN to perform this action","details":[{"message":"You need permission=ADMIN to perform this action"}]}`,
			"NoAccessError", "permission=ADMIN"},
		{"proxy text", 502, `Bad Gateway`, "", "Bad Gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.code)
				fmt.Fprint(w, tt.body)
			}, Config{Token: "user:wrong"})
			_, err := c.Changes(context.Background(), start, end)
			var aerr *APIError
			if !errors.As(err, &aerr) {
				t.Fatalf("error %v (%T), want *APIError", err, err)
			}
			if aerr.StatusCode != tt.code || aerr.Name != tt.errName || !strings.Contains(aerr.Message, tt.msgContain) {
				t.Errorf("got %+v", aerr)
			}
			if strings.Contains(err.Error(), "user:wrong") {
				t.Errorf("error %q leaks the token", err)
			}
		})
	}
}

func TestBounds(t *testing.T) {
	big := serve(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"events":[],"pad":%q}`, strings.Repeat("x", 4096))
	}, Config{MaxBytes: 1024})
	if _, err := big.Changes(context.Background(), start, end); !errors.Is(err, ErrTooLarge) {
		t.Errorf("large body: %v", err)
	}
	slow := connect(t, apitest.Silent(t), Config{Timeout: 50 * time.Millisecond})
	if _, err := slow.Changes(context.Background(), start, end); err == nil {
		t.Error("no error from a server that never answers")
	}
	for _, cfg := range []Config{{URL: "http://unleash"}, {URL: "unleash", Token: "t"}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

func TestStrategyDiff(t *testing.T) {
	tests := []struct {
		before, after strategy
		want          string
	}{
		{strategy{Name: "flexibleRollout", Parameters: map[string]any{"rollout": "10"}}, strategy{Name: "flexibleRollout", Parameters: map[string]any{"rollout": "100"}}, "flexibleRollout rollout 10->100"},
		{strategy{Name: "default"}, strategy{Name: "default", Disabled: true}, "default disabled"},
		{strategy{Parameters: map[string]any{"a": 1, "b": 2}}, strategy{Name: "x", Parameters: map[string]any{"b": 2, "c": 3}}, "x a removed c=3"},
		{strategy{}, strategy{}, "(unnamed)"},
	}
	for _, tt := range tests {
		if got := strategyDiff(tt.before, tt.after); got != tt.want {
			t.Errorf("strategyDiff = %q, want %q", got, tt.want)
		}
	}
}
