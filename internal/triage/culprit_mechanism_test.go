package triage

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry/analyze"
)

func TestDiffMechanisms(t *testing.T) {
	cases := []struct {
		name string
		c    Commit
		want []mechanism // each must be present
		not  []mechanism // none may be present
	}{
		{"a pool size cut", Commit{Message: "sensors: fewer ingest workers", Files: []File{{Path: "ingest/config.go",
			Patch: patch("\tworkerPoolSize = 32", "\tworkerPoolSize = 4")}}}, []mechanism{mechCapacity}, []mechanism{mechAuth}},
		{"a removed guard", Commit{Message: "uploads: accept any size", Files: []File{{Path: "upload/check.go",
			Patch: patch("\tif size > maxBytes {\n\t\treturn errTooBig\n\t}", "")}}}, []mechanism{mechGuard}, nil},
		{"a lock taken in a transaction", Commit{Message: "bookings: reserve in one transaction", Files: []File{{Path: "store/book.go",
			Patch: patch("", "\ttx.Exec(\"SELECT * FROM rooms WHERE id = $1 FOR UPDATE\", id)")}}}, []mechanism{mechQuery}, nil},
		{"a unit change", Commit{Message: "meters: report flow in litres per second", Files: []File{{Path: "flow/units.go",
			Patch: patch("\tconst unit = \"m3/h\"", "\tconst unit = \"l/s\"")}}}, []mechanism{mechFormat}, nil},
		{"docs and tests change no behaviour", Commit{Message: "docs: explain the retry timeout", Files: []File{
			{Path: "docs/retry.md", Patch: patch("", "The retry timeout is 5s.")},
			{Path: "retry/retry_test.go", Patch: patch("", "\tretryTimeout = time.Second")}}}, nil,
			[]mechanism{mechRetry, mechTimeout}},
		{"translations change no behaviour", Commit{Message: "i18n: Welsh strings", Files: []File{
			{Path: "web/locales/cy.json", Patch: patch("", "  \"timeout\": \"terfyn amser\"")}}}, nil, []mechanism{mechTimeout}},
		{"comments change no behaviour", Commit{Message: "retry: explain the backoff", Files: []File{
			{Path: "retry/backoff.rb", Patch: patch("", "    # Retries back off so the pool is not flooded after a timeout.")},
			{Path: "retry/Backoff.java", Patch: patch("", "    /** The deadline covers every attempt. */")}}}, nil,
			[]mechanism{mechRetry, mechTimeout, mechCapacity}},
		{"a job's time zone dropped", Commit{Message: "cron: rely on the cluster clock", Files: []File{{Path: "deploy/cron/report.yaml",
			Patch: patch("  schedule: \"0 2 * * *\"\n  timeZone: \"Europe/Oslo\"", "  schedule: \"0 2 * * *\"")}}}, []mechanism{mechSchedule}, nil},
		{"a page count rounded down", Commit{Message: "export: integer page maths", Files: []File{{Path: "src/Export/Pager.php",
			Patch: patch("        $pages = (int) ceil($n / self::PER_PAGE);", "        $pages = intdiv($n, self::PER_PAGE);")}}}, []mechanism{mechPaging}, nil},
		{"steps swapped: acknowledge before the work", Commit{Message: "consumer: ack sooner", Files: []File{{Path: "src/Consumer.kt",
			Patch: patch("        jobs.create(order)\n        channel.basicAck(tag, false)", "        channel.basicAck(tag, false)\n        jobs.create(order)")}}}, []mechanism{mechAck}, nil},
		{"instrumentation names no mechanism", Commit{Message: "search: record query latency", Files: []File{{Path: "src/search/Routes.scala",
			Patch: patch("", "      searchQueryLatency.observe(elapsed.toMillis.toDouble)")}}}, nil, []mechanism{mechQuery}},
		{"a validation pattern tightened", Commit{Message: "signup: stricter postcode check", Files: []File{{Path: "src/signup/postcode.ts",
			Patch: patch("const POSTCODE = /^[A-Z0-9 ]{3,10}$/i;", "const POSTCODE = /^\\d{5}$/;")}}}, []mechanism{mechGuard}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diffMechanisms(&c.c)
			for _, m := range c.want {
				if !slices.Contains(got, m) {
					t.Errorf("mechanisms %v lack %q", got, m)
				}
			}
			for _, m := range c.not {
				if slices.Contains(got, m) {
					t.Errorf("mechanisms %v should not hold %q", got, m)
				}
			}
		})
	}
}

func TestMechanismMatch(t *testing.T) {
	prof, backed := faultProfile(Evidence{Signature: "SELECT rooms FOR UPDATE canceled after 5000 ms",
		Logs: []string{"book failed: context deadline exceeded"}}, "")
	if !backed {
		t.Fatal("a trace signature backs the profile")
	}
	query, _, _ := mechanismMatch([]mechanism{mechQuery}, prof, backed)
	timeout, _, _ := mechanismMatch([]mechanism{mechTimeout}, prof, backed)
	other, shared, why := mechanismMatch([]mechanism{mechAuth}, prof, backed)
	if !(query > timeout && timeout > 1 && other < 1) {
		t.Errorf("the lock change (x%.2f) should beat a timeout change (x%.2f), a symptom here, and an auth change (x%.2f) should lose", query, timeout, other)
	}
	if len(shared) != 0 || !strings.Contains(why, "not what the fault shows") {
		t.Errorf("mismatch: shared %v, why %q", shared, why)
	}
	// Without telemetry the signal's words alone do not acquit.
	prof, backed = faultProfile(Evidence{}, "bookings slow: lock waits on rooms")
	if f, _, _ := mechanismMatch([]mechanism{mechAuth}, prof, backed); backed || f != 1 {
		t.Errorf("without telemetry a mismatch costs nothing: x%.2f (backed %v)", f, backed)
	}
	// A unit change shows up as a tripped limit downstream.
	prof, _ = faultProfile(Evidence{Logs: []string{"reading 4200 exceeds the valve maximum 5"}}, "")
	if _, shared, _ := mechanismMatch([]mechanism{mechFormat}, prof, true); len(shared) == 0 {
		t.Error("a format or unit change can produce an exceeded limit")
	}
}

func TestFindOperationalCause(t *testing.T) {
	cases := []struct {
		text   string
		shifts []MetricShift
		want   string // substring of the cause's name, "" for none
	}{
		{"scanner sync: x509: certificate has expired or is not yet valid", nil, "certificate"},
		{"Die Verbindung scheitert: Zertifikat abgelaufen", nil, "certificate"},
		{"lookup tiles.example.net: no such host", nil, "dns"},
		{"tariff provider returned 503 for every quote; falling back to cached tariffs", nil, "upstream"},
		{"ingest failed for one co-op's upload; all other farms passed", nil, "input"},
		{"checkout slow", []MetricShift{{Service: "tickets", Name: "http_requests_total_rate", Direction: "up", Ratio: 3.2}}, "traffic"},
		{"checkout slow", []MetricShift{{Service: "tickets", Name: "http_requests_total_rate", Direction: "up", Ratio: 1.3}}, ""},
		{"pool exhausted after the deploy", nil, ""},
		{"warn aws health [us-east-1]: increased api error rates for the queue service", nil, "disruption"},
		{"feed status: draw file published with incorrect field format; corrected file to follow", nil, "input"},
		{"410 gone: api_version_retired, use /v4", nil, "retired"},
		{"rds: multi-az instance failover completed for orders-db", nil, "failover"},
		{"vendor-managed rollout of firmware 2.3.1 to 900 meters started", nil, "firmware"},
		{"report ran in 22 ms average between 09:00 and 09:30 with the new column", nil, "outside the code"},
		{"readings accepted normally, including after the 14:30 deploy", nil, "outside the code"},
	}
	for _, c := range cases {
		op, ok := findOperationalCause(c.text, Evidence{Shifts: c.shifts})
		switch {
		case c.want == "" && ok:
			t.Errorf("%q: cause %q, want none", c.text, op.name)
		case c.want != "" && (!ok || !strings.Contains(strings.ToLower(op.name), c.want)):
			t.Errorf("%q: cause %q (%v), want one about %q", c.text, op.name, ok, c.want)
		}
	}
}

func TestEvidenceFromFindings(t *testing.T) {
	at := time.Date(2031, 5, 1, 6, 0, 0, 0, time.UTC)
	f := analyze.Findings{
		Onset:        &analyze.Onset{Sign: analyze.Sign{Source: analyze.SourceMetrics, At: at}},
		FirstFailing: &analyze.FirstFailing{Service: "valve-ctl"},
		CallPath:     []string{"hmi: GET /valves", "valve-ctl: set", "valve-ctl: write"},
		Signature:    "write timed out",
		Patterns: []analyze.Pattern{
			{Template: "ERROR write <num> failed", Levels: []string{"ERROR"}, New: true},
			{Template: "INFO heartbeat", Levels: []string{"INFO"}, New: true},
			{Template: "WARN slow write", Levels: []string{"WARN"}, Growth: 1.2},
		},
		Changes: []analyze.Change{
			{Service: "valve-ctl", Name: "b", Direction: "up", Ratio: 3, At: at.Add(time.Minute)},
			{Service: "valve-ctl", Name: "a", Direction: "up", Ratio: 2, At: at},
			{Service: "valve-ctl", Name: "gone", Direction: "up", Ratio: 2, At: at, Recovered: true},
		},
	}
	ev := EvidenceFromFindings(f)
	if !ev.Onset.Equal(at) || ev.OnsetSource != "metrics" || ev.FirstFailing != "valve-ctl" {
		t.Errorf("onset/first failing: %+v", ev)
	}
	if strings.Join(ev.CallPath, ",") != "hmi,valve-ctl" {
		t.Errorf("call path services %v", ev.CallPath)
	}
	if len(ev.Logs) != 1 || ev.Logs[0] != "ERROR write <num> failed" {
		t.Errorf("logs %v: only new or grown WARN-or-worse patterns", ev.Logs)
	}
	if len(ev.Shifts) != 2 || ev.Shifts[0].Name != "a" {
		t.Errorf("shifts %+v: ongoing ones, earliest first", ev.Shifts)
	}
	if (Evidence{}).empty() != true || ev.empty() {
		t.Error("empty() is wrong")
	}
}

func TestCommentLines(t *testing.T) {
	for line, want := range map[string]bool{
		"    # Depots are planned west to east": true,
		"// why the cache is warmed first":      true,
		"  /** Accepted document types. */":     true,
		"   * continues a block comment":        true,
		"-- the index helps the nightly report": true,
		"#include <stdio.h>":                    false,
		"#[derive(Debug)]":                      false,
		"*count = 0;":                           false,
		"  concurrency: 3 # was 25":             false,
		"x = 1":                                 false,
	} {
		if got := isCommentLine(line); got != want {
			t.Errorf("isCommentLine(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestSizeAtLimit(t *testing.T) {
	for _, c := range []struct {
		name   string
		minus  string
		plus   string
		logs   []string
		atSize bool
	}{
		{"worker count cut to what is busy", ":concurrency: 20", ":concurrency: 4", []string{"WARN 4/4 threads busy, 900 jobs waiting"}, true},
		{"pool cut to what is in use", "  max_open_conns: 40", "  max_open_conns: 5", []string{"ERROR acquire timeout, 5/5 connections in use"}, true},
		{"a size the telemetry does not show full", "  max_open_conns: 40", "  max_open_conns: 5", []string{"ERROR acquire timeout, 12/40 connections in use"}, false},
		{"a pool raised to what is now full is not a cut", "  max_open_conns: 5", "  max_open_conns: 40", []string{"ERROR acquire timeout, 40/40 connections in use"}, false},
		{"a value that sizes nothing", "  greeting: 4", "  greeting: 5", []string{"WARN 5/5 threads busy"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cm := &Commit{SHA: "s", Message: "tune", Files: []File{{Path: "config/app.yml", Patch: patch(c.minus, c.plus)}}}
			d := readCommit(cm, time.Time{})
			ev := readSignal(Signal{Title: "jobs late"}, Evidence{Logs: c.logs})
			if got := sizeAtLimit(d, ev); (got != "") != c.atSize {
				t.Errorf("sizeAtLimit = %q, want found %v (configs %v)", got, c.atSize, d.configs)
			}
		})
	}
}

func TestRenamesOnly(t *testing.T) {
	for _, c := range []struct {
		name   string
		minus  string
		plus   string
		rename bool
	}{
		{"a function renamed", "def place_order(cart, customer):", "def submit_order(cart, customer):", true},
		{"a name and its call", "func load(x int) {\n\tload(x - 1)", "func fetch(x int) {\n\tfetch(x - 1)", true},
		{"a value changed beside", "def place_order(cart, retries=3):", "def submit_order(cart, retries=1):", false},
		{"a call swapped", "    return ceil(total / size)", "    return floor(total / size)", true}, // two names: a rename by tokens, so the subject must say rename
		{"an operator changed", "if n > limit:", "if n >= limit:", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cm := &Commit{Files: []File{{Path: "app/x.py", Patch: patch(c.minus, c.plus)}}}
			if got := renamesOnly(cm); got != c.rename {
				t.Errorf("renamesOnly = %v, want %v", got, c.rename)
			}
		})
	}
}

func TestReturnsBeforeRelease(t *testing.T) {
	for _, c := range []struct {
		name, minus, plus string
		want              bool
	}{
		{"early return above the close", "\tdefer rows.Close()\n\tuse(rows)", "\tif !rows.Next() {\n\t\treturn nil, errEmpty\n\t}\n\tdefer rows.Close()\n\tuse(rows)", true},
		{"return after the release", "\tdefer f.Close()", "\tdefer f.Close()\n\tif n == 0 {\n\t\treturn nil\n\t}", false},
		{"python with a finally below a new raise", "    conn = pool.get()\n    try:", "    conn = pool.get()\n    if not ok:\n        raise Busy()\n    try:\n        work(conn)\n    finally:\n        pool.release(conn)", true},
		{"no resource at all", "\treturn a", "\tif b {\n\t\treturn b\n\t}\n\treturn a", false},
	} {
		if got := returnsBeforeRelease(patch(c.minus, c.plus)); got != c.want {
			t.Errorf("%s: returnsBeforeRelease = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFaultMechanismsSkipNegatedCues(t *testing.T) {
	for _, c := range []struct {
		text string
		want mechanism
		has  bool
	}{
		{"gateway: reads complete in 1.2 s, no read timeouts since noon", mechTimeout, false},
		{"0 timeouts in the last hour", mechTimeout, false},
		{"upstream timed out after 5 s", mechTimeout, true},
		{"ERROR: integer out of range for column total", mechNumeric, true},
		{"amount 84.12000000000001 has too many decimals", mechNumeric, true},
		{"Incorrect string value for column 'note'", mechFormat, true},
	} {
		if got := slices.Contains(faultMechanisms(c.text), c.want); got != c.has {
			t.Errorf("%q: %s found %v, want %v", c.text, c.want, got, c.has)
		}
	}
}

func TestOperationalCausesOutsideGit(t *testing.T) {
	for _, c := range []struct {
		text, want string
		shifts     []MetricShift
	}{
		{"node aks-pool-3: clock 300 s behind after host maintenance; tokens rejected as not yet valid", "clock", nil},
		{"jwt rejected: token not yet valid (nbf in the future)", "clock", nil},
		{"registrar: shop-hooks.example expired at 09:00, auto-renew failed", "domain", nil},
		{"webhook deliveries get a parking page since 09:00", "domain", nil},
		{"p99 rose at the onset", "", []MetricShift{{Service: "api", Name: "http_request_duration_p99", Direction: "up", Ratio: 30}}},
		{"requests rose at the onset", "traffic", []MetricShift{{Service: "api", Name: "http_requests_per_second", Direction: "up", Ratio: 3}}},
	} {
		op, ok := findOperationalCause(c.text, Evidence{Shifts: c.shifts})
		if ok != (c.want != "") || !strings.Contains(op.name, c.want) {
			t.Errorf("%q: cause %q (found %v), want one naming %q", c.text, op.name, ok, c.want)
		}
	}
}
