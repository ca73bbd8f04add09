// Package identity authenticates the people and programs that talk to
// WarRoom: it validates RS256 access tokens issued by an OIDC provider
// (Auth0, Okta, Keycloak, ...) against the provider's JWKS, signs engineers
// in to the dashboard with the authorization code flow and PKCE, and maps
// the provider's subject to an engineer on the team roster (the viewer).
//
// Nothing in this package logs, stores or returns a raw token; errors name
// the failed check, never the token.
package identity

import (
	"errors"
	"fmt"
)

// ErrInvalidToken is the base of every token validation error:
// errors.Is(err, ErrInvalidToken) holds for all of them.
var ErrInvalidToken = errors.New("invalid token")

// Typed validation errors. Each wraps ErrInvalidToken.
var (
	// ErrMalformed: not a compact JWS, undecodable parts, or a required claim
	// (exp) missing or of the wrong type.
	ErrMalformed = fmt.Errorf("%w: malformed", ErrInvalidToken)
	// ErrAlgorithm: the header alg is anything but RS256 (none, HS256, ...).
	ErrAlgorithm = fmt.Errorf("%w: algorithm not accepted", ErrInvalidToken)
	// ErrUnknownKey: no kid, or the kid is not in the provider's key set
	// (even after the rate-limited refetch).
	ErrUnknownKey = fmt.Errorf("%w: unknown signing key", ErrInvalidToken)
	// ErrSignature: the kid is known but the signature does not verify.
	ErrSignature = fmt.Errorf("%w: bad signature", ErrInvalidToken)
	// ErrExpired: at or after exp (plus leeway).
	ErrExpired = fmt.Errorf("%w: expired", ErrInvalidToken)
	// ErrNotYetValid: before nbf, or iat in the future (minus leeway).
	ErrNotYetValid = fmt.Errorf("%w: not yet valid", ErrInvalidToken)
	// ErrIssuer: iss missing or not exactly the configured issuer.
	ErrIssuer = fmt.Errorf("%w: issuer not accepted", ErrInvalidToken)
	// ErrAudience: aud missing or not containing the configured audience.
	ErrAudience = fmt.Errorf("%w: audience not accepted", ErrInvalidToken)
)

// ErrUnknownViewer means no engineer on the team has the token's subject.
var ErrUnknownViewer = errors.New("identity: no engineer has this subject")

// kinds lists the typed errors, most specific first, for public messages.
var kinds = []error{ErrMalformed, ErrAlgorithm, ErrUnknownKey, ErrSignature, ErrExpired, ErrNotYetValid, ErrIssuer, ErrAudience}

// publicMessage is a message safe to send to a client: the failed check's
// name only, without details such as key-set URLs or fetch errors.
func publicMessage(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	return ErrInvalidToken.Error()
}
