package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/web"
)

// gates builds the ordered gate chain the authz section asks for: the API
// scope of the approval, then the executor relation on the exact target.
// Without an authz section there is no chain.
func gates(ctx context.Context, cfg config.Config) (gate.Chain, func(), error) {
	a := cfg.Authz
	if a.Datastore == "" {
		return nil, func() {}, nil
	}
	opts := authz.EmbeddedOptions{Engine: authz.EngineMemory}
	switch {
	case strings.HasPrefix(a.Datastore, "sqlite:"):
		opts = authz.EmbeddedOptions{Engine: authz.EngineSQLite, URI: a.Datastore}
	case strings.HasPrefix(a.Datastore, "postgres"):
		opts = authz.EmbeddedOptions{Engine: authz.EnginePostgres, URI: a.Datastore}
	}
	az, err := authz.NewEmbedded(ctx, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("authz: %w", err)
	}
	if err := syncExecutors(ctx, az, a.Executors); err != nil {
		az.Close()
		return nil, nil, err
	}
	systems := a.Systems
	if len(systems) == 0 {
		systems = []string{"github"}
	}
	chain := gate.Chain{
		gate.Scope{Default: web.ScopeApprove},
		gate.Relation{Authz: az, Relation: authz.RelExecutor, User: authz.UserID, Systems: systems,
			Object: func(act incident.Action) string {
				system, resource, _ := strings.Cut(act.Target, ":")
				return authz.TargetID(system, resource)
			}},
	}
	return chain, az.Close, nil
}

// syncExecutors makes the store's executor tuples equal the file's: new
// grants are written, grants no longer in the file are deleted.
func syncExecutors(ctx context.Context, az authz.Authorizer, grants []config.ExecutorGrant) error {
	want := map[authz.Tuple]bool{}
	for _, g := range grants {
		system, resource, _ := strings.Cut(g.Target, ":")
		want[authz.Tuple{User: authz.UserID(g.Engineer), Relation: authz.RelExecutor, Object: authz.TargetID(system, resource)}] = true
	}
	have, err := az.Read(ctx, "")
	if err != nil {
		return fmt.Errorf("authz: read tuples: %w", err)
	}
	var writes, deletes []authz.Tuple
	for _, t := range have {
		if t.Relation == authz.RelExecutor && strings.HasPrefix(t.Object, authz.TypeTarget+":") && !want[t] {
			deletes = append(deletes, t)
		}
		delete(want, t)
	}
	for t := range want {
		writes = append(writes, t)
	}
	if err := az.Write(ctx, writes, deletes); err != nil {
		return fmt.Errorf("authz: sync executors: %w", err)
	}
	return nil
}
