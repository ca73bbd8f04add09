package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/riverqueue/river"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/provider/slack"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/web"
)

// postApprovalArgs is the durable step that asks for an approval in Slack.
type postApprovalArgs struct {
	ApprovalID string `json:"approval_id"`
}

func (postApprovalArgs) Kind() string { return "slack_post_approval" }

type postApprovalWorker struct {
	river.WorkerDefaults[postApprovalArgs]
	slack *slack.Provider
	store *store.Store
	team  config.Team
}

// Work posts the request with Approve / Decline buttons, once: the provider
// finds an earlier post of the same approval before posting again.
func (w *postApprovalWorker) Work(ctx context.Context, job *river.Job[postApprovalArgs]) error {
	ap, err := w.store.GetApproval(ctx, job.Args.ApprovalID)
	if err != nil {
		return fmt.Errorf("post approval: %w", err)
	}
	if ap.Decision != incident.DecisionNone {
		return nil
	}
	a, err := w.store.GetAction(ctx, ap.ActionID)
	if err != nil {
		return fmt.Errorf("post approval: %w", err)
	}
	who, _ := people(w.team)(ap.Target)
	who.Handle = ap.Target
	_, err = w.slack.PostApprovalRequest(ctx, slack.ApprovalRequest{ApprovalID: ap.ID, IncidentID: ap.IncidentID, ActionKind: a.Kind,
		Risk: string(a.Risk), Target: a.Target, Reason: a.Reason, WaitingFor: who})
	return err
}

// slackInteractions takes Approve / Decline clicks. The request must carry
// Slack's signature; the clicking Slack user must be an engineer on the
// roster, and decides as that engineer: the engine still refuses anyone
// but the approver or a delegate, and the gates still run before anything
// executes. A verified click counts as made with the approve:actions scope.
func slackInteractions(signingSecret string, team config.Team, decider web.Decider, log *slog.Logger) http.Handler {
	bySlack := map[string]string{}
	for _, e := range team.Engineers {
		if e.Slack != "" {
			bySlack[e.Slack] = e.ID
		}
	}
	reply := func(w http.ResponseWriter, text string) {
		// Slack shows a non-200 as a failure of the app itself; a refusal
		// is an answer, shown only to the person who clicked.
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"response_type": "ephemeral", "replace_original": false, "text": text})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := slack.ParseInteraction(r, signingSecret, time.Now())
		switch {
		case errors.Is(err, slack.ErrBadSignature), errors.Is(err, slack.ErrStale):
			web.WriteError(w, http.StatusUnauthorized, "unauthenticated", "request is not signed by Slack")
			return
		case err != nil:
			web.WriteError(w, http.StatusBadRequest, "invalid", err.Error())
			return
		}
		engineer, ok := bySlack[in.SlackUserID]
		if !ok {
			reply(w, "You are not on WarRoom's roster, so you cannot decide this.")
			return
		}
		ap, err := decider.Decide(r.Context(), in.ApprovalID, engineer, in.Decision, web.ScopeApprove)
		switch {
		case err == nil:
			reply(w, fmt.Sprintf("Recorded: %s by @%s.", ap.Decision, engineer))
		case errors.Is(err, incident.ErrNotApprover):
			reply(w, "This approval is not waiting for you.")
		case errors.Is(err, incident.ErrAlreadyDecided):
			reply(w, "This approval was already decided.")
		case errors.Is(err, store.ErrNotFound):
			reply(w, "This approval no longer exists.")
		default:
			log.ErrorContext(r.Context(), "slack decision failed", "approval_id", in.ApprovalID, "error", err.Error())
			web.WriteError(w, http.StatusServiceUnavailable, "unavailable", "try again")
		}
	})
}
