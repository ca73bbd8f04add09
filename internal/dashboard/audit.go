package dashboard

import (
	"bufio"
	"encoding/json"
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
func (d *Dashboard) verifyAndCollect(r *http.Request, keep func(audit.Entry) bool, limit int) (auditPage, error) {
	ctx := r.Context()
	var p auditPage
	v := audit.NewVerifier()
	var broken error
	err := d.st.ScanAudit(ctx, store.AuditFilter{}, func(e audit.Entry) error {
		if broken == nil {
			broken = v.Next(e)
		}
		if keep(e) {
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

func (d *Dashboard) globalAudit(w http.ResponseWriter, r *http.Request, v viewer) {
	p, err := d.verifyAndCollect(r, func(audit.Entry) bool { return true }, globalAuditRows)
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
	p, err := d.verifyAndCollect(r, func(e audit.Entry) bool { return e.IncidentID == inc.ID }, 0)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p.Incident, p.Export = &inc, "/incidents/"+inc.ID+"/audit.jsonl"
	d.render(w, r, http.StatusOK, "audit", "audit", "Audit: "+inc.Title, v, p)
}

// exportEntry is one JSON Lines record: exactly the fields the hash covers
// (audit.Entry.Canonical) plus the hash, so anyone can re-verify the chain.
type exportEntry struct {
	Seq            int64              `json:"seq"`
	At             string             `json:"at"`
	ActorID        string             `json:"actor_id"`
	ActorType      string             `json:"actor_type"`
	Action         string             `json:"action"`
	IncidentID     string             `json:"incident_id"`
	TargetSystem   string             `json:"target_system"`
	TargetResource string             `json:"target_resource"`
	Gates          []audit.GateResult `json:"gates"`
	Outcome        string             `json:"outcome"`
	Detail         string             `json:"detail"`
	PrevHash       string             `json:"prev_hash"`
	Hash           string             `json:"hash"`
}

func (d *Dashboard) exportJSONL(w http.ResponseWriter, r *http.Request, v viewer, f store.AuditFilter, filename string) {
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := d.st.ScanAudit(r.Context(), f, func(e audit.Entry) error {
		gates := e.Gates
		if gates == nil {
			gates = []audit.GateResult{}
		}
		return enc.Encode(exportEntry{Seq: e.Seq, At: e.At.UTC().Format(time.RFC3339Nano), ActorID: e.Actor.ID,
			ActorType: string(e.Actor.Type), Action: e.Action, IncidentID: e.IncidentID, TargetSystem: e.TargetSystem,
			TargetResource: e.TargetResource, Gates: gates, Outcome: string(e.Outcome), Detail: e.Detail,
			PrevHash: e.PrevHash, Hash: e.Hash})
	})
	if err != nil {
		// Headers are gone; a truncated file is all the client can be told.
		d.log.ErrorContext(r.Context(), "dashboard: audit export", "error", err.Error())
		return
	}
	_ = bw.Flush()
}

func (d *Dashboard) globalAuditJSONL(w http.ResponseWriter, r *http.Request, v viewer) {
	d.exportJSONL(w, r, v, store.AuditFilter{}, "warroom-audit.jsonl")
}

func (d *Dashboard) incidentAuditJSONL(w http.ResponseWriter, r *http.Request, v viewer) {
	inc, err := d.st.GetIncident(r.Context(), r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.exportJSONL(w, r, v, store.AuditFilter{IncidentID: inc.ID}, "warroom-audit-"+fileSafe(inc.ID)+".jsonl")
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
