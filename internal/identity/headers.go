package identity

import (
	"net/http"
	"net/url"
	"strings"
)

// DenyFraming forbids rendering the response inside a frame on any site
// (clickjacking of the sign-in pages): CSP frame-ancestors 'none' for
// current browsers and X-Frame-Options: DENY for older ones. A policy the
// handler already set keeps its directives and gains frame-ancestors.
func DenyFraming(h http.Header) {
	h.Set("X-Frame-Options", "DENY")
	switch csp := h.Get("Content-Security-Policy"); {
	case csp == "":
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	case !strings.Contains(csp, "frame-ancestors"):
		h.Set("Content-Security-Policy", csp+"; frame-ancestors 'none'")
	}
}

// sameOrigin reports whether a state-changing request was sent by a page of
// this server. Sec-Fetch-Site, set by the browser and not forgeable by a
// page, decides when present; otherwise Origin must name this host (or
// origin, the configured external origin, for servers behind a proxy that
// rewrites Host). A request with neither header is refused: every current
// browser sends at least one of them on a POST, and a client that sends
// neither has no cookie session worth ending.
func sameOrigin(r *http.Request, origin string) bool {
	if s := r.Header.Get("Sec-Fetch-Site"); s != "" {
		return s == "same-origin"
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return false
	}
	if origin != "" && o == origin {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Host == r.Host
}
