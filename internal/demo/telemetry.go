package demo

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
)

// The demo's telemetry tells the same story as its repository and alert.
// The bad change (pspTimeout, pspRetries) shipped twenty minutes before
// start and was harmless while Adyen answered fast. Seven minutes before
// start Adyen slowed down: authorise calls began to hit the 800ms timeout,
// every timeout was retried, the retries drew 429s from Adyen, and the 429s
// were retried too. checkout-api fails first (its own PSP calls run to
// their deadline); the web shop that calls its confirm endpoint fails a
// minute or two later, only because it waits on checkout-api and gives up
// after its own timeout. A feature flag flipped on the mailer three
// minutes before the onset is a bystander.

// The demo's other services: the web shop that submits orders to
// checkout-api (on the team's roster, so an investigation reads it), and
// the mailer, another team's service, whose flag change is a distractor.
const (
	shopService = "shop-web"
	mailService = "mailer"
)

const (
	// shopTimeout is how long the web shop waits on checkout-api.
	shopTimeout = 3 * time.Second
	// onsetBeforeStart is how long before the demo's start the trouble
	// begins, so an alert fired at any time after start finds it earlier.
	onsetBeforeStart = 7 * time.Minute
	// history and future bound the samples around start.
	history = 2 * time.Hour
	future  = 45 * time.Minute
)

// onset is when the demo's trouble begins: on the minute, a few minutes
// before start, after the bad change's deploy.
func onset(start time.Time) time.Time {
	return start.UTC().Truncate(time.Minute).Add(-onsetBeforeStart)
}

// Telemetry is what the demo team's metrics, logs, traces and flag service
// hold from two hours before start to forty-five minutes after: per-minute
// samples of checkout-api and the web shop, their logs (routine lines
// throughout, retry and failure lines from the onset on), a few failing
// traces through both, and one flag change on the mailer. It depends on
// start only, so a test can predict it.
func Telemetry(start time.Time) (telemetry.Data, []telemetry.FlagChange) {
	on := onset(start)
	first, last := on.Add(onsetBeforeStart-history), start.UTC().Add(future)
	deployed := Repo(start).Deploys[0].At // the bad change
	var d telemetry.Data
	for t := first; !t.After(last); t = t.Add(time.Minute) {
		m := int(t.Sub(on) / time.Minute) // minutes since the onset; negative before
		d.Metrics = append(d.Metrics, minuteSamples(t, m, !t.Before(deployed))...)
		d.Logs = append(d.Logs, minuteLogs(t, m)...)
	}
	// checkout-api logs a failed confirm when it answers the 502: the
	// failure line of a traced request's minute carries its trace id.
	failedAt := map[int64]telemetry.Span{} // by Unix minute
	for i, tr := range failingTraces {
		spans := failingTrace(i, on.Add(tr.after), tr.attempts)
		d.Traces = append(d.Traces, spans...)
		failedAt[spans[1].Start.Unix()/60] = spans[1]
	}
	for i := range d.Logs {
		r := &d.Logs[i]
		if confirm, ok := failedAt[r.TS.Unix()/60]; ok && r.Service == checkoutService && r.Level == telemetry.LevelError {
			r.TS, r.TraceID = confirm.End(), confirm.TraceID
		}
	}
	flags := []telemetry.FlagChange{{TS: on.Add(-3 * time.Minute), Flag: "mailer.inline-styles", Service: mailService,
		Change: "off->on", Actor: "carol@acme.example"}}
	return d, flags
}

// minuteSamples are every series' values at t, m minutes after the onset.
func minuteSamples(t time.Time, m int, deployed bool) []telemetry.Sample {
	sample := func(service, name string, v float64) telemetry.Sample {
		return telemetry.Sample{TS: t, Service: service, Name: name, Value: round(v, 4)}
	}
	// Noise stays within 8% of each level, so that no two stretches of the
	// calm differ by the 20% a change needs.
	j := func(name string) float64 { return jitter(name, t) }
	// Before the onset a retry was rare: the deploy added a few timeouts'
	// worth, well inside the series' noise.
	attempts := 1 + 0.01*j("attempts")
	if deployed {
		attempts += 0.03
	}
	failed, p99, throttled := 0.002+0.00015*j("failed"), 620+24*j("p99"), 0.0
	if m >= 0 {
		attempts = ramp(m, 3.8+0.08*j("attempts"), 2.1, 2.9, 3.4)
		failed = ramp(m, 0.24+0.015*j("failed"), 0.05, 0.12, 0.18)
		p99 = float64(pspTimeout/time.Millisecond) - 2 + 1.4*j("p99") // pinned at the PSP timeout
		throttled = ramp(m, 88+6*j("throttled"), 12, 38, 66)
	}
	// The web shop waits on checkout-api: slower from the first minute,
	// failing from the second, pinned at its own timeout.
	shopFailed, shopP99 := 0.004+0.0003*j("shop-failed"), 720+30*j("shop-p99")
	if m >= 1 {
		shopP99 = float64(shopTimeout/time.Millisecond) + 2*j("shop-p99")
	}
	if m >= 2 {
		shopFailed = ramp(m-2, 0.23+0.015*j("shop-failed"), 0.08, 0.16)
	}
	return []telemetry.Sample{
		sample(checkoutService, "confirm_requests_per_sec", 36+2*j("confirm")),
		sample(checkoutService, "confirm_failure_share", failed),
		sample(checkoutService, "psp_authorise_p99_ms", p99),
		sample(checkoutService, "psp_attempts_per_payment", attempts),
		sample(checkoutService, "psp_throttled_per_sec", throttled),
		sample(shopService, "order_submits_per_sec", 38+2*j("submits")),
		sample(shopService, "order_submit_failure_share", shopFailed),
		sample(shopService, "checkout_call_p99_ms", shopP99),
	}
}

// minuteLogs are the log records of the minute starting at t, m minutes
// after the onset: routine lines (Count stands for the minute's volume)
// and, from the onset on, the retry storm's.
func minuteLogs(t time.Time, m int) []telemetry.LogRecord {
	at := func(key string) time.Time { // a stable second within the minute
		return t.Add(time.Duration(30+29*jitter(key, t)) * time.Second)
	}
	rec := func(key, service, level, msg string, count int, attrs map[string]any) telemetry.LogRecord {
		return telemetry.LogRecord{TS: at(key), Service: service, Level: level, Msg: msg, Count: max(count, 1), Attrs: attrs}
	}
	failed := 0.0
	if m >= 0 {
		failed = 0.24
	}
	confirms := 36 * 60
	out := []telemetry.LogRecord{
		rec("confirm-ok", checkoutService, telemetry.LevelInfo, "confirm completed", int(float64(confirms)*(1-failed)),
			map[string]any{"route": confirmRoute}),
		rec("refused", checkoutService, telemetry.LevelWarn, "payment refused by the card network", 4+int(3+3*jitter("refused", t)),
			map[string]any{"reason": "insufficient_funds"}),
		rec("submit-ok", shopService, telemetry.LevelInfo, "order submitted", 38*60-int(float64(confirms)*failed), nil),
	}
	if minute := t.Unix() / 60; minute%5 == 0 {
		out = append(out, rec("cart", checkoutService, telemetry.LevelWarn, "cart lookup slow, used the cached copy", 1,
			map[string]any{"elapsed_ms": 180 + int(40*jitter("cart", t))}))
	}
	if minute := t.Unix() / 60; minute%4 == 0 {
		out = append(out, rec("recs", shopService, telemetry.LevelWarn, "recommendations unavailable, page served without them", 2, nil))
	}
	if m < 0 {
		return out
	}
	timeout := pspTimeout.String()
	attempts := pspRetries + 1
	out = append(out,
		rec("psp-timeout", checkoutService, telemetry.LevelWarn, "psp attempt timed out, retrying", ramp(m, 640, 150, 390, 530),
			map[string]any{"psp": "adyen", "timeout": timeout}),
		rec("psp-429", checkoutService, telemetry.LevelWarn, "psp answered 429 Too Many Requests, retrying", ramp(m, 1880, 320, 880, 1450),
			map[string]any{"psp": "adyen", "status": 429}),
		rec("confirm-failed", checkoutService, telemetry.LevelError, fmt.Sprintf("confirm failed: psp gave up after %d attempts", attempts),
			ramp(m, 540, 130, 290, 430), map[string]any{"status": 502, "route": confirmRoute, "last_answer": "429"}),
	)
	if n := len(out); m == 0 {
		// The storm's first minute in causal order: a timeout, then 429s,
		// then failures.
		out[n-3].TS, out[n-2].TS, out[n-1].TS = t.Add(12*time.Second), t.Add(20*time.Second), t.Add(25*time.Second)
	}
	if m >= 2 {
		out = append(out,
			rec("shop-timeout", shopService, telemetry.LevelError, "order submit failed: checkout did not answer in time",
				ramp(m-2, 210, 60), map[string]any{"timeout": shopTimeout.String()}),
			rec("shop-502", shopService, telemetry.LevelError, "order submit failed: checkout answered 502", ramp(m-2, 320, 90), nil))
	}
	return out
}

// failingTraces are when each failing trace starts, after the onset, and
// what each PSP attempt met: t the attempt's own timeout, r a 429.
// Four attempts at the timeout outlast the web shop's patience; one does
// not, and checkout-api's 502 comes back in time to be seen.
var failingTraces = []struct {
	after    time.Duration
	attempts string
}{
	{35 * time.Second, "trrrr"}, {110 * time.Second, "ttrtt"}, {190 * time.Second, "ttrtt"},
	{275 * time.Second, "trrrr"}, {365 * time.Second, "ttrtt"}, {9 * time.Minute, "ttrtt"},
	{13 * time.Minute, "trrrr"}, {19 * time.Minute, "ttrtt"}, {27 * time.Minute, "ttrtt"}, {38 * time.Minute, "trrrr"},
}

func traceID(i int) string { return sha(fmt.Sprintf("demo-trace-%d", i))[:32] }

// failingTrace is one order submit through the web shop into checkout-api
// and its PSP attempts, starting at t. The first attempt fails on its own,
// at the PSP timeout; checkout-api gives up after the last one with a 502;
// the web shop either gets that 502 or stops waiting at its own timeout.
func failingTrace(i int, t time.Time, attempts string) []telemetry.Span {
	id := traceID(i)
	span := func(n int, parent *telemetry.Span, service, name string, start time.Time) telemetry.Span {
		s := telemetry.Span{TraceID: id, SpanID: sha(fmt.Sprintf("demo-trace-%d-span-%d", i, n))[:16], Service: service,
			Name: name, Start: start, Status: telemetry.StatusError, Attrs: map[string]any{}}
		if parent != nil {
			s.ParentID = parent.SpanID
		}
		return s
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	const backoff = 50 * time.Millisecond

	root := span(0, nil, shopService, "POST /order/submit", t)
	root.Attrs["checkout.timeout_ms"] = ms(shopTimeout)
	confirm := span(1, &root, checkoutService, "POST "+confirmRoute, t.Add(4*time.Millisecond))
	confirm.StatusMessage, confirm.Attrs["http.response.status_code"] = "502: payment authorisation failed", 502
	cart := span(2, &confirm, checkoutService, "cart.load", confirm.Start.Add(2*time.Millisecond))
	cart.DurationMS, cart.Status = 9, telemetry.StatusOK
	authorise := span(3, &confirm, checkoutService, "psp.authorise", cart.End().Add(time.Millisecond))
	authorise.StatusMessage = fmt.Sprintf("gave up after %d attempts, last answer 429", len(attempts))
	authorise.Attrs["psp.retries"], authorise.Attrs["psp.retry_on_429"] = pspRetries, true

	var tries []telemetry.Span
	end := authorise.Start
	for n, a := range attempts {
		s := span(4+n, &authorise, checkoutService, "psp.call", end.Add(backoff*time.Duration(min(n, 1))))
		s.Attrs["psp.timeout_ms"], s.Attrs["psp.attempt"] = ms(pspTimeout), n+1
		if a == 't' {
			s.DurationMS = ms(pspTimeout) + 0.4
			s.StatusMessage = fmt.Sprintf("psp timeout: no answer from adyen within %s", pspTimeout)
		} else {
			s.DurationMS = 38 + 6*float64(n)
			s.StatusMessage, s.Attrs["http.response.status_code"] = "HTTP 429 Too Many Requests", 429
		}
		tries = append(tries, s)
		end = s.End()
	}
	authorise.DurationMS = ms(end.Sub(authorise.Start))
	confirm.DurationMS = ms(end.Sub(confirm.Start)) + 1
	if confirm.End().After(root.Start.Add(shopTimeout)) {
		root.DurationMS, root.StatusMessage = ms(shopTimeout), fmt.Sprintf("timed out waiting for %s", checkoutService)
	} else {
		root.DurationMS, root.StatusMessage = ms(confirm.End().Sub(root.Start))+2, fmt.Sprintf("%s answered 502", checkoutService)
	}
	return append([]telemetry.Span{root, confirm, cart, authorise}, tries...)
}

// ramp is level from the len(steps)-th minute on, and steps before it:
// how a storm builds over its first minutes.
func ramp[T int | float64](m int, level T, steps ...T) T {
	if m >= 0 && m < len(steps) {
		return steps[m]
	}
	return level
}

// jitter is a stable pseudo-random number in [-1, 1) for a series at t:
// noise that does not change between runs or with the order of calls.
func jitter(key string, t time.Time) float64 {
	sum := sha1.Sum(fmt.Appendf(nil, "%s@%d", key, t.Unix()))
	return float64(binary.BigEndian.Uint64(sum[:8])>>11)/float64(1<<53)*2 - 1
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
