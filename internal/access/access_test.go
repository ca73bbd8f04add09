package access_test

import (
	"context"
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
	got, err := access.Visible(ctx, p, "mallory", []incident.Incident{inc, {ID: "INC-2", Service: "ads", Owner: "zed"}})
	if err != nil || len(got) != 1 || got[0].ID != "INC-2" {
		t.Fatalf("mallory's visible incidents: %v %v", got, err)
	}
}
