package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/provider/facts"
)

func liveBrief(sev string, status string) facts.Summary {
	return facts.Summary{
		IncidentID: incID, Headline: sev + " · checkout-api: Checkout errors above 5%", Status: status,
		Since: time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC), Alerts: 3, Firing: true,
		Impact: []string{"12% of checkouts fail <all regions>"},
		Cause:  "Suspected commit 0123456 by @carol: drop retry", Evidence: []string{"- retries: 3 / + retries: 0"},
		KnownIssue: "KI-7 PSP timeouts", Runbook: "raise the timeout", People: []string{"alice", "bob"},
		Waiting: []string{"revert_pr for @alice"}, URL: "http://127.0.0.1:8080/incidents/" + incID,
	}
}

// The live summary waits for the war room, is posted once by the bot, and
// is then edited in place as the incident changes, never posted twice.
func TestPostLiveSummary(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	if post, err := e.p.PostLiveSummary(ctx, liveBrief("P2", "open")); err != nil || post.Posted {
		t.Fatalf("before the war room: %+v, %v (want nothing posted)", post, err)
	}
	if _, err := e.p.WarRoomChannel().Execute(ctx, warRoomReq("xoxp-alice")); err != nil {
		t.Fatal(err)
	}
	room, _ := e.fake.ChannelByName(roomName)
	first, err := e.p.PostLiveSummary(ctx, liveBrief("P2", "open"))
	if err != nil || !first.Posted || first.Edited || first.ChannelID != room.ID {
		t.Fatalf("first: %+v, %v", first, err)
	}
	second, err := e.p.PostLiveSummary(ctx, liveBrief("P1", "mitigating"))
	if err != nil || !second.Edited || second.TS != first.TS {
		t.Fatalf("second: %+v, %v (want the first post edited)", second, err)
	}
	var live []string
	for _, m := range e.posts(t, room.ID) {
		if m.TS == first.TS {
			if m.User != botUser || m.Edits != 1 {
				t.Errorf("live summary by %s, %d edits; want the bot's, edited once", m.User, m.Edits)
			}
			live = append(live, blocksJSON(t, m.Blocks))
		}
	}
	if len(live) != 1 {
		t.Fatalf("%d live summaries", len(live))
	}
	for _, want := range []string{"P1 · checkout-api", "mitigating", "Suspected commit 0123456", "KI-7", "&lt;all regions&gt;", "Open in WarRoom", "revert_pr for @alice"} {
		if !strings.Contains(live[0], want) {
			t.Errorf("live summary lacks %q: %s", want, live[0])
		}
	}
}
