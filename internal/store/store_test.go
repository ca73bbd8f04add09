package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 20, 2, 14, 0, 0, time.UTC)

func mustIncident(t *testing.T, st *store.Store, id, owner string) incident.Incident {
	t.Helper()
	inc, err := incident.New(id, "checkout 5xx", "checkout-api", owner, incident.SevP1, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateIncident(context.Background(), inc); err != nil {
		t.Fatal(err)
	}
	return inc
}

func mustAction(t *testing.T, st *store.Store, incID, id string, class incident.Class) incident.Action {
	t.Helper()
	a := incident.Action{ID: id, IncidentID: incID, Kind: "revert_pr", Risk: incident.RiskHigh, Class: class,
		Status: incident.ActionProposed, Target: "github:acme/checkout", Params: json.RawMessage(`{"sha":"abc"}`),
		IdempotencyKey: "key-" + id, CreatedAt: t0, UpdatedAt: t0}
	if err := st.CreateAction(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// rawExec runs SQL behind the repository's back, as an operator with
// database access could.
func rawExec(t *testing.T, st *store.Store, sql string, args ...any) error {
	t.Helper()
	ctx := context.Background()
	if st.Dialect() == store.Postgres {
		_, err := st.PgPool().Exec(ctx, sql, args...)
		return err
	}
	_, err := st.SQLDB().ExecContext(ctx, sql, args...)
	return err
}

func TestMigrations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		if err := st.Migrate(ctx); err != nil {
			t.Fatalf("second migrate must be a no-op: %v", err)
		}
		ms, err := st.MigrationStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ms.Current() || ms.Version < 1 {
			t.Fatalf("status after migrate = %+v, want current", ms)
		}
	})
}

func TestMigrationStatusBeforeMigrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st, err := store.Open(ctx, storetest.DSN(t, d))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ms, err := st.MigrationStatus(ctx)
		if err == nil && ms.Current() {
			t.Fatalf("fresh database reported current: %+v", ms)
		}
	})
}

func TestIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		inc := mustIncident(t, st, "inc-1", "alice")
		got, err := st.GetIncident(ctx, "inc-1")
		if err != nil {
			t.Fatal(err)
		}
		if got != inc {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, inc)
		}
		if err := st.CreateIncident(ctx, inc); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate id: err = %v, want ErrConflict", err)
		}
		if _, err := st.GetIncident(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing: err = %v, want ErrNotFound", err)
		}

		tests := []struct {
			to      incident.Status
			wantErr error
		}{
			{incident.StatusMitigating, nil},
			{incident.StatusOpen, incident.ErrIllegalTransition},
			{incident.StatusResolved, nil},
			{incident.StatusInvalidated, incident.ErrIllegalTransition},
		}
		for _, tc := range tests {
			_, err := st.SetIncidentStatus(ctx, "inc-1", tc.to)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("-> %s: err = %v, want %v", tc.to, err, tc.wantErr)
			}
		}
		got, _ = st.GetIncident(ctx, "inc-1")
		if got.Status != incident.StatusResolved {
			t.Fatalf("status = %s, want resolved", got.Status)
		}

		mustIncident(t, st, "inc-2", "bob")
		if err := st.SetIncidentSeverity(ctx, "inc-2", incident.SevP3); err != nil {
			t.Fatal(err)
		}
		open, err := st.ListIncidents(ctx, store.IncidentFilter{Status: incident.StatusOpen})
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 1 || open[0].ID != "inc-2" || open[0].Severity != incident.SevP3 {
			t.Fatalf("open incidents = %+v", open)
		}
		all, _ := st.ListIncidents(ctx, store.IncidentFilter{})
		if len(all) != 2 {
			t.Fatalf("all incidents = %d, want 2", len(all))
		}
		p1, _ := st.ListIncidents(ctx, store.IncidentFilter{Severity: incident.SevP1})
		if len(p1) != 1 || p1[0].ID != "inc-1" {
			t.Fatalf("P1 incidents = %+v", p1)
		}
	})
}

func TestOwnerFixedByDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		mustIncident(t, st, "inc-1", "alice")
		if err := rawExec(t, st, `UPDATE incidents SET owner = 'mallory' WHERE id = 'inc-1'`); err == nil {
			t.Fatal("database accepted an owner change")
		}
		got, _ := st.GetIncident(context.Background(), "inc-1")
		if got.Owner != "alice" {
			t.Fatalf("owner = %s", got.Owner)
		}
		// Other columns stay writable.
		if err := rawExec(t, st, `UPDATE incidents SET title = 'renamed' WHERE id = 'inc-1'`); err != nil {
			t.Fatalf("title update refused: %v", err)
		}
	})
}

func TestEventsAreOrderedPerIncident(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		mustIncident(t, st, "inc-1", "alice")
		mustIncident(t, st, "inc-2", "alice")
		const writers, each = 4, 10
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					ev, err := incident.NewEvent("inc-1", incident.EventNote, incident.Actor{ID: "bob", Type: incident.ActorHuman}, t0, map[string]int{"i": i})
					if err != nil {
						errs <- err
						return
					}
					err = st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.AppendEvent(ctx, ev); return err })
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		other, _ := incident.NewEvent("inc-2", incident.EventCreated, incident.System, t0, nil)
		if ev, err := st.AppendEvent(ctx, other); err != nil || ev.Seq != 1 {
			t.Fatalf("first event of inc-2: seq %d err %v", ev.Seq, err)
		}
		evs, err := st.ListEvents(ctx, "inc-1", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != writers*each {
			t.Fatalf("events = %d, want %d", len(evs), writers*each)
		}
		for i, ev := range evs {
			if ev.Seq != int64(i+1) {
				t.Fatalf("event %d has seq %d: timeline has a gap or duplicate", i, ev.Seq)
			}
			if ev.Actor.ID != "bob" || ev.Actor.Type != incident.ActorHuman || ev.Type != incident.EventNote || !ev.At.Equal(t0) {
				t.Fatalf("event %d = %+v", i, ev)
			}
		}
		tail, _ := st.ListEvents(ctx, "inc-1", 35, 0)
		if len(tail) != 5 || tail[0].Seq != 36 {
			t.Fatalf("after seq 35: %d events, first %+v", len(tail), tail)
		}
		ghost, _ := incident.NewEvent("ghost", incident.EventNote, incident.System, t0, nil)
		if _, err := st.AppendEvent(ctx, ghost); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("event for unknown incident: err = %v, want ErrNotFound", err)
		}
	})
}

func TestActions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		mustIncident(t, st, "inc-1", "alice")
		a := mustAction(t, st, "inc-1", "act-1", incident.ClassProtected)
		got, err := st.GetAction(ctx, "act-1")
		if err != nil {
			t.Fatal(err)
		}
		var params map[string]string
		if err := json.Unmarshal(got.Params, &params); err != nil || params["sha"] != "abc" || got.IdempotencyKey != "key-act-1" {
			t.Fatalf("round trip: %+v (%v)", got, err)
		}
		dup := a
		dup.ID = "act-2"
		if err := st.CreateAction(ctx, dup); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("reused idempotency key: err = %v, want ErrConflict", err)
		}

		tests := []struct {
			name    string
			from    incident.ActionStatus
			to      incident.ActionStatus
			wantErr error
		}{
			{"protected cannot skip approval", incident.ActionProposed, incident.ActionExecuting, incident.ErrIllegalTransition},
			{"stale from status", incident.ActionAwaitingApproval, incident.ActionApproved, store.ErrConflict},
			{"request approval", incident.ActionProposed, incident.ActionAwaitingApproval, nil},
			{"approve", incident.ActionAwaitingApproval, incident.ActionApproved, nil},
			{"execute", incident.ActionApproved, incident.ActionExecuting, nil},
			{"succeed", incident.ActionExecuting, incident.ActionSucceeded, nil},
			{"terminal", incident.ActionSucceeded, incident.ActionFailed, incident.ErrIllegalTransition},
		}
		for _, tc := range tests {
			next := got
			next.Status = tc.to
			if _, err := st.UpdateAction(ctx, next, tc.from); !errors.Is(err, tc.wantErr) {
				t.Fatalf("%s: err = %v, want %v", tc.name, err, tc.wantErr)
			}
			if tc.wantErr == nil {
				got, _ = st.GetAction(ctx, "act-1")
				if got.Status != tc.to {
					t.Fatalf("%s: stored status %s", tc.name, got.Status)
				}
			}
		}
		list, err := st.ListActions(ctx, "inc-1")
		if err != nil || len(list) != 1 {
			t.Fatalf("list actions: %v %v", list, err)
		}
	})
}

func TestApprovalDecidedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		mustIncident(t, st, "inc-1", "alice")
		mustAction(t, st, "inc-1", "act-1", incident.ClassProtected)
		ap := incident.Approval{ID: "ap-1", ActionID: "act-1", IncidentID: "inc-1", Kind: incident.WaitApproval,
			Target: "alice", Delegates: []string{"carol"}, CreatedAt: t0}
		if err := st.CreateApproval(ctx, ap); err != nil {
			t.Fatal(err)
		}
		pending, err := st.PendingApprovals(ctx, "alice")
		if err != nil || len(pending) != 1 || pending[0].Delegates[0] != "carol" {
			t.Fatalf("pending for alice: %+v %v", pending, err)
		}
		if none, _ := st.PendingApprovals(ctx, "bob"); len(none) != 0 {
			t.Fatalf("pending for bob: %+v", none)
		}
		// Two decisions race; exactly one may win.
		var wg sync.WaitGroup
		results := make(chan error, 2)
		for _, who := range []string{"alice", "carol"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dec, err := ap.Decide(who, incident.DecisionApproved, t0.Add(time.Minute))
				if err != nil {
					results <- err
					return
				}
				results <- st.RecordDecision(ctx, dec)
			}()
		}
		wg.Wait()
		close(results)
		var won, lost int
		for err := range results {
			switch {
			case err == nil:
				won++
			case errors.Is(err, incident.ErrAlreadyDecided):
				lost++
			default:
				t.Fatal(err)
			}
		}
		if won != 1 || lost != 1 {
			t.Fatalf("won %d lost %d, want 1 and 1", won, lost)
		}
		got, _ := st.GetApproval(ctx, "ap-1")
		if got.Decision != incident.DecisionApproved || (got.DecidedBy != "alice" && got.DecidedBy != "carol") || !got.DecidedAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("stored approval %+v", got)
		}
		if p, _ := st.PendingApprovals(ctx, ""); len(p) != 0 {
			t.Fatalf("still pending: %+v", p)
		}
	})
}

func appendN(t *testing.T, st *store.Store, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		_, err := st.AppendAudit(context.Background(), audit.Entry{
			At: t0.Add(time.Duration(i) * time.Second), Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman},
			Action: "action.execute:revert_pr", IncidentID: "inc-1", TargetSystem: "github", TargetResource: "github:acme/checkout",
			Gates:   []audit.GateResult{{Gate: "scope", Passed: true}, {Gate: "fga", Passed: true, Detail: "executor"}},
			Outcome: audit.OutcomeSuccess, Detail: "PR #42 ✓ <ok>",
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		if n, err := st.VerifyAudit(ctx); err != nil || n != 0 {
			t.Fatalf("empty chain: %d %v", n, err)
		}
		appendN(t, st, 5)
		n, err := st.VerifyAudit(ctx)
		if err != nil || n != 5 {
			t.Fatalf("verify: %d %v", n, err)
		}
		var seqs []int64
		_ = st.ScanAudit(ctx, store.AuditFilter{IncidentID: "inc-1"}, func(e audit.Entry) error {
			seqs = append(seqs, e.Seq)
			if len(e.Gates) != 2 || e.Gates[1].Detail != "executor" || e.Actor.Type != incident.ActorHuman {
				t.Fatalf("entry %d read back as %+v", e.Seq, e)
			}
			return nil
		})
		if len(seqs) != 5 || seqs[4] != 5 {
			t.Fatalf("seqs %v", seqs)
		}
		if _, err := st.AppendAudit(ctx, audit.Entry{Action: "x", Outcome: audit.OutcomeSuccess}); !errors.Is(err, incident.ErrInvalid) {
			t.Fatalf("entry without actor: err = %v", err)
		}
	})
}

func TestAuditConcurrentAppendsNeverFork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() { defer wg.Done(); appendN(t, st, 10) }()
		}
		wg.Wait()
		if n, err := st.VerifyAudit(context.Background()); err != nil || n != 40 {
			t.Fatalf("verify after concurrent appends: %d %v", n, err)
		}
	})
}

func TestAuditAppendOnlyInDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		appendN(t, st, 3)
		for _, sql := range []string{
			`UPDATE audit_log SET outcome = 'failure' WHERE seq = 2`,
			`DELETE FROM audit_log WHERE seq = 3`,
		} {
			if err := rawExec(t, st, sql); err == nil {
				t.Fatalf("database accepted %q", sql)
			}
		}
		if d == store.Postgres {
			if err := rawExec(t, st, `TRUNCATE audit_log`); err == nil {
				t.Fatal("database accepted TRUNCATE")
			}
		}
		if n, err := st.VerifyAudit(context.Background()); err != nil || n != 3 {
			t.Fatalf("verify: %d %v", n, err)
		}
	})
}

// disableAppendOnly removes the database's guard, as a privileged operator
// could, so the tests can prove verification still catches tampering.
func disableAppendOnly(t *testing.T, st *store.Store) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if st.Dialect() == store.Postgres {
		stmts = []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}
	}
	for _, s := range stmts {
		if err := rawExec(t, st, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		tamper  []string
		wantSeq string
	}{
		{"edited outcome", []string{`UPDATE audit_log SET outcome = 'failure' WHERE seq = 3`}, "entry seq 3"},
		{"edited actor", []string{`UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 2`}, "entry seq 2"},
		{"edited gates", []string{`UPDATE audit_log SET gates = '[]' WHERE seq = 4`}, "entry seq 4"},
		{"edited and rehashed", []string{`UPDATE audit_log SET detail = 'forged', hash = 'f00d' WHERE seq = 2`}, "entry seq 2"},
		{"deleted middle", []string{`DELETE FROM audit_log WHERE seq = 3`}, "entry seq 4"},
		{"deleted newest", []string{`DELETE FROM audit_log WHERE seq = 5`}, "head records seq 5"},
		{"swapped rows", []string{
			`UPDATE audit_log SET seq = -1 WHERE seq = 2`,
			`UPDATE audit_log SET seq = 2 WHERE seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE seq = -1`,
		}, "entry seq 2"},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				st := storetest.Open(t, d)
				appendN(t, st, 5)
				disableAppendOnly(t, st)
				for _, s := range tc.tamper {
					if err := rawExec(t, st, s); err != nil {
						t.Fatalf("tamper %q: %v", s, err)
					}
				}
				_, err := st.VerifyAudit(context.Background())
				if !errors.Is(err, audit.ErrBroken) {
					t.Fatalf("verify after %s: err = %v, want ErrBroken", tc.name, err)
				}
				if !strings.Contains(err.Error(), tc.wantSeq) {
					t.Fatalf("error %q does not name %q", err, tc.wantSeq)
				}
			})
		}
	})
}

func TestAuditIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st, ctx := storetest.Open(t, d), context.Background()
		for _, inc := range []string{"inc-b", "", "inc-a", "inc-b"} {
			if _, err := st.AppendAudit(ctx, audit.Entry{Actor: incident.Actor{ID: "alice", Type: incident.ActorHuman},
				Action: "incident.note", IncidentID: inc, Outcome: audit.OutcomeSuccess}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.AuditIncidents(ctx)
		if err != nil || strings.Join(got, ",") != "inc-a,inc-b" {
			t.Fatalf("AuditIncidents = %v, %v", got, err)
		}
	})
}

// The pending-approval queries a page or sweep uses each return exactly
// their slice: one incident's, one engineer's (with escalated waits that
// name them as a delegate), or all, oldest first; decided ones never.
func TestPendingApprovalQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		mustIncident(t, st, "inc-1", "alice")
		mustIncident(t, st, "inc-2", "bob")
		for i, ap := range []incident.Approval{
			{ID: "ap-1", IncidentID: "inc-1", Target: "alice"},
			{ID: "ap-2", IncidentID: "inc-2", Target: "bob"},
			{ID: "ap-3", IncidentID: "inc-2", Target: "bob"},   // escalated to carol below
			{ID: "ap-4", IncidentID: "inc-1", Target: "alice"}, // decided below
		} {
			act := fmt.Sprintf("act-%d", i+1)
			mustAction(t, st, ap.IncidentID, act, incident.ClassProtected)
			ap.ActionID, ap.Kind, ap.CreatedAt = act, incident.WaitApproval, t0.Add(time.Duration(i)*time.Minute)
			if err := st.CreateApproval(ctx, ap); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.EscalateApproval(ctx, "ap-3", []string{"carol"}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordDecision(ctx, incident.Approval{ID: "ap-4", DecidedBy: "alice", Decision: incident.DecisionApproved, DecidedAt: t0.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		ids := func(aps []incident.Approval, err error) string {
			if err != nil {
				return err.Error()
			}
			var out []string
			for _, a := range aps {
				out = append(out, a.ID)
			}
			return strings.Join(out, ",")
		}
		tests := []struct {
			name string
			got  string
			want string
		}{
			{"all", ids(st.PendingApprovals(ctx, "")), "ap-1,ap-2,ap-3"},
			{"bob's", ids(st.PendingApprovals(ctx, "bob")), "ap-2,ap-3"},
			{"of inc-1", ids(st.PendingApprovalsOf(ctx, "inc-1")), "ap-1"},
			{"of inc-2", ids(st.PendingApprovalsOf(ctx, "inc-2")), "ap-2,ap-3"},
			{"for carol (delegate)", ids(st.PendingApprovalsFor(ctx, "carol")), "ap-3"},
			{"for bob", ids(st.PendingApprovalsFor(ctx, "bob")), "ap-2,ap-3"},
			{"for alice", ids(st.PendingApprovalsFor(ctx, "alice")), "ap-1"},
			{"for nobody", ids(st.PendingApprovalsFor(ctx, "dave")), ""},
		}
		for _, tc := range tests {
			if tc.got != tc.want {
				t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
			}
		}
	})
}

// Paging through incidents with a cursor visits each exactly once, newest
// first with ties broken by id, whatever the filter; a cursor survives its
// token form, and a token the server did not give is refused.
func TestListIncidentsPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		// Two incidents share each creation time, so the order needs the id.
		for i := range 7 {
			inc, err := incident.New(fmt.Sprintf("inc-%d", i), "checkout 5xx", "checkout-api", "alice", incident.SevP1, t0.Add(time.Duration(i/2)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if i == 3 {
				inc.Severity = incident.SevP2
			}
			if err := st.CreateIncident(ctx, inc); err != nil {
				t.Fatal(err)
			}
		}
		// Newest first: inc-6, then the pair at minute 2 by id descending, ...
		want := []string{"inc-6", "inc-5", "inc-4", "inc-3", "inc-2", "inc-1", "inc-0"}
		for _, tc := range []struct {
			name string
			f    store.IncidentFilter
			want []string
		}{
			{"all", store.IncidentFilter{}, want},
			{"P1", store.IncidentFilter{Severity: incident.SevP1}, []string{"inc-6", "inc-5", "inc-4", "inc-2", "inc-1", "inc-0"}},
			{"open P2", store.IncidentFilter{Status: incident.StatusOpen, Severity: incident.SevP2}, []string{"inc-3"}},
		} {
			var got []string
			f := tc.f
			f.Limit = 2
			for range 10 {
				page, err := st.ListIncidents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, inc := range page {
					got = append(got, inc.ID)
				}
				if len(page) < f.Limit {
					break
				}
				next, err := store.ParseIncidentCursor(store.CursorOf(page[len(page)-1]).String())
				if err != nil {
					t.Fatal(err)
				}
				f.After = next
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%s: paged %v, want %v", tc.name, got, tc.want)
			}
		}
		for _, bad := range []string{"x", "bm90LWEtY3Vyc29y", store.IncidentCursor{ID: "inc-1"}.String()[:3] + "!"} {
			if _, err := store.ParseIncidentCursor(bad); !errors.Is(err, incident.ErrInvalid) {
				t.Errorf("cursor %q: %v, want ErrInvalid", bad, err)
			}
		}
	})
}
