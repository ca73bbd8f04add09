// Package zoom opens an incident's Zoom meeting as the approving engineer
// (the meeting_bridge action with provider "zoom"), and holds Bridge, the
// meeting_bridge executor that chooses between Zoom and Google Meet.
//
// Zoom has no official Go client, so this is net/http and JSON with the
// approver's bearer token. Zoom has no idempotency key either: the meeting's
// agenda carries a marker with the action's idempotency key, and both Execute
// and Reconcile list the user's meetings for that marker before creating one,
// so a retry after a lost response finds the earlier meeting instead of
// opening a second bridge. The meeting is scheduled (type 2) starting now
// rather than instant (type 1) because only scheduled meetings are listed.
package zoom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/ratelimit"
)

// DefaultBaseURL is Zoom's API root.
const DefaultBaseURL = "https://api.zoom.us/v2"

// Provider is the credential provider name the executor asks the broker for.
const Provider = "zoom"

// Scopes are the granular scopes the approver's token needs: creating the
// meeting, and listing meetings to find an earlier attempt's.
var Scopes = []string{"meeting:write:meeting", "meeting:read:list_meetings"}

// Options configures an Executor; zero values get defaults.
type Options struct {
	// BaseURL is the API root ("" = DefaultBaseURL; a fake's is srv.URL+"/v2").
	BaseURL string
	// HTTPClient sends the requests (nil = a client with a 30 s timeout).
	HTTPClient *http.Client
	// Duration is the meeting's scheduled length (0 = one hour).
	Duration time.Duration
	// MaxWait bounds the time one call spends waiting out 429s before it
	// gives up with a retryable error (0 = 20 s, under the engine's step timeout).
	MaxWait time.Duration
	// MaxPages bounds the pages of meetings read to find an earlier attempt (0 = 10, 300 meetings each).
	MaxPages int
	Now      func() time.Time
	// Sleep waits d or until ctx ends (nil = a timer); tests record the waits instead.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o *Options) defaults() {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Duration <= 0 {
		o.Duration = time.Hour
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 20 * time.Second
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 10
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = ratelimit.Sleep
	}
}

// Executor creates Zoom meetings for meeting_bridge actions.
type Executor struct {
	brief facts.Source
	opts  Options
}

var _ action.CredentialedExecutor = (*Executor)(nil)

// New returns the Zoom meeting executor; src resolves the incident's facts.
func New(src facts.Source, opts Options) *Executor {
	opts.defaults()
	return &Executor{brief: src, opts: opts}
}

// Credential asks for the approver's Zoom token.
func (e *Executor) Credential(incident.Action) (string, []string) {
	return Provider, slices.Clone(Scopes)
}

// Meeting is the part of a Zoom meeting the executor reports. The host's
// start_url is deliberately absent: it starts the meeting as the approver.
type Meeting struct {
	ID        int64  `json:"id"`
	Topic     string `json:"topic"`
	Type      int    `json:"type"`
	StartTime string `json:"start_time,omitempty"`
	Duration  int    `json:"duration"`
	Agenda    string `json:"agenda,omitempty"`
	JoinURL   string `json:"join_url"`
}

// Marker is the text a meeting's agenda carries to tie it to an action.
func Marker(idempotencyKey string) string { return "(ref " + idempotencyKey + ")" }

// Execute returns the action's meeting, creating it unless an earlier attempt did.
func (e *Executor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	inc, err := e.prepare(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	if m, ok, err := e.find(ctx, req); err != nil {
		return action.Result{}, err
	} else if ok {
		return result(inc, m, true), nil
	}
	m, err := e.create(ctx, req, inc)
	if err != nil {
		return action.Result{}, err
	}
	return result(inc, m, false), nil
}

// Reconcile reports the meeting an earlier attempt created, if any.
func (e *Executor) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	inc, err := e.prepare(ctx, req)
	if err != nil {
		return action.Result{}, false, err
	}
	m, ok, err := e.find(ctx, req)
	if err != nil || !ok {
		return action.Result{}, false, err
	}
	return result(inc, m, true), true, nil
}

// prepare checks the params and the target and resolves the incident.
func (e *Executor) prepare(ctx context.Context, req action.Request) (facts.Incident, error) {
	var p struct {
		Provider string `json:"provider"`
	}
	if len(req.Action.Params) > 0 {
		if err := json.Unmarshal(req.Action.Params, &p); err != nil {
			return facts.Incident{}, fmt.Errorf("meeting_bridge params: %v: %w", err, action.ErrPermanent)
		}
	}
	if p.Provider != "" && p.Provider != "zoom" {
		return facts.Incident{}, fmt.Errorf("zoom executor asked for provider %q: %w", p.Provider, action.ErrPermanent)
	}
	if req.IdempotencyKey == "" {
		return facts.Incident{}, fmt.Errorf("meeting_bridge: no idempotency key: %w", action.ErrPermanent)
	}
	id, err := IncidentTarget(req.Action, "meeting")
	if err != nil {
		return facts.Incident{}, err
	}
	inc, err := e.brief(ctx, id)
	if err != nil {
		return facts.Incident{}, fmt.Errorf("brief of incident %s: %w", id, err)
	}
	return inc, nil
}

// IncidentTarget checks that the action's target is "<system>:incident-<id>"
// for the action's own incident and returns the id: the executor acts on
// exactly the resource the approval and the gates judged.
func IncidentTarget(a incident.Action, system string) (string, error) {
	id, ok := strings.CutPrefix(a.Target, system+":incident-")
	if !ok || id == "" || id != a.IncidentID {
		return "", fmt.Errorf("target %q is not %s:incident-%s: %w", a.Target, system, a.IncidentID, action.ErrPermanent)
	}
	return id, nil
}

// find pages through the user's scheduled meetings for the action's marker.
func (e *Executor) find(ctx context.Context, req action.Request) (Meeting, bool, error) {
	marker := Marker(req.IdempotencyKey)
	token := ""
	for range e.opts.MaxPages {
		q := url.Values{"type": {"scheduled"}, "page_size": {"300"}}
		if token != "" {
			q.Set("next_page_token", token)
		}
		var page struct {
			NextPageToken string    `json:"next_page_token"`
			Meetings      []Meeting `json:"meetings"`
		}
		if err := e.do(ctx, req.Token, http.MethodGet, "/users/me/meetings?"+q.Encode(), nil, &page); err != nil {
			return Meeting{}, false, fmt.Errorf("list zoom meetings: %w", err)
		}
		for _, m := range page.Meetings {
			if strings.Contains(m.Agenda, marker) {
				return m, true, nil
			}
		}
		if page.NextPageToken == "" {
			return Meeting{}, false, nil
		}
		token = page.NextPageToken
	}
	// Not found within the bound: creating now could duplicate an older
	// attempt's meeting on a later page, so fail rather than guess.
	return Meeting{}, false, fmt.Errorf("list zoom meetings: more than %d pages, earlier attempt not ruled out", e.opts.MaxPages)
}

func (e *Executor) create(ctx context.Context, req action.Request, inc facts.Incident) (Meeting, error) {
	topic := inc.Title
	if topic == "" {
		topic = "Incident " + inc.ID
	}
	if inc.Severity != "" {
		topic = "[" + inc.Severity + "] " + topic
	}
	agenda := fmt.Sprintf("Incident bridge for WarRoom incident %s: %s", inc.ID, inc.Title)
	if inc.Service != "" {
		agenda += "\nService: " + inc.Service
	}
	if inc.URL != "" {
		agenda += "\n" + inc.URL
	}
	marker := Marker(req.IdempotencyKey)
	body := map[string]any{
		"topic":      facts.Truncate(topic, 200),
		"type":       2,
		"start_time": e.opts.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"duration":   int(e.opts.Duration / time.Minute),
		"timezone":   "UTC",
		// The marker goes last but is never cut: it is how a retry finds this meeting.
		"agenda": facts.Truncate(agenda, 2000-len([]rune(marker))-1) + "\n" + marker,
		// Responders join at once; an incident bridge must not wait for its host.
		"settings": map[string]any{"join_before_host": true, "jbh_time": 0, "waiting_room": false},
	}
	var m Meeting
	if err := e.do(ctx, req.Token, http.MethodPost, "/users/me/meetings", body, &m); err != nil {
		return Meeting{}, fmt.Errorf("create zoom meeting: %w", err)
	}
	return m, nil
}

func result(inc facts.Incident, m Meeting, reconciled bool) action.Result {
	detail, _ := json.Marshal(map[string]any{
		"provider": "zoom", "meeting_id": m.ID, "topic": m.Topic, "join_url": m.JoinURL,
		"start_time": m.StartTime, "duration": m.Duration, "reconciled": reconciled,
	})
	verb := "Opened"
	if reconciled {
		verb = "Found"
	}
	return action.Result{
		Summary: fmt.Sprintf("%s Zoom meeting %d for incident %s: %s", verb, m.ID, inc.ID, m.JoinURL),
		Detail:  detail,
	}
}

// APIError is a Zoom error response: the HTTP status and Zoom's {code, message}.
type APIError struct {
	Status  int
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *APIError) Error() string {
	return fmt.Sprintf("zoom: HTTP %d code %d: %s", e.Status, e.Code, e.Message)
}

// maxRateLimitTries bounds the in-call retries after a 429.
const maxRateLimitTries = 4

// do sends one API call, waiting out rate limits within MaxWait. Errors wrap
// action.ErrTokenExpired (401), action.ErrPermanent (other 3xx/4xx) or
// nothing (5xx, network: retryable).
func (e *Executor) do(ctx context.Context, token action.Secret, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, e.opts.BaseURL+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token.Reveal())
		req.Header.Set("Accept", "application/json")
		if in != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := e.opts.HTTPClient.Do(req)
		if err != nil {
			return fmt.Errorf("%s %s: %w", method, redactQuery(path), err)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("%s %s: read response: %w", method, redactQuery(path), err)
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if out == nil {
				return nil
			}
			if err := json.Unmarshal(data, out); err != nil {
				return fmt.Errorf("%s %s: decode response: %w", method, redactQuery(path), err)
			}
			return nil
		}
		apiErr := &APIError{Status: resp.StatusCode}
		if json.Unmarshal(data, apiErr) != nil || apiErr.Message == "" {
			apiErr.Message = strings.TrimSpace(string(data[:min(len(data), 200)]))
		}
		switch {
		case resp.StatusCode == http.StatusUnauthorized:
			return fmt.Errorf("%w: %w", action.ErrTokenExpired, apiErr)
		case resp.StatusCode == http.StatusTooManyRequests:
			wait := retryAfter(resp.Header, e.opts.Now(), time.Second<<(attempt-1))
			if attempt >= maxRateLimitTries || waited+wait > e.opts.MaxWait {
				return fmt.Errorf("rate limited, retry after %s: %w", wait.Round(time.Second), apiErr)
			}
			if err := e.opts.Sleep(ctx, wait); err != nil {
				return fmt.Errorf("waiting out zoom rate limit: %w", err)
			}
			waited += wait
		case resp.StatusCode >= 500:
			return apiErr
		default:
			return fmt.Errorf("%w: %w", action.ErrPermanent, apiErr)
		}
	}
}

// retryAfter reads Retry-After as seconds, an HTTP date or RFC 3339 (Zoom
// sends a timestamp for its daily limits), else returns fallback.
func retryAfter(h http.Header, now time.Time, fallback time.Duration) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return fallback
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	for _, parse := range []func(string) (time.Time, error){http.ParseTime, func(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }} {
		if t, err := parse(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	return fallback
}

// redactQuery drops the query (page tokens) from a path shown in errors.
func redactQuery(p string) string {
	p, _, _ = strings.Cut(p, "?")
	return p
}
