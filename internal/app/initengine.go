package app

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/provider/slack"
)

// initEngine builds the step engine with every subsystem's steps: alert
// grouping, the agent's rounds, Slack polling and approval posts, and the
// incidents' authorization tuples; then the intake that feeds it.
func (a *App) initEngine(context.Context) error {
	cfg, st := a.cfg, a.store
	chain := gates(cfg, a.authz, nil)
	var answerer engine.StepUpAnswerer
	if a.stepUp != nil {
		chain, answerer = gates(cfg, a.authz, a.stepUp), a.stepUp
	}
	credentialsOf := a.opts.credentials
	if credentialsOf == nil {
		credentialsOf = credentials(a.broker)
	}
	executorsByKind, slackBot := a.opts.executors, (*slack.Provider)(nil)
	var err error
	if executorsByKind == nil {
		if executorsByKind, slackBot, err = executors(cfg, st); err != nil {
			return err
		}
	}
	reasoner, err := NewReasoner(cfg)
	if err != nil {
		return err
	}
	tools, err := toolRegistry(cfg, st, a.log)
	if err != nil {
		return err
	}
	harness := &agent.Harness{Store: st, Tools: tools, Reasoner: reasoner, Logger: a.log, Inject: agent.TeamInjector(cfg.Team)}
	ingestOpts := intakeOptions(cfg, st.Dialect(), a.log, a.registry)
	grouper := intake.NewGrouper(st, ingestOpts)

	steps := []engine.Steps{grouper, harness}
	periodic := grouper.Periodic()
	incidentSteps := func(inc incident.Incident) []river.JobArgs { return []river.JobArgs{agent.FirstRound(inc.ID)} }
	if a.authz != nil {
		az := a.authz
		incidentSteps = func(inc incident.Incident) []river.JobArgs {
			return []river.JobArgs{agent.FirstRound(inc.ID), incidentTuplesArgs{IncidentID: inc.ID}}
		}
		steps = append(steps, engine.StepsFunc(func(_ *engine.Engine, w *river.Workers) error {
			return river.AddWorkerSafely(w, &incidentTuplesWorker{az: az, store: st})
		}))
	}
	var approvalSteps func(incident.Approval, incident.Action) []river.JobArgs
	var changedSteps func(string) []river.JobArgs
	if slackBot != nil && cfg.Slack.BotToken != "" {
		// The war room's summary is kept current in Slack.
		changedSteps = func(id string) []river.JobArgs { return []river.JobArgs{liveSummaryArgs{IncidentID: id}} }
		steps = append(steps, engine.StepsFunc(func(_ *engine.Engine, w *river.Workers) error {
			return river.AddWorkerSafely(w, &liveSummaryWorker{slack: slackBot, store: st, dashboard: cfg.Providers.DashboardURL})
		}))
		// Approval requests also go to Slack, with buttons.
		approvalSteps = func(ap incident.Approval, _ incident.Action) []river.JobArgs {
			return []river.JobArgs{postApprovalArgs{ApprovalID: ap.ID}}
		}
		steps = append(steps, engine.StepsFunc(func(_ *engine.Engine, w *river.Workers) error {
			return river.AddWorkerSafely(w, &postApprovalWorker{slack: slackBot, store: st, team: cfg.Team})
		}))
	}
	if len(cfg.Slack.PollChannels) > 0 {
		poll := slackPoll(cfg, st, a.log)
		steps = append(steps, poll)
		periodic = append(periodic, poll.Periodic()...)
	}

	a.engine, err = engine.New(st, engine.Options{
		Executors: executorsByKind, Credentials: credentialsOf, Gates: chain, StepUp: answerer, Logger: a.log, Registerer: a.registry,
		Workers: cfg.Workers, StepTimeout: cfg.StepTimeout, RescueAfter: cfg.RescueAfter, PollInterval: cfg.Poll(),
		Queues: map[string]int{intake.Queue: 1}, Periodic: periodic, Kinds: action.Kinds(), Steps: steps,
		IncidentSteps: incidentSteps, GrownSteps: func(id string) []river.JobArgs { return []river.JobArgs{harness.Reassess(id)} },
		FollowUps: remediationFollowUps(cfg.Team), ApprovalSteps: approvalSteps, ChangedSteps: changedSteps,
		Waits: engine.WaitPolicy{ApprovalTimeout: cfg.Waits.ApprovalTimeout, EscalateTo: cfg.Waits.EscalateTo, ReauthTimeout: cfg.Waits.ReauthTimeout},
	})
	if err != nil {
		return err
	}
	a.intake, a.slackBot = intake.New(st, a.engine, grouper, ingestOpts), slackBot
	return nil
}
