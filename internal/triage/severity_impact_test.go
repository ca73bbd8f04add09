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

func TestNormalizeNumerals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"unlock_success_rate = %4,2 (ortalama %97)", "unlock_success_rate = 4,2% (ortalama 97%)"},
		{"2.4‰ of requests failed", "0.24% of requests failed"},
		{"2 317 orders of 2 340", "2317 orders of 2340"},
		{"http/1.1 503 service unavailable", "http/1.1 503 service unavailable"},
		{"since 07:40 about 30 an hour", "since 07:40 about 30 an hour"},
		{"about 100 000 rows", "about 100000 rows"},
	} {
		if got := normalizeNumerals(c.in); got != c.want {
			t.Errorf("normalizeNumerals(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNumbersReadInContext(t *testing.T) {
	for _, c := range []struct {
		text string
		kind impactKind
		want bool
	}{
		{"count where error = true is 412 of 3,980 requests in the last 10 minutes", kindOutage, true},
		{"1.388 von 1.412 scans seit 06:00 abgelehnt", kindOutage, true},
		{"17 of 7,050 requests failed", kindOutage, false},
		{"no bookings received since 07:40 (normally ~30 an hour)", kindDegraded, false},
		{"value: 17 declines in the last hour. 7-day normal for this hour: 12–20 declines", kindCalm, true},
		{"condition: error percentage > 2 %\nvalue: 27 % for 10 minutes (threshold 2 %)", kindOutage, true},
		{"od rana 0 z 250 zamowien zostalo oplaconych", kindOutage, true},
		{"logins failed for 41/2.310 attempts in the last hour", kindDegraded, true},
		{"14 bookings this hour, −95 % vs last week", kindOutage, true},
		{"salt stock 900 t, −60 % vs last week", kindOutage, false},
		{"the pumps at one depot (1 de 40 depots) reject cards", kindSome, true},
		{"below the 500 t reorder line", kindDegraded, false},
		{"condition: error percentage above 5\ncurrent value: 47.5\n", kindOutage, true},
		{"summary = booking error ratio high\nexpr = errors / total > 0.05\nvalue = 0.31\n", kindOutage, true},
		{"error rate 0.00 %\nvalue: 4.2 s\n", kindOutage, false},
		{"slo burn rate for checkout\nvalue: 120\nslo goal: 99.9% good requests", kindOutage, true},
		{"crash-free sessions 99.95 %", kindCalm, true},
		{"replicas_available 2 (of 3)", kindOutage, false},
		{"2 kiosks (of 30) cannot print; the rest print normally", kindSome, true},
		{"4,310 customers were charged twice", kindAll, true},
	} {
		hits, _ := readImpact(severityText(Signal{Text: c.text}))
		if got := hits.has(c.kind); got != c.want {
			t.Errorf("%q: kind %v found %v, want %v (reasons %q)", c.text, c.kind, got, c.want, hits.reasons())
		}
	}
}
