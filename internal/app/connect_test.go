package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/identity"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// actsAsApprover needs the approver's GitHub token.
type actsAsApprover struct{}

func (actsAsApprover) Credential(incident.Action) (string, []string) {
	return "github", []string{"repo"}
}
func (actsAsApprover) Execute(_ context.Context, req action.Request) (action.Result, error) {
	if !strings.HasPrefix(req.Token.Reveal(), "gho_fresh_") {
		return action.Result{}, action.ErrPermanent
	}
	return action.Result{Summary: "done as " + req.RunAs}, nil
}
func (actsAsApprover) Reconcile(context.Context, action.Request) (action.Result, bool, error) {
	return action.Result{}, false, nil
}

func TestConnectFlowResumesReauthWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		dsn := storetest.DSN(t, d)
		st := storetest.OpenDSN(t, dsn)
		prov := httptest.NewServer(&oauthProvider{})
		defer prov.Close()
		// A discovery document is all NewLogin needs to build the cookie sealer.
		disc := httptest.NewServer(nil)
		disc.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = json.NewEncoder(w).Encode(map[string]any{"issuer": disc.URL + "/", "jwks_uri": disc.URL + "/jwks",
				"authorization_endpoint": disc.URL + "/authorize", "token_endpoint": disc.URL + "/token"})
		})
		defer disc.Close()
		login, err := identity.NewLogin(ctx, identity.LoginOptions{Issuer: disc.URL + "/", ClientID: "c", ClientSecret: "s",
			RedirectURL: "http://127.0.0.1/callback", CookieSecret: []byte(strings.Repeat("k", 32)), Team: config.Team{}})
		if err != nil {
			t.Fatal(err)
		}
		cfg := config.Default()
		cfg.Vault = config.Vault{Kind: "builtin", Keys: "k1:" + key(1), Providers: map[string]config.OAuthProvider{
			"github": {ClientID: "warroom", ClientSecret: "s3cret", AuthURL: prov.URL + "/authorize", TokenURL: prov.URL + "/token",
				RedirectURL: "http://127.0.0.1/connect/github/callback", Scopes: []string{"repo"}}}}
		b, builtin, err := broker(cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"revert_pr": actsAsApprover{}},
			Credentials: credentials(b), PollInterval: 20 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		runCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := eng.Start(runCtx); err != nil {
			t.Fatal(err)
		}
		defer func() { sctx, c := context.WithTimeout(ctx, 5*time.Second); defer c(); _ = eng.Stop(sctx) }()

		// alice approves; she never connected GitHub, so the action waits for her.
		inc, _ := eng.OpenIncident(ctx, "checkout down", "checkout-api", "alice", incident.SevP1, incident.System)
		a, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "revert_pr", Risk: incident.RiskHigh,
			Class: incident.ClassProtected, Target: "github:acme/checkout", Approver: "alice", By: incident.System})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eng.Decide(ctx, ap.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitFor(t, st, a.ID, incident.ActionAwaitingReauth)

		signedIn := "alice"
		flow := &connectFlow{viewer: func(*http.Request) (string, bool) { return signedIn, signedIn != "" }, sealer: login,
			vault: builtin, store: st, engine: eng}
		mux := http.NewServeMux()
		for p, h := range flow.routes() {
			mux.Handle(p, h)
		}
		get := func(path string, cookie *http.Cookie) *httptest.ResponseRecorder {
			req := httptest.NewRequest("GET", path, nil)
			if cookie != nil {
				req.AddCookie(cookie)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			return rec
		}
		start := get("/connect/github", nil)
		loc, _ := url.Parse(start.Header().Get("Location"))
		if start.Code != http.StatusFound || loc.Query().Get("code_challenge") == "" || !strings.HasPrefix(loc.String(), prov.URL) {
			t.Fatalf("start: %d %s", start.Code, loc)
		}
		cookie := start.Result().Cookies()[0]
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
			t.Fatalf("flow cookie %+v", cookie)
		}
		state := loc.Query().Get("state")
		for _, tc := range []struct {
			name, who, path string
			cookie          *http.Cookie
			want            int
		}{
			{"not signed in", "", "/connect/github/callback?code=c&state=" + state, cookie, 401},
			{"no flow cookie", "alice", "/connect/github/callback?code=c&state=" + state, nil, 400},
			{"wrong state", "alice", "/connect/github/callback?code=c&state=forged", cookie, 400},
			{"someone else's flow", "bob", "/connect/github/callback?code=c&state=" + state, cookie, 400},
			{"tampered cookie", "alice", "/connect/github/callback?code=c&state=" + state, &http.Cookie{Name: cookie.Name, Value: cookie.Value + "x"}, 400},
		} {
			signedIn = tc.who
			if rec := get(tc.path, tc.cookie); rec.Code != tc.want {
				t.Fatalf("%s: %d %s", tc.name, rec.Code, rec.Body)
			}
		}
		signedIn = "alice"
		done := get("/connect/github/callback?code=c1&state="+state, cookie)
		if done.Code != 200 || !strings.Contains(done.Body.String(), `"resumed":1`) {
			t.Fatalf("callback: %d %s", done.Code, done.Body)
		}
		waitFor(t, st, a.ID, incident.ActionSucceeded)
		if g, err := st.GetGrant(ctx, "alice", "github"); err != nil || strings.Contains(string(g.Ciphertext), "ghr_") {
			t.Fatalf("grant %v", err)
		}
	})
}

func waitFor(t *testing.T, st *store.Store, id string, want incident.ActionStatus) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		a, err := st.GetAction(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("action is %s, want %s", a.Status, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
