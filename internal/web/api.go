package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// Scopes the JSON API requires.
const (
	ScopeRead    = "read:incidents"
	ScopeApprove = "approve:actions"
	ScopeManage  = "manage:incidents"
)

// Errors an APIAuth returns.
var (
	ErrUnauthenticated   = errors.New("unauthenticated")
	ErrInsufficientScope = errors.New("insufficient scope")
)

// Principal is who a request acts as, and the scopes its token carries.
type Principal struct {
	Engineer string
	Scopes   []string
}

// APIAuth identifies the engineer behind a request that carries all scopes.
type APIAuth interface {
	Authenticate(r *http.Request, scopes ...string) (Principal, error)
}

// Decider records decisions on approvals and moves incidents (the engine).
type Decider interface {
	Decide(ctx context.Context, approvalID, engineer string, d incident.Decision, scopes ...string) (incident.Approval, error)
	SetStatus(ctx context.Context, incidentID string, to incident.Status, by incident.Actor) (incident.Incident, error)
	// AnswerStepUp passes a TOTP step-up wait with the code engineer typed.
	AnswerStepUp(ctx context.Context, approvalID, engineer, code string) (incident.Approval, error)
}

// Enroller enrols engineers in the built-in step-up authenticator.
type Enroller interface {
	// Enroll returns the otpauth:// URL and its QR code (PNG), once.
	Enroll(ctx context.Context, engineer string) (url string, png []byte, err error)
	Confirm(ctx context.Context, engineer, code string) error
}

// API holds the JSON API's dependencies.
type API struct {
	Auth    APIAuth
	Store   *store.Store
	Decider Decider
	// Access says who may see and change which incident (required): the same
	// rule the dashboard applies.
	Access access.Policy
	// Enroller is the built-in authenticator, when step-up uses it.
	Enroller Enroller
}

func (s *Server) routeAPI() {
	if s.API == nil {
		return
	}
	if s.API.Access == nil {
		panic("web: API.Access is required") // a wiring mistake, not a request's
	}
	s.handleFunc("GET /v1/incidents", s.authed(ScopeRead, s.listIncidents))
	s.handleFunc("GET /v1/incidents/{id}", s.authed(ScopeRead, s.getIncident))
	s.handleFunc("GET /v1/incidents/{id}/events", s.authed(ScopeRead, s.listEvents))
	s.handleFunc("GET /v1/approvals", s.authed(ScopeRead, s.myApprovals))
	s.handleFunc("POST /v1/approvals/{id}/decision", s.authed(ScopeApprove, s.decide))
	s.handleFunc("POST /v1/incidents/{id}/status", s.authed(ScopeManage, s.setStatus))
	s.handleFunc("POST /v1/approvals/{id}/stepup", s.authed(ScopeApprove, s.answerStepUp))
	if s.API.Enroller != nil {
		s.handleFunc("POST /v1/me/totp", s.authed(ScopeApprove, s.enrollTOTP))
		s.handleFunc("POST /v1/me/totp/confirm", s.authed(ScopeApprove, s.confirmTOTP))
	}
}

type authedHandler func(w http.ResponseWriter, r *http.Request, p Principal)

// authed checks the bearer token and its scope on every request.
func (s *Server) authed(scope string, h authedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := s.API.Auth.Authenticate(r, scope)
		switch {
		case errors.Is(err, ErrInsufficientScope):
			WriteError(w, http.StatusForbidden, "insufficient_scope", "this token lacks the "+scope+" scope")
		case err != nil:
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			WriteError(w, http.StatusUnauthorized, "unauthenticated", "a valid bearer token for a known engineer is required")
		default:
			h(w, r, p)
		}
	}
}

// writeDomainError answers a store or domain error by its class (ClassifyError).
func (s *Server) writeDomainError(w http.ResponseWriter, r *http.Request, err error) {
	c, expected := ClassifyError(err)
	if !expected {
		s.Logger.ErrorContext(r.Context(), "api request failed", "path", r.URL.Path, "error", err.Error())
	}
	if c.RetryAfter != "" {
		w.Header().Set("Retry-After", c.RetryAfter)
	}
	msg := c.Message
	if c.APIDetail {
		msg = err.Error()
	}
	WriteError(w, c.Status, c.Code, msg)
}

type incidentJSON struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Service   string    `json:"service"`
	Severity  string    `json:"severity"`
	Status    string    `json:"status"`
	Owner     string    `json:"owner"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toIncidentJSON(i incident.Incident) incidentJSON {
	return incidentJSON{i.ID, i.Title, i.Service, string(i.Severity), string(i.Status), i.Owner, i.CreatedAt, i.UpdatedAt}
}

func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request, p Principal) {
	q := r.URL.Query()
	f := store.IncidentFilter{Status: incident.Status(q.Get("status")), Severity: incident.Severity(q.Get("severity"))}
	if f.Status != "" && f.Status != incident.StatusOpen && f.Status != incident.StatusMitigating && !f.Status.Terminal() {
		WriteError(w, http.StatusBadRequest, "invalid", fmt.Sprintf("status %q is not open, mitigating, resolved or invalidated", f.Status))
		return
	}
	if !f.Severity.Valid() {
		WriteError(w, http.StatusBadRequest, "invalid", fmt.Sprintf("severity %q is not P1, P2 or P3", f.Severity))
		return
	}
	limit := 100
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 500 {
			WriteError(w, http.StatusBadRequest, "invalid", fmt.Sprintf("limit %q is not a number from 1 to 500", raw))
			return
		}
		limit = n
	}
	after, err := store.ParseIncidentCursor(q.Get("cursor"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, "invalid", "cursor is not one this server gave (pass next_cursor back as it came)")
		return
	}
	f.After = after
	incs, last, more, err := access.VisiblePage(r.Context(), s.API.Access, p.Engineer, limit, s.API.Store.IncidentPages(r.Context(), f))
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	out := make([]incidentJSON, 0, len(incs))
	for _, i := range incs {
		out = append(out, toIncidentJSON(i))
	}
	resp := map[string]any{"incidents": out}
	if more {
		resp["next_cursor"] = store.CursorOf(last).String()
	}
	writeJSON(w, http.StatusOK, resp)
}

type actionJSON struct {
	ID         string          `json:"id"`
	Kind       string          `json:"kind"`
	Risk       string          `json:"risk"`
	Class      string          `json:"class"`
	Status     string          `json:"status"`
	Target     string          `json:"target"`
	Reason     string          `json:"reason"`
	ApprovedBy string          `json:"approved_by,omitempty"`
	Params     json.RawMessage `json:"params"`
	Result     json.RawMessage `json:"result"`
}

type approvalJSON struct {
	ID         string   `json:"id"`
	ActionID   string   `json:"action_id"`
	IncidentID string   `json:"incident_id"`
	Kind       string   `json:"kind"`
	WaitingFor string   `json:"waiting_for"`
	Delegates  []string `json:"delegates"`
	// CanDecide says whether the viewer may decide: everyone else sees "waiting for @target".
	CanDecide bool `json:"can_decide"`
	// Method and Message describe a step-up wait (totp: answer with a code;
	// ciba: answer on the device). The challenge's state is never shown.
	Method  string `json:"method,omitempty"`
	Message string `json:"message,omitempty"`
}

func toApprovalJSON(a incident.Approval, viewer string) approvalJSON {
	out := approvalJSON{a.ID, a.ActionID, a.IncidentID, string(a.Kind), a.Target, a.Delegates, a.MayDecide(viewer), "", ""}
	if a.Kind == incident.WaitStepUp {
		var ch struct{ Method, Message string }
		_ = json.Unmarshal(a.Challenge, &ch)
		// Only the approver can prove their own presence; a delegate cannot.
		out.Method, out.Message, out.CanDecide = ch.Method, ch.Message, viewer == a.Target && ch.Method == "totp"
	}
	return out
}

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request, p Principal) {
	viewer := p.Engineer
	ctx := r.Context()
	inc, ok := s.visibleIncident(w, r, p)
	if !ok {
		return
	}
	acts, err := s.API.Store.ListActions(ctx, inc.ID)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	pending, err := s.API.Store.PendingApprovalsOf(ctx, inc.ID)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	out := struct {
		incidentJSON
		Actions   []actionJSON   `json:"actions"`
		Approvals []approvalJSON `json:"pending_approvals"`
	}{incidentJSON: toIncidentJSON(inc), Actions: []actionJSON{}, Approvals: []approvalJSON{}}
	for _, a := range acts {
		out.Actions = append(out.Actions, actionJSON{a.ID, a.Kind, string(a.Risk), string(a.Class), string(a.Status), a.Target,
			a.Reason, a.ApprovedBy, a.Params, a.Result})
	}
	for _, ap := range pending {
		out.Approvals = append(out.Approvals, toApprovalJSON(ap, viewer))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, p Principal) {
	after := int64(0)
	if v := r.URL.Query().Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			WriteError(w, http.StatusBadRequest, "invalid", "after must be a non-negative sequence number")
			return
		}
		after = n
	}
	inc, ok := s.visibleIncident(w, r, p)
	if !ok {
		return
	}
	evs, err := s.API.Store.ListEvents(r.Context(), inc.ID, after, 1000)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	type eventJSON struct {
		Seq       int64           `json:"seq"`
		Type      string          `json:"type"`
		ActorID   string          `json:"actor_id"`
		ActorType string          `json:"actor_type"`
		At        time.Time       `json:"at"`
		Data      json.RawMessage `json:"data"`
	}
	out := make([]eventJSON, 0, len(evs))
	for _, ev := range evs {
		out = append(out, eventJSON{ev.Seq, string(ev.Type), ev.Actor.ID, string(ev.Actor.Type), ev.At, ev.Data})
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out})
}

func (s *Server) myApprovals(w http.ResponseWriter, r *http.Request, p Principal) {
	viewer := p.Engineer
	pending, err := s.API.Store.PendingApprovalsFor(r.Context(), viewer)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	out := []approvalJSON{}
	seen := map[string]bool{}
	for _, ap := range pending {
		// The engineer a request waits for always sees it; a policy delegate
		// only on incidents they may see.
		if ap.Target != viewer {
			ok, known := seen[ap.IncidentID]
			if !known {
				inc, err := s.API.Store.GetIncident(r.Context(), ap.IncidentID)
				if err == nil {
					ok, err = s.API.Access.CanView(r.Context(), viewer, inc)
				}
				if err != nil {
					s.writeDomainError(w, r, err)
					return
				}
				seen[ap.IncidentID] = ok
			}
			if !ok {
				continue
			}
		}
		out = append(out, toApprovalJSON(ap, viewer))
	}
	writeJSON(w, http.StatusOK, map[string]any{"approvals": out})
}

// decide records the viewer's decision: the identity comes from the token,
// never from the body.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, p Principal) {
	var body struct {
		Decision incident.Decision `json:"decision"`
	}
	if !decodeBody(w, r, &body, `body must be {"decision": "approved" | "declined"}`) {
		return
	}
	if !body.Decision.Valid() {
		WriteError(w, http.StatusBadRequest, "invalid", fmt.Sprintf("decision %q is not approved or declined", body.Decision))
		return
	}
	ap, err := s.API.Decider.Decide(r.Context(), r.PathValue("id"), p.Engineer, body.Decision, p.Scopes...)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"approval_id": ap.ID, "decision": ap.Decision, "decided_by": ap.DecidedBy})
}

// setStatus moves an incident (mitigating, resolved, invalidated) as the
// token's engineer; closing it cancels every wait still open on it.
func (s *Server) setStatus(w http.ResponseWriter, r *http.Request, p Principal) {
	var body struct {
		Status incident.Status `json:"status"`
	}
	if !decodeBody(w, r, &body, `body must be {"status": "mitigating" | "resolved" | "invalidated"}`) {
		return
	}
	if body.Status != incident.StatusMitigating && !body.Status.Terminal() {
		WriteError(w, http.StatusBadRequest, "invalid", fmt.Sprintf("status %q is not mitigating, resolved or invalidated", body.Status))
		return
	}
	inc, ok := s.visibleIncident(w, r, p)
	if !ok {
		return
	}
	may, err := s.API.Access.CanManage(r.Context(), p.Engineer, inc)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	if !may {
		WriteError(w, http.StatusForbidden, "not_manager", "only the incident's owner, its service's responders and admins may change it")
		return
	}
	inc, err = s.API.Decider.SetStatus(r.Context(), inc.ID, body.Status, incident.Actor{ID: p.Engineer, Type: incident.ActorHuman})
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toIncidentJSON(inc))
}

// visibleIncident loads the incident in the path if p may see it. An
// incident p may not see gets the same 404 as one that does not exist, so
// ids do not leak.
func (s *Server) visibleIncident(w http.ResponseWriter, r *http.Request, p Principal) (incident.Incident, bool) {
	inc, err := s.API.Store.GetIncident(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeDomainError(w, r, err)
		return inc, false
	}
	ok, err := s.API.Access.CanView(r.Context(), p.Engineer, inc)
	switch {
	case err != nil:
		s.writeDomainError(w, r, err)
		return inc, false
	case !ok:
		s.writeDomainError(w, r, store.ErrNotFound)
		return inc, false
	}
	return inc, true
}

// decodeBody reads a small JSON body strictly: unknown fields (such as an
// identity a client tries to name) are refused, not ignored.
func decodeBody(w http.ResponseWriter, r *http.Request, v any, shape string) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		WriteError(w, http.StatusBadRequest, "invalid", shape)
		return false
	}
	return true
}

// answerStepUp passes the viewer's own step-up wait with an authenticator code.
func (s *Server) answerStepUp(w http.ResponseWriter, r *http.Request, p Principal) {
	var body struct {
		Code string `json:"code"`
	}
	if !decodeBody(w, r, &body, `body must be {"code": "123456"}`) {
		return
	}
	if body.Code == "" {
		WriteError(w, http.StatusBadRequest, "invalid", "code is required")
		return
	}
	ap, err := s.API.Decider.AnswerStepUp(r.Context(), r.PathValue("id"), p.Engineer, body.Code)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"approval_id": ap.ID, "decision": ap.Decision, "decided_by": ap.DecidedBy})
}

// enrollTOTP starts (or restarts, until confirmed) the viewer's enrolment.
// The secret is in the answer once and nowhere else in clear.
func (s *Server) enrollTOTP(w http.ResponseWriter, r *http.Request, p Principal) {
	u, png, err := s.API.Enroller.Enroll(r.Context(), p.Engineer)
	if err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"otpauth_url": u, "qr_png": png})
}

func (s *Server) confirmTOTP(w http.ResponseWriter, r *http.Request, p Principal) {
	var body struct {
		Code string `json:"code"`
	}
	if !decodeBody(w, r, &body, `body must be {"code": "123456"}`) {
		return
	}
	if err := s.API.Enroller.Confirm(r.Context(), p.Engineer, body.Code); err != nil {
		s.writeDomainError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"enrolled": true})
}
