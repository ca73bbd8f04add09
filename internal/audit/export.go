package audit

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// Record is one entry as exported (JSON Lines): exactly the fields the hash
// covers plus the hash, so anyone can recompute it. Without its hash it is
// the canonical form (Entry.Canonical).
type Record struct {
	Seq            int64        `json:"seq"`
	At             string       `json:"at"`
	ActorID        string       `json:"actor_id"`
	ActorType      string       `json:"actor_type"`
	Action         string       `json:"action"`
	IncidentID     string       `json:"incident_id"`
	TargetSystem   string       `json:"target_system"`
	TargetResource string       `json:"target_resource"`
	Gates          []GateResult `json:"gates"`
	Outcome        string       `json:"outcome"`
	Detail         string       `json:"detail"`
	PrevHash       string       `json:"prev_hash"`
	Hash           string       `json:"hash,omitempty"`
}

// NewRecord is e's exported form.
func NewRecord(e Entry) Record {
	gates := e.Gates
	if gates == nil {
		gates = []GateResult{}
	}
	return Record{Seq: e.Seq, At: e.At.UTC().Format(time.RFC3339Nano), ActorID: e.Actor.ID, ActorType: string(e.Actor.Type),
		Action: e.Action, IncidentID: e.IncidentID, TargetSystem: e.TargetSystem, TargetResource: e.TargetResource,
		Gates: gates, Outcome: string(e.Outcome), Detail: e.Detail, PrevHash: e.PrevHash, Hash: e.Hash}
}

// Entry converts a record back; an unparseable time is an error.
func (r Record) Entry() (Entry, error) {
	at, err := time.Parse(time.RFC3339Nano, r.At)
	if err != nil {
		return Entry{}, fmt.Errorf("entry %d: at %q: %w", r.Seq, r.At, err)
	}
	return Entry{Seq: r.Seq, At: at, Actor: incident.Actor{ID: r.ActorID, Type: incident.ActorType(r.ActorType)},
		Action: r.Action, IncidentID: r.IncidentID, TargetSystem: r.TargetSystem, TargetResource: r.TargetResource,
		Gates: r.Gates, Outcome: Outcome(r.Outcome), Detail: r.Detail, PrevHash: r.PrevHash, Hash: r.Hash}, nil
}

// Trailer is an export's last line. It says what the export holds, so a
// filtered export (one incident's entries, or what one engineer may see)
// can still be checked: each entry's hash covers its predecessor's hash, the
// positions name the gaps, and the chain head pins where the log ended when
// the export was taken. A file without its trailer was cut short.
type Trailer struct {
	Export    int    `json:"warroom_audit_export"` // format version, 1
	Scope     string `json:"scope"`                // "all", "incident:<id>", "visible-to:<engineer>"
	Complete  bool   `json:"complete"`             // every entry 1..HeadSeq is in the file
	Entries   int64  `json:"entries"`
	Positions string `json:"positions"` // chain positions held, as ranges: "1-5,9,12-14"
	HeadSeq   int64  `json:"head_seq"`
	HeadHash  string `json:"head_hash"`
}

// ExportFormat is the Trailer.Export version this package writes.
const ExportFormat = 1

// Exporter writes records and then the trailer. It only takes entries at or
// below the head it was started with, so entries appended during a long
// export do not make the file disagree with its own trailer.
type Exporter struct {
	enc       *json.Encoder
	t         Trailer
	positions positions
}

// NewExporter writes to w for the given scope and chain head.
func NewExporter(w io.Writer, scope string, headSeq int64, headHash string) *Exporter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &Exporter{enc: enc, t: Trailer{Export: ExportFormat, Scope: scope, HeadSeq: headSeq, HeadHash: headHash}}
}

// Write adds one entry; entries past the head are skipped.
func (x *Exporter) Write(e Entry) error {
	if e.Seq > x.t.HeadSeq {
		return nil
	}
	if err := x.enc.Encode(NewRecord(e)); err != nil {
		return err
	}
	x.positions.add(e.Seq)
	x.t.Entries++
	return nil
}

// Close writes the trailer.
func (x *Exporter) Close() error {
	x.t.Positions = x.positions.String()
	x.t.Complete = x.t.Entries == x.t.HeadSeq && (x.t.Entries == 0 || x.positions.contiguousFrom1())
	return x.enc.Encode(x.t)
}

// positions collects increasing sequence numbers as ranges.
type positions [][2]int64

func (p *positions) add(seq int64) {
	if n := len(*p); n > 0 && (*p)[n-1][1]+1 == seq {
		(*p)[n-1][1] = seq
		return
	}
	*p = append(*p, [2]int64{seq, seq})
}

func (p positions) contiguousFrom1() bool { return len(p) == 1 && p[0][0] == 1 }

func (p positions) String() string {
	var b strings.Builder
	for i, r := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(r[0], 10))
		if r[1] != r[0] {
			b.WriteByte('-')
			b.WriteString(strconv.FormatInt(r[1], 10))
		}
	}
	return b.String()
}

// ErrBadExport reports an export that does not check out.
var ErrBadExport = errors.New("audit export does not verify")

// VerifyExport reads an export and checks everything it can without the
// database: each entry's hash matches its content, entries are in chain
// order, adjacent positions link (prev_hash equals the previous entry's
// hash), position 1 starts at the genesis, an entry at the head position has
// the head's hash, the trailer is present, last, and names exactly the
// positions held, and a complete export is the whole chain up to the head.
func VerifyExport(r io.Reader) (Trailer, error) {
	bad := func(format string, a ...any) (Trailer, error) {
		return Trailer{}, fmt.Errorf("%s: %w", fmt.Sprintf(format, a...), ErrBadExport)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var (
		held    positions
		count   int64
		last    Record
		trailer *Trailer
		line    int
	)
	for sc.Scan() {
		line++
		if trailer != nil {
			return bad("line %d: content after the trailer", line)
		}
		raw := sc.Bytes()
		var probe struct {
			Export *int `json:"warroom_audit_export"`
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			return bad("line %d: not JSON: %v", line, err)
		}
		if probe.Export != nil {
			var t Trailer
			if err := json.Unmarshal(raw, &t); err != nil {
				return bad("line %d: trailer: %v", line, err)
			}
			trailer = &t
			continue
		}
		var rec Record
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return bad("line %d: entry: %v", line, err)
		}
		e, err := rec.Entry()
		if err != nil {
			return bad("line %d: %v", line, err)
		}
		switch {
		case e.ComputeHash() != e.Hash:
			return bad("entry %d: hash does not match its content (edited)", e.Seq)
		case count > 0 && e.Seq <= last.Seq:
			return bad("entry %d after entry %d: out of order or repeated", e.Seq, last.Seq)
		case count > 0 && e.Seq == last.Seq+1 && e.PrevHash != last.Hash:
			return bad("entry %d: prev_hash does not match entry %d", e.Seq, last.Seq)
		case e.Seq == 1 && e.PrevHash != GenesisHash:
			return bad("entry 1: prev_hash is not the genesis")
		case e.Seq < 1:
			return bad("line %d: seq %d", line, e.Seq)
		}
		held.add(e.Seq)
		count++
		last = rec
	}
	if err := sc.Err(); err != nil {
		return Trailer{}, fmt.Errorf("read export: %w", err)
	}
	if trailer == nil {
		return bad("no trailer: the export was cut short")
	}
	t := *trailer
	switch {
	case t.Export != ExportFormat:
		return bad("export format %d, want %d", t.Export, ExportFormat)
	case t.Entries != count:
		return bad("trailer says %d entries, file holds %d", t.Entries, count)
	case t.Positions != held.String():
		return bad("trailer names positions %q, file holds %q", t.Positions, held.String())
	case count > 0 && last.Seq > t.HeadSeq:
		return bad("entry %d is past the head %d", last.Seq, t.HeadSeq)
	case count > 0 && last.Seq == t.HeadSeq && last.Hash != t.HeadHash:
		return bad("entry %d is the head but its hash differs from the head's", last.Seq)
	case t.Complete && (count != t.HeadSeq || (count > 0 && !held.contiguousFrom1())):
		return bad("marked complete but holds %q of 1-%d", held.String(), t.HeadSeq)
	}
	return t, nil
}
