package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
)

// openGates builds the chain as Serve does: open the store, sync the
// roster, build the gates.
func openGates(t *testing.T, cfg config.Config, stepUp gate.Method) (gate.Chain, authz.Authorizer, func()) {
	t.Helper()
	ctx := context.Background()
	az, closeAuthz, err := authorizer(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := syncRoster(ctx, az, cfg); err != nil {
		t.Fatal(err)
	}
	return gates(cfg, az, stepUp), az, closeAuthz
}

func TestGatesFromTheAuthzSection(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Authz = config.Authz{Datastore: "sqlite:" + filepath.Join(t.TempDir(), "fga.db"), Executors: []config.ExecutorGrant{
		{Engineer: "app_op", Target: "github:acme/app-config"},
		{Engineer: "net_op", Target: "github:acme/network-policy"},
	}}
	chain, _, closeAuthz := openGates(t, cfg, nil)
	run := func(chain gate.Chain, who, target string) error {
		_, err := chain.Run(ctx, gate.Request{Engineer: who, Scopes: []string{"approve:actions"},
			Action: incident.Action{Kind: "config_change_pr", Target: target}})
		return err
	}
	for _, tc := range []struct {
		who, target string
		allowed     bool
	}{
		{"app_op", "github:acme/app-config", true},
		{"app_op", "github:acme/network-policy", false}, // the seeds story: FGA says no, whatever GitHub would allow
		{"net_op", "github:acme/network-policy", true},
		{"mallory", "github:acme/app-config", false},
		{"app_op", "slack:incident-42", true}, // coordination is not a governed remediation target
	} {
		if err := run(chain, tc.who, tc.target); (err == nil) != tc.allowed || (err != nil && !errors.Is(err, gate.ErrDenied)) {
			t.Errorf("%s on %s: %v", tc.who, tc.target, err)
		}
	}
	if _, err := chain.Run(ctx, gate.Request{Engineer: "app_op", Action: incident.Action{Target: "github:acme/app-config"}}); !errors.Is(err, gate.ErrDenied) {
		t.Fatalf("an approval made without the approve scope passed: %v", err)
	}
	closeAuthz()

	// The file is the source of truth: app_op's grant removed, it no longer holds after a restart.
	cfg.Authz.Executors = cfg.Authz.Executors[1:]
	chain, _, closeAuthz = openGates(t, cfg, nil)
	defer closeAuthz()
	if err := run(chain, "app_op", "github:acme/app-config"); !errors.Is(err, gate.ErrDenied) {
		t.Fatalf("a removed grant still holds: %v", err)
	}
	if err := run(chain, "net_op", "github:acme/network-policy"); err != nil {
		t.Fatalf("a kept grant was lost: %v", err)
	}
}

// The roster becomes relations: rotation members are the team, the team
// responds to its services, and an incident's owner and its service's
// responders may view it. A member who leaves the rotation loses that on
// the next sync; the incident's own tuples stay.
func TestRosterAndIncidentTuples(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Authz = config.Authz{Datastore: "memory"}
	cfg.Team = config.Team{
		Engineers: []config.Engineer{{ID: "alice"}, {ID: "bob"}, {ID: "carol"}},
		Rotations: []config.Rotation{{Name: "payments", Members: []string{"alice", "bob"}, Start: time.Now(), ShiftHours: 24}},
		Services:  []config.Service{{Name: "checkout", Repo: "acme/checkout", Rotation: "payments"}},
	}
	_, az, closeAuthz := openGates(t, cfg, nil)
	defer closeAuthz()
	inc := incident.Incident{ID: "inc-1", Owner: "alice", Service: "checkout"}
	if err := az.Write(ctx, access.IncidentTuples(inc), nil); err != nil {
		t.Fatal(err)
	}
	check := func(who, rel string) bool {
		ok, err := az.Check(ctx, authz.UserID(who), rel, authz.IncidentID(inc.ID))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	for _, tc := range []struct {
		who, rel string
		want     bool
	}{
		{"alice", authz.RelOwner, true}, {"alice", authz.RelApprover, true}, {"alice", authz.RelViewer, true},
		{"bob", authz.RelViewer, true}, {"bob", authz.RelApprover, false}, {"carol", authz.RelViewer, false},
	} {
		if got := check(tc.who, tc.rel); got != tc.want {
			t.Errorf("%s %s of the incident: %v, want %v", tc.who, tc.rel, got, tc.want)
		}
	}
	cfg.Team.Rotations[0].Members = []string{"alice"}
	if err := syncRoster(ctx, az, cfg); err != nil {
		t.Fatal(err)
	}
	if check("bob", authz.RelViewer) {
		t.Fatal("bob left the rotation but still views its incidents")
	}
	if !check("alice", authz.RelOwner) {
		t.Fatal("the roster sync removed an incident tuple")
	}
}

// A team larger than one OpenFGA write (100 tuples) syncs, and shrinking it
// deletes as many.
func TestSyncRosterOfALargeTeam(t *testing.T) {
	ctx := context.Background()
	az, err := authz.NewEmbedded(ctx, authz.EmbeddedOptions{Engine: authz.EngineMemory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(az.Close)
	var cfg config.Config
	for i := range 130 {
		name := fmt.Sprintf("svc-%03d", i)
		cfg.Team.Rotations = append(cfg.Team.Rotations, config.Rotation{Name: name, Members: []string{"alice"}})
		cfg.Team.Services = append(cfg.Team.Services, config.Service{Name: name, Rotation: name, Repo: "acme/" + name})
	}
	if err := syncRoster(ctx, az, cfg); err != nil {
		t.Fatal(err)
	}
	if have, err := az.Read(ctx, ""); err != nil || len(have) != 3*130 {
		t.Fatalf("%d tuples after sync (%v), want %d", len(have), err, 3*130)
	}
	cfg.Team.Rotations, cfg.Team.Services = cfg.Team.Rotations[:5], cfg.Team.Services[:5]
	if err := syncRoster(ctx, az, cfg); err != nil {
		t.Fatal(err)
	}
	if have, err := az.Read(ctx, ""); err != nil || len(have) != 3*5 {
		t.Fatalf("%d tuples after shrinking (%v), want %d", len(have), err, 3*5)
	}
}
