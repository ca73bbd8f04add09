package dashboard_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// With CanView (OpenFGA's viewer relation in production), an engineer who
// is neither the owner nor a responder does not see the incident in the
// list, cannot open it, stream it, read its audit or act on it.
func TestCanViewLimitsIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{mod: func(o *dashboard.Options) {
			o.CanView = func(_ context.Context, engineer string, inc incident.Incident) (bool, error) {
				return engineer == inc.Owner || engineer == "carol", nil // carol: a responder of the service
			}
		}})
		inc, _, _ := e.scenario("hidden from mallory")
		for _, who := range []string{"alice", "carol"} {
			if page := e.as(who).get("/"); !strings.Contains(page.body, "hidden from mallory") {
				t.Fatalf("%s does not see the incident in the list", who)
			}
			if page := e.as(who).get("/incidents/" + inc.ID); page.status != http.StatusOK {
				t.Fatalf("%s opening the incident: %d", who, page.status)
			}
		}
		mallory := e.as("mallory")
		if page := mallory.get("/"); strings.Contains(page.body, "hidden from mallory") {
			t.Fatal("mallory sees the incident in the list")
		}
		for _, path := range []string{"/incidents/" + inc.ID, "/incidents/" + inc.ID + "/panel", "/incidents/" + inc.ID + "/events/stream",
			"/incidents/" + inc.ID + "/audit", "/incidents/" + inc.ID + "/audit.jsonl"} {
			if page := mallory.get(path); page.status != http.StatusForbidden || strings.Contains(page.body, "hidden from mallory") {
				t.Errorf("mallory GET %s: %d", path, page.status)
			}
		}
		if r := mallory.post("/incidents/"+inc.ID+"/status", url.Values{"status": {"resolved"}}, mallory.token()); r.status != http.StatusForbidden {
			t.Errorf("mallory resolving: %d", r.status)
		}
		if got, _ := e.st.GetIncident(context.Background(), inc.ID); got.Status != incident.StatusOpen {
			t.Fatalf("status changed to %s", got.Status)
		}
	})
}
