package authz

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openfga/openfga/pkg/tuple"

	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newEmbedded(t testing.TB, opts EmbeddedOptions) *Embedded {
	t.Helper()
	e, err := NewEmbedded(ctxT(t), opts)
	if err != nil {
		t.Fatalf("NewEmbedded(%+v): %v", opts, err)
	}
	t.Cleanup(e.Close)
	return e
}

// fgaHTTP serves e's OpenFGA HTTP API behind bearer auth, plus an Auth0-like
// client-credentials token endpoint at /oauth/token.
type fgaHTTP struct {
	*httptest.Server
	tokenCalls atomic.Int32
	apiCalls   atomic.Int32
}

const (
	testClientID     = "warroom-client"
	testClientSecret = "s3cret"
	testIssuedToken  = "issued-token-123"
	testStaticToken  = "preshared-key-456"
)

func serveHTTP(t testing.TB, e *Embedded) *fgaHTTP {
	t.Helper()
	api, err := e.HTTPHandler(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	f := &fgaHTTP{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		f.tokenCalls.Add(1)
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("grant_type") != "client_credentials" || id != testClientID || secret != testClientSecret ||
			r.PostForm.Get("audience") != f.URL+"/" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"access_denied","error_description":"Unauthorized"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": testIssuedToken, "expires_in": 3600, "token_type": "Bearer"})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.apiCalls.Add(1)
		auth := r.Header.Get("Authorization")
		if auth != "Bearer "+testIssuedToken && auth != "Bearer "+testStaticToken {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"code":"unauthenticated","message":"unauthenticated"}`))
			return
		}
		api.ServeHTTP(w, r)
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func newRemote(t testing.TB, e *Embedded, f *fgaHTTP, o RemoteOptions) *Remote {
	t.Helper()
	o.APIURL, o.StoreID, o.ModelID = f.URL, e.StoreID(), e.ModelID()
	r, err := NewRemote(ctxT(t), o)
	if err != nil {
		t.Fatalf("NewRemote: %v", err)
	}
	return r
}

// backends returns one fresh Authorizer per way of running OpenFGA.
func backends() []struct {
	name string
	make func(t *testing.T) Authorizer
} {
	return []struct {
		name string
		make func(t *testing.T) Authorizer
	}{
		{"embedded/memory", func(t *testing.T) Authorizer { return newEmbedded(t, EmbeddedOptions{}) }},
		{"embedded/sqlite", func(t *testing.T) Authorizer {
			return newEmbedded(t, EmbeddedOptions{Engine: EngineSQLite, URI: filepath.Join(t.TempDir(), "fga.db")})
		}},
		{"embedded/postgres", func(t *testing.T) Authorizer {
			return newEmbedded(t, EmbeddedOptions{Engine: EnginePostgres, URI: storetest.DSN(t, store.Postgres)})
		}},
		{"remote/client-credentials", func(t *testing.T) Authorizer {
			e := newEmbedded(t, EmbeddedOptions{})
			f := serveHTTP(t, e)
			return newRemote(t, e, f, RemoteOptions{ClientID: testClientID, ClientSecret: testClientSecret, TokenIssuer: f.URL})
		}},
		{"remote/api-token", func(t *testing.T) Authorizer {
			e := newEmbedded(t, EmbeddedOptions{})
			return newRemote(t, e, serveHTTP(t, e), RemoteOptions{APIToken: testStaticToken})
		}},
	}
}

var (
	appConfig     = TargetID("github", "acme/app-config")
	networkPolicy = TargetID("github", "acme/network-policy")
	appOp         = UserID("app_op")
	netOp         = UserID("net_op")
	oncall        = UserID("oncall_olga")
	incident1     = IncidentID("INC-1")
	checkout      = ServiceID("checkout")
)

// seeds is the demo story: two operators, each allowed to change only their
// own target; net_op's authority comes through team membership.
var seeds = []Tuple{
	{User: appOp, Relation: RelExecutor, Object: appConfig},
	{User: netOp, Relation: RelMember, Object: TeamID("net")},
	{User: TeamMembers("net"), Relation: RelExecutor, Object: networkPolicy},
	{User: appOp, Relation: RelMember, Object: TeamID("app")},
	{User: TeamID("app"), Relation: RelOwner, Object: checkout},
	{User: TeamMembers("app"), Relation: RelResponder, Object: checkout},
	{User: checkout, Relation: RelService, Object: incident1},
	{User: oncall, Relation: RelOwner, Object: incident1},
	{User: checkout, Relation: RelService, Object: appConfig},
}

type check struct {
	user, relation, object string
	want                   bool
}

func runChecks(t *testing.T, a Authorizer, checks []check) {
	t.Helper()
	for _, c := range checks {
		got, err := a.Check(ctxT(t), c.user, c.relation, c.object)
		if err != nil {
			t.Errorf("Check(%s, %s, %s): %v", c.user, c.relation, c.object, err)
			continue
		}
		if got != c.want {
			t.Errorf("Check(%s, %s, %s) = %v, want %v", c.user, c.relation, c.object, got, c.want)
		}
	}
}

func TestModelLoads(t *testing.T) {
	m, err := Model()
	if err != nil {
		t.Fatal(err)
	}
	if m.GetSchemaVersion() != "1.1" {
		t.Errorf("schema version %q", m.GetSchemaVersion())
	}
	want := map[string][]string{
		TypeUser:     nil,
		TypeTeam:     {RelMember},
		TypeService:  {RelOwner, RelResponder},
		TypeIncident: {RelApprover, RelManager, RelOwner, RelResponder, RelService, RelSystem, RelViewer},
		TypeSystem:   {RelAdmin, RelAuditor},
		TypeTarget:   {RelApprover, RelExecutor, RelService},
	}
	got := map[string][]string{}
	for _, td := range m.GetTypeDefinitions() {
		var rels []string
		for r := range td.GetRelations() {
			rels = append(rels, r)
		}
		sort.Strings(rels)
		got[td.GetType()] = rels
	}
	for typ, rels := range want {
		if g, ok := got[typ]; !ok || !slices.Equal(g, rels) {
			t.Errorf("type %s relations = %v, want %v", typ, g, rels)
		}
	}
	if len(got) != len(want) {
		t.Errorf("types = %v", got)
	}
	js, err := ModelJSON()
	if err != nil || !strings.Contains(js, `"schema_version":"1.1"`) {
		t.Errorf("ModelJSON = %.80s…, %v", js, err)
	}
}

func TestIDs(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{UserID("alice"), "user:alice"},
		{UserID("alice@acme.com"), "user:alice@acme.com"},
		{TeamMembers("payments"), "team:payments#member"},
		{ServiceID("checkout"), "service:checkout"},
		{IncidentID("INC-42"), "incident:INC-42"},
		{IncidentID("a b#c:d%"), "incident:a%20b%23c%3Ad%25"},
		{TargetID("github", "acme/app-config"), "target:github/acme/app-config"},
		{TargetID("k8s", "prod:ns/net policy"), "target:k8s/prod%3Ans/net%20policy"},
		{TargetID("a/b", "c"), "target:a%2Fb/c"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
		if !tuple.IsValidObject(tt.got) && !tuple.IsValidUserset(tt.got) {
			t.Errorf("%q is not a valid OpenFGA object", tt.got)
		}
	}
	for _, in := range [][2]string{{"github", "acme/app-config"}, {"a/b:c", "x y#z%/w"}, {"k8s", "ns/ü"}} {
		sys, res, ok := ParseTargetID(TargetID(in[0], in[1]))
		if !ok || sys != in[0] || res != in[1] {
			t.Errorf("ParseTargetID(TargetID(%q, %q)) = %q, %q, %v", in[0], in[1], sys, res, ok)
		}
	}
	if _, _, ok := ParseTargetID("incident:x"); ok {
		t.Error("ParseTargetID accepted an incident")
	}
}

func TestSeedsStory(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			a := b.make(t)
			ctx := ctxT(t)
			if err := a.Write(ctx, seeds, nil); err != nil {
				t.Fatalf("seed: %v", err)
			}
			// Seeding again (as every start does) and repeating a tuple in one
			// request must not fail.
			if err := a.Write(ctx, append(slices.Clone(seeds), seeds[0]), nil); err != nil {
				t.Fatalf("seed again: %v", err)
			}
			runChecks(t, a, []check{
				// targets: each operator only on their own target
				{appOp, RelExecutor, appConfig, true},
				{appOp, RelExecutor, networkPolicy, false}, // nothing forbids it, nothing grants it
				{netOp, RelExecutor, networkPolicy, true},  // via team:net#member
				{netOp, RelExecutor, appConfig, false},
				{oncall, RelExecutor, appConfig, false}, // owning the incident grants no target
				{appOp, RelApprover, appConfig, false},
				// incidents
				{oncall, RelViewer, incident1, true},   // owner
				{appOp, RelViewer, incident1, true},    // responder from service via team
				{netOp, RelViewer, incident1, false},   // not a responder
				{oncall, RelApprover, incident1, true}, // owner approves
				{appOp, RelApprover, incident1, false},
				// teams and services
				{appOp, RelMember, TeamID("app"), true},
				{netOp, RelMember, TeamID("app"), false},
				{appOp, RelResponder, checkout, true},
				// unknown objects and users: false, not an error
				{appOp, RelExecutor, TargetID("github", "acme/unknown"), false},
				{appOp, RelViewer, IncidentID("INC-404"), false},
				{UserID("mallory"), RelExecutor, appConfig, false},
				{UserID("mallory"), RelMember, TeamID("nobody"), false},
			})

			got, err := a.Read(ctx, appConfig)
			if err != nil {
				t.Fatal(err)
			}
			wantRead := []Tuple{seeds[0], seeds[8]}
			sortTuples(got)
			sortTuples(wantRead)
			if !slices.Equal(got, wantRead) {
				t.Errorf("Read(%s) = %v, want %v", appConfig, got, wantRead)
			}
			if got, err := a.Read(ctx, TargetID("github", "acme/unknown")); err != nil || len(got) != 0 {
				t.Errorf("Read(unknown) = %v, %v", got, err)
			}
			all, err := a.Read(ctx, "")
			if err != nil || len(all) != len(seeds) {
				t.Errorf("Read(all) = %d tuples, %v; want %d", len(all), err, len(seeds))
			}
		})
	}
}

func TestRevoke(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			a := b.make(t)
			ctx := ctxT(t)
			if err := a.Write(ctx, seeds, nil); err != nil {
				t.Fatal(err)
			}
			steps := []struct {
				name           string
				writes, delete []Tuple
				checks         []check
			}{
				{
					name:   "remove direct executor",
					delete: []Tuple{seeds[0]},
					checks: []check{{appOp, RelExecutor, appConfig, false}, {netOp, RelExecutor, networkPolicy, true}},
				},
				{
					name:   "remove team membership revokes team grant",
					delete: []Tuple{{User: netOp, Relation: RelMember, Object: TeamID("net")}},
					checks: []check{{netOp, RelExecutor, networkPolicy, false}},
				},
				{
					name:   "deleting a missing tuple is not an error",
					delete: []Tuple{seeds[0], {User: UserID("ghost"), Relation: RelOwner, Object: IncidentID("none")}},
					checks: []check{{appOp, RelExecutor, appConfig, false}},
				},
				{
					name:   "write and delete in one transaction",
					writes: []Tuple{seeds[0]},
					delete: []Tuple{{User: TeamMembers("app"), Relation: RelResponder, Object: checkout}},
					checks: []check{{appOp, RelExecutor, appConfig, true}, {appOp, RelViewer, incident1, false}},
				},
			}
			for _, s := range steps {
				if err := a.Write(ctx, s.writes, s.delete); err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				runChecks(t, a, s.checks)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	e := newEmbedded(t, EmbeddedOptions{})
	f := serveHTTP(t, e)
	remote := newRemote(t, e, f, RemoteOptions{APIToken: testStaticToken})
	for name, a := range map[string]Authorizer{"embedded": e, "remote": remote} {
		t.Run(name, func(t *testing.T) {
			ctx := ctxT(t)
			for _, c := range []check{
				{appOp, "no_such_relation", appConfig, false},
				{appOp, RelExecutor, "planet:earth", false}, // unknown type
				{appOp, RelExecutor, "target:a b", false},   // invalid id
			} {
				if ok, err := a.Check(ctx, c.user, c.relation, c.object); err == nil || ok {
					t.Errorf("Check(%s, %s, %s) = %v, %v; want an error", c.user, c.relation, c.object, ok, err)
				}
			}
			if err := a.Write(ctx, []Tuple{{User: appOp, Relation: RelViewer, Object: appConfig}}, nil); err == nil {
				t.Error("writing a relation the target type lacks succeeded")
			}
		})
	}

	t.Run("remote/bad-credentials", func(t *testing.T) {
		before := f.apiCalls.Load()
		bad := newRemote(t, e, f, RemoteOptions{ClientID: testClientID, ClientSecret: "wrong", TokenIssuer: f.URL})
		if ok, err := bad.Check(ctxT(t), appOp, RelExecutor, appConfig); err == nil || ok {
			t.Errorf("Check with a refused client secret = %v, %v", ok, err)
		}
		if n := f.apiCalls.Load() - before; n != 0 {
			t.Errorf("%d API calls without a token", n)
		}
		bad = newRemote(t, e, f, RemoteOptions{APIToken: "wrong"})
		_, err := bad.Check(ctxT(t), appOp, RelExecutor, appConfig)
		if err == nil || !strings.Contains(err.Error(), "401") && !strings.Contains(strings.ToLower(err.Error()), "auth") {
			t.Errorf("Check with a wrong token: %v", err)
		}
	})

	t.Run("remote/unknown-store", func(t *testing.T) {
		r, err := NewRemote(ctxT(t), RemoteOptions{APIURL: f.URL, StoreID: "01JZZZZZZZZZZZZZZZZZZZZZZZ", APIToken: testStaticToken})
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := r.Check(ctxT(t), appOp, RelExecutor, appConfig); err == nil || ok {
			t.Errorf("Check on an unknown store = %v, %v", ok, err)
		}
	})
}

func TestClientCredentialsTokenIsReused(t *testing.T) {
	e := newEmbedded(t, EmbeddedOptions{})
	f := serveHTTP(t, e)
	r := newRemote(t, e, f, RemoteOptions{ClientID: testClientID, ClientSecret: testClientSecret, TokenIssuer: f.URL})
	for range 3 {
		if _, err := r.Check(ctxT(t), appOp, RelExecutor, appConfig); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.tokenCalls.Load(); n != 1 {
		t.Errorf("token endpoint called %d times, want 1", n)
	}
}

func TestEmbeddedSQLitePersists(t *testing.T) {
	uri := filepath.Join(t.TempDir(), "fga.db")
	e1, err := NewEmbedded(ctxT(t), EmbeddedOptions{Engine: EngineSQLite, URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	if err := e1.Write(ctxT(t), seeds, nil); err != nil {
		t.Fatal(err)
	}
	store1, model1 := e1.StoreID(), e1.ModelID()
	e1.Close()

	e2 := newEmbedded(t, EmbeddedOptions{Engine: EngineSQLite, URI: "sqlite:" + uri})
	if e2.StoreID() != store1 || e2.ModelID() != model1 {
		t.Errorf("reopened store/model = %s/%s, want %s/%s", e2.StoreID(), e2.ModelID(), store1, model1)
	}
	runChecks(t, e2, []check{{appOp, RelExecutor, appConfig, true}, {appOp, RelExecutor, networkPolicy, false}})
}

func TestEmbeddedOptionsErrors(t *testing.T) {
	for _, o := range []EmbeddedOptions{{Engine: "mysql"}, {Engine: EngineSQLite}, {Engine: EnginePostgres}} {
		if e, err := NewEmbedded(ctxT(t), o); err == nil {
			e.Close()
			t.Errorf("NewEmbedded(%+v) succeeded", o)
		}
	}
	if _, err := NewRemote(ctxT(t), RemoteOptions{APIURL: "http://127.0.0.1:1"}); err == nil {
		t.Error("NewRemote without a store succeeded")
	}
}

func sortTuples(ts []Tuple) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
}

func BenchmarkCheck(b *testing.B) {
	e := newEmbedded(b, EmbeddedOptions{})
	ctx := context.Background()
	if err := e.Write(ctx, seeds, nil); err != nil {
		b.Fatal(err)
	}
	// Some bulk so lookups are not against a near-empty store.
	var bulk []Tuple
	for i := range 300 {
		n := strings.Repeat("x", i%7+1) + string(rune('a'+i%26))
		bulk = append(bulk, Tuple{User: UserID(n), Relation: RelMember, Object: TeamID("t" + n)})
		if len(bulk) == 100 {
			if err := e.Write(ctx, bulk, nil); err != nil {
				b.Fatal(err)
			}
			bulk = bulk[:0]
		}
	}
	checks := []check{
		{appOp, RelExecutor, appConfig, true},
		{appOp, RelExecutor, networkPolicy, false},
		{netOp, RelExecutor, networkPolicy, true}, // through team#member
		{appOp, RelViewer, incident1, true},       // tuple-to-userset
	}
	durs := make([]time.Duration, 0, 1<<16)
	for i := 0; b.Loop(); i++ {
		c := checks[i%len(checks)]
		start := time.Now()
		ok, err := e.Check(ctx, c.user, c.relation, c.object)
		durs = append(durs, time.Since(start))
		if err != nil || ok != c.want {
			b.Fatalf("Check(%v) = %v, %v", c, ok, err)
		}
	}
	b.StopTimer()
	slices.Sort(durs)
	pct := func(p float64) float64 { return float64(durs[int(p*float64(len(durs)-1))]) / 1e3 }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}
