package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// cookieSigner signs small JSON values for cookies with HMAC-SHA256. The
// purpose is part of the MAC input, so a value signed for one cookie
// (the login flow) can never be replayed as another (the session).
type cookieSigner struct {
	key []byte
	now func() time.Time
}

var errBadCookie = errors.New("identity: cookie is unsigned, tampered or expired")

const cookieVersion = "v1"

func newCookieSigner(secret []byte, now func() time.Time) cookieSigner {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("warroom identity cookie key v1"))
	return cookieSigner{key: m.Sum(nil), now: now}
}

func (s cookieSigner) mac(purpose, payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(cookieVersion + "\x00" + purpose + "\x00" + payload))
	return m.Sum(nil)
}

// sign encodes v (a struct with an `exp` field set by the caller) as
// "v1.<payload>.<mac>", all base64url.
func (s cookieSigner) sign(purpose string, v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	payload := base64.RawURLEncoding.EncodeToString(b)
	return cookieVersion + "." + payload + "." + base64.RawURLEncoding.EncodeToString(s.mac(purpose, payload)), nil
}

// open verifies value and decodes it into v, which must embed an `exp`
// (Unix seconds); a value at or past exp is rejected.
func (s cookieSigner) open(purpose, value string, v any) error {
	parts := strings.Split(value, ".")
	if len(parts) != 3 || parts[0] != cookieVersion {
		return errBadCookie
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, s.mac(purpose, parts[1])) {
		return errBadCookie
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return errBadCookie
	}
	var exp struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(b, &exp) != nil || exp.Exp == 0 || !s.now().Before(time.Unix(exp.Exp, 0)) {
		return errBadCookie
	}
	if json.Unmarshal(b, v) != nil {
		return errBadCookie
	}
	return nil
}
