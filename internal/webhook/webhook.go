// Package webhook turns what monitoring systems send into normalised alerts:
// it authenticates each request (bearer token or HMAC signature, per source)
// and parses each source's wire format. It does no storage; the intake
// stores alerts durably before a request is acknowledged.
package webhook

import "errors"

// Sentinel errors; the HTTP layer maps each to one status code.
var (
	// ErrMalformed: the body is not the source's format (400).
	ErrMalformed = errors.New("malformed payload")
	// ErrUnauthenticated: missing or wrong credential, unknown source (401).
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrStale: a signed timestamp outside the allowed window (401).
	ErrStale = errors.New("timestamp outside the allowed window")
)
