package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

// TestMaxErrorRatio pins which percentages count as a measured error
// ratio: a number stated as the alert's threshold or objective is not a
// measurement, and neither is anything above 100.
func TestMaxErrorRatio(t *testing.T) {
	for _, c := range []struct {
		text string
		want float64
	}{
		{"telescope scheduler error rate 12% on slot booking", 12},
		{"5xx ratio 0.4% while the dome controller restarts", 0.4},
		{"failures for 3.5% of exposures; 502 at 41% on the archive endpoint", 41},
		{"error rate above threshold 5%", -1},
		{"errors breach the slo of 2%", -1},
		{"errors 250% of baseline", -1},
		{"archive latency up 40%", -1},
		{"", -1},
	} {
		if got := maxErrorRatio(c.text); got != c.want {
			t.Errorf("maxErrorRatio(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestWrongValues: a service that answers, but with wrong amounts or
// charges, is degraded for some and as grave as an outage for everyone.
func TestWrongValues(t *testing.T) {
	for _, c := range []struct {
		text string
		tier int
		want string
	}{
		{"Every tenant's rent statement this month shows the wrong total", 1, P1},
		{"Some members see incorrect loyalty balances in the app", 1, P2},
		{"A handful of parking receipts were miscalculated overnight", 3, P3},
		{"Customers were charged twice for gym memberships renewed today", 1, P2},
		{"Alle Stromrechnungen von heute zeigen Betrag 0", 1, P1},
		{"Montants nuls sur toutes les factures d'eau envoyées ce matin", 1, P1},
	} {
		got := ClassifySeverity(Signal{Text: c.text}, configService(c.tier))
		if got.Level != c.want {
			t.Errorf("%q (tier %d): %s, want %s; reasons %q", c.text, c.tier, got.Level, c.want, got.Reasons)
		}
	}
}

func configService(tier int) config.Service { return config.Service{Name: "svc", Tier: tier} }
