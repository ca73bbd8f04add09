package webhook

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// checkParse is the property every parser must have: on success every
// alert validates and carries JSON Raw; on failure the error is ErrMalformed.
func checkParse(t *testing.T, alerts []incident.Alert, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("error does not wrap ErrMalformed: %v", err)
		}
		if alerts != nil {
			t.Fatalf("alerts returned with an error")
		}
		return
	}
	if len(alerts) == 0 {
		t.Fatal("no alerts and no error")
	}
	for i, a := range alerts {
		if verr := a.Validate(); verr != nil {
			t.Fatalf("alert %d does not validate: %v", i, verr)
		}
		if !json.Valid(a.Raw) {
			t.Fatalf("alert %d Raw is not JSON: %q", i, a.Raw)
		}
		// What the intake stores must round-trip through JSON.
		if _, merr := json.Marshal(a); merr != nil {
			t.Fatalf("alert %d does not marshal: %v", i, merr)
		}
	}
}

func addFiles(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(readTestdata(f, n))
	}
}

func FuzzParseAlertmanager(f *testing.F) {
	addFiles(f, "alertmanager_firing.json", "alertmanager_resolved.json", "grafana_firing.json")
	f.Add([]byte(`{"version":"4","alerts":[{"status":"firing","labels":{"a":"b"},"startsAt":"2030-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"version":"4","alerts":[]}`))
	f.Add([]byte(`{"version":"4","alerts":[{"status":"resolved","fingerprint":" ","labels":{},"startsAt":"9999-12-31T23:59:59-01:00"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		alerts, err := ParseAlertmanager(body)
		checkParse(t, alerts, err)
	})
}

func FuzzParseGrafana(f *testing.F) {
	addFiles(f, "grafana_firing.json", "grafana_resolved.json", "alertmanager_firing.json")
	f.Add([]byte(`{"version":"1","orgId":1,"alerts":[{"status":"firing","labels":{"a":"b"},"startsAt":"2030-01-01T00:00:00Z","dashboardURL":"x"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		alerts, err := ParseGrafana(body)
		checkParse(t, alerts, err)
	})
}

func FuzzParseDatadog(f *testing.F) {
	for _, n := range []string{"datadog_default.json", "datadog_custom_triggered.json", "datadog_custom_recovered.json"} {
		b := readTestdata(f, n)
		f.Add(b, "application/json")
		f.Add([]byte(url.Values{"payload": {string(b)}}.Encode()), "application/x-www-form-urlencoded")
		f.Add([]byte(url.QueryEscape(string(b))), "application/x-www-form-urlencoded")
	}
	f.Add([]byte(`title=%5BTriggered%5D+x&date=1893456000000&tags=%5B%22a%3Ab%22%5D&org=%7B%22id%22%3A1%7D`), "")
	f.Add([]byte(`{"title":"[P1] [Recovered on {a:b}]","date":1e12}`), "text/plain")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		alerts, err := ParseDatadog(body, contentType)
		checkParse(t, alerts, err)
		if err == nil && len(alerts) != 1 {
			t.Fatalf("got %d alerts, want 1", len(alerts))
		}
	})
}

func FuzzParseGeneric(f *testing.F) {
	addFiles(f, "generic_single.json", "generic_batch.json")
	f.Add([]byte(`{"title":"t","starts_at":"2030-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"alerts":[{"summary":"s","timestamp":"2030-01-01T00:00:00+14:00","status":"OK","dedup_key":1e400}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		alerts, err := ParseGeneric(body)
		checkParse(t, alerts, err)
	})
}

// FuzzHMACSignature: verification never panics, accepts exactly what
// Signature produced for the same secret, timestamp and body, and otherwise
// fails with ErrUnauthenticated or ErrStale.
func FuzzHMACSignature(f *testing.F) {
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	f.Add([]byte("secret"), "1893499200", []byte(`{"version":"1"}`), "", true)
	f.Add([]byte("secret"), "", []byte(`{}`), "sha256=00", false)
	f.Add([]byte(""), "1", []byte(``), "zz", true)
	f.Add([]byte("k"), "-9223372036854775808", []byte(`x`), "", true)
	f.Fuzz(func(t *testing.T, secret []byte, ts string, body []byte, sig string, useTS bool) {
		a := HMACSignature{Secret: secret}
		h := http.Header{}
		if useTS {
			a.TimestampHeader = "X-Timestamp"
			h.Set("X-Timestamp", ts)
		}
		h.Set(DefaultSignatureHeader, sig)
		err := a.Authenticate(h, body, now)
		if err != nil && !errors.Is(err, ErrUnauthenticated) && !errors.Is(err, ErrStale) {
			t.Fatalf("unexpected error class: %v", err)
		}
		if err == nil && len(secret) == 0 {
			t.Fatal("empty secret authenticated")
		}

		// A correct signature over the canonical timestamp header value.
		signedTS := ""
		if useTS {
			signedTS = h.Get("X-Timestamp")
		}
		h.Set(DefaultSignatureHeader, Signature(secret, signedTS, body))
		err = a.Authenticate(h, body, now)
		switch {
		case len(secret) == 0:
			if !errors.Is(err, ErrUnauthenticated) {
				t.Fatalf("empty secret: %v", err)
			}
		case !useTS:
			if err != nil {
				t.Fatalf("valid body-only signature rejected: %v", err)
			}
		case err != nil && !errors.Is(err, ErrStale) && !errors.Is(err, ErrUnauthenticated):
			t.Fatalf("unexpected error class: %v", err)
		default:
			sec, perr := strconv.ParseInt(ts, 10, 64)
			fresh := perr == nil && sec >= now.Unix()-300 && sec <= now.Unix()+300
			if fresh && err != nil {
				t.Fatalf("valid fresh signature rejected: %v", err)
			}
			if !fresh && err == nil {
				t.Fatalf("timestamp %q accepted", ts)
			}
		}
		if err == nil && len(body) > 0 {
			tampered := append([]byte{body[0] ^ 1}, body[1:]...)
			if a.Authenticate(h, tampered, now) == nil {
				t.Fatal("tampered body accepted")
			}
		}
	})
}
