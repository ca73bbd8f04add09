package dashboard

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
)

// csrfCookie holds a random per-browser nonce. A form's token is an HMAC of
// that nonce and the signed-in engineer under a server key, so a token is
// useless without the cookie (another site cannot read it), useless for
// another engineer, and cannot be forged by a site that plants a cookie
// (it lacks the key). SameSite=Strict keeps the cookie off cross-site posts
// as a second line.
const csrfCookie = "warroom_csrf"

type csrfKey struct{ key []byte }

func newCSRFKey(secret []byte) csrfKey {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("warroom dashboard csrf v1"))
	return csrfKey{key: m.Sum(nil)}
}

func (k csrfKey) mac(nonce, engineer string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(engineer + "\x00" + nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func wellFormedNonce(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == 32
}

// token is the viewer's form token, setting the nonce cookie if the browser
// has none yet.
func (k csrfKey) token(w http.ResponseWriter, r *http.Request, engineer string, secureCookie bool) string {
	if c, err := r.Cookie(csrfCookie); err == nil && wellFormedNonce(c.Value) {
		return k.mac(c.Value, engineer)
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	nonce := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: nonce, Path: "/", HttpOnly: true,
		Secure: secureCookie, SameSite: http.SameSiteStrictMode})
	return k.mac(nonce, engineer)
}

// valid checks the posted token against the cookie and the engineer.
func (k csrfKey) valid(r *http.Request, engineer string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || !wellFormedNonce(c.Value) {
		return false
	}
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(k.mac(c.Value, engineer)))
}

// sameOrigin refuses a request a browser says came from elsewhere: Origin
// must name this host, and Fetch Metadata must not say cross-site. A client
// that sends neither still needs the token.
func sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		return err == nil && u.Host != "" && u.Host == r.Host
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	}
	return false
}
