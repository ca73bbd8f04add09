package incident

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"
)

// ---------------------------------------------------------------------------
// Incident status transitions
// ---------------------------------------------------------------------------

var allStatuses = []Status{StatusOpen, StatusMitigating, StatusResolved, StatusInvalidated}

func TestStatusNext(t *testing.T) {
	tests := []struct {
		name    string
		from    Status
		to      Status
		wantErr bool
	}{
		// every legal move
		{"open to mitigating", StatusOpen, StatusMitigating, false},
		{"open to resolved", StatusOpen, StatusResolved, false},
		{"open to invalidated", StatusOpen, StatusInvalidated, false},
		{"mitigating to resolved", StatusMitigating, StatusResolved, false},
		{"mitigating to invalidated", StatusMitigating, StatusInvalidated, false},

		// self moves are not transitions
		{"open to open", StatusOpen, StatusOpen, true},
		{"mitigating to mitigating", StatusMitigating, StatusMitigating, true},
		{"resolved to resolved", StatusResolved, StatusResolved, true},
		{"invalidated to invalidated", StatusInvalidated, StatusInvalidated, true},

		// no going back
		{"mitigating to open", StatusMitigating, StatusOpen, true},

		// terminal states cannot move
		{"resolved to open", StatusResolved, StatusOpen, true},
		{"resolved to mitigating", StatusResolved, StatusMitigating, true},
		{"resolved to invalidated", StatusResolved, StatusInvalidated, true},
		{"invalidated to open", StatusInvalidated, StatusOpen, true},
		{"invalidated to mitigating", StatusInvalidated, StatusMitigating, true},
		{"invalidated to resolved", StatusInvalidated, StatusResolved, true},

		// unknown states
		{"open to unknown", StatusOpen, Status("closed"), true},
		{"open to empty", StatusOpen, Status(""), true},
		{"unknown to resolved", Status("closed"), StatusResolved, true},
		{"empty to mitigating", Status(""), StatusMitigating, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.from.Next(tc.to)
			if tc.wantErr {
				if !errors.Is(err, ErrIllegalTransition) {
					t.Fatalf("Next(%q -> %q) err = %v, want ErrIllegalTransition", tc.from, tc.to, err)
				}
				if got != tc.from {
					t.Errorf("Next(%q -> %q) on error returned %q, want unchanged %q", tc.from, tc.to, got, tc.from)
				}
				return
			}
			if err != nil {
				t.Fatalf("Next(%q -> %q) err = %v, want nil", tc.from, tc.to, err)
			}
			if got != tc.to {
				t.Errorf("Next(%q -> %q) = %q, want %q", tc.from, tc.to, got, tc.to)
			}
		})
	}
}

// TestStatusNextExhaustive checks every from/to pair against an independent
// statement of the legal moves, so a move added to the production table
// without a matching test fails here.
func TestStatusNextExhaustive(t *testing.T) {
	legal := map[[2]Status]bool{
		{StatusOpen, StatusMitigating}:        true,
		{StatusOpen, StatusResolved}:          true,
		{StatusOpen, StatusInvalidated}:       true,
		{StatusMitigating, StatusResolved}:    true,
		{StatusMitigating, StatusInvalidated}: true,
	}
	for _, from := range allStatuses {
		for _, to := range allStatuses {
			got, err := from.Next(to)
			if legal[[2]Status{from, to}] {
				if err != nil || got != to {
					t.Errorf("Next(%q -> %q) = %q, %v; want %q, nil", from, to, got, err, to)
				}
				continue
			}
			if !errors.Is(err, ErrIllegalTransition) || got != from {
				t.Errorf("Next(%q -> %q) = %q, %v; want %q, ErrIllegalTransition", from, to, got, err, from)
			}
		}
	}
}

func TestStatusTerminal(t *testing.T) {
	tests := []struct {
		s    Status
		want bool
	}{
		{StatusOpen, false},
		{StatusMitigating, false},
		{StatusResolved, true},
		{StatusInvalidated, true},
	}
	for _, tc := range tests {
		if got := tc.s.Terminal(); got != tc.want {
			t.Errorf("%q.Terminal() = %v, want %v", tc.s, got, tc.want)
		}
		// Terminal must agree with the transition table: a terminal status
		// has no way out, a non-terminal one has at least one.
		canMove := false
		for _, to := range allStatuses {
			if _, err := tc.s.Next(to); err == nil {
				canMove = true
			}
		}
		if canMove == tc.want {
			t.Errorf("%q: Terminal() = %v but can move = %v", tc.s, tc.want, canMove)
		}
	}
}

// ---------------------------------------------------------------------------
// Action status transitions
// ---------------------------------------------------------------------------

var allActionStatuses = []ActionStatus{
	ActionProposed, ActionAwaitingApproval, ActionApproved, ActionDeclined,
	ActionExecuting, ActionAwaitingReauth, ActionSucceeded, ActionFailed,
}

func TestActionTransition(t *testing.T) {
	tests := []struct {
		name    string
		class   Class
		from    ActionStatus
		to      ActionStatus
		wantErr bool
	}{
		// open: legal
		{"open proposed to executing", ClassOpen, ActionProposed, ActionExecuting, false},
		{"open executing to succeeded", ClassOpen, ActionExecuting, ActionSucceeded, false},
		{"open executing to failed", ClassOpen, ActionExecuting, ActionFailed, false},
		{"open executing to awaiting_reauth", ClassOpen, ActionExecuting, ActionAwaitingReauth, false},
		{"open awaiting_reauth to executing", ClassOpen, ActionAwaitingReauth, ActionExecuting, false},
		{"open awaiting_reauth to failed", ClassOpen, ActionAwaitingReauth, ActionFailed, false},

		// open: illegal
		{"open proposed to awaiting_approval", ClassOpen, ActionProposed, ActionAwaitingApproval, true},
		{"open proposed to approved", ClassOpen, ActionProposed, ActionApproved, true},
		{"open proposed to succeeded", ClassOpen, ActionProposed, ActionSucceeded, true},
		{"open executing to proposed", ClassOpen, ActionExecuting, ActionProposed, true},
		{"open awaiting_reauth to succeeded", ClassOpen, ActionAwaitingReauth, ActionSucceeded, true},
		{"open succeeded to executing", ClassOpen, ActionSucceeded, ActionExecuting, true},
		{"open failed to executing", ClassOpen, ActionFailed, ActionExecuting, true},
		{"open failed to proposed", ClassOpen, ActionFailed, ActionProposed, true},
		{"open declined to executing", ClassOpen, ActionDeclined, ActionExecuting, true},

		// protected: legal
		{"protected proposed to awaiting_approval", ClassProtected, ActionProposed, ActionAwaitingApproval, false},
		{"protected awaiting_approval to approved", ClassProtected, ActionAwaitingApproval, ActionApproved, false},
		{"protected awaiting_approval to declined", ClassProtected, ActionAwaitingApproval, ActionDeclined, false},
		{"protected approved to executing", ClassProtected, ActionApproved, ActionExecuting, false},
		{"protected executing to succeeded", ClassProtected, ActionExecuting, ActionSucceeded, false},
		{"protected executing to failed", ClassProtected, ActionExecuting, ActionFailed, false},
		{"protected executing to awaiting_reauth", ClassProtected, ActionExecuting, ActionAwaitingReauth, false},
		{"protected awaiting_reauth to executing", ClassProtected, ActionAwaitingReauth, ActionExecuting, false},
		{"protected awaiting_reauth to failed", ClassProtected, ActionAwaitingReauth, ActionFailed, false},

		// protected: approval required before executing
		{"protected proposed to executing", ClassProtected, ActionProposed, ActionExecuting, true},
		{"protected awaiting_approval to executing", ClassProtected, ActionAwaitingApproval, ActionExecuting, true},
		{"protected proposed to approved", ClassProtected, ActionProposed, ActionApproved, true},
		{"protected declined to executing", ClassProtected, ActionDeclined, ActionExecuting, true},
		{"protected declined to approved", ClassProtected, ActionDeclined, ActionApproved, true},
		{"protected awaiting_reauth to succeeded", ClassProtected, ActionAwaitingReauth, ActionSucceeded, true},
		{"protected approved to succeeded", ClassProtected, ActionApproved, ActionSucceeded, true},

		// protected: terminal statuses cannot move
		{"protected succeeded to executing", ClassProtected, ActionSucceeded, ActionExecuting, true},
		{"protected failed to executing", ClassProtected, ActionFailed, ActionExecuting, true},
		{"protected failed to awaiting_approval", ClassProtected, ActionFailed, ActionAwaitingApproval, true},

		// self moves
		{"open executing to executing", ClassOpen, ActionExecuting, ActionExecuting, true},
		{"protected proposed to proposed", ClassProtected, ActionProposed, ActionProposed, true},

		// unknown class has no legal moves
		{"unknown class proposed to executing", Class("weird"), ActionProposed, ActionExecuting, true},
		{"empty class proposed to awaiting_approval", Class(""), ActionProposed, ActionAwaitingApproval, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Action{ID: "act-1", Class: tc.class, Status: tc.from}
			got, err := a.Transition(tc.to)
			if tc.wantErr {
				if !errors.Is(err, ErrIllegalTransition) {
					t.Fatalf("Transition(%s %q -> %q) err = %v, want ErrIllegalTransition", tc.class, tc.from, tc.to, err)
				}
				if got != tc.from {
					t.Errorf("Transition on error returned %q, want unchanged %q", got, tc.from)
				}
				return
			}
			if err != nil {
				t.Fatalf("Transition(%s %q -> %q) err = %v, want nil", tc.class, tc.from, tc.to, err)
			}
			if got != tc.to {
				t.Errorf("Transition(%s %q -> %q) = %q, want %q", tc.class, tc.from, tc.to, got, tc.to)
			}
		})
	}
}

// TestActionTransitionExhaustive checks every class/from/to triple against an
// independent statement of the legal moves.
func TestActionTransitionExhaustive(t *testing.T) {
	type move struct {
		from, to ActionStatus
	}
	legal := map[Class]map[move]bool{
		ClassOpen: {
			{ActionProposed, ActionExecuting}:       true,
			{ActionExecuting, ActionSucceeded}:      true,
			{ActionExecuting, ActionFailed}:         true,
			{ActionExecuting, ActionAwaitingReauth}: true,
			{ActionAwaitingReauth, ActionExecuting}: true,
			{ActionAwaitingReauth, ActionFailed}:    true,
		},
		ClassProtected: {
			{ActionProposed, ActionAwaitingApproval}: true,
			{ActionAwaitingApproval, ActionApproved}: true,
			{ActionAwaitingApproval, ActionDeclined}: true,
			{ActionApproved, ActionExecuting}:        true,
			{ActionExecuting, ActionSucceeded}:       true,
			{ActionExecuting, ActionFailed}:          true,
			{ActionExecuting, ActionAwaitingReauth}:  true,
			{ActionAwaitingReauth, ActionExecuting}:  true,
			{ActionAwaitingReauth, ActionFailed}:     true,
		},
	}
	for _, class := range []Class{ClassOpen, ClassProtected} {
		for _, from := range allActionStatuses {
			for _, to := range allActionStatuses {
				got, err := Action{ID: "a", Class: class, Status: from}.Transition(to)
				if legal[class][move{from, to}] {
					if err != nil || got != to {
						t.Errorf("%s %q -> %q = %q, %v; want %q, nil", class, from, to, got, err, to)
					}
					continue
				}
				if !errors.Is(err, ErrIllegalTransition) || got != from {
					t.Errorf("%s %q -> %q = %q, %v; want %q, ErrIllegalTransition", class, from, to, got, err, from)
				}
			}
		}
	}
}

// TestProtectedNeverExecutesWithoutApproval walks every path through the
// protected machine and checks that executing is only ever reached after
// approved (the approval invariant), independent of the table above.
func TestProtectedNeverExecutesWithoutApproval(t *testing.T) {
	type state struct {
		s        ActionStatus
		approved bool
	}
	seen := map[state]bool{}
	queue := []state{{ActionProposed, false}}
	reachedExecuting := false
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		for _, to := range allActionStatuses {
			if _, err := (Action{Class: ClassProtected, Status: cur.s}).Transition(to); err != nil {
				continue
			}
			next := state{to, cur.approved || to == ActionApproved}
			if to == ActionExecuting {
				reachedExecuting = true
				if !next.approved {
					t.Errorf("protected action reached executing from %q without passing approved", cur.s)
				}
			}
			queue = append(queue, next)
		}
	}
	if !reachedExecuting {
		t.Fatal("protected action can never reach executing; expected it to after approval")
	}
}

func TestActionStatusTerminal(t *testing.T) {
	tests := []struct {
		s    ActionStatus
		want bool
	}{
		{ActionProposed, false},
		{ActionAwaitingApproval, false},
		{ActionApproved, false},
		{ActionDeclined, true},
		{ActionExecuting, false},
		{ActionAwaitingReauth, false},
		{ActionSucceeded, true},
		{ActionFailed, true},
	}
	for _, tc := range tests {
		if got := tc.s.Terminal(); got != tc.want {
			t.Errorf("%q.Terminal() = %v, want %v", tc.s, got, tc.want)
		}
		if !tc.want {
			continue
		}
		// A terminal status has no way out in either class.
		for _, class := range []Class{ClassOpen, ClassProtected} {
			for _, to := range allActionStatuses {
				got, err := Action{Class: class, Status: tc.s}.Transition(to)
				if !errors.Is(err, ErrIllegalTransition) || got != tc.s {
					t.Errorf("terminal %s %q -> %q = %q, %v; want illegal", class, tc.s, to, got, err)
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------
// Approval decisions
// ---------------------------------------------------------------------------

func TestApprovalDecide(t *testing.T) {
	// A non-UTC zone so the test can see Decide normalizes to UTC.
	zone := time.FixedZone("UTC+5", 5*60*60)
	at := time.Date(2024, 3, 1, 12, 30, 0, 0, zone)
	earlier := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

	pending := Approval{
		ID: "ap-1", ActionID: "act-1", IncidentID: "inc-1", Kind: WaitApproval,
		Target: "alice", Delegates: []string{"bob", "carol"},
	}
	decided := pending
	decided.Decision, decided.DecidedBy, decided.DecidedAt = DecisionApproved, "alice", earlier
	declined := pending
	declined.Decision, declined.DecidedBy, declined.DecidedAt = DecisionDeclined, "bob", earlier

	tests := []struct {
		name     string
		approval Approval
		engineer string
		decision Decision
		wantErr  error
	}{
		{"target approves", pending, "alice", DecisionApproved, nil},
		{"target declines", pending, "alice", DecisionDeclined, nil},
		{"first delegate approves", pending, "bob", DecisionApproved, nil},
		{"second delegate declines", pending, "carol", DecisionDeclined, nil},
		{"stranger refused", pending, "mallory", DecisionApproved, ErrNotApprover},
		{"stranger decline refused", pending, "mallory", DecisionDeclined, ErrNotApprover},
		{"case differs from target", pending, "Alice", DecisionApproved, ErrNotApprover},
		{"empty engineer refused", pending, "", DecisionApproved, ErrNotApprover},
		{"empty engineer refused with empty target", Approval{ID: "ap-2"}, "", DecisionApproved, ErrNotApprover},
		{"empty engineer refused with empty delegate", Approval{ID: "ap-3", Target: "alice", Delegates: []string{""}}, "", DecisionApproved, ErrNotApprover},
		{"second decision by target refused", decided, "alice", DecisionDeclined, ErrAlreadyDecided},
		{"second identical decision refused", decided, "alice", DecisionApproved, ErrAlreadyDecided},
		{"second decision by delegate refused", decided, "bob", DecisionDeclined, ErrAlreadyDecided},
		{"decision after decline refused", declined, "alice", DecisionApproved, ErrAlreadyDecided},
		{"second decision by stranger refused", decided, "mallory", DecisionApproved, ErrAlreadyDecided},
		{"none is not a decision", pending, "alice", DecisionNone, ErrInvalid},
		{"unknown decision", pending, "alice", Decision("maybe"), ErrInvalid},
		{"uppercase decision", pending, "alice", Decision("APPROVED"), ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.approval.Decide(tc.engineer, tc.decision, at)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Decide err = %v, want %v", err, tc.wantErr)
				}
				// A refused decision leaves the approval untouched.
				if got.Decision != tc.approval.Decision || got.DecidedBy != tc.approval.DecidedBy ||
					!got.DecidedAt.Equal(tc.approval.DecidedAt) {
					t.Errorf("refused Decide changed approval: got (%q, %q, %v), want (%q, %q, %v)",
						got.Decision, got.DecidedBy, got.DecidedAt,
						tc.approval.Decision, tc.approval.DecidedBy, tc.approval.DecidedAt)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decide err = %v, want nil", err)
			}
			if got.Decision != tc.decision {
				t.Errorf("Decision = %q, want %q", got.Decision, tc.decision)
			}
			if got.DecidedBy != tc.engineer {
				t.Errorf("DecidedBy = %q, want %q", got.DecidedBy, tc.engineer)
			}
			if !got.DecidedAt.Equal(at) {
				t.Errorf("DecidedAt = %v, want instant %v", got.DecidedAt, at)
			}
			if got.DecidedAt.Location() != time.UTC {
				t.Errorf("DecidedAt location = %v, want UTC", got.DecidedAt.Location())
			}
			// Identity fields are preserved.
			if got.ID != tc.approval.ID || got.ActionID != tc.approval.ActionID ||
				got.IncidentID != tc.approval.IncidentID || got.Target != tc.approval.Target ||
				got.Kind != tc.approval.Kind {
				t.Errorf("Decide changed identity fields: got %+v, from %+v", got, tc.approval)
			}
			// The receiver is a value: the original must still be pending.
			if tc.approval.Decision != DecisionNone || tc.approval.DecidedBy != "" {
				t.Errorf("Decide mutated the original approval: %+v", tc.approval)
			}
			// And once decided, it cannot be decided again, even by the target.
			if _, err := got.Decide(got.Target, DecisionApproved, at); !errors.Is(err, ErrAlreadyDecided) {
				t.Errorf("re-Decide by target err = %v, want ErrAlreadyDecided", err)
			}
		})
	}
}

func TestApprovalMayDecide(t *testing.T) {
	a := Approval{Target: "alice", Delegates: []string{"bob"}}
	tests := []struct {
		engineer string
		want     bool
	}{
		{"alice", true},
		{"bob", true},
		{"mallory", false},
		{"", false},
		{" alice", false},
	}
	for _, tc := range tests {
		if got := a.MayDecide(tc.engineer); got != tc.want {
			t.Errorf("MayDecide(%q) = %v, want %v", tc.engineer, got, tc.want)
		}
	}
	if (Approval{}).MayDecide("") {
		t.Error("MayDecide(\"\") on an approval with empty target = true, want false")
	}
}

func TestDecisionValid(t *testing.T) {
	tests := []struct {
		d    Decision
		want bool
	}{
		{DecisionApproved, true},
		{DecisionDeclined, true},
		{DecisionNone, false},
		{Decision("approve"), false},
	}
	for _, tc := range tests {
		if got := tc.d.Valid(); got != tc.want {
			t.Errorf("%q.Valid() = %v, want %v", tc.d, got, tc.want)
		}
	}
}

// ---------------------------------------------------------------------------
// Incident validation
// ---------------------------------------------------------------------------

func TestNew(t *testing.T) {
	zone := time.FixedZone("UTC-7", -7*60*60)
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, zone)

	tests := []struct {
		name                  string
		id, title, svc, owner string
		sev                   Severity
		wantErr               bool
		wantTitle, wantOwner  string
		wantSvc               string
	}{
		{"valid P1", "inc-1", "Checkout down", "checkout", "alice", SevP1, false, "Checkout down", "alice", "checkout"},
		{"valid P2", "inc-2", "Slow", "api", "bob", SevP2, false, "Slow", "bob", "api"},
		{"valid P3", "inc-3", "Flaky", "api", "bob", SevP3, false, "Flaky", "bob", "api"},
		{"unknown severity allowed before triage", "inc-4", "Something", "", "bob", SevUnknown, false, "Something", "bob", ""},
		{"fields trimmed", "inc-5", "  Checkout down \n", " checkout ", "\talice ", SevP1, false, "Checkout down", "alice", "checkout"},
		{"empty id", "", "t", "s", "alice", SevP1, true, "", "", ""},
		{"empty title", "inc-6", "", "s", "alice", SevP1, true, "", "", ""},
		{"blank title", "inc-7", "   \t", "s", "alice", SevP1, true, "", "", ""},
		{"empty owner", "inc-8", "t", "s", "", SevP1, true, "", "", ""},
		{"blank owner", "inc-9", "t", "s", "  ", SevP1, true, "", "", ""},
		{"bad severity", "inc-10", "t", "s", "alice", Severity("P4"), true, "", "", ""},
		{"lowercase severity", "inc-11", "t", "s", "alice", Severity("p1"), true, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inc, err := New(tc.id, tc.title, tc.svc, tc.owner, tc.sev, now)
			if tc.wantErr {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("New err = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New err = %v, want nil", err)
			}
			if inc.ID != tc.id || inc.Title != tc.wantTitle || inc.Owner != tc.wantOwner ||
				inc.Service != tc.wantSvc || inc.Severity != tc.sev {
				t.Errorf("New = %+v, want id %q title %q owner %q service %q severity %q",
					inc, tc.id, tc.wantTitle, tc.wantOwner, tc.wantSvc, tc.sev)
			}
			if inc.Status != StatusOpen {
				t.Errorf("Status = %q, want %q", inc.Status, StatusOpen)
			}
			for name, ts := range map[string]time.Time{"CreatedAt": inc.CreatedAt, "UpdatedAt": inc.UpdatedAt} {
				if !ts.Equal(now) || ts.Location() != time.UTC {
					t.Errorf("%s = %v, want %v in UTC", name, ts, now.UTC())
				}
			}
		})
	}
}

func TestIncidentValidate(t *testing.T) {
	good := Incident{ID: "inc-1", Title: "t", Owner: "alice", Severity: SevP2, Status: StatusOpen}
	mod := func(f func(*Incident)) Incident { i := good; f(&i); return i }
	tests := []struct {
		name    string
		inc     Incident
		wantErr bool
	}{
		{"valid", good, false},
		{"no service is fine", mod(func(i *Incident) { i.Service = "" }), false},
		{"empty id", mod(func(i *Incident) { i.ID = "" }), true},
		{"empty title", mod(func(i *Incident) { i.Title = "" }), true},
		{"empty owner", mod(func(i *Incident) { i.Owner = "" }), true},
		{"bad severity", mod(func(i *Incident) { i.Severity = "critical" }), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.inc.Validate()
			if tc.wantErr && !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate err = %v, want ErrInvalid", err)
			}
			if !tc.wantErr && err != nil {
				t.Fatalf("Validate err = %v, want nil", err)
			}
		})
	}
}

func TestSeverityValid(t *testing.T) {
	tests := []struct {
		s    Severity
		want bool
	}{
		{SevUnknown, true},
		{SevP1, true},
		{SevP2, true},
		{SevP3, true},
		{Severity("P0"), false},
		{Severity("P4"), false},
		{Severity("p2"), false},
	}
	for _, tc := range tests {
		if got := tc.s.Valid(); got != tc.want {
			t.Errorf("%q.Valid() = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// ---------------------------------------------------------------------------
// Action validation
// ---------------------------------------------------------------------------

func TestActionValidate(t *testing.T) {
	good := Action{
		ID: "act-1", IncidentID: "inc-1", Kind: "github.revert", Risk: RiskHigh,
		Class: ClassProtected, Status: ActionProposed, Target: "github:acme/checkout",
		Params: json.RawMessage(`{"sha":"abc"}`), IdempotencyKey: "idem-1",
	}
	mod := func(f func(*Action)) Action { a := good; f(&a); return a }
	tests := []struct {
		name    string
		action  Action
		wantErr bool
	}{
		{"valid", good, false},
		{"valid open low", mod(func(a *Action) { a.Class, a.Risk = ClassOpen, RiskLow }), false},
		{"valid medium", mod(func(a *Action) { a.Risk = RiskMedium }), false},
		{"valid critical", mod(func(a *Action) { a.Risk = RiskCritical }), false},
		{"nil params allowed", mod(func(a *Action) { a.Params = nil }), false},
		{"array params allowed", mod(func(a *Action) { a.Params = json.RawMessage(`[1,2]`) }), false},
		{"empty id", mod(func(a *Action) { a.ID = "" }), true},
		{"empty incident id", mod(func(a *Action) { a.IncidentID = "" }), true},
		{"empty kind", mod(func(a *Action) { a.Kind = "" }), true},
		{"blank kind", mod(func(a *Action) { a.Kind = "  \t" }), true},
		{"empty risk", mod(func(a *Action) { a.Risk = "" }), true},
		{"unknown risk", mod(func(a *Action) { a.Risk = "extreme" }), true},
		{"empty class", mod(func(a *Action) { a.Class = "" }), true},
		{"unknown class", mod(func(a *Action) { a.Class = "secret" }), true},
		{"empty idempotency key", mod(func(a *Action) { a.IdempotencyKey = "" }), true},
		{"params not JSON", mod(func(a *Action) { a.Params = json.RawMessage(`{sha:`) }), true},
		{"params empty but non-nil", mod(func(a *Action) { a.Params = json.RawMessage{} }), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.action.Validate()
			if tc.wantErr && !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate err = %v, want ErrInvalid", err)
			}
			if !tc.wantErr && err != nil {
				t.Fatalf("Validate err = %v, want nil", err)
			}
		})
	}
}

func TestRiskAndClassValid(t *testing.T) {
	risks := []struct {
		r    Risk
		want bool
	}{
		{RiskLow, true}, {RiskMedium, true}, {RiskHigh, true}, {RiskCritical, true},
		{Risk(""), false}, {Risk("HIGH"), false},
	}
	for _, tc := range risks {
		if got := tc.r.Valid(); got != tc.want {
			t.Errorf("Risk %q.Valid() = %v, want %v", tc.r, got, tc.want)
		}
	}
	classes := []struct {
		c    Class
		want bool
	}{
		{ClassOpen, true}, {ClassProtected, true}, {Class(""), false}, {Class("closed"), false},
	}
	for _, tc := range classes {
		if got := tc.c.Valid(); got != tc.want {
			t.Errorf("Class %q.Valid() = %v, want %v", tc.c, got, tc.want)
		}
	}
}

// ---------------------------------------------------------------------------
// Actors and events
// ---------------------------------------------------------------------------

func TestActorValidate(t *testing.T) {
	tests := []struct {
		name    string
		actor   Actor
		wantErr bool
	}{
		{"agent", Actor{ID: "claude", Type: ActorAgent}, false},
		{"human", Actor{ID: "alice", Type: ActorHuman}, false},
		{"system", Actor{ID: "warroom", Type: ActorSystem}, false},
		{"System var", System, false},
		{"empty id", Actor{ID: "", Type: ActorHuman}, true},
		{"blank id", Actor{ID: " \t\n", Type: ActorHuman}, true},
		{"empty type", Actor{ID: "alice", Type: ""}, true},
		{"unknown type", Actor{ID: "alice", Type: "robot"}, true},
		{"zero actor", Actor{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.actor.Validate()
			if tc.wantErr && !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate(%+v) err = %v, want ErrInvalid", tc.actor, err)
			}
			if !tc.wantErr && err != nil {
				t.Fatalf("Validate(%+v) err = %v, want nil", tc.actor, err)
			}
		})
	}
	if System.ID != "warroom" || System.Type != ActorSystem {
		t.Errorf("System = %+v, want {warroom system}", System)
	}
}

func TestNewEvent(t *testing.T) {
	zone := time.FixedZone("UTC+2", 2*60*60)
	at := time.Date(2024, 1, 2, 3, 4, 5, 6, zone)
	human := Actor{ID: "alice", Type: ActorHuman}

	tests := []struct {
		name       string
		incidentID string
		typ        EventType
		actor      Actor
		data       any
		wantErr    error // nil means success
		wantData   string
	}{
		{"nil data gives empty object", "inc-1", EventCreated, human, nil, nil, `{}`},
		{"map data", "inc-1", EventNote, human, map[string]string{"text": "hi"}, nil, `{"text":"hi"}`},
		{"struct data", "inc-1", EventStatusChanged, System,
			struct {
				From Status `json:"from"`
				To   Status `json:"to"`
			}{StatusOpen, StatusMitigating}, nil, `{"from":"open","to":"mitigating"}`},
		{"raw message data", "inc-1", EventAlert, System, json.RawMessage(`{"a":1}`), nil, `{"a":1}`},
		{"string data", "inc-1", EventReasoning, Actor{ID: "agent", Type: ActorAgent}, "thinking", nil, `"thinking"`},
		{"empty incident id", "", EventCreated, human, nil, ErrInvalid, ""},
		{"unknown type", "inc-1", EventType("incident.deleted"), human, nil, ErrInvalid, ""},
		{"empty type", "inc-1", EventType(""), human, nil, ErrInvalid, ""},
		{"actor without id", "inc-1", EventNote, Actor{Type: ActorHuman}, nil, ErrInvalid, ""},
		{"actor with bad type", "inc-1", EventNote, Actor{ID: "alice", Type: "boss"}, nil, ErrInvalid, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := NewEvent(tc.incidentID, tc.typ, tc.actor, at, tc.data)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("NewEvent err = %v, want %v", err, tc.wantErr)
				}
				if ev.IncidentID != "" || ev.Type != "" || ev.Data != nil {
					t.Errorf("NewEvent on error returned non-zero event %+v", ev)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewEvent err = %v, want nil", err)
			}
			if string(ev.Data) != tc.wantData {
				t.Errorf("Data = %s, want %s", ev.Data, tc.wantData)
			}
			if !json.Valid(ev.Data) {
				t.Errorf("Data %q is not valid JSON", ev.Data)
			}
			if ev.IncidentID != tc.incidentID || ev.Type != tc.typ || ev.Actor != tc.actor {
				t.Errorf("NewEvent = %+v, want incident %q type %q actor %+v", ev, tc.incidentID, tc.typ, tc.actor)
			}
			if !ev.At.Equal(at) || ev.At.Location() != time.UTC {
				t.Errorf("At = %v, want %v in UTC", ev.At, at.UTC())
			}
			if ev.ID != 0 || ev.Seq != 0 {
				t.Errorf("ID/Seq = %d/%d, want 0/0 (assigned by the store)", ev.ID, ev.Seq)
			}
		})
	}
}

func TestNewEventUnmarshalableData(t *testing.T) {
	tests := []struct {
		name string
		data any
	}{
		{"channel", make(chan int)},
		{"func", func() {}},
		{"complex", complex(1, 2)},
		{"map with channel value", map[string]any{"c": make(chan int)}},
		{"invalid raw message", json.RawMessage(`{not json`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := NewEvent("inc-1", EventNote, System, time.Unix(0, 0), tc.data)
			if err == nil {
				t.Fatalf("NewEvent(%T) err = nil, want marshal error; event %+v", tc.data, ev)
			}
			// A marshal failure is not a validation failure of the caller's identifiers.
			if errors.Is(err, ErrInvalid) {
				t.Errorf("NewEvent(%T) err = %v, unexpectedly wraps ErrInvalid", tc.data, err)
			}
			if ev.Data != nil || ev.IncidentID != "" {
				t.Errorf("NewEvent on error returned non-zero event %+v", ev)
			}
		})
	}
}

func TestEventTypeValid(t *testing.T) {
	known := []EventType{
		EventCreated, EventStatusChanged, EventSeverityChanged, EventNote, EventAlert,
		EventReasoning, EventToolCall, EventActionProposed, EventApprovalRequested,
		EventApprovalDecided, EventActionExecuting, EventActionReconciled,
		EventActionSucceeded, EventActionFailed, EventReauthRequested,
		EventAlertResolved, EventReport, EventResolutionProposed, EventSummary, EventTriaged, EventApprovalEscalated, EventStepUpRequested,
	}
	for _, typ := range known {
		if !typ.Valid() {
			t.Errorf("%q.Valid() = false, want true", typ)
		}
	}
	if len(knownEvents) != len(known) {
		t.Errorf("knownEvents has %d entries, test lists %d; update the test", len(knownEvents), len(known))
	}
	for _, typ := range []EventType{"", "incident", "incident.CREATED", "agent.tool_result"} {
		if typ.Valid() {
			t.Errorf("%q.Valid() = true, want false", typ)
		}
	}
}

// TestErrorsWrapWithContext checks that sentinel errors are wrapped, not
// returned bare, so callers get context and errors.Is still works.
func TestErrorsWrapWithContext(t *testing.T) {
	_, e1 := StatusResolved.Next(StatusOpen)
	_, e2 := Action{ID: "act-9", Class: ClassProtected, Status: ActionProposed}.Transition(ActionExecuting)
	_, e3 := Approval{ID: "ap-9", Target: "alice"}.Decide("mallory", DecisionApproved, time.Now())
	tests := []struct {
		name     string
		err      error
		sentinel error
		want     string
	}{
		{"incident", e1, ErrIllegalTransition, "incident resolved -> open: illegal transition"},
		{"action", e2, ErrIllegalTransition, "protected action act-9: proposed -> executing: illegal transition"},
		{"approval", e3, ErrNotApprover, "approval ap-9 waits for @alice, not @mallory: not the targeted approver"},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.sentinel) {
			t.Errorf("%s: err = %v, want wrapping %v", tc.name, tc.err, tc.sentinel)
			continue
		}
		if tc.err == tc.sentinel {
			t.Errorf("%s: err is the bare sentinel, want context", tc.name)
		}
		if got := fmt.Sprint(tc.err); got != tc.want {
			t.Errorf("%s: err = %q, want %q", tc.name, got, tc.want)
		}
	}
}
