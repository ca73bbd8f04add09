package agent

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/telemetry/collect"
	"github.com/warroom/warroom/internal/telemetry/flags"
	"github.com/warroom/warroom/internal/telemetry/logs"
	"github.com/warroom/warroom/internal/telemetry/metrics"
	"github.com/warroom/warroom/internal/telemetry/traces"
)

// The system prompt asks every reasoner for the built-in one's chain of
// evidence, and every tool it names is one the reasoner is given: a prompt
// that names a tool that does not exist sends a model after nothing.
func TestSystemPromptAsksForTheChainOfEvidence(t *testing.T) {
	tel := TelemetryConfig{Sources: collect.Sources{Metrics: &metrics.Client{}, Logs: &logs.Client{}, Traces: fakeTraces{}, Flags: &flags.Client{}}}
	tests := []struct {
		name      string
		deps      AssessDeps
		telemetry bool
	}{
		{"without telemetry", AssessDeps{Now: time.Now}, false},
		{"with telemetry", AssessDeps{Now: time.Now, Telemetry: tel}, true},
	}
	toolName := regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reg, err := StandardTools(tc.deps)
			if err != nil {
				t.Fatal(err)
			}
			sys := strings.Join(strings.Fields((&Harness{Tools: reg}).system()), " ")
			for _, want := range []string{
				"not urgent", "fraction of which users", "weak prior", "mechanism and symptoms", "live before that onset",
				"what its diff changes", "operational cause", "abstain", "nine times in ten", "do not propose an action that was already proposed",
			} {
				if !strings.Contains(sys, want) {
					t.Errorf("the system prompt does not ask for %q", want)
				}
			}
			if got := strings.Contains(sys, "say in your summary that telemetry was not examined"); got == tc.telemetry {
				t.Errorf("telemetry configured %v, but the prompt's telemetry note does not match", tc.telemetry)
			}
			for _, name := range toolName.FindAllString(sys, -1) {
				if _, ok := reg.Get(name); !ok {
					t.Errorf("the system prompt names %q, which is not a tool the reasoner has", name)
				}
			}
		})
	}
}

type fakeTraces struct{}

func (fakeTraces) ServiceFailures(context.Context, string, time.Time, time.Time) (traces.Failures, error) {
	return traces.Failures{}, nil
}
