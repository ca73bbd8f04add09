package llm

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// RecordedRequest is one request a Recorder saw.
type RecordedRequest struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Recorder is an http.RoundTripper that keeps a copy of every request it
// forwards, so a test can scan everything sent to a model provider (for
// example for secrets: invariant 1). Use it as the Transport of the
// HTTPClient given to NewAnthropic or NewOpenAI. It is safe for concurrent
// use.
type Recorder struct {
	next http.RoundTripper

	mu       sync.Mutex
	requests []RecordedRequest
}

// NewRecorder returns a Recorder forwarding to next (nil:
// http.DefaultTransport).
func NewRecorder(next http.RoundTripper) *Recorder {
	return &Recorder{next: next}
}

// Client returns an *http.Client whose transport is r.
func (r *Recorder) Client() *http.Client { return &http.Client{Transport: r} }

// RoundTrip implements http.RoundTripper. The request body is read in full,
// kept, and replayed to the wrapped transport unchanged; retries by the
// SDK are recorded as separate requests.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
		clone := req.Clone(req.Context())
		clone.Body = io.NopCloser(bytes.NewReader(b))
		clone.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		clone.ContentLength = int64(len(b))
		req = clone
	}
	r.mu.Lock()
	r.requests = append(r.requests, RecordedRequest{
		Method: req.Method,
		URL:    req.URL.String(),
		Header: req.Header.Clone(),
		Body:   body,
	})
	r.mu.Unlock()
	next := r.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(req)
}

// Bodies returns a copy of every request body sent so far, in order (nil
// for a request without a body).
func (r *Recorder) Bodies() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([][]byte, len(r.requests))
	for i, q := range r.requests {
		if q.Body != nil {
			out[i] = bytes.Clone(q.Body)
		}
	}
	return out
}

// Requests returns a copy of every request recorded so far, in order.
func (r *Recorder) Requests() []RecordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]RecordedRequest, len(r.requests))
	for i, q := range r.requests {
		out[i] = RecordedRequest{Method: q.Method, URL: q.URL, Header: q.Header.Clone(), Body: bytes.Clone(q.Body)}
	}
	return out
}

// Reset forgets every recorded request.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.requests = nil
	r.mu.Unlock()
}
