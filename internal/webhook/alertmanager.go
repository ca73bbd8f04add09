package webhook

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/incident"
)

// Source names set on parsed alerts.
const (
	SourceAlertmanager = "alertmanager"
	SourceGrafana      = "grafana"
	SourceDatadog      = "datadog"
	SourceGeneric      = "generic"
)

// groupFormat describes one of the two Alertmanager-shaped webhooks.
type groupFormat struct {
	source  string // Alert.Source
	name    string // for messages
	version string // required value of "version"
	other   string // the other format's version, for a hint
	grafana bool
}

var (
	alertmanagerFormat = groupFormat{source: SourceAlertmanager, name: "Alertmanager", version: "4", other: "1"}
	grafanaFormat      = groupFormat{source: SourceGrafana, name: "Grafana", version: "1", other: "4", grafana: true}
)

// ParseAlertmanager parses a Prometheus Alertmanager webhook (version "4")
// into one alert per element of "alerts".
//
// Per alert: status must be firing or resolved, startsAt an RFC 3339 time;
// labels and annotations are objects of strings. commonLabels fill in labels
// an alert lacks. Service comes from the labels service, service_name, app,
// application or component; Title from annotations summary, else the
// alertname label; Description from annotations description (or message);
// Severity from the severity label; URL is generatorURL. Fingerprint is the
// alert's fingerprint, else LabelsFingerprint of its labels. EndsAt is zero
// while firing and when the source sends 0001-01-01T00:00:00Z. Group is the
// notification's groupKey.
func ParseAlertmanager(body []byte) ([]incident.Alert, error) {
	alerts, err := parseAlertGroup(body, alertmanagerFormat)
	return checked(body, alerts, err)
}

// ParseGrafana parses a Grafana Alerting webhook contact point payload: the
// Alertmanager shape with version "1" and a numeric orgId, and per alert the
// extra fields values, dashboardURL, silenceURL, panelURL and imageURL. It
// maps fields as ParseAlertmanager does; URL is the alert's generatorURL and
// a dashboardURL is kept in Annotations["dashboard_url"].
func ParseGrafana(body []byte) ([]incident.Alert, error) {
	alerts, err := parseAlertGroup(body, grafanaFormat)
	return checked(body, alerts, err)
}

func parseAlertGroup(body []byte, f groupFormat) ([]incident.Alert, error) {
	top, err := decodeObject(body, "body")
	if err != nil {
		return nil, err
	}
	if !top.has("version") {
		return nil, malformed("version: missing (a %s webhook has version %q)", f.name, f.version)
	}
	version, _, err := top.str("", "version")
	if err != nil {
		return nil, err
	}
	if version != f.version {
		hint := ""
		if version == f.other {
			hint = fmt.Sprintf("; version %q is the other Alertmanager-shaped format, check the source's URL", version)
		}
		return nil, malformed("version: got %q, a %s webhook has %q%s", version, f.name, f.version, hint)
	}
	if f.grafana && top.has("orgId") && !isNumberStart(jsonKind(top["orgId"])) {
		return nil, malformed("orgId: must be a number")
	}
	common, err := top.stringMap("", "commonLabels")
	if err != nil {
		return nil, err
	}
	group, _, err := top.str("", "groupKey")
	if err != nil {
		return nil, err
	}
	elems, ok, err := top.array("", "alerts")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("alerts: missing")
	}
	if len(elems) == 0 {
		return nil, malformed("alerts: empty")
	}
	out := make([]incident.Alert, 0, len(elems))
	for i, elem := range elems {
		a, err := parseGroupAlert(elem, fmt.Sprintf("alerts[%d]", i), common, f)
		if err != nil {
			return nil, err
		}
		a.Group = strings.TrimSpace(group)
		out = append(out, a)
	}
	return out, nil
}

func parseGroupAlert(raw json.RawMessage, path string, common map[string]string, f groupFormat) (incident.Alert, error) {
	o, err := decodeObject(raw, path)
	if err != nil {
		return incident.Alert{}, err
	}
	a := incident.Alert{Source: f.source, Raw: raw}

	status, ok, err := o.str(path, "status")
	if err != nil {
		return a, err
	}
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "firing":
		a.Status = incident.AlertFiring
	case "resolved":
		a.Status = incident.AlertResolved
	default:
		if !ok {
			return a, malformed("%s: missing", fieldPath(path, "status"))
		}
		return a, malformed("%s: got %q, want firing or resolved", fieldPath(path, "status"), status)
	}

	if a.Labels, err = o.stringMap(path, "labels"); err != nil {
		return a, err
	}
	for k, v := range common {
		if _, ok := a.Labels[k]; !ok {
			a.Labels[k] = v
		}
	}
	if a.Annotations, err = o.stringMap(path, "annotations"); err != nil {
		return a, err
	}

	starts, ok, err := o.str(path, "startsAt")
	if err != nil {
		return a, err
	}
	if !ok {
		return a, malformed("%s: missing", fieldPath(path, "startsAt"))
	}
	if a.StartsAt, err = parseRFC3339(fieldPath(path, "startsAt"), starts); err != nil {
		return a, err
	}
	if a.StartsAt.IsZero() {
		return a, malformed("%s: zero time", fieldPath(path, "startsAt"))
	}
	ends, ok, err := o.str(path, "endsAt")
	if err != nil {
		return a, err
	}
	if ok && strings.TrimSpace(ends) != "" {
		t, err := parseRFC3339(fieldPath(path, "endsAt"), ends)
		if err != nil {
			return a, err
		}
		if a.Status == incident.AlertResolved {
			a.EndsAt = t // zero when the source sent 0001-01-01T00:00:00Z
		}
	}

	if a.URL, _, err = o.str(path, "generatorURL"); err != nil {
		return a, err
	}
	if f.grafana {
		dash, _, err := o.str(path, "dashboardURL")
		if err != nil {
			return a, err
		}
		if dash != "" {
			a.Annotations["dashboard_url"] = dash
		}
	}

	fp, _, err := o.str(path, "fingerprint")
	if err != nil {
		return a, err
	}
	a.Fingerprint = strings.TrimSpace(fp)
	if a.Fingerprint == "" {
		if len(a.Labels) == 0 {
			return a, malformed("%s: neither fingerprint nor labels, cannot identify the alert", path)
		}
		a.Fingerprint = LabelsFingerprint(a.Labels)
	}

	a.Service = serviceFromLabels(a.Labels)
	a.Severity = strings.TrimSpace(a.Labels["severity"])
	a.Description = firstNonBlank(a.Annotations["description"], a.Annotations["message"])
	a.Title = firstNonBlank(a.Annotations["summary"], a.Labels["alertname"])
	if a.Title == "" {
		a.Title = fmt.Sprintf("%s alert without summary or alertname", f.name)
	}
	return a, nil
}

// firstNonBlank returns the first argument that is not blank, trimmed.
func firstNonBlank(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
