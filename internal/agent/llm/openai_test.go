package llm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/agent"
)

// Wire shapes of Chat Completions (POST {base}/chat/completions).

type oaiCall struct{ id, name, args string }

func chatCompletion(finish string, content *string, calls ...oaiCall) string {
	msg := map[string]any{"role": "assistant", "content": nil, "refusal": nil}
	if content != nil {
		msg["content"] = *content
	}
	if len(calls) > 0 {
		var tcs []map[string]any
		for _, c := range calls {
			tcs = append(tcs, map[string]any{"id": c.id, "type": "function", "function": map[string]any{"name": c.name, "arguments": c.args}})
		}
		msg["tool_calls"] = tcs
	}
	b, _ := json.Marshal(map[string]any{
		"id":      "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
		"object":  "chat.completion",
		"created": 1741569952,
		"model":   "gpt-test",
		"choices": []any{map[string]any{"index": 0, "message": msg, "logprobs": nil, "finish_reason": finish}},
		"usage":   map[string]any{"prompt_tokens": 812, "completion_tokens": 41, "total_tokens": 853},
	})
	return string(b)
}

func ptr(s string) *string { return &s }

func openAIError(status int, typ, code, msg string) reply {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
	return reply{status: status, header: map[string]string{"retry-after": "0", "x-request-id": "req_test123"}, body: string(b)}
}

func newTestOpenAI(f *fakeAPI, base string, retries int) agent.Reasoner {
	return NewOpenAI(OpenAIOptions{APIKey: testAPIKey, BaseURL: f.URL() + base, Model: "gpt-test", MaxRetries: retries})
}

// checkOpenAIRequest checks headers, tools and the message sequence: system,
// the incident as a user message, then per exchange an assistant message
// with tool_calls followed by one tool message per call, in call order.
func checkOpenAIRequest(t *testing.T, r seenRequest, wantPath string) map[string]any {
	t.Helper()
	if r.Method != http.MethodPost || r.Path != wantPath {
		t.Errorf("request %s %s, want POST %s", r.Method, r.Path, wantPath)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testAPIKey {
		t.Errorf("Authorization = %q", got)
	}
	body := r.JSON(t)
	if got := str(t, body, "model"); got != "gpt-test" {
		t.Errorf("model = %q", got)
	}
	tools := arr(t, body, "tools")
	if len(tools) != 2 {
		t.Fatalf("tools = %v", tools)
	}
	for i, tool := range tools {
		if str(t, tool, "type") != "function" || str(t, tool, "function", "name") != testTools[i].Name ||
			str(t, tool, "function", "description") != testTools[i].Description {
			t.Errorf("tool %d = %v", i, tool)
		}
		jsonEqual(t, path(t, tool, "function", "parameters"), string(testTools[i].InputSchema))
	}
	msgs := arr(t, body, "messages")
	if str(t, msgs[0], "role") != "system" || str(t, msgs[0], "content") != "You are WarRoom, an incident-response agent." {
		t.Errorf("system message = %v", msgs[0])
	}
	if str(t, msgs[1], "role") != "user" || str(t, msgs[1], "content") != IncidentMessage(testIncident) {
		t.Errorf("incident message = %v", msgs[1])
	}
	for i := 2; i < len(msgs); {
		if str(t, msgs[i], "role") != "assistant" {
			t.Fatalf("message %d = %v, want an assistant message", i, msgs[i])
		}
		var ids []string
		for _, tc := range arr(t, msgs[i], "tool_calls") {
			if str(t, tc, "type") != "function" {
				t.Errorf("tool call %v", tc)
			}
			if !json.Valid([]byte(str(t, tc, "function", "arguments"))) {
				t.Errorf("arguments are not a JSON string: %v", tc)
			}
			ids = append(ids, str(t, tc, "id"))
		}
		i++
		for _, id := range ids {
			if i >= len(msgs) || str(t, msgs[i], "role") != "tool" || str(t, msgs[i], "tool_call_id") != id {
				t.Fatalf("tool call %s not answered by message %d", id, i)
			}
			i++
		}
	}
	return body
}

func TestOpenAIConversation(t *testing.T) {
	tests := []struct {
		name    string
		base    string // appended to the fake's URL
		history []agent.Exchange
		reply   string
		want    agent.Response
		wantErr error
		check   func(t *testing.T, body map[string]any)
	}{
		{
			name:  "first turn asks for a tool (base URL with /v1)",
			base:  "/v1",
			reply: chatCompletion("tool_calls", nil, oaiCall{"call_abc", "search_logs", `{"service":"checkout","query":"5xx"}`}),
			want: agent.Response{Calls: []agent.ToolCall{
				{ID: "call_abc", Name: "search_logs", Args: json.RawMessage(`{"service":"checkout","query":"5xx"}`)},
			}},
			check: func(t *testing.T, body map[string]any) {
				if n := len(arr(t, body, "messages")); n != 2 {
					t.Errorf("%d messages, want 2", n)
				}
			},
		},
		{
			name:    "tool result then final summary (base URL without /v1)",
			base:    "",
			history: []agent.Exchange{oneCall},
			reply:   chatCompletion("stop", ptr("Root cause: database timeouts after deploy 42.")),
			want:    agent.Response{Summary: "Root cause: database timeouts after deploy 42."},
			check: func(t *testing.T, body map[string]any) {
				msgs := arr(t, body, "messages")
				if len(msgs) != 4 {
					t.Fatalf("%d messages, want 4", len(msgs))
				}
				if got := str(t, msgs[2], "content"); got != "Check the logs first." {
					t.Errorf("assistant content = %q", got)
				}
				tc := path(t, msgs[2], "tool_calls", 0)
				if str(t, tc, "id") != "toolu_01" || str(t, tc, "function", "name") != "search_logs" {
					t.Errorf("tool call = %v", tc)
				}
				if got := str(t, tc, "function", "arguments"); got != `{"service":"checkout","query":"5xx"}` {
					t.Errorf("arguments = %q", got)
				}
				if got := str(t, msgs[3], "content"); got != `{"lines":["db timeout"]}` {
					t.Errorf("tool message content = %q", got)
				}
			},
		},
		{
			name:    "parallel tool calls with reasoning",
			base:    "/v1",
			history: []agent.Exchange{oneCall, twoCalls},
			reply: chatCompletion("tool_calls", ptr("Two things to check."),
				oaiCall{"call_1", "search_logs", `{"service":"db","query":"timeout"}`},
				oaiCall{"call_2", "recent_deploys", `{"service":"db"}`}),
			want: agent.Response{Reasoning: "Two things to check.", Calls: []agent.ToolCall{
				{ID: "call_1", Name: "search_logs", Args: json.RawMessage(`{"service":"db","query":"timeout"}`)},
				{ID: "call_2", Name: "recent_deploys", Args: json.RawMessage(`{"service":"db"}`)},
			}},
			check: func(t *testing.T, body map[string]any) {
				msgs := arr(t, body, "messages")
				if len(msgs) != 7 {
					t.Fatalf("%d messages, want 7", len(msgs))
				}
				if _, has := msgs[4].(map[string]any)["content"]; has {
					t.Errorf("assistant message without reasoning has content: %v", msgs[4])
				}
				if n := len(arr(t, msgs[4], "tool_calls")); n != 2 {
					t.Errorf("%d tool calls, want 2", n)
				}
				if got := str(t, msgs[6], "content"); got != `{"error":"upstream unavailable"}` {
					t.Errorf("failed result = %q", got)
				}
			},
		},
		{
			name:    "length with no tool call",
			base:    "/v1",
			reply:   chatCompletion("length", ptr("Let me think about this very caref")),
			wantErr: agent.ErrReasoner,
		},
		{
			name:    "stop with nothing to say",
			base:    "/v1",
			reply:   chatCompletion("stop", ptr("")),
			wantErr: agent.ErrReasoner,
		},
		{
			name:    "arguments that are not JSON",
			base:    "/v1",
			reply:   chatCompletion("tool_calls", nil, oaiCall{"call_x", "search_logs", `{"service":`}),
			wantErr: agent.ErrReasoner,
		},
		{
			name:  "empty arguments become {}",
			base:  "/v1",
			reply: chatCompletion("tool_calls", nil, oaiCall{"call_y", "recent_deploys", ``}),
			want:  agent.Response{Calls: []agent.ToolCall{{ID: "call_y", Name: "recent_deploys", Args: json.RawMessage(`{}`)}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantPath := tt.base + "/chat/completions"
			f := newFake(t, wantPath, reply{body: tt.reply})
			got, err := newTestOpenAI(f, tt.base, -1).Next(context.Background(), baseRequest(tt.history...))
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			body := checkOpenAIRequest(t, reqs[0], wantPath)
			if tt.check != nil {
				tt.check(t, body)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkResponse(t, got, tt.want)
		})
	}
}

func TestOpenAIErrors(t *testing.T) {
	ok := reply{body: chatCompletion("tool_calls", nil, oaiCall{"call_abc", "search_logs", `{"service":"checkout"}`})}
	rateLimited := openAIError(429, "requests", "rate_limit_exceeded", "Rate limit reached for gpt-test on requests per min (RPM): Limit 3, Used 3.")
	tests := []struct {
		name         string
		retries      int
		replies      []reply
		wantRequests int
		wantErr      error
		notErr       error
		wantText     string
	}{
		{
			name:         "429 with retry-after then success",
			retries:      1,
			replies:      []reply{rateLimited, ok},
			wantRequests: 2,
		},
		{
			name:         "429 forever",
			retries:      1,
			replies:      []reply{rateLimited},
			wantRequests: 2,
			wantErr:      agent.ErrRateLimited,
			notErr:       agent.ErrReasoner,
			wantText:     "rate_limit_exceeded",
		},
		{
			name:         "500 is retried then fails",
			retries:      1,
			replies:      []reply{openAIError(500, "server_error", "", "The server had an error while processing your request.")},
			wantRequests: 2,
			wantErr:      agent.ErrReasoner,
			notErr:       agent.ErrRateLimited,
			wantText:     "server_error",
		},
		{
			name:         "401 echoing the key does not leak it",
			retries:      2,
			replies:      []reply{{status: 401, body: `{"error":{"message":"Incorrect API key provided: ` + testAPIKey + `.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`}},
			wantRequests: 1,
			wantErr:      agent.ErrReasoner,
			wantText:     "invalid_api_key",
		},
		{
			name:         "vLLM-style top-level error body, 429",
			retries:      -1,
			replies:      []reply{{status: 429, body: `{"object":"error","message":"too many requests","type":"RateLimitError","param":null,"code":429}`}},
			wantRequests: 1,
			wantErr:      agent.ErrRateLimited,
			wantText:     "too many requests",
		},
		{
			name:         "Ollama-style string error, 404 model not found",
			retries:      2,
			replies:      []reply{{status: 404, body: `{"error":"model \"gpt-test\" not found, try pulling it first"}`}},
			wantRequests: 1,
			wantErr:      agent.ErrReasoner,
			wantText:     "not found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "/v1/chat/completions", tt.replies...)
			got, err := newTestOpenAI(f, "/v1", tt.retries).Next(context.Background(), baseRequest())
			if n := len(f.requests()); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Calls) != 1 {
					t.Errorf("response = %+v", got)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.notErr != nil && errors.Is(err, tt.notErr) {
				t.Errorf("err = %v also matches %v", err, tt.notErr)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %q, want it to mention %q", err, tt.wantText)
			}
			mustNotContain(t, "error", err.Error(), testAPIKey)
		})
	}
}

// With no API key configured, nothing is sent, not even OPENAI_API_KEY from
// the environment (Ollama, a local vLLM).
func TestOpenAINoKeyIgnoresEnvironment(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "sk-ambient-should-not-be-sent")
	f := newFake(t, "/v1/chat/completions", reply{body: chatCompletion("stop", ptr("done"))})
	r := NewOpenAI(OpenAIOptions{BaseURL: f.URL() + "/v1", Model: "llama3.1", MaxRetries: -1})
	if _, err := r.Next(context.Background(), baseRequest()); err != nil {
		t.Fatal(err)
	}
	if got := f.requests()[0].Header.Get("Authorization"); got != "" {
		t.Errorf("Authorization = %q, want none", got)
	}
}
