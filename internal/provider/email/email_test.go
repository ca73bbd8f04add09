package email_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/email"
	"github.com/warroom/warroom/internal/provider/facts"
	sandbox "github.com/warroom/warroom/internal/sandbox/smtp"
)

const (
	key      = "warroom-5f0c6a1e-0000-4000-8000-000000000001"
	password = "relay-password-SECRET"
)

var t0 = time.Date(2026, 10, 9, 14, 30, 0, 0, time.UTC)

var stakeholders = []string{"cfo@example.com", "Support Lead <support@example.com>", "not an address", "CFO@example.com"}

func testBrief(_ context.Context, id string) (facts.Incident, error) {
	if id != "42" {
		return facts.Incident{}, fmt.Errorf("no incident %s", id)
	}
	return facts.Incident{ID: "42", Title: "Checkout 500s", Service: "checkout", Severity: "P1",
		URL: "https://warroom.example/incidents/42", Stakeholders: stakeholders}, nil
}

func people(h string) (facts.Person, bool) {
	if h == "alice" {
		return facts.Person{Handle: "alice", Name: "Alice Smith", Email: "alice@example.com"}, true
	}
	return facts.Person{}, false
}

type fixture struct {
	relay *sandbox.Server
	opts  email.Options
}

func setup(t *testing.T, relay sandbox.Options) *fixture {
	t.Helper()
	if relay.Users == nil {
		relay.Users = map[string]string{"relay": password}
	}
	s, err := sandbox.NewServer(relay)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &fixture{relay: s, opts: email.Options{
		Addr: s.Addr(), Username: "relay", Password: password, From: "warroom@example.com",
		People: people, TLSConfig: s.ClientTLSConfig(), Now: func() time.Time { return t0 },
	}}
}

func (f *fixture) ex(t *testing.T) *email.Executor {
	t.Helper()
	ex, err := email.New(testBrief, f.opts)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func request(params string) action.Request {
	return action.Request{
		Action: incident.Action{ID: "act-1", IncidentID: "42", Kind: "stakeholder_email", Target: "email:incident-42",
			Params: json.RawMessage(params)},
		IdempotencyKey: key, RunAs: "alice",
	}
}

const reportParams = `{"subject":"Checkout incident – status 14:30 UTC","body":"Checkout is degraded.\nA revert is rolling out."}`

func secure() sandbox.Options { return sandbox.Options{StartTLS: true, RequireAuth: true} }

func TestSendsReport(t *testing.T) {
	f := setup(t, secure())
	res, err := f.ex(t).Execute(context.Background(), request(reportParams))
	if err != nil {
		t.Fatal(err)
	}
	msgs := f.relay.Messages()
	if len(msgs) != 1 {
		t.Fatalf("messages = %d, want 1", len(msgs))
	}
	m := msgs[0]
	if !m.TLS || m.User != "relay" || m.From != "warroom@example.com" {
		t.Errorf("envelope: tls=%v user=%q from=%q", m.TLS, m.User, m.From)
	}
	if fmt.Sprint(m.To) != "[cfo@example.com support@example.com]" {
		t.Errorf("recipients = %v, want the stakeholders' addresses once each", m.To)
	}
	h := m.Header
	from, _ := mail.ParseAddress(h.Get("From"))
	replyTo, _ := mail.ParseAddress(h.Get("Reply-To"))
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if from == nil || from.Name != "Alice Smith via WarRoom" || from.Address != "warroom@example.com" {
		t.Errorf("From = %q", h.Get("From"))
	}
	if replyTo == nil || replyTo.Address != "alice@example.com" {
		t.Errorf("Reply-To = %q", h.Get("Reply-To"))
	}
	if subject != "Checkout incident – status 14:30 UTC" || m.MessageID() != "<"+key+"@warroom>" {
		t.Errorf("Subject = %q, Message-ID = %q", subject, m.MessageID())
	}
	if h.Get("X-WarRoom-Incident") != "42" || h.Get("X-WarRoom-Approved-By") != "alice" {
		t.Errorf("headers = %v", h)
	}
	pm, _ := mail.ReadMessage(strings.NewReader(string(m.Data)))
	body, _ := io.ReadAll(quotedprintable.NewReader(pm.Body))
	if !strings.Contains(string(body), "Checkout is degraded.\r\nA revert is rolling out.") ||
		!strings.Contains(string(body), "on behalf of Alice Smith") {
		t.Errorf("body = %q", body)
	}
	var d struct {
		MessageID string   `json:"message_id"`
		Invalid   []string `json:"invalid"`
	}
	_ = json.Unmarshal(res.Detail, &d)
	if d.MessageID != email.MessageID(key) || fmt.Sprint(d.Invalid) != "[not an address]" {
		t.Errorf("detail = %s", res.Detail)
	}
	if strings.Contains(res.Summary+string(res.Detail), password) {
		t.Errorf("result leaks the relay password")
	}
}

func TestPlainRelayOnLoopback(t *testing.T) {
	f := setup(t, sandbox.Options{RequireAuth: true})
	if _, err := f.ex(t).Execute(context.Background(), request(reportParams)); err != nil {
		t.Fatal(err)
	}
	if m := f.relay.Messages(); len(m) != 1 || m[0].TLS || m[0].User != "relay" {
		t.Fatalf("messages = %+v", m)
	}
	// But a deployment that requires TLS refuses such a relay.
	f.opts.RequireTLS = true
	if _, err := f.ex(t).Execute(context.Background(), request(`{"subject":"s","body":"b"}`)); !errors.Is(err, action.ErrPermanent) {
		t.Fatalf("RequireTLS without STARTTLS: err = %v, want permanent", err)
	}
}

func TestSentRecordPreventsSecondEmail(t *testing.T) {
	f := setup(t, secure())
	ex := f.ex(t)
	req := request(reportParams)
	if _, err := ex.Execute(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	// The engine lost the outcome: it reconciles, then may even execute again.
	res, done, err := ex.Reconcile(context.Background(), req)
	if err != nil || !done || !strings.Contains(res.Summary, "Already emailed") {
		t.Fatalf("Reconcile = %q, %v, %v; want done", res.Summary, done, err)
	}
	if _, err := ex.Execute(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if n := len(f.relay.Messages()); n != 1 {
		t.Errorf("messages = %d, want 1", n)
	}
	if n := f.relay.Count("CONN"); n != 1 {
		t.Errorf("connections = %d, want 1", n)
	}
}

// The documented window: the relay accepted the message but its 250 was
// lost, so nothing was recorded; the retry sends again, and the duplicate
// carries the same Message-ID.
func TestLostFinalReplyResendsWithSameMessageID(t *testing.T) {
	f := setup(t, secure())
	f.relay.DropNext(1)
	ex := f.ex(t)
	req := request(reportParams)
	_, err := ex.Execute(context.Background(), req)
	if err == nil || errors.Is(err, action.ErrPermanent) {
		t.Fatalf("lost 250: err = %v, want retryable", err)
	}
	if _, done, err := ex.Reconcile(context.Background(), req); err != nil || done {
		t.Fatalf("Reconcile = %v, %v; want not done (no record)", done, err)
	}
	if _, err := ex.Execute(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	msgs := f.relay.Messages()
	if len(msgs) != 2 || msgs[0].MessageID() != msgs[1].MessageID() || msgs[0].MessageID() != email.MessageID(key) {
		t.Fatalf("messages = %d with ids %q; want the duplicate to share the deterministic id", len(msgs), ids(msgs))
	}
}

func ids(ms []sandbox.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.MessageID())
	}
	return out
}

func TestRelayReplies(t *testing.T) {
	for _, tc := range []struct {
		name      string
		prep      func(*sandbox.Server, *email.Options)
		permanent bool
	}{
		{"421 at data: retryable", func(s *sandbox.Server, _ *email.Options) { s.FailNext(1, 421) }, false},
		{"451 at data: retryable", func(s *sandbox.Server, _ *email.Options) { s.FailNext(1, 451) }, false},
		{"550 at data: permanent", func(s *sandbox.Server, _ *email.Options) { s.FailNext(1, 550) }, true},
		{"450 for a recipient: retryable", func(s *sandbox.Server, _ *email.Options) { s.RefuseRecipient("cfo@example.com", 450) }, false},
		{"every recipient refused: permanent", func(s *sandbox.Server, _ *email.Options) {
			s.RefuseRecipient("cfo@example.com", 550)
			s.RefuseRecipient("support@example.com", 550)
		}, true},
		{"wrong password: permanent", func(_ *sandbox.Server, o *email.Options) { o.Password = "wrong" }, true},
		{"untrusted certificate: permanent", func(_ *sandbox.Server, o *email.Options) { o.TLSConfig = nil }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, secure())
			tc.prep(f.relay, &f.opts)
			_, err := f.ex(t).Execute(context.Background(), request(reportParams))
			if err == nil || errors.Is(err, action.ErrPermanent) != tc.permanent {
				t.Fatalf("err = %v, want permanent=%v", err, tc.permanent)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("error leaks the password: %v", err)
			}
			if n := len(f.relay.Messages()); n != 0 {
				t.Errorf("messages = %d, want 0", n)
			}
		})
	}
}

func TestRetryAfterTemporaryFailureSendsOnce(t *testing.T) {
	f := setup(t, secure())
	f.relay.FailNext(1, 451)
	ex := f.ex(t)
	if _, err := ex.Execute(context.Background(), request(reportParams)); err == nil {
		t.Fatal("want the 451")
	}
	if _, err := ex.Execute(context.Background(), request(reportParams)); err != nil {
		t.Fatal(err)
	}
	if n := len(f.relay.Messages()); n != 1 {
		t.Errorf("messages = %d, want 1", n)
	}
}

func TestOneRefusedRecipientDoesNotStopTheOthers(t *testing.T) {
	f := setup(t, secure())
	f.relay.RefuseRecipient("cfo@example.com", 550)
	res, err := f.ex(t).Execute(context.Background(), request(reportParams))
	if err != nil {
		t.Fatal(err)
	}
	if m := f.relay.Messages(); len(m) != 1 || fmt.Sprint(m[0].To) != "[support@example.com]" {
		t.Fatalf("messages = %+v", m)
	}
	if !strings.Contains(res.Summary, "refused 1") || !strings.Contains(string(res.Detail), `"refused":["cfo@example.com"]`) {
		t.Errorf("result = %q %s", res.Summary, res.Detail)
	}
}

func TestInvalidActionsArePermanent(t *testing.T) {
	noStakeholders := func(_ context.Context, id string) (facts.Incident, error) {
		return facts.Incident{ID: id, Stakeholders: []string{"nobody"}}, nil
	}
	for _, tc := range []struct {
		name string
		src  facts.Source
		req  action.Request
	}{
		{"header injection", testBrief, request(`{"subject":"hi\r\nBcc: evil@example.com","body":"b"}`)},
		{"empty subject", testBrief, request(`{"subject":" ","body":"b"}`)},
		{"empty body", testBrief, request(`{"subject":"s","body":"\n"}`)},
		{"not JSON", testBrief, request(`"x"`)},
		{"wrong target", testBrief, func() action.Request { r := request(reportParams); r.Action.Target = "email:incident-7"; return r }()},
		{"no stakeholder address", noStakeholders, request(reportParams)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, secure())
			ex, err := email.New(tc.src, f.opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ex.Execute(context.Background(), tc.req); !errors.Is(err, action.ErrPermanent) {
				t.Fatalf("err = %v, want ErrPermanent", err)
			}
			if n := f.relay.Count("CONN"); n != 0 {
				t.Errorf("connections = %d, want 0", n)
			}
		})
	}
}

func TestNewValidatesOptions(t *testing.T) {
	for _, o := range []email.Options{
		{Addr: "smtp.example.com", From: "warroom@example.com"},
		{Addr: "smtp.example.com:587", From: "WarRoom <warroom@example.com>"},
		{Addr: "smtp.example.com:587", From: ""},
	} {
		if _, err := email.New(testBrief, o); err == nil {
			t.Errorf("New(%+v) = nil error", o)
		}
	}
}

func TestMessageID(t *testing.T) {
	if got := email.MessageID(key); got != "<"+key+"@warroom>" {
		t.Errorf("MessageID = %q", got)
	}
	if got := email.MessageID("a b<c>@d"); got != "<a_b_c__d@warroom>" {
		t.Errorf("MessageID of an odd key = %q", got)
	}
}
