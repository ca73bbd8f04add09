package stepup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/warroom/warroom/internal/gate"
)

// Gate plugs the step-up methods into the gate chain (gate.Method) and
// settles the challenges it issues (the engine's StepUpAnswerer). CIBA is
// used for engineers with an identity-provider subject when it is
// configured; otherwise the built-in TOTP authenticator.
type Gate struct {
	CIBA *CIBA
	TOTP *TOTP
	// Subject maps an engineer to the CIBA login hint (their "sub"); "" when unknown.
	Subject func(engineer string) string
	// TOTPTimeout is how long a TOTP prompt stays open (default 10 minutes).
	TOTPTimeout time.Duration
	Now         func() time.Time
}

// Method names.
const (
	MethodCIBA = "ciba"
	MethodTOTP = "totp"
)

func (g *Gate) Name() string { return "step_up" }

func (g *Gate) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// Begin issues the challenge for req.Engineer, or denies when the engineer
// has no way to step up (no subject for CIBA and no confirmed authenticator).
func (g *Gate) Begin(ctx context.Context, req gate.Request) (gate.Verdict, error) {
	target := req.Action.Target
	if _, res, ok := strings.Cut(target, ":"); ok {
		target = res
	}
	message := fmt.Sprintf("WarRoom %s on %s", req.Action.Kind, target)
	if g.CIBA != nil && g.Subject != nil {
		if sub := g.Subject(req.Engineer); sub != "" {
			p, err := g.CIBA.Start(ctx, sub, message)
			if err != nil {
				return gate.Verdict{}, err
			}
			state, err := json.Marshal(p)
			if err != nil {
				return gate.Verdict{}, err
			}
			ch := &gate.Challenge{Method: MethodCIBA, Message: BindingMessage(message), State: state,
				PollAt: p.NextPollAt, ExpiresAt: p.ExpiresAt}
			return gate.Verdict{Detail: "CIBA push sent to @" + req.Engineer, Challenge: ch}, nil
		}
	}
	if g.TOTP != nil {
		ok, err := g.TOTP.Enrolled(ctx, req.Engineer)
		if err != nil {
			return gate.Verdict{}, err
		}
		if !ok {
			return gate.Verdict{Detail: fmt.Sprintf("@%s has no confirmed authenticator: enrol one on the dashboard", req.Engineer)}, nil
		}
		timeout := g.TOTPTimeout
		if timeout <= 0 {
			timeout = 10 * time.Minute
		}
		ch := &gate.Challenge{Method: MethodTOTP, Message: message, ExpiresAt: g.now().Add(timeout)}
		return gate.Verdict{Detail: "authenticator code requested from @" + req.Engineer, Challenge: ch}, nil
	}
	return gate.Verdict{Detail: fmt.Sprintf("no step-up method is available for @%s", req.Engineer)}, nil
}

// Poll asks the CIBA server once.
func (g *Gate) Poll(ctx context.Context, ch gate.Challenge) (gate.Outcome, gate.Challenge, error) {
	if ch.Method != MethodCIBA {
		return gate.OutcomePending, ch, nil // answered through the API, nothing to poll
	}
	if g.CIBA == nil {
		return gate.OutcomeExpired, ch, errors.New("stepup: a CIBA challenge is waiting but CIBA is not configured")
	}
	var p Pending
	if err := json.Unmarshal(ch.State, &p); err != nil {
		return gate.OutcomeExpired, ch, nil // unreadable state cannot be continued
	}
	res, next, err := g.CIBA.Poll(ctx, p)
	if err != nil {
		return gate.OutcomePending, ch, err
	}
	state, err := json.Marshal(next)
	if err != nil {
		return gate.OutcomePending, ch, err
	}
	ch.State, ch.PollAt = state, next.NextPollAt
	switch res {
	case ResultApproved:
		return gate.OutcomeApproved, ch, nil
	case ResultDenied:
		return gate.OutcomeDenied, ch, nil
	case ResultExpired:
		return gate.OutcomeExpired, ch, nil
	}
	return gate.OutcomePending, ch, nil
}

// Verify checks a TOTP code for the engineer.
func (g *Gate) Verify(ctx context.Context, engineer string, ch gate.Challenge, code string) error {
	if ch.Method != MethodTOTP || g.TOTP == nil {
		return fmt.Errorf("stepup: a %s challenge takes no code", ch.Method)
	}
	if !ch.ExpiresAt.IsZero() && !g.now().Before(ch.ExpiresAt) {
		return ErrChallengeExpired
	}
	return g.TOTP.Verify(ctx, engineer, code)
}

// ErrChallengeExpired: the prompt lapsed before the code arrived.
var ErrChallengeExpired = errors.New("stepup: challenge expired")
