package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/briefing"
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

// LiveSummaryMessage is the incident's summary as Block Kit, the same brief
// the dashboard shows above the fold: severity, status, what is broken and
// since when, the impact, the suspected cause with its evidence or why none
// is blamed, the known issue and its runbook, who is on it and what waits
// for whom. The first block carries the marker that finds the post again.
func LiveSummaryMessage(b briefing.Brief, url string) (string, []slackgo.Block) {
	sev := b.Severity
	if sev == "" {
		sev = "Untriaged"
	}
	headline := fmt.Sprintf("%s · %s: %s", sev, orDash(b.Incident.Service), b.Incident.Title)
	since := fmt.Sprintf("*Status* %s · since %s", escape(string(b.Incident.Status)), b.Since.UTC().Format("2006-01-02 15:04Z"))
	if b.Alerts > 0 {
		state := "all resolved"
		if b.Firing {
			state = "still firing"
		}
		since += fmt.Sprintf(" · %d alert(s), %s", b.Alerts, state)
	}
	impact := "not assessed yet"
	if rs := b.TopReasons(3); len(rs) > 0 {
		impact = "• " + strings.Join(rs, "\n• ")
	}
	cause := "not analysed yet"
	switch c := b.Cause; {
	case c.Commit != "":
		cause = fmt.Sprintf("Suspected commit `%s` by @%s: %s", c.Short(), c.Author, c.Subject)
		if c.Confidence > 0 {
			cause += fmt.Sprintf(" (confidence %.0f%%)", c.Confidence*100)
		}
		for _, e := range c.Evidence[:min(3, len(c.Evidence))] {
			cause += "\n• " + e
		}
	case c.Operational != "":
		cause = "No commit is blamed: " + c.Operational
	case c.Assessed:
		cause = "No commit is blamed: no recent change is tied to the failure by the evidence."
	}
	blocks := []slackgo.Block{
		slackgo.NewHeaderBlock(plain(facts.Truncate(headline, 150)), slackgo.HeaderBlockOptionBlockID(markerID(liveSummaryKey(b.Incident.ID)))),
		slackgo.NewContextBlock("", mrkdwn(since)),
		slackgo.NewSectionBlock(mrkdwn(facts.Truncate("*Impact*\n"+escape(impact), 3000)), nil, nil),
		slackgo.NewSectionBlock(mrkdwn(facts.Truncate("*Cause*\n"+escape(cause), 3000)), nil, nil),
	}
	if k := b.KnownIssue; k != nil {
		blocks = append(blocks, slackgo.NewSectionBlock(mrkdwn(facts.Truncate(
			fmt.Sprintf("*Known issue* %s %s\n_Runbook:_ %s", escape(k.ID), escape(k.Title), escape(k.Runbook)), 3000)), nil, nil))
	}
	people := "@" + b.Incident.Owner + " (owner)"
	for _, r := range b.Responders {
		if r != b.Incident.Owner {
			people += ", @" + r
		}
	}
	waiting := "Nothing is waiting for a decision."
	if n := len(b.Waiting) + len(b.Others); n > 0 {
		var who []string
		for _, w := range append(append([]briefing.Wait(nil), b.Waiting...), b.Others...) {
			who = append(who, fmt.Sprintf("`%s` for @%s", w.Action.Kind, w.Approval.Target))
		}
		waiting = fmt.Sprintf("%d decision(s) waiting: %s. The buttons are on each request in this channel.", n, strings.Join(who, ", "))
	}
	blocks = append(blocks, slackgo.NewContextBlock("", mrkdwn(facts.Truncate(escape("People: "+people+". "+waiting), 3000))))
	text := escape(facts.Truncate(headline, 2800))
	if l := link(url, "Open in WarRoom"); l != "" {
		blocks = append(blocks, slackgo.NewActionBlock("warroom_summary_links",
			slackgo.NewButtonBlockElement("warroom_open_incident", b.Incident.ID, plain("Open in WarRoom")).WithURL(url)))
		text += " " + l
	}
	return text, blocks
}

// PostLiveSummary keeps the incident's summary current in its war-room
// channel with WarRoom's bot token: the first call posts it, later calls
// edit that post in place (found again by its marker, so a retry never
// posts twice). While the incident has no war-room channel it does nothing:
// the war room's own opening post carries the summary of that moment.
func (p *Provider) PostLiveSummary(ctx context.Context, b briefing.Brief, url string) (LivePost, error) {
	if p.bot == "" {
		return LivePost{}, errors.New("live summary: no Slack bot token configured")
	}
	inc, err := p.brief(ctx, b.Incident.ID)
	if err != nil {
		return LivePost{}, fmt.Errorf("live summary of incident %s: %w", b.Incident.ID, err)
	}
	c := p.client(p.bot)
	ch, found, err := c.findChannel(ctx, ChannelName(inc))
	if err != nil || !found {
		return LivePost{}, err
	}
	if _, err := c.ensureMember(ctx, ch); err != nil {
		return LivePost{}, fmt.Errorf("live summary: %w", err)
	}
	key := liveSummaryKey(b.Incident.ID)
	text, blocks := LiveSummaryMessage(b, url)
	meta := slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: EventLiveSummary, EventPayload: map[string]any{
		metaKey: key, "incident_id": b.Incident.ID,
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
