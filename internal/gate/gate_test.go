package gate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// counting is a gate that answers as told and counts its calls.
type counting struct {
	name  string
	pass  bool
	err   error
	calls int
}

func (c *counting) Name() string { return c.name }
func (c *counting) Check(context.Context, Request) (Verdict, error) {
	c.calls++
	return Verdict{Passed: c.pass, Detail: c.name + " says " + map[bool]string{true: "yes", false: "no"}[c.pass]}, c.err
}

func TestChainStopsAtTheFirstDenial(t *testing.T) {
	tests := []struct {
		name      string
		verdicts  []bool
		failAt    int // -1: no error
		wantCalls []int
		wantErr   error
	}{
		{"all pass", []bool{true, true, true}, -1, []int{1, 1, 1}, nil},
		{"first denies", []bool{false, true, true}, -1, []int{1, 0, 0}, ErrDenied},
		{"second denies", []bool{true, false, true}, -1, []int{1, 1, 0}, ErrDenied},
		{"third denies", []bool{true, true, false}, -1, []int{1, 1, 1}, ErrDenied},
		{"second fails", []bool{true, true, true}, 1, []int{1, 1, 0}, errBoom},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stages []*counting
			var chain Chain
			for i, v := range tc.verdicts {
				c := &counting{name: []string{"scope", "fga", "step_up"}[i], pass: v}
				if i == tc.failAt {
					c.err = errBoom
				}
				stages = append(stages, c)
				chain = append(chain, c)
			}
			results, err := chain.Run(context.Background(), Request{})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			for i, c := range stages {
				if c.calls != tc.wantCalls[i] {
					t.Fatalf("gate %s ran %d times, want %d", c.name, c.calls, tc.wantCalls[i])
				}
			}
			ran := 0
			for _, n := range tc.wantCalls {
				ran += n
			}
			if len(results) != ran || results[0].Gate != "scope" {
				t.Fatalf("results %+v", results)
			}
		})
	}
}

var errBoom = errors.New("authorization service unreachable")

type relations map[string]bool

func (r relations) Check(_ context.Context, user, relation, object string) (bool, error) {
	return r[user+" "+relation+" "+object], nil
}

func TestStages(t *testing.T) {
	scope := Scope{Required: map[string]string{"merge_pr": "actions:merge"}, Default: "actions:run"}
	rel := Relation{Authz: relations{"user:alice executor target:github_acme_app-config": true}, Relation: "executor",
		User: func(e string) string { return "user:" + e }, Object: func(a incident.Action) string { return "target:" + a.Target }}
	tests := []struct {
		name  string
		stage Stage
		req   Request
		pass  bool
		want  string
	}{
		{"scope present", scope, Request{Action: incident.Action{Kind: "revert_pr"}, Scopes: []string{"actions:run"}}, true, "actions:run"},
		{"kind needs more", scope, Request{Action: incident.Action{Kind: "merge_pr"}, Scopes: []string{"actions:run"}}, false, "actions:merge"},
		{"relation held", rel, Request{Action: incident.Action{Target: "github_acme_app-config"}, Engineer: "alice"}, true, "is executor"},
		{"relation on another resource", rel, Request{Action: incident.Action{Target: "github_acme_network-policy"}, Engineer: "alice"}, false, "is not executor"},
		{"someone else", rel, Request{Action: incident.Action{Target: "github_acme_app-config"}, Engineer: "bob"}, false, "user:bob"},
	}
	for _, tc := range tests {
		v, err := tc.stage.Check(context.Background(), tc.req)
		if err != nil || v.Passed != tc.pass || !strings.Contains(v.Detail, tc.want) {
			t.Errorf("%s: %+v %v", tc.name, v, err)
		}
	}
}

type method struct{ begins int }

func (m *method) Name() string { return "test" }
func (m *method) Begin(context.Context, Request) (Verdict, error) {
	m.begins++
	return Verdict{Detail: "asked", Challenge: &Challenge{Method: "totp"}}, nil
}

func TestStepUpStage(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	act := func(risk incident.Risk, kind string, class incident.Class) incident.Action {
		return incident.Action{Kind: kind, Risk: risk, Class: class}
	}
	tests := []struct {
		name       string
		req        Request
		kinds      []string
		wantPass   bool
		wantBegins int
	}{
		{"low risk passes", Request{Engineer: "alice", Action: act(incident.RiskLow, "status_update", incident.ClassProtected)}, nil, true, 0},
		{"high risk asks", Request{Engineer: "alice", Action: act(incident.RiskHigh, "revert_pr", incident.ClassProtected)}, nil, false, 1},
		{"policy kind asks whatever its risk", Request{Engineer: "alice", Action: act(incident.RiskLow, "war_room_channel", incident.ClassProtected)}, []string{"war_room_channel"}, false, 1},
		{"fresh step-up passes", Request{Engineer: "alice", Action: act(incident.RiskCritical, "merge_pr", incident.ClassProtected),
			SteppedUpAt: now.Add(-time.Minute), SteppedUpVia: "ciba"}, nil, true, 0},
		{"stale step-up asks again", Request{Engineer: "alice", Action: act(incident.RiskCritical, "merge_pr", incident.ClassProtected),
			SteppedUpAt: now.Add(-11 * time.Minute), SteppedUpVia: "ciba"}, nil, false, 1},
		{"risky action without approver denied", Request{Action: act(incident.RiskHigh, "revert_pr", incident.ClassOpen)}, nil, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &method{}
			v, err := StepUp{Method: m, Kinds: tc.kinds, Now: func() time.Time { return now }}.Check(context.Background(), tc.req)
			if err != nil || v.Passed != tc.wantPass || m.begins != tc.wantBegins {
				t.Fatalf("verdict %+v, err %v, begins %d", v, err, m.begins)
			}
		})
	}
}

// A challenge stops the chain like a denial, but as a PendingError that
// carries the challenge, with a pending verdict recorded.
func TestChainStopsAtAChallenge(t *testing.T) {
	after := &counting{name: "later", pass: true}
	chain := Chain{&counting{name: "scope", pass: true}, StepUp{Method: &method{}}, after}
	results, err := chain.Run(context.Background(), Request{Engineer: "alice",
		Action: incident.Action{Kind: "merge_pr", Risk: incident.RiskCritical, Class: incident.ClassProtected}})
	var pending *PendingError
	if !errors.As(err, &pending) || pending.Challenge.Method != "totp" || errors.Is(err, ErrDenied) {
		t.Fatalf("err %v", err)
	}
	if after.calls != 0 || len(results) != 2 || results[1].Passed || !strings.HasPrefix(results[1].Detail, "pending") {
		t.Fatalf("results %+v, later calls %d", results, after.calls)
	}
}
