package triage

import (
	"slices"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/telemetry/analyze"
)

func TestMeaningTerms(t *testing.T) {
	cases := []struct {
		text    string
		want    []string // terms or concepts that must be present
		notWant []string
	}{
		{"the certificate lapsed overnight", []string{"~certificate", "~expiry"}, nil},
		{"vendor API answers Too Many Requests", []string{"~ratelimit", "~upstream"}, nil},
		{"no space left on device", []string{"~disk"}, nil},
		{"Das Zertifikat ist abgelaufen", []string{"certificat", "expir", "~certificate", "~expiry"}, nil},
		{"el disco está lleno", []string{"disk", "~disk", "full"}, nil},
		{"les paiements sont en panne", []string{"payment", "outag", "~fail"}, nil},
		{"a door lock shows offline", []string{"~unreachable"}, []string{"~dblock"}}, // a door's lock is no database lock
		{"connection reset by peer", nil, []string{"~network"}},                      // an effect, not a cause
		// Phrases start at a word: "pendente" is not in "dependente".
		{"o pedido continua pendente", []string{"~pending"}, nil},
		{"o envio dependente do pagamento", nil, []string{"~pending"}},
		// The same mechanism said in five languages.
		{"bookings show an hour off since the clocks changed", []string{"~timezone"}, nil},
		{"tout le planning est décalé d'une heure", []string{"~timezone", "schedul"}, nil},
		{"seit der Zeitumstellung falsch", []string{"~timezone", "wrong"}, nil},
		{"desde el cambio de hora", []string{"~timezone"}, nil},
		{"depois da mudança de hora", []string{"~timezone"}, nil},
		{"each got the same text two times", []string{"~duplicate"}, nil},
		{"los avisos llegan dos veces", []string{"~duplicate"}, nil},
		{"the app still says the slot is full", []string{"~stale"}, nil},
		{"the board shows yesterday’s figures", []string{"~stale"}, nil},
		{"die Anzeige ist veraltet", []string{"~stale"}, nil},
		{"error 'entidad demasiado grande'", []string{"~sizelimit"}, nil},
		{"captions run twenty seconds behind", []string{"~delay"}, nil},
		{"le texte avec vingt secondes de retard", []string{"~delay"}, nil},
		{"the card was taken but the order stays pending", []string{"~charged", "~pending"}, nil},
		{"the link is no longer valid", []string{"~expiry"}, nil},
	}
	for _, c := range cases {
		got := meaningTerms(c.text)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("meaningTerms(%q) = %v, lacks %q", c.text, got, w)
			}
		}
		for _, w := range c.notWant {
			if slices.Contains(got, w) {
				t.Errorf("meaningTerms(%q) = %v, should not hold %q", c.text, got, w)
			}
		}
	}
}

func TestMechanismFit(t *testing.T) {
	ki := KnownIssue{ID: "X", Title: "Meter reads missing when the collector certificate expires", Symptoms: "TLS errors in the collector log."}
	cases := []struct {
		sig      string
		factor   float64
		inReason string
	}{
		{"collector disk full: no space left on device", kiMechanismConflict, "not what"},
		{"x509: certificate has expired", kiMechanismAgrees, "same mechanism"},
		{"meter reads missing for the north region", 1, ""}, // effects only: no verdict
	}
	for _, c := range cases {
		f, why := mechanismFit(ki, mechanisms(meaningSet(c.sig)), false)
		if f != c.factor || !strings.Contains(why, c.inReason) {
			t.Errorf("mechanismFit(%q) = %v %q, want %v with %q", c.sig, f, why, c.factor, c.inReason)
		}
	}
}

func TestKnownIssueEvidenceFrom(t *testing.T) {
	f := analyze.Findings{
		Signature:    "gateway: tls handshake failed",
		FirstFailing: &analyze.FirstFailing{Service: "gateway", Evidence: "first error at 06:08"},
		Patterns: []analyze.Pattern{
			{Template: "served <num> requests", Example: "served 12 requests", Levels: []string{"INFO"}},
			{Template: "x509: certificate has expired", Example: "x509: certificate has expired", Levels: []string{"INFO", "ERROR"}},
		},
		Faults: []analyze.Fault{{Span: "publish", StatusMessage: "not connected"}},
	}
	got := KnownIssueEvidenceFrom(f).Lines
	want := []string{"gateway: tls handshake failed", "first error at 06:08", "x509: certificate has expired", "publish: not connected"}
	if !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestKnownIssueSearchText(t *testing.T) {
	cases := []struct {
		sig  Signal
		ev   []string
		want string
	}{
		{Signal{Title: "Zahlungen abgelehnt", Text: "Kunden sehen einen Fehler bei jeder Zahlung."}, nil,
			"payments rejected customers error payment"},
		{Signal{Title: "payments rejected"}, []string{"psp: 429 too many requests"}, "psp: 429 too many requests"},
		{Signal{Title: "payments rejected"}, nil, ""},
	}
	for _, c := range cases {
		if got := KnownIssueSearchText(c.sig, KnownIssueEvidence{Lines: c.ev}); got != c.want {
			t.Errorf("KnownIssueSearchText(%q) = %q, want %q", c.sig.Title, got, c.want)
		}
	}
}

func TestCauseShownHealthy(t *testing.T) {
	for _, c := range []struct {
		title, evidence string
		want            bool
	}{
		{"Boarding passes not sent when the SMS gateway throttles", "sms gateway status: 200 OK, 2% of quota", true},
		{"Menu prices stale when the edge purge fails", "edge-purge: status=success, 88 objects invalidated", true},
		{"Menu prices stale when the edge purge fails", "edge-purge: 503 from provider", false},
		{"Sensor readings missing when the broker drops sessions", "api healthy; service answers normally", false}, // only generic words
		{"Exports slow after the nightly vacuum", "vacuum finished normally at 02:10", true},
		{"Checkout errors from the card processor", "card processor healthy", false}, // no cause clause
	} {
		got := causeShownHealthy(c.title, healthyTerms(c.evidence), nil) != ""
		if got != c.want {
			t.Errorf("causeShownHealthy(%q, %q) = %v, want %v", c.title, c.evidence, got, c.want)
		}
	}
}

func TestCognates(t *testing.T) {
	sig := weightedTerms{}
	sig.addMeaning("os portões foram recalibrados; a configuración cambió", 1)
	docs := []weightedTerms{{}}
	docs[0].addMeaning("gates were recalibrated; configuration changed; setpoints not applied; international", 1)
	got := cognates(sig, docs)
	for _, want := range terms("recalibrated configuration") {
		if got[want] == 0 {
			t.Errorf("cognate %q not found in %v", want, got)
		}
	}
	for _, not := range terms("applied international setpoints") {
		if got[not] != 0 {
			t.Errorf("%q taken for a cognate: %v", not, got)
		}
	}
}

// TestHealthyClauses: what a clause says works, and what it only seems to.
func TestHealthyClauses(t *testing.T) {
	for _, c := range []struct {
		clause string
		want   bool
	}{
		{"gateway quota: 6% of daily allowance used, no 429 responses", true},
		{"relay connected, 2,310 msgs/min (normal)", true},
		{"no currency conversion applied", true},
		{"ledger: quorum lost (1/3 nodes reachable)", false},
		{"export finished with 12 errors", false},
		{"no errors since the restart", true},
	} {
		got := len(healthyTerms(c.clause)) > 0
		if got != c.want {
			t.Errorf("healthyTerms(%q) found a healthy statement = %v, want %v", c.clause, got, c.want)
		}
	}
}
