package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/warroom/warroom/internal/agent"
)

// OpenAIOptions configures the reasoner for an OpenAI-compatible Chat
// Completions endpoint.
type OpenAIOptions struct {
	// APIKey is sent as "Authorization: Bearer"; empty sends none (Ollama,
	// a local vLLM) and also keeps OPENAI_API_KEY from the environment
	// out. It never appears in an error.
	APIKey string
	// BaseURL is the API root the SDK appends "chat/completions" to, e.g.
	// "http://localhost:11434/v1" for Ollama; empty: https://api.openai.com/v1.
	BaseURL string
	Model   string // required
	// MaxRetries: as in AnthropicOptions (0 = SDK default 2, <0 = none).
	MaxRetries int
	HTTPClient *http.Client // nil: the SDK's default client
}

type openAIReasoner struct {
	client openai.Client
	model  string
	apiKey string
}

// NewOpenAI returns a Reasoner backed by Chat Completions with function
// tools, for OpenAI or any compatible server.
func NewOpenAI(o OpenAIOptions) agent.Reasoner {
	// WithAPIKey is always given, so an ambient OPENAI_API_KEY is never sent
	// to a configured endpoint.
	opts := []option.RequestOption{option.WithAPIKey(o.APIKey)}
	if o.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(o.BaseURL))
	}
	if n, ok := sdkRetries(o.MaxRetries); ok {
		opts = append(opts, option.WithMaxRetries(n))
	}
	if o.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(o.HTTPClient))
	}
	return &openAIReasoner{client: openai.NewClient(opts...), model: o.Model, apiKey: o.APIKey}
}

const openAIName = "openai"

// Next implements agent.Reasoner.
func (r *openAIReasoner) Next(ctx context.Context, req agent.Request) (agent.Response, error) {
	if r.model == "" {
		return agent.Response{}, unusable(openAIName, "no model configured")
	}
	params, err := openAIParams(req, r.model)
	if err != nil {
		return agent.Response{}, fmt.Errorf("%w: %s: %w", agent.ErrReasoner, openAIName, err)
	}
	var httpResp *http.Response
	c, err := r.client.Chat.Completions.New(ctx, params, option.WithResponseInto(&httpResp))
	if err != nil {
		return agent.Response{}, providerError(ctx, openAIName, r.apiKey, openAIFailure(err, httpResp), err)
	}
	return openAIResponse(c)
}

// openAIParams maps a Request onto a Chat Completions request: system,
// the incident as fenced data in a user message, then per exchange an
// assistant message with tool_calls and one tool message per call.
func openAIParams(req agent.Request, model string) (openai.ChatCompletionNewParams, error) {
	p := openai.ChatCompletionNewParams{Model: shared.ChatModel(model)}
	for _, t := range req.Tools {
		schema, err := schemaMap(t.InputSchema)
		if err != nil {
			return p, fmt.Errorf("tool %q: %w", t.Name, err)
		}
		if _, ok := schema["type"]; !ok {
			schema["type"] = "object"
		}
		if _, ok := schema["properties"]; !ok {
			schema["properties"] = map[string]any{}
		}
		def := shared.FunctionDefinitionParam{Name: t.Name, Parameters: shared.FunctionParameters(schema)}
		if t.Description != "" {
			def.Description = openai.String(t.Description)
		}
		p.Tools = append(p.Tools, openai.ChatCompletionFunctionTool(def))
	}

	if req.System != "" {
		p.Messages = append(p.Messages, openai.SystemMessage(req.System))
	}
	p.Messages = append(p.Messages, openai.UserMessage(IncidentMessage(req.Incident)))
	for i, x := range req.History {
		if len(x.Calls) == 0 {
			continue
		}
		results, err := pairResults(x)
		if err != nil {
			return p, fmt.Errorf("exchange %d: %w", i, err)
		}
		asst := openai.ChatCompletionAssistantMessageParam{}
		if strings.TrimSpace(x.Reasoning) != "" {
			asst.Content.OfString = openai.String(x.Reasoning)
		}
		for _, c := range x.Calls {
			args, err := argsJSON(c.Args)
			if err != nil {
				return p, fmt.Errorf("exchange %d: call %q: %w", i, c.ID, err)
			}
			asst.ToolCalls = append(asst.ToolCalls, openai.ChatCompletionMessageToolCallUnionParam{
				OfFunction: &openai.ChatCompletionMessageFunctionToolCallParam{
					ID: c.ID,
					Function: openai.ChatCompletionMessageFunctionToolCallFunctionParam{
						Name:      c.Name,
						Arguments: string(args),
					},
				},
			})
		}
		p.Messages = append(p.Messages, openai.ChatCompletionMessageParamUnion{OfAssistant: &asst})
		for _, res := range results {
			p.Messages = append(p.Messages, openai.ToolMessage(resultText(res.Content), res.CallID))
		}
	}
	return p, nil
}

// openAIResponse maps the first choice of a completion onto a Response.
func openAIResponse(c *openai.ChatCompletion) (agent.Response, error) {
	if c == nil || len(c.Choices) == 0 {
		return agent.Response{}, unusable(openAIName, "response has no choices")
	}
	ch := c.Choices[0]
	var calls []agent.ToolCall
	for i, tc := range ch.Message.ToolCalls {
		if tc.Type != "" && tc.Type != "function" {
			return agent.Response{}, unusable(openAIName, "tool call %q of unsupported type %q", tc.ID, tc.Type)
		}
		if tc.Function.Name == "" {
			return agent.Response{}, unusable(openAIName, "tool call %q has no function name", tc.ID)
		}
		args, err := argsJSON(json.RawMessage(tc.Function.Arguments))
		if err != nil {
			return agent.Response{}, unusable(openAIName, "tool call %q (%s): %v", tc.ID, tc.Function.Name, err)
		}
		id := tc.ID
		if id == "" { // some compatible servers omit ids
			id = fmt.Sprintf("call_%d", i)
		}
		calls = append(calls, agent.ToolCall{ID: id, Name: tc.Function.Name, Args: args})
	}
	text := strings.TrimSpace(ch.Message.Content)
	if len(calls) > 0 {
		return agent.Response{Reasoning: text, Calls: calls}, nil
	}
	switch ch.FinishReason {
	case "length":
		return agent.Response{}, unusable(openAIName, "answer cut off (finish_reason length) before any tool call or summary")
	case "content_filter":
		return agent.Response{}, unusable(openAIName, "answer withheld by the content filter")
	}
	if text == "" {
		if ch.Message.Refusal != "" {
			return agent.Response{}, unusable(openAIName, "model refused: %s", ch.Message.Refusal)
		}
		return agent.Response{}, unusable(openAIName, "finished (finish_reason %q) with neither tool calls nor a summary", ch.FinishReason)
	}
	return agent.Response{Summary: text}, nil
}

// openAIFailure extracts status, error type and message from an error the
// SDK returned, or from the last response it saw (for servers whose error
// body is not {"error":{...}}).
func openAIFailure(err error, resp *http.Response) *apiFailure {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		f := &apiFailure{status: apiErr.StatusCode, errType: apiErr.Type, message: apiErr.Message}
		if apiErr.Code != "" && apiErr.Code != apiErr.Type {
			f.errType = strings.TrimSpace(f.errType + " " + apiErr.Code)
		}
		if apiErr.Response != nil {
			f.requestID = apiErr.Response.Header.Get("x-request-id")
			if f.errType == "" && f.message == "" { // not {"error":{...}}
				f.errType, f.message = parseErrorBody(readErrorBody(apiErr.Response))
			}
		}
		return f
	}
	if resp != nil && resp.StatusCode >= 400 {
		return failureFromResponse(resp, "x-request-id")
	}
	return nil
}
