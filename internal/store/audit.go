package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
)

// AppendAudit seals e after the current head and stores it, inside the
// caller's transaction. The head row is locked for the rest of the
// transaction, so appends are serialised and the chain never forks.
func (t *Tx) AppendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	if err := e.Validate(); err != nil {
		return e, fmt.Errorf("append audit: %w", err)
	}
	if e.At.IsZero() {
		e.At = now()
	}
	var headSeq int64
	var headHash string
	if err := t.db.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+t.forUpdate()).Scan(&headSeq, &headHash); err != nil {
		return e, fmt.Errorf("append audit: read head: %w", err)
	}
	e = e.Seal(headSeq, headHash)
	gates := e.Gates
	if gates == nil {
		gates = []audit.GateResult{}
	}
	gatesJSON, err := json.Marshal(gates)
	if err != nil {
		return e, fmt.Errorf("append audit: %w", err)
	}
	if _, err := t.db.exec(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor_type, action, incident_id,
		target_system, target_resource, gates, outcome, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		e.Seq, e.At, e.Actor.ID, string(e.Actor.Type), e.Action, e.IncidentID, e.TargetSystem, e.TargetResource,
		string(gatesJSON), string(e.Outcome), e.Detail, e.PrevHash, e.Hash); err != nil {
		return e, fmt.Errorf("append audit: %w", err)
	}
	if _, err := t.db.exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return e, fmt.Errorf("append audit: move head: %w", err)
	}
	return e, nil
}

// AppendAudit appends one entry in its own transaction.
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	var out audit.Entry
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.AppendAudit(ctx, e)
		return err
	})
	return out, err
}

// AuditHead is the newest entry's sequence and hash.
func (q q) AuditHead(ctx context.Context) (seq int64, hash string, err error) {
	err = q.db.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	if err != nil {
		return 0, "", fmt.Errorf("read audit head: %w", err)
	}
	return seq, hash, nil
}

// AuditFilter narrows ScanAudit and AuditBefore; the zero value means the
// whole log. Each field set adds a condition an index serves.
type AuditFilter struct {
	IncidentID string // one incident's entries
	ActorID    string // one actor's entries (AuditBefore only)
	AfterSeq   int64  // entries after this position (ScanAudit only)
}

const auditCols = `seq, at, actor_id, actor_type, action, incident_id, target_system,
	target_resource, gates, outcome, detail, prev_hash, hash`

func scanAuditEntry(r row) (audit.Entry, error) {
	var e audit.Entry
	var actorType, outcome, gates string
	if err := r.Scan(&e.Seq, &e.At, &e.Actor.ID, &actorType, &e.Action, &e.IncidentID, &e.TargetSystem,
		&e.TargetResource, &gates, &outcome, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.Actor.Type, e.Outcome, e.At = incident.ActorType(actorType), audit.Outcome(outcome), e.At.UTC()
	if err := json.Unmarshal([]byte(gates), &e.Gates); err != nil {
		// A row whose gates no longer parse was edited; let the hash check say so.
		e.Gates = []audit.GateResult{{Gate: "unparseable", Detail: gates}}
	}
	return e, nil
}

// ScanAudit calls fn for every entry f selects in sequence order, streaming
// so a log of any size is read in constant memory.
func (q q) ScanAudit(ctx context.Context, f AuditFilter, fn func(audit.Entry) error) error {
	var c conds
	c.add("seq > " + c.arg(f.AfterSeq))
	if f.IncidentID != "" {
		c.add("incident_id = " + c.arg(f.IncidentID))
	}
	rs, err := q.db.query(ctx, `SELECT `+auditCols+` FROM audit_log`+c.where()+` ORDER BY seq`, c.args...)
	if err != nil {
		return fmt.Errorf("scan audit: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		e, err := scanAuditEntry(rs)
		if err != nil {
			return fmt.Errorf("scan audit: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rs.Err()
}

// AuditBefore returns up to limit entries f selects that come before
// position before (0: the newest), newest first: a page of the log, read
// from an index whatever the log's length.
func (q q) AuditBefore(ctx context.Context, f AuditFilter, before int64, limit int) ([]audit.Entry, error) {
	var c conds
	if before > 0 {
		c.add("seq < " + c.arg(before))
	}
	if f.IncidentID != "" {
		c.add("incident_id = " + c.arg(f.IncidentID))
	}
	if f.ActorID != "" {
		c.add("actor_id = " + c.arg(f.ActorID))
	}
	out, err := queryAll(ctx, q.db, scanAuditEntry, `SELECT `+auditCols+` FROM audit_log`+c.where()+
		` ORDER BY seq DESC LIMIT `+c.arg(limit), c.args...)
	if err != nil {
		return nil, fmt.Errorf("read audit page: %w", err)
	}
	return out, nil
}

// CountAudit counts the entries of one incident or one actor (from their
// index); the whole log's count is the head's position (AuditHead).
func (q q) CountAudit(ctx context.Context, f AuditFilter) (int64, error) {
	var n int64
	var err error
	switch {
	case f.IncidentID != "":
		err = q.db.queryRow(ctx, `SELECT count(*) FROM audit_log WHERE incident_id = $1`, f.IncidentID).Scan(&n)
	case f.ActorID != "":
		err = q.db.queryRow(ctx, `SELECT count(*) FROM audit_log WHERE actor_id = $1`, f.ActorID).Scan(&n)
	default:
		n, _, err = q.AuditHead(ctx)
	}
	if err != nil {
		return 0, fmt.Errorf("count audit entries: %w", err)
	}
	return n, nil
}

// VerifyAudit walks the whole chain and checks it ends at the head. It
// returns the number of verified entries, or an error wrapping
// audit.ErrBroken that names the first bad entry.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	v := audit.NewVerifier()
	if err := s.ScanAudit(ctx, AuditFilter{}, v.Next); err != nil {
		return v.Count(), err
	}
	seq, hash, err := s.AuditHead(ctx)
	if err != nil {
		return v.Count(), err
	}
	return v.Count(), v.Finish(seq, hash)
}

// AuditIncidents lists the incidents the audit log has entries for (from
// its index, without reading the entries).
func (q q) AuditIncidents(ctx context.Context) ([]string, error) {
	out, err := queryAll(ctx, q.db, func(r row) (string, error) {
		var id string
		return id, r.Scan(&id)
	}, `SELECT DISTINCT incident_id FROM audit_log WHERE incident_id <> '' ORDER BY incident_id`)
	if err != nil {
		return nil, fmt.Errorf("store: incidents in the audit log: %w", err)
	}
	return out, nil
}
