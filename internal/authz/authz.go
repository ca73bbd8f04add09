// Package authz holds WarRoom's OpenFGA authorization model and the two ways
// of asking it questions: an OpenFGA server embedded in-process (NewEmbedded,
// the default) and a remote OpenFGA server or Auth0 FGA through the OpenFGA Go
// SDK (NewRemote). Both implement Authorizer; the FGA gate
// (internal/gate.Relation) only needs its Check method.
//
// # Object and user identifiers
//
// OpenFGA objects are "type:id". The server rejects an id that contains a
// second ':', a '#', a space or a control character (and the proto validation
// rejects any whitespace), and limits a whole object to 256 bytes. WarRoom
// names therefore go through EscapeID, which percent-encodes exactly those
// characters (and '%' itself) and leaves everything else readable:
//
//	UserID("alice")                            = "user:alice"
//	TeamID("payments")                         = "team:payments"
//	TeamMembers("payments")                    = "team:payments#member"
//	ServiceID("checkout")                      = "service:checkout"
//	IncidentID("INC-42")                       = "incident:INC-42"
//	TargetID("github", "acme/app-config")      = "target:github/acme/app-config"
//	TargetID("k8s", "prod:ns/net policy")      = "target:k8s/prod%3Ans/net%20policy"
//
// A target id is "<system>/<resource>": the system is escaped with '/' also
// encoded, so the first '/' always separates the two (ParseTargetID inverts it).
package authz

import (
	"context"
	_ "embed"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	openfgav1 "github.com/openfga/api/proto/openfga/v1"
	"github.com/openfga/language/pkg/go/transformer"
)

// Relations and types of the model, for callers that want constants.
const (
	TypeUser     = "user"
	TypeTeam     = "team"
	TypeService  = "service"
	TypeIncident = "incident"
	TypeTarget   = "target"
	TypeSystem   = "system"

	RelMember    = "member"
	RelOwner     = "owner"
	RelResponder = "responder"
	RelService   = "service"
	RelViewer    = "viewer"
	RelApprover  = "approver"
	RelExecutor  = "executor"
	RelManager   = "manager"
	RelAdmin     = "admin"
	RelAuditor   = "auditor"
	RelSystem    = "system"
)

// SystemID is the one system object: the WarRoom installation.
const SystemID = TypeSystem + ":warroom"

// ModelDSL is the authorization model in OpenFGA DSL (schema 1.1).
//
//go:embed model.fga
var ModelDSL string

var (
	modelOnce sync.Once
	modelProt *openfgav1.AuthorizationModel
	modelErr  error
)

// Model returns ModelDSL compiled to the OpenFGA JSON/proto form (the body of
// WriteAuthorizationModel). The result is shared: do not modify it.
func Model() (*openfgav1.AuthorizationModel, error) {
	modelOnce.Do(func() {
		modelProt, modelErr = transformer.TransformDSLToProto(ModelDSL)
		if modelErr != nil {
			modelErr = fmt.Errorf("authz: compile model.fga: %w", modelErr)
		}
	})
	return modelProt, modelErr
}

// ModelJSON returns ModelDSL compiled to the JSON body of
// WriteAuthorizationModel (for `fga model write` or the HTTP API).
func ModelJSON() (string, error) {
	return transformer.TransformDSLToJSON(ModelDSL)
}

// Tuple is one relationship in OpenFGA string form, e.g.
// {User: "team:net#member", Relation: "executor", Object: "target:github/acme/network-policy"}.
type Tuple struct {
	User     string `json:"user"`
	Relation string `json:"relation"`
	Object   string `json:"object"`
}

func (t Tuple) String() string { return t.Object + "#" + t.Relation + "@" + t.User }

// Authorizer asks and changes relationships. Check of an object that has no
// tuples (an unknown incident or target) is false, not an error. Write is
// idempotent: writing a tuple that exists or deleting one that does not is not
// an error. Read returns the tuples stored directly on object (no inherited
// relations), or every tuple when object is "".
//
// CheckWith is Check with contextual tuples: relationships that hold for this
// check only, in addition to the stored ones (an incident's owner and service
// are known from its row before its tuples are written).
type Authorizer interface {
	Check(ctx context.Context, user, relation, object string) (bool, error)
	CheckWith(ctx context.Context, user, relation, object string, contextual []Tuple) (bool, error)
	Write(ctx context.Context, writes, deletes []Tuple) error
	Read(ctx context.Context, object string) ([]Tuple, error)
}

// UserID is the OpenFGA user for an engineer's roster handle.
func UserID(engineer string) string { return TypeUser + ":" + EscapeID(engineer) }

// TeamID is the OpenFGA object for a team.
func TeamID(team string) string { return TypeTeam + ":" + EscapeID(team) }

// TeamMembers is the userset "every member of team", for use as a Tuple.User.
func TeamMembers(team string) string { return TeamID(team) + "#" + RelMember }

// ServiceID is the OpenFGA object for a service.
func ServiceID(name string) string { return TypeService + ":" + EscapeID(name) }

// IncidentID is the OpenFGA object for an incident.
func IncidentID(id string) string { return TypeIncident + ":" + EscapeID(id) }

// TargetID is the OpenFGA object for a remediation target: resource (e.g.
// "acme/app-config") in system (e.g. "github").
func TargetID(system, resource string) string {
	return TypeTarget + ":" + escape(system, true) + "/" + escape(resource, false)
}

// ParseTargetID inverts TargetID.
func ParseTargetID(object string) (system, resource string, ok bool) {
	id, found := strings.CutPrefix(object, TypeTarget+":")
	if !found {
		return "", "", false
	}
	sys, res, found := strings.Cut(id, "/")
	if !found {
		return "", "", false
	}
	var err1, err2 error
	system, err1 = url.PathUnescape(sys)
	resource, err2 = url.PathUnescape(res)
	if err1 != nil || err2 != nil {
		return "", "", false
	}
	return system, resource, true
}

// EscapeID makes s usable as an OpenFGA object or user id: it percent-encodes
// '%', ':', '#', whitespace and control characters, and nothing else.
func EscapeID(s string) string { return escape(s, false) }

// UnescapeID inverts EscapeID.
func UnescapeID(id string) (string, error) { return url.PathUnescape(id) }

func escape(s string, slash bool) string {
	needs := func(r rune) bool {
		return r == '%' || r == ':' || r == '#' || (slash && r == '/') ||
			unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError
	}
	if strings.IndexFunc(s, needs) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !needs(r) {
			b.WriteRune(r)
			continue
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:n] {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// dedup drops repeated tuples (OpenFGA rejects a request that names the same
// tuple twice) while keeping order.
func dedup(ts []Tuple) []Tuple {
	if len(ts) < 2 {
		return ts
	}
	seen := make(map[Tuple]struct{}, len(ts))
	out := make([]Tuple, 0, len(ts))
	for _, t := range ts {
		if _, ok := seen[t]; ok {
			continue
		}
		seen[t] = struct{}{}
		out = append(out, t)
	}
	return out
}
