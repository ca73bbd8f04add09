package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/demo"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// Options size and shape one chaos run.
type Options struct {
	Engine      string // sqlite or postgres
	PGAdmin     string // PostgreSQL server the scratch databases are created on
	Flows       int    // approve→execute flows to drive (at least)
	Kills       int    // SIGKILLs during the run
	Replicas    int    // 1, or 2 (PostgreSQL only): kills hit the second, the first survives
	Concurrency int    // incidents in flight at once
	Seed        int64
	KillEvery   time.Duration // mean time between a restart and the next kill
	StepTimeout time.Duration
	RescueAfter time.Duration
	Timeout     time.Duration // the whole run
	Probes      int           // two replicas: notes written on the victim, watched on the survivor's stream
	HoldAnswers time.Duration // providers hold each answer back up to this long, so kills land mid-call
	Exe         string        // the binary to re-execute as the server
	ExeArgs     []string
	Log         io.Writer // progress

	// inspect runs after the checks, with the providers and the store still
	// open (the checker's own test injects defects there).
	inspect func(r *runner)
}

// KillRecord is what one SIGKILL did and how long recovery took.
type KillRecord struct {
	At        time.Duration // since the run started
	Replica   string
	InFlight  int           // actions approved or executing when the process died
	MidCall   bool          // a provider call's answer was on its way when the process died
	Restart   time.Duration // from the kill until the new process was ready
	Recovered time.Duration // from the kill until every in-flight action was terminal (0: none in flight)
}

// Report is a run's figures and every problem the checks found.
type Report struct {
	Engine       string
	Replicas     int
	Seed         int64
	Wall         time.Duration
	Flows        int // approved protected actions that succeeded
	Approved     int
	Declined     int
	Incidents    int
	Kills        []KillRecord
	ByReplica    map[string]int // alerts and decisions sent to each replica
	LostAnswers  int            // decisions whose answer a kill swallowed (409 on the retry, decided by us)
	Effects      map[string]int // effects counted at the sandbox providers, by action kind
	EmailResent  int            // same Message-ID delivered twice: SMTP's documented window
	AuditEntries int64
	Reconciled   int             // actions a kill interrupted that were found done at the provider, not sent again
	Resumed      int             // actions that took more than one attempt (a kill interrupted them)
	StreamProbes []time.Duration // note written on the victim -> seen on the survivor's stream
	StreamEvents int             // events the survivor's streams delivered
	Problems     []string
}

func (r *Report) problem(format string, a ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
}

// String is the report as printed by the bench and logged by the test.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "engine=%s replicas=%d seed=%d wall=%s\n", r.Engine, r.Replicas, r.Seed, r.Wall.Round(time.Millisecond))
	fmt.Fprintf(&b, "flows=%d (approved=%d declined=%d) incidents=%d lost_answers=%d resumed=%d reconciled=%d audit_entries=%d\n",
		r.Flows, r.Approved, r.Declined, r.Incidents, r.LostAnswers, r.Resumed, r.Reconciled, r.AuditEntries)
	var restarts, recs []time.Duration
	for i, k := range r.Kills {
		rec := "none in flight"
		if k.InFlight > 0 {
			rec = k.Recovered.Round(100 * time.Millisecond).String()
			recs = append(recs, k.Recovered)
		}
		restarts = append(restarts, k.Restart)
		fmt.Fprintf(&b, "kill %d at %s on %s: in_flight=%d mid_call=%v ready_after=%s recovered_after=%s\n", i+1,
			k.At.Round(100*time.Millisecond), k.Replica, k.InFlight, k.MidCall, k.Restart.Round(10*time.Millisecond), rec)
	}
	if len(r.Kills) > 0 {
		fmt.Fprintf(&b, "kills=%d ready_after max=%s recovered_after max=%s\n", len(r.Kills), maxDur(restarts).Round(10*time.Millisecond),
			maxDur(recs).Round(100*time.Millisecond))
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range r.Effects {
			if !yield(k) {
				return
			}
		}
	})
	var eff []string
	for _, k := range keys {
		eff = append(eff, fmt.Sprintf("%s=%d", k, r.Effects[k]))
	}
	fmt.Fprintf(&b, "effects: %s email_resent=%d\n", strings.Join(eff, " "), r.EmailResent)
	if len(r.ByReplica) > 1 {
		fmt.Fprintf(&b, "requests by replica: %v\n", r.ByReplica)
	}
	if r.Replicas > 1 {
		fmt.Fprintf(&b, "stream probes (note on the victim -> survivor's stream): %d, max %s; events streamed by the survivor: %d\n",
			len(r.StreamProbes), maxDur(r.StreamProbes).Round(time.Millisecond), r.StreamEvents)
	}
	if len(r.Problems) == 0 {
		b.WriteString("result: OK\n")
	} else {
		fmt.Fprintf(&b, "result: %d problems\n", len(r.Problems))
		for _, p := range r.Problems {
			b.WriteString("  - " + p + "\n")
		}
	}
	return b.String()
}

func maxDur(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return slices.Max(ds)
}

// maxServices keeps the roster within one OpenFGA write (100 tuples).
const maxServices = 45

// decision is one approval this run decided through the API.
type decision struct {
	approvalID, actionID, incidentID, kind, engineer string
	approved                                         bool
}

// runner is one run's state.
type runner struct {
	o        Options
	rep      *Report
	start    time.Time
	st       *store.Store
	sb       *demo.Sandbox
	cfg      config.Config
	slow     *slowProviders
	idp      *issuer
	replicas []*replica
	victim   *replica
	client   *http.Client
	tokens   map[string]string
	dir      string
	env      []string
	rng      *rand.Rand
	rr       atomic.Uint64 // round-robin over replicas

	mu        sync.Mutex
	decided   map[string]decision // by approval id
	byReplica map[string]int
	posted    int
	killsDone atomic.Bool
	stopKills chan struct{}
}

func logf(o Options, format string, a ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05.000")}, a...)...)
	}
}

// Run performs one chaos run. The error is for a run that could not be set
// up or driven; what the checks found is in Report.Problems.
func Run(o Options) (*Report, error) {
	switch {
	case o.Flows < 1 || o.Kills < 0 || o.Concurrency < 1:
		return nil, errors.New("-flows and -concurrency must be positive and -kills not negative")
	case o.Replicas != 1 && o.Replicas != 2:
		return nil, errors.New("-replicas is 1 or 2")
	case o.Replicas == 2 && o.Engine != "postgres":
		return nil, errors.New("-replicas 2 needs -engine postgres (replicas share one database)")
	case o.RescueAfter <= o.StepTimeout:
		return nil, errors.New("-rescue-after must be longer than -step-timeout")
	}
	rep := &Report{Engine: o.Engine, Replicas: o.Replicas, Seed: o.Seed, Effects: map[string]int{}}
	sc, err := newScratch(o.Engine, o.PGAdmin)
	if err != nil {
		return nil, err
	}
	defer sc.cleanup()
	start := time.Now().UTC()
	sb, err := demo.StartSandbox(demo.Team(start), start)
	if err != nil {
		return nil, err
	}
	defer sb.Close()
	idp, err := startIssuer()
	if err != nil {
		return nil, err
	}
	defer idp.close()

	r := &runner{o: o, rep: rep, sb: sb, idp: idp, dir: sc.dir, rng: rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed)),
		client: &http.Client{Timeout: 15 * time.Second}, tokens: map[string]string{}, decided: map[string]decision{},
		byReplica: map[string]int{}, stopKills: make(chan struct{})}
	for _, eng := range []string{"alice", "bob"} {
		if r.tokens[eng], err = idp.token(eng, 24*time.Hour); err != nil {
			return nil, err
		}
	}
	for i := range o.Replicas {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer ln.Close()
		name := string(rune('a' + i))
		r.replicas = append(r.replicas, &replica{name: name, ln: ln.(*net.TCPListener), base: "http://" + ln.Addr().String()})
	}
	r.victim = r.replicas[len(r.replicas)-1]

	// One service per incident (an incident yields about eight flows). Not
	// more: the roster sync writes every service's tuples in one OpenFGA
	// write, which refuses more than 100 (two per service).
	services := min(o.Flows/6+5, maxServices)
	r.cfg = childConfig(sb, start, r.replicas[0].ln.Addr().String(), sc.authzDB, idp.url, services)
	if r.slow, err = startSlowProviders(sb.URL, o.HoldAnswers); err != nil {
		return nil, err
	}
	defer r.slow.close()
	repoint(&r.cfg, sb.URL, r.slow.url)
	raw, err := json.Marshal(r.cfg)
	if err != nil {
		return nil, fmt.Errorf("encode the child configuration: %w", err)
	}
	cfgPath := filepath.Join(sc.dir, "config.json")
	if err := os.WriteFile(cfgPath, raw, 0o600); err != nil {
		return nil, err
	}
	r.env = []string{serveEnv + "=1", configEnv + "=" + cfgPath, "WARROOM_CONFIG=", "WARROOM_DB=" + sc.db,
		"WARROOM_STEP_TIMEOUT=" + o.StepTimeout.String(), "WARROOM_RESCUE_AFTER=" + o.RescueAfter.String(),
		"WARROOM_SHUTDOWN_TIMEOUT=15s", "WARROOM_LOG_LEVEL=info", "WARROOM_LOG_FORMAT=text"}
	logf(o, "chaos: engine=%s replicas=%d flows=%d kills=%d seed=%d dir=%s", o.Engine, o.Replicas, o.Flows, o.Kills, o.Seed, sc.dir)

	r.start = time.Now()
	for _, rp := range r.replicas {
		if err := r.spawn(rp); err != nil {
			r.stopAll()
			return nil, err
		}
	}
	defer r.stopAll()
	ctx, cancel := context.WithTimeout(context.Background(), o.Timeout)
	defer cancel()
	if r.st, err = store.Open(ctx, sc.db); err != nil {
		return nil, err
	}
	defer r.st.Close()

	var wg sync.WaitGroup
	killErr := make(chan error, 1)
	wg.Add(1)
	go func() { defer wg.Done(); killErr <- r.killLoop(ctx) }()
	probeDone := make(chan struct{})
	if o.Replicas > 1 {
		wg.Add(1)
		go func() { defer wg.Done(); defer close(probeDone); r.probeLoop(ctx) }()
	} else {
		close(probeDone)
	}
	driveErr := r.drive(ctx, probeDone)
	close(r.stopKills)
	wg.Wait()
	if err := <-killErr; err != nil {
		driveErr = errors.Join(driveErr, err)
	}
	rep.Wall = time.Since(r.start)
	r.mu.Lock()
	rep.ByReplica = maps.Clone(r.byReplica)
	r.mu.Unlock()
	// Stop gracefully before checking: a clean exit after all the kills is part of the promise.
	for _, rp := range r.replicas {
		if c := rp.current(); c != nil && c.running() {
			if err := c.term(30 * time.Second); err != nil {
				rep.problem("graceful stop of replica %s: %v", rp.name, err)
			}
		}
	}
	if driveErr != nil {
		r.dumpState(context.Background())
		return rep, driveErr
	}
	r.verify(context.Background())
	if o.inspect != nil {
		o.inspect(r)
	}
	return rep, nil
}

func (r *runner) spawn(rp *replica) error {
	rp.mu.Lock()
	rp.starts++
	n := rp.starts
	rp.mu.Unlock()
	env := append(slices.Clone(r.env), "WARROOM_ADDR="+rp.ln.Addr().String())
	c, err := startChild(r.o.Exe, r.o.ExeArgs, env, rp, filepath.Join(r.dir, fmt.Sprintf("replica-%s-%d.log", rp.name, n)), 2*time.Minute)
	if err != nil {
		return err
	}
	rp.mu.Lock()
	rp.cur = c
	rp.mu.Unlock()
	return nil
}

func (rp *replica) current() *child {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.cur
}

func (r *runner) stopAll() {
	for _, rp := range r.replicas {
		if c := rp.current(); c != nil && c.running() {
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	}
}

// pick chooses the replica for the next request: round robin over those
// whose process is up (a request to a dead one waits in its listen queue).
func (r *runner) pick() *replica {
	n := len(r.replicas)
	off := int(r.rr.Add(1))
	for i := range n {
		rp := r.replicas[(off+i)%n]
		if c := rp.current(); c != nil && c.running() {
			return rp
		}
	}
	return r.replicas[off%n]
}

// do sends a request to some replica, retrying through kills: a refused or
// reset connection or a 5xx is tried again, any other answer is returned.
func (r *runner) do(ctx context.Context, method, path, bearer string, body []byte, out any) (int, string, error) {
	last := "no answer yet"
	for {
		rp := r.pick()
		var rd io.Reader
		if body != nil {
			rd = strings.NewReader(string(body))
		}
		req, err := http.NewRequestWithContext(ctx, method, rp.base+path, rd)
		if err != nil {
			return 0, "", err
		}
		req.Header.Set("Content-Type", "application/json")
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := r.client.Do(req)
		if err != nil {
			last = err.Error()
		} else {
			b, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if rerr == nil && resp.StatusCode < 500 {
				r.mu.Lock()
				r.byReplica[rp.name]++
				r.mu.Unlock()
				if out != nil && resp.StatusCode < 300 {
					if err := json.Unmarshal(b, out); err != nil {
						return resp.StatusCode, string(b), fmt.Errorf("%s %s: decode: %w", method, path, err)
					}
				}
				return resp.StatusCode, string(b), nil
			}
			last = fmt.Sprintf("%d %s %v", resp.StatusCode, b, rerr)
		}
		select {
		case <-ctx.Done():
			return 0, "", fmt.Errorf("%s %s (last: %s): %w", method, path, last, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

type apiApproval struct {
	ID         string `json:"id"`
	ActionID   string `json:"action_id"`
	IncidentID string `json:"incident_id"`
	Kind       string `json:"kind"`
	WaitingFor string `json:"waiting_for"`
	CanDecide  bool   `json:"can_decide"`
}

// drive posts alerts and decides approvals until at least Flows actions
// were approved and every kill happened, then releases the held merges and
// waits until every action is terminal.
func (r *runner) drive(ctx context.Context, probeDone <-chan struct{}) error {
	final := false
	mergeApproved := false
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	lastReport, lastPost := time.Now(), time.Time{}
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("the run did not finish within %s: %w", r.o.Timeout, ctx.Err())
		case <-tick.C:
		}
		for _, eng := range []string{"alice", "bob"} {
			var body struct {
				Approvals []apiApproval `json:"approvals"`
			}
			code, text, err := r.do(ctx, "GET", "/v1/approvals", r.tokens[eng], nil, &body)
			if err != nil {
				return err
			}
			if code != http.StatusOK {
				return fmt.Errorf("GET /v1/approvals as %s: %d %s", eng, code, text)
			}
			for _, ap := range body.Approvals {
				if ap.Kind != string(incident.WaitApproval) || !ap.CanDecide || ap.WaitingFor != eng {
					continue
				}
				r.mu.Lock()
				_, seen := r.decided[ap.ID]
				r.mu.Unlock()
				if seen {
					continue
				}
				act, err := r.st.GetAction(ctx, ap.ActionID)
				if err != nil {
					return fmt.Errorf("action of approval %s: %w", ap.ID, err)
				}
				approve := true
				if act.Kind == "merge_pr" {
					// Every incident reverts the same commit of one repository: a merge
					// would make the later reverts conflict, so merges wait for the end,
					// where one is approved and the rest declined.
					if !final {
						continue
					}
					approve = !mergeApproved
					mergeApproved = true
				}
				if err := r.decide(ctx, eng, ap, act.Kind, approve); err != nil {
					return err
				}
			}
		}
		busy, settled, err := r.inFlight(ctx)
		if err != nil {
			return err
		}
		r.mu.Lock()
		approved, posted := r.countApproved(), r.posted
		r.mu.Unlock()
		perIncident := 8.0
		if settled > 0 {
			perIncident = float64(approved) / float64(settled)
		}
		enough := float64(approved)+float64(busy)*perIncident >= float64(r.o.Flows)
		// Spread the incidents over the kill schedule, so kills meet work in flight.
		interval := time.Duration(float64(r.o.Kills+1) * float64(r.o.KillEvery) * perIncident / float64(r.o.Flows))
		if !final && !enough && busy < r.o.Concurrency && time.Since(lastPost) >= interval {
			lastPost = time.Now()
			if posted >= len(r.cfg.Team.Services) {
				return fmt.Errorf("posted %d alerts (one per service) and still short of %d flows", posted, r.o.Flows)
			}
			if err := r.postAlert(ctx, posted); err != nil {
				return err
			}
		}
		if !final && enough && busy == 0 && approved >= r.o.Flows && r.killsDone.Load() {
			final = true
			logf(r.o, "chaos: %d flows approved over %d incidents; releasing the held merges", approved, settled)
		}
		if final {
			pending, err := r.st.PendingApprovals(ctx, "")
			if err != nil {
				return err
			}
			open, err := r.openActions(ctx)
			if err != nil {
				return err
			}
			if len(pending) == 0 && open == 0 {
				select {
				case <-probeDone:
					return nil
				default:
				}
			}
		}
		if time.Since(lastReport) > 10*time.Second {
			lastReport = time.Now()
			logf(r.o, "chaos: t=%s alerts=%d approved=%d busy_incidents=%d kills=%d", time.Since(r.start).Round(time.Second),
				posted, approved, busy, len(r.kills()))
		}
	}
}

func (r *runner) countApproved() int {
	n := 0
	for _, d := range r.decided {
		if d.approved {
			n++
		}
	}
	return n
}

func (r *runner) postAlert(ctx context.Context, n int) error {
	code, text, err := r.do(ctx, "POST", "/v1/alerts/alertmanager", alertToken, alertPayload(serviceName(n), n, time.Now()), nil)
	if err != nil {
		return err
	}
	if code != http.StatusAccepted {
		return fmt.Errorf("alert %d: %d %s", n, code, text)
	}
	r.mu.Lock()
	r.posted++
	r.mu.Unlock()
	return nil
}

// decide sends the target engineer's decision. A kill can swallow the
// answer after the decision committed: the retry then meets 409, and the
// store must show the decision this run made.
func (r *runner) decide(ctx context.Context, eng string, ap apiApproval, kind string, approve bool) error {
	verdict := "declined"
	if approve {
		verdict = "approved"
	}
	d := decision{approvalID: ap.ID, actionID: ap.ActionID, incidentID: ap.IncidentID, kind: kind, engineer: eng, approved: approve}
	code, text, err := r.do(ctx, "POST", "/v1/approvals/"+ap.ID+"/decision", r.tokens[eng], []byte(`{"decision":"`+verdict+`"}`), nil)
	if err != nil {
		return err
	}
	switch code {
	case http.StatusOK:
	case http.StatusConflict:
		// This run is the only decider and decides each approval once, so a
		// conflict is a retry of ours whose first answer a kill swallowed: the
		// store must hold exactly our decision.
		got, err := r.st.GetApproval(ctx, ap.ID)
		if err != nil {
			return err
		}
		if string(got.Decision) != verdict || got.DecidedBy != eng {
			return fmt.Errorf("approval %s (%s): 409, and the store has %q by %q, not %s by %s", ap.ID, kind, got.Decision, got.DecidedBy, verdict, eng)
		}
		r.mu.Lock()
		r.rep.LostAnswers++
		r.mu.Unlock()
	default:
		return fmt.Errorf("decide %s (%s) as %s: %d %s", ap.ID, kind, eng, code, text)
	}
	r.mu.Lock()
	r.decided[ap.ID] = d
	r.mu.Unlock()
	return nil
}

// inFlight counts incidents still being worked (alert not yet an incident
// with a plan, or an action not terminal other than a held merge) and
// incidents settled.
func (r *runner) inFlight(ctx context.Context) (busy, settled int, err error) {
	incs, err := r.allIncidents(ctx)
	if err != nil {
		return 0, 0, err
	}
	withPlan := 0
	for _, inc := range incs {
		acts, err := r.st.ListActions(ctx, inc.ID)
		if err != nil {
			return 0, 0, err
		}
		if len(acts) == 0 {
			busy++
			continue
		}
		withPlan++
		open := false
		for _, a := range acts {
			if a.Kind == "merge_pr" && a.Status == incident.ActionAwaitingApproval {
				continue
			}
			open = open || !a.Status.Terminal()
		}
		if open {
			busy++
		} else {
			settled++
		}
	}
	r.mu.Lock()
	busy += r.posted - len(incs)
	r.mu.Unlock()
	return busy, settled, nil
}

func (r *runner) openActions(ctx context.Context) (int, error) {
	incs, err := r.allIncidents(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, inc := range incs {
		acts, err := r.st.ListActions(ctx, inc.ID)
		if err != nil {
			return 0, err
		}
		for _, a := range acts {
			if !a.Status.Terminal() {
				n++
			}
		}
	}
	return n, nil
}

func (r *runner) kills() []KillRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.rep.Kills)
}

// killLoop kills the victim at random moments (seeded), restarts it at
// once against the same database, and measures how long recovery takes.
func (r *runner) killLoop(ctx context.Context) error {
	defer r.killsDone.Store(true)
	var watchers sync.WaitGroup
	defer watchers.Wait()
	for k := range r.o.Kills {
		wait := time.Duration((0.3 + 1.4*r.float()) * float64(r.o.KillEvery))
		select {
		case <-ctx.Done():
			return nil
		case <-r.stopKills:
			return nil
		case <-time.After(wait):
		}
		// A random moment while a provider call is in flight (its effect landed,
		// its answer is held back), else while any action is; waiting at most 10s.
		var inflight []string
		midCall := false
		for wait := time.Now().Add(10 * time.Second); ; {
			var err error
			if inflight, err = r.inFlightActions(ctx); err != nil {
				return err
			}
			midCall = r.slow.held.Load() > 0
			if midCall || time.Now().After(wait) && len(inflight) > 0 || time.Now().After(wait.Add(10*time.Second)) || ctx.Err() != nil {
				break
			}
			time.Sleep(time.Duration(5+r.intn(20)) * time.Millisecond)
		}
		c := r.victim.current()
		t0 := time.Now()
		if err := c.kill(); err != nil {
			return fmt.Errorf("kill %d: %w", k+1, err)
		}
		at := t0.Sub(r.start)
		logf(r.o, "chaos: kill %d of %d: SIGKILL replica %s (pid %d) at %s with %d actions in flight (mid provider call: %v)", k+1, r.o.Kills,
			r.victim.name, c.cmd.Process.Pid, at.Round(100*time.Millisecond), len(inflight), midCall)
		if err := r.spawn(r.victim); err != nil {
			return fmt.Errorf("restart after kill %d: %w", k+1, err)
		}
		rec := KillRecord{At: at, Replica: r.victim.name, InFlight: len(inflight), MidCall: midCall, Restart: time.Since(t0)}
		r.mu.Lock()
		idx := len(r.rep.Kills)
		r.rep.Kills = append(r.rep.Kills, rec)
		r.mu.Unlock()
		if len(inflight) > 0 {
			watchers.Add(1)
			go func() {
				defer watchers.Done()
				r.waitTerminal(ctx, inflight)
				r.mu.Lock()
				r.rep.Kills[idx].Recovered = time.Since(t0)
				r.mu.Unlock()
			}()
		}
	}
	return nil
}

// inFlightActions are the actions a kill now could interrupt.
func (r *runner) inFlightActions(ctx context.Context) ([]string, error) {
	incs, err := r.allIncidents(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, inc := range incs {
		acts, err := r.st.ListActions(ctx, inc.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range acts {
			if a.Status == incident.ActionApproved || a.Status == incident.ActionExecuting {
				ids = append(ids, a.ID)
			}
		}
	}
	return ids, nil
}

func (r *runner) waitTerminal(ctx context.Context, ids []string) {
	for _, id := range ids {
		for {
			a, err := r.st.GetAction(ctx, id)
			if err == nil && a.Status.Terminal() || ctx.Err() != nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// dumpState logs every non-terminal action when a run fails to finish.
func (r *runner) dumpState(ctx context.Context) {
	if r.st == nil {
		return
	}
	incs, _ := r.allIncidents(ctx)
	for _, inc := range incs {
		acts, _ := r.st.ListActions(ctx, inc.ID)
		for _, a := range acts {
			if !a.Status.Terminal() || a.Status != incident.ActionSucceeded && a.Status != incident.ActionDeclined {
				logf(r.o, "chaos: incident %s action %s %s %s attempts=%d result=%s", inc.ID, a.ID, a.Kind, a.Status, a.Attempts, a.Result)
			}
		}
	}
	for _, rp := range r.replicas {
		if c := rp.current(); c != nil {
			logf(r.o, "chaos: replica %s last log %s:\n%s", rp.name, c.path, tail(c.path, 40))
		}
	}
}
