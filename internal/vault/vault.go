// Package vault holds the credential brokers that hand WarRoom a short-lived
// provider token for one engineer at the moment an approved action executes.
//
// Two brokers implement [Broker]:
//
//   - [Auth0]: Auth0 Token Vault, an RFC 8693-style exchange of the engineer's
//     Auth0 access or refresh token for the provider ("federated connection")
//     access token that Auth0 holds on the engineer's behalf.
//   - [Builtin]: a self-hosted vault that stores each engineer's provider
//     refresh token encrypted at rest (AES-256-GCM, see [Keyring]) and
//     refreshes it with the provider on every use.
//
// Invariant 3 (credentials are fetched just in time) is enforced here: a
// broker never caches an access token, every [Broker.Token] call performs
// exactly one request to a token endpoint, and neither tokens nor client
// secrets appear in errors, in fmt output of [Token] or in slog output.
package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Broker fetches a provider access token for an engineer, just in time.
//
// provider is WarRoom's provider name (for example "github", "slack",
// "google"); scopes, when non-empty, is the set of provider scopes the action
// needs. Implementations perform one token-endpoint exchange per call and
// never cache the result.
//
// Errors wrap exactly one of [ErrTokenExpired], [ErrNotConnected],
// [ErrForbidden] or [ErrProvider] (test with errors.Is); use [NeedsReauth]
// to decide whether the engineer has to connect or re-authorize.
type Broker interface {
	Token(ctx context.Context, engineer, provider string, scopes []string) (Token, error)
}

// Redacted replaces every credential in printed and logged output.
const Redacted = "[REDACTED]"

// Token is a provider access token fetched for one call. It must be used at
// once and dropped; it is never stored.
//
// Printing a Token with any fmt verb, logging it with log/slog or encoding it
// with encoding/json never reveals AccessToken. Read the field directly (or
// use [Token.SetAuthHeader]) to use it.
type Token struct {
	AccessToken string
	TokenType   string    // "Bearer" unless the provider says otherwise
	Expiry      time.Time // zero when the provider did not say
	Scopes      []string  // granted scopes when known (see the broker docs)
}

// String returns "[REDACTED]".
func (t Token) String() string { return Redacted }

// GoString (the %#v verb) shows the non-secret fields only.
func (t Token) GoString() string {
	return fmt.Sprintf("vault.Token{AccessToken:%q, TokenType:%q, Expiry:%s, Scopes:%q}",
		Redacted, t.TokenType, t.Expiry.Format(time.RFC3339), t.Scopes)
}

// Format makes every fmt verb safe: %#v prints [Token.GoString], every other
// verb (including %d, %x and %+v) prints "[REDACTED]".
func (t Token) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, t.GoString())
		return
	}
	_, _ = io.WriteString(f, Redacted)
}

// LogValue implements slog.LogValuer; the access token is replaced.
func (t Token) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("access_token", Redacted),
		slog.String("token_type", t.TokenType),
	}
	if !t.Expiry.IsZero() {
		attrs = append(attrs, slog.Time("expiry", t.Expiry))
	}
	if len(t.Scopes) > 0 {
		attrs = append(attrs, slog.Any("scopes", t.Scopes))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON keeps tokens out of JSON (events, audit records, API
// responses): the access token is replaced by "[REDACTED]".
func (t Token) MarshalJSON() ([]byte, error) {
	out := struct {
		AccessToken string     `json:"access_token"`
		TokenType   string     `json:"token_type,omitempty"`
		Expiry      *time.Time `json:"expiry,omitempty"`
		Scopes      []string   `json:"scopes,omitempty"`
	}{AccessToken: Redacted, TokenType: t.TokenType, Scopes: t.Scopes}
	if !t.Expiry.IsZero() {
		out.Expiry = &t.Expiry
	}
	return json.Marshal(out)
}

// SetAuthHeader sets "Authorization: <type> <token>" on r.
func (t Token) SetAuthHeader(r *http.Request) {
	typ := t.TokenType
	if typ == "" || strings.EqualFold(typ, "bearer") {
		typ = "Bearer"
	}
	r.Header.Set("Authorization", typ+" "+t.AccessToken)
}

// Sentinel errors. Every error returned by a broker wraps exactly one of them.
//
// ErrTokenExpired and ErrNotConnected are distinct, but both mean the same
// thing to the engine: the action cannot run until the engineer connects the
// provider (again) or re-authorizes; suspend and ask them ([NeedsReauth]).
var (
	// ErrTokenExpired: the engineer's grant exists but is expired, revoked or
	// otherwise unusable (OAuth invalid_grant); the engineer must
	// re-authorize. An Auth0 SubjectSource should also return it when the
	// engineer has no usable Auth0 session or refresh token.
	ErrTokenExpired = errors.New("token_expired")
	// ErrNotConnected: there is no grant at all for this engineer and
	// provider (or it lacks the requested scopes); the engineer must connect
	// the provider.
	ErrNotConnected = errors.New("not_connected")
	// ErrForbidden: WarRoom's client is not allowed to perform the exchange
	// (HTTP 403, unauthorized_client). An operator has to fix configuration.
	ErrForbidden = errors.New("forbidden")
	// ErrProvider: any other failure (transport, 5xx, malformed responses,
	// misconfiguration, storage or decryption failures).
	ErrProvider = errors.New("provider_error")
)

// NeedsReauth reports whether err means the engineer has to connect or
// re-authorize the provider before the action can run.
func NeedsReauth(err error) bool {
	return errors.Is(err, ErrTokenExpired) || errors.Is(err, ErrNotConnected)
}

// Error is the concrete error returned by the brokers. It never contains a
// token or secret: provider error descriptions are scrubbed of every secret
// the broker sent and truncated.
type Error struct {
	Kind        error  // one of the sentinel errors
	Op          string // e.g. "auth0 exchange", "builtin refresh"
	Engineer    string
	Provider    string
	Status      int    // HTTP status from the token endpoint, 0 if none
	Code        string // OAuth "error" code, if any
	Description string // OAuth "error_description", scrubbed
	Msg         string // local explanation
	Err         error  // underlying cause (never an error that embeds a response body)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("vault")
	if e.Op != "" {
		b.WriteString(": ")
		b.WriteString(e.Op)
	}
	if e.Engineer != "" {
		fmt.Fprintf(&b, " engineer=%q", e.Engineer)
	}
	if e.Provider != "" {
		fmt.Fprintf(&b, " provider=%q", e.Provider)
	}
	b.WriteString(": ")
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString(ErrProvider.Error())
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.Status != 0 || e.Code != "" {
		b.WriteString(" (")
		if e.Status != 0 {
			fmt.Fprintf(&b, "HTTP %d", e.Status)
			if e.Code != "" {
				b.WriteString(" ")
			}
		}
		b.WriteString(e.Code)
		if e.Description != "" {
			fmt.Fprintf(&b, ": %q", e.Description)
		}
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes both the sentinel kind and the underlying cause, so
// errors.Is(err, ErrTokenExpired) and errors.Is(err, context.Canceled) work.
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	} else {
		errs = append(errs, ErrProvider)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// LogValue implements slog.LogValuer with the same (secret-free) fields.
func (e *Error) LogValue() slog.Value {
	return slog.StringValue(e.Error())
}

// kindOf returns the sentinel wrapped by err, or ErrProvider.
func kindOf(err error) error {
	for _, k := range []error{ErrTokenExpired, ErrNotConnected, ErrForbidden, ErrProvider} {
		if errors.Is(err, k) {
			return k
		}
	}
	return ErrProvider
}

// classifyOAuthError maps an RFC 6749 §5.2 error response to a sentinel.
func classifyOAuthError(status int, code string) error {
	switch code {
	case "federated_connection_refresh_token_not_found", "tokenset_not_found":
		return ErrNotConnected
	case "invalid_grant":
		return ErrTokenExpired
	case "unauthorized_client":
		return ErrForbidden
	}
	if status == http.StatusForbidden {
		return ErrForbidden
	}
	return ErrProvider
}

const maxDescription = 200

// scrub removes every secret from s and bounds its length.
func scrub(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 { // tiny strings would mangle text without protecting anything
			s = strings.ReplaceAll(s, sec, Redacted)
		}
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > maxDescription {
		cut := maxDescription
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// splitScopes splits a scope string on spaces and commas (GitHub returns
// comma-separated scopes).
func splitScopes(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	if len(f) == 0 {
		return nil
	}
	return f
}

// missingScopes returns the requested scopes not in granted.
func missingScopes(requested, granted []string) []string {
	have := make(map[string]bool, len(granted))
	for _, g := range granted {
		have[g] = true
	}
	var miss []string
	for _, r := range requested {
		if !have[r] {
			miss = append(miss, r)
		}
	}
	return miss
}

func defaultHTTPClient(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
