package config

import (
	"slices"
	"strings"
	"testing"
)

func TestEngineerSubject(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		paths []string // the path of every error, in order; nil = valid
		msg   string
	}{
		{
			name: "distinct subjects",
			src:  "team:\n  engineers:\n    - {id: alice, subject: 'auth0|a'}\n    - {id: bob, subject: 'auth0|b'}\n",
		},
		{
			name: "subjects unset on several engineers",
			src:  "team:\n  engineers:\n    - {id: alice}\n    - {id: bob}\n    - {id: carol, subject: 'auth0|c'}\n",
		},
		{
			name:  "duplicate subject",
			src:   "team:\n  engineers:\n    - {id: alice, subject: 'auth0|a'}\n    - {id: bob, subject: 'auth0|b'}\n    - {id: carol, subject: 'auth0|a'}\n",
			paths: []string{"team.engineers[2].subject"},
			msg:   `duplicate subject "auth0|a"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(strings.NewReader(tt.src))
			if tt.paths == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if f.Team.Engineers[0].Subject == "" && strings.Contains(tt.src, "alice, subject") {
					t.Errorf("subject not decoded: %+v", f.Team.Engineers[0])
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
