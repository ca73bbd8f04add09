package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/jackc/pgx/v5"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/demo"
)

// The world the chaos run happens in: the sandbox providers and an identity
// provider, both in this (the parent) process so their state outlives every
// kill; one scratch database for WarRoom and one for OpenFGA; and the
// configuration every child is started with.

const (
	audience   = "https://warroom.chaos/api"
	alertToken = demo.AlertToken
	// subjectPrefix makes an engineer's token subject: "chaos|alice".
	subjectPrefix = "chaos|"
)

// issuer is an OIDC provider's discovery document and key set, and the
// tokens it mints for the team (what an engineer's CLI or app would hold).
type issuer struct {
	srv *http.Server
	url string
	key *rsa.PrivateKey
}

func startIssuer() (*issuer, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("issuer: %w", err)
	}
	p := &issuer{key: key, url: "http://" + ln.Addr().String() + "/"}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.url, "jwks_uri": p.url + ".well-known/jwks.json",
			"authorization_endpoint": p.url + "authorize", "token_endpoint": p.url + "oauth/token",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	p.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *issuer) close() { _ = p.srv.Close() }

// token is an access token for engineer with the scopes an approver's client has.
func (p *issuer) token(engineer string, ttl time.Duration) (string, error) {
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key}, (&jose.SignerOptions{}).WithHeader("kid", "k1").WithType("JWT"))
	if err != nil {
		return "", err
	}
	return jwt.Signed(sig).Claims(map[string]any{"iss": p.url, "sub": subjectPrefix + engineer, "aud": []string{audience},
		"exp": time.Now().Add(ttl).Unix(), "iat": time.Now().Unix(), "scope": "read:incidents approve:actions"}).Serialize()
}

// scratch is a run's databases, removed by cleanup.
type scratch struct {
	dir     string // child logs, SQLite files, the config
	db      string // WarRoom's DSN
	authzDB string // OpenFGA's datastore
	cleanup func()
}

func newScratch(engine, pgAdmin string) (*scratch, error) {
	dir, err := os.MkdirTemp("", "warroom-chaos-")
	if err != nil {
		return nil, err
	}
	s := &scratch{dir: dir, cleanup: func() { _ = os.RemoveAll(dir) }}
	switch engine {
	case "sqlite":
		s.db = "sqlite:" + filepath.Join(dir, "warroom.db")
		s.authzDB = "sqlite:" + filepath.Join(dir, "openfga.db")
		return s, nil
	case "postgres":
		var drops []func()
		for _, dst := range []*string{&s.db, &s.authzDB} {
			dsn, drop, err := createPostgres(pgAdmin)
			if err != nil {
				for _, d := range drops {
					d()
				}
				s.cleanup()
				return nil, err
			}
			*dst, drops = dsn, append(drops, drop)
		}
		rm := s.cleanup
		s.cleanup = func() {
			for _, d := range drops {
				d()
			}
			rm()
		}
		return s, nil
	}
	s.cleanup()
	return nil, fmt.Errorf("unknown -engine %q (want sqlite or postgres)", engine)
}

func createPostgres(pgAdmin string) (string, func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, pgAdmin)
	if err != nil {
		return "", nil, fmt.Errorf("connect to the PostgreSQL admin database: %w", err)
	}
	defer admin.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "warroom_chaos_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(pgAdmin)
	if err != nil {
		return "", nil, fmt.Errorf("parse -pg-admin: %w", err)
	}
	u.Path = "/" + name
	return u.String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, pgAdmin); err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			_ = c.Close(ctx)
		}
	}, nil
}

// serviceName is the i-th service: one per incident, because alerts of one
// service within the grouping window join one incident.
func serviceName(i int) string { return fmt.Sprintf("checkout-api-%03d", i) }

// childConfig is the demo's configuration (sandbox providers, team, known
// issues, authorization grants) plus what the chaos run needs: a service per
// incident, a durable OpenFGA datastore (an in-memory one would forget the
// incident tuples at every kill), and bearer-token auth for the JSON API.
func childConfig(sb *demo.Sandbox, start time.Time, addr, authzDB, issuerURL string, services int) config.Config {
	cfg := config.Default()
	cfg.Addr = addr
	sb.Configure(&cfg, start)
	base := cfg.Team.Services[0]
	key := cfg.Providers.PagerDuty.RoutingKeys[base.Name]
	cfg.Team.Services = nil
	for i := range services {
		s := base
		s.Name = serviceName(i)
		cfg.Team.Services = append(cfg.Team.Services, s)
		cfg.Providers.PagerDuty.RoutingKeys[s.Name] = key
	}
	for i := range cfg.Team.Engineers {
		cfg.Team.Engineers[i].Subject = subjectPrefix + cfg.Team.Engineers[i].ID
	}
	cfg.Authz.Datastore = authzDB
	cfg.Auth = config.Auth{Issuer: issuerURL, Audience: audience}
	return cfg
}

// alertPayload is an Alertmanager webhook for service's checkout error storm
// (the demo's sample alert, one service per incident).
func alertPayload(service string, n int, at time.Time) []byte {
	return []byte(fmt.Sprintf(`{"version":"4","status":"firing","receiver":"warroom","groupKey":"{}:{service=%[1]s}",
"groupLabels":{"alertname":"CheckoutHighErrorRate"},"commonLabels":{"service":%[1]q,"severity":"critical"},
"commonAnnotations":{},"externalURL":"http://alertmanager.chaos",
"alerts":[{"status":"firing","labels":{"alertname":"CheckoutHighErrorRate","service":%[1]q,"severity":"critical","env":"production","route":"/v1/checkout/confirm"},
"annotations":{"summary":"Checkout confirm 5xx ratio at 24%%","description":"POST /v1/checkout/confirm returns 502 for 24%% of requests. The psp client sees HTTP 429 from Adyen and authorise attempts average 3.8 per payment; latency is pinned at the 800ms psp timeout."},
"startsAt":%[2]q,"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.chaos/graph","fingerprint":"chaos%06d"}]}`,
		service, at.UTC().Format(time.RFC3339), n))
}

// slowProviders sits between WarRoom and the sandbox providers: it forwards
// each call at once (the effect lands), then holds the answer back for a
// random moment, and counts the calls it holds. A kill while one is held
// is the hard case: the provider did the thing and WarRoom never heard, so
// the next process must find it instead of doing it again. The hold times
// are not drawn from the run's seed: the seed fixes the kill schedule, and
// no seed could make two processes' timing repeat anyway.
type slowProviders struct {
	url      string
	srv      *http.Server
	held     atomic.Int64
	maxDelay time.Duration
}

func startSlowProviders(target string, maxDelay time.Duration) (*slowProviders, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &slowProviders{url: "http://" + ln.Addr().String(), maxDelay: maxDelay}
	proxy := httputil.NewSingleHostReverseProxy(u)
	p.srv = &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.held.Add(1)
		defer p.held.Add(-1)
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r)
		if p.maxDelay > 0 {
			select {
			case <-time.After(mrand.N(p.maxDelay)):
			case <-r.Context().Done():
				return // the caller died waiting: its answer is lost
			}
		}
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *slowProviders) close() { _ = p.srv.Close() }

// repoint sends every provider URL of cfg through the slow providers.
func repoint(cfg *config.Config, from, to string) {
	swap := func(s *string) { *s = strings.Replace(*s, from, to, 1) }
	swap(&cfg.GitHub.APIURL)
	pr := &cfg.Providers
	swap(&pr.GitHub.APIURL)
	swap(&pr.Slack.APIURL)
	swap(&pr.Zoom.APIURL)
	swap(&pr.Google.CalendarURL)
	swap(&pr.PagerDuty.EventsURL)
}
