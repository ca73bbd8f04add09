// Package audit defines WarRoom's append-only, hash-chained audit log: the
// entry, its canonical encoding, sealing and verification. It does no I/O;
// the store persists entries and serialises appends.
package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// GenesisHash is the previous hash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Outcome is how the audited step ended.
type Outcome string

const (
	OutcomeSuccess Outcome = "success"
	OutcomeFailure Outcome = "failure"
	OutcomeDenied  Outcome = "denied"
	OutcomePending Outcome = "pending"
)

// GateResult is one gate's verdict, in the order the gates ran.
type GateResult struct {
	Gate   string `json:"gate"`
	Passed bool   `json:"passed"`
	Detail string `json:"detail,omitempty"`
}

// Entry is one audit record. Seq, PrevHash and Hash are set by Seal.
type Entry struct {
	Seq            int64
	At             time.Time
	Actor          incident.Actor
	Action         string
	IncidentID     string
	TargetSystem   string
	TargetResource string
	Gates          []GateResult
	Outcome        Outcome
	Detail         string
	PrevHash       string
	Hash           string
}

// Validate checks what accountability needs: who, what, and how it ended.
func (e Entry) Validate() error {
	if err := e.Actor.Validate(); err != nil {
		return fmt.Errorf("audit actor: %w", err)
	}
	if strings.TrimSpace(e.Action) == "" {
		return fmt.Errorf("audit action is empty: %w", incident.ErrInvalid)
	}
	switch e.Outcome {
	case OutcomeSuccess, OutcomeFailure, OutcomeDenied, OutcomePending:
	default:
		return fmt.Errorf("audit outcome %q: %w", e.Outcome, incident.ErrInvalid)
	}
	return nil
}

// Canonical returns the exact bytes the hash covers: the entry's Record
// without its hash. Field order is fixed by Record and times are UTC at
// microsecond precision, which both stores keep exactly.
func (e Entry) Canonical() []byte {
	r := NewRecord(e)
	r.Hash = ""
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// Encoding a struct of strings, ints and a slice of such cannot fail.
	_ = enc.Encode(r)
	return buf.Bytes()
}

// ComputeHash is SHA-256 over the canonical encoding (which includes PrevHash).
func (e Entry) ComputeHash() string {
	sum := sha256.Sum256(e.Canonical())
	return hex.EncodeToString(sum[:])
}

// Seal links e after an entry with sequence prevSeq and hash prevHash.
func (e Entry) Seal(prevSeq int64, prevHash string) Entry {
	e.Seq = prevSeq + 1
	e.PrevHash = prevHash
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = e.ComputeHash()
	return e
}

// ErrBroken reports a chain that does not verify.
var ErrBroken = errors.New("audit chain broken")

// Verifier checks entries one at a time in sequence order, so a chain of any
// length is verified in constant memory.
type Verifier struct {
	seq   int64
	hash  string
	count int64
}

// NewVerifier starts at the genesis.
func NewVerifier() *Verifier { return &Verifier{hash: GenesisHash} }

// Next checks one entry against its predecessor.
func (v *Verifier) Next(e Entry) error {
	switch {
	case e.Seq != v.seq+1:
		return fmt.Errorf("entry seq %d: expected seq %d (an entry was deleted or reordered): %w", e.Seq, v.seq+1, ErrBroken)
	case e.PrevHash != v.hash:
		return fmt.Errorf("entry seq %d: prev_hash does not match entry %d (reordered or predecessor edited): %w", e.Seq, v.seq, ErrBroken)
	case e.ComputeHash() != e.Hash:
		return fmt.Errorf("entry seq %d: hash does not match its content (edited): %w", e.Seq, ErrBroken)
	}
	v.seq, v.hash = e.Seq, e.Hash
	v.count++
	return nil
}

// Finish checks the chain ends where the store's head says it does, which
// catches deleting the newest entries.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if v.seq != headSeq || v.hash != headHash {
		return fmt.Errorf("chain ends at seq %d but head records seq %d (newest entries deleted or head edited): %w", v.seq, headSeq, ErrBroken)
	}
	return nil
}

// Count is how many entries verified so far.
func (v *Verifier) Count() int64 { return v.count }

// Seq is the position of the last entry verified (0 at the genesis): a
// verifier carries on from there with the entries after it.
func (v *Verifier) Seq() int64 { return v.seq }
