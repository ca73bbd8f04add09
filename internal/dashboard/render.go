package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/briefing"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/web"
)

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"ts": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format("2006-01-02 15:04:05Z")
		},
		"short": func(s string) string {
			if len(s) > 12 {
				return s[:12]
			}
			return s
		},
		"join":  strings.Join,
		"chart": chartSVG,
		"strip": stripSVG,
		// clock is a time of day for the timeline (the full time is its datetime).
		"clock": func(t time.Time) string { return t.UTC().Format("15:04:05Z") },
		// clockIn is a time of day in the time's own zone.
		"clockIn": func(t time.Time) string { return t.Format("2006-01-02 15:04 MST") },
		"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"first":   func(n int, s []string) []string { return s[:min(n, len(s))] },
		// cardData gives an approval card what its forms need beside the card.
		"cardData": func(c approvalCard, csrf, viewer string) cardView {
			return cardView{Card: c, CSRF: csrf, Viewer: viewer}
		},
	}
}

type cardView struct {
	Card   approvalCard
	CSRF   string
	Viewer string
}

// layoutData is what every page's layout needs.
type layoutData struct {
	Title    string
	Nav      string
	Viewer   viewer
	Enroller bool
	Body     any
}

func (d *Dashboard) render(w http.ResponseWriter, r *http.Request, status int, page, nav, title string, v viewer, body any) {
	var buf bytes.Buffer
	if err := d.pages[page].ExecuteTemplate(&buf, "layout", layoutData{Title: title, Nav: nav, Viewer: v, Enroller: d.opts.Enroller != nil, Body: body}); err != nil {
		d.log.ErrorContext(r.Context(), "dashboard: render", "page", page, "error", err.Error())
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (d *Dashboard) fragment(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := d.frag.ExecuteTemplate(&buf, name, data); err != nil {
		d.log.ErrorContext(r.Context(), "dashboard: render fragment", "fragment", name, "error", err.Error())
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	Status  int
	Heading string
	Message string
	Back    string
}

func (d *Dashboard) renderError(w http.ResponseWriter, r *http.Request, v viewer, status int, heading, message string) {
	back := "/"
	switch id := r.PathValue("id"); {
	case id == "":
	case strings.HasPrefix(r.URL.Path, "/incidents/"):
		back = "/incidents/" + url.PathEscape(id)
	case strings.HasPrefix(r.URL.Path, "/approvals/"):
		// Back to the incident the approval belongs to, if there is one.
		if ap, err := d.st.GetApproval(r.Context(), id); err == nil {
			back = "/incidents/" + url.PathEscape(ap.IncidentID)
		}
	}
	d.render(w, r, status, "error", "", heading, v, errorPage{Status: status, Heading: heading, Message: message, Back: back})
}

// fail maps a domain or store error to a page, with fixed wording: an error's
// own text may name internals and is only logged.
func (d *Dashboard) fail(w http.ResponseWriter, r *http.Request, v viewer, err error) {
	c, expected := web.ClassifyError(err)
	if !expected {
		d.log.ErrorContext(r.Context(), "dashboard request failed", "path", r.URL.Path, "error", err.Error())
	}
	if c.RetryAfter != "" {
		w.Header().Set("Retry-After", c.RetryAfter)
	}
	d.renderError(w, r, v, c.Status, c.Heading, c.Message)
}

// --- timeline items ---

// item is one timeline event as shown: a title, short fields, free text,
// labelled JSON blocks and gate verdicts.
type item struct {
	Seq     int64
	Type    string
	Class   string // css: the actor type
	At      time.Time
	Actor   incident.Actor
	Title   string
	Fields  []field
	Text    string
	Kind    string  // the timeline filter it belongs to (briefing.Kind)
	Blocks  []block // shown
	Hidden  []block // behind the item's disclosure
	Gates   []audit.GateResult
	IsError bool
}

type field struct{ Name, Value string }

type block struct {
	Label string
	Note  string
	Body  string
	Class string
}

// eventTypes are the types the activity stream names, for the page script.
var eventTypes = []incident.EventType{
	incident.EventCreated, incident.EventStatusChanged, incident.EventSeverityChanged, incident.EventNote,
	incident.EventAlert, incident.EventAlertResolved, incident.EventReport, incident.EventResolutionProposed,
	incident.EventReasoning, incident.EventToolCall, incident.EventSummary, incident.EventTriaged,
	incident.EventActionProposed, incident.EventApprovalRequested, incident.EventApprovalDecided,
	incident.EventActionExecuting, incident.EventActionReconciled, incident.EventActionSucceeded,
	incident.EventActionFailed, incident.EventReauthRequested, incident.EventApprovalEscalated, incident.EventStepUpRequested,
}

func eventTypeList() string {
	s := make([]string, len(eventTypes))
	for i, t := range eventTypes {
		s[i] = string(t)
	}
	return strings.Join(s, " ")
}

// refreshes says whether an event changes the approvals and actions panel.
func refreshes(t incident.EventType) bool {
	s := string(t)
	return strings.HasPrefix(s, "action.") || strings.HasPrefix(s, "approval.") || t == incident.EventReauthRequested ||
		t == incident.EventStepUpRequested || t == incident.EventStatusChanged || t == incident.EventSeverityChanged ||
		// the summary above the fold reads these
		t == incident.EventTriaged || t == incident.EventSummary || t == incident.EventToolCall ||
		t == incident.EventAlert || t == incident.EventAlertResolved
}

// textKeys are free-text fields shown as paragraphs, not as fields.
var textKeys = []string{"reasoning", "summary", "text", "reason", "message", "why"}

// sensitiveKeys are never shown, whatever event carries them: events are not
// supposed to hold credentials or challenge state, and this makes sure.
var sensitiveKeys = map[string]bool{
	"state": true, "token": true, "access_token": true, "refresh_token": true, "id_token": true,
	"auth_req_id": true, "secret": true, "client_secret": true, "password": true, "authorization": true,
	"challenge": true, "ciphertext": true, "nonce": true, "otpauth_url": true,
}

// redact replaces sensitive keys' values, at any depth.
func redact(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if sensitiveKeys[strings.ToLower(k)] {
				x[k] = "[redacted]"
				continue
			}
			x[k] = redact(val)
		}
	case []any:
		for i := range x {
			x[i] = redact(x[i])
		}
	}
	return v
}

func decodeData(raw json.RawMessage) map[string]any {
	m := map[string]any{}
	if len(raw) == 0 {
		return m
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return map[string]any{"data": "(unreadable)"}
	}
	redact(m)
	return m
}

func pretty(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return fmt.Sprint(x), true
	case nil:
		return "", true
	}
	return "", false
}

// toItem turns an event into what the timeline shows: a sentence, with the
// event's data behind a disclosure. A tool call's arguments from the model
// and what WarRoom injected stay in view, apart (invariant 1).
func toItem(ev incident.Event) item {
	it := item{Seq: ev.Seq, Type: string(ev.Type), Class: string(ev.Actor.Type), Kind: string(briefing.KindOf(ev)), At: ev.At,
		Actor: ev.Actor, Title: briefing.Sentence(ev)}
	data := decodeData(ev.Data)
	take := func(k string) (any, bool) {
		v, ok := data[k]
		delete(data, k)
		return v, ok
	}
	switch ev.Type {
	case incident.EventToolCall:
		take("tool")
		if args, ok := take("args"); ok {
			it.Blocks = append(it.Blocks, block{Label: "args", Note: "from the model", Body: pretty(args), Class: "args"})
		}
		if inj, ok := take("injected"); ok {
			it.Blocks = append(it.Blocks, block{Label: "injected", Note: "added by WarRoom, never by the model", Body: pretty(inj), Class: "injected"})
		}
		if res, ok := take("result"); ok {
			it.Hidden = append(it.Hidden, block{Label: "result", Body: truncate(pretty(res), 4000), Class: "result"})
		}
		if e, ok := take("is_error"); ok && e == true {
			it.IsError = true
		}
	case incident.EventReasoning:
		raw, _ := take("calls")
		if calls, ok := raw.([]any); ok {
			for _, c := range calls {
				m, _ := c.(map[string]any)
				it.Hidden = append(it.Hidden, block{Label: fmt.Sprintf("plans to call %v", m["name"]), Body: pretty(m["args"]), Class: "args"})
			}
		}
	case incident.EventActionSucceeded, incident.EventActionFailed, incident.EventActionReconciled:
		raw, _ := take("result")
		if res, ok := raw.(map[string]any); ok {
			if det, ok := res["detail"]; ok && det != nil {
				it.Hidden = append(it.Hidden, block{Label: "result", Body: truncate(pretty(det), 4000), Class: "result"})
			}
		}
		it.IsError = ev.Type == incident.EventActionFailed
	case incident.EventAlert, incident.EventAlertResolved:
		if alerts, ok := take("alerts"); ok {
			it.Hidden = append(it.Hidden, block{Label: "alerts", Body: truncate(pretty(alerts), 4000)})
		}
	case incident.EventReport:
		take("text") // the sentence quotes it
	}
	if g, ok := take("gates"); ok {
		b, _ := json.Marshal(g)
		_ = json.Unmarshal(b, &it.Gates)
	}
	for _, k := range textKeys {
		if v, ok := data[k].(string); ok && v != "" {
			delete(data, k)
			if it.Text != "" {
				it.Text += "\n"
			}
			it.Text += v
		}
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if s, ok := scalar(data[k]); ok {
			if s != "" {
				it.Fields = append(it.Fields, field{k, s})
			}
			continue
		}
		it.Hidden = append(it.Hidden, block{Label: k, Body: truncate(pretty(data[k]), 4000)})
	}
	return it
}

// entry is one line of the initial timeline: an event, or a run of
// related events collapsed into one line that opens to show them.
type entry struct {
	Item    item
	Group   []item
	Summary string // the collapsed line's sentence
	Kind    string // the filter the group belongs to
}

// inRound reports whether an event is part of the agent's own work, which
// reads as one step when it comes in a run: its reasoning, tool calls, and
// the proposals and approval requests those calls opened.
func inRound(t string) bool {
	switch incident.EventType(t) {
	case incident.EventReasoning, incident.EventToolCall, incident.EventActionProposed,
		incident.EventApprovalRequested, incident.EventStepUpRequested:
		return true
	}
	return false
}

// entries collapses runs of the agent's work (three or more events in a row).
func entries(items []item) []entry {
	var out []entry
	for i := 0; i < len(items); {
		j := i + 1
		for inRound(items[i].Type) && j < len(items) && inRound(items[j].Type) {
			j++
		}
		if !inRound(items[i].Type) || j-i < 3 {
			for _, it := range items[i:j] {
				out = append(out, entry{Item: it})
			}
			i = j
			continue
		}
		proposed := 0
		for _, it := range items[i:j] {
			if it.Type == string(incident.EventActionProposed) {
				proposed++
			}
		}
		e := entry{Group: items[i:j], Kind: string(briefing.KindAgent), Summary: fmt.Sprintf("The agent worked through %d steps", j-i)}
		if proposed > 0 {
			e.Summary += fmt.Sprintf(" and proposed %d action%s", proposed, map[bool]string{true: "", false: "s"}[proposed == 1])
		}
		out = append(out, e)
		i = j
	}
	return out
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "\n… (truncated)"
}

// targetSystem is the prefix of a "system:resource" target.
func targetSystem(target string) string {
	sys, _, _ := strings.Cut(target, ":")
	return sys
}

// --- stream frames ---

// frameCache keeps rendered SSE frames: events never change, and one
// rendering serves every viewer of an incident.
type frameCache struct {
	mu    sync.Mutex
	max   int
	items map[frameKey][]byte
	order []frameKey
}

type frameKey struct {
	incident string
	seq      int64
}

func newFrameCache(n int) *frameCache {
	return &frameCache{max: n, items: map[frameKey][]byte{}}
}

func (c *frameCache) get(k frameKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.items[k]
	return b, ok
}

func (c *frameCache) put(k frameKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[k] = b
	c.order = append(c.order, k)
}

// streamEvent is an SSE frame's data.
type streamEvent struct {
	Seq     int64          `json:"seq"`
	Type    string         `json:"type"`
	At      time.Time      `json:"at"`
	Actor   incident.Actor `json:"actor"`
	Data    map[string]any `json:"data"`
	HTML    string         `json:"html"`
	Refresh bool           `json:"refresh,omitempty"`
}

// frame renders ev as "id: <seq>\nevent: <type>\ndata: <json>\n\n".
func (d *Dashboard) frame(ev incident.Event) ([]byte, error) {
	k := frameKey{ev.IncidentID, ev.Seq}
	if b, ok := d.frames.get(k); ok {
		return b, nil
	}
	var html bytes.Buffer
	if err := d.frag.ExecuteTemplate(&html, "item", toItem(ev)); err != nil {
		return nil, fmt.Errorf("render event %d: %w", ev.Seq, err)
	}
	data, err := json.Marshal(streamEvent{Seq: ev.Seq, Type: string(ev.Type), At: ev.At, Actor: ev.Actor,
		Data: decodeData(ev.Data), HTML: html.String(), Refresh: refreshes(ev.Type)})
	if err != nil {
		return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, ev.Type, data)
	d.frames.put(k, b.Bytes())
	return b.Bytes(), nil
}
