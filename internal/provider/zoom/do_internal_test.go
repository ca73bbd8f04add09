package zoom

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/warroom/warroom/internal/action"
	sandbox "github.com/warroom/warroom/internal/sandbox/zoom"
)

// Zoom's own validation errors (400 code 300) are permanent: the same body
// would fail again. The executor never builds such a body, so this drives do directly.
func TestValidationErrorIsPermanent(t *testing.T) {
	fake := sandbox.NewServer()
	fake.AddUser("tok", sandbox.User{ID: "u1", Email: "u1@example.com"})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	e := New(nil, Options{BaseURL: srv.URL + "/v2"})
	for _, body := range []map[string]any{
		{"topic": "x", "type": 5},
		{"topic": string(make([]rune, 201))},
	} {
		err := e.do(context.Background(), "tok", "POST", "/users/me/meetings", body, nil)
		var apiErr *APIError
		if !errors.Is(err, action.ErrPermanent) || !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Code != 300 {
			t.Errorf("body %v: err = %v, want permanent 400 code 300", body, err)
		}
	}
	if err := e.do(context.Background(), "tok", "GET", "/users/nobody@example.com/meetings", nil, nil); !errors.Is(err, action.ErrPermanent) {
		t.Errorf("unknown user: err = %v, want permanent", err)
	}
	if n := len(fake.Meetings("")); n != 0 {
		t.Errorf("meetings = %d, want 0", n)
	}
}
