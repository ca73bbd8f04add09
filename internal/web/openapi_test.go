package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/web"
	"github.com/warroom/warroom/internal/webhook"
)

// Every route the server registers is in the OpenAPI document, and every
// operation the document names is a route (or, marked x-mounted-by, one
// the app mounts), so the published API cannot drift from the real one.
func TestOpenAPIMatchesTheRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(web.OpenAPI, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("document: %v (openapi %q)", err, doc.OpenAPI)
	}
	documented := map[string]bool{}
	mounted := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			pattern := strings.ToUpper(method) + " " + path
			var o struct {
				MountedBy string `json:"x-mounted-by"`
			}
			_ = json.Unmarshal(op, &o)
			if o.MountedBy != "" {
				mounted[pattern] = true
				continue
			}
			documented[pattern] = true
		}
	}
	st := storetest.Open(t, store.SQLite)
	srv := &web.Server{Store: st, Gatherer: prometheus.NewRegistry(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		API:    &web.API{Auth: tokenAuth{}, Store: st, Access: responders{}, Enroller: &fakeEnroller{confirmed: map[string]bool{}}},
		Ingest: &web.Ingest{Sources: map[string]webhook.Authenticator{}, SlackSigningSecret: "s", MaxBodyBytes: 1 << 20}}
	h := srv.Handler(prometheus.NewRegistry())
	routes := srv.Routes()
	for _, r := range routes {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for pattern := range documented {
		if !slices.Contains(routes, pattern) {
			t.Errorf("openapi.json documents %s, which is not a route", pattern)
		}
	}
	if len(mounted) != 1 || !mounted["POST /v1/slack/interactions"] {
		t.Errorf("mounted operations %v", mounted)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/openapi.json", nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || rec.Body.Len() != len(web.OpenAPI) {
		t.Fatalf("GET /v1/openapi.json: %d %s", rec.Code, rec.Header())
	}
}
