package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// tokenEndpoint is a fake credential broker backend: it mints a distinct
// token per call for engineers whose grant is live, and counts every call.
type tokenEndpoint struct {
	mu      sync.Mutex
	calls   int
	expired map[string]bool // engineer -> grant expired
	srv     *httptest.Server
}

func newTokenEndpoint(t *testing.T) *tokenEndpoint {
	te := &tokenEndpoint{expired: map[string]bool{}}
	te.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		te.mu.Lock()
		te.calls++
		n, dead := te.calls, te.expired[r.Form.Get("engineer")]
		te.mu.Unlock()
		if dead {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`)
			return
		}
		fmt.Fprintf(w, `{"access_token":"gho_secret_%s_%d","token_type":"Bearer","expires_in":300}`, r.Form.Get("engineer"), n)
	}))
	t.Cleanup(te.srv.Close)
	return te
}

func (te *tokenEndpoint) count() int { te.mu.Lock(); defer te.mu.Unlock(); return te.calls }

// fetch is the engine's credential function over the fake endpoint.
func (te *tokenEndpoint) fetch(ctx context.Context, engineer, provider string, scopes []string) (action.Secret, error) {
	return fetchFrom(te.srv.URL)(ctx, engineer, provider, scopes)
}

// fetchFrom is a credential function over a token endpoint at url (also
// used by the crash tests' child process).
func fetchFrom(url string) engine.CredentialFunc {
	return func(ctx context.Context, engineer, provider string, scopes []string) (action.Secret, error) {
		return fetchToken(url, engineer, provider, scopes)
	}
}

func fetchToken(url, engineer, provider string, scopes []string) (action.Secret, error) {
	resp, err := http.PostForm(url, map[string][]string{"engineer": {engineer}, "provider": {provider}, "scope": {strings.Join(scopes, " ")}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		Error       string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if body.Error == "invalid_grant" {
		return "", fmt.Errorf("grant for %s at %s: %w", engineer, provider, action.ErrTokenExpired)
	}
	return action.Secret(body.AccessToken), nil
}

// bearerExecutor acts as the approver at the fake provider.
type bearerExecutor struct {
	httpExecutor
	mu   sync.Mutex
	seen []string
}

func (b *bearerExecutor) Credential(incident.Action) (string, []string) {
	return "github", []string{"repo"}
}

func (b *bearerExecutor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	b.mu.Lock()
	b.seen = append(b.seen, req.Token.Reveal())
	b.mu.Unlock()
	if fmt.Sprint(req) == "" || strings.Contains(fmt.Sprintf("%v %+v", req, req), req.Token.Reveal()) {
		return action.Result{}, errors.New("a request printed its token")
	}
	return b.httpExecutor.Execute(ctx, req)
}

func TestCredentialsAreFetchedJustInTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, f, te := storetest.Open(t, d), newFakeProvider(t), newTokenEndpoint(t)
		ex := &bearerExecutor{httpExecutor: httpExecutor{f.srv.URL}}
		eng, err := engine.New(st, engine.Options{Executors: map[string]action.Executor{"revert_pr": ex},
			Credentials: te.fetch, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			PollInterval: 20 * time.Millisecond, MaxAttempts: 3, RetryPolicy: quickRetry{}})
		if err != nil {
			t.Fatal(err)
		}
		start(t, eng)
		inc := openIncident(t, eng)

		// Proposed and waiting: no credential is touched.
		a1, ap1 := proposeRevert(t, eng, inc.ID, "carol")
		time.Sleep(200 * time.Millisecond)
		if n := te.count(); n != 0 {
			t.Fatalf("token endpoint called %d times before approval", n)
		}
		// Declined: never.
		a2, ap2 := proposeRevert(t, eng, inc.ID)
		if _, err := eng.Decide(ctx, ap2.ID, "alice", incident.DecisionDeclined); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a2.ID, incident.ActionDeclined, 5*time.Second)

		// Approved by the delegate: exactly one exchange, for the delegate.
		if _, err := eng.Decide(ctx, ap1.ID, "carol", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a1.ID, incident.ActionSucceeded, 20*time.Second)
		if n := te.count(); n != 1 {
			t.Fatalf("token endpoint calls = %d, want exactly 1 for one executed action", n)
		}
		if len(ex.seen) != 1 || !strings.HasPrefix(ex.seen[0], "gho_secret_carol_") {
			t.Fatalf("the provider call carried %q, want carol's token", ex.seen)
		}

		// An expired grant suspends the action for re-authorization by the approver.
		te.mu.Lock()
		te.expired["alice"] = true
		te.mu.Unlock()
		a3, ap3 := proposeRevert(t, eng, inc.ID)
		if _, err := eng.Decide(ctx, ap3.ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a3.ID, incident.ActionAwaitingReauth, 20*time.Second)
		pending, _ := st.PendingApprovals(ctx, "alice")
		if len(pending) != 1 || pending[0].Kind != incident.WaitReauth {
			t.Fatalf("re-auth wait: %+v", pending)
		}
		te.mu.Lock()
		te.expired["alice"] = false // alice reconnected
		te.mu.Unlock()
		if _, err := eng.Decide(ctx, pending[0].ID, "alice", incident.DecisionApproved); err != nil {
			t.Fatal(err)
		}
		waitAction(t, st, a3.ID, incident.ActionSucceeded, 20*time.Second)

		// No token ever landed in the timeline, the audit log or an action's result.
		var dump strings.Builder
		evs, _ := st.ListEvents(ctx, inc.ID, 0, 0)
		for _, ev := range evs {
			dump.Write(ev.Data)
		}
		acts, _ := st.ListActions(ctx, inc.ID)
		for _, a := range acts {
			dump.Write(a.Result)
			dump.Write(a.Params)
		}
		_ = st.ScanAudit(ctx, store.AuditFilter{}, func(e audit.Entry) error { dump.WriteString(e.Detail); return nil })
		if strings.Contains(dump.String(), "gho_secret") {
			t.Fatal("a provider token was stored")
		}
	})
}
