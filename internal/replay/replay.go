// Package replay replays a scenario file fully offline: a fresh database, the
// sandbox GitHub API and telemetry backends on loopback, and WarRoom's own
// parsers, intake, grouping, engine and agent.
package replay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	ghp "github.com/warroom/warroom/internal/provider/github"
	sandbox "github.com/warroom/warroom/internal/sandbox/github"
	"github.com/warroom/warroom/internal/sandbox/observability"
	"github.com/warroom/warroom/internal/scenario"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/webhook"
)

// sandboxToken is the only credential in a replay: the sandbox accepts it.
const sandboxToken = "sandbox-read-token"

// Sandbox is one scenario's world, running: a database, the sandbox GitHub
// API on loopback, and WarRoom's intake, engine and agent harness.
type Sandbox struct {
	Store  *store.Store
	Intake *intake.Intake
	Engine *engine.Engine
	close  []func()
}

// Options adjusts a sandbox; the zero value is a temporary SQLite database.
type Options struct {
	DSN          string        // an empty database to use instead of a temporary SQLite file
	PollInterval time.Duration // how often idle workers look for steps (default 5ms)
	// ReassessEvery is the agent's re-assessment debounce (default 1s).
	ReassessEvery time.Duration
}

// Open builds and starts a sandbox for s with the given reasoner (nil = built-in).
func Open(ctx context.Context, s scenario.Scenario, reasoner agent.Reasoner, o Options) (*Sandbox, error) {
	sb := &Sandbox{}
	ok := false
	defer func() {
		if !ok {
			sb.Close()
		}
	}()
	if reasoner == nil {
		reasoner = agent.Builtin{}
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 5 * time.Millisecond
	}
	if o.ReassessEvery <= 0 {
		o.ReassessEvery = time.Second
	}
	if o.DSN == "" {
		dir, err := os.MkdirTemp("", "warroom-scenario-")
		if err != nil {
			return nil, err
		}
		sb.close = append(sb.close, func() { os.RemoveAll(dir) })
		o.DSN = "sqlite:" + filepath.Join(dir, "warroom.db")
	}
	st, err := store.Open(ctx, o.DSN)
	if err != nil {
		return nil, err
	}
	sb.Store = st
	sb.close = append(sb.close, func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	if err := st.UpsertKnownIssues(ctx, s.KnownIssues); err != nil {
		return nil, err
	}

	srv := httptest.NewServer(sandbox.NewServer(s.Repos).Handler())
	sb.close = append(sb.close, srv.Close)
	client, err := ghp.New(sandboxToken, srv.URL+"/", srv.Client())
	if err != nil {
		return nil, err
	}

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := func() time.Time { return s.Now }
	// The scenario's telemetry and flag changes, served as Prometheus,
	// Loki, Tempo and Unleash would, and read through the same clients.
	obs, err := observability.Start(s.Telemetry, s.Flags, now)
	if err != nil {
		return nil, err
	}
	sb.close = append(sb.close, func() { _ = obs.Close() })
	tel, err := agent.TelemetryFrom(obs.Config())
	if err != nil {
		return nil, err
	}
	tools, err := agent.StandardTools(agent.AssessDeps{Deps: agent.Deps{Store: st, GitHub: client}, Team: s.Team, Now: now, Telemetry: tel})
	if err != nil {
		return nil, err
	}
	h := &agent.Harness{Store: st, Tools: tools, Reasoner: reasoner, Logger: log, Inject: agent.TeamInjector(s.Team),
		ReassessEvery: o.ReassessEvery}
	opts := intake.Options{Team: s.Team, Logger: log}
	gr := intake.NewGrouper(st, opts)
	eng, err := engine.New(st, engine.Options{Logger: log, Clock: now, PollInterval: o.PollInterval,
		Kinds: action.Kinds(), Queues: map[string]int{intake.Queue: 1},
		Steps:         []engine.Steps{gr, h},
		IncidentSteps: func(inc incident.Incident) []river.JobArgs { return []river.JobArgs{agent.FirstRound(inc.ID)} },
		GrownSteps:    func(id string) []river.JobArgs { return []river.JobArgs{h.Reassess(id)} }})
	if err != nil {
		return nil, err
	}
	in := intake.New(st, eng, gr, opts)

	runCtx, cancel := context.WithCancel(context.Background())
	if err := eng.Start(runCtx); err != nil {
		cancel()
		return nil, err
	}
	go in.Run()
	sb.Intake, sb.Engine = in, eng
	sb.close = append(sb.close, func() {
		in.Close()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = eng.Stop(sctx)
		cancel()
	})
	ok = true
	return sb, nil
}

// Close stops everything the sandbox started, newest first.
func (sb *Sandbox) Close() {
	for i := len(sb.close) - 1; i >= 0; i-- {
		sb.close[i]()
	}
	sb.close = nil
}

// Run replays one scenario fully offline in a fresh sandbox and returns
// what WarRoom concluded.
func Run(ctx context.Context, s scenario.Scenario, reasoner agent.Reasoner) (scenario.Result, error) {
	sb, err := Open(ctx, s, reasoner, Options{})
	if err != nil {
		return scenario.Result{Name: s.Name}, err
	}
	defer sb.Close()
	if err := deliver(ctx, sb.Intake, s); err != nil {
		return scenario.Result{Name: s.Name}, err
	}
	return collect(ctx, sb.Store, s.Name, 60*time.Second)
}

// deliver feeds the trigger through the same parsers the receivers use.
func deliver(ctx context.Context, in *intake.Intake, s scenario.Scenario) error {
	var alerts []incident.Alert
	var err error
	switch s.Trigger.Kind {
	case "alertmanager":
		alerts, err = webhook.ParseAlertmanager(s.Trigger.Payload)
	case "grafana":
		alerts, err = webhook.ParseGrafana(s.Trigger.Payload)
	case "datadog":
		alerts, err = webhook.ParseDatadog(s.Trigger.Payload, "application/json")
	case "generic":
		alerts, err = webhook.ParseGeneric(s.Trigger.Payload)
	case "slack":
		env, err := slackinbound.ParseEvent(s.Trigger.Payload)
		if err != nil {
			return fmt.Errorf("trigger: %w", err)
		}
		if env.Message == nil {
			return errors.New("trigger: the Slack payload holds no message event")
		}
		m := env.Message
		if human, why := m.FromHuman(); !human {
			return fmt.Errorf("trigger: not a human message (%s)", why)
		}
		_, err = in.AcceptReport(ctx, store.Report{ID: "report-" + m.TS, Source: "slack", Channel: m.Channel, TS: m.TS,
			EventID: env.EventID, User: m.User, Text: m.Text, Raw: s.Trigger.Payload, ReceivedAt: s.Now}, "")
		return err
	}
	if err != nil {
		return fmt.Errorf("trigger: %w", err)
	}
	return in.Accept(ctx, intake.Delivery{Source: s.Trigger.Kind, Alerts: alerts})
}

// collect waits for grouping and the agent to finish and reads the outcome
// back from the database, as any other reader of WarRoom's state would.
func collect(ctx context.Context, st *store.Store, name string, within time.Duration) (scenario.Result, error) {
	res := scenario.Result{Name: name, Actions: []scenario.ActionResult{}, Reasons: []string{}}
	deadline := time.Now().Add(within)
	for {
		n, err := st.GroupingBacklog(ctx)
		if err != nil {
			return res, err
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			return res, errors.New("grouping did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	incs, err := st.ListIncidents(ctx, store.IncidentFilter{})
	if err != nil {
		return res, err
	}
	if len(incs) == 0 {
		reports, err := st.ListReports(ctx, 10)
		if err != nil {
			return res, err
		}
		for _, r := range reports {
			res.Reasons = append(res.Reasons, r.Reasons...)
		}
		return res, nil
	}
	inc := incs[0]
	res.Incident, res.Owner = true, inc.Owner
	var events []incident.Event
	for {
		if events, err = st.ListEvents(ctx, inc.ID, 0, 0); err != nil {
			return res, err
		}
		if slices.ContainsFunc(events, func(ev incident.Event) bool { return ev.Type == incident.EventSummary }) {
			break
		}
		if time.Now().After(deadline) {
			return res, errors.New("the agent did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, ev := range events {
		switch ev.Type {
		case incident.EventTriaged:
			var t agent.Triage
			if err := json.Unmarshal(ev.Data, &t); err != nil {
				return res, err
			}
			res.Severity, res.Confidence, res.Reasons = t.Severity, t.Confidence, t.Reasons
			res.KnownIssue, res.Culprit = nonEmpty(t.KnownIssue), nonEmpty(t.Culprit)
		case incident.EventToolCall:
			var c struct {
				Tool    string          `json:"tool"`
				Result  json.RawMessage `json:"result"`
				IsError bool            `json:"is_error"`
			}
			if err := json.Unmarshal(ev.Data, &c); err != nil {
				return res, err
			}
			if c.Tool == "assess_incident" && !c.IsError {
				var a agent.Assessment
				if err := json.Unmarshal(c.Result, &a); err != nil {
					return res, err
				}
				for _, r := range a.Responders {
					res.Responders = append(res.Responders, r.Engineer)
				}
			}
		case incident.EventSummary:
			var sm struct {
				Summary string `json:"summary"`
			}
			_ = json.Unmarshal(ev.Data, &sm)
			res.Summary = sm.Summary
		}
	}
	acts, err := st.ListActions(ctx, inc.ID)
	if err != nil {
		return res, err
	}
	for _, a := range acts {
		res.Actions = append(res.Actions, scenario.ActionResult{Kind: a.Kind, Risk: string(a.Risk), Protected: a.Class == incident.ClassProtected})
	}
	return res, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
