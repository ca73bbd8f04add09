package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/vault"
	"github.com/warroom/warroom/internal/web"
)

// Sealer signs short-lived values for cookies (identity.Login).
type Sealer interface {
	SealValue(purpose string, v any) (string, error)
	OpenValue(purpose, value string, v any) error
}

// connectFlow lets a signed-in engineer connect a provider account to the
// built-in vault (OAuth code + PKCE against the provider's app). Connecting
// also answers the engineer's open re-authorization waits, so the actions
// that stopped on an expired grant retry as soon as the grant is renewed.
type connectFlow struct {
	viewer func(*http.Request) (string, bool)
	sealer Sealer
	vault  *vault.Builtin
	store  *store.Store
	engine web.Decider
	secure bool
}

const connectCookie = "warroom_connect"

type connectState struct {
	Engineer string `json:"engineer"`
	Provider string `json:"provider"`
	State    string `json:"state"`
	Verifier string `json:"verifier"`
	Exp      int64  `json:"exp"`
}

func (c *connectFlow) routes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /connect/{provider}":          http.HandlerFunc(c.start),
		"GET /connect/{provider}/callback": http.HandlerFunc(c.callback),
	}
}

func (c *connectFlow) start(w http.ResponseWriter, r *http.Request) {
	engineer, ok := c.viewer(r)
	if !ok {
		web.WriteError(w, http.StatusUnauthorized, "unauthenticated", "sign in first")
		return
	}
	provider := r.PathValue("provider")
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	state := base64.RawURLEncoding.EncodeToString(b)
	authURL, verifier, err := c.vault.AuthCodeURL(engineer, provider, state)
	if err != nil {
		web.WriteError(w, http.StatusBadRequest, "unknown_provider", "no provider app is configured for "+provider)
		return
	}
	sealed, err := c.sealer.SealValue("vault-connect", connectState{engineer, provider, state, verifier, time.Now().Add(10 * time.Minute).Unix()})
	if err != nil {
		web.WriteError(w, http.StatusInternalServerError, "internal", "internal error")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: connectCookie, Value: sealed, Path: "/connect/", MaxAge: 600,
		HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, authURL, http.StatusFound)
}

func (c *connectFlow) callback(w http.ResponseWriter, r *http.Request) {
	engineer, ok := c.viewer(r)
	if !ok {
		web.WriteError(w, http.StatusUnauthorized, "unauthenticated", "sign in first")
		return
	}
	cookie, err := r.Cookie(connectCookie)
	var st connectState
	if err != nil || c.sealer.OpenValue("vault-connect", cookie.Value, &st) != nil {
		web.WriteError(w, http.StatusBadRequest, "invalid_state", "the connect flow expired or was not started here; start again")
		return
	}
	// One use: the flow cookie is cleared whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: connectCookie, Value: "", Path: "/connect/", MaxAge: -1, HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteLaxMode})
	if st.Engineer != engineer || st.Provider != r.PathValue("provider") || st.State == "" || r.URL.Query().Get("state") != st.State {
		web.WriteError(w, http.StatusBadRequest, "invalid_state", "state does not match this sign-in")
		return
	}
	if e := r.URL.Query().Get("error"); e != "" {
		web.WriteError(w, http.StatusBadRequest, "provider_refused", "the provider did not grant access: "+e)
		return
	}
	if err := c.vault.Complete(r.Context(), engineer, st.Provider, r.URL.Query().Get("code"), st.Verifier); err != nil {
		web.WriteError(w, http.StatusBadGateway, "connect_failed", "could not complete the connection with "+st.Provider)
		return
	}
	resumed, err := c.resume(r.Context(), engineer)
	if err != nil {
		web.WriteError(w, http.StatusInternalServerError, "internal", "connected, but resuming waiting actions failed")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(map[string]any{"connected": st.Provider, "resumed": resumed})
}

// resume answers the engineer's open re-authorization waits: each action
// retries with the renewed grant (and waits again if another grant is stale).
func (c *connectFlow) resume(ctx context.Context, engineer string) (int, error) {
	pending, err := c.store.PendingApprovals(ctx, engineer)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, ap := range pending {
		if ap.Kind != incident.WaitReauth || ap.Target != engineer {
			continue
		}
		if _, err := c.engine.Decide(ctx, ap.ID, engineer, incident.DecisionApproved); err != nil && !errors.Is(err, incident.ErrAlreadyDecided) {
			return n, err
		}
		n++
	}
	return n, nil
}
