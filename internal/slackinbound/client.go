package slackinbound

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
)

// NewClient returns a slack-go client whose requests carry the token as
// "Authorization: Bearer <token>" (Slack's recommended form) instead of a
// "token" form field: slack-go's form-encoded methods, conversations.history
// among them, put the token in the request body, and BearerTransport moves it
// into the header. opts are applied after the HTTP client option (pass
// slack.OptionAPIURL to target a fake; passing slack.OptionHTTPClient
// replaces the transport and with it the header).
func NewClient(token string, opts ...slack.Option) *slack.Client {
	hc := &http.Client{
		Transport: &BearerTransport{Token: token},
		Timeout:   30 * time.Second,
	}
	all := append([]slack.Option{slack.OptionHTTPClient(hc)}, opts...)
	return slack.New(token, all...)
}

// BearerTransport sets "Authorization: Bearer <Token>" on every request that
// has no Authorization header, and removes a "token" parameter from the URL
// query and from application/x-www-form-urlencoded bodies so the token is
// never sent (or logged by a proxy) as a parameter.
type BearerTransport struct {
	Token string
	// Base is the underlying transport (http.DefaultTransport when nil).
	Base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *BearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	r := req.Clone(req.Context())
	if r.Header.Get("Authorization") == "" && t.Token != "" {
		r.Header.Set("Authorization", "Bearer "+t.Token)
	}
	if q := r.URL.Query(); q.Has("token") {
		q.Del("token")
		u := *r.URL
		u.RawQuery = q.Encode()
		r.URL = &u
	}
	if req.Body != nil && req.Body != http.NoBody && isForm(r.Header.Get("Content-Type")) {
		raw, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if vals, err := url.ParseQuery(string(raw)); err == nil && vals.Has("token") {
			vals.Del("token")
			raw = []byte(vals.Encode())
		}
		r.Body = io.NopCloser(bytes.NewReader(raw))
		r.ContentLength = int64(len(raw))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil }
	}
	return base.RoundTrip(r)
}

func isForm(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/x-www-form-urlencoded"
}
