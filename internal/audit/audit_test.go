package audit

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

var at = time.Date(2026, 11, 20, 2, 14, 0, 123456789, time.UTC)

func sample() Entry {
	return Entry{At: at, Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman}, Action: "action.execute:revert_pr",
		IncidentID: "inc-1", TargetSystem: "github", TargetResource: "github:acme/checkout",
		Gates:   []GateResult{{Gate: "scope", Passed: true}, {Gate: "fga", Passed: false, Detail: "no executor relation"}},
		Outcome: OutcomeDenied, Detail: "<denied> & logged"}
}

// The canonical encoding is a storage format: changing it would make every
// existing chain fail verification, so it is pinned here.
func TestCanonicalEncodingIsStable(t *testing.T) {
	e := sample().Seal(0, GenesisHash)
	const want = `{"seq":1,"at":"2026-11-20T02:14:00.123456Z","actor_id":"alice","actor_type":"human","action":"action.execute:revert_pr","incident_id":"inc-1","target_system":"github","target_resource":"github:acme/checkout","gates":[{"gate":"scope","passed":true},{"gate":"fga","passed":false,"detail":"no executor relation"}],"outcome":"denied","detail":"<denied> & logged","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"}` + "\n"
	if got := string(e.Canonical()); got != want {
		t.Fatalf("canonical encoding changed:\n got %s\nwant %s", got, want)
	}
	const wantHash = "3b53f9db34edf0f4e62f305ae9f4e06d72237b21024d6f4fbf513c6ac049f102"
	if e.Hash != wantHash {
		t.Fatalf("hash = %s, want %s", e.Hash, wantHash)
	}
	if e.Hash != e.ComputeHash() {
		t.Fatal("hash is not reproducible")
	}
}

func TestSealTruncatesToStoredPrecision(t *testing.T) {
	e := sample().Seal(41, strings.Repeat("a", 64))
	if e.Seq != 42 || e.PrevHash != strings.Repeat("a", 64) || e.At.Nanosecond()%1000 != 0 {
		t.Fatalf("sealed %+v", e)
	}
}

func chain(n int) []Entry {
	out := make([]Entry, 0, n)
	prevSeq, prevHash := int64(0), GenesisHash
	for i := 0; i < n; i++ {
		e := sample()
		e.Detail = strings.Repeat("x", i)
		e = e.Seal(prevSeq, prevHash)
		prevSeq, prevHash = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func verify(entries []Entry, headSeq int64, headHash string) error {
	v := NewVerifier()
	for _, e := range entries {
		if err := v.Next(e); err != nil {
			return err
		}
	}
	return v.Finish(headSeq, headHash)
}

func TestVerifier(t *testing.T) {
	good := chain(4)
	head := good[3]
	tests := []struct {
		name    string
		mutate  func([]Entry) []Entry
		wantErr string
	}{
		{"intact", func(c []Entry) []Entry { return c }, ""},
		{"edited field", func(c []Entry) []Entry { c[1].Detail = "forged"; return c }, "entry seq 2: hash does not match"},
		{"edited gate verdict", func(c []Entry) []Entry { c[2].Gates[1].Passed = true; return c }, "entry seq 3: hash does not match"},
		{"edited and rehashed", func(c []Entry) []Entry { c[1].Detail = "forged"; c[1].Hash = c[1].ComputeHash(); return c }, "entry seq 3: prev_hash"},
		{"deleted", func(c []Entry) []Entry { return append(c[:1], c[2:]...) }, "entry seq 3: expected seq 2"},
		{"swapped", func(c []Entry) []Entry { c[1], c[2] = c[2], c[1]; return c }, "entry seq 3: expected seq 2"},
		{"renumbered after swap", func(c []Entry) []Entry {
			c[1], c[2] = c[2], c[1]
			c[1].Seq, c[2].Seq = 2, 3
			return c
		}, "entry seq 2: prev_hash"},
		{"newest deleted", func(c []Entry) []Entry { return c[:3] }, "head records seq 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.mutate(deepCopy(good))
			err := verify(c, head.Seq, head.Hash)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrBroken) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want ErrBroken mentioning %q", err, tc.wantErr)
			}
		})
	}
}

func deepCopy(c []Entry) []Entry {
	out := make([]Entry, len(c))
	for i, e := range c {
		e.Gates = append([]GateResult(nil), e.Gates...)
		out[i] = e
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		e    Entry
		ok   bool
	}{
		{"complete", sample(), true},
		{"no actor", Entry{Action: "x", Outcome: OutcomeSuccess}, false},
		{"bad actor type", Entry{Actor: incident.Actor{ID: "a", Type: "robot"}, Action: "x", Outcome: OutcomeSuccess}, false},
		{"no action", Entry{Actor: incident.System, Outcome: OutcomeSuccess}, false},
		{"bad outcome", Entry{Actor: incident.System, Action: "x", Outcome: "maybe"}, false},
	}
	for _, tc := range tests {
		if err := tc.e.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}
