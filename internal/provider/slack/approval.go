package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
)

// The approval buttons' action ids; each button's value is the approval id.
const (
	ActionApprove = "warroom_approve"
	ActionDecline = "warroom_decline"
	// approvalBlockPrefix starts the actions block's id, followed by the approval id.
	approvalBlockPrefix = "warroom_approval:"
)

// ApprovalRequest is what an approval message shows.
type ApprovalRequest struct {
	ApprovalID string
	IncidentID string
	ActionKind string // e.g. "revert_pr"
	Risk       string // "low", "medium", "high", "critical"
	Target     string // the exact resource, e.g. "github:acme/checkout"
	Reason     string // why the agent proposes it; optional
	// WaitingFor is the engineer asked to decide (Handle, and Slack id for a mention).
	WaitingFor facts.Person
	// IncidentTitle is optional; PostApprovalRequest fills it from the brief.
	IncidentTitle string
}

// ApprovalPost is where an approval request was posted.
type ApprovalPost struct {
	ChannelID   string
	ChannelName string
	TS          string
	// Found is true when the request had been posted before.
	Found bool
}

func approvalKey(approvalID string) string { return "approval-" + approvalID }

// ApprovalMessage builds the approval request: a text fallback naming the
// action, risk, target and "waiting for @handle", and Block Kit with
// Approve / Decline buttons whose action id is the decision and whose value
// is the approval id. High and critical risks ask the approver to confirm.
func ApprovalMessage(req ApprovalRequest) (string, []slackgo.Block) {
	handle := "@" + req.WaitingFor.Handle
	if req.WaitingFor.Handle == "" {
		handle = "the targeted engineer"
	}
	text := fmt.Sprintf("Approval needed: %s (risk %s) on %s, waiting for %s", req.ActionKind, req.Risk, req.Target, handle)
	if req.IncidentTitle != "" {
		text += " (incident: " + req.IncidentTitle + ")"
	}

	what := fmt.Sprintf(":raised_hand: *Approval needed*: `%s` · risk *%s*\n*Target* `%s`",
		escape(req.ActionKind), escape(req.Risk), escape(req.Target))
	if req.IncidentTitle != "" {
		what += "\n*Incident* " + escape(facts.Truncate(req.IncidentTitle, 200))
	}
	if r := strings.TrimSpace(req.Reason); r != "" {
		what += "\n" + escape(facts.Truncate(r, 2000))
	}
	waiting := "Waiting for " + escape(handle)
	if req.WaitingFor.Slack != "" {
		waiting += " (<@" + req.WaitingFor.Slack + ">)"
	}
	waiting += ". WarRoom runs the action as whoever approves; only they or a policy-allowed delegate can decide."

	approve := slackgo.NewButtonBlockElement(ActionApprove, req.ApprovalID, plain("Approve")).WithStyle(slackgo.StylePrimary)
	if req.Risk == "high" || req.Risk == "critical" {
		approve = approve.WithConfirm(slackgo.NewConfirmationBlockObject(
			plain(facts.Truncate("Approve "+req.ActionKind+"?", 100)),
			plain(facts.Truncate(fmt.Sprintf("WarRoom will run %s on %s as you.", req.ActionKind, req.Target), 300)),
			plain("Approve"), plain("Cancel")))
	}
	decline := slackgo.NewButtonBlockElement(ActionDecline, req.ApprovalID, plain("Decline")).WithStyle(slackgo.StyleDanger)
	return escape(text), []slackgo.Block{
		slackgo.NewSectionBlock(mrkdwn(what), nil, nil, slackgo.SectionBlockOptionBlockID(markerID(approvalKey(req.ApprovalID)))),
		slackgo.NewContextBlock("", mrkdwn(waiting)),
		slackgo.NewActionBlock(approvalBlockPrefix+req.ApprovalID, approve, decline),
	}
}

// PostApprovalRequest posts the approval request with WarRoom's bot token
// to the incident's channel, or the fallback channel when the incident has
// none yet (a war room is often the first thing to approve). It joins a
// public channel it is not in, and posts once per approval id.
func (p *Provider) PostApprovalRequest(ctx context.Context, req ApprovalRequest) (ApprovalPost, error) {
	if p.bot == "" {
		return ApprovalPost{}, errors.New("post approval request: no Slack bot token configured")
	}
	if req.ApprovalID == "" || req.IncidentID == "" {
		return ApprovalPost{}, errors.New("post approval request: approval id and incident id are required")
	}
	inc, err := p.brief(ctx, req.IncidentID)
	if err != nil {
		return ApprovalPost{}, fmt.Errorf("post approval request for incident %s: %w", req.IncidentID, err)
	}
	if req.IncidentTitle == "" {
		req.IncidentTitle = inc.Title
	}
	c := p.client(p.bot)
	ch, err := c.incidentChannel(ctx, inc)
	if err != nil {
		return ApprovalPost{}, fmt.Errorf("post approval request: %w", err)
	}
	if _, err := c.ensureMember(ctx, ch); err != nil {
		return ApprovalPost{}, fmt.Errorf("post approval request: %w", err)
	}
	key := approvalKey(req.ApprovalID)
	text, blocks := ApprovalMessage(req)
	ts, found, err := c.postOnce(ctx, "post approval request to #"+ch.Name, ch.ID, key,
		slackgo.MsgOptionText(text, false), slackgo.MsgOptionBlocks(blocks...),
		slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: EventApproval, EventPayload: map[string]any{
			metaKey: key, "incident_id": req.IncidentID, "approval_id": req.ApprovalID,
		}}))
	if err != nil {
		return ApprovalPost{}, err
	}
	return ApprovalPost{ChannelID: ch.ID, ChannelName: ch.Name, TS: ts, Found: found}, nil
}

// decisionFor maps a button's action id to the decision it stands for.
func decisionFor(actionID string) (incident.Decision, bool) {
	switch actionID {
	case ActionApprove:
		return incident.DecisionApproved, true
	case ActionDecline:
		return incident.DecisionDeclined, true
	}
	return incident.DecisionNone, false
}
