package identity

import (
	"github.com/warroom/warroom/internal/config"
)

// Viewer is the engineer behind a request: who is looking at the dashboard
// or calling the API.
type Viewer struct {
	Engineer string // config.Engineer.ID
	Name     string
	Email    string
	GitHub   string
	Slack    string
}

// ResolveViewer finds the engineer whose Subject equals the token's subject.
// It returns ErrUnknownViewer when the subject is empty or no engineer has it.
func ResolveViewer(team config.Team, c Claims) (Viewer, error) {
	if c.Subject == "" {
		return Viewer{}, ErrUnknownViewer
	}
	for _, e := range team.Engineers {
		if e.Subject == c.Subject {
			return viewerOf(e), nil
		}
	}
	return Viewer{}, ErrUnknownViewer
}

func viewerOf(e config.Engineer) Viewer {
	return Viewer{Engineer: e.ID, Name: e.Name, Email: e.Email, GitHub: e.GitHub, Slack: e.Slack}
}
