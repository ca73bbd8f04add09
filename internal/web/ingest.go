package web

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/intake"
	"github.com/warroom/warroom/internal/slackinbound"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/webhook"
)

// Intake is where authenticated, parsed input goes; it returns once stored.
type Intake interface {
	Accept(ctx context.Context, d intake.Delivery) error
	AcceptReport(ctx context.Context, r store.Report, signature string) (bool, error)
}

// Ingest holds the receivers' dependencies.
type Ingest struct {
	Intake  Intake
	Sources map[string]webhook.Authenticator // by source name; a missing source is refused
	// SlackSigningSecret enables POST /v1/slack/events when set.
	SlackSigningSecret string
	MaxBodyBytes       int64
	// BodyReadTimeout bounds reading one request body (default 15s: 1 MiB
	// at 70 KB/s); a sender that trickles its body is cut off with 408.
	BodyReadTimeout time.Duration
	// MaxPendingBodies bounds the bodies read at once before their sender
	// is authenticated (HMAC sources and Slack, whose signature covers the
	// body); past it a request gets 503 with Retry-After at once (default 64,
	// so at most 64 × MaxBodyBytes of unauthenticated input is held).
	MaxPendingBodies int
	Now              func() time.Time
}

// Ingest defaults.
const (
	DefaultBodyReadTimeout  = 15 * time.Second
	DefaultMaxPendingBodies = 64
)

type parser func(body []byte, contentType string) ([]incident.Alert, error)

func jsonOnly(p func([]byte) ([]incident.Alert, error)) parser {
	return func(body []byte, _ string) ([]incident.Alert, error) { return p(body) }
}

var receivers = []struct {
	source, path string
	parse        parser
	mediaTypes   []string
}{
	{"alertmanager", "/v1/alerts/alertmanager", jsonOnly(webhook.ParseAlertmanager), []string{"application/json"}},
	{"grafana", "/v1/alerts/grafana", jsonOnly(webhook.ParseGrafana), []string{"application/json"}},
	{"datadog", "/v1/alerts/datadog", webhook.ParseDatadog, []string{"application/json", "application/x-www-form-urlencoded"}},
	{"generic", "/v1/alerts", jsonOnly(webhook.ParseGeneric), []string{"application/json"}},
}

func (s *Server) routeIngest() {
	if s.Ingest == nil {
		return
	}
	s.unauthBodies = make(chan struct{}, cmp.Or(s.Ingest.MaxPendingBodies, DefaultMaxPendingBodies))
	for _, rc := range receivers {
		s.handleFunc("POST "+rc.path, s.receiveAlerts(rc.source, rc.parse, rc.mediaTypes))
	}
	s.handleFunc("POST /v1/slack/events", s.receiveSlack)
}

// mediaType enforces the Content-Type; it writes the error response itself.
func mediaType(w http.ResponseWriter, r *http.Request, mediaTypes []string) (string, bool) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !slices.Contains(mediaTypes, mt) {
		WriteError(w, http.StatusUnsupportedMediaType, "unsupported_media_type",
			fmt.Sprintf("Content-Type must be one of %v", mediaTypes))
		return "", false
	}
	return mt, true
}

// pendingBody takes one of the slots for reading a body before its sender
// is authenticated, or answers 503 at once when none is free (queueing would
// let slow senders hold the server). Call release when the sender is
// authenticated or refused.
func (s *Server) pendingBody(w http.ResponseWriter) (release func(), ok bool) {
	select {
	case s.unauthBodies <- struct{}{}:
		return func() { <-s.unauthBodies }, true
	default:
		w.Header().Set("Retry-After", "1")
		WriteError(w, http.StatusServiceUnavailable, "too_many_pending",
			"too many requests are being read before authentication; retry")
		return nil, false
	}
}

// readBody enforces the size limit and the read deadline and returns the
// exact bytes (signatures cover them). It writes the error response itself.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	rc := http.NewResponseController(w)
	// Errors mean the writer cannot set deadlines (a test recorder); the
	// server's ReadTimeout still bounds the read there.
	_ = rc.SetReadDeadline(time.Now().Add(cmp.Or(s.Ingest.BodyReadTimeout, DefaultBodyReadTimeout)))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.Ingest.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		WriteError(w, http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("body exceeds %d bytes", tooBig.Limit))
		return nil, false
	case errors.Is(err, os.ErrDeadlineExceeded):
		w.Header().Set("Connection", "close")
		WriteError(w, http.StatusRequestTimeout, "body_timeout", "the request body was not received in time")
		return nil, false
	case err != nil:
		WriteError(w, http.StatusBadRequest, "unreadable_body", "could not read the request body")
		return nil, false
	}
	return body, true
}

// refuseUnread answers 401 to a request whose body was not read, and closes
// the connection rather than drain a body nobody will look at.
func refuseUnread(w http.ResponseWriter, err error) {
	w.Header().Set("Connection", "close")
	writeAuthError(w, err)
}

// authenticatedBody reads a request's body and authenticates its sender,
// writing the error response itself. A sender that can be refused on its
// headers is refused before anything is read; otherwise the body is read in
// one of the bounded pre-authentication slots, held until the check is done.
func (s *Server) authenticatedBody(w http.ResponseWriter, r *http.Request, auth webhook.Authenticator, mediaTypes []string) ([]byte, string, bool) {
	if ha, ok := auth.(webhook.HeaderAuthenticator); ok {
		if err := ha.AuthenticateHeaders(r.Header, s.Ingest.Now()); err != nil {
			refuseUnread(w, err)
			return nil, "", false
		}
	}
	mt, ok := mediaType(w, r, mediaTypes)
	if !ok {
		return nil, "", false
	}
	if _, ok := auth.(webhook.HeaderAuthenticator); !ok {
		release, ok := s.pendingBody(w)
		if !ok {
			return nil, "", false
		}
		defer release()
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return nil, "", false
	}
	if err := auth.Authenticate(r.Header, body, s.Ingest.Now()); err != nil {
		writeAuthError(w, err)
		return nil, "", false
	}
	return body, mt, true
}

// slackAuth checks Slack's request signature, which covers the body.
type slackAuth string

func (secret slackAuth) Authenticate(h http.Header, body []byte, now time.Time) error {
	return slackinbound.Verify(h, body, string(secret), now)
}

func (s *Server) receiveAlerts(source string, parse parser, mediaTypes []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth, ok := s.Ingest.Sources[source]
		if !ok {
			w.Header().Set("Connection", "close")
			WriteError(w, http.StatusUnauthorized, "unknown_source", "source "+source+" is not configured")
			return
		}
		body, mt, ok := s.authenticatedBody(w, r, auth, mediaTypes)
		if !ok {
			return
		}
		alerts, err := parse(body, mt)
		if err != nil {
			WriteError(w, http.StatusBadRequest, "malformed", err.Error())
			return
		}
		d := intake.Delivery{Source: source, Alerts: alerts}
		// A signed timestamp bounds how long a signature must be remembered,
		// so only those signatures are replay-guarded.
		if h, ok := auth.(webhook.HMACSignature); ok && h.TimestampHeader != "" {
			d.Signature = replayKey(r.Header.Get(h.TimestampHeader), body)
		}
		if err := s.Ingest.Intake.Accept(r.Context(), d); err != nil {
			s.writeIntakeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusAccepted, map[string]any{"accepted": len(alerts)})
	}
}

func writeAuthError(w http.ResponseWriter, err error) {
	if errors.Is(err, webhook.ErrStale) || errors.Is(err, slackinbound.ErrStale) {
		WriteError(w, http.StatusUnauthorized, "stale_timestamp", "the signed timestamp is outside the allowed window")
		return
	}
	WriteError(w, http.StatusUnauthorized, "unauthenticated", "missing or invalid credentials")
}

func (s *Server) writeIntakeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, intake.ErrReplayed):
		WriteError(w, http.StatusConflict, "replayed", "this signed request was already accepted")
	case errors.Is(err, incident.ErrInvalid):
		WriteError(w, http.StatusBadRequest, "malformed", err.Error())
	default:
		// Nothing was stored: tell the sender to retry (monitoring systems retry on 5xx).
		s.Logger.ErrorContext(r.Context(), "intake failed", "error", err.Error())
		w.Header().Set("Retry-After", "1")
		WriteError(w, http.StatusServiceUnavailable, "store_unavailable", "the alert could not be stored; retry")
	}
}

// receiveSlack takes Slack Events API deliveries. Slack expects a 2xx within
// three seconds; the incident-or-chatter decision runs afterwards as a step.
func (s *Server) receiveSlack(w http.ResponseWriter, r *http.Request) {
	if s.Ingest.SlackSigningSecret == "" {
		w.Header().Set("Connection", "close")
		WriteError(w, http.StatusUnauthorized, "unknown_source", "Slack is not configured")
		return
	}
	body, _, ok := s.authenticatedBody(w, r, slackAuth(s.Ingest.SlackSigningSecret), []string{"application/json"})
	if !ok {
		return
	}
	env, err := slackinbound.ParseEvent(body)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "malformed", err.Error())
		return
	}
	switch env.Type {
	case "url_verification":
		writeJSON(w, http.StatusOK, map[string]string{"challenge": env.Challenge})
		return
	case "app_rate_limited":
		s.Logger.WarnContext(r.Context(), "Slack is throttling event delivery; the poller will catch up", "team", env.TeamID)
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
		return
	}
	if env.Message == nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "ignored": "not a message event"})
		return
	}
	if human, why := env.Message.FromHuman(); !human {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "ignored": why})
		return
	}
	m := env.Message
	rep := store.Report{ID: uuid.Must(uuid.NewV7()).String(), Source: "slack", Channel: m.Channel, TS: m.TS,
		EventID: env.EventID, User: m.User, Text: m.Text, Raw: body, ReceivedAt: s.Ingest.Now()}
	stored, err := s.Ingest.Intake.AcceptReport(r.Context(), rep, replayKey(r.Header.Get("X-Slack-Request-Timestamp"), body))
	switch {
	case errors.Is(err, intake.ErrReplayed) && r.Header.Get("X-Slack-Retry-Num") != "":
		// Slack re-sent a delivery it had signed before: acknowledge, store nothing.
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "duplicate": true})
	case err != nil:
		s.writeIntakeError(w, r, err)
	case !stored:
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "duplicate": true})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
	}
}

// replayKey identifies a signed request by what its signature covers (the
// timestamp and the exact body), not by the signature's spelling: a
// "sha256=" prefix or upper-case hex must not make a replay look new.
func replayKey(timestamp string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(timestamp))
	h.Write([]byte{':'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
