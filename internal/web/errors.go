package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/stepup"
	"github.com/warroom/warroom/internal/store"
)

// ErrorBody is every error response: {"error":{"code":"...","message":"..."}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is a machine-readable code and a human-readable message.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// WriteError sends a JSON error. Messages must never carry a token or secret.
func WriteError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, ErrorBody{Error: ErrorDetail{Code: code, Message: message}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// ErrorClass is how one kind of failure is answered, by the JSON API and the
// dashboard alike: the status, the API's code, and fixed wording (an error's
// own text may name internals, so only classes marked APIDetail show it).
type ErrorClass struct {
	Status     int
	Code       string
	Heading    string // the dashboard's page title
	Message    string
	APIDetail  bool   // the API answers with the error's own text: it explains the refusal
	RetryAfter string // seconds, when the client should wait
}

var errorClasses = []struct {
	errs  []error
	class ErrorClass
}{
	{[]error{store.ErrNotFound}, ErrorClass{Status: http.StatusNotFound, Code: "not_found", Heading: "Not found",
		Message: "There is no such incident, approval or grant."}},
	{[]error{incident.ErrNotApprover}, ErrorClass{Status: http.StatusForbidden, Code: "not_approver", Heading: "Not yours to decide",
		Message: "Only the engineer this request waits for (or a delegate the policy allows) may decide it.", APIDetail: true}},
	{[]error{incident.ErrAlreadyDecided}, ErrorClass{Status: http.StatusConflict, Code: "already_decided", Heading: "Already decided",
		Message: "This request was already decided (or cancelled). A decision is made once and cannot be replayed or changed."}},
	{[]error{incident.ErrIllegalTransition, store.ErrConflict}, ErrorClass{Status: http.StatusConflict, Code: "conflict", Heading: "Not possible now",
		Message: "The incident or action has moved on since this page was loaded; reload it.", APIDetail: true}},
	{[]error{incident.ErrInvalid}, ErrorClass{Status: http.StatusBadRequest, Code: "invalid", Heading: "Invalid request",
		Message: "The request is not valid for this item.", APIDetail: true}},
	{[]error{stepup.ErrTooManyAttempts}, ErrorClass{Status: http.StatusTooManyRequests, Code: "too_many_attempts", Heading: "Too many wrong codes",
		Message: "Too many wrong codes; wait a while before trying another.", RetryAfter: "900"}},
	{[]error{stepup.ErrInvalidCode, stepup.ErrReplayed}, ErrorClass{Status: http.StatusUnprocessableEntity, Code: "invalid_code", Heading: "Wrong code",
		Message: "The code is wrong or was already used; wait for the next one."}},
	{[]error{stepup.ErrChallengeExpired}, ErrorClass{Status: http.StatusConflict, Code: "expired", Heading: "Step-up expired",
		Message: "The step-up challenge expired."}},
	{[]error{stepup.ErrNotEnrolled}, ErrorClass{Status: http.StatusConflict, Code: "not_enrolled", Heading: "No authenticator",
		Message: "Set up an authenticator first."}},
	{[]error{stepup.ErrAlreadyEnrolled}, ErrorClass{Status: http.StatusConflict, Code: "already_enrolled", Heading: "Already enrolled",
		Message: "An authenticator is already set up for you."}},
	{[]error{context.Canceled, context.DeadlineExceeded}, ErrorClass{Status: http.StatusServiceUnavailable, Code: "unavailable", Heading: "Try again",
		Message: "The request was interrupted; try again."}},
}

// internalError is the class of anything unexpected (log it).
var internalError = ErrorClass{Status: http.StatusInternalServerError, Code: "internal", Heading: "Something went wrong",
	Message: "The request could not be completed; try again."}

// ClassifyError maps a domain or store error to its class; expected is false
// for an unexpected error, which the caller logs.
func ClassifyError(err error) (c ErrorClass, expected bool) {
	for _, ec := range errorClasses {
		for _, target := range ec.errs {
			if errors.Is(err, target) {
				return ec.class, true
			}
		}
	}
	return internalError, false
}
