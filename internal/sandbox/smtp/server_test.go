package smtp

import (
	"errors"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
)

func start(t *testing.T, o Options) *Server {
	t.Helper()
	s, err := NewServer(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// send is one message through net/smtp, with STARTTLS when offered.
func send(s *Server, user, pass, to string) error {
	c, err := smtp.Dial(s.Addr())
	if err != nil {
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := s.ClientTLSConfig()
		cfg.ServerName = "127.0.0.1"
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	}
	if user != "" {
		if err := c.Auth(smtp.PlainAuth("", user, pass, "127.0.0.1")); err != nil {
			return err
		}
	}
	if err := c.Mail("from@example.com"); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte("Message-ID: <m1@x>\r\nSubject: hi\r\n\r\nbody\r\n")); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func code(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

func TestRelay(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       Options
		prep       func(*Server)
		user, pass string
		wantCode   int // 0: accepted; -1: a non-SMTP error (dropped connection)
		wantMsgs   int
	}{
		{"starttls and auth", Options{StartTLS: true, RequireAuth: true, Users: map[string]string{"u": "p"}}, nil, "u", "p", 0, 1},
		{"auth required", Options{RequireAuth: true}, nil, "", "", 502, 0},
		{"bad password", Options{Users: map[string]string{"u": "p"}}, nil, "u", "x", 535, 0},
		{"421", Options{}, func(s *Server) { s.FailNext(1, 421) }, "", "", 421, 0},
		{"451", Options{}, func(s *Server) { s.FailNext(1, 451) }, "", "", 451, 0},
		{"550", Options{}, func(s *Server) { s.FailNext(1, 550) }, "", "", 550, 0},
		{"refused recipient", Options{}, func(s *Server) { s.RefuseRecipient("TO@example.com", 550) }, "", "", 550, 0},
		{"dropped after accept", Options{}, func(s *Server) { s.DropNext(1) }, "", "", -1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, tc.opts)
			if tc.prep != nil {
				tc.prep(s)
			}
			err := send(s, tc.user, tc.pass, "to@example.com")
			switch got := code(err); {
			case tc.wantCode == 0 && err != nil, tc.wantCode > 0 && got != tc.wantCode, tc.wantCode < 0 && (err == nil || got != 0):
				t.Fatalf("err = %v (code %d), want %d", err, got, tc.wantCode)
			}
			msgs := s.Messages()
			if len(msgs) != tc.wantMsgs {
				t.Fatalf("messages = %d, want %d", len(msgs), tc.wantMsgs)
			}
			if len(msgs) == 1 && (msgs[0].MessageID() != "<m1@x>" || !strings.Contains(string(msgs[0].Data), "body") || msgs[0].User != tc.user ||
				msgs[0].TLS != tc.opts.StartTLS) {
				t.Errorf("message = %+v", msgs[0])
			}
			// The failure was for that message only.
			if tc.wantCode != 0 && tc.prep != nil && tc.name != "refused recipient" {
				if err := send(s, tc.user, tc.pass, "to@example.com"); err != nil {
					t.Errorf("next message: %v", err)
				}
			}
		})
	}
}
