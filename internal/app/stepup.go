package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/stepup"
	"github.com/warroom/warroom/internal/store"
)

// totpSecrets keeps built-in authenticator secrets in the WarRoom store.
type totpSecrets struct{ st *store.Store }

func (s totpSecrets) PutSecret(ctx context.Context, engineer string, v stepup.Sealed) error {
	return s.st.PutTOTPSecret(ctx, store.TOTPSecret{Engineer: engineer, KeyID: v.KeyID, Nonce: v.Nonce, Ciphertext: v.Ciphertext,
		Confirmed: v.Confirmed, EnrolledAt: v.EnrolledAt})
}

func (s totpSecrets) GetSecret(ctx context.Context, engineer string) (stepup.Sealed, error) {
	v, err := s.st.GetTOTPSecret(ctx, engineer)
	if errors.Is(err, store.ErrNotFound) {
		return stepup.Sealed{}, fmt.Errorf("%w: %w", stepup.ErrNotEnrolled, err)
	}
	if err != nil {
		return stepup.Sealed{}, err
	}
	return stepup.Sealed{KeyID: v.KeyID, Nonce: v.Nonce, Ciphertext: v.Ciphertext, Confirmed: v.Confirmed, EnrolledAt: v.EnrolledAt}, nil
}

func (s totpSecrets) MarkUsed(ctx context.Context, engineer string, step int64) (bool, error) {
	return s.st.MarkTOTPStepUsed(ctx, engineer, step)
}

func (s totpSecrets) RecordFailure(ctx context.Context, engineer string, at time.Time, window time.Duration) (int, error) {
	n, err := s.st.RecordTOTPFailure(ctx, engineer, at, window)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil // not enrolled: nothing to lock
	}
	return n, err
}

func (s totpSecrets) Failures(ctx context.Context, engineer string, since time.Time) (int, error) {
	n, err := s.st.TOTPFailures(ctx, engineer, since)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

func (s totpSecrets) ClearFailures(ctx context.Context, engineer string) error {
	return s.st.ClearTOTPFailures(ctx, engineer)
}

// stepUpGate builds the step-up methods the stepup section asks for; nil
// without one.
func stepUpGate(cfg config.Config, st *store.Store) (*stepup.Gate, error) {
	s := cfg.StepUp
	if !s.Enabled() {
		return nil, nil
	}
	g := &stepup.Gate{}
	if t := s.TOTP; t != nil {
		kr, err := keyring(t.Keys)
		if err != nil {
			return nil, fmt.Errorf("stepup: %w", err)
		}
		issuer := t.Issuer
		if issuer == "" {
			issuer = "WarRoom"
		}
		tp, err := stepup.NewTOTP(stepup.TOTPOptions{Issuer: issuer, Store: totpSecrets{st}, Seal: kr.Seal, Open: kr.Open})
		if err != nil {
			return nil, fmt.Errorf("stepup: %w", err)
		}
		g.TOTP, g.TOTPTimeout = tp, t.Timeout
	}
	if c := s.CIBA; c != nil {
		ciba, err := stepup.NewCIBA(stepup.CIBAOptions{BaseURL: c.BaseURL, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
			Audience: c.Audience, Scope: c.Scope, RequestedExpiry: c.RequestedExpiry})
		if err != nil {
			return nil, fmt.Errorf("stepup: %w", err)
		}
		subjects := map[string]string{}
		for _, e := range cfg.Team.Engineers {
			subjects[e.ID] = e.Subject
		}
		g.CIBA, g.Subject = ciba, func(engineer string) string { return subjects[engineer] }
	}
	return g, nil
}

// enroller is the built-in authenticator as the API's Enroller.
type enroller struct{ t *stepup.TOTP }

func (e enroller) Enroll(ctx context.Context, engineer string) (string, []byte, error) {
	en, err := e.t.Enroll(ctx, engineer)
	return en.URL, en.PNG, err
}

func (e enroller) Confirm(ctx context.Context, engineer, code string) error {
	return e.t.Confirm(ctx, engineer, code)
}
