package dashboard

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/roster"
)

type rotationRow struct {
	Name       string
	Members    []string
	ShiftHours int
	Now        string
	Next       string
	NextAt     time.Time
	Error      bool
}

type teamPage struct {
	At          time.Time
	Engineers   []config.Engineer
	Rotations   []rotationRow
	Services    []config.Service
	KnownIssues []incident.KnownIssue
}

func (d *Dashboard) team(w http.ResponseWriter, r *http.Request, v viewer) {
	now := d.opts.Now().UTC()
	p := teamPage{At: now, Engineers: d.opts.Team.Engineers, Services: d.opts.Team.Services, KnownIssues: d.opts.KnownIssues}
	for _, rot := range d.opts.Team.Rotations {
		row := rotationRow{Name: rot.Name, Members: rot.Members, ShiftHours: rot.ShiftHours}
		cur, err := roster.OnCall(d.opts.Team, rot.Name, now)
		if err != nil {
			row.Error = true
		} else {
			row.Now = cur
			row.Next, row.NextAt = nextOnCall(d.opts.Team, rot, cur, now)
		}
		p.Rotations = append(p.Rotations, row)
	}
	d.render(w, r, http.StatusOK, "team", "team", "Team", v, p)
}

// nextOnCall is who takes over from cur after now, and when: the first
// moment, among the coming shift changes and override edges, at which
// someone else is on call. "" when nobody else is within a full cycle.
func nextOnCall(team config.Team, rot config.Rotation, cur string, now time.Time) (string, time.Time) {
	var at []time.Time
	if shift := time.Duration(rot.ShiftHours) * time.Hour; shift > 0 {
		n := now.Sub(rot.Start) / shift
		if now.Before(rot.Start) && now.Sub(rot.Start)%shift != 0 {
			n-- // floor, as roster does
		}
		next := rot.Start.Add((n + 1) * shift)
		for i := 0; i <= len(rot.Members); i++ {
			at = append(at, next.Add(time.Duration(i)*shift))
		}
	}
	for _, o := range team.Overrides {
		if o.Rotation != rot.Name {
			continue
		}
		for _, t := range []time.Time{o.From, o.To} {
			if t.After(now) {
				at = append(at, t)
			}
		}
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	for _, t := range at {
		if who, err := roster.OnCall(team, rot.Name, t); err == nil && who != cur {
			return who, t
		}
	}
	return "", time.Time{}
}

// --- TOTP enrolment ---

type totpPage struct {
	Step string // start, scan, done
	QR   template.URL
	CSRF string
}

func (d *Dashboard) totpPage(w http.ResponseWriter, r *http.Request, v viewer) {
	d.render(w, r, http.StatusOK, "totp", "totp", "Authenticator", v, totpPage{Step: "start", CSRF: v.CSRF})
}

// totpEnroll starts (or restarts, until confirmed) the viewer's enrolment.
// The QR code holds the new secret: it is shown this once, to its owner,
// on a page that is not cached, and never in text.
func (d *Dashboard) totpEnroll(w http.ResponseWriter, r *http.Request, v viewer) {
	_, png, err := d.opts.Enroller.Enroll(r.Context(), v.ID)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	// The URL is built here from PNG bytes, so it is safe to mark as such.
	qr := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	d.render(w, r, http.StatusOK, "totp", "totp", "Authenticator", v, totpPage{Step: "scan", QR: qr, CSRF: v.CSRF})
}

func (d *Dashboard) totpConfirm(w http.ResponseWriter, r *http.Request, v viewer) {
	code := strings.TrimSpace(r.PostFormValue("code"))
	if code == "" {
		d.renderError(w, r, v, http.StatusBadRequest, "Code required", "Type the code your authenticator shows.")
		return
	}
	if err := d.opts.Enroller.Confirm(r.Context(), v.ID, code); err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.render(w, r, http.StatusOK, "totp", "totp", "Authenticator", v, totpPage{Step: "done"})
}
