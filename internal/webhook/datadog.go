package webhook

import (
	"bytes"
	"encoding/json"
	"math"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/incident"
)

// ParseDatadog parses one Datadog Webhooks integration call into one alert.
//
// The body is JSON, or, when contentType is application/x-www-form-urlencoded
// (the integration's encode_as: form), one of: a "payload" form field holding
// the JSON; the whole JSON URL-encoded as the body; or the payload's top-level
// fields as form fields (field values that are JSON objects or arrays are
// decoded as such). A body that does not start with '{' is tried as a form
// whatever the content type.
//
// Datadog's default payload works:
//
//	{"body":"$EVENT_MSG","last_updated":"$LAST_UPDATED","event_type":"$EVENT_TYPE",
//	 "title":"$EVENT_TITLE","date":"$DATE","org":{"id":"$ORG_ID","name":"$ORG_NAME"},"id":"$ID"}
//
// but it carries no stable alert identity and no tags, so the fingerprint
// falls back to a hash of the title and the service is unknown. The
// recommended custom payload is:
//
//	{
//	  "id": "$ID",
//	  "title": "$EVENT_TITLE",
//	  "alert_title": "$ALERT_TITLE",
//	  "body": "$EVENT_MSG",
//	  "date": "$DATE",
//	  "last_updated": "$LAST_UPDATED",
//	  "event_type": "$EVENT_TYPE",
//	  "org": {"id": "$ORG_ID", "name": "$ORG_NAME"},
//	  "alert_id": "$ALERT_ID",
//	  "alert_scope": "$ALERT_SCOPE",
//	  "aggreg_key": "$AGGREG_KEY",
//	  "alert_cycle_key": "$ALERT_CYCLE_KEY",
//	  "alert_transition": "$ALERT_TRANSITION",
//	  "alert_type": "$ALERT_TYPE",
//	  "alert_status": "$ALERT_STATUS",
//	  "alert_metric": "$ALERT_METRIC",
//	  "alert_query": "$ALERT_QUERY",
//	  "priority": "$ALERT_PRIORITY",
//	  "hostname": "$HOSTNAME",
//	  "link": "$LINK",
//	  "snapshot": "$SNAPSHOT",
//	  "tags": "$TAGS"
//	}
//
// Mapping:
//   - Status is resolved when alert_transition is Recovered
//     (case-insensitive), alert_type is success, or a leading bracketed
//     group of title or alert_title starts with Recovered ("[Recovered] x",
//     "[P2] [Recovered on {host:a}] x"); otherwise firing.
//   - Fingerprint is aggreg_key; else alert_id (as "alert_id:alert_scope"
//     when alert_scope is set); else a hash of the title with leading
//     "[Triggered]", "[Recovered on {...}]", "[Warn]", "[P1]"... groups removed.
//   - Title is alert_title, else title, with those prefixes removed. One of
//     the two is required.
//   - StartsAt is date, else last_updated: epoch milliseconds as a number or
//     string (values below 1e11 are taken as epoch seconds), or RFC 3339.
//     For a resolved alert EndsAt is the same time.
//   - tags ("a:b,c:d" or ["a:b","c:d"]) become labels (a tag without ':'
//     gets an empty value; repeated keys get their sorted values joined with
//     ','); hostname becomes Labels["hostname"]. Service is the service tag
//     (or service_name, app, application, component). The triggering
//     group's scope (alert_scope, else the "{...}" of a "[Triggered on
//     {...}]" title group) adds the tags the tags field lacks.
//   - Severity is priority, else the severity tag, else alert_type (unless
//     success). Description is body (else text_only_msg or message) without
//     Datadog's %%% markdown fences. URL is link.
//   - The other Datadog fields present (event id, event_type, alert_id,
//     aggreg_key, alert_cycle_key, alert_transition, alert_type,
//     alert_status, alert_scope, alert_metric, alert_query, priority, org id
//     and name, snapshot) are kept in Annotations.
func ParseDatadog(body []byte, contentType string) ([]incident.Alert, error) {
	payload, path, err := datadogPayload(body, contentType)
	if err != nil {
		return nil, err
	}
	alerts, err := parseDatadog(payload, path)
	if err == nil {
		err = checkText(path, payload) // the payload is what Raw keeps
	}
	return checked(body, alerts, err)
}

func parseDatadog(payload []byte, path string) ([]incident.Alert, error) {
	o, err := decodeObject(payload, path)
	if err != nil {
		return nil, err
	}
	a := incident.Alert{
		Source:      SourceDatadog,
		Status:      incident.AlertFiring,
		Raw:         json.RawMessage(bytes.Clone(bytes.TrimSpace(payload))), // not aliasing the caller's buffer
		Annotations: map[string]string{},
	}

	// Simple scalar fields; each must be a string or a number when present.
	fields := map[string]string{}
	for _, name := range []string{
		"title", "alert_title", "body", "text_only_msg", "message", "id", "event_type",
		"alert_id", "alert_scope", "aggreg_key", "alert_cycle_key", "alert_transition",
		"alert_type", "alert_status", "alert_metric", "alert_query", "priority",
		"hostname", "link", "snapshot",
	} {
		v, _, err := o.scalar("", name)
		if err != nil {
			return nil, err
		}
		fields[name] = strings.TrimSpace(v)
	}

	if a.Labels, err = datadogTags(o); err != nil {
		return nil, err
	}
	if h := fields["hostname"]; h != "" {
		a.Labels["hostname"] = h
	}
	orgID, orgName, err := datadogOrg(o)
	if err != nil {
		return nil, err
	}

	title, alertTitle := fields["title"], fields["alert_title"]
	if title == "" && alertTitle == "" {
		return nil, malformed("title: missing (neither title nor alert_title is set)")
	}
	a.Title = firstNonBlank(stripDatadogPrefix(alertTitle), stripDatadogPrefix(title), alertTitle, title)

	if strings.EqualFold(fields["alert_transition"], "recovered") ||
		strings.EqualFold(fields["alert_type"], "success") ||
		titleSaysRecovered(title) || titleSaysRecovered(alertTitle) {
		a.Status = incident.AlertResolved
	}

	when, ok, err := datadogTime(o, "date")
	if err != nil {
		return nil, err
	}
	if !ok {
		if when, ok, err = datadogTime(o, "last_updated"); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, malformed("date: missing (and no last_updated)")
	}
	a.StartsAt = when
	if a.Status == incident.AlertResolved {
		a.EndsAt = when
	}

	switch {
	case fields["aggreg_key"] != "":
		a.Fingerprint = fields["aggreg_key"]
	case fields["alert_id"] != "" && fields["alert_scope"] != "":
		a.Fingerprint = fields["alert_id"] + ":" + fields["alert_scope"]
	case fields["alert_id"] != "":
		a.Fingerprint = fields["alert_id"]
	default:
		a.Fingerprint = hashParts(a.Title)
	}

	// A multi-alert monitor names the group that triggered ("env:prod,
	// service:x") in alert_scope and in the title's "[Triggered on {...}]";
	// a payload template without $TAGS carries the service only there.
	for k, v := range datadogScope(fields["alert_scope"], title, alertTitle) {
		if _, ok := a.Labels[k]; !ok {
			a.Labels[k] = v
		}
	}
	a.Service = serviceFromLabels(a.Labels)
	a.Severity = fields["priority"]
	if a.Severity == "" {
		a.Severity = strings.TrimSpace(a.Labels["severity"])
	}
	if a.Severity == "" && !strings.EqualFold(fields["alert_type"], "success") {
		a.Severity = fields["alert_type"]
	}
	a.Description = stripMarkdownFence(firstNonBlank(fields["body"], fields["text_only_msg"], fields["message"]))
	a.URL = fields["link"]

	for ann, field := range map[string]string{
		"event_id": "id", "event_type": "event_type", "alert_id": "alert_id",
		"alert_scope": "alert_scope", "aggreg_key": "aggreg_key",
		"alert_cycle_key": "alert_cycle_key", "alert_transition": "alert_transition",
		"alert_type": "alert_type", "alert_status": "alert_status",
		"alert_metric": "alert_metric", "alert_query": "alert_query",
		"priority": "priority", "snapshot": "snapshot",
	} {
		if v := fields[field]; v != "" {
			a.Annotations[ann] = v
		}
	}
	if orgID != "" {
		a.Annotations["org_id"] = orgID
	}
	if orgName != "" {
		a.Annotations["org_name"] = orgName
	}
	return []incident.Alert{a}, nil
}

// datadogPayload returns the JSON object text of a Datadog call and the path
// to name it by in errors.
func datadogPayload(body []byte, contentType string) ([]byte, string, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, "", malformed("body: empty")
	}
	looksJSON := trimmed[0] == '{' || trimmed[0] == '['
	mt := mediaType(contentType)
	isForm := mt == "application/x-www-form-urlencoded"
	switch {
	case looksJSON && (!isForm || json.Valid(trimmed)):
		return trimmed, "body", nil
	case isForm || mt != "application/json":
		return datadogForm(trimmed)
	default:
		return nil, "", malformed("body: not a JSON object")
	}
}

func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// datadogForm decodes an application/x-www-form-urlencoded Datadog body.
func datadogForm(body []byte) ([]byte, string, error) {
	vals, formErr := url.ParseQuery(string(body))
	if formErr == nil {
		if p, ok := vals["payload"]; ok && len(p) > 0 {
			return []byte(strings.TrimSpace(p[0])), "payload", nil
		}
	}
	if dec, err := url.QueryUnescape(string(body)); err == nil {
		if d := strings.TrimSpace(dec); strings.HasPrefix(d, "{") {
			return []byte(d), "body", nil
		}
	}
	if formErr != nil {
		return nil, "", malformed("body: neither JSON nor a valid form: %v", formErr)
	}
	if len(vals) == 0 {
		return nil, "", malformed("body: form has no fields")
	}
	obj := make(map[string]json.RawMessage, len(vals))
	for k, vs := range vals {
		if len(vs) == 0 {
			continue
		}
		// json.Marshal below would replace invalid UTF-8 silently.
		for _, t := range []string{k, vs[0]} {
			if err := incident.CheckText(t); err != nil {
				return nil, "", malformed("body: form field %q %v", k, err)
			}
		}
		v := strings.TrimSpace(vs[0])
		if (strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[")) && json.Valid([]byte(v)) {
			obj[k] = json.RawMessage(v)
			continue
		}
		enc, err := json.Marshal(vs[0])
		if err != nil {
			return nil, "", malformed("body: form field %q: %v", k, err)
		}
		obj[k] = enc
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, "", malformed("body: form fields: %v", err)
	}
	return data, "body", nil
}

// datadogTags turns tags ("a:b,c:d" or ["a:b","c:d"]) into labels.
func datadogTags(o jsonObject) (map[string]string, error) {
	labels := map[string]string{}
	if !o.has("tags") {
		return labels, nil
	}
	var items []string
	switch jsonKind(o["tags"]) {
	case '"':
		s, _, err := o.str("", "tags")
		if err != nil {
			return nil, err
		}
		items = strings.Split(s, ",")
	case '[':
		elems, _, err := o.array("", "tags")
		if err != nil {
			return nil, err
		}
		for i, e := range elems {
			if jsonKind(e) != '"' {
				return nil, malformed("tags[%d]: must be a string", i)
			}
			s, err := decodeString(e)
			if err != nil {
				return nil, malformed("tags[%d]: %v", i, err)
			}
			items = append(items, strings.Split(s, ",")...)
		}
	default:
		return nil, malformed("tags: must be a string or an array of strings")
	}
	values := map[string][]string{}
	for _, t := range items {
		k, v, _ := strings.Cut(strings.TrimSpace(t), ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "" {
			continue
		}
		if !slices.Contains(values[k], v) {
			values[k] = append(values[k], v)
		}
	}
	for k, vs := range values {
		slices.Sort(vs)
		labels[k] = strings.Join(vs, ",")
	}
	return labels, nil
}

// datadogOrg reads org {"id","name"}; a plain string is taken as the name.
func datadogOrg(o jsonObject) (id, name string, err error) {
	if !o.has("org") {
		return "", "", nil
	}
	switch jsonKind(o["org"]) {
	case '"':
		name, _, err = o.str("", "org")
		return "", strings.TrimSpace(name), err
	case '{':
		org, err := decodeObject(o["org"], "org")
		if err != nil {
			return "", "", err
		}
		if id, _, err = org.scalar("org", "id"); err != nil {
			return "", "", err
		}
		if name, _, err = org.scalar("org", "name"); err != nil {
			return "", "", err
		}
		return strings.TrimSpace(id), strings.TrimSpace(name), nil
	default:
		return "", "", malformed("org: must be an object")
	}
}

// datadogTime reads an epoch-milliseconds (number or string) or RFC 3339
// time. Absent, null or blank gives ok == false.
func datadogTime(o jsonObject, name string) (t time.Time, ok bool, err error) {
	s, _, err := o.scalar("", name)
	if err != nil {
		return time.Time{}, false, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		t, err := epochTime(name, n)
		return t, err == nil, err
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && isDecimal(s) {
		if math.IsNaN(f) || math.IsInf(f, 0) || f < 1 || f > 1e17 {
			return time.Time{}, false, malformed("%s: epoch time out of range: %q", name, s)
		}
		t, err := epochTime(name, int64(f))
		return t, err == nil, err
	}
	if t, err := parseRFC3339(name, s); err == nil && !t.IsZero() {
		return t, true, nil
	}
	return time.Time{}, false, malformed("%s: not epoch milliseconds or an RFC 3339 time: %q", name, s)
}

// isDecimal reports whether s is a plain decimal number such as 1.5e12
// (ParseFloat alone would also take "0x1p40", "Inf" and "NaN").
func isDecimal(s string) bool {
	return strings.Trim(s, "0123456789.eE+-") == "" && strings.ContainsAny(s, "0123456789")
}

// epochTime converts epoch milliseconds, or epoch seconds when n < 1e11
// (before 1973 in milliseconds, after year 5000 in seconds), to UTC.
func epochTime(name string, n int64) (time.Time, error) {
	if n <= 0 {
		return time.Time{}, malformed("%s: not a positive epoch time: %d", name, n)
	}
	var t time.Time
	if n < 1e11 {
		t = time.Unix(n, 0).UTC()
	} else {
		t = time.UnixMilli(n).UTC()
	}
	if t.After(maxTime) {
		return time.Time{}, malformed("%s: epoch time out of range: %d", name, n)
	}
	return t, nil
}

// datadogPrefixWords start the bracketed groups Datadog puts before event
// titles: "[Triggered]", "[Recovered on {host:a}]", "[Warn]", "[P2]"...
var datadogPrefixWords = []string{
	"triggered", "re-triggered", "retriggered", "recovered", "warn", "warning",
	"re-warn", "no data", "re-no data", "renotify", "re-notify", "p1", "p2", "p3", "p4", "p5",
}

// splitDatadogTitle splits the leading transition and priority groups off
// a title: "[P1] [Recovered on {host:a}] Disk full" gives
// ["p1", "recovered on {host:a}"] and "Disk full".
func splitDatadogTitle(title string) (groups []string, rest string) {
	t := strings.TrimSpace(title)
	for strings.HasPrefix(t, "[") {
		end := strings.IndexByte(t, ']')
		if end < 0 {
			break
		}
		inner := strings.ToLower(strings.TrimSpace(t[1:end]))
		known := false
		for _, w := range datadogPrefixWords {
			if inner == w || strings.HasPrefix(inner, w+" ") {
				known = true
				break
			}
		}
		if !known {
			break
		}
		groups = append(groups, inner)
		t = strings.TrimSpace(t[end+1:])
	}
	return groups, t
}

// datadogScope reads the key:value pairs of a monitor group's scope: the
// alert_scope field, else the braces of a leading "[Triggered on {...}]"
// (or Recovered, Warn...) group of either title. Pairs without a value
// (a bare tag, "!key" exclusions) are skipped.
func datadogScope(alertScope string, titles ...string) map[string]string {
	scope := strings.TrimSpace(alertScope)
	for _, t := range titles {
		if scope != "" {
			break
		}
		groups, _ := splitDatadogTitle(t)
		for _, g := range groups {
			open, end := strings.IndexByte(g, '{'), strings.LastIndexByte(g, '}')
			if open >= 0 && end > open {
				scope = g[open+1 : end]
				break
			}
		}
	}
	out := map[string]string{}
	for _, pair := range strings.Split(scope, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" || strings.HasPrefix(k, "!") {
			continue
		}
		if _, seen := out[k]; !seen {
			out[k] = v
		}
	}
	return out
}

// stripDatadogPrefix removes leading transition and priority groups.
func stripDatadogPrefix(title string) string {
	_, rest := splitDatadogTitle(title)
	return rest
}

// titleSaysRecovered reports whether a leading group is "[Recovered...]".
func titleSaysRecovered(title string) bool {
	groups, _ := splitDatadogTitle(title)
	for _, g := range groups {
		if strings.HasPrefix(g, "recovered") {
			return true
		}
	}
	return false
}

// stripMarkdownFence removes the %%% lines Datadog wraps markdown messages in.
func stripMarkdownFence(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "%%%")
	s = strings.TrimSuffix(s, "%%%")
	return strings.TrimSpace(s)
}
