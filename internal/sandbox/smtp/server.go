// Package smtp is an in-process SMTP relay for tests and `warroom demo`,
// built on github.com/emersion/go-smtp. It records every accepted message,
// offers STARTTLS with a self-signed certificate and AUTH PLAIN, and can be
// told to answer the next messages with a given reply (421, 451, 550), to
// refuse a recipient, or to accept a message and drop the connection before
// the final 250 (a lost response). It counts connections and commands.
package smtp

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// Message is one accepted message.
type Message struct {
	From string
	To   []string
	// User is the authenticated username, "" without AUTH.
	User string
	// TLS is whether the message came over STARTTLS.
	TLS  bool
	Data []byte
	// Header is Data's parsed header (nil if it did not parse).
	Header mail.Header
}

// MessageID is the Message-ID header.
func (m Message) MessageID() string {
	if m.Header == nil {
		return ""
	}
	return m.Header.Get("Message-ID")
}

// Options configures the relay.
type Options struct {
	// Users are the accepted AUTH PLAIN credentials (username -> password).
	Users map[string]string
	// RequireAuth refuses MAIL FROM before a successful AUTH.
	RequireAuth bool
	// StartTLS offers STARTTLS with a self-signed certificate for
	// 127.0.0.1 and localhost; ClientTLSConfig trusts it.
	StartTLS bool
	// Domain is the server's greeting name ("" = "localhost").
	Domain string
}

// Server is the relay; every method is safe for concurrent use.
type Server struct {
	opts   Options
	srv    *gosmtp.Server
	ln     net.Listener
	roots  *x509.CertPool
	mu     sync.Mutex
	msgs   []Message
	counts map[string]int
	fails  []failure
	drop   int
	refuse map[string]int // recipient -> reply code
}

type failure struct {
	code int
	msg  string
}

// NewServer builds a relay; Listen starts it.
func NewServer(opts Options) (*Server, error) {
	s := &Server{opts: opts, counts: map[string]int{}, refuse: map[string]int{}}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(s.newSession))
	srv.Domain = opts.Domain
	if srv.Domain == "" {
		srv.Domain = "localhost"
	}
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 100
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if opts.StartTLS {
		cert, roots, err := selfSigned()
		if err != nil {
			return nil, fmt.Errorf("smtp sandbox certificate: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.roots = roots
	} else {
		// Without TLS the relay still takes AUTH: it only ever listens on loopback here.
		srv.AllowInsecureAuth = true
	}
	s.srv = srv
	return s, nil
}

// Listen serves on addr (e.g. "127.0.0.1:0") until Close.
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp sandbox listen: %w", err)
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	go func() { _ = s.srv.Serve(countingListener{ln, s}) }()
	return nil
}

type countingListener struct {
	net.Listener
	s *Server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.s.count("CONN")
	}
	return c, err
}

// Addr is the listening address, "host:port".
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Close stops the relay and its connections.
func (s *Server) Close() error { return s.srv.Close() }

// ClientTLSConfig trusts the relay's certificate (nil without StartTLS).
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.roots == nil {
		return nil
	}
	return &tls.Config{RootCAs: s.roots, MinVersion: tls.VersionTLS12}
}

// FailNext makes the next n messages get this reply to their data instead
// of 250 (e.g. 421, 451, 550); they are not recorded.
func (s *Server) FailNext(n, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := map[int]string{
		421: "Service not available, closing transmission channel",
		451: "Requested action aborted: local error in processing",
		452: "Insufficient system storage",
		550: "Requested action not taken: mailbox unavailable",
		554: "Transaction failed",
	}[code]
	if msg == "" {
		msg = "Injected failure"
	}
	for range n {
		s.fails = append(s.fails, failure{code, msg})
	}
}

// DropNext makes the relay accept and record the next n messages, then
// close the connection before replying 250: the sender cannot know.
func (s *Server) DropNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drop = n
}

// RefuseRecipient answers RCPT TO for addr with code (550 or 450, say).
func (s *Server) RefuseRecipient(addr string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse[strings.ToLower(addr)] = code
}

// Messages returns the accepted messages, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// Count returns how many connections ("CONN") were accepted, or how many
// times cmd ("EHLO", "AUTH", "MAIL", "RCPT", "DATA") was received.
func (s *Server) Count(cmd string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[cmd]
}

func (s *Server) count(cmd string) {
	s.mu.Lock()
	s.counts[cmd]++
	s.mu.Unlock()
}

func (s *Server) newSession(c *gosmtp.Conn) (gosmtp.Session, error) {
	s.count("EHLO") // go-smtp starts a session at each greeting, again after STARTTLS
	return &session{s: s, conn: c}, nil
}

type session struct {
	s    *Server
	conn *gosmtp.Conn
	user string
	from string
	to   []string
}

var _ gosmtp.AuthSession = (*session)(nil)

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(mech string) (sasl.Server, error) {
	se.s.count("AUTH")
	if mech != sasl.Plain {
		return nil, gosmtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		want, ok := se.s.opts.Users[username]
		if !ok || want != password || (identity != "" && identity != username) {
			return gosmtp.ErrAuthFailed
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *gosmtp.MailOptions) error {
	se.s.count("MAIL")
	if se.s.opts.RequireAuth && se.user == "" {
		return gosmtp.ErrAuthRequired
	}
	se.from, se.to = from, nil
	return nil
}

func (se *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	se.s.count("RCPT")
	se.s.mu.Lock()
	code := se.s.refuse[strings.ToLower(to)]
	se.s.mu.Unlock()
	if code != 0 {
		return &gosmtp.SMTPError{Code: code, EnhancedCode: gosmtp.EnhancedCode{code / 100, 1, 1}, Message: "Recipient refused: " + to}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	se.s.count("DATA")
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	if len(se.s.fails) > 0 {
		f := se.s.fails[0]
		se.s.fails = se.s.fails[1:]
		return &gosmtp.SMTPError{Code: f.code, EnhancedCode: gosmtp.EnhancedCode{f.code / 100, 0, 0}, Message: f.msg}
	}
	m := Message{From: se.from, To: slices.Clone(se.to), User: se.user, Data: data}
	_, m.TLS = se.conn.TLSConnectionState()
	if pm, err := mail.ReadMessage(bytes.NewReader(data)); err == nil {
		m.Header = pm.Header
	}
	se.s.msgs = append(se.s.msgs, m)
	if se.s.drop > 0 {
		se.s.drop--
		// Accepted and recorded, but the 250 never reaches the sender.
		_ = se.conn.Conn().Close()
	}
	return nil
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

// selfSigned makes a short-lived certificate for the loopback names.
func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: "warroom sandbox smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(7 * 24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, roots, nil
}
