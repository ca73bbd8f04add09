package access_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/incident"
)

// The rule, asked of a real (embedded) OpenFGA holding only roster tuples:
// the incident's own relations come as contextual tuples, so nothing about
// the incident has to be written first.
func TestFGAPolicy(t *testing.T) {
	ctx := context.Background()
	az, err := authz.NewEmbedded(ctx, authz.EmbeddedOptions{Engine: authz.EngineMemory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(az.Close)
	roster := []authz.Tuple{
		{User: authz.UserID("carol"), Relation: authz.RelMember, Object: authz.TeamID("payments")},
		{User: authz.TeamMembers("payments"), Relation: authz.RelResponder, Object: authz.ServiceID("checkout")},
		{User: authz.UserID("mallory"), Relation: authz.RelMember, Object: authz.TeamID("growth")},
		{User: authz.TeamMembers("growth"), Relation: authz.RelResponder, Object: authz.ServiceID("ads")},
		{User: authz.UserID("dave"), Relation: authz.RelAuditor, Object: authz.SystemID},
		{User: authz.UserID("erin"), Relation: authz.RelAdmin, Object: authz.SystemID},
	}
	if err := az.Write(ctx, roster, nil); err != nil {
		t.Fatal(err)
	}
	p := access.FGA{Authz: az}
	inc := incident.Incident{ID: "INC-1", Service: "checkout", Owner: "alice"}
	cases := []struct {
		who                string
		view, manage, audi bool
	}{
		{"alice", true, true, false},     // owner
		{"carol", true, true, false},     // responder of the service
		{"mallory", false, false, false}, // responder of another service
		{"dave", true, false, true},      // auditor
		{"erin", true, true, true},       // admin (admins audit too)
		{"", false, false, false},
	}
	for _, c := range cases {
		view, err1 := p.CanView(ctx, c.who, inc)
		manage, err2 := p.CanManage(ctx, c.who, inc)
		audi, err3 := p.CanAudit(ctx, c.who)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s: %v %v %v", c.who, err1, err2, err3)
		}
		if view != c.view || manage != c.manage || audi != c.audi {
			t.Errorf("%s: view %v manage %v audit %v, want %v %v %v", c.who, view, manage, audi, c.view, c.manage, c.audi)
		}
	}
	// Stored incident tuples plus the same ones sent contextually are fine.
	if err := az.Write(ctx, access.IncidentTuples(inc), nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := p.CanView(ctx, "carol", inc); err != nil || !ok {
		t.Fatalf("carol with stored tuples: %v %v", ok, err)
	}
	// An explicit manager named on the incident.
	if err := az.Write(ctx, []authz.Tuple{{User: authz.UserID("frank"), Relation: authz.RelManager, Object: authz.IncidentID(inc.ID)}}, nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := p.CanManage(ctx, "frank", inc); err != nil || !ok {
		t.Fatalf("named manager: %v %v", ok, err)
	}
	list := []incident.Incident{inc, {ID: "INC-2", Service: "ads", Owner: "zed"}}
	got, _, _, err := access.VisiblePage(ctx, p, "mallory", 10, func(n int) ([]incident.Incident, error) {
		page := list[:min(n, len(list))]
		list = list[len(page):]
		return page, nil
	})
	if err != nil || len(got) != 1 || got[0].ID != "INC-2" {
		t.Fatalf("mallory's visible incidents: %v %v", got, err)
	}
}

// seesEven lets an engineer see incidents whose id ends in an even digit
// (or none at all).
type seesEven struct {
	checks *int
	none   bool
}

func (p seesEven) CanView(_ context.Context, _ string, inc incident.Incident) (bool, error) {
	*p.checks++
	return !p.none && (inc.ID[len(inc.ID)-1]-'0')%2 == 0, nil
}
func (seesEven) CanManage(context.Context, string, incident.Incident) (bool, error) {
	return false, nil
}
func (seesEven) CanAudit(context.Context, string) (bool, error) { return false, nil }

// VisiblePage fills a page with what the engineer may see, reading on past
// what they may not, stops at its scan bound, and says whether more may
// follow and after which incident.
func TestVisiblePage(t *testing.T) {
	all := make([]incident.Incident, 30)
	for i := range all {
		all[i] = incident.Incident{ID: fmt.Sprintf("inc-%02d", i)}
	}
	for _, tc := range []struct {
		name     string
		n        int // incidents in the store
		limit    int
		wantKept string
		wantLast string
		wantMore bool
		none     bool
	}{
		{"page fills from two reads", 30, 3, "inc-00,inc-02,inc-04", "inc-04", true, false},
		{"store ends first", 5, 4, "inc-00,inc-02,inc-04", "inc-04", false, false},
		{"exactly the store", 2, 2, "inc-00", "inc-01", false, false},
		{"page full at a read's end", 30, 1, "inc-00", "inc-00", true, false},
		{"sees nothing: the scan is bounded", 30, 2, "", "inc-19", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pos, checks := 0, 0
			read := func(n int) ([]incident.Incident, error) {
				end := min(pos+n, tc.n)
				got := all[pos:end]
				pos = end
				return got, nil
			}
			kept, last, more, err := access.VisiblePage(context.Background(), seesEven{&checks, tc.none}, "alice", tc.limit, read)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, inc := range kept {
				ids = append(ids, inc.ID)
			}
			if strings.Join(ids, ",") != tc.wantKept || last.ID != tc.wantLast || more != tc.wantMore {
				t.Errorf("kept %v, last %s, more %v; want %s, %s, %v", ids, last.ID, more, tc.wantKept, tc.wantLast, tc.wantMore)
			}
			if checks > 10*tc.limit {
				t.Errorf("%d checks for a page of %d", checks, tc.limit)
			}
		})
	}
}
