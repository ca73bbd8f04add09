package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/warroom/warroom/internal/agent"
	"github.com/warroom/warroom/internal/agent/llm"
	"github.com/warroom/warroom/internal/scenario"
)

// reasonerFlags selects and configures the reasoner; the API key is read
// from the environment only, never from a flag (flags show up in ps).
type reasonerFlags struct {
	kind, model, baseURL string
}

func (r *reasonerFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&r.kind, "reasoner", "builtin", "builtin, anthropic or openai (any OpenAI-compatible endpoint)")
	fs.StringVar(&r.model, "model", "", "model name for anthropic or openai")
	fs.StringVar(&r.baseURL, "llm-base-url", "", "API base URL for anthropic or openai (e.g. http://localhost:11434/v1 for Ollama)")
}

func (r *reasonerFlags) build(getenv func(string) string) (agent.Reasoner, error) {
	switch r.kind {
	case "builtin":
		return agent.Builtin{}, nil
	case "anthropic":
		return llm.NewAnthropic(llm.AnthropicOptions{APIKey: getenv("WARROOM_ANTHROPIC_API_KEY"), BaseURL: r.baseURL, Model: r.model}), nil
	case "openai":
		return llm.NewOpenAI(llm.OpenAIOptions{APIKey: getenv("WARROOM_OPENAI_API_KEY"), BaseURL: r.baseURL, Model: r.model}), nil
	}
	return nil, fmt.Errorf("--reasoner %q: want builtin, anthropic or openai", r.kind)
}

// triageCmd replays a scenario file (JSON result) or every scenario in a
// directory (a score table against each file's expectations).
func triageCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("warroom triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("scenario", "", "a scenario file, or a directory of them")
	var rf reasonerFlags
	rf.bind(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *path == "" {
		fmt.Fprintln(stderr, "warroom triage: --scenario FILE|DIR is required")
		return 2
	}
	reasoner, err := rf.build(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "warroom triage:", err)
		return 2
	}
	info, err := os.Stat(*path)
	if err != nil {
		fmt.Fprintln(stderr, "warroom triage:", err)
		return 2
	}
	if !info.IsDir() {
		s, err := scenario.Load(*path)
		if err != nil {
			fmt.Fprintln(stderr, "warroom triage:", err)
			return 2
		}
		res, err := scenario.Run(ctx, s, reasoner)
		if err != nil {
			fmt.Fprintln(stderr, "warroom triage:", err)
			return 1
		}
		res.Name = ""
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
		return 0
	}
	all, err := scenario.LoadDir(*path)
	if err != nil {
		fmt.Fprintln(stderr, "warroom triage:", err)
		return 2
	}
	var scores []scenario.Score
	for _, s := range all {
		res, err := scenario.Run(ctx, s, reasoner)
		if err != nil {
			fmt.Fprintf(stderr, "warroom triage: %s: %v\n", s.Name, err)
			return 1
		}
		scores = append(scores, scenario.Compare(s, res))
	}
	if passed := scenario.WriteTable(stdout, scores); passed != len(scores) {
		return 1
	}
	return 0
}
