// Package telemetry holds what an observability stack knows around an
// incident, as plain values: metric samples, log records, spans and
// feature-flag changes. It does no I/O; the clients that read Prometheus,
// Loki, Tempo and flag services return these types, the sandbox servers
// serve them, and the analysis reads them.
package telemetry

import (
	"strings"
	"time"
)

// Sample is one value of one series at one time. A series is
// (Service, Name, Labels).
type Sample struct {
	TS      time.Time         `json:"ts"`
	Service string            `json:"service"`
	Name    string            `json:"name"`
	Value   float64           `json:"value"`
	Labels  map[string]string `json:"labels,omitempty"`
}

// Levels of a log record, lowest first.
const (
	LevelDebug = "DEBUG"
	LevelInfo  = "INFO"
	LevelWarn  = "WARN"
	LevelError = "ERROR"
	LevelFatal = "FATAL"
)

// LogRecord is one log line as a log store holds it. Count says the same
// line was logged that many times (0 means 1), so a sample of lines can
// stand for a large volume.
type LogRecord struct {
	TS      time.Time      `json:"ts"`
	Service string         `json:"service"`
	Level   string         `json:"level"`
	Msg     string         `json:"msg"`
	Count   int            `json:"count,omitempty"`
	TraceID string         `json:"trace_id,omitempty"`
	Attrs   map[string]any `json:"attrs,omitempty"`
}

// Times is how many lines the record stands for.
func (r LogRecord) Times() int {
	if r.Count <= 0 {
		return 1
	}
	return r.Count
}

// Span statuses.
const (
	StatusOK    = "OK"
	StatusError = "ERROR"
)

// Span is one span of a trace. ParentID is empty for a root span.
type Span struct {
	TraceID       string         `json:"trace_id"`
	SpanID        string         `json:"span_id"`
	ParentID      string         `json:"parent_id,omitempty"`
	Service       string         `json:"service"`
	Name          string         `json:"name"`
	Start         time.Time      `json:"start"`
	DurationMS    float64        `json:"duration_ms"`
	Status        string         `json:"status"`
	StatusMessage string         `json:"status_message,omitempty"`
	Attrs         map[string]any `json:"attrs,omitempty"`
}

// End is when the span finished.
func (s Span) End() time.Time {
	return s.Start.Add(time.Duration(s.DurationMS * float64(time.Millisecond)))
}

// FlagChange is one change of a feature flag.
type FlagChange struct {
	TS      time.Time `json:"ts"`
	Flag    string    `json:"flag"`
	Service string    `json:"service,omitempty"`
	Change  string    `json:"change"`
	Actor   string    `json:"actor,omitempty"`
}

// Data is everything one observability stack holds for a window.
type Data struct {
	Metrics []Sample    `json:"metrics,omitempty"`
	Logs    []LogRecord `json:"logs,omitempty"`
	Traces  []Span      `json:"traces,omitempty"`
}

// Empty reports whether there is nothing to serve.
func (d Data) Empty() bool {
	return len(d.Metrics) == 0 && len(d.Logs) == 0 && len(d.Traces) == 0
}

// MetricName is the Prometheus name of a series named name: characters a
// classic Prometheus name may not hold (dots, dashes, spaces) become
// underscores, so the same data reads the same from a Prometheus 2.x and
// from the sandbox. The original name is kept nowhere else; names are
// compared after this mapping.
func MetricName(name string) string {
	var b strings.Builder
	for i, r := range name {
		ok := r == '_' || r == ':' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Default labels that name a series' and a log stream's service; a team
// whose stack labels them otherwise says so in its configuration.
const (
	DefaultMetricServiceLabel = "service"
	DefaultLogServiceLabel    = "service_name" // what Loki derives from OpenTelemetry's service.name
)
