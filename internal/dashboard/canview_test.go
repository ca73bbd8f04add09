package dashboard_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// visibility: alice owns, carol responds, dave audits (sees all, changes
// nothing), mallory is in no rotation.
var visibility = policy{
	view: func(engineer string, inc incident.Incident) bool {
		return engineer == inc.Owner || engineer == "carol" || engineer == "dave"
	},
	manage: func(engineer string, inc incident.Incident) bool { return engineer == inc.Owner || engineer == "carol" },
	audit:  func(engineer string) bool { return engineer == "dave" },
}

// With Access (OpenFGA's viewer relation in production), an engineer who is
// neither the owner nor a responder does not see the incident in the list,
// cannot open it, stream it, read its audit or act on it, and gets the same
// 404 as for an incident that does not exist.
func TestAccessLimitsIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{mod: func(o *dashboard.Options) { o.Access = visibility }})
		inc, _, _ := e.scenario("hidden from mallory")
		for _, who := range []string{"alice", "carol", "dave"} {
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
		missing := mallory.get("/incidents/no-such-incident")
		for _, path := range []string{"/incidents/" + inc.ID, "/incidents/" + inc.ID + "/panel", "/incidents/" + inc.ID + "/events/stream",
			"/incidents/" + inc.ID + "/audit", "/incidents/" + inc.ID + "/audit.jsonl",
			"/incidents/" + inc.ID + "/postmortem", "/incidents/" + inc.ID + "/postmortem.md"} {
			if page := mallory.get(path); page.status != http.StatusNotFound || strings.Contains(page.body, "hidden from mallory") {
				t.Errorf("mallory GET %s: %d", path, page.status)
			}
		}
		// Same page but for the id echoed in its Back link.
		if page := mallory.get("/incidents/" + inc.ID); strings.ReplaceAll(page.body, inc.ID, "no-such-incident") != missing.body {
			t.Errorf("a hidden incident's page differs from a missing one's:\n%s\n---\n%s", page.body, missing.body)
		}
		for _, c := range []struct {
			who    string
			path   string
			form   url.Values
			status int
		}{
			{"mallory", "/status", url.Values{"status": {"resolved"}}, http.StatusNotFound},
			{"mallory", "/notes", url.Values{"text": {"pwned"}}, http.StatusNotFound},
			{"mallory", "/bundle", url.Values{"approval": {"x"}, "decision": {"approved"}}, http.StatusNotFound},
			// dave may see everything but change nothing.
			{"dave", "/status", url.Values{"status": {"invalidated"}}, http.StatusForbidden},
			{"dave", "/notes", url.Values{"text": {"auditor note"}}, http.StatusForbidden},
		} {
			cl := e.as(c.who)
			if r := cl.post("/incidents/"+inc.ID+c.path, c.form, cl.token()); r.status != c.status {
				t.Errorf("%s POST %s: %d, want %d", c.who, c.path, r.status, c.status)
			}
		}
		ctx := context.Background()
		if got, _ := e.st.GetIncident(ctx, inc.ID); got.Status != incident.StatusOpen {
			t.Fatalf("status changed to %s", got.Status)
		}
		evs, err := e.st.ListEvents(ctx, inc.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Type == incident.EventNote {
				t.Fatalf("a note was stored by %s", ev.Actor.ID)
			}
		}
		// A responder may change it, and the entry names them.
		carol := e.as("carol")
		if r := carol.post("/incidents/"+inc.ID+"/status", url.Values{"status": {"mitigating"}}, carol.token()); r.status != http.StatusSeeOther && r.status != http.StatusOK {
			t.Fatalf("carol marking mitigating: %d", r.status)
		}
		found := false
		_ = e.st.ScanAudit(ctx, store.AuditFilter{IncidentID: inc.ID}, func(en audit.Entry) error {
			found = found || (en.Action == "incident.status:mitigating" && en.Actor.ID == "carol")
			return nil
		})
		if !found {
			t.Fatal("no audit entry names carol for the status change")
		}
	})
}

// The global audit page and export hold only what the viewer may see (the
// entries of their incidents and their own), an auditor's hold everything,
// and every export verifies with the positions it names.
func TestGlobalAuditIsFiltered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{mod: func(o *dashboard.Options) { o.Access = visibility }})
		mine, _, _ := e.scenario("alice's incident")
		ctx := context.Background()
		other, err := e.eng.OpenIncident(ctx, "bob's secret incident", "ledger", "bob", incident.SevP2, incident.System)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AppendAudit(ctx, audit.Entry{Actor: incident.Actor{ID: "bob", Type: incident.ActorHuman},
			Action: "incident.note", IncidentID: other.ID, Outcome: audit.OutcomeSuccess, Detail: "private note text"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who      string
			sees     []string
			hidden   []string
			complete bool
		}{
			{"alice", []string{mine.ID}, []string{other.ID, "private note text"}, false},
			{"mallory", nil, []string{mine.ID, other.ID, "private note text"}, false},
			{"dave", []string{mine.ID, other.ID, "private note text"}, nil, true},
		} {
			cl := e.as(c.who)
			page := cl.get("/audit").body
			export := cl.get("/audit.jsonl").body
			for _, s := range c.sees {
				if !strings.Contains(page, s) || !strings.Contains(export, s) {
					t.Errorf("%s: %q missing from the audit page or export", c.who, s)
				}
			}
			for _, s := range c.hidden {
				if strings.Contains(page, s) || strings.Contains(export, s) {
					t.Errorf("%s: %q shown", c.who, s)
				}
			}
			tr, err := audit.VerifyExport(strings.NewReader(export))
			if err != nil {
				t.Fatalf("%s: export does not verify: %v\n%s", c.who, err, export)
			}
			if tr.Complete != c.complete {
				t.Errorf("%s: complete = %v (positions %q of head %d)", c.who, tr.Complete, tr.Positions, tr.HeadSeq)
			}
		}
	})
}
