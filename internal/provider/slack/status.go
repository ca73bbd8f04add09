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

// StatusUpdate executes status_update as the approving engineer: one post
// to the incident's channel (or the fallback channel) per idempotency key.
type StatusUpdate struct{ p *Provider }

// StatusUpdate returns the status_update executor.
func (p *Provider) StatusUpdate() *StatusUpdate { return &StatusUpdate{p: p} }

// Credential asks for the approver's Slack user token.
func (*StatusUpdate) Credential(incident.Action) (string, []string) {
	return ProviderName, slices.Clone(StatusScopes)
}

// StatusResult is the Detail of a status_update result.
type StatusResult struct {
	ChannelID   string `json:"channel_id"`
	ChannelName string `json:"channel_name"`
	MessageTS   string `json:"message_ts"`
	// Found is true when the update had already been posted.
	Found bool `json:"found,omitempty"`
}

type statusParams struct {
	Message string `json:"message"`
}

// Execute posts the update unless a message carrying the key is there already.
func (s *StatusUpdate) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	var params statusParams
	if err := decodeParams(req.Action.Params, &params); err != nil {
		return action.Result{}, err
	}
	msg := strings.TrimSpace(params.Message)
	if msg == "" {
		return action.Result{}, fmt.Errorf("status update: empty message: %w", action.ErrPermanent)
	}
	inc, err := s.p.brief(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, fmt.Errorf("status update for incident %s: %w", req.Action.IncidentID, err)
	}
	c := s.p.client(req.Token)
	ch, err := c.incidentChannel(ctx, inc)
	if err != nil {
		return action.Result{}, fmt.Errorf("status update: %w", err)
	}
	if _, err := c.ensureMember(ctx, ch); err != nil {
		return action.Result{}, fmt.Errorf("status update: %w", err)
	}
	text, blocks := statusMessage(inc, msg, req.IdempotencyKey)
	ts, found, err := c.postOnce(ctx, "post status update to #"+ch.Name, ch.ID, req.IdempotencyKey,
		slackgo.MsgOptionText(text, false), slackgo.MsgOptionBlocks(blocks...),
		slackgo.MsgOptionMetadata(metadata(EventStatus, req)))
	if err != nil {
		return action.Result{}, err
	}
	return statusResult(StatusResult{ChannelID: ch.ID, ChannelName: ch.Name, MessageTS: ts, Found: found})
}

// Reconcile reports done when the channel holds a message carrying the key.
func (s *StatusUpdate) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	inc, err := s.p.brief(ctx, req.Action.IncidentID)
	if err != nil {
		return action.Result{}, false, fmt.Errorf("status update for incident %s: %w", req.Action.IncidentID, err)
	}
	c := s.p.client(req.Token)
	ch, err := c.incidentChannel(ctx, inc)
	if errors.Is(err, action.ErrPermanent) {
		return action.Result{}, false, nil // no channel, so nothing was posted; Execute reports why
	}
	if err != nil {
		return action.Result{}, false, err
	}
	ts, found, err := c.findMarked(ctx, ch.ID, req.IdempotencyKey)
	if err != nil || !found {
		return action.Result{}, false, err
	}
	res, err := statusResult(StatusResult{ChannelID: ch.ID, ChannelName: ch.Name, MessageTS: ts, Found: true})
	return res, err == nil, err
}

func statusResult(res StatusResult) (action.Result, error) {
	detail, err := json.Marshal(res)
	if err != nil {
		return action.Result{}, fmt.Errorf("encode status result: %w", err)
	}
	summary := "Posted the status update to #" + res.ChannelName
	if res.Found {
		summary = "Status update already posted to #" + res.ChannelName
	}
	return action.Result{Summary: summary, Detail: detail}, nil
}

// statusMessage is the update as text and blocks, the first block marked with key.
func statusMessage(inc facts.Incident, msg, key string) (string, []slackgo.Block) {
	body := escape(facts.Truncate(msg, 2800))
	about := "*Status update*"
	if inc.Title != "" {
		about += " · " + escape(strings.TrimSpace(inc.Severity+" "+inc.Title))
	}
	if l := link(inc.URL, "Open in WarRoom"); l != "" {
		about += " · " + l
	}
	return body, []slackgo.Block{
		slackgo.NewSectionBlock(mrkdwn(body), nil, nil, slackgo.SectionBlockOptionBlockID(markerID(key))),
		slackgo.NewContextBlock("", mrkdwn(about)),
	}
}
