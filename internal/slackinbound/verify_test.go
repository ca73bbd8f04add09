package slackinbound

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

func signedHeader(secret string, ts int64, body []byte) http.Header {
	h := http.Header{}
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	h.Set(HeaderSignature, Sign(secret, ts, body))
	return h
}

func TestVerify(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","text":"hi"}}`)
	good := signedHeader(testSecret, now.Unix(), body)

	cases := []struct {
		name   string
		h      http.Header
		body   []byte
		secret string
		now    time.Time
		want   error
	}{
		{"good", good, body, testSecret, now, nil},
		{"good 4m59s old", signedHeader(testSecret, now.Unix()-299, body), body, testSecret, now, nil},
		{"good exactly 5m ahead", signedHeader(testSecret, now.Unix()+300, body), body, testSecret, now, nil},
		{"tampered body", good, []byte(strings.Replace(string(body), "hi", "ho", 1)), testSecret, now, ErrBadSignature},
		{"wrong secret", good, body, "another-secret", now, ErrBadSignature},
		{"empty secret", good, body, "", now, ErrBadSignature},
		{"stale 6 min old", signedHeader(testSecret, now.Unix()-360, body), body, testSecret, now, ErrStale},
		{"future 6 min ahead", signedHeader(testSecret, now.Unix()+360, body), body, testSecret, now, ErrStale},
		{"missing signature", http.Header{HeaderTimestamp: {strconv.FormatInt(now.Unix(), 10)}}, body, testSecret, now, ErrBadSignature},
		{"missing timestamp", http.Header{HeaderSignature: {good.Get(HeaderSignature)}}, body, testSecret, now, ErrBadSignature},
		{"no headers", http.Header{}, body, testSecret, now, ErrBadSignature},
		{"bad hex", withSig(good, "v0=zz"+strings.Repeat("0", 62)), body, testSecret, now, ErrBadSignature},
		{"short hex", withSig(good, "v0=abcd"), body, testSecret, now, ErrBadSignature},
		{"wrong version", withSig(good, strings.Replace(good.Get(HeaderSignature), "v0=", "v1=", 1)), body, testSecret, now, ErrBadSignature},
		{"timestamp not a number", withTS(good, "yesterday"), body, testSecret, now, ErrBadSignature},
		{"signature for another timestamp", withTS(good, strconv.FormatInt(now.Unix()-1, 10)), body, testSecret, now, ErrBadSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.h, tc.body, tc.secret, tc.now)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %v, want errors.Is %v", err, tc.want)
			}
			if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
				t.Errorf("error leaks the secret: %v", err)
			}
			if want := Sign(tc.secret, now.Unix(), tc.body); tc.secret != "" && strings.Contains(err.Error(), strings.TrimPrefix(want, "v0=")) {
				t.Errorf("error leaks the expected signature: %v", err)
			}
		})
	}
}

func withSig(h http.Header, sig string) http.Header {
	c := h.Clone()
	c.Set(HeaderSignature, sig)
	return c
}

func withTS(h http.Header, ts string) http.Header {
	c := h.Clone()
	c.Set(HeaderTimestamp, ts)
	return c
}

// TestVerifyAgreesWithSlackGo checks our implementation against slack-go's
// SecretsVerifier (which always uses the wall clock) on current timestamps.
func TestVerifyAgreesWithSlackGo(t *testing.T) {
	now := time.Now()
	body := []byte(`token=x&command=%2Fwarroom&text=checkout+is+down`)
	slackGo := func(h http.Header, body []byte, secret string) error {
		sv, err := slack.NewSecretsVerifier(h, secret)
		if err != nil {
			return err
		}
		if _, err := sv.Write(body); err != nil {
			return err
		}
		return sv.Ensure()
	}
	cases := []struct {
		name   string
		h      http.Header
		body   []byte
		secret string
		ok     bool
	}{
		{"good", signedHeader(testSecret, now.Unix(), body), body, testSecret, true},
		{"tampered", signedHeader(testSecret, now.Unix(), body), append(bytes.Clone(body), '!'), testSecret, false},
		{"wrong secret", signedHeader("nope", now.Unix(), body), body, testSecret, false},
		{"stale", signedHeader(testSecret, now.Add(-6*time.Minute).Unix(), body), body, testSecret, false},
		{"future", signedHeader(testSecret, now.Add(6*time.Minute).Unix(), body), body, testSecret, false},
		{"empty secret", signedHeader("", now.Unix(), body), body, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ours := Verify(tc.h, tc.body, tc.secret, now)
			theirs := slackGo(tc.h, tc.body, tc.secret)
			if (ours == nil) != tc.ok || (theirs == nil) != tc.ok {
				t.Fatalf("ours=%v slack-go=%v, want ok=%v", ours, theirs, tc.ok)
			}
		})
	}
	// The signature format is the one slack-go computes.
	h := signedHeader(testSecret, now.Unix(), body)
	sv, err := slack.NewSecretsVerifier(h, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	sv.Write(body)
	if err := sv.Ensure(); err != nil {
		t.Fatalf("slack-go rejects Sign's signature: %v", err)
	}
}

func TestVerifyRequest(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"type":"url_verification","challenge":"abc"}`)
	r := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
	r.Header = signedHeader(testSecret, now.Unix(), body)
	got, err := VerifyRequest(r, testSecret, now)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("VerifyRequest = %q, %v", got, err)
	}

	big := bytes.Repeat([]byte("a"), MaxBodyBytes+10)
	r = httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(big))
	r.Header = signedHeader(testSecret, now.Unix(), big)
	if _, err := VerifyRequest(r, testSecret, now); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("oversized body: %v", err)
	}
}
