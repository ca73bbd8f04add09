package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/warroom/warroom/internal/action"
)

// fakeProvider stands in for an external system with idempotent writes: a
// POST carries an Idempotency-Key, and GET /effects/{key} tells whether a
// write with that key took effect. It counts every POST it receives, so a
// test can tell "called twice" from "took effect twice".
type fakeProvider struct {
	srv *httptest.Server

	mu      sync.Mutex
	effects map[string]effect
	posts   int
	// script answers the n-th POST (1-based); nil means "apply and answer 201".
	script func(n int) step
	// arrived is signalled after each POST is counted (and applied, if it is).
	arrived chan string
}

type effect struct {
	Key   string `json:"key"`
	RunAs string `json:"run_as"`
	Kind  string `json:"kind"`
}

type step int

const (
	apply           step = iota // apply the write and answer 201
	applyThenHang               // apply the write, never answer (the caller dies waiting)
	hangBeforeApply             // never apply, never answer
	applyThen500                // apply, but the answer is lost as a 500
	tokenExpired                // 401 token_expired, nothing applied
	badRequest                  // 400, nothing applied: retrying cannot help
)

func newFakeProvider(t *testing.T) *fakeProvider {
	f := &fakeProvider{effects: map[string]effect{}, arrived: make(chan string, 100)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /effects", f.post)
	mux.HandleFunc("GET /effects/{key}", f.get)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// setScript sets how the following POSTs are answered. The provider's
// handlers run on the server's goroutines, which answer requests a child
// process sends: the race detector sees no ordering through it, so the
// script is only touched under mu.
func (f *fakeProvider) setScript(s func(n int) step) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script = s
}

func (f *fakeProvider) post(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, `{"error":"missing Idempotency-Key"}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.posts++
	s := apply
	if f.script != nil {
		s = f.script(f.posts)
	}
	_, seen := f.effects[key]
	// A replayed key changes nothing: that is what makes the write idempotent.
	if !seen && (s == apply || s == applyThenHang || s == applyThen500) {
		f.effects[key] = effect{Key: key, RunAs: r.Header.Get("X-Run-As"), Kind: r.URL.Query().Get("kind")}
	}
	f.mu.Unlock()
	f.arrived <- key
	switch s {
	case applyThenHang, hangBeforeApply:
		<-r.Context().Done() // the client is killed or gives up
	case applyThen500:
		http.Error(w, `{"error":"internal"}`, http.StatusInternalServerError)
	case tokenExpired:
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"token_expired"}`)
	case badRequest:
		http.Error(w, `{"error":"bad_request"}`, http.StatusBadRequest)
	default:
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(f.effect(key))
	}
}

func (f *fakeProvider) get(w http.ResponseWriter, r *http.Request) {
	e, ok := f.lookup(r.PathValue("key"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	_ = json.NewEncoder(w).Encode(e)
}

func (f *fakeProvider) effect(key string) effect {
	e, _ := f.lookup(key)
	return e
}

func (f *fakeProvider) lookup(key string) (effect, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.effects[key]
	return e, ok
}

func (f *fakeProvider) counts() (posts, effects int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts, len(f.effects)
}

// httpExecutor is an action.Executor for the fake provider.
type httpExecutor struct{ base string }

func (h httpExecutor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, h.base+"/effects?kind="+req.Action.Kind, nil)
	if err != nil {
		return action.Result{}, err
	}
	r.Header.Set("Idempotency-Key", req.IdempotencyKey)
	r.Header.Set("X-Run-As", req.RunAs)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return action.Result{}, fmt.Errorf("post effect: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusCreated:
		return action.Result{Summary: "effect applied as " + req.RunAs}, nil
	case resp.StatusCode == http.StatusUnauthorized:
		return action.Result{}, fmt.Errorf("provider refused the grant: %w", action.ErrTokenExpired)
	case resp.StatusCode == http.StatusBadRequest:
		return action.Result{}, fmt.Errorf("provider said 400: %w", action.ErrPermanent)
	default:
		return action.Result{}, fmt.Errorf("provider said %d", resp.StatusCode)
	}
}

func (h httpExecutor) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"/effects/"+req.IdempotencyKey, nil)
	if err != nil {
		return action.Result{}, false, err
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return action.Result{}, false, fmt.Errorf("look up effect: %w", err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		var e effect
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
			return action.Result{}, false, err
		}
		return action.Result{Summary: "already applied as " + e.RunAs}, true, nil
	case http.StatusNotFound:
		return action.Result{}, false, nil
	default:
		return action.Result{}, false, errors.New("look up effect: " + resp.Status)
	}
}
