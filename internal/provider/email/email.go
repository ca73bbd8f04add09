// Package email sends an incident's stakeholder status report (the
// stakeholder_email action) through an SMTP relay with net/smtp: STARTTLS
// whenever the relay offers it, AUTH PLAIN with the relay credentials from
// Options. The message comes from a configured sender address "on behalf of"
// the approving engineer, who is its Reply-To.
//
// It is not a credentialed executor: the relay credentials belong to the
// deployment (the app reads them from the environment), not to a person.
//
// Idempotency: SMTP has no idempotency key and no way to ask a relay what it
// delivered. The Message-ID is derived from the idempotency key (MessageID),
// so a duplicate is recognisable by recipients and their mail systems, and a
// local sent-record (the Sent interface) is written after the relay's final
// 250. Reconcile can only consult that record. The one window left is a
// crash (or a lost 250) after the relay accepted the message and before the
// record was written: the retry then sends the message again, with the same
// Message-ID.
package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/provider/facts"
)

// Sent is the local record of messages the relay accepted, by idempotency key.
type Sent interface {
	Sent(ctx context.Context, key string) (bool, error)
	MarkSent(ctx context.Context, key string) error
}

// MemorySent is a Sent kept in memory: it survives retries within one
// process, not a restart. A deployment should back Sent with its store.
type MemorySent struct {
	mu   sync.Mutex
	keys map[string]bool
}

// NewMemorySent returns an empty in-memory record.
func NewMemorySent() *MemorySent { return &MemorySent{keys: map[string]bool{}} }

// Sent reports whether key was marked.
func (m *MemorySent) Sent(_ context.Context, key string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.keys[key], nil
}

// MarkSent records key.
func (m *MemorySent) MarkSent(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys[key] = true
	return nil
}

// Options configures the Executor.
type Options struct {
	// Addr is the relay, "host:port" (required; 587 or 25: STARTTLS, not implicit TLS).
	Addr string
	// Username and Password enable AUTH PLAIN (only over TLS, or to a loopback relay).
	Username, Password string
	// From is the sender address (required), e.g. "warroom@example.com".
	From string
	// FromName is the sender's display name ("" = "WarRoom"); the approver's
	// name is put before it: "Alice Smith via WarRoom".
	FromName string
	// People resolves the approver's roster handle to their name and email.
	People func(handle string) (facts.Person, bool)
	// Sent records accepted messages (nil = NewMemorySent()).
	Sent Sent
	// TLSConfig is used for STARTTLS (nil = verify the relay's certificate for Addr's host).
	TLSConfig *tls.Config
	// RequireTLS refuses to send when the relay does not offer STARTTLS.
	RequireTLS bool
	// HeloName is the name sent in EHLO ("" = "localhost").
	HeloName string
	// Timeout bounds one send when ctx has no deadline (0 = 30 s).
	Timeout time.Duration
	Now     func() time.Time
	Logger  *slog.Logger
}

// Executor sends stakeholder_email actions.
type Executor struct {
	brief facts.Source
	opts  Options
	host  string
}

var _ action.Executor = (*Executor)(nil)

// New returns the stakeholder_email executor; src resolves the incident's facts.
func New(src facts.Source, opts Options) (*Executor, error) {
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil || host == "" {
		return nil, fmt.Errorf("email: relay address %q: want host:port", opts.Addr)
	}
	if a, err := mail.ParseAddress(opts.From); err != nil || a.Name != "" {
		return nil, fmt.Errorf("email: sender %q: want a bare address", opts.From)
	}
	if opts.FromName == "" {
		opts.FromName = "WarRoom"
	}
	if opts.Sent == nil {
		opts.Sent = NewMemorySent()
	}
	if opts.HeloName == "" {
		opts.HeloName = "localhost"
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Executor{brief: src, opts: opts, host: host}, nil
}

// Params are stakeholder_email's params (see agent.ActionTools).
type Params struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// MessageID is the Message-ID for an idempotency key: "<key@warroom>", with
// any character outside [A-Za-z0-9._-] replaced so it stays a valid id.
func MessageID(idempotencyKey string) string {
	return "<" + unsafeID.ReplaceAllString(idempotencyKey, "_") + "@warroom>"
}

// Execute sends the report unless the sent-record says an earlier attempt did.
func (e *Executor) Execute(ctx context.Context, req action.Request) (action.Result, error) {
	m, err := e.prepare(ctx, req)
	if err != nil {
		return action.Result{}, err
	}
	if sent, err := e.opts.Sent.Sent(ctx, req.IdempotencyKey); err != nil {
		return action.Result{}, fmt.Errorf("read sent record: %w", err)
	} else if sent {
		return m.result(nil, true), nil
	}
	refused, err := e.send(ctx, m)
	if err != nil {
		return action.Result{}, err
	}
	if err := e.opts.Sent.MarkSent(ctx, req.IdempotencyKey); err != nil {
		// The relay has the message; failing now would only send it again.
		e.opts.Logger.Warn("email sent but not recorded", "action_id", req.Action.ID, "err", err)
	}
	return m.result(refused, false), nil
}

// Reconcile consults the local sent-record, the only witness SMTP leaves.
func (e *Executor) Reconcile(ctx context.Context, req action.Request) (action.Result, bool, error) {
	m, err := e.prepare(ctx, req)
	if err != nil {
		return action.Result{}, false, err
	}
	sent, err := e.opts.Sent.Sent(ctx, req.IdempotencyKey)
	if err != nil || !sent {
		return action.Result{}, false, err
	}
	return m.result(nil, true), true, nil
}

// message is one prepared email.
type message struct {
	id       string
	incident string
	subject  string
	to       []string // bare addresses
	invalid  []string // stakeholder entries that are not addresses
	from     mail.Address
	replyTo  *mail.Address
	data     []byte
	approver string // name, else handle
}

func (e *Executor) prepare(ctx context.Context, req action.Request) (*message, error) {
	var p Params
	if err := json.Unmarshal(req.Action.Params, &p); err != nil {
		return nil, fmt.Errorf("stakeholder_email params: %v: %w", err, action.ErrPermanent)
	}
	p.Subject = strings.TrimSpace(p.Subject)
	switch {
	case p.Subject == "" || len([]rune(p.Subject)) > 200:
		return nil, fmt.Errorf("stakeholder_email: subject must have 1 to 200 characters: %w", action.ErrPermanent)
	case strings.ContainsAny(p.Subject, "\r\n"):
		return nil, fmt.Errorf("stakeholder_email: subject has a line break: %w", action.ErrPermanent)
	case strings.TrimSpace(p.Body) == "" || len([]rune(p.Body)) > 20000:
		return nil, fmt.Errorf("stakeholder_email: body must have 1 to 20000 characters: %w", action.ErrPermanent)
	case req.IdempotencyKey == "":
		return nil, fmt.Errorf("stakeholder_email: no idempotency key: %w", action.ErrPermanent)
	}
	a := req.Action
	id, ok := strings.CutPrefix(a.Target, "email:incident-")
	if !ok || id == "" || id != a.IncidentID {
		return nil, fmt.Errorf("target %q is not email:incident-%s: %w", a.Target, a.IncidentID, action.ErrPermanent)
	}
	inc, err := e.brief(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("brief of incident %s: %w", id, err)
	}

	m := &message{id: MessageID(req.IdempotencyKey), incident: inc.ID, subject: p.Subject}
	seen := map[string]bool{}
	for _, s := range inc.Stakeholders {
		addr, err := mail.ParseAddress(s)
		if err != nil {
			m.invalid = append(m.invalid, s)
			continue
		}
		if k := strings.ToLower(addr.Address); !seen[k] {
			seen[k] = true
			m.to = append(m.to, addr.Address)
		}
	}
	if len(m.to) == 0 {
		return nil, fmt.Errorf("stakeholder_email: incident %s has no stakeholder address (service %q): %w", inc.ID, inc.Service, action.ErrPermanent)
	}

	m.from = mail.Address{Name: e.opts.FromName, Address: e.opts.From}
	approver := facts.Person{Handle: req.RunAs}
	if e.opts.People != nil {
		if pp, ok := e.opts.People(req.RunAs); ok {
			approver = pp
		}
	}
	if approver.Name != "" {
		m.from.Name = approver.Name + " via " + e.opts.FromName
	}
	if approver.Email != "" {
		if ra, err := mail.ParseAddress(approver.Email); err == nil {
			m.replyTo = &mail.Address{Name: approver.Name, Address: ra.Address}
		}
	}
	m.approver = approver.Name
	if m.approver == "" {
		m.approver = approver.Handle
	}
	m.data = e.render(m, inc, p, approver)
	return m, nil
}

// render builds the RFC 5322 message with CRLF line ends.
func (e *Executor) render(m *message, inc facts.Incident, p Params, approver facts.Person) []byte {
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", m.from.String())
	if m.replyTo != nil {
		h("Reply-To", m.replyTo.String())
	}
	h("To", strings.Join(m.to, ", "))
	h("Subject", mime.QEncoding.Encode("utf-8", m.subject))
	h("Date", e.opts.Now().Format(time.RFC1123Z))
	h("Message-ID", m.id)
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("X-WarRoom-Incident", unsafeID.ReplaceAllString(inc.ID, "_"))
	if approver.Handle != "" {
		h("X-WarRoom-Approved-By", unsafeID.ReplaceAllString(approver.Handle, "_"))
	}
	b.WriteString("\r\n")

	body := strings.TrimRight(strings.ReplaceAll(p.Body, "\r\n", "\n"), "\n")
	footer := fmt.Sprintf("\n\n-- \nSent by WarRoom for incident %s (%s)", inc.ID, inc.Title)
	if m.approver != "" {
		footer += " on behalf of " + m.approver + ", who approved it"
	}
	footer += "."
	if inc.URL != "" {
		footer += "\n" + inc.URL
	}
	qp := quotedprintable.NewWriter(&b)
	_, _ = io.WriteString(qp, strings.ReplaceAll(body+footer, "\n", "\r\n")+"\r\n")
	_ = qp.Close()
	return b.Bytes()
}

func (m *message) result(refused []string, reconciled bool) action.Result {
	delivered := len(m.to) - len(refused)
	detail, _ := json.Marshal(map[string]any{
		"message_id": m.id, "subject": m.subject, "recipients": m.to, "refused": refused, "invalid": m.invalid,
		"from": m.from.String(), "reconciled": reconciled,
	})
	s := fmt.Sprintf("Emailed %d stakeholders %q for incident %s", delivered, m.subject, m.incident)
	if reconciled {
		s = fmt.Sprintf("Already emailed stakeholders %q for incident %s (local sent record)", m.subject, m.incident)
	}
	if len(refused) > 0 {
		s += fmt.Sprintf("; the relay refused %d", len(refused))
	}
	return action.Result{Summary: s, Detail: detail}
}

// send delivers m, returning the recipients the relay refused permanently.
// Replies map to errors: 4xx retryable, 5xx action.ErrPermanent.
func (e *Executor) send(ctx context.Context, m *message) (refused []string, err error) {
	d := net.Dialer{Timeout: e.opts.Timeout}
	conn, err := d.DialContext(ctx, "tcp", e.opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("connect to smtp relay: %w", err)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(e.opts.Timeout)
	}
	_ = conn.SetDeadline(deadline)
	// net/smtp knows no context: a cancelled ctx ends the exchange via the deadline.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()

	c, err := smtp.NewClient(conn, e.host)
	if err != nil {
		conn.Close()
		return nil, classify("smtp greeting", err)
	}
	defer c.Close()
	if err := c.Hello(e.opts.HeloName); err != nil {
		return nil, classify("smtp EHLO", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := &tls.Config{}
		if e.opts.TLSConfig != nil {
			cfg = e.opts.TLSConfig.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = e.host
		}
		if err := c.StartTLS(cfg); err != nil {
			var ce *tls.CertificateVerificationError
			if errors.As(err, &ce) {
				return nil, fmt.Errorf("smtp STARTTLS: %w: %w", action.ErrPermanent, err)
			}
			return nil, classify("smtp STARTTLS", err)
		}
	} else if e.opts.RequireTLS {
		return nil, fmt.Errorf("smtp relay %s offers no STARTTLS and TLS is required: %w", e.opts.Addr, action.ErrPermanent)
	}
	if e.opts.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return nil, fmt.Errorf("smtp relay %s offers no AUTH: %w", e.opts.Addr, action.ErrPermanent)
		}
		if err := c.Auth(smtp.PlainAuth("", e.opts.Username, e.opts.Password, e.host)); err != nil {
			var te *textproto.Error
			var ne net.Error
			if !errors.As(err, &te) && !errors.As(err, &ne) {
				// net/smtp refused to send the password (no TLS to a remote relay).
				return nil, fmt.Errorf("smtp AUTH: %v: %w", err, action.ErrPermanent)
			}
			return nil, classify("smtp AUTH", err)
		}
	}
	if err := c.Mail(e.opts.From); err != nil {
		return nil, classify("smtp MAIL FROM", err)
	}
	for _, to := range m.to {
		err := c.Rcpt(to)
		var te *textproto.Error
		switch {
		case err == nil:
		case errors.As(err, &te) && te.Code >= 500:
			refused = append(refused, to) // the others still get the report
		default:
			return nil, classify("smtp RCPT TO", err)
		}
	}
	if len(refused) == len(m.to) {
		return refused, fmt.Errorf("smtp relay refused every recipient: %w", action.ErrPermanent)
	}
	w, err := c.Data()
	if err != nil {
		return nil, classify("smtp DATA", err)
	}
	if _, err := w.Write(m.data); err != nil {
		return nil, classify("smtp message", err)
	}
	// Close ends the data and reads the relay's final reply: the 250 that matters.
	if err := w.Close(); err != nil {
		return nil, classify("smtp end of data", err)
	}
	_ = c.Quit() // the message is accepted; a failed QUIT changes nothing
	return refused, nil
}

// classify wraps an SMTP reply: 5xx permanent, 4xx and I/O errors retryable.
func classify(op string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return fmt.Errorf("%s: %w: %w", op, action.ErrPermanent, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
