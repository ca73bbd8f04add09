package intake

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/roster"
	"github.com/warroom/warroom/internal/store"
)

const claimLimit = 500

// Grouper turns stored alerts and reports into incidents: the grouping
// step. It runs on the engine's workers; the Intake enqueues its steps.
type Grouper struct {
	st       *store.Store
	opts     Options
	lastPass atomic.Int64 // unix nanoseconds of the last grouping pass in this process
	grouped  *prometheus.CounterVec
	kicks    chan struct{} // passes asked of the in-process loop (see New)
}

// NewGrouper builds the grouping step over st; the Options' team, window,
// classifier, pass interval, sweep, logger and registerer apply.
func NewGrouper(st *store.Store, opts Options) *Grouper {
	opts.defaults()
	g := &Grouper{st: st, opts: opts, kicks: make(chan struct{}, 1), grouped: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "warroom_intake_grouped_total", Help: "Alerts and reports grouped, by outcome."}, []string{"outcome"})}
	if opts.Registerer != nil {
		opts.Registerer.MustRegister(g.grouped)
	}
	return g
}

// Register adds the grouping step to the workers of the engine that runs
// it (and opens incidents for it).
func (gr *Grouper) Register(eng *engine.Engine, w *river.Workers) error {
	return river.AddWorkerSafely(w, &groupWorker{gr: gr, eng: eng})
}

// Periodic is the safety-net sweep (see groupArgs).
func (gr *Grouper) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(gr.opts.SweepEvery),
		func() (river.JobArgs, *river.InsertOpts) { return groupArgs{}, groupInsertOpts() }, nil)}
}

type groupWorker struct {
	river.WorkerDefaults[groupArgs]
	gr  *Grouper
	eng *engine.Engine
}

// Work runs grouping passes (see pass).
func (w *groupWorker) Work(ctx context.Context, _ *river.Job[groupArgs]) error {
	return w.gr.pass(ctx, w.eng)
}

// pass runs grouping passes until nothing waits. After a pass that added
// alerts to incidents that already existed (a storm in progress), the next
// pass waits until MinPassInterval has gone by, so a storm becomes one
// timeline entry per incident per interval; a new incident is never
// delayed. Full pages go on at once (a backlog to work through).
func (gr *Grouper) pass(ctx context.Context, eng *engine.Engine) error {
	if last := gr.lastPass.Load(); last != 0 {
		if wait := time.Until(time.Unix(0, last).Add(gr.opts.MinPassInterval)); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	for {
		start := time.Now()
		n, grewExisting, err := gr.groupOnce(ctx, eng)
		if err != nil {
			return err
		}
		if grewExisting {
			gr.lastPass.Store(start.UnixNano())
		} else {
			gr.lastPass.Store(0)
		}
		if n < claimLimit {
			return nil
		}
	}
}

// kick asks the in-process grouping loop for a pass; kicks that arrive
// while one is due are one pass.
func (gr *Grouper) kick() {
	select {
	case gr.kicks <- struct{}{}:
	default:
	}
}

// runLocal is the in-process grouping loop (see New): a pass at
// once (alerts a crash left waiting), then one whenever a commit kicks it,
// until ctx ends. On PostgreSQL it also listens for other replicas'
// commits. A failed pass is retried with backoff; the periodic sweep stays
// as the last resort.
func (gr *Grouper) runLocal(ctx context.Context, eng *engine.Engine, st *store.Store) {
	if st.Dialect() == store.Postgres {
		// Every replica's commits (this one's too) kick the loop; after a
		// (re)connection it is kicked once, for what was announced meanwhile.
		go st.Follow(ctx, nil, store.GroupingChannel, func(string) { gr.kick() }, gr.kick, gr.opts.Logger)
	}
	gr.kick()
	backoff := time.Second
	for {
		select {
		case <-ctx.Done():
			return
		case <-gr.kicks:
		}
		err := gr.pass(ctx, eng)
		if err == nil || ctx.Err() != nil {
			backoff = time.Second
			continue
		}
		gr.opts.Logger.Error("grouping pass failed; retrying", "in", backoff.String(), "error", err.Error())
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 30*time.Second)
		gr.kick()
	}
}

// delta is what one grouping pass did to one incident; it becomes at most
// one event per kind, so a storm of 10 000 alerts is one timeline entry, not 10 000.
type delta struct {
	source   string
	received []incident.Alert
	resolved []incident.Alert
	reported bool // a report joined
}

// groupKey is what makes alerts "related": the service, or the alert's own
// title when the source names no service.
func groupKey(a incident.Alert) string {
	if a.Service != "" {
		return "service:" + a.Service
	}
	return "title:" + a.Source + ":" + a.Title
}

func (gr *Grouper) serviceNames() []string {
	out := make([]string, 0, len(gr.opts.Team.Services))
	for _, s := range gr.opts.Team.Services {
		out = append(out, s.Name)
	}
	return out
}

// groupOnce claims a page of waiting alerts and reports and groups them in
// one transaction: a crash mid-way leaves them waiting, never half-grouped.
func (gr *Grouper) groupOnce(ctx context.Context, eng *engine.Engine) (n int, grewExisting bool, err error) {
	err = gr.st.InTx(ctx, func(tx *store.Tx) error {
		alerts, err := tx.ClaimDirtyAlerts(ctx, claimLimit)
		if err != nil {
			return err
		}
		reports, err := tx.ClaimDirtyReports(ctx, claimLimit)
		if err != nil {
			return err
		}
		n = len(alerts) + len(reports)
		at := eng.Now()
		g := grouping{gr: gr, eng: eng, tx: tx, at: at, byKey: map[string]string{}, deltas: map[string]*delta{}, created: map[string]bool{},
			byAlertGroup: map[string]string{}, touched: map[string]bool{}}
		for _, a := range alerts {
			if err := g.alert(ctx, a); err != nil {
				return err
			}
		}
		for _, r := range reports {
			if err := g.report(ctx, r); err != nil {
				return err
			}
		}
		if err := g.flush(ctx); err != nil {
			return err
		}
		for id, d := range g.deltas {
			grewExisting = grewExisting || (len(d.received) > 0 && !g.created[id])
		}
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("group alerts: %w", err)
	}
	return n, grewExisting, nil
}

type grouping struct {
	gr      *Grouper
	eng     *engine.Engine
	tx      *store.Tx
	at      time.Time
	byKey   map[string]string // group key -> incident id, for this pass
	order   []string          // incident ids in first-touched order, for deterministic events
	deltas  map[string]*delta
	links   []store.AlertLink // written together at the end of the pass
	created map[string]bool   // incidents this pass opened
	// byAlertGroup maps a source's notification group to its incident, for
	// this pass.
	byAlertGroup map[string]string
	touched      map[string]bool // incidents whose last alert time this pass has set
}

func (g *grouping) link(alertID, incidentID string) {
	g.links = append(g.links, store.AlertLink{AlertID: alertID, IncidentID: incidentID})
}

func (g *grouping) delta(incidentID, source string) *delta {
	d, ok := g.deltas[incidentID]
	if !ok {
		d = &delta{source: source}
		g.deltas[incidentID] = d
		g.order = append(g.order, incidentID)
	}
	return d
}

// incidentFor finds the open incident of key or registers a new one, owned
// by whoever is on call for the service right now.
func (g *grouping) incidentFor(ctx context.Context, key, title, service string, by incident.Actor) (string, error) {
	if id, ok := g.byKey[key]; ok {
		return id, nil
	}
	if err := g.tx.LockGroup(ctx, key); err != nil {
		return "", err
	}
	id, err := g.tx.OpenIncidentForGroup(ctx, key, g.at.Add(-g.gr.opts.Window))
	if err != nil {
		return "", err
	}
	if id == "" {
		owner := roster.Owner(g.gr.opts.Team, service, g.at)
		inc, err := g.eng.OpenIncidentTx(ctx, g.tx, title, service, owner, incident.SevUnknown, by)
		if err != nil {
			return "", err
		}
		id = inc.ID
		g.created[id] = true
		g.gr.grouped.WithLabelValues("new_incident").Inc()
	}
	if err := g.tx.SetIncidentGroup(ctx, id, key, g.at); err != nil {
		return "", err
	}
	g.byKey[key] = id
	return id, nil
}

func (g *grouping) alert(ctx context.Context, a store.StoredAlert) error {
	source := incident.Actor{ID: a.Source, Type: incident.ActorSystem}
	if a.Status == incident.AlertResolved {
		incIDs := []string{a.IncidentID}
		if a.IncidentID == "" {
			// A resolve notice keyed differently from its firing episodes.
			end := a.EndsAt
			if end.IsZero() {
				end = a.StartsAt
			}
			var err error
			if incIDs, err = g.tx.ResolveOpenEpisodes(ctx, a.Source, a.Fingerprint, end); err != nil {
				return err
			}
		}
		for _, id := range incIDs {
			d := g.delta(id, a.Source)
			d.resolved = append(d.resolved, a.Alert)
		}
		if len(incIDs) == 0 {
			g.gr.grouped.WithLabelValues("resolved_unknown").Inc()
			g.link(a.ID, "")
			return nil
		}
		g.gr.grouped.WithLabelValues("resolved").Inc()
		g.link(a.ID, incIDs[0])
		return nil
	}
	if a.IncidentID != "" {
		// Firing again within its episode: stay with the incident if it is still open.
		inc, err := g.tx.GetIncident(ctx, a.IncidentID)
		if err != nil {
			return err
		}
		if !inc.Status.Terminal() {
			g.delta(inc.ID, a.Source).received = append(g.delta(inc.ID, a.Source).received, a.Alert)
			g.link(a.ID, inc.ID)
			return nil
		}
	}
	incID, err := g.incidentOfAlertGroup(ctx, a.Alert)
	if err != nil {
		return err
	}
	if incID == "" {
		if incID, err = g.incidentFor(ctx, groupKey(a.Alert), a.Title, a.Service, source); err != nil {
			return err
		}
	} else if !g.touched[incID] {
		// Once per incident per pass: every alert of the pass has the same time.
		if err := g.tx.TouchIncidentAlert(ctx, incID, g.at); err != nil {
			return err
		}
		g.touched[incID] = true
	}
	if a.Group != "" {
		g.byAlertGroup[a.Source+"\x00"+a.Group] = incID
	}
	g.delta(incID, a.Source).received = append(g.delta(incID, a.Source).received, a.Alert)
	g.gr.grouped.WithLabelValues("firing").Inc()
	g.link(a.ID, incID)
	return nil
}

// incidentOfAlertGroup is the open incident an alert joins because the
// source's own routing grouped it with alerts already in that incident
// (Alertmanager's group_by, across services), "" when there is none.
func (g *grouping) incidentOfAlertGroup(ctx context.Context, a incident.Alert) (string, error) {
	if a.Group == "" {
		return "", nil
	}
	if id, ok := g.byAlertGroup[a.Source+"\x00"+a.Group]; ok {
		return id, nil
	}
	return g.tx.OpenIncidentOfAlertGroup(ctx, a.Source, a.Group, g.at.Add(-g.gr.opts.Window))
}

func (g *grouping) report(ctx context.Context, r store.Report) error {
	c := g.gr.opts.Classify(r.Text, g.gr.serviceNames())
	r.Score, r.Reasons, r.Service = c.Score, c.Reasons, c.Service
	if !c.Incident {
		r.Decision = "chatter"
		g.gr.grouped.WithLabelValues("chatter").Inc()
		return g.tx.SaveReportDecision(ctx, r)
	}
	key := "slack:" + r.Channel
	if c.Service != "" {
		key = "service:" + c.Service
	}
	author := incident.Actor{ID: r.Source + ":" + r.User, Type: incident.ActorHuman}
	title := c.Text
	if strings.TrimSpace(title) == "" {
		title = r.Text
	}
	incID, err := g.incidentFor(ctx, key, firstLine(title, 120), c.Service, author)
	if err != nil {
		return err
	}
	ev, err := incident.NewEvent(incID, incident.EventReport, author, g.at, map[string]any{
		"report_id": r.ID, "channel": r.Channel, "ts": r.TS, "user": r.User, "text": r.Text,
		"score": c.Score, "reasons": c.Reasons,
	})
	if err != nil {
		return err
	}
	if _, err := g.tx.AppendEvent(ctx, ev); err != nil {
		return err
	}
	r.Decision, r.IncidentID = "incident", incID
	g.delta(incID, r.Source).reported = true
	g.gr.grouped.WithLabelValues("report").Inc()
	return g.tx.SaveReportDecision(ctx, r)
}

// flush writes one event per incident per kind, and proposes resolution
// when an incident's last firing alert resolved.
func (g *grouping) flush(ctx context.Context) error {
	if err := g.tx.MarkAlertsGrouped(ctx, g.links); err != nil {
		return err
	}
	for _, incID := range g.order {
		d := g.deltas[incID]
		if (len(d.received) > 0 || d.reported) && !g.created[incID] {
			// What joined an existing incident may change its assessment.
			if err := g.eng.IncidentGrewTx(ctx, g.tx, incID); err != nil {
				return err
			}
		}
		actor := incident.Actor{ID: d.source, Type: incident.ActorSystem}
		if len(d.received) > 0 {
			if err := g.event(ctx, incID, incident.EventAlert, actor, summarize(d.received)); err != nil {
				return err
			}
		}
		if len(d.resolved) == 0 {
			continue
		}
		if err := g.event(ctx, incID, incident.EventAlertResolved, actor, summarize(d.resolved)); err != nil {
			return err
		}
		firing, err := g.tx.FiringAlertCount(ctx, incID)
		if err != nil {
			return err
		}
		inc, err := g.tx.GetIncident(ctx, incID)
		if err != nil {
			return err
		}
		if firing > 0 || inc.Status.Terminal() {
			continue
		}
		// Proposed, not done: a human decides whether the incident is over.
		ev, err := incident.NewEvent(incID, incident.EventResolutionProposed, incident.System, g.at,
			map[string]any{"reason": "every alert of this incident has resolved"})
		if err != nil {
			return err
		}
		if err := engine.Record(ctx, g.tx, ev, audit.Entry{Action: "incident.propose_resolution", TargetSystem: "warroom",
			TargetResource: "incident:" + incID, Outcome: audit.OutcomePending, Detail: "all alerts resolved"}); err != nil {
			return err
		}
	}
	return nil
}

func (g *grouping) event(ctx context.Context, incID string, typ incident.EventType, actor incident.Actor, data any) error {
	ev, err := incident.NewEvent(incID, typ, actor, g.at, data)
	if err != nil {
		return err
	}
	_, err = g.tx.AppendEvent(ctx, ev)
	return err
}

// summarize keeps a timeline entry readable during a storm: the count, and
// the first few alerts in full.
func summarize(alerts []incident.Alert) map[string]any {
	const shown = 10
	type brief struct {
		Title       string            `json:"title"`
		Fingerprint string            `json:"fingerprint"`
		Severity    string            `json:"severity,omitempty"`
		Service     string            `json:"service,omitempty"`
		StartsAt    time.Time         `json:"starts_at"`
		Labels      map[string]string `json:"labels,omitempty"`
	}
	list := make([]brief, 0, min(len(alerts), shown))
	for _, a := range alerts[:min(len(alerts), shown)] {
		list = append(list, brief{a.Title, a.Fingerprint, a.Severity, a.Service, a.StartsAt, a.Labels})
	}
	return map[string]any{"count": len(alerts), "alerts": list}
}

// firstLine is a report's title: its first line, cut at a word near max runes.
func firstLine(text string, max int) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if utf8.RuneCountInString(line) <= max {
		return line
	}
	runes := []rune(line)[:max]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
