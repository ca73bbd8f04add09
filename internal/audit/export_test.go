package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

func sealedChain(n int) []Entry {
	var out []Entry
	prevSeq, prevHash := int64(0), GenesisHash
	for i := range n {
		inc := "INC-A"
		if i%3 == 1 {
			inc = "INC-B"
		}
		e := Entry{At: time.Date(2026, 1, 2, 3, 4, 5, i*1000, time.UTC), Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman},
			Action: "incident.note", IncidentID: inc, Outcome: OutcomeSuccess, Detail: "note"}.Seal(prevSeq, prevHash)
		prevSeq, prevHash = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func export(t *testing.T, entries []Entry, keep func(Entry) bool, head Entry) string {
	t.Helper()
	var buf bytes.Buffer
	x := NewExporter(&buf, "test", head.Seq, head.Hash)
	for _, e := range entries {
		if keep(e) {
			if err := x.Write(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestExportVerifies(t *testing.T) {
	es := sealedChain(7)
	head := es[len(es)-1]
	all := export(t, es, func(Entry) bool { return true }, head)
	tr, err := VerifyExport(strings.NewReader(all))
	if err != nil || !tr.Complete || tr.Positions != "1-7" || tr.Entries != 7 {
		t.Fatalf("full export: %+v %v", tr, err)
	}
	onlyA := export(t, es, func(e Entry) bool { return e.IncidentID == "INC-A" }, head)
	tr, err = VerifyExport(strings.NewReader(onlyA))
	if err != nil || tr.Complete || tr.Positions != "1,3-4,6-7" {
		t.Fatalf("filtered export: %+v %v", tr, err)
	}
	// Entries appended after the export started are left out.
	tr, err = VerifyExport(strings.NewReader(export(t, es, func(Entry) bool { return true }, es[4])))
	if err != nil || !tr.Complete || tr.Positions != "1-5" {
		t.Fatalf("export with an older head: %+v %v", tr, err)
	}
	empty := export(t, es, func(Entry) bool { return false }, head)
	if tr, err := VerifyExport(strings.NewReader(empty)); err != nil || tr.Complete || tr.Entries != 0 {
		t.Fatalf("empty export: %+v %v", tr, err)
	}
}

func TestExportTampering(t *testing.T) {
	es := sealedChain(6)
	head := es[len(es)-1]
	full := export(t, es, func(Entry) bool { return true }, head)
	lines := strings.Split(strings.TrimSuffix(full, "\n"), "\n")
	edit := func(i int, f func(*Record)) string {
		var r Record
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
			t.Fatal(err)
		}
		f(&r)
		b, _ := json.Marshal(r)
		out := append([]string{}, lines...)
		out[i] = string(b)
		return strings.Join(out, "\n") + "\n"
	}
	without := func(i int) string {
		out := append(append([]string{}, lines[:i]...), lines[i+1:]...)
		return strings.Join(out, "\n") + "\n"
	}
	rehashed := func(i int) string {
		return edit(i, func(r *Record) {
			r.Detail = "edited"
			e, _ := r.Entry()
			r.Hash = e.ComputeHash()
		})
	}
	swapped := append([]string{}, lines...)
	swapped[1], swapped[2] = swapped[2], swapped[1]
	cases := map[string]string{
		"edited detail":          edit(2, func(r *Record) { r.Detail = "edited" }),
		"edited and rehashed":    rehashed(2),
		"edited head":            rehashed(5),
		"deleted middle entry":   without(3),
		"deleted trailer":        without(len(lines) - 1),
		"swapped entries":        strings.Join(swapped, "\n") + "\n",
		"forged first prev_hash": edit(0, func(r *Record) { r.PrevHash = strings.Repeat("1", 64) }),
		"content after trailer":  full + lines[0] + "\n",
		"unknown field":          strings.Replace(full, `"seq":1,`, `"seq":1,"x":1,`, 1),
	}
	for name, body := range cases {
		if _, err := VerifyExport(strings.NewReader(body)); !errors.Is(err, ErrBadExport) {
			t.Errorf("%s: %v, want ErrBadExport", name, err)
		}
	}
}
