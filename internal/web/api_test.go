package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/web"
)

// tokenAuth stands in for the JWT validator: "Bearer <engineer>:<scope,scope>".
type tokenAuth struct{}

func (tokenAuth) Authenticate(r *http.Request, scopes ...string) (web.Principal, error) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return web.Principal{}, web.ErrUnauthenticated
	}
	who, granted, _ := strings.Cut(raw, ":")
	for _, need := range scopes {
		if !strings.Contains(","+granted+",", ","+need+",") {
			return web.Principal{}, web.ErrInsufficientScope
		}
	}
	return web.Principal{Engineer: who, Scopes: strings.Split(granted, ",")}, nil
}

// responders is an access.Policy: the owner, bob and carol (responders) see
// and manage every incident; dave (an auditor) sees all and changes nothing;
// anyone else sees nothing.
type responders struct{}

func (responders) CanView(_ context.Context, who string, inc incident.Incident) (bool, error) {
	return who == inc.Owner || who == "bob" || who == "carol" || who == "dave", nil
}

func (responders) CanManage(_ context.Context, who string, inc incident.Incident) (bool, error) {
	return who == inc.Owner || who == "bob" || who == "carol", nil
}

func (responders) CanAudit(_ context.Context, who string) (bool, error) { return who == "dave", nil }

func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := storetest.Open(t, d)
		eng, err := engine.New(st, engine.Options{Kinds: []string{"revert_pr"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		inc, err := eng.OpenIncident(ctx, "checkout 5xx", "checkout-api", "alice", incident.SevP1, incident.System)
		if err != nil {
			t.Fatal(err)
		}
		_, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh,
			Class: incident.ClassProtected, Target: "github:acme/checkout", Approver: "alice", Delegates: []string{"carol"}, By: incident.System})
		if err != nil {
			t.Fatal(err)
		}
		var started atomic.Bool
		started.Store(true)
		srv := &web.Server{Store: st, Gatherer: prometheus.NewRegistry(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Started: &started, API: &web.API{Auth: tokenAuth{}, Store: st, Decider: eng, Access: responders{}}}
		h := srv.Handler(prometheus.NewRegistry())
		do := func(method, path, token, body string) (int, map[string]any) {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var out map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			return rec.Code, out
		}
		code := func(out map[string]any) string {
			if e, ok := out["error"].(map[string]any); ok {
				return e["code"].(string)
			}
			return ""
		}
		read := "read:incidents"
		both := "read:incidents,approve:actions"
		dec := `{"decision":"approved"}`
		steps := []struct {
			name, method, path, token, body string
			want                            int
			wantCode                        string
		}{
			{"no token", "GET", "/v1/incidents", "", "", 401, "unauthenticated"},
			{"missing scope", "GET", "/v1/incidents", "bob:", "", 403, "insufficient_scope"},
			{"list", "GET", "/v1/incidents?status=open", "bob:" + read, "", 200, ""},
			{"bad filter", "GET", "/v1/incidents?severity=P9", "bob:" + read, "", 400, "invalid"},
			{"page of one", "GET", "/v1/incidents?limit=1", "bob:" + read, "", 200, ""},
			{"limit too small", "GET", "/v1/incidents?limit=0", "bob:" + read, "", 400, "invalid"},
			{"limit too large", "GET", "/v1/incidents?limit=501", "bob:" + read, "", 400, "invalid"},
			{"forged cursor", "GET", "/v1/incidents?cursor=bm90LWEtY3Vyc29y", "bob:" + read, "", 400, "invalid"},
			{"detail", "GET", "/v1/incidents/" + inc.ID, "bob:" + read, "", 200, ""},
			{"unknown incident", "GET", "/v1/incidents/nope", "bob:" + read, "", 404, "not_found"},
			// mallory is in no rotation: the incident does not exist for her.
			{"hidden detail", "GET", "/v1/incidents/" + inc.ID, "mallory:" + read, "", 404, "not_found"},
			{"hidden events", "GET", "/v1/incidents/" + inc.ID + "/events", "mallory:" + read, "", 404, "not_found"},
			{"hidden status", "POST", "/v1/incidents/" + inc.ID + "/status", "mallory:read:incidents,manage:incidents", `{"status":"invalidated"}`, 404, "not_found"},
			{"auditor may not change", "POST", "/v1/incidents/" + inc.ID + "/status", "dave:read:incidents,manage:incidents", `{"status":"invalidated"}`, 403, "not_manager"},
			{"events", "GET", "/v1/incidents/" + inc.ID + "/events?after=0", "bob:" + read, "", 200, ""},
			{"bad cursor", "GET", "/v1/incidents/" + inc.ID + "/events?after=-1", "bob:" + read, "", 400, "invalid"},
			{"decide without approve scope", "POST", "/v1/approvals/" + ap.ID + "/decision", "alice:" + read, dec, 403, "insufficient_scope"},
			{"stranger decides", "POST", "/v1/approvals/" + ap.ID + "/decision", "bob:" + both, dec, 403, "not_approver"},
			{"identity in the body is ignored", "POST", "/v1/approvals/" + ap.ID + "/decision", "bob:" + both, `{"decision":"approved","engineer":"alice"}`, 400, "invalid"},
			{"bad decision", "POST", "/v1/approvals/" + ap.ID + "/decision", "alice:" + both, `{"decision":"maybe"}`, 400, "invalid"},
			{"unknown approval", "POST", "/v1/approvals/nope/decision", "alice:" + both, dec, 404, "not_found"},
			{"delegate approves", "POST", "/v1/approvals/" + ap.ID + "/decision", "carol:" + both, dec, 200, ""},
			{"second decision", "POST", "/v1/approvals/" + ap.ID + "/decision", "alice:" + both, dec, 409, "already_decided"},
		}
		for _, s := range steps {
			got, out := do(s.method, s.path, s.token, s.body)
			if got != s.want || code(out) != s.wantCode {
				t.Fatalf("%s: %d %v, want %d %q", s.name, got, out, s.want, s.wantCode)
			}
		}
		for who, want := range map[string]int{"bob": 1, "dave": 1, "mallory": 0} {
			if _, out := do("GET", "/v1/incidents", who+":"+read, ""); len(out["incidents"].([]any)) != want {
				t.Fatalf("%s lists %v", who, out)
			}
		}
		if got, _ := st.GetIncident(ctx, inc.ID); got.Status != incident.StatusOpen {
			t.Fatalf("status moved to %s by someone who may not", got.Status)
		}
		// The approval ran as the delegate who approved, not as anyone named in a body,
		// and the scopes her token carried are kept for the scope gate.
		a, _ := st.ListActions(ctx, inc.ID)
		if a[0].ApprovedBy != "carol" || a[0].Status != incident.ActionApproved {
			t.Fatalf("action %+v", a[0])
		}
		if decided, err := st.DecidedApproval(ctx, a[0].ID); err != nil || len(decided.DecidedScopes) != 2 || decided.DecidedScopes[1] != "approve:actions" {
			t.Fatalf("decided scopes %+v %v", decided.DecidedScopes, err)
		}
		// Before deciding, the detail told each viewer whether they could decide.
		_, ap2, _ := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh,
			Class: incident.ClassProtected, Target: "github:acme/checkout", Approver: "alice", By: incident.System})
		_, out := do("GET", "/v1/incidents/"+inc.ID, "bob:"+read, "")
		pend := out["pending_approvals"].([]any)[0].(map[string]any)
		if pend["id"] != ap2.ID || pend["waiting_for"] != "alice" || pend["can_decide"] != false {
			t.Fatalf("bob's view %v", pend)
		}
		_, out = do("GET", "/v1/approvals", "alice:"+read, "")
		if mine := out["approvals"].([]any); len(mine) != 1 || mine[0].(map[string]any)["can_decide"] != true {
			t.Fatalf("alice's approvals %v", out)
		}

		// Resolving the incident cancels the wait still open on it, as the resolver.
		manage := "read:incidents,manage:incidents"
		if got, out := do("POST", "/v1/incidents/"+inc.ID+"/status", "bob:"+read, `{"status":"resolved"}`); got != 403 || code(out) != "insufficient_scope" {
			t.Fatalf("resolve without scope: %d %v", got, out)
		}
		if got, out := do("POST", "/v1/incidents/"+inc.ID+"/status", "bob:"+manage, `{"status":"open"}`); got != 400 {
			t.Fatalf("reopen: %d %v", got, out)
		}
		if got, out := do("POST", "/v1/incidents/"+inc.ID+"/status", "bob:"+manage, `{"status":"resolved"}`); got != 200 || out["status"] != "resolved" {
			t.Fatalf("resolve: %d %v", got, out)
		}
		if got, out := do("POST", "/v1/incidents/"+inc.ID+"/status", "bob:"+manage, `{"status":"invalidated"}`); got != 409 {
			t.Fatalf("a resolved incident moved again: %d %v", got, out)
		}
		if p, _ := st.PendingApprovals(ctx, ""); len(p) != 0 {
			t.Fatalf("waits left open on a resolved incident: %+v", p)
		}
		if got, out := do("POST", "/v1/approvals/"+ap2.ID+"/decision", "alice:"+both, dec); got != 409 || code(out) != "already_decided" {
			t.Fatalf("deciding a cancelled wait: %d %v", got, out)
		}
		evs, _ := st.ListEvents(ctx, inc.ID, 0, 0)
		var byBob bool
		for _, ev := range evs {
			byBob = byBob || (ev.Type == incident.EventStatusChanged && ev.Actor.ID == "bob" && ev.Actor.Type == incident.ActorHuman)
		}
		if !byBob {
			t.Fatal("the resolution is not attributed to bob")
		}

		// Pages: four more incidents, erin's (alice sees none of them).
		// Following next_cursor visits every incident the reader may see
		// once, newest first, and the last page has no cursor.
		for i := range 4 {
			if _, err := eng.OpenIncident(ctx, fmt.Sprintf("queue lag %d", i), "ledger", "erin", incident.SevP2, incident.System); err != nil {
				t.Fatal(err)
			}
		}
		pages := func(who string, limit int) (sizes []int, ids []string) {
			cursor := ""
			for range 10 {
				got, out := do("GET", fmt.Sprintf("/v1/incidents?limit=%d&cursor=%s", limit, cursor), who+":"+read, "")
				if got != 200 {
					t.Fatalf("page for %s: %d %v", who, got, out)
				}
				list, _ := out["incidents"].([]any)
				sizes = append(sizes, len(list))
				for _, x := range list {
					ids = append(ids, x.(map[string]any)["id"].(string))
				}
				next, _ := out["next_cursor"].(string)
				if next == "" {
					return sizes, ids
				}
				cursor = next
			}
			t.Fatalf("%s: more than ten pages", who)
			return nil, nil
		}
		if sizes, ids := pages("bob", 2); fmt.Sprint(sizes) != "[2 2 1]" || len(ids) != 5 || ids[4] != inc.ID {
			t.Fatalf("bob's pages %v: %v", sizes, ids)
		}
		if _, ids := pages("alice", 1); len(ids) != 1 || ids[0] != inc.ID {
			t.Fatalf("alice's pages: %v, want only %s", ids, inc.ID)
		}
	})
}
