package replay

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/warroom/warroom/internal/agent/llm"
	"github.com/warroom/warroom/internal/scenario"
)

const sharedDir = "../../../shared/scenarios"

func shared(t *testing.T) []scenario.Scenario {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skip("shared scenarios not present")
	}
	all, err := scenario.LoadDir(sharedDir)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// Every sample scenario, replayed through the whole pipeline with the
// built-in reasoner, meets its expectations.
func TestSharedScenariosPass(t *testing.T) {
	for _, s := range shared(t) {
		t.Run(s.Name, func(t *testing.T) {
			r, err := Run(context.Background(), s, nil)
			if err != nil {
				t.Fatal(err)
			}
			sc := scenario.Compare(s, r)
			var failed []string
			for _, c := range sc.Checks {
				if !c.OK {
					failed = append(failed, fmt.Sprintf("%s: want %s, got %s", c.Field, c.Want, c.Got))
				}
			}
			for _, f := range failed {
				t.Error(f)
			}
			if r.Incident {
				for _, a := range r.Actions {
					if !a.Protected {
						t.Errorf("action %s was not protected", a.Kind)
					}
				}
				if r.Summary == "" || len(r.Reasons) == 0 {
					t.Errorf("no summary or reasons: %+v", r)
				}
			}
		})
	}
}

// scriptedModel speaks the Anthropic Messages API: it investigates with
// assess_incident, records a triage and proposes a war room, then ends.
type scriptedModel struct {
	mu    sync.Mutex
	calls int
}

func (m *scriptedModel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.calls++
	n := m.calls
	m.mu.Unlock()
	var content []map[string]any
	stop := "tool_use"
	switch n {
	case 1:
		content = []map[string]any{{"type": "text", "text": "Assessing first."},
			{"type": "tool_use", "id": "toolu_1", "name": "assess_incident", "input": map[string]any{}}}
	case 2:
		content = []map[string]any{
			{"type": "tool_use", "id": "toolu_2", "name": "record_triage", "input": map[string]any{"severity": "P1", "confidence": 0.8, "reasons": []string{"checkout errors"}}},
			{"type": "tool_use", "id": "toolu_3", "name": "war_room_channel", "input": map[string]any{"topic": "checkout errors"}}}
	default:
		content, stop = []map[string]any{{"type": "text", "text": "P1 on checkout; war room proposed."}}, "end_turn"
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"id": fmt.Sprintf("msg_%d", n), "type": "message", "role": "assistant",
		"model": "claude-test", "content": content, "stop_reason": stop, "stop_sequence": nil,
		"usage": map[string]int{"input_tokens": 100, "output_tokens": 20}})
}

func TestLLMRequestsCarryNoSecret(t *testing.T) {
	all := shared(t)
	model := httptest.NewServer(&scriptedModel{})
	defer model.Close()
	rec := llm.NewRecorder(nil)
	const apiKey = "sk-ant-test-key-0123456789"
	reasoner := llm.NewAnthropic(llm.AnthropicOptions{APIKey: apiKey, BaseURL: model.URL, Model: "claude-test", HTTPClient: rec.Client()})
	r, err := Run(context.Background(), all[0], reasoner)
	if err != nil {
		t.Fatal(err)
	}
	if r.Severity != "P1" || len(r.Actions) != 1 || r.Actions[0].Kind != "war_room_channel" || !r.Actions[0].Protected {
		t.Fatalf("the model's decisions were not carried out: %+v", r)
	}
	reqs := rec.Requests()
	if len(reqs) != 3 {
		t.Fatalf("model requests = %d, want 3", len(reqs))
	}
	secrets := []string{sandboxToken, "Bearer ", "ghp_", "xoxb-"}
	for i, req := range reqs {
		for _, s := range secrets {
			if bytes.Contains(req.Body, []byte(s)) {
				t.Fatalf("request %d to the model contains %q", i, s)
			}
		}
		if bytes.Contains(req.Body, []byte(apiKey)) {
			t.Fatalf("request %d carries the API key in its body", i)
		}
		for k, vs := range req.Header {
			for _, v := range vs {
				if strings.Contains(v, sandboxToken) {
					t.Fatalf("request %d header %s carries the provider token", i, k)
				}
			}
		}
	}
	// The model saw the assessment (data) but nothing it could act as.
	if !bytes.Contains(reqs[1].Body, []byte("assess_incident")) || !bytes.Contains(reqs[1].Body, []byte("tool_result")) {
		t.Fatal("the second request does not carry the first tool result")
	}
}
