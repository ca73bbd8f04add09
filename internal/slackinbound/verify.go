// Package slackinbound receives messages from Slack: it verifies signed Events API
// requests, parses event payloads, and polls channel history through the Web
// API (conversations.history) for deployments that cannot receive events.
package slackinbound

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names Slack uses to sign requests.
const (
	HeaderSignature = "X-Slack-Signature"
	HeaderTimestamp = "X-Slack-Request-Timestamp"
)

// MaxClockSkew is the replay window: a request whose timestamp differs from
// now by more than this, in either direction, is rejected with ErrStale.
const MaxClockSkew = 5 * time.Minute

var (
	// ErrBadSignature: the request is not signed with the signing secret
	// (missing or malformed headers, wrong secret, tampered body, or no
	// secret configured).
	ErrBadSignature = errors.New("slackin: invalid Slack request signature")
	// ErrStale: the request timestamp is outside MaxClockSkew (a replay or a
	// badly skewed clock).
	ErrStale = errors.New("slackin: Slack request timestamp outside the 5-minute window")
)

// Verify checks Slack's v0 request signature over the exact raw body:
//
//	X-Slack-Signature == "v0=" + hex(HMAC-SHA256(secret, "v0:" + X-Slack-Request-Timestamp + ":" + body))
//
// compared in constant time, and that the timestamp is within MaxClockSkew of
// now (past or future). An empty signing secret never verifies. Errors wrap
// ErrBadSignature or ErrStale (use errors.Is) and never contain the secret or
// the expected signature.
//
// slack-go's slack.NewSecretsVerifier implements the same algorithm but reads
// the wall clock itself (time.Since), so it cannot be given now; this is the
// documented algorithm implemented directly, and the tests check that both
// agree.
func Verify(h http.Header, body []byte, signingSecret string, now time.Time) error {
	if signingSecret == "" {
		return fmt.Errorf("%w: no signing secret configured", ErrBadSignature)
	}
	sig := h.Get(HeaderSignature)
	ts := h.Get(HeaderTimestamp)
	if sig == "" || ts == "" {
		return fmt.Errorf("%w: missing %s or %s header", ErrBadSignature, HeaderSignature, HeaderTimestamp)
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %s is not a unix timestamp", ErrBadSignature, HeaderTimestamp)
	}
	// Abs, not negation: Sub saturates at the minimum Duration for a
	// timestamp ~292+ years ahead, and negating that overflows.
	skew := now.Sub(time.Unix(secs, 0)).Abs()
	if skew > MaxClockSkew {
		return fmt.Errorf("%w: timestamp is %s away from now", ErrStale, skew.Round(time.Second))
	}
	hexSig, ok := strings.CutPrefix(sig, "v0=")
	if !ok {
		return fmt.Errorf("%w: unsupported signature version", ErrBadSignature)
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("%w: signature is not 64 hex characters", ErrBadSignature)
	}
	mac := hmac.New(sha256.New, []byte(signingSecret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), got) {
		return fmt.Errorf("%w: signature does not match", ErrBadSignature)
	}
	return nil
}

// MaxBodyBytes bounds the body VerifyRequest reads. Slack event payloads are
// far smaller.
const MaxBodyBytes = 1 << 20

// VerifyRequest reads r.Body (at most MaxBodyBytes) and verifies it with
// Verify. It returns the raw body for ParseEvent. A body over the limit is
// reported as ErrBadSignature, since it cannot be what Slack signed.
func VerifyRequest(r *http.Request, signingSecret string, now time.Time) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("slackin: reading request body: %w", err)
	}
	if len(body) > MaxBodyBytes {
		return nil, fmt.Errorf("%w: body larger than %d bytes", ErrBadSignature, MaxBodyBytes)
	}
	if err := Verify(r.Header, body, signingSecret, now); err != nil {
		return nil, err
	}
	return body, nil
}

// Sign returns the X-Slack-Signature value for body at timestamp ts. It is
// what Slack computes; local fakes and tests use it to sign requests.
func Sign(signingSecret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(signingSecret))
	mac.Write([]byte("v0:" + strconv.FormatInt(ts, 10) + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}
