// Package pagerduty pages an incident's responders (the page_responders
// action) by triggering a PagerDuty alert through the Events API v2, with
// github.com/PagerDuty/go-pagerduty pointed at a configurable endpoint.
//
// It is not a credentialed executor: the Events API authenticates with the
// service's integration (routing) key, configured per service, not with a
// person's token. The approving engineer is named in the alert's details.
//
// Idempotency is PagerDuty's own: dedup_key is the action's idempotency key,
// and PagerDuty folds a trigger whose dedup_key matches an open alert into
// that alert. So re-sending is safe and Reconcile has nothing to ask: it
// reports "not done" and the retry re-sends. The one gap is an alert resolved
// between the lost response and the retry; the retry then opens a new alert.
package pagerduty

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	pd "github.com/PagerDuty/go-pagerduty"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
	"github.com/warroom/warroom/internal/provider/ratelimit"
)

// DefaultEndpoint is the Events API v2 root.
const DefaultEndpoint = "https://events.pagerduty.com"

// Options configures the Executor; zero values get defaults.
type Options struct {
	// Endpoint is the Events API root ("" = DefaultEndpoint; a fake's is its URL).
	Endpoint string
	// HTTPClient sends the events (nil = a client with a 30 s timeout).
	HTTPClient *http.Client
	// RoutingKey returns the integration key of a service's PagerDuty
	// service, "" when it has none (required).
	RoutingKey func(service string) string
	// People resolves a roster handle, for naming the approver (optional;
	// the incident's responders are searched otherwise).
	People func(handle string) (facts.Person, bool)
	// Source is the alert's payload.source ("" = "warroom").
	Source string
	// MaxWait bounds the time one call spends waiting out 429s before it
	// gives up with a retryable error (0 = 20 s).
	MaxWait time.Duration
	Now     func() time.Time
	// Sleep waits d or until ctx ends (nil = a timer); tests record the waits instead.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o *Options) defaults() {
	if o.Endpoint == "" {
		o.Endpoint = DefaultEndpoint
	}
	o.Endpoint = strings.TrimRight(o.Endpoint, "/")
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Source == "" {
		o.Source = "warroom"
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 20 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = ratelimit.Sleep
	}
}

// Executor triggers PagerDuty alerts for page_responders actions.
type Executor struct {
	brief facts.Source
	opts  Options
}

var _ action.Executor = (*Executor)(nil)

// New returns the page_responders executor; src resolves the incident's facts.
func New(src facts.Source, opts Options) *Executor {
	opts.defaults()
	return &Executor{brief: src, opts: opts}
}

// Params are page_responders' params (see agent.ActionTools).
type Params struct {
	Message string `json:"message"`
	Urgency string `json:"urgency"`
}

// Severity is the alert severity for an incident severity and the approved
// urgency: P1 critical, P2 error, P3 (or unknown) warning; urgency "high"
// raises it to at least error and "low" lowers it to at most warning,
// because PagerDuty services commonly derive urgency from severity
// (critical and error page as high urgency).
func Severity(incidentSeverity, urgency string) string {
	sev := map[string]string{"P1": "critical", "P2": "error", "P3": "warning"}[strings.ToUpper(incidentSeverity)]
	if sev == "" {
		sev = "warning"
	}
	switch {
	case urgency == "high" && sev == "warning":
		return "error"
	case urgency == "low" && (sev == "critical" || sev == "error"):
		return "warning"
	}
	return sev
}

// Execute triggers the alert. Retrying it is safe: see the package comment.
func (e *Executor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	var p Params
	if err := json.Unmarshal(req.Action.Params, &p); err != nil {
		return action.Result{}, fmt.Errorf("page_responders params: %v: %w", err, action.ErrPermanent)
	}
	p.Message = strings.TrimSpace(p.Message)
	switch {
	case p.Message == "" || len([]rune(p.Message)) > 1024:
		return action.Result{}, fmt.Errorf("page_responders: message must have 1 to 1024 characters: %w", action.ErrPermanent)
	case p.Urgency != "high" && p.Urgency != "low":
		return action.Result{}, fmt.Errorf("page_responders: urgency %q: want high or low: %w", p.Urgency, action.ErrPermanent)
	case req.IdempotencyKey == "" || len(req.IdempotencyKey) > 255:
		return action.Result{}, fmt.Errorf("page_responders: idempotency key must have 1 to 255 characters to serve as dedup_key: %w", action.ErrPermanent)
	}
	a := req.Action
	id, ok := strings.CutPrefix(a.Target, "pagerduty:incident-")
	if !ok || id == "" || id != a.IncidentID {
		return action.Result{}, fmt.Errorf("target %q is not pagerduty:incident-%s: %w", a.Target, a.IncidentID, action.ErrPermanent)
	}
	inc, err := e.brief(ctx, id)
	if err != nil {
		return action.Result{}, fmt.Errorf("brief of incident %s: %w", id, err)
	}
	var key string
	if e.opts.RoutingKey != nil {
		key = e.opts.RoutingKey(inc.Service)
	}
	if key == "" {
		return action.Result{}, fmt.Errorf("no PagerDuty routing key for service %q: %w", inc.Service, action.ErrPermanent)
	}

	sev := Severity(inc.Severity, p.Urgency)
	ev := e.event(req, inc, p, key, sev)
	resp, err := e.send(ctx, ev, key)
	if err != nil {
		return action.Result{}, err
	}
	dedup := resp.DedupKey
	if dedup == "" {
		dedup = ev.DedupKey
	}
	detail, _ := json.Marshal(map[string]any{
		"dedup_key": dedup, "status": resp.Status, "message": resp.Message, "service": inc.Service,
		"severity": sev, "urgency": p.Urgency, "responders": handles(inc.Responders),
	})
	return action.Result{
		Summary: fmt.Sprintf("Triggered PagerDuty alert for incident %s on service %s (severity %s, dedup key %s)", inc.ID, inc.Service, sev, dedup),
		Detail:  detail,
	}, nil
}

// Reconcile has nothing to ask PagerDuty: re-sending with the same dedup_key
// is the reconciliation, so it always reports not done.
func (e *Executor) Reconcile(context.Context, action.Request) (action.Result, bool, error) {
	return action.Result{}, false, nil
}

func (e *Executor) event(req action.Request, inc facts.Incident, p Params, key, sev string) *pd.V2Event {
	type person struct {
		Handle string `json:"handle"`
		Name   string `json:"name,omitempty"`
		Email  string `json:"email,omitempty"`
	}
	var responders []person
	for _, r := range inc.Responders {
		responders = append(responders, person{r.Handle, r.Name, r.Email})
	}
	approver := e.person(req.RunAs, inc)
	details := map[string]any{
		"incident_id": inc.ID, "title": inc.Title, "service": inc.Service, "incident_severity": inc.Severity,
		"urgency": p.Urgency, "message": p.Message, "responders": responders,
		"approved_by": person{approver.Handle, approver.Name, approver.Email},
	}
	if inc.URL != "" {
		details["incident_url"] = inc.URL
	}
	summary := p.Message
	if inc.Title != "" {
		summary = inc.Title + ": " + summary
	}
	if inc.Severity != "" {
		summary = "[" + inc.Severity + "] " + summary
	}
	ev := &pd.V2Event{
		RoutingKey: key,
		Action:     "trigger",
		DedupKey:   req.IdempotencyKey,
		Client:     "WarRoom",
		Payload: &pd.V2Payload{
			Summary: facts.Truncate(summary, 1024), Source: e.opts.Source, Severity: sev,
			Timestamp: e.opts.Now().UTC().Format(time.RFC3339), Component: inc.Service,
			Group: "incident-" + inc.ID, Class: "incident", Details: details,
		},
	}
	if inc.URL != "" {
		ev.ClientURL = inc.URL
		ev.Links = []any{map[string]string{"href": inc.URL, "text": "WarRoom incident " + inc.ID}}
	}
	return ev
}

// person resolves the approver for the alert's details.
func (e *Executor) person(handle string, inc facts.Incident) facts.Person {
	if e.opts.People != nil {
		if p, ok := e.opts.People(handle); ok {
			return p
		}
	}
	for _, r := range inc.Responders {
		if r.Handle == handle {
			return r
		}
	}
	return facts.Person{Handle: handle}
}

// maxRateLimitTries bounds the in-call retries after a 429.
const maxRateLimitTries = 4

// send enqueues ev, waiting out throttling within MaxWait. 400 and other
// 4xx are permanent (with PagerDuty's errors list), 5xx and network errors
// retryable.
func (e *Executor) send(ctx context.Context, ev *pd.V2Event, key string) (*pd.V2EventResponse, error) {
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		// A client per attempt: the capture belongs to this request alone.
		cp := &capture{base: e.opts.HTTPClient}
		c := pd.NewClient("", pd.WithV2EventsAPIEndpoint(e.opts.Endpoint))
		c.HTTPClient = cp
		resp, err := c.ManageEventWithContext(ctx, ev)
		if err == nil {
			return resp, nil
		}
		if cp.status == 0 {
			return nil, fmt.Errorf("send pagerduty event: %s", redact(err.Error(), key))
		}
		var body pd.V2EventResponse
		_ = json.Unmarshal(cp.body, &body)
		apiErr := &APIError{Status: cp.status, State: body.Status, Message: redact(body.Message, key), Errors: body.Errors}
		for i := range apiErr.Errors {
			apiErr.Errors[i] = redact(apiErr.Errors[i], key)
		}
		switch {
		case cp.status == http.StatusTooManyRequests:
			wait := retryAfter(cp.header, e.opts.Now(), time.Second<<(attempt-1))
			if attempt >= maxRateLimitTries || waited+wait > e.opts.MaxWait {
				return nil, fmt.Errorf("pagerduty throttled, retry after %s: %w", wait.Round(time.Second), apiErr)
			}
			if err := e.opts.Sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("waiting out pagerduty throttling: %w", err)
			}
			waited += wait
		case cp.status >= 500 || cp.status == http.StatusRequestTimeout:
			return nil, apiErr
		default:
			return nil, fmt.Errorf("%w: %w", action.ErrPermanent, apiErr)
		}
	}
}

// APIError is an Events API rejection.
type APIError struct {
	Status  int
	State   string // PagerDuty's "status", e.g. "invalid event"
	Message string
	Errors  []string
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("pagerduty: HTTP %d", e.Status)
	if e.State != "" {
		s += " " + e.State
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if len(e.Errors) > 0 {
		s += " (" + strings.Join(e.Errors, "; ") + ")"
	}
	return s
}

// capture keeps the status, headers and error body of the response, which
// go-pagerduty's error for the Events API does not expose (it parses REST
// API error bodies, and drops Retry-After).
type capture struct {
	base   *http.Client
	status int
	header http.Header
	body   []byte
}

func (c *capture) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.base.Do(r)
	if err != nil {
		return nil, err
	}
	c.status, c.header = resp.StatusCode, resp.Header
	if resp.StatusCode >= 300 {
		c.body, _ = io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(c.body))
	}
	return resp, nil
}

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

// redact hides the routing key, should a message ever echo it.
func redact(s, key string) string {
	if key == "" {
		return s
	}
	return strings.ReplaceAll(s, key, "[REDACTED]")
}

func handles(ps []facts.Person) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Handle)
	}
	return out
}
