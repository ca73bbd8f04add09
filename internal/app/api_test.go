package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/warroom/warroom/internal/app"
	"github.com/warroom/warroom/internal/audit"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

// idp is an identity provider's discovery document and key set.
type idp struct {
	srv *httptest.Server
	key *rsa.PrivateKey
}

func newIDP(t *testing.T) *idp {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{key: key}
	mux := http.NewServeMux()
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.issuer(), "jwks_uri": p.srv.URL + "/.well-known/jwks.json",
			"authorization_endpoint": p.srv.URL + "/authorize", "token_endpoint": p.srv.URL + "/oauth/token",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	return p
}

func (p *idp) issuer() string { return p.srv.URL + "/" }

func (p *idp) token(t *testing.T, sub, scope string) string {
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key}, (&jose.SignerOptions{}).WithHeader("kid", "k1").WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jwt.Signed(sig).Claims(map[string]any{"iss": p.issuer(), "sub": sub, "aud": []string{"https://warroom.test/api"},
		"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(), "scope": scope}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestApprovalOverTheAPIConfersIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		p := newIDP(t)
		dsn := storetest.DSN(t, d)
		st := storetest.OpenDSN(t, dsn)
		cfg := config.Default()
		cfg.DB, cfg.ShutdownTimeout = dsn, 10*time.Second
		cfg.Sources = config.Sources{"alertmanager": {Auth: "bearer", Secret: amToken}}
		cfg.Auth = config.Auth{Issuer: p.issuer(), Audience: "https://warroom.test/api"}
		cfg.Team = config.Team{
			Engineers: []config.Engineer{{ID: "alice", Subject: "auth0|alice"}, {ID: "bob", Subject: "auth0|bob"},
				{ID: "dave", Subject: "auth0|dave"}, {ID: "erin", Subject: "auth0|erin"}},
			Rotations: []config.Rotation{{Name: "primary", Members: []string{"alice"}, Start: time.Now().Add(-time.Hour), ShiftHours: 24}},
			Services:  []config.Service{{Name: "checkout-api", Tier: 1}},
		}
		// No authz datastore: visibility still follows the model, on an
		// in-memory OpenFGA built from the team file.
		cfg.Authz.Auditors, cfg.Authz.Admins = []string{"dave"}, []string{"erin"}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- app.Serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.WithListener(ln))
		}()
		t.Cleanup(func() { cancel(); <-done })
		base := "http://" + ln.Addr().String()
		waitReady(t, base)

		post(t, base+"/v1/alerts/alertmanager", amToken, amPayload("firing", "zz"))
		alice := p.token(t, "auth0|alice", "read:incidents approve:actions")
		var approvals []map[string]any
		deadline := time.Now().Add(20 * time.Second)
		for len(approvals) == 0 {
			var body struct{ Approvals []map[string]any }
			call(t, "GET", base+"/v1/approvals", alice, "", &body)
			approvals = body.Approvals
			if time.Now().After(deadline) {
				t.Fatal("the agent proposed nothing for alice")
			}
			time.Sleep(50 * time.Millisecond)
		}
		id := approvals[0]["id"].(string)
		decide := `{"decision":"approved"}`
		forged := hs256WithPublicKey(t, p)
		for _, tc := range []struct {
			name, token string
			want        int
		}{
			{"no token", "", 401},
			{"HS256 signed with the public key", forged, 401},
			{"unknown subject", p.token(t, "auth0|mallory", "read:incidents approve:actions"), 401},
			{"no approve scope", p.token(t, "auth0|alice", "read:incidents"), 403},
			{"bob is not the approver", p.token(t, "auth0|bob", "read:incidents approve:actions"), 403},
			{"alice approves", alice, 200},
			{"alice again", alice, 409},
		} {
			if got := call(t, "POST", base+"/v1/approvals/"+id+"/decision", tc.token, decide, nil); got != tc.want {
				t.Fatalf("%s: status %d, want %d", tc.name, got, tc.want)
			}
		}
		// bob is in no rotation: the incident does not exist for him, over
		// every route, and he cannot close it; dave audits (sees, cannot
		// change); erin administers (may close it), and the entry names her.
		incID := approvals[0]["incident_id"].(string)
		manage := "read:incidents manage:incidents"
		bob, dave, erin := p.token(t, "auth0|bob", manage), p.token(t, "auth0|dave", manage), p.token(t, "auth0|erin", manage)
		for _, tc := range []struct {
			name, method, path, token, body string
			want                            int
		}{
			{"bob reads", "GET", "/v1/incidents/" + incID, bob, "", 404},
			{"bob reads events", "GET", "/v1/incidents/" + incID + "/events", bob, "", 404},
			{"bob invalidates", "POST", "/v1/incidents/" + incID + "/status", bob, `{"status":"invalidated"}`, 404},
			{"dave reads", "GET", "/v1/incidents/" + incID, dave, "", 200},
			{"dave invalidates", "POST", "/v1/incidents/" + incID + "/status", dave, `{"status":"invalidated"}`, 403},
			{"erin mitigates", "POST", "/v1/incidents/" + incID + "/status", erin, `{"status":"mitigating"}`, 200},
		} {
			if got := call(t, tc.method, base+tc.path, tc.token, tc.body, nil); got != tc.want {
				t.Fatalf("%s: status %d, want %d", tc.name, got, tc.want)
			}
		}
		for tok, want := range map[string]int{bob: 0, dave: 1} {
			var list struct{ Incidents []map[string]any }
			call(t, "GET", base+"/v1/incidents", tok, "", &list)
			if len(list.Incidents) != want {
				t.Fatalf("list shows %d incidents, want %d", len(list.Incidents), want)
			}
		}
		var byErin bool
		_ = st.ScanAudit(context.Background(), store.AuditFilter{IncidentID: incID}, func(e audit.Entry) error {
			byErin = byErin || (e.Action == "incident.status:mitigating" && e.Actor.ID == "erin")
			return nil
		})
		if !byErin {
			t.Fatal("no audit entry names erin for the status change")
		}
		acts, _ := st.ListActions(context.Background(), approvals[0]["incident_id"].(string))
		for _, a := range acts {
			if a.ID == approvals[0]["action_id"] && a.ApprovedBy != "alice" {
				t.Fatalf("action runs as %q, want alice", a.ApprovedBy)
			}
		}
	})
}

// hs256WithPublicKey forges a token signed with HMAC keyed by the RSA public
// key, the classic algorithm-confusion attack.
func hs256WithPublicKey(t *testing.T, p *idp) string {
	pub, _ := json.Marshal(jose.JSONWebKey{Key: &p.key.PublicKey})
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: pub}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jwt.Signed(sig).Claims(map[string]any{"iss": p.issuer(), "sub": "auth0|alice", "aud": "https://warroom.test/api",
		"exp": time.Now().Add(time.Hour).Unix(), "scope": "read:incidents approve:actions"}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("not ready")
}

func post(t *testing.T, url, bearer string, body []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 202 {
		t.Fatalf("post %s: %v %v", url, resp, err)
	}
	resp.Body.Close()
}

func call(t *testing.T, method, url, bearer, body string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		_ = json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}
