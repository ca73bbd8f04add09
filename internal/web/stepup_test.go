package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/stepup"
	"github.com/warroom/warroom/internal/web"
)

// stepUpDecider answers step-ups with a scripted error per code.
type stepUpDecider struct {
	errs map[string]error
	got  []string
}

func (d *stepUpDecider) Decide(context.Context, string, string, incident.Decision, ...string) (incident.Approval, error) {
	return incident.Approval{}, nil
}
func (d *stepUpDecider) SetStatus(context.Context, string, incident.Status, incident.Actor) (incident.Incident, error) {
	return incident.Incident{}, nil
}
func (d *stepUpDecider) AnswerStepUp(_ context.Context, id, engineer, code string) (incident.Approval, error) {
	d.got = append(d.got, engineer+":"+code)
	if err := d.errs[code]; err != nil {
		return incident.Approval{}, fmt.Errorf("answer step-up %s: %w", id, err)
	}
	return incident.Approval{ID: id, Decision: incident.DecisionApproved, DecidedBy: engineer}, nil
}

type fakeEnroller struct{ confirmed map[string]bool }

func (f *fakeEnroller) Enroll(_ context.Context, engineer string) (string, []byte, error) {
	if f.confirmed[engineer] {
		return "", nil, stepup.ErrAlreadyEnrolled
	}
	return "otpauth://totp/WarRoom:" + engineer + "?secret=ABC", []byte{0x89, 'P', 'N', 'G'}, nil
}
func (f *fakeEnroller) Confirm(_ context.Context, engineer, code string) error {
	if code != "123456" {
		return stepup.ErrInvalidCode
	}
	f.confirmed[engineer] = true
	return nil
}

// The step-up endpoints take the engineer from the token only, refuse
// unknown fields, and map the authenticator's refusals to clear 4xx codes.
func TestStepUpEndpoints(t *testing.T) {
	dec := &stepUpDecider{errs: map[string]error{
		"000000": stepup.ErrInvalidCode, "111111": stepup.ErrReplayed, "222222": stepup.ErrTooManyAttempts,
		"333333": stepup.ErrChallengeExpired, "444444": incident.ErrNotApprover, "555555": incident.ErrAlreadyDecided,
	}}
	var started atomic.Bool
	started.Store(true)
	srv := &web.Server{Gatherer: prometheus.NewRegistry(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Started: &started,
		API: &web.API{Auth: tokenAuth{}, Decider: dec, Access: responders{}, Enroller: &fakeEnroller{confirmed: map[string]bool{}}}}
	h := srv.Handler(prometheus.NewRegistry())
	for _, tc := range []struct {
		name, path, token, body string
		status                  int
		code                    string
	}{
		{"right code", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"123456"}`, 200, ""},
		{"wrong code", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"000000"}`, 422, "invalid_code"},
		{"replayed code", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"111111"}`, 422, "invalid_code"},
		{"locked out", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"222222"}`, 429, "too_many_attempts"},
		{"expired", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"333333"}`, 409, "expired"},
		{"not the approver", "/v1/approvals/su1/stepup", "carol:approve:actions", `{"code":"444444"}`, 403, "not_approver"},
		{"already passed", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"555555"}`, 409, "already_decided"},
		{"identity in the body", "/v1/approvals/su1/stepup", "alice:approve:actions", `{"code":"123456","engineer":"bob"}`, 400, "invalid"},
		{"no code", "/v1/approvals/su1/stepup", "alice:approve:actions", `{}`, 400, "invalid"},
		{"no approve scope", "/v1/approvals/su1/stepup", "alice:read:incidents", `{"code":"123456"}`, 403, ""},
		{"enrol", "/v1/me/totp", "alice:approve:actions", ``, 200, ""},
		{"confirm wrong", "/v1/me/totp/confirm", "alice:approve:actions", `{"code":"000000"}`, 422, "invalid_code"},
		{"confirm", "/v1/me/totp/confirm", "alice:approve:actions", `{"code":"123456"}`, 200, ""},
		{"enrol again", "/v1/me/totp", "alice:approve:actions", ``, 409, "already_enrolled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
			req.Header.Set("Authorization", "Bearer "+tc.token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var out struct {
				Error struct{ Code string }
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			if rec.Code != tc.status || (tc.code != "" && out.Error.Code != tc.code) {
				t.Fatalf("status %d %s, want %d %s", rec.Code, rec.Body, tc.status, tc.code)
			}
			if tc.status == 200 && tc.path == "/v1/me/totp" && rec.Header().Get("Cache-Control") != "no-store" {
				t.Fatal("the enrolment secret may be cached")
			}
		})
	}
	if dec.got[0] != "alice:123456" {
		t.Fatalf("answered as %v", dec.got)
	}
}
