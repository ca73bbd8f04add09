// Package logs reads log lines from Loki's HTTP API (GET
// /loki/api/v1/query_range) with its own small client: net/http and
// encoding/json, no Loki code. Responses are bounded in bytes, requests in
// time, and every result carries the LogQL that produced it.
package logs

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/httpapi"
)

// Defaults of Config's bounds.
const (
	DefaultTimeout  = httpapi.DefaultTimeout
	DefaultLimit    = 1000
	DefaultMaxBytes = httpapi.DefaultMaxBytes
	maxMsg          = 4096
	maxAttrs        = 20
)

// ErrTooLarge is returned when a response body exceeds Config.MaxBytes.
var ErrTooLarge = httpapi.ErrTooLarge

// Config says where Loki is and how to talk to it. Credentials are passed
// in by the caller and sent only as headers, never logged or put in errors.
type Config struct {
	// URL is Loki's root, e.g. https://loki.example:3100 (the client
	// appends /loki/api/v1/...).
	URL string
	// BearerToken, or Username and Password for basic auth (optional).
	BearerToken        string
	Username, Password string
	// TenantID is sent as X-Scope-OrgID when set (multi-tenant Loki).
	TenantID string
	// Headers are sent with every request.
	Headers map[string]string
	// ServiceLabel is the stream label naming a service
	// ("" = telemetry.DefaultLogServiceLabel); LevelLabel the stream label
	// holding the level, when streams carry one ("" = "level").
	ServiceLabel, LevelLabel string
	// Timeout bounds each request (0 = DefaultTimeout).
	Timeout time.Duration
	// Limit is the lines ServiceErrors asks for per request
	// (0 = DefaultLimit); MaxBytes bounds each response body
	// (0 = DefaultMaxBytes).
	Limit    int
	MaxBytes int64
	// Transport sends the requests (nil = http.DefaultTransport).
	Transport http.RoundTripper
}

// Client queries one Loki.
type Client struct {
	cfg  Config
	conn *httpapi.Conn
}

var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// New checks cfg and returns a client; it makes no request.
func New(cfg Config) (*Client, error) {
	conn, err := httpapi.New(httpapi.Config{
		URL:       cfg.URL,
		Auth:      httpapi.Auth{Headers: cfg.Headers, TenantID: cfg.TenantID, BearerToken: cfg.BearerToken, Username: cfg.Username, Password: cfg.Password},
		Timeout:   cfg.Timeout,
		MaxBytes:  cfg.MaxBytes,
		Transport: cfg.Transport,
		APIError:  apiError,
	})
	if err != nil {
		return nil, fmt.Errorf("logs: %w", err)
	}
	cfg.ServiceLabel = cmp.Or(cfg.ServiceLabel, telemetry.DefaultLogServiceLabel)
	cfg.LevelLabel = cmp.Or(cfg.LevelLabel, "level")
	for _, l := range []string{cfg.ServiceLabel, cfg.LevelLabel} {
		if !labelName.MatchString(l) {
			return nil, fmt.Errorf("logs: %q is not a Loki label name", l)
		}
	}
	cfg.Limit = httpapi.OrDefault(cfg.Limit, DefaultLimit)
	return &Client{cfg: cfg, conn: conn}, nil
}

// APIError is an answer other than success. Loki answers a bad query with
// a plain-text body (e.g. "parse error at line 1, col 5: syntax error:
// unexpected IDENTIFIER") and a 4xx status; Message holds that text, or
// the error field of a JSON body when a gateway sends one. Its Backend is
// "loki".
type APIError = httpapi.APIError

// Entry is one log line.
type Entry struct {
	TS   time.Time `json:"ts"`
	Line string    `json:"line"`
	// Metadata is the entry's structured metadata and parsed labels, when
	// Loki sends them apart from the stream's labels.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Stream is the lines of one label set.
type Stream struct {
	Labels  map[string]string `json:"labels"`
	Entries []Entry           `json:"entries"`
}

// Result is what one query_range request returned.
type Result struct {
	Query     string    `json:"query"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Limit     int       `json:"limit"`
	Direction string    `json:"direction"`
	Streams   []Stream  `json:"streams"`
	Lines     int       `json:"lines"`
	// Truncated: Loki returned as many lines as the limit, so there may
	// be more.
	Truncated bool `json:"truncated,omitempty"`
}

// QueryRange runs a LogQL log query over [start, end) and returns at most
// limit lines, newest first (Loki's default direction). A metric query is
// refused: its result is a matrix, not lines.
func (c *Client) QueryRange(ctx context.Context, logql string, start, end time.Time, limit int) (Result, error) {
	return c.queryRange(ctx, logql, start, end, limit, "backward")
}

func (c *Client) queryRange(ctx context.Context, logql string, start, end time.Time, limit int, dir string) (Result, error) {
	res := Result{Query: logql, Start: start, End: end, Limit: limit, Direction: dir}
	if err := httpapi.CheckRange(start, end); err != nil {
		return res, fmt.Errorf("logs: %w", err)
	}
	if limit <= 0 {
		limit = c.cfg.Limit
		res.Limit = limit
	}
	q := httpapi.Query("query", logql, "start", strconv.FormatInt(start.UnixNano(), 10), "end", strconv.FormatInt(end.UnixNano(), 10),
		"limit", strconv.Itoa(limit), "direction", dir)
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string          `json:"resultType"`
			Result     json.RawMessage `json:"result"`
		} `json:"data"`
	}
	if _, err := c.conn.GetJSON(ctx, "/loki/api/v1/query_range", q, &body); err != nil {
		return res, fmt.Errorf("logs: query_range %q: %w", logql, err)
	}
	if body.Status != "success" {
		return res, fmt.Errorf("logs: query_range %q: %w", logql, &APIError{Backend: "loki", StatusCode: http.StatusOK, Message: "status " + body.Status + ": " + body.Error})
	}
	if body.Data.ResultType != "streams" {
		return res, fmt.Errorf("logs: query_range %q: result type %q: a metric query returns no lines", logql, body.Data.ResultType)
	}
	var raw []struct {
		Stream map[string]string   `json:"stream"`
		Values [][]json.RawMessage `json:"values"`
	}
	if err := json.Unmarshal(body.Data.Result, &raw); err != nil {
		return res, fmt.Errorf("logs: query_range %q: decode streams: %w", logql, err)
	}
	for _, r := range raw {
		s := Stream{Labels: r.Stream}
		for _, v := range r.Values {
			e, err := entry(v)
			if err != nil {
				return res, fmt.Errorf("logs: query_range %q: %w", logql, err)
			}
			s.Entries = append(s.Entries, e)
		}
		res.Lines += len(s.Entries)
		res.Streams = append(res.Streams, s)
	}
	res.Truncated = res.Lines >= limit
	return res, nil
}

// entry decodes ["<unix ns>", "<line>"] or, from Loki 3 with categorized
// labels, ["<unix ns>", "<line>", {"structuredMetadata": {...}, "parsed":
// {...}}]; a flat object as third element is read as metadata too.
func entry(v []json.RawMessage) (Entry, error) {
	if len(v) < 2 {
		return Entry{}, fmt.Errorf("entry with %d elements", len(v))
	}
	var tsStr, line string
	if err := json.Unmarshal(v[0], &tsStr); err != nil {
		return Entry{}, fmt.Errorf("entry timestamp: %w", err)
	}
	ns, err := strconv.ParseInt(tsStr, 10, 64)
	if err != nil {
		return Entry{}, fmt.Errorf("entry timestamp %q: %w", tsStr, err)
	}
	if err := json.Unmarshal(v[1], &line); err != nil {
		return Entry{}, fmt.Errorf("entry line: %w", err)
	}
	e := Entry{TS: time.Unix(0, ns).UTC(), Line: line}
	if len(v) > 2 {
		var cat struct {
			StructuredMetadata map[string]string `json:"structuredMetadata"`
			Parsed             map[string]string `json:"parsed"`
		}
		if json.Unmarshal(v[2], &cat) == nil && (cat.StructuredMetadata != nil || cat.Parsed != nil) {
			e.Metadata = map[string]string{}
			for k, x := range cat.StructuredMetadata {
				e.Metadata[k] = x
			}
			for k, x := range cat.Parsed {
				e.Metadata[k] = x
			}
		} else {
			var flat map[string]string
			if json.Unmarshal(v[2], &flat) == nil && len(flat) > 0 {
				e.Metadata = flat
			}
		}
	}
	return e, nil
}

func apiError(status int, body []byte) error {
	return &APIError{Backend: "loki", StatusCode: status, Message: errorMessage(body)}
}

// errorMessage is the text of an error body: Loki's plain text, or the
// message of a JSON error a gateway or proxy sends.
func errorMessage(b []byte) string {
	var j struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(b, &j) == nil {
		if j.Error != "" {
			return j.Error
		}
		if j.Message != "" {
			return j.Message
		}
	}
	return httpapi.Text(b)
}

// Records are a service's warning and error lines.
type Records struct {
	// Queries are the LogQL queries run, in order.
	Queries []string              `json:"queries"`
	Records []telemetry.LogRecord `json:"records"`
	// Truncated: a query had more lines than two requests of Limit lines
	// (oldest first and newest first) could hold, so lines between them
	// are missing.
	Truncated bool `json:"truncated,omitempty"`
}

const levelsRe = `warn|warning|error|err|fatal|critical|crit|panic|alert|emerg|emergency`

// ServiceErrors reads the service's WARN, ERROR and FATAL lines in
// [start, end) with two queries, because stacks put the level in one of
// two places:
//
//   - a stream label: {<service label>="svc", <level label>=~"(?i)warn|error|..."};
//   - the line itself: {<service label>="svc"} |~ "..." matching a level,
//     lvl or severity field in a JSON or logfmt line (level=error,
//     "level":"ERROR") or an upper-case level word in plain text (ERROR).
//
// Each query is read oldest first and, when that hits Limit, newest first
// too, so the onset and the latest lines are both seen. Lines found by
// both queries count once. Each line's level comes from the stream label,
// else the structured metadata (detected_level), else the line; lines
// below WARN are dropped. A JSON or logfmt line's msg (or message) field
// becomes the record's Msg and its other scalar fields Attrs, with the
// stream's other labels; trace_id (traceID, traceId) becomes TraceID.
func (c *Client) ServiceErrors(ctx context.Context, service string, start, end time.Time) (Records, error) {
	sel := fmt.Sprintf("%s=%s", c.cfg.ServiceLabel, strconv.Quote(service))
	queries := []string{
		fmt.Sprintf("{%s, %s=~%s}", sel, c.cfg.LevelLabel, strconv.Quote("(?i)("+levelsRe+")")),
		fmt.Sprintf("{%s} |~ %s", sel, strconv.Quote(`(?i:(level|lvl|severity)"?\s*[=:]\s*"?(`+levelsRe+`)\b)|\b(WARN|WARNING|ERROR|FATAL|CRITICAL|PANIC)\b`)),
	}
	out := Records{Queries: queries}
	seen := map[string]bool{}
	for _, q := range queries {
		fwd, err := c.queryRange(ctx, q, start, end, c.cfg.Limit, "forward")
		if err != nil {
			return out, err
		}
		results := []Result{fwd}
		if fwd.Truncated {
			back, err := c.queryRange(ctx, q, start, end, c.cfg.Limit, "backward")
			if err != nil {
				return out, err
			}
			results = append(results, back)
			if newest(fwd).Before(oldest(back)) {
				out.Truncated = true
			}
		}
		for _, r := range results {
			for _, s := range r.Streams {
				key := labelKey(s.Labels)
				for _, e := range s.Entries {
					k := key + "\x00" + strconv.FormatInt(e.TS.UnixNano(), 10) + "\x00" + e.Line
					if seen[k] {
						continue
					}
					seen[k] = true
					if rec, ok := c.record(service, s.Labels, e); ok {
						out.Records = append(out.Records, rec)
					}
				}
			}
		}
	}
	sort.SliceStable(out.Records, func(i, j int) bool { return out.Records[i].TS.Before(out.Records[j].TS) })
	return out, nil
}

func newest(r Result) time.Time {
	var t time.Time
	for _, s := range r.Streams {
		for _, e := range s.Entries {
			if e.TS.After(t) {
				t = e.TS
			}
		}
	}
	return t
}

func oldest(r Result) time.Time {
	var t time.Time
	for _, s := range r.Streams {
		for _, e := range s.Entries {
			if t.IsZero() || e.TS.Before(t) {
				t = e.TS
			}
		}
	}
	return t
}

func labelKey(l map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(l)) {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.Quote(l[k]))
		b.WriteByte(',')
	}
	return b.String()
}

// record turns a line into a LogRecord, false when it is below WARN.
func (c *Client) record(service string, labels map[string]string, e Entry) (telemetry.LogRecord, bool) {
	rec := telemetry.LogRecord{TS: e.TS, Service: service, Msg: e.Line}
	if s := labels[c.cfg.ServiceLabel]; s != "" {
		rec.Service = s
	}
	fields, msg := parseLine(e.Line)
	if msg != "" {
		rec.Msg = msg
	}
	level := labels[c.cfg.LevelLabel]
	if level == "" {
		level = e.Metadata["detected_level"]
	}
	if level == "" {
		level = firstOf(fields, "level", "lvl", "severity")
	}
	if level == "" && fields == nil {
		level = plainLevel.FindString(e.Line)
	}
	rec.Level = Level(level)
	if rank(rec.Level) < rank(telemetry.LevelWarn) {
		return rec, false
	}
	rec.TraceID = firstOf(fields, "trace_id", "traceID", "traceId", "traceid")
	if rec.TraceID == "" {
		rec.TraceID = firstOf(e.Metadata, "trace_id", "traceID", "traceId")
	}
	attrs := map[string]any{}
	add := func(k string, v any) {
		if len(attrs) < maxAttrs && k != c.cfg.ServiceLabel && k != c.cfg.LevelLabel {
			attrs[k] = v
		}
	}
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		add(k, labels[k])
	}
	for _, k := range slices.Sorted(maps.Keys(e.Metadata)) {
		add(k, e.Metadata[k])
	}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		switch k {
		case "msg", "message", "level", "lvl", "severity", "trace_id", "traceID", "traceId", "traceid", "ts", "time", "timestamp", "@timestamp":
			continue
		}
		add(k, fields[k])
	}
	if len(attrs) > 0 {
		rec.Attrs = attrs
	}
	if r := []rune(rec.Msg); len(r) > maxMsg {
		rec.Msg = string(r[:maxMsg])
	}
	return rec, true
}

var plainLevel = regexp.MustCompile(`\b(WARN|WARNING|ERROR|FATAL|CRITICAL|PANIC)\b`)

func firstOf(m map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := m[k]; v != "" {
			return v
		}
	}
	return ""
}

// Level maps a level as stacks spell it onto telemetry's five levels; an
// empty or unknown level is INFO.
func Level(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "TRACE", "DEBUG", "DBG":
		return telemetry.LevelDebug
	case "WARN", "WARNING":
		return telemetry.LevelWarn
	case "ERROR", "ERR":
		return telemetry.LevelError
	case "FATAL", "CRITICAL", "CRIT", "PANIC", "ALERT", "EMERG", "EMERGENCY":
		return telemetry.LevelFatal
	}
	return telemetry.LevelInfo
}

func rank(level string) int {
	switch level {
	case telemetry.LevelDebug:
		return 0
	case telemetry.LevelWarn:
		return 2
	case telemetry.LevelError:
		return 3
	case telemetry.LevelFatal:
		return 4
	}
	return 1
}

// parseLine reads a JSON object or a logfmt line into fields, with its
// message; nil fields for anything else.
func parseLine(line string) (map[string]string, string) {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "{") {
		var obj map[string]any
		if json.Unmarshal([]byte(t), &obj) == nil {
			fields := map[string]string{}
			for k, v := range obj {
				switch x := v.(type) {
				case string:
					fields[k] = x
				case float64:
					fields[k] = strconv.FormatFloat(x, 'f', -1, 64)
				case bool:
					fields[k] = strconv.FormatBool(x)
				}
			}
			return fields, firstOf(fields, "msg", "message")
		}
	}
	// One pair alone is logfmt only when it is the message: "a=b" may as
	// well be prose.
	if fields := logfmt(t); len(fields) >= 2 || firstOf(fields, "msg", "message") != "" {
		return fields, firstOf(fields, "msg", "message")
	}
	return nil, ""
}

// logfmt reads key=value pairs, values bare or double-quoted with Go
// escapes; a line with a word that is not a pair is not logfmt.
func logfmt(s string) map[string]string {
	out := map[string]string{}
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			break
		}
		eq := strings.IndexByte(s, '=')
		sp := strings.IndexAny(s, " \t")
		if eq <= 0 || (sp >= 0 && sp < eq) {
			return nil
		}
		key := s[:eq]
		s = s[eq+1:]
		var val string
		if strings.HasPrefix(s, `"`) {
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++ // skip the escaped byte
				}
				end++
			}
			if end >= len(s) {
				return nil
			}
			v, err := strconv.Unquote(s[:end+1])
			if err != nil {
				return nil
			}
			val, s = v, s[end+1:]
		} else {
			sp := strings.IndexAny(s, " \t")
			if sp < 0 {
				sp = len(s)
			}
			val, s = s[:sp], s[sp:]
		}
		out[key] = val
	}
	return out
}
