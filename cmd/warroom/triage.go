package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/replay"
	"github.com/warroom/warroom/internal/scenario"
)

// triageCmd replays a scenario file (JSON result) or every scenario in a
// directory (a score table against each file's expectations).
func triageCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("warroom triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("scenario", "", "a scenario file, or a directory of them")
	cfg := config.Default()
	cfg.BindReasoner(fs)
	// Parse reads WARROOM_* fallbacks and resolves the reasoner's API key.
	if err := cfg.Parse(fs, args, getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "warroom triage:", err)
		return 2
	}
	if *path == "" {
		fmt.Fprintln(stderr, "warroom triage: --scenario FILE|DIR is required")
		return 2
	}
	reasoner, err := app.NewReasoner(cfg)
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
		res, err := replay.Run(ctx, s, reasoner)
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
		res, err := replay.Run(ctx, s, reasoner)
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
