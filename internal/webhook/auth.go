package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Authenticator checks one webhook request: its headers and exact body, at
// time now. It returns nil, or an error wrapping ErrUnauthenticated (missing
// or wrong credential) or ErrStale (signed timestamp outside the window).
type Authenticator interface {
	Authenticate(h http.Header, body []byte, now time.Time) error
}

// HeaderAuthenticator is an Authenticator that decides from the headers
// alone, so a request it refuses is answered before its body is read (an
// unauthenticated sender then costs no body buffer). Authenticate gives the
// same answer as AuthenticateHeaders.
type HeaderAuthenticator interface {
	Authenticator
	AuthenticateHeaders(h http.Header, now time.Time) error
}

var (
	_ HeaderAuthenticator = BearerToken{}
	_ Authenticator       = HMACSignature{}
)

// BearerToken requires "Authorization: Bearer <Token>" (the scheme is
// case-insensitive). An empty Token never authenticates anything.
type BearerToken struct {
	Token string
}

// Authenticate implements Authenticator.
func (b BearerToken) Authenticate(h http.Header, _ []byte, now time.Time) error {
	return b.AuthenticateHeaders(h, now)
}

// AuthenticateHeaders implements HeaderAuthenticator.
func (b BearerToken) AuthenticateHeaders(h http.Header, _ time.Time) error {
	if b.Token == "" {
		return fmt.Errorf("no bearer token configured for this source: %w", ErrUnauthenticated)
	}
	v := strings.TrimSpace(h.Get("Authorization"))
	if v == "" {
		return fmt.Errorf("missing Authorization header: %w", ErrUnauthenticated)
	}
	scheme, token, _ := strings.Cut(v, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return fmt.Errorf("authorization scheme is not Bearer: %w", ErrUnauthenticated)
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return fmt.Errorf("empty bearer token: %w", ErrUnauthenticated)
	}
	// Compare digests so neither the content nor the length of the
	// configured token leaks through timing.
	want := sha256.Sum256([]byte(b.Token))
	got := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(want[:], got[:]) != 1 {
		return fmt.Errorf("wrong bearer token: %w", ErrUnauthenticated)
	}
	return nil
}

// DefaultSignatureHeader is Grafana's default HMAC signature header.
const DefaultSignatureHeader = "X-Grafana-Alerting-Signature"

// DefaultMaxSkew is how far a signed timestamp may be from now by default.
const DefaultMaxSkew = 5 * time.Minute

// HMACSignature verifies a hex HMAC-SHA256 signature of the request, as
// Grafana's webhook contact point sends it. With a TimestampHeader the
// signed message is timestamp + ":" + body, the timestamp header (unix
// seconds) is required and must be within MaxSkew of now; without one the
// signed message is the body alone. The signature header value may carry a
// "sha256=" prefix. An empty Secret never authenticates anything.
type HMACSignature struct {
	Secret          []byte
	SignatureHeader string        // default DefaultSignatureHeader
	TimestampHeader string        // "" = body-only signatures
	MaxSkew         time.Duration // default DefaultMaxSkew
}

// Authenticate implements Authenticator.
func (s HMACSignature) Authenticate(h http.Header, body []byte, now time.Time) error {
	if len(s.Secret) == 0 {
		return fmt.Errorf("no HMAC secret configured for this source: %w", ErrUnauthenticated)
	}
	header := s.SignatureHeader
	if header == "" {
		header = DefaultSignatureHeader
	}
	sigText := strings.TrimSpace(h.Get(header))
	if sigText == "" {
		return fmt.Errorf("missing %s header: %w", header, ErrUnauthenticated)
	}
	if len(sigText) > len("sha256=") && strings.EqualFold(sigText[:len("sha256=")], "sha256=") {
		sigText = sigText[len("sha256="):]
	}
	got, err := hex.DecodeString(sigText)
	if err != nil {
		return fmt.Errorf("%s is not hex: %w", header, ErrUnauthenticated)
	}

	var ts string
	if s.TimestampHeader != "" {
		ts = strings.TrimSpace(h.Get(s.TimestampHeader))
		if ts == "" {
			return fmt.Errorf("missing %s header: %w", s.TimestampHeader, ErrUnauthenticated)
		}
		if _, err := strconv.ParseInt(ts, 10, 64); err != nil {
			return fmt.Errorf("%s is not unix seconds: %w", s.TimestampHeader, ErrUnauthenticated)
		}
	}
	if !hmac.Equal(got, sign(s.Secret, ts, body)) {
		return fmt.Errorf("signature mismatch: %w", ErrUnauthenticated)
	}
	if s.TimestampHeader != "" {
		// Checked after the signature, so ErrStale means an authentic but
		// old (or replayed) request.
		sec, _ := strconv.ParseInt(ts, 10, 64)
		skew := s.MaxSkew
		if skew <= 0 {
			skew = DefaultMaxSkew
		}
		// Compare in seconds with generous bounds first so extreme
		// values cannot overflow time arithmetic.
		nowSec := now.Unix()
		limit := int64(skew/time.Second) + 1
		if sec < nowSec-limit || sec > nowSec+limit {
			return fmt.Errorf("%s %s is more than %s from now: %w", s.TimestampHeader, ts, skew, ErrStale)
		}
		if d := now.Sub(time.Unix(sec, 0)); d > skew || d < -skew {
			return fmt.Errorf("%s %s is more than %s from now: %w", s.TimestampHeader, ts, skew, ErrStale)
		}
	}
	return nil
}

// Signature returns hex(HMAC-SHA256(secret, timestamp + ":" + body)), or
// hex(HMAC-SHA256(secret, body)) when timestamp is empty: the value a sender
// puts in the signature header.
func Signature(secret []byte, timestamp string, body []byte) string {
	return hex.EncodeToString(sign(secret, timestamp, body))
}

func sign(secret []byte, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	if timestamp != "" {
		m.Write([]byte(timestamp))
		m.Write([]byte(":"))
	}
	m.Write(body)
	return m.Sum(nil)
}
