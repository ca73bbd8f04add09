package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/analyze"
	"github.com/warroom/warroom/internal/telemetry/collect"
	"github.com/warroom/warroom/internal/telemetry/metrics"
)

// Bounds on what a telemetry tool hands a reasoner: summaries, not dumps.
const (
	maxToolSeries   = 20
	maxToolPoints   = 30 // per series, evenly thinned
	maxToolPatterns = 15
	maxToolFaults   = 8
	maxToolFlags    = 50
	maxDeployRepos  = 5
)

// errNoBackend answers a telemetry tool whose backend is not configured, so
// the reasoner says it did not look rather than that nothing was wrong.
var errNoBackend = errors.New("not configured")

// serviceArg is a service name a reasoner may ask about; the pattern keeps
// it a name, whatever query language it is placed into.
const serviceArg = `"service":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$"}`

// telemetryWindow is the stretch of time the telemetry tools read: around
// the incident's first alert.
func (d AssessDeps) telemetryWindow(ctx context.Context, incidentID string) (incident.Incident, time.Time, time.Duration, time.Duration, error) {
	inc, err := d.Store.GetIncident(ctx, incidentID)
	if err != nil {
		return inc, time.Time{}, 0, 0, err
	}
	start, err := incidentStart(ctx, d.Store, inc)
	if err != nil {
		return inc, time.Time{}, 0, 0, err
	}
	before, after := d.Telemetry.Before, d.Telemetry.After
	if before <= 0 {
		before = collect.DefaultBefore
	}
	if after <= 0 {
		after = collect.DefaultAfter
	}
	return inc, start, before, after, nil
}

// Investigation is what investigate_telemetry returns.
type Investigation struct {
	collect.Result
	Deploys []analyze.Deploy `json:"deploys_considered,omitempty"`
}

// InvestigateTelemetry reads every configured backend around the incident
// for its service and the team's other services, with the deploys of their
// repositories, and states the findings: onset, first failing service,
// blast radius, fault signature, and where each deploy and flag change sits.
func InvestigateTelemetry(ctx context.Context, d AssessDeps, inj Injected) (Investigation, error) {
	inc, start, before, after, err := d.telemetryWindow(ctx, inj.IncidentID)
	if err != nil {
		return Investigation{}, err
	}
	var related []string
	for _, s := range d.Team.Services {
		if s.Name != inc.Service {
			related = append(related, s.Name)
		}
	}
	deploys, derr := d.serviceDeploys(ctx, start.Add(-24*time.Hour), start.Add(after))
	res := d.Telemetry.Sources.Collect(ctx, collect.Request{Service: inc.Service, Related: related, AlertAt: start,
		Before: before, After: after, Deploys: deploys})
	if derr != nil {
		res.Errors = append(res.Errors, "deploys: "+derr.Error())
	}
	return Investigation{Result: res, Deploys: deploys}, nil
}

// serviceDeploys are the deploys of the team's repositories in [since,
// until], one per service shipped: a deploy that names its service ships
// that one, one that names none ships every service of the repository.
func (d AssessDeps) serviceDeploys(ctx context.Context, since, until time.Time) ([]analyze.Deploy, error) {
	if d.GitHub == nil {
		return nil, nil
	}
	byRepo := map[string][]string{}
	var repos []string
	for _, s := range d.Team.Services {
		if s.Repo == "" {
			continue
		}
		if _, ok := byRepo[s.Repo]; !ok {
			repos = append(repos, s.Repo)
		}
		byRepo[s.Repo] = append(byRepo[s.Repo], s.Name)
	}
	var out []analyze.Deploy
	var errs []error
	for _, repo := range repos[:min(len(repos), maxDeployRepos)] {
		deps, err := d.GitHub.Deploys(ctx, repo, "", since)
		if err != nil && !isNotFound(err) {
			errs = append(errs, fmt.Errorf("%s: %w", repo, err))
			continue
		}
		for _, dep := range deps {
			if dep.CreatedAt.After(until) {
				continue
			}
			shipped := byRepo[repo]
			if dep.Service != "" {
				shipped = []string{dep.Service}
			}
			for _, svc := range shipped {
				out = append(out, analyze.Deploy{Service: svc, SHA: dep.SHA, At: dep.CreatedAt.UTC(), Environment: dep.Environment})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b analyze.Deploy) int { return a.At.Compare(b.At) })
	return out, errors.Join(errs...)
}

// seriesView is one metric series summarised for a reasoner.
type seriesView struct {
	Labels map[string]string `json:"labels"`
	Points int               `json:"points"`
	Min    float64           `json:"min"`
	Max    float64           `json:"max"`
	First  float64           `json:"first"`
	Last   float64           `json:"last"`
	// Sample is the series thinned to at most maxToolPoints points.
	Sample []metricsPoint  `json:"sample"`
	Change *analyze.Change `json:"change,omitempty"` // when it departed from its baseline
}

type metricsPoint struct {
	TS    time.Time `json:"ts"`
	Value float64   `json:"value"`
}

// MetricsQuery is what query_metrics returns.
type MetricsQuery struct {
	Query       string       `json:"query"`
	Start       time.Time    `json:"start"`
	End         time.Time    `json:"end"`
	Step        string       `json:"step"`
	Series      []seriesView `json:"series"`
	SeriesTotal int          `json:"series_total"`
}

// MetricsView is what service_metrics returns.
type MetricsView struct {
	Service   string           `json:"service"`
	Queries   []string         `json:"queries"`
	Metrics   []string         `json:"metrics"`
	Changes   []analyze.Change `json:"changes"` // most significant first
	More      int              `json:"more_changes,omitempty"`
	Truncated bool             `json:"truncated,omitempty"`
}

// LogView is what service_logs returns.
type LogView struct {
	Service   string            `json:"service"`
	Queries   []string          `json:"queries"`
	Onset     time.Time         `json:"onset_assumed"`
	Lines     int               `json:"lines"`
	Patterns  []analyze.Pattern `json:"patterns"`
	More      int               `json:"more_patterns,omitempty"`
	Truncated bool              `json:"truncated,omitempty"`
}

// TraceView is what service_traces returns.
type TraceView struct {
	Service   string              `json:"service"`
	Queries   []string            `json:"queries"`
	Report    analyze.TraceReport `json:"report"`
	Truncated bool                `json:"truncated,omitempty"`
}

// FlagView is what flag_changes returns.
type FlagView struct {
	Query      string                 `json:"query"`
	Changes    []telemetry.FlagChange `json:"changes"`
	More       int                    `json:"more,omitempty"`
	Incomplete bool                   `json:"incomplete,omitempty"`
}

// TelemetryTools are the open, read-only tools over metrics, logs, traces
// and flag changes, when any backend is configured (none otherwise). Each
// reads around the incident's first alert; a tool whose backend is not
// configured says so.
func TelemetryTools(d AssessDeps) []Tool {
	src := d.Telemetry.Sources
	if !src.Any() {
		return nil
	}
	run := func(f func(ctx context.Context, inv Invocation) (any, error)) func(context.Context, Invocation) (json.RawMessage, error) {
		return func(ctx context.Context, inv Invocation) (json.RawMessage, error) {
			v, err := f(ctx, inv)
			if err != nil {
				return nil, err
			}
			return json.Marshal(v)
		}
	}
	return []Tool{
		{Name: InvestigateTelemetryTool, Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Read metrics, logs, traces and feature-flag changes of the incident's service and the team's other services around the first alert, with the deploys of their repositories. Returns findings with their evidence: onset, first failing service, blast radius, fault signature, and each deploy and flag change placed before or after the onset; with the queries run.",
			Schema:      obj(``, ``),
			Run: run(func(ctx context.Context, inv Invocation) (any, error) {
				return InvestigateTelemetry(ctx, d, inv.Injected)
			})},
		{Name: "query_metrics", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Run a PromQL range query around the incident's first alert. Each series comes back summarised (min, max, first, last, a thinned sample) with its departure from the baseline, if any.",
			Schema: obj(`"query":{"type":"string","minLength":1,"maxLength":1000},`+
				`"minutes_before":{"type":"integer","minimum":5,"maximum":1440},"minutes_after":{"type":"integer","minimum":0,"maximum":240},`+
				`"step_seconds":{"type":"integer","minimum":15,"maximum":3600}`, `"query"`),
			Run: run(func(ctx context.Context, inv Invocation) (any, error) {
				if src.Metrics == nil {
					return nil, fmt.Errorf("metrics (Prometheus): %w", errNoBackend)
				}
				var a struct {
					Query         string `json:"query"`
					MinutesBefore int    `json:"minutes_before"`
					MinutesAfter  *int   `json:"minutes_after"`
					StepSeconds   int    `json:"step_seconds"`
				}
				if err := json.Unmarshal(inv.Args, &a); err != nil {
					return nil, err
				}
				_, start, before, after, err := d.telemetryWindow(ctx, inv.Injected.IncidentID)
				if err != nil {
					return nil, err
				}
				if a.MinutesBefore > 0 {
					before = time.Duration(a.MinutesBefore) * time.Minute
				}
				if a.MinutesAfter != nil {
					after = time.Duration(*a.MinutesAfter) * time.Minute
				}
				step := collect.DefaultStep
				if a.StepSeconds > 0 {
					step = time.Duration(a.StepSeconds) * time.Second
				}
				series, err := src.Metrics.Range(ctx, a.Query, start.Add(-before), start.Add(after), step)
				if err != nil {
					return nil, err
				}
				return summariseSeries(a.Query, start.Add(-before), start.Add(after), step, series), nil
			})},
		{Name: "service_metrics", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Every metric series of one service around the incident's first alert, and which of them changed: when, in which direction and by how much against the baseline before it.",
			Schema:      obj(serviceArg, `"service"`),
			Run: run(serviceTool(d, func(ctx context.Context, svc string, _, from, to time.Time) (any, error) {
				if src.Metrics == nil {
					return nil, fmt.Errorf("metrics (Prometheus): %w", errNoBackend)
				}
				got, err := src.Metrics.ServiceSamples(ctx, svc, from, to, collect.DefaultStep)
				if err != nil {
					return nil, err
				}
				v := MetricsView{Service: svc, Queries: got.Queries, Truncated: got.Truncated}
				seen := map[string]bool{}
				for _, sm := range got.Samples {
					if !seen[sm.Name] {
						seen[sm.Name] = true
						v.Metrics = append(v.Metrics, sm.Name)
					}
				}
				v.Changes = analyze.Changes(got.Samples, analyze.Window{Start: from, End: to})
				if len(v.Changes) > maxToolSeries {
					v.More, v.Changes = len(v.Changes)-maxToolSeries, v.Changes[:maxToolSeries]
				}
				return v, nil
			}))},
		{Name: "service_logs", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "The warning and error lines of one service around the incident's first alert, grouped into patterns with counts before and after it; new patterns first.",
			Schema:      obj(serviceArg, `"service"`),
			Run: run(serviceTool(d, func(ctx context.Context, svc string, start, from, to time.Time) (any, error) {
				if src.Logs == nil {
					return nil, fmt.Errorf("logs (Loki): %w", errNoBackend)
				}
				recs, err := src.Logs.ServiceErrors(ctx, svc, from, to)
				if err != nil {
					return nil, err
				}
				v := LogView{Service: svc, Queries: recs.Queries, Onset: start, Truncated: recs.Truncated}
				for _, r := range recs.Records {
					v.Lines += r.Times()
				}
				v.Patterns = analyze.LogPatterns(recs.Records, start)
				if len(v.Patterns) > maxToolPatterns {
					v.More, v.Patterns = len(v.Patterns)-maxToolPatterns, v.Patterns[:maxToolPatterns]
				}
				return v, nil
			}))},
		{Name: "service_traces", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Failing and slow traces through one service around the incident's first alert: which service's spans fail first, which only time out waiting on another, the call path and the fault signature.",
			Schema:      obj(serviceArg, `"service"`),
			Run: run(serviceTool(d, func(ctx context.Context, svc string, _, from, to time.Time) (any, error) {
				if src.Traces == nil {
					return nil, fmt.Errorf("traces (Tempo or Jaeger): %w", errNoBackend)
				}
				f, err := src.Traces.ServiceFailures(ctx, svc, from, to)
				if err != nil {
					return nil, err
				}
				v := TraceView{Service: svc, Queries: f.Queries, Report: analyze.TraceFaults(f.Spans), Truncated: f.Truncated}
				if len(v.Report.Faults) > maxToolFaults {
					v.Report.Faults = v.Report.Faults[:maxToolFaults]
				}
				return v, nil
			}))},
		{Name: "flag_changes", Class: incident.ClassOpen, Risk: incident.RiskLow,
			Description: "Feature-flag changes around the incident's first alert, from the team's flag service. A change is evidence, not a cause: check it against the onset and the failing service.",
			Schema:      obj(``, ``),
			Run: run(func(ctx context.Context, inv Invocation) (any, error) {
				if src.Flags == nil {
					return nil, fmt.Errorf("feature flags (Unleash): %w", errNoBackend)
				}
				_, start, before, after, err := d.telemetryWindow(ctx, inv.Injected.IncidentID)
				if err != nil {
					return nil, err
				}
				ch, err := src.Flags.Changes(ctx, start.Add(-before), start.Add(after))
				if err != nil {
					return nil, err
				}
				v := FlagView{Query: ch.Query, Changes: ch.Changes, Incomplete: ch.Incomplete}
				if len(v.Changes) > maxToolFlags {
					v.More, v.Changes = len(v.Changes)-maxToolFlags, v.Changes[len(v.Changes)-maxToolFlags:]
				}
				return v, nil
			})},
	}
}

// serviceTool runs f for the service a reasoner named, over the telemetry
// window of the invocation's incident (start is its first alert).
func serviceTool(d AssessDeps, f func(ctx context.Context, service string, start, from, to time.Time) (any, error)) func(context.Context, Invocation) (any, error) {
	return func(ctx context.Context, inv Invocation) (any, error) {
		var a struct {
			Service string `json:"service"`
		}
		if err := json.Unmarshal(inv.Args, &a); err != nil {
			return nil, err
		}
		_, start, before, after, err := d.telemetryWindow(ctx, inv.Injected.IncidentID)
		if err != nil {
			return nil, err
		}
		return f(ctx, a.Service, start, start.Add(-before), start.Add(after))
	}
}

// summariseSeries turns range-query series into bounded views, each with
// its departure from the baseline before the alert, if any.
func summariseSeries(query string, start, end time.Time, step time.Duration, series []metrics.Series) MetricsQuery {
	out := MetricsQuery{Query: query, Start: start.UTC(), End: end.UTC(), Step: step.String()}
	for _, s := range series {
		out.SeriesTotal = max(out.SeriesTotal, s.SeriesTotal, len(series))
		if len(out.Series) == maxToolSeries || len(s.Points) == 0 {
			continue
		}
		v := seriesView{Labels: s.Labels, Points: len(s.Points), Min: s.Points[0].Value, Max: s.Points[0].Value,
			First: s.Points[0].Value, Last: s.Points[len(s.Points)-1].Value}
		samples := make([]telemetry.Sample, 0, len(s.Points))
		for _, p := range s.Points {
			v.Min, v.Max = min(v.Min, p.Value), max(v.Max, p.Value)
			samples = append(samples, telemetry.Sample{TS: p.TS, Name: query, Value: p.Value})
		}
		every := (len(s.Points) + maxToolPoints - 1) / maxToolPoints
		for i := 0; i < len(s.Points); i += every {
			v.Sample = append(v.Sample, metricsPoint{TS: s.Points[i].TS.UTC(), Value: s.Points[i].Value})
		}
		if ch := analyze.Changes(samples, analyze.Window{Start: start, End: end}); len(ch) > 0 {
			c := ch[0]
			c.Name, c.Labels = "", nil // the series' labels are above
			v.Change = &c
		}
		out.Series = append(out.Series, v)
	}
	return out
}

// InvestigateTelemetryTool is the name of the tool that reads every
// telemetry backend at once.
const InvestigateTelemetryTool = "investigate_telemetry"

// noTelemetryPrompt is added when no backend is configured.
const noTelemetryPrompt = `No metrics, logs, traces or flag service is configured: say in your summary that telemetry was not examined.`

// telemetryPrompt is added to the system prompt when telemetry is
// configured, so a reasoner starts from it as an SRE would.
const telemetryPrompt = `Metrics, logs, traces and feature-flag changes are available: investigate_telemetry first, then service_metrics, query_metrics, service_logs, service_traces and flag_changes to check a hypothesis. Loud errors often sit in a victim downstream of the cause; a deploy or flag change after the onset cannot have caused it; the cause may be no commit at all (an upstream outage, an expired certificate, a traffic surge, bad input data).`

// TelemetryConfig is what the telemetry tools read with.
type TelemetryConfig struct {
	Sources       collect.Sources
	Before, After time.Duration
}

// TelemetryFrom builds the telemetry tools' configuration from the team
// file's telemetry section.
func TelemetryFrom(t config.Telemetry) (TelemetryConfig, error) {
	src, err := collect.FromConfig(t)
	return TelemetryConfig{Sources: src, Before: t.Before, After: t.After}, err
}
