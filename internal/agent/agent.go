// Package agent is the harness between a reasoner (built-in rules, or an
// LLM) and WarRoom's tools. A reasoner sees the incident as data, the tool
// definitions and the results of earlier calls, and answers with tool calls
// or a final summary. It never sees a credential, an identity or a target
// owner: tool input schemas have no such fields, and the harness injects
// them when it runs a tool, recording what the reasoner asked for (args)
// apart from what the harness added (injected).
package agent

import (
	"context"
	"encoding/json"
	"errors"
)

// ToolDef is what a reasoner is told about a tool.
type ToolDef struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	InputSchema json.RawMessage `json:"input_schema"` // a JSON Schema object
}

// ToolCall is a reasoner's request to run a tool with Args.
type ToolCall struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Args json.RawMessage `json:"args"`
}

// ToolResult is what a tool returned for one call.
type ToolResult struct {
	CallID  string          `json:"call_id"`
	Name    string          `json:"name"`
	Content json.RawMessage `json:"content"`
	IsError bool            `json:"is_error,omitempty"`
}

// Exchange is one round: the calls a reasoner made and their results.
type Exchange struct {
	Reasoning string       `json:"reasoning,omitempty"`
	Calls     []ToolCall   `json:"calls"`
	Results   []ToolResult `json:"results"`
}

// Request is everything a reasoner may see. Incident is untrusted data
// (alert text, chat messages): reasoners must present it as data, never as
// instructions.
type Request struct {
	System   string          `json:"system"`
	Incident json.RawMessage `json:"incident"`
	Tools    []ToolDef       `json:"tools"`
	History  []Exchange      `json:"history"`
}

// Response is a reasoner's answer: tool calls to run, or (with no calls) a
// final summary.
type Response struct {
	Reasoning string     `json:"reasoning,omitempty"`
	Calls     []ToolCall `json:"calls,omitempty"`
	Summary   string     `json:"summary,omitempty"`
}

// Done reports whether the reasoner has finished.
func (r Response) Done() bool { return len(r.Calls) == 0 }

// Reasoner decides the next step.
type Reasoner interface {
	Next(ctx context.Context, req Request) (Response, error)
}

// Errors a reasoner returns, wrapped with detail.
var (
	// ErrRateLimited: the model provider said 429 and retries ran out.
	ErrRateLimited = errors.New("reasoner rate limited")
	// ErrReasoner: the model provider failed or answered something unusable.
	ErrReasoner = errors.New("reasoner failed")
)
