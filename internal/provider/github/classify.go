package github

// classify.go: how an executor failure is reported to the engine (refused,
// permanent, or the approver's token expired).

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/warroom/warroom/internal/action"
)

// refusal is a failure retrying cannot fix, decided by the executor itself.
type refusal struct{ msg string }

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return action.ErrPermanent }

func refuse(format string, args ...any) error { return &refusal{fmt.Sprintf(format, args...)} }

// permanentError is a GitHub rejection a retry cannot fix (4xx).
type permanentError struct {
	err    error
	detail string
}

func (e *permanentError) Error() string {
	if e.detail == "" {
		return e.err.Error()
	}
	return e.err.Error() + " (" + e.detail + ")"
}
func (e *permanentError) Unwrap() []error { return []error{e.err, action.ErrPermanent} }

// tokenError is a 401: the approver's token expired or was revoked.
type tokenError struct{ err error }

func (e *tokenError) Error() string {
	return "GitHub rejected the approver's token (expired or revoked), re-authorization needed: " + e.err.Error()
}
func (e *tokenError) Unwrap() []error { return []error{e.err, action.ErrTokenExpired} }

// classify sorts a mapped GitHub error for the engine: a 401 suspends for
// re-authorization, other 4xx fail for good, rate limits, 5xx and network
// errors are retried.
func classify(err error) error {
	var rl *RateLimitError
	var ae *APIError
	switch {
	case errors.As(err, &rl):
		return err
	case errors.Is(err, ErrUnauthorized):
		return &tokenError{err}
	case errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500 &&
		ae.StatusCode != http.StatusRequestTimeout && ae.StatusCode != http.StatusTooManyRequests:
		return &permanentError{err: err, detail: errorDetail(err)}
	}
	return err
}

// errorDetail joins the messages of a GitHub error's errors[] (where a 422
// says what was wrong).
func errorDetail(err error) string {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) {
		return ""
	}
	var parts []string
	for _, e := range er.Errors {
		switch {
		case e.Message != "":
			parts = append(parts, e.Message)
		case e.Field != "":
			parts = append(parts, fmt.Sprintf("%s %s", e.Field, e.Code))
		}
	}
	return strings.Join(parts, "; ")
}

// statusOf is the HTTP status of a GitHub error response (0 when none).
func statusOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode
	}
	return 0
}
