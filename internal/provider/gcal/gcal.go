// Package gcal puts incident meetings on the approving engineer's Google
// Calendar through google.golang.org/api/calendar/v3: Meet opens a Google
// Meet bridge (meeting_bridge with provider "meet") and Invite schedules a
// follow-up (calendar_invite). Both invite the incident's responders with
// sendUpdates=all and ask for a Meet conference (conferenceDataVersion=1).
//
// Idempotency: every event gets a deterministic id derived from the action's
// idempotency key (EventID), so a retried insert answers 409 duplicate and
// the executor reads the existing event instead of creating a second one;
// Reconcile is a get of that id. The conference's createRequest carries the
// idempotency key as its requestId.
package gcal

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	calendar "google.golang.org/api/calendar/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/ratelimit"
)

// Provider is the credential provider name the executors ask the broker for.
const Provider = "google"

// Scope lets the approver's token create and read events on their calendars.
const Scope = "https://www.googleapis.com/auth/calendar.events"

// Options configures the executors; zero values get defaults.
type Options struct {
	// Endpoint is the API root ("" = Google's; a fake's is srv.URL+"/calendar/v3/").
	Endpoint string
	// HTTPClient supplies the transport and timeout (nil = a 30 s timeout on
	// the default transport); the approver's token is added per call.
	HTTPClient *http.Client
	// CalendarID is the calendar events go on ("" = "primary", the approver's own).
	CalendarID string
	// BridgeDuration is how long a Meet bridge event lasts (0 = one hour).
	BridgeDuration time.Duration
	// MaxWait bounds the time one call spends waiting out rate limits before
	// it gives up with a retryable error (0 = 20 s).
	MaxWait time.Duration
	// PendingPolls bounds the re-reads of an event whose conference is still
	// being created (0 = 5), PollInterval apart (0 = one second).
	PendingPolls int
	PollInterval time.Duration
	Now          func() time.Time
	// Sleep waits d or until ctx ends (nil = a timer); tests record the waits instead.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o *Options) defaults() {
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.CalendarID == "" {
		o.CalendarID = "primary"
	}
	if o.BridgeDuration <= 0 {
		o.BridgeDuration = time.Hour
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 20 * time.Second
	}
	if o.PendingPolls <= 0 {
		o.PendingPolls = 5
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = ratelimit.Sleep
	}
}

// EventID is the event id for an idempotency key: the key's SHA-256 in
// lowercase base32hex, which meets Calendar's id rules (characters a-v and
// 0-9, 5 to 1024 of them) whatever the key looks like.
func EventID(idempotencyKey string) string {
	sum := sha256.Sum256([]byte(idempotencyKey))
	return strings.ToLower(base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:]))
}

// core is what Meet and Invite share: the incident source and the calendar calls.
type core struct {
	brief facts.Source
	opts  Options
}

func newCore(src facts.Source, opts Options) core {
	opts.defaults()
	return core{brief: src, opts: opts}
}

// Credential asks for the approver's Google token.
func (c *core) Credential(incident.Action) (string, []string) {
	return Provider, []string{Scope}
}

// service is a Calendar client that sends token on every request of this call only.
func (c *core) service(ctx context.Context, token action.Secret) (*calendar.Service, error) {
	base := c.opts.HTTPClient
	hc := &http.Client{
		Transport: &oauth2.Transport{
			Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token.Reveal(), TokenType: "Bearer"}),
			Base:   base.Transport,
		},
		Timeout:       base.Timeout,
		CheckRedirect: base.CheckRedirect,
	}
	opts := []option.ClientOption{option.WithHTTPClient(hc)}
	if c.opts.Endpoint != "" {
		opts = append(opts, option.WithEndpoint(c.opts.Endpoint))
	}
	svc, err := calendar.NewService(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("calendar client: %w", err)
	}
	return svc, nil
}

// incidentFor checks the target names the action's own incident and resolves it.
func (c *core) incidentFor(ctx context.Context, req action.Request, system string) (facts.Incident, error) {
	if req.IdempotencyKey == "" {
		return facts.Incident{}, fmt.Errorf("%s: no idempotency key: %w", req.Action.Kind, action.ErrPermanent)
	}
	a := req.Action
	id, ok := strings.CutPrefix(a.Target, system+":incident-")
	if !ok || id == "" || id != a.IncidentID {
		return facts.Incident{}, fmt.Errorf("target %q is not %s:incident-%s: %w", a.Target, system, a.IncidentID, action.ErrPermanent)
	}
	inc, err := c.brief(ctx, id)
	if err != nil {
		return facts.Incident{}, fmt.Errorf("brief of incident %s: %w", id, err)
	}
	return inc, nil
}

// newEvent is the event for an action: deterministic id, responders as
// attendees, a Meet conference requested with the idempotency key.
func newEvent(req action.Request, inc facts.Incident, summary, description string, start, end time.Time) *calendar.Event {
	ev := &calendar.Event{
		Id:          EventID(req.IdempotencyKey),
		Summary:     summary,
		Description: description,
		Start:       &calendar.EventDateTime{DateTime: start.UTC().Format(time.RFC3339), TimeZone: "UTC"},
		End:         &calendar.EventDateTime{DateTime: end.UTC().Format(time.RFC3339), TimeZone: "UTC"},
		Attendees:   attendees(inc),
		ConferenceData: &calendar.ConferenceData{CreateRequest: &calendar.CreateConferenceRequest{
			RequestId:             req.IdempotencyKey,
			ConferenceSolutionKey: &calendar.ConferenceSolutionKey{Type: "hangoutsMeet"},
		}},
		ExtendedProperties: &calendar.EventExtendedProperties{Private: map[string]string{
			"warroom_incident": inc.ID, "warroom_action": req.Action.ID,
		}},
	}
	if strings.HasPrefix(inc.URL, "https://") || strings.HasPrefix(inc.URL, "http://") {
		ev.Source = &calendar.EventSource{Title: "WarRoom incident " + inc.ID, Url: inc.URL}
	}
	return ev
}

// attendees are the responders with an email, each once.
func attendees(inc facts.Incident) []*calendar.EventAttendee {
	var out []*calendar.EventAttendee
	var seen []string
	for _, p := range inc.Responders {
		e := strings.ToLower(strings.TrimSpace(p.Email))
		if e == "" || slices.Contains(seen, e) {
			continue
		}
		seen = append(seen, e)
		out = append(out, &calendar.EventAttendee{Email: p.Email, DisplayName: p.Name})
	}
	return out
}

// upsert inserts ev, or on 409 duplicate reads the event an earlier attempt
// inserted with the same id (reconciled is then true).
func (c *core) upsert(ctx context.Context, svc *calendar.Service, ev *calendar.Event) (got *calendar.Event, reconciled bool, err error) {
	got, err = c.call(ctx, "insert event", func() (*calendar.Event, error) {
		return svc.Events.Insert(c.opts.CalendarID, ev).ConferenceDataVersion(1).SendUpdates("all").Context(ctx).Do()
	})
	if status(err) != http.StatusConflict {
		return got, false, err
	}
	got, err = c.get(ctx, svc, ev.Id)
	if err != nil {
		return nil, false, err
	}
	if got.Status == "cancelled" {
		// Calendar keeps a deleted event's id: someone deleted this action's event.
		return nil, false, fmt.Errorf("event %s was deleted from the calendar; its id cannot be reused: %w", ev.Id, action.ErrPermanent)
	}
	return got, true, nil
}

func (c *core) get(ctx context.Context, svc *calendar.Service, id string) (*calendar.Event, error) {
	return c.call(ctx, "get event "+id, func() (*calendar.Event, error) {
		return svc.Events.Get(c.opts.CalendarID, id).Context(ctx).Do()
	})
}

// find reads the action's event; ok is false when no live event has its id.
func (c *core) find(ctx context.Context, svc *calendar.Service, id string) (*calendar.Event, bool, error) {
	ev, err := c.get(ctx, svc, id)
	switch {
	case status(err) == http.StatusNotFound || status(err) == http.StatusGone:
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case ev.Status == "cancelled":
		return nil, false, nil
	}
	return ev, true, nil
}

// awaitConference re-reads the event, a bounded number of times, while its
// Meet conference is still being created.
func (c *core) awaitConference(ctx context.Context, svc *calendar.Service, ev *calendar.Event) (*calendar.Event, error) {
	for i := 0; i < c.opts.PendingPolls && conferenceStatus(ev) == "pending"; i++ {
		if err := c.opts.Sleep(ctx, c.opts.PollInterval); err != nil {
			return nil, fmt.Errorf("waiting for the Meet conference: %w", err)
		}
		var err error
		if ev, err = c.get(ctx, svc, ev.Id); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// conferenceStatus is createRequest.status.statusCode: "success", "pending",
// "failure", or "" when the event has no conference request.
func conferenceStatus(ev *calendar.Event) string {
	cd := ev.ConferenceData
	if cd == nil || cd.CreateRequest == nil || cd.CreateRequest.Status == nil {
		if meetLink(ev) != "" {
			return "success"
		}
		return ""
	}
	return cd.CreateRequest.Status.StatusCode
}

// meetLink is the event's Meet URL: hangoutLink, else the video entry point.
func meetLink(ev *calendar.Event) string {
	if ev.HangoutLink != "" {
		return ev.HangoutLink
	}
	if ev.ConferenceData != nil {
		for _, ep := range ev.ConferenceData.EntryPoints {
			if ep.EntryPointType == "video" {
				return ep.Uri
			}
		}
	}
	return ""
}

// maxRateLimitTries bounds the in-call retries after a rate limit.
const maxRateLimitTries = 4

// call runs one API call, waiting out rate limits within MaxWait, and maps
// errors: 401 wraps action.ErrTokenExpired, other 4xx action.ErrPermanent,
// 5xx, quota and network errors stay retryable. The googleapi error stays
// wrapped so callers can read its status.
func (c *core) call(ctx context.Context, op string, f func() (*calendar.Event, error)) (*calendar.Event, error) {
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		ev, err := f()
		if err == nil {
			return ev, nil
		}
		var ge *googleapi.Error
		if !errors.As(err, &ge) {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		switch r := reason(ge); {
		case ge.Code == http.StatusUnauthorized:
			return nil, fmt.Errorf("%s: %w: %w", op, action.ErrTokenExpired, err)
		case ge.Code == http.StatusTooManyRequests || ge.Code == http.StatusForbidden && (r == "rateLimitExceeded" || r == "userRateLimitExceeded"):
			wait := retryAfter(ge.Header, c.opts.Now(), time.Second<<(attempt-1))
			if attempt >= maxRateLimitTries || waited+wait > c.opts.MaxWait {
				return nil, fmt.Errorf("%s: rate limited, retry after %s: %w", op, wait.Round(time.Second), err)
			}
			if err := c.opts.Sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("%s: waiting out rate limit: %w", op, err)
			}
			waited += wait
		case ge.Code == http.StatusForbidden && (r == "quotaExceeded" || r == "dailyLimitExceeded"):
			return nil, fmt.Errorf("%s: quota exhausted: %w", op, err) // later, not within this call
		case ge.Code >= 500 || ge.Code == http.StatusRequestTimeout:
			return nil, fmt.Errorf("%s: %w", op, err)
		default:
			return nil, fmt.Errorf("%s: %w: %w", op, action.ErrPermanent, err)
		}
	}
}

func reason(ge *googleapi.Error) string {
	if len(ge.Errors) > 0 {
		return ge.Errors[0].Reason
	}
	return ""
}

// status is the HTTP status of a Calendar error, 0 for none or a network error.
func status(err error) int {
	var ge *googleapi.Error
	if errors.As(err, &ge) {
		return ge.Code
	}
	return 0
}

// retryAfter honours a Retry-After header when Google sends one, else
// returns the exponential fallback.
func retryAfter(h http.Header, now time.Time, fallback time.Duration) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return fallback
}

func eventDetail(ev *calendar.Event, extra map[string]any) json.RawMessage {
	d := map[string]any{
		"event_id": ev.Id, "html_link": ev.HtmlLink, "hangout_link": meetLink(ev),
		"conference_status": conferenceStatus(ev),
	}
	if ev.Start != nil && ev.End != nil {
		d["start"], d["end"] = ev.Start.DateTime, ev.End.DateTime
	}
	var emails []string
	for _, a := range ev.Attendees {
		emails = append(emails, a.Email)
	}
	d["attendees"] = emails
	for k, v := range extra {
		d[k] = v
	}
	out, _ := json.Marshal(d)
	return out
}
