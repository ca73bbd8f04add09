package agent

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

func TestLastPass(t *testing.T) {
	ev := func(typ incident.EventType, round int) incident.Event {
		data, _ := json.Marshal(map[string]any{"round": round})
		return incident.Event{Type: typ, Data: data, At: time.Unix(0, 0)}
	}
	reason, sum, alert := incident.EventReasoning, incident.EventSummary, incident.EventAlert
	tests := []struct {
		name         string
		events       []incident.Event
		wantLast     int
		wantFinished bool
	}{
		{"not begun", []incident.Event{ev(alert, 0)}, 0, false},
		{"first pass running", []incident.Event{ev(reason, 1), ev(reason, 2)}, 2, false},
		{"first pass done", []incident.Event{ev(reason, 1), ev(reason, 2), ev(sum, 3)}, 3, true},
		{"second pass running", []incident.Event{ev(reason, 1), ev(sum, 2), ev(alert, 0), ev(reason, 3)}, 3, false},
		{"second pass done", []incident.Event{ev(reason, 1), ev(sum, 2), ev(reason, 3), ev(reason, 4), ev(sum, 5)}, 5, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			last, finished, err := lastPass(tc.events)
			if err != nil {
				t.Fatal(err)
			}
			if last != tc.wantLast || finished != tc.wantFinished {
				t.Errorf("lastPass = %d, %v; want %d, %v", last, finished, tc.wantLast, tc.wantFinished)
			}
		})
	}
}

// A pass sees only its own rounds, and is over only once it has its own
// summary: an earlier pass's summary does not end a re-assessment.
func TestReplayPasses(t *testing.T) {
	mk := func(typ incident.EventType, v any) incident.Event {
		data, _ := json.Marshal(v)
		return incident.Event{Type: typ, Data: data}
	}
	events := []incident.Event{
		mk(incident.EventReasoning, reasoningData{Round: 1, Reasoning: "first"}),
		mk(incident.EventSummary, map[string]any{"round": 2, "summary": "done once"}),
		mk(incident.EventReasoning, reasoningData{Round: 3, Reasoning: "again"}),
	}
	history, current, done, err := replay(events, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	if done || current != nil || len(history) != 1 || history[0].Reasoning != "again" {
		t.Errorf("replay(4, from 3) = %v, %v, %v; want the second pass's round only, not done", history, current, done)
	}
	if _, _, done, _ := replay(events, 2, 1); !done {
		t.Error("the first pass is not done although it has its summary")
	}
}
