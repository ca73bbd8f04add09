//go:build unix

package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	sandboxprom "github.com/warroom/warroom/internal/sandbox/prometheus"
	"github.com/warroom/warroom/internal/sandbox/telemetrytest"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/metrics"
)

// Debian's prometheus package (2.42 on bookworm) installs both binaries.
const (
	prometheusBin = "/usr/bin/prometheus"
	promtoolBin   = "/usr/bin/promtool"
	// requireEnv set to 1 (as .ci/run does) turns a missing Prometheus
	// from a skip into a failure.
	requireEnv = "WARROOM_REQUIRE_PROMETHEUS"
	// maxShared is how many shared scenarios are backfilled besides the
	// synthetic data: the sandbox's own tests already read every one, so
	// two are enough to show real data agrees, at a fraction of the time.
	maxShared = 2
	// relTol is how far apart two backends' values may be: the engines
	// do not add floats alike (newer ones compensate with Kahan
	// summation in more places), so the last bits may differ.
	relTol = 1e-9
)

// TestRealPrometheus backfills a real Prometheus with the samples the
// sandbox serves and asks both the same questions through the metrics
// client: the answers must agree, except for the differences pinned in
// the "differs" subtests, each explained there.
func TestRealPrometheus(t *testing.T) {
	needPrometheus(t)
	agree := append([]dataset{waterUtility()}, sharedDatasets(t)...)
	var all []telemetry.Sample
	for _, d := range agree {
		all = append(all, d.samples...)
	}
	all = append(all, observatory()...)

	realURL := startPrometheus(t, all)
	real := newMetricsClient(t, realURL)
	sandbox := newMetricsClient(t, startSandbox(t, all))

	for _, d := range agree {
		t.Run("agree/"+d.name, func(t *testing.T) {
			start, end := d.grid(t)
			for _, svc := range d.services() {
				compareServiceSeries(t, real, sandbox, svc, start, end)
				compareServiceSamples(t, real, sandbox, svc, start, end)
			}
			for _, q := range d.queries() {
				compareRange(t, real, sandbox, q, start, end)
			}
		})
	}
	t.Run("differs", func(t *testing.T) {
		testDifferences(t, realURL, real, sandbox)
	})
}

// needPrometheus skips the test when the Prometheus binaries are missing,
// or fails it when they are required.
func needPrometheus(t *testing.T) {
	t.Helper()
	for _, bin := range []string{prometheusBin, promtoolBin} {
		if _, err := os.Stat(bin); err != nil {
			if os.Getenv(requireEnv) == "1" {
				t.Fatalf("%s is required (%s=1): %v; install Debian's prometheus package", bin, requireEnv, err)
			}
			t.Skipf("%s missing (apt-get install prometheus, or set %s=1 to fail instead): %v", bin, requireEnv, err)
		}
	}
}

// dataset is samples whose series are compared over their own window.
type dataset struct {
	name    string
	samples []telemetry.Sample
}

func (d dataset) services() []string {
	var out []string
	for _, s := range d.samples {
		if !slices.Contains(out, s.Service) {
			out = append(out, s.Service)
		}
	}
	slices.Sort(out)
	return out
}

// grid is the evaluation window: from the first sample's minute to six
// minutes past the last sample, so the 5m lookback runs out inside it.
// Every evaluation time is offset within the minute to an instant that
// holds no sample. Ranges and the lookback are whole minutes and the step
// is a minute, so no sample then sits on the left edge of a window, the
// one place where Prometheus 2.x (windows closed on the left) and 3.x
// (open on the left) read different samples; see testDifferences.
func (d dataset) grid(t *testing.T) (start, end time.Time) {
	t.Helper()
	used := map[int64]bool{}
	byTime := func(a, b telemetry.Sample) int { return a.TS.Compare(b.TS) }
	first, last := slices.MinFunc(d.samples, byTime).TS, slices.MaxFunc(d.samples, byTime).TS
	for _, s := range d.samples {
		used[((s.TS.UnixMilli()%60_000)+60_000)%60_000] = true
	}
	for i := range int64(60) {
		phase := (30 + i) % 60 * 1000
		if !used[phase] {
			start = first.Truncate(time.Minute).Add(time.Duration(phase) * time.Millisecond)
			return start, last.Add(6 * time.Minute)
		}
	}
	t.Fatalf("%s: samples at every second of the minute; no evaluation phase avoids them", d.name)
	return
}

// queries are the range queries asked of the dataset: the per-series
// rollups for gauges, rates for counters and a quantile for classic
// histograms, each also summed by service.
func (d dataset) queries() []string {
	var names []string
	for _, s := range d.samples {
		if n := telemetry.MetricName(s.Name); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []string
	for _, n := range names {
		switch {
		case strings.HasSuffix(n, "_created"):
		case strings.HasSuffix(n, "_total"):
			out = append(out, fmt.Sprintf("rate(%s[5m])", n), fmt.Sprintf("sum by (service) (increase(%s[10m]))", n))
		case strings.HasSuffix(n, "_bucket"):
			out = append(out, fmt.Sprintf("histogram_quantile(0.9, sum by (service, le) (rate(%s[5m])))", n))
		default:
			out = append(out,
				fmt.Sprintf("avg_over_time(%s[5m])", n),
				fmt.Sprintf("max_over_time(%s[10m])", n),
				fmt.Sprintf("sum by (service) (%s)", n))
		}
	}
	return out
}

// sharedDatasets are the first scenarios beside the repository that carry
// metrics, if any.
func sharedDatasets(t *testing.T) []dataset {
	t.Helper()
	scenarios, err := telemetrytest.Load(telemetrytest.SharedDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []dataset
	for _, sc := range scenarios {
		if len(sc.Telemetry.Metrics) > 0 && len(out) < maxShared {
			out = append(out, dataset{name: strings.TrimSuffix(filepath.Base(sc.Path), ".json"), samples: sc.Telemetry.Metrics})
		}
	}
	if len(out) == 0 {
		t.Log("no shared scenario with metrics beside the repository; comparing synthetic data only")
	}
	return out
}

// waterUtility is a pumping station and a meter-reading gateway over an
// hour: gauges (one with a gap longer than the lookback, one with a label
// value needing escapes, dotted names), counters (one reset by a restart,
// one growing quadratically), a classic histogram with its _sum, _count
// and a _created series, and a service whose samples are off the minute.
func waterUtility() dataset {
	base := time.Date(2025, 4, 17, 2, 10, 0, 0, time.UTC)
	var ss []telemetry.Sample
	add := func(ts time.Time, svc, name string, v float64, kv ...string) {
		var ls map[string]string
		for i := 0; i+1 < len(kv); i += 2 {
			if ls == nil {
				ls = map[string]string{}
			}
			ls[kv[i]] = kv[i+1]
		}
		ss = append(ss, telemetry.Sample{TS: ts, Service: svc, Name: name, Value: v, Labels: ls})
	}
	starts := 40.0
	for i := range 61 {
		fi := float64(i)
		ts := base.Add(time.Duration(i) * time.Minute)
		add(ts, "pump-station", "reservoir.level_m", 12+1.5*math.Sin(fi/6), "reservoir", "Hill Top")
		if i < 20 || i >= 28 {
			add(ts, "pump-station", "reservoir.level_m", 8.25-0.01*fi, "reservoir", `Mill "Old" Pond\West`)
		}
		switch {
		case i == 35:
			starts = 1 // the station controller restarted
		case i%4 == 0:
			starts += 2
		case i%3 == 0:
			starts++
		}
		add(ts, "pump-station", "pump_starts_total", starts, "pump", "P1")
		add(ts, "pump-station", "pump_starts_created", float64(base.Unix()-86_400), "pump", "P1")
		for _, b := range []struct {
			le   string
			frac float64
		}{{"0.25", 0.4}, {"1", 0.8}, {"4", 0.95}, {"+Inf", 1}} {
			add(ts, "pump-station", "valve_actuation_seconds_bucket", math.Floor(3*fi*b.frac), "le", b.le)
		}
		add(ts, "pump-station", "valve_actuation_seconds_count", 3*fi)
		add(ts, "pump-station", "valve_actuation_seconds_sum", 1.7*fi)

		off := ts.Add(15*time.Second + 250*time.Millisecond)
		add(off, "meter-gateway", "meter_reads_total", 5000+3*fi*fi, "region", "north")
		add(off, "meter-gateway", "meter_reads_total", 7000+45*fi+0.5*fi*fi, "region", "south")
		add(off, "meter-gateway", "gateway.backlog", 10+25*math.Cos(fi/5), "queue.name", "reads")
		add(off, "meter-gateway", "uplink_rssi_dbm", -70-5*math.Sin(fi/3))
	}
	return dataset{name: "water-utility", samples: ss}
}

// Observatory data for testDifferences: a dome temperature each minute
// for ten minutes, then one more reading half an hour later.
var (
	domeStart = time.Date(2025, 9, 2, 20, 0, 0, 0, time.UTC)
	domeLast  = domeStart.Add(10 * time.Minute) // the last of the minute readings
)

const domeService = "dome-controller"

func observatory() []telemetry.Sample {
	var ss []telemetry.Sample
	for i := range 11 {
		ss = append(ss, telemetry.Sample{TS: domeStart.Add(time.Duration(i) * time.Minute), Service: domeService, Name: "dome_temp_c", Value: 14 - 0.5*float64(i)})
	}
	return append(ss, telemetry.Sample{TS: domeStart.Add(40 * time.Minute), Service: domeService, Name: "dome_temp_c", Value: 6})
}

// testDifferences pins where a real Prometheus answers otherwise than the
// sandbox, so a change on either side shows up here rather than as a
// puzzling answer in an investigation.
func testDifferences(t *testing.T, realURL string, real, sandbox *metrics.Client) {
	ctx := context.Background()
	c, err := api.NewClient(api.Config{Address: realURL})
	if err != nil {
		t.Fatal(err)
	}
	info, err := v1.NewAPI(c).Buildinfo(ctx)
	if err != nil {
		t.Fatalf("buildinfo: %v", err)
	}
	major := strings.SplitN(info.Version, ".", 2)[0]
	t.Logf("real Prometheus %s", info.Version)

	// at reads the first point of query evaluated at ts alone.
	at := func(query string, ts time.Time) func(*metrics.Client) (string, error) {
		return func(m *metrics.Client) (string, error) {
			series, err := m.Range(ctx, query, ts, ts.Add(time.Second), time.Minute)
			if err != nil {
				return "", err
			}
			if len(series) == 0 || len(series[0].Points) == 0 || !series[0].Points[0].TS.Equal(ts) {
				return "none", nil
			}
			return strconv.FormatFloat(series[0].Points[0].Value, 'g', -1, 64), nil
		}
	}
	cases := []struct {
		name string
		read func(*metrics.Client) (string, error)
		// What the sandbox (the v0.316 engine, i.e. Prometheus 3.x) and a
		// real Prometheus 2.x and 3.x answer.
		sandbox, prom2, prom3 string
	}{{
		// Prometheus 3.0 made range windows open on the left: at a
		// sample's own timestamp, [5m] holds the five samples after
		// t-5m, where 2.x also counts the one at exactly t-5m. Every
		// *_over_time and rate() over data on the evaluation grid
		// differs so (rate by its extrapolation too), which is why the
		// agree subtests evaluate off the sample grid.
		name:    "range window left edge",
		read:    at("count_over_time(dome_temp_c[5m])", domeLast),
		sandbox: "5", prom2: "6", prom3: "5",
	}, {
		// The lookback became open on the left in 3.0 as well: exactly
		// 5m after the last sample, 2.x still returns it (14-0.5·10),
		// 3.x no longer does.
		name:    "lookback left edge",
		read:    at("dome_temp_c", domeLast.Add(5*time.Minute)),
		sandbox: "none", prom2: "9", prom3: "none",
	}, {
		// /api/v1/series in the TSDB keeps a series when the time range
		// of one of its chunks, as the index records it, overlaps the
		// window (tsdb/querier.go, blockBaseSeriesSet.Next, in 2.x and
		// 3.x alike), even with no sample inside it; the sandbox keeps
		// only series with a sample in the window. Here one chunk spans the half-hour gap, so a
		// real Prometheus names a metric that ServiceSamples then finds
		// no points for.
		name: "series API inside a gap",
		read: func(m *metrics.Client) (string, error) {
			names, err := m.ServiceSeries(ctx, domeService, domeStart.Add(20*time.Minute), domeStart.Add(30*time.Minute))
			return fmt.Sprint(names.Names), err
		},
		sandbox: "[]", prom2: "[dome_temp_c]", prom3: "[dome_temp_c]",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.prom3
			if major == "2" {
				want = tc.prom2
			}
			got, err := tc.read(real)
			if err != nil {
				t.Fatalf("prometheus: %v", err)
			}
			if got != want {
				t.Errorf("prometheus %s: %s, want %s", info.Version, got, want)
			}
			got, err = tc.read(sandbox)
			if err != nil {
				t.Fatalf("sandbox: %v", err)
			}
			if got != tc.sandbox {
				t.Errorf("sandbox: %s, want %s", got, tc.sandbox)
			}
		})
	}
}

func compareServiceSeries(t *testing.T, real, sandbox *metrics.Client, svc string, start, end time.Time) {
	t.Helper()
	ctx := context.Background()
	want, err := sandbox.ServiceSeries(ctx, svc, start, end)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	got, err := real.ServiceSeries(ctx, svc, start, end)
	if err != nil {
		t.Fatalf("prometheus: %v", err)
	}
	if len(want.Names) == 0 {
		t.Errorf("ServiceSeries(%s): the sandbox found no metric", svc)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ServiceSeries(%s):\nprometheus %+v\nsandbox    %+v", svc, got, want)
	}
}

func compareServiceSamples(t *testing.T, real, sandbox *metrics.Client, svc string, start, end time.Time) {
	t.Helper()
	ctx := context.Background()
	want, err := sandbox.ServiceSamples(ctx, svc, start, end, time.Minute)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	got, err := real.ServiceSamples(ctx, svc, start, end, time.Minute)
	if err != nil {
		t.Fatalf("prometheus: %v", err)
	}
	if !slices.Equal(got.Queries, want.Queries) || got.Truncated != want.Truncated || !slices.Equal(got.Warnings, want.Warnings) {
		t.Errorf("ServiceSamples(%s):\nprometheus queries %q truncated %v warnings %q\nsandbox    queries %q truncated %v warnings %q",
			svc, got.Queries, got.Truncated, got.Warnings, want.Queries, want.Truncated, want.Warnings)
	}
	if len(want.Samples) == 0 {
		t.Errorf("ServiceSamples(%s): the sandbox returned no sample", svc)
	}
	g, w := sampleMap(t, got.Samples), sampleMap(t, want.Samples)
	for k, wv := range w {
		gv, ok := g[k]
		switch {
		case !ok:
			t.Errorf("ServiceSamples(%s): %s = %v missing from prometheus", svc, k, wv)
		case !near(gv, wv):
			t.Errorf("ServiceSamples(%s): %s = %v on prometheus, %v on the sandbox", svc, k, gv, wv)
		}
	}
	for k, gv := range g {
		if _, ok := w[k]; !ok {
			t.Errorf("ServiceSamples(%s): %s = %v only on prometheus", svc, k, gv)
		}
	}
}

// sampleMap keys samples by series and time.
func sampleMap(t *testing.T, ss []telemetry.Sample) map[string]float64 {
	t.Helper()
	out := make(map[string]float64, len(ss))
	for _, s := range ss {
		var ls []string
		for k, v := range s.Labels {
			ls = append(ls, fmt.Sprintf("%s=%q", k, v))
		}
		slices.Sort(ls)
		k := fmt.Sprintf("%s/%s{%s}@%s", s.Service, s.Name, strings.Join(ls, ","), s.TS.Format(time.RFC3339Nano))
		if _, dup := out[k]; dup {
			t.Errorf("sample %s twice", k)
		}
		out[k] = s.Value
	}
	return out
}

func compareRange(t *testing.T, real, sandbox *metrics.Client, query string, start, end time.Time) {
	t.Helper()
	ctx := context.Background()
	want, err := sandbox.Range(ctx, query, start, end, time.Minute)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	got, err := real.Range(ctx, query, start, end, time.Minute)
	if err != nil {
		t.Fatalf("prometheus: %v", err)
	}
	if len(want) == 0 || len(want[0].Points) == 0 {
		t.Errorf("%s: the sandbox returned no point", query)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d series on prometheus, %d on the sandbox:\n%v\n%v", query, len(got), len(want), seriesLabels(got), seriesLabels(want))
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if !reflect.DeepEqual(g.Labels, w.Labels) || g.Step != w.Step || g.PointsTotal != w.PointsTotal ||
			g.SeriesTotal != w.SeriesTotal || !slices.Equal(g.Warnings, w.Warnings) {
			t.Errorf("%s: series %d differs:\nprometheus %v step %s points %d/%d warnings %q\nsandbox    %v step %s points %d/%d warnings %q",
				query, i, g.Labels, g.Step, g.PointsTotal, g.SeriesTotal, g.Warnings, w.Labels, w.Step, w.PointsTotal, w.SeriesTotal, w.Warnings)
			continue
		}
		if len(g.Points) != len(w.Points) {
			t.Errorf("%s %v: %d points on prometheus, %d on the sandbox", query, w.Labels, len(g.Points), len(w.Points))
			continue
		}
		for j, wp := range w.Points {
			if gp := g.Points[j]; !gp.TS.Equal(wp.TS) || !near(gp.Value, wp.Value) {
				t.Errorf("%s %v: point %d is %v on prometheus, %v on the sandbox", query, w.Labels, j, gp, wp)
			}
		}
	}
}

func seriesLabels(ss []metrics.Series) []map[string]string {
	out := make([]map[string]string, len(ss))
	for i, s := range ss {
		out[i] = s.Labels
	}
	return out
}

// near is equality within relTol of the larger magnitude.
func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= relTol*math.Max(math.Abs(a), math.Abs(b))
}

func newMetricsClient(t *testing.T, url string) *metrics.Client {
	t.Helper()
	c, err := metrics.New(metrics.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func startSandbox(t *testing.T, samples []telemetry.Sample) string {
	t.Helper()
	srv, err := sandboxprom.New(telemetry.Data{Metrics: samples})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return hs.URL
}

// startPrometheus backfills a TSDB with samples through promtool, starts
// Prometheus on it at a free local port and returns its URL once it is
// ready. The process (and its group) is killed when the test ends.
func startPrometheus(t *testing.T, samples []telemetry.Sample) string {
	t.Helper()
	dir := t.TempDir()
	var om bytes.Buffer
	if err := sandboxprom.WriteOpenMetrics(&om, samples); err != nil {
		t.Fatal(err)
	}
	omPath, dataDir, cfgPath := filepath.Join(dir, "samples.om"), filepath.Join(dir, "data"), filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(omPath, om.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(promtoolBin, "tsdb", "create-blocks-from", "openmetrics", "--quiet", omPath, dataDir).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool create-blocks-from: %v\n%s", err, out)
	}
	// Nothing is scraped. The evaluation interval is the default
	// subquery step, 1m as in the sandbox.
	if err := os.WriteFile(cfgPath, []byte("global:\n  evaluation_interval: 1m\nscrape_configs: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + freePort(t)
	logPath := filepath.Join(dir, "prometheus.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close() // the child holds its own descriptor
	cmd := exec.Command(prometheusBin,
		"--config.file="+cfgPath,
		"--storage.tsdb.path="+dataDir,
		// Retention counts back from the newest block, not from now: the
		// data spans years, and the default 15d would delete the older
		// blocks at startup.
		"--storage.tsdb.retention.time=100y",
		"--web.listen-address="+addr,
	)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start prometheus: %v", err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		select {
		case <-exited:
			return
		default:
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	logTail := func() string {
		b, _ := os.ReadFile(logPath)
		return string(b[max(0, len(b)-4096):])
	}

	url := "http://" + addr
	hc := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatalf("prometheus exited before it was ready: %v\n%s", waitErr, logTail())
		default:
		}
		resp, err := hc.Get(url + "/-/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
			err = errors.New(resp.Status)
		}
		if time.Now().After(deadline) {
			t.Fatalf("prometheus not ready after 60s: %v\n%s", err, logTail())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freePort is a local TCP port nothing listened on a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}
