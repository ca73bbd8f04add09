// Package benchenv holds what the load scripts under bench/ share: a scratch
// database per run and waiting for a server to be ready.
package benchenv

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/config"
)

// ScratchDB makes an empty database for one run on engine ("sqlite": a file
// in a temporary directory; "postgres": a new database on the server pgAdmin
// names) and returns its DSN and a function that removes it.
func ScratchDB(engine, pgAdmin, prefix string) (string, func(), error) {
	switch engine {
	case "sqlite":
		dir, err := os.MkdirTemp("", prefix+"-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "warroom.db"), func() { os.RemoveAll(dir) }, nil
	case "postgres":
		ctx := context.Background()
		admin, err := pgx.Connect(ctx, pgAdmin)
		if err != nil {
			return "", nil, fmt.Errorf("connect to %s: %w", pgAdmin, err)
		}
		name := prefix + "_" + RandomHex(6)
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
			admin.Close(ctx)
			return "", nil, fmt.Errorf("create database %s: %w", name, err)
		}
		admin.Close(ctx)
		u, err := url.Parse(pgAdmin)
		if err != nil {
			return "", nil, err
		}
		u.Path = "/" + name
		return u.String(), func() {
			if c, err := pgx.Connect(ctx, pgAdmin); err == nil {
				_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
				c.Close(ctx)
			}
		}, nil
	}
	return "", nil, fmt.Errorf("unknown engine %q (want sqlite or postgres)", engine)
}

// WaitReady polls base's /readyz until it answers 200, for up to a minute.
func WaitReady(base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("server not ready after 60s")
}

// RandomHex is n random bytes in hex, for names unique to a run.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// AlertmanagerWebhook is the n-th Alertmanager v4 webhook of a run, with
// perReq distinct alerts spread over services.
func AlertmanagerWebhook(runID string, n int64, perReq, services int) []byte {
	var b bytes.Buffer
	svc := fmt.Sprintf("svc-%02d", n%int64(services))
	fmt.Fprintf(&b, `{"version":"4","groupKey":"{}:{service=%s}","truncatedAlerts":0,"status":"firing","receiver":"warroom",`+
		`"groupLabels":{"service":%q},"commonLabels":{"service":%q,"severity":"critical"},"commonAnnotations":{},`+
		`"externalURL":"http://alertmanager.local:9093","alerts":[`, svc, svc, svc)
	for i := range perReq {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"status":"firing","labels":{"alertname":"HighErrorRate","service":%q,"severity":"critical","instance":"pod-%d-%d"},`+
			`"annotations":{"summary":"%s error ratio above 5%%","description":"5xx ratio 7.3%% over 5m"},`+
			`"startsAt":"2026-11-20T02:10:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.local/graph",`+
			`"fingerprint":"%s%08x%04x"}`, svc, n, i, svc, runID, n, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// Serve starts WarRoom in-process with cfg on a free loopback port, waits
// until it is ready, and returns its base URL and a function that stops it
// and returns what serving ended with.
func Serve(cfg config.Config) (base string, stop func() error, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	cfg.Addr = ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.WithListener(ln))
	}()
	stop = func() error {
		cancel()
		if err := <-served; err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	}
	base = "http://" + cfg.Addr
	if err := WaitReady(base); err != nil {
		_ = stop()
		return "", nil, err
	}
	return base, stop, nil
}

// SignIn starts a demo session as engineer on base (a server with the demo
// sign-in) and returns a client carrying it.
func SignIn(base, engineer string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"engineer": {engineer}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign in as %s: %d", engineer, resp.StatusCode)
	}
	return c, nil
}
