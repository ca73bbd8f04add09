package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
)

const maxTopic = 250

// WarRoomChannel executes war_room_channel as the approving engineer: it
// opens the incident's channel (or finds it), sets the topic, invites the
// responders and posts the incident summary once.
type WarRoomChannel struct{ p *Provider }

// WarRoomChannel returns the war_room_channel executor.
func (p *Provider) WarRoomChannel() *WarRoomChannel { return &WarRoomChannel{p: p} }

// Credential asks for the approver's Slack user token.
func (*WarRoomChannel) Credential(incident.Action) (string, []string) {
	return ProviderName, slices.Clone(WarRoomScopes)
}

// WarRoomResult is the Detail of a war_room_channel result.
type WarRoomResult struct {
	ChannelID   string `json:"channel_id"`
	ChannelName string `json:"channel_name"`
	// Created is true when this attempt created the channel, false when it
	// found it (an earlier attempt, or a person, made it).
	Created bool   `json:"created"`
	Joined  bool   `json:"joined,omitempty"`
	Topic   string `json:"topic,omitempty"`
	// Invited were added now; AlreadyIn were members before.
	Invited    []string        `json:"invited,omitempty"`
	AlreadyIn  []string        `json:"already_in,omitempty"`
	NotInvited []InviteFailure `json:"not_invited,omitempty"`
	SummaryTS  string          `json:"summary_ts,omitempty"`
	// SummaryFound is true when the summary was already posted.
	SummaryFound bool `json:"summary_found,omitempty"`
}

// InviteFailure is a responder Slack would not add, with its error code.
type InviteFailure struct {
	User  string `json:"user"`
	Error string `json:"error"`
}

type warRoomParams struct {
	Topic string `json:"topic"`
}

// Execute opens the channel and is safe to repeat: a channel of the same
// name is reused (never a second one), the topic is set only when it
// differs, members are not re-added, and the summary is posted only when no
// message in the channel carries this action's idempotency key.
func (w *WarRoomChannel) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	var params warRoomParams
	if err := decodeParams(req.Action.Params, &params); err != nil {
		return action.Result{}, err
	}
	inc, err := w.p.brief(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, fmt.Errorf("war room for incident %s: %w", req.Action.IncidentID, err)
	}
	c := w.p.client(req.Token)
	res := WarRoomResult{ChannelName: ChannelName(inc)}

	ch, created, err := c.openChannel(ctx, res.ChannelName)
	if err != nil {
		return action.Result{}, err
	}
	res.ChannelID, res.Created = ch.ID, created
	if res.Joined, err = c.ensureMember(ctx, ch); err != nil {
		return action.Result{}, err
	}

	res.Topic = topicFor(params.Topic, inc)
	if ch.Topic.Value != res.Topic {
		err := c.do(ctx, "set topic of #"+ch.Name, func(ctx context.Context) error {
			_, err := c.api.SetTopicOfConversationContext(ctx, ch.ID, res.Topic)
			return err
		})
		if err != nil {
			return action.Result{}, err
		}
	}

	res.Invited, res.AlreadyIn, res.NotInvited, err = c.inviteAll(ctx, ch, responderIDs(inc, req.RunAs))
	if err != nil {
		return action.Result{}, err
	}

	text, blocks := summaryMessage(inc, req.RunAs, req.IdempotencyKey)
	res.SummaryTS, res.SummaryFound, err = c.postOnce(ctx, "post summary to #"+ch.Name, ch.ID, req.IdempotencyKey,
		slackgo.MsgOptionText(text, false), slackgo.MsgOptionBlocks(blocks...),
		slackgo.MsgOptionMetadata(metadata(EventSummary, req)))
	if err != nil {
		return action.Result{}, err
	}
	return warRoomResult(res)
}

// Reconcile reports done when the channel exists and carries the summary of
// this action: the summary is the last step, so everything before it ran.
func (w *WarRoomChannel) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	inc, err := w.p.brief(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, false, fmt.Errorf("war room for incident %s: %w", req.Action.IncidentID, err)
	}
	c := w.p.client(req.Token)
	name := ChannelName(inc)
	ch, found, err := c.findChannel(ctx, name)
	if err != nil || !found {
		return action.Result{}, false, err
	}
	ts, found, err := c.findMarked(ctx, ch.ID, req.IdempotencyKey)
	if err != nil || !found {
		return action.Result{}, false, err
	}
	res, err := warRoomResult(WarRoomResult{ChannelID: ch.ID, ChannelName: ch.Name, Topic: ch.Topic.Value,
		SummaryTS: ts, SummaryFound: true})
	return res, err == nil, err
}

func warRoomResult(res WarRoomResult) (action.Result, error) {
	detail, err := json.Marshal(res)
	if err != nil {
		return action.Result{}, fmt.Errorf("encode war room result: %w", err)
	}
	verb := "Opened"
	if !res.Created {
		verb = "Reused"
	}
	summary := fmt.Sprintf("%s #%s (%s)", verb, res.ChannelName, res.ChannelID)
	if res.Invited != nil || res.AlreadyIn != nil || res.NotInvited != nil {
		summary += fmt.Sprintf(", invited %d responder(s)", len(res.Invited))
		if n := len(res.NotInvited); n > 0 {
			summary += fmt.Sprintf(" (%d could not be invited)", n)
		}
	}
	if res.SummaryFound {
		summary += ", incident summary already posted"
	} else {
		summary += ", posted the incident summary"
	}
	return action.Result{Summary: summary, Detail: detail}, nil
}

func decodeParams(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode params: %v: %w", err, action.ErrPermanent)
	}
	return nil
}

// topicFor is the approved topic, or a default from the incident, at most 250 characters.
func topicFor(topic string, inc facts.Incident) string {
	topic = strings.Join(strings.Fields(topic), " ")
	if topic == "" {
		topic = strings.TrimSpace(strings.Join([]string{inc.Severity, inc.Service}, " ") + ": " + inc.Title)
		topic = strings.TrimPrefix(topic, ": ")
	}
	return facts.Truncate(topic, maxTopic)
}

// responderIDs are the Slack ids to invite: owner and responders, once
// each, without the acting engineer (who is in the channel already).
func responderIDs(inc facts.Incident, runAs string) []string {
	var ids []string
	for _, p := range append([]facts.Person{inc.Owner}, inc.Responders...) {
		if p.Slack == "" || (runAs != "" && p.Handle == runAs) || slices.Contains(ids, p.Slack) {
			continue
		}
		ids = append(ids, p.Slack)
	}
	return ids
}

// openChannel creates the channel; when the name is taken it finds the
// existing one instead, so a retry never makes a second channel.
func (c *client) openChannel(ctx context.Context, name string) (slackgo.Channel, bool, error) {
	var ch *slackgo.Channel
	err := c.do(ctx, "create #"+name, func(ctx context.Context) error {
		var err error
		ch, err = c.api.CreateConversationContext(ctx, slackgo.CreateConversationParams{ChannelName: name})
		return err
	})
	if err == nil {
		return *ch, true, nil
	}
	if slackCode(err) != "name_taken" {
		return slackgo.Channel{}, false, err
	}
	existing, found, ferr := c.findChannel(ctx, name)
	if ferr != nil {
		return slackgo.Channel{}, false, ferr
	}
	if !found {
		return slackgo.Channel{}, false, fmt.Errorf("create #%s: the name is taken by a channel this user cannot see (private?): %w", name, action.ErrPermanent)
	}
	return existing, false, nil
}

// perUser are conversations.invite errors about one invitee, not the call.
var perUser = map[string]bool{
	"already_in_channel": true, "cant_invite_self": true, "cant_invite": true, "user_not_found": true,
	"user_is_bot": true, "user_is_restricted": true, "user_is_ultra_restricted": true, "ura_max_channels": true,
	"user_disabled": true,
}

// inviteAll adds ids to ch. A responder Slack refuses (unknown id,
// restricted account) is reported, not fatal: the war room must open even
// when one roster entry is stale. already_in_channel and cant_invite_self
// mean the person is in.
func (c *client) inviteAll(ctx context.Context, ch slackgo.Channel, ids []string) (invited, already []string, failed []InviteFailure, err error) {
	if len(ids) == 0 {
		return nil, nil, nil, nil
	}
	record := func(user, code string) {
		if code == "already_in_channel" || code == "cant_invite_self" {
			already = append(already, user)
		} else {
			failed = append(failed, InviteFailure{User: user, Error: code})
		}
	}
	invite := func(users ...string) error {
		return c.do(ctx, "invite responders to #"+ch.Name, func(ctx context.Context) error {
			// force: with several ids, Slack adds the valid ones and skips the rest.
			_, err := c.api.ForceInviteUsersToConversationContext(ctx, ch.ID, users...)
			return err
		})
	}
	err = invite(ids...)
	var se slackgo.SlackErrorResponse
	switch {
	case err == nil:
		return ids, nil, nil, nil
	case !errors.As(err, &se) || !perUser[se.Err] && len(se.Errors) == 0:
		return nil, nil, nil, err
	case len(se.Errors) > 0:
		listed := map[string]bool{}
		for _, e := range se.Errors {
			if ie := e.ConversationsInviteResponseError; ie != nil {
				listed[ie.User] = true
				record(ie.User, ie.Error)
			}
		}
		for _, id := range ids {
			if !listed[id] {
				invited = append(invited, id)
			}
		}
		return invited, already, failed, nil
	case len(ids) == 1:
		record(ids[0], se.Err)
		return nil, already, failed, nil
	}
	// One code for several ids, without saying whose: ask one at a time.
	for _, id := range ids {
		err := invite(id)
		switch {
		case err == nil:
			invited = append(invited, id)
		case perUser[slackCode(err)]:
			record(id, slackCode(err))
		default:
			return nil, nil, nil, err
		}
	}
	return invited, already, failed, nil
}

func metadata(event string, req action.Request) slackgo.SlackMetadata {
	return slackgo.SlackMetadata{EventType: event, EventPayload: map[string]any{
		metaKey: req.IdempotencyKey, "incident_id": req.Action.IncidentID, "action_id": req.Action.ID,
	}}
}

// summaryMessage is the war room's opening post: Block Kit with a text
// fallback, its first block marked with the idempotency key.
func summaryMessage(inc facts.Incident, runAs, key string) (string, []slackgo.Block) {
	sev := inc.Severity
	if sev == "" {
		sev = "Unclassified"
	}
	headline := sev
	if inc.Service != "" {
		headline += " · " + inc.Service
	}
	if inc.Title != "" {
		headline += ": " + inc.Title
	}
	summary := strings.TrimSpace(inc.Summary)
	if summary == "" {
		summary = "No summary yet."
	}
	owner := mention(inc.Owner.Slack, inc.Owner.Name, inc.Owner.Handle)
	if inc.Owner == (facts.Person{}) {
		owner = "unassigned"
	}
	var people []string
	for _, p := range inc.Responders {
		people = append(people, mention(p.Slack, p.Name, p.Handle))
	}
	responders := strings.Join(people, ", ")
	if responders == "" {
		responders = "none yet"
	}
	status := inc.Status
	if status == "" {
		status = "open"
	}

	blocks := []slackgo.Block{
		slackgo.NewHeaderBlock(plain(facts.Truncate(":rotating_light: "+headline, 150)), slackgo.HeaderBlockOptionBlockID(markerID(key))),
		slackgo.NewSectionBlock(mrkdwn(escape(facts.Truncate(summary, 2800))), nil, nil),
		slackgo.NewSectionBlock(nil, []*slackgo.TextBlockObject{
			mrkdwn("*Severity*\n" + escape(sev)), mrkdwn("*Service*\n" + escape(orDash(inc.Service))),
			mrkdwn("*Status*\n" + escape(status)), mrkdwn("*Owner*\n" + owner),
		}, nil),
		slackgo.NewSectionBlock(mrkdwn(facts.Truncate("*Responders*\n"+responders, 3000)), nil, nil),
	}
	text := escape(facts.Truncate(fmt.Sprintf("Incident %s. %s", headline, summary), 2800))
	if l := link(inc.URL, "Open in WarRoom"); l != "" {
		blocks = append(blocks, slackgo.NewActionBlock("warroom_links",
			slackgo.NewButtonBlockElement("warroom_open_incident", inc.ID, plain("Open in WarRoom")).WithURL(inc.URL)))
		text += " Dashboard: " + l
	}
	ctxText := "Incident `" + escape(inc.ID) + "`"
	if runAs != "" {
		ctxText += " · opened by WarRoom on behalf of @" + escape(runAs)
	}
	blocks = append(blocks, slackgo.NewContextBlock("", mrkdwn(ctxText)))
	return text, blocks
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
