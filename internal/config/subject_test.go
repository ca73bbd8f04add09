package config

import (
	"slices"
	"strings"
	"testing"
)

func TestEngineerSubject(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		subjects []string // decoded subjects when valid
		paths    []string // the path of every error, in order; nil = valid
		msg      string
	}{
		{
			name:     "distinct subjects",
			src:      "team:\n  engineers:\n    - {id: alice, subject: 'auth0|a'}\n    - {id: bob, subject: 'auth0|b'}\n",
			subjects: []string{"auth0|a", "auth0|b"},
		},
		{
			name:     "subject unset on several engineers",
			src:      "team:\n  engineers:\n    - {id: alice}\n    - {id: bob}\n    - {id: carol, subject: 'auth0|c'}\n",
			subjects: []string{"", "", "auth0|c"},
		},
		{
			name:  "duplicate subject",
			src:   "team:\n  engineers:\n    - {id: alice, subject: 'auth0|a'}\n    - {id: bob, subject: 'auth0|b'}\n    - {id: carol, subject: 'auth0|a'}\n",
			paths: []string{"team.engineers[2].subject"},
			msg:   `duplicate subject "auth0|a"`,
		},
		{
			name:  "subject repeated three times",
			src:   "team:\n  engineers:\n    - {id: a, subject: s}\n    - {id: b, subject: s}\n    - {id: c, subject: s}\n",
			paths: []string{"team.engineers[1].subject", "team.engineers[2].subject"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(strings.NewReader(tt.src))
			if tt.paths == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				var got []string
				for _, e := range f.Team.Engineers {
					got = append(got, e.Subject)
				}
				if !slices.Equal(got, tt.subjects) {
					t.Errorf("subjects = %q, want %q", got, tt.subjects)
				}
				return
			}
			if err == nil {
				t.Fatal("Load succeeded, want error")
			}
			var paths []string
			for _, l := range errLines(err) {
				p, _, _ := strings.Cut(l, ": ")
				paths = append(paths, p)
			}
			if !slices.Equal(paths, tt.paths) {
				t.Errorf("error paths = %q, want %q\nerror: %v", paths, tt.paths, err)
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
		})
	}
}
