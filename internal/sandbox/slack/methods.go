package slack

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	maxNameLen      = 80
	maxTopicLen     = 250
	maxTextLen      = 40000
	maxBlocks       = 50
	maxInviteUsers  = 1000
	defaultPageSize = 100
	maxListPage     = 1000
	maxHistoryPage  = 999
)

func (s *Server) dispatchLocked(method string, caller User, a args) reply {
	switch method {
	case "auth.test":
		return s.authTest(caller)
	case "conversations.create":
		return s.create(caller, a)
	case "conversations.list":
		return s.list(caller, a)
	case "conversations.info":
		return s.info(caller, a)
	case "conversations.invite":
		return s.invite(caller, a)
	case "conversations.join":
		return s.join(caller, a)
	case "conversations.setTopic":
		return s.setTopic(caller, a)
	case "conversations.history":
		return s.history(caller, a)
	case "chat.postMessage":
		return s.postMessage(caller, a)
	case "chat.update":
		return s.update(caller, a)
	}
	return fail("unknown_method")
}

func (s *Server) authTest(caller User) reply {
	body := map[string]any{
		"url": "https://" + s.domain + ".slack.com/", "team": s.teamName, "user": caller.Name,
		"team_id": s.team, "user_id": caller.ID, "is_enterprise_install": false,
	}
	if caller.Bot {
		body["bot_id"] = caller.BotID
	}
	return reply{body: body}
}

// validName applies Slack's channel name rules; it returns the error code or "".
func validName(name string) string {
	switch {
	case name == "":
		return "invalid_name_required"
	case utf8.RuneCountInString(name) > maxNameLen:
		return "invalid_name_maxlength"
	case strings.Trim(name, "-_") == "":
		return "invalid_name_punctuation"
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return "invalid_name_specials"
		}
	}
	return ""
}

func (s *Server) create(caller User, a args) reply {
	name := a.get("name")
	if code := validName(name); code != "" {
		return fail(code)
	}
	// Archived and private channels keep their names too.
	if s.byNameLocked(name) != nil {
		return fail("name_taken")
	}
	c := s.newChannelLocked(name, caller.ID, a.bool("is_private"))
	return reply{body: map[string]any{"channel": s.channelJSON(c, caller)}}
}

// visible reports whether caller can see c (private channels: members only).
func visible(c *channelState, caller User) bool { return !c.private || c.isMember(caller.ID) }

// channelRef resolves the "channel" argument to a channel caller can see.
func (s *Server) channelRef(caller User, a args) (*channelState, reply) {
	id := a.get("channel")
	if id == "" {
		return nil, fail("channel_not_found")
	}
	c := s.byID[id]
	if c == nil || !visible(c, caller) {
		return nil, fail("channel_not_found")
	}
	return c, reply{}
}

func (s *Server) channelJSON(c *channelState, caller User) map[string]any {
	topicAt := int64(0)
	if !c.topicAt.IsZero() {
		topicAt = c.topicAt.Unix()
	}
	return map[string]any{
		"id": c.id, "name": c.name, "name_normalized": c.name,
		"is_channel": !c.private, "is_group": false, "is_im": false, "is_mpim": false,
		"is_private": c.private, "is_archived": c.archived, "is_general": false,
		"is_shared": false, "is_ext_shared": false, "is_org_shared": false, "is_pending_ext_shared": false,
		"is_member": c.isMember(caller.ID), "created": c.created.Unix(), "creator": c.creator,
		"unlinked": 0, "num_members": len(c.members), "previous_names": []string{},
		"topic":   map[string]any{"value": c.topic, "creator": c.topicBy, "last_set": topicAt},
		"purpose": map[string]any{"value": "", "creator": "", "last_set": 0},
	}
}

// encodeCursor and decodeCursor make opaque cursors, like Slack's base64 ones.
func encodeCursor(kind, v string) string {
	return base64.StdEncoding.EncodeToString([]byte(kind + ":" + v))
}

func decodeCursor(kind, cur string) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(cur)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(raw), kind+":")
}

func pageSize(a args, max int) int {
	n, err := strconv.Atoi(a.get("limit"))
	if err != nil || n <= 0 {
		return defaultPageSize
	}
	return min(n, max)
}

func (s *Server) list(caller User, a args) reply {
	types := map[string]bool{}
	for _, t := range strings.Split(a.get("types"), ",") {
		switch t = strings.TrimSpace(t); t {
		case "":
		case "public_channel", "private_channel", "mpim", "im":
			types[t] = true
		default:
			return fail("invalid_types")
		}
	}
	if len(types) == 0 {
		types["public_channel"] = true
	}
	var matched []*channelState
	for _, c := range s.channels {
		kind := "public_channel"
		if c.private {
			kind = "private_channel"
		}
		if !types[kind] || !visible(c, caller) || c.archived && a.bool("exclude_archived") {
			continue
		}
		matched = append(matched, c)
	}
	start := 0
	if cur := a.get("cursor"); cur != "" {
		v, ok := decodeCursor("offset", cur)
		n, err := strconv.Atoi(v)
		if !ok || err != nil || n < 0 || n > len(matched) {
			return fail("invalid_cursor")
		}
		start = n
	}
	end := min(start+pageSize(a, maxListPage), len(matched))
	out := make([]map[string]any, 0, end-start)
	for _, c := range matched[start:end] {
		out = append(out, s.channelJSON(c, caller))
	}
	next := ""
	if end < len(matched) {
		next = encodeCursor("offset", strconv.Itoa(end))
	}
	return reply{body: map[string]any{"channels": out, "response_metadata": map[string]any{"next_cursor": next}}}
}

func (s *Server) info(caller User, a args) reply {
	c, rep := s.channelRef(caller, a)
	if c == nil {
		return rep
	}
	return reply{body: map[string]any{"channel": s.channelJSON(c, caller)}}
}

// inviteError is one entry of conversations.invite's per-user "errors" array.
type inviteError struct {
	User  string `json:"user"`
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// invite adds users to a channel. Without force one bad id fails the whole
// call and nobody is added; with force the valid ones are added. Either way
// per-user failures come back as ok:false with the first code in "error"
// and, when several ids were given, every failure in "errors".
func (s *Server) invite(caller User, a args) reply {
	c, rep := s.channelRef(caller, a)
	if c == nil {
		return rep
	}
	switch {
	case c.archived:
		return fail("is_archived")
	case !c.isMember(caller.ID):
		return fail("not_in_channel")
	}
	var ids []string
	for _, id := range strings.Split(a.get("users"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return fail("no_user")
	case len(ids) > maxInviteUsers:
		return fail("too_many_users")
	}
	var errs []inviteError
	var valid []string
	for _, id := range ids {
		code := ""
		switch _, known := s.users[id]; {
		case id == caller.ID:
			code = "cant_invite_self"
		case !known:
			code = "user_not_found"
		case c.isMember(id) || slices.Contains(valid, id):
			code = "already_in_channel"
		}
		if code != "" {
			errs = append(errs, inviteError{User: id, Error: code})
			continue
		}
		valid = append(valid, id)
	}
	if len(errs) == 0 || a.bool("force") {
		for _, id := range valid {
			c.members = append(c.members, id)
			s.appendLocked(c, &Message{User: id, Subtype: "channel_join", Text: "<@" + id + "> has joined the channel"})
		}
	}
	if len(errs) == 0 {
		return reply{body: map[string]any{"channel": s.channelJSON(c, caller)}}
	}
	rep = fail(errs[0].Error)
	if len(ids) > 1 {
		rep.body = map[string]any{"errors": errs}
	}
	return rep
}

func (s *Server) join(caller User, a args) reply {
	c, rep := s.channelRef(caller, a)
	if c == nil {
		return rep
	}
	switch {
	case c.archived:
		return fail("is_archived")
	case c.private:
		return fail("method_not_supported_for_channel_type")
	}
	body := map[string]any{}
	if c.isMember(caller.ID) {
		body["warning"] = "already_in_channel"
	} else {
		c.members = append(c.members, caller.ID)
		s.appendLocked(c, &Message{User: caller.ID, Subtype: "channel_join", Text: "<@" + caller.ID + "> has joined the channel"})
	}
	body["channel"] = s.channelJSON(c, caller)
	return reply{body: body}
}

func (s *Server) setTopic(caller User, a args) reply {
	c, rep := s.channelRef(caller, a)
	if c == nil {
		return rep
	}
	topic := a.get("topic")
	switch {
	case c.archived:
		return fail("is_archived")
	case !c.isMember(caller.ID):
		return fail("not_in_channel")
	case utf8.RuneCountInString(topic) > maxTopicLen:
		return fail("too_long")
	}
	c.topic, c.topicBy, c.topicAt = topic, caller.ID, s.now().UTC()
	s.appendLocked(c, &Message{User: caller.ID, Subtype: "channel_topic", Text: "set the channel topic: " + topic})
	return reply{body: map[string]any{"channel": s.channelJSON(c, caller)}}
}

// validBlocks checks the blocks argument is a JSON array of at most 50 objects with a type.
func validBlocks(raw json.RawMessage) bool {
	var blocks []map[string]any
	if json.Unmarshal(raw, &blocks) != nil || len(blocks) > maxBlocks {
		return false
	}
	for _, b := range blocks {
		if t, _ := b["type"].(string); t == "" {
			return false
		}
	}
	return true
}

// validMetadata checks metadata is {"event_type": string, "event_payload": object}.
func validMetadata(raw json.RawMessage) bool {
	var m struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	return json.Unmarshal(raw, &m) == nil && m.EventType != "" && m.EventPayload != nil
}

func (s *Server) postMessage(caller User, a args) reply {
	c := s.lookupLocked(a.get("channel"))
	if c == nil || !visible(c, caller) {
		return fail("channel_not_found")
	}
	text, blocks, meta := a.get("text"), a.raw("blocks"), a.raw("metadata")
	switch {
	case c.archived:
		return fail("is_archived")
	case !c.isMember(caller.ID):
		return fail("not_in_channel")
	}
	if code := contentError(text, blocks, meta); code != "" {
		return fail(code)
	}
	m := s.appendLocked(c, &Message{User: caller.ID, Text: text, ThreadTS: a.get("thread_ts"),
		Blocks: blocks, Metadata: meta})
	return reply{body: map[string]any{"channel": c.id, "ts": m.TS, "message": s.messageJSON(m, true)}}
}

// contentError is Slack's error code for a message's text, blocks and
// metadata, or "" when they are acceptable.
func contentError(text string, blocks, meta []byte) string {
	switch {
	case text == "" && len(blocks) == 0:
		return "no_text"
	case utf8.RuneCountInString(text) > maxTextLen:
		return "msg_too_long"
	case len(blocks) > 0 && !validBlocks(blocks):
		return "invalid_blocks"
	case len(meta) > 0 && !validMetadata(meta):
		return "invalid_metadata_format"
	}
	return ""
}

// update edits a message its caller posted. As on Slack, the channel must
// be an id, not a name; blocks and metadata left out are kept, text is
// replaced when given.
func (s *Server) update(caller User, a args) reply {
	c := s.byID[a.get("channel")]
	if c == nil || !visible(c, caller) {
		return fail("channel_not_found")
	}
	var m *Message
	for _, x := range c.messages {
		if x.TS == a.get("ts") {
			m = x
		}
	}
	text, blocks, meta := a.get("text"), a.raw("blocks"), a.raw("metadata")
	switch {
	case m == nil:
		return fail("message_not_found")
	case m.User != caller.ID:
		return fail("cant_update_message")
	case c.archived:
		return fail("is_archived")
	}
	if code := contentError(text, blocks, meta); code != "" {
		return fail(code)
	}
	m.Text = text
	if len(blocks) > 0 {
		m.Blocks = blocks
	}
	if len(meta) > 0 {
		m.Metadata = meta
	}
	m.Edits++
	return reply{body: map[string]any{"channel": c.id, "ts": m.TS, "text": m.Text, "message": s.messageJSON(m, false)}}
}

func (s *Server) messageJSON(m *Message, withMetadata bool) map[string]any {
	out := map[string]any{"type": "message", "user": m.User, "text": m.Text, "ts": m.TS, "team": s.team}
	if m.Subtype != "" {
		out["subtype"] = m.Subtype
	}
	if m.BotID != "" {
		out["bot_id"] = m.BotID
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if len(m.Blocks) > 0 {
		out["blocks"] = m.Blocks
	}
	if withMetadata && len(m.Metadata) > 0 {
		out["metadata"] = m.Metadata
	}
	return out
}

// history returns messages newest first. The cursor names the oldest
// message already returned, so messages posted between pages neither
// repeat nor shift the pages.
func (s *Server) history(caller User, a args) reply {
	c, rep := s.channelRef(caller, a)
	if c == nil {
		return rep
	}
	if caller.Bot && !c.isMember(caller.ID) {
		return fail("not_in_channel")
	}
	inclusive := a.bool("inclusive")
	var latest, oldest *tsValue
	if v := a.get("latest"); v != "" {
		t, ok := parseTS(v)
		if !ok {
			return fail("invalid_ts_latest")
		}
		latest = &t
	}
	if v := a.get("oldest"); v != "" {
		t, ok := parseTS(v)
		if !ok {
			return fail("invalid_ts_oldest")
		}
		oldest = &t
	}
	var before *tsValue
	if cur := a.get("cursor"); cur != "" {
		v, ok := decodeCursor("before", cur)
		t, okTS := parseTS(v)
		if !ok || !okTS {
			return fail("invalid_cursor")
		}
		before = &t
	}
	limit := pageSize(a, maxHistoryPage)
	withMeta := a.bool("include_all_metadata")
	var out []map[string]any
	hasMore := false
	var last tsValue
	for i := len(c.messages) - 1; i >= 0; i-- {
		m := c.messages[i]
		t, _ := parseTS(m.TS)
		switch {
		case before != nil && !t.less(*before):
			continue
		case latest != nil && (latest.less(t) || !inclusive && t == *latest):
			continue
		case oldest != nil && (t.less(*oldest) || !inclusive && t == *oldest):
			continue
		}
		if len(out) == limit {
			hasMore = true
			break
		}
		out = append(out, s.messageJSON(m, withMeta))
		last = t
	}
	next := ""
	if hasMore {
		next = encodeCursor("before", last.String())
	}
	if out == nil {
		out = []map[string]any{}
	}
	return reply{body: map[string]any{"messages": out, "has_more": hasMore, "pin_count": 0,
		"response_metadata": map[string]any{"next_cursor": next}}}
}
