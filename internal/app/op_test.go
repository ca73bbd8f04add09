package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/browsertest"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/identity/oidctest"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

const opAPI = "https://warroom.test/api"

// opServer is WarRoom signed in through a real OpenID provider (zitadel's
// op): the dashboard client "warroom" with its callback at a provider-style
// path, and a CLI client "warroom-cli" that gets JWT access tokens for the API.
type opServer struct {
	op   *oidctest.Provider
	base string
}

func startWithOP(t *testing.T, d store.Dialect) *opServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	p := oidctest.New(t, oidctest.Options{
		Users: []oidctest.User{
			{Subject: "op|alice", Username: "alice", Password: "alice-pw", Name: "Alice Ng"},
			{Subject: "op|mallory", Username: "mallory", Password: "mallory-pw"},
		},
		Clients: []oidctest.Client{
			{ID: "warroom", Secret: "warroom-secret", RedirectURIs: []string{base + "/auth/oidc/callback"}},
			{ID: "warroom-cli", Secret: "cli-secret", RedirectURIs: []string{"http://127.0.0.1:1/cb"}, Audience: opAPI,
				JWTAccessTokens: true, Scopes: []string{"read:incidents", "approve:actions", "manage:incidents"}},
			{ID: "opaque-cli", Secret: "opaque-secret", RedirectURIs: []string{"http://127.0.0.1:1/cb"}, Audience: opAPI,
				Scopes: []string{"read:incidents"}},
		},
	})
	dsn := storetest.DSN(t, d)
	storetest.OpenDSN(t, dsn)
	cfg := config.Default()
	cfg.DB, cfg.ShutdownTimeout = dsn, 10*time.Second
	cfg.Auth = config.Auth{Issuer: p.Issuer, Audience: opAPI, ClientID: "warroom", ClientSecret: "warroom-secret",
		RedirectURL: base + "/auth/oidc/callback", CookieSecret: "0123456789abcdef0123456789abcdef"}
	cfg.Team = config.Team{
		Engineers: []config.Engineer{{ID: "alice", Name: "Alice Ng", Subject: "op|alice"}, {ID: "bob", Subject: "op|bob"}},
		Rotations: []config.Rotation{{Name: "primary", Members: []string{"alice"}, Start: time.Now().Add(-time.Hour), ShiftHours: 24}},
		Services:  []config.Service{{Name: "checkout-api", Tier: 1}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.WithListener(ln))
	}()
	t.Cleanup(func() { cancel(); <-done })
	waitReady(t, base)
	return &opServer{op: p, base: base}
}

// token signs username in with a client (no browser) and returns the
// access token the op issued.
func (s *opServer) token(t *testing.T, clientID, username, password string, scopes ...string) string {
	t.Helper()
	tok, err := s.op.CodeFlow(context.Background(), clientID, "http://127.0.0.1:1/cb", username, password, append([]string{"openid"}, scopes...)...)
	if err != nil {
		t.Fatalf("%s signs in at the op: %v", username, err)
	}
	return tok.AccessToken
}

// TestAPIAcceptsOPAccessTokens: JWT access tokens minted by the op are
// accepted by the API with their scopes, and refused when anything is off.
func TestAPIAcceptsOPAccessTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := startWithOP(t, d)
		good := s.token(t, "warroom-cli", "alice", "alice-pw", "read:incidents", "approve:actions")
		claims := jwtClaims(t, good)
		if claims["iss"] != s.op.Issuer || claims["scope"] != "read:incidents approve:actions" || !strings.Contains(fmt.Sprint(claims["aud"]), opAPI) {
			t.Fatalf("the op's access token claims = %v", claims)
		}
		approveOnly := s.token(t, "warroom-cli", "alice", "alice-pw", "approve:actions")
		mallory := s.token(t, "warroom-cli", "mallory", "mallory-pw", "read:incidents")
		opaque := s.token(t, "opaque-cli", "alice", "alice-pw", "read:incidents")
		s.op.SetFaults(oidctest.Faults{Audience: []string{"https://another.api"}})
		otherAPI := s.token(t, "warroom-cli", "alice", "alice-pw", "read:incidents")
		s.op.SetFaults(oidctest.Faults{AccessTokenTTL: -time.Hour})
		expired := s.token(t, "warroom-cli", "alice", "alice-pw", "read:incidents")
		s.op.SetFaults(oidctest.Faults{Issuer: "http://evil.example"})
		foreignIss := s.token(t, "warroom-cli", "alice", "alice-pw", "read:incidents")
		s.op.SetFaults(oidctest.Faults{})

		// The callback is served at redirect_url's path, and only there.
		for path, want := range map[string]int{"/auth/oidc/callback?code=x&state=y": 400, "/callback?code=x&state=y": 404} {
			resp, err := http.Get(s.base + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want || (want == 400 && resp.Header.Get("X-Frame-Options") != "DENY") {
				t.Errorf("GET %s = %d (X-Frame-Options %q), want %d", path, resp.StatusCode, resp.Header.Get("X-Frame-Options"), want)
			}
		}

		for _, tc := range []struct {
			name, token string
			want        int
		}{
			{"alice with read:incidents", good, 200},
			{"tampered: scope widened after signing", tamper(t, good, "scope", "read:incidents approve:actions manage:incidents"), 401},
			{"tampered: another subject", tamper(t, good, "sub", "op|bob"), 401},
			{"missing read:incidents", approveOnly, 403},
			{"subject not on the roster", mallory, 401},
			{"opaque access token", opaque, 401},
			{"audience of another API", otherAPI, 401},
			{"expired", expired, 401},
			{"another issuer", foreignIss, 401},
		} {
			var body struct{ Incidents []json.RawMessage }
			if got := call(t, "GET", s.base+"/v1/incidents", tc.token, "", &body); got != tc.want {
				t.Errorf("%s: GET /v1/incidents = %d, want %d", tc.name, got, tc.want)
			}
		}
	})
}

func jwtClaims(t *testing.T, raw string) map[string]any {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %d parts", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// tamper rewrites one claim and keeps the op's signature.
func tamper(t *testing.T, raw, claim, value string) string {
	t.Helper()
	c := jwtClaims(t, raw)
	c[claim] = value
	b, _ := json.Marshal(c)
	parts := strings.Split(raw, ".")
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(b) + "." + parts[2]
}

// TestBrowserSignInThroughOP: Chromium signs in through the op's login form
// and lands on the dashboard as alice; another origin cannot sign her out;
// the dashboard's own Sign out can.
func TestBrowserSignInThroughOP(t *testing.T) {
	chrome := browsertest.Chromium(t)
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := startWithOP(t, d)
		// A page on another origin (same site: 127.0.0.1, another port)
		// whose form posts to WarRoom's /logout.
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><title>evil</title><form method="post" action="%s/logout"><button id="go">win a prize</button></form>`, s.base)
		}))
		t.Cleanup(evil.Close)

		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox,
			chromedp.Headless, chromedp.DisableGPU, chromedp.Flag("disable-dev-shm-usage", true))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		t.Cleanup(cancelAlloc)
		ctx, cancel := chromedp.NewContext(alloc)
		t.Cleanup(cancel)
		ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
		t.Cleanup(cancelT)
		run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			if err := chromedp.Do(ctx, steps...); err != nil {
				text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
				loc, _ := chromedp.Run(ctx, chromedp.Location())
				t.Fatalf("%s: %v\nat %s:\n%s", what, err, loc, text)
			}
		}
		// waitFor polls expr across the navigation a form submission starts.
		waitFor := func(what, expr string) {
			t.Helper()
			deadline := time.Now().Add(15 * time.Second)
			for {
				if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
					return
				}
				if time.Now().After(deadline) {
					loc, _ := chromedp.Run(ctx, chromedp.Location())
					text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + ' ' + document.body.innerText`))
					t.Fatalf("%s: %s still false at %s: %s", what, expr, loc, text)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		signedInAs := func() string {
			t.Helper()
			run("open the dashboard", chromedp.Navigate(s.base+"/"), chromedp.WaitReady(chromedp.CSS("body")))
			who, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('signed-in-as') || {dataset: {}}).dataset.engineer || ''`))
			if err != nil {
				t.Fatal(err)
			}
			return who
		}

		run("sign in at the op",
			chromedp.Navigate(s.base+"/login"),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), "alice"),
			chromedp.SendKeys(chromedp.ID("password"), "alice-pw"),
			chromedp.Click(chromedp.ID("submit")),
			chromedp.WaitVisible(chromedp.ID("signed-in-as")))
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil || loc != s.base+"/" {
			t.Fatalf("after sign-in the browser is at %q (%v), want the dashboard", loc, err)
		}
		if who := signedInAs(); who != "alice" {
			t.Fatalf("dashboard shows %q, want alice", who)
		}

		run("another origin posts to /logout", chromedp.Navigate(evil.URL), chromedp.Click(chromedp.ID("go")))
		waitFor("the cross-origin logout is refused", `location.pathname === '/logout' && !!document.body && document.body.innerText.includes('cross_origin')`)
		if who := signedInAs(); who != "alice" {
			t.Fatalf("a cross-origin POST /logout ended the session: dashboard shows %q", who)
		}

		run("sign out from the dashboard", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
		waitFor("signed out", `!!document.getElementById('signed-out')`)
		if who := signedInAs(); who != "" {
			t.Fatalf("after Sign out the dashboard shows %q", who)
		}
	})
}

// A redirect_url on one of WarRoom's own routes is refused at startup
// (configuration files are checked earlier, by config validation).
func TestServeRefusesCallbackOnOwnRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		p := oidctest.New(t, oidctest.Options{})
		dsn := storetest.DSN(t, d)
		storetest.OpenDSN(t, dsn)
		for _, redirect := range []string{"http://127.0.0.1:1/logout", "http://127.0.0.1:1/v1/incidents", "http://127.0.0.1:1/"} {
			cfg := config.Default()
			cfg.DB, cfg.ShutdownTimeout = dsn, 10*time.Second
			cfg.Auth = config.Auth{Issuer: p.Issuer, Audience: opAPI, ClientID: "warroom", ClientSecret: "s",
				RedirectURL: redirect, CookieSecret: "0123456789abcdef0123456789abcdef"}
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			err = app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.WithListener(ln))
			cancel()
			ln.Close()
			if err == nil || !strings.Contains(err.Error(), "auth.redirect_url") {
				t.Errorf("redirect_url %s: Serve = %v, want an auth.redirect_url error", redirect, err)
			}
		}
	})
}
