package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"

	"github.com/warroom/warroom/internal/agent"
)

// DefaultAnthropicMaxTokens is used when AnthropicOptions.MaxTokens is 0.
const DefaultAnthropicMaxTokens = 4096

// AnthropicOptions configures the Anthropic reasoner.
type AnthropicOptions struct {
	APIKey  string // sent as x-api-key; never in an error
	BaseURL string // empty: https://api.anthropic.com
	Model   string // required, e.g. "claude-sonnet-4-5"
	// MaxTokens bounds each answer; 0 means DefaultAnthropicMaxTokens.
	MaxTokens int64
	// MaxRetries is how often the SDK retries 408/409/429/5xx and connection
	// errors (honouring retry-after): 0 keeps the SDK default (2), a
	// negative value disables retries.
	MaxRetries int
	HTTPClient *http.Client // nil: http.DefaultClient
}

type anthropicReasoner struct {
	client    anthropic.Client
	model     string
	maxTokens int64
	apiKey    string
}

// NewAnthropic returns a Reasoner backed by Anthropic's Messages API. It uses
// only what o says: no ANTHROPIC_* environment variable or profile is read.
func NewAnthropic(o AnthropicOptions) agent.Reasoner {
	opts := []option.RequestOption{option.WithoutEnvironmentDefaults()}
	if o.APIKey != "" {
		opts = append(opts, option.WithAPIKey(o.APIKey))
	}
	if o.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(o.BaseURL))
	}
	if n, ok := sdkRetries(o.MaxRetries); ok {
		opts = append(opts, option.WithMaxRetries(n))
	}
	if o.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(o.HTTPClient))
	}
	maxTokens := o.MaxTokens
	if maxTokens <= 0 {
		maxTokens = DefaultAnthropicMaxTokens
	}
	return &anthropicReasoner{
		client:    anthropic.NewClient(opts...),
		model:     o.Model,
		maxTokens: maxTokens,
		apiKey:    o.APIKey,
	}
}

const anthropicName = "anthropic"

// Next implements agent.Reasoner.
func (a *anthropicReasoner) Next(ctx context.Context, req agent.Request) (agent.Response, error) {
	if a.model == "" {
		return agent.Response{}, unusable(anthropicName, "no model configured")
	}
	params, err := anthropicParams(req, a.model, a.maxTokens)
	if err != nil {
		return agent.Response{}, fmt.Errorf("%w: %s: %w", agent.ErrReasoner, anthropicName, err)
	}
	var httpResp *http.Response
	msg, err := a.client.Messages.New(ctx, params, option.WithResponseInto(&httpResp))
	if err != nil {
		return agent.Response{}, providerError(ctx, anthropicName, a.apiKey, anthropicFailure(err, httpResp), err)
	}
	return anthropicResponse(msg)
}

// anthropicParams maps a Request onto a Messages API request: the system
// prompt, the incident as fenced data in the first user message, then per
// exchange an assistant turn (reasoning text, tool_use blocks) and a user
// turn answering every tool_use with a tool_result.
func anthropicParams(req agent.Request, model string, maxTokens int64) (anthropic.MessageNewParams, error) {
	p := anthropic.MessageNewParams{
		Model:     anthropic.Model(model),
		MaxTokens: maxTokens,
	}
	if req.System != "" {
		p.System = []anthropic.TextBlockParam{{Text: req.System}}
	}
	for _, t := range req.Tools {
		schema, err := schemaMap(t.InputSchema)
		if err != nil {
			return p, fmt.Errorf("tool %q: %w", t.Name, err)
		}
		in := anthropic.ToolInputSchemaParam{ExtraFields: map[string]any{}}
		for k, v := range schema {
			switch k {
			case "type": // always "object", set by the SDK
			case "properties":
				in.Properties = v
			case "required":
				for _, r := range asSlice(v) {
					if s, ok := r.(string); ok {
						in.Required = append(in.Required, s)
					}
				}
			default:
				in.ExtraFields[k] = v
			}
		}
		tool := anthropic.ToolParam{Name: t.Name, InputSchema: in}
		if t.Description != "" {
			tool.Description = anthropic.String(t.Description)
		}
		p.Tools = append(p.Tools, anthropic.ToolUnionParam{OfTool: &tool})
	}

	p.Messages = append(p.Messages, anthropic.NewUserMessage(anthropic.NewTextBlock(IncidentMessage(req.Incident))))
	for i, x := range req.History {
		if len(x.Calls) == 0 {
			continue // nothing the model must see answered
		}
		results, err := pairResults(x)
		if err != nil {
			return p, fmt.Errorf("exchange %d: %w", i, err)
		}
		var asst []anthropic.ContentBlockParamUnion
		if strings.TrimSpace(x.Reasoning) != "" {
			asst = append(asst, anthropic.NewTextBlock(x.Reasoning))
		}
		for _, c := range x.Calls {
			args, err := argsJSON(c.Args)
			if err != nil {
				return p, fmt.Errorf("exchange %d: call %q: %w", i, c.ID, err)
			}
			asst = append(asst, anthropic.NewToolUseBlock(c.ID, args, c.Name))
		}
		p.Messages = append(p.Messages, anthropic.NewAssistantMessage(asst...))
		user := make([]anthropic.ContentBlockParamUnion, 0, len(results))
		for _, r := range results {
			user = append(user, anthropic.NewToolResultBlock(r.CallID, resultText(r.Content), r.IsError))
		}
		p.Messages = append(p.Messages, anthropic.NewUserMessage(user...))
	}
	return p, nil
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// anthropicResponse maps a Message onto a Response.
func anthropicResponse(m *anthropic.Message) (agent.Response, error) {
	if m == nil {
		return agent.Response{}, unusable(anthropicName, "empty response")
	}
	var texts []string
	var calls []agent.ToolCall
	for _, b := range m.Content {
		switch b.Type {
		case "text":
			if strings.TrimSpace(b.Text) != "" {
				texts = append(texts, b.Text)
			}
		case "tool_use":
			args, err := argsJSON(b.Input)
			if err != nil {
				return agent.Response{}, unusable(anthropicName, "tool_use %q: %v", b.ID, err)
			}
			if b.ID == "" || b.Name == "" {
				return agent.Response{}, unusable(anthropicName, "tool_use block without id or name")
			}
			calls = append(calls, agent.ToolCall{ID: b.ID, Name: b.Name, Args: args})
		}
	}
	text := strings.Join(texts, "\n\n")
	if len(calls) > 0 {
		return agent.Response{Reasoning: text, Calls: calls}, nil
	}
	switch m.StopReason {
	case anthropic.StopReasonEndTurn, anthropic.StopReasonStopSequence:
		if text == "" {
			return agent.Response{}, unusable(anthropicName, "finished with neither tool calls nor a summary")
		}
		return agent.Response{Summary: text}, nil
	case anthropic.StopReasonMaxTokens:
		return agent.Response{}, unusable(anthropicName, "answer cut off at max_tokens before any tool call or summary")
	default:
		return agent.Response{}, unusable(anthropicName, "stopped (%s) with no tool calls", stopReason(string(m.StopReason)))
	}
}

func stopReason(s string) string {
	if s == "" {
		return "no stop reason"
	}
	return "stop_reason " + s
}

// anthropicFailure extracts status, error type, message and request id
// from an error the SDK returned, or from the last response it saw.
func anthropicFailure(err error, resp *http.Response) *apiFailure {
	var apiErr *anthropic.Error
	if errors.As(err, &apiErr) {
		f := &apiFailure{status: apiErr.StatusCode, requestID: apiErr.RequestID}
		f.errType, f.message = parseErrorBody([]byte(apiErr.RawJSON()))
		if f.errType == "" {
			f.errType = string(apiErr.Type())
		}
		return f
	}
	if resp != nil && resp.StatusCode >= 400 {
		return failureFromResponse(resp, "request-id")
	}
	return nil
}
