package slack_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
	wslack "github.com/warroom/warroom/internal/provider/slack"
)

func approvalReq(id, risk string) wslack.ApprovalRequest {
	return wslack.ApprovalRequest{
		ApprovalID: id, IncidentID: incID, ActionKind: "revert_pr", Risk: risk, Target: "github:acme/checkout",
		Reason:     "Commit abc123 <raised> the error rate",
		WaitingFor: facts.Person{Handle: "alice", Slack: alice},
	}
}

// buttons returns the approval buttons of a message, by action id.
func buttons(t *testing.T, blocks []slackgo.Block) (string, map[string]*slackgo.ButtonBlockElement) {
	t.Helper()
	out := map[string]*slackgo.ButtonBlockElement{}
	blockID := ""
	for _, b := range blocks {
		ab, ok := b.(*slackgo.ActionBlock)
		if !ok {
			continue
		}
		blockID = ab.BlockID
		for _, el := range ab.Elements.ElementSet {
			if btn, ok := el.(*slackgo.ButtonBlockElement); ok {
				out[btn.ActionID] = btn
			}
		}
	}
	return blockID, out
}

func TestApprovalMessage(t *testing.T) {
	tests := []struct {
		risk        string
		wantConfirm bool
	}{
		{"low", false}, {"medium", false}, {"high", true}, {"critical", true},
	}
	for _, tt := range tests {
		t.Run(tt.risk, func(t *testing.T) {
			text, blocks := wslack.ApprovalMessage(approvalReq("ap-1", tt.risk))
			for _, want := range []string{"revert_pr", "risk " + tt.risk, "github:acme/checkout", "waiting for @alice"} {
				if !strings.Contains(text, want) {
					t.Errorf("text %q lacks %q", text, want)
				}
			}
			blockID, btns := buttons(t, blocks)
			if blockID != "warroom_approval:ap-1" || len(btns) != 2 {
				t.Fatalf("actions block %q with %d buttons", blockID, len(btns))
			}
			approve, decline := btns[wslack.ActionApprove], btns[wslack.ActionDecline]
			if approve == nil || decline == nil || approve.Value != "ap-1" || decline.Value != "ap-1" {
				t.Fatalf("buttons %+v", btns)
			}
			if approve.Style != slackgo.StylePrimary || decline.Style != slackgo.StyleDanger {
				t.Errorf("styles %q %q", approve.Style, decline.Style)
			}
			if (approve.Confirm != nil) != tt.wantConfirm || decline.Confirm != nil {
				t.Errorf("confirm on approve = %v, want %v", approve.Confirm != nil, tt.wantConfirm)
			}
			var all strings.Builder
			for _, b := range blocks {
				switch b := b.(type) {
				case *slackgo.SectionBlock:
					all.WriteString(b.Text.Text)
				case *slackgo.ContextBlock:
					for _, el := range b.ContextElements.Elements {
						if to, ok := el.(*slackgo.TextBlockObject); ok {
							all.WriteString(to.Text)
						}
					}
				}
			}
			for _, want := range []string{"<@" + alice + ">", "Waiting for @alice", "&lt;raised&gt;", "`github:acme/checkout`"} {
				if !strings.Contains(all.String(), want) {
					t.Errorf("blocks text %q lacks %q", all.String(), want)
				}
			}
		})
	}
}

func TestPostApprovalRequest(t *testing.T) {
	ctx := context.Background()
	t.Run("no war room yet: fallback channel, once", func(t *testing.T) {
		e := newEnv(t, nil)
		ch, err := e.fake.CreateChannel("incidents", carol)
		if err != nil {
			t.Fatal(err)
		}
		p := e.provider(t, func(o *wslack.Options) { o.FallbackChannel = ch.ID })
		first, err := p.PostApprovalRequest(ctx, approvalReq("ap-1", "low"))
		if err != nil {
			t.Fatal(err)
		}
		second, err := p.PostApprovalRequest(ctx, approvalReq("ap-1", "low"))
		if err != nil {
			t.Fatal(err)
		}
		if first.ChannelID != ch.ID || first.Found || !second.Found || second.TS != first.TS {
			t.Fatalf("posts %+v then %+v", first, second)
		}
		posts := e.posts(t, ch.ID)
		if len(posts) != 1 || posts[0].User != botUser || posts[0].BotID == "" {
			t.Fatalf("posts %+v, want one by the bot", posts)
		}
		if !strings.Contains(posts[0].Text, "waiting for @alice") || !strings.Contains(posts[0].Text, e.inc.Title) {
			t.Errorf("text %q", posts[0].Text)
		}
		if !regexp.MustCompile(`"action_id":"warroom_approve".*"value":"ap-1"`).MatchString(blocksJSON(t, posts[0].Blocks)) {
			t.Errorf("blocks %s", posts[0].Blocks)
		}
	})
	t.Run("war room exists: posted there", func(t *testing.T) {
		e := newEnv(t, nil)
		if _, err := e.p.WarRoomChannel().Execute(ctx, warRoomReq("xoxp-alice")); err != nil {
			t.Fatal(err)
		}
		post, err := e.p.PostApprovalRequest(ctx, approvalReq("ap-2", "high"))
		if err != nil {
			t.Fatal(err)
		}
		room, _ := e.fake.ChannelByName(roomName)
		if post.ChannelID != room.ID || post.ChannelName != roomName {
			t.Fatalf("posted to %+v, want #%s", post, roomName)
		}
		if n := len(e.posts(t, room.ID)); n != 2 {
			t.Fatalf("%d posts, want summary + approval", n)
		}
	})
	t.Run("nowhere to post", func(t *testing.T) {
		e := newEnv(t, nil)
		if _, err := e.p.PostApprovalRequest(ctx, approvalReq("ap-3", "low")); !errors.Is(err, action.ErrPermanent) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("no bot token", func(t *testing.T) {
		e := newEnv(t, nil)
		p := e.provider(t, func(o *wslack.Options) { o.BotToken = "" })
		if _, err := p.PostApprovalRequest(ctx, approvalReq("ap-4", "low")); err == nil || e.fake.TotalCalls() != 0 {
			t.Fatalf("err %v, calls %d", err, e.fake.TotalCalls())
		}
	})
}

func TestChannelName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)
	tests := []struct {
		name string
		inc  facts.Incident
		want string
	}{
		{"uuidv7", facts.Incident{ID: incID, Service: "checkout-api"}, roomName},
		{"service slug", facts.Incident{ID: incID, Service: "Payments / EU (prod)"}, "inc-20260314-a1b2c3d4-payments-eu-prod"},
		{"no service: title", facts.Incident{ID: incID, Title: "Login is down!"}, "inc-20260314-a1b2c3d4-login-is-down"},
		{"nothing to slug", facts.Incident{ID: incID, Service: "—"}, "inc-20260314-a1b2c3d4"},
		{"uuidv4: no date", facts.Incident{ID: "3b241101-e2bb-4255-8caf-4136c566a962", Service: "api"}, "inc-c566a962-api"},
		{"short slug id", facts.Incident{ID: "42", Service: "api"}, "inc-42-api"},
		{"other id: hashed", facts.Incident{ID: "INC_42", Service: "api"}, ""},
		{"long service", facts.Incident{ID: incID, Service: strings.Repeat("very-long-service-", 10)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wslack.ChannelName(tt.inc)
			if !valid.MatchString(got) || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
				t.Fatalf("ChannelName = %q: not a valid Slack name", got)
			}
			if tt.want != "" && got != tt.want {
				t.Fatalf("ChannelName = %q, want %q", got, tt.want)
			}
			if again := wslack.ChannelName(tt.inc); again != got {
				t.Fatalf("not deterministic: %q then %q", got, again)
			}
		})
	}
	if a, b := wslack.ChannelName(facts.Incident{ID: "INC_42"}), wslack.ChannelName(facts.Incident{ID: "inc-42"}); a == b {
		t.Fatalf("ids that slug alike share a name: %q", a)
	}
}
