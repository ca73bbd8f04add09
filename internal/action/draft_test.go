package action

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Every kind a reasoner may propose has a draft for the built-in reasoner,
// and what it drafts passes the kind's own schema; a draft that lacks what
// its kind needs says so instead of proposing an empty action.
func TestDraftsMatchSchemas(t *testing.T) {
	full := Plan{Severity: "P2", Service: "lift-gates", Reason: "scanner rejects valid passes", Reasons: []string{"38 % of scans fail"},
		Culprit: "0123456789abcdef0123456789abcdef01234567", Path: "config/gates.yaml", Change: "timeout_ms: 800 -> 2000"}
	for _, s := range Catalogue() {
		if s.Draft == nil {
			if s.Tool && s.Kind != MergePR { // a merge needs a pull request WarRoom opened: never drafted from a plan
				t.Errorf("%s: reasoner tool without a draft", s.Kind)
			}
			continue
		}
		t.Run(s.Kind, func(t *testing.T) {
			args, ok := s.Draft(full)
			if !ok {
				t.Fatalf("no draft from a complete plan")
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.Schema))
			if err != nil {
				t.Fatal(err)
			}
			c := jsonschema.NewCompiler()
			if err := c.AddResource("schema.json", doc); err != nil {
				t.Fatal(err)
			}
			schema, err := c.Compile("schema.json")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(args)
			v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err := schema.Validate(v); err != nil {
				t.Errorf("draft %s: %v", b, err)
			}
		})
	}
	for kind, p := range map[string]Plan{RevertPR: {Severity: "P1"}, ConfigChangePR: {Severity: "P1", Path: "x.yaml"}} {
		s, _ := Lookup(kind)
		if _, ok := s.Draft(p); ok {
			t.Errorf("%s drafted from a plan without what it needs", kind)
		}
	}
}
