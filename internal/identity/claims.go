package identity

import (
	"context"
	"slices"
	"time"
)

// Claims are the validated contents of an access token.
type Claims struct {
	Subject  string
	Issuer   string
	Audience []string
	// Scopes is the union of the space-delimited "scope" claim and the
	// "permissions" array (Auth0 RBAC), without duplicates.
	Scopes    []string
	ExpiresAt time.Time
	// Raw is every claim as decoded by encoding/json (numbers are float64).
	Raw map[string]any
}

// HasScopes reports whether every required scope was granted. With no
// arguments it returns true.
func (c Claims) HasScopes(required ...string) bool {
	for _, s := range required {
		if !slices.Contains(c.Scopes, s) {
			return false
		}
	}
	return true
}

// missingScopes returns the required scopes the claims lack, in order.
func (c Claims) missingScopes(required []string) []string {
	var out []string
	for _, s := range required {
		if !slices.Contains(c.Scopes, s) {
			out = append(out, s)
		}
	}
	return out
}

type claimsKey struct{}

// ContextWithClaims returns ctx carrying c; Require does this for every
// authenticated request. Exported for tests and for callers that
// authenticate by other means.
func ContextWithClaims(ctx context.Context, c Claims) context.Context {
	return context.WithValue(ctx, claimsKey{}, c)
}

// ClaimsFrom returns the claims Require stored in the request context.
func ClaimsFrom(ctx context.Context) (Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(Claims)
	return c, ok
}
