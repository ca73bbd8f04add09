package gate

import (
	"context"
	"errors"
	"strings"
	"testing"

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
