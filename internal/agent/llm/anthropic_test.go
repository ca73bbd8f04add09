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

// Wire shapes of Anthropic's Messages API (POST /v1/messages).

func anthropicMessage(stop string, blocks ...string) string {
	return `{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-test",` +
		`"content":[` + strings.Join(blocks, ",") + `],"stop_reason":"` + stop + `","stop_sequence":null,` +
		`"usage":{"input_tokens":812,"output_tokens":64,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}`
}

func textBlock(s string) string {
	b, _ := json.Marshal(map[string]string{"type": "text", "text": s})
	return string(b)
}

func toolUseBlock(id, name, input string) string {
	return `{"type":"tool_use","id":"` + id + `","name":"` + name + `","input":` + input + `}`
}

func anthropicError(status int, typ, msg string) reply {
	b, _ := json.Marshal(map[string]any{"type": "error", "error": map[string]string{"type": typ, "message": msg}})
	return reply{
		status: status,
		header: map[string]string{"retry-after": "0", "x-should-retry": "true", "request-id": "req_011CTestRequest"},
		body:   string(b),
	}
}

func newTestAnthropic(f *fakeAPI, retries int) agent.Reasoner {
	return NewAnthropic(AnthropicOptions{
		APIKey:     testAPIKey,
		BaseURL:    f.URL(),
		Model:      "claude-test",
		MaxTokens:  1024,
		MaxRetries: retries,
	})
}

// checkAnthropicRequest checks what every Messages API request must carry
// and that the conversation is well formed: it starts with the incident as
// a user turn, roles alternate, and each tool_use is answered by a
// tool_result in the next user turn.
func checkAnthropicRequest(t *testing.T, r seenRequest) map[string]any {
	t.Helper()
	if r.Method != http.MethodPost || r.Path != "/v1/messages" {
		t.Errorf("request %s %s, want POST /v1/messages", r.Method, r.Path)
	}
	if got := r.Header.Get("x-api-key"); got != testAPIKey {
		t.Errorf("x-api-key = %q", got)
	}
	if got := r.Header.Get("anthropic-version"); got != "2023-06-01" {
		t.Errorf("anthropic-version = %q", got)
	}
	if got := r.Header.Get("Authorization"); got != "" {
		t.Errorf("unexpected Authorization header %q", got)
	}
	body := r.JSON(t)
	if got := str(t, body, "model"); got != "claude-test" {
		t.Errorf("model = %q", got)
	}
	if got := path(t, body, "max_tokens"); got != float64(1024) {
		t.Errorf("max_tokens = %v", got)
	}
	if got := str(t, body, "system", 0, "text"); got != "You are WarRoom, an incident-response agent." {
		t.Errorf("system = %q", got)
	}
	tools := arr(t, body, "tools")
	if len(tools) != 2 {
		t.Fatalf("tools = %v", tools)
	}
	if str(t, tools[0], "name") != "search_logs" || str(t, tools[0], "description") != "Search service logs." {
		t.Errorf("tool 0 = %v", tools[0])
	}
	jsonEqual(t, path(t, tools[0], "input_schema"), string(testTools[0].InputSchema))
	jsonEqual(t, path(t, tools[1], "input_schema"), string(testTools[1].InputSchema))

	msgs := arr(t, body, "messages")
	if str(t, msgs[0], "role") != "user" || str(t, msgs[0], "content", 0, "type") != "text" {
		t.Fatalf("first message = %v", msgs[0])
	}
	if got := str(t, msgs[0], "content", 0, "text"); got != IncidentMessage(testIncident) {
		t.Errorf("first message text = %q", got)
	}
	if str(t, msgs[len(msgs)-1], "role") != "user" {
		t.Errorf("conversation does not end with a user turn")
	}
	for i := 1; i < len(msgs); i++ {
		want := "assistant"
		if i%2 == 0 {
			want = "user"
		}
		if got := str(t, msgs[i], "role"); got != want {
			t.Fatalf("message %d role %q, want %q", i, got, want)
		}
		if want != "assistant" {
			continue
		}
		var uses []string
		for _, b := range arr(t, msgs[i], "content") {
			if str(t, b, "type") == "tool_use" {
				uses = append(uses, str(t, b, "id"))
			}
		}
		var answered []string
		for _, b := range arr(t, msgs[i+1], "content") {
			if str(t, b, "type") != "tool_result" {
				t.Errorf("message %d: %v in a tool-result turn", i+1, b)
			}
			answered = append(answered, str(t, b, "tool_use_id"))
		}
		if strings.Join(uses, ",") != strings.Join(answered, ",") {
			t.Errorf("message %d tool_use ids %v answered by %v", i, uses, answered)
		}
	}
	return body
}

func TestAnthropicConversation(t *testing.T) {
	tests := []struct {
		name    string
		history []agent.Exchange
		reply   string
		want    agent.Response
		wantErr error
		check   func(t *testing.T, body map[string]any)
	}{
		{
			name:  "first turn asks for a tool",
			reply: anthropicMessage("tool_use", textBlock("I will check the logs."), toolUseBlock("toolu_01", "search_logs", `{"service":"checkout","query":"5xx"}`)),
			want: agent.Response{Reasoning: "I will check the logs.", Calls: []agent.ToolCall{
				{ID: "toolu_01", Name: "search_logs", Args: json.RawMessage(`{"service":"checkout","query":"5xx"}`)},
			}},
			check: func(t *testing.T, body map[string]any) {
				if n := len(arr(t, body, "messages")); n != 1 {
					t.Errorf("%d messages, want 1", n)
				}
			},
		},
		{
			name:    "tool result then final summary",
			history: []agent.Exchange{oneCall},
			reply:   anthropicMessage("end_turn", textBlock("Root cause: database timeouts after deploy 42.")),
			want:    agent.Response{Summary: "Root cause: database timeouts after deploy 42."},
			check: func(t *testing.T, body map[string]any) {
				msgs := arr(t, body, "messages")
				if len(msgs) != 3 {
					t.Fatalf("%d messages, want 3", len(msgs))
				}
				asst := arr(t, msgs[1], "content")
				if len(asst) != 2 || str(t, asst[0], "type") != "text" || str(t, asst[0], "text") != "Check the logs first." {
					t.Errorf("assistant turn = %v", asst)
				}
				if str(t, asst[1], "type") != "tool_use" || str(t, asst[1], "id") != "toolu_01" || str(t, asst[1], "name") != "search_logs" {
					t.Errorf("tool_use = %v", asst[1])
				}
				jsonEqual(t, path(t, asst[1], "input"), `{"service":"checkout","query":"5xx"}`)
				res := arr(t, msgs[2], "content")
				if str(t, res[0], "tool_use_id") != "toolu_01" || path(t, res[0], "is_error") != false {
					t.Errorf("tool_result = %v", res[0])
				}
				if got := str(t, res[0], "content", 0, "text"); got != `{"lines":["db timeout"]}` {
					t.Errorf("tool_result content = %q", got)
				}
			},
		},
		{
			name:    "parallel tool calls in history and answer",
			history: []agent.Exchange{oneCall, twoCalls},
			reply: anthropicMessage("tool_use",
				toolUseBlock("toolu_04", "search_logs", `{"service":"db","query":"timeout"}`),
				toolUseBlock("toolu_05", "recent_deploys", `{"service":"db"}`)),
			want: agent.Response{Calls: []agent.ToolCall{
				{ID: "toolu_04", Name: "search_logs", Args: json.RawMessage(`{"service":"db","query":"timeout"}`)},
				{ID: "toolu_05", Name: "recent_deploys", Args: json.RawMessage(`{"service":"db"}`)},
			}},
			check: func(t *testing.T, body map[string]any) {
				msgs := arr(t, body, "messages")
				if len(msgs) != 5 {
					t.Fatalf("%d messages, want 5", len(msgs))
				}
				if asst := arr(t, msgs[3], "content"); len(asst) != 2 || str(t, asst[0], "type") != "tool_use" {
					t.Errorf("assistant turn without reasoning = %v", asst)
				}
				res := arr(t, msgs[4], "content")
				if path(t, res[0], "is_error") != false || path(t, res[1], "is_error") != true {
					t.Errorf("is_error flags = %v", res)
				}
				if got := str(t, res[1], "content", 0, "text"); got != `{"error":"upstream unavailable"}` {
					t.Errorf("failed result content = %q", got)
				}
			},
		},
		{
			name:    "max_tokens with no tool call",
			reply:   anthropicMessage("max_tokens", textBlock("Let me think about this very caref")),
			wantErr: agent.ErrReasoner,
		},
		{
			name:  "max_tokens after a complete tool call",
			reply: anthropicMessage("max_tokens", toolUseBlock("toolu_06", "recent_deploys", `{"service":"checkout"}`)),
			want: agent.Response{Calls: []agent.ToolCall{
				{ID: "toolu_06", Name: "recent_deploys", Args: json.RawMessage(`{"service":"checkout"}`)},
			}},
		},
		{
			name:    "end_turn with nothing to say",
			reply:   anthropicMessage("end_turn"),
			wantErr: agent.ErrReasoner,
		},
		{
			name:    "refusal",
			reply:   anthropicMessage("refusal", textBlock("I can't help with that.")),
			wantErr: agent.ErrReasoner,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "/v1/messages", reply{body: tt.reply})
			got, err := newTestAnthropic(f, -1).Next(context.Background(), baseRequest(tt.history...))
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			body := checkAnthropicRequest(t, reqs[0])
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

func checkResponse(t *testing.T, got, want agent.Response) {
	t.Helper()
	if got.Reasoning != want.Reasoning || got.Summary != want.Summary || len(got.Calls) != len(want.Calls) {
		t.Fatalf("response = %+v, want %+v", got, want)
	}
	for i := range want.Calls {
		if got.Calls[i].ID != want.Calls[i].ID || got.Calls[i].Name != want.Calls[i].Name {
			t.Errorf("call %d = %+v, want %+v", i, got.Calls[i], want.Calls[i])
		}
		rawEqual(t, got.Calls[i].Args, string(want.Calls[i].Args))
	}
	if got.Done() != want.Done() {
		t.Errorf("Done() = %v", got.Done())
	}
}

func TestAnthropicErrors(t *testing.T) {
	ok := reply{body: anthropicMessage("tool_use", toolUseBlock("toolu_01", "search_logs", `{"service":"checkout"}`))}
	tests := []struct {
		name         string
		retries      int
		replies      []reply
		wantRequests int
		wantErr      error  // nil: success
		notErr       error  // must not match
		wantText     string // in the error
	}{
		{
			name:         "429 then success is retried by the SDK",
			retries:      2,
			replies:      []reply{anthropicError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), ok},
			wantRequests: 2,
		},
		{
			name:         "429 until retries run out",
			retries:      1,
			replies:      []reply{anthropicError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")},
			wantRequests: 2,
			wantErr:      agent.ErrRateLimited,
			notErr:       agent.ErrReasoner,
			wantText:     "rate_limit_error",
		},
		{
			name:         "429 with retries disabled",
			retries:      -1,
			replies:      []reply{anthropicError(429, "rate_limit_error", "slow down")},
			wantRequests: 1,
			wantErr:      agent.ErrRateLimited,
		},
		{
			name:         "500 overloaded is retried then fails",
			retries:      1,
			replies:      []reply{anthropicError(500, "overloaded_error", "Overloaded")},
			wantRequests: 2,
			wantErr:      agent.ErrReasoner,
			notErr:       agent.ErrRateLimited,
			wantText:     "overloaded_error",
		},
		{
			name:         "529 overloaded",
			retries:      1,
			replies:      []reply{anthropicError(529, "overloaded_error", "Overloaded")},
			wantRequests: 2,
			wantErr:      agent.ErrReasoner,
			notErr:       agent.ErrRateLimited,
		},
		{
			name:    "400 invalid request is not retried",
			retries: 2,
			replies: []reply{{status: 400, body: `{"type":"error","error":{"type":"invalid_request_error","message":"messages: roles must alternate"}}`}},
			// no x-should-retry: a 400 is final
			wantRequests: 1,
			wantErr:      agent.ErrReasoner,
			wantText:     "roles must alternate",
		},
		{
			name:         "401 echoing the key does not leak it",
			retries:      2,
			replies:      []reply{{status: 401, body: `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: ` + testAPIKey + `"}}`}},
			wantRequests: 1,
			wantErr:      agent.ErrReasoner,
			wantText:     "authentication_error",
		},
		{
			name:         "non-JSON error from a proxy",
			retries:      -1,
			replies:      []reply{{status: 429, body: `Too Many Requests`}},
			wantRequests: 1,
			wantErr:      agent.ErrRateLimited,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "/v1/messages", tt.replies...)
			got, err := newTestAnthropic(f, tt.retries).Next(context.Background(), baseRequest())
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

func TestAnthropicCanceled(t *testing.T) {
	f := newFake(t, "/v1/messages", anthropicError(429, "rate_limit_error", "slow down"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newTestAnthropic(f, 2).Next(ctx, baseRequest())
	if !errors.Is(err, agent.ErrReasoner) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrReasoner and context.Canceled", err)
	}
}

func TestAnthropicBadHistory(t *testing.T) {
	f := newFake(t, "/v1/messages", reply{body: anthropicMessage("end_turn", textBlock("done"))})
	bad := agent.Exchange{
		Calls:   []agent.ToolCall{{ID: "toolu_01", Name: "search_logs"}},
		Results: []agent.ToolResult{{CallID: "toolu_99", Content: json.RawMessage(`{}`)}},
	}
	_, err := newTestAnthropic(f, -1).Next(context.Background(), baseRequest(bad))
	if !errors.Is(err, agent.ErrReasoner) {
		t.Fatalf("err = %v, want ErrReasoner", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent for an invalid history", n)
	}
}

func TestAnthropicMissingResultIsAnswered(t *testing.T) {
	f := newFake(t, "/v1/messages", reply{body: anthropicMessage("end_turn", textBlock("done"))})
	partial := agent.Exchange{Calls: twoCalls.Calls, Results: twoCalls.Results[1:]} // toolu_03 unanswered
	if _, err := newTestAnthropic(f, -1).Next(context.Background(), baseRequest(partial)); err != nil {
		t.Fatal(err)
	}
	body := checkAnthropicRequest(t, f.requests()[0])
	res := arr(t, body, "messages", 2, "content")
	if len(res) != 2 || str(t, res[1], "tool_use_id") != "toolu_03" || path(t, res[1], "is_error") != true {
		t.Errorf("tool results = %v", res)
	}
}

// Only AnthropicOptions configure the client: ANTHROPIC_* variables from the
// environment are not read.
func TestAnthropicIgnoresEnvironment(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-ambient-should-not-be-sent")
	t.Setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:1")
	f := newFake(t, "/v1/messages", reply{body: anthropicMessage("end_turn", textBlock("done"))})
	r := NewAnthropic(AnthropicOptions{BaseURL: f.URL(), Model: "claude-test", MaxRetries: -1})
	if _, err := r.Next(context.Background(), baseRequest()); err != nil {
		t.Fatal(err)
	}
	if got := f.requests()[0].Header.Get("x-api-key"); got != "" {
		t.Errorf("x-api-key = %q, want none", got)
	}
}
