package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestBearerToken(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		token  string
		header []string // Authorization values; nil = absent
		ok     bool
	}{
		{"good", "s3cret-token", []string{"Bearer s3cret-token"}, true},
		{"scheme lowercase", "s3cret-token", []string{"bearer s3cret-token"}, true},
		{"scheme uppercase, extra spaces", "s3cret-token", []string{"BEARER   s3cret-token  "}, true},
		{"wrong token", "s3cret-token", []string{"Bearer s3cret-tokem"}, false},
		{"prefix of token", "s3cret-token", []string{"Bearer s3cret"}, false},
		{"token plus suffix", "s3cret-token", []string{"Bearer s3cret-token2"}, false},
		{"missing header", "s3cret-token", nil, false},
		{"empty header", "s3cret-token", []string{""}, false},
		{"scheme only", "s3cret-token", []string{"Bearer"}, false},
		{"scheme and space", "s3cret-token", []string{"Bearer "}, false},
		{"basic scheme", "s3cret-token", []string{"Basic czNjcmV0LXRva2Vu"}, false},
		{"basic scheme with the token", "s3cret-token", []string{"Basic s3cret-token"}, false},
		{"token without scheme", "s3cret-token", []string{"s3cret-token"}, false},
		{"empty configured token, empty bearer", "", []string{"Bearer "}, false},
		{"empty configured token, no header", "", nil, false},
		{"empty configured token, some bearer", "", []string{"Bearer x"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tc.header {
				h.Add("Authorization", v)
			}
			err := BearerToken{Token: tc.token}.Authenticate(h, []byte("{}"), now)
			// The receiver refuses on headers alone, before reading a body.
			if herr := (BearerToken{Token: tc.token}).AuthenticateHeaders(h, now); (herr == nil) != (err == nil) {
				t.Fatalf("AuthenticateHeaders = %v, Authenticate = %v", herr, err)
			}
			if tc.ok {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			if !errors.Is(err, ErrUnauthenticated) {
				t.Fatalf("want ErrUnauthenticated, got %v", err)
			}
		})
	}
}

func TestSignatureKnownAnswer(t *testing.T) {
	secret, body := []byte("topsecret"), []byte(`{"a":1}`)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("1700000000:" + string(body)))
	if got, want := Signature(secret, "1700000000", body), hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("Signature with timestamp = %s, want %s", got, want)
	}
	mac = hmac.New(sha256.New, secret)
	mac.Write(body)
	if got, want := Signature(secret, "", body), hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("Signature without timestamp = %s, want %s", got, want)
	}
	if Signature(secret, "", body) == Signature(secret, "1700000000", body) {
		t.Error("timestamp not part of the signature")
	}
}

func TestHMACSignature(t *testing.T) {
	secret := []byte("grafana-hmac-secret")
	body := []byte(`{"version":"1","alerts":[]}`)
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	ts := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	const tsHeader = "X-Grafana-Alerting-Timestamp"

	withTS := HMACSignature{Secret: secret, TimestampHeader: tsHeader}
	bodyOnly := HMACSignature{Secret: secret}

	type req struct {
		headers map[string]string
		body    []byte
	}
	tests := []struct {
		name    string
		auth    HMACSignature
		req     req
		wantErr error // nil = success
	}{
		{"body only good", bodyOnly, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)}, body}, nil},
		{"body only uppercase hex", bodyOnly, req{map[string]string{DefaultSignatureHeader: strings.ToUpper(Signature(secret, "", body))}, body}, nil},
		{"sha256= prefix", bodyOnly, req{map[string]string{DefaultSignatureHeader: "sha256=" + Signature(secret, "", body)}, body}, nil},
		{"custom header", HMACSignature{Secret: secret, SignatureHeader: "X-Sig"}, req{map[string]string{"X-Sig": Signature(secret, "", body)}, body}, nil},
		{"custom header, sent in default", HMACSignature{Secret: secret, SignatureHeader: "X-Sig"}, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)}, body}, ErrUnauthenticated},
		{"timestamp good", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(0), body), tsHeader: ts(0)}, body}, nil},
		{"timestamp within skew past", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(-4*time.Minute), body), tsHeader: ts(-4 * time.Minute)}, body}, nil},
		{"timestamp within skew future", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(4*time.Minute), body), tsHeader: ts(4 * time.Minute)}, body}, nil},
		{"timestamp at skew edge", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(-5*time.Minute), body), tsHeader: ts(-5 * time.Minute)}, body}, nil},
		{"stale timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(-6*time.Minute), body), tsHeader: ts(-6 * time.Minute)}, body}, ErrStale},
		{"future timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(6*time.Minute), body), tsHeader: ts(6 * time.Minute)}, body}, ErrStale},
		{"custom skew", HMACSignature{Secret: secret, TimestampHeader: tsHeader, MaxSkew: 30 * time.Second},
			req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(-time.Minute), body), tsHeader: ts(-time.Minute)}, body}, ErrStale},
		{"extreme timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, "9223372036854775807", body), tsHeader: "9223372036854775807"}, body}, ErrStale},
		{"negative extreme timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, "-9223372036854775808", body), tsHeader: "-9223372036854775808"}, body}, ErrStale},
		{"missing timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)}, body}, ErrUnauthenticated},
		{"non-numeric timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, "soon", body), tsHeader: "soon"}, body}, ErrUnauthenticated},
		{"timestamp header but body-only signature", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body), tsHeader: ts(0)}, body}, ErrUnauthenticated},
		{"signature for another timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(-time.Second), body), tsHeader: ts(0)}, body}, ErrUnauthenticated},
		{"stale and wrong signature", withTS, req{map[string]string{DefaultSignatureHeader: Signature([]byte("other"), ts(-time.Hour), body), tsHeader: ts(-time.Hour)}, body}, ErrUnauthenticated},
		{"wrong secret", bodyOnly, req{map[string]string{DefaultSignatureHeader: Signature([]byte("other-secret"), "", body)}, body}, ErrUnauthenticated},
		{"tampered body", bodyOnly, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)}, []byte(`{"version":"1","alerts":[{}]}`)}, ErrUnauthenticated},
		{"tampered body with timestamp", withTS, req{map[string]string{DefaultSignatureHeader: Signature(secret, ts(0), body), tsHeader: ts(0)}, append([]byte(" "), body...)}, ErrUnauthenticated},
		{"missing signature", bodyOnly, req{map[string]string{}, body}, ErrUnauthenticated},
		{"non-hex signature", bodyOnly, req{map[string]string{DefaultSignatureHeader: "zz" + Signature(secret, "", body)[2:]}, body}, ErrUnauthenticated},
		{"odd-length hex", bodyOnly, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)[1:]}, body}, ErrUnauthenticated},
		{"truncated signature", bodyOnly, req{map[string]string{DefaultSignatureHeader: Signature(secret, "", body)[:32]}, body}, ErrUnauthenticated},
		{"prefix only", bodyOnly, req{map[string]string{DefaultSignatureHeader: "sha256="}, body}, ErrUnauthenticated},
		{"base64 signature", bodyOnly, req{map[string]string{DefaultSignatureHeader: "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="}, body}, ErrUnauthenticated},
		{"empty secret", HMACSignature{}, req{map[string]string{DefaultSignatureHeader: Signature(nil, "", body)}, body}, ErrUnauthenticated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.req.headers {
				h.Set(k, v)
			}
			err := tc.auth.Authenticate(h, tc.req.body, now)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("want %v, got %v", tc.wantErr, err)
			}
			if tc.wantErr == ErrUnauthenticated && errors.Is(err, ErrStale) {
				t.Fatalf("got ErrStale, want plain ErrUnauthenticated: %v", err)
			}
		})
	}
}
