package incident

import (
	"encoding/json"
	"fmt"
	"time"
)

// EventType names one kind of timeline entry. The set is closed so the
// dashboard and the audit trail can rely on it.
type EventType string

const (
	EventCreated            EventType = "incident.created"
	EventStatusChanged      EventType = "incident.status_changed"
	EventSeverityChanged    EventType = "incident.severity_changed"
	EventNote               EventType = "incident.note"
	EventAlert              EventType = "alert.received"
	EventAlertResolved      EventType = "alert.resolved"
	EventReport             EventType = "report.received"
	EventResolutionProposed EventType = "incident.resolution_proposed"
	EventReasoning          EventType = "agent.reasoning"
	EventToolCall           EventType = "agent.tool_call"
	EventSummary            EventType = "agent.summary"
	EventTriaged            EventType = "incident.triaged"
	EventActionProposed     EventType = "action.proposed"
	EventApprovalRequested  EventType = "approval.requested"
	EventApprovalDecided    EventType = "approval.decided"
	EventActionExecuting    EventType = "action.executing"
	EventActionReconciled   EventType = "action.reconciled"
	EventActionSucceeded    EventType = "action.succeeded"
	EventActionFailed       EventType = "action.failed"
	EventReauthRequested    EventType = "reauth.requested"
	EventApprovalEscalated  EventType = "approval.escalated"
	EventStepUpRequested    EventType = "stepup.requested"
)

var knownEvents = map[EventType]bool{
	EventCreated: true, EventStatusChanged: true, EventSeverityChanged: true, EventNote: true,
	EventAlert: true, EventAlertResolved: true, EventReport: true, EventResolutionProposed: true, EventReasoning: true, EventToolCall: true, EventSummary: true, EventTriaged: true, EventActionProposed: true,
	EventApprovalRequested: true, EventApprovalDecided: true, EventActionExecuting: true,
	EventActionReconciled: true, EventActionSucceeded: true, EventActionFailed: true,
	EventReauthRequested: true, EventApprovalEscalated: true, EventStepUpRequested: true,
}

// Valid reports whether t is a known event type.
func (t EventType) Valid() bool { return knownEvents[t] }

// Event is one entry in an incident's timeline. Seq orders events within an
// incident; ID orders them globally (and is the SSE cursor).
type Event struct {
	ID         int64
	IncidentID string
	Seq        int64
	Type       EventType
	Actor      Actor
	At         time.Time
	Data       json.RawMessage
}

// NewEvent builds a validated event with data marshalled to JSON.
func NewEvent(incidentID string, typ EventType, actor Actor, at time.Time, data any) (Event, error) {
	if incidentID == "" {
		return Event{}, fmt.Errorf("event incident id is empty: %w", ErrInvalid)
	}
	if !typ.Valid() {
		return Event{}, fmt.Errorf("event type %q: %w", typ, ErrInvalid)
	}
	if err := actor.Validate(); err != nil {
		return Event{}, fmt.Errorf("event actor: %w", err)
	}
	raw := json.RawMessage("{}")
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return Event{}, fmt.Errorf("marshal event data: %w", err)
		}
		raw = b
	}
	return Event{IncidentID: incidentID, Type: typ, Actor: actor, At: at.UTC(), Data: raw}, nil
}
