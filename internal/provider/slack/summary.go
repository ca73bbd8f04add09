package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/provider/facts"
)

// EventLiveSummary is the metadata event type of the summary WarRoom keeps
// up to date in a war room.
const EventLiveSummary = "warroom_live_summary"

func liveSummaryKey(incidentID string) string { return "live-summary-" + incidentID }

// LivePost is where the live summary is.
type LivePost struct {
	ChannelID, TS string
	// Posted is false when the incident has no war-room channel yet;
	// Edited is true when an earlier post was changed in place.
	Posted, Edited bool
}

// LiveSummaryMessage is the incident's summary as Block Kit: the headline,
// status and since when, the impact, the cause with its evidence, the known
// issue and its runbook, who is on it and what waits for whom. The first
// block carries the marker that finds the post again.
func LiveSummaryMessage(s facts.Summary) (string, []slackgo.Block) {
	since := fmt.Sprintf("*Status* %s · since %s", escape(s.Status), s.Since.UTC().Format("2006-01-02 15:04Z"))
	if s.Alerts > 0 {
		state := "all resolved"
		if s.Firing {
			state = "still firing"
		}
		since += fmt.Sprintf(" · %d alert(s), %s", s.Alerts, state)
	}
	impact := "not assessed yet"
	if len(s.Impact) > 0 {
		impact = "• " + strings.Join(s.Impact, "\n• ")
	}
	cause := s.Cause
	for _, e := range s.Evidence {
		cause += "\n• " + e
	}
	blocks := []slackgo.Block{
		slackgo.NewHeaderBlock(plain(facts.Truncate(s.Headline, 150)), slackgo.HeaderBlockOptionBlockID(markerID(liveSummaryKey(s.IncidentID)))),
		slackgo.NewContextBlock("", mrkdwn(since)),
		slackgo.NewSectionBlock(mrkdwn(facts.Truncate("*Impact*\n"+escape(impact), 3000)), nil, nil),
		slackgo.NewSectionBlock(mrkdwn(facts.Truncate("*Cause*\n"+escape(cause), 3000)), nil, nil),
	}
	if s.KnownIssue != "" {
		blocks = append(blocks, slackgo.NewSectionBlock(mrkdwn(facts.Truncate(
			fmt.Sprintf("*Known issue* %s\n_Runbook:_ %s", escape(s.KnownIssue), escape(s.Runbook)), 3000)), nil, nil))
	}
	people := make([]string, len(s.People))
	for i, p := range s.People {
		people[i] = "@" + p
	}
	waiting := "Nothing is waiting for a decision."
	if len(s.Waiting) > 0 {
		waiting = fmt.Sprintf("%d decision(s) waiting: %s. The buttons are on each request in this channel.", len(s.Waiting), strings.Join(s.Waiting, ", "))
	}
	blocks = append(blocks, slackgo.NewContextBlock("", mrkdwn(facts.Truncate(escape("People: "+strings.Join(people, ", ")+". "+waiting), 3000))))
	text := escape(facts.Truncate(s.Headline, 2800))
	if l := link(s.URL, "Open in WarRoom"); l != "" {
		blocks = append(blocks, slackgo.NewActionBlock("warroom_summary_links",
			slackgo.NewButtonBlockElement("warroom_open_incident", s.IncidentID, plain("Open in WarRoom")).WithURL(s.URL)))
		text += " " + l
	}
	return text, blocks
}

// PostLiveSummary keeps the incident's summary current in its war-room
// channel with WarRoom's bot token: the first call posts it, later calls
// edit that post in place (found again by its marker, so a retry never
// posts twice). While the incident has no war-room channel it does nothing:
// the war room's own opening post carries the summary of that moment.
func (p *Provider) PostLiveSummary(ctx context.Context, s facts.Summary) (LivePost, error) {
	if p.bot == "" {
		return LivePost{}, errors.New("live summary: no Slack bot token configured")
	}
	inc, err := p.brief(ctx, s.IncidentID)
	if err != nil {
		return LivePost{}, fmt.Errorf("live summary of incident %s: %w", s.IncidentID, err)
	}
	c := p.client(p.bot)
	ch, found, err := c.findChannel(ctx, ChannelName(inc))
	if err != nil || !found {
		return LivePost{}, err
	}
	if _, err := c.ensureMember(ctx, ch); err != nil {
		return LivePost{}, fmt.Errorf("live summary: %w", err)
	}
	key := liveSummaryKey(s.IncidentID)
	text, blocks := LiveSummaryMessage(s)
	meta := slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: EventLiveSummary, EventPayload: map[string]any{
		metaKey: key, "incident_id": s.IncidentID,
	}})
	ts, found, err := c.findMarked(ctx, ch.ID, key)
	if err != nil {
		return LivePost{}, err
	}
	out := LivePost{ChannelID: ch.ID, Posted: true}
	if !found {
		out.TS, err = c.post(ctx, "post the live summary to #"+ch.Name, ch.ID, slackgo.MsgOptionText(text, false), slackgo.MsgOptionBlocks(blocks...), meta)
		return out, err
	}
	out.TS, out.Edited = ts, true
	err = c.do(ctx, "edit the live summary in #"+ch.Name, func(ctx context.Context) error {
		_, _, _, err := c.api.UpdateMessageContext(ctx, ch.ID, ts, slackgo.MsgOptionText(text, false), slackgo.MsgOptionBlocks(blocks...), meta)
		return err
	})
	return out, err
}
