package triage

import (
	"testing"
	"time"
)

func TestMovesCodeOnly(t *testing.T) {
	tests := []struct {
		name         string
		minus, plus  string
		wantMoveOnly bool
	}{
		{"query extracted into a helper",
			"\trow := db.QueryRow(ctx, \"SELECT id FROM donors WHERE email = $1\", email)",
			"\trow := findDonorByEmail(ctx, db, email)\nfunc findDonorByEmail(ctx context.Context, db *DB, email string) Row {\n\treturn db.QueryRow(ctx, \"SELECT id FROM donors WHERE email = $1\", email)\n}", true},
		{"lines re-wrapped", "\tout := fmt.Sprintf(\"%s-%d\", name, n)", "\tout := fmt.Sprintf(\n\t\t\"%s-%d\",\n\t\tname, n)", true},
		{"a value changed", "\tMaxConns: 40,", "\tMaxConns: 8,", false},
		{"an operator changed", "\tif count >= limit {", "\tif count > limit {", false},
		{"a guard removed", "\tif user.Subscribed {\n\t\treturn Allow\n\t}\n\tif count >= free {", "\tif count >= free {", false},
		{"only additions", "", "\tif len(body) > max {\n\t\treturn errTooLarge\n\t}", false},
		{"the query itself changed", "\trows := db.Query(\"SELECT * FROM seats WHERE id = ANY($1) FOR UPDATE\")", "\trows := db.Query(\"SELECT * FROM shows WHERE id = $1 FOR UPDATE\")", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Commit{Files: []File{{Path: "svc/store.go", Patch: patch(tc.minus, tc.plus)}}}
			if got := movesCodeOnly(c); got != tc.wantMoveOnly {
				t.Errorf("movesCodeOnly = %v, want %v", got, tc.wantMoveOnly)
			}
		})
	}
}

// A refactor that moves a query into a helper is not blamed for lock
// timeouts, alone or beside the change that altered what is locked.
func TestRefactorIsNotTheCulprit(t *testing.T) {
	c := culpritCase{
		name:    "museum tickets: the lock change, not the extract-helper refactor",
		service: "tickets",
		sig:     Signal{Title: "Timed-entry booking times out", Text: "tickets checkout waits on row locks; lock wait timeout"},
		alert:   10,
		commits: []Commit{
			{SHA: "m2", Parents: []string{"m1"}, Author: "ana", Date: hrs(9), Message: "store: extract slot query into a helper",
				Files: []File{{Path: "tickets/store/slots.go", Patch: patch(
					"\trows := tx.Query(ctx, \"SELECT id FROM slots WHERE day = $1 FOR UPDATE\", day)",
					"\trows := slotsForDay(ctx, tx, day)\nfunc slotsForDay(ctx context.Context, tx Tx, day string) Rows {\n\treturn tx.Query(ctx, \"SELECT id FROM slots WHERE day = $1 FOR UPDATE\", day)\n}")}}},
			{SHA: "m1", Parents: []string{"m0"}, Author: "ben", Date: hrs(7), Message: "booking: price inside the transaction",
				Files: []File{{Path: "tickets/booking/book.go", Patch: patch(
					"\tprice := pricing.Quote(ctx, slot)\n\ttx := db.Begin(ctx)",
					"\ttx := db.Begin(ctx)\n\ttx.Exec(ctx, \"SELECT 1 FROM days WHERE day = $1 FOR UPDATE\", slot.Day)\n\tprice := pricing.Quote(ctx, slot)")}}},
		},
		deploys: []Deploy{{SHA: "m2", At: hrs(9.5), Environment: "production"}},
		ev: caseEvidence{onsetAfter: 9*time.Hour + 40*time.Minute, firstFailing: "tickets",
			signature: "lock wait timeout exceeded on SELECT slots (server), after 50000 ms"},
		want: "m1",
	}
	if got := runCase(c); got.SHA != c.want {
		t.Errorf("culprit %q, want %q; evidence %q", got.SHA, c.want, got.Evidence)
	}
	// Alone, the refactor is not blamed: it changes no behaviour.
	alone := c
	alone.commits = c.commits[:1]
	alone.commits[0].Parents = []string{"m0"}
	alone.want = ""
	if got := runCase(alone); got.SHA != "" {
		t.Errorf("the refactor alone was blamed; evidence %q", got.Evidence)
	}
}
