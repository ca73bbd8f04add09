package web

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the JSON API described as OpenAPI 3.1, served at
// GET /v1/openapi.json. A test keeps it and the routes in step.
//
//go:embed openapi/openapi.json
var OpenAPI []byte

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(OpenAPI)
}
