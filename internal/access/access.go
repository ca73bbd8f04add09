// Package access is the one rule for who may see and change an incident and
// who may read the whole audit log. The JSON API and the dashboard both ask
// it; the rule itself lives in the OpenFGA model (internal/authz/model.fga):
//
//   - viewer: the owner, the responders of the incident's service, engineers
//     named on it, admins and auditors;
//   - manager (status changes, RCA notes): the owner, the responders, engineers
//     named on it, admins;
//   - auditor of the system: every audit entry.
//
// Deciding an approval is not a manager's right: only the approval's target or
// a policy delegate may (incident.Approval.MayDecide), and the gates still run.
package access

import (
	"context"
	"fmt"

	"github.com/warroom/warroom/internal/authz"
	"github.com/warroom/warroom/internal/incident"
)

// Policy answers the three questions. Errors mean the answer is unknown (the
// relationship store is unreachable); callers refuse rather than allow.
type Policy interface {
	CanView(ctx context.Context, engineer string, inc incident.Incident) (bool, error)
	CanManage(ctx context.Context, engineer string, inc incident.Incident) (bool, error)
	CanAudit(ctx context.Context, engineer string) (bool, error)
}

// FGA is the Policy over an OpenFGA store that holds the roster's tuples
// (rotations, service responders, admins, auditors).
type FGA struct {
	Authz authz.Authorizer
}

var _ Policy = FGA{}

// CanView implements Policy.
func (f FGA) CanView(ctx context.Context, engineer string, inc incident.Incident) (bool, error) {
	return f.incident(ctx, engineer, authz.RelViewer, inc)
}

// CanManage implements Policy.
func (f FGA) CanManage(ctx context.Context, engineer string, inc incident.Incident) (bool, error) {
	return f.incident(ctx, engineer, authz.RelManager, inc)
}

// CanAudit implements Policy.
func (f FGA) CanAudit(ctx context.Context, engineer string) (bool, error) {
	if engineer == "" {
		return false, nil
	}
	ok, err := f.Authz.Check(ctx, authz.UserID(engineer), authz.RelAuditor, authz.SystemID)
	if err != nil {
		return false, fmt.Errorf("access: may %s audit: %w", engineer, err)
	}
	return ok, nil
}

func (f FGA) incident(ctx context.Context, engineer, relation string, inc incident.Incident) (bool, error) {
	switch {
	case engineer == "":
		return false, nil
	case engineer == inc.Owner:
		// The owner is in the row: no round trip needed.
		return true, nil
	}
	ok, err := f.Authz.CheckWith(ctx, authz.UserID(engineer), relation, authz.IncidentID(inc.ID), IncidentTuples(inc))
	if err != nil {
		return false, fmt.Errorf("access: %s of incident %s for %s: %w", relation, inc.ID, engineer, err)
	}
	return ok, nil
}

// IncidentTuples are an incident's own relations: its on-call owner (fixed at
// registration), its service (through which the service's responders reach
// it) and the installation (through which admins and auditors do).
func IncidentTuples(inc incident.Incident) []authz.Tuple {
	obj := authz.IncidentID(inc.ID)
	out := []authz.Tuple{{User: authz.SystemID, Relation: authz.RelSystem, Object: obj}}
	if inc.Owner != "" {
		out = append(out, authz.Tuple{User: authz.UserID(inc.Owner), Relation: authz.RelOwner, Object: obj})
	}
	if inc.Service != "" {
		out = append(out, authz.Tuple{User: authz.ServiceID(inc.Service), Relation: authz.RelService, Object: obj})
	}
	return out
}

// VisiblePage reads incidents in order through read (which returns up to n
// of them after the last it returned) and keeps those engineer may see,
// until limit are kept or maxScan have been read: a reader who may see
// little still costs a bounded read. more says whether the listing may go
// on, after last (the last incident read).
func VisiblePage(ctx context.Context, p Policy, engineer string, limit int,
	read func(n int) ([]incident.Incident, error)) (kept []incident.Incident, last incident.Incident, more bool, err error) {
	maxScan := 10 * limit
	for scanned := 0; len(kept) < limit && scanned < maxScan; {
		got, err := read(limit)
		if err != nil {
			return nil, last, false, err
		}
		for i, inc := range got {
			last, scanned = inc, scanned+1
			ok, err := p.CanView(ctx, engineer, inc)
			if err != nil {
				return nil, last, false, err
			}
			if ok {
				kept = append(kept, inc)
				if len(kept) == limit {
					// More may follow if this chunk or the store has more.
					return kept, last, i < len(got)-1 || len(got) == limit, nil
				}
			}
		}
		if len(got) < limit {
			return kept, last, false, nil
		}
	}
	return kept, last, true, nil
}
