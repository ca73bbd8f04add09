package dashboard

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/vault"
)

// grantRow is a connected account as shown: never its sealed token.
type grantRow struct {
	Provider  string
	Scopes    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// relationRow is one thing the agent may do as the engineer, per OpenFGA.
type relationRow struct {
	Relation string
	Object   string
	Via      string // "" (directly) or the team whose membership grants it
}

type consentPage struct {
	Grants     []grantRow
	Relations  []relationRow
	AuthzOn    bool
	AuthzError bool
	Scopes     []string
	Uses       []audit.Entry
	UsesTotal  int64
	Revoked    string
	CSRF       string
}

const recentUses = 50

func (d *Dashboard) consent(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	p := consentPage{Scopes: d.opts.DecisionScopes, CSRF: v.CSRF, AuthzOn: d.opts.Authz != nil}
	grants, err := d.st.GrantsOf(ctx, v.ID)
	if err != nil {
		d.fail(w, r, v, err)
		return
	}
	for _, g := range grants {
		p.Grants = append(p.Grants, grantRow{Provider: g.Provider, Scopes: g.Scopes, CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt})
	}
	if d.opts.Authz != nil {
		rels, err := d.relations(r, v.ID)
		if err != nil {
			d.log.WarnContext(ctx, "dashboard: read authorization tuples", "error", err.Error())
			p.AuthzError = true
		}
		p.Relations = rels
	}
	// Recent uses of the engineer's identity: what they did, and what ran as
	// them, newest first, from the actor index.
	mine := store.AuditFilter{ActorID: v.ID}
	if p.Uses, err = d.st.AuditBefore(ctx, mine, 0, recentUses); err != nil {
		d.fail(w, r, v, err)
		return
	}
	if p.UsesTotal, err = d.st.CountAudit(ctx, mine); err != nil {
		d.fail(w, r, v, err)
		return
	}
	if rv := r.URL.Query().Get("revoked"); rv != "" && !slices.ContainsFunc(p.Grants, func(g grantRow) bool { return g.Provider == rv }) {
		p.Revoked = rv
	}
	d.render(w, r, http.StatusOK, "consent", "consent", "Consent", v, p)
}

// relations are the tuples naming the engineer, directly or through a team.
func (d *Dashboard) relations(r *http.Request, engineer string) ([]relationRow, error) {
	tuples, err := d.opts.Authz.Read(r.Context(), "")
	if err != nil {
		return nil, err
	}
	me := authz.UserID(engineer)
	teams := map[string]string{} // "team:x#member" -> "x"
	for _, t := range tuples {
		if t.User == me && t.Relation == authz.RelMember && strings.HasPrefix(t.Object, authz.TypeTeam+":") {
			name, _ := authz.UnescapeID(strings.TrimPrefix(t.Object, authz.TypeTeam+":"))
			teams[t.Object+"#"+authz.RelMember] = name
		}
	}
	var out []relationRow
	for _, t := range tuples {
		via, ok := teams[t.User]
		if t.User != me && !ok {
			continue
		}
		out = append(out, relationRow{Relation: t.Relation, Object: readableObject(t.Object), Via: via})
	}
	slices.SortFunc(out, func(a, b relationRow) int {
		return strings.Compare(a.Object+a.Relation+a.Via, b.Object+b.Relation+b.Via)
	})
	return out, nil
}

func readableObject(object string) string {
	if sys, res, ok := authz.ParseTargetID(object); ok {
		return sys + ":" + res
	}
	typ, id, ok := strings.Cut(object, ":")
	if !ok {
		return object
	}
	if u, err := authz.UnescapeID(id); err == nil {
		id = u
	}
	return typ + " " + id
}

// revoke disconnects one of the viewer's own provider accounts, and audits it.
func (d *Dashboard) revoke(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	provider := r.PostFormValue("provider")
	if _, err := d.st.GetGrant(ctx, v.ID, provider); err != nil {
		d.fail(w, r, v, err)
		return
	}
	var err error
	if d.opts.Revoke != nil {
		err = d.opts.Revoke(ctx, v.ID, provider)
	} else {
		err = d.st.DeleteGrant(ctx, v.ID, provider)
	}
	outcome, detail := audit.OutcomeSuccess, "grant revoked from the consent page"
	var gone bool
	if err != nil {
		// The vault deletes the local grant before asking the provider to
		// revoke it too; a failure of that second step leaves nothing usable here.
		_, gerr := d.st.GetGrant(ctx, v.ID, provider)
		gone = errors.Is(gerr, store.ErrNotFound)
		outcome, detail = audit.OutcomeFailure, "revocation failed"
		if gone && errors.Is(err, vault.ErrProvider) {
			detail = "grant deleted; the provider's revocation endpoint did not confirm"
		}
		d.log.WarnContext(ctx, "dashboard: revoke grant", "engineer", v.ID, "provider", provider, "error", err.Error())
	}
	if _, aerr := d.st.AppendAudit(ctx, audit.Entry{At: d.opts.Now(), Actor: d.human(v), Action: "grant.revoke",
		TargetSystem: provider, TargetResource: "grant:" + v.ID, Outcome: outcome, Detail: detail}); aerr != nil {
		d.fail(w, r, v, aerr)
		return
	}
	if err != nil && !gone {
		d.renderError(w, r, v, http.StatusBadGateway, "Revocation failed", "The grant could not be revoked; try again.")
		return
	}
	redirect(w, r, "/consent?revoked="+url.QueryEscape(provider))
}
