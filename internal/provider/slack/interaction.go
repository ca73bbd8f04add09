package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	slackgo "github.com/slack-go/slack"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/slackinbound"
)

// Errors of ParseInteraction; check them with errors.Is.
var (
	// ErrBadSignature: not signed with the signing secret (a 401).
	ErrBadSignature = slackinbound.ErrBadSignature
	// ErrStale: the timestamp is more than 5 minutes from now, past or
	// future: a replay or a skewed clock (a 401).
	ErrStale = slackinbound.ErrStale
	// ErrMalformed: signed, but not an interaction payload WarRoom can read (a 400).
	ErrMalformed = errors.New("slack: malformed interaction payload")
	// ErrUnknownAction: a well-formed interaction that is not a WarRoom
	// approval button (another interaction type or action id); acknowledge it
	// and do nothing.
	ErrUnknownAction = errors.New("slack: not a WarRoom approval action")
)

// maxApprovalID bounds the approval id read from a button (a Block Kit
// button value holds up to 2000 characters; WarRoom's ids are UUIDs).
const maxApprovalID = 128

// Interaction is an approval button click. Who SlackUserID is, and whether
// they may decide, is the app's question: the engine's gates still apply.
type Interaction struct {
	SlackUserID string
	TeamID      string
	ApprovalID  string
	Decision    incident.Decision // approved or declined
	// ResponseURL lets the app update the message (valid for 30 minutes).
	ResponseURL string
	ChannelID   string
	MessageTS   string
}

// ParseInteraction verifies a Slack interactivity request and reads an
// approval button click from it. The v0 signature is checked over the raw
// body with the Events API's rules (slackinbound.VerifyRequest: HMAC-SHA256,
// constant-time compare, 5-minute window both ways around now). slack-go's
// NewSecretsVerifier applies the same algorithm but reads the wall clock
// itself, so it cannot be given now; slackin's tests check that both agree.
// The body is application/x-www-form-urlencoded with the JSON in "payload".
func ParseInteraction(r *http.Request, signingSecret string, now time.Time) (Interaction, error) {
	if r.Method != http.MethodPost {
		return Interaction{}, fmt.Errorf("%w: method %s, want POST", ErrMalformed, r.Method)
	}
	body, err := slackinbound.VerifyRequest(r, signingSecret, now)
	if err != nil {
		return Interaction{}, err
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return Interaction{}, fmt.Errorf("%w: content type %q, want application/x-www-form-urlencoded", ErrMalformed, r.Header.Get("Content-Type"))
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return Interaction{}, fmt.Errorf("%w: form body: %v", ErrMalformed, err)
	}
	payload := form.Get("payload")
	if payload == "" {
		return Interaction{}, fmt.Errorf("%w: no payload field", ErrMalformed)
	}
	var cb slackgo.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		return Interaction{}, fmt.Errorf("%w: payload JSON: %v", ErrMalformed, err)
	}
	if cb.Type != slackgo.InteractionTypeBlockActions {
		return Interaction{}, fmt.Errorf("%w: interaction type %q", ErrUnknownAction, cb.Type)
	}
	if cb.User.ID == "" {
		return Interaction{}, fmt.Errorf("%w: no user", ErrMalformed)
	}
	for _, a := range cb.ActionCallback.BlockActions {
		if a == nil {
			continue
		}
		d, ok := decisionFor(a.ActionID)
		if !ok {
			continue
		}
		if !validID(a.Value) {
			return Interaction{}, fmt.Errorf("%w: %s button without a valid approval id", ErrMalformed, a.ActionID)
		}
		ch := cb.Channel.ID
		if ch == "" {
			ch = cb.Container.ChannelID
		}
		return Interaction{
			SlackUserID: cb.User.ID, TeamID: cb.Team.ID, ApprovalID: a.Value, Decision: d,
			ResponseURL: cb.ResponseURL, ChannelID: ch, MessageTS: cb.Container.MessageTs,
		}, nil
	}
	return Interaction{}, fmt.Errorf("%w: no approval button among %d action(s)", ErrUnknownAction, len(cb.ActionCallback.BlockActions))
}

// validID accepts a non-empty id of printable characters without spaces.
func validID(s string) bool {
	if s == "" || len(s) > maxApprovalID {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || unicode.IsSpace(r) })
}
