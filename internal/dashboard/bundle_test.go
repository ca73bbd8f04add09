package dashboard_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// proposeAs proposes one action of kind waiting for approver.
func (e *env) proposeAs(incidentID, kind, approver string) incident.Approval {
	e.t.Helper()
	params, _ := json.Marshal(map[string]any{"topic": "x", "shas": []string{"0123456789abcdef0123456789abcdef01234567"}})
	_, ap, err := e.eng.Propose(context.Background(), engine.Proposal{IncidentID: incidentID, Kind: kind, Risk: incident.RiskMedium,
		Class: incident.ClassProtected, Target: "x:" + kind, Params: params, Reason: "plan", Approver: approver,
		By: incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}})
	if err != nil {
		e.t.Fatal(err)
	}
	return *ap
}

// TestBundle: one decision approves the coordination actions the viewer was
// shown, one approval per action by the viewer; anything else named in the
// form refuses the whole request and changes nothing.
func TestBundle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		ctx := context.Background()
		inc, _, channel := e.scenario("ledger writes failing")
		bridge := e.proposeAs(inc.ID, "meeting_bridge", "alice")
		page := e.proposeAs(inc.ID, "page_responders", "alice")
		revert := e.proposeAs(inc.ID, "revert_pr", "alice")
		forBob := e.proposeAs(inc.ID, "meeting_bridge", "bob")
		path := "/incidents/" + inc.ID + "/bundle"
		alice, bob := e.as("alice"), e.as("bob")

		body := alice.get("/incidents/" + inc.ID).body
		for _, id := range []string{channel.ID, bridge.ID, page.ID} {
			if !strings.Contains(body, `name="approval" value="`+id+`"`) {
				t.Errorf("the bundle form lacks %s", id)
			}
		}
		if strings.Contains(body, `name="approval" value="`+revert.ID+`"`) || strings.Contains(body, `name="approval" value="`+forBob.ID+`"`) {
			t.Error("the bundle names the revert or bob's approval")
		}

		pendingCount := func() int {
			ps, err := e.st.PendingApprovalsOf(ctx, inc.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(ps)
		}
		for _, tc := range []struct {
			name string
			c    *client
			ids  []string
			dec  string
			want int
		}{
			{"a remediation in the bundle", alice, []string{channel.ID, revert.ID}, "approved", http.StatusBadRequest},
			{"someone else's approval", alice, []string{channel.ID, forBob.ID}, "approved", http.StatusBadRequest},
			{"not the approver", bob, []string{channel.ID}, "approved", http.StatusBadRequest},
			{"an unknown approval", alice, []string{channel.ID, "nope"}, "approved", http.StatusConflict},
			{"no approval named", alice, nil, "approved", http.StatusBadRequest},
			{"no decision", alice, []string{channel.ID}, "", http.StatusBadRequest},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.c.post(path, url.Values{"approval": tc.ids, "decision": {tc.dec}}, tc.c.token())
				if r.status != tc.want {
					t.Fatalf("%d, want %d\n%s", r.status, tc.want, r.body)
				}
				if n := pendingCount(); n != 5 {
					t.Fatalf("%d pending after a refused bundle, want all 5", n)
				}
			})
		}

		r := alice.post(path, url.Values{"approval": {channel.ID, bridge.ID, page.ID}, "decision": {"approved"}}, alice.token())
		if r.status != http.StatusSeeOther {
			t.Fatalf("bundle: %d\n%s", r.status, r.body)
		}
		decided := 0
		for _, ev := range e.events(inc.ID) {
			if ev.Type == incident.EventApprovalDecided {
				if ev.Actor.ID != "alice" {
					t.Errorf("decided by %s", ev.Actor.ID)
				}
				decided++
			}
		}
		if decided != 3 || pendingCount() != 2 {
			t.Fatalf("%d decisions, %d pending; want 3 and 2 (the revert and bob's)", decided, pendingCount())
		}
		for _, id := range []string{channel.ID, bridge.ID, page.ID} {
			ap, err := e.st.GetApproval(ctx, id)
			if err != nil || ap.DecidedBy != "alice" || ap.Decision != incident.DecisionApproved {
				t.Errorf("approval %s: %+v %v", id, ap, err)
			}
		}
		// Submitted twice (a double tap): nothing is decided again.
		if r := alice.post(path, url.Values{"approval": {channel.ID}, "decision": {"approved"}}, alice.token()); r.status != http.StatusConflict {
			t.Errorf("bundle again: %d", r.status)
		}
	})
}

// TestPostmortemPage: the draft is built from the record for anyone who may
// see the incident, as a page and as Markdown; others get the same 404 as
// for an incident that does not exist.
func TestPostmortemPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{mod: func(o *dashboard.Options) { o.Access = visibility }})
		inc, _, _ := e.scenario("ledger writes failing")
		alice := e.as("alice")
		page := alice.get("/incidents/" + inc.ID + "/postmortem")
		if page.status != http.StatusOK || !strings.Contains(page.body, "Postmortem: ledger writes failing") ||
			!strings.Contains(page.body, "war_room_channel") || !strings.Contains(page.body, "What went well") {
			t.Fatalf("page: %d\n%s", page.status, page.body)
		}
		md := alice.get("/incidents/" + inc.ID + "/postmortem.md")
		if md.status != http.StatusOK || !strings.HasPrefix(md.header.Get("Content-Type"), "text/markdown") ||
			!strings.Contains(md.header.Get("Content-Disposition"), "postmortem-"+inc.ID+".md") || !strings.HasPrefix(md.body, "# Postmortem: ledger writes failing") {
			t.Fatalf("markdown: %d %v\n%s", md.status, md.header, md.body)
		}
		for _, p := range []string{"/postmortem", "/postmortem.md"} {
			if r := e.as("mallory").get("/incidents/" + inc.ID + p); r.status != http.StatusNotFound {
				t.Errorf("mallory gets %s: %d", p, r.status)
			}
		}
	})
}
