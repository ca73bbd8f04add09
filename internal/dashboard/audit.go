package dashboard

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// auditRow is one entry as shown, with whether its own hash still matches.
type auditRow struct {
	audit.Entry
	HashOK bool
}

type auditPage struct {
	Incident *incident.Incident
	// Verified is the number of entries of the whole chain that verified;
	// Broken says where it breaks ("" when intact).
	Verified int64
	Broken   string
	Entries  []auditRow
	Total    int
	Shown    int
	Export   string
}

const globalAuditRows = 300

// verifyAndCollect walks the whole chain once: it verifies every entry (an
// incident's entries are only trustworthy if the chain around them is) and
// keeps those keep selects, at most limit of them, the newest.
func (d *Dashboard) verifyAndCollect(r *http.Request, keep func(audit.Entry) (bool, error), limit int) (auditPage, error) {
	ctx := r.Context()
	var p auditPage
	v := audit.NewVerifier()
	var broken error
	err := d.st.ScanAudit(ctx, store.AuditFilter{}, func(e audit.Entry) error {
		if broken == nil {
			broken = v.Next(e)
		}
		ok, err := keep(e)
		if err != nil {
			return err
		}
		if ok {
			p.Total++
			p.Entries = append(p.Entries, auditRow{Entry: e, HashOK: e.ComputeHash() == e.Hash})
			if limit > 0 && len(p.Entries) > 2*limit {
				p.Entries = append(p.Entries[:0:0], p.Entries[len(p.Entries)-limit:]...)
			}
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	if broken == nil {
		seq, hash, err := d.st.AuditHead(ctx)
		if err != nil {
			return p, err
		}
		broken = v.Finish(seq, hash)
	}
	if broken != nil {
		if !errors.Is(broken, audit.ErrBroken) {
			return p, broken
		}
		p.Broken = broken.Error()
	}
	p.Verified = v.Count()
	if limit > 0 && len(p.Entries) > limit {
		p.Entries = p.Entries[len(p.Entries)-limit:]
	}
	slices.Reverse(p.Entries) // newest first
	p.Shown = len(p.Entries)
	return p, nil
}

// auditScope is what of the audit log v may read: all of it for an auditor;
// otherwise the entries of incidents v may see and the entries v made
// (grants revoked, authenticators enrolled). scope names it for the export.
func (d *Dashboard) auditScope(ctx context.Context, v viewer) (keep func(audit.Entry) (bool, error), scope string, err error) {
	all, err := d.opts.Access.CanAudit(ctx, v.ID)
	if err != nil {
		return nil, "", err
	}
	if all {
		return func(audit.Entry) (bool, error) { return true, nil }, "all", nil
	}
	// Decided per incident before the scan that renders (SQLite has one
	// connection, so nothing may be read while a scan holds it).
	ids, err := d.st.AuditIncidents(ctx)
	if err != nil {
		return nil, "", err
	}
	visible := make(map[string]bool, len(ids))
	for _, id := range ids {
		inc, err := d.st.GetIncident(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return nil, "", err
		}
		if visible[id], err = d.opts.Access.CanView(ctx, v.ID, inc); err != nil {
			return nil, "", err
		}
	}
	return func(e audit.Entry) (bool, error) {
		if e.IncidentID == "" {
			return e.Actor.ID == v.ID, nil
		}
		return visible[e.IncidentID], nil
	}, "visible-to:" + v.ID, nil
}

func (d *Dashboard) globalAudit(w http.ResponseWriter, r *http.Request, v viewer) {
	keep, _, err := d.auditScope(r.Context(), v)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p, err := d.verifyAndCollect(r, keep, globalAuditRows)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p.Export = "/audit.jsonl"
	d.render(w, r, http.StatusOK, "audit", "audit", "Audit trail", v, p)
}

func (d *Dashboard) incidentAudit(w http.ResponseWriter, r *http.Request, v viewer) {
	inc, err := d.st.GetIncident(r.Context(), r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p, err := d.verifyAndCollect(r, func(e audit.Entry) (bool, error) { return e.IncidentID == inc.ID, nil }, 0)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p.Incident, p.Export = &inc, "/incidents/"+inc.ID+"/audit.jsonl"
	d.render(w, r, http.StatusOK, "audit", "audit", "Audit: "+inc.Title, v, p)
}

// exportJSONL streams the entries keep selects as JSON Lines (audit.Record)
// and ends with audit.Trailer, which names the chain positions held and the
// head, so a filtered export can still be checked (audit.VerifyExport).
func (d *Dashboard) exportJSONL(w http.ResponseWriter, r *http.Request, v viewer, f store.AuditFilter,
	keep func(audit.Entry) (bool, error), scope, filename string) {
	ctx := r.Context()
	headSeq, headHash, err := d.st.AuditHead(ctx)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	// A whole log takes longer than the server's write timeout allows an
	// ordinary page; still bounded, so a reader that stalls is let go.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(30 * time.Minute))
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	bw := bufio.NewWriterSize(w, 32<<10)
	x := audit.NewExporter(bw, scope, headSeq, headHash)
	err = d.st.ScanAudit(ctx, f, func(e audit.Entry) error {
		ok, err := keep(e)
		if err != nil || !ok {
			return err
		}
		return x.Write(e)
	})
	if err == nil {
		err = x.Close()
	}
	if err != nil {
		// Headers are gone; the missing trailer tells the reader the file is cut short.
		d.log.ErrorContext(ctx, "dashboard: audit export", "error", err.Error())
		return
	}
	_ = bw.Flush()
}

func (d *Dashboard) globalAuditJSONL(w http.ResponseWriter, r *http.Request, v viewer) {
	keep, scope, err := d.auditScope(r.Context(), v)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.exportJSONL(w, r, v, store.AuditFilter{}, keep, scope, "warroom-audit.jsonl")
}

func (d *Dashboard) incidentAuditJSONL(w http.ResponseWriter, r *http.Request, v viewer) {
	inc, err := d.st.GetIncident(r.Context(), r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	all := func(audit.Entry) (bool, error) { return true, nil }
	d.exportJSONL(w, r, v, store.AuditFilter{IncidentID: inc.ID}, all, "incident:"+inc.ID, "warroom-audit-"+fileSafe(inc.ID)+".jsonl")
}

// fileSafe keeps an id to characters that need no quoting in a header.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, s)
}
