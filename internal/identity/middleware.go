package identity

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Require returns middleware that admits only requests carrying a valid
// "Authorization: Bearer <jwt>" with every listed scope, and puts the
// token's Claims in the request context (see ClaimsFrom).
//
// A missing or invalid token gets 401 {"error":{"code":"unauthenticated",...}}
// with WWW-Authenticate: Bearer error="invalid_token"; a valid token without
// a required scope gets 403 with code "insufficient_scope".
func (v *Validator) Require(scopes ...string) func(http.Handler) http.Handler {
	required := append([]string(nil), scopes...)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw, ok := bearerToken(r)
			if !ok {
				unauthenticated(w, "missing bearer token")
				return
			}
			c, err := v.Validate(r.Context(), raw)
			if err != nil {
				unauthenticated(w, publicMessage(err))
				return
			}
			if missing := c.missingScopes(required); len(missing) > 0 {
				w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="`+strings.Join(required, " ")+`"`)
				writeError(w, http.StatusForbidden, "insufficient_scope", "token lacks required scope: "+strings.Join(missing, ", "))
				return
			}
			next.ServeHTTP(w, r.WithContext(ContextWithClaims(r.Context(), c)))
		})
	}
}

// bearerToken extracts the token from a single Authorization header.
func bearerToken(r *http.Request) (string, bool) {
	values := r.Header.Values("Authorization")
	if len(values) != 1 {
		return "", false
	}
	scheme, tok, ok := strings.Cut(values[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

func unauthenticated(w http.ResponseWriter, message string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	writeError(w, http.StatusUnauthorized, "unauthenticated", message)
}

// writeError writes the same JSON error shape as internal/web.WriteError:
// {"error":{"code":"...","message":"..."}}. Messages never carry a token.
func writeError(w http.ResponseWriter, status int, code, message string) {
	type detail struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error detail `json:"error"`
	}{detail{code, message}})
}
