package github

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	gh "github.com/google/go-github/v75/github"
)

// Sentinel errors; test with errors.Is. Returned errors wrap them with context.
var (
	// ErrRateLimited: a primary or secondary rate limit was hit. errors.As the
	// error to *RateLimitError for when to retry.
	ErrRateLimited = errors.New("github: rate limited")
	// ErrNotFound: the repository, commit, ref or file does not exist (or the
	// token cannot see it; GitHub answers 404 for private resources).
	ErrNotFound = errors.New("github: not found")
	// ErrUnauthorized: the token is missing, invalid or expired (401).
	ErrUnauthorized = errors.New("github: bad credentials")
	// ErrForbidden: the token lacks permission (403, not a rate limit).
	ErrForbidden = errors.New("github: forbidden")
)

// defaultSecondaryWait is used when a secondary limit carries neither
// Retry-After nor an exhausted primary reset (GitHub: wait at least a minute).
const defaultSecondaryWait = time.Minute

// RateLimitError describes a rate-limit rejection. It unwraps to ErrRateLimited.
type RateLimitError struct {
	// Secondary is true for secondary (abuse) limits, false for the primary quota.
	Secondary bool
	// StatusCode is the HTTP status (403 or 429); 0 when go-github refused to
	// send the request because it already knew the quota was exhausted.
	StatusCode int
	// Limit, Remaining and Reset are the X-RateLimit-* values when known.
	Limit, Remaining int
	Reset            time.Time
	// RetryAfter is how long to wait from when the error was observed; RetryAt the absolute time.
	RetryAfter time.Duration
	RetryAt    time.Time
	// Message is GitHub's message.
	Message string
}

func (e *RateLimitError) Error() string {
	kind := "primary"
	if e.Secondary {
		kind = "secondary"
	}
	s := fmt.Sprintf("github: %s rate limit exceeded", kind)
	if !e.RetryAt.IsZero() {
		s += fmt.Sprintf(", retry at %s", e.RetryAt.UTC().Format(time.RFC3339))
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap makes errors.Is(err, ErrRateLimited) hold.
func (e *RateLimitError) Unwrap() error { return ErrRateLimited }

// APIError is any other GitHub error response. It unwraps to the matching
// sentinel (ErrNotFound, ErrUnauthorized, ErrForbidden) when there is one, and
// to the underlying *github.ErrorResponse.
type APIError struct {
	StatusCode int
	Message    string
	sentinel   error
	cause      error
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("github: %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap returns the sentinel and the go-github error.
func (e *APIError) Unwrap() []error {
	var out []error
	if e.sentinel != nil {
		out = append(out, e.sentinel)
	}
	if e.cause != nil {
		out = append(out, e.cause)
	}
	return out
}

// redactedError hides the token should it ever appear in an error's text.
type redactedError struct {
	err   error
	token string
}

func (e *redactedError) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.token, "[REDACTED]")
}
func (e *redactedError) Unwrap() error { return e.err }

// wrap maps err and adds context: "<op>: <mapped error>".
func (c *Client) wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	out := fmt.Errorf(format+": %w", append(args, mapError(err, c.now()))...)
	if c.token != "" && strings.Contains(out.Error(), c.token) {
		return &redactedError{err: out, token: c.token}
	}
	return out
}

// mapError converts go-github errors into this package's error types.
func mapError(err error, now time.Time) error {
	var rl *gh.RateLimitError
	if errors.As(err, &rl) {
		e := &RateLimitError{
			Limit: rl.Rate.Limit, Remaining: rl.Rate.Remaining, Reset: rl.Rate.Reset.Time,
			RetryAt: rl.Rate.Reset.Time, Message: rl.Message,
		}
		if rl.Response != nil && rl.Response.Header.Get("X-RateLimit-Limit") != "" {
			e.StatusCode = rl.Response.StatusCode
		}
		if !e.RetryAt.IsZero() {
			e.RetryAfter = max(e.RetryAt.Sub(now), 0)
		}
		return e
	}
	var ab *gh.AbuseRateLimitError
	if errors.As(err, &ab) {
		e := &RateLimitError{Secondary: true, Message: ab.Message}
		if ab.Response != nil {
			e.StatusCode = ab.Response.StatusCode
			fillRate(e, ab.Response.Header)
		}
		if ab.RetryAfter != nil {
			e.RetryAfter = *ab.RetryAfter
			e.RetryAt = now.Add(e.RetryAfter)
		} else {
			secondaryFallback(e, now)
		}
		return e
	}
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		status := er.Response.StatusCode
		h := er.Response.Header
		msg := er.Message
		lower := strings.ToLower(msg)
		if status == http.StatusTooManyRequests || (status == http.StatusForbidden && strings.Contains(lower, "rate limit")) {
			return rateLimitFromResponse(status, h, msg, er.DocumentationURL, now)
		}
		ae := &APIError{StatusCode: status, Message: msg, cause: err}
		switch {
		case status == http.StatusNotFound:
			ae.sentinel = ErrNotFound
		case status == http.StatusUnprocessableEntity && strings.HasPrefix(lower, "no commit found"):
			ae.sentinel = ErrNotFound // GitHub answers 422 for a well-formed but unknown sha
		case status == http.StatusUnauthorized:
			ae.sentinel = ErrUnauthorized
		case status == http.StatusForbidden:
			ae.sentinel = ErrForbidden
		}
		return ae
	}
	return err
}

// rateLimitFromResponse handles rate limits go-github leaves as plain
// ErrorResponses (all 429s, and 403s without the usual markers).
func rateLimitFromResponse(status int, h http.Header, msg, doc string, now time.Time) *RateLimitError {
	e := &RateLimitError{StatusCode: status, Message: msg}
	fillRate(e, h)
	e.Secondary = strings.Contains(strings.ToLower(msg), "secondary") ||
		strings.HasSuffix(doc, "secondary-rate-limits") || strings.HasSuffix(doc, "#abuse-rate-limits") ||
		h.Get("X-RateLimit-Remaining") != "0"
	if v := h.Get("Retry-After"); v != "" {
		if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
			e.RetryAfter = time.Duration(secs) * time.Second
			e.RetryAt = now.Add(e.RetryAfter)
			return e
		}
		if t, err := http.ParseTime(v); err == nil {
			e.RetryAt = t
			e.RetryAfter = max(t.Sub(now), 0)
			return e
		}
	}
	if !e.Secondary && !e.Reset.IsZero() {
		e.RetryAt = e.Reset
		e.RetryAfter = max(e.Reset.Sub(now), 0)
		return e
	}
	secondaryFallback(e, now)
	return e
}

func fillRate(e *RateLimitError, h http.Header) {
	e.Limit, _ = strconv.Atoi(h.Get("X-RateLimit-Limit"))
	e.Remaining, _ = strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	if v, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil && v > 0 {
		e.Reset = time.Unix(v, 0)
	}
}

// secondaryFallback: without Retry-After use the reset time if the quota is
// exhausted, else wait a minute.
func secondaryFallback(e *RateLimitError, now time.Time) {
	if e.Remaining == 0 && !e.Reset.IsZero() && e.Reset.After(now) {
		e.RetryAt = e.Reset
		e.RetryAfter = e.Reset.Sub(now)
		return
	}
	e.RetryAfter = defaultSecondaryWait
	e.RetryAt = now.Add(defaultSecondaryWait)
}
