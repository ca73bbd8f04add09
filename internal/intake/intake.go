// Package intake is where alerts and reports enter the database. A request
// is acknowledged only after its alerts are committed; concurrent requests
// share commits (group commit), so an alert storm costs one fsync per batch,
// not per alert. Grouping into incidents then runs as a durable step.
package intake

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/triage"
)

// Errors a caller maps to responses.
var (
	ErrReplayed = errors.New("request already accepted (replayed signature)")
	ErrClosed   = errors.New("intake is shutting down")
)

// Options configures an Intake; zero values get defaults.
type Options struct {
	Team     config.Team
	Window   time.Duration // a firing alert joins an open incident of its group that had an alert this recently
	MaxBatch int           // deliveries per commit
	// Committers is how many commits may be in flight at once: more than one
	// lets PostgreSQL overlap one batch's statements with another's fsync.
	// SQLite has a single writer, so one is right there (the default).
	Committers int
	// ReplayTTL is how long accepted signatures are remembered: at least
	// ReplayTTLFor the largest signed-timestamp window of any source
	// (default ReplayTTLFor(5m), the default window and Slack's).
	ReplayTTL  time.Duration
	SweepEvery time.Duration // safety-net grouping interval (default 1m)
	// MinPassInterval spaces grouping passes in one process, so a storm
	// becomes one timeline entry per incident per interval (default 1s).
	MinPassInterval time.Duration
	Logger          *slog.Logger
	Registerer      prometheus.Registerer
	// Classify decides whether a human's message reports an incident
	// (default: the triage package's classifier).
	Classify func(text string, services []string) Classification
}

// Classification is the incident-or-chatter decision on a report, with the
// reasons an on-call engineer reads in the timeline.
type Classification struct {
	Incident bool
	Score    float64
	Reasons  []string
	Service  string // a known service the message names, if any
	Text     string // the message as plain text (chat markup removed), for titles
}

func (o *Options) defaults() {
	if o.Window <= 0 {
		o.Window = 30 * time.Minute
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 512
	}
	if o.Committers <= 0 {
		o.Committers = 1
	}
	if o.ReplayTTL <= 0 {
		o.ReplayTTL = ReplayTTLFor(5 * time.Minute)
	}
	if o.MinPassInterval <= 0 {
		o.MinPassInterval = time.Second
	}
	if o.SweepEvery <= 0 {
		o.SweepEvery = time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Classify == nil {
		o.Classify = TriageClassifier
	}
}

// ReplayTTLFor is how long a signature must be remembered when a signed
// timestamp is accepted up to maxSkew either side of now: a request can be
// accepted from maxSkew before its timestamp until maxSkew after it, so a
// replay may come 2×maxSkew after the first acceptance. A minute more
// covers clocks that differ between replicas (each stamps and prunes by its
// own).
func ReplayTTLFor(maxSkew time.Duration) time.Duration {
	return 2*maxSkew + time.Minute
}

// TriageClassifier is the built-in incident-or-chatter decision.
func TriageClassifier(text string, services []string) Classification {
	d := triage.ClassifyMessage(text, services)
	return Classification{Incident: d.Incident, Score: d.Score, Reasons: d.Reasons, Service: d.Service, Text: triage.StripMarkup(text)}
}

// Delivery is one authenticated, parsed request.
type Delivery struct {
	Source string
	Alerts []incident.Alert
	// Signature, when set, is refused if already accepted: replay protection
	// for signed, timestamped requests.
	Signature string
}

type pending struct {
	d    Delivery
	err  error
	done chan struct{}
}

// Intake stores deliveries and groups them into incidents.
type Intake struct {
	st        *store.Store
	eng       *engine.Engine // runs the grouping passes (and opens incidents)
	gr        *Grouper       // the grouping loop this process runs
	opts      Options
	reqs      chan *pending
	quit      chan struct{}
	stopped   chan struct{}
	pruneMu   sync.Mutex
	lastPrune time.Time
	metrics   *metrics
}

// New builds an Intake whose commits this process groups with gr (on eng,
// whose Steps include gr for the sweep and reports). Run starts its
// committers and gr's grouping loop. A commit kicks the loop in-process
// and, on PostgreSQL, every replica's through the NOTIFY its alerts'
// upsert sends, delivered only if it commits; no step is enqueued per
// commit. Nothing is weaker for it: the alerts' own "waiting" mark is
// committed with them; a replica that dies after its commit has already
// told the others; each loop's first pass at start (and after its LISTEN
// connection comes back) groups whatever waits; the sweep stays. It spares
// every commit a step's insert, fetch and completion.
func New(st *store.Store, eng *engine.Engine, gr *Grouper, opts Options) *Intake {
	opts.defaults()
	return &Intake{st: st, eng: eng, gr: gr, opts: opts, reqs: make(chan *pending, 4*opts.MaxBatch),
		quit: make(chan struct{}), stopped: make(chan struct{}), metrics: newMetrics(opts.Registerer)}
}

// Accept stores d durably and returns once it is committed (or failed).
func (in *Intake) Accept(ctx context.Context, d Delivery) error {
	for _, a := range d.Alerts {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	p := &pending{d: d, done: make(chan struct{})}
	select {
	case in.reqs <- p:
	case <-in.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, the commit decides: waiting for it even if the client
	// went away keeps "stored" and "acknowledged" from drifting apart.
	<-p.done
	return p.err
}

// Run commits queued deliveries until Close. Each commit takes everything
// queued at that moment, so batches grow with load and add no delay when idle.
func (in *Intake) Run() {
	defer close(in.stopped)
	// The loop ends after the last commit; what it had not grouped yet is
	// grouped by the next start's first pass.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		in.gr.runLocal(ctx, in.eng, in.st)
	}()
	defer func() { cancel(); <-done }()
	var wg sync.WaitGroup
	for range in.opts.Committers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in.commitLoop()
		}()
	}
	wg.Wait()
}

func (in *Intake) commitLoop() {
	for {
		var first *pending
		select {
		case first = <-in.reqs:
		case <-in.quit:
			in.drain()
			return
		}
		in.commit(in.fill([]*pending{first}))
	}
}

// fill adds whatever is already queued, up to MaxBatch, without waiting.
func (in *Intake) fill(batch []*pending) []*pending {
	for len(batch) < in.opts.MaxBatch {
		select {
		case p := <-in.reqs:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// drain commits what was queued before Close.
func (in *Intake) drain() {
	for {
		batch := in.fill(nil)
		if len(batch) == 0 {
			return
		}
		in.commit(batch)
	}
}

// Close stops accepting, commits what is queued, and waits for Run to end.
// Call it after the HTTP server has stopped handing it requests.
func (in *Intake) Close() {
	close(in.quit)
	<-in.stopped
}

// pruneDue reports, once a minute, that old signatures should be forgotten
// (a failed prune is simply retried a minute later).
func (in *Intake) pruneDue(at time.Time) bool {
	in.pruneMu.Lock()
	defer in.pruneMu.Unlock()
	if at.Sub(in.lastPrune) < time.Minute {
		return false
	}
	in.lastPrune = at
	return true
}

func (in *Intake) commit(batch []*pending) {
	start := time.Now()
	at := in.eng.Now()
	// A commit must not be cut short by one client's cancelled request.
	// The deadline covers the retries below too, so a store that is down
	// fails the batch within it instead of once per retry.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stored, failed, err := in.commitIsolating(ctx, batch, at)
	if stored > 0 {
		in.gr.kick()
	}
	for _, p := range batch {
		close(p.done)
	}
	in.metrics.batchSize.Observe(float64(len(batch)))
	in.metrics.commitSeconds.Observe(time.Since(start).Seconds())
	in.metrics.alerts.Add(float64(stored))
	if failed > 0 {
		in.metrics.commitErrors.Inc()
		in.opts.Logger.Error("intake commit failed", "deliveries", len(batch), "failed", failed, "error", err.Error())
	}
}

// commitIsolating commits batch in one transaction. If that fails it
// commits each half in its own, recursively, so that a delivery the store
// refuses (PostgreSQL rejects some text SQLite takes) fails alone and the
// others are stored: the transaction rolled back, so no delivery of a failed
// attempt left anything behind, its signature included. It returns the
// alerts stored, the deliveries failed and the first failure.
func (in *Intake) commitIsolating(ctx context.Context, batch []*pending, at time.Time) (stored, failed int, err error) {
	n, err := in.commitTx(ctx, batch, at)
	if err == nil {
		return n, 0, nil
	}
	if len(batch) == 1 || ctx.Err() != nil {
		for _, p := range batch {
			p.err = fmt.Errorf("store alerts: %w", err)
		}
		return 0, len(batch), err
	}
	half := len(batch) / 2
	s1, f1, err1 := in.commitIsolating(ctx, batch[:half], at)
	s2, f2, err2 := in.commitIsolating(ctx, batch[half:], at)
	return s1 + s2, f1 + f2, cmp.Or(err1, err2)
}

// commitTx stores batch in one transaction and returns how many alerts it
// stored; a replayed delivery gets ErrReplayed and stores nothing.
func (in *Intake) commitTx(ctx context.Context, batch []*pending, at time.Time) (int, error) {
	var stored []incident.Alert
	err := in.st.InTx(ctx, func(tx *store.Tx) error {
		stored = stored[:0]
		for _, p := range batch {
			p.err = nil
			if p.d.Signature != "" {
				fresh, err := tx.AcceptSignature(ctx, p.d.Source, p.d.Signature, at)
				if err != nil {
					return err
				}
				if !fresh {
					p.err = ErrReplayed
					continue
				}
			}
			stored = append(stored, p.d.Alerts...)
		}
		if in.pruneDue(at) {
			if err := tx.ForgetSignatures(ctx, at.Add(-in.opts.ReplayTTL)); err != nil {
				return err
			}
		}
		if len(stored) == 0 {
			return nil
		}
		// The upsert announces them to every replica; this process's loop
		// is kicked after the commit.
		return tx.UpsertAlerts(ctx, stored, at)
	})
	if err != nil {
		return 0, err
	}
	return len(stored), nil
}

// groupArgs is the grouping step. It carries nothing: it groups whatever is
// waiting. A stored report enqueues one in its transaction (alerts kick the
// grouping loops instead, see New), and the periodic sweep enqueues one
// every SweepEvery, as the last resort for anything a loop missed. (A step
// unique while running would miss what was committed between its last look
// and its completion, so each is enqueued as it comes.)
type groupArgs struct{}

func (groupArgs) Kind() string { return "group_alerts" }

// Queue is the grouping steps' queue. One worker per process keeps passes
// from splitting a storm into many small timeline entries; each pass takes
// everything waiting. Replicas group in parallel on PostgreSQL (SKIP LOCKED).
const Queue = "intake"

func groupInsertOpts() *river.InsertOpts { return &river.InsertOpts{Queue: Queue, MaxAttempts: 25} }

type metrics struct {
	alerts        prometheus.Counter
	batchSize     prometheus.Histogram
	commitSeconds prometheus.Histogram
	commitErrors  prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		alerts: prometheus.NewCounter(prometheus.CounterOpts{Name: "warroom_intake_alerts_total",
			Help: "Alerts committed (deliveries, including duplicates)."}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "warroom_intake_batch_deliveries",
			Help: "Deliveries per intake commit.", Buckets: prometheus.ExponentialBuckets(1, 2, 11)}),
		commitSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "warroom_intake_commit_seconds",
			Help: "Duration of intake commits.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 12)}),
		commitErrors: prometheus.NewCounter(prometheus.CounterOpts{Name: "warroom_intake_commit_errors_total",
			Help: "Failed intake commits (their requests got 503)."}),
	}
	if reg != nil {
		reg.MustRegister(m.alerts, m.batchSize, m.commitSeconds, m.commitErrors)
	}
	return m
}

// AcceptReport stores a human's message once and queues it for the
// incident-or-chatter decision. stored is false for a message already held
// (a Slack retry, or one the poller and the Events API both delivered).
func (in *Intake) AcceptReport(ctx context.Context, r store.Report, signature string) (stored bool, err error) {
	return acceptReport(ctx, in.st, in.eng, r, signature)
}

// acceptReport is AcceptReport for any caller holding the store and the
// engine (the Events API handler and the Slack poller's step).
func acceptReport(ctx context.Context, st *store.Store, eng *engine.Engine, r store.Report, signature string) (stored bool, err error) {
	if err := CheckReport(r); err != nil {
		return false, err
	}
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if signature != "" {
			fresh, err := tx.AcceptSignature(ctx, r.Source, signature, eng.Now())
			if err != nil {
				return err
			}
			if !fresh {
				return ErrReplayed
			}
		}
		var err error
		if stored, err = tx.InsertReport(ctx, r); err != nil || !stored {
			return err
		}
		return eng.EnqueueTx(ctx, tx, groupArgs{}, groupInsertOpts())
	})
	return stored, err
}

// CheckReport refuses a report that cannot be stored as text on every
// engine (NUL, invalid UTF-8), with an error wrapping incident.ErrInvalid.
func CheckReport(r store.Report) error {
	for _, f := range []struct{ name, v string }{{"source", r.Source}, {"channel", r.Channel}, {"ts", r.TS},
		{"event_id", r.EventID}, {"user", r.User}, {"text", r.Text}} {
		if err := incident.CheckText(f.v); err != nil {
			return fmt.Errorf("report %s %w: %w", f.name, err, incident.ErrInvalid)
		}
	}
	if err := incident.CheckJSONText(r.Raw); err != nil {
		return fmt.Errorf("report raw payload %w: %w", err, incident.ErrInvalid)
	}
	return nil
}
