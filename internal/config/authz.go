package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Authz configures the relationship gate (OpenFGA, embedded): who may
// execute remediation on which target.
type Authz struct {
	// Datastore is "memory", "sqlite:PATH" or a postgres:// URL: OpenFGA's
	// own (give it a file or database of its own); or "remote" for an
	// OpenFGA server or Auth0 FGA (see Remote).
	Datastore string    `yaml:"datastore"`
	Remote    FGARemote `yaml:"remote"`
	// Systems are the target systems whose actions need the executor
	// relation (default: github).
	Systems []string `yaml:"systems"`
	// Executors grants engineers the executor relation on a target such as
	// "github:acme/app-config". The file is the source of truth: a grant
	// removed here is removed from the store on the next start.
	Executors []ExecutorGrant `yaml:"executors"`
	// Reviewers may approve (review) remediation PRs on a target under
	// their own identity: the approver relation.
	Reviewers []ExecutorGrant `yaml:"reviewers"`
	// Admins may see and manage every incident (status, notes), whoever is on
	// call. Without a datastore they are still honoured: incident visibility
	// then runs on an in-memory OpenFGA built from this file.
	Admins []string `yaml:"admins"`
	// Auditors may see every incident and the whole audit log.
	Auditors []string `yaml:"auditors"`
}

// FGARemote is an OpenFGA server or Auth0 FGA, reached with the OpenFGA SDK.
type FGARemote struct {
	APIURL  string `yaml:"api_url"`
	StoreID string `yaml:"store_id"`
	// ModelID pins the authorization model; empty: the store's latest.
	ModelID string `yaml:"model_id"`
	// Auth0 FGA client credentials (token from TokenIssuer, default auth.fga.dev).
	ClientID        string `yaml:"client_id"`
	ClientSecretEnv string `yaml:"client_secret_env"`
	TokenIssuer     string `yaml:"token_issuer"`
	Audience        string `yaml:"audience"`
	// APITokenEnv names a preshared key for an OpenFGA server (when no client id).
	APITokenEnv string `yaml:"api_token_env"`

	ClientSecret string `yaml:"-"`
	APIToken     string `yaml:"-"`
}

// ExecutorGrant lets one engineer execute remediation on one target.
type ExecutorGrant struct {
	Engineer string `yaml:"engineer"`
	Target   string `yaml:"target"`
}

func (f *File) validateAuthz(bad func(path, format string, a ...any), engineers map[string]bool) {
	a := f.Authz
	for _, list := range []struct {
		path  string
		names []string
	}{{"authz.admins", a.Admins}, {"authz.auditors", a.Auditors}} {
		for i, name := range list.names {
			if !engineers[name] {
				bad(fmt.Sprintf("%s[%d]", list.path, i), "unknown engineer %q", name)
			}
		}
	}
	if a.Datastore == "" {
		if len(a.Executors) > 0 || len(a.Reviewers) > 0 {
			bad("authz.datastore", "is required when executors are listed (memory, sqlite:PATH or postgres://)")
		}
		return
	}
	if a.Datastore == "remote" {
		r := a.Remote
		if u, err := url.Parse(r.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("authz.remote.api_url", "%q is not an http(s) URL", r.APIURL)
		}
		if r.StoreID == "" {
			bad("authz.remote.store_id", "is required")
		}
		if r.ClientID != "" && !envNamePattern.MatchString(r.ClientSecretEnv) {
			bad("authz.remote.client_secret_env", "names the environment variable holding the client secret")
		}
		if r.APITokenEnv != "" && !envNamePattern.MatchString(r.APITokenEnv) {
			bad("authz.remote.api_token_env", "%q is not an environment variable name", r.APITokenEnv)
		}
	} else if a.Datastore != "memory" && !strings.HasPrefix(a.Datastore, "sqlite:") && !strings.HasPrefix(a.Datastore, "postgres://") && !strings.HasPrefix(a.Datastore, "postgresql://") {
		bad("authz.datastore", "%q: want memory, sqlite:PATH, postgres://URL or remote", a.Datastore)
	}
	for i, g := range a.Reviewers {
		p := fmt.Sprintf("authz.reviewers[%d]", i)
		if !engineers[g.Engineer] {
			bad(p+".engineer", "unknown engineer %q", g.Engineer)
		}
		if sys, res, ok := strings.Cut(g.Target, ":"); !ok || sys == "" || res == "" {
			bad(p+".target", "%q: want system:resource, like github:acme/app-config", g.Target)
		}
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

func (f *File) resolveAuthzSecrets(read func(path, env string) string) {
	r := &f.Authz.Remote
	if f.Authz.Datastore != "remote" {
		return
	}
	if r.ClientID != "" {
		r.ClientSecret = read("authz.remote.client_secret_env", r.ClientSecretEnv)
	} else if r.APITokenEnv != "" {
		r.APIToken = read("authz.remote.api_token_env", r.APITokenEnv)
	}
}
