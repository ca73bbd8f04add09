package triage

import (
	"slices"
	"strings"
	"testing"
)

func TestBoundNotReached(t *testing.T) {
	tests := []struct {
		issue    string
		evidence []string
		want     bool
	}{
		{"kiosk badge cache older than 12 h", []string{"metric: kiosk_badge_cache_age_seconds max=40 (all readers)"}, true},
		{"kiosk badge cache older than 12 h", []string{"metric: kiosk_badge_cache_age_seconds max=50400"}, false}, // 14 h: past the bound
		{"kiosk badge cache older than 12 h", []string{"metric: kiosk_uptime_seconds max=40"}, false},             // another quantity
		{"print queue above 800 jobs", []string{"metric: print_queue_depth = 12"}, true},
		{"print queue above 800 jobs", []string{"metric: print_queue_depth = 1200"}, false},
		{"print queue above 800 jobs", []string{"log: ERROR spooler crashed"}, false},
	}
	for _, tc := range tests {
		if got := boundNotReached(tc.issue, tc.evidence) != ""; got != tc.want {
			t.Errorf("boundNotReached(%q, %q) = %v, want %v", tc.issue, tc.evidence, got, tc.want)
		}
	}
}

func TestFailureShownAbsent(t *testing.T) {
	tests := []struct {
		title, symptoms string
		evidence        []string
		want            bool
	}{
		{"Voucher callback signature mismatch after secret rotation", "", []string{"log: INFO callbacks: signature verified ok (880 in last hour)"}, true},
		{"Voucher callbacks rejected", "", []string{"metric: voucher_callbacks_rejected_total increase(1h) = 0"}, true},
		{"Voucher callbacks rejected", "", []string{"metric: voucher_callbacks_rejected_total increase(1h) = 37"}, false},
		{"Voucher callback signature mismatch after secret rotation", "", []string{"log: WARN callbacks: signature mismatch (x41)"}, false},
		{"Text gateway throttling delays receipts", "gateway answers 429 on busy evenings", []string{"metric: text_gateway_429_total = 0"}, true},
		{"Text gateway throttling delays receipts", "gateway answers 429 on busy evenings", []string{"metric: text_gateway_429_total = 212"}, false},
	}
	for _, tc := range tests {
		if got := failureShownAbsent(tc.title, tc.symptoms, tc.evidence) != ""; got != tc.want {
			t.Errorf("failureShownAbsent(%q, %q) = %v, want %v", tc.title, tc.evidence, got, tc.want)
		}
	}
}

func TestFailingSubjectWorks(t *testing.T) {
	tests := []struct {
		issue, report string
		want          bool
	}{
		{"receipt uploads fail for scans over 8 MB", "The receipts shown are someone else's. Uploads themselves work.", true},
		{"receipt uploads fail for scans over 8 MB", "Uploads fail with a spinner, then an error.", false},
		{"receipt uploads fail for scans over 8 MB", "Search works fine but uploads hang.", false},
	}
	for _, tc := range tests {
		got := failingSubjectWorks(tc.issue, healthyTerms(tc.report)) != ""
		if got != tc.want {
			t.Errorf("failingSubjectWorks(%q, %q) = %v, want %v", tc.issue, tc.report, got, tc.want)
		}
	}
}

func TestSpellCamel(t *testing.T) {
	for in, want := range map[string]string{
		"Prometheus: VolumeWillFillIn3Days": "Volume Will Fill In 3 Days",
		"LedgerErrorsHigh firing":           "Ledger Errors High",
		"checkout is down":                  "",
		"iPhone users":                      "",
	} {
		if got := spellCamel(in); got != want {
			t.Errorf("spellCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamedThingIsNotAReport(t *testing.T) {
	for text, incident := range map[string]bool{
		"the 'Downtime Diaries' podcast episode is out, 300 listens": false,
		"our \"Crash Test\" video for the new bikes is live":         false,
		"checkout shows 'Service Unavailable' for every customer":    true,
		// "starts"/"opens" end a launch announcement but also the clause
		// that dates an error message.
		"kiosks show 'Service Unavailable' once the shift starts": true,
		"every till shows 'Gateway Timeout' when the store opens": true,
	} {
		if d := ClassifyMessage(text, nil); d.Incident != incident {
			t.Errorf("ClassifyMessage(%q).Incident = %v, want %v; %s", text, d.Incident, incident, strings.Join(d.Reasons, "; "))
		}
	}
}

func TestFailureCounterAtZero(t *testing.T) {
	for _, c := range []struct {
		issue    string
		evidence []string
		ruledOut bool
	}{
		// The issue's own failure, counted at zero.
		{"Invoices not e-mailed: the mail relay rejects them as spam", []string{"metric: mail_relay_rejected_spam_total = 0"}, true},
		{"Logins fail with certificate verify errors", []string{"metric: login_tls_verify_errors_total = 0"}, true}, // tls is the certificate concept
		// Labels name the failure too.
		{"Reminders not sent: the gateway refuses sends for insufficient credit", []string{`metric: gateway_send_failures_total{reason="insufficient_credit"} = 0`}, true},
		{"Queued jobs pile up in the backlog when all workers are busy", []string{"metric: worker_backlog = 0"}, true},
		// A counter of another failure says nothing of this one.
		{"Checkout fails with 502 from the gateway", []string{"metric: checkout_timeout_errors_total = 0"}, false},
		// A bare counter names no subject.
		{"Uploads fail with errors", []string{"metric: errors_total = 0"}, false},
		// Not zero.
		{"Invoices not e-mailed: the mail relay rejects them as spam", []string{"metric: mail_relay_rejected_spam_total = 14"}, false},
	} {
		got := failureCounterAtZero(c.issue, c.evidence)
		if (got != "") != c.ruledOut {
			t.Errorf("failureCounterAtZero(%q, %q) = %q, want ruled out %v", c.issue, c.evidence, got, c.ruledOut)
		}
	}
}

func TestEvidenceContradictsIssue(t *testing.T) {
	for _, c := range []struct {
		name     string
		issue    string
		evidence []string
		check    func(issue string, ev []string) string
		ruledOut bool
	}{
		{"an age metric inside the issue's 'days old'", "Orders priced with a stale FX rate: the applied rate is days old",
			[]string{`metric: fx_rate_age_hours{pair="USD/EUR"} = 3`}, boundNotReached, true},
		{"an age metric past it", "Orders priced with a stale FX rate: the applied rate is days old",
			[]string{`metric: fx_rate_age_hours{pair="USD/EUR"} = 70`}, boundNotReached, false},
		{"a skip counter at zero, the run unnamed", "Monthly invoices skip contracts that start late in the month",
			[]string{"metric: invoice_run_contracts_skipped = 0"}, failureCounterAtZero, true},
		{"a status after a comma", "Guests refused at the gate because the gate sync runs hourly",
			[]string{"log: gate list updated (last sync 21:00, ok)"}, func(issue string, ev []string) string {
				return causeShownHealthy(issue, healthyTerms(ev...), nil)
			}, true},
		{"a crash of another kind", "Export crashes on large crowns: the worker panics in layout (index out of range)",
			[]string{"log: panic: runtime error: invalid memory address or nil pointer dereference"}, otherCrashKind, true},
		{"the crash the issue names", "Export crashes on large crowns: the worker panics in layout (index out of range)",
			[]string{"log: panic: runtime error: index out of range [9] with length 8", "log: nil pointer in a retry"}, otherCrashKind, false},
		{"an allowance far from used up", "Sensors go silent when the gateway hits its data cap",
			[]string{`metric: cellular_data_used_ratio{gw="g1"} = 0.08`}, func(issue string, ev []string) string {
				return causeShownHealthy(issue, healthyTerms(ev...), nil)
			}, true},
		{"an allowance nearly used up", "Sensors go silent when the gateway hits its data cap",
			[]string{`metric: cellular_data_used_ratio{gw="g1"} = 0.99`}, func(issue string, ev []string) string {
				return causeShownHealthy(issue, healthyTerms(ev...), nil)
			}, false},
		{"what runs late shown in step", "Bidders see prices 10-20 s late when the broadcast queue grows",
			[]string{"the price ticker matches the ring"}, func(issue string, ev []string) string {
				return failingSubjectWorks(issue, healthyTerms(ev...))
			}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.check(c.issue, c.evidence); (got != "") != c.ruledOut {
				t.Errorf("got %q, want ruled out %v", got, c.ruledOut)
			}
		})
	}
}

func TestGuessesAndCrashSites(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Map down since 8. The collar bug again?", "Map down since 8. "},
		{"Is checkout down for anyone?", "Is checkout down for anyone?"},
		{"Jobs abort. Is it the big-file problem again? Laser 1 is fine.", "Jobs abort.  Laser 1 is fine."},
	} {
		if got := withoutGuesses(c.in); got != c.want {
			t.Errorf("withoutGuesses(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	issue := "The map fails with a NullPointerException in AltitudeProfile.render"
	if got := crashElsewhere(issue, []string{"log:     at no.map.PastureLabel.layout(PastureLabel.java:88)"}); got == "" {
		t.Error("a trace through another type did not rule the issue out")
	}
	if got := crashElsewhere(issue, []string{"log:     at no.map.AltitudeProfile.render(AltitudeProfile.java:12)"}); got != "" {
		t.Errorf("a trace through the issue's own frame ruled it out: %s", got)
	}
	if got := causeShownHealthy("Stock goes negative when two orders cut from one bolt at the same moment",
		healthyTerms(`metric: stock_reservation_conflicts_total{bolt="1"} = 0`), nil); got == "" {
		t.Error("a zero count of conflicts did not rule out a concurrency cause")
	}
}

func TestOtherVersion(t *testing.T) {
	issue := "GPS collar battery drains overnight after firmware 2.1"
	for _, c := range []struct {
		evidence []string
		ruledOut bool
	}{
		{[]string{`metric: collar_firmware_info{collar="C-17",version="2.0.7"} = 1`}, true},
		{[]string{`metric: collar_firmware_info{collar="C-17",version="2.1.3"} = 1`}, false},
		{[]string{`metric: collar_battery_percent{collar="C-17"} = 4`}, false},
	} {
		if got := otherVersion(issue, c.evidence) != ""; got != c.ruledOut {
			t.Errorf("otherVersion(%q) ruled out %v, want %v", c.evidence, got, c.ruledOut)
		}
	}
}

func TestWithoutZeroSiblings(t *testing.T) {
	ev := []string{
		`metric: crc_fail_total{fw="7.2.0"} = 644`,
		`metric: crc_fail_total{fw="7.1.3"} = 0`,
		`metric: requests_total{status="200"} = 96`,
		`metric: requests_total{status="401"} = 0`,
		`metric: sync_errors_total = 0`,
	}
	got := withoutZeroSiblings(ev)
	want := []string{ev[0], ev[2], ev[3], ev[4]}
	if !slices.Equal(got, want) {
		t.Errorf("withoutZeroSiblings = %q, want %q", got, want)
	}
}

func TestRuleOutsOnMeasurementsAndTriggers(t *testing.T) {
	tests := []struct {
		name  string
		check func() string
		want  bool
	}{
		{"a length bound measured in prose, well inside", func() string {
			return boundNotReached("Labels misprint on rolls wider than 110 mm", []string{"log: printer 4 loaded roll width 50 mm"})
		}, true},
		{"a length bound measured in prose, past it", func() string {
			return boundNotReached("Labels misprint on rolls wider than 110 mm", []string{"log: printer 4 loaded roll width 120 mm"})
		}, false},
		{"a prose bound needs the same quantity", func() string {
			return boundNotReached("Hoist stalls on loads over 900 kg", []string{"log: operator weight 80 kg"})
		}, false},
		{"the thing a change acts on is unchanged", func() string {
			return triggerShownUnchanged("Till totals drift after a price table re-import", []string{"log: price table unchanged since 2026-02-01 (hash ok)"}, nil)
		}, true},
		{"an unchanged thing the trigger does not name", func() string {
			return triggerShownUnchanged("Till totals drift after a price table re-import", []string{"log: receipt template unchanged"}, nil)
		}, false},
		{"a trigger that is no change", func() string {
			return triggerShownUnchanged("Till totals drift when the network drops", []string{"log: network table unchanged"}, nil)
		}, false},
		{"an overcharging issue against an amount below what it should be", func() string {
			return amountOtherWay("Delivery fee added twice to orders over 3 items", "customer paid 4.50, it should be 9.00")
		}, true},
		{"an overcharging issue against an amount above what it should be", func() string {
			return amountOtherWay("Delivery fee added twice to orders over 3 items", "customer paid 13.50, it should be 9.00")
		}, false},
		{"a quantity on its setpoint", func() string {
			return onSetpoint("Proofing cabinet temperature runs 5 degrees above setpoint when the fan relay sticks", []string{`metric: proofing_cabinet_temp_c{cab="2"} avg=31.8 (setpoint 32)`})
		}, true},
		{"a quantity off its setpoint", func() string {
			return onSetpoint("Proofing cabinet temperature runs 5 degrees above setpoint when the fan relay sticks", []string{`metric: proofing_cabinet_temp_c{cab="2"} avg=37.1 (setpoint 32)`})
		}, false},
		{"an independent measurement agrees with the quoted reading", func() string {
			return readingConfirmed("Tank level gauge reads high after a power cut", "tank 4 shows 83.5 % full, odd", []string{`metric: manual_dip_level_percent{tank="4"} = 83.1`})
		}, true},
		{"a reading compared with its reference, far inside the issue's error", func() string {
			return readingConfirmed("Silo level radar drifts and reports 40-60 cm too high", "silo 3 full?", []string{`metric: silo_radar_vs_dipstick_cm{silo="3"} = 2`})
		}, true},
		{"a reading compared with its reference, off by the issue's error", func() string {
			return readingConfirmed("Silo level radar drifts and reports 40-60 cm too high", "silo 3 full?", []string{`metric: silo_radar_vs_dipstick_cm{silo="3"} = 45`})
		}, false},
		{"a temperature bound against a temperature of the same thing well inside it", func() string {
			return boundNotReached("Glue line skips on resin above 80 °C", []string{`metric: resin_temp_celsius{line="1"} = 31`})
		}, true},
		{"a temperature bound against a temperature past it", func() string {
			return boundNotReached("Glue line skips on resin above 80 °C", []string{`metric: resin_temp_celsius{line="1"} = 84`})
		}, false},
		{"a cause that needs a device offline against its status gauge reading up", func() string {
			return causeShownHealthy("Orders lost when the handheld scanner is offline", healthyTerms(`metric: handheld_scanner_online{dock="4"} = 1`), nil)
		}, true},
		{"a fault that began outside the issue's clock window", func() string {
			return outsideWindow("Kiosks freeze between 02:00 and 02:20 while the menu sync runs", "kiosks frozen since 15:40")
		}, true},
		{"a fault that began inside the issue's clock window", func() string {
			return outsideWindow("Kiosks freeze between 02:00 and 02:20 while the menu sync runs", "kiosks frozen since 02:05")
		}, false},
		{"a window across midnight", func() string {
			return outsideWindow("Batch locks the ledger from 23:30 to 00:30", "ledger writes failing since 00:10")
		}, false},
		{"an independent measurement disagrees with the quoted reading", func() string {
			return readingConfirmed("Tank level gauge reads high after a power cut", "tank 4 shows 83.5 % full, odd", []string{`metric: manual_dip_level_percent{tank="4"} = 41.0`})
		}, false},
	}
	for _, tt := range tests {
		if got := tt.check() != ""; got != tt.want {
			t.Errorf("%s: ruled out %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHealthyTermsReadExpectedValues(t *testing.T) {
	tests := []struct {
		evidence string
		healthy  bool
	}{
		{"log: valve V2 position confirmed OPEN (expected OPEN)", true},
		{"log: valve V2 position confirmed CLOSED (expected OPEN)", false},
	}
	for _, tt := range tests {
		_, got := healthyTerms(tt.evidence)["position"]
		if got != tt.healthy {
			t.Errorf("healthyTerms(%q) names the position healthy: %v, want %v", tt.evidence, got, tt.healthy)
		}
	}
}
