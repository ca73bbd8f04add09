package identity

import (
	"crypto/rand"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/warroom/warroom/internal/config"
)

// DemoLogin signs in as any team member, with no password: for the sandbox
// demo only, served on a loopback address only (the configuration refuses
// anything else), and marked as such on every page it serves.
type DemoLogin struct {
	team   config.Team
	signer cookieSigner
	ttl    time.Duration
	now    func() time.Time
}

const demoCookie = "warroom_demo_session"

type demoSession struct {
	Engineer string `json:"engineer"`
	Exp      int64  `json:"exp"`
}

// NewDemoLogin uses a fresh random key: demo sessions end with the process.
func NewDemoLogin(team config.Team) (*DemoLogin, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	d := &DemoLogin{team: team, ttl: 12 * time.Hour, now: time.Now}
	d.signer = newCookieSigner(secret, func() time.Time { return d.now() })
	return d, nil
}

var demoPage = template.Must(template.New("demo").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WarRoom demo sign-in</title></head>
<body>
<p><strong>DEMO SIGN-IN — sandbox only. There is no authentication here: anyone on this machine can be anyone.</strong></p>
<form method="post" action="/login">
{{range .}}<p><button name="engineer" value="{{.ID}}">Sign in as {{.Name}} ({{.ID}})</button></p>
{{end}}</form>
</body></html>`))

// PageHandler lists the team, plainly marked as a demo.
func (d *DemoLogin) PageHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
		DenyFraming(w.Header())
		_ = demoPage.Execute(w, d.team.Engineers)
	})
}

// SignInHandler starts a session as the chosen engineer. Cross-site posts
// are refused, so another site cannot sign a visitor in as someone else.
func (d *DemoLogin) SignInHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		DenyFraming(w.Header())
		if o := r.Header.Get("Origin"); o != "" {
			if u, err := url.Parse(o); err != nil || u.Host != r.Host {
				writeError(w, http.StatusForbidden, "cross_origin", "sign-in must come from this page")
				return
			}
		}
		id := r.PostFormValue("engineer")
		found := false
		for _, e := range d.team.Engineers {
			found = found || e.ID == id
		}
		if !found {
			writeError(w, http.StatusBadRequest, "unknown_engineer", "no such engineer on the team")
			return
		}
		value, err := d.signer.sign(purposeDemo, demoSession{Engineer: id, Exp: d.now().Add(d.ttl).Unix()})
		if err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "internal error")
			return
		}
		http.SetCookie(w, &http.Cookie{Name: demoCookie, Value: value, Path: "/", MaxAge: int(d.ttl.Seconds()),
			HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
}

// LogoutHandler ends the demo session; only a same-origin POST is accepted.
func (d *DemoLogin) LogoutHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		DenyFraming(w.Header())
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use POST")
			return
		}
		if !sameOrigin(r, "") {
			writeError(w, http.StatusForbidden, "cross_origin", "sign out from WarRoom's own pages")
			return
		}
		http.SetCookie(w, &http.Cookie{Name: demoCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
}

// Viewer is the signed-in demo engineer.
func (d *DemoLogin) Viewer(r *http.Request) (Viewer, bool) {
	c, err := r.Cookie(demoCookie)
	if err != nil {
		return Viewer{}, false
	}
	var s demoSession
	if d.signer.open(purposeDemo, c.Value, &s) != nil {
		return Viewer{}, false
	}
	for _, e := range d.team.Engineers {
		if e.ID == s.Engineer {
			return Viewer{Engineer: e.ID, Name: e.Name, Email: e.Email, GitHub: e.GitHub, Slack: e.Slack}, true
		}
	}
	return Viewer{}, false
}

// SealValue and OpenValue serve other dashboard flows, as Login's do.
func (d *DemoLogin) SealValue(purpose string, v any) (string, error) {
	return d.signer.sign("app:"+purpose, v)
}

// OpenValue verifies a value sealed for purpose.
func (d *DemoLogin) OpenValue(purpose, value string, v any) error {
	return d.signer.open("app:"+purpose, value, v)
}
