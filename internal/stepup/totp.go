package stepup

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters: the ones every authenticator app supports.
const (
	TOTPPeriod = 30 * time.Second
	TOTPDigits = 6
	totpSkew   = 1 // steps accepted either side of now
	qrSize     = 256
)

// Typed errors of the built-in authenticator. Compare with errors.Is.
var (
	ErrNotEnrolled     = errors.New("stepup: totp: not enrolled")
	ErrInvalidCode     = errors.New("stepup: totp: invalid code")
	ErrReplayed        = errors.New("stepup: totp: code already used")
	ErrAlreadyEnrolled = errors.New("stepup: totp: already enrolled")
	// ErrTooManyAttempts: too many wrong codes in the window; wait it out.
	ErrTooManyAttempts = errors.New("stepup: totp: too many wrong codes, try again later")
)

const errNotConfirmedText = "enrolment not confirmed"

// Sealed is a TOTP secret encrypted by the caller's Seal function, plus the
// enrolment state. The plaintext secret is never stored.
type Sealed struct {
	KeyID      string
	Nonce      []byte
	Ciphertext []byte
	Confirmed  bool
	EnrolledAt time.Time
}

// SecretStore persists sealed secrets and the last used time step.
// GetSecret must return an error wrapping ErrNotEnrolled for an unknown
// engineer. MarkUsed must atomically record step as used and return
// fresh=false if that step or a later one was already used.
type SecretStore interface {
	PutSecret(ctx context.Context, engineer string, s Sealed) error
	GetSecret(ctx context.Context, engineer string) (Sealed, error)
	MarkUsed(ctx context.Context, engineer string, step int64) (fresh bool, err error)
	// RecordFailure counts a wrong code at at and returns the number of
	// wrong codes in the window ending at at.
	RecordFailure(ctx context.Context, engineer string, at time.Time, window time.Duration) (int, error)
	// Failures is the number of wrong codes in the window that began at or after since.
	Failures(ctx context.Context, engineer string, since time.Time) (int, error)
	ClearFailures(ctx context.Context, engineer string) error
}

// TOTPOptions configures the built-in authenticator.
type TOTPOptions struct {
	// Issuer is shown in the authenticator app (e.g. "WarRoom").
	Issuer string
	Store  SecretStore
	// Now defaults to time.Now.
	Now func() time.Time
	// Seal encrypts a secret (AES-256-GCM expected); ad binds it to the engineer.
	Seal func(plaintext []byte, ad []byte) (keyID string, nonce, ct []byte, err error)
	// Open decrypts what Seal produced with the same ad.
	Open func(keyID string, nonce, ct, ad []byte) ([]byte, error)
	// MaxFailures wrong codes within FailureWindow lock verification until
	// the window passes (defaults 5 and 15 minutes): a 6-digit code must not
	// be guessable by brute force.
	MaxFailures   int
	FailureWindow time.Duration
}

// TOTP is the built-in step-up authenticator (RFC 6238, SHA-1, 6 digits, 30s).
type TOTP struct {
	issuer string
	store  SecretStore
	now    func() time.Time
	seal   func([]byte, []byte) (string, []byte, []byte, error)
	open   func(string, []byte, []byte, []byte) ([]byte, error)

	maxFailures int
	window      time.Duration
}

// Enrollment is what the engineer scans into an authenticator app. URL holds
// the secret: show it once, never log or store it.
type Enrollment struct {
	URL string // otpauth://totp/...
	PNG []byte // QR code of URL
}

// NewTOTP returns the built-in authenticator.
func NewTOTP(o TOTPOptions) (*TOTP, error) {
	if o.Store == nil || o.Seal == nil || o.Open == nil {
		return nil, errors.New("stepup: totp: Store, Seal and Open are required")
	}
	if strings.TrimSpace(o.Issuer) == "" {
		return nil, errors.New("stepup: totp: Issuer is required")
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	t := &TOTP{issuer: o.Issuer, store: o.Store, now: now, seal: o.Seal, open: o.Open, maxFailures: o.MaxFailures, window: o.FailureWindow}
	if t.maxFailures <= 0 {
		t.maxFailures = 5
	}
	if t.window <= 0 {
		t.window = 15 * time.Minute
	}
	return t, nil
}

func secretAD(engineer string) []byte {
	return []byte("warroom/stepup/totp/v1\x00" + engineer)
}

// Enroll creates a new secret for engineer and stores it sealed and
// unconfirmed. It refuses to replace a confirmed enrolment
// (ErrAlreadyEnrolled); an unconfirmed one is replaced.
func (t *TOTP) Enroll(ctx context.Context, engineer string) (Enrollment, error) {
	if strings.TrimSpace(engineer) == "" {
		return Enrollment{}, errors.New("stepup: totp: engineer is required")
	}
	cur, err := t.store.GetSecret(ctx, engineer)
	switch {
	case err == nil && cur.Confirmed:
		return Enrollment{}, ErrAlreadyEnrolled
	case err != nil && !errors.Is(err, ErrNotEnrolled):
		return Enrollment{}, fmt.Errorf("stepup: totp: load: %w", err)
	}
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      t.issuer,
		AccountName: engineer,
		Period:      uint(TOTPPeriod / time.Second),
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
		SecretSize:  20,
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("stepup: totp: generate: %w", err)
	}
	secret := []byte(key.Secret())
	keyID, nonce, ct, err := t.seal(secret, secretAD(engineer))
	clear(secret)
	if err != nil {
		return Enrollment{}, fmt.Errorf("stepup: totp: seal: %w", err)
	}
	img, err := key.Image(qrSize, qrSize)
	if err != nil {
		return Enrollment{}, fmt.Errorf("stepup: totp: qr: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrollment{}, fmt.Errorf("stepup: totp: png: %w", err)
	}
	s := Sealed{KeyID: keyID, Nonce: nonce, Ciphertext: ct, EnrolledAt: t.now().UTC()}
	if err := t.store.PutSecret(ctx, engineer, s); err != nil {
		return Enrollment{}, fmt.Errorf("stepup: totp: store: %w", err)
	}
	return Enrollment{URL: key.URL(), PNG: buf.Bytes()}, nil
}

// Confirm activates an enrolment with a first valid code. On an already
// confirmed enrolment it behaves like Verify.
func (t *TOTP) Confirm(ctx context.Context, engineer, code string) error {
	s, err := t.check(ctx, engineer, code, false)
	if err != nil {
		return err
	}
	if s.Confirmed {
		return nil
	}
	s.Confirmed = true
	if err := t.store.PutSecret(ctx, engineer, s); err != nil {
		return fmt.Errorf("stepup: totp: store: %w", err)
	}
	return nil
}

// Verify checks a code for a confirmed enrolment, accepting the current
// 30-second step and one either side. Each step is usable once, and a code
// from a step at or before the last used one is refused (ErrReplayed).
func (t *TOTP) Verify(ctx context.Context, engineer, code string) error {
	_, err := t.check(ctx, engineer, code, true)
	return err
}

// Enrolled reports whether engineer has a confirmed authenticator.
func (t *TOTP) Enrolled(ctx context.Context, engineer string) (bool, error) {
	s, err := t.store.GetSecret(ctx, engineer)
	switch {
	case errors.Is(err, ErrNotEnrolled):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("stepup: totp: load: %w", err)
	}
	return s.Confirmed, nil
}

// check verifies a code, counting wrong ones against the rate limit.
func (t *TOTP) check(ctx context.Context, engineer, code string, requireConfirmed bool) (Sealed, error) {
	now := t.now()
	n, err := t.store.Failures(ctx, engineer, now.Add(-t.window))
	if err != nil && !errors.Is(err, ErrNotEnrolled) {
		return Sealed{}, fmt.Errorf("stepup: totp: failures: %w", err)
	}
	if n >= t.maxFailures {
		return Sealed{}, ErrTooManyAttempts
	}
	s, err := t.verify(ctx, engineer, code, requireConfirmed)
	switch {
	case errors.Is(err, ErrInvalidCode), errors.Is(err, ErrReplayed):
		if _, ferr := t.store.RecordFailure(ctx, engineer, now, t.window); ferr != nil {
			return Sealed{}, fmt.Errorf("stepup: totp: record failure: %w", ferr)
		}
	case err == nil && n > 0:
		if cerr := t.store.ClearFailures(ctx, engineer); cerr != nil {
			return Sealed{}, fmt.Errorf("stepup: totp: clear failures: %w", cerr)
		}
	}
	return s, err
}

func (t *TOTP) verify(ctx context.Context, engineer, code string, requireConfirmed bool) (Sealed, error) {
	s, err := t.store.GetSecret(ctx, engineer)
	if err != nil {
		if errors.Is(err, ErrNotEnrolled) {
			return Sealed{}, ErrNotEnrolled
		}
		return Sealed{}, fmt.Errorf("stepup: totp: load: %w", err)
	}
	if requireConfirmed && !s.Confirmed {
		return Sealed{}, fmt.Errorf("%w: %s", ErrNotEnrolled, errNotConfirmedText)
	}
	code = strings.Join(strings.Fields(code), "")
	if !isDigits(code, TOTPDigits) {
		return Sealed{}, ErrInvalidCode
	}
	secret, err := t.open(s.KeyID, s.Nonce, s.Ciphertext, secretAD(engineer))
	if err != nil {
		return Sealed{}, fmt.Errorf("stepup: totp: open secret: %w", err)
	}
	defer clear(secret)

	now := t.now().Unix()
	if now < 0 {
		return Sealed{}, ErrInvalidCode
	}
	cur := now / int64(TOTPPeriod/time.Second)
	opts := hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	matched := int64(-1)
	// Check every step in the window without stopping early.
	for step := cur - totpSkew; step <= cur+totpSkew; step++ {
		if step < 0 {
			continue
		}
		want, err := hotp.GenerateCodeCustom(string(secret), uint64(step), opts)
		if err != nil {
			return Sealed{}, fmt.Errorf("stepup: totp: generate: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && step > matched {
			matched = step
		}
	}
	if matched < 0 {
		return Sealed{}, ErrInvalidCode
	}
	fresh, err := t.store.MarkUsed(ctx, engineer, matched)
	if err != nil {
		return Sealed{}, fmt.Errorf("stepup: totp: mark used: %w", err)
	}
	if !fresh {
		return Sealed{}, ErrReplayed
	}
	return s, nil
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
