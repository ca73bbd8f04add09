package dashboard

import (
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/incident"
)

func TestEntriesCollapseTheAgentsRuns(t *testing.T) {
	items := func(types ...incident.EventType) []item {
		out := make([]item, len(types))
		for i, ty := range types {
			out[i] = item{Seq: int64(i + 1), Type: string(ty)}
		}
		return out
	}
	const (
		alert    = incident.EventAlert
		reason   = incident.EventReasoning
		call     = incident.EventToolCall
		proposed = incident.EventActionProposed
		asked    = incident.EventApprovalRequested
		decided  = incident.EventApprovalDecided
	)
	for _, tc := range []struct {
		name string
		in   []item
		want string // one letter per entry: i an item, g a group, with its size
	}{
		{"nothing", nil, ""},
		{"two in a row stay apart", items(alert, reason, call, decided), "i i i i"},
		{"three in a row collapse", items(alert, reason, call, call, decided), "i g3 i"},
		{"proposals and their requests join the run", items(reason, call, proposed, asked, call, proposed, asked, decided), "g7 i"},
		{"a human's decision splits runs", items(call, proposed, asked, decided, call, proposed, asked), "g3 i g3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, e := range entries(tc.in) {
				if e.Group != nil {
					got = append(got, "g"+string(rune('0'+len(e.Group))))
					if !strings.HasPrefix(e.Summary, "The agent worked through") {
						t.Errorf("group summary %q", e.Summary)
					}
				} else {
					got = append(got, "i")
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("entries %v, want %s", got, tc.want)
			}
		})
	}
}
