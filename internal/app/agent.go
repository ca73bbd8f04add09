package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/agent/llm"
	"github.com/warroom/warroom/internal/config"
	ghp "github.com/warroom/warroom/internal/provider/github"
	"github.com/warroom/warroom/internal/store"
)

// NewReasoner builds the configured reasoner.
func NewReasoner(cfg config.Config) (agent.Reasoner, error) {
	switch cfg.Reasoner {
	case "", "builtin":
		return agent.Builtin{}, nil
	case "anthropic":
		return llm.NewAnthropic(llm.AnthropicOptions{APIKey: cfg.LLMAPIKey, BaseURL: cfg.LLMBaseURL, Model: cfg.Model}), nil
	case "openai":
		return llm.NewOpenAI(llm.OpenAIOptions{APIKey: cfg.LLMAPIKey, BaseURL: cfg.LLMBaseURL, Model: cfg.Model}), nil
	}
	return nil, fmt.Errorf("unknown reasoner %q", cfg.Reasoner)
}

// toolRegistry builds the registry: investigation, triage and action tools,
// with the policy file applied (it may only make tools stricter).
func toolRegistry(cfg config.Config, st *store.Store, log *slog.Logger) (*agent.Registry, error) {
	var gh *ghp.Client
	if cfg.GitHub.Token != "" || cfg.GitHub.APIURL != "" {
		var err error
		if gh, err = ghp.New(cfg.GitHub.Token, cfg.GitHub.APIURL, nil); err != nil {
			return nil, fmt.Errorf("github: %w", err)
		}
	} else {
		log.Info("no github access configured: the agent will not examine recent changes")
	}
	tel, err := agent.TelemetryFrom(cfg.Telemetry)
	if err != nil {
		return nil, err
	}
	if !tel.Sources.Any() {
		log.Info("no telemetry configured: the agent will not examine metrics, logs, traces or flag changes")
	}
	reg, err := agent.StandardTools(agent.AssessDeps{Deps: agent.Deps{Store: st, GitHub: gh}, Team: cfg.Team, Now: time.Now, Telemetry: tel})
	if err != nil {
		return nil, err
	}
	if err := reg.ApplyPolicy(cfg.Policy.Tools); err != nil {
		return nil, err
	}
	return reg, nil
}
