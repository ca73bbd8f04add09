package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/incident"
)

// maxBundle bounds the approvals one bundle decision names.
const maxBundle = 20

// decideBundle decides the coordination bundle the viewer was shown: one
// decision, recorded as one approval (or decline) per action, each by the
// engine under the viewer's identity with its own audit entry. Only the
// approvals named in the form are decided, so nothing proposed after the
// page was drawn is approved unseen; remediation is never part of it.
func (d *Dashboard) decideBundle(w http.ResponseWriter, r *http.Request, v viewer) {
	dec := incident.Decision(r.PostFormValue("decision"))
	if !dec.Valid() {
		d.renderError(w, r, v, http.StatusBadRequest, "Invalid decision", "Choose approve or decline.")
		return
	}
	ids := r.PostForm["approval"]
	if len(ids) == 0 || len(ids) > maxBundle {
		d.renderError(w, r, v, http.StatusBadRequest, "Nothing to decide",
			fmt.Sprintf("A bundle names 1 to %d approvals.", maxBundle))
		return
	}
	ctx := r.Context()
	incID := r.PathValue("id")
	pending, err := d.st.PendingApprovalsOf(ctx, incID)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	acts, err := d.st.ListActions(ctx, incID)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	byID := map[string]incident.Action{}
	for _, a := range acts {
		byID[a.ID] = a
	}
	// Every named approval must be a pending coordination approval of this
	// incident the viewer may decide; otherwise nothing is decided.
	var chosen []incident.Approval
	for _, id := range ids {
		i := slices.IndexFunc(pending, func(ap incident.Approval) bool { return ap.ID == id })
		if i < 0 {
			d.renderError(w, r, v, http.StatusConflict, "Already decided",
				"One of these actions was decided or withdrawn meanwhile. Nothing was changed; review the page again.")
			return
		}
		ap := pending[i]
		if !briefing.Bundled(ap, byID[ap.ActionID]) || !ap.MayDecide(v.ID) {
			d.renderError(w, r, v, http.StatusBadRequest, "Not part of the bundle",
				"Only coordination actions waiting for you are decided together; changes to the service are decided one by one.")
			return
		}
		if !slices.ContainsFunc(chosen, func(c incident.Approval) bool { return c.ID == ap.ID }) {
			chosen = append(chosen, ap)
		}
	}
	var failed []error
	for _, ap := range chosen {
		if _, err := d.opts.Decider.Decide(ctx, ap.ID, v.ID, dec, d.opts.DecisionScopes...); err != nil {
			failed = append(failed, fmt.Errorf("approval %s: %w", ap.ID, err))
		}
	}
	d.live.Notify(incID)
	if len(failed) > 0 {
		// Those decided stay decided: each is its own approval.
		d.fail(w, r, v, errors.Join(failed...))
		return
	}
	redirect(w, r, "/incidents/"+url.PathEscape(incID))
}

func (d *Dashboard) postmortemOf(r *http.Request) (briefing.Postmortem, error) {
	ctx := r.Context()
	inc, err := d.st.GetIncident(ctx, r.PathValue("id"))
	if err != nil {
		return briefing.Postmortem{}, err
	}
	evs, _, err := d.record(ctx, inc.ID)
	if err != nil {
		return briefing.Postmortem{}, err
	}
	acts, err := d.st.ListActions(ctx, inc.ID)
	if err != nil {
		return briefing.Postmortem{}, err
	}
	b := briefing.Build(inc, evs, acts, nil, "")
	return briefing.BuildPostmortem(b, evs, acts, d.zoneOf(inc.Owner), d.opts.Now()), nil
}

// postmortem shows the draft, built from the record on every request, so it
// is regenerated whenever it is opened.
func (d *Dashboard) postmortem(w http.ResponseWriter, r *http.Request, v viewer) {
	pm, err := d.postmortemOf(r)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.render(w, r, http.StatusOK, "postmortem", "incidents", "Postmortem: "+pm.Brief.Incident.Title, v, pm)
}

// postmortemMarkdown is the draft as a Markdown file.
func (d *Dashboard) postmortemMarkdown(w http.ResponseWriter, r *http.Request, v viewer) {
	pm, err := d.postmortemOf(r)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	md, err := pm.Markdown()
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="postmortem-%s.md"`, url.PathEscape(pm.Brief.Incident.ID)))
	_, _ = w.Write(md)
}

// zoneOf is an engineer's time zone from the team file, UTC when it names
// none or one this system does not know.
func (d *Dashboard) zoneOf(engineer string) *time.Location {
	for _, e := range d.opts.Team.Engineers {
		if e.ID == engineer && e.Timezone != "" {
			if z, err := time.LoadLocation(e.Timezone); err == nil {
				return z
			}
		}
	}
	return time.UTC
}
