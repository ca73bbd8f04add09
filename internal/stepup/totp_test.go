package stepup

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"image/png"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// gcmSealer is a minimal AES-256-GCM seal/open pair for tests.
type gcmSealer struct {
	aead cipher.AEAD
}

func newGCM(t *testing.T) *gcmSealer {
	t.Helper()
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	b, err := aes.NewCipher(k)
	if err != nil {
		t.Fatal(err)
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		t.Fatal(err)
	}
	return &gcmSealer{aead: a}
}

func (g *gcmSealer) Seal(pt, ad []byte) (string, []byte, []byte, error) {
	n := make([]byte, g.aead.NonceSize())
	if _, err := rand.Read(n); err != nil {
		return "", nil, nil, err
	}
	return "k1", n, g.aead.Seal(nil, n, pt, ad), nil
}

func (g *gcmSealer) Open(keyID string, n, ct, ad []byte) ([]byte, error) {
	if keyID != "k1" {
		return nil, errors.New("unknown key")
	}
	return g.aead.Open(nil, n, ct, ad)
}

type totpFixture struct {
	tp    *TOTP
	store *MemoryStore
	clk   *fakeClock
}

func newTOTPFixture(t *testing.T) *totpFixture {
	t.Helper()
	g := newGCM(t)
	st := NewMemoryStore()
	clk := newClock()
	tp, err := NewTOTP(TOTPOptions{Issuer: "WarRoom", Store: st, Now: clk.Now, Seal: g.Seal, Open: g.Open})
	if err != nil {
		t.Fatal(err)
	}
	return &totpFixture{tp: tp, store: st, clk: clk}
}

// codeAt computes the code an authenticator app shows at time at.
func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := hotp.GenerateCodeCustom(secret, uint64(at.Unix()/30), hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// enrolled enrols and confirms engineer at the current time and returns the
// secret. The clock is then moved 5 minutes on, clear of the confirm step.
func (f *totpFixture) enrolled(t *testing.T, engineer string) string {
	t.Helper()
	ctx := context.Background()
	e, err := f.tp.Enroll(ctx, engineer)
	if err != nil {
		t.Fatal(err)
	}
	k, err := otp.NewKeyFromURL(e.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.tp.Confirm(ctx, engineer, codeAt(t, k.Secret(), f.clk.Now())); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	f.clk.Set(f.clk.Now().Add(5 * time.Minute))
	return k.Secret()
}

func TestTOTPWindow(t *testing.T) {
	tests := []struct {
		name   string
		offset time.Duration
		want   error
	}{
		{"now", 0, nil},
		{"previous step", -30 * time.Second, nil},
		{"next step", 30 * time.Second, nil},
		{"two steps back", -60 * time.Second, ErrInvalidCode},
		{"two steps ahead", 60 * time.Second, ErrInvalidCode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newTOTPFixture(t)
			sec := f.enrolled(t, "alice")
			// Start of a step, so ±30s lands exactly one step away.
			now := f.clk.Now().Truncate(30 * time.Second).Add(10 * time.Second)
			f.clk.Set(now)
			err := f.tp.Verify(context.Background(), "alice", codeAt(t, sec, now.Add(tc.offset)))
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTOTPReplayAndErrors(t *testing.T) {
	ctx := context.Background()
	f := newTOTPFixture(t)
	sec := f.enrolled(t, "alice")
	now := f.clk.Now()

	steps := []struct {
		name     string
		engineer string
		code     string
		want     error
	}{
		{"valid", "alice", codeAt(t, sec, now), nil},
		{"same code twice", "alice", codeAt(t, sec, now), ErrReplayed},
		{"next step accepted", "alice", codeAt(t, sec, now.Add(30*time.Second)), nil},
		{"code from before a used step", "alice", codeAt(t, sec, now.Add(-30*time.Second)), ErrReplayed},
		{"malformed code", "alice", "000000x", ErrInvalidCode},
		{"wrong code", "alice", codeAt(t, sec, now.Add(10*time.Minute)), ErrInvalidCode},
		{"unknown engineer", "mallory", codeAt(t, sec, now), ErrNotEnrolled},
	}
	for _, s := range steps {
		err := f.tp.Verify(ctx, s.engineer, s.code)
		if !errors.Is(err, s.want) || (s.want == nil && err != nil) {
			t.Fatalf("%s: Verify = %v, want %v", s.name, err, s.want)
		}
	}
}

func TestTOTPEnrolment(t *testing.T) {
	ctx := context.Background()
	f := newTOTPFixture(t)
	e, err := f.tp.Enroll(ctx, "bob@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(e.PNG, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("QR is not a PNG")
	}
	if _, err := png.Decode(bytes.NewReader(e.PNG)); err != nil {
		t.Fatalf("png decode: %v", err)
	}
	u, err := url.Parse(e.URL)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("url %q: %v", e.URL, err)
	}
	k, _ := otp.NewKeyFromURL(e.URL)
	if k.Issuer() != "WarRoom" || u.Query().Get("issuer") != "WarRoom" || k.AccountName() != "bob@example.com" || k.Secret() == "" {
		t.Fatalf("issuer %q account %q", k.Issuer(), k.AccountName())
	}
	if k.Period() != 30 || k.Digits() != otp.DigitsSix {
		t.Fatalf("period %d digits %v", k.Period(), k.Digits())
	}

	// Stored sealed, never in clear.
	s, err := f.store.GetSecret(ctx, "bob@example.com")
	if err != nil || s.Confirmed || bytes.Contains(s.Ciphertext, []byte(k.Secret())) || len(s.Nonce) == 0 {
		t.Fatalf("stored %+v, %v", s, err)
	}

	now := f.clk.Now()
	// Not confirmed: Verify refuses even a right code.
	if err := f.tp.Verify(ctx, "bob@example.com", codeAt(t, k.Secret(), now)); !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("verify before confirm = %v", err)
	}
	if err := f.tp.Confirm(ctx, "bob@example.com", "123"); !errors.Is(err, ErrInvalidCode) {
		t.Fatalf("confirm bad code = %v", err)
	}
	if s, _ := f.store.GetSecret(ctx, "bob@example.com"); s.Confirmed {
		t.Fatal("confirmed by a bad code")
	}
	if err := f.tp.Confirm(ctx, "bob@example.com", codeAt(t, k.Secret(), now.Add(30*time.Second))); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	// The confirmation code cannot be reused.
	if err := f.tp.Verify(ctx, "bob@example.com", codeAt(t, k.Secret(), now.Add(30*time.Second))); !errors.Is(err, ErrReplayed) {
		t.Fatalf("reuse confirm code = %v", err)
	}
	if _, err := f.tp.Enroll(ctx, "bob@example.com"); !errors.Is(err, ErrAlreadyEnrolled) {
		t.Fatalf("re-enrol = %v", err)
	}
	if err := f.tp.Confirm(ctx, "nobody", "123456"); !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("confirm unknown = %v", err)
	}

	// A sealed secret is bound to its engineer: copied to another, it fails to open.
	f.clk.Set(now.Add(10 * time.Minute))
	s, _ = f.store.GetSecret(ctx, "bob@example.com")
	_ = f.store.PutSecret(ctx, "carol", s)
	if err := f.tp.Verify(ctx, "carol", codeAt(t, k.Secret(), f.clk.Now())); err == nil {
		t.Fatal("secret copied to another engineer verified")
	}
}

func TestMemoryStoreMarkUsed(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore()
	for i, c := range []struct {
		eng   string
		step  int64
		fresh bool
	}{{"a", 10, true}, {"a", 10, false}, {"a", 9, false}, {"a", 11, true}, {"b", 5, true}} {
		got, err := m.MarkUsed(ctx, c.eng, c.step)
		if err != nil || got != c.fresh {
			t.Fatalf("%d: MarkUsed(%s,%d) = %v,%v", i, c.eng, c.step, got, err)
		}
	}
}
