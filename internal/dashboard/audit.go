package dashboard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
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
	Total    int64 // entries in scope; -1 when unknown (a reader who sees part of the log)
	Shown    int
	Older    string // the link to the page of older entries; "" on the last page
	Export   string
}

// auditRows is how many entries a page of the audit log shows.
const auditRows = 300

// chainCheck remembers how far the audit chain has been verified, so a view
// verifies only what was appended since the last; the whole chain is
// verified again at the first view after fullRecheck has passed, and after
// a break. `warroom audit verify` checks the whole chain on demand.
type chainCheck struct {
	mu     sync.Mutex
	v      *audit.Verifier
	full   time.Time
	broken string
}

const fullRecheck = 10 * time.Minute

// errStop ends a scan early.
var errStop = errors.New("stop")

// verify brings the check up to the head and reports how many entries
// verified and, if the chain is broken, where.
func (c *chainCheck) verify(ctx context.Context, st *store.Store) (int64, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.v == nil || c.broken != "" || time.Since(c.full) > fullRecheck {
		c.v, c.full, c.broken = audit.NewVerifier(), time.Now(), ""
	}
	var bad error
	// Entries appended while we read are read on the next round; the head
	// can only be behind the verified position if the log was cut.
	for range 3 {
		err := st.ScanAudit(ctx, store.AuditFilter{AfterSeq: c.v.Seq()}, func(e audit.Entry) error {
			if bad = c.v.Next(e); bad != nil {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			return 0, "", err
		}
		if bad != nil {
			break
		}
		seq, hash, err := st.AuditHead(ctx)
		if err != nil {
			return 0, "", err
		}
		if seq > c.v.Seq() {
			continue
		}
		bad = c.v.Finish(seq, hash)
		break
	}
	if bad != nil {
		if !errors.Is(bad, audit.ErrBroken) {
			return 0, "", bad
		}
		c.broken = bad.Error()
	}
	return c.v.Count(), c.broken, nil
}

// auditBefore reads the page position from ?before= (0: the newest).
func auditBefore(r *http.Request) (int64, error) {
	raw := r.URL.Query().Get("before")
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("before must be a positive entry number, not %q: %w", raw, incident.ErrInvalid)
	}
	return n, nil
}

// fill verifies the chain and fills p with a page of the entries f
// selects, newest first, read in chunks from before (0: the newest) and
// kept when keep says so, until the page is full or the log runs out. A
// reader who sees little of the log still costs a bounded read: after
// maxScan entries the page ends with a link onward. counted says p.Total
// is the number of entries f selects (else it is unknown, -1).
func (d *Dashboard) fill(ctx context.Context, p *auditPage, path string, f store.AuditFilter, before int64,
	keep func(audit.Entry) (bool, error), counted bool) error {
	var err error
	if p.Verified, p.Broken, err = d.chain.verify(ctx, d.st); err != nil {
		return err
	}
	p.Total = -1
	if counted {
		if p.Total, err = d.st.CountAudit(ctx, f); err != nil {
			return err
		}
	}
	const chunk, maxScan = 500, 20 * auditRows
	scanned := 0
	for len(p.Entries) < auditRows && scanned < maxScan {
		got, err := d.st.AuditBefore(ctx, f, before, chunk)
		if err != nil {
			return err
		}
		for _, e := range got {
			before = e.Seq
			scanned++
			ok, err := keep(e)
			if err != nil {
				return err
			}
			if ok {
				p.Entries = append(p.Entries, auditRow{Entry: e, HashOK: e.ComputeHash() == e.Hash})
				if len(p.Entries) == auditRows {
					break
				}
			}
		}
		if len(got) < chunk && len(p.Entries) < auditRows {
			before = 0 // the log's start: nothing older
			break
		}
	}
	p.Shown = len(p.Entries)
	d.checkShown(p)
	if before > 1 {
		p.Older = path + "?before=" + strconv.FormatInt(before, 10)
	}
	return nil
}

// checkShown checks the entries on the page themselves, whatever the
// remembered chain check says: each one's hash, and each link between
// neighbours. A failure is a break: the page says so, and the next view
// verifies the whole chain again.
func (d *Dashboard) checkShown(p *auditPage) {
	bad := ""
	for i, row := range p.Entries {
		switch {
		case !row.HashOK:
			bad = fmt.Sprintf("entry seq %d: its hash no longer matches its content (edited after it was written)", row.Seq)
		case i+1 < len(p.Entries) && p.Entries[i+1].Seq == row.Seq-1 && row.PrevHash != p.Entries[i+1].Hash:
			bad = fmt.Sprintf("entry seq %d: prev_hash does not match entry %d (reordered or predecessor edited)", row.Seq, row.Seq-1)
		}
	}
	if bad == "" {
		return
	}
	if p.Broken == "" {
		p.Broken = bad
	}
	d.chain.invalidate()
}

// invalidate makes the next view verify the whole chain.
func (c *chainCheck) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.v = nil
}

// auditScope is what of the audit log v may read: all of it for an auditor;
// otherwise the entries of incidents v may see and the entries v made
// (grants revoked, authenticators enrolled), each incident decided once and
// only when one of its entries is read. scope names it for the export.
func (d *Dashboard) auditScope(ctx context.Context, v viewer) (keep func(audit.Entry) (bool, error), all bool, scope string, err error) {
	all, err = d.opts.Access.CanAudit(ctx, v.ID)
	if err != nil {
		return nil, false, "", err
	}
	if all {
		return func(audit.Entry) (bool, error) { return true, nil }, true, "all", nil
	}
	visible := map[string]bool{}
	return func(e audit.Entry) (bool, error) {
		if e.IncidentID == "" {
			return e.Actor.ID == v.ID, nil
		}
		ok, known := visible[e.IncidentID]
		if known {
			return ok, nil
		}
		inc, err := d.st.GetIncident(ctx, e.IncidentID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			ok = false
		case err != nil:
			return false, err
		default:
			if ok, err = d.opts.Access.CanView(ctx, v.ID, inc); err != nil {
				return false, err
			}
		}
		visible[e.IncidentID] = ok
		return ok, nil
	}, false, "visible-to:" + v.ID, nil
}

// exportScope is auditScope for a streamed export: each incident is decided
// before the scan (SQLite has one connection, so nothing may be read while
// a scan holds it). An export reads the whole log anyway.
func (d *Dashboard) exportScope(ctx context.Context, v viewer) (keep func(audit.Entry) (bool, error), scope string, err error) {
	lazy, all, scope, err := d.auditScope(ctx, v)
	if err != nil || all {
		return lazy, scope, err
	}
	ids, err := d.st.AuditIncidents(ctx)
	if err != nil {
		return nil, "", err
	}
	visible := make(map[string]bool, len(ids))
	for _, id := range ids {
		if visible[id], err = lazy(audit.Entry{IncidentID: id}); err != nil {
			return nil, "", err
		}
	}
	return func(e audit.Entry) (bool, error) {
		if e.IncidentID != "" {
			return visible[e.IncidentID], nil // decided above; an incident new since is left out
		}
		return lazy(e) // reads nothing for an entry of no incident
	}, scope, nil
}

func (d *Dashboard) globalAudit(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	before, err := auditBefore(r)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	keep, all, _, err := d.auditScope(ctx, v)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p := auditPage{Export: "/audit.jsonl"}
	if err := d.fill(ctx, &p, "/audit", store.AuditFilter{}, before, keep, all); err != nil {
		d.fail(w, r, v, err)
		return
	}
	d.render(w, r, http.StatusOK, "audit", "audit", "Audit trail", v, p)
}

func (d *Dashboard) incidentAudit(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	before, err := auditBefore(r)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	inc, err := d.st.GetIncident(ctx, r.PathValue("id"))
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	p := auditPage{Incident: &inc, Export: "/incidents/" + inc.ID + "/audit.jsonl"}
	all := func(audit.Entry) (bool, error) { return true, nil }
	if err := d.fill(ctx, &p, "/incidents/"+inc.ID+"/audit", store.AuditFilter{IncidentID: inc.ID}, before, all, true); err != nil {
		d.fail(w, r, v, err)
		return
	}
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
	keep, scope, err := d.exportScope(r.Context(), v)
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
