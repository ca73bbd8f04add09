package triage

import "testing"

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
