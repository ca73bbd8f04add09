package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
)

func TestGatesFromTheAuthzSection(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Authz = config.Authz{Datastore: "sqlite:" + filepath.Join(t.TempDir(), "fga.db"), Executors: []config.ExecutorGrant{
		{Engineer: "app_op", Target: "github:acme/app-config"},
		{Engineer: "net_op", Target: "github:acme/network-policy"},
	}}
	chain, closeAuthz, err := gates(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
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
	chain, closeAuthz, err = gates(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAuthz()
	if err := run(chain, "app_op", "github:acme/app-config"); !errors.Is(err, gate.ErrDenied) {
		t.Fatalf("a removed grant still holds: %v", err)
	}
	if err := run(chain, "net_op", "github:acme/network-policy"); err != nil {
		t.Fatalf("a kept grant was lost: %v", err)
	}
}
