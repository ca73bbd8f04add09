package action

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/warroom/warroom/internal/incident"
)

// The risk of each kind is part of the product's promise (what needs
// step-up, what is merely coordination): pinned here.
func TestCatalogueRisks(t *testing.T) {
	want := map[string]incident.Risk{
		WarRoomChannel: "low", MeetingBridge: "low", CalendarInvite: "low", StatusUpdate: "low",
		PageResponders: "medium", StakeholderEmail: "medium", ApprovePR: "medium",
		RevertPR: "high", ConfigChangePR: "high", MergePR: "critical",
	}
	if got := Kinds(); len(got) != len(want) {
		t.Fatalf("kinds = %v, want %d", got, len(want))
	}
	for kind, risk := range want {
		s, ok := Lookup(kind)
		if !ok || s.Risk != risk {
			t.Errorf("%s: %+v, want risk %s", kind, s, risk)
		}
	}
}

func TestCatalogueEntries(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Catalogue() {
		if seen[s.Kind] {
			t.Fatalf("%s listed twice", s.Kind)
		}
		seen[s.Kind] = true
		if s.Class != incident.ClassProtected {
			t.Errorf("%s is %s: every action changes something outside WarRoom", s.Kind, s.Class)
		}
		var schema struct {
			Type                 string         `json:"type"`
			AdditionalProperties *bool          `json:"additionalProperties"`
			Properties           map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(s.Schema, &schema); err != nil || schema.Type != "object" ||
			schema.AdditionalProperties == nil || *schema.AdditionalProperties {
			t.Errorf("%s: schema is not a closed object: %s (%v)", s.Kind, s.Schema, err)
		}
		for _, p := range []string{"repo", "engineer", "owner", "token", "email", "user", "run_as"} {
			if _, ok := schema.Properties[p]; ok {
				t.Errorf("%s: the reasoner could name %q", s.Kind, p)
			}
		}
		if s.Target.System == "" || s.Description == "" {
			t.Errorf("%s lacks a target system or description", s.Kind)
		}
		if (s.Provider == "") != (len(s.Scopes) == 0) && s.Kind != MeetingBridge {
			t.Errorf("%s: provider %q with scopes %v", s.Kind, s.Provider, s.Scopes)
		}
		if s.FollowUp != "" {
			if _, ok := Lookup(s.FollowUp); !ok {
				t.Errorf("%s follows up with unknown %s", s.Kind, s.FollowUp)
			}
		}
	}
	if got := (Target{System: "github", Repo: true}).For("i1", "acme/shop"); got != "github:acme/shop" {
		t.Errorf("repo target %q", got)
	}
	if got := (Target{System: "slack"}).For("i1", "acme/shop"); got != "slack:incident-i1" {
		t.Errorf("incident target %q", got)
	}
	// Callers get copies.
	s, _ := Lookup(RevertPR)
	s.Scopes[0] = "admin"
	if again, _ := Lookup(RevertPR); !slices.Equal(again.Scopes, []string{"repo"}) {
		t.Fatal("a caller changed the catalogue")
	}
}

func TestSecretRedacts(t *testing.T) {
	s := Secret("tok")
	b, _ := json.Marshal(Request{Token: s})
	if s.String() != "[REDACTED]" || s.GoString() != "[REDACTED]" || slices.Contains([]string{string(b)}, "tok") || s.Reveal() != "tok" {
		t.Fatalf("secret leaks: %s", b)
	}
}
