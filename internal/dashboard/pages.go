package dashboard

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

var (
	statuses   = []incident.Status{incident.StatusOpen, incident.StatusMitigating, incident.StatusResolved, incident.StatusInvalidated}
	severities = []incident.Severity{incident.SevP1, incident.SevP2, incident.SevP3}
)

// filterFrom reads the list filters; ok is false for an unknown value.
func filterFrom(q url.Values) (store.IncidentFilter, bool) {
	f := store.IncidentFilter{Status: incident.Status(q.Get("status")), Severity: incident.Severity(q.Get("severity"))}
	okStatus := f.Status == ""
	for _, s := range statuses {
		okStatus = okStatus || f.Status == s
	}
	after, err := store.ParseIncidentCursor(q.Get("cursor"))
	f.After = after
	return f, okStatus && f.Severity.Valid() && err == nil
}

type listPage struct {
	Filter     store.IncidentFilter
	Statuses   []incident.Status
	Severities []incident.Severity
	Incidents  []incident.Incident
	Stream     string
	// SampleAlert is the sandbox's "fire a sample alert" form target.
	SampleAlert string
	CSRF        string
	Older       string // the next page's link; "" on the last page
}

func (d *Dashboard) list(w http.ResponseWriter, r *http.Request, v viewer) {
	f, ok := filterFrom(r.URL.Query())
	if !ok {
		d.renderError(w, r, v, http.StatusBadRequest, "Invalid filter", "Status is open, mitigating, resolved or invalidated; severity is P1, P2 or P3; a cursor is one a page gave.")
		return
	}
	incs, next, err := d.visiblePage(r.Context(), v, f)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	q := url.Values{}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	if f.Severity != "" {
		q.Set("severity", string(f.Severity))
	}
	stream := "/incidents/stream"
	if len(q) > 0 {
		stream += "?" + q.Encode()
	}
	older := ""
	if !next.IsZero() {
		q.Set("cursor", next.String())
		older = "/?" + q.Encode()
	}
	// Only the first page is live: an older page is history.
	if !f.After.IsZero() {
		stream = ""
	}
	d.render(w, r, http.StatusOK, "list", "incidents", "Incidents", v,
		listPage{Filter: f, Statuses: statuses, Severities: severities, Incidents: incs, Stream: stream,
			SampleAlert: d.opts.SampleAlertPath, CSRF: v.CSRF, Older: older})
}

// --- incident detail ---

type detailPage struct {
	Incident incident.Incident
	Panel    panelData
	Entries  []entry
	LastSeq  int64
	Types    string
	More     bool
}

// panelData is the part of the page that changes with the actions: status,
// approval cards (per viewer) and the actions table.
type panelData struct {
	Incident  incident.Incident
	Approvals []approvalCard
	Actions   []actionRow
	CSRF      string
	Viewer    string
	Statuses  []incident.Status
	Brief     briefing.Brief
}

// BundleIDs are the approvals the bundle button decides, as the viewer saw them.
func (p panelData) BundleIDs() []string {
	var ids []string
	for _, c := range p.Approvals {
		if c.CanDecide && c.Bundled {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// approvalCard is one open wait as this viewer sees it.
type approvalCard struct {
	ID         string
	Kind       incident.WaitKind
	ActionKind string
	Risk       incident.Risk
	Target     string
	Reason     string
	WaitingFor string
	Delegates  []string
	// CanDecide: the viewer is the engineer this waits for or an allowed
	// delegate (a step-up: the engineer alone). Everyone else sees "waiting for".
	CanDecide bool
	// Method and Message describe a step-up (totp: a code field; ciba:
	// check your device). The challenge's state is never read into a card.
	Method   string
	Message  string
	Provider string
	// Bundled is whether it is a coordination action the bundle decides;
	// Change is a remediation's change, shown before deciding it.
	Bundled bool
	Change  string
	// Reverts and Evidence name the blamed commit a revert undoes and the
	// lines of its diff that tie it to the failure.
	Reverts  string
	Evidence []string
}

type actionRow struct {
	incident.Action
	Summary string
}

const maxTimeline = 2000

func (d *Dashboard) detail(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	inc, err := d.st.GetIncident(ctx, r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	evs, more, err := d.record(ctx, inc.ID)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p, err := d.panelFor(r, inc, evs, v)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	page := detailPage{Incident: inc, Panel: p, Types: eventTypeList(), More: more}
	items := make([]item, 0, len(evs))
	for _, ev := range evs {
		items = append(items, toItem(ev))
		page.LastSeq = ev.Seq
	}
	page.Entries = entries(items)
	d.render(w, r, http.StatusOK, "incident", "incidents", inc.Title, v, page)
}

// record reads the first maxTimeline events of an incident; more reports
// that there are others (they follow live).
func (d *Dashboard) record(ctx context.Context, incidentID string) (evs []incident.Event, more bool, err error) {
	var last int64
	for len(evs) < maxTimeline {
		page, err := d.st.ListEvents(ctx, incidentID, last, min(1000, maxTimeline-len(evs)))
		if err != nil {
			return nil, false, err
		}
		evs = append(evs, page...)
		if len(page) == 0 {
			break
		}
		last = page[len(page)-1].Seq
		if len(page) < 1000 {
			return evs, false, nil
		}
	}
	return evs, len(evs) >= maxTimeline, nil
}

func (d *Dashboard) panel(w http.ResponseWriter, r *http.Request, v viewer) {
	inc, err := d.st.GetIncident(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	evs, _, err := d.record(r.Context(), inc.ID)
	if err == nil {
		var p panelData
		if p, err = d.panelFor(r, inc, evs, v); err == nil {
			d.fragment(w, r, "panel", p)
			return
		}
	}
	d.log.ErrorContext(r.Context(), "dashboard: panel", "incident", inc.ID, "error", err.Error())
	http.Error(w, "internal error", http.StatusInternalServerError)
}

func (d *Dashboard) panelFor(r *http.Request, inc incident.Incident, evs []incident.Event, v viewer) (panelData, error) {
	ctx := r.Context()
	acts, err := d.st.ListActions(ctx, inc.ID)
	if err != nil {
		return panelData{}, err
	}
	byID := map[string]incident.Action{}
	p := panelData{Incident: inc, CSRF: v.CSRF, Viewer: v.ID, Statuses: []incident.Status{incident.StatusMitigating, incident.StatusResolved, incident.StatusInvalidated}}
	for _, a := range acts {
		byID[a.ID] = a
		var res struct {
			Summary string `json:"summary"`
		}
		_ = json.Unmarshal(a.Result, &res)
		p.Actions = append(p.Actions, actionRow{Action: a, Summary: res.Summary})
	}
	pending, err := d.st.PendingApprovalsOf(ctx, inc.ID)
	if err != nil {
		return panelData{}, err
	}
	p.Brief = briefing.Build(inc, evs, acts, pending, v.ID)
	for _, ap := range pending {
		a := byID[ap.ActionID]
		c := approvalCard{ID: ap.ID, Kind: ap.Kind, ActionKind: a.Kind, Risk: a.Risk, Target: a.Target, Reason: a.Reason,
			WaitingFor: ap.Target, Delegates: ap.Delegates, CanDecide: ap.MayDecide(v.ID),
			Bundled: briefing.Bundled(ap, a), Change: changeOf(a)}
		if cause := p.Brief.Cause; reverts(a, cause.Commit) {
			// The approver reads the lines of its diff that tie the blamed
			// commit to the failure before deciding to revert it.
			c.Reverts = fmt.Sprintf("%s by @%s: %s", cause.Short(), cause.Author, cause.Subject)
			c.Evidence = cause.Evidence
		}
		switch ap.Kind {
		case incident.WaitStepUp:
			// Only the public part of the challenge; its state may hold a provider handle.
			var ch struct {
				Method  string `json:"method"`
				Message string `json:"message"`
			}
			_ = json.Unmarshal(ap.Challenge, &ch)
			c.Method, c.Message = ch.Method, ch.Message
			// Only the approver can prove their own presence; a delegate cannot.
			c.CanDecide = v.ID == ap.Target
		case incident.WaitReauth:
			c.Provider = d.opts.ProviderFor(a)
		}
		p.Approvals = append(p.Approvals, c)
	}
	// A bundle of one is just that action's card.
	if len(p.BundleIDs()) < 2 {
		for i := range p.Approvals {
			p.Approvals[i].Bundled = false
		}
	}
	// What the viewer can decide comes first, the bundle's members last
	// among those (the bundle's own button decides them).
	slices.SortStableFunc(p.Approvals, func(a, b approvalCard) int {
		return cmp.Compare(cardRank(a), cardRank(b))
	})
	return p, nil
}

func cardRank(c approvalCard) int {
	switch {
	case c.CanDecide && !c.Bundled:
		return 0
	case c.CanDecide:
		return 1
	}
	return 2
}

// reverts reports whether a is a revert of commit sha.
func reverts(a incident.Action, sha string) bool {
	if a.Kind != action.RevertPR || sha == "" {
		return false
	}
	var p struct {
		SHAs []string `json:"shas"`
	}
	return json.Unmarshal(a.Params, &p) == nil && slices.Contains(p.SHAs, sha)
}

// changeOf is what a remediation would change, as its approver should read
// it before deciding: the commits reverted, the file and change, the pull
// request merged.
func changeOf(a incident.Action) string {
	s, ok := action.Lookup(a.Kind)
	if !ok || !s.Remediation || len(a.Params) == 0 {
		return ""
	}
	var m map[string]any
	if json.Unmarshal(a.Params, &m) != nil {
		return ""
	}
	delete(m, "reason") // shown as the card's reason
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return ""
	}
	return string(b)
}

// --- forms ---

func (d *Dashboard) human(v viewer) incident.Actor {
	return incident.Actor{ID: v.ID, Type: incident.ActorHuman}
}

func (d *Dashboard) decide(w http.ResponseWriter, r *http.Request, v viewer) {
	dec := incident.Decision(r.PostFormValue("decision"))
	if !dec.Valid() {
		d.renderError(w, r, v, http.StatusBadRequest, "Invalid decision", "Choose approve or decline.")
		return
	}
	ap, err := d.st.GetApproval(r.Context(), r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	if ap.Kind == incident.WaitStepUp && dec == incident.DecisionApproved {
		d.renderError(w, r, v, http.StatusBadRequest, "Step-up needs its code",
			"A step-up is passed with the authenticator code or on your device, not with a button.")
		return
	}
	d.decideAs(w, r, v, ap, dec)
}

// retry answers a re-authorization wait: the action tries again with the
// viewer's renewed grant.
func (d *Dashboard) retry(w http.ResponseWriter, r *http.Request, v viewer) {
	ap, err := d.st.GetApproval(r.Context(), r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	if ap.Kind != incident.WaitReauth {
		d.renderError(w, r, v, http.StatusBadRequest, "Not a re-authorization", "Only a re-authorization wait can be retried.")
		return
	}
	d.decideAs(w, r, v, ap, incident.DecisionApproved)
}

func (d *Dashboard) decideAs(w http.ResponseWriter, r *http.Request, v viewer, ap incident.Approval, dec incident.Decision) {
	// The engine checks again that v may decide and that nobody has: the
	// card's buttons are a convenience, not the control.
	if _, err := d.opts.Decider.Decide(r.Context(), ap.ID, v.ID, dec, d.opts.DecisionScopes...); err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.live.Notify(ap.IncidentID)
	redirect(w, r, "/incidents/"+url.PathEscape(ap.IncidentID))
}

func (d *Dashboard) answerStepUp(w http.ResponseWriter, r *http.Request, v viewer) {
	code := strings.TrimSpace(r.PostFormValue("code"))
	if code == "" {
		d.renderError(w, r, v, http.StatusBadRequest, "Code required", "Type the code your authenticator shows.")
		return
	}
	ap, err := d.opts.Decider.AnswerStepUp(r.Context(), r.PathValue("id"), v.ID, code)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.live.Notify(ap.IncidentID)
	redirect(w, r, "/incidents/"+url.PathEscape(ap.IncidentID))
}

func (d *Dashboard) setStatus(w http.ResponseWriter, r *http.Request, v viewer) {
	to := incident.Status(r.PostFormValue("status"))
	if to != incident.StatusMitigating && !to.Terminal() {
		d.renderError(w, r, v, http.StatusBadRequest, "Invalid status", "An incident can be marked mitigating, resolved or invalidated.")
		return
	}
	inc, err := d.opts.Decider.SetStatus(r.Context(), r.PathValue("id"), to, d.human(v))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.live.Notify(inc.ID)
	redirect(w, r, "/incidents/"+url.PathEscape(inc.ID))
}

const maxNote = 4000

// addNote records an RCA note as a timeline event by the viewer, with its
// audit entry, in one transaction.
func (d *Dashboard) addNote(w http.ResponseWriter, r *http.Request, v viewer) {
	text := strings.TrimSpace(r.PostFormValue("text"))
	if text == "" || utf8.RuneCountInString(text) > maxNote {
		d.renderError(w, r, v, http.StatusBadRequest, "Invalid note", fmt.Sprintf("A note has 1 to %d characters.", maxNote))
		return
	}
	ctx := r.Context()
	inc, err := d.st.GetIncident(ctx, r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	ev, err := incident.NewEvent(inc.ID, incident.EventNote, d.human(v), d.opts.Now(), map[string]string{"text": text})
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	err = d.st.InTx(ctx, func(tx *store.Tx) error {
		ev, err := tx.AppendEvent(ctx, ev)
		if err != nil {
			return err
		}
		_, err = tx.AppendAudit(ctx, audit.Entry{At: ev.At, Actor: ev.Actor, IncidentID: inc.ID, Action: "incident.note",
			TargetSystem: "warroom", TargetResource: "incident:" + inc.ID, Outcome: audit.OutcomeSuccess, Detail: text})
		return err
	})
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.live.Notify(inc.ID)
	redirect(w, r, "/incidents/"+url.PathEscape(inc.ID))
}
