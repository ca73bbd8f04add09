// Package dashboard serves WarRoom's server-rendered web pages: the incident
// list and detail with a live activity stream (Server-Sent Events), approval
// cards for the viewer, the audit trail with its verification status, the
// consent page, the team page and TOTP enrolment.
//
// Pages are html/template, styles and the one small script are embedded
// static files (the Content-Security-Policy allows no inline script). Every
// route requires a signed-in viewer; the engineer always comes from the
// session, never from a form; every state-changing form carries a CSRF token
// bound to the viewer and is refused from another origin.
package dashboard

import (
	"cmp"
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/live"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options are the dashboard's dependencies. Store, Decider, Viewer and Live
// are required; the rest are optional.
type Options struct {
	Store *store.Store
	// Decider records decisions and status changes (the engine).
	Decider web.Decider
	// Viewer is the engineer signed in on the request (OIDC session or
	// demo sign-in); ok is false when nobody is.
	Viewer func(r *http.Request) (engineer string, ok bool)
	// Live wakes the activity streams; start it (Start) before serving and
	// close it (Close) when the HTTP server shuts down, which ends the streams.
	Live *live.Hub
	Team config.Team
	// KnownIssues are shown on the team page.
	KnownIssues []incident.KnownIssue
	// Enroller enables the TOTP enrolment page.
	Enroller web.Enroller
	// Authz lists the relations the consent page shows.
	Authz authz.Authorizer
	// Revoke revokes an engineer's provider grant (the built-in vault's
	// Revoke); without it the consent page deletes the stored grant.
	Revoke func(ctx context.Context, engineer, provider string) error
	// DecisionScopes are the API scopes a decision made in the dashboard
	// carries to the scope gate (default: approve:actions): signing in to the
	// dashboard is the engineer's own interactive session.
	DecisionScopes []string
	// ProviderFor names the provider whose grant an action uses, for the
	// re-authorize card (default: the target's system, "github:acme/x" -> github).
	ProviderFor func(a incident.Action) string
	// CSRFKey signs CSRF tokens; replicas must share one (default: random,
	// valid for this process only).
	CSRFKey []byte
	// SecureCookies marks the CSRF cookie Secure (serve over HTTPS).
	SecureCookies bool
	// Access says who may see and change an incident and read the whole
	// audit log (required; production uses access.FGA).
	Access access.Policy
	// SampleAlertPath, in the sandbox, is where the list's "Fire sample
	// alert" button posts (the demo's own receiver); empty hides it.
	SampleAlertPath string
	// LoginPath is where a visitor who is not signed in is sent (default /login).
	LoginPath string
	// Heartbeat is how often an idle stream sends a comment (default 15s).
	Heartbeat time.Duration
	Logger    *slog.Logger
	Now       func() time.Time
}

// Dashboard is the set of page handlers.
type Dashboard struct {
	opts   Options
	st     *store.Store
	live   *live.Hub
	log    *slog.Logger
	pages  map[string]*template.Template
	frag   *template.Template
	csrf   csrfKey
	frames *frameCache
	chain  chainCheck // how far the audit chain is verified
}

// New checks the options and parses the templates.
func New(opts Options) (*Dashboard, error) {
	switch {
	case opts.Store == nil:
		return nil, errors.New("dashboard: Store is required")
	case opts.Decider == nil:
		return nil, errors.New("dashboard: Decider is required")
	case opts.Viewer == nil:
		return nil, errors.New("dashboard: Viewer is required")
	case opts.Live == nil:
		return nil, errors.New("dashboard: Live is required")
	case opts.Access == nil:
		return nil, errors.New("dashboard: Access is required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LoginPath == "" {
		opts.LoginPath = "/login"
	}
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.DecisionScopes == nil {
		opts.DecisionScopes = []string{web.ScopeApprove}
	}
	if opts.ProviderFor == nil {
		opts.ProviderFor = func(a incident.Action) string { return targetSystem(a.Target) }
	}
	key := opts.CSRFKey
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("dashboard: csrf key: %w", err)
		}
	}
	d := &Dashboard{opts: opts, st: opts.Store, live: opts.Live, log: opts.Logger, csrf: newCSRFKey(key), frames: newFrameCache(4096)}
	if err := d.parseTemplates(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Dashboard) parseTemplates() error {
	funcs := templateFuncs()
	shared := []string{"templates/layout.html", "templates/partials.html"}
	d.pages = map[string]*template.Template{}
	for _, page := range []string{"list", "incident", "postmortem", "audit", "consent", "team", "totp", "error"} {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFS, append(shared, "templates/"+page+".html")...)
		if err != nil {
			return fmt.Errorf("dashboard: parse %s template: %w", page, err)
		}
		d.pages[page] = t
	}
	t, err := template.New("fragments").Funcs(funcs).ParseFS(templateFS, "templates/partials.html")
	if err != nil {
		return fmt.Errorf("dashboard: parse fragments: %w", err)
	}
	d.frag = t
	return nil
}

// Routes are the dashboard's handlers keyed by Go 1.22 mux patterns, to be
// merged into the server's mux.
func (d *Dashboard) Routes() map[string]http.Handler {
	static, _ := fs.Sub(staticFS, "static")
	r := map[string]http.Handler{
		"GET /{$}":                          d.page(d.list),
		"GET /incidents/stream":             d.fetched(d.listStream),
		"GET /incidents/{id}":               d.page(d.viewable(d.detail)),
		"GET /incidents/{id}/panel":         d.fetched(d.viewable(d.panel)),
		"GET /incidents/{id}/events/stream": d.fetched(d.viewable(d.stream)),
		"GET /incidents/{id}/audit":         d.page(d.viewable(d.incidentAudit)),
		"GET /incidents/{id}/audit.jsonl":   d.page(d.viewable(d.incidentAuditJSONL)),
		"POST /incidents/{id}/status":       d.form(d.manageable(d.setStatus)),
		"POST /incidents/{id}/notes":        d.form(d.manageable(d.addNote)),
		"POST /incidents/{id}/bundle":       d.form(d.viewable(d.decideBundle)),
		"GET /incidents/{id}/postmortem":    d.page(d.viewable(d.postmortem)),
		"GET /incidents/{id}/postmortem.md": d.page(d.viewable(d.postmortemMarkdown)),
		"POST /approvals/{id}/decision":     d.form(d.decide),
		"POST /approvals/{id}/retry":        d.form(d.retry),
		"POST /approvals/{id}/stepup":       d.form(d.answerStepUp),
		"GET /audit":                        d.page(d.globalAudit),
		"GET /audit.jsonl":                  d.page(d.globalAuditJSONL),
		"GET /consent":                      d.page(d.consent),
		"POST /consent/revoke":              d.form(d.revoke),
		"GET /team":                         d.page(d.team),
		"GET /static/":                      secure(http.StripPrefix("/static/", staticHandler(http.FS(static)))),
	}
	if d.opts.Enroller != nil {
		r["GET /me/totp"] = d.page(d.totpPage)
		r["POST /me/totp"] = d.form(d.totpEnroll)
		r["POST /me/totp/confirm"] = d.form(d.totpConfirm)
	}
	return r
}

// viewable lets h run only for an engineer who may see the incident in the
// path; anyone else gets the same 404 as for an id that does not exist, so
// ids do not leak.
func (d *Dashboard) viewable(h handler) handler {
	return d.allowed(nil, h)
}

// manageable lets h (a change to the incident) run only for an engineer who
// may manage it: owner, responder, named manager or admin.
func (d *Dashboard) manageable(h handler) handler {
	return d.allowed(access.Policy.CanManage, h)
}

type check func(p access.Policy, ctx context.Context, engineer string, inc incident.Incident) (bool, error)

// allowed runs h if the viewer may see the incident and, when may is set,
// also passes may.
func (d *Dashboard) allowed(may check, h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, v viewer) {
		inc, err := d.st.GetIncident(r.Context(), r.PathValue("id"))
		if err != nil {
			h(w, r, v) // the handler answers a missing incident as it always does
			return
		}
		ok, err := d.opts.Access.CanView(r.Context(), v.ID, inc)
		if err == nil && ok && may != nil {
			ok, err = may(d.opts.Access, r.Context(), v.ID, inc)
			if err == nil && !ok {
				d.renderError(w, r, v, http.StatusForbidden, "Not yours to change",
					"Only the incident's owner, the responders of its service and admins can change it.")
				return
			}
		}
		switch {
		case err != nil:
			d.fail(w, r, v, err)
		case !ok:
			d.fail(w, r, v, store.ErrNotFound)
		default:
			h(w, r, v)
		}
	}
}

// visible keeps the incidents v may see.
// visiblePage lists the incidents f selects that v may see, a page of
// them newest first from f.After, and the position to continue from (zero
// on the last page).
func (d *Dashboard) visiblePage(ctx context.Context, v viewer, f store.IncidentFilter) ([]incident.Incident, store.IncidentCursor, error) {
	limit := cmp.Or(f.Limit, listRows)
	incs, last, more, err := access.VisiblePage(ctx, d.opts.Access, v.ID, limit, d.st.IncidentPages(ctx, f))
	if err != nil || !more {
		return incs, store.IncidentCursor{}, err
	}
	return incs, store.CursorOf(last), nil
}

// listRows is how many incidents a page of the list shows.
const listRows = 100

// viewer is the signed-in engineer and what their forms need.
type viewer struct {
	ID   string
	Name string
	CSRF string
}

type handler func(w http.ResponseWriter, r *http.Request, v viewer)

// csp allows nothing but this origin's own files: no inline script or
// style, no framing, forms only to this origin. data: images are the TOTP QR.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure sets the headers every dashboard response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func staticHandler(fsys http.FileSystem) http.Handler {
	files := http.FileServer(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || r.URL.Path[len(r.URL.Path)-1] == '/' {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// page admits signed-in viewers only; others are sent to sign in.
func (d *Dashboard) page(h handler) http.Handler {
	return d.signedIn(h, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, d.opts.LoginPath, http.StatusSeeOther)
	})
}

// fetched is page for what scripts fetch (streams, fragments): a visitor
// who is not signed in gets 401, since a redirect would not help them.
func (d *Dashboard) fetched(h handler) http.Handler {
	return d.signedIn(h, func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "sign in first", http.StatusUnauthorized)
	})
}

func (d *Dashboard) signedIn(h handler, refuse http.HandlerFunc) http.Handler {
	return secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, ok := d.viewer(w, r)
		if !ok {
			refuse(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r, v)
	}))
}

// form admits a state-changing POST only from a signed-in viewer, from this
// origin, with the viewer's CSRF token.
func (d *Dashboard) form(h handler) http.Handler {
	return secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		v, ok := d.viewer(w, r)
		if !ok {
			d.renderError(w, r, viewer{}, http.StatusUnauthorized, "Sign in first", "Your session has ended; sign in again.")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if !sameOrigin(r) || !d.csrf.valid(r, v.ID) {
			d.renderError(w, r, v, http.StatusForbidden, "Request refused",
				"This form did not come from this dashboard (missing or wrong CSRF token, or another origin). Reload the page and try again.")
			return
		}
		h(w, r, v)
	}))
}

func (d *Dashboard) viewer(w http.ResponseWriter, r *http.Request) (viewer, bool) {
	id, ok := d.opts.Viewer(r)
	if !ok || id == "" {
		return viewer{}, false
	}
	v := viewer{ID: id, Name: id}
	for _, e := range d.opts.Team.Engineers {
		if e.ID == id && e.Name != "" {
			v.Name = e.Name
		}
	}
	v.CSRF = d.csrf.token(w, r, id, d.opts.SecureCookies)
	return v, true
}

// redirect sends the browser back to a page after a successful form.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}
