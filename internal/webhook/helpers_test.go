package webhook

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// readTestdata returns testdata/name.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustJSON marshals v for building payload variants.
func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeMap decodes a JSON object for mutation in table tests.
func decodeMap(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// firstAlert returns the first element of m["alerts"] for mutation.
func firstAlert(m map[string]any) map[string]any {
	return m["alerts"].([]any)[0].(map[string]any)
}

// checkAlerts asserts the invariants every parser promises.
func checkAlerts(t testing.TB, alerts []incident.Alert, source string) {
	t.Helper()
	if len(alerts) == 0 {
		t.Fatal("no alerts and no error")
	}
	for i, a := range alerts {
		if err := a.Validate(); err != nil {
			t.Errorf("alert %d: Validate: %v", i, err)
		}
		if !json.Valid(a.Raw) {
			t.Errorf("alert %d: Raw is not JSON: %q", i, a.Raw)
		}
		if a.Source != source {
			t.Errorf("alert %d: Source = %q, want %q", i, a.Source, source)
		}
		if a.Labels == nil || a.Annotations == nil {
			t.Errorf("alert %d: nil Labels or Annotations", i)
		}
		if a.Status == incident.AlertFiring && !a.EndsAt.IsZero() {
			t.Errorf("alert %d: firing with EndsAt %v", i, a.EndsAt)
		}
	}
}

// wantMalformed asserts err wraps ErrMalformed and mentions field.
func wantMalformed(t testing.TB, err error, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want ErrMalformed about %q", field)
	}
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v does not wrap ErrMalformed", err)
	}
	if !strings.Contains(err.Error(), field) {
		t.Fatalf("error %q does not mention %q", err, field)
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.UTC()
}

// eqMap compares string maps.
func eqMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
