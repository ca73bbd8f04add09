package triage

import (
	"regexp"
	"strings"
)

// Slack "mrkdwn" markup as it appears in the text field of message events and
// conversations.history results.
var (
	reBroadcast    = regexp.MustCompile(`<!(here|channel|everyone)(\|[^>]*)?>`)
	reSubteam      = regexp.MustCompile(`<!subteam\^[^>|]*(\|([^>]*))?>`)
	reOtherSpecial = regexp.MustCompile(`<![^>|]*(?:\|([^>]*))?>`) // <!date^...|label>, etc.
	reUserMention  = regexp.MustCompile(`<@[A-Za-z0-9]+(\|[^>]*)?>`)
	reChannelRef   = regexp.MustCompile(`<#[A-Za-z0-9]+(\|([^>]*))?>`)
	reLabelLink    = regexp.MustCompile(`<[^<>|\s]+\|([^<>]*)>`)
	reBareLink     = regexp.MustCompile(`<[^<>\s]+>`)
	// :emoji: and :emoji::skin-tone-2:. At least one letter, so clock times
	// such as 10:30 are never taken for an emoji.
	reEmoji = regexp.MustCompile(`:[a-z0-9_+'\-]*[a-z][a-z0-9_+'\-]*:`)
	// *bold*, _italic_, ~strike~ markers at word edges.
	reEmphasisOpen  = regexp.MustCompile(`(^|[\s(\[{"'])[*_~]+`)
	reEmphasisClose = regexp.MustCompile(`[*_~]+($|[\s)\]}".,;:!?'])`)
	reSpaces        = regexp.MustCompile(`\s+`)
)

// markup is the result of stripping Slack markup from a message.
type markup struct {
	text      string // plain, lower-cased text used for matching
	broadcast string // "here", "channel" or "everyone" when the message pinged the whole channel
	subteam   string // handle of a pinged user group ("" when none, "group" when unlabeled)
}

// StripMarkup removes Slack markup from a message text and returns plain
// text (case preserved): user mentions are dropped, channel references
// become "#name", links become their label (bare links are dropped),
// broadcasts (<!here>) are dropped, :emoji: codes are removed,
// *bold*/_italic_/~strike~ markers and backticks are removed (their content
// is kept), and &amp;/&lt;/&gt; are decoded.
func StripMarkup(text string) string {
	return stripMarkup(text).text
}

func stripMarkup(text string) markup {
	var m markup
	if b := reBroadcast.FindStringSubmatch(text); b != nil {
		m.broadcast = b[1]
	}
	if s := reSubteam.FindStringSubmatch(text); s != nil {
		m.subteam = strings.TrimPrefix(s[2], "@")
		if m.subteam == "" {
			m.subteam = "group"
		}
	}
	t := text
	t = reBroadcast.ReplaceAllString(t, " ")
	t = reSubteam.ReplaceAllString(t, " ")
	t = reOtherSpecial.ReplaceAllString(t, " $1 ")
	t = reUserMention.ReplaceAllString(t, " ")
	t = reChannelRef.ReplaceAllString(t, " #$2 ")
	t = reLabelLink.ReplaceAllString(t, "$1")
	t = reBareLink.ReplaceAllString(t, " ")
	t = strings.NewReplacer(
		"&lt;", "<", "&gt;", ">", "&amp;", "&",
		"\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`,
		"`", " ",
	).Replace(t)
	t = reEmoji.ReplaceAllString(t, " ")
	t = reEmphasisOpen.ReplaceAllString(t, "$1")
	t = reEmphasisClose.ReplaceAllString(t, "$1")
	t = reSpaces.ReplaceAllString(t, " ")
	m.text = strings.TrimSpace(t)
	return m
}
