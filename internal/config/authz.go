package config

import (
	"fmt"
	"strings"
)

// Authz configures the relationship gate (OpenFGA, embedded): who may
// execute remediation on which target.
type Authz struct {
	// Datastore is "memory", "sqlite:PATH" or a postgres:// URL: OpenFGA's
	// own (give it a file or database of its own).
	Datastore string `yaml:"datastore"`
	// Systems are the target systems whose actions need the executor
	// relation (default: github).
	Systems []string `yaml:"systems"`
	// Executors grants engineers the executor relation on a target such as
	// "github:acme/app-config". The file is the source of truth: a grant
	// removed here is removed from the store on the next start.
	Executors []ExecutorGrant `yaml:"executors"`
}

// ExecutorGrant lets one engineer execute remediation on one target.
type ExecutorGrant struct {
	Engineer string `yaml:"engineer"`
	Target   string `yaml:"target"`
}

func (f *File) validateAuthz(bad func(path, format string, a ...any), engineers map[string]bool) {
	a := f.Authz
	if a.Datastore == "" {
		if len(a.Executors) > 0 {
			bad("authz.datastore", "is required when executors are listed (memory, sqlite:PATH or postgres://)")
		}
		return
	}
	if a.Datastore != "memory" && !strings.HasPrefix(a.Datastore, "sqlite:") && !strings.HasPrefix(a.Datastore, "postgres://") && !strings.HasPrefix(a.Datastore, "postgresql://") {
		bad("authz.datastore", "%q: want memory, sqlite:PATH or postgres://URL", a.Datastore)
	}
	for i, g := range a.Executors {
		p := fmt.Sprintf("authz.executors[%d]", i)
		if !engineers[g.Engineer] {
			bad(p+".engineer", "unknown engineer %q", g.Engineer)
		}
		if sys, res, ok := strings.Cut(g.Target, ":"); !ok || sys == "" || res == "" {
			bad(p+".target", "%q: want system:resource, like github:acme/app-config", g.Target)
		}
	}
}
