package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/incident"
)

// ParseGeneric parses WarRoom's own webhook format, for any system that can
// POST JSON: a single alert object, or {"alerts": [ ... ]} with at least one
// alert object. (A body with a top-level "alerts" member is always read as
// the list form.)
//
// Alert fields; where a field has aliases, the first non-blank one wins:
//
//	starts_at | occurred_at | timestamp  required; RFC 3339 time the condition began
//	title | summary                      required; one-line summary
//	fingerprint | id | dedup_key         stable identity of the alert (string or number);
//	                                     default: a hash of service, title and labels
//	status       firing (also triggered, open, active, problem) or
//	             resolved (also closed, ok, recovered); case-insensitive; default firing
//	service      affected service; default: the labels service, service_name, app,
//	             application or component
//	description | message                longer text
//	severity     as the sender names it: critical, warning, P1... (string or number)
//	environment  copied to labels["environment"] (overriding a label of that name)
//	source       the sending system's name, copied to labels["source"] (likewise)
//	labels       object of string values that identify the alert
//	annotations  object of string values that describe it
//	ends_at | resolved_at                RFC 3339; ignored while firing
//	url | link   where to look
//
// Any other fields are allowed and ignored; they stay in the alert's raw JSON.
// Example:
//
//	{
//	  "id": "disk-full-db-1",
//	  "status": "firing",
//	  "title": "Disk 95% full on db-1",
//	  "description": "/var/lib/postgresql grew 20% in the last hour.",
//	  "service": "orders-db",
//	  "severity": "critical",
//	  "environment": "production",
//	  "source": "disk-watcher",
//	  "labels": {"host": "db-1", "team": "storage"},
//	  "annotations": {"runbook": "https://wiki.example.com/runbooks/disk"},
//	  "starts_at": "2026-03-01T12:00:00Z",
//	  "url": "https://monitor.example.com/checks/disk-full-db-1"
//	}
//
// Alert.Source is always "generic".
func ParseGeneric(body []byte) ([]incident.Alert, error) {
	alerts, err := parseGeneric(body)
	return checked(body, alerts, err)
}

func parseGeneric(body []byte) ([]incident.Alert, error) {
	top, err := decodeObject(body, "body")
	if err != nil {
		return nil, err
	}
	if _, ok := top["alerts"]; !ok {
		a, err := parseGenericAlert(top, json.RawMessage(bytes.Clone(bytes.TrimSpace(body))), "")
		if err != nil {
			return nil, err
		}
		return []incident.Alert{a}, nil
	}
	elems, ok, err := top.array("", "alerts")
	if err != nil {
		return nil, err
	}
	if !ok || len(elems) == 0 {
		return nil, malformed("alerts: empty")
	}
	out := make([]incident.Alert, 0, len(elems))
	for i, elem := range elems {
		path := fmt.Sprintf("alerts[%d]", i)
		o, err := decodeObject(elem, path)
		if err != nil {
			return nil, err
		}
		a, err := parseGenericAlert(o, elem, path)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func parseGenericAlert(o jsonObject, raw json.RawMessage, path string) (incident.Alert, error) {
	a := incident.Alert{Source: SourceGeneric, Raw: raw}
	var err error

	status, err := o.firstString(path, "status")
	if err != nil {
		return a, err
	}
	switch strings.ToLower(status) {
	case "", "firing", "triggered", "open", "active", "problem":
		a.Status = incident.AlertFiring
	case "resolved", "closed", "ok", "recovered":
		a.Status = incident.AlertResolved
	default:
		return a, malformed("%s: got %q, want firing, triggered, open, active, problem, resolved, closed, ok or recovered",
			fieldPath(path, "status"), status)
	}

	if a.Title, err = o.firstString(path, "title", "summary"); err != nil {
		return a, err
	}
	if a.Title == "" {
		return a, malformed("%s: missing (set title or summary)", fieldPath(path, "title"))
	}
	if a.Labels, err = o.stringMap(path, "labels"); err != nil {
		return a, err
	}
	if a.Annotations, err = o.stringMap(path, "annotations"); err != nil {
		return a, err
	}
	env, err := o.firstString(path, "environment")
	if err != nil {
		return a, err
	}
	if env != "" {
		a.Labels["environment"] = env
	}
	sender, err := o.firstString(path, "source")
	if err != nil {
		return a, err
	}
	if sender != "" {
		a.Labels["source"] = sender
	}

	if a.Service, err = o.firstString(path, "service"); err != nil {
		return a, err
	}
	if a.Service == "" {
		a.Service = serviceFromLabels(a.Labels)
	}
	if a.Description, err = o.firstString(path, "description", "message"); err != nil {
		return a, err
	}
	if a.Severity, err = o.firstScalar(path, "severity"); err != nil {
		return a, err
	}
	if a.URL, err = o.firstString(path, "url", "link"); err != nil {
		return a, err
	}

	starts, startsName, err := firstTimeField(o, path, "starts_at", "occurred_at", "timestamp")
	if err != nil {
		return a, err
	}
	if startsName == "" {
		return a, malformed("%s: missing (set starts_at, occurred_at or timestamp)", fieldPath(path, "starts_at"))
	}
	if a.StartsAt, err = parseRFC3339(fieldPath(path, startsName), starts); err != nil {
		return a, err
	}
	if a.StartsAt.IsZero() {
		return a, malformed("%s: zero time", fieldPath(path, startsName))
	}
	ends, endsName, err := firstTimeField(o, path, "ends_at", "resolved_at")
	if err != nil {
		return a, err
	}
	if endsName != "" {
		t, err := parseRFC3339(fieldPath(path, endsName), ends)
		if err != nil {
			return a, err
		}
		if a.Status == incident.AlertResolved {
			a.EndsAt = t
		}
	}

	if a.Fingerprint, err = o.firstScalar(path, "fingerprint", "id", "dedup_key"); err != nil {
		return a, err
	}
	if a.Fingerprint == "" {
		a.Fingerprint = hashParts(append([]string{a.Service, a.Title}, sortedPairs(a.Labels)...)...)
	}
	return a, nil
}

// firstTimeField returns the first non-blank string among the alias names
// and which name it came from ("" when none is set).
func firstTimeField(o jsonObject, path string, names ...string) (value, name string, err error) {
	for _, n := range names {
		v, _, err := o.str(path, n)
		if err != nil {
			return "", "", err
		}
		if name == "" && strings.TrimSpace(v) != "" {
			value, name = v, n
		}
	}
	return value, name, nil
}
