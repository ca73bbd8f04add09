package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// counter counts requests to a fake endpoint by path.
type counter struct {
	mu sync.Mutex
	n  map[string]int
	// seen records the bearer tokens the provider was called with.
	seen []string
}

func (c *counter) add(path, bearer string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[path]++
	if bearer != "" {
		c.seen = append(c.seen, bearer)
	}
}

func (c *counter) get(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[path]
}

// cibaFake answers /bc-authorize and polls from a script of token answers,
// one script per bc-authorize request.
func cibaFake(t *testing.T, c *counter, answers ...string) *httptest.Server {
	var mu sync.Mutex
	req := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.add(r.URL.Path, "")
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/bc-authorize":
			req++
			_, _ = w.Write([]byte(`{"auth_req_id":"arid-` + string(rune('0'+req)) + `","expires_in":60,"interval":1}`))
		case "/oauth/token":
			switch answers[req-1] {
			case "approve":
				_, _ = w.Write([]byte(`{"access_token":"at","id_token":"idt","token_type":"Bearer","expires_in":60}`))
			default:
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"error":"access_denied","error_description":"denied"}`))
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// prExecutor opens a "PR" at a fake provider as the approver: the provider
// records whose token it was called with.
type prExecutor struct{ url string }

func (p prExecutor) Credential(incident.Action) (string, []string) { return "github", []string{"repo"} }
func (p prExecutor) Reconcile(context.Context, action.Request) (action.Result, bool, error) {
	return action.Result{}, false, nil
}
func (p prExecutor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	r, _ := http.NewRequestWithContext(ctx, "POST", p.url+"/pulls", nil)
	r.Header.Set("Authorization", "Bearer "+req.Token.Reveal())
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return action.Result{}, err
	}
	resp.Body.Close()
	return action.Result{Summary: "PR opened"}, nil
}

// The story from the seeds, with every gate: two operators; the app
// operator may change the app config and, once they pass step-up on their
// device, the PR is made with their own token. The same operator is denied
// by FGA on the network policy even though their provider account could
// change it, so neither step-up, nor the token exchange, nor the provider
// is reached. Each gate's denial is shown to stop everything after it.
func TestSeedsStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		calls := &counter{}
		ciba := cibaFake(t, calls, "deny", "approve")
		provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.add("provider", r.Header.Get("Authorization"))
			w.WriteHeader(201)
		}))
		t.Cleanup(provider.Close)
		tokens := func(_ context.Context, engineer, _ string, _ []string) (action.Secret, error) {
			calls.add("token", "")
			return action.Secret("tok-" + engineer), nil
		}

		cfg := config.Default()
		cfg.Team.Engineers = []config.Engineer{{ID: "app_op", Subject: "auth0|app_op"}, {ID: "net_op"}}
		cfg.Authz = config.Authz{Datastore: "memory", Executors: []config.ExecutorGrant{
			{Engineer: "app_op", Target: "github:acme/app-config"},
			{Engineer: "net_op", Target: "github:acme/network-policy"},
		}}
		cfg.StepUp = config.StepUp{
			TOTP: &config.TOTP{Keys: "k1:" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"},
			CIBA: &config.CIBA{BaseURL: ciba.URL, ClientID: "warroom", ClientSecret: "s"},
		}
		st := storetest.Open(t, d)
		stepUp, err := stepUpGate(cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		chain, _, closeAuthz := openGates(t, cfg, stepUp)
		defer closeAuthz()
		eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"config_change_pr": prExecutor{provider.URL}},
			Credentials: tokens, Gates: chain, StepUp: stepUp, PollInterval: 20 * time.Millisecond,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if err := eng.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = eng.Stop(sctx)
		})
		inc, err := eng.OpenIncident(ctx, "config drift", "app", "app_op", incident.SevP1, incident.System)
		if err != nil {
			t.Fatal(err)
		}
		approve := func(who, target string, scopes ...string) incident.Action {
			t.Helper()
			a, ap, err := eng.Propose(ctx, engine.Proposal{IncidentID: inc.ID, Kind: "config_change_pr", Risk: incident.RiskHigh,
				Class: incident.ClassProtected, Target: target, Approver: who, By: incident.Actor{ID: "warroom-agent", Type: incident.ActorAgent}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := eng.Decide(ctx, ap.ID, who, incident.DecisionApproved, scopes...); err != nil {
				t.Fatal(err)
			}
			return a
		}
		await := func(id string, want incident.ActionStatus) incident.Action {
			t.Helper()
			deadline := time.Now().Add(30 * time.Second)
			for {
				a, err := st.GetAction(ctx, id)
				if err == nil && a.Status == want {
					return a
				}
				if time.Now().After(deadline) {
					t.Fatalf("action %s is %s (%s), want %s", id, a.Status, a.Result, want)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		expect := func(step string, bc, token, provider int) {
			t.Helper()
			if got := [3]int{calls.get("/bc-authorize"), calls.get("token"), calls.get("provider")}; got != [3]int{bc, token, provider} {
				t.Fatalf("%s: step-up starts, token exchanges, provider calls = %v, want %v", step, got, [3]int{bc, token, provider})
			}
		}

		// Gate 2, FGA: app_op on the network policy.
		await(approve("app_op", "github:acme/network-policy", "approve:actions").ID, incident.ActionFailed)
		expect("fga denial", 0, 0, 0)
		// Gate 1, scope: approved with a token that lacked the approve scope.
		await(approve("app_op", "github:acme/app-config", "read:incidents").ID, incident.ActionFailed)
		expect("scope denial", 0, 0, 0)
		// Gate 3, step-up: app_op rejects the push on their device.
		await(approve("app_op", "github:acme/app-config", "approve:actions").ID, incident.ActionFailed)
		expect("step-up denial", 1, 0, 0)
		// All gates pass: the PR is opened with app_op's own token.
		a := await(approve("app_op", "github:acme/app-config", "approve:actions").ID, incident.ActionSucceeded)
		expect("allowed", 2, 1, 1)
		if a.ApprovedBy != "app_op" || calls.seen[0] != "Bearer tok-app_op" {
			t.Fatalf("ran as %q with %v", a.ApprovedBy, calls.seen)
		}

		// net_op has no subject, so the built-in authenticator: enrol, then answer with a code.
		en, err := stepUp.TOTP.Enroll(ctx, "net_op")
		if err != nil {
			t.Fatal(err)
		}
		key, err := otp.NewKeyFromURL(en.URL)
		if err != nil {
			t.Fatal(err)
		}
		code := func(at time.Time) string {
			c, err := totp.GenerateCode(key.Secret(), at)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		if err := stepUp.TOTP.Confirm(ctx, "net_op", code(time.Now().Add(-30*time.Second))); err != nil {
			t.Fatal(err)
		}
		b := approve("net_op", "github:acme/network-policy", "approve:actions")
		await(b.ID, incident.ActionAwaitingStepUp)
		pending, _ := st.PendingApprovals(ctx, "net_op")
		if len(pending) != 1 || pending[0].Kind != incident.WaitStepUp {
			t.Fatalf("pending %+v", pending)
		}
		var ch struct{ Method string }
		_ = json.Unmarshal(pending[0].Challenge, &ch)
		if ch.Method != "totp" {
			t.Fatalf("method %q", ch.Method)
		}
		if _, err := eng.AnswerStepUp(ctx, pending[0].ID, "net_op", "000000"); err == nil {
			t.Fatal("a wrong code passed")
		}
		if _, err := eng.AnswerStepUp(ctx, pending[0].ID, "net_op", code(time.Now())); err != nil {
			t.Fatal(err)
		}
		await(b.ID, incident.ActionSucceeded)
		expect("totp", 2, 2, 2)
		if calls.seen[1] != "Bearer tok-net_op" {
			t.Fatalf("second PR made with %q", calls.seen[1])
		}
		if _, err := eng.AnswerStepUp(ctx, pending[0].ID, "net_op", code(time.Now())); !errors.Is(err, incident.ErrAlreadyDecided) {
			t.Fatalf("replayed answer: %v", err)
		}
	})
}
