package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/access"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/gate"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/web"
)

// authorizer opens the relationship store the authz section names: OpenFGA
// embedded on its own datastore, or a remote OpenFGA / Auth0 FGA. Nil
// without an authz section.
func authorizer(ctx context.Context, cfg config.Config) (authz.Authorizer, func(), error) {
	a := cfg.Authz
	switch {
	case a.Datastore == "":
		return nil, func() {}, nil
	case a.Datastore == "remote":
		r := a.Remote
		rem, err := authz.NewRemote(ctx, authz.RemoteOptions{APIURL: r.APIURL, StoreID: r.StoreID, ModelID: r.ModelID,
			ClientID: r.ClientID, ClientSecret: r.ClientSecret, TokenIssuer: r.TokenIssuer, Audience: r.Audience, APIToken: r.APIToken})
		if err != nil {
			return nil, nil, fmt.Errorf("authz: %w", err)
		}
		return rem, func() {}, nil
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
	return az, az.Close, nil
}

// gates builds the ordered chain: the API scope of the approval, the
// executor relation on the exact target (with an authz section), then
// step-up (with a stepup section). Without either there is no chain.
func gates(cfg config.Config, az authz.Authorizer, stepUp gate.Method) gate.Chain {
	if az == nil && stepUp == nil {
		return nil
	}
	chain := gate.Chain{gate.Scope{Default: web.ScopeApprove}}
	if az != nil {
		systems := cfg.Authz.Systems
		if len(systems) == 0 {
			systems = []string{"github"}
		}
		chain = append(chain, gate.Relation{Authz: az, Relation: authz.RelExecutor, User: authz.UserID, Systems: systems,
			ByKind: map[string]string{"approve_pr": authz.RelApprover},
			Object: func(act incident.Action) string {
				system, resource, _ := strings.Cut(act.Target, ":")
				return authz.TargetID(system, resource)
			}})
	}
	if stepUp != nil {
		var risks []incident.Risk
		for _, r := range cfg.StepUp.Risks {
			risks = append(risks, incident.Risk(r))
		}
		var kinds []string
		for name, p := range cfg.Policy.Tools {
			if p.StepUp {
				kinds = append(kinds, name)
			}
		}
		slices.Sort(kinds)
		chain = append(chain, gate.StepUp{Method: stepUp, Risks: risks, Kinds: kinds, MaxAge: cfg.StepUp.MaxAge})
	}
	return chain
}

// rosterTuples are the relations the team file implies: rotation members
// form a team, a service's rotation responds to it, a service owns its
// repository target, and executor grants as listed.
func rosterTuples(cfg config.Config) []authz.Tuple {
	var out []authz.Tuple
	for _, r := range cfg.Team.Rotations {
		for _, m := range r.Members {
			out = append(out, authz.Tuple{User: authz.UserID(m), Relation: authz.RelMember, Object: authz.TeamID(r.Name)})
		}
	}
	for _, s := range cfg.Team.Services {
		if s.Rotation != "" {
			out = append(out, authz.Tuple{User: authz.TeamMembers(s.Rotation), Relation: authz.RelResponder, Object: authz.ServiceID(s.Name)})
		}
		if s.Repo != "" {
			out = append(out, authz.Tuple{User: authz.ServiceID(s.Name), Relation: authz.RelService, Object: authz.TargetID("github", s.Repo)})
		}
	}
	for _, g := range cfg.Authz.Executors {
		system, resource, _ := strings.Cut(g.Target, ":")
		out = append(out, authz.Tuple{User: authz.UserID(g.Engineer), Relation: authz.RelExecutor, Object: authz.TargetID(system, resource)})
	}
	for _, name := range cfg.Authz.Admins {
		out = append(out, authz.Tuple{User: authz.UserID(name), Relation: authz.RelAdmin, Object: authz.SystemID})
	}
	for _, name := range cfg.Authz.Auditors {
		out = append(out, authz.Tuple{User: authz.UserID(name), Relation: authz.RelAuditor, Object: authz.SystemID})
	}
	for _, g := range cfg.Authz.Reviewers {
		system, resource, _ := strings.Cut(g.Target, ":")
		out = append(out, authz.Tuple{User: authz.UserID(g.Engineer), Relation: authz.RelApprover, Object: authz.TargetID(system, resource)})
	}
	return out
}

// syncRoster makes the store's team, service and target tuples equal what
// the team file implies: new ones are written, ones no longer implied (a
// member who left a rotation, a revoked executor grant) are deleted.
// Incident tuples are left alone: they are written per incident.
func syncRoster(ctx context.Context, az authz.Authorizer, cfg config.Config) error {
	want := map[authz.Tuple]bool{}
	for _, t := range rosterTuples(cfg) {
		want[t] = true
	}
	have, err := az.Read(ctx, "")
	if err != nil {
		return fmt.Errorf("authz: read tuples: %w", err)
	}
	managed := func(object string) bool {
		typ, _, _ := strings.Cut(object, ":")
		return typ == authz.TypeTeam || typ == authz.TypeService || typ == authz.TypeTarget || typ == authz.TypeSystem
	}
	var writes, deletes []authz.Tuple
	for _, t := range have {
		if managed(t.Object) && !want[t] {
			deletes = append(deletes, t)
		}
		delete(want, t)
	}
	for t := range want {
		writes = append(writes, t)
	}
	// OpenFGA takes at most 100 tuples in one write: a team with more is
	// synced in several (each idempotent, so a failure part-way is fixed by
	// the next start).
	for len(writes) > 0 || len(deletes) > 0 {
		nd := min(len(deletes), maxTuplesPerWrite)
		nw := min(len(writes), maxTuplesPerWrite-nd)
		if err := az.Write(ctx, writes[:nw], deletes[:nd]); err != nil {
			return fmt.Errorf("authz: sync roster: %w", err)
		}
		writes, deletes = writes[nw:], deletes[nd:]
	}
	return nil
}

// maxTuplesPerWrite is OpenFGA's default limit on tuples in one Write.
const maxTuplesPerWrite = 100

// incidentTuplesArgs is the durable step that writes an incident's tuples:
// enqueued in the transaction that creates the incident, so an incident
// never exists without its relations being on their way.
type incidentTuplesArgs struct {
	IncidentID string `json:"incident_id"`
}

func (incidentTuplesArgs) Kind() string { return "authz_incident_tuples" }

type incidentTuplesWorker struct {
	river.WorkerDefaults[incidentTuplesArgs]
	az    authz.Authorizer
	store interface {
		GetIncident(ctx context.Context, id string) (incident.Incident, error)
	}
}

func (w *incidentTuplesWorker) Work(ctx context.Context, job *river.Job[incidentTuplesArgs]) error {
	inc, err := w.store.GetIncident(ctx, job.Args.IncidentID)
	if err != nil {
		return fmt.Errorf("incident tuples: %w", err)
	}
	if err := w.az.Write(ctx, access.IncidentTuples(inc), nil); err != nil {
		return fmt.Errorf("incident tuples of %s: %w", inc.ID, err)
	}
	return nil
}

// accessPolicy is who may see and change incidents, for the API and the
// dashboard alike. With an authz section it asks that OpenFGA store; without
// one the same model runs on an in-memory OpenFGA holding the team file's
// tuples, so visibility is never open by default.
func accessPolicy(ctx context.Context, cfg config.Config, az authz.Authorizer) (access.Policy, func(), error) {
	if az != nil {
		return access.FGA{Authz: az}, func() {}, nil
	}
	mem, err := authz.NewEmbedded(ctx, authz.EmbeddedOptions{Engine: authz.EngineMemory})
	if err != nil {
		return nil, nil, fmt.Errorf("access: %w", err)
	}
	if err := syncRoster(ctx, mem, cfg); err != nil {
		mem.Close()
		return nil, nil, err
	}
	return access.FGA{Authz: mem}, mem.Close, nil
}
