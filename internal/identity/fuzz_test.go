package identity

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// The fuzz targets' key set. The keys are fixed (made with openssl genrsa
// for these tests only) rather than generated, so that the signed tokens in
// testdata/fuzz stay valid from run to run.
const (
	fuzzIssuer   = "https://warroom-fuzz.eu.auth0.com/"
	fuzzAudience = "https://api.warroom.test"
	fuzzKid      = "fuzz-k1"  // fuzzKeyPEM's public key, for signatures
	fuzzOtherKid = "fuzz-k2"  // fuzzOtherPubPEM: a real key whose private half the tests lack
	fuzzEncKid   = "fuzz-enc" // fuzzKeyPEM's public key again, but "use":"enc": never for signatures
	fuzzJWKSURL  = "https://warroom-fuzz.eu.auth0.com/.well-known/jwks.json"
)

// fuzzSigKids are the kids a token may be accepted under.
var fuzzSigKids = []string{fuzzKid, fuzzOtherKid}

var fuzzNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const fuzzKeyPEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDseVGv9txRicO4
gRPGghKm2OIst2kpuQKLJ/5aA/jKfmhm+vN+CDaYADAuUO5SP74oUeQST2+ID99/
zDjAziWTkBD2JxUvHOR11rzJsYYh0Di6u1SCj65Kwa/rIF3V9wRZpYBRgpWJ69in
6WOPdhStHqIYd9Fjh/xVgHmAsofYjMUzuMx0K6QsR/UQ3H8Y1spmSWLJTRxbSC8h
92IJYBVT9TLTrj7q+solFo8PYlaRYA9MRc4zDsLQODCN3sH5xwXxpBGy8i2WdMfQ
0Uf095o6cWN60P8ZJ4w7n6ovilZbAR6/IE3r7QwP/XbT69VahRU65WDhhgSdAFMu
ktF00wnzAgMBAAECggEAa99L7EFob6mwptH6+2sKpyH4yv0/89B54JD17ooxS+4u
IgwIV03X2a78S6SPkuWREUOKDvA9qIvVIK9AlHN1oMLvedqKR1uevEKhDED3NyWN
O2GJQ6XXlDKW1WOGarysN1jQGF7BaJE13CMTT7ZF6FM5DoBZ/FVkPnzE8HiAj7+H
F8ZYTpuLQGvT36mqhKswGRQ2iBcOygEsVid6358NCBThV9pBsUUtg6PaWv+LiGPr
DJ+dBnrnau1Ec9UYQPg7UkRi3pzZJKlrd2FDndDPZUM3PpdRcAiuRCVTTY8zHacx
frf5eT3WU37NdmUCw5KFHXdRHjWbdZQjfy0mTF5YgQKBgQD42j8DnB2YhlNA+0Hq
NvomLAOHEw9RZyyrbEg9JzuHRDRE/nPXueAu/hYApkUFt4V9ptobGQIma0OMCOnQ
N7fTsKz84jbAhObFkGqL+pQ1Vq05ta0on7Wf2v7KTjs/AWt74a9dlBWuh4gz6TpC
lftqKmDmoC4MJm0CO+G2Y+rQaQKBgQDzRA5NA7o/vve/1lO6x4HmtWgLjzbztFSX
t/sJseY+rDNjI9cPELYNaQdJb8/IHgUmKJVWBVySwPwu9PKmE9liQPe47PVQa8Cz
ZX1zts4lvtH2YGH4hskBtZx+t2512BeHAG8n9UULURASk6wVQ1y5PrhHYLq9P5Hv
2WiDUPy7+wKBgQCpk3dLS2/zht1ms5D4PJx7tJR20CspCoirC++yFHEBPR3tQgPI
pnY5L5XovWTdf3Cs7i1EN+d6LK/r1gsWg1F2JLfM34315NqpGD8ywf+K1VTXtZCY
1TRcCUyEqYi/54TJ90GcIBQiSWMsFKtJwpB/iP9dSRv31ZuE4S9vLWlOuQKBgHBC
MKNDnBg8pRGm8z6XQI/ZmOj0rvQpfHwDD9q6eLjlOFWAvYabPJfVpuIxsd30VIX2
Zmuqz7x9SCLXMH6JXGCmAGsbFl2FTAi9RfY3Hsx2UWfztGI+uNWMHGqxdUz2am0H
O0RiP/ln8BXSha/ORSTLF7kAn0wj4NGhL0SiA+8vAoGAcgqdS5jTROcwDWptAgos
DG4eDv709mIse5ywps2TpX2UvXyrGiTmXy2W4mKPlxEHEugMVlXMZlzwgL5Thy5V
qxivVYEWjX5J6MU/eRiHcCS9QLckMaD12VhMuIDpa0Wg8R2n37a21NmMSiXsJHWL
ulyiVbbCBYZps8iMWky6AFY=
-----END PRIVATE KEY-----
`

const fuzzOtherPubPEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzKDAuzn+LJsoIpPNJ/RE
39HF1KDFAn8BhaqtQM25esVD3vSspNYSJOuPpaoZOCJ+m6mtZNkldup1Yg9J+gxz
nlxpSjOQnyssHqKkXksDJUeU1HE2j9e5JpPxNGjguAgYODe71Tq6Xj1HT44OOqMR
grvwFNb9225nWv5+0u/wYdCYGz8sQXSdRUVLUYEGKs/q6ePfWhcuMtw7s7B1TrNE
W3x4fpvavHpW4sAWcqtEy+E1Ce361lw8kOYIWSPY/YJ+jXMeJeAinqKeIEw+ZzgT
gPiX9iGfQPRcKAD/WRUyRKzY4DRnFpuT2aFJG3PiU7+3qfD3Hhq1/Nse1Bco5Fpv
AwIDAQAB
-----END PUBLIC KEY-----
`

func fuzzKeys(f *testing.F) (priv *rsa.PrivateKey, pubs map[string]*rsa.PublicKey) {
	f.Helper()
	b, _ := pem.Decode([]byte(fuzzKeyPEM))
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		f.Fatal(err)
	}
	priv = k.(*rsa.PrivateKey)
	b, _ = pem.Decode([]byte(fuzzOtherPubPEM))
	p, err := x509.ParsePKIXPublicKey(b.Bytes)
	if err != nil {
		f.Fatal(err)
	}
	return priv, map[string]*rsa.PublicKey{fuzzKid: &priv.PublicKey, fuzzOtherKid: p.(*rsa.PublicKey)}
}

// fuzzJWKS serves the key set in-process: the two signing keys plus entries
// fetchKeys must skip (an encryption key, an RS512 key, a key without kid).
type fuzzJWKS struct{ body []byte }

func newFuzzJWKS(f *testing.F, pubs map[string]*rsa.PublicKey) fuzzJWKS {
	f.Helper()
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: pubs[fuzzKid], KeyID: fuzzKid, Algorithm: string(jose.RS256), Use: "sig"},
		{Key: pubs[fuzzOtherKid], KeyID: fuzzOtherKid, Use: "sig"},
		{Key: pubs[fuzzKid], KeyID: fuzzEncKid, Use: "enc"},
		{Key: pubs[fuzzKid], KeyID: "fuzz-rs512", Algorithm: string(jose.RS512)},
		{Key: pubs[fuzzOtherKid]},
	}}
	b, err := json.Marshal(set)
	if err != nil {
		f.Fatal(err)
	}
	return fuzzJWKS{body: b}
}

func (j fuzzJWKS) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.String() != fuzzJWKSURL {
		return &http.Response{StatusCode: http.StatusNotFound, Body: http.NoBody, Request: r}, nil
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(j.body)), Request: r}, nil
}

func newFuzzValidator(f *testing.F) (*Validator, *rsa.PrivateKey, map[string]*rsa.PublicKey) {
	f.Helper()
	priv, pubs := fuzzKeys(f)
	v, err := NewValidator(context.Background(), Options{
		Issuer: fuzzIssuer, Audience: fuzzAudience, JWKSURL: fuzzJWKSURL,
		HTTPClient: &http.Client{Transport: newFuzzJWKS(f, pubs)},
	})
	if err != nil {
		f.Fatal(err)
	}
	v.now = func() time.Time { return fuzzNow }
	return v, priv, pubs
}

// fuzzB64 decodes a base64url part as go-jose does (trailing '=' allowed).
func fuzzB64(s string) ([]byte, bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil
}

// fuzzSign makes a compact RS256 JWS over header and payload with key.
func fuzzSign(t testing.TB, key *rsa.PrivateKey, header, payload []byte) string {
	t.Helper()
	input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString(payload)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// fuzzCheckAccepted is what an accepted token must be, checked without the
// validator's code: an RS256 JWS whose header and payload (as decoded)
// were signed by the key its kid names in the set, carrying exactly the
// claims returned, which pass the issuer, audience and time checks.
func fuzzCheckAccepted(t *testing.T, pubs map[string]*rsa.PublicKey, raw string, c Claims) {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("accepted a token of %d parts", len(parts))
	}
	var dec [3][]byte
	for i, p := range parts {
		var ok bool
		if dec[i], ok = fuzzB64(p); !ok {
			t.Fatalf("accepted a token whose part %d is not base64url", i)
		}
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(dec[0], &header); err != nil {
		t.Fatalf("accepted a token whose header is not JSON: %v", err)
	}
	if header.Alg != "RS256" {
		t.Fatalf("accepted alg %q", header.Alg)
	}
	if !slices.Contains(fuzzSigKids, header.Kid) {
		t.Fatalf("accepted kid %q, which is not a signing key of the set", header.Kid)
	}
	// The signature must cover the header and payload as decoded: go-jose
	// re-encodes both before verifying, so that is what the key signed.
	input := base64.RawURLEncoding.EncodeToString(dec[0]) + "." + base64.RawURLEncoding.EncodeToString(dec[1])
	sum := sha256.Sum256([]byte(input))
	if err := rsa.VerifyPKCS1v15(pubs[header.Kid], crypto.SHA256, sum[:], dec[2]); err != nil {
		t.Fatalf("accepted a token that %s did not sign: %v", header.Kid, err)
	}
	var claims map[string]any
	if err := json.Unmarshal(dec[1], &claims); err != nil {
		t.Fatalf("accepted a payload that is not a JSON object: %v", err)
	}
	if !reflect.DeepEqual(claims, c.Raw) {
		t.Fatalf("returned claims %v differ from the signed ones %v", c.Raw, claims)
	}
	if c.Issuer != fuzzIssuer || claims["iss"] != fuzzIssuer {
		t.Fatalf("accepted issuer %q", c.Issuer)
	}
	if !slices.Contains(c.Audience, fuzzAudience) {
		t.Fatalf("accepted audience %q", c.Audience)
	}
	if !fuzzNow.Before(c.ExpiresAt.Add(defaultLeeway)) {
		t.Fatalf("accepted a token that expired at %v", c.ExpiresAt)
	}
	if sub, _ := claims["sub"].(string); c.Subject != sub {
		t.Fatalf("subject %q, signed %q", c.Subject, sub)
	}
	seen := map[string]bool{}
	for _, s := range c.Scopes {
		if s == "" || seen[s] {
			t.Fatalf("scopes %q: empty or repeated", c.Scopes)
		}
		seen[s] = true
	}
}

// fuzzCheckRejected: every refusal wraps ErrInvalidToken and exactly names a
// check, and never quotes the token.
func fuzzCheckRejected(t *testing.T, raw string, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("error does not wrap ErrInvalidToken: %v", err)
	}
	if publicMessage(err) == ErrInvalidToken.Error() {
		t.Fatalf("error names no check: %v", err)
	}
	if len(raw) >= 24 && strings.Contains(err.Error(), raw) {
		t.Fatal("error quotes the token")
	}
}

// FuzzValidateToken feeds arbitrary bytes as a bearer token: no panic, every
// refusal is a typed ErrInvalidToken, and whatever is accepted was signed by
// a signing key of the set (see fuzzCheckAccepted).
func FuzzValidateToken(f *testing.F) {
	v, priv, pubs := newFuzzValidator(f)
	hdr := []byte(`{"alg":"RS256","typ":"JWT","kid":"fuzz-k1"}`)
	good := []byte(`{"iss":"https://warroom-fuzz.eu.auth0.com/","sub":"auth0|alice","aud":["https://api.warroom.test","https://warroom-fuzz.eu.auth0.com/userinfo"],"iat":1772366400,"exp":1772370000,"scope":"openid read:incidents"}`)
	f.Add(fuzzSign(f, priv, hdr, good))
	f.Add(fuzzSign(f, priv, []byte(`{"alg":"RS256","kid":"fuzz-enc"}`), good))
	f.Add(fuzzSign(f, priv, []byte(`{"alg":"RS256","kid":"fuzz-k2"}`), good))
	f.Add(fuzzSign(f, priv, hdr, []byte(`{"iss":"https://warroom-fuzz.eu.auth0.com/","aud":"https://api.warroom.test","exp":1772366000}`)))
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
	f.Add("..")
	f.Add("")
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := v.Validate(context.Background(), raw)
		if err != nil {
			fuzzCheckRejected(t, raw, err)
			return
		}
		fuzzCheckAccepted(t, pubs, raw, c)
	})
}

// FuzzValidateSigned signs arbitrary header and payload bytes with the
// fixed key, so the fuzzer reaches the claim checks: an accepted token meets
// fuzzCheckAccepted, and changing one byte of its payload or signature gets it
// refused.
func FuzzValidateSigned(f *testing.F) {
	v, priv, pubs := newFuzzValidator(f)
	hdr := `{"alg":"RS256","typ":"JWT","kid":"fuzz-k1"}`
	for _, s := range [][2]string{
		{hdr, `{"iss":"https://warroom-fuzz.eu.auth0.com/","sub":"auth0|alice","aud":["https://api.warroom.test","https://warroom-fuzz.eu.auth0.com/userinfo"],"iat":1772366400,"exp":1772370000,"azp":"client-1","scope":"openid read:incidents"}`},
		{hdr, `{"iss":"https://warroom-fuzz.eu.auth0.com/","sub":"bot@clients","aud":"https://api.warroom.test","exp":1772366430.5,"nbf":1772366450,"permissions":["approve:actions","approve:actions"]}`},
		{`{"alg":"RS256","kid":"fuzz-k2"}`, `{"iss":"https://warroom-fuzz.eu.auth0.com/","aud":"https://api.warroom.test","exp":1772370000}`},
		{`{"alg":"HS256","kid":"fuzz-k1"}`, `{}`},
		{hdr, `{"iss":"https://warroom-fuzz.eu.auth0.com","aud":"https://api.warroom.test","exp":1e12}`},
	} {
		f.Add([]byte(s[0]), []byte(s[1]), uint16(0))
	}
	f.Fuzz(func(t *testing.T, header, payload []byte, flip uint16) {
		raw := fuzzSign(t, priv, header, payload)
		c, err := v.Validate(context.Background(), raw)
		if err != nil {
			fuzzCheckRejected(t, raw, err)
			return
		}
		fuzzCheckAccepted(t, pubs, raw, c)
		// Flip one byte of the payload (then re-encode it), and one bit of
		// the signature: neither may be accepted.
		p := bytes.Clone(payload)
		p[int(flip)%len(p)] ^= 1 + byte(flip>>8)%255
		head, _, _ := strings.Cut(raw, ".")
		sig := raw[strings.LastIndex(raw, ".")+1:]
		tampered := head + "." + base64.RawURLEncoding.EncodeToString(p) + "." + sig
		if _, err := v.Validate(context.Background(), tampered); !errors.Is(err, ErrSignature) {
			t.Fatalf("payload byte %d changed: Validate = %v, want ErrSignature", int(flip)%len(p), err)
		}
		s, _ := fuzzB64(sig)
		s[int(flip)%len(s)] ^= 1 << (flip >> 13)
		tampered = raw[:strings.LastIndex(raw, ".")+1] + base64.RawURLEncoding.EncodeToString(s)
		if _, err := v.Validate(context.Background(), tampered); !errors.Is(err, ErrSignature) {
			t.Fatalf("signature bit flipped: Validate = %v, want ErrSignature", err)
		}
	})
}
