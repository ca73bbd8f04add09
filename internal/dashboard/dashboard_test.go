package dashboard_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/dashboard"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/stepup"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/vault"
)

func TestNewRequiresDependencies(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	eng, err := engine.New(st, engine.Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	hub := live.New(st, live.Options{})
	full := dashboard.Options{Store: st, Decider: eng, Viewer: testViewer, Live: hub, Access: policy{}}
	for _, c := range []struct {
		name string
		mod  func(*dashboard.Options)
		ok   bool
	}{
		{"complete", func(*dashboard.Options) {}, true},
		{"no store", func(o *dashboard.Options) { o.Store = nil }, false},
		{"no decider", func(o *dashboard.Options) { o.Decider = nil }, false},
		{"no viewer", func(o *dashboard.Options) { o.Viewer = nil }, false},
		{"no live hub", func(o *dashboard.Options) { o.Live = nil }, false},
		{"no access policy", func(o *dashboard.Options) { o.Access = nil }, false},
	} {
		o := full
		c.mod(&o)
		if _, err := dashboard.New(o); (err == nil) != c.ok {
			t.Errorf("%s: New error %v, want ok %v", c.name, err, c.ok)
		}
	}
}

// TestSignInAndHeaders: every route needs a signed-in viewer (pages send
// visitors to sign in, streams and forms refuse them), and every answer
// carries the strict security headers.
func TestSignInAndHeaders(t *testing.T) {
	e := newEnv(t, store.SQLite, envOpts{mod: func(o *dashboard.Options) { o.Enroller = &fakeEnroller{} }})
	inc, _, _ := e.scenario("checkout 5xx")
	anon, alice := e.as(""), e.as("alice")
	pages := []string{"/", "/incidents/" + inc.ID, "/incidents/" + inc.ID + "/audit", "/audit", "/consent", "/team", "/me/totp",
		"/audit.jsonl", "/incidents/" + inc.ID + "/audit.jsonl"}
	for _, p := range pages {
		if r := anon.get(p); r.status != http.StatusSeeOther || r.header.Get("Location") != "/login" {
			t.Errorf("anonymous GET %s: %d %q, want 303 to /login", p, r.status, r.header.Get("Location"))
		}
		r := alice.get(p)
		if r.status != http.StatusOK {
			t.Errorf("alice GET %s: %d", p, r.status)
		}
		checkHeaders(t, "GET "+p, r)
	}
	for _, p := range []string{"/incidents/" + inc.ID + "/panel", "/incidents/" + inc.ID + "/events/stream", "/incidents/stream"} {
		if r := anon.get(p); r.status != http.StatusUnauthorized {
			t.Errorf("anonymous GET %s: %d, want 401", p, r.status)
		}
	}
	if r := anon.post("/incidents/"+inc.ID+"/notes", url.Values{"text": {"hi"}}, ""); r.status != http.StatusUnauthorized {
		t.Errorf("anonymous POST: %d, want 401", r.status)
	}
	if r := alice.get("/static/app.js"); r.status != http.StatusOK || !strings.Contains(r.body, "EventSource") {
		t.Errorf("static script: %d", r.status)
	}
	if r := alice.get("/static/"); r.status != http.StatusNotFound {
		t.Errorf("static directory listing: %d, want 404", r.status)
	}
	// No inline script anywhere: the policy would block it, so none may be needed.
	for _, p := range pages[:6] {
		if body := alice.get(p).body; strings.Contains(body, "<script>") || strings.Contains(body, " onclick=") {
			t.Errorf("%s has inline script", p)
		}
	}
	for _, bad := range []string{"/?severity=P9", "/?cursor=bm90LWEtY3Vyc29y"} {
		if r := alice.get(bad); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, r.status)
		}
	}
	if r := alice.get("/incidents/nope"); r.status != http.StatusNotFound {
		t.Errorf("unknown incident: %d", r.status)
	}
}

func checkHeaders(t *testing.T, what string, r resp) {
	t.Helper()
	csp := r.header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", what, csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: CSP allows inline code: %q", what, csp)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("%s: headers %v", what, r.header)
	}
}

// TestCSRF: a state-changing form is refused without the viewer's token,
// with another engineer's token, or from another origin, and changes nothing.
func TestCSRF(t *testing.T) {
	e := newEnv(t, store.SQLite, envOpts{})
	inc, _, _ := e.scenario("checkout 5xx")
	alice, bob := e.as("alice"), e.as("bob")
	aliceTok, bobTok := alice.token(), bob.token()
	noCookie := e.as("alice") // signed in, but never loaded a page: no CSRF cookie
	cases := []struct {
		name   string
		c      *client
		token  string
		header []string
		want   int
	}{
		{"no token", alice, "", nil, http.StatusForbidden},
		{"forged token", alice, "AAAA" + aliceTok[4:], nil, http.StatusForbidden},
		{"bob's token in alice's session", alice, bobTok, nil, http.StatusForbidden},
		{"token without its cookie", noCookie, aliceTok, nil, http.StatusForbidden},
		{"cross-origin", alice, aliceTok, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"opaque origin", alice, aliceTok, []string{"Origin", "null"}, http.StatusForbidden},
		{"fetch metadata cross-site", alice, aliceTok, []string{"Origin", "", "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"valid", alice, aliceTok, nil, http.StatusSeeOther},
		{"valid without Origin (old browser)", alice, aliceTok, []string{"Origin", ""}, http.StatusSeeOther},
	}
	for _, c := range cases {
		before := len(e.events(inc.ID))
		r := c.c.post("/incidents/"+inc.ID+"/notes", url.Values{"text": {"note: " + c.name}}, c.token, c.header...)
		if r.status != c.want {
			t.Errorf("%s: %d, want %d", c.name, r.status, c.want)
		}
		added := len(e.events(inc.ID)) - before
		if (c.want == http.StatusSeeOther) != (added == 1) {
			t.Errorf("%s: %d events added", c.name, added)
		}
		checkHeaders(t, c.name, r)
	}
	// The cookie is SameSite=Strict and HttpOnly.
	r, err := http.Get(e.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: "test_viewer", Value: "alice"})
	r, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	var found bool
	for _, ck := range r.Cookies() {
		if ck.Name == "warroom_csrf" {
			found = true
			if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
				t.Errorf("csrf cookie %+v", ck)
			}
		}
	}
	if !found {
		t.Error("no csrf cookie set on a first page")
	}
}

// TestApprovals: the engineer an approval waits for (or a delegate) sees
// Approve and Decline; anyone else sees "waiting for @alice" and can't
// decide even by posting; a decision is made once and a second is refused;
// the identity comes from the session, never the form.
func TestApprovals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		inc, a, ap := e.scenario("checkout 5xx")
		page := "/incidents/" + inc.ID
		views := []struct {
			who        string
			canDecide  bool
			delegateOf bool
		}{{"alice", true, false}, {"carol", true, true}, {"bob", false, false}}
		for _, v := range views {
			body := e.as(v.who).get(page).body
			hasButton := strings.Contains(body, `value="approved"`) && strings.Contains(body, `value="declined"`)
			if hasButton != v.canDecide {
				t.Errorf("%s sees approve/decline: %v, want %v", v.who, hasButton, v.canDecide)
			}
			if waiting := strings.Contains(body, "waiting for @alice"); waiting == v.canDecide {
				t.Errorf("%s sees 'waiting for @alice': %v", v.who, waiting)
			}
			if v.delegateOf != strings.Contains(body, "you are a delegate of @alice") {
				t.Errorf("%s: delegate note wrong", v.who)
			}
			panel := e.as(v.who).get(page + "/panel").body
			if strings.Contains(panel, `value="approved"`) != v.canDecide {
				t.Errorf("%s: panel fragment disagrees with the page", v.who)
			}
		}

		bob, alice, carol := e.as("bob"), e.as("alice"), e.as("carol")
		decide := "/approvals/" + ap.ID + "/decision"
		steps := []struct {
			name    string
			c       *client
			form    url.Values
			want    int
			heading string
		}{
			{"bob approves", bob, url.Values{"decision": {"approved"}}, http.StatusForbidden, "Not yours to decide"},
			{"bob names alice in the form", bob, url.Values{"decision": {"approved"}, "engineer": {"alice"}, "viewer": {"alice"}}, http.StatusForbidden, "Not yours to decide"},
			{"bad decision", alice, url.Values{"decision": {"maybe"}}, http.StatusBadRequest, "Invalid decision"},
			{"unknown approval", alice, url.Values{"decision": {"approved"}}, http.StatusNotFound, "Not found"},
			{"alice approves", alice, url.Values{"decision": {"approved"}}, http.StatusSeeOther, ""},
			{"alice again (replay)", alice, url.Values{"decision": {"approved"}}, http.StatusConflict, "Already decided"},
			{"carol declines after", carol, url.Values{"decision": {"declined"}}, http.StatusConflict, "Already decided"},
		}
		for _, s := range steps {
			path := decide
			if s.name == "unknown approval" {
				path = "/approvals/nope/decision"
			}
			r := s.c.post(path, s.form, s.c.token())
			if r.status != s.want || !strings.Contains(r.body, s.heading) {
				t.Fatalf("%s: %d, want %d %q\n%s", s.name, r.status, s.want, s.heading, r.body)
			}
			if s.want == http.StatusSeeOther && r.header.Get("Location") != page {
				t.Fatalf("%s: redirected to %q", s.name, r.header.Get("Location"))
			}
			if s.want == http.StatusConflict && !strings.Contains(r.body, `href="`+page+`"`) {
				t.Fatalf("%s: the error page does not lead back to the incident", s.name)
			}
		}
		acts, _ := e.st.ListActions(context.Background(), inc.ID)
		if acts[0].ID != a.ID || acts[0].Status != incident.ActionApproved || acts[0].ApprovedBy != "alice" {
			t.Fatalf("action after decisions: %+v", acts[0])
		}
		// The dashboard's decision carried the approve scope for the scope gate.
		if got, err := e.st.DecidedApproval(context.Background(), a.ID); err != nil || strings.Join(got.DecidedScopes, " ") != "approve:actions" {
			t.Fatalf("decided scopes %v %v", got.DecidedScopes, err)
		}
		body := bob.get(page).body
		if strings.Contains(body, `value="approved"`) || !strings.Contains(body, "Nothing is waiting") {
			t.Error("a decided approval still shows a card")
		}
	})
}

// TestStepUpAndReauthCards: a step-up card shows the method and message
// only (never the challenge's state), a code field to a TOTP approver,
// "check your device" to a CIBA approver, and "waiting" to everyone else;
// a re-authorization card links to /connect and retries.
func TestStepUpAndReauthCards(t *testing.T) {
	e := newEnv(t, store.SQLite, envOpts{})
	ctx := context.Background()
	inc, err := e.eng.OpenIncident(ctx, "payments down", "checkout", "alice", incident.SevP1, incident.System)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "SECRET-AUTH-REQ-1234"
	mk := func(kind incident.WaitKind, status incident.ActionStatus, challenge string) incident.Approval {
		id := fmt.Sprintf("%s-%d", kind, time.Now().UnixNano())
		a := incident.Action{ID: "act-" + id, IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh, Class: incident.ClassProtected,
			Status: status, Target: "github:acme/checkout", IdempotencyKey: "k-" + id, ApprovedBy: "alice", CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := e.st.CreateAction(ctx, a); err != nil {
			t.Fatal(err)
		}
		ap := incident.Approval{ID: id, ActionID: a.ID, IncidentID: inc.ID, Kind: kind, Target: "alice", CreatedAt: time.Now(), Challenge: []byte(challenge)}
		if err := e.st.CreateApproval(ctx, ap); err != nil {
			t.Fatal(err)
		}
		return ap
	}
	ciba := mk(incident.WaitStepUp, incident.ActionAwaitingStepUp, `{"method":"ciba","message":"Approve revert_pr on acme/checkout","state":{"auth_req_id":"`+secret+`"}}`)
	totp := mk(incident.WaitStepUp, incident.ActionAwaitingStepUp, `{"method":"totp","message":"Enter your code","state":"`+secret+`"}`)
	reauth := mk(incident.WaitReauth, incident.ActionAwaitingReauth, "")
	// An event that (wrongly) carried a handle would still not show it.
	ev, _ := incident.NewEvent(inc.ID, incident.EventStepUpRequested, incident.System, time.Now(),
		map[string]any{"method": "ciba", "message": "m", "state": secret, "nested": map[string]any{"access_token": secret}})
	if _, err := e.st.AppendEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}

	alice, bob := e.as("alice"), e.as("bob")
	page := alice.get("/incidents/" + inc.ID).body
	other := bob.get("/incidents/" + inc.ID).body
	checks := []struct {
		name string
		body string
		want string
		in   bool
	}{
		{"alice: ciba", page, "Check your device</strong>: approve the request “Approve revert_pr on acme/checkout”", true},
		{"alice: totp code field", page, `action="/approvals/` + totp.ID + `/stepup"`, true},
		{"alice: reauth link", page, `href="/connect/github"`, true},
		{"alice: retry", page, `action="/approvals/` + reauth.ID + `/retry"`, true},
		{"bob: no code field", other, `/stepup"`, false},
		{"bob: no retry", other, `/retry"`, false},
		{"bob: no device prompt", other, "Check your device", false},
		{"bob: waiting", other, "waiting for @alice", true},
		{"alice: no challenge state", page, secret, false},
		{"bob: no challenge state", other, secret, false},
		{"panel: no challenge state", alice.get("/incidents/" + inc.ID + "/panel").body, secret, false},
	}
	for _, c := range checks {
		if strings.Contains(c.body, c.want) != c.in {
			t.Errorf("%s: contains %q = %v", c.name, c.want, !c.in)
		}
	}
	// Nor does the stream.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	evs, _ := alice.stream(sctx, "/incidents/"+inc.ID+"/events/stream", "")
	for {
		got, ok := next(t, evs, 2*time.Second)
		if !ok {
			t.Fatal("stream ended before the step-up event")
		}
		if strings.Contains(got.Data, secret) {
			t.Fatalf("stream frame shows a secret: %s", got.Data)
		}
		if got.Event == string(incident.EventStepUpRequested) {
			break
		}
	}
	// Approving a step-up with a button is refused; the engine's own rule, shown plainly.
	if r := alice.post("/approvals/"+ciba.ID+"/decision", url.Values{"decision": {"approved"}}, alice.token()); r.status != http.StatusBadRequest {
		t.Errorf("approving a step-up by button: %d", r.status)
	}
	// Retry only applies to a re-authorization; bob cannot retry alice's.
	if r := alice.post("/approvals/"+totp.ID+"/retry", url.Values{}, alice.token()); r.status != http.StatusBadRequest {
		t.Errorf("retrying a step-up: %d", r.status)
	}
	if r := bob.post("/approvals/"+reauth.ID+"/retry", url.Values{}, bob.token()); r.status != http.StatusForbidden {
		t.Errorf("bob retries alice's re-authorization: %d", r.status)
	}
	if r := alice.post("/approvals/"+reauth.ID+"/retry", url.Values{}, alice.token()); r.status != http.StatusSeeOther {
		t.Errorf("alice retries: %d %s", r.status, r.body)
	}
	if got, _ := e.st.GetApproval(ctx, reauth.ID); got.Decision != incident.DecisionApproved || got.DecidedBy != "alice" {
		t.Errorf("re-authorization after retry: %+v", got)
	}
	// A TOTP code goes to the engine as the session's engineer (no step-up
	// answerer is configured in this engine, so it fails: shown, not a 500).
	if r := alice.post("/approvals/"+totp.ID+"/stepup", url.Values{"code": {""}}, alice.token()); r.status != http.StatusBadRequest {
		t.Errorf("empty code: %d", r.status)
	}
}

// TestStatusAndNotes: resolving and notes are recorded as the session's
// engineer, notes with an audit entry; invalid input changes nothing.
func TestStatusAndNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		inc, _, _ := e.scenario("checkout 5xx")
		bob := e.as("bob")
		tok := bob.token()
		steps := []struct {
			name string
			path string
			form url.Values
			want int
		}{
			{"empty note", "/notes", url.Values{"text": {"   "}}, http.StatusBadRequest},
			{"huge note", "/notes", url.Values{"text": {strings.Repeat("x", 4001)}}, http.StatusBadRequest},
			{"note", "/notes", url.Values{"text": {"RCA: a bad deploy <script>alert(1)</script>"}, "engineer": {"alice"}}, http.StatusSeeOther},
			{"reopen", "/status", url.Values{"status": {"open"}}, http.StatusBadRequest},
			{"resolve", "/status", url.Values{"status": {"resolved"}}, http.StatusSeeOther},
			{"invalidate a resolved incident", "/status", url.Values{"status": {"invalidated"}}, http.StatusConflict},
		}
		for _, s := range steps {
			if r := bob.post("/incidents/"+inc.ID+s.path, s.form, tok); r.status != s.want {
				t.Fatalf("%s: %d, want %d\n%s", s.name, r.status, s.want, r.body)
			}
		}
		var note, resolved bool
		for _, ev := range e.events(inc.ID) {
			human := ev.Actor == incident.Actor{ID: "bob", Type: incident.ActorHuman}
			note = note || (ev.Type == incident.EventNote && human)
			resolved = resolved || (ev.Type == incident.EventStatusChanged && human)
		}
		if !note || !resolved {
			t.Fatalf("note by bob %v, resolution by bob %v", note, resolved)
		}
		var audited bool
		_ = e.st.ScanAudit(context.Background(), store.AuditFilter{IncidentID: inc.ID}, func(a audit.Entry) error {
			audited = audited || (a.Action == "incident.note" && a.Actor.ID == "bob")
			return nil
		})
		if !audited {
			t.Fatal("the note has no audit entry")
		}
		body := bob.get("/incidents/" + inc.ID).body
		if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;alert(1)") {
			t.Fatal("a note's markup is not escaped")
		}
		if strings.Contains(body, `name="status"`) {
			t.Fatal("a resolved incident still offers status buttons")
		}
	})
}

// TestStreamResume: the activity stream sends every event as id/event/data,
// follows new ones live, and a reconnection with Last-Event-ID (or ?after)
// resumes exactly after it: nothing lost, nothing repeated.
func TestStreamResume(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		inc, _, _ := e.scenario("checkout 5xx")
		ctx := context.Background()
		note := func(i int) {
			ev, _ := incident.NewEvent(inc.ID, incident.EventNote, incident.Actor{ID: "bob", Type: incident.ActorHuman}, time.Now(), map[string]string{"text": fmt.Sprint("n", i)})
			if _, err := e.st.AppendEvent(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		total := int64(len(e.events(inc.ID)))
		bob := e.as("bob")
		var got []int64
		collect := func(ch <-chan sseEvent, until int64) {
			t.Helper()
			for len(got) == 0 || got[len(got)-1] < until {
				ev, ok := next(t, ch, 5*time.Second)
				if !ok {
					t.Fatalf("stream stalled after %v (want up to %d)", got, until)
				}
				seq, err := strconv.ParseInt(ev.ID, 10, 64)
				if err != nil {
					t.Fatalf("event without a numeric id: %+v", ev)
				}
				var data struct {
					Seq  int64  `json:"seq"`
					Type string `json:"type"`
					HTML string `json:"html"`
				}
				if err := json.Unmarshal([]byte(ev.Data), &data); err != nil || data.Seq != seq || data.Type != ev.Event ||
					!strings.Contains(data.HTML, fmt.Sprintf(`id="ev-%d"`, seq)) {
					t.Fatalf("frame %+v: %v", ev, err)
				}
				got = append(got, seq)
			}
		}
		// First connection: from ?after=1, then live events.
		c1, cancel1 := context.WithCancel(ctx)
		ch, r := bob.stream(c1, "/incidents/"+inc.ID+"/events/stream?after=1", "")
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("stream answer %d %s", r.StatusCode, r.Header.Get("Content-Type"))
		}
		collect(ch, total)
		for i := range 3 {
			note(i)
		}
		collect(ch, total+3)
		cancel1()
		// While disconnected, more happens.
		for i := 3; i < 8; i++ {
			note(i)
		}
		// The browser reconnects with the last id it saw; Last-Event-ID wins over ?after.
		c2, cancel2 := context.WithCancel(ctx)
		defer cancel2()
		ch, _ = bob.stream(c2, "/incidents/"+inc.ID+"/events/stream?after=0", strconv.FormatInt(got[len(got)-1], 10))
		collect(ch, total+8)
		for i, seq := range got {
			if seq != int64(i)+2 {
				t.Fatalf("sequence %v: lost or repeated an event at %d", got, i)
			}
		}
		// Heartbeats keep an idle stream open (comments, not events).
		if ev, ok := next(t, ch, 500*time.Millisecond); ok {
			t.Fatalf("unexpected event while idle: %+v", ev)
		}
		for _, bad := range []string{"-1", "x"} {
			if r := bob.get("/incidents/" + inc.ID + "/events/stream?after=" + bad); r.status != http.StatusBadRequest {
				t.Errorf("cursor %q: %d", bad, r.status)
			}
		}
		if r := bob.get("/incidents/nope/events/stream"); r.status != http.StatusNotFound {
			t.Errorf("unknown incident stream: %d", r.status)
		}
	})
}

// TestListStream: the incident list's stream sends the current rows, then
// a new incident's row and a row that leaves the filter.
func TestListStream(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		first, _, _ := e.scenario("first")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ch, _ := e.as("bob").stream(ctx, "/incidents/stream?status=open", "")
		row := func() (string, string) {
			t.Helper()
			ev, ok := next(t, ch, 5*time.Second)
			if !ok || ev.Event != "incident" {
				t.Fatalf("list stream: %+v %v", ev, ok)
			}
			var d struct{ ID, HTML string }
			_ = json.Unmarshal([]byte(ev.Data), &d)
			return d.ID, d.HTML
		}
		if id, html := row(); id != first.ID || !strings.Contains(html, `id="inc-`+first.ID+`"`) {
			t.Fatalf("initial row %s %s", id, html)
		}
		second, err := e.eng.OpenIncident(ctx, "second <b>", "checkout", "bob", incident.SevP2, incident.System)
		if err != nil {
			t.Fatal(err)
		}
		if id, html := row(); id != second.ID || !strings.Contains(html, "second &lt;b&gt;") {
			t.Fatalf("new incident row %s %s", id, html)
		}
		if _, err := e.eng.SetStatus(ctx, first.ID, incident.StatusResolved, incident.System); err != nil {
			t.Fatal(err)
		}
		if id, html := row(); id != first.ID || html != "" {
			t.Fatalf("resolved incident under the open filter: %s %q", id, html)
		}
	})
}

// TestAudit: the audit pages show the chain's verification status, the
// export is JSON Lines whose every line re-verifies, and an edited entry is
// reported as a broken chain.
func TestAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d, envOpts{})
		inc, _, _ := e.scenario("checkout 5xx")
		other, _, _ := e.scenario("other")
		bob := e.as("bob")
		if body := bob.get("/audit").body; !strings.Contains(body, "Chain intact") {
			t.Fatal("audit page does not say the chain is intact")
		}
		page := bob.get("/incidents/" + inc.ID + "/audit").body
		if !strings.Contains(page, "Chain intact") || strings.Contains(page, other.ID) || !strings.Contains(page, inc.ID+"</a>") {
			t.Fatal("incident audit page is wrong")
		}
		for _, c := range []struct {
			path     string
			incident string
		}{{"/audit.jsonl", ""}, {"/incidents/" + inc.ID + "/audit.jsonl", inc.ID}} {
			r := bob.get(c.path)
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/x-ndjson") || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
				t.Fatalf("%s headers %v", c.path, r.header)
			}
			tr, err := audit.VerifyExport(strings.NewReader(r.body))
			if err != nil {
				t.Fatalf("%s: export does not verify: %v\n%s", c.path, err, r.body)
			}
			lines := strings.Split(strings.TrimSpace(r.body), "\n")
			for _, line := range lines[:len(lines)-1] {
				var x audit.Record
				if err := json.Unmarshal([]byte(line), &x); err != nil {
					t.Fatalf("%s: line %q: %v", c.path, line, err)
				}
				if c.incident != "" && x.IncidentID != c.incident {
					t.Fatalf("%s: another incident's entry %d", c.path, x.Seq)
				}
			}
			// The open policy lets bob audit everything: the global export is
			// the whole chain; the incident's is a part that names its positions.
			if complete := c.incident == ""; tr.Complete != complete || tr.Entries != int64(len(lines)-1) {
				t.Fatalf("%s: trailer %+v for %d lines", c.path, tr, len(lines))
			}
		}
		if r := bob.get("/incidents/nope/audit.jsonl"); r.status != http.StatusNotFound {
			t.Fatalf("unknown incident export: %d", r.status)
		}
		// A page of older entries starts before the position it names, and
		// a position that is not one is refused.
		older := bob.get("/audit?before=3").body
		if !strings.Contains(older, `id="audit-2"`) || !strings.Contains(older, `id="audit-1"`) || strings.Contains(older, `id="audit-3"`) {
			t.Fatal("the page before entry 3 does not hold exactly entries 2 and 1")
		}
		for _, bad := range []string{"/audit?before=x", "/audit?before=-1", "/incidents/" + inc.ID + "/audit?before=0"} {
			if r := bob.get(bad); r.status != http.StatusBadRequest {
				t.Fatalf("%s: %d, want 400", bad, r.status)
			}
		}
		// Tamper with an entry behind the database's back.
		ctx := context.Background()
		if d == store.SQLite {
			_, err := e.st.SQLDB().ExecContext(ctx, `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'edited' WHERE seq = 1`)
			if err != nil {
				t.Fatal(err)
			}
		} else {
			_, err := e.st.PgPool().Exec(ctx, `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'edited' WHERE seq = 1`)
			if err != nil {
				t.Fatal(err)
			}
		}
		body := bob.get("/audit").body
		if !strings.Contains(body, "Chain BROKEN") || !strings.Contains(body, "edited</strong>") {
			t.Fatal("an edited entry is not reported")
		}
	})
}

type fakeRevoker struct{ calls []string }

// TestConsent: the viewer's own grants (never their ciphertext), relations
// directly and through a team, recent uses of their identity; revoking
// their own grant works and is audited, another engineer's cannot be named.
func TestConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		rv := &fakeRevoker{}
		az := fakeAuthz{tuples: []authz.Tuple{
			{User: "user:alice", Relation: "member", Object: "team:payments"},
			{User: "team:payments#member", Relation: "executor", Object: authz.TargetID("github", "acme/checkout")},
			{User: "user:alice", Relation: "approver", Object: "incident:INC-1"},
			{User: "user:bob", Relation: "executor", Object: authz.TargetID("github", "acme/secret-repo")},
		}}
		var e *env
		e = newEnv(t, d, envOpts{mod: func(o *dashboard.Options) {
			o.Authz = az
			o.Revoke = func(ctx context.Context, engineer, provider string) error {
				rv.calls = append(rv.calls, engineer+"/"+provider)
				return e.st.DeleteGrant(ctx, engineer, provider)
			}
		}})
		ctx := context.Background()
		for _, g := range []vault.Grant{
			{Engineer: "alice", Provider: "github", KeyID: "k1", Nonce: []byte("NONCE-XYZ"), Ciphertext: []byte("CIPHERTEXT-SECRET"), Scopes: []string{"repo"}},
			{Engineer: "bob", Provider: "slack", KeyID: "k1", Nonce: []byte("n"), Ciphertext: []byte("BOB-SECRET")},
		} {
			if err := e.st.PutGrant(ctx, g); err != nil {
				t.Fatal(err)
			}
		}
		inc, _, ap := e.scenario("checkout 5xx")
		alice := e.as("alice")
		if r := alice.post("/approvals/"+ap.ID+"/decision", url.Values{"decision": {"approved"}}, alice.token()); r.status != http.StatusSeeOther {
			t.Fatalf("approve: %d", r.status)
		}
		body := alice.get("/consent").body
		for _, c := range []struct {
			want string
			in   bool
		}{
			{`id="grant-github"`, true}, {"<code>repo</code>", true}, {"CIPHERTEXT", false}, {"NONCE-XYZ", false},
			{`id="grant-slack"`, false}, {"github:acme/checkout", true}, {"team payments", true},
			{"incident INC-1", true}, {"acme/secret-repo", false}, {"approval.decide:war_room_channel", true},
			{inc.ID + "</a>", true}, {"<code>approve:actions</code>", true},
		} {
			if strings.Contains(body, c.want) != c.in {
				t.Errorf("consent page contains %q: %v", c.want, !c.in)
			}
		}
		tok := alice.token()
		if r := alice.post("/consent/revoke", url.Values{"provider": {"slack"}}, tok); r.status != http.StatusNotFound {
			t.Errorf("alice revokes bob's slack: %d", r.status)
		}
		if r := alice.post("/consent/revoke", url.Values{"provider": {"github"}}, tok); r.status != http.StatusSeeOther {
			t.Fatalf("revoke: %d %s", r.status, r.body)
		}
		if len(rv.calls) != 1 || rv.calls[0] != "alice/github" {
			t.Fatalf("revoke calls %v", rv.calls)
		}
		if _, err := e.st.GetGrant(ctx, "bob", "slack"); err != nil {
			t.Fatal("bob's grant is gone")
		}
		body = alice.get("/consent?revoked=github").body
		if strings.Contains(body, `id="grant-github"`) || !strings.Contains(body, "Disconnected github") || !strings.Contains(body, "grant.revoke") {
			t.Fatal("consent page after revoking")
		}
	})
}

// TestRevokeFailure: a provider that does not confirm the revocation is
// audited as a failure; with the grant still present the viewer is told.
func TestRevokeFailure(t *testing.T) {
	e := newEnv(t, store.SQLite, envOpts{mod: func(o *dashboard.Options) {
		o.Revoke = func(context.Context, string, string) error { return errors.New("provider down") }
	}})
	ctx := context.Background()
	if err := e.st.PutGrant(ctx, vault.Grant{Engineer: "alice", Provider: "github", KeyID: "k", Nonce: []byte("n"), Ciphertext: []byte("c")}); err != nil {
		t.Fatal(err)
	}
	alice := e.as("alice")
	if r := alice.post("/consent/revoke", url.Values{"provider": {"github"}}, alice.token()); r.status != http.StatusBadGateway {
		t.Fatalf("failed revoke: %d", r.status)
	}
	var failed bool
	_ = e.st.ScanAudit(ctx, store.AuditFilter{}, func(a audit.Entry) error {
		failed = failed || (a.Action == "grant.revoke" && a.Outcome == audit.OutcomeFailure && a.Actor.ID == "alice")
		return nil
	})
	if !failed {
		t.Fatal("the failed revocation is not audited")
	}
}

// TestTeam: roster, on call now and next (at the next shift change, or at
// an override's edge), services and known issues.
func TestTeam(t *testing.T) {
	e := newEnv(t, store.SQLite, envOpts{mod: func(o *dashboard.Options) {
		o.KnownIssues = nil
	}})
	body := e.as("carol").get("/team").body
	// 2026-03-02T09:00Z: shift 120 since the start (alice, bob alternate): alice until 12:00, then bob.
	for _, want := range []string{`<strong class="oncall-now">@alice</strong>`, `<span class="oncall-next">@bob</span> from 2026-03-02 12:00:00Z`,
		"Carol Diaz", "acme/checkout", "No known issues"} {
		if !strings.Contains(body, want) {
			t.Errorf("team page lacks %q", want)
		}
	}
	team := testTeam
	team.Overrides = []config.Override{{Rotation: "primary", Engineer: "carol",
		From: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC)}}
	e2 := newEnv(t, store.SQLite, envOpts{mod: func(o *dashboard.Options) {
		o.Team = team
		o.KnownIssues = []incident.KnownIssue{{ID: "KI-1", Title: "Cache stampede", Symptoms: "p99 spikes", Runbook: "warm the cache"}}
	}})
	body = e2.as("carol").get("/team").body
	for _, want := range []string{`<span class="oncall-next">@carol</span> from 2026-03-02 10:00:00Z`, "Cache stampede", "warm the cache"} {
		if !strings.Contains(body, want) {
			t.Errorf("team page with an override lacks %q", want)
		}
	}
}

type fakeEnroller struct{ confirmed []string }

func (f *fakeEnroller) Enroll(_ context.Context, engineer string) (string, []byte, error) {
	if engineer == "bob" {
		return "", nil, stepup.ErrAlreadyEnrolled
	}
	return "otpauth://totp/WarRoom:" + engineer + "?secret=JBSWY3DPEHPK3PXP", []byte("\x89PNG-fake"), nil
}

func (f *fakeEnroller) Confirm(_ context.Context, engineer, code string) error {
	if code != "123456" {
		return stepup.ErrInvalidCode
	}
	f.confirmed = append(f.confirmed, engineer)
	return nil
}

// TestTOTPEnrolment: the QR is shown once as an image (never the secret in
// text), the confirmation is the viewer's own, a wrong code is a clear 422.
func TestTOTPEnrolment(t *testing.T) {
	en := &fakeEnroller{}
	e := newEnv(t, store.SQLite, envOpts{mod: func(o *dashboard.Options) { o.Enroller = en }})
	alice, bob := e.as("alice"), e.as("bob")
	tok := alice.token()
	r := alice.post("/me/totp", url.Values{}, tok)
	if r.status != 200 || !strings.Contains(r.body, `src="data:image/png;base64,iVBORy1mYWtl"`) || strings.Contains(r.body, "JBSWY3DPEHPK3PXP") {
		t.Fatalf("enrolment page: %d\n%s", r.status, r.body)
	}
	if r := alice.post("/me/totp/confirm", url.Values{"code": {"000000"}, "engineer": {"bob"}}, tok); r.status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code: %d", r.status)
	}
	if r := alice.post("/me/totp/confirm", url.Values{"code": {"123456"}}, tok); r.status != 200 || !strings.Contains(r.body, "totp-done") {
		t.Fatalf("confirm: %d", r.status)
	}
	if len(en.confirmed) != 1 || en.confirmed[0] != "alice" {
		t.Fatalf("confirmed %v", en.confirmed)
	}
	if r := bob.post("/me/totp", url.Values{}, bob.token()); r.status != http.StatusConflict {
		t.Fatalf("enrolling twice: %d", r.status)
	}
	// Without an Enroller there is no such page.
	e2 := newEnv(t, store.SQLite, envOpts{})
	if r := e2.as("alice").get("/me/totp"); r.status != http.StatusNotFound {
		t.Fatalf("totp page without an enroller: %d", r.status)
	}
}
