package zoom_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/gcal"
	"github.com/warroom/warroom/internal/provider/zoom"
	sandboxgcal "github.com/warroom/warroom/internal/sandbox/gcal"
)

func TestBridgeDispatchesOnProvider(t *testing.T) {
	f := setup(t, nil)
	gfake := sandboxgcal.NewServer()
	gfake.AddUser(token, "alice@example.com") // the same bearer string, so a misrouted call would succeed at the wrong fake
	gsrv := httptest.NewServer(gfake.Handler())
	t.Cleanup(gsrv.Close)
	meet := gcal.NewMeet(testBrief, gcal.Options{Endpoint: gsrv.URL + "/calendar/v3/", Now: func() time.Time { return t0 }})
	b := zoom.NewBridge(f.ex, meet)

	for _, tc := range []struct {
		params       string
		wantProvider string
		wantScope    string
		wantSummary  string
		wantZoom     int
		wantGoogle   int
	}{
		{`{"provider":"zoom"}`, "zoom", "meeting:write:meeting", "Zoom meeting", 1, 0},
		{`{"provider":"meet"}`, "google", gcal.Scope, "Google Meet", 1, 1},
	} {
		req := request(tc.params)
		p, scopes := b.Credential(req.Action)
		if p != tc.wantProvider || !strings.Contains(strings.Join(scopes, " "), tc.wantScope) {
			t.Errorf("%s: Credential = %q %v", tc.params, p, scopes)
		}
		res, err := b.Execute(context.Background(), req)
		if err != nil || !strings.Contains(res.Summary, tc.wantSummary) {
			t.Fatalf("%s: Execute = %q, %v", tc.params, res.Summary, err)
		}
		if _, done, err := b.Reconcile(context.Background(), req); err != nil || !done {
			t.Errorf("%s: Reconcile = %v, %v", tc.params, done, err)
		}
		if z, g := len(f.fake.Meetings("")), len(gfake.Events("alice@example.com")); z != tc.wantZoom || g != tc.wantGoogle {
			t.Errorf("%s: zoom meetings %d, google events %d; want %d, %d", tc.params, z, g, tc.wantZoom, tc.wantGoogle)
		}
	}
}

func TestBridgeRefusesUnknownOrUnconfiguredProvider(t *testing.T) {
	f := setup(t, nil)
	for _, tc := range []struct {
		name   string
		b      *zoom.Bridge
		params string
	}{
		{"unknown provider", zoom.NewBridge(f.ex, nil), `{"provider":"teams"}`},
		{"missing provider", zoom.NewBridge(f.ex, nil), `{}`},
		{"meet not configured", zoom.NewBridge(f.ex, nil), `{"provider":"meet"}`},
		{"zoom not configured", zoom.NewBridge(nil, nil), `{"provider":"zoom"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := request(tc.params)
			req.Action.Params = json.RawMessage(tc.params)
			if _, err := tc.b.Execute(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
				t.Errorf("Execute err = %v, want ErrPermanent", err)
			}
			if _, _, err := tc.b.Reconcile(context.Background(), req); !errors.Is(err, action.ErrPermanent) {
				t.Errorf("Reconcile err = %v, want ErrPermanent", err)
			}
			tc.b.Credential(incident.Action{Params: req.Action.Params}) // must not panic
			if n := f.fake.TotalCalls(); n != 0 {
				t.Errorf("requests at zoom = %d, want 0", n)
			}
		})
	}
}
