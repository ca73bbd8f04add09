package identity

import (
	"errors"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func testTeam() config.Team {
	return config.Team{Engineers: []config.Engineer{
		{ID: "nosub", Name: "No Subject"},
		{ID: "alice", Name: "Alice A", Email: "alice@example.com", GitHub: "alice-gh", Slack: "U0ALICE", Subject: "auth0|alice"},
		{ID: "bob", Name: "Bob B", Email: "bob@example.com", GitHub: "bobgh", Slack: "U0BOB", Subject: "auth0|bob"},
	}}
}

func TestResolveViewer(t *testing.T) {
	tests := []struct {
		name    string
		subject string
		want    Viewer
		wantErr error
	}{
		{name: "alice", subject: "auth0|alice", want: Viewer{Engineer: "alice", Name: "Alice A", Email: "alice@example.com", GitHub: "alice-gh", Slack: "U0ALICE"}},
		{name: "bob", subject: "auth0|bob", want: Viewer{Engineer: "bob", Name: "Bob B", Email: "bob@example.com", GitHub: "bobgh", Slack: "U0BOB"}},
		{name: "unknown subject", subject: "auth0|mallory", wantErr: ErrUnknownViewer},
		{name: "empty subject never matches an engineer without one", subject: "", wantErr: ErrUnknownViewer},
		{name: "client-credentials subject", subject: "client-1@clients", wantErr: ErrUnknownViewer},
		{name: "subject is case-sensitive", subject: "AUTH0|alice", wantErr: ErrUnknownViewer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveViewer(testTeam(), Claims{Subject: tt.subject})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("viewer = %+v, want %+v", got, tt.want)
			}
		})
	}
}
